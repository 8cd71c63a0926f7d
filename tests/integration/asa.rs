//! The Cisco ASA export as an ASA administrator applies it: object groups, one ACL per
//! interface the traffic enters bound by `access-group`, NAT objects for a NAT'd Edge. Read by
//! ciscoconfparse2 (PyPI) and checked against Cisco's documented grammar (`asa_check.py`), and
//! expanded back into flows that must be exactly the plan's rules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use lync_port_planner::export::Format;
use lync_port_planner::plan::{FirewallDevice, Firewalls, Plan};
use lync_port_planner::rules::{Addresses, Rule};
use lync_port_planner::topology::Zone;

use crate::support::{cli, derive, example, example_paths, export, root, temp_dir};

/// The Python with ciscoconfparse2: `LPP_ASA_PYTHON`, the virtualenv `.ci/run` makes
/// (`target/asa-venv`), or `python3`; `None` (a failure under CI) when none imports it.
fn checker_python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("LPP_ASA_PYTHON").map(PathBuf::from),
        Some(root().join("target/asa-venv/bin/python")),
        Some(PathBuf::from("python3")),
    ];
    let found = candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", "import ciscoconfparse2"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").is_err(),
            "ciscoconfparse2 is required in CI (.ci/run installs it in target/asa-venv)"
        );
        eprintln!("SKIPPED: no Python with ciscoconfparse2 (set LPP_ASA_PYTHON)");
    }
    found
}

/// Run `asa_check.py` on files: its JSON counts per file, or its problems.
fn check_files(python: &PathBuf, files: &[PathBuf]) -> Result<serde_json::Value, String> {
    let out = Command::new(python)
        .arg(root().join("tests/integration/asa_check.py"))
        .args(files)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The example plans, the three-legged fixture, a generated 300-node plan and the plans the
/// exports tests use for hostile text and large nodes.
fn plans() -> Vec<(String, Plan)> {
    let catalog = crate::support::catalog();
    let mut plans: Vec<(String, Plan)> = example_paths()
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (
                name,
                lync_port_planner::plan_file::load(p, &catalog).unwrap(),
            )
        })
        .collect();
    let fixture = root().join("tests/fixtures/format-v2.ron");
    plans.push((
        "format-v2".to_owned(),
        lync_port_planner::plan_file::load(&fixture, &catalog).unwrap(),
    ));
    let generated = temp_dir().join("g.ron");
    let out = cli(&["gen-plan", "300", "--output", generated.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    plans.push((
        "generated-300".to_owned(),
        lync_port_planner::plan_file::load(&generated, &catalog).unwrap(),
    ));
    plans.push(("hostile".to_owned(), crate::exports::hostile_plan()));
    plans.push(("large-node".to_owned(), crate::exports::large_node_plan()));
    plans
}

#[test]
fn every_asa_export_parses_with_ciscoconfparse2_in_the_documented_grammar() {
    let Some(python) = checker_python() else {
        return;
    };
    let dir = temp_dir();
    let mut files = Vec::new();
    for (name, plan) in plans() {
        let path = dir.join(format!("{name}.asa.txt"));
        std::fs::write(&path, export(&plan, Format::Asa)).unwrap();
        files.push(path);
    }
    let counts = check_files(&python, &files).unwrap_or_else(|e| panic!("{e}"));
    for path in &files {
        let c = &counts[path.to_str().unwrap()];
        assert!(c["aces"].as_u64().unwrap() > 0, "{}: {c}", path.display());
        assert!(c["groups"].as_u64().unwrap() > 0, "{}: {c}", path.display());
    }
    let seed = &counts[dir.join("director-pool-dns-hlb.asa.txt").to_str().unwrap()];
    assert_eq!(seed["aces"], 17, "{seed}");
    assert_eq!(
        (seed["acls"].as_u64(), seed["sections"].as_u64()),
        (Some(4), Some(2))
    );
    let nat = &counts[dir.join("single-edge-nat.asa.txt").to_str().unwrap()];
    assert_eq!(nat["nat"], 3, "{nat}");
    let three = &counts[dir.join("format-v2.asa.txt").to_str().unwrap()];
    assert_eq!(
        (three["acls"].as_u64(), three["sections"].as_u64()),
        (Some(3), Some(1))
    );
}

/// The checker can fail: an unbound ACL, an undefined group, a group of the wrong kind, a
/// token outside the grammar and a line ciscoconfparse2 cannot read are each refused.
#[test]
fn the_asa_checker_refuses_broken_configurations() {
    let Some(python) = checker_python() else {
        return;
    };
    let good = export(&example("single-edge-nat.ron"), Format::Asa);
    let dir = temp_dir();
    let control = dir.join("good.txt");
    std::fs::write(&control, &good).unwrap();
    assert!(check_files(&python, std::slice::from_ref(&control)).is_ok());
    let first = |prefix: &str| {
        good.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap()
            .to_owned()
    };
    let bind = first("access-group ");
    let group = first("object-group network ");
    let ace = first("access-list LYNC-EXTERNAL-INTERNET-IN extended ");
    let service = first("object-group service ");
    let svc_name = service.split(' ').nth(2).unwrap();
    let net_name = group.split(' ').nth(2).unwrap();
    let cases = [
        (
            good.replace(&format!("{bind}\n"), ""),
            "bound by no access-group",
        ),
        (
            good.replacen(&format!("{group}\n"), "", 1),
            "not defined above",
        ),
        (
            format!("{good}route outside 0.0.0.0 0.0.0.0 192.0.2.1\n"),
            "not in the documented grammar",
        ),
        (
            good.replace(&ace, &ace.replace(" eq ", " eq 1 2 ")),
            "ciscoconfparse2",
        ),
        (
            good.replace(
                &ace,
                &format!(
                    "{ace}\n{}",
                    ace.replace(" any4 ", &format!(" object-group {svc_name} "))
                ),
            ),
            "network group",
        ),
        (
            good.replace(
                &ace,
                &format!(
                    "{ace}\naccess-list X extended permit tcp any4 object-group {net_name} lt"
                ),
            ),
            "ciscoconfparse2",
        ),
        (
            good.replace(" nat (dmz,outside) static", " nat (dmz,outside) dynamic"),
            "not a NAT object line",
        ),
    ];
    for (n, (text, want)) in cases.iter().enumerate() {
        assert_ne!(text, &good, "case {n} changed nothing");
        let path = dir.join(format!("bad-{n}.txt"));
        std::fs::write(&path, text).unwrap();
        let err = check_files(&python, &[path]).expect_err(want);
        assert!(err.contains(want), "case {n}: {err}");
    }
}

/// One flow an ACE permits: ACL, protocol, source, destination, port operand.
type Flow = (String, String, String, String, String);

/// Every flow the export's ACEs permit, object groups expanded.
fn permitted(text: &str) -> BTreeSet<Flow> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = None;
    let mut flows = BTreeSet::new();
    for line in text.lines() {
        if let Some(member) = line
            .strip_prefix(" network-object ")
            .or_else(|| line.strip_prefix(" port-object "))
        {
            let name: &String = current.as_ref().unwrap();
            groups.get_mut(name).unwrap().push(member.to_owned());
            continue;
        }
        current = None;
        if let Some(rest) = line.strip_prefix("object-group ") {
            let name = rest.split(' ').nth(1).unwrap().to_owned();
            groups.insert(name.clone(), Vec::new());
            current = Some(name);
        }
        let Some(rest) = line.strip_prefix("access-list ") else {
            continue;
        };
        let words: Vec<&str> = rest.split(' ').collect();
        if words[1] != "extended" {
            continue;
        }
        // NAME extended permit PROTO SRC DST PORT, each operand one or two words.
        let mut at = 4;
        let mut operand = || {
            let w = words[at];
            let two =
                matches!(w, "host" | "object-group" | "eq") || w.contains('.') && !w.contains('/');
            let range = w == "range";
            let n = if range {
                3
            } else if two {
                2
            } else {
                1
            };
            let text = words[at..at + n].join(" ");
            at += n;
            match text.strip_prefix("object-group ") {
                Some(name) => groups[name].clone(),
                None => vec![text],
            }
        };
        let (sources, destinations, ports) = (operand(), operand(), operand());
        for s in &sources {
            for d in &destinations {
                for p in &ports {
                    let flow = (words[0], words[3], s, d, p);
                    flows.insert((
                        flow.0.into(),
                        flow.1.into(),
                        s.clone(),
                        d.clone(),
                        p.clone(),
                    ));
                }
            }
        }
    }
    flows
}

/// An address as the ACL writes it.
fn operand(net: &lync_port_planner::net::IpNet) -> String {
    if net.is_host() {
        format!("host {}", net.addr)
    } else if let Some(mask) = net.ipv4_mask() {
        format!("{} {mask}", net.addr)
    } else {
        net.to_string()
    }
}

/// The ACL a rule's traffic enters firewall `fw` by, on the plan's legs (outside in): the leg
/// facing the source's zone, else the outermost leg for inbound traffic, the innermost for
/// outbound.
fn acl_for(fw: &lync_port_planner::plan::FirewallView<'_>, rule: &Rule) -> String {
    let zones: Vec<Zone> = fw.interfaces.iter().map(|(z, _)| *z).collect();
    let (from, to) = (rule.source.zone, rule.destination.zone);
    let zone = if zones.contains(&from) {
        from
    } else if from < to {
        zones[0]
    } else {
        *zones.last().unwrap()
    };
    format!(
        "LYNC-{}-{}-IN",
        fw.id.as_str().to_uppercase(),
        zone.as_str().to_uppercase()
    )
}

/// The flows the plan's rules need, on every firewall each crosses.
fn required(plan: &Plan) -> BTreeSet<Flow> {
    let (rules, _) = derive(plan);
    let layout = plan.firewalls.layout();
    let mut flows = BTreeSet::new();
    for fw in plan.firewalls.list() {
        for rule in rules
            .through(layout, fw.id)
            .inbound
            .iter()
            .chain(&rules.through(layout, fw.id).outbound)
        {
            if rule.is_unresolved() || rule.is_mixed_family() {
                continue;
            }
            let ends = |a: &Addresses, ipv4: bool| match a {
                Addresses::Any => vec![if ipv4 { "any4" } else { "any6" }.to_owned()],
                Addresses::List(l) => l
                    .iter()
                    .filter(|n| n.is_ipv4() == ipv4)
                    .map(operand)
                    .collect(),
            };
            let port = if rule.ports.is_single() {
                format!("eq {}", rule.ports.from)
            } else {
                format!("range {} {}", rule.ports.from, rule.ports.to)
            };
            for ipv4 in [true, false] {
                for s in ends(&rule.source.addresses, ipv4) {
                    for d in ends(&rule.destination.addresses, ipv4) {
                        if !ipv4 && s == "any6" && d == "any6" {
                            continue;
                        }
                        flows.insert((
                            acl_for(&fw, rule),
                            rule.transport.as_str().to_owned(),
                            s.clone(),
                            d,
                            port.clone(),
                        ));
                    }
                }
            }
        }
    }
    flows
}

/// Grouping changes no flow: the ACEs, groups expanded, permit exactly the rules' flows on the
/// ACL of the interface each enters, on every firewall it crosses (a rule between the Internet
/// and the internal network on both back-to-back firewalls).
#[test]
fn asa_acls_permit_exactly_the_rules_on_the_interface_they_enter() {
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &crate::support::catalog()).unwrap();
        let text = export(&plan, Format::Asa);
        assert_eq!(permitted(&text), required(&plan), "{}", path.display());
    }
    let seed = export(&example("director-pool-dns-hlb.ron"), Format::Asa);
    let under = |acl: &str, id: &str| seed.contains(&format!("access-list {acl} remark {id} "));
    assert!(under(
        "LYNC-EXTERNAL-INTERNET-IN",
        "any-rp-https-443:any>rp"
    ));
    assert!(under(
        "LYNC-EXTERNAL-PERIMETER-IN",
        "edge-any-dns-53-tcp:edge>any"
    ));
    assert!(under(
        "LYNC-INTERNAL-PERIMETER-IN",
        "rp-dir-https-4443:rp>dir"
    ));
    assert!(under(
        "LYNC-INTERNAL-INTERNAL-IN",
        "fe-edge-sip-5061:fe>edge"
    ));
    // Five ports from the Front End pool to the Edge: one ACE with a service group.
    assert!(seed.contains(
        "access-list LYNC-INTERNAL-INTERNAL-IN extended permit tcp object-group LYNC-FE-SERVER object-group LYNC-EDGE-INTERNAL_INTERFACE object-group LYNC-TCP-4443-5061-5062-8057\n"
    ));
    assert!(
        seed.contains("object-group network LYNC-FE-SERVER\n network-object host 10.10.30.11\n")
    );
}

/// The plan's interface names are the `nameif`s the ACLs and NAT objects are bound to.
#[test]
fn interface_names_come_from_the_plan() {
    let mut plan = example("single-edge-nat.ron");
    plan.firewalls = Firewalls::BackToBack {
        external: FirewallDevice {
            name: "Edge ASA".to_owned(),
            outside: "internet".to_owned(),
            inside: "perimeter-a".to_owned(),
        },
        internal: FirewallDevice {
            name: "Core ASA".to_owned(),
            outside: "perimeter-b".to_owned(),
            inside: "servers".to_owned(),
        },
    };
    let text = export(&plan, Format::Asa);
    let binds: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("access-group "))
        .collect();
    assert_eq!(
        binds,
        [
            "access-group LYNC-EXTERNAL-INTERNET-IN in interface internet",
            "access-group LYNC-EXTERNAL-PERIMETER-IN in interface perimeter-a",
            "access-group LYNC-INTERNAL-PERIMETER-IN in interface perimeter-b",
            "access-group LYNC-INTERNAL-INTERNAL-IN in interface servers",
        ]
    );
    assert!(text.contains(
        "! Firewall external (Edge ASA): interfaces internet (internet), perimeter-a (perimeter)\n"
    ));
    assert!(text.contains(
        "object network LYNC-NAT-EDGE-1-ACCESS_EDGE\n host 172.20.20.21\n nat (perimeter-a,internet) static 203.0.113.20\n"
    ));
    // One three-legged firewall: three ACLs, the NAT on its perimeter leg.
    plan.firewalls = Firewalls::three_legged();
    let text = export(&plan, Format::Asa);
    assert_eq!(text.matches("\naccess-group ").count(), 3, "{text}");
    assert_eq!(text.matches(" nat (dmz,outside) static ").count(), 3);
}

/// Only a NAT'd Edge gets NAT objects: one per private address with a public one.
#[test]
fn a_natd_edge_gets_one_static_nat_object_per_public_address() {
    let nat = export(&example("single-edge-nat.ron"), Format::Asa);
    for (private, public) in [
        ("172.20.20.21", "203.0.113.20"),
        ("172.20.20.22", "203.0.113.21"),
        ("172.20.20.23", "203.0.113.22"),
    ] {
        assert!(
            nat.contains(&format!(
                " host {private}\n nat (dmz,outside) static {public}\n"
            )),
            "{private}"
        );
    }
    assert_eq!(nat.matches("object network ").count(), 3);
    let public = export(&example("single-edge-public.ron"), Format::Asa);
    assert!(!public.contains("object network") && !public.contains(" nat ("));
}

/// What the hostile-text tests accept as an ASA line: a comment, or one of the commands the
/// export writes, each under its own head word (the full grammar is `asa_check.py`).
pub fn is_asa_line(line: &str) -> bool {
    line.starts_with('!')
        || [
            "access-list ",
            "access-group ",
            "object-group network ",
            "object-group service ",
            "object network ",
            " network-object ",
            " port-object ",
            " host ",
            " nat (",
        ]
        .iter()
        .any(|p| line.starts_with(p))
}

/// `--firewall internal` writes the internal firewall's section alone: its rules also cross the
/// external firewall, whose section a scoped export must not carry (it once did).
#[test]
fn a_firewall_scope_writes_that_firewalls_section_alone() {
    let plan = root().join("saved-plans/director-pool-dns-hlb.ron");
    let path = plan.to_str().unwrap();
    let sections = |args: &[&str]| -> Vec<String> {
        let out = cli(&[&["export", path, "--format", "asa"], args].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (String::from_utf8(out.stdout).unwrap().lines())
            .filter_map(|l| l.strip_prefix("! Firewall "))
            .map(|l| l.split(' ').next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(sections(&[]), ["external", "internal"]);
    assert_eq!(sections(&["--firewall", "internal"]), ["internal"]);
    assert_eq!(sections(&["--firewall", "external"]), ["external"]);
}
