//! The plan as a diagram: SVG drawn from the plan model (never a screenshot), and PNG rendered
//! from that SVG with the font egui ships, so the output is the same on every machine.

pub mod draw;
pub mod firewalls;
pub mod json;
pub mod layout;
pub mod legend;
pub mod style;

use std::fmt::Write as _;

use crate::catalog::Catalog;
use crate::escape::markup;
use crate::plan::layout::{Bounds, CARD_HEIGHT, CARD_WIDTH, INTERNAL_X, PERIMETER_X};
use crate::plan::{CanvasPoint, Plan};
use crate::rules::RuleSet;

pub use layout::Diagram;

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DiagramError {
    /// The SVG could not be parsed (a defect: we wrote it).
    #[error("cannot render the diagram: {message}")]
    Render {
        /// What went wrong.
        message: String,
    },
}

/// Most pixels on a side of the PNG; larger plans are scaled down to fit.
pub const MAX_PNG_SIDE: f32 = 8000.0;
const FONT: &str = "Ubuntu";
/// Blank edge around the diagram.
pub const MARGIN: f32 = 40.0;

/// A colour as `#rrggbb`.
pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The laid-out diagram of a plan: cards, routed links (and the missing links its findings
/// ask for) and placed labels. What the SVG, the PNG and `render --output FILE.json` draw.
pub fn diagram(plan: &Plan, catalog: &Catalog, rules: &RuleSet) -> Diagram {
    let findings = crate::findings::check(plan, catalog, rules);
    layout::layout(plan, catalog, rules, &layout::missing_links(&findings))
}

/// The area the diagram covers: every card, link and label, the three zone titles above and
/// the legend below.
pub fn extent(diagram: &Diagram) -> Bounds {
    let content = layout::content_bounds(diagram);
    let top = diagram
        .cards
        .iter()
        .map(|c| c.bounds.min.y)
        .reduce(f32::min)
        .unwrap_or(0.0)
        - 110.0;
    let titles = Bounds {
        min: CanvasPoint {
            x: PERIMETER_X - 190.0,
            y: top,
        },
        max: CanvasPoint {
            x: INTERNAL_X + 360.0,
            y: top + 40.0,
        },
    };
    let all = content
        .map_or(titles, |c| c.union(titles))
        .union(legend::bounds(diagram));
    Bounds {
        min: CanvasPoint {
            x: all.min.x - MARGIN,
            y: all.min.y - MARGIN,
        },
        max: CanvasPoint {
            x: all.max.x + MARGIN,
            y: all.max.y + MARGIN,
        },
    }
}

/// The whole plan as a standalone SVG document.
pub fn svg(plan: &Plan, catalog: &Catalog, rules: &RuleSet) -> String {
    svg_of(plan, catalog, &diagram(plan, catalog, rules))
}

/// The SVG of a plan laid out as `diagram`.
pub fn svg_of(plan: &Plan, catalog: &Catalog, diagram: &Diagram) -> String {
    let b = extent(diagram);
    let (w, h) = (b.max.x - b.min.x, b.max.y - b.min.y);
    let mut out = String::new();
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"{FONT}, DejaVu Sans, sans-serif\">",
        b.min.x, b.min.y
    ).ok();
    writeln!(out, "<title>{}</title>", markup(&plan.name)).ok();
    writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>",
        b.min.x, b.min.y
    )
    .ok();
    bands(&mut out, b);
    firewalls::draw(&mut out, plan, b, MARGIN);
    draw::links(&mut out, diagram);
    draw::leaders(&mut out, diagram);
    for node in plan.nodes.values() {
        card(&mut out, catalog, node);
    }
    draw::peers(&mut out, catalog, diagram);
    draw::labels(&mut out, diagram);
    legend::draw(&mut out, &legend::title(plan, catalog), diagram);
    out.push_str("</svg>\n");
    out
}

/// One zone band of the diagram: its left and right edge, fill colour, title and the title's
/// centre (the SVG and the draw.io export draw the same bands).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Left edge.
    pub left: f32,
    /// Right edge.
    pub right: f32,
    /// Fill colour, `#rrggbb`.
    pub fill: &'static str,
    /// The zone's name.
    pub title: &'static str,
    /// Where the title is centred across.
    pub title_x: f32,
}

/// The three zone bands of a diagram covering `b` (`extent`), outside in; a band may be empty
/// (`right <= left`) when no content reaches it.
pub fn bands_of(b: Bounds) -> [Band; 3] {
    [
        Band {
            left: b.min.x.min(PERIMETER_X),
            right: PERIMETER_X,
            fill: "#fbeaea",
            title: "Internet",
            title_x: PERIMETER_X - 100.0,
        },
        Band {
            left: PERIMETER_X,
            right: INTERNAL_X,
            fill: "#fdf3e1",
            title: "Perimeter",
            title_x: f32::midpoint(PERIMETER_X, INTERNAL_X),
        },
        Band {
            left: INTERNAL_X,
            right: b.max.x.max(INTERNAL_X),
            fill: "#e8f5ee",
            title: "Internal",
            title_x: INTERNAL_X + 175.0,
        },
    ]
}

fn bands(out: &mut String, b: Bounds) {
    let (top, bottom) = (b.min.y, b.max.y);
    let title_y = top + MARGIN + 20.0;
    for band in bands_of(b) {
        let Band {
            left,
            right,
            fill,
            title,
            title_x,
        } = band;
        if right > left {
            writeln!(
                out,
                "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
                right - left,
                bottom - top
            )
            .ok();
        }
        writeln!(out, "<text x=\"{title_x}\" y=\"{title_y}\" font-size=\"20\" text-anchor=\"middle\" fill=\"#777777\">{title}</text>").ok();
    }
    for x in [PERIMETER_X, INTERNAL_X] {
        writeln!(out, "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"#999999\" stroke-width=\"1.5\" stroke-dasharray=\"8 6\"/>").ok();
    }
}

fn card(out: &mut String, catalog: &Catalog, node: &crate::plan::Node) {
    let b = Bounds::card(node.position);
    let (color, tag) = style::role_style(&node.role);
    let (x, y) = (b.min.x, b.min.y);
    writeln!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" rx=\"6\" fill=\"#ffffff\" stroke=\"#666666\" stroke-width=\"1.2\"/>",
    ).ok();
    if node.role == "edge" {
        writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"6\" height=\"{CARD_HEIGHT}\" fill=\"#b05050\"/>",
        )
        .ok();
        writeln!(
            out,
            "<rect x=\"{}\" y=\"{y}\" width=\"6\" height=\"{}\" fill=\"#409060\"/>",
            b.max.x - 6.0,
            CARD_HEIGHT
        )
        .ok();
    }
    writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"40\" height=\"22\" rx=\"4\" fill=\"{}\"/>",
        x + 10.0,
        y + 10.0,
        hex(color)
    )
    .ok();
    writeln!(out, "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#ffffff\">{tag}</text>", x + 30.0, y + 25.0).ok();
    let lines = [
        (
            x + 58.0,
            y + 26.0,
            14.0,
            "#111111",
            style::clip(&node.label, CARD_WIDTH - 66.0, 14.0),
        ),
        (
            x + 10.0,
            y + 50.0,
            11.5,
            "#555555",
            style::clip(style::card_fqdn(node), CARD_WIDTH - 20.0, 11.5),
        ),
        (
            x + 10.0,
            y + 70.0,
            11.5,
            "#555555",
            style::clip(&style::card_badge(catalog, node), CARD_WIDTH - 20.0, 11.5),
        ),
    ];
    for (tx, ty, size, fill, text) in lines {
        writeln!(
            out,
            "<text x=\"{tx}\" y=\"{ty}\" font-size=\"{size}\" fill=\"{fill}\">{}</text>",
            markup(&text)
        )
        .ok();
    }
}

/// Noto Sans CJK TC, subset (`assets/fonts/build-cjk-subset.py`): common Traditional Chinese
/// and Hangul. The window's fallback font, and the PNG's for names in Chinese or Korean (which
/// printed as empty boxes with the Latin font alone).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKtc-subset.otf");

/// The diagram as PNG: the SVG rendered at `scale` (shrunk to fit [`MAX_PNG_SIDE`]).
pub fn png(
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
    scale: f32,
) -> Result<Vec<u8>, DiagramError> {
    let render = |message: String| DiagramError::Render { message };
    let mut options = resvg::usvg::Options {
        font_family: FONT.to_owned(),
        ..resvg::usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    fonts.load_font_data(CJK_FONT.to_vec());
    let tree = resvg::usvg::Tree::from_str(&svg(plan, catalog, rules), &options)
        .map_err(|e| render(e.to_string()))?;
    let size = tree.size();
    let scale = scale
        .min(MAX_PNG_SIDE / size.width().max(size.height()))
        .max(0.01);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "bounded by MAX_PNG_SIDE"
    )]
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| render("empty image".to_owned()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| render(e.to_string()))?;
        // The pixmap is premultiplied; the background is opaque white, so this is straight RGBA.
        writer
            .write_image_data(pixmap.data())
            .map_err(|e| render(e.to_string()))?;
    }
    Ok(bytes)
}
