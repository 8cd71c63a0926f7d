//! The application: `PlannerApp`'s state, its construction and the `eframe::App` impl. The
//! layout is in `ui.rs`, the one place commands change the document in `commands.rs`, the
//! modal dialogs in `dialogs.rs`.

mod commands;
mod dialogs;
mod file_commands;
mod ui;
mod view;

use std::path::{Path, PathBuf};

use eframe::egui;

pub use dialogs::AfterPrompt;

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::document::Document;
use crate::examples;
use crate::findings::Finding;
use crate::i18n::{self, Lang};
use crate::plan::{Clipboard, Plan};
use crate::plan_file;
use crate::recovery::{self, Recovery};
use crate::ui::Selection;
use crate::ui::audit::AuditState;
use crate::ui::canvas::{CanvasState, LinkShapes};
use crate::ui::command::{Command, Commands};
use crate::ui::compare_window::CompareWindow;
use crate::ui::derived::Derived;
use crate::ui::deriver::Deriver;
use crate::ui::export_menu::{ExportRequest, ExportScope};
use crate::ui::file_dialog::{FileDialogs, Start};
use crate::ui::files::{Autosave, Prefs};
use crate::ui::inspector::InspectorState;
use crate::ui::path_prompt::PathPrompt;
use crate::ui::rule_table::RuleTable;
use crate::ui::screenshot::{self, Capture};
use crate::ui::status_bar::Status;

/// How the app was started.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Plan to open; `None` opens the built-in seed example.
    pub plan: Option<PathBuf>,
    /// Folder of the recovery files; `None` disables autosave and recovery.
    pub recovery_dir: Option<PathBuf>,
    /// Preferences file; `None` keeps preferences in memory only.
    pub prefs_path: Option<PathBuf>,
    /// Save a screenshot here after the first frames, then exit.
    pub screenshot: Option<PathBuf>,
    /// Close after this many frames (smoke test).
    pub frames: Option<u64>,
    /// The UI language.
    pub lang: Lang,
    /// Window size in points (`--size WxH`); `None`: 1280x800.
    pub size: Option<[f32; 2]>,
    /// How long a frame waits for the rules of an edit ([`crate::ui::deriver::FRAME_WAIT`] in
    /// the window); `None` waits until they come, so every frame shows the current rules
    /// (tests, screenshots).
    pub derive_wait: Option<std::time::Duration>,
    /// Open the Reports window at this tab (`--reports TAB`).
    pub reports: Option<crate::ui::reports::Tab>,
}

/// The running app.
pub struct PlannerApp {
    /// Shared with the derivation thread.
    catalog: Arc<Catalog>,
    /// The open document.
    pub doc: Document,
    file_name: String,
    derived: Derived,
    deriver: Deriver,
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
    /// Loaded port-test results, if any.
    pub port_tests: Option<crate::ui::port_tests::PortTestState>,
    /// The comparison with another plan.
    pub compare: CompareWindow,
    /// The running trainer scenario, if any.
    pub trainer: Option<crate::ui::trainer_panel::TrainerState>,
    /// The Reports window and the DNS records and certificates it (and the trainer) shows.
    pub reports: crate::ui::reports::Reports,
    clipboard: Clipboard,
    /// Last message.
    pub status: Status,
    /// Dialogs asked for and running.
    pub dialogs: FileDialogs,
    /// The path typed in the window when no file dialog could open.
    pub path_prompt: Option<PathPrompt>,
    /// What this window knows of its document's file: a save over a file changed since asks.
    disk: Disk,
    /// The document's file changed on disk since: overwrite, save elsewhere or cancel?
    pub changed_on_disk: Option<PathBuf>,
    /// What "Save changes?" was asked for (quit, open, ...), to go on with once the file that
    /// changed on disk is overwritten.
    after_overwrite: Option<AfterPrompt>,
    /// The same, while Save As (a dialog or the typed path) asks where: dropped when it closes
    /// without a path.
    after_save: Option<AfterPrompt>,
    prefs: Prefs,
    prefs_path: Option<PathBuf>,
    lang: Lang,
    fonts_installed: bool,
    /// A text field had the keyboard at the end of the last frame: Escape there gives the field
    /// up (egui has dropped its focus before this frame's shortcuts are read), it does not also
    /// clear the selection.
    was_typing: bool,
    autosave: Autosave,
    /// Unsaved work of a window that died, found at start and offered back.
    pub recovery_offer: Option<Recovery>,
    /// The offered work's recovery file, locked by this window until answered.
    offered_session: Option<recovery::Session>,
    /// The plan named at start could not be opened: why, shown until dismissed.
    pub load_error: Option<String>,
    /// Waiting for the answer to "save changes?".
    pub prompt: Option<AfterPrompt>,
    close_allowed: bool,
    options: AppOptions,
    frames: u64,
    /// The last frame's input time and when it ran: `App::logic` runs without a frame while the
    /// window is hidden or covered, when the input time is still the last frame's.
    frame_clock: (f64, std::time::Instant),
    capture: Capture,
    title: String,
    commands: Commands,
}

impl PlannerApp {
    /// Start the app. A plan that cannot be loaded opens an empty plan and says why
    /// ([`Self::load_error`]); only a broken built-in catalog or example is an error.
    pub fn new(options: AppOptions) -> Result<Self, String> {
        let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
        let (plan, path, disk, load_error) = first_plan(&options, &catalog)?;
        let mut status = load_error
            .as_deref()
            .map_or_else(Status::default, Status::error);
        let file_name = match (&path, &options.plan) {
            (Some(p), _) => display_name(p),
            (None, Some(_)) => "untitled.ron".to_owned(),
            (None, None) => examples::SEED_NAME.to_owned(),
        };
        let prefs = options
            .prefs_path
            .as_deref()
            .map_or_else(Prefs::fresh, Prefs::load);
        let found = options
            .recovery_dir
            .as_deref()
            .map(|d| recovery::find(d, &catalog))
            .unwrap_or_default();
        if let Some(aside) = found.corrupt.first()
            && !status.is_error
        {
            status = Status::error(i18n::trf(
                options.lang,
                "status.recovery_corrupt",
                &[("path", &aside.display().to_string())],
            ));
        }
        let (recovery_offer, offered_session) = found
            .offer
            .map_or((None, None), |(r, s)| (Some(r), Some(s)));
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
            was_typing: false,
            autosave: Autosave::new(options.recovery_dir.as_deref()),
            catalog: Arc::new(catalog),
            doc,
            file_name,
            derived: Derived::default(),
            deriver: Deriver::default(),
            canvas,
            // What waits for the rules waits for the layout too.
            link_shapes: LinkShapes::new(options.derive_wait.is_none()),
            selection: Selection::default(),
            inspector: InspectorState::default(),
            rule_table: RuleTable::default(),
            export_scope: ExportScope::default(),
            pending_export: None,
            audit: None,
            port_tests: None,
            compare: CompareWindow::default(),
            trainer: None,
            reports: crate::ui::reports::Reports {
                open: options.reports.is_some(),
                tab: options.reports.unwrap_or_default(),
                ..crate::ui::reports::Reports::default()
            },
            clipboard: Clipboard::default(),
            status,
            dialogs: FileDialogs::default(),
            path_prompt: None,
            disk,
            changed_on_disk: None,
            after_overwrite: None,
            after_save: None,
            prefs,
            prefs_path: options.prefs_path.clone(),
            recovery_offer,
            offered_session,
            load_error,
            prompt: None,
            close_allowed: false,
            options,
            frames: 0,
            frame_clock: (0.0, std::time::Instant::now()),
            capture: Capture::default(),
            title: String::new(),
            commands: Vec::new(),
        })
    }

    /// How the app was started.
    pub fn options(&self) -> &AppOptions {
        &self.options
    }

    /// Started with `--screenshot` or `--frames`: renders, then closes by itself.
    pub fn is_scripted(&self) -> bool {
        self.options.screenshot.is_some() || self.options.frames.is_some()
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

    /// Findings of the plan plus those of the audit and the port tests, if loaded.
    pub fn findings(&self) -> &[Finding] {
        if let Some(tests) = &self.port_tests {
            return tests.merged();
        }
        self.audit
            .as_ref()
            .map_or(&self.derived.derivation.findings, AuditState::merged)
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

/// The plan a window opens with: the one named, else the seed example; a plan that cannot be
/// loaded opens an empty untitled plan and says why (with no path, a save cannot overwrite the
/// file, a newer version's, with what we understood).
fn first_plan(
    options: &AppOptions,
    catalog: &Catalog,
) -> Result<(Plan, Option<PathBuf>, Disk, Option<String>), String> {
    Ok(match &options.plan {
        Some(p) => match plan_file::load_stamped(p, catalog) {
            Ok((plan, stamp)) => (plan, Some(absolute(p)), Disk::Read(stamp), None),
            Err(e) => {
                let untitled = Plan::new(i18n::tr(options.lang, "plan.untitled"));
                (untitled, None, Disk::Unknown, Some(e.to_string()))
            }
        },
        None => (
            plan_file::from_ron(examples::SEED_PLAN, examples::SEED_NAME, catalog)
                .map_err(|e| e.to_string())?,
            None,
            Disk::Unknown,
            None,
        ),
    })
}

/// What a window knows of its document's file on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Disk {
    /// Nothing: no file yet, or one a dialog picked (it asked before replacing it).
    Unknown,
    /// The file as this window read or wrote it.
    Read(plan_file::Stamp),
    /// Restored from a crashed window's recovery file: what is on disk now may be another
    /// window's save, so a save over it asks first.
    Restored,
}

impl PlannerApp {
    /// A modal dialog is open: shortcuts and dropped files wait (an answer to it must reach
    /// the document it was asked about, not a plan Ctrl+N put in its place).
    fn modal_open(&self) -> bool {
        self.path_prompt.is_some()
            || self.changed_on_disk.is_some()
            || self.prompt.is_some()
            || self.recovery_offer.is_some()
            || self.load_error.is_some()
            || self.pending_export.is_some()
    }

    /// Where a file dialog (or the typed path) starts: the document's folder and file name.
    fn dialog_start(&self) -> Start {
        Start::of(self.doc.path().map(PathBuf::as_path), &self.doc.plan().name)
    }
}

/// `path` from the root: a recovery file, recent files and later saves must not depend on the
/// folder the window was started in. Symbolic links stay links (saves go through them).
pub(super) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
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
        self.dialogs.spawn_requested(ui.ctx(), self.dialog_start());
        self.frames += 1;
        self.scripted_exit(ui.ctx());
    }

    /// Runs before every frame and, while the window is hidden or covered (no frames are drawn
    /// then), on its own: the autosave must not wait for the window to be shown again.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let (time, at) = self.frame_clock;
        self.autosave(ctx, time + at.elapsed().as_secs_f64());
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = raw_input
            .max_texture_side
            .map(|side| side.min(crate::ui::theme::MAX_TEXTURE_SIDE));
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
