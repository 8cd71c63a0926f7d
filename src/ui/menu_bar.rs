//! The menu bar: File, Edit, View, Help. Every item is a [`Command`] with its shortcut shown.

use std::path::PathBuf;

use eframe::egui;

use crate::ui::command::{Command, Commands};
use crate::ui::export_menu::{self, ExportScope};

/// What the menus need to know.
#[expect(
    clippy::struct_excessive_bools,
    reason = "a read-only view of which items are enabled"
)]
pub struct MenuState<'a> {
    /// Recent files, newest first.
    pub recent: &'a [PathBuf],
    /// Undo possible.
    pub can_undo: bool,
    /// Redo possible.
    pub can_redo: bool,
    /// Snap to grid on.
    pub snap: bool,
    /// Something is selected (for the export scope).
    pub has_selection: bool,
}

fn item(ui: &mut egui::Ui, command: Command, enabled: bool, commands: &mut Commands) {
    let mut button = egui::Button::new(command.text());
    if let Some(sc) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(command);
    }
}

/// The menu bar's content.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    state: &MenuState<'_>,
    scope: &mut ExportScope,
    commands: &mut Commands,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, Command::NewPlan, true, commands);
            item(ui, Command::Open, true, commands);
            ui.menu_button("Open recent", |ui| {
                if state.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in state.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenPath(path.clone()));
                    }
                }
            });
            ui.separator();
            item(ui, Command::Save, true, commands);
            item(ui, Command::SaveAs, true, commands);
            ui.separator();
            item(ui, Command::Audit, true, commands);
            ui.separator();
            item(ui, Command::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, Command::Undo, state.can_undo, commands);
            item(ui, Command::Redo, state.can_redo, commands);
            ui.separator();
            for c in [Command::Delete, Command::SelectAll, Command::Copy, Command::Paste, Command::Duplicate, Command::LinkSelected] {
                item(ui, c, true, commands);
            }
        });
        ui.menu_button("View", |ui| {
            item(ui, Command::FitView, true, commands);
            item(ui, Command::ZoomReset, true, commands);
            let mut snap = state.snap;
            if ui.checkbox(&mut snap, Command::ToggleSnap.text()).clicked() {
                commands.push(Command::ToggleSnap);
            }
        });
        export_menu::export_menu_ui(ui, scope, state.has_selection, commands);
        ui.menu_button("Help", |ui| {
            ui.label("Pan: middle or right drag, or Space + drag. Zoom: Ctrl + wheel.");
            ui.label("Link: drag from a card's round handle to another card, or select two cards and press Ctrl+L.");
            ui.label("Rubber band: drag on empty canvas. Add to a selection: Ctrl or Shift + click.");
            ui.label(format!("Lync Port Planner {}", env!("CARGO_PKG_VERSION")));
        });
    });
}
