//! Invalid topology: nodes set up against their role (load balancing, VIPs, addressing, zone)
//! and links between roles that exchange no traffic.

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message, role_name};
use crate::catalog::{Catalog, Role, Scope, Text};
use crate::i18n::Lang;
use crate::plan::{Node, NodeId, Plan};
use crate::topology::{Addressing, LbMode, Zone};

/// The findings about every node of a known role and every link between two of the plan's
/// nodes.
pub(super) fn check(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    for (id, node) in &plan.nodes {
        if let Some(role) = catalog.role(&node.role) {
            node_topology(role, id, node, &mut out);
        }
    }
    out.extend(central_management_stores(plan));
    for link in &plan.links {
        let (Some(a), Some(b)) = (plan.nodes.get(&link.a), plan.nodes.get(&link.b)) else {
            continue;
        };
        if !link.custom.is_empty() || catalog.exchange_traffic(&a.role, &b.role) {
            continue;
        }
        out.push(finding(
            Severity::Warning,
            FindingKind::InvalidTopology,
            Subject::Link(link.a.clone(), link.b.clone()),
            message("find.no_traffic", |l| {
                vec![
                    ("a", crate::escape::quoted(&a.label)),
                    ("b", crate::escape::quoted(&b.label)),
                    ("role_a", role_name(catalog, &a.role, l)),
                    ("role_b", role_name(catalog, &b.role, l)),
                ]
            }),
            Some(Fix::RemoveLink {
                a: link.a.clone(),
                b: link.b.clone(),
            }),
        ));
    }
    out
}

fn node_topology(role: &Role, id: &NodeId, node: &Node, out: &mut Vec<Finding>) {
    let edit = |field| {
        Some(Fix::EditNode {
            node: id.clone(),
            field,
        })
    };
    let mut push = |severity, message: Text, fix| {
        out.push(finding(
            severity,
            FindingKind::InvalidTopology,
            Subject::Node(id.clone()),
            message,
            fix,
        ));
    };
    if !role.lb_modes.contains(&node.lb) {
        let allowed: Vec<&str> = role.lb_modes.iter().map(|m| m.as_str()).collect();
        push(
            Severity::Error,
            lb_not_allowed(role, node, &allowed),
            edit(NodeField::Lb),
        );
    }
    let has_vip_endpoints = role.endpoints.iter().any(|e| e.scope == Scope::Vip);
    let wants_vip = matches!(node.lb, LbMode::DnsAndHlb | LbMode::HlbOnly);
    if wants_vip && has_vip_endpoints && node.vips.is_empty() {
        push(
            Severity::Error,
            message("find.no_vip", |_| {
                vec![
                    ("node", crate::escape::quoted(&node.label)),
                    ("lb", node.lb.as_str().to_owned()),
                ]
            }),
            edit(NodeField::Vips),
        );
    }
    if node.lb == LbMode::HlbOnly && node.addressing == Addressing::Nat {
        push(
            Severity::Error,
            message("find.hlb_nat", |_| {
                vec![("node", crate::escape::quoted(&node.label))]
            }),
            edit(NodeField::Addressing),
        );
    }
    if node.lb == LbMode::Dns && node.flags.contains("ocs2007_federation") {
        push(
            Severity::Warning,
            message("find.ocs2007_dns", |_| {
                vec![("node", crate::escape::quoted(&node.label))]
            }),
            edit(NodeField::Lb),
        );
    }
    if node.lb == LbMode::Single && node.members.len() > 1 {
        push(
            Severity::Warning,
            message("find.single_members", |_| {
                vec![
                    ("node", crate::escape::quoted(&node.label)),
                    ("n", node.members.len().to_string()),
                ]
            }),
            edit(NodeField::Lb),
        );
    }
    if node.zone != role.default_zone {
        push(
            Severity::Info,
            message("find.zone", |l| {
                vec![
                    ("node", crate::escape::quoted(&node.label)),
                    ("zone", zone_name(l, node.zone).to_owned()),
                    ("role", role.name.get(l).to_owned()),
                    ("default", zone_name(l, role.default_zone).to_owned()),
                ]
            }),
            edit(NodeField::Zone),
        );
    }
}

/// A deployment has one Central Management store, whose master copy one pool holds and
/// replicates to every other server (445, 4443 to the Edge): two pools flagged `holds_cms`
/// would both push, and each get the rules for it. One warning, naming the first two in id
/// order, on the second.
fn central_management_stores(plan: &Plan) -> Option<Finding> {
    let mut holders = (plan.nodes.iter()).filter(|(_, n)| n.flags.contains(crate::plan::HOLDS_CMS));
    let (_, first) = holders.next()?;
    let (id, second) = holders.next()?;
    let n = 2 + holders.count();
    Some(finding(
        Severity::Warning,
        FindingKind::InvalidTopology,
        Subject::Node(id.clone()),
        message("find.cms_twice", |_| {
            vec![
                ("a", crate::escape::quoted(&first.label)),
                ("b", crate::escape::quoted(&second.label)),
                ("n", n.to_string()),
            ]
        }),
        None,
    ))
}

fn zone_name(lang: Lang, zone: Zone) -> &'static str {
    crate::i18n::tr(
        lang,
        match zone {
            Zone::Internet => "zone.internet",
            Zone::Perimeter => "zone.perimeter",
            Zone::Internal => "zone.internal",
        },
    )
}

/// "uses load balancing X, which a ROLE does not support", with why DNS alone fails for web pools.
fn lb_not_allowed(role: &Role, node: &Node, allowed: &[&str]) -> Text {
    let web = node.lb == LbMode::Dns && role.endpoint("hlb_vip").is_some();
    let text = message("find.lb_not_allowed", |l| {
        vec![
            ("node", crate::escape::quoted(&node.label)),
            ("lb", node.lb.as_str().to_owned()),
            ("role", role.name.get(l).to_owned()),
            ("allowed", allowed.join(", ")),
        ]
    });
    if !web {
        return text;
    }
    let why = message("find.lb_dns_web", |_| Vec::new());
    Text {
        en: format!("{} {}", text.en, why.en),
        zh_tw: format!("{} {}", text.zh_tw, why.zh_tw),
        ko_kr: format!("{} {}", text.ko_kr, why.ko_kr),
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    /// Roles exchange traffic when a requirement connects them either way round, also through
    /// an "Any" side's `via`; roles only the same third role talks to do not.
    #[test]
    fn roles_exchange_traffic_when_a_requirement_connects_them() {
        let catalog = Catalog::builtin().unwrap();
        let talk = |a, b| catalog.exchange_traffic(a, b);
        assert!(talk("front_end", "sql_back_end") && talk("sql_back_end", "front_end"));
        assert!(talk("edge", "xmpp_partner") && talk("xmpp_partner", "edge"));
        assert!(!talk("sql_back_end", "xmpp_partner"));
        assert!(!talk("front_end", "no_such_role"));
    }
}
