//! The plan's names resolved: each name the plan sets, or Microsoft's default derived from the
//! plan's domain, checked as a DNS name. DNS records and certificates read names from here.
//!
//! Defaults follow Microsoft's example names (DNS summary pages): `sip`, `webcon`, `av` and
//! `xmpp` for the Edge, `webext` and `webdirext` for the external web services of Front End and
//! Director pools, `officewebapps01` for Office Web Apps, `meet`, `dialin` and `admin` for the
//! simple URLs, each below the default SIP domain (meet below every SIP domain). A second node
//! of a role numbers its names (`webext2`), as no two pools may share one. A DNS load balanced
//! pool's internal web services need a name of their own (Microsoft's example is `lsweb`):
//! `HOST-web` beside the pool FQDN; other pools use the pool FQDN, as Topology Builder does.

use std::collections::BTreeMap;

use super::name::{DnsName, NameError};
use super::published::Publishing;
use crate::plan::{NameKind, Node, NodeId, Plan};
use crate::topology::LbMode;

/// Where a name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The plan sets it.
    Set,
    /// Microsoft's default, derived from the plan's names.
    Default,
}

/// One name: its text, where it comes from and whether it is a DNS name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The text (user text when set).
    pub text: String,
    /// Set or default.
    pub origin: Origin,
    /// The checked name.
    pub name: Result<DnsName, NameError>,
}

impl Named {
    fn set(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            origin: Origin::Set,
            name: DnsName::parse(text),
        }
    }

    fn default_of(name: Result<DnsName, NameError>) -> Self {
        Self {
            text: name.as_ref().map(DnsName::to_string).unwrap_or_default(),
            origin: Origin::Default,
            name,
        }
    }

    /// The name when valid.
    pub fn ok(&self) -> Option<&DnsName> {
        self.name.as_ref().ok()
    }
}

/// Where a name sits in the plan, for findings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// `names.FIELD` of the plan (`sip_domains`, `meet`, `dialin`, `admin`).
    Plan(&'static str),
    /// A node's FQDN.
    Fqdn(NodeId),
    /// A node's name of a kind.
    Node(NodeId, NameKind),
    /// A member's server name.
    Member(NodeId, usize),
}

/// Every name of a plan, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Names {
    /// The SIP domains, the default one first (valid ones only; never empty).
    pub sip_domains: Vec<DnsName>,
    /// True when the plan sets no SIP domain and none could be derived: Microsoft's sample
    /// `contoso.com` stands in (a placeholder finding).
    pub sample_domain: bool,
    /// Meet simple URLs: one per SIP domain, or the one the plan sets.
    pub meet: Vec<Named>,
    /// The Dial-in simple URL.
    pub dialin: Named,
    /// The Admin simple URL (internal only).
    pub admin: Named,
    /// Each node's FQDN (when set) and names of its role's kinds.
    pub nodes: BTreeMap<NodeId, NodeNames>,
    /// The texts that are not DNS names, where they are.
    pub invalid: Vec<(Place, String, NameError)>,
    /// What each reverse proxy publishes.
    pub publishing: Publishing,
}

/// A node's resolved names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeNames {
    /// The pool, server or Edge internal FQDN (`fqdn`), when set.
    pub fqdn: Option<Named>,
    /// Names by kind (the Edge's Access name per SIP domain is in `access`).
    pub kinds: BTreeMap<NameKind, Named>,
    /// The Access Edge names: the one the plan sets, else `sip.DOMAIN` per SIP domain.
    pub access: Vec<Named>,
    /// Each member's FQDN: its name when it has a dot, else the name beside the pool FQDN.
    pub members: Vec<Option<Named>>,
}

impl NodeNames {
    /// The valid name of a kind.
    pub fn get(&self, kind: NameKind) -> Option<&DnsName> {
        self.kinds.get(&kind).and_then(Named::ok)
    }

    /// The valid FQDN.
    pub fn fqdn(&self) -> Option<&DnsName> {
        self.fqdn.as_ref().and_then(Named::ok)
    }
}

/// Microsoft's sample SIP domain, used when the plan gives nothing to derive one from.
pub const SAMPLE_DOMAIN: &str = "contoso.com";

/// Resolve every name of `plan`.
pub fn resolve(plan: &Plan) -> Names {
    let mut invalid = Vec::new();
    let mut note = |place: Place, named: &Named| {
        if let Err(e) = &named.name {
            invalid.push((place, named.text.clone(), e.clone()));
        }
    };
    let set_domains: Vec<Named> = plan
        .names
        .sip_domains
        .iter()
        .map(|d| Named::set(d))
        .collect();
    for d in &set_domains {
        note(Place::Plan("sip_domains"), d);
    }
    let mut sip_domains: Vec<DnsName> = Vec::new();
    for d in set_domains.iter().filter_map(Named::ok) {
        if !sip_domains.contains(d) {
            sip_domains.push(d.clone());
        }
    }
    let mut sample_domain = false;
    if sip_domains.is_empty() {
        if let Some(d) = plan_domain(plan) {
            sip_domains.push(d);
        } else {
            sample_domain = true;
            sip_domains.extend(DnsName::parse(SAMPLE_DOMAIN).ok());
        }
    }
    let primary = sip_domains.first().cloned();
    let below = |label: &str| -> Named {
        Named::default_of(
            primary
                .as_ref()
                .map_or(Err(NameError::Empty), |d| d.child(label)),
        )
    };
    let or_default = |text: &str, label: &str| {
        if text.is_empty() {
            below(label)
        } else {
            Named::set(text)
        }
    };
    let meet = if plan.names.meet.is_empty() {
        (sip_domains.iter())
            .map(|d| Named::default_of(d.child("meet")))
            .collect()
    } else {
        vec![Named::set(&plan.names.meet)]
    };
    let dialin = or_default(&plan.names.dialin, "dialin");
    let admin = or_default(&plan.names.admin, "admin");
    for m in &meet {
        note(Place::Plan("meet"), m);
    }
    note(Place::Plan("dialin"), &dialin);
    note(Place::Plan("admin"), &admin);
    // The n-th node of a role (in id order) numbers its default names from the second on.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut nodes = BTreeMap::new();
    for (id, node) in &plan.nodes {
        let n = seen.entry(node.role.as_str()).or_default();
        *n += 1;
        let resolved = node_names(node, *n, &sip_domains, &below);
        if let Some(f) = &resolved.fqdn {
            note(Place::Fqdn(id.clone()), f);
        }
        for (kind, named) in &resolved.kinds {
            note(Place::Node(id.clone(), *kind), named);
        }
        for a in &resolved.access {
            note(Place::Node(id.clone(), NameKind::Access), a);
        }
        for (i, m) in resolved.members.iter().enumerate() {
            if let Some(m) = m {
                note(Place::Member(id.clone(), i), m);
            }
        }
        nodes.insert(id.clone(), resolved);
    }
    invalid.sort();
    invalid.dedup();
    let mut names = Names {
        sip_domains,
        sample_domain,
        meet,
        dialin,
        admin,
        nodes,
        invalid,
        publishing: Publishing::default(),
    };
    names.publishing = super::published::publishing(&names, plan);
    names
}

/// `label` numbered for the n-th node of its role: `webext`, `webext2`, ...
fn numbered(label: &str, n: usize) -> String {
    if n <= 1 {
        label.to_owned()
    } else {
        format!("{label}{n}")
    }
}

fn node_names(
    node: &Node,
    n: usize,
    sip_domains: &[DnsName],
    below: &impl Fn(&str) -> Named,
) -> NodeNames {
    let fqdn = (!node.fqdn.is_empty()).then(|| Named::set(&node.fqdn));
    let pool = fqdn.as_ref().and_then(Named::ok);
    let mut kinds = BTreeMap::new();
    let mut access = Vec::new();
    for &kind in NameKind::of_role(&node.role) {
        if let Some(text) = node.names.get(&kind) {
            if kind == NameKind::Access {
                access.push(Named::set(text));
            } else {
                kinds.insert(kind, Named::set(text));
            }
            continue;
        }
        let default = match (node.role.as_str(), kind) {
            ("front_end", NameKind::ExternalWeb) => below(&numbered("webext", n)),
            ("director", NameKind::ExternalWeb) => below(&numbered("webdirext", n)),
            ("office_web_apps", NameKind::ExternalWeb) => below(&format!("officewebapps{n:02}")),
            (_, NameKind::InternalWeb) => internal_web(node, pool),
            (_, NameKind::Access) => {
                access.extend(
                    sip_domains
                        .iter()
                        .map(|d| Named::default_of(d.child(&numbered("sip", n)))),
                );
                continue;
            }
            (_, NameKind::Webconf) => below(&numbered("webcon", n)),
            (_, NameKind::Av) => below(&numbered("av", n)),
            (_, NameKind::Xmpp) => below(&numbered("xmpp", n)),
            _ => continue,
        };
        kinds.insert(kind, default);
    }
    let members = (node.members.iter())
        .map(|m| {
            if m.name.contains('.') {
                Some(Named::set(&m.name))
            } else if m.name.is_empty() {
                None
            } else {
                let domain = pool.and_then(DnsName::parent)?;
                Some(Named {
                    text: format!("{}.{domain}", m.name),
                    origin: Origin::Set,
                    name: domain.child(&m.name),
                })
            }
        })
        .collect();
    NodeNames {
        fqdn,
        kinds,
        access,
        members,
    }
}

/// The default internal web services FQDN of a pool (see the module's comment).
fn internal_web(node: &Node, pool: Option<&DnsName>) -> Named {
    let Some(pool) = pool else {
        return Named::default_of(Err(NameError::Empty));
    };
    if node.lb == LbMode::DnsAndHlb {
        let own = pool.parent().map_or(Err(NameError::SingleLabel), |d| {
            d.child(&format!("{}-web", pool.host()))
        });
        Named::default_of(own)
    } else {
        Named::default_of(Ok(pool.clone()))
    }
}

/// The domain the plan's FQDNs share (`northwind.net` for `pool01.corp.northwind.net` and
/// `edge01.perimeter.northwind.net`): the default SIP domain when the plan sets none. When they
/// share none, the Front End pool's domain (else a Director's, an Edge's, any node's).
pub fn plan_domain(plan: &Plan) -> Option<DnsName> {
    let parents: Vec<(usize, DnsName)> = (plan.nodes.values())
        .filter_map(|n| {
            let parent = DnsName::parse(&n.fqdn).ok()?.parent()?;
            let rank = ["front_end", "director", "edge"]
                .iter()
                .position(|r| n.role == *r)
                .unwrap_or(3);
            Some((rank, parent))
        })
        .collect();
    let mut shared = parents.first().map(|(_, p)| p.clone());
    for (_, p) in &parents {
        shared = shared.and_then(|s| s.common_domain(p));
    }
    shared.or_else(|| {
        parents
            .iter()
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, p)| p.clone())
    })
}
