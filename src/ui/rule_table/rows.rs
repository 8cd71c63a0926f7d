//! The rule table's rows: filter, sort and group the derived rules. Plain code, no egui, so
//! it is tested on its own; `mod.rs` draws what it returns.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::document::ContentId;
use crate::escape::one_line;
use crate::i18n::Lang;
use crate::rules::{Addresses, Rule, RuleEnd};
use crate::topology::Firewall;
use crate::ui::Selection;
use crate::ui::derived::Derived;

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

impl Column {
    /// Every column, in the table's order.
    pub const ALL: [Self; 10] = [
        Self::Firewall,
        Self::Application,
        Self::Transport,
        Self::Port,
        Self::Source,
        Self::SourceAddresses,
        Self::Destination,
        Self::DestinationAddresses,
        Self::Notes,
        Self::References,
    ];
}

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
    content: Option<ContentId>,
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

/// A node's end as its label and endpoint id (the exports' id); "Any" in the window's language.
fn end_text(end: &RuleEnd, lang: Lang) -> String {
    if end.node.is_none() {
        return crate::i18n::tr(lang, "addr.any").to_owned();
    }
    format!("{} ({})", end.label, end.endpoint)
}

/// The text of a cell.
pub fn cell(rule: &Rule, column: Column, lang: Lang) -> String {
    match column {
        Column::Firewall => crate::i18n::firewall_short(lang, rule.firewall).to_owned(),
        Column::Source => end_text(&rule.source, lang),
        Column::SourceAddresses => crate::ui::text::addresses(&rule.source, lang),
        Column::Destination => end_text(&rule.destination, lang),
        Column::DestinationAddresses => crate::ui::text::addresses(&rule.destination, lang),
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
        // A selected firewall shows its rule set: what `RuleSet::through` gives.
        if let Some(id) = selection.firewall
            && !crate::rules::crosses(rule, crate::ui::selection::layout_of(id), id)
        {
            return false;
        }
        if !selection.keeps_link_rule(rule) {
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
            || Column::ALL
                .iter()
                .any(|c| cell(rule, *c, lang).to_lowercase().contains(&needle))
    }

    /// The rows to show, in order.
    pub fn rows(&self, derived: &Derived, selection: &Selection, lang: Lang) -> Rows {
        self.rows_of(&derived.derivation.rules.rules, selection, lang)
    }

    /// The rows of `rules` (a rule set's, in its order) to show, in order.
    fn rows_of<'d>(&self, rules: &'d [Rule], selection: &Selection, lang: Lang) -> Rows {
        // Rule sets are far below 4 billion rules (the plan file is at most 16 MiB).
        let mut kept: Vec<u32> = (0..u32::try_from(rules.len()).unwrap_or(u32::MAX))
            .filter(|&i| self.keeps(&rules[i as usize], selection, lang))
            .collect();
        let (column, ascending) = self.sort;
        // A stable sort: ties keep the rule set's order (firewall, destination, port, source,
        // id) in either direction; breaking them by id cost a third of re-sorting 15,000 rules.
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
    pub(super) fn take_rows(
        &mut self,
        derived: &Derived,
        selection: &Selection,
        lang: Lang,
    ) -> Rows {
        let key = RowsKey {
            content: derived.content,
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

    pub(super) fn keep_rows(&mut self, rows: Rows) {
        if let Some((_, cached)) = &mut self.cache {
            *cached = rows;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::examples;

    /// The seed plan's rules, in the rule set's order.
    fn seed_rules() -> Vec<Rule> {
        let catalog = Catalog::builtin().expect("catalog");
        let plan = crate::plan_file::from_ron(examples::SEED_PLAN, examples::SEED_NAME, &catalog)
            .expect("seed");
        crate::rules::derive(&plan, &catalog).rules
    }

    fn rule_indexes(rows: &Rows) -> Vec<usize> {
        rows.iter()
            .filter_map(|r| if let Row::Rule(i) = r { Some(i) } else { None })
            .collect()
    }

    #[test]
    fn text_filter_keeps_matching_rules_only_whatever_the_case() {
        let rules = seed_rules();
        let table = RuleTable {
            text: "  EDGE-DIR-SIP ".to_owned(),
            ..RuleTable::default()
        };
        let rows = table.rows_of(&rules, &Selection::default(), Lang::En);
        let kept = rule_indexes(&rows);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(
            rules[kept[0]].id().to_string(),
            "edge-dir-sip-5061:edge>dir"
        );
        assert_eq!(rows.rules(), 1);
        assert_eq!(rows.len(), 2, "one heading, one rule");
    }

    #[test]
    fn port_filter_keeps_the_ranges_holding_the_port() {
        let rules = seed_rules();
        let table = RuleTable {
            port: "5061".to_owned(),
            ..RuleTable::default()
        };
        let kept = rule_indexes(&table.rows_of(&rules, &Selection::default(), Lang::En));
        let expected: Vec<usize> = (0..rules.len())
            .filter(|&i| rules[i].ports.from <= 5061 && 5061 <= rules[i].ports.to)
            .collect();
        assert!(!expected.is_empty() && expected.len() < rules.len());
        let mut sorted = kept.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn sorting_by_port_orders_each_group_both_ways_and_keeps_ties_in_rule_order() {
        let rules = seed_rules();
        for ascending in [true, false] {
            let table = RuleTable {
                sort: (Column::Port, ascending),
                ..RuleTable::default()
            };
            let kept = rule_indexes(&table.rows_of(&rules, &Selection::default(), Lang::En));
            assert_eq!(kept.len(), rules.len());
            let mut ordered = 0;
            for w in kept.windows(2) {
                let (a, b) = (&rules[w[0]], &rules[w[1]]);
                if a.firewall != b.firewall {
                    continue;
                }
                let (ka, kb) = ((a.ports, a.transport), (b.ports, b.transport));
                if ka == kb {
                    assert!(w[0] < w[1], "a tie keeps the rule set's order");
                } else {
                    assert_eq!(ka < kb, ascending, "{} then {}", a.id(), b.id());
                    ordered += 1;
                }
            }
            assert!(ordered > 10, "the seed has distinct ports: {ordered}");
        }
    }

    #[test]
    fn grouping_by_firewall_heads_each_firewall_once_in_order_with_its_count() {
        let rules = seed_rules();
        let rows = RuleTable::default().rows_of(&rules, &Selection::default(), Lang::En);
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for row in rows.iter() {
            match row {
                Row::Heading(text) => groups.push((text.to_owned(), Vec::new())),
                Row::Rule(i) => groups.last_mut().expect("a heading first").1.push(i),
            }
        }
        let firewalls: Vec<Firewall> = Firewall::ALL
            .into_iter()
            .filter(|f| rules.iter().any(|r| r.firewall == *f))
            .collect();
        assert!(firewalls.len() > 1);
        assert_eq!(groups.len(), firewalls.len());
        for ((heading, members), firewall) in groups.iter().zip(&firewalls) {
            let title = crate::i18n::firewall_title(Lang::En, *firewall);
            assert_eq!(*heading, format!("{title} ({})", members.len()));
            assert!(members.iter().all(|&i| rules[i].firewall == *firewall));
        }
        assert_eq!(rows.rules(), rules.len());
    }
}
