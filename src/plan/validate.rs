//! Structural checks of a loaded plan against the catalog: ids that point nowhere,
//! unknown roles or flags, self-links. Design problems are findings, not these.

use std::collections::BTreeSet;

use super::{Node, NodeId, Plan};
use crate::catalog::{Catalog, Scope};
use crate::escape::{Quoted, quoted};
use crate::ron_path::Step;

/// Most member servers a node may have (Microsoft supports at most 12 per pool).
pub const MAX_MEMBERS: usize = 100;

// Bounds on counts, checked before any rule is derived: every export and the window are
// linear in the rules and their addresses, and these keep those under about a gigabyte of
// output. A 15 MB plan of 600,000 links took 10 GB for its JSON export. Real plans have 5 to
// 100 nodes; `gen-plan` makes at most 18,432 nodes and about 26,600 links (14,456 links: a 97 MB
// JSON export).

/// Most nodes a plan may have.
pub const MAX_NODES: usize = 20_000;
/// Most links a plan may have.
pub const MAX_LINKS: usize = 50_000;
/// Most networks one node may have.
pub const MAX_NETWORKS: usize = 10_000;
/// Most hand-written rules on one link.
pub const MAX_CUSTOM_RULES: usize = 100;
/// Most network uses in a plan: each network of a node is written into the rules of each of
/// the node's links and custom rules, so this bounds the addresses every export lists.
pub const MAX_NETWORK_USES: usize = 1_000_000;

/// One reason a plan cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanProblem {
    /// What is wrong, naming the node or link.
    pub message: String,
    /// Where in the file: the path to the offending text.
    pub at: Vec<Step>,
}

pub(super) fn problem(message: String, at: Vec<Step>) -> PlanProblem {
    PlanProblem { message, at }
}

/// The path to a node's key, then `more`.
fn node_at(id: &NodeId, more: impl IntoIterator<Item = Step>) -> Vec<Step> {
    [Step::Field("nodes"), Step::Key(id.to_string())]
        .into_iter()
        .chain(more)
        .collect()
}

/// The path to link `i`, then `more`.
fn link_at(i: usize, more: impl IntoIterator<Item = Step>) -> Vec<Step> {
    [Step::Field("links"), Step::Index(i)]
        .into_iter()
        .chain(more)
        .collect()
}

/// Every structural problem of the plan, in file order: firewalls, nodes, links, then the
/// diagram's stored positions.
pub fn validate(plan: &Plan, catalog: &Catalog) -> Vec<PlanProblem> {
    // Each link's ends are found once, for the bounds and the link checks: every edit in the
    // window validates the whole plan, and looking them up twice was a fifth of the frame that
    // applies an edit at 2,000 nodes.
    let ends: Vec<[Option<&Node>; 2]> = (plan.links.iter())
        .map(|l| [&l.a, &l.b].map(|id| plan.nodes.get(id).map(|n| &**n)))
        .collect();
    let mut out = counts(plan, &ends);
    if !out.is_empty() {
        // Refused before any further work: a plan over a bound may be arbitrarily large.
        return out;
    }
    super::firewalls::validate(&plan.firewalls, &mut out);
    validate_plan_names(&plan.names, &mut out);
    for (id, node) in &plan.nodes {
        validate_node(id, node, catalog, &mut out);
    }
    let mut pairs = BTreeSet::new();
    for (i, (link, found)) in plan.links.iter().zip(&ends).enumerate() {
        // Messages quote the file's ids one line each, cut short (a hostile id can be huge).
        let (a, b) = (Quoted(link.a.as_str()), Quoted(link.b.as_str()));
        for ((end, field), found) in [(&link.a, "a"), (&link.b, "b")].into_iter().zip(found) {
            if found.is_none() {
                out.push(problem(
                    format!(
                        "link {a}-{b} names node `{}`, which does not exist",
                        quoted(end.as_str())
                    ),
                    link_at(i, [Step::Field(field)]),
                ));
            }
        }
        if link.a == link.b {
            out.push(problem(
                format!("link {a}-{b} connects a node to itself"),
                link_at(i, [Step::Field("b")]),
            ));
        }
        let key = if link.a <= link.b {
            (&link.a, &link.b)
        } else {
            (&link.b, &link.a)
        };
        if !pairs.insert(key) {
            out.push(problem(
                format!("link {a}-{b} appears twice"),
                link_at(i, []),
            ));
        }
        for (j, rule) in link.custom.iter().enumerate() {
            if rule.from != link.a && rule.from != link.b {
                out.push(problem(
                    format!(
                        "custom rule on link {a}-{b} starts at `{}`, which is not an end of the link",
                        quoted(rule.from.as_str())
                    ),
                    link_at(
                        i,
                        [Step::Field("custom"), Step::Index(j), Step::Field("from")],
                    ),
                ));
            }
        }
    }
    super::diagram::validate(plan, &mut out);
    out
}

/// The count bounds, with the first offender. Linear in the plan.
fn counts(plan: &Plan, ends: &[[Option<&Node>; 2]]) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    if plan.nodes.len() > MAX_NODES {
        out.push(problem(
            format!(
                "the plan has {} nodes (at most {MAX_NODES})",
                plan.nodes.len()
            ),
            vec![Step::Field("nodes")],
        ));
    }
    if plan.links.len() > MAX_LINKS {
        out.push(problem(
            format!(
                "the plan has {} links (at most {MAX_LINKS})",
                plan.links.len()
            ),
            vec![Step::Field("links")],
        ));
    }
    for (id, node) in &plan.nodes {
        if node.networks.len() > MAX_NETWORKS {
            out.push(problem(
                format!(
                    "node `{}` has {} networks (at most {MAX_NETWORKS})",
                    quoted(id.as_str()),
                    node.networks.len()
                ),
                node_at(id, [Step::Field("networks")]),
            ));
        }
    }
    // Each link and custom rule uses the networks of both its ends.
    let networks = |end: Option<&Node>| end.map_or(0, |n| n.networks.len());
    let mut total = 0usize;
    for (i, (link, [a, b])) in plan.links.iter().zip(ends).enumerate() {
        if link.custom.len() > MAX_CUSTOM_RULES {
            out.push(problem(
                format!(
                    "link {}-{} has {} custom rules (at most {MAX_CUSTOM_RULES})",
                    quoted(link.a.as_str()),
                    quoted(link.b.as_str()),
                    link.custom.len()
                ),
                link_at(i, [Step::Field("custom")]),
            ));
        }
        let uses = networks(*a).saturating_add(networks(*b));
        total = total.saturating_add(uses.saturating_mul(1 + link.custom.len()));
    }
    if total > MAX_NETWORK_USES {
        out.push(problem(
            format!(
                "the plan's networks are used {total} times, each network of a node once per link and custom rule of the node (at most {MAX_NETWORK_USES}): split the networks into fewer, wider ones or the plan into several"
            ),
            vec![Step::Field("links")],
        ));
    }
    out
}

fn validate_node(node_id: &NodeId, node: &Node, catalog: &Catalog, out: &mut Vec<PlanProblem>) {
    let needle = || node_at(node_id, []);
    // Messages quote the file's text one line each, cut short (a hostile id can be huge).
    let id = Quoted(node_id.as_str());
    if !NodeId::is_valid(node_id.as_str()) {
        out.push(problem(
            format!("node id `{id}` must be 1-64 letters, digits, `-` or `_`"),
            needle(),
        ));
    }
    if !node.position.x.is_finite() || !node.position.y.is_finite() {
        out.push(problem(
            format!("node `{id}` has a position that is not a finite number"),
            node_at(node_id, [Step::Field("position")]),
        ));
    }
    let Some(role) = catalog.role(&node.role) else {
        out.push(problem(
            format!("node `{id}` has unknown role `{}`", quoted(&node.role)),
            node_at(node_id, [Step::Field("role")]),
        ));
        return;
    };
    if node.members.len() > MAX_MEMBERS {
        out.push(problem(
            format!(
                "node `{id}` has {} members (at most {MAX_MEMBERS})",
                node.members.len()
            ),
            node_at(node_id, [Step::Field("members")]),
        ));
    }
    for flag in &node.flags {
        if !role.flags.iter().any(|f| &f.id == flag) {
            out.push(problem(
                format!(
                    "node `{id}`: role `{}` has no flag `{}`",
                    role.id,
                    quoted(flag)
                ),
                node_at(node_id, [Step::Field("flags"), Step::Item(flag.clone())]),
            ));
        }
    }
    if node.addressing != crate::topology::Addressing::default() && !role.addressing {
        out.push(problem(
            format!(
                "node `{id}`: role `{}` has no public/NAT addressing",
                role.id
            ),
            node_at(node_id, [Step::Field("addressing")]),
        ));
    }
    validate_endpoints(node_id, node, role, out);
    for (kind, text) in &node.names {
        if !super::NameKind::of_role(&node.role).contains(kind) {
            out.push(problem(
                format!("node `{id}`: role `{}` has no name `{kind}`", role.id),
                node_at(node_id, [Step::Field("names")]),
            ));
        } else if text.len() > super::names::MAX_NAME_TEXT {
            out.push(problem(
                format!(
                    "node `{id}`: name `{kind}` is {} bytes long (at most {})",
                    text.len(),
                    super::names::MAX_NAME_TEXT
                ),
                node_at(node_id, [Step::Field("names")]),
            ));
        }
    }
}

/// The plan's names: a bounded number of bounded texts (whether they are DNS names is a
/// finding, so a plan with a mistyped name still opens to be fixed).
fn validate_plan_names(names: &super::PlanNames, out: &mut Vec<PlanProblem>) {
    use super::names::{MAX_NAME_TEXT, MAX_SIP_DOMAINS};
    let at = |field: &'static str| vec![Step::Field("names"), Step::Field(field)];
    if names.sip_domains.len() > MAX_SIP_DOMAINS {
        out.push(problem(
            format!(
                "the plan has {} SIP domains (at most {MAX_SIP_DOMAINS})",
                names.sip_domains.len()
            ),
            at("sip_domains"),
        ));
        return;
    }
    for (field, text) in names.texts() {
        if text.len() > MAX_NAME_TEXT {
            out.push(problem(
                format!(
                    "names: `{field}` has a name {} bytes long (at most {MAX_NAME_TEXT})",
                    text.len()
                ),
                at(field),
            ));
        }
    }
}

/// Each member, NAT and VIP address is of an endpoint kind of the node's role with that scope.
fn validate_endpoints(
    node_id: &NodeId,
    node: &Node,
    role: &crate::catalog::Role,
    out: &mut Vec<PlanProblem>,
) {
    let id = Quoted(node_id.as_str());
    let kind_ok =
        |kind: &str, want: fn(Scope) -> bool| role.endpoint(kind).is_some_and(|e| want(e.scope));
    for (m, member) in node.members.iter().enumerate() {
        let kinds = (member.addresses.keys().map(|k| ("addresses", k)))
            .chain(member.nat.keys().map(|k| ("nat", k)));
        for (field, kind) in kinds {
            if !kind_ok(kind, |s| s == Scope::Member) {
                out.push(problem(
                    format!(
                        "node `{id}`, member `{}`: `{}` is not a member endpoint of role `{}`",
                        quoted(&member.name),
                        quoted(kind),
                        role.id
                    ),
                    node_at(
                        node_id,
                        [
                            Step::Field("members"),
                            Step::Index(m),
                            Step::Field(field),
                            Step::Key(kind.to_string()),
                        ],
                    ),
                ));
            }
        }
    }
    for kind in node.vips.keys() {
        if !kind_ok(kind, |s| s == Scope::Vip) {
            out.push(problem(
                format!(
                    "node `{id}`: `{}` is not a VIP endpoint of role `{}`",
                    quoted(kind),
                    role.id
                ),
                node_at(node_id, [Step::Field("vips"), Step::Key(kind.to_string())]),
            ));
        }
    }
    if !node.networks.is_empty()
        && !role
            .endpoints
            .iter()
            .any(|e| matches!(e.scope, Scope::Networks { .. }))
    {
        out.push(problem(
            format!("node `{id}`: role `{}` has no networks", role.id),
            node_at(node_id, [Step::Field("networks")]),
        ));
    }
}
