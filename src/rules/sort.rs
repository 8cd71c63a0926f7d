//! The order of a derivation's rules: each rule gets a bucket (firewall and destination) and
//! a packed integer key, and the table is sorted once when the derivation is done.

use super::Rule;

/// Rules as they are derived, each with its sort key.
pub(super) struct Out {
    rules: Vec<Rule>,
    /// By rule: its key within its bucket (see `push`) and its bucket.
    keys: Vec<(u64, usize)>,
    /// Destination ranks run from 0 ("Any") to the node count.
    ranks: usize,
}

/// The largest source rank and id rank a key holds: larger ones are capped, which leaves
/// keys that tie where the rules differ, and ties are ordered by comparing the rules. (Unit
/// tests cap them low, so that the comparison is what orders most rules.)
#[cfg(not(test))]
const SOURCE_RANK_MAX: u32 = (1 << 28) - 1;
#[cfg(not(test))]
const ID_RANK_MAX: u32 = (1 << 16) - 1;
#[cfg(test)]
const SOURCE_RANK_MAX: u32 = 5;
#[cfg(test)]
const ID_RANK_MAX: u32 = 3;

/// A transport's place in the key's four bits, in declaration order.
fn transport_bits(transport: crate::net::Transport) -> u64 {
    match transport {
        crate::net::Transport::Tcp => 0,
        crate::net::Transport::Udp => 1,
    }
}

impl Out {
    /// A table for the rules of a plan of `links` links and `nodes` nodes.
    pub(super) fn new(links: usize, nodes: usize) -> Self {
        // About what the generated sites need, so the table is rarely copied while it grows.
        let guess = links * 4 + nodes * 2;
        Self {
            rules: Vec::with_capacity(guess),
            keys: Vec::with_capacity(guess),
            ranks: nodes + 1,
        }
    }

    /// Firewall and destination node rank make the rule's bucket; port, transport, source
    /// node rank and the rank of the id's requirement are packed into one integer in that
    /// order of significance (the enums' declaration order is their order).
    #[inline]
    pub(super) fn push(&mut self, rule: Rule, ranks: [u32; 2], id_rank: u32) {
        let [source_rank, destination_rank] = ranks;
        let key = (u64::from(rule.ports.from) << 48)
            | (transport_bits(rule.transport) << 44)
            | (u64::from(source_rank.min(SOURCE_RANK_MAX)) << 16)
            | u64::from(id_rank.min(ID_RANK_MAX));
        // Firewall and destination as one number below `3 * ranks`.
        let bucket = (usize::from(rule.firewall as u8) * self.ranks
            + usize::try_from(destination_rank).unwrap_or(usize::MAX))
        .min(3 * self.ranks - 1);
        self.keys.push((key, bucket));
        self.rules.push(rule);
    }

    /// The rules in [`super::order`]: firewall, destination node, port, transport, source node
    /// and id. Node ids are compared by their rank in the plan's sorted node map and rules are
    /// moved once, not at every comparison. Rules are first counted into one bucket per
    /// firewall and destination, so the comparison sort only orders the handful of rules into
    /// each node (it was a quarter of a derivation), by 16-byte keys.
    pub(super) fn sorted(self) -> Vec<Rule> {
        let mut start = vec![0usize; 3 * self.ranks + 1];
        for &(_, bucket) in &self.keys {
            start[bucket + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut order = vec![(0u64, 0usize); self.keys.len()];
        for (i, &(key, bucket)) in self.keys.iter().enumerate() {
            order[next[bucket]] = (key, i);
            next[bucket] += 1;
        }
        drop(next);
        let mut rules = self.rules;
        for w in start.windows(2).filter(|w| w[1] - w[0] > 1) {
            order[w[0]..w[1]].sort_unstable_by(|(ka, a), (kb, b)| {
                ka.cmp(kb)
                    .then_with(|| super::order(&rules[*a], &rules[*b]))
                    .then(a.cmp(b))
            });
        }
        // A rule's id is made of its requirement and its two nodes, which also make its key:
        // rules with one id (none, from a valid plan) are neighbours with one key. All but the
        // first are left out.
        order.dedup_by(|(kb, b), (ka, a)| ka == kb && rules[*a].id() == rules[*b].id());
        // Rules are swapped into place rather than moved into a second table, which costs
        // memory at the peak and measured slower. `at[i]` is where rule `i` is now, `from[p]`
        // which rule is at `p`.
        let mut at: Vec<usize> = (0..rules.len()).collect();
        let mut from = at.clone();
        for (k, &(_, i)) in order.iter().enumerate() {
            let p = at[i];
            rules.swap(k, p);
            let displaced = from[k];
            (at[displaced], from[p]) = (p, displaced);
            (at[i], from[k]) = (k, i);
        }
        rules.truncate(order.len());
        rules
    }
}
