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

/// The networks of an end, with networks inside others dropped (nftables sets refuse
/// overlaps). Sorted by first address, widest first, then one pass: two networks are nested or
/// disjoint, so one lies inside a kept network exactly when it ends before the last kept one
/// does. O(n log n): the pairwise test was quadratic (50,000 networks on a node: 110 s).
pub fn minimal(list: &[IpNet]) -> Vec<IpNet> {
    let mut sorted: Vec<(bool, u128, std::cmp::Reverse<u128>, IpNet)> = list
        .iter()
        .map(|n| {
            let (start, end) = n.bounds();
            (n.is_ipv4(), start, std::cmp::Reverse(end), *n)
        })
        .collect();
    sorted.sort_unstable();
    let mut out: Vec<IpNet> = Vec::with_capacity(sorted.len());
    let mut covered: Option<(bool, u128)> = None;
    for (ipv4, _, std::cmp::Reverse(last), net) in sorted {
        if covered.is_some_and(|(v4, end)| v4 == ipv4 && last <= end) {
            continue;
        }
        covered = Some((ipv4, last));
        out.push(net);
    }
    out.sort_unstable();
    out
}

/// The comment that stands for a rule with a missing address in config formats.
pub fn unresolved_note(id: &str) -> String {
    format!("UNRESOLVED {id}: fill in the missing addresses")
}

/// The comment that stands for a rule no packet can match (see `Rule::is_mixed_family`).
pub fn mixed_family_note(id: &str) -> String {
    format!(
        "MIXED_FAMILY {id}: its ends share no address family (IPv4 and IPv6, or an IPv4-mapped IPv6 address); give both ends addresses of one family"
    )
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

    /// The one-pass sweep keeps what the pairwise test kept: duplicates and nested networks
    /// go, the families stay apart (`::a00:0/104` has the bits of 10.0.0.0/8), order is sorted.
    #[test]
    fn minimal_matches_the_pairwise_definition() {
        let list: Vec<IpNet> = [
            "10.0.0.0/8",
            "::a00:0/104",
            "10.1.0.0/16",
            "10.1.0.0/16",
            "::a00:1",
            "0.0.0.0/0",
            "192.168.0.0/24",
            "2001:db8::/32",
            "2001:db8:1::/48",
            "172.16.0.1",
            "::/0",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        for take in 0..=list.len() {
            let part = &list[..take];
            let mut want: Vec<IpNet> = part.to_vec();
            want.sort();
            want.dedup();
            let all = want.clone();
            want.retain(|n| !all.iter().any(|o| o != n && o.contains(n)));
            assert_eq!(minimal(part), want, "{take}");
        }
    }
}
