//! Rules, findings and per-link summaries, recomputed only when the document's state changes.

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
    /// [`crate::document::Document::content`]): moving cards changes `state`, not this.
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
    /// Bring up to date with the document's `(state, content)`. Rules and findings are derived
    /// again only when the content changed (moving cards within their zones does not change
    /// it); true when they were.
    pub fn refresh(
        &mut self,
        (state, content): (StateId, ContentId),
        plan: &Plan,
        catalog: &Catalog,
    ) -> bool {
        self.state = Some(state);
        if self.content == Some(content) {
            return false;
        }
        self.derivation = Derivation::new(plan, catalog);
        let findings = &self.derivation.findings;
        let links_in_error: BTreeSet<(&NodeId, &NodeId)> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| match &f.subject {
                Subject::Link(a, b) => Some((a, b)),
                _ => None,
            })
            .collect();
        self.links = rules::link_summaries(&self.derivation.rules)
            .into_iter()
            .map(|(key, summary)| {
                let has_error = links_in_error.contains(&(&key.0, &key.1));
                (key, LinkView { summary, has_error })
            })
            .collect();
        self.nodes_with_errors.clear();
        self.ghosts.clear();
        for f in findings {
            if let (Severity::Error, Subject::Node(id)) = (f.severity, &f.subject) {
                self.nodes_with_errors.insert(id.clone());
            }
            if let (FindingKind::MissingLink, Some(Fix::AddLink { a, b })) = (f.kind, &f.fix) {
                self.ghosts.push((a.clone(), b.clone()));
            }
        }
        self.content = Some(content);
        true
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
