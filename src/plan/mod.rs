//! The user's document: nodes, links and their settings, exactly what a plan file holds.
//! No derived data (rules, findings) and no UI state (selection, zoom) lives here.

pub mod create;
pub mod diagram;
pub mod edit;
pub mod firewalls;
pub mod layout;
pub mod names;
mod unique;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use create::Clipboard;
pub use diagram::{LinkPositions, MAX_BENDS, MAX_COORDINATE};
pub use edit::{EditError, PlanEdit};
pub use firewalls::{FirewallDevice, FirewallId, FirewallView, Firewalls, Layout};
pub use names::{NameKind, NodeNames, PlanNames};
pub use validate::{
    MAX_CUSTOM_RULES, MAX_LINKS, MAX_MEMBERS, MAX_NETWORK_USES, MAX_NETWORKS, MAX_NODES,
    PlanProblem, validate,
};

use crate::catalog::{EndpointId, RequirementId, RoleId};
use crate::net::{IpNet, PortRange, Transport};
use crate::topology::{Addressing, LbMode, Zone};

/// The plan file format this build writes. Older versions migrate on load.
pub const FORMAT_VERSION: u32 = 3;

/// A deployment plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// File format version; always the first field in a file.
    pub format_version: u32,
    /// Short name shown in titles and exports.
    pub name: String,
    /// Free text about the plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The server product the rules are for.
    #[serde(default, skip_serializing_if = "is_default")]
    pub product: crate::topology::Product,
    /// The firewalls between the zones (version 2; a version 1 file gets the default,
    /// back-to-back external and internal firewalls).
    #[serde(default)]
    pub firewalls: Firewalls,
    /// SIP domains and simple URLs (version 3, optional: empty fields take Microsoft's
    /// defaults, derived from the plan's domain).
    #[serde(default, skip_serializing_if = "PlanNames::is_empty")]
    pub names: PlanNames,
    /// Nodes by id, each shared with the plan's copies until changed (see [`Plan::node_mut`]):
    /// an undo step or an edited copy costs a pointer per node, and comparing two states of a
    /// plan skips the nodes they share.
    #[serde(default, deserialize_with = "unique::nodes")]
    pub nodes: BTreeMap<NodeId, Arc<Node>>,
    /// Undirected links, sorted by their end ids.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Where the user put links' labels and bends (version 2, optional; sorted by the links'
    /// ends). Positions only: a link without an entry is laid out automatically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagram: Vec<LinkPositions>,
}

impl PartialEq for Plan {
    fn eq(&self, other: &Self) -> bool {
        self.equal(other)
    }
}

impl Plan {
    /// An empty plan with a name.
    pub fn new(name: &str) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.to_owned(),
            description: String::new(),
            product: crate::topology::Product::default(),
            firewalls: Firewalls::default(),
            names: PlanNames::default(),
            nodes: BTreeMap::new(),
            links: Vec::new(),
            diagram: Vec::new(),
        }
    }

    /// Equal. Nodes shared by the two plans (a plan and its copy, an undo step) are equal
    /// without comparing them, so comparing two states of a large plan costs a pointer per node.
    fn equal(&self, other: &Self) -> bool {
        self.diagram == other.diagram && self.equal_by(other, |a, b| a == b)
    }

    /// Equal except where the cards, labels and bends sit: rules and findings do not depend on
    /// positions (a node's zone, which they do depend on, is compared).
    pub fn same_but_positions(&self, other: &Self) -> bool {
        self.equal_by(other, Node::same_but_position)
    }

    /// Equal but for `diagram`, nodes compared by `same` unless the two plans share them.
    /// Fields are listed exhaustively, so a new one must be compared here (or in `equal`).
    fn equal_by(&self, other: &Self, same: impl Fn(&Node, &Node) -> bool) -> bool {
        let Self {
            format_version,
            name,
            description,
            product,
            firewalls,
            names,
            nodes,
            links,
            diagram: _,
        } = self;
        *format_version == other.format_version
            && *name == other.name
            && *description == other.description
            && *product == other.product
            && *firewalls == other.firewalls
            && *names == other.names
            && *links == other.links
            && nodes.len() == other.nodes.len()
            && nodes
                .iter()
                .zip(&other.nodes)
                .all(|((ia, a), (ib, b))| ia == ib && (Arc::ptr_eq(a, b) || same(a, b)))
    }

    /// The plan made of `links` and the nodes `ids` names (ids it does not have are left out),
    /// with this plan's header: what derives the rules of a few nodes or links without the rest.
    #[must_use]
    pub fn part<'a>(&self, ids: impl IntoIterator<Item = &'a NodeId>, links: Vec<Link>) -> Self {
        let mut part = Self::new(&self.name);
        part.format_version = self.format_version;
        part.product = self.product;
        part.firewalls = self.firewalls.clone();
        part.names = self.names.clone();
        for id in ids {
            if let Some((id, node)) = self.nodes.get_key_value(id) {
                part.nodes.insert(id.clone(), Arc::clone(node));
            }
        }
        part.links = links;
        part
    }

    /// A node to change. Nodes are shared between a plan and its copies (undo steps, edits in
    /// progress) until one of them changes it: this copies that one node first if it is shared.
    pub fn node_mut(&mut self, id: &NodeId) -> Option<&mut Node> {
        self.nodes.get_mut(id).map(Arc::make_mut)
    }

    /// Every node to change, in id order (see [`Plan::node_mut`]).
    pub fn nodes_mut(&mut self) -> impl Iterator<Item = &mut Node> {
        self.nodes.values_mut().map(Arc::make_mut)
    }

    /// The link between two nodes, in either order.
    pub fn link_between(&self, a: &NodeId, b: &NodeId) -> Option<&Link> {
        self.links
            .iter()
            .find(|l| (&l.a == a && &l.b == b) || (&l.a == b && &l.b == a))
    }

    /// The firewalls a path from zone `a` to zone `b` crosses, in the order it crosses them.
    pub fn firewalls_crossed(&self, a: Zone, b: Zone) -> Vec<FirewallId> {
        self.firewalls.layout().crossed(a, b)
    }

    /// Sort links and their ends into the canonical order used on save.
    pub fn normalize(&mut self) {
        for link in &mut self.links {
            if link.b < link.a {
                std::mem::swap(&mut link.a, &mut link.b);
            }
        }
        self.links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        self.normalize_positions();
    }
}

/// Stable id of a node: letters, digits, `-` and `_`, at most 64 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub Arc<str>);

impl NodeId {
    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the text is an acceptable id.
    pub fn is_valid(text: &str) -> bool {
        !text.is_empty()
            && text.len() <= 64
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}

/// Two node ids as one unambiguous text, for rule ids and finding subjects: `a-b` when neither
/// id has a `-` (the form ids always had), else `a:b` (`:` never occurs in an id), so no two
/// pairs give the same text.
pub fn pair_text(a: &NodeId, b: &NodeId) -> String {
    let sep = if a.0.contains('-') || b.0.contains('-') {
        ':'
    } else {
        '-'
    };
    format!("{a}{sep}{b}")
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for NodeId {
    fn from(value: &str) -> Self {
        Self(value.into())
    }
}

impl From<String> for NodeId {
    fn from(value: String) -> Self {
        Self(value.into())
    }
}

/// A position on the canvas, in canvas units (never an egui type).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CanvasPoint {
    /// Horizontal, growing to the right.
    pub x: f32,
    /// Vertical, growing downwards.
    pub y: f32,
}

/// The flag of the Front End pool that holds the Central Management store (one per
/// deployment).
pub const HOLDS_CMS: &str = "holds_cms";

/// One role instance on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Catalog role id.
    pub role: RoleId,
    /// Display label (user text: never trusted in exports).
    pub label: String,
    /// Where it is drawn.
    pub position: CanvasPoint,
    /// The zone it sits in.
    pub zone: Zone,
    /// Pool or server FQDN.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fqdn: String,
    /// Load balancing of a pool.
    #[serde(default, skip_serializing_if = "is_default")]
    pub lb: LbMode,
    /// Public or NAT external addressing (Edge).
    #[serde(default, skip_serializing_if = "is_default")]
    pub addressing: Addressing,
    /// Member servers of the pool.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// Virtual addresses by endpoint kind (`hlb_vip`).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::endpoints"
    )]
    pub vips: BTreeMap<EndpointId, IpNet>,
    /// Networks of a client or partner node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<IpNet>,
    /// Feature flags set on the node (`holds_cms`).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub flags: BTreeSet<String>,
    /// Its service names by kind (version 3; a kind left out takes Microsoft's default).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::names"
    )]
    pub names: NodeNames,
}

impl Node {
    /// Its own addresses: members', their NAT public ones and the VIPs (not networks). No two
    /// nodes may share one (`duplicate_address`; the inspector refuses it, paste leaves it out).
    pub fn own_addresses(&self) -> impl Iterator<Item = IpNet> + '_ {
        (self.members.iter())
            .flat_map(|m| m.addresses.values().chain(m.nat.values()))
            .chain(self.vips.values())
            .copied()
    }

    /// Equal except for `position` (see [`Plan::same_but_positions`]).
    pub fn same_but_position(&self, other: &Self) -> bool {
        let Self {
            role,
            label,
            position: _,
            zone,
            fqdn,
            lb,
            addressing,
            members,
            vips,
            networks,
            flags,
            names,
        } = self;
        *role == other.role
            && *label == other.label
            && *zone == other.zone
            && *fqdn == other.fqdn
            && *lb == other.lb
            && *addressing == other.addressing
            && *members == other.members
            && *vips == other.vips
            && *networks == other.networks
            && *flags == other.flags
            && *names == other.names
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A member server of a pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Server name (user text).
    pub name: String,
    /// Addresses by endpoint kind (`server`, `internal_interface`, `access_edge`).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::endpoints"
    )]
    pub addresses: BTreeMap<EndpointId, IpNet>,
    /// Public addresses that NAT maps onto the private ones, by endpoint kind.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::endpoints"
    )]
    pub nat: BTreeMap<EndpointId, IpNet>,
}

/// An undirected connection between two nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// One end (the smaller id after normalising).
    pub a: NodeId,
    /// The other end.
    pub b: NodeId,
    /// Requirement ids switched off on this link.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub disabled: BTreeSet<RequirementId>,
    /// Rules the user added by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom: Vec<CustomRule>,
}

impl Link {
    /// A link with nothing switched off and no custom rules.
    pub fn new(a: &NodeId, b: &NodeId) -> Self {
        Self {
            a: a.clone(),
            b: b.clone(),
            disabled: BTreeSet::new(),
            custom: Vec::new(),
        }
    }

    /// The end that is not `id`.
    pub fn other(&self, id: &NodeId) -> &NodeId {
        if &self.a == id { &self.b } else { &self.a }
    }
}

/// A rule the user added to a link by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRule {
    /// Short name (user text).
    pub name: String,
    /// The end the traffic starts from; the other end listens.
    pub from: NodeId,
    /// Application protocol label (user text).
    pub application: String,
    /// Transport.
    pub transport: Transport,
    /// Destination port or range.
    pub ports: PortRange,
}
