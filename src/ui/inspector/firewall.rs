//! The selected firewall: its name and interfaces (editable, each change one undo step) and how
//! many rules it must pass each way (`RuleSet::through`, what the table then lists).

use eframe::egui::{self, RichText};

use super::{InspectorState, text_field};
use crate::document::{ContentId, StateId};
use crate::i18n;
use crate::plan::{FirewallId, Firewalls, Plan, PlanEdit};
use crate::rules::RuleSet;
use crate::ui::command::{Command, Commands};

/// The firewall `id` of the plan, if it has it.
pub fn firewall_inspector_ui(
    ui: &mut egui::Ui,
    (plan, (rules, rules_of)): (&Plan, (&RuleSet, Option<ContentId>)),
    state: &mut InspectorState,
    doc_state: StateId,
    id: FirewallId,
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let Some(fw) = plan.firewalls.get(id) else {
        return;
    };
    state.own((super::Owner::Firewall(id), doc_state), ui);
    ui.label(RichText::new(crate::ui::text::firewall_name(lang, &fw)).strong());
    let (inbound, outbound) = cached(&mut state.firewall_counts, (id, rules_of), || {
        let through = rules.through(plan.firewalls.layout(), id);
        (through.inbound.len(), through.outbound.len())
    });
    ui.label(i18n::trf(
        lang,
        "inspector.firewall_inbound",
        &[("n", &inbound.to_string())],
    ));
    ui.label(i18n::trf(
        lang,
        "inspector.firewall_outbound",
        &[("n", &outbound.to_string())],
    ));
    let check = |field: usize| {
        move |text: &str| {
            let next = with_field(&plan.firewalls, id, field, text.trim());
            let mut problems = Vec::new();
            crate::plan::firewalls::validate(&next, &mut problems);
            problems
                .first()
                .map_or(Ok(next), |p| Err(p.message.clone()))
        }
    };
    let mut edit = text_field(
        ui,
        state,
        "firewall.name",
        i18n::tr(lang, "inspector.firewall_name"),
        fw.name,
        check(0),
    );
    ui.label(RichText::new(i18n::tr(lang, "inspector.firewall_interfaces")).strong());
    for (k, (zone, name)) in fw.interfaces.iter().enumerate() {
        let label = i18n::trf(
            lang,
            "inspector.firewall_interface",
            &[("zone", i18n::zone_name(lang, *zone))],
        );
        let key = format!("firewall.interface.{k}");
        if let Some(next) = text_field(ui, state, &key, &label, name, check(k + 1)) {
            edit = Some(next);
        }
    }
    ui.label(RichText::new(i18n::tr(lang, "inspector.firewall_hint")).small());
    if let Some(firewalls) = edit {
        commands.push(Command::Edit(PlanEdit::SetFirewalls { firewalls }));
    }
}

/// The counts kept in `slot` for `key`, computed again only when the key changes (another
/// firewall, or another document state: an edit, undo or redo).
fn cached(
    slot: &mut Option<(super::FirewallKey, (usize, usize))>,
    key: super::FirewallKey,
    compute: impl FnOnce() -> (usize, usize),
) -> (usize, usize) {
    match slot {
        Some((k, counts)) if *k == key => *counts,
        _ => slot.insert((key, compute())).1,
    }
}

/// `firewalls` with field `field` of firewall `id` set to `value`: 0 is the name, then the
/// interfaces outside in (the order of `FirewallView::interfaces`).
fn with_field(firewalls: &Firewalls, id: FirewallId, field: usize, value: &str) -> Firewalls {
    let mut next = firewalls.clone();
    let slot = match (&mut next, id) {
        (
            Firewalls::BackToBack { external, internal },
            FirewallId::External | FirewallId::Internal,
        ) => {
            let device = if id == FirewallId::External {
                external
            } else {
                internal
            };
            match field {
                0 => &mut device.name,
                1 => &mut device.outside,
                _ => &mut device.inside,
            }
        }
        (
            Firewalls::ThreeLegged {
                name,
                outside,
                perimeter,
                inside,
            },
            FirewallId::ThreeLegged,
        ) => match field {
            0 => name,
            1 => outside,
            2 => perimeter,
            _ => inside,
        },
        _ => return next,
    };
    value.clone_into(slot);
    next
}

#[cfg(test)]
mod tests {
    use super::{cached, with_field};
    use crate::document::Document;
    use crate::plan::{FirewallId, Firewalls, Plan};

    #[test]
    fn rule_counts_are_computed_again_only_for_another_firewall_or_rules() {
        let state = Some(Document::new(Plan::new("t"), None).content());
        let mut slot = None;
        let mut calls = 0;
        let mut get = |slot: &mut _, key| {
            cached(slot, key, || {
                calls += 1;
                (calls, 0)
            })
        };
        assert_eq!(get(&mut slot, (FirewallId::External, state)), (1, 0));
        assert_eq!(get(&mut slot, (FirewallId::External, state)), (1, 0));
        assert_eq!(get(&mut slot, (FirewallId::Internal, state)), (2, 0));
        assert_eq!(get(&mut slot, (FirewallId::External, state)), (3, 0));
    }

    #[test]
    fn a_field_edit_changes_that_field_of_that_firewall_only() {
        let f = Firewalls::default();
        let g = with_field(&f, FirewallId::Internal, 2, "lan");
        let (
            Firewalls::BackToBack { external, internal },
            Firewalls::BackToBack { external: e0, .. },
        ) = (&g, &f)
        else {
            panic!("layout changed");
        };
        assert_eq!(external, e0);
        assert_eq!(internal.inside, "lan");
        assert_eq!(internal.name, "Internal firewall");
        let t = with_field(
            &Firewalls::three_legged(),
            FirewallId::ThreeLegged,
            2,
            "perim",
        );
        assert_eq!(
            t.get(FirewallId::ThreeLegged).unwrap().interfaces[1].1,
            "perim"
        );
        // An id of the other layout changes nothing.
        assert_eq!(with_field(&f, FirewallId::ThreeLegged, 0, "x"), f);
    }
}
