//! A small RFC 4180 reader: records of fields, each with the line it starts on.
//! Untrusted input: every malformation is an error with its line, never a panic.

/// One record and the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Line of the record's first character.
    pub line: usize,
    /// The fields, unquoted.
    pub fields: Vec<String>,
}

/// A malformed CSV text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CsvError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Close the record being read. Fields are copied out of one reused buffer at their final size.
fn end_record(
    fields: &mut Vec<String>,
    field: &mut String,
    start: usize,
    records: &mut Vec<Record>,
) {
    fields.push(field.as_str().to_owned());
    field.clear();
    let width = fields.len();
    let record = std::mem::replace(fields, Vec::with_capacity(width));
    if !(record.len() == 1 && record[0].is_empty()) {
        records.push(Record {
            line: start,
            fields: record,
        });
    }
}

/// Split CSV text into records. Blank lines are skipped; CRLF, LF and a lone CR each end a line,
/// as they do in text editors.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut was_quoted = false;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    // Every character with a meaning is ASCII, so runs of other bytes between them are copied
    // whole, and slicing there keeps UTF-8 intact.
    let run = |from: usize, special: fn(u8) -> bool| {
        bytes[from..]
            .iter()
            .position(|&b| special(b))
            .map_or(bytes.len(), |p| from + p)
    };
    let mut i = 0;
    while i < bytes.len() {
        if quoted {
            let end = run(i, |b| matches!(b, b'"' | b'\n' | b'\r'));
            field.push_str(&text[i..end]);
            i = end;
            match bytes.get(i) {
                Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                    field.push('"');
                    i += 1;
                }
                Some(b'"') => quoted = false,
                Some(b'\n') => {
                    line += 1;
                    field.push('\n');
                }
                Some(b'\r') => {
                    if bytes.get(i + 1) != Some(&b'\n') {
                        line += 1;
                    }
                    field.push('\r');
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let end = run(i, |b| matches!(b, b'"' | b',' | b'\n' | b'\r'));
        if end > i {
            if was_quoted {
                return Err(CsvError {
                    line,
                    message: "text after a closing quote".to_owned(),
                });
            }
            field.push_str(&text[i..end]);
            i = end;
            continue;
        }
        match bytes[i] {
            b'"' if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            b'"' => {
                return Err(CsvError {
                    line,
                    message: "a quote inside an unquoted field (quote the whole field)".to_owned(),
                });
            }
            b',' => {
                fields.push(field.as_str().to_owned());
                field.clear();
                was_quoted = false;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            _ => {
                end_record(&mut fields, &mut field, start, &mut records);
                was_quoted = false;
                line += 1;
                start = line;
            }
        }
        i += 1;
    }
    if quoted {
        return Err(CsvError {
            line: start,
            message: "a quoted field is never closed".to_owned(),
        });
    }
    end_record(&mut fields, &mut field, start, &mut records);
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_and_line_breaks() {
        let r = parse("a,\"b,c\",\"d\"\"e\"\r\n\r\n\"multi\nline\",x\n").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].fields, ["a", "b,c", "d\"e"]);
        assert_eq!((r[1].line, r[1].fields[0].as_str()), (3, "multi\nline"));
    }

    #[test]
    fn reports_malformed_lines() {
        assert_eq!(parse("a,b\nc\"d,e\n").unwrap_err().line, 2);
        assert_eq!(parse("a\n\"open,b\n").unwrap_err().line, 2);
        assert_eq!(parse("\"a\"x\n").unwrap_err().line, 1);
    }
    /// The parser before it copied runs of bytes, kept as the oracle for the one in use.
    fn char_by_char(text: &str) -> Result<Vec<Record>, CsvError> {
        let mut records = Vec::new();
        let mut fields: Vec<String> = Vec::new();
        let mut field = String::new();
        let mut line = 1;
        let mut start = 1;
        let mut quoted = false;
        let mut was_quoted = false;
        let mut chars = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .chars()
            .peekable();
        // Fields are copied out of one reused buffer at their final size.
        let end_record = |fields: &mut Vec<String>,
                          field: &mut String,
                          start: usize,
                          records: &mut Vec<Record>| {
            fields.push(field.as_str().to_owned());
            field.clear();
            let width = fields.len();
            let record = std::mem::replace(fields, Vec::with_capacity(width));
            if !(record.len() == 1 && record[0].is_empty()) {
                records.push(Record {
                    line: start,
                    fields: record,
                });
            }
        };
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        field.push('\n');
                    }
                    '\r' => {
                        if chars.peek() != Some(&'\n') {
                            line += 1;
                        }
                        field.push('\r');
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.is_empty() && !was_quoted => {
                    quoted = true;
                    was_quoted = true;
                }
                '"' => {
                    return Err(CsvError {
                        line,
                        message: "a quote inside an unquoted field (quote the whole field)"
                            .to_owned(),
                    });
                }
                ',' => {
                    fields.push(field.as_str().to_owned());
                    field.clear();
                    was_quoted = false;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    end_record(&mut fields, &mut field, start, &mut records);
                    was_quoted = false;
                    line += 1;
                    start = line;
                }
                _ if was_quoted => {
                    return Err(CsvError {
                        line,
                        message: "text after a closing quote".to_owned(),
                    });
                }
                _ => field.push(c),
            }
        }
        if quoted {
            return Err(CsvError {
                line: start,
                message: "a quoted field is never closed".to_owned(),
            });
        }
        end_record(&mut fields, &mut field, start, &mut records);
        Ok(records)
    }

    /// Every text over an alphabet of the characters that matter (and a multi-byte one) parses
    /// as the character-by-character reader parses it: same records, same errors and lines.
    #[test]
    fn byte_runs_parse_as_characters_do() {
        let alphabet = [
            "a", "\u{e9}", ",", "\"", "\r", "\n", "\r\n", "bc", "\u{feff}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = alphabet.len() as u64;
            let mut s = seed;
            for _ in 0..seed % 12 {
                text.push_str(alphabet[usize::try_from(s % n).unwrap()]);
                s /= n;
                if s == 0 {
                    s = seed.rotate_left(29);
                }
            }
            assert_eq!(parse(&text), char_by_char(&text), "{text:?}");
        }
    }
}
