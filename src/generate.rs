//! Large plans for benchmarks and demo labs: the full-site template repeated site after site,
//! each with its own ids, canvas area and addresses, linked inside the site as the template is.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use crate::catalog::Catalog;
use crate::net::IpNet;
use crate::plan::{CanvasPoint, Link, Node, NodeId, Plan};
use crate::plan_file::{self, PlanFileError};

/// The site every generated site copies.
const SITE: &str = include_str!("../saved-plans/full-site.ron");

/// Why a plan could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The template does not load with this catalog.
    #[error(transparent)]
    Template(#[from] PlanFileError),
    /// More sites than the address scheme has room for.
    #[error("at most {max} nodes can be generated ({sites} sites of {per_site})")]
    TooLarge {
        /// Node limit.
        max: usize,
        /// Site limit.
        sites: usize,
        /// Nodes per site.
        per_site: usize,
    },
}

/// Most sites: the second octet of 10.x.y.z holds the site's high bits (256 values), the third
/// octet's top three bits its low bits (8 values).
const MAX_SITES: usize = 256 * 8;

/// A plan of at least `nodes` nodes (whole sites), deterministic for a given `nodes`.
pub fn large_plan(nodes: usize, catalog: &Catalog) -> Result<Plan, GenerateError> {
    let site = plan_file::from_ron(SITE, "full-site.ron", catalog)?;
    let per_site = site.nodes.len().max(1);
    let sites = nodes.div_ceil(per_site).max(1);
    if sites > MAX_SITES {
        return Err(GenerateError::TooLarge {
            max: MAX_SITES * per_site,
            sites: MAX_SITES,
            per_site,
        });
    }
    let slots = subnet_slots(&site);
    let height = extent_height(&site);
    let mut plan = Plan {
        name: format!("{sites} generated sites"),
        description: format!(
            "{sites} copies of the full-site template ({per_site} nodes each), generated for benchmarks."
        ),
        nodes: BTreeMap::new(),
        links: Vec::new(),
        ..site.clone()
    };
    for s in 0..sites {
        let id = |old: &NodeId| NodeId::from(format!("s{s}-{}", old.0));
        // Sites go one below the other: moved sideways, a site's Edge and reverse proxy would
        // leave the perimeter band for the internal one (the bands are columns of the canvas).
        let dy = s as f32 * height;
        for (old, node) in &site.nodes {
            let mut node = Node::clone(node);
            // A deployment has one Central Management store: the first site's pool holds it
            // and replicates to every other site's servers.
            if s > 0 {
                node.flags.remove(crate::plan::HOLDS_CMS);
            }
            node.label = format!("{} {}", node.label, s + 1);
            node.position = CanvasPoint {
                x: node.position.x,
                y: node.position.y + dy,
            };
            if !node.fqdn.is_empty() {
                node.fqdn = format!("s{s}-{}", node.fqdn);
            }
            for m in &mut node.members {
                m.name = format!("s{s}-{}", m.name);
                for a in m.addresses.values_mut().chain(m.nat.values_mut()) {
                    *a = relocate(*a, s, &slots);
                }
            }
            for a in node.vips.values_mut().chain(node.networks.iter_mut()) {
                *a = relocate(*a, s, &slots);
            }
            plan.nodes.insert(id(old), node.into());
        }
        plan.links.extend(site.links.iter().map(|l| {
            let mut custom = l.custom.clone();
            for c in &mut custom {
                c.from = id(&c.from);
            }
            Link {
                a: id(&l.a),
                b: id(&l.b),
                custom,
                ..l.clone()
            }
        }));
    }
    plan.normalize();
    Ok(plan)
}

/// Each distinct /24 of the template gets a slot 0..32 of the site's third octet; wider
/// networks (up to /22) get four aligned slots.
fn subnet_slots(site: &Plan) -> BTreeMap<[u8; 3], u8> {
    let mut nets: Vec<IpNet> = Vec::new();
    for node in site.nodes.values() {
        nets.extend(node.networks.iter().copied());
        nets.extend(node.vips.values().copied());
        for m in &node.members {
            nets.extend(m.addresses.values().chain(m.nat.values()).copied());
        }
    }
    // Wide networks first so that their aligned blocks come before the single slots.
    nets.sort_by_key(|n| n.prefix);
    let mut slots = BTreeMap::new();
    let mut next = 0u8;
    for n in nets {
        let IpAddr::V4(v4) = n.addr else { continue };
        let [a, b, c, _] = v4.octets();
        if slots.contains_key(&[a, b, c]) {
            continue;
        }
        if n.prefix < 24 {
            next = next.next_multiple_of(4);
            for i in 0..4 {
                slots.insert([a, b, (c & !3) + i], next + i);
            }
            next += 4;
        } else {
            slots.insert([a, b, c], next);
            next += 1;
        }
    }
    slots
}

/// The template's address moved into site `s`: 10.(s / 8).((s % 8) * 32 + slot).host.
fn relocate(net: IpNet, site: usize, slots: &BTreeMap<[u8; 3], u8>) -> IpNet {
    let IpAddr::V4(v4) = net.addr else {
        return net;
    };
    let [a, b, c, host] = v4.octets();
    let slot = slots.get(&[a, b, c]).copied().unwrap_or(31) % 32;
    let high = u8::try_from(site / 8).unwrap_or(u8::MAX);
    let low = u8::try_from(site % 8).unwrap_or(0) * 32;
    IpNet {
        addr: IpAddr::V4(Ipv4Addr::new(10, high, low + slot, host)),
        prefix: net.prefix,
    }
}

/// Height of one site's cell on the canvas, with a margin.
fn extent_height(site: &Plan) -> f32 {
    let ys = site.nodes.values().map(|n| n.position.y);
    let height = ys.clone().fold(f32::MIN, f32::max) - ys.fold(f32::MAX, f32::min);
    height + 300.0
}

#[cfg(test)]
mod tests {
    /// Every generated card sits in the band of its own zone (they all used to land in the
    /// Internal band), and the sites do not overlap.
    #[test]
    fn generated_nodes_stay_in_their_zone_bands() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let plan = super::large_plan(300, &catalog).unwrap();
        let mut zones = std::collections::BTreeSet::new();
        for (id, node) in &plan.nodes {
            assert_eq!(
                crate::plan::layout::zone_at(node.position.x),
                node.zone,
                "{id:?} at {:?}",
                node.position
            );
            zones.insert(node.zone);
        }
        assert!(zones.len() >= 2, "{zones:?}");
        let mut at: Vec<(u32, u32)> = plan
            .nodes
            .values()
            .map(|n| (n.position.x.to_bits(), n.position.y.to_bits()))
            .collect();
        at.sort_unstable();
        at.dedup();
        assert_eq!(at.len(), plan.nodes.len(), "two cards at one place");
    }
}
