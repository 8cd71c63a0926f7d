//! Boxes bucketed in a grid of cells, so "what is near this box?" looks at a neighbourhood
//! only: routing and label placement stay near-linear in plan size.

use std::collections::BTreeMap;

use crate::plan::layout::Bounds;

/// Side of a cell: about one card, so a query touches a handful of cells.
const CELL: f32 = 256.0;
/// A box covering more cells than this is kept apart and always offered.
const MAX_CELLS: i64 = 64;

/// Boxes by cell; each box has the index it was inserted with.
#[derive(Clone, Debug, Default)]
pub struct Index {
    boxes: Vec<Bounds>,
    cells: BTreeMap<(i32, i32), Vec<usize>>,
    huge: Vec<usize>,
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating float-to-int casts are the intent; positions are finite"
)]
fn cells_of(b: Bounds) -> (i32, i32, i32, i32, i64) {
    let cell = |v: f32| (v / CELL).floor() as i32;
    let (x0, y0, x1, y1) = (cell(b.min.x), cell(b.min.y), cell(b.max.x), cell(b.max.y));
    let count = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
    (x0, y0, x1, y1, count)
}

impl Index {
    /// Nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a box; returns its index.
    pub fn insert(&mut self, b: Bounds) -> usize {
        let index = self.boxes.len();
        self.boxes.push(b);
        let (x0, y0, x1, y1, count) = cells_of(b);
        if count > MAX_CELLS {
            self.huge.push(index);
            return index;
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(index);
            }
        }
        index
    }

    /// The box inserted as `i`.
    pub fn get(&self, i: usize) -> Option<Bounds> {
        self.boxes.get(i).copied()
    }

    /// The indexes of boxes that may overlap `b` (a superset, sorted, no repeats).
    pub fn near(&self, b: Bounds) -> Vec<usize> {
        let (x0, y0, x1, y1, count) = cells_of(b);
        let mut out: Vec<usize> = if count > MAX_CELLS {
            (0..self.boxes.len()).collect()
        } else {
            let mut v = self.huge.clone();
            for x in x0..=x1 {
                for y in y0..=y1 {
                    if let Some(items) = self.cells.get(&(x, y)) {
                        v.extend_from_slice(items);
                    }
                }
            }
            v
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// True when some box for which `keep` holds overlaps `b` (touching edges do not count).
    pub fn any(&self, b: Bounds, keep: impl Fn(usize) -> bool) -> bool {
        self.near(b)
            .into_iter()
            .any(|i| keep(i) && self.boxes[i].intersects(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::CanvasPoint;

    #[test]
    fn near_finds_every_overlapping_box() {
        let mut index = Index::new();
        let mut all = Vec::new();
        for i in 0..200u16 {
            let c = CanvasPoint {
                x: f32::from(i % 20) * 137.0 - 900.0,
                y: f32::from(i / 20) * 91.0 - 300.0,
            };
            let size = if i == 33 {
                (90_000.0, 40.0)
            } else {
                (60.0, 30.0)
            };
            let b = Bounds::around(c, size);
            all.push(b);
            assert_eq!(index.insert(b), usize::from(i));
        }
        for j in 0..50u16 {
            let q = Bounds::around(
                CanvasPoint {
                    x: f32::from(j) * 53.0 - 1000.0,
                    y: f32::from(j) * 17.0 - 300.0,
                },
                (120.0, 80.0),
            );
            let brute: Vec<usize> = (0..all.len()).filter(|&i| all[i].intersects(q)).collect();
            let found: Vec<usize> = index
                .near(q)
                .into_iter()
                .filter(|&i| all[i].intersects(q))
                .collect();
            assert_eq!(found, brute);
        }
    }
}
