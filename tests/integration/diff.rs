//! Plan diff as a change request: the rules to add and to remove between two plans.

use lync_port_planner::diff;

use crate::support::{cli, derive, example, root};

/// Going from DNS to hardware-only load balancing of the Director pool moves the rules to the
/// Director on 5061 and 444 from its servers to its VIP: each is removed and added again.
#[test]
fn dns_and_hlb_versus_hlb_only_moves_the_director_5061_and_444_rules_to_the_vip() {
    let old = derive(&example("director-pool-dns-hlb.ron")).0;
    let new = derive(&example("director-pool-hlb.ron")).0;
    let changes = diff::diff(&old, &new);
    let moved = [
        "clients-dir-sip-5061",
        "edge-dir-sip-5061",
        "fe-dir-https-444",
        "fe-dir-sip-5061",
    ];
    for (rules, endpoint) in [(&changes.removed, "server"), (&changes.added, "hlb_vip")] {
        let mut got: Vec<&str> = rules
            .iter()
            .map(lync_port_planner::rules::Rule::requirement)
            .collect();
        got.sort_unstable();
        got.dedup();
        assert_eq!(got, moved);
        assert!(rules.iter().all(|r| &*r.destination.endpoint == endpoint));
    }
    assert_eq!(
        diff::diff(&old, &old),
        diff::RuleDiff::default(),
        "a plan against itself changes nothing"
    );
}

#[test]
fn renaming_a_node_is_not_a_firewall_change() {
    let old = example("director-pool-dns-hlb.ron");
    let mut new = old.clone();
    for n in new.nodes_mut() {
        n.label = format!("{} (renamed)", n.label);
    }
    assert_eq!(
        diff::diff(&derive(&old).0, &derive(&new).0),
        diff::RuleDiff::default()
    );
}

#[test]
fn cli_diff_in_every_format() {
    let old = root().join("saved-plans/director-pool-dns-hlb.ron");
    let new = root().join("saved-plans/director-pool-hlb.ron");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let changed = cli(&["diff", old, new, "--lang", "en"]);
    // As diff(1): 1 when something changed, 0 when nothing did.
    assert_eq!(changed.status.code(), Some(1));
    assert_eq!(cli(&["diff", old, old]).status.code(), Some(0));
    let md = String::from_utf8(changed.stdout).unwrap();
    assert!(
        md.contains("## Internal firewall (perimeter - internal) - rules to add"),
        "{md}"
    );
    assert!(
        md.contains(
            "| Edge Server (172.16.10.21) | Director pool (10.10.20.10) | SIP/MTLS | TCP | 5061 |"
        ),
        "{md}"
    );
    let csv = String::from_utf8(cli(&["diff", old, new, "--format", "csv"]).stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // A header, then the four rules to the Director on 5061 and 444, added and removed.
    assert_eq!(lines.len(), 9, "{csv}");
    assert!(
        lines.contains(&"add,edge-dir-sip-5061:edge>dir,internal,Edge Server,edge,internal_interface,172.16.10.21,Director pool,director,hlb_vip,10.10.20.10,SIP/MTLS,tcp,5061")
            || lines.iter().any(|l| l.starts_with("add,edge-dir-sip-5061:edge>dir,internal,")),
        "{csv}"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("remove,")).count(), 4);
    let json: serde_json::Value =
        serde_json::from_slice(&cli(&["diff", old, new, "--format", "json"]).stdout).unwrap();
    for (side, endpoint) in [("added", "hlb_vip"), ("removed", "server")] {
        let rules = json[side].as_array().unwrap();
        assert_eq!(rules.len(), 4);
        assert!(
            rules
                .iter()
                .all(|r| r["destination"]["endpoint"] == endpoint)
        );
    }
    let out = cli(&["diff", old]);
    assert_eq!(out.status.code(), Some(2));
}
