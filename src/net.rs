//! Validated network values: IP networks and port ranges.
//! They are parsed once, on load; exports print them, never user text.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An IPv4 or IPv6 address with a prefix length (`10.0.0.5`, `10.1.0.0/16`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IpNet {
    /// The network address (host bits are zero unless the prefix is full).
    pub addr: IpAddr,
    /// Prefix length: 0..=32 for IPv4, 0..=128 for IPv6.
    pub prefix: u8,
}

impl IpNet {
    /// The full prefix length for this address family.
    pub fn max_prefix(&self) -> u8 {
        if self.addr.is_ipv4() { 32 } else { 128 }
    }

    /// True when the network is one host.
    pub fn is_host(&self) -> bool {
        self.prefix == self.max_prefix()
    }

    /// True for IPv4.
    pub fn is_ipv4(&self) -> bool {
        self.addr.is_ipv4()
    }

    /// True for an IPv4-mapped IPv6 address or network inside `::ffff:0:0/96`: a socket's view
    /// of an IPv4 peer, never an address an IPv6 packet carries.
    pub fn is_ipv4_mapped(&self) -> bool {
        match self.addr {
            IpAddr::V6(v6) => self.prefix >= 96 && v6.to_ipv4_mapped().is_some(),
            IpAddr::V4(_) => false,
        }
    }

    /// The IPv4 netmask in dotted form (`255.255.0.0`); `None` for IPv6.
    pub fn ipv4_mask(&self) -> Option<std::net::Ipv4Addr> {
        match self.addr {
            IpAddr::V4(_) => {
                let bits = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(self.prefix))
                };
                Some(std::net::Ipv4Addr::from(bits))
            }
            IpAddr::V6(_) => None,
        }
    }

    /// First and last address as integers (IPv4 in the low 32 bits).
    pub fn bounds(&self) -> (u128, u128) {
        let bits = to_bits(self.addr);
        let shift = u32::from(self.max_prefix() - self.prefix.min(self.max_prefix()));
        if shift >= 128 {
            return (0, u128::MAX >> (128 - u32::from(self.max_prefix())));
        }
        let first = bits >> shift << shift;
        (first, first | ((1u128 << shift) - 1))
    }

    /// True when `other` lies entirely inside this network.
    pub fn contains(&self, other: &Self) -> bool {
        if self.addr.is_ipv4() != other.addr.is_ipv4() || other.prefix < self.prefix {
            return false;
        }
        let (a, b) = (to_bits(self.addr), to_bits(other.addr));
        let width = u32::from(self.max_prefix());
        let shift = width - u32::from(self.prefix);
        if shift >= 128 {
            return true;
        }
        (a >> shift) == (b >> shift)
    }
}

fn to_bits(addr: IpAddr) -> u128 {
    match addr {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// Why a network or port text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not an IP address.
    #[error("`{text}` is not an IP address or network (expected e.g. 10.0.0.5 or 10.0.0.0/24)")]
    Address {
        /// The refused text, as a message quotes it (one line, cut short).
        text: String,
    },
    /// The prefix is out of range or host bits are set.
    #[error("`{text}` has an invalid prefix length or host bits set after the prefix")]
    Prefix {
        /// The refused text, as a message quotes it (one line, cut short).
        text: String,
    },
    /// Not a port or range.
    #[error("`{text}` is not a port or port range (expected 1-65535, e.g. 5061 or 50000-59999)")]
    Port {
        /// The refused text, as a message quotes it (one line, cut short).
        text: String,
    },
}

impl FromStr for IpNet {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (addr_text, prefix_text) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr_text.parse().map_err(|_| ValueError::Address {
            text: crate::escape::quoted(text),
        })?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix_text {
            None => max,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.len() <= 3 => {
                p.parse::<u8>().map_err(|_| ValueError::Prefix {
                    text: crate::escape::quoted(text),
                })?
            }
            Some(_) => {
                return Err(ValueError::Prefix {
                    text: crate::escape::quoted(text),
                });
            }
        };
        if prefix > max {
            return Err(ValueError::Prefix {
                text: crate::escape::quoted(text),
            });
        }
        let net = Self { addr, prefix };
        let shift = u32::from(max - prefix);
        if shift < 128 && shift > 0 && (to_bits(addr) & ((1u128 << shift) - 1)) != 0 {
            return Err(ValueError::Prefix {
                text: crate::escape::quoted(text),
            });
        }
        if shift == 128 && to_bits(addr) != 0 {
            return Err(ValueError::Prefix {
                text: crate::escape::quoted(text),
            });
        }
        Ok(net)
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_host() {
            write!(f, "{}", self.addr)
        } else {
            write!(f, "{}/{}", self.addr, self.prefix)
        }
    }
}

impl TryFrom<String> for IpNet {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<IpNet> for String {
    fn from(value: IpNet) -> Self {
        value.to_string()
    }
}

/// A TCP or UDP port, or an inclusive range of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PortRange {
    /// First port (1..=65535).
    pub from: u16,
    /// Last port, inclusive, `>= from`.
    pub to: u16,
}

impl PortRange {
    /// One port.
    pub fn single(port: u16) -> Self {
        Self {
            from: port,
            to: port,
        }
    }

    /// True when the range is one port.
    pub fn is_single(&self) -> bool {
        self.from == self.to
    }

    /// True when `other` lies inside this range.
    pub fn contains(&self, other: &Self) -> bool {
        self.from <= other.from && other.to <= self.to
    }

    /// `from` and `to` joined with `sep` (`50000:59999`), or the one port.
    pub fn join(&self, sep: &str) -> String {
        if self.is_single() {
            self.from.to_string()
        } else {
            format!("{}{sep}{}", self.from, self.to)
        }
    }
}

impl FromStr for PortRange {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || ValueError::Port {
            text: crate::escape::quoted(text),
        };
        let parse = |t: &str| -> Result<u16, ValueError> {
            let t = t.trim();
            if t.is_empty() || t.len() > 5 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            match t.parse::<u16>() {
                Ok(p) if p > 0 => Ok(p),
                _ => Err(bad()),
            }
        };
        let (from, to) = if let Some((a, b)) = text.split_once('-') {
            (parse(a)?, parse(b)?)
        } else {
            let p = parse(text)?;
            (p, p)
        };
        if from > to {
            return Err(bad());
        }
        Ok(Self { from, to })
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

impl TryFrom<String> for PortRange {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<PortRange> for String {
    fn from(value: PortRange) -> Self {
        value.to_string()
    }
}

/// The transport protocol of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

impl Transport {
    /// Lower-case name, as used in JSON and nftables.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tcp => "tcp",
            Self::Udp => "udp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hosts_and_networks() {
        assert_eq!("10.0.0.5".parse::<IpNet>().unwrap().to_string(), "10.0.0.5");
        assert_eq!(
            "10.1.0.0/16"
                .parse::<IpNet>()
                .unwrap()
                .ipv4_mask()
                .unwrap()
                .to_string(),
            "255.255.0.0"
        );
        assert_eq!(
            "0.0.0.0/0"
                .parse::<IpNet>()
                .unwrap()
                .ipv4_mask()
                .unwrap()
                .to_string(),
            "0.0.0.0"
        );
        assert_eq!(
            "2001:db8::/32".parse::<IpNet>().unwrap().to_string(),
            "2001:db8::/32"
        );
        for bad in [
            "10.0.0.256",
            "10.0.0.1/33",
            "10.0.0.1/24",
            "10.0.0.0/",
            "x",
            "10.0.0.0/+8",
            "",
        ] {
            assert!(bad.parse::<IpNet>().is_err(), "{bad}");
        }
    }

    #[test]
    fn contains_networks() {
        let net: IpNet = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains(&"10.1.2.3".parse().unwrap()));
        assert!(!net.contains(&"10.2.0.1".parse().unwrap()));
        assert!("0.0.0.0/0".parse::<IpNet>().unwrap().contains(&net));
    }

    #[test]
    fn parses_ports() {
        assert_eq!(
            "5061".parse::<PortRange>().unwrap(),
            PortRange::single(5061)
        );
        assert_eq!(
            "50000-59999".parse::<PortRange>().unwrap().join(":"),
            "50000:59999"
        );
        for bad in ["0", "65536", "9-1", "a", "1-", "-1", "+5", ""] {
            assert!(bad.parse::<PortRange>().is_err(), "{bad}");
        }
    }
}
