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
    use super::{markup, one_line};

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
