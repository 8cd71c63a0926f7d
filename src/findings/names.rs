//! DNS names: a name the plan sets that is not a DNS name (it is left out of every record and
//! export), one name on two nodes, Microsoft's sample names among the names, and a plan with
//! nothing to derive its SIP domain from (Microsoft's sample `contoso.com` stands in).

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message};
use crate::dns::DnsName;
use crate::dns::names::{Names, Place, SAMPLE_DOMAIN};
use crate::plan::{NodeId, Plan};
use std::collections::BTreeMap;

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
    out.extend(shared(plan, names));
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

/// One warning per pair of nodes that carry a name in common (pool FQDN, a server's FQDN, a
/// name of its role's kinds), naming the first two nodes in id order and every name they share:
/// DNS would send both nodes' clients to the same addresses and two certificates would claim
/// the name. One FQDN on two pools also duplicates the names made from it (its `-web` name):
/// one warning, not one per name.
fn shared(plan: &Plan, names: &Names) -> Vec<Finding> {
    let mut all: Vec<(&DnsName, &NodeId, NodeField)> = Vec::new();
    for (id, own) in &names.nodes {
        let fqdn = own.fqdn().map(|n| (n, NodeField::Fqdn));
        let members = (own.members.iter().flatten())
            .filter_map(|m| m.ok())
            .map(|n| (n, NodeField::Members));
        let kinds = (own.kinds.values().chain(&own.access))
            .filter_map(|m| m.ok())
            .map(|n| (n, NodeField::Names));
        let own_names = fqdn.into_iter().chain(members).chain(kinds);
        all.extend(own_names.map(|(name, field)| (name, id, field)));
    }
    // By name, then node: each name's nodes side by side, in id order, each once (with the
    // field first named for it; the sort is stable).
    all.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    all.dedup_by(|b, a| (a.0, a.1) == (b.0, b.1));
    // The names each pair shares, in name order; the field to open is the pool's FQDN when that
    // is among them (the names made from it follow it).
    let mut pairs: BTreeMap<(&NodeId, &NodeId), Shared<'_>> = BTreeMap::new();
    for list in all.chunk_by(|a, b| a.0 == b.0) {
        let [(name, a, _), (_, b, field), ..] = list else {
            continue;
        };
        let pair = pairs.entry((*a, *b)).or_insert(Shared {
            names: Vec::new(),
            field: *field,
            nodes: 0,
        });
        pair.names.push(name);
        if *field == NodeField::Fqdn {
            pair.field = NodeField::Fqdn;
        }
        pair.nodes = pair.nodes.max(list.len());
    }
    let label = |id: &NodeId| plan.nodes.get(id).map_or("", |n| n.label.as_str());
    let mut out = Vec::new();
    for ((a, b), shared) in pairs {
        out.push(finding(
            Severity::Warning,
            FindingKind::DuplicateName,
            Subject::Node(b.clone()),
            message("find.duplicate_name", |_| {
                vec![
                    ("name", super::first_few(&shared.names)),
                    ("a", crate::escape::quoted(label(a))),
                    ("b", crate::escape::quoted(label(b))),
                    ("n", shared.nodes.to_string()),
                ]
            }),
            Some(Fix::EditNode {
                node: b.clone(),
                field: shared.field,
            }),
        ));
    }
    out
}

/// The names two nodes share.
struct Shared<'a> {
    names: Vec<&'a DnsName>,
    field: NodeField,
    /// The most nodes any of the names is on.
    nodes: usize,
}
