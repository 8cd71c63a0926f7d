//! The draw.io export read back with an XML parser: its cell graph is the laid-out diagram
//! (a vertex per card at the card's box, an edge per link between the right cards along the
//! routed polyline, a text cell per placed label, a wall per firewall leg), and user text in it
//! is attribute text, never markup.

use std::collections::BTreeMap;

use lync_port_planner::diagram;
use lync_port_planner::export::Format;
use lync_port_planner::i18n::Lang;
use lync_port_planner::plan::Plan;
use lync_port_planner::plan::layout::Bounds;

use crate::support::{catalog, derive, example, example_paths, export};

/// One `mxCell` as read back.
#[derive(Debug)]
struct Cell {
    value: String,
    style: String,
    parent: Option<String>,
    vertex: bool,
    edge: bool,
    source: Option<String>,
    target: Option<String>,
    /// x, y, width, height of a vertex.
    bounds: Option<[f32; 4]>,
    /// Source point, bends, target point of an edge.
    points: Vec<(String, [f32; 2])>,
}

fn num(n: roxmltree::Node<'_, '_>, name: &str) -> f32 {
    n.attribute(name).map_or(0.0, |v| v.parse().unwrap())
}

/// The cells by id, in document order of ids; panics on a repeated id.
fn cells(xml: &str) -> (String, Vec<(String, Cell)>) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "mxfile");
    let diagram = root.children().find(|n| n.has_tag_name("diagram")).unwrap();
    let name = diagram.attribute("name").unwrap().to_owned();
    let allowed = [
        "mxfile",
        "diagram",
        "mxGraphModel",
        "root",
        "mxCell",
        "mxGeometry",
        "mxPoint",
        "Array",
    ];
    let mut out: Vec<(String, Cell)> = Vec::new();
    for n in doc.descendants().filter(roxmltree::Node::is_element) {
        assert!(
            allowed.contains(&n.tag_name().name()),
            "unexpected element {:?}",
            n.tag_name()
        );
        if !n.has_tag_name("mxCell") {
            continue;
        }
        let id = n.attribute("id").unwrap().to_owned();
        assert!(out.iter().all(|(i, _)| *i != id), "id {id} repeated");
        let geometry = n.children().find(|c| c.has_tag_name("mxGeometry"));
        let mut points = Vec::new();
        if let Some(g) = geometry {
            for p in g.descendants().filter(|p| p.has_tag_name("mxPoint")) {
                let role = p.attribute("as").unwrap_or("bend").to_owned();
                points.push((role, [num(p, "x"), num(p, "y")]));
            }
        }
        let attr = |a: &str| n.attribute(a).map(str::to_owned);
        out.push((
            id,
            Cell {
                value: attr("value").unwrap_or_default(),
                style: attr("style").unwrap_or_default(),
                parent: attr("parent"),
                vertex: n.attribute("vertex") == Some("1"),
                edge: n.attribute("edge") == Some("1"),
                source: attr("source"),
                target: attr("target"),
                bounds: geometry
                    .filter(|g| g.attribute("relative") != Some("1"))
                    .map(|g| [num(g, "x"), num(g, "y"), num(g, "width"), num(g, "height")]),
                points,
            },
        ));
    }
    (name, out)
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.01
}

fn same_box(got: [f32; 4], b: Bounds) -> bool {
    close(got[0], b.min.x)
        && close(got[1], b.min.y)
        && close(got[2], b.max.x - b.min.x)
        && close(got[3], b.max.y - b.min.y)
}

/// An "Any" peer's card cell: dashed, titled with what it stands for, not a node. False for a
/// node's card.
fn check_peer(what: &str, plan: &Plan, card: &diagram::layout::Card, cell: &Cell) -> bool {
    let Some(peer) = &card.peer else {
        return false;
    };
    let title = diagram::style::peer_title(&catalog(), peer, Lang::En);
    assert_eq!(cell.value, title, "{what}");
    assert!(cell.style.contains("dashed=1"), "{what}: {card:?}");
    assert!(!plan.nodes.contains_key(&card.id), "{what}: {card:?}");
    true
}

/// The export of `plan` checked against its laid-out diagram, cell by cell.
fn check_plan(what: &str, plan: &Plan) {
    let xml = export(plan, Format::Drawio);
    let (_, cells) = cells(&xml);
    let by_id: BTreeMap<&str, &Cell> = cells.iter().map(|(i, c)| (i.as_str(), c)).collect();
    assert_eq!(cells[0].0, "0", "{what}: the root cell first");
    assert!(cells[0].1.parent.is_none());
    assert_eq!(
        (cells[1].0.as_str(), cells[1].1.parent.as_deref()),
        ("1", Some("0"))
    );
    for (id, cell) in &cells[1..] {
        let parent = cell.parent.as_deref().unwrap();
        assert!(by_id.contains_key(parent), "{what}: {id}'s parent {parent}");
        // Every cell but the layer is a vertex or an edge.
        assert!(
            id == "1" || cell.vertex != cell.edge,
            "{what}: {id} is a vertex or an edge"
        );
        assert!(!cell.style.contains("html=1"), "{what}: {id} is HTML");
    }
    let d = diagram::diagram(plan, &catalog(), &derive(plan).0);
    let card_cell: BTreeMap<_, String> = d
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), format!("card-{i}")))
        .collect();
    // One vertex per card, at its box, with its title.
    let card_vertices = cells
        .iter()
        .filter(|(i, c)| c.vertex && i.starts_with("card-") && i.matches('-').count() == 1);
    assert_eq!(card_vertices.count(), d.cards.len(), "{what}: cards");
    for card in &d.cards {
        let cell = by_id[card_cell[&card.id].as_str()];
        assert!(
            same_box(cell.bounds.unwrap(), card.bounds),
            "{what}: {card:?}"
        );
        if check_peer(what, plan, card, cell) {
            continue;
        }
        let node = &plan.nodes[&card.id];
        assert!(!cell.style.contains("dashed=1"), "{what}: {card:?}");
        let one_line = lync_port_planner::escape::one_line;
        assert_eq!(cell.value, one_line(&node.label), "{what}");
        let fqdn = by_id[format!("{}-fqdn", card_cell[&card.id]).as_str()];
        assert_eq!(fqdn.value, one_line(diagram::style::card_fqdn(node)));
        assert_eq!(fqdn.parent.as_ref(), Some(&card_cell[&card.id]));
    }
    // One edge per link, between its cards, along its polyline.
    let edges = (cells.iter()).filter(|(id, c)| c.edge && id.starts_with("link-"));
    assert_eq!(edges.count(), d.links.len(), "{what}: links");
    for (i, link) in d.links.iter().enumerate() {
        let cell = by_id[format!("link-{i}").as_str()];
        assert_eq!(cell.source.as_ref(), Some(&card_cell[&link.a]), "{what}");
        assert_eq!(cell.target.as_ref(), Some(&card_cell[&link.b]), "{what}");
        let bends: Vec<[f32; 2]> = cell
            .points
            .iter()
            .filter(|(role, _)| role == "bend")
            .map(|(_, p)| *p)
            .collect();
        let inner = &link.points[1..link.points.len() - 1];
        assert_eq!(bends.len(), inner.len(), "{what}: link {i}'s bends");
        for (got, want) in bends.iter().zip(inner) {
            assert!(close(got[0], want.x) && close(got[1], want.y), "{what}");
        }
        let end = |role: &str| cell.points.iter().find(|(r, _)| r == role).unwrap().1;
        let (first, last) = (link.points[0], link.points[link.points.len() - 1]);
        assert!(close(end("sourcePoint")[0], first.x) && close(end("sourcePoint")[1], first.y));
        assert!(close(end("targetPoint")[0], last.x) && close(end("targetPoint")[1], last.y));
        assert_eq!(cell.style.contains("dashed=1"), link.missing, "{what}");
    }
    check_labels(what, &d, &by_id);
    // One wall per firewall leg, at the wall's box, named.
    let walls = diagram::firewalls::walls(plan, diagram::extent(&d), diagram::MARGIN);
    for (i, wall) in walls.iter().enumerate() {
        let cell = by_id[format!("firewall-{i}").as_str()];
        assert!(same_box(cell.bounds.unwrap(), wall.bounds), "{what}");
        let name = plan.firewalls.list();
        let name = name.iter().find(|f| f.id == wall.id).unwrap().name;
        assert_eq!(cell.value, name, "{what}");
    }
    assert!(!by_id.contains_key(format!("firewall-{}", walls.len()).as_str()));
    let legend = by_id["legend"];
    assert!(
        same_box(legend.bounds.unwrap(), diagram::legend::bounds(&d)),
        "{what}"
    );
    let name = lync_port_planner::escape::one_line(&plan.name);
    assert!(legend.value.starts_with(&format!("{name}\n")), "{what}");
    assert!(legend.value.contains("\nLegend\n"), "{what}");
    for zone in ["Internet", "Perimeter", "Internal"] {
        assert!(
            cells
                .iter()
                .any(|(i, c)| i.starts_with("zone-") && c.value == zone),
            "{what}: zone {zone}"
        );
    }
}

#[test]
fn drawio_cells_are_the_laid_out_diagram() {
    let paths = example_paths();
    assert!(paths.len() > 3);
    for path in paths {
        let plan = lync_port_planner::plan_file::load(&path, &catalog()).unwrap();
        check_plan(&path.display().to_string(), &plan);
    }
    let mut three = example("director-pool-dns-hlb.ron");
    three.firewalls = lync_port_planner::plan::Firewalls::three_legged();
    check_plan("three-legged", &three);
}

#[test]
fn drawio_seed_plan_has_bends_a_missing_link_and_an_edge() {
    let mut plan = example("director-pool-dns-hlb.ron");
    // Removing a link the findings ask for makes a missing (dashed) link.
    let before = plan.links.len();
    plan.links
        .retain(|l| !(l.a.as_str() == "dir" && l.b.as_str() == "fe"));
    assert_eq!(plan.links.len(), before - 1);
    let xml = export(&plan, Format::Drawio);
    check_plan("seed without dir-fe", &plan);
    assert!(xml.contains("dashed=1"), "a missing link is dashed");
    assert!(xml.contains("<Array as=\"points\">"), "routed links bend");
    assert!(xml.contains("fillColor=#b05050") && xml.contains("fillColor=#409060"));
}

/// The consumer's view of a hostile plan's draw.io file: only mxGraph elements, no HTML
/// values, and every hostile text read back as the one line the plan's other exports show.
pub fn check_hostile(n: usize, hostile: &str, text: &str) {
    let (name, cells) = cells(text);
    let line = lync_port_planner::escape::one_line(hostile);
    assert_eq!(name, line, "corpus {n}: the diagram's name");
    // The plan's cards; "Any" peers (dashed) are titled by the catalog.
    let cards: Vec<&Cell> = cells
        .iter()
        .filter(|(i, c)| {
            i.starts_with("card-") && i.matches('-').count() == 1 && !c.style.contains("dashed=1")
        })
        .map(|(_, c)| c)
        .collect();
    assert!(!cards.is_empty());
    for card in cards {
        assert_eq!(card.value, line, "corpus {n}: a card's title");
    }
    let fqdns = cells.iter().filter(|(i, _)| i.ends_with("-fqdn"));
    assert!(fqdns.clone().count() > 0);
    for (id, fqdn) in fqdns {
        assert_eq!(fqdn.value, line, "corpus {n}: {id}");
    }
    for (id, cell) in &cells {
        assert!(!cell.style.contains("html=1"), "corpus {n}: {id}");
        assert!(
            !cell.value.contains(['\0', '\r', '\u{202E}', '\u{2066}']),
            "corpus {n}: {id}"
        );
    }
}

/// One text cell per label, at the placed box; a label away from its link has a leader from
/// its cell to where the SVG's leader meets the link.
fn check_labels(what: &str, d: &diagram::layout::Diagram, by_id: &BTreeMap<&str, &Cell>) {
    let mut leaders = 0;
    for (i, (label, link)) in d.labels.iter().zip(&d.links).enumerate() {
        let cell = by_id[format!("label-{i}").as_str()];
        assert_eq!(cell.value, label.text, "{what}");
        assert!(same_box(cell.bounds.unwrap(), label.bounds), "{what}");
        let want =
            diagram::layout::measure::leader(label.bounds, &link.points, &d.cards, &d.labels);
        let leader = by_id.get(format!("leader-{i}").as_str());
        assert_eq!(
            leader.is_some(),
            want.is_some(),
            "{what}: label {i}'s leader"
        );
        if let (Some(cell), Some((from, to))) = (leader, want) {
            leaders += 1;
            // It leaves the label where the checked line starts (draw.io would otherwise pick
            // a point on the outline facing the end).
            let style = |key: &str| -> f32 {
                let at = cell.style.find(&format!("{key}=")).expect(key) + key.len() + 1;
                cell.style[at..].split(';').next().unwrap().parse().unwrap()
            };
            let b = label.bounds;
            let x = b.min.x + style("exitX") * (b.max.x - b.min.x);
            let y = b.min.y + style("exitY") * (b.max.y - b.min.y);
            // The fractions have four decimals: within a twentieth of a unit on a label.
            let near = |a: f32, b: f32| (a - b).abs() < 0.05;
            assert!(
                near(x, from.x) && near(y, from.y),
                "{what}: leader {i} exit"
            );
            assert!(cell.style.contains("exitPerimeter=0;"), "{what}");
            assert!(cell.edge, "{what}");
            assert_eq!(cell.source.as_deref(), Some(format!("label-{i}").as_str()));
            let end = cell
                .points
                .iter()
                .find(|(r, _)| r == "targetPoint")
                .unwrap()
                .1;
            assert!(close(end[0], to.x) && close(end[1], to.y), "{what}");
        }
    }
    let cells = by_id.keys().filter(|id| id.starts_with("leader-")).count();
    assert_eq!(cells, leaders, "{what}: no other leader cells");
}
