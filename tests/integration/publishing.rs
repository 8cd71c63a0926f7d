//! Plans with more than one reverse proxy, as a deployment with a central site per data centre
//! has: "DNS summary - Reverse proxy" records the external web services of the pools "that will
//! use this reverse proxy". Each pool uses the proxies it is linked to (the links that carry
//! the proxy's rules to it); the simple URLs and `lyncdiscover` are one set for the deployment.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use lync_port_planner::certs::{self, Installed};
use lync_port_planner::dns::{self, RecordData, View};
use lync_port_planner::plan::{Link, NameKind, Node, NodeId, Plan};
use lync_port_planner::topology::{LbMode, Zone};

use crate::dns::{member, node, plan};
use crate::support::catalog;

const LISTENER_A: &str = "131.107.155.40";
const LISTENER_B: &str = "131.107.156.40";

fn named(mut n: Node, external_web: &str) -> Node {
    n.names
        .insert(NameKind::ExternalWeb, external_web.to_owned());
    n
}

fn pool(role: &str, fqdn: &str, address: &str, external_web: &str) -> Node {
    let m = member(fqdn, &[("server", address)], &[]);
    named(
        node(role, Zone::Internal, fqdn, LbMode::Single, vec![m]),
        external_web,
    )
}

fn proxy(fqdn: &str, internal: &str, listener: &str) -> Node {
    let m = member(
        fqdn,
        &[
            ("internal_interface", internal),
            ("external_listener", listener),
        ],
        &[],
    );
    let mut n = node(
        "reverse_proxy",
        Zone::Perimeter,
        fqdn,
        LbMode::Single,
        vec![m],
    );
    n.label = format!("Proxy {fqdn}");
    n
}

/// Site A: a Front End pool, a Director and its proxy; site B: a Front End pool and its proxy;
/// a third pool published by both proxies; Office Web Apps linked to neither.
fn two_sites() -> Plan {
    let mut p = plan(
        &["contoso.com"],
        vec![
            (
                "fe-a",
                pool(
                    "front_end",
                    "poola.contoso.net",
                    "192.168.10.90",
                    "webext-a.contoso.com",
                ),
            ),
            (
                "fe-b",
                pool(
                    "front_end",
                    "poolb.contoso.net",
                    "192.168.20.90",
                    "webext-b.contoso.com",
                ),
            ),
            (
                "fe-c",
                pool(
                    "front_end",
                    "poolc.contoso.net",
                    "192.168.30.90",
                    "webext-c.contoso.com",
                ),
            ),
            (
                "dir-a",
                pool(
                    "director",
                    "dira.contoso.net",
                    "192.168.10.80",
                    "webdirext-a.contoso.com",
                ),
            ),
            (
                "owa",
                pool(
                    "office_web_apps",
                    "owa01.contoso.net",
                    "192.168.10.60",
                    "officewebapps01.contoso.com",
                ),
            ),
            ("rp-a", proxy("rpa.contoso.net", "172.25.33.40", LISTENER_A)),
            ("rp-b", proxy("rpb.contoso.net", "172.25.34.40", LISTENER_B)),
        ],
    );
    for (a, b) in [
        ("fe-a", "rp-a"),
        ("dir-a", "rp-a"),
        ("fe-b", "rp-b"),
        ("fe-c", "rp-a"),
        ("fe-c", "rp-b"),
    ] {
        p.links.push(Link::new(&NodeId::from(a), &NodeId::from(b)));
    }
    p
}

/// Each external name's A records: the addresses it resolves to.
fn external_addresses(p: &Plan) -> BTreeMap<String, BTreeSet<String>> {
    let records = dns::derive(p, &catalog()).unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &records.records {
        if r.view == View::External && matches!(r.data, RecordData::A(_)) {
            out.entry(r.name.to_string())
                .or_default()
                .insert(r.data.value());
        }
    }
    out
}

#[test]
fn each_pools_external_web_services_resolve_to_the_proxy_linked_to_it() {
    let have = external_addresses(&two_sites());
    let at = |name: &str| -> Vec<&str> {
        have.get(name)
            .unwrap_or_else(|| panic!("no A record for {name} in {have:#?}"))
            .iter()
            .map(String::as_str)
            .collect()
    };
    assert_eq!(at("webext-a.contoso.com"), [LISTENER_A]);
    assert_eq!(at("webdirext-a.contoso.com"), [LISTENER_A]);
    assert_eq!(at("webext-b.contoso.com"), [LISTENER_B]);
    // Linked to both proxies: one target, the first (a finding says so, below).
    assert_eq!(at("webext-c.contoso.com"), [LISTENER_A]);
    // Linked to no proxy: the first proxy publishes it, as with one proxy.
    assert_eq!(at("officewebapps01.contoso.com"), [LISTENER_A]);
    // One set of simple URLs and one Autodiscover name for the deployment, at the proxy of
    // the Director (site A's).
    for name in [
        "dialin.contoso.com",
        "meet.contoso.com",
        "lyncdiscover.contoso.com",
    ] {
        assert_eq!(at(name), [LISTENER_A], "{name}");
    }
}

fn proxy_sans(p: &Plan, proxy: &str) -> Vec<String> {
    let all = certs::derive(p, &catalog()).unwrap().certificates;
    let c = (all.iter())
        .find(|c| c.installed == Installed::ReverseProxy && c.node == NodeId::from(proxy))
        .unwrap_or_else(|| panic!("no certificate for {proxy}"));
    c.sans.iter().map(ToString::to_string).collect()
}

#[test]
fn each_proxys_certificate_carries_the_names_it_publishes() {
    let p = two_sites();
    // In the order of "Certificate summary - Reverse proxy": Front End pools, Directors,
    // dial-in, meet, Office Web Apps, lyncdiscover.
    assert_eq!(
        proxy_sans(&p, "rp-a"),
        [
            "webext-a.contoso.com",
            "webext-c.contoso.com",
            "webdirext-a.contoso.com",
            "dialin.contoso.com",
            "meet.contoso.com",
            "officewebapps01.contoso.com",
            "lyncdiscover.contoso.com",
        ]
    );
    assert_eq!(proxy_sans(&p, "rp-b"), ["webext-b.contoso.com"]);
}

/// "Setting up reverse proxy servers": the simple URLs go to the Director if there is one,
/// else to a pool designated for them; here, the proxy publishing the Director, else the
/// first Front End pool's proxy.
#[test]
fn simple_urls_go_to_the_proxy_of_the_director_else_the_first_front_end_pool() {
    let simple = [
        "dialin.contoso.com",
        "meet.contoso.com",
        "lyncdiscover.contoso.com",
    ];
    let mut p = two_sites();
    // The Director published by site B's proxy instead.
    p.links.retain(|l| l.a.0.as_ref() != "dir-a");
    p.links
        .push(Link::new(&NodeId::from("dir-a"), &NodeId::from("rp-b")));
    let have = external_addresses(&p);
    for name in simple {
        assert_eq!(
            have[name],
            BTreeSet::from([LISTENER_B.to_owned()]),
            "{name}"
        );
    }
    assert_eq!(
        proxy_sans(&p, "rp-b"),
        [
            "webext-b.contoso.com",
            "webdirext-a.contoso.com",
            "dialin.contoso.com",
            "meet.contoso.com",
            "lyncdiscover.contoso.com",
        ]
    );
    // A Director whose id sorts after the Front End pools still takes them.
    let dir = p.nodes.remove(&NodeId::from("dir-a")).unwrap();
    p.links.retain(|l| l.a.0.as_ref() != "dir-a");
    p.nodes.insert("zdir".into(), dir);
    p.links
        .push(Link::new(&NodeId::from("rp-b"), &NodeId::from("zdir")));
    let at = |p: &Plan, listener: &str| {
        let have = external_addresses(p);
        for name in simple {
            assert_eq!(have[name], BTreeSet::from([listener.to_owned()]), "{name}");
        }
    };
    at(&p, LISTENER_B);
    // Without a Director: the first Front End pool's proxy, here site B's (not the first
    // proxy, which a pool linked to no proxy falls back to).
    p.nodes.remove(&NodeId::from("zdir"));
    p.links.retain(|l| l.b.0.as_ref() != "zdir");
    at(&p, LISTENER_A);
    p.links
        .retain(|l| !(l.a.0.as_ref() == "fe-a" && l.b.0.as_ref() == "rp-a"));
    p.links
        .push(Link::new(&NodeId::from("fe-a"), &NodeId::from("rp-b")));
    at(&p, LISTENER_B);
}

/// Two pools the user gave one external name, at two proxies: the name keeps one target, the
/// first pool's proxy, rather than round robin across sites.
#[test]
fn a_name_two_pools_share_keeps_one_target() {
    let mut p = two_sites();
    let b = p.node_mut(&NodeId::from("fe-b")).unwrap();
    b.names
        .insert(NameKind::ExternalWeb, "webext-a.contoso.com".to_owned());
    let have = external_addresses(&p);
    assert_eq!(
        have["webext-a.contoso.com"],
        BTreeSet::from([LISTENER_A.to_owned()])
    );
    // Site B's proxy publishes nothing else, so it needs no certificate.
    let all = certs::derive(&p, &catalog()).unwrap().certificates;
    assert!(
        !all.iter().any(|c| c.node == NodeId::from("rp-b")),
        "{all:#?}"
    );
}

/// A pool linked to two proxies gets one target, and a warning that says which and why.
#[test]
fn a_pool_linked_to_two_proxies_is_a_finding() {
    let p = two_sites();
    let rules = crate::support::derive(&p).0;
    let found: Vec<String> = lync_port_planner::findings::check(&p, &catalog(), &rules)
        .into_iter()
        .filter(|f| f.kind.as_str() == "dns_mismatch" && f.message.en.contains("webext-c"))
        .map(|f| f.message.en)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("reverse proxies Proxy rpa.contoso.net, Proxy rpb.contoso.net")
            && found[0].contains("resolves to Proxy rpa.contoso.net's listener"),
        "{found:#?}"
    );
    let mut one = p.clone();
    one.links
        .retain(|l| !(l.a.0.as_ref() == "fe-c" && l.b.0.as_ref() == "rp-b"));
    let rules = crate::support::derive(&one).0;
    let left = lync_port_planner::findings::check(&one, &catalog(), &rules);
    assert!(
        !left.iter().any(|f| f.message.en.contains("webext-c")),
        "{left:#?}"
    );
}

/// A second proxy linked to nothing publishes nothing, needs no certificate, and changes
/// nothing the first one publishes.
#[test]
fn an_unlinked_second_proxy_publishes_nothing() {
    let mut p = two_sites();
    p.nodes.insert(
        "rp-z".into(),
        Arc::new(proxy("rpz.contoso.net", "172.25.35.40", "131.107.157.40")),
    );
    let before = external_addresses(&two_sites());
    assert_eq!(external_addresses(&p), before);
    let all = certs::derive(&p, &catalog()).unwrap().certificates;
    assert!(!all.iter().any(|c| c.node == NodeId::from("rp-z")));
}

/// The inspector of each proxy lists what that proxy publishes, not what the others do.
#[cfg(feature = "gui")]
#[test]
fn the_inspector_lists_each_proxys_own_names() {
    use egui_kittest::kittest::Queryable as _;
    use lync_port_planner::ui::AppOptions;

    let path = crate::support::temp_dir().join("two-sites.ron");
    let text = lync_port_planner::plan_file::to_ron(&two_sites()).unwrap();
    std::fs::write(&path, text).unwrap();
    let mut h = crate::ui::harness(AppOptions {
        plan: Some(path),
        ..AppOptions::default()
    });
    h.get_by_label("Proxy rpb.contoso.net, Reverse proxy")
        .click_accesskit();
    h.run();
    assert!(h.query_by_label_contains("Published names").is_some());
    assert!(h.query_by_label("webext-b.contoso.com").is_some());
    assert!(h.query_by_label("meet.contoso.com").is_none());
    h.get_by_label("Proxy rpa.contoso.net, Reverse proxy")
        .click_accesskit();
    h.run();
    for name in [
        "webext-a.contoso.com",
        "meet.contoso.com",
        "lyncdiscover.contoso.com",
    ] {
        assert!(h.query_by_label(name).is_some(), "{name}");
    }
    assert!(h.query_by_label("webext-b.contoso.com").is_none());
}
