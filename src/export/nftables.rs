//! A complete `table inet` file for `nft -f`. Its chains have no hook: loading it changes no
//! traffic until the admin's own base chain jumps to them (see the header), so it is safe to load.

use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families};
use crate::net::IpNet;
use crate::topology::Firewall;

const TABLE: &str = "lync_port_planner";

pub(super) fn render(report: &Report<'_>) -> String {
    let mut out = String::from("#!/usr/sbin/nft -f\n");
    out.push_str(&error_comment(report.findings, "#"));
    out.push_str(&format!(
        "# Lync Port Planner: plan {}\n",
        ascii_comment(&report.rules.plan, 100)
    ));
    out.push_str(&format!("# Product: {}\n", report.plan.product.name()));
    out.push_str(&format!(
        "# Catalog {}. Accept rules per firewall, in regular chains.\n",
        ascii_comment(&report.rules.catalog, 60)
    ));
    out.push_str(
        "# Nothing is filtered until a base chain in this table jumps to a chain, for example:\n",
    );
    out.push_str("#   chain forward { type filter hook forward priority filter; policy drop; ct state established,related accept; jump internal }\n");
    out.push_str(&format!("# Reloading replaces the whole table {TABLE}.\n"));
    out.push_str(&format!(
        "table inet {TABLE}\ndelete table inet {TABLE}\n\ntable inet {TABLE} {{\n"
    ));
    for (i, fw) in Firewall::ALL.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("\tchain {} {{\n", fw.as_str()));
        for rule in report.rules.for_firewall(fw) {
            let comment = ascii_comment(&rule.id().to_string(), 120);
            if rule.is_unresolved() {
                out.push_str(&format!(
                    "\t\t# UNRESOLVED {comment}: fill in the missing addresses\n"
                ));
                continue;
            }
            for m in families(rule) {
                let family = if m.ipv4 { "ip" } else { "ip6" };
                out.push_str("\t\t");
                if let Some(list) = &m.source {
                    write!(out, "{family} saddr {} ", set(list)).ok();
                }
                if let Some(list) = &m.destination {
                    write!(out, "{family} daddr {} ", set(list)).ok();
                }
                if m.source.is_none() && m.destination.is_none() {
                    write!(
                        out,
                        "meta nfproto {} ",
                        if m.ipv4 { "ipv4" } else { "ipv6" }
                    )
                    .ok();
                }
                writeln!(
                    out,
                    "{} dport {} accept comment \"{comment}\"",
                    rule.transport.as_str(),
                    rule.ports.join("-")
                )
                .ok();
            }
        }
        out.push_str("\t}\n");
    }
    out.push_str("}\n");
    out
}

fn set(list: &[IpNet]) -> String {
    if let [one] = list {
        one.to_string()
    } else {
        format!(
            "{{ {} }}",
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
