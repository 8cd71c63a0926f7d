//! Plan diff as a change request: the rules to add and to remove between two plans.

use lync_port_planner::diff;

use crate::support::{cli, derive, example, root};

#[test]
fn dns_and_hlb_versus_hlb_only_changes_exactly_the_edge_to_director_sip_destination() {
    let old = derive(&example("director-pool-dns-hlb.ron")).0;
    let new = derive(&example("director-pool-hlb.ron")).0;
    let changes = diff::diff(&old, &new);
    assert_eq!(changes.added.len(), 1);
    assert_eq!(changes.removed.len(), 1);
    let (added, removed) = (&changes.added[0], &changes.removed[0]);
    assert_eq!(
        (added.requirement(), removed.requirement()),
        ("edge-dir-sip-5061", "edge-dir-sip-5061")
    );
    assert_eq!(
        (&*removed.destination.endpoint, &*added.destination.endpoint),
        ("server", "hlb_vip")
    );
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
    let md = String::from_utf8(cli(&["diff", old, new, "--lang", "en"]).stdout).unwrap();
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
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("add,edge-dir-sip-5061:edge>dir,internal,")
            && lines[2].starts_with("remove,")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&cli(&["diff", old, new, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["added"][0]["destination"]["endpoint"], "hlb_vip");
    assert_eq!(json["removed"][0]["destination"]["endpoint"], "server");
    let out = cli(&["diff", old]);
    assert_eq!(out.status.code(), Some(2));
}
