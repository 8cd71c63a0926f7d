//! The rule table: every derived rule with the columns of Microsoft's tables, grouped by firewall
//! or by link, sortable by any column, filtered by text, role, port and firewall, and by the
//! canvas selection. Clicking a row selects the rule and its link (or node) on the canvas.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use eframe::egui::{self, RichText, Sense, Vec2};

use crate::export::one_line;
use crate::i18n::Lang;
use crate::rules::{Addresses, Rule, RuleEnd};
use crate::topology::Firewall;
use crate::ui::Selection;
use crate::ui::derived::Derived;
use crate::ui::text::{t, tf};
use crate::ui::theme;

/// Sortable columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Firewall crossed.
    Firewall,
    /// Source node and endpoint.
    Source,
    /// Source addresses.
    SourceAddresses,
    /// Destination node and endpoint.
    Destination,
    /// Destination addresses.
    DestinationAddresses,
    /// Application protocol.
    Application,
    /// TCP or UDP.
    Transport,
    /// Port or range.
    Port,
    /// Why the rule exists.
    Notes,
    /// TechNet ids and rows.
    References,
}

const COLUMNS: [(Column, &str, f32); 10] = [
    (Column::Firewall, "col.firewall", 66.0),
    (Column::Application, "col.protocol", 95.0),
    (Column::Transport, "col.transport", 62.0),
    (Column::Port, "col.port", 90.0),
    (Column::Source, "col.source", 180.0),
    (Column::SourceAddresses, "col.source_addresses", 140.0),
    (Column::Destination, "col.destination", 180.0),
    (
        Column::DestinationAddresses,
        "col.destination_addresses",
        140.0,
    ),
    (Column::Notes, "col.notes", 330.0),
    (Column::References, "col.reference", 200.0),
];

/// How rows are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// Under each firewall.
    Firewall,
    /// Under each link (and intrinsic rules per node).
    Link,
}

/// The table's UI state.
#[derive(Clone, Debug)]
pub struct RuleTable {
    /// Group rows by.
    pub grouping: Grouping,
    /// Sort column and ascending flag.
    pub sort: (Column, bool),
    /// Free-text filter.
    pub text: String,
    /// Only rules with an end of this role.
    pub role: Option<String>,
    /// Only rules whose range holds this port.
    pub port: String,
    /// Only rules crossing this firewall.
    pub firewall: Option<Firewall>,
    /// The selected rule's id.
    pub selected: Option<String>,
    /// Trainer exercise: ports hidden.
    pub hide_ports: bool,
    /// The rows of the last frame and what they were computed from.
    cache: Option<(RowsKey, Rows)>,
}

/// Everything the rows depend on: filtering and sorting 15,000 rules is not a per-frame job.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    state: Option<u64>,
    lang: Lang,
    grouping: Grouping,
    sort: (Column, bool),
    text: String,
    role: Option<String>,
    port: String,
    firewall: Option<Firewall>,
    selection: Selection,
}

impl Default for RuleTable {
    fn default() -> Self {
        Self {
            grouping: Grouping::Firewall,
            sort: (Column::Port, true),
            text: String::new(),
            role: None,
            port: String::new(),
            firewall: None,
            selected: None,
            hide_ports: false,
            cache: None,
        }
    }
}

fn end_text(end: &RuleEnd) -> String {
    format!("{} ({})", end.label, end.endpoint)
}

fn addresses_text(end: &RuleEnd) -> String {
    crate::export::addresses_text(end)
}

/// The text of a cell.
pub fn cell(rule: &Rule, column: Column, lang: Lang) -> String {
    match column {
        Column::Firewall => rule.firewall.as_str().to_owned(),
        Column::Source => end_text(&rule.source),
        Column::SourceAddresses => addresses_text(&rule.source),
        Column::Destination => end_text(&rule.destination),
        Column::DestinationAddresses => addresses_text(&rule.destination),
        Column::Application => rule.application().to_owned(),
        Column::Transport => rule.transport.as_str().to_uppercase(),
        Column::Port => rule.ports.to_string(),
        Column::Notes => one_line(rule.notes().get(lang)),
        Column::References => rule.references().join(", "),
    }
}

fn compare(a: &Rule, b: &Rule, column: Column, lang: Lang) -> Ordering {
    match column {
        Column::Port => (a.ports, a.transport).cmp(&(b.ports, b.transport)),
        Column::Firewall => a.firewall.cmp(&b.firewall),
        Column::SourceAddresses | Column::DestinationAddresses => {
            let key = |r: &Rule| {
                let end = if column == Column::SourceAddresses {
                    &r.source
                } else {
                    &r.destination
                };
                match &end.addresses {
                    Addresses::Any => Vec::new(),
                    Addresses::List(l) => l.clone(),
                }
            };
            key(a).cmp(&key(b))
        }
        _ => cell(a, column, lang)
            .to_lowercase()
            .cmp(&cell(b, column, lang).to_lowercase()),
    }
}

/// What decides a rule's group name.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum GroupId<'r> {
    Firewall(Firewall),
    Link(&'r crate::plan::NodeId, &'r crate::plan::NodeId),
    Node(&'r str),
}

/// A row of the table: a group heading or a rule (index into the rule set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    /// Group heading.
    Heading(&'a str),
    /// A rule.
    Rule(usize),
}

/// The table's rows in order. Eight bytes a row, headings kept apart: a 2,000-node plan has
/// 15,000 rows and a dozen headings, and a row that could hold a heading's text took 32.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    slots: Vec<Slot>,
    headings: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Heading(u32),
    Rule(u32),
}

impl Rows {
    /// Number of rows, headings included.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Number of rule rows.
    pub fn rules(&self) -> usize {
        self.slots.len() - self.headings.len()
    }

    /// The rows in `range`, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = Row<'_>> {
        self.slots[range].iter().map(|slot| self.row(*slot))
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.range(0..self.slots.len())
    }

    fn row(&self, slot: Slot) -> Row<'_> {
        match slot {
            Slot::Heading(i) => Row::Heading(&self.headings[i as usize]),
            Slot::Rule(i) => Row::Rule(i as usize),
        }
    }

    fn push_group(&mut self, heading: String, rules: &[u32]) {
        let at = u32::try_from(self.headings.len()).unwrap_or(u32::MAX);
        self.headings.push(heading);
        self.slots.push(Slot::Heading(at));
        self.slots.extend(rules.iter().map(|&i| Slot::Rule(i)));
    }
}

impl RuleTable {
    fn keeps(&self, rule: &Rule, selection: &Selection, lang: Lang) -> bool {
        if let Some(key) = &selection.link
            && rule.link() != Some((&key.0, &key.1))
        {
            return false;
        }
        if !selection.nodes.is_empty()
            && ![&rule.source.node, &rule.destination.node]
                .into_iter()
                .flatten()
                .any(|n| selection.nodes.contains(n))
        {
            return false;
        }
        if self.firewall.is_some_and(|f| f != rule.firewall) {
            return false;
        }
        if let Some(role) = &self.role
            && *rule.source.role != **role
            && *rule.destination.role != **role
        {
            return false;
        }
        if let Ok(port) = self.port.trim().parse::<u16>()
            && !(rule.ports.from <= port && port <= rule.ports.to)
        {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || rule.id().to_string().to_lowercase().contains(&needle)
            || COLUMNS
                .iter()
                .any(|(c, _, _)| cell(rule, *c, lang).to_lowercase().contains(&needle))
    }

    /// The rows to show, in order.
    pub fn rows<'d>(&self, derived: &'d Derived, selection: &Selection, lang: Lang) -> Rows {
        let rules = &derived.derivation.rules.rules;
        // Rule sets are far below 4 billion rules (the plan file is at most 16 MiB).
        let mut kept: Vec<u32> = (0..u32::try_from(rules.len()).unwrap_or(u32::MAX))
            .filter(|&i| self.keeps(&rules[i as usize], selection, lang))
            .collect();
        let (column, ascending) = self.sort;
        // A stable sort: rows equal in the column keep the rule set's own order (firewall,
        // destination, port, source, id), whichever the direction. Breaking ties by id
        // compared strings for most pairs, a third of re-sorting 15,000 rules.
        kept.sort_by(|&a, &b| {
            let o = compare(&rules[a as usize], &rules[b as usize], column, lang);
            if ascending { o } else { o.reverse() }
        });
        // A group's name depends on the firewall, or on the link's two nodes, or on the one
        // node of an intrinsic rule: it is made once per such id, not once per rule.
        let id = |r: &'d Rule| match (self.grouping, r.link()) {
            (Grouping::Firewall, _) => GroupId::Firewall(r.firewall),
            (Grouping::Link, Some((a, b))) => GroupId::Link(a, b),
            (Grouping::Link, None) => GroupId::Node(if r.source.node.is_some() {
                &r.source.label
            } else {
                &r.destination.label
            }),
        };
        // A group's place and name, made from its id and one of its rules: firewall groups in
        // the order of Firewall::ALL, link and node groups by name.
        let named = |id: GroupId<'_>, r: &Rule| match id {
            GroupId::Firewall(f) => (
                Firewall::ALL
                    .iter()
                    .position(|x| *x == f)
                    .unwrap_or(usize::MAX),
                crate::i18n::firewall_title(lang, f).to_owned(),
            ),
            GroupId::Link(a, _) => {
                let (first, second) = if r.source.node.as_ref() == Some(a) {
                    (&r.source, &r.destination)
                } else {
                    (&r.destination, &r.source)
                };
                let args = [("a", &*first.label), ("b", &*second.label)];
                (0, crate::i18n::trf(lang, "inspector.link", &args))
            }
            GroupId::Node(own) => (0, crate::i18n::trf(lang, "rules.no_link", &[("node", own)])),
        };
        // Groups by (order, name); ids with the same name share a group, as names always did.
        let mut slots: BTreeMap<GroupId<'d>, usize> = BTreeMap::new();
        let mut groups: BTreeMap<(usize, String), usize> = BTreeMap::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        for i in kept {
            let rule = &rules[i as usize];
            let group = id(rule);
            let slot = *slots.entry(group).or_insert_with(|| {
                *groups.entry(named(group, rule)).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                })
            });
            members[slot].push(i);
        }
        let mut rows = Rows::default();
        for ((_, name), slot) in groups {
            let list = std::mem::take(&mut members[slot]);
            rows.push_group(format!("{name} ({})", list.len()), &list);
        }
        rows
    }

    /// The rows to show, from the cache when nothing they depend on changed. Taken out of
    /// the table so that the caller can edit the table while drawing them; give them back
    /// with [`Self::keep_rows`].
    fn take_rows(&mut self, derived: &Derived, selection: &Selection, lang: Lang) -> Rows {
        let key = RowsKey {
            state: derived.content,
            lang,
            grouping: self.grouping,
            sort: self.sort,
            text: self.text.clone(),
            role: self.role.clone(),
            port: self.port.clone(),
            firewall: self.firewall,
            selection: selection.clone(),
        };
        match self.cache.take() {
            Some((k, rows)) if k == key => {
                self.cache = Some((k, Rows::default()));
                rows
            }
            _ => {
                self.cache = Some((key, Rows::default()));
                self.rows(derived, selection, lang)
            }
        }
    }

    fn keep_rows(&mut self, rows: Rows) {
        if let Some((_, cached)) = &mut self.cache {
            *cached = rows;
        }
    }
}

/// The toolbar and the table.
pub fn rule_table_ui(
    ui: &mut egui::Ui,
    table: &mut RuleTable,
    derived: &Derived,
    selection: &mut Selection,
    roles: &[(String, String)],
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let tr = |key| crate::i18n::tr(lang, key);
    ui.horizontal(|ui| {
        ui.strong(tr("rules.title"));
        ui.selectable_value(
            &mut table.grouping,
            Grouping::Firewall,
            tr("rules.by_firewall"),
        );
        ui.selectable_value(&mut table.grouping, Grouping::Link, tr("rules.by_link"));
        ui.separator();
        let label = ui.label(tr("rules.filter"));
        ui.add(
            egui::TextEdit::singleline(&mut table.text)
                .desired_width(140.0)
                .hint_text(tr("rules.filter_hint")),
        )
        .labelled_by(label.id);
        let label = ui.label(tr("rules.port"));
        ui.add(egui::TextEdit::singleline(&mut table.port).desired_width(60.0))
            .labelled_by(label.id);
        egui::ComboBox::from_label(tr("rules.role"))
            .selected_text(
                table
                    .role
                    .as_ref()
                    .and_then(|r| roles.iter().find(|(id, _)| id == r))
                    .map_or(tr("rules.any_role"), |(_, n)| n.as_str()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut table.role, None, tr("rules.any_role"));
                for (id, name) in roles {
                    ui.selectable_value(&mut table.role, Some(id.clone()), name);
                }
            });
        egui::ComboBox::from_label(tr("rules.firewall"))
            .selected_text(
                table
                    .firewall
                    .map_or(tr("rules.any_firewall"), Firewall::as_str),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut table.firewall, None, tr("rules.any_firewall"));
                for f in Firewall::ALL {
                    ui.selectable_value(&mut table.firewall, Some(f), f.as_str());
                }
            });
        if !selection.is_empty() && ui.button(tr("rules.show_all")).clicked() {
            *selection = Selection::default();
        }
    });
    let rows = table.take_rows(derived, selection, lang);
    let shown = rows.rules();
    ui.label(
        RichText::new(crate::i18n::trf(
            lang,
            "rules.count",
            &[
                ("shown", &shown.to_string()),
                ("total", &derived.derivation.rules.rules.len().to_string()),
            ],
        ))
        .small()
        .weak(),
    );
    egui::ScrollArea::horizontal()
        .id_salt("rule-table-h")
        .show(ui, |ui| {
            header_ui(ui, table);
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            egui::ScrollArea::vertical()
                .id_salt("rule-table-v")
                .auto_shrink([false, false])
                .show_rows(ui, row_height, rows.len(), |ui, range| {
                    for row in rows.range(range) {
                        match row {
                            Row::Heading(text) => {
                                fixed_cell(
                                    ui,
                                    400.0,
                                    row_height,
                                    egui::Label::new(RichText::new(text).strong()),
                                );
                            }
                            Row::Rule(i) => rule_row_ui(
                                ui,
                                table,
                                &derived.derivation.rules.rules[i],
                                selection,
                                row_height,
                            ),
                        }
                    }
                });
        });
    table.keep_rows(rows);
}

/// A left-aligned cell of a fixed size.
fn fixed_cell(ui: &mut egui::Ui, width: f32, height: f32, label: egui::Label) {
    ui.allocate_ui_with_layout(
        Vec2::new(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(Vec2::new(width, height));
            ui.add(label);
        },
    );
}

fn header_ui(ui: &mut egui::Ui, table: &mut RuleTable) {
    ui.horizontal(|ui| {
        for (column, key, width) in COLUMNS {
            let title = t(ui, key);
            let arrow = match table.sort {
                (c, true) if c == column => " ^",
                (c, false) if c == column => " v",
                _ => "",
            };
            let button =
                egui::Button::new(RichText::new(format!("{title}{arrow}")).strong()).frame(false);
            let clicked = ui
                .allocate_ui_with_layout(
                    Vec2::new(width, 18.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_size(Vec2::new(width, 18.0));
                        ui.add(button)
                    },
                )
                .inner
                .on_hover_text(tf(ui, "rules.sort_by", &[("column", title)]))
                .clicked();
            if clicked {
                table.sort = if table.sort.0 == column {
                    (column, !table.sort.1)
                } else {
                    (column, true)
                };
            }
        }
    });
}

fn rule_row_ui(
    ui: &mut egui::Ui,
    table: &mut RuleTable,
    rule: &Rule,
    selection: &mut Selection,
    height: f32,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let selected = table.selected.as_deref().is_some_and(|id| rule.id() == id);
    let spacing = ui.spacing().item_spacing.x;
    let width: f32 = COLUMNS.iter().map(|(_, _, w)| w + spacing).sum();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::click());
    // Cells are painted, not widgets: a row is one widget whose accessible label carries every
    // cell, and a frame of the table costs a tenth of what ten child UIs per row did.
    let texts: Vec<String> = COLUMNS
        .iter()
        .map(|(column, _, _)| {
            if table.hide_ports && *column == Column::Port {
                "?".to_owned()
            } else {
                cell(rule, *column, lang)
            }
        })
        .collect();
    if ui.is_rect_visible(rect) {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let normal = ui.visuals().text_color();
        let painter = ui.painter();
        let mut x = rect.left();
        for ((column, _, w), text) in COLUMNS.iter().zip(&texts) {
            let color = if rule.is_unresolved()
                && matches!(
                    column,
                    Column::SourceAddresses | Column::DestinationAddresses
                ) {
                theme::PROBLEM
            } else {
                normal
            };
            let mut job = egui::text::LayoutJob::single_section(
                text.clone(),
                egui::TextFormat::simple(font.clone(), color),
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width(*w);
            let galley = painter.layout_job(job);
            let top = rect.center().y - galley.size().y / 2.0;
            painter.galley(egui::pos2(x, top), galley, color);
            x += w + spacing;
        }
    }
    if response.hovered() {
        ui.painter().rect_filled(
            rect,
            2.0,
            ui.visuals()
                .widgets
                .hovered
                .weak_bg_fill
                .gamma_multiply(0.3),
        );
    }
    if selected {
        ui.painter().rect_stroke(
            response.rect,
            2.0,
            egui::Stroke::new(1.5, theme::SELECTED),
            egui::StrokeKind::Inside,
        );
    }
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Row,
            true,
            selected,
            format!("Rule {}: {}", rule.id(), texts.join(", ")),
        )
    });
    if response.clicked() {
        table.selected = Some(rule.id().to_string());
        *selection = match (rule.link(), &rule.source.node, &rule.destination.node) {
            (Some((a, b)), _, _) => Selection::only_link(a.clone(), b.clone()),
            (None, Some(n), _) | (None, None, Some(n)) => Selection::only_node(n.clone()),
            (None, None, None) => Selection::default(),
        };
    }
    response.on_hover_ui(|ui| {
        ui.label(format!(
            "{}\n{}\n{}",
            rule.id(),
            rule.notes().get(lang),
            rule.references().join(", ")
        ));
    });
}
