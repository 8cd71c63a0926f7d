//! The inspector: the selected node's settings or the selected link's requirements.
//! Text is edited in buffers and committed on Enter or focus loss; invalid input is marked at
//! the field with a message and never stored.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use crate::catalog::{Catalog, Scope};
use crate::findings::NodeField;
use crate::i18n;
use crate::net::IpNet;
use crate::plan::{Member, Node, NodeId, Plan, PlanEdit};
use crate::rules::Rule;
use crate::topology::{Addressing, LbMode, Zone};
use crate::ui::command::{Command, Commands};
use crate::ui::text::{t, tf};
use crate::ui::theme;

/// Text being edited and the errors found in it, by field key.
#[derive(Debug, Default)]
pub struct InspectorState {
    buffers: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    /// The (node, document state) the buffers belong to.
    owner: Option<(NodeId, u64)>,
    /// A field to put the cursor in (from a finding's fix), and whether a filled field will do.
    focus: Option<(NodeField, bool)>,
    /// The requirements of the selected link, for (link, document state).
    link_rules: Option<((NodeId, NodeId), u64, Vec<Rule>)>,
}

impl InspectorState {
    /// Put the cursor in the first field of this kind (an empty one if there is one).
    pub fn focus(&mut self, field: NodeField) {
        self.focus = Some((field, false));
    }

    /// True when a field key belongs to the finding's field name.
    fn wants_focus(&self, key: &str, current: &str) -> bool {
        let Some((field, any)) = &self.focus else {
            return false;
        };
        let matches = match field {
            NodeField::Addresses => {
                key.starts_with("member.") && key.rsplit('.').next() != Some("name")
            }
            NodeField::Vips => key.starts_with("vip."),
            NodeField::Members => {
                key.starts_with("member.") && key.rsplit('.').next() == Some("name")
            }
            other => key == other.as_str(),
        };
        matches && (*any || current.is_empty())
    }

    /// The error shown at a field, if any (tests read it).
    pub fn error(&self, key: &str) -> Option<&str> {
        self.errors.get(key).map(String::as_str)
    }
}

/// A text field bound to `current`; returns the parsed value when the user commits a change.
fn text_field<T>(
    ui: &mut egui::Ui,
    state: &mut InspectorState,
    key: &str,
    label: &str,
    current: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let mut committed = None;
    ui.horizontal(|ui| {
        let name = ui.label(label);
        let focus_here = state.wants_focus(key, current);
        let buffer = state
            .buffers
            .entry(key.to_owned())
            .or_insert_with(|| current.to_owned());
        let response = ui
            .add(egui::TextEdit::singleline(buffer).desired_width(170.0))
            .labelled_by(name.id);
        if focus_here {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
        }
        if response.changed() {
            match parse(buffer) {
                Ok(_) => state.errors.remove(key),
                Err(e) => state.errors.insert(key.to_owned(), e),
            };
        }
        if response.lost_focus() && buffer.as_str() != current {
            match parse(buffer) {
                Ok(v) => {
                    state.errors.remove(key);
                    committed = Some(v);
                }
                Err(e) => {
                    state.errors.insert(key.to_owned(), e);
                }
            }
        }
        if focus_here {
            state.focus = None;
        }
    });
    if let Some(e) = state.errors.get(key) {
        ui.label(RichText::new(e).color(theme::PROBLEM).small());
    }
    committed
}

/// Who else uses `addr` in the plan (another node), for the duplicate-address check.
fn used_elsewhere(plan: &Plan, own: &NodeId, addr: IpNet) -> Option<String> {
    for (id, node) in &plan.nodes {
        if id == own {
            continue;
        }
        let mut all = node
            .members
            .iter()
            .flat_map(|m| m.addresses.values().chain(m.nat.values()))
            .chain(node.vips.values());
        if all.any(|a| *a == addr) {
            return Some(node.label.clone());
        }
    }
    None
}

fn parse_address(
    plan: &Plan,
    id: &NodeId,
    text: &str,
    optional: bool,
    lang: i18n::Lang,
) -> Result<Option<IpNet>, String> {
    let text = text.trim();
    if text.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err("an address is required".to_owned())
        };
    }
    let addr: IpNet = text
        .parse()
        .map_err(|e: crate::net::ValueError| e.to_string())?;
    if let Some(other) = used_elsewhere(plan, id, addr) {
        return Err(i18n::trf(
            lang,
            "error.address_used",
            &[("addr", &addr.to_string()), ("other", &other)],
        ));
    }
    Ok(Some(addr))
}

/// The node inspector.
pub fn node_inspector_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    catalog: &Catalog,
    state: &mut InspectorState,
    doc_state: u64,
    id: &NodeId,
    commands: &mut Commands,
) {
    let Some(node) = plan.nodes.get(id) else {
        return;
    };
    let Some(role) = catalog.role(&node.role) else {
        return;
    };
    if state.owner.as_ref() != Some(&(id.clone(), doc_state))
        && !ui.ctx().egui_wants_keyboard_input()
    {
        state.buffers.clear();
        state.errors.clear();
        state.owner = Some((id.clone(), doc_state));
    }
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
        |z| z.as_str().to_owned(),
    );
    if role.lb_modes.len() > 1 || !role.lb_modes.contains(&node.lb) {
        let modes: Vec<LbMode> = role.lb_modes.clone();
        combo(
            ui,
            i18n::tr(lang, "inspector.lb"),
            &mut next.lb,
            &modes,
            |m| m.as_str().to_owned(),
        );
    }
    if role.addressing {
        combo(
            ui,
            i18n::tr(lang, "inspector.addressing"),
            &mut next.addressing,
            &[Addressing::Public, Addressing::Nat],
            |a| a.as_str().to_owned(),
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
    members_ui(ui, plan, catalog, state, id, node, &mut next);
    addresses_ui(ui, plan, role, state, id, node, &mut next);
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
    ui.label(RichText::new(t(ui, "inspector.servers")).strong());
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
    if ui.button(t(ui, "inspector.add_server")).clicked() {
        let n = node.members.len() + 1;
        let base = node.members.first().map_or("server".to_owned(), |m| {
            m.name
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned()
        });
        next.members.push(Member {
            name: format!("{base}{n:02}"),
            addresses: std::collections::BTreeMap::new(),
            nat: std::collections::BTreeMap::new(),
        });
    }
}

fn combo<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(&T) -> String,
) {
    egui::ComboBox::from_label(label)
        .selected_text(name(value))
        .show_ui(ui, |ui| {
            for o in options {
                ui.selectable_value(value, *o, name(o));
            }
        });
}

/// The link inspector: every requirement the link carries, each switchable.
pub fn link_inspector_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    catalog: &Catalog,
    state: &mut InspectorState,
    doc_state: u64,
    key: &(NodeId, NodeId),
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let Some(link) = plan.link_between(&key.0, &key.1) else {
        return;
    };
    let name = |id: &NodeId| {
        plan.nodes
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.label.clone())
    };
    ui.label(
        RichText::new(tf(
            ui,
            "inspector.link",
            &[("a", &name(&key.0)), ("b", &name(&key.1))],
        ))
        .strong(),
    );
    // The requirements this link would carry with nothing switched off; derived once per plan state.
    if state
        .link_rules
        .as_ref()
        .is_none_or(|(k, s, _)| k != key || *s != doc_state)
    {
        let rules = crate::rules::on_link(plan, catalog, link);
        state.link_rules = Some((key.clone(), doc_state, rules));
    }
    let on_link: &[Rule] = state.link_rules.as_ref().map_or(&[], |(_, _, r)| r);
    if on_link.is_empty() {
        ui.label(t(ui, "inspector.no_traffic"));
    }
    for r in on_link {
        let mut enabled = !link.disabled.contains(r.requirement());
        let text = r.summary();
        let response = ui.checkbox(&mut enabled, text).on_hover_text(format!(
            "{}
{}",
            r.notes().get(lang),
            r.references().join(", ")
        ));
        if response.changed() {
            commands.push(Command::Edit(PlanEdit::SetRequirement {
                a: key.0.clone(),
                b: key.1.clone(),
                requirement: r.requirement().into(),
                enabled,
            }));
        }
        if !enabled {
            ui.label(
                RichText::new(t(ui, "inspector.switched_off"))
                    .color(theme::PROBLEM)
                    .small(),
            );
        }
    }
    for c in &link.custom {
        ui.label(tf(
            ui,
            "inspector.custom",
            &[
                ("name", &c.name),
                ("app", &c.application),
                ("ports", &c.ports.to_string()),
                ("from", &name(&c.from)),
            ],
        ));
    }
}

/// The plan's own settings, shown when nothing is selected: its name and the product.
pub fn plan_settings_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    state: &mut InspectorState,
    doc_state: u64,
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let owner = (NodeId::from(""), doc_state);
    if state.owner.as_ref() != Some(&owner) && !ui.ctx().egui_wants_keyboard_input() {
        state.buffers.clear();
        state.errors.clear();
        state.owner = Some(owner);
    }
    ui.label(RichText::new(t(ui, "plan.settings")).strong());
    if let Some(name) = text_field(
        ui,
        state,
        "plan.name",
        i18n::tr(lang, "plan.name"),
        &plan.name,
        |t| {
            if t.trim().is_empty() {
                Err(i18n::tr(lang, "error.required_name").to_owned())
            } else {
                Ok(t.trim().to_owned())
            }
        },
    ) {
        commands.push(Command::Edit(PlanEdit::SetName { name }));
    }
    let mut product = plan.product;
    combo(
        ui,
        i18n::tr(lang, "plan.product"),
        &mut product,
        &crate::topology::Product::ALL,
        |p| p.name().to_owned(),
    );
    if product != plan.product {
        commands.push(Command::Edit(PlanEdit::SetProduct { product }));
    }
}
