//! The status bar: file, unsaved marker, counts, last message.

use eframe::egui::{self, RichText};

use crate::findings::Severity;
use crate::ui::derived::Derived;
use crate::ui::text::tf;
use crate::ui::theme;

/// A message for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// True for errors (shown in red until the next message).
    pub is_error: bool,
}

impl Status {
    /// An informational message.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
        }
    }

    /// An error message.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
        }
    }
}

/// The bar's content.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    file: &str,
    product: &str,
    derived: &Derived,
    (dirty, updating): (bool, bool),
    status: &Status,
) {
    ui.horizontal(|ui| {
        ui.label(if dirty {
            tf(ui, "status.unsaved", &[("file", file)])
        } else {
            file.to_owned()
        });
        ui.separator();
        ui.label(product);
        ui.separator();
        // A large plan's rules can take a frame or two after an edit (see `ui::deriver`).
        let key = if updating {
            "status.rules_updating"
        } else {
            "status.rules"
        };
        ui.label(tf(
            ui,
            key,
            &[("n", &derived.derivation.rules.rules.len().to_string())],
        ));
        ui.separator();
        let (e, w, i) = (
            derived.count(Severity::Error),
            derived.count(Severity::Warning),
            derived.count(Severity::Info),
        );
        let errors = RichText::new(tf(ui, "status.errors", &[("n", &e.to_string())]));
        ui.label(if e > 0 {
            errors.color(theme::PROBLEM)
        } else {
            errors
        });
        ui.label(tf(
            ui,
            "status.warnings_info",
            &[("w", &w.to_string()), ("i", &i.to_string())],
        ));
        if !status.text.is_empty() {
            ui.separator();
            let text = RichText::new(&status.text);
            ui.label(if status.is_error {
                text.color(theme::PROBLEM)
            } else {
                text
            });
        }
    });
}
