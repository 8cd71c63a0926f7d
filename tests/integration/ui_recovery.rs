//! The window's files: recovery with two windows, quitting, damaged files, failed autosaves, a
//! plan the window cannot open, Save through a link. The real app driven headlessly with egui_kittest.

use std::path::{Path, PathBuf};

use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::plan::{NodeId, PlanEdit};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, PlannerApp};

use crate::support::temp_dir;
use crate::ui::harness;

fn window(state: &Path) -> Harness<'static, PlannerApp> {
    let mut h = harness(AppOptions {
        recovery_dir: Some(state.to_owned()),
        ..AppOptions::default()
    });
    h.state_mut().set_autosave_idle(0.0);
    h
}

/// Delete the node whose card's name starts so (an edit the autosave writes).
fn delete(h: &mut Harness<'static, PlannerApp>, label: &str) {
    h.get_by_label_contains(label).click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
}

/// The recovery files (`*.ron`) in the folder, sorted.
fn recovery_files(state: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(state)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    files.sort();
    files
}

/// Whether another process can take the lock (`flock -n`), i.e. no live window holds it.
fn free_for_another_process(lock: &Path) -> bool {
    std::process::Command::new("flock")
        .args(["-n", "-E", "7"])
        .arg(lock)
        .arg("true")
        .status()
        .unwrap()
        .success()
}

#[test]
fn two_windows_keep_their_own_recovery_and_only_a_dead_ones_is_offered() {
    let state = temp_dir();
    let mut a = window(&state);
    delete(&mut a, "Edge Server, ");
    let a_files = recovery_files(&state);
    assert_eq!(a_files.len(), 1, "A autosaved");
    let a_text = std::fs::read_to_string(&a_files[0]).unwrap();
    let a_lock = a_files[0].with_extension("lock");
    if crate::support::require_tool("flock") {
        assert!(
            !free_for_another_process(&a_lock),
            "A's lock is an OS lock another process sees"
        );
    }

    // B starts while A lives: A's work is not offered; B's own edits go to B's own file.
    let mut b = window(&state);
    assert!(
        b.state().recovery_offer.is_none(),
        "A is alive: {a_files:?}"
    );
    delete(&mut b, "Reverse proxy, ");
    assert_eq!(recovery_files(&state).len(), 2, "one file per window");
    assert_eq!(std::fs::read_to_string(&a_files[0]).unwrap(), a_text);

    // B's New (after "Don't save") and its quit touch only B's file.
    b.state_mut().push(Command::NewPlan);
    b.run();
    b.get_by_label("Don't save").click();
    b.run();
    b.state_mut().push(Command::Quit);
    b.run();
    assert_eq!(recovery_files(&state), a_files, "only A's file is left");
    assert_eq!(std::fs::read_to_string(&a_files[0]).unwrap(), a_text);
    drop(b);

    // A dies (no clean exit): the next window offers exactly A's work.
    drop(a);
    if crate::support::require_tool("flock") {
        assert!(
            free_for_another_process(&a_lock),
            "a dead window's lock is free"
        );
    }
    let mut c = window(&state);
    let offer = c
        .state()
        .recovery_offer
        .clone()
        .expect("A's work is offered");
    assert!(!offer.plan.nodes.contains_key(&NodeId::from("edge")));
    // While C asks, a fourth window does not offer the same work.
    let d = window(&state);
    assert!(d.state().recovery_offer.is_none());
    drop(d);
    c.get_by_label("Discard").click();
    c.run();
    assert!(recovery_files(&state).is_empty(), "discarded");
    drop(c);
    assert!(window(&state).state().recovery_offer.is_none());
}

#[test]
fn quit_with_dont_save_leaves_nothing_to_recover() {
    let state = temp_dir();
    let mut a = window(&state);
    delete(&mut a, "Edge Server, ");
    assert_eq!(recovery_files(&state).len(), 1);
    a.state_mut().push(Command::Quit);
    a.run();
    a.get_by_label("Don't save").click();
    a.run();
    a.run();
    assert!(
        recovery_files(&state).is_empty(),
        "{:?}",
        recovery_files(&state)
    );
    drop(a);
    assert!(window(&state).state().recovery_offer.is_none());
}

#[test]
fn a_damaged_recovery_file_is_kept_aside_and_reported() {
    let state = temp_dir();
    std::fs::write(state.join("recovery.ron"), "Recovery(plan: oops").unwrap();
    let h = window(&state);
    let status = &h.state().status;
    assert!(
        status.is_error && status.text.contains("recovery.ron.corrupt"),
        "{status:?}"
    );
    assert_eq!(
        std::fs::read_to_string(state.join("recovery.ron.corrupt")).unwrap(),
        "Recovery(plan: oops"
    );
}

/// A recovery folder that cannot be made: the failure shows in the frame it happens in (not at
/// the next input), and the autosave tries again once the folder can be made.
#[test]
fn a_failed_autosave_shows_at_once_and_is_retried() {
    let base = temp_dir();
    let blocker = base.join("state");
    std::fs::write(&blocker, "a file where the folder should be").unwrap();
    let state = blocker.join("recovery");
    let mut h = harness(AppOptions {
        recovery_dir: Some(state.clone()),
        ..AppOptions::default()
    });
    h.input_mut().time = Some(1.0);
    h.run();
    let id = NodeId::from("clients");
    let mut node = lync_port_planner::plan::Node::clone(&h.state().plan().nodes[&id]);
    node.label = "Renamed clients".to_owned();
    h.state_mut()
        .push(Command::Edit(PlanEdit::SetNode { id, node }));
    h.input_mut().time = Some(2.0);
    h.run();
    assert!(h.query_by_label_contains("autosave failed").is_none());
    // No input: the window wakes for the due autosave, which fails.
    h.input_mut().time = Some(6.0);
    h.run();
    assert!(
        h.query_by_label_contains("autosave failed").is_some(),
        "the status bar shows it: {:?}",
        h.state().status
    );
    std::fs::remove_file(&blocker).unwrap();
    h.input_mut().time = Some(12.0);
    h.run();
    assert_eq!(recovery_files(&state).len(), 1, "written on a retry");
}

/// `lync-port-planner newer.ron --screenshot ...`: the window opens (empty, untitled) and says why.
#[test]
fn a_plan_of_a_newer_format_opens_the_window_and_says_why() {
    let path = temp_dir().join("newer.ron");
    let text =
        std::fs::read_to_string(crate::support::root().join("saved-plans/single-director.ron"))
            .unwrap()
            .replace("format_version: 3,", "format_version: 99,");
    std::fs::write(&path, text).unwrap();
    let args: Vec<std::ffi::OsString> = vec![
        path.clone().into(),
        "--screenshot".into(),
        temp_dir().join("out.png").into(),
        "--lang".into(),
        "en".into(),
    ];
    let app = lync_port_planner::ui::startup(&args).expect("the window opens");
    let mut h = Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h.get_by_label("Cannot open the plan");
    // In the dialog and in the status bar.
    assert!(
        h.query_all_by_label_contains("plan format version 99 is newer than this build reads")
            .count()
            >= 1
    );
    assert!(h.state().plan().nodes.is_empty());
    assert!(h.state().doc.path().is_none(), "a save cannot overwrite it");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label("Cannot open the plan").is_none());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("format_version: 99")
    );
}

/// The window's Save writes through a symbolic link to the shared plan and keeps its mode.
#[test]
fn saving_in_the_window_writes_through_a_link_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir();
    let target = dir.join("shared.ron");
    std::fs::copy(
        crate::support::root().join("saved-plans/director-pool-dns-hlb.ron"),
        &target,
    )
    .unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.join("plan.ron");
    std::os::unix::fs::symlink("shared.ron", &link).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(link.clone()),
        ..AppOptions::default()
    });
    delete(&mut h, "Edge Server, ");
    h.state_mut().push(Command::Save);
    h.run();
    assert!(!h.state().doc.is_dirty(), "{:?}", h.state().status);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!crate::support::read(&target).contains("\"edge\""));
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

/// A covered or hidden window draws no frames, but eframe still runs `App::logic`: the autosave
/// is written there, not when the window is shown again (a covered window kept its edit out of
/// the recovery file until it was raised).
#[test]
fn a_window_that_draws_no_frames_still_autosaves() {
    let state = temp_dir();
    let mut h = harness(AppOptions {
        recovery_dir: Some(state.clone()),
        ..AppOptions::default()
    });
    // The frames' clock stands still (as a window's does while it draws nothing).
    h.input_mut().time = Some(1.0);
    h.state_mut().set_autosave_idle(0.5);
    delete(&mut h, "Edge Server, ");
    assert!(recovery_files(&state).is_empty(), "not yet idle");
    std::thread::sleep(std::time::Duration::from_millis(600));
    let ctx = h.ctx.clone();
    eframe::App::logic(h.state_mut(), &ctx, &mut eframe::Frame::_new_kittest());
    assert_eq!(recovery_files(&state).len(), 1, "written without a frame");
}

/// A crash's work offered and a plan that does not open, at one start: one question at a time
/// (the load error was drawn over the recovery offer).
#[test]
fn the_recovery_offer_comes_before_a_load_error() {
    let state = temp_dir();
    let mut a = window(&state);
    delete(&mut a, "Edge Server, ");
    drop(a); // the crash
    let broken = temp_dir().join("broken.ron");
    std::fs::write(&broken, "Plan(oops").unwrap();
    let mut h = harness(AppOptions {
        plan: Some(broken),
        recovery_dir: Some(state.clone()),
        ..AppOptions::default()
    });
    assert!(h.query_by_label("Recover unsaved work?").is_some());
    assert!(
        h.query_by_label("Cannot open the plan").is_none(),
        "one at a time"
    );
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.query_by_label("Cannot open the plan").is_some());
}
