//! Missing links: a node of a role the catalog says must be linked to another role, and is not.

use super::{Finding, FindingKind, Fix, Severity, Subject, finding, message, role_name};
use crate::catalog::Catalog;
use crate::plan::{Node, NodeId, Plan};

/// One error per node missing a must-link, whose fix links it to the plan's first node (in id
/// order) of the role it must be linked to. Nothing when the plan has no node of that role.
pub(super) fn check(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each node (in id order) with the roles of the nodes linked to it, from one pass over the
    // links: a node has a handful of links, so a list per node is searched in place.
    let nodes: Vec<(&NodeId, &Node)> = plan.nodes.iter().map(|(id, n)| (id, &**n)).collect();
    let at = |id: &NodeId| nodes.binary_search_by(|(n, _)| (*n).cmp(id)).ok();
    let mut linked_roles: Vec<Vec<&str>> = vec![Vec::new(); nodes.len()];
    for link in &plan.links {
        if let (Some(a), Some(b)) = (at(&link.a), at(&link.b)) {
            linked_roles[a].push(nodes[b].1.role.as_str());
            linked_roles[b].push(nodes[a].1.role.as_str());
        }
    }
    for must in &catalog.data().must_link {
        if catalog.role(&must.from).is_none() || catalog.role(&must.to).is_none() {
            continue;
        }
        let Some(target) = plan
            .nodes
            .iter()
            .find(|(_, n)| n.role == must.to)
            .map(|(id, _)| id)
        else {
            continue;
        };
        for (place, &(id, node)) in nodes.iter().enumerate() {
            if node.role != must.from || linked_roles[place].contains(&must.to.as_str()) {
                continue;
            }
            out.push(finding(
                Severity::Error,
                FindingKind::MissingLink,
                Subject::Node(id.clone()),
                message("find.missing_link", |l| {
                    vec![
                        ("node", crate::escape::quoted(&node.label)),
                        ("role", role_name(catalog, &must.to, l)),
                        ("why", must.why.get(l).to_owned()),
                    ]
                }),
                Some(Fix::AddLink {
                    a: id.clone(),
                    b: target.clone(),
                }),
            ));
        }
    }
    out
}
