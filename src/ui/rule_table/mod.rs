//! The rule table: every derived rule with the columns of Microsoft's tables, grouped by firewall
//! or by link, sortable by any column, filtered by text, role, port and firewall, and by the
//! canvas selection. Clicking a row selects the rule and its link (or node) on the canvas.

mod rows;

use eframe::egui::{self, RichText, Sense, Vec2};

pub use rows::{Column, Grouping, Row, Rows, RuleTable, cell};

use crate::plan::Plan;
use crate::rules::Rule;
use crate::topology::Firewall;
use crate::ui::Selection;
use crate::ui::derived::Derived;
use crate::ui::text::{t, tf};
use crate::ui::theme;

/// Each column's title key and width, in [`Column::ALL`]'s order (a test checks).
const COLUMNS: [(Column, &str, f32); 10] = [
    (Column::Firewall, "col.firewall", 66.0),
    (Column::Application, "col.protocol", 95.0),
    (Column::Transport, "col.transport", 62.0),
    (Column::Port, "col.port", 90.0),
    (Column::Source, "col.source", 180.0),
    (Column::SourceAddresses, "col.source_addresses", 140.0),
    (Column::Destination, "col.destination", 180.0),
    (
        Column::DestinationAddresses,
        "col.destination_addresses",
        140.0,
    ),
    (Column::Notes, "col.notes", 330.0),
    (Column::References, "col.reference", 200.0),
];

/// The toolbar and the table.
pub fn rule_table_ui(
    ui: &mut egui::Ui,
    table: &mut RuleTable,
    (derived, plan): (&Derived, &Plan),
    selection: &mut Selection,
    roles: &[(String, String)],
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let tr = |key| crate::i18n::tr(lang, key);
    // Wraps at narrow widths so the firewall filter and "Show all" stay reachable at 1280 px.
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr("rules.title"));
        ui.selectable_value(
            &mut table.grouping,
            Grouping::Firewall,
            tr("rules.by_firewall"),
        );
        ui.selectable_value(&mut table.grouping, Grouping::Link, tr("rules.by_link"));
        // A gap, not `ui.separator()`: in a wrapping row a separator spans the rows below it.
        ui.add_space(12.0);
        let label = ui.label(tr("rules.filter"));
        ui.add(
            egui::TextEdit::singleline(&mut table.text)
                .desired_width(140.0)
                .hint_text(tr("rules.filter_hint")),
        )
        .labelled_by(label.id);
        let label = ui.label(tr("rules.port"));
        ui.add(egui::TextEdit::singleline(&mut table.port).desired_width(60.0))
            .labelled_by(label.id);
        egui::ComboBox::from_label(tr("rules.role"))
            .selected_text(
                table
                    .role
                    .as_ref()
                    .and_then(|r| roles.iter().find(|(id, _)| id == r))
                    .map_or(tr("rules.any_role"), |(_, n)| n.as_str()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut table.role, None, tr("rules.any_role"));
                for (id, name) in roles {
                    ui.selectable_value(&mut table.role, Some(id.clone()), name);
                }
            });
        egui::ComboBox::from_label(tr("rules.firewall"))
            .selected_text(table.firewall.map_or(tr("rules.any_firewall"), |f| {
                crate::i18n::firewall_short(lang, f)
            }))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut table.firewall, None, tr("rules.any_firewall"));
                for f in Firewall::ALL {
                    ui.selectable_value(
                        &mut table.firewall,
                        Some(f),
                        crate::i18n::firewall_short(lang, f),
                    );
                }
            });
        if !selection.is_empty() && ui.button(tr("rules.show_all")).clicked() {
            // The picked rule too: its row stayed highlighted and its details open.
            *selection = Selection::default();
            table.selected = None;
        }
    });
    let rows = table.take_rows(derived, selection, lang);
    let shown = rows.rules();
    ui.label(
        RichText::new(crate::i18n::trf(
            lang,
            "rules.count",
            &[
                ("shown", &shown.to_string()),
                ("total", &derived.derivation.rules.rules.len().to_string()),
            ],
        ))
        .small()
        .weak(),
    );
    egui::ScrollArea::horizontal()
        .id_salt("rule-table-h")
        .show(ui, |ui| {
            header_ui(ui, table);
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            egui::ScrollArea::vertical()
                .id_salt("rule-table-v")
                .auto_shrink([false, false])
                .show_rows(ui, row_height, rows.len(), |ui, range| {
                    for row in rows.range(range) {
                        match row {
                            Row::Heading(text) => {
                                fixed_cell(
                                    ui,
                                    400.0,
                                    row_height,
                                    egui::Label::new(RichText::new(text).strong()),
                                );
                            }
                            Row::Rule(i) => rule_row_ui(
                                ui,
                                table,
                                (&derived.derivation.rules.rules[i], plan),
                                selection,
                                row_height,
                            ),
                        }
                    }
                });
        });
    table.keep_rows(rows);
}

/// A left-aligned cell of a fixed size.
fn fixed_cell(ui: &mut egui::Ui, width: f32, height: f32, label: egui::Label) {
    ui.allocate_ui_with_layout(
        Vec2::new(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(Vec2::new(width, height));
            ui.add(label);
        },
    );
}

fn header_ui(ui: &mut egui::Ui, table: &mut RuleTable) {
    ui.horizontal(|ui| {
        for (column, key, width) in COLUMNS {
            let title = t(ui, key);
            let arrow = match table.sort {
                (c, true) if c == column => " ^",
                (c, false) if c == column => " v",
                _ => "",
            };
            let button =
                egui::Button::new(RichText::new(format!("{title}{arrow}")).strong()).frame(false);
            let clicked = ui
                .allocate_ui_with_layout(
                    Vec2::new(width, 18.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_size(Vec2::new(width, 18.0));
                        ui.add(button)
                    },
                )
                .inner
                .on_hover_text(tf(ui, "rules.sort_by", &[("column", title)]))
                .clicked();
            if clicked {
                table.sort = if table.sort.0 == column {
                    (column, !table.sort.1)
                } else {
                    (column, true)
                };
            }
        }
    });
}

fn rule_row_ui(
    ui: &mut egui::Ui,
    table: &mut RuleTable,
    (rule, plan): (&Rule, &Plan),
    selection: &mut Selection,
    height: f32,
) {
    let lang = crate::ui::text::lang(ui.ctx());
    let selected = table.selected.as_deref().is_some_and(|id| rule.id() == id);
    let spacing = ui.spacing().item_spacing.x;
    let width: f32 = COLUMNS.iter().map(|(_, _, w)| w + spacing).sum();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::click());
    // Cells are painted, not widgets: a row is one widget whose accessible label carries every
    // cell, and a frame of the table costs a tenth of what ten child UIs per row did.
    let texts: Vec<String> = COLUMNS
        .iter()
        .map(|(column, _, _)| {
            if table.hide_ports && *column == Column::Port {
                "?".to_owned()
            } else {
                cell(rule, *column, lang)
            }
        })
        .collect();
    if ui.is_rect_visible(rect) {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let normal = ui.visuals().text_color();
        let painter = ui.painter();
        let mut x = rect.left();
        for ((column, _, w), text) in COLUMNS.iter().zip(&texts) {
            // Red on the side that misses an address, not on both.
            let missing = match column {
                Column::SourceAddresses => rule.source.is_unresolved(),
                Column::DestinationAddresses => rule.destination.is_unresolved(),
                _ => false,
            };
            let color = if missing { theme::PROBLEM } else { normal };
            let mut job = egui::text::LayoutJob::single_section(
                text.clone(),
                egui::TextFormat::simple(font.clone(), color),
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width(*w);
            let galley = painter.layout_job(job);
            let top = rect.center().y - galley.size().y / 2.0;
            painter.galley(egui::pos2(x, top), galley, color);
            x += w + spacing;
        }
    }
    // The red addresses explain themselves (the Help menu's legend says the same).
    let response = if rule.is_unresolved() {
        response.on_hover_text(crate::i18n::tr(lang, "legend.red_address"))
    } else {
        response
    };
    if response.hovered() {
        ui.painter().rect_filled(
            rect,
            2.0,
            ui.visuals()
                .widgets
                .hovered
                .weak_bg_fill
                .gamma_multiply(0.3),
        );
    }
    if selected {
        ui.painter().rect_stroke(
            response.rect,
            2.0,
            egui::Stroke::new(1.5, theme::SELECTED),
            egui::StrokeKind::Inside,
        );
    }
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Row,
            true,
            selected,
            format!("Rule {}: {}", rule.id(), texts.join(", ")),
        )
    });
    if response.clicked() {
        table.selected = Some(rule.id().to_string());
        *selection = Selection::of_rule(rule, plan);
    }
    response.on_hover_ui(|ui| {
        ui.label(format!(
            "{}\n{}\n{}",
            rule.id(),
            rule.notes().get(lang),
            rule.references().join(", ")
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::{COLUMNS, Column};

    #[test]
    fn drawn_columns_are_every_column_in_order() {
        assert_eq!(COLUMNS.map(|(c, _, _)| c), Column::ALL);
    }
}
