//! An open plan: the plan, its undo history, its file and whether it has unsaved changes.
//! Pure (no UI, no I/O), so undo, redo and dirty tracking are unit-tested here.

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::plan::{EditError, Plan, PlanEdit};

/// Most undo steps kept.
pub const MAX_UNDO: usize = 200;

/// A plan being edited.
#[derive(Clone, Debug)]
pub struct Document {
    plan: Plan,
    /// Identifies the current state; undo restores the id of the state it restores.
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    undo: Vec<(Plan, u64)>,
    redo: Vec<(Plan, u64)>,
    path: Option<PathBuf>,
}

impl Document {
    /// A document for `plan`; `path` is where it was loaded from (`None`: never saved).
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        let saved_state = path.as_ref().map(|_| 0);
        Self {
            plan,
            state: 0,
            next_state: 1,
            saved_state,
            undo: Vec::new(),
            redo: Vec::new(),
            path,
        }
    }

    /// A document for a built-in template: clean until edited, but with no file yet.
    pub fn template(plan: Plan) -> Self {
        Self {
            saved_state: Some(0),
            ..Self::new(plan, None)
        }
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Changes whenever the plan changes (edit, undo, redo): the key for derived caches.
    pub fn state(&self) -> u64 {
        self.state
    }

    /// The file, if the plan has one.
    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// True when the plan differs from the file (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Apply an edit as one undo step.
    pub fn apply(&mut self, edit: &PlanEdit, catalog: &Catalog) -> Result<(), EditError> {
        let before = self.plan.clone();
        self.plan.apply(edit, catalog)?;
        if self.plan == before {
            return Ok(());
        }
        self.undo.push((before, self.state));
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        Ok(())
    }

    /// Undo the last edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some((plan, state)) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.plan, plan);
        self.redo.push((current, self.state));
        self.state = state;
        true
    }

    /// Redo the last undone edit; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some((plan, state)) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.plan, plan);
        self.undo.push((current, self.state));
        self.state = state;
        true
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Record that the current state is saved at `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_state = Some(self.state);
    }

    /// Mark the document as not saved anywhere (a recovered or new plan).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::NodeId;

    fn doc() -> (Document, Catalog) {
        let catalog = Catalog::builtin().unwrap();
        let plan =
            crate::plan_file::from_ron(crate::examples::SEED_PLAN, "seed", &catalog).unwrap();
        (
            Document::new(plan, Some(PathBuf::from("seed.ron"))),
            catalog,
        )
    }

    #[test]
    fn undo_redo_and_dirty_tracking() {
        let (mut d, c) = doc();
        assert!(!d.is_dirty());
        let rename = PlanEdit::SetName {
            name: "Renamed".to_owned(),
        };
        d.apply(&rename, &c).unwrap();
        assert!(d.is_dirty());
        assert!(d.undo());
        assert!(!d.is_dirty(), "undo back to the saved state is clean");
        assert!(d.redo());
        assert_eq!(d.plan().name, "Renamed");
        assert!(d.is_dirty());
        d.mark_saved(PathBuf::from("x.ron"));
        assert!(!d.is_dirty());
        assert!(d.undo());
        assert!(d.is_dirty());
    }

    #[test]
    fn refused_edit_changes_nothing_and_records_no_step() {
        let (mut d, c) = doc();
        let err = d
            .apply(
                &PlanEdit::AddLink {
                    a: NodeId::from("dir"),
                    b: NodeId::from("dir"),
                },
                &c,
            )
            .unwrap_err();
        assert!(err.to_string().contains("itself"), "{err}");
        assert!(!d.can_undo());
        assert!(!d.is_dirty());
    }

    #[test]
    fn removing_a_node_takes_its_links() {
        let (mut d, c) = doc();
        let links_before = d.plan().links.len();
        d.apply(
            &PlanEdit::RemoveNodes {
                ids: vec![NodeId::from("edge")],
            },
            &c,
        )
        .unwrap();
        assert_eq!(d.plan().links.len(), links_before - 2);
        assert!(d.undo());
        assert_eq!(d.plan().links.len(), links_before);
    }

    #[test]
    fn fresh_ids_and_labels_do_not_collide() {
        let (d, _) = doc();
        assert_eq!(d.plan().fresh_id("dir").as_str(), "dir-2");
        assert_eq!(d.plan().fresh_id("director").as_str(), "director");
        assert_eq!(d.plan().fresh_label("Director pool"), "Director pool 2");
    }
}
