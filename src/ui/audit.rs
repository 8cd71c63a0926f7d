//! An existing firewall audited against the plan: its rules, the audit's findings, and those
//! merged with the plan's. It has no window: its findings join the side panel's list.

use std::path::PathBuf;

use crate::audit::ExistingRule;
use crate::derivation::Derivation;
use crate::document::ContentId;
use crate::findings::{Finding, FindingKind};

/// An existing firewall being audited against the plan.
#[derive(Clone, Debug)]
pub struct AuditState {
    /// The CSV file.
    pub path: PathBuf,
    /// Its rules.
    pub existing: Vec<ExistingRule>,
    /// Audit findings for the document content they were computed for.
    pub findings: Vec<Finding>,
    /// The plan's findings and the audit's, sorted together.
    merged: Vec<Finding>,
    /// The document content the findings are for.
    content: Option<ContentId>,
}

impl AuditState {
    /// Read the CSV at `path` and audit the rules of `derivation`, derived from `content`.
    pub fn load(
        path: PathBuf,
        derivation: &Derivation,
        content: ContentId,
    ) -> Result<Self, String> {
        let existing = crate::file_text::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::audit::parse(&text)
                    .map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
            })?;
        let findings = crate::audit::audit(&derivation.rules, &existing);
        let merged = merge(&derivation.findings, &findings);
        Ok(Self {
            path,
            existing,
            findings,
            merged,
            content: Some(content),
        })
    }

    /// Audit again when `derivation` is of another document content than the findings.
    pub fn refresh(&mut self, derivation: &Derivation, content: ContentId) {
        if self.content != Some(content) {
            self.findings = crate::audit::audit(&derivation.rules, &self.existing);
            self.merged = merge(&derivation.findings, &self.findings);
            self.content = Some(content);
        }
    }

    /// The plan's findings and the audit's, sorted together.
    pub fn merged(&self) -> &[Finding] {
        &self.merged
    }

    /// Required rules the existing firewall does not allow.
    pub fn missing(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.kind == FindingKind::MissingRule)
            .count()
    }
}

fn merge(plan: &[Finding], audit: &[Finding]) -> Vec<Finding> {
    let mut merged: Vec<Finding> = plan.iter().chain(audit).cloned().collect();
    merged.sort();
    merged
}
