//! The port-test kit (`export --format port-test --output DIR`): which of the plan's rules a
//! host can test and how, the scripts that test them (`powershell.rs`, `shell.rs`), the
//! listeners that stand in for Lync before it is installed, and the results read back
//! (`results.rs`, `check --test-results`).
//!
//! Only node ids, rule ids, addresses and our own words reach a script as code or data; labels
//! only as comments made safe by `export::text::ascii_comment`.

mod powershell;
pub mod results;
mod shell;

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use crate::net::Transport;
use crate::plan::NodeId;
use crate::rules::{Addresses, Rule, RuleSet};

pub use results::{TestResults, read_results};

/// The port a STUN binding request goes to: the only UDP port a host can test, since a STUN
/// server answers and a silent UDP port tells nothing.
pub const STUN_PORT: u16 = 3478;

/// The columns of every results CSV, in order (README.md, "Port-test kit").
pub const COLUMNS: [&str; 10] = [
    "rule_id",
    "source_node",
    "destination_node",
    "source_host",
    "address",
    "transport",
    "port",
    "result",
    "detail",
    "tested_at",
];

/// What a test can find: `open` passed, `skipped` was not tested, the others failed.
pub const RESULTS: [&str; 5] = ["open", "closed", "timeout", "no_answer", "skipped"];

/// How many ports between the first and last of a range are tested.
const BETWEEN: u16 = 3;

/// One probe: from a source node to one address and port of a destination node.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Probe {
    /// The rule it tests.
    pub rule: String,
    /// The source node (the script it is in).
    pub source: NodeId,
    /// The destination node (the listener that answers it).
    pub destination: NodeId,
    /// The destination address.
    pub address: IpAddr,
    /// TCP connect, or (UDP) a STUN binding request.
    pub transport: Transport,
    /// The port.
    pub port: u16,
}

/// A rule no script tests, and why (our words).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Untested {
    /// The rule.
    pub rule: String,
    /// The source node, when it has one (its script lists the rule as skipped).
    pub source: Option<NodeId>,
    /// The destination node, when it has one.
    pub destination: Option<NodeId>,
    /// Why.
    pub why: &'static str,
}

/// The kit's content: the probes and the rules left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kit {
    /// Every probe, by source node, rule, address and port.
    pub probes: Vec<Probe>,
    /// The rules no script tests.
    pub untested: Vec<Untested>,
}

impl Kit {
    /// The source nodes with a script, and their probes and skipped rules.
    pub fn sources(&self) -> BTreeMap<&NodeId, (Vec<&Probe>, Vec<&Untested>)> {
        let mut out: BTreeMap<&NodeId, (Vec<&Probe>, Vec<&Untested>)> = BTreeMap::new();
        for p in &self.probes {
            out.entry(&p.source).or_default().0.push(p);
        }
        for u in &self.untested {
            if let Some(source) = u.source.as_ref().filter(|_| script_safe(&u.rule)) {
                out.entry(source).or_default().1.push(u);
            }
        }
        out
    }

    /// The destination nodes a listener stands in for: their TCP ports, and whether STUN.
    pub fn listeners(&self) -> BTreeMap<&NodeId, (BTreeSet<u16>, bool)> {
        let mut out: BTreeMap<&NodeId, (BTreeSet<u16>, bool)> = BTreeMap::new();
        for p in &self.probes {
            let entry = out.entry(&p.destination).or_default();
            match p.transport {
                Transport::Tcp => {
                    entry.0.insert(p.port);
                }
                Transport::Udp => entry.1 = true,
            }
        }
        out
    }
}

/// The probes as both scripts list them, one single-quoted item each: rule id, destination
/// node, address, transport, port (ids, addresses and numbers: no quote can occur).
fn probe_items(probes: &[&Probe]) -> Vec<String> {
    (probes.iter())
        .map(|p| {
            let (rule, to, address) = (&p.rule, &p.destination, p.address);
            format!("{rule} {to} {address} {} {}", p.transport.as_str(), p.port)
        })
        .collect()
}

/// The rules a script skips, as both list them: rule id, destination node (or `-`), why (our
/// words, without quotes).
fn skipped_items(skipped: &[&Untested]) -> Vec<String> {
    (skipped.iter())
        .map(|u| {
            let destination = u.destination.as_ref().map_or("-", |d| d.as_str());
            format!("{} {destination} {}", u.rule, u.why)
        })
        .collect()
}

/// True for the characters a rule id may have to be written into a script as data.
fn script_safe(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.:>".contains(&b))
}

/// The ports tested of a range: its first, its last and [`BETWEEN`] evenly between.
pub fn sample_ports(from: u16, to: u16) -> Vec<u16> {
    let span = u32::from(to.saturating_sub(from));
    let mut ports = BTreeSet::from([from, to]);
    for k in 1..=u32::from(BETWEEN) {
        let step = span * k / (u32::from(BETWEEN) + 1);
        ports.insert(from.saturating_add(u16::try_from(step).unwrap_or(0)));
    }
    ports.into_iter().collect()
}

/// The script of the rules whose source is Any in `zone` ("Any" in Microsoft's tables: any
/// host there, such as a machine on the Internet for the Edge's external ports): `any.ZONE`,
/// which no node id can be (ids have no dot), so its files never clash with a node's.
pub fn any_source(zone: crate::topology::Zone) -> NodeId {
    NodeId(format!("any.{}", zone.as_str()).into())
}

/// The script a rule is tested from: its source node's, or the Any script of its zone.
fn source_of(rule: &Rule) -> NodeId {
    (rule.source.node.clone()).unwrap_or_else(|| any_source(rule.source.zone))
}

/// Why a rule cannot be tested from a host, or `None` when it can.
fn untestable(rule: &Rule) -> Option<&'static str> {
    if rule.destination.node.is_none() {
        return Some("the destination is Any: no address to test");
    }
    if rule.is_unresolved() {
        return Some("an address is missing from the plan");
    }
    if rule.is_mixed_family() {
        return Some("its ends share no address family");
    }
    if !script_safe(rule.id.as_str()) {
        return Some("its id has characters a script cannot carry");
    }
    if rule.transport == Transport::Udp && !(rule.ports.from..=rule.ports.to).contains(&STUN_PORT) {
        return Some("UDP other than STUN 3478: a silent port cannot be told from a dropped one");
    }
    None
}

/// The kit of a rule set: a probe per rule, destination host address (of the source's families)
/// and sampled port; the rules that cannot be tested with why.
pub fn kit(rules: &RuleSet) -> Kit {
    let mut kit = Kit::default();
    for rule in &rules.rules {
        let source = source_of(rule);
        let skip = |why| Untested {
            rule: rule.id.to_string(),
            source: Some(source.clone()),
            destination: rule.destination.node.clone(),
            why,
        };
        if let Some(why) = untestable(rule) {
            kit.untested.push(skip(why));
            continue;
        }
        let Some(destination) = &rule.destination.node else {
            continue;
        };
        let Addresses::List(to) = &rule.destination.addresses else {
            kit.untested
                .push(skip("the destination is Any: no address to test"));
            continue;
        };
        // An Any source is any host of its zone, of either family.
        let (v4, v6) = match &rule.source.addresses {
            Addresses::List(from) => (
                from.iter().any(crate::net::IpNet::is_ipv4),
                from.iter().any(|n| !n.is_ipv4()),
            ),
            Addresses::Any => (true, true),
        };
        let hosts: BTreeSet<IpAddr> = (to.iter())
            .filter(|n| n.prefix == n.max_prefix() && !n.is_ipv4_mapped())
            .filter(|n| if n.is_ipv4() { v4 } else { v6 })
            .map(|n| n.addr)
            .collect();
        if hosts.is_empty() {
            kit.untested.push(skip(
                "the destination is a network, not a host address to test",
            ));
            continue;
        }
        let ports = match rule.transport {
            Transport::Tcp => sample_ports(rule.ports.from, rule.ports.to),
            Transport::Udp => vec![STUN_PORT],
        };
        for address in hosts {
            for &port in &ports {
                kit.probes.push(Probe {
                    rule: rule.id.to_string(),
                    source: source.clone(),
                    destination: destination.clone(),
                    address,
                    transport: rule.transport,
                    port,
                });
            }
        }
    }
    kit.probes.sort();
    kit.untested.sort();
    kit
}

/// The kit's files: `README.txt`, and per source node `test-ID.ps1` and `test-ID.sh`, per
/// destination node `listen-ID.ps1` and `listen-ID.sh` (node ids are letters, digits, `-` and
/// `_`: safe file names).
pub fn render(plan: &crate::plan::Plan, rules: &RuleSet) -> Vec<(String, Vec<u8>)> {
    let mut kit = kit(rules);
    to_public_addresses(plan, &mut kit);
    let title = crate::export::text::ascii_comment(&plan.name, 80);
    let label = |id: &NodeId| match plan.nodes.get(id) {
        Some(n) => crate::export::text::ascii_comment(&n.label, 60),
        None => (id.as_str().strip_prefix("any."))
            .map(|zone| format!("any host of the {zone} zone"))
            .unwrap_or_default(),
    };
    let mut files = vec![("README.txt".to_owned(), readme(&title, &kit).into_bytes())];
    for (source, (probes, skipped)) in kit.sources() {
        let head = Head {
            plan: &title,
            node: source,
            label: label(source),
        };
        files.push((
            format!("test-{source}.ps1"),
            powershell::test(&head, &probes, &skipped).into_bytes(),
        ));
        files.push((
            format!("test-{source}.sh"),
            shell::test(&head, &probes, &skipped).into_bytes(),
        ));
    }
    for (destination, (tcp, stun)) in kit.listeners() {
        let head = Head {
            plan: &title,
            node: destination,
            label: label(destination),
        };
        files.push((
            format!("listen-{destination}.ps1"),
            powershell::listen(&head, &tcp, stun).into_bytes(),
        ));
        files.push((
            format!("listen-{destination}.sh"),
            shell::listen(&head, &tcp, stun).into_bytes(),
        ));
    }
    files.sort();
    files
}

/// From the Internet a NAT'd Edge is reached at the public addresses NAT maps onto its own:
/// the Internet script's probes go there (the rules, for the firewalls, keep the Edge's own).
fn to_public_addresses(plan: &crate::plan::Plan, kit: &mut Kit) {
    let internet = any_source(crate::topology::Zone::Internet);
    for probe in kit.probes.iter_mut().filter(|p| p.source == internet) {
        let Some(node) = plan.nodes.get(&probe.destination) else {
            continue;
        };
        if node.addressing != crate::topology::Addressing::Nat {
            continue;
        }
        let public = (node.members.iter())
            .flat_map(|m| m.addresses.iter().map(move |(kind, own)| (m, kind, own)))
            .find(|(_, _, own)| own.addr == probe.address)
            .and_then(|(m, kind, _)| m.nat.get(kind));
        if let Some(public) = public {
            probe.address = public.addr;
        }
    }
    kit.probes.sort();
}

/// What each script says at its top: the plan and the node, as safe comment text.
pub(crate) struct Head<'a> {
    plan: &'a str,
    node: &'a NodeId,
    label: String,
}

/// The kit's README: how to run it, the results format, what each script needs, the rules not
/// tested.
fn readme(title: &str, kit: &Kit) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "Port-test kit of plan {title} (Lync Port Planner)\r\n\r\n\
         1. Before Lync is installed, start on each destination server its listener:\r\n\
         \x20  listen-NODE.ps1 (Windows PowerShell 3.0 or later) or listen-NODE.sh (bash, python3).\r\n\
         \x20  It opens the tested TCP ports and answers STUN binding requests on UDP {STUN_PORT}\r\n\
         \x20  until stopped (Ctrl+C) or -Seconds / the first argument runs out. Allow the ports\r\n\
         \x20  in the server's own firewall while it runs.\r\n\
         2. On each source server run test-NODE.ps1, or on a Linux host (a reverse proxy, a\r\n\
         \x20  jump host with the source's address) test-NODE.sh; the rules whose source is\r\n\
         \x20  Any run from any host of its zone: test-any.internet.* from a machine on the\r\n\
         \x20  Internet (outside the external firewall). Each writes a results CSV\r\n\
         \x20  (default results-test-NODE-HOST.csv; PowerShell: -Results FILE, bash: first\r\n\
         \x20  argument) and exits 1 when a test failed.\r\n\
         3. Read the results back: lync-port-planner check PLAN.ron --test-results FILE...\r\n\
         \x20  (failed rules are port_test_failed errors).\r\n\r\n\
         TCP: a connection with a timeout (PowerShell -TimeoutMs, default 3000; bash TIMEOUT\r\n\
         seconds, default 3). A range is tested at its first and last port and {BETWEEN} between.\r\n\
         UDP: only {STUN_PORT}, with a real STUN binding request (RFC 5389); other UDP is not tested.\r\n\r\n\
         Needs: test-*.ps1 and listen-*.ps1: Windows PowerShell 3.0+ (.NET 4.5), no module.\r\n\
         test-*.sh: bash, timeout(1) from coreutils, python3 (the STUN request).\r\n\
         listen-*.sh: bash, python3.\r\n\r\n\
         Results CSV (UTF-8, header line, RFC 4180 quoting), one row per probe:\r\n\
         {}\r\n\
         result is one of: {} (open passed; skipped was not tested;\r\n\
         the others failed). tested_at is UTC, ISO 8601.\r\n",
        COLUMNS.join(","),
        RESULTS.join(", "),
    );
    if !kit.untested.is_empty() {
        out.push_str("\r\nNot testable (no script tests these rules):\r\n");
        for u in &kit.untested {
            let _ = write!(
                out,
                "  {}: {}\r\n",
                crate::export::text::ascii_comment(&u.rule, 120),
                u.why
            );
        }
    }
    out
}
