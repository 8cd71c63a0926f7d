//! The modal dialogs and windows over the layout: trainer, export guard, comparison, recovery
//! offer, and "save changes?" before work would be lost.

use std::path::PathBuf;

use eframe::egui;

use super::{Disk, PlannerApp, display_name};
use crate::dns::DnsRecords;
use crate::document::Document;
use crate::ui::audit::AuditState;
use crate::ui::command::Command;
use crate::ui::path_prompt::Outcome;
use crate::ui::reports::{ReportResult, ReportsView, reports_ui};
use crate::ui::status_bar::Status;
use crate::ui::text::{t, tf};

/// What to do once the user has answered "save changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum AfterPrompt {
    /// Start a new plan.
    New,
    /// Open a file (`None`: ask with a dialog).
    Open(Option<PathBuf>),
    /// Start from a built-in template (index into [`crate::examples::TEMPLATES`]).
    Template(usize),
    /// Start a trainer scenario on its template (index into [`crate::trainer::scenarios`]).
    Scenario(usize),
    /// Close the window.
    Quit,
}

/// The answers to "save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnsavedAnswer {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    DontSave,
    /// Stay.
    Cancel,
}

impl UnsavedAnswer {
    /// The buttons in order, with their text keys.
    const BUTTONS: [(&'static str, Self); 3] = [
        ("dialog.save", Self::Save),
        ("dialog.dont_save", Self::DontSave),
        ("dialog.cancel", Self::Cancel),
    ];
}

/// The answers to "the file changed on disk".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DiskAnswer {
    /// Write this window's plan over it.
    Overwrite,
    /// Keep both: save this window's plan elsewhere.
    SaveAs,
    /// Do nothing.
    Cancel,
}

impl DiskAnswer {
    /// The buttons in order, with their text keys.
    const BUTTONS: [(&'static str, Self); 3] = [
        ("dialog.overwrite", Self::Overwrite),
        ("cmd.save_as", Self::SaveAs),
        ("dialog.cancel", Self::Cancel),
    ];
}

impl PlannerApp {
    /// Everything drawn over the panels, in this order.
    pub(super) fn modals_ui(&mut self, ui: &mut egui::Ui) {
        let handoff = std::sync::Arc::clone(&self.derived.derivation.handoff);
        let records = lookup_records(self.trainer.as_ref(), &handoff);
        if let Some(state) = &mut self.trainer
            && !crate::ui::trainer_panel::trainer_ui(
                ui.ctx(),
                (state, self.canvas.screen_rect),
                (&self.derived, records),
                &mut self.commands,
            )
        {
            self.trainer = None;
        }
        if self.reports.open {
            let findings: &[crate::findings::Finding] =
                (self.audit.as_ref()).map_or(&self.derived.derivation.findings, AuditState::merged);
            let view = ReportsView {
                plan: self.doc.plan(),
                content: self.doc.content(),
                catalog: &self.catalog,
                derived: &self.derived,
                findings,
            };
            let (reports, selection) = (&mut self.reports, &mut self.selection);
            reports_ui(ui.ctx(), reports, &view, selection, &mut self.commands);
        }
        self.export_guard_ui(ui);
        self.compare.ui(ui);
        self.recovery_ui(ui);
        self.load_error_ui(ui);
        self.unsaved_ui(ui);
        self.changed_on_disk_ui(ui);
        self.path_prompt_ui(ui);
    }

    /// "The file changed on disk", when a save would overwrite what another window or program
    /// saved there.
    fn changed_on_disk_ui(&mut self, ui: &egui::Ui) {
        let Some(path) = self.changed_on_disk.clone() else {
            return;
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("changed-on-disk")).show(ui.ctx(), |ui| {
            ui.set_max_width(560.0);
            ui.heading(t(ui, "dialog.changed_title"));
            let file = crate::escape::quoted(&path.display().to_string());
            ui.label(tf(ui, "dialog.changed_text", &[("file", &file)]));
            ui.horizontal(|ui| {
                for (key, a) in DiskAnswer::BUTTONS {
                    if ui.button(t(ui, key)).clicked() {
                        answer = Some(a);
                    }
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(DiskAnswer::Cancel);
        }
        match answer {
            Some(DiskAnswer::Overwrite) => {
                self.changed_on_disk = None;
                let after = self.after_overwrite.take();
                if self.save_over(&path)
                    && let Some(after) = after
                {
                    self.continue_after(ui.ctx(), after);
                }
            }
            Some(DiskAnswer::SaveAs) => {
                self.changed_on_disk = None;
                self.after_save = self.after_overwrite.take();
                self.dialogs.requested = Some(crate::ui::DialogKind::SaveAs);
            }
            Some(DiskAnswer::Cancel) => (self.changed_on_disk, self.after_overwrite) = (None, None),
            None => {}
        }
    }

    /// The path typed in the window when no file dialog could open.
    fn path_prompt_ui(&mut self, ui: &egui::Ui) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        match prompt.ui(ui.ctx()) {
            Outcome::Open => {}
            Outcome::Cancelled => self.path_prompt = None,
            Outcome::Chosen(command) => {
                self.path_prompt = None;
                self.commands.push(*command);
            }
        }
    }

    /// "Cannot open the plan", when the plan named at start did not load.
    fn load_error_ui(&mut self, ui: &egui::Ui) {
        // One question at a time: the recovery offer first (it was drawn under this one).
        let Some(message) = self
            .load_error
            .as_ref()
            .filter(|_| self.recovery_offer.is_none())
        else {
            return;
        };
        let mut ok = false;
        egui::Modal::new(egui::Id::unique("load-error")).show(ui.ctx(), |ui| {
            ui.set_max_width(640.0);
            ui.heading(t(ui, "dialog.open_failed_title"));
            ui.label(message.as_str());
            ui.label(t(ui, "dialog.open_failed_text"));
            ok = ui.button(t(ui, "dialog.ok")).clicked();
        });
        if ok {
            self.load_error = None;
        }
    }

    /// "Restore unsaved work?", when a recovery file was found at start.
    fn recovery_ui(&mut self, ui: &egui::Ui) {
        if let Some(offer) = &self.recovery_offer {
            let from = offer.original.as_deref().map_or_else(
                || self.tr("dialog.recover_unsaved_plan").to_owned(),
                |p| p.display().to_string(),
            );
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("recovery")).show(ui.ctx(), |ui| {
                ui.heading(t(ui, "dialog.recover_title"));
                ui.label(tf(
                    ui,
                    "dialog.recover_text",
                    &[("from", &from), ("plan", &offer.plan.name)],
                ));
                ui.horizontal(|ui| {
                    if ui.button(t(ui, "dialog.restore")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(t(ui, "dialog.discard")).clicked() {
                        answer = Some(false);
                    }
                });
            });
            if let Some(restore) = answer {
                self.answer_recovery(restore);
            }
        }
    }

    /// "Save changes?", while a command that would lose them waits.
    fn unsaved_ui(&mut self, ui: &egui::Ui) {
        if let Some(after) = self.prompt.clone() {
            let file_name = self.file_name.clone();
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved")).show(ui.ctx(), |ui| {
                ui.heading(t(ui, "dialog.save_changes"));
                ui.label(tf(ui, "dialog.unsaved_text", &[("file", &file_name)]));
                ui.horizontal(|ui| {
                    for (key, a) in UnsavedAnswer::BUTTONS {
                        let text = t(ui, key);
                        if ui.button(text).clicked() {
                            answer = Some(a);
                        }
                    }
                });
            });
            match answer {
                Some(UnsavedAnswer::Save) => {
                    self.prompt = None;
                    if self.save(None) {
                        self.continue_after(ui.ctx(), after);
                    } else if self.changed_on_disk.is_some() {
                        self.after_overwrite = Some(after);
                    } else if self.dialogs.requested == Some(crate::ui::DialogKind::SaveAs) {
                        self.after_save = Some(after);
                    }
                }
                Some(UnsavedAnswer::DontSave) => {
                    self.prompt = None;
                    self.continue_after(ui.ctx(), after);
                }
                Some(UnsavedAnswer::Cancel) => self.prompt = None,
                None => {}
            }
        }
    }

    fn export_guard_ui(&mut self, ui: &egui::Ui) {
        let Some((request, message)) = self.pending_export.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("export-guard")).show(ui.ctx(), |ui| {
            ui.heading(t(ui, "dialog.export_title"));
            ui.label(message);
            ui.horizontal(|ui| {
                if ui.button(t(ui, "dialog.export_anyway")).clicked() {
                    answer = Some(true);
                }
                if ui.button(t(ui, "dialog.cancel")).clicked() {
                    answer = Some(false);
                }
            });
        });
        if let Some(go) = answer {
            self.pending_export = None;
            if go {
                self.commands.push(Command::ExportConfirmed(request));
            }
        }
    }

    fn answer_recovery(&mut self, restore: bool) {
        let Some(offer) = self.recovery_offer.take() else {
            return;
        };
        if restore {
            // A relative path (an older recovery file) would be taken from wherever this
            // window started: the plan is then untitled, and Save asks where.
            let original = offer.original.clone().filter(|p| p.is_absolute());
            self.doc = Document::new(offer.plan, original);
            self.doc.mark_unsaved();
            self.disk = Disk::Restored;
            self.file_name = offer
                .original
                .as_deref()
                .map_or_else(|| "recovered plan".to_owned(), display_name);
            self.canvas.fit_pending = true;
            self.status = Status::info(self.tr("status.recovered"));
            // Its file goes on as this window's: a crash now still finds the work.
            if let Some(session) = self.offered_session.take() {
                self.autosave.adopt(session);
            }
        } else if let Some(session) = self.offered_session.take() {
            crate::recovery::discard(session);
        }
    }

    pub(super) fn handle_close_request(&mut self, ui: &egui::Ui) {
        if !ui.input(|i| i.viewport().close_requested())
            || self.options.screenshot.is_some()
            || self.options.frames.is_some()
        {
            return;
        }
        if self.doc.is_dirty() && !self.close_allowed {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.prompt = Some(AfterPrompt::Quit);
        } else {
            self.autosave.close();
        }
    }
}

/// The plan's DNS records (derived with the rules) while the trainer walks a sign-in's DNS
/// lookups.
pub(super) fn lookup_records<'a>(
    trainer: Option<&crate::ui::trainer_panel::TrainerState>,
    handoff: &'a crate::handoff::Handoff,
) -> Option<&'a ReportResult<DnsRecords>> {
    let walking = trainer.is_some_and(|t| t.scenario.dns_lookups.is_some());
    walking.then_some(&handoff.dns)
}
