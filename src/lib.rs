//! Lync Port Planner: derive, check and export the firewall rules of a Lync Server 2013 plan.
//!
//! Module map (dependency direction: top to bottom; nothing above `ui` names egui):
//! - [`net`], [`topology`]: validated values and the shared vocabulary; [`i18n`]: languages and UI strings;
//!   [`escape`]: user text made one safe line (and HTML-escaped).
//! - [`catalog`]: roles and port requirements from `assets/catalog.ron`.
//! - [`plan`], [`plan_file`], [`document`], [`recovery`]: the user's document, its edits and undo
//!   history, its RON files and the crash-recovery file.
//! - [`rules`], [`findings`]: pure derivations from `(&Plan, &Catalog)`; [`audit`] compares
//!   them with an existing firewall's rules.
//! - [`export`]: one text format per file; [`diagram`]: the plan as SVG and PNG.
//! - [`cli`]: the command line.
//! - `ui` (feature `gui`): the desktop window.

pub mod atomic_write;
pub mod audit;
pub mod catalog;
pub mod certs;
pub mod cli;
pub mod derivation;
pub mod diagram;
pub mod diff;
pub mod dns;
pub mod document;
pub mod escape;
pub mod examples;
pub mod export;
pub mod file_text;
pub mod findings;
pub mod generate;
pub mod handoff;
pub mod i18n;
pub mod net;
pub mod plan;
pub mod plan_file;
pub mod porttest;
pub mod recovery;
pub mod ron_path;
pub mod rules;
pub mod topology;
pub mod trainer;
#[cfg(feature = "gui")]
pub mod ui;
