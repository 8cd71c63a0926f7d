//! The audit reads a firewall as it evaluates (first match wins, unmatched traffic is dropped),
//! keeps address families apart, and grows near-linearly with the plan and the rows.

use lync_port_planner::audit::{self, Coverage};
use lync_port_planner::export::Format;
use lync_port_planner::findings::FindingKind;
use lync_port_planner::plan_file;
use lync_port_planner::rules::Rule;

use crate::support::{catalog, derive, example, export, read, root};

const HEADER: &str = "action,protocol,source,destination,port\n";

fn rule(rules: &lync_port_planner::rules::RuleSet, requirement: &str) -> Rule {
    rules
        .rules
        .iter()
        .find(|r| r.requirement() == requirement)
        .unwrap()
        .clone()
}

fn count(findings: &[lync_port_planner::findings::Finding], kind: FindingKind) -> usize {
    findings.iter().filter(|f| f.kind == kind).count()
}

/// A deny before the allows blocks what it matches: `deny any` on top blocks everything.
#[test]
fn a_deny_before_the_allows_blocks_what_it_matches() {
    let (rules, _) = derive(&example("director-pool-dns-hlb.ron"));
    let required = rules.rules.iter().filter(|r| !r.is_unresolved()).count();
    let blocked = audit::parse(&format!(
        "{HEADER}deny,any,any,any,any\nallow,any,any,any,any\n"
    ))
    .unwrap();
    let found = audit::audit(&rules, &blocked);
    assert_eq!(
        count(&found, FindingKind::MissingRule),
        required,
        "{found:?}"
    );
    // The same rows the other way round allow everything.
    let open = audit::parse(&format!(
        "{HEADER}allow,any,any,any,any\ndeny,any,any,any,any\n"
    ))
    .unwrap();
    let found = audit::audit(&rules, &open);
    assert_eq!(count(&found, FindingKind::MissingRule), 0, "{found:?}");
    // A deny of one Director member before an allow of its subnet: the rule is partial.
    let sip = rule(&rules, "edge-dir-sip-5061");
    let one_denied = audit::parse(
        "deny,tcp,any,10.10.20.12,5061\nallow,tcp,172.16.10.0/24,10.10.20.0/24,5061\n",
    )
    .unwrap();
    assert_eq!(audit::coverage(&sip, &one_denied), Coverage::Partial);
    // A deny of another port or protocol, or after the allow, changes nothing.
    let elsewhere = audit::parse(
        "deny,udp,any,any,5061\ndeny,tcp,any,any,5062\nallow,tcp,172.16.10.0/24,10.10.20.0/24,5061\ndeny,tcp,any,any,any\n",
    )
    .unwrap();
    assert_eq!(audit::coverage(&sip, &elsewhere), Coverage::Covered);
    // Part of the range denied first: partial; all of it: missing.
    let low = audit::parse("deny,tcp,any,any,5000-5061\nallow,tcp,any,any,any\n").unwrap();
    assert_eq!(audit::coverage(&sip, &low), Coverage::Missing);
    let rtp = rule(&rules, "edge-any-rtp-50000-tcp");
    let half = audit::parse("deny,tcp,any,any,50000-54999\nallow,tcp,any,any,any\n").unwrap();
    assert_eq!(audit::coverage(&rtp, &half), Coverage::Partial);
    // Two allows that together make up a network cover it, in either order.
    let clients = rule(&rules, "clients-fe-audio-tcp");
    let split = audit::parse(
        "allow,tcp,10.10.102.0/23,any,any\ndeny,tcp,10.10.101.0/24,10.10.30.0/24,any\nallow,tcp,10.10.100.0/23,any,any\n",
    )
    .unwrap();
    assert_eq!(audit::coverage(&clients, &split), Coverage::Partial);
    let both = audit::parse("allow,tcp,10.10.102.0/23,any,any\nallow,tcp,10.10.100.0/23,any,any\n")
        .unwrap();
    assert_eq!(audit::coverage(&clients, &both), Coverage::Covered);
}

/// The seed's own CSV, with one deny row put first, audits with every rule that row matches
/// missing, and only those.
#[test]
fn the_plans_csv_behind_a_deny_loses_what_the_deny_matches() {
    let plan = example("director-pool-dns-hlb.ron");
    let (rules, _) = derive(&plan);
    let csv = export(&plan, Format::Csv);
    let mut five_columns = String::new();
    for e in audit::parse(&csv).unwrap() {
        let d = e.describe();
        // `allow tcp SRC -> DST port P` back into the five columns.
        let (head, port) = d.split_once(" port ").unwrap();
        let (left, dst) = head.split_once(" -> ").unwrap();
        let mut words = left.splitn(3, ' ');
        let (action, proto, src) = (
            words.next().unwrap(),
            words.next().unwrap(),
            words.next().unwrap(),
        );
        five_columns.push_str(&format!("{action},{proto},{src},{dst},{port}\n"));
    }
    let existing = audit::parse(&format!("deny,tcp,any,any,5061\n{five_columns}")).unwrap();
    let found = audit::audit(&rules, &existing);
    let expected = rules
        .rules
        .iter()
        .filter(|r| {
            r.transport == lync_port_planner::net::Transport::Tcp
                && r.ports.from <= 5061
                && 5061 <= r.ports.to
        })
        .count();
    assert!(expected > 3);
    assert_eq!(
        count(&found, FindingKind::MissingRule),
        expected,
        "{found:?}"
    );
    assert_eq!(count(&found, FindingKind::PartialRule), 0, "{found:?}");
}

/// `0.0.0.0/0` and `any4` cover IPv4 only, `::/0` and `any6` IPv6 only, `any` both.
#[test]
fn ipv4_any_does_not_cover_ipv6_rules() {
    let text = read(&root().join("saved-plans/single-director.ron")).replacen(
        "\"172.17.20.31\"",
        "\"2001:db8::31\"",
        1,
    );
    let plan = plan_file::from_ron(&text, "v6.ron", &catalog()).unwrap();
    let (rules, _) = derive(&plan);
    let https = rule(&rules, "any-rp-https-443");
    let v4_https = rule(&rules, "any-edge-sip-443");
    for (row, v6, v4) in [
        (
            "allow,tcp,0.0.0.0/0,0.0.0.0/0,443",
            Coverage::Missing,
            Coverage::Covered,
        ),
        (
            "allow,tcp,any4,any4,443",
            Coverage::Missing,
            Coverage::Covered,
        ),
        (
            "allow,tcp,any4,any,443",
            Coverage::Missing,
            Coverage::Covered,
        ),
        (
            "allow,tcp,::/0,::/0,443",
            Coverage::Covered,
            Coverage::Missing,
        ),
        (
            "allow,tcp,any6,any6,443",
            Coverage::Covered,
            Coverage::Missing,
        ),
        (
            "allow,tcp,any,any,443",
            Coverage::Covered,
            Coverage::Covered,
        ),
        (
            "allow,tcp,any4 any6,any,443",
            Coverage::Covered,
            Coverage::Covered,
        ),
    ] {
        let existing = audit::parse(row).unwrap();
        assert_eq!(audit::coverage(&https, &existing), v6, "{row}");
        assert_eq!(audit::coverage(&v4_https, &existing), v4, "{row}");
    }
}

/// The plan's own CSV, as existing rows, with as many unrelated rows (hosts elsewhere, each
/// port), a deny list of single ports from any to any and `any` rows at the end.
fn firewall_for(plan: &lync_port_planner::plan::Plan) -> Vec<audit::ExistingRule> {
    let mut existing = audit::parse(&export(plan, Format::Csv)).unwrap();
    let n = existing.len();
    let mut extra = String::from(HEADER);
    for i in 0..n {
        let (a, b) = (i / 250 % 250, i % 250);
        extra.push_str(&format!(
            "{},tcp,192.168.{a}.{b},198.18.{b}.{a},{}\n",
            if i % 3 == 0 { "deny" } else { "allow" },
            1 + i % 60_000
        ));
    }
    // A deny list of single ports from any to any, growing with the rule base.
    for i in 0..n / 10 {
        extra.push_str(&format!("deny,udp,any,any,{}\n", 20_000 + i));
    }
    extra.push_str("deny,udp,any,any,any\nallow,tcp,any,203.0.113.0/24,any\n");
    let mut more = audit::parse(&extra).unwrap();
    for e in &mut more {
        e.line += 1_000_000;
    }
    existing.extend(more);
    existing
}

/// The audit's work (rows looked up and pieces compared) grows near-linearly: four times the
/// plan and the rows cost at most five times the comparisons, where rules x rows would be sixteen.
#[test]
fn audit_work_grows_near_linearly() {
    let catalog = catalog();
    let work = |nodes: usize| {
        let plan = lync_port_planner::generate::large_plan(nodes, &catalog).unwrap();
        let existing = firewall_for(&plan);
        let (rules, _) = derive(&plan);
        let (findings, work) = audit::audit_counted(&rules, &existing);
        assert_eq!(count(&findings, FindingKind::MissingRule), 0);
        (rules.rules.len() + existing.len(), work)
    };
    let (small_size, small) = work(100);
    let (large_size, large) = work(400);
    eprintln!("audit work: {small_size} rules+rows -> {small}, {large_size} -> {large}");
    assert!(large_size >= 3 * small_size, "{small_size} -> {large_size}");
    assert!(
        // Work per rule and row at most 1.25 times the small audit's.
        4 * large * small_size as u64 <= 5 * small * large_size as u64,
        "{small} -> {large}"
    );
}

/// Over 1,000,000 rows is refused with the line of the first row too many, before any audit.
#[test]
fn over_a_million_rows_are_refused_before_the_audit() {
    let row = "allow,tcp,10.0.0.1,10.0.0.2,5061\n";
    let at_bound = format!("{HEADER}{}", row.repeat(audit::MAX_AUDIT_ROWS));
    assert_eq!(
        audit::parse(&at_bound).unwrap().len(),
        audit::MAX_AUDIT_ROWS
    );
    let over = format!("{HEADER}{}", row.repeat(audit::MAX_AUDIT_ROWS + 1));
    let err = audit::parse(&over).unwrap_err();
    assert_eq!(err.line, audit::MAX_AUDIT_ROWS + 2, "{err}");
    assert!(err.message.contains("more than 1000000 rows"), "{err}");
}

/// A row naming thousands of sources and destinations is cut by the networks that meet the
/// traffic, never by its whole product (4,000 x 4,000 here).
#[test]
fn a_row_with_long_address_lists_is_not_multiplied_out() {
    let (rules, _) = derive(&example("director-pool-dns-hlb.ron"));
    let sip = rule(&rules, "edge-dir-sip-5061");
    let hosts = |prefix: &str, wanted: &[&str]| {
        let mut list: Vec<String> = (0..4000)
            .map(|i| format!("{prefix}.{}.{}", i / 250, i % 250))
            .collect();
        list.extend(wanted.iter().map(|w| (*w).to_owned()));
        list.join(" ")
    };
    let row = format!(
        "allow,tcp,{},{},5061\n",
        hosts("192.168", &["172.16.10.21"]),
        hosts("198.18", &["10.10.20.11", "10.10.20.12"])
    );
    let existing = audit::parse(&row).unwrap();
    let (_, work) = audit::audit_counted(&rules, &existing);
    assert_eq!(audit::coverage(&sip, &existing), Coverage::Covered);
    assert!(work < 50_000_000, "{work}");
}
