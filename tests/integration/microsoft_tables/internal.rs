//! Internal servers (Gg398833), SQL Server (Gg425818), the reverse proxy (JJ204932) and
//! Autodiscover (JJ945642).

use lync_port_planner::plan::Plan;
use lync_port_planner::topology::LbMode::{DnsAndHlb, HlbOnly, Single};
use lync_port_planner::topology::Product;

use super::{Build, Check, assert_checks, edge, rows};

/// HLB-only pools: Front End pools of four and two, Director pool of three, Mediation pool of
/// two, one Edge, a reverse proxy and internal clients.
fn hlb_only_pools() -> Plan {
    Build::new("HLB-only Front End and Director pools", Product::Lync2013)
        .node("fe", "front_end", HlbOnly, 4, &["holds_cms"])
        .node("fe2", "front_end", HlbOnly, 2, &[])
        .node("dir", "director", HlbOnly, 3, &[])
        .node("med", "mediation", HlbOnly, 2, &[])
        .node("edge", "edge", Single, 1, &["federation"])
        .node("rp", "reverse_proxy", Single, 1, &[])
        .node("clients", "internal_clients", Single, 0, &[])
        .link("fe", &["fe2", "dir", "med", "edge", "rp", "clients"])
        .link("dir", &["edge", "rp", "clients"])
        .plan()
}

/// DNS+HLB pools: Front End pools of three (CMS, collocated Mediation) and two, Director pool
/// of two, one Mediation Server, a PSTN gateway, the SQL back end, Office Web Apps, a reverse
/// proxy, internal clients; no Edge.
fn dns_pools() -> Plan {
    Build::new("DNS+HLB pools, no Edge", Product::Lync2013)
        .node(
            "fe",
            "front_end",
            DnsAndHlb,
            3,
            &["holds_cms", "collocated_mediation"],
        )
        .node("fe2", "front_end", DnsAndHlb, 2, &[])
        .node("dir", "director", DnsAndHlb, 2, &[])
        .node("med", "mediation", Single, 1, &[])
        .node("gw", "pstn_gateway", Single, 1, &[])
        .node("sql", "sql_back_end", Single, 1, &[])
        .node("owa", "office_web_apps", Single, 1, &[])
        .node("rp", "reverse_proxy", Single, 1, &[])
        .node("clients", "internal_clients", Single, 0, &[])
        .link(
            "fe",
            &["fe2", "dir", "med", "gw", "sql", "owa", "rp", "clients"],
        )
        .link("dir", &["rp", "clients"])
        .link("med", &["gw", "clients"])
        .link("owa", &["rp", "clients"])
        .plan()
}

pub fn checks() -> Vec<Check> {
    vec![
        Check::new(hlb_only_pools(), vec![rows::gg398833_hlb_only()]),
        Check::new(
            dns_pools(),
            vec![rows::gg398833_servers(), rows::gg425818(), rows::jj204932()],
        ),
        Check::new(edge::single_public(), vec![rows::jj945642()]),
    ]
}

#[test]
fn every_row_of_the_internal_server_tables_holds() {
    assert_checks(&checks());
}
