//! The Edge pages: the five Lync Server 2013 port summaries and the Skype for Business Server
//! Edge tables, each in a plan of the topology it describes.

use lync_port_planner::topology::LbMode::{DnsAndHlb, HlbOnly, Single};
use lync_port_planner::topology::{LbMode, Product};

use super::{Build, Check, assert_checks, rows};
use crate::support::derive;

const LYNC_EDGE_FLAGS: &[&str] = &["federation", "xmpp", "ocs2007_federation"];
const FE_FLAGS: &[&str] = &["holds_cms", "xmpp_gateway"];

/// JJ204756: one Edge with public addresses, a Standard Edition server, one Director, a reverse
/// proxy and internal clients (linked to the Front End and the Director, not to the Edge).
pub fn single_public() -> lync_port_planner::plan::Plan {
    Build::new("single Edge, public, Standard Edition", Product::Lync2013)
        .node("edge", "edge", Single, 1, LYNC_EDGE_FLAGS)
        .node("fe", "front_end", Single, 1, FE_FLAGS)
        .node("dir", "director", Single, 1, &[])
        .node("rp", "reverse_proxy", Single, 1, &[])
        .node("clients", "internal_clients", Single, 0, &[])
        .link("edge", &["fe", "dir"])
        .link("dir", &["fe", "rp", "clients"])
        .link("fe", &["rp", "clients"])
        .plan()
}

/// JJ205394 (and JJ205179): a DNS-load-balanced Edge pool of two with public addresses, a
/// DNS+HLB Front End pool of three and Director pool of two, a reverse proxy, internal clients.
pub fn dns_public() -> lync_port_planner::plan::Plan {
    Build::new("DNS Edge pool of 2, public", Product::Lync2013)
        .node("edge", "edge", LbMode::Dns, 2, LYNC_EDGE_FLAGS)
        .node("fe", "front_end", DnsAndHlb, 3, FE_FLAGS)
        .node("dir", "director", DnsAndHlb, 2, &[])
        .node("rp", "reverse_proxy", Single, 1, &[])
        .node("clients", "internal_clients", Single, 0, &[])
        .link("edge", &["fe", "dir"])
        .link("dir", &["fe", "rp", "clients"])
        .link("fe", &["rp", "clients"])
        .plan()
}

/// Gg398739 (and JJ204983): an HLB-only Edge pool of four with public addresses, an HLB-only
/// Director pool of two, a DNS+HLB Front End pool of two; internal clients linked to the Edge
/// too, and a federated partner.
pub fn hlb_public() -> lync_port_planner::plan::Plan {
    Build::new(
        "HLB Edge pool of 4 and HLB Director pool",
        Product::Lync2013,
    )
    .node("edge", "edge", HlbOnly, 4, LYNC_EDGE_FLAGS)
    .node("fe", "front_end", DnsAndHlb, 2, FE_FLAGS)
    .node("dir", "director", HlbOnly, 2, &[])
    .node("rp", "reverse_proxy", Single, 1, &[])
    .node("clients", "internal_clients", Single, 0, &[])
    .node("partner", "federated_partner", Single, 0, &[])
    .link("edge", &["fe", "dir", "clients", "partner"])
    .link("dir", &["fe", "rp", "clients"])
    .link("fe", &["rp", "clients"])
    .plan()
}

pub fn checks() -> Vec<Check> {
    // Gg425891: one Edge behind NAT, a Front End pool of two, no Director.
    let single_nat = Build::new("single Edge, NAT, no Director", Product::Lync2013)
        .node("edge", "edge", Single, 1, LYNC_EDGE_FLAGS)
        .nat("edge")
        .node("fe", "front_end", DnsAndHlb, 2, FE_FLAGS)
        .link("edge", &["fe"])
        .plan();
    // Gg412756: a DNS Edge pool of three behind NAT, a Front End pool of four, no Director;
    // internal clients linked to the Edge as well as to the Front End.
    let dns_nat = Build::new("DNS Edge pool of 3, NAT", Product::Lync2013)
        .node("edge", "edge", LbMode::Dns, 3, LYNC_EDGE_FLAGS)
        .nat("edge")
        .node("fe", "front_end", DnsAndHlb, 4, FE_FLAGS)
        .node("clients", "internal_clients", Single, 0, &[])
        .link("edge", &["fe", "clients"])
        .link("fe", &["clients"])
        .plan();
    // Skype for Business Server 2015, a DNS Edge pool of three behind NAT, Standard Edition.
    let sfb_dns_nat = Build::new("SfB 2015 DNS Edge pool of 3, NAT", Product::Sfb2015)
        .node("edge", "edge", LbMode::Dns, 3, &["federation", "xmpp"])
        .nat("edge")
        .node("fe", "front_end", Single, 1, FE_FLAGS)
        .link("edge", &["fe"])
        .plan();
    vec![
        Check::new(single_public(), vec![rows::jj204756()]),
        Check::new(single_nat, vec![rows::gg425891(), rows::gg398833_clients()]),
        Check::new(dns_public(), vec![rows::jj205394()]),
        Check::new(dns_nat, vec![rows::gg412756()]),
        Check::new(hlb_public(), vec![rows::gg398739()]),
        Check::new(sfb_hlb(), vec![rows::sfb_hlb_edge()]),
        Check::new(sfb_dns_nat, vec![rows::sfb_edge(Product::Sfb2015, false)]),
        Check::new(sfb_2019(), vec![rows::sfb_edge(Product::Sfb2019, true)]),
    ]
}

/// Skype for Business Server 2015 behind hardware load balancers: two Edges, a Front End pool of
/// three, one Director.
fn sfb_hlb() -> lync_port_planner::plan::Plan {
    Build::new("SfB 2015 HLB Edge pool of 2", Product::Sfb2015)
        .node("edge", "edge", HlbOnly, 2, &["federation", "xmpp"])
        .node("fe", "front_end", DnsAndHlb, 3, FE_FLAGS)
        .node("dir", "director", Single, 1, &[])
        .link("edge", &["fe", "dir"])
        .link("dir", &["fe"])
        .plan()
}

/// Skype for Business Server 2019: one Edge with public addresses (XMPP switched on, which 2019
/// no longer supports), DNS+HLB Front End and Director pools of two.
fn sfb_2019() -> lync_port_planner::plan::Plan {
    Build::new("SfB 2019 single Edge, public", Product::Sfb2019)
        .node("edge", "edge", Single, 1, &["federation", "xmpp"])
        .node("fe", "front_end", DnsAndHlb, 2, FE_FLAGS)
        .node("dir", "director", DnsAndHlb, 2, &[])
        .link("edge", &["fe", "dir"])
        .link("dir", &["fe"])
        .plan()
}

#[test]
fn every_row_of_the_edge_tables_holds() {
    assert_checks(&checks());
}

/// The Skype for Business page marks its XMPP rows "Not supported in Skype for Business Server
/// 2019": a 2019 plan gets none, even with the XMPP flags set.
#[test]
fn skype_for_business_2019_has_no_xmpp_rows() {
    let (set, _) = derive(&sfb_2019());
    let xmpp: Vec<String> = (set.rules.iter())
        .filter(|r| [5269, 23456].contains(&r.ports.from))
        .map(|r| r.id().to_string())
        .collect();
    assert!(xmpp.is_empty(), "{xmpp:?}");
}

/// The Skype for Business page's "Internal interface Virtual IPs" table sends only STUN TCP 443
/// to the "Edge Server internal VIP interface"; UDP 3478 goes to the "Edge Server internal
/// interface", as 5061 and 5062 do. The Lync Server 2013 page (Gg398739) sends UDP 3478 to the
/// internal VIP as well.
#[test]
fn only_tcp_443_reaches_a_skype_for_business_edge_pools_internal_vip() {
    let to_vip = |plan: &lync_port_planner::plan::Plan| -> Vec<String> {
        let (set, _) = derive(plan);
        (set.rules.iter())
            .filter(|r| &*r.destination.endpoint == "internal_vip")
            .map(|r| format!("{:?} {}", r.transport, r.ports))
            .collect()
    };
    assert_eq!(to_vip(&sfb_hlb()), ["Tcp 443"]);
    let lync = to_vip(&hlb_public());
    assert!(lync.contains(&"Udp 3478".to_owned()), "{lync:?}");
}
