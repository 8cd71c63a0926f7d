//! What is selected: nodes, one link or one firewall. Shared by the canvas, the rule table, the side panel,
//! the trainer and exports; never saved in the plan.

use std::collections::BTreeSet;

use crate::plan::{FirewallId, Layout, NodeId, Plan};

/// What is selected on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected nodes.
    pub nodes: BTreeSet<NodeId>,
    /// The selected link, by its sorted ends.
    pub link: Option<(NodeId, NodeId)>,
    /// The selected firewall: the table and the selection export show exactly its rule set.
    pub firewall: Option<FirewallId>,
}

impl Selection {
    /// Nothing selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.link.is_none() && self.firewall.is_none()
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
