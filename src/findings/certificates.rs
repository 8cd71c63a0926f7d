//! Certificate names a CA or a client would refuse (`certificate_name`): a subject alternative
//! name no DNS record of the plan resolves (clients reach the server by a name DNS does not
//! have), a name the certificate needs that is not a DNS name (left out of it), and a subject
//! over the 64 characters a common name may hold (no request is written for it).

use std::collections::BTreeSet;

use super::{Finding, FindingKind, Severity, Subject, finding, message_same};
use crate::certs::MAX_COMMON_NAME;
use crate::handoff::Handoff;
use crate::plan::{NodeId, Plan};

pub(super) fn check(plan: &Plan, handoff: &Handoff) -> Vec<Finding> {
    let (Ok(certs), Ok(dns)) = (&handoff.certificates, &handoff.dns) else {
        return Vec::new();
    };
    let label =
        |id: &NodeId| crate::escape::quoted(plan.nodes.get(id).map_or("", |n| n.label.as_str()));
    // A name DNS cannot publish for lack of an address is a `dns_mismatch` already.
    let resolved: BTreeSet<&str> = (dns.records.iter().map(|r| &r.name))
        .chain(dns.problems.iter().filter_map(|p| match p {
            crate::dns::Problem::NoAddress { name, .. } => Some(name),
            _ => None,
        }))
        .map(crate::dns::DnsName::as_str)
        .collect();
    let mut out = Vec::new();
    for c in &certs.certificates {
        let unresolved: Vec<&str> = (c.sans.iter())
            .map(crate::dns::DnsName::as_str)
            .filter(|n| !resolved.contains(n))
            .collect();
        if !unresolved.is_empty() {
            out.push(finding(
                Severity::Warning,
                FindingKind::CertificateName,
                Subject::Node(c.node.clone()),
                message_same(
                    "find.cert_unresolved",
                    &[
                        ("node", label(&c.node)),
                        ("certificate", c.installed.as_str().to_owned()),
                        ("names", unresolved.join(", ")),
                    ],
                ),
                None,
            ));
        }
        if c.common_name().is_none() {
            out.push(finding(
                Severity::Warning,
                FindingKind::CertificateName,
                Subject::Node(c.node.clone()),
                message_same(
                    "find.cert_long_subject",
                    &[
                        ("node", label(&c.node)),
                        ("certificate", c.installed.as_str().to_owned()),
                        ("name", c.subject.to_string()),
                        ("length", c.subject.as_str().len().to_string()),
                        ("max", MAX_COMMON_NAME.to_string()),
                    ],
                ),
                None,
            ));
        }
    }
    for s in &certs.skipped {
        out.push(finding(
            Severity::Warning,
            FindingKind::CertificateName,
            Subject::Node(s.node.clone()),
            message_same(
                "find.cert_invalid_name",
                &[
                    ("node", label(&s.node)),
                    ("certificate", s.installed.as_str().to_owned()),
                    ("name", crate::escape::quoted(&s.text)),
                    ("why", s.error.to_string()),
                ],
            ),
            None,
        ));
    }
    out
}
