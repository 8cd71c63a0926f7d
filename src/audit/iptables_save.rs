//! `iptables-save` and `ip6tables-save` output: the `*filter` table's chains and rules (other
//! tables are skipped), each rule with its line. Matches the audit follows: addresses (`-s`, `-d`,
//! lists, `iprange`), `-p`, destination ports (`--dport`, `multiport --dports`, negated),
//! `conntrack`/`state` (a new connection is `NEW`); anything else makes the rule unjudged.

use super::Families;
use super::chains::{Chain, Cond, Spec, Table, Verdict};
use super::csv::CsvError;
use super::import::Match;
use super::values;
use crate::net::{IpNet, PortRange, Transport};

fn err(line: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        line,
        message: message.into(),
    }
}

/// True when the text says it is `ip6tables-save` output, or names an IPv6 address.
pub(super) fn is_ipv6(text: &str) -> bool {
    text.lines().any(|l| {
        (l.starts_with('#') && l.contains("ip6tables"))
            || (l.starts_with("-A ")
                && l.split_whitespace()
                    .any(|t| t.contains("::") || t.matches(':').count() > 2))
    })
}

/// The filter table of an `iptables-save` (IPv4) or `ip6tables-save` (`ipv6`) file.
pub(super) fn parse(text: &str, ipv6: bool) -> Result<Table, CsvError> {
    let mut table = Table {
        name: "filter".into(),
        families: Families {
            v4: !ipv6,
            v6: ipv6,
        },
        chains: Vec::new(),
    };
    let mut current: Option<String> = None;
    let mut seen_filter = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(name) = l.strip_prefix('*') {
            current = Some(name.trim().to_owned());
            seen_filter |= name.trim() == "filter";
            continue;
        }
        if l == "COMMIT" {
            current = None;
            continue;
        }
        let Some(t) = current.as_deref() else {
            return Err(err(line, "a rule outside a table (`*filter` ... `COMMIT`)"));
        };
        if t != "filter" {
            continue;
        }
        // `iptables-save -c` puts the counters first.
        let l = if l.starts_with('[') {
            l.split_once(']').map_or(l, |(_, rest)| rest.trim_start())
        } else {
            l
        };
        if let Some(decl) = l.strip_prefix(':') {
            let mut parts = decl.split_whitespace();
            let name = parts.next().unwrap_or_default().to_owned();
            let policy = match parts.next() {
                Some("ACCEPT") => Some(true),
                Some("DROP") => Some(false),
                Some("-") | None => None,
                Some(other) => {
                    return Err(err(
                        line,
                        format!("unknown policy `{}`", super::clip(other)),
                    ));
                }
            };
            let hook = matches!(name.as_str(), "INPUT" | "FORWARD" | "OUTPUT")
                .then(|| name.to_ascii_lowercase());
            table.chains.push(Chain {
                name,
                line,
                hook,
                policy,
                rules: Vec::new(),
            });
            continue;
        }
        let words = tokens(l).map_err(|m| err(line, m))?;
        let (Some(op), Some(chain)) = (words.first(), words.get(1)) else {
            return Err(err(line, "not an iptables-save line"));
        };
        if op != "-A" && op != "--append" {
            return Err(err(
                line,
                format!(
                    "`{}` is not an iptables-save line (expected -A CHAIN ...)",
                    super::clip(op)
                ),
            ));
        }
        let spec = rule(&words[2..], line, ipv6, &table)?;
        let Some(c) = table.chains.iter_mut().find(|c| c.name == *chain) else {
            return Err(err(
                line,
                format!("chain `{}` is not declared", super::clip(chain)),
            ));
        };
        c.rules.push(spec);
    }
    if !seen_filter {
        return Err(err(1, "no `*filter` table: is this iptables-save output?"));
    }
    Ok(table)
}

/// Words as the shell would split them: iptables-save quotes comments with `"` and escapes
/// `"` and `\` in them.
fn tokens(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    let mut word: Option<String> = None;
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => out.extend(word.take()),
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => w.extend(chars.next()),
                        Some(c) => w.push(c),
                        None => return Err("a quote is not closed".into()),
                    }
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    Ok(out)
}

/// Targets that log, mark or count and let the packet go on.
const GOES_ON: [&str; 14] = [
    "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT", "TRACE", "AUDIT", "NOTRACK", "TCPMSS",
    "CLASSIFY", "DSCP", "TOS", "SET",
];

/// One rule's options after `-A CHAIN`.
fn rule(words: &[String], line: usize, ipv6: bool, table: &Table) -> Result<Spec, CsvError> {
    let mut cond = Cond::all(table.families);
    let mut verdict = Verdict::Next;
    let mut i = 0;
    let mut negate = false;
    let value = |i: usize| {
        words
            .get(i + 1)
            .map(String::as_str)
            .ok_or_else(|| err(line, format!("`{}` needs a value", super::clip(&words[i]))))
    };
    while i < words.len() {
        let w = words[i].as_str();
        if w == "!" {
            negate = true;
            i += 1;
            continue;
        }
        let not = std::mem::take(&mut negate);
        match w {
            "-s" | "--source" | "--src" | "-d" | "--destination" | "--dst" | "--src-range"
            | "--dst-range" => {
                let nets = addresses(value(i)?, line)?;
                let m = if not {
                    Match::Nets(values::complement(!ipv6, &nets))
                } else {
                    Match::Nets(nets)
                };
                if w.starts_with("-s") || w.starts_with("--s") {
                    cond.src = m;
                } else {
                    cond.dst = m;
                }
                i += 2;
            }
            "-p" | "--protocol" => {
                cond.protos = protocol(&value(i)?.to_ascii_lowercase(), not);
                i += 2;
            }
            "--dport" | "--destination-port" | "--dports" | "--destination-ports" => {
                let ports = port_list(value(i)?, line)?;
                cond.ports = Some(if not {
                    values::port_complement(&ports)
                } else {
                    ports
                });
                i += 2;
            }
            "--ctstate" | "--state" => {
                let states = value(i)?.to_ascii_uppercase();
                let new = states.split(',').any(|s| s == "NEW");
                cond.never |= new == not;
                i += 2;
            }
            "--syn" => {
                cond.never |= not;
                i += 1;
            }
            "-m" | "--match" | "--comment" => i += 2,
            "-j" | "--jump" | "-g" | "--goto" => {
                verdict = target(w, value(i)?, table, &mut cond);
                i += 2;
                // The target's own options (`--reject-with`, `--log-prefix`) decide nothing here.
                while i < words.len() && words[i] != "-j" && words[i] != "-g" {
                    i += 1;
                }
            }
            _ => {
                // A match the audit cannot judge: the option and its values.
                let mut text = if not { format!("! {w}") } else { w.to_owned() };
                i += 1;
                while i < words.len() && !words[i].starts_with('-') && words[i] != "!" {
                    text.push(' ');
                    text.push_str(&words[i]);
                    i += 1;
                }
                cond.unjudged.push(super::clip(&text));
            }
        }
    }
    Ok(Spec {
        line,
        cond,
        verdict,
    })
}

/// `-p P` (`! -p P` when `not`): the protocols of TCP and UDP it matches, `None` for all.
fn protocol(p: &str, not: bool) -> Option<Vec<Transport>> {
    let named = match p {
        "tcp" | "6" => Some(vec![Transport::Tcp]),
        "udp" | "17" => Some(vec![Transport::Udp]),
        "all" | "0" => None,
        _ => Some(Vec::new()),
    };
    match (named, not) {
        (None, true) => Some(Vec::new()),
        (None, false) => None,
        (Some(list), false) => Some(list),
        (Some(list), true) => Some(
            [Transport::Tcp, Transport::Udp]
                .into_iter()
                .filter(|t| !list.contains(t))
                .collect(),
        ),
    }
}

/// What `-j TARGET` (or `-g`, `option`) does.
fn target(option: &str, target: &str, table: &Table, cond: &mut Cond) -> Verdict {
    let is_chain = table.chains.iter().any(|c| c.name == target);
    match target {
        "ACCEPT" => Verdict::Accept,
        "DROP" | "REJECT" => Verdict::Drop,
        "RETURN" => Verdict::Return,
        _ if is_chain && (option == "-g" || option == "--goto") => Verdict::Goto(target.to_owned()),
        _ if is_chain => Verdict::Jump(target.to_owned()),
        t if GOES_ON.contains(&t) => Verdict::Next,
        // A target the audit does not know (NFQUEUE): it may drop.
        t => {
            cond.unjudged.push(format!("-j {}", super::clip(t)));
            Verdict::Drop
        }
    }
}

/// `-s` values: comma-separated addresses, networks (`/LEN` or `/MASK`) or an `iprange` range.
fn addresses(text: &str, line: usize) -> Result<Vec<IpNet>, CsvError> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let nets = match part.split_once('/') {
            Some((a, m)) if m.contains('.') => values::with_mask(a, m).map(|n| vec![n]),
            _ => values::networks(part),
        };
        out.extend(nets.ok_or_else(|| {
            err(
                line,
                format!("`{}` is not an address or network", super::clip(part)),
            )
        })?);
    }
    Ok(out)
}

/// `80`, `1000:2000`, `80,443,1000:2000`.
fn port_list(text: &str, line: usize) -> Result<Vec<PortRange>, CsvError> {
    text.split(',')
        .map(|p| {
            values::port_range(p)
                .ok_or_else(|| err(line, format!("`{}` is not a port or range", super::clip(p))))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::chains::flatten;

    const SAVE: &str = "# Generated by iptables-save v1.8.7\n\
*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DNAT --to-destination 10.0.0.1\nCOMMIT\n\
*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:LYNC - [0:0]\n:SUB - [0:0]\n\
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n\
-A FORWARD -i eth0 -j LOG --log-prefix \"x y\"\n\
-A FORWARD -j LYNC\n\
-A LYNC -s 10.0.0.1/32,10.0.0.2/32 -d 10.1.0.0/255.255.0.0 -p tcp -m multiport --dports 80,443,5060:5061 -m comment --comment \"a \\\"b\\\"\" -j ACCEPT\n\
-A LYNC -p udp ! --dport 53 -j SUB\n\
-A LYNC -m iprange --src-range 10.0.0.5-10.0.0.6 -p tcp --dport 22 -j DROP\n\
-A LYNC -i eth1 -p tcp --dport 8080 -j ACCEPT\n\
-A SUB -p udp --sport 53 -j RETURN\n\
-A SUB -j ACCEPT\n\
COMMIT\n";

    #[test]
    fn filter_chains_rules_and_matches() {
        assert!(!is_ipv6(SAVE));
        let t = parse(SAVE, false).unwrap();
        let names: Vec<&str> = t.chains.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["INPUT", "FORWARD", "OUTPUT", "LYNC", "SUB"]);
        let fwd = &t.chains[1];
        assert_eq!(
            (fwd.policy, fwd.hook.as_deref()),
            (Some(false), Some("forward"))
        );
        assert!(fwd.rules[0].cond.never, "established is no new connection");
        assert_eq!(fwd.rules[1].verdict, Verdict::Next);
        let lync = &t.chains[3].rules;
        assert_eq!(lync[0].cond.ports.as_ref().unwrap().len(), 3);
        assert_eq!(lync[0].line, 15);
        assert!(matches!(&lync[0].cond.dst, Match::Nets(n) if n[0].to_string() == "10.1.0.0/16"));
        assert_eq!(
            lync[1].cond.ports.as_ref().unwrap().len(),
            2,
            "not 53: 1-52 and 54-"
        );
        assert_eq!(lync[1].verdict, Verdict::Jump("SUB".into()));
        assert!(matches!(&lync[2].cond.src, Match::Nets(n) if n.len() == 2));
        assert_eq!(lync[3].cond.unjudged, ["-i eth1"]);
        let crate::audit::chains::Flat { rows, unjudged } = flatten(&t, 1).unwrap();
        assert_eq!(
            unjudged,
            [(18, "-i eth1".to_owned()), (19, "--sport 53".to_owned())]
        );
        // 3 port ranges, the jump's 2 ranges (return and accept), 1, 1, the policy.
        assert_eq!(rows.len(), 3 + 4 + 1 + 1 + 1);
        assert!(rows.iter().all(|r| r.seq < rows.len()));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse(
            "*filter\n:FORWARD DROP [0:0]\n-A NOPE -j ACCEPT\nCOMMIT\n",
            false,
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse(
            "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -s 10.0.0.300 -j ACCEPT\n",
            false,
        )
        .unwrap_err();
        assert!(e.message.contains("not an address"), "{}", e.message);
        assert!(is_ipv6("# Generated by ip6tables-save v1.8.7\n*filter\n"));
    }
}
