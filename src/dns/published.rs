//! What each reverse proxy publishes. Microsoft's "DNS summary - Reverse proxy" lists the
//! external web services of the pools and servers "that will use this reverse proxy", and the
//! simple URLs and `lyncdiscover`. In a plan, a pool uses the proxies it is linked to: those
//! links carry the rules from the proxy to the pool's external web services.

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

impl Names {
    /// What each reverse proxy of `plan` publishes, proxies in id order: each Front End pool's,
    /// Director's and Office Web Apps farm's external web services at every proxy linked to it
    /// (at the first proxy when none is, so a plan still being drawn keeps its records); the
    /// Dial-in and Meet simple URLs and `lyncdiscover` per SIP domain at the first proxy, as
    /// they are one set of names for the whole deployment.
    pub fn publishers(&self, plan: &Plan) -> Vec<Publisher> {
        let proxies: Vec<&NodeId> = (plan.nodes.iter())
            .filter(|(_, n)| n.role == "reverse_proxy")
            .map(|(id, _)| id)
            .collect();
        if proxies.is_empty() {
            return Vec::new();
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
        let mut out: Vec<Publisher> = (proxies.iter())
            .map(|p| Publisher {
                proxy: NodeId::clone(p),
                names: Vec::new(),
            })
            .collect();
        for (id, n) in &plan.nodes {
            let what = match n.role.as_str() {
                "front_end" => Published::FrontEnd,
                "director" => Published::Director,
                "office_web_apps" => Published::OfficeWebApps,
                _ => continue,
            };
            let Some(name) = (self.nodes.get(id)).and_then(|r| r.get(NameKind::ExternalWeb)) else {
                continue;
            };
            let mut via = linked.get(id).cloned().unwrap_or_else(|| vec![0]);
            via.sort_unstable();
            via.dedup();
            for p in via {
                out[p].names.push((name.clone(), what));
            }
        }
        let first = &mut out[0].names;
        first.extend(self.dialin.ok().map(|d| (d.clone(), Published::Dialin)));
        let meet = self.meet.iter().filter_map(Named::ok);
        first.extend(meet.map(|m| (m.clone(), Published::Meet)));
        for d in &self.sip_domains {
            let discover = d.child("lyncdiscover").ok();
            first.extend(discover.map(|l| (l, Published::Discover)));
        }
        out
    }
}
