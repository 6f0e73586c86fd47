//! `briefing export`: a brief, and optionally the user's notes, as a
//! Markdown document or as JSON for other tools (shape documented in the
//! README's "Export" section).
//!
//! Nothing from the brief or the notes reaches the output raw: Markdown
//! shows control characters, escape sequences and bidi overrides as visible
//! symbols (see [`crate::text::sanitize`]) and escapes what could break the
//! document's structure; JSON escapes them as `\u` sequences.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use crate::brief::{Brief, Date, Verification};
use crate::check::{self, EXIT_INVALID, EXIT_OK, EXIT_USAGE, Target};
use crate::notes::{Anchor, Field, ItemRef, Note, Placement, Placer, Store};
use crate::text::sanitize::{is_bidi_control, sanitize, sanitize_line};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Markdown,
    Json,
}

/// Runs `briefing export`: loads the brief at `path` (or the bundled one),
/// and with `with_notes` its notes from `data_dir` (resolved as usual),
/// and writes the export to `out`. Diagnostics and notices go to `err`.
/// Returns the exit code: 0, 1 for a brief with errors, 2 for bad usage or
/// an unreadable path.
pub fn run(
    path: Option<&Path>,
    with_notes: bool,
    format: Format,
    data_dir: Option<PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let target = match path {
        Some(path) => Target::File(path.to_path_buf()),
        None => Target::Bundled,
    };
    let loaded = match check::load_target(&target) {
        Ok(loaded) => loaded,
        Err((message, code)) => {
            let _ = writeln!(err, "error: {}", sanitize_line(&message));
            return code;
        }
    };
    let Some(brief) = loaded.brief.as_ref().filter(|_| loaded.errors() == 0) else {
        let _ = write!(err, "{}", loaded.render_diagnostics());
        let _ = writeln!(err, "{}", check::summary_line(&loaded));
        return EXIT_INVALID;
    };
    let notes = if with_notes {
        let Some(dir) = crate::data_dir::resolve(data_dir) else {
            let _ = writeln!(
                err,
                "error: no data folder for notes: pass --data-dir DIR or set BRIEFING_DATA_DIR"
            );
            return EXIT_USAGE;
        };
        let loaded = Store::new(&dir, &brief.id).read();
        for notice in &loaded.notices {
            let _ = writeln!(err, "warning: {notice}");
        }
        Some(loaded.notes)
    } else {
        None
    };
    let text = match format {
        Format::Markdown => markdown(brief, notes.as_deref()),
        Format::Json => json(brief, notes.as_deref()),
    };
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        // The reader of a pipe went away (`| head`): not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(error) => {
            let _ = writeln!(err, "error: cannot write the export: {error}");
            EXIT_INVALID
        }
    }
}

// ------------------------------------------------------------------ notes

/// A note with its place in the current brief.
struct Placed<'n> {
    note: &'n Note,
    placement: Placement,
    /// The words the note is on now (for placed passages).
    current: Option<String>,
}

/// The notes grouped by the item they belong to, oldest first; orphans
/// apart.
struct Notes<'n> {
    by_item: HashMap<ItemRef, Vec<Placed<'n>>>,
    orphans: Vec<Placed<'n>>,
}

impl<'n> Notes<'n> {
    fn new(brief: &Brief, notes: &'n [Note]) -> Notes<'n> {
        let mut placer = Placer::new(brief);
        let mut order: Vec<&Note> = notes.iter().collect();
        order.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        let mut by_item: HashMap<ItemRef, Vec<Placed>> = HashMap::new();
        let mut orphans = Vec::new();
        for (i, note) in order.into_iter().enumerate() {
            let placement = placer.place(i, note);
            let current = match (placement.item, placement.field, placement.anchor) {
                (Some(item), Some(field), Some(anchor)) => anchor.range().and_then(|range| {
                    let text = placer.text(item, field)?;
                    Some(text.chars().skip(range.start).take(range.len()).collect())
                }),
                _ => None,
            };
            let placed = Placed {
                note,
                placement,
                current,
            };
            match placed.placement.item {
                Some(item) => by_item.entry(item).or_default().push(placed),
                None => orphans.push(placed),
            }
        }
        Notes { by_item, orphans }
    }

    fn of(&self, item: ItemRef) -> &[Placed<'n>] {
        self.by_item.get(&item).map_or(&[], Vec::as_slice)
    }
}

fn time(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

fn verification_words(verification: &Verification) -> &'static str {
    match verification {
        Verification::Verified(_) => "\u{2713} verified",
        Verification::NotFound => "\u{2717} not found",
        Verification::Unverifiable => "? unverifiable",
    }
}

// --------------------------------------------------------------- markdown

/// Escapes what Markdown would read as markup, after making unsafe
/// characters visible; line breaks and tabs become spaces.
pub fn md_inline(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len() + 8);
    let chars: Vec<char> = clean.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Only what could start an entity (`&amp;`) needs escaping.
            '&' if {
                let name = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count();
                name > 0 && chars.get(i + 1 + name) == Some(&';')
            } =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// [`md_inline`] for the start of a line: also escapes what would make the
/// line a heading, a list item, a quote, a rule or a code fence.
fn md_line_start(line: &str) -> String {
    let line = line.trim_start();
    let escaped = md_inline(line);
    let first = escaped.chars().next();
    if matches!(first, Some('#' | '+' | '-' | '=' | '>')) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// Multi-paragraph text as Markdown lines (blank lines between paragraphs).
/// With `hard_breaks`, single line breaks are kept as breaks.
fn md_block(text: &str, hard_breaks: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let flush = |paragraph: &mut Vec<String>, lines: &mut Vec<String>| {
        if paragraph.is_empty() {
            return;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let last = paragraph.len() - 1;
        for (i, line) in paragraph.drain(..).enumerate() {
            lines.push(if hard_breaks && i < last {
                format!("{line}\\")
            } else {
                line
            });
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut lines);
        } else {
            paragraph.push(md_line_start(line.trim_end()));
        }
    }
    flush(&mut paragraph, &mut lines);
    lines
}

struct Md {
    out: String,
}

impl Md {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.blank();
        self.line(&format!("{} {}", "#".repeat(level), md_inline(text)));
        self.blank();
    }

    /// Paragraphs, each line prefixed with `indent`.
    fn block(&mut self, text: &str, indent: &str, hard_breaks: bool) {
        self.blank();
        for line in md_block(text, hard_breaks) {
            if line.is_empty() {
                self.line(indent.trim_end());
            } else {
                self.line(&format!("{indent}{line}"));
            }
        }
        self.blank();
    }

    fn quote(&mut self, text: &str, indent: &str) {
        self.blank();
        for line in md_block(text, false) {
            if line.is_empty() {
                self.line(&format!("{indent}>"));
            } else {
                self.line(&format!("{indent}> {line}"));
            }
        }
        self.blank();
    }

    fn notes(&mut self, placed: &[Placed]) {
        if placed.is_empty() {
            return;
        }
        self.blank();
        self.line("**Notes**");
        for entry in placed {
            self.note(entry, None);
        }
    }

    /// One note as a list item; `orphan_of` describes where an orphan was.
    fn note(&mut self, entry: &Placed, orphan_of: Option<String>) {
        let note = entry.note;
        let mut head = format!("- *{}", time(note.created));
        if note.updated != note.created {
            head.push_str(&format!(", edited {}", time(note.updated)));
        }
        head.push('*');
        let passage = note.target.passage.as_ref();
        match (&orphan_of, passage, &entry.placement) {
            (Some(was), _, _) => head.push_str(&format!(" \u{2014} {was}")),
            (None, Some(_), placement) => {
                let field = placement.field.map_or(String::new(), field_phrase);
                head.push_str(&format!(" \u{2014} on {field}"));
                if matches!(placement.anchor, Some(Anchor::Changed { .. })) {
                    head.push_str(" (the text has changed since)");
                }
            }
            (None, None, _) => {}
        }
        self.blank();
        self.line(&format!("{head}:"));
        let shown = match (&orphan_of, passage) {
            (None, Some(_)) => entry.current.clone(),
            (_, passage) => passage.map(|p| p.exact.clone()),
        };
        if let Some(words) = shown {
            self.quote(&words, "  ");
        }
        if note.body.trim().is_empty() {
            self.block("(empty note)", "  ", false);
        } else {
            self.block(&note.body, "  ", true);
        }
    }
}

fn citation(brief: &Brief, source: usize) -> String {
    let source = &brief.sources[source];
    let mut parts = vec![format!("*{}*", md_inline(&source.title))];
    if let Some(publisher) = &source.publisher {
        parts.push(md_inline(publisher));
    }
    if let Some(published) = &source.published {
        parts.push(published.to_string());
    }
    parts.join(", ")
}

fn md_excerpt(md: &mut Md, brief: &Brief, notes: Option<&Notes>, index: usize, also: &[usize]) {
    let excerpt = &brief.excerpts[index];
    md.quote(&excerpt.quote, "");
    md.line(&format!(
        "\u{2014} {} \u{b7} {}",
        citation(brief, excerpt.source),
        verification_words(&excerpt.verification)
    ));
    if !also.is_empty() {
        let titles: Vec<String> = also
            .iter()
            .map(|&f| md_inline(&brief.factors[f].title))
            .collect();
        md.blank();
        md.line(&format!("Also under: {}.", titles.join("; ")));
    }
    if let Some(annotation) = &excerpt.annotation {
        md.block(annotation, "", false);
    }
    if let Some(notes) = notes {
        md.notes(notes.of(ItemRef::Excerpt(index)));
    }
}

/// The brief as a Markdown document, with `notes` (if given) under the
/// items they belong to and orphans at the end.
pub fn markdown(brief: &Brief, notes: Option<&[Note]>) -> String {
    let notes = notes.map(|notes| Notes::new(brief, notes));
    let notes = notes.as_ref();
    let mut md = Md { out: String::new() };

    md.heading(1, &brief.title);
    if let Some(subtitle) = &brief.subtitle {
        md.line(&format!("*{}*", md_inline(subtitle)));
        md.blank();
    }
    let mut about = vec![format!("As of {}", brief.as_of)];
    if !brief.authors.is_empty() {
        about.push(format!("by {}", md_inline(&brief.authors.join(", "))));
    }
    let counts = brief.verification_counts();
    about.push(format!(
        "{} excerpts: {} verified, {} not found, {} unverifiable",
        brief.excerpts.len(),
        counts.verified,
        counts.not_found,
        counts.unverifiable
    ));
    md.line(&format!("{}.", about.join(" \u{b7} ")));
    if !brief.tags.is_empty() {
        md.blank();
        md.line(&format!("Tags: {}", md_inline(&brief.tags.join(", "))));
    }

    md.heading(2, "Summary");
    md.block(&brief.summary, "", false);
    if let Some(notes) = notes {
        md.notes(notes.of(ItemRef::Brief));
    }

    md.heading(2, "Factors");
    for (f, factor) in brief.factors.iter().enumerate() {
        md.heading(3, &format!("{}. {}", f + 1, factor.title));
        let mut facts = Vec::new();
        if let Some(confidence) = factor.confidence {
            facts.push(format!("Confidence: {}", confidence.name()));
        }
        if !factor.related.is_empty() {
            let related: Vec<String> = factor
                .related
                .iter()
                .map(|&r| md_inline(&brief.factors[r].title))
                .collect();
            facts.push(format!("Related: {}", related.join("; ")));
        }
        if !facts.is_empty() {
            md.line(&format!("{}.", facts.join(" \u{b7} ")));
        }
        md.block(&factor.summary, "", false);
        if !factor.key_points.is_empty() {
            md.line("**Key points**");
            md.blank();
            for point in &factor.key_points {
                md.line(&format!("- {}", md_inline(point.trim())));
            }
        }
        if let Some(notes) = notes {
            md.notes(notes.of(ItemRef::Factor(f)));
        }
        let excerpts: Vec<usize> = brief
            .excerpts_of_factor(f)
            .filter(|&e| brief.excerpts[e].factors.first() == Some(&f))
            .collect();
        if !excerpts.is_empty() {
            md.blank();
            md.line("**Excerpts**");
            for e in excerpts {
                let also = &brief.excerpts[e].factors[1..];
                md_excerpt(&mut md, brief, notes, e, also);
            }
        }
    }
    let loose: Vec<usize> = (0..brief.excerpts.len())
        .filter(|&e| brief.excerpts[e].factors.is_empty())
        .collect();
    if !loose.is_empty() {
        md.heading(2, "Other excerpts");
        for e in loose {
            md_excerpt(&mut md, brief, notes, e, &[]);
        }
    }

    md.heading(2, "Chronology");
    md.line("| Date | Event | Place |");
    md.line("|---|---|---|");
    for event in &brief.events {
        md.line(&format!(
            "| {} | {} | {} |",
            event.date,
            md_inline(&event.title),
            event.place.as_deref().map(md_inline).unwrap_or_default()
        ));
    }
    md.heading(3, "Events in detail");
    for (i, event) in brief.events.iter().enumerate() {
        md.heading(4, &format!("{} \u{2014} {}", event.date, event.title));
        let mut facts = Vec::new();
        if let Some(place) = &event.place {
            facts.push(format!("Place: {}", md_inline(place)));
        }
        if !event.factors.is_empty() {
            let names: Vec<String> = event
                .factors
                .iter()
                .map(|&f| md_inline(&brief.factors[f].title))
                .collect();
            facts.push(format!("Factors: {}", names.join("; ")));
        }
        if !event.sources.is_empty() {
            let names: Vec<String> = event
                .sources
                .iter()
                .map(|&s| md_inline(&brief.sources[s].title))
                .collect();
            facts.push(format!("Sources: {}", names.join("; ")));
        }
        if !facts.is_empty() {
            md.line(&format!("{}.", facts.join(" \u{b7} ")));
        }
        if let Some(detail) = &event.detail {
            md.block(detail, "", false);
        }
        if let Some(notes) = notes {
            md.notes(notes.of(ItemRef::Event(i)));
        }
    }

    md.heading(2, "Sources");
    for (s, source) in brief.sources.iter().enumerate() {
        md.blank();
        let mut line = format!("{}. **{}**", s + 1, md_inline(&source.title));
        if !source.authors.is_empty() {
            line.push_str(&format!(
                " \u{2014} {}",
                md_inline(&source.authors.join(", "))
            ));
        }
        let mut rest = Vec::new();
        if let Some(publisher) = &source.publisher {
            rest.push(md_inline(publisher));
        }
        if let Some(published) = &source.published {
            rest.push(published.to_string());
        }
        if let Some(url) = &source.url {
            rest.push(format!("<{}>", md_url(url)));
        }
        if !rest.is_empty() {
            line.push_str(&format!(". {}.", rest.join(", ")));
        }
        md.line(&line);
        if let Some(notes) = notes {
            let placed = notes.of(ItemRef::Source(s));
            if !placed.is_empty() {
                // Inside the numbered item: indented, after a blank line.
                let mut inner = Md { out: String::new() };
                inner.notes(placed);
                md.blank();
                for text in inner.out.trim().lines() {
                    md.line(&if text.is_empty() {
                        String::new()
                    } else {
                        format!("   {text}")
                    });
                }
            }
        }
    }

    if let Some(notes) = notes
        && !notes.orphans.is_empty()
    {
        md.heading(2, "Orphaned notes");
        md.line("These notes' items or passages are no longer in the brief, or could not be placed with certainty. They are kept with the words they were written on.");
        for entry in &notes.orphans {
            md.note(entry, Some(orphan_description(entry)));
        }
    }
    let mut out = md.out.trim_end().to_string();
    out.push('\n');
    out
}

/// A URL inside `<…>`: visible controls, and nothing that ends the link.
fn md_url(url: &str) -> String {
    sanitize_line(url)
        .chars()
        .map(|c| match c {
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            ' ' => "%20".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `the summary`, `key point 3`, `the source text`.
fn field_phrase(field: Field) -> String {
    match field {
        Field::KeyPoint(_) => field.describe(),
        _ => format!("the {}", field.describe()),
    }
}

fn orphan_description(entry: &Placed) -> String {
    let target = &entry.note.target;
    let mut was = "was on ".to_string();
    if let Some(passage) = &target.passage {
        was.push_str(&format!("{} of ", field_phrase(passage.field)));
    }
    was.push_str(&format!("the {}", target.kind.name()));
    if let Some(id) = &target.id {
        was.push_str(&format!(" `{}`", sanitize_line(id).replace('`', "'")));
    }
    was
}

// ------------------------------------------------------------------- json

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

#[derive(Serialize)]
struct JsonNote<'a> {
    id: &'a str,
    created: String,
    updated: String,
    body: &'a str,
    target: JsonTarget<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<JsonAnchor>,
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
    }
}

/// Escapes what `serde_json` leaves raw but must not reach a terminal or
/// a careless consumer: DEL, C1 controls, bidi controls, and the line and
/// paragraph separators. They can only occur inside strings, where a `\u`
/// escape means the same character.
pub fn escape_json_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        let code = c as u32;
        if code == 0x7F
            || (0x80..=0x9F).contains(&code)
            || is_bidi_control(c)
            || c == '\u{2028}'
            || c == '\u{2029}'
        {
            out.push_str(&format!("\\u{code:04x}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// The brief (and `notes`, if given) as pretty-printed JSON.
pub fn json(brief: &Brief, notes: Option<&[Note]>) -> String {
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
        version: 1,
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
    fn inline_text_cannot_make_markup() {
        assert_eq!(
            md_inline("a|b *c* _d_ [e](f) <g> `h`"),
            r"a\|b \*c\* \_d\_ \[e\](f) \<g\> \`h\`"
        );
        assert_eq!(md_inline("Q&A &amp; x"), r"Q&A \&amp; x");
        assert_eq!(md_inline("two\nlines\u{1b}[31m"), "two lines\u{241b}\\[31m");
    }

    #[test]
    fn lines_cannot_start_blocks() {
        assert_eq!(
            md_block(
                "# not a heading\n- not a list\n12. nor this\n\n> nor a quote",
                false
            ),
            vec![
                r"\# not a heading",
                r"\- not a list",
                r"12\. nor this",
                "",
                r"\> nor a quote"
            ]
        );
        assert_eq!(md_block("a\nb", true), vec!["a\\", "b"]);
    }

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
