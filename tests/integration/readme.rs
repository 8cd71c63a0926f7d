//! The README shows the seed plan's three reports: each excerpt between
//! `<!-- seed-excerpt: SECTION -->` and `<!-- /seed-excerpt -->` is the table header of that
//! section of `export --format markdown` on the seed, then some of its rows in the export's
//! order, so an excerpt cannot drift from what the export writes.

use lync_port_planner::export::Format;

use crate::support::{example, export, root};

/// Each excerpt: its section heading and its lines.
fn excerpts(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("<!-- seed-excerpt: ") else {
            continue;
        };
        let heading = rest.trim_end_matches(" -->").to_owned();
        let body = (lines.by_ref())
            .take_while(|l| *l != "<!-- /seed-excerpt -->")
            .map(str::to_owned)
            .collect();
        out.push((heading, body));
    }
    out
}

/// The table of a section of the Markdown report.
fn table<'a>(markdown: &'a str, heading: &str) -> Vec<&'a str> {
    (markdown.lines())
        .skip_while(|l| *l != heading)
        .skip(1)
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with('|'))
        .collect()
}

#[test]
fn the_readme_excerpts_of_the_seeds_reports_are_the_exports_rows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let markdown = export(&example("director-pool-dns-hlb.ron"), Format::Markdown);
    let found = excerpts(&readme);
    let headings: Vec<&str> = found.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "## Internal firewall (perimeter - internal)",
            "## DNS records",
            "## Certificates"
        ]
    );
    for (heading, lines) in &found {
        let rows = table(&markdown, heading);
        assert!(rows.len() > 2, "{heading}: no table in the export");
        assert_eq!(lines[..2], rows[..2], "{heading}: the header");
        assert!(lines.len() > 2, "{heading}: no rows shown");
        // In the export's order: each row found after the one before.
        let mut from = 2;
        for line in &lines[2..] {
            let at = rows[from..].iter().position(|r| r == line);
            let at = at.unwrap_or_else(|| {
                panic!("{heading}: not a row of the export, or out of order: {line}")
            });
            from += at + 1;
        }
    }
}
