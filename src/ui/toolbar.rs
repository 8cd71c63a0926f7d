//! The toolbar at the right end of the menu bar: show or hide each panel, zoom out, the zoom
//! percentage (type 150 and Enter for 150%), zoom in, fit.

use eframe::egui::{self, Key, Layout};

use crate::ui::canvas::view;
use crate::ui::command::{Command, Commands};
use crate::ui::panels::{PanelId, PanelPrefs};
use crate::ui::text::{t, tf};

/// The toolbar's content, laid out right to left from the window's right edge.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    panels: &PanelPrefs,
    zoom: f32,
    zoom_text: &mut Option<String>,
    commands: &mut Commands,
) {
    ui.with_layout(Layout::right_to_left(egui::Align::Center), |ui| {
        for panel in PanelId::ALL.iter().rev() {
            let command = Command::TogglePanel(*panel);
            let shortcut = command
                .shortcut()
                .map(|sc| ui.ctx().format_shortcut(&sc))
                .unwrap_or_default();
            if ui
                .selectable_label(panels.is_open(*panel), t(ui, panel.text_key()))
                .on_hover_text(tf(ui, "view.toggle_hint", &[("shortcut", &shortcut)]))
                .clicked()
            {
                commands.push(command);
            }
        }
        ui.separator();
        let fit = Command::FitView;
        if ui
            .button(t(ui, "view.fit"))
            .on_hover_text(shortcut_hint(ui, &fit))
            .clicked()
        {
            commands.push(fit);
        }
        zoom_button(ui, "+", Command::ZoomIn, commands);
        zoom_field_ui(ui, zoom, zoom_text, commands);
        zoom_button(ui, "-", Command::ZoomOut, commands);
    });
}

fn shortcut_hint(ui: &egui::Ui, command: &Command) -> String {
    let text = t(ui, command.text_key());
    match command.shortcut() {
        Some(sc) => format!("{text} ({})", ui.ctx().format_shortcut(&sc)),
        None => text.to_owned(),
    }
}

fn zoom_button(ui: &mut egui::Ui, text: &str, command: Command, commands: &mut Commands) {
    let hint = shortcut_hint(ui, &command);
    let button = ui.button(text).on_hover_text(&hint);
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &hint));
    if button.clicked() {
        commands.push(command);
    }
}

/// The zoom in percent; focused, its text is selected so typing replaces it, and Enter (or
/// leaving the field) applies what was typed; Escape drops it.
fn zoom_field_ui(
    ui: &mut egui::Ui,
    zoom: f32,
    zoom_text: &mut Option<String>,
    commands: &mut Commands,
) {
    let mut text = zoom_text
        .clone()
        .unwrap_or_else(|| view::percent_text(zoom));
    let output = egui::TextEdit::singleline(&mut text)
        .desired_width(48.0)
        .min_size(egui::vec2(48.0, 0.0))
        .align(egui::Align2::CENTER_CENTER)
        .show(ui);
    let field = output.response.response;
    if field.gained_focus() {
        let mut state = output.state;
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(&text)));
        state.store(ui.ctx(), field.id);
    }
    let label = ui.label(t(ui, "view.zoom"));
    let field = field
        .labelled_by(label.id)
        .on_hover_text(t(ui, "view.zoom_hint"));
    // `lost_focus` holds for two frames; only the first, while the edit is held, applies it.
    if field.lost_focus() && zoom_text.is_some() {
        let escaped = ui.input(|i| i.key_pressed(Key::Escape));
        if !escaped && let Some(z) = view::parse_percent(&text) {
            commands.push(Command::SetZoom(z));
        }
        *zoom_text = None;
    } else if field.has_focus() {
        *zoom_text = Some(text);
    }
}
