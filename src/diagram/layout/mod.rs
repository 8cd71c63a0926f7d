//! The laid-out diagram: cards where the plan puts them, links routed around the cards they
//! do not connect (orthogonal, with bends, their ends spread along the cards' sides) and labels
//! placed clear of cards, of the firewalls' walls, of each other and of other links. The SVG, the PNG and
//! `render --output FILE.json` draw this one layout; the canvas can adopt it.
//!
//! Cost: routing is an A* search per link over a small grid made of the nearby cards' edges
//! (an orthogonal visibility grid), so the work grows with the links, not with the plan's area.
//! Work (`Diagram::work`, grid cells built plus states searched) is about 280 per link with the
//! "Any" peers' links, which are longer than most: 201,583 for a generated 300-node plan (714
//! links, 272 of them to 97 peer cards). Measured once in a release build (2 cores shared),
//! `layout` alone: 2.8 ms at 50 nodes, 14.7 ms at 300, 25.5 ms at 500 (7.9 ms at 500 before the
//! peers): cheap enough to run when the plan's content changes, not every frame.

mod index;
pub mod measure;
mod peers;
mod place;
mod route;

pub use peers::{Peer, peer_id};

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::findings::{FindingKind, Fix};
use crate::plan::layout::{Bounds, CARD_HEIGHT, CARD_WIDTH};
use crate::plan::{CanvasPoint, NodeId, Plan};
use crate::rules::{LinkSummary, RuleSet, link_summaries};

/// One card: a node's box, or an "Any" peer's.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The node, or the peer ([`peer_id`]: `any:internet`, never a node's id).
    pub id: NodeId,
    /// Its box.
    pub bounds: Bounds,
    /// What the peer is, for a peer's card; `None` for a node's.
    pub peer: Option<Peer>,
}

/// One link as drawn: a polyline from the card of `a` to the card of `b`. A peer's link has
/// the peer as `a` (whatever the ids' order) and its node as `b`.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts a drawing reads"
)]
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The smaller node id.
    pub a: NodeId,
    /// The larger node id.
    pub b: NodeId,
    /// From a point on `a`'s card to a point on `b`'s card.
    pub points: Vec<CanvasPoint>,
    /// A missing link a finding asks for (drawn dashed, labelled "Add link").
    pub missing: bool,
    /// Some rule goes from `a` to `b`.
    pub forward: bool,
    /// Some rule goes from `b` to `a`.
    pub backward: bool,
    /// The link carries at least one rule.
    pub has_rules: bool,
    /// The link of an "Any" peer (`a`) to a node (`b`).
    pub peer: bool,
}

/// One link's label: the ports it carries, or "Add link" for a missing link.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The smaller node id of its link.
    pub a: NodeId,
    /// The larger node id of its link.
    pub b: NodeId,
    /// What it says.
    pub text: String,
    /// Where it sits.
    pub bounds: Bounds,
    /// The label of a missing link.
    pub missing: bool,
}

/// The whole laid-out diagram, in canvas units (the SVG's coordinates).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    /// Cards, by node id, then the "Any" peers' (outside in, by role).
    pub cards: Vec<Card>,
    /// Links in plan order, then missing links in findings order, then the peers' links
    /// (peer by peer, by node id).
    pub links: Vec<Link>,
    /// Labels, one per link, in the order of `links`.
    pub labels: Vec<Label>,
    /// The columns the firewalls' walls stand in ([`crate::diagram::firewalls::columns`]):
    /// links cross them, labels keep off them.
    pub walls: Vec<Bounds>,
    /// How much routing worked (grid cells built plus states searched): a cost figure, not
    /// geometry.
    pub work: u64,
}

/// Text of a label for a link without rules.
pub const NO_TRAFFIC: &str = "no Lync traffic";
/// Text of a missing link's label.
pub const ADD_LINK: &str = "Add link";
/// Height of a label box.
pub const LABEL_HEIGHT: f32 = 20.0;

/// Width of a label box for `text` at the SVG's 12-unit font.
#[expect(clippy::cast_precision_loss, reason = "short label texts")]
pub fn label_width(text: &str) -> f32 {
    text.chars().count() as f32 * 7.2 + 12.0
}

/// The missing links the findings ask for, each pair sorted, without repeats.
pub fn missing_links(findings: &[crate::findings::Finding]) -> Vec<(NodeId, NodeId)> {
    let mut out: Vec<(NodeId, NodeId)> = Vec::new();
    for f in findings {
        if let (FindingKind::MissingLink, Some(Fix::AddLink { a, b })) = (f.kind, &f.fix) {
            let pair = sorted(a, b);
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

fn sorted(a: &NodeId, b: &NodeId) -> (NodeId, NodeId) {
    if a <= b {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    }
}

/// A side of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    /// The unit vector pointing out of the card.
    fn out(self) -> (f32, f32) {
        match self {
            Self::Left => (-1.0, 0.0),
            Self::Right => (1.0, 0.0),
            Self::Top => (0.0, -1.0),
            Self::Bottom => (0.0, 1.0),
        }
    }
}

/// Where a link leaves a card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Port {
    at: CanvasPoint,
    side: Side,
}

/// The sides two cards face each other with: left/right when they are further apart across
/// than down (cards are wide, so the gaps are compared, not the centres).
fn facing(ca: Bounds, cb: Bounds) -> (Side, Side) {
    let (a, b) = (ca.center(), cb.center());
    let gap_x = (b.x - a.x).abs() - CARD_WIDTH;
    let gap_y = (b.y - a.y).abs() - CARD_HEIGHT;
    if gap_x >= gap_y {
        if b.x >= a.x {
            (Side::Right, Side::Left)
        } else {
            (Side::Left, Side::Right)
        }
    } else if b.y >= a.y {
        (Side::Bottom, Side::Top)
    } else {
        (Side::Top, Side::Bottom)
    }
}

/// The ends on one card side: where the other end lies along the side and (negated) across,
/// the link, which end.
type Ends = Vec<(f32, f32, usize, usize)>;

/// Spread the ends on each card side evenly, ordered by where the other end lies, so links on
/// one side neither share a point nor cross right at the card. A link marked `across` leaves
/// and enters by the left or right sides (a peer's, whose cards stand in a column: top and
/// bottom ends would meet in the gaps between them).
fn ports(cards: &[Bounds], ends: &[(usize, usize)], across: &[bool]) -> Vec<[Port; 2]> {
    let mut sides = Vec::with_capacity(ends.len());
    let mut by_side: BTreeMap<(usize, Side), Ends> = BTreeMap::new();
    for (k, &(ia, ib)) in ends.iter().enumerate() {
        let (sa, sb) = if across.get(k).copied().unwrap_or(false) {
            if cards[ib].center().x >= cards[ia].center().x {
                (Side::Right, Side::Left)
            } else {
                (Side::Left, Side::Right)
            }
        } else {
            facing(cards[ia], cards[ib])
        };
        sides.push((sa, sb));
        for (end, card, side, other) in [(0, ia, sa, ib), (1, ib, sb, ia)] {
            let (o, c) = (cards[other].center(), cards[card].center());
            // Along the side by where the other end lies; of two in line, the farther first,
            // so the nearer one (often straight across) keeps the middle.
            let (key, far) = match side {
                Side::Left | Side::Right => (o.y, (o.x - c.x).abs()),
                Side::Top | Side::Bottom => (o.x, (o.y - c.y).abs()),
            };
            by_side
                .entry((card, side))
                .or_default()
                .push((key, -far, k, end));
        }
    }
    let mut out: Vec<[Port; 2]> = sides
        .iter()
        .map(|&(sa, sb)| {
            [
                Port {
                    at: CanvasPoint::default(),
                    side: sa,
                },
                Port {
                    at: CanvasPoint::default(),
                    side: sb,
                },
            ]
        })
        .collect();
    for ((card, side), mut list) in by_side {
        list.sort_by(|x, y| {
            x.0.total_cmp(&y.0)
                .then(x.1.total_cmp(&y.1))
                .then((x.2, x.3).cmp(&(y.2, y.3)))
        });
        let b = cards[card];
        // Keep the ends off the rounded corners.
        let inset = 8.0;
        #[expect(clippy::cast_precision_loss, reason = "few links per side")]
        let n = list.len() as f32;
        for (i, &(_, _, k, end)) in list.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "few links per side")]
            let f = (i as f32 + 1.0) / (n + 1.0);
            let along = |lo: f32, hi: f32| lo + inset + (hi - lo - 2.0 * inset) * f;
            let at = match side {
                Side::Left => CanvasPoint {
                    x: b.min.x,
                    y: along(b.min.y, b.max.y),
                },
                Side::Right => CanvasPoint {
                    x: b.max.x,
                    y: along(b.min.y, b.max.y),
                },
                Side::Top => CanvasPoint {
                    x: along(b.min.x, b.max.x),
                    y: b.min.y,
                },
                Side::Bottom => CanvasPoint {
                    x: along(b.min.x, b.max.x),
                    y: b.max.y,
                },
            };
            out[k][end].at = at;
        }
    }
    out
}

/// What a label says, before a language and a font are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelText<'a> {
    /// The link's ports, `5061 · 443` (`ports_in` gives them in a language).
    Ports(&'a LinkSummary),
    /// A link that carries no rule.
    NoTraffic,
    /// A missing link.
    AddLink,
}

impl LabelText<'_> {
    /// The English text the SVG writes.
    pub fn english(self) -> String {
        match self {
            Self::Ports(summary) => summary.ports.clone(),
            Self::NoTraffic => NO_TRAFFIC.to_owned(),
            Self::AddLink => ADD_LINK.to_owned(),
        }
    }
}

/// Lay out `plan`: its cards, its links, the `missing` links (from [`missing_links`]) and the
/// "Any" peers of its rules with their links, routed, with their labels placed at the SVG's
/// label size. Deterministic; depends on positions and content only.
pub fn layout(
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
    missing: &[(NodeId, NodeId)],
) -> Diagram {
    layout_with(plan, catalog, rules, missing, |what| {
        let text = what.english();
        let size = (label_width(&text), LABEL_HEIGHT);
        (text, size)
    })
}

/// [`layout`] with each label's text and size from `label` (a window translates the text and
/// measures it in its own font).
pub fn layout_with(
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
    missing: &[(NodeId, NodeId)],
    label: impl Fn(LabelText<'_>) -> (String, (f32, f32)),
) -> Diagram {
    let mut cards: Vec<Card> = plan
        .nodes
        .iter()
        .map(|(id, n)| Card {
            id: id.clone(),
            bounds: Bounds::card(n.position),
            peer: None,
        })
        .collect();
    let peers = peers::peers(&cards, catalog, rules);
    let summaries = link_summaries(rules);
    let mut pairs: Vec<((NodeId, NodeId), Kind<'_>)> = Vec::new();
    for link in &plan.links {
        let pair = sorted(&link.a, &link.b);
        let summary = summaries.get(&pair);
        pairs.push((pair, Kind::Plan(summary)));
    }
    for pair in missing {
        let pair = sorted(&pair.0, &pair.1);
        if !pairs.iter().any(|(p, _)| *p == pair) {
            pairs.push((pair, Kind::Missing));
        }
    }
    for (card, links) in &peers {
        for (node, summary) in links {
            pairs.push(((card.id.clone(), node.clone()), Kind::Peer(summary)));
        }
    }
    cards.extend(peers.iter().map(|(card, _)| card.clone()));
    let index_of: BTreeMap<&NodeId, usize> =
        cards.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
    // Links to a node the plan lacks are not drawn.
    let (pairs, ends): (Vec<_>, Vec<(usize, usize)>) = pairs
        .into_iter()
        .filter_map(|pair| {
            let ends = (*index_of.get(&pair.0.0)?, *index_of.get(&pair.0.1)?);
            Some((pair, ends))
        })
        .unzip();
    let boxes: Vec<Bounds> = cards.iter().map(|c| c.bounds).collect();
    let across: Vec<bool> = pairs
        .iter()
        .map(|(_, kind)| matches!(kind, Kind::Peer(_)))
        .collect();
    let ports = ports(&boxes, &ends, &across);
    let mut router = route::Router::new(&boxes);
    let mut links = Vec::with_capacity(pairs.len());
    let mut texts = Vec::with_capacity(pairs.len());
    for (((a, b), kind), [pa, pb]) in pairs.into_iter().zip(ports) {
        let points = router.route(pa, pb);
        let summary = match kind {
            Kind::Plan(s) => s,
            Kind::Peer(s) => Some(s),
            Kind::Missing => None,
        };
        let missing = matches!(kind, Kind::Missing);
        texts.push(label(match summary {
            _ if missing => LabelText::AddLink,
            Some(s) if !s.ports.is_empty() => LabelText::Ports(s),
            _ => LabelText::NoTraffic,
        }));
        links.push(Link {
            a,
            b,
            points,
            missing,
            forward: summary.is_some_and(|s| s.forward),
            backward: summary.is_some_and(|s| s.backward),
            has_rules: summary.is_some_and(|s| !s.rules.is_empty()),
            peer: matches!(kind, Kind::Peer(_)),
        });
    }
    let walls = super::firewalls::columns(&plan.firewalls);
    let labels = place::labels(&boxes, &walls, &links, texts);
    Diagram {
        cards,
        links,
        labels,
        walls,
        work: router.work,
    }
}

/// Where a link to lay out comes from.
#[derive(Clone, Copy)]
enum Kind<'a> {
    /// A link of the plan, with what it carries.
    Plan(Option<&'a LinkSummary>),
    /// A missing link a finding asks for.
    Missing,
    /// A peer's link to a node.
    Peer(&'a LinkSummary),
}

/// The area the cards, links and labels cover (empty plans: a point at the origin).
pub fn content_bounds(diagram: &Diagram) -> Option<Bounds> {
    let points = diagram
        .links
        .iter()
        .flat_map(|l| l.points.iter())
        .map(|p| Bounds { min: *p, max: *p });
    diagram
        .cards
        .iter()
        .map(|c| c.bounds)
        .chain(diagram.labels.iter().map(|l| l.bounds))
        .chain(points)
        .reduce(Bounds::union)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f32, y: f32) -> Bounds {
        Bounds::card(CanvasPoint { x, y })
    }

    #[test]
    fn cards_face_each_other_by_the_wider_gap() {
        assert_eq!(
            facing(at(0.0, 0.0), at(400.0, 50.0)),
            (Side::Right, Side::Left)
        );
        assert_eq!(
            facing(at(0.0, 0.0), at(100.0, 300.0)),
            (Side::Bottom, Side::Top)
        );
        assert_eq!(
            facing(at(0.0, 0.0), at(-400.0, 0.0)),
            (Side::Left, Side::Right)
        );
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "ends sit exactly on the card's edge")]
    fn ends_on_one_side_are_spread_in_the_order_of_their_other_ends() {
        let cards = [
            at(0.0, 0.0),
            at(500.0, -200.0),
            at(500.0, 200.0),
            at(500.0, 0.0),
        ];
        let ports = ports(&cards, &[(0, 2), (0, 1), (0, 3)], &[]);
        let ys: Vec<f32> = ports.iter().map(|p| p[0].at.y).collect();
        assert!(ports.iter().all(|p| p[0].side == Side::Right));
        // The end towards the highest card is highest; all apart.
        assert!(ys[1] < ys[2] && ys[2] < ys[0], "{ys:?}");
        assert!(ports.iter().all(|p| p[0].at.x == cards[0].max.x));
    }
}
