//! Audit of an existing firewall against the plan: for each required rule, covered, partial or
//! missing; for each existing allow rule, over-permissive or extra. Results are findings. The
//! firewall is a CSV of rows, or a configuration (`iptables-save`, `nft list ruleset`, `nft -j`,
//! ASA) read into the same ordered rows by [`read`] and audited by [`Dump::audit`].

mod asa;
mod asa_objects;
mod chains;
mod cond;
pub mod csv;
mod detect;
mod dump;
mod first_match;
mod import;
mod index;
mod iptables_save;
mod nft_json;
mod nft_match;
mod nft_text;
mod values;

pub use csv::CsvError;
pub use detect::DumpFormat;
pub use dump::{Dump, DumpError, Target, read};
pub use import::{ExistingRule, Match, numbered, parse};

/// User text in a message: one line, at most 60 characters.
fn clip(text: &str) -> String {
    crate::escape::bounded(text, 60)
}

/// The address families a list of rows is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Families {
    pub v4: bool,
    pub v6: bool,
}

impl Families {
    pub(crate) const BOTH: Self = Self { v4: true, v6: true };

    fn has(self, net: &IpNet) -> bool {
        if net.is_ipv4() { self.v4 } else { self.v6 }
    }
}

use crate::catalog::Text;
use crate::findings::{Finding, FindingKind, Severity, Subject, message};
use crate::i18n::Lang;
use crate::net::{IpNet, PortRange, Transport};
use crate::rules::{Addresses, Rule, RuleSet};
use first_match::{Pair, Verdict, covers_whole, whole, whole_somewhere};
use index::{RuleIndex, overlapping_groups};

/// How well the existing rules cover one required rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Every source/destination pair and the whole port range are allowed.
    Covered,
    /// Some pairs or part of the range.
    Partial,
    /// Nothing.
    Missing,
}

/// A required address: a network, or Microsoft's "Any".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Any,
    Net(IpNet),
}

/// What a rule end needs, one network at a time ("any" for an Any end); an iterator, because
/// the audit asks this hundreds of thousands of times.
fn each_need(addresses: &Addresses) -> impl Iterator<Item = Need> + '_ {
    let list = match addresses {
        Addresses::Any => &[][..],
        Addresses::List(list) => list.as_slice(),
    };
    matches!(addresses, Addresses::Any)
        .then_some(Need::Any)
        .into_iter()
        .chain(list.iter().copied().map(Need::Net))
}

/// True when `m` allows some of `need`.
fn overlaps(m: &Match, need: Need) -> bool {
    match (m, need) {
        (Match::Any, _) | (_, Need::Any) => true,
        (Match::Nets(nets), Need::Net(n)) => nets.iter().any(|e| e.contains(&n) || n.contains(e)),
    }
}

fn proto_ok(e: &ExistingRule, t: Transport) -> bool {
    e.transport.is_none_or(|x| x == t)
}

fn port_range(e: &ExistingRule) -> PortRange {
    e.ports.unwrap_or(PortRange { from: 1, to: 65535 })
}

/// True when the union of `ranges` contains all of `want`.
fn union_contains(mut ranges: Vec<PortRange>, want: PortRange) -> bool {
    ranges.sort();
    let mut next = u32::from(want.from);
    for r in ranges {
        if u32::from(r.from) > next {
            break;
        }
        next = next.max(u32::from(r.to) + 1);
    }
    next > u32::from(want.to)
}

/// The traffic pairs of a required rule, one network each: an "Any" end is the whole of the
/// other end's family, and both families when both ends are "Any".
fn pairs(rule: &Rule, families: Families) -> Vec<Pair> {
    let pair = |s, d, s_any, d_any| Pair { s, d, s_any, d_any };
    let mut out = Vec::new();
    for s in each_need(&rule.source.addresses) {
        for d in each_need(&rule.destination.addresses) {
            match (s, d) {
                // No packet goes from one family to the other.
                (Need::Net(s), Need::Net(d)) if s.is_ipv4() != d.is_ipv4() => {}
                (Need::Net(s), Need::Net(d)) => out.push(pair(s, d, false, false)),
                (Need::Any, Need::Net(d)) => out.push(pair(whole(d.is_ipv4()), d, true, false)),
                (Need::Net(s), Need::Any) => out.push(pair(s, whole(s.is_ipv4()), false, true)),
                (Need::Any, Need::Any) => {
                    out.extend([true, false].map(|v4| pair(whole(v4), whole(v4), true, true)));
                }
            }
        }
    }
    out.retain(|p| families.has(&p.s));
    out
}

/// True when the rule has traffic of `families`.
pub(crate) fn has_pairs(rule: &Rule, families: Families) -> bool {
    !pairs(rule, families).is_empty()
}

/// Coverage of one required rule by the existing rules, read in order: first match wins.
pub fn coverage(rule: &Rule, existing: &[ExistingRule]) -> Coverage {
    coverage_with(
        rule,
        Families::BOTH,
        |_, _| existing.iter().collect(),
        &mut 0,
    )
}

/// [`coverage`] with the rows that can match each pair, in file order (a superset of them).
fn coverage_with<'a>(
    rule: &Rule,
    families: Families,
    candidates: impl Fn(&Pair, PortRange) -> Vec<&'a ExistingRule>,
    work: &mut u64,
) -> Coverage {
    let (mut allowed, mut denied) = (0, 0);
    let pairs = pairs(rule, families);
    for &pair in &pairs {
        let rows = candidates(&pair, rule.ports);
        *work += rows.len() as u64;
        match first_match::evaluate(pair, rule.transport, rule.ports, rows, work) {
            Verdict::Allowed => allowed += 1,
            Verdict::Denied => denied += 1,
            Verdict::Mixed => {}
        }
    }
    if allowed == pairs.len() && !pairs.is_empty() {
        Coverage::Covered
    } else if denied == pairs.len() {
        Coverage::Missing
    } else {
        Coverage::Partial
    }
}

fn port_overlap(e: &ExistingRule, p: PortRange) -> bool {
    let r = port_range(e);
    r.from <= p.to && p.from <= r.to
}

/// The required rules an existing allow rule contributes to, added to `out`. Candidates are
/// tested as they are found, not gathered first. A row serves a rule with an "Any" end only if
/// it matches a whole family there (as in [`first_match`]), so a row to one host is looked up
/// by that host, never compared with every rule to "Any".
fn served<'a>(e: &ExistingRule, rules: &RuleIndex<'a>, out: &mut Vec<&'a Rule>, work: &mut u64) {
    let mut keep = |r: &'a Rule| {
        *work += 1;
        if serves(e, r) {
            out.push(r);
        }
    };
    match (&e.source, &e.destination) {
        (_, Match::Nets(nets)) if !whole_somewhere(&e.destination) => {
            for n in nets {
                rules
                    .by_destination
                    .overlapping(*n)
                    .into_iter()
                    .for_each(&mut keep);
            }
        }
        (Match::Nets(nets), _) if !whole_somewhere(&e.source) => {
            for n in nets {
                rules
                    .by_source
                    .overlapping(*n)
                    .into_iter()
                    .for_each(&mut keep);
            }
        }
        _ => rules.by_source.all().for_each(keep),
    }
}

/// True when the existing allow rule permits some of what the required rule needs.
fn serves(e: &ExistingRule, r: &Rule) -> bool {
    // An "Any" end is the whole family of the other end's networks (either, when both are Any).
    let side = |m: &Match, addresses: &Addresses, other: &Addresses| match (addresses, other) {
        (Addresses::Any, Addresses::List(list)) => {
            list.iter().any(|n| covers_whole(m, whole(n.is_ipv4())))
        }
        (Addresses::Any, Addresses::Any) => whole_somewhere(m),
        (Addresses::List(list), _) => list.iter().any(|n| overlaps(m, Need::Net(*n))),
    };
    let (s, d) = (&r.source.addresses, &r.destination.addresses);
    proto_ok(e, r.transport)
        && port_overlap(e, r.ports)
        && side(&e.source, s, d)
        && side(&e.destination, d, s)
}

/// Why an existing rule allows more than the rules it serves need, if it does.
fn wider_than_needed(e: &ExistingRule, served: &[&Rule]) -> Option<Text> {
    let side = |m: &Match,
                addresses: &dyn Fn(&Rule) -> &Addresses,
                side_key: &'static str|
     -> Option<Text> {
        let side_name = move |l: Lang| crate::i18n::tr(l, side_key).to_owned();
        match m {
            Match::Any
                if !served
                    .iter()
                    .any(|r| matches!(addresses(r), Addresses::Any)) =>
            {
                Some(message("audit.why_any", |l| vec![("side", side_name(l))]))
            }
            Match::Nets(nets) => nets
                .iter()
                .find(|n| {
                    !served.iter().any(|r| {
                        each_need(addresses(r))
                            .any(|x| x == Need::Any || matches!(x, Need::Net(x) if x.contains(n)))
                    })
                })
                .map(|n| {
                    message("audit.why_net", |l| {
                        vec![("side", side_name(l)), ("net", n.to_string())]
                    })
                }),
            Match::Any => None,
        }
    };
    if e.transport.is_none() {
        return Some(message("audit.why_any_protocol", |_| Vec::new()));
    }
    if !union_contains(served.iter().map(|r| r.ports).collect(), port_range(e)) {
        return Some(message("audit.why_ports", |_| {
            vec![("ports", port_range(e).to_string())]
        }));
    }
    side(&e.source, &|r| &r.source.addresses, "audit.side_source").or_else(|| {
        side(
            &e.destination,
            &|r| &r.destination.addresses,
            "audit.side_destination",
        )
    })
}

/// Most rows an audit reads (a CSV file is at most 16 MiB, a row at least about 10 bytes):
/// refused before any work, so the audit's time stays bounded.
pub const MAX_AUDIT_ROWS: usize = 1_000_000;

/// Audit findings, sorted like every finding list.
pub fn audit(rules: &RuleSet, existing: &[ExistingRule]) -> Vec<Finding> {
    audit_counted(rules, existing).0
}

/// [`audit`] and the number of comparisons it made: what tests of its growth count.
pub fn audit_counted(rules: &RuleSet, existing: &[ExistingRule]) -> (Vec<Finding>, u64) {
    let required: Vec<&Rule> = rules.rules.iter().filter(|r| !r.is_unresolved()).collect();
    audit_part(&required, existing, Families::BOTH, Part::Both)
}

/// What a part of an audit reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Missing and partial required rules, and extra and over-permissive rows.
    Both,
    /// Only the required rules' coverage.
    Coverage,
    /// Only the rows' findings.
    Rows,
}

/// The audit of `required` (those with traffic in `families`) against `existing`, and the
/// number of comparisons made.
pub(crate) fn audit_part(
    required: &[&Rule],
    existing: &[ExistingRule],
    families: Families,
    part: Part,
) -> (Vec<Finding>, u64) {
    let required: Vec<&Rule> = (required.iter().copied())
        .filter(|r| !pairs(r, families).is_empty())
        .collect();
    let rows = first_match::RowIndex::new(existing);
    let work = std::cell::Cell::new(0_u64);
    let coverage_of = |rule: &Rule| {
        let mut w = 0;
        let c = coverage_with(
            rule,
            families,
            |pair, ports| rows.candidates(pair, ports),
            &mut w,
        );
        work.set(work.get() + w);
        c
    };
    let index = RuleIndex::grouped(required.clone());
    let served_by = |e: &ExistingRule| {
        let mut out = Vec::new();
        let mut w = 1;
        for (_, index) in overlapping_groups(&index, port_range(e)) {
            served(e, index, &mut out, &mut w);
        }
        work.set(work.get() + w);
        out
    };
    let mut findings = Vec::new();
    if part != Part::Rows {
        findings.extend(rule_findings(&required, coverage_of));
    }
    if part != Part::Coverage {
        findings.extend(row_findings(existing, served_by));
    }
    findings.sort();
    (findings, work.get())
}

/// The audit given how to find a rule's coverage and an existing rule's served rules.
#[cfg(test)]
fn audit_by<'a>(
    required: &[&'a Rule],
    existing: &[ExistingRule],
    coverage_of: impl Fn(&Rule) -> Coverage,
    served_by: impl Fn(&ExistingRule) -> Vec<&'a Rule>,
) -> Vec<Finding> {
    let mut out = rule_findings(required, coverage_of);
    out.extend(row_findings(existing, served_by));
    out.sort();
    out
}

/// A finding per required rule not covered.
fn rule_findings(required: &[&Rule], coverage_of: impl Fn(&Rule) -> Coverage) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in required {
        let (severity, kind, key) = match coverage_of(rule) {
            Coverage::Covered => continue,
            Coverage::Partial => (Severity::Warning, FindingKind::PartialRule, "audit.partial"),
            Coverage::Missing => (Severity::Error, FindingKind::MissingRule, "audit.missing"),
        };
        out.push(Finding {
            severity,
            kind,
            subject: Subject::Rule(rule.id().to_string()),
            message: message(key, |_| vec![("rule", rule.summary())]),
            fix: None,
        });
    }
    out
}

/// A finding per allow row that serves no required rule, or allows more than those it serves.
fn row_findings<'a>(
    existing: &[ExistingRule],
    served_by: impl Fn(&ExistingRule) -> Vec<&'a Rule>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in existing.iter().filter(|e| e.allow) {
        let served = served_by(e);
        let (severity, kind, message) = if served.is_empty() {
            (
                Severity::Info,
                FindingKind::ExtraRule,
                message("audit.extra", |_| vec![("rule", e.describe())]),
            )
        } else if let Some(why) = wider_than_needed(e, &served) {
            (
                Severity::Warning,
                FindingKind::OverPermissiveRule,
                message("audit.over", |l| {
                    vec![("why", why.get(l).to_owned()), ("rule", e.describe())]
                }),
            )
        } else {
            continue;
        };
        out.push(Finding {
            severity,
            kind,
            subject: Subject::Existing(e.line),
            message,
            fix: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexes only narrow the search: the audit of a generated 500-node plan against a
    /// firewall with gaps, duplicates, wide networks, denies first and "any" rules of each
    /// family is the same as reading every row for every rule.
    #[test]
    fn indexed_audit_equals_brute_force() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let plan = crate::generate::large_plan(500, &catalog).unwrap();
        let rules = crate::rules::derive(&plan, &catalog);
        let csv = crate::export::export_plan(
            &plan,
            &catalog,
            crate::export::Format::Csv,
            &crate::rules::RuleScope::default(),
            Lang::En,
        )
        .unwrap()
        .into_text()
        .unwrap();
        let text: String = csv
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| i % 7 != 3)
            .map(|(_, l)| l)
            .collect();
        let mut existing = parse(&text).unwrap();
        let extra = "action,protocol,source,destination,port\n\
            allow,tcp,any,10.0.0.0/16,443\n\
            allow,udp,10.1.0.0/16,any,50000-59999\n\
            allow,tcp,any,any,5061\n\
            allow,any,10.2.32.0/19,10.2.0.0/16,1-65535\n\
            allow,tcp,192.0.2.0/24,any,80\n\
            deny,tcp,any,any,1-65535\n";
        existing.extend(parse(extra).unwrap());
        // Rows before the plan's own, which first match lets win, and each family's "any".
        let first = "deny,tcp,any,10.1.0.0/16,5061\n\
            deny,udp,any4,any,3478\n\
            allow,tcp,::/0,any6,443\n\
            deny,tcp,10.2.0.0/16,any,50000-50100\n\
            allow,tcp,any,any4,80\n";
        existing.splice(0..0, parse(first).unwrap());
        let required: Vec<&Rule> = rules.rules.iter().filter(|r| !r.is_unresolved()).collect();
        let brute = audit_by(
            &required,
            &existing,
            |r| coverage(r, &existing),
            |e| required.iter().copied().filter(|r| serves(e, r)).collect(),
        );
        let indexed = audit(&rules, &existing);
        assert!(
            brute.len() > 100,
            "the gaps produce findings: {}",
            brute.len()
        );
        assert_eq!(indexed, brute);
    }
}
