//! Exports from the window: every CLI format and the diagram, to a file or the clipboard, in a
//! scope (whole plan, one firewall, the selection). The bytes come from the same core functions
//! as the CLI, so a file saved here equals `lync-port-planner export` with the same scope.

use std::collections::BTreeSet;

use eframe::egui;

use crate::catalog::Catalog;
use crate::export::dns::DnsFormat;
use crate::export::{self, Format};
use crate::findings::{Finding, FindingKind};
use crate::plan::{NodeId, Plan};
use crate::rules::RuleScope;
use crate::topology::Firewall;
use crate::ui::Selection;
use crate::ui::command::{Command, Commands};
use crate::ui::text::t;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// A rule table format.
    Rules(Format),
    /// The diagram as SVG.
    DiagramSvg,
    /// The diagram as PNG.
    DiagramPng,
    /// The plan's DNS records: a table, a DNS Server script, or a folder of zone files.
    Dns(DnsFormat),
    /// The port-test kit: a folder of scripts (`export --format port-test`).
    PortTest,
}

impl ExportKind {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Rules(f) => f.extension(),
            Self::DiagramSvg => "svg",
            Self::DiagramPng => "png",
            Self::Dns(f) => f.extension(),
            Self::PortTest => "",
        }
    }

    /// What it makes: text (a file or the clipboard), a binary file, or several files (a folder).
    pub fn output(self) -> export::OutputKind {
        match self {
            Self::Rules(f) => f.output(),
            Self::DiagramSvg => export::OutputKind::Text,
            Self::DiagramPng => export::OutputKind::Binary,
            Self::Dns(f) => f.output(),
            Self::PortTest => export::OutputKind::Folder,
        }
    }

    /// Menu text in `lang`: the names of formats and tools (CSV, nftables, Cisco ASA) as they
    /// are, what the tool makes of them translated.
    pub fn text(self, lang: crate::i18n::Lang) -> String {
        let tr = |key| crate::i18n::tr(lang, key).to_owned();
        match self {
            Self::Rules(Format::Html) => tr("export.html"),
            Self::Rules(Format::Drawio) => tr("export.drawio"),
            Self::Rules(Format::Xlsx) => tr("export.xlsx"),
            Self::Rules(f) => format!("{}...", format_name(f)),
            Self::DiagramSvg => tr("export.diagram_svg"),
            Self::DiagramPng => tr("export.diagram_png"),
            Self::Dns(f) => tr(dns_format_key(f)),
            Self::PortTest => tr("export.port_test"),
        }
    }
}

/// The name of a format that is a name of its own (the rest are translated, see `text`).
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV",
        Format::Markdown => "Markdown",
        Format::Html => "HTML",
        Format::Json => "JSON",
        Format::Powershell => "PowerShell",
        Format::Nftables => "nftables",
        Format::Iptables => "iptables",
        Format::Ip6tables => "ip6tables",
        Format::Asa => "Cisco ASA",
        Format::Drawio => "draw.io",
        Format::Xlsx => "Excel",
    }
}

fn dns_format_key(format: DnsFormat) -> &'static str {
    match format {
        DnsFormat::Csv => "export.dns_csv",
        DnsFormat::Powershell => "export.dns_powershell",
        DnsFormat::Zone => "export.dns_zone",
        DnsFormat::CertificatesCsv => "export.certificates_csv",
        DnsFormat::CertOpenssl => "export.cert_openssl",
        DnsFormat::Certreq => "export.certreq",
    }
}

/// Which rules an export covers, as the user chose it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportScope {
    /// The whole plan.
    #[default]
    All,
    /// One firewall.
    Firewall(Firewall),
    /// The rules of the selected nodes (a selected link counts as its two nodes), or the
    /// selected firewall's rule set.
    Selection,
}

impl ExportScope {
    /// The core scope; the selection becomes node ids, like the CLI's `--nodes`, and a
    /// selected firewall its rule set, like the CLI's `--firewall NAME`.
    pub fn resolve(self, selection: &Selection, plan: &Plan) -> RuleScope {
        match self {
            Self::All => RuleScope::All,
            Self::Firewall(f) => RuleScope::Firewall(f),
            Self::Selection => {
                if let Some(id) = selection.firewall {
                    return RuleScope::Through(plan.firewalls.layout(), id);
                }
                let mut ids: BTreeSet<NodeId> = selection.nodes.clone();
                if let Some((a, b)) = &selection.link {
                    ids.extend([a.clone(), b.clone()]);
                }
                // A peer's link: the rules of its node (the peer is no node).
                if let Some(peer) = &selection.peer_link {
                    ids.insert(peer.node.clone());
                }
                RuleScope::Nodes(ids)
            }
        }
    }
}

/// An export the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    /// Format.
    pub kind: ExportKind,
    /// Rules covered (table formats only; the diagram is always the whole plan).
    pub scope: RuleScope,
    /// To the clipboard instead of a file.
    pub to_clipboard: bool,
}

/// An export as made: text, a binary file's bytes, or several files.
pub fn render(
    plan: &Plan,
    catalog: &Catalog,
    kind: ExportKind,
    scope: &RuleScope,
    lang: crate::i18n::Lang,
) -> Result<export::Output, String> {
    match kind {
        ExportKind::Rules(format) => {
            export::export_plan(plan, catalog, format, scope, lang).map_err(|e| e.to_string())
        }
        ExportKind::DiagramSvg => Ok(export::Output::Text(crate::diagram::svg(
            plan,
            catalog,
            &crate::rules::derive(plan, catalog),
        ))),
        ExportKind::DiagramPng => {
            crate::diagram::png(plan, catalog, &crate::rules::derive(plan, catalog), 1.5)
                .map(export::Output::Bytes)
                .map_err(|e| e.to_string())
        }
        // The plan's names, not its rules: the scope does not apply.
        ExportKind::Dns(format) => {
            export::dns::export_dns(plan, catalog, format).map_err(|e| e.to_string())
        }
        ExportKind::PortTest => {
            let rules = crate::rules::derive(plan, catalog);
            let rules = if *scope == RuleScope::All {
                rules
            } else {
                rules.scoped(scope)
            };
            Ok(export::Output::Files(crate::porttest::render(plan, &rules)))
        }
    }
}

/// Write an export where the user chose: a folder for several files, else the file.
pub fn write(output: export::Output, path: &std::path::Path) -> Result<(), String> {
    let written = match output {
        export::Output::Files(files) => crate::atomic_write::write_folder(path, &files),
        export::Output::Text(text) => crate::atomic_write::write(path, text.as_bytes()),
        export::Output::Bytes(bytes) => crate::atomic_write::write(path, &bytes),
    };
    written.map_err(|e| e.to_string())
}

/// What the placeholder guard warns about before an export, if anything.
pub fn guard_message(findings: &[Finding], lang: crate::i18n::Lang) -> Option<String> {
    let issues: Vec<&str> = findings
        .iter()
        .filter(|f| {
            f.severity == crate::findings::Severity::Error
                || matches!(
                    f.kind,
                    FindingKind::Placeholder | FindingKind::UnresolvedAddress
                )
        })
        .map(|f| f.message.get(lang))
        .collect();
    if issues.is_empty() {
        return None;
    }
    let mut text = crate::i18n::tr(lang, "guard.header").to_owned();
    text.push('\n');
    for m in issues.iter().take(8) {
        text.push_str(&format!("• {m}\n"));
    }
    if issues.len() > 8 {
        let more = crate::i18n::trf(
            lang,
            "guard.more",
            &[("n", &(issues.len() - 8).to_string())],
        );
        text.push_str(&format!("• {more}\n"));
    }
    // The exported files keep the word UNRESOLVED (scripts look for it): named as written.
    text.push_str(crate::i18n::tr(lang, "guard.unresolved"));
    Some(text)
}

/// The Export menu.
pub fn export_menu_ui(
    ui: &mut egui::Ui,
    scope: &mut ExportScope,
    (has_selection, firewall): (bool, Option<&str>),
    commands: &mut Commands,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    ui.menu_button(t(ui, "menu.export"), |ui| {
        ui.label(t(ui, "export.scope"));
        ui.radio_value(scope, ExportScope::All, t(ui, "export.whole_plan"));
        for f in Firewall::ALL {
            ui.radio_value(
                scope,
                ExportScope::Firewall(f),
                crate::i18n::firewall_title(lang, f),
            );
        }
        ui.add_enabled_ui(has_selection, |ui| {
            let text = match firewall {
                Some(name) => {
                    crate::i18n::trf(lang, "export.selection_firewall", &[("name", name)])
                }
                None => t(ui, "export.selection").to_owned(),
            };
            ui.radio_value(scope, ExportScope::Selection, text)
        });
        ui.separator();
        for format in Format::ALL {
            let kind = ExportKind::Rules(format);
            if ui.button(kind.text(lang)).clicked() {
                commands.push(Command::Export {
                    kind,
                    to_clipboard: false,
                });
            }
        }
        ui.separator();
        for kind in [ExportKind::DiagramSvg, ExportKind::DiagramPng] {
            if ui.button(kind.text(lang)).clicked() {
                commands.push(Command::Export {
                    kind,
                    to_clipboard: false,
                });
            }
        }
        ui.separator();
        for format in DnsFormat::ALL {
            let kind = ExportKind::Dns(format);
            if ui.button(kind.text(lang)).clicked() {
                commands.push(Command::Export {
                    kind,
                    to_clipboard: false,
                });
            }
        }
        ui.separator();
        if ui.button(ExportKind::PortTest.text(lang)).clicked() {
            commands.push(Command::Export {
                kind: ExportKind::PortTest,
                to_clipboard: false,
            });
        }
        ui.separator();
        ui.menu_button(t(ui, "export.copy"), |ui| {
            for format in [
                Format::Csv,
                Format::Markdown,
                Format::Json,
                Format::Powershell,
                Format::Nftables,
                Format::Iptables,
                Format::Ip6tables,
                Format::Asa,
            ] {
                if ui.button(format_name(format)).clicked() {
                    commands.push(Command::Export {
                        kind: ExportKind::Rules(format),
                        to_clipboard: true,
                    });
                }
            }
        });
    });
}
