//! The rule sheets: one per firewall of the plan (the rules whose path crosses it, inbound and
//! outbound) and one for the host rules (both ends in one zone), in the columns of the Planning
//! Tool's Firewall report, then the direction and the rule's id.

use rust_xlsxwriter::{Url, Worksheet, XlsxError};

use super::{MAX_CELL, Styles, cell_text, header};
use crate::export::Report;
use crate::i18n::tr;
use crate::plan::FirewallId;
use crate::rules::{Rule, RuleEnd, crosses};
use crate::topology::Firewall;

/// Columns of a rule sheet: heading and width (in characters).
const COLUMNS: [(&str, f64); 14] = [
    ("xlsx.col.role", 20.0),
    ("xlsx.col.source", 34.0),
    ("xlsx.col.source_ip", 26.0),
    ("xlsx.col.source_port", 11.0),
    ("xlsx.col.destination", 34.0),
    ("xlsx.col.destination_ip", 26.0),
    ("xlsx.col.destination_port", 14.0),
    ("xlsx.col.transport", 10.0),
    ("xlsx.col.application", 20.0),
    ("xlsx.col.notes", 60.0),
    ("xlsx.col.page", 44.0),
    ("xlsx.col.page_url", 44.0),
    ("xlsx.col.direction", 11.0),
    ("xlsx.col.rule_id", 44.0),
];

/// Excel warns past 65,530 hyperlinks in a sheet: rows past this many have the address as text.
pub(super) const MAX_LINKS: usize = 65_000;

/// One rule sheet before it is written.
pub(super) struct Sheet<'r> {
    /// The firewall's name as people read it (a sheet name is made from it).
    pub title: String,
    /// The plan's firewall, or `None` for the host rules.
    pub firewall: Option<FirewallId>,
    /// Each rule with its direction (an i18n key).
    pub rules: Vec<(&'r Rule, &'static str)>,
}

impl Sheet<'_> {
    /// How many of its rules are inbound.
    pub(super) fn inbound(&self) -> usize {
        (self.rules.iter())
            .filter(|(_, d)| *d == "xlsx.inbound")
            .count()
    }
}

/// The sheets of a report, outside in, those without rules left out; with `only`, that
/// firewall's sheet alone.
pub(super) fn sheets<'r>(report: &Report<'r>, only: Option<FirewallId>) -> Vec<Sheet<'r>> {
    let lang = report.lang;
    let layout = report.plan.firewalls.layout();
    let mut out = Vec::new();
    for fw in report.plan.firewalls.list() {
        if only.is_some_and(|id| id != fw.id) {
            continue;
        }
        let rules: Vec<_> = (report.rules.rules.iter())
            .filter(|r| crosses(r, layout, fw.id))
            // Zones are ordered outside in.
            .map(|r| {
                let inbound = r.source.zone < r.destination.zone;
                (
                    r,
                    if inbound {
                        "xlsx.inbound"
                    } else {
                        "xlsx.outbound"
                    },
                )
            })
            .collect();
        if !rules.is_empty() {
            out.push(Sheet {
                title: fw.display_name(lang).into_owned(),
                firewall: Some(fw.id),
                rules,
            });
        }
    }
    let host: Vec<_> = (report.rules.for_firewall(Firewall::Host))
        .map(|r| (r, "xlsx.same_zone"))
        .collect();
    if !host.is_empty() {
        out.push(Sheet {
            title: crate::i18n::firewall_title(lang, Firewall::Host).to_owned(),
            firewall: None,
            rules: host,
        });
    }
    out
}

pub(super) fn rule_sheet(
    report: &Report<'_>,
    sheet: &Sheet<'_>,
    styles: &Styles,
    name: &str,
) -> Result<Worksheet, XlsxError> {
    let lang = report.lang;
    let mut out = Worksheet::new();
    out.set_name(name)?;
    header(&mut out, &COLUMNS, sheet.rules.len(), lang, styles)?;
    for (n, (row, (rule, direction))) in (1..).zip(&sheet.rules).enumerate() {
        let ends = [&rule.source, &rule.destination];
        let server = if rule.destination.node.is_some() {
            &rule.destination
        } else {
            &rule.source
        };
        let texts: [(u16, String); 8] = [
            (0, role_name(report, server)),
            (1, end_text(report, &rule.source)),
            (3, tr(lang, "xlsx.any_port").to_owned()),
            (4, end_text(report, &rule.destination)),
            (6, rule.ports.to_string()),
            (7, rule.transport.as_str().to_uppercase()),
            (8, cell_text(rule.application())),
            (12, tr(lang, direction).to_owned()),
        ];
        for (col, text) in texts {
            out.write_string_with_format(row, col, text, &styles.cell)?;
        }
        for (col, end) in [(2, ends[0]), (5, ends[1])] {
            let style = if end.is_unresolved() {
                &styles.unresolved
            } else {
                &styles.wrap
            };
            out.write_string_with_format(row, col, addresses(end), style)?;
        }
        out.write_string_with_format(row, 9, cell_text(rule.notes().get(lang)), &styles.wrap)?;
        let pages = rule.sources();
        let titles: Vec<&str> = pages.iter().map(|p| p.title.as_str()).collect();
        let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
        let titles = cell_text(&titles.join("; "));
        match pages.first() {
            Some(first) if n < MAX_LINKS => {
                let link = Url::new(first.url.as_str()).set_text(titles);
                out.write_url_with_format(row, 10, link, &styles.link)?;
            }
            _ => {
                out.write_string_with_format(row, 10, titles, &styles.wrap)?;
            }
        }
        out.write_string_with_format(row, 11, cell_text(&urls.join("; ")), &styles.wrap)?;
        out.write_string_with_format(row, 13, cell_text(rule.id().as_str()), &styles.cell)?;
    }
    Ok(out)
}

/// The role's name in the report's language (its id when the catalog does not know it).
fn role_name(report: &Report<'_>, end: &RuleEnd) -> String {
    report.catalog.role(&end.role).map_or_else(
        || cell_text(&end.role),
        |role| role.name.get(report.lang).to_owned(),
    )
}

/// "Label (endpoint)": the node's label and the endpoint's name, or the label alone where they
/// say the same ("Any").
fn end_text(report: &Report<'_>, end: &RuleEnd) -> String {
    let endpoint = (report.catalog.role(&end.role))
        .and_then(|role| role.endpoint(&end.endpoint))
        .map_or_else(
            || end.endpoint.to_string(),
            |e| e.name.get(report.lang).to_owned(),
        );
    let label = crate::escape::one_line(&end.label);
    if label == endpoint {
        cell_text(&label)
    } else {
        cell_text(&format!("{label} ({endpoint})"))
    }
}

/// The addresses, comma-separated; past Excel's limit on a cell, the whole addresses that fit
/// and how many more there are.
fn addresses(end: &RuleEnd) -> String {
    let all = super::super::text::addresses(end, ", ");
    if all.len() < MAX_CELL {
        return all;
    }
    let parts: Vec<&str> = all.split(", ").collect();
    let mut out = String::new();
    let mut kept = 0;
    for part in &parts {
        // Room for the separator and the note after the last address kept.
        if out.len() + part.len() + 40 > MAX_CELL {
            break;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(part);
        kept += 1;
    }
    out.push_str(&format!(" … (+{} more)", parts.len() - kept));
    out
}
