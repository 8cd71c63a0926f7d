//! `derive(&Plan, &Catalog) -> RuleSet`: links activate requirements in both directions,
//! nodes carry their intrinsic "Any" rules, custom rules are added as written.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::resolve::{any_end, node_end};
use super::{Rule, RuleEnd, RuleSet};
use crate::catalog::{Catalog, Condition, Requirement, Side, Text};
use crate::i18n::Lang;
use crate::plan::{Link, Node, NodeId, Plan};
use crate::topology::Firewall;

/// Every rule the plan needs, sorted and with stable ids.
pub fn derive(plan: &Plan, catalog: &Catalog) -> RuleSet {
    let shared = Shared::new(catalog, plan);
    let mut rules = Vec::new();
    for link in &plan.links {
        link_rules(plan, catalog, &shared, link, &mut rules);
    }
    let adjacency = plan.adjacency();
    for (id, node) in &plan.nodes {
        intrinsic_rules(plan, catalog, &shared, &adjacency, id, node, &mut rules);
    }
    let mut rules = sorted(plan, rules);
    rules.dedup_by(|x, y| x.id == y.id);
    RuleSet {
        plan: plan.name.clone(),
        catalog: catalog.label(),
        rules,
    }
}

/// Each requirement's notes and citations, built once per derivation and shared by its rules:
/// thousands of rules, a few dozen texts.
/// Also the role-to-role requirements of the plan's product by (source role, destination role),
/// in catalog order: a link looks up its two directions instead of testing every requirement.
struct Shared<'c> {
    texts: BTreeMap<&'c str, (Arc<Text>, Arc<[String]>)>,
    by_roles: BTreeMap<(&'c str, &'c str), Vec<&'c Requirement>>,
}

impl<'c> Shared<'c> {
    fn new(catalog: &'c Catalog, plan: &Plan) -> Self {
        let texts = catalog
            .requirements()
            .iter()
            .map(|r| {
                (
                    r.id.as_str(),
                    (Arc::new(r.notes.clone()), Arc::from(catalog.citations(r))),
                )
            })
            .collect();
        let mut by_roles: BTreeMap<(&str, &str), Vec<&Requirement>> = BTreeMap::new();
        for req in catalog.requirements() {
            if let (Side::Role { role: s, .. }, Side::Role { role: d, .. }) =
                (&req.source, &req.destination)
                && for_product(req, plan)
            {
                by_roles
                    .entry((s.as_str(), d.as_str()))
                    .or_default()
                    .push(req);
            }
        }
        Self { texts, by_roles }
    }

    fn of(&self, req: &Requirement) -> (Arc<Text>, Arc<[String]>) {
        self.texts.get(req.id.as_str()).map_or_else(
            || (Arc::new(req.notes.clone()), Arc::from([])),
            |(n, r)| (Arc::clone(n), Arc::clone(r)),
        )
    }
}

/// Firewall, destination node rank, port, transport, source node rank.
type SortKey = (Firewall, u32, u16, crate::net::Transport, u32);

/// The rules ordered by firewall, destination node, port, transport, source node and id, as a
/// stable sort by those fields would order them. Node ids are compared by their rank in the
/// plan's sorted node map and rules are moved once, not at every comparison: sorting 15,000
/// rules by their string fields was a fifth of a derivation.
fn sorted(plan: &Plan, rules: Vec<Rule>) -> Vec<Rule> {
    let rank: BTreeMap<&NodeId, u32> = plan.nodes.keys().zip(1..).collect();
    // "Any" (no node) sorts first, as `None` did.
    let rank_of = |n: &Option<NodeId>| n.as_ref().and_then(|n| rank.get(n)).copied().unwrap_or(0);
    let mut order: Vec<(SortKey, usize)> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let key = (
                r.firewall,
                rank_of(&r.destination.node),
                r.ports.from,
                r.transport,
                rank_of(&r.source.node),
            );
            (key, i)
        })
        .collect();
    order.sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| rules[*a].id.cmp(&rules[*b].id))
            .then(a.cmp(b))
    });
    let mut slots: Vec<Option<Rule>> = rules.into_iter().map(Some).collect();
    order.iter().filter_map(|(_, i)| slots[*i].take()).collect()
}

fn link_rules(
    plan: &Plan,
    catalog: &Catalog,
    shared: &Shared<'_>,
    link: &Link,
    out: &mut Vec<Rule>,
) {
    let (Some(a), Some(b)) = (plan.nodes.get(&link.a), plan.nodes.get(&link.b)) else {
        return;
    };
    let ends = [(&link.a, a, &link.b, b), (&link.b, b, &link.a, a)];
    for (src_id, src, dst_id, dst) in ends {
        let Some(reqs) = shared.by_roles.get(&(src.role.as_str(), dst.role.as_str())) else {
            continue;
        };
        let (Some(sr), Some(dr)) = (catalog.role(&src.role), catalog.role(&dst.role)) else {
            continue;
        };
        for req in reqs {
            if link.disabled.contains(&req.id) || !conditions_hold(req, Some(src), Some(dst)) {
                continue;
            }
            let (
                Side::Role {
                    endpoint: src_sel, ..
                },
                Side::Role {
                    endpoint: dst_sel, ..
                },
            ) = (&req.source, &req.destination)
            else {
                continue;
            };
            let source = node_end(src_id, src, sr, src_sel.resolve(src.lb));
            let destination = node_end(dst_id, dst, dr, dst_sel.resolve(dst.lb));
            out.push(rule(
                shared,
                req,
                [(source, Some(src)), (destination, Some(dst))],
                Some(link),
            ));
        }
    }
    for (index, custom) in link.custom.iter().enumerate() {
        let to_id = link.other(&custom.from);
        let (Some(from), Some(to)) = (plan.nodes.get(&custom.from), plan.nodes.get(to_id)) else {
            continue;
        };
        let (Some(fr), Some(tr)) = (catalog.role(&from.role), catalog.role(&to.role)) else {
            continue;
        };
        let (Some(fk), Some(tk)) = (fr.endpoints.first(), tr.endpoints.first()) else {
            continue;
        };
        let source = node_end(&custom.from, from, fr, &fk.id);
        let destination = node_end(to_id, to, tr, &tk.id);
        out.push(Rule {
            id: {
                let (a, b) = link_key(link);
                format!("custom:{a}-{b}:{}", index + 1)
            },
            requirement: "custom".to_owned(),
            firewall: Firewall::between(source.zone, destination.zone),
            source,
            destination,
            application: custom.application.clone(),
            transport: custom.transport,
            ports: custom.ports,
            notes: Arc::new(Text {
                en: crate::i18n::trf(Lang::En, "rule.custom_note", &[("name", &custom.name)]),
                zh_tw: crate::i18n::trf(Lang::ZhTw, "rule.custom_note", &[("name", &custom.name)]),
                ko_kr: crate::i18n::trf(Lang::KoKr, "rule.custom_note", &[("name", &custom.name)]),
            }),
            references: Arc::from([]),
            link: Some(link_key(link)),
        });
    }
}

fn intrinsic_rules(
    plan: &Plan,
    catalog: &Catalog,
    shared: &Shared<'_>,
    adjacency: &crate::plan::Adjacency<'_>,
    id: &NodeId,
    node: &Node,
    out: &mut Vec<Rule>,
) {
    let Some(role) = catalog.role(&node.role) else {
        return;
    };
    for req in catalog.requirements() {
        if !for_product(req, plan) {
            continue;
        }
        let (any_zone, via, select, node_is_source) = match (&req.source, &req.destination) {
            (Side::Any { zone, via }, Side::Role { role: r, endpoint }) if r == &node.role => {
                (*zone, via, endpoint, false)
            }
            (Side::Role { role: r, endpoint }, Side::Any { zone, via }) if r == &node.role => {
                (*zone, via, endpoint, true)
            }
            _ => continue,
        };
        if !conditions_hold(req, Some(node), None) {
            continue;
        }
        let own = node_end(id, node, role, select.resolve(node.lb));
        let peers: Vec<(&NodeId, &Node, &Link)> = adjacency
            .of(id)
            .iter()
            .filter_map(|&(p, link)| plan.nodes.get(p).map(|n| (p, n, link)))
            .filter(|(_, n, _)| via.contains(&n.role))
            .collect();
        if peers.is_empty() {
            let ends = if node_is_source {
                [(own, Some(node)), (any_end(any_zone), None)]
            } else {
                [(any_end(any_zone), None), (own, Some(node))]
            };
            out.push(rule(shared, req, ends, None));
            continue;
        }
        for (peer_id, peer, link) in peers {
            if link.disabled.contains(&req.id) {
                continue;
            }
            let Some(peer_role) = catalog.role(&peer.role) else {
                continue;
            };
            let Some(kind) = peer_role.endpoints.first() else {
                continue;
            };
            let peer_end = node_end(peer_id, peer, peer_role, &kind.id);
            let ends = if node_is_source {
                [(own.clone(), Some(node)), (peer_end, Some(peer))]
            } else {
                [(peer_end, Some(peer)), (own.clone(), Some(node))]
            };
            out.push(rule(shared, req, ends, Some(link)));
        }
    }
}

/// True when the row applies to the plan's product.
fn for_product(req: &Requirement, plan: &Plan) -> bool {
    req.products.is_empty() || req.products.contains(&plan.product)
}

fn conditions_hold(req: &Requirement, src: Option<&Node>, dst: Option<&Node>) -> bool {
    req.when.iter().all(|cond| {
        let Some(node) = [src, dst]
            .into_iter()
            .flatten()
            .find(|n| n.role == cond.role())
        else {
            return false;
        };
        match cond {
            Condition::Flag { flag, .. } => node.flags.contains(flag),
            Condition::Lb { modes, .. } => modes.contains(&node.lb),
            Condition::Addressing { mode, .. } => node.addressing == *mode,
        }
    })
}

/// A rule from a requirement; `ends` are (source, destination), each with its node.
fn rule(
    shared: &Shared<'_>,
    req: &Requirement,
    ends: [(RuleEnd, Option<&Node>); 2],
    link: Option<&Link>,
) -> Rule {
    let [(source, src_node), (destination, dst_node)] = ends;
    let node_or_any = |end: &RuleEnd| end.node.as_ref().map_or("any", NodeId::as_str).to_owned();
    let (mut notes, references) = shared.of(req);
    for (end, node) in [(&source, src_node), (&destination, dst_node)] {
        if let Some(public) = node.and_then(|n| nat_public(n, end)) {
            let notes = Arc::make_mut(&mut notes);
            for (lang, text) in [
                (Lang::En, &mut notes.en),
                (Lang::ZhTw, &mut notes.zh_tw),
                (Lang::KoKr, &mut notes.ko_kr),
            ] {
                if !text.is_empty() {
                    text.push(' ');
                    text.push_str(&crate::i18n::trf(
                        lang,
                        "rule.nat_note",
                        &[("addr", &public)],
                    ));
                }
            }
        }
    }
    Rule {
        id: format!(
            "{}:{}>{}",
            req.id,
            node_or_any(&source),
            node_or_any(&destination)
        ),
        requirement: req.id.clone(),
        firewall: Firewall::between(source.zone, destination.zone),
        application: req.application.clone(),
        transport: req.transport,
        ports: req.ports,
        notes,
        references,
        link: link.map(link_key),
        source,
        destination,
    }
}

/// For a NAT Edge end, the public addresses that map onto the private ones in the rule.
fn nat_public(node: &Node, end: &RuleEnd) -> Option<String> {
    if node.addressing != crate::topology::Addressing::Nat {
        return None;
    }
    let public: Vec<String> = node
        .members
        .iter()
        .filter_map(|m| m.nat.get(&end.endpoint))
        .map(ToString::to_string)
        .collect();
    (!public.is_empty()).then(|| public.join(", "))
}

/// A link's ends in sorted order, so ids and keys do not depend on how the file lists them.
fn link_key(link: &Link) -> (NodeId, NodeId) {
    if link.a <= link.b {
        (link.a.clone(), link.b.clone())
    } else {
        (link.b.clone(), link.a.clone())
    }
}
