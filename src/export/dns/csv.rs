//! The records as CSV: one row per record, as our rule CSV is written (UTF-8 with a byte-order
//! mark, CRLF, cells neutralised against formulas).

use crate::dns::{DnsRecords, RecordData};

/// Column names.
pub const HEADER: [&str; 13] = [
    "view",
    "zone",
    "name",
    "type",
    "value",
    "priority",
    "weight",
    "port",
    "ttl",
    "purpose",
    "node",
    "page_title",
    "page_url",
];

pub(super) fn render(records: &DnsRecords) -> String {
    let mut out = String::from('\u{feff}');
    row(&mut out, &HEADER.map(str::to_owned));
    for r in &records.records {
        let (priority, weight, port) = match &r.data {
            RecordData::Srv {
                priority,
                weight,
                port,
                ..
            } => (priority.to_string(), weight.to_string(), port.to_string()),
            _ => Default::default(),
        };
        row(
            &mut out,
            &[
                r.view.as_str().to_owned(),
                r.zone.to_string(),
                r.name.to_string(),
                r.data.type_name().to_owned(),
                r.data.value(),
                priority,
                weight,
                port,
                r.ttl.to_string(),
                r.purpose.to_owned(),
                r.node.as_ref().map(ToString::to_string).unwrap_or_default(),
                r.page.title.clone(),
                r.page.url.clone(),
            ],
        );
    }
    out
}

fn row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| super::super::csv_cell(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}
