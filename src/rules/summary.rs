//! Per-link summaries of the rules: the ports a link carries and the directions of its traffic.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::RuleSet;
use crate::i18n::{self, Lang};
use crate::plan::NodeId;

/// Ports shown on a link label before "+N more" (tooltips list them all).
pub const MAX_PORTS_SHOWN: usize = 5;

/// What a link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkSummary {
    /// Distinct destination ports, `5061 · 8080 · 4443`, in English (`+2 more` past
    /// [`MAX_PORTS_SHOWN`]): what the SVG and JSON write.
    pub ports: String,
    /// The ports shown, without the count of the rest.
    pub shown: String,
    /// Ports past [`MAX_PORTS_SHOWN`], left out of `shown`.
    pub more: usize,
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
        fill(summary, rules, |r| r.source.node.as_ref() == Some(&key.0));
    }
    links
}

/// What the link between an "Any" peer and each of its nodes carries, by node; `forward` is
/// traffic from the peer to the node.
pub fn peer_summaries(rules: &RuleSet, peer: &super::AnyPeer) -> BTreeMap<NodeId, LinkSummary> {
    let mut out: BTreeMap<NodeId, LinkSummary> = BTreeMap::new();
    for &i in &peer.positions {
        let rule = &rules.rules[i];
        if let Some(node) = rule.source.node.as_ref().or(rule.destination.node.as_ref()) {
            out.entry(node.clone()).or_default().rules.push(i);
        }
    }
    for summary in out.values_mut() {
        fill(summary, rules, |r| r.source.node.is_none());
    }
    out
}

/// Directions and port texts of a summary whose `rules` are set; `forward` tells a rule from
/// the first end.
fn fill(summary: &mut LinkSummary, rules: &RuleSet, forward: impl Fn(&super::Rule) -> bool) {
    for &i in &summary.rules {
        if forward(&rules.rules[i]) {
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
    // Shown by first port, then as text (as they always were); the text is compared only
    // between ranges that start at the same port, and written once into the label.
    ranges.sort_by(|x, y| (x.from.cmp(&y.from)).then_with(|| x.to_string().cmp(&y.to_string())));
    let total = ranges.len();
    summary.shown.clear();
    for (n, range) in ranges.iter().take(MAX_PORTS_SHOWN).enumerate() {
        if n > 0 {
            summary.shown.push_str(" · ");
        }
        // Writing into a String cannot fail.
        let _ = write!(summary.shown, "{range}");
    }
    summary.more = total.saturating_sub(MAX_PORTS_SHOWN);
    summary.ports = summary.ports_in(Lang::En);
}

impl LinkSummary {
    /// The label text in `lang`: the shown ports, then "+N more" translated.
    pub fn ports_in(&self, lang: Lang) -> String {
        if self.more == 0 {
            return self.shown.clone();
        }
        let more = i18n::trf(lang, "link.more_ports", &[("n", &self.more.to_string())]);
        format!("{} · {more}", self.shown)
    }
}

#[cfg(test)]
mod tests {
    use super::LinkSummary;
    use crate::i18n::Lang;

    #[test]
    fn more_ports_are_counted_in_the_language_asked() {
        let s = LinkSummary {
            shown: "443 · 5061".to_owned(),
            more: 3,
            ..LinkSummary::default()
        };
        assert_eq!(s.ports_in(Lang::En), "443 · 5061 · +3 more");
        assert_eq!(s.ports_in(Lang::ZhTw), "443 · 5061 · 另 3 個");
        assert_eq!(s.ports_in(Lang::KoKr), "443 · 5061 · 외 3개");
        let few = LinkSummary {
            shown: "443".to_owned(),
            ..LinkSummary::default()
        };
        assert_eq!(few.ports_in(Lang::KoKr), "443");
    }
}
