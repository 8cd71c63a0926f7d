//! Gestures on cards and on the empty canvas: select, move, link, rubber band, place. Each
//! gesture ends in at most one command.

use eframe::egui::{self, Key, PointerButton, Pos2, Rect, Vec2};

use super::state::{point, pos};
use super::{
    CanvasState, CanvasView, Gesture, RolePayload, Selection, geometry, pointer_over_canvas,
};
use crate::plan::{NodeId, PlanEdit, layout};
use crate::ui::command::{Command, Commands};

/// Moving a card, drawing a link from its handle, selecting it.
pub(super) fn node_gestures(
    ui: &egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    selection: &mut Selection,
    commands: &mut Commands,
    (id, selected, handle_center): (&NodeId, bool, Pos2),
    (response, handle): (&egui::Response, Option<&egui::Response>),
) {
    let delta = ui.input(|i| i.pointer.delta()) / state.to_screen.scaling;
    let pointer = pointer_over_canvas(ui, state);

    if let Some(handle) = handle {
        if handle.drag_started() {
            state.gesture = Gesture::Link {
                from: id.clone(),
                to: handle_center,
            };
        } else if handle.dragged() {
            if let (Gesture::Link { to, .. }, Some(p)) = (&mut state.gesture, pointer) {
                *to = p;
            }
        } else if handle.drag_stopped() {
            finish_link(view, state, commands, id, pointer);
        }
    }
    if response.clicked() {
        let add = ui.input(|i| i.modifiers.command || i.modifiers.shift);
        if add {
            if !selection.nodes.remove(id) {
                selection.nodes.insert(id.clone());
            }
            selection.link = None;
            selection.peer_link = None;
        } else {
            *selection = Selection::only_node(id.clone());
        }
    }
    if response.drag_started_by(PointerButton::Primary) {
        if !selected {
            *selection = Selection::only_node(id.clone());
        }
        state.gesture = Gesture::MoveNodes {
            ids: selection.nodes.iter().cloned().collect(),
            offset: Vec2::ZERO,
        };
    } else if response.dragged_by(PointerButton::Primary) {
        if let Gesture::MoveNodes { offset, .. } = &mut state.gesture {
            *offset += delta;
        }
    } else if response.drag_stopped() {
        finish_move(view, state, commands);
    }
}

fn finish_link(
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    commands: &mut Commands,
    from: &NodeId,
    pointer: Option<Pos2>,
) {
    let target = pointer.and_then(|p| {
        view.plan
            .nodes
            .iter()
            .find(|(other, n)| *other != from && geometry::card_rect(n, Vec2::ZERO).contains(p))
            .map(|(other, _)| other.clone())
    });
    if let Some(to) = target {
        commands.push(Command::Edit(PlanEdit::AddLink {
            a: from.clone(),
            b: to,
        }));
    }
    state.gesture = Gesture::Idle;
}

fn finish_move(view: &CanvasView<'_>, state: &mut CanvasState, commands: &mut Commands) {
    let Gesture::MoveNodes { ids, offset } = std::mem::take(&mut state.gesture) else {
        return;
    };
    if offset.length() < 0.5 {
        return;
    }
    let moves = ids
        .iter()
        .filter_map(|id| {
            let node = view.plan.nodes.get(id)?;
            let mut p = point(pos(node.position) + offset);
            if state.snap {
                p = layout::snap(p);
            }
            Some((id.clone(), p, layout::zone_at(p.x)))
        })
        .collect();
    commands.push(Command::Edit(PlanEdit::MoveNodes { moves }));
}

/// Clicks and drags on empty canvas: deselect, place a picked role, rubber band, Space-pan.
pub(super) fn background(
    ui: &egui::Ui,
    response: &egui::Response,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    selection: &mut Selection,
    commands: &mut Commands,
) {
    let pointer = pointer_over_canvas(ui, state);
    if let (Some(payload), Some(p)) = (response.dnd_release_payload::<RolePayload>(), pointer) {
        place(view, (state, lang(ui)), selection, commands, &payload.0, p);
        return;
    }
    let add = ui.input(|i| i.modifiers.command || i.modifiers.shift);
    let space = ui.input(|i| i.key_down(Key::Space));
    if response.clicked() {
        if let (Some(role), Some(p)) = (state.placing.take(), pointer) {
            place(view, (state, lang(ui)), selection, commands, &role, p);
        } else if !add {
            *selection = Selection::default();
        }
    }
    if response.drag_started_by(PointerButton::Primary) && !space {
        if let Some(p) = pointer {
            state.gesture = Gesture::RubberBand {
                start: p,
                end: p,
                add,
            };
        }
    } else if response.dragged_by(PointerButton::Primary) {
        if space {
            // Space + drag pans, like most canvas tools.
            let delta = ui.input(|i| i.pointer.delta()) / state.to_screen.scaling;
            state.scene_rect = state.scene_rect.translate(-delta);
        } else if let (Gesture::RubberBand { end, .. }, Some(p)) = (&mut state.gesture, pointer) {
            *end = p;
        }
    } else if response.drag_stopped()
        && let Gesture::RubberBand { start, end, add } = std::mem::take(&mut state.gesture)
    {
        let band = Rect::from_two_pos(start, end);
        if !add {
            *selection = Selection::default();
        }
        for (id, node) in &view.plan.nodes {
            if band.intersects(geometry::card_rect(node, Vec2::ZERO)) {
                selection.nodes.insert(id.clone());
            }
        }
    }
}

fn lang(ui: &egui::Ui) -> crate::i18n::Lang {
    crate::ui::text::lang(ui.ctx())
}

fn place(
    view: &CanvasView<'_>,
    (state, lang): (&CanvasState, crate::i18n::Lang),
    selection: &mut Selection,
    commands: &mut Commands,
    role: &str,
    at: Pos2,
) {
    let mut p = point(at);
    if state.snap {
        p = layout::snap(p);
    }
    if let Some((id, mut node)) = view.plan.new_node(view.catalog, role, Some(p)) {
        // The label is the role's name in the window's language (the file keeps what it gets).
        if let Some(r) = view.catalog.role(role) {
            node.label = view.plan.fresh_label(r.name.get(lang));
        }
        *selection = Selection::only_node(id.clone());
        commands.push(Command::Edit(PlanEdit::AddNodes {
            nodes: vec![(id, node)],
            links: Vec::new(),
        }));
    }
}
