//! Canvas geometry: card rectangles, link end points, distances. Canvas units throughout.

use eframe::egui::{Pos2, Rect, Vec2};

use super::state::{point, pos};
use crate::plan::{Node, Plan, layout};

/// The card of a node, moved by `offset` while dragged.
pub fn card_rect(node: &Node, offset: Vec2) -> Rect {
    Rect::from_center_size(
        pos(node.position) + offset,
        Vec2::new(layout::CARD_WIDTH, layout::CARD_HEIGHT),
    )
}

/// Centre of the link handle on a card's right edge.
pub fn handle_pos(card: Rect) -> Pos2 {
    Pos2::new(card.right(), card.center().y)
}

/// Where the segment from `rect`'s centre towards `target` leaves `rect`.
pub fn border_point(rect: Rect, target: Pos2) -> Pos2 {
    let bounds = layout::Bounds {
        min: point(rect.min),
        max: point(rect.max),
    };
    pos(bounds.border_point(point(target)))
}

/// Distance from `p` to the segment `a`-`b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// Bounding box of every card, or `None` for an empty plan; widened to a zone boundary (and
/// the firewall wall on it) just beside the cards, so that fitting shows the wall a card in
/// the perimeter band sits against.
pub fn content_rect(plan: &Plan) -> Option<Rect> {
    let mut rect = plan
        .nodes
        .values()
        .map(|n| card_rect(n, Vec2::ZERO))
        .reduce(Rect::union)?;
    let reach = layout::CARD_WIDTH / 4.0;
    let half = crate::diagram::firewalls::WALL_WIDTH / 2.0 + 4.0;
    for x in [layout::PERIMETER_X, layout::INTERNAL_X] {
        if (rect.left() - reach..rect.left()).contains(&(x - half)) {
            rect.min.x = x - half;
        }
        if (rect.right()..rect.right() + reach).contains(&(x + half)) {
            rect.max.x = x + half;
        }
    }
    Some(rect)
}
