//! The right panel: inspector, the rules of the selection, the findings with their fixes.

use eframe::egui::{self, RichText};

use crate::findings::{Finding, Fix, Subject};
use crate::plan::PlanEdit;
use crate::rules::Rule;
use crate::topology::Firewall;
use crate::ui::canvas::Selection;
use crate::ui::command::{Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::theme;

/// Rules that touch the selection (all rules when nothing is selected).
pub fn selected_rules<'a>(derived: &'a Derived, selection: &Selection) -> Vec<&'a Rule> {
    derived
        .rules
        .rules
        .iter()
        .filter(|r| {
            if let Some(key) = &selection.link {
                return r.link.as_ref() == Some(key);
            }
            if selection.nodes.is_empty() {
                return true;
            }
            [&r.source.node, &r.destination.node]
                .into_iter()
                .flatten()
                .any(|n| selection.nodes.contains(n))
        })
        .collect()
}

/// The rule list of the selection, grouped by firewall.
pub fn rules_ui(ui: &mut egui::Ui, derived: &Derived, selection: &Selection) {
    let rules = selected_rules(derived, selection);
    let scope = if selection.is_empty() {
        "all"
    } else {
        "selection"
    };
    ui.label(RichText::new(format!("Rules ({}, {scope})", rules.len())).strong());
    for fw in Firewall::ALL {
        let in_fw: Vec<&&Rule> = rules.iter().filter(|r| r.firewall == fw).collect();
        if in_fw.is_empty() {
            continue;
        }
        ui.label(RichText::new(fw.title()).small().weak());
        egui::Grid::new(("rules", fw.as_str()))
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                for r in in_fw {
                    ui.monospace(format!(
                        "{} {}",
                        r.transport.as_str().to_uppercase(),
                        r.ports
                    ));
                    ui.label(&r.application);
                    let direction = format!("{} -> {}", r.source.label, r.destination.label);
                    let text = if r.is_unresolved() {
                        RichText::new(direction).color(theme::PROBLEM)
                    } else {
                        RichText::new(direction)
                    };
                    ui.label(text).on_hover_text(format!(
                        "{}\n{}\n{}",
                        r.id,
                        r.notes,
                        r.references.join(", ")
                    ));
                    ui.end_row();
                }
            });
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
    ui.label(RichText::new(format!("Findings ({})", findings.len())).strong());
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
                    && let Some((text, command)) = fix_command(fix)
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

fn fix_command(fix: &Fix) -> Option<(&'static str, Command)> {
    Some(match fix {
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
        Fix::EditNode { .. } => return None,
    })
}
