//! A broken plan's error points at the offending text: the second of two duplicate links, the
//! link end (`b: "ghost"`) that names a missing node (not a member of that name), the bad
//! field, flag or endpoint,
//! and a duplicate key inside a map is refused where it is, as duplicate node ids are.

use lync_port_planner::plan_file;

use crate::support::{catalog, read, root};

fn base() -> String {
    read(&root().join("saved-plans/single-director.ron"))
}

/// 1-based line and column of byte offset `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Load `text`; the error must name `message` at the position of the `nth` (0-based)
/// occurrence of `marker`, plus `offset` bytes.
#[track_caller]
fn assert_at(text: &str, message: &str, marker: &str, nth: usize, offset: usize) {
    let err = plan_file::from_ron(text, "plan.ron", &catalog())
        .expect_err("must be refused")
        .to_string();
    assert!(err.contains(message), "{err}");
    let at = text.match_indices(marker).nth(nth).expect("marker").0 + offset;
    let (line, col) = line_col(text, at);
    assert!(
        err.starts_with(&format!("plan.ron:{line}:{col}: ")),
        "expected {line}:{col} (`{}`): {err}",
        &text[at..(at + 30).min(text.len())]
    );
}

#[test]
fn a_duplicate_link_is_reported_at_its_second_copy() {
    let text = base().replacen(
        "    ],\n)",
        "        Link(\n            a: \"dir\",\n            b: \"clients\",\n        ),\n    ],\n)",
        1,
    );
    assert_at(&text, "appears twice", "Link(", 7, 0);
}

#[test]
fn a_link_to_a_missing_node_is_reported_at_the_link_end_not_a_member_name() {
    // A member is named `ghost`; the link's `ghost` is after it in the file.
    let text = base()
        .replacen("name: \"dir01\"", "name: \"ghost\"", 1)
        .replacen(
            "a: \"dir\",\n            b: \"fe\"",
            "a: \"dir\",\n            b: \"ghost\"",
            1,
        );
    assert_at(&text, "names node `ghost`", "b: \"ghost\"", 0, 0);
    let selfish = base().replacen(
        "a: \"dir\",\n            b: \"fe\"",
        "a: \"dir\",\n            b: \"dir\"",
        1,
    );
    assert_at(&selfish, "connects a node to itself", "b: \"dir\"", 1, 0);
}

#[test]
fn a_bad_flag_endpoint_or_vip_is_reported_where_it_is_written() {
    let flags = base().replacen("flags: [", "flags: [\n                \"no_such_flag\",", 1);
    assert_at(
        &flags,
        "has no flag `no_such_flag`",
        "\"no_such_flag\"",
        0,
        0,
    );
    // An endpoint kind that is also a field name elsewhere (`server` is the Director's).
    let text = base();
    let edge = text
        .find("\"internal_interface\": \"172.17.10.21\"")
        .unwrap();
    let mut member = text.clone();
    member.insert_str(
        edge,
        "\"server\": \"172.17.10.99\",\n                        ",
    );
    assert_at(
        &member,
        "`server` is not a member endpoint",
        "\"server\"",
        1,
        0,
    );
    // A VIP the role does not have: at its key.
    let vip = base().replacen(
        "            addressing: nat,",
        "            addressing: nat,\n            vips: { \"hlb_vip\": \"172.17.1.1\" },",
        1,
    );
    assert_at(&vip, "`hlb_vip` is not a VIP endpoint", "\"hlb_vip\"", 0, 0);
    // A node's unknown role: at the role, not at another node's.
    let role = base().replacen("role: \"edge\"", "role: \"edgy\"", 1);
    assert_at(&role, "unknown role `edgy`", "role: \"edgy\"", 0, 0);
}

#[test]
fn a_duplicate_endpoint_key_is_refused_at_the_second_key() {
    let text = base().replacen(
        "\"server\": \"10.20.20.11\",",
        "\"server\": \"10.20.20.11\",\n                        \"server\": \"10.20.20.12\",",
        1,
    );
    let err = plan_file::from_ron(&text, "plan.ron", &catalog())
        .expect_err("a duplicate key must be refused")
        .to_string();
    assert!(err.contains("duplicate endpoint `server`"), "{err}");
    let second = text
        .match_indices("\"server\": \"10.20.20.12\"")
        .next()
        .unwrap()
        .0;
    let (line, _) = line_col(&text, second);
    assert!(err.starts_with(&format!("plan.ron:{line}:")), "{err}");
    // VIPs and NAT addresses too.
    let vips = text.replacen(
        "\"server\": \"10.20.20.11\",\n                        \"server\": \"10.20.20.12\",",
        "\"server\": \"10.20.20.11\",",
        1,
    );
    assert!(plan_file::from_ron(&vips, "plan.ron", &catalog()).is_ok());
}

#[test]
fn a_bad_address_and_a_duplicate_node_id_are_reported_where_they_are_written() {
    let address = base().replacen("10.20.20.11", "10.20.20.311", 1);
    assert_at(
        &address,
        "`10.20.20.311` is not an IP address",
        "10.20.20.311",
        0,
        0,
    );
    // A second node `dir`, written after the first: at its key.
    let text = base();
    let fe = text.find("        \"fe\": Node(").unwrap();
    let mut twice = text.clone();
    twice.insert_str(
        fe,
        "        \"dir\": Node(\n            role: \"director\",\n            label: \"Again\",\n            position: CanvasPoint(x: 0.0, y: 0.0),\n            zone: internal,\n        ),\n",
    );
    assert_at(&twice, "duplicate node id `dir`", "\"dir\": Node(", 1, 1);
}
