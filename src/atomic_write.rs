//! Writing a file so that readers see either the old or the new content, never a torn one.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why a write failed; the target file is untouched in every case.
#[derive(Debug, thiserror::Error)]
#[error("cannot write file: {source}: {path}")]
pub struct WriteError {
    /// The OS error.
    #[source]
    pub source: std::io::Error,
    /// The target file.
    pub path: PathBuf,
}

/// Write `bytes` to `path` atomically: temp file in the same folder, fsync, rename, fsync the folder.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    // The pid keeps two processes apart, the counter two threads of one process.
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let err = |source| WriteError {
        source,
        path: path.to_owned(),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let serial = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{serial}.tmp", std::process::id()));
    write_via(path, &dir, &tmp, bytes).map_err(err)
}

/// The steps of [`write`] with a chosen temp file.
fn write_via(path: &Path, dir: &Path, tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let result = (|| {
        let create = || {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(tmp)
        };
        let mut file = match create() {
            // Left by a killed process that had our pid: no live process owns it.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(tmp)?;
                create()?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(tmp, path)?;
        // Make the rename itself durable; not every platform can open a folder, so this is best effort.
        if let Ok(d) = std::fs::File::open(dir) {
            d.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        std::fs::remove_file(tmp).ok();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_temp_file_from_a_killed_process_does_not_block_saving() {
        let dir = std::env::temp_dir().join(format!("lpp-aw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (path, tmp) = (dir.join("plan.ron"), dir.join(".plan.ron.1.0.tmp"));
        std::fs::write(&tmp, "half a plan").unwrap();
        write_via(&path, &dir, &tmp, b"new plan").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new plan");
        assert!(!tmp.exists(), "the temp file was renamed into place");
        std::fs::remove_dir_all(&dir).ok();
    }
}
