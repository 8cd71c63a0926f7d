//! `derive(&Plan, &Catalog) -> RuleSet`: links activate requirements in both directions,
//! nodes carry their intrinsic "Any" rules, custom rules are added as written.
//!
//! A derivation builds each piece of text once and shares it: one end per node and endpoint
//! kind, one set of texts per requirement. Rules are then small records of shared parts, so a
//! 2,000-node plan's 15,000 rules cost a few thousand allocations, not hundreds of thousands.

use std::cell::OnceCell;
use std::sync::Arc;

use super::resolve::{any_end, nat_public, node_end};
use super::sort::Out;
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

/// A requirement with the texts its rules share, and the endpoint kind each of its role sides
/// uses for a node of each LB mode, as a place in its role's kinds (`Context::role_kinds`).
struct Req<'a> {
    row: &'a Requirement,
    origin: Arc<Origin>,
    /// Where its rules' ids come among other rules' ids with the same two ends (see
    /// `id_ranks`).
    rank: u32,
    /// For an "Any" side, the roles that stand in for it when linked, by rank.
    via: Vec<usize>,
    /// Source side, then destination side; by `LbMode` in declaration order.
    kinds: [[usize; LB_MODES.len()]; 2],
}

const LB_MODES: [LbMode; 4] = [
    LbMode::Single,
    LbMode::Dns,
    LbMode::DnsAndHlb,
    LbMode::HlbOnly,
];

impl<'a> Req<'a> {
    /// The requirement `r` with its shared texts, numbering the endpoint kinds it uses and
    /// giving each a place in its role's kinds. Its `rank` is set later (see `id_ranks`).
    fn new(
        catalog: &Catalog,
        r: &'a Requirement,
        origin: &Arc<Origin>,
        kinds: &mut Kinds,
        role_kinds: &mut [Vec<usize>],
    ) -> Self {
        Req {
            row: r,
            rank: 0,
            origin: Arc::clone(origin),
            via: [&r.source, &r.destination]
                .into_iter()
                .flat_map(|side| match side {
                    Side::Any { via, .. } => via.as_slice(),
                    Side::Role { .. } => &[],
                })
                .filter_map(|id| catalog.role_rank(id))
                .collect(),
            kinds: [&r.source, &r.destination].map(|side| match side {
                Side::Role { role, endpoint } => match catalog.role_rank(role) {
                    Some(rank) => LB_MODES.map(|lb| {
                        let kind = kinds.number(endpoint.resolve(lb));
                        let list = &mut role_kinds[rank];
                        list.iter().position(|&k| k == kind).unwrap_or_else(|| {
                            list.push(kind);
                            list.len() - 1
                        })
                    }),
                    None => [usize::MAX; LB_MODES.len()],
                },
                Side::Any { .. } => [usize::MAX; LB_MODES.len()],
            }),
        }
    }

    /// The place, in its role's kinds, of the endpoint kind the source (`side` 0) or the
    /// destination (1) uses on a node of `lb`.
    fn kind(&self, side: usize, lb: LbMode) -> usize {
        self.kinds[side][lb as usize]
    }
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

/// What one derivation looks up: nodes and links by rank, requirements by role pair and by
/// role for the intrinsic "Any" rows (both in catalog order), and the shared names. Each role
/// lists the endpoint kinds its requirements use, and each node has one place per kind of its
/// role for the end built for it: finding a built end is one index, and rules borrow it.
struct Context<'a> {
    index: &'a Index<'a>,
    nodes: Vec<Entry<'a>>,
    reqs: Vec<Req<'a>>,
    /// By source role rank times the number of roles plus destination role rank.
    by_roles: Vec<Vec<usize>>,
    intrinsic: Vec<Vec<usize>>,
    /// Role ids by role rank.
    role_names: Vec<Arc<str>>,
    /// Endpoint kind names by number.
    kinds: Vec<Arc<str>>,
    /// By role rank, the numbers of the endpoint kinds it uses; the first is its first
    /// endpoint (custom rules and "Any" peers use it).
    role_kinds: Vec<Vec<usize>>,
    /// `Req::rank` for hand-written rules.
    custom_rank: u32,
    /// By role rank, the place of its first endpoint kind: 0, or `None` when it has none.
    first_kind: Vec<Option<usize>>,
    /// Every node's ends, node after node (see `Entry::ends`); `None` when it has none.
    ends: Vec<OnceCell<Option<End>>>,
    any: [OnceCell<End>; Zone::ALL.len()],
}

impl<'a> Context<'a> {
    fn new(index: &'a Index<'a>, plan: &'a Plan, catalog: &'a Catalog) -> Self {
        let role_of = |id: &str| catalog.role_rank(id).map(|i| (i, &catalog.roles()[i]));
        let mut kinds = Kinds::default();
        let mut role_kinds: Vec<Vec<usize>> = catalog
            .roles()
            .iter()
            .map(|r| {
                r.endpoints
                    .iter()
                    .take(1)
                    .map(|k| kinds.number(&k.id))
                    .collect()
            })
            .collect();
        let first_kind = catalog
            .roles()
            .iter()
            .map(|r| (!r.endpoints.is_empty()).then_some(0))
            .collect();
        let mut reqs: Vec<Req<'a>> = catalog
            .requirements()
            .iter()
            .enumerate()
            .filter(|(_, r)| for_product(r, plan))
            .filter_map(|(i, r)| Some((r, catalog.origin(i)?)))
            .map(|(r, origin)| Req::new(catalog, r, origin, &mut kinds, &mut role_kinds))
            .collect();
        let (ranks, custom_rank) = id_ranks(&reqs);
        for (req, rank) in reqs.iter_mut().zip(ranks) {
            req.rank = rank;
        }
        let (by_roles, intrinsic) = by_roles(&reqs, catalog);
        let mut places = 0;
        let nodes = index
            .nodes()
            .iter()
            .enumerate()
            .map(|(rank, &(id, node))| {
                let role = role_of(&node.role);
                let ends = places;
                places += role.map_or(0, |(r, _)| role_kinds[r].len());
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
            by_roles,
            intrinsic,
            role_names: catalog
                .roles()
                .iter()
                .map(|r| Arc::from(r.id.as_str()))
                .collect(),
            kinds: kinds.names,
            first_kind,
            custom_rank,
            role_kinds,
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
        let &kind = self.role_kinds[role_rank].get(place)?;
        self.ends[entry.ends + place]
            .get_or_init(|| {
                let name = self.kinds.get(kind)?;
                let texts = [
                    Arc::clone(entry.label.get_or_init(|| entry.node.label.as_str().into())),
                    Arc::clone(&self.role_names[role_rank]),
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

/// The requirements (by their place in `reqs`) between each pair of roles, by source role
/// rank times the number of roles plus destination role rank, and each role's with an "Any"
/// side, both in catalog order.
fn by_roles(reqs: &[Req<'_>], catalog: &Catalog) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let roles = catalog.roles().len();
    let mut by_roles = vec![Vec::new(); roles * roles];
    let mut intrinsic = vec![Vec::new(); roles];
    for (i, r) in reqs.iter().enumerate() {
        match (&r.row.source, &r.row.destination) {
            (Side::Role { role: s, .. }, Side::Role { role: d, .. }) => {
                if let (Some(s), Some(d)) = (catalog.role_rank(s), catalog.role_rank(d)) {
                    by_roles[s * roles + d].push(i);
                }
            }
            (Side::Any { .. }, Side::Role { role, .. })
            | (Side::Role { role, .. }, Side::Any { .. }) => {
                if let Some(role) = catalog.role_rank(role) {
                    intrinsic[role].push(i);
                }
            }
            (Side::Any { .. }, Side::Any { .. }) => {}
        }
    }
    (by_roles, intrinsic)
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

fn link_rules<'a>(cx: &Context<'a>, link: &Link, ends: (&Entry<'a>, &Entry<'a>), out: &mut Out) {
    let (a, b) = ends;
    for (src, dst) in [(a, b), (b, a)] {
        let (Some((si, _)), Some((di, _))) = (src.role, dst.role) else {
            continue;
        };
        for &i in &cx.by_roles[si * cx.role_names.len() + di] {
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
            source: Arc::clone(&source.shared),
            destination: Arc::clone(&destination.shared),
            transport: custom.transport,
            ports: custom.ports,
            custom: Some(u32::try_from(index + 1).unwrap_or(u32::MAX)),
        };
        out.push(rule, [source.key, destination.key], cx.custom_rank);
    }
}

fn intrinsic_rules<'a>(cx: &Context<'a>, entry: &Entry<'a>, out: &mut Out) {
    let Some((role_ix, _)) = entry.role else {
        return;
    };
    let reqs = &cx.intrinsic[role_ix];
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
        let Some(own) = cx.end(entry, req.kind(side, entry.node.lb)) else {
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
            if !peer.role.is_some_and(|(r, _)| req.via.contains(&r)) {
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

/// For each requirement, and then for hand-written rules, a rank ordering the ids of rules
/// with the same two ends as their text would: ids are `requirement:source>destination`
/// (`custom:a-b:n`), so with the same ends the order of `requirement:` decides, unless one
/// is the start of another. Those share a rank, and the sort compares their ids.
fn id_ranks(reqs: &[Req<'_>]) -> (Vec<u32>, u32) {
    let custom = reqs.len();
    let mut heads: Vec<(String, usize)> = reqs
        .iter()
        .map(|r| format!("{}:", r.row.id))
        .chain(std::iter::once("custom:".to_owned()))
        .enumerate()
        .map(|(i, head)| (head, i))
        .collect();
    heads.sort();
    let mut ranks = vec![0; custom + 1];
    let (mut rank, mut group) = (0u32, None::<&str>);
    for (head, i) in &heads {
        if !group.is_some_and(|g| head.starts_with(g)) {
            rank += 1;
            group = Some(head);
        }
        ranks[*i] = rank;
    }
    let custom_rank = ranks.pop().unwrap_or(0);
    (ranks, custom_rank)
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
fn push_rule(out: &mut Out, req: &Req<'_>, ends: [&End; 2]) {
    let [source, destination] = ends;
    let origin = if source.nat.is_none() && destination.nat.is_none() {
        Arc::clone(&req.origin)
    } else {
        with_nat_notes(&req.origin, [source, destination])
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
    out.push(rule, [source.key, destination.key], req.rank);
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
