//! The catalog: it loads, validates itself, and every citation points at a real row.

use lync_port_planner::catalog::{BUILTIN_RON, Catalog, CatalogError, published_url};

use crate::support::catalog;

#[test]
fn builtin_catalog_loads_with_roles_of_the_design() {
    let c = catalog();
    for role in [
        "reverse_proxy",
        "director",
        "front_end",
        "edge",
        "internal_clients",
        "external_clients",
        "any",
        "sql_back_end",
        "mediation",
        "pstn_gateway",
        "office_web_apps",
        "federated_partner",
        "xmpp_partner",
    ] {
        assert!(c.role(role).is_some(), "role {role}");
    }
    assert!(c.requirements().len() >= 80);
}

/// Every requirement cites at least one of Microsoft's pages, and every page has its title, its
/// file in Microsoft's docs repository, the products it documents and the address that file is
/// published at (checked offline against the repository's publishing rules).
#[test]
fn every_requirement_cites_microsoft_pages_with_their_addresses() {
    let c = catalog();
    for r in c.requirements() {
        assert!(!r.references.is_empty(), "{}", r.id);
        for id in &r.references {
            let page = c.source(id).unwrap_or_else(|| panic!("{}: `{id}`", r.id));
            assert!(!page.title.is_empty() && !page.products.is_empty(), "{id}");
            assert_eq!(
                published_url(&page.path).as_deref(),
                Some(page.url.as_str()),
                "{id}"
            );
        }
    }
    // TechNet ids for Lync Server 2013 pages, file names for Skype for Business Server pages.
    for page in &c.data().sources {
        let technet = page.id.len() == 8
            && ["JJ", "Gg", "Hh"].iter().any(|p| page.id.starts_with(p))
            && page.id[2..].bytes().all(|b| b.is_ascii_digit());
        let file = page
            .path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md");
        assert!(technet || page.id == file, "{}", page.id);
        assert!(page.url.starts_with("https://learn.microsoft.com/en-us/"));
    }
}

/// The addresses follow the publishing rules: Lync Server 2013 pages moved to Microsoft's
/// archive of previous versions, Skype for Business Server pages publish without `SfbServer/`.
#[test]
fn published_addresses_follow_the_repository() {
    assert_eq!(
        published_url("Lync/LyncServer/lync-server-2013-port-summary-reverse-proxy.md").unwrap(),
        "https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-port-summary-reverse-proxy"
    );
    assert_eq!(
        published_url(
            "Skype/SfbServer/plan-your-deployment/network-requirements/ports-and-protocols.md"
        )
        .unwrap(),
        "https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/network-requirements/ports-and-protocols"
    );
    for outside in [
        "Lync/LyncServer/a/b.md",
        "Teams/page.md",
        "Skype/SfbServer/page.txt",
        "Lync/LyncServer/../x.md",
        "Skype/SfbServer/.md",
    ] {
        assert_eq!(published_url(outside), None, "{outside}");
    }
    let err = broken(
        "url: \"https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-port-summary-reverse-proxy\"",
        "url: \"https://learn.microsoft.com/en-us/lyncserver/lync-server-2013-port-summary-reverse-proxy\"",
    )
    .to_string();
    assert!(err.contains("is not where"), "{err}");
}

/// Nothing a user reads names the keys of our research notes or calls a page "the seed page".
#[test]
fn catalog_texts_name_no_research_keys() {
    let c = catalog();
    let mut texts: Vec<String> = Vec::new();
    for r in c.requirements() {
        texts.extend([
            r.notes.en.clone(),
            r.notes.zh_tw.clone(),
            r.notes.ko_kr.clone(),
        ]);
    }
    for x in &c.data().conflicts {
        texts.extend([
            x.summary.en.clone(),
            x.summary.zh_tw.clone(),
            x.summary.ko_kr.clone(),
        ]);
    }
    for m in &c.data().must_link {
        texts.extend([m.why.en.clone(), m.why.zh_tw.clone(), m.why.ko_kr.clone()]);
    }
    let key = |w: &str| {
        let w = w.trim_matches(|ch: char| !ch.is_ascii_alphanumeric());
        let digits = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
        ["S", "D", "K", "E", "I"]
            .iter()
            .any(|p| w.strip_prefix(p).is_some_and(digits))
            || w.starts_with("S1-")
    };
    for t in &texts {
        assert!(
            !t.contains("lync-ports") && !t.to_lowercase().contains("seed page"),
            "{t}"
        );
        assert!(!t.split_whitespace().any(key), "{t}");
    }
    assert!(!BUILTIN_RON.contains("shared/reference"));
}

fn broken(from: &str, to: &str) -> CatalogError {
    assert!(
        BUILTIN_RON.contains(from),
        "fixture text `{from}` is in the catalog"
    );
    let text = BUILTIN_RON.replacen(from, to, 1);
    Catalog::from_ron(&text, "broken.ron").expect_err("must be refused")
}

#[test]
fn duplicate_requirement_id_is_refused() {
    let err = broken("id: \"rp-dir-https-4443\"", "id: \"rp-dir-http-8080\"").to_string();
    assert_eq!(
        err,
        "broken.ron: invalid catalog: duplicate requirement id `rp-dir-http-8080`"
    );
}

#[test]
fn unknown_role_is_refused() {
    let err = broken(
        "Role(role: \"director\", endpoint: Fixed(\"server\"))",
        "Role(role: \"directr\", endpoint: Fixed(\"server\"))",
    )
    .to_string();
    assert!(err.contains("unknown role `directr`"), "{err}");
}

#[test]
fn unknown_endpoint_is_refused() {
    let err = broken(
        "Fixed(\"internal_interface\")",
        "Fixed(\"inner_interface\")",
    )
    .to_string();
    assert!(err.contains("has no endpoint `inner_interface`"), "{err}");
}

#[test]
fn bad_port_range_is_refused_with_its_position() {
    let err = broken("ports: \"50000-59999\"", "ports: \"59999-50000\"");
    let CatalogError::Parse {
        line, col, message, ..
    } = &err
    else {
        panic!("parse error expected: {err}")
    };
    let expected_line = BUILTIN_RON[..BUILTIN_RON.find("ports: \"50000-59999\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(*line, expected_line);
    assert!(*col > 1);
    assert!(message.contains("59999-50000"), "{message}");
}

#[test]
fn catalog_file_can_replace_the_builtin_one() {
    let path = crate::support::write_temp(
        "catalog.ron",
        BUILTIN_RON
            .replace("version: \"", "version: \"test-")
            .as_bytes(),
    );
    let c = Catalog::load(&path).unwrap();
    assert!(c.label().starts_with("lync-2013@test-"));
}

#[test]
fn every_catalog_text_is_translated() {
    let c = catalog();
    let data = c.data();
    let mut texts: Vec<(&str, &lync_port_planner::catalog::Text)> = Vec::new();
    texts.extend(data.requirements.iter().map(|r| (r.id.as_str(), &r.notes)));
    texts.extend(data.conflicts.iter().map(|x| (x.id.as_str(), &x.summary)));
    texts.extend(data.must_link.iter().map(|m| (m.from.as_str(), &m.why)));
    for role in &data.roles {
        texts.push((role.id.as_str(), &role.name));
        texts.extend(role.endpoints.iter().map(|e| (e.id.as_str(), &e.name)));
        texts.extend(role.flags.iter().map(|f| (f.id.as_str(), &f.name)));
    }
    for (id, t) in texts {
        assert!(
            !t.zh_tw.trim().is_empty() && !t.ko_kr.trim().is_empty(),
            "{id}: {t:?}"
        );
    }
}

/// Every load balancer VIP of the built-in catalog forwards to a member endpoint of its role
/// (the Windows Firewall export opens VIP traffic on those members): from a requirement that
/// balances the two, or by name (`av_edge_vip` -> `av_edge`).
#[test]
fn every_vip_forwards_to_a_member_endpoint_of_its_role() {
    use lync_port_planner::catalog::Scope;
    let c = catalog();
    let mut vips = Vec::new();
    for role in c.roles() {
        for vip in role.endpoints.iter().filter(|e| e.scope == Scope::Vip) {
            let members = c.vip_members(&role.id, &vip.id).unwrap_or_else(|| {
                panic!("{}: {} forwards to no member endpoint", role.id, vip.id)
            });
            let kind = role.endpoint(members).unwrap();
            assert_eq!(kind.scope, Scope::Member, "{}: {}", role.id, vip.id);
            vips.push(format!("{}/{} -> {members}", role.id, vip.id));
        }
    }
    for expected in [
        "front_end/hlb_vip -> server",
        "edge/internal_vip -> internal_interface",
        "edge/access_edge_vip -> access_edge",
        "edge/av_edge_vip -> av_edge",
    ] {
        assert!(vips.iter().any(|v| v == expected), "{expected} in {vips:?}");
    }
    assert_eq!(
        c.vip_members("edge", "internal_interface"),
        None,
        "not a VIP"
    );
}

/// A requirement that reaches the whole deployment has two roles and its conditions on its
/// source: the derivation finds its one source before any destination.
#[test]
fn a_deployment_reach_needs_two_roles_and_conditions_on_its_source() {
    let from = "            when: [Flag(role: \"front_end\", flag: \"holds_cms\")],\n            notes: (en: \"The Master Replicator Agent on the Front End that holds the CMS pushes configuration to other servers.";
    let to = "            when: [Flag(role: \"front_end\", flag: \"holds_cms\"), Lb(role: \"mediation\", modes: [single])],\n            notes: (en: \"The Master Replicator Agent on the Front End that holds the CMS pushes configuration to other servers.";
    let err = broken(from, to).to_string();
    assert!(err.contains("`fe-med-cms-445`"), "{err}");
    assert!(err.contains("a condition not on its source"), "{err}");
    // Without the reach the same condition is fine.
    let text = BUILTIN_RON.replacen(from, to, 1);
    let start = text.find("id: \"fe-med-cms-445\"").unwrap();
    let reach = start
        + text[start..]
            .find("            reach: Deployment,\n")
            .unwrap();
    let text = format!(
        "{}{}",
        &text[..reach],
        &text[reach + "            reach: Deployment,\n".len()..]
    );
    Catalog::from_ron(&text, "fine.ron").unwrap();
}

/// A rule cites only pages whose rows back it (a second reading of the Edge and Director pages
/// found these citing a page that says otherwise).
#[test]
fn citations_hold_their_rows() {
    use crate::support::{derive, example};
    let cites = |plan: &str, requirement: &str| -> (Vec<String>, Vec<String>) {
        let (set, _) = derive(&example(plan));
        let rule = (set.rules.iter())
            .find(|r| &*r.origin.requirement == requirement)
            .unwrap_or_else(|| panic!("{plan}: no {requirement}"));
        let pages = rule.origin.sources.iter().map(|p| p.id.clone()).collect();
        (pages, rule.origin.conflicts.to_vec())
    };
    // Port summary - Single Director sends CLS 50001-50003 to the Edge, not to the Director.
    let (pages, conflicts) = cites("single-director.ron", "any-dir-cls-50001");
    assert!(!pages.contains(&"JJ204648".to_owned()), "{pages:?}");
    assert!(conflicts.contains(&"cls-director-destination".to_owned()));
    // The public IM page's media rows are Windows Live Messenger's, at the Access interface.
    for requirement in [
        "edge-any-stun-3478",
        "any-edge-stun-3478-ext",
        "edge-any-rtp-50000-tcp",
    ] {
        let (pages, _) = cites("single-edge-nat.ron", requirement);
        assert!(
            !pages.contains(&"JJ618373".to_owned()),
            "{requirement}: {pages:?}"
        );
    }
    // Determine external A/V firewall and port requirements reads the range as source ports.
    let (pages, conflicts) = cites("single-edge-nat.ron", "edge-any-rtp-50000-tcp");
    assert!(pages.contains(&"Gg425882".to_owned()));
    assert!(
        conflicts.contains(&"rtp-tcp-source-ports".to_owned()),
        "{conflicts:?}"
    );
}
