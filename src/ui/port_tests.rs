//! The port-test kit's results loaded into the window (File > Load port-test results, one file
//! at a time, adding up): each link's status for the canvas (failed when a rule on it failed,
//! passed when one was tested and none failed, else untested) and the `port_test_failed`
//! findings joined to the side panel's list. Recomputed when the plan's content changes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::derivation::Derivation;
use crate::document::ContentId;
use crate::findings::Finding;
use crate::plan::NodeId;
use crate::porttest::TestResults;
use crate::porttest::results::Status;

/// A link's two node ids, in order.
pub type LinkKey = (NodeId, NodeId);

/// Loaded port-test results.
#[derive(Clone, Debug, Default)]
pub struct PortTestState {
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    results: TestResults,
    /// Each link's status, for the content in `content`.
    pub links: BTreeMap<LinkKey, Status>,
    /// The results' findings.
    pub findings: Vec<Finding>,
    /// `base` (the plan's or the audit's findings) and ours, sorted together.
    merged: Vec<Finding>,
    /// The content `merged` was made for (`None` after the base changed: an audit loaded or
    /// cleared).
    made_for: Option<ContentId>,
}

impl PortTestState {
    /// Read one more results file.
    pub fn add(&mut self, path: PathBuf) -> Result<(), String> {
        let name = crate::escape::quoted(&path.display().to_string());
        let text = crate::file_text::read(&path).map_err(|e| e.to_string())?;
        let mut results = self.results.clone();
        results.add(&name, &text).map_err(|e| match e.line {
            0 => format!("{name}: {}", e.message),
            line => format!("{name}:{line}: {}", e.message),
        })?;
        self.results = results;
        self.files.push(path);
        self.made_for = None;
        Ok(())
    }

    /// Link statuses and findings for `derivation` (of `content`), merged with `base`.
    pub fn refresh(&mut self, derivation: &Derivation, content: ContentId, base: &[Finding]) {
        if self.made_for == Some(content) {
            return;
        }
        self.links.clear();
        for rule in &derivation.rules.rules {
            let Some((a, b)) = rule.link() else {
                continue;
            };
            let status = self.results.status(rule.id.as_str());
            let entry = (self.links)
                .entry((a.clone(), b.clone()))
                .or_insert(Status::Untested);
            *entry = (*entry).max(status);
        }
        let rules = &derivation.rules;
        self.findings = self.results.findings(rules, rules);
        self.merged = base.iter().chain(&self.findings).cloned().collect();
        self.merged.sort();
        self.made_for = Some(content);
    }

    /// The findings merged with ours changed (an audit loaded or cleared).
    pub fn base_changed(&mut self) {
        self.made_for = None;
    }

    /// The base findings and the results', sorted together.
    pub fn merged(&self) -> &[Finding] {
        &self.merged
    }

    /// Rules whose test failed.
    pub fn failed(&self) -> usize {
        (self.findings.iter())
            .filter(|f| f.kind == crate::findings::FindingKind::PortTestFailed)
            .count()
    }
}
