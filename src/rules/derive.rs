//! `derive(&Plan, &Catalog) -> RuleSet`: links activate requirements in both directions,
//! nodes carry their intrinsic "Any" rules, custom rules are added as written.
//!
//! A derivation builds each piece of text once and shares it: one end per node and endpoint
//! kind, one set of texts per requirement. Rules are then small records of shared parts, so a
//! 2,000-node plan's 15,000 rules cost a few thousand allocations, not hundreds of thousands.

use std::cell::OnceCell;
use std::sync::Arc;

use super::prepared::{Prepared, Prepped};
use super::resolve::{any_end, nat_public, node_end};
use super::sort::Out;
use super::{Origin, Rule, RuleEnd, RuleSet};
use crate::catalog::{Catalog, Condition, Requirement, Role, Side, Text};
use crate::i18n::Lang;
use crate::plan::{Index, Link, Node, NodeId, Plan};
use crate::topology::{Firewall, Zone};

/// Every rule the plan needs, sorted and with stable ids.
pub fn derive(plan: &Plan, catalog: &Catalog) -> RuleSet {
    derive_indexed(&plan.index(), plan, catalog)
}

/// `derive` with the plan's index already built (findings use the same one).
pub fn derive_indexed(index: &Index<'_>, plan: &Plan, catalog: &Catalog) -> RuleSet {
    let cx = Context::new(index, plan, catalog);
    let mut out = Out::new(plan.links.len(), index.nodes().len());
    for (i, link) in plan.links.iter().enumerate() {
        if let Some((a, b)) = cx.index.ends(i) {
            link_rules(&cx, link, (&cx.nodes[a], &cx.nodes[b]), &mut out);
        }
    }
    for entry in &cx.nodes {
        intrinsic_rules(&cx, entry, &mut out);
    }
    RuleSet {
        plan: plan.name.clone(),
        catalog: catalog.label(),
        rules: out.sorted(),
    }
}

/// A requirement during one derivation: its catalog row and what is prepared for it.
struct Req<'a> {
    row: &'a Requirement,
    at: &'a Prepped,
}

/// A node during one derivation: its rank in the plan's sorted node map (the sort key counts
/// from 1; 0 is "Any"), its role and where its ends are kept (`Context::ends`).
struct Entry<'a> {
    rank: usize,
    id: &'a NodeId,
    node: &'a Node,
    role: Option<(usize, &'a Role)>,
    /// Made when the node's first end is built: the part of a plan an edit derives again has
    /// nodes at its edge whose ends are never built.
    label: OnceCell<Arc<str>>,
    /// The node's first place in `Context::ends`, followed by one per kind of its role.
    ends: usize,
}

/// A built rule end, with the NAT public addresses a rule's notes mention.
struct End {
    shared: Arc<RuleEnd>,
    nat: Option<Arc<str>>,
    key: u32,
}

/// What one derivation looks up: nodes and links by rank, the catalog's prepared part
/// (requirements by role pair and by role, endpoint kinds, shared names), and each node's
/// ends: one place per kind of its role for the end built for it, so finding a built end is
/// one index, and rules borrow it.
struct Context<'a> {
    index: &'a Index<'a>,
    nodes: Vec<Entry<'a>>,
    /// By place in `Prepared::reqs`.
    reqs: Vec<Req<'a>>,
    p: &'a Prepared,
    /// Every node's ends, node after node (see `Entry::ends`); `None` when it has none.
    ends: Vec<OnceCell<Option<End>>>,
    any: [OnceCell<End>; Zone::ALL.len()],
}

impl<'a> Context<'a> {
    fn new(index: &'a Index<'a>, plan: &'a Plan, catalog: &'a Catalog) -> Self {
        let p = catalog.prepared(plan.product);
        let rows = catalog.requirements();
        let reqs = (p.reqs.iter())
            .map(|at| Req {
                row: &rows[at.index],
                at,
            })
            .collect();
        let mut places = 0;
        let nodes = index
            .nodes()
            .iter()
            .enumerate()
            .map(|(rank, &(id, node))| {
                let role = catalog
                    .role_rank(&node.role)
                    .map(|i| (i, &catalog.roles()[i]));
                let ends = places;
                places += role.map_or(0, |(r, _)| p.role_kinds[r].len());
                Entry {
                    rank,
                    id,
                    node,
                    role,
                    label: OnceCell::new(),
                    ends,
                }
            })
            .collect();
        Self {
            index,
            nodes,
            reqs,
            p,
            ends: std::iter::repeat_with(OnceCell::new).take(places).collect(),
            any: Default::default(),
        }
    }

    fn entry(&self, id: &NodeId) -> Option<&Entry<'a>> {
        self.index.rank(id).map(|i| &self.nodes[i])
    }

    /// The end for the endpoint kind at `place` in the kinds of `entry`'s role, built the
    /// first time it is asked for.
    fn end(&self, entry: &Entry<'a>, place: usize) -> Option<&End> {
        let (role_rank, role) = entry.role?;
        let &kind = self.p.role_kinds[role_rank].get(place)?;
        self.ends[entry.ends + place]
            .get_or_init(|| {
                let name = self.p.kinds.get(kind)?;
                let texts = [
                    Arc::clone(entry.label.get_or_init(|| entry.node.label.as_str().into())),
                    Arc::clone(&self.p.role_names[role_rank]),
                    Arc::clone(name),
                ];
                Some(End {
                    shared: Arc::new(node_end(entry.id, entry.node, role, name, texts)),
                    nat: nat_public(entry.node, name).map(Arc::from),
                    key: u32::try_from(entry.rank + 1).unwrap_or(u32::MAX),
                })
            })
            .as_ref()
    }

    fn any(&self, zone: Zone) -> &End {
        self.any[zone as usize].get_or_init(|| End {
            shared: Arc::new(any_end(zone)),
            nat: None,
            key: 0,
        })
    }
}

fn link_rules<'a>(cx: &Context<'a>, link: &Link, ends: (&Entry<'a>, &Entry<'a>), out: &mut Out) {
    let (a, b) = ends;
    for (src, dst) in [(a, b), (b, a)] {
        let (Some((si, _)), Some((di, _))) = (src.role, dst.role) else {
            continue;
        };
        for &i in &cx.p.by_roles[si * cx.p.role_names.len() + di] {
            let req = &cx.reqs[i];
            if link.disabled.contains(&req.row.id)
                || !conditions_hold(req.row, Some(src.node), Some(dst.node))
            {
                continue;
            }
            let (Some(source), Some(destination)) = (
                cx.end(src, req.at.kind(0, src.node.lb)),
                cx.end(dst, req.at.kind(1, dst.node.lb)),
            ) else {
                continue;
            };
            push_rule(out, req, [source, destination]);
        }
    }
    for (index, custom) in link.custom.iter().enumerate() {
        let to_id = link.other(&custom.from);
        let (Some(from), Some(to)) = (cx.entry(&custom.from), cx.entry(to_id)) else {
            continue;
        };
        let (Some((fr, _)), Some((tr, _))) = (from.role, to.role) else {
            continue;
        };
        let (Some(source), Some(destination)) = (
            cx.p.first_kind[fr].and_then(|k| cx.end(from, k)),
            cx.p.first_kind[tr].and_then(|k| cx.end(to, k)),
        ) else {
            continue;
        };
        let note = |lang| crate::i18n::trf(lang, "rule.custom_note", &[("name", &custom.name)]);
        let rule = Rule {
            origin: Arc::new(Origin {
                requirement: "custom".into(),
                application: custom.application.as_str().into(),
                notes: Arc::new(Text {
                    en: note(Lang::En),
                    zh_tw: note(Lang::ZhTw),
                    ko_kr: note(Lang::KoKr),
                }),
                references: Arc::from([]),
                conflicts: Arc::from([]),
            }),
            firewall: Firewall::between(source.shared.zone, destination.shared.zone),
            source: Arc::clone(&source.shared),
            destination: Arc::clone(&destination.shared),
            transport: custom.transport,
            ports: custom.ports,
            custom: Some(u32::try_from(index + 1).unwrap_or(u32::MAX)),
        };
        out.push(rule, [source.key, destination.key], cx.p.custom_rank);
    }
}

fn intrinsic_rules<'a>(cx: &Context<'a>, entry: &Entry<'a>, out: &mut Out) {
    let Some((role_ix, _)) = entry.role else {
        return;
    };
    let reqs = &cx.p.intrinsic[role_ix];
    for &i in reqs {
        let req = &cx.reqs[i];
        let (any_zone, node_is_source) = match (&req.row.source, &req.row.destination) {
            (Side::Any { zone, .. }, Side::Role { .. }) => (*zone, false),
            (Side::Role { .. }, Side::Any { zone, .. }) => (*zone, true),
            _ => continue,
        };
        if !conditions_hold(req.row, Some(entry.node), None) {
            continue;
        }
        let side = usize::from(!node_is_source);
        let Some(own) = cx.end(entry, req.at.kind(side, entry.node.lb)) else {
            continue;
        };
        let ordered = |other| {
            if node_is_source {
                [own, other]
            } else {
                [other, own]
            }
        };
        let mut peers = false;
        for &(peer, link) in cx.index.peers(entry.rank) {
            let peer = &cx.nodes[peer];
            if !peer.role.is_some_and(|(r, _)| req.at.via.contains(&r)) {
                continue;
            }
            peers = true;
            if link.disabled.contains(&req.row.id) {
                continue;
            }
            let Some(peer_end) = peer
                .role
                .and_then(|(r, _)| cx.p.first_kind[r])
                .and_then(|k| cx.end(peer, k))
            else {
                continue;
            };
            push_rule(out, req, ordered(peer_end));
        }
        if !peers {
            push_rule(out, req, ordered(cx.any(any_zone)));
        }
    }
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

/// A rule from a requirement; `ends` are (source, destination).
fn push_rule(out: &mut Out, req: &Req<'_>, ends: [&End; 2]) {
    let [source, destination] = ends;
    let origin = if source.nat.is_none() && destination.nat.is_none() {
        Arc::clone(&req.at.origin)
    } else {
        with_nat_notes(&req.at.origin, [source, destination])
    };
    let rule = Rule {
        origin,
        firewall: Firewall::between(source.shared.zone, destination.shared.zone),
        transport: req.row.transport,
        ports: req.row.ports,
        custom: None,
        source: Arc::clone(&source.shared),
        destination: Arc::clone(&destination.shared),
    };
    out.push(rule, [source.key, destination.key], req.at.rank);
}

/// `origin` with notes naming the NAT public addresses of `ends`: the rule's own copy.
#[cold]
fn with_nat_notes(origin: &Arc<Origin>, ends: [&End; 2]) -> Arc<Origin> {
    let mut origin = Arc::clone(origin);
    for public in ends.iter().filter_map(|e| e.nat.as_ref()) {
        let notes = Arc::make_mut(&mut Arc::make_mut(&mut origin).notes);
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
                    &[("addr", public)],
                ));
            }
        }
    }
    origin
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::plan::NodeId;

    /// A link listed twice (not a valid plan, but a file can say so) gives its rules once:
    /// rules with one id are neighbours in the order, and only the first is kept.
    #[test]
    fn a_link_listed_twice_gives_its_rules_once() {
        let catalog = Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(300, &catalog).unwrap();
        let mut twice = plan.clone();
        twice.links.push(twice.links[0].clone());
        twice.links.push(twice.links[plan.links.len() / 2].clone());
        let once = super::derive(&plan, &catalog);
        assert!(once.rules.len() > 1_000, "{}", once.rules.len());
        assert_eq!(super::derive(&twice, &catalog), once);
    }

    /// Bucketing, sorting within buckets and swapping into place give the documented order on
    /// a plan of thousands of rules: firewall, destination, port, transport, source, id.
    #[test]
    fn rules_come_in_the_documented_order() {
        let catalog = Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(500, &catalog).unwrap();
        let set = super::derive(&plan, &catalog);
        assert!(set.rules.len() > 3_000, "{}", set.rules.len());
        let rank = |n: &Option<NodeId>| {
            n.as_ref()
                .map_or(0, |n| plan.nodes.keys().position(|k| k == n).unwrap() + 1)
        };
        let key = |r: &super::Rule| {
            (
                r.firewall,
                rank(&r.destination.node),
                r.ports.from,
                r.transport,
                rank(&r.source.node),
                r.id().to_string(),
            )
        };
        for w in set.rules.windows(2) {
            assert!(key(&w[0]) < key(&w[1]), "{} then {}", w[0].id(), w[1].id());
        }
    }
}
