//! The firewall report's data, derived again only when the rules change (the DNS records and
//! certificates come derived with the rules: `Derivation::handoff`).

use std::collections::BTreeSet;

use crate::document::ContentId;
use crate::net::{PortRange, Transport};
use crate::plan::{FirewallId, Plan};
use crate::rules::RuleSet;

/// A derived value, or why there is none (a catalog file without the DNS pages).
pub type ReportResult<T> = Result<T, crate::dns::DnsError>;

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

/// The firewall report, cached by the content its rules were derived from.
#[derive(Clone, Debug, Default)]
pub struct ReportData {
    firewalls: Option<(ContentId, FirewallReport)>,
}

impl ReportData {
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
