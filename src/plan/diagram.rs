//! Where the user put a link's label and bends on the diagram (format version 2, optional):
//! positions only. A link without an entry is laid out automatically; so is everything a
//! stored position leaves open (the route between its bends, a label dropped on a card).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::validate::{PlanProblem, problem};
use super::{CanvasPoint, NodeId, Plan};
use crate::escape::quoted;
use crate::ron_path::Step;

/// Most bends stored for one link.
pub const MAX_BENDS: usize = 16;
/// Largest coordinate a stored position may have, either way: far beyond any plan (the
/// generator's 18,432 nodes reach about 100,000), small enough that sums of a few never
/// lose the unit in `f32`.
pub const MAX_COORDINATE: f32 = 1.0e6;

/// The stored positions of one link's drawing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkPositions {
    /// One end of the link (the smaller id after normalising).
    pub a: NodeId,
    /// The other end.
    pub b: NodeId,
    /// The label's centre, where the user dropped it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<CanvasPoint>,
    /// Points the route passes through, in order from `a` to `b`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bends: Vec<CanvasPoint>,
}

impl LinkPositions {
    /// Nothing stored: the entry is dropped.
    pub fn is_empty(&self) -> bool {
        self.label.is_none() && self.bends.is_empty()
    }

    fn is_of(&self, a: &NodeId, b: &NodeId) -> bool {
        (&self.a == a && &self.b == b) || (&self.a == b && &self.b == a)
    }
}

impl Plan {
    /// The stored positions of the link between `a` and `b`, in either order.
    pub fn link_positions(&self, a: &NodeId, b: &NodeId) -> Option<&LinkPositions> {
        self.diagram.iter().find(|p| p.is_of(a, b))
    }

    /// The entry of the link between `a` and `b`, made if missing (empty ones go on normalising).
    pub(super) fn link_positions_mut(&mut self, a: &NodeId, b: &NodeId) -> &mut LinkPositions {
        if let Some(i) = self.diagram.iter().position(|p| p.is_of(a, b)) {
            return &mut self.diagram[i];
        }
        self.diagram.push(LinkPositions {
            a: a.clone(),
            b: b.clone(),
            label: None,
            bends: Vec::new(),
        });
        let last = self.diagram.len() - 1;
        &mut self.diagram[last]
    }

    /// Drop the entries of links the plan no longer has (a link or node removed).
    pub(super) fn drop_stale_positions(&mut self) {
        if self.diagram.is_empty() {
            return;
        }
        let links: BTreeSet<(&NodeId, &NodeId)> = (self.links.iter())
            .flat_map(|l| [(&l.a, &l.b), (&l.b, &l.a)])
            .collect();
        self.diagram.retain(|p| links.contains(&(&p.a, &p.b)));
    }

    /// Sort each entry's ends (reversing its bends with them) and the entries; drop empty ones.
    pub(super) fn normalize_positions(&mut self) {
        self.diagram.retain(|p| !p.is_empty());
        for p in &mut self.diagram {
            if p.b < p.a {
                std::mem::swap(&mut p.a, &mut p.b);
                p.bends.reverse();
            }
        }
        self.diagram.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    }
}

/// The path to diagram entry `i`, then `more`.
fn entry_at(i: usize, more: impl IntoIterator<Item = Step>) -> Vec<Step> {
    [Step::Field("diagram"), Step::Index(i)]
        .into_iter()
        .chain(more)
        .collect()
}

fn usable(p: CanvasPoint) -> bool {
    p.x.is_finite() && p.y.is_finite() && p.x.abs() <= MAX_COORDINATE && p.y.abs() <= MAX_COORDINATE
}

/// Each entry names a link of the plan, once; its positions are finite and on the canvas; it
/// has at most [`MAX_BENDS`] bends. An entry for a link the plan lacks is refused rather than
/// dropped: editing the file by hand, the user learns which entry no longer applies.
pub(super) fn validate(plan: &Plan, out: &mut Vec<PlanProblem>) {
    if plan.diagram.is_empty() {
        return;
    }
    let sorted = |a: &'_ NodeId, b: &'_ NodeId| {
        if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        }
    };
    let links: BTreeSet<(NodeId, NodeId)> = plan.links.iter().map(|l| sorted(&l.a, &l.b)).collect();
    let mut seen = BTreeSet::new();
    for (i, entry) in plan.diagram.iter().enumerate() {
        let (a, b) = (quoted(entry.a.as_str()), quoted(entry.b.as_str()));
        let key = sorted(&entry.a, &entry.b);
        if !links.contains(&key) {
            out.push(problem(
                format!("diagram entry {a}-{b} is for a link the plan does not have"),
                entry_at(i, [Step::Field("b")]),
            ));
        }
        if !seen.insert(key) {
            out.push(problem(
                format!("diagram entry {a}-{b} appears twice"),
                entry_at(i, []),
            ));
        }
        if entry.label.is_some_and(|p| !usable(p)) {
            out.push(problem(
                format!(
                    "diagram entry {a}-{b}: the label's position must be finite numbers within ±{MAX_COORDINATE}"
                ),
                entry_at(i, [Step::Field("label")]),
            ));
        }
        if entry.bends.len() > MAX_BENDS {
            out.push(problem(
                format!(
                    "diagram entry {a}-{b} has {} bends (at most {MAX_BENDS})",
                    entry.bends.len()
                ),
                entry_at(i, [Step::Field("bends")]),
            ));
        } else if let Some(k) = entry.bends.iter().position(|p| !usable(*p)) {
            out.push(problem(
                format!(
                    "diagram entry {a}-{b}: bend {} must be finite numbers within ±{MAX_COORDINATE}",
                    k + 1
                ),
                entry_at(i, [Step::Field("bends"), Step::Index(k)]),
            ));
        }
    }
}
