//! Disabled requirements: a required rule switched off on a link.

use super::{Finding, FindingKind, Fix, Severity, Subject, finding, label, message};
use crate::catalog::Catalog;
use crate::i18n::Lang;
use crate::plan::Plan;

/// One warning per requirement switched off on a link, whose fix switches it back on.
pub(super) fn check(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    for link in &plan.links {
        for req in &link.disabled {
            let what = |l: Lang| {
                catalog.requirement(req).map_or_else(
                    || crate::i18n::trf(l, "find.unknown_req", &[("req", req)]),
                    |r| {
                        let (transport, ports) = (r.transport.as_str(), r.ports.to_string());
                        let args = [
                            ("app", r.application.as_str()),
                            ("transport", transport),
                            ("ports", &ports),
                            ("notes", r.notes.get(l)),
                            ("req", req),
                        ];
                        crate::i18n::trf(l, "find.disabled_what", &args)
                    },
                )
            };
            out.push(finding(
                Severity::Warning,
                FindingKind::DisabledRequirement,
                Subject::Link(link.a.clone(), link.b.clone()),
                message("find.disabled", |l| {
                    vec![
                        ("a", label(plan, &link.a)),
                        ("b", label(plan, &link.b)),
                        ("what", what(l)),
                    ]
                }),
                Some(Fix::EnableRequirement {
                    a: link.a.clone(),
                    b: link.b.clone(),
                    requirement: req.clone(),
                }),
            ));
        }
    }
    out
}
