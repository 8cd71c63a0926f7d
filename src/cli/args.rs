//! The command line as `clap` parses it: the subcommands with their own options and help, and
//! the window's arguments, in one parser (DESIGN.md section 3).

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};

use crate::export::Format;
use crate::i18n::Lang;

const EXIT_CODES: &str = "\
Exit codes: 0 success (check: no error findings; diff: no change), 1 check found errors or diff \
found changes, 2 bad usage or input. A closed output pipe ends the command quietly.

A plan or catalog of `-` is read from standard input (one of them), an --output of `-` is standard \
output (not for render).";

/// Lync Port Planner: firewall rules for Lync Server 2013 and Skype for Business Server,
/// derived from a plan.
///
/// Without a subcommand it opens the window on PLAN (default: the built-in example plan).
#[derive(Debug, Parser)]
#[command(
    name = "lync-port-planner",
    version,
    args_conflicts_with_subcommands = true,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The window's own arguments.
    #[command(flatten)]
    pub window: WindowArgs,
}

/// The window's arguments.
#[derive(Debug, Default, Args)]
pub struct WindowArgs {
    /// The plan to open (default: the built-in example plan).
    #[arg(value_name = "PLAN.ron")]
    pub plan: Option<PathBuf>,
    /// Save a screenshot of the window to this PNG file, then exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Close the window after this many frames (a smoke test).
    #[arg(long, value_name = "N")]
    pub frames: Option<u64>,
    /// The window's size in points, at least 400x300.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,
    /// The window's language (default: the saved preference, else LANG).
    #[arg(long, value_name = "L", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Open the Reports window at this tab (as View > Reports... does).
    #[arg(long, value_name = "TAB")]
    pub reports: Option<ReportTab>,
}

/// A tab of the window's Reports window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportTab {
    /// The rule counts per firewall.
    Firewall,
    /// The DNS records.
    Dns,
    /// The certificates.
    Certificates,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export the plan's rules for a firewall team, a firewall or a diagram editor.
    Export(ExportArgs),
    /// Check the plan (findings); with --against, audit an existing firewall against it.
    Check(CheckArgs),
    /// Print the catalog of roles and port requirements.
    Catalog(CatalogArgs),
    /// Draw the whole plan as a diagram (.svg, .png, or .json: its cards, routed links and labels).
    Render(RenderArgs),
    /// The firewall rules to add, remove and change between two plans, per firewall (a change
    /// request); exits 1 when there are any.
    Diff(DiffArgs),
    /// Rewrite a plan in the current format, keeping a backup (PLAN.ron.bak, .bak.1, ...).
    Upgrade(UpgradeArgs),
    /// Write a large plan of at least N nodes (benchmarks, labs).
    GenPlan(GenPlanArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

/// Options every subcommand that reads the catalog takes.
#[derive(Debug, Default, Args)]
pub struct Common {
    /// Use this catalog instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Notes and headings in this language (default from LANG; field names stay English).
    #[arg(long, value_name = "L", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

/// Which rules: one firewall's, or those with an end on some nodes.
#[derive(Debug, Default, Args)]
pub struct ScopeArgs {
    /// Only the rules crossing this firewall: a firewall of the plan by id (external, internal;
    /// three_legged) or name, or `host`.
    #[arg(long, value_name = "FW", conflicts_with = "nodes")]
    pub firewall: Option<String>,
    /// Only the rules with an end on these node ids (comma-separated).
    #[arg(long, value_name = "ID,ID")]
    pub nodes: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The plan (`-`: standard input).
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// The export format.
    #[arg(short, long, value_name = "F", value_parser = formats())]
    pub format: String,
    /// Write here (default, or `-`: standard output, for xlsx only when it is not a terminal).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// powershell: write the rules into this GPO (run once) instead of each server's local store
    /// (run on every server).
    #[arg(long, value_name = "DOMAIN\\GPO", value_parser = parse_gpo)]
    pub gpo: Option<crate::export::Gpo>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan (`-`: standard input).
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// How findings are printed.
    #[arg(short, long, value_name = "F", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Audit an existing firewall: our CSV or action,protocol,source,destination,port;
    /// iptables-save or ip6tables-save output; nft list ruleset (or nft -j); an ASA
    /// running-config.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,
    /// The --against file's format (default: told from its content).
    #[arg(long, value_name = "F", requires = "against", value_parser = against_formats())]
    pub against_format: Option<String>,
    /// Audit from this chain (iptables-save, nft; `TABLE:CHAIN` when several tables have it)
    /// instead of the base chains on the forward hook, e.g. LYNC-INTERNAL, lpp_internal, INPUT.
    #[arg(long, value_name = "NAME", requires = "against")]
    pub chain: Option<String>,
    /// Results CSVs of the port-test kit (`export --format port-test`): failed rules become
    /// port_test_failed errors.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub test_results: Vec<PathBuf>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// How the catalog is printed.
    #[arg(short, long, value_name = "F", default_value = "markdown", value_parser = ["markdown", "json"])]
    pub format: String,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The plan (`-`: standard input).
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// The diagram file: its extension (.svg, .png, .json) says what is written.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The plan before (`-`: standard input).
    #[arg(value_name = "OLD.ron")]
    pub old: PathBuf,
    /// The plan after (`-`: standard input).
    #[arg(value_name = "NEW.ron")]
    pub new: PathBuf,
    /// How the changes are written.
    #[arg(short, long, value_name = "F", default_value = "markdown", value_parser = ["markdown", "csv", "json"])]
    pub format: String,
    /// Write here (default, or `-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// The plan file to rewrite.
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct GenPlanArgs {
    /// At least this many nodes (whole sites of the full-site template).
    #[arg(value_name = "N")]
    pub nodes: usize,
    /// Write here (default, or `-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// The audited file's formats, as `--against-format` takes them.
fn against_formats() -> PossibleValuesParser {
    PossibleValuesParser::new(crate::audit::DumpFormat::ALL.map(crate::audit::DumpFormat::as_str))
}

/// The port-test kit's `--format` name.
pub const PORT_TEST: &str = "port-test";

/// The export formats, as `--format` takes them. `certificates` (the name DESIGN.md gives the
/// certificate table) is taken for `certificates-csv`.
fn formats() -> PossibleValuesParser {
    use crate::export::dns::DnsFormat;
    let dns = DnsFormat::ALL.map(|f| {
        let value = clap::builder::PossibleValue::new(f.as_str());
        if f == DnsFormat::CertificatesCsv {
            value.alias("certificates")
        } else {
            value
        }
    });
    PossibleValuesParser::new(
        (Format::ALL
            .map(|f| clap::builder::PossibleValue::new(f.as_str()))
            .into_iter())
        .chain(dns)
        .chain([clap::builder::PossibleValue::new(PORT_TEST)]),
    )
}

fn parse_gpo(text: &str) -> Result<crate::export::Gpo, String> {
    text.parse()
        .map_err(|e: crate::export::InvalidGpo| e.to_string())
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_tag(text).ok_or_else(|| "expected en, zh-TW or ko-KR".to_owned())
}

/// `1920x1080` as a window size of at least 400x300 points.
fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let bad = || "expected WIDTHxHEIGHT of at least 400x300, like 1920x1080".to_owned();
    let (w, h) = text.split_once('x').ok_or_else(bad)?;
    let (w, h): (u16, u16) = (w.parse().map_err(|_| bad())?, h.parse().map_err(|_| bad())?);
    if w < 400 || h < 300 {
        return Err(bad());
    }
    Ok([f32::from(w), f32::from(h)])
}
