//! Certificates: rows of Microsoft's certificate pages in plans built here with the pages'
//! example names; every example plan's requests read by their consumers (`openssl req` makes
//! a CSR from each configuration, whose names must equal the table's; the certreq INF files
//! pass a grammar check of their sections, keys and quoted values).

use std::collections::BTreeMap;
use std::process::Command;

use lync_port_planner::certs::{self, Ca, Certificate, Installed};
use lync_port_planner::plan::{NameKind, NodeId, Plan};
use lync_port_planner::topology::{Addressing, LbMode, Zone};

use crate::dns::{member, node, plan};
use crate::support::{catalog, cli, example_paths, require_tool, temp_dir, write_temp};

fn certificates(plan: &Plan) -> Vec<Certificate> {
    certs::derive(plan, &catalog()).unwrap().certificates
}

fn one(plan: &Plan, installed: Installed) -> Certificate {
    let all = certificates(plan);
    let mut found = all.iter().filter(|c| c.installed == installed);
    let c = found
        .next()
        .unwrap_or_else(|| panic!("no {installed:?} in {all:#?}"));
    assert!(found.next().is_none(), "two {installed:?}");
    c.clone()
}

fn names(c: &Certificate) -> Vec<&str> {
    c.sans
        .iter()
        .map(lync_port_planner::dns::DnsName::as_str)
        .collect()
}

/// The page's SANs are all on the certificate (and the subject is the page's).
#[track_caller]
fn require(c: &Certificate, title: &str, subject: &str, sans: &[&str]) {
    assert_eq!(c.page.title, title);
    assert_eq!(c.subject.as_str(), subject);
    for s in sans {
        assert!(names(c).contains(s), "{s} missing from {:?}", names(c));
    }
}

fn front_end(fqdn: &str) -> lync_port_planner::plan::Node {
    node(
        "front_end",
        Zone::Internal,
        fqdn,
        LbMode::Single,
        vec![member("pool01", &[("server", "192.168.10.90")], &[])],
    )
}

/// "Certificate summary - Single Director": the Default certificate's subject and SANs.
#[test]
fn single_director() {
    let d = node(
        "director",
        Zone::Internal,
        "dir01.contoso.net",
        LbMode::Single,
        vec![member("dir01", &[("server", "192.168.10.41")], &[])],
    );
    let rp = node("reverse_proxy", Zone::Perimeter, "", LbMode::Single, vec![]);
    let p = plan(
        &["contoso.com"],
        vec![
            ("dir", d),
            ("fe", front_end("pool01.contoso.net")),
            ("rp", rp),
        ],
    );
    let c = one(&p, Installed::Director);
    require(
        &c,
        "Lync Server 2013: Certificate summary - Single Director",
        "dir01.contoso.net",
        &[
            "dir01.contoso.net",
            "dialin.contoso.com",
            "meet.contoso.com",
            "lyncdiscoverinternal.contoso.com",
            "lyncdiscover.contoso.com",
        ],
    );
    assert_eq!(names(&c)[0], "dir01.contoso.net");
    assert_eq!(c.ca, Ca::Internal);
    assert!(!c.exportable);
}

/// "Certificate summary - Single consolidated edge with public IP addresses": the external
/// certificate (public CA, `sip` per SIP domain and `webcon`, the subject replicated as a SAN),
/// the internal one (subject only, "No SAN required"), and the XMPP table's `xmpp` name.
#[test]
fn single_consolidated_edge() {
    let mut e = node(
        "edge",
        Zone::Perimeter,
        "lsedge.contoso.net",
        LbMode::Single,
        vec![member("lsedge", &[], &[])],
    );
    e.addressing = Addressing::Public;
    let p = plan(&["contoso.com", "fabrikam.com"], vec![("edge", e.clone())]);
    let title = "Certificate summary - Single consolidated edge with public IP addresses";
    let ext = one(&p, Installed::EdgeExternal);
    require(
        &ext,
        title,
        "sip.contoso.com",
        &["webcon.contoso.com", "sip.contoso.com", "sip.fabrikam.com"],
    );
    // The public IM table's order.
    assert_eq!(
        names(&ext),
        ["sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com"]
    );
    assert_eq!((ext.ca, ext.exportable), (Ca::Public, false));
    let int = one(&p, Installed::EdgeInternal);
    require(&int, title, "lsedge.contoso.net", &[]);
    assert!(int.sans.is_empty());
    e.flags.insert("xmpp".to_owned());
    let p = plan(&["contoso.com", "fabrikam.com"], vec![("edge", e)]);
    let ext = one(&p, Installed::EdgeExternal);
    require(&ext, title, "sip.contoso.com", &["xmpp.contoso.com"]);
}

/// "Certificate summary - Scaled consolidated edge, DNS load balancing with public IP
/// addresses": "the certificate private key must be exportable".
#[test]
fn scaled_edge_shares_an_exportable_key() {
    let e = node(
        "edge",
        Zone::Perimeter,
        "lsedge.contoso.net",
        LbMode::Dns,
        vec![member("edge01", &[], &[]), member("edge02", &[], &[])],
    );
    let p = plan(&["contoso.com", "fabrikam.com"], vec![("edge", e)]);
    let ext = one(&p, Installed::EdgeExternal);
    require(
        &ext,
        "Lync Server 2013: Certificate summary - Scaled consolidated edge, DNS load balancing with public IP addresses",
        "sip.contoso.com",
        &["webcon.contoso.com", "sip.contoso.com", "sip.fabrikam.com"],
    );
    assert!(ext.exportable);
    assert!(one(&p, Installed::EdgeInternal).exportable);
}

/// "Certificate summary - Reverse proxy": its subject and SANs, in its order.
#[test]
fn reverse_proxy() {
    let p = plan(
        &["contoso.com"],
        vec![
            (
                "a-dir",
                node(
                    "director",
                    Zone::Internal,
                    "dir01.contoso.net",
                    LbMode::Single,
                    vec![],
                ),
            ),
            ("b-fe", front_end("pool01.contoso.net")),
            (
                "owa",
                node(
                    "office_web_apps",
                    Zone::Internal,
                    "owa01.contoso.net",
                    LbMode::Single,
                    vec![],
                ),
            ),
            (
                "rp",
                node("reverse_proxy", Zone::Perimeter, "", LbMode::Single, vec![]),
            ),
        ],
    );
    let c = one(&p, Installed::ReverseProxy);
    assert_eq!(
        c.page.title,
        "Lync Server 2013: Certificate summary - Reverse proxy"
    );
    assert_eq!(c.subject.as_str(), "webext.contoso.com");
    assert_eq!(
        names(&c),
        [
            "webext.contoso.com",
            "webdirext.contoso.com",
            "dialin.contoso.com",
            "meet.contoso.com",
            "officewebapps01.contoso.com",
            "lyncdiscover.contoso.com",
        ]
    );
    assert_eq!(c.ca, Ca::Public);
}

/// "Certificate requirements for internal servers": the Front End pool's Default and web
/// certificates (on one certificate) with `sip` per SIP domain for the auto-logon pool, and a
/// stand-alone Mediation pool's.
#[test]
fn internal_servers() {
    let mut fe = front_end("eepool.contoso.com");
    fe.members = vec![member("ee01", &[("server", "192.168.10.91")], &[])];
    let med = node(
        "mediation",
        Zone::Internal,
        "medsvr-pool.contoso.net",
        LbMode::Dns,
        vec![member("medsvr01", &[], &[])],
    );
    let p = plan(
        &["contoso.com", "fabrikam.com"],
        vec![("fe", fe), ("med", med)],
    );
    let title = "Lync Server 2013: Certificate requirements for internal servers";
    require(
        &one(&p, Installed::FrontEnd),
        title,
        "eepool.contoso.com",
        &[
            "eepool.contoso.com",
            "ee01.contoso.com",
            "meet.contoso.com",
            "meet.fabrikam.com",
            "dialin.contoso.com",
            "admin.contoso.com",
            "sip.contoso.com",
            "sip.fabrikam.com",
        ],
    );
    let m = one(&p, Installed::Mediation);
    require(&m, title, "medsvr-pool.contoso.net", &[]);
    assert_eq!(
        names(&m),
        ["medsvr-pool.contoso.net", "medsvr01.contoso.net"]
    );
}

/// RFC 4180 CSV as our CSV export writes it (quoted cells, doubled quotes).
pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

/// The table's certificates by request file stem (`INSTALLED-SUBJECT`): SANs and exportable.
fn table(plan: &std::path::Path) -> BTreeMap<String, (Vec<String>, bool)> {
    let run = cli(&[
        "export",
        plan.to_str().unwrap(),
        "--format",
        "certificates-csv",
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let rows = parse_csv(&String::from_utf8(run.stdout).unwrap());
    assert_eq!(rows[0][..4], ["installed_on", "node", "subject", "sans"]);
    (rows[1..].iter())
        .map(|r| {
            let sans = r[3].split_whitespace().map(str::to_owned).collect();
            (format!("{}-{}", r[0], r[2]), (sans, r[5] == "yes"))
        })
        .collect()
}

fn export_folder(plan: &std::path::Path, format: &str, out: &std::path::Path) {
    let args = [
        "export",
        plan.to_str().unwrap(),
        "--format",
        format,
        "--output",
        out.to_str().unwrap(),
    ];
    let run = cli(&args);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
}

/// The DNS names `openssl req` puts in the CSR made from `config`, and its subject line.
fn csr_names(config: &std::path::Path) -> (String, Vec<String>) {
    let csr = config.with_extension("csr");
    let made = Command::new("openssl")
        .args(["req", "-new", "-config", config.to_str().unwrap()])
        .args([
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "/dev/null",
            "-out",
        ])
        .arg(&csr)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}: {made:?}", config.display());
    let text = Command::new("openssl")
        .args(["req", "-noout", "-text", "-in"])
        .arg(&csr)
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Public-Key: (2048 bit)"), "{text}");
    let subject = (text.lines())
        .find_map(|l| l.trim().strip_prefix("Subject: "))
        .unwrap()
        .to_owned();
    let sans = (text.lines())
        .skip_while(|l| !l.contains("X509v3 Subject Alternative Name"))
        .nth(1)
        .map(|l| {
            l.split(", ")
                .map(|n| n.trim().strip_prefix("DNS:").unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default();
    (subject, sans)
}

/// For every example plan `openssl req` makes a CSR from each configuration, and its subject
/// and DNS names are exactly the certificate table's, in order.
#[test]
fn openssl_csrs_carry_the_tables_names_for_every_example() {
    if !require_tool("openssl") {
        return;
    }
    for path in example_paths() {
        let expected = table(&path);
        assert!(!expected.is_empty(), "{}", path.display());
        let out = temp_dir().join("openssl");
        export_folder(&path, "cert-openssl", &out);
        let files = crate::dns::folder_files(&out);
        let stems: Vec<String> = (files.keys())
            .map(|k| k.strip_suffix(".cnf").unwrap().to_owned())
            .collect();
        assert_eq!(
            stems,
            expected.keys().cloned().collect::<Vec<_>>(),
            "{}",
            path.display()
        );
        for (stem, (sans, _)) in &expected {
            let (subject, have) = csr_names(&out.join(format!("{stem}.cnf")));
            assert!(
                stem.ends_with(subject.strip_prefix("CN = ").unwrap()),
                "{stem}: {subject}"
            );
            assert_eq!(&have, sans, "{}: {stem}", path.display());
        }
    }
}

/// A certreq INF file as `certreq -new` reads it: `[Section]` lines, `Key = Value` lines whose
/// quoted values close, `;` comments; returns the sections' entries in order.
fn parse_inf(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{line}");
            sections.push((name.to_owned(), Vec::new()));
            continue;
        }
        let (key, value) = line.split_once(" = ").unwrap_or_else(|| panic!("{line:?}"));
        assert!(
            key.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
            "{line}"
        );
        let value = if let Some(v) = value.strip_prefix('"') {
            let v = v
                .strip_suffix('"')
                .unwrap_or_else(|| panic!("unclosed: {line}"));
            assert!(!v.contains('"'), "{line}");
            v
        } else {
            assert!(
                value.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'),
                "{line}"
            );
            value
        };
        let section = sections
            .last_mut()
            .unwrap_or_else(|| panic!("outside a section: {line}"));
        section.1.push((key.to_owned(), value.to_owned()));
    }
    sections
}

/// For every example plan each certreq INF file parses, asks for the table's subject, names
/// (`_continue_ = "dns=NAME&"`), key size, server EKU and exportable key.
#[test]
fn certreq_files_parse_and_ask_for_the_tables_names() {
    for path in example_paths() {
        let expected = table(&path);
        let out = temp_dir().join("certreq");
        export_folder(&path, "certreq", &out);
        let files = crate::dns::folder_files(&out);
        assert_eq!(files.len(), expected.len());
        for (stem, (sans, exportable)) in &expected {
            let text = String::from_utf8(files[&format!("{stem}.inf")].clone()).unwrap();
            let sections = parse_inf(&text);
            let get = |s: &str| &sections.iter().find(|(n, _)| n == s).unwrap().1;
            let value = |s: &str, k: &str| {
                get(s)
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
            };
            assert_eq!(
                value("Version", "Signature").as_deref(),
                Some("$Windows NT$")
            );
            let subject = value("NewRequest", "Subject").unwrap();
            assert!(
                stem.ends_with(subject.strip_prefix("CN=").unwrap()),
                "{stem}"
            );
            assert_eq!(value("NewRequest", "KeyLength").as_deref(), Some("2048"));
            assert_eq!(
                value("NewRequest", "MachineKeySet").as_deref(),
                Some("TRUE")
            );
            let want = if *exportable { "TRUE" } else { "FALSE" };
            assert_eq!(
                value("NewRequest", "Exportable").as_deref(),
                Some(want),
                "{stem}"
            );
            assert_eq!(
                value("EnhancedKeyUsageExtension", "OID").as_deref(),
                Some("1.3.6.1.5.5.7.3.1")
            );
            let names: Vec<String> = sections
                .iter()
                .filter(|(n, _)| n == "Extensions")
                .flat_map(|(_, e)| e.iter())
                .filter(|(k, _)| k == "_continue_")
                .map(|(_, v)| {
                    v.strip_prefix("dns=")
                        .unwrap()
                        .strip_suffix('&')
                        .unwrap()
                        .to_owned()
                })
                .collect();
            assert_eq!(&names, sans, "{stem}");
            if !sans.is_empty() {
                assert_eq!(value("Extensions", "2.5.29.17").as_deref(), Some("{text}"));
            }
        }
    }
}

/// Hostile text in names never reaches a request: each such name is left out (and is a
/// finding), and every request still turns into a CSR.
#[test]
fn hostile_names_never_reach_a_request() {
    let mut p = crate::support::example("full-site.ron");
    p.names.sip_domains = vec![
        "x'; Remove-Item -Recurse C:\\ #.net".to_owned(),
        "northwind.net".to_owned(),
    ];
    p.names.meet = "meet.northwind.net\n[ext]\nsubjectAltName = DNS:evil.example".to_owned();
    p.names.dialin = "dialin\"&dns=evil.example".to_owned();
    let edge = p.node_mut(&NodeId::from("edge")).unwrap();
    edge.names.insert(
        NameKind::Webconf,
        "webcon.northwind.net\r\nExportable = TRUE".to_owned(),
    );
    let path = write_temp(
        "hostile.ron",
        lync_port_planner::plan_file::to_ron(&p).unwrap().as_bytes(),
    );
    let fragments = ["Remove-Item", "evil", "Exportable = TRUE\r\nExportable"];
    let clean = |text: &str| {
        for f in fragments {
            assert!(!text.contains(f), "`{f}` in {text}");
        }
    };
    let run = cli(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "certificates-csv",
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    clean(&String::from_utf8(run.stdout).unwrap());
    for format in ["cert-openssl", "certreq"] {
        let out = temp_dir().join(format);
        export_folder(&path, format, &out);
        for (name, text) in crate::dns::folder_files(&out) {
            let text = String::from_utf8(text).unwrap();
            clean(&text);
            if format == "certreq" {
                parse_inf(&text);
            } else if require_tool("openssl") {
                csr_names(&out.join(name));
            }
        }
    }
}

/// `certificate_name`: a SAN no DNS record resolves (an Office Web Apps farm's external name
/// with no reverse proxy to publish it), a subject over 64 characters (and no request for it),
/// a name that is not a DNS name (left out of the certificate).
#[test]
fn certificate_name_findings() {
    let base = crate::support::example("single-edge-public.ron");
    let certificate_names = |p: &Plan| -> Vec<String> {
        let (_, findings) = crate::support::derive(p);
        (findings.iter())
            .filter(|f| f.kind.as_str() == "certificate_name")
            .map(|f| f.message.en.clone())
            .collect()
    };
    assert_eq!(certificate_names(&base), Vec::<String>::new());
    let mut p = base.clone();
    let owa = node(
        "office_web_apps",
        Zone::Internal,
        "owa01.corp.northwind.net",
        LbMode::Single,
        vec![member("owa01", &[("server", "10.0.0.77")], &[])],
    );
    p.nodes
        .insert(NodeId::from("owa"), std::sync::Arc::new(owa));
    assert_eq!(
        certificate_names(&p),
        [
            "office_web_apps: the office-web-apps certificate names officewebapps01.northwind.net, which no DNS record of the plan resolves: add the name or its record"
        ]
    );
    let mut p = base.clone();
    p.names.admin = "admin_1.northwind.net".to_owned();
    let long = "a".repeat(60) + ".northwind.net";
    let e = p.node_mut(&NodeId::from("edge")).unwrap();
    e.names.insert(NameKind::Access, long.clone());
    let found = certificate_names(&p);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.iter().any(|f| f.contains(&format!(
            "subject {long} is 74 characters long, over the 64"
        ))),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("leaves out `admin_1.northwind.net`")),
        "{found:#?}"
    );
    let path = write_temp(
        "long.ron",
        lync_port_planner::plan_file::to_ron(&p).unwrap().as_bytes(),
    );
    let out = temp_dir().join("long");
    export_folder(&path, "cert-openssl", &out);
    let files = crate::dns::folder_files(&out);
    assert!(
        !files.keys().any(|k| k.starts_with("edge-external")),
        "{:?}",
        files.keys()
    );
    assert!(
        !files
            .values()
            .any(|t| String::from_utf8_lossy(t).contains("admin_1"))
    );
}

/// The HTML and Markdown reports have a Certificates section: one row per certificate of the
/// table, each linking its page.
#[test]
fn reports_have_a_certificates_section() {
    let seed = crate::support::root().join("saved-plans/full-site.ron");
    let rows = table(&seed).len();
    for format in ["markdown", "html"] {
        let run = cli(&["export", seed.to_str().unwrap(), "--format", format]);
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        let text = String::from_utf8(run.stdout).unwrap();
        let section = text
            .split("Certificates")
            .nth(1)
            .unwrap_or_else(|| panic!("{text}"));
        let linked = section.matches("lync-server-2013-certificate").count();
        // Each row links its page once in Markdown, and in HTML once as the address.
        assert_eq!(linked, rows, "{format}: {section}");
        assert!(
            section.contains("sip.northwind.net, webcon.northwind.net"),
            "{format}"
        );
    }
}

/// `--format certificates` (DESIGN.md's name for the table) writes what `certificates-csv`
/// writes.
#[test]
fn certificates_is_the_certificate_tables_other_name() {
    let plan = crate::support::example_paths()
        .into_iter()
        .find(|p| p.ends_with("full-site.ron"))
        .unwrap();
    let run = |format: &str| {
        let out = cli(&["export", plan.to_str().unwrap(), "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        out.stdout
    };
    let table = run("certificates-csv");
    assert!(table.len() > 200, "{}", table.len());
    assert_eq!(run("certificates"), table);
}
