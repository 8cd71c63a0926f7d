//! The DNS and certificate teams' part of the handoff, derived once per plan content: the
//! plan's names resolved, its DNS records and its certificates. Findings, the window's inspector
//! and its reports read them from here; at 2,000 nodes resolving the names alone is a few
//! milliseconds, and each of the three used to resolve them again.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::certs::{self, Certificates};
use crate::dns::{self, DnsError, DnsRecords, Names};
use crate::plan::Plan;

/// Names, DNS records and certificates of one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handoff {
    /// Every name of the plan, resolved with Microsoft's defaults.
    pub names: Arc<Names>,
    /// The DNS records, or why there are none (a catalog without the DNS pages).
    pub dns: Result<DnsRecords, DnsError>,
    /// The certificates, or why there are none.
    pub certificates: Result<Certificates, DnsError>,
}

impl Handoff {
    /// Derive all three from `plan`, resolving its names once.
    pub fn derive(plan: &Plan, catalog: &Catalog) -> Self {
        let names = Arc::new(dns::resolve(plan));
        Self {
            dns: dns::derive_with(plan, catalog, &names),
            certificates: certs::derive_with(plan, catalog, &names),
            names,
        }
    }
}

impl Default for Handoff {
    /// An empty plan's: no records, no certificates.
    fn default() -> Self {
        let names = Arc::new(dns::resolve(&Plan::new("")));
        Self {
            dns: Ok(DnsRecords {
                names: Arc::clone(&names),
                records: Vec::new(),
                problems: Vec::new(),
            }),
            certificates: Ok(Certificates {
                certificates: Vec::new(),
                skipped: Vec::new(),
            }),
            names,
        }
    }
}
