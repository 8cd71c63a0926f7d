//! The rules and findings of one plan state.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::findings::{self, Finding};
use crate::handoff::Handoff;
use crate::plan::Plan;
use crate::rules::{self, RuleSet};

/// Rules and findings of one plan state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Derivation {
    /// The rules, as [`rules::derive`] gives them (shared with the window's layout thread).
    pub rules: Arc<RuleSet>,
    /// The findings, as [`findings::check`] gives them.
    pub findings: Vec<Finding>,
    /// The names, DNS records and certificates the findings were checked against.
    pub handoff: Arc<Handoff>,
}

impl Derivation {
    /// Rules and findings, derived from scratch: the same as [`rules::derive`] then
    /// [`findings::check`]. The names, DNS records and certificates and their findings are
    /// worked out on a second thread while the rules and the plan's own findings are derived
    /// here: each side is several milliseconds at 2,000 nodes, over the 16 ms of an edit's
    /// frame one after the other.
    pub fn new(plan: &Plan, catalog: &Catalog) -> Self {
        Self::new_with(plan, catalog, |_| ()).0
    }

    /// [`Self::new`], with `also` worked out from the rules on this thread while the second
    /// is still busy with the handoff (the window's link summaries: 2 ms at 2,000 nodes that
    /// would otherwise come after both).
    pub fn new_with<T>(
        plan: &Plan,
        catalog: &Catalog,
        also: impl FnOnce(&RuleSet) -> T,
    ) -> (Self, T) {
        let handoff_side = || {
            let handoff = Handoff::derive(plan, catalog);
            let found = findings::check_handoff(plan, &handoff);
            (handoff, found)
        };
        let (rules, mut found, handoff, extra) = std::thread::scope(|s| {
            // Without a second thread to be had, the handoff is derived here, after the rules.
            let second = std::thread::Builder::new()
                .spawn_scoped(s, handoff_side)
                .ok();
            let rules = rules::derive(plan, catalog);
            let mut found = findings::check_plan(plan, catalog);
            let extra = also(&rules);
            let (handoff, handoff_found) = match second {
                Some(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => handoff_side(),
            };
            found.extend(handoff_found);
            (rules, found, handoff, extra)
        });
        found.extend(findings::check_rules(plan, catalog, &rules, &handoff));
        let derivation = Self {
            rules: Arc::new(rules),
            findings: findings::sorted(found),
            handoff: Arc::new(handoff),
        };
        (derivation, extra)
    }
}
