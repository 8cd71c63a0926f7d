//! The laid-out diagram as JSON (`render PLAN --output FILE.json`): the geometry contract of
//! issue 19, in the SVG's coordinates, rounded to hundredths.

use serde_json::{Value, json};

use super::layout::Diagram;
use crate::plan::layout::Bounds;
use crate::plan::{CanvasPoint, Plan};

fn num(v: f32) -> Value {
    json!((f64::from(v) * 100.0).round() / 100.0)
}

fn point(p: CanvasPoint) -> Value {
    json!([num(p.x), num(p.y)])
}

fn rect(b: Bounds) -> [(&'static str, Value); 4] {
    [
        ("x", num(b.min.x)),
        ("y", num(b.min.y)),
        ("w", num(b.max.x - b.min.x)),
        ("h", num(b.max.y - b.min.y)),
    ]
}

fn object(fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The diagram of `plan` as a JSON value: `cards` (nodes and "Any" peers: `peer` tells which;
/// a peer's card also has its `zone`, stand-in `role` or null, and its count of `rules`),
/// `links` (a peer's link has the peer as `a`), `labels`, `firewalls` (one box per wall: a
/// three-legged firewall has two, with the same id).
pub fn value(plan: &Plan, diagram: &Diagram) -> Value {
    let cards: Vec<Value> = diagram
        .cards
        .iter()
        .map(|c| {
            let peer = c.peer.as_ref().map(|p| {
                [
                    ("zone", json!(p.zone.as_str())),
                    (
                        "role",
                        json!(p.role.as_ref().map(crate::catalog::RoleId::as_str)),
                    ),
                    ("rules", json!(p.rules)),
                ]
            });
            object(
                [("id", json!(c.id.0))]
                    .into_iter()
                    .chain(rect(c.bounds))
                    .chain([("peer", json!(peer.is_some()))])
                    .chain(peer.into_iter().flatten()),
            )
        })
        .collect();
    let links: Vec<Value> = diagram
        .links
        .iter()
        .map(|l| {
            object([
                ("a", json!(l.a.0)),
                ("b", json!(l.b.0)),
                ("missing", json!(l.missing)),
                (
                    "points",
                    Value::Array(l.points.iter().map(|p| point(*p)).collect()),
                ),
            ])
        })
        .collect();
    let labels: Vec<Value> = diagram
        .labels
        .iter()
        .map(|l| {
            object(
                [("a", json!(l.a.0)), ("b", json!(l.b.0))]
                    .into_iter()
                    .chain(rect(l.bounds))
                    .chain([("text", json!(l.text)), ("missing", json!(l.missing))]),
            )
        })
        .collect();
    let walls = super::firewalls::walls(plan, super::extent(diagram), super::MARGIN);
    let firewalls: Vec<Value> = walls
        .iter()
        .map(|w| {
            object(
                [("id", json!(w.id.as_str()))]
                    .into_iter()
                    .chain(rect(w.bounds)),
            )
        })
        .collect();
    json!({ "cards": cards, "links": links, "labels": labels, "firewalls": firewalls })
}

/// The diagram as pretty-printed JSON text, ending with a newline.
pub fn text(plan: &Plan, diagram: &Diagram) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&value(plan, diagram)).map(|t| t + "\n")
}
