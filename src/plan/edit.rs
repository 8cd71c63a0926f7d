//! Every change to a plan is a [`PlanEdit`]; `Plan::apply` is the only place that mutates.
//! An edit is checked whole: a rejected edit leaves the plan untouched.

use super::{CanvasPoint, Link, Node, NodeId, Plan};
use crate::catalog::{Catalog, RequirementId};
use crate::topology::Zone;

/// A change to a plan: one user gesture, one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanEdit {
    /// Add nodes (and links among them or to existing nodes): add, paste, duplicate.
    AddNodes {
        /// New nodes with fresh ids.
        nodes: Vec<(NodeId, Node)>,
        /// New links.
        links: Vec<Link>,
    },
    /// Remove nodes and every link that touches them.
    RemoveNodes {
        /// The nodes.
        ids: Vec<NodeId>,
    },
    /// Move nodes to absolute positions and zones (a drag, on release).
    MoveNodes {
        /// New position and zone per node.
        moves: Vec<(NodeId, CanvasPoint, Zone)>,
    },
    /// Replace a node's settings (the inspector).
    SetNode {
        /// The node.
        id: NodeId,
        /// Its new value.
        node: Node,
    },
    /// Link two nodes.
    AddLink {
        /// One end.
        a: NodeId,
        /// The other end.
        b: NodeId,
    },
    /// Remove the link between two nodes.
    RemoveLinks {
        /// Link ends.
        links: Vec<(NodeId, NodeId)>,
    },
    /// Switch a requirement on or off on a link.
    SetRequirement {
        /// One end.
        a: NodeId,
        /// The other end.
        b: NodeId,
        /// Requirement id.
        requirement: RequirementId,
        /// True to switch it on.
        enabled: bool,
    },
    /// Rename the plan.
    SetName {
        /// New name.
        name: String,
    },
    /// Replace the plan's DNS names (SIP domains, simple URLs).
    SetNames {
        /// The new names.
        names: super::PlanNames,
    },
    /// Choose the server product the rules are for.
    SetProduct {
        /// The product.
        product: crate::topology::Product,
    },
    /// Replace the firewalls: rename one, rename an interface, or switch between back-to-back
    /// and three-legged.
    SetFirewalls {
        /// The new firewalls.
        firewalls: super::Firewalls,
    },
    /// Put a link's label where the user dropped it (`None`: back to automatic).
    SetLinkLabel {
        /// One end of the link.
        a: NodeId,
        /// The other end.
        b: NodeId,
        /// The label's centre.
        at: Option<CanvasPoint>,
    },
    /// Make a link's route pass through these points, in order from `a` to `b` (empty: back
    /// to automatic).
    SetLinkBends {
        /// One end of the link.
        a: NodeId,
        /// The other end.
        b: NodeId,
        /// The bends.
        bends: Vec<CanvasPoint>,
    },
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// A node the edit names does not exist.
    #[error("node `{id}` does not exist")]
    UnknownNode {
        /// The id.
        id: NodeId,
    },
    /// A new node's id is taken.
    #[error("node id `{id}` is already used")]
    DuplicateNode {
        /// The id.
        id: NodeId,
    },
    /// The two nodes are already linked.
    #[error("{a} and {b} are already linked")]
    DuplicateLink {
        /// One end.
        a: NodeId,
        /// The other end.
        b: NodeId,
    },
    /// No link between the two nodes.
    #[error("{a} and {b} are not linked")]
    UnknownLink {
        /// One end.
        a: NodeId,
        /// The other end.
        b: NodeId,
    },
    /// The result breaks a structural rule (self-link, unknown role, ...).
    #[error("{message}")]
    Invalid {
        /// What is wrong.
        message: String,
    },
}

impl Plan {
    /// Apply an edit; on error the plan is unchanged.
    pub fn apply(&mut self, edit: &PlanEdit, catalog: &Catalog) -> Result<(), EditError> {
        *self = self.applied(edit, catalog)?;
        Ok(())
    }

    /// The plan after an edit, validated; `self` is untouched either way.
    pub fn applied(&self, edit: &PlanEdit, catalog: &Catalog) -> Result<Self, EditError> {
        let mut next = self.clone();
        next.apply_unchecked(edit)?;
        if let Some(problem) = super::validate(&next, catalog).into_iter().next() {
            return Err(EditError::Invalid {
                message: problem.message,
            });
        }
        next.normalize();
        Ok(next)
    }

    fn existing_node_mut(&mut self, id: &NodeId) -> Result<&mut Node, EditError> {
        self.nodes
            .get_mut(id)
            .map(std::sync::Arc::make_mut)
            .ok_or_else(|| EditError::UnknownNode { id: id.clone() })
    }

    fn apply_unchecked(&mut self, edit: &PlanEdit) -> Result<(), EditError> {
        match edit {
            PlanEdit::AddNodes { nodes, links } => {
                for (id, node) in nodes {
                    if self.nodes.insert(id.clone(), node.clone().into()).is_some() {
                        return Err(EditError::DuplicateNode { id: id.clone() });
                    }
                }
                for link in links {
                    self.add_link(link.clone())?;
                }
            }
            PlanEdit::RemoveNodes { ids } => {
                for id in ids {
                    self.nodes
                        .remove(id)
                        .ok_or_else(|| EditError::UnknownNode { id: id.clone() })?;
                }
                self.links
                    .retain(|l| !ids.contains(&l.a) && !ids.contains(&l.b));
                self.drop_stale_positions();
            }
            PlanEdit::MoveNodes { moves } => {
                for (id, position, zone) in moves {
                    let node = self.existing_node_mut(id)?;
                    node.position = *position;
                    node.zone = *zone;
                }
            }
            PlanEdit::SetNode { id, node } => *self.existing_node_mut(id)? = node.clone(),
            PlanEdit::AddLink { a, b } => {
                for end in [a, b] {
                    self.existing_node_mut(end)?;
                }
                self.add_link(Link::new(a, b))?;
            }
            PlanEdit::RemoveLinks { links } => {
                for (a, b) in links {
                    let before = self.links.len();
                    self.links
                        .retain(|l| !((&l.a == a && &l.b == b) || (&l.a == b && &l.b == a)));
                    if self.links.len() == before {
                        return Err(EditError::UnknownLink {
                            a: a.clone(),
                            b: b.clone(),
                        });
                    }
                }
                self.drop_stale_positions();
            }
            PlanEdit::SetRequirement {
                a,
                b,
                requirement,
                enabled,
            } => {
                let link = self
                    .links
                    .iter_mut()
                    .find(|l| (&l.a == a && &l.b == b) || (&l.a == b && &l.b == a))
                    .ok_or_else(|| EditError::UnknownLink {
                        a: a.clone(),
                        b: b.clone(),
                    })?;
                if *enabled {
                    link.disabled.remove(requirement);
                } else {
                    link.disabled.insert(requirement.clone());
                }
            }
            PlanEdit::SetName { name } => name.clone_into(&mut self.name),
            PlanEdit::SetProduct { product } => self.product = *product,
            PlanEdit::SetNames { names } => names.clone_into(&mut self.names),
            PlanEdit::SetFirewalls { firewalls } => firewalls.clone_into(&mut self.firewalls),
            PlanEdit::SetLinkLabel { a, b, at } => {
                let entry = self.existing_link_positions(a, b)?;
                entry.label = *at;
            }
            PlanEdit::SetLinkBends { a, b, bends } => {
                let entry = self.existing_link_positions(a, b)?;
                // Stored from `a` to `b` as the entry's ends are.
                let reversed = entry.a != *a;
                bends.clone_into(&mut entry.bends);
                if reversed {
                    entry.bends.reverse();
                }
            }
        }
        Ok(())
    }

    /// The stored positions of an existing link (made if it has none).
    fn existing_link_positions(
        &mut self,
        a: &NodeId,
        b: &NodeId,
    ) -> Result<&mut super::LinkPositions, EditError> {
        if self.link_between(a, b).is_none() {
            return Err(EditError::UnknownLink {
                a: a.clone(),
                b: b.clone(),
            });
        }
        Ok(self.link_positions_mut(a, b))
    }

    fn add_link(&mut self, link: Link) -> Result<(), EditError> {
        if self.link_between(&link.a, &link.b).is_some() {
            return Err(EditError::DuplicateLink {
                a: link.a,
                b: link.b,
            });
        }
        self.links.push(link);
        Ok(())
    }

    /// A node id not used yet, from a role id (`director-2`).
    pub fn fresh_id(&self, role: &str) -> NodeId {
        let base: String = role
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .take(40)
            .collect();
        let base = if base.is_empty() {
            "node".to_owned()
        } else {
            base
        };
        // Among n + 1 candidates at most n are taken, so the range always has a free id.
        (1..=self.nodes.len() + 1)
            .map(|n| {
                if n == 1 {
                    NodeId::from(base.as_str())
                } else {
                    NodeId::from(format!("{base}-{n}"))
                }
            })
            .find(|id| !self.nodes.contains_key(id))
            .unwrap_or_else(|| NodeId::from(base.as_str()))
    }

    /// A label not used yet: `Director pool`, then `Director pool 2`, ... (a copy of
    /// `Director pool 2` becomes `Director pool 3`, not `Director pool 2 2`).
    pub fn fresh_label(&self, label: &str) -> String {
        let taken = |l: &str| self.nodes.values().any(|n| n.label == l);
        if !taken(label) {
            return label.to_owned();
        }
        let base = match label.rsplit_once(' ') {
            Some((head, n))
                if !head.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                head
            }
            _ => label,
        };
        (2..=self.nodes.len() + 2)
            .map(|n| format!("{base} {n}"))
            .find(|l| !taken(l))
            .unwrap_or_else(|| label.to_owned())
    }
}
