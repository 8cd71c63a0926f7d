//! RFC 4180 CSV (UTF-8 with BOM, CRLF, quoted when needed) with OWASP formula-injection neutralising:
//! a cell that would start a formula gets a leading apostrophe.

use super::Report;
use super::text::addresses;

/// Column names; the audit reads our CSV by these names (any order, other columns ignored).
pub const HEADER: [&str; 18] = [
    "id",
    "firewall",
    "source_node",
    "source_role",
    "source_endpoint",
    "source_addresses",
    "destination_node",
    "destination_role",
    "destination_endpoint",
    "destination_addresses",
    "application",
    "transport",
    "port_from",
    "port_to",
    "notes",
    "references",
    "sources",
    "product",
];

pub(super) fn render(report: &Report<'_>) -> String {
    // The byte-order mark is how Excel knows the file is UTF-8; without it, CJK labels and notes
    // open as mojibake. Python (utf-8-sig), LibreOffice and our own audit reader accept it.
    let mut out = String::from('\u{feff}');
    row(&mut out, HEADER.iter().map(|h| (*h).to_owned()));
    for r in &report.rules.rules {
        out.push_str(&row_text(r, report.plan.product, report.lang));
    }
    out
}

/// One rule as a CSV line (CRLF included).
pub(super) fn row_text(
    r: &crate::rules::Rule,
    product: crate::topology::Product,
    lang: crate::i18n::Lang,
) -> String {
    let mut out = String::new();
    row(
        &mut out,
        [
            r.id().to_string(),
            r.firewall.as_str().to_owned(),
            r.source.label.to_string(),
            r.source.role.to_string(),
            r.source.endpoint.to_string(),
            addresses(&r.source, " "),
            r.destination.label.to_string(),
            r.destination.role.to_string(),
            r.destination.endpoint.to_string(),
            addresses(&r.destination, " "),
            r.application().to_owned(),
            r.transport.as_str().to_owned(),
            r.ports.from.to_string(),
            r.ports.to.to_string(),
            r.notes().get(lang).to_owned(),
            r.references().join("; "),
            (r.sources().iter())
                .map(|p| format!("{} <{}>", p.title, p.url))
                .collect::<Vec<_>>()
                .join("; "),
            product.as_str().to_owned(),
        ],
    );
    out
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One cell: neutralised, then quoted if it holds a comma, quote or line break.
pub(super) fn cell(value: &str) -> String {
    // NUL is never useful and some readers stop at it.
    let mut v: String = value.chars().filter(|&c| c != '\0').collect();
    let first = v.trim_start_matches([' ', '\u{a0}']).chars().next();
    let starts_formula = matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '|' | '%')
    ) || matches!(v.chars().next(), Some('\t' | '\r' | '\n'));
    if starts_formula {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn neutralises_formulas_and_quotes() {
        assert_eq!(cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(cell("  +1"), "'  +1");
        assert_eq!(cell("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("5061"), "5061");
    }
}
