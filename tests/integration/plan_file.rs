//! Plan files: byte-identical round trips, versions, errors that point at the problem, atomic save.

use lync_port_planner::plan_file::{self, PlanFileError};

use crate::support::{catalog, example_paths, read, temp_dir, write_temp};

#[test]
fn every_example_round_trips_byte_identically() {
    for path in example_paths() {
        let text = read(&path);
        let plan = plan_file::from_ron(&text, "x", &catalog()).unwrap();
        assert_eq!(
            plan_file::to_ron(&plan).unwrap(),
            text,
            "{}",
            path.display()
        );
    }
}

#[test]
fn save_then_load_gives_the_same_plan() {
    let plan = crate::support::example("scaled-edge-hlb.ron");
    let path = temp_dir().join("copy.ron");
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(plan_file::load(&path, &catalog()).unwrap(), plan);
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn failed_save_keeps_the_old_file() {
    let dir = temp_dir();
    let path = dir.join("plan.ron");
    std::fs::write(&path, "old").unwrap();
    // The target is a folder's child that cannot be created: the parent is a file.
    let bad = path.join("nested.ron");
    let err = plan_file::save(&bad, &crate::support::example("single-director.ron")).unwrap_err();
    assert!(err.to_string().starts_with("cannot write file: "), "{err}");
    assert_eq!(read(&path), "old");
}

fn load_text(text: &str) -> PlanFileError {
    plan_file::load(&write_temp("plan.ron", text.as_bytes()), &catalog())
        .expect_err("must be refused")
}

#[test]
fn newer_format_version_is_refused_with_a_message() {
    let err = load_text("Plan(\n    format_version: 99,\n    name: \"x\",\n)\n").to_string();
    assert!(err.ends_with("plan.ron:2:5: plan format version 99 is newer than this build reads (up to 3); update Lync Port Planner"), "{err}");
}

#[test]
fn syntax_error_names_line_and_column() {
    let err = load_text("Plan(\n    format_version: 2,\n    name: \"x\"\n    nodes: {},\n)\n");
    let PlanFileError::Parse { line, col, .. } = err else {
        panic!("parse error expected: {err}")
    };
    assert_eq!((line, col), (4, 5));
}

#[test]
fn unknown_role_names_its_position() {
    let text = read(&crate::support::root().join("saved-plans/single-director.ron")).replacen(
        "\"director\"",
        "\"directorr\"",
        1,
    );
    let err = load_text(&text).to_string();
    assert!(err.contains("has unknown role `directorr`"), "{err}");
    let line = text[..text.find("\"directorr\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(err.contains(&format!("plan.ron:{line}:")), "{err}");
}

#[test]
fn links_to_missing_nodes_and_self_links_are_refused() {
    let base = read(&crate::support::root().join("saved-plans/single-director.ron"));
    let dangling = base.replacen(
        "a: \"clients\",\n            b: \"dir\"",
        "a: \"clients\",\n            b: \"ghost\"",
        1,
    );
    assert_ne!(dangling, base);
    assert!(
        load_text(&dangling)
            .to_string()
            .contains("names node `ghost`, which does not exist")
    );
    let selfish = base.replacen(
        "a: \"clients\",\n            b: \"dir\"",
        "a: \"dir\",\n            b: \"dir\"",
        1,
    );
    assert!(
        load_text(&selfish)
            .to_string()
            .contains("connects a node to itself")
    );
}

#[test]
fn invalid_address_is_refused_with_its_position() {
    let text = read(&crate::support::root().join("saved-plans/single-director.ron")).replacen(
        "10.20.20.11",
        "10.20.20.311",
        1,
    );
    let err = load_text(&text).to_string();
    assert!(err.contains("`10.20.20.311` is not an IP address"), "{err}");
}

#[test]
fn upgrade_keeps_a_backup_and_rewrites_canonically() {
    let original = read(&crate::support::root().join("saved-plans/single-director.ron"));
    let messy = original.replace("    ", "  ");
    let path = write_temp("plan.ron", messy.as_bytes());
    let plan_file::Upgraded::Rewritten { backup, .. } =
        plan_file::upgrade(&path, &catalog()).unwrap()
    else {
        panic!("a messy file is rewritten");
    };
    assert_eq!(read(&backup), messy);
    assert_eq!(read(&path), original);
}

#[test]
fn the_product_is_saved_only_when_not_the_default() {
    let mut plan = crate::support::example("single-director.ron");
    assert!(!plan_file::to_ron(&plan).unwrap().contains("product"));
    plan.product = lync_port_planner::topology::Product::Sfb2019;
    let text = plan_file::to_ron(&plan).unwrap();
    assert!(text.contains("product: sfb_2019"));
    assert_eq!(
        plan_file::from_ron(&text, "x", &catalog()).unwrap().product,
        plan.product
    );
}

/// The benchmark plans are real plans: whole sites, loadable, no errors or warnings, every
/// address distinct, the same text for the same size.
#[test]
fn generated_plans_are_clean_and_deterministic() {
    use lync_port_planner::{findings, generate, rules};
    let catalog = crate::support::catalog();
    let plan = generate::large_plan(500, &catalog).unwrap();
    assert_eq!(plan.nodes.len(), 504, "56 whole sites of 9 nodes");
    let text = plan_file::to_ron(&plan).unwrap();
    assert_eq!(
        text,
        plan_file::to_ron(&generate::large_plan(500, &catalog).unwrap()).unwrap()
    );
    assert_eq!(
        plan_file::from_ron(&text, "gen.ron", &catalog).unwrap(),
        plan
    );
    let rules = rules::derive(&plan, &catalog);
    // The full-site template's NAT'd Edge has no public addresses (as the example): DNS cannot
    // publish its names, and says so; nothing else.
    let loud: Vec<_> = findings::check(&plan, &catalog, &rules)
        .into_iter()
        .filter(|f| f.severity != findings::Severity::Info)
        .filter(|f| {
            !(f.kind == findings::FindingKind::DnsMismatch
                && f.message.en.contains("cannot be published in DNS"))
        })
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
    let mut seen = std::collections::BTreeSet::new();
    for node in plan.nodes.values() {
        for m in &node.members {
            for a in m.addresses.values() {
                assert!(seen.insert(a.addr), "address {a} used twice");
            }
        }
    }
    assert!(
        generate::large_plan(1_000_000, &catalog).is_err(),
        "too large is an error"
    );
}

/// A rewrite of the same size that keeps the file's time (as `cp -p` or a restore does) still
/// counts as a change: the stamp is of the bytes, not the size and time.
#[test]
fn a_same_size_rewrite_with_the_old_time_changes_the_stamp() {
    use lync_port_planner::plan_file::Stamp;
    let path = crate::support::temp_dir().join("plan.ron");
    std::fs::write(&path, "Plan(name: \"A\")").unwrap();
    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
    let before = Stamp::of(&path).unwrap();
    std::fs::write(&path, "Plan(name: \"B\")").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(time)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), time);
    assert_ne!(Stamp::of(&path), Some(before));
    // A touched file with the same bytes is no change.
    std::fs::write(&path, "Plan(name: \"A\")").unwrap();
    assert_eq!(Stamp::of(&path), Some(before));
}

/// A pipe is not read for a stamp (reading it again would block the window's save).
#[test]
fn a_pipe_has_no_stamp() {
    use lync_port_planner::plan_file::Stamp;
    let fifo = crate::support::temp_dir().join("plan.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    assert_eq!(Stamp::of(&fifo), None, "returned at once, unread");
}
