//! The plan's firewalls (format version 2): back-to-back or three-legged, migration from
//! version 1, which firewalls a rule crosses, one firewall's rule set, `--firewall NAME`.

use lync_port_planner::plan::{FirewallId, Firewalls, Layout};
use lync_port_planner::plan_file;
use lync_port_planner::topology::{Firewall, Zone};

use crate::support::{catalog, cli, derive, example, example_paths, read, root, write_temp};

#[test]
fn a_version_1_plan_gets_back_to_back_firewalls_and_saves_as_the_example() {
    let v1 = read(&root().join("tests/fixtures/format-v1.ron"));
    assert!(v1.contains("format_version: 1,") && !v1.contains("firewalls"));
    let plan = plan_file::from_ron(&v1, "v1.ron", &catalog()).unwrap();
    assert_eq!(plan.firewalls, Firewalls::back_to_back());
    assert_eq!(plan.format_version, 3);
    // The example is the same plan in the current version: migrating writes exactly its text.
    assert_eq!(
        plan_file::to_ron(&plan).unwrap(),
        read(&root().join("saved-plans/director-pool-dns-hlb.ron"))
    );
}

#[test]
fn format_version_2_fixture_opens_with_its_three_legged_firewall_and_the_same_rules() {
    let path = root().join("tests/fixtures/format-v2.ron");
    let text = read(&path);
    let fixture = plan_file::load(&path, &catalog()).unwrap();
    let Firewalls::ThreeLegged {
        name, perimeter, ..
    } = &fixture.firewalls
    else {
        panic!("three-legged: {:?}", fixture.firewalls)
    };
    assert_eq!(
        (name.as_str(), perimeter.as_str()),
        ("Perimeter ASA", "dmz")
    );
    // Canonical but for the version: saving writes the current one, nothing else changes.
    assert_eq!(
        plan_file::to_ron(&fixture).unwrap(),
        text.replacen("format_version: 2,", "format_version: 3,", 1)
    );
    // The rules and their `firewall` field (the boundary, a contract) do not depend on the layout.
    let seed = example("director-pool-dns-hlb.ron");
    assert_eq!(derive(&fixture).0, derive(&seed).0);
}

#[test]
fn upgrade_rewrites_a_version_1_plan_in_the_current_version() {
    let v1 = read(&root().join("tests/fixtures/format-v1.ron"));
    let path = write_temp("old.ron", v1.as_bytes());
    let out = cli(&["upgrade", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let new = read(&path);
    assert!(new.starts_with("Plan(\n    format_version: 3,\n"), "{new}");
    assert!(new.contains("firewalls: back_to_back("), "{new}");
    assert_eq!(read(&path.with_extension("ron.bak")), v1);
    // A second run has nothing to do.
    let again = cli(&["upgrade", path.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("already in the current format (version 3)"),
        "{stdout}"
    );
}

#[test]
fn a_hostile_firewall_or_interface_name_is_refused_at_its_position() {
    let seed = read(&root().join("saved-plans/director-pool-dns-hlb.ron"));
    let bad = seed.replacen(
        "name: \"Internal firewall\"",
        "name: \"Internal\\u{202E}llawerif\"",
        1,
    );
    assert_ne!(bad, seed);
    let err = plan_file::from_ron(&bad, "p.ron", &catalog())
        .unwrap_err()
        .to_string();
    let line = seed[..seed.find("name: \"Internal firewall\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(err.starts_with(&format!("p.ron:{line}:")), "{err}");
    assert!(err.contains("firewall name `Internal llawerif`"), "{err}");
    let bad = seed.replacen("inside: \"inside\"", "inside: \"in side\\n\"", 1);
    let err = plan_file::from_ron(&bad, "p.ron", &catalog())
        .unwrap_err()
        .to_string();
    assert!(err.contains("interface name `in side`"), "{err}");
    let long = seed.replacen(
        "name: \"External firewall\"",
        &format!("name: \"{}\"", "x".repeat(65)),
        1,
    );
    assert!(plan_file::from_ron(&long, "p.ron", &catalog()).is_err());
}

#[test]
fn the_plan_says_which_firewalls_a_path_crosses() {
    let mut plan = example("single-director.ron");
    assert_eq!(
        plan.firewalls_crossed(Zone::Internet, Zone::Internal),
        [FirewallId::External, FirewallId::Internal]
    );
    assert_eq!(
        plan.firewalls_crossed(Zone::Perimeter, Zone::Internet),
        [FirewallId::External]
    );
    assert!(
        plan.firewalls_crossed(Zone::Internal, Zone::Internal)
            .is_empty()
    );
    plan.firewalls = Firewalls::three_legged();
    assert_eq!(
        plan.firewalls_crossed(Zone::Internet, Zone::Internal),
        [FirewallId::ThreeLegged]
    );
}

/// Back-to-back, the external firewall passes exactly the rules listed under `external` and the
/// internal one those under `internal` plus any between the Internet and the internal network;
/// three-legged, the one firewall passes every rule that leaves its zone. Inbound rules come
/// from the zone nearer the Internet.
#[test]
fn each_firewalls_rule_set_is_the_rules_crossing_it_inbound_and_outbound() {
    let mut internet_to_internal = 0;
    for path in example_paths() {
        let mut plan = plan_file::load(&path, &catalog()).unwrap();
        let rules = derive(&plan).0;
        let listed = |fw: Firewall| rules.for_firewall(fw).count();
        let external = rules.through(Layout::BackToBack, FirewallId::External);
        let internal = rules.through(Layout::BackToBack, FirewallId::Internal);
        let both = rules
            .rules
            .iter()
            .filter(|r| {
                let mut z = [r.source.zone, r.destination.zone];
                z.sort();
                z == [Zone::Internet, Zone::Internal]
            })
            .count();
        internet_to_internal += both;
        assert_eq!(external.len(), listed(Firewall::External), "{path:?}");
        assert_eq!(
            internal.len(),
            listed(Firewall::Internal) + both,
            "{path:?}"
        );
        for r in &external.inbound {
            assert!(r.source.zone < r.destination.zone, "{}", r.id());
        }
        for r in &internal.outbound {
            assert!(r.source.zone > r.destination.zone, "{}", r.id());
        }
        assert!(!external.inbound.is_empty(), "{path:?}");
        plan.firewalls = Firewalls::three_legged();
        let one = rules.through(plan.firewalls.layout(), FirewallId::ThreeLegged);
        assert_eq!(
            one.len(),
            rules.rules.len() - listed(Firewall::Host),
            "{path:?}"
        );
        assert!(
            rules
                .through(Layout::ThreeLegged, FirewallId::External)
                .is_empty()
        );
    }
    // No example has a rule straight from the Internet to the internal network: their exports
    // by firewall are unchanged.
    assert_eq!(internet_to_internal, 0);
}

#[test]
fn export_firewall_takes_a_firewalls_id_or_name() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let seed = seed.to_str().unwrap();
    let run = |plan: &str, fw: &str| {
        let out = cli(&["export", plan, "--format", "csv", "--firewall", fw]);
        assert_eq!(out.status.code(), Some(0), "{fw}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let by_id = run(seed, "internal");
    assert!(by_id.lines().count() > 1);
    assert_eq!(run(seed, "Internal firewall"), by_id);
    assert!(
        by_id.lines().skip(1).all(|l| l.contains(",internal,")),
        "{by_id}"
    );
    let fixture = root().join("tests/fixtures/format-v2.ron");
    let fixture = fixture.to_str().unwrap();
    let asa = run(fixture, "Perimeter ASA");
    assert_eq!(asa, run(fixture, "three_legged"));
    let rows = |t: &str| t.lines().count() - 1;
    assert_eq!(
        rows(&asa),
        rows(&run(fixture, "external")) + rows(&run(fixture, "internal"))
    );
    let out = cli(&[
        "export",
        seed,
        "--format",
        "csv",
        "--firewall",
        "Perimeter ASA",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "unknown firewall `Perimeter ASA` (expected external, internal, a firewall's name"
        ),
        "{stderr}"
    );
}

/// The diagram draws each firewall as a wall on its zone boundary with its name and interface
/// names, and every link between two zones passes through the wall of each firewall it crosses.
#[test]
fn the_diagram_draws_every_cross_zone_link_through_each_firewall_it_crosses() {
    use lync_port_planner::diagram;
    use lync_port_planner::plan::layout::zone_at;
    let mut checked = 0;
    for path in example_paths() {
        let mut plan = plan_file::load(&path, &catalog()).unwrap();
        for three in [false, true] {
            if three {
                plan.firewalls = Firewalls::three_legged();
            }
            let laid_out = diagram::diagram(&plan, &catalog(), &derive(&plan).0);
            let svg = diagram::svg_of(&plan, &catalog(), &laid_out);
            for fw in plan.firewalls.list() {
                let group = format!(
                    "<g class=\"firewall\" data-firewall=\"{}\">",
                    fw.id.as_str()
                );
                assert_eq!(svg.matches(&group).count(), 1, "{path:?}");
                assert_eq!(svg.matches(&format!(">{}</text>", fw.name)).count(), 1);
                for (_, interface) in &fw.interfaces {
                    assert!(svg.contains(&format!(">{interface}</text>")), "{interface}");
                }
            }
            let walls =
                diagram::firewalls::walls(&plan, diagram::extent(&laid_out), diagram::MARGIN);
            for link in &plan.links {
                let (a, b) = (&plan.nodes[&link.a], &plan.nodes[&link.b]);
                // The examples place each card in its zone's band.
                assert_eq!(zone_at(a.position.x), a.zone, "{}", link.a);
                for id in plan.firewalls_crossed(a.zone, b.zone) {
                    let (lo, hi) = (
                        a.position.x.min(b.position.x),
                        a.position.x.max(b.position.x),
                    );
                    let through = walls.iter().any(|w| {
                        let x = f32::midpoint(w.bounds.min.x, w.bounds.max.x);
                        w.id == id
                            && lo < x
                            && x < hi
                            && w.bounds.min.y < a.position.y.min(b.position.y)
                            && a.position.y.max(b.position.y) < w.bounds.max.y
                    });
                    assert!(through, "{path:?}: {}-{} misses {id:?}", link.a, link.b);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "{checked}");
}

/// Names are text in the SVG, never markup, and a long name is cut to fit between the zones.
#[test]
fn firewall_names_stay_text_in_the_diagram() {
    let mut plan = example("single-director.ron");
    let mut text = read(&root().join("saved-plans/single-director.ron"));
    text = text.replacen("External firewall", "<script>x</script> & co", 1);
    plan.firewalls = plan_file::from_ron(&text, "x", &catalog())
        .unwrap()
        .firewalls;
    let svg = lync_port_planner::diagram::svg(&plan, &catalog(), &derive(&plan).0);
    assert!(!svg.contains("<script>"));
    assert!(
        svg.contains(">&lt;script&gt;x&lt;/script&gt; &amp; co</text>"),
        "{svg}"
    );
    plan.firewalls = Firewalls::three_legged();
    let Firewalls::ThreeLegged { name, .. } = &mut plan.firewalls else {
        unreachable!()
    };
    *name = "n".repeat(64);
    let svg = lync_port_planner::diagram::svg(&plan, &catalog(), &derive(&plan).0);
    assert!(!svg.contains(&"n".repeat(64)));
    assert!(
        svg.contains(&format!("{}…", "n".repeat(20))),
        "cut with an ellipsis"
    );
}

/// The firewalls are one edit (an undo step); a bad name is refused and the plan unchanged.
#[test]
fn the_firewalls_are_changed_by_one_checked_edit() {
    use lync_port_planner::plan::PlanEdit;
    let catalog = catalog();
    let mut plan = example("single-director.ron");
    let before = plan.clone();
    let mut bad = Firewalls::three_legged();
    if let Firewalls::ThreeLegged { inside, .. } = &mut bad {
        *inside = "in\"side".to_owned();
    }
    let err = plan
        .apply(&PlanEdit::SetFirewalls { firewalls: bad }, &catalog)
        .unwrap_err();
    assert!(err.to_string().contains("interface name"), "{err}");
    assert_eq!(plan, before);
    plan.apply(
        &PlanEdit::SetFirewalls {
            firewalls: Firewalls::three_legged(),
        },
        &catalog,
    )
    .unwrap();
    assert_eq!(plan.firewalls.layout(), Layout::ThreeLegged);
    assert_ne!(
        plan, before,
        "a change of firewalls is a change of the plan"
    );
    let text = plan_file::to_ron(&plan).unwrap();
    assert!(
        text.contains("firewalls: three_legged(\n        name: \"Firewall\",\n"),
        "{text}"
    );
    assert_eq!(plan_file::from_ron(&text, "x", &catalog).unwrap(), plan);
}

/// `check --firewall` scopes by the same firewalls as `export`: its id and its name agree, and
/// an unknown one is refused.
#[test]
fn check_firewall_takes_a_firewalls_id_or_name() {
    let fixture = root().join("tests/fixtures/format-v2.ron");
    let fixture = fixture.to_str().unwrap();
    let by_id = cli(&[
        "check",
        fixture,
        "--format",
        "json",
        "--firewall",
        "three_legged",
    ]);
    let by_name = cli(&[
        "check",
        fixture,
        "--format",
        "json",
        "--firewall",
        "Perimeter ASA",
    ]);
    assert_eq!(by_id.status.code(), by_name.status.code());
    assert_eq!(by_id.stdout, by_name.stdout);
    let whole = cli(&["check", fixture, "--format", "json"]);
    assert_eq!(by_id.status.code(), whole.status.code());
    let refused = cli(&["check", fixture, "--firewall", "dmz"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("(expected three_legged, a firewall's name"),
        "{stderr}"
    );
}

/// Every rule to or from Microsoft's "Any" belongs to exactly one peer (its zone and stand-in
/// role), so a diagram drawing the peers gives every rule a visible end.
#[test]
fn every_any_end_belongs_to_one_peer() {
    use lync_port_planner::rules::any_peers;
    let mut stand_ins = std::collections::BTreeSet::new();
    for path in example_paths() {
        let plan = plan_file::load(&path, &catalog()).unwrap();
        let rules = derive(&plan).0;
        let peers = any_peers(&rules, &catalog());
        let mut seen = std::collections::BTreeMap::new();
        for peer in &peers {
            assert!(!peer.rules.is_empty());
            for id in &peer.rules {
                assert!(seen.insert(id.clone(), peer.zone).is_none(), "{id:?} twice");
            }
            stand_ins.insert(peer.role.as_ref().map(|r| r.as_str().to_owned()));
        }
        for rule in &rules.rules {
            let any = [&rule.source, &rule.destination]
                .into_iter()
                .find(|e| e.node.is_none());
            match any {
                Some(end) => assert_eq!(seen.get(&rule.id), Some(&end.zone), "{}", rule.id()),
                None => assert!(!seen.contains_key(&rule.id), "{}", rule.id()),
            }
        }
        // Sorted by zone, outside in, and one peer per zone and role.
        let keys: Vec<_> = peers.iter().map(|p| (p.zone, p.role.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted);
    }
    for role in [None, Some("external_clients".to_owned())] {
        assert!(stand_ins.contains(&role), "{role:?} in {stand_ins:?}");
    }
}
