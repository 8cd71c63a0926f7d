//! Rules, findings and per-link summaries of one content of the plan (derived again only when
//! the content changes, by [`crate::ui::deriver`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Catalog;
use crate::derivation::Derivation;
use crate::document::{ContentId, StateId};
use crate::findings::{FindingKind, Fix, Severity, Subject};
use crate::plan::{NodeId, Plan};
use crate::rules::{self, LinkSummary};

/// What the canvas draws on a link: the core summary plus whether it has an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkView {
    /// Ports, directions and rule indexes.
    pub summary: LinkSummary,
    /// A finding of severity error is about this link.
    pub has_error: bool,
}

/// Everything derived from one state of the plan.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The document state it is current for (positions included).
    pub state: Option<StateId>,
    /// The document content its rules and findings were derived from (see
    /// [`crate::document::Document::content`]): moving cards changes `state`, not this. For a
    /// frame or two after an edit of a large plan it is the content before the edit.
    pub content: Option<ContentId>,
    /// The rules and findings of `content`.
    pub derivation: Derivation,
    /// Per link, by sorted ends.
    pub links: BTreeMap<(NodeId, NodeId), LinkView>,
    /// Nodes with an error finding.
    pub nodes_with_errors: BTreeSet<NodeId>,
    /// Missing links the findings suggest (dashed ghost links).
    pub ghosts: Vec<(NodeId, NodeId)>,
}

impl Derived {
    /// The rules, findings and link views of a plan whose content is `content` (its `state` is
    /// set by whoever shows it).
    pub fn compute(content: ContentId, plan: &Plan, catalog: &Catalog) -> Self {
        let (derivation, summaries) = Derivation::new_with(plan, catalog, rules::link_summaries);
        let findings = &derivation.findings;
        let links_in_error: BTreeSet<(&NodeId, &NodeId)> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| match &f.subject {
                Subject::Link(a, b) => Some((a, b)),
                _ => None,
            })
            .collect();
        let links = (summaries.into_iter())
            .map(|(key, summary)| {
                let has_error = links_in_error.contains(&(&key.0, &key.1));
                (key, LinkView { summary, has_error })
            })
            .collect();
        let mut nodes_with_errors = BTreeSet::new();
        let mut ghosts = Vec::new();
        for f in findings {
            if let (Severity::Error, Subject::Node(id)) = (f.severity, &f.subject) {
                nodes_with_errors.insert(id.clone());
            }
            if let (FindingKind::MissingLink, Some(Fix::AddLink { a, b })) = (f.kind, &f.fix) {
                ghosts.push((a.clone(), b.clone()));
            }
        }
        Self {
            state: None,
            content: Some(content),
            derivation,
            links,
            nodes_with_errors,
            ghosts,
        }
    }

    /// True while the rules shown are not yet those of `content` (a large plan's derivation
    /// outlasts a frame; see [`crate::ui::deriver`]).
    pub fn is_behind(&self, content: ContentId) -> bool {
        self.content != Some(content)
    }

    /// Count of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.derivation
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}
