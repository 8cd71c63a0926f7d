//! The desktop window. The only module that names egui, eframe or rfd.

mod app;
pub mod audit;
pub mod canvas;
pub mod command;
pub mod compare_window;
mod derived;
pub mod deriver;
pub mod export_menu;
mod file_dialog;
mod files;
mod fonts;
mod help;
mod icon;
mod inspector;
mod menu_bar;
pub mod minimap;
mod palette;
pub mod panels;
pub mod path_prompt;
pub mod port_tests;
pub mod reports;
pub mod rule_table;
mod screenshot;
mod selection;
mod side;
mod side_panel;
mod status_bar;
pub mod text;
mod theme;
mod toolbar;
pub use theme::MAX_TEXTURE_SIDE;
mod trainer_lookups;
pub mod trainer_panel;

use crate::cli::WindowArgs;
use std::ffi::OsString;
use std::io::Write as _;
use std::process::ExitCode;

pub use app::{AfterPrompt, AppOptions, PlannerApp};
pub use derived::Derived;
pub use file_dialog::DialogKind;
pub use selection::{PeerLinkKey, Selection};

/// Environment variable: report when the first frame is on screen (benches/startup.sh).
pub const FIRST_FRAME_VAR: &str = "LPP_REPORT_FIRST_FRAME";

/// Environment variable: render this many frames, then close (the CI smoke test).
pub const SMOKE_FRAMES_VAR: &str = "LPP_SMOKE_FRAMES";

/// The window's options from its parsed arguments.
fn options(window: WindowArgs) -> AppOptions {
    let mut options = AppOptions {
        plan: window.plan,
        screenshot: window.screenshot,
        size: window.size,
        reports: window.reports.map(|tab| match tab {
            crate::cli::ReportTab::Firewall => reports::Tab::Firewall,
            crate::cli::ReportTab::Dns => reports::Tab::Dns,
            crate::cli::ReportTab::Certificates => reports::Tab::Certificates,
        }),
        recovery_dir: crate::recovery::default_dir(),
        prefs_path: files::Prefs::default_path(),
        frames: window.frames.or_else(|| {
            std::env::var(SMOKE_FRAMES_VAR)
                .ok()
                .and_then(|v| v.parse().ok())
        }),
        ..AppOptions::default()
    };
    options.lang = options
        .prefs_path
        .as_deref()
        .map(files::Prefs::load)
        .and_then(|p| p.lang)
        .unwrap_or_else(crate::i18n::Lang::from_env);
    if let Some(lang) = window.lang {
        options.lang = lang;
    }
    if options.screenshot.is_some() || options.frames.is_some() {
        // Scripted runs must not offer or overwrite anyone's recovery file.
        options.recovery_dir = None;
        options.prefs_path = None;
    }
    // A screenshot shows the plan's own rules, however long they take.
    if options.screenshot.is_none() {
        options.derive_wait = Some(deriver::FRAME_WAIT);
    }
    options
}

/// The app as the window starts it from its arguments (the tests start it the same way).
pub fn startup(args: &[OsString]) -> Result<PlannerApp, String> {
    PlannerApp::new(options(crate::cli::window_args(args)?))
}

/// Open the window.
pub fn run(window: WindowArgs) -> ExitCode {
    let app = match PlannerApp::new(options(window)) {
        Ok(app) => app,
        Err(message) => {
            writeln!(std::io::stderr(), "error: {message}").ok();
            return ExitCode::from(2);
        }
    };
    // A plan that did not open: the window says why; stderr too, and a scripted run (CI) then
    // exits 2 once its screenshot or frames are done.
    let failed = app.load_error.is_some();
    if let Some(message) = &app.load_error {
        writeln!(std::io::stderr(), "error: {message}").ok();
    }
    let scripted = app.is_scripted();
    let size = app.options().size.unwrap_or([1280.0, 800.0]);
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size(size)
            .with_icon(icon::icon())
            .with_min_inner_size([800.0, 500.0])
            .with_title(app.title())
            .with_drag_and_drop(true),
        ..Default::default()
    };
    match eframe::run_native(
        "Lync Port Planner",
        native,
        Box::new(|_cc| Ok(Box::new(app))),
    ) {
        Ok(()) if failed && scripted => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            writeln!(std::io::stderr(), "error: cannot open the window: {err}").ok();
            ExitCode::from(1)
        }
    }
}
