//! Items indexed by the networks they name, so that the audit compares a rule only with the
//! rules on the same addresses, not with every rule: an audit stays near-linear in its input.
//! Queries return a superset; callers still apply the exact test.

use std::collections::BTreeMap;

use crate::net::{IpNet, PortRange};
use crate::rules::{Addresses, Rule};

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

/// The required rules by destination network, and by source network.
pub(super) struct RuleIndex<'a> {
    pub by_destination: NetIndex<'a, Rule>,
    pub by_source: NetIndex<'a, Rule>,
}

impl<'a> RuleIndex<'a> {
    /// One index per port range: a query visits only the ranges that share a port.
    pub(super) fn grouped(rules: Vec<&'a Rule>) -> Vec<(PortRange, Self)> {
        group_by_ports(rules, |r| r.ports)
            .into_iter()
            .map(|(ports, rules)| {
                let index = Self {
                    by_destination: NetIndex::new(rules.iter().copied(), |r| {
                        nets_of(&r.destination.addresses)
                    }),
                    by_source: NetIndex::new(rules.iter().copied(), |r| {
                        nets_of(&r.source.addresses)
                    }),
                };
                (ports, index)
            })
            .collect()
    }
}

pub(super) fn group_by_ports<'a, T>(
    items: Vec<&'a T>,
    ports: impl Fn(&T) -> PortRange,
) -> std::collections::BTreeMap<PortRange, Vec<&'a T>> {
    let mut groups: std::collections::BTreeMap<PortRange, Vec<&'a T>> =
        std::collections::BTreeMap::new();
    for item in items {
        groups.entry(ports(item)).or_default().push(item);
    }
    groups
}

pub(super) fn overlapping_groups<T>(
    groups: &[(PortRange, T)],
    p: PortRange,
) -> impl Iterator<Item = &(PortRange, T)> {
    groups
        .iter()
        .filter(move |(r, _)| r.from <= p.to && p.from <= r.to)
}

fn nets_of(a: &Addresses) -> Option<Vec<IpNet>> {
    match a {
        Addresses::Any => None,
        Addresses::List(list) => Some(list.clone()),
    }
}
