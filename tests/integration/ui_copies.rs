//! Duplicate and paste in the window: the copies never take an address or FQDN the plan
//! already uses, so no `duplicate_address` finding comes from them.

use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use lync_port_planner::plan::Node;
use lync_port_planner::ui::AppOptions;

use crate::ui::harness;

fn copy_of<'a>(plan: &'a lync_port_planner::plan::Plan, label: &str) -> &'a Node {
    plan.nodes
        .values()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node {label}"))
}

fn assert_bare(node: &Node) {
    assert!(node.fqdn.is_empty(), "fqdn {}", node.fqdn);
    assert!(node.vips.is_empty(), "vips {:?}", node.vips);
    for m in &node.members {
        assert!(m.addresses.is_empty() && m.nat.is_empty(), "{m:?}");
    }
    assert!(!node.members.is_empty(), "members (and their names) are kept");
}

#[test]
fn duplicate_and_paste_leave_the_copies_addresses_and_fqdn_empty() {
    let mut h = harness(AppOptions::default());
    h.get_by_label("Edge Server, Edge pool").click_accesskit();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_bare(copy_of(h.state().plan(), "Edge Server 2"));

    // Copy and paste (the events the windowing layer sends) of the Director pool.
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    h.event(Event::Copy);
    h.step();
    let text = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            eframe::egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("copy puts plan text on the clipboard");
    h.event(Event::Paste(text));
    h.run();
    assert_bare(copy_of(h.state().plan(), "Director pool 2"));

    let duplicates: Vec<_> = (h.state().findings().iter())
        .filter(|f| f.kind.as_str() == "duplicate_address")
        .collect();
    assert!(duplicates.is_empty(), "{duplicates:?}");
}
