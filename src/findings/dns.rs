//! DNS and the firewall plan disagree (`dns_mismatch`): a name the DNS records cannot publish
//! because its node lacks the address it resolves to, a service record whose target has no
//! address, an alias that shares its name with other records, a pool linked to several
//! reverse proxies, and a published name whose listener no rule of the plan reaches on TCP 443.

use std::collections::BTreeMap;

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message_same};
use crate::dns::{DnsName, Problem, View};
use crate::handoff::Handoff;
use crate::plan::{NodeId, Plan};
use crate::rules::RuleSet;

/// The endpoints clients reach a published name on, by the role of its node.
fn listeners(role: &str) -> &'static [&'static str] {
    match role {
        "reverse_proxy" => &["external_listener"],
        "edge" => &[
            "access_edge",
            "access_edge_vip",
            "webconf_edge",
            "webconf_edge_vip",
            "av_edge",
            "av_edge_vip",
        ],
        _ => &[],
    }
}

/// The records' own problems: names left unpublished for want of an address, service records
/// without a target address, aliases that clash.
pub(super) fn check(plan: &Plan, handoff: &Handoff) -> Vec<Finding> {
    let Ok(dns) = &handoff.dns else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let label = |id: &NodeId| plan.nodes.get(id).map_or("", |n| n.label.as_str());
    let mut unpublished: BTreeMap<(&NodeId, &str), Vec<&str>> = BTreeMap::new();
    for p in &dns.problems {
        match p {
            Problem::NoAddress {
                node,
                name,
                endpoint,
            } => {
                unpublished
                    .entry((node, endpoint))
                    .or_default()
                    .push(name.as_str());
            }
            Problem::SrvWithoutAddress { name, target } => {
                // Said once, at the name without an address, when that is the reason.
                let said = dns
                    .problems
                    .iter()
                    .any(|q| matches!(q, Problem::NoAddress { name: n, .. } if n == target));
                if !said {
                    out.push(finding(
                        Severity::Warning,
                        FindingKind::DnsMismatch,
                        Subject::Plan,
                        message_same(
                            "find.dns_srv_target",
                            &[("name", name.to_string()), ("target", target.to_string())],
                        ),
                        None,
                    ));
                }
            }
            Problem::SeveralProxies {
                node,
                name,
                proxies,
            } => {
                let quoted = |id: &NodeId| crate::escape::quoted(label(id));
                let names: Vec<String> = proxies.iter().map(quoted).collect();
                let first = proxies.first().map(quoted).unwrap_or_default();
                out.push(finding(
                    Severity::Warning,
                    FindingKind::DnsMismatch,
                    Subject::Node(node.clone()),
                    message_same(
                        "find.dns_several_proxies",
                        &[
                            ("node", quoted(node)),
                            ("name", name.to_string()),
                            ("proxies", names.join(", ")),
                            ("first", first),
                        ],
                    ),
                    None,
                ));
            }
            Problem::AliasClash { name } => out.push(finding(
                Severity::Warning,
                FindingKind::DnsMismatch,
                Subject::Plan,
                message_same("find.dns_alias", &[("name", name.to_string())]),
                None,
            )),
        }
    }
    out.extend(private_in_public(plan, &dns.records));
    for ((node, endpoint), names) in unpublished {
        out.push(finding(
            Severity::Warning,
            FindingKind::DnsMismatch,
            Subject::Node(node.clone()),
            message_same(
                "find.dns_no_address",
                &[
                    ("node", crate::escape::quoted(label(node))),
                    ("names", names.join(", ")),
                    ("endpoint", (*endpoint).to_owned()),
                ],
            ),
            Some(Fix::EditAddress {
                node: node.clone(),
                field: if endpoint.ends_with("_vip") {
                    NodeField::Vips
                } else {
                    NodeField::Addresses
                },
                endpoint: (*endpoint).into(),
                member: None,
            }),
        ));
    }
    out
}

/// A published name nobody can reach: no rule to its node's listener on TCP 443.
pub(super) fn unreached(plan: &Plan, handoff: &Handoff, rules: &RuleSet) -> Vec<Finding> {
    let Ok(dns) = &handoff.dns else {
        return Vec::new();
    };
    let records = &dns.records;
    let mut out = Vec::new();
    // One pass over the rules: the node endpoints some rule reaches on 443.
    let https = crate::net::PortRange::single(443);
    let on_443: std::collections::BTreeSet<(&NodeId, &str)> = (rules.rules.iter())
        .filter(|r| r.ports.contains(&https))
        .filter_map(|r| Some((r.destination.node.as_ref()?, &*r.destination.endpoint)))
        .collect();
    let mut published: BTreeMap<&NodeId, Vec<&str>> = BTreeMap::new();
    for r in records.iter().filter(|r| r.view == View::External) {
        if let Some(node) = &r.node {
            published.entry(node).or_default().push(r.name.as_str());
        }
    }
    for (node, mut names) in published {
        let Some(n) = plan.nodes.get(node) else {
            continue;
        };
        let wanted = listeners(&n.role);
        if wanted.is_empty() {
            continue;
        }
        let reached = wanted.iter().any(|e| on_443.contains(&(node, *e)));
        if !reached {
            names.dedup();
            out.push(finding(
                Severity::Warning,
                FindingKind::DnsMismatch,
                Subject::Node(node.clone()),
                message_same(
                    "find.dns_unreached",
                    &[
                        ("node", crate::escape::quoted(&n.label)),
                        ("names", names.join(", ")),
                    ],
                ),
                None,
            ));
        }
    }
    out
}

/// External DNS records that point at an Edge address Internet clients cannot reach (private,
/// shared, loopback or link-local): an Edge set to public addressing given its private
/// addresses publishes them. One warning per node and address. Only the Edge: the plan has
/// no NAT for a reverse proxy's listener (the examples' sit at private perimeter addresses).
fn private_in_public(plan: &Plan, records: &[crate::dns::DnsRecord]) -> Vec<Finding> {
    use crate::dns::RecordData;
    let mut by_address: BTreeMap<(&NodeId, std::net::IpAddr), Vec<&DnsName>> = BTreeMap::new();
    let edge = |id: &NodeId| plan.nodes.get(id).is_some_and(|n| n.role == "edge");
    for r in records.iter().filter(|r| r.view == View::External) {
        let address = match r.data {
            RecordData::A(a) => std::net::IpAddr::V4(a),
            RecordData::Aaaa(a) => std::net::IpAddr::V6(a),
            _ => continue,
        };
        if let (Some(node), false) = (&r.node, is_public(address))
            && edge(node)
        {
            let names = by_address.entry((node, address)).or_default();
            if !names.contains(&&r.name) {
                names.push(&r.name);
            }
        }
    }
    let label = |id: &NodeId| plan.nodes.get(id).map_or("", |n| n.label.as_str());
    (by_address.into_iter())
        .map(|((node, address), names)| {
            finding(
                Severity::Warning,
                FindingKind::DnsMismatch,
                Subject::Node(node.clone()),
                message_same(
                    "find.dns_private",
                    &[
                        ("node", crate::escape::quoted(label(node))),
                        ("names", super::first_few(&names)),
                        ("address", address.to_string()),
                    ],
                ),
                Some(address_field(plan, node, address)),
            )
        })
        .collect()
}

/// The field holding `address` on `node`: a member's address or NAT address, or a VIP, by its
/// endpoint kind; the addressing when none does.
fn address_field(plan: &Plan, node: &NodeId, address: std::net::IpAddr) -> Fix {
    let n = plan.nodes.get(node);
    let is = |net: &crate::net::IpNet| net.addr == address;
    let member = (n.iter().flat_map(|n| n.members.iter().enumerate()))
        .flat_map(|(i, m)| {
            let own = m.addresses.iter().map(move |(k, a)| (i, false, k, a));
            own.chain(m.nat.iter().map(move |(k, a)| (i, true, k, a)))
        })
        .find(|(_, _, _, a)| is(a))
        .map(|(i, nat, kind, _)| (NodeField::Addresses, kind, Some((i, nat))));
    let vip = (n.iter().flat_map(|n| &n.vips))
        .find(|(_, a)| is(a))
        .map(|(kind, _)| (NodeField::Vips, kind, None));
    match member.or(vip) {
        Some((field, endpoint, member)) => Fix::EditAddress {
            node: node.clone(),
            field,
            endpoint: endpoint.clone(),
            member,
        },
        None => Fix::EditNode {
            node: node.clone(),
            field: NodeField::Addressing,
        },
    }
}

/// An address the Internet can route to: not private (RFC 1918, unique local), shared
/// (RFC 6598), loopback, link-local, "this network", IETF protocol assignments, benchmarking,
/// reserved, multicast or broadcast; an IPv4-mapped IPv6 address as its IPv4 address.
/// Documentation ranges count as public here: the placeholder finding names them.
fn is_public(address: std::net::IpAddr) -> bool {
    match address {
        std::net::IpAddr::V4(a) => {
            let [first, second, third, _] = a.octets();
            let shared = first == 100 && (64..128).contains(&second);
            let protocol = first == 192 && second == 0 && third == 0;
            let benchmarking = first == 198 && (18..20).contains(&second);
            !(a.is_private()
                || shared
                || protocol
                || benchmarking
                || first == 0
                || first >= 224
                || a.is_loopback()
                || a.is_link_local())
        }
        std::net::IpAddr::V6(a) => {
            if let Some(v4) = a.to_ipv4_mapped() {
                return is_public(std::net::IpAddr::V4(v4));
            }
            let first = a.segments()[0];
            let unique_local = first & 0xfe00 == 0xfc00;
            let link_local = first & 0xffc0 == 0xfe80;
            let multicast = first & 0xff00 == 0xff00;
            !(unique_local || link_local || multicast || a.is_loopback() || a.is_unspecified())
        }
    }
}
