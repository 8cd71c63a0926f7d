//! Dangerous rules: a rule that permits any address to any address, or (effectively) every port.
//! Such a rule is never what Microsoft's tables ask for; only a hand-written rule or an end
//! whose networks are `/0` gives one.

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message};
use crate::rules::{Addresses, Rule, RuleEnd, RuleSet};

/// Ranges of this many ports or more are "every port": half the port space. Microsoft's widest
/// range, 49152-65535, has 16,384.
pub const MANY_PORTS: u32 = 32_768;

/// One error per rule that permits any to any or at least [`MANY_PORTS`] ports.
pub(super) fn check(rules: &RuleSet) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in &rules.rules {
        let any_to_any = is_any(&rule.source) && is_any(&rule.destination);
        let count = u32::from(rule.ports.to) - u32::from(rule.ports.from) + 1;
        if !any_to_any && count < MANY_PORTS {
            continue;
        }
        let what = format!(
            "{} {}/{}",
            rule.application(),
            rule.transport.as_str(),
            rule.ports
        );
        let text = if any_to_any {
            message("find.dangerous_any", |_| {
                vec![("rule", rule.id().to_string()), ("what", what.clone())]
            })
        } else {
            message("find.dangerous_ports", |_| {
                vec![
                    ("rule", rule.id().to_string()),
                    ("ports", rule.ports.to_string()),
                    ("n", count.to_string()),
                ]
            })
        };
        out.push(finding(
            Severity::Error,
            FindingKind::DangerousRule,
            Subject::Rule(rule.id().to_string()),
            text,
            fix(rule, any_to_any),
        ));
    }
    out
}

/// True when an end stands for every address: "Any", or networks that include a `/0`.
fn is_any(end: &RuleEnd) -> bool {
    match &end.addresses {
        Addresses::Any => true,
        Addresses::List(list) => list.iter().any(|n| n.prefix == 0),
    }
}

/// For any to any, open the addresses of the first end that is a node.
fn fix(rule: &Rule, any_to_any: bool) -> Option<Fix> {
    let node = [&rule.source, &rule.destination]
        .into_iter()
        .find_map(|end| end.node.clone())?;
    any_to_any.then_some(Fix::EditNode {
        node,
        field: NodeField::Addresses,
    })
}
