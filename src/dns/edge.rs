//! The Edge's records (its internal FQDN, its three external services, the SRV records of
//! sign-in, federation and XMPP) and the names each reverse proxy publishes.

use std::net::IpAddr;
use std::sync::Arc;

use super::build::{Build, Resolve::Pool, hosts};
use super::name::DnsName;
use super::published::Published;
use super::records::{DNS_LB_PAGE, DnsError, EDGE_PAGES, REVERSE_PROXY_PAGE, RecordData, View};
use crate::plan::{NameKind, Node, NodeId};
use crate::topology::{Addressing, LbMode};

impl Build<'_> {
    /// The external addresses of an Edge service: the VIP behind a hardware load balancer,
    /// else each member's public address (NAT's public one when the Edge is NAT'd).
    fn edge_external(node: &Node, kind: &'static str) -> (Vec<IpAddr>, &'static str) {
        if node.lb == LbMode::HlbOnly {
            let vip = match kind {
                "access_edge" => "access_edge_vip",
                "webconf_edge" => "webconf_edge_vip",
                _ => "av_edge_vip",
            };
            return (hosts(node.vips.get(vip)), vip);
        }
        let addrs = node.members.iter().filter_map(|m| match node.addressing {
            Addressing::Nat => m.nat.get(kind),
            Addressing::Public => m.addresses.get(kind),
        });
        (hosts(addrs), kind)
    }

    pub(super) fn edge(&mut self, id: &NodeId, node: &Node, first: bool) -> Result<(), DnsError> {
        let Some(resolved) = self.names.nodes.get(id).cloned() else {
            return Ok(());
        };
        if let Some(fqdn) = resolved.fqdn() {
            let purpose = "Edge internal interface";
            self.host(View::Internal, fqdn, id, node, Pool, purpose, EDGE_PAGES)?;
        }
        if node.lb == LbMode::Dns {
            for (member, name) in node.members.iter().zip(&resolved.members) {
                let Some(name) = name.as_ref().and_then(|n| n.ok()) else {
                    continue;
                };
                let addrs = hosts(member.addresses.get("internal_interface"));
                let purpose = "Edge Server's own internal FQDN (a DNS load balanced pool member)";
                self.addresses(
                    View::Internal,
                    name,
                    id,
                    node,
                    addrs,
                    "internal_interface",
                    purpose,
                    DNS_LB_PAGE,
                )?;
            }
        }
        let access: Vec<DnsName> = resolved
            .access
            .iter()
            .filter_map(|n| n.ok().cloned())
            .collect();
        let (addrs, endpoint) = Self::edge_external(node, "access_edge");
        for name in &access {
            let purpose = "Access Edge external interface (one per SIP domain)";
            self.addresses(
                View::External,
                name,
                id,
                node,
                addrs.clone(),
                endpoint,
                purpose,
                EDGE_PAGES,
            )?;
        }
        for (kind, endpoint, purpose) in [
            (
                NameKind::Webconf,
                "webconf_edge",
                "Web Conferencing Edge external interface",
            ),
            (NameKind::Av, "av_edge", "A/V Edge external interface"),
        ] {
            if let Some(name) = resolved.get(kind) {
                let (addrs, endpoint) = Self::edge_external(node, endpoint);
                self.addresses(
                    View::External,
                    name,
                    id,
                    node,
                    addrs,
                    endpoint,
                    purpose,
                    EDGE_PAGES,
                )?;
            }
        }
        let xmpp = node
            .flags
            .contains("xmpp")
            .then(|| resolved.get(NameKind::Xmpp).cloned())
            .flatten();
        if let Some(x) = &xmpp {
            let purpose = "XMPP proxy on the Access Edge service";
            self.addresses(
                View::External,
                x,
                id,
                node,
                addrs,
                endpoint,
                purpose,
                EDGE_PAGES,
            )?;
        }
        if first {
            self.edge_srv(id, node, &access, xmpp.as_ref())?;
        }
        Ok(())
    }

    /// The SRV records of external sign-in, federation and XMPP per SIP domain, to the Access
    /// Edge name in that domain (else the first).
    fn edge_srv(
        &mut self,
        id: &NodeId,
        node: &Node,
        access: &[DnsName],
        xmpp: Option<&DnsName>,
    ) -> Result<(), DnsError> {
        let page = self.page(EDGE_PAGES, Some(node))?;
        for d in &self.names.sip_domains.clone() {
            let Some(target) = access
                .iter()
                .find(|a| a.parent().as_ref() == Some(d))
                .or(access.first())
            else {
                break;
            };
            let srv = |port: u16, target: &DnsName| RecordData::Srv {
                priority: 0,
                weight: 0,
                port,
                target: target.clone(),
            };
            let purpose = "Automatic sign-in of external clients (Access Edge)";
            self.push(
                View::External,
                d.service("_sip._tls"),
                srv(443, target),
                Some(id),
                purpose,
                Arc::clone(&page),
            );
            let purpose = "Federation discovery and push notifications (Access Edge)";
            self.push(
                View::External,
                d.service("_sipfederationtls._tcp"),
                srv(5061, target),
                Some(id),
                purpose,
                Arc::clone(&page),
            );
            if let Some(x) = xmpp {
                let purpose = "XMPP federation (the XMPP proxy)";
                self.push(
                    View::External,
                    d.service("_xmpp-server._tcp"),
                    srv(5269, x),
                    Some(id),
                    purpose,
                    Arc::clone(&page),
                );
            }
        }
        Ok(())
    }

    /// The names a reverse proxy publishes (`names`), each to its external listener.
    pub(super) fn published(
        &mut self,
        id: &NodeId,
        node: &Node,
        names: &[(DnsName, Published)],
    ) -> Result<(), DnsError> {
        let addrs = hosts(node.members.iter().filter_map(|m| {
            m.nat
                .get("external_listener")
                .or(m.addresses.get("external_listener"))
        }));
        for (name, what) in names {
            self.addresses(
                View::External,
                name,
                id,
                node,
                addrs.clone(),
                "external_listener",
                what.purpose(),
                REVERSE_PROXY_PAGE,
            )?;
        }
        Ok(())
    }
}
