//! The rules and findings of one plan state, derived from scratch.

use crate::catalog::Catalog;
use crate::findings::{self, Finding};
use crate::plan::Plan;
use crate::rules::{self, RuleSet};

/// Rules and findings of one plan state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Derivation {
    /// The rules, as [`rules::derive`] gives them.
    pub rules: RuleSet,
    /// The findings, as [`findings::check`] gives them.
    pub findings: Vec<Finding>,
}

impl Derivation {
    /// The rules of `plan` and the findings about it and them.
    pub fn new(plan: &Plan, catalog: &Catalog) -> Self {
        let rules = rules::derive(plan, catalog);
        let findings = findings::check(plan, catalog, &rules);
        Self { rules, findings }
    }
}
