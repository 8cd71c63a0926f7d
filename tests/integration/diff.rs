//! Plan diff as a change request: the rules to add and to remove between two plans.

use lync_port_planner::diff;

use crate::support::{cli, derive, example, root};

/// Going from DNS to hardware-only load balancing of the Director pool moves the rules to the
/// Director on 5061 and 444 from its servers to its VIP: each is one change of its destination,
/// not a removal and an addition.
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
    assert!(
        changes.added.is_empty() && changes.removed.is_empty(),
        "{changes:?}"
    );
    let mut got: Vec<&str> = (changes.changed.iter())
        .map(|(_, new)| new.requirement())
        .collect();
    got.sort_unstable();
    got.dedup();
    assert_eq!(got, moved);
    for (before, after) in &changes.changed {
        assert_eq!(before.id(), after.id());
        assert_eq!(before.firewall, after.firewall);
        assert_eq!(&*before.destination.endpoint, "server");
        assert_eq!(&*after.destination.endpoint, "hlb_vip");
    }
    assert_eq!(
        diff::diff(&old, &old),
        diff::RuleDiff::default(),
        "a plan against itself changes nothing"
    );
}

/// A rule that is new on a firewall, or gone from it, is still an addition or a removal.
#[test]
fn a_new_link_is_added_and_a_dropped_link_removed() {
    let old = example("director-pool-dns-hlb.ron");
    let mut new = old.clone();
    let dropped = new.links.remove(0);
    let changes = diff::diff(&derive(&old).0, &derive(&new).0);
    assert!(
        changes.added.is_empty() && changes.changed.is_empty(),
        "{changes:?}"
    );
    assert!(!changes.removed.is_empty());
    assert!(changes.removed.iter().all(|r| {
        let ends = [r.source.node.as_ref(), r.destination.node.as_ref()];
        ends.contains(&Some(&dropped.a)) && ends.contains(&Some(&dropped.b))
    }));
    let back = diff::diff(&derive(&new).0, &derive(&old).0);
    assert_eq!(back.added.len(), changes.removed.len());
    assert!(back.removed.is_empty() && back.changed.is_empty());
}

/// A hand-written rule's id is its place on its link: another port or another rule in that place
/// is a removal and an addition, not a "change" that would hide the old port.
#[test]
fn a_custom_rule_with_another_port_is_removed_and_added() {
    use lync_port_planner::plan::CustomRule;
    let mut old = example("director-pool-dns-hlb.ron");
    let link = &mut old.links[0];
    let rule = CustomRule {
        name: "monitoring".to_owned(),
        from: link.a.clone(),
        application: "HTTPS".to_owned(),
        transport: lync_port_planner::net::Transport::Tcp,
        ports: "8443".parse().unwrap(),
    };
    link.custom.push(rule.clone());
    let mut new = old.clone();
    new.links[0].custom[0].ports = "9443".parse().unwrap();
    let changes = diff::diff(&derive(&old).0, &derive(&new).0);
    assert!(changes.changed.is_empty(), "{:?}", changes.changed);
    assert_eq!(changes.removed.len(), 1);
    assert_eq!(changes.added.len(), 1);
    assert_eq!(changes.removed[0].ports.from, 8443);
    assert_eq!(changes.added[0].ports.from, 9443);
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
        md.contains("## Internal firewall (perimeter - internal) - rules to change"),
        "{md}"
    );
    // The change names the firewall, the direction, and the addresses before and after.
    assert!(
        md.contains(
            "| Edge Server (172.16.10.21) | Director pool (10.10.20.11, 10.10.20.12 → 10.10.20.10) | SIP/MTLS | TCP | 5061 | `edge-dir-sip-5061:edge>dir` | Perimeter → Internal |"
        ),
        "{md}"
    );
    let csv = String::from_utf8(cli(&["diff", old, new, "--format", "csv"]).stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // A header, then the four rules to the Director on 5061 and 444, each changed.
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(
        lines[0].starts_with("\u{feff}change,id,"),
        "a BOM, as the CSV export"
    );
    assert!(lines[0].ends_with(",product,old_source_addresses,old_destination_addresses"));
    let edge = (lines.iter())
        .find(|l| l.starts_with("change,edge-dir-sip-5061:edge>dir,internal,"))
        .expect(&csv);
    assert!(
        edge.contains(",10.10.20.10,") && edge.ends_with(",172.16.10.21,10.10.20.11 10.10.20.12"),
        "{edge}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&cli(&["diff", old, new, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["added"].as_array().unwrap().len(), 0);
    assert_eq!(json["removed"].as_array().unwrap().len(), 0);
    let changed = json["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 4);
    assert!(
        changed
            .iter()
            .all(|c| c["old"]["destination"]["endpoint"] == "server"
                && c["new"]["destination"]["endpoint"] == "hlb_vip"
                && c["old"]["id"] == c["new"]["id"])
    );
    let out = cli(&["diff", old]);
    assert_eq!(out.status.code(), Some(2));
}
