//! The application: state, the one-screen layout, and the one place commands are applied.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::audit::ExistingRule;
use crate::catalog::Catalog;
use crate::document::Document;
use crate::examples;
use crate::findings::Finding;
use crate::i18n::{self, Lang};
use crate::plan::{Clipboard, Plan, PlanEdit};
use crate::plan_file;
use crate::recovery::{self, Recovery};
use crate::ui::Selection;
use crate::ui::canvas::{self, CanvasState, CanvasView, Gesture, LinkShapes};
use crate::ui::command::{self, Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::export_menu::{self, ExportRequest, ExportScope};
use crate::ui::files::{Autosave, DialogKind, FileDialogs, Prefs};
use crate::ui::inspector::{self, InspectorState};
use crate::ui::menu_bar::{self, MenuState};
use crate::ui::palette;
use crate::ui::rule_table::{self, RuleTable};
use crate::ui::screenshot::{self, Capture};
use crate::ui::side_panel;
use crate::ui::status_bar::{self, Status};
use crate::ui::text::{self, t, tf};

/// How the app was started.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Plan to open; `None` opens the built-in seed example.
    pub plan: Option<PathBuf>,
    /// Folder of the recovery file; `None` disables autosave and recovery.
    pub recovery_dir: Option<PathBuf>,
    /// Preferences file; `None` keeps preferences in memory only.
    pub prefs_path: Option<PathBuf>,
    /// Save a screenshot here after the first frames, then exit.
    pub screenshot: Option<PathBuf>,
    /// Close after this many frames (smoke test).
    pub frames: Option<u64>,
    /// The UI language.
    pub lang: Lang,
}

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

/// An existing firewall being audited against the plan.
#[derive(Clone, Debug)]
pub struct AuditState {
    /// The CSV file.
    pub path: PathBuf,
    /// Its rules.
    pub existing: Vec<ExistingRule>,
    /// Audit findings for the document content they were computed for.
    pub findings: Vec<Finding>,
    /// The plan's findings and the audit's, sorted together.
    merged: Vec<Finding>,
    state: Option<u64>,
}

/// The running app.
pub struct PlannerApp {
    catalog: Catalog,
    /// The open document.
    pub doc: Document,
    file_name: String,
    derived: Derived,
    /// Canvas view and gesture.
    pub canvas: CanvasState,
    /// Where the canvas's links and labels go, cached per plan state and drag.
    pub link_shapes: LinkShapes,
    /// Selected nodes or link.
    pub selection: Selection,
    /// Inspector buffers.
    pub inspector: InspectorState,
    /// The rule table's grouping, sort and filters.
    pub rule_table: RuleTable,
    /// Scope for exports.
    pub export_scope: ExportScope,
    /// An export waiting for the user to confirm past the placeholder guard.
    pub pending_export: Option<(ExportRequest, String)>,
    /// The audited firewall, if any.
    pub audit: Option<AuditState>,
    /// A comparison with another plan: its file name, the changes, and their Markdown.
    pub comparison: Option<(String, crate::diff::RuleDiff, String)>,
    /// The running trainer scenario, if any.
    pub trainer: Option<crate::ui::trainer_panel::TrainerState>,
    clipboard: Clipboard,
    /// Last message.
    pub status: Status,
    /// Dialogs asked for and running.
    pub dialogs: FileDialogs,
    prefs: Prefs,
    prefs_path: Option<PathBuf>,
    lang: Lang,
    fonts_installed: bool,
    autosave: Autosave,
    /// Unsaved work found at start, offered back.
    pub recovery_offer: Option<Recovery>,
    /// Waiting for the answer to "save changes?".
    pub prompt: Option<AfterPrompt>,
    close_allowed: bool,
    options: AppOptions,
    frames: u64,
    capture: Capture,
    title: String,
    commands: Commands,
}

impl PlannerApp {
    /// Start the app; a plan that cannot be loaded is an error for the caller.
    pub fn new(options: AppOptions) -> Result<Self, String> {
        let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
        let scripted = options.screenshot.is_some() || options.frames.is_some();
        let mut status = Status::default();
        let (plan, path) = match &options.plan {
            Some(p) => match plan_file::load(p, &catalog) {
                Ok(plan) => (plan, Some(p.clone())),
                // Scripted runs fail loudly; a person gets the window with the error in the status bar.
                Err(e) if scripted => return Err(e.to_string()),
                Err(e) => {
                    status = Status::error(e.to_string());
                    (Plan::new(i18n::tr(options.lang, "plan.untitled")), None)
                }
            },
            None => (
                plan_file::from_ron(examples::SEED_PLAN, examples::SEED_NAME, &catalog)
                    .map_err(|e| e.to_string())?,
                None,
            ),
        };
        let file_name = match (&path, &options.plan) {
            (Some(p), _) => display_name(p),
            (None, Some(_)) => "untitled.ron".to_owned(),
            (None, None) => examples::SEED_NAME.to_owned(),
        };
        let prefs = options
            .prefs_path
            .as_deref()
            .map_or_else(Prefs::fresh, Prefs::load);
        let recovery_offer = options
            .recovery_dir
            .as_deref()
            .and_then(|d| recovery::read(d, &catalog));
        // The built-in example is a template: unchanged, it needs no saving.
        let doc = if path.is_some() {
            Document::new(plan, path.clone())
        } else {
            Document::template(plan)
        };
        let canvas = CanvasState {
            snap: prefs.snap,
            ..CanvasState::default()
        };
        Ok(Self {
            lang: options.lang,
            fonts_installed: false,
            autosave: Autosave::new(options.recovery_dir.clone()),
            catalog,
            doc,
            file_name,
            derived: Derived::default(),
            canvas,
            link_shapes: LinkShapes::default(),
            selection: Selection::default(),
            inspector: InspectorState::default(),
            rule_table: RuleTable::default(),
            export_scope: ExportScope::default(),
            pending_export: None,
            audit: None,
            comparison: None,
            trainer: None,
            clipboard: Clipboard::default(),
            status,
            dialogs: FileDialogs::default(),
            prefs,
            prefs_path: options.prefs_path.clone(),
            recovery_offer,
            prompt: None,
            close_allowed: false,
            options,
            frames: 0,
            capture: Capture::default(),
            title: String::new(),
            commands: Vec::new(),
        })
    }

    /// The plan being edited.
    pub fn plan(&self) -> &Plan {
        self.doc.plan()
    }

    /// The derived rules and findings (as of the last frame).
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// Window title: file, unsaved marker, app name.
    pub fn title(&self) -> String {
        let dirty = if self.doc.is_dirty() { "*" } else { "" };
        format!(
            "{}{dirty} - {} - Lync Port Planner",
            self.file_name,
            self.doc.plan().name
        )
    }

    /// Seconds of idle time before unsaved work goes to the recovery file.
    pub fn set_autosave_idle(&mut self, secs: f64) {
        self.autosave.idle_secs = secs;
    }

    /// Queue a command as if the user had issued it.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The whole window's content; needs no `eframe::Frame`, so tests can drive it.
    pub fn contents_ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_installed {
            crate::ui::fonts::install(ui.ctx());
            self.fonts_installed = true;
        }
        text::set_lang(ui.ctx(), self.lang);
        self.refresh_derived();
        self.read_input(ui);
        self.panels_ui(ui);
        self.modals_ui(ui);
        self.handle_close_request(ui);
        self.apply_commands(ui);
        self.after_frame(ui);
    }

    /// Findings of the plan plus those of the audit, if one is loaded.
    pub fn findings(&self) -> &[Finding] {
        self.audit
            .as_ref()
            .map_or(&self.derived.derivation.findings, |a| &a.merged)
    }

    /// A UI string in the app's language.
    fn tr(&self, key: &'static str) -> &'static str {
        i18n::tr(self.lang, key)
    }

    /// A UI string with placeholders, in the app's language.
    fn trf(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        i18n::trf(self.lang, key, args)
    }

    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn refresh_derived(&mut self) {
        let previous = self
            .derived
            .content
            .and_then(|content| self.doc.plan_with_content(content));
        self.derived.refresh(
            (self.doc.state(), self.doc.content()),
            self.doc.plan(),
            previous,
            &self.catalog,
        );
        if let Some(a) = &mut self.audit
            && a.state != Some(self.doc.content())
        {
            a.findings = crate::audit::audit(&self.derived.derivation.rules, &a.existing);
            a.merged = self
                .derived
                .derivation
                .findings
                .iter()
                .chain(&a.findings)
                .cloned()
                .collect();
            a.merged.sort();
            a.state = Some(self.doc.content());
        }
        self.selection.retain_existing(self.doc.plan());
    }

    fn read_input(&mut self, ui: &egui::Ui) {
        self.read_shortcuts(ui);
        self.read_dropped_files(ui);
        if let Some(c) = self.dialogs.poll() {
            self.commands.push(c);
        }
    }

    /// The trainer's share of the frame: highlight the current hop; true when ports are hidden.
    fn trainer_frame(&mut self) -> bool {
        if let Some(state) = &mut self.trainer {
            crate::ui::trainer_panel::highlight(
                state,
                &self.derived,
                &mut self.selection,
                &mut self.rule_table,
            );
        }
        let hide_ports = self.trainer.as_ref().is_some_and(|t| t.exercise);
        self.rule_table.hide_ports = hide_ports;
        hide_ports
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let templates: Vec<String> = examples::TEMPLATES
            .iter()
            .map(|t| t.name.to_owned())
            .collect();
        let scenarios: Vec<String> = crate::trainer::scenarios()
            .iter()
            .map(|s| s.title.get(self.lang).to_owned())
            .collect();
        let hide_ports = self.trainer_frame();
        let roles: Vec<(String, String)> = self
            .catalog
            .roles()
            .iter()
            .map(|r| (r.id.clone(), r.name.get(self.lang).to_owned()))
            .collect();
        let Self {
            catalog,
            doc,
            derived,
            audit,
            lang,
            canvas,
            link_shapes,
            selection,
            inspector,
            commands,
            prefs,
            status,
            file_name,
            rule_table,
            export_scope,
            ..
        } = self;
        let findings: &[Finding] = audit
            .as_ref()
            .map_or(&derived.derivation.findings, |a| &a.merged);
        egui::Panel::top("menu").show(ui, |ui| {
            let menu = MenuState {
                recent: &prefs.recent,
                can_undo: doc.can_undo(),
                can_redo: doc.can_redo(),
                snap: canvas.snap,
                has_selection: !selection.is_empty(),
                templates: &templates,
                scenarios: &scenarios,
                lang: *lang,
            };
            menu_bar::menu_bar_ui(ui, &menu, export_scope, commands);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar::status_bar_ui(
                ui,
                file_name,
                doc.plan().product.name(),
                doc.is_dirty(),
                derived,
                status,
            );
        });
        egui::Panel::left("palette")
            .resizable(true)
            .default_size(210.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| palette::palette_ui(ui, catalog, canvas));
            });
        egui::Panel::right("side")
            .resizable(true)
            .default_size(400.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let side = SideView {
                        doc,
                        catalog,
                        derived,
                        findings,
                        rule_table,
                    };
                    side_ui(ui, &side, selection, inspector, commands);
                });
            });
        egui::Panel::bottom("rules")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                rule_table::rule_table_ui(ui, rule_table, derived, selection, &roles);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let view = CanvasView {
                plan: doc.plan(),
                catalog,
                derived,
                hide_ports,
            };
            canvas::canvas_ui(ui, &view, canvas, link_shapes, selection, commands);
        });
    }

    fn apply_commands(&mut self, ui: &egui::Ui) {
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

    fn after_frame(&mut self, ui: &egui::Ui) {
        let now = ui.input(|i| i.time);
        if let Some(Err(e)) = self.autosave.tick(now, &self.doc) {
            self.status = Status::error(e);
        }
        // Wake up for the autosave only while one is due: an idle window does not repaint.
        if self.autosave.pending(&self.doc) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    self.autosave.idle_secs + 0.1,
                ));
        }
        let title = self.title();
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn read_shortcuts(&mut self, ui: &egui::Ui) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        ui.input_mut(|i| {
            // The windowing layer turns Ctrl+C/X/V into these events instead of key presses.
            for event in &i.events {
                match event {
                    _ if typing => {}
                    egui::Event::Copy => self.commands.push(Command::Copy),
                    egui::Event::Cut => self.commands.extend([Command::Copy, Command::Delete]),
                    egui::Event::Paste(text) => {
                        self.commands.push(Command::PasteText(text.clone()));
                    }
                    _ => {}
                }
            }
            for (sc, c) in command::alternate_shortcuts() {
                if !typing && i.consume_shortcut(&sc) {
                    self.commands.push(c);
                }
            }
            for c in Command::WITH_SHORTCUTS {
                if let Some(sc) = c.shortcut()
                    && !(typing && c.is_canvas_only())
                    && i.consume_shortcut(&sc)
                {
                    self.commands.push(c);
                }
            }
        });
    }

    fn read_dropped_files(&mut self, ui: &egui::Ui) {
        let dropped = ui.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            self.commands.push(Command::OpenPath(path));
        }
    }

    fn modals_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(state) = &mut self.trainer
            && !crate::ui::trainer_panel::trainer_ui(
                ui.ctx(),
                state,
                &self.derived,
                &mut self.commands,
            )
        {
            self.trainer = None;
        }
        self.export_guard_ui(ui);
        self.comparison_ui(ui);
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
        if let Some(after) = self.prompt.clone() {
            let file_name = self.file_name.clone();
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved")).show(ui.ctx(), |ui| {
                ui.heading(t(ui, "dialog.save_changes"));
                ui.label(tf(ui, "dialog.unsaved_text", &[("file", &file_name)]));
                ui.horizontal(|ui| {
                    for (key, a) in [
                        ("dialog.save", 0),
                        ("dialog.dont_save", 1),
                        ("dialog.cancel", 2),
                    ] {
                        let text = t(ui, key);
                        if ui.button(text).clicked() {
                            answer = Some(a);
                        }
                    }
                });
            });
            match answer {
                Some(0) => {
                    self.prompt = None;
                    if self.save(None) {
                        self.continue_after(ui.ctx(), after);
                    }
                }
                Some(1) => {
                    self.prompt = None;
                    self.continue_after(ui.ctx(), after);
                }
                Some(_) => self.prompt = None,
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
            self.doc = Document::new(offer.plan, offer.original.clone());
            self.doc.mark_unsaved();
            self.file_name = offer
                .original
                .as_deref()
                .map_or_else(|| "recovered plan".to_owned(), display_name);
            self.canvas.fit_pending = true;
            self.status = Status::info(self.tr("status.recovered"));
        } else {
            self.autosave.clear();
        }
    }

    fn handle_close_request(&mut self, ui: &egui::Ui) {
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
            self.autosave.clear();
        }
    }

    fn guard_unsaved(&mut self, ctx: &egui::Context, after: AfterPrompt) {
        if self.doc.is_dirty() {
            self.prompt = Some(after);
        } else {
            self.continue_after(ctx, after);
        }
    }

    fn continue_after(&mut self, ctx: &egui::Context, after: AfterPrompt) {
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
                    self.status = Status::info(template.name);
                }
            }
            AfterPrompt::Scenario(i) => {
                let Some(scenario) = crate::trainer::scenarios().get(i).cloned() else {
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
                self.autosave.clear();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace_document(&mut self, doc: Document, file_name: String) {
        self.doc = doc;
        self.file_name = file_name;
        self.selection = Selection::default();
        self.canvas.gesture = Gesture::Idle;
        self.canvas.fit_pending = true;
        self.autosave.clear();
    }

    fn open(&mut self, path: &Path) {
        match plan_file::load(path, &self.catalog) {
            Ok(plan) => {
                self.replace_document(
                    Document::new(plan, Some(path.to_owned())),
                    display_name(path),
                );
                self.remember(path);
                self.status = Status::info(
                    self.trf("status.opened", &[("path", &path.display().to_string())]),
                );
            }
            Err(e) => self.status = Status::error(e.to_string()),
        }
    }

    /// Save to `to`, or to the document's file; asks for a path when there is none. True when saved.
    fn save(&mut self, to: Option<PathBuf>) -> bool {
        let Some(path) = to.or_else(|| self.doc.path().cloned()) else {
            self.dialogs.requested = Some(DialogKind::SaveAs);
            return false;
        };
        match plan_file::save(&path, self.doc.plan()) {
            Ok(()) => {
                self.doc.mark_saved(path.clone());
                self.file_name = display_name(&path);
                self.autosave.clear();
                self.remember(&path);
                self.status = Status::info(
                    self.trf("status.saved", &[("path", &path.display().to_string())]),
                );
                true
            }
            Err(e) => {
                self.status = Status::error(e.to_string());
                false
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        self.prefs.remember(path);
        self.save_prefs();
    }

    fn save_prefs(&mut self) {
        if let Some(p) = &self.prefs_path
            && let Err(e) = self.prefs.save(p)
        {
            self.status = Status::error(e);
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

    fn apply(&mut self, ctx: &egui::Context, command: Command, now: f64) {
        match command {
            Command::Edit(edit) => {
                self.edit(&edit, now);
            }
            Command::Undo => {
                if !self.doc.undo() {
                    self.status = Status::info(self.tr("status.nothing_undo"));
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.status = Status::info(self.tr("status.nothing_redo"));
                }
            }
            Command::Delete => self.delete(now),
            Command::SelectAll => {
                self.selection = Selection {
                    nodes: self.doc.plan().nodes.keys().cloned().collect(),
                    link: None,
                };
            }
            Command::Copy => {
                self.clipboard = self.doc.plan().copy(&self.selection.nodes);
                if !self.clipboard.nodes.is_empty() {
                    ctx.copy_text(clipboard_text(&self.clipboard));
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
            Command::SaveTo(p) => {
                self.save(Some(p));
            }
            Command::FocusField { .. }
            | Command::Export { .. }
            | Command::ExportConfirmed(_)
            | Command::ExportTo { .. }
            | Command::Audit
            | Command::AuditPath(_)
            | Command::ClearAudit
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
            Command::FocusField { node, field } => {
                self.selection = Selection::only_node(node);
                self.inspector.focus(&field);
            }
            Command::Export { kind, to_clipboard } => {
                let scope = match kind {
                    export_menu::ExportKind::Rules(_) => self.export_scope.resolve(&self.selection),
                    _ => crate::rules::RuleScope::All,
                };
                let request = ExportRequest {
                    kind,
                    scope,
                    to_clipboard,
                };
                match export_menu::guard_message(&self.derived.derivation.findings, self.lang) {
                    Some(message) => self.pending_export = Some((request, message)),
                    None => self.commands.push(Command::ExportConfirmed(request)),
                }
            }
            Command::ExportConfirmed(request) => {
                if request.to_clipboard {
                    match export_menu::render(
                        self.doc.plan(),
                        &self.catalog,
                        request.kind,
                        &request.scope,
                        self.lang,
                    ) {
                        Ok(bytes) => {
                            // A byte-order mark belongs to files, not to pasted text.
                            let text = String::from_utf8_lossy(&bytes);
                            ctx.copy_text(text.trim_start_matches('\u{feff}').to_owned());
                            self.status =
                                Status::info(self.trf(
                                    "status.copied_export",
                                    &[("ext", request.kind.extension())],
                                ));
                        }
                        Err(e) => self.status = Status::error(e),
                    }
                } else {
                    self.dialogs.requested = Some(DialogKind::Export(request));
                }
            }
            Command::ExportTo { request, path } => self.export_to(&request, &path),
            Command::Audit => self.dialogs.requested = Some(DialogKind::Audit),
            Command::AuditPath(path) => self.load_audit(path),
            Command::ClearAudit => {
                self.audit = None;
                self.status = Status::info(self.tr("status.audit_cleared"));
            }
            Command::Compare => self.dialogs.requested = Some(DialogKind::Compare),
            Command::ComparePath(path) => self.compare_with(&path),
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

    fn compare_with(&mut self, path: &Path) {
        match plan_file::load(path, &self.catalog) {
            Ok(old) => {
                let changes = crate::diff::diff(
                    &crate::rules::derive(&old, &self.catalog),
                    &self.derived.derivation.rules,
                );
                let md =
                    crate::diff::markdown(&changes, &old.name, &self.doc.plan().name, self.lang);
                self.comparison = Some((display_name(path), changes, md));
            }
            Err(e) => self.status = Status::error(e.to_string()),
        }
    }

    fn comparison_ui(&mut self, ui: &egui::Ui) {
        let Some((file, changes, md)) = &self.comparison else {
            return;
        };
        let mut open = true;
        let mut copy = false;
        egui::Window::new(tf(ui, "diff.window", &[("file", file)]))
            .open(&mut open)
            .default_size([760.0, 480.0])
            .show(ui.ctx(), |ui| {
                let counts = [
                    ("added", changes.added.len().to_string()),
                    ("removed", changes.removed.len().to_string()),
                ];
                ui.label(tf(
                    ui,
                    "diff.summary",
                    &[("added", &counts[0].1), ("removed", &counts[1].1)],
                ));
                if ui.button(t(ui, "diff.copy")).clicked() {
                    copy = true;
                }
                egui::ScrollArea::both().show(ui, |ui| ui.monospace(md.as_str()));
            });
        if copy {
            ui.ctx().copy_text(md.clone());
        }
        if !open {
            self.comparison = None;
        }
    }

    fn export_to(&mut self, request: &ExportRequest, path: &Path) {
        let written = export_menu::render(
            self.doc.plan(),
            &self.catalog,
            request.kind,
            &request.scope,
            self.lang,
        )
        .and_then(|bytes| crate::atomic_write::write(path, &bytes).map_err(|e| e.to_string()));
        self.status = match written {
            Ok(()) => {
                Status::info(self.trf("status.exported", &[("path", &path.display().to_string())]))
            }
            Err(e) => Status::error(e),
        };
    }

    fn load_audit(&mut self, path: PathBuf) {
        let parsed = crate::file_text::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::audit::parse(&text)
                    .map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
            });
        match parsed {
            Ok(existing) => {
                let findings = crate::audit::audit(&self.derived.derivation.rules, &existing);
                let missing = findings
                    .iter()
                    .filter(|f| f.kind == crate::findings::FindingKind::MissingRule)
                    .count();
                self.status = Status::info(self.trf(
                    "status.audited",
                    &[
                        ("n", &existing.len().to_string()),
                        ("missing", &missing.to_string()),
                    ],
                ));
                let mut merged: Vec<Finding> = self
                    .derived
                    .derivation
                    .findings
                    .iter()
                    .chain(&findings)
                    .cloned()
                    .collect();
                merged.sort();
                self.audit = Some(AuditState {
                    path,
                    existing,
                    findings,
                    merged,
                    state: Some(self.doc.state()),
                });
            }
            Err(e) => self.status = Status::error(e),
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

    fn paste(&mut self, now: f64) {
        if self.clipboard.nodes.is_empty() {
            return;
        }
        let (edit, ids) = self.doc.plan().paste(&self.clipboard, 40.0, 40.0);
        if self.edit(&edit, now) {
            self.selection = Selection {
                nodes: ids.into_iter().collect(),
                link: None,
            };
            // Pasting again offsets again.
            for (_, node) in &mut self.clipboard.nodes {
                node.position.x += 40.0;
                node.position.y += 40.0;
            }
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
}

/// What the right panel reads.
struct SideView<'a> {
    doc: &'a Document,
    catalog: &'a Catalog,
    derived: &'a Derived,
    findings: &'a [Finding],
    rule_table: &'a RuleTable,
}

fn side_ui(
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
        findings,
        rule_table,
    } = view;
    if rule_table.hide_ports {
        // Trainer exercise: the inspector and rule detail would give the answers away.
        ui.label(t(ui, "trainer.exercise"));
        ui.separator();
        side_panel::findings_ui(ui, findings, derived, selection, commands);
        return;
    }
    egui::CollapsingHeader::new(t(ui, "inspector.title"))
        .default_open(true)
        .show(ui, |ui| {
            if let Some(key) = selection.link.clone() {
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
    ui.separator();
    side_panel::findings_ui(ui, findings, derived, selection, commands);
}

/// Copied nodes as plan text, so they paste into another window too.
fn clipboard_text(clip: &Clipboard) -> String {
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

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.frames == 1 {
            report_first_frame();
        }
        self.contents_ui(ui);
        let start_dir = self.doc.path().and_then(|p| p.parent().map(Path::to_owned));
        self.dialogs.spawn_requested(ui.ctx(), start_dir);
        self.frames += 1;
        self.scripted_exit(ui.ctx());
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = raw_input
            .max_texture_side
            .map(|side| side.min(crate::ui::theme::MAX_TEXTURE_SIDE));
    }
}

impl PlannerApp {
    /// `--screenshot` and `--frames`: render, capture, close.
    fn scripted_exit(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.options.screenshot.clone() {
            ctx.request_repaint();
            if self.frames == 5 && !self.capture.is_requested() {
                self.capture.request(ctx);
            }
            if let Some(image) = self.capture.poll() {
                match screenshot::write_png(&path, &image) {
                    Ok(()) => eprintln_once(&format!("saved screenshot {}", path.display())),
                    Err(e) => eprintln_once(&format!(
                        "error: cannot save screenshot {}: {e}",
                        path.display()
                    )),
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        } else if let Some(limit) = self.options.frames {
            if self.frames >= limit {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
        }
    }
}

/// `LPP_REPORT_FIRST_FRAME=1` (benches/startup.sh): when the second frame starts, so the first
/// one is on screen, print the wall-clock time; the script subtracts the time it started us.
fn report_first_frame() {
    if std::env::var_os(crate::ui::FIRST_FRAME_VAR).is_some() {
        let ns = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        eprintln_once(&format!("first frame presented at unix ns {ns}"));
    }
}

fn eprintln_once(text: &str) {
    use std::io::Write as _;
    writeln!(std::io::stderr(), "{text}").ok();
}
