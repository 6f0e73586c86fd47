//! One note as a small, human-readable TOML file (see the README's "Notes
//! on disk").
//!
//! The writer is hand-made so the file reads well (the body as a multi-line
//! string, keys in a fixed order) and so no character that could disturb a
//! terminal is written raw: control characters, DEL, C1 controls and bidi
//! controls are written as `\uXXXX` escapes.

use jiff::Timestamp;
use toml::{Table, Value};

use super::{Field, ItemKind, Note, NoteTarget, Passage};
use crate::text::sanitize::is_unsafe;

/// The file format version this build writes and reads.
pub const FORMAT_VERSION: i64 = 1;

/// What a note file holds.
// Read once per file and taken apart at once: boxing the note would only
// make every caller unbox it.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Note(Note),
    /// A `version` this build does not know; the file must be left alone.
    UnknownVersion(i64),
}

/// The TOML text of `note`'s file.
pub fn encode(note: &Note) -> String {
    let mut out = String::with_capacity(256 + note.body.len());
    out.push_str(&format!("version = {FORMAT_VERSION}\n"));
    out.push_str(&format!("id = {}\n", basic(&note.id)));
    out.push_str(&format!("created = {}\n", note.created));
    out.push_str(&format!("updated = {}\n", note.updated));
    out.push_str(&format!("body = {}\n", multi_line(&note.body)));
    let target = &note.target;
    out.push_str("\n[target]\n");
    out.push_str(&format!("kind = {}\n", basic(target.kind.name())));
    if let Some(id) = &target.id {
        out.push_str(&format!("id = {}\n", basic(id)));
    }
    if let Some(passage) = &target.passage {
        out.push_str(&format!("field = {}\n", basic(passage.field.name())));
        if let Some(index) = passage.field.index() {
            out.push_str(&format!("index = {index}\n"));
        }
        out.push_str(&format!("start = {}\n", passage.start));
        out.push_str(&format!("end = {}\n", passage.end));
        out.push_str(&format!("exact = {}\n", basic(&passage.exact)));
        out.push_str(&format!("prefix = {}\n", basic(&passage.prefix)));
        out.push_str(&format!("suffix = {}\n", basic(&passage.suffix)));
        out.push_str(&format!(
            "field_sha256 = {}\n",
            basic(&passage.field_sha256)
        ));
    }
    out
}

fn push_escape(out: &mut String, c: char) {
    // TOML's `\u` takes exactly four hex digits; beyond the BMP it is `\U`.
    let code = c as u32;
    if code > 0xFFFF {
        out.push_str(&format!("\\U{code:08X}"));
    } else {
        out.push_str(&format!("\\u{code:04X}"));
    }
}

/// `text` as a one-line TOML basic string.
fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as a TOML multi-line basic string (one-line text stays basic).
fn multi_line(text: &str) -> String {
    if !text.contains('\n') {
        return basic(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // The line break right after the opening quotes is not part of the value.
    out.push_str("\"\"\"\n");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A quote followed by another (or closing the text) is escaped,
            // so no run of three can end the string early.
            '"' if matches!(chars.peek(), Some('"') | None) => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

/// Reads a note file's text.
pub fn decode(text: &str) -> Result<Decoded, String> {
    // Files as this build writes them are read without the general TOML
    // parser, several times faster (opening a brief reads every note).
    match decode_fast(text) {
        Some(note) => Ok(Decoded::Note(note)),
        None => decode_toml(text).or_else(|error| match leading_version(text) {
            // A later format need not be TOML this parser reads: its first
            // line says which version it is.
            Some(version) if version != FORMAT_VERSION => Ok(Decoded::UnknownVersion(version)),
            _ => Err(error),
        }),
    }
}

/// The `N` of a first line `version = N`.
fn leading_version(text: &str) -> Option<i64> {
    let first = text.lines().next()?;
    let (key, value) = first.split_once('=')?;
    if key.trim() != "version" {
        return None;
    }
    value.trim().parse().ok()
}

/// The general reader: any TOML the format allows.
fn decode_toml(text: &str) -> Result<Decoded, String> {
    let table: Table = text.parse().map_err(|e: toml::de::Error| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: {message}")
            }
            None => message,
        }
    })?;
    let version = match table.get("version") {
        Some(Value::Integer(v)) => *v,
        Some(_) => return Err("`version` is not an integer".to_string()),
        None => return Err("no `version`".to_string()),
    };
    if version != FORMAT_VERSION {
        return Ok(Decoded::UnknownVersion(version));
    }
    let target = match table.get("target") {
        Some(Value::Table(target)) => target,
        Some(_) => return Err("`target` is not a table".to_string()),
        None => return Err("no `[target]`".to_string()),
    };
    let kind_name = string(target, "kind", "target.")?;
    let kind = ItemKind::parse(&kind_name)
        .ok_or_else(|| format!("unknown `target.kind` {kind_name:?}"))?;
    let id = optional_string(target, "id", "target.")?;
    if kind != ItemKind::Brief && id.is_none() {
        return Err("no `target.id`".to_string());
    }
    let passage = match optional_string(target, "field", "target.")? {
        None => None,
        Some(name) => {
            let index = optional_count(target, "index")?;
            let field = Field::parse(&name, index).ok_or_else(|| match index {
                None if name == "key_point" => {
                    "`target.field` \"key_point\" needs an `index`".to_string()
                }
                _ => format!("unknown `target.field` {name:?} (index {index:?})"),
            })?;
            let start = count(target, "start")?;
            let end = count(target, "end")?;
            if end < start {
                return Err("`target.end` is before `target.start`".to_string());
            }
            Some(
                Passage {
                    field,
                    exact: string(target, "exact", "target.")?,
                    prefix: optional_string(target, "prefix", "target.")?.unwrap_or_default(),
                    suffix: optional_string(target, "suffix", "target.")?.unwrap_or_default(),
                    start,
                    end,
                    field_sha256: optional_string(target, "field_sha256", "target.")?
                        .unwrap_or_default(),
                }
                .within_limits(),
            )
        }
    };
    Ok(Decoded::Note(Note {
        id: string(&table, "id", "")?,
        created: timestamp(&table, "created")?,
        updated: timestamp(&table, "updated")?,
        body: string(&table, "body", "")?,
        target: NoteTarget {
            kind,
            id: if kind == ItemKind::Brief { None } else { id },
            passage,
        },
    }))
}

fn optional_string(table: &Table, key: &str, path: &str) -> Result<Option<String>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("`{path}{key}` is not a string")),
    }
}

fn string(table: &Table, key: &str, path: &str) -> Result<String, String> {
    optional_string(table, key, path)?.ok_or_else(|| format!("no `{path}{key}`"))
}

fn optional_count(table: &Table, key: &str) -> Result<Option<usize>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(Value::Integer(n)) => usize::try_from(*n)
            .map(Some)
            .map_err(|_| format!("`target.{key}` is negative")),
        Some(_) => Err(format!("`target.{key}` is not an integer")),
    }
}

fn count(table: &Table, key: &str) -> Result<usize, String> {
    optional_count(table, key)?.ok_or_else(|| format!("no `target.{key}`"))
}

fn timestamp(table: &Table, key: &str) -> Result<Timestamp, String> {
    let text = match table.get(key) {
        Some(Value::Datetime(dt)) => dt.to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(format!("`{key}` is not a date-time")),
        None => return Err(format!("no `{key}`")),
    };
    text.parse::<Timestamp>()
        .map_err(|e| format!("`{key}` is not an RFC 3339 time with an offset: {e}"))
}

/// A reader for exactly what [`encode`] writes: the same keys in the same
/// order, the same spacing, only the escapes it uses. Anything else, valid
/// TOML or not, gives `None` and goes to the general reader.
struct Fast<'t> {
    rest: &'t str,
}

impl Fast<'_> {
    fn eat(&mut self, literal: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(literal)?;
        Some(())
    }

    fn key(&mut self, key: &str) -> bool {
        match self
            .rest
            .strip_prefix(key)
            .and_then(|r| r.strip_prefix(" = "))
        {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// One escape after a backslash: only those `encode` writes.
    fn escape(&mut self, out: &mut String) -> Option<()> {
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        self.rest = chars.as_str();
        match c {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'u' => {
                let hex = self.rest.get(..4)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                self.rest = &self.rest[4..];
            }
            _ => return None,
        }
        Some(())
    }

    /// A string's characters up to `end`; `multi_line` allows raw line feeds.
    fn string_body(&mut self, end: &str, multi_line: bool) -> Option<String> {
        let mut out = String::new();
        loop {
            if self.rest.starts_with(end) {
                self.rest = &self.rest[end.len()..];
                return Some(out);
            }
            // A run of plain ASCII at once (a long value is mostly that).
            let plain = self
                .rest
                .bytes()
                .take_while(|&b| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\')
                .count();
            if plain > 0 {
                out.push_str(&self.rest[..plain]);
                self.rest = &self.rest[plain..];
                continue;
            }
            let mut chars = self.rest.chars();
            let c = chars.next()?;
            self.rest = chars.as_str();
            match c {
                '\\' => self.escape(&mut out)?,
                '"' if multi_line => out.push('"'),
                '\t' => out.push(c),
                '\n' if multi_line => out.push(c),
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.rest.starts_with("\"\"\"") {
            self.eat("\"\"\"\n")?;
            let value = self.string_body("\"\"\"", true)?;
            // Quotes right before the closing ones would belong to the value.
            self.eat("\n")?;
            return Some(value);
        }
        self.eat("\"")?;
        let value = self.string_body("\"", false)?;
        self.eat("\n")?;
        Some(value)
    }

    fn line(&mut self) -> Option<&str> {
        let (line, rest) = self.rest.split_once('\n')?;
        self.rest = rest;
        Some(line)
    }

    fn count(&mut self) -> Option<usize> {
        let digits = self.line()?;
        let plain = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        if plain { digits.parse().ok() } else { None }
    }

    fn time(&mut self) -> Option<Timestamp> {
        let text = self.line()?;
        // `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, as TOML writes it.
        let b = text.as_bytes();
        let shape = b.len() >= 20
            && b[..19].iter().enumerate().all(|(i, &c)| match i {
                4 | 7 => c == b'-',
                10 => c == b'T',
                13 | 16 => c == b':',
                _ => c.is_ascii_digit(),
            });
        let mut tail = &text[19.min(text.len())..];
        if let Some(fraction) = tail.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            tail = &fraction[digits..];
        }
        let zone = tail == "Z"
            || (tail.len() == 6
                && matches!(tail.as_bytes()[0], b'+' | b'-')
                && tail.as_bytes()[3] == b':'
                && tail
                    .bytes()
                    .enumerate()
                    .all(|(i, c)| i == 0 || i == 3 || c.is_ascii_digit()));
        if shape && zone {
            text.parse().ok()
        } else {
            None
        }
    }
}

fn decode_fast(text: &str) -> Option<Note> {
    let mut f = Fast { rest: text };
    f.eat("version = 1\n")?;
    let id = f.key("id").then(|| f.string())??;
    let created = f.key("created").then(|| f.time())??;
    let updated = f.key("updated").then(|| f.time())??;
    let body = f.key("body").then(|| f.string())??;
    f.eat("\n[target]\n")?;
    let kind = ItemKind::parse(&f.key("kind").then(|| f.string())??)?;
    let target_id = if f.key("id") { Some(f.string()?) } else { None };
    if (kind == ItemKind::Brief) != target_id.is_none() {
        return None;
    }
    let passage = if f.key("field") {
        let name = f.string()?;
        let index = if f.key("index") {
            Some(f.count()?)
        } else {
            None
        };
        let field = Field::parse(&name, index)?;
        let start = f.key("start").then(|| f.count())??;
        let end = f.key("end").then(|| f.count())??;
        if end < start {
            return None;
        }
        Some(
            Passage {
                field,
                exact: f.key("exact").then(|| f.string())??,
                prefix: f.key("prefix").then(|| f.string())??,
                suffix: f.key("suffix").then(|| f.string())??,
                start,
                end,
                field_sha256: f.key("field_sha256").then(|| f.string())??,
            }
            .within_limits(),
        )
    } else {
        None
    };
    if !f.rest.is_empty() {
        return None;
    }
    Some(Note {
        id,
        created,
        updated,
        body,
        target: NoteTarget {
            kind,
            id: target_id,
            passage,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{CONTEXT_CHARS, MAX_OFFSET};
    use proptest::prelude::*;

    fn sample(body: &str, passage: Option<Passage>) -> Note {
        Note {
            id: "01JABCDEFGHJKMNPQRSTVWXYZ0".to_string(),
            created: "2025-06-01T10:00:00Z".parse().unwrap(),
            updated: "2025-06-02T11:30:00.123Z".parse().unwrap(),
            body: body.to_string(),
            target: NoteTarget {
                kind: ItemKind::Factor,
                id: Some("terrorism".to_string()),
                passage,
            },
        }
    }

    #[test]
    fn file_reads_well_and_round_trips() {
        let passage = Passage::capture(
            Field::KeyPoint(2),
            "UN experts report \"Taliban\" backing",
            11,
            17,
        );
        let note = sample("First line.\nSecond \"quoted\" line.\n", Some(passage));
        let text = encode(&note);
        assert!(text.starts_with("version = 1\nid = \"01JABCDEFGHJKMNPQRSTVWXYZ0\"\n"));
        assert!(text.contains("created = 2025-06-01T10:00:00Z\n"), "{text}");
        assert!(
            text.contains("updated = 2025-06-02T11:30:00.123Z\n"),
            "{text}"
        );
        assert!(text.contains("body = \"\"\"\nFirst line.\nSecond \"quoted\" line.\n\"\"\"\n"));
        assert!(
            text.contains("field = \"key_point\"\nindex = 2\n"),
            "{text}"
        );
        assert_eq!(decode(&text), Ok(Decoded::Note(note)));
    }

    #[test]
    fn unsafe_characters_are_escaped_in_the_file() {
        let note = sample("a\u{1b}]0;x\u{7}\nb\u{9b}c\u{202e}d\r\n\"", None);
        let text = encode(&note);
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
        assert!(text.contains("\\u001B"));
        assert_eq!(decode(&text), Ok(Decoded::Note(note)));
    }

    #[test]
    fn unknown_versions_and_broken_files() {
        assert_eq!(
            decode("version = 7\nwhatever = true\n"),
            Ok(Decoded::UnknownVersion(7))
        );
        assert!(decode("version = 1\n").unwrap_err().contains("target"));
        assert_eq!(
            decode("version = 2\nbody = \"raw \u{1b} escape\"\n"),
            Ok(Decoded::UnknownVersion(2)),
            "a later version is told by its first line even if not TOML"
        );
        assert!(decode("version = 1\nbody = \"raw \u{1b}\"\n").is_err());
        let kind = "version = 1\nid = \"x\"\ncreated = 2025-01-01T00:00:00Z\nupdated = 2025-01-01T00:00:00Z\nbody = \"\"\n[target]\nkind = \"chart\"\nid = \"c\"\n";
        assert!(
            decode(kind)
                .unwrap_err()
                .contains("unknown `target.kind` \"chart\"")
        );
        assert!(decode("not toml at all").unwrap_err().starts_with("line 1"));
        let item = "version = 1\nid = \"x\"\ncreated = 2025-01-01T00:00:00Z\nupdated = 2025-01-01T00:00:00Z\nbody = \"\"\n[target]\nkind = \"brief\"\n";
        assert!(matches!(decode(item), Ok(Decoded::Note(_))));
        let local = item.replace(
            "created = 2025-01-01T00:00:00Z",
            "created = 2025-01-01T00:00:00",
        );
        assert!(decode(&local).unwrap_err().contains("created"));
        let no_index = format!("{item}field = \"key_point\"\nstart = 0\nend = 0\nexact = \"\"\n");
        assert!(decode(&no_index).unwrap_err().contains("index"));
    }

    #[test]
    fn the_fast_reader_reads_what_encode_writes() {
        let passage = Passage::capture(Field::KeyPoint(0), "a \"b\" c\\d\u{1b}", 1, 6);
        let notes = [
            sample("one line", None),
            sample("two\nlines \"\"\" and \\ \u{202e}\r\n\"", Some(passage)),
            Note {
                target: NoteTarget::brief(),
                ..sample("", None)
            },
        ];
        for note in notes {
            assert_eq!(decode_fast(&encode(&note)), Some(note));
        }
        // Anything unusual goes to the general reader.
        let text = encode(&sample("x", None));
        for odd in [
            text.replace("version = 1", "version=1"),
            text.replace("body = \"x\"", "body = 'x'"),
            text.replace("\n[target]", "\n# comment\n[target]"),
            format!("{text}extra = 1\n"),
        ] {
            assert_eq!(decode_fast(&odd), None, "{odd}");
            assert!(decode(&odd).is_ok() || odd.contains("version=1"));
        }
    }

    /// A note file as some other program might write it: context far past
    /// the format's 32 characters and offsets near `usize::MAX`.
    fn hostile(prefix: &str, suffix: &str, start: u64, end: u64) -> String {
        let mut note = sample("b", None);
        note.target.passage = Some(Passage {
            field: Field::Quote,
            exact: "x".to_string(),
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            start: 0,
            end: 0,
            field_sha256: String::new(),
        });
        encode(&note)
            .replace("start = 0\n", &format!("start = {start}\n"))
            .replace("end = 0\n", &format!("end = {end}\n"))
    }

    #[test]
    fn limits_are_enforced_on_read_by_both_readers() {
        let prefix = format!("{}ébut", "ä".repeat(60_000));
        let suffix = format!("débu{}", "ß".repeat(60_000));
        let big = i64::MAX as u64;
        let fast = hostile(&prefix, &suffix, big - 1, big);
        // The same file, with a comment only the general reader takes.
        let general = format!("# written by hand\n{fast}");
        assert!(decode_fast(&fast).is_some() && decode_fast(&general).is_none());
        for text in [fast, general] {
            let Ok(Decoded::Note(note)) = decode(&text) else {
                panic!("unread")
            };
            let passage = note.target.passage.expect("passage");
            assert_eq!(passage.prefix.chars().count(), CONTEXT_CHARS);
            assert!(passage.prefix.ends_with("äébut"));
            assert_eq!(passage.suffix.chars().count(), CONTEXT_CHARS);
            assert!(passage.suffix.starts_with("débuß"));
            assert_eq!((passage.start, passage.end), (MAX_OFFSET, MAX_OFFSET));
        }
    }

    proptest! {
        #[test]
        fn the_fast_reader_never_disagrees(body in "[a-z\"\\\\\n]{0,12}", cut in 0usize..400, insert in "[ \"\\\\\nx=#u0-9]{0,3}") {
            let mut text = encode(&sample(&body, Some(Passage::capture(Field::Quote, "q \"r\" s", 2, 5))));
            let at = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.insert_str(at, &insert);
            if let Some(note) = decode_fast(&text) {
                prop_assert_eq!(decode_toml(&text), Ok(Decoded::Note(note)));
            }
        }

        #[test]
        fn any_text_round_trips(body in any::<String>(), exact in any::<String>(), prefix in "\\PC{0,32}") {
            let passage = Passage {
                field: Field::Quote,
                exact,
                prefix,
                suffix: "\"\"\"".to_string(),
                start: 3,
                end: 9,
                field_sha256: "ab".repeat(32),
            };
            let note = sample(&body, Some(passage));
            prop_assert_eq!(decode_fast(&encode(&note)), Some(note.clone()));
            prop_assert_eq!(decode_toml(&encode(&note)), Ok(Decoded::Note(note)));
        }
    }
}
