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
    out.push_str(&format!("\\u{:04X}", c as u32));
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
            Some(Passage {
                field,
                exact: string(target, "exact", "target.")?,
                prefix: optional_string(target, "prefix", "target.")?.unwrap_or_default(),
                suffix: optional_string(target, "suffix", "target.")?.unwrap_or_default(),
                start,
                end,
                field_sha256: optional_string(target, "field_sha256", "target.")?
                    .unwrap_or_default(),
            })
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

#[cfg(test)]
mod tests {
    use super::*;
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

    proptest! {
        #[test]
        fn any_text_round_trips(body in any::<String>(), exact in any::<String>(), prefix in "\\PC{0,40}") {
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
            prop_assert_eq!(decode(&encode(&note)), Ok(Decoded::Note(note)));
        }
    }
}
