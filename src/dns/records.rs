//! The DNS records a plan needs, as Microsoft's DNS summary pages list them for its topology:
//! internal and external views, each record with the page it comes from. Records whose names
//! are invalid or whose addresses the plan lacks are left out and said (`Problem`), so every
//! zone written is one a DNS server loads.

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::sync::Arc;

use super::build::{Build, Resolve::Web};
use super::name::DnsName;
use super::names::{Names, resolve};
use crate::catalog::Catalog;
use crate::plan::{NameKind, NodeId, Plan};

/// Time to live of every record, in seconds (Microsoft's pages give none).
pub const TTL: u32 = 3600;

/// Internal (split-brain inside) or external (public) DNS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum View {
    /// The internal DNS servers.
    Internal,
    /// Public DNS.
    External,
}

impl View {
    /// `internal` or `external`: the CSV column and the zone folder.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::External => "external",
        }
    }
}

/// A record's type and data.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordData {
    /// An IPv4 host record.
    A(std::net::Ipv4Addr),
    /// An IPv6 host record.
    Aaaa(std::net::Ipv6Addr),
    /// An alias.
    Cname(DnsName),
    /// A service record (RFC 2782).
    Srv {
        /// Priority.
        priority: u16,
        /// Weight.
        weight: u16,
        /// Port.
        port: u16,
        /// Target host.
        target: DnsName,
    },
}

impl RecordData {
    /// The record type's name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::A(_) => "A",
            Self::Aaaa(_) => "AAAA",
            Self::Cname(_) => "CNAME",
            Self::Srv { .. } => "SRV",
        }
    }

    /// The address or target host.
    pub fn value(&self) -> String {
        match self {
            Self::A(a) => a.to_string(),
            Self::Aaaa(a) => a.to_string(),
            Self::Cname(n) | Self::Srv { target: n, .. } => n.to_string(),
        }
    }

    pub(super) fn address(addr: IpAddr) -> Self {
        match addr {
            IpAddr::V4(a) => Self::A(a),
            IpAddr::V6(a) => Self::Aaaa(a),
        }
    }
}

/// A Microsoft page a record cites.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Page {
    /// The catalog's id of the page.
    pub id: String,
    /// Its title as Microsoft published it.
    pub title: String,
    /// Where it is published.
    pub url: String,
}

/// One DNS record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DnsRecord {
    /// Internal or external DNS.
    pub view: View,
    /// The zone it belongs in.
    pub zone: DnsName,
    /// Its owner name.
    pub name: DnsName,
    /// Type and data.
    pub data: RecordData,
    /// Time to live, seconds.
    pub ttl: u32,
    /// What it is for (our words, after the page's comment).
    pub purpose: &'static str,
    /// The page it comes from (shared by the records of one call).
    pub page: Arc<Page>,
    /// The node it points at, if one.
    pub node: Option<NodeId>,
}

/// A record left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// A name the plan publishes has no address: the node lacks the address it resolves to.
    NoAddress {
        /// The node.
        node: NodeId,
        /// The name.
        name: DnsName,
        /// Which address (an endpoint kind).
        endpoint: &'static str,
    },
    /// A service record whose target has no address record in the same view.
    SrvWithoutAddress {
        /// The service record's name.
        name: DnsName,
        /// Its target.
        target: DnsName,
    },
    /// An alias whose name also has other records (a zone refuses it).
    AliasClash {
        /// The name.
        name: DnsName,
    },
    /// A pool linked to several reverse proxies: its external web services name resolves to
    /// the first one's listener only.
    SeveralProxies {
        /// The pool.
        node: NodeId,
        /// Its external web services name.
        name: DnsName,
        /// The proxies, in id order; the first publishes the name.
        proxies: Vec<NodeId>,
    },
}

/// Every record of a plan, with the resolved names and the records left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsRecords {
    /// The names the records use (shared with the certificates derived from them).
    pub names: Arc<Names>,
    /// Sorted by view, zone, name, type and data.
    pub records: Vec<DnsRecord>,
    /// What was left out, sorted.
    pub problems: Vec<Problem>,
}

impl DnsRecords {
    /// The zones of a view, sorted.
    pub fn zones(&self, view: View) -> Vec<&DnsName> {
        let set: BTreeSet<&DnsName> = (self.records.iter())
            .filter(|r| r.view == view)
            .map(|r| &r.zone)
            .collect();
        set.into_iter().collect()
    }
}

/// Why the records could not be derived.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DnsError {
    /// A catalog from a file without the DNS pages.
    #[error(
        "the catalog has none of Microsoft's pages `{0}` that DNS records cite (the built-in catalog has them)"
    )]
    MissingPage(String),
}

// Microsoft's pages, by the catalog's ids (see assets/catalog.ron).
pub(super) const DIRECTOR_PAGES: &[&str] = &["JJ205021", "JJ205273", "JJ204655"];
pub(super) const EDGE_PAGES: &[&str] =
    &["JJ205025", "Gg412787", "JJ205319", "Gg398201", "Gg398670"];
pub(super) const FRONT_END_PAGE: &[&str] = &["Gg398082"];
pub(super) const SIGN_IN_PAGE: &[&str] = &["Gg425884"];
pub(super) const SIMPLE_URL_PAGE: &[&str] = &["Gg425874"];
pub(super) const MOBILITY_PAGE: &[&str] = &["Hh690040"];
pub(super) const REVERSE_PROXY_PAGE: &[&str] = &["JJ204781"];
pub(super) const DNS_LB_PAGE: &[&str] = &["Gg398634"];

/// The records of `plan`.
pub fn derive(plan: &Plan, catalog: &Catalog) -> Result<DnsRecords, DnsError> {
    derive_with(plan, catalog, &Arc::new(resolve(plan)))
}

/// The records of `plan`, whose names are `names` (resolved once for records, certificates
/// and findings: at 2,000 nodes resolving is a few milliseconds).
pub fn derive_with(
    plan: &Plan,
    catalog: &Catalog,
    names: &Arc<Names>,
) -> Result<DnsRecords, DnsError> {
    let mut b = Build {
        catalog,
        names,
        drafts: Vec::new(),
        problems: BTreeSet::new(),
    };
    let first = |role: &str| plan.nodes.iter().find(|(_, n)| n.role == role);
    let (fe, director) = (first("front_end"), first("director"));
    let mut edges = 0;
    for (id, node) in &plan.nodes {
        match node.role.as_str() {
            "front_end" => b.pool(id, node, FRONT_END_PAGE, FRONT_END_PAGE)?,
            "director" => {
                b.pool(id, node, DIRECTOR_PAGES, DNS_LB_PAGE)?;
                if let Some(ext) = b.node_name(id, NameKind::ExternalWeb) {
                    let purpose = "Director external web services (Web Ticket), published by the reverse proxy";
                    b.host(View::Internal, &ext, id, node, Web, purpose, DIRECTOR_PAGES)?;
                }
            }
            // "A DNS A Record exists for each server" (Front End pool page), pools balanced
            // as their load balancing says.
            "mediation" | "sql_back_end" | "office_web_apps" => {
                b.pool(id, node, FRONT_END_PAGE, FRONT_END_PAGE)?;
            }
            "edge" => {
                edges += 1;
                b.edge(id, node, edges == 1)?;
            }
            _ => {}
        }
    }
    // Where internal clients and the Edge find the pools: the Director first, if there is one.
    if let Some((id, node)) = director.or(fe) {
        b.front_door(id, node)?;
    }
    if let Some((id, node)) = fe {
        b.sign_in(id, node)?;
    }
    let publishing = &names.publishing;
    for publisher in &publishing.publishers {
        if let Some(node) = plan.nodes.get(&publisher.proxy) {
            b.published(&publisher.proxy, node, &publisher.names)?;
        }
    }
    for (node, proxies) in &publishing.several {
        let name = b.node_name(node, NameKind::ExternalWeb);
        if let Some(name) = name {
            b.problems.insert(Problem::SeveralProxies {
                node: node.clone(),
                name,
                proxies: proxies.clone(),
            });
        }
    }
    Ok(b.finish(Arc::clone(names)))
}
