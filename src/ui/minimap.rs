//! The minimap: the whole plan in a corner of the canvas when it does not fit the view, cards as
//! small rectangles in their role's colour ("Any" peers' in grey-blue) and the view as an
//! outline. A click or drag in it
//! moves the view there. The only per-frame work proportional to the plan on the canvas: one
//! rectangle per card, in one mesh.

use eframe::egui::{self, Color32, Mesh, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use crate::plan::Plan;
use crate::plan::layout::{CARD_HEIGHT, CARD_WIDTH};
use crate::ui::theme;

/// Largest size of the minimap on screen, in points.
const MAX_SIZE: Vec2 = Vec2::new(220.0, 150.0);
/// Distance from the canvas's bottom-right corner.
const INSET: f32 = 10.0;

/// The screen rect of the minimap for `world` (the canvas area it shows) in the canvas `outer`.
pub fn placement(world: Rect, outer: Rect) -> Rect {
    let scale = (MAX_SIZE.x / world.width().max(1.0)).min(MAX_SIZE.y / world.height().max(1.0));
    let size = (world.size() * scale).max(Vec2::splat(24.0));
    Rect::from_min_size(outer.max - Vec2::splat(INSET) - size, size)
}

/// What the minimap shows: the cards (with a margin) and the view, which may be elsewhere.
pub fn world(content: Rect, visible: Rect) -> Rect {
    content.expand(CARD_HEIGHT).union(visible)
}

/// Maps between the canvas area the minimap shows and its rect on screen.
#[derive(Clone, Copy, Debug)]
pub struct Map {
    /// Canvas units shown.
    pub world: Rect,
    /// Where on screen.
    pub rect: Rect,
}

impl Map {
    /// Screen point of a canvas point.
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        let t = (p - self.world.min) / self.world.size();
        self.rect.min + t * self.rect.size()
    }

    /// Canvas point of a screen point.
    pub fn to_canvas(&self, p: Pos2) -> Pos2 {
        let t = (p - self.rect.min) / self.rect.size();
        self.world.min + t * self.world.size()
    }
}

/// Draw the minimap; returns the canvas point to centre the view on when it was clicked or
/// dragged.
pub fn minimap_ui(
    ui: &mut egui::Ui,
    (plan, peers): (&Plan, &[crate::ui::canvas::PeerCard]),
    map: Map,
    visible: Rect,
) -> Option<Pos2> {
    let response = ui.interact(
        map.rect,
        ui.scope_id().with("minimap"),
        Sense::click_and_drag(),
    );
    let lang = crate::ui::text::lang(ui.ctx());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            crate::i18n::tr(lang, "canvas.minimap"),
        )
    });
    let painter = ui.painter();
    painter.rect(
        map.rect,
        4.0,
        Color32::from_black_alpha(235),
        Stroke::new(1.0, theme::CARD_STROKE),
        StrokeKind::Outside,
    );
    let scale = map.rect.width() / map.world.width().max(1.0);
    // At least one pixel, so a card of a 2,000-node plan still shows.
    let card = (Vec2::new(CARD_WIDTH, CARD_HEIGHT) * scale).max(Vec2::splat(1.0));
    let mut cards = Mesh::default();
    for node in plan.nodes.values() {
        let at = map.to_screen(Pos2::new(node.position.x, node.position.y));
        let (color, _) = theme::role_style(&node.role);
        cards.add_colored_rect(Rect::from_center_size(at, card), color);
    }
    // The "Any" peers' cards, in their border's colour.
    for peer in peers {
        let r = Rect::from_min_max(map.to_screen(peer.rect.min), map.to_screen(peer.rect.max));
        cards.add_colored_rect(
            r.union(Rect::from_center_size(r.center(), Vec2::splat(1.0))),
            theme::PEER_BORDER,
        );
    }
    painter.add(egui::Shape::mesh(cards));
    let view = Rect::from_min_max(map.to_screen(visible.min), map.to_screen(visible.max))
        .intersect(map.rect);
    painter.rect_stroke(
        view,
        0.0,
        Stroke::new(1.5, theme::SELECTED),
        StrokeKind::Inside,
    );
    let pressed = response.is_pointer_button_down_on() || response.clicked();
    let at = response.interact_pointer_pos()?;
    pressed.then(|| map.to_canvas(at.clamp(map.rect.min, map.rect.max)))
}
