//! The laid-out diagram as a diagrams.net (draw.io) file: uncompressed mxfile XML, which
//! draw.io opens, edits and converts to Visio. Cell order is drawing order: zone bands, firewall
//! walls, links, cards, labels, legend, as in the SVG.
//!
//! Labels are text cells at the boxes the layout placed them in, not the edges' values: draw.io
//! would put an edge's value at the edge's middle, where the layout found it collides with
//! cards, labels or other links. Values are plain text (never `html=1`), every user text
//! escaped for an XML attribute, so markup in a label stays characters on the page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::diagram::layout::{self, Diagram};
use crate::diagram::{self as dia, firewalls, style};
use crate::escape::markup;
use crate::plan::layout::Bounds;
use crate::plan::{CanvasPoint, Plan};

/// A coordinate rounded to hundredths, as the SVG and the JSON geometry write it.
fn r(v: f32) -> f32 {
    dia::draw::r(v)
}

/// Lines of text as one attribute value, each line escaped, joined by an escaped newline.
fn lines(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| markup(p))
        .collect::<Vec<_>>()
        .join("&#10;")
}

/// A dashed leader from each label placed away from its link (as the SVG draws it): it starts
/// at the label's cell, so it follows the label when the label is moved.
fn leaders(out: &mut String, diagram: &Diagram) {
    let leaders = crate::diagram::layout::measure::leaders(diagram);
    for (i, (label, leader)) in diagram.labels.iter().zip(leaders).enumerate() {
        let Some((from, to)) = leader else {
            continue;
        };
        // Where on the label it starts, as a fraction of its box (draw.io would otherwise start
        // it on the outline towards the end, which is not the line checked clear of cards).
        let b = label.bounds;
        let f = |v: f32| (v * 10_000.0).round() / 10_000.0;
        let ex = f((from.x - b.min.x) / (b.max.x - b.min.x).max(1.0));
        let ey = f((from.y - b.min.y) / (b.max.y - b.min.y).max(1.0));
        writeln!(
            out,
            "        <mxCell id=\"leader-{i}\" value=\"\" style=\"edgeStyle=none;html=0;rounded=0;endArrow=oval;endSize=6;endFill=1;startArrow=none;strokeColor=#888888;strokeWidth=1;dashed=1;exitX={ex};exitY={ey};exitPerimeter=0;\" edge=\"1\" parent=\"1\" source=\"label-{i}\">\n          <mxGeometry relative=\"1\" as=\"geometry\">\n            <mxPoint x=\"{}\" y=\"{}\" as=\"sourcePoint\"/>\n            <mxPoint x=\"{}\" y=\"{}\" as=\"targetPoint\"/>\n          </mxGeometry>\n        </mxCell>",
            r(from.x),
            r(from.y),
            r(to.x),
            r(to.y)
        )
        .ok();
    }
}

/// One vertex cell with a box geometry (`parent` relative for children of a card).
fn vertex(out: &mut String, id: &str, parent: &str, value: &str, style: &str, b: Bounds) {
    writeln!(
        out,
        "        <mxCell id=\"{id}\" value=\"{value}\" style=\"{style}\" vertex=\"1\" parent=\"{parent}\">\n          <mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>\n        </mxCell>",
        r(b.min.x),
        r(b.min.y),
        r(b.max.x - b.min.x),
        r(b.max.y - b.min.y)
    )
    .ok();
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Bounds {
    Bounds {
        min: CanvasPoint { x, y },
        max: CanvasPoint { x: x + w, y: y + h },
    }
}

/// The export: the whole plan's diagram, laid out as the SVG lays it out. A scope (one
/// firewall, some nodes) does not cut the picture: its links would read "no Lync traffic".
pub fn render(report: &Report<'_>) -> String {
    let rules = crate::rules::derive(report.plan, report.catalog);
    // The report's findings are the whole plan's already.
    let missing = layout::missing_links(report.findings);
    let diagram = layout::layout(report.plan, report.catalog, &rules, &missing);
    let mut out = document(report.plan, report.catalog, &diagram);
    // Like the config formats, a plan with errors says so at the top (an XML comment: finding
    // kinds are fixed ids, and `--` is kept out of it anyway).
    if let Some((n, kinds)) = super::text::errors(report.findings) {
        let warning = format!(
            "<!-- WARNING: this plan has {n} error finding(s) ({}). Run lync-port-planner check and fix them before relying on this diagram. -->\n",
            kinds.replace("--", "- -")
        );
        let at = out.find('\n').map_or(0, |i| i + 1);
        out.insert_str(at, &warning);
    }
    out
}

/// The mxfile of `plan` laid out as `diagram`.
pub fn document(plan: &Plan, catalog: &crate::catalog::Catalog, diagram: &Diagram) -> String {
    let extent = dia::extent(diagram);
    let (w, h) = (extent.max.x - extent.min.x, extent.max.y - extent.min.y);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<mxfile host=\"lync-port-planner\" type=\"device\">\n");
    writeln!(
        out,
        "  <diagram id=\"plan\" name=\"{}\">\n    <mxGraphModel grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" pageWidth=\"{}\" pageHeight=\"{}\" math=\"0\" shadow=\"0\">\n      <root>\n        <mxCell id=\"0\"/>\n        <mxCell id=\"1\" parent=\"0\"/>",
        markup(&plan.name),
        r(w).ceil(),
        r(h).ceil()
    )
    .ok();
    zones(&mut out, extent);
    walls(&mut out, plan, extent);
    let cards: BTreeMap<&crate::plan::NodeId, (usize, Bounds)> = diagram
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, (i, c.bounds)))
        .collect();
    for (i, link) in diagram.links.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (cards.get(&link.a), cards.get(&link.b)) {
            edge(&mut out, i, link, a, b);
        }
    }
    leaders(&mut out, diagram);
    for (i, card) in diagram.cards.iter().enumerate() {
        if let Some(peer) = &card.peer {
            peer_cells(&mut out, i, catalog, peer, card.bounds);
        } else if let Some(node) = plan.nodes.get(&card.id) {
            card_cells(&mut out, i, catalog, node, card.bounds);
        }
    }
    for (i, label) in diagram.labels.iter().enumerate() {
        let (stroke, font) = if label.missing {
            ("#cc3333", "#cc3333")
        } else {
            ("#888888", "#222222")
        };
        vertex(
            &mut out,
            &format!("label-{i}"),
            "1",
            &markup(&label.text),
            &format!(
                "text;html=0;rounded=1;align=center;verticalAlign=middle;fontSize={};fillColor=#ffffff;strokeColor={stroke};fontColor={font};",
                crate::diagram::layout::LABEL_FONT
            ),
            label.bounds,
        );
    }
    // The legend in words where the SVG draws it: below everything, overlapping nothing.
    vertex(
        &mut out,
        "legend",
        "1",
        &lines(
            &(dia::legend::title(plan, catalog).iter())
                .map(String::as_str)
                .chain(dia::legend::WORDS)
                .collect::<Vec<_>>(),
        ),
        "text;html=0;rounded=1;align=left;verticalAlign=top;spacingLeft=10;spacingTop=6;fontSize=12;fontColor=#333333;fillColor=#ffffff;strokeColor=#999999;",
        dia::legend::bounds(diagram),
    );
    out.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    out
}

/// The zone bands, their titles at the top.
fn zones(out: &mut String, extent: Bounds) {
    for (i, band) in dia::bands_of(extent).iter().enumerate() {
        if band.right <= band.left {
            continue;
        }
        vertex(
            out,
            &format!("zone-{i}"),
            "1",
            band.title,
            &format!(
                "rounded=0;html=0;fillColor={};strokeColor=#999999;dashed=1;verticalAlign=top;spacingTop={};fontSize=20;fontColor=#777777;",
                band.fill,
                dia::MARGIN
            ),
            Bounds {
                min: CanvasPoint {
                    x: band.left,
                    y: extent.min.y,
                },
                max: CanvasPoint {
                    x: band.right,
                    y: extent.max.y,
                },
            },
        );
    }
}

/// Each wall with its firewall's name above it and its interface names on either side.
fn walls(out: &mut String, plan: &Plan, extent: Bounds) {
    let list = plan.firewalls.list();
    for (i, wall) in firewalls::walls(plan, extent, dia::MARGIN)
        .iter()
        .enumerate()
    {
        let name = list.iter().find(|f| f.id == wall.id).map_or("", |f| f.name);
        let id = format!("firewall-{i}");
        vertex(
            out,
            &id,
            "1",
            &markup(name),
            "rounded=0;html=0;fillColor=#f3d9d2;strokeColor=#7a3426;fillStyle=hatch;verticalLabelPosition=top;verticalAlign=bottom;labelPosition=center;align=center;fontStyle=1;fontSize=12;fontColor=#7a3426;",
            wall.bounds,
        );
        let b = wall.bounds;
        for (side, x, align, text) in [
            ("outside", b.min.x - 124.0, "right", wall.interfaces.0),
            ("inside", b.max.x + 4.0, "left", wall.interfaces.1),
        ] {
            vertex(
                out,
                &format!("{id}-{side}"),
                "1",
                &markup(text),
                &format!(
                    "text;html=0;align={align};verticalAlign=middle;fontSize=11;fontColor=#7a3426;"
                ),
                rect(x, b.min.y + 4.0, 120.0, 16.0),
            );
        }
    }
}

/// One link: an edge between the two card cells, leaving and entering where the layout's
/// polyline does, its bends as points; arrows where traffic goes, dashed when missing.
fn edge(
    out: &mut String,
    i: usize,
    link: &layout::Link,
    (a, ca): (usize, Bounds),
    (b, cb): (usize, Bounds),
) {
    let (Some(first), Some(last)) = (link.points.first(), link.points.last()) else {
        return;
    };
    // Where on the card the end sits, as a fraction of its box (draw.io's fixed connection).
    let fraction = |p: &CanvasPoint, c: Bounds| {
        let f = |v: f32| (v * 10_000.0).round() / 10_000.0;
        (
            f((p.x - c.min.x) / (c.max.x - c.min.x).max(1.0)),
            f((p.y - c.min.y) / (c.max.y - c.min.y).max(1.0)),
        )
    };
    let (ex, ey) = fraction(first, ca);
    let (nx, ny) = fraction(last, cb);
    let colour = if link.missing || !link.has_rules {
        "#cc3333"
    } else {
        "#555555"
    };
    let arrow = |on: bool| if on { "block" } else { "none" };
    writeln!(
        out,
        "        <mxCell id=\"link-{i}\" value=\"\" style=\"edgeStyle=none;html=0;rounded=0;endArrow={};startArrow={};endFill=1;startFill=1;strokeColor={colour};strokeWidth=2;dashed={};exitX={ex};exitY={ey};exitPerimeter=0;entryX={nx};entryY={ny};entryPerimeter=0;\" edge=\"1\" parent=\"1\" source=\"card-{a}\" target=\"card-{b}\">\n          <mxGeometry relative=\"1\" as=\"geometry\">\n            <mxPoint x=\"{}\" y=\"{}\" as=\"sourcePoint\"/>\n            <mxPoint x=\"{}\" y=\"{}\" as=\"targetPoint\"/>",
        arrow(link.forward),
        arrow(link.backward),
        u8::from(link.missing),
        r(first.x),
        r(first.y),
        r(last.x),
        r(last.y)
    )
    .ok();
    let inner = link
        .points
        .get(1..link.points.len().saturating_sub(1))
        .unwrap_or_default();
    if !inner.is_empty() {
        out.push_str("            <Array as=\"points\">\n");
        for p in inner {
            writeln!(
                out,
                "              <mxPoint x=\"{}\" y=\"{}\"/>",
                r(p.x),
                r(p.y)
            )
            .ok();
        }
        out.push_str("            </Array>\n");
    }
    out.push_str("          </mxGeometry>\n        </mxCell>\n");
}

/// A card: a box outlined in its role's colour with the title; the role's tag as a coloured
/// child box, the FQDN and badge as child text cells, an Edge's outside (red) and inside
/// (green) sides as child boxes.
fn card_cells(
    out: &mut String,
    i: usize,
    catalog: &crate::catalog::Catalog,
    node: &crate::plan::Node,
    b: Bounds,
) {
    let (colour, tag) = style::role_style(&node.role);
    let id = format!("card-{i}");
    let badge = style::card_badge(catalog, node);
    vertex(
        out,
        &id,
        "1",
        &markup(&node.label),
        &format!(
            "rounded=1;arcSize=6;html=0;whiteSpace=wrap;overflow=hidden;fillColor=#ffffff;strokeColor={};strokeWidth=2;align=left;verticalAlign=top;spacingLeft=58;spacingTop=11;fontSize=14;fontColor=#111111;",
            dia::hex(colour)
        ),
        b,
    );
    let (w, h) = (b.max.x - b.min.x, b.max.y - b.min.y);
    // Children of a vertex are placed relative to its corner.
    vertex(
        out,
        &format!("{id}-role"),
        &id,
        tag,
        &format!(
            "rounded=1;html=0;fillColor={};strokeColor=none;fontColor=#ffffff;fontSize=11;align=center;verticalAlign=middle;movable=0;",
            dia::hex(colour)
        ),
        rect(10.0, 10.0, 40.0, 22.0),
    );
    // The FQDN and the badge under the title, the card's full width (the title sits beside the
    // tag), as the SVG draws them.
    small_lines(
        out,
        &id,
        w,
        [("fqdn", style::card_fqdn(node)), ("badge", &badge)],
    );
    if node.role == "edge" {
        for (side, x, fill) in [("outside", 0.0, "#b05050"), ("inside", w - 6.0, "#409060")] {
            vertex(
                out,
                &format!("{id}-{side}"),
                &id,
                "",
                &format!("rounded=0;html=0;fillColor={fill};strokeColor=none;movable=0;"),
                rect(x, 0.0, 6.0, h),
            );
        }
    }
}

/// An "Any" peer's card: dashed, blue-grey, its tag as a child box, what it is and its counts
/// as child text cells (English, as the SVG).
fn peer_cells(
    out: &mut String,
    i: usize,
    catalog: &crate::catalog::Catalog,
    peer: &layout::Peer,
    b: Bounds,
) {
    use crate::i18n::Lang;
    let (colour, tag) = style::peer_style(peer);
    let id = format!("card-{i}");
    vertex(
        out,
        &id,
        "1",
        &markup(&style::peer_title(catalog, peer, Lang::En)),
        &format!(
            "rounded=1;arcSize=16;dashed=1;html=0;whiteSpace=wrap;overflow=hidden;fillColor={};strokeColor={};strokeWidth=2;align=left;verticalAlign=top;spacingLeft=58;spacingTop=11;fontSize=14;fontColor=#111111;",
            dia::hex(style::PEER_FILL),
            dia::hex(style::PEER_STROKE)
        ),
        b,
    );
    vertex(
        out,
        &format!("{id}-role"),
        &id,
        tag,
        &format!(
            "rounded=1;arcSize=50;html=0;fillColor={};strokeColor=none;fontColor=#ffffff;fontSize=11;align=center;verticalAlign=middle;movable=0;",
            dia::hex(colour)
        ),
        rect(10.0, 10.0, 40.0, 22.0),
    );
    let w = b.max.x - b.min.x;
    let [kind, counts] = style::peer_lines(peer, Lang::En);
    small_lines(out, &id, w, [("kind", &kind), ("counts", &counts)]);
}

/// A card's two small lines under its title, the card's full width, as the SVG draws them.
fn small_lines(out: &mut String, id: &str, w: f32, lines: [(&str, &str); 2]) {
    for ((part, text), y) in lines.into_iter().zip([38.0, 58.0]) {
        vertex(
            out,
            &format!("{id}-{part}"),
            id,
            &markup(text),
            "text;html=0;align=left;verticalAlign=middle;overflow=hidden;fontSize=11;fontColor=#555555;movable=0;",
            rect(10.0, y, w - 20.0, 20.0),
        );
    }
}
