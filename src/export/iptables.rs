//! `iptables-restore` (IPv4) and `ip6tables-restore` (IPv6) files with one user chain per
//! firewall; built-in chains are untouched. Load them with `--noflush` so existing rules stay:
//! declaring our chains flushes them, so a reload replaces our rules and leaves every other chain
//! alone. Each file carries its own family's rules and counts the other's in its header, so
//! neither family is lost from view (the IPv4 file once listed the IPv6 rules as comments).

use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families, mixed_family_note, unresolved_note};
use crate::net::IpNet;
use crate::topology::Firewall;

fn chain(fw: Firewall) -> String {
    format!("LYNC-{}", fw.as_str().to_uppercase())
}

/// The names of a family's tool and export.
fn names(ipv4: bool) -> (&'static str, &'static str) {
    if ipv4 {
        ("iptables", "IPv4")
    } else {
        ("ip6tables", "IPv6")
    }
}

pub(super) fn render(report: &Report<'_>, ipv4: bool) -> String {
    let (tool, family) = names(ipv4);
    let (other_tool, other_family) = names(!ipv4);
    let mut out = error_comment(report.findings, "#");
    writeln!(
        out,
        "# Lync Port Planner: plan {}",
        ascii_comment(&report.rules.plan, 100)
    )
    .ok();
    writeln!(out, "# Product: {}", report.plan.product.name()).ok();
    writeln!(
        out,
        "# Catalog {}. {family} rules. Load with: {tool}-restore --noflush < FILE",
        ascii_comment(&report.rules.catalog, 60)
    )
    .ok();
    writeln!(
        out,
        "# (without --noflush {tool}-restore would flush every chain of the filter table)."
    )
    .ok();
    out.push_str("# Reloading the same way replaces the rules of these chains and leaves every other chain alone.\n");
    writeln!(out, "# Nothing is filtered until your FORWARD or INPUT chain jumps to these chains, e.g. -A FORWARD -j LYNC-INTERNAL").ok();
    let other = report
        .rules
        .rules
        .iter()
        .filter(|r| !r.is_unresolved() && !r.is_mixed_family())
        .filter(|r| families(r).iter().any(|m| m.ipv4 != ipv4))
        .count();
    if other > 0 {
        writeln!(
            out,
            "# {other} rule(s) of this plan also or only match {other_family}: load export --format {other_tool} with {other_tool}-restore --noflush too."
        )
        .ok();
    }
    out.push_str("*filter\n");
    for fw in Firewall::ALL {
        writeln!(out, ":{} - [0:0]", chain(fw)).ok();
    }
    for fw in Firewall::ALL {
        for rule in report.rules.for_firewall(fw) {
            let comment = ascii_comment(&rule.id().to_string(), 200);
            if rule.is_unresolved() {
                writeln!(out, "# {}", unresolved_note(&comment)).ok();
                continue;
            }
            if rule.is_mixed_family() {
                writeln!(out, "# {}", mixed_family_note(&comment)).ok();
                continue;
            }
            for m in families(rule).into_iter().filter(|m| m.ipv4 == ipv4) {
                let proto = rule.transport.as_str();
                let tail = format!(
                    " -p {proto} -m {proto} --dport {} -m comment --comment \"{comment}\" -j ACCEPT\n",
                    rule.ports.join(":")
                );
                let per_value = if ipv4 { PER_VALUE_V4 } else { PER_VALUE_V6 };
                for s in chunks(m.source.as_deref(), " -s ", per_value) {
                    for d in chunks(m.destination.as_deref(), " -d ", per_value) {
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
/// more ("Parameter too long"). 50 of the longest IPv4 (`255.255.255.255/32,`) take 950; 20 of
/// the longest IPv6 (39 characters, `/128,`) take 880.
const PER_VALUE_V4: usize = 50;
const PER_VALUE_V6: usize = 20;

/// The option with a comma-separated value per chunk of networks, or one empty string for any.
/// A rule with more networks is split over several lines (the kernel expands a list into one
/// rule per network either way).
fn chunks(list: Option<&[IpNet]>, option: &str, per_value: usize) -> Vec<String> {
    let Some(list) = list else {
        return vec![String::new()];
    };
    list.chunks(per_value)
        .map(|part| {
            let nets: Vec<String> = part
                .iter()
                .map(|n| format!("{}/{}", n.addr, n.prefix))
                .collect();
            format!("{option}{}", nets.join(","))
        })
        .collect()
}
