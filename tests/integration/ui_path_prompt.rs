//! Where no file dialog can open (no desktop portal, no zenity), the window asks for the path
//! itself: before, the status bar said so and an untitled plan could not be saved at all.
//! The host turns a dialog it cannot show into the prompt (`FileDialogs::spawn_requested`);
//! kittest runs no host, so each test hands the request over as the host does.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, DialogKind, PlannerApp};

use crate::support::{root, temp_dir};
use crate::ui::harness;

/// What the host does with a dialog this system cannot show.
fn no_dialog_here(h: &mut Harness<'static, PlannerApp>) -> DialogKind {
    let kind = h
        .state_mut()
        .dialogs
        .requested
        .take()
        .expect("a dialog was asked for");
    h.state_mut().dialogs.no_dialog = Some(kind.clone());
    h.run();
    kind
}

fn type_path(h: &mut Harness<'static, PlannerApp>, path: &std::path::Path) {
    let prompt = h
        .state_mut()
        .path_prompt
        .as_mut()
        .expect("the prompt is open");
    *prompt.text_mut() = path.display().to_string();
    h.run();
}

/// An untitled plan is saved through the prompt with Enter, and opens again as it was.
#[test]
fn an_untitled_plan_is_saved_where_the_user_types() {
    let mut h = harness(AppOptions::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(no_dialog_here(&mut h), DialogKind::SaveAs);
    assert!(h.query_by_label("Save the plan as").is_some());
    let offered = h.state().path_prompt.as_ref().map(|p| format!("{p:?}"));
    assert!(
        offered.is_some_and(|p| p.contains("Director-pool-DNS-and-HLB-load-balanced.ron")),
        "offers the plan's name as the file name"
    );
    let dir = temp_dir();
    let path = dir.join("handed-over.ron");
    type_path(&mut h, &path);
    // The field has the keyboard from the start: Enter takes the path.
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().path_prompt.is_none(), "the prompt closed");
    assert!(!h.state().doc.is_dirty(), "saved");
    assert_eq!(h.state().doc.path(), Some(&path));
    let catalog = crate::support::catalog();
    let saved = lync_port_planner::plan_file::load(&path, &catalog).unwrap();
    assert_eq!(&saved, h.state().plan());
}

/// A file that is there is replaced only after a second OK; a file to open must be there.
#[test]
fn replacing_asks_first_and_opening_needs_a_file() {
    let dir = temp_dir();
    let path = dir.join("plan.ron");
    std::fs::copy(root().join("saved-plans/single-director.ron"), &path).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.state_mut().push(Command::SaveAs);
    h.run();
    no_dialog_here(&mut h);
    // The plan's own file is offered.
    h.get_by_label("OK").click_accesskit();
    h.run();
    assert!(h.query_by_label_contains("is already there").is_some());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "not yet");
    h.get_by_label("Replace").click_accesskit();
    h.run();
    assert!(h.state().path_prompt.is_none());
    assert_ne!(std::fs::read_to_string(&path).unwrap(), before, "replaced");
    assert!(!h.state().doc.is_dirty());

    h.state_mut().push(Command::Open);
    h.run();
    assert_eq!(no_dialog_here(&mut h), DialogKind::Open);
    type_path(&mut h, &dir.join("nothing.ron"));
    h.get_by_label("OK").click_accesskit();
    h.run();
    assert!(h.query_by_label_contains("There is no file").is_some());
    assert!(
        h.state().path_prompt.is_some(),
        "stays open to correct the path"
    );
    h.get_by_label("Cancel").click_accesskit();
    h.run();
    assert!(h.state().path_prompt.is_none());
    assert_eq!(h.state().doc.path(), Some(&path), "the plan stays open");
}

/// An export goes through the prompt too, under a name made from the plan's file.
#[test]
fn an_export_is_written_where_the_prompt_says() {
    let dir = temp_dir();
    let path = dir.join("site.ron");
    std::fs::copy(root().join("saved-plans/single-director.ron"), &path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("CSV...").click();
    h.run();
    no_dialog_here(&mut h);
    assert!(h.query_by_label("Export: CSV").is_some());
    h.get_by_label("OK").click_accesskit();
    h.run();
    let csv = std::fs::read_to_string(dir.join("site-rules.csv")).expect("written");
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(
        csv.starts_with("id,firewall,"),
        "{}",
        &csv[..40.min(csv.len())]
    );
}

/// Escape closes the prompt, writes nothing and keeps the selection.
#[test]
fn escape_closes_the_prompt() {
    let mut h = harness(AppOptions::default());
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.state_mut().push(Command::SaveAs);
    h.run();
    no_dialog_here(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().path_prompt.is_none());
    assert!(h.state().doc.path().is_none());
    assert!(!h.state().selection.nodes.is_empty(), "the selection stays");
}

/// Two windows on one plan: the second save asks before it overwrites what the other window
/// saved (it silently wiped it); Cancel writes nothing, Overwrite writes this window's plan.
#[test]
fn a_save_over_a_file_changed_on_disk_asks_first() {
    let dir = temp_dir();
    let path = dir.join("shared.ron");
    std::fs::copy(root().join("saved-plans/single-director.ron"), &path).unwrap();
    let open = || {
        harness(AppOptions {
            plan: Some(path.clone()),
            ..AppOptions::default()
        })
    };
    let (mut a, mut b) = (open(), open());
    b.get_by_label("Edge Server, Edge pool").click_accesskit();
    b.run();
    b.key_press(Key::Delete);
    b.run();
    b.key_press_modifiers(Modifiers::COMMAND, Key::S);
    b.run();
    assert!(!b.state().doc.is_dirty(), "the first window saved");
    let saved_by_b = std::fs::read_to_string(&path).unwrap();

    a.get_by_label("Director, Director pool").click_accesskit();
    a.run();
    a.key_press(Key::Delete);
    a.run();
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    assert!(a.query_by_label("The file changed on disk").is_some());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved_by_b);
    a.get_by_label("Cancel").click_accesskit();
    a.run();
    assert!(a.state().doc.is_dirty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved_by_b);

    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    a.get_by_label("Overwrite").click_accesskit();
    a.run();
    assert!(!a.state().doc.is_dirty());
    assert_ne!(std::fs::read_to_string(&path).unwrap(), saved_by_b);
    // Its own save is no change on disk: the next save asks nothing.
    a.get_by_label("Edge Server, Edge pool").click_accesskit();
    a.run();
    a.key_press(Key::Delete);
    a.run();
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    assert!(a.query_by_label("The file changed on disk").is_none());
    assert!(!a.state().doc.is_dirty());
}

/// A plan named by a relative path is kept by its full path: a recovery file or a later save
/// started from another folder must reach the same file.
#[test]
fn a_relative_path_is_kept_from_the_root() {
    let h = harness(AppOptions {
        plan: Some("saved-plans/single-director.ron".into()),
        ..AppOptions::default()
    });
    let path = h.state().doc.path().cloned().unwrap();
    assert!(path.is_absolute(), "{}", path.display());
    assert_eq!(path, root().join("saved-plans/single-director.ron"));
}
