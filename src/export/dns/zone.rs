//! BIND zone files (RFC 1035 master files), one per view and zone, that `named-checkzone`
//! loads. The SOA and NS records are placeholders in `.invalid` (RFC 6761), a name that never
//! resolves: the DNS team puts its own servers there. Every name written is a checked
//! `DnsName`; no user text reaches a zone file.

use std::fmt::Write as _;

use crate::dns::{DnsName, DnsRecords, RecordData, View};

pub(super) fn render(records: &DnsRecords) -> super::Files {
    let mut files = Vec::new();
    for view in [View::Internal, View::External] {
        for zone in records.zones(view) {
            let path = format!("{}/{zone}.zone", view.as_str());
            files.push((path, zone_text(records, view, zone)));
        }
    }
    files
}

fn zone_text(records: &DnsRecords, view: View, zone: &DnsName) -> String {
    let mut out = String::new();
    let ttl = crate::dns::records::TTL;
    let _ = writeln!(
        out,
        "; {zone}: the {} view, written by Lync Port Planner",
        view.as_str()
    );
    let _ = writeln!(
        out,
        "; SOA and NS are placeholders (ns1.invalid., hostmaster.invalid.): put your own name servers there."
    );
    let _ = writeln!(out, "$ORIGIN {zone}.");
    let _ = writeln!(out, "$TTL {ttl}");
    let _ = writeln!(
        out,
        "@\tIN\tSOA\tns1.invalid. hostmaster.invalid. (1 3600 900 1209600 {ttl})"
    );
    let _ = writeln!(out, "@\tIN\tNS\tns1.invalid.");
    let mut last_page = "";
    for r in records
        .records
        .iter()
        .filter(|r| r.view == view && &r.zone == zone)
    {
        let Some(owner) = r.name.relative_to(zone) else {
            continue;
        };
        if r.page.url != last_page {
            // Page titles are the catalog's text: one line, as a comment.
            let _ = writeln!(
                out,
                "; {} <{}>",
                crate::escape::one_line(&r.page.title),
                r.page.url
            );
            last_page = &r.page.url;
        }
        let data = match &r.data {
            RecordData::A(a) => format!("A\t{a}"),
            RecordData::Aaaa(a) => format!("AAAA\t{a}"),
            RecordData::Cname(t) => format!("CNAME\t{t}."),
            RecordData::Srv {
                priority,
                weight,
                port,
                target,
            } => format!("SRV\t{priority} {weight} {port} {target}."),
        };
        let _ = writeln!(out, "{owner}\t{}\tIN\t{data}\t; {}", r.ttl, r.purpose);
    }
    out
}
