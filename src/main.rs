//! Entry point: a subcommand runs the CLI, anything else opens the GUI.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if lync_port_planner::cli::is_cli(&args) {
        return lync_port_planner::cli::run(&args);
    }
    gui(&args)
}

#[cfg(feature = "gui")]
fn gui(args: &[std::ffi::OsString]) -> ExitCode {
    lync_port_planner::ui::run(args)
}

#[cfg(not(feature = "gui"))]
fn gui(_args: &[std::ffi::OsString]) -> ExitCode {
    use std::io::Write as _;
    writeln!(std::io::stderr(), "error: this build has no GUI (built without the `gui` feature); run `lync-port-planner --help` for the subcommands").ok();
    ExitCode::from(2)
}
