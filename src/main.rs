//! Entry point: a subcommand runs the CLI, anything else opens the GUI.

use std::process::ExitCode;

use lync_port_planner::cli::{self, Invocation};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match cli::parse(&args) {
        Invocation::Command(command) => cli::run(command),
        Invocation::Window(window) => gui(window),
        Invocation::Exit(code) => code,
    }
}

#[cfg(feature = "gui")]
fn gui(window: cli::WindowArgs) -> ExitCode {
    lync_port_planner::ui::run(window)
}

#[cfg(not(feature = "gui"))]
fn gui(_window: cli::WindowArgs) -> ExitCode {
    use std::io::Write as _;
    writeln!(std::io::stderr(), "error: this build has no GUI (built without the `gui` feature); run `lync-port-planner --help` for the subcommands").ok();
    ExitCode::from(2)
}
