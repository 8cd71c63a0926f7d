//! Plan diff as a change request: the firewall rules to add, to remove and to change between two
//! plans. A rule is unchanged when the firewall sees the same thing: firewall, ends, addresses,
//! transport and ports (its label and notes do not matter). A rule with the same id on the same
//! firewall whose ends or addresses differ is one change, not a removal and an addition.

use std::sync::Arc;

use std::collections::{BTreeMap, BTreeSet};

use crate::export::CSV_HEADER;
use crate::i18n::{Lang, firewall_title, tr, zone_name};
use crate::rules::{Addresses, Rule, RuleEnd, RuleSet};
use crate::topology::Firewall;

/// The changes from one rule set to another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleDiff {
    /// Rules only the new plan needs.
    pub added: Vec<Rule>,
    /// Rules only the old plan needed.
    pub removed: Vec<Rule>,
    /// Rules both plans need on the same firewall under the same id, seen differently by the
    /// firewall (an address, an endpoint): (old, new).
    pub changed: Vec<(Rule, Rule)>,
}

impl RuleDiff {
    /// True when the two rule sets need the same firewall rules.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What a firewall sees of a rule: (role, endpoint, addresses) of both ends, protocol, port.
type End = (Arc<str>, Arc<str>, Addresses);
type Key = (
    Firewall,
    End,
    End,
    Arc<str>,
    crate::net::Transport,
    crate::net::PortRange,
);

fn key(r: &Rule) -> Key {
    let end = |e: &RuleEnd| (e.role.clone(), e.endpoint.clone(), e.addresses.clone());
    (
        r.firewall,
        end(&r.source),
        end(&r.destination),
        Arc::clone(&r.origin.application),
        r.transport,
        r.ports,
    )
}

/// What pairs a removed rule with an added one as one change: all but endpoints and addresses.
type PairKey = (
    Firewall,
    String,
    Option<crate::plan::NodeId>,
    Option<crate::plan::NodeId>,
    Arc<str>,
    crate::net::Transport,
    crate::net::PortRange,
);

fn pair_key(r: &Rule) -> PairKey {
    (
        r.firewall,
        r.id().to_string(),
        r.source.node.clone(),
        r.destination.node.clone(),
        Arc::clone(&r.origin.application),
        r.transport,
        r.ports,
    )
}

/// What changes from `old` to `new`.
pub fn diff(old: &RuleSet, new: &RuleSet) -> RuleDiff {
    let old_keys: BTreeSet<Key> = old.rules.iter().map(key).collect();
    let new_keys: BTreeSet<Key> = new.rules.iter().map(key).collect();
    let added: Vec<&Rule> = (new.rules.iter())
        .filter(|r| !old_keys.contains(&key(r)))
        .collect();
    let removed: Vec<&Rule> = (old.rules.iter())
        .filter(|r| !new_keys.contains(&key(r)))
        .collect();
    // A removed and an added rule of the same id on the same firewall, between the same nodes
    // with the same traffic, are one change: only their endpoints or addresses differ. (A
    // hand-written rule's id is its place on the link, so its id alone says little.)
    let mut added_by_key: BTreeMap<PairKey, usize> = (added.iter().enumerate())
        .map(|(i, r)| (pair_key(r), i))
        .collect();
    let mut paired = vec![false; added.len()];
    let mut out = RuleDiff::default();
    for r in removed {
        match added_by_key.remove(&pair_key(r)) {
            Some(i) => {
                paired[i] = true;
                out.changed.push((r.clone(), added[i].clone()));
            }
            None => out.removed.push(r.clone()),
        }
    }
    out.added = (added.iter().zip(&paired))
        .filter(|(_, paired)| !**paired)
        .map(|(r, _)| (*r).clone())
        .collect();
    out
}

/// One end of a rule for a change ticket: its label and addresses.
fn end_text(end: &RuleEnd) -> String {
    format!("{} ({})", end.label, crate::export::addresses_text(end))
}

/// One end of a changed rule: its addresses before and after, when they differ.
fn end_change(old: &RuleEnd, new: &RuleEnd) -> String {
    let (before, after) = (
        crate::export::addresses_text(old),
        crate::export::addresses_text(new),
    );
    if before == after {
        end_text(new)
    } else {
        format!("{} ({before} → {after})", new.label)
    }
}

/// The direction a firewall sees a rule in: from its source's zone to its destination's.
fn direction(r: &Rule, lang: Lang) -> String {
    format!(
        "{} → {}",
        zone_name(lang, r.source.zone),
        zone_name(lang, r.destination.zone)
    )
}

/// A row of a change ticket: the rule before (for a change) and the rule.
type Row<'a> = (Option<&'a Rule>, &'a Rule);

/// The diff as Markdown, per firewall, ready for a change ticket.
pub fn markdown(diff: &RuleDiff, old_name: &str, new_name: &str, lang: Lang) -> String {
    let md = crate::export::markdown_text;
    let mut out = format!(
        "# {}: {} -> {}\n",
        tr(lang, "diff.title"),
        md(old_name),
        md(new_name)
    );
    if diff.is_empty() {
        out.push_str(&format!("\n{}\n", tr(lang, "diff.none")));
        return out;
    }
    let heads = [
        "col.source",
        "col.destination",
        "col.protocol",
        "col.transport",
        "col.port",
        "report.id",
        "diff.direction",
    ];
    let heads: Vec<&str> = heads.iter().map(|k| tr(lang, k)).collect();
    let table_head = format!("| {} |\n|---|---|---|---|---|---|---|\n", heads.join(" | "));
    for fw in Firewall::ALL {
        // Rows of each section: (old rule when changed, rule).
        let added = diff.added.iter().map(|r| (None, r));
        let removed = diff.removed.iter().map(|r| (None, r));
        let changed = diff.changed.iter().map(|(old, new)| (Some(old), new));
        let sections: [(&str, Vec<Row<'_>>); 3] = [
            ("diff.add", added.collect()),
            ("diff.remove", removed.collect()),
            ("diff.change", changed.collect()),
        ];
        for (key, rows) in sections {
            let rows: Vec<_> = rows.into_iter().filter(|(_, r)| r.firewall == fw).collect();
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "\n## {} - {}\n\n",
                firewall_title(lang, fw),
                tr(lang, key)
            ));
            out.push_str(&table_head);
            for (old, r) in rows {
                let (source, destination) = match old {
                    Some(old) => (
                        end_change(&old.source, &r.source),
                        end_change(&old.destination, &r.destination),
                    ),
                    None => (end_text(&r.source), end_text(&r.destination)),
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | {} |\n",
                    md(&source),
                    md(&destination),
                    md(r.application()),
                    r.transport.as_str().to_uppercase(),
                    r.ports,
                    crate::export::markdown_code(&r.id().to_string()),
                    direction(r, lang)
                ));
            }
        }
    }
    out
}

/// The diff as CSV: a `change` column (`add`, `remove` or `change`), the columns of our CSV
/// export (`product`: the new plan's; a change's new rule), then `old_source_addresses` and
/// `old_destination_addresses` (a change's rule before; empty for the others).
pub fn csv(diff: &RuleDiff, product: crate::topology::Product, lang: Lang) -> String {
    // With a byte-order mark, as the CSV export: Excel then reads Chinese and Korean notes.
    let mut out = format!(
        "\u{feff}change,{},old_source_addresses,old_destination_addresses\r\n",
        CSV_HEADER.join(",")
    );
    let line = |out: &mut String, change: &str, r: &Rule, old: Option<&Rule>| {
        let row = crate::export::csv_row(r, product, lang);
        let (source, destination) = old.map_or_else(Default::default, |o| {
            (
                crate::export::csv_cell(&crate::export::csv_addresses(&o.source)),
                crate::export::csv_cell(&crate::export::csv_addresses(&o.destination)),
            )
        });
        out.push_str(change);
        out.push(',');
        out.push_str(row.trim_end_matches("\r\n"));
        out.push_str(&format!(",{source},{destination}\r\n"));
    };
    for r in &diff.added {
        line(&mut out, "add", r, None);
    }
    for r in &diff.removed {
        line(&mut out, "remove", r, None);
    }
    for (old, new) in &diff.changed {
        line(&mut out, "change", new, Some(old));
    }
    out
}

/// The diff as JSON: `{ "added": [rule...], "removed": [rule...], "changed": [{"old": rule,
/// "new": rule}...] }`, rules as in the JSON export.
pub fn json(diff: &RuleDiff, lang: Lang) -> Result<String, crate::export::ExportError> {
    let list = |rules: &[Rule]| {
        rules
            .iter()
            .map(|r| crate::export::rule_json(r, lang))
            .collect::<Vec<_>>()
    };
    let changed: Vec<serde_json::Value> = (diff.changed.iter())
        .map(|(old, new)| {
            serde_json::json!({
                "old": crate::export::rule_json(old, lang),
                "new": crate::export::rule_json(new, lang),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "added": list(&diff.added),
        "removed": list(&diff.removed),
        "changed": changed,
    });
    crate::export::pretty_json(&doc)
}
