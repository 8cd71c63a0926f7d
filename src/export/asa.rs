//! Cisco ASA extended access-list lines, one ACL per firewall; netmasks, not CIDR, for IPv4.
//! An end of more than [`INLINE`] networks becomes an `object-group network`, shared by every
//! rule with the same networks: spelling out source x destination pairs grows with the product.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families, mixed_family_note, unresolved_note};
use crate::net::IpNet;
use crate::topology::Firewall;

/// Most networks an end spells out in ACL lines; more go into an object group. Small ends
/// stay readable and the lines per rule stay at most `INLINE` x `INLINE`.
const INLINE: usize = 8;

fn acl(fw: Firewall) -> String {
    format!("LYNC-{}", fw.as_str().to_uppercase())
}

/// Object groups by their networks, named in order of first use.
#[derive(Default)]
struct Groups {
    names: BTreeMap<Vec<IpNet>, String>,
    text: String,
}

impl Groups {
    /// The ACL operands for an end: `any4`/`any6`, each network, or one object group.
    fn targets(&mut self, list: Option<&[IpNet]>, ipv4: bool) -> Vec<String> {
        match list {
            None => vec![if ipv4 { "any4" } else { "any6" }.to_owned()],
            Some(l) if l.len() <= INLINE => l.iter().map(target).collect(),
            Some(l) => {
                if let Some(name) = self.names.get(l) {
                    return vec![format!("object-group {name}")];
                }
                let name = format!("LYNC-NETS-{}", self.names.len() + 1);
                writeln!(self.text, "object-group network {name}").ok();
                for net in l {
                    writeln!(self.text, " network-object {}", target(net)).ok();
                }
                let operand = format!("object-group {name}");
                self.names.insert(l.to_vec(), name);
                vec![operand]
            }
        }
    }
}

pub(super) fn render(report: &Report<'_>) -> String {
    let mut out = error_comment(report.findings, "!");
    out += &format!(
        "! Lync Port Planner: plan {}\n",
        ascii_comment(&report.rules.plan, 90)
    );
    out.push_str(&format!("! Product: {}\n", report.plan.product.name()));
    out.push_str(&format!(
        "! Catalog {}. Apply each ACL to the interface of the firewall it names.\n",
        ascii_comment(&report.rules.catalog, 60)
    ));
    let mut groups = Groups::default();
    let mut acls = String::new();
    for fw in Firewall::ALL {
        let name = acl(fw);
        for rule in report.rules.for_firewall(fw) {
            let remark = ascii_comment(
                &format!("{} {} {}", rule.id(), rule.application(), rule.ports),
                100,
            );
            writeln!(acls, "access-list {name} remark {remark}").ok();
            let id = ascii_comment(&rule.id().to_string(), 100);
            if rule.is_unresolved() {
                writeln!(acls, "! {}", unresolved_note(&id)).ok();
                continue;
            }
            if rule.is_mixed_family() {
                writeln!(acls, "! {}", mixed_family_note(&id)).ok();
                continue;
            }
            for m in families(rule) {
                let sources = groups.targets(m.source.as_deref(), m.ipv4);
                let destinations = groups.targets(m.destination.as_deref(), m.ipv4);
                let port = if rule.ports.is_single() {
                    format!("eq {}", rule.ports.from)
                } else {
                    format!("range {} {}", rule.ports.from, rule.ports.to)
                };
                for s in &sources {
                    for d in &destinations {
                        writeln!(
                            acls,
                            "access-list {name} extended permit {} {s} {d} {port}",
                            rule.transport.as_str()
                        )
                        .ok();
                    }
                }
            }
        }
    }
    out.push_str(&groups.text);
    out.push_str(&acls);
    out
}

fn target(net: &IpNet) -> String {
    if net.is_host() {
        format!("host {}", net.addr)
    } else if let Some(mask) = net.ipv4_mask() {
        format!("{} {mask}", net.addr)
    } else {
        net.to_string()
    }
}
