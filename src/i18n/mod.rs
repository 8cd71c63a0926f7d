//! Languages: English, Traditional Chinese (Taiwan) and Korean. UI strings live in
//! `assets/i18n/*.ron` (key -> text); catalog texts carry their own translations.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::catalog::Text;

/// A language of the UI and the exports.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Traditional Chinese (Taiwan).
    ZhTw,
    /// Korean.
    KoKr,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Self; 3] = [Self::En, Self::ZhTw, Self::KoKr];

    /// BCP 47 tag (`zh-TW`).
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhTw => "zh-TW",
            Self::KoKr => "ko-KR",
        }
    }

    /// The language's own name.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::ZhTw => "繁體中文",
            Self::KoKr => "한국어",
        }
    }

    /// From a tag or a locale (`zh-TW`, `zh_TW.UTF-8`, `ko`, `en_US`); `None` when not one of ours.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let t = tag
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .replace('_', "-")
            .to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") {
            Some(Self::En)
        } else if t == "ko" || t.starts_with("ko-") {
            Some(Self::KoKr)
        } else if matches!(t.as_str(), "zh-tw" | "zh-hant" | "zh-hk" | "zh-mo")
            || t.starts_with("zh-hant")
        {
            Some(Self::ZhTw)
        } else {
            None
        }
    }

    /// From the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), English when unknown.
    pub fn from_env() -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Self::from_tag(&v))
            .unwrap_or_default()
    }

    fn file(self) -> &'static str {
        match self {
            Self::En => include_str!("../../assets/i18n/en.ron"),
            Self::ZhTw => include_str!("../../assets/i18n/zh-TW.ron"),
            Self::KoKr => include_str!("../../assets/i18n/ko-KR.ron"),
        }
    }
}

/// The string table of a language (parsed once; a broken table is caught by the tests).
pub fn table(lang: Lang) -> &'static BTreeMap<String, String> {
    static TABLES: [OnceLock<BTreeMap<String, String>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    TABLES[i].get_or_init(|| ron::from_str(lang.file()).unwrap_or_default())
}

/// The text for `key` in `lang`, falling back to English, then to the key itself.
pub fn tr(lang: Lang, key: &str) -> &str {
    table(lang)
        .get(key)
        .or_else(|| table(Lang::En).get(key))
        .map_or(key, String::as_str)
}

/// `tr` with `{name}` placeholders filled in.
/// One pass over the template: a value is never searched for placeholders itself (a label
/// reading `{node}` stays as typed), and a long text is not copied once per argument.
pub fn trf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let template = tr(lang, key);
    let mut text =
        String::with_capacity(template.len() + args.iter().map(|a| a.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        text.push_str(before);
        let value = from.find('}').and_then(|close| {
            let name = &from[1..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close + 1))
        });
        if let Some((value, used)) = value {
            text.push_str(value);
            rest = &from[used..];
        } else {
            // Not a placeholder of these arguments: kept as written.
            text.push('{');
            rest = &from[1..];
        }
    }
    text.push_str(rest);
    text
}

/// The title of a firewall in `lang`.
pub fn firewall_title(lang: Lang, firewall: crate::topology::Firewall) -> &'static str {
    tr(
        lang,
        match firewall {
            crate::topology::Firewall::External => "firewall.external",
            crate::topology::Firewall::Internal => "firewall.internal",
            crate::topology::Firewall::Host => "firewall.host",
        },
    )
}

/// A firewall's short name in `lang` (table cells, filters): "external", "外部".
pub fn firewall_short(lang: Lang, firewall: crate::topology::Firewall) -> &'static str {
    tr(
        lang,
        match firewall {
            crate::topology::Firewall::External => "firewall.short_external",
            crate::topology::Firewall::Internal => "firewall.short_internal",
            crate::topology::Firewall::Host => "firewall.short_host",
        },
    )
}

/// A zone's name in `lang`.
pub fn zone_name(lang: Lang, zone: crate::topology::Zone) -> &'static str {
    use crate::topology::Zone;
    tr(
        lang,
        match zone {
            Zone::Internet => "zone.internet",
            Zone::Perimeter => "zone.perimeter",
            Zone::Internal => "zone.internal",
        },
    )
}

/// A load-balancing mode's name in `lang` (the inspector's choices; files keep the ids).
pub fn lb_name(lang: Lang, mode: crate::topology::LbMode) -> &'static str {
    use crate::topology::LbMode;
    tr(
        lang,
        match mode {
            LbMode::Single => "lb.single",
            LbMode::Dns => "lb.dns",
            LbMode::DnsAndHlb => "lb.dns_and_hlb",
            LbMode::HlbOnly => "lb.hlb_only",
        },
    )
}

/// An Edge external addressing's name in `lang`.
pub fn addressing_name(lang: Lang, addressing: crate::topology::Addressing) -> &'static str {
    use crate::topology::Addressing;
    tr(
        lang,
        match addressing {
            Addressing::Public => "addressing.public",
            Addressing::Nat => "addressing.nat",
        },
    )
}

impl Text {
    /// The text in `lang`, English when that translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        let t = match lang {
            Lang::En => &self.en,
            Lang::ZhTw => &self.zh_tw,
            Lang::KoKr => &self.ko_kr,
        };
        if t.is_empty() { &self.en } else { t }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_tag("zh_TW.UTF-8"), Some(Lang::ZhTw));
        assert_eq!(Lang::from_tag("ko_KR.UTF-8"), Some(Lang::KoKr));
        assert_eq!(Lang::from_tag("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(
            Lang::from_tag("zh-CN"),
            None,
            "Simplified Chinese is not one of ours"
        );
    }

    /// Placeholders are filled in once: a value reading like a placeholder stays as it is,
    /// unknown and unclosed braces stay as written, and every use of a name is filled.
    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let fill = |template: &str, args: &[(&str, &str)]| {
            let mut text = String::new();
            let mut rest = template;
            // The oracle: the template cut at each known `{name}`, by hand.
            'outer: while !rest.is_empty() {
                for (name, value) in args {
                    let tag = format!("{{{name}}}");
                    if let Some(tail) = rest.strip_prefix(tag.as_str()) {
                        text.push_str(value);
                        rest = tail;
                        continue 'outer;
                    }
                }
                let c = rest.chars().next().unwrap();
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
            text
        };
        let key = "find.unresolved";
        let template = tr(Lang::En, key);
        assert!(
            template.contains("{what}") && template.contains("{count}"),
            "{template}"
        );
        for args in [
            [("what", "{count}"), ("count", "3")],
            [("what", "a {b} {c"), ("count", "}{")],
            [("what", "é{what}"), ("count", "")],
        ] {
            for lang in Lang::ALL {
                let t = tr(lang, key);
                assert_eq!(trf(lang, key, &args), fill(t, &args), "{lang:?} {args:?}");
            }
        }
        assert_eq!(trf(Lang::En, "no.such.key", &[("x", "1")]), "no.such.key");
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let en: Vec<&String> = table(Lang::En).keys().collect();
        assert!(en.len() > 50, "the English table parsed");
        for lang in [Lang::ZhTw, Lang::KoKr] {
            let keys: Vec<&String> = table(lang).keys().collect();
            assert_eq!(keys, en, "{} has exactly the English keys", lang.tag());
            for (k, v) in table(lang) {
                assert!(!v.trim().is_empty(), "{} {k} is empty", lang.tag());
                let placeholders = |s: &str| s.matches('{').count();
                assert_eq!(
                    placeholders(v),
                    placeholders(&table(Lang::En)[k]),
                    "{} {k}: placeholders",
                    lang.tag()
                );
            }
        }
    }
}
