//! The role palette: drag a role onto the canvas, or click it and then click the canvas.

use eframe::egui::{self, Id, RichText};

use crate::catalog::Catalog;
use crate::ui::canvas::{CanvasState, RolePayload};
use crate::ui::theme;

/// The palette's content.
pub fn palette_ui(ui: &mut egui::Ui, catalog: &Catalog, canvas: &mut CanvasState) {
    ui.heading("Roles");
    ui.label(RichText::new("Drag onto the canvas, or click and then click the canvas.").small().weak());
    ui.add_space(4.0);
    for role in catalog.roles() {
        let (color, tag) = theme::role_style(&role.id);
        let picked = canvas.placing.as_deref() == Some(role.id.as_str());
        let inner = ui.dnd_drag_source(Id::unique(("palette", &role.id)), RolePayload(role.id.clone()), |ui| {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(34.0, 18.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 3.0, color);
                ui.painter().text(rect.center(), egui::Align2::CENTER_CENTER, tag, egui::FontId::proportional(10.0), egui::Color32::WHITE);
                ui.add(egui::Button::selectable(picked, &role.name.en))
            })
            .inner
        });
        if inner.inner.clicked() {
            canvas.placing = if picked { None } else { Some(role.id.clone()) };
        }
    }
    if let Some(role) = canvas.placing.as_ref().and_then(|r| catalog.role(r)) {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Click on the canvas to place a {}. Escape cancels.", role.name.en)).color(theme::SELECTED));
    }
}
