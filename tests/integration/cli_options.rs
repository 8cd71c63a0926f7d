//! Options a subcommand does not take are refused (by the parser: each subcommand declares its own); `check` is scoped like `export`; an output
//! that is the input file (by any name) is refused before anything is written.

use lync_port_planner::export::Format;
use lync_port_planner::rules::RuleScope;
use lync_port_planner::topology::Firewall;

use crate::support::{cli, example, read, root, temp_dir, write_temp};

fn seed() -> String {
    root()
        .join("saved-plans/director-pool-dns-hlb.ron")
        .display()
        .to_string()
}

#[track_caller]
fn assert_refused(args: &[&str], expect_in_message: &[&str]) {
    let out = cli(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert!(stderr.starts_with("error: "), "{stderr}");
    for part in expect_in_message {
        assert!(stderr.contains(part), "{args:?}: `{part}` not in: {stderr}");
    }
}

#[test]
fn options_a_subcommand_does_not_take_are_refused() {
    let seed = seed();
    let out = temp_dir().join("out.svg");
    let out = out.to_str().unwrap();
    for (args, option) in [
        (vec!["catalog", "--firewall", "internal"], "--firewall"),
        (vec!["catalog", "--against", "x.csv"], "--against"),
        (
            vec!["render", &seed, "--output", out, "--nodes", "dir"],
            "--nodes",
        ),
        (
            vec!["render", &seed, "--output", out, "--format", "json"],
            "--format",
        ),
        (vec!["upgrade", &seed, "--format", "json"], "--format"),
        (vec!["upgrade", &seed, "--output", out], "--output"),
        (
            vec!["diff", &seed, &seed, "--firewall", "internal"],
            "--firewall",
        ),
        (
            vec!["export", &seed, "--format", "csv", "--against", "x.csv"],
            "--against",
        ),
        (vec!["gen-plan", "10", "--nodes", "a"], "--nodes"),
    ] {
        assert_refused(&args, &[&format!("unexpected argument '{option}' found")]);
    }
}

/// One firewall's own export audits clean against the plan scoped to that firewall, and the
/// scope options are checked as `export` checks them.
#[test]
fn check_takes_the_scope_options_of_export() {
    let seed = seed();
    let plan = example("director-pool-dns-hlb.ron");
    let catalog = crate::support::catalog();
    let internal = lync_port_planner::export::export_plan(
        &plan,
        &catalog,
        Format::Csv,
        &RuleScope::Firewall(Firewall::Internal),
        lync_port_planner::i18n::Lang::En,
    )
    .unwrap()
    .into_text()
    .unwrap();
    let csv = write_temp("internal.csv", internal.as_bytes());
    let csv = csv.to_str().unwrap();
    let scoped = cli(&["check", &seed, "--against", csv, "--firewall", "internal"]);
    let stdout = String::from_utf8_lossy(&scoped.stdout);
    assert_eq!(scoped.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("missing_rule"), "{stdout}");
    // Unscoped, the external firewall's rules are missing from it.
    let whole = cli(&["check", &seed, "--against", csv]);
    assert_eq!(whole.status.code(), Some(1));
    // Scoped to nodes: only rules with an end on the reverse proxy count.
    let nodes = cli(&["check", &seed, "--against", csv, "--nodes", "clients"]);
    let stdout = String::from_utf8_lossy(&nodes.stdout);
    assert!(
        stdout
            .lines()
            .filter(|l| l.contains("missing_rule"))
            .all(|l| l.contains("clients")),
        "{stdout}"
    );
    assert_refused(
        &["check", &seed, "--firewall", "dmz"],
        &["unknown firewall `dmz`"],
    );
    assert_refused(
        &["check", &seed, "--nodes", "nowhere"],
        &["the plan has no node `nowhere`"],
    );
}

/// Every subcommand with an input and `--output` refuses to write over its input, whatever the
/// output is called: the same name, a symlink to it, or a hard link.
#[test]
fn an_output_that_is_the_input_is_refused_by_any_name() {
    let dir = temp_dir();
    let plan = dir.join("plan.ron");
    let original = read(&root().join("saved-plans/director-pool-dns-hlb.ron"));
    std::fs::write(&plan, &original).unwrap();
    let svg = dir.join("x.svg");
    std::fs::write(&svg, &original).unwrap();
    let symlink = dir.join("link.ron");
    std::os::unix::fs::symlink(&plan, &symlink).unwrap();
    let hard = dir.join("hard.ron");
    std::fs::hard_link(&plan, &hard).unwrap();
    let other = dir.join("other.ron");
    std::fs::write(&other, &original).unwrap();
    let p = plan.to_str().unwrap();
    let o = other.to_str().unwrap();
    for output in [p, symlink.to_str().unwrap(), hard.to_str().unwrap()] {
        assert_refused(
            &["export", p, "--format", "csv", "--output", output],
            &["is the input file"],
        );
        assert_refused(&["diff", p, o, "-o", output], &["is the input file"]);
        assert_refused(&["diff", o, p, "--output", output], &["is the input file"]);
    }
    let s = svg.to_str().unwrap();
    assert_refused(&["render", s, "-o", s], &["is the input file"]);
    // The catalog given with --catalog is an input too.
    let catalog = dir.join("catalog.ron");
    let catalog_text = read(&root().join("assets/catalog.ron"));
    std::fs::write(&catalog, &catalog_text).unwrap();
    let c = catalog.to_str().unwrap();
    assert_refused(
        &["export", p, "--format", "csv", "--catalog", c, "-o", c],
        &["is the input file"],
    );
    assert_refused(
        &["gen-plan", "10", "--catalog", c, "-o", c],
        &["is the input file"],
    );
    assert_eq!(read(&catalog), catalog_text);
    assert_eq!(read(&plan), original);
    assert_eq!(read(&svg), original);
    // A different file is written as before.
    let out = cli(&["export", p, "--format", "csv", "--output", o]);
    assert_eq!(out.status.code(), Some(0));
}
