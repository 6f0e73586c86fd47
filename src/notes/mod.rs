//! Private notes on a brief: on the brief as a whole, on one of its items
//! (factor, event, excerpt, source), or on a passage inside one of their
//! texts.
//!
//! Notes live apart from the brief, one small TOML file each (see
//! [`Store`] and the README's "Notes on disk"). A passage is recorded the
//! way the W3C Web Annotation model does it: the exact words, about 32
//! characters of context on each side, character offsets in the field's
//! original text and a hash of that text. When the brief changes, [`place_all`]
//! finds each passage again, or reports it orphaned rather than guess.

pub mod anchor;
mod file;
mod store;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::brief::Brief;

pub use anchor::{Anchor, FieldCache, ItemRef, Placement, Placer, item_text, place_all};
pub use file::{Decoded, FORMAT_VERSION, decode, encode};
pub mod drafts;
pub use store::{
    ConflictCopy, LoadedNotes, SHOWN_TEXT, Saved, Store, StoreError, Unreadable, conflict_copy_of,
    is_valid_note_id,
};

/// How many characters of context a passage records on each side.
pub const CONTEXT_CHARS: usize = 32;

/// What kind of item a note belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Brief,
    Factor,
    Event,
    Excerpt,
    Source,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Brief,
        ItemKind::Factor,
        ItemKind::Event,
        ItemKind::Excerpt,
        ItemKind::Source,
    ];

    /// The name used on disk and in JSON: `"factor"`.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Brief => "brief",
            ItemKind::Factor => "factor",
            ItemKind::Event => "event",
            ItemKind::Excerpt => "excerpt",
            ItemKind::Source => "source",
        }
    }

    pub fn parse(name: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// Which text of an item a passage lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The item's title (brief, factor, event, source).
    Title,
    /// `brief.summary` or `factor.summary`.
    Summary,
    /// `factor.key_points[i]`.
    KeyPoint(usize),
    /// `event.detail`.
    Detail,
    /// `excerpt.quote`.
    Quote,
    /// `excerpt.annotation`.
    Annotation,
    /// `source.text`: the source's full text.
    Text,
}

impl Field {
    /// The name used on disk and in JSON (key points also have an index).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::KeyPoint(_) => "key_point",
            Field::Detail => "detail",
            Field::Quote => "quote",
            Field::Annotation => "annotation",
            Field::Text => "text",
        }
    }

    /// The key point's index, for [`Field::KeyPoint`].
    pub fn index(self) -> Option<usize> {
        match self {
            Field::KeyPoint(i) => Some(i),
            _ => None,
        }
    }

    /// The field named `name` (with `index` for key points).
    pub fn parse(name: &str, index: Option<usize>) -> Option<Field> {
        Some(match (name, index) {
            ("title", None) => Field::Title,
            ("summary", None) => Field::Summary,
            ("key_point", Some(i)) => Field::KeyPoint(i),
            ("detail", None) => Field::Detail,
            ("quote", None) => Field::Quote,
            ("annotation", None) => Field::Annotation,
            ("text", None) => Field::Text,
            _ => return None,
        })
    }

    /// How the field is named to a reader: `key point 3`, `source text`.
    pub fn describe(self) -> String {
        match self {
            Field::KeyPoint(i) => format!("key point {}", i + 1),
            Field::Text => "source text".to_string(),
            other => other.name().to_string(),
        }
    }
}

/// A span of words inside one field, recorded so it can be found again
/// after the field changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub field: Field,
    /// The selected words, exactly as in the field's original text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before `exact`, clipped at the
    /// start of the field.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after `exact`, clipped at the end
    /// of the field.
    pub suffix: String,
    /// Character (code point) offsets in the field's original text (as
    /// written in the brief, before display sanitising); `end` excluded.
    pub start: usize,
    pub end: usize,
    /// Lowercase hex SHA-256 of the field's text when the passage was taken.
    pub field_sha256: String,
}

impl Passage {
    /// Records characters `start..end` of `field_text` (clamped to the
    /// text; `end` before `start` is read as an empty span at `start`).
    pub fn capture(field: Field, field_text: &str, start: usize, end: usize) -> Passage {
        let chars: Vec<char> = field_text.chars().collect();
        let start = start.min(chars.len());
        let end = end.clamp(start, chars.len());
        let before = start.saturating_sub(CONTEXT_CHARS);
        let after = (end + CONTEXT_CHARS).min(chars.len());
        Passage {
            field,
            exact: chars[start..end].iter().collect(),
            prefix: chars[before..start].iter().collect(),
            suffix: chars[end..after].iter().collect(),
            start,
            end,
            field_sha256: sha256_hex(field_text),
        }
    }

    /// The passage with the format's limits enforced, for one read from a
    /// file (which may have been written by anything): `prefix` cut to its
    /// last and `suffix` to its first [`CONTEXT_CHARS`] characters, and
    /// offsets no text we read can reach clamped to [`MAX_OFFSET`] (so no
    /// arithmetic on them can overflow).
    pub fn within_limits(mut self) -> Passage {
        if let Some((at, _)) = self.prefix.char_indices().rev().nth(CONTEXT_CHARS - 1) {
            self.prefix.drain(..at);
        }
        if let Some((at, _)) = self.suffix.char_indices().nth(CONTEXT_CHARS) {
            self.suffix.truncate(at);
        }
        self.start = self.start.min(MAX_OFFSET);
        self.end = self.end.clamp(self.start, MAX_OFFSET);
        self
    }
}

/// No field's text has more characters than a brief file has bytes, so no
/// offset can be larger than this.
pub const MAX_OFFSET: usize = crate::safe_file::limits::BRIEF as usize;

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteTarget {
    pub kind: ItemKind,
    /// The item's id; `None` for the brief itself.
    pub id: Option<String>,
    /// The passage, for a note on words rather than on the whole item.
    pub passage: Option<Passage>,
}

impl NoteTarget {
    /// The brief as a whole.
    pub fn brief() -> NoteTarget {
        NoteTarget {
            kind: ItemKind::Brief,
            id: None,
            passage: None,
        }
    }

    /// A whole item. For [`ItemKind::Brief`] the id is ignored.
    pub fn item(kind: ItemKind, id: &str) -> NoteTarget {
        NoteTarget {
            kind,
            id: (kind != ItemKind::Brief).then(|| id.to_string()),
            passage: None,
        }
    }

    /// A passage of an item's text.
    pub fn passage(kind: ItemKind, id: Option<&str>, passage: Passage) -> NoteTarget {
        NoteTarget {
            kind,
            id: if kind == ItemKind::Brief {
                None
            } else {
                id.map(str::to_string)
            },
            passage: Some(passage),
        }
    }
}

/// One private note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// A ULID: unique, and sorts by creation time.
    pub id: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub body: String,
    pub target: NoteTarget,
}

impl Note {
    /// A new note, created now, with a fresh id.
    pub fn new(target: NoteTarget, body: String) -> Note {
        let now = now();
        Note {
            id: ulid::Ulid::generate().to_string(),
            created: now,
            updated: now,
            body,
            target,
        }
    }
}

/// The current time, to the millisecond (the precision kept on disk).
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
}

/// The item `kind`/`id` of `brief` (`id` is ignored for the brief), or
/// `None` when no item has that id.
pub fn find_item(brief: &Brief, kind: ItemKind, id: Option<&str>) -> Option<ItemRef> {
    fn position<T>(items: &[T], id: Option<&str>, id_of: impl Fn(&T) -> &str) -> Option<usize> {
        let id = id?;
        items.iter().position(|item| id_of(item) == id)
    }
    Some(match kind {
        ItemKind::Brief => ItemRef::Brief,
        ItemKind::Factor => ItemRef::Factor(position(&brief.factors, id, |f| &f.id)?),
        ItemKind::Event => ItemRef::Event(position(&brief.events, id, |e| &e.id)?),
        ItemKind::Excerpt => ItemRef::Excerpt(position(&brief.excerpts, id, |x| &x.id)?),
        ItemKind::Source => ItemRef::Source(position(&brief.sources, id, |s| &s.id)?),
    })
}

/// The text of field `field` of the item `kind`/`id` (`id` is ignored for
/// the brief), or `None` when the item or the field does not exist.
pub fn field_text<'b>(
    brief: &'b Brief,
    kind: ItemKind,
    id: Option<&str>,
    field: &Field,
) -> Option<&'b str> {
    item_text(brief, find_item(brief, kind, id)?, *field)
}

/// Lowercase hex SHA-256 of `text`'s UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    sha256_bytes(text.as_bytes())
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_clips_context_at_the_field_edges() {
        let text = "Kabul – Islamabad: the border is closed to trade.";
        let start = text[..text.find("border").unwrap()].chars().count();
        let passage = Passage::capture(Field::Summary, text, start, start + 6);
        assert_eq!(passage.exact, "border");
        assert_eq!(passage.prefix, "Kabul – Islamabad: the ");
        assert_eq!(passage.suffix, " is closed to trade.");
        assert_eq!(passage.field_sha256, sha256_hex(text));
        assert_eq!(passage.field_sha256.len(), 64);
    }

    #[test]
    fn capture_counts_code_points_and_clamps() {
        let text = "حدود 国境 🇵🇰 end";
        let passage = Passage::capture(Field::Quote, text, 5, 7);
        assert_eq!(passage.exact, "国境");
        let passage = Passage::capture(Field::Quote, text, 11, 99);
        assert_eq!((passage.start, passage.end), (11, text.chars().count()));
        assert_eq!(passage.exact, "end");
        let long = "x".repeat(100);
        let passage = Passage::capture(Field::Text, &long, 50, 51);
        assert_eq!(passage.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(passage.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn field_names_round_trip() {
        for field in [
            Field::Title,
            Field::Summary,
            Field::KeyPoint(3),
            Field::Detail,
            Field::Quote,
            Field::Annotation,
            Field::Text,
        ] {
            assert_eq!(Field::parse(field.name(), field.index()), Some(field));
        }
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::parse(kind.name()), Some(kind));
        }
    }
}
