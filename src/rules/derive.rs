//! `derive(&Plan, &Catalog) -> RuleSet`: links activate requirements in both directions,
//! nodes carry their intrinsic "Any" rules, custom rules are added as written.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::cite;
use super::resolve::{any_end, nat_public, node_end};
use super::{Origin, Rule, RuleEnd, RuleId, RuleSet};
use crate::catalog::{Catalog, Requirement, Role, Side, Text};
use crate::i18n::Lang;
use crate::plan::{Link, Node, NodeId, Plan};
use crate::topology::{Firewall, Zone};

/// Every rule the plan needs, sorted by [`super::order`] and with unique ids.
pub fn derive(plan: &Plan, catalog: &Catalog) -> RuleSet {
    let mut cx = Derive::new(plan, catalog);
    for link in &plan.links {
        cx.link_rules(link);
    }
    let links = links_by_node(plan);
    for (id, node) in &plan.nodes {
        let node_links = links.get(id).map_or(&[][..], Vec::as_slice);
        cx.intrinsic_rules(id, node, node_links);
    }
    let mut rules = cx.rules;
    rules.sort_by(super::order);
    // A link listed twice (a file can say so) would give its rules twice.
    rules.dedup_by(|later, first| later.id == first.id);
    RuleSet {
        plan: plan.name.clone(),
        catalog: catalog.label(),
        rules,
    }
}

/// Each node's links, in link order.
fn links_by_node(plan: &Plan) -> BTreeMap<&NodeId, Vec<&Link>> {
    let mut out: BTreeMap<&NodeId, Vec<&Link>> = BTreeMap::new();
    for link in &plan.links {
        out.entry(&link.a).or_default().push(link);
        out.entry(&link.b).or_default().push(link);
    }
    out
}

/// A built rule end, with the NAT public addresses a rule's notes mention.
#[derive(Clone)]
struct End {
    shared: Arc<RuleEnd>,
    nat: Option<String>,
}

/// A requirement's id and the page and conflict ids its rules of one topology name.
type OriginKey<'a> = (&'a str, Vec<String>, Vec<String>);

/// One derivation: the rules so far, and the ends and requirement texts they share (each
/// node's end per endpoint kind, each requirement's notes and citations, built once).
struct Derive<'a> {
    plan: &'a Plan,
    catalog: &'a Catalog,
    ends: BTreeMap<(&'a NodeId, &'a str), End>,
    any: BTreeMap<Zone, End>,
    /// A requirement's texts, by requirement and the pages and conflicts its rules name.
    origins: BTreeMap<OriginKey<'a>, Arc<Origin>>,
    rules: Vec<Rule>,
}

impl<'a> Derive<'a> {
    fn new(plan: &'a Plan, catalog: &'a Catalog) -> Self {
        Self {
            plan,
            catalog,
            ends: BTreeMap::new(),
            any: BTreeMap::new(),
            origins: BTreeMap::new(),
            rules: Vec::new(),
        }
    }

    /// The node and its catalog role, when both exist.
    fn node(&self, id: &NodeId) -> Option<(&'a NodeId, &'a Node, &'a Role)> {
        let (id, node) = self.plan.nodes.get_key_value(id)?;
        let role = self.catalog.role(&node.role)?;
        Some((id, node, role))
    }

    /// The end of `node` for endpoint kind `kind`, built the first time it is asked for.
    fn end(&mut self, id: &'a NodeId, node: &'a Node, role: &'a Role, kind: &'a str) -> End {
        self.ends
            .entry((id, kind))
            .or_insert_with(|| End {
                shared: Arc::new(node_end(id, node, role, kind)),
                nat: nat_public(node, kind),
            })
            .clone()
    }

    fn any(&mut self, zone: Zone) -> End {
        self.any
            .entry(zone)
            .or_insert_with(|| End {
                shared: Arc::new(any_end(zone)),
                nat: None,
            })
            .clone()
    }

    /// The texts of a rule of `req` between `nodes`: its notes, and the pages and conflicts
    /// that concern their topology.
    fn origin(&mut self, req: &'a Requirement, nodes: [Option<&Node>; 2]) -> Arc<Origin> {
        let references = cite::cited_pages(self.catalog, req, nodes, self.plan.product);
        let conflicts = cite::noted_conflicts(self.catalog, req, nodes);
        let key = (req.id.as_str(), references, conflicts);
        if let Some(origin) = self.origins.get(&key) {
            return Arc::clone(origin);
        }
        let origin = Arc::new(Origin {
            requirement: req.id.as_str().into(),
            application: req.application.as_str().into(),
            notes: Arc::new(req.notes.clone()),
            references: Arc::from(key.1.as_slice()),
            conflicts: Arc::from(key.2.as_slice()),
        });
        self.origins.insert(key, Arc::clone(&origin));
        origin
    }

    fn link_rules(&mut self, link: &'a Link) {
        let (Some(a), Some(b)) = (self.node(&link.a), self.node(&link.b)) else {
            return;
        };
        let product = self.plan.product;
        for (src, dst) in [(a, b), (b, a)] {
            let (src_id, src_node, src_role) = src;
            let (dst_id, dst_node, dst_role) = dst;
            for req in self
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
                let source = self.end(src_id, src_node, src_role, s.resolve(src_node.lb, product));
                let destination =
                    self.end(dst_id, dst_node, dst_role, d.resolve(dst_node.lb, product));
                self.push(req, &source, &destination, None);
            }
        }
        for (index, custom) in link.custom.iter().enumerate() {
            let (Some(from), Some(to)) =
                (self.node(&custom.from), self.node(link.other(&custom.from)))
            else {
                continue;
            };
            let (Some(source), Some(destination)) = (self.first_end(from), self.first_end(to))
            else {
                continue;
            };
            let note = |lang| crate::i18n::trf(lang, "rule.custom_note", &[("name", &custom.name)]);
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let (a, b) = if link.a <= link.b {
                (&link.a, &link.b)
            } else {
                (&link.b, &link.a)
            };
            self.rules.push(Rule {
                id: RuleId(format!("custom:{a}-{b}:{number}")),
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
                custom: Some(number),
            });
        }
    }

    /// The end of a node's first endpoint kind: what custom rules and "Any" stand-ins use.
    fn first_end(&mut self, node: (&'a NodeId, &'a Node, &'a Role)) -> Option<End> {
        let (id, node, role) = node;
        let kind = role.endpoints.first()?;
        Some(self.end(id, node, role, &kind.id))
    }

    /// The rules between `node` and "Any". Nodes of a `via` role linked to it stand in for
    /// "Any" (internal clients as the source of Edge media, a federated partner's addresses).
    fn intrinsic_rules(&mut self, id: &'a NodeId, node: &'a Node, links: &[&'a Link]) {
        let Some(role) = self.catalog.role(&node.role) else {
            return;
        };
        for req in self.catalog.requirements_with_any(&role.id) {
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
            let own = self.end(id, node, role, own.resolve(node.lb, self.plan.product));
            let mut stand_ins = false;
            for link in links {
                let Some(peer) = self.node(link.other(id)) else {
                    continue;
                };
                if !via.contains(&peer.1.role) {
                    continue;
                }
                stand_ins = true;
                if link.disabled.contains(&req.id) {
                    continue;
                }
                if let Some(peer) = self.first_end(peer) {
                    self.push_between(req, &own, &peer, node_is_source, Some(&peer));
                }
            }
            if !stand_ins {
                let any = self.any(any_zone);
                self.push_between(req, &own, &any, node_is_source, None);
            }
        }
    }

    /// A rule between a node's `own` end and `other`: "Any", or a linked node standing in for
    /// it (then also `stand_in`).
    fn push_between(
        &mut self,
        req: &'a Requirement,
        own: &End,
        other: &End,
        own_is_source: bool,
        stand_in: Option<&End>,
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
        req: &'a Requirement,
        source: &End,
        destination: &End,
        stand_in: Option<&End>,
    ) {
        let plan = self.plan;
        let node = |end: &End| {
            (end.shared.node.as_ref())
                .and_then(|id| plan.nodes.get(id))
                .map(|n| &**n)
        };
        let mut origin = self.origin(req, [node(source), node(destination)]);
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
        let node = |end: &RuleEnd| end.node.as_ref().map_or("any", NodeId::as_str).to_owned();
        self.rules.push(Rule {
            id: RuleId(format!(
                "{}:{}>{}",
                req.id,
                node(&source.shared),
                node(&destination.shared)
            )),
            origin,
            firewall: Firewall::between(source.shared.zone, destination.shared.zone),
            transport: req.transport,
            ports: req.ports,
            custom: None,
            source: Arc::clone(&source.shared),
            destination: Arc::clone(&destination.shared),
        });
    }
}

fn conditions_hold(req: &Requirement, src: Option<&Node>, dst: Option<&Node>) -> bool {
    cite::holds(&req.when, [src, dst])
}

/// `origin` with notes naming the NAT public addresses of `ends`: the rule's own copy.
fn with_nat_notes(origin: &Arc<Origin>, ends: [&End; 2]) -> Arc<Origin> {
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
mod tests {
    use crate::catalog::Catalog;
    use crate::plan::NodeId;

    /// A link listed twice (not a valid plan, but a file can say so) gives its rules once.
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

    /// Rules come in the documented order on a plan of thousands of rules: firewall,
    /// destination, port, transport, source, id, with ids unique.
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
