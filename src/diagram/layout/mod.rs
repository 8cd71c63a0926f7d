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

mod ends;
mod index;
pub mod measure;
mod peers;
mod place;
mod ports;
mod route;

pub use peers::{Peer, peer_id};

use std::collections::BTreeMap;

use ports::ports;
pub(crate) use ports::{Port, Side};

use crate::catalog::Catalog;
use crate::findings::{FindingKind, Fix};
use crate::plan::layout::Bounds;
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
/// Font size of the link labels (monospaced), in canvas units, in the SVG, the draw.io file and
/// the canvas alike: larger than a card's 14-unit title, so that at the zoom that fits an
/// example plan in a 1280x800 window with its panels open (59-64%) the port numbers are still
/// over 9 pixels (12 units, before, came out at 6).
pub const LABEL_FONT: f32 = 16.0;
/// Height of a label box: the font and 4 units above and below.
pub const LABEL_HEIGHT: f32 = LABEL_FONT + 8.0;

/// Width of a label box for `text` at the SVG's label font (a monospaced character is 0.6 of
/// the font wide), 6 units each side.
#[expect(clippy::cast_precision_loss, reason = "short label texts")]
pub fn label_width(text: &str) -> f32 {
    text.chars().count() as f32 * 0.6 * LABEL_FONT + 12.0
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
    let linked: Vec<(&NodeId, &NodeId)> = plan.links.iter().map(|l| (&l.a, &l.b)).collect();
    let peers = peers::peers(&cards, &linked, catalog, rules);
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
    // What the user placed, by the link's sorted ends (missing links have nothing stored).
    let stored: BTreeMap<(&NodeId, &NodeId), &crate::plan::LinkPositions> =
        plan.diagram.iter().map(|p| ((&p.a, &p.b), p)).collect();
    // Only the plan's own links (not missing links or a peer's) have places stored.
    let placed = |((a, b), kind): &((NodeId, NodeId), Kind<'_>)| {
        (matches!(kind, Kind::Plan(_)))
            .then(|| stored.get(&(a, b)).copied())
            .flatten()
    };
    let bends: Vec<&[CanvasPoint]> = pairs
        .iter()
        .map(|pair| placed(pair).map_or(&[][..], |p| p.bends.as_slice()))
        .collect();
    let dropped: Vec<Option<CanvasPoint>> = pairs
        .iter()
        .map(|pair| placed(pair).and_then(|p| p.label))
        .collect();
    let boxes: Vec<Bounds> = cards.iter().map(|c| c.bounds).collect();
    let across: Vec<bool> = pairs
        .iter()
        .map(|(_, kind)| matches!(kind, Kind::Peer(_)))
        .collect();
    let ports = ports(&boxes, &ends, (&bends, &across));
    let mut router = route::Router::new(&boxes);
    let mut links = Vec::with_capacity(pairs.len());
    let mut texts = Vec::with_capacity(pairs.len());
    for ((((a, b), kind), [pa, pb]), via) in pairs.into_iter().zip(ports).zip(&bends) {
        let points = if via.is_empty() {
            router.route(pa, pb)
        } else {
            router.route_via(pa, via, pb)
        };
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
    let labels = place::labels(&boxes, &walls, &links, texts, (&dropped, &bends));
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

/// The shape of the view a layout keeps its peers and labels in (width over height): about a
/// canvas's beside its panels (758x499 points at 1280x800), a screen's, a landscape page's.
const VIEW_ASPECT: f32 = 1.5;

/// `b` grown about its centre, the short way only, to [`VIEW_ASPECT`]: what a view fitted to
/// `b` shows anyway, so a peer card or a label inside it does not make fit zoom further out.
pub(crate) fn framed(b: Bounds) -> Bounds {
    let (w, h) = (b.max.x - b.min.x, b.max.y - b.min.y);
    let (dw, dh) = (
        (h * VIEW_ASPECT - w).max(0.0),
        (w / VIEW_ASPECT - h).max(0.0),
    );
    Bounds {
        min: CanvasPoint {
            x: b.min.x - dw / 2.0,
            y: b.min.y - dh / 2.0,
        },
        max: CanvasPoint {
            x: b.max.x + dw / 2.0,
            y: b.max.y + dh / 2.0,
        },
    }
}

/// True when `b` lies inside `outer`.
pub(crate) fn contains(outer: Bounds, b: Bounds) -> bool {
    outer.min.x <= b.min.x
        && outer.min.y <= b.min.y
        && b.max.x <= outer.max.x
        && b.max.y <= outer.max.y
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
