//! Markdown tables grouped by firewall, then the findings.

use super::Report;
use super::text::{addresses, end_title, one_line};
use crate::topology::Firewall;

pub(super) fn render(report: &Report<'_>) -> String {
    let mut out = format!("# Firewall rules: {}\n\n", md(&report.rules.plan));
    out.push_str(&format!(
        "Catalog `{}`. {} rules, {} findings.\n",
        md(&report.rules.catalog),
        report.rules.rules.len(),
        report.findings.len()
    ));
    for fw in Firewall::ALL {
        let rules: Vec<_> = report.rules.for_firewall(fw).collect();
        if rules.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", fw.title()));
        out.push_str("| ID | Source | Source addresses | Destination | Destination addresses | Protocol | Transport | Port | Notes | References |\n");
        out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
        for r in rules {
            let cells = [
                md(&r.id),
                md(&end_title(&r.source)),
                md(&addresses(&r.source, ", ")),
                md(&end_title(&r.destination)),
                md(&addresses(&r.destination, ", ")),
                md(&r.application),
                r.transport.as_str().to_uppercase(),
                r.ports.to_string(),
                md(&r.notes),
                md(&r.references.join(", ")),
            ];
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out.push_str("\n## Findings\n\n");
    if report.findings.is_empty() {
        out.push_str("No edits needed.\n");
    }
    for f in report.findings {
        out.push_str(&format!(
            "- **{}** `{}` {}: {}\n",
            f.severity.as_str(),
            f.kind.as_str(),
            md(&f.subject.to_string()),
            md(&f.message)
        ));
    }
    out
}

/// One line with Markdown and inline HTML neutralised.
fn md(text: &str) -> String {
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
    fn escapes_markup() {
        assert_eq!(
            super::md("<script>a|b</script>\n*x*"),
            "&lt;script&gt;a\\|b&lt;/script&gt; \\*x\\*"
        );
    }
}
