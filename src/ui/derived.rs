//! Rules, findings and per-link summaries, recomputed only when the document's state changes.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Catalog;
use crate::findings::{self, Finding, FindingKind, Fix, Severity, Subject};
use crate::plan::{NodeId, Plan};
use crate::rules::{self, RuleSet};

/// Ports shown on a link label before "+N more" (the tooltip lists them all).
const MAX_PORTS_SHOWN: usize = 5;

/// What the canvas draws on a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkSummary {
    /// Distinct destination ports, `5061 · 8080 · 4443`.
    pub ports: String,
    /// Some rule goes from the link's first end to its second.
    pub forward: bool,
    /// Some rule goes from the second end to the first.
    pub backward: bool,
    /// Indexes into the rule set.
    pub rules: Vec<usize>,
    /// A finding of severity error is about this link or its rules.
    pub has_error: bool,
}

/// Everything derived from one state of the plan.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The document state it was computed for.
    pub state: Option<u64>,
    /// The rules.
    pub rules: RuleSet,
    /// The findings.
    pub findings: Vec<Finding>,
    /// Per link, by sorted ends.
    pub links: BTreeMap<(NodeId, NodeId), LinkSummary>,
    /// Nodes with an error finding.
    pub nodes_with_errors: BTreeSet<NodeId>,
    /// Missing links the findings suggest (dashed ghost links).
    pub ghosts: Vec<(NodeId, NodeId)>,
}

impl Derived {
    /// Recompute when `state` differs from the cached one; true when it did.
    pub fn refresh(&mut self, state: u64, plan: &Plan, catalog: &Catalog) -> bool {
        if self.state == Some(state) {
            return false;
        }
        let rules = rules::derive(plan, catalog);
        let findings = findings::check(plan, catalog, &rules);
        let mut links: BTreeMap<(NodeId, NodeId), LinkSummary> = BTreeMap::new();
        for (i, rule) in rules.rules.iter().enumerate() {
            let Some(key) = &rule.link else { continue };
            let summary = links.entry(key.clone()).or_default();
            summary.rules.push(i);
            if rule.source.node.as_ref() == Some(&key.0) {
                summary.forward = true;
            } else {
                summary.backward = true;
            }
        }
        for (key, summary) in &mut links {
            let mut ports: Vec<(u16, String)> = summary
                .rules
                .iter()
                .map(|&i| (rules.rules[i].ports.from, rules.rules[i].ports.to_string()))
                .collect();
            ports.sort();
            ports.dedup();
            let total = ports.len();
            let mut shown: Vec<String> = ports
                .into_iter()
                .take(MAX_PORTS_SHOWN)
                .map(|(_, p)| p)
                .collect();
            if total > MAX_PORTS_SHOWN {
                shown.push(format!("+{} more", total - MAX_PORTS_SHOWN));
            }
            summary.ports = shown.join(" · ");
            summary.has_error = findings.iter().any(|f| {
                f.severity == Severity::Error
                    && f.subject == Subject::Link(key.0.clone(), key.1.clone())
            });
        }
        let mut nodes_with_errors = BTreeSet::new();
        let mut ghosts = Vec::new();
        for f in &findings {
            if let (Severity::Error, Subject::Node(id)) = (f.severity, &f.subject) {
                nodes_with_errors.insert(id.clone());
            }
            if let (FindingKind::MissingLink, Some(Fix::AddLink { a, b })) = (f.kind, &f.fix) {
                ghosts.push((a.clone(), b.clone()));
            }
        }
        *self = Self {
            state: Some(state),
            rules,
            findings,
            links,
            nodes_with_errors,
            ghosts,
        };
        true
    }

    /// Count of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}
