//! The plan's DNS records (`dns::derive`) as a table (`dns-csv`), a Windows DNS Server script
//! for the internal zones (`dns-powershell`) and BIND zone files, one per view and zone
//! (`dns-zone`).

mod csv;
mod powershell;
mod zone;

use std::fmt;
use std::str::FromStr;

use crate::catalog::Catalog;
use crate::plan::Plan;

/// A DNS export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DnsFormat {
    /// The records as CSV, one row per record.
    Csv,
    /// `Add-DnsServerResourceRecord*` commands for the internal zones.
    Powershell,
    /// BIND zone files, `internal/ZONE.zone` and `external/ZONE.zone`.
    Zone,
}

impl DnsFormat {
    /// Every DNS format.
    pub const ALL: [Self; 3] = [Self::Csv, Self::Powershell, Self::Zone];

    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "dns-csv",
            Self::Powershell => "dns-powershell",
            Self::Zone => "dns-zone",
        }
    }

    /// True for the format written as several files into a folder.
    pub fn is_folder(self) -> bool {
        self == Self::Zone
    }
}

impl fmt::Display for DnsFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DnsFormat {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|f| f.as_str() == s).ok_or(())
    }
}

/// A zone export's files: relative path (`/`-separated, never leaving the folder) and text.
pub(super) type Files = Vec<(String, String)>;

/// The DNS export of a plan: text, or for `dns-zone` the zone files of a folder.
pub fn export_dns(
    plan: &Plan,
    catalog: &Catalog,
    format: DnsFormat,
) -> Result<super::Output, super::ExportError> {
    let records = crate::dns::derive(plan, catalog)?;
    Ok(match format {
        DnsFormat::Csv => super::Output::Text(csv::render(&records)),
        DnsFormat::Powershell => super::Output::Text(powershell::render(&records)),
        DnsFormat::Zone => super::Output::Files(
            (zone::render(&records).into_iter())
                .map(|(path, text)| (path, text.into_bytes()))
                .collect(),
        ),
    })
}

/// What the format makes: text, or a folder of zone files.
impl DnsFormat {
    pub fn output(self) -> super::OutputKind {
        if self.is_folder() {
            super::OutputKind::Folder
        } else {
            super::OutputKind::Text
        }
    }

    /// The usual file extension of a text format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Powershell => "ps1",
            Self::Zone => "",
        }
    }
}

/// One record as the reports show it: view, zone, name, type, value (an SRV record's priority,
/// weight, port and target), purpose, page title, page address.
pub(super) type ReportRow = [String; 8];

/// The plan's records for the HTML and Markdown reports (every text a checked name, one of
/// ours or the catalog's), or why there are none.
pub(super) fn report_rows(plan: &Plan, catalog: &Catalog) -> Result<Vec<ReportRow>, String> {
    let records = crate::dns::derive(plan, catalog).map_err(|e| e.to_string())?;
    Ok(records
        .records
        .iter()
        .map(|r| {
            let value = match &r.data {
                crate::dns::RecordData::Srv {
                    priority,
                    weight,
                    port,
                    target,
                } => format!("{priority} {weight} {port} {target}"),
                d => d.value(),
            };
            [
                r.view.as_str().to_owned(),
                r.zone.to_string(),
                r.name.to_string(),
                r.data.type_name().to_owned(),
                value,
                r.purpose.to_owned(),
                r.page.title.clone(),
                r.page.url.clone(),
            ]
        })
        .collect())
}
