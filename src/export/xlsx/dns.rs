//! The workbook's DNS records sheet: the rows of the `dns-csv` export and of the reports' DNS
//! section, each with the Microsoft page it comes from.

use rust_xlsxwriter::{Url, Worksheet, XlsxError};

use super::{Report, Styles, cell_text, header, sheets::MAX_LINKS};

const COLUMNS: [(&str, f64); 8] = [
    ("xlsx.col.view", 10.0),
    ("xlsx.col.zone", 24.0),
    ("xlsx.col.name", 40.0),
    ("xlsx.col.type", 8.0),
    ("xlsx.col.value", 40.0),
    ("xlsx.col.purpose", 40.0),
    ("xlsx.col.page", 44.0),
    ("xlsx.col.page_url", 44.0),
];

/// The plan's DNS records; when there are none to write (a catalog without the DNS pages), the
/// reason on the first row.
pub(super) fn sheet(
    report: &Report<'_>,
    styles: &Styles,
    name: &str,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    let rows = match crate::export::dns::report_rows(report.plan, report.catalog) {
        Ok(rows) => rows,
        Err(why) => {
            sheet.write_string_with_format(0, 0, cell_text(&why), &styles.warning)?;
            return Ok(sheet);
        }
    };
    header(&mut sheet, &COLUMNS, rows.len(), report.lang, styles)?;
    for (n, (row, record)) in (1..).zip(rows).enumerate() {
        let [view, zone, name, kind, value, purpose, title, url] = record;
        for (col, text) in (0..).zip([view, zone, name, kind, value, purpose]) {
            sheet.write_string_with_format(row, col, cell_text(&text), &styles.cell)?;
        }
        let title = cell_text(&title);
        if n < MAX_LINKS {
            let link = Url::new(url.as_str()).set_text(title);
            sheet.write_url_with_format(row, 6, link, &styles.link)?;
        } else {
            sheet.write_string_with_format(row, 6, title, &styles.wrap)?;
        }
        sheet.write_string_with_format(row, 7, cell_text(&url), &styles.cell)?;
    }
    Ok(sheet)
}
