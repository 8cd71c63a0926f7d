//! The catalog's names for things, as types: a role, an endpoint kind and a requirement are
//! each named by text in files and exports, and a type per name keeps one from standing in
//! for another.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// A text id with the traits every catalog id shares: read as `&str`, compared with text,
/// written as is in files.
macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

text_id!(
    /// A role's id (`director`, `edge`).
    RoleId
);
text_id!(
    /// An endpoint kind's id (`server`, `hlb_vip`, `internal_interface`).
    EndpointId
);
text_id!(
    /// A requirement's id; rule ids are made from it.
    RequirementId
);

#[cfg(test)]
mod tests {
    use super::RoleId;

    #[test]
    fn ids_read_and_compare_as_their_text() {
        let id = RoleId::from("edge");
        assert_eq!(id, "edge");
        assert_eq!(id.to_string(), "edge");
        assert!(id.starts_with("ed"));
        let map = std::collections::BTreeMap::from([(id.clone(), 1)]);
        assert_eq!(map.get("edge"), Some(&1));
        assert_eq!(ron::to_string(&id).unwrap(), "\"edge\"");
    }
}
