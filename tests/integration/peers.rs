//! Microsoft's "Any" ends drawn as peers (issue 19): every rule with an "Any" end has a peer
//! card in the JSON geometry, linked to the rule's node along a routed polyline with the rule's
//! port on its label; a plan without such rules draws none.

use std::collections::BTreeSet;

use lync_port_planner::catalog::Side;
use lync_port_planner::diagram::layout::measure::{Overlaps, overlaps};
use lync_port_planner::diagram::{self, json, layout};
use lync_port_planner::plan::Plan;
use serde_json::Value;

use crate::support::{catalog, derive, example};

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// True when `[x, y]` lies on the edge of the JSON box `card`.
fn on_edge(card: &Value, point: &Value) -> bool {
    let (px, py) = (num(&point[0]), num(&point[1]));
    let (left, top) = (num(&card["x"]), num(&card["y"]));
    let (right, bottom) = (left + num(&card["w"]), top + num(&card["h"]));
    let inside = px >= left - 0.02 && px <= right + 0.02 && py >= top - 0.02 && py <= bottom + 0.02;
    let edge = [left - px, px - right, top - py, py - bottom]
        .iter()
        .any(|d| d.abs() < 0.02);
    inside && edge
}

/// The JSON geometry of `plan`, as `render --output FILE.json` writes it.
fn geometry(plan: &Plan) -> Value {
    let (rules, _) = derive(plan);
    let d = diagram::diagram(plan, &catalog(), &rules);
    assert_eq!(overlaps(&d, 1.0), Overlaps::default());
    json::value(plan, &d)
}

#[test]
fn every_rule_with_an_any_end_has_a_drawn_peer_linked_to_its_node() {
    let catalog = catalog();
    for name in ["director-pool-dns-hlb.ron", "full-site.ron"] {
        let plan = example(name);
        let (rules, _) = derive(&plan);
        let value = geometry(&plan);
        let cards = value["cards"].as_array().unwrap();
        let card = |id: &str| cards.iter().find(|c| c["id"] == id);
        let mut checked = 0;
        let mut drawn = BTreeSet::new();
        for rule in &rules.rules {
            let (any, node, from_any) = match (&rule.source.node, &rule.destination.node) {
                (None, Some(n)) => (&rule.source, n, true),
                (Some(n), None) => (&rule.destination, n, false),
                _ => continue,
            };
            // The peer is the requirement's "Any" side: its zone and its first stand-in role.
            let req = catalog.requirement(rule.requirement()).unwrap();
            let side = if from_any {
                &req.source
            } else {
                &req.destination
            };
            let Side::Any { zone, via } = side else {
                panic!("{name}: {} has no Any side", rule.id());
            };
            assert_eq!(*zone, any.zone, "{name}: {}", rule.id());
            let first = layout::peer_id(*zone, via.first());
            // Its link: from one of the peer's cards (`#2`... where its nodes are far apart) to
            // the node's, with the rule's port on its label.
            let links = value["links"].as_array().unwrap();
            let link = links
                .iter()
                .find(|l| {
                    let a = l["a"].as_str().unwrap();
                    (a == first.as_str() || a.starts_with(&format!("{first}#")))
                        && l["b"] == node.as_str()
                })
                .unwrap_or_else(|| panic!("{name}: no link {first:?} - {node:?}"));
            let id = link["a"].as_str().unwrap().to_owned();
            let peer = card(&id).unwrap_or_else(|| panic!("{name}: no card {id:?}"));
            assert_eq!(peer["peer"], true, "{name}: {id:?}");
            assert_eq!(peer["zone"], zone.as_str(), "{name}: {id:?}");
            assert_eq!(
                peer["role"].as_str(),
                via.first().map(lync_port_planner::catalog::RoleId::as_str),
                "{name}: {id:?}"
            );
            let target = card(node.as_str()).unwrap();
            assert_eq!(target["peer"], false);
            let points = link["points"].as_array().unwrap();
            assert!(points.len() >= 2);
            assert!(on_edge(peer, &points[0]), "{name}: {link}");
            assert!(on_edge(target, points.last().unwrap()), "{name}: {link}");
            let labels = value["labels"].as_array().unwrap();
            let label = labels
                .iter()
                .find(|l| l["a"] == id.as_str() && l["b"] == node.as_str())
                .unwrap();
            let text = label["text"].as_str().unwrap();
            let port = rule.ports.to_string();
            assert!(
                text.split(" · ").any(|p| p == port) || text.ends_with("more"),
                "{name}: {} on {text:?}",
                rule.id()
            );
            drawn.insert(id);
            checked += 1;
        }
        assert!(checked > 5, "{name}: only {checked} Any rules");
        // No peer card without a rule.
        let peers: BTreeSet<&str> = cards
            .iter()
            .filter(|c| c["peer"] == true)
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        let drawn: BTreeSet<&str> = drawn.iter().map(String::as_str).collect();
        assert_eq!(peers, drawn, "{name}");
        // The remote users and the Internet at large are outside, left of the external wall.
        for id in ["any:internet", "any:internet:external_clients"] {
            let c = card(id).unwrap_or_else(|| panic!("{name}: {id}"));
            assert!(num(&c["x"]) + num(&c["w"]) < 200.0, "{name}: {c}");
        }
    }
}

/// A plan whose nodes have no rule to or from "Any" draws no peer card, no peer link.
#[test]
fn a_plan_without_any_rules_draws_no_peer() {
    let full = example("full-site.ron");
    let (rules, _) = derive(&full);
    let facing_any: BTreeSet<_> = rules
        .rules
        .iter()
        .filter(|r| r.source.node.is_none() || r.destination.node.is_none())
        .filter_map(|r| r.source.node.clone().or(r.destination.node.clone()))
        .collect();
    let mut plan = full.clone();
    plan.nodes.retain(|id, _| !facing_any.contains(id));
    plan.links
        .retain(|l| plan.nodes.contains_key(&l.a) && plan.nodes.contains_key(&l.b));
    assert!(plan.nodes.len() >= 2 && !plan.links.is_empty(), "{plan:?}");
    let (rules, _) = derive(&plan);
    assert!(!rules.rules.is_empty());
    assert!(
        rules
            .rules
            .iter()
            .all(|r| r.source.node.is_some() && r.destination.node.is_some())
    );
    let d = diagram::diagram(&plan, &catalog(), &rules);
    assert!(d.cards.iter().all(|c| c.peer.is_none()));
    assert!(d.links.iter().all(|l| !l.peer));
    let value = json::value(&plan, &d);
    assert!(
        value["cards"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["peer"] == false && !c["id"].as_str().unwrap().contains(':'))
    );
    assert!(!diagram::svg(&plan, &catalog(), &rules).contains("stroke-dasharray=\"6 4\""));
    // The full site does draw them, dashed.
    let (rules, _) = derive(&full);
    assert!(diagram::svg(&full, &catalog(), &rules).contains("stroke-dasharray=\"6 4\""));
}
