//! A self-contained HTML report: plan summary, rules grouped by firewall, findings.
//! Every piece of text goes through `esc`; no script, no external resource.
//! Printed, it fits A4 or Letter landscape: cells wrap anywhere (addresses and FQDNs have no
//! spaces), so the rule table's columns shrink to the page instead of being cut off.

use super::Report;
use super::text::addresses;
use crate::escape::markup;
use crate::i18n::{firewall_title, tr, trf};
use crate::topology::Firewall;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b}\
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}\
th,td{border:1px solid #bbb;padding:0.3em 0.5em;vertical-align:top;text-align:left}\
th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}\
.error{color:#a40000}.warning{color:#8a5a00}.info{color:#335}\
.unresolved{background:#ffe3e3}code{font-size:0.95em}\
.diagram svg{max-width:100%;height:auto;border:1px solid #ccc}\
@media print{@page{size:landscape;margin:10mm}\
body{margin:0;font-size:9pt}h1{font-size:14pt}h2{font-size:12pt;break-after:avoid}\
table{width:100%;font-size:7.5pt}th,td{padding:0.15em 0.3em;overflow-wrap:anywhere;word-break:break-word}\
th{overflow-wrap:normal;word-break:normal}td.num{white-space:nowrap;overflow-wrap:normal}\
tr{break-inside:avoid}.diagram{break-inside:avoid}.diagram svg{max-height:170mm;border:0}}";

pub(super) fn render(report: &Report<'_>) -> String {
    let lang = report.lang;
    let title = trf(lang, "report.title", &[("plan", &report.rules.plan)]);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang.tag()
    );
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        markup(&title),
        markup(&title)
    ));
    if let Some((n, kinds)) = super::text::errors(report.findings) {
        let n = n.to_string();
        let banner = trf(
            lang,
            "export.errors_banner",
            &[("n", &n), ("kinds", &kinds)],
        );
        out.push_str(&format!(
            "<p class=\"error\" role=\"alert\" style=\"border:2px solid #a40000;padding:0.5em 1em\"><strong>⚠ {}</strong></p>\n",
            markup(&banner)
        ));
    }
    summary(report, &mut out);
    // The diagram shows the whole plan, whatever the scope of the rule table.
    let all = crate::rules::derive(report.plan, report.catalog);
    out.push_str(&format!(
        "<h2>{}</h2>\n<div class=\"diagram\">\n",
        markup(tr(lang, "report.diagram"))
    ));
    out.push_str(&crate::diagram::svg(report.plan, report.catalog, &all));
    out.push_str("</div>\n");
    for fw in Firewall::ALL {
        let rules: Vec<_> = report.rules.for_firewall(fw).collect();
        if rules.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<h2>{} ({})</h2>\n<table>\n",
            markup(firewall_title(lang, fw)),
            rules.len()
        ));
        out.push_str("<tr>");
        for key in super::markdown::COLUMN_KEYS {
            out.push_str(&format!("<th>{}</th>", markup(tr(lang, key))));
        }
        out.push_str("</tr>\n");
        for r in rules {
            // Marked like an unresolved rule: no firewall export writes it.
            let class = if r.is_unresolved() || r.is_mixed_family() {
                " class=\"unresolved\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<tr{class}><td><code>{}</code></td><td>{}<br><small>{}/{}</small></td><td>{}</td><td>{}<br><small>{}/{}</small></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
                markup(&r.id().to_string()),
                markup(&r.source.label),
                markup(&r.source.role),
                markup(&r.source.endpoint),
                markup(&addresses(&r.source, ", ")),
                markup(&r.destination.label),
                markup(&r.destination.role),
                markup(&r.destination.endpoint),
                markup(&addresses(&r.destination, ", ")),
                markup(r.application()),
                r.transport.as_str().to_uppercase(),
                r.ports,
                markup(r.notes().get(report.lang)),
                (r.sources().iter())
                    .map(|p| format!("<a href=\"{}\">{}</a>", markup(&p.url), markup(&p.title)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
        }
        out.push_str("</table>\n");
    }
    dns_section(report, &mut out);
    certs_section(report, &mut out);
    out.push_str(&format!(
        "<h2>{}</h2>\n",
        markup(tr(lang, "report.findings"))
    ));
    if report.findings.is_empty() {
        out.push_str(&format!("<p>{}.</p>\n", markup(tr(lang, "findings.clean"))));
    } else {
        out.push_str("<ul>\n");
        for f in report.findings {
            out.push_str(&format!(
                "<li class=\"{}\"><strong>{}</strong> <code>{}</code> <code>{}</code>: {}</li>\n",
                f.severity.as_str(),
                f.severity.as_str(),
                f.kind.as_str(),
                markup(&f.subject.to_string()),
                markup(f.message.get(report.lang))
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The plan's DNS records as a table, each linking its Microsoft page.
fn dns_section(report: &Report<'_>, out: &mut String) {
    let lang = report.lang;
    out.push_str(&format!("<h2>{}</h2>\n", markup(tr(lang, "report.dns"))));
    match super::dns::report_rows(report.plan, report.catalog) {
        Err(why) => out.push_str(&format!("<p>{}</p>\n", markup(&why))),
        Ok(rows) if rows.is_empty() => {
            out.push_str(&format!(
                "<p>{}.</p>\n",
                markup(tr(lang, "report.dns_none"))
            ));
        }
        Ok(rows) => {
            out.push_str("<table>\n<tr>");
            for h in tr(lang, "report.dns_header").split(" | ") {
                out.push_str(&format!("<th>{}</th>", markup(h)));
            }
            out.push_str("</tr>\n");
            for [view, zone, name, kind, value, purpose, title, url] in rows {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a></td></tr>\n",
                    markup(&view),
                    markup(&zone),
                    markup(&name),
                    markup(&kind),
                    markup(&value),
                    markup(&purpose),
                    markup(&url),
                    markup(&title)
                ));
            }
            out.push_str("</table>\n");
        }
    }
}

/// The plan's certificates as a table, each linking its Microsoft page.
fn certs_section(report: &Report<'_>, out: &mut String) {
    let lang = report.lang;
    out.push_str(&format!("<h2>{}</h2>\n", markup(tr(lang, "report.certs"))));
    match super::dns::cert_rows(report.plan, report.catalog) {
        Err(why) => out.push_str(&format!("<p>{}</p>\n", markup(&why))),
        Ok(rows) if rows.is_empty() => {
            let none = markup(tr(lang, "report.certs_none"));
            out.push_str(&format!("<p>{none}.</p>\n"));
        }
        Ok(rows) => {
            out.push_str("<table>\n<tr>");
            for h in tr(lang, "report.certs_header").split(" | ") {
                out.push_str(&format!("<th>{}</th>", markup(h)));
            }
            out.push_str("</tr>\n");
            for row in rows {
                let [cells @ .., title, url] = row;
                out.push_str("<tr>");
                for c in cells {
                    out.push_str(&format!("<td>{}</td>", markup(&c)));
                }
                out.push_str(&format!(
                    "<td><a href=\"{}\">{}</a></td></tr>\n",
                    markup(&url),
                    markup(&title)
                ));
            }
            out.push_str("</table>\n");
        }
    }
}

fn summary(report: &Report<'_>, out: &mut String) {
    let plan = report.plan;
    if !plan.description.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", markup(&plan.description)));
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == crate::findings::Severity::Error)
        .count();
    let lang = report.lang;
    let catalog = format!("<code>{}</code>", markup(&report.rules.catalog));
    let counts = [
        ("nodes", plan.nodes.len().to_string()),
        ("links", plan.links.len().to_string()),
        ("rules", report.rules.rules.len().to_string()),
        ("findings", report.findings.len().to_string()),
        ("errors", errors.to_string()),
    ];
    let mut args: Vec<(&str, &str)> = vec![("catalog", catalog.as_str())];
    args.extend(counts.iter().map(|(k, v)| (*k, v.as_str())));
    // The template is ours; only the substituted values come from the plan, and they are escaped.
    out.push_str(&format!("<p>{}</p>\n", trf(lang, "report.summary", &args)));
    out.push_str(&format!(
        "<p>{}</p>\n",
        markup(&trf(
            lang,
            "report.product",
            &[("product", plan.product.name())]
        ))
    ));
    let heads = [
        "report.node",
        "report.role",
        "inspector.zone",
        "inspector.fqdn",
        "inspector.lb",
        "report.members",
    ];
    out.push_str("<table>\n<tr>");
    for h in heads {
        out.push_str(&format!("<th>{}</th>", markup(tr(lang, h))));
    }
    out.push_str("</tr>\n");
    for node in plan.nodes.values() {
        let members: Vec<String> = node
            .members
            .iter()
            .map(|m| {
                let addrs: Vec<String> = m
                    .addresses
                    .iter()
                    .map(|(k, a)| format!("{k} {a}"))
                    .collect();
                format!("{} ({})", m.name, addrs.join(", "))
            })
            .collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            markup(&node.label),
            markup(&node.role),
            node.zone.as_str(),
            markup(&node.fqdn),
            node.lb.as_str(),
            markup(&members.join("; "))
        ));
    }
    out.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::markup("<script>alert('x\")</script>&"),
            "&lt;script&gt;alert(&#39;x&quot;)&lt;/script&gt;&amp;"
        );
    }
}
