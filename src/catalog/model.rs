//! The catalog's data types, exactly as `assets/catalog.ron` spells them.
//! Lookups live in `mod.rs`, checks in `validate.rs`.

use serde::{Deserialize, Serialize};

use super::ids::{EndpointId, RequirementId, RoleId};

use crate::net::{PortRange, Transport};
use crate::topology::{Addressing, LbMode, Product, Zone};

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
    /// Microsoft's pages that requirements cite.
    pub sources: Vec<Source>,
    /// Places where Microsoft's pages disagree in a way that changes a rule.
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
    /// Microsoft's id of the page: its TechNet id (`JJ205179`), or for a page that has none its
    /// file name in Microsoft's docs repository (`edge-environmental-requirements`).
    pub id: String,
    /// The title as Microsoft published it (the page's `title`).
    pub title: String,
    /// The page's file in Microsoft's docs repository (`MicrosoftDocs/OfficeDocs-SkypeForBusiness`).
    pub path: String,
    /// Where it is published now; follows from `path` (see `source_url`).
    pub url: String,
    /// The products it documents.
    pub products: Vec<Product>,
    /// The topology it documents, as conditions on the nodes of a rule (an Edge page of one LB
    /// mode and addressing); empty for a page about every topology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topology: Vec<Condition>,
}

/// A disagreement between Microsoft's pages that changes a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Stable id (`edge-to-pool-5061-source`).
    pub id: String,
    /// The pages that disagree, by id.
    pub pages: Vec<String>,
    /// Where it changes a rule: conditions on the rule's nodes (empty: everywhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// What each page says, what the catalog chose and why.
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
    /// The members, or the VIP when the node's LB mode is in `vip_when` (and the plan's
    /// product in `vip_products`, when that is given: Microsoft's pages for one product route
    /// some traffic through the VIP that another product's pages send to each member).
    Balanced {
        /// Endpoint kind used otherwise (each member).
        members: EndpointId,
        /// Endpoint kind of the VIP.
        vip: EndpointId,
        /// LB modes that send this traffic to the VIP.
        vip_when: Vec<LbMode>,
        /// Products whose pages send it to the VIP; empty: every product.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        vip_products: Vec<Product>,
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
    pub products: Vec<Product>,
    /// Why the rule exists, in our words.
    pub notes: Text,
    /// The ids of the Microsoft pages it comes from. A rule cites those that document its
    /// topology and product.
    pub references: Vec<String>,
    /// Ids of the conflicts between pages that change this row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Which pairs of nodes it joins: linked ones (the default), or the whole deployment.
    #[serde(default, skip_serializing_if = "Reach::is_link")]
    pub reach: Reach,
}

/// Which pairs of nodes a requirement joins.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    /// Two linked nodes: the canvas's links say who talks to whom.
    #[default]
    Link,
    /// From one node, the first in id order whose conditions hold, to every node of the
    /// destination role, linked or not: the Central Management store replicates to every server
    /// of the deployment, whatever site it is in. One source keeps a plan that flags several
    /// (which a finding reports) from costing a rule per pair.
    Deployment,
}

impl Reach {
    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if passes a reference"
    )]
    fn is_link(&self) -> bool {
        *self == Self::Link
    }
}
