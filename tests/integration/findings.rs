//! Every finding kind, on small changes to the examples.

use lync_port_planner::findings::{Finding, FindingKind, Fix, Severity, Subject};
use lync_port_planner::plan::{Link, NodeId, Plan};
use lync_port_planner::topology::{Addressing, LbMode, Zone};

use crate::support::{derive, example, example_paths};

fn findings(plan: &Plan) -> Vec<Finding> {
    derive(plan).1
}

fn of_kind(plan: &Plan, kind: FindingKind) -> Vec<Finding> {
    findings(plan)
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect()
}

fn node<'a>(plan: &'a mut Plan, id: &str) -> &'a mut lync_port_planner::plan::Node {
    plan.node_mut(&NodeId::from(id)).unwrap()
}

#[test]
fn examples_have_no_errors_or_warnings_except_sample_addresses() {
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &crate::support::catalog()).unwrap();
        for f in findings(&plan) {
            let sample =
                f.kind == FindingKind::Placeholder && plan.description.contains("RFC 5737");
            // A NAT'd Edge the example gives no public addresses (Microsoft's port pages give
            // none) cannot have its external names published: DNS says so, and only that.
            let unpublished = f.kind == FindingKind::DnsMismatch
                && f.message.en.contains("cannot be published in DNS")
                && plan.nodes.values().any(|n| {
                    n.role == "edge"
                        && n.addressing == lync_port_planner::topology::Addressing::Nat
                        && n.members.iter().all(|m| m.nat.is_empty())
                });
            assert!(
                f.severity == Severity::Info || sample || unpublished,
                "{}: {f:?}",
                path.display()
            );
        }
    }
}

#[test]
fn unlinked_edge_gives_missing_link_with_a_fix() {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.links
        .retain(|l| !(l.a.as_str() == "dir" && l.b.as_str() == "edge"));
    let found = of_kind(&plan, FindingKind::MissingLink);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].subject, Subject::Node(NodeId::from("edge")));
    assert_eq!(
        found[0].fix,
        Some(Fix::AddLink {
            a: NodeId::from("edge"),
            b: NodeId::from("dir")
        })
    );
    // Applying the fix clears it.
    plan.links
        .push(Link::new(&NodeId::from("edge"), &NodeId::from("dir")));
    assert!(of_kind(&plan, FindingKind::MissingLink).is_empty());
}

#[test]
fn switched_off_requirement_is_a_warning_with_a_fix() {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.links
        .iter_mut()
        .find(|l| l.a.as_str() == "dir" && l.b.as_str() == "edge")
        .unwrap()
        .disabled
        .insert("edge-dir-sip-5061".into());
    let found = of_kind(&plan, FindingKind::DisabledRequirement);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.en.contains("SIP/MTLS tcp/5061"),
        "{}",
        found[0].message.en
    );
    assert!(
        matches!(&found[0].fix, Some(Fix::EnableRequirement { requirement, .. }) if requirement == "edge-dir-sip-5061")
    );
}

#[test]
fn missing_addresses_are_unresolved_errors_and_a_missing_vip_is_invalid_topology() {
    let mut plan = example("director-pool-dns-hlb.ron");
    node(&mut plan, "dir").vips.clear();
    node(&mut plan, "edge").members[0]
        .addresses
        .remove("av_edge");
    let unresolved = of_kind(&plan, FindingKind::UnresolvedAddress);
    let messages: Vec<&str> = unresolved.iter().map(|f| f.message.en.as_str()).collect();
    assert_eq!(unresolved.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Director pool has no hlb_vip address: 4 rule(s)")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("member edge01 of Edge Server has no av_edge address")),
        "{messages:?}"
    );
    let topo = of_kind(&plan, FindingKind::InvalidTopology);
    assert!(topo.iter().any(|f| f.severity == Severity::Error
        && f.message.en.contains("has no hardware load balancer VIP")));
}

#[test]
fn hlb_edge_with_nat_and_dns_only_director_are_invalid() {
    let mut plan = example("scaled-edge-hlb.ron");
    node(&mut plan, "edge").addressing = Addressing::Nat;
    assert!(
        of_kind(&plan, FindingKind::InvalidTopology)
            .iter()
            .any(|f| f.message.en.contains("hardware load balancer with NAT"))
    );
    let mut plan = example("director-pool-dns-hlb.ron");
    node(&mut plan, "dir").lb = LbMode::Dns;
    let found = of_kind(&plan, FindingKind::InvalidTopology);
    assert!(
        found.iter().any(|f| f.severity == Severity::Error
            && f.message
                .en
                .contains("still needs a hardware load balancer")),
        "{found:?}"
    );
}

#[test]
fn link_without_lync_traffic_is_flagged() {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.links
        .push(Link::new(&NodeId::from("clients"), &NodeId::from("rp")));
    let found = of_kind(&plan, FindingKind::InvalidTopology);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.en.contains("exchange no Lync traffic"));
    assert_eq!(
        found[0].fix,
        Some(Fix::RemoveLink {
            a: NodeId::from("clients"),
            b: NodeId::from("rp")
        })
    );
}

#[test]
fn internal_server_reached_from_the_internet_is_flagged() {
    let mut plan = example("director-pool-dns-hlb.ron");
    node(&mut plan, "edge").zone = Zone::Internal;
    let found = of_kind(&plan, FindingKind::InvalidTopology);
    assert!(
        found
            .iter()
            .any(|f| f.message.en.contains("reach it straight from the Internet")),
        "{found:?}"
    );
}

#[test]
fn sample_names_and_addresses_are_placeholders() {
    let mut plan = example("director-pool-dns-hlb.ron");
    node(&mut plan, "dir").fqdn = "dirpool01.contoso.net".to_owned();
    node(&mut plan, "edge").members[0]
        .addresses
        .insert("access_edge".into(), "131.107.155.10".parse().unwrap());
    let found = of_kind(&plan, FindingKind::Placeholder);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn conflicting_sources_are_reported_once_each() {
    let found = of_kind(
        &example("director-pool-dns-hlb.ron"),
        FindingKind::SourceConflict,
    );
    let about = |f: &&lync_port_planner::findings::Finding| {
        f.message
            .en
            .contains("Internal clients will not use the Director")
            || f.message
                .en
                .contains("internal clients do not use the Director")
    };
    let note = found
        .iter()
        .find(about)
        .expect("the note on internal clients to the Director");
    assert!(
        note.message.en.contains("(Lync Server 2013: Port summary - DNS and HLB load balanced; Lync Server 2013: Port summary - Scaled Director pool, hardware load balancer; Lync Server 2013: Certificate summary - DNS and HLB load balanced)"),
        "{}",
        note.message.en
    );
    assert_eq!(found.iter().filter(about).count(), 1);
}
