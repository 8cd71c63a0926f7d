//! "Test from the source": a rule is right when Microsoft's page says so. Each port table the
//! catalog covers is checked row by row against the rules derived for a plan built here, in
//! code, in the topology the page describes (never the example files in `saved-plans/`).
//!
//! Rows are transcribed from the pages (research report for issue 17, sections B and C) in
//! `rows.rs` as `row | application | transport port | source -> destination`, each end written
//! `role/endpoint`: VIP or members is in the endpoint kind (`hlb_vip`, `internal_vip`,
//! `access_edge_vip` ... against `server`, `internal_interface`, `access_edge` ...).
//! Microsoft's plain "Any" is `any/any`, a rule end without a node; Internet peers the plan does
//! not place ("Clients", "Public IM connectivity partners", "Live Messenger clients") are "Any"
//! too. "Any (can be defined as A, B)" is one row per named role the plan holds.
//!
//! A row matches a rule on transport, port range and both ends. The application label is not
//! compared: Microsoft spells it per page ("Access/SIP(TLS)/TCP/443", "SIP/TLS", "TCP (TLS)")
//! and the catalog once per requirement, so it is kept in the row for the reader only.

mod build;
mod director;
mod edge;
mod internal;
mod rows;
mod windows_firewall;

use std::collections::BTreeSet;

use lync_port_planner::catalog::{BUILTIN_RON, Catalog, CatalogData};
use lync_port_planner::net::{PortRange, Transport};
use lync_port_planner::plan::Plan;
use lync_port_planner::rules::{self, Rule, RuleEnd, RuleSet};

pub use build::Build;

/// Rows the catalog deliberately models other than the page's words: checked in the form the
/// rows table writes them (the catalog's), with the reason. (pages, row, why)
const KNOWN_DIFFERENCES: &[(&[&str], &str, &str)] = &[
    (
        &["JJ204756"],
        "EXT RTP tcp out",
        "the page names the Access Edge as source, every other Edge page the A/V Edge (D6): checked from the A/V Edge",
    ),
    (
        &["JJ204756", "Gg425891", "JJ205394", "Gg412756"],
        "XMPP 23456",
        "the XMPP table says plain Any; the Internal Interface table of the same page defines it as the Front End running the XMPP gateway: checked from the Front End",
    ),
    (
        &["Gg398739"],
        "EXT-VIP 5061 in",
        "a linked federated partner stands in for Any on SIP federation both ways (the page's own outbound row names the Federated partner): checked from the partner",
    ),
    (
        &["Gg398739"],
        "INT-VIP 5061 in, FE",
        "the page's source is the internal VIP; JJ204983 and the catalog (issue item 7) send it from each Edge internal interface, a VIP does not open connections",
    ),
    (
        &["Gg398739"],
        "INT-VIP 5061 in, Director",
        "as INT-VIP 5061 in, FE",
    ),
    (
        &["SfB-edge-env"],
        "HLB-INT-VIP 5061 in, FE",
        "as Gg398739 INT-VIP 5061 in, FE",
    ),
    (
        &["SfB-edge-env"],
        "HLB-INT-VIP 5061 in, Director",
        "as Gg398739 INT-VIP 5061 in, FE",
    ),
    (
        &["SfB-edge-env"],
        "HLB-INT 3478 in",
        "the HLB member table writes \"Any: Front End Server, each Front End Server\"; the other tables of the page, Gg398739 and issue item 1 say Any: checked from Any",
    ),
    (
        &["SfB-edge-env"],
        "HLB-INT STUN 443 in",
        "as HLB-INT 3478 in",
    ),
    (
        &["Gg398833"],
        "FE+CM 5081",
        "listed as a Front End port; the catalog opens it on the PSTN gateway, from the Front End (outgoing SIP to the gateway)",
    ),
    (&["Gg398833"], "FE+CM 5082", "as FE+CM 5081"),
];

/// Rows not checked at all, with the reason: (page, rows, why).
const NOT_CHECKED: &[(&str, &str, &str)] = &[
    (
        "Gg398739, SfB-edge-env",
        "sources written as a pool VIP (8057, 23456, 5061 \"... pool virtual IP\")",
        "a VIP receives, servers open connections: checked from each server instead",
    ),
    (
        "all Edge pages, Gg398833",
        "Survivable Branch Appliance / Server as source (5062, 444)",
        "no role for branch appliances in the catalog",
    ),
    (
        "JJ945642",
        "INT 8080 and 4443 to Office Web Apps",
        "D5: the catalog follows JJ204932 (443 to Office Web Apps)",
    ),
    (
        "Gg398833",
        "FE 5060, Director 5060",
        "optional static routes to trusted services (no role for them)",
    ),
    (
        "Gg398833",
        "FE 5062, 5063, 5064, 5065, 5066, 5071, 5072, 5073, 5075, 5076, 8060, 8061, 8404, 5086, 5087; FE+CM 5070; HLB list 5071-5076, FE+Mediation 5070",
        "services inside the pool or reached by roles the catalog has no node for (conferencing and application servers, E9-1-1 gateway, Mobility internals)",
    ),
    (
        "Gg398833",
        "FE 5080, 448; HLB list 5080, 448",
        "call admission control (the Bandwidth Policy Service): the plan does not model it, and no page says which role sends to 5080 beyond \"A/V Edge TURN traffic\"",
    ),
    (
        "Gg398833",
        "FE 8058",
        "Live Meeting clients and earlier Lync Server versions: the catalog has no role for them",
    ),
    (
        "Gg398833",
        "All Servers SQL Browser 1434 (twice)",
        "the local replica of the CMS on each server; 1434 is checked from the Front End to the back end (Gg425818)",
    ),
    (
        "Gg398833",
        "Persistent Chat 5041, 881, 443",
        "no Persistent Chat role in the catalog",
    ),
    (
        "Gg398833",
        "DNS list, the blank row",
        "all cells empty in the page",
    ),
    (
        "Gg398833",
        "client ports 67/68 DHCP (twice), 5061, 6891-6901, 1024-65535 (four rows)",
        "ports on the clients themselves (DHCP, peer-to-peer media and file transfer); 5061 for external users has no listener the page names",
    ),
    (
        "Gg425818",
        "TCP statically defined (named instances)",
        "no port to check: the catalog models the default instance",
    ),
];

/// One row of a Microsoft table.
#[derive(Clone, Debug)]
pub struct Row {
    page: &'static str,
    id: &'static str,
    application: &'static str,
    transport: Transport,
    ports: PortRange,
    source: &'static str,
    destination: &'static str,
}

impl Row {
    fn key(&self) -> String {
        format!("{} {}", self.page, self.id)
    }

    fn is_met_by(&self, rule: &Rule) -> bool {
        rule.transport == self.transport
            && rule.ports == self.ports
            && end(&rule.source) == self.source
            && end(&rule.destination) == self.destination
    }
}

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} row \"{}\" ({}): {} {} {} -> {}",
            self.page,
            self.id,
            self.application,
            self.transport.as_str(),
            self.ports,
            self.source,
            self.destination
        )
    }
}

/// `role/endpoint`, or `any/any` for an end without a node (no plan here places the
/// management-host role `any`, so the two cannot be confused).
fn end(e: &RuleEnd) -> String {
    if e.node.is_none() {
        "any/any".to_owned()
    } else {
        format!("{}/{}", e.role, e.endpoint)
    }
}

/// The rows of `page`, from one or more transcribed tables.
pub fn table(page: &'static str, parts: &[&[&'static str]]) -> Vec<Row> {
    parts
        .iter()
        .flat_map(|part| part.iter())
        .map(|line| {
            let fields: Vec<&'static str> = line.split(" | ").collect();
            let [id, application, port, ends] = fields[..] else {
                panic!("{page}: not `row | application | transport port | a -> b`: {line}")
            };
            let (transport, range) = port.split_once(' ').unwrap();
            let (source, destination) = ends.split_once(" -> ").unwrap();
            Row {
                page,
                id,
                application,
                transport: if transport == "udp" {
                    Transport::Udp
                } else {
                    assert_eq!(transport, "tcp", "{line}");
                    Transport::Tcp
                },
                ports: range.parse().unwrap(),
                source,
                destination,
            }
        })
        .collect()
}

/// A plan and the table rows it must carry.
pub struct Check {
    plan: Plan,
    rows: Vec<Row>,
}

impl Check {
    pub fn new(plan: Plan, tables: Vec<Vec<Row>>) -> Self {
        Self {
            plan,
            rows: tables.into_iter().flatten().collect(),
        }
    }
}

fn unmet<'r>(set: &RuleSet, rows: &'r [Row]) -> Vec<&'r Row> {
    rows.iter()
        .filter(|row| !set.rules.iter().any(|rule| row.is_met_by(rule)))
        .collect()
}

/// The rows no rule derived for `plan` with `catalog` satisfies, each naming page and row.
pub fn missing_rows(plan: &Plan, catalog: &Catalog, rows: &[Row]) -> Vec<String> {
    let set = rules::derive(plan, catalog);
    unmet(&set, rows).iter().map(ToString::to_string).collect()
}

/// Every row of every check holds; failures are listed all at once.
pub fn assert_checks(checks: &[Check]) {
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for check in checks {
        let set = rules::derive(&check.plan, &catalog);
        let unresolved: Vec<String> = (set.rules.iter())
            .filter(|r| r.is_unresolved())
            .map(|r| r.id().to_string())
            .collect();
        assert!(unresolved.is_empty(), "{}: {unresolved:?}", check.plan.name);
        for row in unmet(&set, &check.rows) {
            failures.push(format!("{row}  [plan: {}]", check.plan.name));
        }
    }
    assert!(
        failures.is_empty(),
        "rows of Microsoft's tables no derived rule satisfies:\n{}",
        failures.join("\n")
    );
}

fn all_checks() -> Vec<Check> {
    [director::checks(), edge::checks(), internal::checks()]
        .into_iter()
        .flatten()
        .collect()
}

#[test]
fn known_differences_and_unchecked_rows_name_real_rows_and_say_why() {
    let checks = all_checks();
    let rows: BTreeSet<String> = checks.iter().flat_map(|c| &c.rows).map(Row::key).collect();
    for (pages, row, why) in KNOWN_DIFFERENCES {
        assert!(!why.is_empty());
        for page in *pages {
            let key = format!("{page} {row}");
            assert!(
                rows.contains(&key),
                "known difference {key} is no checked row"
            );
        }
    }
    let pages: BTreeSet<&str> = checks
        .iter()
        .flat_map(|c| &c.rows)
        .map(|r| r.page)
        .collect();
    for (named, what, why) in NOT_CHECKED {
        assert!(!what.is_empty() && !why.is_empty());
        let named: Vec<&str> = named
            .split(", ")
            .filter(|p| p.starts_with(['G', 'J', 'S']))
            .collect();
        assert!(named.iter().all(|p| pages.contains(p)), "{named:?}");
    }
}

/// The check must fail when the catalog drops one requirement or shifts one port range.
#[test]
fn a_dropped_requirement_or_a_shifted_range_is_reported() {
    let data: CatalogData = ron::from_str(BUILTIN_RON).unwrap();
    let mutant = |change: &dyn Fn(&mut CatalogData)| {
        let mut data = data.clone();
        change(&mut data);
        Catalog::from_ron(&ron::to_string(&data).unwrap(), "mutant").unwrap()
    };
    let plan = edge::single_public();
    let rows = rows::jj204756();
    let builtin = Catalog::builtin().unwrap();
    assert_eq!(missing_rows(&plan, &builtin, &rows), Vec::<String>::new());

    let dropped = mutant(&|d| d.requirements.retain(|r| r.id != "fe-edge-sip-5062"));
    let report = missing_rows(&plan, &dropped, &rows);
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(
        report[0].starts_with("JJ204756 row \"INT 5062\""),
        "{report:?}"
    );

    let shifted = mutant(&|d| {
        let r = (d.requirements.iter_mut())
            .find(|r| r.id == "edge-any-rtp-50000-tcp")
            .unwrap();
        r.ports = PortRange {
            from: r.ports.from + 1,
            to: r.ports.to + 1,
        };
    });
    let report = missing_rows(&plan, &shifted, &rows);
    let named: Vec<&str> = report
        .iter()
        .map(|m| m.split(" (").next().unwrap())
        .collect();
    assert_eq!(
        named,
        [
            "JJ204756 row \"EXT RTP tcp out\"",
            "JJ204756 row \"PIC RTP tcp out\""
        ]
    );
}
