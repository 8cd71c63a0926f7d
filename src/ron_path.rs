//! Where a path (fields, map keys, list items) sits in RON text, so that an error found in the
//! loaded plan points at the text that caused it: the second of two duplicate links, not the
//! first place its node id appears. A small scanner that skips strings and comments; it reads
//! text that already parsed, and gives the deepest step it found when a step is missing.

/// One step from a value into a part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A struct field by name: its name when it is the last step.
    Field(&'static str),
    /// A map entry by its string key: the key itself when it is the last step.
    Key(String),
    /// A list item by index.
    Index(usize),
    /// The list item that is this string.
    Item(String),
}

/// 1-based line and column of `path` in `text`: of the deepest step found, or 1:1.
pub fn locate(text: &str, path: &[Step]) -> (usize, usize) {
    let mut scan = Scan {
        b: text.as_bytes(),
        best: 0,
    };
    let start = scan.ws(0);
    scan.best = start;
    scan.find(start, path, 0);
    line_col(text, scan.best)
}

/// 1-based line and column (in characters) of byte offset `at`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Nesting followed at most; plan files are refused deeper than this before validation.
const MAX_DEPTH: usize = 64;

struct Scan<'t> {
    b: &'t [u8],
    best: usize,
}

impl Scan<'_> {
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// Past whitespace and comments.
    fn ws(&self, mut i: usize) -> usize {
        loop {
            match (self.at(i), self.at(i + 1)) {
                (b' ' | b'\t' | b'\n' | b'\r', _) => i += 1,
                (b'/', b'/') => {
                    while i < self.b.len() && self.at(i) != b'\n' {
                        i += 1;
                    }
                }
                (b'/', b'*') => {
                    let mut depth = 0;
                    while i < self.b.len() {
                        match (self.at(i), self.at(i + 1)) {
                            (b'/', b'*') => (depth, i) = (depth + 1, i + 2),
                            (b'*', b'/') => {
                                (depth, i) = (depth - 1, i + 2);
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => i += 1,
                        }
                    }
                }
                _ => return i,
            }
        }
    }

    /// Past a string starting at `i` (plain or raw), and its text when it has no escapes
    /// other than simple ones.
    fn string(&self, i: usize) -> Option<(usize, String)> {
        if self.at(i) == b'r' {
            let hashes = self.b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            let open = i + 1 + hashes;
            if self.at(open) != b'"' {
                return None;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let body = open + 1;
            let len = self.b[body..]
                .windows(close.len())
                .position(|w| w == close)?;
            let text = String::from_utf8_lossy(&self.b[body..body + len]).into_owned();
            return Some((body + len + close.len(), text));
        }
        if self.at(i) != b'"' {
            return None;
        }
        let mut text = Vec::new();
        let mut j = i + 1;
        while j < self.b.len() {
            match self.at(j) {
                b'"' => return Some((j + 1, String::from_utf8_lossy(&text).into_owned())),
                b'\\' => {
                    text.push(match self.at(j + 1) {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'r' => b'\r',
                        b'0' => 0,
                        c => c,
                    });
                    j += 2;
                }
                c => {
                    text.push(c);
                    j += 1;
                }
            }
        }
        None
    }

    /// Past the value starting at `i`.
    fn skip(&self, i: usize) -> Option<usize> {
        match self.at(i) {
            b'"' => self.string(i).map(|(end, _)| end),
            b'r' if matches!(self.at(i + 1), b'"' | b'#') => self.string(i).map(|(end, _)| end),
            b'\'' => {
                let mut j = i + 1;
                while j < self.b.len() && self.at(j) != b'\'' {
                    j += if self.at(j) == b'\\' { 2 } else { 1 };
                }
                Some(j + 1)
            }
            b'(' | b'[' | b'{' => self.group(i),
            _ => {
                let mut j = i;
                while self.at(j).is_ascii_alphanumeric()
                    || matches!(self.at(j), b'_' | b'.' | b'+' | b'-')
                {
                    j += 1;
                }
                if j == i {
                    return None;
                }
                let k = self.ws(j);
                if self.at(k) == b'(' {
                    self.group(k)
                } else {
                    Some(j)
                }
            }
        }
    }

    /// Past the bracketed group opening at `i`.
    fn group(&self, i: usize) -> Option<usize> {
        let mut depth = 0_usize;
        let mut j = i;
        while j < self.b.len() {
            j = self.ws(j);
            match self.at(j) {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    j += 1;
                }
                b')' | b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    j += 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                b'"' | b'\'' => j = self.skip(j)?,
                b'r' if matches!(self.at(j + 1), b'"' | b'#') => j = self.skip(j)?,
                _ => j += 1,
            }
        }
        None
    }

    /// The items of the group opening at `i` with `open`: for each, the start of its key or
    /// field name (if `keyed`) and of its value, until `visit` returns true.
    fn items(&self, i: usize, open: u8, keyed: bool, mut visit: impl FnMut(usize, usize) -> bool) {
        if self.at(i) != open {
            return;
        }
        let mut j = self.ws(i + 1);
        while j < self.b.len() && !matches!(self.at(j), b')' | b']' | b'}') {
            let key = j;
            let value = if keyed {
                let Some(after) = self.skip(j) else { return };
                let colon = self.ws(after);
                if self.at(colon) != b':' {
                    return;
                }
                self.ws(colon + 1)
            } else {
                j
            };
            if visit(key, value) {
                return;
            }
            let Some(end) = self.skip(value) else { return };
            j = self.ws(end);
            if self.at(j) == b',' {
                j = self.ws(j + 1);
            }
        }
    }

    /// Follow `path` from the value at `i`, recording the deepest position reached.
    fn find(&mut self, i: usize, path: &[Step], depth: usize) {
        let Some((step, rest)) = path.split_first() else {
            return;
        };
        if depth > MAX_DEPTH {
            return;
        }
        let mut found = None;
        match step {
            Step::Field(name) => {
                // Past a struct name to its parenthesis.
                let mut open = i;
                while self.at(open).is_ascii_alphanumeric() || self.at(open) == b'_' {
                    open += 1;
                }
                let open = self.ws(open);
                self.items(open, b'(', true, |key, value| {
                    let is = self.b.get(key..key + name.len()) == Some(name.as_bytes())
                        && !self.at(key + name.len()).is_ascii_alphanumeric()
                        && self.at(key + name.len()) != b'_';
                    if is {
                        found = Some((key, value));
                    }
                    is
                });
            }
            Step::Key(want) => self.items(i, b'{', true, |key, value| {
                let is = self.string(key).is_some_and(|(_, k)| k == *want);
                if is {
                    found = Some((key, value));
                }
                is
            }),
            Step::Index(n) => {
                let mut count = 0;
                self.items(i, b'[', false, |_, value| {
                    let is = count == *n;
                    count += 1;
                    if is {
                        found = Some((value, value));
                    }
                    is
                });
            }
            Step::Item(want) => self.items(i, b'[', false, |_, value| {
                let is = self.string(value).is_some_and(|(_, v)| v == *want);
                if is {
                    found = Some((value, value));
                }
                is
            }),
        }
        if let Some((at, value)) = found {
            self.best = at;
            self.find(value, rest, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_keys_items_and_stops_at_the_deepest_found() {
        let text = "Plan(\n  // a: \"x\"\n  name: \"a(\\\"\",\n  nodes: {\n    \"a\": Node(role: \"r\", flags: [\"f\", \"g\"]),\n  },\n  links: [Link(a: \"a\", b: \"b\"), Link(a: \"a\", b: \"c\")],\n)\n";
        let at = |path: &[Step]| locate(text, path);
        assert_eq!(at(&[Step::Field("nodes"), Step::Key("a".into())]), (5, 5));
        let role = [
            Step::Field("nodes"),
            Step::Key("a".into()),
            Step::Field("role"),
        ];
        assert_eq!(at(&role), (5, 15));
        let flag = [
            Step::Field("nodes"),
            Step::Key("a".into()),
            Step::Field("flags"),
            Step::Item("g".into()),
        ];
        assert_eq!(at(&flag), (5, 39));
        assert_eq!(
            at(&[Step::Field("links"), Step::Index(1), Step::Field("b")]),
            (7, 46)
        );
        assert_eq!(at(&[Step::Field("links"), Step::Index(5)]), (7, 3));
        assert_eq!(at(&[Step::Field("nope")]), (1, 1));
    }
}
