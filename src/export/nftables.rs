//! An `nft -f` file for `table inet lync_port_planner`, written as an nft administrator writes
//! it: one named address set per node end and family (`lpp_<node>_<endpoint>_v4`), and one rule
//! per firewall, family, transport and pair of ends with the ports as an anonymous set
//! (`tcp dport { 80, 443 }`); the plan's rule ids stay as comment lines above their rule. Its
//! chains have no hook: loading it changes no traffic until the admin's own base chain jumps to
//! them (see the header).
//!
//! Reloading must never open the firewall: the admin's base chain (with its `policy drop`)
//! lives in the same table, so the file never deletes the table. It declares the table and each
//! of our chains and sets (idempotent), flushes them and refills them, all in one transaction.
//! Our names are fixed and prefixed (`lpp_`), so every name an export can produce is known: the
//! chains of exports before the prefix are declared and deleted by name.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families, mixed_family_note, unresolved_note};
use crate::net::{IpNet, PortRange, Transport};
use crate::rules::{Rule, RuleEnd};
use crate::topology::Firewall;

const TABLE: &str = "inet lync_port_planner";

/// Our chain for a firewall.
fn chain(fw: Firewall) -> String {
    format!("lpp_{}", fw.as_str())
}

/// The named sets of the export: name -> (IPv4, networks), named in the order first used.
#[derive(Default)]
struct Sets {
    by_name: BTreeMap<String, (bool, Vec<IpNet>)>,
    order: Vec<String>,
}

impl Sets {
    /// The set holding `list` for this end: `lpp_<node>_<endpoint>_v4`, with `_2`, `_3` when the
    /// same end resolves to other networks in another rule. Node ids and endpoint ids are
    /// letters, digits, `-` and `_`: valid nft names behind the prefix.
    fn name(&mut self, end: &RuleEnd, ipv4: bool, list: &[IpNet]) -> String {
        let node = end.node.as_ref().map_or(&*end.role, |n| n.as_str());
        let family = if ipv4 { "v4" } else { "v6" };
        let base = ascii_comment(&format!("lpp_{node}_{}_{family}", end.endpoint), 200)
            .replace([' ', '.', ':', '>', '/', ',', '(', ')', '@'], "_");
        for n in 1.. {
            let name = if n == 1 {
                base.clone()
            } else {
                format!("{base}_{n}")
            };
            match self.by_name.get(&name) {
                Some((_, have)) if have == list => return name,
                Some(_) => {}
                None => {
                    self.by_name.insert(name.clone(), (ipv4, list.to_vec()));
                    self.order.push(name.clone());
                    return name;
                }
            }
        }
        unreachable!("a free name exists")
    }
}

/// What one nft rule matches but its ports: its family, transport and the set of each end.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Match {
    ipv4: bool,
    transport: Transport,
    source: Option<String>,
    destination: Option<String>,
}

/// One line of a chain: a rule for a group of plan rules, or a placeholder comment.
enum Line<'a> {
    Rule {
        key: Match,
        ports: Vec<PortRange>,
        rules: Vec<&'a Rule>,
    },
    Note(String),
}

/// The lines of a firewall's chain, each group where its first plan rule was.
fn chain_lines<'a>(rules: impl Iterator<Item = &'a Rule>, sets: &mut Sets) -> Vec<Line<'a>> {
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut at: BTreeMap<Match, usize> = BTreeMap::new();
    for rule in rules {
        let comment = ascii_comment(&rule.id().to_string(), 120);
        if rule.is_unresolved() {
            lines.push(Line::Note(unresolved_note(&comment)));
            continue;
        }
        if rule.is_mixed_family() {
            lines.push(Line::Note(mixed_family_note(&comment)));
            continue;
        }
        for m in families(rule) {
            let key = Match {
                ipv4: m.ipv4,
                transport: rule.transport,
                source: (m.source.as_deref()).map(|l| sets.name(&rule.source, m.ipv4, l)),
                destination: (m.destination.as_deref())
                    .map(|l| sets.name(&rule.destination, m.ipv4, l)),
            };
            let i = *at.entry(key.clone()).or_insert_with(|| {
                lines.push(Line::Rule {
                    key,
                    ports: Vec::new(),
                    rules: Vec::new(),
                });
                lines.len() - 1
            });
            if let Line::Rule { ports, rules, .. } = &mut lines[i] {
                ports.push(rule.ports);
                rules.push(rule);
            }
        }
    }
    lines
}

pub(super) fn render(report: &Report<'_>) -> String {
    let mut sets = Sets::default();
    let chains: Vec<(Firewall, Vec<Line<'_>>)> = Firewall::ALL
        .into_iter()
        .map(|fw| (fw, chain_lines(report.rules.for_firewall(fw), &mut sets)))
        .collect();
    let mut out = String::from("#!/usr/sbin/nft -f\n");
    header(&mut out, report);
    writeln!(out, "table {TABLE} {{\n}}").ok();
    for fw in Firewall::ALL {
        let name = chain(fw);
        writeln!(out, "add chain {TABLE} {name}\nflush chain {TABLE} {name}").ok();
    }
    for name in &sets.order {
        let (ipv4, _) = sets.by_name[name];
        writeln!(
            out,
            "add set {TABLE} {name} {{ type {}; flags interval; }}\nflush set {TABLE} {name}",
            addr_type(ipv4)
        )
        .ok();
    }
    for old in Firewall::ALL {
        let name = old.as_str();
        writeln!(out, "add chain {TABLE} {name}\ndelete chain {TABLE} {name}").ok();
    }
    writeln!(out, "\ntable {TABLE} {{").ok();
    for name in &sets.order {
        let (ipv4, list) = &sets.by_name[name];
        writeln!(
            out,
            "\tset {name} {{\n\t\ttype {}; flags interval;\n\t\telements = {{ {} }}\n\t}}\n",
            addr_type(*ipv4),
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
        .ok();
    }
    for (i, (fw, lines)) in chains.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        writeln!(out, "\tchain {} {{", chain(*fw)).ok();
        for line in lines {
            match line {
                Line::Note(note) => {
                    writeln!(out, "\t\t# {note}").ok();
                }
                Line::Rule { key, ports, rules } => write_rule(&mut out, key, ports, rules),
            }
        }
        out.push_str("\t}\n");
    }
    out.push_str("}\n");
    out
}

fn addr_type(ipv4: bool) -> &'static str {
    if ipv4 { "ipv4_addr" } else { "ipv6_addr" }
}

fn header(out: &mut String, report: &Report<'_>) {
    out.push_str(&error_comment(report.findings, "#"));
    writeln!(
        out,
        "# Lync Port Planner: plan {}",
        ascii_comment(&report.rules.plan, 100)
    )
    .ok();
    writeln!(out, "# Product: {}", report.plan.product.name()).ok();
    writeln!(
        out,
        "# Catalog {}. Accept rules per firewall, in regular chains: {}.",
        ascii_comment(&report.rules.catalog, 60),
        Firewall::ALL.map(chain).join(", ")
    )
    .ok();
    out.push_str(
        "# Addresses are named sets per node and endpoint (lpp_<node>_<endpoint>_v4 or _v6);\n\
         # the rule ids of the plan are the comment lines above each rule.\n\
         # Nothing is filtered until a base chain in this table jumps to a chain, for example:\n",
    );
    writeln!(
        out,
        "#   table {TABLE} {{\n\
         #     chain forward {{ type filter hook forward priority filter; policy drop; ct state established,related accept; jump {}; }}\n\
         #   }}",
        chain(Firewall::Internal)
    )
    .ok();
    out.push_str(
        "# On an input hook (a host firewall) IPv6 also needs neighbour discovery before the jump:\n\
         # icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept;\n\
         # Reloading this file (or a newer export) is safe: it replaces the chains and sets named\n\
         # lpp_* that it names and nothing else, so your base chain and its policy stay. Give your\n\
         # chains and sets other names. A set an older export named and this one does not stays,\n\
         # unused: nft delete set inet lync_port_planner NAME removes it.\n\
         # It also deletes the chains internal, external and host that earlier exports made: jump\n\
         # to the lpp_* chains instead (nft refuses the file while a chain jumps to an old one).\n",
    );
}

/// A group's rule ids as comment lines, then its one rule.
fn write_rule(out: &mut String, key: &Match, ports: &[PortRange], rules: &[&Rule]) {
    for rule in rules {
        writeln!(
            out,
            "\t\t# {}: {} {}",
            ascii_comment(&rule.id().to_string(), 120),
            rule.transport.as_str(),
            rule.ports.join("-")
        )
        .ok();
    }
    let family = if key.ipv4 { "ip" } else { "ip6" };
    out.push_str("\t\t");
    if let Some(set) = &key.source {
        write!(out, "{family} saddr @{set} ").ok();
    }
    if let Some(set) = &key.destination {
        write!(out, "{family} daddr @{set} ").ok();
    }
    if key.source.is_none() && key.destination.is_none() {
        let proto = if key.ipv4 { "ipv4" } else { "ipv6" };
        write!(out, "meta nfproto {proto} ").ok();
    }
    let mut ports = ports.to_vec();
    ports.sort_unstable();
    ports.dedup();
    let list: Vec<String> = ports.iter().map(|p| p.join("-")).collect();
    let ports = if let [one] = list.as_slice() {
        one.clone()
    } else {
        format!("{{ {} }}", list.join(", "))
    };
    // nft keeps at most 128 bytes of comment: the ends, which every rule of the group shares.
    let comment = ascii_comment(
        &format!(
            "{}>{}",
            end_name(&rules[0].source),
            end_name(&rules[0].destination)
        ),
        120,
    );
    writeln!(
        out,
        "{} dport {ports} accept comment \"{comment}\"",
        key.transport.as_str()
    )
    .ok();
}

/// A rule end in a comment: its node id, or `any`.
fn end_name(end: &RuleEnd) -> String {
    end.node
        .as_ref()
        .map_or_else(|| "any".to_owned(), |n| n.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Addresses;

    fn end(node: &str, endpoint: &str) -> RuleEnd {
        RuleEnd {
            node: Some(node.into()),
            label: "x".into(),
            role: "front_end".into(),
            endpoint: endpoint.into(),
            zone: crate::topology::Zone::Internal,
            addresses: Addresses::Any,
            is_host: true,
            missing: Vec::new(),
        }
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    /// A set per node end and family; the same end with other networks gets a set of its own
    /// (`_2`), never a set that would widen or narrow another rule.
    #[test]
    fn sets_are_named_per_end_and_family_and_never_shared_by_different_networks() {
        let mut sets = Sets::default();
        let fe = end("fe-1", "server");
        let a = nets(&["10.0.0.1", "10.0.0.2"]);
        let b = nets(&["10.0.0.1"]);
        assert_eq!(sets.name(&fe, true, &a), "lpp_fe-1_server_v4");
        assert_eq!(sets.name(&fe, true, &a), "lpp_fe-1_server_v4");
        assert_eq!(sets.name(&fe, true, &b), "lpp_fe-1_server_v4_2");
        assert_eq!(
            sets.name(&fe, false, &nets(&["2001:db8::1"])),
            "lpp_fe-1_server_v6"
        );
        assert_eq!(
            sets.name(&end("fe", "hlb_vip"), true, &b),
            "lpp_fe_hlb_vip_v4"
        );
        assert_eq!(sets.order.len(), 4);
        assert_eq!(sets.by_name["lpp_fe-1_server_v4_2"].1, b);
    }
}
