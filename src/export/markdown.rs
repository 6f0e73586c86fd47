//! The Markdown export.

use super::{Notes, NotesExport, Placed, time, verification_words};
use std::ops::Range;

use crate::brief::{Brief, TextRef};
use crate::notes::{Anchor, ConflictCopy, Field, ItemRef, Note};
use crate::text::sanitize::{sanitize, sanitize_line};

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

/// What replaces part of a text as written: a citation group becomes its
/// footnote references, an escaping backslash nothing.
type Marks = [(Range<usize>, String)];

/// `text[range]` escaped as [`md_inline`] (as [`md_line_start`] when
/// `line_start`), with `marks` inside the range put in unescaped.
fn md_marked(text: &str, range: Range<usize>, marks: &Marks, line_start: bool) -> String {
    let mut out = String::new();
    let mut at = range.start;
    let inside = marks
        .iter()
        .filter(|(r, _)| r.start >= range.start && r.end <= range.end);
    for (r, replacement) in inside {
        let piece = &text[at..r.start];
        out.push_str(&if line_start && at == range.start {
            md_line_start(piece)
        } else {
            md_inline(piece)
        });
        out.push_str(replacement);
        at = r.end;
    }
    let rest = &text[at..range.end];
    let rest = if line_start && at == range.start {
        md_line_start(rest)
    } else {
        md_inline(rest)
    };
    // `[^id]:` would define a footnote, not refer to one.
    if at > range.start && rest.starts_with(':') && out.ends_with(']') {
        out.push('\\');
    }
    out.push_str(&rest);
    out
}

/// Multi-paragraph text as Markdown lines (blank lines between paragraphs).
/// With `hard_breaks`, single line breaks are kept as breaks.
fn md_block(text: &str, hard_breaks: bool) -> Vec<String> {
    md_block_marked(text, hard_breaks, &[])
}

/// [`md_block`] with `marks` (sorted, within lines) put in unescaped.
fn md_block_marked(text: &str, hard_breaks: bool, marks: &Marks) -> Vec<String> {
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
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let from = start + (line.len() - line.trim_start().len());
        let to = start + line.trim_end().len();
        start += line.len();
        if from >= to {
            flush(&mut paragraph, &mut lines);
        } else {
            paragraph.push(md_marked(text, from..to, marks, true));
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
        // A run of `#` ending the text would be read as the heading's
        // optional closing sequence and dropped: escape its first one.
        let mut text = md_inline(text);
        let kept = text.trim_end_matches('#').len();
        if kept < text.len() {
            text.insert(kept, '\\');
        }
        self.line(&format!("{} {text}", "#".repeat(level)));
        self.blank();
    }

    /// Paragraphs, each line prefixed with `indent`.
    fn block(&mut self, text: &str, indent: &str, hard_breaks: bool) {
        self.block_marked(text, indent, hard_breaks, &[]);
    }

    fn block_marked(&mut self, text: &str, indent: &str, hard_breaks: bool, marks: &Marks) {
        self.blank();
        for line in md_block_marked(text, hard_breaks, marks) {
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
        let changed =
            orphan_of.is_none() && matches!(entry.placement.anchor, Some(Anchor::Changed { .. }));
        match (shown, passage) {
            // Both: the words there now and those the note was written on.
            (Some(words), Some(passage)) if changed => {
                self.blank();
                self.line("  There now:");
                self.quote(&words, "  ");
                self.line("  Written on:");
                self.quote(&passage.exact, "  ");
            }
            (Some(words), _) => self.quote(&words, "  "),
            (None, _) => {}
        }
        if note.body.trim().is_empty() {
            self.block("(empty note)", "  ", false);
        } else {
            self.block(&note.body, "  ", true);
        }
        for copy in &entry.conflicts {
            self.conflict(copy);
        }
    }

    /// A conflict copy of a note: the other text, quoted.
    fn conflict(&mut self, copy: &ConflictCopy) {
        let when = copy
            .note
            .as_ref()
            .map_or(String::new(), |n| format!(", saved {}", time(n.updated)));
        self.blank();
        self.line(&format!(
            "  - *Conflict: another text of this note was saved at the same time (`{}`{when}):*",
            sanitize_line(&copy.file).replace('`', "'")
        ));
        if copy.text.trim().is_empty() {
            self.block("(empty)", "    ", false);
        } else {
            self.quote(&copy.text, "    ");
        }
    }
}

/// The citations of `text` as footnote references (`[^ttp-toll]`), its
/// escaping backslashes dropped; records each cited excerpt in `cited`.
fn footnote_marks(
    brief: &Brief,
    text: TextRef,
    cited: &mut Vec<usize>,
) -> Vec<(Range<usize>, String)> {
    let Some(citations) = brief.citations_of(text) else {
        return Vec::new();
    };
    let mut marks: Vec<(Range<usize>, String)> = citations
        .escapes
        .iter()
        .map(|&at| (at..at + 1, String::new()))
        .collect();
    for citation in &citations.citations {
        let mut refs = String::new();
        for &excerpt in &citation.excerpts {
            refs.push_str(&format!("[^{}]", brief.excerpts[excerpt].id));
            if !cited.contains(&excerpt) {
                cited.push(excerpt);
            }
        }
        // The reference follows the word it supports, as in Pandoc.
        let written = text.text(brief).unwrap_or("");
        let start = citation.range.start;
        let start = if start > 0 && written[..start].ends_with(' ') {
            start - 1
        } else {
            start
        };
        marks.push((start..citation.range.end, refs));
    }
    marks.sort_by_key(|(r, _)| r.start);
    marks
}

/// A footnote for each cited excerpt: its quote, its source, whether it
/// was verified.
fn footnotes(md: &mut Md, brief: &Brief, cited: &[usize]) {
    if cited.is_empty() {
        return;
    }
    for &e in cited {
        md.blank();
        let excerpt = &brief.excerpts[e];
        md.line(&format!(
            "[^{}]: \u{201c}{}\u{201d} \u{2014} {} \u{b7} {}",
            excerpt.id,
            md_inline(excerpt.quote.trim()),
            citation(brief, excerpt.source),
            verification_words(&excerpt.verification)
        ));
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

fn md_excerpt(
    md: &mut Md,
    brief: &Brief,
    notes: Option<&Notes>,
    (index, also): (usize, &[usize]),
    cited: &mut Vec<usize>,
) {
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
        let marks = footnote_marks(brief, TextRef::Annotation(index), cited);
        md.block_marked(annotation, "", false, &marks);
    }
    if let Some(notes) = notes {
        md.notes(notes.of(ItemRef::Excerpt(index)));
    }
}

/// The brief as a Markdown document, with `notes` (if given) under the
/// items they belong to and orphans at the end.
pub fn markdown(brief: &Brief, notes: Option<&[Note]>) -> String {
    markdown_export(brief, notes.map(NotesExport::only))
}

/// Like [`markdown`], with each note's conflict copies under it and the
/// note files that could not be read in a final section.
pub fn markdown_export(brief: &Brief, notes: Option<NotesExport>) -> String {
    let notes = notes.map(|notes| Notes::new(brief, notes));
    let notes = notes.as_ref();
    let mut md = Md { out: String::new() };
    // Excerpts cited so far, in order of first citation: their footnotes.
    let mut cited = Vec::new();

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
        "{}: {} verified, {} not found, {} unverifiable",
        crate::check::plural(brief.excerpts.len(), "excerpt", "excerpts"),
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
    let marks = footnote_marks(brief, TextRef::BriefSummary, &mut cited);
    md.block_marked(&brief.summary, "", false, &marks);
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
        let marks = footnote_marks(brief, TextRef::FactorSummary(f), &mut cited);
        md.block_marked(&factor.summary, "", false, &marks);
        if !factor.key_points.is_empty() {
            md.line("**Key points**");
            md.blank();
            for (k, point) in factor.key_points.iter().enumerate() {
                let marks = footnote_marks(brief, TextRef::KeyPoint(f, k), &mut cited);
                let from = point.len() - point.trim_start().len();
                let to = point.trim_end().len().max(from);
                md.line(&format!("- {}", md_marked(point, from..to, &marks, true)));
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
                md_excerpt(&mut md, brief, notes, (e, also), &mut cited);
            }
        }
    }
    let loose: Vec<usize> = (0..brief.excerpts.len())
        .filter(|&e| brief.excerpts[e].factors.is_empty())
        .collect();
    if !loose.is_empty() {
        md.heading(2, "Other excerpts");
        for e in loose {
            md_excerpt(&mut md, brief, notes, (e, &[]), &mut cited);
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
            let marks = footnote_marks(brief, TextRef::EventDetail(i), &mut cited);
            md.block_marked(detail, "", false, &marks);
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
            rest.push(md_link(url));
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
    if let Some(notes) = notes
        && !notes.lone_conflicts.is_empty()
    {
        md.heading(2, "Conflict copies of deleted notes");
        md.line("Texts kept when two readers saved a note at the same time; the note itself is no longer in the notes folder.");
        for copy in &notes.lone_conflicts {
            md.conflict(copy);
        }
    }
    if let Some(notes) = notes
        && !notes.unreadable.is_empty()
    {
        md.heading(2, "Notes this build could not read");
        md.line("These files are in the notes folder but this version of briefing cannot read them. They are left as they are; their text follows.");
        for file in notes.unreadable {
            md.blank();
            md.line(&format!(
                "- `{}`: {}",
                sanitize_line(&file.file).replace('`', "'"),
                md_inline(&file.reason)
            ));
            md.quote(&file.text, "  ");
            if file.cut {
                md.block(
                    "(cut: only the beginning of the file is shown)",
                    "  ",
                    false,
                );
            }
        }
    }
    footnotes(&mut md, brief, &cited);
    let mut out = md.out.trim_end().to_string();
    out.push('\n');
    out
}

/// A source's URL: an autolink for `http`, `https` and `mailto` URLs
/// (parsed, so the link is the normalised form, percent-encoded where
/// `<`, `>` or spaces would end it), escaped text for anything else — a
/// `javascript:` URL or a bare word must not become a link or a tag.
fn md_link(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https" | "mailto") => {
            let shown = sanitize_line(parsed.as_str()).into_owned();
            if shown
                .chars()
                .any(|c| c.is_whitespace() || c == '<' || c == '>')
            {
                md_inline(url)
            } else {
                format!("<{shown}>")
            }
        }
        _ => md_inline(url),
    }
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
}
