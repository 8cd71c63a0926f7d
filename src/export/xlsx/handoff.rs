//! The workbook's DNS records and Certificates sheets: the rows of the `dns-csv` and
//! `certificates-csv` exports as the reports show them, each with the Microsoft page it comes
//! from (title linked, then the address).

use rust_xlsxwriter::{Url, Worksheet, XlsxError};

use super::{Report, Styles, cell_text, header, sheets::MAX_LINKS};

/// Eight columns, the last two the page's title and address.
type Columns = [(&'static str, f64); 8];

const DNS_COLUMNS: Columns = [
    ("xlsx.col.view", 10.0),
    ("xlsx.col.zone", 24.0),
    ("xlsx.col.name", 40.0),
    ("xlsx.col.type", 8.0),
    ("xlsx.col.value", 40.0),
    ("xlsx.col.purpose", 40.0),
    ("xlsx.col.page", 44.0),
    ("xlsx.col.page_url", 44.0),
];

const CERT_COLUMNS: Columns = [
    ("xlsx.col.installed_on", 18.0),
    ("xlsx.col.cert_subject", 36.0),
    ("xlsx.col.sans", 80.0),
    ("xlsx.col.key_usage", 14.0),
    ("xlsx.col.exportable", 10.0),
    ("xlsx.col.ca", 10.0),
    ("xlsx.col.page", 44.0),
    ("xlsx.col.page_url", 44.0),
];

/// The plan's DNS records.
pub(super) fn dns(
    report: &Report<'_>,
    styles: &Styles,
    name: &str,
) -> Result<Worksheet, XlsxError> {
    let rows = crate::export::dns::report_rows(report.plan, report.catalog);
    table(report, styles, name, &DNS_COLUMNS, rows)
}

/// The plan's certificates.
pub(super) fn certificates(
    report: &Report<'_>,
    styles: &Styles,
    name: &str,
) -> Result<Worksheet, XlsxError> {
    let rows = crate::export::dns::cert_rows(report.plan, report.catalog);
    table(report, styles, name, &CERT_COLUMNS, rows)
}

/// A sheet of `rows`; when there are none to write (a catalog without the pages), the reason on
/// the first row.
fn table(
    report: &Report<'_>,
    styles: &Styles,
    name: &str,
    columns: &Columns,
    rows: Result<Vec<[String; 8]>, String>,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    let rows = match rows {
        Ok(rows) => rows,
        Err(why) => {
            sheet.write_string_with_format(0, 0, cell_text(&why), &styles.warning)?;
            return Ok(sheet);
        }
    };
    header(&mut sheet, columns, rows.len(), report.lang, styles)?;
    for (n, (row, cells)) in (1..).zip(rows).enumerate() {
        let [cells @ .., title, url] = cells;
        for (col, text) in (0..).zip(cells) {
            sheet.write_string_with_format(row, col, cell_text(&text), &styles.wrap)?;
        }
        let title = cell_text(&title);
        if n < MAX_LINKS {
            sheet.write_url_with_format(
                row,
                6,
                Url::new(url.as_str()).set_text(title),
                &styles.link,
            )?;
        } else {
            sheet.write_string_with_format(row, 6, title, &styles.wrap)?;
        }
        sheet.write_string_with_format(row, 7, cell_text(&url), &styles.cell)?;
    }
    Ok(sheet)
}
