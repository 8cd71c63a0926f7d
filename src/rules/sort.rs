//! The order of a derivation's rules: each rule gets a bucket (firewall and destination) and
//! a packed integer key as it is derived, and the table is sorted once at the end, in place.

use super::Rule;

/// Rules as they are derived, each with its sort key and bucket.
pub(super) struct Out {
    /// The rules with their keys within their buckets (see `push`).
    rules: Vec<(u64, Rule)>,
    /// By rule, its bucket: firewall and destination node rank as one number.
    buckets: Vec<u32>,
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
            buckets: Vec::with_capacity(guess),
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
        self.buckets.push(u32::try_from(bucket).unwrap_or(u32::MAX));
        self.rules.push((key, rule));
    }

    /// The rules in [`super::order`]: firewall, destination node, port, transport, source node
    /// and id, with node ids compared by their rank in the plan's sorted node map.
    ///
    /// The table is sorted where it is, so a derivation needs no second table (every page of
    /// a fresh table is a page fault, which was a fifth of a derivation): rules are first
    /// swapped into their buckets, each moved about once, and then each bucket, a handful of
    /// rules into one node, is sorted by key.
    pub(super) fn sorted(self) -> Vec<Rule> {
        let Self {
            mut rules,
            mut buckets,
            ranks,
        } = self;
        let count = 3 * ranks;
        let bucket_of = |b: u32| usize::try_from(b).map_or(count - 1, |b| b.min(count - 1));
        let mut start = vec![0usize; count + 1];
        for &b in &buckets {
            start[bucket_of(b) + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        // Each bucket's next unfilled place; a rule found in another's place is swapped to
        // where its own bucket is filled up to.
        let mut next = start.clone();
        for b in 0..count {
            while next[b] < start[b + 1] {
                let i = next[b];
                let own = bucket_of(buckets[i]);
                if own == b {
                    next[b] += 1;
                } else {
                    let j = next[own];
                    rules.swap(i, j);
                    buckets.swap(i, j);
                    next[own] += 1;
                }
            }
        }
        drop((next, buckets));
        for w in start.windows(2).filter(|w| w[1] - w[0] > 1) {
            rules[w[0]..w[1]]
                .sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| super::order(a, b)));
        }
        // A rule's id is made of its requirement and its two nodes, which also make its key:
        // rules with one id (none, from a valid plan) are neighbours with one key. All but the
        // first are left out.
        rules.dedup_by(|(kb, b), (ka, a)| ka == kb && a.id() == b.id());
        // Collected in place: the keys' table becomes the rules' table.
        rules.into_iter().map(|(_, rule)| rule).collect()
    }
}
