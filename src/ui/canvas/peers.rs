//! Microsoft's "Any" peers on the canvas, where the diagram's layout puts them: a dashed card
//! per peer and its routed links to its nodes, as the SVG draws them. A peer is not a node: it
//! takes no click and no drag; pointing at it names it and counts its rules, pointing at one
//! of its links lists the link's rules.

use eframe::egui::{self, Align2, Color32, CornerRadius, FontId, Sense, Shape, Stroke};

use super::links::{LinkShapes, PeerCard};
use super::{CanvasState, CanvasView, Frame, Gesture, geometry, paint, pointer_over_canvas};
use crate::diagram::style;
use crate::i18n::{self, Lang};
use crate::ui::theme;

/// Draw the peers' links, then their cards (below the node cards, which they never overlap).
pub(super) fn peers_ui(
    ui: &mut egui::Ui,
    view: &CanvasView<'_>,
    state: &CanvasState,
    shapes: &LinkShapes,
    (selected, frame): (Option<&crate::ui::selection::PeerLinkKey>, Frame),
) {
    if !frame.detail {
        return;
    }
    let painter = ui.painter().clone();
    let lang = crate::ui::text::lang(ui.ctx());
    let cursor = pointer_over_canvas(ui, state);
    for link in &shapes.peer_links {
        let shape = &link.shape;
        // A node being dragged: its peer links go straight to where it is now.
        let moved = match &state.gesture {
            Gesture::MoveNodes { ids, offset } if ids.contains(&shape.key.1) => Some(*offset),
            _ => None,
        };
        let points = match (moved, view.plan.nodes.get(&shape.key.1)) {
            (Some(offset), Some(node)) => {
                let card = geometry::card_rect(node, offset);
                let peer = shapes.peers.iter().find(|p| p.id == shape.key.0);
                let Some(peer) = peer else { continue };
                vec![
                    geometry::border_point(peer.rect, card.center()),
                    geometry::border_point(card, peer.rect.center()),
                ]
            }
            _ => shape.points.clone(),
        };
        if moved.is_none() && !shape.extent.intersects(frame.visible) {
            continue;
        }
        let near = cursor.is_some_and(|p| {
            points
                .windows(2)
                .map(|w| geometry::distance_to_segment(p, w[0], w[1]))
                .fold(f32::INFINITY, f32::min)
                * state.to_screen.scaling
                <= theme::LINK_HOVER_DISTANCE
        });
        let chosen = selected.is_some_and(|s| (&s.peer, &s.node) == (&shape.key.0, &shape.key.1));
        let color = if near || chosen {
            theme::SELECTED
        } else {
            theme::LINK
        };
        paint::link(
            &painter,
            &points,
            link.arrows,
            color,
            if chosen { 3.0 } else { 2.0 },
        );
        if moved.is_some() {
            continue;
        }
        paint::label(&painter, shape.label, &shape.text, near || chosen);
        let response = ui.interact(
            shape.label,
            ui.scope_id()
                .with(("peer link", &shape.key.0, &shape.key.1)),
            Sense::hover(),
        );
        if (near || response.hovered()) && !link.rules.is_empty() && !view.hide_ports {
            let rules: Vec<&crate::rules::Rule> = link
                .rules
                .iter()
                .map(|&i| &view.derived.derivation.rules.rules[i])
                .collect();
            response.show_tooltip_ui(|ui| paint::rules_tooltip(ui, &rules));
        }
    }
    let title = theme::card_title_size(state.zoom());
    for peer in &shapes.peers {
        if !peer.rect.intersects(frame.visible) {
            continue;
        }
        let chosen = selected.is_some_and(|s| s.peer == peer.id);
        card(&painter, view, peer, (title, chosen), lang);
        let response = ui.interact(
            peer.rect,
            ui.scope_id().with(("peer", &peer.id)),
            Sense::hover(),
        );
        let name = style::peer_title(view.catalog, &peer.peer, lang);
        let hover = i18n::trf(
            lang,
            "peer.hover",
            &[
                ("name", &name),
                ("counts", &style::peer_counts(&peer.peer, lang)),
            ],
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
        response.on_hover_text(hover);
    }
}

/// One peer card: rounded, dashed, its tag, title, what it is and its counts.
fn card(
    painter: &egui::Painter,
    view: &CanvasView<'_>,
    peer: &PeerCard,
    (title, chosen): (f32, bool),
    lang: Lang,
) {
    let rect = peer.rect;
    painter.rect_filled(rect, CornerRadius::same(3), theme::PEER_FILL);
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    // The trainer's hop to this peer: its border as a selected card's.
    let border = if chosen {
        Stroke::new(3.0, theme::SELECTED)
    } else {
        Stroke::new(1.5, theme::PEER_BORDER)
    };
    painter.add(Shape::dashed_line(&corners, border, 6.0, 4.0));
    let (accent, tag) = style::peer_style(&peer.peer);
    let [r, g, b] = accent;
    let beside = super::paint::tag_icon(painter, rect, (tag, Color32::from_rgb(r, g, b)), 11);
    let text_left = beside.x;
    let name = style::peer_title(view.catalog, &peer.peer, lang);
    painter.text(
        beside,
        Align2::LEFT_CENTER,
        style::clip(&name, rect.right() - text_left - 8.0, title),
        FontId::proportional(title),
        Color32::WHITE,
    );
    for (dy, text) in [44.0, 64.0]
        .into_iter()
        .zip(style::peer_lines(&peer.peer, lang))
    {
        painter.text(
            rect.min + egui::Vec2::new(10.0, dy),
            Align2::LEFT_CENTER,
            style::clip(&text, rect.width() - 20.0, 11.5),
            FontId::proportional(11.5),
            theme::WEAK_TEXT,
        );
    }
}
