//! Address resolution: which addresses an endpoint kind of a node stands for.
use super::{Addresses, Missing, RuleEnd};
use crate::catalog::{Role, Scope};
use crate::plan::{Node, NodeId};

/// The rule end for `kind` on `node`; missing addresses are listed, never guessed.
pub(super) fn node_end(id: &NodeId, node: &Node, role: &Role, kind: &str) -> RuleEnd {
    let scope = role.endpoint(kind).map_or(Scope::Member, |e| e.scope);
    let mut missing = Vec::new();
    let addresses = match scope {
        Scope::Member => {
            if node.members.is_empty() {
                missing.push(Missing::NoMembers {
                    node: node.label.clone(),
                });
            }
            let mut list = Vec::with_capacity(node.members.len());
            for m in &node.members {
                match m.addresses.get(kind) {
                    Some(a) => list.push(*a),
                    None => missing.push(Missing::MemberAddress {
                        member: m.name.clone(),
                        node: node.label.clone(),
                        kind: kind.to_owned(),
                    }),
                }
            }
            Addresses::List(list)
        }
        Scope::Vip => {
            if let Some(a) = node.vips.get(kind) {
                Addresses::List(vec![*a])
            } else {
                missing.push(Missing::Address {
                    node: node.label.clone(),
                    kind: kind.to_owned(),
                });
                Addresses::List(Vec::new())
            }
        }
        Scope::Networks { empty_is_any } => {
            if node.networks.is_empty() {
                if empty_is_any {
                    Addresses::Any
                } else {
                    missing.push(Missing::Networks {
                        node: node.label.clone(),
                    });
                    Addresses::List(Vec::new())
                }
            } else {
                Addresses::List(node.networks.clone())
            }
        }
    };
    RuleEnd {
        node: Some(id.clone()),
        label: node.label.as_str().into(),
        role: role.id.as_str().into(),
        endpoint: kind.into(),
        zone: node.zone,
        addresses,
        is_host: scope == Scope::Member,
        missing,
    }
}

/// The "Any" end of an intrinsic rule.
pub(super) fn any_end(zone: crate::topology::Zone) -> RuleEnd {
    RuleEnd {
        node: None,
        label: "Any".into(),
        role: "any".into(),
        endpoint: "any".into(),
        zone,
        addresses: Addresses::Any,
        is_host: false,
        missing: Vec::new(),
    }
}

/// For a NAT Edge end, the public addresses that map onto the private ones of `kind`.
pub(super) fn nat_public(node: &Node, kind: &str) -> Option<String> {
    if node.addressing != crate::topology::Addressing::Nat {
        return None;
    }
    let public: Vec<String> = node
        .members
        .iter()
        .filter_map(|m| m.nat.get(kind))
        .map(ToString::to_string)
        .collect();
    (!public.is_empty()).then(|| public.join(", "))
}
