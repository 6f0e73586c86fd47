//! The JSON export (its shape is documented in the README's "Export").

use serde::Serialize;

use super::{Notes, NotesExport, Placed};
use crate::brief::{Brief, Date, TextRef, Verification};
use crate::notes::{ConflictCopy, Field, ItemRef, Note, Unreadable};
use crate::text::sanitize::is_unsafe;

#[derive(Serialize)]
struct JsonDoc<'a> {
    format: &'static str,
    version: u32,
    brief: JsonBrief<'a>,
    factors: Vec<JsonFactor<'a>>,
    events: Vec<JsonEvent<'a>>,
    excerpts: Vec<JsonExcerpt<'a>>,
    sources: Vec<JsonSource<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    orphans: Option<Vec<JsonNote<'a>>>,
    /// Conflict copies of notes no longer in the folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicts: Option<Vec<JsonConflict<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unreadable: Option<Vec<JsonUnreadable<'a>>>,
}

/// The other text of a note, kept when two readers saved it.
#[derive(Serialize)]
struct JsonConflict<'a> {
    note: &'a str,
    file: &'a str,
    /// Its body when it reads as a note, else the file's text.
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
}

fn json_conflict(copy: &ConflictCopy) -> JsonConflict<'_> {
    JsonConflict {
        note: &copy.note_id,
        file: &copy.file,
        text: &copy.text,
        updated: copy.note.as_ref().map(|n| n.updated.to_string()),
    }
}

#[derive(Serialize)]
struct JsonUnreadable<'a> {
    file: &'a str,
    reason: &'a str,
    text: &'a str,
}

fn json_unreadable(file: &Unreadable) -> JsonUnreadable<'_> {
    JsonUnreadable {
        file: &file.file,
        reason: &file.reason,
        text: &file.text,
    }
}

#[derive(Serialize)]
struct JsonBrief<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    as_of: String,
    summary: &'a str,
    authors: &'a [String],
    tags: &'a [String],
    verification: JsonCounts,
    citations: Vec<JsonCitation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<JsonNote<'a>>>,
}

#[derive(Serialize)]
struct JsonCounts {
    verified: usize,
    not_found: usize,
    unverifiable: usize,
}

#[derive(Serialize)]
struct JsonFactor<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    confidence: Option<&'static str>,
    key_points: &'a [String],
    related: Vec<&'a str>,
    citations: Vec<JsonCitation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<JsonNote<'a>>>,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    date: String,
    title: &'a str,
    detail: Option<&'a str>,
    place: Option<&'a str>,
    factors: Vec<&'a str>,
    sources: Vec<&'a str>,
    citations: Vec<JsonCitation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<JsonNote<'a>>>,
}

#[derive(Serialize)]
struct JsonExcerpt<'a> {
    id: &'a str,
    source: &'a str,
    quote: &'a str,
    verification: &'static str,
    factors: Vec<&'a str>,
    events: Vec<&'a str>,
    annotation: Option<&'a str>,
    citations: Vec<JsonCitation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<JsonNote<'a>>>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: &'a str,
    title: &'a str,
    authors: &'a [String],
    publisher: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    file: Option<&'a str>,
    has_text: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<JsonNote<'a>>>,
}

/// One cited excerpt: which text of the item cites it, and where the
/// citation group (`[@a; @b]`) stands in that text as written, in code
/// points.
#[derive(Serialize)]
struct JsonCitation<'a> {
    field: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    excerpt: &'a str,
    start: usize,
    end: usize,
}

/// The citations of `texts` (each with its field name and index), in
/// order.
fn citations<'a>(
    brief: &'a Brief,
    texts: impl IntoIterator<Item = (TextRef, &'static str, Option<usize>)>,
) -> Vec<JsonCitation<'a>> {
    let mut out = Vec::new();
    for (text, field, index) in texts {
        let (Some(cited), Some(written)) = (brief.citations_of(text), text.text(brief)) else {
            continue;
        };
        for citation in &cited.citations {
            let start = written[..citation.range.start].chars().count();
            let end = start + written[citation.range.clone()].chars().count();
            for &excerpt in &citation.excerpts {
                out.push(JsonCitation {
                    field,
                    index,
                    excerpt: &brief.excerpts[excerpt].id,
                    start,
                    end,
                });
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonNote<'a> {
    id: &'a str,
    created: String,
    updated: String,
    body: &'a str,
    target: JsonTarget<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<JsonAnchor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<JsonConflict<'a>>,
}

#[derive(Serialize)]
struct JsonTarget<'a> {
    kind: &'static str,
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    passage: Option<JsonPassage<'a>>,
}

#[derive(Serialize)]
struct JsonPassage<'a> {
    field: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonAnchor {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// A date as written in a brief: `2025`, `2025-10-19`, `2025-04/2025-05`.
fn date_text(date: &Date) -> String {
    match date.end {
        None => date.start.to_string(),
        Some(end) => format!("{}/{}", date.start, end),
    }
}

fn json_note<'a>(entry: &Placed<'a>) -> JsonNote<'a> {
    let note = entry.note;
    let placement = &entry.placement;
    let anchor = match (note.target.passage.as_ref(), placement.anchor) {
        (None, _) if placement.item.is_some() => None,
        (None, _) => Some(JsonAnchor {
            status: "orphaned",
            field: None,
            index: None,
            start: None,
            end: None,
            text: None,
        }),
        (Some(_), anchor) => {
            let range = anchor.and_then(|a| a.range());
            Some(JsonAnchor {
                status: anchor.map_or("orphaned", |a| a.name()),
                field: placement.field.map(Field::name),
                index: placement.field.and_then(Field::index),
                start: range.as_ref().map(|r| r.start),
                end: range.as_ref().map(|r| r.end),
                text: entry.current.clone(),
            })
        }
    };
    JsonNote {
        id: &note.id,
        created: note.created.to_string(),
        updated: note.updated.to_string(),
        body: &note.body,
        target: JsonTarget {
            kind: note.target.kind.name(),
            id: note.target.id.as_deref(),
            passage: note.target.passage.as_ref().map(|p| JsonPassage {
                field: p.field.name(),
                index: p.field.index(),
                exact: &p.exact,
                prefix: &p.prefix,
                suffix: &p.suffix,
                start: p.start,
                end: p.end,
            }),
        },
        anchor,
        conflicts: entry.conflicts.iter().map(|c| json_conflict(c)).collect(),
    }
}

/// Escapes what `serde_json` leaves raw but must not reach a terminal or
/// a careless consumer: every character [`is_unsafe`] names (DEL, C1
/// controls, bidi and other format characters, separators, unassigned code
/// points...). They can only occur inside strings, where a `\u` escape
/// means the same character.
pub fn escape_json_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The brief (and `notes`, if given) as pretty-printed JSON.
pub fn json(brief: &Brief, notes: Option<&[Note]>) -> String {
    json_export(brief, notes.map(NotesExport::only))
}

/// The brief (and its notes, their conflict copies and the unreadable note
/// files, if given) as pretty-printed JSON.
pub fn json_export(brief: &Brief, notes: Option<NotesExport>) -> String {
    let notes = notes.map(|notes| Notes::new(brief, notes));
    let of = |item: ItemRef| {
        notes
            .as_ref()
            .map(|n| n.of(item).iter().map(json_note).collect::<Vec<_>>())
    };
    let counts = brief.verification_counts();
    let factor_ids = |list: &[usize]| -> Vec<&str> {
        list.iter().map(|&f| brief.factors[f].id.as_str()).collect()
    };
    let doc = JsonDoc {
        format: "briefing-export",
        version: 2,
        brief: JsonBrief {
            id: &brief.id,
            title: &brief.title,
            subtitle: brief.subtitle.as_deref(),
            as_of: date_text(&brief.as_of),
            summary: &brief.summary,
            authors: &brief.authors,
            tags: &brief.tags,
            verification: JsonCounts {
                verified: counts.verified,
                not_found: counts.not_found,
                unverifiable: counts.unverifiable,
            },
            citations: citations(brief, [(TextRef::BriefSummary, "summary", None)]),
            notes: of(ItemRef::Brief),
        },
        factors: brief
            .factors
            .iter()
            .enumerate()
            .map(|(i, f)| JsonFactor {
                id: &f.id,
                title: &f.title,
                summary: &f.summary,
                confidence: f.confidence.map(|c| c.name()),
                key_points: &f.key_points,
                related: factor_ids(&f.related),
                citations: citations(
                    brief,
                    std::iter::once((TextRef::FactorSummary(i), "summary", None)).chain(
                        (0..f.key_points.len())
                            .map(|k| (TextRef::KeyPoint(i, k), "key_point", Some(k))),
                    ),
                ),
                notes: of(ItemRef::Factor(i)),
            })
            .collect(),
        events: brief
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| JsonEvent {
                id: &e.id,
                date: date_text(&e.date),
                title: &e.title,
                detail: e.detail.as_deref(),
                place: e.place.as_deref(),
                factors: factor_ids(&e.factors),
                sources: e
                    .sources
                    .iter()
                    .map(|&s| brief.sources[s].id.as_str())
                    .collect(),
                citations: citations(brief, [(TextRef::EventDetail(i), "detail", None)]),
                notes: of(ItemRef::Event(i)),
            })
            .collect(),
        excerpts: brief
            .excerpts
            .iter()
            .enumerate()
            .map(|(i, e)| JsonExcerpt {
                id: &e.id,
                source: &brief.sources[e.source].id,
                quote: &e.quote,
                verification: match e.verification {
                    Verification::Verified(_) => "verified",
                    Verification::NotFound => "not_found",
                    Verification::Unverifiable => "unverifiable",
                },
                factors: factor_ids(&e.factors),
                events: e
                    .events
                    .iter()
                    .map(|&v| brief.events[v].id.as_str())
                    .collect(),
                annotation: e.annotation.as_deref(),
                citations: citations(brief, [(TextRef::Annotation(i), "annotation", None)]),
                notes: of(ItemRef::Excerpt(i)),
            })
            .collect(),
        sources: brief
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| JsonSource {
                id: &s.id,
                title: &s.title,
                authors: &s.authors,
                publisher: s.publisher.as_deref(),
                published: s.published.as_ref().map(date_text),
                url: s.url.as_deref(),
                file: s.file.as_deref(),
                has_text: s.text.is_some(),
                notes: of(ItemRef::Source(i)),
            })
            .collect(),
        orphans: notes
            .as_ref()
            .map(|n| n.orphans.iter().map(json_note).collect()),
        conflicts: notes
            .as_ref()
            .filter(|n| !n.lone_conflicts.is_empty())
            .map(|n| n.lone_conflicts.iter().map(|c| json_conflict(c)).collect()),
        unreadable: notes
            .as_ref()
            .map(|n| n.unreadable.iter().map(json_unreadable).collect()),
    };
    let text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        // Serialising plain structs of strings and numbers cannot fail.
        format!("{{\"error\": {:?}}}", e.to_string())
    });
    let mut out = escape_json_controls(&text);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_serde_leaves_raw() {
        let raw = serde_json::to_string("a\u{1b}b\u{9b}c\u{202e}d\u{7f}").unwrap();
        assert_eq!(
            escape_json_controls(&raw),
            r#""a\u001bb\u009bc\u202ed\u007f""#
        );
        let back: String = serde_json::from_str(&escape_json_controls(&raw)).unwrap();
        assert_eq!(back, "a\u{1b}b\u{9b}c\u{202e}d\u{7f}");
    }
}
