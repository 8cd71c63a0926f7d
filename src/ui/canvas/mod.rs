//! The planning canvas on `egui::Scene`: zones, cards, links; gestures (`gestures.rs`) become
//! [`PlanEdit`]s.

mod firewalls;
mod geometry;
mod gestures;
mod link_drag;
mod link_ui;
mod links;
mod overlay;
mod paint;
mod peers;
mod routes;
pub mod state;
pub mod view;

use eframe::egui::{self, DragPanButtons, Pos2, Rect, Scene, Sense, Vec2};

pub use crate::ui::Selection;
pub use crate::ui::theme::{DETAIL_ZOOM, card_title_size};
pub use links::{LinkShape, LinkShapes, PeerCard, PeerLink, ROUTED_NODES};
pub use state::{CanvasState, Gesture};

use crate::catalog::Catalog;
use crate::plan::{NodeId, Plan, PlanEdit};
use crate::ui::command::{Command, Commands};
use crate::ui::derived::Derived;
use crate::ui::theme;

/// Payload of a palette drag: the role id.
#[derive(Clone, Debug)]
pub struct RolePayload(pub String);

/// What the canvas reads.
pub struct CanvasView<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The catalog.
    pub catalog: &'a std::sync::Arc<Catalog>,
    /// Rules, findings, link summaries: of `content`, or for a frame or two after an edit of a
    /// large plan, of the content before it.
    pub derived: &'a Derived,
    /// The document's content (see [`crate::document::Document::content`]).
    pub content: crate::document::ContentId,
    /// Trainer exercise: show `?` instead of ports.
    pub hide_ports: bool,
    /// Loaded port-test results: each link's status (links drawn by it, a legend line).
    pub port_tests: Option<
        &'a std::collections::BTreeMap<
            crate::ui::port_tests::LinkKey,
            crate::porttest::results::Status,
        >,
    >,
}

/// Draw the canvas and turn gestures into commands. `links` is the placement cache: it reads
/// the state's gesture, so it lives beside the state, not in it.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    links: &mut LinkShapes,
    selection: &mut Selection,
    commands: &mut Commands,
) {
    // What the toolbar showed, before this frame's requests and the Scene's pan and zoom.
    let shown_zoom = state.coming_zoom();
    let outer = Rect::from_min_size(ui.cursor().min, ui.available_size());
    state.screen_rect = outer;
    // The cards and the "Any" peers' cards (as last laid out): what the lowest zoom, the zone
    // bands and the minimap measure.
    let content = state
        .content_rect(view.plan, view.derived.state)
        .map(|cards| links.peers.iter().fold(cards, |r, p| r.union(p.rect)));
    let min_zoom = view::min_zoom(content, outer);
    state.min_zoom = min_zoom;
    view::apply_requests(state, outer, min_zoom);
    view::reveal_selection(state, view.plan, selection);
    let scene = Scene::new()
        .zoom_range(min_zoom..=view::MAX_ZOOM)
        .drag_pan_buttons(DragPanButtons::MIDDLE | DragPanButtons::SECONDARY)
        .sense(Sense::click_and_drag());
    let mut scene_rect = state.scene_rect;
    let span = content.unwrap_or(Rect::from_min_size(Pos2::ZERO, Vec2::new(900.0, 600.0)));
    let response = scene
        .show(ui, &mut scene_rect, |ui| {
            state.to_screen = ui
                .ctx()
                .layer_transform_to_global(ui.layer_id())
                .unwrap_or_default();
            contents_ui(ui, view, state, links, selection, commands, span);
        })
        .response;
    state.scene_rect = scene_rect;
    if (state.zoom() - shown_zoom).abs() > 1.0e-4 {
        // The toolbar, drawn before the canvas, shows the zoom: one more frame brings it up to date.
        ui.ctx().request_repaint();
    }
    // Fit after drawing, so that this frame's link labels are framed with the cards.
    if outer.width() > 1.0 && outer.height() > 1.0 {
        let refit = std::mem::take(&mut state.refit);
        if std::mem::take(&mut state.fit_pending) || refit {
            let detail = state.zoom() >= theme::DETAIL_ZOOM;
            view::fit_view(state, content, links, outer);
            // Labels are placed only from a readable zoom up: when the fit crosses it, once
            // more at the new zoom, so that the labels it brought are framed too.
            state.refit = !refit && (state.coming_zoom() >= theme::DETAIL_ZOOM) != detail;
            ui.ctx().request_repaint();
        }
    }
    overlay::overlay_ui(ui, (view.plan, &links.peers), state, selection, content);
    if view.port_tests.is_some() {
        overlay::port_test_legend(ui, outer);
    }
    gestures::background(ui, &response, view, state, selection, commands);
}

/// Pointer position in canvas units when the canvas is what the pointer is over: not a panel
/// beside it (a link hidden under the rule table must not take the click meant for its
/// filter), the minimap, a menu or a window on top of it (a tooltip does not count). What
/// hovers, clicks and drags.
fn pointer_over_canvas(ui: &egui::Ui, state: &CanvasState) -> Option<Pos2> {
    let p = ui.input(|i| i.pointer.latest_pos())?;
    let covered = !state.screen_rect.contains(p)
        || state.minimap.is_some_and(|m| m.rect.contains(p))
        || ui
            .ctx()
            .layer_id_at(p)
            // A tooltip takes no input: the rules tooltip of a link hovered near a bend
            // would otherwise hide the line it is about.
            .is_some_and(|l| !matches!(l.order, egui::Order::Background | egui::Order::Tooltip));
    (!covered).then(|| state.to_screen.inverse() * p)
}

/// How far a node is being dragged in `gesture`.
fn offset_of_gesture(gesture: &Gesture, id: &NodeId) -> Vec2 {
    match gesture {
        Gesture::MoveNodes { ids, offset } if ids.contains(id) => *offset,
        _ => Vec2::ZERO,
    }
}

fn card_of(view: &CanvasView<'_>, state: &CanvasState, id: &NodeId) -> Option<Rect> {
    view.plan
        .nodes
        .get(id)
        .map(|n| geometry::card_rect(n, offset_of_gesture(&state.gesture, id)))
}

/// What a frame draws: the part of the canvas in view, in full or in outline.
#[derive(Clone, Copy)]
struct Frame {
    /// The visible canvas area (canvas units), widened so shapes entering the view are drawn.
    visible: Rect,
    /// Zoomed in enough to read text: cards with their text, link labels, handles, buttons.
    /// Zoomed further out, cards are coloured boxes and links plain lines.
    detail: bool,
}

fn contents_ui(
    ui: &mut egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    links: &mut LinkShapes,
    selection: &mut Selection,
    commands: &mut Commands,
    span: Rect,
) {
    let painter = ui.painter().clone();
    let frame = Frame {
        visible: ui.clip_rect().expand(40.0),
        detail: state.to_screen.scaling >= theme::DETAIL_ZOOM,
    };
    let (top, bottom) = paint::bands(&painter, span);
    firewalls::walls_ui(ui, view.plan, state, selection, (top, bottom));
    links.refresh(
        &painter,
        (view.plan, view.catalog, view.content),
        view.derived,
        &state.gesture,
        (view.hide_ports, frame.detail),
    );
    link_ui::leaders_ui(&painter, links, &state.gesture, frame);
    link_ui::links_ui(ui, view, state, links, (selection, commands), frame);
    peers::peers_ui(
        ui,
        view,
        state,
        links,
        (selection.peer_link.as_ref(), frame),
    );
    ghosts_ui(ui, view, state, links, commands, frame);
    // Off-screen cards are skipped, except those in a gesture: they must see it end.
    let cursor = pointer_over_canvas(ui, state);
    let in_gesture = |gesture: &Gesture, id: &NodeId| match gesture {
        Gesture::MoveNodes { ids, .. } => ids.contains(id),
        Gesture::Link { from, .. } => from == id,
        _ => false,
    };
    let mut shown = Vec::new();
    for (id, node) in &view.plan.nodes {
        let rect = geometry::card_rect(node, offset_of_gesture(&state.gesture, id));
        let busy = in_gesture(&state.gesture, id);
        if busy || rect.intersects(frame.visible) {
            shown.push((id, node, rect, busy));
        }
    }
    // Zoomed out, only the card under the pointer (or where the button went down) takes
    // input: hundreds of tiny widgets would cost more than they are worth, and none can be read.
    let under_pointer = if frame.detail {
        None
    } else {
        let origin = ui.input(|i| {
            if i.pointer.primary_down() {
                i.pointer.press_origin()
            } else {
                None
            }
        });
        let probe = origin.map(|p| state.to_screen.inverse() * p).or(cursor);
        probe.and_then(|p| {
            shown
                .iter()
                .rev()
                .find(|(_, _, r, _)| r.contains(p))
                .map(|s| s.0)
        })
    };
    // Zoomed out, plain boxes are one mesh, below whatever the cards draw on top of them.
    let boxes_at = painter.add(egui::Shape::Noop);
    let mut boxes = egui::Mesh::default();
    for (id, node, rect, busy) in shown {
        let interactive = frame.detail || busy || under_pointer == Some(id);
        node_ui(
            ui,
            view,
            state,
            (selection, commands, &mut boxes),
            (id, node, rect),
            (interactive, frame.detail),
        );
    }
    painter.set(boxes_at, egui::Shape::mesh(boxes));
    match &state.gesture {
        Gesture::Link { from, to } => {
            if let Some(card) = card_of(view, state, from) {
                let start = geometry::handle_pos(card);
                paint::link(&painter, &[start, *to], (true, false), theme::SELECTED, 2.0);
            }
        }
        Gesture::RubberBand { start, end, .. } => {
            paint::rubber_band(&painter, Rect::from_two_pos(*start, *end));
        }
        _ => {}
    }
}

/// The missing links as dashed ghosts with an "Add link" button: where the layout routes
/// them while neither end is dragged, else straight.
fn ghosts_ui(
    ui: &mut egui::Ui,
    view: &CanvasView<'_>,
    state: &CanvasState,
    links: &LinkShapes,
    commands: &mut Commands,
    frame: Frame,
) {
    let painter = ui.painter().clone();
    let lang = crate::ui::text::lang(ui.ctx());
    for (a, b) in &view.derived.ghosts {
        let (Some(ra), Some(rb)) = (card_of(view, state, a), card_of(view, state, b)) else {
            continue;
        };
        let still = |id| offset_of_gesture(&state.gesture, id) == Vec2::ZERO;
        let routed = links
            .ghosts
            .iter()
            .find(|g| (&g.key.0, &g.key.1) == (a, b) || (&g.key.0, &g.key.1) == (b, a))
            .filter(|_| still(a) && still(b));
        let (points, at) = if let Some(g) = routed {
            (g.points.clone(), g.label)
        } else {
            let (pa, pb) = (
                geometry::border_point(ra, rb.center()),
                geometry::border_point(rb, ra.center()),
            );
            let at = Rect::from_center_size(pa.lerp(pb, 0.5), links::GHOST_BUTTON);
            (vec![pa, pb], at)
        };
        let extent = points
            .iter()
            .fold(at, |r, p| r.union(Rect::from_center_size(*p, Vec2::ZERO)));
        if !extent.intersects(frame.visible) {
            continue;
        }
        paint::ghost(&painter, &points, state.to_screen.scaling);
        if !frame.detail {
            continue;
        }
        let name_a = view.plan.nodes.get(a).map_or("", |n| n.label.as_str());
        let name_b = view.plan.nodes.get(b).map_or("", |n| n.label.as_str());
        let button = ui.put(
            at,
            egui::Button::new(crate::i18n::tr(lang, "fix.add_link")).small(),
        );
        button.widget_info(|| {
            let info = crate::i18n::trf(
                lang,
                "canvas.add_link_label",
                &[("a", name_a), ("b", name_b)],
            );
            egui::WidgetInfo::labeled(egui::Role::Button, true, info)
        });
        if button
            .on_hover_text(crate::i18n::trf(
                lang,
                "canvas.add_link_hover",
                &[("a", name_a), ("b", name_b)],
            ))
            .clicked()
        {
            commands.push(Command::Edit(PlanEdit::AddLink {
                a: a.clone(),
                b: b.clone(),
            }));
        }
    }
}

/// One card: painted in full (`detail`) or as a box; takes input only when `interactive`.
fn node_ui(
    ui: &mut egui::Ui,
    view: &CanvasView<'_>,
    state: &mut CanvasState,
    (selection, commands, boxes): (&mut Selection, &mut Commands, &mut egui::Mesh),
    (id, node, rect): (&NodeId, &crate::plan::Node, Rect),
    (interactive, detail): (bool, bool),
) {
    let selected = selection.nodes.contains(id);
    let marks = paint::CardMarks {
        selected,
        has_error: view.derived.nodes_with_errors.contains(id),
    };
    if detail {
        let title = theme::card_title_size(state.zoom());
        paint::card(ui.painter(), view.catalog, node, (rect, title), marks);
    } else {
        paint::card_outline(
            ui.painter(),
            boxes,
            node,
            rect,
            marks,
            state.to_screen.scaling,
        );
        paint::outline_name(ui.painter(), &node.label, rect, state.to_screen.scaling);
    }
    if !interactive {
        return;
    }
    let mut response = ui.interact(
        rect,
        ui.scope_id().with(("node", id)),
        Sense::click_and_drag(),
    );
    let marks_tip = crate::ui::help::card_tooltip(ui.ctx(), &node.role, marks.has_error);
    // Zoomed out the card's text is not drawn: the tooltip names it.
    let tip = if detail {
        marks_tip
    } else {
        let lang = crate::ui::text::lang(ui.ctx());
        let role = (view.catalog.role(&node.role)).map_or("", |r| r.name.get(lang));
        let name = format!(
            "{} ({role})\n{}",
            node.label,
            crate::diagram::style::card_fqdn(node)
        );
        Some(marks_tip.map_or_else(|| name.clone(), |m| format!("{name}\n{m}")))
    };
    if state.gesture == Gesture::Idle
        && let Some(tip) = tip
    {
        response = response.on_hover_text(tip);
    }
    let role_name = view
        .catalog
        .role(&node.role)
        .map_or("", |r| r.name.en.as_str());
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("{}, {role_name}", node.label),
        )
    });
    let linking_from_here = matches!(&state.gesture, Gesture::Link { from, .. } if from == id);
    let handle_center = geometry::handle_pos(rect);
    // The link handle exists where it can be seen, or while a link is being drawn from it.
    let handle = (detail || linking_from_here).then(|| {
        let handle_rect =
            Rect::from_center_size(handle_center, Vec2::splat(theme::HANDLE_RADIUS * 2.5));
        let handle = ui.interact(
            handle_rect,
            ui.scope_id().with(("handle", id)),
            Sense::drag(),
        );
        let lang = crate::ui::text::lang(ui.ctx());
        handle.widget_info(|| {
            let info = crate::i18n::trf(lang, "canvas.link_from", &[("node", &node.label)]);
            egui::WidgetInfo::labeled(egui::Role::Button, true, info)
        });
        paint::handle(
            ui.painter(),
            handle_center,
            handle.hovered() || handle.dragged(),
        );
        handle
    });
    gestures::node_gestures(
        ui,
        view,
        state,
        selection,
        commands,
        (id, selected, handle_center),
        (&response, handle.as_ref()),
    );
}
