//! Rule derivation: which endpoint each LB mode targets, Any peers, NAT, switches and custom rules.

use lync_port_planner::net::Transport;
use lync_port_planner::plan::{CustomRule, NodeId, Plan};
use lync_port_planner::rules::{Addresses, Rule, RuleSet};
use lync_port_planner::topology::{Addressing, Firewall, LbMode, Product};

use crate::support::{derive, example};

fn rules(plan: &Plan) -> RuleSet {
    derive(plan).0
}

#[track_caller]
fn by_requirement<'a>(set: &'a RuleSet, requirement: &str) -> Vec<&'a Rule> {
    let hits: Vec<&Rule> = set
        .rules
        .iter()
        .filter(|r| r.requirement() == requirement)
        .collect();
    assert!(!hits.is_empty(), "no rule for {requirement}");
    hits
}

#[track_caller]
fn one<'a>(set: &'a RuleSet, requirement: &str) -> &'a Rule {
    let hits = by_requirement(set, requirement);
    assert_eq!(hits.len(), 1, "{requirement}");
    hits[0]
}

#[test]
fn hlb_edge_uses_the_internal_vip_for_sip_but_each_node_for_8057_and_cms() {
    let set = rules(&example("scaled-edge-hlb.ron"));
    assert_eq!(
        &*one(&set, "fe-edge-sip-5061").destination.endpoint,
        "internal_vip"
    );
    assert_eq!(
        &*one(&set, "fe-edge-sip-5062").destination.endpoint,
        "internal_vip"
    );
    // A connection the Edge opens leaves from each Edge Server, not from the VIP.
    assert_eq!(
        &*one(&set, "edge-fe-sip-5061").source.endpoint,
        "internal_interface"
    );
    for never_balanced in ["fe-edge-psom-8057", "fe-edge-https-4443"] {
        let r = one(&set, never_balanced);
        assert_eq!(
            &*r.destination.endpoint, "internal_interface",
            "{never_balanced}"
        );
        assert_eq!(
            r.destination.addresses,
            Addresses::List(vec![
                "172.18.10.21".parse().unwrap(),
                "172.18.10.22".parse().unwrap()
            ])
        );
    }
    assert_eq!(
        &*one(&set, "any-edge-sip-443").destination.endpoint,
        "access_edge_vip"
    );
    // A/V candidates go to each node and to the VIP (S13 H-E15 and V-E15).
    assert_eq!(
        &*one(&set, "any-edge-stun-3478-ext").destination.endpoint,
        "av_edge"
    );
    assert_eq!(
        &*one(&set, "any-edgevip-stun-3478-ext").destination.endpoint,
        "av_edge_vip"
    );
    // Federation is switched on in this example.
    assert_eq!(one(&set, "any-edge-sip-5061").firewall, Firewall::External);
}

#[test]
fn dns_edge_has_no_vip_rules() {
    let mut plan = example("scaled-edge-hlb.ron");
    let edge = plan.node_mut(&NodeId::from("edge")).unwrap();
    edge.lb = LbMode::Dns;
    edge.vips.clear();
    let set = rules(&plan);
    let vip: Vec<String> = set
        .rules
        .iter()
        .filter(|r| {
            [&r.source, &r.destination]
                .iter()
                .any(|e| &*e.role == "edge" && e.endpoint.ends_with("vip"))
        })
        .map(|r| r.id().to_string())
        .collect();
    assert!(vip.is_empty(), "{vip:?}");
    assert!(set.rules.iter().all(|r| !r.is_unresolved()));
}

/// Skype for Business Server sends the pools' SIP 5061 and A/V authentication 5062 to each
/// hardware load balanced Edge Server (its Edge page; the CMS routes to each server), where
/// Lync Server 2013 uses the internal VIP.
#[test]
fn skype_for_business_sends_pool_sip_to_each_hlb_edge_server() {
    let mut plan = example("scaled-edge-hlb.ron");
    for product in [Product::Sfb2015, Product::Sfb2019] {
        plan.product = product;
        let set = rules(&plan);
        for req in ["fe-edge-sip-5061", "fe-edge-sip-5062"] {
            let r = one(&set, req);
            assert_eq!(&*r.destination.endpoint, "internal_interface", "{req}");
            assert_eq!(r.references(), ["edge-environmental-requirements"], "{req}");
        }
    }
}

/// Media to the Edge internal side comes from Microsoft's "Any", whatever is linked to the
/// Edge: internal clients, Mediation Servers and Front End Servers all send it.
#[test]
fn media_to_the_edge_internal_side_comes_from_any() {
    let mut plan = example("scaled-edge-hlb.ron");
    let clients = plan
        .nodes
        .iter()
        .find(|(_, n)| n.role == "internal_clients")
        .map(|(id, _)| id.clone())
        .unwrap();
    plan.links.push(lync_port_planner::plan::Link::new(
        &clients,
        &NodeId::from("edge"),
    ));
    plan.normalize();
    let set = rules(&plan);
    for req in ["any-edge-stun-3478", "any-edge-stun-443"] {
        let media = one(&set, req);
        assert_eq!(&*media.source.role, "any", "{req}");
        assert_eq!(media.source.addresses, Addresses::Any, "{req}");
    }
}

#[test]
fn firewalls_follow_the_zones() {
    let set = rules(&example("director-pool-dns-hlb.ron"));
    assert_eq!(one(&set, "edge-any-http-80").firewall, Firewall::External);
    assert_eq!(one(&set, "rp-dir-http-8080").firewall, Firewall::Internal);
    assert_eq!(one(&set, "dir-fe-https-444").firewall, Firewall::Host);
}

#[test]
fn feature_flags_switch_rows_on() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let before = rules(&plan);
    assert!(
        before
            .rules
            .iter()
            .all(|r| r.requirement() != "fe-edge-xmpp-23456"
                && r.requirement() != "edge-any-rtp-50000-udp")
    );
    plan.node_mut(&NodeId::from("fe"))
        .unwrap()
        .flags
        .insert("xmpp_gateway".to_owned());
    let edge = plan.node_mut(&NodeId::from("edge")).unwrap();
    edge.flags
        .extend(["xmpp".to_owned(), "ocs2007_federation".to_owned()]);
    let after = rules(&plan);
    let xmpp = one(&after, "fe-edge-xmpp-23456");
    assert_eq!((xmpp.ports.from, xmpp.application()), (23456, "XMPP/MTLS"));
    assert_eq!(
        one(&after, "edge-any-rtp-50000-udp").transport,
        Transport::Udp
    );
    assert_eq!(&*one(&after, "edge-any-xmpp-5269").destination.role, "any");
}

#[test]
fn nat_edge_rules_name_the_public_address() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let edge = plan.node_mut(&NodeId::from("edge")).unwrap();
    assert_eq!(edge.addressing, Addressing::Nat);
    edge.members[0]
        .nat
        .insert("access_edge".into(), "192.0.2.21".parse().unwrap());
    let set = rules(&plan);
    assert!(
        one(&set, "any-edge-sip-443")
            .notes()
            .en
            .contains("NAT: public 192.0.2.21")
    );
    assert!(!one(&set, "edge-dir-sip-5061").notes().en.contains("NAT"));
    let zh = &one(&set, "any-edge-sip-443").notes().zh_tw;
    assert!(
        zh.contains("192.0.2.21") && zh.contains("NAT："),
        "the NAT note is translated too: {zh}"
    );
}

#[test]
fn disabled_requirement_drops_only_that_rule() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let before = rules(&plan).rules.len();
    let link = plan
        .links
        .iter_mut()
        .find(|l| l.a.as_str() == "dir" && l.b.as_str() == "edge")
        .unwrap();
    link.disabled.insert("edge-dir-sip-5061".into());
    let set = rules(&plan);
    assert_eq!(set.rules.len(), before - 1);
    assert!(
        set.rules
            .iter()
            .all(|r| r.requirement() != "edge-dir-sip-5061")
    );
}

#[test]
fn custom_rule_goes_from_its_node_to_the_other_end() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let link = plan
        .links
        .iter_mut()
        .find(|l| l.a.as_str() == "dir" && l.b.as_str() == "fe")
        .unwrap();
    link.custom.push(CustomRule {
        name: "Remote call control".to_owned(),
        from: NodeId::from("fe"),
        application: "SIP".to_owned(),
        transport: Transport::Tcp,
        ports: "5060".parse().unwrap(),
    });
    let set = rules(&plan);
    let custom = set
        .rules
        .iter()
        .find(|r| r.id() == "custom:dir-fe:1")
        .expect("custom rule");
    assert_eq!(
        (&*custom.source.role, &*custom.destination.role),
        ("front_end", "director")
    );
    assert_eq!(custom.ports.from, 5060);
    assert_eq!(
        custom.link(),
        Some((&NodeId::from("dir"), &NodeId::from("fe")))
    );
}

/// A rule's link is not stored but read from its two ends: every rule between two nodes, from
/// a requirement, an "Any" row with a linked peer or a hand-written rule, is on the plan's link
/// between them, but for the Central Management store's replication, which reaches the other
/// sites' servers unlinked; a rule with an "Any" end is on none.
#[test]
fn every_rule_between_two_nodes_is_on_their_link() {
    let catalog = lync_port_planner::catalog::Catalog::builtin().unwrap();
    let mut plan = lync_port_planner::generate::large_plan(200, &catalog).unwrap();
    let link = &mut plan.links[0];
    link.custom.push(CustomRule {
        name: "Hand-written".to_owned(),
        from: link.b.clone(),
        application: "SIP".to_owned(),
        transport: Transport::Tcp,
        ports: "5060".parse().unwrap(),
    });
    let set = rules(&plan);
    let deployment = [
        "fe-dir-cms-445",
        "fe-med-cms-445",
        "fe-fe-cms-445",
        "fe-edge-https-4443",
    ];
    let (mut linked, mut any, mut unlinked) = (0, 0, 0);
    for rule in &set.rules {
        match (rule.link(), &rule.source.node, &rule.destination.node) {
            (Some((a, b)), Some(_), Some(_)) => {
                assert!(a < b, "{}", rule.id());
                if plan.link_between(a, b).is_some() {
                    linked += 1;
                } else {
                    assert!(deployment.contains(&rule.requirement()), "{}", rule.id());
                    unlinked += 1;
                }
            }
            (None, None, _) | (None, _, None) => any += 1,
            _ => panic!("{}: link {:?}", rule.id(), rule.link()),
        }
    }
    assert!(set.rules.iter().any(|r| r.custom.is_some()));
    assert!(linked > 1_000 && any > 100, "{linked} {any}");
    // 23 sites: the first one's pool reaches the other 22 sites' four kinds of server.
    assert_eq!(unlinked, 22 * 4);
}

#[test]
fn missing_vip_leaves_rules_unresolved_not_guessed() {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.node_mut(&NodeId::from("dir")).unwrap().vips.clear();
    let set = rules(&plan);
    let web = one(&set, "rp-dir-http-8080");
    assert!(web.is_unresolved());
    assert_eq!(web.destination.addresses, Addresses::List(Vec::new()));
    assert_eq!(
        web.destination.missing[0].to_string(),
        "Director pool has no hlb_vip address"
    );
}

#[test]
fn rule_ids_do_not_depend_on_link_order() {
    let plan = example("director-pool-dns-hlb.ron");
    let mut shuffled = plan.clone();
    shuffled.links.reverse();
    for l in &mut shuffled.links {
        std::mem::swap(&mut l.a, &mut l.b);
    }
    let set = rules(&plan);
    assert_eq!(set, rules(&shuffled));
    let ids: std::collections::BTreeSet<String> =
        set.rules.iter().map(|r| r.id().to_string()).collect();
    assert_eq!(ids.len(), set.rules.len(), "ids are unique");
}

/// The packed sort keys of a derivation give `rules::order`, strictly (ids are unique), on a
/// plan of thousands of rules with custom rules, "Any" ends and every firewall. (The unit
/// tests run the same check with the keys' ranks capped low, where comparing rules orders.)
#[test]
fn derived_rules_are_in_the_documented_order() {
    let catalog = lync_port_planner::catalog::Catalog::builtin().unwrap();
    let mut plan = lync_port_planner::generate::large_plan(300, &catalog).unwrap();
    // Hand-written rules on every seventh link, two of them with one port (ids then differ
    // only by their number, which sorts as text: 10 before 2).
    for link in plan.links.iter_mut().step_by(7) {
        for n in 0..11 {
            link.custom.push(CustomRule {
                name: format!("Hand-written {n}"),
                from: if n % 2 == 0 {
                    link.a.clone()
                } else {
                    link.b.clone()
                },
                application: "SIP".to_owned(),
                transport: if n % 3 == 0 {
                    Transport::Udp
                } else {
                    Transport::Tcp
                },
                ports: if n < 9 { "5060" } else { "443" }.parse().unwrap(),
            });
        }
    }
    let set = lync_port_planner::rules::derive(&plan, &catalog);
    assert!(set.rules.len() > 2_000, "{}", set.rules.len());
    assert!(set.rules.iter().any(|r| r.custom.is_some()));
    assert!(set.rules.iter().any(|r| r.source.node.is_none()));
    for w in set.rules.windows(2) {
        assert!(
            lync_port_planner::rules::order(&w[0], &w[1]).is_lt(),
            "{} then {}",
            w[0].id(),
            w[1].id()
        );
    }
}

#[test]
fn product_version_switches_the_version_dependent_rows() {
    use lync_port_planner::topology::Product;
    let mut plan = example("director-pool-dns-hlb.ron");
    assert_eq!(
        plan.product,
        Product::Lync2013,
        "files without a product are Lync Server 2013"
    );
    plan.node_mut(&NodeId::from("fe"))
        .unwrap()
        .flags
        .insert("xmpp_gateway".to_owned());
    plan.node_mut(&NodeId::from("edge"))
        .unwrap()
        .flags
        .extend(["xmpp".to_owned(), "ocs2007_federation".to_owned()]);
    let has = |set: &RuleSet, req: &str| set.rules.iter().any(|r| r.requirement() == req);
    let lync = rules(&plan);
    for req in [
        "fe-edge-xmpp-23456",
        "edge-any-xmpp-5269",
        "any-edge-rtp-50000-tcp",
        "edge-any-rtp-50000-udp",
    ] {
        assert!(has(&lync, req), "Lync 2013 has {req}");
    }
    assert!(!has(&lync, "edge-any-rtp-50000-udp-relay"));
    plan.product = Product::Sfb2015;
    let sfb15 = rules(&plan);
    assert!(
        has(&sfb15, "fe-edge-xmpp-23456"),
        "XMPP still exists in 2015"
    );
    assert!(
        has(&sfb15, "edge-any-rtp-50000-udp-relay") && !has(&sfb15, "any-edge-rtp-50000-tcp"),
        "K2: outbound relay, no inbound rows"
    );
    plan.product = Product::Sfb2019;
    let sfb19 = rules(&plan);
    assert!(
        !has(&sfb19, "fe-edge-xmpp-23456") && !has(&sfb19, "edge-any-xmpp-5269"),
        "XMPP is gone in 2019"
    );
}

/// Two linked Front End pools: SIP, Autodiscover and DCOM both ways, the Central Management
/// store's configuration only from the pool that holds it ("Ports and protocols for internal
/// servers": 5061 "between servers", 4443 "inter-pool communications for Autodiscover", 135
/// "Moving Users", 445 "from the Central Management store"); no "no traffic" warning.
#[test]
fn two_front_end_pools_talk_both_ways_and_the_cms_pushes_one_way() {
    let plan = crate::microsoft_tables::Build::new("two pools", Product::Lync2013)
        .node("fe", "front_end", LbMode::DnsAndHlb, 2, &["holds_cms"])
        .node("fe2", "front_end", LbMode::HlbOnly, 2, &[])
        .link("fe2", &["fe"])
        .plan();
    let (set, findings) = derive(&plan);
    let pairs = |requirement: &str| -> Vec<String> {
        let node = |e: &lync_port_planner::rules::RuleEnd| e.node.as_ref().unwrap().to_string();
        (by_requirement(&set, requirement).iter())
            .map(|r| {
                format!(
                    "{}>{}/{}",
                    node(&r.source),
                    node(&r.destination),
                    r.destination.endpoint
                )
            })
            .collect()
    };
    assert_eq!(pairs("fe-fe-sip-5061"), ["fe2>fe/server", "fe>fe2/hlb_vip"]);
    assert_eq!(pairs("fe-fe-dcom-135"), ["fe2>fe/server", "fe>fe2/hlb_vip"]);
    assert_eq!(
        pairs("fe-fe-https-4443"),
        ["fe2>fe/hlb_vip", "fe>fe2/hlb_vip"]
    );
    assert_eq!(pairs("fe-fe-cms-445"), ["fe>fe2/server"]);
    assert!(
        findings
            .iter()
            .all(|f| !f.message.en.contains("exchange no")),
        "{findings:#?}"
    );
}

/// The Central Management store replicates to every server of the deployment, linked or not
/// ("Ports and protocols for internal servers": 445 "to servers running Lync Server"; the Edge
/// pages: 4443 from the Front End that holds the CMS): in two central sites, site A's pool
/// reaches site B's Edge and Mediation pool, which it has no link to. A link that switches the
/// requirement off keeps it off; a second pool flagged as holding the CMS is a warning and
/// reaches only what it is linked to.
#[test]
fn the_cms_replicates_to_every_server_of_the_deployment() {
    let plan = example("two-sites.ron");
    let set = rules(&plan);
    let ids = |requirement: &str| -> Vec<String> {
        (by_requirement(&set, requirement).iter())
            .map(|r| r.id().to_string())
            .collect()
    };
    assert!(
        plan.link_between(&NodeId::from("a-fe"), &NodeId::from("b-edge"))
            .is_none()
    );
    assert!(
        plan.link_between(&NodeId::from("a-fe"), &NodeId::from("b-med"))
            .is_none()
    );
    assert_eq!(
        ids("fe-edge-https-4443"),
        [
            "fe-edge-https-4443:a-fe>a-edge",
            "fe-edge-https-4443:a-fe>b-edge"
        ]
    );
    assert_eq!(
        ids("fe-med-cms-445"),
        ["fe-med-cms-445:a-fe>a-med", "fe-med-cms-445:a-fe>b-med"]
    );
    assert_eq!(
        ids("fe-dir-cms-445"),
        ["fe-dir-cms-445:a-fe>a-dir", "fe-dir-cms-445:a-fe>b-dir"]
    );
    assert_eq!(ids("fe-fe-cms-445"), ["fe-fe-cms-445:a-fe>b-fe"]);

    // Switched off on the link between the two: off.
    let mut off = plan.clone();
    let link = (off.links.iter_mut())
        .find(|l| l.a.as_str() == "a-edge" && l.b.as_str() == "a-fe")
        .unwrap();
    link.disabled.insert("fe-edge-https-4443".into());
    assert_eq!(
        (rules(&off).rules.iter())
            .filter(|r| r.requirement() == "fe-edge-https-4443")
            .map(|r| r.id().to_string())
            .collect::<Vec<_>>(),
        ["fe-edge-https-4443:a-fe>b-edge"]
    );

    // Both pools flagged: one warning; site B's pool reaches only its own linked Edge.
    let mut twice = plan.clone();
    let mut b = lync_port_planner::plan::Node::clone(&twice.nodes[&NodeId::from("b-fe")]);
    b.flags.insert("holds_cms".to_owned());
    twice.nodes.insert(NodeId::from("b-fe"), b.into());
    let (set, findings) = derive(&twice);
    let from_b: Vec<&str> = (set.rules.iter())
        .filter(|r| r.requirement() == "fe-edge-https-4443")
        .map(|r| r.id().as_str())
        .filter(|id| id.contains(":b-fe>"))
        .collect();
    assert_eq!(from_b, ["fe-edge-https-4443:b-fe>b-edge"]);
    let twice: Vec<&str> = (findings.iter())
        .filter(|f| {
            f.message
                .en
                .contains("both hold the Central Management store")
        })
        .map(|f| f.message.en.as_str())
        .collect();
    assert_eq!(twice.len(), 1, "{twice:?}");
    assert!(twice[0].contains("Front End pool A") && twice[0].contains("Front End pool B"));
}

/// A rule's one-line summary names an application Microsoft labels only "TCP" once.
#[test]
fn a_summary_says_tcp_once() {
    let set = rules(&example("director-pool-dns-hlb.ron"));
    let cms = one(&set, "fe-dir-cms-445").summary();
    assert!(
        cms.ends_with("  TCP 445") && !cms.contains("TCP TCP"),
        "{cms}"
    );
    let sip = one(&set, "edge-dir-sip-5061").summary();
    assert!(sip.ends_with("  SIP/MTLS TCP 5061"), "{sip}");
}

/// A rule's one-line summary says "Any" in the window's language (the trainer's zh-TW hop line
/// said "Any" under a note that said 任何); exports and audit messages keep English.
#[test]
fn a_summary_says_any_in_the_windows_language() {
    use lync_port_planner::i18n::Lang;
    let (set, _) = crate::support::derive(&crate::support::example("director-pool-dns-hlb.ron"));
    let rule = (set.rules.iter())
        .find(|r| r.source.node.is_none())
        .expect("a rule from Any");
    assert!(rule.summary().starts_with("Any -> "), "{}", rule.summary());
    assert!(rule.summary_in(Lang::ZhTw).starts_with("任何 -> "));
    assert!(rule.summary_in(Lang::KoKr).starts_with("모두 -> "));
    assert_eq!(rule.summary_in(Lang::En), rule.summary());
}
