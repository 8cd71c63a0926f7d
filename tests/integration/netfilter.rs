//! The Linux exports as their consumers read them: nftables with named address sets and port
//! sets, iptables for IPv4 and ip6tables for IPv6, each accepted by `nft -c`,
//! `iptables-restore --test` and `ip6tables-restore --test` for every example plan, its
//! dual-stack twin and a generated plan; every plan rule traceable to the nft rule that permits
//! it, in that rule's sets.

use std::collections::BTreeMap;
use std::process::Command;

use lync_port_planner::export::Format;
use lync_port_planner::net::IpNet;
use lync_port_planner::plan::{Member, Plan};
use lync_port_planner::rules::{Addresses, Rule};

use crate::support::{catalog, derive, example, example_paths, export, require_tool, write_temp};

/// The plan with IPv6 beside every IPv4 address: each member gets a twin member with IPv6
/// addresses (`2001:db8::a:b:c:d` for `a.b.c.d`), each network an IPv6 network. VIPs stay
/// IPv4, so rules to them stay IPv4 only.
pub fn dual_stack(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    let mut count = 0;
    for node in plan.nodes_mut() {
        let v6 = |net: &IpNet| -> IpNet {
            let std::net::IpAddr::V4(addr) = net.addr else {
                unreachable!("only IPv4 members are twinned")
            };
            let octets = addr.octets().map(|o| o.to_string()).join(":");
            format!("2001:db8::{octets}").parse().unwrap()
        };
        let twins: Vec<Member> = node
            .members
            .iter()
            .filter(|m| m.addresses.values().all(IpNet::is_ipv4))
            .map(|m| Member {
                name: format!("{}-v6", m.name),
                addresses: m
                    .addresses
                    .iter()
                    .map(|(k, v)| (k.clone(), v6(v)))
                    .collect(),
                nat: BTreeMap::new(),
            })
            .collect();
        node.members.extend(twins);
        let networks: Vec<IpNet> = (node.networks.iter())
            .filter(|net| net.is_ipv4())
            .map(|_| {
                count += 1;
                format!("2001:db8:{count:x}::/48").parse().unwrap()
            })
            .collect();
        node.networks.extend(networks);
    }
    plan
}

/// Every example plan, its dual-stack twin, a generated plan of 300 nodes (what `gen-plan 300`
/// writes) and a dual-stack node with 500 IPv6 networks.
fn plans() -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push((format!("dual-stack {name}"), dual_stack(&plan)));
        out.push((name, plan));
    }
    let generated = lync_port_planner::generate::large_plan(300, &catalog()).unwrap();
    out.push(("generated 300 nodes".to_owned(), generated));
    let mut large = dual_stack(&example("single-director.ron"));
    large
        .node_mut(&lync_port_planner::plan::NodeId::from("clients"))
        .unwrap()
        .networks
        .extend((0..500).map(|i| {
            format!("2001:db8:ffff:{i:x}::/64")
                .parse::<IpNet>()
                .unwrap()
        }));
    out.push(("500 IPv6 networks on a node".to_owned(), large));
    out
}

/// Run a consumer on a file; its error output when it refuses it.
fn refused(args: &[&str], text: &str, file: &str) -> Option<String> {
    let path = write_temp(file, text.as_bytes());
    let out = Command::new(args[0])
        .args(&args[1..])
        .arg(&path)
        .output()
        .unwrap();
    (!out.status.success()).then(|| String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `nft -c -f`, `iptables-restore --test` and `ip6tables-restore --test` accept the exports of
/// every example plan, its dual-stack twin, a generated plan and a node with 500 IPv6 networks.
#[test]
fn nft_iptables_and_ip6tables_accept_every_example_dual_stack_and_generated_plan() {
    let consumers: [(Format, &[&str], &str); 3] = [
        (Format::Nftables, &["nft", "-c", "-f"], "rules.nft"),
        (
            Format::Iptables,
            &["iptables-restore", "--test"],
            "rules.v4",
        ),
        (
            Format::Ip6tables,
            &["ip6tables-restore", "--test"],
            "rules.v6",
        ),
    ];
    let tools: Vec<bool> = consumers
        .iter()
        .map(|(_, a, _)| require_tool(a[0]))
        .collect();
    let mut v6_rules = 0;
    for (name, plan) in plans() {
        for ((format, args, file), tool) in consumers.iter().zip(&tools) {
            let text = export(&plan, *format);
            if *format == Format::Ip6tables {
                v6_rules += text.lines().filter(|l| l.starts_with("-A")).count();
                for line in text.lines().filter(|l| l.starts_with("-A")) {
                    let words: Vec<&str> = line.split(' ').collect();
                    for pair in words.windows(2).filter(|p| matches!(p[0], "-s" | "-d")) {
                        assert!(pair[1].len() < 1024, "{name}: {}", pair[1].len());
                        assert!(pair[1].contains(':'), "{name}: IPv4 in ip6tables: {line}");
                    }
                }
            }
            if *tool && let Some(err) = refused(args, &text, file) {
                panic!("{name}: {} refused the {format} export:\n{err}", args[0]);
            }
        }
    }
    assert!(
        v6_rules > 100,
        "the dual-stack plans have IPv6 rules: {v6_rules}"
    );
}

/// An nft set parsed back: its name and networks.
fn sets(text: &str) -> BTreeMap<String, Vec<IpNet>> {
    let mut out = BTreeMap::new();
    let mut name = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("set ") {
            name = rest.strip_suffix(" {").map(str::to_owned);
        } else if let (Some(n), Some(list)) = (&name, line.strip_prefix("elements = { ")) {
            let nets = list
                .trim_end_matches(" }")
                .split(", ")
                .map(|s| s.parse().unwrap())
                .collect();
            out.insert(n.clone(), nets);
            name = None;
        }
    }
    out
}

/// The nft rules of each chain, each with the plan rule ids in the comment lines above it.
fn nft_rules(text: &str) -> Vec<(String, Vec<String>, String)> {
    let (mut out, mut chain, mut ids) = (Vec::new(), String::new(), Vec::new());
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(name) = line.strip_prefix("\tchain ") {
            name.trim_end_matches(" {").clone_into(&mut chain);
        } else if let Some(note) = line.strip_prefix("\t\t# ") {
            // `# ID: tcp 443`; placeholders (`# UNRESOLVED ID: ...`) have a space before the colon.
            match note.split_once(": ") {
                Some((id, _)) if !id.contains(' ') => ids.push(id.to_owned()),
                _ => {}
            }
        } else if line.starts_with("\t\t") && trimmed.contains(" accept") {
            out.push((chain.clone(), std::mem::take(&mut ids), trimmed.to_owned()));
        }
    }
    out
}

/// The networks of one end in one family, or `None` for any.
fn family(addresses: &Addresses, ipv4: bool) -> Option<Vec<IpNet>> {
    match addresses {
        Addresses::Any => None,
        Addresses::List(list) => Some(
            list.iter()
                .copied()
                .filter(|n| n.is_ipv4() == ipv4)
                .collect(),
        ),
    }
}

/// The set a rule names for `family saddr`/`daddr`, and whether its networks are exactly those
/// of the plan rule's end (nested networks may be left out: a wider one covers them).
fn check_end(rule: &str, word: &str, sets: &BTreeMap<String, Vec<IpNet>>, want: Option<&[IpNet]>) {
    let set = rule
        .split_once(&format!("{word} @"))
        .map(|(_, rest)| rest.split(' ').next().unwrap());
    match (set, want) {
        (None, None) => {}
        (Some(set), Some(want)) => {
            let have = &sets[set];
            assert!(
                have.iter().all(|n| want.contains(n)),
                "{set}: {have:?} not in {want:?}"
            );
            assert!(
                want.iter().all(|w| have.iter().any(|n| n.contains(w))),
                "{set}: {have:?} misses some of {want:?}"
            );
        }
        (set, want) => panic!("{rule}: {word} {set:?}, the plan has {want:?}"),
    }
}

/// Each plan rule is listed above exactly the nft rules that permit it, one per address
/// family: in its firewall's chain, with its transport and port in the port set and its ends'
/// networks as the named sets; and the rules are grouped: single-director's 54 rules (one nft
/// rule each before) are at most half as many nft rules (24).
#[test]
fn every_nftables_rule_names_address_sets_and_lists_the_plan_rules_it_permits() {
    for (name, plan) in plans()
        .into_iter()
        .filter(|(n, _)| !n.starts_with("generated"))
    {
        let (rules, _) = derive(&plan);
        let text = export(&plan, Format::Nftables);
        let sets = sets(&text);
        let nft = nft_rules(&text);
        for rule in rules
            .rules
            .iter()
            .filter(|r| !r.is_unresolved() && !r.is_mixed_family())
        {
            let id = rule.id().to_string();
            let mine: Vec<&(String, Vec<String>, String)> =
                nft.iter().filter(|(_, ids, _)| ids.contains(&id)).collect();
            assert!(!mine.is_empty(), "{name}: {id} is in no group");
            for (chain, _, line) in &mine {
                assert_eq!(
                    *chain,
                    format!("lpp_{}", rule.firewall.as_str()),
                    "{name}: {id}"
                );
                check_rule(rule, line, &sets);
            }
            let ipv6 = mine
                .iter()
                .filter(|(_, _, l)| l.starts_with("ip6 ") || l.contains("nfproto ipv6"))
                .count();
            assert!(
                mine.len() - ipv6 <= 1 && ipv6 <= 1,
                "{name}: {id} twice in a family"
            );
        }
        if name == "single-director.ron" {
            let resolved = rules.rules.iter().filter(|r| !r.is_unresolved()).count();
            // One nft rule per plan rule before (54): at most half as many now.
            assert!(
                nft.len() * 2 <= resolved,
                "{name}: {} nft rules for {resolved}",
                nft.len()
            );
        }
    }
}

/// One nft rule line permits the plan rule: family, ends, transport and port.
fn check_rule(rule: &Rule, line: &str, sets: &BTreeMap<String, Vec<IpNet>>) {
    let ipv4 = !line.starts_with("ip6 ") && !line.contains("nfproto ipv6");
    let family_word = if ipv4 { "ip" } else { "ip6" };
    let source = family(&rule.source.addresses, ipv4);
    let destination = family(&rule.destination.addresses, ipv4);
    check_end(
        line,
        &format!("{family_word} saddr"),
        sets,
        source.as_deref(),
    );
    check_end(
        line,
        &format!("{family_word} daddr"),
        sets,
        destination.as_deref(),
    );
    let ports = rule.ports.join("-");
    let dport = format!("{} dport ", rule.transport.as_str());
    let (_, rest) = line
        .split_once(&dport)
        .unwrap_or_else(|| panic!("{line}: no {dport}"));
    let set = rest.split(" accept").next().unwrap();
    let listed: Vec<&str> = set.trim_matches(['{', '}', ' ']).split(", ").collect();
    assert!(listed.contains(&ports.as_str()), "{line}: no port {ports}");
}

/// Each family has its file: iptables holds no IPv6 address and ip6tables no IPv4 one; each
/// holds exactly the plan rules with both ends in its family (or any), and says how many
/// rules the other file carries.
#[test]
fn iptables_and_ip6tables_each_carry_their_familys_rules() {
    let plan = dual_stack(&example("director-pool-dns-hlb.ron"));
    let (rules, _) = derive(&plan);
    for (format, ipv4, other) in [
        (Format::Iptables, true, "export --format ip6tables"),
        (Format::Ip6tables, false, "export --format iptables"),
    ] {
        let text = export(&plan, format);
        assert!(text.contains(other), "{format} names the other file");
        let ids: std::collections::BTreeSet<&str> = (text.lines())
            .filter(|l| l.starts_with("-A"))
            .map(|l| l.split('"').nth(1).unwrap())
            .collect();
        let want: std::collections::BTreeSet<String> = (rules.rules.iter())
            .filter(|r| !r.is_unresolved() && !r.is_mixed_family())
            .filter(|r| {
                let s = family(&r.source.addresses, ipv4);
                let d = family(&r.destination.addresses, ipv4);
                let some = |e: &Option<Vec<IpNet>>| e.as_ref().is_none_or(|l| !l.is_empty());
                // Any to any is written for IPv4 only (as the nftables export writes it).
                some(&s) && some(&d) && (ipv4 || s.is_some() || d.is_some())
            })
            .map(|r| r.id().to_string())
            .collect();
        let want: std::collections::BTreeSet<&str> = want.iter().map(String::as_str).collect();
        assert_eq!(ids, want, "{format}");
        assert!(!ids.is_empty());
        for line in text.lines().filter(|l| l.starts_with("-A")) {
            let addresses = line.split(' ').collect::<Vec<_>>();
            for pair in addresses.windows(2).filter(|p| matches!(p[0], "-s" | "-d")) {
                assert_eq!(!pair[1].contains(':'), ipv4, "{format}: {line}");
            }
        }
        assert!(
            !text.contains("# IPv6 rule"),
            "{format}: no commented rules"
        );
    }
    // An IPv4 plan's ip6tables file has the chains and no rule, and says where they are.
    let v4 = export(&example("director-pool-dns-hlb.ron"), Format::Ip6tables);
    assert!(!v4.lines().any(|l| l.starts_with("-A")), "{v4}");
    assert!(v4.contains(":LYNC-HOST - [0:0]") && v4.contains("export --format iptables"));
}

/// The dual-stack twin of single-director in the three Linux formats, as golden files (the
/// example plans are IPv4 only, so their ip6tables files hold no rule).
#[test]
fn dual_stack_golden_files() {
    let plan = dual_stack(&example("single-director.ron"));
    for format in [Format::Nftables, Format::Iptables, Format::Ip6tables] {
        crate::support::assert_golden(
            &format!("dual-stack-single-director.{}", format.extension()),
            &export(&plan, format),
        );
    }
}
