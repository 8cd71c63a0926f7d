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

/// An "Any" peer card's title in `lang`: its stand-in role's name, or the zone at large.
pub fn peer_title(catalog: &Catalog, peer: &crate::diagram::layout::Peer, lang: Lang) -> String {
    use crate::topology::Zone;
    if let Some(role) = peer.role.as_ref().and_then(|r| catalog.role(r.as_str())) {
        return role.name.get(lang).to_owned();
    }
    let key = match peer.zone {
        Zone::Internet => "peer.any_internet",
        Zone::Perimeter => "peer.any_perimeter",
        Zone::Internal => "peer.any_internal",
    };
    crate::i18n::tr(lang, key).to_owned()
}

/// An "Any" peer card's second and third lines in `lang`: what it is, and how many rules and
/// nodes it is the far end of.
pub fn peer_lines(peer: &crate::diagram::layout::Peer, lang: Lang) -> [String; 2] {
    [
        crate::i18n::tr(lang, "peer.kind").to_owned(),
        peer_counts(peer, lang),
    ]
}

/// `6 rules · 2 nodes` in `lang`.
pub fn peer_counts(peer: &crate::diagram::layout::Peer, lang: Lang) -> String {
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            crate::i18n::tr(lang, one).to_owned()
        } else {
            crate::i18n::trf(lang, many, &[("n", &n.to_string())])
        }
    };
    format!(
        "{} · {}",
        count(peer.rules, "peer.rule_one", "peer.rules"),
        count(peer.nodes, "peer.node_one", "peer.nodes")
    )
}

/// Fill and border of an "Any" peer card (drawn with a dashed border).
pub const PEER_FILL: [u8; 3] = [0xee, 0xf2, 0xf8];
/// See [`PEER_FILL`].
pub const PEER_STROKE: [u8; 3] = [0x6a, 0x7a, 0x90];

/// The tag and accent colour of a peer's card: its stand-in role's, or `ANY` in grey.
pub fn peer_style(peer: &crate::diagram::layout::Peer) -> ([u8; 3], &'static str) {
    match &peer.role {
        Some(role) if role.as_str() != "any" => role_style(role.as_str()),
        _ => role_style("any"),
    }
}
