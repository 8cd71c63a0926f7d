//! Which of a requirement's Microsoft pages and page disagreements a rule names: those that
//! document the topology of the rule's nodes and the plan's product.

use crate::catalog::{Catalog, Condition, Requirement};
use crate::plan::Node;
use crate::topology::Product;

/// True when every condition holds on the node of its role among `nodes` (a condition on a
/// role with no node here does not hold).
pub(super) fn holds(conditions: &[Condition], nodes: [Option<&Node>; 2]) -> bool {
    conditions.iter().all(|cond| {
        let Some(node) = nodes.into_iter().flatten().find(|n| n.role == cond.role()) else {
            return false;
        };
        match cond {
            Condition::Flag { flag, .. } => node.flags.contains(flag),
            Condition::Lb { modes, .. } => modes.contains(&node.lb),
            Condition::Addressing { mode, .. } => node.addressing == *mode,
        }
    })
}

/// The ids of the pages a rule of `req` between `nodes` cites: those of its references that
/// document the plan's product and the nodes' topology; failing that, those of the topology
/// (the catalog follows a Lync Server 2013 page where no Skype for Business Server page has
/// the row), then those of the product; failing all, every reference.
pub(super) fn cited_pages(
    catalog: &Catalog,
    req: &Requirement,
    nodes: [Option<&Node>; 2],
    product: Product,
) -> Vec<String> {
    let pages: Vec<_> = req
        .references
        .iter()
        .filter_map(|id| catalog.source(id))
        .collect();
    let for_product = |p: &&crate::catalog::Source| p.products.contains(&product);
    let for_topology = |p: &&crate::catalog::Source| holds(&p.topology, nodes);
    let choices = [
        pages
            .iter()
            .filter(|p| for_product(p) && for_topology(p))
            .collect::<Vec<_>>(),
        pages.iter().filter(|p| for_topology(p)).collect(),
        pages.iter().filter(|p| for_product(p)).collect(),
        pages.iter().collect(),
    ];
    choices
        .into_iter()
        .find(|c| !c.is_empty())
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.id.clone())
        .collect()
}

/// The ids of the disagreements between pages that change a rule of `req` between `nodes`.
pub(super) fn noted_conflicts(
    catalog: &Catalog,
    req: &Requirement,
    nodes: [Option<&Node>; 2],
) -> Vec<String> {
    req.conflicts
        .iter()
        .filter(|id| catalog.conflict(id).is_some_and(|c| holds(&c.when, nodes)))
        .cloned()
        .collect()
}
