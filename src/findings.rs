//! `check(&Plan, &Catalog, &RuleSet) -> Vec<Finding>`: what is missing, wrong or doubtful in a plan.
//! Findings are data for the side panel and the CLI, never errors; sorted, deterministic.

use std::collections::BTreeMap;
use std::fmt;

use crate::catalog::{Catalog, RequirementId, Role, Scope, Text};
use crate::i18n::Lang;
use crate::net::IpNet;
use crate::plan::{Index, Node, NodeId, Plan};
use crate::rules::{Missing, Rule, RuleEnd, RuleSet};
use crate::topology::{Addressing, Firewall, LbMode, Zone};

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
    /// Audit: a required rule the existing firewall does not allow.
    MissingRule,
    /// Audit: a required rule allowed only for some members or part of its range.
    PartialRule,
    /// Audit: an existing rule allows more than the plan needs.
    OverPermissiveRule,
    /// Audit: an existing rule the plan does not need.
    ExtraRule,
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
            Self::MissingRule => "missing_rule",
            Self::PartialRule => "partial_rule",
            Self::OverPermissiveRule => "over_permissive_rule",
            Self::ExtraRule => "extra_rule",
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
            Self::Link(a, b) => write!(f, "link:{a}-{b}"),
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
        /// Field name (`addresses`, `vips`, `label`, `lb`, `zone`).
        field: String,
    },
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
pub fn message(key: &str, args: impl Fn(Lang) -> Vec<(&'static str, String)>) -> Text {
    let one = |lang| {
        let values = args(lang);
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::i18n::trf(lang, key, &refs)
    };
    Text {
        en: one(Lang::En),
        zh_tw: one(Lang::ZhTw),
        ko_kr: one(Lang::KoKr),
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

/// Every finding, sorted by severity, kind, subject and message.
pub fn check(plan: &Plan, catalog: &Catalog, rules: &RuleSet) -> Vec<Finding> {
    check_indexed(&plan.index(), plan, catalog, rules)
}

/// The rules and findings of a plan derived from scratch, indexing it once for both. (The
/// window keeps a
/// [`crate::derivation::Derivation`], which follows edits without deriving everything again.)
pub fn derive_and_check(plan: &Plan, catalog: &Catalog) -> (RuleSet, Vec<Finding>) {
    let derivation = crate::derivation::Derivation::new(plan, catalog);
    (derivation.rules, derivation.findings)
}

/// `check` with the plan's index already built.
fn check_indexed(
    index: &Index<'_>,
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
) -> Vec<Finding> {
    let mut out = plan_findings(index, plan, catalog, &must_link_targets(plan, catalog));
    rule_findings(plan, catalog, rules, &mut out);
    out.sort();
    out.dedup();
    out
}

/// For each of the catalog's must-link rules, the node a missing link's fix links to: the
/// plan's first node (in id order) of the role that must be linked.
pub(crate) fn must_link_targets(plan: &Plan, catalog: &Catalog) -> Vec<Option<NodeId>> {
    catalog
        .data()
        .must_link
        .iter()
        .map(|must| {
            plan.nodes
                .iter()
                .find(|(_, n)| n.role == must.to)
                .map(|(id, _)| id.clone())
        })
        .collect()
}

/// The findings about the plan itself, unsorted: links, switches, topology, sample values.
/// `targets` are [`must_link_targets`] of the whole plan (`plan` may be a part of it).
pub(crate) fn plan_findings(
    index: &Index<'_>,
    plan: &Plan,
    catalog: &Catalog,
    targets: &[Option<NodeId>],
) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each node's role by its rank in the catalog, so no step below compares role names.
    let role_of: Vec<Option<usize>> = index
        .nodes()
        .iter()
        .map(|(_, n)| catalog.role_rank(&n.role))
        .collect();
    missing_links(index, &role_of, catalog, targets, &mut out);
    disabled(plan, catalog, &mut out);
    topology(plan, index, &role_of, catalog, &mut out);
    placeholders(plan, &mut out);
    out
}

/// The findings about the derived rules, added to `out` unsorted.
pub(crate) fn rule_findings(
    plan: &Plan,
    catalog: &Catalog,
    rules: &RuleSet,
    out: &mut Vec<Finding>,
) {
    let tally = Tally::of(rules);
    unresolved(&tally, out);
    exposed(plan, &tally, out);
    conflicts(catalog, rules, &tally, out);
}

/// What the rule findings count, in one pass over the rules. Rules share their ends and their
/// requirement's conflict list, so most of it is counted per shared part (found by address),
/// not per rule.
struct Tally<'a> {
    /// Ends with missing addresses: how many rule ends use each, and the first (twice the
    /// rule's index, plus one for a destination end).
    missing: BTreeMap<usize, (&'a RuleEnd, usize, usize)>,
    /// Internal nodes that rules across the external firewall reach: how many, and the first.
    exposed: BTreeMap<&'a NodeId, (usize, &'a Rule)>,
    /// Conflict lists: how many rules share each, and the index of the first.
    conflicts: Vec<(&'a [String], usize, usize)>,
}

impl<'a> Tally<'a> {
    fn of(rules: &'a RuleSet) -> Self {
        let mut tally = Self {
            missing: BTreeMap::new(),
            exposed: BTreeMap::new(),
            conflicts: Vec::new(),
        };
        for (i, rule) in rules.rules.iter().enumerate() {
            for (side, end) in [&rule.source, &rule.destination].into_iter().enumerate() {
                if !end.missing.is_empty() && end.node.is_some() {
                    let at = std::sync::Arc::as_ptr(end) as usize;
                    tally.missing.entry(at).or_insert((end, 0, 2 * i + side)).1 += 1;
                }
                if rule.firewall == Firewall::External
                    && let (Some(n), Zone::Internal) = (&end.node, end.zone)
                {
                    tally.exposed.entry(n).or_insert((0, rule)).0 += 1;
                }
            }
            let list = &*rule.origin.conflicts;
            if list.is_empty() {
                continue;
            }
            match tally
                .conflicts
                .iter_mut()
                .find(|(l, _, _)| std::ptr::eq(*l, list))
            {
                Some((_, count, _)) => *count += 1,
                None => tally.conflicts.push((list, 1, i)),
            }
        }
        tally
    }
}

fn label(plan: &Plan, id: &NodeId) -> String {
    plan.nodes
        .get(id)
        .map_or_else(|| id.to_string(), |n| n.label.clone())
}

fn role_name(catalog: &Catalog, role: &str, lang: Lang) -> String {
    catalog
        .role(role)
        .map_or_else(|| role.to_owned(), |r| r.name.get(lang).to_owned())
}

fn missing_links(
    index: &Index<'_>,
    role_of: &[Option<usize>],
    catalog: &Catalog,
    targets: &[Option<NodeId>],
    out: &mut Vec<Finding>,
) {
    let nodes = index.nodes();
    for (must, target) in catalog.data().must_link.iter().zip(targets) {
        let (from, to) = (catalog.role_rank(&must.from), catalog.role_rank(&must.to));
        if from.is_none() || to.is_none() {
            continue;
        }
        let Some(target) = target else {
            continue;
        };
        for (rank, (id, node)) in nodes.iter().enumerate() {
            if role_of[rank] != from {
                continue;
            }
            let linked = index.peers(rank).iter().any(|(p, _)| role_of[*p] == to);
            if !linked {
                out.push(finding(
                    Severity::Error,
                    FindingKind::MissingLink,
                    Subject::Node((*id).clone()),
                    message("find.missing_link", |l| {
                        vec![
                            ("node", node.label.clone()),
                            ("role", role_name(catalog, &must.to, l)),
                            ("why", must.why.get(l).to_owned()),
                        ]
                    }),
                    Some(Fix::AddLink {
                        a: (*id).clone(),
                        b: target.clone(),
                    }),
                ));
            }
        }
    }
}

fn disabled(plan: &Plan, catalog: &Catalog, out: &mut Vec<Finding>) {
    for link in &plan.links {
        for req in &link.disabled {
            let what = |l: Lang| {
                catalog.requirement(req).map_or_else(
                    || crate::i18n::trf(l, "find.unknown_req", &[("req", req)]),
                    |r| {
                        let (transport, ports) = (r.transport.as_str(), r.ports.to_string());
                        let args = [
                            ("app", r.application.as_str()),
                            ("transport", transport),
                            ("ports", &ports),
                            ("notes", r.notes.get(l)),
                            ("req", req),
                        ];
                        crate::i18n::trf(l, "find.disabled_what", &args)
                    },
                )
            };
            out.push(finding(
                Severity::Warning,
                FindingKind::DisabledRequirement,
                Subject::Link(link.a.clone(), link.b.clone()),
                message("find.disabled", |l| {
                    vec![
                        ("a", label(plan, &link.a)),
                        ("b", label(plan, &link.b)),
                        ("what", what(l)),
                    ]
                }),
                Some(Fix::EnableRequirement {
                    a: link.a.clone(),
                    b: link.b.clone(),
                    requirement: req.clone(),
                }),
            ));
        }
    }
}

fn unresolved(tally: &Tally<'_>, out: &mut Vec<Finding>) {
    // One finding per missing address, counting the rules it leaves unresolved; the first
    // rule end (in rule order) to miss it names its endpoint kind.
    let mut missing: BTreeMap<(&NodeId, &Missing), (usize, usize, &str)> = BTreeMap::new();
    for &(end, uses, first) in tally.missing.values() {
        let Some(node) = &end.node else { continue };
        for m in &end.missing {
            let entry = missing
                .entry((node, m))
                .or_insert((0, first, &end.endpoint));
            entry.0 += uses;
            if first < entry.1 {
                (entry.1, entry.2) = (first, &end.endpoint);
            }
        }
    }
    for ((node, what), (count, _, endpoint)) in missing {
        let node = node.clone();
        let field = if endpoint.ends_with("vip") {
            "vips"
        } else {
            "addresses"
        };
        out.push(finding(
            Severity::Error,
            FindingKind::UnresolvedAddress,
            Subject::Node(node.clone()),
            message("find.unresolved", |l| {
                vec![("what", what.text(l)), ("count", count.to_string())]
            }),
            Some(Fix::EditNode {
                node,
                field: field.to_owned(),
            }),
        ));
    }
}

fn topology(
    plan: &Plan,
    index: &Index<'_>,
    role_of: &[Option<usize>],
    catalog: &Catalog,
    out: &mut Vec<Finding>,
) {
    for (&(id, node), role) in index.nodes().iter().zip(role_of) {
        if let Some(role) = role.map(|r| &catalog.roles()[r]) {
            node_topology(role, id, node, out);
        }
    }
    for (i, link) in plan.links.iter().enumerate() {
        let Some((a, b)) = index.ends(i) else {
            continue;
        };
        let talk = match (role_of[a], role_of[b]) {
            (Some(x), Some(y)) => catalog.ranks_exchange_traffic(x, y),
            _ => false,
        };
        let (a, b) = (index.nodes()[a].1, index.nodes()[b].1);
        if link.custom.is_empty() && !talk {
            out.push(finding(
                Severity::Warning,
                FindingKind::InvalidTopology,
                Subject::Link(link.a.clone(), link.b.clone()),
                message("find.no_traffic", |l| {
                    vec![
                        ("a", a.label.clone()),
                        ("b", b.label.clone()),
                        ("role_a", role_name(catalog, &a.role, l)),
                        ("role_b", role_name(catalog, &b.role, l)),
                    ]
                }),
                Some(Fix::RemoveLink {
                    a: link.a.clone(),
                    b: link.b.clone(),
                }),
            ));
        }
    }
}

/// Internal nodes that rules across the external firewall reach.
fn exposed(plan: &Plan, tally: &Tally<'_>, out: &mut Vec<Finding>) {
    for (&node, &(count, first)) in &tally.exposed {
        let node = node.clone();
        out.push(finding(
            Severity::Warning,
            FindingKind::InvalidTopology,
            Subject::Node(node.clone()),
            message("find.exposed", |_| {
                vec![
                    ("node", label(plan, &node)),
                    ("n", count.to_string()),
                    ("first", first.id().to_string()),
                ]
            }),
            Some(Fix::EditNode {
                node,
                field: "zone".to_owned(),
            }),
        ));
    }
}

fn node_topology(role: &Role, id: &NodeId, node: &Node, out: &mut Vec<Finding>) {
    let subject = || Subject::Node(id.clone());
    let edit = |field: &str| {
        Some(Fix::EditNode {
            node: id.clone(),
            field: field.to_owned(),
        })
    };
    let mut push = |severity, message: Text, fix| {
        out.push(finding(
            severity,
            FindingKind::InvalidTopology,
            subject(),
            message,
            fix,
        ));
    };
    if !role.lb_modes.contains(&node.lb) {
        let allowed: Vec<&str> = role.lb_modes.iter().map(|m| m.as_str()).collect();
        push(
            Severity::Error,
            lb_not_allowed(role, node, &allowed),
            edit("lb"),
        );
    }
    let has_vip_endpoints = role.endpoints.iter().any(|e| e.scope == Scope::Vip);
    let wants_vip = matches!(node.lb, LbMode::DnsAndHlb | LbMode::HlbOnly);
    if wants_vip && has_vip_endpoints && node.vips.is_empty() {
        push(
            Severity::Error,
            message("find.no_vip", |_| {
                vec![
                    ("node", node.label.clone()),
                    ("lb", node.lb.as_str().to_owned()),
                ]
            }),
            edit("vips"),
        );
    }
    if node.lb == LbMode::HlbOnly && node.addressing == Addressing::Nat {
        push(
            Severity::Error,
            message("find.hlb_nat", |_| vec![("node", node.label.clone())]),
            edit("addressing"),
        );
    }
    if node.lb == LbMode::Dns && node.flags.contains("ocs2007_federation") {
        push(
            Severity::Warning,
            message("find.ocs2007_dns", |_| vec![("node", node.label.clone())]),
            edit("lb"),
        );
    }
    if node.lb == LbMode::Single && node.members.len() > 1 {
        push(
            Severity::Warning,
            message("find.single_members", |_| {
                vec![
                    ("node", node.label.clone()),
                    ("n", node.members.len().to_string()),
                ]
            }),
            edit("lb"),
        );
    }
    if node.zone != role.default_zone {
        push(
            Severity::Info,
            message("find.zone", |l| {
                vec![
                    ("node", node.label.clone()),
                    ("zone", zone_name(l, node.zone).to_owned()),
                    ("role", role.name.get(l).to_owned()),
                    ("default", zone_name(l, role.default_zone).to_owned()),
                ]
            }),
            edit("zone"),
        );
    }
}

/// Microsoft's sample names: fine in documentation, wrong in a firewall.
const SAMPLE_NAMES: [&str; 3] = ["contoso", "fabrikam", "litware"];

/// Sample address ranges: Microsoft's 131.107.0.0/16 and the RFC 5737 documentation ranges.
const SAMPLE_NETS: [([u8; 4], u8); 4] = [
    ([131, 107, 0, 0], 16),
    ([192, 0, 2, 0], 24),
    ([198, 51, 100, 0], 24),
    ([203, 0, 113, 0], 24),
];

fn placeholders(plan: &Plan, out: &mut Vec<Finding>) {
    let samples: Vec<IpNet> = SAMPLE_NETS
        .iter()
        .map(|(a, p)| IpNet {
            addr: std::net::IpAddr::V4((*a).into()),
            prefix: *p,
        })
        .collect();
    // The first two bytes of the sample ranges (all IPv4, /16 or narrower): almost every
    // address is ruled out by them (one byte let every 192.168 address through).
    let heads = SAMPLE_NETS.map(|(a, _)| [a[0], a[1]]);
    let may_be_sample = |a: &IpNet| match a.addr {
        std::net::IpAddr::V4(v4) => {
            let o = v4.octets();
            heads.contains(&[o[0], o[1]])
        }
        std::net::IpAddr::V6(_) => false,
    };
    for (id, node) in &plan.nodes {
        let texts = [("label", node.label.as_str()), ("fqdn", node.fqdn.as_str())]
            .into_iter()
            .chain(node.members.iter().map(|m| ("members", m.name.as_str())));
        for (field, text) in texts {
            if let Some(name) = sample_name(text) {
                out.push(finding(
                    Severity::Warning,
                    FindingKind::Placeholder,
                    Subject::Node(id.clone()),
                    message("find.sample_name", |_| {
                        vec![
                            ("node", node.label.clone()),
                            ("name", (*name).to_owned()),
                            ("field", field.to_owned()),
                        ]
                    }),
                    Some(Fix::EditNode {
                        node: id.clone(),
                        field: field.to_owned(),
                    }),
                ));
            }
        }
        let mut found = Vec::new();
        let mut check = |a: &IpNet| {
            if may_be_sample(a)
                && let Some(range) = samples.iter().find(|s| s.contains(a))
            {
                found.push((*a, range));
            }
        };
        for m in &node.members {
            m.addresses
                .values()
                .chain(m.nat.values())
                .for_each(&mut check);
        }
        node.vips
            .values()
            .chain(&node.networks)
            .for_each(&mut check);
        for (addr, range) in found {
            out.push(finding(
                Severity::Warning,
                FindingKind::Placeholder,
                Subject::Node(id.clone()),
                message("find.sample_address", |_| {
                    vec![
                        ("node", node.label.clone()),
                        ("addr", addr.to_string()),
                        ("range", range.to_string()),
                    ]
                }),
                Some(Fix::EditNode {
                    node: id.clone(),
                    field: "addresses".to_owned(),
                }),
            ));
        }
    }
}

fn conflicts(catalog: &Catalog, rules: &RuleSet, tally: &Tally<'_>, out: &mut Vec<Finding>) {
    // Per conflict: how many rules, and the first of them.
    let mut hits: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for &(list, count, first) in &tally.conflicts {
        for c in list {
            let hit = hits.entry(c.as_str()).or_insert((0, first));
            hit.0 += count;
            hit.1 = hit.1.min(first);
        }
    }
    for (id, (count, first)) in hits {
        let Some(conflict) = catalog.conflict(id) else {
            continue;
        };
        let pages: Vec<String> = conflict
            .sources
            .iter()
            .map(|s| {
                catalog
                    .technet(s)
                    .map_or_else(|| s.clone(), |t| format!("{s} {t}"))
            })
            .collect();
        out.push(finding(
            Severity::Info,
            FindingKind::SourceConflict,
            Subject::Rule(rules.rules[first].id().to_string()),
            message("find.conflict", |l| {
                vec![
                    ("id", id.to_owned()),
                    ("pages", pages.join("; ")),
                    ("summary", conflict.summary.get(l).to_owned()),
                    ("n", count.to_string()),
                ]
            }),
            None,
        ));
    }
}

/// Which of `SAMPLE_NAMES` start with each byte, either case, as bits (bit `i`: name `i`).
const SAMPLE_STARTS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < SAMPLE_NAMES.len() {
        let first = SAMPLE_NAMES[i].as_bytes()[0];
        table[first as usize] |= 1 << i;
        table[first.to_ascii_uppercase() as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// The first of `SAMPLE_NAMES` that `text`, lower-cased, contains. ASCII text is searched in
/// place, eight bytes at a time for the bytes a name starts with (this runs on every label,
/// FQDN and server name at every edit; byte by byte it was a twentieth of a derivation);
/// other text is lower-cased first, since some non-ASCII letters lower-case to ASCII.
fn sample_name(text: &str) -> Option<&'static str> {
    if !text.is_ascii() {
        let lower = text.to_lowercase();
        return SAMPLE_NAMES.into_iter().find(|n| lower.contains(n));
    }
    let bytes = text.as_bytes();
    let mut found = 0u8;
    for (chunk, part) in bytes.chunks(8).enumerate() {
        let mut word = [0u8; 8];
        word[..part.len()].copy_from_slice(part);
        let mut candidates = name_starts(u64::from_le_bytes(word));
        while candidates != 0 {
            let i = chunk * 8 + (candidates.trailing_zeros() / 8) as usize;
            candidates &= candidates - 1;
            let starts = bytes.get(i).map_or(0, |&b| SAMPLE_STARTS[usize::from(b)]);
            for (bit, name) in SAMPLE_NAMES.iter().enumerate() {
                if starts & (1 << bit) != 0
                    && bytes
                        .get(i..i + name.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()))
                {
                    found |= 1 << bit;
                }
            }
        }
        if found & 1 != 0 {
            break;
        }
    }
    (0..SAMPLE_NAMES.len())
        .find(|bit| found & (1 << bit) != 0)
        .map(|bit| SAMPLE_NAMES[bit])
}

/// The high bit of each byte of `word` that may start a sample name (`c`, `f` or `l`, either
/// case), and perhaps of a few that do not: the zero-byte test can flag the byte above a
/// match. Callers check each flagged byte.
fn name_starts(word: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    // Setting 0x20 lower-cases a letter and makes no other byte a lower-case c, f or l.
    let lower = word | u64::from_le_bytes([0x20; 8]);
    [b'c', b'f', b'l']
        .into_iter()
        .fold(0, |m, c| m | zero_bytes(lower ^ (ONES * u64::from(c))))
}

fn zone_name(lang: Lang, zone: Zone) -> &'static str {
    crate::i18n::tr(
        lang,
        match zone {
            Zone::Internet => "zone.internet",
            Zone::Perimeter => "zone.perimeter",
            Zone::Internal => "zone.internal",
        },
    )
}

/// "uses load balancing X, which a ROLE does not support", with why DNS alone fails for web pools.
fn lb_not_allowed(role: &crate::catalog::Role, node: &Node, allowed: &[&str]) -> Text {
    let web = node.lb == LbMode::Dns && role.endpoint("hlb_vip").is_some();
    let text = message("find.lb_not_allowed", |l| {
        vec![
            ("node", node.label.clone()),
            ("lb", node.lb.as_str().to_owned()),
            ("role", role.name.get(l).to_owned()),
            ("allowed", allowed.join(", ")),
        ]
    });
    if !web {
        return text;
    }
    let why = message("find.lb_dns_web", |_| Vec::new());
    Text {
        en: format!("{} {}", text.en, why.en),
        zh_tw: format!("{} {}", text.zh_tw, why.zh_tw),
        ko_kr: format!("{} {}", text.ko_kr, why.ko_kr),
    }
}

#[cfg(test)]
mod tests {
    use super::{SAMPLE_NAMES, SAMPLE_NETS, sample_name};

    /// Each source conflict is reported once, on the first rule (in rule order) whose
    /// requirement names it, with the count of all such rules: as counting rule by rule finds.
    #[test]
    fn conflicts_count_every_rule_that_names_them() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(500, &catalog).unwrap();
        let (rules, found) = super::derive_and_check(&plan, &catalog);
        let mut expected = std::collections::BTreeMap::new();
        for rule in &rules.rules {
            for c in rule.origin.conflicts.iter() {
                let hit = expected
                    .entry(c.clone())
                    .or_insert((0, rule.id().to_string()));
                hit.0 += 1;
            }
        }
        assert!(expected.len() >= 5, "{expected:?}");
        let got: std::collections::BTreeMap<_, _> = found
            .iter()
            .filter(|f| f.kind == super::FindingKind::SourceConflict)
            .map(|f| {
                let id = f.message.en.split(':').next().unwrap().to_owned();
                let n = f.message.en.rsplit("Affects ").next().unwrap();
                let n: usize = n.split(' ').next().unwrap().parse().unwrap();
                let super::Subject::Rule(first) = &f.subject else {
                    panic!("{f:?}")
                };
                (id, (n, first.clone()))
            })
            .collect();
        assert_eq!(got, expected);
    }

    /// Counting per shared end finds what counting rule end by rule end finds: how many rules
    /// each missing address leaves unresolved, the endpoint kind of the first (which picks the
    /// field to fix), and for each exposed node how many rules reach it and the first.
    #[test]
    fn tallies_count_as_rule_by_rule() {
        use std::collections::BTreeMap;
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let mut plan = crate::generate::large_plan(500, &catalog).unwrap();
        let ids: Vec<_> = plan.nodes.keys().take(60).cloned().collect();
        for (i, id) in ids.iter().enumerate() {
            let node = plan.node_mut(id).unwrap();
            match i % 3 {
                0 => node.vips.clear(),
                1 if i % 2 == 0 => node.members.clear(),
                1 => node.members.iter_mut().for_each(|m| m.addresses.clear()),
                _ => node.zone = crate::topology::Zone::Internal,
            }
        }
        let rules = crate::rules::derive(&plan, &catalog);
        let mut missing = BTreeMap::new();
        let mut exposed = BTreeMap::new();
        for rule in &rules.rules {
            for end in [&rule.source, &rule.destination] {
                let Some(node) = &end.node else { continue };
                for m in &end.missing {
                    missing
                        .entry((node.clone(), m.clone()))
                        .or_insert((0, end.endpoint.to_string()))
                        .0 += 1;
                }
                if rule.firewall == super::Firewall::External && end.zone == super::Zone::Internal {
                    exposed
                        .entry(node.clone())
                        .or_insert((0, rule.id().to_string()))
                        .0 += 1;
                }
            }
        }
        assert!(
            missing.len() > 20 && exposed.len() > 3,
            "{} {}",
            missing.len(),
            exposed.len()
        );
        let mut expected: Vec<(String, String)> = missing
            .iter()
            .map(|((node, what), (n, endpoint))| {
                let field = if endpoint.ends_with("vip") {
                    "vips"
                } else {
                    "addresses"
                };
                (
                    format!("{node} {field}"),
                    format!("{n}|{}", what.text(super::Lang::En)),
                )
            })
            .chain(
                exposed
                    .iter()
                    .map(|(node, (n, first))| (format!("{node} zone"), format!("{n}|{first}"))),
            )
            .collect();
        expected.sort();
        let mut found = Vec::new();
        super::rule_findings(&plan, &catalog, &rules, &mut found);
        let mut got: Vec<(String, String)> = found
            .iter()
            .filter_map(|f| match (&f.fix, f.kind) {
                (
                    Some(super::Fix::EditNode { node, field }),
                    super::FindingKind::UnresolvedAddress | super::FindingKind::InvalidTopology,
                ) => Some((format!("{node} {field}"), f.message.en.clone())),
                _ => None,
            })
            .collect();
        got.sort();
        assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g.0, e.0);
            let (n, text) = e.1.split_once('|').unwrap();
            let count = format!("{n} rule(s)");
            assert!(g.1.contains(&count) && g.1.contains(text), "{g:?} {e:?}");
        }
    }

    /// Rules and findings found together, on one index, are those found one after the other,
    /// findings about the plan and about its rules alike.
    #[test]
    fn found_together_as_one_after_the_other() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let mut plan = crate::generate::large_plan(500, &catalog).unwrap();
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
        let (rules, found) = super::derive_and_check(&plan, &catalog);
        assert_eq!(rules, crate::rules::derive(&plan, &catalog));
        assert_eq!(found, super::check(&plan, &catalog, &rules));
        let kinds: std::collections::BTreeSet<_> = found.iter().map(|f| f.kind).collect();
        assert!(kinds.len() >= 5, "{kinds:?}");
    }

    /// `placeholders` rules addresses out by their first two bytes, which holds while every
    /// sample range is IPv4 with fixed first two bytes.
    #[test]
    fn sample_ranges_have_fixed_first_two_bytes() {
        assert!(SAMPLE_NETS.iter().all(|(_, prefix)| *prefix >= 16));
    }

    /// The word-at-a-time search finds what lower-casing and searching for each name in turn
    /// finds, across word boundaries.
    #[test]
    fn sample_names_found_as_by_lower_casing() {
        let parts = [
            "",
            "Contoso",
            "fabRIKAM",
            "litware",
            "cont",
            "oso",
            "Litwar",
            "C",
            "\u{130}",
            "é",
            "K",
            "\u{212a}",
            "-",
            "@ontoso",
            "fa",
            "brikam",
            "lync01",
            "CONTOSO",
            "s12-pool.corp.example.",
        ];
        let mut tried = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    let text = format!("{a}{b}{c}");
                    let expected = SAMPLE_NAMES
                        .into_iter()
                        .find(|n| text.to_lowercase().contains(n));
                    assert_eq!(sample_name(&text), expected, "{text:?}");
                    tried += usize::from(expected.is_some());
                }
            }
        }
        assert!(tried > 1_000, "{tried}");
    }
}
