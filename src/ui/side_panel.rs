//! The right panel: inspector, the rules of the selection, the findings with their fixes.

use eframe::egui::{self, RichText};

use crate::findings::{Finding, Fix, Subject};
use crate::plan::PlanEdit;
use crate::rules::Rule;
use crate::ui::canvas::Selection;
use crate::ui::command::{Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::theme;

/// The selected rule explained: why, where Microsoft says so, and any disagreement between pages.
pub fn rule_detail_ui(ui: &mut egui::Ui, rule: &Rule, catalog: &crate::catalog::Catalog) {
    ui.label(RichText::new(rule.summary()).strong());
    ui.label(&rule.notes);
    ui.label(RichText::new(format!("Firewall: {}", rule.firewall.title())).small());
    ui.label(
        RichText::new(format!("Rule id: {}", rule.id))
            .small()
            .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label("Sources:");
        for r in &rule.references {
            if r.starts_with("lync-ports.md") {
                ui.label(RichText::new(r).small());
            } else {
                ui.hyperlink_to(
                    r,
                    format!("https://technet.microsoft.com/library/{r}(v=OCS.15)"),
                );
            }
        }
    });
    if let Some(req) = catalog.requirement(&rule.requirement) {
        for c in req.conflicts.iter().filter_map(|id| catalog.conflict(id)) {
            ui.label(
                RichText::new(format!(
                    "{} (sources disagree: {}): {}",
                    c.id,
                    c.sources.join(", "),
                    c.summary.en
                ))
                .color(theme::severity_color(crate::findings::Severity::Warning)),
            );
        }
    }
}

/// The findings list; a click selects the subject, a button applies the fix.
pub fn findings_ui(
    ui: &mut egui::Ui,
    findings: &[Finding],
    derived: &Derived,
    selection: &mut Selection,
    commands: &mut Commands,
) {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    ui.label(
        RichText::new(format!(
            "Findings: {} errors, {} warnings, {} info",
            count(crate::findings::Severity::Error),
            count(crate::findings::Severity::Warning),
            count(crate::findings::Severity::Info)
        ))
        .strong(),
    );
    if findings
        .iter()
        .all(|f| f.severity == crate::findings::Severity::Info)
    {
        ui.label(
            RichText::new("No edits needed")
                .color(theme::severity_color(crate::findings::Severity::Info)),
        );
    }
    for (i, f) in findings.iter().enumerate() {
        ui.push_id(i, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(f.severity.as_str())
                        .color(theme::severity_color(f.severity))
                        .strong(),
                );
                if ui.link(&f.message).clicked() {
                    select_subject(&f.subject, derived, selection);
                }
                if let Some(fix) = &f.fix
                    && let (text, command) = fix_command(fix)
                    && ui.button(text).clicked()
                {
                    commands.push(command);
                }
            });
        });
    }
}

fn select_subject(subject: &Subject, derived: &Derived, selection: &mut Selection) {
    *selection = match subject {
        Subject::Plan | Subject::Existing(_) => Selection::default(),
        Subject::Node(id) => Selection::only_node(id.clone()),
        Subject::Link(a, b) => Selection::only_link(a.clone(), b.clone()),
        Subject::Rule(id) => match derived
            .rules
            .rules
            .iter()
            .find(|r| &r.id == id)
            .and_then(|r| r.link.clone())
        {
            Some((a, b)) => Selection::only_link(a, b),
            None => Selection::default(),
        },
    };
}

fn fix_command(fix: &Fix) -> (&'static str, Command) {
    match fix {
        Fix::AddLink { a, b } => (
            "Add link",
            Command::Edit(PlanEdit::AddLink {
                a: a.clone(),
                b: b.clone(),
            }),
        ),
        Fix::RemoveLink { a, b } => (
            "Remove link",
            Command::Edit(PlanEdit::RemoveLinks {
                links: vec![(a.clone(), b.clone())],
            }),
        ),
        Fix::EnableRequirement { a, b, requirement } => (
            "Switch on",
            Command::Edit(PlanEdit::SetRequirement {
                a: a.clone(),
                b: b.clone(),
                requirement: requirement.clone(),
                enabled: true,
            }),
        ),
        Fix::EditNode { node, field } => (
            "Go to field",
            Command::FocusField {
                node: node.clone(),
                field: field.clone(),
            },
        ),
    }
}
