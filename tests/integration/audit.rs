//! Auditing an existing firewall against the plan, in the core and on the command line.

use lync_port_planner::audit::{self, Coverage};
use lync_port_planner::export::Format;
use lync_port_planner::findings::{FindingKind, Subject};

use crate::support::{cli, derive, example, export, root, write_temp};

fn seed_csv() -> String {
    export(&example("director-pool-dns-hlb.ron"), Format::Csv)
}

fn kinds(csv: &str) -> Vec<(FindingKind, Subject)> {
    let (rules, _) = derive(&example("director-pool-dns-hlb.ron"));
    let existing = audit::parse(csv).expect("valid CSV");
    audit::audit(&rules, &existing)
        .into_iter()
        .map(|f| (f.kind, f.subject))
        .collect()
}

#[test]
fn the_plans_own_csv_audits_clean() {
    assert_eq!(kinds(&seed_csv()), []);
}

/// A CSV exported before the `sources` column was added (16 columns) still audits as ours.
/// The seed's CSV with each line's fields changed by `edit`, every field quoted.
fn reshaped(edit: impl Fn(&mut Vec<String>)) -> String {
    seed_csv()
        .replace('\u{feff}', "")
        .lines()
        .map(|line| {
            let records = lync_port_planner::audit::csv::parse(line).unwrap();
            let mut fields = records[0].fields.clone();
            edit(&mut fields);
            let quoted: Vec<String> = fields
                .iter()
                .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                .collect();
            quoted.join(",") + "\r\n"
        })
        .collect()
}

/// Our CSV is read by its header's names: the column sets of earlier versions (without
/// `product`, without `sources` either) and any column order audit clean.
#[test]
fn our_csv_is_read_by_header_name_in_any_shape() {
    assert!(
        seed_csv()
            .lines()
            .next()
            .unwrap()
            .ends_with(",sources,product")
    );
    let without_product = reshaped(|f| {
        f.pop();
    });
    assert_eq!(kinds(&without_product), []);
    let without_sources = reshaped(|f| {
        f.truncate(f.len() - 2);
    });
    assert_eq!(kinds(&without_sources), []);
    let reversed = reshaped(|f| f.reverse());
    assert!(
        reversed.starts_with("\"product\",\"sources\""),
        "{reversed}"
    );
    assert_eq!(kinds(&reversed), []);
    // A column the audit reads, given twice, is refused: which one would count?
    let twice = reshaped(|f| {
        let port = f[12].clone();
        f.push(port);
    });
    let e = audit::parse(&twice).unwrap_err();
    assert!(e.message.contains("column `port_from` twice"), "{e}");
}

/// A row shorter or longer than its header is refused with its line, whatever the column order;
/// a diff's CSV is not taken for a firewall's rules.
#[test]
fn rows_must_match_their_header_and_a_diff_is_refused() {
    let reversed = reshaped(|f| f.reverse());
    let mut lines: Vec<&str> = reversed.lines().collect();
    lines[2] = "\"tcp\",\"443\"";
    let short = lines.join("\n");
    let e = audit::parse(&short).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("expected 18 columns"), "{e}");
    let plain = "comment,action,protocol,source,destination,port\nallow,tcp,10.0.0.1\n";
    assert_eq!(audit::parse(plain).unwrap_err().line, 2);
    let diff = format!("change,{}", seed_csv().replace('\u{feff}', ""));
    let e = audit::parse(&diff).unwrap_err();
    assert!(e.message.contains("this is a diff"), "{e}");
}

/// The five-column form's header is read by name too, with its columns in any order.
#[test]
fn the_five_column_header_is_read_by_name() {
    let ordered = "action,protocol,source,destination,port\nallow,tcp,10.0.0.1,10.0.0.2,443\n";
    let shuffled = "Port, Destination,SOURCE,protocol,action\n443,10.0.0.2,10.0.0.1,tcp,allow\n";
    assert_eq!(
        audit::parse(ordered).unwrap(),
        audit::parse(shuffled).unwrap()
    );
    let extra =
        "comment,action,protocol,source,destination,port\nweb,allow,tcp,10.0.0.1,10.0.0.2,443\n";
    assert_eq!(
        audit::parse(extra).unwrap()[0].ports,
        audit::parse(ordered).unwrap()[0].ports
    );
}

#[test]
fn deleting_any_one_row_gives_exactly_one_missing_rule() {
    for plan in ["director-pool-dns-hlb.ron", "scaled-edge-hlb.ron"] {
        let (rules, _) = derive(&example(plan));
        let csv = export(&example(plan), Format::Csv);
        let lines: Vec<&str> = csv.split_inclusive("\r\n").collect();
        let mut still_allowed = Vec::new();
        for removed in 1..lines.len() {
            let id = lines[removed].split(',').next().unwrap();
            let without: String = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != removed)
                .map(|(_, l)| *l)
                .collect();
            let existing = audit::parse(&without).unwrap();
            let found: Vec<_> = audit::audit(&rules, &existing)
                .into_iter()
                .map(|f| (f.kind, f.subject))
                .collect();
            if found.is_empty() {
                still_allowed.push(id.split(':').next().unwrap().to_owned());
            } else {
                assert_eq!(
                    found,
                    [(FindingKind::MissingRule, Subject::Rule(id.to_owned()))],
                    "{plan}: without row {removed}"
                );
            }
        }
        // Client app sharing (TCP 49152-65535) to the Front End is exactly the union of the audio
        // (49152-57500) and video (57501-65535) TCP ranges to the same servers, so each of those
        // three rows is still allowed by the other two; every other row is needed on its own.
        assert_eq!(
            still_allowed,
            [
                "clients-fe-appsharing-tcp",
                "clients-fe-audio-tcp",
                "clients-fe-video-tcp"
            ],
            "{plan}"
        );
    }
}

#[test]
fn any_any_is_over_permissive() {
    // Plain rows cannot be mixed into our own CSV form.
    assert!(audit::parse(&format!("{}allow,tcp,any,any,1-65535\r\n", seed_csv())).is_err());
    let found = kinds("action,protocol,source,destination,port\nallow,tcp,any,any,1-65535\n");
    assert!(
        found
            .iter()
            .any(|(k, s)| *k == FindingKind::OverPermissiveRule && *s == Subject::Existing(2)),
        "{found:?}"
    );
}

#[test]
fn one_of_two_director_members_is_partial() {
    let (rules, _) = derive(&example("director-pool-dns-hlb.ron"));
    let sip = rules
        .rules
        .iter()
        .find(|r| r.requirement() == "edge-dir-sip-5061")
        .unwrap();
    let existing = audit::parse("allow,tcp,172.16.10.21,10.10.20.11,5061\n").unwrap();
    assert_eq!(audit::coverage(sip, &existing), Coverage::Partial);
    let both = audit::parse("allow,tcp,172.16.10.21,10.10.20.11 10.10.20.12,5061\n").unwrap();
    assert_eq!(audit::coverage(sip, &both), Coverage::Covered);
    let subnet = audit::parse("permit,tcp,172.16.10.0/24,10.10.20.0/24,5061\n").unwrap();
    assert_eq!(audit::coverage(sip, &subnet), Coverage::Covered);
    let found = kinds("allow,tcp,172.16.10.21,10.10.20.11,5061\n");
    assert!(
        found.contains(&(
            FindingKind::PartialRule,
            Subject::Rule(sip.id().to_string())
        )),
        "{found:?}"
    );
}

#[test]
fn a_range_split_over_two_rules_is_covered_and_a_deny_does_not_count() {
    let (rules, _) = derive(&example("director-pool-dns-hlb.ron"));
    let rtp = rules
        .rules
        .iter()
        .find(|r| r.requirement() == "edge-any-rtp-50000-tcp")
        .unwrap();
    let split = audit::parse(
        "allow,tcp,172.16.20.23,any,50000-54999\nallow,tcp,172.16.20.23,any,55000:59999\n",
    )
    .unwrap();
    assert_eq!(audit::coverage(rtp, &split), Coverage::Covered);
    let half = audit::parse("allow,tcp,172.16.20.23,any,50000-54999\n").unwrap();
    assert_eq!(audit::coverage(rtp, &half), Coverage::Partial);
    let deny = audit::parse("deny,tcp,172.16.20.23,any,50000-59999\n").unwrap();
    assert_eq!(audit::coverage(rtp, &deny), Coverage::Missing);
}

#[test]
fn unrelated_rule_is_extra() {
    let found = kinds("allow,udp,192.168.1.1,192.168.1.2,161\n");
    assert!(
        found.contains(&(FindingKind::ExtraRule, Subject::Existing(1))),
        "{found:?}"
    );
}

#[test]
fn malformed_rows_are_refused_with_their_line() {
    for (text, line) in [
        (
            "allow,tcp,10.0.0.1,10.0.0.2,5061\nallow,tcp,10.0.0.300,any,5061\n",
            2,
        ),
        ("allow,tcp,any,any\n", 1),
        ("maybe,tcp,any,any,80\n", 1),
        ("allow,icmp,any,any,80\n", 1),
        ("allow,tcp,any,any,0\n", 1),
        ("allow,tcp,any,any,80\n\"unterminated,tcp,any,any,80\n", 2),
    ] {
        let err = audit::parse(text).expect_err(text);
        assert_eq!(err.line, line, "{text:?}: {err}");
    }
}

#[test]
fn cli_check_against_exits_1_on_a_missing_rule() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let seed = seed.to_str().unwrap();
    let clean = write_temp("existing.csv", seed_csv().as_bytes());
    let out = cli(&["check", seed, "--against", clean.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let csv = seed_csv();
    let without: String = csv
        .split_inclusive("\r\n")
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, l)| l)
        .collect();
    let missing = write_temp("existing.csv", without.as_bytes());
    let out = cli(&[
        "check",
        seed,
        "--against",
        missing.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let missing_rules = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "missing_rule")
        .count();
    assert_eq!(missing_rules, 1);
    let bad = write_temp(
        "bad.csv",
        b"allow,tcp,any,any,5061\nallow,tcp,nowhere,any,5061\n",
    );
    let out = cli(&["check", seed, "--against", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.csv:2: `nowhere` is not an IP address"),
        "{stderr}"
    );
}
