//! The catalog's data types, exactly as `assets/catalog.ron` spells them.
//! Lookups live in `mod.rs`, checks in `validate.rs`.

use serde::{Deserialize, Serialize};

use super::ids::{EndpointId, RequirementId, RoleId};

use crate::net::{PortRange, Transport};
use crate::topology::{Addressing, LbMode, Zone};

/// Text in the three languages the tool speaks; English is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Traditional Chinese (Taiwan).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub zh_tw: String,
    /// Korean.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ko_kr: String,
}

/// The whole catalog: roles and the port requirements between them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogData {
    /// Stable identifier of the catalog (`lync-2013`).
    pub id: String,
    /// Version of the catalog data; changes whenever a row changes.
    pub version: String,
    /// Source pages cited by requirements (`S1` -> JJ205179 ...).
    pub sources: Vec<Source>,
    /// Places where Microsoft's pages disagree (lync-ports.md section 6).
    pub conflicts: Vec<Conflict>,
    /// Node kinds.
    pub roles: Vec<Role>,
    /// Role pairs that must be linked when both are placed.
    pub must_link: Vec<MustLink>,
    /// Port requirements.
    pub requirements: Vec<Requirement>,
}

/// A Microsoft page cited by requirements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Row key of lync-ports.md (`S1`, `S19`, `K2`).
    pub key: String,
    /// TechNet id (`JJ205179`), or a short learn path for pages that have none.
    pub technet: String,
    /// Page title.
    pub title: String,
}

/// A disagreement between Microsoft's pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Key from lync-ports.md section 6 (`D3`).
    pub id: String,
    /// The source keys that disagree.
    pub sources: Vec<String>,
    /// What disagrees and what the catalog chose.
    pub summary: Text,
}

/// A node kind on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Stable id (`director`).
    pub id: RoleId,
    /// Display name.
    pub name: Text,
    /// Zone a new node of this role is placed in.
    pub default_zone: Zone,
    /// Load-balancing modes the role allows; the first is the default.
    pub lb_modes: Vec<LbMode>,
    /// Whether Edge-style public/NAT addressing applies.
    #[serde(default)]
    pub addressing: bool,
    /// Where rules start or end on this role.
    pub endpoints: Vec<EndpointKind>,
    /// Feature flags a node of this role may set.
    #[serde(default)]
    pub flags: Vec<Flag>,
}

/// One endpoint kind of a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointKind {
    /// Stable id (`hlb_vip`), part of the JSON contract.
    pub id: EndpointId,
    /// Display name.
    pub name: Text,
    /// Where its addresses come from.
    pub scope: Scope,
}

/// Where an endpoint's addresses come from on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Each member server's address of this kind.
    Member,
    /// One virtual address of the node (a load-balancer VIP).
    Vip,
    /// The node's networks; `empty_is_any` says what no network means.
    Networks {
        /// An empty list means "any address" rather than "not filled in".
        empty_is_any: bool,
    },
}

/// A feature flag of a role (holds the CMS, runs the XMPP gateway, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    /// Stable id (`holds_cms`).
    pub id: String,
    /// Display name.
    pub name: Text,
}

/// Every node of role `from` should be linked to a node of role `to` when one exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MustLink {
    /// The role whose nodes need the link.
    pub from: RoleId,
    /// The role they must reach.
    pub to: RoleId,
    /// Why, for the finding message.
    pub why: Text,
}

/// One side of a requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// A placed node of a role.
    Role {
        /// Role id.
        role: RoleId,
        /// Which endpoint of that node.
        endpoint: Select,
    },
    /// Microsoft's "Any": not a node, so the rule is intrinsic to the other side's node.
    /// When that node is linked to nodes of a `via` role, they stand in for "Any".
    Any {
        /// Where "Any" is (decides the firewall).
        zone: Zone,
        /// Roles that may stand in for "Any" when linked.
        #[serde(default)]
        via: Vec<RoleId>,
    },
}

/// Which endpoint kind a requirement side uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Select {
    /// Always this endpoint kind.
    Fixed(EndpointId),
    /// The members, or the VIP when the node's LB mode is in `vip_when`.
    Balanced {
        /// Endpoint kind used otherwise (each member).
        members: EndpointId,
        /// Endpoint kind of the VIP.
        vip: EndpointId,
        /// LB modes that send this traffic to the VIP.
        vip_when: Vec<LbMode>,
    },
}

/// A condition on the node of a role that takes part in the rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The node of `role` has `flag` set.
    Flag {
        /// Role of the node the condition looks at.
        role: RoleId,
        /// Flag id.
        flag: String,
    },
    /// The node of `role` uses one of these LB modes.
    Lb {
        /// Role of the node the condition looks at.
        role: RoleId,
        /// Accepted modes.
        modes: Vec<LbMode>,
    },
    /// The node of `role` uses this addressing.
    Addressing {
        /// Role of the node the condition looks at.
        role: RoleId,
        /// Required addressing.
        mode: Addressing,
    },
}

impl Condition {
    /// The role the condition looks at.
    pub fn role(&self) -> &str {
        match self {
            Self::Flag { role, .. } | Self::Lb { role, .. } | Self::Addressing { role, .. } => role,
        }
    }
}

/// A citation: the page and the row of lync-ports.md.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Source key (`S1`), resolved to a TechNet id through [`CatalogData::sources`].
    pub source: String,
    /// Row key of lync-ports.md (`S1-6`, `I2`, `RP-I1`).
    pub row: String,
}

/// One port requirement between two sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable id; rule ids are built from it.
    pub id: RequirementId,
    /// Where the traffic starts.
    pub source: Side,
    /// Where the traffic goes (the listening side).
    pub destination: Side,
    /// Application protocol as Microsoft labels it (`SIP/MTLS`).
    pub application: String,
    /// Transport.
    pub transport: Transport,
    /// Destination port or range.
    pub ports: PortRange,
    /// All must hold for the requirement to apply.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// Products the row applies to; empty means every product.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<crate::topology::Product>,
    /// Why the rule exists, in our words.
    pub notes: Text,
    /// Microsoft pages and rows.
    pub references: Vec<Reference>,
    /// Conflict ids (section 6 of lync-ports.md) that touch this row.
    #[serde(default)]
    pub conflicts: Vec<String>,
}
