//! Trainer scenarios: call flows stepped through hop by hop on a template plan, and the
//! exercise that hides the ports and scores a trainee's answers; or, for the DNS lookups of a
//! sign-in, the names a client asks for answered by the plan's records (`lookups`). Data in
//! `assets/scenarios.ron` and `assets/sign_in_lookups.ron`.

pub mod lookups;

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
    /// The hops, in order (none in a DNS lookups scenario).
    #[serde(default)]
    pub hops: Vec<Hop>,
    /// A walk through the DNS lookups of a sign-in by a client on this side, instead of hops.
    #[serde(default)]
    pub dns_lookups: Option<lookups::Client>,
}

/// Where the built-in scenarios come from, as errors name it.
const ORIGIN: &str = "assets/scenarios.ron";

/// Why the built-in scenarios could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{col}: {message}")]
pub struct ScenarioError {
    /// The built-in file.
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

/// Every built-in scenario, parsed once (a unit test proves the built-in file parses).
pub fn scenarios() -> Result<&'static [Scenario], ScenarioError> {
    static SCENARIOS: std::sync::OnceLock<Result<Vec<Scenario>, ScenarioError>> =
        std::sync::OnceLock::new();
    SCENARIOS
        .get_or_init(|| parse(include_str!("../../assets/scenarios.ron")))
        .as_deref()
        .map_err(ScenarioError::clone)
}

/// Scenarios from RON text.
fn parse(text: &str) -> Result<Vec<Scenario>, ScenarioError> {
    ron::from_str(text).map_err(|e| ScenarioError {
        file: ORIGIN,
        line: e.span.start.line,
        col: e.span.start.col,
        message: crate::escape::one_line(&e.code.to_string()),
    })
}

/// The rules of a hop in a rule set (one per matching node pair).
pub fn hop_rules<'a>(hop: &Hop, rules: &'a RuleSet) -> Vec<&'a Rule> {
    rules
        .rules
        .iter()
        .filter(|r| *r.requirement() == *hop.requirement)
        .collect()
}

/// `text` with every number of two or more digits (a port, a range's end) shown as `?`: the
/// exercise's hop text must not give the answers away. Single digits ("A/V 2") stay.
pub fn hide_ports(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.len() >= 2 {
            out.push('?');
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        out.push(c);
    }
    out.pop();
    out
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

#[cfg(test)]
mod tests {
    /// The built-in file parses, and has scenarios.
    #[test]
    fn the_built_in_scenarios_parse() {
        let scenarios = super::scenarios().unwrap();
        assert!(!scenarios.is_empty());
        assert!(
            (scenarios.iter()).all(|s| s.hops.is_empty() == s.dns_lookups.is_some()),
            "{scenarios:?}"
        );
    }

    /// Text that is not a list of scenarios is an error naming the file and the place.
    #[test]
    fn broken_scenarios_are_an_error() {
        let err = super::parse("[\n  (id: \"x\", nonsense: 1),\n]").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(
            err.to_string().starts_with("assets/scenarios.ron:2:"),
            "{err}"
        );
        assert_eq!(super::parse("[]"), Ok(Vec::new()));
    }
}
