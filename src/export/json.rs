//! The JSON rule table, exactly the contract of DESIGN.md section 3.

use serde_json::{Value, json};

use super::Report;
use crate::findings::Finding;
use crate::rules::{Addresses, RuleEnd};

pub(super) fn render(report: &Report<'_>) -> String {
    let rules: Vec<Value> = report
        .rules
        .rules
        .iter()
        .map(|r| rule_value(r, report.lang))
        .collect();
    let doc = json!({
        "plan": report.rules.plan,
        "catalog": report.rules.catalog,
        "rules": rules,
        "findings": findings(report.findings, report.lang),
    });
    pretty(&doc)
}

/// One rule in the JSON contract's shape.
pub(super) fn rule_value(r: &crate::rules::Rule, lang: crate::i18n::Lang) -> Value {
    json!({
        "id": r.id().to_string(),
        "requirement": r.requirement(),
        "firewall": r.firewall.as_str(),
        "source": end(&r.source),
        "destination": end(&r.destination),
        "application": r.application(),
        "transport": r.transport.as_str(),
        "port_from": r.ports.from,
        "port_to": r.ports.to,
        "notes": r.notes().get(lang),
        "references": r.references(),
    })
}

fn end(end: &RuleEnd) -> Value {
    let addresses: Vec<String> = match &end.addresses {
        Addresses::Any => vec!["any".to_owned()],
        Addresses::List(list) => list.iter().map(ToString::to_string).collect(),
    };
    json!({ "node": end.label, "role": end.role, "endpoint": end.endpoint, "addresses": addresses })
}

fn findings(findings: &[Finding], lang: crate::i18n::Lang) -> Vec<Value> {
    findings
        .iter()
        .map(|f| {
            json!({
                "severity": f.severity.as_str(),
                "kind": f.kind.as_str(),
                "message": f.message.get(lang),
                "subject": f.subject.to_string(),
            })
        })
        .collect()
}

pub(super) fn findings_document(list: &[Finding], lang: crate::i18n::Lang) -> String {
    pretty(&json!({ "findings": findings(list, lang) }))
}

fn pretty(value: &Value) -> String {
    // A Value built from strings and numbers always serialises.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
