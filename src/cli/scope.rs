//! The scope options `--firewall FW` and `--nodes ID,ID`: the rules `export` writes, and the
//! rules and findings `check` considers (its audit included).

use std::collections::BTreeSet;

use super::options::{Options, quoted};
use super::{CliError, usage};
use crate::findings::{Finding, Subject};
use crate::plan::{NodeId, Plan};
use crate::rules::{RuleScope, RuleSet};
use crate::topology::Firewall;

/// The rule scope from `--firewall` or `--nodes`.
pub(super) fn scope(opts: &Options, plan: &Plan) -> Result<RuleScope, CliError> {
    match (&opts.firewall, &opts.nodes) {
        (Some(_), Some(_)) => Err(usage("use --firewall or --nodes, not both")),
        // One of the plan's firewalls by id or name: the rules crossing it. Otherwise a
        // boundary (`host`, or `external` / `internal` beside a three-legged firewall).
        (Some(fw), None) => (plan.firewalls.find(fw))
            .map(|id| RuleScope::Through(plan.firewalls.layout(), id))
            .or_else(|| {
                (Firewall::ALL.into_iter())
                    .find(|f| f.as_str() == fw)
                    .map(RuleScope::Firewall)
            })
            .ok_or_else(|| {
                let ids: Vec<&str> = (plan.firewalls.layout().ids().iter())
                    .map(|id| id.as_str())
                    .collect();
                usage(format!(
                    "unknown firewall `{}` (expected {}, a firewall's name, external, internal or host)",
                    quoted(fw),
                    ids.join(", ")
                ))
            }),
        (None, Some(list)) => {
            let mut ids = BTreeSet::new();
            for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let id = NodeId::from(id);
                if !plan.nodes.contains_key(&id) {
                    return Err(usage(format!(
                        "--nodes: the plan has no node `{}`",
                        quoted(id.as_str())
                    )));
                }
                ids.insert(id);
            }
            Ok(RuleScope::Nodes(ids))
        }
        (None, None) => Ok(RuleScope::All),
    }
}

/// The findings about what `scope` covers: its rules; with `--nodes`, those nodes and their
/// links; with `--firewall`, the nodes with a rule across it and the links that cross it. Findings
/// on the plan as a whole and on the audited firewall's rows are kept.
pub(super) fn scoped_findings(
    findings: Vec<Finding>,
    plan: &Plan,
    scope: &RuleScope,
    scoped_rules: &RuleSet,
) -> Vec<Finding> {
    if *scope == RuleScope::All {
        return findings;
    }
    let rule_ids: BTreeSet<String> = scoped_rules
        .rules
        .iter()
        .map(|r| r.id().to_string())
        .collect();
    let rule_nodes: BTreeSet<&NodeId> = scoped_rules
        .rules
        .iter()
        .flat_map(|r| [&r.source.node, &r.destination.node])
        .flatten()
        .collect();
    let zone = |id: &NodeId| plan.nodes.get(id).map(|n| n.zone);
    let keep = |subject: &Subject| match (subject, scope) {
        (Subject::Plan | Subject::Existing(_), _) | (_, RuleScope::All) => true,
        (Subject::Rule(id), _) => rule_ids.contains(id),
        (Subject::Node(n), RuleScope::Nodes(ids)) => ids.contains(n),
        (Subject::Link(a, b), RuleScope::Nodes(ids)) => ids.contains(a) || ids.contains(b),
        (Subject::Node(n), RuleScope::Firewall(_) | RuleScope::Through(..)) => {
            rule_nodes.contains(n)
        }
        (Subject::Link(a, b), RuleScope::Firewall(fw)) => {
            matches!((zone(a), zone(b)), (Some(x), Some(y)) if Firewall::between(x, y) == *fw)
        }
        (Subject::Link(a, b), RuleScope::Through(layout, id)) => {
            matches!((zone(a), zone(b)), (Some(x), Some(y)) if layout.crossed(x, y).contains(id))
        }
    };
    findings.into_iter().filter(|f| keep(&f.subject)).collect()
}
