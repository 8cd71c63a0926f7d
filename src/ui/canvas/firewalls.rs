//! The plan's firewalls on the canvas: a wall on each zone boundary behind the links and cards
//! (the same boundaries and width as the SVG's walls), and each firewall's name in the zone
//! titles strip, where it can be read and clicked at any zoom. Clicking either selects it.

use eframe::egui::{self, Align2, FontId, Painter, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::CanvasState;
use crate::diagram::firewalls::{WALL_WIDTH, boundaries};
use crate::plan::Plan;
use crate::ui::{Selection, theme};

const BRICK: egui::Color32 = theme::WALL_BRICK;
const MORTAR: egui::Color32 = theme::WALL_MORTAR;
/// Narrowest a wall is drawn on screen, in points, however far the view is zoomed out.
const MIN_SCREEN_WIDTH: f32 = 5.0;
/// Room between two name pills pushed apart when zoomed far out.
const PILL_GAP: f32 = 6.0;

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
    for (leg, (id, x)) in boundaries(&plan.firewalls).into_iter().enumerate() {
        let rect = Rect::from_x_y_ranges(x - width / 2.0..=x + width / 2.0, top..=bottom);
        let selected = selection.firewall == Some(id);
        paint_wall(&painter, rect, selected, px);
        let response = ui.interact(rect, ui.scope_id().with(("wall", id, leg)), Sense::click());
        if response.clicked() {
            *selection = Selection::only_firewall(id);
        }
    }
}

/// A wall: mortar, a column of bricks as one dashed line, outlined in yellow when selected.
/// Bricks are drawn only in view (a tall plan's wall would be thousands of them), starting on
/// the wall's own brick boundaries so that they do not crawl as the view pans.
fn paint_wall(painter: &Painter, rect: Rect, selected: bool, px: f32) {
    painter.rect_filled(rect, 0.0, MORTAR);
    let x = rect.center().x;
    let (brick, joint) = (10.0 * px, 2.0 * px);
    let visible = painter.clip_rect();
    let skipped = ((visible.top() - rect.top()) / (brick + joint))
        .floor()
        .max(0.0);
    let from = rect.top() + skipped * (brick + joint);
    let to = rect.bottom().min(visible.bottom());
    if from < to {
        painter.add(Shape::dashed_line(
            &[Pos2::new(x, from), Pos2::new(x, to)],
            Stroke::new(rect.width() - 2.0 * px, BRICK),
            brick,
            joint,
        ));
    }
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
    let firewalls = plan.firewalls.list();
    let walls = boundaries(&plan.firewalls);
    let mut galleys = Vec::new();
    for fw in &firewalls {
        let xs: Vec<f32> = walls
            .iter()
            .filter(|(id, _)| *id == fw.id)
            .map(|(_, x)| to_x(*x))
            .collect();
        let (Some(first), Some(last)) = (xs.first(), xs.last()) else {
            continue;
        };
        let galley = ui.painter().layout_no_wrap(
            crate::ui::text::firewall_name(lang, fw).into_owned(),
            FontId::proportional(13.0),
            egui::Color32::WHITE,
        );
        let size = galley.size() + Vec2::new(14.0, 4.0);
        galleys.push((f32::midpoint(*first, *last), size, galley, fw));
    }
    let mut spans: Vec<(f32, f32)> = galleys.iter().map(|g| (g.0, g.1.x)).collect();
    place(&mut spans, (outer.left(), outer.right()));
    let mut rects = Vec::new();
    for ((_, size, galley, fw), (x, _)) in galleys.into_iter().zip(spans) {
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
        let name = crate::ui::text::firewall_name(lang, fw);
        let label = crate::i18n::trf(lang, "canvas.firewall", &[("name", &name)]);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, label.clone())
        });
        let interfaces: Vec<&str> = fw.interfaces.iter().map(|(_, i)| *i).collect();
        let response = response.on_hover_text(crate::i18n::trf(
            lang,
            "canvas.firewall_hover",
            &[("name", &name), ("interfaces", &interfaces.join(", "))],
        ));
        if response.clicked() {
            *selection = Selection::only_firewall(fw.id);
        }
        rects.push(rect);
    }
    rects
}

/// Move the names (centre, width), outside in, so that each lies within `left..right` and
/// clear of the next: zoomed far out the boundaries are closer than the names are wide, and a
/// boundary out of view keeps its name at the canvas's edge.
fn place(spans: &mut [(f32, f32)], (left, right): (f32, f32)) {
    let clamp = |c: f32, w: f32| c.clamp(left + w / 2.0, (right - w / 2.0).max(left + w / 2.0));
    for span in spans.iter_mut() {
        span.0 = clamp(span.0, span.1);
    }
    // Where two overlap, each gives way by half, then the row is pushed back inside.
    for i in 1..spans.len() {
        let overlap =
            (spans[i - 1].0 + spans[i - 1].1 / 2.0 + PILL_GAP) - (spans[i].0 - spans[i].1 / 2.0);
        if overlap > 0.0 {
            spans[i - 1].0 -= overlap / 2.0;
            spans[i].0 += overlap / 2.0;
        }
    }
    if let Some(first) = spans.first() {
        let under = left - (first.0 - first.1 / 2.0);
        if under > 0.0 {
            for s in spans.iter_mut() {
                s.0 += under;
            }
        }
    }
    if let Some(last) = spans.last() {
        let over = (last.0 + last.1 / 2.0) - right;
        if over > 0.0 {
            for s in spans.iter_mut() {
                s.0 -= over;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PILL_GAP, place};

    #[test]
    fn names_are_kept_inside_the_canvas_and_apart() {
        let apart =
            |s: &[(f32, f32)]| s[0].0 + s[0].1 / 2.0 + PILL_GAP <= s[1].0 - s[1].1 / 2.0 + 1e-3;
        // Both boundaries far to the left of the view, both on one point, both far right.
        for centres in [(-500.0, -300.0), (400.0, 400.0), (3000.0, 3400.0)] {
            let mut spans = [(centres.0, 120.0), (centres.1, 110.0)];
            place(&mut spans, (0.0, 800.0));
            assert!(apart(&spans), "{centres:?}: {spans:?}");
            for (c, w) in spans {
                assert!(
                    c - w / 2.0 >= -1e-3 && c + w / 2.0 <= 800.0 + 1e-3,
                    "{spans:?}"
                );
            }
        }
        // Far enough apart already: where the boundaries are.
        let mut spans = [(200.0, 120.0), (500.0, 110.0)];
        place(&mut spans, (0.0, 800.0));
        assert_eq!(spans, [(200.0, 120.0), (500.0, 110.0)]);
    }
}
