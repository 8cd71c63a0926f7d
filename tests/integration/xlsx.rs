//! The Excel workbook read back by openpyxl (`xlsx_read.py`), as a firewall team's spreadsheet
//! tools read it: its sheets, headings, frozen header, filter, widths; every rule row equal to
//! the JSON export's rule; Chinese and Korean text intact; no formula; the same bytes for the
//! same plan; the CLI refusing a terminal and honouring the scope options.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use lync_port_planner::escape::one_line;
use lync_port_planner::export::{self, Format, Output};
use lync_port_planner::i18n::Lang;
use lync_port_planner::plan::{FirewallDevice, Firewalls, NodeId, Plan};
use lync_port_planner::rules::{RuleScope, crosses};
use lync_port_planner::topology::Firewall;
use serde_json::Value;

use crate::support::{cli, example, export, export_output, root, temp_dir};

/// The headings of a rule sheet in English: the Planning Tool's Firewall report, then ours.
const HEADINGS: [&str; 14] = [
    "Role",
    "Source",
    "Source IP",
    "Source port",
    "Destination",
    "Destination IP",
    "Destination port",
    "Transport",
    "Application protocol",
    "Notes",
    "Page",
    "Page address",
    "Direction",
    "Rule ID",
];

/// The Python with openpyxl: `LPP_XLSX_PYTHON`, the virtualenv `.ci/run` makes
/// (`target/xlsx-venv`), or `python3`; `None` (a failure under CI) when none imports it.
pub fn reader_python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("LPP_XLSX_PYTHON").map(PathBuf::from),
        Some(root().join("target/xlsx-venv/bin/python")),
        Some(PathBuf::from("python3")),
    ];
    let found = candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").is_err(),
            "openpyxl is required in CI (.ci/run installs it in target/xlsx-venv)"
        );
        eprintln!("SKIPPED: no Python with openpyxl (set LPP_XLSX_PYTHON)");
    }
    found
}

/// The workbooks as openpyxl reads them, by file path.
pub fn read_books(python: &Path, files: &[PathBuf]) -> BTreeMap<String, Value> {
    let out = Command::new(python)
        .arg(root().join("tests/integration/xlsx_read.py"))
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openpyxl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The workbook of a plan (English), as the core makes it.
pub fn workbook(plan: &Plan) -> Vec<u8> {
    match export_output(plan, Format::Xlsx) {
        Output::Bytes(bytes) => bytes,
        other => panic!("the workbook is one binary file: {other:?}"),
    }
}

fn sheet_names(book: &Value) -> Vec<&str> {
    (book["sheets"].as_array().unwrap().iter())
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

fn text(cell: &Value) -> &str {
    cell.as_str().unwrap_or_default()
}

/// The rule ids of a rule sheet, in row order.
fn sheet_ids(sheet: &Value) -> Vec<String> {
    (sheet["rows"].as_array().unwrap().iter().skip(1))
        .map(|row| text(&row[13]).to_owned())
        .collect()
}

/// The DNS records sheet against the plan's records: the same records in the same order, each
/// page's title linked to its address; the header frozen; no formula.
fn check_dns_sheet(name: &str, plan: &Plan, sheet: &Value) {
    let records = lync_port_planner::dns::derive(plan, &crate::support::catalog()).unwrap();
    let rows = sheet["rows"].as_array().unwrap();
    assert_eq!(
        rows[0],
        serde_json::json!([
            "View",
            "Zone",
            "Name",
            "Type",
            "Value",
            "Purpose",
            "Page",
            "Page address"
        ]),
        "{name}"
    );
    assert_eq!(
        rows.len(),
        records.records.len() + 1,
        "{name}: one row per record"
    );
    assert_eq!(sheet["freeze"], "A2", "{name}");
    assert!(sheet["formulas"].as_array().unwrap().is_empty(), "{name}");
    for (n, (row, record)) in rows.iter().skip(1).zip(&records.records).enumerate() {
        assert_eq!(text(&row[0]), record.view.as_str(), "{name}");
        assert_eq!(text(&row[2]), record.name.as_str(), "{name}");
        assert_eq!(text(&row[3]), record.data.type_name(), "{name}");
        assert_eq!(text(&row[7]), record.page.url, "{name}");
        assert_eq!(
            sheet["links"][format!("G{}", n + 2)],
            record.page.url.as_str(),
            "{name}: the page's hyperlink"
        );
    }
}

/// The Certificates sheet against the plan's certificates: subject, every SAN and the page, in
/// order; the header frozen; no formula.
fn check_certs_sheet(name: &str, plan: &Plan, sheet: &Value) {
    let certs = lync_port_planner::certs::derive(plan, &crate::support::catalog()).unwrap();
    let rows = sheet["rows"].as_array().unwrap();
    assert_eq!(
        rows[0],
        serde_json::json!([
            "Installed on",
            "Subject",
            "Subject alternative names",
            "Key usage",
            "Exportable key",
            "CA",
            "Page",
            "Page address"
        ]),
        "{name}"
    );
    assert_eq!(
        rows.len(),
        certs.certificates.len() + 1,
        "{name}: one row per certificate"
    );
    assert_eq!(sheet["freeze"], "A2", "{name}");
    assert!(sheet["formulas"].as_array().unwrap().is_empty(), "{name}");
    for (n, (row, cert)) in rows.iter().skip(1).zip(&certs.certificates).enumerate() {
        assert_eq!(text(&row[1]), cert.subject.to_string(), "{name}");
        let sans: Vec<&str> = cert
            .sans
            .iter()
            .map(lync_port_planner::dns::DnsName::as_str)
            .collect();
        assert_eq!(text(&row[2]), sans.join(", "), "{name}");
        assert_eq!(
            sheet["links"][format!("G{}", n + 2)],
            cert.page.url.as_str(),
            "{name}: the page's hyperlink"
        );
    }
}

/// A plan's workbook against its JSON export: sheets, headings, rows.
fn check_against_json(name: &str, plan: &Plan, book: &Value) {
    let json: Value = serde_json::from_str(&export(plan, Format::Json)).unwrap();
    let rules: BTreeMap<&str, &Value> = (json["rules"].as_array().unwrap().iter())
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    let (rule_set, _) = crate::support::derive(plan);
    let layout = plan.firewalls.layout();
    // The sheets a firewall team expects: each firewall of the plan its rules cross, the host
    // rules, outside in.
    let mut expected: Vec<(String, Vec<String>)> = Vec::new();
    for fw in plan.firewalls.list() {
        let ids: Vec<String> = (rule_set.rules.iter())
            .filter(|r| crosses(r, layout, fw.id))
            .map(|r| r.id().to_string())
            .collect();
        if !ids.is_empty() {
            expected.push((fw.display_name(Lang::En).into_owned(), ids));
        }
    }
    let host: Vec<String> = (rule_set.for_firewall(Firewall::Host))
        .map(|r| r.id().to_string())
        .collect();
    if !host.is_empty() {
        expected.push(("Host firewalls (same zone)".to_owned(), host));
    }
    let sheets = book["sheets"].as_array().unwrap();
    let names = sheet_names(book);
    assert_eq!(names.first(), Some(&"Summary"), "{name}");
    assert_eq!(
        names[names.len() - 3..],
        ["Findings", "DNS records", "Certificates"],
        "{name}"
    );
    let rule_sheets = &sheets[1..sheets.len() - 3];
    assert_eq!(
        names[1..names.len() - 3],
        expected.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        "{name}"
    );
    let mut seen = BTreeSet::new();
    for (sheet, (title, ids)) in rule_sheets.iter().zip(&expected) {
        let rows = sheet["rows"].as_array().unwrap();
        assert_eq!(rows[0], serde_json::json!(HEADINGS), "{name} {title}");
        assert_eq!(sheet["freeze"], "A2", "{name} {title}");
        assert_eq!(sheet["filter"], format!("A1:N{}", rows.len()), "{name}");
        // Widths in characters (Excel adds a little padding); equal neighbours share an entry.
        let widths = &sheet["widths"];
        assert!(
            widths["J"].as_f64().unwrap() > 50.0,
            "{name}: notes {widths}"
        );
        assert!(
            widths["B"].as_f64().unwrap() > 30.0,
            "{name}: source {widths}"
        );
        for col in ["C", "F", "J", "L"] {
            let wrapped = sheet["wrapped"].as_array().unwrap();
            assert!(wrapped.contains(&col.into()), "{name}: {col} wraps");
        }
        assert!(sheet["formulas"].as_array().unwrap().is_empty(), "{name}");
        assert_eq!(sheet_ids(sheet), *ids, "{name} {title}: rows and order");
        for (n, row) in rows.iter().enumerate().skip(1) {
            let id = text(&row[13]);
            let rule = rules[id];
            seen.insert(id.to_owned());
            check_row(name, row, rule);
            let link = &sheet["links"][format!("K{}", n + 1)];
            let first = &rule["sources"][0]["url"];
            assert_eq!(link, first, "{name} {id}: the page's hyperlink");
            let direction = text(&row[12]);
            if title.starts_with("Host") {
                assert_eq!(direction, "Same zone", "{name} {id}");
            } else {
                assert!(["Inbound", "Outbound"].contains(&direction), "{name} {id}");
            }
        }
    }
    assert_eq!(
        seen,
        rules.keys().map(|k| (*k).to_owned()).collect(),
        "{name}: every rule on a sheet"
    );
    check_summary(name, &sheets[0], &json, &expected);
    check_dns_sheet(name, plan, &sheets[sheets.len() - 2]);
    check_certs_sheet(name, plan, &sheets[sheets.len() - 1]);
    let findings = sheets[sheets.len() - 3]["rows"].as_array().unwrap();
    let json_findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), json_findings.len() + 1, "{name}");
    for (row, f) in findings.iter().skip(1).zip(json_findings) {
        assert_eq!((&row[0], &row[1]), (&f["severity"], &f["kind"]), "{name}");
        assert_eq!(text(&row[3]), one_line(f["message"].as_str().unwrap()));
    }
}

/// One rule row against the JSON export's rule.
fn check_row(name: &str, row: &Value, rule: &Value) {
    let id = text(&row[13]);
    let addresses = |cell: &Value| -> Vec<String> {
        (text(cell).split(", "))
            .filter(|a| *a != "UNRESOLVED" && !a.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let json_addresses = |end: &Value| -> Vec<String> {
        (end["addresses"].as_array().unwrap().iter())
            .map(|a| a.as_str().unwrap().to_owned())
            .collect()
    };
    for (col, end) in [(1, &rule["source"]), (4, &rule["destination"])] {
        let label = one_line(end["node"].as_str().unwrap());
        assert!(
            text(&row[col]).starts_with(&label),
            "{name} {id}: {} / {label}",
            text(&row[col])
        );
        assert_eq!(addresses(&row[col + 1]), json_addresses(end), "{name} {id}");
    }
    assert_eq!(row[3], "Any", "{name} {id}: source port");
    let (from, to) = (&rule["port_from"], &rule["port_to"]);
    let ports = if from == to {
        from.to_string()
    } else {
        format!("{from}-{to}")
    };
    assert_eq!(text(&row[6]), ports, "{name} {id}");
    let transport = rule["transport"].as_str().unwrap().to_uppercase();
    assert_eq!(text(&row[7]), transport, "{name} {id}");
    assert_eq!(
        text(&row[8]),
        one_line(rule["application"].as_str().unwrap())
    );
    assert_eq!(text(&row[9]), one_line(rule["notes"].as_str().unwrap()));
    let pages = rule["sources"].as_array().unwrap();
    let join = |field: &str| {
        (pages.iter())
            .map(|p| p[field].as_str().unwrap())
            .collect::<Vec<_>>()
            .join("; ")
    };
    assert_eq!(text(&row[10]), join("title"), "{name} {id}");
    assert_eq!(text(&row[11]), join("url"), "{name} {id}");
}

/// The summary: plan, product, catalog, counts per sheet and per severity.
fn check_summary(name: &str, summary: &Value, json: &Value, sheets: &[(String, Vec<String>)]) {
    let rows = summary["rows"].as_array().unwrap();
    let find = |key: &str| -> &Value {
        let row = (rows.iter())
            .find(|r| r[0] == key)
            .unwrap_or_else(|| panic!("{name}: no `{key}` row"));
        &row[1]
    };
    assert_eq!(text(find("Plan")), one_line(json["plan"].as_str().unwrap()));
    assert_eq!(
        json["product"],
        text(find("Product"))
            .to_lowercase()
            .replace("lync server ", "lync_")
            .replace("skype for business server ", "sfb_")
    );
    assert_eq!(find("Catalog"), &json["catalog"], "{name}");
    assert_eq!(find("Rules"), &json["rules"].as_array().unwrap().len());
    for (title, ids) in sheets {
        assert_eq!(find(title), &ids.len(), "{name} {title}");
    }
    for severity in ["error", "warning", "info"] {
        let n = (json["findings"].as_array().unwrap().iter())
            .filter(|f| f["severity"] == severity)
            .count();
        assert_eq!(find(severity), &n, "{name} {severity}");
    }
    let warned = rows.iter().any(|r| text(&r[0]).starts_with("⚠ Warning"));
    assert_eq!(warned, json["errors"] != 0, "{name}: the warning line");
}

/// The example plans, the three-legged fixture and the plans other tests use for hostile text,
/// missing addresses, errors and large nodes.
fn plans() -> Vec<(String, Plan)> {
    let catalog = crate::support::catalog();
    let mut plans: Vec<(String, Plan)> = (crate::support::example_paths().iter())
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (
                name,
                lync_port_planner::plan_file::load(p, &catalog).unwrap(),
            )
        })
        .collect();
    let fixture = root().join("tests/fixtures/format-v2.ron");
    plans.push((
        "format-v2".to_owned(),
        lync_port_planner::plan_file::load(&fixture, &catalog).unwrap(),
    ));
    plans.push(("hostile".to_owned(), crate::exports::hostile_plan()));
    plans.push(("unresolved".to_owned(), crate::exports::unresolved_plan()));
    plans.push(("errors".to_owned(), crate::safety::wide_open_plan()));
    plans.push(("large-node".to_owned(), crate::exports::large_node_plan()));
    plans.push((
        "generated-300".to_owned(),
        lync_port_planner::generate::large_plan(300, &catalog).unwrap(),
    ));
    plans
}

#[test]
fn every_rule_row_equals_the_json_export_for_every_plan() {
    let Some(python) = reader_python() else {
        return;
    };
    let dir = temp_dir();
    let plans = plans();
    let files: Vec<PathBuf> = (plans.iter())
        .map(|(name, plan)| {
            let path = dir.join(format!("{name}.xlsx"));
            std::fs::write(&path, workbook(plan)).unwrap();
            path
        })
        .collect();
    let books = read_books(&python, &files);
    for ((name, plan), path) in plans.iter().zip(&files) {
        check_against_json(name, plan, &books[path.to_str().unwrap()]);
    }
    let seed = &books[dir.join("director-pool-dns-hlb.xlsx").to_str().unwrap()];
    assert_eq!(
        sheet_names(seed),
        [
            "Summary",
            "External firewall",
            "Internal firewall",
            "Host firewalls (same zone)",
            "Findings",
            "DNS records",
            "Certificates"
        ]
    );
    let unresolved = &books[dir.join("unresolved.xlsx").to_str().unwrap()];
    assert!(
        unresolved.to_string().contains("UNRESOLVED"),
        "a missing address is marked as in the CSV"
    );
    let size = std::fs::metadata(dir.join("director-pool-dns-hlb.xlsx"))
        .unwrap()
        .len();
    eprintln!(
        "xlsx: {} plans read back by openpyxl; the seed: {} sheets, {size} bytes",
        plans.len(),
        sheet_names(seed).len()
    );
}

/// A plan with Chinese and Korean labels, exported in both languages: labels, headings and
/// sheet names come back as written, and the CLI's file is the core's bytes.
#[test]
fn chinese_and_korean_text_is_intact() {
    let Some(python) = reader_python() else {
        return;
    };
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.name = "總部 Lync 規劃 / 본사 계획".to_owned();
    let labels = [("edge", "邊緣伺服器集區"), ("dir", "디렉터 풀")];
    for (id, label) in labels {
        plan.node_mut(&NodeId::from(id)).unwrap().label = label.to_owned();
    }
    let dir = temp_dir();
    let plan_path = dir.join("cjk.ron");
    std::fs::write(
        &plan_path,
        lync_port_planner::plan_file::to_ron(&plan).unwrap(),
    )
    .unwrap();
    let catalog = crate::support::catalog();
    let mut files = Vec::new();
    for (lang, tag) in [(Lang::ZhTw, "zh-TW"), (Lang::KoKr, "ko-KR")] {
        let core = export::export_plan(&plan, &catalog, Format::Xlsx, &RuleScope::All, lang)
            .unwrap()
            .into_file_bytes()
            .unwrap();
        let path = dir.join(format!("{tag}.xlsx"));
        let out = cli(&[
            "export",
            plan_path.to_str().unwrap(),
            "--format",
            "xlsx",
            "--lang",
            tag,
            "--output",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(std::fs::read(&path).unwrap(), core, "{tag}: CLI = core");
        files.push(path);
    }
    let books = read_books(&python, &files);
    let zh = &books[files[0].to_str().unwrap()];
    let ko = &books[files[1].to_str().unwrap()];
    assert_eq!(
        sheet_names(zh),
        [
            "摘要",
            "外部防火牆",
            "內部防火牆",
            "主機防火牆 (同一區域)",
            "發現項目",
            "DNS 記錄",
            "憑證"
        ]
    );
    assert_eq!(sheet_names(ko)[0], "요약");
    assert_eq!(zh["sheets"][1]["rows"][0][2], "來源 IP");
    assert_eq!(ko["sheets"][1]["rows"][0][2], "원본 IP");
    for book in [zh, ko] {
        let all = book.to_string();
        for (_, label) in labels {
            assert!(all.contains(label), "{label}");
        }
        assert_eq!(book["sheets"][0]["rows"][3][1], plan.name);
        // A label is the start of its cell, as written.
        let edge_rows = (book["sheets"].as_array().unwrap().iter())
            .flat_map(|s| s["rows"].as_array().unwrap())
            .filter(|r| text(&r[1]).starts_with("邊緣伺服器集區 ("))
            .count();
        assert!(edge_rows > 5, "{edge_rows}");
    }
}

/// The same plan gives the same bytes, run after run (no clock in the file), and says when it
/// was made as a constant.
#[test]
fn the_same_plan_gives_the_same_bytes() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let dir = temp_dir();
    let run = |n: usize| {
        let path = dir.join(format!("run-{n}.xlsx"));
        let out = cli(&[
            "export",
            seed.to_str().unwrap(),
            "--format",
            "xlsx",
            "--output",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        std::fs::read(path).unwrap()
    };
    let first = run(1);
    // Past a second, which a clock in the file would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, run(2));
    assert!(first.starts_with(b"PK\x03\x04"), "a zip container");
    if let Some(python) = reader_python() {
        let books = read_books(&python, &[dir.join("run-1.xlsx")]);
        let book = books.values().next().unwrap();
        assert_eq!(book["created"], "2013-01-01T00:00:00");
        assert_eq!(
            book["title"],
            "Firewall rules: Director pool, DNS and HLB load balanced"
        );
    }
}

/// Firewall names that Excel would refuse as sheet names, or that collide once made valid,
/// become valid, distinct sheet names.
#[test]
fn hostile_firewall_names_make_valid_distinct_sheet_names() {
    let Some(python) = reader_python() else {
        return;
    };
    let device = |name: &str, outside: &str, inside: &str| FirewallDevice {
        name: name.to_owned(),
        outside: outside.to_owned(),
        inside: inside.to_owned(),
    };
    let pairs = [
        ("[Ext]/Fire:wall*?", "[ext]/fire:WALL*?"),
        ("History", "'Summary'"),
        (&*"Ω".repeat(64), &*"Ω".repeat(64)),
        ("'''", "Findings"),
    ];
    let dir = temp_dir();
    let mut files = Vec::new();
    for (n, (external, internal)) in pairs.iter().enumerate() {
        let mut plan = example("director-pool-dns-hlb.ron");
        plan.firewalls = Firewalls::BackToBack {
            external: device(external, "outside", "dmz"),
            internal: device(internal, "dmz", "inside"),
        };
        let path = dir.join(format!("names-{n}.xlsx"));
        std::fs::write(&path, workbook(&plan)).unwrap();
        files.push(path);
    }
    let books = read_books(&python, &files);
    for path in &files {
        let names = sheet_names(&books[path.to_str().unwrap()]);
        assert_eq!(names.len(), 7, "{names:?}");
        let mut seen = BTreeSet::new();
        for name in &names {
            assert!(
                !name.is_empty() && name.encode_utf16().count() <= 31,
                "{name}"
            );
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{name}"
            );
            assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name}");
            assert!(seen.insert(name.to_lowercase()), "{names:?}");
        }
    }
    let names = |n: usize| sheet_names(&books[files[n].to_str().unwrap()]);
    assert_eq!(
        names(0)[1..3],
        ["_Ext__Fire_wall__", "_ext__fire_WALL__ (2)"]
    );
    assert_eq!(names(1)[1..3], ["History (2)", "Summary (2)"]);
    assert_eq!(
        names(3)[1..],
        [
            "Firewall",
            "Findings (2)",
            "Host firewalls (same zone)",
            "Findings",
            "DNS records",
            "Certificates"
        ]
    );
}

/// `--firewall` and `--nodes` choose the rules as in the other exports: one firewall of the
/// plan is its sheet alone; the rows are the JSON export's rules in the same scope.
#[test]
fn the_scope_options_choose_the_sheets_and_rows() {
    let Some(python) = reader_python() else {
        return;
    };
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let seed = seed.to_str().unwrap();
    let dir = temp_dir();
    let scopes: [&[&str]; 3] = [
        &["--firewall", "internal"],
        &["--firewall", "host"],
        &["--nodes", "dir,edge"],
    ];
    let mut files = Vec::new();
    for (n, scope) in scopes.iter().enumerate() {
        let path = dir.join(format!("scope-{n}.xlsx"));
        let mut args = vec!["export", seed, "--format", "xlsx", "--output"];
        args.push(path.to_str().unwrap());
        args.extend_from_slice(scope);
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        files.push(path);
    }
    let books = read_books(&python, &files);
    let expected_sheets: [&[&str]; 2] = [
        &[
            "Summary",
            "Internal firewall",
            "Findings",
            "DNS records",
            "Certificates",
        ],
        &[
            "Summary",
            "Host firewalls (same zone)",
            "Findings",
            "DNS records",
            "Certificates",
        ],
    ];
    for (n, scope) in scopes.iter().enumerate() {
        let book = &books[files[n].to_str().unwrap()];
        if let Some(sheets) = expected_sheets.get(n) {
            assert_eq!(sheet_names(book), *sheets, "{scope:?}");
        }
        let mut args = vec!["export", seed, "--format", "json"];
        args.extend_from_slice(scope);
        let json: Value = serde_json::from_slice(&cli(&args).stdout).unwrap();
        let want: BTreeSet<&str> = (json["rules"].as_array().unwrap().iter())
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let sheets = book["sheets"].as_array().unwrap();
        let got: BTreeSet<String> = sheets[1..sheets.len() - 3]
            .iter()
            .flat_map(sheet_ids)
            .collect();
        assert_eq!(
            got,
            want.iter().map(|s| (*s).to_owned()).collect(),
            "{scope:?}"
        );
    }
}

/// A workbook is bytes: refused on a terminal with one line and exit 2, written to a pipe
/// (no `--output`, or `-`) as to a file.
#[test]
fn a_workbook_is_refused_on_a_terminal_and_written_to_a_pipe() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let seed = seed.to_str().unwrap();
    let file = temp_dir().join("seed.xlsx");
    let out = cli(&[
        "export",
        seed,
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let bytes = std::fs::read(&file).unwrap();
    for args in [&[][..], &["--output", "-"][..]] {
        let mut all = vec!["export", seed, "--format", "xlsx"];
        all.extend_from_slice(args);
        let out = cli(&all);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(out.stdout, bytes, "{args:?}");
    }
    if !crate::support::require_tool("script") {
        return;
    }
    // util-linux's script(1) runs the command with a terminal as its standard output.
    for extra in ["", " --output -"] {
        let command = format!(
            "{} export {seed} --format xlsx{extra}",
            crate::support::bin()
        );
        let out = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{shown}");
        assert!(
            shown.contains("error: xlsx is a binary file and standard output is a terminal: give --output FILE.xlsx"),
            "{shown}"
        );
        assert!(!shown.contains("PK"), "no bytes on the terminal: {shown}");
    }
}

/// The hostile corpus's workbooks read back (`exports::hostile_corpus_is_inert_in_every_format`):
/// no formula, no control or bidi character in any cell, every rule on a sheet, and the
/// hostile text's visible start kept as text.
pub fn check_hostile(workbooks: &[(String, lync_port_planner::rules::RuleSet, PathBuf)]) {
    let Some(python) = reader_python() else {
        return;
    };
    let files: Vec<PathBuf> = workbooks.iter().map(|(_, _, p)| p.clone()).collect();
    let books = read_books(&python, &files);
    for (n, (hostile, rules, path)) in workbooks.iter().enumerate() {
        let book = &books[path.to_str().unwrap()];
        let sheets = book["sheets"].as_array().unwrap();
        let mut ids = BTreeSet::new();
        let mut cells = Vec::new();
        for sheet in sheets {
            assert!(
                sheet["formulas"].as_array().unwrap().is_empty(),
                "corpus {n}: formulas in {}",
                sheet["name"]
            );
            for row in sheet["rows"].as_array().unwrap() {
                cells.extend(row.as_array().unwrap().iter().filter_map(Value::as_str));
            }
        }
        for sheet in &sheets[1..sheets.len() - 3] {
            ids.extend(sheet_ids(sheet));
        }
        let want: BTreeSet<String> = rules.rules.iter().map(|r| r.id().to_string()).collect();
        assert_eq!(ids, want, "corpus {n}: a row was lost or split");
        for cell in &cells {
            assert!(
                !cell.chars().any(|c| c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "corpus {n}: {cell:.80?}"
            );
        }
        // What a one-line cell keeps of it: hazards become spaces.
        let probe: String = one_line(hostile).chars().take(8).collect();
        assert!(
            cells.iter().any(|c| c.contains(&probe)),
            "corpus {n}: {probe:?} not found as text"
        );
    }
}

/// The window's Export menu offers the workbook as a file: a save dialog, never the clipboard;
/// the file it writes is the CLI's. Several files (a format to come) go to a folder.
#[cfg(feature = "gui")]
#[test]
fn the_window_saves_the_workbook_to_a_file_as_the_cli_writes_it() {
    use egui_kittest::kittest::Queryable as _;
    use lync_port_planner::export::OutputKind;
    use lync_port_planner::ui::command::Command;
    use lync_port_planner::ui::export_menu::{ExportKind, ExportRequest};
    use lync_port_planner::ui::{AppOptions, DialogKind};
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let mut h = crate::ui::harness(AppOptions {
        plan: Some(seed.clone()),
        ..AppOptions::default()
    });
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("Copy to clipboard").click();
    h.run();
    assert!(h.query_by_label("CSV").is_some(), "the copy menu is open");
    assert!(
        h.query_by_label("Excel workbook").is_none(),
        "a workbook is not text to paste"
    );
    h.get_by_label("Excel workbook...").click();
    h.run();
    let request = match (
        h.state_mut().pending_export.take(),
        h.state_mut().dialogs.requested.take(),
    ) {
        (Some((request, _)), _) | (None, Some(DialogKind::Export(request))) => request,
        other => panic!("no export asked for: {other:?}"),
    };
    assert_eq!(request.kind, ExportKind::Rules(Format::Xlsx));
    assert!(!request.to_clipboard);
    assert_eq!(request.kind.output(), OutputKind::Binary);
    // Asked for the clipboard anyway (a command from elsewhere): refused, said so.
    h.state_mut().push(Command::ExportConfirmed(ExportRequest {
        to_clipboard: true,
        ..request.clone()
    }));
    h.run();
    assert!(h.state().status.is_error, "{}", h.state().status.text);
    assert!(
        h.state().status.text.contains("not text"),
        "{}",
        h.state().status.text
    );
    // Saved: the CLI's bytes, in the internal firewall's scope too.
    let dir = temp_dir();
    for (scope, flags) in [
        (RuleScope::All, &[][..]),
        (
            RuleScope::Through(
                lync_port_planner::plan::Layout::BackToBack,
                lync_port_planner::plan::FirewallId::Internal,
            ),
            &["--firewall", "internal"][..],
        ),
    ] {
        let path = dir.join("gui.xlsx");
        h.state_mut().push(Command::ExportTo {
            request: ExportRequest {
                scope,
                ..request.clone()
            },
            path: path.clone(),
        });
        h.run();
        let cli_path = dir.join("cli.xlsx");
        let mut args = vec![
            "export",
            seed.to_str().unwrap(),
            "--format",
            "xlsx",
            "--output",
            cli_path.to_str().unwrap(),
        ];
        args.extend_from_slice(flags);
        assert_eq!(cli(&args).status.code(), Some(0));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&cli_path).unwrap(),
            "{flags:?}"
        );
    }
    // Several files: written into the folder chosen, each inside it.
    let folder = dir.join("folder");
    let files = vec![
        ("a.txt".to_owned(), b"a".to_vec()),
        ("sub/b.txt".to_owned(), b"b".to_vec()),
    ];
    lync_port_planner::ui::export_menu::write(Output::Files(files), &folder).unwrap();
    assert_eq!(std::fs::read(folder.join("sub/b.txt")).unwrap(), b"b");
    let escape = vec![("../out.txt".to_owned(), b"x".to_vec())];
    assert!(lync_port_planner::ui::export_menu::write(Output::Files(escape), &folder).is_err());
    assert!(!dir.join("out.txt").exists());
}

/// The reader can see what the checks above look for: a formula cell is typed as one, a string
/// that looks like one is not.
#[test]
fn the_reader_tells_a_formula_from_text() {
    let Some(python) = reader_python() else {
        return;
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_formula(0, 0, "=1+1").unwrap();
    sheet.write_string(0, 1, "=1+1").unwrap();
    let path = temp_dir().join("control.xlsx");
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let books = read_books(&python, std::slice::from_ref(&path));
    let sheet = &books[path.to_str().unwrap()]["sheets"][0];
    assert_eq!(sheet["formulas"], serde_json::json!(["A1"]));
    assert_eq!(sheet["rows"][0][1], "=1+1");
}

/// LibreOffice, the other spreadsheet a firewall team opens the workbook in: every sheet of the
/// seed's workbook converted to CSV holds the rows openpyxl reads, and the hostile corpus's
/// workbooks converted to ODS hold no formula (a workbook with a real formula proves the check
/// can see one).
#[test]
fn libreoffice_reads_the_same_rows_and_no_formula() {
    if !crate::support::require_tool("soffice") {
        return;
    }
    let Some(python) = reader_python() else {
        return;
    };
    let dir = temp_dir();
    let seed = dir.join("seed.xlsx");
    std::fs::write(&seed, workbook(&example("director-pool-dns-hlb.ron"))).unwrap();
    let mut control = rust_xlsxwriter::Workbook::new();
    control.add_worksheet().write_formula(0, 0, "=1+1").unwrap();
    std::fs::write(dir.join("control.xlsx"), control.save_to_buffer().unwrap()).unwrap();
    let mut hostile = vec!["control.xlsx".to_owned()];
    for (n, text) in ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(A1)", "-2+3"]
        .iter()
        .enumerate()
    {
        let mut plan = example("director-pool-dns-hlb.ron");
        for node in plan.nodes_mut() {
            (*text).clone_into(&mut node.label);
        }
        let name = format!("hostile-{n}.xlsx");
        std::fs::write(dir.join(&name), workbook(&plan)).unwrap();
        hostile.push(name);
    }
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let soffice = |filter: &str, files: &[String], out: &str| {
        let result = Command::new("soffice")
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                filter,
                "--outdir",
            ])
            .arg(dir.join(out))
            .args(files)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
    };
    // Every sheet (the last option, -1), UTF-8 (76), comma and double quote.
    soffice(
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        &["seed.xlsx".to_owned()],
        "csv",
    );
    soffice("ods", &hostile, "ods");
    let books = read_books(&python, std::slice::from_ref(&seed));
    let book = &books[seed.to_str().unwrap()];
    let script = "import csv,json,sys\njson.dump([list(csv.reader(open(p,newline='',encoding='utf-8'))) for p in sys.argv[1:]],sys.stdout)";
    let sheets = book["sheets"].as_array().unwrap();
    let paths: Vec<PathBuf> = (sheets.iter())
        .map(|s| dir.join(format!("csv/seed-{}.csv", s["name"].as_str().unwrap())))
        .collect();
    let out = Command::new("python3")
        .args(["-c", script])
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tables: Vec<Vec<Vec<String>>> = serde_json::from_slice(&out.stdout).unwrap();
    for (sheet, table) in sheets.iter().zip(&tables).skip(1) {
        let rows = sheet["rows"].as_array().unwrap();
        assert_eq!(table.len(), rows.len(), "{}", sheet["name"]);
        for (row, line) in rows.iter().zip(table) {
            let cells: Vec<&str> = row.as_array().unwrap().iter().map(text).collect();
            assert_eq!(cells, *line, "{}", sheet["name"]);
        }
    }
    for name in &hostile {
        let ods = dir.join("ods").join(name.replace(".xlsx", ".ods"));
        let zip = Command::new("python3")
            .args([
                "-c",
                "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read('content.xml').decode().count('table:formula='))",
            ])
            .arg(&ods)
            .output()
            .unwrap();
        let formulas: usize = String::from_utf8_lossy(&zip.stdout).trim().parse().unwrap();
        let want = usize::from(name == "control.xlsx");
        assert_eq!(formulas, want, "{name}");
    }
}
