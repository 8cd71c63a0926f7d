//! The certificates a plan needs, as Microsoft's certificate pages list them: per Front End,
//! Director, Mediation and Office Web Apps pool one certificate (default and both web services
//! on one certificate, as the certificate wizard can assign them), per Edge pool an internal
//! and an external one, one for the reverse proxy. Each has its subject name, every subject
//! alternative name (the subject first, as "the subject name is replicated in the SAN"), its
//! key usages, whether its private key is exportable (an Edge pool of several servers shares
//! one) and the CA that issues it, and cites its page. Names come from `dns::resolve` and are
//! checked `DnsName`s: the only text the request formats (`export::dns`) write.

mod derive;

use crate::dns::{DnsName, NameError, Page};
use crate::plan::NodeId;

pub use derive::{derive, derive_with};

/// Longest common name a certificate may carry (RFC 5280 `ub-common-name`).
pub const MAX_COMMON_NAME: usize = 64;

/// Where a certificate is installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Installed {
    /// The servers of a Front End pool.
    FrontEnd,
    /// The servers of a Director pool.
    Director,
    /// Stand-alone Mediation Servers.
    Mediation,
    /// The Edge servers' internal interface.
    EdgeInternal,
    /// The Edge servers' external interfaces (Access, Web Conferencing, A/V authentication).
    EdgeExternal,
    /// The reverse proxy's external listener.
    ReverseProxy,
    /// The Office Web Apps servers.
    OfficeWebApps,
}

impl Installed {
    /// The CSV value and file name prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FrontEnd => "front-end-pool",
            Self::Director => "director-pool",
            Self::Mediation => "mediation-pool",
            Self::EdgeInternal => "edge-internal",
            Self::EdgeExternal => "edge-external",
            Self::ReverseProxy => "reverse-proxy",
            Self::OfficeWebApps => "office-web-apps",
        }
    }
}

/// An extended key usage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Eku {
    /// Server authentication (1.3.6.1.5.5.7.3.1).
    ServerAuth,
    /// Client authentication (1.3.6.1.5.5.7.3.2).
    ClientAuth,
}

impl Eku {
    /// OpenSSL's short name.
    pub fn openssl(self) -> &'static str {
        match self {
            Self::ServerAuth => "serverAuth",
            Self::ClientAuth => "clientAuth",
        }
    }

    /// The object identifier.
    pub fn oid(self) -> &'static str {
        match self {
            Self::ServerAuth => "1.3.6.1.5.5.7.3.1",
            Self::ClientAuth => "1.3.6.1.5.5.7.3.2",
        }
    }
}

/// Who issues a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ca {
    /// A public certification authority.
    Public,
    /// The organization's own (internal) CA; a public one also works.
    Internal,
}

impl Ca {
    /// The CSV value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Internal => "internal",
        }
    }
}

/// One certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// The node it is for.
    pub node: NodeId,
    /// Where it is installed.
    pub installed: Installed,
    /// Subject name (the common name).
    pub subject: DnsName,
    /// Subject alternative names, the subject first when the page lists any; no duplicates.
    pub sans: std::sync::Arc<[DnsName]>,
    /// Extended key usages.
    pub eku: Vec<Eku>,
    /// True when the private key must be exportable (shared by the servers of an Edge pool).
    pub exportable: bool,
    /// Who issues it.
    pub ca: Ca,
    /// The page it comes from.
    pub page: Page,
}

impl Certificate {
    /// The common name, when it fits a certificate (64 characters).
    pub fn common_name(&self) -> Option<&DnsName> {
        (self.subject.as_str().len() <= MAX_COMMON_NAME).then_some(&self.subject)
    }
}

/// A name a certificate needs that is not a DNS name: left out, and said.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// The node whose certificate needs it.
    pub node: NodeId,
    /// Where the certificate is installed.
    pub installed: Installed,
    /// The text.
    pub text: String,
    /// Why it is no DNS name.
    pub error: NameError,
}

/// Every certificate of a plan, with the names left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificates {
    /// In node id order, the Edge's internal certificate before its external one.
    pub certificates: Vec<Certificate>,
    /// Names left out, sorted.
    pub skipped: Vec<Skipped>,
}
