//! Files around the document: preferences (recent files), autosave.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::document::StateId;
use crate::recovery::{self, Recovery, Session};

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
