//! Plan files: RON text <-> [`Plan`], format versions, migration, atomic save.
//! Deterministic: a canonical file loads and saves byte-identically.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::atomic_write::{self, WriteError};
use crate::catalog::Catalog;
use crate::file_text::{self, FileTextError};
use crate::plan::{self, FORMAT_VERSION, Plan};

/// Why a plan file could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    /// Reading failed.
    #[error(transparent)]
    File(#[from] FileTextError),
    /// Not valid RON for a plan.
    #[error("{origin}:{line}:{col}: {message}")]
    Parse {
        /// File name.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// Written by a newer build.
    #[error(
        "{origin}:{line}:{col}: plan format version {found} is newer than this build reads (up to {FORMAT_VERSION}); update Lync Port Planner"
    )]
    NewerVersion {
        /// File name.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// Version in the file.
        found: u32,
    },
    /// The RON is fine but the plan breaks a structural rule.
    #[error("{origin}:{line}:{col}: {message}")]
    Invalid {
        /// File name.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The plan could not be written as RON text.
    #[error("cannot write the plan as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// Saving failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Deepest nesting the parser follows; a plan needs 6. Bounds the parser's stack on hostile input.
pub const MAX_NESTING: usize = 64;

/// Only the version: read when a file does not parse, so a newer file is refused as newer.
#[derive(Deserialize)]
#[serde(rename = "Plan")]
struct VersionProbe {
    format_version: u32,
}

/// Load and check a plan file.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Plan, PlanFileError> {
    let text = file_text::read(path)?;
    from_ron(&text, &path.display().to_string(), catalog)
}

/// Parse and check plan text; `origin` names it in errors.
pub fn from_ron(text: &str, origin: &str, catalog: &Catalog) -> Result<Plan, PlanFileError> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let parse_error = |e: ron::error::SpannedError| PlanFileError::Parse {
        origin: origin.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: if e.code == ron::Error::ExceededRecursionLimit {
            format!("nested deeper than {MAX_NESTING} levels; a plan is never this deep")
        } else {
            // The parser's messages quote the file's text: one line, cut short.
            crate::escape::bounded(&e.code.to_string(), crate::escape::MAX_MESSAGE)
        },
    };
    // Parse once; only a file that does not parse as this version's plan is probed for its
    // version, so a newer or broken file still reports what the probe would (the probe alone
    // scans the whole file: a third of opening a large plan).
    let parsed: Result<Plan, _> = options.from_str(text);
    let version = if let Ok(plan) = &parsed {
        plan.format_version
    } else {
        let probe: VersionProbe = options.from_str(text).map_err(parse_error)?;
        probe.format_version
    };
    if version > FORMAT_VERSION {
        let (line, col) = locate(text, "format_version");
        return Err(PlanFileError::NewerVersion {
            origin: origin.to_owned(),
            line,
            col,
            found: version,
        });
    }
    if version == 0 {
        let (line, col) = locate(text, "format_version");
        return Err(PlanFileError::Invalid {
            origin: origin.to_owned(),
            line,
            col,
            message: "plan format version 0 does not exist (versions start at 1)".to_owned(),
        });
    }
    // Version 1 is the first format: nothing to migrate yet. Later versions add a step here.
    let mut plan = parsed.map_err(parse_error)?;
    plan.format_version = FORMAT_VERSION;
    if let Some(p) = plan::validate(&plan, catalog).into_iter().next() {
        let (line, col) = locate(text, &p.needle);
        return Err(PlanFileError::Invalid {
            origin: origin.to_owned(),
            line,
            col,
            // Messages quote the file's text: keep them one safe line (status bar, CI logs, terminals).
            message: crate::escape::one_line(&p.message),
        });
    }
    plan.normalize();
    Ok(plan)
}

/// The canonical text of a plan.
pub fn to_ron(plan: &Plan) -> Result<String, PlanFileError> {
    let mut plan = plan.clone();
    plan.normalize();
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .new_line("\n".to_owned());
    let mut text = ron::ser::to_string_pretty(&plan, config)?;
    text.push('\n');
    Ok(text)
}

/// Save atomically in the canonical format.
pub fn save(path: &Path, plan: &Plan) -> Result<(), PlanFileError> {
    atomic_write::write(path, to_ron(plan)?.as_bytes())?;
    Ok(())
}

/// Rewrite a plan in the current format, keeping the old file as `PATH.bak`.
pub fn upgrade(path: &Path, catalog: &Catalog) -> Result<PathBuf, PlanFileError> {
    let old = file_text::read(path)?;
    let plan = from_ron(&old, &path.display().to_string(), catalog)?;
    let mut bak = path.as_os_str().to_owned();
    bak.push(".bak");
    let bak = PathBuf::from(bak);
    atomic_write::write(&bak, old.as_bytes())?;
    save(path, &plan)?;
    Ok(bak)
}

/// 1-based line and column of the first occurrence of `needle`, or 1:1.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
