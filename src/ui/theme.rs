//! Colours and sizes of the canvas: the only place that names a colour.

use eframe::egui::Color32;

use crate::topology::Zone;

/// Radius of the link handle on a card's edge.
pub const HANDLE_RADIUS: f32 = 7.0;
/// The smallest a card's title may be on screen, in points: below it, it is hard to read.
pub const MIN_TITLE_PX: f32 = 11.0;
/// Font sizes of a card's title (canvas units), from 14 at a readable zoom up to the size that
/// is still 11 points on screen at `DETAIL_ZOOM`. A few fixed sizes, not one per zoom: each size
/// puts its own glyphs in the font atlas.
const TITLE_SIZES: [f32; 7] = [14.0, 15.5, 17.0, 19.0, 21.5, 24.5, 28.0];

/// The font size of a card's title at `zoom` (canvas units): 14, or larger when zoomed out so
/// that it stays at least [`MIN_TITLE_PX`] on screen (clipped to the card's width).
pub fn card_title_size(zoom: f32) -> f32 {
    TITLE_SIZES
        .iter()
        .copied()
        .find(|s| s * zoom >= MIN_TITLE_PX)
        .unwrap_or(TITLE_SIZES[TITLE_SIZES.len() - 1])
}
/// The size on screen, in points, of a zoomed-out card's name (on its coloured box).
pub const OUTLINE_NAME_PX: f32 = 9.5;
/// Font sizes (canvas units) of a zoomed-out card's name: fixed steps, as `TITLE_SIZES`.
const OUTLINE_NAME_SIZES: [f32; 9] = [26.0, 29.0, 32.0, 35.0, 39.0, 44.0, 50.0, 57.0, 66.0];

/// The font size of a zoomed-out card's name at `zoom` (canvas units), so that it is about
/// [`OUTLINE_NAME_PX`] on screen; `None` zoomed out so far that no step reaches it (the boxes
/// are then too small for a row anyway).
pub fn outline_name_size(zoom: f32) -> Option<f32> {
    OUTLINE_NAME_SIZES
        .iter()
        .copied()
        .find(|s| s * zoom >= OUTLINE_NAME_PX)
}

/// Zoom below which cards are drawn as coloured boxes and links without labels: card text
/// (11.5-14 points) would be under about 5 screen pixels, too small to read.
pub const DETAIL_ZOOM: f32 = 0.4;
/// Side of a link's bend square, in screen points.
pub const BEND_HANDLE: f32 = 8.0;
/// Distance in screen points within which a link counts as hovered.
pub const LINK_HOVER_DISTANCE: f32 = 6.0;
/// Widest texture the window asks for. egui's glyph atlas starts as wide as the renderer allows
/// (16,384 pixels in Mesa's software renderer) and 32 rows high: 2 MiB, kept twice (ours and the
/// renderer's copy). 4,096 still holds 16 million glyph pixels; the window peaked 3.3 MiB lower.
pub const MAX_TEXTURE_SIDE: usize = 4096;

/// Accent colour and short tag of a role (the card's icon), from the shared diagram style.
pub fn role_style(role: &str) -> (Color32, &'static str) {
    let ([r, g, b], tag) = crate::diagram::style::role_style(role);
    (Color32::from_rgb(r, g, b), tag)
}

/// Background tint of a zone band.
pub fn zone_fill(zone: Zone) -> Color32 {
    match zone {
        Zone::Internet => Color32::from_rgba_unmultiplied(0xd0, 0x60, 0x60, 18),
        Zone::Perimeter => Color32::from_rgba_unmultiplied(0xe0, 0xa0, 0x30, 18),
        Zone::Internal => Color32::from_rgba_unmultiplied(0x40, 0xa0, 0x70, 18),
    }
}

/// The window icon's Internet, perimeter and internal bands.
pub const ICON_BANDS: [Color32; 3] = [
    Color32::from_rgb(0xc0, 0x50, 0x50),
    Color32::from_rgb(0xd8, 0x98, 0x28),
    Color32::from_rgb(0x38, 0x98, 0x68),
];
/// The link across the window icon.
pub const ICON_LINK: Color32 = Color32::WHITE;

/// Colour of a zone band's title.
pub const ZONE_TITLE: Color32 = Color32::from_gray(150);
/// Behind a zone title, which stays on top of the cards.
pub const ZONE_TITLE_FILL: Color32 = Color32::from_rgba_premultiplied(16, 16, 16, 200);
/// Card fill.
pub const CARD_FILL: Color32 = Color32::from_gray(38);
/// Card outline.
pub const CARD_STROKE: Color32 = Color32::from_gray(90);
/// Outline of a selected card or link.
pub const SELECTED: Color32 = Color32::from_rgb(0xff, 0xd5, 0x4f);
/// A link.
pub const LINK: Color32 = Color32::from_gray(160);
/// A label's leader to its link: fainter than a link, so it does not read as one.
pub const LEADER: Color32 = Color32::from_gray(120);
/// A link with an error finding, or a missing link.
pub const PROBLEM: Color32 = Color32::from_rgb(0xe0, 0x55, 0x55);

/// A link's colour while port-test results are loaded: green passed, red failed, dim untested.
pub fn port_test(status: crate::porttest::results::Status) -> Color32 {
    use crate::porttest::results::Status;
    match status {
        Status::Passed => Color32::from_rgb(0x4c, 0xc3, 0x6a),
        Status::Failed => Color32::from_rgb(0xff, 0x45, 0x45),
        Status::Untested => Color32::from_gray(95),
    }
}
/// Secondary text on cards.
pub const WEAK_TEXT: Color32 = Color32::from_gray(170);
/// Fill of an "Any" peer card on the canvas.
pub const PEER_FILL: Color32 = Color32::from_rgb(30, 38, 52);
/// Its dashed border.
pub const PEER_BORDER: Color32 = Color32::from_rgb(130, 150, 180);
/// Port label background.
pub const LABEL_FILL: Color32 = Color32::from_rgba_premultiplied(20, 20, 20, 230);
/// Rubber-band selection.
pub const RUBBER_BAND: Color32 = Color32::from_rgba_premultiplied(60, 90, 140, 60);
/// Colour of a finding severity in lists.
pub fn severity_color(severity: crate::findings::Severity) -> Color32 {
    match severity {
        crate::findings::Severity::Error => PROBLEM,
        crate::findings::Severity::Warning => Color32::from_rgb(0xe0, 0xb0, 0x40),
        crate::findings::Severity::Info => Color32::from_gray(160),
    }
}

/// A stronger zone tint, for the Edge card's sides.
pub fn zone_fill_strong(zone: Zone) -> Color32 {
    match zone {
        Zone::Internet => Color32::from_rgb(0xb0, 0x50, 0x50),
        Zone::Perimeter => Color32::from_rgb(0xc0, 0x90, 0x30),
        Zone::Internal => Color32::from_rgb(0x40, 0x90, 0x60),
    }
}

/// A firewall's bricks on the canvas (the SVG's colours).
pub const WALL_BRICK: Color32 = Color32::from_rgb(0xb5, 0x53, 0x3c);
/// The mortar between them, and the firewall names' fill.
pub const WALL_MORTAR: Color32 = Color32::from_rgb(0x7a, 0x34, 0x26);
