//! `catalog --format markdown`: the catalog's requirements as one table, for reading and
//! review.

use crate::catalog::{Catalog, Select, Side};

fn side_text(side: &Side) -> String {
    match side {
        Side::Any { zone, via } if via.is_empty() => format!("Any ({})", zone.as_str()),
        Side::Any { zone, via } => format!("Any ({}, or linked {})", zone.as_str(), via.join("/")),
        Side::Role {
            role,
            endpoint: Select::Fixed(kind),
        } => format!("{role}/{kind}"),
        Side::Role {
            role,
            endpoint:
                Select::Balanced {
                    members,
                    vip,
                    vip_when,
                    vip_products,
                },
        } => {
            let modes: Vec<&str> = vip_when.iter().map(|m| m.as_str()).collect();
            let products: Vec<&str> = vip_products.iter().map(|p| p.as_str()).collect();
            let products = if products.is_empty() {
                String::new()
            } else {
                format!(" in {}", products.join("/"))
            };
            format!(
                "{role}/{members} ({vip} when {}{products})",
                modes.join(", ")
            )
        }
    }
}

/// The catalog as one Markdown table, a row per requirement.
pub(super) fn markdown(catalog: &Catalog) -> String {
    let mut text = format!("# Catalog {}\n\n", catalog.label());
    text.push_str("| ID | Source | Destination | Protocol | Transport | Port | Conditions | References |\n|---|---|---|---|---|---|---|---|\n");
    for r in catalog.requirements() {
        let conditions: Vec<String> = r
            .when
            .iter()
            .map(|c| match c {
                crate::catalog::Condition::Flag { role, flag } => format!("{role}.{flag}"),
                crate::catalog::Condition::Lb { role, modes } => {
                    format!(
                        "{role}.lb in {}",
                        modes
                            .iter()
                            .map(|m| m.as_str())
                            .collect::<Vec<_>>()
                            .join("/")
                    )
                }
                crate::catalog::Condition::Addressing { role, mode } => {
                    format!("{role}.addressing = {}", mode.as_str())
                }
            })
            .chain(if r.products.is_empty() {
                None
            } else {
                Some(format!(
                    "product in {}",
                    r.products
                        .iter()
                        .map(|p| p.as_str())
                        .collect::<Vec<_>>()
                        .join("/")
                ))
            })
            .collect();
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            side_text(&r.source),
            side_text(&r.destination),
            r.application,
            r.transport.as_str().to_uppercase(),
            r.ports,
            conditions.join(", "),
            r.references.join(", ")
        ));
    }
    text
}
