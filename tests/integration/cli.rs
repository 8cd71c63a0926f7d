//! The command line: exit codes, outputs, and one clear line for every kind of bad input.

use crate::support::{cli, read, root, temp_dir, write_temp};

fn seed() -> String {
    root()
        .join("saved-plans/director-pool-dns-hlb.ron")
        .display()
        .to_string()
}

#[track_caller]
fn assert_bad_input(args: &[&str], expect_in_message: &[&str]) {
    let out = cli(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
    for part in expect_in_message {
        assert!(stderr.contains(part), "{args:?}: `{part}` not in: {stderr}");
    }
}

#[test]
fn check_is_clean_on_every_example() {
    for path in crate::support::example_paths() {
        let out = cli(&["check", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn check_exits_1_on_errors_and_prints_json() {
    let text = read(&root().join("saved-plans/director-pool-dns-hlb.ron")).replacen(
        "\"hlb_vip\": \"10.10.20.10\",",
        "",
        1,
    );
    let path = write_temp("plan.ron", text.as_bytes());
    let out = cli(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"unresolved_address") && kinds.contains(&"invalid_topology"),
        "{kinds:?}"
    );
    for f in doc["findings"].as_array().unwrap() {
        let keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["severity", "kind", "message", "subject"]);
    }
}

#[test]
fn export_writes_the_output_file_or_stdout_identically() {
    let file = temp_dir().join("rules.json");
    let out = cli(&[
        "export",
        &seed(),
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let to_stdout = cli(&["export", &seed(), "--format", "json"]);
    assert_eq!(String::from_utf8(to_stdout.stdout).unwrap(), read(&file));
}

#[test]
fn json_export_has_exactly_the_contract_fields() {
    let out = cli(&["export", &seed(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&doc),
        ["plan", "product", "catalog", "errors", "rules", "findings"]
    );
    assert_eq!(doc["product"], "lync_2013");
    let rule = &doc["rules"][0];
    assert_eq!(
        keys(rule),
        [
            "id",
            "requirement",
            "firewall",
            "source",
            "destination",
            "application",
            "transport",
            "port_from",
            "port_to",
            "notes",
            "references",
            "sources"
        ]
    );
    // Every rule cites Microsoft pages by id, and names each with its title and address.
    for rule in doc["rules"].as_array().unwrap() {
        let ids: Vec<&str> = (rule["references"].as_array().unwrap().iter())
            .map(|r| r.as_str().unwrap())
            .collect();
        let sources = rule["sources"].as_array().unwrap();
        assert!(!ids.is_empty() || rule["requirement"] == "custom", "{rule}");
        assert_eq!(sources.len(), ids.len());
        for (id, source) in ids.iter().zip(sources) {
            assert_eq!(keys(source), ["id", "title", "url"]);
            assert_eq!(source["id"], *id);
            assert!(
                source["url"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://learn.microsoft.com/en-us/")
            );
        }
    }
    assert_eq!(
        keys(&rule["source"]),
        ["node", "role", "endpoint", "addresses"]
    );
}

#[test]
fn catalog_prints_markdown_and_json() {
    let md = cli(&["catalog"]);
    assert_eq!(md.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&md.stdout).contains("| edge-dir-sip-5061 | edge/internal_interface | director/server (hlb_vip when hlb_only) | SIP/MTLS | TCP | 5061 |"));
    let json = cli(&["catalog", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["id"], "lync-2013");
}

#[test]
fn usage_errors_exit_2() {
    assert_bad_input(
        &["export", &seed()],
        &[
            "the following required arguments were not provided",
            "--format",
        ],
    );
    assert_bad_input(
        &["export", &seed(), "--format", "pdf"],
        &[
            "invalid value 'pdf' for '--format <F>'",
            "possible values: csv",
        ],
    );
    assert_bad_input(
        &["check"],
        &[
            "the following required arguments were not provided",
            "PLAN.ron",
        ],
    );
    assert_bad_input(
        &["check", &seed(), "--bogus"],
        &["unexpected argument '--bogus' found"],
    );
    assert_bad_input(
        &["check", &seed(), "--format"],
        &["a value is required for '--format <F>'"],
    );
    // A repeated option is not silently the last one.
    assert_bad_input(
        &["check", &seed(), "--format", "json", "--format", "text"],
        &["cannot be used multiple times"],
    );
    // One error line and a pointer to --help, not the whole usage.
    let out = cli(&["export", &seed(), "--format", "pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .trim_end()
            .ends_with("For more information, try '--help'."),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Usage:") && stderr.lines().count() <= 4,
        "{stderr}"
    );
}

/// `chek plan.ron` is a typo, not a plan called "chek" to open in a window.
#[test]
fn a_mistyped_subcommand_is_an_error_with_a_suggestion() {
    assert_bad_input(
        &["chek", &seed()],
        &[
            "`chek` is not a subcommand or a plan file",
            "did you mean `check`?",
        ],
    );
    assert_bad_input(
        &["frobnicate"],
        &[
            "`frobnicate` is not a subcommand or a plan file",
            "ending in .ron",
        ],
    );
    // A mistyped option is named by the parser, not its value taken for a subcommand.
    assert_bad_input(
        &["--sise", "1280x800", &seed()],
        &["unexpected argument '--sise'"],
    );
    // A path is not offered a subcommand.
    assert_bad_input(
        &["plans/chek"],
        &["not a subcommand or a plan file", "ending in .ron"],
    );
    // Standard input is for subcommands; the window opens a file.
    assert_bad_input(&["-"], &["`-` is not a subcommand or a plan file"]);
    let args = [
        std::ffi::OsString::from("--lang=ko-KR"),
        std::ffi::OsString::from("x.ron"),
    ];
    assert!(lync_port_planner::cli::window_args(&args).is_ok());
    // A name ending in .ron is a plan to open (here a missing one: the window would say so),
    // so it is not refused as a subcommand; checked through the parser the window uses.
    let args = [std::ffi::OsString::from("missing.ron")];
    let window = lync_port_planner::cli::window_args(&args).unwrap();
    assert_eq!(
        window.plan.as_deref(),
        Some(std::path::Path::new("missing.ron"))
    );
}

#[test]
fn every_subcommand_has_its_own_help() {
    for sub in lync_port_planner::cli::SUBCOMMANDS {
        if sub == "help" {
            continue;
        }
        for flag in ["--help", "-h"] {
            let out = cli(&[sub, flag]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{sub} {flag}: {stdout}");
            assert!(
                stdout.contains(&format!("Usage: lync-port-planner {sub}")),
                "{sub} {flag}: {stdout}"
            );
        }
    }
    let out = cli(&["help", "export"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--format <F>"));
    let out = cli(&["--version"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("lync-port-planner "));
}

/// `--format=json` and `--format json` are the same; `-` reads the plan from standard input and
/// writes to standard output.
#[test]
fn equals_forms_and_standard_input_and_output() {
    let split = cli(&["export", &seed(), "--format", "json"]);
    let equals = cli(&["export", &seed(), "--format=json", "--output", "-"]);
    assert_eq!(split.status.code(), Some(0));
    assert_eq!(split.stdout, equals.stdout);
    let plan = read(&root().join("saved-plans/director-pool-dns-hlb.ron"));
    let piped = crate::support::cli_with_stdin(&["export", "-", "--format=json"], plan.as_bytes());
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert_eq!(piped.status.code(), Some(0), "{stderr}");
    assert_eq!(piped.stdout, split.stdout);
    // A broken plan on standard input is named as such.
    let bad = crate::support::cli_with_stdin(&["check", "-"], b"not a plan");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("standard input:1:"));
    // Standard input can be read once.
    assert_bad_input(&["diff", "-", "-"], &["only one of OLD.ron and NEW.ron"]);
    let both = crate::support::cli_with_stdin(&["check", "-", "--catalog", "-"], plan.as_bytes());
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("only one input can be standard input"));
    // `--` ends the options: a plan whose name starts with a dash.
    let dir = temp_dir();
    std::fs::write(dir.join("-dash.ron"), &plan).unwrap();
    let out = std::process::Command::new(crate::support::bin())
        .current_dir(&dir)
        .args(["check", "--", "-dash.ron"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `export | head -1` ends quietly when `head` closes the pipe.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let plan = crate::support::gen_plan_path(300);
    let mut child = Command::new(crate::support::bin())
        .args(["export", plan.to_str().unwrap(), "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end at once: every write fails with a broken pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn completions_are_scripts_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef lync-port-planner"),
        ("fish", "complete -c lync-port-planner"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = cli(&["completions", shell]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(stdout.contains(marker), "{shell}: {marker}");
        assert!(stdout.contains("gen-plan"), "{shell}: subcommands listed");
    }
    assert_bad_input(&["completions", "tcsh"], &["invalid value 'tcsh'"]);
}

#[test]
fn missing_file_is_one_clear_line() {
    assert_bad_input(
        &["check", "/nonexistent/plan.ron"],
        &["cannot read file", "/nonexistent/plan.ron"],
    );
}

#[test]
fn not_ron_truncated_and_wrong_types_name_line_and_column() {
    let garbage = write_temp("garbage.ron", b"this is not RON at all");
    assert_bad_input(&["check", garbage.to_str().unwrap()], &["garbage.ron:1:"]);
    let full = read(&root().join("saved-plans/single-director.ron"));
    let truncated = write_temp("truncated.ron", &full.as_bytes()[..full.len() / 2]);
    assert_bad_input(&["check", truncated.to_str().unwrap()], &["truncated.ron:"]);
    let typed = write_temp(
        "typed.ron",
        full.replacen("format_version: 3", "format_version: \"one\"", 1)
            .as_bytes(),
    );
    assert_bad_input(&["check", typed.to_str().unwrap()], &["typed.ron:2:"]);
}

#[test]
fn unknown_role_and_newer_version_are_refused() {
    let full = read(&root().join("saved-plans/single-director.ron"));
    let role = write_temp(
        "role.ron",
        full.replacen("\"reverse_proxy\"", "\"firewall\"", 1)
            .as_bytes(),
    );
    assert_bad_input(
        &["export", role.to_str().unwrap(), "--format", "csv"],
        &["role.ron:", "unknown role `firewall`"],
    );
    let newer = write_temp(
        "newer.ron",
        full.replacen("format_version: 3", "format_version: 4", 1)
            .as_bytes(),
    );
    assert_bad_input(
        &["check", newer.to_str().unwrap()],
        &["newer.ron:2:5:", "version 4 is newer"],
    );
}

#[test]
fn binary_and_huge_files_are_refused_before_parsing() {
    let binary = write_temp("binary.ron", &[0xff, 0xfe, 0x00, 0x41, 0x80]);
    assert_bad_input(
        &["check", binary.to_str().unwrap()],
        &["not a text file", "binary.ron"],
    );
    // 50 MB of garbage: refused by size without being read.
    let path = temp_dir().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    assert_bad_input(
        &["check", path.to_str().unwrap()],
        &["file is too large", "huge.ron"],
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "Plan(format_version: 1, name: {}x{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let path = write_temp("deep.ron", deep.as_bytes());
    assert_bad_input(&["check", path.to_str().unwrap()], &["deep.ron:1:"]);
}

#[test]
fn lang_translates_notes_headings_and_findings_but_not_field_names() {
    let md = cli(&["export", &seed(), "--format", "markdown", "--lang", "zh-TW"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("# 防火牆規則："),
        "{}",
        &md[..200.min(md.len())]
    );
    assert!(md.contains("## 內部防火牆"));
    let json = cli(&["export", &seed(), "--format", "json", "--lang", "ko-KR"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rule = &doc["rules"][0];
    assert!(
        rule.get("notes").is_some() && rule.get("source").is_some(),
        "field names stay English"
    );
    let notes = rule["notes"].as_str().unwrap();
    assert!(
        notes
            .chars()
            .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
        "notes in Korean: {notes}"
    );
    let check = cli(&["check", &seed(), "--lang", "ko-KR"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("Microsoft 페이지"));
    assert_bad_input(
        &["check", &seed(), "--lang", "fr"],
        &[
            "invalid value 'fr' for '--lang <L>'",
            "expected en, zh-TW or ko-KR",
        ],
    );
}
