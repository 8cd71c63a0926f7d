//! A parsed subcommand's options as the commands read them, and the checks on them that need
//! the file system (an output that is an input).

use std::path::{Path, PathBuf};

use super::args::{Command, Common};
use super::{CliError, usage};

/// User text quoted in a message: one line, at most 64 characters.
pub(super) fn quoted(text: &str) -> String {
    crate::escape::one_line(text).chars().take(64).collect()
}

/// A subcommand's options, as the commands read them.
#[derive(Default)]
pub(super) struct Options {
    /// The plan files, in order (`-`: standard input).
    pub positional: Vec<PathBuf>,
    pub format: Option<String>,
    pub output: Option<PathBuf>,
    pub catalog: Option<PathBuf>,
    pub against: Option<PathBuf>,
    /// `check --against-format`: the audited file's format (default: from its content).
    pub against_format: Option<String>,
    /// `check --chain`: the chain the audit starts from.
    pub chain: Option<String>,
    /// `check --test-results`: the port-test kit's results files.
    pub test_results: Vec<PathBuf>,
    pub lang: Option<crate::i18n::Lang>,
    pub firewall: Option<String>,
    pub nodes: Option<String>,
    /// `gen-plan`'s node count.
    pub count: usize,
    /// `export --gpo`: the PowerShell script writes into this GPO.
    pub gpo: Option<crate::export::Gpo>,
}

/// What a subcommand asks for.
pub(super) enum Parsed {
    Options(Box<Options>),
    Completions(clap_complete::Shell),
}

/// True for `-`, which names standard input or output.
pub(super) fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The subcommand's name and its options.
pub(super) fn from_command(command: Command) -> (&'static str, Parsed) {
    let with = |common: Common, o: Options| {
        Parsed::Options(Box::new(Options {
            catalog: common.catalog,
            lang: common.lang,
            ..o
        }))
    };
    match command {
        Command::Export(a) => (
            "export",
            with(
                a.common,
                Options {
                    positional: vec![a.plan],
                    format: Some(a.format),
                    output: a.output,
                    firewall: a.scope.firewall,
                    nodes: a.scope.nodes,
                    gpo: a.gpo,
                    ..Options::default()
                },
            ),
        ),
        Command::Check(a) => (
            "check",
            with(
                a.common,
                Options {
                    positional: vec![a.plan],
                    format: Some(a.format),
                    against: a.against,
                    against_format: a.against_format,
                    chain: a.chain,
                    test_results: a.test_results,
                    firewall: a.scope.firewall,
                    nodes: a.scope.nodes,
                    ..Options::default()
                },
            ),
        ),
        Command::Catalog(a) => (
            "catalog",
            with(
                a.common,
                Options {
                    format: Some(a.format),
                    ..Options::default()
                },
            ),
        ),
        Command::Render(a) => (
            "render",
            with(
                a.common,
                Options {
                    positional: vec![a.plan],
                    output: Some(a.output),
                    ..Options::default()
                },
            ),
        ),
        Command::Diff(a) => (
            "diff",
            with(
                a.common,
                Options {
                    positional: vec![a.old, a.new],
                    format: Some(a.format),
                    output: a.output,
                    ..Options::default()
                },
            ),
        ),
        Command::Upgrade(a) => (
            "upgrade",
            with(
                a.common,
                Options {
                    positional: vec![a.plan],
                    ..Options::default()
                },
            ),
        ),
        Command::GenPlan(a) => (
            "gen-plan",
            with(
                a.common,
                Options {
                    count: a.nodes,
                    output: a.output,
                    ..Options::default()
                },
            ),
        ),
        Command::Completions(a) => ("completions", Parsed::Completions(a.shell)),
    }
}

/// Refuse an `--output` that is one of the inputs: the same file by device and inode, so a
/// symlink or a hard link to the input counts. Checked before any work, so nothing is written.
pub(super) fn refuse_output_over_input(opts: &Options, inputs: &[&Path]) -> Result<(), CliError> {
    let Some(output) = opts.output.as_deref().filter(|o| !is_stdio(o)) else {
        return Ok(());
    };
    // The catalog file is an input too.
    let files = (inputs.iter().copied().chain(opts.catalog.as_deref())).filter(|p| !is_stdio(p));
    for input in files {
        if same_file(input, output) {
            return Err(usage(format!(
                "the output is the input file; write to another file: {}",
                output.display()
            )));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Without inode numbers, the same resolved path (symlinks followed).
#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
