//! An `nft -f` file for `table inet lync_port_planner`. Its chains have no hook: loading it
//! changes no traffic until the admin's own base chain jumps to them (see the header).
//!
//! Reloading must never open the firewall: the admin's base chain (with its `policy drop`)
//! lives in the same table, so the file never deletes the table. It declares the table and each
//! of our chains (idempotent), flushes our chains and refills them, all in one transaction. Our
//! names are fixed and prefixed (`lpp_`), so every name an export can produce is known: the
//! chains of exports before the prefix are declared and deleted by name.

use std::fmt::Write as _;

use super::Report;
use super::text::{ascii_comment, error_comment, families, mixed_family_note, unresolved_note};
use crate::net::IpNet;
use crate::topology::Firewall;

const TABLE: &str = "inet lync_port_planner";

/// Our chain for a firewall.
fn chain(fw: Firewall) -> String {
    format!("lpp_{}", fw.as_str())
}

pub(super) fn render(report: &Report<'_>) -> String {
    let mut out = String::from("#!/usr/sbin/nft -f\n");
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
        "# Nothing is filtered until a base chain in this table jumps to a chain, for example:\n",
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
        "# Reloading this file (or a newer export) is safe: it replaces the chains named lpp_*\n\
         # and nothing else, so your base chain and its policy stay. Give your chains other names.\n\
         # It also deletes the chains internal, external and host that earlier exports made: jump\n\
         # to the lpp_* chains instead (nft refuses the file while a chain jumps to an old one).\n",
    );
    writeln!(out, "table {TABLE} {{\n}}").ok();
    for fw in Firewall::ALL {
        let name = chain(fw);
        writeln!(out, "add chain {TABLE} {name}\nflush chain {TABLE} {name}").ok();
    }
    for old in Firewall::ALL {
        let name = old.as_str();
        writeln!(out, "add chain {TABLE} {name}\ndelete chain {TABLE} {name}").ok();
    }
    writeln!(out, "\ntable {TABLE} {{").ok();
    for (i, fw) in Firewall::ALL.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        writeln!(out, "\tchain {} {{", chain(fw)).ok();
        for rule in report.rules.for_firewall(fw) {
            let comment = ascii_comment(&rule.id().to_string(), 120);
            if rule.is_unresolved() {
                writeln!(out, "\t\t# {}", unresolved_note(&comment)).ok();
                continue;
            }
            if rule.is_mixed_family() {
                writeln!(out, "\t\t# {}", mixed_family_note(&comment)).ok();
                continue;
            }
            for m in families(rule) {
                let family = if m.ipv4 { "ip" } else { "ip6" };
                out.push_str("\t\t");
                if let Some(list) = &m.source {
                    write!(out, "{family} saddr ").ok();
                    set(&mut out, list);
                }
                if let Some(list) = &m.destination {
                    write!(out, "{family} daddr ").ok();
                    set(&mut out, list);
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

/// One network, or an anonymous set of them, and a space.
fn set(out: &mut String, list: &[IpNet]) {
    if let [one] = list {
        write!(out, "{one} ").ok();
        return;
    }
    out.push_str("{ ");
    for (i, net) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write!(out, "{net}").ok();
    }
    out.push_str(" } ");
}
