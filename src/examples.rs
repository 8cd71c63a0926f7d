//! Example plans built into the binary, so the app opens the seed example from any folder.

/// The seed scenario (JJ205179): `saved-plans/director-pool-dns-hlb.ron`.
pub const SEED_PLAN: &str = include_str!("../saved-plans/director-pool-dns-hlb.ron");

/// File name shown for the built-in seed plan.
pub const SEED_NAME: &str = "director-pool-dns-hlb.ron";

/// A built-in template: a plan in `saved-plans/` offered by File > New from template.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Menu name: its text key (`template.*`), in the window's language.
    pub name: &'static str,
    /// File name in `saved-plans/`.
    pub file: &'static str,
    /// The plan text.
    pub ron: &'static str,
}

/// Every template, in menu order.
pub const TEMPLATES: [Template; 9] = [
    Template {
        name: "template.single_director",
        file: "single-director.ron",
        ron: include_str!("../saved-plans/single-director.ron"),
    },
    Template {
        name: "template.director_pool_dns_hlb",
        file: SEED_NAME,
        ron: SEED_PLAN,
    },
    Template {
        name: "template.director_pool_hlb",
        file: "director-pool-hlb.ron",
        ron: include_str!("../saved-plans/director-pool-hlb.ron"),
    },
    Template {
        name: "template.single_edge_public",
        file: "single-edge-public.ron",
        ron: include_str!("../saved-plans/single-edge-public.ron"),
    },
    Template {
        name: "template.single_edge_nat",
        file: "single-edge-nat.ron",
        ron: include_str!("../saved-plans/single-edge-nat.ron"),
    },
    Template {
        name: "template.scaled_edge_dns",
        file: "scaled-edge-dns.ron",
        ron: include_str!("../saved-plans/scaled-edge-dns.ron"),
    },
    Template {
        name: "template.scaled_edge_hlb",
        file: "scaled-edge-hlb.ron",
        ron: include_str!("../saved-plans/scaled-edge-hlb.ron"),
    },
    Template {
        name: "template.full_site",
        file: "full-site.ron",
        ron: include_str!("../saved-plans/full-site.ron"),
    },
    Template {
        name: "template.two_sites",
        file: "two-sites.ron",
        ron: include_str!("../saved-plans/two-sites.ron"),
    },
];
