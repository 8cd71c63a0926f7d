//! Per-link summaries of the rules: the ports a link carries and the directions of its traffic.

use std::collections::BTreeMap;

use super::RuleSet;
use crate::plan::NodeId;

/// Ports shown on a link label before "+N more" (tooltips list them all).
pub const MAX_PORTS_SHOWN: usize = 5;

/// What a link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkSummary {
    /// Distinct destination ports, `5061 · 8080 · 4443`.
    pub ports: String,
    /// Some rule goes from the link's first end (the smaller id) to its second.
    pub forward: bool,
    /// Some rule goes from the second end to the first.
    pub backward: bool,
    /// Indexes into the rule set.
    pub rules: Vec<usize>,
}

/// Summaries of every link that carries a rule, by sorted ends.
pub fn link_summaries(rules: &RuleSet) -> BTreeMap<(NodeId, NodeId), LinkSummary> {
    let mut by_link: BTreeMap<(&NodeId, &NodeId), Vec<usize>> = BTreeMap::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        if let Some(key) = rule.link() {
            by_link.entry(key).or_default().push(i);
        }
    }
    let mut links: BTreeMap<(NodeId, NodeId), LinkSummary> = (by_link.into_iter())
        .map(|((a, b), rules)| {
            let summary = LinkSummary {
                rules,
                ..LinkSummary::default()
            };
            ((a.clone(), b.clone()), summary)
        })
        .collect();
    for (key, summary) in &mut links {
        for &i in &summary.rules {
            if rules.rules[i].source.node.as_ref() == Some(&key.0) {
                summary.forward = true;
            } else {
                summary.backward = true;
            }
        }
        let mut ranges: Vec<crate::net::PortRange> = summary
            .rules
            .iter()
            .map(|&i| rules.rules[i].ports)
            .collect();
        ranges.sort_unstable();
        ranges.dedup();
        // Shown by first port, then as text (as they always were): a handful per link.
        let mut ports: Vec<(u16, String)> =
            ranges.iter().map(|p| (p.from, p.to_string())).collect();
        ports.sort();
        let total = ports.len();
        let mut shown: Vec<String> = ports
            .into_iter()
            .take(MAX_PORTS_SHOWN)
            .map(|(_, p)| p)
            .collect();
        if total > MAX_PORTS_SHOWN {
            shown.push(format!("+{} more", total - MAX_PORTS_SHOWN));
        }
        summary.ports = shown.join(" · ");
    }
    links
}
