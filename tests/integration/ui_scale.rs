//! The window with plans of hundreds of nodes (zoomed out, culled, labels cached) and at rest
//! (no repaint when nothing happens).

use std::time::Duration;

use eframe::egui::{Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::plan::{NodeId, PlanEdit};
use lync_port_planner::ui::canvas::{DETAIL_ZOOM, Gesture};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, PlannerApp};
use lync_port_planner::{generate, plan_file};

use crate::support::{catalog, temp_dir};
use crate::ui::{click_at, drag, harness};

/// The app with a generated plan of `nodes` nodes opened from a file.
fn large(nodes: usize) -> Harness<'static, PlannerApp> {
    let plan = generate::large_plan(nodes, &catalog()).unwrap();
    let path = temp_dir().join("large.ron");
    plan_file::save(&path, &plan).unwrap();
    harness(AppOptions {
        plan: Some(path),
        ..AppOptions::default()
    })
}

/// The first node whose card centre is inside the canvas, with that centre on screen.
fn visible_node(h: &Harness<'_, PlannerApp>) -> (NodeId, Pos2) {
    let canvas = &h.state().canvas;
    let inside = canvas.screen_rect.shrink(30.0);
    h.state()
        .plan()
        .nodes
        .iter()
        .map(|(id, n)| (id.clone(), canvas.to_screen_pos(n.position)))
        .find(|(_, p)| inside.contains(*p))
        .expect("a card in view")
}

/// Node widgets in the accessibility tree: one per card that takes input this frame.
fn card_widgets(h: &Harness<'_, PlannerApp>) -> usize {
    h.state()
        .plan()
        .nodes
        .values()
        .filter(|n| {
            h.query_all_by_label_contains(&format!("{}, ", n.label))
                .next()
                .is_some()
        })
        .count()
}

#[test]
fn a_large_plan_opens_zoomed_out_and_its_tiny_cards_still_click_and_drag() {
    let mut h = large(500);
    let scaling = h.state().canvas.to_screen.scaling;
    assert!(scaling < DETAIL_ZOOM, "opens zoomed out to fit: {scaling}");
    // Zoomed out, cards are boxes without widgets, except one under the pointer.
    assert!(card_widgets(&h) <= 1, "{} card widgets", card_widgets(&h));

    let (id, at) = visible_node(&h);
    click_at(&mut h, at);
    assert_eq!(
        h.state().selection.nodes.iter().collect::<Vec<_>>(),
        [&id],
        "a click on a tiny card selects it"
    );

    let before = h.state().plan().nodes[&id].position;
    let edits = h.state().doc.state();
    drag(&mut h, at, at + Vec2::new(60.0, 0.0));
    let after = h.state().plan().nodes[&id].position;
    let moved = (after.x - before.x) * scaling;
    assert!(
        (moved - 60.0).abs() < 25.0,
        "moved {moved} screen points for a 60-point drag"
    );
    assert_ne!(h.state().doc.state(), edits, "the move is an edit");
    assert_eq!(h.state().canvas.gesture, Gesture::Idle);
}

#[test]
fn zoomed_in_only_cards_in_view_are_widgets_and_a_card_dropped_outside_the_canvas_lands() {
    let mut h = large(500);
    let (id, _) = visible_node(&h);
    let centre = h.state().plan().nodes[&id].position;
    // 100% zoom on that card.
    let size = h.state().canvas.screen_rect.size();
    h.state_mut().canvas.scene_rect = Rect::from_center_size(Pos2::new(centre.x, centre.y), size);
    h.run();
    assert!((h.state().canvas.to_screen.scaling - 1.0).abs() < 0.01);
    let widgets = card_widgets(&h);
    let total = h.state().plan().nodes.len();
    assert!(
        widgets >= 1 && widgets < total / 10,
        "{widgets} of {total} cards are widgets"
    );

    // Dropping a card onto the palette, outside the canvas, still ends the move.
    let from = h.state().canvas.to_screen_pos(centre);
    let palette = Pos2::new(20.0, from.y);
    drag(&mut h, from, palette);
    assert_eq!(h.state().canvas.gesture, Gesture::Idle, "the drag ended");
    let after = h.state().plan().nodes[&id].position;
    assert!(
        after.x < centre.x - 100.0,
        "the card moved left: {centre:?} -> {after:?}"
    );
}

/// Off-screen cards are skipped, but not the one a link is being drawn from: panning it out of
/// view mid-gesture must not leave the gesture stuck.
#[test]
fn a_link_drawn_from_a_card_panned_out_of_view_still_ends() {
    let mut h = crate::ui::harness(AppOptions::default());
    let id = NodeId::from("clients");
    let card = h.state().plan().nodes[&id].position;
    let links = h.state().plan().links.len();
    // The handle sits on the card's right edge.
    let handle = h
        .state()
        .canvas
        .to_screen_pos(lync_port_planner::plan::CanvasPoint {
            x: card.x + lync_port_planner::plan::layout::CARD_WIDTH / 2.0,
            y: card.y,
        });
    h.event(eframe::egui::Event::PointerMoved(handle));
    h.step();
    crate::ui::button(&h, handle, true);
    h.step();
    for i in 1..=4 {
        h.event(eframe::egui::Event::PointerMoved(
            handle + Vec2::new(0.0, 30.0 * i as f32),
        ));
        h.step();
    }
    assert!(matches!(h.state().canvas.gesture, Gesture::Link { .. }));
    // Pan far away (as the keyboard or a wheel would), then let go over empty canvas.
    let far = h
        .state()
        .canvas
        .scene_rect
        .translate(Vec2::new(20_000.0, 0.0));
    h.state_mut().canvas.scene_rect = far;
    h.step();
    let release = handle + Vec2::new(0.0, 150.0);
    crate::ui::button(&h, release, false);
    h.run();
    assert_eq!(
        h.state().canvas.gesture,
        Gesture::Idle,
        "the link gesture ended"
    );
    assert_eq!(
        h.state().plan().links.len(),
        links,
        "dropped on nothing: no link"
    );
}

/// While a card is dragged only its own links' labels move; releasing places every label
/// again exactly as a fresh window would.
#[test]
fn dragging_moves_only_the_dragged_cards_labels_and_release_matches_a_fresh_layout() {
    let mut h = crate::ui::harness(AppOptions::default());
    let id = NodeId::from("clients");
    let centre = h.state().plan().nodes[&id].position;
    let before = h.state().link_shapes.shapes.clone();
    let from = h.state().canvas.to_screen_pos(centre);
    h.event(eframe::egui::Event::PointerMoved(from));
    h.step();
    crate::ui::button(&h, from, true);
    h.step();
    for i in 1..=5 {
        h.event(eframe::egui::Event::PointerMoved(
            from + Vec2::new(-40.0 * i as f32, 0.0),
        ));
        h.step();
    }
    let during = h.state().link_shapes.shapes.clone();
    assert_eq!(before.len(), during.len());
    let mut moved = 0;
    for (b, d) in before.iter().zip(&during) {
        if b.key.0 == id || b.key.1 == id {
            moved += usize::from(b.label != d.label);
        } else {
            assert_eq!(b.label, d.label, "{:?} held still", b.key);
        }
    }
    assert!(moved > 0, "the dragged card's labels follow it");
    crate::ui::button(&h, from + Vec2::new(-200.0, 0.0), false);
    h.run();

    let saved = temp_dir().join("moved.ron");
    plan_file::save(&saved, h.state().plan()).unwrap();
    let fresh = harness(AppOptions {
        plan: Some(saved),
        ..AppOptions::default()
    });
    let placed = |h: &Harness<'_, PlannerApp>| {
        h.state()
            .link_shapes
            .shapes
            .iter()
            .map(|s| (s.key.clone(), s.label))
            .collect::<Vec<_>>()
    };
    assert_eq!(placed(&h), placed(&fresh));
}

fn repaint_delay(h: &Harness<'_, PlannerApp>) -> Duration {
    h.output().viewport_output[&eframe::egui::ViewportId::ROOT].repaint_delay
}

#[test]
fn an_idle_window_asks_for_no_repaint_and_wakes_only_for_a_due_autosave() {
    let dir = temp_dir();
    let mut h = harness(AppOptions {
        recovery_dir: Some(dir.clone()),
        ..AppOptions::default()
    });
    h.input_mut().time = Some(1.0);
    h.run();
    assert_eq!(
        repaint_delay(&h),
        Duration::MAX,
        "nothing happens, nothing drawn"
    );

    let id = NodeId::from("clients");
    let mut node = lync_port_planner::plan::Node::clone(&h.state().plan().nodes[&id]);
    node.label = "Renamed clients".to_owned();
    h.state_mut()
        .push(Command::Edit(PlanEdit::SetNode { id, node }));
    h.input_mut().time = Some(2.0);
    h.run();
    let wait = repaint_delay(&h);
    assert!(
        wait > Duration::from_secs(1) && wait < Duration::from_secs(5),
        "an unsaved edit wakes the window for the autosave: {wait:?}"
    );

    h.input_mut().time = Some(6.0);
    h.step();
    assert!(
        std::fs::read_dir(&dir).unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "ron")),
        "the autosave was written"
    );
    h.input_mut().time = Some(7.0);
    h.run();
    assert_eq!(
        repaint_delay(&h),
        Duration::MAX,
        "autosaved and still unsaved to its file: no more wake-ups"
    );
}

/// Arranging cards is the most frequent edit on a big plan: it must not derive the rules again,
/// while any other edit must.
#[test]
fn moving_a_card_keeps_the_derived_rules_and_renaming_derives_them_again() {
    let mut h = large(500);
    let (id, at) = visible_node(&h);
    let content = h.state().derived().content;
    let rules_before = h.state().derived().derivation.rules.clone();
    let before = h.state().plan().nodes[&id].position;
    // Straight down: zones are vertical bands, so the zone stays.
    drag(&mut h, at, at + Vec2::new(0.0, 15.0));
    assert_ne!(
        h.state().plan().nodes[&id].position,
        before,
        "the card moved"
    );
    let state = h.state().doc.state();
    assert_eq!(
        h.state().derived().state,
        Some(state),
        "geometry is current"
    );
    assert_eq!(
        h.state().derived().content,
        content,
        "a move within the zone kept the derived rules"
    );
    assert_eq!(h.state().derived().derivation.rules, rules_before);
    let fresh = lync_port_planner::rules::derive(h.state().plan(), &catalog());
    assert_eq!(
        *h.state().derived().derivation.rules,
        fresh,
        "and they are still right"
    );

    let mut node = lync_port_planner::plan::Node::clone(&h.state().plan().nodes[&id]);
    node.label = "Renamed".to_owned();
    h.state_mut()
        .push(Command::Edit(PlanEdit::SetNode { id, node }));
    h.run();
    assert_ne!(h.state().derived().content, content);
    let fresh = lync_port_planner::rules::derive(h.state().plan(), &catalog());
    assert_eq!(*h.state().derived().derivation.rules, fresh);
    assert!(fresh.rules.iter().any(|r| &*r.source.label == "Renamed"));
    // After the rename, its undo and its redo, rules and findings are what deriving from
    // scratch gives.
    let from_scratch = |h: &Harness<'_, PlannerApp>| {
        lync_port_planner::derivation::Derivation::new(h.state().plan(), &catalog())
    };
    assert_eq!(h.state().derived().derivation, from_scratch(&h));
    for command in [Command::Undo, Command::Redo, Command::Undo] {
        h.state_mut().push(command);
        h.run();
        assert_eq!(h.state().derived().derivation, from_scratch(&h));
    }
    assert!(
        !h.state()
            .derived()
            .derivation
            .rules
            .rules
            .iter()
            .any(|r| &*r.source.label == "Renamed"),
        "undone"
    );
}

/// The window asks for textures no wider than `MAX_TEXTURE_SIDE`, so egui's glyph atlas does not
/// start 16,384 pixels wide on a software renderer (the peak memory figures in BENCHMARKS.md);
/// a renderer that allows less keeps its own limit.
#[test]
fn the_glyph_atlas_is_not_as_wide_as_the_renderer_allows() {
    use eframe::App as _;
    use lync_port_planner::ui::MAX_TEXTURE_SIDE;
    let mut app = PlannerApp::new(AppOptions::default()).unwrap();
    let ctx = eframe::egui::Context::default();
    for (offered, used) in [(16_384, MAX_TEXTURE_SIDE), (2_048, 2_048)] {
        let mut input = eframe::egui::RawInput {
            max_texture_side: Some(offered),
            ..Default::default()
        };
        app.raw_input_hook(&ctx, &mut input);
        assert_eq!(input.max_texture_side, Some(used));
    }
}

/// A window that cannot wait for an edit's rules (a large plan's, on a slow machine) draws the
/// previous rules, says in the status bar that they are updating, and shows the new ones when
/// the derivation thread has them; nothing is derived on a frame with no edit.
#[test]
fn rules_that_take_longer_than_a_frame_come_in_a_later_frame() {
    let plan = generate::large_plan(300, &catalog()).unwrap();
    let path = temp_dir().join("slow.ron");
    plan_file::save(&path, &plan).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path),
        derive_wait: Some(Duration::ZERO),
        ..AppOptions::default()
    });
    // The first rules may take frames too: wait for them as a user would.
    let shown =
        |h: &Harness<'_, PlannerApp>| !h.state().derived().is_behind(h.state().doc.content());
    for _ in 0..2_000 {
        if shown(&h) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    assert!(shown(&h), "the plan's rules came");
    let (id, node) = h
        .state()
        .plan()
        .nodes
        .iter()
        .next()
        .map(|(i, n)| (i.clone(), n.clone()))
        .unwrap();
    let before = h.state().derived().derivation.rules.clone();
    let mut renamed = lync_port_planner::plan::Node::clone(&node);
    renamed.label = "Renamed edge".to_owned();
    h.state_mut()
        .push(Command::Edit(PlanEdit::SetNode { id, node: renamed }));
    h.step();
    h.step();
    // Zero wait: unless the thread was faster than this frame, the previous rules are drawn.
    if !shown(&h) {
        assert_eq!(h.state().derived().derivation.rules, before);
        let n = before.rules.len();
        assert!(
            h.query_by_label_contains(&format!("{n} rules (updating…)"))
                .is_some(),
            "the status bar says the rules are updating"
        );
    }
    for _ in 0..2_000 {
        if shown(&h) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    assert!(shown(&h), "the edit's rules came");
    let rules = &h.state().derived().derivation.rules.rules;
    assert!(
        rules
            .iter()
            .any(|r| &*r.source.label == "Renamed edge" || &*r.destination.label == "Renamed edge")
    );
    h.step();
    assert!(h.query_by_label_contains("(updating…)").is_none());
}

/// A plan with hundreds of findings lists the first hundred (errors first) and a button that
/// lists them all: laying every finding out in every frame was most of an idle frame.
#[test]
fn hundreds_of_findings_list_a_hundred_until_all_are_asked_for() {
    let mut h = large(500);
    h.run();
    // The source notes are folded apart; the others are listed.
    let listed = (h.state().derived().derivation.findings.iter())
        .filter(|f| f.kind != lync_port_planner::findings::FindingKind::SourceConflict)
        .count();
    assert!(listed > 120, "{listed}");
    let fixes = |h: &Harness<'_, PlannerApp>| {
        h.query_all_by_label_contains("cannot be published in DNS")
            .count()
    };
    let before = fixes(&h);
    assert_eq!(before, 100);
    let button = format!("Show all {listed} findings");
    h.get_by_label(&button).click();
    h.run();
    h.run();
    assert!(h.query_by_label(&button).is_none());
    assert_eq!(fixes(&h), listed);
}
