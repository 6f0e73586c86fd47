//! Where each byte of a TOML string's value was written in the file, so a
//! problem inside a string (a citation) is shown at its exact column.

/// For the string written as `raw` (delimiters included), the file offset
/// (relative to `raw`) of each byte of its value, plus one for the end;
/// `None` unless decoding `raw` gives exactly `value` (the value as the
/// loader keeps it, `\r\n` folded to `\n`), so a map is never wrong.
pub fn value_offsets(raw: &str, value: &str) -> Option<Vec<usize>> {
    let (body, start, basic) = body(raw)?;
    let mut out = String::with_capacity(value.len());
    let mut map = Vec::with_capacity(value.len() + 1);
    let bytes = body.as_bytes();
    let mut at = 0;
    let push = |out: &mut String, map: &mut Vec<usize>, c: char, from: usize| {
        if c == '\n' && out.ends_with('\r') {
            out.pop();
            map.pop();
        }
        out.push(c);
        map.extend(std::iter::repeat_n(start + from, c.len_utf8()));
    };
    while at < bytes.len() {
        let c = body[at..].chars().next()?;
        if !(basic && c == '\\') {
            push(&mut out, &mut map, c, at);
            at += c.len_utf8();
            continue;
        }
        let escape = *bytes.get(at + 1)?;
        let simple = match escape {
            b'b' => Some('\u{8}'),
            b't' => Some('\t'),
            b'n' => Some('\n'),
            b'f' => Some('\u{c}'),
            b'r' => Some('\r'),
            b'e' => Some('\u{1b}'),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            _ => None,
        };
        if let Some(c) = simple {
            push(&mut out, &mut map, c, at);
            at += 2;
            continue;
        }
        let digits = match escape {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => 0,
        };
        if digits > 0 {
            let hex = body.get(at + 2..at + 2 + digits)?;
            let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            push(&mut out, &mut map, c, at);
            at += 2 + digits;
            continue;
        }
        // A line-ending backslash: whitespace and line breaks are trimmed.
        let rest = &body[at + 1..];
        let skipped = rest.len() - rest.trim_start().len();
        if !rest[..skipped].contains('\n') {
            return None;
        }
        at += 1 + skipped;
    }
    map.push(start + body.len());
    (out == value).then_some(map)
}

/// The text between the delimiters, its offset in `raw`, and whether
/// escapes are read (a basic string).
fn body(raw: &str) -> Option<(&str, usize, bool)> {
    for (quote, basic) in [("\"\"\"", true), ("'''", false)] {
        if raw.len() >= 6 && raw.starts_with(quote) && raw.ends_with(quote) {
            let inner = &raw[3..raw.len() - 3];
            // A line break right after the opening delimiter is trimmed.
            let trim = if inner.starts_with("\r\n") {
                2
            } else {
                usize::from(inner.starts_with('\n'))
            };
            return Some((&inner[trim..], 3 + trim, basic));
        }
    }
    for (quote, basic) in [('"', true), ('\'', false)] {
        if raw.len() >= 2 && raw.starts_with(quote) && raw.ends_with(quote) {
            return Some((&raw[1..raw.len() - 1], 1, basic));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, value: &str) {
        let map = value_offsets(raw, value).unwrap_or_else(|| panic!("{raw}"));
        assert_eq!(map.len(), value.len() + 1);
        for (i, c) in value.char_indices() {
            if c != '\n' && c != '\\' && c != '"' && c.is_ascii_graphic() {
                assert_eq!(&raw[map[i]..map[i] + 1], &value[i..i + 1], "{raw} at {i}");
            }
        }
    }

    #[test]
    fn every_string_form_maps_back_to_the_file() {
        check(r#""a [@x] b""#, "a [@x] b");
        check(r#""tab\there [@x]""#, "tab\there [@x]");
        check(r#""\u00e9t\u00E9 [@x]""#, "été [@x]");
        check("'lit \\[@x]'", "lit \\[@x]");
        check("\"\"\"\nfirst\nsecond [@x]\"\"\"", "first\nsecond [@x]");
        check("\"\"\"one \\\n    two [@x]\"\"\"", "one two [@x]");
        check("'''\r\nwin\r\ndows [@x]'''", "win\ndows [@x]");
        check("\"é \\\\[@x]\"", "é \\[@x]");
    }

    #[test]
    fn a_value_that_does_not_match_gives_no_map() {
        assert_eq!(value_offsets("\"abc\"", "abd"), None);
        assert_eq!(value_offsets("abc", "abc"), None);
    }
}
