//! Addresses that make rules wider than meant: a server or VIP address that is a network, a
//! client network of (nearly) every address, and one address on two nodes.

use std::collections::BTreeMap;

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message};
use crate::catalog::{Catalog, Scope};
use crate::escape::quoted;
use crate::net::IpNet;
use crate::plan::{NodeId, Plan};

/// Client networks wider than this prefix are a warning (IPv4, IPv6).
pub const WIDEST_CLIENT_PREFIX: (u8, u8) = (8, 32);

/// Wide addresses: an error per server, NAT or VIP address that is not one host and per client
/// network of `/0`; a warning per client network wider than [`WIDEST_CLIENT_PREFIX`]. The
/// networks of an "Any" or partner node may be anything: they stand for "Any" already.
pub(super) fn check_wide(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    for (id, node) in &plan.nodes {
        let clients = catalog.role(&node.role).is_some_and(|r| {
            (r.endpoints.iter())
                .any(|e| e.id == "clients" && matches!(e.scope, Scope::Networks { .. }))
        });
        let label = || quoted(&node.label);
        for (field, kind, addr) in host_addresses(node) {
            if addr.is_host() {
                continue;
            }
            out.push(finding(
                Severity::Error,
                FindingKind::WideAddress,
                Subject::Node(id.clone()),
                message("find.wide_host", |_| {
                    vec![
                        ("node", label()),
                        ("kind", kind.to_owned()),
                        ("addr", addr.to_string()),
                    ]
                }),
                Some(Fix::EditNode {
                    node: id.clone(),
                    field,
                }),
            ));
        }
        for net in node.networks.iter().filter(|_| clients) {
            let widest = if net.is_ipv4() {
                WIDEST_CLIENT_PREFIX.0
            } else {
                WIDEST_CLIENT_PREFIX.1
            };
            let (severity, key) = match net.prefix {
                0 => (Severity::Error, "find.wide_any_network"),
                p if p < widest => (Severity::Warning, "find.wide_network"),
                _ => continue,
            };
            out.push(finding(
                severity,
                FindingKind::WideAddress,
                Subject::Node(id.clone()),
                message(key, |_| {
                    vec![
                        ("node", label()),
                        ("addr", net.to_string()),
                        ("max", widest.to_string()),
                    ]
                }),
                Some(Fix::EditNode {
                    node: id.clone(),
                    field: NodeField::Addresses,
                }),
            ));
        }
    }
    out
}

/// A node's own addresses (members', their NAT public ones, VIPs), each with the field that
/// holds it and its endpoint kind: what must be one host and unique in the plan.
fn host_addresses(node: &crate::plan::Node) -> impl Iterator<Item = (NodeField, &str, IpNet)> {
    let members = node.members.iter().flat_map(|m| {
        (m.addresses.iter().chain(&m.nat)).map(|(k, a)| (NodeField::Addresses, k.as_str(), *a))
    });
    let vips = (node.vips.iter()).map(|(k, a)| (NodeField::Vips, k.as_str(), *a));
    members.chain(vips)
}

/// One error per address that two or more nodes use, naming the first two (in id order).
pub(super) fn check_duplicates(plan: &Plan) -> Vec<Finding> {
    let mut users: BTreeMap<IpNet, Vec<(&NodeId, &str, NodeField)>> = BTreeMap::new();
    for (id, node) in &plan.nodes {
        for (field, _, addr) in host_addresses(node) {
            let list = users.entry(addr).or_default();
            if list.last().is_none_or(|(last, _, _)| *last != id) {
                list.push((id, &node.label, field));
            }
        }
    }
    let mut out = Vec::new();
    for (addr, list) in users {
        let [(_, a, _), (b, b_label, field), ..] = list.as_slice() else {
            continue;
        };
        out.push(finding(
            Severity::Error,
            FindingKind::DuplicateAddress,
            Subject::Node((*b).clone()),
            message("find.duplicate_address", |_| {
                vec![
                    ("addr", addr.to_string()),
                    ("a", quoted(a)),
                    ("b", quoted(b_label)),
                    ("n", list.len().to_string()),
                ]
            }),
            Some(Fix::EditNode {
                node: (*b).clone(),
                field: *field,
            }),
        ));
    }
    out
}
