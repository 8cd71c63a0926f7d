//! Derivation on plans of thousands of rules: duplicates and order.

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
