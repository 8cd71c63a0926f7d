//! Cisco ASA extended access-list lines, one ACL per firewall; netmasks, not CIDR, for IPv4.

use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families};
use crate::net::IpNet;
use crate::topology::Firewall;

fn acl(fw: Firewall) -> String {
    format!("LYNC-{}", fw.as_str().to_uppercase())
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
    for fw in Firewall::ALL {
        let name = acl(fw);
        for rule in report.rules.for_firewall(fw) {
            let remark = ascii_comment(
                &format!("{} {} {}", rule.id(), rule.application(), rule.ports),
                100,
            );
            writeln!(out, "access-list {name} remark {remark}").ok();
            if rule.is_unresolved() {
                out.push_str(&format!(
                    "! UNRESOLVED {}: fill in the missing addresses\n",
                    ascii_comment(&rule.id().to_string(), 100)
                ));
                continue;
            }
            for m in families(rule) {
                let sources = targets(m.source.as_deref(), m.ipv4);
                let destinations = targets(m.destination.as_deref(), m.ipv4);
                let port = if rule.ports.is_single() {
                    format!("eq {}", rule.ports.from)
                } else {
                    format!("range {} {}", rule.ports.from, rule.ports.to)
                };
                for s in &sources {
                    for d in &destinations {
                        writeln!(
                            out,
                            "access-list {name} extended permit {} {s} {d} {port}",
                            rule.transport.as_str()
                        )
                        .ok();
                    }
                }
            }
        }
    }
    out
}

fn targets(list: Option<&[IpNet]>, ipv4: bool) -> Vec<String> {
    match list {
        None => vec![if ipv4 { "any4" } else { "any6" }.to_owned()],
        Some(l) => l.iter().map(target).collect(),
    }
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
