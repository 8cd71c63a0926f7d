//! Drawing the canvas: zone bands, cards, links with port labels, ghost links. No interaction.

use eframe::egui::{
    self, Align2, Color32, CornerRadius, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke,
    StrokeKind, Vec2,
};

use crate::catalog::Catalog;
use crate::diagram::style;
use crate::plan::Node;
use crate::plan::layout::{INTERNAL_X, PERIMETER_X};
use crate::topology::Zone;
use crate::ui::theme;

/// Canvas units per screen point when zoomed out, 1 otherwise: dashes and hairlines keep their
/// on-screen size instead of turning into hundreds of sub-pixel segments.
fn zoomed_out(scaling: f32) -> f32 {
    (1.0 / scaling.max(0.01)).max(1.0)
}

/// The three zone bands behind everything, over the visible area and beyond the content; their
/// top and bottom. The firewalls on their boundaries are drawn next (`firewalls.rs`), their
/// titles on top of the canvas (`overlay.rs`).
pub fn bands(painter: &Painter, content: Rect) -> (f32, f32) {
    let visible = painter.clip_rect();
    let top = visible.top().min(content.top() - 120.0);
    let bottom = visible.bottom().max(content.bottom() + 120.0);
    let far = 1.0e5;
    let bands = [
        (Zone::Internet, -far, PERIMETER_X),
        (Zone::Perimeter, PERIMETER_X, INTERNAL_X),
        (Zone::Internal, INTERNAL_X, far),
    ];
    for (zone, left, right) in bands {
        painter.rect_filled(
            Rect::from_x_y_ranges(left..=right, top..=bottom),
            0.0,
            theme::zone_fill(zone),
        );
    }
    (top, bottom)
}

/// How a card is marked.
#[derive(Clone, Copy, Debug, Default)]
pub struct CardMarks {
    /// Selected: highlighted outline.
    pub selected: bool,
    /// Has an error finding: red dot.
    pub has_error: bool,
}

/// One node card; its title `title` canvas units high (see [`theme::card_title_size`]).
pub fn card(
    painter: &Painter,
    catalog: &Catalog,
    node: &Node,
    (rect, title): (Rect, f32),
    marks: CardMarks,
) {
    let CardMarks {
        selected,
        has_error,
    } = marks;
    let (accent, tag) = theme::role_style(&node.role);
    let stroke = if selected {
        Stroke::new(2.5, theme::SELECTED)
    } else {
        Stroke::new(1.0, theme::CARD_STROKE)
    };
    painter.rect(
        rect,
        CornerRadius::same(6),
        theme::CARD_FILL,
        stroke,
        StrokeKind::Inside,
    );
    if node.role == "edge" {
        // The Edge straddles the perimeter: external side left, internal side right.
        let strip = 6.0;
        painter.rect_filled(
            Rect::from_min_size(rect.min, Vec2::new(strip, rect.height())),
            0.0,
            theme::zone_fill_strong(Zone::Internet),
        );
        painter.rect_filled(
            Rect::from_min_size(
                Pos2::new(rect.right() - strip, rect.top()),
                Vec2::new(strip, rect.height()),
            ),
            0.0,
            theme::zone_fill_strong(Zone::Internal),
        );
    }
    let beside = tag_icon(painter, rect, (tag, accent), 4);
    let text_left = beside.x;
    let width = rect.right() - text_left - 8.0;
    painter.text(
        beside,
        Align2::LEFT_CENTER,
        style::clip(&node.label, width, title),
        FontId::proportional(title),
        Color32::WHITE,
    );
    painter.text(
        rect.min + Vec2::new(10.0, 44.0),
        Align2::LEFT_CENTER,
        style::clip(
            if node.fqdn.is_empty() {
                crate::i18n::tr(crate::ui::text::lang(painter.ctx()), "canvas.no_fqdn")
            } else {
                &node.fqdn
            },
            rect.width() - 20.0,
            11.5,
        ),
        FontId::proportional(11.5),
        theme::WEAK_TEXT,
    );
    painter.text(
        rect.min + Vec2::new(10.0, 64.0),
        Align2::LEFT_CENTER,
        style::clip(
            &style::card_badge_in(catalog, node, crate::ui::text::lang(painter.ctx())),
            rect.width() - 20.0,
            11.5,
        ),
        FontId::proportional(11.5),
        theme::WEAK_TEXT,
    );
    if has_error {
        painter.circle_filled(
            Pos2::new(rect.right() - 10.0, rect.top() + 10.0),
            5.0,
            theme::PROBLEM,
        );
    }
}

/// A zoomed-out card's name in white, centred, wrapped on at most two rows at about
/// [`theme::OUTLINE_NAME_PX`] on screen, where the box is tall and wide enough for a row: at a
/// plan's fit (two sites at 1280x800 fit at 30%) coloured boxes without names told a reader
/// nothing.
pub fn outline_name(painter: &Painter, name: &str, rect: Rect, scaling: f32) {
    let Some(size) = theme::outline_name_size(scaling) else {
        return;
    };
    let row = size * 1.1;
    let rows = ((rect.height() - 0.2 * size) / row).floor().min(2.0);
    if rows < 1.0 || rect.width() * scaling < 28.0 {
        return;
    }
    let mut job = egui::text::LayoutJob::simple(
        crate::escape::one_line(name),
        FontId::proportional(size),
        Color32::WHITE,
        rect.width() - 0.4 * size,
    );
    // One or two rows by the test above.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "1 or 2"
    )]
    let max_rows = rows as usize;
    job.wrap.max_rows = max_rows;
    job.wrap.overflow_character = Some('…');
    job.halign = egui::Align::Center;
    let galley = painter.layout_job(job);
    let at = Pos2::new(rect.center().x, rect.center().y - galley.size().y / 2.0);
    painter.galley(at, galley, Color32::WHITE);
}

/// A label's leader to its link: thin, dashed and grey, a dot where it meets the link.
pub fn leader(painter: &Painter, from: Pos2, to: Pos2) {
    let stroke = Stroke::new(1.2, theme::LEADER);
    painter.extend(egui::Shape::dashed_line(&[from, to], stroke, 3.0, 3.0));
    painter.circle_filled(to, 3.0, theme::LEADER);
}

/// A card zoomed out too far to read: a box in the role's colour, outlined when selected or
/// in error; `scaling` keeps the outline visible on screen. Plain boxes go into `boxes`, one
/// mesh for all of them (see [`overview_line`]).
pub fn card_outline(
    painter: &Painter,
    boxes: &mut Mesh,
    node: &Node,
    rect: Rect,
    marks: CardMarks,
    scaling: f32,
) {
    let (accent, _) = theme::role_style(&node.role);
    let px = zoomed_out(scaling);
    let stroke = if marks.selected {
        Stroke::new(2.5 * px, theme::SELECTED)
    } else if marks.has_error {
        Stroke::new(2.0 * px, theme::PROBLEM)
    } else {
        boxes.add_colored_rect(rect, accent);
        return;
    };
    painter.rect(
        rect,
        CornerRadius::same(6),
        accent,
        stroke,
        StrokeKind::Inside,
    );
}

/// A link zoomed out, `width` wide, into `lines`: one mesh for every line in view, each line
/// four triangles fading from its colour on its axis to transparent `width` to either side (as
/// anti-aliased as a stroke, whose tessellation is ten triangles). The software renderer keeps
/// a record per triangle for the frame: at 2,000 nodes the overview's 400 strokes were 4,000
/// of the window's 14,000 triangles and about 1 MiB at the memory peak.
pub fn overview_line(lines: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let side = (b - a).normalized().rot90() * width;
    let Ok(first) = u32::try_from(lines.vertices.len()) else {
        return;
    };
    for end in [a, b] {
        lines.colored_vertex(end + side, Color32::TRANSPARENT);
        lines.colored_vertex(end, color);
        lines.colored_vertex(end - side, Color32::TRANSPARENT);
    }
    for k in [first, first + 1] {
        lines.add_triangle(k, k + 1, k + 3);
        lines.add_triangle(k + 1, k + 4, k + 3);
    }
}

/// A link along `points` (first and last on card borders), with arrowheads where traffic
/// arrives.
pub fn link(painter: &Painter, points: &[Pos2], arrows: (bool, bool), color: Color32, width: f32) {
    let [a, .., b] = points else { return };
    let (a, b) = (*a, *b);
    painter.add(Shape::line(points.to_vec(), Stroke::new(width, color)));
    let dir = (b - points[points.len() - 2]).normalized();
    let dir_a = (points[1] - a).normalized();
    let head = |tip: Pos2, d: Vec2| {
        let back = tip - d * 12.0;
        let side = Vec2::new(-d.y, d.x) * 5.0;
        painter.add(Shape::convex_polygon(
            vec![tip, back + side, back - side],
            color,
            Stroke::NONE,
        ));
    };
    if arrows.0 {
        head(b, dir);
    }
    if arrows.1 {
        head(a, -dir_a);
    }
}

/// A dashed suggestion for a missing link, along `points`.
pub fn ghost(painter: &Painter, points: &[Pos2], scaling: f32) {
    let k = zoomed_out(scaling);
    painter.add(Shape::dashed_line(
        points,
        Stroke::new(2.0 * k, theme::PROBLEM),
        10.0 * k,
        6.0 * k,
    ));
}

/// The port label box `rect` (placed by [`super::links`]).
pub fn label(painter: &Painter, rect: Rect, text: &str, highlighted: bool) {
    let galley = painter.layout_no_wrap(
        text.to_owned(),
        FontId::monospace(crate::diagram::layout::LABEL_FONT),
        Color32::WHITE,
    );
    let stroke = if highlighted {
        Stroke::new(2.0, theme::SELECTED)
    } else {
        Stroke::new(1.0, theme::CARD_STROKE)
    };
    painter.rect(
        rect,
        CornerRadius::same(4),
        theme::LABEL_FILL,
        stroke,
        StrokeKind::Inside,
    );
    painter.galley(rect.min + Vec2::new(6.0, 3.0), galley, Color32::WHITE);
}

/// The size of a port label box.
pub fn label_size(painter: &Painter, text: &str) -> Vec2 {
    painter
        .layout_no_wrap(
            text.to_owned(),
            FontId::monospace(crate::diagram::layout::LABEL_FONT),
            Color32::WHITE,
        )
        .size()
        + Vec2::new(12.0, 6.0)
}

/// A stored bend of a link: a small square `side` canvas units wide, grabbed to move it.
pub fn bend(painter: &Painter, center: Pos2, side: f32) {
    painter.rect(
        Rect::from_center_size(center, Vec2::splat(side)),
        CornerRadius::ZERO,
        theme::SELECTED,
        Stroke::new(1.0, Color32::WHITE),
        StrokeKind::Middle,
    );
}

/// The link handle on a card.
pub fn handle(painter: &Painter, center: Pos2, hovered: bool) {
    let fill = if hovered {
        theme::SELECTED
    } else {
        theme::CARD_STROKE
    };
    painter.circle(
        center,
        theme::HANDLE_RADIUS,
        fill,
        Stroke::new(1.0, Color32::WHITE),
    );
}

/// The rubber band.
pub fn rubber_band(painter: &Painter, rect: Rect) {
    painter.rect(
        rect,
        0.0,
        theme::RUBBER_BAND,
        Stroke::new(1.0, theme::SELECTED),
        StrokeKind::Inside,
    );
}

/// Tooltip body listing a link's rules with directions and why.
pub fn rules_tooltip(ui: &mut egui::Ui, rules: &[&crate::rules::Rule]) {
    ui.set_max_width(520.0);
    let lang = crate::ui::text::lang(ui.ctx());
    for r in rules {
        ui.label(egui::RichText::new(r.summary_in(lang)).strong());
        ui.label(egui::RichText::new(r.notes().get(lang)).small());
    }
}

/// A card's role tag at its top left, in `color` with corners of `radius`; returns where the
/// title beside it starts (left, vertically centred on the tag).
pub fn tag_icon(painter: &Painter, card: Rect, (tag, color): (&str, Color32), radius: u8) -> Pos2 {
    let icon = Rect::from_min_size(card.min + Vec2::new(10.0, 10.0), Vec2::new(40.0, 22.0));
    painter.rect_filled(icon, CornerRadius::same(radius), color);
    painter.text(
        icon.center(),
        Align2::CENTER_CENTER,
        tag,
        FontId::proportional(11.0),
        Color32::WHITE,
    );
    Pos2::new(icon.right() + 8.0, icon.center().y)
}

#[cfg(test)]
mod tests {
    use eframe::egui::{Color32, Mesh, Pos2};

    /// A zoomed-out line covers what a stroke of its width covers: its colour on its axis,
    /// fading to nothing `width` to either side, end to end, in four triangles.
    #[test]
    fn an_overview_line_is_a_band_fading_to_both_sides() {
        let mut mesh = Mesh::default();
        let (start, end, width) = (Pos2::new(0.0, 0.0), Pos2::new(10.0, 0.0), 2.0);
        super::overview_line(&mut mesh, start, end, width, Color32::RED);
        super::overview_line(&mut mesh, end, start, width, Color32::RED);
        assert_eq!(mesh.indices.len(), 2 * 4 * 3);
        assert!(
            mesh.indices
                .iter()
                .all(|&i| (i as usize) < mesh.vertices.len())
        );
        let near = |x: f32, y: f32| (x - y).abs() < 1e-6;
        for v in &mesh.vertices {
            let solid = v.color == Color32::RED;
            assert!(
                near(v.pos.y.abs(), if solid { 0.0 } else { width }),
                "{v:?}"
            );
            assert!(near(v.pos.x, 0.0) || near(v.pos.x, 10.0), "{v:?}");
            assert!(solid || v.color == Color32::TRANSPARENT);
        }
        // Each triangle has one side on the axis and a corner on an edge: half of 10 x 2.
        for t in mesh.indices.chunks(3) {
            let [p0, p1, p2] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
            let (u, w) = (p1 - p0, p2 - p0);
            let area = (u.x * w.y - u.y * w.x).abs() / 2.0;
            assert!((area - 10.0).abs() < 1e-4, "{area}");
        }
    }
}
