//! Trainer scenarios: call flows stepped through hop by hop on a template plan, and the
//! exercise that hides the ports and scores a trainee's answers. Data in `assets/scenarios.ron`.

use serde::Deserialize;

use crate::catalog::Text;
use crate::net::PortRange;
use crate::rules::{Rule, RuleSet};

/// One hop of a scenario: the catalog requirement it uses, and why.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hop {
    /// Requirement id.
    pub requirement: String,
    /// What happens on this hop.
    pub explain: Text,
}

/// A scenario.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// File name of the template in `saved-plans/` it runs on.
    pub template: String,
    /// The hops, in order.
    pub hops: Vec<Hop>,
}

/// Every built-in scenario, parsed once (the file is checked by the tests; a broken one yields none).
pub fn scenarios() -> &'static [Scenario] {
    static SCENARIOS: std::sync::OnceLock<Vec<Scenario>> = std::sync::OnceLock::new();
    SCENARIOS
        .get_or_init(|| ron::from_str(include_str!("../assets/scenarios.ron")).unwrap_or_default())
}

/// The rules of a hop in a rule set (one per matching node pair).
pub fn hop_rules<'a>(hop: &Hop, rules: &'a RuleSet) -> Vec<&'a Rule> {
    rules
        .rules
        .iter()
        .filter(|r| *r.requirement() == *hop.requirement)
        .collect()
}

/// A trainee's answer to one hop, scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    /// The hop's requirement.
    pub requirement: String,
    /// The port or range the hop needs.
    pub expected: PortRange,
    /// What the trainee wrote.
    pub answer: String,
    /// True when the answer names exactly the expected port or range.
    pub correct: bool,
}

/// Score answers (one per hop, in order) against the hops' requirements.
pub fn score(scenario: &Scenario, rules: &RuleSet, answers: &[String]) -> Vec<Score> {
    scenario
        .hops
        .iter()
        .zip(answers.iter().chain(std::iter::repeat(&String::new())))
        .filter_map(|(hop, answer)| {
            let expected = hop_rules(hop, rules).first()?.ports;
            let given = answer
                .trim()
                .replace(' ', "")
                .replace(':', "-")
                .parse::<PortRange>()
                .ok();
            Some(Score {
                requirement: hop.requirement.clone(),
                expected,
                answer: answer.trim().to_owned(),
                correct: given == Some(expected),
            })
        })
        .collect()
}

/// The scores as CSV for the trainer: `scenario,hop,requirement,expected,answer,correct`.
pub fn scores_csv(scenario: &Scenario, scores: &[Score]) -> String {
    let mut out = String::from("scenario,hop,requirement,expected,answer,correct\r\n");
    for (i, s) in scores.iter().enumerate() {
        let cells = [
            scenario.id.clone(),
            (i + 1).to_string(),
            s.requirement.clone(),
            s.expected.to_string(),
            s.answer.clone(),
            s.correct.to_string(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| crate::export::csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
