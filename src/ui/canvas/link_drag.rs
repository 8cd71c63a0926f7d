//! Dragging a routed link's label or line: drawn where the pointer has it during the drag, one
//! edit on release (`SetLinkLabel`, `SetLinkBends`), placed by the layout afterwards (a label
//! dropped on a card ends clear of it). Grabbing the line adds a bend; a bend's square moves
//! it; double-click resets (a label to automatic, a bend away); the label's context menu
//! resets either.

use eframe::egui::{self, CursorIcon, PointerButton, Pos2, Rect, Response, Sense, Vec2};

use super::links::LinkShape;
use super::state::{point, pos};
use super::{CanvasState, CanvasView, Gesture, geometry, paint};
use crate::i18n;
use crate::plan::{CanvasPoint, LinkPositions, PlanEdit};
use crate::ui::command::{Command, Commands};
use crate::ui::theme;

/// Moved less than this (canvas units), a drag is a click and changes nothing.
const STILL: f32 = 0.5;

fn stored<'a>(view: &CanvasView<'a>, shape: &LinkShape) -> Option<&'a LinkPositions> {
    view.plan.link_positions(&shape.key.0, &shape.key.1)
}

fn set_label(shape: &LinkShape, at: Option<CanvasPoint>) -> Command {
    Command::Edit(PlanEdit::SetLinkLabel {
        a: shape.key.0.clone(),
        b: shape.key.1.clone(),
        at,
    })
}

fn set_bends(shape: &LinkShape, bends: Vec<CanvasPoint>) -> Command {
    Command::Edit(PlanEdit::SetLinkBends {
        a: shape.key.0.clone(),
        b: shape.key.1.clone(),
        bends,
    })
}

/// The id of the label's context menu: not the response's default popup id, which its tooltip
/// uses (sharing it, the release of the right click that opens the menu closed it again).
pub(super) fn menu_id(response: &Response) -> egui::Id {
    response.id.with("reset_menu")
}

/// The label's drag, double-click and context menu.
pub(super) fn label_ui(
    ui: &egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    commands: &mut Commands,
    shape: &LinkShape,
    response: &Response,
) {
    if response.drag_started_by(PointerButton::Primary) {
        let c = shape.label.center();
        state.gesture = Gesture::MoveLabel {
            link: shape.key.clone(),
            from: c,
            at: c,
        };
    }
    let ours = matches!(&state.gesture, Gesture::MoveLabel { link, .. } if *link == shape.key);
    if response.dragged_by(PointerButton::Primary) && ours {
        if let (Gesture::MoveLabel { from, at, .. }, Some(moved)) =
            (&mut state.gesture, moved_by(ui, state.to_screen))
        {
            *at = *from + moved;
        }
    } else if response.drag_stopped()
        && ours
        && let Gesture::MoveLabel { from, at, .. } = std::mem::take(&mut state.gesture)
        && from.distance(at) >= STILL
    {
        commands.push(set_label(shape, Some(point(at))));
    }
    if response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    } else if response.hovered() && state.gesture == Gesture::Idle {
        ui.ctx().set_cursor_icon(CursorIcon::Grab);
    }
    let placed = stored(view, shape);
    if response.double_clicked() && placed.is_some_and(|p| p.label.is_some()) {
        commands.push(set_label(shape, None));
    }
    let lang = crate::ui::text::lang(ui.ctx());
    egui::Popup::context_menu(response)
        .id(menu_id(response))
        .show(|ui| {
            let label = placed.is_some_and(|p| p.label.is_some());
            let bends = placed.is_some_and(|p| !p.bends.is_empty());
            if ui
                .add_enabled(
                    label,
                    egui::Button::new(i18n::tr(lang, "canvas.reset_label")),
                )
                .clicked()
            {
                commands.push(set_label(shape, None));
                ui.close();
            }
            if ui
                .add_enabled(
                    bends,
                    egui::Button::new(i18n::tr(lang, "canvas.reset_route")),
                )
                .clicked()
            {
                commands.push(set_bends(shape, Vec::new()));
                ui.close();
            }
        });
}

/// How far the pointer is from where the primary button went down, in canvas units: what
/// the dragged label or bend has moved (none of the drag's start is lost to egui's threshold).
fn moved_by(ui: &egui::Ui, to_screen: egui::emath::TSTransform) -> Option<Vec2> {
    let (origin, now) = ui.input(|i| (i.pointer.press_origin(), i.pointer.latest_pos()));
    let back = to_screen.inverse();
    Some(back * now? - back * origin?)
}

/// How far along the line `p` lies (the length up to the point of the line nearest it).
fn along(points: &[Pos2], p: Pos2) -> f32 {
    let mut best = (f32::INFINITY, 0.0);
    let mut walked = 0.0;
    for w in points.windows(2) {
        let d = geometry::distance_to_segment(p, w[0], w[1]);
        let ab = w[1] - w[0];
        let t = if ab.length_sq() <= f32::EPSILON {
            0.0
        } else {
            ((p - w[0]).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
        };
        if d < best.0 {
            best = (d, walked + ab.length() * t);
        }
        walked += ab.length();
    }
    best.1
}

/// The line's widget (a grab adds a bend) and the squares of its stored bends (a grab moves
/// one, a double-click removes it). The widget exists while the pointer is near the line, was
/// pressed near it, or drags it, so a drag keeps its widget to the end; it is returned (the
/// link's tooltip goes beside it, not over the line).
pub(super) fn route_ui(
    ui: &egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    commands: &mut Commands,
    shape: &LinkShape,
    cursor: Option<Pos2>,
) -> Option<Response> {
    let scale = state.to_screen.scaling.max(0.01);
    let reach = theme::LINK_HOVER_DISTANCE / scale;
    let square = theme::BEND_HANDLE / scale;
    let bends: Vec<Pos2> =
        stored(view, shape).map_or_else(Vec::new, |p| p.bends.iter().map(|b| pos(*b)).collect());
    let ours = match &state.gesture {
        Gesture::MoveBend { link, bends, .. } if *link == shape.key => Some(bends.clone()),
        _ => None,
    };
    for b in ours.as_ref().unwrap_or(&bends) {
        paint::bend(ui.painter(), *b, square);
    }
    let origin = ui.input(|i| {
        i.pointer
            .primary_down()
            .then(|| i.pointer.press_origin())
            .flatten()
    });
    let origin = origin.map(|p| state.to_screen.inverse() * p);
    let near = |p: Pos2| {
        shape
            .points
            .windows(2)
            .map(|w| (geometry::distance_to_segment(p, w[0], w[1]), w[0], w[1]))
            .filter(|(d, _, _)| *d <= reach)
            .min_by(|x, y| x.0.total_cmp(&y.0))
            .map(|(_, a, b)| Rect::from_two_pos(a, b).expand(reach))
    };
    let hover = super::pointer_over_canvas(ui, state);
    let area = if ours.is_some() {
        hover.map(|p| Rect::from_center_size(p, Vec2::splat(2.0 * reach)))
    } else {
        cursor.and_then(near).or_else(|| origin.and_then(near))
    };
    let area = area?;
    let response = ui.interact(
        area,
        ui.scope_id().with(("route", &shape.key.0, &shape.key.1)),
        Sense::click_and_drag(),
    );
    let lang = crate::ui::text::lang(ui.ctx());
    let plan = view.plan;
    response.widget_info(|| {
        let name = |id: &crate::plan::NodeId| plan.nodes.get(id).map_or("", |n| n.label.as_str());
        let info = i18n::trf(
            lang,
            "canvas.link_line",
            &[("a", name(&shape.key.0)), ("b", name(&shape.key.1))],
        );
        egui::WidgetInfo::labeled(egui::Role::Button, true, info)
    });
    if response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    } else if response.hovered() && state.gesture == Gesture::Idle {
        ui.ctx().set_cursor_icon(CursorIcon::Grab);
    }
    let grab = origin.or(hover);
    bend_drag(
        ui,
        state,
        commands,
        shape,
        &response,
        (&bends, square, grab),
    );
    Some(response)
}

/// A drag on the line: start (on a bend's square, that bend; elsewhere, a new one), follow,
/// commit. A double-click on a bend's square removes it.
fn bend_drag(
    ui: &egui::Ui,
    state: &mut CanvasState,
    commands: &mut Commands,
    shape: &LinkShape,
    response: &Response,
    (bends, square, grab): (&[Pos2], f32, Option<Pos2>),
) {
    let on_bend = |p: Pos2| bends.iter().position(|b| b.distance(p) <= square * 1.5);
    if response.drag_started_by(PointerButton::Primary)
        && let Some(at) = grab
    {
        let (bends, index) = if let Some(i) = on_bend(at) {
            (bends.to_vec(), i)
        } else {
            // A new bend between those before and after it along the line.
            let here = along(&shape.points, at);
            let i = bends
                .iter()
                .filter(|b| along(&shape.points, **b) < here)
                .count();
            let mut with = bends.to_vec();
            with.insert(i, at);
            (with, i)
        };
        let from = bends[index];
        state.gesture = Gesture::MoveBend {
            link: shape.key.clone(),
            bends,
            index,
            from,
        };
    }
    let ours = matches!(&state.gesture, Gesture::MoveBend { link, .. } if *link == shape.key);
    if ours && response.dragged_by(PointerButton::Primary) {
        if let (
            Gesture::MoveBend {
                bends, index, from, ..
            },
            Some(moved),
        ) = (&mut state.gesture, moved_by(ui, state.to_screen))
            && let Some(b) = bends.get_mut(*index)
        {
            *b = *from + moved;
        }
    } else if ours
        && response.drag_stopped()
        && let Gesture::MoveBend {
            bends, index, from, ..
        } = std::mem::take(&mut state.gesture)
        && bends.get(index).is_some_and(|b| b.distance(from) >= STILL)
    {
        commands.push(set_bends(shape, bends.into_iter().map(point).collect()));
    }
    // The response's pointer position is already in canvas units (the Scene's layer).
    if response.double_clicked()
        && let Some(i) = response.interact_pointer_pos().and_then(on_bend)
    {
        let mut kept: Vec<CanvasPoint> = bends.iter().map(|b| point(*b)).collect();
        kept.remove(i);
        commands.push(set_bends(shape, kept));
    }
}
