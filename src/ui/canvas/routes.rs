//! The canvas's routed layout: the label texts a window gives `diagram::layout_with`, and the
//! thread that lays out plans too large to lay out in a frame (over [`super::links::ROUTED_NODES`]
//! nodes: 25 ms at 500 nodes). Until its result comes, such a plan's links are straight.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use eframe::egui::{self, Painter, Pos2, Rect};

use super::links::{GHOST_BUTTON, LinkShape, PeerCard, PeerLink, extent};
use super::state::pos;
use crate::catalog::Catalog;
use crate::diagram::layout;
use crate::i18n::{self, Lang};
use crate::plan::{NodeId, Plan};
use crate::rules::RuleSet;

/// [`layout::layout_with`] with the window's label texts: `texts` for the plan's links (in the
/// order `rest` keeps them), `measure` for the peers' links, whose texts only the layout knows.
pub(super) fn layout_labelled(
    (plan, catalog, rules): (&Plan, &Catalog, &RuleSet),
    missing: &[(NodeId, NodeId)],
    texts: &[(String, (f32, f32))],
    (lang, hide_ports): (Lang, bool),
    measure: impl Fn(&str) -> (f32, f32),
) -> layout::Diagram {
    let next = std::cell::Cell::new(0);
    layout::layout_with(plan, catalog, rules, missing, |what| {
        let i = next.replace(next.get() + 1);
        if let Some(t) = texts.get(i) {
            return t.clone();
        }
        // A missing link's label is its "Add link" button.
        if matches!(what, layout::LabelText::AddLink) {
            let text = i18n::tr(lang, "fix.add_link").to_owned();
            return (text, (GHOST_BUTTON.x, GHOST_BUTTON.y));
        }
        // A peer's link: the window's text, measured in its font.
        let text = match what {
            _ if hide_ports => i18n::tr(lang, "trainer.hidden").to_owned(),
            layout::LabelText::Ports(summary) => summary.ports_in(lang),
            layout::LabelText::NoTraffic => i18n::tr(lang, "canvas.no_traffic").to_owned(),
            layout::LabelText::AddLink => layout::ADD_LINK.to_owned(),
        };
        let size = measure(&text);
        (text, size)
    })
}

/// Each peer link's rules, for its tooltip, by (peer card id, node).
pub(super) type Carried = BTreeMap<(NodeId, NodeId), Vec<usize>>;

pub(super) fn carried(rules: &RuleSet, catalog: &Catalog) -> Carried {
    let mut carried = Carried::new();
    for peer in crate::rules::any_peers(rules, catalog) {
        let id = layout::peer_id(peer.zone, peer.role.as_ref());
        for (node, summary) in crate::rules::peer_summaries(rules, &peer) {
            carried.insert((id.clone(), node), summary.rules);
        }
    }
    carried
}

/// The canvas's shapes of a laid-out diagram: the plan's links (in `shapes`, taking the routes
/// and label places), the peers' cards and links, the missing links.
pub(super) fn adopt(
    diagram: &layout::Diagram,
    carried: &Carried,
    shapes: &mut [LinkShape],
) -> (Vec<PeerCard>, Vec<PeerLink>, Vec<LinkShape>) {
    let leaders = layout::measure::leaders(diagram);
    let laid = diagram.links.iter().zip(&diagram.labels).zip(leaders);
    for (shape, ((link, label), leader)) in shapes.iter_mut().zip(laid) {
        let key = (&shape.key.0, &shape.key.1);
        // Were the two walks ever to differ, the link keeps its straight line.
        if (&link.a, &link.b) != key || (&label.a, &label.b) != key || link.points.len() < 2 {
            continue;
        }
        shape.points = link.points.iter().map(|p| pos(*p)).collect();
        shape.a = shape.points[0];
        shape.b = shape.points[shape.points.len() - 1];
        shape.label = Rect::from_min_max(pos(label.bounds.min), pos(label.bounds.max));
        shape.extent = extent(&shape.points, shape.label);
        shape.routed = true;
        shape.leader = leader.map(|(a, b)| (pos(a), pos(b)));
    }
    let peers: Vec<PeerCard> = diagram
        .cards
        .iter()
        .filter_map(|c| {
            Some(PeerCard {
                id: c.id.clone(),
                rect: Rect::from_min_max(pos(c.bounds.min), pos(c.bounds.max)),
                peer: c.peer.clone()?,
            })
        })
        .collect();
    let peer_links = diagram
        .links
        .iter()
        .zip(&diagram.labels)
        .filter(|(link, _)| link.peer && link.points.len() >= 2)
        .map(|(link, label)| {
            // A peer's further cards (`#2`) carry the rules of its own nodes.
            let first = NodeId::from(link.a.as_str().split('#').next().unwrap_or_default());
            PeerLink {
                rules: carried
                    .get(&(first, link.b.clone()))
                    .cloned()
                    .unwrap_or_default(),
                arrows: (link.forward, link.backward),
                shape: laid_out(link, label),
            }
        })
        .collect();
    let ghosts = diagram
        .links
        .iter()
        .zip(&diagram.labels)
        .filter(|(link, _)| link.missing && link.points.len() >= 2)
        .map(|(link, label)| laid_out(link, label))
        .collect();
    (peers, peer_links, ghosts)
}

/// A link the layout routed that is not the plan's own (a peer's or a missing one): its shape
/// as laid out. Nothing of it can be stored, so it is not `routed` for dragging.
fn laid_out(link: &layout::Link, label: &layout::Label) -> LinkShape {
    let points: Vec<Pos2> = link.points.iter().map(|p| pos(*p)).collect();
    let rect = Rect::from_min_max(pos(label.bounds.min), pos(label.bounds.max));
    LinkShape {
        key: (link.a.clone(), link.b.clone()),
        a: points[0],
        b: points[points.len() - 1],
        extent: extent(&points, rect),
        points,
        text: label.text.clone(),
        label: rect,
        routed: false,
        leader: None,
    }
}

/// Widths of the characters a port label can hold, in the canvas's label font, measured in the
/// window: the thread cannot use the window's fonts, and a peer's label text is known only
/// inside the layout.
#[derive(Clone, Debug)]
pub(super) struct Glyphs {
    widths: BTreeMap<char, f32>,
    /// Width of a character not measured (a digit's: labels are mostly digits).
    other: f32,
    /// What `paint::label_size` adds around the text, and the label's height.
    pad: f32,
    height: f32,
}

impl Glyphs {
    /// The characters of port lists and of the label texts of `lang`.
    pub(super) fn measure(painter: &Painter, lang: Lang) -> Self {
        let texts = [
            "0123456789 ·-+",
            i18n::tr(lang, "link.more_ports"),
            i18n::tr(lang, "trainer.hidden"),
            i18n::tr(lang, "canvas.no_traffic"),
        ];
        let size = |text: &str| super::paint::label_size(painter, text);
        let pad = size("").x;
        let mut widths = BTreeMap::new();
        for c in texts.iter().flat_map(|t| t.chars()) {
            widths
                .entry(c)
                .or_insert_with(|| size(&c.to_string()).x - pad);
        }
        Self {
            widths,
            other: size("0").x - pad,
            pad,
            height: size("0").y,
        }
    }

    /// The size `paint::label_size` gives `text` (the labels' font is monospaced).
    fn size(&self, text: &str) -> (f32, f32) {
        let width: f32 = (text.chars())
            .map(|c| self.widths.get(&c).copied().unwrap_or(self.other))
            .sum();
        (width + self.pad, self.height)
    }
}

/// What the thread lays out, tagged so the canvas takes only the result it asked for last.
pub(super) struct Job {
    pub tag: u64,
    pub plan: Box<Plan>,
    pub catalog: Arc<Catalog>,
    pub rules: Arc<RuleSet>,
    pub missing: Vec<(NodeId, NodeId)>,
    pub texts: Vec<(String, (f32, f32))>,
    pub lang: (Lang, bool),
    pub glyphs: Glyphs,
    pub ctx: egui::Context,
}

/// A laid-out diagram and its peer links' rules.
pub(super) struct Done {
    pub tag: u64,
    pub diagram: layout::Diagram,
    pub carried: Carried,
}

/// The layout thread (started with the first large plan shown in detail).
pub(super) struct RouteThread {
    jobs: Sender<Job>,
    results: Receiver<Done>,
}

impl std::fmt::Debug for RouteThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RouteThread")
    }
}

impl RouteThread {
    /// `None` when no thread can be started: large plans then keep straight lines.
    pub(super) fn start() -> Option<Self> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, results) = mpsc::channel::<Done>();
        std::thread::Builder::new()
            .name("layout".to_owned())
            .spawn(move || work(&inbox, &outbox))
            .ok()?;
        Some(Self { jobs, results })
    }

    /// Lay out `job` (dropping any older job not yet started).
    pub(super) fn request(&self, job: Job) -> bool {
        self.jobs.send(job).is_ok()
    }

    /// The newest result that came, if any.
    pub(super) fn poll(&self) -> Option<Done> {
        self.results.try_iter().last()
    }
}

fn work(inbox: &Receiver<Job>, outbox: &Sender<Done>) {
    while let Ok(first) = inbox.recv() {
        let Some(job) = std::iter::once(first).chain(inbox.try_iter()).last() else {
            continue;
        };
        let diagram = layout_labelled(
            (&job.plan, &job.catalog, &job.rules),
            &job.missing,
            &job.texts,
            job.lang,
            |text| job.glyphs.size(text),
        );
        let carried = carried(&job.rules, &job.catalog);
        let done = Done {
            tag: job.tag,
            diagram,
            carried,
        };
        if outbox.send(done).is_err() {
            return;
        }
        job.ctx.request_repaint();
    }
}
