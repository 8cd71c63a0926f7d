//! The command line: subcommands, their options, output and exit codes (DESIGN.md section 3).
//! Bad input of any kind is one `error:` line on stderr and exit 2; never a panic.

use std::ffi::OsString;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

mod catalog_table;
mod options;
mod scope;

use options::Options;
use scope::scope;

use crate::catalog::{Catalog, CatalogError};
use crate::export::{self, Format};
use crate::findings::Severity;
use crate::plan_file::{self, PlanFileError};
use crate::rules;

/// Subcommand names; anything else on the command line is for the GUI.
pub const SUBCOMMANDS: [&str; 8] = [
    "export", "check", "catalog", "render", "diff", "upgrade", "gen-plan", "help",
];

const USAGE: &str = "\
Lync Port Planner: firewall rules for Lync Server 2013, derived from a plan.

Usage:
  lync-port-planner [PLAN.ron]                      open the GUI (default: the built-in example plan)
  lync-port-planner export PLAN.ron --format F [--output FILE] [--firewall FW | --nodes ID,ID] [--gpo DOMAIN\\GPO]
        F: csv | markdown | html | json | powershell | nftables | iptables | asa | drawio
        FW: a firewall of the plan by id (external, internal; three_legged) or name, or host
            (the rules crossing that firewall, inbound and outbound)
        --nodes: only the rules with an end on these node ids
        --gpo: powershell writes the rules into this GPO (run once) instead of each server's
            local store (run on every server)
  lync-port-planner check PLAN.ron [--format text|json] [--against EXISTING.csv] [--firewall FW | --nodes ID,ID]
        --against: audit an existing firewall (our CSV columns, or action,protocol,source,destination,port)
  lync-port-planner catalog [--format markdown|json]
  lync-port-planner render PLAN.ron --output FILE.svg|FILE.png|FILE.json
        the whole plan as a diagram (.json: its cards, routed links and labels)
  lync-port-planner diff OLD.ron NEW.ron [--format markdown|csv|json] [--output FILE]
        the firewall rules to add and to remove, per firewall (a change request)
  lync-port-planner upgrade PLAN.ron                rewrite in the current format, keeping a backup (PLAN.ron.bak, .bak.1, ...)
  lync-port-planner gen-plan N [--output FILE]      a large plan of at least N nodes (benchmarks, labs)

Options for every subcommand:
  --catalog FILE    use this catalog instead of the built-in one
  --lang L          en | zh-TW | ko-KR: notes and headings (default from LANG; field names stay English)

Exit codes: 0 success (check: no error findings), 1 check found errors, 2 bad usage or input.
";

/// True when the arguments name a subcommand (or ask for help/version) rather than the GUI.
pub fn is_cli(args: &[OsString]) -> bool {
    args.first().and_then(|a| a.to_str()).is_some_and(|a| {
        SUBCOMMANDS.contains(&a) || matches!(a, "-h" | "--help" | "-V" | "--version")
    })
}

/// Why a command failed; all are exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments are wrong.
    #[error("{message}\n\n{USAGE}")]
    Usage {
        /// What is wrong.
        message: String,
    },
    /// The catalog could not be used.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// The plan could not be used.
    #[error(transparent)]
    Plan(#[from] PlanFileError),
    /// The existing-rules CSV could not be used.
    #[error("{path}:{line}: {message}")]
    Existing {
        /// The CSV file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An export could not be made.
    #[error(transparent)]
    Export(#[from] export::ExportError),
    /// Output could not be written.
    #[error(transparent)]
    Write(#[from] crate::atomic_write::WriteError),
    /// Standard output failed (closed pipe and the like).
    #[error("cannot write to standard output: {source}")]
    Stdout {
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

fn usage(message: impl Into<String>) -> CliError {
    CliError::Usage {
        message: message.into(),
    }
}

/// Run a subcommand; returns the process exit code.
pub fn run(args: &[OsString]) -> ExitCode {
    match dispatch(args) {
        Ok(code) => code,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            writeln!(stderr, "error: {err}").ok();
            ExitCode::from(2)
        }
    }
}

fn dispatch(args: &[OsString]) -> Result<ExitCode, CliError> {
    let Some(command) = args.first().and_then(|a| a.to_str()) else {
        return Err(usage("no subcommand"));
    };
    if matches!(command, "-h" | "--help" | "help") {
        out(USAGE)?;
        return Ok(ExitCode::SUCCESS);
    }
    if matches!(command, "-V" | "--version") {
        out(&format!(
            "lync-port-planner {}\n",
            env!("CARGO_PKG_VERSION")
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let opts = options::parse(command, &args[1..])?;
    let catalog = match &opts.catalog {
        Some(path) => Catalog::load(path)?,
        None => Catalog::builtin()?,
    };
    match command {
        "export" => export_cmd(&opts, &catalog),
        "check" => check_cmd(&opts, &catalog),
        "catalog" => catalog_cmd(&opts, &catalog),
        "render" => render_cmd(&opts, &catalog),
        "diff" => diff_cmd(&opts, &catalog),
        "upgrade" => upgrade_cmd(&opts, &catalog),
        "gen-plan" => gen_plan_cmd(&opts, &catalog),
        _ => Err(usage(format!("unknown subcommand `{command}`"))),
    }
}

fn gen_plan_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let nodes: usize = match opts.positional.as_slice() {
        [n] => n
            .to_str()
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| usage("gen-plan needs a node count, like `gen-plan 2000`"))?,
        _ => return Err(usage("gen-plan needs a node count, like `gen-plan 2000`")),
    };
    options::refuse_output_over_input(opts, &[])?;
    let plan = crate::generate::large_plan(nodes, catalog).map_err(|e| usage(e.to_string()))?;
    let text = plan_file::to_ron(&plan)?;
    match &opts.output {
        Some(file) => crate::atomic_write::write(file, text.as_bytes())?,
        None => out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn upgrade_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let plan = one_plan(opts)?;
    match plan_file::upgrade(plan, catalog)? {
        plan_file::Upgraded::AlreadyCurrent => out(&format!(
            "{} is already in the current format (version {}); nothing written\n",
            plan.display(),
            crate::plan::FORMAT_VERSION
        ))?,
        plan_file::Upgraded::Rewritten {
            backup,
            dropped_comments,
        } => {
            out(&format!(
                "upgraded {} (previous version kept as {})\n",
                plan.display(),
                backup.display()
            ))?;
            if dropped_comments {
                writeln!(
                    std::io::stderr(),
                    "warning: the old file had comments; the upgraded file has none (they are kept in the backup): {}",
                    backup.display()
                )
                .ok();
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn one_plan(opts: &Options) -> Result<&Path, CliError> {
    match opts.positional.as_slice() {
        [one] => Ok(one),
        [] => Err(usage("missing PLAN.ron")),
        _ => Err(usage("expected exactly one PLAN.ron")),
    }
}

fn export_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let path = one_plan(opts)?;
    options::refuse_output_over_input(opts, &[path])?;
    let format: Format = opts
        .format
        .as_deref()
        .ok_or_else(|| usage("export needs --format"))?
        .parse()
        .map_err(|e: export::UnknownFormat| usage(e.to_string()))?;
    if opts.gpo.is_some() && format != Format::Powershell {
        return Err(usage("--gpo is for --format powershell"));
    }
    let plan = plan_file::load(path, catalog)?;
    let scope = scope(opts, &plan)?;
    let lang = opts.lang.unwrap_or_else(crate::i18n::Lang::from_env);
    let options = export::ExportOptions {
        store: opts
            .gpo
            .clone()
            .map_or(export::PolicyStore::Local, export::PolicyStore::Gpo),
    };
    let (text, errors) = export::export_with(&plan, catalog, format, &scope, lang, &options)?;
    if errors > 0 {
        // The export says so too (CSV excepted); stderr reaches whoever runs it.
        writeln!(
            std::io::stderr().lock(),
            "warning: the plan has {errors} error finding(s); run `check` and fix them before using these rules: {}",
            path.display()
        )
        .ok();
    }
    match &opts.output {
        Some(file) => crate::atomic_write::write(file, text.as_bytes())?,
        None => out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn diff_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let [old_path, new_path] = opts.positional.as_slice() else {
        return Err(usage("diff needs OLD.ron and NEW.ron"));
    };
    options::refuse_output_over_input(opts, &[old_path, new_path])?;
    let lang = opts.lang.unwrap_or_else(crate::i18n::Lang::from_env);
    let old = plan_file::load(old_path, catalog)?;
    let new = plan_file::load(new_path, catalog)?;
    let changes = crate::diff::diff(&rules::derive(&old, catalog), &rules::derive(&new, catalog));
    let text = match opts.format.as_deref().unwrap_or("markdown") {
        "markdown" => crate::diff::markdown(&changes, &old.name, &new.name, lang),
        "csv" => crate::diff::csv(&changes, lang),
        "json" => crate::diff::json(&changes, lang)?,
        other => {
            return Err(usage(format!(
                "unknown diff format `{other}` (expected markdown, csv or json)"
            )));
        }
    };
    match &opts.output {
        Some(file) => crate::atomic_write::write(file, text.as_bytes())?,
        None => out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn render_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let path = one_plan(opts)?;
    let output = opts
        .output
        .as_ref()
        .ok_or_else(|| usage("render needs --output FILE.svg, FILE.png or FILE.json"))?;
    options::refuse_output_over_input(opts, &[path])?;
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let plan = plan_file::load(path, catalog)?;
    let rules = rules::derive(&plan, catalog);
    let bytes = match ext.as_deref() {
        Some("svg") => crate::diagram::svg(&plan, catalog, &rules).into_bytes(),
        Some("json") => {
            crate::diagram::json::text(&plan, &crate::diagram::diagram(&plan, catalog, &rules))
                .map_err(|e| usage(format!("cannot write the diagram as JSON: {e}")))?
                .into_bytes()
        }
        Some("png") => {
            crate::diagram::png(&plan, catalog, &rules, 1.5).map_err(|e| usage(e.to_string()))?
        }
        _ => {
            return Err(usage(
                "render writes .svg, .png or .json (from the --output file name)",
            ));
        }
    };
    crate::atomic_write::write(output, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

fn check_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let lang = opts.lang.unwrap_or_else(crate::i18n::Lang::from_env);
    let path = one_plan(opts)?;
    if opts.output.is_some() {
        return Err(usage(
            "check writes to standard output; --output is for export",
        ));
    }
    let plan = plan_file::load(path, catalog)?;
    let rule_scope = scope(opts, &plan)?;
    let crate::derivation::Derivation { rules, findings } =
        crate::derivation::Derivation::new(&plan, catalog);
    // The whole rule set needs no filtered copy.
    let rules = if rule_scope == rules::RuleScope::All {
        rules
    } else {
        std::sync::Arc::new(rules.scoped(&rule_scope))
    };
    let mut findings = scope::scoped_findings(findings, &plan, &rule_scope, &rules);
    if let Some(csv) = &opts.against {
        let text = crate::file_text::read(csv).map_err(PlanFileError::from)?;
        let existing = crate::audit::parse(&text).map_err(|e| CliError::Existing {
            path: csv.display().to_string(),
            line: e.line,
            message: e.message,
        })?;
        findings.extend(crate::audit::audit(&rules, &existing));
        findings.sort();
    }
    match opts.format.as_deref().unwrap_or("text") {
        "json" => out(&export::findings_json(&findings, lang)?)?,
        "text" => {
            let mut text = String::new();
            for f in &findings {
                text.push_str(&format!(
                    "{}[{}] {}: {}\n",
                    f.severity.as_str(),
                    f.kind.as_str(),
                    f.subject,
                    f.message.get(lang)
                ));
            }
            let count = |s| findings.iter().filter(|f| f.severity == s).count();
            text.push_str(&format!(
                "{}: {} rules, {} errors, {} warnings, {} info\n",
                path.display(),
                rules.rules.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            ));
            out(&text)?;
        }
        other => {
            return Err(usage(format!(
                "unknown check format `{other}` (expected text or json)"
            )));
        }
    }
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn catalog_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    if !opts.positional.is_empty() {
        return Err(usage("catalog takes no file argument (use --catalog FILE)"));
    }
    match opts.format.as_deref().unwrap_or("markdown") {
        "json" => out(&export::pretty_json(catalog.data())?)?,
        "markdown" => out(&catalog_table::markdown(catalog))?,
        other => {
            return Err(usage(format!(
                "unknown catalog format `{other}` (expected markdown or json)"
            )));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn out(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|source| CliError::Stdout { source })
}
