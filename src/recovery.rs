//! The recovery file: unsaved work written every few idle seconds, offered back after a crash.
//! One file per user; removed on save, on a clean exit and when the user discards it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_write;
use crate::catalog::Catalog;
use crate::plan::Plan;

/// Environment variable naming the folder for the recovery file (tests, portable installs).
pub const DIR_VAR: &str = "LPP_STATE_DIR";

/// What is written: the plan and the file it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The plan's file, if it had one.
    pub original: Option<PathBuf>,
    /// Unix seconds when it was written.
    pub written_at: u64,
    /// The unsaved plan.
    pub plan: Plan,
}

/// The folder for the recovery file: `$LPP_STATE_DIR`, else `$XDG_STATE_HOME/lync-port-planner`,
/// else `~/.local/state/lync-port-planner`; `None` when none can be found.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VAR) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("lync-port-planner"));
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    Some(PathBuf::from(home).join(".local/state/lync-port-planner"))
}

fn file(dir: &Path) -> PathBuf {
    dir.join("recovery.ron")
}

/// Why the recovery file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The recovery could not be written as RON text.
    #[error("cannot write the recovery file as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// The folder or the file could not be written.
    #[error(transparent)]
    Write(#[from] atomic_write::WriteError),
}

/// Write the recovery file atomically.
pub fn write(dir: &Path, recovery: &Recovery) -> Result<(), RecoveryError> {
    std::fs::create_dir_all(dir).map_err(|source| atomic_write::WriteError {
        source,
        path: dir.to_owned(),
    })?;
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(recovery, config)?;
    atomic_write::write(&file(dir), text.as_bytes())?;
    Ok(())
}

/// The recovery file, if there is a usable one. A damaged file is ignored (and left for inspection).
pub fn read(dir: &Path, catalog: &Catalog) -> Option<Recovery> {
    let text = crate::file_text::read(&file(dir)).ok()?;
    let recovery: Recovery = ron::Options::default()
        .with_recursion_limit(64)
        .from_str(&text)
        .ok()?;
    crate::plan::validate(&recovery.plan, catalog)
        .is_empty()
        .then_some(recovery)
}

/// Remove the recovery file (nothing to do when there is none).
pub fn clear(dir: &Path) {
    std::fs::remove_file(file(dir)).ok();
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    /// A folder that cannot be made is an error for the caller (the autosave shows it), and a
    /// written file reads back.
    #[test]
    fn write_reports_failure_and_reads_back() {
        let base = std::env::temp_dir().join(format!("lpp-recovery-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let recovery = super::Recovery {
            original: None,
            written_at: 1,
            plan: crate::plan::Plan::new("unsaved"),
        };
        let blocker = base.join("file");
        std::fs::write(&blocker, "not a folder").unwrap();
        let err = super::write(&blocker.join("dir"), &recovery).unwrap_err();
        assert!(matches!(err, super::RecoveryError::Write(_)), "{err}");
        super::write(&base, &recovery).unwrap();
        assert_eq!(super::read(&base, &catalog), Some(recovery));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
