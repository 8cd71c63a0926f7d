//! Exposed internal nodes: internal nodes that rules across the external firewall reach.

use std::collections::BTreeMap;

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, label, message};
use crate::plan::{NodeId, Plan};
use crate::rules::{Rule, RuleSet};
use crate::topology::{Firewall, Zone};

/// One warning per internal node with an end of a rule on the external firewall: how many
/// rule ends, and the first such rule (in rule order).
pub(super) fn check(plan: &Plan, rules: &RuleSet) -> Vec<Finding> {
    let mut exposed: BTreeMap<&NodeId, (usize, &Rule)> = BTreeMap::new();
    for rule in &rules.rules {
        if rule.firewall != Firewall::External {
            continue;
        }
        for end in [&rule.source, &rule.destination] {
            if let (Some(node), Zone::Internal) = (&end.node, end.zone) {
                exposed.entry(node).or_insert((0, rule)).0 += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (node, (count, first)) in exposed {
        out.push(finding(
            Severity::Warning,
            FindingKind::InvalidTopology,
            Subject::Node(node.clone()),
            message("find.exposed", |_| {
                vec![
                    ("node", label(plan, node)),
                    ("n", count.to_string()),
                    ("first", first.id().to_string()),
                ]
            }),
            Some(Fix::EditNode {
                node: node.clone(),
                field: NodeField::Zone,
            }),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::findings::{Fix, NodeField, message};
    use crate::topology::{Firewall, Zone};

    /// Nodes moved into the internal zone are found once each, with the count of rule ends
    /// across the external firewall that reach them and the first such rule.
    #[test]
    fn each_exposed_node_counts_the_rules_that_reach_it() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let mut plan = crate::generate::large_plan(100, &catalog).unwrap();
        let ids: Vec<_> = plan.nodes.keys().take(40).cloned().collect();
        for id in &ids {
            plan.node_mut(id).unwrap().zone = Zone::Internal;
        }
        let rules = crate::rules::derive(&plan, &catalog);
        let mut counted = BTreeMap::new();
        for rule in &rules.rules {
            for end in [&rule.source, &rule.destination] {
                if let Some(node) = &end.node
                    && rule.firewall == Firewall::External
                    && end.zone == Zone::Internal
                {
                    counted
                        .entry(node.clone())
                        .or_insert((0, rule.id().to_string()))
                        .0 += 1;
                }
            }
        }
        assert!(counted.len() > 3, "{counted:?}");
        let expected: BTreeSet<_> = counted
            .into_iter()
            .map(|(node, (count, first))| {
                let text = message("find.exposed", |_| {
                    vec![
                        ("node", crate::escape::quoted(&plan.nodes[&node].label)),
                        ("n", count.to_string()),
                        ("first", first.clone()),
                    ]
                });
                (node, text.en)
            })
            .collect();
        let found: BTreeSet<_> = super::check(&plan, &rules)
            .into_iter()
            .map(|f| match f.fix {
                Some(Fix::EditNode {
                    node,
                    field: NodeField::Zone,
                }) => (node, f.message.en),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(found, expected);
    }
}
