//! Port-test results in the window: File > Load port-test results colours each link by its
//! rules' results (failed, passed, untested) with a legend line, joins the failures to the
//! findings, and File > Clear port-test results takes it all away.

use egui_kittest::kittest::Queryable as _;
use lync_port_planner::porttest::COLUMNS;
use lync_port_planner::porttest::results::Status;
use lync_port_planner::ui::command::Command;

use crate::support::write_temp;

#[test]
fn loaded_results_colour_the_links_and_join_the_findings() {
    let mut h = crate::ui::harness(lync_port_planner::ui::AppOptions::default());
    h.run();
    h.get_by_label("File").click();
    h.run();
    assert!(h.query_by_label("Load port-test results...").is_some());
    let (rules, _) = crate::support::derive(h.state().plan());
    let links: Vec<_> = (rules.rules.iter().filter_map(|r| r.link()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let (failed, passed) = (links[0], links[1]);
    let on = |link| rules.rules.iter().filter(move |r| r.link() == Some(link));
    let mut csv = COLUMNS.join(",") + "\n";
    let first = on(failed).next().unwrap();
    csv += &format!("{},a,b,h,10.0.0.1,tcp,1,timeout,no answer,t\n", first.id);
    for r in on(passed) {
        csv += &format!("{},a,b,h,10.0.0.1,tcp,1,open,connected,t\n", r.id);
    }
    let path = write_temp("results.csv", csv.as_bytes());
    h.state_mut().push(Command::PortTestsPath(path));
    h.run();
    let tests = h.state().port_tests.as_ref().unwrap();
    let key = |(a, b): (
        &lync_port_planner::plan::NodeId,
        &lync_port_planner::plan::NodeId,
    )| { (a.clone(), b.clone()) };
    assert_eq!(tests.links[&key(failed)], Status::Failed);
    assert_eq!(tests.links[&key(passed)], Status::Passed);
    assert_eq!(tests.links[&key(links[2])], Status::Untested);
    let found: Vec<_> = (h.state().findings().iter())
        .filter(|f| f.kind.as_str() == "port_test_failed")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].subject.to_string(), format!("rule:{}", first.id));
    assert!(h.query_by_label("Port tests:").is_some());
    assert!(h.query_by_label_contains("untested").is_some());
    assert!(h.query_by_label_contains("1 rule(s) failed").is_some());
    h.state_mut().push(Command::ClearPortTests);
    h.run();
    assert!(h.state().port_tests.is_none());
    assert!(h.query_by_label("Port tests:").is_none());
    assert!((h.state().findings().iter()).all(|f| f.kind.as_str() != "port_test_failed"));
}

/// A bad file is one line in the status bar and changes nothing.
#[test]
fn a_bad_results_file_changes_nothing() {
    let mut h = crate::ui::harness(lync_port_planner::ui::AppOptions::default());
    h.run();
    let path = write_temp("bad.csv", b"a,b\n1,2\n");
    h.state_mut().push(Command::PortTestsPath(path));
    h.run();
    assert!(h.state().port_tests.is_none());
    assert!(h.query_by_label_contains("no `rule_id` column").is_some());
}

/// Export > Port-test kit writes into the chosen folder what `export --format port-test`
/// writes.
#[test]
fn the_export_menus_kit_is_the_clis() {
    use lync_port_planner::rules::RuleScope;
    use lync_port_planner::ui::export_menu::{ExportKind, ExportRequest};
    let mut h = crate::ui::harness(lync_port_planner::ui::AppOptions::default());
    h.run();
    let plan = lync_port_planner::plan_file::to_ron(h.state().plan()).unwrap();
    let plan = write_temp("seed.ron", plan.as_bytes());
    let (gui, cli) = (crate::support::temp_dir(), crate::support::temp_dir());
    h.state_mut().push(Command::ExportTo {
        request: ExportRequest {
            kind: ExportKind::PortTest,
            scope: RuleScope::All,
            to_clipboard: false,
        },
        path: gui.clone(),
    });
    h.run();
    let out = crate::support::cli(&[
        "export",
        plan.to_str().unwrap(),
        "--format",
        "port-test",
        "--output",
        cli.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let files = |dir: &std::path::Path| {
        let mut names: Vec<_> = (std::fs::read_dir(dir).unwrap())
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        (names.iter())
            .map(|n| (n.clone(), std::fs::read(dir.join(n)).unwrap()))
            .collect::<Vec<_>>()
    };
    let made = files(&gui);
    assert!(made.len() > 5, "{:?}", made.len());
    assert_eq!(made, files(&cli));
}

/// Results loaded first, then an audit: the findings shown are the audit's and the results'
/// together, and clearing the audit takes only its findings away (the merged list follows the
/// audit even when the plan does not change).
#[test]
fn an_audit_loaded_after_the_results_joins_the_findings() {
    use lync_port_planner::findings::FindingKind;
    let mut h = crate::ui::harness(lync_port_planner::ui::AppOptions::default());
    h.run();
    let (rules, _) = crate::support::derive(h.state().plan());
    let first = &rules.rules[0];
    let mut csv = COLUMNS.join(",") + "\n";
    csv += &format!("{},a,b,h,10.0.0.1,tcp,1,timeout,no answer,t\n", first.id);
    h.state_mut().push(Command::PortTestsPath(write_temp(
        "results.csv",
        csv.as_bytes(),
    )));
    h.run();
    let count = |h: &egui_kittest::Harness<'_, lync_port_planner::ui::PlannerApp>, kind| {
        (h.state().findings().iter())
            .filter(|f| f.kind == kind)
            .count()
    };
    assert_eq!(count(&h, FindingKind::PortTestFailed), 1);
    assert_eq!(count(&h, FindingKind::MissingRule), 0);
    // The existing firewall lacks the plan's first rule.
    let csv = crate::support::export(
        &crate::support::example("director-pool-dns-hlb.ron"),
        lync_port_planner::export::Format::Csv,
    );
    let without: String = (csv.split_inclusive("\r\n").enumerate())
        .filter(|(i, _)| *i != 2)
        .map(|(_, l)| l)
        .collect();
    h.state_mut().push(Command::AuditPath(write_temp(
        "existing.csv",
        without.as_bytes(),
    )));
    h.run();
    assert_eq!(count(&h, FindingKind::MissingRule), 1);
    assert_eq!(count(&h, FindingKind::PortTestFailed), 1);
    h.state_mut().push(Command::ClearAudit);
    h.run();
    assert_eq!(count(&h, FindingKind::MissingRule), 0);
    assert_eq!(count(&h, FindingKind::PortTestFailed), 1);
}
