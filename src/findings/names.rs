//! DNS names: a name the plan sets that is not a DNS name (it is left out of every record and
//! export), Microsoft's sample names among the names, and a plan with nothing to derive its SIP
//! domain from (Microsoft's sample `contoso.com` stands in).

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message};
use crate::dns::names::{Names, Place, SAMPLE_DOMAIN};
use crate::plan::Plan;

pub(super) fn check(plan: &Plan, names: &Names) -> Vec<Finding> {
    let mut out = Vec::new();
    for (place, text, why) in &names.invalid {
        let (subject, field, fix) = match place {
            Place::Plan(field) => (Subject::Plan, format!("names.{field}"), None),
            Place::Fqdn(id) => (
                Subject::Node(id.clone()),
                "fqdn".to_owned(),
                Some(NodeField::Fqdn),
            ),
            Place::Node(id, kind) => (
                Subject::Node(id.clone()),
                format!("names.{kind}"),
                Some(NodeField::Names),
            ),
            Place::Member(id, _) => (
                Subject::Node(id.clone()),
                "members".to_owned(),
                Some(NodeField::Members),
            ),
        };
        let owner = match &subject {
            Subject::Node(id) => plan.nodes.get(id).map_or("", |n| n.label.as_str()),
            _ => plan.name.as_str(),
        };
        out.push(finding(
            Severity::Warning,
            FindingKind::InvalidName,
            subject.clone(),
            message("find.invalid_name", |_| {
                vec![
                    ("node", crate::escape::quoted(owner)),
                    ("field", field.clone()),
                    ("name", crate::escape::quoted(text)),
                    ("why", why.to_string()),
                ]
            }),
            fix.and_then(|field| match &subject {
                Subject::Node(node) => Some(Fix::EditNode {
                    node: node.clone(),
                    field,
                }),
                _ => None,
            }),
        ));
    }
    // Only a plan with a node whose names the domain makes needs one.
    let needs_domain =
        (plan.nodes.values()).any(|n| !crate::plan::NameKind::of_role(&n.role).is_empty());
    if names.sample_domain && needs_domain {
        out.push(finding(
            Severity::Warning,
            FindingKind::Placeholder,
            Subject::Plan,
            message("find.sample_domain", |_| {
                vec![("name", SAMPLE_DOMAIN.to_owned())]
            }),
            None,
        ));
    }
    let plan_texts = plan
        .names
        .texts()
        .map(|(f, t)| (None, format!("names.{f}"), t));
    let node_texts = (plan.nodes.iter()).flat_map(|(id, n)| {
        (n.names.iter()).map(move |(k, t)| (Some(id), format!("names.{k}"), t.as_str()))
    });
    for (id, field, text) in plan_texts.chain(node_texts) {
        let Some(sample) = super::placeholders::sample_name(text) else {
            continue;
        };
        let owner = id
            .and_then(|id| plan.nodes.get(id))
            .map_or(plan.name.as_str(), |n| n.label.as_str());
        out.push(finding(
            Severity::Warning,
            FindingKind::Placeholder,
            id.map_or(Subject::Plan, |id| Subject::Node(id.clone())),
            message("find.sample_name", |_| {
                vec![
                    ("node", crate::escape::quoted(owner)),
                    ("name", sample.to_owned()),
                    ("field", field.clone()),
                ]
            }),
            id.map(|id| Fix::EditNode {
                node: id.clone(),
                field: NodeField::Names,
            }),
        ));
    }
    out
}
