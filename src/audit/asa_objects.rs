//! ASA objects and object groups resolved for the ACL reader: network objects and groups
//! (nested, `fqdn` noted as unknown), service objects and service and protocol groups.

use std::collections::BTreeMap;

use super::csv::CsvError;
use super::values;
use crate::net::{IpNet, PortRange, Transport};

fn err(line: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        line,
        message: message.into(),
    }
}

/// An object or group: its kind and its member lines.
pub(super) struct Object {
    pub kind: String,
    pub line: usize,
    /// The group's protocol for `object-group service NAME tcp`.
    pub proto: Option<String>,
    pub members: Vec<(usize, Vec<String>)>,
}

/// One service: protocols (`None`: any), destination ports (`None`: any), and whether it also
/// names source ports (which the audit does not judge).
#[derive(Clone, Debug)]
pub(super) struct Service {
    pub protos: Option<Vec<Transport>>,
    pub ports: Option<Vec<PortRange>>,
    pub source_ports: bool,
}

/// Most objects visited resolving one name (nested groups, shared members), and most groups
/// nested in one another.
const MAX_RESOLVE: usize = 100_000;
const MAX_NESTING: usize = 32;

/// The objects being resolved (the path from the ACE's operand) and how many were visited.
#[derive(Default)]
pub(super) struct Visit {
    count: usize,
    path: Vec<String>,
}

/// Names resolved against the configuration's objects.
pub(super) struct Resolver<'a> {
    pub objects: &'a BTreeMap<String, Object>,
}

/// The words of an ACE, read in order.
pub(super) struct Words<'a> {
    pub w: &'a [String],
    pub at: usize,
    pub line: usize,
}

impl Words<'_> {
    pub fn peek(&self) -> &str {
        self.w.get(self.at).map_or("", String::as_str)
    }

    pub fn next(&mut self) -> Result<&str, CsvError> {
        let w = self.w.get(self.at).map(String::as_str);
        self.at += 1;
        w.ok_or_else(|| err(self.line, "the access list line ends too early"))
    }
}

impl Resolver<'_> {
    /// The object `name`, entered: refused when it is one being resolved (a loop), nests too
    /// deep, or resolving has visited too many objects.
    pub(super) fn get(
        &self,
        name: &str,
        line: usize,
        seen: &mut Visit,
    ) -> Result<&Object, CsvError> {
        seen.count += 1;
        if seen.count > MAX_RESOLVE
            || seen.path.len() >= MAX_NESTING
            || seen.path.iter().any(|p| p == name)
        {
            return Err(err(
                line,
                format!("object `{}` nests too deep or loops", super::clip(name)),
            ));
        }
        seen.path.push(name.to_owned());
        self.objects.get(name).ok_or_else(|| {
            err(
                line,
                format!("no object or object-group `{}`", super::clip(name)),
            )
        })
    }

    /// A network object's or group's networks, and whether some member (an `fqdn`) is unknown.
    pub(super) fn networks(
        &self,
        name: &str,
        line: usize,
        seen: &mut Visit,
    ) -> Result<(Vec<IpNet>, bool), CsvError> {
        let o = self.get(name, line, seen)?;
        if !o.kind.ends_with("network") {
            return Err(err(
                line,
                format!(
                    "`{}` (line {}) is not a network object",
                    super::clip(name),
                    o.line
                ),
            ));
        }
        let mut out = Vec::new();
        let mut unknown = false;
        for (at, m) in &o.members {
            let at = *at;
            let word = |k: usize| m.get(k).map_or("", String::as_str);
            let bad = || {
                err(
                    at,
                    format!(
                        "`{}` is not a network object member",
                        super::clip(&m.join(" "))
                    ),
                )
            };
            let net = |t: &str| t.parse::<IpNet>().map_err(|e| err(at, e.to_string()));
            let masked = |a: &str, mask: &str| {
                if a.contains('/') {
                    net(a)
                } else {
                    values::with_mask(a, mask).ok_or_else(bad)
                }
            };
            let mut nested = |inner: &str, out: &mut Vec<IpNet>| {
                let (n, u) = self.networks(inner, at, seen)?;
                out.extend(n);
                unknown |= u;
                Ok::<(), CsvError>(())
            };
            match (o.kind.as_str(), word(0)) {
                (_, "description" | "nat") => {}
                ("object network", "host") => out.push(net(word(1))?),
                ("object network", "subnet") => out.push(masked(word(1), word(2))?),
                ("object network", "range") => out
                    .extend(values::networks(&format!("{}-{}", word(1), word(2))).ok_or_else(bad)?),
                ("object network", "fqdn") => unknown = true,
                ("object-group network", "network-object") => match word(1) {
                    "host" => out.push(net(word(2))?),
                    "object" => nested(word(2), &mut out)?,
                    a => out.push(masked(a, word(2))?),
                },
                ("object-group network", "group-object") => nested(word(1), &mut out)?,
                _ => return Err(bad()),
            }
        }
        seen.path.pop();
        Ok((out, unknown))
    }

    /// A service object's or service/protocol group's services.
    pub(super) fn services(
        &self,
        name: &str,
        line: usize,
        seen: &mut Visit,
    ) -> Result<Vec<Service>, CsvError> {
        let o = self.get(name, line, seen)?;
        if o.kind.ends_with("network") {
            return Err(err(
                line,
                format!(
                    "`{}` (line {}) is not a service object",
                    super::clip(name),
                    o.line
                ),
            ));
        }
        let mut out = Vec::new();
        for (at, m) in &o.members {
            let at = *at;
            let word = |k: usize| m.get(k).map_or("", String::as_str);
            match (o.kind.as_str(), word(0)) {
                (_, "description") => {}
                ("object-group service", "port-object") => {
                    let mut words = Words {
                        w: m,
                        at: 1,
                        line: at,
                    };
                    out.push(Service {
                        protos: o.proto.as_deref().and_then(protos),
                        ports: self.port_operand(&mut words)?,
                        source_ports: false,
                    });
                }
                ("object-group service", "service-object") if word(1) == "object" => {
                    out.extend(self.services(word(2), at, seen)?);
                }
                ("object service", "service") | ("object-group service", "service-object") => {
                    out.push(self.service(m, at)?);
                }
                ("object-group protocol", "protocol-object") => out.push(Service {
                    protos: protos(word(1)),
                    ports: None,
                    source_ports: false,
                }),
                (_, "group-object") => out.extend(self.services(word(1), at, seen)?),
                _ => {
                    return Err(err(
                        at,
                        format!("`{}` is not a service member", super::clip(&m.join(" "))),
                    ));
                }
            }
        }
        seen.path.pop();
        Ok(out)
    }

    /// `service[-object] PROTO [source OP ...] [destination OP ...]` (the keyword optional for
    /// destination ports in groups).
    fn service(&self, m: &[String], line: usize) -> Result<Service, CsvError> {
        let mut words = Words { w: m, at: 1, line };
        let p = words.next()?.to_owned();
        let mut s = Service {
            protos: protos(&p),
            ports: None,
            source_ports: false,
        };
        while words.at < m.len() {
            match words.peek() {
                "source" => {
                    words.next()?;
                    s.source_ports |= self.port_operand(&mut words)?.is_some();
                }
                "destination" => {
                    words.next()?;
                    s.ports = self.port_operand(&mut words)?;
                }
                _ => {
                    let ports = self.port_operand(&mut words)?;
                    if ports.is_none() {
                        return Err(err(
                            line,
                            format!("`{}` is not a service", super::clip(&m.join(" "))),
                        ));
                    }
                    s.ports = ports;
                }
            }
        }
        Ok(s)
    }
}

/// A protocol operand: `None` for any (`ip`), otherwise the TCP and UDP it is (none for ICMP,
/// ESP and the like).
pub(super) fn protos(p: &str) -> Option<Vec<Transport>> {
    match p {
        "ip" | "0" => None,
        "tcp" | "6" => Some(vec![Transport::Tcp]),
        "udp" | "17" => Some(vec![Transport::Udp]),
        "tcp-udp" => Some(vec![Transport::Tcp, Transport::Udp]),
        _ => Some(Vec::new()),
    }
}
