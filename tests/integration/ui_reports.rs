//! The Reports window: opened from View > Reports..., its three tabs show the seed's rule counts
//! per firewall, DNS records and certificates with the findings about them, its buttons write
//! what the CLI writes; the records are derived when the plan changes, not every frame; the
//! trainer walks the DNS lookups of a sign-in with the plan's records; every language draws.

use std::ffi::OsString;

use eframe::egui::{self, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::dns::{self, DnsRecord, RecordData};
use lync_port_planner::export::dns::DnsFormat;
use lync_port_planner::i18n::Lang;
use lync_port_planner::plan::{FirewallId, PlanEdit};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::export_menu::ExportKind;
use lync_port_planner::ui::reports::Tab;
use lync_port_planner::ui::{AppOptions, DialogKind, PlannerApp};

use crate::support::{catalog, root, temp_dir};

const SEED: &str = "saved-plans/director-pool-dns-hlb.ron";

fn window(options: AppOptions) -> Harness<'static, PlannerApp> {
    let app = PlannerApp::new(AppOptions {
        plan: Some(root().join(SEED)),
        ..options
    })
    .expect("app starts");
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h
}

/// The text the clipboard got this frame.
fn copied(h: &Harness<'_, PlannerApp>) -> Option<String> {
    (h.output().platform_output.commands.iter()).find_map(|c| match c {
        egui::OutputCommand::CopyText(t) => Some(t.clone()),
        _ => None,
    })
}

/// What `lync-port-planner export SEED --format F` writes.
fn cli_export(format: &str) -> Vec<u8> {
    let seed = root().join(SEED);
    let out = crate::support::cli(&["export", seed.to_str().unwrap(), "--format", format]);
    assert_eq!(out.status.code(), Some(0), "{format}");
    out.stdout
}

/// Click `button`, then write the export it asked for to a file: the bytes the CLI writes.
fn export_equals_cli(h: &mut Harness<'_, PlannerApp>, button: &str, kind: ExportKind, cli: &str) {
    h.get_by_label(button).click();
    h.run();
    let request = match h.state_mut().dialogs.requested.take() {
        Some(DialogKind::Export(request)) => request,
        other => panic!("{button}: no export dialog asked for: {other:?}"),
    };
    assert_eq!(request.kind, kind);
    let path = temp_dir().join(format!("report.{}", kind.extension()));
    h.state_mut().push(Command::ExportTo {
        request,
        path: path.clone(),
    });
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), cli_export(cli), "{button}");
    h.get_by_label("Copy as CSV").click();
    // The copy is made a frame or two later (past the export guard): look at each frame's output.
    let text = (0..4)
        .find_map(|_| {
            h.step();
            copied(h)
        })
        .expect("the table is copied");
    let csv = String::from_utf8(cli_export(cli)).unwrap();
    assert_eq!(text, csv.trim_start_matches('\u{feff}'), "{button}: copied");
}

#[test]
fn the_reports_window_shows_and_exports_the_seeds_three_reports() {
    let mut h = window(AppOptions::default());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Reports...").click();
    h.run();
    assert!(h.state().reports.open);
    assert_eq!(h.state().reports.tab, Tab::Firewall);

    // Firewall: the rule counts each firewall must pass, equal to its rule set.
    let (inbound, outbound) = {
        let app = h.state();
        let set = (app.derived().derivation.rules)
            .through(app.plan().firewalls.layout(), FirewallId::Internal);
        (set.inbound.len(), set.outbound.len())
    };
    assert_eq!((inbound, outbound), (6, 10));
    h.get_by_label("Host firewalls (rules within one zone)");
    h.get_by_label_contains("TCP 5061 · TCP 5062");
    // Its name selects it: the rule table and the inspector show its rules.
    h.get_by_label("Internal firewall").click();
    h.run();
    assert_eq!(h.state().selection.firewall, Some(FirewallId::Internal));

    // DNS records: the seed's records, the SRV record with its numbers, the findings beside.
    h.get_by_label("DNS records").click();
    h.run();
    assert_eq!(h.state().reports.tab, Tab::Dns);
    h.get_by_label("26 records");
    h.get_by_label("_sipinternaltls._tcp.northwind.net");
    assert_eq!(h.query_all_by_label("dns_mismatch").count(), 3);
    // Beside the table, as in the side panel's findings.
    assert_eq!(
        (h.query_all_by_label_contains("sip.northwind.net cannot be published in DNS")).count(),
        2
    );
    export_equals_cli(
        &mut h,
        "Save as CSV...",
        ExportKind::Dns(DnsFormat::Csv),
        "dns-csv",
    );

    // Certificates: the Edge's external certificate with its SAN, the pools' many SANs.
    h.get_by_label("Certificates").click();
    h.run();
    assert_eq!(h.state().reports.tab, Tab::Certificates);
    h.get_by_label("5 certificates");
    h.get_by_label("webcon.northwind.net");
    assert_eq!(
        h.query_all_by_label("lyncdiscover.northwind.net").count(),
        3,
        "Director, Front End and reverse proxy certificates"
    );
    h.get_by_label("Edge, external interfaces");
    export_equals_cli(
        &mut h,
        "Save as CSV...",
        ExportKind::Dns(DnsFormat::CertificatesCsv),
        "certificates-csv",
    );
    // The request folders go where the Export menu's go.
    h.get_by_label("OpenSSL requests (folder)...").click();
    h.run();
    assert!(matches!(
        h.state_mut().dialogs.requested.take(),
        Some(DialogKind::Export(r)) if r.kind == ExportKind::Dns(DnsFormat::CertOpenssl)
    ));
}

#[test]
fn the_records_are_derived_when_the_plan_changes_not_every_frame() {
    let mut h = window(AppOptions {
        reports: Some(Tab::Dns),
        ..AppOptions::default()
    });
    for _ in 0..5 {
        h.run();
    }
    // The records shown are the derivation's, derived with the rules.
    let first = h_handoff(&h);
    assert!(first.dns.as_ref().is_ok_and(|d| !d.records.is_empty()));
    h.run();
    assert!(
        std::sync::Arc::ptr_eq(&first, &h_handoff(&h)),
        "an idle frame derives nothing"
    );
    // A card moved within its zone: same content, same records.
    let (id, node) = {
        let (id, node) = h.state().plan().nodes.iter().next().unwrap();
        (id.clone(), node.clone())
    };
    let mut to = node.position;
    to.y += 40.0;
    h.state_mut().push(Command::Edit(PlanEdit::MoveNodes {
        moves: vec![(id, to, node.zone)],
    }));
    h.run();
    assert!(
        std::sync::Arc::ptr_eq(&first, &h_handoff(&h)),
        "a move derives nothing"
    );
    // Another SIP domain: derived once more, and shown.
    let mut names = h.state().plan().names.clone();
    names.sip_domains = vec!["fabrikam.com".to_owned()];
    h.state_mut()
        .push(Command::Edit(PlanEdit::SetNames { names }));
    h.run();
    h.run();
    let second = h_handoff(&h);
    assert!(!std::sync::Arc::ptr_eq(&first, &second));
    h.get_by_label("_sipinternaltls._tcp.fabrikam.com");
}

/// The names, records and certificates the window shows (the derivation's).
fn h_handoff(h: &Harness<'_, PlannerApp>) -> std::sync::Arc<lync_port_planner::handoff::Handoff> {
    std::sync::Arc::clone(&h.state().derived().derivation.handoff)
}

/// One record as the trainer prints it.
fn record_line(r: &DnsRecord) -> String {
    match &r.data {
        RecordData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!("{} SRV {priority} {weight} {port} {target}", r.name),
        other => format!("{} {} {}", r.name, other.type_name(), other.value()),
    }
}

fn selected(h: &Harness<'_, PlannerApp>, id: &str) -> bool {
    h.state().selection.nodes.iter().any(|n| n.as_str() == id)
}

#[test]
fn the_trainer_steps_through_the_dns_lookups_of_a_sign_in() {
    let mut h = window(AppOptions::default());
    let index = (lync_port_planner::trainer::scenarios().unwrap().iter())
        .position(|s| s.id == "sign_in_dns_internal")
        .unwrap();
    h.state_mut().push(Command::StartScenario(index));
    h.run();
    let records = dns::derive(h.state().plan(), &catalog()).unwrap();
    let shown = |name: &str| {
        (records.records.iter())
            .filter(|r| r.view == dns::View::Internal && r.name.as_str() == name)
            .map(record_line)
            .collect::<Vec<_>>()
    };
    // 1: Autodiscover inside, answered by the plan's CNAME; the Director it points at selected.
    h.get_by_label("Step 1 of 8");
    h.get_by_label("lyncdiscoverinternal.northwind.net A");
    let answer = shown("lyncdiscoverinternal.northwind.net");
    assert_eq!(answer.len(), 1);
    h.get_by_label(&answer[0]);
    h.get_by_label("The first answer: the client stops asking here.");
    assert!(selected(&h, "dir"));
    // 2: not in the internal DNS: the next name is said.
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Step 2 of 8");
    h.get_by_label(
        "No record in the plan's internal DNS: the client asks next for _sipinternaltls._tcp.northwind.net.",
    );
    // 3: the SRV record of the pool that signs clients in, with its port.
    h.get_by_label("Next").click();
    h.run();
    let srv = shown("_sipinternaltls._tcp.northwind.net");
    assert_eq!(
        srv,
        ["_sipinternaltls._tcp.northwind.net SRV 0 0 5061 pool01.corp.northwind.net"]
    );
    h.get_by_label(&srv[0]);
    assert!(selected(&h, "fe"));
    h.get_by_label_contains("Step 1 answered first");
    // 7: sip.<domain>, the Directors' two addresses; 8: nothing left.
    for _ in 3..8 {
        h.get_by_label("Next").click();
        h.run();
    }
    h.get_by_label("Step 8 of 8");
    h.get_by_label(
        "No record in the plan's internal DNS, and nothing is left to ask: the sign-in fails.",
    );
    h.get_by_label("Previous").click();
    h.run();
    for line in shown("sip.northwind.net") {
        h.get_by_label(&line);
    }
    h.get_by_label("Lync Server 2013: Determine DNS requirements");
}

/// Every tab and the lookups walk in Chinese and Korean: no glyph missing (kittest fails on
/// one), the tab names in the window's language; `--reports` opens the window at a tab.
#[test]
fn the_reports_draw_in_every_language() {
    for (lang, title) in [(Lang::ZhTw, "報告"), (Lang::KoKr, "보고서")] {
        for tab in Tab::ALL {
            let h = window(AppOptions {
                lang,
                reports: Some(tab),
                ..AppOptions::default()
            });
            h.get_by_label(title);
            assert_eq!(h.state().reports.tab, tab);
        }
        let mut h = window(AppOptions {
            lang,
            ..AppOptions::default()
        });
        let last = lync_port_planner::trainer::scenarios().unwrap().len() - 1;
        h.state_mut().push(Command::StartScenario(last));
        h.run();
        h.get_by_label("lyncdiscoverinternal.northwind.net A");
    }
    let args: Vec<OsString> = vec![
        root().join(SEED).into_os_string(),
        "--reports".into(),
        "certificates".into(),
    ];
    let app = lync_port_planner::ui::startup(&args).expect("the window opens");
    assert!(app.reports.open);
    assert_eq!(app.reports.tab, Tab::Certificates);
}

/// A generated plan's thousand records: the tables lay out only the rows in view (a frame with
/// the window open costs what one without it does), and the findings beside them are capped.
#[test]
fn a_large_plans_tables_lay_out_only_the_rows_in_view() {
    let plan = crate::support::gen_plan_path(500);
    let app = PlannerApp::new(AppOptions {
        plan: Some(plan),
        reports: Some(Tab::Dns),
        ..AppOptions::default()
    })
    .unwrap();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    let (records, certs) = {
        let app = h.state();
        let records = dns::derive(app.plan(), &catalog()).unwrap().records.len();
        let certs = (lync_port_planner::certs::derive(app.plan(), &catalog()))
            .unwrap()
            .certificates
            .len();
        (records, certs)
    };
    assert!(
        records > 1000 && certs > 100,
        "{records} records, {certs} certificates"
    );
    // Links of the rest of the window (the side panel's sources).
    h.state_mut().reports.open = false;
    h.run();
    let others = h.query_all_by_role(egui::accesskit::Role::Link).count();
    h.state_mut().reports.open = true;
    h.run();
    let links = |h: &Harness<'_, PlannerApp>| {
        h.query_all_by_role(egui::accesskit::Role::Link).count() - others
    };
    // One page link a row: about a window's height of rows.
    let shown = links(&h);
    assert!(
        (5..60).contains(&shown),
        "{shown} of {records} rows laid out"
    );
    h.get_by_label_contains("every finding is in the side panel");
    h.state_mut().reports.tab = Tab::Certificates;
    h.run();
    let shown = links(&h);
    assert!((1..60).contains(&shown), "{shown} of {certs} rows laid out");
}
