//! Firewall rules derived from a plan and the catalog: a pure, sorted function of both.
//! Rules are never stored; the plan and the catalog are the only sources.

use std::sync::Arc;

mod cite;
mod derive;
mod peers;
mod resolve;
mod summary;
mod through;

pub use derive::derive;
pub use peers::{AnyPeer, any_peers};
pub use summary::{LinkSummary, MAX_PORTS_SHOWN, link_summaries, peer_summaries};
pub use through::{FirewallRules, crosses};

use crate::net::{IpNet, PortRange, Transport};
use crate::plan::NodeId;
use crate::topology::{Firewall, Zone};

/// The addresses an endpoint resolved to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Addresses {
    /// Any address ("Any" in Microsoft's tables).
    Any,
    /// These networks (hosts or subnets); empty when nothing could be resolved.
    List(Vec<IpNet>),
}

/// One end of a rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleEnd {
    /// The node, or `None` for "Any".
    pub node: Option<NodeId>,
    /// The node's label, or `Any`.
    pub label: Arc<str>,
    /// Role id, or `any`.
    pub role: Arc<str>,
    /// Endpoint kind id (`hlb_vip`, `internal_interface`, `any`).
    pub endpoint: Arc<str>,
    /// Zone of this end.
    pub zone: Zone,
    /// Resolved addresses.
    pub addresses: Addresses,
    /// True when the addresses are servers' own (a host firewall can hold the rule), not a VIP or network.
    pub is_host: bool,
    /// What could not be resolved; empty when complete.
    pub missing: Vec<Missing>,
}

/// An address a rule end needs that the plan does not give.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// The node has no member servers at all.
    NoMembers {
        /// Node label.
        node: String,
    },
    /// A member has no address of this endpoint kind.
    MemberAddress {
        /// Member name.
        member: String,
        /// Node label.
        node: String,
        /// Endpoint kind.
        kind: String,
    },
    /// The node has no VIP of this endpoint kind.
    Address {
        /// Node label.
        node: String,
        /// Endpoint kind.
        kind: String,
    },
    /// The node has no networks.
    Networks {
        /// Node label.
        node: String,
    },
}

impl Missing {
    /// The sentence in `lang`, quoting names and labels on one short line each.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::escape::quoted;
        use crate::i18n::trf;
        match self {
            Self::NoMembers { node } => trf(lang, "missing.no_members", &[("node", &quoted(node))]),
            Self::MemberAddress { member, node, kind } => trf(
                lang,
                "missing.member",
                &[
                    ("member", &quoted(member)),
                    ("node", &quoted(node)),
                    ("kind", kind),
                ],
            ),
            Self::Address { node, kind } => trf(
                lang,
                "missing.address",
                &[("node", &quoted(node)), ("kind", kind)],
            ),
            Self::Networks { node } => trf(lang, "missing.networks", &[("node", &quoted(node))]),
        }
    }
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::Lang::En))
    }
}

impl RuleEnd {
    /// True when some address this end needs is not filled in.
    pub fn is_unresolved(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// Where a rule comes from: a catalog requirement, whose texts the rules of one topology
/// share, or a hand-written rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The catalog requirement, or `custom`.
    pub requirement: Arc<str>,
    /// Application protocol label.
    pub application: Arc<str>,
    /// Why it exists, in every language.
    pub notes: Arc<crate::catalog::Text>,
    /// Ids of the Microsoft pages it cites (see `Catalog::source`).
    pub references: Arc<[String]>,
    /// Those pages with their titles and addresses, in the same order.
    pub sources: Arc<[Page]>,
    /// Ids of the disagreements between Microsoft's pages that change it.
    pub conflicts: Arc<[String]>,
}

/// A Microsoft page a rule cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Microsoft's id of the page (`JJ205179`).
    pub id: String,
    /// Its title as Microsoft published it.
    pub title: String,
    /// Its address.
    pub url: String,
}

/// One derived firewall rule. Its ends and its requirement's texts are shared with the other
/// rules of the same node end and requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, never row order (see [`RuleId`]).
    pub id: RuleId,
    /// What it comes from.
    pub origin: Arc<Origin>,
    /// The firewall it crosses.
    pub firewall: Firewall,
    /// Where traffic starts.
    pub source: Arc<RuleEnd>,
    /// Where traffic goes.
    pub destination: Arc<RuleEnd>,
    /// Transport.
    pub transport: Transport,
    /// Destination port or range.
    pub ports: PortRange,
    /// A hand-written rule's number on its link, from 1; `None` for the catalog's rules.
    pub custom: Option<u32>,
}

/// The rules `link` would carry with none of its requirements switched off, the first of each
/// requirement (the inspector lists them as switches). Every rule on a link comes from the link
/// and its two nodes, so they are derived on those alone, not on the whole plan.
pub fn on_link(
    plan: &crate::plan::Plan,
    catalog: &crate::catalog::Catalog,
    link: &crate::plan::Link,
) -> Vec<Rule> {
    let mut all_on = link.clone();
    all_on.disabled.clear();
    let part = plan.part([&link.a, &link.b], vec![all_on]);
    let mut seen = std::collections::BTreeSet::new();
    derive(&part, catalog)
        .rules
        .into_iter()
        .filter(|r| r.link() == Some((&link.a, &link.b)) && seen.insert(r.requirement().to_owned()))
        .collect()
}

/// The order of a rule set: firewall, destination node, first port, transport, source node
/// and id, an end without a node ("Any") before every node and nodes in id order.
pub fn order(a: &Rule, b: &Rule) -> std::cmp::Ordering {
    (a.firewall as u8)
        .cmp(&(b.firewall as u8))
        .then_with(|| a.destination.node.cmp(&b.destination.node))
        .then(a.ports.from.cmp(&b.ports.from))
        .then((a.transport as u8).cmp(&(b.transport as u8)))
        .then_with(|| a.source.node.cmp(&b.source.node))
        .then_with(|| a.id.cmp(&b.id))
}

impl Rule {
    /// The catalog requirement, or `custom`.
    pub fn requirement(&self) -> &str {
        &self.origin.requirement
    }

    /// Application protocol label.
    pub fn application(&self) -> &str {
        &self.origin.application
    }

    /// Why it exists, in every language.
    pub fn notes(&self) -> &crate::catalog::Text {
        &self.origin.notes
    }

    /// Ids of the Microsoft pages it cites (see `Catalog::source`).
    pub fn references(&self) -> &[String] {
        &self.origin.references
    }

    /// The pages it cites, with their titles and addresses.
    pub fn sources(&self) -> &[Page] {
        &self.origin.sources
    }

    /// Ids of the disagreements between Microsoft's pages that change it (see
    /// `Catalog::conflict`).
    pub fn conflicts(&self) -> &[String] {
        &self.origin.conflicts
    }

    /// The link it belongs to, as its two node ids in order; `None` for a rule with an "Any"
    /// end. Every rule between two nodes comes from the link between them.
    pub fn link(&self) -> Option<(&NodeId, &NodeId)> {
        let (a, b) = (self.source.node.as_ref()?, self.destination.node.as_ref()?);
        Some(if a <= b { (a, b) } else { (b, a) })
    }

    /// Stable id, never row order (see [`RuleId`]).
    pub fn id(&self) -> &RuleId {
        &self.id
    }

    /// One line for people: `Edge Server -> Director pool  SIP/MTLS TCP 5061`, labels and
    /// application quoted as messages quote user text (one line, cut short).
    pub fn summary(&self) -> String {
        self.summary_in(crate::i18n::Lang::En)
    }

    /// [`Self::summary`] with "Any" in `lang` (the window's rule details, trainer and tooltips).
    pub fn summary_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::escape::quoted;
        fn label(end: &RuleEnd, lang: crate::i18n::Lang) -> &str {
            match end.node {
                None if lang != crate::i18n::Lang::En => crate::i18n::tr(lang, "addr.any"),
                _ => &end.label,
            }
        }
        let transport = self.transport.as_str().to_uppercase();
        // An application Microsoft labels only "TCP" is said once: "TCP 445", not "TCP TCP 445".
        let application = if self.application().eq_ignore_ascii_case(&transport) {
            String::new()
        } else {
            format!("{} ", quoted(self.application()))
        };
        format!(
            "{} -> {}  {application}{transport} {}",
            quoted(label(&self.source, lang)),
            quoted(label(&self.destination, lang)),
            self.ports
        )
    }

    /// True when either end is missing an address.
    pub fn is_unresolved(&self) -> bool {
        self.source.is_unresolved() || self.destination.is_unresolved()
    }

    /// True when no packet can match the rule as written: its ends share no address family
    /// (IPv4 on one, IPv6 on the other), or an end names an IPv4-mapped IPv6 address
    /// (`::ffff:10.0.0.1`), which never appears on the wire. Such a rule is a `mixed_family`
    /// finding and a placeholder in the exports, never silently dropped.
    pub fn is_mixed_family(&self) -> bool {
        if self.is_unresolved() {
            return false;
        }
        let families = |a: &Addresses| match a {
            Addresses::Any => (true, true, false),
            Addresses::List(l) => (
                l.iter().any(IpNet::is_ipv4),
                l.iter().any(|n| !n.is_ipv4() && !n.is_ipv4_mapped()),
                l.iter().any(IpNet::is_ipv4_mapped),
            ),
        };
        let (s4, s6, s_mapped) = families(&self.source.addresses);
        let (d4, d6, d_mapped) = families(&self.destination.addresses);
        s_mapped || d_mapped || !((s4 && d4) || (s6 && d6))
    }
}

/// A rule's stable id: `requirement:source>destination` (`any` for an end without a node), or
/// `custom:a-b:n` for the nth hand-written rule on the link a-b (`custom:a:b:n` when a node id
/// has a `-`, see [`crate::plan::pair_text`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleId(pub String);

impl RuleId {
    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// The rules of a plan, sorted by firewall, destination, port, transport and source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSet {
    /// Name of the plan.
    pub plan: String,
    /// `id@version` of the catalog used.
    pub catalog: String,
    /// The rules.
    pub rules: Vec<Rule>,
}

/// Which rules an export covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RuleScope {
    /// Every rule.
    #[default]
    All,
    /// The rules listed under one boundary (their `firewall` field).
    Firewall(Firewall),
    /// The rules whose path crosses one of the plan's firewalls (see [`RuleSet::through`]).
    Through(crate::plan::Layout, crate::plan::FirewallId),
    /// The rules with an end on one of these nodes.
    Nodes(std::collections::BTreeSet<NodeId>),
}

impl RuleSet {
    /// The rules in `scope`, same order.
    #[must_use]
    pub fn scoped(&self, scope: &RuleScope) -> Self {
        let keep = |r: &Rule| match scope {
            RuleScope::All => true,
            RuleScope::Firewall(fw) => r.firewall == *fw,
            RuleScope::Through(layout, id) => crosses(r, *layout, *id),
            RuleScope::Nodes(ids) => [&r.source.node, &r.destination.node]
                .into_iter()
                .flatten()
                .any(|n| ids.contains(n)),
        };
        Self {
            plan: self.plan.clone(),
            catalog: self.catalog.clone(),
            rules: self.rules.iter().filter(|r| keep(r)).cloned().collect(),
        }
    }

    /// The rules that cross `firewall`.
    pub fn for_firewall(&self, firewall: Firewall) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.firewall == firewall)
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    /// A link's rules derived on the link and its two nodes alone are those the whole plan
    /// gives it with nothing switched off, link by link (the seed's hand-written rules included).
    #[test]
    fn a_links_rules_come_from_its_two_nodes() {
        let catalog = Catalog::builtin().unwrap();
        let seed =
            crate::plan_file::from_ron(crate::examples::SEED_PLAN, "seed", &catalog).unwrap();
        let mut large = crate::generate::large_plan(50, &catalog).unwrap();
        let req = catalog.requirements()[3].id.clone();
        for link in &mut large.links {
            link.disabled.insert(req.clone());
        }
        let mut checked = 0;
        for plan in [seed, large] {
            for (i, link) in plan.links.iter().enumerate() {
                let mut all_on = plan.clone();
                all_on.links[i].disabled.clear();
                let mut listed = std::collections::BTreeSet::new();
                let whole: Vec<super::Rule> = super::derive(&all_on, &catalog)
                    .rules
                    .into_iter()
                    .filter(|r| {
                        r.link() == Some((&link.a, &link.b))
                            && listed.insert(r.requirement().to_owned())
                    })
                    .collect();
                assert_eq!(
                    super::on_link(&plan, &catalog, link),
                    whole,
                    "{}-{}",
                    link.a,
                    link.b
                );
                checked += usize::from(!whole.is_empty());
            }
        }
        assert!(checked > 60, "{checked}");
    }
}
