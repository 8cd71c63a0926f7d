//! Audit of an existing firewall against the plan: for each required rule, covered, partial or
//! missing; for each existing allow rule, over-permissive or extra. Results are findings.

pub mod csv;
mod import;
mod index;

pub use csv::CsvError;
pub use import::{ExistingRule, Match, parse};

use crate::catalog::Text;
use crate::findings::{Finding, FindingKind, Severity, Subject, message};
use crate::i18n::Lang;
use crate::net::{IpNet, PortRange, Transport};
use crate::rules::{Addresses, Rule, RuleSet};
use index::NetIndex;

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

/// True when `m` allows all of `need`.
fn covers(m: &Match, need: Need) -> bool {
    match (m, need) {
        (Match::Any, _) => true,
        (Match::Nets(_), Need::Any) => false,
        (Match::Nets(nets), Need::Net(n)) => nets.iter().any(|e| e.contains(&n)),
    }
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

/// Coverage of one required rule by the existing allow rules.
pub fn coverage(rule: &Rule, existing: &[ExistingRule]) -> Coverage {
    coverage_with(rule, |_, _| existing.iter().collect())
}

/// [`coverage`] with the candidate rules for each source and destination need (a superset of
/// the rules that can cover the pair).
fn coverage_with<'a>(
    rule: &Rule,
    candidates: impl Fn(Need, Need) -> Vec<&'a ExistingRule>,
) -> Coverage {
    let (mut full, mut some, mut pairs) = (0, 0, 0);
    for s in each_need(&rule.source.addresses) {
        for d in each_need(&rule.destination.addresses) {
            pairs += 1;
            let ranges: Vec<PortRange> = candidates(s, d)
                .into_iter()
                .filter(|e| e.allow && proto_ok(e, rule.transport))
                .filter(|e| covers(&e.source, s) && covers(&e.destination, d))
                .map(port_range)
                .collect();
            if union_contains(ranges.clone(), rule.ports) {
                full += 1;
            } else if ranges
                .iter()
                .any(|r| r.from <= rule.ports.to && rule.ports.from <= r.to)
            {
                some += 1;
            }
        }
    }
    if pairs > 0 && full == pairs {
        Coverage::Covered
    } else if full + some > 0 {
        Coverage::Partial
    } else {
        Coverage::Missing
    }
}

fn port_overlap(e: &ExistingRule, p: PortRange) -> bool {
    let r = port_range(e);
    r.from <= p.to && p.from <= r.to
}

/// The required rules an existing allow rule contributes to, added to `out`. Candidates are
/// tested as they are found, not gathered first: an "any" source meets thousands of them.
fn served<'a>(e: &ExistingRule, rules: &RuleIndex<'a>, out: &mut Vec<&'a Rule>) {
    let mut keep = |r: &'a Rule| {
        if serves(e, r) {
            out.push(r);
        }
    };
    let index = match &e.destination {
        Match::Any => &rules.by_source,
        Match::Nets(nets) => {
            for n in nets {
                rules
                    .by_destination
                    .overlapping(*n)
                    .into_iter()
                    .for_each(&mut keep);
            }
            &rules.any_destination_by_source
        }
    };
    match &e.source {
        Match::Any => index.all().for_each(keep),
        Match::Nets(nets) => {
            index.any().for_each(&mut keep);
            for n in nets {
                index.overlapping(*n).into_iter().for_each(&mut keep);
            }
        }
    }
}

/// True when the existing allow rule permits some of what the required rule needs.
fn serves(e: &ExistingRule, r: &Rule) -> bool {
    proto_ok(e, r.transport)
        && port_overlap(e, r.ports)
        && each_need(&r.source.addresses).any(|s| overlaps(&e.source, s))
        && each_need(&r.destination.addresses).any(|d| overlaps(&e.destination, d))
}

/// The required rules by destination network, and by source for those to any destination.
struct RuleIndex<'a> {
    by_destination: NetIndex<'a, Rule>,
    any_destination_by_source: NetIndex<'a, Rule>,
    by_source: NetIndex<'a, Rule>,
}

impl<'a> RuleIndex<'a> {
    /// One index per port range: a query visits only the ranges that share a port.
    fn grouped(rules: Vec<&'a Rule>) -> Vec<(PortRange, Self)> {
        group_by_ports(rules, |r| r.ports)
            .into_iter()
            .map(|(ports, rules)| {
                let index = Self {
                    by_destination: NetIndex::new(rules.iter().copied(), |r| {
                        nets_of(&r.destination.addresses)
                    }),
                    any_destination_by_source: NetIndex::new(
                        rules
                            .iter()
                            .copied()
                            .filter(|r| r.destination.addresses == Addresses::Any),
                        |r| nets_of(&r.source.addresses),
                    ),
                    by_source: NetIndex::new(rules.iter().copied(), |r| {
                        nets_of(&r.source.addresses)
                    }),
                };
                (ports, index)
            })
            .collect()
    }
}

/// Existing allow rules by destination network, and by source for those to any destination.
struct AllowIndex<'a> {
    by_destination: NetIndex<'a, ExistingRule>,
    any_destination_by_source: NetIndex<'a, ExistingRule>,
}

impl<'a> AllowIndex<'a> {
    fn grouped(allows: impl Iterator<Item = &'a ExistingRule>) -> Vec<(PortRange, Self)> {
        group_by_ports(allows.collect(), port_range)
            .into_iter()
            .map(|(ports, allows)| {
                let index = Self {
                    by_destination: NetIndex::new(allows.iter().copied(), |e| {
                        nets_of_match(&e.destination)
                    }),
                    any_destination_by_source: NetIndex::new(
                        allows
                            .iter()
                            .copied()
                            .filter(|e| e.destination == Match::Any),
                        |e| nets_of_match(&e.source),
                    ),
                };
                (ports, index)
            })
            .collect()
    }

    /// The rules that may cover the pair: their source and destination each are "any" or
    /// contain the need.
    fn candidates(&self, s: Need, d: Need, out: &mut Vec<&'a ExistingRule>) {
        out.extend(self.any_destination_by_source.any());
        if let Need::Net(s) = s {
            out.extend(self.any_destination_by_source.containing(s));
        }
        if let Need::Net(d) = d {
            out.extend(self.by_destination.containing(d));
        }
    }
}

fn group_by_ports<'a, T>(
    items: Vec<&'a T>,
    ports: impl Fn(&T) -> PortRange,
) -> std::collections::BTreeMap<PortRange, Vec<&'a T>> {
    let mut groups: std::collections::BTreeMap<PortRange, Vec<&'a T>> =
        std::collections::BTreeMap::new();
    for item in items {
        groups.entry(ports(item)).or_default().push(item);
    }
    groups
}

fn overlapping_groups<T>(
    groups: &[(PortRange, T)],
    p: PortRange,
) -> impl Iterator<Item = &(PortRange, T)> {
    groups
        .iter()
        .filter(move |(r, _)| r.from <= p.to && p.from <= r.to)
}

fn nets_of(a: &Addresses) -> Option<Vec<IpNet>> {
    match a {
        Addresses::Any => None,
        Addresses::List(list) => Some(list.clone()),
    }
}

fn nets_of_match(m: &Match) -> Option<Vec<IpNet>> {
    match m {
        Match::Any => None,
        Match::Nets(nets) => Some(nets.clone()),
    }
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

/// Audit findings, sorted like every finding list.
pub fn audit(rules: &RuleSet, existing: &[ExistingRule]) -> Vec<Finding> {
    let required: Vec<&Rule> = rules.rules.iter().filter(|r| !r.is_unresolved()).collect();
    let allows = AllowIndex::grouped(existing.iter().filter(|e| e.allow));
    let coverage_of = |rule: &Rule| {
        coverage_with(rule, |s, d| {
            let mut out = Vec::new();
            for (_, index) in overlapping_groups(&allows, rule.ports) {
                index.candidates(s, d, &mut out);
            }
            out
        })
    };
    let index = RuleIndex::grouped(required.clone());
    let served_by = |e: &ExistingRule| {
        let mut out = Vec::new();
        for (_, index) in overlapping_groups(&index, port_range(e)) {
            served(e, index, &mut out);
        }
        out
    };
    audit_by(&required, existing, coverage_of, served_by)
}

/// The audit given how to find a rule's coverage and an existing rule's served rules.
fn audit_by<'a>(
    required: &[&'a Rule],
    existing: &[ExistingRule],
    coverage_of: impl Fn(&Rule) -> Coverage,
    served_by: impl Fn(&ExistingRule) -> Vec<&'a Rule>,
) -> Vec<Finding> {
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
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexes only narrow the search: the audit of a generated 500-node plan against a
    /// firewall with gaps, duplicates, wide networks and "any" rules is the same as comparing
    /// every rule with every rule.
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
