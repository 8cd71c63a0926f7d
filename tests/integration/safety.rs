//! Plans that parse but would open a firewall or mislead a reader: rules that permit
//! everything, addresses wider than a host, one address on two nodes, custom rule ids that
//! collide, and user text that could forge lines in a terminal or a CI log.

use std::sync::Arc;

use lync_port_planner::export::Format;
use lync_port_planner::findings::{Finding, Fix, NodeField, Severity};
use lync_port_planner::net::{IpNet, PortRange, Transport};
use lync_port_planner::plan::{CustomRule, Link, NodeId, Plan};

use crate::support::{catalog, cli, derive, example, export, temp_dir};

fn of_kind(plan: &Plan, kind: &str) -> Vec<Finding> {
    derive(plan)
        .1
        .into_iter()
        .filter(|f| f.kind.as_str() == kind)
        .collect()
}

fn node_mut<'a>(plan: &'a mut Plan, id: &str) -> &'a mut lync_port_planner::plan::Node {
    plan.node_mut(&NodeId::from(id)).unwrap()
}

fn net(text: &str) -> IpNet {
    text.parse().unwrap()
}

/// A node of `role` added to `plan` under `id` with the catalog's defaults.
fn add_node(plan: &mut Plan, id: &str, role: &str) {
    let (_, node) = plan.new_node(&catalog(), role, None).unwrap();
    plan.nodes.insert(NodeId::from(id), Arc::new(node));
}

/// A link from `a` to `b` carrying one custom rule on `ports`, from `a`.
fn custom_link(plan: &mut Plan, a: &str, b: &str, ports: &str) {
    let mut link = Link::new(&NodeId::from(a), &NodeId::from(b));
    link.custom.push(CustomRule {
        name: "hand-written".to_owned(),
        from: NodeId::from(a),
        application: "TCP".to_owned(),
        transport: Transport::Tcp,
        ports: ports.parse::<PortRange>().unwrap(),
    });
    plan.links.push(link);
}

/// The reported case: a custom rule over 1-65535 between an "Any" node and external clients,
/// neither with networks, so any to any on every port.
pub fn wide_open_plan() -> Plan {
    let mut plan = example("director-pool-dns-hlb.ron");
    add_node(&mut plan, "mgmt", "any");
    add_node(&mut plan, "ext", "external_clients");
    custom_link(&mut plan, "mgmt", "ext", "1-65535");
    plan
}

#[test]
fn any_to_any_or_every_port_is_a_dangerous_rule_error() {
    let found = of_kind(&wide_open_plan(), "dangerous_rule");
    assert!(!found.is_empty(), "any to any on 1-65535 is found");
    assert!(found.iter().all(|f| f.severity == Severity::Error));

    // Every port between two real hosts is dangerous too; a single port any to any as well.
    let mut plan = example("director-pool-dns-hlb.ron");
    custom_link_on_existing(&mut plan, "dir", "fe", "1024-65535");
    assert_eq!(
        of_kind(&plan, "dangerous_rule").len(),
        1,
        "effectively every port"
    );
    let mut plan = example("director-pool-dns-hlb.ron");
    add_node(&mut plan, "mgmt", "any");
    add_node(&mut plan, "ext", "external_clients");
    custom_link(&mut plan, "mgmt", "ext", "443");
    assert_eq!(of_kind(&plan, "dangerous_rule").len(), 1, "any to any");

    // Microsoft's own ranges between real ends stay fine.
    let mut plan = example("director-pool-dns-hlb.ron");
    custom_link_on_existing(&mut plan, "dir", "fe", "50000-59999");
    assert!(of_kind(&plan, "dangerous_rule").is_empty());
    for path in crate::support::example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
        assert!(
            of_kind(&plan, "dangerous_rule").is_empty(),
            "{}",
            path.display()
        );
    }

    // `check` fails on it.
    let dir = temp_dir();
    let file = dir.join("open.ron");
    let text = lync_port_planner::plan_file::to_ron(&wide_open_plan()).unwrap();
    std::fs::write(&file, text).unwrap();
    let out = cli(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[dangerous_rule]"));
}

/// Adds a custom rule to the existing link a-b.
fn custom_link_on_existing(plan: &mut Plan, a: &str, b: &str, ports: &str) {
    let link = plan
        .links
        .iter_mut()
        .find(|l| (l.a.as_str(), l.b.as_str()) == (a, b) || (l.a.as_str(), l.b.as_str()) == (b, a))
        .unwrap();
    link.custom.push(CustomRule {
        name: "hand-written".to_owned(),
        from: NodeId::from(a),
        application: "TCP".to_owned(),
        transport: Transport::Tcp,
        ports: ports.parse::<PortRange>().unwrap(),
    });
}

#[test]
fn exports_of_a_plan_with_errors_say_so_at_the_top() {
    let bad = wide_open_plan();
    let clean = example("director-pool-dns-hlb.ron");
    // The workbook's warning line: xlsx::every_rule_row_equals_the_json_export_for_every_plan.
    for format in Format::ALL
        .into_iter()
        .filter(|f| f.output() == lync_port_planner::export::OutputKind::Text)
    {
        let head: String = export(&bad, format)
            .replace('\\', "")
            .lines()
            .take(12)
            .collect::<Vec<_>>()
            .join("\n");
        let clean_head: String = export(&clean, format)
            .lines()
            .take(12)
            .collect::<Vec<_>>()
            .join("\n");
        match format {
            // A data table read by spreadsheets and by our own audit: no banner row.
            Format::Csv => assert_eq!(head.lines().next(), clean_head.lines().next()),
            // The warning is an XML comment: the file still parses.
            Format::Drawio => {
                assert!(head.contains("<!-- WARNING") && head.contains("dangerous_rule"));
                assert!(roxmltree::Document::parse(&export(&bad, format)).is_ok());
                assert!(!clean_head.contains("WARNING"), "{clean_head}");
            }
            Format::Json => {
                assert!(head.contains("\"errors\": 1"), "{format}: {head}");
                assert!(
                    clean_head.contains("\"errors\": 0"),
                    "{format}: {clean_head}"
                );
            }
            _ => {
                assert!(
                    head.contains("WARNING") || head.contains("Warning"),
                    "{format}: {head}"
                );
                assert!(head.contains("dangerous_rule"), "{format}: {head}");
                assert!(
                    !clean_head.contains("WARNING") && !clean_head.contains("Warning:"),
                    "{format}: {clean_head}"
                );
            }
        }
    }
    // The CLI path (findings computed for every format) says so as well.
    let dir = temp_dir();
    let file = dir.join("open.ron");
    std::fs::write(&file, lync_port_planner::plan_file::to_ron(&bad).unwrap()).unwrap();
    for format in ["nftables", "iptables", "asa", "powershell"] {
        let out = cli(&["export", file.to_str().unwrap(), "--format", format]);
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
        assert!(head.contains("dangerous_rule"), "{format}: {head}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("error finding"),
            "{format}: {out:?}"
        );
    }
}

#[test]
fn a_server_or_vip_address_wider_than_a_host_is_an_error_yet_the_plan_loads() {
    let mut plan = example("director-pool-dns-hlb.ron");
    node_mut(&mut plan, "dir").members[0]
        .addresses
        .insert("server".into(), net("0.0.0.0/0"));
    node_mut(&mut plan, "fe")
        .vips
        .insert("hlb_vip".into(), net("10.0.0.0/24"));
    node_mut(&mut plan, "edge").members[0]
        .addresses
        .insert("access_edge".into(), net("::/0"));
    // A colleague's plan that only needs fixing still opens.
    let text = lync_port_planner::plan_file::to_ron(&plan).unwrap();
    let loaded = lync_port_planner::plan_file::from_ron(&text, "wide.ron", &catalog()).unwrap();
    let found = of_kind(&loaded, "wide_address");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().all(|f| f.severity == Severity::Error));
    assert!(found.iter().any(|f| f.message.en.contains("0.0.0.0/0")));
}

#[test]
fn client_networks_of_slash_zero_are_errors_and_wider_than_8_warnings() {
    let severities = |networks: &[&str]| {
        let mut plan = example("director-pool-dns-hlb.ron");
        node_mut(&mut plan, "clients").networks = networks.iter().map(|n| net(n)).collect();
        of_kind(&plan, "wide_address")
            .into_iter()
            .map(|f| f.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(severities(&["0.0.0.0/0"]), [Severity::Error]);
    assert_eq!(severities(&["::/0", "10.0.0.0/8"]), [Severity::Error]);
    assert_eq!(severities(&["10.0.0.0/7"]), [Severity::Warning]);
    assert_eq!(severities(&["2001:db8::/31"]), [Severity::Warning]);
    assert_eq!(severities(&["10.0.0.0/8", "2001:db8::/32"]), []);
}

#[test]
fn the_same_address_on_two_nodes_is_a_duplicate_address_finding() {
    let mut plan = example("director-pool-dns-hlb.ron");
    assert!(of_kind(&plan, "duplicate_address").is_empty());
    let dir_addr = plan.nodes[&NodeId::from("dir")].members[0].addresses["server"];
    node_mut(&mut plan, "fe").members[0]
        .addresses
        .insert("server".into(), dir_addr);
    let found = of_kind(&plan, "duplicate_address");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0].message.en.contains(&dir_addr.to_string()));
    assert!(found[0].message.en.contains("Director pool"));
    assert!(found[0].message.en.contains("Front End pool"));

    // What a duplicate in the window creates before it clears addresses: every address twice.
    let mut plan = example("director-pool-dns-hlb.ron");
    let mut copy = (*plan.nodes[&NodeId::from("edge")]).clone();
    copy.label = "Edge copy".to_owned();
    plan.nodes.insert(NodeId::from("edge-2"), Arc::new(copy));
    assert!(of_kind(&plan, "duplicate_address").len() >= 2);
}

/// One DNS name on two nodes: DNS would send both to the same addresses and two certificates
/// would claim it.
#[test]
fn the_same_name_on_two_nodes_is_a_duplicate_name_finding() {
    for path in crate::support::example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
        let found = of_kind(&plan, "duplicate_name");
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
    }
    let mut plan = example("director-pool-dns-hlb.ron");
    let dir_fqdn = plan.nodes[&NodeId::from("dir")].fqdn.clone();
    node_mut(&mut plan, "fe").fqdn = dir_fqdn.to_uppercase();
    let found = of_kind(&plan, "duplicate_name");
    // One warning for the pair, though the names made from the FQDN are shared too; it opens
    // the FQDN, where the duplicates come from.
    assert_eq!(found.len(), 1, "a pool FQDN on two pools: {found:#?}");
    let en = &found[0].message.en;
    assert!(
        en.contains(&dir_fqdn) && en.contains("Director pool") && en.contains("Front End pool"),
        "{en}"
    );
    assert!(
        en.matches(".northwind.").count() >= 2,
        "every shared name: {en}"
    );
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(
        matches!(
            &found[0].fix,
            Some(Fix::EditNode {
                field: NodeField::Fqdn,
                ..
            })
        ),
        "{:?}",
        found[0].fix
    );

    // A name set on one node that is another's default.
    let mut plan = example("director-pool-dns-hlb.ron");
    node_mut(&mut plan, "fe").names.insert(
        lync_port_planner::plan::NameKind::ExternalWeb,
        "webdirext.northwind.net".to_owned(),
    );
    let found = of_kind(&plan, "duplicate_name");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .message
            .en
            .starts_with("webdirext.northwind.net: names of both")
    );
}

#[test]
fn paste_and_duplicate_clear_addresses_and_fqdn_already_in_the_plan() {
    let catalog = catalog();
    let mut plan = example("director-pool-dns-hlb.ron");
    let ids = ["dir", "edge"].map(NodeId::from).into();
    let clip = plan.copy(&ids);
    let (edit, new_ids) = plan.paste(&clip, 40.0, 40.0);
    plan.apply(&edit, &catalog).unwrap();
    for id in &new_ids {
        let node = &plan.nodes[id];
        assert!(node.fqdn.is_empty(), "{id}");
        assert!(node.vips.is_empty(), "{id}");
        assert!(
            node.members
                .iter()
                .all(|m| m.addresses.is_empty() && m.nat.is_empty()),
            "{id}: {:?}",
            node.members
        );
    }
    assert!(of_kind(&plan, "duplicate_address").is_empty());

    // A name the node sets is left out of its copy when the plan already has it.
    let mut plan = example("director-pool-dns-hlb.ron");
    let web = lync_port_planner::plan::NameKind::ExternalWeb;
    node_mut(&mut plan, "dir")
        .names
        .insert(web, "webdir.northwind.net".to_owned());
    let clip = plan.copy(&[NodeId::from("dir")].into());
    let (edit, new_ids) = plan.paste(&clip, 40.0, 40.0);
    plan.apply(&edit, &catalog).unwrap();
    assert!(plan.nodes[&new_ids[0]].names.is_empty());
    assert!(of_kind(&plan, "duplicate_name").is_empty());
    // FQDNs and DNS names are one namespace: a name that is another node's FQDN is left out.
    let mut plan = example("director-pool-dns-hlb.ron");
    let mut other = plan.clone();
    let fe_fqdn = plan.nodes[&NodeId::from("fe")].fqdn.clone();
    node_mut(&mut other, "dir").names.insert(web, fe_fqdn);
    let clip = other.copy(&[NodeId::from("dir")].into());
    let (edit, new_ids) = plan.paste(&clip, 40.0, 40.0);
    plan.apply(&edit, &catalog).unwrap();
    assert!(plan.nodes[&new_ids[0]].names.is_empty());
    assert!(of_kind(&plan, "duplicate_name").is_empty());

    // A deployment has one Central Management store: a copy of its pool does not hold it.
    let mut plan = example("director-pool-dns-hlb.ron");
    assert!(plan.nodes[&NodeId::from("fe")].flags.contains("holds_cms"));
    let clip = plan.copy(&[NodeId::from("fe")].into());
    let (edit, new_ids) = plan.paste(&clip, 40.0, 40.0);
    plan.apply(&edit, &catalog).unwrap();
    assert!(!plan.nodes[&new_ids[0]].flags.contains("holds_cms"));
    let mut empty = Plan::new("empty");
    let (edit, new_ids) = empty.paste(&clip, 0.0, 0.0);
    empty.apply(&edit, &catalog).unwrap();
    assert!(empty.nodes[&new_ids[0]].flags.contains("holds_cms"));

    // Pasted into another plan, addresses nobody there uses are kept.
    let mut other = Plan::new("other");
    let (edit, new_ids) = other.paste(&clip, 0.0, 0.0);
    other.apply(&edit, &catalog).unwrap();
    assert!(new_ids.iter().any(|id| !other.nodes[id].fqdn.is_empty()));
}

#[test]
fn custom_rule_ids_are_unique_when_node_ids_contain_dashes() {
    let mut plan = example("director-pool-dns-hlb.ron");
    for id in ["a", "a-b", "b-c", "c"] {
        add_node(&mut plan, id, "front_end");
    }
    custom_link(&mut plan, "a-b", "c", "5070");
    custom_link(&mut plan, "a", "b-c", "5071");
    let (rules, _) = derive(&plan);
    let custom: Vec<String> = rules
        .rules
        .iter()
        .filter(|r| r.requirement() == "custom")
        .map(|r| r.id().to_string())
        .collect();
    assert_eq!(custom.len(), 2, "both rules derived: {custom:?}");
    assert_ne!(custom[0], custom[1]);
    // Ids of links whose node ids have no `-` keep their old form.
    let mut seed = example("director-pool-dns-hlb.ron");
    custom_link_on_existing(&mut seed, "dir", "fe", "5070");
    let rules = derive(&seed).0;
    assert!(rules.rules.iter().any(|r| r.id() == "custom:dir-fe:1"));
    let ids: std::collections::BTreeSet<&str> = custom.iter().map(String::as_str).collect();
    assert_eq!(ids, ["custom:a-b:c:1", "custom:a:b-c:1"].into());
}

/// Labels a hostile plan carries: a forged CI annotation, a terminal clear, a bell, a bidi
/// override, and a 1 MB token.
pub fn hostile_labels() -> [String; 2] {
    [
        "Edge\n::error file=x::pwned\u{1b}[2J\u{7}\u{202E}evil".to_owned(),
        format!("big{}", "A".repeat(1 << 20)),
    ]
}

pub fn assert_tame(what: &str, text: &str) {
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{what}: forged line {line:.80}"
        );
        assert!(
            line.chars().count() < 2_000,
            "{what}: a line of {} chars",
            line.len()
        );
    }
    for bad in ['\u{1b}', '\u{7}', '\u{202E}', '\r'] {
        assert!(!text.contains(bad), "{what}: {bad:?} in the output");
    }
}

#[test]
fn check_output_quotes_hostile_labels_escaped_and_bounded() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let [forged, big] = hostile_labels();
    node_mut(&mut plan, "edge").label = forged;
    node_mut(&mut plan, "fe").label = big;
    // Findings that quote both labels: a missing VIP and a link switched off.
    node_mut(&mut plan, "fe").vips.clear();
    node_mut(&mut plan, "edge").members[0].addresses.clear();
    let dir = temp_dir();
    let file = dir.join("hostile.ron");
    std::fs::write(&file, lync_port_planner::plan_file::to_ron(&plan).unwrap()).unwrap();
    for format in ["text", "json"] {
        let out = cli(&["check", file.to_str().unwrap(), "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("pwned"),
            "{format}: the label is still quoted"
        );
        assert!(stdout.contains("big"), "{format}");
        assert_tame(format, &stdout);
        // JSON escapes ESC and BEL itself; the bidi override and the length must go too.
        assert!(stdout.len() < 100_000, "{format}: {} bytes", stdout.len());
    }
}

#[test]
fn audit_errors_quote_bad_tokens_escaped_and_bounded() {
    let [forged, big] = hostile_labels();
    for token in [forged.as_str(), big.as_str()] {
        for row in [
            format!("allow,tcp,\"{token}\",10.0.0.1,443\n"),
            format!("allow,tcp,10.0.0.1,10.0.0.2,\"{token}\"\n"),
            format!("\"{token}\",tcp,10.0.0.1,10.0.0.2,443\n"),
            format!("allow,\"{token}\",10.0.0.1,10.0.0.2,443\n"),
        ] {
            let err = lync_port_planner::audit::parse(&row).unwrap_err();
            let message = err.to_string();
            assert_tame("audit", &message);
            assert!(!message.contains('\n'), "{message:.200}");
            assert!(
                message.len() < 400,
                "{} bytes: {message:.200}",
                message.len()
            );
        }
    }
}

#[test]
fn plan_loader_errors_quote_hostile_text_bounded() {
    let seed = std::fs::read_to_string(
        crate::support::root().join("saved-plans/director-pool-dns-hlb.ron"),
    )
    .unwrap();
    let big = "x".repeat(1 << 20);
    let cases = [
        seed.replacen(
            "\"clients\": Node(",
            &format!("\"{big}\\n::error file=x::pwned\": Node("),
            1,
        ),
        seed.replacen(
            "\"clients\": Node(",
            "\"a\\u{1b}[2J\\u{7}\\u{202E}b\": Node(",
            1,
        ),
        seed.replacen("role: \"internal_clients\"", &format!("role: \"{big}\""), 1),
        seed.replacen(
            "role: \"internal_clients\"",
            &format!("{big}: 1, role: \"internal_clients\""),
            1,
        ),
        seed.replacen("zone: internal,", &format!("zone: {big},"), 1),
    ];
    for (i, text) in cases.iter().enumerate() {
        let err = lync_port_planner::plan_file::from_ron(text, "hostile.ron", &catalog())
            .unwrap_err()
            .to_string();
        assert_tame(&format!("case {i}"), &err);
        assert!(!err.contains('\n'), "case {i}: {err:.200}");
        assert!(err.len() < 600, "case {i}: {} bytes: {err:.200}", err.len());
    }
}

/// Every pair of node ids over `a`, `b`, `-`, `_` of up to 3 characters gives its own text in
/// rule ids and finding subjects.
#[test]
fn node_id_pairs_give_distinct_id_texts() {
    let alphabet = ['a', 'b', '-', '_'];
    let mut ids: Vec<String> = vec![String::new()];
    let mut all = Vec::new();
    for _ in 0..3 {
        ids = ids
            .iter()
            .flat_map(|id| alphabet.iter().map(move |c| format!("{id}{c}")))
            .collect();
        all.extend(ids.iter().cloned());
    }
    all.sort();
    let mut texts = std::collections::BTreeSet::new();
    let mut pairs = 0;
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            let text = lync_port_planner::plan::pair_text(
                &NodeId::from(a.as_str()),
                &NodeId::from(b.as_str()),
            );
            assert!(texts.insert(text.clone()), "{a} {b} -> {text} again");
            pairs += 1;
        }
    }
    assert_eq!(pairs, 84 * 83 / 2);
}

/// Duplicating every node of every example (what Ctrl+D does) adds no duplicate address or name.
#[test]
fn duplicating_every_node_of_every_example_adds_no_duplicate_address() {
    let catalog = catalog();
    let mut copies = 0;
    for path in crate::support::example_paths() {
        let mut plan = lync_port_planner::plan_file::load(&path, &catalog).unwrap();
        let ids: Vec<NodeId> = plan.nodes.keys().cloned().collect();
        for id in ids {
            let clip = plan.copy(&[id].into());
            let (edit, new) = plan.paste(&clip, 40.0, 40.0);
            plan.apply(&edit, &catalog).unwrap();
            copies += new.len();
        }
        assert!(
            of_kind(&plan, "duplicate_address").is_empty(),
            "{}",
            path.display()
        );
        let names = of_kind(&plan, "duplicate_name");
        assert!(names.is_empty(), "{}: {names:#?}", path.display());
    }
    assert!(copies >= 30, "{copies}");
}

/// The audit's findings quote the plan's rules with their labels: one line, cut short.
#[test]
fn audit_findings_quote_hostile_labels_escaped_and_bounded() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let [forged, big] = hostile_labels();
    node_mut(&mut plan, "edge").label = forged;
    node_mut(&mut plan, "fe").label = big;
    let (rules, _) = derive(&plan);
    let existing = lync_port_planner::audit::parse("deny,any,any,any,any\n").unwrap();
    let found = lync_port_planner::audit::audit(&rules, &existing);
    assert!(found.len() > 10, "every rule is missing");
    for f in found {
        assert_tame("audit finding", &f.message.en);
        assert!(f.message.en.len() < 1_000, "{} bytes", f.message.en.len());
    }
}
