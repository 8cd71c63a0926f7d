//! NAT objects for a NAT'd Edge: each private address with a public one becomes an
//! `object network` with `nat (REAL,MAPPED) static PUBLIC` on the firewall between the Edge
//! and the Internet. Since ASA 8.3 ACLs name real addresses, so the ACLs keep the private ones.

use std::fmt::Write as _;

use super::objects::{Objects, name_part};
use crate::plan::{FirewallView, Layout, Plan};
use crate::topology::{Addressing, Zone};

/// The NAT objects firewall `fw` holds, as config lines (empty when it holds none).
pub(super) fn objects(
    plan: &Plan,
    layout: Layout,
    fw: &FirewallView<'_>,
    o: &mut Objects,
) -> String {
    let mut out = String::new();
    let interface = |zone: Zone| fw.interfaces.iter().find(|(z, _)| *z == zone);
    for (id, node) in &plan.nodes {
        if node.addressing != Addressing::Nat
            // The firewall nearest the Internet on the Edge's way out translates.
            || layout.crossed(node.zone, Zone::Internet).last() != Some(&fw.id)
        {
            continue;
        }
        let (Some((_, mapped)), Some((_, real))) = (
            interface(Zone::Internet),
            interface(node.zone).or_else(|| fw.interfaces.last()),
        ) else {
            continue;
        };
        let (real, mapped) = (super::nameif(real), super::nameif(mapped));
        for (n, member) in node.members.iter().enumerate() {
            for (kind, public) in &member.nat {
                let base = format!(
                    "LYNC-NAT-{}-{}-{}",
                    name_part(id.as_str()),
                    n + 1,
                    name_part(kind.as_str())
                );
                let name = o.reserve(&base, format!("nat {id} {n} {kind}"));
                let private = member.addresses.get(kind);
                match private {
                    Some(private)
                        if private.is_host()
                            && public.is_host()
                            && private.is_ipv4() == public.is_ipv4() =>
                    {
                        writeln!(out, "object network {name}").ok();
                        writeln!(out, " host {}", private.addr).ok();
                        writeln!(out, " nat ({real},{mapped}) static {}", public.addr).ok();
                    }
                    _ => {
                        writeln!(
                            out,
                            "! NAT {name} left out: it needs one private host address and one public host address of the same family"
                        )
                        .ok();
                    }
                }
            }
        }
    }
    out
}
