//! Exports: golden files, real consumers, and hostile user text in every format.

use std::process::Command;

use lync_port_planner::export::{Format, OutputKind};
use lync_port_planner::plan::{NodeId, Plan};

use crate::support::{assert_golden, example, example_paths, export, require_tool, write_temp};

const GOLDEN_PLANS: [&str; 2] = ["director-pool-dns-hlb", "scaled-edge-hlb"];

#[test]
fn golden_files_for_every_format() {
    for name in GOLDEN_PLANS {
        let plan = example(&format!("{name}.ron"));
        // The workbook is read back by openpyxl instead (tests/integration/xlsx.rs).
        for format in Format::ALL
            .into_iter()
            .filter(|f| f.output() == OutputKind::Text)
        {
            assert_golden(
                &format!("{name}.{}", format.extension()),
                &export(&plan, format),
            );
        }
    }
}

fn all_plans() -> Vec<(String, Plan)> {
    let mut plans: Vec<(String, Plan)> = example_paths()
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                lync_port_planner::plan_file::load(p, &crate::support::catalog()).unwrap(),
            )
        })
        .collect();
    plans.push(("hostile".to_owned(), hostile_plan()));
    plans.push(("unresolved".to_owned(), unresolved_plan()));
    plans.push(("500 networks on a node".to_owned(), large_node_plan()));
    plans
}

/// The seed plan with 500 networks on its internal clients (iptables-restore refused 64).
pub fn large_node_plan() -> Plan {
    let mut plan = example("director-pool-dns-hlb.ron");
    let clients = plan
        .nodes
        .keys()
        .find(|id| id.as_str().contains("client"))
        .cloned()
        .unwrap();
    plan.node_mut(&clients).unwrap().networks = (0..500)
        .map(|i| {
            format!("10.{}.{}.0/24", 100 + i / 256, i % 256)
                .parse()
                .unwrap()
        })
        .collect();
    plan
}

#[test]
fn nftables_exports_pass_nft_check() {
    if !require_tool("nft") {
        return;
    }
    for (name, plan) in all_plans() {
        let path = write_temp("rules.nft", export(&plan, Format::Nftables).as_bytes());
        let out = Command::new("nft")
            .arg("-c")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: nft -c refused it:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn iptables_exports_pass_iptables_restore_test() {
    if !require_tool("iptables-restore") {
        return;
    }
    for (name, plan) in all_plans() {
        let path = write_temp("rules.v4", export(&plan, Format::Iptables).as_bytes());
        let out = Command::new("iptables-restore")
            .arg("--test")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: iptables-restore --test refused it:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Python's csv module reads back every field exactly, and no cell starts a formula.
#[test]
fn csv_reads_back_in_python() {
    if !require_tool("python3") {
        return;
    }
    let script = r"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
json.dump(rows, sys.stdout)
";
    for (name, plan) in all_plans() {
        let text = export(&plan, Format::Csv);
        let path = write_temp("rules.csv", text.as_bytes());
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
        let rules = crate::support::derive(&plan).0.rules;
        assert_eq!(
            rows.len(),
            rules.len() + 1,
            "{name}: header + one row per rule"
        );
        for (row, rule) in rows.iter().skip(1).zip(&rules) {
            assert_eq!(row.len(), 18, "{name}");
            // Which product the rules are for.
            assert_eq!(row[17], plan.product.as_str(), "{name}");
            // The pages as plain text: title and address.
            assert!(
                rule.sources().is_empty()
                    || row[16].contains(" <https://learn.microsoft.com/en-us/"),
                "{name}: {}",
                row[16]
            );
            assert_eq!(row[0], rule.id().to_string());
            for cell in row {
                let first = cell.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                    "{name}: formula cell {cell:?}"
                );
            }
        }
    }
}

const HOSTILE: [&str; 6] = [
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "'; Remove-Item -Recurse C:\\ #",
    "line one\nline two\r\n\"quoted\" `tick` $(whoami)",
    "\u{202E}evil\u{2019}; Remove-Item C:\\ \u{2018}",
    "@SUM(1+1) -2 +3 \t tab",
];

/// The seed plan with every node label, FQDN, member name and the plan name made hostile.
pub fn hostile_plan() -> Plan {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.name = HOSTILE.join(" ");
    for (i, node) in plan.nodes_mut().enumerate() {
        HOSTILE[i % HOSTILE.len()].clone_into(&mut node.label);
        HOSTILE[(i + 1) % HOSTILE.len()].clone_into(&mut node.fqdn);
        for m in &mut node.members {
            HOSTILE[(i + 2) % HOSTILE.len()].clone_into(&mut m.name);
        }
    }
    plan
}

/// The seed plan with the Director VIP missing, so some rules are unresolved.
pub fn unresolved_plan() -> Plan {
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.node_mut(&NodeId::from("dir")).unwrap().vips.clear();
    plan
}

/// The HTML report prints to landscape pages with the rule table's cells wrapping, so no
/// column is cut off; when a Chromium is installed, it prints the report to a landscape PDF.
#[test]
fn html_report_prints_landscape_with_wrapping_cells() {
    let html = export(&example("director-pool-dns-hlb.ron"), Format::Html);
    let print = html.split("@media print{").nth(1).expect("a print style");
    for rule in [
        "@page{size:landscape",
        "overflow-wrap:anywhere",
        "word-break:break-word",
        "table{width:100%;font-size:7.5pt}",
        // Headers break between words only, port ranges not at all.
        "th{overflow-wrap:normal;word-break:normal}",
        "td.num{white-space:nowrap",
    ] {
        assert!(print.contains(rule), "print style lacks {rule}");
    }
    // Chromium is optional for a bare `cargo test` (`.ci/run` installs it): a note, not a
    // failure, when it is missing.
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new("sh")
                .args(["-c", &format!("command -v {b}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!("SKIPPED: no chromium; the report's print-to-PDF is not tried");
        return;
    };
    let page = write_temp("report.html", html.as_bytes());
    let pdf = page.with_extension("pdf");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // Landscape: each page's box is wider than tall.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/MediaBox"), "no page sizes to check");
    for mediabox in text.split("/MediaBox").skip(1) {
        let numbers: Vec<f32> = mediabox
            .trim_start()
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap()
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [x0, y0, x1, y1] = numbers[..] {
            assert!(x1 - x0 > y1 - y0, "a portrait page: {numbers:?}");
        }
    }
}

#[test]
fn hostile_labels_are_inert_in_html() {
    let html = export(&hostile_plan(), Format::Html);
    assert!(!html.to_lowercase().contains("<script"), "raw script tag");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the label is shown, escaped"
    );
    assert!(!html.contains('\u{202E}'), "no bidi override");
    // Only our own tags: every '<' starts a tag we wrote.
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let ours = [
            "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "tr", "th",
            "td", "code", "small", "br", "ul", "li", "strong", "div", "svg", "rect", "text",
            "line", "polyline", "polygon", "circle", "clipPath", "a", "g",
        ];
        // A link is ours only to one of Microsoft's pages.
        if name == "a" && !tag.starts_with('/') {
            assert!(
                tag.starts_with("a href=\"https://learn.microsoft.com/en-us/"),
                "{tag}"
            );
        }
        assert!(
            tag.starts_with("!DOCTYPE") || ours.contains(&name.as_str()),
            "unexpected tag <{name}"
        );
    }
}

#[test]
fn hostile_labels_are_inert_in_markdown() {
    let md = export(&hostile_plan(), Format::Markdown);
    assert!(!md.contains("<script>"));
    // The DNS section's table has 7 columns and no user text (names are checked DNS names).
    let (md, dns) = md.split_once("\n## DNS records\n").unwrap();
    for line in dns.lines().filter(|l| l.starts_with("| ")) {
        assert_eq!(line.matches(" | ").count(), 6, "{line}");
    }
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.matches(" | ").count() + 1;
        assert!(
            cells == 10 || line.starts_with("|---"),
            "a label split a table row: {line}"
        );
    }
}

#[test]
fn hostile_labels_round_trip_in_json() {
    let doc: serde_json::Value =
        serde_json::from_str(&export(&hostile_plan(), Format::Json)).unwrap();
    assert_eq!(doc["plan"], HOSTILE.join(" "));
    let labels: Vec<&str> = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"]["node"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"<script>alert(1)</script>"));
}

/// Splits a PowerShell line into single-quoted literals and the code between them, by PowerShell's
/// rules: a quote (' or U+2018..U+201B) doubled inside a literal is an escaped quote.
fn powershell_code_outside_literals(line: &str) -> String {
    let is_quote = |c: char| matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}');
    let mut code = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_quote(c) {
            code.push(c);
            continue;
        }
        code.push_str("<lit>");
        loop {
            match chars.next() {
                Some(q) if is_quote(q) => {
                    if chars.peek().copied().is_some_and(is_quote) {
                        chars.next();
                    } else {
                        break;
                    }
                }
                Some(_) => {}
                None => panic!("unterminated literal in {line}"),
            }
        }
    }
    code
}

/// The lines of our script besides `New-NetFirewallRule`, with every literal as `<lit>`.
const POWERSHELL_LINES: [&str; 16] = [
    "$ErrorActionPreference = <lit>",
    "$group = <lit>",
    "$store = @{ PolicyStore = <lit> }",
    "$matched = $false",
    "$gpo = Open-NetGPO -PolicyStore <lit>",
    "$store = @{ GPOSession = $gpo }",
    "if ($env:COMPUTERNAME -ieq <lit>) {",
    "$matched = $true",
    "$names = @(",
    "<lit>",
    ")",
    "$stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object { $names -notcontains $_.Name } | ForEach-Object { $_.Name })",
    "if ($stale.Count -gt 0) { Remove-NetFirewallRule @store -Name $stale }",
    "Remove-NetFirewallRule @store -Name <lit> -ErrorAction SilentlyContinue",
    "}",
    "Save-NetGPO -GPOSession $gpo",
];

/// Code outside literals is ours: one of [`POWERSHELL_LINES`], the final warning, or a
/// `New-NetFirewallRule` of parameters, literals and our own words; `Err` names the line.
pub fn powershell_is_ours(text: &str) -> Result<usize, String> {
    let mut rules = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let code = powershell_code_outside_literals(line);
        if POWERSHELL_LINES.contains(&code.as_str())
            || code == "if (-not $matched) { Write-Warning <lit> }"
        {
            continue;
        }
        rules += 1;
        let ours = code.starts_with("New-NetFirewallRule ")
            && code.split([' ', ',']).all(|token| {
                token.is_empty()
                    || token == "<lit>"
                    || token.starts_with('-')
                    || [
                        "New-NetFirewallRule",
                        "@store",
                        "$group",
                        "Inbound",
                        "Outbound",
                        "Allow",
                        "Domain",
                        "TCP",
                        "UDP",
                        "Any",
                    ]
                    .contains(&token)
            });
        if !ours {
            return Err(format!("code outside string literals: {code:.160}"));
        }
    }
    Ok(rules)
}

#[test]
fn hostile_labels_cannot_escape_powershell_literals() {
    let ps = export(&hostile_plan(), Format::Powershell);
    let rules = powershell_is_ours(&ps).unwrap();
    assert!(rules > 10);
    assert!(
        ps.contains("''; Remove-Item -Recurse C:\\ #"),
        "the quote is doubled inside a literal"
    );
    // The check sees code let out of a literal.
    let broken = ps.replacen("-DisplayName 'Lync ", "-DisplayName 'Lync '; whoami; '", 1);
    assert!(powershell_is_ours(&broken).is_err());
}

#[test]
fn hostile_labels_never_reach_config_formats() {
    let plan = hostile_plan();
    for format in [
        Format::Nftables,
        Format::Iptables,
        Format::Ip6tables,
        Format::Asa,
    ] {
        let text = export(&plan, format);
        // Words may survive inside sanitised comments; characters that could form code may not.
        for bad in ["<script", "$(", "`", "\u{202E}", "'", "\u{2019}"] {
            assert!(!text.contains(bad), "{format}: {bad:?} leaked");
        }
        for line in text.lines() {
            let ok = match format {
                Format::Asa => crate::asa::is_asa_line(line),
                Format::Iptables | Format::Ip6tables => {
                    line.starts_with(['-', '#', ':', '*']) || line == "COMMIT"
                }
                _ => true,
            };
            assert!(ok, "{format}: unexpected line {line}");
        }
    }
}

#[test]
fn unresolved_rules_are_visible_placeholders_in_every_format() {
    let plan = unresolved_plan();
    // The diagram shows no addresses, so it has none to mark; the workbook's mark is checked
    // read back (xlsx::every_rule_row_equals_the_json_export_for_every_plan).
    for format in Format::ALL
        .into_iter()
        .filter(|f| *f != Format::Drawio && f.output() == OutputKind::Text)
    {
        let text = export(&plan, format);
        assert!(
            text.contains("UNRESOLVED") || format == Format::Json,
            "{format}"
        );
        if format == Format::Json {
            assert!(
                text.contains("\"unresolved_address\""),
                "json carries the finding"
            );
        }
        // Never a silently wrong rule: the VIP rules must not appear with an address in configs.
        if matches!(
            format,
            Format::Nftables | Format::Iptables | Format::Ip6tables
        ) {
            assert!(
                !text
                    .lines()
                    .any(|l| !l.trim_start().starts_with('#') && l.contains("rp-dir-http-8080")),
                "{format}"
            );
        }
        if format == Format::Asa {
            assert!(
                !text.lines().any(|l| l.contains("permit")
                    && l.contains("eq 8080")
                    && l.contains("host 172.16.10.31")
                    && !l.contains("10.10.30")),
                "asa"
            );
        }
    }
}

/// The hostile corpus of the reliability figures: formula prefixes, markup, quotes of every kind,
/// shell syntax, line breaks, NUL, bidi overrides and a 10,000-character string.
fn corpus() -> Vec<String> {
    let mut list: Vec<String> = [
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1)",
        "\tleading tab",
        "\rleading CR",
        "<script>alert(1)</script>",
        "\"double\" 'single' `tick` \u{2019}curly\u{2018}",
        "$(whoami) ${HOME}",
        "a; Remove-Item -Recurse C:\\ #",
        "line one\nline two\r\nline three",
        "nul\0byte",
        "\u{202E}evil\u{202C} \u{2066}x\u{2069}",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    list.push("x".repeat(10_000));
    list
}

/// The seed plan with every piece of user text set to `hostile`: plan name, labels, FQDNs,
/// member names, and a custom rule's name and application.
fn plan_with(hostile: &str) -> Plan {
    let mut plan = example("director-pool-dns-hlb.ron");
    hostile.clone_into(&mut plan.name);
    for node in plan.nodes_mut() {
        hostile.clone_into(&mut node.label);
        hostile.clone_into(&mut node.fqdn);
        for m in &mut node.members {
            hostile.clone_into(&mut m.name);
        }
    }
    let link = plan
        .links
        .iter_mut()
        .find(|l| l.a.as_str() == "dir" && l.b.as_str() == "fe")
        .unwrap();
    link.custom.push(lync_port_planner::plan::CustomRule {
        name: hostile.to_owned(),
        from: NodeId::from("fe"),
        application: hostile.to_owned(),
        transport: lync_port_planner::net::Transport::Tcp,
        ports: "5060".parse().unwrap(),
    });
    plan
}

#[test]
fn hostile_corpus_is_inert_in_every_format() {
    let tools = require_tool("nft")
        && require_tool("iptables-restore")
        && require_tool("ip6tables-restore")
        && require_tool("python3");
    let mut checks = 0;
    let dir = crate::support::temp_dir();
    let mut workbooks = Vec::new();
    let plain_kit = crate::porttest::kit_code(&plan_with("plain"));
    for (n, hostile) in corpus().iter().enumerate() {
        let plan = plan_with(hostile);
        crate::porttest::check_hostile_kit(n, &plan, &plain_kit);
        checks += 1;
        for format in Format::ALL {
            if format == Format::Xlsx {
                // Read back together below: one Python run for the whole corpus.
                let path = dir.join(format!("corpus-{n:02}.xlsx"));
                std::fs::write(&path, crate::xlsx::workbook(&plan)).unwrap();
                workbooks.push((hostile.clone(), crate::support::derive(&plan).0, path));
                checks += 1;
                continue;
            }
            let text = export(&plan, format);
            check_hostile_export(n, hostile, &plan, format, &text, tools);
            checks += 1;
        }
    }
    crate::xlsx::check_hostile(&workbooks);
    eprintln!(
        "hostile corpus: {} strings x {} formats = {checks} exports checked, 0 failures",
        corpus().len(),
        Format::ALL.len() + 1
    );
}

/// The consumer's view of one export of a hostile plan.
#[expect(
    clippy::too_many_lines,
    reason = "one arm per export format, each its consumer's check"
)]
fn check_hostile_export(
    n: usize,
    hostile: &str,
    plan: &Plan,
    format: Format,
    text: &str,
    tools: bool,
) {
    match format {
        Format::Csv if tools => {
            let path = write_temp("rules.csv", text.as_bytes());
            let script = "import csv,json,sys\nrows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8-sig')))\nbad=[c for r in rows for c in r if c.lstrip()[:1] in ('=','+','-','@','\\t','\\r')]\njson.dump([len(rows),bad],sys.stdout)";
            let out = Command::new("python3")
                .args(["-c", script])
                .arg(&path)
                .output()
                .unwrap();
            let (rows, bad): (usize, Vec<String>) = serde_json::from_slice(&out.stdout).unwrap();
            assert!(bad.is_empty(), "corpus {n}: formula cells {bad:?}");
            assert_eq!(
                rows,
                crate::support::derive(plan).0.rules.len() + 1,
                "corpus {n}: a line break split a row"
            );
        }
        Format::Html => {
            assert!(
                !text.to_lowercase().contains("<script"),
                "corpus {n}: raw script"
            );
            assert!(
                !text.contains(['\u{202E}', '\u{2066}', '\0']),
                "corpus {n}: control characters"
            );
        }
        Format::Markdown => {
            assert!(
                !text.contains("<script") && !text.contains('\0'),
                "corpus {n}"
            );
            let (rules, dns) = text.split_once("\n## DNS records\n").unwrap();
            for line in dns.lines().filter(|l| l.starts_with("| ")) {
                assert_eq!(line.matches(" | ").count(), 6, "corpus {n}: {line:.80}");
            }
            for line in rules
                .lines()
                .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
            {
                assert_eq!(
                    line.matches(" | ").count(),
                    9,
                    "corpus {n}: a row was split or joined: {line:.80}"
                );
            }
        }
        Format::Json => {
            let doc: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                doc["plan"].as_str(),
                Some(hostile),
                "corpus {n}: JSON keeps the text exactly"
            );
        }
        Format::Powershell => {
            if let Err(e) = powershell_is_ours(text) {
                panic!("corpus {n}: {e}");
            }
        }
        Format::Nftables if tools => {
            let path = write_temp("rules.nft", text.as_bytes());
            let out = Command::new("nft")
                .arg("-c")
                .arg("-f")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "corpus {n}: nft: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Format::Iptables | Format::Ip6tables if tools => {
            let path = write_temp("rules", text.as_bytes());
            let out = Command::new(format!("{format}-restore"))
                .arg("--test")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "corpus {n}: {format}-restore: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Format::Drawio => crate::drawio::check_hostile(n, hostile, text),
        Format::Asa => {
            for line in text.lines() {
                assert!(crate::asa::is_asa_line(line), "corpus {n}: {line:.80}");
                assert!(
                    line.len() <= 200,
                    "corpus {n}: an ASA line grew with user text"
                );
            }
        }
        _ => {}
    }
    if matches!(
        format,
        Format::Nftables | Format::Iptables | Format::Ip6tables | Format::Asa
    ) {
        // Only sanitised ASCII of user text reaches config files.
        assert!(
            !text.contains(['\'', '`', '$', '\u{202E}', '\u{2066}', '\0', '\r']),
            "corpus {n}: {format}"
        );
    }
}

/// LibreOffice is the spreadsheet a firewall team opens the CSV in: convert every hostile CSV
/// to ODS with it and read the cells back. No cell may become a formula, and every hostile text
/// must come back as text. A control file with a bare `=1+1` proves the check can see formulas.
#[test]
fn hostile_csv_stays_text_in_libreoffice() {
    if !require_tool("soffice") {
        return;
    }
    let dir = crate::support::temp_dir();
    std::fs::write(dir.join("control.csv"), "a,b\r\n=1+1,x\r\n").unwrap();
    let mut names = vec!["control.csv".to_owned()];
    for (n, hostile) in corpus().iter().enumerate() {
        let name = format!("corpus-{n:02}.csv");
        std::fs::write(dir.join(&name), export(&plan_with(hostile), Format::Csv)).unwrap();
        names.push(name);
    }
    // A private profile so that a running or half-configured LibreOffice cannot interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let out = Command::new("soffice")
        // The import options a user picks in the dialog: comma, double quote, UTF-8 (76).
        .args([
            profile.as_str(),
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "ods",
            "--outdir",
        ])
        .arg(dir.join("ods"))
        .args(&names)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Per file: formula cells, and the text of the cells that hold the hostile string.
    let script = r#"
import json, re, sys, zipfile, html
result = {}
for path in sys.argv[1:]:
    xml = zipfile.ZipFile(path).read('content.xml').decode('utf-8')
    formulas = re.findall(r'table:formula="([^"]*)"', xml)
    cells = [html.unescape(re.sub(r'<[^>]+>', '', c)) for c in re.findall(r'<text:p>(.*?)</text:p>', xml)]
    result[path.rsplit('/', 1)[-1]] = [formulas, cells]
json.dump(result, sys.stdout)
"#;
    let ods: Vec<_> = names
        .iter()
        .map(|n| dir.join("ods").join(n.replace(".csv", ".ods")))
        .collect();
    let out = Command::new("python3")
        .args(["-c", script])
        .args(&ods)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> =
        serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        result["control.ods"].0,
        ["of:=1+1"],
        "LibreOffice evaluates a bare formula, so the check below can fail"
    );
    for (n, hostile) in corpus().iter().enumerate() {
        let (formulas, cells) = &result[&format!("corpus-{n:02}.ods")];
        assert!(formulas.is_empty(), "corpus {n}: formulas {formulas:?}");
        // The visible start of the hostile text survives somewhere as text (the CSV cell
        // carries a leading apostrophe where it would start a formula).
        let probe: String = hostile
            .trim_start_matches(['\t', '\r'])
            .chars()
            .take_while(|c| !c.is_control())
            .take(8)
            .collect();
        assert!(
            cells.iter().any(|c| c.contains(&probe)),
            "corpus {n}: {probe:?} not found as text"
        );
    }
    eprintln!(
        "libreoffice: {} hostile CSVs converted to ODS, 0 formula cells",
        corpus().len()
    );
}

/// The formats that do not list findings do not change with warnings and notes (the examples
/// have no errors; an error adds a warning line at the top of every format but CSV, see
/// `safety::exports_of_a_plan_with_errors_say_so_at_the_top`), and the others do.
#[test]
fn only_the_formats_that_show_findings_depend_on_them() {
    use lync_port_planner::export::{Format, Report, render};
    let catalog = crate::support::catalog();
    for name in ["director-pool-dns-hlb.ron", "full-site.ron"] {
        let plan = example(name);
        let (rules, findings) = crate::support::derive(&plan);
        assert!(!findings.is_empty(), "{name} has findings");
        for format in Format::ALL {
            let with = |findings: &[lync_port_planner::findings::Finding]| {
                render(
                    format,
                    &Report {
                        plan: &plan,
                        catalog: &catalog,
                        rules: &rules,
                        findings,
                        lang: lync_port_planner::i18n::Lang::En,
                    },
                )
                .unwrap()
            };
            assert_eq!(
                with(&findings) != with(&[]),
                format.shows_findings(),
                "{name} {format:?}"
            );
        }
    }
}

/// No export of any example plan names a key of our research notes or a retired TechNet
/// address, and every page the JSON cites is one of Microsoft's pages in the catalog, with its
/// title and address: every catalog rule cites at least one (a hand-written rule has none).
#[test]
fn exports_of_every_example_cite_only_microsofts_pages() {
    let catalog = crate::support::catalog();
    for path in crate::support::example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog).unwrap();
        let name = path.display();
        for format in Format::ALL
            .into_iter()
            .filter(|f| f.output() == OutputKind::Text)
        {
            let text = export(&plan, format);
            for banned in ["lync-ports", "technet.microsoft.com", "S1-", "seed page"] {
                assert!(!text.contains(banned), "{name} {format:?}: {banned}");
            }
        }
        let doc: serde_json::Value = serde_json::from_str(&export(&plan, Format::Json)).unwrap();
        for rule in doc["rules"].as_array().unwrap() {
            let sources = rule["sources"].as_array().unwrap();
            if rule["requirement"] != "custom" {
                assert!(!sources.is_empty(), "{name}: {}", rule["id"]);
            }
            for source in sources {
                let page = catalog.source(source["id"].as_str().unwrap()).unwrap();
                assert_eq!(source["title"], page.title.as_str());
                assert_eq!(source["url"], page.url.as_str());
            }
        }
    }
}
