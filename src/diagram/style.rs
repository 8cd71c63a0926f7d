//! Look of roles on the canvas and in diagrams: accent colour, short tag, card text.
//! The UI converts these to egui colours; the SVG diagram writes them as hex.

use crate::catalog::{Catalog, Scope};
use crate::i18n::Lang;
use crate::plan::Node;
use crate::topology::{Addressing, LbMode};

/// Accent colour (RGB) and short tag of a role.
pub fn role_style(role: &str) -> ([u8; 3], &'static str) {
    match role {
        "reverse_proxy" => ([0x8e, 0x6c, 0xd8], "RP"),
        "director" => ([0x2f, 0x80, 0xed], "DIR"),
        "front_end" => ([0x21, 0x96, 0x6b], "FE"),
        "edge" => ([0xe0, 0x7b, 0x24], "EDGE"),
        "internal_clients" => ([0x5a, 0x9b, 0xb5], "CLI"),
        "external_clients" => ([0x9b, 0x5a, 0x6e], "EXT"),
        "any" => ([0x88, 0x88, 0x88], "ANY"),
        "sql_back_end" => ([0xb3, 0x3a, 0x3a], "SQL"),
        "mediation" => ([0xc9, 0x9a, 0x1c], "MED"),
        "pstn_gateway" => ([0x7a, 0x6a, 0x4f], "GW"),
        "office_web_apps" => ([0xd8, 0x4a, 0x2b], "OWA"),
        "federated_partner" => ([0x6b, 0x8e, 0x23], "FED"),
        "xmpp_partner" => ([0x4b, 0x8f, 0x8c], "XMPP"),
        _ => ([0x80, 0x80, 0x80], "?"),
    }
}

/// Members, load balancing and VIP in a few words: `2 servers · DNS+HLB · VIP 10.10.20.10`.
pub fn card_badge(catalog: &Catalog, node: &Node) -> String {
    card_badge_in(catalog, node, Lang::En)
}

/// [`card_badge`] in `lang` (the canvas; the diagram files stay English).
pub fn card_badge_in(catalog: &Catalog, node: &Node, lang: Lang) -> String {
    let role = catalog.role(&node.role);
    let has_members = role.is_some_and(|r| r.endpoints.iter().any(|e| e.scope == Scope::Member));
    let mut parts = Vec::new();
    if has_members {
        let n = node.members.len();
        let key = if n == 1 {
            "card.server"
        } else {
            "card.servers"
        };
        parts.push(crate::i18n::trf(lang, key, &[("n", &n.to_string())]));
    } else if !node.networks.is_empty() {
        parts.push(
            node.networks
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        );
    } else if role.is_some_and(|r| {
        r.endpoints
            .iter()
            .any(|e| matches!(e.scope, Scope::Networks { empty_is_any: true }))
    }) {
        parts.push(crate::i18n::tr(lang, "card.any_address").to_owned());
    }
    match node.lb {
        LbMode::Single => {}
        LbMode::Dns => parts.push("DNS LB".to_owned()),
        LbMode::DnsAndHlb => parts.push("DNS+HLB".to_owned()),
        LbMode::HlbOnly => parts.push("HLB".to_owned()),
    }
    match node.vips.len() {
        0 => {}
        1 => parts.extend(node.vips.values().next().map(|v| format!("VIP {v}"))),
        n => parts.push(format!("{n} VIPs")),
    }
    if node.addressing == Addressing::Nat {
        parts.push("NAT".to_owned());
    }
    parts.join(" · ")
}

/// The card's second line: the FQDN, or a hint that it is missing.
pub fn card_fqdn(node: &Node) -> &str {
    if node.fqdn.is_empty() {
        "no FQDN"
    } else {
        &node.fqdn
    }
}

/// Cut text to roughly fit `width` points at font `size` (a bit under half an em per character).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a small positive character count"
)]
pub fn clip(text: &str, width: f32, size: f32) -> String {
    let max = ((width / (size * 0.48)).floor().max(0.0) as usize).max(4);
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
