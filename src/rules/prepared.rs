//! What a derivation needs from the catalog alone, for one product: the requirements that apply
//! with their shared texts, numbered endpoint kinds, and lookups by role. Built once per catalog
//! and product (`Catalog::prepared`), not at every derivation: it was most of deriving a small
//! plan.

use std::sync::Arc;

use super::Origin;
use crate::catalog::{Catalog, Requirement, Side};
use crate::topology::{LbMode, Product};

/// The LB modes in declaration order, as endpoint kinds are listed for them.
pub(super) const LB_MODES: [LbMode; 4] = [
    LbMode::Single,
    LbMode::Dns,
    LbMode::DnsAndHlb,
    LbMode::HlbOnly,
];

/// The catalog's part of every derivation for one product.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    /// The requirements that apply to the product, in catalog order.
    pub(super) reqs: Vec<Prepped>,
    /// Places in `reqs` by source role rank times the number of roles plus destination role
    /// rank, in catalog order.
    pub(super) by_roles: Vec<Vec<usize>>,
    /// Places in `reqs` with an "Any" side, by the role rank of the other side.
    pub(super) intrinsic: Vec<Vec<usize>>,
    /// Role ids by role rank.
    pub(super) role_names: Vec<Arc<str>>,
    /// Endpoint kind names by number.
    pub(super) kinds: Vec<Arc<str>>,
    /// By role rank, the numbers of the endpoint kinds it uses; the first is its first
    /// endpoint (custom rules and "Any" peers use it).
    pub(super) role_kinds: Vec<Vec<usize>>,
    /// By role rank, the place of its first endpoint kind: 0, or `None` when it has none.
    pub(super) first_kind: Vec<Option<usize>>,
    /// `Prepped::rank` for hand-written rules.
    pub(super) custom_rank: u32,
}

/// A requirement with the texts its rules share, and the endpoint kind each of its role sides
/// uses for a node of each LB mode, as a place in its role's kinds (`Prepared::role_kinds`).
#[derive(Clone, Debug)]
pub(super) struct Prepped {
    /// Its place in `Catalog::requirements`.
    pub(super) index: usize,
    pub(super) origin: Arc<Origin>,
    /// Where its rules' ids come among other rules' ids with the same two ends (see
    /// `id_ranks`).
    pub(super) rank: u32,
    /// For an "Any" side, the roles that stand in for it when linked, by rank.
    pub(super) via: Vec<usize>,
    /// Source side, then destination side; by `LbMode` in declaration order.
    kinds: [[usize; LB_MODES.len()]; 2],
}

impl Prepared {
    pub(crate) fn new(catalog: &Catalog, product: Product) -> Self {
        let mut kinds = Kinds::default();
        let mut role_kinds: Vec<Vec<usize>> = catalog
            .roles()
            .iter()
            .map(|r| {
                r.endpoints
                    .iter()
                    .take(1)
                    .map(|k| kinds.number(&k.id))
                    .collect()
            })
            .collect();
        let first_kind = catalog
            .roles()
            .iter()
            .map(|r| (!r.endpoints.is_empty()).then_some(0))
            .collect();
        let rows = catalog.requirements();
        let mut reqs: Vec<Prepped> = (rows.iter().enumerate())
            .filter(|(_, r)| r.products.is_empty() || r.products.contains(&product))
            .map(|(i, r)| Prepped::new(catalog, i, r, &mut kinds, &mut role_kinds))
            .collect();
        let (ranks, custom_rank) = id_ranks(&reqs, rows);
        for (req, rank) in reqs.iter_mut().zip(ranks) {
            req.rank = rank;
        }
        let (by_roles, intrinsic) = by_roles(&reqs, catalog);
        Self {
            reqs,
            by_roles,
            intrinsic,
            role_names: catalog
                .roles()
                .iter()
                .map(|r| Arc::from(r.id.as_str()))
                .collect(),
            kinds: kinds.names,
            role_kinds,
            first_kind,
            custom_rank,
        }
    }
}

impl Prepped {
    /// The place, in its role's kinds, of the endpoint kind the source (`side` 0) or the
    /// destination (1) uses on a node of `lb`.
    pub(super) fn kind(&self, side: usize, lb: LbMode) -> usize {
        self.kinds[side][lb as usize]
    }

    /// The `index`th requirement `r` with its shared texts, numbering the endpoint kinds it
    /// uses and giving each a place in its role's kinds. Its `rank` is set later.
    fn new(
        catalog: &Catalog,
        index: usize,
        r: &Requirement,
        kinds: &mut Kinds,
        role_kinds: &mut [Vec<usize>],
    ) -> Self {
        Self {
            index,
            rank: 0,
            origin: Arc::new(Origin::of(catalog, r)),
            via: [&r.source, &r.destination]
                .into_iter()
                .flat_map(|side| match side {
                    Side::Any { via, .. } => via.as_slice(),
                    Side::Role { .. } => &[],
                })
                .filter_map(|id| catalog.role_rank(id))
                .collect(),
            kinds: [&r.source, &r.destination].map(|side| match side {
                Side::Role { role, endpoint } => match catalog.role_rank(role) {
                    Some(rank) => LB_MODES.map(|lb| {
                        let kind = kinds.number(endpoint.resolve(lb));
                        let list = &mut role_kinds[rank];
                        list.iter().position(|&k| k == kind).unwrap_or_else(|| {
                            list.push(kind);
                            list.len() - 1
                        })
                    }),
                    None => [usize::MAX; LB_MODES.len()],
                },
                Side::Any { .. } => [usize::MAX; LB_MODES.len()],
            }),
        }
    }
}

/// The requirements (by their place in `reqs`) between each pair of roles, by source role
/// rank times the number of roles plus destination role rank, and each role's with an "Any"
/// side, both in catalog order.
fn by_roles(reqs: &[Prepped], catalog: &Catalog) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let roles = catalog.roles().len();
    let mut by_roles = vec![Vec::new(); roles * roles];
    let mut intrinsic = vec![Vec::new(); roles];
    for (i, r) in reqs.iter().enumerate() {
        let row = &catalog.requirements()[r.index];
        match (&row.source, &row.destination) {
            (Side::Role { role: s, .. }, Side::Role { role: d, .. }) => {
                if let (Some(s), Some(d)) = (catalog.role_rank(s), catalog.role_rank(d)) {
                    by_roles[s * roles + d].push(i);
                }
            }
            (Side::Any { .. }, Side::Role { role, .. })
            | (Side::Role { role, .. }, Side::Any { .. }) => {
                if let Some(role) = catalog.role_rank(role) {
                    intrinsic[role].push(i);
                }
            }
            (Side::Any { .. }, Side::Any { .. }) => {}
        }
    }
    (by_roles, intrinsic)
}

/// Endpoint kind names, numbered in the order first seen.
#[derive(Default)]
struct Kinds {
    names: Vec<Arc<str>>,
}

impl Kinds {
    /// The number of `name`, given one if it has none (a catalog has a few dozen kinds).
    fn number(&mut self, name: &str) -> usize {
        if let Some(i) = self.names.iter().position(|n| **n == *name) {
            return i;
        }
        self.names.push(name.into());
        self.names.len() - 1
    }
}

/// For each requirement, and then for hand-written rules, a rank ordering the ids of rules
/// with the same two ends as their text would: ids are `requirement:source>destination`
/// (`custom:a-b:n`), so with the same ends the order of `requirement:` decides, unless one
/// is the start of another. Those share a rank, and the sort compares their ids.
fn id_ranks(reqs: &[Prepped], rows: &[Requirement]) -> (Vec<u32>, u32) {
    let custom = reqs.len();
    let mut heads: Vec<(String, usize)> = reqs
        .iter()
        .map(|r| format!("{}:", rows[r.index].id))
        .chain(std::iter::once("custom:".to_owned()))
        .enumerate()
        .map(|(i, head)| (head, i))
        .collect();
    heads.sort();
    let mut ranks = vec![0; custom + 1];
    let (mut rank, mut group) = (0u32, None::<&str>);
    for (head, i) in &heads {
        if !group.is_some_and(|g| head.starts_with(g)) {
            rank += 1;
            group = Some(head);
        }
        ranks[*i] = rank;
    }
    let custom_rank = ranks.pop().unwrap_or(0);
    (ranks, custom_rank)
}
