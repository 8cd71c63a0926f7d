//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use lync_port_planner::catalog::Catalog;
use lync_port_planner::export::{self, Format, Report};
use lync_port_planner::findings::{self, Finding};
use lync_port_planner::plan::Plan;
use lync_port_planner::plan_file;
use lync_port_planner::rules::{self, RuleSet};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built-in catalog.
pub fn catalog() -> Catalog {
    Catalog::builtin().expect("built-in catalog")
}

/// Every file in saved-plans/, sorted.
pub fn example_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("saved-plans"))
        .expect("saved-plans")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "expected the example plans");
    paths
}

/// Load `saved-plans/NAME`.
#[track_caller]
pub fn example(name: &str) -> Plan {
    plan_file::load(&root().join("saved-plans").join(name), &catalog()).expect("example plan loads")
}

/// Rules and findings of a plan.
pub fn derive(plan: &Plan) -> (RuleSet, Vec<Finding>) {
    let catalog = catalog();
    let rules = rules::derive(plan, &catalog);
    let findings = findings::check(plan, &catalog, &rules);
    (rules, findings)
}

/// A plan exported in a text format.
pub fn export(plan: &Plan, format: Format) -> String {
    export_output(plan, format)
        .into_text()
        .unwrap_or_else(|| panic!("{format} is not a text format"))
}

/// A plan exported in a format: text, bytes or several files.
pub fn export_output(plan: &Plan, format: Format) -> export::Output {
    let catalog = catalog();
    let (rules, findings) = derive(plan);
    export::render(
        format,
        &Report {
            plan,
            catalog: &catalog,
            rules: &rules,
            findings: &findings,
            lang: lync_port_planner::i18n::Lang::En,
        },
    )
    .expect("an export")
}

/// Run the real binary.
pub fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lync-port-planner"))
        .args(args)
        .output()
        .expect("run lync-port-planner")
}

/// The built binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_lync-port-planner")
}

/// Run the binary with `input` on standard input.
pub fn cli_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(bin())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run lync-port-planner");
    let mut stdin = child.stdin.take().expect("stdin");
    // The binary may stop reading early (a refused input): a failed write is its business.
    stdin.write_all(input).ok();
    drop(stdin);
    child
        .wait_with_output()
        .expect("wait for lync-port-planner")
}

/// A generated plan of about `nodes` nodes in a fresh temp file.
pub fn gen_plan_path(nodes: usize) -> PathBuf {
    let path = temp_dir().join("generated.ron");
    let out = cli(&[
        "gen-plan",
        &nodes.to_string(),
        "--output",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "gen-plan");
    path
}

/// A fresh empty folder under the system temp dir.
pub fn temp_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "lpp-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Compare with `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites the file instead.
#[track_caller]
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run UPDATE_GOLDEN=1 cargo test",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "golden file {} differs at line {}\n--- expected\n{}\n--- actual\n{}\n(UPDATE_GOLDEN=1 cargo test rewrites it; review the diff)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

/// Whether a real consumer tool is on PATH. Missing tools fail under CI=true and skip (loudly) elsewhere.
pub fn require_tool(name: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {name} is not installed (apt-get install it to run this check)");
    }
    found
}

/// Write text to a file in a fresh temp folder.
pub fn write_temp(name: &str, text: &[u8]) -> PathBuf {
    let path = temp_dir().join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

/// The file's text.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read file")
}

/// True as root with `CI` set (.ci/run), where the network namespace tests run; otherwise a
/// note, and in CI not being root fails (`what` names the test).
pub fn root_in_ci(what: &str) -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let ci = std::env::var_os("CI").is_some();
    assert!(root || !ci, "{what} runs as root in CI (.ci/run)");
    if !root || !ci {
        eprintln!("SKIPPED: the network namespace tests run as root with CI=true (.ci/run)");
        return false;
    }
    true
}

/// Run a command; panics with its standard error unless it succeeds. Returns standard output.
#[track_caller]
pub fn run(args: &[&str]) -> String {
    let out = Command::new(args[0]).args(&args[1..]).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// [`run`] inside network namespace `ns`.
#[track_caller]
pub fn in_ns(ns: &str, args: &[&str]) -> String {
    let mut all = vec!["ip", "netns", "exec", ns];
    all.extend_from_slice(args);
    run(&all)
}
