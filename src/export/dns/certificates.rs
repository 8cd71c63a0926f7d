//! The certificates as CSV (`certificates-csv`), one row per certificate, written as the rule
//! CSV is (UTF-8 with a byte-order mark, CRLF, cells neutralised against formulas); their
//! subject alternative names in one cell, separated by spaces.

use crate::certs::{Certificate, Certificates};

/// Column names.
pub const HEADER: [&str; 9] = [
    "installed_on",
    "node",
    "subject",
    "sans",
    "eku",
    "exportable_key",
    "ca",
    "page_title",
    "page_url",
];

/// One certificate's cells, in `HEADER`'s order.
pub(super) fn cells(c: &Certificate) -> [String; 9] {
    let sans: Vec<&str> = c.sans.iter().map(crate::dns::DnsName::as_str).collect();
    let eku: Vec<&str> = c.eku.iter().map(|e| e.openssl()).collect();
    [
        c.installed.as_str().to_owned(),
        c.node.to_string(),
        c.subject.to_string(),
        sans.join(" "),
        eku.join(" "),
        if c.exportable { "yes" } else { "no" }.to_owned(),
        c.ca.as_str().to_owned(),
        c.page.title.clone(),
        c.page.url.clone(),
    ]
}

pub(super) fn render(certs: &Certificates) -> String {
    let mut out = String::from('\u{feff}');
    row(&mut out, &HEADER.map(str::to_owned));
    for c in &certs.certificates {
        row(&mut out, &cells(c));
    }
    out
}

fn row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| super::super::csv_cell(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}
