//! Label placement: each label on its own link where the link runs clear (the middle of its
//! longest free stretch first), else beside it or slid along it, within one label height of it;
//! else in rings around it, the nearest free place to the link first; never on a card, on a
//! firewall's wall, on an earlier label or on another link (a label may lie across its own). With
//! no such place, the nearest place off cards and walls. Links are all routed first, so every
//! label knows them.

use super::index::Index;
use super::measure::{box_polyline_distance, segment_hits};
use super::{Label, Link, contains, framed};
use crate::plan::CanvasPoint;
use crate::plan::layout::{Bounds, CARD_HEIGHT};

/// Space kept around a label.
const GAP: f32 = 3.0;
/// Along each segment, tried in turn.
const ALONG: [f32; 7] = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];
/// Rings searched around a link when nothing along it is free: steps of this size...
const RING_STEP: f32 = 16.0;
/// ...up to this many.
const RINGS: u16 = 24;

fn grow(b: Bounds, by: f32) -> Bounds {
    Bounds {
        min: CanvasPoint {
            x: b.min.x - by,
            y: b.min.y - by,
        },
        max: CanvasPoint {
            x: b.max.x + by,
            y: b.max.y + by,
        },
    }
}

fn segment_box(a: CanvasPoint, b: CanvasPoint) -> Bounds {
    Bounds {
        min: CanvasPoint {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
        },
        max: CanvasPoint {
            x: a.x.max(b.x),
            y: a.y.max(b.y),
        },
    }
}

/// Where a label may go, best first: on the link's segments (longest first), beside them,
/// then in rings around the segments' middles.
fn candidates(points: &[CanvasPoint], (w, h): (f32, f32)) -> Vec<CanvasPoint> {
    let mut segments: Vec<(CanvasPoint, CanvasPoint)> =
        points.windows(2).map(|s| (s[0], s[1])).collect();
    segments.sort_by(|a, b| {
        let len = |s: &(CanvasPoint, CanvasPoint)| (s.1.x - s.0.x).abs() + (s.1.y - s.0.y).abs();
        len(b).total_cmp(&len(a))
    });
    let at = |(a, b): (CanvasPoint, CanvasPoint), t: f32| CanvasPoint {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    let mut out = Vec::new();
    for &s in &segments {
        out.extend(ALONG.iter().map(|&t| at(s, t)));
    }
    for &s in &segments {
        let horizontal = (s.0.y - s.1.y).abs() < (s.0.x - s.1.x).abs();
        let (ox, oy) = if horizontal {
            (0.0, h / 2.0 + GAP + 1.0)
        } else {
            (w / 2.0 + GAP + 1.0, 0.0)
        };
        for &t in &ALONG {
            let c = at(s, t);
            out.push(CanvasPoint {
                x: c.x + ox,
                y: c.y + oy,
            });
            out.push(CanvasPoint {
                x: c.x - ox,
                y: c.y - oy,
            });
        }
    }
    for ring in 1..=RINGS {
        let d = f32::from(ring) * RING_STEP;
        for &s in &segments {
            let c = at(s, 0.5);
            for (dx, dy) in [
                (0.0, -1.0),
                (0.0, 1.0),
                (-1.0, 0.0),
                (1.0, 0.0),
                (-1.0, -1.0),
                (1.0, -1.0),
                (-1.0, 1.0),
                (1.0, 1.0),
            ] {
                out.push(CanvasPoint {
                    x: c.x + dx * d,
                    y: c.y + dy * d,
                });
            }
        }
    }
    out
}

/// Steps along a link and away from it at which the boxes near it are tried.
const STEP: f32 = 8.0;

/// Centres of boxes of `size` near the link `points`: at every [`STEP`] along each segment,
/// centred on it or slid along it (by half, or so that either end of the box is at that point),
/// on the segment or beside it a step farther each time, up to three times `reach` clear of it.
/// What is tried when [`candidates`] has no free place close to the link.
fn near(points: &[CanvasPoint], size: (f32, f32), reach: f32) -> Vec<CanvasPoint> {
    let mut out = Vec::new();
    for seg in points.windows(2) {
        let (from, to) = (seg[0], seg[1]);
        let horizontal = (from.y - to.y).abs() < (from.x - to.x).abs();
        let (along, across) = if horizontal { size } else { (size.1, size.0) };
        let clear = across / 2.0 + GAP + 1.0;
        let mut offsets = vec![0.0];
        let mut away = 0.0;
        // Finer within `reach`, coarser up to three times as far.
        while away <= 3.0 * reach {
            offsets.extend([clear + away, -(clear + away)]);
            away += if away < reach { STEP } else { 2.0 * STEP };
        }
        let slide = (along / 2.0 - STEP).max(0.0);
        let len = (to.x - from.x).abs() + (to.y - from.y).abs();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a link's length in steps"
        )]
        let steps = (len / STEP).ceil().max(1.0) as u32;
        for i in 0..=steps {
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            let frac = i as f32 / steps as f32;
            let centre = CanvasPoint {
                x: from.x + (to.x - from.x) * frac,
                y: from.y + (to.y - from.y) * frac,
            };
            for shift in [0.0, slide, -slide, slide / 2.0, -slide / 2.0] {
                for &off in &offsets {
                    let (dx, dy) = if horizontal {
                        (shift, off)
                    } else {
                        (off, shift)
                    };
                    out.push(CanvasPoint {
                        x: centre.x + dx,
                        y: centre.y + dy,
                    });
                }
            }
        }
    }
    out
}

/// The boxes of `size` at `centres`, each also moved off the walls and into the `view`, with
/// their distances to `link`.
fn with_distances(
    centres: &[CanvasPoint],
    size: (f32, f32),
    link: &Link,
    walls: &[Bounds],
    view: Option<Bounds>,
) -> Vec<(Bounds, f32)> {
    centres
        .iter()
        .flat_map(|c| {
            let b = Bounds::around(*c, size);
            let inward = view.and_then(|v| shifted_into(b, v));
            std::iter::once(b).chain(off_walls(b, walls)).chain(inward)
        })
        .map(|b| (b, box_polyline_distance(b, &link.points)))
        .collect()
}

/// How far from its link a label is kept inside the cards' extent rather than close to the
/// link outside it: two card heights, still beside the link's own cards.
const FAR: f32 = 2.0 * CARD_HEIGHT;

/// How far past the cards' extent a label close to its link may stick out: one card height.
const OUTSIDE: f32 = CARD_HEIGHT;

/// Room kept free around a stored bend, so that its square can be grabbed.
const BEND_ROOM: f32 = 12.0;

/// `b` moved sideways just clear of each wall it would touch, the shorter way first: a label
/// whose place is on a wall is tried beside the wall before anywhere farther.
fn off_walls(b: Bounds, walls: &[Bounds]) -> Vec<Bounds> {
    let shift = |dx: f32| Bounds {
        min: CanvasPoint {
            x: b.min.x + dx,
            y: b.min.y,
        },
        max: CanvasPoint {
            x: b.max.x + dx,
            y: b.max.y,
        },
    };
    let mut out = Vec::new();
    for w in walls.iter().filter(|w| w.intersects(grow(b, GAP))) {
        let left = w.min.x - GAP - 0.5 - b.max.x;
        let right = w.max.x + GAP + 0.5 - b.min.x;
        let (first, second) = if -left <= right {
            (left, right)
        } else {
            (right, left)
        };
        out.extend([shift(first), shift(second)]);
    }
    out
}

/// `b` moved just inside `view` where it sticks out (each way, when it fits).
fn shifted_into(b: Bounds, view: Bounds) -> Option<Bounds> {
    let shift = |lo: f32, hi: f32, vlo: f32, vhi: f32| {
        if hi - lo > vhi - vlo {
            None
        } else if lo < vlo {
            Some(vlo - lo)
        } else if hi > vhi {
            Some(vhi - hi)
        } else {
            Some(0.0)
        }
    };
    let dx = shift(b.min.x, b.max.x, view.min.x, view.max.x)?;
    let dy = shift(b.min.y, b.max.y, view.min.y, view.max.y)?;
    (dx != 0.0 || dy != 0.0).then_some(Bounds {
        min: CanvasPoint {
            x: b.min.x + dx,
            y: b.min.y + dy,
        },
        max: CanvasPoint {
            x: b.max.x + dx,
            y: b.max.y + dy,
        },
    })
}

/// One label per link, in link order (`texts`, each with its size, in the same order), off
/// the `cards` and the `walls` (obstacles only labels avoid: links cross them). A label the
/// user dropped (`dropped[k]`, its centre) is placed first, where it was dropped, unless that
/// is on a card; the others then keep clear of it and of the stored `bends`.
pub(super) fn labels(
    cards: &[Bounds],
    walls: &[Bounds],
    links: &[Link],
    texts: Vec<(String, (f32, f32))>,
    (dropped, bends): (&[Option<CanvasPoint>], &[&[CanvasPoint]]),
) -> Vec<Label> {
    let mut card_index = Index::new();
    for c in cards {
        card_index.insert(*c);
    }
    let mut segments = Index::new();
    let mut owner: Vec<(usize, CanvasPoint, CanvasPoint)> = Vec::new();
    for (k, link) in links.iter().enumerate() {
        for s in link.points.windows(2) {
            segments.insert(segment_box(s[0], s[1]));
            owner.push((k, s[0], s[1]));
        }
    }
    let mut placed = Index::new();
    for b in bends.iter().flat_map(|b| b.iter()) {
        placed.insert(Bounds::around(*b, (BEND_ROOM, BEND_ROOM)));
    }
    let on_card = |b: Bounds| card_index.any(grow(b, GAP), |_| true);
    let view = cards.iter().copied().reduce(Bounds::union).map(framed);
    let within = |b: Bounds| view.is_some_and(|v| contains(v, b));
    // At most [`OUTSIDE`] past it: fit zooms out a little for a label that has no close
    // place inside (the seed's Internet -> Edge label, wider than the room beside the wall).
    let nearly_within = |b: Bounds| view.is_some_and(|v| contains(grow(v, OUTSIDE), b));
    // Never on a card or a wall, even as a last resort.
    let allowed =
        |g: Bounds| !card_index.any(g, |_| true) && !walls.iter().any(|w| w.intersects(g));
    let free = |placed: &Index, k: usize, b: Bounds| {
        let g = grow(b, GAP);
        allowed(g)
            && !placed.any(g, |_| true)
            && !segments.near(g).into_iter().any(|i| {
                let (o, p, q) = owner[i];
                o != k && segment_hits(p, q, g, 0.0)
            })
    };
    let mut spots: Vec<Option<Bounds>> = vec![None; links.len()];
    for (k, (at, (_, size))) in dropped.iter().zip(&texts).enumerate() {
        let Some(at) = *at else { continue };
        let b = Bounds::around(at, *size);
        let b = if on_card(b) {
            nearest_clear(at, *size, |b| free(&placed, k, b), on_card).unwrap_or(b)
        } else {
            b
        };
        placed.insert(b);
        spots[k] = Some(b);
    }
    for k in 0..links.len() {
        let (link, size) = (&links[k], texts[k].1);
        if spots[k].is_some() {
            continue;
        }
        // Close enough to read as the link's: one label height, plus half a card for a
        // label pushed past the cards at both ends of a short link.
        let close = CARD_HEIGHT / 2.0 + size.1;
        let options = candidates(&link.points, size);
        let mut boxes = with_distances(&options, size, link, walls, view);
        let ok = |(b, d): &(Bounds, f32)| *d <= close && free(&placed, k, *b);
        if !boxes.iter().any(ok) {
            boxes.extend(with_distances(
                &near(&link.points, size, close),
                size,
                link,
                walls,
                view,
            ));
        }
        // Nearest first (ties in the order tried, so a label on its link keeps the middle
        // of the longest free stretch).
        boxes.sort_by(|a, b| a.1.total_cmp(&b.1));
        let first = |ok: &dyn Fn(&(Bounds, f32)) -> bool| boxes.iter().find(|b| ok(b));
        // Inside the cards' extent first, so that a label does not widen what fit frames
        // (the labels' size at fit is the readability the canvas keeps), up to [`FAR`] from
        // the link; past that, close to the link even a little outside it; then up to [`FAR`]
        // from it, a little outside; else the nearest free place.
        let bounds = first(&|(b, d)| *d <= close && within(*b) && free(&placed, k, *b))
            .or_else(|| first(&|(b, d)| *d <= FAR && within(*b) && free(&placed, k, *b)))
            .or_else(|| first(&|b| nearly_within(b.0) && ok(b)))
            .or_else(|| first(&|(b, d)| *d <= FAR && nearly_within(*b) && free(&placed, k, *b)))
            .or_else(|| first(&|(b, _)| within(*b) && free(&placed, k, *b)))
            .or_else(|| first(&|(b, _)| free(&placed, k, *b)))
            .or_else(|| first(&|(b, _)| allowed(*b)))
            .map(|(b, _)| *b)
            .or_else(|| options.first().map(|c| Bounds::around(*c, size)))
            .unwrap_or_else(|| Bounds::around(CanvasPoint::default(), size));
        placed.insert(bounds);
        spots[k] = Some(bounds);
    }
    let mut out = Vec::with_capacity(links.len());
    for ((link, (text, _)), spot) in links.iter().zip(texts).zip(spots) {
        out.push(Label {
            a: link.a.clone(),
            b: link.b.clone(),
            text,
            bounds: spot.unwrap_or_else(|| Bounds::around(CanvasPoint::default(), (0.0, 0.0))),
            missing: link.missing,
        });
    }
    out
}

/// Rings searched around a label dropped on a card: this far apart...
const DROP_STEP: f32 = 6.0;
/// ...up to this many (600 units: past any card, whichever way).
const DROP_RINGS: u16 = 100;

/// The place nearest `at` (to within a ring's step) for a label of `size` that is `free`, or
/// failing that within the rings, the nearest that is not `on_card`.
fn nearest_clear(
    at: CanvasPoint,
    size: (f32, f32),
    free: impl Fn(Bounds) -> bool,
    on_card: impl Fn(Bounds) -> bool,
) -> Option<Bounds> {
    let mut off_cards = None;
    for ring in 1..=DROP_RINGS {
        let d = f32::from(ring) * DROP_STEP;
        // About one spot per step along the ring.
        let n = (d * std::f32::consts::TAU / DROP_STEP).ceil().max(8.0);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "at most about 630 spots a ring"
        )]
        for i in 0..n as u32 {
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            let angle = i as f32 / n * std::f32::consts::TAU;
            let c = CanvasPoint {
                x: at.x + d * angle.cos(),
                y: at.y + d * angle.sin(),
            };
            let b = Bounds::around(c, size);
            if free(b) {
                return Some(b);
            }
            if off_cards.is_none() && !on_card(b) {
                off_cards = Some(b);
            }
        }
    }
    off_cards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::layout::{LABEL_HEIGHT, label_width};
    use crate::plan::NodeId;

    fn link(a: &str, b: &str, points: &[(f32, f32)]) -> Link {
        Link {
            a: NodeId::from(a),
            b: NodeId::from(b),
            points: points.iter().map(|&(x, y)| CanvasPoint { x, y }).collect(),
            missing: false,
            forward: true,
            backward: false,
            has_rules: true,
            peer: false,
        }
    }

    #[test]
    fn labels_keep_off_cards_other_labels_and_other_links() {
        let cards = [Bounds::card(CanvasPoint { x: 0.0, y: 0.0 })];
        // Two links on one line and a third crossing their middle.
        let links = [
            link("a", "b", &[(200.0, 100.0), (600.0, 100.0)]),
            link("c", "d", &[(200.0, 100.0), (600.0, 100.0)]),
            link("e", "f", &[(400.0, 0.0), (400.0, 300.0)]),
        ];
        let texts = ["5061 · 443", "5061", "443"]
            .map(|t| (t.to_owned(), (label_width(t), LABEL_HEIGHT)))
            .to_vec();
        let placed = labels(&cards, &[], &links, texts, (&[None, None, None], &[]));
        for (i, l) in placed.iter().enumerate() {
            assert!(!l.bounds.intersects(cards[0]));
            for other in &placed[i + 1..] {
                assert!(!l.bounds.intersects(other.bounds), "{placed:?}");
            }
            for (k, other) in links.iter().enumerate() {
                if k != i {
                    assert!(
                        !segment_hits(other.points[0], other.points[1], l.bounds, 0.0),
                        "{l:?} under {other:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn labels_keep_off_the_walls_their_links_cross() {
        let wall = Bounds {
            min: CanvasPoint {
                x: 193.0,
                y: f32::MIN,
            },
            max: CanvasPoint {
                x: 207.0,
                y: f32::MAX,
            },
        };
        // One link straight across the wall (its middle on it), one running inside it, and a
        // short one across it with a label longer than the link.
        let links = [
            link("a", "b", &[(100.0, 100.0), (300.0, 100.0)]),
            link("c", "d", &[(200.0, 300.0), (200.0, 400.0)]),
            link("e", "f", &[(150.0, 600.0), (250.0, 600.0)]),
        ];
        let texts = ["5061 · 443", "443", "53 · 80 · 443 · 3478 · 50000-59999"]
            .map(|t| (t.to_owned(), (label_width(t), LABEL_HEIGHT)))
            .to_vec();
        let placed = labels(&[], &[wall], &links, texts, (&[], &[]));
        for l in &placed {
            assert!(!l.bounds.intersects(wall), "{l:?}");
        }
        // The first still sits on its own link; the last on its link's line, beside the wall.
        for (l, y) in [(&placed[0], 100.0), (&placed[2], 600.0)] {
            assert!(l.bounds.min.y < y && l.bounds.max.y > y, "{l:?}");
        }
        let b = placed[2].bounds;
        let gap = (wall.min.x - b.max.x).max(b.min.x - wall.max.x);
        assert!(gap < GAP + 1.0, "{b:?}");
    }
}
