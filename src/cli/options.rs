//! Parsing the options of a subcommand: each takes its own list and refuses the others, so an
//! option that would be ignored (`check --firewall` once was) is an error, not a silent no-op.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{CliError, usage};

/// User text quoted in a message: one line, at most 64 characters.
pub(super) fn quoted(text: &str) -> String {
    crate::escape::one_line(text).chars().take(64).collect()
}

/// Parsed options shared by the subcommands.
#[derive(Default)]
pub(super) struct Options {
    pub positional: Vec<PathBuf>,
    pub format: Option<String>,
    pub output: Option<PathBuf>,
    pub catalog: Option<PathBuf>,
    pub against: Option<PathBuf>,
    pub lang: Option<crate::i18n::Lang>,
    pub firewall: Option<String>,
    pub nodes: Option<String>,
    pub gpo: Option<crate::export::Gpo>,
}

/// The options `command` takes besides `--catalog` and `--lang`, which every subcommand takes.
fn takes(command: &str) -> &'static [&'static str] {
    match command {
        "export" => &["--format", "--output", "--firewall", "--nodes", "--gpo"],
        // `--output` gets its own message in `check`.
        "check" => &["--format", "--output", "--against", "--firewall", "--nodes"],
        "catalog" => &["--format"],
        "render" | "gen-plan" => &["--output"],
        "diff" => &["--format", "--output"],
        _ => &[],
    }
}

/// Parse the arguments after the subcommand name.
pub(super) fn parse(command: &str, args: &[OsString]) -> Result<Options, CliError> {
    let mut opts = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let text = arg.to_str();
        let name = match text {
            Some("-f") => Some("--format"),
            Some("-o") => Some("--output"),
            Some(
                t @ ("--format" | "--output" | "--catalog" | "--against" | "--lang" | "--firewall"
                | "--nodes" | "--gpo"),
            ) => Some(t),
            Some(t) if t.starts_with('-') && t.len() > 1 => {
                return Err(usage(format!("unknown option `{}`", quoted(t))));
            }
            _ => None,
        };
        let Some(name) = name else {
            opts.positional.push(PathBuf::from(arg));
            continue;
        };
        if !matches!(name, "--catalog" | "--lang") && !takes(command).contains(&name) {
            return Err(usage(format!("{command} does not take {name}")));
        }
        let value = it
            .next()
            .ok_or_else(|| usage(format!("{name} needs a value")))?;
        match name {
            "--format" => opts.format = Some(text_value(value, name)?),
            "--output" => opts.output = Some(PathBuf::from(value)),
            "--catalog" => opts.catalog = Some(PathBuf::from(value)),
            "--against" => opts.against = Some(PathBuf::from(value)),
            "--lang" => {
                let tag = text_value(value, name)?;
                let lang = crate::i18n::Lang::from_tag(&tag).ok_or_else(|| {
                    usage(format!(
                        "unknown language `{}` (expected en, zh-TW or ko-KR)",
                        quoted(&tag)
                    ))
                })?;
                opts.lang = Some(lang);
            }
            "--firewall" => opts.firewall = Some(text_value(value, name)?),
            "--gpo" => {
                let text = text_value(value, name)?;
                let gpo = text
                    .parse()
                    .map_err(|e: crate::export::InvalidGpo| usage(e.to_string()))?;
                opts.gpo = Some(gpo);
            }
            _ => opts.nodes = Some(text_value(value, name)?),
        }
    }
    Ok(opts)
}

fn text_value(value: &OsString, name: &str) -> Result<String, CliError> {
    value
        .to_str()
        .map(str::to_owned)
        .ok_or_else(|| usage(format!("{name} is not valid text")))
}

/// Refuse an `--output` that is one of the inputs: the same file by device and inode, so a
/// symlink or a hard link to the input counts. Checked before any work, so nothing is written.
pub(super) fn refuse_output_over_input(opts: &Options, inputs: &[&Path]) -> Result<(), CliError> {
    let Some(output) = &opts.output else {
        return Ok(());
    };
    // The catalog file is an input too.
    for input in inputs.iter().copied().chain(opts.catalog.as_deref()) {
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
