//! Plans built in code for the Microsoft tables: a few lines per topology.

use std::collections::BTreeMap;

use lync_port_planner::catalog::{Catalog, Scope};
use lync_port_planner::net::IpNet;
use lync_port_planner::plan::{CanvasPoint, Link, Member, Node, NodeId, Plan};
use lync_port_planner::topology::{Addressing, LbMode, Product};

/// A plan built in code: nodes with every endpoint addressed, VIPs when a hardware load
/// balancer is part of the design, client networks, links.
pub struct Build {
    plan: Plan,
    catalog: Catalog,
    next: u8,
}

impl Build {
    pub fn new(name: &str, product: Product) -> Self {
        let mut plan = Plan::new(name);
        plan.product = product;
        Self {
            plan,
            catalog: Catalog::builtin().unwrap(),
            next: 0,
        }
    }

    fn address(&mut self, kind: &str) -> IpNet {
        self.next += 1;
        let external = kind.starts_with("access_edge")
            || kind.starts_with("webconf_edge")
            || kind.starts_with("av_edge");
        let net = if external { "198.51.100" } else { "10.1.1" };
        format!("{net}.{}", self.next).parse().unwrap()
    }

    /// A node of `role` with `members` servers.
    pub fn node(
        mut self,
        id: &str,
        role: &str,
        lb: LbMode,
        members: usize,
        flags: &[&str],
    ) -> Self {
        let r = self.catalog.role(role).unwrap().clone();
        let mut node = Node {
            role: role.into(),
            label: format!("{} ({id})", r.name.en),
            position: CanvasPoint::default(),
            zone: r.default_zone,
            fqdn: format!("{id}.contoso.test"),
            lb,
            addressing: Addressing::Public,
            members: Vec::new(),
            vips: BTreeMap::new(),
            networks: Vec::new(),
            flags: flags.iter().map(|f| (*f).to_owned()).collect(),
            names: BTreeMap::new(),
        };
        for m in 0..members {
            let mut addresses = BTreeMap::new();
            for e in r.endpoints.iter().filter(|e| e.scope == Scope::Member) {
                addresses.insert(e.id.clone(), self.address(&e.id));
            }
            node.members.push(Member {
                name: format!("{id}{:02}", m + 1),
                addresses,
                nat: BTreeMap::new(),
            });
        }
        for e in &r.endpoints {
            match e.scope {
                Scope::Vip if lb.has_hlb() => {
                    let vip = self.address(&e.id);
                    node.vips.insert(e.id.clone(), vip);
                }
                Scope::Networks {
                    empty_is_any: false,
                } => {
                    node.networks.push("10.200.0.0/16".parse().unwrap());
                }
                _ => {}
            }
        }
        self.plan.nodes.insert(NodeId::from(id), node.into());
        self
    }

    /// The Edge `id` behind NAT: private external addresses, the public ones in `nat`.
    pub fn nat(mut self, id: &str) -> Self {
        let edge = self.plan.node_mut(&NodeId::from(id)).unwrap();
        edge.addressing = Addressing::Nat;
        for m in &mut edge.members {
            for (kind, addr) in &mut m.addresses {
                if addr.to_string().starts_with("198.51.100.") {
                    let private = addr.to_string().replace("198.51.100.", "172.16.1.");
                    m.nat.insert(kind.clone(), *addr);
                    *addr = private.parse().unwrap();
                }
            }
        }
        self
    }

    /// Links from `a` to each of `others`.
    pub fn link(mut self, a: &str, others: &[&str]) -> Self {
        for b in others {
            (self.plan.links).push(Link::new(&NodeId::from(a), &NodeId::from(*b)));
        }
        self
    }

    pub fn plan(mut self) -> Plan {
        self.plan.normalize();
        self.plan
    }
}
