//! Files around the document: native dialogs on a thread, preferences (recent files), autosave.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::document::StateId;
use crate::recovery::{self, Recovery, Session};
use crate::ui::command::Command;

/// Which dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a plan to open.
    Open,
    /// Pick where to save.
    SaveAs,
    /// Pick where to write an export.
    Export(crate::ui::export_menu::ExportRequest),
    /// Pick an existing firewall's rules to audit.
    Audit,
    /// Pick a port-test results CSV.
    PortTests,
    /// Pick a plan to compare with.
    Compare,
    /// Pick where to save exercise results (the CSV text).
    TrainerResults(String),
}

/// Native file dialogs run on their own thread, so the window keeps repainting.
#[derive(Debug, Default)]
pub struct FileDialogs {
    /// A dialog the UI asked for this frame; the eframe host opens it (tests only look).
    pub requested: Option<DialogKind>,
    pending: Option<(DialogKind, Receiver<Answer>)>,
    /// A dialog could not open; the status bar says so once.
    pub failed: bool,
}

/// What a dialog's thread answers.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// The user chose this file.
    Picked(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog appeared.
    Failed,
}

/// Less than this between asking and "nothing chosen" is a dialog that never appeared (rfd
/// answers `None` both when the user cancels and when neither a portal nor zenity can show one).
const NO_DIALOG_SECS: f64 = 0.2;

impl Answer {
    /// The answer for what rfd returned after `secs` seconds.
    pub fn from_rfd(picked: Option<PathBuf>, secs: f64) -> Self {
        match picked {
            Some(path) => Self::Picked(path),
            None if secs < NO_DIALOG_SECS => Self::Failed,
            None => Self::Cancelled,
        }
    }
}

/// True when rfd can show a dialog on this system, as far as can be told before trying: on
/// Linux it needs the desktop portal on a session bus, or zenity.
#[expect(
    clippy::fn_params_excessive_bools,
    reason = "two facts about the system, named at the call"
)]
pub fn dialogs_possible(session_bus: bool, zenity: bool) -> bool {
    !cfg!(target_os = "linux") || session_bus || zenity
}

fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists())
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

impl FileDialogs {
    /// Open the requested dialog, if any and none is open.
    pub fn spawn_requested(&mut self, ctx: &eframe::egui::Context, start_dir: Option<PathBuf>) {
        if self.pending.is_some() {
            self.requested = None;
            return;
        }
        let Some(kind) = self.requested.take() else {
            return;
        };
        if !dialogs_possible(session_bus(), on_path("zenity")) {
            self.failed = true;
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let job = kind.clone();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let mut dialog = rfd::AsyncFileDialog::new();
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let plans = |d: rfd::AsyncFileDialog| d.add_filter("Lync Port Planner plan", &["ron"]);
            let picked = match job {
                DialogKind::Open | DialogKind::Compare => {
                    pollster::block_on(plans(dialog).pick_file())
                }
                DialogKind::SaveAs => {
                    pollster::block_on(plans(dialog).set_file_name("plan.ron").save_file())
                }
                // Several files go into a folder.
                DialogKind::Export(request)
                    if request.kind.output() == crate::export::OutputKind::Folder =>
                {
                    pollster::block_on(dialog.pick_folder())
                }
                DialogKind::Export(request) => {
                    let ext = request.kind.extension();
                    let last = ext.rsplit('.').next().unwrap_or(ext);
                    let stem = match request.kind {
                        crate::ui::export_menu::ExportKind::Dns(_) => "dns-records",
                        _ => "rules",
                    };
                    pollster::block_on(
                        dialog
                            .add_filter(last, &[last])
                            .set_file_name(format!("{stem}.{ext}"))
                            .save_file(),
                    )
                }
                // iptables-save and nft dumps often have no extension: every file is offered too.
                DialogKind::Audit => pollster::block_on(
                    dialog
                        .add_filter(
                            "Firewall rules",
                            &["csv", "rules", "save", "nft", "json", "txt", "cfg", "conf"],
                        )
                        .add_filter("All files", &["*"])
                        .pick_file(),
                ),
                DialogKind::PortTests => pollster::block_on(
                    dialog
                        .add_filter("Port-test results", &["csv"])
                        .add_filter("All files", &["*"])
                        .pick_file(),
                ),
                DialogKind::TrainerResults(_) => pollster::block_on(
                    dialog
                        .add_filter("CSV", &["csv"])
                        .set_file_name("results.csv")
                        .save_file(),
                ),
            };
            let secs = started.elapsed().as_secs_f64();
            tx.send(Answer::from_rfd(picked.map(|h| h.path().to_owned()), secs))
                .ok();
            ctx.request_repaint();
        });
        self.pending = Some((kind, rx));
    }

    /// The command a finished dialog answers with.
    pub fn poll(&mut self) -> Option<Command> {
        let (kind, rx) = self.pending.as_ref()?;
        let answer = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) | Ok(Answer::Cancelled) => None,
            Ok(Answer::Failed) => {
                self.failed = true;
                None
            }
            Ok(Answer::Picked(path)) => Some(match kind {
                DialogKind::Open => Command::OpenPath(path),
                DialogKind::SaveAs => Command::SaveTo(path),
                DialogKind::Export(request) => Command::ExportTo {
                    request: request.clone(),
                    path,
                },
                DialogKind::Audit => Command::AuditPath(path),
                DialogKind::PortTests => Command::PortTestsPath(path),
                DialogKind::Compare => Command::ComparePath(path),
                DialogKind::TrainerResults(csv) => Command::TrainerResultsTo {
                    csv: csv.clone(),
                    path,
                },
            }),
        };
        self.pending = None;
        answer
    }
}

/// Preferences kept between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prefs {
    /// Recent files, newest first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// Snap to grid.
    #[serde(default = "yes")]
    pub snap: bool,
    /// The UI language the user chose (`None`: follow the system locale).
    #[serde(default)]
    pub lang: Option<crate::i18n::Lang>,
    /// Open panels and their sizes.
    #[serde(default)]
    pub panels: crate::ui::panels::PanelPrefs,
}

fn yes() -> bool {
    true
}

/// Most recent files remembered.
const MAX_RECENT: usize = 10;

impl Prefs {
    /// The preferences file: `$LPP_CONFIG_DIR`, `$XDG_CONFIG_HOME/lync-port-planner` or `~/.config/lync-port-planner`.
    pub fn default_path() -> Option<PathBuf> {
        let dir = if let Some(d) = std::env::var_os("LPP_CONFIG_DIR") {
            PathBuf::from(d)
        } else if let Some(d) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
            PathBuf::from(d).join("lync-port-planner")
        } else {
            PathBuf::from(std::env::var_os("HOME").or_else(|| std::env::var_os("APPDATA"))?)
                .join(".config/lync-port-planner")
        };
        Some(dir.join("prefs.ron"))
    }

    /// Defaults: no recent files, snap on.
    pub fn fresh() -> Self {
        Self {
            recent: Vec::new(),
            snap: true,
            lang: None,
            panels: crate::ui::panels::PanelPrefs::default(),
        }
    }

    /// Load, or defaults when missing or unreadable.
    pub fn load(path: &Path) -> Self {
        crate::file_text::read(path)
            .ok()
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_else(Self::fresh)
    }

    /// Save atomically; errors are for the status bar.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot save preferences: {e}"))?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| e.to_string())?;
        crate::atomic_write::write(path, text.as_bytes()).map_err(|e| e.to_string())
    }

    /// Put `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// Writes unsaved work to this window's recovery file after a few idle seconds.
#[derive(Debug)]
pub struct Autosave {
    /// This window's recovery file; `None` disables autosave (tests, scripted runs, after quit).
    session: Option<Session>,
    /// Seconds of idle time before writing.
    pub idle_secs: f64,
    /// Longest an edit waits while editing never pauses: bounds what a crash can lose.
    pub max_delay_secs: f64,
    /// Seconds before a failed write is tried again.
    pub retry_secs: f64,
    last_change: f64,
    /// Time of the first edit not yet in the recovery file.
    first_unwritten: Option<f64>,
    written_state: Option<StateId>,
    /// After a failed write: when to try again.
    retry_at: Option<f64>,
}

impl Autosave {
    /// Autosave into a new recovery file in `dir`.
    pub fn new(dir: Option<&Path>) -> Self {
        Self {
            session: dir.map(Session::new),
            idle_secs: 3.0,
            max_delay_secs: 10.0,
            retry_secs: 5.0,
            last_change: 0.0,
            first_unwritten: None,
            written_state: None,
            retry_at: None,
        }
    }

    /// Note an edit at time `now` (seconds).
    pub fn touch(&mut self, now: f64) {
        self.last_change = now;
        self.first_unwritten.get_or_insert(now);
    }

    /// Seconds from `now` until a write is due, while one is waiting (to wake the window then).
    pub fn due_in(&self, now: f64, doc: &Document) -> Option<f64> {
        if self.session.is_none() || !doc.is_dirty() || self.written_state == Some(doc.state()) {
            return None;
        }
        let due = match self.retry_at {
            Some(t) => t,
            None => (self.last_change + self.idle_secs).min(
                self.first_unwritten
                    .map_or(f64::MAX, |t| t + self.max_delay_secs),
            ),
        };
        Some((due - now).max(0.0) + 0.1)
    }

    /// Write the recovery file when due; `Some(Err)` when writing failed (tried again after
    /// `retry_secs`).
    pub fn tick(&mut self, now: f64, doc: &Document) -> Option<Result<(), String>> {
        let session = self.session.as_mut()?;
        let waited_long = self
            .first_unwritten
            .is_some_and(|t| now - t >= self.max_delay_secs);
        if !doc.is_dirty() || self.written_state == Some(doc.state()) {
            return None;
        }
        let due = match self.retry_at {
            Some(t) => now >= t,
            None => now - self.last_change >= self.idle_secs || waited_long,
        };
        if !due {
            return None;
        }
        let recovery = Recovery {
            original: doc.path().cloned(),
            written_at: recovery::now(),
            plan: doc.plan().clone(),
        };
        match session.write(&recovery) {
            Ok(()) => {
                self.written_state = Some(doc.state());
                self.first_unwritten = None;
                self.retry_at = None;
                Some(Ok(()))
            }
            Err(e) => {
                self.retry_at = Some(now + self.retry_secs);
                Some(Err(format!("autosave failed: {e}")))
            }
        }
    }

    /// Forget this window's recovery file (saved, discarded, a new document).
    pub fn clear(&mut self) {
        if let Some(session) = &self.session {
            session.clear();
        }
        self.written_state = None;
        self.first_unwritten = None;
        self.retry_at = None;
    }

    /// The window closes on purpose: remove the recovery file and its lock and write no more.
    pub fn close(&mut self) {
        if let Some(mut session) = self.session.take() {
            session.close();
        }
    }

    /// Go on in a dead window's recovery file (its work was restored into this window).
    pub fn adopt(&mut self, session: Session) {
        if let Some(mut own) = self.session.replace(session) {
            own.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Editing without a pause still reaches the recovery file within `max_delay_secs`.
    #[test]
    fn continuous_editing_is_autosaved_within_the_max_delay() {
        let dir = std::env::temp_dir().join(format!("lpp-autosave-{}", std::process::id()));
        let mut autosave = Autosave::new(Some(&dir));
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let plan =
            crate::plan_file::from_ron(crate::examples::SEED_PLAN, "seed", &catalog).unwrap();
        let mut doc = Document::new(plan, None);
        let mut written_at = None;
        for step in 0..30 {
            let now = f64::from(step) * 0.5;
            let id = doc.plan().nodes.keys().next().cloned().unwrap();
            let mut node = crate::plan::Node::clone(&doc.plan().nodes[&id]);
            node.label = format!("edit {step}");
            doc.apply(&crate::plan::PlanEdit::SetNode { id, node }, &catalog)
                .unwrap();
            autosave.touch(now);
            if autosave.tick(now, &doc).is_some() && written_at.is_none() {
                written_at = Some(now);
            }
        }
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(
            written_at,
            Some(10.0),
            "an edit every 0.5 s never idles 3 s"
        );
    }
}

#[cfg(test)]
mod dialog_tests {
    use super::{Answer, dialogs_possible};

    /// A dialog that answers "nothing" at once never appeared; a later "nothing" is a cancel.
    #[test]
    fn a_dialog_that_cannot_open_is_told_from_a_cancel() {
        assert_eq!(Answer::from_rfd(None, 0.01), Answer::Failed);
        assert_eq!(Answer::from_rfd(None, 3.0), Answer::Cancelled);
        let path = std::path::PathBuf::from("plan.ron");
        assert_eq!(
            Answer::from_rfd(Some(path.clone()), 0.01),
            Answer::Picked(path)
        );
        if cfg!(target_os = "linux") {
            assert!(!dialogs_possible(false, false), "no portal, no zenity");
        }
        assert!(dialogs_possible(true, false));
        assert!(dialogs_possible(false, true));
    }
}
