//! A path typed in the window, where this system can show no file dialog (no desktop portal,
//! no zenity): without it a plan could not be saved at all. It answers what the dialog would
//! have (`DialogKind::answer`), checked first: a file to read is there, a file to write has a
//! folder and replaces another only when asked twice.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::escape::quoted;
use crate::ui::command::Command;
use crate::ui::file_dialog::{DialogKind, Pick, Start};
use crate::ui::text::{t, tf};

/// The prompt while it is open.
#[derive(Debug)]
pub struct PathPrompt {
    kind: DialogKind,
    /// Where a relative path starts.
    base: PathBuf,
    home: Option<PathBuf>,
    text: String,
    /// What is wrong with the path last tried (its text key and the path as shown).
    problem: Option<(&'static str, String)>,
    /// A file that is there, asked about once: taking the same path again replaces it.
    replace: Option<PathBuf>,
    focused: bool,
}

/// What the user did with the prompt this frame.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Still deciding.
    Open,
    /// Closed without a path.
    Cancelled,
    /// The command the path answers.
    Chosen(Box<Command>),
}

/// A typed path checked against what the dialog picks.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    /// Take it.
    Take(PathBuf),
    /// A file to write that is already there, or a folder to write into that holds files.
    Exists(PathBuf),
    /// Not usable: the message's text key and the path as typed, resolved.
    Problem(&'static str, PathBuf),
}

/// The path `text` names: `~` is the home folder, a relative path starts in `base`.
pub fn resolve(text: &str, base: &Path, home: Option<&Path>) -> PathBuf {
    let text = text.trim();
    let home_relative = text
        .strip_prefix("~/")
        .or_else(|| (text == "~").then_some(""));
    match (home_relative, home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => base.join(text),
    }
}

/// Whether the path `text` names can answer a dialog that picks `pick`.
pub fn check(pick: Pick, text: &str, base: &Path, home: Option<&Path>) -> Checked {
    if text.trim().is_empty() {
        return Checked::Problem("path.empty", PathBuf::new());
    }
    let path = resolve(text, base, home);
    let parent_missing = |path: &Path| {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        parent.filter(|p| !p.is_dir()).map(Path::to_owned)
    };
    match pick {
        Pick::File if path.is_file() => Checked::Take(path),
        Pick::File | Pick::NewFile if path.is_dir() => Checked::Problem("path.is_folder", path),
        Pick::File => Checked::Problem("path.no_file", path),
        // Files of the same name in it are replaced: asked first, as a file is.
        Pick::Folder if path.is_dir() => {
            let empty = std::fs::read_dir(&path).is_ok_and(|mut e| e.next().is_none());
            if empty {
                Checked::Take(path)
            } else {
                Checked::Exists(path)
            }
        }
        Pick::Folder if path.exists() => Checked::Problem("path.not_folder", path),
        Pick::Folder | Pick::NewFile => match parent_missing(&path) {
            Some(parent) => Checked::Problem("path.no_folder", parent),
            None if path.exists() => Checked::Exists(path),
            None => Checked::Take(path),
        },
    }
}

impl PathPrompt {
    /// A prompt for `kind`, its text the path the dialog would have started at.
    pub fn new(kind: DialogKind, start: &Start) -> Self {
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        let base = (start.dir.clone())
            .or_else(|| std::env::current_dir().ok())
            .or_else(|| home.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        let text = match kind.file_name(&start.stem) {
            Some(name) => base.join(name).display().to_string(),
            None => format!("{}{}", base.display(), std::path::MAIN_SEPARATOR),
        };
        Self {
            kind,
            base,
            home,
            text,
            problem: None,
            replace: None,
            focused: false,
        }
    }

    /// The prompt's text, as a test or the user typed it.
    pub fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }

    /// Take the typed path, if it answers the dialog. A plan saved under a name without an
    /// extension gets `.ron`, as a native dialog's filter gives it.
    fn submit(&mut self) -> Outcome {
        let mut text = self.text.trim().to_owned();
        if self.kind == DialogKind::SaveAs
            && !text.ends_with(std::path::MAIN_SEPARATOR)
            && Path::new(&text).extension().is_none()
            && !text.is_empty()
        {
            text.push_str(".ron");
        }
        match check(self.kind.pick(), &text, &self.base, self.home.as_deref()) {
            Checked::Take(path) => Outcome::Chosen(Box::new(self.kind.answer(path))),
            Checked::Exists(path) if self.replace.as_ref() == Some(&path) => {
                Outcome::Chosen(Box::new(self.kind.answer(path)))
            }
            Checked::Exists(path) => {
                self.replace = Some(path);
                self.problem = None;
                Outcome::Open
            }
            Checked::Problem(key, path) => {
                self.problem = Some((key, path.display().to_string()));
                self.replace = None;
                Outcome::Open
            }
        }
    }

    /// Draw the prompt over the window.
    pub fn ui(&mut self, ctx: &egui::Context) -> Outcome {
        let mut outcome = Outcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            let title = ui.heading(self.title(ui));
            let base = quoted(&self.base.display().to_string());
            ui.label(tf(ui, "path.no_dialog", &[("dir", &base)]));
            let edit = egui::TextEdit::singleline(&mut self.text)
                .desired_width(540.0)
                .id(egui::Id::unique("path-prompt-text"));
            let response = ui.add(edit).labelled_by(title.id);
            if !self.focused {
                response.request_focus();
                self.focused = true;
            }
            if response.changed() {
                (self.problem, self.replace) = (None, None);
            }
            // A held Enter repeats: only a fresh press answers (a repeat was the second OK
            // that replaces a file).
            let entered = response.lost_focus()
                && ui.input(|i| {
                    i.events.iter().any(|e| {
                        matches!(
                            e,
                            egui::Event::Key {
                                key: egui::Key::Enter,
                                pressed: true,
                                repeat: false,
                                ..
                            }
                        )
                    })
                });
            if let Some((key, path)) = &self.problem {
                let text = tf(ui, key, &[("path", &quoted(path))]);
                ui.colored_label(crate::ui::theme::PROBLEM, text);
            }
            let go = match &self.replace {
                Some(path) => {
                    let name = quoted(&path.display().to_string());
                    let key = if path.is_dir() {
                        "path.folder_has_files"
                    } else {
                        "path.replace"
                    };
                    ui.label(tf(ui, key, &[("path", &name)]));
                    "path.replace_button"
                }
                None => "dialog.ok",
            };
            ui.horizontal(|ui| {
                if ui.button(t(ui, go)).clicked() || entered {
                    outcome = self.submit();
                    if outcome == Outcome::Open {
                        response.request_focus();
                    }
                }
                if ui.button(t(ui, "dialog.cancel")).clicked() {
                    outcome = Outcome::Cancelled;
                }
            });
        });
        if modal.should_close() && outcome == Outcome::Open {
            outcome = Outcome::Cancelled;
        }
        outcome
    }

    fn title(&self, ui: &egui::Ui) -> String {
        let key = match &self.kind {
            DialogKind::Open => "path.title_open",
            DialogKind::SaveAs => "path.title_save",
            DialogKind::Export(request) => {
                let what = request.kind.text(crate::ui::text::lang(ui.ctx()));
                let what = what.trim_end_matches("...");
                return tf(ui, "path.title_export", &[("what", what)]);
            }
            DialogKind::Audit => "path.title_audit",
            DialogKind::PortTests => "path.title_port_tests",
            DialogKind::Compare => "path.title_compare",
            DialogKind::TrainerResults(_) => "path.title_trainer",
        };
        t(ui, key).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("lpp-path-prompt-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("plan.ron"), "x").unwrap();
        dir
    }

    #[test]
    fn a_typed_path_is_checked_against_what_the_dialog_picks() {
        let dir = scratch("check");
        let home = dir.join("sub");
        let plan = dir.join("plan.ron");
        assert_eq!(
            check(Pick::File, "plan.ron", &dir, None),
            Checked::Take(plan.clone())
        );
        assert_eq!(
            check(Pick::File, " nothing.ron ", &dir, None),
            Checked::Problem("path.no_file", dir.join("nothing.ron"))
        );
        assert_eq!(
            check(Pick::File, "sub", &dir, None),
            Checked::Problem("path.is_folder", dir.join("sub"))
        );
        assert_eq!(
            check(Pick::NewFile, "plan.ron", &dir, None),
            Checked::Exists(plan.clone())
        );
        assert_eq!(
            check(Pick::NewFile, "new.ron", &dir, None),
            Checked::Take(dir.join("new.ron"))
        );
        assert_eq!(
            check(Pick::NewFile, "gone/new.ron", &dir, None),
            Checked::Problem("path.no_folder", dir.join("gone"))
        );
        assert_eq!(
            check(Pick::Folder, "plan.ron", &dir, None),
            Checked::Problem("path.not_folder", plan.clone())
        );
        assert_eq!(
            check(Pick::Folder, "kit", &dir, None),
            Checked::Take(dir.join("kit")),
            "a folder to write into is made if missing"
        );
        assert_eq!(
            check(Pick::Folder, "sub", &dir, None),
            Checked::Take(dir.join("sub"))
        );
        assert_eq!(
            check(Pick::Folder, ".", &dir, None),
            Checked::Exists(dir.join(".")),
            "a folder with files: asked first"
        );
        assert_eq!(
            check(Pick::NewFile, "~/x.csv", &dir, Some(&home)),
            Checked::Take(home.join("x.csv"))
        );
        let absolute = plan.display().to_string();
        assert_eq!(
            check(Pick::File, &absolute, &home, None),
            Checked::Take(plan)
        );
        assert_eq!(
            check(Pick::File, "  ", &dir, None),
            Checked::Problem("path.empty", PathBuf::new())
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_file_that_is_there_is_replaced_only_when_asked_twice() {
        let dir = scratch("replace");
        let start = Start {
            dir: Some(dir.clone()),
            stem: "plan".to_owned(),
        };
        let mut prompt = PathPrompt::new(DialogKind::SaveAs, &start);
        assert_eq!(prompt.text, dir.join("plan.ron").display().to_string());
        // A name without an extension is a plan file all the same.
        prompt.text = dir.join("other").display().to_string();
        assert_eq!(
            prompt.submit(),
            Outcome::Chosen(Box::new(Command::SaveTo(dir.join("other.ron"))))
        );
        prompt.text = dir.join("plan").display().to_string();
        assert_eq!(prompt.submit(), Outcome::Open, "asks first");
        assert_eq!(prompt.replace, Some(dir.join("plan.ron")));
        assert_eq!(
            prompt.submit(),
            Outcome::Chosen(Box::new(Command::SaveTo(dir.join("plan.ron"))))
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
