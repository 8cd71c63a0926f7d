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
        // finding it by address is one probe of a small hash table instead of chasing every
        // compared id's text, which was a fifth of a derivation. Any other id is found by text.
        let by_address = ByAddress::new(&nodes);
        let rank = |id: &NodeId| by_address.get(id.address()).or_else(|| by_text(&nodes, id));
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

/// Node ranks by the address of their id's text: open addressing with linear probing, in a
/// table of at least twice as many slots as nodes.
struct ByAddress {
    /// Address and rank plus one; a rank of 0 marks an empty slot.
    slots: Vec<(usize, usize)>,
    /// log2 of the number of slots.
    bits: u32,
}

impl ByAddress {
    fn new(nodes: &[(&NodeId, &Node)]) -> Self {
        let bits = (nodes.len() * 2)
            .max(2)
            .next_power_of_two()
            .trailing_zeros();
        let mut table = Self {
            slots: vec![(0, 0); 1 << bits],
            bits,
        };
        let mask = table.slots.len() - 1;
        for (rank, (id, _)) in nodes.iter().enumerate() {
            let mut h = table.home(id.address());
            while table.slots[h].1 != 0 {
                h = (h + 1) & mask;
            }
            table.slots[h] = (id.address(), rank + 1);
        }
        table
    }

    /// The first slot to look in: Fibonacci hashing, since allocations are aligned and their
    /// low bits alike.
    fn home(&self, address: usize) -> usize {
        let h = (address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits);
        usize::try_from(h).unwrap_or(0)
    }

    fn get(&self, address: usize) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut h = self.home(address);
        loop {
            match self.slots[h] {
                (_, 0) => return None,
                (a, rank) if a == address => return Some(rank - 1),
                _ => h = (h + 1) & mask,
            }
        }
    }
}

/// The rank of `id`, found by comparing text.
fn by_text(nodes: &[(&NodeId, &Node)], id: &NodeId) -> Option<usize> {
    nodes.binary_search_by(|(n, _)| (*n).cmp(id)).ok()
}
