//! What is selected: nodes, one link, one "Any" peer's link (the trainer shows a hop to a
//! peer so) or one firewall. Shared by the canvas, the rule table, the side panel,
//! the trainer and exports; never saved in the plan.

use std::collections::BTreeSet;

use crate::plan::{FirewallId, Layout, NodeId, Plan};
use crate::rules::RuleId;

/// What is selected on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected nodes.
    pub nodes: BTreeSet<NodeId>,
    /// The selected link, by its sorted ends.
    pub link: Option<(NodeId, NodeId)>,
    /// The selected firewall: the table and the selection export show exactly its rule set.
    pub firewall: Option<FirewallId>,
    /// The selected link of an "Any" peer: drawn highlighted with its peer card, the table
    /// shows its rules. Only the trainer selects one (a peer is not a node of the plan).
    pub peer_link: Option<PeerLinkKey>,
}

/// An "Any" peer's link: the peer's card id (`any:internet`), its node, and the rules it
/// carries (what the table shows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerLinkKey {
    /// The peer card's id.
    pub peer: NodeId,
    /// The node at the other end.
    pub node: NodeId,
    /// Its rules.
    pub rules: Vec<RuleId>,
}

impl Selection {
    /// Nothing selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.link.is_none()
            && self.firewall.is_none()
            && self.peer_link.is_none()
    }

    /// Select exactly one node.
    pub fn only_node(id: NodeId) -> Self {
        Self {
            nodes: BTreeSet::from([id]),
            ..Self::default()
        }
    }

    /// Select exactly one link.
    pub fn only_link(a: NodeId, b: NodeId) -> Self {
        let key = if a <= b { (a, b) } else { (b, a) };
        Self {
            link: Some(key),
            ..Self::default()
        }
    }

    /// What a rule picked in a list selects: its link, or its two nodes when the plan does not
    /// link them (the Central Management store's replication reaches unlinked servers), or its
    /// one node for a rule with "Any".
    pub fn of_rule(rule: &crate::rules::Rule, plan: &Plan) -> Self {
        match (rule.link(), &rule.source.node, &rule.destination.node) {
            (Some((a, b)), _, _) if plan.link_between(a, b).is_some() => {
                Self::only_link(a.clone(), b.clone())
            }
            (Some((a, b)), _, _) => Self {
                nodes: BTreeSet::from([a.clone(), b.clone()]),
                ..Self::default()
            },
            (None, Some(n), _) | (None, None, Some(n)) => Self::only_node(n.clone()),
            (None, None, None) => Self::default(),
        }
    }

    /// Select exactly one peer's link.
    pub fn only_peer_link(key: PeerLinkKey) -> Self {
        Self {
            peer_link: Some(key),
            ..Self::default()
        }
    }

    /// False for a rule the selected link (or peer's link) does not carry.
    pub fn keeps_link_rule(&self, rule: &crate::rules::Rule) -> bool {
        if let Some(key) = &self.link
            && rule.link() != Some((&key.0, &key.1))
        {
            return false;
        }
        self.peer_link
            .as_ref()
            .is_none_or(|peer| peer.rules.contains(&rule.id))
    }

    /// Select exactly one firewall.
    pub fn only_firewall(id: FirewallId) -> Self {
        Self {
            firewall: Some(id),
            ..Self::default()
        }
    }

    /// Drop ids that no longer exist in the plan.
    pub fn retain_existing(&mut self, plan: &Plan) {
        self.nodes.retain(|id| plan.nodes.contains_key(id));
        if let Some((a, b)) = &self.link
            && plan.link_between(a, b).is_none()
        {
            self.link = None;
        }
        if self
            .peer_link
            .as_ref()
            .is_some_and(|p| !plan.nodes.contains_key(&p.node))
        {
            self.peer_link = None;
        }
        // Switching between back-to-back and three-legged firewalls drops the selected one.
        if self
            .firewall
            .is_some_and(|id| plan.firewalls.get(id).is_none())
        {
            self.firewall = None;
        }
    }
}

/// The firewall layout an id belongs to: each id exists in one layout only.
pub fn layout_of(id: FirewallId) -> Layout {
    match id {
        FirewallId::External | FirewallId::Internal => Layout::BackToBack,
        FirewallId::ThreeLegged => Layout::ThreeLegged,
    }
}

#[cfg(test)]
mod tests {
    use super::Selection;
    use crate::catalog::Catalog;
    use crate::plan::NodeId;

    /// A rule picked in the table selects its link, or its two nodes when the plan does not
    /// link them: a link selection would be dropped as soon as the plan is checked against it.
    #[test]
    fn a_rule_selects_its_link_or_its_unlinked_nodes() {
        let catalog = Catalog::builtin().unwrap();
        let ron = (crate::examples::TEMPLATES.iter())
            .find(|t| t.file == "two-sites.ron")
            .unwrap()
            .ron;
        let plan = crate::plan_file::from_ron(ron, "two-sites.ron", &catalog).unwrap();
        let rules = crate::rules::derive(&plan, &catalog);
        let rule = |id: &str| rules.rules.iter().find(|r| r.id == id).unwrap();
        let [a_fe, a_edge, b_edge] = ["a-fe", "a-edge", "b-edge"].map(NodeId::from);

        let linked = Selection::of_rule(rule("fe-edge-https-4443:a-fe>a-edge"), &plan);
        assert_eq!(linked, Selection::only_link(a_fe.clone(), a_edge));
        let mut unlinked = Selection::of_rule(rule("fe-edge-https-4443:a-fe>b-edge"), &plan);
        assert_eq!(unlinked.nodes, [a_fe, b_edge].into());
        assert!(unlinked.link.is_none());
        unlinked.retain_existing(&plan);
        assert_eq!(unlinked.nodes.len(), 2, "kept when the plan is checked");
    }
}
