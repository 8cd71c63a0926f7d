//! Links and labels of a laid-out diagram as SVG: polylines with arrowheads where traffic
//! goes, missing links dashed, labels as boxes at their placed bounds.

use std::fmt::Write as _;

use super::layout::{Diagram, LABEL_FONT};
use crate::escape::markup;
use crate::plan::CanvasPoint;

/// A coordinate rounded to hundredths, so `292.80005` is written `292.8`.
pub fn r(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn arrow_head(out: &mut String, tip: CanvasPoint, from: CanvasPoint) {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = dx.hypot(dy).max(f32::EPSILON);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (tip.x - ux * 12.0, tip.y - uy * 12.0);
    let (sx, sy) = (-uy * 5.0, ux * 5.0);
    writeln!(
        out,
        "<polygon points=\"{},{} {},{} {},{}\" fill=\"#555555\"/>",
        tip.x,
        tip.y,
        bx + sx,
        by + sy,
        bx - sx,
        by - sy
    )
    .ok();
}

/// Every link as a polyline, under the cards and labels.
pub(super) fn links(out: &mut String, diagram: &Diagram) {
    for link in &diagram.links {
        let points: Vec<String> = link
            .points
            .iter()
            .map(|p| format!("{},{}", r(p.x), r(p.y)))
            .collect();
        let (color, dash) = if link.missing {
            ("#cc3333", " stroke-dasharray=\"7 5\"")
        } else if link.has_rules {
            ("#555555", "")
        } else {
            ("#cc3333", "")
        };
        writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"{dash}/>",
            points.join(" ")
        )
        .ok();
        if let ([first, second, ..], [.., before, last]) =
            (link.points.as_slice(), link.points.as_slice())
        {
            if link.forward {
                arrow_head(out, *last, *before);
            }
            if link.backward {
                arrow_head(out, *first, *second);
            }
        }
    }
}

/// A thin dashed line from each label placed away from its link to that link, with a dot where
/// it meets it; under the cards, like the links.
pub(super) fn leaders(out: &mut String, diagram: &Diagram) {
    for (from, to) in super::layout::measure::leaders(diagram)
        .into_iter()
        .flatten()
    {
        writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888888\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#888888\"/>",
            r(from.x),
            r(from.y),
            r(to.x),
            r(to.y),
            r(to.x),
            r(to.y)
        )
        .ok();
    }
}

/// Every label as a box with its text, on top of everything.
pub(super) fn labels(out: &mut String, diagram: &Diagram) {
    for label in &diagram.labels {
        let b = label.bounds;
        let (stroke, fill) = if label.missing {
            ("#cc3333", "#cc3333")
        } else {
            ("#888888", "#222222")
        };
        writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#ffffff\" stroke=\"{stroke}\"/>",
            r(b.min.x),
            r(b.min.y),
            r(b.max.x - b.min.x),
            r(b.max.y - b.min.y)
        )
        .ok();
        let c = b.center();
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{fill}\">{}</text>",
            r(c.x),
            r(c.y + LABEL_FONT / 3.0),
            r(LABEL_FONT),
            markup(&label.text)
        )
        .ok();
    }
}

/// Every "Any" peer's card: dashed, blue-grey, its role's tag, what it is and how many rules
/// end at it (English, as the rest of the SVG).
pub(super) fn peers(out: &mut String, catalog: &crate::catalog::Catalog, diagram: &Diagram) {
    use super::style;
    use crate::i18n::Lang;
    for card in &diagram.cards {
        let Some(peer) = &card.peer else { continue };
        let (x, y) = (card.bounds.min.x, card.bounds.min.y);
        let (w, h) = (card.bounds.max.x - x, card.bounds.max.y - y);
        writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"14\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
            super::hex(style::PEER_FILL),
            super::hex(style::PEER_STROKE)
        )
        .ok();
        let (color, tag) = style::peer_style(peer);
        writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"40\" height=\"22\" rx=\"11\" fill=\"{}\"/>\n<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#ffffff\">{tag}</text>",
            x + 10.0,
            y + 10.0,
            super::hex(color),
            x + 30.0,
            y + 25.0
        )
        .ok();
        let [kind, counts] = style::peer_lines(peer, Lang::En);
        let title = style::peer_title(catalog, peer, Lang::En);
        for (tx, ty, size, fill, text) in [
            (
                x + 58.0,
                y + 26.0,
                14.0,
                "#111111",
                style::clip(&title, w - 66.0, 14.0),
            ),
            (
                x + 10.0,
                y + 50.0,
                11.5,
                "#555555",
                style::clip(&kind, w - 20.0, 11.5),
            ),
            (
                x + 10.0,
                y + 70.0,
                11.5,
                "#555555",
                style::clip(&counts, w - 20.0, 11.5),
            ),
        ] {
            writeln!(
                out,
                "<text x=\"{tx}\" y=\"{ty}\" font-size=\"{size}\" fill=\"{fill}\">{}</text>",
                markup(&text)
            )
            .ok();
        }
    }
}
