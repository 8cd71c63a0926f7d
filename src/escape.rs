//! User text made safe to show: one line without control or bidi characters ([`one_line`]),
//! and that line escaped for HTML and SVG ([`markup`]). A leaf: it uses nothing of the crate.

/// True for characters that can end a line, reorder text or hide content in some consumer.
fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// One line of plain text: hazards become spaces, runs of spaces fold, ends trimmed.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if is_hazard(c) { ' ' } else { c };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

/// Most characters of user text a message quotes ([`quoted`]).
pub const MAX_QUOTED: usize = 80;

/// Most characters of a message made of a parser's text ([`bounded`]).
pub const MAX_MESSAGE: usize = 300;

/// User text as a message quotes it: [`one_line`], cut to [`MAX_QUOTED`] characters with `…`
/// after a cut.
pub fn quoted(text: &str) -> String {
    bounded(text, MAX_QUOTED)
}

/// [`quoted`] made only when written: validating a plan checks every id and label, and quoting
/// each one up front was a twentieth of the frame that applies an edit at 2,000 nodes.
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&quoted(self.0))
    }
}

/// [`one_line`] cut to `max` characters with `…` after a cut. Reads no further than it keeps,
/// so a huge token costs no more than a short one.
pub fn bounded(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut kept = 0;
    let mut space = false;
    for c in text.chars() {
        let c = if is_hazard(c) { ' ' } else { c };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if kept + usize::from(space) >= max {
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            kept += 1;
            space = false;
        }
        out.push(c);
        kept += 1;
    }
    out
}

/// Text safe in HTML and SVG element content and quoted attributes: one line, markup escaped.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{MAX_QUOTED, markup, one_line, quoted};

    #[test]
    fn quoted_is_one_bounded_line() {
        assert_eq!(
            quoted(" a\n::error x\u{1b}[2J\u{7}\u{202E}b "),
            "a ::error x [2J b"
        );
        let long = quoted(&"x".repeat(1 << 20));
        assert_eq!(long.chars().count(), MAX_QUOTED + 1);
        assert!(long.ends_with('…'));
        let exact = "y".repeat(MAX_QUOTED);
        assert_eq!(quoted(&exact), exact);
    }

    #[test]
    fn one_line_removes_breaks_and_bidi() {
        assert_eq!(one_line("a\r\nb\u{202E}c\u{2028}d\0e"), "a b c d e");
    }

    #[test]
    fn markup_escapes_on_one_line() {
        assert_eq!(
            markup(" <a href='x'>\n\"&\"</a> "),
            "&lt;a href=&#39;x&#39;&gt; &quot;&amp;&quot;&lt;/a&gt;"
        );
    }
}
