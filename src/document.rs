//! An open plan: the plan, its undo history, its file and whether it has unsaved changes.
//! Pure (no UI, no I/O), so undo, redo and dirty tracking are unit-tested here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::catalog::Catalog;
use crate::plan::{EditError, Plan, PlanEdit};

/// Identifies one state of a document's plan, positions included: the key for what is drawn.
/// Never used before in this process, by any document, so a cache keyed by it cannot mistake a
/// newly opened plan for the one it was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateId(u64);

/// Identifies a plan's content apart from card positions: the key for rules and findings (and
/// whatever is computed from them), which moving a card within its zone does not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentId(u64);

fn fresh_id() -> StateId {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    StateId(NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The content id of a state that changed more than positions.
fn content_of(state: StateId) -> ContentId {
    ContentId(state.0)
}

/// Most undo steps kept.
pub const MAX_UNDO: usize = 200;
/// Most nodes kept across all undo snapshots: each step holds its own node map and links (the
/// nodes themselves are shared until edited), so a 2,000-node plan keeps 25 steps, a plan of up
/// to 250 nodes all 200.
pub const MAX_UNDO_NODES: usize = 50_000;
/// Steps kept whatever the plan's size.
pub const MIN_UNDO: usize = 10;

/// A plan being edited.
#[derive(Clone, Debug)]
pub struct Document {
    plan: Plan,
    /// Identifies the current state; undo restores the id of the state it restores.
    state: StateId,
    saved_state: Option<StateId>,
    /// Identifies the plan's content apart from card positions: the key for rules and findings.
    content: ContentId,
    undo: Vec<(Plan, StateId, ContentId)>,
    redo: Vec<(Plan, StateId, ContentId)>,
    path: Option<PathBuf>,
}

impl Document {
    /// A document for `plan`; `path` is where it was loaded from (`None`: never saved).
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        let state = fresh_id();
        let saved_state = path.as_ref().map(|_| state);
        Self {
            plan,
            state,
            saved_state,
            content: content_of(state),
            undo: Vec::new(),
            redo: Vec::new(),
            path,
        }
    }

    /// A document for a built-in template: clean until edited, but with no file yet.
    pub fn template(plan: Plan) -> Self {
        let doc = Self::new(plan, None);
        Self {
            saved_state: Some(doc.state),
            ..doc
        }
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Changes whenever the plan changes (edit, undo, redo): the key for derived caches.
    pub fn state(&self) -> StateId {
        self.state
    }

    /// Changes when the plan changes other than by moving cards within their zones (then
    /// rules and findings stay the same, so they need not be derived again).
    pub fn content(&self) -> ContentId {
        self.content
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
        // One copy of the plan: the edited one; the current one becomes the undo snapshot.
        let next = self.plan.applied(edit, catalog)?;
        if next == self.plan {
            return Ok(());
        }
        let moved_only = next.same_but_positions(&self.plan);
        let before = std::mem::replace(&mut self.plan, next);
        self.undo.push((before, self.state, self.content));
        let mut nodes: usize = self.undo.iter().map(|(p, _, _)| p.nodes.len()).sum();
        while self.undo.len() > MAX_UNDO || (nodes > MAX_UNDO_NODES && self.undo.len() > MIN_UNDO) {
            nodes -= self.undo.remove(0).0.nodes.len();
        }
        self.redo.clear();
        self.state = fresh_id();
        if !moved_only {
            self.content = content_of(self.state);
        }
        Ok(())
    }

    /// Undo the last edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some((plan, state, content)) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.plan, plan);
        self.redo.push((current, self.state, self.content));
        self.state = state;
        self.content = content;
        true
    }

    /// Redo the last undone edit; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some((plan, state, content)) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.plan, plan);
        self.undo.push((current, self.state, self.content));
        self.state = state;
        self.content = content;
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

    /// An edit copies only the node it changes: the undo step and the current plan share every
    /// other node, so a step costs a pointer per node and comparing the two skips shared nodes.
    #[test]
    fn undo_steps_share_the_nodes_an_edit_left_alone() {
        let catalog = Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(300, &catalog).unwrap();
        let mut d = Document::new(plan, None);
        let id = d.plan().nodes.keys().nth(7).cloned().unwrap();
        let mut node = crate::plan::Node::clone(&d.plan().nodes[&id]);
        node.label.push_str(" renamed");
        d.apply(&PlanEdit::SetNode { id, node }, &catalog).unwrap();
        let before = &d.undo.last().unwrap().0;
        let shared = before
            .nodes
            .values()
            .zip(d.plan().nodes.values())
            .filter(|(a, b)| std::sync::Arc::ptr_eq(a, b))
            .count();
        assert_eq!(shared, d.plan().nodes.len() - 1);
    }

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

    /// Moving cards within their zones keeps `content`, and so it may keep the rules and
    /// findings: checked by deriving them again after every such move of every seed node.
    #[test]
    fn moves_within_a_zone_keep_the_content_and_the_rules() {
        let (mut d, c) = doc();
        let derive = |p: &Plan| {
            let rules = crate::rules::derive(p, &c);
            let findings = crate::findings::check(p, &c, &rules);
            (rules, findings)
        };
        let before = derive(d.plan());
        let ids: Vec<NodeId> = d.plan().nodes.keys().cloned().collect();
        for (i, id) in ids.iter().enumerate() {
            let node = &d.plan().nodes[id];
            let (content, state) = (d.content(), d.state());
            let to = crate::plan::CanvasPoint {
                x: node.position.x,
                y: node.position.y + 40.0 * (i as f32 + 1.0),
            };
            d.apply(
                &PlanEdit::MoveNodes {
                    moves: vec![(id.clone(), to, node.zone)],
                },
                &c,
            )
            .unwrap();
            assert_ne!(d.state(), state, "a move is an edit");
            assert_eq!(d.content(), content, "{id} moved within its zone");
            assert_eq!(derive(d.plan()), before, "{id}: same rules and findings");
        }
        // Across a band the zone changes: new content, and undo brings the old one back.
        let content = d.content();
        let id = NodeId::from("clients");
        let to = crate::plan::CanvasPoint { x: 0.0, y: 0.0 };
        let zone = crate::plan::layout::zone_at(to.x);
        assert_ne!(zone, d.plan().nodes[&id].zone);
        d.apply(
            &PlanEdit::MoveNodes {
                moves: vec![(id, to, zone)],
            },
            &c,
        )
        .unwrap();
        assert_ne!(d.content(), content);
        assert!(d.undo());
        assert_eq!(d.content(), content);
    }

    /// Undo history is bounded by steps and by the nodes its snapshots hold.
    #[test]
    fn undo_history_of_a_large_plan_is_bounded_by_its_size() {
        let c = Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(2_000, &c).unwrap();
        let per_plan = plan.nodes.len();
        let mut d = Document::new(plan, None);
        for i in 0..60 {
            d.apply(
                &PlanEdit::SetName {
                    name: format!("step {i}"),
                },
                &c,
            )
            .unwrap();
        }
        let mut steps = 0;
        while d.undo() {
            steps += 1;
        }
        assert_eq!(
            steps,
            MAX_UNDO_NODES / per_plan,
            "{per_plan} nodes per snapshot"
        );
        assert_eq!(d.plan().name, "step 35", "the 24 newest steps");
    }
}
