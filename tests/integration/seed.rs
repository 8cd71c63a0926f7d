//! The seed page (JJ205179, lync-ports.md section 1): its nine table rows and the five rules its
//! prose requires, read back from the JSON export as a firewall team would consume it.

use lync_port_planner::export::Format;
use serde_json::Value;

use crate::support::{example, export};

/// (row, application, port, source role/endpoint, destination role/endpoint), from lync-ports.md 1.3 and 1.4.
const SEED_ROWS: [(&str, &str, u16, &str, &str); 14] = [
    (
        "S1-1",
        "HTTP",
        8080,
        "reverse_proxy/internal_interface",
        "director/hlb_vip",
    ),
    (
        "S1-2",
        "HTTPS",
        4443,
        "reverse_proxy/internal_interface",
        "director/hlb_vip",
    ),
    ("S1-3", "HTTPS", 444, "director/server", "front_end/server"),
    (
        "S1-4",
        "HTTP",
        80,
        "internal_clients/clients",
        "director/hlb_vip",
    ),
    (
        "S1-5",
        "HTTPS",
        443,
        "internal_clients/clients",
        "director/hlb_vip",
    ),
    (
        "S1-6",
        "SIP/MTLS",
        5061,
        "edge/internal_interface",
        "director/server",
    ),
    ("S1-7", "MTLS", 50001, "any/any", "director/server"),
    ("S1-8", "MTLS", 50002, "any/any", "director/server"),
    ("S1-9", "MTLS", 50003, "any/any", "director/server"),
    (
        "S1-X1",
        "HTTP",
        8080,
        "reverse_proxy/internal_interface",
        "front_end/hlb_vip",
    ),
    (
        "S1-X2",
        "HTTPS",
        4443,
        "reverse_proxy/internal_interface",
        "front_end/hlb_vip",
    ),
    (
        "S1-X3",
        "SIP/MTLS",
        5061,
        "edge/internal_interface",
        "front_end/server",
    ),
    (
        "S1-X4",
        "SIP/MTLS",
        5061,
        "director/server",
        "edge/internal_interface",
    ),
    (
        "S1-X5",
        "SIP/MTLS",
        5061,
        "front_end/server",
        "edge/internal_interface",
    ),
];

fn json_rules(plan: &str) -> Vec<Value> {
    let doc: Value =
        serde_json::from_str(&export(&example(plan), Format::Json)).expect("valid JSON");
    doc["rules"].as_array().expect("rules array").clone()
}

fn end(v: &Value) -> String {
    format!(
        "{}/{}",
        v["role"].as_str().unwrap(),
        v["endpoint"].as_str().unwrap()
    )
}

fn find<'a>(
    rules: &'a [Value],
    row: &str,
    app: &str,
    port: u16,
    src: &str,
    dst: &str,
) -> &'a Value {
    let hits: Vec<&Value> = rules
        .iter()
        .filter(|r| {
            r["application"] == app
                && r["transport"] == "tcp"
                && r["port_from"] == port
                && r["port_to"] == port
                && end(&r["source"]) == src
                && end(&r["destination"]) == dst
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{row}: expected exactly one {app} {port} {src} -> {dst}, found {}",
        hits.len()
    );
    hits[0]
}

#[test]
fn seed_export_has_the_nine_table_rows_and_five_prose_rules() {
    let rules = json_rules("director-pool-dns-hlb.ron");
    for (row, app, port, src, dst) in SEED_ROWS {
        let rule = find(&rules, row, app, port, src, dst);
        let refs: Vec<&str> = rule["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        // A rule cites the page of its topology: the Director rows this Director page; the
        // rows its prose adds between other roles, the pages of those roles.
        if src.starts_with("director") || dst.starts_with("director") {
            assert!(refs.contains(&"JJ205179"), "{row} cites its page: {refs:?}");
        } else {
            assert!(
                !refs.is_empty() && !refs.contains(&"JJ205179"),
                "{row}: {refs:?}"
            );
        }
    }
}

#[test]
fn seed_rules_resolve_to_the_plan_addresses() {
    let rules = json_rules("director-pool-dns-hlb.ron");
    let addrs = |v: &Value| -> Vec<String> {
        v["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect()
    };
    let web = find(
        &rules,
        "S1-1",
        "HTTP",
        8080,
        "reverse_proxy/internal_interface",
        "director/hlb_vip",
    );
    assert_eq!(addrs(&web["destination"]), ["10.10.20.10"]);
    assert_eq!(web["firewall"], "internal");
    let sip = find(
        &rules,
        "S1-6",
        "SIP/MTLS",
        5061,
        "edge/internal_interface",
        "director/server",
    );
    assert_eq!(addrs(&sip["destination"]), ["10.10.20.11", "10.10.20.12"]);
    let cls = find(&rules, "S1-7", "MTLS", 50001, "any/any", "director/server");
    assert_eq!(addrs(&cls["source"]), ["any"]);
    assert_eq!(cls["firewall"], "host");
}

/// (requirement, source endpoint, destination endpoint) of every rule.
fn shape(plan: &str) -> Vec<(String, String, String)> {
    json_rules(plan)
        .iter()
        .map(|r| {
            (
                r["requirement"].as_str().unwrap().to_owned(),
                end(&r["source"]),
                end(&r["destination"]),
            )
        })
        .collect()
}

/// With hardware load balancing only, the Director's load balancer also carries SIP 5061 and
/// HTTPS 444 (Gg398833's port list), so exactly the rules to the Director on those ports move
/// from the servers to the VIP: from the Edge, the Front End pool and the internal clients.
#[test]
fn hlb_only_director_moves_its_5061_and_444_rules_to_the_vip() {
    let dns = shape("director-pool-dns-hlb.ron");
    let hlb = shape("director-pool-hlb.ron");
    let only_dns: Vec<_> = dns.iter().filter(|r| !hlb.contains(r)).collect();
    let only_hlb: Vec<_> = hlb.iter().filter(|r| !dns.contains(r)).collect();
    let to_director = |req: &str, from: &str, to: &str| {
        (req.to_owned(), from.to_owned(), format!("director/{to}"))
    };
    let moved = [
        ("clients-dir-sip-5061", "internal_clients/clients"),
        ("edge-dir-sip-5061", "edge/internal_interface"),
        ("fe-dir-https-444", "front_end/server"),
        ("fe-dir-sip-5061", "front_end/server"),
    ];
    let expect = |to: &str| -> Vec<_> {
        moved
            .iter()
            .map(|(req, from)| to_director(req, from, to))
            .collect()
    };
    let sorted = |mut v: Vec<&(String, String, String)>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    assert_eq!(sorted(only_dns), expect("server"));
    assert_eq!(sorted(only_hlb), expect("hlb_vip"));
}

#[test]
fn single_director_targets_the_server_everywhere() {
    let rules = json_rules("single-director.ron");
    let to_director: Vec<&Value> = rules
        .iter()
        .filter(|r| r["destination"]["role"] == "director")
        .collect();
    assert!(to_director.len() >= 9, "the nine S2 rows at least");
    for r in to_director {
        assert_eq!(r["destination"]["endpoint"], "server", "{}", r["id"]);
    }
}
