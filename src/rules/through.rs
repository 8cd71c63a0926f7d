//! One firewall's rule set: the rules whose path crosses it, inbound (from the zone nearer the
//! Internet) and outbound. A rule between the Internet and the internal network crosses both
//! back-to-back firewalls, so it is in both their sets, although its `firewall` field (the
//! boundary it is listed under in exports) names the external one only.

use super::{Rule, RuleSet};
use crate::plan::{FirewallId, Layout};

/// The rules one firewall must pass, in the rule set's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirewallRules<'a> {
    /// Which firewall.
    pub id: FirewallId,
    /// Traffic that enters from the side nearer the Internet.
    pub inbound: Vec<&'a Rule>,
    /// Traffic that leaves towards the side nearer the Internet.
    pub outbound: Vec<&'a Rule>,
}

impl FirewallRules<'_> {
    /// Inbound and outbound rules together.
    pub fn len(&self) -> usize {
        self.inbound.len() + self.outbound.len()
    }

    /// True when the firewall passes nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// True when `rule`'s path crosses firewall `id` of `layout`.
pub fn crosses(rule: &Rule, layout: Layout, id: FirewallId) -> bool {
    layout
        .crossed(rule.source.zone, rule.destination.zone)
        .contains(&id)
}

impl RuleSet {
    /// The rules that cross firewall `id` of `layout` (a plan's `firewalls.layout()`).
    pub fn through(&self, layout: Layout, id: FirewallId) -> FirewallRules<'_> {
        let (inbound, outbound) = self
            .rules
            .iter()
            .filter(|r| crosses(r, layout, id))
            // Zones are ordered outside in.
            .partition(|r| r.source.zone < r.destination.zone);
        FirewallRules {
            id,
            inbound,
            outbound,
        }
    }
}
