//! Writing a file so that readers see either the old or the new content, never a torn one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

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
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable; not every platform can open a folder, so this is best effort.
        if let Ok(d) = std::fs::File::open(&dir) {
            d.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        std::fs::remove_file(&tmp).ok();
    }
    result.map_err(err)
}
