//! Plan diff as a change request: the firewall rules to add and to remove between two plans.
//! A rule is the same rule when the firewall sees the same thing: firewall, ends, addresses,
//! transport and ports. Its id and notes do not matter.

use std::sync::Arc;

use std::collections::BTreeSet;

use crate::escape::one_line;
use crate::export::CSV_HEADER;
use crate::i18n::{Lang, firewall_title, tr};
use crate::rules::{Addresses, Rule, RuleEnd, RuleSet};
use crate::topology::Firewall;

/// The changes from one rule set to another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleDiff {
    /// Rules only the new plan needs.
    pub added: Vec<Rule>,
    /// Rules only the old plan needed.
    pub removed: Vec<Rule>,
}

impl RuleDiff {
    /// True when the two rule sets need the same firewall rules.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
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

/// What changes from `old` to `new`.
pub fn diff(old: &RuleSet, new: &RuleSet) -> RuleDiff {
    let old_keys: BTreeSet<Key> = old.rules.iter().map(key).collect();
    let new_keys: BTreeSet<Key> = new.rules.iter().map(key).collect();
    RuleDiff {
        added: new
            .rules
            .iter()
            .filter(|r| !old_keys.contains(&key(r)))
            .cloned()
            .collect(),
        removed: old
            .rules
            .iter()
            .filter(|r| !new_keys.contains(&key(r)))
            .cloned()
            .collect(),
    }
}

/// The diff as Markdown, per firewall, ready for a change ticket.
pub fn markdown(diff: &RuleDiff, old_name: &str, new_name: &str, lang: Lang) -> String {
    let md = |t: &str| {
        one_line(t)
            .replace('|', "\\|")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = format!(
        "# {}: {} -> {}\n",
        tr(lang, "diff.title"),
        md(old_name),
        md(new_name)
    );
    if diff.added.is_empty() && diff.removed.is_empty() {
        out.push_str(&format!("\n{}\n", tr(lang, "diff.none")));
        return out;
    }
    for fw in Firewall::ALL {
        for (key, rules) in [("diff.add", &diff.added), ("diff.remove", &diff.removed)] {
            let in_fw: Vec<&Rule> = rules.iter().filter(|r| r.firewall == fw).collect();
            if in_fw.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "\n## {} - {}\n\n",
                firewall_title(lang, fw),
                tr(lang, key)
            ));
            let heads = [
                "col.source",
                "col.destination",
                "col.protocol",
                "col.transport",
                "col.port",
                "report.id",
            ];
            let heads: Vec<&str> = heads.iter().map(|k| tr(lang, k)).collect();
            out.push_str(&format!(
                "| {} |\n|---|---|---|---|---|---|\n",
                heads.join(" | ")
            ));
            for r in in_fw {
                out.push_str(&format!(
                    "| {} ({}) | {} ({}) | {} | {} | {} | {} |\n",
                    md(&r.source.label),
                    md(&crate::export::addresses_text(&r.source)),
                    md(&r.destination.label),
                    md(&crate::export::addresses_text(&r.destination)),
                    md(r.application()),
                    r.transport.as_str().to_uppercase(),
                    r.ports,
                    md(&r.id().to_string())
                ));
            }
        }
    }
    out
}

/// The diff as CSV: a `change` column (`add` or `remove`), then the columns of our CSV export
/// (`product`: the new plan's).
pub fn csv(diff: &RuleDiff, product: crate::topology::Product, lang: Lang) -> String {
    let mut out = format!("change,{}\r\n", CSV_HEADER.join(","));
    for (change, rules) in [("add", &diff.added), ("remove", &diff.removed)] {
        for r in rules {
            out.push_str(change);
            out.push(',');
            out.push_str(&crate::export::csv_row(r, product, lang));
        }
    }
    out
}

/// The diff as JSON: `{ "added": [rule...], "removed": [rule...] }`, rules as in the JSON export.
pub fn json(diff: &RuleDiff, lang: Lang) -> Result<String, crate::export::ExportError> {
    let list = |rules: &[Rule]| {
        rules
            .iter()
            .map(|r| crate::export::rule_json(r, lang))
            .collect::<Vec<_>>()
    };
    let doc = serde_json::json!({ "added": list(&diff.added), "removed": list(&diff.removed) });
    crate::export::pretty_json(&doc)
}
