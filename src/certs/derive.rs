//! How the certificates are derived from the plan's resolved names (see the module above).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{Ca, Certificate, Certificates, Eku, Installed, Skipped};
use crate::catalog::Catalog;
use crate::dns::names::{Named, Names, NodeNames};
use crate::dns::{DnsError, DnsName, NameError, Page, resolve};
use crate::plan::{NameKind, Node, NodeId, Plan};

// Microsoft's pages, by the catalog's ids (see assets/catalog.ron).
type Pages = &'static [&'static str];

const INTERNAL_PAGE: &[&str] = &["Gg398094"];
const DIRECTOR_PAGES: &[&str] = &["JJ204720", "JJ205047"];
const EDGE_PAGES: &[&str] = &["JJ204747", "JJ205399"];
const REVERSE_PROXY_PAGE: &[&str] = &["JJ205381"];

/// Names collected for one certificate: valid ones kept in order without duplicates, invalid
/// ones recorded.
struct Collect<'a> {
    node: &'a NodeId,
    installed: Installed,
    names: Vec<DnsName>,
    /// The names so far, to keep one of each.
    seen: BTreeSet<DnsName>,
    skipped: &'a mut Vec<Skipped>,
    /// The plan has a reverse proxy to publish external names.
    published: bool,
}

impl Collect<'_> {
    fn name(&mut self, name: &DnsName) {
        if self.seen.insert(name.clone()) {
            self.names.push(name.clone());
        }
    }

    fn named(&mut self, named: &Named) {
        match &named.name {
            Ok(n) => self.name(n),
            Err(NameError::Empty) => {}
            Err(e) => self.skipped.push(Skipped {
                node: self.node.clone(),
                installed: self.installed,
                text: named.text.clone(),
                error: e.clone(),
            }),
        }
    }

    fn below(&mut self, names: &Names, label: &str) {
        for d in &names.sip_domains {
            if let Ok(n) = d.child(label) {
                self.name(&n);
            }
        }
    }
}

/// The certificates of `plan`.
pub fn derive(plan: &Plan, catalog: &Catalog) -> Result<Certificates, DnsError> {
    derive_with(plan, catalog, &resolve(plan))
}

/// The certificates of `plan`, whose names are `names`.
pub fn derive_with(
    plan: &Plan,
    catalog: &Catalog,
    names: &Names,
) -> Result<Certificates, DnsError> {
    let mut certificates = Vec::new();
    let mut skipped = Vec::new();
    // Internal clients sign in at the Director if there is one, else the Front End pool: that
    // pool's certificate carries `sip.DOMAIN` ("auto-logon server").
    let front_door = (plan.nodes.iter())
        .find(|(_, n)| n.role == "director")
        .or_else(|| plan.nodes.iter().find(|(_, n)| n.role == "front_end"))
        .map(|(id, _)| id.clone());
    let published = plan.nodes.values().any(|n| n.role == "reverse_proxy");
    let mut proxy_names: BTreeMap<NodeId, Vec<DnsName>> = (names.publishing.publishers.iter())
        .map(|p| {
            (
                p.proxy.clone(),
                p.in_page_order().into_iter().cloned().collect(),
            )
        })
        .collect();
    for (id, node) in &plan.nodes {
        let Some(resolved) = names.nodes.get(id) else {
            continue;
        };
        let installed = match node.role.as_str() {
            "front_end" => Installed::FrontEnd,
            "director" => Installed::Director,
            "mediation" => Installed::Mediation,
            "edge" => Installed::EdgeExternal,
            "reverse_proxy" => Installed::ReverseProxy,
            "office_web_apps" => Installed::OfficeWebApps,
            _ => continue,
        };
        let mut c = Collect {
            node: id,
            installed,
            names: Vec::new(),
            seen: BTreeSet::new(),
            skipped: &mut skipped,
            published,
        };
        let mut proxy_sans = None;
        let pages = match installed {
            Installed::FrontEnd | Installed::Director | Installed::Mediation => {
                pool(&mut c, names, resolved, front_door.as_ref() == Some(id))
            }
            Installed::OfficeWebApps => {
                if let Some(f) = &resolved.fqdn {
                    c.named(f);
                }
                resolved.members.iter().flatten().for_each(|m| c.named(m));
                if let Some(n) = resolved.kinds.get(&NameKind::ExternalWeb) {
                    c.named(n);
                }
                REVERSE_PROXY_PAGE
            }
            Installed::EdgeExternal => edge(&mut c, node, resolved),
            Installed::ReverseProxy => {
                proxy_sans = proxy_names.remove(id);
                REVERSE_PROXY_PAGE
            }
            Installed::EdgeInternal => continue,
        };
        let page = page(catalog, pages, node)?;
        let sans: Arc<[DnsName]> = proxy_sans.unwrap_or(c.names).into();
        let shared = node.members.len() > 1;
        if installed == Installed::EdgeExternal {
            // "The internal interface certificate uses only the SN and does not need or use
            // SAN entries."
            if let Some(subject) = resolved.fqdn() {
                certificates.push(Certificate {
                    node: id.clone(),
                    installed: Installed::EdgeInternal,
                    subject: subject.clone(),
                    sans: Arc::from([]),
                    eku: vec![Eku::ServerAuth],
                    exportable: shared,
                    ca: Ca::Internal,
                    page: page.clone(),
                });
            }
        }
        let Some(subject) = sans.first().cloned() else {
            continue;
        };
        let public = matches!(installed, Installed::EdgeExternal | Installed::ReverseProxy);
        certificates.push(Certificate {
            node: id.clone(),
            installed,
            subject,
            sans,
            eku: vec![Eku::ServerAuth],
            exportable: installed == Installed::EdgeExternal && shared,
            ca: if public { Ca::Public } else { Ca::Internal },
            page,
        });
    }
    skipped.sort();
    skipped.dedup();
    Ok(Certificates {
        certificates,
        skipped,
    })
}

/// The page of `ids` whose topology `node` has, else the first the catalog holds.
fn page(catalog: &Catalog, ids: &[&str], node: &Node) -> Result<Page, DnsError> {
    let found: Vec<_> = ids.iter().filter_map(|id| catalog.source(id)).collect();
    let fits = |s: &&&crate::catalog::Source| {
        s.topology.iter().all(|c| match c {
            crate::catalog::Condition::Lb { role, modes } => {
                node.role == *role && modes.contains(&node.lb)
            }
            _ => false,
        })
    };
    let source = (found.iter())
        .find(|s| fits(s))
        .or(found.first())
        .ok_or_else(|| DnsError::MissingPage(ids.join("`, `")))?;
    Ok(Page {
        id: source.id.clone(),
        title: source.title.clone(),
        url: source.url.clone(),
    })
}

/// A Front End, Director or Mediation pool's names.
fn pool(c: &mut Collect<'_>, names: &Names, resolved: &NodeNames, front_door: bool) -> Pages {
    let published = c.published;
    if let Some(f) = &resolved.fqdn {
        c.named(f);
    }
    resolved.members.iter().flatten().for_each(|m| c.named(m));
    if c.installed == Installed::Mediation {
        return INTERNAL_PAGE;
    }
    // The external web services and `lyncdiscover` are reached through the reverse proxy:
    // without one the plan publishes neither, and the certificate does not name them.
    let kinds: &[NameKind] = if published {
        &[NameKind::InternalWeb, NameKind::ExternalWeb]
    } else {
        &[NameKind::InternalWeb]
    };
    for kind in kinds {
        if let Some(n) = resolved.kinds.get(kind) {
            c.named(n);
        }
    }
    names.meet.iter().for_each(|m| c.named(m));
    c.named(&names.dialin);
    c.named(&names.admin);
    if front_door {
        c.below(names, "sip");
    }
    // Mobility: both pools answer Autodiscover, inside and out.
    c.below(names, "lyncdiscoverinternal");
    if published {
        c.below(names, "lyncdiscover");
    }
    if c.installed == Installed::Director {
        DIRECTOR_PAGES
    } else {
        INTERNAL_PAGE
    }
}

/// The Edge's external names in the page's order: the first Access name (the subject), Web
/// Conferencing, the other SIP domains' Access names, then XMPP.
fn edge(c: &mut Collect<'_>, node: &Node, resolved: &NodeNames) -> Pages {
    let mut access = resolved.access.iter();
    if let Some(a) = access.next() {
        c.named(a);
    }
    if let Some(n) = resolved.kinds.get(&NameKind::Webconf) {
        c.named(n);
    }
    access.for_each(|a| c.named(a));
    if node.flags.contains("xmpp")
        && let Some(n) = resolved.kinds.get(&NameKind::Xmpp)
    {
        c.named(n);
    }
    EDGE_PAGES
}
