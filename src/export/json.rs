//! The JSON rule table, exactly the contract of DESIGN.md section 3.

use serde::Serialize;
use serde_json::{Value, json};

use super::{ExportError, Report};
use crate::findings::Finding;
use crate::rules::{Addresses, RuleEnd};

pub(super) fn render(report: &Report<'_>) -> Result<String, ExportError> {
    let rules: Vec<Value> = report
        .rules
        .rules
        .iter()
        .map(|r| rule_value(r, report.lang))
        .collect();
    let doc = json!({
        "plan": report.rules.plan,
        "product": report.plan.product.as_str(),
        "catalog": report.rules.catalog,
        "errors": super::text::errors(report.findings).map_or(0, |(n, _)| n),
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
        "sources": r.sources().iter().map(|p| json!({ "id": p.id, "title": p.title, "url": p.url })).collect::<Vec<_>>(),
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

pub(super) fn findings_document(
    list: &[Finding],
    lang: crate::i18n::Lang,
) -> Result<String, ExportError> {
    pretty(&json!({ "findings": findings(list, lang) }))
}

/// Indented JSON text with a final newline.
pub(super) fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// A value JSON cannot hold (a map with keys that are not strings) is an error, not
    /// empty text.
    #[test]
    fn what_json_cannot_hold_is_an_error() {
        let value = BTreeMap::from([((1, 2), "pair")]);
        let err = super::pretty(&value).unwrap_err();
        assert!(err.to_string().starts_with("cannot write JSON: "), "{err}");
        assert_eq!(super::pretty(&[1, 2]).unwrap(), "[\n  1,\n  2\n]\n");
    }
}
