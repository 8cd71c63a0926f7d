//! The kit's results CSVs read back (`check --test-results FILE...`, the window's "Load port-test
//! results"): each rule tested, passed or failed, and the findings of the failed ones. Untrusted
//! input: columns by header name in any order, every malformation an error with its line.

use std::collections::BTreeMap;

use crate::escape::quoted;
use crate::findings::{Finding, FindingKind, Severity, Subject, message};
use crate::rules::RuleSet;

/// At most this many rows are read from one file.
pub const MAX_ROWS: usize = 1_000_000;

/// A results file that cannot be read: the line to blame (0: the file) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ResultsError {
    /// 1-based line, 0 for the whole file.
    pub line: usize,
    /// What is wrong (user text quoted, one line).
    pub message: String,
}

/// One probe's result.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ProbeResult {
    /// `address transport/port`, or empty for a skipped rule.
    pub probe: String,
    /// `open`, `closed`, `timeout`, `no_answer` or `skipped`.
    pub result: String,
    /// The script's detail.
    pub detail: String,
}

impl ProbeResult {
    /// True for a failed probe (not open, not skipped).
    pub fn failed(&self) -> bool {
        !matches!(self.result.as_str(), "open" | "skipped")
    }
}

/// What one rule's probes found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleResults {
    /// Probes run (skipped rows not counted).
    pub probes: usize,
    /// The failed ones, in file order.
    pub failed: Vec<ProbeResult>,
}

/// How a rule (or a link, of its rules) fared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No probe ran.
    #[default]
    Untested,
    /// Every probe passed.
    Passed,
    /// A probe failed.
    Failed,
}

/// The results of one or more files, by rule id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestResults {
    /// Per rule id.
    pub rules: BTreeMap<String, RuleResults>,
    /// The file each rule id was first seen in (for unknown rules).
    first_seen: BTreeMap<String, String>,
    /// The files read, in order.
    pub files: Vec<String>,
}

impl TestResults {
    /// Add one file's text; `name` is how messages call it.
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), ResultsError> {
        for (rule, row) in read_results(text)? {
            self.first_seen
                .entry(rule.clone())
                .or_insert_with(|| name.to_owned());
            let entry = self.rules.entry(rule).or_default();
            if row.result != "skipped" {
                entry.probes += 1;
            }
            if row.failed() {
                entry.failed.push(row);
            }
        }
        self.files.push(name.to_owned());
        Ok(())
    }

    /// How a rule fared.
    pub fn status(&self, rule: &str) -> Status {
        match self.rules.get(rule) {
            Some(r) if !r.failed.is_empty() => Status::Failed,
            Some(r) if r.probes > 0 => Status::Passed,
            _ => Status::Untested,
        }
    }

    /// The findings: an error per failed rule of `rules` (those checked: the plan's, or a scope
    /// of them), a warning per rule id the plan's rules `all` lack.
    pub fn findings(&self, rules: &RuleSet, all: &RuleSet) -> Vec<Finding> {
        let ids = |set: &'_ RuleSet| -> std::collections::BTreeSet<String> {
            set.rules.iter().map(|r| r.id.to_string()).collect()
        };
        let (checked, known) = (ids(rules), ids(all));
        let mut out = Vec::new();
        for (id, result) in &self.rules {
            if !checked.contains(id) && known.contains(id) {
                continue;
            }
            if !known.contains(id) {
                let file = self.first_seen.get(id).map_or("", String::as_str);
                out.push(Finding {
                    severity: Severity::Warning,
                    kind: FindingKind::PortTestUnknownRule,
                    subject: Subject::Rule(crate::escape::bounded(id, 200)),
                    message: message("porttest.unknown_rule", |_| {
                        vec![("rule", quoted(id)), ("file", quoted(file))]
                    }),
                    fix: None,
                });
                continue;
            }
            let Some(first) = result.failed.first() else {
                continue;
            };
            out.push(Finding {
                severity: Severity::Error,
                kind: FindingKind::PortTestFailed,
                subject: Subject::Rule(id.clone()),
                message: message("porttest.failed", |_| {
                    vec![
                        ("rule", id.clone()),
                        ("failed", result.failed.len().to_string()),
                        ("probes", result.probes.to_string()),
                        ("probe", quoted(&first.probe)),
                        ("result", first.result.clone()),
                        ("detail", quoted(&first.detail)),
                    ]
                }),
                fix: None,
            });
        }
        out
    }
}

/// The rows of one results CSV: (rule id, result), in file order.
pub fn read_results(text: &str) -> Result<Vec<(String, ProbeResult)>, ResultsError> {
    let records = crate::audit::csv::parse(text).map_err(|e| ResultsError {
        line: e.line,
        message: e.message,
    })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(ResultsError {
            line: 0,
            message: "empty: expected the header line of a port-test results CSV".into(),
        });
    };
    let column = |name: &str| header.fields.iter().position(|f| f.trim() == name);
    let need = [
        "rule_id",
        "result",
        "address",
        "transport",
        "port",
        "detail",
    ];
    let mut at = [0; 6];
    for (slot, name) in at.iter_mut().zip(need) {
        *slot = column(name).ok_or_else(|| ResultsError {
            line: header.line,
            message: format!(
                "no `{name}` column: not a port-test results CSV (columns: {})",
                super::COLUMNS.join(",")
            ),
        })?;
    }
    if rows.len() > MAX_ROWS {
        return Err(ResultsError {
            line: 0,
            message: format!("more than {MAX_ROWS} rows"),
        });
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let field = |i: usize| row.fields.get(at[i]).map_or("", |f| f.trim());
        let (rule, result) = (field(0), field(1));
        if rule.is_empty() {
            return Err(ResultsError {
                line: row.line,
                message: "empty rule_id".into(),
            });
        }
        if !super::RESULTS.contains(&result) {
            return Err(ResultsError {
                line: row.line,
                message: format!(
                    "result `{}` is not one of {}",
                    quoted(result),
                    super::RESULTS.join(", ")
                ),
            });
        }
        let probe = if field(2).is_empty() {
            String::new()
        } else {
            format!("{} {}/{}", field(2), field(3), field(4))
        };
        out.push((
            rule.to_owned(),
            ProbeResult {
                probe,
                result: result.to_owned(),
                detail: crate::escape::bounded(field(5), 200),
            },
        ));
    }
    Ok(out)
}
