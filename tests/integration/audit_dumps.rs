//! The audit of firewall configurations other than CSV: our own ASA export of every example
//! plan audits clean per firewall, and without one ACE finds exactly the plan rules that ACE
//! carried; the command line's `--against-format` and `--chain`, content detection, and errors
//! that name the file and line; the five-column CSV with port lists, services and ranges.

use std::collections::BTreeSet;

use lync_port_planner::audit::{self, DumpFormat, Target};
use lync_port_planner::export::Format;
use lync_port_planner::findings::{Finding, FindingKind, Subject};
use lync_port_planner::plan::{FirewallId, Plan};
use lync_port_planner::rules::RuleScope;

use crate::support::{cli, derive, example, example_paths, export, root, write_temp};

/// Each firewall's section of an ASA export: what an operator pastes into that firewall.
fn sections(text: &str) -> Vec<(String, String)> {
    text.split("!\n! Firewall ")
        .skip(1)
        .map(|s| {
            let id = s.split_whitespace().next().unwrap().to_owned();
            (id, format!("! Firewall {s}"))
        })
        .collect()
}

/// The audit of firewall `id`'s configuration `text`, for the rules crossing it.
fn audit_asa(plan: &Plan, id: FirewallId, text: &str) -> Vec<Finding> {
    let (rules, _) = derive(plan);
    let scoped = rules.scoped(&RuleScope::Through(plan.firewalls.layout(), id));
    let (format, dump) = audit::read(text, None).unwrap();
    assert_eq!(format, DumpFormat::Asa);
    let target = Target {
        chain: None,
        firewall: Some(id),
    };
    dump.audit(plan, &scoped, &target).unwrap()
}

fn subjects(findings: &[Finding], kinds: &[FindingKind]) -> BTreeSet<String> {
    (findings.iter())
        .filter(|f| kinds.contains(&f.kind))
        .map(|f| match &f.subject {
            Subject::Rule(id) => id.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The plan rule ids of the remarks right above line `at`.
fn remarks_above(lines: &[&str], at: usize) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for line in lines[..at].iter().rev() {
        let Some((_, rest)) = line.split_once(" remark ") else {
            break;
        };
        ids.insert(rest.split_whitespace().next().unwrap().to_owned());
    }
    ids
}

#[test]
fn every_examples_asa_export_audits_clean_and_a_removed_ace_is_missing() {
    let mut aces_removed = 0;
    for path in example_paths() {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let plan = example(&name);
        for (id, section) in sections(&export(&plan, Format::Asa)) {
            let fw = plan.firewalls.find(&id).unwrap();
            let findings = audit_asa(&plan, fw, &section);
            assert!(
                findings.is_empty(),
                "{name} {id}: {:#?}",
                findings.iter().map(|f| &f.message.en).collect::<Vec<_>>()
            );
            let lines: Vec<&str> = section.lines().collect();
            let aces: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains(" extended permit "))
                .collect();
            // The first, middle and last ACE, each removed alone.
            for at in [aces[0], aces[aces.len() / 2], aces[aces.len() - 1]] {
                let ids = remarks_above(&lines, at);
                assert!(!ids.is_empty(), "{name} {id}: {}", lines[at]);
                let mut kept = lines.clone();
                kept.remove(at);
                let without = kept.join("\n") + "\n";
                let findings = audit_asa(&plan, fw, &without);
                let found = [FindingKind::MissingRule, FindingKind::PartialRule];
                assert_eq!(
                    subjects(&findings, &found),
                    ids,
                    "{name} {id}: {}",
                    lines[at]
                );
                // Nothing else, but that an ACL left without an ACE is no ACL.
                let others = (findings.iter())
                    .filter(|f| !f.message.en.starts_with("no ACL is bound"))
                    .count();
                assert_eq!(others, ids.len(), "{name} {id}: {findings:#?}");
                aces_removed += 1;
            }
        }
    }
    assert!(aces_removed >= 30, "{aces_removed}");
}

/// A configuration with the same interface bound to another ACL later is read as the device
/// reads it (the later binding replaces the earlier); the global ACL follows the interface's;
/// an interface without an ACL counts its traffic as dropped, and says so.
#[test]
fn asa_bindings_decide_which_acl_a_rule_is_checked_against() {
    let plan = example("director-pool-dns-hlb.ron");
    let fw = FirewallId::Internal;
    let (_, section) = sections(&export(&plan, Format::Asa))
        .into_iter()
        .find(|(id, _)| id == "internal")
        .unwrap();
    let rebound = format!("{section}access-group NOTHING in interface dmz\n");
    let findings = audit_asa(&plan, fw, &rebound);
    let missing = subjects(&findings, &[FindingKind::MissingRule]);
    assert!(
        missing.contains("edge-dir-sip-5061:edge>dir"),
        "{missing:?}"
    );
    assert!(
        !missing.contains("fe-edge-sip-5061:fe>edge"),
        "inside's ACL still holds it"
    );
    let note = subjects(&findings, &[FindingKind::NotAudited]);
    assert_eq!(note, BTreeSet::from(["plan".to_owned()]), "{findings:#?}");
    // A global ACL allowing everything after the interface ACLs: nothing missing, and its one
    // row is over-permissive.
    let global =
        format!("{rebound}access-list ALL extended permit ip any any\naccess-group ALL global\n");
    let findings = audit_asa(&plan, fw, &global);
    assert!(subjects(&findings, &[FindingKind::MissingRule]).is_empty());
    let over = subjects(&findings, &[FindingKind::OverPermissiveRule]);
    assert_eq!(over.len(), 1, "{findings:#?}");
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_command_line_reads_each_format_and_names_file_and_line() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let seed = seed.to_str().unwrap();
    let save = "*filter\n:FORWARD DROP [0:0]\n:LYNC - [0:0]\n-A FORWARD -j LYNC\n\
        -A LYNC -d 10.10.30.10/32 -p tcp -m multiport --dports 443,4443:4443 -j ACCEPT\n\
        -A LYNC -s 10.0.0.300 -j ACCEPT\nCOMMIT\n";
    let file = write_temp("bad.rules", save.as_bytes());
    let out = cli(&["check", seed, "--against", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let want = format!(
        "error: {}:6: `10.0.0.300` is not an address",
        file.display()
    );
    assert!(err.starts_with(&want), "{err}");
    // Read as an ASA configuration it has no ACL, and an ASA audit needs the firewall.
    let out = cli(&[
        "check",
        seed,
        "--against",
        file.to_str().unwrap(),
        "--against-format",
        "asa",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--firewall (external, internal)"),
        "{}",
        stderr(&out)
    );
    // A chain the file does not have (its name made one line); a format clap does not know.
    let text = save.replace("-s 10.0.0.300 -j ACCEPT", "-i eth1 -j ACCEPT");
    let good = write_temp("good.rules", text.as_bytes());
    let good = good.to_str().unwrap();
    let out = cli(&[
        "check",
        seed,
        "--against",
        good,
        "--chain",
        "NOPE\u{1b}[31m",
    ]);
    let err = stderr(&out);
    assert!(err.contains("no chain `NOPE [31m` in the file"), "{err}");
    let out = cli(&["check", seed, "--against", good, "--against-format", "pf"]);
    assert!(stderr(&out).contains("possible values"), "{}", stderr(&out));
    let out = cli(&["check", seed, "--chain", "LYNC"]);
    assert_eq!(out.status.code(), Some(2), "--chain needs --against");
    // From FORWARD or from the chain: the same missing rules, and the interface match noted
    // with its line.
    let mut counts = Vec::new();
    for args in [
        &["--chain", "LYNC"][..],
        &["--against-format", "iptables-save"],
    ] {
        let mut all = vec!["check", seed, "--against", good];
        all.extend_from_slice(args);
        let out = cli(&all);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            text.contains("warning[unjudged_match] existing:6: existing rule matches on -i eth1"),
            "{text}"
        );
        counts.push(text.matches("error[missing_rule]").count());
    }
    assert!(counts[0] > 10 && counts[0] == counts[1], "{counts:?}");
    // Unknown content.
    let odd = write_temp("odd.txt", b"hello world\n");
    let out = cli(&["check", seed, "--against", odd.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("cannot tell the file's format"), "{err}");
    assert!(err.contains("odd.txt:"), "{err}");
}

/// The five-column form takes port lists, service names and address ranges.
#[test]
fn five_column_rows_take_port_lists_services_and_ranges() {
    let csv = "action,protocol,source,destination,port\n\
        allow,tcp,any,10.10.30.10,\"https 4443;80,8080\"\n\
        allow,tcp,10.10.30.11-10.10.30.13,any,sip-tls\n\
        deny,any,any,any,any\n";
    let rows = audit::parse(csv).unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0].ports.unwrap().from, 443);
    assert!(rows[..4].iter().all(|r| r.line == 2));
    assert_eq!(rows[4].ports.unwrap().from, 5061);
    assert!(matches!(&rows[4].source, audit::Match::Nets(n) if n.len() == 2));
    let e = audit::parse("action,protocol,source,destination,port\nallow,tcp,any,any,nosuch\n")
        .unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("service name"), "{}", e.message);
}

/// The seed's internal chain (from its iptables export) under a FORWARD chain written as `base`
/// (with `{CHAIN}` standing for the chain's name), audited for the internal firewall's rules:
/// the rules missing or partial, and the other findings' kinds.
fn internal_under(base: &str) -> Result<(BTreeSet<String>, Vec<FindingKind>), String> {
    let plan = example("director-pool-dns-hlb.ron");
    let ours: String = (export(&plan, Format::Iptables).lines())
        .filter(|l| l.starts_with("-A LYNC-INTERNAL "))
        .map(|l| format!("{l}\n"))
        .fold(String::new(), |a, b| a + &b);
    let text = format!(
        "*filter\n:FORWARD DROP [0:0]\n:LYNC-INTERNAL - [0:0]\n:SUB - [0:0]\n:SUB2 - [0:0]\n{}{ours}COMMIT\n",
        base.replace("{CHAIN}", "LYNC-INTERNAL")
    );
    let (rules, _) = derive(&plan);
    let id = FirewallId::Internal;
    let scoped = rules.scoped(&RuleScope::Through(plan.firewalls.layout(), id));
    let (_, dump) = audit::read(&text, None).map_err(|e| format!("{}: {}", e.line, e.message))?;
    let findings = dump
        .audit(&plan, &scoped, &Target::default())
        .map_err(|e| format!("{}: {}", e.line, e.message))?;
    let missing = subjects(
        &findings,
        &[FindingKind::MissingRule, FindingKind::PartialRule],
    );
    let others = (findings.iter())
        .filter(|f| !matches!(f.kind, FindingKind::MissingRule | FindingKind::PartialRule))
        .map(|f| f.kind)
        .collect();
    Ok((missing, others))
}

/// The internal firewall's rules on `port`.
fn internal_on(port: u16) -> BTreeSet<String> {
    let plan = example("director-pool-dns-hlb.ron");
    let (rules, _) = derive(&plan);
    let scoped = rules.scoped(&RuleScope::Through(
        plan.firewalls.layout(),
        FirewallId::Internal,
    ));
    (scoped.rules.iter())
        .filter(|r| r.ports.from <= port && port <= r.ports.to)
        .map(|r| r.id().to_string())
        .collect()
}

/// Jumps, returns, gotos, policies and matches the audit cannot judge, as the kernel
/// evaluates them.
#[test]
fn chains_are_followed_as_the_kernel_follows_them() {
    let all = internal_under("").unwrap().0;
    assert!(all.len() > 10, "nothing jumps to the chain: all missing");
    let ok = |base: &str| internal_under(base).unwrap();
    assert_eq!(ok("-A FORWARD -j {CHAIN}\n"), (BTreeSet::new(), vec![]));
    // A RETURN in the base chain ends at the policy (DROP): 5061 never reaches the chain.
    let (missing, _) = ok("-A FORWARD -p tcp --dport 5061 -j RETURN\n-A FORWARD -j {CHAIN}\n");
    assert_eq!(missing, internal_on(5061));
    // The same RETURN inside a chain returns to FORWARD, whose next rule accepts 5061.
    let (missing, _) = ok(
        "-A FORWARD -j SUB\n-A FORWARD -p tcp --dport 5061 -j ACCEPT\n\
        -A SUB -p tcp --dport 5061 -j RETURN\n-A SUB -j {CHAIN}\n",
    );
    assert!(missing.is_empty(), "{missing:?}");
    // A goto'd chain that falls through returns past its caller (SUB), to FORWARD's next rule,
    // not to SUB's DROP.
    let (missing, _) = ok(
        "-A FORWARD -j SUB\n-A FORWARD -p tcp --dport 5061 -j ACCEPT\n\
        -A SUB -p tcp --dport 5061 -g SUB2\n-A SUB -j DROP\n",
    );
    let mut not_5061 = all.clone();
    not_5061.retain(|id| !internal_on(5061).contains(id));
    assert_eq!(missing, not_5061);
    // Jumped to with a narrower match: only that traffic reaches the chain.
    let (missing, _) = ok("-A FORWARD -p tcp -m multiport --dports 5061,443 -j {CHAIN}\n");
    let mut others = all.clone();
    for p in [5061, 443] {
        others.retain(|id| !internal_on(p).contains(id));
    }
    assert_eq!(missing, others);
    // A drop on an interface is counted as dropping, an accept there not as allowing; both
    // are named.
    let (missing, notes) = ok("-A FORWARD -i eth0 -j DROP\n-A FORWARD -j {CHAIN}\n");
    assert_eq!(
        (missing, notes),
        (all.clone(), vec![FindingKind::UnjudgedMatch])
    );
    let (missing, notes) = ok("-A FORWARD -i eth0 -j ACCEPT\n");
    assert_eq!(missing, all);
    assert!(notes.contains(&FindingKind::UnjudgedMatch), "{notes:?}");
    assert!(
        notes.contains(&FindingKind::OverPermissiveRule),
        "{notes:?}"
    );
    // Established traffic is no new connection: it neither covers nor blocks.
    let (missing, notes) = ok("-A FORWARD -m state ! --state NEW -j DROP\n-A FORWARD -j {CHAIN}\n");
    assert_eq!((missing, notes), (BTreeSet::new(), vec![]));
    // A loop is refused with the line of the jump that closes it.
    let e = internal_under("-A FORWARD -j SUB\n-A SUB -j SUB\n").unwrap_err();
    assert!(e.starts_with("7: jump loop: FORWARD -> SUB -> SUB"), "{e}");
}
