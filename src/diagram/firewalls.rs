//! The plan's firewalls in the diagram: a brick wall on each zone boundary, as tall as the
//! diagram, so that every link crossing a boundary is drawn through the firewall there; each
//! with its name above it and its interface names on either side. A three-legged firewall is one
//! name over both boundaries, its legs the two walls.

use std::fmt::Write as _;

use crate::escape::markup;
use crate::plan::layout::{Bounds, INTERNAL_X, PERIMETER_X};
use crate::plan::{CanvasPoint, FirewallId, Firewalls, Plan};

/// Width of a wall.
pub const WALL_WIDTH: f32 = 14.0;
/// Below the top margin: where a name label starts, and where the walls start (below it).
const NAME_TOP: f32 = 34.0;
const NAME_HEIGHT: f32 = 18.0;
const NAME_SIZE: f32 = 12.0;
const INTERFACE_SIZE: f32 = 11.0;
/// Widest a name label is drawn; longer names are cut with `…`.
const NAME_MAX_WIDTH: f32 = 170.0;

/// One wall: a firewall (or one leg of a three-legged one) on a zone boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct Wall<'a> {
    /// The firewall it belongs to.
    pub id: FirewallId,
    /// Where it is drawn.
    pub bounds: Bounds,
    /// The interface facing the zone nearer the Internet (left), and the one facing inwards.
    pub interfaces: (&'a str, &'a str),
}

/// The walls of the plan's firewalls in a diagram covering `extent` (`super::extent`),
/// outside in. `margin` is the blank edge of the diagram above its titles.
pub fn walls(plan: &Plan, extent: Bounds, margin: f32) -> Vec<Wall<'_>> {
    let top = extent.min.y + margin + NAME_TOP + NAME_HEIGHT;
    let wall = |id, x: f32, interfaces| Wall {
        id,
        bounds: Bounds {
            min: CanvasPoint {
                x: x - WALL_WIDTH / 2.0,
                y: top,
            },
            max: CanvasPoint {
                x: x + WALL_WIDTH / 2.0,
                y: extent.max.y.max(top),
            },
        },
        interfaces,
    };
    let xs = boundaries(&plan.firewalls);
    let interfaces = match &plan.firewalls {
        Firewalls::BackToBack { external, internal } => [
            (external.outside.as_str(), external.inside.as_str()),
            (internal.outside.as_str(), internal.inside.as_str()),
        ],
        Firewalls::ThreeLegged {
            outside,
            perimeter,
            inside,
            ..
        } => [
            (outside.as_str(), perimeter.as_str()),
            (perimeter.as_str(), inside.as_str()),
        ],
    };
    xs.into_iter()
        .zip(interfaces)
        .map(|((id, x), faces)| wall(id, x, faces))
        .collect()
}

/// The boundaries the firewalls stand on: each wall's firewall and x, outside in (the SVG's
/// walls, the canvas's walls and the layout's wall columns all come from here).
pub fn boundaries(firewalls: &Firewalls) -> Vec<(FirewallId, f32)> {
    match firewalls {
        Firewalls::BackToBack { .. } => vec![
            (FirewallId::External, PERIMETER_X),
            (FirewallId::Internal, INTERNAL_X),
        ],
        Firewalls::ThreeLegged { .. } => vec![
            (FirewallId::ThreeLegged, PERIMETER_X),
            (FirewallId::ThreeLegged, INTERNAL_X),
        ],
    }
}

/// The columns the walls stand in, as tall as any diagram (a wall spans the whole diagram
/// below the names): what labels keep off.
pub fn columns(firewalls: &Firewalls) -> Vec<Bounds> {
    boundaries(firewalls)
        .into_iter()
        .map(|(_, x)| Bounds {
            min: CanvasPoint {
                x: x - WALL_WIDTH / 2.0,
                y: f32::MIN,
            },
            max: CanvasPoint {
                x: x + WALL_WIDTH / 2.0,
                y: f32::MAX,
            },
        })
        .collect()
}

/// Draw the firewalls: walls, interface names, then each firewall's name once.
pub fn draw(out: &mut String, plan: &Plan, extent: Bounds, margin: f32) {
    let walls = walls(plan, extent, margin);
    let name_top = extent.min.y + margin + NAME_TOP;
    for fw in plan.firewalls.list() {
        let mine: Vec<&Wall<'_>> = walls.iter().filter(|w| w.id == fw.id).collect();
        writeln!(
            out,
            "<g class=\"firewall\" data-firewall=\"{}\">",
            fw.id.as_str()
        )
        .ok();
        for w in &mine {
            let b = w.bounds;
            // Mortar, then a column of bricks as one dashed line (plain elements only: the
            // HTML report embeds this SVG and allows a few tags).
            writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{WALL_WIDTH}\" height=\"{}\" fill=\"#f3d9d2\" stroke=\"#7a3426\" stroke-width=\"1\"/>",
                b.min.x,
                b.min.y,
                b.max.y - b.min.y
            )
            .ok();
            let x = f32::midpoint(b.min.x, b.max.x);
            writeln!(
                out,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#b5533c\" stroke-width=\"{}\" stroke-dasharray=\"10 2\"/>",
                b.min.y + 1.0,
                b.max.y - 1.0,
                WALL_WIDTH - 2.0
            )
            .ok();
            let y = b.min.y + 16.0;
            for (x, anchor, text) in [
                (b.min.x - 4.0, "end", w.interfaces.0),
                (b.max.x + 4.0, "start", w.interfaces.1),
            ] {
                writeln!(
                    out,
                    "<text x=\"{x}\" y=\"{y}\" font-size=\"{INTERFACE_SIZE}\" text-anchor=\"{anchor}\" fill=\"#7a3426\">{}</text>",
                    markup(text)
                )
                .ok();
            }
        }
        // The name once, centred over the walls: over the boundary, or over the perimeter
        // band between the two legs of a three-legged firewall.
        let (Some(first), Some(last)) = (mine.first(), mine.last()) else {
            out.push_str("</g>\n");
            continue;
        };
        let (left, right) = (first.bounds.min.x, last.bounds.max.x);
        let x = f32::midpoint(left, right);
        let text = super::style::clip(fw.name, NAME_MAX_WIDTH - 12.0, NAME_SIZE);
        #[expect(clippy::cast_precision_loss, reason = "a short label's length")]
        let width = (text.chars().count() as f32 * NAME_SIZE * 0.6 + 12.0).min(NAME_MAX_WIDTH);
        if mine.len() > 1 {
            // A bar joining the legs says they are one firewall.
            writeln!(
                out,
                "<rect x=\"{left}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"#b5533c\" stroke=\"#7a3426\" stroke-width=\"1\"/>",
                name_top + NAME_HEIGHT / 2.0 - 3.0,
                right - left
            )
            .ok();
        }
        writeln!(
            out,
            "<rect x=\"{}\" y=\"{name_top}\" width=\"{width}\" height=\"{NAME_HEIGHT}\" rx=\"4\" fill=\"#ffffff\" stroke=\"#7a3426\"/>",
            x - width / 2.0
        )
        .ok();
        writeln!(
            out,
            "<text x=\"{x}\" y=\"{}\" font-size=\"{NAME_SIZE}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#7a3426\">{}</text>",
            name_top + 13.0,
            markup(&text)
        )
        .ok();
        out.push_str("</g>\n");
    }
}
