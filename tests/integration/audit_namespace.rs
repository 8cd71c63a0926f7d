//! The audit of a real firewall: our exports loaded into a network namespace with the base
//! chains their headers describe, dumped by `iptables-save`, `ip6tables-save`,
//! `nft -j list ruleset` and `nft list ruleset`, audit clean; one rule deleted in the kernel,
//! the dump audits with exactly that rule's plan rules missing (or partly allowed, when the
//! rule carried one family of a dual-stack rule). Root with `CI` set (.ci/run), where the tools
//! are required.

use std::collections::BTreeSet;
use std::process::Command;

use lync_port_planner::audit::{self, DumpFormat, Target};
use lync_port_planner::export::Format;
use lync_port_planner::findings::{Finding, FindingKind, Severity, Subject};
use lync_port_planner::plan::Plan;

use crate::netfilter::dual_stack;
use crate::support::{cli, derive, example, export, in_ns, require_tool, root, run, write_temp};

/// A network namespace of its own, deleted when dropped.
struct Namespace(String);

impl Namespace {
    /// `None` (and a note) unless running as root with `CI` set; in CI, not being root fails.
    fn new(tag: &str) -> Option<Self> {
        if !crate::support::root_in_ci("the audit round trip") {
            return None;
        }
        let name = format!("lppa{}{tag}", std::process::id() % 100_000);
        run(&["ip", "netns", "add", &name]);
        Some(Self(name))
    }

    /// A command in the namespace; it must succeed.
    #[track_caller]
    fn run(&self, args: &[&str]) -> String {
        in_ns(&self.0, args)
    }

    /// A command in the namespace with `text` on its standard input.
    #[track_caller]
    fn load(&self, args: &[&str], text: &str) {
        let file = write_temp("load.txt", text.as_bytes());
        let out = Command::new("ip")
            .args(["netns", "exec", &self.0])
            .args(args)
            .stdin(std::fs::File::open(file).unwrap())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        Command::new("ip")
            .args(["netns", "del", &self.0])
            .output()
            .ok();
    }
}

/// The audit findings of the plan's rules against a dump (its format told from its content).
fn audit_dump(plan: &Plan, text: &str, want: DumpFormat) -> Vec<Finding> {
    let (rules, _) = derive(plan);
    let (format, dump) = audit::read(text, None).unwrap();
    assert_eq!(format, want);
    dump.audit(plan, &rules, &Target::default()).unwrap()
}

/// Nothing missing, partial, extra, over-permissive or unjudged; notes about the other family
/// only.
#[track_caller]
fn assert_clean(findings: &[Finding], what: &str) {
    let bad: Vec<String> = (findings.iter())
        .filter(|f| f.kind != FindingKind::NotAudited && f.severity != Severity::Info)
        .map(|f| format!("{} {}: {}", f.kind.as_str(), f.subject, f.message.en))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:#?}");
    let extra = (findings.iter())
        .filter(|f| f.kind == FindingKind::ExtraRule)
        .count();
    assert_eq!(extra, 0, "{what}: {findings:#?}");
}

/// The required rules reported missing or partial, and no other finding but the notes.
#[track_caller]
fn missing(findings: &[Finding]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in findings {
        match (&f.kind, &f.subject) {
            (FindingKind::MissingRule | FindingKind::PartialRule, Subject::Rule(id)) => {
                out.insert(id.clone());
            }
            (FindingKind::NotAudited, _) => {}
            _ => panic!(
                "unexpected {} {}: {}",
                f.kind.as_str(),
                f.subject,
                f.message.en
            ),
        }
    }
    out
}

/// The plan rule ids in an iptables line's comment (`--comment "ID"`).
fn comment_ids(line: &str) -> BTreeSet<String> {
    let (_, rest) = line.split_once("--comment \"").unwrap();
    let (id, _) = rest.split_once('"').unwrap();
    BTreeSet::from([id.to_owned()])
}

fn plan() -> Plan {
    dual_stack(&example("director-pool-dns-hlb.ron"))
}

#[test]
fn iptables_and_ip6tables_dumps_audit_clean_and_find_a_deleted_rule() {
    if !require_tool("iptables-save") || !require_tool("ip6tables-save") {
        return;
    }
    let Some(ns) = Namespace::new("i") else {
        return;
    };
    let plan = plan();
    for (format, tool, dump_format) in [
        (Format::Iptables, "iptables", DumpFormat::IptablesSave),
        (Format::Ip6tables, "ip6tables", DumpFormat::Ip6tablesSave),
    ] {
        ns.load(
            &[&format!("{tool}-restore"), "--noflush"],
            &export(&plan, format),
        );
        // The base chain the header describes: the operator's FORWARD jumps to our chains.
        let established = "-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT";
        let mut args = vec![tool, "-A", "FORWARD"];
        args.extend(established.split(' '));
        ns.run(&args);
        for chain in ["LYNC-EXTERNAL", "LYNC-INTERNAL", "LYNC-HOST"] {
            ns.run(&[tool, "-A", "FORWARD", "-j", chain]);
        }
        ns.run(&[tool, "-P", "FORWARD", "DROP"]);
        let save = format!("{tool}-save");
        let dump = ns.run(&[&save]);
        let findings = audit_dump(&plan, &dump, dump_format);
        assert_clean(&findings, &save);
        let other = if tool == "iptables" { "IPv6" } else { "IPv4" };
        assert!(
            findings.iter().any(|f| f.kind == FindingKind::NotAudited
                && f.message.en.contains(&format!("no {other} rules"))),
            "{findings:#?}"
        );
        // The chain alone, as an operator audits one firewall's chain.
        let path = write_temp("dump.rules", dump.as_bytes());
        let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
        let out = cli(&[
            "check",
            seed.to_str().unwrap(),
            "--against",
            path.to_str().unwrap(),
            "--chain",
            "LYNC-EXTERNAL",
            "--firewall",
            "external",
        ]);
        if tool == "iptables" {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{text}");
            assert!(text.contains(" 0 errors, "), "{text}");
            // The seed's own warnings (its NAT'd Edge has no public addresses to publish in
            // DNS) are the plan's; the audit of the chain adds none.
            let warnings: Vec<&str> = (text.lines())
                .filter(|l| l.starts_with("warning["))
                .collect();
            assert!(
                warnings.len() == 3
                    && warnings
                        .iter()
                        .all(|l| l.starts_with("warning[dns_mismatch]")),
                "{text}"
            );
        }
        // One rule of the internal chain deleted in the kernel.
        let listed = ns.run(&[tool, "-S", "LYNC-INTERNAL"]);
        let rules: Vec<&str> = listed.lines().filter(|l| l.starts_with("-A ")).collect();
        let pick = rules.len() / 2;
        let ids = comment_ids(rules[pick]);
        ns.run(&[tool, "-D", "LYNC-INTERNAL", &(pick + 1).to_string()]);
        let dump = ns.run(&[&save]);
        assert_eq!(
            missing(&audit_dump(&plan, &dump, dump_format)),
            ids,
            "{tool}"
        );
    }
}

/// The rule ids the export lists above the `index`th rule of its chain `chain`.
fn nft_rule_ids(text: &str, chain: &str, index: usize) -> BTreeSet<String> {
    let body = text
        .split(&format!("\tchain {chain} {{\n"))
        .nth(1)
        .unwrap()
        .split("\t}")
        .next()
        .unwrap();
    let mut ids = BTreeSet::new();
    let mut seen = 0;
    for line in body.lines().map(str::trim) {
        if let Some(comment) = line.strip_prefix("# ") {
            if let Some((id, _)) = comment.split_once(": ") {
                ids.insert(id.to_owned());
            }
        } else if !line.is_empty() {
            if seen == index {
                return ids;
            }
            seen += 1;
            ids.clear();
        }
    }
    panic!("no rule {index} in {chain}")
}

#[test]
fn nft_dumps_audit_clean_and_find_a_deleted_rule() {
    if !require_tool("nft") {
        return;
    }
    let Some(ns) = Namespace::new("n") else {
        return;
    };
    let plan = plan();
    let text = export(&plan, Format::Nftables);
    ns.load(&["nft", "-f", "-"], &text);
    // The header's base chain, jumping to each of our chains.
    let base: String = (text.lines())
        .filter_map(|l| l.strip_prefix("#   "))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            "jump lpp_internal;",
            "jump lpp_external; jump lpp_internal; jump lpp_host;",
        );
    assert!(base.contains("hook forward"), "{text}");
    ns.load(&["nft", "-f", "-"], &base);
    let dumps = |ns: &Namespace| {
        [
            (
                ns.run(&["nft", "-j", "list", "ruleset"]),
                DumpFormat::NftJson,
            ),
            (ns.run(&["nft", "list", "ruleset"]), DumpFormat::Nft),
            (ns.run(&["nft", "-a", "list", "ruleset"]), DumpFormat::Nft),
        ]
    };
    for (dump, format) in dumps(&ns) {
        let findings = audit_dump(&plan, &dump, format);
        assert_clean(&findings, format.as_str());
        assert!(
            findings.iter().all(|f| f.kind != FindingKind::NotAudited),
            "an inet table holds both families: {findings:#?}"
        );
    }
    // The second rule of lpp_internal, found by its handle in the JSON dump, deleted.
    let (json, _) = &dumps(&ns)[0];
    let root: serde_json::Value = serde_json::from_str(json).unwrap();
    let handles: Vec<u64> = (root["nftables"].as_array().unwrap().iter())
        .filter_map(|o| o.get("rule"))
        .filter(|r| r["chain"] == "lpp_internal")
        .map(|r| r["handle"].as_u64().unwrap())
        .collect();
    let ids = nft_rule_ids(&text, "lpp_internal", 1);
    assert!(!ids.is_empty());
    let handle = handles[1].to_string();
    ns.run(&[
        "nft",
        "delete",
        "rule",
        "inet",
        "lync_port_planner",
        "lpp_internal",
        "handle",
        &handle,
    ]);
    for (dump, format) in dumps(&ns) {
        let findings = audit_dump(&plan, &dump, format);
        assert_eq!(missing(&findings), ids, "{}", format.as_str());
    }
}
