//! An existing firewall audited against the plan: its rules (any format `check --against`
//! reads), the audit's findings, and those merged with the plan's. It has no window: its
//! findings join the side panel's list.

use std::path::PathBuf;
use std::sync::Arc;

use crate::audit::{Dump, Target};
use crate::derivation::Derivation;
use crate::document::ContentId;
use crate::findings::{Finding, FindingKind};
use crate::plan::{FirewallId, Plan};

/// An existing firewall being audited against the plan.
#[derive(Clone, Debug)]
pub struct AuditState {
    /// The audited file.
    pub path: PathBuf,
    /// Its rules as read.
    dump: Arc<Dump>,
    /// The firewall it is (an ASA configuration is one's): the one selected when it was loaded.
    target: Target,
    /// Audit findings for the document content they were computed for.
    pub findings: Vec<Finding>,
    /// The plan's findings and the audit's, sorted together.
    merged: Vec<Finding>,
    /// The document content the findings are for.
    content: Option<ContentId>,
}

impl AuditState {
    /// Read the file at `path` and audit the rules of `derivation`, derived from `content` of
    /// `plan`; `firewall` is the firewall the file is (the selected one), if any.
    pub fn load(
        path: PathBuf,
        plan: &Plan,
        firewall: Option<FirewallId>,
        derivation: &Derivation,
        content: ContentId,
    ) -> Result<Self, String> {
        let at = |e: crate::audit::DumpError| {
            let file = crate::escape::quoted(&path.display().to_string());
            match e.line {
                0 => format!("{file}: {}", e.message),
                line => format!("{file}:{line}: {}", e.message),
            }
        };
        let text = crate::file_text::read(&path).map_err(|e| e.to_string())?;
        let (_, dump) = crate::audit::read(&text, None).map_err(at)?;
        let target = Target {
            chain: None,
            firewall,
        };
        let findings = dump.audit(plan, &derivation.rules, &target).map_err(at)?;
        let merged = merge(&derivation.findings, &findings);
        Ok(Self {
            path,
            dump: Arc::new(dump),
            target,
            findings,
            merged,
            content: Some(content),
        })
    }

    /// Audit again when `derivation` is of another document content than the findings (none
    /// when the plan no longer fits the file, e.g. an ASA file's firewall is gone).
    pub fn refresh(&mut self, plan: &Plan, derivation: &Derivation, content: ContentId) {
        if self.content != Some(content) {
            self.findings =
                (self.dump.audit(plan, &derivation.rules, &self.target)).unwrap_or_default();
            self.merged = merge(&derivation.findings, &self.findings);
            self.content = Some(content);
        }
    }

    /// How many rules the file holds.
    pub fn rule_count(&self) -> usize {
        self.dump.rule_count()
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
