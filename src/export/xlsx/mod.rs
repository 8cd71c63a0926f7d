//! An Excel workbook for a firewall team: a summary, one sheet per firewall of the plan with the
//! columns of Microsoft's Planning Tool's Firewall report (and one for the host rules), and the
//! findings, and the plan's DNS records and certificates as the DNS and PKI teams get them. Every cell is written as a string or a number, never a formula; user text is one
//! line (`escape::one_line`), so no control or bidi character reaches a cell. The same plan
//! gives the same bytes: the document's creation time is a constant, not the clock.

mod handoff;
mod names;
mod sheets;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline,
    Workbook, Worksheet, XlsxError,
};

use super::{ExportError, Report};
use crate::findings::Severity;
use crate::i18n::{tr, trf};
use crate::plan::FirewallId;
use names::SheetNames;

/// Excel's limit on the characters in a cell.
const MAX_CELL: usize = 32_767;

/// The workbook of `report`; with `only`, the sheet of that firewall of the plan alone.
pub(super) fn render(
    report: &Report<'_>,
    only: Option<FirewallId>,
) -> Result<Vec<u8>, ExportError> {
    workbook(report, only).map_err(|e| ExportError::Xlsx(e.to_string()))
}

/// The cell formats the sheets share.
struct Styles {
    title: Format,
    warning: Format,
    header: Format,
    cell: Format,
    wrap: Format,
    unresolved: Format,
    link: Format,
}

impl Styles {
    fn new() -> Self {
        let cell = Format::new().set_align(FormatAlign::Top);
        Self {
            title: Format::new().set_bold().set_font_size(14),
            warning: Format::new()
                .set_bold()
                .set_font_color(Color::RGB(0x00A4_0000)),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00EE_F1F5))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Top),
            wrap: cell.clone().set_text_wrap(),
            unresolved: cell
                .clone()
                .set_text_wrap()
                .set_background_color(Color::RGB(0x00FF_E3E3)),
            link: cell
                .clone()
                .set_font_color(Color::RGB(0x0000_56B3))
                .set_underline(FormatUnderline::Single),
            cell,
        }
    }
}

fn workbook(report: &Report<'_>, only: Option<FirewallId>) -> Result<Vec<u8>, XlsxError> {
    let lang = report.lang;
    let styles = Styles::new();
    let mut names = SheetNames::default();
    let mut book = Workbook::new();
    let title = trf(lang, "report.title", &[("plan", &report.rules.plan)]);
    book.set_properties(
        &DocProperties::new()
            .set_title(crate::escape::bounded(&title, 255))
            .set_author("Lync Port Planner")
            // A constant, so that the same plan gives the same bytes.
            .set_creation_datetime(&ExcelDateTime::from_ymd(2013, 1, 1)?),
    );
    let sheets = sheets::sheets(report, only);
    // Our own sheets' names first: a firewall named "Summary" gets "Summary (2)".
    let summary_name = names.unique(tr(lang, "xlsx.summary"), "Summary");
    let findings_name = names.unique(tr(lang, "report.findings"), "Findings");
    let dns_name = names.unique(tr(lang, "report.dns"), "DNS records");
    let certs_name = names.unique(tr(lang, "report.certs"), "Certificates");
    let firewall_names: Vec<String> = (sheets.iter())
        .map(|s| names.unique(&s.title, "Firewall"))
        .collect();
    book.push_worksheet(summary(report, &sheets, &styles, &summary_name)?);
    for (sheet, name) in sheets.iter().zip(&firewall_names) {
        book.push_worksheet(sheets::rule_sheet(report, sheet, &styles, name)?);
    }
    book.push_worksheet(findings(report, &styles, &findings_name)?);
    book.push_worksheet(handoff::dns(report, &styles, &dns_name)?);
    book.push_worksheet(handoff::certificates(report, &styles, &certs_name)?);
    book.save_to_buffer()
}

/// User text as a cell holds it: one line, within Excel's limit.
fn cell_text(text: &str) -> String {
    crate::escape::bounded(text, MAX_CELL - 1)
}

/// A header row: frozen, with a filter over it and the rows below.
fn header(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    rows: usize,
    lang: crate::i18n::Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let last = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    for (col, (key, width)) in (0..).zip(columns) {
        sheet.write_string_with_format(0, col, tr(lang, key), &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last_row, last)?;
    Ok(())
}

fn summary(
    report: &Report<'_>,
    sheets: &[sheets::Sheet<'_>],
    styles: &Styles,
    name: &str,
) -> Result<Worksheet, XlsxError> {
    let lang = report.lang;
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    sheet.set_column_width(0, 44)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 12)?;
    sheet.set_column_width(3, 12)?;
    let title = trf(lang, "report.title", &[("plan", &report.rules.plan)]);
    sheet.write_string_with_format(0, 0, cell_text(&title), &styles.title)?;
    if let Some((n, kinds)) = super::text::errors(report.findings) {
        let n = n.to_string();
        let banner = trf(
            lang,
            "export.errors_banner",
            &[("n", &n), ("kinds", &kinds)],
        );
        sheet.write_string_with_format(1, 0, format!("⚠ {banner}"), &styles.warning)?;
    }
    // The facts start on the same row with or without the warning line.
    let mut row = 3;
    let facts = [
        ("xlsx.summary.plan", report.rules.plan.as_str()),
        ("xlsx.summary.product", report.plan.product.name()),
        ("xlsx.summary.catalog", report.rules.catalog.as_str()),
    ];
    for (key, value) in facts {
        sheet.write_string_with_format(row, 0, tr(lang, key), &styles.header)?;
        sheet.write_string(row, 1, cell_text(value))?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, tr(lang, "xlsx.summary.rules"), &styles.header)?;
    sheet.write_number(row, 1, count(report.rules.rules.len()))?;
    row += 2;
    for (col, key) in (0..).zip([
        "xlsx.col.firewall",
        "xlsx.col.rules",
        "xlsx.col.inbound",
        "xlsx.col.outbound",
    ]) {
        sheet.write_string_with_format(row, col, tr(lang, key), &styles.header)?;
    }
    row += 1;
    for s in sheets {
        sheet.write_string(row, 0, cell_text(&s.title))?;
        sheet.write_number(row, 1, count(s.rules.len()))?;
        if s.firewall.is_some() {
            sheet.write_number(row, 2, count(s.inbound()))?;
            sheet.write_number(row, 3, count(s.rules.len() - s.inbound()))?;
        }
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, tr(lang, "xlsx.col.severity"), &styles.header)?;
    sheet.write_string_with_format(row, 1, tr(lang, "xlsx.col.count"), &styles.header)?;
    row += 1;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = (report.findings.iter())
            .filter(|f| f.severity == severity)
            .count();
        sheet.write_string(row, 0, severity.as_str())?;
        sheet.write_number(row, 1, count(n))?;
        row += 1;
    }
    Ok(sheet)
}

/// Columns of the findings sheet: heading and width.
const FINDING_COLUMNS: [(&str, f64); 4] = [
    ("xlsx.col.severity", 10.0),
    ("xlsx.col.kind", 24.0),
    ("xlsx.col.subject", 40.0),
    ("xlsx.col.message", 100.0),
];

fn findings(report: &Report<'_>, styles: &Styles, name: &str) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    header(
        &mut sheet,
        &FINDING_COLUMNS,
        report.findings.len(),
        report.lang,
        styles,
    )?;
    for (row, f) in (1..).zip(report.findings) {
        sheet.write_string_with_format(row, 0, f.severity.as_str(), &styles.cell)?;
        sheet.write_string_with_format(row, 1, f.kind.as_str(), &styles.cell)?;
        sheet.write_string_with_format(row, 2, cell_text(&f.subject.to_string()), &styles.cell)?;
        sheet.write_string_with_format(
            row,
            3,
            cell_text(f.message.get(report.lang)),
            &styles.wrap,
        )?;
    }
    Ok(sheet)
}

/// A count as a number cell (exact: counts are far below 2^53).
fn count(n: usize) -> f64 {
    u32::try_from(n).map_or(f64::from(u32::MAX), f64::from)
}
