//! An `iptables-restore` file (IPv4) with one user chain per firewall; built-in chains are
//! untouched. Load it with `iptables-restore --noflush` so existing rules stay.

use super::Report;
use super::text::{ascii_comment, error_comment, families};
use crate::net::IpNet;
use crate::topology::Firewall;

fn chain(fw: Firewall) -> String {
    format!("LYNC-{}", fw.as_str().to_uppercase())
}

pub(super) fn render(report: &Report<'_>) -> String {
    let mut out = error_comment(report.findings, "#");
    out += &format!(
        "# Lync Port Planner: plan {}\n",
        ascii_comment(&report.rules.plan, 100)
    );
    out.push_str(&format!("# Product: {}\n", report.plan.product.name()));
    out.push_str(&format!(
        "# Catalog {}. Load with: iptables-restore --noflush < FILE\n",
        ascii_comment(&report.rules.catalog, 60)
    ));
    out.push_str(
        "# (without --noflush iptables-restore would flush every chain of the filter table).\n",
    );
    out.push_str("# Nothing is filtered until your FORWARD or INPUT chain jumps to these chains, e.g. -A FORWARD -j LYNC-INTERNAL\n");
    out.push_str("*filter\n");
    for fw in Firewall::ALL {
        out.push_str(&format!(":{} - [0:0]\n", chain(fw)));
    }
    for fw in Firewall::ALL {
        for rule in report.rules.for_firewall(fw) {
            let comment = ascii_comment(&rule.id().to_string(), 200);
            if rule.is_unresolved() {
                out.push_str(&format!(
                    "# UNRESOLVED {comment}: fill in the missing addresses\n"
                ));
                continue;
            }
            for m in families(rule) {
                if !m.ipv4 {
                    out.push_str(&format!(
                        "# IPv6 rule {comment}: see the nftables export (iptables is IPv4 only)\n"
                    ));
                    continue;
                }
                let mut line = format!("-A {}", chain(fw));
                if let Some(list) = &m.source {
                    line.push_str(&format!(" -s {}", join(list)));
                }
                if let Some(list) = &m.destination {
                    line.push_str(&format!(" -d {}", join(list)));
                }
                let proto = rule.transport.as_str();
                line.push_str(&format!(
                    " -p {proto} -m {proto} --dport {} -m comment --comment \"{comment}\" -j ACCEPT\n",
                    rule.ports.join(":")
                ));
                out.push_str(&line);
            }
        }
    }
    out.push_str("COMMIT\n");
    out
}

fn join(list: &[IpNet]) -> String {
    list.iter()
        .map(|n| format!("{}/{}", n.addr, n.prefix))
        .collect::<Vec<_>>()
        .join(",")
}
