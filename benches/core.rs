//! The headless core at plan sizes from a classroom lab to a multi-site estate: rule derivation
//! and findings, every export, plan load and save, and an audit of 10,000 existing rules.
//! `cargo bench --bench core`; divan prints the median (p50) of each.

use divan::Bencher;
use lync_port_planner::catalog::Catalog;
use lync_port_planner::derivation::Derivation;
use lync_port_planner::export::{self, Format, Report};
use lync_port_planner::plan::{Link, Node, NodeId, Plan, PlanEdit};
use lync_port_planner::{audit, findings, generate, i18n::Lang, plan_file, rules};

const SIZES: [usize; 4] = [50, 500, 2_000, 5_000];

fn main() {
    divan::main();
}

fn setup(nodes: usize) -> (Catalog, Plan) {
    let catalog = Catalog::builtin().expect("built-in catalog");
    let plan = generate::large_plan(nodes, &catalog).expect("generated plan");
    (catalog, plan)
}

/// What every change of the plan's content costs: the rule table and the findings, derived
/// from the plan. Budgets: 1 ms at 50 nodes, 16 ms (a frame) at 2,000.
#[divan::bench(args = SIZES)]
fn derive_and_findings(bencher: Bencher<'_, '_>, nodes: usize) {
    let (catalog, plan) = setup(nodes);
    bencher.bench_local(|| Derivation::new(&plan, &catalog));
}

/// Edits made in the window at 2,000 nodes, each on a node in the middle of the plan.
const EDITS: [&str; 6] = [
    "rename",
    "address",
    "switch_off",
    "add_linked_node",
    "remove_node",
    "move",
];

/// The edit `what` on the middle node of `plan`.
fn edit(plan: &Plan, catalog: &Catalog, what: &str) -> Plan {
    let id = plan
        .nodes
        .keys()
        .nth(plan.nodes.len() / 2)
        .cloned()
        .expect("nodes");
    let mut node = Node::clone(&plan.nodes[&id]);
    let link = plan
        .links
        .iter()
        .find(|l| l.a == id || l.b == id)
        .expect("a link")
        .clone();
    let edit = match what {
        "rename" => {
            node.label.push_str(" renamed");
            PlanEdit::SetNode { id, node }
        }
        "address" => {
            let member = node.members.first_mut().expect("a member");
            let (kind, _) = member.addresses.pop_first().expect("an address");
            member
                .addresses
                .insert(kind, "10.250.0.1/32".parse().expect("address"));
            PlanEdit::SetNode { id, node }
        }
        "switch_off" => PlanEdit::SetRequirement {
            a: link.a,
            b: link.b,
            requirement: catalog.requirements()[0].id.clone(),
            enabled: false,
        },
        "add_linked_node" => {
            let copy = NodeId::from(format!("{id}-copy"));
            PlanEdit::AddNodes {
                links: vec![Link::new(
                    &copy,
                    if link.a == id { &link.b } else { &link.a },
                )],
                nodes: vec![(copy, node)],
            }
        }
        "remove_node" => PlanEdit::RemoveNodes { ids: vec![id] },
        _ => {
            node.position.y += 15.0;
            PlanEdit::MoveNodes {
                moves: vec![(id, node.position, node.zone)],
            }
        }
    };
    plan.applied(&edit, catalog).expect("a valid edit")
}

/// What an edit costs the core at 2,000 nodes: the edit applied and the plan after it derived
/// (the window's frame that applies an edit does this; `benches/frame.rs` measures the frame).
#[divan::bench(args = EDITS)]
fn edit_and_derive_2000_nodes(bencher: Bencher<'_, '_>, what: &str) {
    let (catalog, plan) = setup(2_000);
    bencher.bench_local(|| {
        let next = edit(&plan, &catalog, what);
        Derivation::new(&next, &catalog)
    });
}

/// The rule table alone, from the plan.
#[divan::bench(args = SIZES)]
fn derive(bencher: Bencher<'_, '_>, nodes: usize) {
    let (catalog, plan) = setup(nodes);
    bencher.bench_local(|| rules::derive(&plan, &catalog));
}

/// The findings alone, from the plan and its rule table.
#[divan::bench(args = SIZES)]
fn findings(bencher: Bencher<'_, '_>, nodes: usize) {
    let (catalog, plan) = setup(nodes);
    let rules = rules::derive(&plan, &catalog);
    bencher.bench_local(|| findings::check(&plan, &catalog, &rules));
}

/// Rendering one export from an already derived rule table (2,000 nodes).
#[divan::bench(args = Format::ALL)]
fn export_2000_nodes(bencher: Bencher<'_, '_>, format: Format) {
    let (catalog, plan) = setup(2_000);
    let rules = rules::derive(&plan, &catalog);
    let findings = findings::check(&plan, &catalog, &rules);
    let report = Report {
        plan: &plan,
        catalog: &catalog,
        rules: &rules,
        findings: &findings,
        lang: Lang::En,
    };
    bencher.bench_local(|| export::render(format, &report).expect("an export"));
}

/// Opening a plan file: read, parse, validate.
#[divan::bench(args = SIZES)]
fn load_plan(bencher: Bencher<'_, '_>, nodes: usize) {
    let (catalog, plan) = setup(nodes);
    let dir = std::env::temp_dir().join(format!("lpp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("plan-{nodes}.ron"));
    plan_file::save(&path, &plan).expect("save");
    bencher.bench_local(|| plan_file::load(&path, &catalog).expect("load"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Saving a plan file: canonical text, temp file, fsync, rename, fsync the folder.
#[divan::bench(args = SIZES)]
fn save_plan(bencher: Bencher<'_, '_>, nodes: usize) {
    let (_, plan) = setup(nodes);
    let dir = std::env::temp_dir().join(format!("lpp-bench-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("plan.ron");
    bencher.bench_local(|| plan_file::save(&path, &plan).expect("save"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Auditing a firewall of 10,000 existing rules (the first 10,000 rows of the plan's own CSV,
/// so a fifth of the 2,000-node plan's rules are missing) against the 2,000-node plan.
#[divan::bench]
fn audit_10000_rules(bencher: Bencher<'_, '_>) {
    let (catalog, plan) = setup(2_000);
    let rules = rules::derive(&plan, &catalog);
    let csv = export::export_plan(
        &plan,
        &catalog,
        Format::Csv,
        &rules::RuleScope::default(),
        Lang::En,
    )
    .expect("our CSV")
    .into_text()
    .expect("CSV is text");
    let existing: String = csv.split_inclusive('\n').take(10_001).collect();
    let parsed = audit::parse(&existing).expect("our own CSV");
    assert_eq!(parsed.len(), 10_000);
    bencher.bench_local(|| {
        let existing = audit::parse(&existing).expect("our own CSV");
        audit::audit(&rules, &existing)
    });
}
