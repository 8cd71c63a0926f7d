//! A link's label and bends placed by hand (issue 19): kept in the plan's `diagram` section
//! (format version 2), checked on load, changed by one edit each, followed by the layout that
//! the SVG, the PNG, the JSON geometry and the canvas share.

use lync_port_planner::diagram::layout::measure::overlaps;
use lync_port_planner::diagram::{self, Diagram};
use lync_port_planner::document::Document;
use lync_port_planner::plan::layout::Bounds;
use lync_port_planner::plan::{CanvasPoint, EditError, LinkPositions, NodeId, Plan, PlanEdit};
use lync_port_planner::plan_file;

use crate::support::{catalog, cli, derive, example, read, root, temp_dir, write_temp};

fn at(x: f32, y: f32) -> CanvasPoint {
    CanvasPoint { x, y }
}

fn id(s: &str) -> NodeId {
    NodeId::from(s)
}

fn laid_out(plan: &Plan) -> Diagram {
    let (rules, _) = derive(plan);
    diagram::diagram(plan, &catalog(), &rules)
}

fn label_of<'a>(d: &'a Diagram, a: &str, b: &str) -> &'a Bounds {
    &d.labels
        .iter()
        .find(|l| l.a.as_str() == a && l.b.as_str() == b)
        .unwrap()
        .bounds
}

fn points_of<'a>(d: &'a Diagram, a: &str, b: &str) -> &'a [CanvasPoint] {
    &d.links
        .iter()
        .find(|l| l.a.as_str() == a && l.b.as_str() == b)
        .unwrap()
        .points
}

/// The first segment of an orthogonal polyline that passes through `p`.
fn segment_through(points: &[CanvasPoint], p: CanvasPoint) -> Option<usize> {
    points.windows(2).position(|s| {
        let (lo_x, hi_x) = (s[0].x.min(s[1].x), s[0].x.max(s[1].x));
        let (lo_y, hi_y) = (s[0].y.min(s[1].y), s[0].y.max(s[1].y));
        let on = |v: f32, lo: f32, hi: f32| v >= lo - 0.01 && v <= hi + 0.01;
        let straight = (s[0].x - s[1].x).abs() < 0.01 || (s[0].y - s[1].y).abs() < 0.01;
        straight && on(p.x, lo_x, hi_x) && on(p.y, lo_y, hi_y)
    })
}

/// True when the polyline passes through `p`.
fn passes_through(points: &[CanvasPoint], p: CanvasPoint) -> bool {
    segment_through(points, p).is_some()
}

fn close(a: CanvasPoint, b: CanvasPoint) -> bool {
    (a.x - b.x).abs() <= 0.01 && (a.y - b.y).abs() <= 0.01
}

/// The fixture's diagram section loads, saves byte for byte and draws where it says: the
/// label centred at its stored point, the route through its bend, and nothing overlapping.
#[test]
fn the_format_v2_fixture_keeps_its_diagram_section_and_draws_it() {
    let path = root().join("tests/fixtures/format-v2.ron");
    let plan = plan_file::load(&path, &catalog()).unwrap();
    assert_eq!(
        plan.diagram,
        vec![
            LinkPositions {
                a: id("dir"),
                b: id("edge"),
                label: None,
                bends: vec![at(520.0, 240.0)],
            },
            LinkPositions {
                a: id("edge"),
                b: id("fe"),
                label: Some(at(700.0, 520.0)),
                bends: Vec::new(),
            },
        ]
    );
    // Saved as the current version, nothing else changed.
    assert_eq!(
        plan_file::to_ron(&plan).unwrap(),
        read(&path).replacen("format_version: 2,", "format_version: 3,", 1)
    );
    let d = laid_out(&plan);
    assert!(close(label_of(&d, "edge", "fe").center(), at(700.0, 520.0)));
    assert!(passes_through(
        points_of(&d, "dir", "edge"),
        at(520.0, 240.0)
    ));
    // No label hides the bend's square.
    let square = Bounds::around(at(520.0, 240.0), (8.0, 8.0));
    assert!(
        d.labels.iter().all(|l| !l.bounds.intersects(square)),
        "{:?}",
        d.labels
    );
    let o = overlaps(&d, 1.0);
    assert_eq!(
        (
            o.labels_on_cards,
            o.labels_on_labels,
            o.links_through_cards,
            o.links_through_labels,
            o.links_along_links
        ),
        (0, 0, 0, 0, 0),
        "{o:?}"
    );
}

/// `render --output FILE.json` of a plan with a stored label and bend shows them, with zero
/// overlaps of the four kinds; without the section the same plan lays itself out as before.
#[test]
fn the_json_geometry_shows_a_stored_label_and_bend_with_no_overlaps() {
    let fixture = root().join("tests/fixtures/format-v2.ron");
    let out = temp_dir().join("positions.json");
    let run = cli(&[
        "render",
        fixture.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let label = value["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["a"] == "edge" && l["b"] == "fe")
        .unwrap();
    let f = |v: &serde_json::Value| v.as_f64().unwrap();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the JSON's coordinates are the layout's f32 values"
    )]
    let g = |v: &serde_json::Value| f(v) as f32;
    let centre = (
        f(&label["x"]) + f(&label["w"]) / 2.0,
        f(&label["y"]) + f(&label["h"]) / 2.0,
    );
    assert!(
        (centre.0 - 700.0).abs() < 0.02 && (centre.1 - 520.0).abs() < 0.02,
        "{label}"
    );
    let link = value["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["a"] == "dir" && l["b"] == "edge")
        .unwrap();
    let points: Vec<CanvasPoint> = link["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| at(g(&p[0]), g(&p[1])))
        .collect();
    assert!(passes_through(&points, at(520.0, 240.0)), "{link}");
    // Without the section: the automatic layout, which is not the stored one.
    let mut plain = plan_file::load(&fixture, &catalog()).unwrap();
    let stored = laid_out(&plain);
    plain.diagram.clear();
    let auto = laid_out(&plain);
    assert!(!close(
        label_of(&auto, "edge", "fe").center(),
        at(700.0, 520.0)
    ));
    assert!(!passes_through(
        points_of(&auto, "dir", "edge"),
        at(520.0, 240.0)
    ));
    // Links without an entry keep their routes.
    assert_eq!(points_of(&auto, "fe", "rp"), points_of(&stored, "fe", "rp"));
}

/// A label dropped on a card is moved to the nearest place clear of every card; one dropped
/// in the open stays where it was dropped.
#[test]
fn a_label_dropped_on_a_card_ends_clear_of_every_card_near_where_it_was_dropped() {
    let seed = example("director-pool-dns-hlb.ron");
    for node in seed.nodes.keys() {
        let mut plan = seed.clone();
        let centre = seed.nodes[node].position;
        plan.apply(
            &PlanEdit::SetLinkLabel {
                a: id("fe"),
                b: id("edge"),
                at: Some(centre),
            },
            &catalog(),
        )
        .unwrap();
        let d = laid_out(&plan);
        let label = *label_of(&d, "edge", "fe");
        for card in &d.cards {
            assert!(
                !label.intersects(card.bounds),
                "{node}: {label:?} on {card:?}"
            );
        }
        // Near: just off the card, clear of the other labels and links too, not somewhere
        // else on the canvas.
        let moved = (label.center().x - centre.x).hypot(label.center().y - centre.y);
        eprintln!("dropped on {node}: moved {moved}");
        // (Labels of 16 units: a third larger than the 12-unit labels this allowed 100 units
        // for.)
        assert!(moved <= 133.0, "{node}: moved {moved}");
    }
}

/// Stored bends make the route pass through each in turn, its segments orthogonal, its ends
/// on its cards; a bend's position is kept when the cards move.
#[test]
#[expect(clippy::float_cmp, reason = "routes are exactly orthogonal")]
fn stored_bends_are_passed_through_in_order_and_survive_moving_the_cards() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let bends = vec![at(800.0, 200.0), at(400.0, 250.0)];
    plan.apply(
        &PlanEdit::SetLinkBends {
            a: id("fe"),
            b: id("rp"),
            bends: bends.clone(),
        },
        &catalog(),
    )
    .unwrap();
    let d = laid_out(&plan);
    let points = points_of(&d, "fe", "rp");
    for s in points.windows(2) {
        assert!(s[0].x == s[1].x || s[0].y == s[1].y, "{points:?}");
    }
    let (first, second) = (
        segment_through(points, bends[0]),
        segment_through(points, bends[1]),
    );
    assert!(first.is_some() && second.is_some(), "{points:?}");
    assert!(first <= second, "in order: {points:?}");
    // Moving the cards keeps the stored positions, and content: no new rules.
    let mut doc = Document::new(plan.clone(), None);
    let content = doc.content();
    let fe = plan.nodes[&id("fe")].clone();
    let moved = at(fe.position.x, fe.position.y + 40.0);
    doc.apply(
        &PlanEdit::MoveNodes {
            moves: vec![(id("fe"), moved, fe.zone)],
        },
        &catalog(),
    )
    .unwrap();
    assert_eq!(doc.plan().diagram, plan.diagram);
    assert_eq!(doc.content(), content);
}

/// One edit per drag: applied whole, one undo step, the content (and so the rules) kept;
/// an edit for a link that does not exist is refused; removing a link or a node removes its
/// entry in the same edit.
#[test]
fn position_edits_are_one_undo_step_keep_the_content_and_go_with_their_link() {
    let seed = example("director-pool-dns-hlb.ron");
    let mut doc = Document::new(seed.clone(), None);
    let (state, content) = (doc.state(), doc.content());
    let label = PlanEdit::SetLinkLabel {
        a: id("fe"),
        b: id("dir"),
        at: Some(at(600.0, 500.0)),
    };
    doc.apply(&label, &catalog()).unwrap();
    assert_ne!(doc.state(), state);
    assert_eq!(doc.content(), content, "a label's place is not content");
    let entry = doc.plan().link_positions(&id("dir"), &id("fe")).unwrap();
    // Stored with the link's ends sorted.
    assert_eq!((entry.a.as_str(), entry.b.as_str()), ("dir", "fe"));
    assert_eq!(entry.label, Some(at(600.0, 500.0)));
    // Bends given from the larger end are stored from the smaller one.
    doc.apply(
        &PlanEdit::SetLinkBends {
            a: id("fe"),
            b: id("dir"),
            bends: vec![at(1.0, 2.0), at(3.0, 4.0)],
        },
        &catalog(),
    )
    .unwrap();
    let entry = doc.plan().link_positions(&id("dir"), &id("fe")).unwrap();
    assert_eq!(entry.bends, vec![at(3.0, 4.0), at(1.0, 2.0)]);
    assert_eq!(doc.content(), content);
    assert!(doc.undo());
    assert!(
        doc.plan()
            .link_positions(&id("dir"), &id("fe"))
            .unwrap()
            .bends
            .is_empty()
    );
    assert!(doc.undo());
    assert!(doc.plan().diagram.is_empty());
    assert_eq!(doc.state(), state);
    // Back to automatic: the entry goes.
    doc.apply(&label, &catalog()).unwrap();
    doc.apply(
        &PlanEdit::SetLinkLabel {
            a: id("dir"),
            b: id("fe"),
            at: None,
        },
        &catalog(),
    )
    .unwrap();
    assert!(doc.plan().diagram.is_empty());
    // No such link: refused, nothing changes.
    let before = doc.plan().clone();
    assert_eq!(
        doc.apply(
            &PlanEdit::SetLinkLabel {
                a: id("rp"),
                b: id("clients"),
                at: Some(at(0.0, 0.0)),
            },
            &catalog(),
        ),
        Err(EditError::UnknownLink {
            a: id("rp"),
            b: id("clients")
        })
    );
    assert_eq!(doc.plan(), &before);
}

/// An edit that would store too many bends or a position off the canvas is refused whole;
/// removing a link, or a node of it, removes its entry in the same edit (one undo step).
#[test]
fn bad_position_edits_are_refused_and_entries_go_with_their_link() {
    let mut doc = Document::new(example("director-pool-dns-hlb.ron"), None);
    let before = doc.plan().clone();
    let label = PlanEdit::SetLinkLabel {
        a: id("fe"),
        b: id("dir"),
        at: Some(at(600.0, 500.0)),
    };
    let many = PlanEdit::SetLinkBends {
        a: id("dir"),
        b: id("fe"),
        bends: vec![at(0.0, 0.0); lync_port_planner::plan::MAX_BENDS + 1],
    };
    assert!(matches!(
        doc.apply(&many, &catalog()),
        Err(EditError::Invalid { .. })
    ));
    let far = PlanEdit::SetLinkLabel {
        a: id("dir"),
        b: id("fe"),
        at: Some(at(f32::NAN, 0.0)),
    };
    assert!(matches!(
        doc.apply(&far, &catalog()),
        Err(EditError::Invalid { .. })
    ));
    assert_eq!(doc.plan(), &before);
    // Removing the link, or a node of it, takes the entry along in the same edit.
    doc.apply(&label, &catalog()).unwrap();
    let mut removed = doc.clone();
    removed
        .apply(
            &PlanEdit::RemoveLinks {
                links: vec![(id("fe"), id("dir"))],
            },
            &catalog(),
        )
        .unwrap();
    assert!(removed.plan().diagram.is_empty());
    doc.apply(
        &PlanEdit::RemoveNodes {
            ids: vec![id("fe")],
        },
        &catalog(),
    )
    .unwrap();
    assert!(doc.plan().diagram.is_empty());
    assert!(doc.undo());
    assert_eq!(doc.plan().diagram.len(), 1);
}

/// A hand-edited diagram section with an entry for a link the plan lacks, a position that is
/// not a finite number on the canvas, a repeated entry or too many bends is refused, the error
/// pointing at the offending text.
#[test]
fn a_bad_diagram_section_is_refused_where_it_is_wrong() {
    let fixture = read(&root().join("tests/fixtures/format-v2.ron"));
    let cases = [
        (
            "            a: \"dir\",\n            b: \"edge\",\n            bends",
            "            a: \"edge\",\n            b: \"clients\",\n            bends",
            "diagram entry edge-clients is for a link the plan does not have",
        ),
        (
            "Some(CanvasPoint(\n                x: 700.0,",
            "Some(CanvasPoint(\n                x: 7000000.0,",
            "diagram entry edge-fe: the label's position must be finite numbers within",
        ),
        (
            "x: 520.0,",
            "x: inf,",
            "diagram entry dir-edge: bend 1 must be finite numbers within",
        ),
        (
            "            a: \"edge\",\n            b: \"fe\",\n            label",
            "            a: \"edge\",\n            b: \"dir\",\n            label",
            "diagram entry edge-dir appears twice",
        ),
    ];
    for (from, to, message) in cases {
        assert!(fixture.contains(from), "{from}");
        let text = fixture.replacen(from, to, 1);
        let err = plan_file::from_ron(&text, "p.ron", &catalog())
            .unwrap_err()
            .to_string();
        assert!(err.contains(message), "{err}");
        // The position is the entry's, in the diagram section (after the links).
        let line: usize = err.split(':').nth(1).unwrap().parse().unwrap();
        let diagram_line = text.lines().position(|l| l.contains("diagram: [")).unwrap() + 1;
        assert!(line > diagram_line, "{err}");
    }
    let bends = (0..=lync_port_planner::plan::MAX_BENDS)
        .map(|i| format!("CanvasPoint(x: {i}.0, y: 0.0)"))
        .collect::<Vec<_>>()
        .join(", ");
    let text = fixture.replacen("bends: [", &format!("bends: [{bends}, "), 1);
    let path = write_temp("many-bends.ron", text.as_bytes());
    let err = plan_file::load(&path, &catalog()).unwrap_err().to_string();
    assert!(err.contains("has 18 bends (at most 16)"), "{err}");
}
