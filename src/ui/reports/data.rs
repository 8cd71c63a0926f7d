//! What the reports show, derived again only when its input changes: the DNS records and
//! certificates when the plan's content changes (an edit, undo or redo; not a card moved within
//! its zone, not an idle frame), the rule counts per firewall when the rules do. The Reports
//! window and the trainer's DNS lookups read them from here.

use std::collections::BTreeSet;

use crate::catalog::Catalog;
use crate::certs::Certificates;
use crate::dns::DnsRecords;
use crate::document::ContentId;
use crate::net::{PortRange, Transport};
use crate::plan::{FirewallId, Plan};
use crate::rules::RuleSet;

/// A derived value, or why there is none (a catalog file without the DNS pages).
pub type ReportResult<T> = Result<T, String>;

/// One firewall's line in the firewall report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirewallLine {
    /// Which firewall.
    pub id: FirewallId,
    /// Rules entering (from a zone further out).
    pub inbound: usize,
    /// Rules leaving.
    pub outbound: usize,
    /// The ports it must open, each once (`TCP 443`), in port order.
    pub ports: Vec<String>,
}

/// The reports' data, each part cached by what it is derived from and derived only when a tab
/// (or the trainer) asks for it: the records and the certificates apart.
#[derive(Clone, Debug, Default)]
pub struct ReportData {
    dns: Option<(ContentId, ReportResult<DnsRecords>)>,
    certs: Option<(ContentId, ReportResult<Certificates>)>,
    firewalls: Option<(ContentId, FirewallReport)>,
    derivations: u64,
}

impl ReportData {
    /// The DNS records of `plan`, whose content is `content`.
    pub fn dns(
        &mut self,
        content: ContentId,
        plan: &Plan,
        catalog: &Catalog,
    ) -> &ReportResult<DnsRecords> {
        let derive = || crate::dns::derive(plan, catalog).map_err(|e| e.to_string());
        cached(&mut self.dns, content, &mut self.derivations, derive)
    }

    /// The certificates of `plan`, whose content is `content`.
    pub fn certs(
        &mut self,
        content: ContentId,
        plan: &Plan,
        catalog: &Catalog,
    ) -> &ReportResult<Certificates> {
        let derive = || crate::certs::derive(plan, catalog).map_err(|e| e.to_string());
        cached(&mut self.certs, content, &mut self.derivations, derive)
    }

    /// The rule counts per firewall of `rules`, derived from `content`.
    pub fn firewalls(
        &mut self,
        content: ContentId,
        plan: &Plan,
        rules: &RuleSet,
    ) -> &FirewallReport {
        if self.firewalls.as_ref().is_some_and(|(c, _)| *c != content) {
            self.firewalls = None;
        }
        &(self.firewalls)
            .get_or_insert_with(|| (content, firewall_report(plan, rules)))
            .1
    }

    /// How many times records or certificates were derived (tests: not every frame).
    pub fn derivations(&self) -> u64 {
        self.derivations
    }
}

/// The value in `slot` if it is of `content`, else `derive`d again (and counted).
fn cached<'a, T>(
    slot: &'a mut Option<(ContentId, T)>,
    content: ContentId,
    count: &mut u64,
    derive: impl FnOnce() -> T,
) -> &'a T {
    if slot.as_ref().is_some_and(|(c, _)| *c != content) {
        *slot = None;
    }
    &slot
        .get_or_insert_with(|| {
            *count += 1;
            (content, derive())
        })
        .1
}

/// The firewall report: each firewall's rule counts, and the rules no firewall carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirewallReport {
    /// The plan's firewalls, outside in.
    pub lines: Vec<FirewallLine>,
    /// Rules within one zone: for the servers' own (host) firewalls.
    pub host: usize,
}

fn firewall_report(plan: &Plan, rules: &RuleSet) -> FirewallReport {
    let layout = plan.firewalls.layout();
    let lines = (layout.ids().iter())
        .map(|&id| {
            let through = rules.through(layout, id);
            let ports: BTreeSet<(PortRange, Transport)> = (through.inbound.iter())
                .chain(&through.outbound)
                .map(|r| (r.ports, r.transport))
                .collect();
            FirewallLine {
                id,
                inbound: through.inbound.len(),
                outbound: through.outbound.len(),
                ports: (ports.into_iter())
                    .map(|(p, t)| format!("{} {p}", t.as_str().to_uppercase()))
                    .collect(),
            }
        })
        .collect();
    let host = (rules.rules.iter())
        .filter(|r| layout.crossed(r.source.zone, r.destination.zone).is_empty())
        .count();
    FirewallReport { lines, host }
}
