//! What a new user met in a real window, driven through the window headlessly: "Add server"
//! that moved under the pointer, Escape that cleared the selection instead of closing a menu,
//! "Show all" that kept the picked rule.

use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::plan::{Node, layout};
use lync_port_planner::ui::AppOptions;

use crate::ui::harness;

fn node<'a>(plan: &'a lync_port_planner::plan::Plan, label: &str) -> &'a Node {
    plan.nodes
        .values()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node {label}"))
}

/// "Add server" stays where it is: clicked twice by pointer it adds two servers (below the
/// list, the second click landed on the new "Remove" button and deleted the first server).
#[test]
fn add_server_clicked_twice_adds_two_servers() {
    let mut h = harness(AppOptions::default());
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    let before = node(h.state().plan(), "Edge Server").members.clone();
    let at = h.get_by_label("Add server").rect().center();
    for _ in 0..2 {
        h.hover_at(at);
        h.run();
        h.event(Event::PointerButton {
            pos: at,
            button: eframe::egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.event(Event::PointerButton {
            pos: at,
            button: eframe::egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    let after = &node(h.state().plan(), "Edge Server").members;
    assert_eq!(after.len(), before.len() + 2, "{after:?}");
    assert_eq!(after[..before.len()], before[..], "the servers there stay");
    // A server removed, the next one added takes its number, not a second "edge03".
    h.get_by_label("Remove edge02").click_accesskit();
    h.run();
    h.get_by_label("Add server").click_accesskit();
    h.run();
    let names: Vec<&str> = (node(h.state().plan(), "Edge Server").members.iter())
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["edge01", "edge03", "edge02"]);
}

/// Escape with the Export menu open closes the menu and keeps the selection (it used to clear
/// the selection and leave the menu open).
#[test]
fn escape_closes_an_open_menu_and_keeps_the_selection() {
    let mut h = harness(AppOptions::default());
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.query_by_label("CSV...").is_some(), "the menu is open");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("CSV...").is_none(), "the menu closed");
    assert!(!h.state().selection.nodes.is_empty(), "the selection stays");
    // With no menu open, Escape still clears the selection.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().selection.is_empty());
}

/// "Show all (clear selection)" also lets go of the rule picked in the table: its row stayed
/// highlighted and its details open in the side panel.
#[test]
fn show_all_lets_go_of_the_picked_rule() {
    let mut h = harness(AppOptions::default());
    let filter = h.get_by_label("Filter");
    filter.focus();
    filter.type_text("edge-dir-sip");
    h.run();
    h.get_by_label_contains("Rule edge-dir-sip-5061:edge>dir: ")
        .click_accesskit();
    h.run();
    assert!(h.state().rule_table.selected.is_some());
    h.get_by_label("Show all (clear selection)")
        .click_accesskit();
    h.run();
    assert!(h.state().selection.is_empty());
    assert_eq!(h.state().rule_table.selected, None);
}

/// A trainer in class clicks Next at the same place, step after step: the button stays where
/// it is (below the step's text it moved, and the third click ticked the exercise box).
#[test]
fn the_trainers_next_button_stays_put() {
    let mut h = harness(AppOptions::default());
    h.state_mut()
        .push(lync_port_planner::ui::command::Command::StartScenario(0));
    h.run();
    let at = h.get_by_label("Next").rect().center();
    let n = h.state().trainer.as_ref().unwrap().scenario.hops.len();
    for _ in 1..n {
        h.hover_at(at);
        h.run();
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos: at,
                button: eframe::egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.run();
    }
    let trainer = h.state().trainer.as_ref().unwrap();
    assert_eq!(trainer.step + 1, n, "every click went to the next step");
    assert!(!trainer.exercise, "no click hit the exercise box");
}

/// Zoomed out (two sites fit a 1280x800 window at 30%), every card still shows its whole name
/// on its coloured box: before, a colleague opening the plan saw unnamed boxes.
#[test]
fn zoomed_out_cards_show_their_names() {
    let mut h = harness(AppOptions {
        plan: Some(crate::support::root().join("saved-plans/two-sites.ron")),
        ..AppOptions::default()
    });
    h.state_mut()
        .push(lync_port_planner::ui::command::Command::SetZoom(0.3));
    h.run();
    assert!(h.state().canvas.zoom() < lync_port_planner::ui::canvas::DETAIL_ZOOM);
    let canvas = h.state().canvas.screen_rect;
    let mut painted: Vec<String> = Vec::new();
    for clipped in &h.output().shapes {
        texts(&clipped.shape, &mut |t| {
            if canvas.contains(t.pos) {
                let rows = t
                    .galley
                    .rows
                    .iter()
                    .flat_map(|r| r.glyphs.iter().map(|g| g.chr));
                painted.push(rows.filter(|c| !c.is_whitespace()).collect());
            }
        });
    }
    let to_screen = h.state().canvas.to_screen;
    let mut named = 0;
    for node in h.state().plan().nodes.values() {
        let (w, h) = (layout::CARD_WIDTH, layout::CARD_HEIGHT);
        let at = eframe::egui::pos2(node.position.x, node.position.y);
        let card = eframe::egui::Rect::from_center_size(at, eframe::egui::vec2(w, h));
        if !canvas.contains_rect(to_screen * card) {
            continue;
        }
        let name: String = node.label.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            painted.contains(&name),
            "{} not painted whole: {painted:?}",
            node.label
        );
        named += 1;
    }
    assert!(named >= 9, "{named} cards in view");
}

fn texts(shape: &eframe::egui::Shape, out: &mut dyn FnMut(&eframe::egui::epaint::TextShape)) {
    match shape {
        eframe::egui::Shape::Text(t) => out(t),
        eframe::egui::Shape::Vec(v) => v.iter().for_each(|s| texts(s, out)),
        _ => {}
    }
}

/// A rule picked in the table (or a trainer step) between cards off screen pans them into
/// view, keeping the zoom; picking something already in view moves nothing.
#[test]
fn a_selection_made_off_the_canvas_is_brought_into_view() {
    use lync_port_planner::plan::NodeId;
    use lync_port_planner::ui::Selection;
    let mut h = harness(AppOptions {
        plan: Some(crate::support::root().join("saved-plans/two-sites.ron")),
        ..AppOptions::default()
    });
    h.state_mut()
        .push(lync_port_planner::ui::command::Command::ZoomReset);
    h.run();
    let card_on_screen = |h: &egui_kittest::Harness<'_, lync_port_planner::ui::PlannerApp>,
                          id: &str| {
        let node = &h.state().plan().nodes[&NodeId::from(id)];
        let at = h.state().canvas.to_screen_pos(node.position);
        h.state().canvas.screen_rect.contains(at)
    };
    // At 100% the view shows the middle of the two sites: site B's Mediation and gateway are
    // below it.
    let (a, b) = ("b-med", "b-gw");
    assert!(
        !card_on_screen(&h, a) && !card_on_screen(&h, b),
        "off screen to start with"
    );
    let zoom = h.state().canvas.zoom();
    h.state_mut().selection = Selection::only_link(NodeId::from(a), NodeId::from(b));
    h.run();
    assert!(
        card_on_screen(&h, a) && card_on_screen(&h, b),
        "brought into view"
    );
    assert!(
        (h.state().canvas.zoom() - zoom).abs() < 1e-4,
        "the zoom stays"
    );
    // A card in view: the view does not move.
    let view = h.state().canvas.scene_rect;
    h.state_mut().selection = Selection::only_node(NodeId::from(a));
    h.run();
    assert_eq!(h.state().canvas.scene_rect, view);
}

/// The template menu and the status line after choosing one are in the window's language (they
/// were English in zh-TW and ko-KR).
#[test]
fn template_names_are_translated() {
    use lync_port_planner::examples::TEMPLATES;
    use lync_port_planner::i18n::{Lang, tr};
    for template in TEMPLATES {
        let names = [Lang::En, Lang::ZhTw, Lang::KoKr].map(|l| tr(l, template.name));
        assert!(
            names.iter().all(|n| *n != template.name),
            "{}: no text",
            template.name
        );
        assert!(names[1] != names[0] && names[2] != names[0], "{names:?}");
    }
    let mut h = harness(AppOptions {
        lang: Lang::ZhTw,
        ..AppOptions::default()
    });
    let full_site = TEMPLATES
        .iter()
        .position(|t| t.file == "full-site.ron")
        .unwrap();
    h.state_mut()
        .push(lync_port_planner::ui::command::Command::NewFromTemplate(
            full_site,
        ));
    h.run();
    assert_eq!(h.state().status.text, "完整站台");
}

/// Cards on either side of the view (neither in it) are brought into view too: the test was of
/// their union, which the view crossed.
#[test]
fn a_selection_either_side_of_the_view_is_brought_into_view() {
    use lync_port_planner::plan::NodeId;
    use lync_port_planner::ui::Selection;
    let mut h = harness(AppOptions {
        plan: Some(crate::support::root().join("saved-plans/two-sites.ron")),
        ..AppOptions::default()
    });
    h.state_mut()
        .push(lync_port_planner::ui::command::Command::ZoomReset);
    h.run();
    let view = h.state().canvas.scene_rect;
    let plan = h.state().plan().clone();
    let card = |id: &str| {
        let node = &plan.nodes[&NodeId::from(id)];
        let at = eframe::egui::pos2(node.position.x, node.position.y);
        eframe::egui::Rect::from_center_size(
            at,
            eframe::egui::vec2(layout::CARD_WIDTH, layout::CARD_HEIGHT),
        )
    };
    // Site A's top row and site B's bottom row: above and below the middle of the plan.
    let (a, b) = ("a-owa", "b-med");
    assert!(
        !view.intersects(card(a)) && !view.intersects(card(b)),
        "{view:?}"
    );
    assert!(
        view.intersects(card(a).union(card(b))),
        "their union crosses the view"
    );
    h.state_mut().selection = Selection {
        nodes: [NodeId::from(a), NodeId::from(b)].into(),
        ..Selection::default()
    };
    h.run();
    let view = h.state().canvas.scene_rect;
    assert!(
        view.intersects(card(a)) || view.intersects(card(b)),
        "{view:?}"
    );
}
