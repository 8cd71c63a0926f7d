//! The diagram export: SVG that XML parsers accept with every node label, and a PNG of the whole plan.

use std::process::Command;

use lync_port_planner::diagram;
use lync_port_planner::plan::{CanvasPoint, NodeId, Plan};

use crate::support::{
    catalog, cli, derive, example, example_paths, require_tool, root, temp_dir, write_temp,
};

fn svg(plan: &Plan) -> String {
    diagram::svg(plan, &catalog(), &derive(plan).0)
}

/// Every text of the SVG as Python's XML parser reads it.
fn xml_texts(svg: &str) -> Vec<String> {
    let path = write_temp("diagram.svg", svg.as_bytes());
    let script = "import json,sys,xml.etree.ElementTree as E\nt=E.parse(sys.argv[1])\njson.dump([e.text or '' for e in t.iter()],sys.stdout)";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "not XML: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn svg_is_xml_with_every_node_label() {
    if !require_tool("python3") {
        return;
    }
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
        let texts = xml_texts(&svg(&plan));
        for node in plan.nodes.values() {
            assert!(
                texts.contains(&node.label),
                "{}: {} missing",
                path.display(),
                node.label
            );
        }
        assert!(texts.iter().any(|t| t == "Perimeter"));
    }
}

#[test]
fn hostile_labels_stay_text_in_the_svg() {
    if !require_tool("python3") {
        return;
    }
    let mut plan = example("director-pool-dns-hlb.ron");
    plan.name = "</title><script>alert(1)</script>".to_owned();
    plan.node_mut(&NodeId::from("dir")).unwrap().label = "<b>&\"'\u{0}".to_owned();
    let text = svg(&plan);
    assert!(!text.contains("<script"));
    let texts = xml_texts(&text);
    assert!(texts.contains(&"</title><script>alert(1)</script>".to_owned()));
    assert!(texts.contains(&"<b>&\"'".to_owned()), "{texts:?}");
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    )
}

#[test]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "small positive sizes"
)]
fn png_shows_the_whole_plan_however_far_it_spreads() {
    let mut plan = example("director-pool-dns-hlb.ron");
    let catalog = catalog();
    let small = diagram::png(&plan, &catalog, &derive(&plan).0, 1.0).unwrap();
    let (w, h) = png_size(&small);
    let b = diagram::extent(&diagram::diagram(&plan, &catalog, &derive(&plan).0));
    assert_eq!(
        (w, h),
        (
            (b.max.x - b.min.x).ceil() as u32,
            (b.max.y - b.min.y).ceil() as u32
        )
    );
    plan.node_mut(&NodeId::from("clients")).unwrap().position = CanvasPoint {
        x: 3000.0,
        y: 2500.0,
    };
    let (w2, h2) = png_size(&diagram::png(&plan, &catalog, &derive(&plan).0, 1.0).unwrap());
    assert!(w2 > w + 1500 && h2 > h + 1500, "{w}x{h} -> {w2}x{h2}");
}

#[test]
fn cli_render_writes_svg_and_png() {
    let seed = root().join("saved-plans/director-pool-dns-hlb.ron");
    let dir = temp_dir();
    for name in ["plan.svg", "plan.png"] {
        let out = cli(&[
            "render",
            seed.to_str().unwrap(),
            "--output",
            dir.join(name).to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        std::fs::read_to_string(dir.join("plan.svg"))
            .unwrap()
            .starts_with("<svg ")
    );
    assert!(png_size(&std::fs::read(dir.join("plan.png")).unwrap()).0 > 1000);
    let out = cli(&[
        "render",
        seed.to_str().unwrap(),
        "--output",
        dir.join("plan.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// The legend lies inside the drawn area and overlaps nothing: no card, label, link bend or
/// end, no firewall wall or its name; the geometry JSON does not count it as a card.
#[test]
fn legend_is_drawn_where_it_covers_nothing() {
    let catalog = catalog();
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog).unwrap();
        let d = diagram::diagram(&plan, &catalog, &derive(&plan).0);
        let legend = diagram::legend::bounds(&d);
        let extent = diagram::extent(&d);
        assert!(
            extent.min.x <= legend.min.x
                && legend.max.x <= extent.max.x
                && legend.max.y <= extent.max.y,
            "{path:?}: the legend is cut off"
        );
        for card in &d.cards {
            assert!(!card.bounds.intersects(legend), "{path:?}: {}", card.id);
        }
        for label in &d.labels {
            assert!(!label.bounds.intersects(legend), "{path:?}: {}", label.text);
        }
        // Links are orthogonal and the legend is below every point, so no segment reaches it.
        for link in &d.links {
            assert!(link.points.iter().all(|p| p.y < legend.min.y), "{path:?}");
        }
        for wall in diagram::firewalls::walls(&plan, extent, diagram::MARGIN) {
            // The wall plus its interface names, 4 units from it.
            let mut beside = wall.bounds;
            beside.max.x += 4.0;
            assert!(!beside.intersects(legend), "{path:?}: {:?}", wall.id);
        }
        let svg = diagram::svg_of(&plan, &catalog, &d);
        assert_eq!(svg.matches("<g class=\"legend\">").count(), 1);
        // The title block names what the diagram shows.
        let title = format!(">{}</text>", lync_port_planner::escape::markup(&plan.name));
        assert!(svg.contains(&title), "{path:?}: no title");
        assert!(svg.contains(&format!(
            "{} · catalog {}",
            plan.product.name(),
            catalog.label()
        )));
        for words in [
            "Firewall",
            "arrow points the way traffic goes",
            "missing link",
            "Edge: red side external",
            "Dashed card: an \"Any\" end",
            "the link a label further away names",
        ] {
            assert!(svg.contains(words), "{path:?}: {words}");
        }
        // The legend is not a card: the JSON's cards are the nodes' and the "Any" peers'.
        let json = diagram::json::value(&plan, &d);
        let cards = json["cards"].as_array().unwrap();
        let nodes = cards.iter().filter(|c| c["peer"] == false).count();
        assert_eq!(nodes, plan.nodes.len());
        assert_eq!(cards.len(), d.cards.len());
    }
}

/// A label the layout had to place away from its link gets a dashed leader to it, drawn in the
/// SVG: short, clear of every card (through or along one it would read as a link or the
/// card's outline) and of every other label. Labels on their link get none. Before, a far
/// label such as a busy link's "+3 more" sat below two cards with nothing to say which link it
/// named.
#[test]
fn far_labels_have_leaders_to_their_links() {
    use diagram::layout::measure::{
        LEADER_CLEARANCE, LEADER_FROM, LEADER_MAX, box_polyline_distance, leader, segment_hits,
    };
    let catalog = catalog();
    let (mut far, mut led) = (0, 0);
    for path in example_paths() {
        let plan = lync_port_planner::plan_file::load(&path, &catalog).unwrap();
        let d = diagram::diagram(&plan, &catalog, &derive(&plan).0);
        let mut drawn = 0;
        for (label, link) in d.labels.iter().zip(&d.links) {
            let distance = box_polyline_distance(label.bounds, &link.points);
            far += usize::from(distance > LEADER_FROM);
            let Some((from, to)) = leader(label.bounds, &link.points, &d.cards, &d.labels) else {
                continue;
            };
            assert!(
                distance > LEADER_FROM,
                "{path:?}: {} is on its link",
                label.text
            );
            drawn += 1;
            led += 1;
            let b = label.bounds;
            let on_box = [
                from.x - b.min.x,
                from.x - b.max.x,
                from.y - b.min.y,
                from.y - b.max.y,
            ]
            .iter()
            .any(|d| d.abs() < 1e-3);
            assert!(on_box, "{path:?}: {} leader starts off its box", label.text);
            let end = lync_port_planner::plan::layout::Bounds { min: to, max: to };
            assert!(box_polyline_distance(end, &link.points) < 1e-2, "{path:?}");
            assert!(
                (from.x - to.x).hypot(from.y - to.y) <= LEADER_MAX,
                "{path:?}"
            );
            for card in &d.cards {
                let clear = !segment_hits(from, to, card.bounds, -LEADER_CLEARANCE + 0.01);
                assert!(clear, "{path:?}: {} leader by {}", label.text, card.id);
            }
            for other in d.labels.iter().filter(|l| l.bounds != b) {
                let clear = !segment_hits(from, to, other.bounds, 0.5);
                assert!(
                    clear,
                    "{path:?}: {} leader across {}",
                    label.text, other.text
                );
            }
        }
        let svg = diagram::svg_of(&plan, &catalog, &d);
        // Outside the legend, whose sample is one more.
        let (drawing, legend) = svg.split_once("<g class=\"legend\">").unwrap();
        let leaders = |part: &str| part.matches("stroke-dasharray=\"3 3\"").count();
        assert_eq!(leaders(drawing), drawn, "{path:?}");
        assert_eq!(leaders(legend), 1, "{path:?}");
    }
    // Far labels with no such line go without one: the figures are for the closing note.
    eprintln!("far labels {far}, with a leader {led}");
    assert!(
        led * 2 >= far && led > 0,
        "{led} of {far} far labels have a leader"
    );
}
