//! Reading a text file that may be hostile: size limit before reading, UTF-8 check.
//! Parsing is the caller's job.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Largest plan or catalog file accepted, checked before it is read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file's text could not be had.
#[derive(Debug, thiserror::Error)]
pub enum FileTextError {
    /// Opening or reading failed.
    #[error("cannot read file: {source}: {path}")]
    Io {
        /// The OS error.
        #[source]
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// Over [`MAX_FILE_BYTES`].
    #[error("file is too large ({size} bytes, the limit is {limit} bytes): {path}")]
    TooLarge {
        /// Size found.
        size: u64,
        /// The limit.
        limit: u64,
        /// The file.
        path: PathBuf,
    },
    /// Not UTF-8.
    #[error("not a text file (invalid UTF-8 at line {line}, column {col}): {path}")]
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        col: usize,
        /// The file.
        path: PathBuf,
    },
}

/// Read a whole UTF-8 file of at most [`MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<String, FileTextError> {
    let io = |source| FileTextError::Io {
        source,
        path: path.to_owned(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(FileTextError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
            path: path.to_owned(),
        });
    }
    bounded_text(file, path)
}

/// Read standard input as a plan or catalog file is read (`-` on the command line); errors name
/// it "standard input".
pub fn read_stdin() -> Result<String, FileTextError> {
    bounded_text(std::io::stdin().lock(), Path::new("standard input"))
}

/// At most [`MAX_FILE_BYTES`] of UTF-8 from `source`; `path` names it in errors.
fn bounded_text(source: impl std::io::Read, path: &Path) -> Result<String, FileTextError> {
    let io = |source| FileTextError::Io {
        source,
        path: path.to_owned(),
    };
    let mut bytes = Vec::new();
    // Take one byte more than the limit, in case the file grew after the size check.
    source
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileTextError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
            path: path.to_owned(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = String::from_utf8_lossy(valid);
        let line = prefix.matches('\n').count() + 1;
        let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        FileTextError::NotUtf8 {
            line,
            col,
            path: path.to_owned(),
        }
    })
}
