//! The records being built: each record's addresses (VIP or members, NAT's public ones),
//! its page chosen by the plan's topology, and the last pass that sorts, merges duplicates,
//! leaves out what a zone would refuse and puts each record in its zone.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::sync::Arc;

use super::name::DnsName;
use super::names::Names;
use super::records::{
    DIRECTOR_PAGES, DnsError, DnsRecord, DnsRecords, FRONT_END_PAGE, MOBILITY_PAGE, Page, Problem,
    RecordData, SIGN_IN_PAGE, SIMPLE_URL_PAGE, TTL, View,
};
use crate::catalog::{Catalog, Condition};
use crate::net::IpNet;
use crate::plan::{NameKind, Node, NodeId};
use crate::topology::LbMode;

/// Which addresses of a pool a name resolves to.
#[derive(Clone, Copy)]
pub(super) enum Resolve {
    /// The pool FQDN: every member under DNS load balancing, else the load balancer's VIP.
    Pool,
    /// Web services: the load balancer's VIP when there is one, else the members.
    Web,
}
use Resolve::{Pool, Web};

pub(super) struct Draft {
    view: View,
    name: DnsName,
    data: RecordData,
    node: Option<NodeId>,
    purpose: &'static str,
    page: Arc<Page>,
}

pub(super) struct Build<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) names: &'a Names,
    pub(super) drafts: Vec<Draft>,
    pub(super) problems: BTreeSet<Problem>,
}

/// The host addresses among `nets` (networks are not hosts).
pub(super) fn hosts<'n>(nets: impl IntoIterator<Item = &'n IpNet>) -> Vec<IpAddr> {
    nets.into_iter()
        .filter(|n| n.is_host())
        .map(|n| n.addr)
        .collect()
}

impl Build<'_> {
    /// Where internal clients and the Edge find the pools: `sip` inside, the simple URLs and
    /// `lyncdiscoverinternal`, on the Director if there is one, else the Front End pool.
    pub(super) fn front_door(&mut self, id: &NodeId, node: &Node) -> Result<(), DnsError> {
        let dir = node.role == "director";
        let pages = if dir { DIRECTOR_PAGES } else { FRONT_END_PAGE };
        for d in &self.names.sip_domains {
            let Ok(sip) = d.child("sip") else { continue };
            let purpose = if dir {
                "Inbound SIP from the Edge internal interface (the Director)"
            } else {
                "Lync Phone Edition and sign-in without SRV records (strict domain matching)"
            };
            self.host(View::Internal, &sip, id, node, Pool, purpose, pages)?;
        }
        let url_pages = if dir { DIRECTOR_PAGES } else { SIMPLE_URL_PAGE };
        for meet in self.names.meet.iter().filter_map(|n| n.ok()) {
            let purpose = "Meet simple URL, answered by the Director or Front End pool";
            self.host(View::Internal, meet, id, node, Web, purpose, url_pages)?;
        }
        if let Some(dialin) = self.names.dialin.ok() {
            let purpose = "Dial-in simple URL, answered by the Director or Front End pool";
            self.host(View::Internal, dialin, id, node, Web, purpose, url_pages)?;
        }
        if let Some(admin) = self.names.admin.ok() {
            let purpose = "Admin simple URL (Control Panel), internal only";
            self.host(
                View::Internal,
                admin,
                id,
                node,
                Web,
                purpose,
                SIMPLE_URL_PAGE,
            )?;
        }
        if let Some(web) = self.node_name(id, NameKind::InternalWeb) {
            for d in &self.names.sip_domains {
                let Ok(name) = d.child("lyncdiscoverinternal") else {
                    continue;
                };
                let purpose = "Autodiscover for clients inside: the internal web services";
                self.push(
                    View::Internal,
                    name,
                    RecordData::Cname(web.clone()),
                    Some(id),
                    purpose,
                    self.page(MOBILITY_PAGE, None)?,
                );
            }
        }
        Ok(())
    }

    /// The internal sign-in SRV record per SIP domain, to the Front End pool.
    pub(super) fn sign_in(&mut self, id: &NodeId, node: &Node) -> Result<(), DnsError> {
        let Some(pool) = self.names.nodes.get(id).and_then(|n| n.fqdn()).cloned() else {
            return Ok(());
        };
        for d in &self.names.sip_domains {
            let srv = RecordData::Srv {
                priority: 0,
                weight: 0,
                port: 5061,
                target: pool.clone(),
            };
            let purpose = "Automatic sign-in of internal clients";
            let page = self.page(SIGN_IN_PAGE, Some(node))?;
            self.push(
                View::Internal,
                d.service("_sipinternaltls._tcp"),
                srv,
                Some(id),
                purpose,
                page,
            );
        }
        Ok(())
    }

    pub(super) fn push(
        &mut self,
        view: View,
        name: DnsName,
        data: RecordData,
        node: Option<&NodeId>,
        purpose: &'static str,
        page: Arc<Page>,
    ) {
        self.drafts.push(Draft {
            view,
            name,
            data,
            node: node.cloned(),
            purpose,
            page,
        });
    }

    /// The first of `ids` the catalog has whose topology holds for `node`; else the first it has.
    pub(super) fn page(&self, ids: &[&str], node: Option<&Node>) -> Result<Arc<Page>, DnsError> {
        let holds = |c: &Condition| {
            node.is_some_and(|n| {
                n.role == c.role()
                    && match c {
                        Condition::Flag { flag, .. } => n.flags.contains(flag),
                        Condition::Lb { modes, .. } => modes.contains(&n.lb),
                        Condition::Addressing { mode, .. } => n.addressing == *mode,
                    }
            })
        };
        let found = || ids.iter().filter_map(|id| self.catalog.source(id));
        let source = (found().find(|s| s.topology.iter().all(holds)))
            .or_else(|| found().next())
            .ok_or_else(|| DnsError::MissingPage(ids.join("`, `")))?;
        Ok(Arc::new(Page {
            id: source.id.clone(),
            title: source.title.clone(),
            url: source.url.clone(),
        }))
    }

    pub(super) fn node_name(&self, id: &NodeId, kind: NameKind) -> Option<DnsName> {
        self.names.nodes.get(id)?.get(kind).cloned()
    }

    /// The internal addresses `name` resolves to on a Front End, Director or Edge pool.
    pub(super) fn pool_addresses(node: &Node, how: Resolve) -> (Vec<IpAddr>, &'static str) {
        let (member, vip) = if node.role == "edge" {
            ("internal_interface", "internal_vip")
        } else {
            ("server", "hlb_vip")
        };
        let use_vip = match how {
            Pool => node.lb == LbMode::HlbOnly,
            Web => node.lb != LbMode::Single && node.vips.contains_key(vip),
        };
        if use_vip {
            (hosts(node.vips.get(vip)), vip)
        } else {
            (
                hosts(node.members.iter().filter_map(|m| m.addresses.get(member))),
                member,
            )
        }
    }

    /// A and AAAA records of `name` for a node's addresses.
    #[expect(
        clippy::too_many_arguments,
        reason = "one call per record kind reads best flat"
    )]
    pub(super) fn host(
        &mut self,
        view: View,
        name: &DnsName,
        id: &NodeId,
        node: &Node,
        how: Resolve,
        purpose: &'static str,
        pages: &[&str],
    ) -> Result<(), DnsError> {
        let (addrs, endpoint) = Self::pool_addresses(node, how);
        self.addresses(view, name, id, node, addrs, endpoint, purpose, pages)
    }

    #[expect(clippy::too_many_arguments, reason = "the record's every part")]
    pub(super) fn addresses(
        &mut self,
        view: View,
        name: &DnsName,
        id: &NodeId,
        node: &Node,
        addrs: Vec<IpAddr>,
        endpoint: &'static str,
        purpose: &'static str,
        pages: &[&str],
    ) -> Result<(), DnsError> {
        if addrs.is_empty() {
            self.problems.insert(Problem::NoAddress {
                node: id.clone(),
                name: name.clone(),
                endpoint,
            });
            return Ok(());
        }
        let page = self.page(pages, Some(node))?;
        for a in addrs {
            self.push(
                view,
                name.clone(),
                RecordData::address(a),
                Some(id),
                purpose,
                Arc::clone(&page),
            );
        }
        Ok(())
    }

    /// A Front End or Director pool: each member's host record, the pool FQDN and the internal
    /// web services FQDN when it differs.
    pub(super) fn pool(
        &mut self,
        id: &NodeId,
        node: &Node,
        pages: &[&str],
        web_pages: &[&str],
    ) -> Result<(), DnsError> {
        let Some(resolved) = self.names.nodes.get(id) else {
            return Ok(());
        };
        let (pool, web) = (
            resolved.fqdn().cloned(),
            resolved.get(NameKind::InternalWeb).cloned(),
        );
        let members: Vec<_> = resolved
            .members
            .iter()
            .map(|m| m.as_ref().and_then(|m| m.ok().cloned()))
            .collect();
        for (member, name) in node.members.iter().zip(members) {
            let Some(name) = name else { continue };
            let addrs = hosts(member.addresses.get("server"));
            let purpose = "Server host record (replication and server to server)";
            self.addresses(
                View::Internal,
                &name,
                id,
                node,
                addrs,
                "server",
                purpose,
                pages,
            )?;
        }
        if let Some(pool) = &pool {
            let purpose = match node.lb {
                LbMode::DnsAndHlb | LbMode::Dns => {
                    "Pool FQDN, DNS load balanced: one record per server"
                }
                LbMode::HlbOnly => "Pool FQDN: the hardware load balancer's VIP",
                LbMode::Single => "Server FQDN",
            };
            self.host(View::Internal, pool, id, node, Pool, purpose, pages)?;
        }
        if let Some(web) = web.filter(|w| Some(w) != pool.as_ref()) {
            let purpose =
                "Internal web services: the load balancer's VIP for client-to-server web traffic";
            self.host(View::Internal, &web, id, node, Web, purpose, web_pages)?;
        }
        Ok(())
    }

    /// Sorted, one of each, with the zone each belongs in; aliases that clash and service
    /// records without a target address left out.
    pub(super) fn finish(self, names: Arc<Names>) -> DnsRecords {
        let mut problems = self.problems;
        let mut drafts = self.drafts;
        // One record of each view, name and data: the first made (the sort is stable).
        drafts.sort_by(|a, b| (a.view, &a.name, &a.data).cmp(&(b.view, &b.name, &b.data)));
        drafts.dedup_by(|b, a| (a.view, &a.name, &a.data) == (b.view, &b.name, &b.data));
        let with_address: BTreeSet<(View, &DnsName)> = (drafts.iter())
            .filter(|d| matches!(d.data, RecordData::A(_) | RecordData::Aaaa(_)))
            .map(|d| (d.view, &d.name))
            .collect();
        let mut kept = vec![true; drafts.len()];
        let mut at = 0;
        // Each owner's records are side by side once sorted.
        for owner in drafts.chunk_by(|a, b| (a.view, &a.name) == (b.view, &b.name)) {
            let is_alias = |d: &Draft| matches!(d.data, RecordData::Cname(_));
            let clash = owner.len() > 1 && owner.iter().any(is_alias);
            for (i, d) in owner.iter().enumerate() {
                if clash && is_alias(d) {
                    problems.insert(Problem::AliasClash {
                        name: d.name.clone(),
                    });
                    kept[at + i] = false;
                }
                if let RecordData::Srv { target, .. } = &d.data
                    && !with_address.contains(&(d.view, target))
                {
                    problems.insert(Problem::SrvWithoutAddress {
                        name: d.name.clone(),
                        target: target.clone(),
                    });
                    kept[at + i] = false;
                }
            }
            at += owner.len();
        }
        let mut records: Vec<DnsRecord> = (drafts.into_iter().zip(kept))
            .filter(|(_, kept)| *kept)
            .map(|(d, _)| DnsRecord {
                zone: zone_of(&names, &d.name, &d.data),
                view: d.view,
                name: d.name,
                data: d.data,
                ttl: TTL,
                purpose: d.purpose,
                page: d.page,
                node: d.node,
            })
            .collect();
        // Zones are the SIP domains and the domains of host names not directly below one.
        let zones: BTreeMap<View, BTreeSet<DnsName>> =
            records.iter().fold(BTreeMap::new(), |mut m, r| {
                m.entry(r.view).or_default().insert(r.zone.clone());
                m
            });
        for r in &mut records {
            // The longest zone the name is within.
            let better = (zones.get(&r.view))
                .and_then(|zones| r.name.self_and_above().find_map(|n| zones.get(n)));
            if let Some(better) = better {
                r.zone = better.clone();
            }
        }
        // No two records have the same view, name and data: no order of equals to keep.
        records.sort_unstable_by(|a, b| {
            (a.view, &a.zone, &a.name, &a.data).cmp(&(b.view, &b.zone, &b.name, &b.data))
        });
        DnsRecords {
            names,
            records,
            problems: problems.into_iter().collect(),
        }
    }
}

/// The zone a record's name belongs in before zones are merged: the longest SIP domain it is
/// within, else its host name's domain.
fn zone_of(names: &Names, name: &DnsName, data: &RecordData) -> DnsName {
    if !matches!(data, RecordData::Srv { .. })
        && let Some(parent) = name.parent()
    {
        return parent;
    }
    (names.sip_domains.iter())
        .filter(|d| name.is_within(d))
        .max_by_key(|d| d.as_str().len())
        .cloned()
        .or_else(|| name.parent())
        .unwrap_or_else(|| name.clone())
}
