//! The role palette: drag a role onto the canvas, or click it and then click the canvas.

use eframe::egui::{self, Align2, Color32, FontId, LayerId, Order, RichText, Sense, Vec2};

use crate::catalog::Catalog;
use crate::ui::canvas::{CanvasState, RolePayload};
use crate::ui::text::{lang, t, tf};
use crate::ui::theme;

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
        ui.painter().text(
            egui::pos2(chip.right() + 8.0, rect.center().y),
            Align2::LEFT_CENTER,
            name,
            FontId::proportional(14.0),
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
