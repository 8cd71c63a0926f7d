//! The port-test kit (`export --format port-test`): every PowerShell script of every example's
//! kit parses with tree-sitter-powershell and passes only parameters Microsoft documents for
//! each cmdlet it runs (or that the script's own functions declare); every bash script passes
//! `bash -n`; ranges are sampled at their ends and between; untestable rules are listed with
//! why; results read back by `check --test-results`, bad files refused on one bounded line.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use lync_port_planner::porttest;

use crate::support::{cli, derive, example, example_paths, temp_dir, write_temp};

/// The parameters of every cmdlet the scripts run, from Microsoft's Windows PowerShell 5.1
/// reference (the Syntax section of each page; common parameters apart).
const CMDLETS: [(&str, &str, &[&str]); 6] = [
    (
        "Export-Csv",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/export-csv?view=powershell-5.1",
        &[
            "Path",
            "Delimiter",
            "InputObject",
            "LiteralPath",
            "Force",
            "NoClobber",
            "Encoding",
            "Append",
            "UseCulture",
            "NoTypeInformation",
            "WhatIf",
            "Confirm",
        ],
    ),
    (
        "New-Object",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/new-object?view=powershell-5.1",
        &[
            "TypeName",
            "ArgumentList",
            "Property",
            "ComObject",
            "Strict",
        ],
    ),
    (
        "Set-StrictMode",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/set-strictmode?view=powershell-5.1",
        &["Version", "Off"],
    ),
    (
        "Start-Sleep",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/start-sleep?view=powershell-5.1",
        &["Seconds", "Milliseconds"],
    ),
    (
        "Write-Host",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-host?view=powershell-5.1",
        &[
            "Object",
            "NoNewline",
            "Separator",
            "ForegroundColor",
            "BackgroundColor",
        ],
    ),
    (
        "Get-Date",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-date?view=powershell-5.1",
        &[
            "Date",
            "Year",
            "Month",
            "Day",
            "Hour",
            "Minute",
            "Second",
            "Millisecond",
            "DisplayHint",
            "Format",
            "UFormat",
        ],
    ),
];

/// Every cmdlet's common parameters (about_CommonParameters, 5.1).
const COMMON: [&str; 11] = [
    "Debug",
    "ErrorAction",
    "ErrorVariable",
    "InformationAction",
    "InformationVariable",
    "OutBuffer",
    "OutVariable",
    "PipelineVariable",
    "Verbose",
    "WarningAction",
    "WarningVariable",
];

fn kids(node: tree_sitter::Node<'_>) -> Vec<tree_sitter::Node<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

/// The script's commands with the parameters passed to each, and its own functions with the
/// parameters they declare; panics on a parse error.
fn commands(
    label: &str,
    text: &str,
) -> (
    BTreeMap<String, BTreeSet<String>>,
    BTreeMap<String, BTreeSet<String>>,
) {
    crate::powershell::parse(label, text);
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(text, None).unwrap();
    let source = |n: tree_sitter::Node<'_>| n.utf8_text(text.as_bytes()).unwrap().to_owned();
    let (mut used, mut declared) = (BTreeMap::new(), BTreeMap::new());
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        let children = kids(node);
        match node.kind() {
            "command" => {
                let name = (children.iter())
                    .find(|c| c.kind() == "command_name")
                    .map(|c| source(*c))
                    .unwrap_or_default();
                let params: &mut BTreeSet<String> = used.entry(name).or_default();
                let mut inner = children.clone();
                while let Some(n) = inner.pop() {
                    if n.kind() == "command_parameter" {
                        params.insert(
                            source(n)
                                .trim_start_matches('-')
                                .trim_end_matches(':')
                                .to_owned(),
                        );
                    } else if n.kind() == "command_elements" {
                        inner.extend(kids(n));
                    }
                }
            }
            "function_statement" => {
                let name = (children.iter())
                    .find(|c| c.kind() == "function_name")
                    .map(|c| source(*c))
                    .unwrap();
                let mut params = BTreeSet::new();
                let mut inner = children.clone();
                while let Some(n) = inner.pop() {
                    if n.kind() == "script_parameter" {
                        let var = (kids(n).into_iter())
                            .find(|c| c.kind() == "variable")
                            .map(&source)
                            .unwrap();
                        params.insert(var.trim_start_matches('$').to_owned());
                    } else if n.kind() != "function_statement" {
                        inner.extend(kids(n));
                    }
                }
                declared.insert(name, params);
            }
            _ => {}
        }
        stack.extend(children);
    }
    (used, declared)
}

/// The parameters a script passes that its cmdlet (or its function) does not have.
fn undocumented(label: &str, text: &str) -> Vec<String> {
    let (used, declared) = commands(label, text);
    let mut out = Vec::new();
    for (name, params) in &used {
        let known: BTreeSet<&str> = match (CMDLETS.iter().find(|c| c.0 == name), declared.get(name))
        {
            (Some((_, _, documented)), _) => documented.iter().chain(&COMMON).copied().collect(),
            (None, Some(own)) => own.iter().map(String::as_str).collect(),
            (None, None) => {
                out.push(format!(
                    "{label}: {name} is neither a documented cmdlet nor the script's"
                ));
                continue;
            }
        };
        for p in params {
            if !known.iter().any(|k| k.eq_ignore_ascii_case(p)) {
                out.push(format!("{label}: {name} -{p}"));
            }
        }
    }
    out
}

/// The kit of a plan file, by file name.
fn kit_of(plan: &lync_port_planner::plan::Plan) -> BTreeMap<String, String> {
    let (rules, _) = derive(plan);
    (porttest::render(plan, &rules).into_iter())
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// True when shellcheck is there (required in CI: .ci/run installs it).
fn shellcheck() -> bool {
    static FOUND: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FOUND.get_or_init(|| {
        let found = crate::support::require_tool("shellcheck");
        assert!(
            found || std::env::var_os("CI").is_none(),
            "CI needs shellcheck"
        );
        found
    })
}

fn extension(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or_default()
}

/// Every script of a kit: PowerShell parsed and its parameters documented, bash `bash -n`.
pub fn check_kit(label: &str, kit: &BTreeMap<String, String>) {
    let mut bad = Vec::new();
    for (name, text) in kit {
        let label = format!("{label}/{name}");
        if extension(name) == "ps1" {
            bad.extend(undocumented(&label, text));
        } else if extension(name) == "sh" {
            let file = write_temp("kit.sh", text.as_bytes());
            let out = Command::new("bash").arg("-n").arg(&file).output().unwrap();
            assert!(
                out.status.success(),
                "{label}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            if !shellcheck() {
                continue;
            }
            let out = Command::new("shellcheck").arg(&file).output().unwrap();
            assert!(
                out.status.success(),
                "{label}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// A kit's files with comment lines left out: what runs and what it reads.
pub fn kit_code(plan: &lync_port_planner::plan::Plan) -> BTreeMap<String, String> {
    (kit_of(plan).into_iter())
        .map(|(name, text)| {
            let code: Vec<&str> = (text.lines())
                .filter(|l| name == "README.txt" || !l.trim_start().starts_with('#'))
                .filter(|l| !(name == "README.txt" && l.starts_with("Port-test kit of plan")))
                .collect();
            (name, code.join("\n"))
        })
        .collect()
}

/// A kit of a plan whose every label is `hostile` (the hostile corpus of `exports`): it parses,
/// passes documented parameters only, is printable ASCII, and apart from comments is the same
/// kit as with plain labels (user text never becomes code or data).
pub fn check_hostile_kit(
    n: usize,
    plan: &lync_port_planner::plan::Plan,
    baseline: &BTreeMap<String, String>,
) {
    let kit = kit_of(plan);
    check_kit(&format!("corpus {n}"), &kit);
    for (name, text) in &kit {
        assert!(
            text.bytes()
                .all(|b| b == b'\n' || b == b'\r' || (b' '..=b'~').contains(&b)),
            "corpus {n}: {name} has a byte outside printable ASCII"
        );
        assert!(
            text.lines().all(|l| l.len() < 400),
            "corpus {n}: {name} has a long line"
        );
    }
    assert_eq!(
        &kit_code(plan),
        baseline,
        "corpus {n}: user text changed the kit's code"
    );
}

#[test]
fn every_examples_kit_parses_with_documented_parameters_only() {
    let mut scripts = 0;
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &crate::support::catalog()).unwrap();
        let kit = kit_of(&plan);
        assert!(kit.contains_key("README.txt"));
        scripts += kit.keys().filter(|k| extension(k) == "ps1").count();
        check_kit(&path.display().to_string(), &kit);
        // The walk finds the parameters the scripts pass (the check has something to check).
        let fe = (plan.nodes.iter())
            .find(|(_, n)| n.role == "front_end")
            .map(|(id, _)| format!("listen-{}.ps1", id.0))
            .unwrap();
        let (used, declared) = commands("t", &kit[&fe]);
        assert!(used["New-Object"].contains("TypeName"), "{used:?}");
        assert!(used["Start-Sleep"].contains("Milliseconds"), "{used:?}");
        assert!(declared["New-StunAnswer"].contains("From"), "{declared:?}");
    }
    assert!(scripts > 20, "{scripts}");
}

/// The check above fails on a parameter no page documents, a misspelt one, an unknown command.
#[test]
fn the_parameter_check_catches_undocumented_parameters() {
    let text = "function Test-It { param([string]$Address) }\nTest-It -Address x -Port 1\nExport-Csv -Paht x -NoTypeInformation\nStart-Sleep -Milliseconds 5 -Verbose\nInvoke-Thing -X 1\n";
    let bad = undocumented("t", text);
    assert_eq!(
        bad,
        [
            "t: Export-Csv -Paht",
            "t: Invoke-Thing is neither a documented cmdlet nor the script's",
            "t: Test-It -Port",
        ],
        "{bad:?}"
    );
}

#[test]
fn ranges_are_sampled_and_untestable_rules_listed() {
    assert_eq!(
        porttest::sample_ports(50000, 59999),
        [50000, 52499, 54999, 57499, 59999]
    );
    assert_eq!(porttest::sample_ports(443, 443), [443]);
    assert_eq!(porttest::sample_ports(5061, 5062), [5061, 5062]);
    let plan = example("single-director.ron");
    let (rules, _) = derive(&plan);
    let kit = porttest::kit(&rules);
    let ports: Vec<u16> = (kit.probes.iter())
        .filter(|p| p.rule == "clients-fe-appsharing-tcp:clients>fe")
        .map(|p| p.port)
        .collect();
    assert_eq!(ports, [49152, 53247, 57343, 61439, 65535]);
    // Every rule is either probed or listed as untested, never both.
    let probed: BTreeSet<&str> = kit.probes.iter().map(|p| p.rule.as_str()).collect();
    let untested: BTreeSet<&str> = kit.untested.iter().map(|u| u.rule.as_str()).collect();
    assert!(probed.is_disjoint(&untested));
    assert_eq!(probed.len() + untested.len(), rules.rules.len());
    let files = kit_of(&plan);
    let readme = &files["README.txt"];
    // Rules from Any are tested from any host of the source's zone: from the Internet, the
    // reverse proxy's 443.
    assert!(!readme.contains("any-rp-https-443"), "{readme}");
    assert!(
        files["test-any.internet.sh"].contains("'any-rp-https-443:any>rp rp "),
        "{}",
        files["test-any.internet.sh"]
    );
    assert!(readme.contains("  edge-any-stun-3478:edge>any: the destination is Any"));
    // From the Internet a NAT'd Edge is reached at its public address (the plan's NAT).
    let nat = kit_of(&example("single-edge-nat.ron"));
    let internet = &nat["test-any.internet.sh"];
    assert!(
        internet.contains("'any-edge-sip-443:any>edge edge 203.0.113.20 tcp 443'"),
        "{internet}"
    );
    assert!(internet.contains("'any-edge-stun-3478-ext:any>edge edge 203.0.113.22 udp 3478'"));
    assert!(readme.contains("rule_id,source_node,destination_node,source_host,address"));
    let udp = "clients-fe-audio-udp:clients>fe clients-fe-audio-udp";
    assert!(!files["test-clients.sh"].contains(udp));
    assert!(
        files["test-clients.sh"]
            .contains("  'clients-fe-audio-udp:clients>fe fe UDP other than STUN")
    );
    assert!(files["listen-fe.sh"].contains("TCP_PORTS='80 443 444 4443 5061 8057 8080 49152 "));
}

/// Results read back: a failed probe fails its rule, open and skipped do not, an unknown rule
/// is a warning, and a bad file is one bounded line naming the file and line (exit 2).
#[test]
fn test_results_become_findings_and_bad_files_are_refused() {
    let plan = crate::support::root().join("saved-plans/single-director.ron");
    let plan = plan.to_str().unwrap();
    let header = porttest::COLUMNS.join(",");
    let good = write_temp(
        "good.csv",
        format!("\u{feff}{header}\r\nrp-dir-http-8080:rp>dir,rp,dir,rp01,10.20.20.11,tcp,8080,open,connected,2026-01-01T00:00:00Z\r\nrp-fe-http-8080:rp>fe,rp,fe,rp01,10.20.30.11,tcp,8080,timeout,no answer,2026-01-01T00:00:00Z\r\nclients-fe-audio-udp:clients>fe,clients,fe,pc,,,,skipped,UDP,2026-01-01T00:00:00Z\r\n").as_bytes(),
    );
    let unknown = write_temp(
        "unknown.csv",
        format!("{header}\nnope:a>b,a,b,h,10.0.0.1,tcp,1,open,,x\n").as_bytes(),
    );
    let out = cli(&[
        "check",
        plan,
        "--test-results",
        good.to_str().unwrap(),
        unknown.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let ours: Vec<&str> = stdout.lines().filter(|l| l.contains("port_test")).collect();
    assert_eq!(ours.len(), 2, "{stdout}");
    assert!(ours[0].starts_with("error[port_test_failed] rule:rp-fe-http-8080:rp>fe: port test failed: rp-fe-http-8080:rp>fe: 1 of 1 probe(s) failed, first 10.20.30.11 tcp/8080: timeout (no answer)"), "{stdout}");
    assert!(
        ours[1].starts_with("warning[port_test_unknown_rule] rule:nope:a>b:"),
        "{stdout}"
    );
    // In a scope, rules outside it are neither failed nor unknown.
    let out = cli(&[
        "check",
        plan,
        "--nodes",
        "dir",
        "--test-results",
        good.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("port_test"), "{stdout}");
    let hostile = "\u{1b}[31m".repeat(500);
    for (name, text, want) in [
        ("empty.csv", String::new(), "empty.csv: empty"),
        (
            "cols.csv",
            "a,b\n1,2\n".to_owned(),
            "cols.csv:1: no `rule_id` column",
        ),
        (
            "bad.csv",
            format!("{header}\nr,a,b,h,1.2.3.4,tcp,1,{hostile},x,y\n"),
            "bad.csv:2: result `",
        ),
        ("quote.csv", format!("{header}\n\"r,a\n"), "quote.csv:2:"),
    ] {
        let file = temp_dir().join(name);
        std::fs::write(&file, text).unwrap();
        let out = cli(&["check", plan, "--test-results", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        let first = stderr.lines().next().unwrap();
        assert!(first.contains(want), "{name}: {first}");
        assert!(
            !stderr.contains('\u{1b}') && first.len() < 400,
            "{name}: {stderr}"
        );
    }
}

/// A kit in the CLI: a folder is required; the files are there.
#[test]
fn the_cli_writes_the_kit_into_a_folder() {
    let plan = crate::support::root().join("saved-plans/single-director.ron");
    let out = cli(&["export", plan.to_str().unwrap(), "--format", "port-test"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --output DIR"));
    let dir = temp_dir().join("kit");
    let out = cli(&[
        "export",
        plan.to_str().unwrap(),
        "--format",
        "port-test",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    for name in [
        "README.txt",
        "test-rp.sh",
        "test-rp.ps1",
        "listen-fe.ps1",
        "listen-fe.sh",
    ] {
        assert!(dir.join(name).is_file(), "{name}");
    }
}

/// What Windows PowerShell 5.1's `Export-Csv -NoTypeInformation -Encoding UTF8` writes (a
/// byte-order mark, every field quoted, CRLF) and columns in another order read the same.
#[test]
fn results_are_read_by_column_name_as_export_csv_writes_them() {
    let text = "\u{feff}\"result\",\"rule_id\",\"source_node\",\"destination_node\",\"source_host\",\"address\",\"transport\",\"port\",\"detail\",\"tested_at\"\r\n\"closed\",\"rp-dir-https-4443:rp>dir\",\"rp\",\"dir\",\"RP01\",\"10.20.20.11\",\"tcp\",\"4443\",\"refused, nothing listens\",\"2026-01-01T00:00:00Z\"\r\n\"open\",\"rp-dir-http-8080:rp>dir\",\"rp\",\"dir\",\"RP01\",\"10.20.20.11\",\"tcp\",\"8080\",\"connected\",\"2026-01-01T00:00:00Z\"\r\n";
    let rows = porttest::read_results(text).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, "rp-dir-https-4443:rp>dir");
    assert_eq!(rows[0].1.result, "closed");
    assert_eq!(rows[0].1.probe, "10.20.20.11 tcp/4443");
    assert_eq!(rows[0].1.detail, "refused, nothing listens");
    let mut results = porttest::TestResults::default();
    results.add("ps.csv", text).unwrap();
    let (rules, _) = derive(&example("single-director.ron"));
    let findings = results.findings(&rules, &rules);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].subject.to_string(),
        "rule:rp-dir-https-4443:rp>dir"
    );
    assert_eq!(
        results.status("rp-dir-http-8080:rp>dir"),
        porttest::results::Status::Passed
    );
    assert_eq!(
        results.status("rp-fe-http-8080:rp>fe"),
        porttest::results::Status::Untested
    );
}
