//! The Windows Firewall script as an administrator runs it: parsed by tree-sitter-powershell
//! (the grammar editors and linters use) for every example plan and a generated one, run twice
//! safely (a `-Name` per rule, removed and added again, stale rules of the group removed), one
//! guarded block per computer, inbound rules on each member behind a load balancer's VIP,
//! descriptions that read source -> destination, a GPO as the CLI's `--gpo`, and hostile labels
//! kept inside literals.

use std::collections::{BTreeMap, BTreeSet};

use lync_port_planner::export::{self, ExportOptions, Format, Gpo, PolicyStore};
use lync_port_planner::i18n::Lang;
use lync_port_planner::plan::{NodeId, Plan};
use lync_port_planner::rules::RuleScope;

use crate::support::{catalog, cli, example, example_paths};

/// The script for `plan` into `store`, in `scope`.
pub fn script_in(plan: &Plan, store: PolicyStore, scope: &RuleScope) -> String {
    let options = ExportOptions { store };
    let (text, _) = export::export_with(
        plan,
        &catalog(),
        Format::Powershell,
        scope,
        Lang::En,
        &options,
    )
    .unwrap();
    text.into_text().unwrap()
}

/// The script for the whole plan into each server's local store.
pub fn script(plan: &Plan) -> String {
    script_in(plan, PolicyStore::Local, &RuleScope::All)
}

fn gpo(text: &str) -> PolicyStore {
    PolicyStore::Gpo(text.parse::<Gpo>().unwrap())
}

/// The cmdlets and control words a script may run: anything else would be user text let out.
const COMMANDS: [&str; 8] = [
    "New-NetFirewallRule",
    "Remove-NetFirewallRule",
    "Get-NetFirewallRule",
    "Where-Object",
    "ForEach-Object",
    "Write-Warning",
    "Open-NetGPO",
    "Save-NetGPO",
];

/// The variables a script may name.
const VARIABLES: [&str; 12] = [
    "$true",
    "$false",
    "@store",
    "$ErrorActionPreference",
    "$group",
    "$store",
    "$matched",
    "$names",
    "$stale",
    "$gpo",
    "$_",
    "$env:COMPUTERNAME",
];

/// Parse with tree-sitter-powershell; panics naming the first ERROR or MISSING node. Returns
/// the command names and variables the tree holds.
pub fn parse(label: &str, text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(text, None).unwrap();
    let (mut commands, mut variables) = (BTreeSet::new(), BTreeSet::new());
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            let at = node.start_position();
            let line = text.lines().nth(at.row).unwrap_or("");
            panic!(
                "{label}: tree-sitter-powershell: {} at {}:{}: {line:.200}",
                node.kind(),
                at.row + 1,
                at.column + 1
            );
        }
        let source = || node.utf8_text(text.as_bytes()).unwrap().to_owned();
        match node.kind() {
            "command_name" => {
                commands.insert(source());
            }
            "variable" => {
                variables.insert(source());
            }
            _ => {}
        }
        stack.extend(node.children(&mut cursor));
    }
    assert!(!tree.root_node().has_error(), "{label}");
    (commands, variables)
}

/// Parses, and runs only the cmdlets and names only the variables a script may.
pub fn assert_parses_and_is_inert(label: &str, text: &str) {
    let (commands, variables) = parse(label, text);
    let unknown: Vec<&String> = (commands.iter())
        .filter(|c| !COMMANDS.contains(&c.as_str()))
        .collect();
    assert!(unknown.is_empty(), "{label}: commands {unknown:?}");
    let unknown: Vec<&String> = (variables.iter())
        .filter(|v| !VARIABLES.contains(&v.as_str()))
        .collect();
    assert!(unknown.is_empty(), "{label}: variables {unknown:?}");
}

/// The blocks of a local-store script: computer name -> the block's lines.
pub fn host_blocks(text: &str) -> BTreeMap<String, Vec<&str>> {
    let mut blocks = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("if ($env:COMPUTERNAME -ieq '") else {
            continue;
        };
        let name = rest.strip_suffix("') {").unwrap().replace("''", "'");
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "}").collect();
        assert!(
            blocks.insert(name, body).is_none(),
            "one block per computer"
        );
    }
    blocks
}

/// The value of a single-quoted parameter on a command line (`''` inside read as `'`).
pub fn param(line: &str, name: &str) -> String {
    let start = line.find(&format!("{name} '")).unwrap() + name.len() + 2;
    let mut value = String::new();
    let mut chars = line[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                break;
            }
        }
        value.push(c);
    }
    value
}

pub fn new_rules<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    (lines.iter().map(|l| l.trim_start()))
        .filter(|l| l.starts_with("New-NetFirewallRule "))
        .collect()
}

/// The seed plan with its example plans and a generated one of 300 nodes: each script, local
/// and GPO, parses with no ERROR node and runs only the expected cmdlets.
#[test]
fn every_example_and_a_generated_plan_parse_with_tree_sitter_powershell() {
    let mut plans: Vec<(String, Plan)> = example_paths()
        .iter()
        .map(|p| {
            let plan = lync_port_planner::plan_file::load(p, &catalog()).unwrap();
            (p.display().to_string(), plan)
        })
        .collect();
    let generated = crate::support::temp_dir().join("g.ron");
    let out = cli(&["gen-plan", "300", "--output", generated.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let plan = lync_port_planner::plan_file::load(&generated, &catalog()).unwrap();
    plans.push(("gen-plan 300".to_owned(), plan));
    let mut rules = 0;
    for (name, plan) in &plans {
        let local = script(plan);
        assert_parses_and_is_inert(name, &local);
        rules += local.matches("New-NetFirewallRule ").count();
        let in_gpo = script_in(plan, gpo("corp.contoso.com\\Lync Servers"), &RuleScope::All);
        assert_parses_and_is_inert(&format!("{name} (GPO)"), &in_gpo);
    }
    assert!(rules > 1000, "{rules} rules parsed");
}

/// The parser is no rubber stamp: a quote let out and a brace left open are errors.
#[test]
fn the_parser_finds_a_broken_script() {
    let good = script(&example("director-pool-dns-hlb.ron"));
    for broken in [
        good.replacen("-DisplayName 'Lync ", "-DisplayName 'Lync '", 1),
        good.replacen("\n}\n", "\n", 1),
    ] {
        let result = std::panic::catch_unwind(|| parse("broken", &broken));
        assert!(result.is_err(), "a broken script parsed");
    }
}

/// Hostile labels, FQDNs, member names and plan names (quotes of every kind, `$(...)`, line
/// breaks) stay inside literals and comments: the tree holds no command or variable of theirs.
#[test]
fn hostile_labels_stay_inert_for_tree_sitter_powershell() {
    let plan = crate::exports::hostile_plan();
    assert_parses_and_is_inert("hostile", &script(&plan));
    let hostile_gpo = "corp.contoso.com\\x'; Remove-Item C: # \u{2019} $(whoami) \u{2018}";
    let text = script_in(&plan, gpo(hostile_gpo), &RuleScope::All);
    assert_parses_and_is_inert("hostile GPO", &text);
    assert!(text.contains(
        "-PolicyStore 'corp.contoso.com\\x''; Remove-Item C: # \u{2019}\u{2019} $(whoami)"
    ));
}

/// A second run changes nothing: every rule has a deterministic `-Name` from its id, is removed
/// by that name before it is added, and each block lists its names so that the rules of the
/// group it no longer has are removed. Names do not depend on the other rules: a plan without
/// one link keeps every other name, and the dropped rule's name leaves the lists.
#[test]
fn a_rerun_replaces_each_rule_by_name_and_removes_the_ones_the_plan_dropped() {
    let plan = example("director-pool-dns-hlb.ron");
    let text = script(&plan);
    assert_eq!(text, script(&plan), "deterministic");
    let blocks = host_blocks(&text);
    assert_eq!(
        blocks.keys().map(String::as_str).collect::<Vec<_>>(),
        ["dir01", "dir02", "edge01", "fe01", "fe02", "fe03", "rp01"]
    );
    let mut all_names = BTreeSet::new();
    for (host, lines) in &blocks {
        let listed: Vec<&str> = (lines.iter())
            .skip_while(|l| l.trim() != "$names = @(")
            .skip(1)
            .take_while(|l| l.trim() != ")")
            .map(|l| l.trim().trim_matches('\''))
            .collect();
        let rules = new_rules(lines);
        let named: Vec<String> = rules.iter().map(|l| param(l, "-Name")).collect();
        assert_eq!(listed, named, "{host}: the list names its rules");
        assert_eq!(
            named.iter().collect::<BTreeSet<_>>().len(),
            named.len(),
            "{host}: one rule per name"
        );
        for name in &named {
            assert!(
                name.starts_with("LPP-")
                    && (name.ends_with("-in") || name.ends_with("-out"))
                    && (name.chars()).all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
                "{name}"
            );
            let remove = format!(
                "Remove-NetFirewallRule @store -Name '{name}' -ErrorAction SilentlyContinue"
            );
            let at = lines.iter().position(|l| l.trim() == remove).unwrap();
            assert!(
                lines[at + 1]
                    .trim()
                    .starts_with(&format!("New-NetFirewallRule @store -Name '{name}' "))
            );
            all_names.insert((*host).clone() + " " + name);
        }
        assert!(lines.iter().any(|l| l.trim() == "$stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })"));
        assert!(lines.iter().any(|l| l.trim()
            == "if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }"));
    }
    // The same plan without the reverse proxy's link to the Front End pool.
    let mut fewer = plan.clone();
    let (fe, rp) = (NodeId::from("fe"), NodeId::from("rp"));
    fewer.links.retain(|l| !(l.a == fe && l.b == rp));
    let after: BTreeSet<String> = host_blocks(&script(&fewer))
        .iter()
        .flat_map(|(host, lines)| {
            new_rules(lines)
                .into_iter()
                .map(move |l| host.clone() + " " + &param(l, "-Name"))
        })
        .collect();
    let dropped: Vec<&String> = all_names.difference(&after).collect();
    assert!(after.is_subset(&all_names), "names stay as they were");
    // 8080 and 4443 from the reverse proxy: inbound on each of three Front End servers,
    // outbound (to the pool's VIP) on the reverse proxy.
    let on = |prefix: &str, direction: &str| {
        (dropped.iter())
            .filter(|d| d.starts_with(prefix) && d.ends_with(direction))
            .count()
    };
    assert_eq!(dropped.len(), 8, "{dropped:?}");
    assert_eq!(
        (on("fe0", "-in"), on("rp01 ", "-out")),
        (6, 2),
        "{dropped:?}"
    );
}

/// Traffic to the Front End pool's VIP reaches each member through the hardware load
/// balancer, so each member's Windows Firewall opens 80, 443, 4443 and 8080 on its own address.
#[test]
fn vip_traffic_is_allowed_on_every_pool_member() {
    let text = script(&example("director-pool-dns-hlb.ron"));
    let blocks = host_blocks(&text);
    for (host, address) in [
        ("fe01", "10.10.30.11"),
        ("fe02", "10.10.30.12"),
        ("fe03", "10.10.30.13"),
    ] {
        let rules = new_rules(&blocks[host]);
        for port in ["80", "443", "4443", "8080"] {
            let vip: Vec<&&str> = (rules.iter())
                .filter(|l| {
                    param(l, "-LocalPort") == port
                        && l.contains("-Direction Inbound")
                        && param(l, "-Description").contains("VIP 10.10.30.10, forwarded")
                })
                .collect();
            assert!(!vip.is_empty(), "{host}: no VIP rule for {port}");
            assert!(
                vip.iter()
                    .all(|l| l.contains(&format!("-LocalAddress '{address}' ")))
            );
        }
    }
    // Nothing is left for "the network firewall" that a member could hold.
    assert!(!text.contains("clients-fe-https-443:clients>fe | HTTPS tcp/443\n# Not a host rule"));
}

/// Descriptions read source -> destination whichever host holds the rule (an inbound rule on
/// the Edge from Any once said "(Edge Server -> Any)").
#[test]
fn descriptions_state_the_direction_from_source_to_destination() {
    let text = script(&example("director-pool-dns-hlb.ron"));
    let blocks = host_blocks(&text);
    let edge = new_rules(&blocks["edge01"]);
    let cls = (edge.iter())
        .find(|l| l.contains("-DisplayName 'Lync any-edge-cls-50001:any>edge'"))
        .unwrap();
    assert!(cls.contains("-Direction Inbound"));
    assert!(param(cls, "-Description").ends_with("(Any -> Edge Server)"));
    let dns = (edge.iter())
        .find(|l| l.contains("-DisplayName 'Lync edge-any-dns-53-udp:edge>any'"))
        .unwrap();
    assert!(dns.contains("-Direction Outbound") && dns.contains("-RemotePort '53'"));
    assert!(param(dns, "-Description").ends_with("(Edge Server -> Any)"));
    // Internal servers are domain members; the perimeter Edge is not.
    assert!(cls.contains("-Profile Any"));
    let fe = new_rules(&blocks["fe01"]);
    assert!(fe.iter().all(|l| l.contains("-Profile Domain")));
    assert!(edge.iter().chain(&fe).all(|l| l.contains("-Group $group")));
}

/// A block runs on its computer only, by NetBIOS name in any case; a computer whose name is in
/// no block is told so and nothing changes.
#[test]
fn each_block_runs_only_on_the_computer_it_names() {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.node_mut(&NodeId::from("edge")).unwrap().members[0].name =
        "EDGE01.perimeter.northwind.net".into();
    let text = script(&plan);
    let blocks = host_blocks(&text);
    let edge = &blocks["EDGE01"];
    for line in new_rules(edge) {
        assert!(
            param(line, "-LocalAddress").starts_with("172.16."),
            "{line}"
        );
    }
    assert_eq!(
        text.matches("if ($env:COMPUTERNAME -ieq '").count(),
        blocks.len()
    );
    assert_eq!(text.matches("    $matched = $true\n").count(), blocks.len());
    assert!(text.ends_with("if (-not $matched) { Write-Warning 'No block of this script is for this computer: nothing was changed.' }\n"));
}

/// `--gpo`: the rules go once into the GPO through one session (`Open-NetGPO`, `Save-NetGPO`),
/// no host guard, each rule's -LocalAddress listing every server it is for.
#[test]
fn a_gpo_gets_every_rule_once() {
    let plan = example("director-pool-dns-hlb.ron");
    let text = script_in(
        &plan,
        gpo("corp.northwind.net\\Lync Servers"),
        &RuleScope::All,
    );
    assert!(!text.contains("$env:COMPUTERNAME"));
    assert!(text.contains("$gpo = Open-NetGPO -PolicyStore 'corp.northwind.net\\Lync Servers'\n$store = @{ GPOSession = $gpo }\n"));
    assert!(text.ends_with("Save-NetGPO -GPOSession $gpo\n"));
    let lines: Vec<&str> = text.lines().collect();
    let rules = new_rules(&lines);
    let names: BTreeSet<String> = rules.iter().map(|l| param(l, "-Name")).collect();
    assert_eq!(names.len(), rules.len(), "each rule once");
    let https = (rules.iter())
        .find(|l| l.contains("'Lync clients-fe-https-443:clients>fe'"))
        .unwrap();
    assert!(https.contains("-LocalAddress '10.10.30.11','10.10.30.12','10.10.30.13' "));
    // The local script holds the same rules, per computer.
    let local = script(&plan);
    let local_names: BTreeSet<String> = new_rules(&local.lines().collect::<Vec<_>>())
        .iter()
        .map(|l| param(l, "-Name"))
        .collect::<BTreeSet<_>>();
    assert_eq!(names, local_names);
}

/// A part of the plan (`--nodes`, `--firewall`) holds part of a host's rules: it must not
/// remove the others.
#[test]
fn a_scoped_script_removes_no_rule_it_does_not_name() {
    let plan = example("director-pool-dns-hlb.ron");
    let scope = RuleScope::Nodes([NodeId::from("edge")].into());
    let text = script_in(&plan, PolicyStore::Local, &scope);
    assert!(!text.contains("$stale"));
    assert!(text.contains("Remove-NetFirewallRule @store -Name 'LPP-"));
    assert_parses_and_is_inert("scoped", &text);
}

#[test]
fn the_cli_takes_a_gpo_for_powershell_only() {
    let plan = crate::support::root().join("saved-plans/single-director.ron");
    let plan = plan.to_str().unwrap();
    let out = cli(&[
        "export",
        plan,
        "--format",
        "powershell",
        "--gpo",
        "corp.contoso.com\\Lync Servers",
    ]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Open-NetGPO -PolicyStore 'corp.contoso.com\\Lync Servers'"));
    for (args, says) in [
        (
            ["--format", "csv", "--gpo", "corp\\Lync"],
            "--gpo is for --format powershell",
        ),
        (
            ["--format", "powershell", "--gpo", "Lync Servers"],
            "is no GPO",
        ),
    ] {
        let out = cli(&[&["export", plan][..], &args[..]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("error: ") && err.contains(says), "{err}");
    }
    let out = cli(&["check", plan, "--gpo", "corp\\Lync"]);
    assert_eq!(out.status.code(), Some(2), "check does not take --gpo");
}
