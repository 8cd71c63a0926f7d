//! The right panel's lower parts: the selected rule explained, and the findings with their fixes.

use eframe::egui::{self, RichText};

use crate::findings::{Finding, FindingKind, Fix, Severity, Subject};
use crate::plan::{Plan, PlanEdit};
use crate::rules::Rule;
use crate::ui::Selection;
use crate::ui::command::{Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::text::{lang, t, tf};
use crate::ui::theme;

/// The selected rule explained: why, where Microsoft says so, and any disagreement between pages.
pub fn rule_detail_ui(ui: &mut egui::Ui, rule: &Rule, catalog: &crate::catalog::Catalog) {
    let lang = lang(ui.ctx());
    ui.label(RichText::new(rule.summary_in(lang)).strong());
    ui.label(rule.notes().get(lang));
    ui.label(
        RichText::new(tf(
            ui,
            "rule.firewall",
            &[("fw", crate::i18n::firewall_title(lang, rule.firewall))],
        ))
        .small(),
    );
    ui.label(
        RichText::new(tf(ui, "rule.id", &[("id", &rule.id().to_string())]))
            .small()
            .weak(),
    );
    ui.label(t(ui, "rule.sources"));
    for id in rule.references() {
        match catalog.source(id) {
            Some(page) => {
                ui.hyperlink_to(&page.title, &page.url)
                    .on_hover_text(&page.url);
            }
            None => {
                ui.label(RichText::new(id).small());
            }
        }
    }
    for c in rule
        .conflicts()
        .iter()
        .filter_map(|id| catalog.conflict(id))
    {
        let pages: Vec<&str> = c
            .pages
            .iter()
            .map(|id| catalog.source(id).map_or(id.as_str(), |p| p.title.as_str()))
            .collect();
        let text = tf(
            ui,
            "rule.conflict",
            &[
                ("sources", &pages.join("; ")),
                ("summary", c.summary.get(lang)),
            ],
        );
        ui.label(RichText::new(text).color(theme::severity_color(Severity::Warning)));
    }
}

fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "severity.error",
        Severity::Warning => "severity.warning",
        Severity::Info => "severity.info",
    }
}

/// The findings list; a click selects the subject, a button applies the fix.
pub fn findings_ui(
    ui: &mut egui::Ui,
    findings: &[Finding],
    (derived, plan): (&Derived, &Plan),
    selection: &mut Selection,
    commands: &mut Commands,
) {
    let count = |s| {
        findings
            .iter()
            .filter(|f| f.severity == s)
            .count()
            .to_string()
    };
    let summary = tf(
        ui,
        "findings.summary",
        &[
            ("e", &count(Severity::Error)),
            ("w", &count(Severity::Warning)),
            ("i", &count(Severity::Info)),
        ],
    );
    ui.label(RichText::new(summary).strong());
    if findings.iter().all(|f| f.severity == Severity::Info) {
        ui.label(
            RichText::new(t(ui, "findings.clean")).color(theme::severity_color(Severity::Info)),
        );
    }
    let (notes, others) = split_findings(findings);
    // Every finding laid out in every frame was two thirds of an idle frame at 2,000 nodes
    // (677 findings, 20 M instructions a frame): the first ones show, the rest on request
    // (the button at the top, where it is seen without scrolling).
    let all_id = egui::Id::unique("findings-show-all");
    let show_all = ui.data(|d| d.get_temp::<bool>(all_id)).unwrap_or(false);
    let shown = if show_all {
        others.len()
    } else {
        FINDINGS_SHOWN
    };
    if others.len() > shown {
        let n = others.len().to_string();
        if ui
            .button(tf(ui, "findings.show_all", &[("n", &n)]))
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(all_id, true));
        }
    }
    for &(i, f) in others.iter().take(shown) {
        finding_ui(ui, i, f, (derived, plan), selection, commands);
    }
    if !notes.is_empty() {
        ui.add_space(4.0);
        egui::CollapsingHeader::new(tf(
            ui,
            "findings.conflicts",
            &[("n", &notes.len().to_string())],
        ))
        .id_salt("source-conflicts")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(t(ui, "findings.conflicts_hint"))
                    .small()
                    .weak(),
            );
            for (i, f) in notes {
                finding_ui(ui, i, f, (derived, plan), selection, commands);
            }
        });
    }
}

/// Findings listed before "Show all" (errors first, so an error is never the one held back
/// unless there are more errors than this).
pub const FINDINGS_SHOWN: usize = 100;

/// Findings with their place in the full list (their widget ids).
pub type Numbered<'a> = Vec<(usize, &'a Finding)>;

/// Source notes apart, the rest errors first, then warnings, then other notes (a stable sort:
/// an audit's findings come after the plan's of the same severity).
pub fn split_findings(findings: &[Finding]) -> (Numbered<'_>, Numbered<'_>) {
    let (notes, mut others): (Vec<_>, Vec<_>) = findings
        .iter()
        .enumerate()
        .partition(|(_, f)| f.kind == FindingKind::SourceConflict);
    others.sort_by_key(|(_, f)| f.severity);
    (notes, others)
}

fn finding_ui(
    ui: &mut egui::Ui,
    i: usize,
    f: &Finding,
    (derived, plan): (&Derived, &Plan),
    selection: &mut Selection,
    commands: &mut Commands,
) {
    let lang = lang(ui.ctx());
    ui.push_id(i, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(t(ui, severity_key(f.severity)))
                    .color(theme::severity_color(f.severity))
                    .strong(),
            );
            if ui.link(f.message.get(lang)).clicked() {
                select_subject(&f.subject, (derived, plan), selection);
            }
            if let Some(fix) = &f.fix {
                let (key, command) = fix_command(fix);
                if ui.button(t(ui, key)).clicked() {
                    commands.push(command);
                }
            }
        });
    });
}

fn select_subject(
    subject: &Subject,
    (derived, plan): (&Derived, &Plan),
    selection: &mut Selection,
) {
    *selection = match subject {
        Subject::Plan | Subject::Existing(_) => Selection::default(),
        Subject::Node(id) => Selection::only_node(id.clone()),
        Subject::Link(a, b) => Selection::only_link(a.clone(), b.clone()),
        Subject::Rule(id) => (derived.derivation.rules.rules.iter())
            .find(|r| r.id() == id.as_str())
            .map_or_else(Selection::default, |r| Selection::of_rule(r, plan)),
    };
}

/// The i18n key of the fix's button and the command it sends.
fn fix_command(fix: &Fix) -> (&'static str, Command) {
    match fix {
        Fix::AddLink { a, b } => (
            "fix.add_link",
            Command::Edit(PlanEdit::AddLink {
                a: a.clone(),
                b: b.clone(),
            }),
        ),
        Fix::RemoveLink { a, b } => (
            "fix.remove_link",
            Command::Edit(PlanEdit::RemoveLinks {
                links: vec![(a.clone(), b.clone())],
            }),
        ),
        Fix::EnableRequirement { a, b, requirement } => (
            "fix.switch_on",
            Command::Edit(PlanEdit::SetRequirement {
                a: a.clone(),
                b: b.clone(),
                requirement: requirement.clone(),
                enabled: true,
            }),
        ),
        Fix::EditNode { node, field } => (
            "fix.go_to_field",
            Command::FocusField {
                node: node.clone(),
                field: *field,
                endpoint: None,
                key: None,
            },
        ),
        Fix::EditAddress {
            node,
            field,
            endpoint,
            member,
        } => (
            "fix.go_to_field",
            Command::FocusField {
                node: node.clone(),
                field: *field,
                endpoint: Some(endpoint.to_string()),
                // The inspector's key of that one field (`member.N.KIND`, `member.N.nat.KIND`).
                key: member.map(|(i, nat)| {
                    let nat = if nat { "nat." } else { "" };
                    format!("member.{i}.{nat}{endpoint}")
                }),
            },
        ),
    }
}
