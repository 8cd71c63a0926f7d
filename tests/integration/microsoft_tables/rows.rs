//! The rows of Microsoft's port tables, as the research report for issue 17 transcribes them
//! (sections B and C): `row | application as the page labels it | transport port | source ->
//! destination`. Tables the pages repeat word for word are written once and named by each page.

use lync_port_planner::topology::Product;

use super::{Row, table};

// ---- Director pages: JJ204648 (single), JJ204983 (HLB pool), JJ205179 (DNS and HLB pool) ----

/// Port summary - Single Director (C.1), plus the five rules its prose asks for.
pub fn jj204648() -> Vec<Row> {
    table(
        "JJ204648",
        &[&[
            "8080 from reverse proxy | HTTP/TCP 8080 | tcp 8080 | reverse_proxy/internal_interface -> director/server",
            "4443 from reverse proxy | HTTPS/TCP 4443 | tcp 4443 | reverse_proxy/internal_interface -> director/server",
            "444 to Front End | HTTPS/TCP 444 | tcp 444 | director/server -> front_end/server",
            "80 from internal clients | HTTP/TCP 80 | tcp 80 | internal_clients/clients -> director/server",
            "443 from internal clients | HTTPS/TCP 443 | tcp 443 | internal_clients/clients -> director/server",
            "5061 from Edge | SIP/MTLS/TCP 5061 | tcp 5061 | edge/internal_interface -> director/server",
            "50001 | MTLS/TCP/50001 | tcp 50001 | any/any -> edge/internal_interface",
            "50002 | MTLS/TCP/50002 | tcp 50002 | any/any -> edge/internal_interface",
            "50003 | MTLS/TCP/50003 | tcp 50003 | any/any -> edge/internal_interface",
            "prose, 8080 to Front End | HTTP/TCP 8080 | tcp 8080 | reverse_proxy/internal_interface -> front_end/server",
            "prose, 4443 to Front End | HTTPS/TCP 4443 | tcp 4443 | reverse_proxy/internal_interface -> front_end/server",
            "prose, 5061 Edge to Front End | SIP/MTLS/TCP 5061 | tcp 5061 | edge/internal_interface -> front_end/server",
            "prose, 5061 Director to Edge | SIP/MTLS/TCP 5061 | tcp 5061 | director/server -> edge/internal_interface",
            "prose, 5061 Front End to Edge | SIP/MTLS/TCP 5061 | tcp 5061 | front_end/server -> edge/internal_interface",
        ]],
    )
}

/// Port summary - Scaled Director pool, hardware load balancer (C.2).
pub fn jj204983() -> Vec<Row> {
    table(
        "JJ204983",
        &[&[
            "8080 from reverse proxy | HTTP/TCP 8080 | tcp 8080 | reverse_proxy/internal_interface -> director/hlb_vip",
            "4443 from reverse proxy | HTTPS/TCP 4443 | tcp 4443 | reverse_proxy/internal_interface -> director/hlb_vip",
            "444 to Front End | HTTPS/TCP 444 | tcp 444 | director/server -> front_end/server",
            "80 from internal clients | HTTP/TCP 80 | tcp 80 | internal_clients/clients -> director/hlb_vip",
            "443 from internal clients | HTTPS/TCP 443 | tcp 443 | internal_clients/clients -> director/hlb_vip",
            "5061 from Edge | SIP/MTLS/TCP 5061 | tcp 5061 | edge/internal_interface -> director/hlb_vip",
            "50001 | MTLS/TCP/50001 | tcp 50001 | any/any -> director/server",
            "50002 | MTLS/TCP/50002 | tcp 50002 | any/any -> director/server",
            "50003 | MTLS/TCP/50003 | tcp 50003 | any/any -> director/server",
        ]],
    )
}

/// Port summary - DNS and HLB load balanced (C.3; the child page of JJ205142).
pub fn jj205179() -> Vec<Row> {
    table(
        "JJ205179",
        &[&[
            "8080 from reverse proxy | HTTP/TCP 8080 | tcp 8080 | reverse_proxy/internal_interface -> director/hlb_vip",
            "4443 from reverse proxy | HTTPS/TCP 4443 | tcp 4443 | reverse_proxy/internal_interface -> director/hlb_vip",
            "444 to Front End | HTTPS/TCP 444 | tcp 444 | director/server -> front_end/server",
            "80 from internal clients | HTTP/TCP 80 | tcp 80 | internal_clients/clients -> director/hlb_vip",
            "443 from internal clients | HTTPS/TCP 443 | tcp 443 | internal_clients/clients -> director/hlb_vip",
            "5061 from Edge | SIP/MTLS/TCP 5061 | tcp 5061 | edge/internal_interface -> director/server",
            "50001 | MTLS/TCP/50001 | tcp 50001 | any/any -> director/server",
            "50002 | MTLS/TCP/50002 | tcp 50002 | any/any -> director/server",
            "50003 | MTLS/TCP/50003 | tcp 50003 | any/any -> director/server",
        ]],
    )
}

// ---- Lync Server 2013 Edge pages without HLB (C.4 to C.7: row for row the same tables) ----

const LYNC_EDGE_EXT: &[&str] = &[
    "EXT 5269 in | XMPP/TCP/5269 | tcp 5269 | any/any -> edge/access_edge",
    "EXT 80 out | Access/HTTP/TCP/80 | tcp 80 | edge/access_edge -> any/any",
    "EXT 53 tcp out | Access/DNS/TCP/53 | tcp 53 | edge/access_edge -> any/any",
    "EXT 53 udp out | Access/DNS/UDP/53 | udp 53 | edge/access_edge -> any/any",
    "EXT 443 in | Access/SIP(TLS)/TCP/443 | tcp 443 | any/any -> edge/access_edge",
    "EXT 5061 in | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | any/any -> edge/access_edge",
    "EXT 5061 out | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | edge/access_edge -> any/any",
    "EXT PSOM 443 in | Web Conferencing/PSOM(TLS)/TCP/443 | tcp 443 | any/any -> edge/webconf_edge",
    "EXT RTP tcp out | A/V/RTP/TCP/50,000-59,999 | tcp 50000-59999 | edge/av_edge -> any/any",
    "EXT RTP udp out | A/V/RTP/UDP/50,000-59,999 | udp 50000-59999 | edge/av_edge -> any/any",
    "EXT RTP tcp in | A/V/RTP/TCP/50,000-59,999 | tcp 50000-59999 | any/any -> edge/av_edge",
    "EXT RTP udp in | A/V/RTP/UDP/50,000-59,999 | udp 50000-59999 | any/any -> edge/av_edge",
    "EXT 3478 out | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | edge/av_edge -> any/any",
    "EXT 3478 in | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | any/any -> edge/av_edge",
    "EXT STUN 443 in | A/V/STUN,MSTURN/TCP/443 | tcp 443 | any/any -> edge/av_edge",
    "EXT STUN 443 out | A/V/STUN,MSTURN/TCP/443 | tcp 443 | edge/av_edge -> any/any",
];

const LYNC_EDGE_INT: &[&str] = &[
    "INT 23456 | XMPP/MTLS/TCP/23456 | tcp 23456 | front_end/server -> edge/internal_interface",
    "INT 5061 out, FE | SIP/MTLS/TCP/5061 | tcp 5061 | front_end/server -> edge/internal_interface",
    "INT 5061 in, FE | SIP/MTLS/TCP/5061 | tcp 5061 | edge/internal_interface -> front_end/server",
    "INT 8057 | PSOM/MTLS/TCP/8057 | tcp 8057 | front_end/server -> edge/internal_interface",
    "INT 5062 | SIP/MTLS/TCP/5062 | tcp 5062 | front_end/server -> edge/internal_interface",
    "INT 3478 in | STUN/MSTURN/UDP/3478 | udp 3478 | any/any -> edge/internal_interface",
    "INT STUN 443 in | STUN/MSTURN/TCP/443 | tcp 443 | any/any -> edge/internal_interface",
    "INT 4443 | HTTPS/TCP/4443 | tcp 4443 | front_end/server -> edge/internal_interface",
    "INT 50001 | MTLS/TCP/50001 | tcp 50001 | any/any -> edge/internal_interface",
    "INT 50002 | MTLS/TCP/50002 | tcp 50002 | any/any -> edge/internal_interface",
    "INT 50003 | MTLS/TCP/50003 | tcp 50003 | any/any -> edge/internal_interface",
];

/// The Director of "Any (can be defined as Director, Director pool IP address, ...)".
const LYNC_EDGE_INT_DIRECTOR: &[&str] = &[
    "INT 5061 out, Director | SIP/MTLS/TCP/5061 | tcp 5061 | director/server -> edge/internal_interface",
    "INT 5061 in, Director | SIP/MTLS/TCP/5061 | tcp 5061 | edge/internal_interface -> director/server",
];

/// Federation, public IM connectivity and XMPP tables.
const LYNC_EDGE_FED_PIC_XMPP: &[&str] = &[
    "FED 5061 out | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | edge/access_edge -> any/any",
    "PIC 5061 in | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | any/any -> edge/access_edge",
    "PIC 5061 out | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | edge/access_edge -> any/any",
    "PIC 443 in | Access/SIP(TLS)/TCP/443 | tcp 443 | any/any -> edge/access_edge",
    "PIC RTP tcp out | A/V/RTP/TCP/50,000-59,999 | tcp 50000-59999 | edge/av_edge -> any/any",
    "PIC 3478 out | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | edge/av_edge -> any/any",
    "PIC 3478 in | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | any/any -> edge/av_edge",
    "XMPP 5269 in | XMPP/TCP/5269 | tcp 5269 | any/any -> edge/access_edge",
    "XMPP 5269 out | XMPP/TCP/5269 | tcp 5269 | edge/access_edge -> any/any",
    "XMPP 23456 | XMPP/MTLS/TCP/23456 | tcp 23456 | front_end/server -> edge/internal_interface",
];

/// Single consolidated edge with public IP addresses (C.4).
pub fn jj204756() -> Vec<Row> {
    let tables = [
        LYNC_EDGE_EXT,
        LYNC_EDGE_INT,
        LYNC_EDGE_INT_DIRECTOR,
        LYNC_EDGE_FED_PIC_XMPP,
    ];
    table("JJ204756", &tables)
}

/// Single consolidated edge with private IP addresses using NAT (C.5); no Director in its plan.
pub fn gg425891() -> Vec<Row> {
    table(
        "Gg425891",
        &[LYNC_EDGE_EXT, LYNC_EDGE_INT, LYNC_EDGE_FED_PIC_XMPP],
    )
}

/// Scaled consolidated edge, DNS load balancing with public IP addresses (C.6).
pub fn jj205394() -> Vec<Row> {
    let tables = [
        LYNC_EDGE_EXT,
        LYNC_EDGE_INT,
        LYNC_EDGE_INT_DIRECTOR,
        LYNC_EDGE_FED_PIC_XMPP,
    ];
    table("JJ205394", &tables)
}

/// Scaled consolidated edge, DNS load balancing with private IP addresses using NAT (C.7): its
/// external table adds the outbound XMPP row; no Director in its plan.
pub fn gg412756() -> Vec<Row> {
    let outbound_xmpp: &[&str] =
        &["EXT 5269 out | XMPP/TCP/5269 | tcp 5269 | edge/access_edge -> any/any"];
    table(
        "Gg412756",
        &[
            LYNC_EDGE_EXT,
            outbound_xmpp,
            LYNC_EDGE_INT,
            LYNC_EDGE_FED_PIC_XMPP,
        ],
    )
}

/// Scaled consolidated edge with hardware load balancers (C.8): member and VIP tables.
pub fn gg398739() -> Vec<Row> {
    table(
        "Gg398739",
        &[&[
            "EXT-MEMBER 80 out | Access/HTTP/TCP/80 | tcp 80 | edge/access_edge -> any/any",
            "EXT-MEMBER 53 tcp out | Access/DNS/TCP/53 | tcp 53 | edge/access_edge -> any/any",
            "EXT-MEMBER 53 udp out | Access/DNS/UDP/53 | udp 53 | edge/access_edge -> any/any",
            "EXT-MEMBER RTP tcp out | A/V/RTP/TCP/50,000-59,999 | tcp 50000-59999 | edge/av_edge -> any/any",
            "EXT-MEMBER RTP udp out | A/V/RTP/UDP/50,000-59,999 | udp 50000-59999 | edge/av_edge -> any/any",
            "EXT-MEMBER RTP tcp in | A/V/RTP/TCP/50,000-59,999 | tcp 50000-59999 | any/any -> edge/av_edge",
            "EXT-MEMBER RTP udp in | A/V/RTP/UDP/50,000-59,999 | udp 50000-59999 | any/any -> edge/av_edge",
            "EXT-MEMBER 3478 out | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | edge/av_edge -> any/any",
            "EXT-MEMBER 3478 in | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | any/any -> edge/av_edge",
            "EXT-MEMBER STUN 443 in | A/V/STUN,MSTURN/TCP/443 | tcp 443 | any/any -> edge/av_edge",
            "EXT-MEMBER STUN 443 out | A/V/STUN,MSTURN/TCP/443 | tcp 443 | edge/av_edge -> any/any",
            "INT-MEMBER 23456 | XMPP/MTLS/TCP/23456 | tcp 23456 | front_end/server -> edge/internal_interface",
            "INT-MEMBER 4443 | HTTPS/TCP/4443 | tcp 4443 | front_end/server -> edge/internal_interface",
            "INT-MEMBER 8057, Director | PSOM/MTLS/TCP/8057 | tcp 8057 | director/server -> edge/internal_interface",
            "INT-MEMBER 8057, FE | PSOM/MTLS/TCP/8057 | tcp 8057 | front_end/server -> edge/internal_interface",
            "INT-MEMBER 3478 in | STUN/MSTURN/UDP/3478 | udp 3478 | any/any -> edge/internal_interface",
            "INT-MEMBER STUN 443 in | STUN/MSTURN/TCP/443 | tcp 443 | any/any -> edge/internal_interface",
            "INT-MEMBER 50001 | MTLS/TCP/50001 | tcp 50001 | any/any -> edge/internal_interface",
            "INT-MEMBER 50002 | MTLS/TCP/50002 | tcp 50002 | any/any -> edge/internal_interface",
            "INT-MEMBER 50003 | MTLS/TCP/50003 | tcp 50003 | any/any -> edge/internal_interface",
            "EXT-VIP 5269 in | XMPP/TCP/5269 | tcp 5269 | any/any -> edge/access_edge_vip",
            "EXT-VIP 5269 out | XMPP/TCP/5269 | tcp 5269 | edge/access_edge_vip -> any/any",
            "EXT-VIP 443 in | Access/SIP(TLS)/TCP/443 | tcp 443 | any/any -> edge/access_edge_vip",
            "EXT-VIP 5061 in | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | federated_partner/any -> edge/access_edge_vip",
            "EXT-VIP 5061 out | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | edge/access_edge_vip -> federated_partner/any",
            "EXT-VIP PSOM 443 in | Web Conferencing/PSOM(TLS)/TCP/443 | tcp 443 | any/any -> edge/webconf_edge_vip",
            "EXT-VIP 3478 in | A/V/STUN,MSTURN/UDP/3478 | udp 3478 | any/any -> edge/av_edge_vip",
            "EXT-VIP STUN 443 in | A/V/STUN,MSTURN/TCP/443 | tcp 443 | any/any -> edge/av_edge_vip",
            "INT-VIP 5061 out, Director | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | director/server -> edge/internal_vip",
            "INT-VIP 5061 out, FE | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | front_end/server -> edge/internal_vip",
            "INT-VIP 5061 in, Director | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | edge/internal_interface -> director/hlb_vip",
            "INT-VIP 5061 in, FE | Access/SIP(MTLS)/TCP/5061 | tcp 5061 | edge/internal_interface -> front_end/server",
            "INT-VIP 5062 | SIP/MTLS/TCP/5062 | tcp 5062 | front_end/server -> edge/internal_vip",
            "INT-VIP 3478 in | STUN/MSTURN/UDP/3478 | udp 3478 | any/any -> edge/internal_vip",
            "INT-VIP STUN 443 in | STUN/MSTURN/TCP/443 | tcp 443 | any/any -> edge/internal_vip",
            "INT-VIP STUN 443 out | STUN/MSTURN/TCP/443 | tcp 443 | edge/internal_vip -> any/any",
        ]],
    )
}

// ---- Skype for Business Server: "Edge Server environmental requirements" (C.9) ----

const SFB: &str = "SfB-edge-env";

/// External and internal port firewall summary tables (single and DNS-load-balanced Edge),
/// without the XMPP rows ("Not supported in Skype for Business Server 2019").
const SFB_EDGE: &[&str] = &[
    "EXT 80 out | Access/HTTP | tcp 80 | edge/access_edge -> any/any",
    "EXT 53 tcp out | Access/DNS | tcp 53 | edge/access_edge -> any/any",
    "EXT 53 udp out | Access/DNS | udp 53 | edge/access_edge -> any/any",
    "EXT 443 in | Access/SIP(TLS) | tcp 443 | any/any -> edge/access_edge",
    "EXT 5061 in | Access/SIP(MTLS) | tcp 5061 | any/any -> edge/access_edge",
    "EXT 5061 out | Access/SIP(MTLS) | tcp 5061 | edge/access_edge -> any/any",
    "EXT PSOM 443 in | Web conferencing/PSOM(TLS) | tcp 443 | any/any -> edge/webconf_edge",
    "EXT RTP tcp out | A/V/RTP | tcp 50000-59999 | edge/av_edge -> any/any",
    "EXT RTP udp out | A/V/RTP | udp 50000-59999 | edge/av_edge -> any/any",
    "EXT 3478 out | A/V/STUN.MSTURN | udp 3478 | edge/av_edge -> any/any",
    "EXT 3478 in | A/V/STUN.MSTURN | udp 3478 | any/any -> edge/av_edge",
    "EXT STUN 443 in | A/V/STUN.MSTURN | tcp 443 | any/any -> edge/av_edge",
    "EXT STUN 443 out | A/V/STUN.MSTURN | tcp 443 | edge/av_edge -> any/any",
    "INT 5061 out, FE | SIP/MTLS | tcp 5061 | front_end/server -> edge/internal_interface",
    "INT 5061 in, FE | SIP/MTLS | tcp 5061 | edge/internal_interface -> front_end/server",
    "INT 8057 | PSOM/MTLS | tcp 8057 | front_end/server -> edge/internal_interface",
    "INT 5062 | SIP/MTLS | tcp 5062 | front_end/server -> edge/internal_interface",
    "INT 3478 in | STUN/MSTURN | udp 3478 | any/any -> edge/internal_interface",
    "INT STUN 443 in | STUN/MSTURN | tcp 443 | any/any -> edge/internal_interface",
    "INT 4443 | HTTPS | tcp 4443 | front_end/server -> edge/internal_interface",
    "INT 50001 | MTLS | tcp 50001 | any/any -> edge/internal_interface",
    "INT 50002 | MTLS | tcp 50002 | any/any -> edge/internal_interface",
    "INT 50003 | MTLS | tcp 50003 | any/any -> edge/internal_interface",
];

const SFB_EDGE_DIRECTOR: &[&str] = &[
    "INT 5061 out, Director | SIP/MTLS | tcp 5061 | director/server -> edge/internal_interface",
    "INT 5061 in, Director | SIP/MTLS | tcp 5061 | edge/internal_interface -> director/server",
];

const SFB_EDGE_XMPP: &[&str] = &[
    "EXT 5269 in | XMPP | tcp 5269 | any/any -> edge/access_edge",
    "INT 23456 | XMPP/MTLS | tcp 23456 | front_end/server -> edge/internal_interface",
];

/// The Skype for Business non-HLB tables for `product` (XMPP rows up to 2015), with the
/// Director rows when the plan has one.
pub fn sfb_edge(product: Product, director: bool) -> Vec<Row> {
    let mut tables = vec![SFB_EDGE];
    tables.extend((product != Product::Sfb2019).then_some(SFB_EDGE_XMPP));
    tables.extend(director.then_some(SFB_EDGE_DIRECTOR));
    table(SFB, &tables)
}

/// "Hardware load balancers for Edge port tables": members and VIPs, XMPP rows included (2015).
/// The "External interface Virtual IPs" destinations repeat the NAT/public wording; the table
/// title and the page's "HLB needs public addresses" make them the external VIPs.
pub fn sfb_hlb_edge() -> Vec<Row> {
    table(
        SFB,
        &[&[
            "HLB-EXT 80 out | Access/HTTP | tcp 80 | edge/access_edge -> any/any",
            "HLB-EXT 53 tcp out | Access/DNS | tcp 53 | edge/access_edge -> any/any",
            "HLB-EXT 53 udp out | Access/DNS | udp 53 | edge/access_edge -> any/any",
            "HLB-EXT RTP tcp out | A/V/RTP | tcp 50000-59999 | edge/av_edge -> any/any",
            "HLB-EXT RTP udp out | A/V/RTP | udp 50000-59999 | edge/av_edge -> any/any",
            "HLB-EXT 3478 out | A/V/STUN.MSTURN | udp 3478 | edge/av_edge -> any/any",
            "HLB-EXT 3478 in | A/V/STUN.MSTURN | udp 3478 | any/any -> edge/av_edge",
            "HLB-EXT STUN 443 in | A/V/STUN.MSTURN | tcp 443 | any/any -> edge/av_edge",
            "HLB-EXT STUN 443 out | A/V/STUN.MSTURN | tcp 443 | edge/av_edge -> any/any",
            "HLB-INT 23456 | XMPP/MTLS | tcp 23456 | front_end/server -> edge/internal_interface",
            "HLB-INT 4443 | HTTPS | tcp 4443 | front_end/server -> edge/internal_interface",
            "HLB-INT 8057 | PSOM/MTLS | tcp 8057 | front_end/server -> edge/internal_interface",
            "HLB-INT 3478 in | STUN/MSTURN | udp 3478 | any/any -> edge/internal_interface",
            "HLB-INT STUN 443 in | STUN/MSTURN | tcp 443 | any/any -> edge/internal_interface",
            "HLB-INT 50001 | MTLS | tcp 50001 | any/any -> edge/internal_interface",
            "HLB-INT 50002 | MTLS | tcp 50002 | any/any -> edge/internal_interface",
            "HLB-INT 50003 | MTLS | tcp 50003 | any/any -> edge/internal_interface",
            "HLB-EXT-VIP 5269 in | XMPP | tcp 5269 | any/any -> edge/access_edge_vip",
            "HLB-EXT-VIP 5269 out | XMPP | tcp 5269 | edge/access_edge_vip -> any/any",
            "HLB-EXT-VIP 443 in | Access/SIP(TLS) | tcp 443 | any/any -> edge/access_edge_vip",
            "HLB-EXT-VIP 5061 in | Access/SIP(MTLS) | tcp 5061 | any/any -> edge/access_edge_vip",
            "HLB-EXT-VIP 5061 out | Access/SIP(MTLS) | tcp 5061 | edge/access_edge_vip -> any/any",
            "HLB-EXT-VIP PSOM 443 in | Web conferencing/PSOM(TLS) | tcp 443 | any/any -> edge/webconf_edge_vip",
            "HLB-EXT-VIP 3478 in | A/V/STUN.MSTURN | udp 3478 | any/any -> edge/av_edge_vip",
            "HLB-EXT-VIP STUN 443 in | A/V/STUN.MSTURN | tcp 443 | any/any -> edge/av_edge_vip",
            "HLB-INT-VIP 5061 out, FE | Access/SIP(MTLS) | tcp 5061 | front_end/server -> edge/internal_interface",
            "HLB-INT-VIP 5061 out, Director | Access/SIP(MTLS) | tcp 5061 | director/server -> edge/internal_interface",
            "HLB-INT-VIP 5061 in, FE | Access/SIP(MTLS) | tcp 5061 | edge/internal_interface -> front_end/server",
            "HLB-INT-VIP 5061 in, Director | Access/SIP(MTLS) | tcp 5061 | edge/internal_interface -> director/server",
            "HLB-INT-VIP 5062 | SIP/MTLS | tcp 5062 | front_end/server -> edge/internal_interface",
            "HLB-INT-VIP 3478 in | STUN/MSTURN | udp 3478 | any/any -> edge/internal_interface",
            "HLB-INT-VIP STUN 443 in | STUN/MSTURN | tcp 443 | any/any -> edge/internal_vip",
        ]],
    )
}

// ---- Internal servers, SQL, reverse proxy, Autodiscover ----

/// Ports and protocols for internal servers (C.12), "Required Server Ports (by Server Role)".
/// The page gives listening ports without sources: each is checked from the senders the
/// catalog pairs with it, named in the row.
pub fn gg398833_servers() -> Vec<Row> {
    table(
        "Gg398833",
        &[&[
            "FE 5061, from Director | TCP (TLS) | tcp 5061 | director/server -> front_end/server",
            "FE 5061, from clients | TCP (TLS) | tcp 5061 | internal_clients/clients -> front_end/server",
            "FE 5061, from Mediation | TCP (TLS) | tcp 5061 | mediation/server -> front_end/server",
            "FE 5061, from another Front End pool | TCP (TLS) | tcp 5061 | front_end/server -> front_end/server",
            "FE 135 | DCOM and remote procedure call (RPC) | tcp 135 | front_end/server -> front_end/server",
            "FE 4443, inter-pool Autodiscover | HTTPS | tcp 4443 | front_end/server -> front_end/hlb_vip",
            "FE CMS 445, to another Front End pool | TCP | tcp 445 | front_end/server -> front_end/server",
            "All 49152-57500 udp, Mediation to FE | TCP/UDP | udp 49152-57500 | mediation/server -> front_end/server",
            "All 49152-57500 tcp, Mediation to FE | TCP/UDP | tcp 49152-57500 | mediation/server -> front_end/server",
            "All 49152-57500 udp, FE to Mediation | TCP/UDP | udp 49152-57500 | front_end/server -> mediation/server",
            "All 49152-57500 tcp, FE to Mediation | TCP/UDP | tcp 49152-57500 | front_end/server -> mediation/server",
            "FE 444, from Director | HTTPS / TCP | tcp 444 | director/server -> front_end/server",
            "FE 8057 | TCP (TLS) | tcp 8057 | internal_clients/clients -> front_end/server",
            "FE 57501-65535 udp | TCP/UDP | udp 57501-65535 | internal_clients/clients -> front_end/server",
            "FE 57501-65535 tcp | TCP/UDP | tcp 57501-65535 | internal_clients/clients -> front_end/server",
            "FE 80 | HTTP | tcp 80 | internal_clients/clients -> front_end/hlb_vip",
            "FE 443 | HTTPS | tcp 443 | internal_clients/clients -> front_end/hlb_vip",
            "FE 8080 | TCP and HTTP | tcp 8080 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "FE 4443 | HTTPS | tcp 4443 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "FE Mobility 443 | HTTPS | tcp 443 | internal_clients/clients -> front_end/hlb_vip",
            "FE+CM 5067 | TCP (TLS) | tcp 5067 | pstn_gateway/server -> front_end/server",
            "FE+CM 5068 | TCP | tcp 5068 | pstn_gateway/server -> front_end/server",
            "FE+CM 5081 | TCP | tcp 5081 | front_end/server -> pstn_gateway/server",
            "FE+CM 5082 | TCP (TLS) | tcp 5082 | front_end/server -> pstn_gateway/server",
            "FE 49152-65535 | TCP | tcp 49152-65535 | internal_clients/clients -> front_end/server",
            "FE CMS 445, to Director | TCP | tcp 445 | front_end/server -> director/server",
            "FE CMS 445, to Mediation | TCP | tcp 445 | front_end/server -> mediation/server",
            "All 49152-57500 udp, clients to FE | TCP/UDP | udp 49152-57500 | internal_clients/clients -> front_end/server",
            "All 49152-57500 tcp, clients to FE | TCP/UDP | tcp 49152-57500 | internal_clients/clients -> front_end/server",
            "All 49152-57500 udp, clients to Mediation | TCP/UDP | udp 49152-57500 | internal_clients/clients -> mediation/server",
            "All 49152-57500 tcp, clients to Mediation | TCP/UDP | tcp 49152-57500 | internal_clients/clients -> mediation/server",
            "All 49152-57500 udp, gateway to Mediation | TCP/UDP | udp 49152-57500 | pstn_gateway/server -> mediation/server",
            "All 49152-57500 tcp, gateway to Mediation | TCP/UDP | tcp 49152-57500 | pstn_gateway/server -> mediation/server",
            "All 49152-57500 udp, gateway to FE+CM | TCP/UDP | udp 49152-57500 | pstn_gateway/server -> front_end/server",
            "All 49152-57500 tcp, gateway to FE+CM | TCP/UDP | tcp 49152-57500 | pstn_gateway/server -> front_end/server",
            "Office Web Apps 443 | (empty) | tcp 443 | front_end/server -> office_web_apps/server",
            "Director 444 | HTTPS / TCP | tcp 444 | front_end/server -> director/server",
            "Director 80 | TCP | tcp 80 | director/server -> front_end/hlb_vip",
            "Director 443 | HTTPS | tcp 443 | director/server -> front_end/hlb_vip",
            "Director 5061, from FE | TCP | tcp 5061 | front_end/server -> director/server",
            "Director 5061, from clients | TCP | tcp 5061 | internal_clients/clients -> director/server",
            "Mediation 5070 | TCP | tcp 5070 | front_end/server -> mediation/server",
            "Mediation 5067 | TCP (TLS) | tcp 5067 | pstn_gateway/server -> mediation/server",
            "Mediation 5068 | TCP | tcp 5068 | pstn_gateway/server -> mediation/server",
            "Mediation 5070 MTLS | TCP (MTLS) | tcp 5070 | front_end/server -> mediation/server",
            "DNS FE LB 80 | HTTP | tcp 80 | internal_clients/clients -> front_end/hlb_vip",
            "DNS FE LB 443 | HTTPS | tcp 443 | internal_clients/clients -> front_end/hlb_vip",
            "DNS FE LB 8080 | TCP | tcp 8080 | internal_clients/clients -> front_end/hlb_vip",
            "DNS FE LB 4443 | HTTPS (from reverse proxy) | tcp 4443 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "DNS Director LB 443 | HTTPS | tcp 443 | internal_clients/clients -> director/hlb_vip",
            "DNS Director LB 4443 | HTTPS (from reverse proxy) | tcp 4443 | reverse_proxy/internal_interface -> director/hlb_vip",
        ]],
    )
}

/// "Hardware Load Balancer Ports if Using Only Hardware Load Balancing" (C.12, B3), each port
/// from the senders the catalog names.
pub fn gg398833_hlb_only() -> Vec<Row> {
    table(
        "Gg398833",
        &[&[
            "HLB FE 5061, from clients | TCP (TLS) | tcp 5061 | internal_clients/clients -> front_end/hlb_vip",
            "HLB FE 5061, from Director | TCP (TLS) | tcp 5061 | director/server -> front_end/hlb_vip",
            "HLB FE 5061, from Mediation | TCP (TLS) | tcp 5061 | mediation/server -> front_end/hlb_vip",
            "HLB FE 5061, from Edge | TCP (TLS) | tcp 5061 | edge/internal_interface -> front_end/hlb_vip",
            "HLB FE 5061, from another Front End pool | TCP (TLS) | tcp 5061 | front_end/server -> front_end/hlb_vip",
            "HLB FE 135, from another Front End pool | DCOM and remote procedure call (RPC) | tcp 135 | front_end/server -> front_end/hlb_vip",
            "HLB FE 444, from Director | HTTPS | tcp 444 | director/server -> front_end/hlb_vip",
            "HLB FE 80, from clients | HTTP | tcp 80 | internal_clients/clients -> front_end/hlb_vip",
            "HLB FE 80, from Director | HTTP | tcp 80 | director/server -> front_end/hlb_vip",
            "HLB FE 8080, from clients | TCP | tcp 8080 | internal_clients/clients -> front_end/hlb_vip",
            "HLB FE 8080, from reverse proxy | TCP | tcp 8080 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "HLB FE 443, from clients | HTTPS | tcp 443 | internal_clients/clients -> front_end/hlb_vip",
            "HLB FE 443, from Director | HTTPS | tcp 443 | director/server -> front_end/hlb_vip",
            "HLB FE 4443 | HTTPS (from reverse proxy) | tcp 4443 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "HLB FE 4443, from another Front End pool | HTTPS | tcp 4443 | front_end/server -> front_end/hlb_vip",
            "HLB Mediation 5070 | TCP | tcp 5070 | front_end/server -> mediation/hlb_vip",
            "HLB Director 443 | HTTPS | tcp 443 | internal_clients/clients -> director/hlb_vip",
            "HLB Director 444, from FE | HTTPS | tcp 444 | front_end/server -> director/hlb_vip",
            "HLB Director 5061, from FE | TCP | tcp 5061 | front_end/server -> director/hlb_vip",
            "HLB Director 5061, from Edge | TCP | tcp 5061 | edge/internal_interface -> director/hlb_vip",
            "HLB Director 5061, from clients | TCP | tcp 5061 | internal_clients/clients -> director/hlb_vip",
            "HLB Director 4443 | HTTPS (from reverse proxy) | tcp 4443 | reverse_proxy/internal_interface -> director/hlb_vip",
        ]],
    )
}

/// "Required Client Ports" (C.12): the rows that reach a server, the Edge for external users.
pub fn gg398833_clients() -> Vec<Row> {
    table(
        "Gg398833",
        &[&[
            "Clients 443 SIP | TCP (TLS) | tcp 443 | any/any -> edge/access_edge",
            "Clients 443 PSOM | TCP (PSOM/TLS) | tcp 443 | any/any -> edge/webconf_edge",
            "Clients 443 STUN | TCP (STUN/MSTURN) | tcp 443 | any/any -> edge/av_edge",
            "Clients 3478 | UDP (STUN/MSTURN) | udp 3478 | any/any -> edge/av_edge",
        ]],
    )
}

/// Understanding firewall requirements for SQL Server (C.13): from the Front End pool.
pub fn gg425818() -> Vec<Row> {
    table(
        "Gg425818",
        &[&[
            "Default instance 1433 | TCP | tcp 1433 | front_end/server -> sql_back_end/server",
            "SQL Server Browser 1434 | UDP | udp 1434 | front_end/server -> sql_back_end/server",
        ]],
    )
}

/// Port summary - Reverse proxy (C.10), with the prose rule for Office Web Apps (B2).
pub fn jj204932() -> Vec<Row> {
    table(
        "JJ204932",
        &[&[
            "EXT 80 | HTTP/TCP/80 | tcp 80 | any/any -> reverse_proxy/external_listener",
            "EXT 443 | HTTPS/TCP/443 | tcp 443 | any/any -> reverse_proxy/external_listener",
            "INT 8080, Front End pool | HTTP/TCP/8080 | tcp 8080 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "INT 8080, Director pool | HTTP/TCP/8080 | tcp 8080 | reverse_proxy/internal_interface -> director/hlb_vip",
            "INT 4443, Front End pool | HTTPS/TCP/4443 | tcp 4443 | reverse_proxy/internal_interface -> front_end/hlb_vip",
            "INT 4443, Director pool | HTTPS/TCP/4443 | tcp 4443 | reverse_proxy/internal_interface -> director/hlb_vip",
            "INT 443 | HTTPS/TCP/443 | tcp 443 | reverse_proxy/internal_interface -> office_web_apps/server",
            "prose, internal clients to OWA | HTTPS/TCP/443 | tcp 443 | internal_clients/clients -> office_web_apps/server",
        ]],
    )
}

/// Port summary - Autodiscover (C.11), in a plan with a Standard Edition server and one Director.
pub fn jj945642() -> Vec<Row> {
    table(
        "JJ945642",
        &[&[
            "EXT 80 | HTTP/TCP/80 | tcp 80 | any/any -> reverse_proxy/external_listener",
            "EXT 443 | HTTPS/TCP/443 | tcp 443 | any/any -> reverse_proxy/external_listener",
            "INT 8080, Front End Server | HTTP/TCP/8080 | tcp 8080 | reverse_proxy/internal_interface -> front_end/server",
            "INT 8080, Director | HTTP/TCP/8080 | tcp 8080 | reverse_proxy/internal_interface -> director/server",
            "INT 4443, Front End Server | HTTPS/TCP/4443 | tcp 4443 | reverse_proxy/internal_interface -> front_end/server",
            "INT 4443, Director | HTTPS/TCP/4443 | tcp 4443 | reverse_proxy/internal_interface -> director/server",
        ]],
    )
}
