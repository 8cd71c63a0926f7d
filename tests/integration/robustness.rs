//! Untrusted input: the plan loader and the firewall-CSV importer take mutated and random input
//! without panicking, and every rejection says where. `LPP_FUZZ_CASES` sets the number of
//! inputs per test (default 2,000; the README's reliability figures used 1,000,000 in release).

use std::panic::{AssertUnwindSafe, catch_unwind};

use lync_port_planner::export::{self, Format};
use lync_port_planner::plan_file;

use crate::support::{catalog, example_paths, read, root};

/// xorshift64*: reproducible runs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

fn cases() -> usize {
    std::env::var("LPP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

/// Text that breaks RON, plans or numbers in interesting ways.
const SNIPPETS: [&str; 24] = [
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "format_version: 3",
    "NaN",
    "inf",
    "-1",
    "1e999",
    "99999999999999999999",
    "role: \"edge\"",
    "Node(",
    "\u{0}",
    "\u{202E}",
    "Link(a: \"x\", b: \"x\")",
    "//",
    "/*",
    "r#\"",
];

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())].as_bytes();
                bytes.splice(at..at, s.iter().copied());
            }
            3 => bytes.truncate(at),
            4 => {
                let end = (at + rng.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => {
                let n = rng.below(16);
                let junk: Vec<u8> = (0..n)
                    .map(|_| u8::try_from(rng.below(256)).unwrap_or(0))
                    .collect();
                bytes.splice(at..at, junk);
            }
        }
    }
    bytes
}

/// True when an error message points at a position: `origin:line:col: ...`.
fn has_position(message: &str, origin: &str) -> bool {
    let Some(rest) = message
        .strip_prefix(origin)
        .and_then(|r| r.strip_prefix(':'))
    else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let (line, col) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    !line.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit())
        && !col.is_empty()
        && col.bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn plan_loader_never_panics_and_every_rejection_has_a_position() {
    let catalog = catalog();
    let bases: Vec<Vec<u8>> = example_paths()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let (mut accepted, mut rejected) = (0, 0);
    for case in 0..cases() {
        let input = if case % 10 == 0 {
            (0..rng.below(400))
                .map(|_| u8::try_from(rng.below(256)).unwrap_or(0))
                .collect()
        } else {
            let base = &bases[rng.below(bases.len())];
            mutate(&mut rng, base)
        };
        let text = String::from_utf8_lossy(&input).into_owned();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            plan_file::from_ron(&text, "fuzz.ron", &catalog)
        }));
        let Ok(result) = outcome else {
            panic!("the loader panicked on case {case}: {text:?}")
        };
        match result {
            Ok(plan) => {
                accepted += 1;
                // An accepted plan must also derive, check, export and round-trip without a panic.
                let ok = catch_unwind(AssertUnwindSafe(|| {
                    for format in Format::ALL {
                        export::export_plan(
                            &plan,
                            &catalog,
                            format,
                            &lync_port_planner::rules::RuleScope::default(),
                            lync_port_planner::i18n::Lang::En,
                        )
                        .unwrap();
                    }
                    plan_file::from_ron(&plan_file::to_ron(&plan).unwrap(), "again.ron", &catalog)
                        .map(|again| again == plan)
                }));
                assert!(
                    matches!(ok, Ok(Ok(true))),
                    "case {case}: an accepted plan failed later: {text:?}"
                );
            }
            Err(e) => {
                rejected += 1;
                let message = e.to_string();
                assert!(
                    has_position(&message, "fuzz.ron"),
                    "case {case}: no position in `{message}`"
                );
                assert!(!message.contains('\n'), "one line: {message}");
            }
        }
    }
    eprintln!(
        "plan loader: {} inputs, {accepted} accepted, {rejected} rejected, 0 panics",
        cases()
    );
    assert!(
        rejected > 0 && accepted > 0,
        "the mutations reach both outcomes"
    );
}

#[test]
fn csv_importer_never_panics_and_reports_lines() {
    let base = export::export_plan(
        &crate::support::example("director-pool-dns-hlb.ron"),
        &catalog(),
        Format::Csv,
        &lync_port_planner::rules::RuleScope::default(),
        lync_port_planner::i18n::Lang::En,
    )
    .unwrap()
    .into_text()
    .unwrap();
    let plain = b"action,protocol,source,destination,port\nallow,tcp,10.0.0.1,any,5061\ndeny,udp,any,10.0.0.0/8,1-65535\n".to_vec();
    let mut rng = Rng(0x5EED_C5F0_0000_0002);
    let mut rejected = 0;
    for case in 0..cases() {
        let input = mutate(
            &mut rng,
            if case % 2 == 0 {
                base.as_bytes()
            } else {
                &plain
            },
        );
        let text = String::from_utf8_lossy(&input).into_owned();
        // Lines as editors count them: CRLF, LF or a lone CR.
        let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| lync_port_planner::audit::parse(&text)));
        let Ok(result) = outcome else {
            panic!("the CSV importer panicked on case {case}: {text:?}")
        };
        if let Err(e) = result {
            rejected += 1;
            assert!(
                e.line >= 1 && e.line <= lines + 1,
                "case {case}: line {} of {lines}",
                e.line
            );
        }
    }
    eprintln!(
        "csv importer: {} inputs, {rejected} rejected with a line number, 0 panics",
        cases()
    );
    assert!(rejected > 0, "the mutations reach the error paths");
}

#[test]
fn broken_structures_are_refused_with_a_message() {
    let seed = read(&root().join("saved-plans/single-director.ron"));
    let cases = [
        (
            seed.replacen("\"dir\": Node(", "\"fe\": Node(", 1),
            "duplicate node id `fe`",
        ),
        (
            seed.replacen("x: 700.0", "x: NaN", 1),
            "not a finite number",
        ),
        (
            seed.replacen("x: 700.0", "x: inf", 1),
            "not a finite number",
        ),
        (
            seed.replacen("\"dir\": Node(", "\"bad id!\": Node(", 1),
            "must be 1-64 letters",
        ),
    ];
    for (text, expected) in cases {
        let err = plan_file::from_ron(&text, "p.ron", &catalog())
            .expect_err(expected)
            .to_string();
        assert!(
            err.contains(expected) && has_position(&err, "p.ron"),
            "{err}"
        );
    }
    let many = "Member(name: \"m\"),".repeat(101);
    let text = seed.replacen("members: [", &format!("members: [{many}"), 1);
    let err = plan_file::from_ron(&text, "p.ron", &catalog())
        .expect_err("too many members")
        .to_string();
    assert!(err.contains("members (at most 100)"), "{err}");
}

#[test]
fn format_version_1_fixture_still_opens_with_the_same_rules() {
    let fixture =
        plan_file::load(&root().join("tests/fixtures/format-v1.ron"), &catalog()).unwrap();
    let current = crate::support::example("director-pool-dns-hlb.ron");
    assert_eq!(
        crate::support::derive(&fixture).0,
        crate::support::derive(&current).0
    );
}

/// kill -9 at random moments while `upgrade` rewrites a plan: the file is always the old or the
/// new complete plan. `LPP_KILL_CYCLES` sets the cycles (default 200; the README figure used 1,000).
#[test]
fn kill_9_during_saves_never_tears_a_plan() {
    let cycles: usize = std::env::var("LPP_KILL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = crate::support::temp_dir();
    let path = dir.join("plan.ron");
    let new = read(&root().join("saved-plans/full-site.ron"));
    let old = new.replace("    ", "  ");
    assert_ne!(old, new);
    let upgrade = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_lync-port-planner"))
            .arg("upgrade")
            .arg(&path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one uninterrupted upgrade takes here: kills are spread over 0..120% of it.
    std::fs::write(&path, &old).unwrap();
    let started = std::time::Instant::now();
    upgrade().wait().unwrap();
    let span = u64::try_from(started.elapsed().as_micros())
        .unwrap_or(50_000)
        .max(1_000);
    let mut rng = Rng(0x5EED_0000_0000_0009);
    let (mut kept_old, mut got_new) = (0, 0);
    let clear_backups = || {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.to_string_lossy().contains(".bak") {
                std::fs::remove_file(p).unwrap();
            }
        }
    };
    for cycle in 0..cycles {
        // Each rewrite keeps a new backup; a thousand would use up the backup names.
        clear_backups();
        std::fs::write(&path, &old).unwrap();
        let mut child = upgrade();
        let wait = rng.below(usize::try_from(span * 12 / 10).unwrap_or(60_000));
        std::thread::sleep(std::time::Duration::from_micros(
            u64::try_from(wait).unwrap_or(0),
        ));
        child.kill().ok(); // SIGKILL; the process may already have finished.
        child.wait().unwrap();
        let now = read(&path);
        if now == old {
            kept_old += 1;
        } else if now == new {
            got_new += 1;
        } else {
            panic!("cycle {cycle}: torn plan file ({} bytes)", now.len());
        }
    }
    eprintln!(
        "kill -9: {cycles} cycles, {kept_old} kept the old plan, {got_new} had the new one, 0 torn"
    );
    assert!(
        kept_old > 0 && got_new > 0,
        "kills landed both before and after the rename"
    );
}

/// A save onto a full disk (a tiny tmpfs) fails with a clear error and leaves the old file whole.
#[test]
fn a_full_disk_fails_the_save_and_keeps_the_old_file() {
    let dir = crate::support::temp_dir();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&dir)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root)");
        return;
    }
    let path = dir.join("plan.ron");
    std::fs::write(&path, "old plan").unwrap();
    // Leave less room than a plan needs.
    let filler = dir.join("filler");
    let mut size = 60 * 1024;
    while std::fs::write(&filler, vec![0u8; size]).is_err() && size > 1024 {
        size -= 1024;
    }
    let plan = crate::support::example("full-site.ron");
    let err = plan_file::save(&path, &plan)
        .expect_err("the disk is full")
        .to_string();
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let old = std::fs::read_to_string(&path).unwrap();
    std::process::Command::new("umount").arg(&dir).output().ok();
    assert_eq!(old, "old plan", "the old file is untouched");
    assert!(
        err.starts_with("cannot write file: No space left on device"),
        "{err}"
    );
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file left behind: {leftovers:?}"
    );
}

/// Files over the size limit are refused from their metadata, before a byte is parsed.
#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let path = crate::support::temp_dir().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: 17 MiB of nothing costs no disk.
    file.set_len(lync_port_planner::file_text::MAX_FILE_BYTES + 1024 * 1024)
        .unwrap();
    let err = plan_file::load(&path, &catalog())
        .expect_err("over the limit")
        .to_string();
    assert!(
        err.starts_with("file is too large (17825792 bytes"),
        "{err}"
    );
}

/// Deep nesting stops at the limit with a position instead of overflowing the stack.
#[test]
fn deep_nesting_is_refused_with_a_position() {
    let depth = 100_000;
    let text = format!(
        "Plan(\n    format_version: 1,\n    name: {}",
        "[".repeat(depth)
    );
    let err = plan_file::from_ron(&text, "deep.ron", &catalog())
        .expect_err("too deep")
        .to_string();
    assert!(
        err.starts_with("deep.ron:3:") && err.contains("nested deeper than 64 levels"),
        "{err}"
    );
}

/// A read-only folder and a folder that vanished: the save fails with the OS's reason and the
/// old file (if any) is untouched. Root ignores permission bits, so read-only is a read-only mount.
#[test]
fn read_only_and_vanished_folders_fail_the_save_cleanly() {
    let plan = crate::support::example("single-director.ron");

    let gone = crate::support::temp_dir();
    std::fs::remove_dir_all(&gone).unwrap();
    let err = plan_file::save(&gone.join("plan.ron"), &plan)
        .expect_err("the folder is gone")
        .to_string();
    assert!(
        err.starts_with("cannot write file: No such file or directory"),
        "{err}"
    );

    let dir = crate::support::temp_dir();
    let path = dir.join("plan.ron");
    std::fs::write(&path, "old plan").unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["--bind", "-o", "ro"])
        .arg(&dir)
        .arg(&dir)
        .output()
        .is_ok_and(|o| o.status.success());
    // Some kernels need a remount to apply `ro` to a bind mount.
    let read_only = mounted
        && std::process::Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
    if !read_only {
        std::process::Command::new("umount").arg(&dir).output().ok();
        assert!(
            std::env::var("CI").is_err(),
            "CI runs as root and can mount"
        );
        eprintln!("SKIPPED: cannot make a read-only mount here (needs root)");
        return;
    }
    let result = plan_file::save(&path, &plan);
    let old = std::fs::read_to_string(&path).unwrap();
    std::process::Command::new("umount").arg(&dir).output().ok();
    let err = result.expect_err("the folder is read-only").to_string();
    assert!(
        err.starts_with("cannot write file: Read-only file system"),
        "{err}"
    );
    assert_eq!(old, "old plan");
}
