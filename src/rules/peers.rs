//! Microsoft's "Any" ends of a plan's rules as peers a diagram can draw: remote users, federated
//! and XMPP partners, the Internet at large, management hosts. One peer per zone and stand-in
//! role, so that every rule has a visible end (and the external firewall's rules something to
//! point at).

use std::collections::{BTreeMap, BTreeSet};

use super::{RuleId, RuleSet};
use crate::catalog::{Catalog, RoleId, Side};
use crate::plan::NodeId;
use crate::topology::Zone;

/// One "Any" peer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnyPeer {
    /// Where it is.
    pub zone: Zone,
    /// The role whose nodes may stand in for it when linked (`external_clients`,
    /// `federated_partner`, `any`); `None` for the Internet (or network) at large.
    pub role: Option<RoleId>,
    /// The nodes with a rule to or from it.
    pub nodes: BTreeSet<NodeId>,
    /// Those rules, in the rule set's order.
    pub rules: Vec<RuleId>,
    /// Where those rules are in the rule set, in the same order.
    pub positions: Vec<usize>,
}

/// The "Any" peers of `rules`, by zone (outside in) then role. A rule whose "Any" a linked node
/// stands in for has that node as its end, so it is not a peer's.
pub fn any_peers(rules: &RuleSet, catalog: &Catalog) -> Vec<AnyPeer> {
    // Each requirement's "Any" sides once: a plan has many rules per requirement.
    let mut sides: BTreeMap<&str, (Option<&Side>, Option<&Side>)> = BTreeMap::new();
    for req in catalog.requirements() {
        let any = |s: &'_ Side| matches!(s, Side::Any { .. });
        let (src, dst) = (&req.source, &req.destination);
        if any(src) || any(dst) {
            sides.insert(
                req.id.as_str(),
                (any(src).then_some(src), any(dst).then_some(dst)),
            );
        }
    }
    let mut peers: BTreeMap<(Zone, Option<RoleId>), AnyPeer> = BTreeMap::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        let Some(&(src, dst)) = sides.get(&*rule.origin.requirement) else {
            continue;
        };
        let (side, node) = match (&rule.source.node, &rule.destination.node) {
            (None, Some(node)) => (src, node),
            (Some(node), None) => (dst, node),
            _ => continue,
        };
        let Some(Side::Any { zone, via }) = side else {
            continue;
        };
        let role = via.first().cloned();
        let peer = peers
            .entry((*zone, role.clone()))
            .or_insert_with(|| AnyPeer {
                zone: *zone,
                role,
                nodes: BTreeSet::new(),
                rules: Vec::new(),
                positions: Vec::new(),
            });
        peer.nodes.insert(node.clone());
        peer.rules.push(rule.id.clone());
        peer.positions.push(i);
    }
    peers.into_values().collect()
}
