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

/// A copy of the single-Director example, named `name`, in a fresh folder.
fn plan_copy(name: &str) -> std::path::PathBuf {
    let path = temp_dir().join(name);
    std::fs::copy(root().join("saved-plans/single-director.ron"), &path).unwrap();
    path
}

/// Delete the Edge card: an edit to save.
fn delete_edge(h: &mut Harness<'static, PlannerApp>) {
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
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
    let path = plan_copy("plan.ron");
    let before = std::fs::read_to_string(&path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    delete_edge(&mut h);
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
    type_path(&mut h, &path.with_file_name("nothing.ron"));
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
    let path = plan_copy("site.ron");
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
    let csv = std::fs::read_to_string(path.with_file_name("site-rules.csv")).expect("written");
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
    let path = plan_copy("shared.ron");
    let open = || {
        harness(AppOptions {
            plan: Some(path.clone()),
            ..AppOptions::default()
        })
    };
    let (mut a, mut b) = (open(), open());
    delete_edge(&mut b);
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
    delete_edge(&mut a);
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

/// A plan file another program changes while this window has it open.
fn changed_elsewhere(
    name: &str,
    recovery: Option<&std::path::Path>,
) -> (Harness<'static, PlannerApp>, std::path::PathBuf) {
    let path = plan_copy(name);
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        recovery_dir: recovery.map(std::path::Path::to_owned),
        ..AppOptions::default()
    });
    let other = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Single Director", "Saved elsewhere");
    std::fs::write(&path, other).unwrap();
    delete_edge(&mut h);
    (h, path)
}

/// While "the file changed on disk" is open, shortcuts wait: Ctrl+N used to put a new plan in
/// the document's place, and Overwrite then wrote that empty plan over the file.
#[test]
fn shortcuts_wait_while_a_file_question_is_open() {
    let (mut h, path) = changed_elsewhere("shared.ron", None);
    let edited = h.state().plan().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("The file changed on disk").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(
        h.state().prompt.is_none(),
        "no \"Save changes?\" behind the question"
    );
    assert_eq!(h.state().plan(), &edited, "the document stays");
    h.get_by_label("Overwrite").click_accesskit();
    h.run();
    let saved = lync_port_planner::plan_file::load(&path, &crate::support::catalog()).unwrap();
    assert_eq!(
        &saved, &edited,
        "the edited plan was written, not a new one"
    );
}

/// Quit, "Save changes?" Save, the file changed on disk, Overwrite: the window goes on to quit
/// (it stayed open, the quit forgotten).
#[test]
fn quitting_goes_on_after_an_overwrite() {
    let state = temp_dir();
    let (mut h, path) = changed_elsewhere("quit.ron", Some(&state));
    h.state_mut().set_autosave_idle(0.0);
    h.run();
    h.state_mut().push(Command::Quit);
    h.run();
    h.get_by_label("Save").click_accesskit();
    h.run();
    h.get_by_label("Overwrite").click_accesskit();
    h.run();
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("Saved elsewhere")
    );
    let left = std::fs::read_dir(&state).unwrap().filter(|e| {
        e.as_ref()
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "ron")
    });
    assert_eq!(
        left.count(),
        0,
        "quit: the recovery file went with the window"
    );
}

/// Work restored after a crash, its file saved since by another window: Save asks first (the
/// restored plan wrote over that save without a word).
#[test]
fn a_restored_plan_asks_before_saving_over_its_file() {
    let state = temp_dir();
    let path = plan_copy("crashed.ron");
    let options = AppOptions {
        plan: Some(path.clone()),
        recovery_dir: Some(state.clone()),
        ..AppOptions::default()
    };
    let mut a = harness(options.clone());
    a.state_mut().set_autosave_idle(0.0);
    delete_edge(&mut a);
    drop(a); // the crash
    let other = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Single Director", "Saved by B");
    std::fs::write(&path, &other).unwrap();
    let mut h = harness(AppOptions {
        plan: None,
        ..options
    });
    h.get_by_label("Restore").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("The file changed on disk").is_some());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        other,
        "B's save is still there"
    );
}

/// A held Enter (key repeat) does not confirm "Replace it?": only a fresh press or the button.
#[test]
fn a_held_enter_does_not_replace_a_file() {
    let path = plan_copy("plan.ron");
    let before = std::fs::read_to_string(&path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    delete_edge(&mut h);
    h.state_mut().push(Command::SaveAs);
    h.run();
    no_dialog_here(&mut h);
    // Enter goes down and stays down: the window sees a first press, then repeats.
    let enter = |repeat| eframe::egui::Event::Key {
        key: Key::Enter,
        physical_key: None,
        pressed: true,
        repeat,
        modifiers: Modifiers::NONE,
    };
    h.event(enter(false));
    h.run();
    assert!(h.query_by_label_contains("is already there").is_some());
    for _ in 0..3 {
        h.event(enter(true));
        h.run();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "not replaced"
    );
    assert!(h.state().path_prompt.is_some(), "still asking");
}

/// Ctrl+Shift+S is Save As: it saved over the open file (egui matches Ctrl+S on it too).
#[test]
fn ctrl_shift_s_asks_where_and_writes_nothing() {
    let path = plan_copy("plan.ron");
    let before = std::fs::read_to_string(&path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    delete_edge(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(h.state().dialogs.requested, Some(DialogKind::SaveAs));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    assert!(h.state().doc.is_dirty());
}

/// Quit with an untitled plan: "Save changes?" Save asks where, and once saved the window quits
/// (it saved and stayed open). Cancelled, the quit is dropped: a later Save As does not quit.
#[test]
fn quitting_goes_on_after_save_as_and_not_after_a_cancel() {
    let dir = temp_dir();
    for cancel_first in [true, false] {
        let state = temp_dir();
        let mut h = harness(AppOptions {
            recovery_dir: Some(state.clone()),
            ..AppOptions::default()
        });
        h.state_mut().set_autosave_idle(0.0);
        delete_edge(&mut h);
        h.state_mut().push(Command::Quit);
        h.run();
        h.get_by_label("Save").click_accesskit();
        h.run();
        no_dialog_here(&mut h);
        if cancel_first {
            h.get_by_label("Cancel").click_accesskit();
            h.run();
            h.state_mut().push(Command::SaveAs);
            h.run();
            no_dialog_here(&mut h);
        }
        let path = dir.join(format!("{cancel_first}.ron"));
        type_path(&mut h, &path);
        h.get_by_label("OK").click_accesskit();
        h.run();
        assert!(path.exists());
        // A window that quit writes no recovery file for a later edit; one that lives does.
        let name = "after the save".to_owned();
        h.state_mut()
            .push(Command::Edit(lync_port_planner::plan::PlanEdit::SetName {
                name,
            }));
        h.run();
        let recovery = std::fs::read_dir(&state).map_or(0, |d| {
            let ron = |e: &std::fs::DirEntry| e.path().extension().is_some_and(|x| x == "ron");
            d.filter(|e| e.as_ref().is_ok_and(ron)).count()
        });
        assert_eq!(
            recovery,
            usize::from(cancel_first),
            "cancel first: {cancel_first}"
        );
    }
}

/// Two windows saving different plans both reach Open recent (the last window to save wrote
/// its own list over the other's).
#[test]
fn two_windows_keep_each_others_recent_files() {
    let prefs = temp_dir().join("prefs.ron");
    let window = |name: &str| {
        let path = plan_copy(name);
        let h = harness(AppOptions {
            plan: Some(path.clone()),
            prefs_path: Some(prefs.clone()),
            ..AppOptions::default()
        });
        (h, path)
    };
    let (mut a, a_path) = window("a.ron");
    let (mut b, b_path) = window("b.ron");
    for h in [&mut a, &mut b] {
        delete_edge(h);
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
    }
    let text = std::fs::read_to_string(&prefs).unwrap();
    for path in [a_path, b_path] {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(text.contains(&name), "{name} not in {text}");
    }
}
