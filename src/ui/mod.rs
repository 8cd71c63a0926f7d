//! The desktop window. The only module that names egui, eframe or rfd.
//! This first window shows the plan, its rules and findings; the canvas comes next (issue #3).

mod app;

use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

pub use app::PlannerApp;

/// Open the window on the plan named in `args`, or on the built-in seed example.
pub fn run(args: &[OsString]) -> ExitCode {
    let path = match args {
        [] => None,
        [one] => Some(PathBuf::from(one)),
        _ => {
            writeln!(
                std::io::stderr(),
                "error: expected at most one PLAN.ron; run `lync-port-planner --help`"
            )
            .ok();
            return ExitCode::from(2);
        }
    };
    let app = match PlannerApp::open(path.as_deref()) {
        Ok(app) => app,
        Err(message) => {
            writeln!(std::io::stderr(), "error: {message}").ok();
            return ExitCode::from(2);
        }
    };
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size([1600.0, 1000.0])
            .with_title(app.title()),
        ..Default::default()
    };
    match eframe::run_native(
        "Lync Port Planner",
        options,
        Box::new(|_cc| Ok(Box::new(app))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            writeln!(std::io::stderr(), "error: cannot open the window: {err}").ok();
            ExitCode::from(1)
        }
    }
}
