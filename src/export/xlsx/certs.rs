//! The workbook's Certificates sheet: the rows of the `certificates-csv` export and of the
//! reports' Certificates section, each with the Microsoft page it comes from.

use rust_xlsxwriter::{Url, Worksheet, XlsxError};

use super::{Report, Styles, cell_text, header};

const COLUMNS: [(&str, f64); 8] = [
    ("xlsx.col.installed_on", 18.0),
    ("xlsx.col.cert_subject", 36.0),
    ("xlsx.col.sans", 80.0),
    ("xlsx.col.key_usage", 14.0),
    ("xlsx.col.exportable", 10.0),
    ("xlsx.col.ca", 10.0),
    ("xlsx.col.page", 44.0),
    ("xlsx.col.page_url", 44.0),
];

/// The plan's certificates; when there are none to write (a catalog without the pages), the
/// reason on the first row.
pub(super) fn sheet(
    report: &Report<'_>,
    styles: &Styles,
    name: &str,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    let rows = match crate::export::dns::cert_rows(report.plan, report.catalog) {
        Ok(rows) => rows,
        Err(why) => {
            sheet.write_string_with_format(0, 0, cell_text(&why), &styles.warning)?;
            return Ok(sheet);
        }
    };
    header(&mut sheet, &COLUMNS, rows.len(), report.lang, styles)?;
    // A handful of certificates per plan: far below Excel's hyperlink limit.
    for (row, cert) in (1..).zip(rows) {
        let [installed, subject, sans, eku, exportable, ca, title, url] = cert;
        for (col, text) in (0..).zip([installed, subject]) {
            sheet.write_string_with_format(row, col, cell_text(&text), &styles.cell)?;
        }
        sheet.write_string_with_format(row, 2, cell_text(&sans), &styles.wrap)?;
        for (col, text) in (3..).zip([eku, exportable, ca]) {
            sheet.write_string_with_format(row, col, cell_text(&text), &styles.cell)?;
        }
        let link = Url::new(url.as_str()).set_text(cell_text(&title));
        sheet.write_url_with_format(row, 6, link, &styles.link)?;
        sheet.write_string_with_format(row, 7, cell_text(&url), &styles.cell)?;
    }
    Ok(sheet)
}
