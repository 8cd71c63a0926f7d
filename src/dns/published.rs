//! What each reverse proxy publishes. Microsoft's "DNS summary - Reverse proxy" lists the
//! external web services of the pools and servers "that will use this reverse proxy", and the
//! simple URLs and `lyncdiscover`. In a plan, a pool uses the proxy it is linked to: that link
//! carries the rules from the proxy to the pool's external web services. A link whose rules the
//! user switched off still says which proxy the pool uses (switched-off rules are the user's
//! call, and a finding of their own).

use std::collections::BTreeMap;

use super::name::DnsName;
use super::names::{Named, Names};
use crate::plan::{NameKind, NodeId, Plan};

/// What a published name is for, in the order the certificate pages list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Published {
    /// A Front End pool's external web services.
    FrontEnd,
    /// A Director's external web services.
    Director,
    /// The Dial-in simple URL.
    Dialin,
    /// A Meet simple URL.
    Meet,
    /// An Office Web Apps farm.
    OfficeWebApps,
    /// `lyncdiscover` of a SIP domain.
    Discover,
}

impl Published {
    /// The purpose a DNS record gives.
    pub fn purpose(self) -> &'static str {
        match self {
            Self::FrontEnd => {
                "Front End pool external web services, published by the reverse proxy"
            }
            Self::Director => "Director external web services, published by the reverse proxy",
            Self::OfficeWebApps => "Office Web Apps Server, published by the reverse proxy",
            Self::Dialin => "Dial-in conferencing published externally",
            Self::Meet => "Conferences published externally",
            Self::Discover => {
                "Autodiscover for mobile clients and Lync Web App, published by the reverse proxy"
            }
        }
    }
}

/// One reverse proxy and the names it publishes, pools in id order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publisher {
    /// The reverse proxy.
    pub proxy: NodeId,
    /// Its names, each with what it is for.
    pub names: Vec<(DnsName, Published)>,
}

impl Publisher {
    /// Its names as "Certificate summary - Reverse proxy" lists them: Front End then Director
    /// external web, dial-in, meet, Office Web Apps, lyncdiscover; one of each.
    pub fn in_page_order(&self) -> Vec<&DnsName> {
        let mut ordered: Vec<&(DnsName, Published)> = self.names.iter().collect();
        ordered.sort_by_key(|(_, what)| *what);
        let mut seen = std::collections::BTreeSet::new();
        (ordered.into_iter())
            .map(|(n, _)| n)
            .filter(|n| seen.insert(*n))
            .collect()
    }
}

/// What the reverse proxies of a plan publish.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publishing {
    /// Each proxy, in id order, with its names.
    pub publishers: Vec<Publisher>,
    /// Pools linked to more than one proxy, with those proxies in id order: the first one
    /// publishes the pool, as a DNS name has one target (DNS round robin "does not enable
    /// failover", "Determine DNS requirements").
    pub several: Vec<(NodeId, Vec<NodeId>)>,
}

/// What each reverse proxy of `plan`, whose names are `names`, publishes (once, when the names
/// are resolved). A Front End pool's, Director's or Office Web Apps farm's external web
/// services go to the proxy linked to it (the first of several; the plan's first proxy when
/// none is, so a plan still being drawn keeps its records). The Dial-in and Meet simple URLs
/// and `lyncdiscover` per SIP domain are one set for the deployment, sent to the Director if
/// there is one, else a designated Front End pool ("Setting up reverse proxy servers"): they
/// go to the proxy publishing the first Director, else the first Front End pool, else the
/// first proxy.
pub(super) fn publishing(names: &Names, plan: &Plan) -> Publishing {
    let proxies: Vec<&NodeId> = (plan.nodes.iter())
        .filter(|(_, n)| n.role == "reverse_proxy")
        .map(|(id, _)| id)
        .collect();
    if proxies.is_empty() {
        return Publishing::default();
    }
    // The node ids come from a map, so `proxies` is sorted.
    let proxy_at = |id: &NodeId| proxies.binary_search(&id).ok();
    let mut linked: BTreeMap<&NodeId, Vec<usize>> = BTreeMap::new();
    for link in &plan.links {
        if let Some(p) = proxy_at(&link.a) {
            linked.entry(&link.b).or_default().push(p);
        }
        if let Some(p) = proxy_at(&link.b) {
            linked.entry(&link.a).or_default().push(p);
        }
    }
    let mut out = Publishing {
        publishers: (proxies.iter())
            .map(|p| Publisher {
                proxy: NodeId::clone(p),
                names: Vec::new(),
            })
            .collect(),
        several: Vec::new(),
    };
    // The proxy of the pool the simple URLs go to: the first Director's, else the first
    // Front End pool's.
    let mut front_door: Option<(Published, usize)> = None;
    let mut target: BTreeMap<&DnsName, usize> = BTreeMap::new();
    for (id, n) in &plan.nodes {
        let what = match n.role.as_str() {
            "front_end" => Published::FrontEnd,
            "director" => Published::Director,
            "office_web_apps" => Published::OfficeWebApps,
            _ => continue,
        };
        let mut via = linked.get(id).cloned().unwrap_or_default();
        via.sort_unstable();
        via.dedup();
        if via.len() > 1 {
            let ids = via.iter().map(|&p| NodeId::clone(proxies[p])).collect();
            out.several.push((id.clone(), ids));
        }
        let proxy = via.first().copied().unwrap_or(0);
        let door = match what {
            Published::Director => !matches!(front_door, Some((Published::Director, _))),
            Published::FrontEnd => front_door.is_none(),
            _ => false,
        };
        if door {
            front_door = Some((what, proxy));
        }
        // One target per name: two pools the user gave one name go to the first one's proxy.
        let name = (names.nodes.get(id)).and_then(|r| r.get(NameKind::ExternalWeb));
        if let Some(name) = name
            && *target.entry(name).or_insert(proxy) == proxy
        {
            out.publishers[proxy].names.push((name.clone(), what));
        }
    }
    let at = front_door.map_or(0, |(_, p)| p);
    let published = &mut out.publishers[at].names;
    published.extend(names.dialin.ok().map(|d| (d.clone(), Published::Dialin)));
    let meet = names.meet.iter().filter_map(Named::ok);
    published.extend(meet.map(|m| (m.clone(), Published::Meet)));
    for d in &names.sip_domains {
        let discover = d.child("lyncdiscover").ok();
        published.extend(discover.map(|l| (l, Published::Discover)));
    }
    out
}
