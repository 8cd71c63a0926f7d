//! The internal records as Windows DNS Server commands (the DnsServer module's
//! `Add-DnsServerResourceRecordA`, `...AAAA`, `...CName` and `Add-DnsServerResourceRecord -Srv`),
//! each value a single-quoted literal. The zones must exist; the external records are for the
//! public DNS provider (see `dns-csv` or `dns-zone`).

use std::fmt::Write as _;

use crate::dns::{DnsRecords, RecordData, View};

pub(super) fn render(records: &DnsRecords) -> String {
    let q = super::super::powershell::quote;
    let mut out = String::new();
    out.push_str("#Requires -Modules DnsServer\n");
    out.push_str("# Internal DNS records for Lync Server, written by Lync Port Planner.\n");
    out.push_str("# Run on a Windows DNS server that hosts these zones; each record cites the Microsoft page it comes from.\n");
    out.push_str("$ErrorActionPreference = 'Stop'\n");
    for r in records.records.iter().filter(|r| r.view == View::Internal) {
        let Some(owner) = r.name.relative_to(&r.zone) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n# {}: {} <{}>",
            r.purpose,
            crate::escape::one_line(&r.page.title),
            r.page.url
        );
        let common = format!(
            "-ZoneName {} -Name {} -TimeToLive ([TimeSpan]::FromSeconds({}))",
            q(r.zone.as_str()),
            q(&owner),
            r.ttl
        );
        let _ = match &r.data {
            RecordData::A(a) => writeln!(
                out,
                "Add-DnsServerResourceRecordA {common} -IPv4Address {}",
                q(&a.to_string())
            ),
            RecordData::Aaaa(a) => writeln!(
                out,
                "Add-DnsServerResourceRecordAAAA {common} -IPv6Address {}",
                q(&a.to_string())
            ),
            RecordData::Cname(t) => writeln!(
                out,
                "Add-DnsServerResourceRecordCName {common} -HostNameAlias {}",
                q(&format!("{t}."))
            ),
            RecordData::Srv {
                priority,
                weight,
                port,
                target,
            } => writeln!(
                out,
                "Add-DnsServerResourceRecord -Srv {common} -DomainName {} -Priority {priority} -Weight {weight} -Port {port}",
                q(&format!("{target}."))
            ),
        };
    }
    out
}
