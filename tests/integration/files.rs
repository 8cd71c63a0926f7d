//! Files that are not plain files, and files that must survive: writes through symbolic links,
//! into devices and pipes, keeping mode and owner; `upgrade`'s backups.

use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use crate::support::{cli, read, root, temp_dir};

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A plan that `upgrade` rewrites: the example with two-space indents and a comment.
fn messy_plan() -> String {
    read(&root().join("saved-plans/single-director.ron"))
        .replace("    ", "  ")
        .replacen("Plan(", "// our DMZ plan, see ticket 42\nPlan(", 1)
}

#[test]
fn writes_go_through_symbolic_links_to_the_shared_file() {
    let dir = temp_dir();
    let shared = dir.join("shared");
    std::fs::create_dir(&shared).unwrap();
    let target = shared.join("plan.ron");
    std::fs::write(&target, messy_plan()).unwrap();
    // A chain: link -> relative link -> the file.
    std::os::unix::fs::symlink("shared/plan.ron", dir.join("hop.ron")).unwrap();
    std::os::unix::fs::symlink(dir.join("hop.ron"), dir.join("plan.ron")).unwrap();
    let link = dir.join("plan.ron");
    let out = cli(&["upgrade", link.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        read(&target),
        read(&root().join("saved-plans/single-director.ron")),
        "the shared file was upgraded"
    );

    // --output through a link, and through a link to a file that does not exist yet.
    let csv = dir.join("rules.csv");
    std::os::unix::fs::symlink("shared/rules.csv", &csv).unwrap();
    let out = cli(&[
        "export",
        target.to_str().unwrap(),
        "--format",
        "csv",
        "--output",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::symlink_metadata(&csv)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(&shared.join("rules.csv")).contains("id,firewall"));
}

#[test]
fn devices_pipes_and_descriptors_are_written_in_place() {
    let dir = temp_dir();
    let plan = root().join("saved-plans/single-director.ron");
    let export_to = |output: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lync-port-planner"))
            .args([
                "export",
                plan.to_str().unwrap(),
                "--format",
                "csv",
                "--output",
            ])
            .arg(output)
            .output()
            .unwrap()
    };
    // A link to /dev/null: the link stays, nothing is written beside it.
    let null_link = dir.join("null");
    std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
    assert!(export_to(&null_link).status.success());
    assert!(
        std::fs::symlink_metadata(&null_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link to our own standard output (what /dev/stdout is): the CSV arrives in the pipe.
    let stdout_link = dir.join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).unwrap();
    let out = export_to(&stdout_link);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("id,firewall"));
    assert!(
        std::fs::symlink_metadata(&stdout_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A named pipe with a reader.
    let fifo = dir.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
    };
    assert!(export_to(&fifo).status.success());
    // Checked before joining: had the pipe been replaced, its reader would wait forever.
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the named pipe was replaced by a regular file"
    );
    assert!(reader.join().unwrap().contains("id,firewall"));
    // A character device of our own (as root): still a device afterwards.
    if is_root() {
        let dev = dir.join("null-device");
        let made = std::process::Command::new("mknod")
            .arg(&dev)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success());
        if made {
            assert!(export_to(&dev).status.success());
            assert!(
                std::fs::metadata(&dev)
                    .unwrap()
                    .file_type()
                    .is_char_device(),
                "the device node was replaced"
            );
        }
    }
}

#[test]
fn saving_keeps_mode_owner_and_group_and_the_backup_gets_the_originals() {
    let dir = temp_dir();
    let path = dir.join("plan.ron");
    std::fs::write(&path, messy_plan()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let owned = is_root() && std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_ok();
    let out = cli(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    for file in [path.clone(), dir.join("plan.ron.bak")] {
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(meta.mode() & 0o7777, 0o640, "{}", file.display());
        if owned {
            assert_eq!((meta.uid(), meta.gid()), (4321, 4322), "{}", file.display());
        }
    }
    // A private export stays private when written again.
    let csv = dir.join("rules.csv");
    std::fs::write(&csv, "old").unwrap();
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = cli(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "--output",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::metadata(&csv).unwrap().mode() & 0o7777, 0o600);
}

#[test]
fn upgrade_never_overwrites_a_backup_and_says_when_comments_go() {
    let dir = temp_dir();
    let path = dir.join("plan.ron");
    let original = messy_plan();
    std::fs::write(&path, &original).unwrap();
    let out = cli(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("had comments"),
        "{out:?}"
    );
    assert_eq!(read(&dir.join("plan.ron.bak")), original);

    // Again: already current, nothing written, the backup with the comments stays.
    let out = cli(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("already in the current format"),
        "{out:?}"
    );
    assert_eq!(read(&dir.join("plan.ron.bak")), original);
    assert!(!dir.join("plan.ron.bak.1").exists());

    // A messy file again, without comments: the next backup gets a new name.
    let second = read(&path).replace("    ", "\t");
    std::fs::write(&path, &second).unwrap();
    let out = cli(&["upgrade", path.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("plan.ron.bak.1"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("comments"));
    assert_eq!(read(&dir.join("plan.ron.bak")), original);
    assert_eq!(read(&dir.join("plan.ron.bak.1")), second);
}
