//! Structural checks of a loaded plan against the catalog: ids that point nowhere,
//! unknown roles or flags, self-links. Design problems are findings, not these.

use std::collections::BTreeSet;

use super::{Node, NodeId, Plan};
use crate::catalog::{Catalog, Scope};

/// Most member servers a node may have (Microsoft supports at most 12 per pool).
pub const MAX_MEMBERS: usize = 100;

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
    let mut out = Vec::new();
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
