//! Zoom and fit: the levels the zoom steps through, the lowest zoom a plan needs, and the view
//! that frames the cards. `scene_rect` is what `egui::Scene` shows; zoom is screen points per
//! canvas unit.

use eframe::egui::{Pos2, Rect, Vec2};

use super::{CanvasState, LinkShapes};
use crate::ui::Selection;

/// Highest zoom: beyond it text turns blurry and a card fills the window.
pub const MAX_ZOOM: f32 = 4.0;
/// Lowest zoom of a plan that fits anyway at this zoom (the old fixed minimum).
const MIN_ZOOM_CAP: f32 = 0.1;
/// Screen points kept free around the cards when fitting.
const FIT_MARGIN: f32 = 16.0;
/// Screen points at the top of the canvas where the zone titles sit.
pub const TITLE_STRIP: f32 = 24.0;
/// Fitting never zooms in past 100%: a small plan is shown at its natural size.
const FIT_MAX: f32 = 1.0;
/// The steps of Zoom in / Zoom out (about 10-25% apart; below 10%, 20% apart).
const STEPS: [f32; 21] = [
    0.1, 0.15, 0.2, 0.25, 0.33, 0.4, 0.5, 0.6, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75,
    2.0, 2.5, 3.0, 4.0,
];

/// The zoom at which `content` fills `outer` (the canvas on screen) with a margin, at most 100%.
pub fn fit_zoom(content: Rect, outer: Rect) -> f32 {
    let room = outer.size() - Vec2::new(2.0 * FIT_MARGIN, 2.0 * FIT_MARGIN + TITLE_STRIP);
    let zoom = (room.x / content.width().max(1.0)).min(room.y / content.height().max(1.0));
    zoom.clamp(1.0e-4, FIT_MAX)
}

/// The lowest zoom allowed: 10%, or less for a plan that needs less to fit (half its fit zoom,
/// so it can be seen whole with room around it).
pub fn min_zoom(content: Option<Rect>, outer: Rect) -> f32 {
    let fit = content.map_or(MIN_ZOOM_CAP, |c| fit_zoom(c, outer));
    (fit * 0.5).min(MIN_ZOOM_CAP)
}

/// The scene rect that shows `content` whole, centred below the zone titles.
pub fn fit(content: Rect, outer: Rect) -> Rect {
    let zoom = fit_zoom(content, outer);
    let below_titles = Vec2::new(0.0, TITLE_STRIP / 2.0) / zoom;
    Rect::from_center_size(content.center() - below_titles, outer.size() / zoom)
}

/// The scene rect at `zoom` around the same centre.
pub fn zoom_to(scene_rect: Rect, outer: Rect, zoom: f32) -> Rect {
    Rect::from_center_size(scene_rect.center(), outer.size() / zoom)
}

/// The next zoom step in (`in_` true) or out from `zoom`.
pub fn step(zoom: f32, in_: bool) -> f32 {
    if in_ && zoom * 1.25 < STEPS[0] {
        // Below the table (a large plan's minimum), steps of 25% as when zooming out.
        zoom * 1.25
    } else if in_ {
        STEPS
            .iter()
            .copied()
            .find(|&s| s > zoom * 1.01)
            .unwrap_or(MAX_ZOOM)
    } else {
        STEPS
            .iter()
            .rev()
            .copied()
            .find(|&s| s < zoom / 1.01)
            .unwrap_or(zoom / 1.25)
    }
}

/// The zoom as the toolbar shows it: whole percents, with a decimal or two below 1% (a very
/// large plan fits at a fraction of a percent, which "0%" would hide).
pub fn percent_text(zoom: f32) -> String {
    let percent = zoom * 100.0;
    if percent >= 0.995 {
        format!("{percent:.0}%")
    } else if percent >= 0.0995 {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.2}%")
    }
}

/// A typed zoom: "150", "150%" or "150 %" is 1.5; `None` for anything else.
pub fn parse_percent(text: &str) -> Option<f32> {
    let number = text.trim().trim_end_matches('%').trim();
    let percent: f32 = number.parse().ok()?;
    (percent.is_finite() && percent > 0.0).then_some(percent / 100.0)
}

/// Frame the cards, the "Any" peers and the link labels, not the empty zone bands around them.
pub(super) fn fit_view(
    state: &mut CanvasState,
    content: Option<Rect>,
    links: &LinkShapes,
    outer: Rect,
) {
    let Some(cards) = content else {
        state.scene_rect = fit(
            Rect::from_min_size(Pos2::ZERO, Vec2::new(900.0, 600.0)),
            outer,
        );
        return;
    };
    let framed = links
        .shapes
        .iter()
        .chain(links.peer_links.iter().map(|l| &l.shape))
        .fold(cards, |r, shape| r.union(shape.extent));
    let framed = links.peers.iter().fold(framed, |r, p| r.union(p.rect));
    state.scene_rect = fit(framed, outer);
}

/// Apply the zoom asked for (100%, a step, a typed zoom) before drawing.
pub(super) fn apply_requests(state: &mut CanvasState, outer: Rect, min: f32) {
    if outer.width() <= 1.0 || outer.height() <= 1.0 {
        return;
    }
    if std::mem::take(&mut state.zoom_reset_pending) {
        state.zoom_request = Some(1.0);
    }
    if let Some(zoom) = state.zoom_request.take() {
        state.scene_rect = zoom_to(state.scene_rect, outer, zoom.clamp(min, MAX_ZOOM));
    }
}

/// Pan (keeping the zoom) so that the cards of a new selection are in view, when none of them
/// is: a rule picked in the table or a trainer step between two cards off screen left the
/// user looking at nothing. A selection made on the canvas is in view already.
pub fn reveal_selection(state: &mut CanvasState, plan: &crate::plan::Plan, selection: &Selection) {
    if state.seen_selection.as_ref() == Some(selection) {
        return;
    }
    state.seen_selection = Some(selection.clone());
    let link = selection.link.iter().flat_map(|(a, b)| [a, b]);
    let peer = selection.peer_link.iter().map(|p| &p.node);
    let cards: Vec<Rect> = (selection.nodes.iter().chain(link).chain(peer))
        .filter_map(|id| plan.nodes.get(id))
        .map(|node| super::geometry::card_rect(node, Vec2::ZERO))
        .collect();
    let view = state.scene_rect;
    if cards.is_empty() || !view.is_positive() || cards.iter().any(|c| view.intersects(*c)) {
        return;
    }
    // All of them when they fit, else the first.
    let all = cards
        .iter()
        .copied()
        .reduce(Rect::union)
        .unwrap_or(cards[0]);
    let target = if view.size().x >= all.width() && view.size().y >= all.height() {
        all
    } else {
        cards[0]
    };
    state.scene_rect = view.translate(target.center() - view.center());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_fine_and_go_both_ways() {
        assert!((step(1.0, true) - 1.1).abs() < 1e-6);
        assert!((step(1.0, false) - 0.9).abs() < 1e-6);
        // Between steps, the next one in that direction.
        assert!((step(0.84, true) - 0.9).abs() < 1e-6);
        assert!((step(0.84, false) - 0.8).abs() < 1e-6);
        // Every step is at most 50% (the coarsest, at the bottom) and mostly 10-25%.
        for w in STEPS.windows(2) {
            assert!(w[1] / w[0] <= 1.51, "{w:?}");
        }
        // Below the table a plan-dependent minimum still has steps.
        assert!((step(0.05, false) - 0.04).abs() < 1e-6);
        assert!((step(0.04, true) - 0.05).abs() < 1e-6);
        assert!((step(0.09, true) - 0.1).abs() < 1e-6);
        assert!((step(4.0, true) - MAX_ZOOM).abs() < 1e-6);
    }

    #[test]
    fn the_minimum_zoom_lets_any_plan_fit() {
        let outer = Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 500.0));
        let small = Rect::from_min_size(Pos2::ZERO, Vec2::new(900.0, 500.0));
        assert!((min_zoom(Some(small), outer) - MIN_ZOOM_CAP).abs() < 1e-6);
        let huge = Rect::from_min_size(Pos2::ZERO, Vec2::new(60_000.0, 20_000.0));
        let fit = fit_zoom(huge, outer);
        assert!(min_zoom(Some(huge), outer) < fit, "{fit}");
        // The fitted view holds the content.
        let view = super::fit(huge, outer);
        assert!(view.expand(1.0).contains_rect(huge), "{view:?}");
    }

    #[test]
    fn card_titles_stay_readable_wherever_cards_show_text() {
        let detail = crate::ui::theme::DETAIL_ZOOM;
        for i in 0..=100 {
            let zoom = detail + (1.2 - detail) * i as f32 / 100.0;
            let size = crate::ui::theme::card_title_size(zoom);
            assert!(
                size * zoom >= crate::ui::theme::MIN_TITLE_PX,
                "{zoom}: {size}"
            );
            if zoom >= 0.8 {
                assert!(
                    (size - 14.0).abs() < 1e-6,
                    "the natural size where it is readable"
                );
            }
        }
    }

    #[test]
    fn typed_percentages() {
        assert_eq!(parse_percent("150"), Some(1.5));
        assert_eq!(parse_percent(" 75 % "), Some(0.75));
        assert_eq!(parse_percent("abc"), None);
        assert_eq!(parse_percent("-5"), None);
        assert_eq!(parse_percent("0"), None);
    }

    #[test]
    fn a_zoom_below_one_percent_is_shown_with_decimals_and_reads_back() {
        assert_eq!(percent_text(1.5), "150%");
        assert_eq!(percent_text(0.6), "60%");
        assert_eq!(percent_text(0.00999), "1%");
        assert_eq!(percent_text(0.004), "0.4%");
        assert_eq!(percent_text(0.0004), "0.04%");
        for zoom in [0.0004, 0.004, 0.6, 1.5] {
            let back = parse_percent(&percent_text(zoom)).expect("a percentage");
            assert!((back - zoom).abs() <= zoom * 0.01, "{zoom} -> {back}");
        }
    }
}
