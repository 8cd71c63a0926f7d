//! DNS records: Microsoft's DNS summary pages, row by row, in plans built here in each page's
//! topology with the page's example names and addresses; the names a plan sets or leaves to
//! Microsoft's defaults; and every export read by its consumer (named-checkzone for the zone
//! files, tree-sitter-powershell for the script, Python's csv module for the table).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use lync_port_planner::dns::{self, DnsRecords, RecordData, View};
use lync_port_planner::plan::{Member, NameKind, Node, NodeId, Plan};
use lync_port_planner::topology::{Addressing, LbMode, Zone};

use crate::support::{catalog, cli, example_paths, require_tool, root, temp_dir, write_temp};

/// A member with addresses (and NAT public addresses) by endpoint kind.
pub(crate) fn member(name: &str, addresses: &[(&str, &str)], nat: &[(&str, &str)]) -> Member {
    let map = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, a)| ((*k).into(), a.parse().unwrap()))
            .collect()
    };
    Member {
        name: name.to_owned(),
        addresses: map(addresses),
        nat: map(nat),
    }
}

pub(crate) fn node(role: &str, zone: Zone, fqdn: &str, lb: LbMode, members: Vec<Member>) -> Node {
    Node {
        role: role.into(),
        label: role.to_owned(),
        position: lync_port_planner::plan::CanvasPoint::default(),
        zone,
        fqdn: fqdn.to_owned(),
        lb,
        addressing: Addressing::Public,
        members,
        vips: BTreeMap::new(),
        networks: Vec::new(),
        flags: BTreeSet::new(),
        names: BTreeMap::new(),
    }
}

pub(crate) fn plan(domains: &[&str], nodes: Vec<(&str, Node)>) -> Plan {
    let mut plan = Plan::new("dns");
    plan.names.sip_domains = domains.iter().map(|d| (*d).to_owned()).collect();
    for (id, n) in nodes {
        plan.nodes.insert(NodeId::from(id), Arc::new(n));
    }
    plan
}

fn records(plan: &Plan) -> DnsRecords {
    dns::derive(plan, &catalog()).unwrap()
}

/// A record as a page's row reads: location, name, type (with the port for SRV), value.
fn rows(records: &DnsRecords) -> BTreeMap<(View, String, String, String), String> {
    records
        .records
        .iter()
        .map(|r| {
            let kind = match &r.data {
                RecordData::Srv { port, .. } => format!("SRV/{port}"),
                d => d.type_name().to_owned(),
            };
            (
                (r.view, r.name.to_string(), kind, r.data.value()),
                r.page.title.clone(),
            )
        })
        .collect()
}

/// Every row of `expected` is a record citing `title`.
fn require(records: &DnsRecords, title: &str, expected: &[(&str, &str, &str, &str)]) {
    let have = rows(records);
    for (location, name, kind, value) in expected {
        let view = match *location {
            "Internal DNS" => View::Internal,
            "External DNS" => View::External,
            other => panic!("location {other}"),
        };
        let key = (
            view,
            (*name).to_owned(),
            (*kind).to_owned(),
            (*value).to_owned(),
        );
        let cited = have.get(&key).unwrap_or_else(|| {
            panic!("missing {location}/{kind} {name} -> {value}; have {have:#?}")
        });
        assert_eq!(cited, title, "{name}");
    }
}

/// An Edge in a page's topology with the page's example addresses.
fn edge(lb: LbMode, addressing: Addressing, members: Vec<Member>) -> Node {
    let mut n = node("edge", Zone::Perimeter, "lsedge.contoso.net", lb, members);
    n.addressing = addressing;
    n
}

fn front_end() -> Node {
    node(
        "front_end",
        Zone::Internal,
        "pool01.contoso.net",
        LbMode::Single,
        vec![member("pool01", &[("server", "192.168.10.90")], &[])],
    )
}

/// "DNS summary - Single consolidated edge with public IP addresses": its table, its federation
/// table and its XMPP table (the XMPP proxy's A record points at the Access Edge service).
#[test]
fn single_consolidated_edge_with_public_addresses() {
    let mut e = edge(
        LbMode::Single,
        Addressing::Public,
        vec![member(
            "lsedge",
            &[
                ("internal_interface", "172.25.33.10"),
                ("access_edge", "131.107.155.10"),
                ("webconf_edge", "131.107.155.20"),
                ("av_edge", "131.107.155.30"),
            ],
            &[],
        )],
    );
    e.flags.insert("xmpp".to_owned());
    let p = plan(&["contoso.com"], vec![("edge", e), ("fe", front_end())]);
    require(
        &records(&p),
        "DNS summary - Single consolidated edge with public IP addresses",
        &[
            ("External DNS", "sip.contoso.com", "A", "131.107.155.10"),
            ("External DNS", "webcon.contoso.com", "A", "131.107.155.20"),
            ("External DNS", "av.contoso.com", "A", "131.107.155.30"),
            (
                "External DNS",
                "_sip._tls.contoso.com",
                "SRV/443",
                "sip.contoso.com",
            ),
            (
                "External DNS",
                "_sipfederationtls._tcp.contoso.com",
                "SRV/5061",
                "sip.contoso.com",
            ),
            ("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.10"),
            (
                "External DNS",
                "_xmpp-server._tcp.contoso.com",
                "SRV/5269",
                "xmpp.contoso.com",
            ),
            ("External DNS", "xmpp.contoso.com", "A", "131.107.155.10"),
        ],
    );
}

/// "... with private IP addresses using NAT": the external records carry the public addresses
/// NAT maps onto the private ones (10.45.16.x on the interface).
#[test]
fn single_consolidated_edge_behind_nat_publishes_the_public_addresses() {
    let e = edge(
        LbMode::Single,
        Addressing::Nat,
        vec![member(
            "lsedge",
            &[
                ("internal_interface", "172.25.33.10"),
                ("access_edge", "10.45.16.10"),
                ("webconf_edge", "10.45.16.20"),
                ("av_edge", "10.45.16.30"),
            ],
            &[
                ("access_edge", "131.107.155.10"),
                ("webconf_edge", "131.107.155.20"),
                ("av_edge", "131.107.155.30"),
            ],
        )],
    );
    let r = records(&plan(
        &["contoso.com"],
        vec![("edge", e), ("fe", front_end())],
    ));
    require(
        &r,
        "DNS summary - Single consolidated edge with private IP addresses using NAT",
        &[
            ("External DNS", "sip.contoso.com", "A", "131.107.155.10"),
            ("External DNS", "webcon.contoso.com", "A", "131.107.155.20"),
            ("External DNS", "av.contoso.com", "A", "131.107.155.30"),
            (
                "External DNS",
                "_sip._tls.contoso.com",
                "SRV/443",
                "sip.contoso.com",
            ),
            ("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.10"),
        ],
    );
    assert!(
        r.records
            .iter()
            .all(|x| !x.data.value().starts_with("10.45.16.")),
        "a private address published"
    );
}

/// "... Scaled consolidated edge, DNS load balancing with public IP addresses": `131.107.155.10
/// and 131.107.155.11`, one record per server for each service and the internal pool FQDN.
#[test]
fn scaled_edge_with_dns_load_balancing() {
    let m = |n: &str, last: u8| {
        member(
            n,
            &[
                ("internal_interface", &format!("172.25.33.{}", 10 + last)),
                ("access_edge", &format!("131.107.155.{}", 10 + last)),
                ("webconf_edge", &format!("131.107.155.{}", 20 + last)),
                ("av_edge", &format!("131.107.155.{}", 30 + last)),
            ],
            &[],
        )
    };
    let e = edge(
        LbMode::Dns,
        Addressing::Public,
        vec![m("edge01", 0), m("edge02", 1)],
    );
    let r = records(&plan(
        &["contoso.com"],
        vec![("edge", e), ("fe", front_end())],
    ));
    let title = "Lync Server 2013: DNS summary - Scaled consolidated edge, DNS load balancing with public IP addresses";
    let mut rows = Vec::new();
    for (name, a, b) in [
        ("sip.contoso.com", "131.107.155.10", "131.107.155.11"),
        ("webcon.contoso.com", "131.107.155.20", "131.107.155.21"),
        ("av.contoso.com", "131.107.155.30", "131.107.155.31"),
    ] {
        rows.push(("External DNS", name, "A", a));
        rows.push(("External DNS", name, "A", b));
    }
    rows.push(("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.10"));
    rows.push(("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.11"));
    require(&r, title, &rows);
    // DNS load balancing also needs each server's own name (Gg398634).
    require(
        &r,
        "Lync Server 2013: DNS load balancing",
        &[
            ("Internal DNS", "edge01.contoso.net", "A", "172.25.33.10"),
            ("Internal DNS", "edge02.contoso.net", "A", "172.25.33.11"),
        ],
    );
}

/// "... Scaled consolidated edge, DNS load balancing with private IP addresses using NAT": each
/// server's public NAT address (10.45.16.x on the interfaces), the internal interfaces inside.
#[test]
fn scaled_edge_with_dns_load_balancing_behind_nat() {
    let m = |n: &str, last: u8| {
        member(
            n,
            &[
                ("internal_interface", &format!("172.25.33.{}", 10 + last)),
                ("access_edge", &format!("10.45.16.{}", 10 + last)),
                ("webconf_edge", &format!("10.45.16.{}", 20 + last)),
                ("av_edge", &format!("10.45.16.{}", 30 + last)),
            ],
            &[
                ("access_edge", &format!("131.107.155.{}", 10 + last)),
                ("webconf_edge", &format!("131.107.155.{}", 20 + last)),
                ("av_edge", &format!("131.107.155.{}", 30 + last)),
            ],
        )
    };
    let e = edge(
        LbMode::Dns,
        Addressing::Nat,
        vec![m("edge01", 0), m("edge02", 1)],
    );
    let r = records(&plan(
        &["contoso.com"],
        vec![("edge", e), ("fe", front_end())],
    ));
    let title = "Lync Server 2013: DNS summary - Scaled consolidated edge, DNS load balancing with private IP addresses using NAT";
    require(
        &r,
        title,
        &[
            ("External DNS", "sip.contoso.com", "A", "131.107.155.10"),
            ("External DNS", "sip.contoso.com", "A", "131.107.155.11"),
            ("External DNS", "webcon.contoso.com", "A", "131.107.155.20"),
            ("External DNS", "webcon.contoso.com", "A", "131.107.155.21"),
            ("External DNS", "av.contoso.com", "A", "131.107.155.30"),
            ("External DNS", "av.contoso.com", "A", "131.107.155.31"),
            (
                "External DNS",
                "_sip._tls.contoso.com",
                "SRV/443",
                "sip.contoso.com",
            ),
            (
                "External DNS",
                "_sipfederationtls._tcp.contoso.com",
                "SRV/5061",
                "sip.contoso.com",
            ),
            ("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.10"),
            ("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.11"),
        ],
    );
}

/// "DNS summary - Scaled consolidated edge with hardware load balancers": one record per VIP.
#[test]
fn scaled_edge_behind_hardware_load_balancers_publishes_the_vips() {
    let m = |n: &str, last: u8| {
        member(
            n,
            &[
                ("internal_interface", &format!("172.25.33.{}", 11 + last)),
                ("access_edge", &format!("131.107.155.{}", 11 + last)),
                ("webconf_edge", &format!("131.107.155.{}", 21 + last)),
                ("av_edge", &format!("131.107.155.{}", 31 + last)),
            ],
            &[],
        )
    };
    let mut e = edge(
        LbMode::HlbOnly,
        Addressing::Public,
        vec![m("edge01", 0), m("edge02", 1)],
    );
    for (k, a) in [
        ("internal_vip", "172.25.33.10"),
        ("access_edge_vip", "131.107.155.10"),
        ("webconf_edge_vip", "131.107.155.20"),
        ("av_edge_vip", "131.107.155.30"),
    ] {
        e.vips.insert(k.into(), a.parse().unwrap());
    }
    let r = records(&plan(
        &["contoso.com"],
        vec![("edge", e), ("fe", front_end())],
    ));
    require(
        &r,
        "DNS summary - Scaled consolidated edge with hardware load balancers",
        &[
            ("External DNS", "sip.contoso.com", "A", "131.107.155.10"),
            ("External DNS", "webcon.contoso.com", "A", "131.107.155.20"),
            ("External DNS", "av.contoso.com", "A", "131.107.155.30"),
            (
                "External DNS",
                "_sip._tls.contoso.com",
                "SRV/443",
                "sip.contoso.com",
            ),
            ("Internal DNS", "lsedge.contoso.net", "A", "172.25.33.10"),
        ],
    );
    let sip: Vec<String> = (r.records.iter())
        .filter(|x| x.name.as_str() == "sip.contoso.com" && x.view == View::External)
        .map(|x| x.data.value())
        .collect();
    assert_eq!(sip, ["131.107.155.10"], "only the VIP");
}

/// A Director (pool) as the three Director DNS summary pages have it: its own host records,
/// the pool FQDN, `sip` inside, and the simple URLs and its external web services on the VIP.
fn director(lb: LbMode) -> Plan {
    let members = if lb == LbMode::Single {
        vec![member("dir01", &[("server", "192.168.10.41")], &[])]
    } else {
        vec![
            member("dir01", &[("server", "192.168.10.41")], &[]),
            member("dir02", &[("server", "192.168.10.42")], &[]),
        ]
    };
    let fqdn = if lb == LbMode::Single {
        "dir01.contoso.net"
    } else {
        "dirpool01.contoso.net"
    };
    let mut d = node("director", Zone::Internal, fqdn, lb, members);
    if lb != LbMode::Single {
        d.vips
            .insert("hlb_vip".into(), "192.168.10.40".parse().unwrap());
    }
    d.names.insert(
        NameKind::ExternalWeb,
        "webdirexternal.contoso.com".to_owned(),
    );
    plan(&["contoso.com"], vec![("dir", d), ("fe", front_end())])
}

#[test]
fn single_director() {
    let title = "Lync Server 2013: DNS summary - Single Director";
    let d = "192.168.10.41";
    require(
        &records(&director(LbMode::Single)),
        title,
        &[
            ("Internal DNS", "dir01.contoso.net", "A", d),
            ("Internal DNS", "sip.contoso.com", "A", d),
            ("Internal DNS", "dialin.contoso.com", "A", d),
            ("Internal DNS", "meet.contoso.com", "A", d),
            ("Internal DNS", "webdirexternal.contoso.com", "A", d),
        ],
    );
}

#[test]
fn director_pool_dns_and_hardware_load_balanced() {
    let title = "Lync Server 2013: DNS summary - DNS and HLB load balanced";
    let vip = "192.168.10.40";
    require(
        &records(&director(LbMode::DnsAndHlb)),
        title,
        &[
            ("Internal DNS", "dir01.contoso.net", "A", "192.168.10.41"),
            // "Director pool": DNS load balanced, so every Director.
            (
                "Internal DNS",
                "dirpool01.contoso.net",
                "A",
                "192.168.10.41",
            ),
            (
                "Internal DNS",
                "dirpool01.contoso.net",
                "A",
                "192.168.10.42",
            ),
            ("Internal DNS", "sip.contoso.com", "A", "192.168.10.41"),
            ("Internal DNS", "sip.contoso.com", "A", "192.168.10.42"),
            ("Internal DNS", "dialin.contoso.com", "A", vip),
            ("Internal DNS", "meet.contoso.com", "A", vip),
            ("Internal DNS", "webdirexternal.contoso.com", "A", vip),
        ],
    );
}

#[test]
fn director_pool_behind_a_hardware_load_balancer() {
    let title = "Lync Server 2013: DNS summary - Scaled Director pool, hardware load balancer";
    let vip = "192.168.10.40";
    let r = records(&director(LbMode::HlbOnly));
    require(
        &r,
        title,
        &[
            ("Internal DNS", "dir01.contoso.net", "A", "192.168.10.41"),
            ("Internal DNS", "dirpool01.contoso.net", "A", vip),
            ("Internal DNS", "sip.contoso.com", "A", vip),
            ("Internal DNS", "dialin.contoso.com", "A", vip),
            ("Internal DNS", "meet.contoso.com", "A", vip),
            ("Internal DNS", "webdirexternal.contoso.com", "A", vip),
        ],
    );
    let pool: Vec<String> = (r.records.iter())
        .filter(|x| x.name.as_str() == "dirpool01.contoso.net")
        .map(|x| x.data.value())
        .collect();
    assert_eq!(pool, [vip]);
}

/// "DNS summary - Reverse proxy": the published names on the listener, with the Director's and
/// the Front End pool's external web services both published ("not an either ... or decision").
#[test]
fn reverse_proxy_publishes_every_external_name() {
    let mut p = director(LbMode::Single);
    let dir = p.node_mut(&NodeId::from("dir")).unwrap();
    dir.names
        .insert(NameKind::ExternalWeb, "webdirext.contoso.com".to_owned());
    let rp = node(
        "reverse_proxy",
        Zone::Perimeter,
        "rp01.contoso.net",
        LbMode::Single,
        vec![member(
            "rp01",
            &[
                ("internal_interface", "172.25.33.40"),
                ("external_listener", "131.107.155.40"),
            ],
            &[],
        )],
    );
    let owa = node(
        "office_web_apps",
        Zone::Internal,
        "owa01.contoso.net",
        LbMode::Single,
        vec![member("owa01", &[("server", "192.168.10.60")], &[])],
    );
    p.nodes.insert("rp".into(), Arc::new(rp));
    p.nodes.insert("owa".into(), Arc::new(owa));
    let listener = "131.107.155.40";
    require(
        &records(&p),
        "Lync Server 2013: DNS summary - Reverse proxy",
        &[
            ("External DNS", "webext.contoso.com", "A", listener),
            ("External DNS", "webdirext.contoso.com", "A", listener),
            ("External DNS", "dialin.contoso.com", "A", listener),
            ("External DNS", "meet.contoso.com", "A", listener),
            ("External DNS", "officewebapps01.contoso.com", "A", listener),
            ("External DNS", "lyncdiscover.contoso.com", "A", listener),
        ],
    );
}

/// "DNS requirements for Front End pool": the DNS load balanced pool FQDN on every Front End
/// Server, each server's own record, `lsweb` on the VIP for web traffic, the simple URLs, and
/// the sign-in SRV record; "DNS requirements for automatic client sign-in": one SRV record per
/// SIP domain (contoso.com and retail.contoso.com) to the pool; "DNS requirements for
/// mobility": `lyncdiscoverinternal` to the internal web services FQDN.
#[test]
fn front_end_pool_sign_in_and_mobility() {
    let mut fe = node(
        "front_end",
        Zone::Internal,
        "pool01.contoso.com",
        LbMode::DnsAndHlb,
        ["fe01", "fe02", "fe03"]
            .iter()
            .enumerate()
            .map(|(i, n)| member(n, &[("server", &format!("192.168.10.{}", 91 + i))], &[]))
            .collect(),
    );
    fe.vips
        .insert("hlb_vip".into(), "192.168.10.90".parse().unwrap());
    fe.names
        .insert(NameKind::InternalWeb, "lsweb.contoso.com".to_owned());
    let p = plan(&["contoso.com", "retail.contoso.com"], vec![("fe", fe)]);
    let r = records(&p);
    let pool_page = "Lync Server 2013: DNS requirements for Front End pool";
    let vip = "192.168.10.90";
    require(
        &r,
        pool_page,
        &[
            ("Internal DNS", "pool01.contoso.com", "A", "192.168.10.91"),
            ("Internal DNS", "pool01.contoso.com", "A", "192.168.10.92"),
            ("Internal DNS", "pool01.contoso.com", "A", "192.168.10.93"),
            ("Internal DNS", "fe01.contoso.com", "A", "192.168.10.91"),
            ("Internal DNS", "fe02.contoso.com", "A", "192.168.10.92"),
            ("Internal DNS", "fe03.contoso.com", "A", "192.168.10.93"),
            ("Internal DNS", "lsweb.contoso.com", "A", vip),
            ("Internal DNS", "sip.contoso.com", "A", "192.168.10.91"),
            (
                "Internal DNS",
                "sip.retail.contoso.com",
                "A",
                "192.168.10.91",
            ),
        ],
    );
    require(
        &r,
        "Lync Server 2013: DNS requirements for simple URLs",
        &[
            ("Internal DNS", "dialin.contoso.com", "A", vip),
            ("Internal DNS", "meet.contoso.com", "A", vip),
            ("Internal DNS", "meet.retail.contoso.com", "A", vip),
            ("Internal DNS", "admin.contoso.com", "A", vip),
        ],
    );
    require(
        &r,
        "Lync Server 2013: DNS requirements for automatic client sign-in",
        &[
            (
                "Internal DNS",
                "_sipinternaltls._tcp.contoso.com",
                "SRV/5061",
                "pool01.contoso.com",
            ),
            (
                "Internal DNS",
                "_sipinternaltls._tcp.retail.contoso.com",
                "SRV/5061",
                "pool01.contoso.com",
            ),
        ],
    );
    require(
        &r,
        "Lync Server 2013: DNS requirements for mobility",
        &[
            (
                "Internal DNS",
                "lyncdiscoverinternal.contoso.com",
                "CNAME",
                "lsweb.contoso.com",
            ),
            (
                "Internal DNS",
                "lyncdiscoverinternal.retail.contoso.com",
                "CNAME",
                "lsweb.contoso.com",
            ),
        ],
    );
}

/// A plan that sets no names gets Microsoft's, below the domain its FQDNs share; one that sets
/// them gets its own; a name that is not a DNS name is left out of every record.
#[test]
fn names_default_to_microsofts_below_the_plans_domain() {
    let seed = crate::support::example("director-pool-dns-hlb.ron");
    let names = dns::resolve(&seed);
    assert_eq!(names.sip_domains[0].as_str(), "northwind.net");
    let edge = &names.nodes[&NodeId::from("edge")];
    assert_eq!(edge.access[0].text, "sip.northwind.net");
    assert_eq!(
        edge.get(NameKind::Webconf).unwrap().as_str(),
        "webcon.northwind.net"
    );
    assert_eq!(edge.get(NameKind::Av).unwrap().as_str(), "av.northwind.net");
    let fe = &names.nodes[&NodeId::from("fe")];
    assert_eq!(
        fe.get(NameKind::ExternalWeb).unwrap().as_str(),
        "webext.northwind.net"
    );
    // DNS load balanced: the web services need a name of their own.
    assert_eq!(
        fe.get(NameKind::InternalWeb).unwrap().as_str(),
        "pool01-web.corp.northwind.net"
    );
    let dir = &names.nodes[&NodeId::from("dir")];
    assert_eq!(
        dir.get(NameKind::ExternalWeb).unwrap().as_str(),
        "webdirext.northwind.net"
    );
    assert_eq!(names.dialin.text, "dialin.northwind.net");
    assert!(names.invalid.is_empty(), "{:?}", names.invalid);

    let mut bad = seed.clone();
    bad.names.sip_domains = vec!["north wind.net".to_owned(), "northwind.net".to_owned()];
    bad.names.meet = "meet.northwind.net\n$(rm -rf /)".to_owned();
    let r = records(&bad);
    assert_eq!(r.names.invalid.len(), 2, "{:?}", r.names.invalid);
    assert!(r.records.iter().all(|x| !x.name.as_str().contains(' ')));
    assert!(
        r.records
            .iter()
            .all(|x| x.name.as_str() != "meet.northwind.net")
    );
}

/// Every record of every example cites one of Microsoft's pages, by title and address.
#[test]
fn every_record_cites_a_microsoft_page() {
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
        let r = records(&plan);
        assert!(!r.records.is_empty(), "{}", path.display());
        for x in &r.records {
            assert_eq!(
                lync_port_planner::catalog::published_url(
                    &catalog().source(&x.page.id).unwrap().path
                )
                .as_deref(),
                Some(x.page.url.as_str())
            );
            assert!(!x.page.title.is_empty());
        }
    }
}

/// `named-checkzone` (BIND 9) loads every zone file of every example plan and of the page
/// plans above, each file named after its zone in its view's folder.
#[test]
fn named_checkzone_accepts_every_zone_of_every_example() {
    if !require_tool("named-checkzone") {
        return;
    }
    let mut plans: Vec<std::path::PathBuf> = example_paths();
    // An IPv6 Director: AAAA records.
    let mut v6 = director(LbMode::Single);
    v6.node_mut(&NodeId::from("dir")).unwrap().members[0]
        .addresses
        .insert("server".into(), "2001:db8:10::41".parse().unwrap());
    assert!(
        rows(&records(&v6)).contains_key(&(
            View::Internal,
            "sip.contoso.com".to_owned(),
            "AAAA".to_owned(),
            "2001:db8:10::41".to_owned()
        )),
        "AAAA"
    );
    for (name, p) in [
        ("director-single", director(LbMode::Single)),
        ("director-hlb", director(LbMode::HlbOnly)),
        ("director-v6", v6),
    ] {
        let text = lync_port_planner::plan_file::to_ron(&p).unwrap();
        plans.push(write_temp(&format!("{name}.ron"), text.as_bytes()));
    }
    let mut checked = 0;
    for path in plans {
        let out = temp_dir().join("zones");
        let run = cli(&[
            "export",
            path.to_str().unwrap(),
            "--format",
            "dns-zone",
            "--output",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        for view in ["internal", "external"] {
            let Ok(dir) = std::fs::read_dir(out.join(view)) else {
                continue;
            };
            for file in dir {
                let file = file.unwrap().path();
                let zone = file.file_stem().unwrap().to_str().unwrap().to_owned();
                let check = std::process::Command::new("named-checkzone")
                    .args([zone.as_str(), file.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(
                    check.status.success(),
                    "{}: {}{}",
                    file.display(),
                    String::from_utf8_lossy(&check.stdout),
                    std::fs::read_to_string(&file).unwrap()
                );
                checked += 1;
            }
        }
        assert!(out.join("internal").is_dir(), "{}", path.display());
    }
    assert!(checked >= 16, "{checked}");
}

/// The zone files of the seed plan: internal and external views, the SIP domain split from
/// the servers' domains.
#[test]
fn zone_files_are_one_per_view_and_zone() {
    let out = temp_dir().join("seed-zones");
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let run = cli(&[
        "export",
        seed.to_str().unwrap(),
        "--format",
        "dns-zone",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    for file in [
        "internal/northwind.net.zone",
        "internal/corp.northwind.net.zone",
        "internal/perimeter.northwind.net.zone",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let internal = std::fs::read_to_string(out.join("internal/northwind.net.zone")).unwrap();
    assert!(
        internal
            .contains("_sipinternaltls._tcp\t3600\tIN\tSRV\t0 0 5061 pool01.corp.northwind.net."),
        "{internal}"
    );
    // Without an --output folder the zone files have nowhere to go.
    let no_dir = cli(&["export", seed.to_str().unwrap(), "--format", "dns-zone"]);
    assert_eq!(no_dir.status.code(), Some(2));
}

/// The script for the internal zones parses with tree-sitter-powershell and runs only the DNS
/// Server cmdlets, every value a single-quoted literal.
#[test]
fn dns_powershell_parses_and_runs_only_dns_cmdlets() {
    for path in example_paths() {
        let run = cli(&[
            "export",
            path.to_str().unwrap(),
            "--format",
            "dns-powershell",
        ]);
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        let text = String::from_utf8(run.stdout).unwrap();
        let (commands, variables) = crate::powershell::parse(&path.display().to_string(), &text);
        let allowed: BTreeSet<String> = [
            "Add-DnsServerResourceRecordA",
            "Add-DnsServerResourceRecordAAAA",
            "Add-DnsServerResourceRecordCName",
            "Add-DnsServerResourceRecord",
        ]
        .map(str::to_owned)
        .into();
        assert!(commands.is_subset(&allowed), "{commands:?}");
        assert!(commands.contains("Add-DnsServerResourceRecordA"));
        assert!(
            variables.iter().all(|v| v == "$ErrorActionPreference"),
            "{variables:?}"
        );
        assert!(text.contains("Add-DnsServerResourceRecord -Srv -ZoneName 'northwind.net' -Name '_sipinternaltls._tcp'"), "{text}");
    }
}

/// The table as Python's csv module reads it: a header, one row per record.
#[test]
fn dns_csv_is_one_row_per_record() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let run = cli(&["export", seed.to_str().unwrap(), "--format", "dns-csv"]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let text = String::from_utf8(run.stdout).unwrap();
    let plan = crate::support::example("director-pool-dns-hlb.ron");
    let count = records(&plan).records.len();
    let csv = write_temp("dns.csv", text.as_bytes());
    let py = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv,sys\nrows=list(csv.DictReader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\nprint(len(rows), rows[0]['view'], sorted(set(r['type'] for r in rows)), all(r['page_url'].startswith('https://learn.microsoft.com/') for r in rows))",
            csv.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(py.status.success(), "{py:?}");
    let said = String::from_utf8_lossy(&py.stdout);
    assert_eq!(
        said.trim(),
        format!("{count} internal ['A', 'CNAME', 'SRV'] True"),
        "{text}"
    );
}

/// The format version 3 fixture sets names: they load, save byte for byte and are the ones
/// the records use (the Access Edge's own name for both SIP domains' SRV records).
#[test]
fn format_version_3_fixture_keeps_its_names() {
    let path = root().join("tests/fixtures/format-v3.ron");
    let text = crate::support::read(&path);
    let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
    assert_eq!(
        plan.names.sip_domains,
        ["northwind.net", "retail.northwind.net"]
    );
    assert_eq!(lync_port_planner::plan_file::to_ron(&plan).unwrap(), text);
    let r = records(&plan);
    let names = &r.names.nodes[&NodeId::from("fe")];
    assert_eq!(
        names.get(NameKind::ExternalWeb).unwrap().as_str(),
        "lyncweb.northwind.net"
    );
    let t = "DNS summary - Single consolidated edge with public IP addresses";
    require(
        &r,
        t,
        &[
            ("External DNS", "access.northwind.net", "A", "203.0.113.10"),
            ("External DNS", "webcon.northwind.net", "A", "203.0.113.11"),
            ("External DNS", "media.northwind.net", "A", "203.0.113.12"),
            (
                "External DNS",
                "_sip._tls.northwind.net",
                "SRV/443",
                "access.northwind.net",
            ),
            (
                "External DNS",
                "_sip._tls.retail.northwind.net",
                "SRV/443",
                "access.northwind.net",
            ),
        ],
    );
    require(
        &r,
        "Lync Server 2013: DNS requirements for simple URLs",
        &[("Internal DNS", "conf.northwind.net", "A", "10.40.30.11")],
    );
}

/// Versions 1 and 2 open as version 3 with Microsoft's default names; a version 2 file that
/// holds names (which version 2 did not have) is refused at its version.
#[test]
fn older_formats_migrate_and_cannot_hold_names() {
    for v in ["format-v1.ron", "format-v2.ron"] {
        let plan =
            lync_port_planner::plan_file::load(&root().join("tests/fixtures").join(v), &catalog())
                .unwrap();
        assert_eq!(plan.format_version, 3);
        assert!(plan.names.is_empty() && plan.nodes.values().all(|n| n.names.is_empty()));
        assert_eq!(dns::resolve(&plan).sip_domains[0].as_str(), "northwind.net");
    }
    let v3 = crate::support::read(&root().join("tests/fixtures/format-v3.ron"));
    let as_v2 = v3.replacen("format_version: 3,", "format_version: 2,", 1);
    let err = lync_port_planner::plan_file::from_ron(&as_v2, "old.ron", &catalog())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("old.ron:2:5: names are format version 3"),
        "{err}"
    );
    // A name kind the role does not have is refused where it is.
    let wrong = v3.replacen("external_web: ", "access: ", 1);
    let err = lync_port_planner::plan_file::from_ron(&wrong, "w.ron", &catalog())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("role `front_end` has no name `access`"),
        "{err}"
    );
}

/// A name that is not a DNS name is an `invalid_name` warning on its node (or the plan), its
/// text quoted on one line; Microsoft's sample names among the names are placeholders, and a
/// plan with nothing to derive a SIP domain from says it uses `contoso.com`.
#[test]
fn bad_and_sample_names_are_findings() {
    let mut p = crate::support::example("single-edge-public.ron");
    let edge = p.node_mut(&NodeId::from("edge")).unwrap();
    edge.names
        .insert(NameKind::Av, "av.northwind.net\nWARNING: forged".to_owned());
    edge.names
        .insert(NameKind::Webconf, "webcon.contoso.com".to_owned());
    p.names.dialin = "dial_in.northwind.net".to_owned();
    let (_, findings) = crate::support::derive(&p);
    let kinds = |kind: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.kind.as_str() == kind)
            .map(|f| f.message.en.clone())
            .collect()
    };
    let invalid = kinds("invalid_name");
    assert_eq!(invalid.len(), 2, "{invalid:?}");
    assert!(invalid.iter().all(|m| !m.contains('\n')), "{invalid:?}");
    assert!(
        invalid
            .iter()
            .any(|m| m.contains("names.av") && m.contains("character")),
        "{invalid:?}"
    );
    assert!(
        invalid
            .iter()
            .any(|m| m.contains("names.dialin") && m.contains("'_'")),
        "{invalid:?}"
    );
    assert!(
        kinds("placeholder")
            .iter()
            .any(|m| m.contains("contoso") && m.contains("names.webconf")),
        "{findings:?}"
    );
    // The records leave the bad names out; the others stay.
    let r = records(&p);
    assert!(
        r.records
            .iter()
            .all(|x| !x.name.as_str().starts_with("av."))
    );
    assert!(
        r.records
            .iter()
            .any(|x| x.name.as_str() == "webcon.contoso.com")
    );

    let mut bare = p.clone();
    bare.names = lync_port_planner::plan::PlanNames::default();
    for n in bare.nodes_mut() {
        n.fqdn.clear();
        n.names.clear();
    }
    let (_, findings) = crate::support::derive(&bare);
    assert!(
        findings
            .iter()
            .any(|f| f.kind.as_str() == "placeholder" && f.message.en.contains("contoso.com")),
        "{findings:?}"
    );
}

/// DNS and the firewall plan disagree: a NAT'd Edge without its public addresses cannot publish
/// `sip`, `webcon` and `av` (one `dns_mismatch` per service, naming the names, the SRV records
/// to `sip` not said again); giving the public addresses clears them; a published name whose
/// listener no rule reaches on 443 is one too.
#[test]
fn dns_mismatch_names_what_dns_cannot_publish() {
    let seed = crate::support::example("director-pool-dns-hlb.ron");
    let mismatches = |plan: &Plan, rules: &lync_port_planner::rules::RuleSet| -> Vec<String> {
        lync_port_planner::findings::check(plan, &catalog(), rules)
            .into_iter()
            .filter(|f| f.kind.as_str() == "dns_mismatch")
            .map(|f| f.message.en)
            .collect()
    };
    let rules = crate::support::derive(&seed).0;
    let found = mismatches(&seed, &rules);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found
            .iter()
            .any(|m| m.contains("sip.northwind.net") && m.contains("access_edge")),
        "{found:#?}"
    );
    let mut fixed = seed.clone();
    let edge = fixed.node_mut(&NodeId::from("edge")).unwrap();
    for (k, a) in [
        ("access_edge", "198.51.100.21"),
        ("webconf_edge", "198.51.100.22"),
        ("av_edge", "198.51.100.23"),
    ] {
        edge.members[0].nat.insert(k.into(), a.parse().unwrap());
    }
    let rules = crate::support::derive(&fixed).0;
    assert_eq!(mismatches(&fixed, &rules), Vec::<String>::new());
    // With the public addresses, the external sign-in and federation records are there.
    require(
        &records(&fixed),
        "DNS summary - Single consolidated edge with private IP addresses using NAT",
        &[
            ("External DNS", "sip.northwind.net", "A", "198.51.100.21"),
            (
                "External DNS",
                "_sip._tls.northwind.net",
                "SRV/443",
                "sip.northwind.net",
            ),
        ],
    );
    let mut unreached = rules.clone();
    unreached
        .rules
        .retain(|r| &*r.destination.endpoint != "external_listener");
    let found = mismatches(&fixed, &unreached);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("lyncdiscover.northwind.net") && found[0].contains("TCP 443"));
}

/// The HTML and Markdown reports carry the records as a section, each linking its page.
#[test]
fn reports_have_a_dns_section() {
    let seed = crate::support::example("director-pool-dns-hlb.ron");
    let md = crate::support::export(&seed, lync_port_planner::export::Format::Markdown);
    assert!(md.contains("\n## DNS records\n"), "{md}");
    assert!(md.contains("| internal | northwind.net | \\_sipinternaltls.\\_tcp.northwind.net | SRV | 0 0 5061 pool01.corp.northwind.net |") || md.contains("_sipinternaltls._tcp.northwind.net | SRV | 0 0 5061"), "{md}");
    assert!(md.contains("[Lync Server 2013: DNS requirements for automatic client sign-in](https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-dns-requirements-for-automatic-client-sign-in)"));
    let html = crate::support::export(&seed, lync_port_planner::export::Format::Html);
    assert!(html.contains("<h2>DNS records</h2>"));
    assert!(
        html.contains("<td>lyncdiscoverinternal.northwind.net</td><td>CNAME</td>"),
        "{html}"
    );
}

/// Hostile text in every kind of name never reaches the zone files, the script or the table:
/// each is an `invalid_name` finding, and every export still loads in its consumer.
#[test]
fn hostile_names_never_reach_a_zone_script_or_table() {
    let mut p = crate::support::example("director-pool-dns-hlb.ron");
    p.names.sip_domains = vec![
        "x'; Remove-Item -Recurse C:\\ #.net".to_owned(),
        "northwind.net".to_owned(),
    ];
    p.names.meet = "meet.northwind.net\n@ IN NS evil.example.".to_owned();
    p.names.dialin = "$(whoami).northwind.net".to_owned();
    p.names.admin = "\u{202E}ten.dniwhtron.nimda".to_owned();
    let edge = p.node_mut(&NodeId::from("edge")).unwrap();
    edge.names.insert(
        NameKind::Access,
        "sip.northwind.net. IN A 6.6.6.6".to_owned(),
    );
    edge.names
        .insert(NameKind::Av, "../../etc/passwd.net".to_owned());
    p.node_mut(&NodeId::from("dir")).unwrap().members[0].name = "dir01;reboot".to_owned();
    let (_, findings) = crate::support::derive(&p);
    let invalid = findings
        .iter()
        .filter(|f| f.kind.as_str() == "invalid_name")
        .count();
    assert_eq!(invalid, 7, "{findings:#?}");
    let path = write_temp(
        "hostile.ron",
        lync_port_planner::plan_file::to_ron(&p).unwrap().as_bytes(),
    );
    let fragments = [
        "Remove-Item",
        "whoami",
        "evil",
        "6.6.6.6",
        "passwd",
        "reboot",
        "\u{202E}",
    ];
    let clean = |label: &str, text: &str| {
        for f in fragments {
            assert!(!text.contains(f), "{label}: `{f}` in {text}");
        }
    };
    for format in ["dns-csv", "dns-powershell"] {
        let run = cli(&["export", path.to_str().unwrap(), "--format", format]);
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        let text = String::from_utf8(run.stdout).unwrap();
        clean(format, &text);
        if format == "dns-powershell" {
            crate::powershell::parse(format, &text);
        }
    }
    let out = temp_dir().join("hostile-zones");
    let run = cli(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "dns-zone",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    for view in ["internal", "external"] {
        for file in std::fs::read_dir(out.join(view)).unwrap() {
            let file = file.unwrap().path();
            clean("zone", &std::fs::read_to_string(&file).unwrap());
            if require_tool("named-checkzone") {
                let zone = file.file_stem().unwrap().to_str().unwrap().to_owned();
                let check = std::process::Command::new("named-checkzone")
                    .args([zone.as_str(), file.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(check.status.success(), "{}", file.display());
            }
        }
    }
}

/// A catalog file without the DNS pages still derives firewall rules; the DNS exports fail
/// with one line naming the pages, and the reports say why their DNS section is empty.
#[test]
fn a_catalog_without_the_dns_pages_says_so() {
    let full = lync_port_planner::catalog::BUILTIN_RON;
    let start = full
        .find("        // DNS records (src/dns) cite these pages.")
        .unwrap();
    let end = start + full[start..].find("    ],\n    conflicts: [").unwrap();
    let without = format!("{}{}", &full[..start], &full[end..]);
    let catalog = write_temp("no-dns-catalog.ron", without.as_bytes());
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let run = |format: &str| {
        cli(&[
            "export",
            seed.to_str().unwrap(),
            "--format",
            format,
            "--catalog",
            catalog.to_str().unwrap(),
        ])
    };
    let dns = run("dns-csv");
    assert_eq!(dns.status.code(), Some(2), "{dns:?}");
    let err = String::from_utf8_lossy(&dns.stderr);
    assert!(
        err.contains("none of Microsoft's pages") && err.lines().count() == 1,
        "{err}"
    );
    let md = run("markdown");
    assert_eq!(md.status.code(), Some(0), "{md:?}");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("## DNS records\n\nthe catalog has none of Microsoft"),
        "{md}"
    );
}

/// Every file of a folder, by path relative to it.
pub(crate) fn folder_files(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The window's Export menu offers the DNS and certificate formats; zone files and certificate
/// requests go to a folder and the others to a file, each byte for byte what `export` writes.
#[cfg(feature = "gui")]
#[test]
fn the_window_exports_dns_records_as_the_cli_writes_them() {
    use egui_kittest::kittest::Queryable as _;
    use lync_port_planner::export::OutputKind;
    use lync_port_planner::export::dns::DnsFormat;
    use lync_port_planner::ui::command::Command;
    use lync_port_planner::ui::export_menu::{ExportKind, ExportRequest};
    use lync_port_planner::ui::{AppOptions, DialogKind};
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let mut h = crate::ui::harness(AppOptions {
        plan: Some(seed.clone()),
        ..AppOptions::default()
    });
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("DNS zone files (folder)...").click();
    h.run();
    let request = match (
        h.state_mut().pending_export.take(),
        h.state_mut().dialogs.requested.take(),
    ) {
        (Some((request, _)), _) | (None, Some(DialogKind::Export(request))) => request,
        other => panic!("no export asked for: {other:?}"),
    };
    assert_eq!(request.kind, ExportKind::Dns(DnsFormat::Zone));
    assert_eq!(request.kind.output(), OutputKind::Folder);
    let dir = temp_dir();
    for format in DnsFormat::ALL {
        let (gui, cli_out) = if format.is_folder() {
            (
                dir.join(format!("gui-{format}")),
                dir.join(format!("cli-{format}")),
            )
        } else {
            (
                dir.join(format!("gui.{}", format.extension())),
                dir.join(format!("cli.{}", format.extension())),
            )
        };
        h.state_mut().push(Command::ExportTo {
            request: ExportRequest {
                kind: ExportKind::Dns(format),
                ..request.clone()
            },
            path: gui.clone(),
        });
        h.run();
        assert!(!h.state().status.is_error, "{}", h.state().status.text);
        let args = [
            "export",
            seed.to_str().unwrap(),
            "--format",
            format.as_str(),
            "--output",
            cli_out.to_str().unwrap(),
        ];
        let run = cli(&args);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        if format.is_folder() {
            let files = folder_files(&gui);
            assert!(
                format != DnsFormat::Zone
                    || files.keys().any(|k| k.starts_with("internal/"))
                        && files.keys().any(|k| k.starts_with("external/")),
                "{:?}",
                files.keys()
            );
            assert!(!files.is_empty(), "{format}");
            assert_eq!(files, folder_files(&cli_out), "{format}");
        } else {
            assert_eq!(
                std::fs::read(&gui).unwrap(),
                std::fs::read(&cli_out).unwrap(),
                "{format}"
            );
        }
    }
}

/// An Edge set to public addressing but given private addresses would have external DNS
/// publish them: one warning per address, naming the names, whose fix opens that address.
/// Public and documentation addresses, and a NAT'd Edge's public NAT addresses, are fine.
#[test]
fn external_records_at_private_edge_addresses_are_a_warning() {
    let text = std::fs::read_to_string(root().join("saved-plans/single-edge-public.ron")).unwrap();
    let private = text
        .replace("203.0.113.10", "172.16.2.10")
        .replace("203.0.113.11", "fd00::11")
        .replace("203.0.113.12", "100.64.0.12");
    let warnings = |text: &str| -> Vec<lync_port_planner::findings::Finding> {
        let plan = lync_port_planner::plan_file::from_ron(text, "edge.ron", &catalog()).unwrap();
        let (_, findings) = crate::support::derive(&plan);
        (findings.into_iter())
            .filter(|f| f.message.en.contains("Internet clients cannot reach"))
            .collect()
    };
    assert!(warnings(&text).is_empty());
    let found = warnings(&private);
    let texts: Vec<&str> = found.iter().map(|f| f.message.en.as_str()).collect();
    assert_eq!(found.len(), 3, "{texts:#?}");
    for (name, address) in [
        ("sip.northwind.net", "172.16.2.10"),
        ("webcon.northwind.net", "fd00::11"),
        ("av.northwind.net", "100.64.0.12"),
    ] {
        assert!(
            texts
                .iter()
                .any(|t| t.contains(name) && t.contains(&format!(" at {address},"))),
            "{name}: {texts:#?}"
        );
    }
    // Each fix opens the address it names.
    let mut endpoints: Vec<String> = (found.iter())
        .map(|f| match &f.fix {
            Some(lync_port_planner::findings::Fix::EditAddress {
                field: lync_port_planner::findings::NodeField::Addresses,
                endpoint,
                ..
            }) => endpoint.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    endpoints.sort();
    assert_eq!(endpoints, ["access_edge", "av_edge", "webconf_edge"]);
    for path in example_paths() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(warnings(&text).is_empty(), "{}", path.display());
    }
    // The exact field: the second server's address of a DNS-balanced pool; a NAT'd Edge's
    // public NAT address, not its private one.
    let member = |file: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(root().join("saved-plans").join(file)).unwrap();
        assert!(text.contains(from), "{from}");
        let found = warnings(&text.replace(from, to));
        assert_eq!(found.len(), 1, "{file}");
        match &found[0].fix {
            Some(lync_port_planner::findings::Fix::EditAddress { member, .. }) => *member,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        member("scaled-edge-dns.ron", "198.51.100.51", "10.9.9.51"),
        Some((1, false))
    );
    assert_eq!(
        member("single-edge-nat.ron", "203.0.113.22", "10.9.9.22"),
        Some((0, true))
    );
}
