//! Markdown tables grouped by firewall, then the findings.

use super::Report;
use super::text::{addresses, end_title};
use crate::escape::one_line;
use crate::i18n::{firewall_title, tr, trf};
use crate::topology::Firewall;

/// Column headings of the rule tables, as i18n keys.
pub(super) const COLUMN_KEYS: [&str; 10] = [
    "report.id",
    "col.source",
    "col.source_addresses",
    "col.destination",
    "col.destination_addresses",
    "col.protocol",
    "col.transport",
    "col.port",
    "col.notes",
    "col.reference",
];

pub(super) fn render(report: &Report<'_>) -> String {
    let lang = report.lang;
    let mut out = format!(
        "# {}\n\n",
        md(&trf(lang, "report.title", &[("plan", &report.rules.plan)]))
    );
    if let Some((n, kinds)) = super::text::errors(report.findings) {
        let n = n.to_string();
        let banner = trf(
            lang,
            "export.errors_banner",
            &[("n", &n), ("kinds", &kinds)],
        );
        out.push_str(&format!("> **⚠ {}**\n\n", md(&banner)));
    }
    let catalog = format!("`{}`", md(&report.rules.catalog));
    let (rules, findings) = (
        report.rules.rules.len().to_string(),
        report.findings.len().to_string(),
    );
    out.push_str(&trf(
        lang,
        "report.catalog",
        &[
            ("catalog", &catalog),
            ("rules", &rules),
            ("findings", &findings),
        ],
    ));
    out.push('\n');
    out.push_str(&format!(
        "{}\n",
        trf(
            lang,
            "report.product",
            &[("product", report.plan.product.name())]
        )
    ));
    for fw in Firewall::ALL {
        let rules: Vec<_> = report.rules.for_firewall(fw).collect();
        if rules.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", firewall_title(lang, fw)));
        let headings: Vec<&str> = COLUMN_KEYS.iter().map(|k| tr(lang, k)).collect();
        out.push_str(&format!("| {} |\n", headings.join(" | ")));
        out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
        for r in rules {
            let cells = [
                code(&r.id().to_string()),
                md(&end_title(&r.source)),
                md(&addresses(&r.source, ", ")),
                md(&end_title(&r.destination)),
                md(&addresses(&r.destination, ", ")),
                md(r.application()),
                r.transport.as_str().to_uppercase(),
                r.ports.to_string(),
                md(r.notes().get(report.lang)),
                (r.sources().iter())
                    .map(|p| format!("[{}]({})", md(&p.title), p.url))
                    .collect::<Vec<_>>()
                    .join("; "),
            ];
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    dns_section(report, &mut out);
    certs_section(report, &mut out);
    out.push_str(&format!("\n## {}\n\n", tr(lang, "report.findings")));
    if report.findings.is_empty() {
        out.push_str(&format!("{}.\n", tr(lang, "findings.clean")));
    }
    for f in report.findings {
        out.push_str(&format!(
            "- **{}** `{}` {}: {}\n",
            f.severity.as_str(),
            f.kind.as_str(),
            md(&f.subject.to_string()),
            md(f.message.get(report.lang))
        ));
    }
    out
}

/// The plan's DNS records as a table, each linking its Microsoft page.
fn dns_section(report: &Report<'_>, out: &mut String) {
    let lang = report.lang;
    out.push_str(&format!("\n## {}\n\n", tr(lang, "report.dns")));
    match super::dns::report_rows(report.plan, report.catalog) {
        Err(why) => out.push_str(&format!("{}\n", md(&why))),
        Ok(rows) if rows.is_empty() => out.push_str(&format!("{}.\n", tr(lang, "report.dns_none"))),
        Ok(rows) => {
            let header: Vec<&str> = tr(lang, "report.dns_header").split(" | ").collect();
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
            for [view, zone, name, kind, value, purpose, title, url] in rows {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | [{}]({}) |\n",
                    md(&view),
                    md(&zone),
                    md(&name),
                    md(&kind),
                    md(&value),
                    md(&purpose),
                    md(&title),
                    url
                ));
            }
        }
    }
}

/// The plan's certificates as a table, each linking its Microsoft page.
fn certs_section(report: &Report<'_>, out: &mut String) {
    let lang = report.lang;
    out.push_str(&format!("\n## {}\n\n", tr(lang, "report.certs")));
    match super::dns::cert_rows(report.plan, report.catalog) {
        Err(why) => out.push_str(&format!("{}\n", md(&why))),
        Ok(rows) if rows.is_empty() => {
            out.push_str(&format!("{}.\n", tr(lang, "report.certs_none")));
        }
        Ok(rows) => {
            let header: Vec<&str> = tr(lang, "report.certs_header").split(" | ").collect();
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
            for [installed, subject, sans, eku, exportable, ca, title, url] in rows {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | [{}]({}) |\n",
                    md(&installed),
                    md(&subject),
                    md(&sans),
                    md(&eku),
                    md(&exportable),
                    md(&ca),
                    md(&title),
                    url
                ));
            }
        }
    }
}

/// A rule id as a code span, so `>` reads as itself (an entity is not decoded in a code span).
/// Only text of id characters goes in one: anything else (a hostile catalog's id) is escaped
/// as other text is.
pub(crate) fn code(text: &str) -> String {
    let id_chars = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '>' | '.');
    if !text.is_empty() && text.chars().all(id_chars) {
        format!("`{text}`")
    } else {
        md(text)
    }
}

/// One line with Markdown and inline HTML neutralised.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_ids_are_code_spans_and_anything_else_is_escaped() {
        assert_eq!(
            super::code("edge-dir-sip-5061:edge>dir"),
            "`edge-dir-sip-5061:edge>dir`"
        );
        assert_eq!(super::code("a`b>c"), "a\\`b&gt;c");
        assert_eq!(super::code("a|b"), "a\\|b");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::md("<script>a|b</script>\n*x*"),
            "&lt;script&gt;a\\|b&lt;/script&gt; \\*x\\*"
        );
    }
}
