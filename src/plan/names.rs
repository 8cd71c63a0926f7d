//! The DNS names a plan sets (format version 3): its SIP domains and simple URLs, and each
//! node's service names. Every field is optional: a name the plan leaves empty takes
//! Microsoft's default, derived from the plan's domain (`dns::names` resolves them). The text
//! is user text; `dns::name` validates it before it reaches a zone or a script.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest name text a plan may hold (a DNS name has at most 253 characters; the rest is room
/// for the finding that says it is too long).
pub const MAX_NAME_TEXT: usize = 1024;
/// Most SIP domains a plan may list.
pub const MAX_SIP_DOMAINS: usize = 100;

/// The plan-wide names: SIP domains and simple URLs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanNames {
    /// The SIP domains, the first the default one; empty: the domain the plan's FQDNs share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sip_domains: Vec<String>,
    /// The Meet simple URL's host; empty: `meet.DOMAIN` for each SIP domain.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meet: String,
    /// The Dial-in simple URL's host; empty: `dialin.DOMAIN` of the default SIP domain.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dialin: String,
    /// The Admin simple URL's host; empty: `admin.DOMAIN` of the default SIP domain.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub admin: String,
}

impl PlanNames {
    /// Nothing set: every name takes its default (the file leaves the section out).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every text with the field it is in, for the checks.
    pub fn texts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        (self.sip_domains.iter().map(|d| ("sip_domains", d.as_str()))).chain([
            ("meet", self.meet.as_str()),
            ("dialin", self.dialin.as_str()),
            ("admin", self.admin.as_str()),
        ])
    }
}

/// A service name of a node, as a key of its `names` map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A pool's internal web services FQDN (Front End, Director).
    InternalWeb,
    /// A pool's external web services FQDN, published by the reverse proxy (Front End,
    /// Director, Office Web Apps).
    ExternalWeb,
    /// The Edge's Access Edge external FQDN.
    Access,
    /// The Edge's Web Conferencing Edge external FQDN.
    Webconf,
    /// The Edge's A/V Edge external FQDN.
    Av,
    /// The Edge's XMPP proxy FQDN (XMPP federation).
    Xmpp,
}

impl NameKind {
    /// Every kind, in key order.
    pub const ALL: [Self; 6] = [
        Self::InternalWeb,
        Self::ExternalWeb,
        Self::Access,
        Self::Webconf,
        Self::Av,
        Self::Xmpp,
    ];

    /// The key as the file spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InternalWeb => "internal_web",
            Self::ExternalWeb => "external_web",
            Self::Access => "access",
            Self::Webconf => "webconf",
            Self::Av => "av",
            Self::Xmpp => "xmpp",
        }
    }

    /// The kinds a node of `role` has.
    pub fn of_role(role: &str) -> &'static [Self] {
        match role {
            "front_end" | "director" => &[Self::InternalWeb, Self::ExternalWeb],
            "edge" => &[Self::Access, Self::Webconf, Self::Av, Self::Xmpp],
            "office_web_apps" => &[Self::ExternalWeb],
            _ => &[],
        }
    }
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node's names by kind; a kind left out takes its default.
pub type NodeNames = BTreeMap<NameKind, String>;
