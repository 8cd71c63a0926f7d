//! The application state and its one-screen layout: plan summary, rules, findings.

use std::path::Path;

use eframe::egui;

use crate::catalog::Catalog;
use crate::examples;
use crate::findings::{self, Finding};
use crate::plan::Plan;
use crate::plan_file;
use crate::rules::{self, RuleSet};

/// Environment variable: render this many frames, then close (the CI smoke test).
pub const SMOKE_FRAMES_VAR: &str = "LPP_SMOKE_FRAMES";

/// The running app.
pub struct PlannerApp {
    plan: Plan,
    file_name: String,
    rules: RuleSet,
    findings: Vec<Finding>,
    frames: u64,
    smoke_frames: Option<u64>,
}

impl PlannerApp {
    /// Load the plan at `path`, or the built-in seed example.
    pub fn open(path: Option<&Path>) -> Result<Self, String> {
        let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
        let (plan, file_name) = match path {
            Some(p) => (
                plan_file::load(p, &catalog).map_err(|e| e.to_string())?,
                p.display().to_string(),
            ),
            None => (
                plan_file::from_ron(examples::SEED_PLAN, examples::SEED_NAME, &catalog)
                    .map_err(|e| e.to_string())?,
                examples::SEED_NAME.to_owned(),
            ),
        };
        let rules = rules::derive(&plan, &catalog);
        let findings = findings::check(&plan, &catalog, &rules);
        let smoke_frames = std::env::var(SMOKE_FRAMES_VAR)
            .ok()
            .and_then(|v| v.parse().ok());
        Ok(Self {
            plan,
            file_name,
            rules,
            findings,
            frames: 0,
            smoke_frames,
        })
    }

    /// Window title: file and plan name.
    pub fn title(&self) -> String {
        format!(
            "{} - {} - Lync Port Planner",
            self.file_name, self.plan.name
        )
    }

    /// The whole window's content; needs no `eframe::Frame`, so tests can drive it.
    pub fn contents_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("summary").show(ui, |ui| {
            ui.heading(&self.plan.name);
            ui.label(format!(
                "{} nodes, {} links, {} rules, {} findings ({})",
                self.plan.nodes.len(),
                self.plan.links.len(),
                self.rules.rules.len(),
                self.findings.len(),
                self.rules.catalog
            ));
        });
        egui::Panel::bottom("findings")
            .resizable(true)
            .default_size(180.0)
            .show(ui, |ui| {
                ui.strong("Findings");
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if self.findings.is_empty() {
                        ui.label("No edits needed");
                    }
                    for f in &self.findings {
                        ui.label(format!(
                            "{} [{}] {}",
                            f.severity.as_str(),
                            f.kind.as_str(),
                            f.message
                        ));
                    }
                });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::both().show(ui, |ui| {
                egui::Grid::new("rules").striped(true).show(ui, |ui| {
                    for h in [
                        "Firewall",
                        "Source",
                        "Destination",
                        "Protocol",
                        "Port",
                        "Rule",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for r in &self.rules.rules {
                        ui.label(r.firewall.as_str());
                        ui.label(format!("{} ({})", r.source.label, r.source.endpoint));
                        ui.label(format!(
                            "{} ({})",
                            r.destination.label, r.destination.endpoint
                        ));
                        ui.label(format!(
                            "{} {}",
                            r.application,
                            r.transport.as_str().to_uppercase()
                        ));
                        ui.label(r.ports.to_string());
                        ui.label(&r.id);
                        ui.end_row();
                    }
                });
            });
        });
    }
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.contents_ui(ui);
        self.frames += 1;
        if let Some(limit) = self.smoke_frames {
            if self.frames >= limit {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ui.ctx().request_repaint();
            }
        }
    }
}
