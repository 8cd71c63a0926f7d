//! The comparison with another plan: the rules to add and to remove, in a window with their
//! Markdown and a button that copies it.

use eframe::egui;

use crate::catalog::Catalog;
use crate::diff::RuleDiff;
use crate::i18n::Lang;
use crate::plan::Plan;
use crate::rules::RuleSet;
use crate::ui::text::{t, tf};

/// The comparison window's state.
#[derive(Clone, Debug, Default)]
pub struct CompareWindow {
    /// The other plan's file name, the changes, and their Markdown; `None` when closed.
    pub comparison: Option<(String, RuleDiff, String)>,
}

impl CompareWindow {
    /// Open the window on the changes from `old` (read from `file`) to `new` and its rules.
    pub fn open(
        &mut self,
        file: String,
        (old, catalog): (&Plan, &Catalog),
        (new, new_rules): (&Plan, &RuleSet),
        lang: Lang,
    ) {
        let changes = crate::diff::diff(&crate::rules::derive(old, catalog), new_rules);
        let md = crate::diff::markdown(&changes, &old.name, &new.name, lang);
        self.comparison = Some((file, changes, md));
    }

    /// The window, while open.
    pub fn ui(&mut self, ui: &egui::Ui) {
        let Some((file, changes, md)) = &self.comparison else {
            return;
        };
        let mut open = true;
        let mut copy = false;
        egui::Window::new(tf(ui, "diff.window", &[("file", file)]))
            .open(&mut open)
            .default_size([760.0, 480.0])
            .show(ui.ctx(), |ui| {
                let (to_add, to_remove, to_change) = (
                    changes.added.len().to_string(),
                    changes.removed.len().to_string(),
                    changes.changed.len().to_string(),
                );
                ui.label(tf(
                    ui,
                    "diff.summary",
                    &[
                        ("added", &to_add),
                        ("removed", &to_remove),
                        ("changed", &to_change),
                    ],
                ));
                if ui.button(t(ui, "diff.copy")).clicked() {
                    copy = true;
                }
                egui::ScrollArea::both().show(ui, |ui| ui.monospace(md.as_str()));
            });
        if copy {
            ui.ctx().copy_text(md.clone());
        }
        if !open {
            self.comparison = None;
        }
    }
}
