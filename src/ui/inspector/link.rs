//! The link inspector: the requirements a link carries, each switchable, and its own rules.

use eframe::egui::{self, RichText};

use super::InspectorState;
use crate::catalog::Catalog;
use crate::document::StateId;
use crate::plan::{NodeId, Plan, PlanEdit};
use crate::rules::Rule;
use crate::ui::command::{Command, Commands};
use crate::ui::text::{t, tf};
use crate::ui::theme;

/// The link inspector: every requirement the link carries, each switchable.
pub fn link_inspector_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    catalog: &Catalog,
    state: &mut InspectorState,
    doc_state: StateId,
    key: &(NodeId, NodeId),
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let Some(link) = plan.link_between(&key.0, &key.1) else {
        return;
    };
    let name = |id: &NodeId| {
        plan.nodes
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.label.clone())
    };
    ui.label(
        RichText::new(tf(
            ui,
            "inspector.link",
            &[("a", &name(&key.0)), ("b", &name(&key.1))],
        ))
        .strong(),
    );
    // The requirements this link would carry with nothing switched off; derived once per plan state.
    if state
        .link_rules
        .as_ref()
        .is_none_or(|(k, s, _)| k != key || *s != doc_state)
    {
        let rules = crate::rules::on_link(plan, catalog, link);
        state.link_rules = Some((key.clone(), doc_state, rules));
    }
    let on_link: &[Rule] = state.link_rules.as_ref().map_or(&[], |(_, _, r)| r);
    if on_link.is_empty() {
        ui.label(t(ui, "inspector.no_traffic"));
    }
    for r in on_link {
        let mut enabled = !link.disabled.contains(r.requirement());
        let text = r.summary_in(lang);
        let response = ui.checkbox(&mut enabled, text).on_hover_text(format!(
            "{}
{}",
            r.notes().get(lang),
            r.references().join(", ")
        ));
        if response.changed() {
            commands.push(Command::Edit(PlanEdit::SetRequirement {
                a: key.0.clone(),
                b: key.1.clone(),
                requirement: r.requirement().into(),
                enabled,
            }));
        }
        if !enabled {
            ui.label(
                RichText::new(t(ui, "inspector.switched_off"))
                    .color(theme::PROBLEM)
                    .small(),
            );
        }
    }
    for c in &link.custom {
        ui.label(tf(
            ui,
            "inspector.custom",
            &[
                ("name", &c.name),
                ("app", &c.application),
                ("ports", &c.ports.to_string()),
                ("from", &name(&c.from)),
            ],
        ));
    }
}
