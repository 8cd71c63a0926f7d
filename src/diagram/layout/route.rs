//! Orthogonal routing: an A* search per link over a grid whose lines are the nearby cards'
//! edges (pushed out by a margin), the link's two ends and the middles of wide gaps. A grid
//! segment either runs clear of a card or inside it, so checking its middle is exact. Only the
//! cards near the link take part, so a link costs the same in a plan of 10 or 2,000 nodes.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use super::Port;
use super::ends::{End, STEPS, beyond_stubs, simplify};
use super::index::Index;
use crate::plan::CanvasPoint;
use crate::plan::layout::Bounds;

/// Clearance kept between a route and a card it passes.
const MARGIN: f32 = 14.0;
/// The cost of a bend, in canvas units of length.
const BEND: f32 = 40.0;
/// A grid larger than this is not searched (a link across a huge plan): drawn as an L instead.
const MAX_GRID: usize = 300_000;
/// How far beyond the two ends the search looks, tried in turn.
const PADS: [f32; 2] = [200.0, 700.0];

/// Routes links one after another; later links avoid running along earlier ones.
pub(super) struct Router {
    cards: Index,
    /// Segments already routed: (vertical, coordinate in half units) -> spans.
    used: BTreeMap<(bool, i32), Vec<(f32, f32)>>,
    /// Grid cells built plus states expanded so far (the cost figure).
    pub work: u64,
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "finite coordinates, rounded to half units"
)]
fn q(v: f32) -> i32 {
    (v * 2.0).round() as i32
}

/// Sorted, de-duplicated coordinates with the middles of wide gaps added.
fn axis(mut v: Vec<f32>, lo: f32, hi: f32) -> Vec<f32> {
    v.retain(|c| *c >= lo && *c <= hi);
    v.sort_by(f32::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.25);
    let mut out = Vec::with_capacity(v.len() * 2);
    for w in v.windows(2) {
        out.push(w[0]);
        if w[1] - w[0] > 3.0 * MARGIN {
            out.push(f32::midpoint(w[0], w[1]));
        }
    }
    out.extend(v.last());
    out
}

/// Index of `v` in the sorted `xs`.
fn find(xs: &[f32], v: f32) -> Option<usize> {
    let i = xs.partition_point(|x| *x < v - 0.25);
    (i < xs.len() && (xs[i] - v).abs() < 0.25).then_some(i)
}

/// Index range of `xs` strictly inside (lo, hi).
fn inside(xs: &[f32], lo: f32, hi: f32) -> std::ops::Range<usize> {
    xs.partition_point(|x| *x <= lo + 0.01)..xs.partition_point(|x| *x < hi - 0.01)
}

/// The search grid of one link.
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    blocked: Vec<bool>,
    /// Edge (i, j)-(i+1, j) and (i, j)-(i, j+1): blocked, or costlier for running along a route.
    h_block: Vec<bool>,
    v_block: Vec<bool>,
    h_used: Vec<bool>,
    v_used: Vec<bool>,
}

impl Router {
    pub fn new(cards: &[Bounds]) -> Self {
        let mut index = Index::new();
        for c in cards {
            index.insert(*c);
        }
        Self {
            cards: index,
            used: BTreeMap::new(),
            work: 0,
        }
    }

    /// The route from `from` to `to`: orthogonal, clear of every card when a route exists.
    pub fn route(&mut self, from: Port, to: Port) -> Vec<CanvasPoint> {
        self.piece(End::Port(from), End::Port(to))
    }

    /// The route from `from` through each of `bends` in turn to `to`: each piece between them
    /// routed as [`Router::route`] routes a link.
    pub fn route_via(&mut self, from: Port, bends: &[CanvasPoint], to: Port) -> Vec<CanvasPoint> {
        let ends: Vec<End> = std::iter::once(End::Port(from))
            .chain(bends.iter().map(|b| End::Bend(*b)))
            .chain(std::iter::once(End::Port(to)))
            .collect();
        let mut points = Vec::new();
        for w in ends.windows(2) {
            points.extend(self.piece(w[0], w[1]));
        }
        simplify(points)
    }

    fn piece(&mut self, from: End, to: End) -> Vec<CanvasPoint> {
        for m in [MARGIN, MARGIN / 3.0] {
            for pad in PADS {
                if let Some(path) = self.search(from, to, m, pad) {
                    self.mark(&path);
                    return path;
                }
            }
        }
        // No route (cards on top of each other, a bend on a card, or a huge grid): an L,
        // which may cross cards.
        let (a, b) = (from.at(), to.at());
        let corner = CanvasPoint { x: b.x, y: a.y };
        simplify(vec![a, corner, b])
    }

    fn mark(&mut self, path: &[CanvasPoint]) {
        for s in path.windows(2) {
            let (a, b) = (s[0], s[1]);
            if (a.y - b.y).abs() < 0.01 {
                self.used
                    .entry((false, q(a.y)))
                    .or_default()
                    .push((a.x.min(b.x), a.x.max(b.x)));
            } else if (a.x - b.x).abs() < 0.01 {
                self.used
                    .entry((true, q(a.x)))
                    .or_default()
                    .push((a.y.min(b.y), a.y.max(b.y)));
            }
        }
    }

    fn grid(&mut self, (from, to): (End, End), m: f32, pad: f32) -> Option<Grid> {
        let (s, t) = (from.grid_point(m), to.grid_point(m));
        let window = Bounds {
            min: CanvasPoint {
                x: s.x.min(t.x) - pad,
                y: s.y.min(t.y) - pad,
            },
            max: CanvasPoint {
                x: s.x.max(t.x) + pad,
                y: s.y.max(t.y) + pad,
            },
        };
        let obstacles: Vec<Bounds> = self
            .cards
            .near(window)
            .into_iter()
            .filter_map(|i| self.cards.get(i))
            .map(|c| Bounds {
                min: CanvasPoint {
                    x: c.min.x - m,
                    y: c.min.y - m,
                },
                max: CanvasPoint {
                    x: c.max.x + m,
                    y: c.max.y + m,
                },
            })
            .filter(|o| o.intersects(window))
            .collect();
        let mut xs = vec![window.min.x, window.max.x, s.x, t.x];
        let mut ys = vec![window.min.y, window.max.y, s.y, t.y];
        beyond_stubs((from, to), m, (&mut xs, &mut ys));
        for o in &obstacles {
            xs.extend([o.min.x, o.max.x]);
            ys.extend([o.min.y, o.max.y]);
        }
        let xs = axis(xs, window.min.x, window.max.x);
        let ys = axis(ys, window.min.y, window.max.y);
        let (nx, ny) = (xs.len(), ys.len());
        if nx * ny > MAX_GRID {
            return None;
        }
        self.work += (nx * ny) as u64;
        let mut g = Grid {
            blocked: vec![false; nx * ny],
            h_block: vec![false; nx * ny],
            v_block: vec![false; nx * ny],
            h_used: vec![false; nx * ny],
            v_used: vec![false; nx * ny],
            xs,
            ys,
        };
        for o in &obstacles {
            let (ri, rj) = (
                inside(&g.xs, o.min.x, o.max.x),
                inside(&g.ys, o.min.y, o.max.y),
            );
            for j in rj.clone() {
                for i in ri.clone() {
                    g.blocked[j * nx + i] = true;
                }
                // Horizontal edges on a row inside the obstacle, between its edges.
                let first = g.xs.partition_point(|x| *x < o.min.x - 0.01);
                for i in first..nx.saturating_sub(1) {
                    if g.xs[i + 1] > o.max.x + 0.01 {
                        break;
                    }
                    g.h_block[j * nx + i] = true;
                }
            }
            for i in ri {
                let first = g.ys.partition_point(|y| *y < o.min.y - 0.01);
                for j in first..ny.saturating_sub(1) {
                    if g.ys[j + 1] > o.max.y + 0.01 {
                        break;
                    }
                    g.v_block[j * nx + i] = true;
                }
            }
        }
        // Spans already routed along each grid line, looked up once per line.
        let overlaps = |spans: &[(f32, f32)], lo: f32, hi: f32| {
            spans.iter().any(|&(a, b)| b.min(hi) - a.max(lo) > 0.5)
        };
        for j in 0..ny {
            if let Some(spans) = self.used.get(&(false, q(g.ys[j]))) {
                for i in 0..nx.saturating_sub(1) {
                    g.h_used[j * nx + i] = overlaps(spans, g.xs[i], g.xs[i + 1]);
                }
            }
        }
        for i in 0..nx {
            if let Some(spans) = self.used.get(&(true, q(g.xs[i]))) {
                for j in 0..ny.saturating_sub(1) {
                    g.v_used[j * nx + i] = overlaps(spans, g.ys[j], g.ys[j + 1]);
                }
            }
        }
        Some(g)
    }

    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_possible_wrap,
        reason = "grid indexes are small and checked against the grid's size"
    )]
    fn search(&mut self, from: End, to: End, margin: f32, pad: f32) -> Option<Vec<CanvasPoint>> {
        let (source, target) = (from.grid_point(margin), to.grid_point(margin));
        let grid = self.grid((from, to), margin, pad)?;
        let (nx, ny) = (grid.xs.len(), grid.ys.len());
        let start = find(&grid.ys, source.y)? * nx + find(&grid.xs, source.x)?;
        let goal = find(&grid.ys, target.y)? * nx + find(&grid.xs, target.x)?;
        // Into the card, against its side's normal; a bend takes any direction.
        let arrive = to.dir().map(|d| d ^ 1);
        let remaining =
            |n: usize| (grid.xs[n % nx] - target.x).abs() + (grid.ys[n / nx] - target.y).abs();
        let key = |f: f32| (f * 8.0) as u64;
        let mut dist = vec![f32::INFINITY; nx * ny * 4];
        let mut prev = vec![usize::MAX; nx * ny * 4];
        let mut heap = BinaryHeap::new();
        let firsts = from.dir().map_or(0..4, |d| d..d + 1);
        for first in firsts.map(|d| start * 4 + d) {
            dist[first] = 0.0;
            heap.push(Reverse((key(remaining(start)), first)));
        }
        let mut end = None;
        while let Some(Reverse((_, state))) = heap.pop() {
            let (node, dir) = (state / 4, state % 4);
            let d = dist[state];
            self.work += 1;
            if node == goal {
                // Arriving sideways into the card costs a bend; settled states come in order,
                // so a better arrival may still be queued: compare before accepting.
                let straight = arrive.is_none_or(|a| dir == a);
                let total = d + if straight { 0.0 } else { BEND };
                if end.is_none_or(|(_, best)| total < best) {
                    end = Some((state, total));
                }
                if straight {
                    break;
                }
                continue;
            }
            if end.is_some_and(|(_, best)| d + remaining(node) >= best) {
                break;
            }
            let (i, j) = ((node % nx) as i64, (node / nx) as i64);
            for (nd, (di, dj)) in STEPS.into_iter().enumerate() {
                // No turning back on the same line.
                if nd == dir ^ 1 {
                    continue;
                }
                let (ni, nj) = (i + di, j + dj);
                if ni < 0 || nj < 0 || ni >= nx as i64 || nj >= ny as i64 {
                    continue;
                }
                let next = nj as usize * nx + ni as usize;
                // The edge is stored at its smaller end.
                let edge = next.min(node);
                let (blocked, used) = if dj == 0 {
                    (grid.h_block[edge], grid.h_used[edge])
                } else {
                    (grid.v_block[edge], grid.v_used[edge])
                };
                if blocked || (grid.blocked[next] && next != goal) {
                    continue;
                }
                let len = (grid.xs[ni as usize] - grid.xs[i as usize]).abs()
                    + (grid.ys[nj as usize] - grid.ys[j as usize]).abs();
                let mut cost = len;
                if used {
                    cost += len * 4.0 + BEND;
                }
                if nd != dir {
                    cost += BEND;
                }
                let ns = next * 4 + nd;
                if d + cost < dist[ns] {
                    dist[ns] = d + cost;
                    prev[ns] = state;
                    heap.push(Reverse((key(d + cost + remaining(next)), ns)));
                }
            }
        }
        let (mut state, _) = end?;
        let mut points = vec![to.at()];
        loop {
            let node = state / 4;
            points.push(CanvasPoint {
                x: grid.xs[node % nx],
                y: grid.ys[node / nx],
            });
            if prev[state] == usize::MAX {
                break;
            }
            state = prev[state];
        }
        points.push(from.at());
        points.reverse();
        Some(simplify(points))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::layout::Side;
    use crate::diagram::layout::measure::segment_hits;

    fn card(x: f32, y: f32) -> Bounds {
        Bounds::card(CanvasPoint { x, y })
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "routes are exactly orthogonal")]
    fn a_route_goes_around_a_card_in_the_way_with_bends() {
        let cards = [card(0.0, 0.0), card(400.0, 0.0), card(800.0, 0.0)];
        let mut router = Router::new(&cards);
        let from = Port {
            at: CanvasPoint {
                x: cards[0].max.x,
                y: 0.0,
            },
            side: Side::Right,
        };
        let to = Port {
            at: CanvasPoint {
                x: cards[2].min.x,
                y: 0.0,
            },
            side: Side::Left,
        };
        let path = router.route(from, to);
        assert_eq!(path.first(), Some(&from.at));
        assert_eq!(path.last(), Some(&to.at));
        assert!(path.len() >= 4, "bends around the middle card: {path:?}");
        for s in path.windows(2) {
            assert!(s[0].x == s[1].x || s[0].y == s[1].y, "orthogonal: {path:?}");
            for c in &cards {
                assert!(!segment_hits(s[0], s[1], *c, 1.0), "{path:?} crosses {c:?}");
            }
        }
        // A second link along the same way keeps off the first one's segments.
        let again = router.route(
            Port {
                at: CanvasPoint {
                    x: from.at.x,
                    y: 20.0,
                },
                side: Side::Right,
            },
            Port {
                at: CanvasPoint {
                    x: to.at.x,
                    y: 20.0,
                },
                side: Side::Left,
            },
        );
        for a in again.windows(2) {
            for b in path.windows(2) {
                let same_line = (a[0].y == a[1].y && b[0].y == b[1].y && a[0].y == b[0].y)
                    || (a[0].x == a[1].x && b[0].x == b[1].x && a[0].x == b[0].x);
                if same_line {
                    let (lo, hi) = if a[0].y == a[1].y {
                        (
                            a[0].x.min(a[1].x).max(b[0].x.min(b[1].x)),
                            a[0].x.max(a[1].x).min(b[0].x.max(b[1].x)),
                        )
                    } else {
                        (
                            a[0].y.min(a[1].y).max(b[0].y.min(b[1].y)),
                            a[0].y.max(a[1].y).min(b[0].y.max(b[1].y)),
                        )
                    };
                    assert!(hi - lo <= 0.5, "{again:?} runs along {path:?}");
                }
            }
        }
    }
}
