//! What is selected: nodes or one link. Shared by the canvas, the rule table, the side panel,
//! the trainer and exports; never saved in the plan.

use std::collections::BTreeSet;

use crate::plan::{NodeId, Plan};

/// What is selected on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected nodes.
    pub nodes: BTreeSet<NodeId>,
    /// The selected link, by its sorted ends.
    pub link: Option<(NodeId, NodeId)>,
}

impl Selection {
    /// Nothing selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.link.is_none()
    }

    /// Select exactly one node.
    pub fn only_node(id: NodeId) -> Self {
        Self {
            nodes: BTreeSet::from([id]),
            link: None,
        }
    }

    /// Select exactly one link.
    pub fn only_link(a: NodeId, b: NodeId) -> Self {
        let key = if a <= b { (a, b) } else { (b, a) };
        Self {
            nodes: BTreeSet::new(),
            link: Some(key),
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
    }
}
