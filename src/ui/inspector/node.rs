//! The node inspector: label, zone, load balancing, flags, servers and addresses.

use eframe::egui::{self, RichText};

use super::{InspectorState, combo, parse_address, text_field};
use crate::catalog::{Catalog, Scope};
use crate::document::StateId;
use crate::i18n;
use crate::net::IpNet;
use crate::plan::{Member, Node, NodeId, Plan, PlanEdit};
use crate::topology::{Addressing, LbMode, Zone};
use crate::ui::command::{Command, Commands};
use crate::ui::text::{t, tf};

/// The node inspector.
pub fn node_inspector_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    catalog: &Catalog,
    state: &mut InspectorState,
    doc_state: StateId,
    id: &NodeId,
    commands: &mut Commands,
) {
    let Some(node) = plan.nodes.get(id) else {
        return;
    };
    let Some(role) = catalog.role(&node.role) else {
        return;
    };
    state.own((super::Owner::Node(id.clone()), doc_state), ui);
    let mut next = Node::clone(node);
    let lang = crate::ui::text::lang(ui.ctx());
    ui.label(RichText::new(role.name.get(lang)).strong());
    if let Some(v) = text_field(
        ui,
        state,
        "label",
        i18n::tr(lang, "inspector.label"),
        &node.label,
        |t| {
            if t.trim().is_empty() {
                Err(i18n::tr(lang, "error.required_label").to_owned())
            } else {
                Ok(t.trim().to_owned())
            }
        },
    ) {
        next.label = v;
    }
    if let Some(v) = text_field(
        ui,
        state,
        "fqdn",
        i18n::tr(lang, "inspector.fqdn"),
        &node.fqdn,
        |t| Ok::<_, String>(t.trim().to_owned()),
    ) {
        next.fqdn = v;
    }
    combo(
        ui,
        i18n::tr(lang, "inspector.zone"),
        &mut next.zone,
        &Zone::ALL,
        |z| i18n::zone_name(lang, *z).to_owned(),
    );
    if role.lb_modes.len() > 1 || !role.lb_modes.contains(&node.lb) {
        let modes: Vec<LbMode> = role.lb_modes.clone();
        combo(
            ui,
            i18n::tr(lang, "inspector.lb"),
            &mut next.lb,
            &modes,
            |m| i18n::lb_name(lang, *m).to_owned(),
        );
    }
    if role.addressing {
        combo(
            ui,
            i18n::tr(lang, "inspector.addressing"),
            &mut next.addressing,
            &[Addressing::Public, Addressing::Nat],
            |a| i18n::addressing_name(lang, *a).to_owned(),
        );
    }
    for flag in &role.flags {
        let mut on = node.flags.contains(&flag.id);
        if ui.checkbox(&mut on, flag.name.get(lang)).changed() {
            if on {
                next.flags.insert(flag.id.clone());
            } else {
                next.flags.remove(&flag.id);
            }
        }
    }
    super::names::node_names_ui(ui, plan, state, id, node, &mut next);
    members_ui(ui, plan, catalog, state, id, node, &mut next);
    addresses_ui(ui, plan, role, state, id, node, &mut next);
    state.end_focus_pass();
    if next != **node {
        commands.push(Command::Edit(PlanEdit::SetNode {
            id: id.clone(),
            node: next,
        }));
    }
}

/// The node's VIPs and networks.
fn addresses_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    role: &crate::catalog::Role,
    state: &mut InspectorState,
    id: &NodeId,
    node: &Node,
    next: &mut Node,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    for e in role.endpoints.iter().filter(|e| e.scope == Scope::Vip) {
        let current = node
            .vips
            .get(&e.id)
            .map(ToString::to_string)
            .unwrap_or_default();
        let key = format!("vip.{}", e.id);
        if let Some(v) = text_field(ui, state, &key, e.name.get(lang), &current, |t| {
            parse_address(plan, id, t, true, lang)
        }) {
            match v {
                Some(a) => next.vips.insert(e.id.clone(), a),
                None => next.vips.remove(&e.id),
            };
        }
    }
    if role
        .endpoints
        .iter()
        .any(|e| matches!(e.scope, Scope::Networks { .. }))
    {
        let current = node
            .networks
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(v) = text_field(
            ui,
            state,
            "networks",
            i18n::tr(lang, "inspector.networks"),
            &current,
            |t| {
                t.split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse::<IpNet>().map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()
            },
        ) {
            next.networks = v;
        }
    }
}

fn members_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    catalog: &Catalog,
    state: &mut InspectorState,
    id: &NodeId,
    node: &Node,
    next: &mut Node,
) {
    let Some(role) = catalog.role(&node.role) else {
        return;
    };
    let kinds: Vec<_> = role
        .endpoints
        .iter()
        .filter(|e| e.scope == Scope::Member)
        .collect();
    if kinds.is_empty() {
        return;
    }
    ui.separator();
    let lang = crate::ui::text::lang(ui.ctx());
    // "Add server" sits beside the heading: below the list it moved down with each server
    // added, and a second click landed on the new "Remove" button in its old place.
    let add = ui
        .horizontal(|ui| {
            ui.label(RichText::new(t(ui, "inspector.servers")).strong());
            ui.button(t(ui, "inspector.add_server")).clicked()
        })
        .inner;
    let mut remove = None;
    for (i, member) in node.members.iter().enumerate() {
        ui.push_id(i, |ui| {
            if let Some(v) = text_field(
                ui,
                state,
                &format!("member.{i}.name"),
                i18n::tr(lang, "inspector.name"),
                &member.name,
                |t| {
                    if t.trim().is_empty() {
                        Err(i18n::tr(lang, "error.required_name").to_owned())
                    } else {
                        Ok(t.trim().to_owned())
                    }
                },
            ) {
                next.members[i].name = v;
            }
            for kind in &kinds {
                let current = member
                    .addresses
                    .get(&kind.id)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let key = format!("member.{i}.{}", kind.id);
                let label = format!("{} {}", member.name, kind.name.get(lang));
                if let Some(v) = text_field(ui, state, &key, &label, &current, |t| {
                    parse_address(plan, id, t, true, lang)
                }) {
                    match v {
                        Some(a) => next.members[i].addresses.insert(kind.id.clone(), a),
                        None => next.members[i].addresses.remove(&kind.id),
                    };
                }
                if node.addressing == Addressing::Nat && kind.id != "internal_interface" {
                    let current = member
                        .nat
                        .get(&kind.id)
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let key = format!("member.{i}.nat.{}", kind.id);
                    let label = format!(
                        "{} {} {}",
                        member.name,
                        kind.name.get(lang),
                        i18n::tr(lang, "inspector.public_nat")
                    );
                    if let Some(v) = text_field(ui, state, &key, &label, &current, |t| {
                        parse_address(plan, id, t, true, lang)
                    }) {
                        match v {
                            Some(a) => next.members[i].nat.insert(kind.id.clone(), a),
                            None => next.members[i].nat.remove(&kind.id),
                        };
                    }
                }
            }
            if node.members.len() > 1
                && ui
                    .small_button(tf(ui, "inspector.remove", &[("name", &member.name)]))
                    .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        next.members.remove(i);
    }
    if add {
        next.members.push(new_member(node));
    }
}

/// The server "Add server" adds: named after the first one's name with the first number no
/// server has (after removing `edge02` of three, `edge02` again, not a second `edge03`), no
/// addresses.
fn new_member(node: &Node) -> Member {
    let base = node.members.first().map_or("server".to_owned(), |m| {
        m.name
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_owned()
    });
    let taken = |n: &usize| {
        node.members
            .iter()
            .any(|m| m.name == format!("{base}{n:02}"))
    };
    // One of the first len + 1 numbers is always free.
    let n = (1..=node.members.len() + 1)
        .find(|n| !taken(n))
        .unwrap_or(node.members.len() + 1);
    Member {
        name: format!("{base}{n:02}"),
        addresses: std::collections::BTreeMap::new(),
        nat: std::collections::BTreeMap::new(),
    }
}
