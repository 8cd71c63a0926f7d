//! The rules and findings of a plan, kept up to date across edits. An edit derives again only
//! what it touched: the rules with an end on a node it changed (a link added, removed or
//! switched changes both its ends), the "Any" rules and findings of those nodes and of their
//! neighbours, and the findings about the links of changed nodes. Everything else is kept, so
//! renaming one node of a 2,000-node plan derives a dozen links, not 3,000.
//!
//! The result is always what a derivation from scratch gives (a test holds every kind of edit
//! to that). What this cannot follow cheaply is derived from scratch: another catalog or
//! product, an edit touching many nodes, links out of order or given twice, a change of the
//! node that missing-link fixes point at.

use std::collections::BTreeSet;

use crate::catalog::Catalog;
use crate::findings::{self, Finding, Subject};
use crate::plan::{NodeId, Plan};
use crate::rules::{self, Rule, RuleSet};

/// Rules and findings of one plan state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Derivation {
    /// The rules, as [`rules::derive`] gives them.
    pub rules: RuleSet,
    /// The findings, as [`findings::check`] gives them.
    pub findings: Vec<Finding>,
    /// The findings about the plan itself (not about its rules), sorted: kept per node and link.
    plan_findings: Vec<Finding>,
    /// [`findings::must_link_targets`] of the plan.
    targets: Vec<Option<NodeId>>,
    /// The catalog's `id@version`.
    catalog: String,
}

/// How [`Derivation::update`] brought a derivation up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// Only what the edit touched: this many changed nodes.
    Changed(usize),
    /// Everything, from scratch.
    Full,
}

/// Edits changing more than one node in this many (and more than this many nodes) are derived
/// from scratch, which is then about as fast and needs no bookkeeping.
const LARGE_EDIT: usize = 16;

impl Derivation {
    /// Everything derived from scratch.
    pub fn new(plan: &Plan, catalog: &Catalog) -> Self {
        let index = plan.index();
        let targets = findings::must_link_targets(plan, catalog);
        let rules = rules::derive_indexed(&index, plan, catalog);
        let mut plan_findings = findings::plan_findings(&index, plan, catalog, &targets);
        plan_findings.sort();
        plan_findings.dedup();
        let findings = all_findings(plan, catalog, &rules, &plan_findings);
        Self {
            rules,
            findings,
            plan_findings,
            targets,
            catalog: catalog.label(),
        }
    }

    /// Bring the derivation of `old` up to date with `new`. `old` must be the plan this was
    /// derived from (positions aside: they change nothing here).
    pub fn update(&mut self, old: &Plan, new: &Plan, catalog: &Catalog) -> Update {
        if let Some(changed) = self.follow(old, new, catalog) {
            Update::Changed(changed)
        } else {
            *self = Self::new(new, catalog);
            Update::Full
        }
    }

    /// The update, or `None` (with `self` left for replacing) when it must be done from scratch.
    fn follow(&mut self, old: &Plan, new: &Plan, catalog: &Catalog) -> Option<usize> {
        if self.catalog != catalog.label() || old.product != new.product {
            return None;
        }
        let changed = changed_nodes(old, new)?;
        if changed.len() > (new.nodes.len().max(old.nodes.len()) / LARGE_EDIT).max(LARGE_EDIT) {
            return None;
        }
        let targets = findings::must_link_targets(new, catalog);
        if targets != self.targets {
            return None;
        }
        self.rules.plan.clone_from(&new.name);
        if changed.is_empty() {
            return Some(0);
        }
        // Nodes whose "Any" rules and plan findings may change: the changed ones and every node
        // linked to one, before or after the edit (their peers changed).
        let changed = Ids::new(changed);
        let mut touched = changed.set.clone();
        for links in [&old.links, &new.links] {
            for link in links {
                if changed.contains(&link.a) || changed.contains(&link.b) {
                    touched.insert(&link.a);
                    touched.insert(&link.b);
                }
            }
        }
        let touched = Ids::new(touched);
        let part = part_around(new, &touched)?;
        let index = part.index();
        let fresh = rules::derive_indexed(&index, &part, catalog);
        let part_findings = findings::plan_findings(&index, &part, catalog, &targets);
        let redone = |rule: &Rule| match (&rule.source.node, &rule.destination.node) {
            (Some(a), Some(b)) => changed.contains(a) || changed.contains(b),
            (Some(own), None) | (None, Some(own)) => touched.contains(own),
            (None, None) => false,
        };
        let fresh: Vec<Rule> = fresh.rules.into_iter().filter(|r| redone(r)).collect();
        self.rules.rules = merged(std::mem::take(&mut self.rules.rules), fresh, redone)?;
        let about = |f: &Finding| match &f.subject {
            Subject::Node(n) => touched.contains(n),
            Subject::Link(a, b) => changed.contains(a) || changed.contains(b),
            _ => false,
        };
        self.plan_findings.retain(|f| !about(f));
        self.plan_findings
            .extend(part_findings.into_iter().filter(|f| about(f)));
        self.plan_findings.sort();
        self.plan_findings.dedup();
        self.findings = all_findings(new, catalog, &self.rules, &self.plan_findings);
        Some(changed.set.len())
    }
}

/// A few node ids, to test thousands of rule ends against: a mask of the ids' lengths, which
/// come with the shared text's pointer, rules almost every other id out without reading any
/// text (reading it, rule end after rule end, was most of an update's time).
struct Ids<'a> {
    lengths: u64,
    set: BTreeSet<&'a NodeId>,
}

impl<'a> Ids<'a> {
    fn new(set: BTreeSet<&'a NodeId>) -> Self {
        let lengths = set.iter().fold(0, |m, id| m | length_bit(id));
        Self { lengths, set }
    }

    fn contains(&self, id: &NodeId) -> bool {
        self.lengths & length_bit(id) != 0 && self.set.contains(id)
    }
}

fn length_bit(id: &NodeId) -> u64 {
    1 << (id.as_str().len() % 64)
}

/// The plan findings and the findings about `rules`, sorted.
fn all_findings(
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
    plan_findings: &[Finding],
) -> Vec<Finding> {
    let mut out = plan_findings.to_vec();
    findings::rule_findings(plan, catalog, rules, &mut out);
    out.sort();
    out.dedup();
    out
}

/// Nodes added, removed or changed (positions aside), and both ends of every link added,
/// removed or changed. `None` when either plan's links are not in strict order of their ends
/// (as `Plan::normalize` leaves them), which the pairing below relies on.
fn changed_nodes<'a>(old: &'a Plan, new: &'a Plan) -> Option<BTreeSet<&'a NodeId>> {
    let mut changed = BTreeSet::new();
    let (mut a, mut b) = (old.nodes.iter().peekable(), new.nodes.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some((ia, na)), Some((ib, nb))) => match ia.cmp(ib) {
                std::cmp::Ordering::Less => {
                    changed.insert(*ia);
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    changed.insert(*ib);
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    if !std::sync::Arc::ptr_eq(na, nb) && !na.same_but_position(nb) {
                        changed.insert(*ib);
                    }
                    a.next();
                    b.next();
                }
            },
            (Some((id, _)), None) | (None, Some((id, _))) => {
                changed.insert(*id);
                a.next();
                b.next();
            }
            (None, None) => break,
        }
    }
    let key = |l: &'a crate::plan::Link| (&l.a, &l.b);
    for links in [&old.links, &new.links] {
        if links.windows(2).any(|w| key(&w[0]) >= key(&w[1])) {
            return None;
        }
    }
    let (mut a, mut b) = (old.links.iter().peekable(), new.links.iter().peekable());
    loop {
        let gone = match (a.peek(), b.peek()) {
            (Some(la), Some(lb)) => match key(la).cmp(&key(lb)) {
                std::cmp::Ordering::Less => a.next(),
                std::cmp::Ordering::Greater => b.next(),
                std::cmp::Ordering::Equal => {
                    let (la, lb) = (a.next(), b.next());
                    if la == lb {
                        continue;
                    }
                    lb
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        if let Some(link) = gone {
            changed.insert(&link.a);
            changed.insert(&link.b);
        }
    }
    Some(changed)
}

/// The part of `plan` that the rules and findings of `touched` nodes are derived from: those
/// nodes, every link of theirs and the nodes at the other ends. `None` when that is a large
/// part of the plan (deriving everything is then as fast).
fn part_around(plan: &Plan, touched: &Ids<'_>) -> Option<Plan> {
    let mut ids: BTreeSet<&NodeId> = touched.set.iter().copied().collect();
    let mut links = Vec::new();
    for link in &plan.links {
        if touched.contains(&link.a) || touched.contains(&link.b) {
            links.push(link.clone());
            ids.insert(&link.a);
            ids.insert(&link.b);
        }
    }
    (ids.len() <= plan.nodes.len() / 4 + LARGE_EDIT).then(|| plan.part(ids, links))
}

/// `kept`'s rules, less those `redone`, with `fresh` put in their places: the order
/// [`rules::derive`] gives, which compares node ids as the text they are. `None` when a fresh rule
/// has the id of a kept one (a plan with a link given twice), which only a derivation from
/// scratch orders as it should.
fn merged(kept: Vec<Rule>, fresh: Vec<Rule>, redone: impl Fn(&Rule) -> bool) -> Option<Vec<Rule>> {
    // Where each fresh rule goes among the kept ones (all of them still in order).
    let mut at = Vec::with_capacity(fresh.len());
    for rule in &fresh {
        let p = kept.partition_point(|k| rules::order(k, rule).is_lt());
        if kept
            .get(p)
            .is_some_and(|k| rules::order(k, rule).is_eq() && !redone(k))
        {
            return None;
        }
        at.push(p);
    }
    let mut out = Vec::with_capacity(kept.len() + fresh.len());
    let mut fresh = fresh.into_iter().zip(at).peekable();
    for (i, rule) in kept.into_iter().enumerate() {
        while let Some((f, _)) = fresh.next_if(|(_, p)| *p == i) {
            out.push(f);
        }
        if !redone(&rule) {
            out.push(rule);
        }
    }
    out.extend(fresh.map(|(f, _)| f));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{Derivation, Update};
    use crate::catalog::Catalog;
    use crate::plan::{CustomRule, Link, NodeId, Plan, PlanEdit};

    /// One edit of each kind the window makes (and a hand-written rule), applied one after the
    /// other: after each, the followed derivation equals one from scratch, rules, findings and
    /// kept parts alike, and small edits were followed, not derived again.
    fn follow_edits(mut plan: Plan, catalog: &Catalog, at: usize) {
        let mut derivation = Derivation::new(&plan, catalog);
        assert!(derivation.rules.rules.len() > 40);
        let mut followed = 0;
        for (what, step, small) in edits(&plan, catalog, at) {
            let next = step(&plan);
            let how = derivation.update(&plan, &next, catalog);
            assert_eq!(derivation, Derivation::new(&next, catalog), "after {what}");
            // Removing the first node of a role moves the missing-link fixes that point at it.
            let targets = |p: &Plan| crate::findings::must_link_targets(p, catalog);
            let small = small && targets(&plan) == targets(&next);
            assert_eq!(matches!(how, Update::Changed(_)), small, "{what}: {how:?}");
            followed += usize::from(small);
            plan = next;
        }
        assert!(followed >= 10, "{followed}");
    }

    /// An edit to make on the plan as it then is, and whether it is small enough to follow.
    type Step<'a> = (&'static str, Box<dyn Fn(&Plan) -> Plan + 'a>, bool);

    /// One edit of each kind, on nodes and a link picked from `at` on.
    fn edits<'a>(plan: &Plan, catalog: &'a Catalog, at: usize) -> Vec<Step<'a>> {
        let ids: Vec<NodeId> = plan.nodes.keys().cloned().collect();
        let id = |k: usize| ids[(at + k) % ids.len()].clone();
        let node = |plan: &Plan, k: usize| crate::plan::Node::clone(&plan.nodes[&id(k)]);
        let mut steps: Vec<Step<'a>> = Vec::new();
        let edit = |e: PlanEdit| -> Box<dyn Fn(&Plan) -> Plan + 'a> {
            Box::new(move |p: &Plan| p.applied(&e, catalog).unwrap())
        };
        let set = |i: usize, f: fn(&mut crate::plan::Node)| {
            let mut n = node(plan, i);
            f(&mut n);
            edit(PlanEdit::SetNode { id: id(i), node: n })
        };
        steps.push(("rename", set(0, |n| n.label.push_str(" renamed")), true));
        steps.push((
            "sample name",
            set(1, |n| n.label = "Contoso lab".into()),
            true,
        ));
        steps.push((
            "address gone",
            set(2, |n| {
                if let Some(m) = n.members.first_mut() {
                    m.addresses.clear();
                }
                n.vips.clear();
            }),
            true,
        ));
        steps.push((
            "zone",
            set(3, |n| n.zone = crate::topology::Zone::Internal),
            true,
        ));
        // Another role: its neighbours' "Any" rules and missing links depend on it.
        let mut other = node(plan, 1);
        other.role = "any".to_owned();
        other.lb = crate::topology::LbMode::Single;
        other.members.clear();
        other.vips.clear();
        other.flags.clear();
        steps.push((
            "role",
            edit(PlanEdit::SetNode {
                id: id(1),
                node: other,
            }),
            true,
        ));
        link_edits(plan, catalog, at, &mut steps);
        steps
    }

    /// Edits of a link, of the node set and of the plan as a whole.
    fn link_edits<'a>(plan: &Plan, catalog: &'a Catalog, at: usize, steps: &mut Vec<Step<'a>>) {
        let ids: Vec<NodeId> = plan.nodes.keys().cloned().collect();
        let id = |k: usize| ids[(at + k) % ids.len()].clone();
        let node = |plan: &Plan, k: usize| crate::plan::Node::clone(&plan.nodes[&id(k)]);
        let link = plan.links[at % plan.links.len()].clone();
        let (a, b) = (link.a.clone(), link.b.clone());
        let edit = |e: PlanEdit| -> Box<dyn Fn(&Plan) -> Plan + 'a> {
            Box::new(move |p: &Plan| p.applied(&e, catalog).unwrap())
        };
        steps.push((
            "switch off",
            edit(PlanEdit::SetRequirement {
                a: a.clone(),
                b: b.clone(),
                requirement: catalog.requirements()[0].id.clone(),
                enabled: false,
            }),
            true,
        ));
        let (ca, cb) = (a.clone(), b.clone());
        steps.push((
            "hand-written rule",
            Box::new(move |p: &Plan| {
                let mut p = p.clone();
                let l = p.links.iter_mut().find(|l| l.a == ca && l.b == cb).unwrap();
                l.custom.push(CustomRule {
                    name: "Hand-written".to_owned(),
                    from: cb.clone(),
                    application: "SIP".to_owned(),
                    transport: crate::net::Transport::Tcp,
                    ports: "5061".parse().unwrap(),
                });
                p
            }),
            true,
        ));
        steps.push((
            "unlink",
            edit(PlanEdit::RemoveLinks {
                links: vec![(a.clone(), b.clone())],
            }),
            true,
        ));
        steps.push(("link again", edit(PlanEdit::AddLink { a, b }), true));
        let copy = node(plan, 4);
        let new_id = NodeId::from(format!("{}-copy", id(4)));
        steps.push((
            "add linked",
            edit(PlanEdit::AddNodes {
                nodes: vec![(new_id.clone(), copy)],
                links: vec![Link::new(&id(5), &new_id)],
            }),
            true,
        ));
        steps.push((
            "remove",
            edit(PlanEdit::RemoveNodes {
                ids: vec![id(6).clone()],
            }),
            true,
        ));
        let moved = node(plan, 7);
        steps.push((
            "move",
            edit(PlanEdit::MoveNodes {
                moves: vec![(id(7).clone(), moved.position, moved.zone)],
            }),
            true,
        ));
        steps.push((
            "plan name",
            edit(PlanEdit::SetName {
                name: "Renamed".to_owned(),
            }),
            true,
        ));
        steps.push((
            "product",
            edit(PlanEdit::SetProduct {
                product: crate::topology::Product::Sfb2015,
            }),
            false,
        ));
    }

    #[test]
    fn edits_are_followed_as_a_derivation_from_scratch_finds() {
        let catalog = Catalog::builtin().unwrap();
        let large = crate::generate::large_plan(300, &catalog).unwrap();
        follow_edits(large.clone(), &catalog, 40);
        follow_edits(large, &catalog, 123);
        let seed =
            crate::plan_file::from_ron(crate::examples::SEED_PLAN, "seed", &catalog).unwrap();
        follow_edits(seed, &catalog, 2);
    }
}
