//! The handoff to the DNS and certificate teams. The plan's DNS records (`dns::derive`) as a
//! table (`dns-csv`), a Windows DNS Server script for the internal zones (`dns-powershell`)
//! and BIND zone files, one per view and zone (`dns-zone`); its certificates (`certs::derive`)
//! as a table (`certificates-csv`), OpenSSL request configurations (`cert-openssl`) and
//! Windows `certreq` INF files (`certreq`), one per certificate.

pub mod certificates;
mod csv;
mod powershell;
mod requests;
mod zone;

use std::fmt;
use std::str::FromStr;

use crate::catalog::Catalog;
use crate::plan::Plan;

/// A DNS or certificate export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DnsFormat {
    /// The records as CSV, one row per record.
    Csv,
    /// `Add-DnsServerResourceRecord*` commands for the internal zones.
    Powershell,
    /// BIND zone files, `internal/ZONE.zone` and `external/ZONE.zone`.
    Zone,
    /// The certificates as CSV, one row per certificate.
    CertificatesCsv,
    /// One OpenSSL request configuration per certificate.
    CertOpenssl,
    /// One Windows `certreq` INF file per certificate.
    Certreq,
}

impl DnsFormat {
    /// Every DNS format.
    pub const ALL: [Self; 6] = [
        Self::Csv,
        Self::Powershell,
        Self::Zone,
        Self::CertificatesCsv,
        Self::CertOpenssl,
        Self::Certreq,
    ];

    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "dns-csv",
            Self::Powershell => "dns-powershell",
            Self::Zone => "dns-zone",
            Self::CertificatesCsv => "certificates-csv",
            Self::CertOpenssl => "cert-openssl",
            Self::Certreq => "certreq",
        }
    }

    /// True for the format written as several files into a folder.
    pub fn is_folder(self) -> bool {
        matches!(self, Self::Zone | Self::CertOpenssl | Self::Certreq)
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
        if s == "certificates" {
            // DESIGN.md's name for the table.
            return Ok(Self::CertificatesCsv);
        }
        Self::ALL.into_iter().find(|f| f.as_str() == s).ok_or(())
    }
}

/// A zone export's files: relative path (`/`-separated, never leaving the folder) and text.
pub(super) type Files = Vec<(String, String)>;

/// The DNS or certificate export of a plan: text, or the files of a folder.
pub fn export_dns(
    plan: &Plan,
    catalog: &Catalog,
    format: DnsFormat,
) -> Result<super::Output, super::ExportError> {
    let files = |files: Files| {
        super::Output::Files(
            (files.into_iter())
                .map(|(path, text)| (path, text.into_bytes()))
                .collect(),
        )
    };
    if matches!(
        format,
        DnsFormat::CertificatesCsv | DnsFormat::CertOpenssl | DnsFormat::Certreq
    ) {
        let certs = crate::certs::derive(plan, catalog)?;
        return Ok(match format {
            DnsFormat::CertOpenssl => files(requests::openssl(&certs)),
            DnsFormat::Certreq => files(requests::certreq(&certs)),
            _ => super::Output::Text(certificates::render(&certs)),
        });
    }
    let records = crate::dns::derive(plan, catalog)?;
    Ok(match format {
        DnsFormat::Csv => super::Output::Text(csv::render(&records)),
        DnsFormat::Powershell => super::Output::Text(powershell::render(&records)),
        DnsFormat::Zone => files(zone::render(&records)),
        _ => super::Output::Text(certificates::render(&crate::certs::derive(plan, catalog)?)),
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
            Self::Csv | Self::CertificatesCsv => "csv",
            Self::Powershell => "ps1",
            Self::Zone | Self::CertOpenssl | Self::Certreq => "",
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

/// One certificate as the reports show it: installed on, subject, SANs, key usage,
/// exportable key, CA, page title, page address.
pub(super) type CertRow = [String; 8];

/// The plan's certificates for the HTML and Markdown reports (every name a checked one), or
/// why there are none.
pub(super) fn cert_rows(plan: &Plan, catalog: &Catalog) -> Result<Vec<CertRow>, String> {
    let certs = crate::certs::derive(plan, catalog).map_err(|e| e.to_string())?;
    Ok((certs.certificates.iter())
        .map(|c| {
            let [installed, _, subject, sans, eku, exportable, ca, title, url] =
                certificates::cells(c);
            [
                installed,
                subject,
                sans.replace(' ', ", "),
                eku,
                exportable,
                ca,
                title,
                url,
            ]
        })
        .collect())
}
