//! Cisco ASA configuration, one section per firewall of the plan: NAT objects for a NAT'd Edge,
//! a network object group per node end and a service object group per set of ports two ends
//! share, one ACL per interface the traffic enters, bound by `access-group ... in interface`.
//! Names come from ids; labels reach only `remark` lines and `!` comments, as inert ASCII.

mod nat;
mod objects;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families, mixed_family_note, unresolved_note};
use crate::net::{IpNet, PortRange, Transport};
use crate::plan::{FirewallView, Layout};
use crate::rules::{Rule, RuleEnd};
use crate::topology::Zone;
use objects::{Objects, name_part, port_operand};

/// An interface name as written: the plan validates it; anything else becomes `_`.
fn nameif(name: &str) -> String {
    let safe: String = name
        .chars()
        .take(crate::plan::firewalls::MAX_INTERFACE_NAME)
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_./".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        "_".to_owned()
    } else {
        safe
    }
}

/// One ACE being gathered: the rules with the same protocol and ends, their ports together.
struct Ace {
    transport: Transport,
    source: String,
    destination: String,
    remarks: Vec<String>,
    ports: Vec<PortRange>,
}

/// What an ACL holds, in the order of its first rule.
enum Entry {
    Ace(Ace),
    /// A rule that cannot be written (unresolved, mixed families): a `!` comment.
    Note(String),
}

/// The ACL of one interface of one firewall.
struct Acl {
    name: String,
    nameif: String,
    entries: Vec<Entry>,
    /// (transport, source, destination) -> index of its ACE in `entries`.
    index: BTreeMap<(Transport, String, String), usize>,
}

impl Acl {
    fn add(&mut self, transport: Transport, source: String, destination: String, rule: &Rule) {
        let key = (transport, source, destination);
        let at = *self.index.entry(key.clone()).or_insert_with(|| {
            self.entries.push(Entry::Ace(Ace {
                transport,
                source: key.1,
                destination: key.2,
                remarks: Vec::new(),
                ports: Vec::new(),
            }));
            self.entries.len() - 1
        });
        if let Entry::Ace(ace) = &mut self.entries[at] {
            let remark = remark(rule);
            if !ace.remarks.contains(&remark) {
                ace.remarks.push(remark);
            }
            if !ace.ports.contains(&rule.ports) {
                ace.ports.push(rule.ports);
            }
        }
    }
}

fn remark(rule: &Rule) -> String {
    ascii_comment(
        &format!("{} {} {}", rule.id(), rule.application(), rule.ports),
        100,
    )
}

/// The ACL operand of an end in one family: `any4`/`any6` or its node's object group.
fn end_operand(o: &mut Objects, end: &RuleEnd, list: Option<&[IpNet]>, ipv4: bool) -> String {
    let Some(list) = list else {
        return if ipv4 { "any4" } else { "any6" }.to_owned();
    };
    let mut base = match &end.node {
        Some(id) => format!(
            "LYNC-{}-{}",
            name_part(id.as_str()),
            name_part(&end.endpoint)
        ),
        None => "LYNC-NETS".to_owned(),
    };
    if !ipv4 {
        base.push_str("-V6");
    }
    format!("object-group {}", o.network_group(&base, list))
}

/// The configuration of every firewall of the plan, or of `only` (`--firewall`): the rules of a
/// firewall scope also cross the other firewall, whose section must not be written then.
pub(super) fn render(report: &Report<'_>, only: Option<crate::plan::FirewallId>) -> String {
    let layout = report.plan.firewalls.layout();
    let mut out = error_comment(report.findings, "!");
    out += &format!(
        "! Lync Port Planner: plan {}\n",
        ascii_comment(&report.rules.plan, 90)
    );
    out.push_str(&format!("! Product: {}\n", report.plan.product.name()));
    out.push_str(&format!(
        "! Catalog {}. One section per firewall: paste each into that firewall.\n",
        ascii_comment(&report.rules.catalog, 60)
    ));
    out.push_str(
        "! Each ACL holds the traffic entering one interface; access-group replaces the ACL an\n\
         ! interface has and denies the rest: merge your own rules into these ACLs first.\n",
    );
    let local = (report.rules.rules.iter())
        .filter(|r| layout.crossed(r.source.zone, r.destination.zone).is_empty())
        .count();
    if local > 0 {
        writeln!(
            out,
            "! {local} rule(s) within one zone cross no firewall: host firewalls hold them."
        )
        .ok();
    }
    let mut objects = Objects::default();
    for fw in report.plan.firewalls.list() {
        if only.is_none_or(|id| id == fw.id) {
            out += &section(report, layout, &fw, &mut objects);
        }
    }
    out
}

/// One firewall's configuration; empty when no rule crosses it.
fn section(report: &Report<'_>, layout: Layout, fw: &FirewallView<'_>, o: &mut Objects) -> String {
    let mut acls: Vec<Acl> = Vec::new();
    // Leg -> ACL: legs that share an interface name share its ACL.
    let mut leg_acl = Vec::new();
    for (zone, name) in &fw.interfaces {
        let nameif = nameif(name);
        let at = acls
            .iter()
            .position(|a| a.nameif == nameif)
            .unwrap_or_else(|| {
                acls.push(Acl {
                    name: acl_name(fw, *zone),
                    nameif,
                    entries: Vec::new(),
                    index: BTreeMap::new(),
                });
                acls.len() - 1
            });
        leg_acl.push(at);
    }
    let rules: Vec<&Rule> = (report.rules.rules.iter())
        .filter(|r| crate::rules::crosses(r, layout, fw.id))
        .collect();
    if rules.is_empty() || acls.is_empty() {
        return String::new();
    }
    let mut used: Vec<String> = Vec::new();
    for rule in rules {
        let acl = &mut acls[leg_acl[fw.entry_leg(rule.source.zone, rule.destination.zone)]];
        let id = ascii_comment(&rule.id().to_string(), 100);
        if rule.is_unresolved() || rule.is_mixed_family() {
            let note = if rule.is_unresolved() {
                unresolved_note(&id)
            } else {
                mixed_family_note(&id)
            };
            acl.entries.push(Entry::Note(note));
            continue;
        }
        for m in families(rule) {
            let s = end_operand(o, &rule.source, m.source.as_deref(), m.ipv4);
            let d = end_operand(o, &rule.destination, m.destination.as_deref(), m.ipv4);
            for operand in [&s, &d] {
                if let Some(name) = operand.strip_prefix("object-group ")
                    && !used.iter().any(|u| u == name)
                {
                    used.push(name.to_owned());
                }
            }
            acl.add(rule.transport, s, d, rule);
        }
    }
    let lines = acl_lines(&acls, o, &mut used);
    let mut text = format!(
        "!\n! Firewall {} ({}): interfaces {}\n",
        fw.id.as_str(),
        ascii_comment(fw.name, 64),
        (fw.interfaces.iter())
            .map(|(z, n)| format!("{} ({})", nameif(n), z.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    text += &nat::objects(report.plan, layout, fw, o);
    for name in &used {
        text += o.definition(name);
    }
    text += &lines;
    for acl in &acls {
        if acl.entries.iter().any(|e| matches!(e, Entry::Ace(_))) {
            writeln!(
                text,
                "access-group {} in interface {}",
                acl.name, acl.nameif
            )
            .ok();
        }
    }
    text
}

/// The ACLs' lines: remarks and ACEs, rules that cannot be written as `!` comments. Service
/// groups are named here, as the ACEs need them (`used` gets them).
fn acl_lines(acls: &[Acl], o: &mut Objects, used: &mut Vec<String>) -> String {
    let mut lines = String::new();
    for acl in acls {
        for entry in &acl.entries {
            match entry {
                Entry::Note(note) => writeln!(lines, "! {note}").ok(),
                Entry::Ace(ace) => {
                    for r in &ace.remarks {
                        writeln!(lines, "access-list {} remark {r}", acl.name).ok();
                    }
                    let mut ports = ace.ports.clone();
                    ports.sort_unstable();
                    let port = if let [one] = ports[..] {
                        port_operand(one)
                    } else {
                        let name = o.service_group(ace.transport, &ports);
                        if !used.contains(&name) {
                            used.push(name.clone());
                        }
                        format!("object-group {name}")
                    };
                    writeln!(
                        lines,
                        "access-list {} extended permit {} {} {} {port}",
                        acl.name,
                        ace.transport.as_str(),
                        ace.source,
                        ace.destination
                    )
                    .ok()
                }
            };
        }
    }
    lines
}

/// `LYNC-EXTERNAL-INTERNET-IN`: the firewall's id and the zone its interface faces.
fn acl_name(fw: &FirewallView<'_>, zone: Zone) -> String {
    format!(
        "LYNC-{}-{}-IN",
        name_part(fw.id.as_str()),
        name_part(zone.as_str())
    )
}
