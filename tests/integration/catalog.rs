//! The catalog: it loads, validates itself, and every citation points at a real row.

use lync_port_planner::catalog::{BUILTIN_RON, Catalog, CatalogError};

use crate::support::{catalog, root};

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

#[test]
fn every_requirement_cites_a_technet_page_and_a_row() {
    let c = catalog();
    for r in c.requirements() {
        let cites = c.citations(r);
        assert!(
            cites.iter().any(|x| !x.starts_with("lync-ports.md")),
            "{} has a TechNet id",
            r.id
        );
        assert!(
            cites.iter().any(|x| x.starts_with("lync-ports.md")),
            "{} has a row key",
            r.id
        );
    }
}

/// Row keys must exist in the reference they cite (`| KEY |` in a table, or a section heading).
#[test]
fn cited_row_keys_exist_in_lync_ports_md() {
    let path = root().join("../shared/reference/lync-ports.md");
    let Ok(md) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var("CI").is_err(),
            "CI runs with ../shared beside the repo"
        );
        eprintln!("SKIPPED: {} not found", path.display());
        return;
    };
    let c = catalog();
    for r in c.requirements() {
        for reference in &r.references {
            let key = reference.row.split_whitespace().next().unwrap();
            let found = if key.starts_with(|ch: char| ch.is_ascii_digit()) {
                md.contains(&format!("## {key}"))
                    || md.contains(&format!("### {key}"))
                    || md.contains(&format!("#### {key}"))
            } else {
                md.contains(&format!("| {key} |"))
            };
            assert!(
                found,
                "{}: row `{}` not found in lync-ports.md",
                r.id, reference.row
            );
        }
    }
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
