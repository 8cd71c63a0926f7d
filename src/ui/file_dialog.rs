//! Native file dialogs on a thread of their own, and what each kind of dialog answers with.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

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
    /// A dialog this system could not show: the window asks for its path itself.
    pub no_dialog: Option<DialogKind>,
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

/// What a dialog asks the user to pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A file that is there (to read).
    File,
    /// A file to write, new or to replace.
    NewFile,
    /// A folder to write several files into (made if missing).
    Folder,
}

impl DialogKind {
    /// What the user picks.
    pub fn pick(&self) -> Pick {
        match self {
            Self::Open | Self::Compare | Self::Audit | Self::PortTests => Pick::File,
            Self::Export(request) if request.kind.output() == crate::export::OutputKind::Folder => {
                Pick::Folder
            }
            Self::SaveAs | Self::Export(_) | Self::TrainerResults(_) => Pick::NewFile,
        }
    }

    /// The file name offered for a new file (or a folder to write into), from the stem of the
    /// plan's file or name.
    pub fn file_name(&self, stem: &str) -> Option<String> {
        match self {
            Self::SaveAs => Some(format!("{stem}.ron")),
            Self::Export(request) if self.pick() == Pick::NewFile => {
                let what = match request.kind {
                    crate::ui::export_menu::ExportKind::Dns(_) => "dns-records",
                    crate::ui::export_menu::ExportKind::DiagramSvg
                    | crate::ui::export_menu::ExportKind::DiagramPng => "diagram",
                    _ => "rules",
                };
                Some(format!("{stem}-{what}.{}", request.kind.extension()))
            }
            Self::TrainerResults(_) => Some(format!("{stem}-results.csv")),
            // A folder of its own: the kit's or the zones' files must not land among the
            // plan's neighbours.
            Self::Export(request) if self.pick() == Pick::Folder => {
                let what = match request.kind {
                    crate::ui::export_menu::ExportKind::PortTest => "port-test",
                    _ => "dns",
                };
                Some(format!("{stem}-{what}"))
            }
            _ => None,
        }
    }

    /// The command that carries out this dialog's purpose with the path the user gave.
    pub fn answer(&self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::OpenPath(path),
            Self::SaveAs => Command::SaveTo(path),
            Self::Export(request) => Command::ExportTo {
                request: request.clone(),
                path,
            },
            Self::Audit => Command::AuditPath(path),
            Self::PortTests => Command::PortTestsPath(path),
            Self::Compare => Command::ComparePath(path),
            Self::TrainerResults(csv) => Command::TrainerResultsTo {
                csv: csv.clone(),
                path,
            },
        }
    }
}

/// Where a dialog starts: the document's folder, and the stem its file names are offered from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Start {
    /// The folder of the document's file, if it has one.
    pub dir: Option<PathBuf>,
    /// The document's file name without `.ron`, else its plan's name made safe for a file name.
    pub stem: String,
}

impl Start {
    /// From the document's file, else the plan's name.
    pub fn of(path: Option<&Path>, plan_name: &str) -> Self {
        let stem = path.and_then(Path::file_stem).map_or_else(
            || file_stem(plan_name),
            |s| s.to_string_lossy().into_owned(),
        );
        Self {
            dir: path.and_then(Path::parent).map(Path::to_owned),
            stem,
        }
    }
}

/// A plan's name as a file name: letters and digits kept, runs of anything else one `-`,
/// at most 60 characters; "plan" when nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "plan".to_owned()
    } else {
        stem.to_owned()
    }
}

impl FileDialogs {
    /// Open the requested dialog, if any and none is open. When this system can show none,
    /// the request moves to `no_dialog` for the window to ask for a path itself.
    pub fn spawn_requested(&mut self, ctx: &eframe::egui::Context, start: Start) {
        if self.pending.is_some() {
            self.requested = None;
            return;
        }
        let Some(kind) = self.requested.take() else {
            return;
        };
        if !dialogs_possible(session_bus(), on_path("zenity")) {
            self.no_dialog = Some(kind);
            ctx.request_repaint();
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let job = kind.clone();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let picked = pollster::block_on(native(&job, start));
            let secs = started.elapsed().as_secs_f64();
            tx.send(Answer::from_rfd(picked.map(|h| h.path().to_owned()), secs))
                .ok();
            ctx.request_repaint();
        });
        self.pending = Some((kind, rx));
    }

    /// A dialog is asked for, open, or waits to be asked in the window instead.
    pub fn is_asking(&self) -> bool {
        self.requested.is_some() || self.pending.is_some() || self.no_dialog.is_some()
    }

    /// The command a finished dialog answers with.
    pub fn poll(&mut self) -> Option<Command> {
        let (kind, rx) = self.pending.as_ref()?;
        let answer = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) | Ok(Answer::Cancelled) => None,
            Ok(Answer::Failed) => {
                self.no_dialog = Some(kind.clone());
                None
            }
            Ok(Answer::Picked(path)) => Some(kind.answer(path)),
        };
        self.pending = None;
        answer
    }
}

/// The native dialog for `kind`, starting at `start`.
async fn native(kind: &DialogKind, start: Start) -> Option<rfd::FileHandle> {
    let mut dialog = rfd::AsyncFileDialog::new();
    if let Some(dir) = start.dir {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = kind
        .file_name(&start.stem)
        .filter(|_| kind.pick() == Pick::NewFile)
    {
        dialog = dialog.set_file_name(name);
    }
    match kind {
        DialogKind::Open | DialogKind::Compare | DialogKind::SaveAs => {
            let dialog = dialog.add_filter("Lync Port Planner plan", &["ron"]);
            if *kind == DialogKind::SaveAs {
                dialog.save_file().await
            } else {
                dialog.pick_file().await
            }
        }
        // Several files go into a folder.
        DialogKind::Export(_) if kind.pick() == Pick::Folder => dialog.pick_folder().await,
        DialogKind::Export(request) => {
            let ext = request.kind.extension();
            let last = ext.rsplit('.').next().unwrap_or(ext);
            dialog.add_filter(last, &[last]).save_file().await
        }
        // iptables-save and nft dumps often have no extension: every file is offered too.
        DialogKind::Audit => {
            let kinds = ["csv", "rules", "save", "nft", "json", "txt", "cfg", "conf"];
            let dialog = dialog.add_filter("Firewall rules", &kinds);
            dialog.add_filter("All files", &["*"]).pick_file().await
        }
        DialogKind::PortTests => {
            let dialog = dialog.add_filter("Port-test results", &["csv"]);
            dialog.add_filter("All files", &["*"]).pick_file().await
        }
        DialogKind::TrainerResults(_) => dialog.add_filter("CSV", &["csv"]).save_file().await,
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

#[cfg(test)]
mod name_tests {
    use super::{DialogKind, Start, file_stem};

    /// Files are offered under the plan's file or name, never "plan.ron" for every plan.
    #[test]
    fn offered_names_come_from_the_plan() {
        assert_eq!(file_stem("Contoso: HQ / DMZ (v2)"), "Contoso-HQ-DMZ-v2");
        assert_eq!(file_stem("台北 據點"), "台北-據點");
        assert_eq!(file_stem(" ../.. "), "plan");
        assert_eq!(file_stem(&"x".repeat(500)).len(), 60);
        let titled = Start::of(Some(std::path::Path::new("/plans/site-a.ron")), "Other");
        assert_eq!(titled.stem, "site-a");
        assert_eq!(titled.dir.as_deref(), Some(std::path::Path::new("/plans")));
        assert_eq!(Start::of(None, "HQ").stem, "HQ");
        assert_eq!(
            DialogKind::SaveAs.file_name("HQ").as_deref(),
            Some("HQ.ron")
        );
        assert_eq!(DialogKind::Open.file_name("HQ"), None);
    }
}
