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
    assert!(
        !node.members.is_empty(),
        "members (and their names) are kept"
    );
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

/// A network typed as a server's or VIP's address is refused at the field, like a bad address.
#[test]
fn inspector_refuses_a_network_as_a_server_or_vip_address() {
    let mut h = harness(AppOptions::default());
    h.get_by_label("Director pool, Director pool")
        .click_accesskit();
    h.run();
    for (i, (field, text)) in [
        ("dir01 Director server", "0.0.0.0/0"),
        ("Hardware load balancer VIP", "10.10.20.0/24"),
    ]
    .into_iter()
    .enumerate()
    {
        let input = h.get_by_label(field);
        input.focus();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        input.type_text(text);
        h.key_press(Key::Enter);
        h.run();
        assert!(
            h.query_all_by_label_contains("address is one host").count() == i + 1,
            "{field}: error shown at the field"
        );
    }
    let dir = &h.state().plan().nodes[&lync_port_planner::plan::NodeId::from("dir")];
    assert_eq!(
        dir.members[0].addresses["server"].to_string(),
        "10.10.20.11"
    );
    assert_eq!(dir.vips["hlb_vip"].to_string(), "10.10.20.10");
}
