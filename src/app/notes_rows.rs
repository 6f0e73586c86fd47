//! What the notes list shows, line by line: each row's lines (body first,
//! up to three wrapped lines, then what it is on and when), the section
//! headings, and the preview of the selected row. Shared by the layout
//! (which needs row heights to keep the selection in view) and drawing.
//! Every text is escaped here.

use super::doc::Tone;
use super::notes_list::{NotesList, Row};
use super::state::State;
use crate::notes::{Anchor, Note, item_text};
use crate::text::sanitize::{one_line, sanitize_line};

/// Body lines a row shows at most.
pub const BODY_LINES: usize = 3;

/// One line of a row or of the preview: styled runs of escaped text.
pub type Spans = Vec<(String, Tone)>;

/// The sections of the list, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Notes,
    Orphans,
    Unreadable,
    Conflicts,
    Notices,
}

/// The section of the row at `position`.
pub fn section(list: &NotesList, position: usize) -> Option<Section> {
    Some(match list.rows.get(position)? {
        Row::Note(_) if position < list.placed => Section::Notes,
        Row::Note(_) => Section::Orphans,
        Row::Unreadable(_) => Section::Unreadable,
        Row::Conflict(_) => Section::Conflicts,
        Row::Notice(_) => Section::Notices,
    })
}

/// The heading above a section, with its count.
fn heading(state: &State, list: &NotesList, section: Section) -> String {
    let count = (0..list.rows.len())
        .filter(|&p| self::section(list, p) == Some(section))
        .count();
    match section {
        Section::Notes => format!("Notes · {count}"),
        Section::Orphans => {
            format!("Orphans · {count} — what they were on is no longer in the brief")
        }
        Section::Unreadable => {
            format!("Notes this build could not read · {count} — left as they are")
        }
        Section::Conflicts => format!(
            "Conflicts · {count} — texts saved elsewhere at the same time as {}",
            if state.notes.conflicts.len() == 1 {
                "a note"
            } else {
                "notes"
            }
        ),
        Section::Notices => format!("About the notes folder · {count}"),
    }
}

/// `text` wrapped to `width` columns, escaped, at most `most` lines (the
/// last ending in `…` when there was more).
pub fn wrapped(text: &str, width: usize, most: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    let mut more = false;
    'lines: for line in text.trim().split('\n') {
        let line = sanitize_line(line.trim_end_matches('\r'));
        if line.trim().is_empty() {
            continue;
        }
        let options =
            textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
        for piece in textwrap::wrap(&line, options) {
            if out.len() == most {
                more = true;
                break 'lines;
            }
            out.push(piece.into_owned());
        }
    }
    if more && let Some(last) = out.last_mut() {
        *last = format!("{}…", cut(last, width.saturating_sub(1)).trim_end());
    }
    out
}

/// `text` cut to at most `width` columns.
fn cut(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
}

/// What an orphan was on: kind, id, and the words it had or the title
/// of its item: `was on event `doha-talks`, no longer in the brief`,
/// `was on “financial backing” in key point 3 of factor `terrorism`
/// (“Terrorism”); those words are no longer there`.
pub fn lost(state: &State, note: &Note) -> String {
    let target = &note.target;
    let mut was = "was on ".to_string();
    if let Some(passage) = &target.passage {
        let field = match passage.field {
            crate::notes::Field::KeyPoint(_) => passage.field.describe(),
            other => format!("the {}", other.describe()),
        };
        was.push_str(&format!(
            "“{}” in {field} of ",
            one_line(&passage.exact, 120)
        ));
    }
    was.push_str(target.kind.name());
    if let Some(id) = &target.id {
        was.push_str(&format!(" `{}`", sanitize_line(id)));
    }
    match crate::notes::find_item(&state.brief, target.kind, target.id.as_deref()) {
        Some(item) => {
            if let Some(title) = item_title(state, item) {
                was.push_str(&format!(" (“{title}”)"));
            }
            was.push_str(if target.passage.is_some() {
                "; those words are no longer there"
            } else {
                ""
            });
        }
        None => was.push_str(", no longer in the brief"),
    }
    was
}

/// The title of `item`, short and escaped.
fn item_title(state: &State, item: crate::notes::ItemRef) -> Option<String> {
    use crate::notes::ItemRef;
    let brief = &state.brief;
    let title = match item {
        ItemRef::Brief => &brief.title,
        ItemRef::Factor(f) => &brief.factors.get(f)?.title,
        ItemRef::Event(e) => &brief.events.get(e)?.title,
        ItemRef::Excerpt(x) => &brief.excerpts.get(x)?.quote,
        ItemRef::Source(s) => &brief.sources.get(s)?.title,
    };
    Some(one_line(title, 60))
}

/// The lines of the row at `position` for a list `width` columns wide,
/// its section heading first when it opens a section.
pub fn row_lines(state: &State, list: &NotesList, position: usize, width: usize) -> Vec<Spans> {
    let Some(row) = list.rows.get(position) else {
        return Vec::new();
    };
    let mut lines: Vec<Spans> = Vec::new();
    let here = section(list, position);
    if position == 0 || section(list, position - 1) != here {
        if position > 0 {
            lines.push(Vec::new());
        }
        if let Some(here) = here {
            let mut text = heading(state, list, here);
            if unicode_width::UnicodeWidthStr::width(text.as_str()) > width {
                text = format!("{}…", cut(&text, width.saturating_sub(1)));
            }
            lines.push(vec![(text, Tone::Heading)]);
        }
    }
    let body_width = width.saturating_sub(2);
    let text_lines = |text: &str, lines: &mut Vec<Spans>, tone: Tone| {
        let body = wrapped(text, body_width, BODY_LINES);
        if body.is_empty() {
            lines.push(vec![(" (empty)".into(), Tone::Muted)]);
        }
        for line in body {
            lines.push(vec![(format!(" {line}"), tone)]);
        }
    };
    // What it is on and when, under the body, indented; up to three lines.
    let meta = |text: String, lines: &mut Vec<Spans>, marks: Vec<(String, Tone)>| {
        use unicode_width::UnicodeWidthStr;
        let marks_width: usize = marks.iter().map(|(m, _)| m.width()).sum();
        let first = " ".repeat(3 + marks_width);
        let options = textwrap::Options::new(width.max(12))
            .initial_indent(&first)
            .subsequent_indent("   ")
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let wrapped = textwrap::wrap(&text, options);
        let last = wrapped.len().min(3).saturating_sub(1);
        for (n, piece) in wrapped.iter().take(3).enumerate() {
            let mut piece = piece.to_string();
            if n == last && wrapped.len() > 3 {
                piece = cut(&piece, width.saturating_sub(1));
                piece.push('…');
            }
            if n == 0 {
                let mut spans = vec![("   ".to_string(), Tone::Muted)];
                spans.extend(marks.iter().cloned());
                let rest = piece.get(first.len()..).unwrap_or_default().to_string();
                spans.push((rest, Tone::Muted));
                lines.push(spans);
            } else {
                lines.push(vec![(piece, Tone::Muted)]);
            }
        }
    };
    match *row {
        Row::Note(index) => {
            let Some(note) = state.notes.notes.get(index) else {
                return lines;
            };
            text_lines(&note.body, &mut lines, Tone::Body);
            let orphan = here == Some(Section::Orphans);
            let mut marks = Vec::new();
            if state.notes.conflicts_of(&note.id).next().is_some() {
                marks.push(("⚠ conflict · ".to_string(), Tone::Unverifiable));
            }
            match state.notes.placements.get(index).and_then(|p| p.anchor) {
                Some(Anchor::Changed { .. }) if !orphan => {
                    marks.push(("text changed · ".to_string(), Tone::Unverifiable));
                }
                Some(Anchor::Moved { .. }) if !orphan => {
                    marks.push(("moved · ".to_string(), Tone::Muted));
                }
                _ => {}
            }
            let on = if orphan {
                lost(state, note)
            } else {
                format!("on {}", super::notes_list::describe(state, index).0)
            };
            let when = if note.updated != note.created {
                format!("edited {}", crate::local_time::minute(note.updated))
            } else {
                crate::local_time::minute(note.created)
            };
            meta(format!("{on} · {when}"), &mut lines, marks);
        }
        Row::Conflict(i) => {
            let Some(copy) = state.notes.conflicts.get(i) else {
                return lines;
            };
            text_lines(&copy.text, &mut lines, Tone::Body);
            let on = match super::notes_list::note_of_conflict(state, i) {
                Some(n) => format!("the note on {}", super::notes_list::describe(state, n).0),
                None => format!("note {} (not in the folder)", sanitize_line(&copy.note_id)),
            };
            meta(
                format!(
                    "other text of {on} · {} · Enter shows both",
                    sanitize_line(&copy.file)
                ),
                &mut lines,
                Vec::new(),
            );
        }
        Row::Unreadable(i) => {
            let Some(file) = state.notes.unreadable.get(i) else {
                return lines;
            };
            let text = format!("{} — {}", file.file, file.reason);
            text_lines(&text, &mut lines, Tone::Unverifiable);
            meta("Enter shows its text".into(), &mut lines, Vec::new());
        }
        Row::Notice(i) => {
            let Some(notice) = state.notes.notices.get(i) else {
                return lines;
            };
            text_lines(notice, &mut lines, Tone::Unverifiable);
            meta("Enter shows it whole".into(), &mut lines, Vec::new());
        }
    }
    lines
}

/// Lines of the row at `position` that are the row itself (not the
/// section heading above it).
pub fn heading_lines(list: &NotesList, position: usize) -> usize {
    let here = section(list, position);
    match position {
        0 => 1,
        _ if section(list, position - 1) != here => 2,
        _ => 0,
    }
}

/// Characters of context shown on each side of a passage in the preview.
const CONTEXT: usize = 240;

/// The preview of note `index`: what it is on and when, its passage in
/// context (the words there now, and for a changed text the words it was
/// written on too), then its whole body, all lines of escaped text.
pub fn preview(state: &State, index: usize, orphan: bool) -> Vec<Spans> {
    let Some(note) = state.notes.notes.get(index) else {
        return Vec::new();
    };
    let placement = state.notes.placements.get(index);
    let mut lines: Vec<Spans> = Vec::new();
    let on = if orphan {
        lost(state, note)
    } else {
        format!("on {}", super::notes_list::describe(state, index).0)
    };
    lines.push(vec![(on, Tone::NoteHead)]);
    lines.push(vec![(super::content::when(note), Tone::Muted)]);
    if let Some(passage) = &note.target.passage {
        lines.push(Vec::new());
        let current = placement.and_then(|p| {
            let item = p.item?;
            let field = p.field?;
            let range = p.anchor?.range()?;
            let text = item_text(&state.brief, item, field)?;
            Some((text, range, field, p.anchor?))
        });
        match current {
            Some((text, range, field, anchor)) => {
                let chars: Vec<char> = text.chars().collect();
                let start = range.start.min(chars.len());
                let end = range.end.clamp(start, chars.len());
                let from = start.saturating_sub(CONTEXT);
                let to = (end + CONTEXT).min(chars.len());
                let piece = |a: usize, b: usize| flat(&chars[a..b].iter().collect::<String>());
                lines.push(vec![(format!("In {}:", field.describe()), Tone::Muted)]);
                lines.push(vec![
                    (
                        format!("{}{}", if from > 0 { "…" } else { "" }, piece(from, start)),
                        Tone::Body,
                    ),
                    (piece(start, end), Tone::Quoted),
                    (
                        format!(
                            "{}{}",
                            piece(end, to),
                            if to < chars.len() { "…" } else { "" }
                        ),
                        Tone::Body,
                    ),
                ]);
                if let Anchor::Changed { .. } = anchor {
                    lines.push(Vec::new());
                    lines.push(vec![
                        (
                            "The text has changed. Written on: ".into(),
                            Tone::Unverifiable,
                        ),
                        (format!("“{}”", flat(&passage.exact)), Tone::Quote),
                    ]);
                    lines.push(vec![
                        ("There now: ".into(), Tone::Unverifiable),
                        (format!("“{}”", piece(start, end)), Tone::Quote),
                    ]);
                }
            }
            None => {
                lines.push(vec![("The words it was written on:".into(), Tone::Muted)]);
                lines.push(vec![
                    (flat(&passage.prefix), Tone::Body),
                    (flat(&passage.exact), Tone::Quoted),
                    (flat(&passage.suffix), Tone::Body),
                ]);
            }
        }
    }
    lines.push(Vec::new());
    if note.body.trim().is_empty() {
        lines.push(vec![("(empty note)".into(), Tone::Muted)]);
    }
    for line in note.body.split('\n') {
        lines.push(vec![(
            sanitize_line(line.trim_end_matches('\r')).into_owned(),
            Tone::Note,
        )]);
    }
    lines
}

/// `text` on one line, its spaces kept (so pieces join as they were),
/// escaped.
fn flat(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    sanitize_line(&spaced).into_owned()
}
