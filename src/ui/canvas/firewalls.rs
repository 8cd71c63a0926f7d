//! The plan's firewalls on the canvas: a wall on each zone boundary behind the links and cards
//! (the same boundaries and width as the SVG's walls), and each firewall's name in the zone
//! titles strip, where it can be read and clicked at any zoom. Clicking either selects it.

use eframe::egui::{self, Align2, FontId, Painter, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::CanvasState;
use crate::diagram::firewalls::WALL_WIDTH;
use crate::plan::layout::{INTERNAL_X, PERIMETER_X};
use crate::plan::{FirewallId, Firewalls, Plan};
use crate::ui::{Selection, theme};

/// Brick red of the walls, as in the SVG.
const BRICK: egui::Color32 = egui::Color32::from_rgb(0xb5, 0x53, 0x3c);
const MORTAR: egui::Color32 = egui::Color32::from_rgb(0x7a, 0x34, 0x26);
/// Narrowest a wall is drawn on screen, in points, however far the view is zoomed out.
const MIN_SCREEN_WIDTH: f32 = 5.0;
/// Room between two name pills pushed apart when zoomed far out.
const PILL_GAP: f32 = 6.0;

/// The boundaries a firewall stands on: each firewall's walls, outside in.
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

/// The walls, from `top` to `bottom` (canvas units), under everything but the bands; a click on
/// one selects its firewall (links and cards drawn later take the clicks over them).
pub(super) fn walls_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    state: &CanvasState,
    selection: &mut Selection,
    (top, bottom): (f32, f32),
) {
    let painter = ui.painter().clone();
    let scaling = state.to_screen.scaling.max(0.01);
    let width = WALL_WIDTH.max(MIN_SCREEN_WIDTH / scaling);
    let px = (1.0 / scaling).max(1.0);
    for (id, x) in boundaries(&plan.firewalls) {
        let rect = Rect::from_x_y_ranges(x - width / 2.0..=x + width / 2.0, top..=bottom);
        let selected = selection.firewall == Some(id);
        paint_wall(&painter, rect, selected, px);
        let response = ui.interact(
            rect,
            ui.scope_id().with(("wall", id, x as i32)),
            Sense::click(),
        );
        if response.clicked() {
            *selection = Selection::only_firewall(id);
        }
    }
}

/// A wall: mortar, a column of bricks as one dashed line, outlined in yellow when selected.
fn paint_wall(painter: &Painter, rect: Rect, selected: bool, px: f32) {
    painter.rect_filled(rect, 0.0, MORTAR);
    let x = rect.center().x;
    painter.add(Shape::dashed_line(
        &[Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
        Stroke::new(rect.width() - 2.0 * px, BRICK),
        10.0 * px,
        2.0 * px,
    ));
    if selected {
        painter.rect_stroke(
            rect,
            0.0,
            Stroke::new(2.5 * px, theme::SELECTED),
            egui::StrokeKind::Outside,
        );
    }
}

/// Each firewall's name in the titles strip at `y` (screen), over its boundary (over the
/// perimeter band for a three-legged one), kept inside the canvas and clear of each other.
/// Returns the pills drawn, for the zone titles to keep clear of.
pub(super) fn names_ui(
    ui: &egui::Ui,
    plan: &Plan,
    state: &CanvasState,
    selection: &mut Selection,
    y: f32,
) -> Vec<Rect> {
    let outer = state.screen_rect;
    let to_x = |x: f32| (state.to_screen * Pos2::new(x, 0.0)).x;
    let lang = crate::ui::text::lang(ui.ctx());
    let list = plan.firewalls.list();
    let walls = boundaries(&plan.firewalls);
    let mut galleys = Vec::new();
    for fw in &list {
        let xs: Vec<f32> = walls
            .iter()
            .filter(|(id, _)| *id == fw.id)
            .map(|(_, x)| to_x(*x))
            .collect();
        let (Some(first), Some(last)) = (xs.first(), xs.last()) else {
            continue;
        };
        let galley = ui.painter().layout_no_wrap(
            fw.name.to_owned(),
            FontId::proportional(13.0),
            egui::Color32::WHITE,
        );
        let size = galley.size() + Vec2::new(14.0, 4.0);
        galleys.push((f32::midpoint(*first, *last), size, galley, fw));
    }
    // Zoomed far out, the boundaries are closer than the names are wide: push them apart
    // around the middle, then keep them inside the canvas.
    if let [(a, sa, _, _), (b, sb, _, _)] = galleys.as_mut_slice() {
        let overlap = (*a + sa.x / 2.0 + PILL_GAP) - (*b - sb.x / 2.0);
        if overlap > 0.0 {
            *a -= overlap / 2.0;
            *b += overlap / 2.0;
        }
    }
    let mut rects = Vec::new();
    for (centre, size, galley, fw) in galleys {
        let half = size.x / 2.0;
        let x = centre.clamp(
            outer.left() + half,
            (outer.right() - half).max(outer.left() + half),
        );
        let rect = Rect::from_center_size(Pos2::new(x, y), size);
        let selected = selection.firewall == Some(fw.id);
        let response = ui.interact(
            rect,
            ui.scope_id().with(("firewall_name", fw.id)),
            Sense::click(),
        );
        let stroke = if selected || response.hovered() {
            Stroke::new(2.0, theme::SELECTED)
        } else {
            Stroke::new(1.0, BRICK)
        };
        let painter = ui.painter();
        painter.rect(rect, 8.0, MORTAR, stroke, egui::StrokeKind::Inside);
        painter.galley(
            Align2::CENTER_CENTER
                .anchor_size(rect.center(), galley.size())
                .min,
            galley,
            egui::Color32::WHITE,
        );
        let label = crate::i18n::trf(lang, "canvas.firewall", &[("name", fw.name)]);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, label.clone())
        });
        let interfaces: Vec<&str> = fw.interfaces.iter().map(|(_, i)| *i).collect();
        let response = response.on_hover_text(crate::i18n::trf(
            lang,
            "canvas.firewall_hover",
            &[("name", fw.name), ("interfaces", &interfaces.join(", "))],
        ));
        if response.clicked() {
            *selection = Selection::only_firewall(fw.id);
        }
        rects.push(rect);
    }
    rects
}
