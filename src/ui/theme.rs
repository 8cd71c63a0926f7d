//! Colours and sizes of the canvas: the only place that names a colour.

use eframe::egui::{Color32, Vec2};

use crate::topology::Zone;

/// Size of a node card in canvas units.
pub const NODE_SIZE: Vec2 = Vec2::new(230.0, 86.0);
/// Radius of the link handle on a card's edge.
pub const HANDLE_RADIUS: f32 = 7.0;
/// Distance in screen points within which a link counts as hovered.
pub const LINK_HOVER_DISTANCE: f32 = 6.0;

/// Accent colour and short tag of a role (the card's icon).
pub fn role_style(role: &str) -> (Color32, &'static str) {
    match role {
        "reverse_proxy" => (Color32::from_rgb(0x8e, 0x6c, 0xd8), "RP"),
        "director" => (Color32::from_rgb(0x2f, 0x80, 0xed), "DIR"),
        "front_end" => (Color32::from_rgb(0x21, 0x96, 0x6b), "FE"),
        "edge" => (Color32::from_rgb(0xe0, 0x7b, 0x24), "EDGE"),
        "internal_clients" => (Color32::from_rgb(0x5a, 0x9b, 0xb5), "CLI"),
        "external_clients" => (Color32::from_rgb(0x9b, 0x5a, 0x6e), "EXT"),
        "any" => (Color32::from_rgb(0x88, 0x88, 0x88), "ANY"),
        "sql_back_end" => (Color32::from_rgb(0xb3, 0x3a, 0x3a), "SQL"),
        "mediation" => (Color32::from_rgb(0xc9, 0x9a, 0x1c), "MED"),
        "pstn_gateway" => (Color32::from_rgb(0x7a, 0x6a, 0x4f), "GW"),
        "office_web_apps" => (Color32::from_rgb(0xd8, 0x4a, 0x2b), "OWA"),
        "federated_partner" => (Color32::from_rgb(0x6b, 0x8e, 0x23), "FED"),
        "xmpp_partner" => (Color32::from_rgb(0x4b, 0x8f, 0x8c), "XMPP"),
        _ => (Color32::GRAY, "?"),
    }
}

/// Background tint of a zone band.
pub fn zone_fill(zone: Zone) -> Color32 {
    match zone {
        Zone::Internet => Color32::from_rgba_unmultiplied(0xd0, 0x60, 0x60, 18),
        Zone::Perimeter => Color32::from_rgba_unmultiplied(0xe0, 0xa0, 0x30, 18),
        Zone::Internal => Color32::from_rgba_unmultiplied(0x40, 0xa0, 0x70, 18),
    }
}

/// Colour of a zone band's title.
pub const ZONE_TITLE: Color32 = Color32::from_gray(150);
/// Card fill.
pub const CARD_FILL: Color32 = Color32::from_gray(38);
/// Card outline.
pub const CARD_STROKE: Color32 = Color32::from_gray(90);
/// Outline of a selected card or link.
pub const SELECTED: Color32 = Color32::from_rgb(0xff, 0xd5, 0x4f);
/// A link.
pub const LINK: Color32 = Color32::from_gray(160);
/// A link with an error finding, or a missing link.
pub const PROBLEM: Color32 = Color32::from_rgb(0xe0, 0x55, 0x55);
/// Secondary text on cards.
pub const WEAK_TEXT: Color32 = Color32::from_gray(170);
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
