//! Commands: `apply` is the one place they change the document, the files and the app's state.

use eframe::egui;

use super::{AfterPrompt, PlannerApp};
use crate::catalog::Catalog;
use crate::document::Document;
use crate::examples;
use crate::plan::{Clipboard, Plan, PlanEdit};
use crate::plan_file;
use crate::ui::Selection;
use crate::ui::canvas::Gesture;
use crate::ui::command::Command;
use crate::ui::export_menu::{self, ExportRequest};
use crate::ui::file_dialog::DialogKind;
use crate::ui::status_bar::Status;

impl PlannerApp {
    /// Apply the commands queued during this frame.
    pub(super) fn apply_commands(&mut self, ui: &egui::Ui) {
        let now = ui.input(|i| i.time);
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // The frame just drawn shows the state before these commands: draw again.
            ui.ctx().request_repaint();
        }
        for c in commands {
            self.apply(ui.ctx(), c, now);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command, now: f64) {
        match command {
            Command::Edit(edit) => {
                // A new link becomes the selection: the inspector and the table show its rules.
                if self.edit(&edit, now)
                    && let PlanEdit::AddLink { a, b } = edit
                {
                    self.selection = Selection::only_link(a, b);
                }
            }
            Command::Undo => self.undo_redo(false),
            Command::Redo => self.undo_redo(true),
            Command::Delete => self.delete(now),
            Command::SelectAll => {
                self.selection = Selection {
                    nodes: self.doc.plan().nodes.keys().cloned().collect(),
                    ..Selection::default()
                };
            }
            Command::Copy => {
                self.clipboard = self.doc.plan().copy(&self.selection.nodes);
                if !self.clipboard.nodes.is_empty() {
                    match clipboard_text(&self.clipboard) {
                        Ok(text) => ctx.copy_text(text),
                        Err(e) => {
                            self.status = Status::error(e.to_string());
                            return;
                        }
                    }
                }
                self.status = Status::info(self.trf(
                    "status.copied",
                    &[("n", &self.clipboard.nodes.len().to_string())],
                ));
            }
            Command::Paste => self.paste(now),
            Command::PasteText(text) => {
                if let Some(clip) = clipboard_from_text(&text, &self.catalog) {
                    self.clipboard = clip;
                }
                self.paste(now);
            }
            Command::Duplicate => {
                self.clipboard = self.doc.plan().copy(&self.selection.nodes);
                self.paste(now);
            }
            Command::LinkSelected => self.link_selected(now),
            Command::Cancel => {
                if self.canvas.gesture != Gesture::Idle || self.canvas.placing.is_some() {
                    self.canvas.gesture = Gesture::Idle;
                    self.canvas.placing = None;
                } else {
                    self.selection = Selection::default();
                }
            }
            Command::FitView => self.canvas.fit_pending = true,
            Command::ZoomReset => self.canvas.zoom_reset_pending = true,
            Command::ZoomIn | Command::ZoomOut | Command::SetZoom(_) | Command::TogglePanel(_) => {
                self.apply_view(&command);
            }
            Command::OpenReports => self.reports.open = true,
            Command::ToggleSnap => {
                self.canvas.snap = !self.canvas.snap;
                self.prefs.snap = self.canvas.snap;
                self.save_prefs();
            }
            Command::NewPlan => self.guard_unsaved(ctx, AfterPrompt::New),
            Command::NewFromTemplate(i) => self.guard_unsaved(ctx, AfterPrompt::Template(i)),
            Command::SetLanguage(lang) => {
                self.lang = lang;
                self.prefs.lang = Some(lang);
                self.save_prefs();
                self.status =
                    Status::info(self.trf("status.language", &[("lang", lang.native_name())]));
            }
            Command::Open => self.guard_unsaved(ctx, AfterPrompt::Open(None)),
            Command::OpenPath(p) => self.guard_unsaved(ctx, AfterPrompt::Open(Some(p))),
            Command::Quit => self.guard_unsaved(ctx, AfterPrompt::Quit),
            Command::Save => {
                self.save(None);
            }
            Command::SaveAs => self.dialogs.requested = Some(DialogKind::SaveAs),
            Command::SaveTo(p) => self.save_to(ctx, p),
            Command::FocusField { .. }
            | Command::Export { .. }
            | Command::ExportConfirmed(_)
            | Command::ExportTo { .. }
            | Command::Audit
            | Command::AuditPath(_)
            | Command::ClearAudit
            | Command::PortTests
            | Command::PortTestsPath(_)
            | Command::ClearPortTests
            | Command::Compare
            | Command::ComparePath(_)
            | Command::StartScenario(_)
            | Command::SaveTrainerResults(_)
            | Command::TrainerResultsTo { .. } => self.apply_panel_command(ctx, command),
        }
    }

    /// Commands from the side panel and the Export and Audit menus.
    fn apply_panel_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::FocusField {
                node,
                field,
                endpoint,
                key,
            } => {
                self.selection = Selection::only_node(node.clone());
                self.inspector.focus(node, field, (endpoint, key));
            }
            Command::Export { kind, to_clipboard } => {
                let scope = match kind {
                    export_menu::ExportKind::Rules(_) => {
                        self.export_scope.resolve(&self.selection, self.doc.plan())
                    }
                    _ => crate::rules::RuleScope::All,
                };
                let request = ExportRequest {
                    kind,
                    scope,
                    to_clipboard,
                };
                self.catch_up(ctx);
                match export_menu::guard_message(&self.derived.derivation.findings, self.lang) {
                    Some(message) => self.pending_export = Some((request, message)),
                    None => self.commands.push(Command::ExportConfirmed(request)),
                }
            }
            Command::ExportConfirmed(request) if request.to_clipboard => {
                let ext = request.kind.extension();
                let (plan, lang) = (self.doc.plan(), self.lang);
                let text =
                    export_menu::render(plan, &self.catalog, request.kind, &request.scope, lang)
                        // A binary file or several files have no text to paste.
                        .and_then(|o| {
                            o.into_text()
                                .ok_or_else(|| self.trf("status.export_not_text", &[("ext", ext)]))
                        });
                self.status = match text {
                    Ok(text) => {
                        // A byte-order mark belongs to files, not to pasted text.
                        ctx.copy_text(text.trim_start_matches('\u{feff}').to_owned());
                        Status::info(self.trf("status.copied_export", &[("ext", ext)]))
                    }
                    Err(e) => Status::error(e),
                };
            }
            Command::ExportConfirmed(request) => {
                self.dialogs.requested = Some(DialogKind::Export(request));
            }
            Command::ExportTo { request, path } => self.export_to(&request, &path),
            Command::Audit => self.dialogs.requested = Some(DialogKind::Audit),
            Command::AuditPath(path) => self.load_audit(ctx, path),
            Command::ClearAudit => {
                self.audit = None;
                self.findings_base_changed();
                self.status = Status::info(self.tr("status.audit_cleared"));
            }
            Command::PortTests => self.dialogs.requested = Some(DialogKind::PortTests),
            Command::PortTestsPath(path) => self.load_port_tests(ctx, path),
            Command::ClearPortTests => {
                self.port_tests = None;
                self.status = Status::info(self.tr("status.port_tests_cleared"));
            }
            Command::Compare => self.dialogs.requested = Some(DialogKind::Compare),
            Command::ComparePath(path) => self.compare_with(ctx, &path),
            Command::StartScenario(i) => self.guard_unsaved(ctx, AfterPrompt::Scenario(i)),
            Command::SaveTrainerResults(csv) => {
                self.dialogs.requested = Some(DialogKind::TrainerResults(csv));
            }
            Command::TrainerResultsTo { csv, path } => {
                self.status = match crate::atomic_write::write(&path, csv.as_bytes()) {
                    Ok(()) => Status::info(
                        self.trf("status.exported", &[("path", &path.display().to_string())]),
                    ),
                    Err(e) => Status::error(e.to_string()),
                };
            }
            _ => {}
        }
    }

    fn edit(&mut self, edit: &PlanEdit, now: f64) -> bool {
        match self.doc.apply(edit, &self.catalog) {
            Ok(()) => {
                self.autosave.touch(now);
                true
            }
            Err(e) => {
                self.status = Status::error(e.to_string());
                false
            }
        }
    }

    fn delete(&mut self, now: f64) {
        if let Some((a, b)) = self.selection.link.clone() {
            self.edit(
                &PlanEdit::RemoveLinks {
                    links: vec![(a, b)],
                },
                now,
            );
        } else if !self.selection.nodes.is_empty() {
            let ids = self.selection.nodes.iter().cloned().collect();
            self.edit(&PlanEdit::RemoveNodes { ids }, now);
        }
        self.selection = Selection::default();
    }

    /// Undo or redo, and say so in the status bar (which keys go back and forth).
    fn undo_redo(&mut self, redo: bool) {
        let done = if redo {
            self.doc.redo()
        } else {
            self.doc.undo()
        };
        let key = match (redo, done) {
            (false, true) => "status.undone",
            (false, false) => "status.nothing_undo",
            (true, true) => "status.redone",
            (true, false) => "status.nothing_redo",
        };
        self.status = Status::info(self.tr(key));
    }

    fn paste(&mut self, now: f64) {
        if self.clipboard.nodes.is_empty() {
            return;
        }
        let (dx, dy) = paste_offset(self.doc.plan(), &self.clipboard);
        let (edit, ids) = self.doc.plan().paste(&self.clipboard, dx, dy);
        if self.edit(&edit, now) {
            self.status = Status::info(self.trf("status.pasted", &[("n", &ids.len().to_string())]));
            self.selection = Selection {
                nodes: ids.into_iter().collect(),
                ..Selection::default()
            };
        }
    }

    fn link_selected(&mut self, now: f64) {
        let ids: Vec<_> = self.selection.nodes.iter().cloned().collect();
        if let [a, b] = ids.as_slice() {
            self.edit(
                &PlanEdit::AddLink {
                    a: a.clone(),
                    b: b.clone(),
                },
                now,
            );
        } else {
            self.status = Status::info(self.tr("status.select_two"));
        }
    }

    fn guard_unsaved(&mut self, ctx: &egui::Context, after: AfterPrompt) {
        if self.doc.is_dirty() {
            self.prompt = Some(after);
        } else {
            self.continue_after(ctx, after);
        }
    }

    pub(super) fn continue_after(&mut self, ctx: &egui::Context, after: AfterPrompt) {
        match after {
            AfterPrompt::New => {
                self.replace_document(
                    Document::template(Plan::new(self.tr("plan.untitled"))),
                    "untitled.ron".to_owned(),
                );
                self.status = Status::info(self.tr("status.new_plan"));
            }
            AfterPrompt::Template(i) => {
                if let Some(template) = examples::TEMPLATES.get(i)
                    && let Ok(plan) =
                        plan_file::from_ron(template.ron, template.file, &self.catalog)
                {
                    self.replace_document(Document::template(plan), template.file.to_owned());
                    self.status = Status::info(self.tr(template.name));
                }
            }
            AfterPrompt::Scenario(i) => {
                let scenario = match crate::trainer::scenarios() {
                    Ok(list) => list.get(i).cloned(),
                    Err(e) => {
                        self.status = Status::error(e.to_string());
                        return;
                    }
                };
                let Some(scenario) = scenario else {
                    return;
                };
                if let Some(t) = examples::TEMPLATES
                    .iter()
                    .position(|t| t.file == scenario.template)
                {
                    self.continue_after(ctx, AfterPrompt::Template(t));
                }
                self.trainer = Some(crate::ui::trainer_panel::TrainerState::new(scenario));
            }
            AfterPrompt::Open(None) => self.dialogs.requested = Some(DialogKind::Open),
            AfterPrompt::Open(Some(path)) => self.open(&path),
            AfterPrompt::Quit => {
                self.close_allowed = true;
                // No autosave may follow "Don't save": the next start offers nothing.
                self.autosave.close();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

/// Copied nodes as plan text, so they paste into another window too.
/// Step of a paste's offset, in canvas points.
const PASTE_STEP: f32 = 40.0;

/// Where a paste goes: one step down and right of the copied cards, more while a card of the plan
/// already sits where a pasted one would land (pasting twice, or the system clipboard's text,
/// which holds the original positions, never stacks copies on each other).
pub(super) fn paste_offset(plan: &Plan, clip: &Clipboard) -> (f32, f32) {
    let taken = |x: f32, y: f32| {
        plan.nodes
            .values()
            .any(|n| (n.position.x - x).abs() < 2.0 && (n.position.y - y).abs() < 2.0)
    };
    let mut step = PASTE_STEP;
    for _ in 0..50 {
        if !clip
            .nodes
            .iter()
            .any(|(_, n)| taken(n.position.x + step, n.position.y + step))
        {
            break;
        }
        step += PASTE_STEP;
    }
    (step, step)
}

fn clipboard_text(clip: &Clipboard) -> Result<String, plan_file::PlanFileError> {
    let mut plan = Plan::new("clipboard");
    plan.nodes = clip
        .nodes
        .iter()
        .map(|(id, node)| (id.clone(), node.clone().into()))
        .collect();
    clip.links.clone_into(&mut plan.links);
    plan_file::to_ron(&plan)
}

/// Nodes from clipboard text, when it is a plan.
fn clipboard_from_text(text: &str, catalog: &Catalog) -> Option<Clipboard> {
    let plan = plan_file::from_ron(text, "clipboard", catalog).ok()?;
    Some(Clipboard {
        nodes: plan
            .nodes
            .into_iter()
            .map(|(id, node)| (id, std::sync::Arc::unwrap_or_clone(node)))
            .collect(),
        links: plan.links,
    })
}
