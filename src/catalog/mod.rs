//! The catalog of roles and port requirements, loaded from `assets/catalog.ron`.
//! It owns the data and its lookups; deciding which rules a plan needs is `rules/`.

mod ids;
mod model;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use ids::{EndpointId, RequirementId, RoleId};
pub use model::{
    CatalogData, Condition, Conflict, EndpointKind, Flag, MustLink, Reach, Requirement, Role,
    Scope, Select, Side, Source, Text,
};

use crate::file_text::{self, FileTextError};
use crate::topology::{LbMode, Product};

/// The catalog built into the binary.
pub const BUILTIN_RON: &str = include_str!("../../assets/catalog.ron");

/// Why a catalog could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file could not be read.
    #[error(transparent)]
    File(#[from] FileTextError),
    /// The text is not a valid catalog document.
    #[error("{origin}:{line}:{col}: {message}")]
    Parse {
        /// File name or `<built-in catalog>`.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The document parsed but breaks a rule of the catalog.
    #[error("{origin}: invalid catalog: {message}")]
    Invalid {
        /// File name or `<built-in catalog>`.
        origin: String,
        /// What is wrong, naming the row.
        message: String,
    },
}

/// A validated catalog with indexes for lookups.
#[derive(Clone, Debug)]
pub struct Catalog {
    data: CatalogData,
    /// Role pairs some requirement connects, both ways round (directly or through an "Any"
    /// side's `via`).
    talking: BTreeMap<String, BTreeSet<String>>,
    /// Requirements by source role and destination role, as places in `requirements()`.
    between: BTreeMap<RoleId, BTreeMap<RoleId, Vec<usize>>>,
    /// Requirements with an "Any" side, by the role of the other side.
    with_any: BTreeMap<RoleId, Vec<usize>>,
    /// Places in `data.roles`, `data.sources` and `data.conflicts` by id: a derivation looks
    /// them up for every rule.
    roles: BTreeMap<String, usize>,
    sources: BTreeMap<String, usize>,
    conflicts: BTreeMap<String, usize>,
}

impl Catalog {
    /// The built-in catalog. It is checked by tests, so failure here is a build defect.
    pub fn builtin() -> Result<Self, CatalogError> {
        Self::from_ron(BUILTIN_RON, "<built-in catalog>")
    }

    /// Load and validate a catalog file.
    pub fn load(path: &Path) -> Result<Self, CatalogError> {
        let text = file_text::read(path)?;
        Self::from_ron(&text, &path.display().to_string())
    }

    /// Parse and validate catalog text; `origin` names it in errors.
    pub fn from_ron(text: &str, origin: &str) -> Result<Self, CatalogError> {
        let data: CatalogData =
            ron::Options::default()
                .from_str(text)
                .map_err(|e| CatalogError::Parse {
                    origin: origin.to_owned(),
                    line: e.span.start.line,
                    col: e.span.start.col,
                    message: e.code.to_string(),
                })?;
        validate::check(&data).map_err(|message| CatalogError::Invalid {
            origin: origin.to_owned(),
            message,
        })?;
        let mut talking: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut between: BTreeMap<RoleId, BTreeMap<RoleId, Vec<usize>>> = BTreeMap::new();
        let mut with_any: BTreeMap<RoleId, Vec<usize>> = BTreeMap::new();
        for (i, r) in data.requirements.iter().enumerate() {
            for s in side_roles(&r.source) {
                for d in side_roles(&r.destination) {
                    talking
                        .entry(s.to_owned())
                        .or_default()
                        .insert(d.to_owned());
                    talking
                        .entry(d.to_owned())
                        .or_default()
                        .insert(s.to_owned());
                }
            }
            match (&r.source, &r.destination) {
                (Side::Role { role: s, .. }, Side::Role { role: d, .. }) => {
                    let by_destination = between.entry(s.clone()).or_default();
                    by_destination.entry(d.clone()).or_default().push(i);
                }
                (Side::Any { .. }, Side::Role { role, .. })
                | (Side::Role { role, .. }, Side::Any { .. }) => {
                    with_any.entry(role.clone()).or_default().push(i);
                }
                (Side::Any { .. }, Side::Any { .. }) => {}
            }
        }
        let places = |ids: Vec<&str>| -> BTreeMap<String, usize> {
            (ids.into_iter().enumerate())
                .map(|(i, id)| (id.to_owned(), i))
                .collect()
        };
        let roles = places(data.roles.iter().map(|r| r.id.as_str()).collect());
        let sources = places(data.sources.iter().map(|s| s.id.as_str()).collect());
        let conflicts = places(data.conflicts.iter().map(|c| c.id.as_str()).collect());
        Ok(Self {
            data,
            talking,
            between,
            with_any,
            roles,
            sources,
            conflicts,
        })
    }

    /// The raw data.
    pub fn data(&self) -> &CatalogData {
        &self.data
    }

    /// `id@version`, as exports cite it.
    pub fn label(&self) -> String {
        format!("{}@{}", self.data.id, self.data.version)
    }

    /// A role by id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.get(id).map(|&i| &self.data.roles[i])
    }

    /// Every role, in catalog order.
    pub fn roles(&self) -> &[Role] {
        &self.data.roles
    }

    /// Every requirement, in catalog order.
    pub fn requirements(&self) -> &[Requirement] {
        &self.data.requirements
    }

    /// The requirements from role `source` to role `destination`, in catalog order, each with
    /// its place in [`Catalog::requirements`].
    pub fn requirements_between(
        &self,
        source: &str,
        destination: &str,
    ) -> impl Iterator<Item = (usize, &Requirement)> {
        let places = (self.between.get(source))
            .and_then(|by_destination| by_destination.get(destination))
            .map_or(&[][..], Vec::as_slice);
        places.iter().map(|&i| (i, &self.data.requirements[i]))
    }

    /// The requirements between role `role` and "Any", in catalog order, each with its place
    /// in [`Catalog::requirements`].
    pub fn requirements_with_any(&self, role: &str) -> impl Iterator<Item = (usize, &Requirement)> {
        let places = self.with_any.get(role).map_or(&[][..], Vec::as_slice);
        places.iter().map(|&i| (i, &self.data.requirements[i]))
    }

    /// A requirement by id.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.data.requirements.iter().find(|r| r.id == id)
    }

    /// A conflict by id.
    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.conflicts.get(id).map(|&i| &self.data.conflicts[i])
    }

    /// A Microsoft page by its id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).map(|&i| &self.data.sources[i])
    }

    /// The members' endpoint kind that a load balancer's VIP `vip` of `role` forwards to: the
    /// `members` of a requirement that balances the two, else the role's member endpoint named
    /// as the VIP without `_vip` (`av_edge_vip` -> `av_edge`, which no requirement balances).
    pub fn vip_members(&self, role: &str, vip: &str) -> Option<&str> {
        let sides = self
            .data
            .requirements
            .iter()
            .flat_map(|r| [&r.source, &r.destination]);
        let balanced = sides.filter_map(|side| match side {
            Side::Role {
                role: r,
                endpoint:
                    Select::Balanced {
                        members, vip: v, ..
                    },
            } if r == role && v == vip => Some(members.as_str()),
            _ => None,
        });
        let named = || {
            let base = vip.strip_suffix("_vip")?;
            let kind = self.role(role)?.endpoint(base)?;
            (kind.scope == Scope::Member).then_some(kind.id.as_str())
        };
        balanced.min().or_else(named)
    }

    /// True when some requirement connects the two roles, directly or through an `Any`
    /// side's `via`.
    pub fn exchange_traffic(&self, a: &str, b: &str) -> bool {
        self.talking.get(a).is_some_and(|peers| peers.contains(b))
    }
}

/// Where Microsoft publishes a page of its docs repository, `MicrosoftDocs/OfficeDocs-SkypeForBusiness`,
/// from the file's path there; `None` for a path outside the two doc sets below.
///
/// - Lync Server 2013: `Lync/LyncServer/NAME.md`. The repository's redirect file
///   (`.openpublishing.redirection.lync.json`) sends every such page to Microsoft's archive of
///   previous versions, `/previous-versions/office/lync-server-2013/NAME`.
/// - Skype for Business Server: `Skype/SfbServer/PATH.md`. `Skype/docfx.json` publishes the
///   `SfbServer` folder at the doc set's root, `/skypeforbusiness/PATH`.
pub fn published_url(path: &str) -> Option<String> {
    const LEARN: &str = "https://learn.microsoft.com/en-us";
    let page = |rest: &str| {
        let name = rest.strip_suffix(".md")?;
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        (!name.is_empty()
            && name
                .split('/')
                .all(|s| !s.is_empty() && s.chars().all(plain)))
        .then(|| name.to_owned())
    };
    if let Some(rest) = path.strip_prefix("Lync/LyncServer/") {
        let name = page(rest).filter(|n| !n.contains('/'))?;
        return Some(format!(
            "{LEARN}/previous-versions/office/lync-server-2013/{name}"
        ));
    }
    let rest = path.strip_prefix("Skype/SfbServer/")?;
    Some(format!("{LEARN}/skypeforbusiness/{}", page(rest)?))
}

/// The roles a side can be played by: its role, or the `via` roles of an `Any`.
fn side_roles(side: &Side) -> Vec<&str> {
    match side {
        Side::Role { role, .. } => vec![role.as_str()],
        Side::Any { via, .. } => via.iter().map(RoleId::as_str).collect(),
    }
}

impl Select {
    /// The endpoint kind chosen for a node using `lb` in a plan of `product`.
    pub fn resolve(&self, lb: LbMode, product: Product) -> &str {
        match self {
            Self::Fixed(kind) => kind,
            Self::Balanced {
                members,
                vip,
                vip_when,
                vip_products,
            } => {
                let product_routes_via_vip =
                    vip_products.is_empty() || vip_products.contains(&product);
                if vip_when.contains(&lb) && product_routes_via_vip {
                    vip
                } else {
                    members
                }
            }
        }
    }
}

impl Requirement {
    /// True when the requirement is for `product` (a requirement naming no product is for all).
    pub fn applies_to(&self, product: Product) -> bool {
        self.products.is_empty() || self.products.contains(&product)
    }
}

impl Role {
    /// An endpoint kind of this role.
    pub fn endpoint(&self, id: &str) -> Option<&EndpointKind> {
        self.endpoints.iter().find(|e| e.id == id)
    }

    /// The role's default LB mode.
    pub fn default_lb(&self) -> LbMode {
        self.lb_modes.first().copied().unwrap_or_default()
    }
}
