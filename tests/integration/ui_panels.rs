//! Panels that help (issue 19): findings in order with the source notes folded, the inspector and
//! findings scrolling apart, the rule toolbar at 1280 px, Help and the legend, the empty canvas,
//! and the small bugs of the list, each driven through the real window headlessly.

use eframe::egui::{self, Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::findings::{FindingKind, Severity};
use lync_port_planner::i18n::Lang;
use lync_port_planner::plan::{NodeId, PlanEdit};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, PlannerApp};

use crate::support::root;

/// The app at the default window size, 1280x800.
fn window(options: AppOptions) -> Harness<'static, PlannerApp> {
    let app = PlannerApp::new(options).expect("app starts");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h
}

fn in_lang(lang: Lang) -> Harness<'static, PlannerApp> {
    window(AppOptions {
        lang,
        ..AppOptions::default()
    })
}

fn select_director(h: &mut Harness<'static, PlannerApp>) {
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
}

#[test]
fn findings_put_errors_first_and_fold_the_source_notes() {
    let mut h = window(AppOptions::default());
    let notes = h
        .state()
        .findings()
        .iter()
        .filter(|f| f.kind == FindingKind::SourceConflict)
        .count();
    assert!(notes >= 3, "the seed has source notes: {notes}");
    let header = format!("Microsoft's pages disagree ({notes})");
    assert!(h.query_by_label(&header).is_some(), "one section: {header}");
    assert!(
        h.query_by_label_contains("Microsoft's pages disagree here")
            .is_none(),
        "the section starts folded"
    );

    // An error comes before the folded notes.
    h.state_mut().push(Command::Edit(PlanEdit::RemoveLinks {
        links: vec![(NodeId::from("dir"), NodeId::from("edge"))],
    }));
    h.run();
    assert!(
        h.state()
            .findings()
            .iter()
            .any(|f| f.severity == Severity::Error)
    );
    let error = h
        .get_by_label_contains("is not linked to any Director")
        .rect();
    let section = h.get_by_label(&header).rect();
    assert!(
        error.bottom() <= section.top(),
        "{error:?} above {section:?}"
    );

    h.get_by_label(&header).click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Microsoft's pages disagree here")
            .count()
            == notes,
        "unfolded on a click"
    );
}

#[test]
fn inspector_and_findings_scroll_apart() {
    let plan = root().join("saved-plans/full-site.ron");
    let mut h = window(AppOptions {
        plan: Some(plan),
        ..AppOptions::default()
    });
    let (id, edge) = h
        .state()
        .plan()
        .nodes
        .iter()
        .max_by_key(|(_, n)| n.members.len())
        .map(|(id, n)| (id.clone(), n.clone()))
        .expect("a pool");
    assert!(edge.members.len() >= 2, "a long inspector");
    h.state_mut().selection = lync_port_planner::ui::Selection::only_node(id);
    h.run();
    // However long the Edge pool's inspector, the findings' summary stays in the window.
    let summary = h.get_by_label_contains("Findings:").rect();
    assert!(
        summary.bottom() < 800.0,
        "findings summary at {summary:?}, under a 800 px window"
    );
    // The panel's "Inspector" heading, not the toolbar button of that name in the menu bar.
    let headings: Vec<_> = h
        .query_all_by_label("Inspector")
        .map(|n| n.rect())
        .filter(|r| r.top() > 25.0)
        .collect();
    assert_eq!(headings.len(), 1, "{headings:?}");
    assert!(headings[0].top() < 100.0, "{headings:?}");
}

#[test]
fn rule_toolbar_wraps_at_1280_and_show_all_clears_the_selection() {
    let mut h = window(AppOptions::default());
    select_director(&mut h);
    assert!(!h.state().selection.is_empty());
    let show_all = h.get_by_label("Show all (clear selection)").rect();
    assert!(
        show_all.right() <= 1280.0 - 400.0 + 10.0,
        "inside the rule panel, left of the side panel: {show_all:?}"
    );
    h.get_by_label("Show all (clear selection)").click();
    h.run();
    assert!(h.state().selection.is_empty(), "the button was reachable");
}

#[test]
fn escape_in_an_inspector_field_gives_the_edit_up() {
    let mut h = window(AppOptions::default());
    select_director(&mut h);
    let field = h.get_by_label("dir01 Director server");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("10.10.20.99");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.run();
    let member = &h.state().plan().nodes[&NodeId::from("dir")].members[0];
    assert_eq!(
        member.addresses.get("server").unwrap().to_string(),
        "10.10.20.11",
        "Escape reverts"
    );
    assert_eq!(
        h.get_by_label("dir01 Director server").value().as_deref(),
        Some("10.10.20.11"),
        "the field shows the stored value again"
    );
    assert!(
        !h.state().selection.is_empty(),
        "Escape in a field keeps the selection"
    );
    // Enter still commits.
    let field = h.get_by_label("dir01 Director server");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text("10.10.20.99");
    h.key_press(Key::Enter);
    h.run();
    let member = &h.state().plan().nodes[&NodeId::from("dir")].members[0];
    assert_eq!(
        member.addresses.get("server").unwrap().to_string(),
        "10.10.20.99"
    );
}

#[test]
fn a_new_link_becomes_the_selection_and_the_table_shows_its_rules() {
    let mut h = window(AppOptions::default());
    let (a, b) = (NodeId::from("dir"), NodeId::from("edge"));
    h.state_mut().push(Command::Edit(PlanEdit::RemoveLinks {
        links: vec![(a.clone(), b.clone())],
    }));
    h.run();
    h.state_mut().push(Command::Edit(PlanEdit::AddLink {
        a: a.clone(),
        b: b.clone(),
    }));
    h.run();
    assert_eq!(h.state().selection.link, Some((a, b)));
    let total = h.state().derived().derivation.rules.rules.len();
    assert!(
        h.query_by_label(&format!("0 of {total} rules")).is_none(),
        "the table shows the new link's rules"
    );
    assert!(
        h.query_all_by_label_contains("Link Director pool")
            .next()
            .is_some()
    );
}

#[test]
fn paste_never_lands_on_a_card_and_the_status_bar_says_so() {
    let mut h = window(AppOptions::default());
    select_director(&mut h);
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
        })
        .expect("copied text");
    h.run();
    // The system clipboard's text holds the original positions: pasting it twice used to put
    // the second copy exactly on the first.
    for _ in 0..2 {
        h.event(Event::Paste(text.clone()));
        h.run();
    }
    let plan = h.state().plan();
    assert_eq!(plan.nodes.len(), 7);
    let mut at: Vec<(u32, u32)> = plan
        .nodes
        .values()
        .map(|n| (n.position.x.to_bits(), n.position.y.to_bits()))
        .collect();
    at.sort_unstable();
    at.dedup();
    assert_eq!(at.len(), 7, "no two cards at one place");
    assert!(h.query_by_label_contains("Pasted 1 node").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().plan().nodes.len(), 6);
    assert!(h.query_by_label_contains("Undone").is_some());
}

#[test]
fn load_balancing_choices_are_named_not_ids() {
    let mut h = window(AppOptions::default());
    select_director(&mut h);
    assert!(h.query_by_value("DNS and hardware load balancer").is_some());
    assert!(h.query_by_value("dns_and_hlb").is_none());
    let mut h = in_lang(Lang::KoKr);
    select_director(&mut h);
    assert!(h.query_by_value("DNS 및 하드웨어 부하 분산 장치").is_some());
    assert!(h.query_by_value("내부 네트워크").is_some(), "the zone too");
    assert!(h.query_by_value("internal").is_none());
}

#[test]
fn help_lists_every_shortcut_and_the_legend() {
    let mut h = window(AppOptions::default());
    h.get_by_label("Help").click();
    h.run();
    for text in [
        "Undo",
        "Redo",
        "Paste",
        "Duplicate",
        "Fit to content",
        "Ctrl+Z",
        "Ctrl+L",
    ] {
        assert!(
            h.query_all_by_label(text).next().is_some(),
            "{text} in Help"
        );
    }
    assert!(h.query_by_label_contains("Red dot on a card").is_some());
    assert!(h.query_all_by_label_contains("+3 more").next().is_some());
    assert!(h.query_by_label_contains("Red addresses").is_some());
}

#[test]
fn an_empty_canvas_says_how_to_start() {
    let mut h = window(AppOptions::default());
    assert!(h.query_by_label_contains("Drag a role").is_none());
    h.state_mut().push(Command::NewPlan);
    h.run();
    assert!(h.query_by_label_contains("Drag a role").is_some());
    // The note takes no input: a role can still be placed through it.
    h.get_by_label("Director pool").click();
    h.run();
    let canvas = h.state().canvas.screen_rect;
    crate::ui::click_at(&mut h, canvas.center());
    assert_eq!(h.state().plan().nodes.len(), 1);
    assert!(h.query_by_label_contains("Drag a role").is_none());
}

#[test]
fn the_window_speaks_chinese_on_cards_in_the_table_and_for_new_nodes() {
    let mut h = in_lang(Lang::ZhTw);
    h.state_mut().push(Command::NewPlan);
    h.run();
    h.get_by_label("Director 集區").click();
    h.run();
    let canvas = h.state().canvas.screen_rect;
    crate::ui::click_at(&mut h, canvas.center());
    let labels: Vec<String> = h
        .state()
        .plan()
        .nodes
        .values()
        .map(|n| n.label.clone())
        .collect();
    assert_eq!(
        labels,
        ["Director 集區"],
        "a dropped node is named in the window's language"
    );
}

#[test]
fn the_trainer_window_clears_the_palette_and_explains_any() {
    let mut h = window(AppOptions::default());
    h.state_mut().push(Command::StartScenario(0));
    h.run();
    h.run();
    let palette_right = h.get_by_label("Reverse proxy").rect().right();
    let step = h.get_by_label_contains("Step 1").rect();
    assert!(step.left() > palette_right, "{step:?} right of the palette");
    assert!(h.query_by_label_contains("the dashed card").is_some());
    h.get_by_label("Exercise: hide the ports").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Access Edge on ?")
            .next()
            .is_some(),
        "the hop text keeps its words"
    );
    assert!(
        h.query_all_by_label_contains("Access Edge on 443")
            .next()
            .is_none(),
        "and hides the answer"
    );
}

/// Cards, table cells and firewall names in the window's language; the diagram files stay
/// English ("1 server", "external" and UNRESOLVED used to show in every language).
#[test]
fn cards_and_table_cells_are_translated() {
    use lync_port_planner::diagram::style;
    use lync_port_planner::ui::rule_table::{Column, cell};
    let catalog = crate::support::catalog();
    let plan = lync_port_planner::plan_file::from_ron(
        lync_port_planner::examples::SEED_PLAN,
        "seed.ron",
        &catalog,
    )
    .unwrap();
    let rp = &plan.nodes[&NodeId::from("rp")];
    assert!(style::card_badge(&catalog, rp).starts_with("1 server"));
    assert!(style::card_badge_in(&catalog, rp, Lang::ZhTw).starts_with("1 部伺服器"));
    assert!(style::card_badge_in(&catalog, rp, Lang::KoKr).starts_with("서버 1대"));

    let mut plan = plan;
    // A VIP taken away: the rules to it have no address.
    plan.node_mut(&NodeId::from("dir")).unwrap().vips.clear();
    let rules = crate::support::derive(&plan).0;
    let rule = rules
        .rules
        .iter()
        .find(|r| {
            r.is_unresolved() && r.firewall == lync_port_planner::topology::Firewall::Internal
        })
        .expect("an unresolved rule");
    assert_eq!(cell(rule, Column::Firewall, Lang::ZhTw), "內部");
    assert_eq!(cell(rule, Column::Firewall, Lang::En), "internal");
    let both = |lang| {
        cell(rule, Column::SourceAddresses, lang) + &cell(rule, Column::DestinationAddresses, lang)
    };
    assert!(both(Lang::En).contains("UNRESOLVED"));
    assert!(
        !both(Lang::KoKr).contains("UNRESOLVED"),
        "{}",
        both(Lang::KoKr)
    );
    assert!(both(Lang::KoKr).contains("주소 없음"));
}

/// A link drawn under the rule panel (the canvas panned so that it passes there) takes no click
/// meant for the panel: the click used to select the hidden link.
#[test]
fn a_link_under_a_panel_takes_no_click() {
    let mut h = window(AppOptions::default());
    let target = h.get_by_label("Filter").rect().center();
    let canvas = h.state().canvas.screen_rect;
    assert!(target.y > canvas.bottom(), "the filter is below the canvas");
    for _ in 0..3 {
        let app = h.state();
        let shape = &app.link_shapes.shapes[0];
        let mid = app.canvas.to_screen * shape.a.lerp(shape.b, 0.5);
        let scale = app.canvas.to_screen.scaling;
        let moved = app.canvas.scene_rect.translate(-(target - mid) / scale);
        h.state_mut().canvas.scene_rect = moved;
        h.run();
    }
    let app = h.state();
    let shape = &app.link_shapes.shapes[0];
    let mid = app.canvas.to_screen * shape.a.lerp(shape.b, 0.5);
    assert!(
        mid.distance(target) < 3.0,
        "the link runs under the label: {mid:?}"
    );
    crate::ui::click_at(&mut h, target);
    assert_eq!(
        h.state().selection.link,
        None,
        "the hidden link took the click"
    );
}
