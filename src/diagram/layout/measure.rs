//! Counting what a laid-out diagram draws on top of something else, at a tolerance: the
//! measure the geometry contract is tested with (issue 19), kept in the core so the CLI, the
//! tests and the canvas measure the same way.

use super::Diagram;
use crate::plan::CanvasPoint;
use crate::plan::layout::Bounds;

/// Overlaps of one diagram; every count is zero for a clean layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overlaps {
    /// Pairs (label, card) that overlap.
    pub labels_on_cards: usize,
    /// Pairs of labels that overlap.
    pub labels_on_labels: usize,
    /// Pairs (label, firewall wall) that overlap: a label there reads as the wall's.
    pub labels_on_walls: usize,
    /// Pairs (link, card) where the link passes through a card that is not one of its ends.
    pub links_through_cards: usize,
    /// Pairs (link, label) where the link passes through another link's label.
    pub links_through_labels: usize,
    /// Labels that some other link passes through.
    pub labels_under_links: usize,
    /// Pairs of segments of different links that run along each other (same line, sharing a
    /// stretch longer than the tolerance), so one hides the other.
    pub links_along_links: usize,
}

/// Where an axis-aligned segment lies: (vertical, the line's coordinate, from, to).
fn on_line(p: CanvasPoint, q: CanvasPoint) -> Option<(bool, f32, f32, f32)> {
    if (p.y - q.y).abs() < 0.01 {
        Some((false, p.y, p.x.min(q.x), p.x.max(q.x)))
    } else if (p.x - q.x).abs() < 0.01 {
        Some((true, p.x, p.y.min(q.y), p.y.max(q.y)))
    } else {
        None
    }
}

/// `b` shrunk by `t` on every side (never inverted).
fn shrink(b: Bounds, t: f32) -> Bounds {
    let cx = f32::midpoint(b.min.x, b.max.x);
    let cy = f32::midpoint(b.min.y, b.max.y);
    Bounds {
        min: CanvasPoint {
            x: (b.min.x + t).min(cx),
            y: (b.min.y + t).min(cy),
        },
        max: CanvasPoint {
            x: (b.max.x - t).max(cx),
            y: (b.max.y - t).max(cy),
        },
    }
}

/// True when the boxes overlap by more than `tolerance` in both directions.
pub fn boxes_overlap(a: Bounds, b: Bounds, tolerance: f32) -> bool {
    let w = a.max.x.min(b.max.x) - a.min.x.max(b.min.x);
    let h = a.max.y.min(b.max.y) - a.min.y.max(b.min.y);
    w > tolerance && h > tolerance
}

/// True when the segment `p`-`q` enters the inside of `b` shrunk by `tolerance`
/// (Liang-Barsky clipping; a segment along an edge does not count).
pub fn segment_hits(p: CanvasPoint, q: CanvasPoint, b: Bounds, tolerance: f32) -> bool {
    let b = shrink(b, tolerance);
    if b.max.x <= b.min.x || b.max.y <= b.min.y {
        return false;
    }
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (step, room) in [
        (-dx, p.x - b.min.x),
        (dx, b.max.x - p.x),
        (-dy, p.y - b.min.y),
        (dy, b.max.y - p.y),
    ] {
        if step.abs() <= f32::EPSILON {
            // Parallel to this edge: inside only strictly within it.
            if room <= 0.0 {
                return false;
            }
        } else {
            let t = room / step;
            if step < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    // Some length of the segment strictly inside.
    let len = dx.hypot(dy);
    (t1 - t0) * len > 1e-3
}

/// The overlaps of `diagram` at `tolerance` canvas units (1 px in the SVG).
pub fn overlaps(diagram: &Diagram, tolerance: f32) -> Overlaps {
    let mut o = Overlaps::default();
    for (i, label) in diagram.labels.iter().enumerate() {
        o.labels_on_cards += diagram
            .cards
            .iter()
            .filter(|c| boxes_overlap(label.bounds, c.bounds, tolerance))
            .count();
        o.labels_on_walls += diagram
            .walls
            .iter()
            .filter(|w| boxes_overlap(label.bounds, **w, tolerance))
            .count();
        o.labels_on_labels += diagram.labels[i + 1..]
            .iter()
            .filter(|l| boxes_overlap(label.bounds, l.bounds, tolerance))
            .count();
        let hits = diagram
            .links
            .iter()
            .filter(|link| (&link.a, &link.b) != (&label.a, &label.b))
            .filter(|link| {
                link.points
                    .windows(2)
                    .any(|s| segment_hits(s[0], s[1], label.bounds, tolerance))
            })
            .count();
        o.links_through_labels += hits;
        o.labels_under_links += usize::from(hits > 0);
    }
    let lines: Vec<(usize, (bool, f32, f32, f32))> = diagram
        .links
        .iter()
        .enumerate()
        .flat_map(|(k, l)| {
            l.points
                .windows(2)
                .filter_map(move |s| Some((k, on_line(s[0], s[1])?)))
        })
        .collect();
    for (i, &(k, (vertical, at, lo, hi))) in lines.iter().enumerate() {
        o.links_along_links += lines[i + 1..]
            .iter()
            .filter(|&&(k2, (v2, at2, lo2, hi2))| {
                k2 != k
                    && v2 == vertical
                    && (at2 - at).abs() < 0.5
                    && hi.min(hi2) - lo.max(lo2) > tolerance
            })
            .count();
    }
    for link in &diagram.links {
        o.links_through_cards += diagram
            .cards
            .iter()
            .filter(|c| c.id != link.a && c.id != link.b)
            .filter(|c| {
                link.points
                    .windows(2)
                    .any(|s| segment_hits(s[0], s[1], c.bounds, tolerance))
            })
            .count();
    }
    o
}

/// Distance from `p` to the box `b` (0 inside or on it).
fn point_box_distance(p: CanvasPoint, b: Bounds) -> f32 {
    let dx = (b.min.x - p.x).max(p.x - b.max.x).max(0.0);
    let dy = (b.min.y - p.y).max(p.y - b.max.y).max(0.0);
    dx.hypot(dy)
}

/// Distance from `c` to the segment `p`-`q`.
fn point_segment_distance(c: CanvasPoint, p: CanvasPoint, q: CanvasPoint) -> f32 {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 <= f32::EPSILON {
        0.0
    } else {
        (((c.x - p.x) * dx + (c.y - p.y) * dy) / len2).clamp(0.0, 1.0)
    };
    (c.x - p.x - t * dx).hypot(c.y - p.y - t * dy)
}

/// Distance from the box `b` to the segment `p`-`q`: 0 when they touch or cross, else the
/// shortest from a corner of one to the other (both are convex).
pub fn box_segment_distance(b: Bounds, p: CanvasPoint, q: CanvasPoint) -> f32 {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    let mut crosses = true;
    for (step, room) in [
        (-dx, p.x - b.min.x),
        (dx, b.max.x - p.x),
        (-dy, p.y - b.min.y),
        (dy, b.max.y - p.y),
    ] {
        if step.abs() <= f32::EPSILON {
            crosses &= room >= 0.0;
        } else if step < 0.0 {
            t0 = t0.max(room / step);
        } else {
            t1 = t1.min(room / step);
        }
    }
    if crosses && t0 <= t1 {
        return 0.0;
    }
    let corners = [
        b.min,
        b.max,
        CanvasPoint {
            x: b.min.x,
            y: b.max.y,
        },
        CanvasPoint {
            x: b.max.x,
            y: b.min.y,
        },
    ];
    corners
        .iter()
        .map(|c| point_segment_distance(*c, p, q))
        .chain([point_box_distance(p, b), point_box_distance(q, b)])
        .fold(f32::INFINITY, f32::min)
}

/// Distance from the box `b` to the polyline `points` (infinite without a segment).
pub fn box_polyline_distance(b: Bounds, points: &[CanvasPoint]) -> f32 {
    points
        .windows(2)
        .map(|s| box_segment_distance(b, s[0], s[1]))
        .fold(f32::INFINITY, f32::min)
}

/// Labels at most this far from their own link (canvas units) are read as on it: no leader.
pub const LEADER_FROM: f32 = 8.0;

/// A leader's room from every card: along a card's border it reads as the card's outline.
pub const LEADER_CLEARANCE: f32 = 6.0;
/// The longest leader: a longer one crosses enough of the drawing to read as a link itself.
pub const LEADER_MAX: f32 = 3.0 * crate::plan::layout::CARD_HEIGHT;

/// A leader line for a label placed further than [`LEADER_FROM`] from its own link (near a
/// busy link the clear places run out): the shortest straight line from the label's box to a
/// point of the link, at most [`LEADER_MAX`] long, [`LEADER_CLEARANCE`] clear of every card
/// (through one it would read as a link of its own) and crossing no other label. Points of
/// the link are tried every few units. `None` when the label is on its link or no such line
/// exists. Without one a reader cannot tell which link a far label names.
pub fn leader(
    b: Bounds,
    points: &[CanvasPoint],
    cards: &[super::Card],
    labels: &[super::Label],
) -> Option<(CanvasPoint, CanvasPoint)> {
    const STEP: f32 = 8.0;
    if box_polyline_distance(b, points) <= LEADER_FROM {
        return None;
    }
    let in_box = |p: CanvasPoint| CanvasPoint {
        x: p.x.clamp(b.min.x, b.max.x),
        y: p.y.clamp(b.min.y, b.max.y),
    };
    let mut candidates: Vec<(CanvasPoint, CanvasPoint)> = Vec::new();
    for s in points.windows(2) {
        let length = (s[1].x - s[0].x).hypot(s[1].y - s[0].y);
        // Truncation is intended: a point every STEP units, the segment's end included.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a count of steps"
        )]
        let steps = (length / STEP).ceil().max(1.0) as usize;
        for i in 0..=steps {
            #[expect(clippy::cast_precision_loss, reason = "a few hundred steps")]
            let t = i as f32 / steps as f32;
            let q = CanvasPoint {
                x: s[0].x + t * (s[1].x - s[0].x),
                y: s[0].y + t * (s[1].y - s[0].y),
            };
            candidates.push((in_box(q), q));
        }
    }
    let length = |(a, b): &(CanvasPoint, CanvasPoint)| (a.x - b.x).hypot(a.y - b.y);
    candidates.sort_by(|x, y| length(x).total_cmp(&length(y)));
    // The cards near enough to be in the way: within the box around the label and the link.
    let reach = points.iter().fold(b, |r, p| Bounds {
        min: CanvasPoint {
            x: r.min.x.min(p.x),
            y: r.min.y.min(p.y),
        },
        max: CanvasPoint {
            x: r.max.x.max(p.x),
            y: r.max.y.max(p.y),
        },
    });
    let reach = shrink(reach, -LEADER_CLEARANCE);
    let within = |c: &Bounds| {
        c.min.x < reach.max.x
            && c.max.x > reach.min.x
            && c.min.y < reach.max.y
            && c.max.y > reach.min.y
    };
    let near_cards: Vec<Bounds> = cards.iter().map(|c| c.bounds).filter(within).collect();
    let near_labels: Vec<Bounds> = (labels.iter().map(|l| l.bounds))
        .filter(|l| *l != b && within(l))
        .collect();
    candidates
        .into_iter()
        .take_while(|pair| length(pair) <= LEADER_MAX)
        .find(|(p, q)| {
            !near_cards
                .iter()
                .any(|c| segment_hits(*p, *q, *c, -LEADER_CLEARANCE))
                && !near_labels.iter().any(|l| segment_hits(*p, *q, *l, 0.5))
        })
}

/// Each label's [`leader`], in the order of the diagram's labels: what the SVG, the draw.io
/// file and the canvas draw.
pub fn leaders(diagram: &Diagram) -> Vec<Option<(CanvasPoint, CanvasPoint)>> {
    (diagram.labels.iter().zip(&diagram.links))
        .map(|(label, link)| leader(label.bounds, &link.points, &diagram.cards, &diagram.labels))
        .collect()
}

/// For each label (in the order of the diagram's labels), the distance from its box to its
/// own link's polyline, 0 when they touch: how far a reader's eye must go from a label to the
/// link it names.
pub fn label_distances(diagram: &Diagram) -> Vec<f32> {
    diagram
        .labels
        .iter()
        .zip(&diagram.links)
        .map(|(label, link)| {
            debug_assert_eq!((&label.a, &label.b), (&link.a, &link.b));
            box_polyline_distance(label.bounds, &link.points)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f32, y: f32) -> CanvasPoint {
        CanvasPoint { x, y }
    }

    fn b(x0: f32, y0: f32, x1: f32, y1: f32) -> Bounds {
        Bounds {
            min: p(x0, y0),
            max: p(x1, y1),
        }
    }

    #[test]
    fn a_far_label_gets_a_leader_to_its_link_clear_of_the_cards() {
        let line = [p(0.0, 0.0), p(100.0, 0.0), p(100.0, 100.0)];
        let near = |a: CanvasPoint, b: CanvasPoint| (a.x - b.x).hypot(a.y - b.y) <= 8.0;
        assert_eq!(
            leader(b(10.0, 2.0, 40.0, 12.0), &line, &[], &[]),
            None,
            "on its link"
        );
        // Below the first segment, left of the second: across to the second.
        let (from, to) = leader(b(40.0, 50.0, 80.0, 60.0), &line, &[], &[]).unwrap();
        assert!(
            (from.x - 80.0).abs() < 1e-3 && (to.x - 100.0).abs() < 1e-3,
            "{from:?} {to:?}"
        );
        assert!((to.y - from.y).abs() < 8.0);
        // A card in between: around it, up to the first segment instead.
        let card = super::super::Card {
            id: crate::plan::NodeId::from("c"),
            bounds: b(85.0, 20.0, 99.0, 90.0),
            peer: None,
        };
        let (from, to) = leader(b(40.0, 50.0, 80.0, 60.0), &line, &[card], &[]).unwrap();
        assert!(
            near(to, p(from.x, 0.0)) && (from.y - 50.0).abs() < 1e-3,
            "{from:?} {to:?}"
        );
    }

    #[test]
    fn segments_through_boxes_at_a_tolerance() {
        let card = b(0.0, 0.0, 100.0, 50.0);
        assert!(segment_hits(p(-10.0, 25.0), p(110.0, 25.0), card, 1.0));
        assert!(segment_hits(p(-10.0, -10.0), p(110.0, 60.0), card, 1.0));
        // Along an edge, or grazing within the tolerance: not through.
        assert!(!segment_hits(p(-10.0, 0.0), p(110.0, 0.0), card, 1.0));
        assert!(!segment_hits(p(-10.0, 50.5), p(110.0, 50.5), card, 1.0));
        assert!(!segment_hits(p(-10.0, 60.0), p(110.0, 60.0), card, 1.0));
        // Ending on the edge: not through; ending inside: through.
        assert!(!segment_hits(p(50.0, -30.0), p(50.0, 0.0), card, 1.0));
        assert!(segment_hits(p(50.0, -30.0), p(50.0, 10.0), card, 1.0));
    }

    #[test]
    fn distance_from_a_box_to_a_segment() {
        let label = b(0.0, 0.0, 100.0, 24.0);
        // Crossing, touching an edge, ending inside: 0.
        assert!(box_segment_distance(label, p(-10.0, 12.0), p(110.0, 12.0)).abs() < 1e-6);
        assert!(box_segment_distance(label, p(-10.0, 24.0), p(110.0, 24.0)).abs() < 1e-6);
        assert!(box_segment_distance(label, p(50.0, -30.0), p(50.0, 5.0)).abs() < 1e-6);
        // Beside, below, past a corner.
        assert!((box_segment_distance(label, p(-10.0, 64.0), p(110.0, 64.0)) - 40.0).abs() < 1e-4);
        assert!((box_segment_distance(label, p(130.0, -50.0), p(130.0, 50.0)) - 30.0).abs() < 1e-4);
        assert!((box_segment_distance(label, p(103.0, 28.0), p(200.0, 28.0)) - 5.0).abs() < 1e-4);
        assert!(
            (box_polyline_distance(label, &[p(0.0, 100.0), p(200.0, 100.0), p(200.0, 0.0)]) - 76.0)
                .abs()
                < 1e-4
        );
    }

    #[test]
    fn boxes_overlap_beyond_the_tolerance_only() {
        let a = b(0.0, 0.0, 100.0, 50.0);
        assert!(boxes_overlap(a, b(90.0, 10.0, 120.0, 20.0), 1.0));
        assert!(!boxes_overlap(a, b(99.5, 10.0, 120.0, 20.0), 1.0));
        assert!(!boxes_overlap(a, b(100.0, 50.0, 120.0, 70.0), 1.0));
    }
}
