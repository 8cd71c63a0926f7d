//! `nft list ruleset` (and `nft -a`, with handles): tables of the `ip`, `ip6` and `inet`
//! families (others are skipped), their named sets and chains, one rule a line. Matches are read
//! by [`super::nft_match`]; a statement the audit does not know makes its rule unjudged.

use super::Families;
use super::chains::{Chain, Cond, Spec, Table, Verdict};
use super::csv::CsvError;
use super::nft_json::families;
use super::nft_match::{Key, Sets, apply};

fn err(line: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        line,
        message: message.into(),
    }
}

/// Words, quoted strings (without their quotes), and `{`, `}`, `,`, `;` as words of their own;
/// a `#` outside quotes ends the line (`# handle 4`).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = line.chars();
    let flush = |w: &mut String, out: &mut Vec<String>| {
        if !w.is_empty() {
            out.push(std::mem::take(w));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    word.push(c);
                }
                out.push(std::mem::take(&mut word));
            }
            '#' => break,
            '{' | '}' | ',' | ';' => {
                flush(&mut word, &mut out);
                out.push(c.to_string());
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut out);
    out
}

/// What a block is.
enum Block {
    Table(usize),
    Chain,
    Set(String),
    Other,
}

/// The reader's state between lines.
#[derive(Default)]
struct Reader {
    tables: Vec<Table>,
    table_sets: Vec<Sets>,
    /// Rules wait for the table's sets, which may be listed after the chains that use them.
    pending: Vec<(usize, usize, usize, Vec<String>)>,
    stack: Vec<Block>,
    /// The depth of blocks in a table of a family the audit skips.
    skipped_table: usize,
}

impl Reader {
    /// One statement (a line, or lines joined until their braces close).
    fn statement(&mut self, line: usize, w: &[String]) -> Result<(), CsvError> {
        let Some(first) = w.first().map(String::as_str) else {
            return Ok(());
        };
        if self.skipped_table > 0 {
            self.skipped_table = (self.skipped_table + usize::from(opens_block(w)))
                .saturating_sub(usize::from(first == "}"));
            return Ok(());
        }
        if first == "}" {
            if self.stack.pop().is_none() {
                return Err(err(line, "a `}` closes nothing"));
            }
            return Ok(());
        }
        let table_at = self.stack.iter().rev().find_map(|b| match b {
            Block::Table(t) => Some(*t),
            _ => None,
        });
        match (self.stack.last(), first) {
            (None, "table") => {
                let (Some(family), Some(name)) = (w.get(1), w.get(2)) else {
                    return Err(err(line, "expected `table FAMILY NAME {`"));
                };
                match families(family) {
                    Some(families) => {
                        self.tables.push(Table {
                            name: name.clone(),
                            families,
                            chains: Vec::new(),
                        });
                        self.table_sets.push(Sets::new());
                        self.stack.push(Block::Table(self.tables.len() - 1));
                    }
                    None => self.skipped_table = 1,
                }
            }
            (None, _) => {
                return Err(err(
                    line,
                    format!(
                        "`{}` outside a table: is this `nft list ruleset` output?",
                        super::clip(first)
                    ),
                ));
            }
            (Some(Block::Table(t)), "chain") => {
                self.tables[*t].chains.push(Chain {
                    name: w.get(1).cloned().unwrap_or_default(),
                    line,
                    hook: None,
                    policy: None,
                    rules: Vec::new(),
                });
                self.stack.push(Block::Chain);
            }
            (Some(Block::Table(_)), "set") => {
                self.stack
                    .push(Block::Set(w.get(1).cloned().unwrap_or_default()));
            }
            (Some(Block::Table(_)), _) if opens_block(w) => self.stack.push(Block::Other),
            (Some(Block::Set(name)), "elements") => {
                let t = table_at.unwrap_or_default();
                let elems: Vec<String> = (w.iter().skip(2))
                    .filter(|x| !matches!(x.as_str(), "{" | "}" | "," | "="))
                    .cloned()
                    .collect();
                self.table_sets[t].insert(name.clone(), elems);
            }
            (Some(Block::Chain), "type") => {
                let t = table_at.unwrap_or_default();
                let chain = self.tables[t]
                    .chains
                    .last_mut()
                    .ok_or_else(|| err(line, "no chain"))?;
                let after = |key: &str| w.iter().position(|x| x == key).and_then(|i| w.get(i + 1));
                chain.hook = after("hook").cloned();
                chain.policy = Some(after("policy").map(String::as_str) != Some("drop"));
            }
            (Some(Block::Chain), "policy") => {
                let t = table_at.unwrap_or_default();
                if let Some(chain) = self.tables[t].chains.last_mut() {
                    chain.policy = Some(w.get(1).map(String::as_str) != Some("drop"));
                }
            }
            (Some(Block::Chain), _) => {
                let t = table_at.unwrap_or_default();
                let chain = self.tables[t].chains.len() - 1;
                self.pending.push((t, chain, line, w.to_vec()));
            }
            (Some(Block::Table(_) | Block::Set(_)), _) => {}
            (Some(Block::Other), _) => {
                if opens_block(w) {
                    self.stack.push(Block::Other);
                }
            }
        }
        Ok(())
    }
}

/// The tables of the ruleset.
pub(super) fn parse(text: &str) -> Result<Vec<Table>, CsvError> {
    let mut r = Reader::default();
    let mut lines = text.lines().enumerate();
    while let Some((i, raw)) = lines.next() {
        let line = i + 1;
        let mut w = words(raw);
        // A statement whose braces open on one line and close on another (set elements).
        let mut depth = brace_depth(&w);
        while depth > 0 && !opens_block(&w) {
            let Some((_, more)) = lines.next() else {
                return Err(err(line, "a `{` is not closed"));
            };
            let more = words(more);
            depth += brace_depth(&more);
            w.extend(more);
        }
        r.statement(line, &w)?;
    }
    if !r.stack.is_empty() {
        return Err(err(text.lines().count(), "a block is not closed with `}`"));
    }
    let mut tables = r.tables;
    for (t, chain, line, w) in r.pending {
        let spec = rule(&w, line, tables[t].families, &r.table_sets[t])?;
        tables[t].chains[chain].rules.push(spec);
    }
    Ok(tables)
}

fn brace_depth(w: &[String]) -> isize {
    w.iter()
        .map(|x| match x.as_str() {
            "{" => 1,
            "}" => -1,
            _ => 0,
        })
        .sum()
}

/// `chain NAME {`, `set NAME {`, `map NAME {`: a line ending in an unclosed `{`.
fn opens_block(w: &[String]) -> bool {
    w.last().is_some_and(|x| x == "{") && brace_depth(w) == 1
}

/// Words that start a statement: an unknown statement runs until one of them.
const STARTS: [&str; 29] = [
    "ip", "ip6", "tcp", "udp", "th", "meta", "ct", "iifname", "oifname", "iif", "oif", "icmp",
    "icmpv6", "sctp", "counter", "log", "limit", "comment", "accept", "drop", "reject", "jump",
    "goto", "return", "continue", "queue", "l4proto", "fib", "mark",
];

/// A value: `{ a, b }` (its elements), or one word; with the index after it.
fn value(w: &[String], at: usize) -> (Vec<String>, usize) {
    if w.get(at).map(String::as_str) != Some("{") {
        return (w.get(at).cloned().into_iter().collect(), at + 1);
    }
    let mut out = Vec::new();
    let mut i = at + 1;
    while let Some(x) = w.get(i) {
        i += 1;
        match x.as_str() {
            "}" => break,
            "," => {}
            _ => out.push(x.clone()),
        }
    }
    (out, i)
}

fn rule(w: &[String], line: usize, families: Families, sets: &Sets) -> Result<Spec, CsvError> {
    let mut cond = Cond::all(families);
    let mut verdict = Verdict::Next;
    let mut i = 0;
    while i < w.len() {
        let word = w[i].as_str();
        let next = w.get(i + 1).map_or("", String::as_str);
        // `iifname "x"` and `meta iifname "x"`: the same key.
        let (proto, field, after) = match word {
            "ip" | "ip6" | "tcp" | "udp" | "th" | "meta" | "ct" | "icmp" | "icmpv6" | "sctp" => {
                (word, next, i + 2)
            }
            "l4proto" | "nfproto" | "iifname" | "oifname" | "iif" | "oif" | "mark" => {
                ("meta", word, i + 1)
            }
            _ => ("", "", i),
        };
        if !proto.is_empty() {
            let key = Key::of(proto, field);
            let op_at = after;
            let op = (w.get(op_at).map(String::as_str))
                .filter(|o| ["==", "!=", "<", ">", "<=", ">="].contains(o))
                .unwrap_or("");
            let value_at = if op.is_empty() { op_at } else { op_at + 1 };
            let (values, end) = value(w, value_at);
            // A concatenation (`ip saddr . tcp dport`) or a verdict map is not followed.
            let plain = !matches!(
                values.first().map(String::as_str),
                Some("." | "vmap" | "map")
            );
            let followed = key
                .filter(|_| plain)
                .map(|k| apply(&mut cond, k, op, &values, sets));
            match followed {
                Some(Ok(())) => i = end,
                Some(Err(why)) if why.starts_with("set ") => return Err(err(line, why)),
                _ => {
                    let start = i;
                    i = end.max(i + 1);
                    while i < w.len() && !STARTS.contains(&w[i].as_str()) {
                        i += 1;
                    }
                    cond.unjudged.push(super::clip(&w[start..i].join(" ")));
                    if !plain {
                        verdict = Verdict::Drop;
                    }
                }
            }
            continue;
        }
        i += 1;
        match word {
            "accept" => verdict = Verdict::Accept,
            "drop" | "reject" => verdict = Verdict::Drop,
            "return" => verdict = Verdict::Return,
            "continue" => verdict = Verdict::Next,
            "jump" | "goto" => {
                let target = next.to_owned();
                i += 1;
                verdict = if word == "jump" {
                    Verdict::Jump(target)
                } else {
                    Verdict::Goto(target)
                };
            }
            "comment" => i += 1,
            // Counters and logs decide nothing; their arguments run to the next statement.
            "counter" | "log" => {
                while i < w.len() && !STARTS.contains(&w[i].as_str()) {
                    i += 1;
                }
            }
            _ => {
                let start = i - 1;
                while i < w.len() && !STARTS.contains(&w[i].as_str()) {
                    i += 1;
                }
                cond.unjudged.push(super::clip(&w[start..i].join(" ")));
                if word == "queue" {
                    verdict = Verdict::Drop;
                }
            }
        }
        // `reject with tcp reset` and the like.
        if verdict == Verdict::Drop && w.get(i).is_some_and(|x| x == "with") {
            i = w.len();
        }
    }
    Ok(Spec {
        line,
        cond,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::chains::flatten;

    const RULESET: &str = "table ip other {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}\n\
table bridge br {\n\tchain x {\n\t\tcounter\n\t}\n}\n\
table inet t {\n\
\tset fe {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.1, 10.0.1.0/24,\n\t\t\t     10.0.2.1-10.0.2.2 }\n\t}\n\n\
\tchain lpp {\n\
\t\tip daddr @fe tcp dport { 443, 50000-59999 } counter packets 0 bytes 0 accept comment \"a>b\"\n\
\t\tiifname \"eth0\" return # handle 6\n\
\t\tudp dport != 53 goto sub\n\
\t\tip6 saddr 2001:db8::/32 meta l4proto { tcp, udp } th dport 3478 drop\n\
\t}\n\
\tchain sub {\n\t\tlog prefix \"x \" accept\n\t}\n\
\tchain forward {\n\
\t\ttype filter hook forward priority filter; policy drop;\n\
\t\tct state established,related accept\n\
\t\tjump lpp\n\
\t}\n\
}\n";

    #[test]
    fn tables_sets_chains_and_rules() {
        let tables = parse(RULESET).unwrap();
        assert_eq!(tables.len(), 2, "the bridge table is skipped");
        let t = &tables[1];
        let names: Vec<&str> = t.chains.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["lpp", "sub", "forward"]);
        let lpp = &t.chains[0].rules;
        assert_eq!(lpp[0].line, 20);
        assert!(matches!(&lpp[0].cond.dst, crate::audit::Match::Nets(n) if n.len() == 4));
        assert_eq!(lpp[0].cond.ports.as_ref().unwrap().len(), 2);
        assert_eq!(lpp[0].verdict, Verdict::Accept);
        assert_eq!(lpp[1].cond.unjudged, ["iifname eth0"]);
        assert_eq!(lpp[2].verdict, Verdict::Goto("sub".into()));
        assert_eq!(lpp[2].cond.ports.as_ref().unwrap().len(), 2);
        assert_eq!(lpp[3].cond.protos.as_ref().unwrap().len(), 2);
        assert!(!lpp[3].cond.v4);
        let fwd = &t.chains[2];
        assert_eq!(
            (fwd.hook.as_deref(), fwd.policy),
            (Some("forward"), Some(false))
        );
        assert!(fwd.rules[0].cond.never);
        let crate::audit::chains::Flat { rows, unjudged } = flatten(t, 2).unwrap();
        assert_eq!(unjudged, [(21, "iifname eth0".to_owned())]);
        // 2 accepts, the return, 2 of sub's accepts, 2 goto ends, 2 drops, the policy.
        assert_eq!(rows.len(), 2 + 1 + 2 + 2 + 2 + 1);
    }

    #[test]
    fn errors_name_the_line() {
        let e =
            parse("table inet t {\n\tchain c {\n\t\tip saddr @nope accept\n\t}\n}\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            parse("chain c {\n}\n")
                .unwrap_err()
                .message
                .contains("outside a table")
        );
        assert!(parse("table inet t {\n").is_err());
    }
}
