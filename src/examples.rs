//! Example plans built into the binary, so the app opens the seed example from any folder.

/// The seed scenario (JJ205179): `saved-plans/director-pool-dns-hlb.ron`.
pub const SEED_PLAN: &str = include_str!("../saved-plans/director-pool-dns-hlb.ron");

/// File name shown for the built-in seed plan.
pub const SEED_NAME: &str = "director-pool-dns-hlb.ron";
