//! Mixed address families: rules no packet can match, which config formats cannot write.

use super::{Finding, FindingKind, Severity, Subject, finding, message};
use crate::rules::RuleSet;

/// One error per rule whose ends share no address family, or that names an IPv4-mapped IPv6
/// address: every export writes it as a placeholder, so without this finding it would vanish
/// from the firewall with a clean `check`.
pub(super) fn check(rules: &RuleSet) -> Vec<Finding> {
    rules
        .rules
        .iter()
        .filter(|r| r.is_mixed_family())
        .map(|rule| {
            finding(
                Severity::Error,
                FindingKind::MixedFamily,
                Subject::Rule(rule.id().to_string()),
                message("find.mixed_family", |_| {
                    vec![
                        ("rule", rule.id().to_string()),
                        ("source", rule.source.label.to_string()),
                        ("destination", rule.destination.label.to_string()),
                    ]
                }),
                None,
            )
        })
        .collect()
}
