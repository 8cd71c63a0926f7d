//! What one netfilter or ASA rule matches, as far as the audit follows it (families,
//! protocols, addresses, destination ports; matches it cannot judge; never a new connection),
//! the conjunction of two (a rule under a jump), and the rows it becomes.

use super::Families;
use super::first_match::whole;
use super::import::{ExistingRule, Match};
use crate::net::{IpNet, PortRange, Transport};

/// What one rule matches, as far as the audit follows it.
#[derive(Clone, Debug)]
pub(super) struct Cond {
    /// The families it can match.
    pub v4: bool,
    pub v6: bool,
    /// `None`: any protocol; otherwise these (empty: none of TCP and UDP).
    pub protos: Option<Vec<Transport>>,
    pub src: Match,
    pub dst: Match,
    /// `None`: any destination port.
    pub ports: Option<Vec<PortRange>>,
    /// Matches the audit cannot judge, as written (`-i eth0`, `meta mark 0x1`).
    pub unjudged: Vec<String>,
    /// Matches no new TCP or UDP connection (`ct state established`, ICMP).
    pub never: bool,
}

impl Cond {
    /// Every packet of the families.
    pub fn all(families: Families) -> Self {
        Self {
            v4: families.v4,
            v6: families.v6,
            protos: None,
            src: Match::Any,
            dst: Match::Any,
            ports: None,
            unjudged: Vec::new(),
            never: false,
        }
    }

    /// Both conditions; `work` counts the network pairs compared.
    pub(super) fn and(&self, o: &Self, work: &mut u64) -> Self {
        let protos = match (&self.protos, &o.protos) {
            (None, x) | (x, None) => x.clone(),
            (Some(a), Some(b)) => Some(a.iter().copied().filter(|t| b.contains(t)).collect()),
        };
        let ports = match (&self.ports, &o.ports) {
            (None, x) | (x, None) => x.clone(),
            (Some(a), Some(b)) => {
                *work += (a.len() * b.len()) as u64;
                let mut out = Vec::new();
                for x in a {
                    for y in b {
                        let (from, to) = (x.from.max(y.from), x.to.min(y.to));
                        if from <= to {
                            out.push(PortRange { from, to });
                        }
                    }
                }
                Some(out)
            }
        };
        let mut unjudged = self.unjudged.clone();
        unjudged.extend(o.unjudged.iter().cloned());
        let src = meet(&self.src, &o.src, work);
        let dst = meet(&self.dst, &o.dst, work);
        let empty = |m: &Match| matches!(m, Match::Nets(n) if n.is_empty());
        Self {
            v4: self.v4 && o.v4,
            v6: self.v6 && o.v6,
            never: self.never
                || o.never
                || empty(&src)
                || empty(&dst)
                || protos.as_ref().is_some_and(Vec::is_empty)
                || ports.as_ref().is_some_and(Vec::is_empty),
            protos,
            src,
            dst,
            ports,
            unjudged,
        }
    }

    /// The rows of this condition with `allow`, one per protocol and port range, families kept
    /// apart; none when it matches nothing the audit follows.
    pub(super) fn rows(
        &self,
        line: usize,
        allow: bool,
        skip_to: Option<usize>,
    ) -> Vec<ExistingRule> {
        let (Some(src), Some(dst)) = (self.family(&self.src), self.family(&self.dst)) else {
            return Vec::new();
        };
        if self.never || !(self.v4 || self.v6) {
            return Vec::new();
        }
        let protos: Vec<Option<Transport>> = match &self.protos {
            None => vec![None],
            Some(list) => list.iter().copied().map(Some).collect(),
        };
        let ports: Vec<Option<PortRange>> = match &self.ports {
            None => vec![None],
            Some(list) => list.iter().copied().map(Some).collect(),
        };
        let mut out = Vec::new();
        for &transport in &protos {
            for &ports in &ports {
                out.push(ExistingRule {
                    line,
                    allow,
                    transport,
                    source: src.clone(),
                    destination: dst.clone(),
                    ports,
                    skip_to,
                    unjudged: !self.unjudged.is_empty(),
                    seq: 0,
                });
            }
        }
        out
    }

    /// `m` within the families the condition matches; `None` when nothing is left.
    fn family(&self, m: &Match) -> Option<Match> {
        let keep = |n: &IpNet| if n.is_ipv4() { self.v4 } else { self.v6 };
        match m {
            Match::Any if self.v4 && self.v6 => Some(Match::Any),
            Match::Any => Some(Match::Nets(vec![whole(self.v4)])),
            Match::Nets(nets) => {
                let nets: Vec<IpNet> = nets.iter().copied().filter(keep).collect();
                (!nets.is_empty()).then_some(Match::Nets(nets))
            }
        }
    }
}

/// The addresses both match: for each pair of networks, the narrower when one holds the other.
pub(super) fn meet(a: &Match, b: &Match, work: &mut u64) -> Match {
    match (a, b) {
        (Match::Any, x) | (x, Match::Any) => x.clone(),
        (Match::Nets(a), Match::Nets(b)) => {
            *work += (a.len() * b.len()) as u64;
            let mut out = Vec::new();
            for x in a {
                for y in b {
                    if x.contains(y) {
                        out.push(*y);
                    } else if y.contains(x) {
                        out.push(*x);
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            Match::Nets(out)
        }
    }
}
