//! Items indexed by the networks they name, so that the audit compares a rule only with the
//! rules on the same addresses, not with every rule: an audit stays near-linear in its input.
//! Queries return a superset; callers still apply the exact test.

use std::collections::BTreeMap;

use crate::net::IpNet;

pub(super) struct NetIndex<'a, T> {
    /// Items that name "any" address.
    any: Vec<&'a T>,
    /// (is IPv4, prefix) -> first address -> items.
    nets: BTreeMap<(bool, u8), BTreeMap<u128, Vec<&'a T>>>,
}

impl<'a, T> NetIndex<'a, T> {
    /// `keys` gives an item's networks, or `None` for "any".
    pub(super) fn new<I>(items: I, keys: impl Fn(&T) -> Option<Vec<IpNet>>) -> Self
    where
        I: IntoIterator<Item = &'a T>,
    {
        let mut index = Self {
            any: Vec::new(),
            nets: BTreeMap::new(),
        };
        for item in items {
            match keys(item) {
                None => index.any.push(item),
                Some(nets) => {
                    for n in nets {
                        index
                            .nets
                            .entry((n.is_ipv4(), n.prefix))
                            .or_default()
                            .entry(n.bounds().0)
                            .or_default()
                            .push(item);
                    }
                }
            }
        }
        index
    }

    /// Every item.
    pub(super) fn all(&self) -> impl Iterator<Item = &'a T> + '_ {
        self.any.iter().copied().chain(
            self.nets
                .values()
                .flat_map(|m| m.values().flat_map(|v| v.iter().copied())),
        )
    }

    /// Items naming a network that contains `n` ("any" items are not included).
    pub(super) fn containing(&self, n: IpNet) -> Vec<&'a T> {
        let mut out: Vec<&'a T> = Vec::new();
        for (&(v4, prefix), by_start) in &self.nets {
            if v4 != n.is_ipv4() || prefix > n.prefix {
                continue;
            }
            let wider = IpNet { prefix, ..n };
            if let Some(items) = by_start.get(&wider.bounds().0) {
                out.extend(items.iter().copied());
            }
        }
        out
    }

    /// Items naming a network that shares an address with `n` ("any" items are not included).
    pub(super) fn overlapping(&self, n: IpNet) -> Vec<&'a T> {
        let mut out = self.containing(n);
        let (first, last) = n.bounds();
        for (&(v4, prefix), by_start) in &self.nets {
            if v4 == n.is_ipv4() && prefix > n.prefix {
                out.extend(
                    by_start
                        .range(first..=last)
                        .flat_map(|(_, v)| v.iter().copied()),
                );
            }
        }
        out
    }
}
