//! Commands that read or write files: open, save, export, load an audit, compare with a plan.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{Disk, PlannerApp, absolute, display_name};
use crate::document::Document;
use crate::plan_file;
use crate::ui::Selection;
use crate::ui::audit::AuditState;
use crate::ui::canvas::Gesture;
use crate::ui::export_menu::{self, ExportRequest};
use crate::ui::file_dialog::DialogKind;
use crate::ui::status_bar::Status;

impl PlannerApp {
    pub(super) fn replace_document(&mut self, doc: Document, file_name: String) {
        self.doc = doc;
        self.disk = Disk::Unknown;
        self.file_name = file_name;
        self.selection = Selection::default();
        self.canvas.gesture = Gesture::Idle;
        self.canvas.fit_pending = true;
        self.autosave.clear();
    }

    pub(super) fn open(&mut self, path: &Path) {
        let path = &absolute(path);
        match plan_file::load_stamped(path, &self.catalog) {
            Ok((plan, stamp)) => {
                self.replace_document(
                    Document::new(plan, Some(path.to_owned())),
                    display_name(path),
                );
                self.disk = Disk::Read(stamp);
                self.remember(path);
                self.status = Status::info(
                    self.trf("status.opened", &[("path", &path.display().to_string())]),
                );
            }
            Err(e) => self.status = Status::error(e.to_string()),
        }
    }

    /// Save to `to`, or to the document's file; asks for a path when there is none, and first
    /// when the document's file changed on disk since this window read or wrote it (another
    /// window or program saved it: overwriting would lose that). True when saved.
    pub(super) fn save(&mut self, to: Option<PathBuf>) -> bool {
        let Some(path) = to.or_else(|| self.doc.path().cloned()) else {
            self.dialogs.requested = Some(DialogKind::SaveAs);
            return false;
        };
        let changed = Some(&path) == self.doc.path()
            && match self.disk {
                Disk::Unknown => false,
                // A regular file unreadable now (binary, too large) counts as changed too; a pipe
                // or device is written in place unasked, as before.
                Disk::Read(stamp) => path.is_file() && plan_file::Stamp::of(&path) != Some(stamp),
                Disk::Restored => path.is_file(),
            };
        if changed {
            self.changed_on_disk = Some(path);
            return false;
        }
        self.save_over(&path)
    }

    /// Save where Save As was told to; what "Save changes?" was asked for goes on once saved.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.save(Some(path)) {
            if let Some(after) = self.after_save.take() {
                self.continue_after(ctx, after);
            }
        } else if self.changed_on_disk.is_some() {
            self.after_overwrite = self.after_save.take();
        }
    }

    /// Save to `path` whatever is there now.
    pub(super) fn save_over(&mut self, path: &Path) -> bool {
        let path = absolute(path);
        match plan_file::save_stamped(&path, self.doc.plan()) {
            Ok(stamp) => {
                self.disk = Disk::Read(stamp);
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

    pub(super) fn remember(&mut self, path: &Path) {
        // Another window may have added files since this one read the preferences: its list
        // goes on, with this file first (the last window to save used to drop the others').
        if let Some(p) = &self.prefs_path
            && p.exists()
        {
            self.prefs.recent = crate::ui::files::Prefs::load(p).recent;
        }
        self.prefs.remember(path);
        self.save_prefs();
    }

    pub(super) fn save_prefs(&mut self) {
        if let Some(p) = &self.prefs_path
            && let Err(e) = self.prefs.save(p)
        {
            self.status = Status::error(e);
        }
    }

    pub(super) fn export_to(&mut self, request: &ExportRequest, path: &Path) {
        let written = export_menu::render(
            self.doc.plan(),
            &self.catalog,
            request.kind,
            &request.scope,
            self.lang,
        )
        .and_then(|output| export_menu::write(output, path));
        self.status = match written {
            Ok(()) => {
                Status::info(self.trf("status.exported", &[("path", &path.display().to_string())]))
            }
            Err(e) => Status::error(e),
        };
    }

    pub(super) fn load_audit(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.catch_up(ctx);
        let loaded = AuditState::load(
            path,
            self.doc.plan(),
            self.selection.firewall,
            &self.derived.derivation,
            self.doc.content(),
        );
        match loaded {
            Ok(audit) => {
                self.status = Status::info(self.trf(
                    "status.audited",
                    &[
                        ("n", &audit.rule_count().to_string()),
                        ("missing", &audit.missing().to_string()),
                    ],
                ));
                self.audit = Some(audit);
                self.findings_base_changed();
            }
            Err(e) => self.status = Status::error(e),
        }
    }

    /// The audit was loaded or cleared: the port-test results merge their findings again.
    pub(super) fn findings_base_changed(&mut self) {
        if let Some(tests) = &mut self.port_tests {
            tests.base_changed();
        }
    }

    /// Add a port-test results file to the loaded results (a bad file changes nothing).
    pub(super) fn load_port_tests(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.catch_up(ctx);
        let mut tests = self.port_tests.clone().unwrap_or_default();
        match tests.add(path) {
            Ok(()) => {
                let base = (self.audit.as_ref())
                    .map_or(&self.derived.derivation.findings[..], AuditState::merged);
                tests.refresh(&self.derived.derivation, self.doc.content(), base);
                self.status = Status::info(self.trf(
                    "status.port_tests",
                    &[
                        ("files", &tests.files.len().to_string()),
                        ("failed", &tests.failed().to_string()),
                    ],
                ));
                self.port_tests = Some(tests);
            }
            Err(e) => self.status = Status::error(e),
        }
    }

    pub(super) fn compare_with(&mut self, ctx: &egui::Context, path: &Path) {
        self.catch_up(ctx);
        match plan_file::load(path, &self.catalog) {
            Ok(old) => self.compare.open(
                display_name(path),
                (&old, &self.catalog),
                (self.doc.plan(), &self.derived.derivation.rules),
                self.lang,
            ),
            Err(e) => self.status = Status::error(e.to_string()),
        }
    }
}
