//! Structural checks of a loaded plan against the catalog: ids that point nowhere,
//! unknown roles or flags, self-links. Design problems are findings, not these.

use std::collections::BTreeSet;

use super::{Node, NodeId, Plan};
use crate::catalog::{Catalog, Scope};

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
    /// Text to look for in the file to point at the problem.
    pub needle: String,
}

fn problem(message: String, needle: &str) -> PlanProblem {
    PlanProblem {
        message,
        needle: needle.to_owned(),
    }
}

/// Every structural problem of the plan, in file order of nodes then links.
pub fn validate(plan: &Plan, catalog: &Catalog) -> Vec<PlanProblem> {
    let mut out = counts(plan);
    if !out.is_empty() {
        // Refused before any further work: a plan over a bound may be arbitrarily large.
        return out;
    }
    for (id, node) in &plan.nodes {
        validate_node(id, node, catalog, &mut out);
    }
    let mut pairs = BTreeSet::new();
    for link in &plan.links {
        // Written only for a problem: a valid plan is checked after every edit.
        let needle = || format!("\"{}\"", link.a);
        for end in [&link.a, &link.b] {
            if !plan.nodes.contains_key(end) {
                out.push(problem(
                    format!(
                        "link {}-{} names node `{end}`, which does not exist",
                        link.a, link.b
                    ),
                    &format!("\"{end}\""),
                ));
            }
        }
        if link.a == link.b {
            out.push(problem(
                format!("link {}-{} connects a node to itself", link.a, link.b),
                &needle(),
            ));
        }
        let key = if link.a <= link.b {
            (&link.a, &link.b)
        } else {
            (&link.b, &link.a)
        };
        if !pairs.insert(key) {
            out.push(problem(
                format!("link {}-{} appears twice", link.a, link.b),
                &needle(),
            ));
        }
        for rule in &link.custom {
            if rule.from != link.a && rule.from != link.b {
                out.push(problem(
                    format!(
                        "custom rule on link {}-{} starts at `{}`, which is not an end of the link",
                        link.a, link.b, rule.from
                    ),
                    &format!("\"{}\"", rule.from),
                ));
            }
        }
    }
    out
}

/// The count bounds, with the first offender. Linear in the plan.
fn counts(plan: &Plan) -> Vec<PlanProblem> {
    let mut out = Vec::new();
    if plan.nodes.len() > MAX_NODES {
        out.push(problem(
            format!(
                "the plan has {} nodes (at most {MAX_NODES})",
                plan.nodes.len()
            ),
            "nodes:",
        ));
    }
    if plan.links.len() > MAX_LINKS {
        out.push(problem(
            format!(
                "the plan has {} links (at most {MAX_LINKS})",
                plan.links.len()
            ),
            "links:",
        ));
    }
    for (id, node) in &plan.nodes {
        if node.networks.len() > MAX_NETWORKS {
            out.push(problem(
                format!(
                    "node `{id}` has {} networks (at most {MAX_NETWORKS})",
                    node.networks.len()
                ),
                &format!("\"{id}\""),
            ));
        }
    }
    // Each link and custom rule uses the networks of both its ends.
    let networks = |id: &NodeId| plan.nodes.get(id).map_or(0, |n| n.networks.len());
    let mut total = 0usize;
    for link in &plan.links {
        if link.custom.len() > MAX_CUSTOM_RULES {
            out.push(problem(
                format!(
                    "link {}-{} has {} custom rules (at most {MAX_CUSTOM_RULES})",
                    link.a,
                    link.b,
                    link.custom.len()
                ),
                &format!("\"{}\"", link.a),
            ));
        }
        let ends = networks(&link.a).saturating_add(networks(&link.b));
        total = total.saturating_add(ends.saturating_mul(1 + link.custom.len()));
    }
    if total > MAX_NETWORK_USES {
        out.push(problem(
            format!(
                "the plan's networks are used {total} times, each network of a node once per link and custom rule of the node (at most {MAX_NETWORK_USES}): split the networks into fewer, wider ones or the plan into several"
            ),
            "networks:",
        ));
    }
    out
}

fn validate_node(id: &NodeId, node: &Node, catalog: &Catalog, out: &mut Vec<PlanProblem>) {
    // Written only for a problem: a valid plan is checked after every edit.
    let needle = || format!("\"{id}\"");
    if !NodeId::is_valid(id.as_str()) {
        out.push(problem(
            format!("node id `{id}` must be 1-64 letters, digits, `-` or `_`"),
            &needle(),
        ));
    }
    if !node.position.x.is_finite() || !node.position.y.is_finite() {
        out.push(problem(
            format!("node `{id}` has a position that is not a finite number"),
            &needle(),
        ));
    }
    let Some(role) = catalog.role(&node.role) else {
        out.push(problem(
            format!("node `{id}` has unknown role `{}`", node.role),
            &format!("\"{}\"", node.role),
        ));
        return;
    };
    if node.members.len() > MAX_MEMBERS {
        out.push(problem(
            format!(
                "node `{id}` has {} members (at most {MAX_MEMBERS})",
                node.members.len()
            ),
            &needle(),
        ));
    }
    for flag in &node.flags {
        if !role.flags.iter().any(|f| &f.id == flag) {
            out.push(problem(
                format!("node `{id}`: role `{}` has no flag `{flag}`", role.id),
                &format!("\"{flag}\""),
            ));
        }
    }
    if node.addressing != crate::topology::Addressing::default() && !role.addressing {
        out.push(problem(
            format!(
                "node `{id}`: role `{}` has no public/NAT addressing",
                role.id
            ),
            &needle(),
        ));
    }
    let kind_ok =
        |kind: &str, want: fn(Scope) -> bool| role.endpoint(kind).is_some_and(|e| want(e.scope));
    for member in &node.members {
        for kind in member.addresses.keys().chain(member.nat.keys()) {
            if !kind_ok(kind, |s| s == Scope::Member) {
                out.push(problem(
                    format!(
                        "node `{id}`, member `{}`: `{kind}` is not a member endpoint of role `{}`",
                        member.name, role.id
                    ),
                    &format!("\"{kind}\""),
                ));
            }
        }
    }
    for kind in node.vips.keys() {
        if !kind_ok(kind, |s| s == Scope::Vip) {
            out.push(problem(
                format!(
                    "node `{id}`: `{kind}` is not a VIP endpoint of role `{}`",
                    role.id
                ),
                &format!("\"{kind}\""),
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
            &needle(),
        ));
    }
}
