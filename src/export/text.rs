//! What the exports share: user text for config comments and titles, and address rendering.

use crate::escape::one_line;
use crate::net::IpNet;
use crate::rules::{Addresses, RuleEnd};

/// Printable ASCII safe inside any config comment: letters, digits and `space . _ : > / , ( ) @ -`,
/// everything else becomes `_`; at most `max` characters.
pub fn ascii_comment(text: &str, max: usize) -> String {
    one_line(text)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._:>/,()@-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(max)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// How many error findings the plan has and their kinds (`dangerous_rule, wide_address`), or
/// `None` without errors: every export says so at its top.
pub fn errors(findings: &[crate::findings::Finding]) -> Option<(usize, String)> {
    let errors: Vec<_> = (findings.iter())
        .filter(|f| f.severity == crate::findings::Severity::Error)
        .collect();
    let mut kinds: Vec<&str> = errors.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    (!errors.is_empty()).then(|| (errors.len(), kinds.join(", ")))
}

/// The warning line of a config format (`#` or `!` comments, English and ASCII like the rest of
/// their header), with its newline; empty without errors.
pub fn error_comment(findings: &[crate::findings::Finding], comment: &str) -> String {
    errors(findings).map_or_else(String::new, |(n, kinds)| {
        format!(
            "{comment} WARNING: this plan has {n} error finding(s) ({kinds}). Run lync-port-planner check and fix them before loading these rules.\n"
        )
    })
}

/// Addresses as one string: `any`, `a b c`, with `UNRESOLVED` when some are missing.
pub fn addresses(end: &RuleEnd, sep: &str) -> String {
    let mut parts: Vec<String> = match &end.addresses {
        Addresses::Any => vec!["any".to_owned()],
        Addresses::List(list) => list.iter().map(ToString::to_string).collect(),
    };
    if end.is_unresolved() {
        parts.push("UNRESOLVED".to_owned());
    }
    parts.join(sep)
}

/// The networks of an end, with networks inside others dropped (nftables sets refuse overlaps).
pub fn minimal(list: &[IpNet]) -> Vec<IpNet> {
    let mut sorted: Vec<IpNet> = list.to_vec();
    sorted.sort();
    sorted.dedup();
    let all = sorted.clone();
    sorted.retain(|n| !all.iter().any(|o| o != n && o.contains(n)));
    sorted
}

/// For address families: `Some(list)` per family, `None` meaning any.
pub fn by_family(addresses: &Addresses, ipv4: bool) -> Option<Vec<IpNet>> {
    match addresses {
        Addresses::Any => None,
        Addresses::List(list) => Some(minimal(
            &list
                .iter()
                .copied()
                .filter(|a| a.is_ipv4() == ipv4)
                .collect::<Vec<_>>(),
        )),
    }
}

/// "label (role/endpoint)" for human-readable exports.
pub fn end_title(end: &RuleEnd) -> String {
    format!("{} ({}/{})", one_line(&end.label), end.role, end.endpoint)
}

/// One address family's matches of a rule: `None` is "any".
pub struct FamilyMatch {
    /// IPv4 (else IPv6).
    pub ipv4: bool,
    /// Source networks, or any.
    pub source: Option<Vec<IpNet>>,
    /// Destination networks, or any.
    pub destination: Option<Vec<IpNet>>,
}

/// The per-family matches a rule needs; a family is left out when one end has no address in it.
pub fn families(rule: &crate::rules::Rule) -> Vec<FamilyMatch> {
    let mut out = Vec::new();
    for ipv4 in [true, false] {
        let source = by_family(&rule.source.addresses, ipv4);
        let destination = by_family(&rule.destination.addresses, ipv4);
        let empty = |s: &Option<Vec<IpNet>>| s.as_ref().is_some_and(Vec::is_empty);
        if empty(&source)
            || empty(&destination)
            || (!ipv4 && source.is_none() && destination.is_none())
        {
            continue;
        }
        out.push(FamilyMatch {
            ipv4,
            source,
            destination,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_comment_keeps_only_safe_characters() {
        assert_eq!(
            ascii_comment("S1-6:a>b \"x\" $(rm) `y`", 100),
            "S1-6:a>b _x_ _(rm) _y_"
        );
        assert_eq!(ascii_comment("abcdef", 3), "abc");
    }

    #[test]
    fn minimal_drops_contained_networks() {
        let list: Vec<IpNet> = ["10.0.0.0/16", "10.0.1.0/24", "10.0.0.5", "192.168.1.1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let out: Vec<String> = minimal(&list).iter().map(ToString::to_string).collect();
        assert_eq!(out, ["10.0.0.0/16", "192.168.1.1"]);
    }
}
