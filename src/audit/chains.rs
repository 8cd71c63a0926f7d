//! Netfilter rule sets (from `iptables-save`, `nft list ruleset`, `nft -j list ruleset`) as
//! tables of chains, and a chain followed as the kernel evaluates it, jumps and gotos inlined,
//! into the ordered rows the first-match evaluator reads. A rule inlined under a jump carries
//! the jump's match too; a `return` becomes a row that skips to the end of its chain's rows
//! (for a chain entered by `goto`, of its caller's); a base chain ends with its policy.

use super::Families;
pub(super) use super::cond::Cond;
use super::import::ExistingRule;

/// What a rule does with the packets it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Accept,
    Drop,
    Jump(String),
    Goto(String),
    Return,
    /// Nothing decided (a counter, a log): the next rule sees the packet.
    Next,
}

/// One rule: where it is, what it matches, what it does.
#[derive(Clone, Debug)]
pub(super) struct Spec {
    pub line: usize,
    pub cond: Cond,
    pub verdict: Verdict,
}

/// A chain; a base chain has a hook and a policy (true: accept).
#[derive(Clone, Debug)]
pub(super) struct Chain {
    pub name: String,
    pub line: usize,
    pub hook: Option<String>,
    pub policy: Option<bool>,
    pub rules: Vec<Spec>,
}

/// A table: its chains, and the families its rules see (`inet`: both).
#[derive(Clone, Debug)]
pub(super) struct Table {
    pub name: String,
    pub families: Families,
    pub chains: Vec<Chain>,
}

/// Most nested jumps followed (the kernel allows 16 for nftables).
const MAX_DEPTH: usize = 32;

/// Most work (rules visited, rows made, networks compared) spent following one start chain:
/// jumps can make a short file name the same chain millions of times over.
const MAX_WORK: u64 = 5_000_000;

/// Why a chain cannot be followed.
#[derive(Debug)]
pub(super) struct FlattenError {
    pub line: usize,
    pub message: String,
}

/// A chain followed: its rows, and the lines of the rules whose matches the audit cannot judge,
/// with those matches.
#[derive(Debug)]
pub(super) struct Flat {
    pub rows: Vec<ExistingRule>,
    pub unjudged: Vec<(usize, String)>,
}

/// The rows of `table`'s chain `start` as the kernel evaluates them, ending with its policy
/// (none for a chain without one: what falls through is dropped, as the audit reads any list).
pub(super) fn flatten(table: &Table, start: usize) -> Result<Flat, FlattenError> {
    let mut f = Flattener {
        table,
        out: Vec::new(),
        unjudged: Vec::new(),
        stack: Vec::new(),
        work: 0,
    };
    let mut returns = Vec::new();
    let all = Cond::all(table.families);
    f.inline(start, &all, &mut returns)?;
    let chain = &table.chains[start];
    let end = f.out.len();
    f.patch(&returns, end);
    if let Some(accept) = chain.policy {
        f.out.extend(all.rows(chain.line, accept, None));
    }
    f.unjudged.sort();
    f.unjudged.dedup();
    Ok(Flat {
        rows: super::import::numbered(f.out),
        unjudged: f.unjudged,
    })
}

struct Flattener<'a> {
    table: &'a Table,
    out: Vec<ExistingRule>,
    unjudged: Vec<(usize, String)>,
    /// The chains being inlined, outermost first: a jump to one of them is a loop.
    stack: Vec<usize>,
    work: u64,
}

impl Flattener<'_> {
    /// The rows of chain `at` under `ctx`; the rows of its returns are added to `returns`
    /// (their target is set by the caller, once it is known).
    fn inline(
        &mut self,
        at: usize,
        ctx: &Cond,
        returns: &mut Vec<usize>,
    ) -> Result<(), FlattenError> {
        let table = self.table;
        let chain = &table.chains[at];
        self.stack.push(at);
        for spec in &chain.rules {
            self.work += 1;
            let c = ctx.and(&spec.cond, &mut self.work);
            if self.work > MAX_WORK || self.out.len() > super::MAX_AUDIT_ROWS {
                return Err(self.too_much(spec.line));
            }
            if c.never {
                continue;
            }
            // Noted where the match is written (a jump's, once, not under each rule it reaches).
            if !spec.cond.unjudged.is_empty() && !matches!(spec.verdict, Verdict::Next) {
                self.unjudged
                    .push((spec.line, spec.cond.unjudged.join(" ")));
            }
            match &spec.verdict {
                Verdict::Next => {}
                Verdict::Accept | Verdict::Drop => {
                    let rows = c.rows(spec.line, spec.verdict == Verdict::Accept, None);
                    self.work += rows.len() as u64;
                    self.out.extend(rows);
                }
                Verdict::Return => self.skip(&c, spec.line, returns),
                Verdict::Jump(name) | Verdict::Goto(name) => {
                    let target = self.target(name, spec.line)?;
                    if matches!(spec.verdict, Verdict::Goto(_)) {
                        // The goto'd chain returns (or ends) to this chain's caller.
                        self.inline(target, &c, returns)?;
                        self.skip(&c, spec.line, returns);
                    } else {
                        let mut inner = Vec::new();
                        self.inline(target, &c, &mut inner)?;
                        let end = self.out.len();
                        self.patch(&inner, end);
                    }
                }
            }
        }
        self.stack.pop();
        Ok(())
    }

    /// Rows sending what `c` matches to the end of the current chain (patched later).
    fn skip(&mut self, c: &Cond, line: usize, returns: &mut Vec<usize>) {
        for row in c.rows(line, false, Some(usize::MAX)) {
            returns.push(self.out.len());
            self.out.push(row);
        }
    }

    fn patch(&mut self, rows: &[usize], to: usize) {
        for &i in rows {
            self.out[i].skip_to = Some(to);
        }
    }

    /// The chain a jump names, refused when it is not in the table, is already being followed
    /// (a loop) or nests too deep.
    fn target(&self, name: &str, line: usize) -> Result<usize, FlattenError> {
        let err = |message: String| FlattenError { line, message };
        let chains = &self.table.chains;
        let Some(at) = chains.iter().position(|c| c.name == name) else {
            return Err(err(format!(
                "jump to chain `{}`, which the table `{}` does not have",
                super::clip(name),
                super::clip(&self.table.name)
            )));
        };
        if self.stack.contains(&at) {
            let path: Vec<&str> = (self.stack.iter())
                .map(|&i| chains[i].name.as_str())
                .chain([name])
                .collect();
            return Err(err(format!(
                "jump loop: {} (the kernel refuses such a rule set)",
                super::clip(&path.join(" -> "))
            )));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(err(format!(
                "jumps nest more than {MAX_DEPTH} chains deep; audit a chain further in with --chain"
            )));
        }
        Ok(at)
    }

    fn too_much(&self, line: usize) -> FlattenError {
        FlattenError {
            line,
            message: format!(
                "following the jumps from chain `{}` takes more than {} rows or {MAX_WORK} steps (chains reached many times over); audit one chain with --chain",
                super::clip(&self.table.chains[self.stack[0]].name),
                super::MAX_AUDIT_ROWS
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{PortRange, Transport};

    fn spec(line: usize, dport: Option<u16>, verdict: Verdict) -> Spec {
        let mut cond = Cond::all(Families::BOTH);
        if let Some(p) = dport {
            cond.protos = Some(vec![Transport::Tcp]);
            cond.ports = Some(vec![PortRange::single(p)]);
        }
        Spec {
            line,
            cond,
            verdict,
        }
    }

    fn chain(name: &str, policy: Option<bool>, rules: Vec<Spec>) -> Chain {
        Chain {
            name: name.into(),
            line: 1,
            hook: policy.map(|_| "forward".into()),
            policy,
            rules,
        }
    }

    fn table(chains: Vec<Chain>) -> Table {
        Table {
            name: "t".into(),
            families: Families::BOTH,
            chains,
        }
    }

    /// A jump inlines its chain; a return there skips the rest of it; a goto's chain returns
    /// past its caller; the policy ends the base chain.
    #[test]
    fn jumps_returns_and_gotos_become_rows_with_skips() {
        let t = table(vec![
            chain(
                "base",
                Some(false),
                vec![
                    spec(2, None, Verdict::Jump("a".into())),
                    spec(3, Some(80), Verdict::Accept),
                ],
            ),
            chain(
                "a",
                None,
                vec![
                    spec(5, Some(22), Verdict::Return),
                    spec(6, None, Verdict::Goto("b".into())),
                ],
            ),
            chain("b", None, vec![spec(8, Some(443), Verdict::Accept)]),
        ]);
        let Flat { rows, unjudged } = flatten(&t, 0).unwrap();
        assert!(unjudged.is_empty());
        let seen: Vec<(usize, bool, Option<usize>)> =
            rows.iter().map(|r| (r.line, r.allow, r.skip_to)).collect();
        // 5: return to after a's rows (3); 8 from b; 6: b's end returns past a, to 3 too;
        // 3: accept 80; 1: the policy.
        assert_eq!(
            seen,
            [
                (5, false, Some(3)),
                (8, true, None),
                (6, false, Some(3)),
                (3, true, None),
                (1, false, None)
            ]
        );
    }

    #[test]
    fn loops_and_unknown_chains_are_refused_with_their_line() {
        let t = table(vec![
            chain(
                "base",
                Some(true),
                vec![spec(2, None, Verdict::Jump("a".into()))],
            ),
            chain(
                "a",
                None,
                vec![spec(4, Some(1), Verdict::Jump("base".into()))],
            ),
        ]);
        let e = flatten(&t, 0).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(
            e.message.contains("jump loop: base -> a -> base"),
            "{}",
            e.message
        );
        let t = table(vec![chain(
            "base",
            Some(true),
            vec![spec(2, None, Verdict::Goto("x".into()))],
        )]);
        assert!(
            flatten(&t, 0)
                .unwrap_err()
                .message
                .contains("does not have")
        );
    }

    /// 25 chains each jumping twice to the next would be 33 million copies of the last: the
    /// work is bounded and the file refused, quickly.
    #[test]
    fn exponential_jumps_are_refused() {
        let mut chains = Vec::new();
        for i in 0..25 {
            let next = format!("c{}", i + 1);
            chains.push(chain(
                &format!("c{i}"),
                (i == 0).then_some(false),
                vec![
                    spec(i * 3 + 1, Some(80), Verdict::Jump(next.clone())),
                    spec(i * 3 + 2, Some(80), Verdict::Jump(next)),
                ],
            ));
        }
        chains.push(chain(
            "c25",
            None,
            vec![spec(999, Some(80), Verdict::Accept)],
        ));
        let started = std::time::Instant::now();
        let e = flatten(&table(chains), 0).unwrap_err();
        assert!(e.message.contains("rows or 5000000 steps"), "{}", e.message);
        assert!(started.elapsed().as_secs() < 20);
    }
}
