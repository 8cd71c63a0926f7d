//! DNS names in the inspector: the plan's SIP domains and simple URLs (nothing selected) and a
//! node's service names. An empty field takes Microsoft's default, shown beside it; a text that
//! is not a DNS name is refused at the field.

use eframe::egui::{self, RichText};

use super::{InspectorState, text_field};
use crate::dns::DnsName;
use crate::i18n;
use crate::plan::{NameKind, Node, NodeId, Plan, PlanEdit};
use crate::ui::command::{Command, Commands};
use crate::ui::text::{t, tf};

/// Empty (the default) or a DNS name, as the plan stores it (lower case).
fn parse_name(lang: i18n::Lang, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    DnsName::parse(text)
        .map(|n| n.to_string())
        .map_err(|e| i18n::trf(lang, "error.dns_name", &[("why", &e.to_string())]))
}

/// The default a field shows when it is empty.
fn default_hint(ui: &mut egui::Ui, current: &str, default: &str) {
    if current.is_empty() && !default.is_empty() {
        ui.label(RichText::new(tf(ui, "inspector.name_default", &[("name", default)])).weak());
    }
}

/// The plan's SIP domains (comma-separated) and simple URLs.
pub fn plan_names_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    state: &mut InspectorState,
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let resolved = state.dns_names(plan);
    ui.label(RichText::new(t(ui, "inspector.names")).strong());
    let mut next = plan.names.clone();
    let domains = plan.names.sip_domains.join(", ");
    if let Some(list) = text_field(
        ui,
        state,
        "plan.sip_domains",
        i18n::tr(lang, "inspector.sip_domains"),
        &domains,
        |t| {
            (t.split(',').map(|d| parse_name(lang, d)))
                .filter(|d| !matches!(d, Ok(d) if d.is_empty()))
                .collect::<Result<Vec<String>, String>>()
        },
    ) {
        next.sip_domains = list;
    }
    let shown: Vec<&str> = resolved.sip_domains.iter().map(DnsName::as_str).collect();
    default_hint(ui, &domains, &shown.join(", "));
    let meet: Vec<&str> = resolved.meet.iter().map(|m| m.text.as_str()).collect();
    for (key, field, current, default) in [
        (
            "plan.meet",
            "inspector.meet",
            &plan.names.meet,
            meet.join(", "),
        ),
        (
            "plan.dialin",
            "inspector.dialin",
            &plan.names.dialin,
            resolved.dialin.text.clone(),
        ),
        (
            "plan.admin",
            "inspector.admin",
            &plan.names.admin,
            resolved.admin.text.clone(),
        ),
    ] {
        let label = i18n::tr(lang, field);
        if let Some(v) = text_field(ui, state, key, label, current, |t| parse_name(lang, t)) {
            match key {
                "plan.meet" => next.meet = v,
                "plan.dialin" => next.dialin = v,
                _ => next.admin = v,
            }
        }
        default_hint(ui, current, &default);
    }
    if next != plan.names {
        commands.push(Command::Edit(PlanEdit::SetNames { names: next }));
    }
}

/// A node's names of its role's kinds, into `next` (the node inspector commits it).
pub fn node_names_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    state: &mut InspectorState,
    id: &NodeId,
    node: &Node,
    next: &mut Node,
) {
    if node.role == "reverse_proxy" {
        // What the reverse proxy publishes follows from the other nodes' names.
        ui.label(RichText::new(t(ui, "inspector.published")).strong());
        let names = state.dns_names(plan);
        let own = names.publishing.publishers.iter().find(|p| &p.proxy == id);
        for name in own.map(|p| p.in_page_order()).unwrap_or_default() {
            ui.label(name.as_str());
        }
        return;
    }
    let kinds = NameKind::of_role(&node.role);
    if kinds.is_empty() {
        return;
    }
    let lang = crate::ui::text::lang(ui.ctx());
    let resolved = state.dns_names(plan);
    let own = resolved.nodes.get(id);
    ui.label(RichText::new(t(ui, "inspector.names")).strong());
    for &kind in kinds {
        let current = node.names.get(&kind).map_or("", String::as_str);
        let label = i18n::tr(lang, kind_key(kind));
        if let Some(v) = text_field(ui, state, &format!("name.{kind}"), label, current, |t| {
            parse_name(lang, t)
        }) {
            if v.is_empty() {
                next.names.remove(&kind);
            } else {
                next.names.insert(kind, v);
            }
        }
        let default = own.map_or(String::new(), |n| {
            if kind == NameKind::Access {
                let all: Vec<&str> = n.access.iter().map(|a| a.text.as_str()).collect();
                all.join(", ")
            } else {
                n.kinds.get(&kind).map_or(String::new(), |k| k.text.clone())
            }
        });
        default_hint(ui, current, &default);
    }
}

/// The label's key of a name kind.
fn kind_key(kind: NameKind) -> &'static str {
    match kind {
        NameKind::InternalWeb => "inspector.name.internal_web",
        NameKind::ExternalWeb => "inspector.name.external_web",
        NameKind::Access => "inspector.name.access",
        NameKind::Webconf => "inspector.name.webconf",
        NameKind::Av => "inspector.name.av",
        NameKind::Xmpp => "inspector.name.xmpp",
    }
}
