//! Where every link and its port label go, computed once per plan state and drag offset, not
//! per frame: a frame only culls and paints. Placement is view-independent, so labels do not
//! jump while panning or zooming. Zoomed out, where labels are not drawn, only the lines are
//! worked out: placing every label was a sixth of the frame that applies an edit to a
//! 2,000-node plan.

use std::sync::Arc;

use eframe::egui::{Painter, Pos2, Rect, Vec2};

use super::geometry;
use super::routes::{Glyphs, Job, RouteThread};
use super::state::{Gesture, point, pos};
use crate::catalog::Catalog;
use crate::diagram::layout;
use crate::document::{ContentId, StateId};
use crate::i18n::{self, Lang};
use crate::plan::layout::{Bounds, Occupied};
use crate::plan::{NodeId, Plan};
use crate::ui::derived::Derived;

/// One link as drawn.
#[derive(Clone, Debug)]
pub struct LinkShape {
    /// Sorted ends: the key of [`Derived::links`] and of the selection.
    pub key: (NodeId, NodeId),
    /// Where the line leaves the first and the second end's card.
    pub a: Pos2,
    /// See `a`.
    pub b: Pos2,
    /// The line from `a` to `b`: the layout's routed polyline at rest, straight during a drag.
    pub points: Vec<Pos2>,
    /// The port label's text and box.
    pub text: String,
    /// See `text`.
    pub label: Rect,
    /// Line, arrowheads and label together: what culling tests.
    pub extent: Rect,
    /// The layout's route and label (not a straight stand-in): its label and bends may be
    /// dragged.
    pub routed: bool,
    /// A dashed line from a label placed away from its link to the link (as the SVG draws it).
    pub leader: Option<(Pos2, Pos2)>,
}

/// An "Any" peer's card where the layout places it: drawn and hovered, never selected or
/// dragged (it is not a node of the plan).
#[derive(Clone, Debug)]
pub struct PeerCard {
    /// Its id (`any:internet`).
    pub id: NodeId,
    /// Its box.
    pub rect: Rect,
    /// What it is.
    pub peer: layout::Peer,
}

/// A peer's link to a node: its routed shape (key: peer id, node id), which way traffic goes
/// (from the peer, to it) and its rules (indexes into the rule set).
#[derive(Clone, Debug)]
pub struct PeerLink {
    /// The shape, as a node link's.
    pub shape: LinkShape,
    /// Arrowheads: at the node, at the peer.
    pub arrows: (bool, bool),
    /// The rules it carries.
    pub rules: Vec<usize>,
}

/// What the resting placement depends on; recomputed when any of it changes.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    state: Option<StateId>,
    /// The plan's content: its links, in order, are what the texts are kept by.
    plan: ContentId,
    /// Texts depend on the content only: after a move they are reused, not measured again.
    content: Option<ContentId>,
    lang: Lang,
    hide_ports: bool,
    /// Labels are placed (the canvas shows them); otherwise only lines.
    labels: bool,
    /// Every plan laid out in the frame, whatever its size (see [`LinkShapes::in_frame`]).
    in_frame: bool,
}

/// A drag in progress: what stays put, computed once when the drag starts.
#[derive(Clone, Debug)]
struct Drag {
    ids: Vec<NodeId>,
    offset: Vec2,
    /// Indexes of the links with a moving end, with their resting shapes.
    moved: Vec<(usize, LinkShape)>,
    /// Cards and labels that do not move.
    still: Occupied,
}

/// The cached shapes of every link, in plan order (later labels avoid earlier ones).
///
/// At rest every label is placed in turn. While cards are dragged, only the labels of links
/// touching them are placed again, clear of everything else: unrelated labels hold still, and
/// a frame costs the moved links, not the plan. Releasing places everything again.
#[derive(Debug, Default)]
pub struct LinkShapes {
    key: Option<Key>,
    drag: Option<Drag>,
    /// The links, in plan order, skipping links to missing nodes.
    pub shapes: Vec<LinkShape>,
    /// The "Any" peers' cards, as the layout places them (in detail; for a plan over
    /// [`ROUTED_NODES`] nodes once the layout thread has them; zoomed out none).
    pub peers: Vec<PeerCard>,
    /// Their links.
    pub peer_links: Vec<PeerLink>,
    /// The missing links the findings ask for ([`Derived::ghosts`]), routed as the layout
    /// routes them, each label the box of its "Add link" button (when the peers are; until
    /// then, and zoomed out, none: ghosts are drawn straight).
    pub ghosts: Vec<LinkShape>,
    /// Lay out every plan in the frame, as tests and screenshots need (the window's own
    /// frames see the state they drive); otherwise plans over [`ROUTED_NODES`] nodes are laid
    /// out on the thread.
    pub in_frame: bool,
    /// The layout thread for plans over [`ROUTED_NODES`] nodes, started when first needed (not
    /// `Clone`: two caches polling one thread would take each other's results).
    thread: Option<RouteThread>,
    /// The tag of the layout asked of it for the shapes shown, until it comes.
    asked: Option<u64>,
    tags: u64,
}

/// Size of a ghost link's "Add link" button: its label's box in the layout.
pub const GHOST_BUTTON: Vec2 = Vec2::new(74.0, 22.0);

/// What [`rest`] works out: links, peers' cards, peers' links, ghost links.
type Rest = (Vec<LinkShape>, Vec<PeerCard>, Vec<PeerLink>, Vec<LinkShape>);

/// The most nodes whose links are routed in the frame that applies an edit (larger plans: on
/// the layout thread).
pub const ROUTED_NODES: usize = 200;

/// Text of one port label.
fn label_text(derived: &Derived, key: &(NodeId, NodeId), lang: Lang, hide: bool) -> String {
    if hide {
        return i18n::tr(lang, "trainer.hidden").to_owned();
    }
    match derived.links.get(key) {
        Some(v) if !v.summary.ports.is_empty() => v.summary.ports_in(lang),
        _ => i18n::tr(lang, "canvas.no_traffic").to_owned(),
    }
}

fn sorted(a: &NodeId, b: &NodeId) -> (NodeId, NodeId) {
    if a <= b {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    }
}

impl LinkShapes {
    /// An empty cache; `in_frame`: see [`Self::in_frame`].
    pub fn new(in_frame: bool) -> Self {
        Self {
            in_frame,
            ..Self::default()
        }
    }

    /// Ask the layout thread for a large plan's routed layout (see [`super::routes`]).
    fn ask_thread(
        &mut self,
        painter: &Painter,
        (plan, catalog): (&Plan, &Arc<Catalog>),
        derived: &Derived,
        key: &Key,
    ) {
        if self.thread.is_none() {
            self.thread = RouteThread::start();
        }
        let Some(thread) = &self.thread else { return };
        self.tags += 1;
        let job = Job {
            tag: self.tags,
            plan: Box::new(plan.clone()),
            catalog: Arc::clone(catalog),
            rules: Arc::clone(&derived.derivation.rules),
            missing: derived.ghosts.clone(),
            texts: (self.shapes.iter())
                .map(|s| (s.text.clone(), (s.label.width(), s.label.height())))
                .collect(),
            lang: (key.lang, key.hide_ports),
            glyphs: Glyphs::measure(painter, key.lang),
            ctx: painter.ctx().clone(),
        };
        if thread.request(job) {
            self.asked = Some(self.tags);
        }
    }

    /// Bring the shapes up to date with the plan, the derived tables and the gesture.
    pub fn refresh(
        &mut self,
        painter: &Painter,
        (plan, catalog, plan_content): (&Plan, &Arc<Catalog>, ContentId),
        derived: &Derived,
        gesture: &Gesture,
        (hide_ports, labels): (bool, bool),
    ) {
        let key = Key {
            state: derived.state,
            plan: plan_content,
            content: derived.content,
            lang: crate::ui::text::lang(painter.ctx()),
            hide_ports,
            labels,
            in_frame: self.in_frame,
        };
        if self.key.as_ref() != Some(&key) {
            self.end_drag();
            let same_texts = self.key.as_ref().is_some_and(|k| {
                (k.plan, k.content, k.lang, k.hide_ports, k.labels)
                    == (key.plan, key.content, key.lang, key.hide_ports, key.labels)
            });
            let texts: Vec<(String, Vec2)> = if same_texts {
                // Same links in the same order: only positions changed.
                std::mem::take(&mut self.shapes)
                    .into_iter()
                    .map(|s| (s.text, s.label.size()))
                    .collect()
            } else {
                Vec::new()
            };
            (self.shapes, self.peers, self.peer_links, self.ghosts) =
                rest(painter, (plan, catalog), derived, &key, &texts);
            self.asked = None;
            // Not with rules of another content (an edit's are still coming): that layout
            // would be thrown away.
            let large = plan.nodes.len() > ROUTED_NODES && !key.in_frame;
            if key.labels && large && key.content == Some(key.plan) {
                self.ask_thread(painter, (plan, catalog), derived, &key);
            }
            self.key = Some(key);
        }
        // A large plan's layout, once the thread has it (not in the middle of a drag: the
        // release lays out again anyway).
        if let (Some(asked), Some(thread), None) = (self.asked, &self.thread, &self.drag)
            && let Some(done) = thread.poll().filter(|d| d.tag == asked)
        {
            (self.peers, self.peer_links, self.ghosts) =
                super::routes::adopt(&done.diagram, &done.carried, &mut self.shapes);
            self.asked = None;
        }
        match gesture {
            Gesture::MoveNodes { ids, offset } => self.drag_to(plan, ids, *offset, labels),
            _ => self.end_drag(),
        }
    }

    /// Put the moved links back where they rest (a drag that ended without an edit).
    fn end_drag(&mut self) {
        if let Some(drag) = self.drag.take() {
            for (i, shape) in drag.moved {
                self.shapes[i] = shape;
            }
        }
    }

    fn drag_to(&mut self, plan: &Plan, ids: &[NodeId], offset: Vec2, labels: bool) {
        if self.drag.as_ref().is_some_and(|d| d.ids != ids) {
            self.end_drag();
        }
        let drag = self.drag.get_or_insert_with(|| {
            let mut drag = start_drag(plan, &self.shapes, ids, labels);
            // The peers' cards and labels hold still too (their links to moved cards are
            // drawn straight, without labels, until the release routes them again).
            if labels {
                let peers = self.peers.iter().map(|p| p.rect);
                let peer_labels = self.peer_links.iter().map(|l| l.shape.label);
                for r in peers.chain(peer_labels) {
                    drag.still.insert(bounds(r));
                }
            }
            drag
        });
        if drag.offset == offset {
            return;
        }
        drag.offset = offset;
        let moving = |id: &NodeId| ids.contains(id);
        let card = |id: &NodeId| {
            plan.nodes.get(id).map(|n| {
                let shift = if moving(id) { offset } else { Vec2::ZERO };
                geometry::card_rect(n, shift)
            })
        };
        // Moved cards and labels placed this frame, on top of what holds still.
        let mut placed = Occupied::new();
        for id in ids {
            if let Some(r) = card(id) {
                placed.insert(bounds(r));
            }
        }
        for (i, rest_shape) in &drag.moved {
            let (Some(ca), Some(cb)) = (card(&rest_shape.key.0), card(&rest_shape.key.1)) else {
                continue;
            };
            let shape = shape_between(
                &rest_shape.key,
                ca,
                cb,
                &rest_shape.text,
                rest_shape.label.size(),
                |b| labels && (drag.still.overlaps(b) || placed.overlaps(b)),
            );
            placed.insert(bounds(shape.label));
            self.shapes[*i] = shape;
        }
    }
}

/// What holds still during a drag of `ids`: every other card and label (nothing when labels
/// are not placed).
fn start_drag(plan: &Plan, shapes: &[LinkShape], ids: &[NodeId], labels: bool) -> Drag {
    let moving = |id: &NodeId| ids.contains(id);
    let mut still = Occupied::new();
    if labels {
        for (id, node) in &plan.nodes {
            if !moving(id) {
                still.insert(bounds(geometry::card_rect(node, Vec2::ZERO)));
            }
        }
    }
    let mut moved = Vec::new();
    for (i, shape) in shapes.iter().enumerate() {
        if moving(&shape.key.0) || moving(&shape.key.1) {
            moved.push((i, shape.clone()));
        } else if labels {
            still.insert(bounds(shape.label));
        }
    }
    Drag {
        ids: ids.to_vec(),
        offset: Vec2::ZERO,
        moved,
        still,
    }
}

/// Every link's line and label at rest, labels placed clear of cards and of earlier labels;
/// without `key.labels`, lines only (each label an empty box in its line's middle).
/// `texts` are the labels' texts and sizes of the same links from before, or empty.
fn rest(
    painter: &Painter,
    (plan, catalog): (&Plan, &Catalog),
    derived: &Derived,
    key: &Key,
    texts: &[(String, Vec2)],
) -> Rest {
    let card = |id: &NodeId| {
        plan.nodes
            .get(id)
            .map(|n| geometry::card_rect(n, Vec2::ZERO))
    };
    let mut taken = Occupied::new();
    if key.labels {
        for node in plan.nodes.values() {
            taken.insert(bounds(geometry::card_rect(node, Vec2::ZERO)));
        }
    }
    let mut shapes = Vec::with_capacity(plan.links.len());
    for link in &plan.links {
        let (Some(ra), Some(rb)) = (card(&link.a), card(&link.b)) else {
            continue;
        };
        let ends = sorted(&link.a, &link.b);
        let (text, size) = if !key.labels {
            (String::new(), Vec2::ZERO)
        } else if let Some((text, size)) = texts.get(shapes.len()) {
            (text.clone(), *size)
        } else {
            let text = label_text(derived, &ends, key.lang, key.hide_ports);
            let size = super::paint::label_size(painter, &text);
            (text, size)
        };
        let (ca, cb) = if ends.0 == link.a { (ra, rb) } else { (rb, ra) };
        let shape = shape_between(&ends, ca, cb, &text, size, |b| {
            key.labels && taken.overlaps(b)
        });
        if key.labels {
            taken.insert(bounds(shape.label));
        }
        shapes.push(shape);
    }
    // Laying out with the "Any" peers costs 2.8 ms at 50 nodes, 9.8 ms at 200, 14.7 ms at 300
    // and 25.5 ms at 500 (release, `diagram::layout` on generated plans; 7.9 ms at 500 before
    // the peers); above this the edit frame's 16 ms would not hold with the rest of the frame,
    // so big plans are laid out on a thread (`routes.rs`) and drawn straight until it is done.
    if key.labels && (plan.nodes.len() <= ROUTED_NODES || key.in_frame) {
        let (peers, peer_links, ghosts) =
            routed(painter, (plan, catalog), derived, key, &mut shapes);
        return (shapes, peers, peer_links, ghosts);
    }
    (shapes, Vec::new(), Vec::new(), Vec::new())
}

/// Lines and labels where `diagram::layout` puts them (the SVG's layout, with this window's
/// texts and sizes, and the same missing links), computed once per plan state. Only in detail:
/// zoomed out the lines stay straight. The layout visits `plan.links` in order, skipping the
/// same links `rest` skips, then the missing links, then the peers' links.
fn routed(
    painter: &Painter,
    (plan, catalog): (&Plan, &Catalog),
    derived: &Derived,
    key: &Key,
    shapes: &mut [LinkShape],
) -> (Vec<PeerCard>, Vec<PeerLink>, Vec<LinkShape>) {
    let rules = &derived.derivation.rules;
    let texts: Vec<(String, (f32, f32))> = (shapes.iter())
        .map(|s| (s.text.clone(), (s.label.width(), s.label.height())))
        .collect();
    let measure = |text: &str| {
        let size = super::paint::label_size(painter, text);
        (size.x, size.y)
    };
    let diagram = super::routes::layout_labelled(
        (plan, catalog, rules),
        &derived.ghosts,
        &texts,
        (key.lang, key.hide_ports),
        measure,
    );
    super::routes::adopt(&diagram, &super::routes::carried(rules, catalog), shapes)
}

/// A routed line with its label and arrowheads: what culling and fitting test.
pub(super) fn extent(points: &[Pos2], label: Rect) -> Rect {
    points.iter().fold(label, |r, p| {
        r.union(Rect::from_center_size(*p, Vec2::splat(24.0)))
    })
}

/// The line between two cards and its label, at the first free spot along it.
fn shape_between(
    ends: &(NodeId, NodeId),
    ca: Rect,
    cb: Rect,
    text: &str,
    size: Vec2,
    taken: impl Fn(Bounds) -> bool,
) -> LinkShape {
    let (a, b) = (
        geometry::border_point(ca, cb.center()),
        geometry::border_point(cb, ca.center()),
    );
    let at = crate::plan::layout::label_position(point(a), point(b), (size.x, size.y), taken);
    let label = Rect::from_center_size(pos(at), size);
    LinkShape {
        key: ends.clone(),
        a,
        b,
        points: vec![a, b],
        text: text.to_owned(),
        label,
        // Arrowheads reach 12 units past the line's ends sideways at most.
        extent: Rect::from_two_pos(a, b).expand(12.0).union(label),
        routed: false,
        leader: None,
    }
}

fn bounds(r: Rect) -> Bounds {
    Bounds {
        min: point(r.min),
        max: point(r.max),
    }
}
