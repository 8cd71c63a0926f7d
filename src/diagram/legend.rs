//! The diagram's title block and legend: the plan's name, product and catalog (a diagram handed
//! over must say what it shows), then what a wall, an arrow, a red or dashed link, a label's
//! leader, an Edge's coloured sides and a dashed "Any" peer card mean. It sits below everything
//! else, right of the internal firewall's wall, so it covers no card, link, label or wall; it is
//! not a card (the JSON geometry does not list it).

use std::fmt::Write as _;

use super::layout::{self, Diagram};
use crate::plan::CanvasPoint;
use crate::plan::layout::{Bounds, INTERNAL_X};

const WIDTH: f32 = 420.0;
const ROW: f32 = 22.0;
/// The title block's two rows (name, product and catalog) above the legend.
const TITLE: f32 = ROW * 2.0 + 8.0;
/// The title block, the legend's heading row plus one row per entry, and a little padding.
const HEIGHT: f32 = TITLE + ROW * 8.0 + 12.0;
/// Between the content's bottom and the legend.
const GAP: f32 = 30.0;
/// Right of the internal wall (half a wall wide) and its interface name's start.
const LEFT: f32 = INTERNAL_X + 20.0;

/// The legend in words, for a drawing that shows no samples (the draw.io file).
pub const WORDS: [&str; 8] = [
    "Legend",
    "Hatched bar: a firewall (name above, interfaces beside)",
    "Link: the arrow points the way traffic goes",
    "Dashed red: a missing link (Add link)",
    "Solid red: a link that carries no Lync traffic",
    LEADER,
    "Edge: red side external, green side internal",
    PEER,
];

/// What a label's leader is, in the legend.
const LEADER: &str = "Dashed grey: the link a label further away names";

/// The title block's two rows: the plan's name, then its product and the catalog it was
/// derived with (plain text: the caller escapes it for its format).
pub fn title(plan: &crate::plan::Plan, catalog: &crate::catalog::Catalog) -> [String; 2] {
    [
        crate::escape::one_line(&plan.name),
        format!("{} · catalog {}", plan.product.name(), catalog.label()),
    ]
}

/// What a peer card is, in the legend.
const PEER: &str = "Dashed card: an \"Any\" end (Internet, users, hosts)";

/// Where the legend goes: below the diagram's content (cards, links, labels).
pub fn bounds(diagram: &Diagram) -> Bounds {
    let bottom = layout::content_bounds(diagram).map_or(0.0, |c| c.max.y);
    Bounds {
        min: CanvasPoint {
            x: LEFT,
            y: bottom + GAP,
        },
        max: CanvasPoint {
            x: LEFT + WIDTH,
            y: bottom + GAP + HEIGHT,
        },
    }
}

/// Draw the title block and legend at [`bounds`].
pub(super) fn draw(out: &mut String, title: &[String; 2], diagram: &Diagram) {
    let b = bounds(diagram);
    let (x, top) = (b.min.x, b.min.y);
    let [name, product] = title;
    writeln!(
        out,
        "<g class=\"legend\">\n<rect x=\"{x}\" y=\"{top}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" rx=\"6\" fill=\"#ffffff\" stroke=\"#999999\"/>\n<clipPath id=\"legend-title\"><rect x=\"{x}\" y=\"{top}\" width=\"{}\" height=\"{TITLE}\"/></clipPath>\n<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" fill=\"#111111\" clip-path=\"url(#legend-title)\">{}</text>\n<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#555555\" clip-path=\"url(#legend-title)\">{}</text>\n<line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999999\"/>",
        // The estimate of `clip` is for Latin text: wider text (CJK) is cut at the box.
        WIDTH - 10.0,
        x + 10.0,
        top + 21.0,
        crate::escape::markup(&super::style::clip(name, WIDTH - 20.0, 15.0)),
        x + 10.0,
        top + 40.0,
        crate::escape::markup(&super::style::clip(product, WIDTH - 20.0, 12.0)),
        top + TITLE,
        x + WIDTH,
        top + TITLE
    )
    .ok();
    let y = top + TITLE;
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#333333\">Legend</text>",
        x + 10.0,
        y + 18.0
    )
    .ok();
    // Each row: a sample at the left, its meaning to the right.
    let (sx, tx) = (x + 12.0, x + 72.0);
    let row = |i: f32| y + 6.0 + ROW * i + ROW / 2.0;
    // A short piece of wall, lying down.
    let (r1, r2, r3, r4) = (row(1.0), row(2.0), row(3.0), row(4.0));
    let (leader, r5, r6) = (row(5.0), row(6.0), row(7.0));
    writeln!(
        out,
        "<rect x=\"{sx}\" y=\"{}\" width=\"48\" height=\"10\" fill=\"#f3d9d2\" stroke=\"#7a3426\"/>\n<line x1=\"{}\" y1=\"{r1}\" x2=\"{}\" y2=\"{r1}\" stroke=\"#b5533c\" stroke-width=\"8\" stroke-dasharray=\"10 2\"/>",
        r1 - 5.0,
        sx + 1.0,
        sx + 47.0
    )
    .ok();
    // A link with its arrowhead.
    writeln!(
        out,
        "<line x1=\"{sx}\" y1=\"{r2}\" x2=\"{}\" y2=\"{r2}\" stroke=\"#555555\" stroke-width=\"2\"/>\n<polygon points=\"{},{r2} {},{} {},{}\" fill=\"#555555\"/>",
        sx + 38.0,
        sx + 48.0,
        sx + 36.0,
        r2 - 5.0,
        sx + 36.0,
        r2 + 5.0
    )
    .ok();
    for (ry, dash) in [(r3, " stroke-dasharray=\"7 5\""), (r4, "")] {
        writeln!(
            out,
            "<line x1=\"{sx}\" y1=\"{ry}\" x2=\"{}\" y2=\"{ry}\" stroke=\"#cc3333\" stroke-width=\"2\"{dash}/>",
            sx + 48.0
        )
        .ok();
    }
    // A label's leader: dashed grey, a dot at the link's end.
    writeln!(
        out,
        "<line x1=\"{sx}\" y1=\"{leader}\" x2=\"{}\" y2=\"{leader}\" stroke=\"#888888\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n<circle cx=\"{}\" cy=\"{leader}\" r=\"3\" fill=\"#888888\"/>",
        sx + 45.0,
        sx + 45.0
    )
    .ok();
    // A small Edge card: outside red, inside green.
    writeln!(
        out,
        "<rect x=\"{sx}\" y=\"{}\" width=\"48\" height=\"16\" rx=\"3\" fill=\"#ffffff\" stroke=\"#666666\"/>\n<rect x=\"{sx}\" y=\"{}\" width=\"5\" height=\"16\" fill=\"#b05050\"/>\n<rect x=\"{}\" y=\"{}\" width=\"5\" height=\"16\" fill=\"#409060\"/>",
        r5 - 8.0,
        r5 - 8.0,
        sx + 43.0,
        r5 - 8.0
    )
    .ok();
    // A small peer card: dashed, blue-grey.
    writeln!(
        out,
        "<rect x=\"{sx}\" y=\"{}\" width=\"48\" height=\"16\" rx=\"6\" fill=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>",
        r6 - 8.0,
        super::hex(super::style::PEER_FILL),
        super::hex(super::style::PEER_STROKE)
    )
    .ok();
    for (ry, text) in [
        (r6, PEER),
        (r1, "Firewall (its name above, interfaces beside it)"),
        (r2, "Link: the arrow points the way traffic goes"),
        (r3, "Dashed red: a missing link (Add link)"),
        (r4, "Solid red: a link that carries no Lync traffic"),
        (leader, LEADER),
        (r5, "Edge: red side external, green side internal"),
    ] {
        writeln!(
            out,
            "<text x=\"{tx}\" y=\"{}\" font-size=\"12\" fill=\"#333333\">{text}</text>",
            ry + 4.0
        )
        .ok();
    }
    out.push_str("</g>\n");
}
