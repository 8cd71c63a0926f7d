//! The trainer's DNS lookups of a sign-in: each name the client asks for, in Microsoft's order,
//! the plan's record that answers it (the node it points at selected on the canvas), or the
//! name asked next when the plan has none.

use eframe::egui::{self, RichText};

use crate::dns::DnsRecords;
use crate::dns::{DnsRecord, RecordData};
use crate::plan::NodeId;
use crate::trainer::lookups::{self, Client, Step};
use crate::ui::reports::ReportResult;
use crate::ui::text::{lang, t, tf};
use crate::ui::theme;

/// How many lookups the walk has (0 when the built-in file is broken).
pub fn count() -> usize {
    lookups::sign_in().map_or(0, |s| s.lookups.len())
}

/// The node the answer of lookup `step` points at, to select on the canvas.
pub fn answer_node(
    records: &ReportResult<DnsRecords>,
    client: Client,
    step: usize,
) -> Option<NodeId> {
    let (sign_in, records) = (lookups::sign_in().ok()?, records.as_ref().ok()?);
    let steps = lookups::steps(sign_in, records, client);
    steps.get(step)?.answers.iter().find_map(|r| r.node.clone())
}

/// One record as a lookup tool prints it: name, type and data (SRV: priority, weight, port).
pub fn record_line(r: &DnsRecord) -> String {
    let data = match &r.data {
        RecordData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!("{priority} {weight} {port} {target}"),
        other => other.value(),
    };
    format!("{} {} {data}", r.name, r.data.type_name())
}

/// The step `*step` of the walk, with Previous and Next.
pub fn lookups_ui(
    ui: &mut egui::Ui,
    step: &mut usize,
    records: Option<&ReportResult<DnsRecords>>,
    client: Client,
) {
    let sign_in = match lookups::sign_in() {
        Ok(s) => s,
        Err(e) => {
            ui.label(RichText::new(e.to_string()).color(theme::PROBLEM));
            return;
        }
    };
    let records = match records {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            ui.label(RichText::new(e.to_string()).color(theme::PROBLEM));
            return;
        }
        None => return,
    };
    let steps = lookups::steps(sign_in, records, client);
    let n = steps.len();
    *step = (*step).min(n.saturating_sub(1));
    // The step and its buttons first, so Next stays put while the steps' text changes length.
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(tf(
                ui,
                "trainer.step",
                &[("i", &(*step + 1).to_string()), ("n", &n.to_string())],
            ))
            .strong(),
        );
        if ui
            .add_enabled(*step > 0, egui::Button::new(t(ui, "trainer.previous")))
            .clicked()
        {
            *step -= 1;
        }
        if ui
            .add_enabled(*step + 1 < n, egui::Button::new(t(ui, "trainer.next")))
            .clicked()
        {
            *step += 1;
        }
    });
    if let Some(s) = steps.get(*step) {
        step_ui(ui, &steps, *step, s, client);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t(ui, "trainer.lookup_order")).small());
        ui.hyperlink_to(
            RichText::new(sign_in.page.title.as_str()).small(),
            sign_in.page.url.as_str(),
        );
    });
}

fn step_ui(ui: &mut egui::Ui, steps: &[Step<'_>], i: usize, s: &Step<'_>, client: Client) {
    let lang = lang(ui.ctx());
    let view = t(ui, view_key(client));
    ui.label(
        RichText::new(format!("{} {}", s.query, s.lookup.asks.type_name()))
            .monospace()
            .strong(),
    );
    ui.label(s.lookup.explain.get(lang));
    if s.answers.is_empty() {
        let text = match steps.get(i + 1) {
            Some(next) => tf(
                ui,
                "trainer.lookup_next",
                &[("view", view), ("next", &next.query)],
            ),
            None => tf(ui, "trainer.lookup_last", &[("view", view)]),
        };
        ui.label(RichText::new(text).color(theme::PROBLEM));
        return;
    }
    ui.label(tf(ui, "trainer.lookup_answer", &[("view", view)]));
    for r in &s.answers {
        ui.label(
            RichText::new(record_line(r))
                .monospace()
                .color(theme::SELECTED),
        );
    }
    if let Some(r) = s.answers.first() {
        ui.hyperlink_to(
            RichText::new(r.page.title.as_str()).small(),
            r.page.url.as_str(),
        );
    }
    let text = match lookups::first_answer(steps) {
        Some(first) if first < i => tf(
            ui,
            "trainer.lookup_earlier",
            &[("i", &(first + 1).to_string())],
        ),
        _ => t(ui, "trainer.lookup_stops").to_owned(),
    };
    ui.label(RichText::new(text).small().weak());
}

fn view_key(client: Client) -> &'static str {
    match client {
        Client::Internal => "trainer.lookup_internal",
        Client::External => "trainer.lookup_external",
    }
}
