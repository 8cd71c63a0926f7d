//! Sheet names from user text (a firewall's name): what Excel accepts, and unique in the workbook.

use std::collections::BTreeSet;

/// Excel's limit on a sheet name, in UTF-16 units.
const MAX_NAME: usize = 31;

/// The names given so far, compared as Excel compares them (case-insensitively).
#[derive(Default)]
pub(super) struct SheetNames {
    taken: BTreeSet<String>,
}

impl SheetNames {
    /// `wanted` made a valid sheet name (`fallback` when nothing of it is left), with ` (2)`,
    /// ` (3)`... when a sheet already has that name.
    pub(super) fn unique(&mut self, wanted: &str, fallback: &str) -> String {
        let mut base = valid(wanted);
        if base.is_empty() {
            base = valid(fallback);
        }
        let mut name = base.clone();
        let mut n = 2;
        // "History" is reserved by Excel.
        while self.taken.contains(&key(&name)) || key(&name) == "history" {
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", cut(&base, MAX_NAME - suffix.len()));
            n += 1;
        }
        self.taken.insert(key(&name));
        name
    }
}

fn key(name: &str) -> String {
    name.to_lowercase()
}

/// One line without `[ ] : * ? / \`, no apostrophe at either end, at most 31 UTF-16 units.
fn valid(text: &str) -> String {
    let line: String = crate::escape::one_line(text)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    cut(line.trim_matches(['\'', ' ']), MAX_NAME)
}

/// At most `max` UTF-16 units of `text`, without an apostrophe or space at its end.
fn cut(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        units += c.len_utf16();
        if units > max {
            break;
        }
        out.push(c);
    }
    out.trim_end_matches(['\'', ' ']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::SheetNames;

    #[test]
    fn names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.unique("Internal firewall", "x"), "Internal firewall");
        assert_eq!(
            names.unique("internal FIREWALL", "x"),
            "internal FIREWALL (2)"
        );
        assert_eq!(names.unique("a[b]:c*d?e/f\\g", "x"), "a_b__c_d_e_f_g");
        assert_eq!(names.unique("'quoted'", "x"), "quoted");
        assert_eq!(names.unique("\u{202E}\n\0", "Firewall"), "Firewall");
        assert_eq!(names.unique("History", "x"), "History (2)");
        let long = "y".repeat(40);
        let first = names.unique(&long, "x");
        let second = names.unique(&long, "x");
        assert_eq!(first.chars().count(), 31);
        assert_eq!(second, format!("{} (2)", "y".repeat(27)));
        // Astral characters count twice in Excel's limit.
        let emoji = names.unique(&"😀".repeat(20), "x");
        assert_eq!(emoji.chars().count(), 15);
        assert_eq!(names.unique("外部防火牆", "x"), "外部防火牆");
    }
}
