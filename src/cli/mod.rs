//! The command line: subcommands, their options, output and exit codes (DESIGN.md section 3).
//! Bad input of any kind is one `error:` line on stderr and exit 2; never a panic.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

mod args;
mod catalog_table;
mod dns;
mod options;
mod parse;
mod porttest;
mod scope;

pub use args::{Cli, Command, ReportTab, WindowArgs};
pub use parse::{Invocation, SUBCOMMANDS, parse, window_args};

use options::Options;
use scope::scope;

use crate::catalog::{Catalog, CatalogError};
use crate::export::{self, Format};
use crate::findings::Severity;
use crate::plan::Plan;
use crate::plan_file::{self, PlanFileError};
use crate::rules;

/// Why a command failed; all are exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments are wrong.
    #[error("{message}")]
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
    /// The audited file could not be used.
    #[error("{at}: {message}")]
    Existing {
        /// The file and line (`FILE:LINE`, or `FILE` when no line is to blame).
        at: String,
        /// What is wrong.
        message: String,
    },
    /// An export could not be made.
    #[error(transparent)]
    Export(#[from] export::ExportError),
    /// Output could not be written.
    #[error(transparent)]
    Write(#[from] crate::atomic_write::WriteError),
    /// Standard output failed (other than a closed pipe, which ends quietly).
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

/// Run a parsed subcommand; returns the process exit code. Errors are one `error:` line on
/// stderr (a usage error adds a hint) and exit code 2.
pub fn run(command: Command) -> ExitCode {
    match dispatch(command) {
        Ok(code) => code,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            writeln!(stderr, "error: {err}").ok();
            if matches!(err, CliError::Usage { .. }) {
                writeln!(stderr, "\nFor more information, try '--help'.").ok();
            }
            ExitCode::from(2)
        }
    }
}

fn dispatch(command: Command) -> Result<ExitCode, CliError> {
    let (name, opts) = options::from_command(command);
    let opts = match opts {
        options::Parsed::Options(opts) => opts,
        options::Parsed::Completions(shell) => {
            let mut script = Vec::new();
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "lync-port-planner", &mut script);
            out_bytes(&script)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let stdin_plan = opts.positional.iter().any(|p| options::is_stdio(p));
    let catalog = match &opts.catalog {
        Some(path) if options::is_stdio(path) && stdin_plan => {
            return Err(usage(
                "only one input can be standard input (-): the catalog or the plan",
            ));
        }
        Some(path) if options::is_stdio(path) => {
            let text = crate::file_text::read_stdin().map_err(CatalogError::from)?;
            Catalog::from_ron(&text, "standard input")?
        }
        Some(path) => Catalog::load(path)?,
        None => Catalog::builtin()?,
    };
    match name {
        "export" => export_cmd(&opts, &catalog),
        "check" => check_cmd(&opts, &catalog),
        "catalog" => catalog_cmd(&opts, &catalog),
        "render" => render_cmd(&opts, &catalog),
        "diff" => diff_cmd(&opts, &catalog),
        "upgrade" => upgrade_cmd(&opts, &catalog),
        _ => gen_plan_cmd(&opts, &catalog),
    }
}

/// A plan from its file, or from standard input for `-`.
fn load_plan(path: &Path, catalog: &Catalog) -> Result<Plan, CliError> {
    if options::is_stdio(path) {
        let text = crate::file_text::read_stdin().map_err(PlanFileError::from)?;
        return Ok(plan_file::from_ron(&text, "standard input", catalog)?);
    }
    Ok(plan_file::load(path, catalog)?)
}

/// Write `bytes` to the `--output` file, or to standard output (none, or `-`).
fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match output {
        Some(file) if !options::is_stdio(file) => Ok(crate::atomic_write::write(file, bytes)?),
        _ => out_bytes(bytes),
    }
}

fn gen_plan_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    options::refuse_output_over_input(opts, &[])?;
    let plan =
        crate::generate::large_plan(opts.count, catalog).map_err(|e| usage(e.to_string()))?;
    let text = plan_file::to_ron(&plan)?;
    write_output(opts.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn upgrade_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let plan = one_plan(opts)?;
    if options::is_stdio(plan) {
        return Err(usage(
            "upgrade rewrites a plan file; it cannot rewrite standard input",
        ));
    }
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
        _ => Err(usage("expected exactly one PLAN.ron")),
    }
}

fn export_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let path = one_plan(opts)?;
    options::refuse_output_over_input(opts, &[path])?;
    if let Ok(dns) = opts.format.as_deref().unwrap_or_default().parse() {
        return dns::export(opts, catalog, path, dns);
    }
    if opts.format.as_deref() == Some(args::PORT_TEST) {
        return porttest::export(opts, catalog, path);
    }
    let format: Format = opts
        .format
        .as_deref()
        .unwrap_or_default()
        .parse()
        .map_err(|e: export::UnknownFormat| usage(e.to_string()))?;
    if opts.gpo.is_some() && format != Format::Powershell {
        return Err(usage("--gpo is for --format powershell"));
    }
    check_destination(format, opts.output.as_deref())?;
    let plan = load_plan(path, catalog)?;
    let scope = scope(opts, &plan)?;
    let lang = opts.lang.unwrap_or_else(crate::i18n::Lang::from_env);
    let options = export::ExportOptions {
        store: opts
            .gpo
            .clone()
            .map_or(export::PolicyStore::Local, export::PolicyStore::Gpo),
    };
    let (output, errors) = export::export_with(&plan, catalog, format, &scope, lang, &options)?;
    if errors > 0 {
        // The export says so too (CSV excepted); stderr reaches whoever runs it.
        writeln!(
            std::io::stderr().lock(),
            "warning: the plan has {errors} error finding(s); run `check` and fix them before using these rules: {}",
            path.display()
        )
        .ok();
    }
    match output {
        export::Output::Text(text) => write_output(opts.output.as_deref(), text.as_bytes())?,
        export::Output::Bytes(bytes) => write_output(opts.output.as_deref(), &bytes)?,
        export::Output::Files(files) => {
            let dir = (opts.output.as_deref())
                .filter(|o| !options::is_stdio(o))
                .ok_or_else(|| {
                    usage(format!("{format} writes several files: give --output DIR"))
                })?;
            crate::atomic_write::write_folder(dir, &files)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuse what cannot go where `--output` sends it, before any work: a binary file to a
/// terminal, several files anywhere but a folder.
fn check_destination(format: Format, output: Option<&Path>) -> Result<(), CliError> {
    use std::io::IsTerminal as _;
    let to_stdout = output.is_none_or(options::is_stdio);
    match format.output() {
        export::OutputKind::Binary if to_stdout && std::io::stdout().is_terminal() => {
            Err(usage(format!(
                "{format} is a binary file and standard output is a terminal: give --output FILE.{}",
                format.extension()
            )))
        }
        export::OutputKind::Folder if to_stdout => Err(usage(format!(
            "{format} writes several files: give --output DIR"
        ))),
        _ => Ok(()),
    }
}

fn diff_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let [old_path, new_path] = opts.positional.as_slice() else {
        return Err(usage("diff needs OLD.ron and NEW.ron"));
    };
    if options::is_stdio(old_path) && options::is_stdio(new_path) {
        return Err(usage(
            "only one of OLD.ron and NEW.ron can be standard input (-)",
        ));
    }
    options::refuse_output_over_input(opts, &[old_path, new_path])?;
    let lang = opts.lang.unwrap_or_else(crate::i18n::Lang::from_env);
    let old = load_plan(old_path, catalog)?;
    let new = load_plan(new_path, catalog)?;
    let changes = crate::diff::diff(&rules::derive(&old, catalog), &rules::derive(&new, catalog));
    let text = match opts.format.as_deref().unwrap_or("markdown") {
        "markdown" => crate::diff::markdown(&changes, &old.name, &new.name, lang),
        "csv" => crate::diff::csv(&changes, new.product, lang),
        "json" => crate::diff::json(&changes, lang)?,
        other => {
            return Err(usage(format!(
                "unknown diff format `{other}` (expected markdown, csv or json)"
            )));
        }
    };
    write_output(opts.output.as_deref(), text.as_bytes())?;
    // As diff(1): 1 when the plans' rules differ.
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn render_cmd(opts: &Options, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let path = one_plan(opts)?;
    let output = opts
        .output
        .as_ref()
        .filter(|o| !options::is_stdio(o))
        .ok_or_else(|| usage("render needs --output FILE.svg, FILE.png or FILE.json"))?;
    options::refuse_output_over_input(opts, &[path])?;
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let plan = load_plan(path, catalog)?;
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
    let plan = load_plan(path, catalog)?;
    let rule_scope = scope(opts, &plan)?;
    let crate::derivation::Derivation {
        rules, findings, ..
    } = crate::derivation::Derivation::new(&plan, catalog);
    // The whole rule set needs no filtered copy; test results name rules of the whole plan.
    let all = std::sync::Arc::clone(&rules);
    let rules = if rule_scope == rules::RuleScope::All {
        rules
    } else {
        std::sync::Arc::new(rules.scoped(&rule_scope))
    };
    let mut findings = scope::scoped_findings(findings, &plan, &rule_scope, &rules);
    if let Some(file) = &opts.against {
        let text = crate::file_text::read(file).map_err(PlanFileError::from)?;
        let format = match opts.against_format.as_deref() {
            None => None,
            Some(name) => Some(crate::audit::DumpFormat::from_name(name).ok_or_else(|| {
                usage(format!(
                    "unknown --against-format `{}`",
                    options::quoted(name)
                ))
            })?),
        };
        let at = |e: crate::audit::DumpError| {
            let path = crate::escape::quoted(&file.display().to_string());
            CliError::Existing {
                at: if e.line == 0 {
                    path
                } else {
                    format!("{path}:{}", e.line)
                },
                message: e.message,
            }
        };
        let (_, dump) = crate::audit::read(&text, format).map_err(at)?;
        let target = crate::audit::Target {
            chain: opts.chain.clone(),
            firewall: match rule_scope {
                rules::RuleScope::Through(_, id) => Some(id),
                _ => None,
            },
        };
        findings.extend(dump.audit(&plan, &rules, &target).map_err(at)?);
        findings.sort();
    }
    if !opts.test_results.is_empty() {
        findings.extend(porttest::results(&opts.test_results)?.findings(&rules, &all));
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
    out_bytes(text.as_bytes())
}

/// Write to standard output; a closed pipe (`| head`) ends the output quietly.
fn out_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|source| CliError::Stdout { source }),
    }
}
