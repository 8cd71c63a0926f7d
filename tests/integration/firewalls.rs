//! Firewall exports as operators use them: rules no packet can match stay visible, large nodes
//! load, reloading in a real network namespace keeps the operator's base chain, and exports
//! grow linearly with a node's networks.

use std::process::{Child, Command, Stdio};

use lync_port_planner::export::Format;
use lync_port_planner::findings::Severity;
use lync_port_planner::net::{IpNet, PortRange, Transport};
use lync_port_planner::plan::{CustomRule, Member, NodeId, Plan};

use crate::support::{
    cli, derive, example, export, in_ns, require_tool, run, temp_dir, write_temp,
};

/// `single-director.ron` with `n` /24 networks on its internal clients.
fn clients_with_networks(n: usize) -> Plan {
    let mut plan = example("single-director.ron");
    let clients = plan.node_mut(&NodeId::from("clients")).unwrap();
    clients.networks = (0..n)
        .map(|i| {
            format!("10.{}.{}.0/24", 100 + i / 256, i % 256)
                .parse()
                .unwrap()
        })
        .collect();
    plan
}

/// The config formats, which write rules a device runs.
const CONFIGS: [Format; 5] = [
    Format::Nftables,
    Format::Iptables,
    Format::Ip6tables,
    Format::Asa,
    Format::Powershell,
];

/// Rules whose ends share no address family (IPv6 clients to an IPv4 server) or name an
/// IPv4-mapped IPv6 address are `mixed_family` errors, and every config format writes each as
/// a commented placeholder instead of dropping it; the files still load.
#[test]
fn mixed_family_rules_are_errors_and_placeholders_in_every_export() {
    let mut plan = example("single-director.ron");
    plan.node_mut(&NodeId::from("clients")).unwrap().networks =
        vec!["2001:db8:100::/48".parse().unwrap()];
    let mapped: IpNet = "::ffff:10.20.20.11".parse().unwrap();
    let dir = plan.node_mut(&NodeId::from("dir")).unwrap();
    dir.members[0].addresses.insert("server".into(), mapped);
    let (rules, findings) = derive(&plan);
    // Every rule of the clients (IPv6) to IPv4 servers, every rule of the Director (mapped).
    let mixed: Vec<String> = rules
        .rules
        .iter()
        .filter(|r| {
            let ends = [&r.source.node, &r.destination.node];
            let node = |id: &str| {
                ends.iter()
                    .any(|n| n.as_ref().is_some_and(|n| n.as_str() == id))
            };
            node("dir") || node("clients")
        })
        .map(|r| r.id().to_string())
        .collect();
    for id in ["clients-fe-https-443:clients>fe", "fe-dir-sip-5061:fe>dir"] {
        assert!(mixed.iter().any(|m| m == id), "{id} in {mixed:?}");
    }
    let flagged: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind.as_str() == "mixed_family" && f.severity == Severity::Error)
        .map(|f| f.message.en.as_str())
        .collect();
    assert_eq!(flagged.len(), mixed.len(), "{flagged:?}");
    // The ASA file holds what crosses a firewall; host firewalls hold the rest.
    let layout = plan.firewalls.layout();
    let crossing: Vec<String> = (rules.rules.iter())
        .filter(|r| !layout.crossed(r.source.zone, r.destination.zone).is_empty())
        .map(|r| r.id().to_string())
        .collect();
    assert!(mixed.iter().any(|id| crossing.contains(id)), "{crossing:?}");
    for format in CONFIGS {
        let text = export(&plan, format);
        for id in mixed
            .iter()
            .filter(|id| format != Format::Asa || crossing.contains(id))
        {
            let lines: Vec<&str> = text.lines().filter(|l| l.contains(id.as_str())).collect();
            assert!(
                lines.iter().any(|l| l.contains("MIXED_FAMILY")),
                "{format}: {id} has no placeholder"
            );
            assert!(
                lines
                    .iter()
                    .all(|l| l.trim_start().starts_with(['#', '!']) || l.contains(" remark ")),
                "{format}: {id} written as a rule: {lines:?}"
            );
        }
    }
    consumers_accept(&plan, "mixed families");
    let path = write_temp("mixed.ron", plan_text(&plan).as_bytes());
    let out = cli(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "check exits 1 on the error");
    assert!(String::from_utf8_lossy(&out.stdout).contains("mixed_family"));
}

/// Ends that share a family are fine even when one also holds the other: dual-stack clients
/// to IPv4 servers keep their IPv4 rules and raise no `mixed_family`.
#[test]
fn dual_stack_rules_are_not_mixed_family() {
    let mut plan = example("single-director.ron");
    plan.node_mut(&NodeId::from("clients")).unwrap().networks = vec![
        "10.20.100.0/23".parse().unwrap(),
        "2001:db8:100::/48".parse().unwrap(),
    ];
    let (_, findings) = derive(&plan);
    assert!(
        findings.iter().all(|f| f.kind.as_str() != "mixed_family"),
        "{findings:?}"
    );
    let nft = export(&plan, Format::Nftables);
    assert!(nft.contains(
        "\t\t# clients-fe-https-443:clients>fe: tcp 443\n\t\t# clients-fe-sip-5061:clients>fe: tcp 5061\n"
    ));
    assert!(nft.contains("elements = { 10.20.100.0/23 }"), "{nft}");
    assert!(nft.contains(
        "ip saddr @lpp_clients_clients_v4 ip daddr @lpp_fe_server_v4 tcp dport { 80, 443, 5061"
    ));
    assert!(
        !nft.contains("ip6 saddr @lpp_clients"),
        "no IPv6 server: no IPv6 rule"
    );
    assert!(!nft.contains("MIXED_FAMILY"));
}

fn plan_text(plan: &Plan) -> String {
    lync_port_planner::plan_file::to_ron(plan).unwrap()
}

/// `nft -c` and `iptables-restore --test` accept the plan's exports.
fn consumers_accept(plan: &Plan, name: &str) {
    if require_tool("nft") {
        let path = write_temp("rules.nft", export(plan, Format::Nftables).as_bytes());
        let out = Command::new("nft")
            .arg("-c")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: nft -c: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for format in [Format::Iptables, Format::Ip6tables] {
        let tool = format!("{format}-restore");
        if require_tool(&tool) {
            let path = write_temp("rules", export(plan, format).as_bytes());
            let out = Command::new(&tool)
                .arg("--test")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: {tool} --test: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// A node with 500 networks (iptables-restore refused about 64: "Parameter too long") loads in
/// both consumers; no `-s`/`-d` value reaches iptables-restore's 1,024-byte limit.
#[test]
fn exports_of_a_node_with_500_networks_load() {
    let plan = clients_with_networks(500);
    consumers_accept(&plan, "500 networks");
    let text = export(&plan, Format::Iptables);
    for line in text.lines().filter(|l| l.starts_with("-A")) {
        let words: Vec<&str> = line.split(' ').collect();
        for pair in words.windows(2) {
            if matches!(pair[0], "-s" | "-d") {
                assert!(pair[1].len() < 1024, "{}", pair[1].len());
            }
        }
    }
    // Every network is still allowed to every port the clients had, exactly once per port.
    let https: usize = text
        .lines()
        .filter(|l| l.contains("clients-fe-https-443:clients>fe") && l.starts_with("-A"))
        .map(|l| l.matches("/24").count())
        .sum();
    assert_eq!(https, 500);
}

/// Plans over the count bounds are refused at load with the bound and a position, before any
/// rule is derived.
#[test]
fn plans_over_the_count_bounds_are_refused_with_a_position() {
    // The bounds the README lists (`plan::MAX_NETWORKS`, `MAX_LINKS`, `MAX_CUSTOM_RULES`).
    const MAX_NETWORKS: usize = 10_000;
    const MAX_LINKS: usize = 50_000;
    const MAX_CUSTOM_RULES: usize = 100;
    let too_many_networks = clients_with_networks(MAX_NETWORKS + 1);
    let mut too_many_links = example("single-director.ron");
    let link = too_many_links.links[0].clone();
    too_many_links.links = vec![link; MAX_LINKS + 1];
    let mut too_many_custom = example("single-director.ron");
    let link = &mut too_many_custom.links[0];
    let rule = CustomRule {
        name: "x".into(),
        from: link.a.clone(),
        application: "x".into(),
        transport: Transport::Tcp,
        ports: PortRange::single(9999),
    };
    link.custom = vec![rule; MAX_CUSTOM_RULES + 1];
    // 5,000 networks on a node with two links of 100 custom rules each: 1,010,000 uses.
    let mut too_many_uses = clients_with_networks(5_000);
    let clients = NodeId::from("clients");
    for link in &mut too_many_uses.links {
        if link.a == clients || link.b == clients {
            let rule = CustomRule {
                name: "x".into(),
                from: clients.clone(),
                application: "x".into(),
                transport: Transport::Tcp,
                ports: PortRange::single(9999),
            };
            link.custom = vec![rule; MAX_CUSTOM_RULES];
        }
    }
    for (plan, want) in [
        (too_many_networks, "networks (at most 10000)"),
        (too_many_links, "links (at most 50000)"),
        (too_many_custom, "custom rules (at most 100)"),
        (too_many_uses, "(at most 1000000)"),
    ] {
        let path = write_temp("big.ron", plan_text(&plan).as_bytes());
        let out = cli(&["export", path.to_str().unwrap(), "--format", "json"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(want), "{want}: {err}");
        let position = format!("error: {}:", path.display());
        assert!(err.starts_with(&position), "{err}");
        let rest = &err[position.len()..];
        let row: usize = rest.split(':').next().unwrap().parse().unwrap();
        assert!(row > 1, "a position past 1:1: {err}");
    }
}

/// Total instructions of one run of the binary under callgrind.
fn instructions(args: &[&str]) -> u64 {
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(env!("CARGO_BIN_EXE_lync-port-planner"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("Collected :"))
        .unwrap_or_else(|| panic!("{err}"));
    line.rsplit(' ').next().unwrap().trim().parse().unwrap()
}

/// Every export and `check` grow linearly with a node's networks: from 200 to 800 networks the
/// added instructions grow at most 8 times (linear: 4; the pairwise overlap test made it 16).
/// Counted with callgrind, not timed.
#[test]
fn exports_grow_linearly_with_a_nodes_networks() {
    if !require_tool("valgrind") {
        return;
    }
    let dir = temp_dir();
    let plans: Vec<String> = [1, 200, 800]
        .iter()
        .map(|n| {
            let path = dir.join(format!("plan-{n}.ron"));
            std::fs::write(&path, plan_text(&clients_with_networks(*n))).unwrap();
            path.display().to_string()
        })
        .collect();
    let out = dir.join("out").display().to_string();
    let mut commands: Vec<Vec<&str>> = Format::ALL
        .iter()
        .map(|f| vec!["export", "", "--format", f.as_str(), "--output", &out])
        .collect();
    commands.push(vec!["check", "", "--format", "json"]);
    let check = |command: &Vec<&str>| {
        let counts: Vec<u64> = plans
            .iter()
            .map(|plan| {
                let mut args = command.clone();
                args[1] = plan;
                instructions(&args)
            })
            .collect();
        let small = counts[1].saturating_sub(counts[0]).max(1);
        let large = counts[2].saturating_sub(counts[0]);
        let ratio = large as f64 / small as f64;
        eprintln!("{command:?}: {counts:?}, growth x{ratio:.1} for 4x networks");
        assert!(ratio < 8.0, "{command:?}: {counts:?}, x{ratio:.1}");
    };
    // Two at a time: callgrind is slow, the machine has two cores.
    let (first, second) = commands.split_at(commands.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| first.iter().for_each(check));
        second.iter().for_each(check);
        other.join().unwrap();
    });
}

/// Two network namespaces joined by a veth pair: a client at 10.20.100.5 and 2001:db8:100::5
/// (in the plan's client networks 10.20.100.0/23 and 2001:db8:100::/48) and the Front End
/// server 10.20.30.11 and 2001:db8:30::11 behind its host firewall. Removed on drop.
struct Lab {
    client: String,
    server: String,
    listener: Option<Child>,
}

/// The ports the server listens on: 443 and 8080 the plan allows from the clients, 9999 only
/// the changed plan allows, 7777 neither.
const PORTS: [u16; 4] = [443, 8080, 9999, 7777];

/// The server's addresses, one per family.
const SERVER: [&str; 2] = ["10.20.30.11", "2001:db8:30::11"];

const LISTEN: &str = r"
import select, socket, sys
socks = []
for addr in sys.argv[1].split(','):
    for p in map(int, sys.argv[2:]):
        s = socket.socket(socket.AF_INET6 if ':' in addr else socket.AF_INET)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, p))
        s.listen(64)
        socks.append(s)
print('ready', flush=True)
while True:
    for s in select.select(socks, [], [])[0]:
        s.accept()[0].close()
";

const PROBE: &str = r"
import socket, sys
out = []
addr = sys.argv[1]
for p in map(int, sys.argv[2:]):
    s = socket.socket(socket.AF_INET6 if ':' in addr else socket.AF_INET)
    s.settimeout(1.0)
    try:
        s.connect((addr, p))
        out.append(f'{p}:open')
    except socket.timeout:
        out.append(f'{p}:dropped')
    except OSError as e:
        out.append(f'{p}:{e.errno}')
    s.close()
print(' '.join(out))
";

impl Lab {
    /// `None` (and a note) unless running as root with `CI` set: the namespaces change the
    /// machine's network state while they live (in CI, not being root fails).
    fn new(tag: &str) -> Option<Self> {
        if !crate::support::root_in_ci("the traffic test") {
            return None;
        }
        assert!(require_tool("ip") && require_tool("python3"));
        let id = format!("{}{tag}", std::process::id() % 100_000);
        let lab = Self {
            client: format!("lppc{id}"),
            server: format!("lpps{id}"),
            listener: None,
        };
        let (vc, vs) = (format!("lvc{id}"), format!("lvs{id}"));
        for ns in [&lab.client, &lab.server] {
            run(&["ip", "netns", "add", ns]);
        }
        run(&[
            "ip", "link", "add", &vc, "type", "veth", "peer", "name", &vs,
        ]);
        run(&["ip", "link", "set", &vc, "netns", &lab.client]);
        run(&["ip", "link", "set", &vs, "netns", &lab.server]);
        for (ns, dev, v4, v6) in [
            (&lab.client, &vc, "10.20.100.5/16", "2001:db8:100::5/32"),
            (&lab.server, &vs, "10.20.30.11/16", "2001:db8:30::11/32"),
        ] {
            in_ns(ns, &["ip", "addr", "add", v4, "dev", dev]);
            // No duplicate address detection: the address is usable at once.
            in_ns(ns, &["ip", "addr", "add", v6, "dev", dev, "nodad"]);
            in_ns(ns, &["ip", "link", "set", dev, "up"]);
            in_ns(ns, &["ip", "link", "set", "lo", "up"]);
        }
        Some(lab)
    }

    /// In the server's namespace, with `file` on stdin.
    fn server_with_input(&self, args: &[&str], file: &std::path::Path) -> std::process::Output {
        Command::new("ip")
            .args(["netns", "exec", &self.server])
            .args(args)
            .stdin(std::fs::File::open(file).unwrap())
            .output()
            .unwrap()
    }

    fn listen(&mut self) {
        let mut child = Command::new("ip")
            .args(["netns", "exec", &self.server, "python3", "-c", LISTEN])
            .arg(SERVER.join(","))
            .args(PORTS.map(|p| p.to_string()))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut ready,
        )
        .unwrap();
        assert_eq!(ready.trim(), "ready");
        self.listener = Some(child);
    }

    /// Which ports the client reaches over IPv4, then over IPv6:
    /// `["443:open 7777:dropped ...", "443:open ..."]`.
    fn probe(&self) -> [String; 2] {
        SERVER.map(|addr| {
            let mut args = vec!["python3", "-c", PROBE, addr];
            let ports = PORTS.map(|p| p.to_string());
            args.extend(ports.iter().map(String::as_str));
            in_ns(&self.client, &args).trim().to_owned()
        })
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        if let Some(child) = &mut self.listener {
            child.kill().ok();
            child.wait().ok();
        }
        for ns in [&self.client, &self.server] {
            Command::new("ip").args(["netns", "del", ns]).output().ok();
        }
    }
}

/// The plan of the traffic tests, dual-stack between the clients and the Front End (a second
/// member with the server's IPv6 address), and the changed plan: the clients gain 9999/tcp to
/// the Front End (a custom rule) and lose 8080 (switched off).
fn lab_plans() -> (Plan, Plan) {
    let mut plan = example("single-director.ron");
    (plan.node_mut(&NodeId::from("clients")).unwrap().networks)
        .push("2001:db8:100::/48".parse().unwrap());
    let fe = plan.node_mut(&NodeId::from("fe")).unwrap();
    fe.members.push(Member {
        name: "se01-v6".into(),
        addresses: [("server".into(), SERVER[1].parse().unwrap())].into(),
        nat: std::collections::BTreeMap::new(),
    });
    let mut changed = plan.clone();
    let (clients, fe) = (NodeId::from("clients"), NodeId::from("fe"));
    let link = changed
        .links
        .iter_mut()
        .find(|l| (l.a == clients && l.b == fe) || (l.a == fe && l.b == clients))
        .unwrap();
    link.custom.push(CustomRule {
        name: "lab".into(),
        from: clients,
        application: "TEST".into(),
        transport: Transport::Tcp,
        ports: PortRange::single(9999),
    });
    link.disabled.insert("clients-fe-http-8080".into());
    (plan, changed)
}

const BEFORE: &str = "443:open 8080:open 9999:dropped 7777:dropped";
const AFTER: &str = "443:open 8080:dropped 9999:open 7777:dropped";

/// Both families probed: the same ports open over IPv4 and IPv6.
fn both(ports: &str) -> [String; 2] {
    [ports.to_owned(), ports.to_owned()]
}

/// Load the nftables export in a namespace, add a drop-policy base chain as its header says
/// (with the neighbour discovery it says a host firewall needs for IPv6), and check the
/// traffic over IPv4 and IPv6; reload a changed export: the base chain and its policy survive,
/// the traffic follows the new rules, the named sets hold the new plan's addresses. The chains
/// of an older export (before the `lpp_` prefix) are removed by the reload.
#[test]
fn nftables_reload_keeps_the_base_chain_and_filters_traffic() {
    if !require_tool("nft") {
        return;
    }
    let Some(mut lab) = Lab::new("n") else {
        return;
    };
    lab.listen();
    // What an older export left: its table and an unreferenced chain of the old name.
    let old = write_temp(
        "old.nft",
        b"table inet lync_port_planner {\n\tchain external {\n\t\ttcp dport 7777 accept\n\t}\n}\n",
    );
    let load = |file: &std::path::Path| {
        let out = lab.server_with_input(&["nft", "-f", "-"], file);
        assert!(
            out.status.success(),
            "nft -f: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    load(&old);
    let (plan, changed) = lab_plans();
    let text = export(&plan, Format::Nftables);
    assert!(text.contains("ip6 saddr @lpp_clients_clients_v6"), "{text}");
    load(&write_temp("a.nft", text.as_bytes()));
    // The header's base chain, on the input hook of this host and its host firewall's chain,
    // with the header's neighbour discovery line for an input hook.
    let lines: Vec<&str> = text.lines().collect();
    let nd = lines
        .iter()
        .position(|l| l.starts_with("# On an input hook"))
        .map(|i| lines[i + 1].trim_start_matches("# "))
        .unwrap();
    assert!(nd.starts_with("icmpv6 type"), "{nd}");
    let base_chain: String = text
        .lines()
        .filter_map(|l| l.strip_prefix("#   "))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("forward", "input")
        .replace("lpp_internal", "lpp_host")
        .replace("policy drop;", &format!("policy drop; {nd}"));
    assert_eq!(base_chain.lines().count(), 3, "{text}");
    load(&write_temp("base.nft", base_chain.as_bytes()));
    let base = |lab: &Lab| {
        in_ns(
            &lab.server,
            &["nft", "list", "chain", "inet", "lync_port_planner", "input"],
        )
    };
    assert!(base(&lab).contains("policy drop;"), "{}", base(&lab));
    assert_eq!(lab.probe(), both(BEFORE));
    load(&write_temp(
        "b.nft",
        export(&changed, Format::Nftables).as_bytes(),
    ));
    let after = base(&lab);
    assert!(
        after.contains("policy drop;") && after.contains("jump lpp_host"),
        "{after}"
    );
    assert_eq!(lab.probe(), both(AFTER));
    let ruleset = in_ns(&lab.server, &["nft", "list", "ruleset"]);
    assert!(!ruleset.contains("chain external {"), "{ruleset}");
    let set = in_ns(
        &lab.server,
        &[
            "nft",
            "list",
            "set",
            "inet",
            "lync_port_planner",
            "lpp_fe_server_v6",
        ],
    );
    assert!(set.contains("elements = { 2001:db8:30::11 }"), "{set}");
    // Reloading the same file again changes nothing.
    load(&write_temp(
        "c.nft",
        export(&changed, Format::Nftables).as_bytes(),
    ));
    assert_eq!(in_ns(&lab.server, &["nft", "list", "ruleset"]), ruleset);
}

/// The same with `iptables-restore --noflush` and `ip6tables-restore --noflush`, the two files
/// an operator loads: the operator's INPUT chains, their DROP policies and a chain of the
/// operator's own survive a reload, and the traffic of both families follows the new rules.
#[test]
fn iptables_and_ip6tables_reloads_keep_the_operators_chains_and_filter_traffic() {
    if !require_tool("iptables-restore") || !require_tool("ip6tables-restore") {
        return;
    }
    let Some(mut lab) = Lab::new("i") else {
        return;
    };
    lab.listen();
    let tools = [
        (Format::Iptables, "iptables", "icmp"),
        (Format::Ip6tables, "ip6tables", "ipv6-icmp"),
    ];
    let load = |plan: &Plan, name: &str| {
        for (format, tool, _) in tools {
            let file = write_temp(name, export(plan, format).as_bytes());
            let out = lab.server_with_input(&[&format!("{tool}-restore"), "--noflush"], &file);
            assert!(
                out.status.success(),
                "{tool}-restore: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    };
    let (plan, changed) = lab_plans();
    load(&plan, "a.rules");
    let s = &lab.server;
    for (_, tool, icmp) in tools {
        in_ns(s, &[tool, "-N", "OPERATOR"]);
        in_ns(s, &[tool, "-A", "OPERATOR", "-p", icmp, "-j", "ACCEPT"]);
        in_ns(
            s,
            &[
                tool,
                "-A",
                "INPUT",
                "-m",
                "conntrack",
                "--ctstate",
                "ESTABLISHED,RELATED",
                "-j",
                "ACCEPT",
            ],
        );
        in_ns(s, &[tool, "-A", "INPUT", "-j", "OPERATOR"]);
        in_ns(s, &[tool, "-A", "INPUT", "-j", "LYNC-HOST"]);
        in_ns(s, &[tool, "-P", "INPUT", "DROP"]);
    }
    let operator = |lab: &Lab| {
        tools.map(|(_, tool, _)| {
            let rules = in_ns(&lab.server, &[tool, "-S"]);
            rules
                .lines()
                .filter(|l| !l.contains("LYNC-") || l.contains("-A INPUT"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    };
    let mine = operator(&lab);
    for family in &mine {
        assert!(family.iter().any(|l| l == "-P INPUT DROP"), "{family:?}");
    }
    assert_eq!(lab.probe(), both(BEFORE));
    load(&changed, "b.rules");
    assert_eq!(operator(&lab), mine);
    assert_eq!(lab.probe(), both(AFTER));
    let ours = |lab: &Lab| tools.map(|(_, tool, _)| in_ns(&lab.server, &[tool, "-S", "LYNC-HOST"]));
    let rules = ours(&lab);
    assert!(
        rules[1].contains("-s 2001:db8:100::/48 -d 2001:db8:30::11/128"),
        "{}",
        rules[1]
    );
    load(&changed, "c.rules");
    assert_eq!(ours(&lab), rules, "a reload does not duplicate rules");
}
