//! The canvas layout the plan's zones follow: three vertical bands, Internet | Perimeter | Internal.
//! Positions are canvas units; a node's zone follows the band its centre is dropped in.

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

/// Where to put a link's label of `size` on the segment `a`-`b`: the middle, or the first point
/// further along that does not overlap a label already placed (or a card).
pub fn label_position(
    a: CanvasPoint,
    b: CanvasPoint,
    size: (f32, f32),
    taken: &[Bounds],
) -> CanvasPoint {
    let at = |t: f32| CanvasPoint {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    let bounds = |c: CanvasPoint| Bounds {
        min: CanvasPoint {
            x: c.x - size.0 / 2.0,
            y: c.y - size.1 / 2.0,
        },
        max: CanvasPoint {
            x: c.x + size.0 / 2.0,
            y: c.y + size.1 / 2.0,
        },
    };
    [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]
        .into_iter()
        .map(at)
        .find(|c| !taken.iter().any(|t| t.intersects(bounds(*c))))
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
            label_position(a, b, (80.0, 20.0), &[]),
            CanvasPoint { x: 200.0, y: 0.0 }
        );
        let taken = [Bounds {
            min: CanvasPoint { x: 160.0, y: -10.0 },
            max: CanvasPoint { x: 240.0, y: 10.0 },
        }];
        // 0.35 and 0.65 still overlap the taken box; 0.25 is the first free spot.
        assert_eq!(
            label_position(a, b, (80.0, 20.0), &taken),
            CanvasPoint { x: 100.0, y: 0.0 }
        );
    }
}
