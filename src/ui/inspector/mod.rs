//! The inspector: the selected node's settings (`node.rs`), the selected link's requirements
//! (`link.rs`), the selected firewall (`firewall.rs`), or the plan's settings when nothing is
//! selected.
//! Text is edited in buffers and committed on Enter or focus loss; invalid input is marked at
//! the field with a message and never stored.

mod firewall;
mod link;
mod names;
mod node;

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

pub use firewall::firewall_inspector_ui;
pub use link::link_inspector_ui;
pub use node::node_inspector_ui;

use crate::document::StateId;
use crate::findings::NodeField;
use crate::i18n;
use crate::net::IpNet;
use crate::plan::{NodeId, Plan, PlanEdit};
use crate::rules::Rule;
use crate::ui::command::{Command, Commands};
use crate::ui::text::t;
use crate::ui::theme;

/// What the inspector's text buffers are for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Owner {
    /// The plan's own fields (nothing selected).
    Plan,
    Node(NodeId),
    Firewall(crate::plan::FirewallId),
}

/// A field a finding's fix asks for.
#[derive(Debug)]
struct Focus {
    /// The node whose field it is: another node's inspector takes no focus meant for it.
    node: NodeId,
    field: NodeField,
    /// The one field's key, when the finding is about one address.
    key: Option<String>,
    /// The endpoint kind whose address field it must be, when the finding names one: "has no
    /// external_listener address" must not land in the empty internal interface above it.
    endpoint: Option<String>,
    /// After a pass found no empty field of its kind, any field of its kind will do.
    any: bool,
}

/// Which firewall's rule counts, in which document state.
/// A firewall and the content its rules were derived from (the rules shown can be a frame or
/// two behind the document: counting them under the document's state would keep stale counts).
type FirewallKey = (crate::plan::FirewallId, Option<crate::document::ContentId>);

/// Text being edited and the errors found in it, by field key.
#[derive(Debug, Default)]
pub struct InspectorState {
    buffers: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    /// What the buffers belong to, in which document state.
    owner: Option<(Owner, StateId)>,
    /// A field to put the cursor in (from a finding's fix).
    focus: Option<Focus>,
    /// The requirements of the selected link, for (link, document state).
    link_rules: Option<((NodeId, NodeId), StateId, Vec<Rule>)>,
    /// The selected firewall's rule counts (inbound, outbound), for (firewall, document state):
    /// `RuleSet::through` walks every rule, too much for each frame of a large plan.
    firewall_counts: Option<(FirewallKey, (usize, usize))>,
    /// The plan's DNS names resolved, for a document state: resolving walks every node, too
    /// much for each frame of a large plan.
    /// The plan's resolved DNS names, from the derivation thread (see [`Self::set_names`]).
    dns_names: Option<std::sync::Arc<crate::dns::Names>>,
}

impl InspectorState {
    /// The names the inspector shows: those the derivation thread resolved with the rules
    /// (a frame or two behind an edit of a large plan, as the rules are). Resolving them in the
    /// frame took a 2,000-node plan's edit frame several milliseconds.
    pub fn set_names(&mut self, names: &std::sync::Arc<crate::dns::Names>) {
        self.dns_names = Some(std::sync::Arc::clone(names));
    }

    /// The plan's resolved DNS names (resolved here, and not kept, only when none were given).
    fn dns_names(&self, plan: &Plan) -> std::sync::Arc<crate::dns::Names> {
        match &self.dns_names {
            Some(names) => std::sync::Arc::clone(names),
            None => std::sync::Arc::new(crate::dns::resolve(plan)),
        }
    }

    /// Start fresh buffers for `owner`, unless they are its already or a field is being typed in.
    fn own(&mut self, owner: (Owner, StateId), ui: &egui::Ui) {
        if self.owner.as_ref() != Some(&owner) && !ui.ctx().egui_wants_keyboard_input() {
            self.buffers.clear();
            self.errors.clear();
            self.owner = Some(owner);
        }
    }

    /// Put the cursor in the first field of this kind, of `endpoint` when given (an empty one
    /// if there is one).
    pub fn focus(
        &mut self,
        node: NodeId,
        field: NodeField,
        (endpoint, key): (Option<String>, Option<String>),
    ) {
        self.focus = Some(Focus {
            node,
            field,
            key,
            endpoint,
            any: false,
        });
    }

    /// After a pass over the node's fields: a focus no empty field took goes to the first
    /// field of its kind on the next pass, and is dropped after that.
    fn end_focus_pass(&mut self) {
        match &mut self.focus {
            Some(f) if !f.any => f.any = true,
            _ => self.focus = None,
        }
    }

    /// True when a field key belongs to the finding's field name.
    fn wants_focus(&self, key: &str, current: &str) -> bool {
        let Some(Focus {
            node,
            field,
            key: exact,
            endpoint,
            any,
        }) = &self.focus
        else {
            return false;
        };
        if !matches!(&self.owner, Some((Owner::Node(owner), _)) if owner == node) {
            return false;
        }
        if let Some(exact) = exact {
            return key == exact;
        }
        // Member fields are `member.N.KIND` (`member.N.nat.KIND`), VIPs `vip.KIND`.
        if let Some(e) = endpoint
            && matches!(field, NodeField::Addresses | NodeField::Vips)
            && !key.ends_with(&format!(".{e}"))
        {
            return false;
        }
        let matches = match field {
            NodeField::Addresses => {
                key.starts_with("member.") && key.rsplit('.').next() != Some("name")
            }
            NodeField::Vips => key.starts_with("vip."),
            NodeField::Names => key.starts_with("name."),
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
    // Wrapped: after a long label ("edge01 Web Conferencing Edge service") the field goes to
    // the next row at its full width instead of being squeezed to a sliver at the panel's edge.
    ui.horizontal_wrapped(|ui| {
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
        // Escape gives the field up: the stored value comes back, nothing is committed.
        // The raw events: the shortcut loop has consumed the key press (Escape also cancels).
        let escaped = ui.input(|i| {
            i.raw.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key {
                        key: egui::Key::Escape,
                        pressed: true,
                        ..
                    }
                )
            })
        });
        if response.lost_focus() && escaped {
            current.clone_into(buffer);
            state.errors.remove(key);
        } else if response.lost_focus() && buffer.as_str() != current {
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
        if node.own_addresses().any(|a| a == addr) {
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
    if !addr.is_host() {
        return Err(i18n::trf(
            lang,
            "error.address_not_host",
            &[("addr", &addr.to_string())],
        ));
    }
    if let Some(other) = used_elsewhere(plan, id, addr) {
        return Err(i18n::trf(
            lang,
            "error.address_used",
            &[("addr", &addr.to_string()), ("other", &other)],
        ));
    }
    Ok(Some(addr))
}

fn combo<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(&T) -> String,
) {
    // The label first, as the text fields have it: after a long choice ("DNS and hardware load
    // balancer") a label on the right was squeezed to a letter per line.
    ui.horizontal_wrapped(|ui| {
        let name_label = ui.label(label);
        egui::ComboBox::from_id_salt(label)
            .selected_text(name(value))
            .show_ui(ui, |ui| {
                for o in options {
                    ui.selectable_value(value, *o, name(o));
                }
            })
            .response
            .labelled_by(name_label.id);
    });
}

/// The plan's own settings, shown when nothing is selected: its name and the product.
pub fn plan_settings_ui(
    ui: &mut egui::Ui,
    plan: &Plan,
    state: &mut InspectorState,
    doc_state: StateId,
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    state.own((Owner::Plan, doc_state), ui);
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
    names::plan_names_ui(ui, plan, state, commands);
}
