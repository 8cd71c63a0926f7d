//! The right panel: the inspector (and the selected rule) above, the findings below, each in its
//! own scroll area so a long findings list never pushes the inspector out of view.

use eframe::egui;

use crate::catalog::Catalog;
use crate::document::Document;
use crate::findings::Finding;
use crate::ui::Selection;
use crate::ui::command::Commands;
use crate::ui::derived::Derived;
use crate::ui::inspector::{self, InspectorState};
use crate::ui::rule_table::RuleTable;
use crate::ui::side_panel;
use crate::ui::text::{t, tf};

/// Share of the panel's height the inspector may take before it scrolls; the findings keep the
/// rest (at least 40%, enough for the summary and a few findings at 800 px).
const INSPECTOR_SHARE: f32 = 0.6;

/// What the right panel reads.
pub struct SideView<'a> {
    /// The open document.
    pub doc: &'a Document,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// Rules and findings.
    pub derived: &'a Derived,
    /// The findings shown (the plan's, plus an audit's).
    pub findings: &'a [Finding],
    /// The rule table (its selected rule, trainer mode).
    pub rule_table: &'a RuleTable,
}

/// The whole right panel.
pub fn side_ui(
    ui: &mut egui::Ui,
    view: &SideView<'_>,
    selection: &mut Selection,
    inspector: &mut InspectorState,
    commands: &mut Commands,
) {
    if view.rule_table.hide_ports {
        // Trainer exercise: the inspector and rule detail would give the answers away.
        ui.label(t(ui, "trainer.exercise"));
        ui.separator();
        findings_area_ui(ui, view, selection, commands);
        return;
    }
    let max = ui.available_height() * INSPECTOR_SHARE;
    egui::ScrollArea::vertical()
        .id_salt("inspector-scroll")
        .max_height(max)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            inspector_area_ui(ui, view, selection, inspector, commands);
        });
    ui.separator();
    findings_area_ui(ui, view, selection, commands);
}

fn findings_area_ui(
    ui: &mut egui::Ui,
    view: &SideView<'_>,
    selection: &mut Selection,
    commands: &mut Commands,
) {
    egui::ScrollArea::vertical()
        .id_salt("findings-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            side_panel::findings_ui(
                ui,
                view.findings,
                (view.derived, view.doc.plan()),
                selection,
                commands,
            );
        });
}

fn inspector_area_ui(
    ui: &mut egui::Ui,
    view: &SideView<'_>,
    selection: &mut Selection,
    inspector: &mut InspectorState,
    commands: &mut Commands,
) {
    let SideView {
        doc,
        catalog,
        derived,
        rule_table,
        ..
    } = view;
    inspector.set_names(&derived.derivation.handoff.names);
    egui::CollapsingHeader::new(t(ui, "inspector.title"))
        .default_open(true)
        .show(ui, |ui| {
            if let Some(id) = selection.firewall {
                inspector::firewall_inspector_ui(
                    ui,
                    (doc.plan(), (&derived.derivation.rules, derived.content)),
                    inspector,
                    doc.state(),
                    id,
                    commands,
                );
            } else if let Some(key) = selection.link.clone() {
                inspector::link_inspector_ui(
                    ui,
                    doc.plan(),
                    catalog,
                    inspector,
                    doc.state(),
                    &key,
                    commands,
                );
            } else if selection.nodes.len() == 1 {
                if let Some(id) = selection.nodes.iter().next().cloned() {
                    inspector::node_inspector_ui(
                        ui,
                        doc.plan(),
                        catalog,
                        inspector,
                        doc.state(),
                        &id,
                        commands,
                    );
                }
            } else if selection.nodes.is_empty() {
                inspector::plan_settings_ui(ui, doc.plan(), inspector, doc.state(), commands);
                ui.label(t(ui, "inspector.select_hint"));
            } else {
                ui.label(tf(
                    ui,
                    "inspector.n_selected",
                    &[("n", &selection.nodes.len().to_string())],
                ));
            }
        });
    if let Some(rule) = rule_table.selected.as_ref().and_then(|id| {
        derived
            .derivation
            .rules
            .rules
            .iter()
            .find(|r| r.id() == id.as_str())
    }) {
        ui.separator();
        egui::CollapsingHeader::new(t(ui, "rule.detail"))
            .default_open(true)
            .show(ui, |ui| side_panel::rule_detail_ui(ui, rule, catalog));
    }
}
