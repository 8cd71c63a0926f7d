//! Writing a file so that readers see either the old or the new content, never a torn one.
//!
//! A regular file is replaced atomically (temp file in its folder, fsync, rename) and keeps its
//! mode, owner and group. A symbolic link is written through: the file it points to (at the end
//! of the chain) is replaced, the link stays. Devices, pipes, sockets and open descriptors
//! (`/dev/null`, `/dev/stdout`) are written in place: renaming over them would replace the node.

use std::fs::{File, Metadata, OpenOptions};
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

/// Links followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Write `bytes` to `path`: atomically for a regular (or new) file, through symbolic links, in
/// place for a device, pipe or open descriptor.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |source| WriteError {
        source,
        path: path.to_owned(),
    };
    let target = match resolve(path).map_err(err)? {
        Target::InPlace(p) => return write_in_place(&p, bytes).map_err(err),
        Target::File(p) => p,
    };
    let existing = std::fs::metadata(&target).ok().filter(Metadata::is_file);
    let (dir, tmp) = temp_beside(&target);
    write_via(&target, &dir, &tmp, bytes, existing.as_ref()).map_err(err)
}

/// Create `path` with `bytes`, never replacing anything there (an `AlreadyExists` error then);
/// the new file gets the mode, owner and group of `like` where allowed. A kill leaves either no
/// file or the whole one.
pub fn create_new(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> std::io::Result<()> {
    let (_, tmp) = temp_beside(path);
    let mut file = create_temp(&tmp, like.is_some())?;
    let result = (|| {
        if let Some(like) = like {
            keep_owner_and_mode(&file, like)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        // A hard link fails when the name is taken, where a rename would replace it.
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            // A file system without hard links: create the name itself.
            Err(_) => {
                let mut direct = OpenOptions::new().write(true).create_new(true).open(path)?;
                if let Some(like) = like {
                    keep_owner_and_mode(&direct, like)?;
                }
                direct.write_all(bytes)?;
                direct.sync_all()
            }
        }
    })();
    drop(file);
    std::fs::remove_file(&tmp).ok();
    result
}

/// Write several files into the folder `dir` (made if missing), each atomically as [`write`]
/// does. Each name is relative to `dir` and `/`-separated; a name that could leave the folder
/// (absolute, `..`, `.`, an empty part, `\`, `:`, a control character) is refused before
/// anything is written, and so is a file the folder reaches through a symbolic link to outside.
pub fn write_folder(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), WriteError> {
    let refuse = |path: PathBuf, why: &str| WriteError {
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, why.to_owned()),
        path,
    };
    if let Some((name, _)) = files.iter().find(|(name, _)| !is_inside_name(name)) {
        return Err(refuse(
            dir.join(name),
            "the file name would leave the output folder",
        ));
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| WriteError { source, path }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let root = std::fs::canonicalize(dir).map_err(io(dir))?;
    for (name, bytes) in files {
        let mut at = root.clone();
        let parts: Vec<&str> = name.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let last = i + 1 == parts.len();
            if !last {
                match std::fs::create_dir(&at) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        return Err(io(&at)(e));
                    }
                    _ => {}
                }
            }
            // A symbolic link inside the folder may point out of it (or nowhere yet).
            let link = std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink());
            let outside = match std::fs::canonicalize(&at) {
                Ok(real) => !real.starts_with(&root),
                Err(_) => link,
            };
            if outside {
                return Err(refuse(
                    at,
                    "a symbolic link in the output folder points outside it",
                ));
            }
        }
        write(&at, bytes)?;
    }
    Ok(())
}

/// True for a relative, `/`-separated name that stays inside its folder on every system.
fn is_inside_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && !part.contains(['\\', ':'])
                && !part.chars().any(char::is_control)
        })
}

/// Where a write goes.
enum Target {
    /// A regular file, or a name to create: replace atomically.
    File(PathBuf),
    /// A device, pipe, socket or open descriptor: write into it.
    InPlace(PathBuf),
}

/// Follow symbolic links to the file they name (which may not exist yet).
fn resolve(path: &Path) -> std::io::Result<Target> {
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        // `/proc/self/fd/1` (what `/dev/stdout` names) is an open descriptor, whatever its link says.
        if is_descriptor(&path) {
            return Ok(Target::InPlace(path));
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return Ok(Target::File(path));
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let to = std::fs::read_link(&path)?;
            path = match path.parent() {
                Some(dir) => dir.join(to),
                None => to,
            };
        } else if kind.is_file() || kind.is_dir() {
            // A folder fails at the rename with the OS's own message.
            return Ok(Target::File(path));
        } else {
            return Ok(Target::InPlace(path));
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// `/proc/<pid>/fd/<n>` and `/dev/fd/<n>`.
fn is_descriptor(path: &Path) -> bool {
    (path.starts_with("/proc") || path.starts_with("/dev"))
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == "fd")
}

/// Write into a node that must not be replaced. Appending keeps what a shell's `>>` put there.
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new().append(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()?;
    // Pipes and terminals cannot be synced; a regular file behind a descriptor can.
    file.sync_all().ok();
    Ok(())
}

/// The folder of `path` and a temp name in it unique to this process and call.
fn temp_beside(path: &Path) -> (PathBuf, PathBuf) {
    // The pid keeps two processes apart, the counter two threads of one process.
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
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
    (dir, tmp)
}

/// A new temp file: `private` (0600 until the caller copies a mode onto it) or with the mode a
/// new file gets (0666 less the umask).
fn create_temp(tmp: &Path, private: bool) -> std::io::Result<File> {
    let create = || {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        options.open(tmp)
    };
    match create() {
        // Left by a killed process that had our pid: no live process owns it.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(tmp)?;
            create()
        }
        other => other,
    }
}

/// Give `file` the owner, group and mode of `like`. Changing the owner needs root; without it
/// the group is kept where the user belongs to it, and the mode always.
fn keep_owner_and_mode(file: &File, like: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())).is_err() {
            std::os::unix::fs::fchown(file, None, Some(like.gid())).ok();
        }
    }
    // After the owner: a change of owner clears the set-id bits.
    file.set_permissions(like.permissions())
}

/// The steps of [`write`] with a chosen temp file; `existing` is the file being replaced.
fn write_via(
    path: &Path,
    dir: &Path,
    tmp: &Path,
    bytes: &[u8],
    existing: Option<&Metadata>,
) -> std::io::Result<()> {
    let result = (|| {
        let mut file = create_temp(tmp, existing.is_some())?;
        if let Some(old) = existing {
            keep_owner_and_mode(&file, old)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(tmp, path)?;
        // Make the rename itself durable; not every platform can open a folder, so this is best effort.
        if let Ok(d) = File::open(dir) {
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
        write_via(&path, &dir, &tmp, b"new plan", None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new plan");
        assert!(!tmp.exists(), "the temp file was renamed into place");
        std::fs::remove_dir_all(&dir).ok();
    }

    fn files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
        (names.iter())
            .map(|n| ((*n).to_owned(), n.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_folder_is_made_and_its_files_written_inside() {
        let dir = std::env::temp_dir().join(format!("lpp-aw-folder-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        let out = dir.join("new/out");
        write_folder(&out, &files(&["a.txt", "zones/b.txt", "zones/c/d.txt"])).unwrap();
        for name in ["a.txt", "zones/b.txt", "zones/c/d.txt"] {
            assert_eq!(std::fs::read(out.join(name)).unwrap(), name.as_bytes());
        }
        // Again: the files are replaced, the folders kept.
        write_folder(&out, &[("a.txt".to_owned(), b"new".to_vec())]).unwrap();
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"new");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn names_that_leave_the_folder_are_refused_before_anything_is_written() {
        let dir = std::env::temp_dir().join(format!("lpp-aw-escape-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        let out = dir.join("out");
        for bad in [
            "../x",
            "/etc/x",
            "a/../../x",
            "./x",
            "a//b",
            "",
            "a/",
            "a\\..\\x",
            "C:x",
            "a\nb",
        ] {
            let err = write_folder(&out, &files(&["fine.txt", bad])).unwrap_err();
            assert_eq!(
                err.source.kind(),
                std::io::ErrorKind::InvalidInput,
                "{bad:?}"
            );
            assert!(!out.exists(), "{bad:?}: nothing written");
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("lpp-aw-link-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        let (out, outside) = (dir.join("out"), dir.join("outside"));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("sub")).unwrap();
        std::os::unix::fs::symlink(outside.join("f.txt"), out.join("f.txt")).unwrap();
        for name in ["sub/x.txt", "f.txt"] {
            let err = write_folder(&out, &files(&[name])).unwrap_err();
            assert_eq!(
                err.source.kind(),
                std::io::ErrorKind::InvalidInput,
                "{name}"
            );
        }
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).ok();
    }
}
