//! `export --format port-test --output DIR` (the port-test kit into a folder, by
//! `atomic_write::write_folder`) and `check --test-results FILE...` (its results read back).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::options::{Options, is_stdio};
use super::{CliError, load_plan, scope::scope, usage};
use crate::catalog::Catalog;
use crate::plan_file::PlanFileError;
use crate::porttest::TestResults;

pub(super) fn export(opts: &Options, catalog: &Catalog, path: &Path) -> Result<ExitCode, CliError> {
    if opts.gpo.is_some() {
        return Err(usage("--gpo is for --format powershell"));
    }
    let Some(dir) = opts.output.as_deref().filter(|o| !is_stdio(o)) else {
        return Err(usage(
            "--format port-test writes a folder of scripts: give --output DIR",
        ));
    };
    let plan = load_plan(path, catalog)?;
    let rule_scope = scope(opts, &plan)?;
    let rules = crate::rules::derive(&plan, catalog);
    let rules = if rule_scope == crate::rules::RuleScope::All {
        rules
    } else {
        rules.scoped(&rule_scope)
    };
    crate::atomic_write::write_folder(dir, &crate::porttest::render(&plan, &rules))?;
    Ok(ExitCode::SUCCESS)
}

/// Every results file read into one set of results; a bad file is an error naming it and the
/// line to blame.
pub(super) fn results(files: &[PathBuf]) -> Result<TestResults, CliError> {
    let mut results = TestResults::default();
    for file in files {
        if is_stdio(file) {
            return Err(usage("--test-results reads files, not standard input"));
        }
        let name = crate::escape::quoted(&file.display().to_string());
        let text = crate::file_text::read(file).map_err(PlanFileError::from)?;
        results.add(&name, &text).map_err(|e| CliError::Existing {
            at: if e.line == 0 {
                name.clone()
            } else {
                format!("{name}:{}", e.line)
            },
            message: e.message,
        })?;
    }
    Ok(results)
}
