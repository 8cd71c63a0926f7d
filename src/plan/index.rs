//! A plan's nodes by rank and who is linked to whom, built once per pass over the plan.
//! Derivation and findings walk thousands of links and peers; comparing node id strings in a
//! map at every step was most of their time, so they look ids up once and then use ranks.

use super::{Link, Node, NodeId, Plan};

/// Nodes in id order (a node's rank is its place there) and each node's links.
#[derive(Debug)]
pub struct Index<'a> {
    nodes: Vec<(&'a NodeId, &'a Node)>,
    ends: Vec<Option<(usize, usize)>>,
    /// Every node's peers, node after node; node `r`'s are `peers[start[r]..start[r + 1]]`.
    peers: Vec<(usize, &'a Link)>,
    start: Vec<usize>,
}

impl<'a> Index<'a> {
    /// Index `plan`. A link naming a node the plan does not have is left out.
    pub fn new(plan: &'a Plan) -> Self {
        let nodes: Vec<(&NodeId, &Node)> = plan.nodes.iter().map(|(id, n)| (id, &**n)).collect();
        // Links usually hold the node map's own id (see `Plan::normalize`, and edits copy ids):
        // finding it by address compares integers in one array instead of chasing every
        // compared id's text, which was a fifth of a derivation. Any other id is found by text.
        let mut by_address: Vec<(usize, usize)> = nodes
            .iter()
            .enumerate()
            .map(|(rank, (id, _))| (id.address(), rank))
            .collect();
        by_address.sort_unstable();
        let rank = |id: &NodeId| {
            by_address
                .binary_search_by_key(&id.address(), |&(a, _)| a)
                .map(|i| by_address[i].1)
                .ok()
                .or_else(|| by_text(&nodes, id))
        };
        let ends: Vec<Option<(usize, usize)>> = plan
            .links
            .iter()
            .map(|l| Some((rank(&l.a)?, rank(&l.b)?)))
            .collect();
        // Both directions of every link, grouped by node and counted into place, so each
        // node's links stay in link order.
        let mut start = vec![0; nodes.len() + 1];
        for &(a, b) in ends.iter().flatten() {
            start[a + 1] += 1;
            start[b + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        // Every slot is written below; the first link only fills them until then.
        let mut peers: Vec<(usize, &Link)> = match plan.links.first() {
            Some(first) => vec![(0, first); start[nodes.len()]],
            None => Vec::new(),
        };
        for (link, &end) in plan.links.iter().zip(&ends) {
            if let Some((a, b)) = end {
                for (node, peer) in [(a, b), (b, a)] {
                    peers[next[node]] = (peer, link);
                    next[node] += 1;
                }
            }
        }
        Self {
            nodes,
            ends,
            peers,
            start,
        }
    }

    /// Every node with its id, in id order.
    pub fn nodes(&self) -> &[(&'a NodeId, &'a Node)] {
        &self.nodes
    }

    /// The rank of a node id.
    pub fn rank(&self, id: &NodeId) -> Option<usize> {
        by_text(&self.nodes, id)
    }

    /// The ranks of the `i`th link's ends (`a`, `b`), when both nodes exist.
    pub fn ends(&self, i: usize) -> Option<(usize, usize)> {
        self.ends.get(i).copied().flatten()
    }

    /// The nodes linked to the node of rank `rank` and the link to each, in link order.
    pub fn peers(&self, rank: usize) -> &[(usize, &'a Link)] {
        match (self.start.get(rank), self.start.get(rank + 1)) {
            (Some(&from), Some(&to)) => &self.peers[from..to],
            _ => &[],
        }
    }
}

/// The rank of `id`, found by comparing text.
fn by_text(nodes: &[(&NodeId, &Node)], id: &NodeId) -> Option<usize> {
    nodes.binary_search_by(|(n, _)| (*n).cmp(id)).ok()
}
