//! What an nftables match means to the audit, for the text (`nft list ruleset`) and JSON
//! (`nft -j list ruleset`) readers alike: each gives a key (`ip saddr`, `tcp dport`, `ct state`),
//! an operator and the values as text (`10.0.0.0/8`, `1000-2000`, `@set`), and gets the rule's
//! condition narrowed, or the match recorded as one the audit cannot judge.

use std::collections::BTreeMap;

use super::cond::{Cond, meet};
use super::import::Match;
use super::values;
use crate::net::{IpNet, Transport};

/// What a match looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Key {
    /// `ip`/`ip6` `saddr`/`daddr`.
    Addr { v6: bool, src: bool },
    /// `tcp dport`, `udp dport`, `th dport` (either).
    Dport(Option<Transport>),
    /// `meta l4proto`, `ip protocol`, `ip6 nexthdr`.
    L4proto,
    /// `meta nfproto`.
    Nfproto,
    /// `ct state`.
    CtState,
    /// A protocol other than TCP and UDP (`icmp type`, `sctp dport`): no connection the plan
    /// needs matches it.
    Other,
}

impl Key {
    /// The key of `protocol field` (`ip saddr`, `tcp dport`, `meta l4proto`), if the audit
    /// follows it.
    pub fn of(protocol: &str, field: &str) -> Option<Self> {
        Some(match (protocol, field) {
            ("ip", "saddr") => Self::Addr {
                v6: false,
                src: true,
            },
            ("ip", "daddr") => Self::Addr {
                v6: false,
                src: false,
            },
            ("ip6", "saddr") => Self::Addr {
                v6: true,
                src: true,
            },
            ("ip6", "daddr") => Self::Addr {
                v6: true,
                src: false,
            },
            ("tcp", "dport") => Self::Dport(Some(Transport::Tcp)),
            ("udp", "dport") => Self::Dport(Some(Transport::Udp)),
            ("th", "dport") => Self::Dport(None),
            ("ip", "protocol") | ("ip6", "nexthdr") | ("meta", "l4proto") => Self::L4proto,
            ("meta", "nfproto") => Self::Nfproto,
            ("ct", "state") => Self::CtState,
            ("icmp" | "icmpv6" | "sctp" | "dccp" | "udplite" | "esp" | "ah" | "igmp", _) => {
                Self::Other
            }
            _ => return None,
        })
    }
}

/// The named sets of a table: name -> elements as text.
pub(super) type Sets = BTreeMap<String, Vec<String>>;

/// Narrow `cond` by `key op values`; an operator or value the audit cannot follow is an error
/// message (the caller records the match as unjudged or refuses the file).
pub(super) fn apply(
    cond: &mut Cond,
    key: Key,
    op: &str,
    values: &[String],
    sets: &Sets,
) -> Result<(), String> {
    let mut elems: Vec<&str> = Vec::new();
    for v in values {
        match v.strip_prefix('@') {
            Some(name) => elems.extend(
                sets.get(name)
                    .ok_or_else(|| format!("set `{}` is not in the table", super::clip(name)))?
                    .iter()
                    .map(String::as_str),
            ),
            None => elems.push(v),
        }
    }
    let negate = match op {
        "" | "==" | "in" => false,
        "!=" => true,
        _ if key == Key::Dport(None) || matches!(key, Key::Dport(_)) => {
            return ordered_ports(cond, key, op, &elems);
        }
        other => return Err(format!("operator `{}`", super::clip(other))),
    };
    let mut work = 0;
    match key {
        Key::Addr { v6, src } => {
            let mut nets: Vec<IpNet> = Vec::new();
            for e in &elems {
                nets.extend(
                    values::networks(e)
                        .ok_or_else(|| format!("`{}` is not an address", super::clip(e)))?,
                );
            }
            if negate {
                nets = values::complement(!v6, &nets);
            }
            if v6 {
                cond.v4 = false;
            } else {
                cond.v6 = false;
            }
            let side = if src { &mut cond.src } else { &mut cond.dst };
            *side = meet(side, &Match::Nets(nets), &mut work);
        }
        Key::Dport(transport) => {
            let mut ports = Vec::new();
            for e in &elems {
                ports.push(
                    values::port_range(e)
                        .ok_or_else(|| format!("`{}` is not a port", super::clip(e)))?,
                );
            }
            if negate {
                ports = values::port_complement(&ports);
            }
            narrow_ports(cond, transport, ports);
        }
        Key::L4proto => {
            let named: Vec<Transport> = (elems.iter())
                .filter_map(|e| match *e {
                    "tcp" | "6" => Some(Transport::Tcp),
                    "udp" | "17" => Some(Transport::Udp),
                    _ => None,
                })
                .collect();
            let list = [Transport::Tcp, Transport::Udp]
                .into_iter()
                .filter(|t| named.contains(t) != negate)
                .collect();
            narrow_protos(cond, list);
        }
        Key::Nfproto => {
            let v4 = elems.contains(&"ipv4") != negate;
            let v6 = elems.contains(&"ipv6") != negate;
            cond.v4 &= v4;
            cond.v6 &= v6;
        }
        Key::CtState => {
            // A new connection's first packet is `new`: other states never see it.
            let new = elems
                .iter()
                .flat_map(|e| e.split(','))
                .any(|s| s.trim() == "new");
            cond.never |= new == negate;
        }
        Key::Other => cond.never = true,
    }
    Ok(())
}

/// `tcp dport < 1024` and the like.
fn ordered_ports(cond: &mut Cond, key: Key, op: &str, elems: &[&str]) -> Result<(), String> {
    let Key::Dport(transport) = key else {
        return Err(format!("operator `{}`", super::clip(op)));
    };
    let [one] = elems else {
        return Err(format!("`{}` with several values", super::clip(op)));
    };
    let p = values::port(one).ok_or_else(|| format!("`{}` is not a port", super::clip(one)))?;
    let ports = values::compare(op, p).ok_or_else(|| format!("operator `{}`", super::clip(op)))?;
    narrow_ports(cond, transport, ports);
    Ok(())
}

fn narrow_ports(cond: &mut Cond, transport: Option<Transport>, ports: Vec<crate::net::PortRange>) {
    if let Some(t) = transport {
        narrow_protos(cond, vec![t]);
    } else {
        narrow_protos(cond, vec![Transport::Tcp, Transport::Udp]);
    }
    cond.ports = Some(match cond.ports.take() {
        None => ports,
        Some(have) => {
            let mut out = Vec::new();
            for a in &have {
                for b in &ports {
                    let (from, to) = (a.from.max(b.from), a.to.min(b.to));
                    if from <= to {
                        out.push(crate::net::PortRange { from, to });
                    }
                }
            }
            out
        }
    });
    cond.never |= cond.ports.as_ref().is_some_and(Vec::is_empty);
}

fn narrow_protos(cond: &mut Cond, list: Vec<Transport>) {
    let list = match cond.protos.take() {
        None => list,
        Some(have) => have.into_iter().filter(|t| list.contains(t)).collect(),
    };
    cond.never |= list.is_empty();
    cond.protos = Some(list);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(list: &[&str]) -> Vec<String> {
        list.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn matches_narrow_the_condition() {
        let mut sets = Sets::new();
        sets.insert("fe".into(), s(&["10.0.0.1", "10.0.1.0/24"]));
        let mut c = Cond::all(crate::audit::Families::BOTH);
        apply(
            &mut c,
            Key::of("ip", "daddr").unwrap(),
            "==",
            &s(&["@fe"]),
            &sets,
        )
        .unwrap();
        assert!(c.v4 && !c.v6);
        assert!(matches!(&c.dst, Match::Nets(n) if n.len() == 2));
        apply(
            &mut c,
            Key::of("tcp", "dport").unwrap(),
            "",
            &s(&["80", "443", "5060-5061"]),
            &sets,
        )
        .unwrap();
        assert_eq!(c.protos, Some(vec![Transport::Tcp]));
        assert_eq!(c.ports.as_ref().unwrap().len(), 3);
        apply(
            &mut c,
            Key::CtState,
            "in",
            &s(&["established", "related"]),
            &sets,
        )
        .unwrap();
        assert!(c.never);
        let mut c = Cond::all(crate::audit::Families::BOTH);
        apply(&mut c, Key::CtState, "!=", &s(&["established"]), &sets).unwrap();
        assert!(!c.never);
        apply(
            &mut c,
            Key::of("meta", "l4proto").unwrap(),
            "!=",
            &s(&["tcp"]),
            &sets,
        )
        .unwrap();
        assert_eq!(c.protos, Some(vec![Transport::Udp]));
        apply(
            &mut c,
            Key::of("th", "dport").unwrap(),
            "<",
            &s(&["1024"]),
            &sets,
        )
        .unwrap();
        assert_eq!(c.ports.as_ref().unwrap()[0].to, 1023);
        assert!(apply(&mut c, Key::CtState, "==", &s(&["@nope"]), &sets).is_err());
    }
}
