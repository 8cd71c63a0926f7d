//! The firewalls as things on the canvas: a new user at 1280x800 clicks the internal firewall,
//! the table lists exactly its rule set, the inspector counts it, the selection export writes it
//! as the CLI's `export --firewall internal` does; clicking its wall selects it too; its name
//! can be edited in one undo step; the names stay readable and apart at any zoom.

use std::collections::BTreeSet;

use eframe::egui::{self, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::export::Format;
use lync_port_planner::plan::layout::INTERNAL_X;
use lync_port_planner::plan::{CanvasPoint, FirewallId, Firewalls, PlanEdit};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::export_menu::{ExportKind, ExportScope};
use lync_port_planner::ui::rule_table::Row;
use lync_port_planner::ui::{AppOptions, DialogKind, PlannerApp};

use crate::support::{root, temp_dir};
use crate::ui::click_at;

const SEED: &str = "saved-plans/director-pool-dns-hlb.ron";

fn window() -> Harness<'static, PlannerApp> {
    let app = PlannerApp::new(AppOptions {
        plan: Some(root().join(SEED)),
        ..AppOptions::default()
    })
    .expect("app starts");
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h
}

/// The ids of the rules the table lists.
fn table_rules(h: &Harness<'_, PlannerApp>) -> BTreeSet<String> {
    let app = h.state();
    let rules = &app.derived().derivation.rules.rules;
    app.rule_table
        .rows(app.derived(), &app.selection, app.lang())
        .iter()
        .filter_map(|row| match row {
            Row::Rule(i) => Some(rules[i].id().to_string()),
            Row::Heading(_) => None,
        })
        .collect()
}

/// The ids of the internal firewall's rule set, as the core gives it.
fn internal_rules(h: &Harness<'_, PlannerApp>) -> (BTreeSet<String>, usize, usize) {
    let app = h.state();
    let set = app
        .derived()
        .derivation
        .rules
        .through(app.plan().firewalls.layout(), FirewallId::Internal);
    let ids = set
        .inbound
        .iter()
        .chain(&set.outbound)
        .map(|r| r.id().to_string())
        .collect();
    (ids, set.inbound.len(), set.outbound.len())
}

#[test]
fn a_new_user_clicks_the_internal_firewall_and_exports_exactly_its_rules() {
    let mut h = window();
    let all = table_rules(&h);
    // Its name in the titles strip, a button on screen (not inside the Scene).
    h.get_by_label("Firewall: Internal firewall").click();
    h.run();
    assert_eq!(h.state().selection.firewall, Some(FirewallId::Internal));
    let (ids, inbound, outbound) = internal_rules(&h);
    assert!(inbound > 0 && outbound > 0, "{inbound} in, {outbound} out");
    assert!(
        ids.len() < all.len(),
        "the internal firewall passes some rules only"
    );
    assert_eq!(table_rules(&h), ids);
    let total = all.len();
    h.get_by_label(&format!("{} of {total} rules", ids.len()));
    // The inspector counts them each way.
    h.get_by_label_contains(&format!(
        "Inbound rules (from the side nearer the Internet): {inbound}"
    ));
    h.get_by_label_contains(&format!(
        "Outbound rules (towards the Internet side): {outbound}"
    ));

    // Export > selection: the request names the firewall's rule set; the file equals the CLI's.
    h.state_mut().export_scope = ExportScope::Selection;
    h.state_mut().push(Command::Export {
        kind: ExportKind::Rules(Format::Csv),
        to_clipboard: false,
    });
    h.run();
    let request = match (
        h.state_mut().pending_export.take(),
        h.state_mut().dialogs.requested.take(),
    ) {
        (Some((request, _)), _) | (None, Some(DialogKind::Export(request))) => request,
        other => panic!("no export asked for: {other:?}"),
    };
    let dir = temp_dir();
    let seed = root().join(SEED);
    for format in [Format::Csv, Format::Json, Format::Asa] {
        let path = dir.join(format!("internal.{}", format.extension()));
        let mut request = request.clone();
        request.kind = ExportKind::Rules(format);
        h.state_mut().push(Command::ExportTo {
            request,
            path: path.clone(),
        });
        h.run();
        let cli = crate::support::cli(&[
            "export",
            seed.to_str().unwrap(),
            "--format",
            format.as_str(),
            "--firewall",
            "internal",
        ]);
        assert_eq!(cli.status.code(), Some(0));
        assert_eq!(std::fs::read(&path).unwrap(), cli.stdout, "{format}");
    }
    // Show all gives the table back.
    h.get_by_label("Show all (clear selection)").click();
    h.run();
    assert_eq!(h.state().selection.firewall, None);
    assert_eq!(table_rules(&h), all);
}

#[test]
fn clicking_the_wall_on_the_canvas_selects_its_firewall() {
    let mut h = window();
    let canvas = h.state().canvas.screen_rect;
    let x = h
        .state()
        .canvas
        .to_screen_pos(CanvasPoint {
            x: INTERNAL_X,
            y: 0.0,
        })
        .x;
    assert!(
        canvas.x_range().contains(x),
        "the internal wall is in view at fit"
    );
    // Low on the canvas, below the cards and their links.
    click_at(&mut h, Pos2::new(x, canvas.bottom() - 12.0));
    assert_eq!(h.state().selection.firewall, Some(FirewallId::Internal));
    // A click on the empty band beside it selects nothing.
    click_at(&mut h, Pos2::new(x + 40.0, canvas.bottom() - 12.0));
    assert!(h.state().selection.is_empty());
}

#[test]
fn a_firewall_renamed_in_the_inspector_is_one_undo_step() {
    let mut h = window();
    h.get_by_label("Firewall: External firewall").click();
    h.run();
    let field = h.get_by_label("Name");
    field.focus();
    field.type_text(" A");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let name = |h: &Harness<'_, PlannerApp>| {
        (h.state().plan().firewalls.get(FirewallId::External))
            .map(|f| f.name.to_owned())
            .unwrap_or_default()
    };
    assert_eq!(name(&h), "External firewall A");
    h.get_by_label("Firewall: External firewall A");
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(name(&h), "External firewall");
}

#[test]
fn the_firewall_names_stay_apart_and_on_the_canvas_at_any_zoom() {
    let mut h = window();
    for zoom in [0.05, 0.2, 1.0, 3.0] {
        h.state_mut().canvas.zoom_request = Some(zoom);
        h.run();
        let canvas = h.state().canvas.screen_rect;
        let rects: Vec<egui::Rect> = ["External firewall", "Internal firewall"]
            .iter()
            .map(|name| h.get_by_label(&format!("Firewall: {name}")).rect())
            .collect();
        for r in &rects {
            assert!(
                canvas.expand(0.5).contains_rect(*r),
                "zoom {zoom}: {r:?} off {canvas:?}"
            );
        }
        assert!(
            !rects[0].shrink(0.5).intersects(rects[1].shrink(0.5)),
            "zoom {zoom}: {rects:?}"
        );
        assert!(
            rects[0].center().x < rects[1].center().x,
            "zoom {zoom}: outside in"
        );
    }
}

#[test]
fn a_three_legged_firewall_is_one_name_and_its_rule_set_is_every_crossing_rule() {
    let mut h = window();
    h.get_by_label("Firewall: Internal firewall").click();
    h.run();
    h.state_mut().push(Command::Edit(PlanEdit::SetFirewalls {
        firewalls: Firewalls::three_legged(),
    }));
    h.run();
    // The internal firewall is gone: so is its selection, and both walls are one firewall's.
    assert_eq!(h.state().selection.firewall, None);
    assert!(h.query_by_label("Firewall: Internal firewall").is_none());
    h.get_by_label("Firewall: Firewall").click();
    h.run();
    assert_eq!(h.state().selection.firewall, Some(FirewallId::ThreeLegged));
    let app = h.state();
    let crossing: BTreeSet<String> = (app.derived().derivation.rules.rules.iter())
        .filter(|r| r.source.zone != r.destination.zone)
        .map(|r| r.id().to_string())
        .collect();
    assert!(!crossing.is_empty());
    assert_eq!(table_rules(&h), crossing);
}
