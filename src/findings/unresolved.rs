//! Unresolved addresses: rule ends that need an address the plan does not give.

use std::collections::BTreeMap;

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message};
use crate::plan::NodeId;
use crate::rules::{Missing, RuleSet};

/// One error per missing address of a node, counting the rule ends it leaves unresolved. The
/// first rule end (in rule order, source before destination) to miss it names its endpoint
/// kind, which picks the field to fix: the VIPs for a VIP kind, else the addresses.
pub(super) fn check(rules: &RuleSet) -> Vec<Finding> {
    // Per (node, missing address): how many rule ends miss it, and the first one's endpoint.
    let mut missing: BTreeMap<(&NodeId, &Missing), (usize, &str)> = BTreeMap::new();
    for rule in &rules.rules {
        for end in [&rule.source, &rule.destination] {
            let Some(node) = &end.node else { continue };
            for m in &end.missing {
                missing.entry((node, m)).or_insert((0, &end.endpoint)).0 += 1;
            }
        }
    }
    let mut out = Vec::new();
    for ((node, what), (count, endpoint)) in missing {
        let field = if endpoint.ends_with("vip") {
            NodeField::Vips
        } else if matches!(what, Missing::Networks { .. }) {
            NodeField::Networks
        } else {
            NodeField::Addresses
        };
        out.push(finding(
            Severity::Error,
            FindingKind::UnresolvedAddress,
            Subject::Node(node.clone()),
            message("find.unresolved", |l| {
                vec![("what", what.text(l)), ("count", count.to_string())]
            }),
            Some(Fix::EditAddress {
                node: node.clone(),
                field,
                endpoint: endpoint.into(),
                member: None,
            }),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::findings::{Fix, NodeField, message};
    use crate::i18n::Lang;

    /// On a plan with VIPs, members and addresses taken away, each missing address is one
    /// finding that counts every rule end missing it, and its fix opens the VIPs when the
    /// first of those ends is a VIP kind, else the addresses.
    #[test]
    fn each_missing_address_counts_the_rule_ends_missing_it() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let mut plan = crate::generate::large_plan(100, &catalog).unwrap();
        let ids: Vec<_> = plan.nodes.keys().take(30).cloned().collect();
        for (i, id) in ids.iter().enumerate() {
            let node = plan.node_mut(id).unwrap();
            match i % 3 {
                0 => node.vips.clear(),
                1 => node.members.clear(),
                _ => node.members.iter_mut().for_each(|m| m.addresses.clear()),
            }
        }
        let rules = crate::rules::derive(&plan, &catalog);
        let mut counted = BTreeMap::new();
        for rule in &rules.rules {
            for end in [&rule.source, &rule.destination] {
                for m in &end.missing {
                    counted
                        .entry((end.node.clone().unwrap(), m.clone()))
                        .or_insert((0, end.endpoint.ends_with("vip")))
                        .0 += 1;
                }
            }
        }
        assert!(counted.len() > 10, "{}", counted.len());
        let expected: BTreeSet<_> = counted
            .iter()
            .map(|((node, what), (count, vip))| {
                let text = message("find.unresolved", |l| {
                    vec![("what", what.text(l)), ("count", count.to_string())]
                });
                let field = if *vip {
                    NodeField::Vips
                } else if matches!(what, super::Missing::Networks { .. }) {
                    NodeField::Networks
                } else {
                    NodeField::Addresses
                };
                (node.clone(), field, text.get(Lang::En).to_owned())
            })
            .collect();
        let found: BTreeSet<_> = super::check(&rules)
            .into_iter()
            .map(|f| match f.fix {
                Some(Fix::EditAddress { node, field, .. }) => (node, field, f.message.en),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(found, expected);
    }
}
