//! Source conflicts: rules whose requirement Microsoft's pages disagree about.

use std::collections::BTreeMap;

use super::{Finding, FindingKind, Severity, Subject, finding, message};
use crate::catalog::Catalog;
use crate::rules::{Rule, RuleSet};

/// One note per conflict of the catalog that some rule's requirement names, on the first such
/// rule (in rule order), with the count of all of them.
pub(super) fn check(catalog: &Catalog, rules: &RuleSet) -> Vec<Finding> {
    let mut hits: BTreeMap<&str, (usize, &Rule)> = BTreeMap::new();
    for rule in &rules.rules {
        for c in rule.origin.conflicts.iter() {
            hits.entry(c.as_str()).or_insert((0, rule)).0 += 1;
        }
    }
    let mut out = Vec::new();
    for (id, (count, first)) in hits {
        let Some(conflict) = catalog.conflict(id) else {
            continue;
        };
        let pages: Vec<String> = conflict
            .pages
            .iter()
            .map(|id| {
                catalog
                    .source(id)
                    .map_or_else(|| id.clone(), |p| p.title.clone())
            })
            .collect();
        out.push(finding(
            Severity::Info,
            FindingKind::SourceConflict,
            Subject::Rule(first.id().to_string()),
            message("find.conflict", |l| {
                vec![
                    ("pages", pages.join("; ")),
                    ("summary", conflict.summary.get(l).to_owned()),
                    ("n", count.to_string()),
                ]
            }),
            None,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    /// Each source conflict is reported once, on the first rule (in rule order) whose
    /// requirement names it, with the count of all such rules.
    #[test]
    fn conflicts_count_every_rule_that_names_them() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(100, &catalog).unwrap();
        let rules = crate::rules::derive(&plan, &catalog);
        let mut expected = std::collections::BTreeMap::new();
        for rule in &rules.rules {
            for c in rule.origin.conflicts.iter() {
                let hit = expected
                    .entry(c.clone())
                    .or_insert((0, rule.id().to_string()));
                hit.0 += 1;
            }
        }
        assert!(expected.len() >= 3, "{expected:?}");
        let got: std::collections::BTreeMap<_, _> = super::check(&catalog, &rules)
            .iter()
            .map(|f| {
                let id = catalog
                    .data()
                    .conflicts
                    .iter()
                    .find(|c| f.message.en.contains(&c.summary.en))
                    .unwrap()
                    .id
                    .clone();
                let n = f.message.en.rsplit("Affects ").next().unwrap();
                let n: usize = n.split(' ').next().unwrap().parse().unwrap();
                let crate::findings::Subject::Rule(first) = &f.subject else {
                    panic!("{f:?}")
                };
                (id, (n, first.clone()))
            })
            .collect();
        assert_eq!(got, expected);
    }
}
