//! Audit of an existing firewall against the plan: for each required rule, covered, partial or
//! missing; for each existing allow rule, over-permissive or extra. Results are findings.

mod csv;
mod import;

pub use csv::CsvError;
pub use import::{ExistingRule, Match, parse};

use crate::catalog::Text;
use crate::findings::{Finding, FindingKind, Severity, Subject, message};
use crate::i18n::Lang;
use crate::net::{IpNet, PortRange, Transport};
use crate::rules::{Addresses, Rule, RuleSet};

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

fn needs(addresses: &Addresses) -> Vec<Need> {
    match addresses {
        Addresses::Any => vec![Need::Any],
        Addresses::List(list) => list.iter().copied().map(Need::Net).collect(),
    }
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
    let allows: Vec<&ExistingRule> = existing
        .iter()
        .filter(|e| e.allow && proto_ok(e, rule.transport))
        .collect();
    let (mut full, mut some, mut pairs) = (0, 0, 0);
    for s in needs(&rule.source.addresses) {
        for d in needs(&rule.destination.addresses) {
            pairs += 1;
            let ranges: Vec<PortRange> = allows
                .iter()
                .filter(|e| covers(&e.source, s) && covers(&e.destination, d))
                .map(|e| port_range(e))
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

/// The required rules an existing allow rule contributes to.
fn served<'a>(e: &ExistingRule, rules: &'a [&'a Rule]) -> Vec<&'a Rule> {
    rules
        .iter()
        .copied()
        .filter(|r| {
            proto_ok(e, r.transport)
                && port_overlap(e, r.ports)
                && needs(&r.source.addresses)
                    .into_iter()
                    .any(|s| overlaps(&e.source, s))
                && needs(&r.destination.addresses)
                    .into_iter()
                    .any(|d| overlaps(&e.destination, d))
        })
        .collect()
}

/// Why an existing rule allows more than the rules it serves need, if it does.
fn wider_than_needed(e: &ExistingRule, served: &[&Rule]) -> Option<Text> {
    let side =
        |m: &Match, need: &dyn Fn(&Rule) -> Vec<Need>, side_key: &'static str| -> Option<Text> {
            let side_name = move |l: Lang| crate::i18n::tr(l, side_key).to_owned();
            match m {
                Match::Any if !served.iter().any(|r| need(r).contains(&Need::Any)) => {
                    Some(message("audit.why_any", |l| vec![("side", side_name(l))]))
                }
                Match::Nets(nets) => nets
                    .iter()
                    .find(|n| {
                        !served.iter().any(|r| {
                            need(r).into_iter().any(|x| {
                                x == Need::Any || matches!(x, Need::Net(x) if x.contains(n))
                            })
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
    side(
        &e.source,
        &|r| needs(&r.source.addresses),
        "audit.side_source",
    )
    .or_else(|| {
        side(
            &e.destination,
            &|r| needs(&r.destination.addresses),
            "audit.side_destination",
        )
    })
}

/// Audit findings, sorted like every finding list.
pub fn audit(rules: &RuleSet, existing: &[ExistingRule]) -> Vec<Finding> {
    let mut out = Vec::new();
    let required: Vec<&Rule> = rules.rules.iter().filter(|r| !r.is_unresolved()).collect();
    for rule in &required {
        let (severity, kind, key) = match coverage(rule, existing) {
            Coverage::Covered => continue,
            Coverage::Partial => (Severity::Warning, FindingKind::PartialRule, "audit.partial"),
            Coverage::Missing => (Severity::Error, FindingKind::MissingRule, "audit.missing"),
        };
        out.push(Finding {
            severity,
            kind,
            subject: Subject::Rule(rule.id.clone()),
            message: message(key, |_| vec![("rule", rule.summary())]),
            fix: None,
        });
    }
    for e in existing.iter().filter(|e| e.allow) {
        let served = served(e, &required);
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
