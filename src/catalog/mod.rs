//! The catalog of roles and port requirements, loaded from `assets/catalog.ron`.
//! It owns the data and its lookups; deciding which rules a plan needs is `rules/`.

mod model;
mod validate;

use std::path::Path;

pub use model::{
    CatalogData, Condition, Conflict, EndpointKind, Flag, MustLink, Reference, Requirement, Role,
    Scope, Select, Side, Source, Text,
};

use crate::file_text::{self, FileTextError};

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
    /// Role pairs some requirement connects, both ways round, by role rank (`a * roles + b`):
    /// asked once per link by findings.
    talking: Vec<bool>,
    /// By product, what every derivation needs from the catalog (requirements with their shared
    /// texts, endpoint kinds, lookups by role): built the first time a plan of the product is
    /// derived, not at every derivation.
    prepared: [std::sync::OnceLock<crate::rules::Prepared>; crate::topology::Product::ALL.len()],
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
        let roles = data.roles.len();
        let mut talking = vec![false; roles * roles];
        let rank = |id: &str| data.roles.iter().position(|r| r.id == id);
        for r in &data.requirements {
            for s in side_roles(&r.source).into_iter().filter_map(rank) {
                for d in side_roles(&r.destination).into_iter().filter_map(rank) {
                    talking[s * roles + d] = true;
                    talking[d * roles + s] = true;
                }
            }
        }
        Ok(Self {
            data,
            talking,
            prepared: Default::default(),
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
        self.role_rank(id).map(|i| &self.data.roles[i])
    }

    /// Every role, in catalog order.
    pub fn roles(&self) -> &[Role] {
        &self.data.roles
    }

    /// Every requirement, in catalog order.
    pub fn requirements(&self) -> &[Requirement] {
        &self.data.requirements
    }

    /// What every derivation of a plan of `product` needs from the catalog.
    pub(crate) fn prepared(&self, product: crate::topology::Product) -> &crate::rules::Prepared {
        self.prepared[product as usize].get_or_init(|| crate::rules::Prepared::new(self, product))
    }

    /// A requirement by id.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.data.requirements.iter().find(|r| r.id == id)
    }

    /// A conflict by id.
    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.data.conflicts.iter().find(|c| c.id == id)
    }

    /// The TechNet id of a source key, if the key is known.
    pub fn technet(&self, source_key: &str) -> Option<&str> {
        self.data
            .sources
            .iter()
            .find(|s| s.key == source_key)
            .map(|s| s.technet.as_str())
    }

    /// The citations of a requirement, as exports print them: TechNet ids then row keys, no repeats.
    pub fn citations(&self, requirement: &Requirement) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &requirement.references {
            if let Some(t) = self.technet(&r.source)
                && !out.iter().any(|o| o == t)
            {
                out.push(t.to_owned());
            }
        }
        for r in &requirement.references {
            let row = format!("lync-ports.md {}", r.row);
            if !out.contains(&row) {
                out.push(row);
            }
        }
        out
    }

    /// True when some requirement connects the two roles (by rank in `roles()`), directly or
    /// through an `Any` side's `via`.
    pub fn ranks_exchange_traffic(&self, a: usize, b: usize) -> bool {
        let n = self.data.roles.len();
        a < n && b < n && self.talking[a * n + b]
    }

    /// A role's place in `roles()`. Asked once per node by every derivation: the few roles are
    /// scanned, comparing lengths before text, which beats a map's text comparisons.
    pub fn role_rank(&self, id: &str) -> Option<usize> {
        self.data
            .roles
            .iter()
            .position(|r| r.id.len() == id.len() && r.id == id)
    }
}

/// The roles a side can be played by: its role, or the `via` roles of an `Any`, plus the other side handled by caller.
fn side_roles(side: &Side) -> Vec<&str> {
    match side {
        Side::Role { role, .. } => vec![role.as_str()],
        Side::Any { via, .. } => via.iter().map(String::as_str).collect(),
    }
}

impl Select {
    /// The endpoint kind chosen for a node using `lb`.
    pub fn resolve(&self, lb: crate::topology::LbMode) -> &str {
        match self {
            Self::Fixed(kind) => kind,
            Self::Balanced {
                members,
                vip,
                vip_when,
            } => {
                if vip_when.contains(&lb) {
                    vip
                } else {
                    members
                }
            }
        }
    }
}

impl Role {
    /// An endpoint kind of this role.
    pub fn endpoint(&self, id: &str) -> Option<&EndpointKind> {
        self.endpoints.iter().find(|e| e.id == id)
    }

    /// The role's default LB mode.
    pub fn default_lb(&self) -> crate::topology::LbMode {
        self.lb_modes.first().copied().unwrap_or_default()
    }
}
