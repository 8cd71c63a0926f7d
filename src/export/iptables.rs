//! An `iptables-restore` file (IPv4) with one user chain per firewall; built-in chains are
//! untouched. Load it with `iptables-restore --noflush` so existing rules stay: declaring our
//! chains flushes them, so a reload replaces our rules and leaves every other chain alone.

use super::Report;
use super::text::{ascii_comment, error_comment, families, mixed_family_note, unresolved_note};
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
    out.push_str("# Reloading the same way replaces the rules of these chains and leaves every other chain alone.\n");
    out.push_str("# Nothing is filtered until your FORWARD or INPUT chain jumps to these chains, e.g. -A FORWARD -j LYNC-INTERNAL\n");
    out.push_str("*filter\n");
    for fw in Firewall::ALL {
        out.push_str(&format!(":{} - [0:0]\n", chain(fw)));
    }
    for fw in Firewall::ALL {
        for rule in report.rules.for_firewall(fw) {
            let comment = ascii_comment(&rule.id().to_string(), 200);
            if rule.is_unresolved() {
                out.push_str(&format!("# {}\n", unresolved_note(&comment)));
                continue;
            }
            if rule.is_mixed_family() {
                out.push_str(&format!("# {}\n", mixed_family_note(&comment)));
                continue;
            }
            for m in families(rule) {
                if !m.ipv4 {
                    out.push_str(&format!(
                        "# IPv6 rule {comment}: see the nftables export (iptables is IPv4 only)\n"
                    ));
                    continue;
                }
                let proto = rule.transport.as_str();
                let tail = format!(
                    " -p {proto} -m {proto} --dport {} -m comment --comment \"{comment}\" -j ACCEPT\n",
                    rule.ports.join(":")
                );
                for s in chunks(m.source.as_deref(), " -s ") {
                    for d in chunks(m.destination.as_deref(), " -d ") {
                        out.push_str(&format!("-A {}{s}{d}{tail}", chain(fw)));
                    }
                }
            }
        }
    }
    out.push_str("COMMIT\n");
    out
}

/// Most networks in one `-s` or `-d` value: iptables-restore refuses a value of 1,024 bytes or
/// more ("Parameter too long"), and 50 of the longest (`255.255.255.255/32,`) take 950.
const PER_VALUE: usize = 50;

/// The option with a comma-separated value per chunk of networks, or one empty string for any.
/// A rule with more networks is split over several lines (the kernel expands a list into one
/// rule per network either way).
fn chunks(list: Option<&[IpNet]>, option: &str) -> Vec<String> {
    let Some(list) = list else {
        return vec![String::new()];
    };
    list.chunks(PER_VALUE)
        .map(|part| {
            let nets: Vec<String> = part
                .iter()
                .map(|n| format!("{}/{}", n.addr, n.prefix))
                .collect();
            format!("{option}{}", nets.join(","))
        })
        .collect()
}
