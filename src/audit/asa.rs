//! A Cisco ASA `show running-config`: network and service objects and object groups (nested
//! with `group-object`), extended access lists and the `access-group` lines that bind them.
//! Each ACL becomes rows in order (first match wins, an implicit deny at the end); every other
//! line is skipped. An `access-list ... extended` line the audit cannot read is an error.

use std::collections::BTreeMap;

use super::Families;
use super::asa_objects::{Object, Resolver, Service, Visit, Words, protos};
use super::chains::Cond;
use super::csv::CsvError;
use super::import::{ExistingRule, Match};
use super::values;
use crate::net::{IpNet, PortRange};

fn err(line: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        line,
        message: message.into(),
    }
}

/// Where an ACL is bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Bound {
    In(String),
    Out(String),
    Global,
}

/// The configuration as the audit reads it.
#[derive(Debug, Default)]
pub(super) struct Config {
    /// Each extended ACL's rows, in order.
    pub acls: BTreeMap<String, Vec<ExistingRule>>,
    /// `access-group` lines: the ACL and where it is bound (a later binding of the same
    /// interface and direction replaces an earlier one, as on the device).
    pub groups: Vec<(String, Bound)>,
    /// Lines with matches the audit cannot judge.
    pub unjudged: Vec<(usize, String)>,
}

pub(super) fn parse(text: &str) -> Result<Config, CsvError> {
    let mut objects: BTreeMap<String, Object> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut aces: Vec<(usize, Vec<String>)> = Vec::new();
    let mut config = Config::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let w: Vec<String> = raw.split_whitespace().map(str::to_owned).collect();
        let indented = raw.starts_with(' ');
        if indented {
            if let Some(obj) = current.as_ref().and_then(|n| objects.get_mut(n)) {
                obj.members.push((line, w));
            }
            continue;
        }
        current = None;
        let word = |k: usize| w.get(k).map_or("", String::as_str);
        match word(0) {
            "object" | "object-group" if w.len() >= 3 => {
                let kind = format!("{} {}", word(0), word(1));
                objects.insert(
                    word(2).to_owned(),
                    Object {
                        kind,
                        line,
                        proto: w.get(3).cloned(),
                        members: Vec::new(),
                    },
                );
                current = Some(word(2).to_owned());
            }
            "access-list" if w.len() >= 3 => {
                let at = if word(2) == "line" { 4 } else { 2 };
                match word(at) {
                    "extended" => aces.push((line, w)),
                    "remark" | "standard" | "webtype" | "ethertype" => {}
                    other => {
                        return Err(err(
                            line,
                            format!(
                                "`access-list {} {}` is not an access list line the audit reads (extended, remark, standard)",
                                super::clip(word(1)),
                                super::clip(other)
                            ),
                        ));
                    }
                }
            }
            "access-group" => {
                let bound = match (word(2), word(3), word(4)) {
                    ("in", "interface", name) if !name.is_empty() => Bound::In(name.to_owned()),
                    ("out", "interface", name) if !name.is_empty() => Bound::Out(name.to_owned()),
                    ("global", _, _) => Bound::Global,
                    _ => {
                        return Err(err(
                            line,
                            "expected `access-group ACL in|out interface NAME` or `access-group ACL global`",
                        ));
                    }
                };
                config.groups.retain(|(_, b)| *b != bound);
                config.groups.push((word(1).to_owned(), bound));
            }
            _ => {}
        }
    }
    let r = Resolver { objects: &objects };
    for (line, w) in aces {
        let (name, rows, unjudged) = r.ace(line, &w)?;
        if let Some(u) = unjudged {
            config.unjudged.push((line, u));
        }
        let acl = config.acls.entry(name).or_default();
        acl.extend(rows);
        if acl.len() > super::MAX_AUDIT_ROWS {
            return Err(err(line, super::import::too_many()));
        }
    }
    for acl in config.acls.values_mut() {
        *acl = super::import::numbered(std::mem::take(acl));
    }
    Ok(config)
}
impl Resolver<'_> {
    /// One `access-list NAME [line N] extended permit|deny ...` line: the ACL's name, its rows,
    /// and what in it the audit cannot judge.
    fn ace(
        &self,
        line: usize,
        w: &[String],
    ) -> Result<(String, Vec<ExistingRule>, Option<String>), CsvError> {
        let name = w[1].clone();
        let mut words = Words {
            w,
            at: if w[2] == "line" { 5 } else { 3 },
            line,
        };
        let allow = match words.next()? {
            "permit" => true,
            "deny" => false,
            other => {
                return Err(err(
                    line,
                    format!("`{}`: expected permit or deny", super::clip(other)),
                ));
            }
        };
        let mut unjudged: Vec<String> = Vec::new();
        let services = self.protocol(&mut words)?;
        let ported = services
            .iter()
            .any(|s| s.ports.is_none() && s.protos.as_ref().is_some_and(|p| !p.is_empty()));
        // Identity firewall matches come before the source.
        while matches!(
            words.peek(),
            "user" | "user-group" | "object-group-user" | "security-group"
        ) {
            let what = words.next()?.to_owned();
            let mut value = words.next()?.to_owned();
            if what == "security-group" {
                value = format!("{value} {}", words.next()?);
            }
            unjudged.push(format!("{what} {value}"));
        }
        let src = self.address(&mut words, &mut unjudged)?;
        if ported && self.port_operand(&mut words)?.is_some() {
            unjudged.push("source ports".into());
        }
        let dst = self.address(&mut words, &mut unjudged)?;
        let dports = if ported {
            self.port_operand(&mut words)?
        } else {
            None
        };
        while words.at < w.len() {
            match words.next()? {
                "inactive" => return Ok((name, Vec::new(), None)),
                "log" => {
                    while matches!(words.peek(), "disable" | "default" | "interval")
                        || words.peek().parse::<u32>().is_ok()
                        || matches!(
                            words.peek(),
                            "emergencies"
                                | "alerts"
                                | "critical"
                                | "errors"
                                | "warnings"
                                | "notifications"
                                | "informational"
                                | "debugging"
                        )
                    {
                        words.next()?;
                    }
                }
                "time-range" => unjudged.push(format!("time-range {}", super::clip(words.next()?))),
                other => {
                    return Err(err(
                        line,
                        format!(
                            "unexpected `{}` in the access list line",
                            super::clip(other)
                        ),
                    ));
                }
            }
        }
        let mut rows = Vec::new();
        let mut note = unjudged.clone();
        for s in &services {
            let mut c = Cond::all(Families::BOTH);
            c.src = src.clone();
            c.dst = dst.clone();
            c.protos.clone_from(&s.protos);
            c.ports = s.ports.clone().or_else(|| dports.clone());
            c.unjudged.clone_from(&unjudged);
            if s.source_ports {
                c.unjudged.push("source ports".into());
                note.push("source ports".into());
            }
            c.never = c.protos.as_ref().is_some_and(Vec::is_empty);
            rows.extend(c.rows(line, allow, None));
        }
        note.dedup();
        let note = (!note.is_empty()).then(|| super::clip(&note.join(" ")));
        Ok((name, rows, note))
    }

    /// The protocol operand: a name or number, `object SVC` or `object-group GROUP` (services
    /// or protocols).
    fn protocol(&self, words: &mut Words<'_>) -> Result<Vec<Service>, CsvError> {
        let line = words.line;
        let p = words.next()?.to_owned();
        if p == "object" || p == "object-group" {
            let name = words.next()?.to_owned();
            return self.services(&name, line, &mut Visit::default());
        }
        Ok(vec![Service {
            protos: protos(&p),
            ports: None,
            source_ports: false,
        }])
    }

    /// `host A`, `A MASK`, `A/LEN`, `any`, `any4`, `any6`, `object NAME`, `object-group NAME`,
    /// `interface NAME` (not judged: any address, noted).
    fn address(
        &self,
        words: &mut Words<'_>,
        unjudged: &mut Vec<String>,
    ) -> Result<Match, CsvError> {
        let line = words.line;
        let a = words.next()?.to_owned();
        let nets = match a.as_str() {
            "any" => return Ok(Match::Any),
            "any4" => vec![super::first_match::whole(true)],
            "any6" => vec![super::first_match::whole(false)],
            "host" => {
                let h = words.next()?;
                vec![h.parse::<IpNet>().map_err(|e| err(line, e.to_string()))?]
            }
            "object" | "object-group" => {
                let name = words.next()?.to_owned();
                let (nets, unknown) = self.networks(&name, line, &mut Visit::default())?;
                if unknown {
                    unjudged.push(format!("{a} {} (fqdn)", super::clip(&name)));
                }
                nets
            }
            "interface" => {
                let name = words.next()?;
                unjudged.push(format!("interface {}", super::clip(name)));
                return Ok(Match::Any);
            }
            _ if a.contains('/') => vec![a.parse::<IpNet>().map_err(|e| err(line, e.to_string()))?],
            _ => {
                let mask = words.next()?;
                vec![values::with_mask(&a, mask).ok_or_else(|| {
                    err(
                        line,
                        format!(
                            "`{} {}` is not an address and mask",
                            super::clip(&a),
                            super::clip(mask)
                        ),
                    )
                })?]
            }
        };
        Ok(Match::Nets(nets))
    }

    /// A port operand if one is next: `eq P`, `lt`, `gt`, `neq`, `range A B`, or
    /// `object-group SERVICE` of port objects.
    pub(super) fn port_operand(
        &self,
        words: &mut Words<'_>,
    ) -> Result<Option<Vec<PortRange>>, CsvError> {
        let line = words.line;
        let op = words.peek().to_owned();
        let port = |t: &str| {
            values::port(t).ok_or_else(|| {
                err(
                    line,
                    format!("`{}` is not a port or a port name", super::clip(t)),
                )
            })
        };
        match op.as_str() {
            "eq" | "lt" | "gt" | "neq" => {
                words.next()?;
                let p = port(words.next()?)?;
                values::compare(&op, p)
                    .map(Some)
                    .ok_or_else(|| err(line, format!("`{op} {p}` matches no port")))
            }
            "range" => {
                words.next()?;
                let (from, to) = (port(words.next()?)?, port(words.next()?)?);
                Ok(Some(vec![PortRange { from, to }]))
            }
            "object-group" => {
                let name = words.w.get(words.at + 1).map_or("", String::as_str);
                let is_ports = (self.objects.get(name))
                    .is_some_and(|o| o.kind == "object-group service" && o.proto.is_some());
                if !is_ports {
                    return Ok(None);
                }
                words.next()?;
                words.next()?;
                let services = self.services(name, line, &mut Visit::default())?;
                Ok(Some(
                    services
                        .into_iter()
                        .flat_map(|s| s.ports.unwrap_or_default())
                        .collect(),
                ))
            }
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = ": Saved\nASA Version 9.16(4)\n!\nhostname fw\n\
interface GigabitEthernet0/0\n nameif outside\n security-level 0\n\
object network FE-1\n host 10.0.0.1\nobject network NETS\n subnet 10.1.0.0 255.255.0.0\n\
object network R\n range 10.2.0.1 10.2.0.2\nobject network WEB\n fqdn www.example.com\n\
object-group network FE\n network-object object FE-1\n network-object host 10.0.0.2\n network-object 10.3.0.0 255.255.255.0\n network-object 2001:db8::/64\n group-object INNER\n\
object-group network INNER\n network-object object R\n\
object service SIP\n service tcp destination eq sip\n\
object-group service WEBPORTS tcp\n port-object eq www\n port-object range 8000 8080\n\
object-group service MIXED\n service-object tcp destination eq https\n service-object udp destination range 50000 59999\n service-object object SIP\n\
object-group protocol TCPUDP\n protocol-object tcp\n protocol-object udp\n\
access-list IN remark rule-a\n\
access-list IN extended permit tcp any4 object-group FE object-group WEBPORTS\n\
access-list IN extended deny tcp host 192.0.2.1 any eq 22 log\n\
access-list IN extended permit object-group MIXED object NETS object-group FE\n\
access-list IN extended permit object SIP any any inactive\n\
access-list IN extended permit tcp 10.9.0.0 255.255.0.0 eq 53 any gt 1023\n\
access-list IN extended permit udp any object WEB neq 53\n\
access-list IN extended permit object-group TCPUDP any any lt 1024 time-range WORK\n\
access-list IN extended permit icmp any any\n\
access-list G extended deny ip any any\n\
access-list S standard permit 10.0.0.0 255.0.0.0\n\
access-group IN in interface outside\naccess-group G global\n";

    #[test]
    fn objects_groups_services_and_acls() {
        let c = parse(CONFIG).unwrap();
        assert_eq!(
            c.groups,
            [
                ("IN".to_owned(), Bound::In("outside".into())),
                ("G".to_owned(), Bound::Global)
            ]
        );
        let rows = &c.acls["IN"];
        let first: Vec<&ExistingRule> = rows.iter().filter(|r| r.line == 37).collect();
        // Port 80 and 8000-8080 to FE-1, 10.0.0.2, 10.3.0.0/24, 2001:db8::/64 and R's two hosts.
        assert_eq!(first.len(), 2);
        assert!(matches!(&first[0].destination, Match::Nets(n) if n.len() == 6));
        assert_eq!(first[0].ports, Some(PortRange::single(80)));
        assert!(matches!(&first[0].source, Match::Nets(n) if n[0].to_string() == "0.0.0.0/0"));
        let deny: Vec<&ExistingRule> = rows.iter().filter(|r| r.line == 38).collect();
        assert!(
            deny.len() == 1 && !deny[0].allow && deny[0].destination == Match::Any,
            "{deny:?}"
        );
        // https, 50000-59999 over UDP, and SIP's 5060.
        let mixed: Vec<Option<PortRange>> = rows
            .iter()
            .filter(|r| r.line == 39)
            .map(|r| r.ports)
            .collect();
        assert_eq!(mixed.len(), 3);
        assert!(rows.iter().all(|r| r.line != 40), "inactive");
        // Source ports, an fqdn object and a time range are noted, not judged.
        let lines: Vec<usize> = c.unjudged.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [41, 42, 43]);
        assert!(rows.iter().filter(|r| r.line == 41).all(|r| r.unjudged));
        let lt: Vec<&ExistingRule> = rows.iter().filter(|r| r.line == 43).collect();
        assert_eq!(lt.len(), 2);
        assert_eq!(lt[0].ports, Some(PortRange { from: 0, to: 1023 }));
        assert!(
            rows.iter().all(|r| r.line != 44),
            "ICMP matches no TCP or UDP rule"
        );
        assert_eq!(c.acls["G"].len(), 1);
        assert!(!c.acls.contains_key("S"));
    }

    #[test]
    fn unreadable_access_lists_are_errors_with_their_line() {
        let bad = [
            (
                "access-list A extended permit tcp any any eq nosuchport\n",
                "not a port",
            ),
            (
                "access-list A extended permit tcp any object-group NOPE eq 80\n",
                "no object",
            ),
            (
                "access-list A extended allow tcp any any\n",
                "expected permit or deny",
            ),
            ("access-list A extended permit tcp any\n", "ends too early"),
            (
                "access-list A extended permit tcp any any eq 80 bogus\n",
                "unexpected `bogus`",
            ),
            ("access-list A bogus\n", "not an access list line"),
            (
                "object-group network L\n group-object L\naccess-list A extended permit ip object-group L any\n",
                "loops",
            ),
        ];
        for (text, want) in bad {
            let e = parse(&format!("hostname x\n{text}")).unwrap_err();
            assert!(e.line >= 2, "{text}: line {}", e.line);
            assert!(e.message.contains(want), "{text}: {}", e.message);
        }
    }
}
