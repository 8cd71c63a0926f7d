//! `New-NetFirewallRule` commands: inbound rules on each destination host, outbound rules on a
//! source host whose peer is not a host (Any, a VIP). All values are single-quoted literals.

use super::Report;
use super::text::{ascii_comment, error_comment};
use crate::escape::one_line;
use crate::rules::{Addresses, Rule, RuleEnd};

pub(super) fn render(report: &Report<'_>) -> String {
    let mut out = error_comment(report.findings, "#");
    out.push_str(&format!(
        "# Lync Port Planner: Windows Firewall rules for plan {}\n",
        ascii_comment(&report.rules.plan, 100)
    ));
    out.push_str(&format!("# Product: {}\n", report.plan.product.name()));
    out.push_str(&format!(
        "# Catalog {}. Run each block on the host it names, in an elevated PowerShell.\n",
        ascii_comment(&report.rules.catalog, 60)
    ));
    out.push_str("# Review before running: every rule is an Allow rule in group 'Lync Port Planner'.\n#Requires -RunAsAdministrator\n");
    for rule in &report.rules.rules {
        out.push('\n');
        out.push_str(&format!(
            "# {} | {} {}/{}\n",
            ascii_comment(&rule.id().to_string(), 100),
            ascii_comment(rule.application(), 30),
            rule.transport.as_str(),
            rule.ports
        ));
        if rule.is_unresolved() {
            out.push_str(&format!(
                "# UNRESOLVED: not written until every address is filled in ({})\n",
                ascii_comment(&missing(rule), 200)
            ));
            continue;
        }
        if rule.is_mixed_family() {
            out.push_str(&format!(
                "# {}\n",
                super::text::mixed_family_note(&ascii_comment(&rule.id().to_string(), 100))
            ));
            continue;
        }
        if rule.destination.is_host {
            out.push_str(&format!(
                "# On each of: {}\n",
                ascii_comment(&host_names(&rule.destination), 200)
            ));
            out.push_str(&command(rule, "Inbound", &rule.destination, &rule.source));
        } else if rule.source.is_host {
            out.push_str(&format!(
                "# On each of: {} (the peer is not a host)\n",
                ascii_comment(&host_names(&rule.source), 200)
            ));
            out.push_str(&command(rule, "Outbound", &rule.source, &rule.destination));
        } else {
            out.push_str("# Not a host rule (load balancer VIP or network on both ends): configure it on the network firewall.\n");
        }
    }
    out
}

fn missing(rule: &Rule) -> String {
    rule.source
        .missing
        .iter()
        .chain(&rule.destination.missing)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn host_names(end: &RuleEnd) -> String {
    format!("{} ({})", end.label, list(&end.addresses))
}

fn list(addresses: &Addresses) -> String {
    match addresses {
        Addresses::Any => "Any".to_owned(),
        Addresses::List(l) => l
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn addr_arg(addresses: &Addresses) -> String {
    match addresses {
        Addresses::Any => "Any".to_owned(),
        Addresses::List(l) => l
            .iter()
            .map(|a| quote(&a.to_string()))
            .collect::<Vec<_>>()
            .join(","),
    }
}

fn command(rule: &Rule, direction: &str, local: &RuleEnd, remote: &RuleEnd) -> String {
    let port_param = if direction == "Inbound" {
        "-LocalPort"
    } else {
        "-RemotePort"
    };
    format!(
        "New-NetFirewallRule -DisplayName {} -Group 'Lync Port Planner' -Description {} -Direction {direction} -Action Allow -Protocol {} {port_param} {} -LocalAddress {} -RemoteAddress {}\n",
        quote(&format!("Lync {}", rule.id())),
        quote(&format!(
            "{} ({} -> {})",
            rule.notes().en,
            local.label,
            remote.label
        )),
        rule.transport.as_str().to_uppercase(),
        quote(&rule.ports.join("-")),
        addr_arg(&local.addresses),
        addr_arg(&remote.addresses),
    )
}

/// A PowerShell single-quoted literal. PowerShell also treats the typographic quotes
/// U+2018..U+201B as single quotes, so each is doubled like `'`; line breaks become spaces.
fn quote(text: &str) -> String {
    let mut out = String::from("'");
    for c in one_line(text).chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_cannot_be_escaped() {
        assert_eq!(
            super::quote("'; Remove-Item -Recurse C:\\ #"),
            "'''; Remove-Item -Recurse C:\\ #'"
        );
        assert_eq!(super::quote("a\u{2019}b\nc"), "'a\u{2019}\u{2019}b c'");
    }
}
