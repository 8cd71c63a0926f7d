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

/// A firewall's name as the window shows it: a name the plan left at its default in the
/// window's language, a name someone gave as given.
pub fn firewall_name<'a>(
    lang: Lang,
    fw: &crate::plan::FirewallView<'a>,
) -> std::borrow::Cow<'a, str> {
    fw.display_name(lang)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::plan::{FirewallId, Firewalls};

    /// Default firewall names follow the window's language; a name someone gave does not.
    #[test]
    fn default_firewall_names_are_translated_and_given_names_kept() {
        let fws = Firewalls::back_to_back();
        let external = fws.get(FirewallId::External).unwrap();
        assert_eq!(
            super::firewall_name(Lang::En, &external),
            "External firewall"
        );
        assert_eq!(super::firewall_name(Lang::ZhTw, &external), "外部防火牆");
        assert_eq!(super::firewall_name(Lang::KoKr, &external), "외부 방화벽");
        let three = Firewalls::three_legged();
        let fw = three.get(FirewallId::ThreeLegged).unwrap();
        assert_eq!(super::firewall_name(Lang::KoKr, &fw), "방화벽");
        let mut named = fws.clone();
        if let Firewalls::BackToBack { internal, .. } = &mut named {
            "FW-CORE-01".clone_into(&mut internal.name);
        }
        let internal = named.get(FirewallId::Internal).unwrap();
        assert_eq!(super::firewall_name(Lang::ZhTw, &internal), "FW-CORE-01");
    }
}
