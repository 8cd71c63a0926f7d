//! `check(&Plan, &Catalog, &RuleSet) -> Vec<Finding>`: what is missing, wrong or doubtful in a plan.
//! Findings are data for the side panel and the CLI, never errors; sorted, deterministic.
//! One file per kind of check; this one holds the types they share.

mod addresses;
mod certificates;
mod conflicts;
mod dangerous;
mod disabled;
mod dns;
mod exposed;
mod families;
mod links;
mod names;
mod placeholders;
mod topology;
mod unresolved;

use std::fmt;

pub use addresses::WIDEST_CLIENT_PREFIX;
pub use dangerous::MANY_PORTS;

use crate::catalog::{Catalog, RequirementId, Text};
use crate::handoff::Handoff;
use crate::i18n::Lang;
use crate::plan::{NodeId, Plan};
use crate::rules::RuleSet;

/// How bad a finding is; `check` exits 1 on any error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The plan's rules are wrong or incomplete.
    Error,
    /// Probably wrong; a person should look.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// What kind of problem a finding reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// Two placed roles must talk but are not linked.
    MissingLink,
    /// A required rule was switched off on a link.
    DisabledRequirement,
    /// A rule end has no address.
    UnresolvedAddress,
    /// The design breaks a Microsoft rule.
    InvalidTopology,
    /// Sample values left in the plan.
    Placeholder,
    /// Microsoft's pages disagree about a rule the plan uses.
    SourceConflict,
    /// A rule permits any address to any address, or (effectively) every port.
    DangerousRule,
    /// A server or VIP address that is a network, or a client network of (nearly) every address.
    WideAddress,
    /// One address on two nodes.
    DuplicateAddress,
    /// One DNS name on two nodes.
    DuplicateName,
    /// A rule's ends share no address family (or name an IPv4-mapped IPv6 address).
    MixedFamily,
    /// Audit: a required rule the existing firewall does not allow.
    MissingRule,
    /// Audit: a required rule allowed only for some members or part of its range.
    PartialRule,
    /// Audit: an existing rule allows more than the plan needs.
    OverPermissiveRule,
    /// Audit: an existing rule the plan does not need.
    ExtraRule,
    /// Audit: an existing rule matches on something the audit cannot judge (an interface).
    UnjudgedMatch,
    /// Audit: required rules the audited file says nothing about (another address family,
    /// another firewall), or an interface with no ACL.
    NotAudited,
    /// A name the plan sets is not a DNS name: DNS records and exports leave it out.
    InvalidName,
    /// DNS and the firewall plan disagree: a published name without its address, a service
    /// record without a target address, a published name whose listener no rule reaches.
    DnsMismatch,
    /// A certificate name a client or CA would refuse: a SAN no DNS record resolves, a name
    /// that is not a DNS name (left out), a subject over 64 characters (no request written).
    CertificateName,
    /// A port test (`check --test-results`) found a rule's traffic refused or unanswered.
    PortTestFailed,
    /// A port-test results file names a rule the plan does not have (another plan's kit).
    PortTestUnknownRule,
}

impl FindingKind {
    /// Snake-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingLink => "missing_link",
            Self::DisabledRequirement => "disabled_requirement",
            Self::UnresolvedAddress => "unresolved_address",
            Self::InvalidTopology => "invalid_topology",
            Self::Placeholder => "placeholder",
            Self::SourceConflict => "source_conflict",
            Self::DangerousRule => "dangerous_rule",
            Self::WideAddress => "wide_address",
            Self::DuplicateAddress => "duplicate_address",
            Self::DuplicateName => "duplicate_name",
            Self::MixedFamily => "mixed_family",
            Self::MissingRule => "missing_rule",
            Self::PartialRule => "partial_rule",
            Self::OverPermissiveRule => "over_permissive_rule",
            Self::ExtraRule => "extra_rule",
            Self::UnjudgedMatch => "unjudged_match",
            Self::NotAudited => "not_audited",
            Self::InvalidName => "invalid_name",
            Self::DnsMismatch => "dns_mismatch",
            Self::CertificateName => "certificate_name",
            Self::PortTestFailed => "port_test_failed",
            Self::PortTestUnknownRule => "port_test_unknown_rule",
        }
    }
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// The plan as a whole.
    Plan,
    /// A node.
    Node(NodeId),
    /// A link, by its two ends.
    Link(NodeId, NodeId),
    /// A derived rule, by id.
    Rule(String),
    /// A rule of the audited firewall, by its line in the CSV file.
    Existing(usize),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plan => f.write_str("plan"),
            Self::Node(n) => write!(f, "node:{n}"),
            Self::Link(a, b) => write!(f, "link:{}", crate::plan::pair_text(a, b)),
            Self::Rule(r) => write!(f, "rule:{r}"),
            Self::Existing(line) => write!(f, "existing:{line}"),
        }
    }
}

/// A change the UI can apply in one click.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fix {
    /// Link two nodes.
    AddLink {
        /// One end.
        a: NodeId,
        /// The other end.
        b: NodeId,
    },
    /// Remove a link.
    RemoveLink {
        /// One end.
        a: NodeId,
        /// The other end.
        b: NodeId,
    },
    /// Switch a requirement back on.
    EnableRequirement {
        /// One end of the link.
        a: NodeId,
        /// The other end.
        b: NodeId,
        /// Requirement id.
        requirement: RequirementId,
    },
    /// Open a node's field for editing (addresses, label, ...).
    EditNode {
        /// The node.
        node: NodeId,
        /// Which field.
        field: NodeField,
    },
    /// Open the address field of one endpoint kind of a node: a member's address, the VIP or
    /// the networks, whichever `field` says.
    EditAddress {
        /// The node.
        node: NodeId,
        /// Which field.
        field: NodeField,
        /// The endpoint kind whose address is wanted.
        endpoint: crate::catalog::EndpointId,
        /// The member whose address it is, and whether its public NAT address, when the
        /// finding is about one address (else the first empty field of the kind).
        member: Option<(usize, bool)>,
    },
}

/// A field of a node that a [`Fix::EditNode`] opens.
///
/// Declared in the alphabetical order of their names, so findings sort as they did when the
/// field was its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeField {
    /// The members' addresses.
    Addresses,
    /// Public or NAT addressing.
    Addressing,
    /// The pool FQDN.
    Fqdn,
    /// The label.
    Label,
    /// The load-balancing mode.
    Lb,
    /// The members' names.
    Members,
    /// The networks of a clients node.
    Networks,
    /// The VIPs.
    Vips,
    /// The zone.
    Zone,
    /// The DNS names (format version 3).
    Names,
}

impl NodeField {
    /// The field's name, as findings' messages quote it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Addresses => "addresses",
            Self::Addressing => "addressing",
            Self::Fqdn => "fqdn",
            Self::Label => "label",
            Self::Lb => "lb",
            Self::Members => "members",
            Self::Networks => "networks",
            Self::Vips => "vips",
            Self::Zone => "zone",
            Self::Names => "names",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// How bad.
    pub severity: Severity,
    /// What kind.
    pub kind: FindingKind,
    /// About what.
    pub subject: Subject,
    /// One sentence for people, in every language.
    pub message: Text,
    /// A one-click fix, where one exists.
    pub fix: Option<Fix>,
}

/// A message in every language from an i18n key; `args` gives the values for each language.
/// Each value is kept to one line (user text is also cut short where it is quoted, see
/// [`crate::escape::quoted`]): messages go to terminals and CI logs.
pub fn message(key: &str, args: impl Fn(Lang) -> Vec<(&'static str, String)>) -> Text {
    let one = |lang| {
        let values = args(lang);
        let values: Vec<(&str, String)> = (values.iter())
            .map(|(k, v)| (*k, crate::escape::one_line(v)))
            .collect();
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::i18n::trf(lang, key, &refs)
    };
    Text {
        en: one(Lang::En),
        zh_tw: one(Lang::ZhTw),
        ko_kr: one(Lang::KoKr),
    }
}

/// [`message`] for values that are the same in every language (names, labels, numbers): they
/// are made and kept to one line once, not once per language (a 2,000-node plan has hundreds
/// of DNS findings).
pub fn message_same(key: &str, args: &[(&'static str, String)]) -> Text {
    let values: Vec<(&str, String)> = (args.iter())
        .map(|(k, v)| (*k, crate::escape::one_line(v)))
        .collect();
    let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Text {
        en: crate::i18n::trf(Lang::En, key, &refs),
        zh_tw: crate::i18n::trf(Lang::ZhTw, key, &refs),
        ko_kr: crate::i18n::trf(Lang::KoKr, key, &refs),
    }
}

/// The first three names, then how many more (`a, b, c (+4)`): a message stays one short line
/// when a pool's FQDN makes ten names.
fn first_few<T: std::fmt::Display>(names: &[T]) -> String {
    const SHOWN: usize = 3;
    let shown: Vec<String> = names.iter().take(SHOWN).map(ToString::to_string).collect();
    match names.len().saturating_sub(SHOWN) {
        0 => shown.join(", "),
        more => format!("{} (+{more})", shown.join(", ")),
    }
}

fn finding(
    severity: Severity,
    kind: FindingKind,
    subject: Subject,
    message: Text,
    fix: Option<Fix>,
) -> Finding {
    Finding {
        severity,
        kind,
        subject,
        message,
        fix,
    }
}

/// Every finding, sorted by severity, kind, subject and message, without duplicates.
pub fn check(plan: &Plan, catalog: &Catalog, rules: &RuleSet) -> Vec<Finding> {
    let handoff = Handoff::derive(plan, catalog);
    let mut out = check_plan(plan, catalog);
    out.extend(check_handoff(plan, &handoff));
    out.extend(check_rules(plan, catalog, rules, &handoff));
    sorted(out)
}

/// The findings that need only the plan (they can run while the rules are derived).
/// Unsorted: [`sorted`] orders them with the others.
pub fn check_plan(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = links::check(plan, catalog);
    out.extend(disabled::check(plan, catalog));
    out.extend(topology::check(plan, catalog));
    out.extend(placeholders::check(plan));
    out.extend(addresses::check_wide(plan, catalog));
    out.extend(addresses::check_duplicates(plan));
    out
}

/// The findings about the plan's names, DNS records and certificates. Unsorted, as
/// [`check_plan`].
pub fn check_handoff(plan: &Plan, handoff: &Handoff) -> Vec<Finding> {
    let mut out = names::check(plan, &handoff.names);
    out.extend(dns::check(plan, handoff));
    out.extend(certificates::check(plan, handoff));
    out
}

/// The findings about the derived rules. Unsorted, as [`check_plan`].
pub fn check_rules(
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
    handoff: &Handoff,
) -> Vec<Finding> {
    let mut out = unresolved::check(rules);
    out.extend(exposed::check(plan, rules));
    out.extend(conflicts::check(catalog, rules));
    out.extend(dangerous::check(rules));
    out.extend(families::check(rules));
    out.extend(dns::unreached(plan, handoff, rules));
    out
}

/// Findings in their documented order, without duplicates.
pub fn sorted(mut out: Vec<Finding>) -> Vec<Finding> {
    out.sort();
    out.dedup();
    out
}

/// A node's label, or its id when the plan has no such node.
fn label(plan: &Plan, id: &NodeId) -> String {
    plan.nodes
        .get(id)
        .map_or_else(|| id.to_string(), |n| crate::escape::quoted(&n.label))
}

/// A role's name in `lang`, or its id when the catalog has no such role.
fn role_name(catalog: &Catalog, role: &str, lang: Lang) -> String {
    catalog
        .role(role)
        .map_or_else(|| role.to_owned(), |r| r.name.get(lang).to_owned())
}

#[cfg(test)]
mod tests {
    use super::{FindingKind, NodeField};

    /// A plan with something of every kind wrong gives findings of each kind, sorted and
    /// without duplicates.
    #[test]
    fn check_sorts_and_deduplicates_every_kind() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let mut plan = crate::generate::large_plan(100, &catalog).unwrap();
        let ids: Vec<_> = plan.nodes.keys().take(40).cloned().collect();
        for (i, id) in ids.iter().enumerate() {
            let node = plan.node_mut(id).unwrap();
            match i % 4 {
                0 => node.label = format!("Contoso {}", node.label),
                1 => node.vips.clear(),
                2 => node.members.clear(),
                _ => node.zone = crate::topology::Zone::Internal,
            }
        }
        let req = catalog.requirements()[0].id.clone();
        plan.links[3].disabled.insert(req);
        let rules = crate::rules::derive(&plan, &catalog);
        let found = super::check(&plan, &catalog, &rules);
        assert!(
            found.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        let kinds: std::collections::BTreeSet<_> = found.iter().map(|f| f.kind).collect();
        assert!(
            kinds.is_superset(
                &[
                    FindingKind::DisabledRequirement,
                    FindingKind::UnresolvedAddress,
                    FindingKind::InvalidTopology,
                    FindingKind::Placeholder,
                    FindingKind::SourceConflict,
                ]
                .into()
            ),
            "{kinds:?}"
        );
    }

    /// Fields order as their names do (findings sorted the same before they were an enum).
    #[test]
    fn node_fields_order_as_their_names() {
        use NodeField::{Addresses, Addressing, Fqdn, Label, Lb, Members, Vips, Zone};
        let fields = [Addresses, Addressing, Fqdn, Label, Lb, Members, Vips, Zone];
        assert!(fields.windows(2).all(|w| w[0] < w[1]));
        assert!(fields.windows(2).all(|w| w[0].as_str() < w[1].as_str()));
    }
}
