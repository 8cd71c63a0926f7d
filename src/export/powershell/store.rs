//! Where the Windows Firewall script writes its rules: each server's own store, or a GPO.

use std::fmt;
use std::str::FromStr;

/// The store the PowerShell export targets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PolicyStore {
    /// Each server's local persistent store; the script runs on every server.
    #[default]
    Local,
    /// A GPO (`-PolicyStore DOMAIN\NAME` through one `-GPOSession`); the script runs once.
    Gpo(Gpo),
}

/// A GPO as `Open-NetGPO -PolicyStore` names it: `DOMAIN\NAME`, the domain's DNS name and the
/// GPO's display name. Checked on parse; written only as a quoted literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gpo(String);

impl Gpo {
    /// `DOMAIN\NAME`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Gpo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A `--gpo` value that is not `DOMAIN\NAME`.
#[derive(Debug, thiserror::Error)]
#[error(
    "`{text}` is no GPO: expected DOMAIN\\NAME, the domain's DNS name (letters, digits, `-`, `.`), a backslash and the GPO's name"
)]
pub struct InvalidGpo {
    /// What was given, on one line and cut short.
    pub text: String,
}

impl FromStr for Gpo {
    type Err = InvalidGpo;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidGpo {
            text: crate::escape::quoted(s),
        };
        let (domain, name) = s.split_once('\\').ok_or_else(invalid)?;
        let domain_ok = !domain.is_empty()
            && domain.len() <= 253
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with('.')
            && (domain.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        // A GPO's display name is free text up to 255 characters; one line, no backslash.
        let name_ok = !name.trim().is_empty()
            && name.chars().count() <= 255
            && !name.chars().any(|c| c.is_control() || c == '\\');
        if domain_ok && name_ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(invalid())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Gpo;

    #[test]
    fn gpo_names_are_domain_backslash_name() {
        let gpo: Gpo = "corp.contoso.com\\Lync Servers' Firewall".parse().unwrap();
        assert_eq!(gpo.as_str(), "corp.contoso.com\\Lync Servers' Firewall");
        for bad in [
            "",
            "Lync Servers",
            "\\Lync",
            "corp.contoso.com\\",
            "corp contoso\\Lync",
            "corp.contoso.com\\a\\b",
            "corp.contoso.com\\line\nbreak",
            ".corp\\Lync",
        ] {
            assert!(bad.parse::<Gpo>().is_err(), "{bad:?}");
        }
    }
}
