//! The DNS records and certificates tables: the columns of `dns-csv` and `certificates-csv`,
//! with the cited page a link. The values are `DnsName`s, addresses and numbers (no user text
//! but checked names); the words around them are in the window's language.

use eframe::egui::{self, RichText};

use crate::certs::{Ca, Certificates, Installed};
use crate::dns::{DnsError, DnsRecords, Page, RecordData, View};
use crate::ui::text::{t, tf};

/// The records, or why there are none.
pub fn dns_ui(ui: &mut egui::Ui, records: &Result<DnsRecords, DnsError>) {
    let records = match records {
        Ok(r) => r,
        Err(e) => return error_ui(ui, &e.to_string()),
    };
    let n = records.records.len().to_string();
    ui.label(tf(ui, "reports.count_records", &[("n", &n)]));
    let header = [
        "reports.col.view",
        "reports.col.zone",
        "reports.col.name",
        "reports.col.type",
        "reports.col.data",
        "reports.col.ttl",
        "reports.col.priority",
        "reports.col.weight",
        "reports.col.port",
        "reports.col.page",
    ];
    let lines = vec![1; records.records.len()];
    virtual_grid(ui, "report-dns", &header, &lines, |ui, i| {
        let r = &records.records[i];
        ui.label(t(ui, view_key(r.view)));
        ui.label(r.zone.as_str());
        ui.label(RichText::new(r.name.as_str()).monospace());
        ui.label(r.data.type_name());
        ui.label(RichText::new(r.data.value()).monospace());
        ui.label(r.ttl.to_string());
        let srv = match &r.data {
            RecordData::Srv {
                priority,
                weight,
                port,
                ..
            } => [*priority, *weight, *port].map(|v| v.to_string()),
            _ => [String::new(), String::new(), String::new()],
        };
        for v in srv {
            ui.label(v);
        }
        page_link(ui, &r.page);
    });
}

/// The certificates, or why there are none.
pub fn certificates_ui(ui: &mut egui::Ui, certs: &Result<Certificates, DnsError>) {
    let certs = match certs {
        Ok(c) => c,
        Err(e) => return error_ui(ui, &e.to_string()),
    };
    let n = certs.certificates.len().to_string();
    ui.label(tf(ui, "reports.count_certs", &[("n", &n)]));
    let header = [
        "reports.col.installed",
        "reports.col.node",
        "reports.col.subject",
        "reports.col.sans",
        "reports.col.eku",
        "reports.col.exportable",
        "reports.col.ca",
        "reports.col.page",
    ];
    // One name a line: a pool's certificate has a dozen.
    let lines: Vec<usize> = (certs.certificates.iter()).map(|c| c.sans.len()).collect();
    virtual_grid(ui, "report-certs", &header, &lines, |ui, i| {
        let c = &certs.certificates[i];
        ui.label(t(ui, installed_key(c.installed)));
        ui.label(c.node.as_str());
        ui.label(RichText::new(c.subject.as_str()).monospace());
        ui.vertical(|ui| {
            for san in c.sans.iter() {
                ui.label(RichText::new(san.as_str()).monospace());
            }
        });
        let eku: Vec<&str> = c.eku.iter().map(|e| e.openssl()).collect();
        ui.label(eku.join(", "));
        ui.label(t(
            ui,
            if c.exportable {
                "reports.yes"
            } else {
                "reports.no"
            },
        ));
        ui.label(t(ui, ca_key(c.ca)));
        page_link(ui, &c.page);
    });
}

/// A table whose rows span `lines[i]` text lines, in a scroll area that lays out only the rows
/// in view (a generated plan has thousands of records): the rows' places come from their line
/// counts, the header is the first row.
fn virtual_grid(
    ui: &mut egui::Ui,
    id: &'static str,
    header: &[&'static str],
    lines: &[usize],
    mut row: impl FnMut(&mut egui::Ui, usize),
) {
    let line = (ui.text_style_height(&egui::TextStyle::Body))
        .max(ui.text_style_height(&egui::TextStyle::Monospace));
    let gap = ui.spacing().item_spacing.y;
    // Where each row starts (the header is row 0), and the end.
    let mut tops = Vec::with_capacity(lines.len() + 2);
    let mut y = 0.0;
    tops.push(y);
    y += line + gap;
    for &n in lines {
        tops.push(y);
        let n = n.max(1) as f32;
        y += n * line + (n - 1.0) * gap + gap;
    }
    tops.push(y);
    egui::ScrollArea::both()
        .id_salt(id)
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, view| {
            // A name stays on one line; the table scrolls sideways instead.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.set_min_height(y);
            // Rows (0 the header) that reach into the view.
            let first = tops
                .partition_point(|&top| top <= view.min.y)
                .saturating_sub(1);
            let last = tops
                .partition_point(|&top| top < view.max.y)
                .min(lines.len() + 1);
            ui.add_space(tops[first]);
            egui::Grid::new(id)
                .striped(true)
                .num_columns(header.len())
                .start_row(first)
                .show(ui, |ui| {
                    for i in first..last {
                        if i == 0 {
                            for &key in header {
                                ui.label(RichText::new(t(ui, key)).strong());
                            }
                        } else {
                            row(ui, i - 1);
                        }
                        ui.end_row();
                    }
                });
        });
}

fn error_ui(ui: &mut egui::Ui, error: &str) {
    let text = tf(ui, "reports.error", &[("error", error)]);
    ui.label(RichText::new(text).color(crate::ui::theme::PROBLEM));
}

/// The cited page: its title, a link to where Microsoft publishes it.
fn page_link(ui: &mut egui::Ui, page: &Page) {
    ui.hyperlink_to(page.title.as_str(), page.url.as_str())
        .on_hover_text(page.url.as_str());
}

fn view_key(view: View) -> &'static str {
    match view {
        View::Internal => "reports.view.internal",
        View::External => "reports.view.external",
    }
}

fn ca_key(ca: Ca) -> &'static str {
    match ca {
        Ca::Public => "reports.ca.public",
        Ca::Internal => "reports.ca.internal",
    }
}

fn installed_key(installed: Installed) -> &'static str {
    match installed {
        Installed::FrontEnd => "reports.installed.front_end",
        Installed::Director => "reports.installed.director",
        Installed::Mediation => "reports.installed.mediation",
        Installed::EdgeInternal => "reports.installed.edge_internal",
        Installed::EdgeExternal => "reports.installed.edge_external",
        Installed::ReverseProxy => "reports.installed.reverse_proxy",
        Installed::OfficeWebApps => "reports.installed.office_web_apps",
    }
}
