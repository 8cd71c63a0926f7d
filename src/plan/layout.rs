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
}
