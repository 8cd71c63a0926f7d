//! The Help menu's content: how to work the canvas, every keyboard shortcut, and what each mark
//! on the canvas and in the table means.

use eframe::egui::{self, Color32, RichText};

use crate::ui::command::{self, Command};
use crate::ui::text::t;
use crate::ui::theme;

/// The marks the legend explains, each with its colour sample and its i18n key. Tooltips on the
/// marks themselves use the same keys.
pub const LEGEND: [(Mark, &str); 8] = [
    (Mark::Wall, "legend.wall"),
    (Mark::Peer, "legend.peer"),
    (Mark::Dot, "legend.red_dot"),
    (Mark::Selected, "legend.selected"),
    (Mark::EdgeSides, "legend.edge_sides"),
    (Mark::Text("+3"), "legend.more_ports"),
    (Mark::Text("?"), "legend.hidden_ports"),
    (Mark::RedText, "legend.red_address"),
];

/// How a legend entry's sample is drawn.
#[derive(Clone, Copy, Debug)]
pub enum Mark {
    /// The red dot on a card with an error.
    Dot,
    /// A selected card's border.
    Selected,
    /// The Edge card's coloured sides.
    EdgeSides,
    /// A bit of text as the canvas shows it.
    Text(&'static str),
    /// Red text in the rule table.
    RedText,
    /// A firewall's wall on a zone boundary.
    Wall,
    /// An "Any" peer's dashed card.
    Peer,
}

/// Every shortcut with the text of its command, in menu order, then the alternates.
pub fn shortcuts(ctx: &egui::Context) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Command::WITH_SHORTCUTS
        .iter()
        .filter_map(|c| Some((ctx.format_shortcut(&c.shortcut()?), c.text_key())))
        .collect();
    out.extend(
        command::alternate_shortcuts()
            .iter()
            .map(|(sc, c)| (ctx.format_shortcut(sc), c.text_key())),
    );
    out
}

/// What a card's marks mean, for its tooltip: the red dot of an error, the Edge's two sides.
pub fn card_tooltip(ctx: &egui::Context, role: &str, has_error: bool) -> Option<String> {
    let lang = crate::ui::text::lang(ctx);
    let mut lines = Vec::new();
    if has_error {
        lines.push(crate::i18n::tr(lang, "legend.red_dot"));
    }
    if role == "edge" {
        lines.push(crate::i18n::tr(lang, "legend.edge_sides"));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The Help menu.
pub fn help_menu_ui(ui: &mut egui::Ui) {
    ui.set_min_width(360.0);
    // Scrolls when the window is too short for every shortcut and mark.
    let max = ui.ctx().content_rect().height() - 60.0;
    egui::ScrollArea::vertical()
        .max_height(max.max(200.0))
        .show(ui, help_body_ui);
}

fn help_body_ui(ui: &mut egui::Ui) {
    ui.label(t(ui, "help.pan"));
    ui.label(t(ui, "help.link"));
    ui.label(t(ui, "help.place_label"));
    ui.label(t(ui, "help.select"));
    ui.separator();
    ui.strong(t(ui, "help.shortcuts"));
    egui::Grid::new("help-shortcuts")
        .num_columns(2)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            for (keys, text_key) in shortcuts(ui.ctx()) {
                ui.monospace(keys);
                ui.label(t(ui, text_key));
                ui.end_row();
            }
        });
    ui.separator();
    ui.strong(t(ui, "legend.title"));
    legend_ui(ui);
    ui.separator();
    ui.label(format!("Lync Port Planner {}", env!("CARGO_PKG_VERSION")));
}

/// The legend: a sample of each mark and what it means.
pub fn legend_ui(ui: &mut egui::Ui) {
    egui::Grid::new("help-legend")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (mark, key) in LEGEND {
                sample_ui(ui, mark);
                ui.label(t(ui, key));
                ui.end_row();
            }
        });
}

fn sample_ui(ui: &mut egui::Ui, mark: Mark) {
    let size = egui::vec2(28.0, 16.0);
    match mark {
        Mark::Text(text) => {
            ui.label(RichText::new(text).monospace().strong());
        }
        Mark::RedText => {
            ui.label(RichText::new("10.0.0.?").color(theme::PROBLEM));
        }
        Mark::Wall => {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let wall = egui::Rect::from_center_size(rect.center(), egui::vec2(8.0, size.y));
            ui.painter().rect_filled(wall, 0.0, theme::WALL_MORTAR);
            ui.painter()
                .rect_filled(wall.shrink2(egui::vec2(1.0, 3.0)), 0.0, theme::WALL_BRICK);
        }
        Mark::Peer => {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let card = rect.shrink(1.0);
            ui.painter().rect_filled(card, 3.0, theme::PEER_FILL);
            let corners = [
                card.left_top(),
                card.right_top(),
                card.right_bottom(),
                card.left_bottom(),
                card.left_top(),
            ];
            ui.painter().add(egui::Shape::dashed_line(
                &corners,
                egui::Stroke::new(1.0, theme::PEER_BORDER),
                3.0,
                2.0,
            ));
        }
        Mark::Dot | Mark::Selected | Mark::EdgeSides => {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter();
            let card = rect.shrink(1.0);
            let border = match mark {
                Mark::Selected => egui::Stroke::new(2.5, theme::SELECTED),
                _ => egui::Stroke::new(1.0, theme::CARD_STROKE),
            };
            painter.rect(
                card,
                3.0,
                theme::CARD_FILL,
                border,
                egui::StrokeKind::Inside,
            );
            match mark {
                Mark::Dot => {
                    painter.circle_filled(
                        card.right_top() + egui::vec2(-5.0, 5.0),
                        3.5,
                        theme::PROBLEM,
                    );
                }
                Mark::EdgeSides => {
                    let strip = |x: f32, color: Color32| {
                        painter.rect_filled(
                            egui::Rect::from_x_y_ranges(x..=x + 4.0, card.y_range()),
                            0.0,
                            color,
                        );
                    };
                    strip(
                        card.left(),
                        theme::zone_fill_strong(crate::topology::Zone::Internet),
                    );
                    strip(
                        card.right() - 4.0,
                        theme::zone_fill_strong(crate::topology::Zone::Internal),
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// A card's tooltip explains the marks it shows, and only those.
    #[test]
    fn card_tooltips_explain_the_marks_shown() {
        let ctx = eframe::egui::Context::default();
        let tip = super::card_tooltip(&ctx, "edge", true).unwrap();
        assert!(
            tip.contains("Red dot") && tip.contains("external side"),
            "{tip}"
        );
        let tip = super::card_tooltip(&ctx, "director", true).unwrap();
        assert!(!tip.contains("external side"), "{tip}");
        assert_eq!(super::card_tooltip(&ctx, "director", false), None);
    }
}
