//! Small shared vocabulary of the topology: zones, firewalls, load balancing, addressing.
//! Used by the catalog, the plan and the rules alike; holds no behaviour beyond naming.

use serde::{Deserialize, Serialize};

/// A network zone a node sits in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// The Internet, outside the external firewall.
    Internet,
    /// The perimeter network (DMZ) between the two firewalls.
    Perimeter,
    /// The internal network.
    #[default]
    Internal,
}

impl Zone {
    /// Every zone, outside in.
    pub const ALL: [Self; 3] = [Self::Internet, Self::Perimeter, Self::Internal];

    /// Lower-case name used in files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Internet => "internet",
            Self::Perimeter => "perimeter",
            Self::Internal => "internal",
        }
    }
}

/// The firewall a rule crosses, derived from the zones of its two ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Firewall {
    /// Internet <-> perimeter (and anything touching the Internet).
    External,
    /// Perimeter <-> internal.
    Internal,
    /// Both ends in one zone: host or Windows Firewall.
    Host,
}

impl Firewall {
    /// Every firewall, in report order.
    pub const ALL: [Self; 3] = [Self::External, Self::Internal, Self::Host];

    /// The boundary a rule between two zones is listed under: `external` for anything touching
    /// the Internet. Which firewalls a path crosses is `plan::Layout::crossed`.
    pub fn between(a: Zone, b: Zone) -> Self {
        match (a, b) {
            (x, y) if x == y => Self::Host,
            (Zone::Internet, _) | (_, Zone::Internet) => Self::External,
            _ => Self::Internal,
        }
    }

    /// Lower-case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::External => "external",
            Self::Internal => "internal",
            Self::Host => "host",
        }
    }

    /// Human title for reports.
    pub fn title(self) -> &'static str {
        match self {
            Self::External => "External firewall (Internet - perimeter)",
            Self::Internal => "Internal firewall (perimeter - internal)",
            Self::Host => "Host firewalls (same zone)",
        }
    }
}

/// How a pool spreads traffic over its members.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum LbMode {
    /// One server: every rule targets the server.
    #[default]
    Single,
    /// DNS load balancing only (Edge and Mediation pools).
    Dns,
    /// DNS load balancing for SIP, a hardware load balancer for web traffic ("Lync Server 2013:
    /// Port summary - DNS and HLB load balanced").
    DnsAndHlb,
    /// A hardware load balancer for all client-facing traffic.
    HlbOnly,
}

impl LbMode {
    /// Name used in files and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Dns => "dns",
            Self::DnsAndHlb => "dns_and_hlb",
            Self::HlbOnly => "hlb_only",
        }
    }

    /// True when a hardware load balancer (and so a VIP) is part of the design.
    pub fn has_hlb(self) -> bool {
        matches!(self, Self::DnsAndHlb | Self::HlbOnly)
    }
}

/// How an Edge's external addresses are reached.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Addressing {
    /// Publicly routable addresses on the interface.
    #[default]
    Public,
    /// Private addresses behind (symmetric) NAT on the external firewall.
    Nat,
}

impl Addressing {
    /// Name used in files and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Nat => "nat",
        }
    }
}

/// The server product a plan is for; some catalog rows depend on it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Product {
    /// Lync Server 2013.
    #[default]
    #[serde(rename = "lync_2013")]
    Lync2013,
    /// Skype for Business Server 2015.
    #[serde(rename = "sfb_2015")]
    Sfb2015,
    /// Skype for Business Server 2019.
    #[serde(rename = "sfb_2019")]
    Sfb2019,
}

impl Product {
    /// Every product, oldest first.
    pub const ALL: [Self; 3] = [Self::Lync2013, Self::Sfb2015, Self::Sfb2019];

    /// The product's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Lync2013 => "Lync Server 2013",
            Self::Sfb2015 => "Skype for Business Server 2015",
            Self::Sfb2019 => "Skype for Business Server 2019",
        }
    }

    /// Name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lync2013 => "lync_2013",
            Self::Sfb2015 => "sfb_2015",
            Self::Sfb2019 => "sfb_2019",
        }
    }
}
