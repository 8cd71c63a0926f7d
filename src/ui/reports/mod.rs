//! The Reports window (View > Reports...): the plan's three reports in tabs. Firewall: the rule
//! counts each firewall must pass (its rules themselves are the rule table's, shown by clicking
//! the firewall's name, which selects it), DNS records and Certificates: the tables the DNS and certificate exports write,
//! with the findings about them. Each exports through the Export menu's own command, so a file
//! saved here is the CLI's `export --format ...`.

mod data;
mod tables;

use eframe::egui::{self, RichText};

pub use data::{FirewallLine, FirewallReport, ReportData, ReportResult};

use crate::catalog::Catalog;
use crate::document::ContentId;
use crate::export::Format;
use crate::export::dns::DnsFormat;
use crate::findings::{Finding, FindingKind};
use crate::plan::Plan;
use crate::ui::Selection;
use crate::ui::command::{Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::export_menu::ExportKind;
use crate::ui::text::{t, tf};

/// The window's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Rule counts per firewall.
    #[default]
    Firewall,
    /// The DNS records.
    Dns,
    /// The certificates.
    Certificates,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Self; 3] = [Self::Firewall, Self::Dns, Self::Certificates];

    fn text_key(self) -> &'static str {
        match self {
            Self::Firewall => "reports.tab.firewall",
            Self::Dns => "reports.tab.dns",
            Self::Certificates => "reports.tab.certificates",
        }
    }
}

/// The window's state and its cached data.
#[derive(Clone, Debug, Default)]
pub struct Reports {
    /// Shown.
    pub open: bool,
    /// The tab shown.
    pub tab: Tab,
    /// What the tabs show, derived when the plan changes.
    pub data: ReportData,
}

/// What the window reads.
pub struct ReportsView<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its content now.
    pub content: ContentId,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The rules (of `derived.content`, a frame or two behind an edit of a large plan).
    pub derived: &'a Derived,
    /// The findings shown (the plan's, with the audit's if one is loaded).
    pub findings: &'a [Finding],
}

/// Findings listed beside a table at most (a generated plan has thousands; the side panel lists
/// them all).
const MAX_FINDINGS: usize = 50;

/// The findings each tab shows beside its table.
fn tab_kinds(tab: Tab) -> &'static [FindingKind] {
    match tab {
        Tab::Firewall => &[],
        Tab::Dns => &[FindingKind::DnsMismatch, FindingKind::InvalidName],
        Tab::Certificates => &[FindingKind::CertificateName, FindingKind::InvalidName],
    }
}

/// The Reports window, while open.
pub fn reports_ui(
    ctx: &egui::Context,
    reports: &mut Reports,
    view: &ReportsView<'_>,
    selection: &mut Selection,
    commands: &mut Commands,
) {
    let mut open = reports.open;
    let lang = crate::ui::text::lang(ctx);
    // Most of the window, the canvas showing at its edges.
    let screen = ctx.content_rect();
    let size = egui::vec2(
        (screen.width() * 0.85).min(1100.0),
        (screen.height() * 0.75).min(640.0),
    );
    egui::Window::new(crate::i18n::tr(lang, "reports.title"))
        .id(egui::Id::unique("reports-window"))
        .open(&mut open)
        .default_size(size)
        .default_pos(screen.center() - size / 2.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    ui.selectable_value(&mut reports.tab, tab, t(ui, tab.text_key()));
                }
            });
            ui.separator();
            let tab = reports.tab;
            match tab {
                Tab::Firewall => firewall_tab(ui, &mut reports.data, view, selection, commands),
                Tab::Dns | Tab::Certificates => {
                    export_buttons(ui, tab, commands);
                    findings_ui(ui, view.findings, tab_kinds(tab));
                    ui.separator();
                    // Derived with the rules, on the derivation thread.
                    let handoff = &view.derived.derivation.handoff;
                    if tab == Tab::Dns {
                        tables::dns_ui(ui, &handoff.dns);
                    } else {
                        tables::certificates_ui(ui, &handoff.certificates);
                    }
                }
            }
        });
    reports.open = open;
}

/// The exports of a tab: the Export menu's commands (a dialog, then the file the CLI writes),
/// and its table copied as CSV.
fn export_buttons(ui: &mut egui::Ui, tab: Tab, commands: &mut Commands) {
    let (files, csv): (&[(ExportKind, &'static str)], ExportKind) = match tab {
        Tab::Firewall => (
            &[
                (ExportKind::Rules(Format::Xlsx), "reports.export_xlsx"),
                (ExportKind::Rules(Format::Csv), "reports.export_csv"),
            ],
            ExportKind::Rules(Format::Csv),
        ),
        Tab::Dns => (
            &[
                (ExportKind::Dns(DnsFormat::Csv), "reports.export_csv"),
                (
                    ExportKind::Dns(DnsFormat::Powershell),
                    "reports.export_dns_ps",
                ),
                (ExportKind::Dns(DnsFormat::Zone), "reports.export_zone"),
            ],
            ExportKind::Dns(DnsFormat::Csv),
        ),
        Tab::Certificates => (
            &[
                (
                    ExportKind::Dns(DnsFormat::CertificatesCsv),
                    "reports.export_csv",
                ),
                (
                    ExportKind::Dns(DnsFormat::CertOpenssl),
                    "reports.export_openssl",
                ),
                (
                    ExportKind::Dns(DnsFormat::Certreq),
                    "reports.export_certreq",
                ),
            ],
            ExportKind::Dns(DnsFormat::CertificatesCsv),
        ),
    };
    ui.horizontal_wrapped(|ui| {
        for &(kind, key) in files {
            if ui.button(t(ui, key)).clicked() {
                commands.push(Command::Export {
                    kind,
                    to_clipboard: false,
                });
            }
        }
        if ui.button(t(ui, "reports.copy_csv")).clicked() {
            commands.push(Command::Export {
                kind: csv,
                to_clipboard: true,
            });
        }
    });
}

/// The findings of `kinds`, errors first as in the side panel.
fn findings_ui(ui: &mut egui::Ui, findings: &[Finding], kinds: &[FindingKind]) {
    let lang = crate::ui::text::lang(ui.ctx());
    let mut mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| kinds.contains(&f.kind))
        .collect();
    mine.sort_by_key(|f| f.severity);
    if mine.is_empty() {
        ui.label(RichText::new(t(ui, "reports.no_findings")).weak());
        return;
    }
    let title = tf(ui, "reports.findings", &[("n", &mine.len().to_string())]);
    egui::CollapsingHeader::new(title)
        .id_salt("report-findings")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("report-findings-scroll")
                .max_height(120.0)
                .show(ui, |ui| {
                    let more = mine.len().saturating_sub(MAX_FINDINGS);
                    for f in mine.into_iter().take(MAX_FINDINGS) {
                        let color = crate::ui::theme::severity_color(f.severity);
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(f.kind.as_str()).monospace().color(color));
                            ui.label(f.message.get(lang));
                        });
                    }
                    if more > 0 {
                        let text = tf(ui, "reports.findings_more", &[("n", &more.to_string())]);
                        ui.label(RichText::new(text).weak());
                    }
                });
        });
}

/// Rule counts per firewall; "Show its rules" selects the firewall, so the table and the
/// inspector show its rule set.
fn firewall_tab(
    ui: &mut egui::Ui,
    data: &mut ReportData,
    view: &ReportsView<'_>,
    selection: &mut Selection,
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    export_buttons(ui, Tab::Firewall, commands);
    ui.label(RichText::new(t(ui, "reports.export_scope")).small().weak());
    ui.separator();
    let Some(content) = view.derived.content else {
        return;
    };
    let report = data.firewalls(content, view.plan, &view.derived.derivation.rules);
    egui::Grid::new("report-firewalls")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for key in [
                "reports.col.firewall",
                "reports.col.inbound",
                "reports.col.outbound",
                "reports.col.ports",
            ] {
                ui.label(RichText::new(t(ui, key)).strong());
            }
            ui.end_row();
            for line in &report.lines {
                let name = (view.plan.firewalls.get(line.id))
                    .map(|f| crate::ui::text::firewall_name(lang, &f).into_owned())
                    .unwrap_or_default();
                // Its name selects it: the table and the inspector then show its rule set.
                let button = ui.button(name).on_hover_text(t(ui, "reports.show_rules"));
                if button.clicked() {
                    *selection = Selection::only_firewall(line.id);
                }
                ui.label(line.inbound.to_string());
                ui.label(line.outbound.to_string());
                ui.add(egui::Label::new(line.ports.join(" · ")).wrap());
                ui.end_row();
            }
            ui.label(t(ui, "reports.host"));
            ui.label(report.host.to_string());
            ui.end_row();
        });
}
