//! The role palette: drag a role onto the canvas, or click it and then click the canvas.

use eframe::egui::{self, Align2, Color32, FontId, LayerId, Order, RichText, Sense, Vec2};

use crate::catalog::Catalog;
use crate::ui::canvas::{CanvasState, RolePayload};
use crate::ui::text::{lang, t, tf};
use crate::ui::theme;

/// A role's name laid out to fit `width`: at 14 points, smaller down to 11 points when a long
/// name ("Office Web Apps 伺服器陣列") needs it, and only then cut with an ellipsis.
fn fitted_name(
    ui: &egui::Ui,
    name: &str,
    width: f32,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    for size in [14.0, 13.0, 12.0, 11.0] {
        let galley =
            ui.painter()
                .layout_no_wrap(name.to_owned(), FontId::proportional(size), color);
        if galley.size().x <= width {
            return galley;
        }
    }
    let mut job = egui::text::LayoutJob::single_section(
        name.to_owned(),
        egui::TextFormat::simple(FontId::proportional(11.0), color),
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    ui.painter().layout_job(job)
}

/// An empty canvas says how to start: a note over its middle that takes no input.
pub fn empty_canvas_hint(ctx: &egui::Context, canvas: egui::Rect, plan: &crate::plan::Plan) {
    if !plan.nodes.is_empty() {
        return;
    }
    let text = crate::i18n::tr(crate::ui::text::lang(ctx), "canvas.empty_hint");
    egui::Area::new(egui::Id::unique("empty-canvas-hint"))
        .order(Order::Middle)
        .interactable(false)
        .pivot(Align2::CENTER_CENTER)
        .fixed_pos(canvas.center())
        .constrain_to(canvas)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width((canvas.width() - 80.0).clamp(200.0, 480.0));
                ui.label(RichText::new(text).size(15.0));
            });
        });
}

/// The palette's content.
pub fn palette_ui(ui: &mut egui::Ui, catalog: &Catalog, canvas: &mut CanvasState) {
    let lang = lang(ui.ctx());
    ui.heading(t(ui, "palette.title"));
    ui.label(RichText::new(t(ui, "palette.hint")).small().weak());
    ui.add_space(4.0);
    for role in catalog.roles() {
        let (color, tag) = theme::role_style(&role.id);
        let name = role.name.get(lang);
        let picked = canvas.placing.as_deref() == Some(role.id.as_str());
        let (rect, response) = ui.allocate_exact_size(
            Vec2::new(ui.available_width(), 24.0),
            Sense::click_and_drag(),
        );
        response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, picked, name));
        let visuals = ui.style().interact_selectable(&response, picked);
        if picked || response.hovered() {
            ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
        }
        let chip = egui::Rect::from_min_size(rect.min + Vec2::new(4.0, 3.0), Vec2::new(36.0, 18.0));
        ui.painter().rect_filled(chip, 3.0, color);
        ui.painter().text(
            chip.center(),
            Align2::CENTER_CENTER,
            tag,
            FontId::proportional(10.0),
            Color32::WHITE,
        );
        let text_left = chip.right() + 8.0;
        let galley = fitted_name(
            ui,
            name,
            rect.right() - text_left - 4.0,
            visuals.text_color(),
        );
        let response = if galley.elided {
            response.on_hover_text(name)
        } else {
            response
        };
        ui.painter().galley(
            egui::pos2(text_left, rect.center().y - galley.size().y / 2.0),
            galley,
            visuals.text_color(),
        );
        if response.clicked() {
            canvas.placing = if picked {
                None
            } else {
                Some(role.id.to_string())
            };
        }
        if response.drag_started() {
            egui::DragAndDrop::set_payload(ui.ctx(), RolePayload(role.id.to_string()));
        }
        if response.dragged()
            && let Some(p) = ui.ctx().pointer_interact_pos()
        {
            // A chip follows the pointer while dragging.
            let painter = ui
                .ctx()
                .layer_painter(LayerId::new(Order::Tooltip, response.id));
            let r = egui::Rect::from_min_size(p + Vec2::new(8.0, 8.0), Vec2::new(44.0, 22.0));
            painter.rect_filled(r, 4.0, color);
            painter.text(
                r.center(),
                Align2::CENTER_CENTER,
                tag,
                FontId::proportional(11.0),
                Color32::WHITE,
            );
        }
    }
    if let Some(role) = canvas.placing.as_ref().and_then(|r| catalog.role(r)) {
        ui.add_space(8.0);
        ui.label(
            RichText::new(tf(ui, "palette.placing", &[("role", role.name.get(lang))]))
                .color(theme::SELECTED),
        );
    }
}
