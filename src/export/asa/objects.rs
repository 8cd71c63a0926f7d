//! ASA object names and object-group definitions. Names come from ids (node ids, endpoint
//! kinds, ports), never from labels, and are unique per content: the same addresses or ports
//! under the same name in every firewall's section.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::net::{IpNet, PortRange, Transport};

/// ASA names objects and object groups with at most 64 characters.
const MAX_NAME: usize = 64;

/// Upper-case letters, digits, `-` and `_` of an id: what every ASA name accepts.
pub(super) fn name_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Names given so far, each with the content it stands for.
#[derive(Default)]
pub(super) struct Objects {
    /// Content key -> name.
    names: BTreeMap<String, String>,
    /// Name -> its definition (lines with their newlines).
    definitions: BTreeMap<String, String>,
}

impl Objects {
    /// The name for `content` under `base`: `base` cut to 64 characters, or `base-2`, `base-3`
    /// when another content already has it (ids differing only in case, cut names).
    fn name(&mut self, base: &str, content: String, definition: impl Fn(&str) -> String) -> String {
        if let Some(name) = self.names.get(&content) {
            return name.clone();
        }
        let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
        let mut name = cut(base, MAX_NAME);
        let mut n = 1;
        while self.definitions.contains_key(&name) {
            n += 1;
            let suffix = format!("-{n}");
            name = cut(base, MAX_NAME - suffix.len()) + &suffix;
        }
        self.definitions.insert(name.clone(), definition(&name));
        self.names.insert(content, name.clone());
        name
    }

    /// A name for an object defined elsewhere (a NAT object), unique among all names here.
    pub(super) fn reserve(&mut self, base: &str, content: String) -> String {
        self.name(base, content, |_| String::new())
    }

    /// A network object group of `networks` (not empty) named after `base`.
    pub(super) fn network_group(&mut self, base: &str, networks: &[IpNet]) -> String {
        let content = format!("net {base} {networks:?}");
        self.name(base, content, |name| {
            let mut text = format!("object-group network {name}\n");
            for net in networks {
                writeln!(text, " network-object {}", operand(net)).ok();
            }
            text
        })
    }

    /// A TCP or UDP service object group of `ports` (more than one), named after them.
    pub(super) fn service_group(&mut self, transport: Transport, ports: &[PortRange]) -> String {
        let proto = transport.as_str();
        let mut base = format!("LYNC-{}", proto.to_ascii_uppercase());
        for p in ports {
            if p.is_single() {
                write!(base, "-{}", p.from).ok();
            } else {
                write!(base, "-{}_{}", p.from, p.to).ok();
            }
        }
        if base.len() > MAX_NAME {
            base = format!("LYNC-{}-PORTS", proto.to_ascii_uppercase());
        }
        let content = format!("svc {proto} {ports:?}");
        self.name(&base, content, |name| {
            let mut text = format!("object-group service {name} {proto}\n");
            for p in ports {
                writeln!(text, " port-object {}", port_operand(*p)).ok();
            }
            text
        })
    }

    /// The definition of a name given here.
    pub(super) fn definition(&self, name: &str) -> &str {
        self.definitions.get(name).map_or("", String::as_str)
    }
}

/// An address as ASA writes it: `host A`, `A MASK` for IPv4 networks, `A/LEN` for IPv6.
pub(super) fn operand(net: &IpNet) -> String {
    if net.is_host() {
        format!("host {}", net.addr)
    } else if let Some(mask) = net.ipv4_mask() {
        format!("{} {mask}", net.addr)
    } else {
        net.to_string()
    }
}

/// A destination port as ASA writes it: `eq P` or `range A B`.
pub(super) fn port_operand(p: PortRange) -> String {
    if p.is_single() {
        format!("eq {}", p.from)
    } else {
        format!("range {} {}", p.from, p.to)
    }
}

#[cfg(test)]
mod tests {
    use super::{Objects, name_part};
    use crate::net::{PortRange, Transport};

    #[test]
    fn names_come_from_ids_and_stay_unique_per_content() {
        assert_eq!(name_part("edge-1"), "EDGE-1");
        assert_eq!(name_part("a b\n!"), "A_B__");
        let mut o = Objects::default();
        let a = o.network_group("LYNC-EDGE", &["10.0.0.1".parse().unwrap()]);
        let again = o.network_group("LYNC-EDGE", &["10.0.0.1".parse().unwrap()]);
        let b = o.network_group("LYNC-EDGE", &["10.0.0.2".parse().unwrap()]);
        assert_eq!(
            (a.as_str(), again.as_str(), b.as_str()),
            ("LYNC-EDGE", "LYNC-EDGE", "LYNC-EDGE-2")
        );
        let long = "X".repeat(80);
        assert_eq!(
            o.network_group(&long, &["10.0.0.3".parse().unwrap()]).len(),
            64
        );
        let second = o.network_group(&long, &["10.0.0.4".parse().unwrap()]);
        assert!(second.len() == 64 && second.ends_with("-2"), "{second}");
        let ports = [
            PortRange::single(5061),
            PortRange {
                from: 50000,
                to: 59999,
            },
        ];
        let svc = o.service_group(Transport::Tcp, &ports);
        assert_eq!(svc, "LYNC-TCP-5061-50000_59999");
        assert_eq!(
            o.definition(&svc),
            "object-group service LYNC-TCP-5061-50000_59999 tcp\n port-object eq 5061\n port-object range 50000 59999\n"
        );
    }
}
