//! `derive(&Plan, &Catalog) -> RuleSet`: links activate requirements in both directions,
//! nodes carry their intrinsic "Any" rules, custom rules are added as written.
//!
//! A derivation builds each piece of text once and shares it: one end per node and endpoint
//! kind, one set of texts per requirement. Rules are then small records of shared parts, so a
//! 2,000-node plan's 15,000 rules cost a few thousand allocations, not hundreds of thousands.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::resolve::{any_end, nat_public, node_end};
use super::{Origin, Rule, RuleEnd, RuleSet};
use crate::catalog::{Catalog, Condition, Requirement, Role, Side, Text};
use crate::i18n::Lang;
use crate::plan::{Index, Link, Node, NodeId, Plan};
use crate::topology::{Firewall, LbMode, Zone};

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

/// A requirement with the texts its rules share, and the endpoint kind (a number in
/// `Context::kinds`) each of its role sides uses for a node of each LB mode.
struct Req<'a> {
    row: &'a Requirement,
    origin: Arc<Origin>,
    /// Source side, then destination side; by `LbMode` in declaration order.
    kinds: [[usize; LB_MODES.len()]; 2],
}

const LB_MODES: [LbMode; 4] = [
    LbMode::Single,
    LbMode::Dns,
    LbMode::DnsAndHlb,
    LbMode::HlbOnly,
];

impl Req<'_> {
    /// The endpoint kind the source (`side` 0) or destination (1) uses on a node of `lb`.
    fn kind(&self, side: usize, lb: LbMode) -> usize {
        self.kinds[side][lb as usize]
    }
}

/// A node during one derivation: its rank in the plan's sorted node map (the sort key counts
/// from 1; 0 is "Any"), its role and the ends built for it so far, by endpoint kind.
struct Entry<'a> {
    rank: usize,
    id: &'a NodeId,
    node: &'a Node,
    role: Option<(usize, &'a Role)>,
    /// Made when the node's first end is built: the part of a plan an edit derives again has
    /// nodes at its edge whose ends are never built.
    label: std::cell::OnceCell<Arc<str>>,
    ends: RefCell<Vec<(usize, End)>>,
}

/// A built rule end, with the NAT public addresses a rule's notes mention.
#[derive(Clone)]
struct End {
    shared: Arc<RuleEnd>,
    nat: Option<Arc<str>>,
    key: u32,
}

/// What one derivation looks up: nodes and links by rank, requirements by role pair and by
/// role for the intrinsic "Any" rows (both in catalog order), and the shared names. Endpoint
/// kinds are numbered once, so finding a node's built end compares numbers, not names.
struct Context<'a> {
    index: &'a Index<'a>,
    nodes: Vec<Entry<'a>>,
    reqs: Vec<Req<'a>>,
    by_roles: BTreeMap<(usize, usize), Vec<usize>>,
    intrinsic: Vec<Vec<usize>>,
    /// Role ids by role rank.
    role_names: Vec<Arc<str>>,
    /// Endpoint kind names by number.
    kinds: Vec<Arc<str>>,
    /// The number of each role's first endpoint kind (custom rules and "Any" peers use it).
    first_kind: Vec<Option<usize>>,
    any: RefCell<Vec<(Zone, Arc<RuleEnd>)>>,
}

impl<'a> Context<'a> {
    fn new(index: &'a Index<'a>, plan: &'a Plan, catalog: &'a Catalog) -> Self {
        let role_of = |id: &str| catalog.role_rank(id).map(|i| (i, &catalog.roles()[i]));
        let mut kinds = Kinds::default();
        let first_kind = catalog
            .roles()
            .iter()
            .map(|r| r.endpoints.first().map(|k| kinds.number(&k.id)))
            .collect();
        let reqs: Vec<Req<'a>> = catalog
            .requirements()
            .iter()
            .filter(|r| for_product(r, plan))
            .map(|r| Req {
                row: r,
                origin: Arc::new(Origin {
                    requirement: r.id.as_str().into(),
                    application: r.application.as_str().into(),
                    notes: Arc::new(r.notes.clone()),
                    references: Arc::from(catalog.citations(r)),
                    conflicts: Arc::from(r.conflicts.as_slice()),
                }),
                kinds: [&r.source, &r.destination].map(|side| match side {
                    Side::Role { endpoint, .. } => {
                        LB_MODES.map(|lb| kinds.number(endpoint.resolve(lb)))
                    }
                    Side::Any { .. } => [usize::MAX; LB_MODES.len()],
                }),
            })
            .collect();
        let mut by_roles: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        let mut intrinsic = vec![Vec::new(); catalog.roles().len()];
        for (i, r) in reqs.iter().enumerate() {
            match (&r.row.source, &r.row.destination) {
                (Side::Role { role: s, .. }, Side::Role { role: d, .. }) => {
                    if let (Some((s, _)), Some((d, _))) = (role_of(s), role_of(d)) {
                        by_roles.entry((s, d)).or_default().push(i);
                    }
                }
                (Side::Any { .. }, Side::Role { role, .. })
                | (Side::Role { role, .. }, Side::Any { .. }) => {
                    if let Some((role, _)) = role_of(role) {
                        intrinsic[role].push(i);
                    }
                }
                (Side::Any { .. }, Side::Any { .. }) => {}
            }
        }
        let nodes = index
            .nodes()
            .iter()
            .enumerate()
            .map(|(rank, &(id, node))| Entry {
                rank,
                id,
                node,
                role: role_of(&node.role),
                label: std::cell::OnceCell::new(),
                ends: RefCell::new(Vec::new()),
            })
            .collect();
        Self {
            index,
            nodes,
            reqs,
            by_roles,
            intrinsic,
            role_names: catalog
                .roles()
                .iter()
                .map(|r| Arc::from(r.id.as_str()))
                .collect(),
            kinds: kinds.names,
            first_kind,
            any: RefCell::new(Vec::new()),
        }
    }

    fn entry(&self, id: &NodeId) -> Option<&Entry<'a>> {
        self.index.rank(id).map(|i| &self.nodes[i])
    }

    /// The end for endpoint kind number `kind` on `entry`'s node, built the first time it is
    /// asked for.
    fn end(&self, entry: &Entry<'a>, kind: usize) -> Option<End> {
        if let Some((_, end)) = entry.ends.borrow().iter().find(|(k, _)| *k == kind) {
            return Some(end.clone());
        }
        let (role_rank, role) = entry.role?;
        let name = self.kinds.get(kind)?;
        let texts = [
            Arc::clone(entry.label.get_or_init(|| entry.node.label.as_str().into())),
            Arc::clone(&self.role_names[role_rank]),
            Arc::clone(name),
        ];
        let end = End {
            shared: Arc::new(node_end(entry.id, entry.node, role, name, texts)),
            nat: nat_public(entry.node, name).map(Arc::from),
            key: u32::try_from(entry.rank + 1).unwrap_or(u32::MAX),
        };
        entry.ends.borrow_mut().push((kind, end.clone()));
        Some(end)
    }

    fn any(&self, zone: Zone) -> End {
        let mut any = self.any.borrow_mut();
        let end = if let Some((_, end)) = any.iter().find(|(z, _)| *z == zone) {
            Arc::clone(end)
        } else {
            let end = Arc::new(any_end(zone));
            any.push((zone, Arc::clone(&end)));
            end
        };
        End {
            shared: end,
            nat: None,
            key: 0,
        }
    }
}

/// Endpoint kind names, numbered in the order first seen.
#[derive(Default)]
struct Kinds {
    names: Vec<Arc<str>>,
}

impl Kinds {
    /// The number of `name`, given one if it has none (a derivation sees a few dozen kinds).
    fn number(&mut self, name: &str) -> usize {
        if let Some(i) = self.names.iter().position(|n| **n == *name) {
            return i;
        }
        self.names.push(name.into());
        self.names.len() - 1
    }
}

/// Rules as they are derived, each with its sort key.
struct Out {
    rules: Vec<Rule>,
    /// Sort key, index in `rules`, bucket (see `sorted`).
    keys: Vec<(u128, usize, usize)>,
    /// Destination ranks run from 0 ("Any") to the node count.
    ranks: usize,
}

impl Out {
    /// A table for the rules of a plan of `links` links and `nodes` nodes.
    fn new(links: usize, nodes: usize) -> Self {
        // About what the generated sites need, so the table is rarely copied while it grows.
        let guess = links * 4 + nodes * 2;
        Self {
            rules: Vec::with_capacity(guess),
            keys: Vec::with_capacity(guess),
            ranks: nodes + 1,
        }
    }

    /// Firewall, destination node rank, port, transport and source node rank, packed into one
    /// integer in that order of significance (the enums' declaration order is their order).
    fn push(&mut self, rule: Rule, source_rank: u32, destination_rank: u32) {
        let key = (u128::from(rule.firewall as u8) << 96)
            | (u128::from(destination_rank) << 64)
            | (u128::from(rule.ports.from) << 48)
            | (u128::from(rule.transport as u8) << 40)
            | (u128::from(source_rank) << 8);
        // Firewall and destination as one number below `3 * ranks`.
        let bucket = (usize::from(rule.firewall as u8) * self.ranks
            + usize::try_from(destination_rank).unwrap_or(usize::MAX))
        .min(3 * self.ranks - 1);
        self.keys.push((key, self.rules.len(), bucket));
        self.rules.push(rule);
    }

    /// The rules ordered by firewall, destination node, port, transport, source node and id,
    /// as a stable sort by those fields would order them. Node ids are compared by their rank
    /// in the plan's sorted node map and rules are moved once, not at every comparison.
    /// Rules are first counted into one bucket per firewall and destination, so the comparison
    /// sort only orders the handful of rules into each node (it was a quarter of a derivation).
    fn sorted(self) -> Vec<Rule> {
        let mut start = vec![0usize; 3 * self.ranks + 1];
        for &(_, _, bucket) in &self.keys {
            start[bucket + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut order = vec![(0u128, 0usize); self.keys.len()];
        for &(key, i, bucket) in &self.keys {
            order[next[bucket]] = (key, i);
            next[bucket] += 1;
        }
        let mut rules = self.rules;
        for w in start.windows(2) {
            order[w[0]..w[1]].sort_unstable_by(|(ka, a), (kb, b)| {
                ka.cmp(kb)
                    .then_with(|| rules[*a].id().cmp(&rules[*b].id()))
                    .then(a.cmp(b))
            });
        }
        // A rule's id is made of its requirement and its two nodes, which also make its key:
        // rules with one id (none, from a valid plan) are neighbours with one key. All but the
        // first are left out.
        order.dedup_by(|(kb, b), (ka, a)| ka == kb && rules[*a].id() == rules[*b].id());
        // Rules are swapped into place rather than moved into a second table, which costs
        // memory at the peak and measured slower. `at[i]` is where rule `i` is now, `from[p]`
        // which rule is at `p`.
        let mut at: Vec<usize> = (0..rules.len()).collect();
        let mut from = at.clone();
        for (k, &(_, i)) in order.iter().enumerate() {
            let p = at[i];
            rules.swap(k, p);
            let displaced = from[k];
            (at[displaced], from[p]) = (p, displaced);
            (at[i], from[k]) = (k, i);
        }
        rules.truncate(order.len());
        rules
    }
}

fn link_rules<'a>(cx: &Context<'a>, link: &Link, ends: (&Entry<'a>, &Entry<'a>), out: &mut Out) {
    let (a, b) = ends;
    for (src, dst) in [(a, b), (b, a)] {
        let (Some((si, _)), Some((di, _))) = (src.role, dst.role) else {
            continue;
        };
        let Some(reqs) = cx.by_roles.get(&(si, di)) else {
            continue;
        };
        for &i in reqs {
            let req = &cx.reqs[i];
            if link.disabled.contains(&req.row.id)
                || !conditions_hold(req.row, Some(src.node), Some(dst.node))
            {
                continue;
            }
            let (Some(source), Some(destination)) = (
                cx.end(src, req.kind(0, src.node.lb)),
                cx.end(dst, req.kind(1, dst.node.lb)),
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
            cx.first_kind[fr].and_then(|k| cx.end(from, k)),
            cx.first_kind[tr].and_then(|k| cx.end(to, k)),
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
            source: source.shared,
            destination: destination.shared,
            transport: custom.transport,
            ports: custom.ports,
            custom: Some(index + 1),
        };
        out.push(rule, source.key, destination.key);
    }
}

fn intrinsic_rules<'a>(cx: &Context<'a>, entry: &Entry<'a>, out: &mut Out) {
    let Some((role_ix, _)) = entry.role else {
        return;
    };
    let reqs = &cx.intrinsic[role_ix];
    for &i in reqs {
        let req = &cx.reqs[i];
        let (any_zone, via, node_is_source) = match (&req.row.source, &req.row.destination) {
            (Side::Any { zone, via }, Side::Role { .. }) => (*zone, via, false),
            (Side::Role { .. }, Side::Any { zone, via }) => (*zone, via, true),
            _ => continue,
        };
        if !conditions_hold(req.row, Some(entry.node), None) {
            continue;
        }
        let side = usize::from(!node_is_source);
        let Some(own) = cx.end(entry, req.kind(side, entry.node.lb)) else {
            continue;
        };
        let ordered = |other: End| {
            if node_is_source {
                [own.clone(), other]
            } else {
                [other, own.clone()]
            }
        };
        let mut peers = false;
        for &(peer, link) in cx.index.peers(entry.rank) {
            let peer = &cx.nodes[peer];
            if !via.contains(&peer.node.role) {
                continue;
            }
            peers = true;
            if link.disabled.contains(&req.row.id) {
                continue;
            }
            let Some(peer_end) = peer
                .role
                .and_then(|(r, _)| cx.first_kind[r])
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

/// A rule from a requirement; `ends` are (source, destination).
fn push_rule(out: &mut Out, req: &Req<'_>, ends: [End; 2]) {
    let [source, destination] = ends;
    let mut origin = Arc::clone(&req.origin);
    for public in [&source.nat, &destination.nat].into_iter().flatten() {
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
    let rule = Rule {
        origin,
        firewall: Firewall::between(source.shared.zone, destination.shared.zone),
        transport: req.row.transport,
        ports: req.row.ports,
        custom: None,
        source: source.shared,
        destination: destination.shared,
    };
    out.push(rule, source.key, destination.key);
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
