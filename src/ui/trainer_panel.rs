//! Trainer mode: a scenario stepped through hop by hop (the hop's link and rule highlighted),
//! and the exercise that hides the ports, asks for them and scores the answers; or the DNS
//! lookups of a sign-in stepped through (`trainer_lookups`).

use eframe::egui::{self, RichText};

use crate::dns::DnsRecords;
use crate::trainer::{self, Scenario, Score};
use crate::ui::PeerLinkKey;
use crate::ui::Selection;
use crate::ui::canvas::PeerLink;
use crate::ui::command::{Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::reports::ReportResult;
use crate::ui::rule_table::RuleTable;
use crate::ui::text::{lang, t, tf};
use crate::ui::theme;
use crate::ui::trainer_lookups;

/// The trainer window's width.
const WINDOW_WIDTH: f32 = 400.0;

/// The running scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainerState {
    /// The scenario.
    pub scenario: Scenario,
    /// Current hop (0-based).
    pub step: usize,
    /// The hop last highlighted on the canvas (so the user may select other things meanwhile).
    highlighted: Option<usize>,
    /// Exercise mode: ports hidden, answers asked.
    pub exercise: bool,
    /// The trainee's answers, one per hop.
    pub answers: Vec<String>,
    /// Scores, once checked.
    pub scores: Option<Vec<Score>>,
}

impl TrainerState {
    /// Start a scenario at its first hop.
    pub fn new(scenario: Scenario) -> Self {
        let n = if scenario.dns_lookups.is_some() {
            trainer_lookups::count()
        } else {
            scenario.hops.len()
        };
        Self {
            scenario,
            step: 0,
            highlighted: None,
            exercise: false,
            answers: vec![String::new(); n],
            scores: None,
        }
    }
}

/// Select the current hop's link and rule, once per step: a hop to or from an "Any" peer
/// selects the peer's link among `peer_links` (the canvas's), or its node when the peers are
/// not drawn. A DNS lookup selects the node its answer points at (`records`: the plan's).
pub fn highlight(
    state: &mut TrainerState,
    (derived, records): (&Derived, Option<&ReportResult<DnsRecords>>),
    peer_links: &[PeerLink],
    selection: &mut Selection,
    table: &mut RuleTable,
) {
    if state.highlighted == Some(state.step) {
        return;
    }
    state.highlighted = Some(state.step);
    if let Some(client) = state.scenario.dns_lookups {
        let node = records.and_then(|r| trainer_lookups::answer_node(r, client, state.step));
        if let Some(node) = node {
            *selection = Selection::only_node(node);
        }
        return;
    }
    let Some(hop) = state.scenario.hops.get(state.step) else {
        return;
    };
    let Some(rule) = trainer::hop_rules(hop, &derived.derivation.rules)
        .into_iter()
        .next()
    else {
        return;
    };
    table.selected = Some(rule.id().to_string());
    let rules = &derived.derivation.rules.rules;
    let index = rules.iter().position(|r| r.id == rule.id);
    let peer = index.and_then(|i| peer_links.iter().find(|l| l.rules.contains(&i)));
    if rule.link().is_none()
        && let Some(peer) = peer
    {
        *selection = Selection::only_peer_link(PeerLinkKey {
            peer: peer.shape.key.0.clone(),
            node: peer.shape.key.1.clone(),
            rules: peer.rules.iter().map(|&i| rules[i].id.clone()).collect(),
        });
        return;
    }
    *selection = match (rule.link(), &rule.source.node, &rule.destination.node) {
        (Some((a, b)), _, _) => Selection::only_link(a.clone(), b.clone()),
        (None, Some(n), _) | (None, None, Some(n)) => Selection::only_node(n.clone()),
        (None, None, None) => Selection::default(),
    };
}

/// The trainer window; returns false when the user closed it.
/// The window opens at the canvas's top right corner (`canvas`, in screen points), clear of the
/// palette and of the cards of the template's left half.
pub fn trainer_ui(
    ctx: &egui::Context,
    (state, canvas): (&mut TrainerState, egui::Rect),
    (derived, records): (&Derived, Option<&ReportResult<DnsRecords>>),
    commands: &mut Commands,
) -> bool {
    let mut open = true;
    let lang = crate::ui::text::lang(ctx);
    let title = crate::i18n::trf(
        lang,
        "trainer.title",
        &[("title", state.scenario.title.get(lang))],
    );
    let mut window = egui::Window::new(title)
        .id(egui::Id::unique("trainer"))
        .open(&mut open)
        .default_width(WINDOW_WIDTH);
    if canvas.width() > WINDOW_WIDTH {
        window = window
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(canvas.right_top() + egui::vec2(-8.0, 8.0));
    }
    window.show(ctx, |ui| {
        if let Some(client) = state.scenario.dns_lookups {
            trainer_lookups::lookups_ui(ui, &mut state.step, records, client);
            return;
        }
        steps_ui(ui, state, derived);
        ui.separator();
        if ui
            .checkbox(&mut state.exercise, t(ui, "trainer.exercise"))
            .changed()
        {
            state.scores = None;
        }
        if state.exercise {
            exercise_ui(ui, state, derived, commands);
        }
    });
    open
}

fn steps_ui(ui: &mut egui::Ui, state: &mut TrainerState, derived: &Derived) {
    let lang = lang(ui.ctx());
    let n = state.scenario.hops.len();
    // The step and its buttons first: below the text, whose length changes from step to step,
    // Next moved, and clicking it again hit the exercise box.
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(tf(
                ui,
                "trainer.step",
                &[("i", &(state.step + 1).to_string()), ("n", &n.to_string())],
            ))
            .strong(),
        );
        if ui
            .add_enabled(state.step > 0, egui::Button::new(t(ui, "trainer.previous")))
            .clicked()
        {
            state.step -= 1;
        }
        if ui
            .add_enabled(state.step + 1 < n, egui::Button::new(t(ui, "trainer.next")))
            .clicked()
        {
            state.step += 1;
        }
    });
    if let Some(hop) = state.scenario.hops.get(state.step) {
        ui.label(explain(hop, state.exercise, lang));
        let rule = trainer::hop_rules(hop, &derived.derivation.rules)
            .first()
            .copied();
        if !state.exercise
            && let Some(rule) = rule
        {
            ui.label(
                RichText::new(rule.summary_in(lang))
                    .monospace()
                    .color(theme::SELECTED),
            );
        }
        if let Some(text) = rule.and_then(|r| any_side(r, lang)) {
            ui.label(RichText::new(text).small().weak());
        }
    }
}

/// A hop's explanation; in the exercise its port numbers are hidden (they are the answers).
fn explain(hop: &trainer::Hop, exercise: bool, lang: crate::i18n::Lang) -> String {
    let text = hop.explain.get(lang);
    if exercise {
        trainer::hide_ports(text)
    } else {
        text.to_owned()
    }
}

/// For a hop whose rule has an "Any" end (the Internet, a partner, a management host): that end
/// is not a card, so say what it stands for and which card the rule is drawn on.
fn any_side(rule: &crate::rules::Rule, lang: crate::i18n::Lang) -> Option<String> {
    let (any, other) = match (&rule.source.node, &rule.destination.node) {
        (None, Some(_)) => (&rule.source, &rule.destination),
        (Some(_), None) => (&rule.destination, &rule.source),
        _ => return None,
    };
    Some(crate::i18n::trf(
        lang,
        "trainer.any_side",
        &[
            ("zone", crate::i18n::zone_name(lang, any.zone)),
            ("node", &other.label),
        ],
    ))
}

fn exercise_ui(
    ui: &mut egui::Ui,
    state: &mut TrainerState,
    derived: &Derived,
    commands: &mut Commands,
) {
    let lang = lang(ui.ctx());
    for (i, hop) in state.scenario.hops.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(tf(ui, "trainer.answer", &[("n", &(i + 1).to_string())]));
            ui.add(egui::TextEdit::singleline(&mut state.answers[i]).desired_width(90.0))
                .labelled_by(label.id);
            if let Some(score) = state.scores.as_ref().and_then(|s| s.get(i)) {
                let (mark, color) = if score.correct {
                    (
                        t(ui, "trainer.right"),
                        theme::severity_color(crate::findings::Severity::Info),
                    )
                } else {
                    (t(ui, "trainer.wrong"), theme::PROBLEM)
                };
                ui.label(RichText::new(mark).color(color));
                if !score.correct {
                    ui.label(tf(
                        ui,
                        "trainer.expected",
                        &[("port", &score.expected.to_string())],
                    ));
                }
            }
        })
        .response
        .on_hover_text(explain(hop, true, lang));
    }
    if ui.button(t(ui, "trainer.check")).clicked() {
        state.scores = Some(trainer::score(
            &state.scenario,
            &derived.derivation.rules,
            &state.answers,
        ));
    }
    if let Some(scores) = &state.scores {
        let right = scores.iter().filter(|s| s.correct).count();
        ui.label(
            RichText::new(tf(
                ui,
                "trainer.score",
                &[
                    ("right", &right.to_string()),
                    ("total", &scores.len().to_string()),
                ],
            ))
            .strong(),
        );
        let csv = trainer::scores_csv(&state.scenario, scores);
        ui.horizontal(|ui| {
            if ui.button(t(ui, "trainer.copy_csv")).clicked() {
                ui.ctx().copy_text(csv.clone());
            }
            if ui.button(t(ui, "trainer.save_csv")).clicked() {
                commands.push(Command::SaveTrainerResults(csv));
            }
        });
    }
}
