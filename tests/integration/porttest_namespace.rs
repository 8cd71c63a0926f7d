//! The port-test kit's bash scripts run for real: a namespace per node of a small example plan
//! holding the plan's addresses, and a host on the Internet for the rules from "Any", behind a
//! router namespace that maps the NAT'd Edge's public addresses to its own and forwards through
//! the plan's nftables export with one accept rule taken out. Every listener runs, every test
//! (the Internet's included, STUN at the Edge's public address) runs, and
//! `check --test-results` reports exactly the rule taken out as failed; every other probe is
//! open, the STUN binding request included. With one listener stopped, its probes are closed
//! (refused, port unreachable), not timed out. Root with `CI` set (.ci/run).

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead as _;
use std::net::IpAddr;
use std::process::{Child, Command, Stdio};

use lync_port_planner::export::Format;
use lync_port_planner::net::{PortRange, Transport};
use lync_port_planner::plan::{CustomRule, NodeId, Plan};
use lync_port_planner::porttest;
use lync_port_planner::rules::RuleSet;
use lync_port_planner::topology::Zone;

use crate::support::{
    cli, derive, example, export, in_ns, require_tool, run, temp_dir, write_temp,
};

/// The rule whose accept line the router loses.
const REMOVED: &str = "edge-dir-sip-5061:edge>dir";

/// The router and one namespace per node, deleted (listeners killed) when dropped.
struct Lab {
    router: String,
    nodes: BTreeMap<NodeId, String>,
    listeners: BTreeMap<NodeId, Child>,
}

impl Drop for Lab {
    fn drop(&mut self) {
        for child in self.listeners.values_mut() {
            child.kill().ok();
            child.wait().ok();
        }
        for ns in self.nodes.values().chain([&self.router]) {
            Command::new("ip").args(["netns", "del", ns]).output().ok();
        }
    }
}

impl Lab {
    /// The router and a namespace per node, its addresses on a veth to the router, whose
    /// address 169.254.0.1 is each node's default route (from the node's source address).
    fn build(&mut self, hosts: &BTreeMap<NodeId, (IpAddr, BTreeSet<IpAddr>)>) {
        let id = std::process::id() % 100_000;
        run(&["ip", "netns", "add", &self.router]);
        let r = self.router.clone();
        for setting in [
            "net.ipv4.ip_forward=1",
            "net.ipv4.conf.all.rp_filter=0",
            "net.ipv4.conf.default.rp_filter=0",
        ] {
            in_ns(&r, &["sysctl", "-qw", setting]);
        }
        in_ns(&r, &["ip", "link", "set", "lo", "up"]);
        for (i, (node, (source, addrs))) in hosts.iter().enumerate() {
            let ns = format!("lptn{id}{i}");
            run(&["ip", "netns", "add", &ns]);
            self.nodes.insert(node.clone(), ns.clone());
            let (near, far) = (format!("lpth{id}{i}"), format!("lptr{id}{i}"));
            run(&[
                "ip", "link", "add", &near, "type", "veth", "peer", "name", &far,
            ]);
            run(&["ip", "link", "set", &near, "netns", &ns]);
            run(&["ip", "link", "set", &far, "netns", &r]);
            in_ns(&ns, &["ip", "link", "set", "lo", "up"]);
            in_ns(&ns, &["ip", "link", "set", &near, "up"]);
            in_ns(&r, &["ip", "addr", "add", "169.254.0.1/32", "dev", &far]);
            in_ns(&r, &["ip", "link", "set", &far, "up"]);
            for a in addrs {
                in_ns(
                    &ns,
                    &["ip", "addr", "add", &format!("{a}/32"), "dev", &near],
                );
                in_ns(&r, &["ip", "route", "add", &format!("{a}/32"), "dev", &far]);
            }
            in_ns(&ns, &["ip", "route", "add", "169.254.0.1/32", "dev", &near]);
            let src = source.to_string();
            let default = [
                "ip",
                "route",
                "add",
                "default",
                "via",
                "169.254.0.1",
                "dev",
                &near,
            ];
            in_ns(&ns, &[&default[..], &["src", &src]].concat());
        }
    }

    /// Every listener of the kit in its node's namespace, each ready.
    fn listen(&mut self, kit_dir: &std::path::Path) {
        for (node, ns) in &self.nodes {
            let listener = kit_dir.join(format!("listen-{node}.sh"));
            if !listener.exists() {
                continue;
            }
            let mut child = Command::new("ip")
                .args([
                    "netns",
                    "exec",
                    ns,
                    "bash",
                    listener.to_str().unwrap(),
                    "120",
                ])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            let mut ready = String::new();
            std::io::BufReader::new(child.stdout.take().unwrap())
                .read_line(&mut ready)
                .unwrap();
            self.listeners.insert(node.clone(), child);
            assert_eq!(ready.trim(), "ready", "{node}");
        }
    }
}

/// Each tested node's source address (from its probes' rules) and every address its probes'
/// rules name for it; a network (the clients') gets one host.
fn hosts(rules: &RuleSet, kit: &porttest::Kit) -> BTreeMap<NodeId, (IpAddr, BTreeSet<IpAddr>)> {
    let mut hosts: BTreeMap<NodeId, (IpAddr, Option<IpAddr>, BTreeSet<IpAddr>)> = BTreeMap::new();
    for rule in &rules.rules {
        for (end, is_source) in [(&rule.source, true), (&rule.destination, false)] {
            let (Some(node), lync_port_planner::rules::Addresses::List(nets)) =
                (&end.node, &end.addresses)
            else {
                continue;
            };
            let tested = (kit.probes.iter()).any(|p| {
                p.rule == rule.id.as_str()
                    && (if is_source { &p.source } else { &p.destination }) == node
            });
            if !tested {
                continue;
            }
            let addrs: Vec<IpAddr> = (nets.iter())
                .map(|n| {
                    if n.prefix == n.max_prefix() {
                        n.addr
                    } else {
                        let IpAddr::V4(v4) = n.addr else {
                            panic!("{n}")
                        };
                        IpAddr::V4((u32::from(v4) + 5).into())
                    }
                })
                .collect();
            // The node's first address, its source address once it is a probe's source.
            let entry = (hosts.entry(node.clone())).or_insert((addrs[0], None, BTreeSet::new()));
            if is_source {
                let source = *entry.1.get_or_insert(addrs[0]);
                assert_eq!([source], addrs[..], "{node} tests from one address");
                entry.0 = source;
            }
            entry.2.extend(addrs);
        }
    }
    (hosts.into_iter())
        .map(|(node, (address, _, all))| (node, (address, all)))
        .collect()
}

/// A host in each zone whose "Any" the plan's rules come from: the kit's test-any.ZONE scripts
/// run there (addresses of documentation and shared ranges, none the plan's).
fn add_zone_hosts(kit: &porttest::Kit, hosts: &mut BTreeMap<NodeId, (IpAddr, BTreeSet<IpAddr>)>) {
    for (zone, address) in [
        (Zone::Internet, "198.51.100.10"),
        (Zone::Perimeter, "192.0.2.10"),
        (Zone::Internal, "100.64.0.10"),
    ] {
        let node = porttest::any_source(zone);
        let address: IpAddr = address.parse().unwrap();
        if kit.probes.iter().any(|p| p.source == node) {
            assert!(hosts.values().all(|(_, all)| !all.contains(&address)));
            hosts.insert(node, (address, BTreeSet::from([address])));
        }
    }
}

/// The NAT in front of a NAT'd Edge, on the router: its public addresses to its own, before
/// the plan's rules see the traffic.
fn nat_table(plan: &Plan) -> String {
    let mut dnat = String::new();
    for node in plan.nodes.values() {
        for m in &node.members {
            for (kind, public) in &m.nat {
                if let Some(own) = m.addresses.get(kind) {
                    dnat += &format!("\t\tip daddr {} dnat to {}\n", public.addr, own.addr);
                }
            }
        }
    }
    assert!(!dnat.is_empty(), "the lab's Edge is NAT'd");
    format!(
        "table ip lab_nat {{\n\tchain prerouting {{\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n{dnat}\t}}\n}}\n"
    )
}

/// Single Director with a STUN rule from the Front End to the Edge (a custom rule), so the kit
/// sends a real binding request too.
fn lab_plan() -> Plan {
    let mut plan = example("single-director.ron");
    let (fe, edge) = (NodeId::from("fe"), NodeId::from("edge"));
    let link = (plan.links.iter_mut())
        .find(|l| (l.a == fe && l.b == edge) || (l.a == edge && l.b == fe))
        .unwrap();
    link.custom.push(CustomRule {
        name: "stun".into(),
        from: fe,
        application: "STUN".into(),
        transport: Transport::Udp,
        ports: PortRange::single(porttest::STUN_PORT),
    });
    // The Edge behind NAT: the Internet reaches it at public addresses the router maps.
    let member = &mut plan.node_mut(&edge).unwrap().members[0];
    for (i, kind) in ["access_edge", "webconf_edge", "av_edge"]
        .into_iter()
        .enumerate()
    {
        let public = format!("203.0.113.{}", 20 + i).parse().unwrap();
        member.nat.insert(kind.into(), public);
    }
    plan
}

/// The nftables export without the accept line of `rule`, which must carry that rule alone.
fn without_rule(text: &str, rule: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = (lines.iter())
        .position(|l| l.trim().starts_with(&format!("# {rule}:")))
        .unwrap();
    assert!(
        !lines[at - 1].trim().starts_with('#'),
        "{rule} shares its line"
    );
    assert!(
        lines[at + 1]
            .trim()
            .ends_with("accept comment \"edge>dir\"")
    );
    let mut out: Vec<&str> = lines.clone();
    out.remove(at + 1);
    out.join("\n") + "\n"
}

#[test]
fn the_kit_reports_exactly_the_rule_the_router_lost() {
    if !crate::support::root_in_ci("the port-test kit") {
        return;
    }
    for tool in ["ip", "nft", "python3", "timeout", "bash"] {
        assert!(require_tool(tool), "{tool}");
    }
    let plan = lab_plan();
    let plan_file = write_temp("porttest-lab.ron", plan_text(&plan).as_bytes());
    let kit_dir = temp_dir().join("kit");
    let out = cli(&[
        "export",
        plan_file.to_str().unwrap(),
        "--format",
        "port-test",
        "--output",
        kit_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let (rules, _) = derive(&plan);
    let kit = porttest::kit(&rules);
    assert!(kit.probes.iter().any(|p| p.rule == REMOVED));
    assert!(kit.probes.iter().any(|p| p.transport == Transport::Udp));

    let id = std::process::id() % 100_000;
    let mut lab = Lab {
        router: format!("lptr{id}"),
        nodes: BTreeMap::new(),
        listeners: BTreeMap::new(),
    };
    let mut hosts = hosts(&rules, &kit);
    add_zone_hosts(&kit, &mut hosts);
    assert!(hosts.contains_key(&porttest::any_source(Zone::Internet)));
    lab.build(&hosts);
    let r = lab.router.clone();

    // The router: the plan's rules less one, on the forward hook with a drop policy.
    let nft = without_rule(&export(&plan, Format::Nftables), REMOVED);
    for text in [
        nft,
        nat_table(&plan),
        "table inet lync_port_planner {\n\tchain forward { type filter hook forward priority filter; policy drop; ct state established,related accept; jump lpp_external; jump lpp_internal; jump lpp_host; }\n}\n".to_owned(),
    ] {
        let file = write_temp("router.nft", text.as_bytes());
        in_ns(&r, &["nft", "-f", file.to_str().unwrap()]);
    }

    // Every listener, then every test.
    lab.listen(&kit_dir);
    let mut files = Vec::new();
    for (node, ns) in &lab.nodes {
        if !kit_dir.join(format!("test-{node}.sh")).exists() {
            continue;
        }
        let (results, passed) = run_test(&kit_dir, node, ns);
        let failed = kit
            .probes
            .iter()
            .any(|p| &p.source == node && p.rule == REMOVED);
        let text = std::fs::read_to_string(&results).unwrap_or_default();
        assert_eq!(passed, !failed, "{node}: {text}");
        files.push(results);
    }

    // Every probe has its row; the removed rule's timed out, every other is open.
    let mut rows = Vec::new();
    for file in &files {
        rows.extend(porttest::read_results(&std::fs::read_to_string(file).unwrap()).unwrap());
    }
    let probed: Vec<_> = rows.iter().filter(|(_, r)| r.result != "skipped").collect();
    assert_eq!(probed.len(), kit.probes.len(), "{rows:#?}");
    for (rule, row) in &probed {
        let want = if rule == REMOVED { "timeout" } else { "open" };
        assert_eq!(row.result, want, "{rule}: {row:?}");
    }
    let mut args = vec!["check", plan_file.to_str().unwrap(), "--test-results"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let out = cli(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let failed: Vec<&str> = (stdout.lines())
        .filter(|l| l.contains("[port_test_failed]") || l.contains("[port_test_unknown_rule]"))
        .collect();
    assert_eq!(failed.len(), 1, "{stdout}");
    assert!(
        failed[0].starts_with(&format!("error[port_test_failed] rule:{REMOVED}: ")),
        "{stdout}"
    );

    // The Edge's listener stopped: its host refuses TCP and answers UDP with port unreachable,
    // which the Front End's script reports as closed (not timeout), the STUN probe included.
    let (fe, edge) = (NodeId::from("fe"), NodeId::from("edge"));
    let mut listener = lab.listeners.remove(&edge).unwrap();
    listener.kill().unwrap();
    listener.wait().unwrap();
    let (results, passed) = run_test(&kit_dir, &fe, &lab.nodes[&fe]);
    assert!(!passed);
    let rows = porttest::read_results(&std::fs::read_to_string(results).unwrap()).unwrap();
    let to_edge: Vec<_> = (rows.iter())
        .filter(|(rule, _)| rule.starts_with("fe-edge-") || rule.starts_with("custom:"))
        .collect();
    assert!(
        to_edge.iter().any(|(_, r)| r.probe.contains("udp/3478")),
        "{rows:#?}"
    );
    for (rule, row) in &to_edge {
        assert_eq!(row.result, "closed", "{rule}: {row:?}");
    }
}

/// Run a node's test script in its namespace (one second's timeout): the results file, and
/// whether the script passed.
fn run_test(kit_dir: &std::path::Path, node: &NodeId, ns: &str) -> (std::path::PathBuf, bool) {
    let results = temp_dir().join(format!("results-{node}.csv"));
    let script = kit_dir.join(format!("test-{node}.sh"));
    let out = Command::new("ip")
        .args(["netns", "exec", ns, "env", "TIMEOUT=1", "bash"])
        .arg(&script)
        .arg(&results)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{node}: {out:?}");
    (results, out.status.success())
}

fn plan_text(plan: &Plan) -> String {
    lync_port_planner::plan_file::to_ron(plan).unwrap()
}
