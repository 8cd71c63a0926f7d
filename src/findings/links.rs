//! Missing links: a node of a role the catalog says must be linked to another role, and is not.

use super::{Finding, FindingKind, Fix, Severity, Subject, finding, message, role_name};
use crate::catalog::Catalog;
use std::collections::BTreeSet;

use crate::plan::{NodeId, Plan};

/// One error per node missing a must-link, whose fix links it to the plan's first node (in id
/// order) of the role it must be linked to. Nothing when the plan has no node of that role.
pub(super) fn check(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each node with the roles linked to it, from one pass over the links.
    let mut linked_roles: BTreeSet<(&NodeId, &str)> = BTreeSet::new();
    for link in &plan.links {
        if let (Some(a), Some(b)) = (plan.nodes.get(&link.a), plan.nodes.get(&link.b)) {
            linked_roles.insert((&link.a, b.role.as_str()));
            linked_roles.insert((&link.b, a.role.as_str()));
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
        for (id, node) in &plan.nodes {
            if node.role != must.from {
                continue;
            }
            if linked_roles.contains(&(id, must.to.as_str())) {
                continue;
            }
            out.push(finding(
                Severity::Error,
                FindingKind::MissingLink,
                Subject::Node(id.clone()),
                message("find.missing_link", |l| {
                    vec![
                        ("node", node.label.clone()),
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
