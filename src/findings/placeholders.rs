//! Placeholders: Microsoft's sample names and documentation address ranges left in a plan.

use super::{Finding, FindingKind, Fix, NodeField, Severity, Subject, finding, message};
use crate::net::IpNet;
use crate::plan::Plan;

/// Microsoft's sample names: fine in documentation, wrong in a firewall.
const SAMPLE_NAMES: [&str; 3] = ["contoso", "fabrikam", "litware"];

/// Sample address ranges: Microsoft's 131.107.0.0/16 and the RFC 5737 documentation ranges.
const SAMPLE_NETS: [([u8; 4], u8); 4] = [
    ([131, 107, 0, 0], 16),
    ([192, 0, 2, 0], 24),
    ([198, 51, 100, 0], 24),
    ([203, 0, 113, 0], 24),
];

/// One warning per label, FQDN or member name with a sample name in it, and per address in a
/// sample range.
pub(super) fn check(plan: &Plan) -> Vec<Finding> {
    let samples: Vec<IpNet> = SAMPLE_NETS
        .iter()
        .map(|(a, p)| IpNet {
            addr: std::net::IpAddr::V4((*a).into()),
            prefix: *p,
        })
        .collect();
    let mut out = Vec::new();
    for (id, node) in &plan.nodes {
        let texts = [
            (NodeField::Label, node.label.as_str()),
            (NodeField::Fqdn, node.fqdn.as_str()),
        ]
        .into_iter()
        .chain(
            node.members
                .iter()
                .map(|m| (NodeField::Members, m.name.as_str())),
        );
        for (field, text) in texts {
            if let Some(name) = sample_name(text) {
                out.push(finding(
                    Severity::Warning,
                    FindingKind::Placeholder,
                    Subject::Node(id.clone()),
                    message("find.sample_name", |_| {
                        vec![
                            ("node", crate::escape::quoted(&node.label)),
                            ("name", name.to_owned()),
                            ("field", field.as_str().to_owned()),
                        ]
                    }),
                    Some(Fix::EditNode {
                        node: id.clone(),
                        field,
                    }),
                ));
            }
        }
        let addresses = node
            .members
            .iter()
            .flat_map(|m| m.addresses.values().chain(m.nat.values()))
            .chain(node.vips.values())
            .chain(&node.networks);
        for addr in addresses {
            let Some(range) = samples.iter().find(|s| s.contains(addr)) else {
                continue;
            };
            out.push(finding(
                Severity::Warning,
                FindingKind::Placeholder,
                Subject::Node(id.clone()),
                message("find.sample_address", |_| {
                    vec![
                        ("node", crate::escape::quoted(&node.label)),
                        ("addr", addr.to_string()),
                        ("range", range.to_string()),
                    ]
                }),
                Some(Fix::EditNode {
                    node: id.clone(),
                    field: NodeField::Addresses,
                }),
            ));
        }
    }
    out
}

/// The first of `SAMPLE_NAMES` that `text`, lower-cased, contains.
pub(super) fn sample_name(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    SAMPLE_NAMES.into_iter().find(|name| lower.contains(name))
}

#[cfg(test)]
mod tests {
    use super::sample_name;
    use crate::findings::{Fix, NodeField};

    /// Sample names are found in any case, also where a non-ASCII letter lower-cases to one of
    /// theirs (the Kelvin sign to `k`), and the first name in the list wins.
    #[test]
    fn sample_names_are_found_in_any_case() {
        assert_eq!(sample_name("pool.CONTOSO.com"), Some("contoso"));
        assert_eq!(sample_name("FabRikam lab"), Some("fabrikam"));
        assert_eq!(sample_name("fabri\u{212a}am"), Some("fabrikam"));
        assert_eq!(sample_name("litware-contoso"), Some("contoso"));
        assert_eq!(sample_name("cont oso, fabrika, litwar"), None);
        assert_eq!(sample_name(""), None);
    }

    /// Addresses in the sample ranges are found, others next to them are not.
    #[test]
    fn sample_addresses_are_found() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let mut plan = crate::generate::large_plan(10, &catalog).unwrap();
        let id = plan.nodes.keys().next().unwrap().clone();
        let node = plan.node_mut(&id).unwrap();
        node.networks = ["131.107.1.0/24", "131.108.0.1", "192.0.2.9", "2001:db8::1"]
            .iter()
            .map(|a| a.parse().unwrap())
            .collect();
        node.members.clear();
        node.vips.clear();
        let mut found: Vec<String> = super::check(&plan)
            .into_iter()
            .filter(|f| {
                f.fix
                    == Some(Fix::EditNode {
                        node: id.clone(),
                        field: NodeField::Addresses,
                    })
            })
            .map(|f| f.message.en)
            .collect();
        found.sort();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("131.107.1.0/24") && found[0].contains("131.107.0.0/16"));
        assert!(found[1].contains("192.0.2.9") && found[1].contains("192.0.2.0/24"));
    }
}
