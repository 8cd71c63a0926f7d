//! An audited file read in its format, and audited: a CSV's rows as they are; a netfilter rule
//! set from the chains on the forward hook (or the chain `--chain` names), each followed
//! through its jumps (a packet must pass every base chain); an ASA configuration per interface
//! the plan's traffic enters, by the ACL bound there (and a global one, and one bound out on the
//! interface it leaves by).

use std::collections::BTreeMap;

use super::asa::{self, Bound};
use super::chains::{self, Table};
use super::csv::CsvError;
use super::detect::{DumpFormat, detect};
use super::import::ExistingRule;
use super::{Families, Part, audit_part, clip, iptables_save, nft_json, nft_text};
use crate::findings::{Finding, FindingKind, Severity, Subject, message};
use crate::plan::{FirewallId, Plan};
use crate::rules::{Rule, RuleSet};

/// A file that cannot be audited: where (line 0: the file as a whole) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpError {
    /// 1-based line, or 0.
    pub line: usize,
    /// What is wrong (user text in it made safe and cut short).
    pub message: String,
}

impl From<CsvError> for DumpError {
    fn from(e: CsvError) -> Self {
        Self {
            line: e.line,
            message: e.message,
        }
    }
}

fn whole_file(message: impl Into<String>) -> DumpError {
    DumpError {
        line: 0,
        message: message.into(),
    }
}

/// An audited file, read.
#[derive(Debug)]
pub enum Dump {
    /// CSV rows.
    Rows(Vec<ExistingRule>),
    /// Netfilter tables (iptables-save, nft).
    Netfilter(Vec<TableDump>),
    /// An ASA configuration.
    Asa(AsaDump),
}

/// A netfilter table, opaque outside the audit.
#[derive(Debug)]
pub struct TableDump(Table);

/// An ASA configuration, opaque outside the audit.
#[derive(Debug)]
pub struct AsaDump(asa::Config);

/// What to audit in the file: the chain to start from (else the forward hook's), and the plan's
/// firewall it is (which ASA interfaces are which).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    /// `--chain NAME` (or `TABLE:NAME`).
    pub chain: Option<String>,
    /// The plan's firewall (`--firewall`).
    pub firewall: Option<FirewallId>,
}

/// Read `text` as `format`, or as the format its content shows.
pub fn read(text: &str, format: Option<DumpFormat>) -> Result<(DumpFormat, Dump), DumpError> {
    let format = format.or_else(|| detect(text)).ok_or_else(|| {
        whole_file(
            "cannot tell the file's format (CSV, iptables-save, nft list ruleset, nft -j, ASA running-config): give --against-format",
        )
    })?;
    let dump = match format {
        DumpFormat::Csv => Dump::Rows(super::parse(text)?),
        DumpFormat::IptablesSave | DumpFormat::Ip6tablesSave => {
            let v6 = format == DumpFormat::Ip6tablesSave;
            Dump::Netfilter(vec![TableDump(iptables_save::parse(text, v6)?)])
        }
        DumpFormat::Nft => Dump::Netfilter(tables(nft_text::parse(text)?)),
        DumpFormat::NftJson => Dump::Netfilter(tables(nft_json::parse(text)?)),
        DumpFormat::Asa => Dump::Asa(AsaDump(asa::parse(text)?)),
    };
    Ok((format, dump))
}

fn tables(list: Vec<Table>) -> Vec<TableDump> {
    list.into_iter().map(TableDump).collect()
}

/// A list of rows and the required rules checked against it.
struct RowList<'a> {
    rows: Vec<ExistingRule>,
    families: Families,
    rules: Vec<&'a Rule>,
    part: Part,
}

impl Dump {
    /// How many rules the file holds (CSV rows, chain rules, ACL rows).
    pub fn rule_count(&self) -> usize {
        match self {
            Self::Rows(rows) => rows.len(),
            Self::Netfilter(tables) => (tables.iter())
                .flat_map(|t| &t.0.chains)
                .map(|c| c.rules.len())
                .sum(),
            Self::Asa(AsaDump(config)) => config.acls.values().map(Vec::len).sum(),
        }
    }

    /// The audit findings of `rules` (of `plan`) against the file.
    pub fn audit(
        &self,
        plan: &Plan,
        rules: &RuleSet,
        target: &Target,
    ) -> Result<Vec<Finding>, DumpError> {
        let required: Vec<&Rule> = rules.rules.iter().filter(|r| !r.is_unresolved()).collect();
        let mut notes = Vec::new();
        let parts = match self {
            Self::Rows(rows) => return Ok(super::audit(rules, rows)),
            Self::Netfilter(tables) => netfilter(tables, target, &required, &mut notes)?,
            Self::Asa(AsaDump(config)) => asa_parts(config, plan, target, &required, &mut notes)?,
        };
        let mut findings = notes;
        for p in &parts {
            findings.extend(audit_part(&p.rules, &p.rows, p.families, p.part).0);
        }
        Ok(merge(findings))
    }
}

/// One finding per required rule (its worst over the parts), one per row finding.
fn merge(findings: Vec<Finding>) -> Vec<Finding> {
    let mut by_rule: BTreeMap<Subject, Finding> = BTreeMap::new();
    let mut out = Vec::new();
    for f in findings {
        if matches!(f.subject, Subject::Rule(_)) {
            let keep = by_rule
                .get(&f.subject)
                .is_none_or(|g| f.severity < g.severity);
            if keep {
                by_rule.insert(f.subject.clone(), f);
            }
        } else {
            out.push(f);
        }
    }
    out.extend(by_rule.into_values());
    out.sort();
    out.dedup();
    out
}

fn note(
    severity: Severity,
    kind: FindingKind,
    subject: Subject,
    key: &str,
    args: &[(&'static str, String)],
) -> Finding {
    Finding {
        severity,
        kind,
        subject,
        message: message(key, |_| args.to_vec()),
        fix: None,
    }
}

fn unjudged_notes(lines: &[(usize, String)], notes: &mut Vec<Finding>) {
    for (line, what) in lines {
        notes.push(note(
            Severity::Warning,
            FindingKind::UnjudgedMatch,
            Subject::Existing(*line),
            "audit.unjudged",
            &[("what", clip(what))],
        ));
    }
}

/// The chains to follow: `--chain`'s, else every base chain on the forward hook.
fn netfilter<'a>(
    tables: &[TableDump],
    target: &Target,
    required: &[&'a Rule],
    notes: &mut Vec<Finding>,
) -> Result<Vec<RowList<'a>>, DumpError> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (t, TableDump(table)) in tables.iter().enumerate() {
        for (c, chain) in table.chains.iter().enumerate() {
            let named = target.chain.as_deref().is_some_and(|want| {
                want == chain.name || want == format!("{}:{}", table.name, chain.name)
            });
            let chosen = match &target.chain {
                Some(_) => named,
                None => chain.hook.as_deref() == Some("forward") && chain.policy.is_some(),
            };
            if chosen {
                starts.push((t, c));
            }
        }
    }
    match (&target.chain, starts.len()) {
        (Some(name), 0) => {
            return Err(whole_file(format!("no chain `{}` in the file", clip(name))));
        }
        (Some(name), n) if n > 1 => {
            return Err(whole_file(format!(
                "{n} tables have a chain `{}`: name it as TABLE:CHAIN",
                clip(name)
            )));
        }
        (None, 0) => {
            return Err(whole_file(
                "no base chain on the forward hook: name the chain to audit with --chain (e.g. LYNC-INTERNAL, lpp_internal, INPUT)",
            ));
        }
        _ => {}
    }
    let mut parts = Vec::new();
    let mut seen = Families {
        v4: false,
        v6: false,
    };
    for (t, c) in starts {
        let table = &tables[t].0;
        let chains::Flat { rows, unjudged } = chains::flatten(table, c).map_err(|e| DumpError {
            line: e.line,
            message: e.message,
        })?;
        unjudged_notes(&unjudged, notes);
        let families = table.families;
        seen.v4 |= families.v4;
        seen.v6 |= families.v6;
        parts.push(RowList {
            rows,
            families,
            rules: required.to_vec(),
            part: Part::Both,
        });
    }
    for (v4, family) in [(true, "IPv4"), (false, "IPv6")] {
        let covered = if v4 { seen.v4 } else { seen.v6 };
        let only = Families { v4, v6: !v4 };
        let n = (required.iter())
            .filter(|r| super::has_pairs(r, only))
            .count();
        if !covered && n > 0 {
            notes.push(note(
                Severity::Info,
                FindingKind::NotAudited,
                Subject::Plan,
                "audit.family",
                &[("n", n.to_string()), ("family", family.to_owned())],
            ));
        }
    }
    Ok(parts)
}

/// Which firewall of the plan an ASA configuration is.
fn asa_firewall(plan: &Plan, target: &Target) -> Result<FirewallId, DumpError> {
    if let Some(fw) = target.firewall {
        return Ok(fw);
    }
    match plan.firewalls.list().as_slice() {
        [one] => Ok(one.id),
        list => Err(whole_file(format!(
            "an ASA configuration is one firewall's: say which with --firewall ({})",
            list.iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn asa_parts<'a>(
    config: &asa::Config,
    plan: &Plan,
    target: &Target,
    required: &[&'a Rule],
    notes: &mut Vec<Finding>,
) -> Result<Vec<RowList<'a>>, DumpError> {
    let id = asa_firewall(plan, target)?;
    let fw = plan
        .firewalls
        .get(id)
        .ok_or_else(|| whole_file(format!("the plan has no firewall `{}`", id.as_str())))?;
    let layout = plan.firewalls.layout();
    unjudged_notes(&config.unjudged, notes);
    // The ACL bound there, if the file has it (an ACL it does not define counts as none).
    let bound = |b: &Bound| {
        (config.groups.iter())
            .find(|(_, x)| x == b)
            .map(|(acl, _)| acl.as_str())
            .filter(|acl| config.acls.contains_key(*acl))
    };

    let rows_of = |acl: Option<&str>| -> Vec<ExistingRule> {
        acl.and_then(|a| config.acls.get(a))
            .cloned()
            .unwrap_or_default()
    };
    let global = bound(&Bound::Global);
    // (entering interface, leaving interface) -> rules; ACL -> rules checked against it.
    let mut groups: BTreeMap<(&str, &str), Vec<&'a Rule>> = BTreeMap::new();
    let mut by_acl: BTreeMap<&str, Vec<&'a Rule>> = BTreeMap::new();
    let mut outside = 0;
    for &rule in required {
        if !crate::rules::crosses(rule, layout, id) {
            outside += 1;
            continue;
        }
        let (from, to) = (rule.source.zone, rule.destination.zone);
        let entry = fw.interfaces[fw.entry_leg(from, to)].1;
        let exit = fw.interfaces[fw.exit_leg(from, to)].1;
        groups.entry((entry, exit)).or_default().push(rule);
        let acls = [
            bound(&Bound::In(entry.to_owned())),
            global,
            bound(&Bound::Out(exit.to_owned())),
        ];
        for acl in acls.into_iter().flatten() {
            by_acl.entry(acl).or_default().push(rule);
        }
    }
    if outside > 0 {
        notes.push(note(
            Severity::Info,
            FindingKind::NotAudited,
            Subject::Plan,
            "audit.not_crossing",
            &[
                ("n", outside.to_string()),
                ("firewall", id.as_str().to_owned()),
            ],
        ));
    }
    let both = Families::BOTH;
    let mut parts = Vec::new();
    for ((entry, exit), rules) in groups {
        let inbound = bound(&Bound::In(entry.to_owned()));
        if inbound.is_none() && global.is_none() {
            notes.push(note(
                Severity::Warning,
                FindingKind::NotAudited,
                Subject::Plan,
                "audit.no_acl",
                &[("interface", clip(entry)), ("n", rules.len().to_string())],
            ));
        }
        let mut rows = rows_of(inbound);
        rows.extend(rows_of(global));
        parts.push(RowList {
            rows: super::numbered(rows),
            families: both,
            rules: rules.clone(),
            part: Part::Coverage,
        });
        if let Some(out) = bound(&Bound::Out(exit.to_owned())) {
            parts.push(RowList {
                rows: rows_of(Some(out)),
                families: both,
                rules,
                part: Part::Coverage,
            });
        }
    }
    for (acl, rules) in by_acl {
        parts.push(RowList {
            rows: rows_of(Some(acl)),
            families: both,
            rules,
            part: Part::Rows,
        });
    }
    Ok(parts)
}
