//! Microsoft's "Any" ends of the rules drawn as peer cards (remote users, federated partners,
//! the Internet at large, management hosts), so every rule has a visible end: one card per zone
//! and stand-in role (`rules::any_peers`), in its zone's band near the nodes it faces, clear of
//! every card by room for the links and labels between them. Where its nodes lie far apart
//! down the canvas (a plan of several sites), one card per group of nearby nodes, so that no
//! link runs the plan's length past every other.
//!
//! A peer's id is `any:ZONE` (the Internet or a network at large) or `any:ZONE:ROLE` (a
//! stand-in role), with `#2`, `#3`... for its further cards from the top: node ids are letters,
//! digits, `-` and `_` only, so a `:` keeps the two apart.

use std::collections::BTreeMap;

use super::{Card, contains, framed};
use crate::catalog::{Catalog, RoleId};
use crate::plan::layout::{Bounds, CARD_HEIGHT, CARD_WIDTH, INTERNAL_X, Occupied, PERIMETER_X};
use crate::plan::{CanvasPoint, NodeId};
use crate::rules::{LinkSummary, RuleSet, any_peers, peer_summaries};
use crate::topology::Zone;

/// A drawn "Any" peer: what its card says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    /// Its zone.
    pub zone: Zone,
    /// The role whose linked nodes could stand in for it; `None` for the zone at large.
    pub role: Option<RoleId>,
    /// How many rules have it as an end.
    pub rules: usize,
    /// How many nodes those rules join it to.
    pub nodes: usize,
}

/// The id of the (first) peer card of `zone` and `role` (see the module's comment).
pub fn peer_id(zone: Zone, role: Option<&RoleId>) -> NodeId {
    let id = match role {
        Some(role) => format!("any:{}:{}", zone.as_str(), role.as_str()),
        None => format!("any:{}", zone.as_str()),
    };
    NodeId(id.into())
}

/// The id of a peer's `n`th card from the top (from 1): [`peer_id`], then `#n` past the first.
fn nth_id(zone: Zone, role: Option<&RoleId>, n: usize) -> NodeId {
    let first = peer_id(zone, role);
    if n <= 1 {
        return first;
    }
    NodeId(format!("{first}#{n}").into())
}

/// Nodes of one peer further apart down the canvas than this (from the first of a group) get
/// a card of their own: about a site of the full-site template, whose nodes span 500 units.
const GROUP_SPAN: f32 = 900.0;

/// Room kept free around a peer card (across, down): its links and their labels go there.
const CLEAR: (f32, f32) = (40.0, 40.0);
/// Between a zone boundary (its firewall) and the nearest peer card, outside and inside:
/// room for a link to cross the wall and turn (inside, beside the links that leave the
/// perimeter's cards for the internal ones).
const FROM_WALL: (f32, f32) = (40.0, 60.0);
/// A place inside the nodes' extent is preferred up to this many steps (see `tries`) from the
/// best: a peer beside its nodes, not out past the plan's edge, so that fit zooms less far.
const INSIDE_COST: i16 = 40;
/// Steps of the search for a free place: across, down.
const STEP: (f32, f32) = (60.0, 20.0);
/// How far the search goes: columns, rows each way.
const COLUMNS: i16 = 24;
const ROWS: i16 = 200;

/// Where a peer of `zone` goes across at best, and which way further columns lie (none in
/// the perimeter, one card wide).
fn column(zone: Zone) -> (f32, f32) {
    let half = CARD_WIDTH / 2.0;
    match zone {
        Zone::Internet => (PERIMETER_X - FROM_WALL.0 - half, -1.0),
        Zone::Perimeter => (f32::midpoint(PERIMETER_X, INTERNAL_X), 0.0),
        Zone::Internal => (INTERNAL_X + FROM_WALL.1 + half, 1.0),
    }
}

fn grown(b: Bounds) -> Bounds {
    Bounds {
        min: CanvasPoint {
            x: b.min.x - CLEAR.0,
            y: b.min.y - CLEAR.1,
        },
        max: CanvasPoint {
            x: b.max.x + CLEAR.0,
            y: b.max.y + CLEAR.1,
        },
    }
}

/// A free place for a peer card of `zone` facing the nodes of `links`: in its column (or
/// further out), as near their middle as room allows, inside the nodes' extent as a view
/// frames it (`inside`) where there is room near it; below everything when none is found.
fn place(
    taken: &Occupied,
    at: &BTreeMap<&NodeId, Bounds>,
    (zone, tries): (Zone, &[(i16, i16)]),
    links: &[(NodeId, LinkSummary)],
    (bottom, inside): (f32, Bounds),
) -> Bounds {
    #[expect(clippy::cast_precision_loss, reason = "a handful of nodes")]
    let facing = links.iter().map(|(n, _)| at[n].center().y).sum::<f32>() / links.len() as f32;
    let (x0, dir) = column(zone);
    let y0 = (facing / STEP.1).round() * STEP.1;
    let card = |(k, j): (i16, i16)| {
        Bounds::card(CanvasPoint {
            x: x0 + dir * STEP.0 * f32::from(k),
            y: y0 + STEP.1 * f32::from(j),
        })
    };
    let free = |b: &Bounds| !taken.overlaps(grown(*b));
    let options = || tries.iter().filter(|&&(k, _)| dir != 0.0 || k == 0);
    options()
        .take_while(|&&(k, j)| k * 3 + j.abs() <= INSIDE_COST)
        .map(|&t| card(t))
        .find(|b| contains(inside, *b) && free(b))
        .or_else(|| options().map(|&t| card(t)).find(free))
        .unwrap_or_else(|| {
            Bounds::card(CanvasPoint {
                x: x0,
                y: bottom + CLEAR.1 + CARD_HEIGHT,
            })
        })
}

/// The box between two cards side by side (sharing some height), if they are.
fn between(a: Bounds, b: Bounds) -> Option<Bounds> {
    let (lo_y, hi_y) = (a.min.y.max(b.min.y), a.max.y.min(b.max.y));
    let (lo_x, hi_x) = (a.max.x.min(b.max.x), a.min.x.max(b.min.x));
    (lo_y < hi_y && lo_x < hi_x).then_some(Bounds {
        min: CanvasPoint { x: lo_x, y: lo_y },
        max: CanvasPoint { x: hi_x, y: hi_y },
    })
}

/// The peer cards of `rules` beside the node `cards`, each with its links: the node at the
/// other end and what the link carries (forward: from the peer to the node).
pub(super) fn peers(
    cards: &[Card],
    links: &[(&NodeId, &NodeId)],
    catalog: &Catalog,
    rules: &RuleSet,
) -> Vec<(Card, Vec<(NodeId, LinkSummary)>)> {
    let peers = any_peers(rules, catalog);
    if peers.is_empty() {
        return Vec::new();
    }
    let at: BTreeMap<&NodeId, Bounds> = cards.iter().map(|c| (&c.id, c.bounds)).collect();
    let mut taken = Occupied::new();
    for c in cards {
        taken.insert(c.bounds);
    }
    // The straight way between two linked cards side by side stays open: a peer there would
    // send their link around it, along the peer's own links. (A peer may stand between two
    // cards one above the other: its links leave it sideways.)
    for (a, b) in links {
        if let (Some(a), Some(b)) = (at.get(a), at.get(b))
            && let Some(corridor) = between(*a, *b)
        {
            taken.insert(corridor);
        }
    }
    let bottom = cards.iter().map(|c| c.bounds.max.y).fold(0.0, f32::max);
    let Some(nodes) = cards.iter().map(|c| c.bounds).reduce(Bounds::union) else {
        return Vec::new();
    };
    let inside = framed(nodes);
    // Places to try, as (column, row) steps from the best: nearer first; a column further out
    // costs as much as three rows.
    let mut tries: Vec<(i16, i16)> = (0..=ROWS)
        .flat_map(|j| [j, -j])
        .flat_map(|j| (0..COLUMNS).map(move |k| (k, j)))
        .collect();
    tries.sort_by_key(|&(k, j)| (k * 3 + j.abs(), k, j));
    tries.dedup();
    let mut out = Vec::with_capacity(peers.len());
    for peer in &peers {
        let mut links: Vec<(NodeId, LinkSummary)> = peer_summaries(rules, peer)
            .into_iter()
            .filter(|(node, _)| at.contains_key(node))
            .collect();
        links.sort_by(|a, b| {
            let y = |n: &NodeId| at[n].center().y;
            y(&a.0).total_cmp(&y(&b.0)).then_with(|| a.0.cmp(&b.0))
        });
        let mut groups: Vec<Vec<(NodeId, LinkSummary)>> = Vec::new();
        for link in links {
            let y = at[&link.0].center().y;
            match groups.last_mut() {
                Some(g) if y - at[&g[0].0].center().y <= GROUP_SPAN => g.push(link),
                _ => groups.push(vec![link]),
            }
        }
        for (n, mut links) in groups.into_iter().enumerate() {
            links.sort_by(|a, b| a.0.cmp(&b.0));
            let bounds = place(&taken, &at, (peer.zone, &tries), &links, (bottom, inside));
            taken.insert(bounds);
            let card = Card {
                id: nth_id(peer.zone, peer.role.as_ref(), n + 1),
                bounds,
                peer: Some(Peer {
                    zone: peer.zone,
                    role: peer.role.clone(),
                    rules: links.iter().map(|(_, s)| s.rules.len()).sum(),
                    nodes: links.len(),
                }),
            };
            out.push((card, links));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_ids_cannot_be_node_ids() {
        let id = peer_id(Zone::Internet, None);
        assert_eq!(id.as_str(), "any:internet");
        let role = RoleId::from("external_clients");
        let id2 = peer_id(Zone::Internet, Some(&role));
        assert_eq!(id2.as_str(), "any:internet:external_clients");
        assert!(!NodeId::is_valid(id.as_str()) && !NodeId::is_valid(id2.as_str()));
    }
}
