//! What sits on top of the canvas in screen space, above the cards: the zone titles along the
//! top edge (readable at any zoom, wherever the view is) and the minimap.

use eframe::egui::{self, Align2, FontId, LayerId, Pos2, Rect, UiBuilder, Vec2};

use super::CanvasState;
use super::view::TITLE_STRIP;
use crate::plan::Plan;
use crate::plan::layout::{INTERNAL_X, PERIMETER_X};
use crate::ui::minimap::{self, Map};
use crate::ui::theme;

/// Draw the overlay in a layer of its own just above the canvas's (so the minimap takes the
/// clicks over it); `content` is the bounding box of the cards and the `peers`' cards.
pub(super) fn overlay_ui(
    ui: &mut egui::Ui,
    (plan, peers): (&Plan, &[super::links::PeerCard]),
    state: &mut CanvasState,
    selection: &mut crate::ui::Selection,
    content: Option<Rect>,
) {
    let outer = state.screen_rect;
    let layer = LayerId::new(ui.layer_id().order, ui.scope_id().with("canvas_overlay"));
    // Called after the Scene registered its layer: ours comes after it, so on top.
    ui.ctx().set_sublayer(ui.layer_id(), layer);
    let mut overlay = ui.new_child(UiBuilder::new().layer_id(layer).max_rect(outer));
    overlay.set_clip_rect(outer.intersect(ui.clip_rect()));
    let y = outer.top() + TITLE_STRIP / 2.0;
    let names = super::firewalls::names_ui(&overlay, plan, state, selection, y);
    zone_titles(&overlay, state, outer, &names);
    state.minimap = None;
    let visible = state.to_screen.inverse() * outer;
    let Some(content) = content else {
        return;
    };
    if visible.contains_rect(content) {
        return;
    }
    let world = minimap::world(content, visible);
    let map = Map {
        world,
        rect: minimap::placement(world, outer),
    };
    state.minimap = Some(map);
    if let Some(target) = minimap::minimap_ui(&mut overlay, (plan, peers), map, visible) {
        state.scene_rect = state.scene_rect.translate(target - visible.center());
        ui.ctx().request_repaint();
    }
}

/// The legend line of the links' colours while port-test results are loaded, at the canvas's
/// bottom left: a label, so it reads as text (and a test can find it).
pub(super) fn port_test_legend(ui: &mut egui::Ui, outer: Rect) {
    use crate::porttest::results::Status;
    let lang = crate::ui::text::lang(ui.ctx());
    let rect = Rect::from_min_max(
        Pos2::new(outer.left() + 8.0, outer.bottom() - 28.0),
        Pos2::new(outer.right() - 8.0, outer.bottom() - 4.0),
    );
    let mut line = ui.new_child(UiBuilder::new().max_rect(rect));
    line.horizontal(|ui| {
        ui.label(crate::i18n::tr(lang, "legend.port_tests"));
        for (status, key) in [
            (Status::Passed, "legend.port_test_passed"),
            (Status::Failed, "legend.port_test_failed"),
            (Status::Untested, "legend.port_test_untested"),
        ] {
            ui.colored_label(
                theme::port_test(status),
                format!("— {}", crate::i18n::tr(lang, key)),
            );
        }
    });
}

/// Each zone's title centred in the part of its band in view and clear of the firewalls'
/// names, in the strip along the top.
fn zone_titles(ui: &egui::Ui, state: &CanvasState, outer: Rect, names: &[Rect]) {
    let lang = crate::ui::text::lang(ui.ctx());
    let painter = ui.painter();
    let far = 1.0e7;
    let bands = [
        (-far, PERIMETER_X, "zone.internet"),
        (PERIMETER_X, INTERNAL_X, "zone.perimeter"),
        (INTERNAL_X, far, "zone.internal"),
    ];
    let y = outer.top() + TITLE_STRIP / 2.0;
    for (left, right, key) in bands {
        let to_x = |x: f32| (state.to_screen * Pos2::new(x, 0.0)).x;
        let (mut l, mut r) = (to_x(left).max(outer.left()), to_x(right).min(outer.right()));
        for pill in names {
            if pill.center().x <= f32::midpoint(l, r) {
                l = l.max(pill.right());
            } else {
                r = r.min(pill.left());
            }
        }
        let title = crate::i18n::tr(lang, key);
        let galley = painter.layout_no_wrap(
            title.to_owned(),
            FontId::proportional(14.0),
            theme::ZONE_TITLE,
        );
        if r - l < galley.size().x + 16.0 {
            continue;
        }
        let at = Pos2::new(f32::midpoint(l, r), y);
        let pill = Rect::from_center_size(at, galley.size() + Vec2::new(14.0, 4.0));
        painter.rect_filled(pill, 8.0, theme::ZONE_TITLE_FILL);
        painter.galley(
            Align2::CENTER_CENTER.anchor_size(at, galley.size()).min,
            galley,
            theme::ZONE_TITLE,
        );
    }
}
