//! The ends of a route: a card's port and the stub that leaves it, or a bend the user placed;
//! the extra tracks beside stubs; a route's points without the redundant ones.

use super::{Port, Side};
use crate::plan::CanvasPoint;

/// Directions: +x, -x, +y, -y.
pub(super) const STEPS: [(i64, i64); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

pub(super) fn dir_of(side: Side) -> usize {
    match side {
        Side::Right => 0,
        Side::Left => 1,
        Side::Bottom => 2,
        Side::Top => 3,
    }
}

pub(super) fn stub(p: Port, m: f32) -> CanvasPoint {
    let (dx, dy) = p.side.out();
    CanvasPoint {
        x: p.at.x + dx * m,
        y: p.at.y + dy * m,
    }
}

/// One end of a piece of route: a card's port, left straight out past the margin, or a bend
/// the user placed, passed through exactly, in any direction.
#[derive(Clone, Copy, Debug)]
pub(super) enum End {
    Port(Port),
    Bend(CanvasPoint),
}

impl End {
    pub(super) fn at(self) -> CanvasPoint {
        match self {
            Self::Port(p) => p.at,
            Self::Bend(b) => b,
        }
    }

    /// Where the search starts or ends.
    pub(super) fn grid_point(self, margin: f32) -> CanvasPoint {
        match self {
            Self::Port(p) => stub(p, margin),
            Self::Bend(b) => b,
        }
    }

    /// The direction out of the card (a bend has none).
    pub(super) fn dir(self) -> Option<usize> {
        match self {
            Self::Port(p) => Some(dir_of(p.side)),
            Self::Bend(_) => None,
        }
    }
}

/// Two more tracks just beyond each port's stub, so that links leaving a column of cards (the
/// "Any" peers') turn on lines of their own instead of along each other.
pub(super) fn beyond_stubs(ends: (End, End), m: f32, (xs, ys): (&mut Vec<f32>, &mut Vec<f32>)) {
    for end in [ends.0, ends.1] {
        let End::Port(p) = end else {
            continue;
        };
        for k in [2.0, 3.0] {
            let q = stub(p, m * k);
            match p.side {
                Side::Left | Side::Right => xs.push(q.x),
                Side::Top | Side::Bottom => ys.push(q.y),
            }
        }
    }
}

/// Drop the middle of three points on one line.
pub(super) fn simplify(points: Vec<CanvasPoint>) -> Vec<CanvasPoint> {
    let mut out: Vec<CanvasPoint> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|l| (l.x - p.x).abs() < 0.01 && (l.y - p.y).abs() < 0.01)
        {
            continue;
        }
        if let [.., a, b] = out.as_slice() {
            let same_x = (a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01;
            let same_y = (a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}
