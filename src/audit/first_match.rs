//! A firewall read as it evaluates: rows in file order, the first row that matches a packet
//! decides, and a packet no row matches is dropped. A required rule's traffic (sources x
//! destinations x ports) is followed through the rows as the pieces still undecided; each row
//! takes the pieces it matches and allows or denies them. Families stay apart: an IPv4 row never
//! matches IPv6 traffic, and Microsoft's "Any" end is the whole of the other end's family.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::import::{ExistingRule, Match};
use super::index::NetIndex;
use crate::net::{IpNet, PortRange, Transport};

/// Most undecided pieces followed for one source/destination pair. Beyond it a row is no longer
/// cut out of them: what is left is then a superset of the undecided traffic, so a rule may be
/// called partial or missing too readily, but never covered where it is not.
const MAX_PIECES: usize = 256;

/// What the rows do to one source/destination pair of a required rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// All of its traffic is allowed.
    Allowed,
    /// Some allowed, some denied.
    Mixed,
    /// None allowed.
    Denied,
}

/// The whole address space of a family.
pub(super) fn whole(v4: bool) -> IpNet {
    IpNet {
        addr: if v4 {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            IpAddr::V6(Ipv6Addr::UNSPECIFIED)
        },
        prefix: 0,
    }
}

/// Addresses of one family, as a closed interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    v4: bool,
    lo: u128,
    hi: u128,
}

impl Span {
    fn of(n: &IpNet) -> Self {
        let (lo, hi) = n.bounds();
        Self {
            v4: n.is_ipv4(),
            lo,
            hi,
        }
    }

    fn meet(self, o: Self) -> Option<Self> {
        (self.v4 == o.v4 && self.lo <= o.hi && o.lo <= self.hi).then(|| Self {
            v4: self.v4,
            lo: self.lo.max(o.lo),
            hi: self.hi.min(o.hi),
        })
    }

    /// The parts of `self` outside `inner`, which lies within it.
    fn outside(self, inner: Self) -> impl Iterator<Item = Self> {
        let left = (inner.lo > self.lo).then(|| Self {
            hi: inner.lo - 1,
            ..self
        });
        let right = (inner.hi < self.hi).then(|| Self {
            lo: inner.hi + 1,
            ..self
        });
        left.into_iter().chain(right)
    }
}

/// Ports as a closed interval.
type Ports = (u16, u16);

fn port_meet(a: Ports, b: Ports) -> Option<Ports> {
    (a.0 <= b.1 && b.0 <= a.1).then(|| (a.0.max(b.0), a.1.min(b.1)))
}

fn ports_outside(a: Ports, inner: Ports) -> impl Iterator<Item = Ports> {
    let left = (inner.0 > a.0).then(|| (a.0, inner.0 - 1));
    let right = (inner.1 < a.1).then(|| (inner.1 + 1, a.1));
    left.into_iter().chain(right)
}

/// Traffic: sources x destinations x ports.
#[derive(Clone, Copy, Debug)]
struct Cube {
    s: Span,
    d: Span,
    p: Ports,
}

impl Cube {
    /// The part of `self` in `other`, if any.
    fn meet(&self, other: &Self) -> Option<Self> {
        Some(Self {
            s: self.s.meet(other.s)?,
            d: self.d.meet(other.d)?,
            p: port_meet(self.p, other.p)?,
        })
    }

    /// `self` without `other`: at most six pieces.
    fn minus(self, other: &Self, out: &mut Vec<Self>) {
        let Some(m) = self.meet(other) else {
            out.push(self);
            return;
        };
        out.extend(self.s.outside(m.s).map(|s| Self { s, ..self }));
        out.extend(self.d.outside(m.d).map(|d| Self { s: m.s, d, ..self }));
        out.extend(ports_outside(self.p, m.p).map(|p| Self { s: m.s, d: m.d, p }));
    }
}

fn spans(m: &Match) -> Vec<Span> {
    match m {
        Match::Any => vec![Span::of(&whole(true)), Span::of(&whole(false))],
        Match::Nets(nets) => nets.iter().map(Span::of).collect(),
    }
}

/// Most cubes (source x destination networks of one row, within one piece) cut out exactly; a
/// row naming more is only dropped where it matches a piece whole (see [`MAX_PIECES`]).
const MAX_CUBES: usize = 64;

/// A row's address lists as spans, and its ports.
struct RowSpans {
    s: Vec<Span>,
    d: Vec<Span>,
    p: Ports,
}

impl RowSpans {
    fn new(row: &ExistingRule) -> Self {
        Self {
            s: spans(&row.source),
            d: spans(&row.destination),
            p: row.ports.map_or((1, 65535), |r| (r.from, r.to)),
        }
    }

    /// `piece` without what the row matches, added to `out`; `work` counts comparisons. Never
    /// the row's whole source x destination product: only the networks that meet the piece.
    fn cut(&self, piece: Cube, out: &mut Vec<Cube>, work: &mut u64) {
        *work += (self.s.len() + self.d.len()) as u64;
        let s: Vec<Span> = self.s.iter().filter_map(|x| x.meet(piece.s)).collect();
        let d: Vec<Span> = self.d.iter().filter_map(|x| x.meet(piece.d)).collect();
        if s.is_empty() || d.is_empty() || port_meet(self.p, piece.p).is_none() {
            out.push(piece);
            return;
        }
        let whole = s.contains(&piece.s) && d.contains(&piece.d);
        if whole && port_meet(self.p, piece.p) == Some(piece.p) {
            return;
        }
        if s.len() * d.len() > MAX_CUBES {
            out.push(piece);
            return;
        }
        let mut pieces = vec![piece];
        let mut next = Vec::new();
        for &cs in &s {
            for &cd in &d {
                next.clear();
                let c = Cube {
                    s: cs,
                    d: cd,
                    p: self.p,
                };
                *work += pieces.len() as u64;
                for p in &pieces {
                    p.minus(&c, &mut next);
                }
                std::mem::swap(&mut pieces, &mut next);
            }
        }
        out.extend(pieces);
    }

    /// The parts of `piece` the row matches (overlapping when the row's networks overlap).
    /// False when the row names too many networks to take them apart ([`MAX_CUBES`]).
    fn matched(&self, piece: Cube, out: &mut Vec<Cube>) -> bool {
        let s: Vec<Span> = self.s.iter().filter_map(|x| x.meet(piece.s)).collect();
        let d: Vec<Span> = self.d.iter().filter_map(|x| x.meet(piece.d)).collect();
        if s.len() * d.len() > MAX_CUBES {
            return false;
        }
        for &s in &s {
            for &d in &d {
                let c = Cube { s, d, p: self.p };
                out.extend(piece.meet(&c));
            }
        }
        true
    }

    fn meets(&self, piece: &Cube) -> bool {
        port_meet(self.p, piece.p).is_some()
            && self.s.iter().any(|x| x.meet(piece.s).is_some())
            && self.d.iter().any(|x| x.meet(piece.d).is_some())
    }
}

/// One source/destination pair of a required rule: its networks, and whether each is
/// Microsoft's "Any" (the whole family).
#[derive(Clone, Copy, Debug)]
pub(super) struct Pair {
    pub s: IpNet,
    pub d: IpNet,
    pub s_any: bool,
    pub d_any: bool,
}

impl Pair {
    /// True when `row` can decide this pair. On an "Any" end only a row that matches the whole
    /// family there does: a row naming some hosts on that side neither covers nor blocks
    /// Microsoft's "Any" (a rule to one Internet host is not a part of "to any host").
    fn takes(&self, row: &ExistingRule) -> bool {
        (!self.s_any || covers_whole(&row.source, self.s))
            && (!self.d_any || covers_whole(&row.destination, self.d))
    }
}

/// True when `m` matches every address of `family`'s family.
pub(super) fn covers_whole(m: &Match, family: IpNet) -> bool {
    match m {
        Match::Any => true,
        Match::Nets(nets) => nets.iter().any(|n| n.contains(&family)),
    }
}

/// True when `m` matches every address of one family at least.
pub(super) fn whole_somewhere(m: &Match) -> bool {
    covers_whole(m, whole(true)) || covers_whole(m, whole(false))
}

/// Follow the traffic of `pair` on `ports` through `rows`, which hold in file order at least
/// every row that can match it. `work` counts the comparisons made. A row that skips ahead (a
/// chain's `return`) sets the traffic it matches aside until its target row; a row with a match
/// the audit cannot judge never allows, and denies what it may match.
pub(super) fn evaluate<'a>(
    pair: Pair,
    transport: Transport,
    ports: PortRange,
    rows: impl IntoIterator<Item = &'a ExistingRule>,
    work: &mut u64,
) -> Verdict {
    let mut pieces = vec![Cube {
        s: Span::of(&pair.s),
        d: Span::of(&pair.d),
        p: (ports.from, ports.to),
    }];
    // Pieces skipping ahead: (the row they continue at, the piece).
    let mut parked: Vec<(usize, Cube)> = Vec::new();
    let (mut allowed, mut denied) = (false, false);
    let mut next = Vec::new();
    for row in rows {
        *work += 1 + parked.len() as u64;
        if !parked.is_empty() {
            rejoin(&mut parked, &mut pieces, Some(row.seq));
        }
        // An allow the audit cannot judge may not apply: the traffic goes on.
        let judged_allow = row.allow && !row.unjudged && row.skip_to.is_none();
        if (row.allow && !judged_allow && row.skip_to.is_none())
            || row.transport.is_some_and(|t| t != transport)
            || !pair.takes(row)
        {
            continue;
        }
        let row_spans = RowSpans::new(row);
        *work += pieces.len() as u64;
        if !pieces.iter().any(|p| row_spans.meets(p)) {
            continue;
        }
        let skip = row.skip_to.filter(|_| !row.unjudged);
        if skip.is_none() {
            if judged_allow {
                allowed = true;
            } else {
                denied = true;
            }
            if allowed && denied {
                return Verdict::Mixed;
            }
        }
        next.clear();
        for &p in &pieces {
            row_spans.cut(p, &mut next, work);
        }
        // Past the bound the pieces are kept uncut: a superset of what is undecided (a skip
        // not made then counts as a deny, so nothing it would skip can count as allowed).
        if next.len() > MAX_PIECES {
            if skip.is_some() {
                denied = true;
                if allowed {
                    return Verdict::Mixed;
                }
            }
            continue;
        }
        if let Some(to) = skip {
            let mut taken = Vec::new();
            let exact = pieces.iter().all(|p| row_spans.matched(*p, &mut taken));
            if !exact || parked.len() + taken.len() > MAX_PIECES {
                denied = true;
                if allowed {
                    return Verdict::Mixed;
                }
                continue;
            }
            parked.extend(taken.into_iter().map(|m| (to, m)));
        }
        std::mem::swap(&mut pieces, &mut next);
        if pieces.is_empty() && parked.is_empty() {
            break;
        }
    }
    // Traffic still set aside continues past the last row given: no row matches it.
    rejoin(&mut parked, &mut pieces, None);
    if pieces.is_empty() && !denied {
        return Verdict::Allowed;
    }
    // What no row matched is dropped.
    if allowed {
        Verdict::Mixed
    } else {
        Verdict::Denied
    }
}

/// Pieces set aside whose target is at or before `at` (all, for `None`) back among `pieces`.
fn rejoin(parked: &mut Vec<(usize, Cube)>, pieces: &mut Vec<Cube>, at: Option<usize>) {
    parked.retain(|&(to, p)| {
        let back = at.is_none_or(|at| to <= at);
        if back {
            pieces.push(p);
        }
        !back
    });
}

/// The rows by the networks they name, to find the rows that can decide a pair without reading
/// every row: by destination (rows to any destination by source), and for a pair with an "Any"
/// end, the rows that match the whole family on that end, by their other end. Rows that name no
/// network on the side looked up ("any" there) are found by port instead.
pub(super) struct RowIndex<'a> {
    by_destination: Side<'a>,
    any_destination_by_source: Side<'a>,
    whole_source_by_destination: Side<'a>,
    whole_destination_by_source: Side<'a>,
}

/// Rows by the networks of one end, and those with "any" there by port.
struct Side<'a> {
    nets: NetIndex<'a, ExistingRule>,
    any: PortRows<'a>,
}

impl<'a> Side<'a> {
    fn new(rows: impl Iterator<Item = &'a ExistingRule>, end: fn(&ExistingRule) -> &Match) -> Self {
        let (any, named): (Vec<_>, Vec<_>) = rows.partition(|r| *end(r) == Match::Any);
        Self {
            nets: NetIndex::new(named, |r| nets(end(r))),
            any: PortRows::new(any),
        }
    }

    fn find(&self, n: IpNet, ports: PortRange, out: &mut Vec<&'a ExistingRule>) {
        out.extend(self.nets.overlapping(n));
        self.any.find(ports, out);
    }
}

/// Rows by port: single ports in a map, ranges (and "any port") in a list.
struct PortRows<'a> {
    single: BTreeMap<u16, Vec<&'a ExistingRule>>,
    ranges: Vec<&'a ExistingRule>,
}

impl<'a> PortRows<'a> {
    fn new(rows: Vec<&'a ExistingRule>) -> Self {
        let mut index = Self {
            single: BTreeMap::new(),
            ranges: Vec::new(),
        };
        for row in rows {
            match row.ports {
                Some(p) if p.from == p.to => index.single.entry(p.from).or_default().push(row),
                _ => index.ranges.push(row),
            }
        }
        index
    }

    fn find(&self, ports: PortRange, out: &mut Vec<&'a ExistingRule>) {
        out.extend(
            self.single
                .range(ports.from..=ports.to)
                .flat_map(|(_, v)| v.iter().copied()),
        );
        out.extend(self.ranges.iter().copied().filter(|r| {
            r.ports
                .is_none_or(|p| p.from <= ports.to && ports.from <= p.to)
        }));
    }
}

fn nets(m: &Match) -> Option<Vec<IpNet>> {
    match m {
        Match::Any => None,
        Match::Nets(nets) => Some(nets.clone()),
    }
}

fn source(r: &ExistingRule) -> &Match {
    &r.source
}

fn destination(r: &ExistingRule) -> &Match {
    &r.destination
}

impl<'a> RowIndex<'a> {
    pub(super) fn new(rows: &'a [ExistingRule]) -> Self {
        Self {
            by_destination: Side::new(rows.iter(), destination),
            any_destination_by_source: Side::new(
                rows.iter().filter(|r| r.destination == Match::Any),
                source,
            ),
            whole_source_by_destination: Side::new(
                rows.iter().filter(|r| whole_somewhere(&r.source)),
                destination,
            ),
            whole_destination_by_source: Side::new(
                rows.iter().filter(|r| whole_somewhere(&r.destination)),
                source,
            ),
        }
    }

    /// At least every row that can decide `pair` on `ports`, in file order.
    pub(super) fn candidates(&self, pair: &Pair, ports: PortRange) -> Vec<&'a ExistingRule> {
        let mut out = Vec::new();
        match (pair.s_any, pair.d_any) {
            (true, _) => self
                .whole_source_by_destination
                .find(pair.d, ports, &mut out),
            (false, true) => self
                .whole_destination_by_source
                .find(pair.s, ports, &mut out),
            (false, false) => {
                // Rows to "any" destination are in both sides; the named ones by source.
                out.extend(self.by_destination.nets.overlapping(pair.d));
                self.any_destination_by_source.find(pair.s, ports, &mut out);
            }
        }
        in_file_order(out)
    }
}

/// The rows all lie in one slice, so their addresses are in its (the file's) order.
fn in_file_order(mut rows: Vec<&ExistingRule>) -> Vec<&ExistingRule> {
    rows.sort_unstable_by_key(|r| std::ptr::from_ref(*r).addr());
    rows.dedup_by_key(|r| std::ptr::from_ref(*r).addr());
    rows
}
