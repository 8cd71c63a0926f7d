//! Recovery files: unsaved work written every few idle seconds, offered back after a crash.
//!
//! One file per window session (`recovery-<session>.ron`), beside a lock file
//! (`recovery-<session>.lock`) that the window holds locked while it lives (an OS file lock, so
//! the OS releases it when the process dies, `kill -9` included). A start offers only a recovery
//! whose lock it can take: a dead window's. A file that does not read is moved aside as
//! `.corrupt`, never overwritten. The `recovery.ron` of older builds is offered like a dead one.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::atomic_write;
use crate::catalog::Catalog;
use crate::plan::Plan;

/// Environment variable naming the folder for recovery files (tests, portable installs).
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

/// The folder for recovery files: `$LPP_STATE_DIR`, else `$XDG_STATE_HOME/lync-port-planner`,
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

/// Why a recovery file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The recovery could not be written as RON text.
    #[error("cannot write the recovery file as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// The folder or the file could not be written.
    #[error(transparent)]
    Write(#[from] atomic_write::WriteError),
}

/// One window's recovery file and its lock.
#[derive(Debug)]
pub struct Session {
    /// `recovery-<session>.ron`.
    file: PathBuf,
    /// Held while the window lives; taken on the first write.
    lock: Option<File>,
}

impl Session {
    /// A new session in `dir`; nothing is created until the first write.
    pub fn new(dir: &Path) -> Self {
        // The pid keeps processes apart, the counter two windows of one process (tests), the
        // time a pid reused after a crash.
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let id = format!(
            "{}-{}-{nanos:x}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        Self {
            file: dir.join(format!("recovery-{id}.ron")),
            lock: None,
        }
    }

    /// The recovery file.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Write the recovery file atomically, taking the lock first.
    pub fn write(&mut self, recovery: &Recovery) -> Result<(), RecoveryError> {
        let err = |source, path: &Path| atomic_write::WriteError {
            source,
            path: path.to_owned(),
        };
        if self.lock.is_none() {
            let dir = self.file.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| err(e, dir))?;
            let lock_path = lock_path(&self.file);
            let lock = lock_file(&lock_path).map_err(|e| err(e, &lock_path))?;
            // Before the recovery file exists, so no start ever sees it unlocked.
            self.lock = Some(lock);
        }
        let config = ron::ser::PrettyConfig::new().struct_names(true);
        let text = ron::ser::to_string_pretty(recovery, config)?;
        atomic_write::write(&self.file, text.as_bytes())?;
        Ok(())
    }

    /// Remove the recovery file (saved, discarded, a new document); the lock stays while the
    /// window lives.
    pub fn clear(&self) {
        std::fs::remove_file(&self.file).ok();
    }

    /// Remove the recovery file and its lock (the window closes cleanly).
    pub fn close(&mut self) {
        self.clear();
        if let Some(lock) = self.lock.take() {
            std::fs::remove_file(lock_path(&self.file)).ok();
            drop(lock);
        }
    }
}

/// What a start found in the recovery folder.
#[derive(Debug, Default)]
pub struct Found {
    /// The newest dead window's work, with its session (locked by us now).
    pub offer: Option<(Recovery, Session)>,
    /// Damaged recovery files moved aside (their new names).
    pub corrupt: Vec<PathBuf>,
}

/// Look for work of windows that died: the newest is offered (its session is ours from now
/// on); the others stay for the next start. Damaged files are moved aside as `.corrupt`.
pub fn find(dir: &Path, catalog: &Catalog) -> Found {
    let mut found = Found::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ron")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("recovery"))
        })
        .collect();
    files.sort();
    for file in files {
        let lock_path = lock_path(&file);
        // A live window holds its lock: its work is not ours to offer.
        let Ok(lock) = lock_file(&lock_path) else {
            continue;
        };
        let session = Session {
            file,
            lock: Some(lock),
        };
        match read(&session.file, catalog) {
            Read::Unreadable => {}
            Read::Gone => {
                // Its window closed while we looked; the lock file may be one we just made.
                std::fs::remove_file(&lock_path).ok();
            }
            Read::Damaged => {
                if let Some(aside) = move_aside(&session.file) {
                    found.corrupt.push(aside);
                }
                std::fs::remove_file(&lock_path).ok();
            }
            Read::Ok(recovery) => {
                let newer = found
                    .offer
                    .as_ref()
                    .is_none_or(|(best, _)| recovery.written_at >= best.written_at);
                if newer {
                    // The one replaced is unlocked again (dropped) for a later start.
                    found.offer = Some((*recovery, session));
                }
            }
        }
    }
    found
}

/// Drop an offered recovery: its file and lock go.
pub fn discard(mut session: Session) {
    session.close();
}

enum Read {
    /// Boxed: a plan is large beside the other variants.
    Ok(Box<Recovery>),
    /// Removed by its window's clean exit while we looked.
    Gone,
    /// Not ours to read (permissions): left alone.
    Unreadable,
    Damaged,
}

fn read(file: &Path, catalog: &Catalog) -> Read {
    let text = match crate::file_text::read(file) {
        Ok(t) => t,
        Err(crate::file_text::FileTextError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Read::Gone;
        }
        Err(crate::file_text::FileTextError::Io { .. }) => return Read::Unreadable,
        Err(_) => return Read::Damaged,
    };
    let parsed: Result<Recovery, _> = ron::Options::default()
        .with_recursion_limit(64)
        .from_str(&text);
    match parsed {
        // A newer build's work: left for it.
        Ok(r) if r.plan.format_version > crate::plan::FORMAT_VERSION => Read::Unreadable,
        Ok(mut r) => {
            // An older build's plan migrates as its file would.
            let version = r.plan.format_version;
            crate::plan_file::migrate(&mut r.plan, version);
            if crate::plan::validate(&r.plan, catalog).is_empty() {
                Read::Ok(Box::new(r))
            } else {
                Read::Damaged
            }
        }
        Err(_) => Read::Damaged,
    }
}

/// Rename a damaged file to the first free `<name>.corrupt`, `.corrupt.1` ...; its new name.
fn move_aside(file: &Path) -> Option<PathBuf> {
    (0..100).find_map(|n| {
        let mut name = file.as_os_str().to_owned();
        name.push(if n == 0 {
            ".corrupt".to_owned()
        } else {
            format!(".corrupt.{n}")
        });
        let aside = PathBuf::from(name);
        (std::fs::symlink_metadata(&aside).is_err() && std::fs::rename(file, &aside).is_ok())
            .then_some(aside)
    })
}

/// `recovery-<session>.lock` beside `recovery-<session>.ron`.
fn lock_path(file: &Path) -> PathBuf {
    file.with_extension("lock")
}

/// Open (creating) and lock a lock file without waiting; an error when another holds it.
fn lock_file(path: &Path) -> std::io::Result<File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(std::io::Error::new(
            std::io::ErrorKind::WouldBlock,
            "locked by a running window",
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recovery(name: &str, at: u64) -> Recovery {
        Recovery {
            original: None,
            written_at: at,
            plan: Plan::new(name),
        }
    }

    /// A folder that cannot be made is an error for the caller (the autosave shows it), and a
    /// written file is found once its window is gone.
    #[test]
    fn write_reports_failure_and_a_dead_sessions_work_is_found() {
        let base = std::env::temp_dir().join(format!("lpp-recovery-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        let catalog = Catalog::builtin().unwrap();
        let blocker = base.join("file");
        std::fs::write(&blocker, "not a folder").unwrap();
        let err = Session::new(&blocker.join("dir"))
            .write(&recovery("x", 1))
            .unwrap_err();
        assert!(matches!(err, RecoveryError::Write(_)), "{err}");

        let dir = base.join("state");
        let mut live = Session::new(&dir);
        live.write(&recovery("live", 1)).unwrap();
        assert!(find(&dir, &catalog).offer.is_none(), "a live window's work");
        drop(live); // the window dies
        let found = find(&dir, &catalog);
        assert_eq!(found.offer.map(|(r, _)| r), Some(recovery("live", 1)));
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// An older build's recovery file migrates like its plan file would; a newer build's is left
    /// alone, not called damaged.
    #[test]
    fn recovery_files_of_other_versions() {
        let base = std::env::temp_dir().join(format!("lpp-recovery-v-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        let catalog = Catalog::builtin().unwrap();
        let file = base.join("recovery-old.ron");
        let old = "Recovery(original: None, written_at: 1, plan: Plan(format_version: 1, name: \"old\", firewalls: three_legged(name: \"x\", outside: \"a\", perimeter: \"b\", inside: \"c\")))";
        std::fs::write(&file, old).unwrap();
        let Read::Ok(r) = read(&file, &catalog) else {
            panic!("an old recovery file is read")
        };
        assert_eq!(r.plan.format_version, crate::plan::FORMAT_VERSION);
        assert_eq!(r.plan.firewalls, crate::plan::Firewalls::default());
        std::fs::write(
            &file,
            old.replace("format_version: 1", "format_version: 99"),
        )
        .unwrap();
        assert!(matches!(read(&file, &catalog), Read::Unreadable));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
