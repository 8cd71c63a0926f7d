//! From the process arguments to a subcommand or the window's arguments. A first argument that
//! is neither a subcommand nor a plan (an existing file, or a name ending in `.ron`) is an error
//! with a suggestion, so `chek plan.ron` does not open a window on a plan called "chek".

use std::ffi::OsString;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser as _;
use clap::error::ErrorKind;

use super::args::{Cli, Command, WindowArgs};

/// What the command line asks for.
#[derive(Debug)]
pub enum Invocation {
    /// A subcommand.
    Command(Command),
    /// The window.
    Window(WindowArgs),
    /// Done already (help, version, or a usage error printed): exit with this code.
    Exit(ExitCode),
}

/// Window options that take a value, so the value is not taken for a plan or subcommand.
const WINDOW_VALUES: [&str; 5] = ["--screenshot", "--frames", "--size", "--lang", "--reports"];

/// Parse the arguments after the program name. Help and version are printed to standard output
/// (exit 0); a usage error is printed to standard error as one line with a hint (exit 2).
pub fn parse(args: &[OsString]) -> Invocation {
    match try_parse(args) {
        Ok(Cli {
            command: Some(command),
            ..
        }) => Invocation::Command(command),
        Ok(Cli { window, .. }) => Invocation::Window(window),
        Err(Failure::Clap(err)) if is_display(&err) => {
            std::io::stdout()
                .lock()
                .write_all(err.render().to_string().as_bytes())
                .ok();
            Invocation::Exit(ExitCode::SUCCESS)
        }
        Err(failure) => {
            std::io::stderr()
                .lock()
                .write_all(failure.message().as_bytes())
                .ok();
            Invocation::Exit(ExitCode::from(2))
        }
    }
}

/// The window's arguments (`ui::startup` and the tests); an error is the message `parse` prints.
pub fn window_args(args: &[OsString]) -> Result<WindowArgs, String> {
    match try_parse(args) {
        Ok(Cli {
            command: None,
            window,
        }) => Ok(window),
        Ok(Cli {
            command: Some(_), ..
        }) => Err("a subcommand is not a window argument".to_owned()),
        Err(failure) => Err(failure.message().trim_end().to_owned()),
    }
}

enum Failure {
    Clap(clap::Error),
    /// Not a subcommand and not a plan: the first argument, and the closest subcommand.
    NotACommand(String, Option<&'static str>),
}

impl Failure {
    /// What standard error shows: the error line, any tip, and where to read more (clap's
    /// usage line is left out: `--help` has it all).
    fn message(&self) -> String {
        match self {
            Self::Clap(err) => {
                let text = err.render().to_string();
                let mut out = String::new();
                let mut in_usage = false;
                for line in text.lines() {
                    // The usage block runs from "Usage:" to the next blank line.
                    in_usage = (in_usage || line.starts_with("Usage:")) && !line.is_empty();
                    if !in_usage && !line.is_empty() {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                out
            }
            Self::NotACommand(word, suggestion) => {
                let word = super::options::quoted(word);
                let tip = match suggestion {
                    Some(s) => format!("  tip: did you mean `{s}`?\n"),
                    None => "  tip: a plan to open is an existing file or a name ending in .ron\n"
                        .to_owned(),
                };
                format!(
                    "error: `{word}` is not a subcommand or a plan file\n{tip}For more information, try '--help'.\n"
                )
            }
        }
    }
}

fn is_display(err: &clap::Error) -> bool {
    matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    )
}

fn try_parse(args: &[OsString]) -> Result<Cli, Failure> {
    if let Some(word) = first_word(args) {
        // The window opens a plan file; standard input (`-`) is for subcommands.
        let is_plan = Path::new(word).is_file()
            || (word != "-"
                && Path::new(word)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if !is_plan && !SUBCOMMANDS.contains(&word) {
            // A path is not a mistyped subcommand.
            let path_like = word.contains(['/', '\\', '.']);
            let suggestion = if path_like { None } else { closest(word) };
            return Err(Failure::NotACommand(word.to_owned(), suggestion));
        }
    }
    let program = std::iter::once(OsString::from("lync-port-planner"));
    Cli::try_parse_from(program.chain(args.iter().cloned())).map_err(Failure::Clap)
}

/// The first argument that is not a window option or its value, if it is text. Any other option
/// ends the search: clap then names the option that is wrong (`--sise 1280x800 plan.ron`).
fn first_word(args: &[OsString]) -> Option<&str> {
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let text = arg.to_str()?;
        if text == "-" || !text.starts_with('-') {
            return Some(text);
        }
        let name = text.split_once('=').map_or(text, |(name, _)| name);
        if !WINDOW_VALUES.contains(&name) {
            return None;
        }
        if !text.contains('=') {
            it.next();
        }
    }
    None
}

/// Every subcommand's name, with clap's `help` (a test checks it against the parser).
pub const SUBCOMMANDS: [&str; 9] = [
    "export",
    "check",
    "catalog",
    "render",
    "diff",
    "upgrade",
    "gen-plan",
    "completions",
    "help",
];

/// The subcommand closest to a mistyped word, if one is close (Jaro-Winkler, as clap suggests).
fn closest(word: &str) -> Option<&'static str> {
    SUBCOMMANDS
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::{Cli, SUBCOMMANDS, closest};

    #[test]
    fn the_subcommand_list_is_the_parsers() {
        let cli = Cli::command();
        let mut names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
        names.push("help");
        assert_eq!(names, SUBCOMMANDS);
        Cli::command().debug_assert();
    }

    #[test]
    fn a_mistyped_subcommand_gets_the_closest() {
        assert_eq!(closest("chek"), Some("check"));
        assert_eq!(closest("exprot"), Some("export"));
        assert_eq!(closest("frobnicate"), None);
    }
}
