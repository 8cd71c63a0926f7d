//! Plan files: RON text <-> [`Plan`], format versions, migration, atomic save.
//! Deterministic: a canonical file loads and saves byte-identically.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::atomic_write::{self, WriteError};
use crate::catalog::Catalog;
use crate::file_text::{self, FileTextError};
use crate::plan::{self, FORMAT_VERSION, Plan};
use crate::ron_path::{self, Step};

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
        let (line, col) = ron_path::locate(text, &[Step::Field("format_version")]);
        return Err(PlanFileError::NewerVersion {
            origin: origin.to_owned(),
            line,
            col,
            found: version,
        });
    }
    if version == 0 {
        let (line, col) = ron_path::locate(text, &[Step::Field("format_version")]);
        return Err(PlanFileError::Invalid {
            origin: origin.to_owned(),
            line,
            col,
            message: "plan format version 0 does not exist (versions start at 1)".to_owned(),
        });
    }
    let mut plan = parsed.map_err(parse_error)?;
    if version < 3 && has_names(&plan) {
        let (line, col) = ron_path::locate(text, &[Step::Field("format_version")]);
        return Err(PlanFileError::Invalid {
            origin: origin.to_owned(),
            line,
            col,
            message: format!(
                "names are format version 3; this file says version {version} (set format_version: 3)"
            ),
        });
    }
    migrate(&mut plan, version);
    if let Some(p) = plan::validate(&plan, catalog).into_iter().next() {
        let (line, col) = ron_path::locate(text, &p.at);
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

/// Bring a plan read as format `version` (at most the current one) to the current format, one
/// step per version. Recovery files hold plans too, so they migrate here as well.
pub fn migrate(plan: &mut Plan, version: u32) {
    if version < 2 {
        // Version 1 had no firewalls section and always meant back-to-back external and
        // internal firewalls; its rules keep their firewalls.
        plan.firewalls = plan::Firewalls::default();
    }
    // Version 3 added names, all optional: a version 2 plan has none and takes Microsoft's
    // defaults, so nothing changes.
    plan.format_version = FORMAT_VERSION;
}

/// True when the plan sets any name (version 3 sections a version 2 file cannot have).
fn has_names(plan: &Plan) -> bool {
    !plan.names.is_empty() || plan.nodes.values().any(|n| !n.names.is_empty())
}

/// The canonical text of a plan.
pub fn to_ron(plan: &Plan) -> Result<String, PlanFileError> {
    let mut plan = plan.clone();
    plan.normalize();
    // The text is always the current format, whatever version the plan was read as.
    plan.format_version = FORMAT_VERSION;
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

/// A plan file as this window last read or wrote it: a hash of its bytes. A save over a file
/// whose bytes changed since would lose what another window or program saved there (size and
/// time would miss a rewrite of the same size that keeps the time, as `cp -p` does, and count
/// a touched file as changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp(u64);

impl Stamp {
    /// Of the text read from or written to the file.
    pub fn of_text(text: &str) -> Self {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::hash::DefaultHasher::new();
        text.hash(&mut hasher);
        Self(hasher.finish())
    }

    /// Of the file now; `None` when it is not a regular file (a pipe or device is not read
    /// again: it could block or give other bytes) or not a readable plan-sized text file.
    pub fn of(path: &Path) -> Option<Self> {
        if !path.is_file() {
            return None;
        }
        file_text::read(path).ok().map(|text| Self::of_text(&text))
    }
}

/// [`load`], with the stamp of the very bytes the plan was read from (a save by another
/// window between reading and stamping would otherwise pass for ours).
pub fn load_stamped(path: &Path, catalog: &Catalog) -> Result<(Plan, Stamp), PlanFileError> {
    let text = file_text::read(path)?;
    let plan = from_ron(&text, &path.display().to_string(), catalog)?;
    Ok((plan, Stamp::of_text(&text)))
}

/// [`save`], returning the stamp of the bytes written.
pub fn save_stamped(path: &Path, plan: &Plan) -> Result<Stamp, PlanFileError> {
    let text = to_ron(plan)?;
    atomic_write::write(path, text.as_bytes())?;
    Ok(Stamp::of_text(&text))
}

/// What [`upgrade`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upgraded {
    /// The file was already the current format's canonical text: nothing was written.
    AlreadyCurrent,
    /// The file was rewritten; the old text is in `backup`.
    Rewritten {
        /// The copy of the old file (`PATH.bak`, or `PATH.bak.N` when that name is taken).
        backup: PathBuf,
        /// The old text had comments, which the canonical text does not keep.
        dropped_comments: bool,
    },
}

/// Backup names tried before giving up (`.bak`, `.bak.1` ... `.bak.999`).
const MAX_BACKUPS: usize = 1000;

/// Rewrite a plan in the current format. The old text is kept in a new `PATH.bak` (never one
/// that exists: then `PATH.bak.1`, `.bak.2` ...) with the old file's mode and owner; a file
/// already in the canonical current format is left alone.
pub fn upgrade(path: &Path, catalog: &Catalog) -> Result<Upgraded, PlanFileError> {
    let old = file_text::read(path)?;
    let plan = from_ron(&old, &path.display().to_string(), catalog)?;
    let new = to_ron(&plan)?;
    if new == old {
        return Ok(Upgraded::AlreadyCurrent);
    }
    let like = std::fs::metadata(path).ok();
    let backup = keep_backup(path, &old, like.as_ref())?;
    atomic_write::write(path, new.as_bytes())?;
    Ok(Upgraded::Rewritten {
        backup,
        dropped_comments: has_comments(&old),
    })
}

/// Write `text` to the first free backup name beside `path`.
fn keep_backup(
    path: &Path,
    text: &str,
    like: Option<&std::fs::Metadata>,
) -> Result<PathBuf, WriteError> {
    let mut last = None;
    for n in 0..MAX_BACKUPS {
        let mut name = path.as_os_str().to_owned();
        name.push(if n == 0 {
            ".bak".to_owned()
        } else {
            format!(".bak.{n}")
        });
        let bak = PathBuf::from(name);
        // A cheap look first; `create_new` still refuses a name taken in between.
        if std::fs::symlink_metadata(&bak).is_ok() {
            last = Some(bak);
            continue;
        }
        match atomic_write::create_new(&bak, text.as_bytes(), like) {
            Ok(()) => return Ok(bak),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(bak),
            Err(source) => return Err(WriteError { source, path: bak }),
        }
    }
    Err(WriteError {
        source: std::io::Error::other(format!("{MAX_BACKUPS} backups exist already")),
        path: last.unwrap_or_else(|| path.to_owned()),
    })
}

/// True when RON text has a `//` or `/* */` comment outside strings and characters.
pub fn has_comments(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => return true,
            b'"' => i = skip_quoted(b, i + 1, b'"'),
            b'\'' => i = skip_quoted(b, i + 1, b'\''),
            // Raw string: r"..." or r#"..."# (any number of #).
            b'r' if !b
                .get(i.wrapping_sub(1))
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') =>
            {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    let close: Vec<u8> = std::iter::once(b'"')
                        .chain(std::iter::repeat_n(b'#', hashes))
                        .collect();
                    let body = i + 2 + hashes;
                    i = b[body..]
                        .windows(close.len())
                        .position(|w| w == close.as_slice())
                        .map_or(b.len(), |p| body + p + close.len());
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    false
}

/// The index after the closing `quote`, skipping backslash escapes.
fn skip_quoted(b: &[u8], mut i: usize, quote: u8) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    /// Comments are found outside strings only: a URL in a description is not one.
    #[test]
    fn comments_outside_strings_only() {
        assert!(super::has_comments("Plan(\n// note\n)"));
        assert!(super::has_comments("Plan(name: \"a\" /* why */)"));
        assert!(!super::has_comments(
            "Plan(description: \"see https://x/y \\\" // not\", c: '/', r: r#\"/* no \"# )"
        ));
        assert!(super::has_comments("Plan(r: r\"x\", // yes\n)"));
    }
}
