//! The real app driven headlessly with egui_kittest: click by label, drag, type; assert on the plan.

use eframe::egui::{self, Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::plan::{CanvasPoint, NodeId};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, DialogKind, PlannerApp};

use crate::support::{root, temp_dir};

pub(crate) fn harness(options: AppOptions) -> Harness<'static, PlannerApp> {
    let app = PlannerApp::new(options).expect("app starts");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h
}

fn seed() -> Harness<'static, PlannerApp> {
    harness(AppOptions::default())
}

fn empty() -> Harness<'static, PlannerApp> {
    let mut h = seed();
    h.state_mut().push(Command::NewPlan);
    h.run();
    assert!(h.state().plan().nodes.is_empty());
    h
}

/// Screen position of a canvas point, as drawn in the last frame.
fn screen(h: &Harness<'_, PlannerApp>, x: f32, y: f32) -> Pos2 {
    h.state().canvas.to_screen_pos(CanvasPoint { x, y })
}

pub(crate) fn button(h: &Harness<'_, PlannerApp>, pos: Pos2, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

pub(crate) fn click_at(h: &mut Harness<'_, PlannerApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    button(h, pos, true);
    h.step();
    button(h, pos, false);
    h.run();
}

pub(crate) fn drag(h: &mut Harness<'_, PlannerApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    button(h, from, true);
    h.step();
    for i in 1..=10 {
        h.event(Event::PointerMoved(from.lerp(to, i as f32 / 10.0)));
        h.step();
    }
    button(h, to, false);
    h.run();
}

fn node_of_role<'a>(
    app: &'a PlannerApp,
    role: &str,
) -> (NodeId, &'a lync_port_planner::plan::Node) {
    let (id, node) = app
        .plan()
        .nodes
        .iter()
        .find(|(_, n)| n.role == role)
        .expect("node of role");
    (id.clone(), node)
}

#[test]
fn place_link_and_see_the_sip_rules_then_undo_and_redo() {
    let mut h = empty();
    h.get_by_label("Director pool").click();
    h.run();
    let at = screen(&h, 800.0, 200.0);
    click_at(&mut h, at);
    assert_eq!(
        h.state().plan().nodes.len(),
        1,
        "placed by clicking the canvas"
    );
    h.get_by_label("Edge pool").click();
    h.run();
    let at = screen(&h, 350.0, 200.0);
    click_at(&mut h, at);
    let (dir, dir_node) = node_of_role(h.state(), "director");
    let (edge, edge_node) = node_of_role(h.state(), "edge");
    assert_eq!(dir_node.zone, lync_port_planner::topology::Zone::Internal);
    assert_eq!(
        edge_node.zone,
        lync_port_planner::topology::Zone::Perimeter,
        "zone from the band it was dropped in"
    );
    assert_eq!(edge_node.label, "Edge pool");

    // Drag from the Edge card's handle (right edge) onto the Director card.
    let handle = screen(&h, edge_node.position.x + 115.0, edge_node.position.y);
    let target = screen(&h, dir_node.position.x, dir_node.position.y);
    drag(&mut h, handle, target);
    assert!(
        h.state().plan().link_between(&dir, &edge).is_some(),
        "linked by dragging the handle"
    );

    // The link's label lists its ports; selecting it lists its rules in the side panel.
    h.get_by_label_contains("Link Director pool - Edge pool: 5061")
        .click_accesskit();
    h.run();
    let sip_rows = h.query_all_by_label_contains(", SIP/MTLS, ").count();
    assert!(
        sip_rows >= 2,
        "Edge -> Director and Director -> Edge SIP/MTLS 5061, found {sip_rows}"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().plan().link_between(&dir, &edge).is_none(),
        "undo removes the link"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(
        h.state().plan().link_between(&dir, &edge).is_some(),
        "redo restores it"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(h.state().doc.can_undo());
}

#[test]
fn deleting_a_node_takes_its_links() {
    let mut h = seed();
    let links = h.state().plan().links.len();
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(!h.state().plan().nodes.contains_key(&NodeId::from("edge")));
    assert_eq!(h.state().plan().links.len(), links - 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().plan().links.len(), links);
}

#[test]
fn dragging_a_card_moves_it_in_one_undo_step_and_sets_the_zone() {
    let mut h = seed();
    let before = h.state().plan().nodes[&NodeId::from("clients")].position;
    let from = screen(&h, before.x, before.y);
    let to = screen(&h, before.x - 600.0, before.y);
    drag(&mut h, from, to);
    let node = &h.state().plan().nodes[&NodeId::from("clients")];
    assert!(node.position.x < before.x - 500.0, "{:?}", node.position);
    assert_eq!(node.zone, lync_port_planner::topology::Zone::Perimeter);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().plan().nodes[&NodeId::from("clients")].position,
        before,
        "one drag, one undo step"
    );
}

#[test]
fn inspector_refuses_an_invalid_address_and_stores_a_valid_one() {
    let mut h = seed();
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    let field = h.get_by_label("dir01 Director server");
    field.focus();
    field.type_text("x");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label_contains("is not an IP address").is_some(),
        "error shown at the field"
    );
    let member = &h.state().plan().nodes[&NodeId::from("dir")].members[0];
    assert_eq!(
        member.addresses.get("server").unwrap().to_string(),
        "10.10.20.11",
        "invalid input never stored"
    );

    // A duplicate of another node's address is refused too.
    let field = h.get_by_label("dir01 Director server");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("10.10.30.11");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label_contains("already used by Front End pool")
            .is_some()
    );

    let field = h.get_by_label("dir01 Director server");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("10.10.20.21");
    h.key_press(Key::Enter);
    h.run();
    let member = &h.state().plan().nodes[&NodeId::from("dir")].members[0];
    assert_eq!(
        member.addresses.get("server").unwrap().to_string(),
        "10.10.20.21"
    );
}

/// The inspector edits a node's DNS names: an empty field shows Microsoft's default, a text
/// that is not a DNS name is refused at the field and never stored, a name is stored lower case.
#[test]
fn inspector_edits_dns_names_with_microsofts_defaults_shown() {
    let mut h = seed();
    // The reverse proxy lists what it publishes.
    h.get_by_label_contains("Reverse proxy, ").click_accesskit();
    h.run();
    assert!(
        h.query_by_label_contains("Published names").is_some(),
        "the reverse proxy's published names"
    );
    assert!(h.query_by_label("lyncdiscover.northwind.net").is_some());
    assert!(h.query_by_label("webdirext.northwind.net").is_some());
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label_contains("webdirext.northwind.net")
            .is_some(),
        "the default is shown"
    );
    let field = h.get_by_label("External web services");
    field.focus();
    field.type_text("web dir");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("not a DNS name").is_some());
    let names = |h: &Harness<'static, PlannerApp>| {
        h.state().plan().nodes[&NodeId::from("dir")].names.clone()
    };
    assert!(names(&h).is_empty(), "invalid input never stored");
    let field = h.get_by_label("External web services");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("WebDir.Northwind.NET");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        names(&h)
            .get(&lync_port_planner::plan::NameKind::ExternalWeb)
            .map(String::as_str),
        Some("webdir.northwind.net")
    );
}

#[test]
fn missing_link_ghost_offers_a_one_click_fix() {
    let text =
        std::fs::read_to_string(root().join("saved-plans/director-pool-dns-hlb.ron")).unwrap();
    let plan = text.replacen(
        "        Link(\n            a: \"dir\",\n            b: \"edge\",\n        ),\n",
        "",
        1,
    );
    assert_ne!(plan, text);
    let path = temp_dir().join("plan.ron");
    std::fs::write(&path, plan).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path),
        ..AppOptions::default()
    });
    h.get_by_label("Add link Edge Server - Director pool")
        .click_accesskit();
    h.run();
    assert!(
        h.state()
            .plan()
            .link_between(&NodeId::from("dir"), &NodeId::from("edge"))
            .is_some()
    );
}

#[test]
fn ctrl_s_saves_to_the_file_or_asks_for_a_path() {
    // The built-in example has no file: Ctrl+S asks for one (the host opens the dialog; tests never do).
    let mut h = seed();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().dialogs.requested, Some(DialogKind::SaveAs));

    // A plan with a file saves straight to it.
    let path = temp_dir().join("plan.ron");
    std::fs::copy(root().join("saved-plans/single-director.ron"), &path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(!saved.contains("\"edge\""), "the saved file has no Edge");
}

#[test]
fn duplicate_copy_paste_and_escape() {
    let mut h = seed();
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert!(
        h.state()
            .plan()
            .nodes
            .values()
            .any(|n| n.label == "Director pool 2")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    h.run();
    assert!(
        h.state()
            .plan()
            .nodes
            .values()
            .any(|n| n.label == "Director pool 3")
    );
    h.get_by_label("Front End pool").click();
    h.run();
    assert_eq!(h.state().canvas.placing.as_deref(), Some("front_end"));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().canvas.placing, None);
}

#[test]
fn switching_a_requirement_off_on_a_link_shows_a_finding() {
    let mut h = seed();
    h.get_by_label_contains("Link Director pool - Edge Server")
        .click_accesskit();
    h.run();
    h.get_by_label_contains("Edge Server -> Director pool  SIP/MTLS TCP 5061")
        .click();
    h.run();
    let link = h
        .state()
        .plan()
        .link_between(&NodeId::from("dir"), &NodeId::from("edge"))
        .unwrap();
    assert!(link.disabled.contains("edge-dir-sip-5061"));
    assert!(
        h.query_by_label_contains("switched off on the link")
            .is_some()
    );
    h.get_by_label("Switch on").click();
    h.run();
    let link = h
        .state()
        .plan()
        .link_between(&NodeId::from("dir"), &NodeId::from("edge"))
        .unwrap();
    assert!(link.disabled.is_empty());
}

#[test]
fn unsaved_work_is_recovered_after_a_crash() {
    let state = temp_dir();
    let options = AppOptions {
        recovery_dir: Some(state.clone()),
        ..AppOptions::default()
    };
    let mut h = harness(options.clone());
    h.state_mut().set_autosave_idle(0.0);
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(
        std::fs::read_dir(&state).unwrap().any(|e| {
            let name = e.unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with("recovery-") && name.ends_with(".ron")
        }),
        "autosave wrote the window's recovery file"
    );
    drop(h); // the "crash": no clean exit

    let mut h = harness(options);
    assert!(h.state().recovery_offer.is_some());
    h.get_by_label("Restore").click();
    h.run();
    assert!(
        !h.state().plan().nodes.contains_key(&NodeId::from("edge")),
        "the edit survived"
    );
    assert!(h.state().doc.is_dirty(), "restored work still needs saving");
}

#[test]
fn main_window_snapshot() {
    let app = PlannerApp::new(AppOptions::default()).expect("app starts");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .wgpu()
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h.snapshot("main_window_seed");
}

#[test]
fn dragging_a_role_from_the_palette_places_it_where_dropped() {
    let mut h = empty();
    let from = h.get_by_label("SQL Server back end").rect().center();
    let to = screen(&h, 800.0, 300.0);
    drag(&mut h, from, to);
    let (_, node) = node_of_role(h.state(), "sql_back_end");
    assert!(
        (node.position.x - 800.0).abs() <= 20.0 && (node.position.y - 300.0).abs() <= 20.0,
        "{:?}",
        node.position
    );
    assert_eq!(node.label, "SQL Server back end");
}

#[test]
fn copied_nodes_paste_from_the_system_clipboard_text() {
    let mut h = seed();
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    // The windowing layer sends Copy and Paste events rather than Ctrl+C and Ctrl+V keys.
    h.event(Event::Copy);
    h.step();
    let text = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        });
    let text = text.expect("copy puts plan text on the clipboard");
    assert!(text.contains("role: \"edge\""));
    let mut other = empty();
    other.event(Event::Paste(text));
    other.run();
    assert_eq!(other.state().plan().nodes.len(), 1);
    assert_eq!(node_of_role(other.state(), "edge").1.label, "Edge Server");
}

#[test]
fn rubber_band_selects_and_a_link_dropped_on_empty_canvas_is_cancelled() {
    let mut h = seed();
    let plan = h.state().plan().clone();
    // A band around the two perimeter cards (reverse proxy and Edge) only.
    let from = screen(&h, 200.0, 40.0);
    let to = screen(&h, 520.0, 480.0);
    drag(&mut h, from, to);
    let selected: Vec<&str> = h
        .state()
        .selection
        .nodes
        .iter()
        .map(NodeId::as_str)
        .collect();
    assert_eq!(selected, ["edge", "rp"]);
    // A link dragged from the Edge handle to empty canvas adds nothing.
    let edge = &plan.nodes[&NodeId::from("edge")];
    let handle = screen(&h, edge.position.x + 115.0, edge.position.y);
    let nowhere = screen(&h, edge.position.x + 160.0, edge.position.y + 300.0);
    drag(&mut h, handle, nowhere);
    assert_eq!(h.state().plan().links, plan.links);
    assert!(!h.state().doc.can_undo(), "nothing was recorded");
}

#[test]
fn new_plan_with_unsaved_changes_asks_first() {
    let mut h = seed();
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().prompt.is_some(), "asks before discarding");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().plan().nodes.is_empty(), "cancel keeps the plan");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().plan().nodes.is_empty(), "a new plan");
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn hovering_a_link_lists_its_rules_and_why() {
    let mut h = seed();
    // Widgets inside the Scene report canvas coordinates to AccessKit; map them to the screen.
    let label = h
        .get_by_label_contains("Link Director pool - Edge Server")
        .rect()
        .center();
    let at = h.state().canvas.to_screen * label;
    h.hover_at(at);
    h.run();
    assert!(
        h.query_by_label_contains("Edge Server -> Director pool  SIP/MTLS TCP 5061")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("SIP from the Edge internal interface to the Director")
            .is_some()
    );
}

#[test]
fn a_plan_that_cannot_be_read_shows_the_error_in_the_window() {
    let path = temp_dir().join("broken.ron");
    std::fs::write(
        &path,
        "Plan(format_version: 1, name: \"x\", nodes: {\"a\": Node(role: \"nope\")})",
    )
    .unwrap();
    let app = PlannerApp::new(AppOptions {
        plan: Some(path),
        ..AppOptions::default()
    })
    .expect("the window still opens");
    assert!(
        app.status.is_error && app.status.text.contains("broken.ron:1:"),
        "{:?}",
        app.status
    );
    assert!(app.plan().nodes.is_empty());
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_plan_file_opens_it_and_remembers_it() {
    let prefs = temp_dir().join("prefs.ron");
    let mut h = harness(AppOptions {
        prefs_path: Some(prefs.clone()),
        ..AppOptions::default()
    });
    let file = root().join("saved-plans/scaled-edge-hlb.ron");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    h.run();
    assert_eq!(
        h.state().plan().name,
        "Scaled consolidated Edge with hardware load balancers"
    );
    assert!(
        h.state().title().starts_with("scaled-edge-hlb.ron - "),
        "{}",
        h.state().title()
    );
    let saved = std::fs::read_to_string(&prefs).expect("recent files saved");
    assert!(saved.contains("scaled-edge-hlb.ron"), "{saved}");
}

#[test]
fn findings_list_fixes_a_missing_link_in_one_click() {
    let text =
        std::fs::read_to_string(root().join("saved-plans/director-pool-dns-hlb.ron")).unwrap();
    let plan = text.replacen(
        "        Link(\n            a: \"dir\",\n            b: \"edge\",\n        ),\n",
        "",
        1,
    );
    let path = temp_dir().join("plan.ron");
    std::fs::write(&path, plan).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path),
        ..AppOptions::default()
    });
    assert!(
        h.query_by_label_contains("Edge Server is not linked to any Director pool")
            .is_some()
    );
    h.get_by_label("Add link").click();
    h.run();
    assert!(
        h.state()
            .plan()
            .link_between(&NodeId::from("dir"), &NodeId::from("edge"))
            .is_some()
    );
    assert!(
        h.query_by_label_contains("is not linked to any").is_none(),
        "the finding is gone"
    );
}

#[test]
fn rule_table_filters_sorts_and_selecting_a_rule_selects_its_link() {
    use lync_port_planner::ui::rule_table::{Column, Row};
    let mut h = seed();
    let rule_rows = |h: &Harness<'_, PlannerApp>| -> Vec<usize> {
        let app = h.state();
        app.rule_table
            .rows(app.derived(), &app.selection, app.lang())
            .iter()
            .filter_map(|r| if let Row::Rule(i) = r { Some(i) } else { None })
            .collect()
    };
    // The seed's 53 rules and internal clients -> Director SIP 5061 (Gg398833's Director row).
    assert_eq!(rule_rows(&h).len(), 54);
    let filter = h.get_by_label("Port");
    filter.focus();
    filter.type_text("5061");
    h.run();
    let rows = rule_rows(&h);
    assert!(!rows.is_empty() && rows.len() < 54);
    assert!(
        rows.iter()
            .all(|&i| h.state().derived().derivation.rules.rules[i].ports.from == 5061)
    );

    // Sort by port, then descending with a second click on the header.
    h.get_by_label("Port").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label_contains("Port ^").click();
    h.run();
    assert_eq!(h.state().rule_table.sort, (Column::Port, false));
    let rows = rule_rows(&h);
    let ext: Vec<u16> = rows
        .iter()
        .map(|&i| h.state().derived().derivation.rules.rules[i].ports.from)
        .collect();
    assert!(ext.len() == 54);
    // Within a firewall group: descending ports, and rows with equal ports in the rule set's
    // own order (a stable sort), whichever the direction.
    let rules = &h.state().derived().derivation.rules.rules;
    let mut ties = 0;
    for w in rows.windows(2) {
        let (a, b) = (&rules[w[0]], &rules[w[1]]);
        if a.firewall == b.firewall {
            assert!((a.ports, a.transport) >= (b.ports, b.transport));
            if (a.ports, a.transport) == (b.ports, b.transport) {
                assert!(w[0] < w[1], "{} before {}", a.id(), b.id());
                ties += 1;
            }
        }
    }
    assert!(ties > 3, "the seed has rows with equal ports: {ties}");

    // Selecting a rule selects its link, and the table then shows that link's rules.
    let filter = h.get_by_label("Filter");
    filter.focus();
    filter.type_text("edge-dir-sip");
    h.run();
    assert_eq!(rule_rows(&h).len(), 1);
    h.get_by_label_contains("Rule edge-dir-sip-5061:edge>dir: ")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.state().selection.link,
        Some((NodeId::from("dir"), NodeId::from("edge")))
    );
    let rows = rule_rows(&h);
    let (dir, edge) = (NodeId::from("dir"), NodeId::from("edge"));
    assert!(
        rows.iter()
            .all(|&i| h.state().derived().derivation.rules.rules[i].link() == Some((&dir, &edge)))
    );
    // The rule's detail names the pages of its topology by title, each a link to its address.
    for title in [
        "Lync Server 2013: Port summary - DNS and HLB load balanced",
        "Port summary - Single consolidated edge with private IP addresses using NAT",
    ] {
        assert!(
            h.query_by_label(title).is_some(),
            "the rule's detail cites {title}"
        );
    }
    assert!(h.query_by_label("JJ205179").is_none());
}

#[test]
fn rule_table_by_link_groups_each_link_and_each_node_without_one() {
    use lync_port_planner::ui::rule_table::Row;
    let mut h = seed();
    h.get_by_label("By link").click();
    h.run();
    let app = h.state();
    let rules = &app.derived().derivation.rules.rules;
    let rows = app
        .rule_table
        .rows(app.derived(), &app.selection, app.lang());
    // Every rule once, under a heading naming its link's two nodes (the link's first id
    // first), or its own node when it has no link; each group named once.
    let mut seen = Vec::new();
    let mut headings = std::collections::BTreeSet::new();
    let mut heading = String::new();
    for row in rows.iter() {
        match row {
            Row::Heading(text) => {
                assert!(headings.insert(text.to_owned()), "{text} twice");
                heading = text.to_owned();
            }
            Row::Rule(index) => {
                let rule = &rules[index];
                let expected = if let Some((a, b)) = rule.link() {
                    let label = |id| &app.plan().nodes[id].label;
                    format!("Link {} - {} (", label(a), label(b))
                } else {
                    let own = if rule.source.node.is_some() {
                        &rule.source
                    } else {
                        &rule.destination
                    };
                    format!("{} (no link: Any) (", own.label)
                };
                assert!(
                    heading.starts_with(&expected),
                    "{} under {heading}",
                    rule.id()
                );
                seen.push(index);
            }
        }
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..rules.len()).collect::<Vec<_>>());
    assert!(headings.len() > 5, "{headings:?}");
    assert!(
        headings.iter().any(|h| h.contains("no link")),
        "{headings:?}"
    );
}

#[test]
fn exports_from_the_window_equal_the_cli_byte_for_byte() {
    use lync_port_planner::export::Format;
    use lync_port_planner::rules::RuleScope;
    use lync_port_planner::ui::export_menu::{ExportKind, ExportRequest};
    let seed_path = root().join("saved-plans/director-pool-dns-hlb.ron");
    let mut h = harness(AppOptions {
        plan: Some(seed_path.clone()),
        ..AppOptions::default()
    });
    let dir = temp_dir();
    let scopes = [
        (RuleScope::All, vec![]),
        (
            RuleScope::Firewall(lync_port_planner::topology::Firewall::Internal),
            vec!["--firewall", "internal"],
        ),
        (
            RuleScope::Nodes([NodeId::from("dir"), NodeId::from("edge")].into()),
            vec!["--nodes", "dir,edge"],
        ),
    ];
    for (n, (scope, flags)) in scopes.into_iter().enumerate() {
        for format in Format::ALL {
            let path = dir.join(format!("gui-{n}.{}", format.extension()));
            let request = ExportRequest {
                kind: ExportKind::Rules(format),
                scope: scope.clone(),
                to_clipboard: false,
            };
            h.state_mut().push(Command::ExportTo {
                request,
                path: path.clone(),
            });
            h.run();
            let mut args = vec![
                "export",
                seed_path.to_str().unwrap(),
                "--format",
                format.as_str(),
            ];
            args.extend(flags.iter().copied());
            let cli_out = crate::support::cli(&args);
            assert_eq!(cli_out.status.code(), Some(0));
            assert_eq!(
                std::fs::read(&path).unwrap(),
                cli_out.stdout,
                "{format} in scope {n}"
            );
        }
    }
    let svg = dir.join("diagram.svg");
    let request = ExportRequest {
        kind: ExportKind::DiagramSvg,
        scope: RuleScope::All,
        to_clipboard: false,
    };
    h.state_mut().push(Command::ExportTo {
        request,
        path: svg.clone(),
    });
    h.run();
    let out = crate::support::cli(&[
        "render",
        seed_path.to_str().unwrap(),
        "--output",
        dir.join("cli.svg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&svg).unwrap(),
        std::fs::read(dir.join("cli.svg")).unwrap()
    );
}

/// The Export menu offers ip6tables beside iptables: clicking it asks where to save the
/// ip6tables file (a `.v6.rules` file).
#[test]
fn the_export_menu_offers_ip6tables() {
    use lync_port_planner::export::Format;
    use lync_port_planner::ui::export_menu::ExportKind;
    let mut h = seed();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.query_by_label("iptables...").is_some());
    h.get_by_label("ip6tables...").click();
    h.run();
    let request = match (
        h.state_mut().pending_export.take(),
        h.state_mut().dialogs.requested.take(),
    ) {
        (Some((request, _)), _) | (None, Some(DialogKind::Export(request))) => request,
        other => panic!("no export asked for: {other:?}"),
    };
    assert_eq!(request.kind, ExportKind::Rules(Format::Ip6tables));
    assert_eq!(Format::Ip6tables.extension(), "v6.rules");
}

#[test]
fn export_warns_first_when_addresses_are_missing() {
    use lync_port_planner::export::Format;
    use lync_port_planner::ui::export_menu::ExportKind;
    let mut h = seed();
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    let vip = h.get_by_label("Hardware load balancer VIP");
    vip.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().plan().nodes[&NodeId::from("dir")].vips.is_empty());
    h.state_mut().push(Command::Export {
        kind: ExportKind::Rules(Format::Nftables),
        to_clipboard: false,
    });
    h.run();
    assert!(
        h.query_by_label("Export with missing values?").is_some(),
        "the guard asks first"
    );
    assert!(
        h.query_all_by_label_contains("Director pool has no hlb_vip address")
            .count()
            >= 2,
        "and says what is missing"
    );
    h.get_by_label("Export anyway").click();
    h.run();
    assert!(matches!(
        h.state().dialogs.requested,
        Some(DialogKind::Export(_))
    ));
}

#[test]
fn go_to_field_puts_the_cursor_in_the_missing_address() {
    let mut h = seed();
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    let vip = h.get_by_label("Hardware load balancer VIP");
    vip.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.key_press(Key::Enter);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.get_all_by_label("Go to field")
        .next()
        .expect("a fix for the missing VIP")
        .click();
    h.run();
    assert_eq!(
        h.state().selection,
        lync_port_planner::ui::canvas::Selection::only_node(NodeId::from("dir"))
    );
    assert!(h.get_by_label("Hardware load balancer VIP").is_focused());
}

/// A finding that names an endpoint's address puts the cursor in that endpoint's field, not
/// in the first empty address field: with both of the reverse proxy's addresses empty, "has no
/// external_listener address" used to land in the internal interface above it, and "has no
/// networks" in no field at all.
#[test]
fn go_to_field_opens_the_endpoint_the_finding_names() {
    let mut plan = crate::support::example("director-pool-dns-hlb.ron");
    let mut rp = lync_port_planner::plan::Node::clone(&plan.nodes[&NodeId::from("rp")]);
    rp.members[0].addresses.clear();
    plan.nodes.insert(NodeId::from("rp"), rp.into());
    let mut clients = lync_port_planner::plan::Node::clone(&plan.nodes[&NodeId::from("clients")]);
    clients.networks.clear();
    plan.nodes.insert(NodeId::from("clients"), clients.into());
    let path = temp_dir().join("no-rp-addresses.ron");
    lync_port_planner::plan_file::save(&path, &plan).unwrap();
    for (message, field) in [
        ("no external_listener address", "rp01 External listener"),
        ("has no networks", "Networks"),
    ] {
        let mut h = harness(AppOptions {
            plan: Some(path.clone()),
            ..AppOptions::default()
        });
        h.run();
        let at = (h.get_all_by_label_contains(message).next())
            .expect("the finding")
            .rect()
            .top();
        // The finding's button follows its message, on its last line.
        let button = (h.get_all_by_label("Go to field"))
            .filter(|b| b.rect().top() >= at - 2.0)
            .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .expect("a fix for the finding");
        button.click();
        h.run();
        assert!(h.get_by_label(field).is_focused(), "{message}");
    }
}

#[test]
fn audit_from_the_window_lists_the_missing_rule() {
    use lync_port_planner::export::Format;
    let csv = crate::support::export(
        &crate::support::example("director-pool-dns-hlb.ron"),
        Format::Csv,
    );
    let without: String = csv
        .split_inclusive("\r\n")
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .map(|(_, l)| l)
        .collect();
    let path = crate::support::write_temp("existing.csv", without.as_bytes());
    let mut h = seed();
    h.state_mut().push(Command::AuditPath(path));
    h.run();
    let missing: Vec<_> = h
        .state()
        .findings()
        .iter()
        .filter(|f| f.kind == lync_port_planner::findings::FindingKind::MissingRule)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(
        h.query_by_label_contains("required rule not allowed by the existing firewall")
            .is_some()
    );
    h.state_mut().push(Command::ClearAudit);
    h.run();
    assert!(
        h.state()
            .findings()
            .iter()
            .all(|f| f.kind != lync_port_planner::findings::FindingKind::MissingRule)
    );
}

/// The window reads what `check --against` reads: a real `nft list ruleset` of the seed without
/// its Front End -> Edge rule leaves the four plan rules it carried missing.
#[test]
fn audit_from_the_window_reads_an_nft_ruleset() {
    let dump =
        std::fs::read_to_string(crate::support::root().join("tests/fixtures/audit/seed.nft"))
            .unwrap();
    let without: String = (dump.lines())
        .filter(|l| !l.contains("comment \"fe>edge\""))
        .map(|l| format!("{l}\n"))
        .fold(String::new(), |a, b| a + &b);
    assert_eq!(without.lines().count() + 1, dump.lines().count());
    let path = crate::support::write_temp("ruleset.nft", without.as_bytes());
    let mut h = seed();
    h.state_mut().push(Command::AuditPath(path));
    h.run();
    let missing = (h.state().findings().iter())
        .filter(|f| f.kind == lync_port_planner::findings::FindingKind::MissingRule)
        .count();
    assert_eq!(missing, 4);
}

#[test]
fn switching_the_language_translates_menus_and_panels() {
    let mut h = seed();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Language").click();
    h.run();
    h.get_by_label("繁體中文").click();
    h.run();
    assert_eq!(h.state().lang(), lync_port_planner::i18n::Lang::ZhTw);
    for label in [
        "檔案",
        "編輯",
        "檢視",
        "匯出",
        "角色",
        "規則",
        "依防火牆",
        "前端集區",
    ] {
        assert!(
            h.query_all_by_label(label).next().is_some(),
            "zh-TW label {label}"
        );
    }
    assert!(
        h.query_all_by_label_contains("發現項目").next().is_some(),
        "findings heading"
    );
    h.get_by_label("檢視").click();
    h.run();
    h.get_by_label("語言").click();
    h.run();
    h.get_by_label("한국어").click();
    h.run();
    for label in [
        "파일",
        "편집",
        "보기",
        "내보내기",
        "역할",
        "규칙",
        "방화벽별",
        "프런트 엔드 풀",
    ] {
        assert!(
            h.query_all_by_label(label).next().is_some(),
            "ko-KR label {label}"
        );
    }
    assert!(
        h.query_all_by_label_contains("Microsoft 페이지")
            .next()
            .is_some(),
        "findings messages are translated too"
    );
}

/// The bundled CJK font is handed to egui only when text needs it: an English window over
/// Latin labels never parses it; a Chinese and Korean label typed into it is drawn (kittest
/// fails on any character nothing can draw) with the font offered in that same frame.
#[test]
fn the_cjk_font_is_loaded_only_when_text_needs_it() {
    let mut h = seed();
    let fonts = |h: &Harness<'_, PlannerApp>| h.ctx.fonts(|f| f.discovered_fonts().len());
    assert_eq!(fonts(&h), 0, "English over Latin labels");
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    let field = h.get_by_label("Label");
    field.focus();
    field.type_text(" 台北 서울");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().plan().nodes[&NodeId::from("dir")].label,
        "Director pool 台北 서울"
    );
    assert!(
        h.query_all_by_label_contains("台北 서울").next().is_some(),
        "the card and the inspector show the new label"
    );
    assert_eq!(fonts(&h), 1, "the subset, once");
}

fn snapshot_in(lang: lync_port_planner::i18n::Lang, name: &str) {
    let app = PlannerApp::new(AppOptions {
        lang,
        ..AppOptions::default()
    })
    .expect("app starts");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .wgpu()
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h.snapshot(name);
}

#[test]
fn main_window_snapshot_in_traditional_chinese() {
    snapshot_in(
        lync_port_planner::i18n::Lang::ZhTw,
        "main_window_seed_zh-TW",
    );
}

#[test]
fn main_window_snapshot_in_korean() {
    snapshot_in(
        lync_port_planner::i18n::Lang::KoKr,
        "main_window_seed_ko-KR",
    );
}

#[test]
fn every_template_opens_and_checks_clean() {
    use lync_port_planner::examples::TEMPLATES;
    let mut h = seed();
    for (i, template) in TEMPLATES.iter().enumerate() {
        h.state_mut().push(Command::NewFromTemplate(i));
        h.run();
        assert!(
            !h.state().plan().description.is_empty(),
            "{} has a description",
            template.name
        );
        assert_eq!(
            h.state()
                .derived()
                .count(lync_port_planner::findings::Severity::Error),
            0,
            "{}",
            template.name
        );
        assert!(
            !h.state().doc.is_dirty(),
            "a template is clean until edited"
        );
    }
    assert_eq!(TEMPLATES.len(), 9);
}

#[test]
fn compare_with_an_older_plan_lists_the_changes() {
    let mut h = harness(AppOptions {
        plan: Some(root().join("saved-plans/director-pool-hlb.ron")),
        ..AppOptions::default()
    });
    h.state_mut().push(Command::ComparePath(
        root().join("saved-plans/director-pool-dns-hlb.ron"),
    ));
    h.run();
    let (_, changes, md) = h
        .state()
        .compare
        .comparison
        .clone()
        .expect("a comparison window");
    // The four rules to the Director on 5061 and 444 move between its servers and its VIP.
    assert_eq!(
        (
            changes.added.len(),
            changes.removed.len(),
            changes.changed.len()
        ),
        (0, 0, 4)
    );
    assert!(md.contains("rules to change"));
    assert!(
        h.query_by_label("0 to add, 0 to remove, 4 to change")
            .is_some()
    );
}

/// The selection's highlight colour (`theme::SELECTED`).
const SELECTED: egui::Color32 = egui::Color32::from_rgb(0xff, 0xd5, 0x4f);

/// The bounding boxes (screen points) and colours of the frame's line segments (dashes) and
/// rectangle strokes.
fn painted_colours(h: &Harness<'_, PlannerApp>) -> Vec<(egui::Rect, egui::Color32)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(egui::Rect, egui::Color32)>) {
        match shape {
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            egui::Shape::LineSegment { points, stroke } => {
                out.push((egui::Rect::from_two_pos(points[0], points[1]), stroke.color));
            }
            egui::Shape::Rect(r) => out.push((r.rect, r.stroke.color)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn trainer_steps_through_a_scenario_and_scores_an_exercise() {
    let mut h = seed();
    h.state_mut().push(Command::StartScenario(0));
    h.run();
    assert_eq!(h.state().trainer.as_ref().map(|t| t.step), Some(0));
    // Hop 1 (remote users -> Edge on 443) selects the remote users' peer link to the Edge,
    // with that link's rules in the table and the hop's rule chosen.
    let peer = h.state().selection.peer_link.clone().expect("a peer link");
    assert_eq!(
        (peer.peer.as_str(), peer.node.as_str()),
        ("any:internet:external_clients", "edge")
    );
    assert!(h.state().selection.nodes.is_empty() && h.state().selection.link.is_none());
    let drawn = h
        .state()
        .link_shapes
        .peer_links
        .iter()
        .find(|l| (l.shape.key.0.as_str(), l.shape.key.1.as_str()) == (peer.peer.as_str(), "edge"))
        .expect("the peer link is drawn");
    assert_eq!(peer.rules.len(), drawn.rules.len());
    let selected = h
        .state()
        .rule_table
        .selected
        .clone()
        .expect("the hop's rule");
    assert!(selected.starts_with("any-edge-sip-443:"), "{selected}");
    assert!(peer.rules.iter().any(|r| r.0 == selected));
    assert!(
        h.query_by_label_contains(&format!("{} of", peer.rules.len()))
            .is_some(),
        "the table shows the link's rules"
    );
    // On screen: the link and its peer card are drawn in the selection's colour.
    let painted = painted_colours(&h);
    let label = h.state().canvas.to_screen * drawn.shape.label;
    let card = h
        .state()
        .link_shapes
        .peers
        .iter()
        .find(|p| p.id == peer.peer)
        .map(|p| h.state().canvas.to_screen * p.rect)
        .expect("the peer card");
    assert!(
        painted
            .iter()
            .any(|(r, c)| *c == SELECTED && label.expand(1.0).contains_rect(*r)),
        "the peer link's label is highlighted"
    );
    assert!(
        painted
            .iter()
            .any(|(r, c)| *c == SELECTED && card.expand(2.0).contains_rect(*r) && r.width() > 4.0),
        "the peer card's border is highlighted"
    );
    h.get_by_label("Next").click();
    h.run();
    assert!(h.state().selection.peer_link.is_none());
    assert_eq!(
        h.state().selection.link,
        Some((NodeId::from("dir"), NodeId::from("edge"))),
        "hop 2 highlights the Edge - Director link"
    );
    assert_eq!(
        h.state().rule_table.selected.as_deref(),
        Some("edge-dir-sip-5061:edge>dir")
    );

    h.get_by_label("Exercise: hide the ports").click();
    h.run();
    assert!(
        h.query_by_label_contains("Link Director pool - Edge Server: ?")
            .is_some(),
        "ports hidden on the canvas"
    );
    for (i, answer) in ["443", "5061", "5061", "443", "4443"].iter().enumerate() {
        let label = format!("Answer for hop {}", i + 1);
        let field = h.get_by_label(&label);
        field.focus();
        field.type_text(answer);
        h.run();
    }
    h.get_by_label("Check answers").click();
    h.run();
    assert!(h.query_by_label("5 of 5 correct").is_some());
}

#[test]
fn a_failed_save_keeps_the_plan_and_says_why() {
    let dir = temp_dir();
    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let mut h = seed();
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.state_mut()
        .push(Command::SaveTo(blocker.join("plan.ron")));
    h.run();
    assert!(
        h.state().status.is_error && h.state().status.text.starts_with("cannot write file"),
        "{:?}",
        h.state().status
    );
    assert!(h.state().doc.is_dirty(), "nothing is marked saved");
    assert!(
        !h.state().plan().nodes.contains_key(&NodeId::from("edge")),
        "the edit is kept in memory"
    );
}

#[test]
fn saving_into_a_vanished_folder_says_why_and_keeps_the_plan() {
    let dir = temp_dir();
    let path = dir.join("plan.ron");
    std::fs::copy(root().join("saved-plans/single-director.ron"), &path).unwrap();
    let mut h = harness(AppOptions {
        plan: Some(path.clone()),
        ..AppOptions::default()
    });
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    std::fs::remove_dir_all(&dir).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let status = &h.state().status;
    assert!(
        status.is_error && status.text.contains("No such file or directory"),
        "{status:?}"
    );
    assert!(h.state().doc.is_dirty(), "nothing is marked saved");
    assert!(!h.state().plan().nodes.contains_key(&NodeId::from("edge")));
    assert!(
        h.query_by_label_contains("No such file or directory")
            .is_some(),
        "the status bar shows the reason"
    );
}
