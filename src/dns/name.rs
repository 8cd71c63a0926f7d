//! A DNS name checked against RFC 1035's host name rules (letters, digits and hyphens, labels
//! of 1-63 characters that neither start nor end with a hyphen, at most 253 characters) and
//! Microsoft's: standard characters only (no underscores, no internationalized names) and no
//! single-label domains. Nothing else reaches a zone file or a script.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// Longest name, without the final dot (RFC 1035: 255 octets on the wire).
pub const MAX_NAME: usize = 253;
/// Longest label (RFC 1035).
pub const MAX_LABEL: usize = 63;

/// A valid, lower-case DNS name of at least two labels, without the final dot. Shared text:
/// a name is copied into every record, certificate and finding that carries it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DnsName(Arc<str>);

/// Why a text is not a DNS name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
pub enum NameError {
    /// Nothing given.
    #[error("it is empty")]
    Empty,
    /// Over 253 characters.
    #[error("it is {0} characters long (at most 253)")]
    TooLong(usize),
    /// Two dots in a row, or a dot at the start.
    #[error("it has an empty label")]
    EmptyLabel,
    /// A label over 63 characters.
    #[error("a label is {0} characters long (at most 63)")]
    LabelTooLong(usize),
    /// A character other than a letter, a digit, `-` or `.`.
    #[error("it has the character {0:?} (only letters, digits and hyphens)")]
    BadChar(char),
    /// A label starts or ends with a hyphen.
    #[error("a label starts or ends with a hyphen")]
    Hyphen,
    /// One label only (Lync Server does not support single-label domains).
    #[error("it is a single label (a name needs a domain)")]
    SingleLabel,
    /// The last label is all digits: an address, not a name.
    #[error("its last label is a number")]
    NumericTop,
}

impl DnsName {
    /// Check `text` (one final dot allowed; letters compared lower-case).
    pub fn parse(text: &str) -> Result<Self, NameError> {
        let text = text.strip_suffix('.').unwrap_or(text);
        if text.is_empty() {
            return Err(NameError::Empty);
        }
        if let Some(c) = text.chars().find(|c| !is_name_char(*c)) {
            return Err(NameError::BadChar(c));
        }
        if text.len() > MAX_NAME {
            return Err(NameError::TooLong(text.len()));
        }
        let mut labels = 0;
        let mut last = "";
        for label in text.split('.') {
            check_label(label)?;
            labels += 1;
            last = label;
        }
        if labels < 2 {
            return Err(NameError::SingleLabel);
        }
        if last.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NameError::NumericTop);
        }
        Ok(Self(text.to_ascii_lowercase().into()))
    }

    /// The text, lower-case, without the final dot.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name with the first label dropped, when that leaves two labels or more.
    pub fn parent(&self) -> Option<Self> {
        let (_, rest) = self.0.split_once('.')?;
        rest.contains('.').then(|| Self(rest.into()))
    }

    /// The first label.
    pub fn host(&self) -> &str {
        self.0.split('.').next().unwrap_or_default()
    }

    /// `label.self`, when that is a valid name: the same checks as [`Self::parse`] of the
    /// joined text, made on the label alone (this name is checked already). Default names are
    /// made this way for every node, thousands in a large plan.
    pub fn child(&self, label: &str) -> Result<Self, NameError> {
        if label.contains('.') {
            return Self::parse(&format!("{label}.{}", self.0));
        }
        if let Some(c) = label.chars().find(|c| !is_name_char(*c)) {
            return Err(NameError::BadChar(c));
        }
        let len = label.len() + 1 + self.0.len();
        if len > MAX_NAME {
            return Err(NameError::TooLong(len));
        }
        check_label(label)?;
        let mut name = String::with_capacity(len);
        name.push_str(label);
        name.make_ascii_lowercase();
        name.push('.');
        name.push_str(&self.0);
        Ok(Self(name.into()))
    }

    /// A service name below this one, such as `_sip._tls` (RFC 2782): the one place an
    /// underscore may appear, and only in the fixed prefixes the records module gives.
    pub(crate) fn service(&self, prefix: &'static str) -> Self {
        Self(format!("{prefix}.{}", self.0).into())
    }

    /// True when this name is `zone` or below it.
    pub fn is_within(&self, zone: &Self) -> bool {
        self.0 == zone.0
            || self
                .0
                .strip_suffix(zone.as_str())
                .is_some_and(|head| head.ends_with('.'))
    }

    /// The name relative to `zone` as a zone file writes it (`@` for the zone itself), when it
    /// is within it.
    pub fn relative_to(&self, zone: &Self) -> Option<String> {
        if self.0 == zone.0 {
            return Some("@".to_owned());
        }
        let head = self.0.strip_suffix(zone.as_str())?.strip_suffix('.')?;
        Some(head.to_owned())
    }

    /// This name, then each name it is below (`sip.site.example.com`, `site.example.com`,
    /// `example.com`, `com`), longest first.
    pub fn self_and_above(&self) -> impl Iterator<Item = &str> {
        let text: &str = &self.0;
        std::iter::once(text).chain(text.match_indices('.').map(move |(i, _)| &text[i + 1..]))
    }

    /// The labels from the top (`net`, `northwind`, ...).
    fn labels_from_top(&self) -> impl Iterator<Item = &str> {
        self.0.rsplit('.')
    }

    /// The longest name both are within, when it has two labels or more.
    pub fn common_domain(&self, other: &Self) -> Option<Self> {
        let shared: Vec<&str> = self
            .labels_from_top()
            .zip(other.labels_from_top())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect();
        (shared.len() >= 2).then(|| {
            let mut labels = shared;
            labels.reverse();
            Self(labels.join(".").into())
        })
    }
}

/// Sets of names are searched by text (see [`DnsName::self_and_above`]).
impl Borrow<str> for DnsName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A letter, a digit, `-` or `.`.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.'
}

fn check_label(label: &str) -> Result<(), NameError> {
    if label.is_empty() {
        return Err(NameError::EmptyLabel);
    }
    if label.len() > MAX_LABEL {
        return Err(NameError::LabelTooLong(label.len()));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(NameError::Hyphen);
    }
    Ok(())
}

impl fmt::Display for DnsName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::{DnsName, NameError};

    fn name(text: &str) -> DnsName {
        DnsName::parse(text).unwrap()
    }

    /// RFC 1035's rules and Microsoft's: each broken rule is named.
    #[test]
    fn names_follow_the_host_name_rules() {
        assert_eq!(name("Sip.Northwind.NET.").as_str(), "sip.northwind.net");
        let long_label = "a".repeat(64);
        let long_name = format!("{}.net", vec!["a".repeat(63); 4].join("."));
        for (text, err) in [
            ("", NameError::Empty),
            (".", NameError::Empty),
            ("a..net", NameError::EmptyLabel),
            (".a.net", NameError::EmptyLabel),
            (
                &format!("{long_label}.net") as &str,
                NameError::LabelTooLong(64),
            ),
            (&long_name, NameError::TooLong(259)),
            ("sip_1.northwind.net", NameError::BadChar('_')),
            ("sip.northwind.net\n", NameError::BadChar('\n')),
            ("bücher.example", NameError::BadChar('ü')),
            ("a'b.net", NameError::BadChar('\'')),
            ("a b.net", NameError::BadChar(' ')),
            ("-sip.net", NameError::Hyphen),
            ("sip-.net", NameError::Hyphen),
            ("localhost", NameError::SingleLabel),
            ("10.0.0.1", NameError::NumericTop),
        ] {
            assert_eq!(DnsName::parse(text), Err(err), "{text:?}");
        }
        assert!(DnsName::parse(&format!("{}.net", "a".repeat(63))).is_ok());
    }

    #[test]
    fn relations_between_names() {
        let zone = name("northwind.net");
        assert!(name("sip.northwind.net").is_within(&zone));
        assert!(zone.is_within(&zone));
        assert!(!name("sipnorthwind.net").is_within(&zone));
        assert_eq!(
            name("a.b.northwind.net").relative_to(&zone).as_deref(),
            Some("a.b")
        );
        assert_eq!(zone.relative_to(&zone).as_deref(), Some("@"));
        assert_eq!(name("x.other.net").relative_to(&zone), None);
        assert_eq!(
            name("pool01.corp.northwind.net").parent(),
            Some(name("corp.northwind.net"))
        );
        assert_eq!(zone.parent(), None);
        assert_eq!(
            name("pool01.corp.northwind.net").common_domain(&name("edge.dmz.northwind.net")),
            Some(zone.clone())
        );
        assert_eq!(name("a.net").common_domain(&name("b.net")), None);
        assert_eq!(
            zone.service("_sip._tls").as_str(),
            "_sip._tls.northwind.net"
        );
    }

    /// `child` gives what parsing the joined text gives, error for error.
    #[test]
    fn a_child_is_the_joined_name_parsed() {
        let parent = name("corp.northwind.net");
        let long = "a".repeat(64);
        let longest = "b".repeat(63);
        let too_long_whole = format!("{}.{}", "c".repeat(60), "d".repeat(60));
        let over_253 = name(&format!("{}.net", vec!["e".repeat(60); 4].join(".")));
        for label in [
            "sip",
            "WebExt2",
            "lyncdiscover",
            "",
            "-a",
            "a-",
            "a_b",
            "a b",
            "ü",
            &long,
            &longest,
            &too_long_whole,
            "x.y",
            "a..b",
            "10",
        ] {
            let joined = DnsName::parse(&format!("{label}.{}", parent.as_str()));
            assert_eq!(parent.child(label), joined, "{label:?}");
        }
        assert_eq!(
            over_253.child("abcdefghij"),
            DnsName::parse(&format!("abcdefghij.{}", over_253.as_str()))
        );
        assert!(matches!(
            over_253.child("abcdefghij"),
            Err(NameError::TooLong(_))
        ));
    }
}
