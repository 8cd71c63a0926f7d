//! A canvas that owns the window: panels that hide and remember, fit that frames the cards at a
//! readable size, the zoom field and its steps, F for plans of any size, the minimap.

use eframe::egui::{self, Key, Modifiers, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::plan::layout::{CARD_HEIGHT, CARD_WIDTH};
use lync_port_planner::ui::canvas::{DETAIL_ZOOM, card_title_size};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, PlannerApp};
use lync_port_planner::{generate, plan_file};

use crate::support::{catalog, root, temp_dir};
use crate::ui::{click_at, drag};

/// The app in a window of `size` points.
fn window(options: AppOptions, size: Vec2) -> Harness<'static, PlannerApp> {
    let app = PlannerApp::new(options).expect("app starts");
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut PlannerApp| app.contents_ui(ui), app);
    h.run();
    h
}

const SMALL: Vec2 = Vec2::new(1280.0, 800.0);

/// The smallest link label text on screen, in pixels, at fit: monospaced digits of 9 px (about
/// 5.4 px wide, 6.5 px tall) are the smallest that read without squinting on a 96 dpi screen,
/// and port lists are digits.
const MIN_LABEL_PX: f32 = 9.0;

/// The cards' bounding box on screen.
fn cards_on_screen(h: &Harness<'_, PlannerApp>) -> Rect {
    let canvas = &h.state().canvas;
    h.state()
        .plan()
        .nodes
        .values()
        .map(|n| {
            let c = canvas.to_screen_pos(n.position);
            let half = Vec2::new(CARD_WIDTH, CARD_HEIGHT) * canvas.zoom() / 2.0;
            Rect::from_center_size(c, half * 2.0)
        })
        .reduce(Rect::union)
        .expect("cards")
}

/// The card title's size on screen: its font size in canvas units at this zoom, times the zoom.
fn title_px(h: &Harness<'_, PlannerApp>) -> f32 {
    let zoom = h.state().canvas.zoom();
    card_title_size(zoom) * zoom * h.ctx.pixels_per_point()
}

/// The smallest on-screen size (pixels) of the text of the link labels as painted: each
/// label's text found among the frame's monospaced text shapes on the canvas, its font size in
/// canvas units times the zoom. Panics when a label on the canvas was not painted.
fn label_px(h: &Harness<'_, PlannerApp>, what: &str) -> f32 {
    let canvas = h.state().canvas.screen_rect;
    let to_screen = h.state().canvas.to_screen;
    let shapes = &h.state().link_shapes;
    let labels: Vec<&str> = shapes
        .shapes
        .iter()
        .chain(shapes.peer_links.iter().map(|l| &l.shape))
        .filter(|s| canvas.contains_rect(to_screen * s.label))
        .map(|s| s.text.as_str())
        .collect();
    assert!(!labels.is_empty(), "{what}: no labels on the canvas");
    let mut painted: Vec<(String, f32, f32)> = Vec::new();
    let mut texts = vec![];
    for clipped in &h.output().shapes {
        texts.clear();
        collect_texts(&clipped.shape, &mut texts);
        for t in &texts {
            let Some(section) = t.galley.job.sections.first() else {
                continue;
            };
            if section.format.font_id.family == egui::FontFamily::Monospace
                && canvas.contains(t.pos)
            {
                let screen_height = t.galley.rect.height();
                painted.push((
                    t.galley.job.text.clone(),
                    section.format.font_id.size,
                    screen_height,
                ));
            }
        }
    }
    let zoom = h.state().canvas.zoom();
    let ppp = h.ctx.pixels_per_point();
    labels
        .iter()
        .map(|text| {
            let (_, size, screen_height) = painted
                .iter()
                .find(|(t, _, _)| t == text)
                .unwrap_or_else(|| panic!("{what}: label {text:?} not painted"));
            let px = size * zoom * ppp;
            // The painted galley was scaled by the zoom: its line is at least the font tall.
            assert!(
                screen_height * ppp >= px * 0.99,
                "{what}: {text:?} {screen_height} < {px}"
            );
            px
        })
        .fold(f32::INFINITY, f32::min)
}

fn collect_texts<'a>(shape: &'a egui::Shape, out: &mut Vec<&'a egui::epaint::TextShape>) {
    match shape {
        egui::Shape::Text(t) => out.push(t),
        egui::Shape::Vec(v) => v.iter().for_each(|s| collect_texts(s, out)),
        _ => {}
    }
}

/// Every card (and "Any" peer card) inside the canvas, and the cards spanning most of it one
/// way (fit does not leave half the canvas blank).
fn assert_framed(h: &Harness<'_, PlannerApp>, what: &str) {
    let canvas = h.state().canvas.screen_rect;
    let to_screen = h.state().canvas.to_screen;
    let shapes = &h.state().link_shapes;
    let cards = shapes
        .peers
        .iter()
        .fold(cards_on_screen(h), |r, p| r.union(to_screen * p.rect));
    assert!(
        canvas.expand(0.5).contains_rect(cards),
        "{what}: cards {cards:?} outside the canvas {canvas:?}"
    );
    // Fit frames the cards and the link labels the layout places beside them.
    let content = shapes
        .shapes
        .iter()
        .chain(shapes.peer_links.iter().map(|l| &l.shape))
        .fold(cards, |r, s| r.union(to_screen * s.label));
    let filled = (content.width() / canvas.width()).max(content.height() / canvas.height());
    let at_most_100 = (h.state().canvas.zoom() - 1.0).abs() < 0.01;
    assert!(
        filled > 0.75 || at_most_100,
        "{what}: the cards fill {filled:.2} of the canvas {canvas:?}"
    );
}

#[test]
fn the_fitted_seed_plan_is_readable_at_1280x800_and_the_canvas_is_most_of_the_window() {
    let h = window(AppOptions::default(), SMALL);
    let px = title_px(&h);
    assert!(px >= 11.0, "card title {px:.1} px at fit");
    let canvas = h.state().canvas.screen_rect;
    let share = canvas.area() / (SMALL.x * SMALL.y);
    eprintln!(
        "seed at 1280x800: canvas {:.0}x{:.0} ({:.0}% of the window), zoom {:.0}%, card title {px:.1} px",
        canvas.width(),
        canvas.height(),
        share * 100.0,
        h.state().canvas.zoom() * 100.0
    );
    // The palette, the inspector and the rule table are all open, and the canvas is the
    // largest part of the window: 60% of its width, over 40% of its area.
    assert!(h.query_by_label("Director pool").is_some(), "palette open");
    assert!(
        h.query_by_label_contains("Findings").is_some(),
        "findings open"
    );
    assert!(h.query_by_label("By firewall").is_some(), "rule table open");
    assert!(canvas.width() >= 0.6 * SMALL.x, "{canvas:?}");
    assert!(share >= 0.4, "{share}");
    assert_framed(&h, "seed");
}

#[test]
fn every_example_plan_of_up_to_15_nodes_fits_readable_at_1280x800() {
    let mut checked = 0;
    let mut unreadable = Vec::new();
    for entry in std::fs::read_dir(root().join("saved-plans")).unwrap() {
        let path = entry.unwrap().path();
        let plan = plan_file::load(&path, &catalog()).unwrap();
        if plan.nodes.len() > 15 {
            continue;
        }
        let h = window(
            AppOptions {
                plan: Some(path.clone()),
                ..AppOptions::default()
            },
            SMALL,
        );
        let what = path.display().to_string();
        let px = title_px(&h);
        let label = label_px(&h, &what);
        eprintln!(
            "{what}: zoom {:.0}%, card title {px:.1} px, link labels {label:.1} px",
            h.state().canvas.zoom() * 100.0
        );
        if px < 11.0 || label < MIN_LABEL_PX {
            unreadable.push(format!(
                "{what}: card title {px:.1} px, link labels {label:.1} px"
            ));
        }
        assert_framed(&h, &what);
        checked += 1;
    }
    assert!(checked >= 5, "{checked} plans");
    assert!(unreadable.is_empty(), "{unreadable:#?}");
}

#[test]
fn panels_hide_and_show_by_toolbar_and_shortcut_and_are_remembered() {
    let prefs = temp_dir().join("prefs.ron");
    let options = || AppOptions {
        prefs_path: Some(prefs.clone()),
        ..AppOptions::default()
    };
    let mut h = window(options(), SMALL);
    let full = h.state().canvas.screen_rect;

    // The toolbar's "Roles" hides the palette: the canvas grows to the left.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Roles")
        .click();
    h.run();
    assert!(
        h.query_by_label("Director pool").is_none(),
        "palette hidden"
    );
    let wider = h.state().canvas.screen_rect;
    assert!(wider.left() < full.left() - 100.0, "{full:?} -> {wider:?}");
    // Ctrl+I hides the inspector and findings, Ctrl+J the rule table.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.key_press_modifiers(Modifiers::COMMAND, Key::J);
    h.run();
    let all = h.state().canvas.screen_rect;
    assert!(all.right() > wider.right() + 100.0, "{all:?}");
    assert!(all.bottom() > wider.bottom() + 100.0, "{all:?}");
    assert!(
        h.query_by_label("By firewall").is_none(),
        "rule table hidden"
    );
    // The shortcuts bring them back; the View menu's entries do the same.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.key_press_modifiers(Modifiers::COMMAND, Key::J);
    h.run();
    assert!(h.query_by_label("By firewall").is_some(), "rule table back");
    h.state_mut().push(Command::TogglePanel(
        lync_port_planner::ui::panels::PanelId::Side,
    ));
    h.run();
    let no_side = h.state().canvas.screen_rect;
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();

    // Dragging the right panel's edge 80 points left is remembered, as is the hidden palette.
    let edge = h.state().canvas.screen_rect.right() + 2.0;
    let y = h.state().canvas.screen_rect.center().y;
    drag(&mut h, Pos2::new(edge, y), Pos2::new(edge - 80.0, y));
    let narrower = h.state().canvas.screen_rect;
    assert!(
        (narrower.right() - (edge - 82.0)).abs() < 12.0,
        "dragged the edge: {narrower:?}"
    );
    let saved = std::fs::read_to_string(&prefs).unwrap();
    assert!(saved.contains("palette: false"), "{saved}");
    drop(h);

    let h = window(options(), SMALL);
    assert!(
        h.query_by_label("Director pool").is_none(),
        "the palette stays hidden"
    );
    let again = h.state().canvas.screen_rect;
    assert!(
        (again.right() - narrower.right()).abs() < 3.0,
        "the right panel keeps its width: {again:?} vs {narrower:?}"
    );
    assert!(no_side.right() > again.right());
}

#[test]
fn the_zoom_is_shown_typed_and_stepped_finely() {
    let mut h = window(AppOptions::default(), SMALL);
    let shown = format!("{:.0}%", h.state().canvas.zoom() * 100.0);
    let field = h.get_by_label("Zoom");
    assert_eq!(field.value().as_deref(), Some(shown.as_str()));
    field.focus();
    h.run();
    h.get_by_label("Zoom").type_text("150");
    h.key_press(Key::Enter);
    h.run();
    let zoom = h.state().canvas.zoom();
    assert!((zoom - 1.5).abs() < 0.005, "typed 150: {zoom}");
    assert_eq!(h.get_by_label("Zoom").value().as_deref(), Some("150%"));

    // Steps are small: 150% -> 175% -> 150% -> 125% -> 110%.
    let mut steps = Vec::new();
    for (mods, key) in [
        (Modifiers::COMMAND, Key::Plus),
        (Modifiers::COMMAND, Key::Minus),
        (Modifiers::NONE, Key::Minus),
        (Modifiers::COMMAND, Key::Minus),
    ] {
        h.key_press_modifiers(mods, key);
        h.run();
        steps.push((h.state().canvas.zoom() * 100.0).round());
    }
    assert_eq!(steps, [175.0, 150.0, 125.0, 110.0]);
    h.get_by_label_contains("Zoom out").click();
    h.run();
    assert!((h.state().canvas.zoom() - 1.0).abs() < 0.005);

    // One notch of Ctrl + wheel over the canvas zooms about 10%.
    let centre = h.state().canvas.screen_rect.center();
    h.event(egui::Event::PointerMoved(centre));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: Vec2::new(0.0, 1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
    h.run();
    let notch = h.state().canvas.zoom();
    assert!(notch > 1.03 && notch < 1.12, "one notch: {notch}");
}

/// A generated plan of `nodes` nodes, opened from a file.
fn large(nodes: usize) -> Harness<'static, PlannerApp> {
    let plan = generate::large_plan(nodes, &catalog()).unwrap();
    let path = temp_dir().join("large.ron");
    plan_file::save(&path, &plan).unwrap();
    window(
        AppOptions {
            plan: Some(path),
            ..AppOptions::default()
        },
        SMALL,
    )
}

#[test]
fn f_fits_plans_of_300_and_2000_nodes() {
    for nodes in [300, 2000] {
        let mut h = large(nodes);
        assert_framed(&h, "opened");
        h.state_mut().push(Command::SetZoom(1.0));
        h.run();
        assert!(h.state().canvas.minimap.is_some(), "{nodes}: minimap");
        h.key_press(Key::F);
        h.run();
        assert_framed(&h, &format!("{nodes} nodes after F"));
        let zoom = h.state().canvas.zoom();
        assert!(zoom < DETAIL_ZOOM, "{nodes}: boxes, not text, at {zoom}");
        if nodes == 2000 {
            assert!(zoom < 0.1, "below the old minimum: {zoom}");
        }
        assert!(
            h.state().canvas.minimap.is_none(),
            "all in view: no minimap"
        );
    }
}

#[test]
fn the_minimap_shows_a_large_view_and_a_click_or_drag_moves_it() {
    let mut h = window(AppOptions::default(), SMALL);
    assert!(
        h.state().canvas.minimap.is_none(),
        "the fitted plan needs none"
    );
    assert!(h.query_by_label_contains("Minimap").is_none());
    h.state_mut().push(Command::SetZoom(3.0));
    h.run();
    let map = h.state().canvas.minimap.expect("zoomed in: a minimap");
    assert!(h.query_by_label_contains("Minimap").is_some());
    assert!(h.state().canvas.screen_rect.contains_rect(map.rect));

    // A click moves the view's centre to the clicked place; nothing under it is selected.
    let at = map.rect.lerp_inside(Vec2::new(0.3, 0.6));
    let target = map.to_canvas(at);
    click_at(&mut h, at);
    let canvas = &h.state().canvas;
    let centre = canvas.to_screen.inverse() * canvas.screen_rect.center();
    assert!(centre.distance(target) < 2.0, "{centre:?} vs {target:?}");
    assert!(h.state().selection.is_empty());

    // A drag carries it along.
    let map = h.state().canvas.minimap.expect("still zoomed in");
    let (from, to) = (
        map.rect.lerp_inside(Vec2::new(0.3, 0.5)),
        map.rect.lerp_inside(Vec2::new(0.7, 0.5)),
    );
    let before = h.state().plan().clone();
    drag(&mut h, from, to);
    let canvas = &h.state().canvas;
    let centre = canvas.to_screen.inverse() * canvas.screen_rect.center();
    let target = h
        .state()
        .canvas
        .minimap
        .map_or(Pos2::ZERO, |m| m.to_canvas(to));
    assert!(centre.distance(target) < 30.0, "{centre:?} vs {target:?}");
    assert!(h.state().selection.is_empty());
    assert_eq!(
        h.state().plan().nodes.len(),
        before.nodes.len(),
        "no card moved or placed"
    );
    assert!(
        h.state()
            .plan()
            .nodes
            .values()
            .zip(before.nodes.values())
            .all(|(a, b)| a.position == b.position)
    );
}

/// The minimap shows the "Any" peers' cards too, and the area it maps holds them, though they
/// lie beyond the node cards (the seed's Internet peers, left of the perimeter).
#[test]
fn the_minimap_shows_the_any_peers() {
    let mut h = window(AppOptions::default(), SMALL);
    h.state_mut().push(Command::SetZoom(3.0));
    h.run();
    let map = h.state().canvas.minimap.expect("zoomed in: a minimap");
    let peers = h.state().link_shapes.peers.clone();
    let left = cards_on_screen(&h);
    let left = (h.state().canvas.to_screen.inverse() * left).left();
    assert!(
        peers.iter().any(|p| p.rect.left() < left - CARD_HEIGHT),
        "a peer reaches beyond the node cards and their margin"
    );
    for p in &peers {
        assert!(
            map.world.contains_rect(p.rect),
            "{:?} outside {:?}",
            p.id,
            map.world
        );
    }
    // Painted in the minimap: each peer as a rectangle in the peers' border colour.
    let border = egui::Color32::from_rgb(130, 150, 180);
    let mut corners = 0;
    for clipped in &h.output().shapes {
        if let egui::Shape::Mesh(mesh) = &clipped.shape {
            corners += mesh
                .vertices
                .iter()
                .filter(|v| v.color == border && map.rect.expand(1.0).contains(v.pos))
                .count();
        }
    }
    assert_eq!(corners, 4 * peers.len(), "{} peers", peers.len());
}

/// A link that runs on under the rule table does not take a click meant for the table.
#[test]
fn a_link_under_a_panel_takes_no_click() {
    let mut h = window(AppOptions::default(), SMALL);
    // The longest vertical run of a routed link, at 400% with its top at the canvas's middle:
    // it runs on below the canvas, under the rule table.
    let (shape, top, bottom) = h
        .state()
        .link_shapes
        .shapes
        .iter()
        .flat_map(|s| s.points.windows(2).map(move |w| (s, w[0], w[1])))
        .filter(|(_, a, b)| (a.x - b.x).abs() < 0.5)
        .max_by(|x, y| (x.2.y - x.1.y).abs().total_cmp(&(y.2.y - y.1.y).abs()))
        .map(|(s, a, b)| {
            (
                s.clone(),
                if a.y < b.y { a } else { b },
                if a.y < b.y { b } else { a },
            )
        })
        .expect("links");
    let size = h.state().canvas.screen_rect.size();
    h.state_mut().canvas.scene_rect = Rect::from_center_size(top, size / 4.0);
    h.run();
    let canvas = h.state().canvas.screen_rect;
    let under = (0..=100)
        .map(|i| {
            let p = top.lerp(bottom, i as f32 / 100.0);
            h.state().canvas.to_screen * p
        })
        .find(|p| p.y > canvas.bottom() + 30.0 && p.y < canvas.bottom() + 120.0)
        .expect("the link runs on under the rule table");
    click_at(&mut h, under);
    assert_eq!(h.state().selection.link, None, "clicked at {under:?}");
    // The same link's label clicked on the canvas selects it.
    h.state_mut().canvas.scene_rect = Rect::from_center_size(shape.label.center(), size / 4.0);
    h.run();
    let on = h.state().canvas.to_screen * shape.label.center();
    assert!(canvas.contains(on), "{on:?}");
    click_at(&mut h, on);
    assert_eq!(h.state().selection.link.as_ref(), Some(&shape.key));
}

/// The canvas draws the diagram's layout: every link is `diagram::layout`'s routed polyline,
/// and every label sits where `layout_with` places it with the window's texts and sizes; the
/// "Any" peers' cards and links are where the layout puts them.
#[test]
fn the_canvas_draws_the_same_layout_as_the_svg() {
    let h = window(AppOptions::default(), SMALL);
    assert!(
        h.state().link_shapes.ghosts.is_empty(),
        "the seed misses no link"
    );
    assert_same_layout(&h);
}

/// With a link the catalog requires deleted, the canvas lays out the same missing link as the
/// SVG: the ghost link on the SVG's route with its "Add link" button where the layout places
/// its label, and every other link and label as in the SVG.
#[test]
fn with_a_missing_link_the_canvas_draws_the_same_layout_as_the_svg() {
    let mut plan = crate::support::example("director-pool-dns-hlb.ron");
    plan.links
        .retain(|l| (l.a.0.as_ref(), l.b.0.as_ref()) != ("edge", "fe"));
    let path = temp_dir().join("missing-link.ron");
    plan_file::save(&path, &plan).unwrap();
    let h = window(
        AppOptions {
            plan: Some(path),
            ..AppOptions::default()
        },
        SMALL,
    );
    let ghosts = &h.state().link_shapes.ghosts;
    assert_eq!(ghosts.len(), 1, "{ghosts:?}");
    assert_eq!(
        (ghosts[0].key.0.as_str(), ghosts[0].key.1.as_str()),
        ("edge", "fe")
    );
    assert!(
        ghosts[0].points.len() > 2,
        "routed around the cards in between"
    );
    assert_same_layout(&h);
}

/// The window's links, ghost links and peers' links lie on `diagram::layout`'s routes (what
/// the SVG draws, missing links included), and its labels where `layout_with` puts them with
/// the window's sizes.
fn assert_same_layout(h: &Harness<'_, PlannerApp>) {
    use lync_port_planner::diagram::layout::{layout, layout_with, missing_links};
    let plan = h.state().plan().clone();
    let (rules, findings) = crate::support::derive(&plan);
    let missing = missing_links(&findings);
    let state = &h.state().link_shapes;
    let (shapes, ghosts, peer_links) = (&state.shapes, &state.ghosts, &state.peer_links);
    let diagram = layout(&plan, &catalog(), &rules, &missing);
    let kinds = |missing: bool, peer: bool| -> Vec<_> {
        diagram
            .links
            .iter()
            .filter(|l| (l.missing, l.peer) == (missing, peer))
            .collect()
    };
    let (node_links, missing_drawn, peer_drawn) =
        (kinds(false, false), kinds(true, false), kinds(false, true));
    assert_eq!(shapes.len(), node_links.len());
    assert_eq!(ghosts.len(), missing_drawn.len());
    assert_eq!(peer_links.len(), peer_drawn.len());
    assert!(!peer_links.is_empty(), "the seed has Any rules");
    let near = |p: Pos2, q: lync_port_planner::plan::CanvasPoint| {
        (p.x - q.x).abs() <= 1.0 && (p.y - q.y).abs() <= 1.0
    };
    // In the layout's order: the plan's links, the missing links, the peers' links.
    let all: Vec<_> = shapes
        .iter()
        .chain(ghosts)
        .chain(peer_links.iter().map(|l| &l.shape))
        .collect();
    let drawn = node_links.iter().chain(&missing_drawn).chain(&peer_drawn);
    assert_eq!(all.len(), diagram.links.len());
    for (shape, link) in all.iter().zip(drawn) {
        assert_eq!((&shape.key.0, &shape.key.1), (&link.a, &link.b));
        assert_eq!(shape.points.len(), link.points.len(), "{:?}", shape.key);
        assert!(
            shape
                .points
                .iter()
                .zip(&link.points)
                .all(|(p, q)| near(*p, *q)),
            "{:?}: {:?} vs {:?}",
            shape.key,
            shape.points,
            link.points
        );
    }
    // The peers' cards, where the layout puts them.
    let peers = &state.peers;
    let peer_cards: Vec<_> = diagram.cards.iter().filter(|c| c.peer.is_some()).collect();
    assert_eq!(peers.len(), peer_cards.len());
    for (drawn, card) in peers.iter().zip(&peer_cards) {
        assert_eq!(drawn.id, card.id);
        assert!(near(drawn.rect.min, card.bounds.min) && near(drawn.rect.max, card.bounds.max));
    }
    let next = std::cell::Cell::new(0);
    let own = layout_with(&plan, &catalog(), &rules, &missing, |_| {
        let s = all[next.replace(next.get() + 1)];
        (s.text.clone(), (s.label.width(), s.label.height()))
    });
    for (shape, label) in all.iter().zip(&own.labels) {
        assert!(
            near(shape.label.min, label.bounds.min) && near(shape.label.max, label.bounds.max),
            "{:?}: {:?} vs {:?}",
            shape.key,
            shape.label,
            label.bounds
        );
    }
}

/// An "Any" peer on the canvas is drawn, named when pointed at, and not a node: a click on it
/// selects nothing.
#[test]
fn a_peer_card_is_named_on_hover_and_takes_no_click() {
    let mut h = window(AppOptions::default(), SMALL);
    let peer = h
        .state()
        .link_shapes
        .peers
        .iter()
        .find(|p| p.id.as_str() == "any:internet:external_clients")
        .cloned()
        .expect("the seed's remote users are drawn");
    h.state_mut().canvas.scene_rect = Rect::from_center_size(peer.rect.center(), SMALL / 2.0);
    h.run();
    let on = h.state().canvas.to_screen * peer.rect.center();
    h.hover_at(on);
    h.run();
    h.run();
    h.get_by_label_contains("the far end of");
    click_at(&mut h, on);
    assert!(h.state().selection.is_empty(), "{:?}", h.state().selection);
}

/// A plan too large to lay out in a frame (300 nodes) is laid out on a thread: its links are
/// straight at first, then the canvas draws the same layout as the SVG, peers included.
#[test]
fn a_large_plan_is_routed_on_a_thread_as_the_svg_routes_it() {
    use lync_port_planner::ui::canvas::ROUTED_NODES;
    let plan = lync_port_planner::generate::large_plan(300, &catalog()).unwrap();
    assert!(plan.nodes.len() > ROUTED_NODES);
    let path = crate::support::temp_dir().join("large-routed.ron");
    lync_port_planner::plan_file::save(&path, &plan).unwrap();
    // As the window runs (tests otherwise lay out every plan in the frame).
    let mut h = window(
        AppOptions {
            plan: Some(path),
            derive_wait: Some(std::time::Duration::from_mins(1)),
            ..AppOptions::default()
        },
        SMALL,
    );
    assert!(!h.state().link_shapes.in_frame);
    // In detail on the first site. Frames are stepped: the thread asks for one when done.
    let first = h.state().plan().nodes.values().next().unwrap().position;
    h.state_mut().canvas.scene_rect =
        Rect::from_center_size(Pos2::new(first.x + 300.0, first.y + 200.0), SMALL);
    h.step();
    let routed = |h: &Harness<'_, PlannerApp>| {
        let s = &h.state().link_shapes;
        !s.peers.is_empty() && s.shapes.iter().all(|l| l.routed)
    };
    assert!(
        !routed(&h),
        "straight lines until the thread's layout comes"
    );
    for _ in 0..3_000 {
        if routed(&h) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(routed(&h), "the layout thread's routes came");
    assert_same_layout(&h);
}
