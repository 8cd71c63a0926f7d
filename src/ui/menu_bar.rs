//! The menu bar: File, Edit, View, Export, Help. Every item is a [`Command`] with its shortcut shown.

use std::path::PathBuf;

use eframe::egui;

use crate::i18n::Lang;
use crate::ui::command::{Command, Commands};
use crate::ui::export_menu::{self, ExportScope};
use crate::ui::text::t;

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
    /// The selected firewall's name: the selection scope then exports its rule set.
    pub selected_firewall: Option<&'a str>,
    /// Template names, in menu order.
    pub templates: &'a [String],
    /// The UI language.
    pub lang: Lang,
    /// Trainer scenario titles, in menu order.
    pub scenarios: &'a [String],
    /// Which panels are open.
    pub panels: &'a crate::ui::panels::PanelPrefs,
    /// Port-test results are loaded (they can be cleared).
    pub port_tests: bool,
}

fn item(ui: &mut egui::Ui, command: Command, enabled: bool, commands: &mut Commands) {
    let mut button = egui::Button::new(t(ui, command.text_key()));
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
        ui.menu_button(t(ui, "menu.file"), |ui| file_menu_ui(ui, state, commands));
        ui.menu_button(t(ui, "menu.edit"), |ui| {
            item(ui, Command::Undo, state.can_undo, commands);
            item(ui, Command::Redo, state.can_redo, commands);
            ui.separator();
            for c in [
                Command::Delete,
                Command::SelectAll,
                Command::Copy,
                Command::Paste,
                Command::Duplicate,
                Command::LinkSelected,
            ] {
                item(ui, c, true, commands);
            }
        });
        ui.menu_button(t(ui, "menu.view"), |ui| {
            item(ui, Command::FitView, true, commands);
            item(ui, Command::ZoomReset, true, commands);
            item(ui, Command::ZoomIn, true, commands);
            item(ui, Command::ZoomOut, true, commands);
            ui.separator();
            for panel in crate::ui::panels::PanelId::ALL {
                let command = Command::TogglePanel(panel);
                let mut button =
                    egui::Button::selectable(state.panels.is_open(panel), t(ui, panel.text_key()));
                if let Some(sc) = command.shortcut() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
                }
                if ui.add(button).clicked() {
                    commands.push(command);
                }
            }
            ui.separator();
            item(ui, Command::OpenReports, true, commands);
            ui.separator();
            let mut snap = state.snap;
            if ui
                .checkbox(&mut snap, t(ui, Command::ToggleSnap.text_key()))
                .clicked()
            {
                commands.push(Command::ToggleSnap);
            }
            ui.menu_button(t(ui, "menu.language"), |ui| {
                for lang in Lang::ALL {
                    if ui.radio(state.lang == lang, lang.native_name()).clicked() {
                        commands.push(Command::SetLanguage(lang));
                    }
                }
            });
        });
        export_menu::export_menu_ui(
            ui,
            scope,
            (state.has_selection, state.selected_firewall),
            commands,
        );
        ui.menu_button(t(ui, "trainer.menu"), |ui| {
            for (i, title) in state.scenarios.iter().enumerate() {
                if ui.button(title).clicked() {
                    commands.push(Command::StartScenario(i));
                }
            }
        });
        ui.menu_button(t(ui, "menu.help"), crate::ui::help::help_menu_ui);
    });
}

fn file_menu_ui(ui: &mut egui::Ui, state: &MenuState<'_>, commands: &mut Commands) {
    item(ui, Command::NewPlan, true, commands);
    ui.menu_button(t(ui, "cmd.new_from_template"), |ui| {
        for (i, name) in state.templates.iter().enumerate() {
            if ui.button(name).clicked() {
                commands.push(Command::NewFromTemplate(i));
            }
        }
    });
    item(ui, Command::Open, true, commands);
    ui.menu_button(t(ui, "cmd.open_recent"), |ui| {
        if state.recent.is_empty() {
            ui.label(t(ui, "cmd.no_recent"));
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
    item(ui, Command::PortTests, true, commands);
    item(ui, Command::ClearPortTests, state.port_tests, commands);
    item(ui, Command::Compare, true, commands);
    ui.separator();
    item(ui, Command::Quit, true, commands);
}
