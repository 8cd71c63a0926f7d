//! Values every firewall format writes in its own way: service names for ports, address
//! ranges, and the complement of a list of networks or ports (a negated match), all as the
//! networks and port ranges the audit's rows hold.

use std::net::IpAddr;

use crate::net::{IpNet, PortRange};

/// Well-known service names as `/etc/services` and Cisco ASA spell them, with their TCP or UDP
/// port: what a firewall prints instead of a number (`https`, `sip`, `domain`). ASA's `sip` is
/// 5060 on both protocols; `sip-tls` is IANA's 5061.
const SERVICES: [(&str, u16); 34] = [
    ("bgp", 179),
    ("bootpc", 68),
    ("bootps", 67),
    ("dns", 53),
    ("domain", 53),
    ("ftp", 21),
    ("ftp-data", 20),
    ("h323", 1720),
    ("http", 80),
    ("https", 443),
    ("imap4", 143),
    ("kerberos", 88),
    ("ldap", 389),
    ("ldaps", 636),
    ("msrpc", 135),
    ("netbios-dgm", 138),
    ("netbios-ns", 137),
    ("netbios-ssn", 139),
    ("ntp", 123),
    ("pop3", 110),
    ("rtsp", 554),
    ("sip", 5060),
    ("sip-tls", 5061),
    ("sips", 5061),
    ("smtp", 25),
    ("snmp", 161),
    ("snmptrap", 162),
    ("sqlnet", 1521),
    ("ssh", 22),
    ("syslog", 514),
    ("telnet", 23),
    ("tftp", 69),
    ("www", 80),
    ("xmpp-server", 5269),
];

/// A port given as a number or a service name (case-insensitive).
pub(super) fn port(text: &str) -> Option<u16> {
    let t = text.trim();
    if let Ok(p) = t.parse::<u16>() {
        return Some(p);
    }
    SERVICES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(t))
        .map(|(_, p)| *p)
}

/// `A-B` or `A:B` of ports or service names; a single port.
pub(super) fn port_range(text: &str) -> Option<PortRange> {
    let t = text.trim();
    if let Some(p) = port(t) {
        return Some(PortRange { from: p, to: p });
    }
    let (a, b) = t.split_once(['-', ':']).unwrap_or((t, t));
    let (from, to) = (port(a)?, port(b)?);
    (from <= to).then_some(PortRange { from, to })
}

/// The networks of an address, a network (`A/LEN`) or a range (`A-B`, one family).
pub(super) fn networks(text: &str) -> Option<Vec<IpNet>> {
    let t = text.trim();
    if let Some((a, b)) = t.split_once('-') {
        let (a, b): (IpAddr, IpAddr) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        return (a.is_ipv4() == b.is_ipv4())
            .then(|| range_nets(a, b))
            .flatten();
    }
    t.parse::<IpNet>().ok().map(|n| vec![n])
}

/// An IPv4 network from an address and a dotted mask (`10.0.0.0 255.255.0.0`); a mask whose
/// ones are not contiguous is refused.
pub(super) fn with_mask(addr: &str, mask: &str) -> Option<IpNet> {
    let (a, m): (std::net::Ipv4Addr, std::net::Ipv4Addr) = (addr.parse().ok()?, mask.parse().ok()?);
    let m = u32::from(m);
    let prefix = m.leading_ones();
    if m.checked_shl(prefix).unwrap_or(0) != 0 {
        return None;
    }
    format!("{a}/{prefix}").parse().ok()
}

fn bits(a: IpAddr) -> u128 {
    match a {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The fewest networks that make up `lo..=hi` of one family.
fn span_nets(v4: bool, lo: u128, hi: u128, out: &mut Vec<IpNet>) {
    let width: u32 = if v4 { 32 } else { 128 };
    let mut at = lo;
    loop {
        // The largest block that starts at `at` and ends by `hi`.
        let end = |size: u32| {
            if size >= 128 {
                u128::MAX
            } else {
                at + ((1u128 << size) - 1)
            }
        };
        let mut size = if at == 0 {
            width
        } else {
            at.trailing_zeros().min(width)
        };
        while size > 0 && end(size) > hi {
            size -= 1;
        }
        let addr = if v4 {
            IpAddr::V4(std::net::Ipv4Addr::from(u32::try_from(at).unwrap_or(0)))
        } else {
            IpAddr::V6(std::net::Ipv6Addr::from(at))
        };
        let prefix = u8::try_from(width - size).unwrap_or(0);
        out.push(IpNet { addr, prefix });
        let last = end(size);
        if last >= hi {
            return;
        }
        at = last + 1;
    }
}

fn range_nets(a: IpAddr, b: IpAddr) -> Option<Vec<IpNet>> {
    let (lo, hi) = (bits(a), bits(b));
    (lo <= hi).then(|| {
        let mut out = Vec::new();
        span_nets(a.is_ipv4(), lo, hi, &mut out);
        out
    })
}

/// Every address of the family outside `nets` (which are all of that family), as networks.
pub(super) fn complement(v4: bool, nets: &[IpNet]) -> Vec<IpNet> {
    let mut spans: Vec<(u128, u128)> = nets
        .iter()
        .filter(|n| n.is_ipv4() == v4)
        .map(IpNet::bounds)
        .collect();
    spans.sort_unstable();
    let max = if v4 { u128::from(u32::MAX) } else { u128::MAX };
    let mut out = Vec::new();
    let mut next = Some(0_u128);
    for (lo, hi) in spans {
        if let Some(n) = next
            && lo > n
        {
            span_nets(v4, n, lo - 1, &mut out);
        }
        next = match next {
            Some(n) if hi < n => Some(n),
            _ => hi.checked_add(1).filter(|h| *h <= max),
        };
    }
    if let Some(n) = next {
        span_nets(v4, n, max, &mut out);
    }
    out
}

/// The ports outside `ranges`.
pub(super) fn port_complement(ranges: &[PortRange]) -> Vec<PortRange> {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::new();
    let mut next: u32 = 0;
    for r in sorted {
        if u32::from(r.from) > next {
            out.push(PortRange {
                from: u16::try_from(next).unwrap_or(u16::MAX),
                to: r.from - 1,
            });
        }
        next = next.max(u32::from(r.to) + 1);
    }
    if next <= 65535 {
        out.push(PortRange {
            from: u16::try_from(next).unwrap_or(u16::MAX),
            to: 65535,
        });
    }
    out
}

/// `lt P`, `gt P`, `neq P` of ASA (and nft's `<`, `>`, `!=`) as ranges; `None` for no port.
pub(super) fn compare(op: &str, p: u16) -> Option<Vec<PortRange>> {
    let r = |from, to| PortRange { from, to };
    match op {
        "eq" | "==" => Some(vec![r(p, p)]),
        "lt" | "<" => (p > 0).then(|| vec![r(0, p - 1)]),
        "le" | "<=" => Some(vec![r(0, p)]),
        "gt" | ">" => (p < 65535).then(|| vec![r(p + 1, 65535)]),
        "ge" | ">=" => Some(vec![r(p, 65535)]),
        "neq" | "!=" => Some(port_complement(&[r(p, p)])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[IpNet]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn ranges_become_the_fewest_networks() {
        let r = networks("10.0.0.1-10.0.0.6").unwrap();
        assert_eq!(
            nets(&r),
            ["10.0.0.1", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6"]
        );
        assert_eq!(
            nets(&networks("0.0.0.0-255.255.255.255").unwrap()),
            ["0.0.0.0/0"]
        );
        assert_eq!(
            nets(&networks("2001:db8::-2001:db8::1").unwrap()),
            ["2001:db8::/127"]
        );
        assert!(networks("10.0.0.9-10.0.0.1").is_none());
        assert!(networks("10.0.0.1-::1").is_none());
        assert_eq!(
            with_mask("10.1.0.0", "255.255.0.0").unwrap().to_string(),
            "10.1.0.0/16"
        );
        assert!(with_mask("10.1.0.0", "255.0.255.0").is_none());
    }

    #[test]
    fn complements_cover_the_rest_of_the_family() {
        let c = complement(true, &["10.0.0.0/8".parse().unwrap()]);
        assert_eq!(
            nets(&c),
            [
                "0.0.0.0/5",
                "8.0.0.0/7",
                "11.0.0.0/8",
                "12.0.0.0/6",
                "16.0.0.0/4",
                "32.0.0.0/3",
                "64.0.0.0/2",
                "128.0.0.0/1"
            ]
        );
        assert!(complement(false, &["::/0".parse().unwrap()]).is_empty());
        assert_eq!(nets(&complement(false, &[])), ["::/0"]);
        let p = port_complement(&[PortRange { from: 22, to: 22 }]);
        assert_eq!(
            p,
            [
                PortRange { from: 0, to: 21 },
                PortRange {
                    from: 23,
                    to: 65535
                }
            ]
        );
        assert_eq!(
            compare("lt", 1024),
            Some(vec![PortRange { from: 0, to: 1023 }])
        );
        assert_eq!(port("HTTPS"), Some(443));
        assert_eq!(
            port_range("sip:sips"),
            Some(PortRange {
                from: 5060,
                to: 5061
            })
        );
    }
}
