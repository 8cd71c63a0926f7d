//! The links as drawn: lines, arrowheads, port labels and their tooltips; a click on a line
//! or a label selects the link; a label or a line being dragged (`link_drag.rs`) is drawn
//! where the pointer has it.

use eframe::egui::{self, PointerButton, Pos2, Rect, Sense};

use super::links::{LinkShape, LinkShapes};
use super::{CanvasState, CanvasView, Frame, Gesture, Selection, geometry, link_drag, paint};
use crate::plan::NodeId;
use crate::ui::command::Commands;
use crate::ui::theme;

/// Where a gesture has this link's label and line: the label's box and the line's points,
/// when either is being dragged.
fn dragged(shape: &LinkShape, gesture: &Gesture) -> (Option<Rect>, Option<Vec<Pos2>>) {
    match gesture {
        Gesture::MoveLabel { link, at, .. } if *link == shape.key => {
            (Some(Rect::from_center_size(*at, shape.label.size())), None)
        }
        Gesture::MoveBend { link, bends, .. } if *link == shape.key => {
            let line = std::iter::once(shape.a)
                .chain(bends.iter().copied())
                .chain(std::iter::once(shape.b))
                .collect();
            (None, Some(line))
        }
        _ => (None, None),
    }
}

/// The leaders of labels placed away from their links, under the lines (not while a link's
/// label or line is dragged: the leader would point from where it was).
pub(super) fn leaders_ui(
    painter: &egui::Painter,
    shapes: &LinkShapes,
    gesture: &Gesture,
    frame: Frame,
) {
    if !frame.detail {
        return;
    }
    for shape in &shapes.shapes {
        let busy = dragged(shape, gesture) != (None, None);
        if let Some((from, to)) = shape
            .leader
            .filter(|_| !busy && shape.extent.intersects(frame.visible))
        {
            paint::leader(painter, from, to);
        }
    }
}

/// The label's widget: clicked, hovered, and dragged when the link is routed.
fn label_widget(
    ui: &egui::Ui,
    view: &CanvasView<'_>,
    shape: &LinkShape,
    label: Rect,
) -> egui::Response {
    let sense = if shape.routed {
        Sense::click_and_drag()
    } else {
        Sense::click()
    };
    let response = ui.interact(
        label,
        ui.scope_id().with(("link", &shape.key.0, &shape.key.1)),
        sense,
    );
    let (plan, lang) = (view.plan, crate::ui::text::lang(ui.ctx()));
    response.widget_info(|| {
        let name = |id: &NodeId| plan.nodes.get(id).map_or("", |n| n.label.as_str());
        let info = crate::i18n::trf(
            lang,
            "canvas.link_label",
            &[
                ("a", name(&shape.key.0)),
                ("b", name(&shape.key.1)),
                ("ports", &shape.text),
            ],
        );
        egui::WidgetInfo::labeled(egui::Role::Button, true, info)
    });
    response
}

/// The rules a link carries: beside its label when that is hovered, else beside the pointer
/// on its line (a tooltip placed by the label could cover the line, and the click meant for it).
fn rules_tooltip(
    view: &CanvasView<'_>,
    rules: &[usize],
    label: &egui::Response,
    line: Option<&egui::Response>,
) {
    let rules: Vec<&crate::rules::Rule> = rules
        .iter()
        .map(|&i| &view.derived.derivation.rules.rules[i])
        .collect();
    match line.filter(|_| !label.hovered()) {
        Some(line) => {
            egui::Tooltip::for_widget(line)
                .at_pointer()
                .gap(12.0)
                .show(|ui| paint::rules_tooltip(ui, &rules));
        }
        None => label.show_tooltip_ui(|ui| paint::rules_tooltip(ui, &rules)),
    }
}

pub(super) fn links_ui(
    ui: &mut egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    shapes: &LinkShapes,
    (selection, commands): (&mut Selection, &mut Commands),
    frame: Frame,
) {
    let painter = ui.painter().clone();
    let cursor = super::pointer_over_canvas(ui, state);
    let clicked = ui.input(|i| i.pointer.button_clicked(PointerButton::Primary));
    // Zoomed out, a line stays about one screen point wide.
    let thin = 1.2 / state.to_screen.scaling.max(0.01);
    let mut lines = egui::Mesh::default();
    for shape in &shapes.shapes {
        let (label_at, line_at) = dragged(shape, &state.gesture);
        // A link being dragged is drawn (and keeps its widget) wherever it is.
        let busy = label_at.is_some() || line_at.is_some();
        if !busy && !shape.extent.intersects(frame.visible) {
            continue;
        }
        let link_view = view.derived.links.get(&shape.key);
        let (summary_rules, arrows, has_error) =
            link_view.map_or((&[][..], (false, false), false), |v| {
                (
                    v.summary.rules.as_slice(),
                    (v.summary.forward, v.summary.backward),
                    v.has_error,
                )
            });
        let selected = selection.link.as_ref() == Some(&shape.key);
        let near = cursor.is_some_and(|p| {
            shape
                .points
                .windows(2)
                .map(|w| geometry::distance_to_segment(p, w[0], w[1]))
                .fold(f32::INFINITY, f32::min)
                * state.to_screen.scaling
                <= theme::LINK_HOVER_DISTANCE
        });
        let tested = (view.port_tests).map(|t| t.get(&shape.key).copied().unwrap_or_default());
        let color = if selected || near || busy {
            theme::SELECTED
        } else if let Some(status) = tested {
            theme::port_test(status)
        } else if has_error || summary_rules.is_empty() {
            theme::PROBLEM
        } else {
            theme::LINK
        };
        let clicked_line = near && clicked && state.gesture == Gesture::Idle;
        if !frame.detail {
            let width = if selected { 2.0 * thin } else { thin };
            paint::overview_line(&mut lines, shape.a, shape.b, width, color);
            if clicked_line {
                *selection = Selection::only_link(shape.key.0.clone(), shape.key.1.clone());
            }
            continue;
        }
        paint::link(
            &painter,
            line_at.as_deref().unwrap_or(&shape.points),
            arrows,
            color,
            if selected { 3.0 } else { 2.0 },
        );
        let line = if shape.routed {
            link_drag::route_ui(ui, view, state, commands, shape, cursor)
        } else {
            None
        };
        let label = label_at.unwrap_or(shape.label);
        if !label.intersects(frame.visible) && !busy {
            if clicked_line {
                *selection = Selection::only_link(shape.key.0.clone(), shape.key.1.clone());
            }
            continue;
        }
        paint::label(&painter, label, &shape.text, selected || label_at.is_some());
        let response = label_widget(ui, view, shape, label);
        if response.clicked() || clicked_line {
            *selection = Selection::only_link(shape.key.0.clone(), shape.key.1.clone());
        }
        // Not under the label's context menu.
        let menu = response.secondary_clicked()
            || egui::Popup::is_id_open(ui.ctx(), link_drag::menu_id(&response));
        if shape.routed {
            link_drag::label_ui(ui, view, state, commands, shape, &response);
        }
        let show = (near || response.hovered())
            && state.gesture == Gesture::Idle
            && !menu
            && !summary_rules.is_empty()
            && !view.hide_ports;
        if show {
            rules_tooltip(view, summary_rules, &response, line.as_ref());
        }
    }
    if !lines.is_empty() {
        painter.add(egui::Shape::mesh(lines));
    }
    // A label or bend drag whose widget lost the pointer (it left the window) ends unedited.
    let released = ui.input(|i| !i.pointer.primary_down() && !i.pointer.any_released());
    if released
        && matches!(
            state.gesture,
            Gesture::MoveLabel { .. } | Gesture::MoveBend { .. }
        )
    {
        state.gesture = Gesture::Idle;
    }
}
