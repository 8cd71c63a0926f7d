//! Exports: one file per format, each a pure function of a [`Report`] returning an [`Output`]:
//! text, the bytes of a binary file (the workbook), or several files for a folder.
//! User text (labels, names) is neutralised for each consumer; addresses and ports are validated values.

mod asa;
mod csv;
pub mod dns;
mod drawio;
mod html;
mod iptables;
mod json;
mod markdown;
mod nftables;
mod powershell;
pub(crate) mod text;
mod xlsx;

pub use csv::HEADER as CSV_HEADER;
pub use powershell::{Gpo, InvalidGpo, PolicyStore};

/// An end's addresses as one line: `any`, `a, b`, with `UNRESOLVED` when some are missing.
pub fn addresses_text(end: &crate::rules::RuleEnd) -> String {
    text::addresses(end, ", ")
}

/// User text as one line of Markdown with markup and inline HTML neutralised.
pub fn markdown_text(text: &str) -> String {
    markdown::md(text)
}

/// A rule id as a Markdown code span (other text escaped), as the Markdown export writes it.
pub fn markdown_code(text: &str) -> String {
    markdown::code(text)
}

/// A rule end's addresses as our CSV writes them (space-separated).
pub fn csv_addresses(end: &crate::rules::RuleEnd) -> String {
    text::addresses(end, " ")
}

use std::fmt;
use std::str::FromStr;

use crate::findings::Finding;
use crate::plan::Plan;
use crate::rules::RuleSet;

/// Everything an export may show.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// The plan (for names and the summary).
    pub plan: &'a Plan,
    /// The catalog (for the diagram in the HTML report).
    pub catalog: &'a crate::catalog::Catalog,
    /// The derived rules.
    pub rules: &'a RuleSet,
    /// The findings.
    pub findings: &'a [Finding],
    /// Language of notes and headings (CSV and JSON field names stay English: they are a contract).
    pub lang: crate::i18n::Lang,
}

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// RFC 4180 CSV, safe against formula injection.
    Csv,
    /// Markdown tables.
    Markdown,
    /// Self-contained HTML report.
    Html,
    /// The machine-readable rule table (DESIGN.md section 3).
    Json,
    /// `New-NetFirewallRule` commands per host.
    Powershell,
    /// An nftables ruleset file (`nft -f`).
    Nftables,
    /// An `iptables-restore` file (IPv4).
    Iptables,
    /// An `ip6tables-restore` file (IPv6).
    Ip6tables,
    /// Cisco ASA extended access-list lines.
    Asa,
    /// The diagram as a diagrams.net (draw.io) file.
    Drawio,
    /// An Excel workbook: a summary, a sheet per firewall, the findings.
    Xlsx,
}

/// What kind of output a format makes, which decides where it can go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// Text: a file, standard output or the clipboard.
    Text,
    /// The bytes of a binary file: a file, or standard output when it is not a terminal.
    Binary,
    /// Several files: a folder (`--output DIR`).
    Folder,
}

/// An export as made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Text (UTF-8).
    Text(String),
    /// The bytes of one binary file.
    Bytes(Vec<u8>),
    /// Several files: each path relative to the output folder, `/`-separated (see
    /// [`crate::atomic_write::write_folder`], which refuses a path that leaves the folder).
    Files(Vec<(String, Vec<u8>)>),
}

impl Output {
    /// The text, for a text format.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The text, for a text format.
    pub fn into_text(self) -> Option<String> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The bytes of the one file a text or binary format makes; `None` for several files.
    pub fn into_file_bytes(self) -> Option<Vec<u8>> {
        match self {
            Self::Text(text) => Some(text.into_bytes()),
            Self::Bytes(bytes) => Some(bytes),
            Self::Files(_) => None,
        }
    }
}

impl Format {
    /// True for the formats that list findings. The others carry rules only, but the firewall
    /// configs still warn at their top when the plan has error findings (CSV stays a plain
    /// table: spreadsheets and the audit read it).
    pub fn shows_findings(self) -> bool {
        matches!(self, Self::Markdown | Self::Html | Self::Json | Self::Xlsx)
    }

    /// What the format makes.
    pub fn output(self) -> OutputKind {
        match self {
            Self::Xlsx => OutputKind::Binary,
            _ => OutputKind::Text,
        }
    }

    /// Every format, in menu order.
    pub const ALL: [Self; 11] = [
        Self::Csv,
        Self::Xlsx,
        Self::Markdown,
        Self::Html,
        Self::Json,
        Self::Powershell,
        Self::Nftables,
        Self::Iptables,
        Self::Ip6tables,
        Self::Asa,
        Self::Drawio,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Json => "json",
            Self::Powershell => "powershell",
            Self::Nftables => "nftables",
            Self::Iptables => "iptables",
            Self::Ip6tables => "ip6tables",
            Self::Asa => "asa",
            Self::Drawio => "drawio",
            Self::Xlsx => "xlsx",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Json => "json",
            Self::Powershell => "ps1",
            Self::Nftables => "nft",
            Self::Iptables => "rules",
            Self::Ip6tables => "v6.rules",
            Self::Asa => "asa.txt",
            Self::Drawio => "drawio",
            Self::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The JSON text could not be written.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The workbook could not be written (a limit of Excel's, such as its 1,048,576 rows).
    #[error("cannot write the Excel workbook: {0}")]
    Xlsx(String),
    /// The DNS records could not be derived.
    #[error(transparent)]
    Dns(#[from] crate::dns::DnsError),
}

/// An unknown format name.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown export format `{name}` (expected one of: csv, markdown, html, json, powershell, nftables, iptables, ip6tables, asa, drawio, xlsx)"
)]
pub struct UnknownFormat {
    /// What was given.
    pub name: String,
}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownFormat { name: s.to_owned() })
    }
}

/// Render a report in a format.
pub fn render(format: Format, report: &Report<'_>) -> Result<Output, ExportError> {
    Ok(Output::Text(match format {
        Format::Csv => csv::render(report),
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Json => json::render(report)?,
        Format::Powershell => powershell::render(report, &PolicyStore::Local, true),
        Format::Nftables => nftables::render(report),
        Format::Iptables => iptables::render(report, true),
        Format::Ip6tables => iptables::render(report, false),
        Format::Asa => asa::render(report, None),
        Format::Drawio => drawio::render(report),
        Format::Xlsx => return Ok(Output::Bytes(xlsx::render(report, None)?)),
    }))
}

/// The export of a plan in a scope: what the CLI writes and the GUI saves, byte for byte.
pub fn export_plan(
    plan: &Plan,
    catalog: &crate::catalog::Catalog,
    format: Format,
    scope: &crate::rules::RuleScope,
    lang: crate::i18n::Lang,
) -> Result<Output, ExportError> {
    Ok(export_checked(plan, catalog, format, scope, lang)?.0)
}

/// What an export may be asked beyond format, scope and language (the CLI's options).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// PowerShell: each server's local store (default) or one GPO (`export --gpo`).
    pub store: PolicyStore,
}

/// [`export_plan`] and the number of error findings of the plan (the CLI warns about them).
pub fn export_checked(
    plan: &Plan,
    catalog: &crate::catalog::Catalog,
    format: Format,
    scope: &crate::rules::RuleScope,
    lang: crate::i18n::Lang,
) -> Result<(Output, usize), ExportError> {
    export_with(
        plan,
        catalog,
        format,
        scope,
        lang,
        &ExportOptions::default(),
    )
}

/// [`export_checked`] with [`ExportOptions`].
pub fn export_with(
    plan: &Plan,
    catalog: &crate::catalog::Catalog,
    format: Format,
    scope: &crate::rules::RuleScope,
    lang: crate::i18n::Lang,
    options: &ExportOptions,
) -> Result<(Output, usize), ExportError> {
    let rules = crate::rules::derive(plan, catalog);
    // Every format needs them: those that do not list findings still warn about errors.
    let findings = crate::findings::check(plan, catalog, &rules);
    let errors = text::errors(&findings).map_or(0, |(n, _)| n);
    // The whole table needs no filtered copy.
    let scoped;
    let rules = if *scope == crate::rules::RuleScope::All {
        &rules
    } else {
        scoped = rules.scoped(scope);
        &scoped
    };
    let report = Report {
        plan,
        catalog,
        rules,
        findings: &findings,
        lang,
    };
    let output = match (format, scope) {
        (Format::Powershell, _) => {
            // A part of the plan must not remove the rules of the other parts.
            let complete = *scope == crate::rules::RuleScope::All;
            Output::Text(powershell::render(&report, &options.store, complete))
        }
        // One of the plan's firewalls: its sheet or section alone, not those of the others its
        // rules cross.
        (Format::Xlsx, crate::rules::RuleScope::Through(_, id)) => {
            Output::Bytes(xlsx::render(&report, Some(*id))?)
        }
        (Format::Asa, crate::rules::RuleScope::Through(_, id)) => {
            Output::Text(asa::render(&report, Some(*id)))
        }
        _ => render(format, &report)?,
    };
    Ok((output, errors))
}

/// One CSV cell, quoted and neutralised against formula injection.
pub fn csv_cell(value: &str) -> String {
    csv::cell(value)
}

/// One rule of a plan for `product` as a line of our CSV export (CRLF included).
pub fn csv_row(
    rule: &crate::rules::Rule,
    product: crate::topology::Product,
    lang: crate::i18n::Lang,
) -> String {
    csv::row_text(rule, product, lang)
}

/// One rule as an object of the JSON export.
pub fn rule_json(rule: &crate::rules::Rule, lang: crate::i18n::Lang) -> serde_json::Value {
    json::rule_value(rule, lang)
}

/// Findings alone as JSON (`check --format json`).
pub fn findings_json(findings: &[Finding], lang: crate::i18n::Lang) -> Result<String, ExportError> {
    json::findings_document(findings, lang)
}

/// Any value as indented JSON text with a final newline (the diff, the catalog).
pub fn pretty_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, ExportError> {
    json::pretty(value)
}
