//! The UI's language: kept in egui's context for the frame, so every `*_ui` function can
//! translate without threading a parameter through.

use eframe::egui;

use crate::i18n::{self, Lang};

fn id() -> egui::Id {
    egui::Id::unique("lync-port-planner-lang")
}

/// Set the language for this and later frames.
pub fn set_lang(ctx: &egui::Context, lang: Lang) {
    ctx.data_mut(|d| d.insert_temp(id(), lang));
}

/// The current language.
pub fn lang(ctx: &egui::Context) -> Lang {
    ctx.data(|d| d.get_temp(id())).unwrap_or_default()
}

/// The UI string for `key`.
pub fn t(ui: &egui::Ui, key: &'static str) -> &'static str {
    i18n::tr(lang(ui.ctx()), key)
}

/// The UI string for `key` with placeholders filled in.
pub fn tf(ui: &egui::Ui, key: &'static str, args: &[(&str, &str)]) -> String {
    i18n::trf(lang(ui.ctx()), key, args)
}

/// An end's addresses in the table: the export's text, with "any" and the missing-address mark
/// in the window's language.
pub fn addresses(end: &crate::rules::RuleEnd, lang: crate::i18n::Lang) -> String {
    let mut parts: Vec<String> = match &end.addresses {
        crate::rules::Addresses::Any => vec![crate::i18n::tr(lang, "addr.any").to_owned()],
        crate::rules::Addresses::List(list) => list.iter().map(ToString::to_string).collect(),
    };
    if end.is_unresolved() {
        parts.push(crate::i18n::tr(lang, "addr.unresolved").to_owned());
    }
    parts.join(", ")
}
