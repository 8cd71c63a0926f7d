//! The status bar: file, unsaved marker, counts, last message.

use eframe::egui::{self, RichText};

use crate::findings::Severity;
use crate::ui::derived::Derived;
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
    dirty: bool,
    derived: &Derived,
    status: &Status,
) {
    ui.horizontal(|ui| {
        ui.label(if dirty {
            format!("{file} (unsaved)")
        } else {
            file.to_owned()
        });
        ui.separator();
        ui.label(format!("{} rules", derived.rules.rules.len()));
        ui.separator();
        let (e, w, i) = (
            derived.count(Severity::Error),
            derived.count(Severity::Warning),
            derived.count(Severity::Info),
        );
        ui.label(RichText::new(format!("{e} errors")).color(if e > 0 {
            theme::PROBLEM
        } else {
            ui.visuals().text_color()
        }));
        ui.label(format!("{w} warnings, {i} info"));
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
