//! A plan's nodes in id order and who is linked to whom, for passes over the whole plan.

use std::collections::BTreeMap;

use super::{Link, Node, NodeId, Plan};

/// Nodes in id order (a node's rank is its place there) and each node's links.
#[derive(Debug)]
pub struct Index<'a> {
    nodes: Vec<(&'a NodeId, &'a Node)>,
    ends: Vec<Option<(usize, usize)>>,
    peers: BTreeMap<usize, Vec<(usize, &'a Link)>>,
}

impl<'a> Index<'a> {
    /// Index `plan`. A link naming a node the plan does not have is left out.
    pub fn new(plan: &'a Plan) -> Self {
        let nodes: Vec<(&NodeId, &Node)> = plan.nodes.iter().map(|(id, n)| (id, &**n)).collect();
        let rank = |id: &NodeId| nodes.binary_search_by(|(n, _)| (*n).cmp(id)).ok();
        let ends: Vec<Option<(usize, usize)>> = plan
            .links
            .iter()
            .map(|l| Some((rank(&l.a)?, rank(&l.b)?)))
            .collect();
        let mut peers: BTreeMap<usize, Vec<(usize, &Link)>> = BTreeMap::new();
        for (link, end) in plan.links.iter().zip(&ends) {
            if let Some((a, b)) = *end {
                peers.entry(a).or_default().push((b, link));
                peers.entry(b).or_default().push((a, link));
            }
        }
        Self { nodes, ends, peers }
    }

    /// Every node with its id, in id order.
    pub fn nodes(&self) -> &[(&'a NodeId, &'a Node)] {
        &self.nodes
    }

    /// The rank of a node id.
    pub fn rank(&self, id: &NodeId) -> Option<usize> {
        self.nodes.binary_search_by(|(n, _)| (*n).cmp(id)).ok()
    }

    /// The ranks of the `i`th link's ends (`a`, `b`), when both nodes exist.
    pub fn ends(&self, i: usize) -> Option<(usize, usize)> {
        self.ends.get(i).copied().flatten()
    }

    /// The nodes linked to the node of rank `rank` and the link to each, in link order.
    pub fn peers(&self, rank: usize) -> &[(usize, &'a Link)] {
        self.peers.get(&rank).map_or(&[], Vec::as_slice)
    }
}
