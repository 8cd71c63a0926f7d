//! The canvas layout the plan's zones follow: three vertical bands, Internet | Perimeter | Internal.
//! Positions are canvas units; a node's zone follows the band its centre is dropped in.

use std::collections::BTreeMap;

use super::CanvasPoint;
use crate::topology::Zone;

/// Where the perimeter band starts.
pub const PERIMETER_X: f32 = 200.0;
/// Where the internal band starts.
pub const INTERNAL_X: f32 = 550.0;
/// Grid step for snapping.
pub const GRID: f32 = 20.0;
/// Width of a node card, centred on the node's position.
pub const CARD_WIDTH: f32 = 230.0;
/// Height of a node card.
pub const CARD_HEIGHT: f32 = 86.0;

/// An axis-aligned box in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Top-left corner.
    pub min: CanvasPoint,
    /// Bottom-right corner.
    pub max: CanvasPoint,
}

impl Bounds {
    /// The card of a node at `center`.
    pub fn card(center: CanvasPoint) -> Self {
        let (hw, hh) = (CARD_WIDTH / 2.0, CARD_HEIGHT / 2.0);
        Self {
            min: CanvasPoint {
                x: center.x - hw,
                y: center.y - hh,
            },
            max: CanvasPoint {
                x: center.x + hw,
                y: center.y + hh,
            },
        }
    }

    /// A box of `size` centred on `c`.
    pub fn around(c: CanvasPoint, size: (f32, f32)) -> Self {
        Self {
            min: CanvasPoint {
                x: c.x - size.0 / 2.0,
                y: c.y - size.1 / 2.0,
            },
            max: CanvasPoint {
                x: c.x + size.0 / 2.0,
                y: c.y + size.1 / 2.0,
            },
        }
    }

    /// The smallest box holding both.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self {
            min: CanvasPoint {
                x: self.min.x.min(other.min.x),
                y: self.min.y.min(other.min.y),
            },
            max: CanvasPoint {
                x: self.max.x.max(other.max.x),
                y: self.max.y.max(other.max.y),
            },
        }
    }

    /// Centre point.
    pub fn center(self) -> CanvasPoint {
        CanvasPoint {
            x: f32::midpoint(self.min.x, self.max.x),
            y: f32::midpoint(self.min.y, self.max.y),
        }
    }

    /// True when the two boxes overlap.
    pub fn intersects(self, other: Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// Where the segment from the centre towards `target` leaves the box.
    pub fn border_point(self, target: CanvasPoint) -> CanvasPoint {
        let c = self.center();
        let (dx, dy) = (target.x - c.x, target.y - c.y);
        if dx.abs() < f32::EPSILON && dy.abs() < f32::EPSILON {
            return c;
        }
        let (hw, hh) = (
            (self.max.x - self.min.x) / 2.0,
            (self.max.y - self.min.y) / 2.0,
        );
        let tx = if dx.abs() > f32::EPSILON {
            hw / dx.abs()
        } else {
            f32::INFINITY
        };
        let ty = if dy.abs() > f32::EPSILON {
            hh / dy.abs()
        } else {
            f32::INFINITY
        };
        let t = tx.min(ty).min(1.0);
        CanvasPoint {
            x: c.x + dx * t,
            y: c.y + dy * t,
        }
    }
}

/// The zone of the band that holds `x`.
pub fn zone_at(x: f32) -> Zone {
    if x < PERIMETER_X {
        Zone::Internet
    } else if x < INTERNAL_X {
        Zone::Perimeter
    } else {
        Zone::Internal
    }
}

/// A good x for a new node of a zone.
pub fn zone_home_x(zone: Zone) -> f32 {
    match zone {
        Zone::Internet => 60.0,
        Zone::Perimeter => 350.0,
        Zone::Internal => 750.0,
    }
}

/// The point rounded to the grid.
pub fn snap(p: CanvasPoint) -> CanvasPoint {
    CanvasPoint {
        x: (p.x / GRID).round() * GRID,
        y: (p.y / GRID).round() * GRID,
    }
}

/// Boxes already placed (cards, labels), bucketed in a grid so that asking "does this box
/// overlap any?" looks at its neighbourhood only: label placement stays linear in plan size.
#[derive(Clone, Debug, Default)]
pub struct Occupied {
    boxes: Vec<Bounds>,
    cells: BTreeMap<(i32, i32), Vec<u32>>,
    /// Boxes spanning too many cells to bucket; always checked.
    huge: Vec<u32>,
}

/// Side of a grid cell: about one card, so a label query touches a handful of cells.
const CELL: f32 = 256.0;
/// A box covering more cells than this is kept in `huge` instead.
const MAX_CELLS: i64 = 64;

impl Occupied {
    /// Nothing placed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cell range a box covers; saturating, so far-away coordinates stay finite.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "saturating float-to-int casts are the intent; positions are finite"
    )]
    fn cells_of(b: Bounds) -> (i32, i32, i32, i32) {
        let cell = |v: f32| (v / CELL).floor() as i32;
        (cell(b.min.x), cell(b.min.y), cell(b.max.x), cell(b.max.y))
    }

    /// Place a box.
    pub fn insert(&mut self, b: Bounds) {
        let index = u32::try_from(self.boxes.len()).unwrap_or(u32::MAX);
        self.boxes.push(b);
        let (x0, y0, x1, y1) = Self::cells_of(b);
        let count = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
        if count > MAX_CELLS {
            self.huge.push(index);
            return;
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(index);
            }
        }
    }

    /// True when `b` overlaps a placed box.
    pub fn overlaps(&self, b: Bounds) -> bool {
        let hit = |i: &u32| self.boxes[*i as usize].intersects(b);
        if self.huge.iter().any(hit) {
            return true;
        }
        let (x0, y0, x1, y1) = Self::cells_of(b);
        if (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1) > MAX_CELLS {
            return self.boxes.iter().any(|p| p.intersects(b));
        }
        (x0..=x1)
            .any(|x| (y0..=y1).any(|y| self.cells.get(&(x, y)).is_some_and(|v| v.iter().any(hit))))
    }
}

/// Where to put a link's label of `size` on the segment `a`-`b`: the middle, or the first point
/// further along where `taken` (a label already placed, or a card) says the box is free.
pub fn label_position(
    a: CanvasPoint,
    b: CanvasPoint,
    size: (f32, f32),
    taken: impl Fn(Bounds) -> bool,
) -> CanvasPoint {
    let at = |t: f32| CanvasPoint {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]
        .into_iter()
        .map(at)
        .find(|c| !taken(Bounds::around(*c, size)))
        .unwrap_or_else(|| at(0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_match_home_positions() {
        for zone in Zone::ALL {
            assert_eq!(zone_at(zone_home_x(zone)), zone);
        }
        assert_eq!(
            snap(CanvasPoint { x: 29.0, y: -31.0 }),
            CanvasPoint { x: 20.0, y: -40.0 }
        );
    }

    #[test]
    fn labels_move_along_the_link_to_avoid_each_other() {
        let (a, b) = (
            CanvasPoint { x: 0.0, y: 0.0 },
            CanvasPoint { x: 400.0, y: 0.0 },
        );
        assert_eq!(
            label_position(a, b, (80.0, 20.0), |_| false),
            CanvasPoint { x: 200.0, y: 0.0 }
        );
        let mut taken = Occupied::new();
        taken.insert(Bounds {
            min: CanvasPoint { x: 160.0, y: -10.0 },
            max: CanvasPoint { x: 240.0, y: 10.0 },
        });
        // 0.35 and 0.65 still overlap the taken box; 0.25 is the first free spot.
        assert_eq!(
            label_position(a, b, (80.0, 20.0), |b| taken.overlaps(b)),
            CanvasPoint { x: 100.0, y: 0.0 }
        );
    }

    /// The grid answers exactly what comparing with every placed box answers: boxes of every
    /// size (a huge one too), negative and far coordinates, touching edges.
    #[test]
    fn occupied_grid_equals_checking_every_box() {
        let mut seed = 0x2545_f491_u32;
        let mut next = move |range: f32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed % 10_000) as f32 / 10_000.0 * range - range / 2.0
        };
        let mut random_box = |spread: f32, size: f32| {
            let c = CanvasPoint {
                x: next(spread),
                y: next(spread),
            };
            let s = (next(size).abs() + 1.0, next(size).abs() + 1.0);
            Bounds::around(c, s)
        };
        let mut grid = Occupied::new();
        let mut all = Vec::new();
        for i in 0..400 {
            let b = if i == 7 {
                random_box(100.0, 40_000.0)
            } else {
                random_box(6_000.0, 600.0)
            };
            grid.insert(b);
            all.push(b);
        }
        let mut hits = 0;
        for i in 0..4_000 {
            let q = if i % 100 == 0 {
                random_box(6_000.0, 30_000.0)
            } else {
                random_box(7_000.0, 300.0)
            };
            let brute = all.iter().any(|b| b.intersects(q));
            assert_eq!(grid.overlaps(q), brute, "query {q:?}");
            hits += usize::from(brute);
        }
        assert!(
            hits > 100 && hits < 3_900,
            "queries both hit and miss: {hits}"
        );
    }
}
