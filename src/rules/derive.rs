//! `derive(&Plan, &Catalog) -> RuleSet`: links activate requirements in both directions,
//! nodes carry their intrinsic "Any" rules, custom rules are added as written.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::cite;
use super::resolve::{any_end, nat_public, node_end};
use super::{Origin, Page, Rule, RuleEnd, RuleId, RuleSet};
use crate::catalog::{Catalog, Reach, Requirement, Role, Side, Text};
use crate::i18n::Lang;
use crate::plan::{Link, Node, NodeId, Plan};
use crate::topology::{Addressing, Firewall, LbMode, Zone};

/// Every rule the plan needs, sorted by [`super::order`] and with unique ids.
pub fn derive(plan: &Plan, catalog: &Catalog) -> RuleSet {
    let mut cx = Derive::new(plan, catalog);
    for (link, ends) in plan.links.iter().zip(cx.link_ends.clone()) {
        if let Some(ends) = ends {
            cx.link_rules(link, ends);
        }
    }
    for at in 0..cx.nodes.len() {
        cx.intrinsic_rules(at);
    }
    cx.deployment_rules();
    // The order of `rules::order`, with nodes compared by their place in the id-ordered node
    // map: the same order, without comparing node ids' text. Places are sorted, not the rules:
    // moving whole rules was a tenth of the frame that applies an edit at 2,000 nodes.
    let keyed = cx.rules;
    let mut order: Vec<usize> = (0..keyed.len()).collect();
    order.sort_unstable_by(|&x, &y| {
        let ((kx, rx), (ky, ry)) = (&keyed[x], &keyed[y]);
        kx.cmp(ky).then_with(|| rx.id.cmp(&ry.id))
    });
    let mut slots: Vec<Option<Rule>> = keyed.into_iter().map(|(_, rule)| Some(rule)).collect();
    let mut rules: Vec<Rule> = Vec::with_capacity(order.len());
    for place in order {
        let Some(rule) = slots[place].take() else {
            continue;
        };
        // A link listed twice (a file can say so) gives the same rules twice: keep one.
        if rules.last().is_none_or(|last| last.id != rule.id) {
            rules.push(rule);
        }
    }
    RuleSet {
        plan: plan.name.clone(),
        catalog: catalog.label(),
        rules,
    }
}

/// A built rule end, with the NAT public addresses a rule's notes mention.
#[derive(Clone)]
struct End<'a> {
    shared: Arc<RuleEnd>,
    nat: Option<String>,
    /// The node and its topology class (see `Entry::class`), or `None` for "Any".
    node: Option<(&'a Node, usize)>,
    /// The node's place in the id-ordered node map counting from 1; 0 for "Any", which
    /// `rules::order` puts first.
    rank: usize,
}

/// A rule's place in `rules::order` up to its id: firewall, destination, first port,
/// transport, source.
type SortKey = (u8, usize, u16, u8, usize);

/// A node during one derivation: its role, its links, and its ends, one per endpoint kind,
/// built the first time a rule asks for them and shared by every rule that uses them.
struct Entry<'a> {
    id: &'a NodeId,
    node: &'a Node,
    role: &'a Role,
    /// Nodes of one class have the same role, LB mode, addressing and flags: all that the
    /// conditions of Microsoft's pages and of their disagreements look at.
    class: usize,
    /// Its links, each with the place of the node at the other end.
    links: Vec<(usize, &'a Link)>,
    ends: Vec<(&'a str, End<'a>)>,
}

/// What of a node decides which pages and conflicts a rule cites.
type Facts<'a> = (&'a str, LbMode, Addressing, &'a BTreeSet<String>);

/// A catalog requirement and its place in `Catalog::requirements`.
type Req<'a> = (usize, &'a Requirement);

/// The texts of a requirement's rules between nodes of these classes.
type Origins = Vec<([Option<usize>; 2], Arc<Origin>)>;

/// One derivation: the rules so far, and what they share.
struct Derive<'a> {
    plan: &'a Plan,
    catalog: &'a Catalog,
    /// The plan's nodes whose role is in the catalog, in id order (nodes of an unknown role
    /// take part in no rule). A link's two nodes are found once (`link_ends`): rules need
    /// their nodes' ends, and looking nodes up by id for every rule was most of deriving.
    nodes: Vec<Entry<'a>>,
    /// By link, the places of its two nodes in `nodes`; `None` when one is missing.
    link_ends: Vec<Option<(usize, usize)>>,
    any: BTreeMap<Zone, End<'a>>,
    /// By requirement (its place in the catalog), the texts of its rules for each topology of
    /// their nodes: a plan has thousands of rules but few topologies.
    origins: Vec<Origins>,
    rules: Vec<(SortKey, Rule)>,
}

impl<'a> Derive<'a> {
    fn new(plan: &'a Plan, catalog: &'a Catalog) -> Self {
        let mut classes: BTreeMap<Facts<'a>, usize> = BTreeMap::new();
        let mut nodes: Vec<Entry<'a>> = (plan.nodes.iter())
            .filter_map(|(id, node)| {
                let facts = (node.role.as_str(), node.lb, node.addressing, &node.flags);
                let next = classes.len();
                Some(Entry {
                    id,
                    node,
                    role: catalog.role(&node.role)?,
                    class: *classes.entry(facts).or_insert(next),
                    links: Vec::new(),
                    ends: Vec::new(),
                })
            })
            .collect();
        let at = |id: &NodeId| nodes.binary_search_by(|e| e.id.cmp(id)).ok();
        let link_ends: Vec<Option<(usize, usize)>> = (plan.links.iter())
            .map(|link| Some((at(&link.a)?, at(&link.b)?)))
            .collect();
        for (link, ends) in plan.links.iter().zip(&link_ends) {
            if let Some((a, b)) = *ends {
                nodes[a].links.push((b, link));
                nodes[b].links.push((a, link));
            }
        }
        Self {
            plan,
            catalog,
            nodes,
            link_ends,
            any: BTreeMap::new(),
            origins: vec![Vec::new(); catalog.requirements().len()],
            rules: Vec::new(),
        }
    }

    /// The end of the node at `at` for endpoint kind `kind` (from the node's role).
    fn end(&mut self, at: usize, kind: &'a str) -> End<'a> {
        let entry = &mut self.nodes[at];
        if let Some((_, end)) = entry.ends.iter().find(|(k, _)| *k == kind) {
            return end.clone();
        }
        let (id, node, role, class) = (entry.id, entry.node, entry.role, entry.class);
        let end = End {
            shared: Arc::new(node_end(id, node, role, kind)),
            nat: nat_public(node, kind),
            node: Some((node, class)),
            rank: at + 1,
        };
        entry.ends.push((kind, end.clone()));
        end
    }

    /// The end of a node's first endpoint kind: what custom rules and "Any" stand-ins use.
    fn first_end(&mut self, at: usize) -> Option<End<'a>> {
        let kind = self.nodes[at].role.endpoints.first()?;
        Some(self.end(at, &kind.id))
    }

    fn any(&mut self, zone: Zone) -> End<'a> {
        self.any
            .entry(zone)
            .or_insert_with(|| End {
                shared: Arc::new(any_end(zone)),
                nat: None,
                node: None,
                rank: 0,
            })
            .clone()
    }

    /// The texts of a rule of `req` between `nodes`: its notes, and the pages and conflicts
    /// that concern their topology.
    fn origin(
        &mut self,
        (place, req): Req<'a>,
        ends: [Option<(&'a Node, usize)>; 2],
    ) -> Arc<Origin> {
        let key = ends.map(|end| end.map(|(_, class)| class));
        if let Some((_, origin)) = self.origins[place].iter().find(|(k, _)| *k == key) {
            return Arc::clone(origin);
        }
        let nodes = ends.map(|end| end.map(|(node, _)| node));
        let references = cite::cited_pages(self.catalog, req, nodes, self.plan.product);
        let conflicts = cite::noted_conflicts(self.catalog, req, nodes);
        let sources: Vec<Page> = (references.iter())
            .filter_map(|id| self.catalog.source(id))
            .map(|page| Page {
                id: page.id.clone(),
                title: page.title.clone(),
                url: page.url.clone(),
            })
            .collect();
        let origin = Arc::new(Origin {
            requirement: req.id.as_str().into(),
            application: req.application.as_str().into(),
            notes: Arc::new(req.notes.clone()),
            references: Arc::from(references),
            sources: Arc::from(sources),
            conflicts: Arc::from(conflicts),
        });
        self.origins[place].push((key, Arc::clone(&origin)));
        origin
    }

    /// The rules of `link`, whose nodes are at `a` and `b` in `nodes`.
    fn link_rules(&mut self, link: &'a Link, (a, b): (usize, usize)) {
        let product = self.plan.product;
        for (src, dst) in [(a, b), (b, a)] {
            let (src_node, dst_node) = (self.nodes[src].node, self.nodes[dst].node);
            let (src_role, dst_role) = (self.nodes[src].role, self.nodes[dst].role);
            for (place, req) in self
                .catalog
                .requirements_between(&src_role.id, &dst_role.id)
            {
                if !req.applies_to(product)
                    || link.disabled.contains(&req.id)
                    || !conditions_hold(req, Some(src_node), Some(dst_node))
                {
                    continue;
                }
                let (Side::Role { endpoint: s, .. }, Side::Role { endpoint: d, .. }) =
                    (&req.source, &req.destination)
                else {
                    continue;
                };
                let source = self.end(src, s.resolve(src_node.lb, product));
                let destination = self.end(dst, d.resolve(dst_node.lb, product));
                self.push((place, req), &source, &destination, None);
            }
        }
        for (index, custom) in link.custom.iter().enumerate() {
            let (from, to) = if custom.from == *self.nodes[a].id {
                (a, b)
            } else if custom.from == *self.nodes[b].id {
                (b, a)
            } else {
                continue;
            };
            let (Some(source), Some(destination)) = (self.first_end(from), self.first_end(to))
            else {
                continue;
            };
            let note = |lang| crate::i18n::trf(lang, "rule.custom_note", &[("name", &custom.name)]);
            let firewall = Firewall::between(source.shared.zone, destination.shared.zone);
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let (a, b) = if link.a <= link.b {
                (&link.a, &link.b)
            } else {
                (&link.b, &link.a)
            };
            let key = sort_key(
                firewall,
                &source,
                &destination,
                custom.ports.from,
                custom.transport,
            );
            self.rules.push((
                key,
                Rule {
                    id: RuleId(format!("custom:{}:{number}", crate::plan::pair_text(a, b))),
                    origin: Arc::new(Origin {
                        requirement: "custom".into(),
                        application: custom.application.as_str().into(),
                        notes: Arc::new(Text {
                            en: note(Lang::En),
                            zh_tw: note(Lang::ZhTw),
                            ko_kr: note(Lang::KoKr),
                        }),
                        references: Arc::from([]),
                        sources: Arc::from([]),
                        conflicts: Arc::from([]),
                    }),
                    firewall,
                    source: source.shared,
                    destination: destination.shared,
                    transport: custom.transport,
                    ports: custom.ports,
                    custom: Some(number),
                },
            ));
        }
    }

    /// The rules of the requirements that reach the whole deployment ([`Reach::Deployment`]):
    /// from the first node whose conditions hold to each node of the destination role it is
    /// not linked to (a link's rules, and what it switches off, are `link_rules`').
    fn deployment_rules(&mut self) {
        let product = self.plan.product;
        let reaching = (self.catalog.requirements().iter().enumerate())
            .filter(|(_, r)| r.reach == Reach::Deployment && r.applies_to(product));
        let role_of = |side: &'a Side| match side {
            Side::Role { role, endpoint } => Some((role, endpoint)),
            Side::Any { .. } => None,
        };
        for (place, req) in reaching {
            let (Some((f, s)), Some((t, d))) = (role_of(&req.source), role_of(&req.destination))
            else {
                continue;
            };
            // The catalog keeps a reaching requirement's conditions on its source (checked on
            // load), so the first source is found without a destination.
            let Some(src) = (0..self.nodes.len()).find(|&at| {
                self.nodes[at].role.id == *f
                    && conditions_hold(req, Some(self.nodes[at].node), None)
            }) else {
                continue;
            };
            let src_node = self.nodes[src].node;
            let mut linked = vec![false; self.nodes.len()];
            for (peer, _) in &self.nodes[src].links {
                linked[*peer] = true;
            }
            for (dst, is_linked) in linked.into_iter().enumerate() {
                let dst_node = self.nodes[dst].node;
                if self.nodes[dst].role.id != *t
                    || dst == src
                    || is_linked
                    || !conditions_hold(req, Some(src_node), Some(dst_node))
                {
                    continue;
                }
                let source = self.end(src, s.resolve(src_node.lb, product));
                let destination = self.end(dst, d.resolve(dst_node.lb, product));
                self.push((place, req), &source, &destination, None);
            }
        }
    }

    /// The rules between the node at `at` and "Any". Nodes of a `via` role linked to it stand
    /// in for "Any" (a federated partner's addresses), and the rule's note says so.
    fn intrinsic_rules(&mut self, at: usize) {
        let (node, role) = (self.nodes[at].node, self.nodes[at].role);
        for (place, req) in self.catalog.requirements_with_any(&role.id) {
            if !req.applies_to(self.plan.product) || !conditions_hold(req, Some(node), None) {
                continue;
            }
            let (own, any_zone, via, node_is_source) = match (&req.source, &req.destination) {
                (Side::Any { zone, via }, Side::Role { endpoint, .. }) => {
                    (endpoint, *zone, via, false)
                }
                (Side::Role { endpoint, .. }, Side::Any { zone, via }) => {
                    (endpoint, *zone, via, true)
                }
                _ => continue,
            };
            let own = self.end(at, own.resolve(node.lb, self.plan.product));
            let mut stand_ins = false;
            for i in 0..self.nodes[at].links.len() {
                let (peer, link) = self.nodes[at].links[i];
                if !via.contains(&self.nodes[peer].node.role) {
                    continue;
                }
                stand_ins = true;
                if link.disabled.contains(&req.id) {
                    continue;
                }
                if let Some(peer) = self.first_end(peer) {
                    self.push_between((place, req), &own, &peer, node_is_source, Some(&peer));
                }
            }
            if !stand_ins {
                let any = self.any(any_zone);
                self.push_between((place, req), &own, &any, node_is_source, None);
            }
        }
    }

    /// A rule between a node's `own` end and `other`: "Any", or a linked node standing in for
    /// it (then also `stand_in`).
    fn push_between(
        &mut self,
        req: Req<'a>,
        own: &End<'a>,
        other: &End<'a>,
        own_is_source: bool,
        stand_in: Option<&End<'a>>,
    ) {
        if own_is_source {
            self.push(req, own, other, stand_in);
        } else {
            self.push(req, other, own, stand_in);
        }
    }

    /// A rule of `req`; `stand_in` is the end that stands in for the requirement's "Any".
    fn push(
        &mut self,
        req: Req<'a>,
        source: &End<'a>,
        destination: &End<'a>,
        stand_in: Option<&End<'a>>,
    ) {
        let mut origin = self.origin(req, [source.node, destination.node]);
        if source.nat.is_some() || destination.nat.is_some() {
            origin = with_nat_notes(&origin, [source, destination]);
        }
        if let Some(stand_in) = stand_in {
            origin = with_note(
                &origin,
                "rule.via_note",
                &[("label", &stand_in.shared.label)],
            );
        }
        let req = req.1;
        // `requirement:source>destination`, written without the formatting machinery, which
        // was a tenth of deriving.
        let (from, to) = (id_text(&source.shared), id_text(&destination.shared));
        let mut id = String::with_capacity(req.id.len() + from.len() + to.len() + 2);
        for piece in [req.id.as_str(), ":", from, ">", to] {
            id.push_str(piece);
        }
        let firewall = Firewall::between(source.shared.zone, destination.shared.zone);
        let key = sort_key(firewall, source, destination, req.ports.from, req.transport);
        self.rules.push((
            key,
            Rule {
                id: RuleId(id),
                origin,
                firewall,
                transport: req.transport,
                ports: req.ports,
                custom: None,
                source: Arc::clone(&source.shared),
                destination: Arc::clone(&destination.shared),
            },
        ));
    }
}

/// An end's node id as rule ids write it: `any` for "Any".
fn id_text(end: &RuleEnd) -> &str {
    end.node.as_ref().map_or("any", NodeId::as_str)
}

/// A rule's place in `rules::order` up to its id.
fn sort_key(
    firewall: Firewall,
    source: &End<'_>,
    destination: &End<'_>,
    port: u16,
    transport: crate::net::Transport,
) -> SortKey {
    (
        firewall as u8,
        destination.rank,
        port,
        transport as u8,
        source.rank,
    )
}

fn conditions_hold(req: &Requirement, src: Option<&Node>, dst: Option<&Node>) -> bool {
    cite::holds(&req.when, [src, dst])
}

/// `origin` with notes naming the NAT public addresses of `ends`: the rule's own copy.
fn with_nat_notes(origin: &Arc<Origin>, ends: [&End<'_>; 2]) -> Arc<Origin> {
    let mut origin = Arc::clone(origin);
    for public in ends.iter().filter_map(|e| e.nat.as_ref()) {
        origin = with_note(&origin, "rule.nat_note", &[("addr", public)]);
    }
    origin
}

/// `origin` with one more sentence in its notes, from the i18n `key`: the rule's own copy.
fn with_note(origin: &Arc<Origin>, key: &str, args: &[(&str, &str)]) -> Arc<Origin> {
    let mut origin = Arc::clone(origin);
    let notes = Arc::make_mut(&mut Arc::make_mut(&mut origin).notes);
    for (lang, text) in [
        (Lang::En, &mut notes.en),
        (Lang::ZhTw, &mut notes.zh_tw),
        (Lang::KoKr, &mut notes.ko_kr),
    ] {
        if !text.is_empty() {
            text.push(' ');
            text.push_str(&crate::i18n::trf(lang, key, args));
        }
    }
    origin
}

#[cfg(test)]
mod tests;
