//! New nodes with sensible defaults, and copies of nodes with fresh ids and labels.

use std::collections::{BTreeMap, BTreeSet};

use super::layout;
use super::{CanvasPoint, Link, Member, Node, NodeId, Plan, PlanEdit};
use crate::catalog::{Catalog, Scope};
use crate::topology::{Addressing, Zone};

/// Nodes and the links among them, as copied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clipboard {
    /// The copied nodes.
    pub nodes: Vec<(NodeId, Node)>,
    /// Links whose both ends were copied.
    pub links: Vec<Link>,
}

impl Plan {
    /// A new node of `role`: unique id and label, zone of the band it lands in (or the role's
    /// zone when no position is given), the role's default load balancing, one empty member.
    pub fn new_node(
        &self,
        catalog: &Catalog,
        role: &str,
        at: Option<CanvasPoint>,
    ) -> Option<(NodeId, Node)> {
        let r = catalog.role(role)?;
        let position = at.unwrap_or_else(|| {
            let x = layout::zone_home_x(r.default_zone);
            let lowest = self
                .nodes
                .values()
                .filter(|n| layout::zone_at(n.position.x) == layout::zone_at(x))
                .map(|n| n.position.y)
                .fold(f32::NEG_INFINITY, f32::max);
            CanvasPoint {
                x,
                y: if lowest.is_finite() {
                    lowest + 140.0
                } else {
                    100.0
                },
            }
        });
        let zone = if at.is_some() {
            layout::zone_at(position.x)
        } else {
            r.default_zone
        };
        let has_members = r.endpoints.iter().any(|e| e.scope == Scope::Member);
        let id = self.fresh_id(role);
        let members = if has_members {
            vec![Member {
                name: format!("{}01", id.as_str().replace(['-', '_'], "")),
                addresses: BTreeMap::new(),
                nat: BTreeMap::new(),
            }]
        } else {
            Vec::new()
        };
        let node = Node {
            role: role.into(),
            label: self.fresh_label(&r.name.en),
            position,
            zone,
            fqdn: String::new(),
            lb: r.default_lb(),
            addressing: Addressing::default(),
            members,
            vips: BTreeMap::new(),
            networks: Vec::new(),
            flags: BTreeSet::new(),
            names: BTreeMap::new(),
        };
        Some((id, node))
    }

    /// Copy nodes and the links among them.
    pub fn copy(&self, ids: &BTreeSet<NodeId>) -> Clipboard {
        let nodes = ids
            .iter()
            .filter_map(|id| self.nodes.get(id).map(|n| (id.clone(), Node::clone(n))))
            .collect();
        let links = self
            .links
            .iter()
            .filter(|l| ids.contains(&l.a) && ids.contains(&l.b))
            .cloned()
            .collect();
        Clipboard { nodes, links }
    }

    /// The edit that pastes `clip` shifted by (`dx`, `dy`), with fresh ids and labels; the new ids.
    /// Addresses, FQDNs and DNS names the plan already uses are left empty in the copies (a
    /// duplicate leaves them all empty): one address on two nodes gives wrong rules, one name
    /// on two nodes wrong DNS records and certificates. A copy holds the Central Management
    /// store only when no node of the plan does.
    pub fn paste(&self, clip: &Clipboard, dx: f32, dy: f32) -> (PlanEdit, Vec<NodeId>) {
        let mut scratch = self.clone();
        let mut renamed: BTreeMap<NodeId, NodeId> = BTreeMap::new();
        let mut nodes = Vec::new();
        let mut used = Used::default();
        for node in self.nodes.values() {
            used.add(node);
        }
        for (old, node) in &clip.nodes {
            let id = scratch.fresh_id(&node.role);
            let mut copy = node.clone();
            used.clear_taken(&mut copy);
            used.add(&copy);
            copy.label = scratch.fresh_label(&node.label);
            copy.position = CanvasPoint {
                x: node.position.x + dx,
                y: node.position.y + dy,
            };
            copy.zone = if dx == 0.0 {
                node.zone
            } else {
                layout::zone_at(copy.position.x)
            };
            scratch.nodes.insert(id.clone(), copy.clone().into());
            renamed.insert(old.clone(), id.clone());
            nodes.push((id, copy));
        }
        let links = clip
            .links
            .iter()
            .filter_map(|l| {
                let (a, b) = (renamed.get(&l.a)?, renamed.get(&l.b)?);
                let mut link = l.clone();
                link.a = a.clone();
                link.b = b.clone();
                for c in &mut link.custom {
                    c.from = renamed
                        .get(&c.from)
                        .cloned()
                        .unwrap_or_else(|| c.from.clone());
                }
                Some(link)
            })
            .collect();
        let ids = nodes.iter().map(|(id, _)| id.clone()).collect();
        (PlanEdit::AddNodes { nodes, links }, ids)
    }
}

/// The addresses and names (FQDNs and DNS names, one namespace) of a plan's nodes, for pasting
/// copies that take none of them. Names are compared lower case, as DNS compares them.
#[derive(Default)]
struct Used {
    addresses: BTreeSet<crate::net::IpNet>,
    names: BTreeSet<String>,
    /// A node holds the Central Management store: a deployment has one, so a copy does not.
    cms: bool,
}

impl Used {
    fn add(&mut self, node: &Node) {
        self.cms |= node.flags.contains(super::HOLDS_CMS);
        self.addresses.extend(node.own_addresses());
        let fqdn = Some(&node.fqdn).filter(|f| !f.is_empty());
        let names = fqdn.into_iter().chain(node.names.values());
        (self.names).extend(names.map(|n| n.to_ascii_lowercase()));
    }

    /// Empties the addresses, FQDN and DNS names of `node` that are taken.
    fn clear_taken(&self, node: &mut Node) {
        for m in &mut node.members {
            m.addresses.retain(|_, a| !self.addresses.contains(a));
            m.nat.retain(|_, a| !self.addresses.contains(a));
        }
        node.vips.retain(|_, a| !self.addresses.contains(a));
        if self.names.contains(&node.fqdn.to_ascii_lowercase()) {
            node.fqdn.clear();
        }
        (node.names).retain(|_, n| !self.names.contains(&n.to_ascii_lowercase()));
        if self.cms {
            node.flags.remove(super::HOLDS_CMS);
        }
    }
}

/// The zone a node's band gives it; exposed for the canvas.
pub fn zone_for(position: CanvasPoint) -> Zone {
    layout::zone_at(position.x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> (Plan, Catalog) {
        let catalog = Catalog::builtin().unwrap();
        (
            crate::plan_file::from_ron(crate::examples::SEED_PLAN, "seed", &catalog).unwrap(),
            catalog,
        )
    }

    #[test]
    fn new_node_gets_defaults() {
        let (plan, catalog) = seed();
        let (id, node) = plan.new_node(&catalog, "director", None).unwrap();
        assert_eq!(id.as_str(), "director");
        assert_eq!(node.label, "Director pool 2");
        assert_eq!(node.zone, Zone::Internal);
        assert_eq!(node.members.len(), 1);
        let (_, dropped) = plan
            .new_node(&catalog, "edge", Some(CanvasPoint { x: 50.0, y: 0.0 }))
            .unwrap();
        assert_eq!(dropped.zone, Zone::Internet, "the band it is dropped in");
    }

    #[test]
    fn paste_renames_and_keeps_inner_links() {
        let (mut plan, catalog) = seed();
        let ids: BTreeSet<NodeId> = ["dir", "fe", "edge"].map(NodeId::from).into();
        let clip = plan.copy(&ids);
        assert_eq!(clip.links.len(), 3);
        let (edit, new_ids) = plan.paste(&clip, 40.0, 40.0);
        plan.apply(&edit, &catalog).unwrap();
        assert_eq!(new_ids.len(), 3);
        assert_eq!(plan.nodes.len(), 8);
        assert_eq!(plan.links.len(), 10);
        assert!(plan.nodes.values().any(|n| n.label == "Director pool 2"));
    }
}
