//! A laid-out document: paragraphs of display-safe text with semantic tones,
//! wrapped once per width into rows, with the rows of each selectable item
//! known. Built when what a pane shows or its width changes; drawing reads
//! only the visible rows.

use std::ops::Range;

use crate::brief::{TextCitations, TextRef};
use crate::text::wrap::{Display, DisplayMap};

/// What a piece of text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Heading,
    Title,
    Body,
    Muted,
    Quote,
    Citation,
    Verified,
    NotFound,
    Unverifiable,
    Label,
    /// A passage of a source quoted by an excerpt of the brief.
    Quoted,
    /// The passage of the excerpt the source view was opened at.
    QuotedCurrent,
    /// The heading line of a user's note.
    NoteHead,
    /// A user's note.
    Note,
    /// Words a note is attached to.
    Noted,
    /// The passage being selected in visual mode.
    Selection,
    /// The visual-mode cursor.
    Cursor,
    /// A link's words (`Enter` follows it).
    Link,
    /// A search match.
    Match,
    /// The search match `n`/`N` went to.
    MatchCurrent,
}

/// A text of the brief shown in a document, with the map from its original
/// offsets to the display text.
#[derive(Debug, Clone)]
pub struct FieldMap {
    pub text: TextRef,
    /// Bytes trimmed off the start of the original before display.
    pub skip: usize,
    pub map: DisplayMap,
}

impl FieldMap {
    /// The display range (in the whole field's display text) of original
    /// byte range `range`, or None when it lies in a trimmed part.
    pub fn display_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        let start = range.start.checked_sub(self.skip)?;
        let end = range.end.checked_sub(self.skip)?;
        Some(self.map.range_of(start..end))
    }
}

/// Which field a paragraph shows, and where in that field's display text
/// the paragraph begins.
#[derive(Debug, Clone, Copy)]
pub struct ParaOrigin {
    /// Index into [`Doc::fields`].
    pub field: usize,
    pub display_start: usize,
}

/// `n` in superscript digits: `¹²`.
pub fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|d| DIGITS[usize::from(d - b'0')])
        .collect()
}

/// One paragraph: text (possibly several lines), a base tone, tone ranges
/// laid over it, and a prefix on its first row (a bullet, a mark) with the
/// other rows indented to match.
#[derive(Debug, Clone)]
pub struct Para {
    pub text: String,
    pub tone: Tone,
    pub marks: Vec<(Range<usize>, Tone)>,
    pub prefix: Option<(String, Tone)>,
    pub indent: u16,
    pub item: Option<usize>,
    pub origin: Option<ParaOrigin>,
}

/// One row on screen: a slice of a paragraph.
#[derive(Debug, Clone)]
pub struct Row {
    pub para: u32,
    pub range: Range<u32>,
    /// The first row of its paragraph (it carries the prefix).
    pub first: bool,
}

/// A wrapped document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub paras: Vec<Para>,
    pub rows: Vec<Row>,
    /// Row ranges of each selectable item, in order.
    pub items: Vec<Range<usize>>,
    /// The brief's texts shown, for placing search hits and passages.
    pub fields: Vec<FieldMap>,
    pub width: u16,
    /// Items that are a few characters of a paragraph (a citation mark):
    /// `(item, paragraph, range of its text)`, in paragraph order.
    pub inline: Vec<(usize, usize, Range<usize>)>,
    /// The first row of each paragraph, and the number of rows at the end.
    pub para_rows: Vec<u32>,
    /// Which paragraphs are laid out only roughly for this width (see
    /// [`Doc::lay_out_lazily`]); empty when none is.
    pub(super) rough: Vec<bool>,
    /// How many entries of `rough` are set.
    pub(super) rough_left: usize,
    /// Where [`Doc::refine`] goes on from.
    pub(super) refine_from: usize,
    /// A new width lays the paragraphs out roughly, and exactly only where
    /// asked (see [`Doc::lay_out_lazily`]).
    pub(super) lazy: bool,
    /// The layouts of the last few other widths, most recent first:
    /// resizing back (a split toggled, a window dragged and returned) lays
    /// nothing out again.
    pub(super) earlier: Vec<Saved>,
}

/// How to lay one paragraph out (see [`super::doc_rows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Wrapped at word breaks, as shown.
    Exact,
    /// Cut into rows of the width's bytes (an estimate of its rows).
    Rough,
    /// As it is now (the width has not changed).
    Keep,
}

/// A layout kept for a width shown before.
#[derive(Debug, Clone)]
pub struct Saved {
    pub(super) width: u16,
    pub(super) rows: Vec<Row>,
    pub(super) items: Vec<Range<usize>>,
    pub(super) para_rows: Vec<u32>,
    pub(super) rough: Vec<bool>,
    pub(super) rough_left: usize,
    pub(super) refine_from: usize,
}

impl Doc {
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// The original byte shown at the start of row `row` (of the field
    /// that row shows), if the row shows a text of the brief.
    pub fn original_at_row(&self, row: usize) -> Option<usize> {
        let row = self.rows.get(row)?;
        let origin = self.paras.get(row.para as usize)?.origin?;
        let field = self.fields.get(origin.field)?;
        Some(
            field.skip
                + field
                    .map
                    .original_of(origin.display_start + row.range.start as usize),
        )
    }

    /// The selectable item whose rows include `row`, if any.
    pub fn item_at_row(&self, row: usize) -> Option<usize> {
        self.items.iter().position(|r| r.contains(&row))
    }

    /// The row showing byte `at` of the original text `text`, if shown.
    pub fn row_of(&self, text: TextRef, at: usize) -> Option<usize> {
        let (field_index, field) = self
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.text == text)?;
        let display = field.display_range(at..at)?.start;
        // The paragraphs of the field that may show it, then their rows.
        self.paras.iter().enumerate().find_map(|(index, para)| {
            let o = para.origin.filter(|o| o.field == field_index)?;
            if display < o.display_start || display > o.display_start + para.text.len() {
                return None;
            }
            let rows = self.rows_of_para(index);
            let start = rows.start;
            self.rows
                .get(rows)?
                .iter()
                .position(|row| {
                    display >= o.display_start + row.range.start as usize
                        && display <= o.display_start + row.range.end as usize
                })
                .map(|r| start + r)
        })
    }

    /// The rows of paragraph `para`.
    pub fn rows_of_para(&self, para: usize) -> Range<usize> {
        let at = |i: usize| {
            self.para_rows
                .get(i)
                .map_or(self.rows.len(), |&r| r as usize)
        };
        at(para)..at(para + 1)
    }

    /// Marks for the original ranges `ranges` of the field shown by `para`,
    /// as ranges of the paragraph's text.
    pub fn marks_in_para(
        &self,
        para: &Para,
        ranges: impl Iterator<Item = (Range<usize>, Tone)>,
    ) -> Vec<(Range<usize>, Tone)> {
        let Some(origin) = para.origin else {
            return Vec::new();
        };
        let field = &self.fields[origin.field];
        let end = origin.display_start + para.text.len();
        ranges
            .filter_map(|(range, tone)| {
                let shown = field.display_range(range)?;
                if shown.end <= origin.display_start || shown.start >= end {
                    return None;
                }
                let from = shown.start.max(origin.display_start) - origin.display_start;
                let to = shown.end.min(end) - origin.display_start;
                Some((from..to, tone))
            })
            .collect()
    }
}

/// Builds a [`Doc`]: paragraphs first, then [`DocBuilder::wrap`].
#[derive(Default)]
pub struct DocBuilder {
    paras: Vec<Para>,
    fields: Vec<FieldMap>,
    items: usize,
    current_item: Option<usize>,
    /// Excerpts cited in this document, in order of first citation: the
    /// mark of `cited[i]` is the number `i + 1`.
    cited: Vec<usize>,
    /// Inline items (see [`Doc::inline`]).
    inline: Vec<(usize, usize, Range<usize>)>,
    /// The marks of the last cited field: `(excerpt, range in its
    /// paragraph's text)`, in order.
    last_marks: Vec<(usize, Range<usize>)>,
    /// The paragraph of the last cited field.
    marks_para: usize,
}

impl DocBuilder {
    pub fn new() -> DocBuilder {
        DocBuilder::default()
    }

    /// Starts a selectable item: paragraphs added until [`end_item`] belong
    /// to it. Returns its index.
    ///
    /// [`end_item`]: DocBuilder::end_item
    pub fn begin_item(&mut self) -> usize {
        let index = self.items;
        self.items += 1;
        self.current_item = Some(index);
        index
    }

    pub fn end_item(&mut self) {
        self.current_item = None;
    }

    /// Adds text from the brief (sanitised here) in one tone.
    pub fn text(&mut self, text: &str, tone: Tone) -> &mut Para {
        self.push(Display::new(text).text, tone)
    }

    /// Adds a text of the brief (trimmed, sanitised), remembering which it
    /// is so search hits and passages can be placed in it.
    pub fn field(&mut self, text_ref: TextRef, text: &str, tone: Tone) -> &mut Para {
        self.cited_field(text_ref, text, None, tone)
    }

    /// [`field`](Self::field) for a text that may cite excerpts: each
    /// citation is shown as compact marks (`¹`, `¹˒²`) numbered in order of
    /// first appearance in this document, the space before it dropped; a
    /// backslash escaping a literal `[@` is not shown. Offsets still count
    /// the text as written.
    pub fn cited_field(
        &mut self,
        text_ref: TextRef,
        text: &str,
        citations: Option<&TextCitations>,
        tone: Tone,
    ) -> &mut Para {
        let trimmed = text.trim();
        let skip = trimmed.as_ptr() as usize - text.as_ptr() as usize;
        let replaced = citations.map_or_else(Vec::new, |c| self.citation_marks(text, skip, c));
        let (shown, map) = Display::marked(trimmed, &replaced).into_parts();
        self.last_marks.clear();
        if let Some(c) = citations {
            for citation in &c.citations {
                let Some(end) = citation.range.end.checked_sub(skip) else {
                    continue;
                };
                // The numbers end where the group ends; walk back over them.
                let mut at = map.range_of(end..end).start;
                let mut marks = Vec::new();
                for &excerpt in citation.excerpts.iter().rev() {
                    let number = self.cited.iter().position(|&e| e == excerpt).unwrap_or(0) + 1;
                    let len = superscript(number).len();
                    let Some(start) = at.checked_sub(len) else {
                        break;
                    };
                    marks.push((excerpt, start..at));
                    at = start.saturating_sub('\u{2d2}'.len_utf8());
                }
                marks.reverse();
                self.last_marks.extend(marks);
            }
        }
        self.fields.push(FieldMap {
            text: text_ref,
            skip,
            map,
        });
        let field = self.fields.len() - 1;
        self.marks_para = self.paras.len();
        let para = self.push(shown, tone);
        para.origin = Some(ParaOrigin {
            field,
            display_start: 0,
        });
        para
    }

    /// The number to show beside excerpt `excerpt` listed in this view:
    /// its mark's, if the view cites it.
    pub fn listed_number(&self, excerpt: usize) -> Option<String> {
        self.number_of(excerpt).map(superscript)
    }

    /// The replacements for `citations` in `text` (trimmed by `skip`
    /// bytes), numbering newly cited excerpts.
    fn citation_marks(
        &mut self,
        text: &str,
        skip: usize,
        citations: &TextCitations,
    ) -> Vec<(Range<usize>, String)> {
        let mut replaced: Vec<(Range<usize>, String)> = citations
            .escapes
            .iter()
            .map(|&at| (at..at + 1, String::new()))
            .collect();
        for citation in &citations.citations {
            let numbers: Vec<String> = citation
                .excerpts
                .iter()
                .map(|&excerpt| {
                    let number = match self.cited.iter().position(|&e| e == excerpt) {
                        Some(i) => i + 1,
                        None => {
                            self.cited.push(excerpt);
                            self.cited.len()
                        }
                    };
                    superscript(number)
                })
                .collect();
            let mut start = citation.range.start;
            if text.get(..start).is_some_and(|t| t.ends_with(' ')) && start > skip + 1 {
                start -= 1;
            }
            replaced.push((start..citation.range.end, numbers.join("\u{2d2}")));
        }
        replaced.sort_by_key(|(r, _)| r.start);
        replaced
            .into_iter()
            .filter_map(|(r, shown)| {
                let r = r.start.checked_sub(skip)?..r.end.checked_sub(skip)?;
                (r.end <= text.len() - skip).then_some((r, shown))
            })
            .collect()
    }

    /// The marks of the cited field added last: `(excerpt, range in its
    /// paragraph)`, in the order shown.
    pub fn last_marks(&self) -> &[(usize, Range<usize>)] {
        &self.last_marks
    }

    /// The number of excerpt `excerpt`'s mark in this document, if cited.
    pub fn number_of(&self, excerpt: usize) -> Option<usize> {
        self.cited.iter().position(|&e| e == excerpt).map(|i| i + 1)
    }

    /// An item made of `range` of the last cited field's paragraph (a
    /// citation mark): selectable, its rows those showing it.
    pub fn inline_item(&mut self, range: Range<usize>) -> usize {
        let index = self.items;
        self.items += 1;
        self.inline.push((index, self.marks_para, range));
        index
    }

    /// Index of the last paragraph added.
    pub fn last_para(&self) -> usize {
        self.paras.len().saturating_sub(1)
    }

    /// Excerpts cited so far, in the order of their numbers (`¹` first).
    pub fn cited(&self) -> &[usize] {
        &self.cited
    }

    /// Adds a long text of the brief (a source's full text), keeping the
    /// field's map, laid out for reading: every line break starts a
    /// paragraph, paragraphs are separated by one blank row, and runs of
    /// blank lines show as one. Returns the paragraphs holding text.
    pub fn field_paragraphs(&mut self, text_ref: TextRef, text: &str, tone: Tone) -> Vec<usize> {
        let (shown, map) = Display::new(text).into_parts();
        self.fields.push(FieldMap {
            text: text_ref,
            skip: 0,
            map,
        });
        let field = self.fields.len() - 1;
        let mut paras = Vec::new();
        let mut start = 0;
        for line in shown.split('\n') {
            if !line.trim().is_empty() {
                if !paras.is_empty() {
                    self.blank();
                }
                let para = self.push(line.to_string(), tone);
                para.origin = Some(ParaOrigin {
                    field,
                    display_start: start,
                });
                paras.push(self.paras.len() - 1);
            }
            start += line.len() + 1;
        }
        paras
    }

    /// Adds, right after each paragraph listed in `after` (indices in
    /// increasing order, repeats allowed), what `build` adds for that entry
    /// of the list. Returns where each paragraph that was already there is
    /// now.
    pub fn interleave(
        &mut self,
        after: &[usize],
        mut build: impl FnMut(&mut DocBuilder, usize),
    ) -> Vec<usize> {
        let old = std::mem::take(&mut self.paras);
        let mut moved = Vec::with_capacity(old.len());
        let mut next = 0;
        for (i, para) in old.into_iter().enumerate() {
            moved.push(self.paras.len());
            self.paras.push(para);
            while after.get(next).is_some_and(|&a| a <= i) {
                build(self, next);
                next += 1;
            }
        }
        // Inline items added before name their paragraphs by index.
        for (_, para, _) in &mut self.inline {
            if let Some(&now) = moved.get(*para) {
                *para = now;
            }
        }
        moved
    }

    /// Where paragraph `index` starts in its field's display text, if it
    /// holds a field's text.
    pub fn para_start(&self, index: usize) -> Option<usize> {
        self.paras.get(index)?.origin.map(|o| o.display_start)
    }

    pub fn para_mut(&mut self, index: usize) -> &mut Para {
        &mut self.paras[index]
    }

    /// The field map of the last field added.
    pub fn last_field(&self) -> Option<&FieldMap> {
        self.fields.last()
    }

    /// Adds text the program wrote itself (still sanitised: it may quote
    /// titles from the brief).
    pub fn line(&mut self, text: impl AsRef<str>, tone: Tone) -> &mut Para {
        self.text(text.as_ref(), tone)
    }

    pub fn blank(&mut self) {
        self.push(String::new(), Tone::Body);
    }

    /// Adds already-prepared display text.
    pub fn push(&mut self, text: String, tone: Tone) -> &mut Para {
        self.paras.push(Para {
            text,
            tone,
            marks: Vec::new(),
            prefix: None,
            indent: 0,
            item: self.current_item,
            origin: None,
        });
        self.paras.last_mut().expect("just pushed")
    }

    /// Wraps every paragraph to `width` columns.
    pub fn wrap(self, width: u16) -> Doc {
        self.into_doc(width, Plan::Exact)
    }

    /// Lays the paragraphs out for `width` roughly (cut by bytes, see
    /// [`super::doc_rows`]), and lazily at every later width: the rows a
    /// view shows are then made exact first, the rest a piece at a time.
    /// For a long text, whose exact layout would take many frames.
    pub fn wrap_roughly(self, width: u16) -> Doc {
        self.into_doc(width, Plan::Rough)
    }

    fn into_doc(self, width: u16, plan: Plan) -> Doc {
        let mut doc = Doc {
            paras: self.paras,
            rows: Vec::new(),
            items: vec![0..0; self.items],
            fields: self.fields,
            width,
            inline: self.inline,
            ..Doc::default()
        };
        if plan == Plan::Rough {
            doc.lay_out_lazily();
        }
        doc.lay_out(|_, _| plan);
        doc
    }
}

impl Para {
    pub fn prefix(&mut self, prefix: impl Into<String>, tone: Tone) -> &mut Para {
        self.prefix = Some((prefix.into(), tone));
        self
    }

    pub fn indent(&mut self, indent: u16) -> &mut Para {
        self.indent = indent;
        self
    }

    pub fn mark(&mut self, range: Range<usize>, tone: Tone) -> &mut Para {
        if range.start < range.end && range.end <= self.text.len() {
            self.marks.push((range, tone));
        }
        self
    }
}

/// Pieces of one row: `(text, tone)` in order, the paragraph's marks and
/// then `extra` marks (paragraph offsets) laid over it, later ones winning.
pub fn row_pieces<'d>(
    doc: &'d Doc,
    row: &Row,
    extra: &[(Range<usize>, Tone)],
) -> Vec<(&'d str, Tone)> {
    let para = &doc.paras[row.para as usize];
    let (start, end) = (row.range.start as usize, row.range.end as usize);
    let Some(text) = para.text.get(start..end).filter(|t| !t.is_empty()) else {
        return Vec::new();
    };
    let mut tones = vec![para.tone; text.len()];
    for (range, tone) in para.marks.iter().chain(extra) {
        let from = range.start.clamp(start, end) - start;
        let to = range.end.clamp(start, end) - start;
        for t in &mut tones[from..to] {
            *t = *tone;
        }
    }
    let mut pieces = Vec::new();
    let mut at = 0;
    for (i, _) in text
        .char_indices()
        .skip(1)
        .chain(std::iter::once((text.len(), ' ')))
    {
        if i == text.len() || tones[i] != tones[at] {
            // Marks may end inside a character: snap to char boundaries.
            pieces.push((text.get(at..i).unwrap_or_default(), tones[at]));
            at = i;
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_know_their_rows_after_wrapping() {
        let mut b = DocBuilder::new();
        b.line("Heading", Tone::Heading);
        b.begin_item();
        b.line("one two three four five six", Tone::Body)
            .prefix("• ", Tone::Label);
        b.end_item();
        b.begin_item();
        b.line("seven", Tone::Body);
        b.end_item();
        let mut doc = b.wrap(12);
        assert_eq!(doc.items, vec![1..4, 4..5]);
        assert_eq!(doc.item_at_row(2), Some(0));
        assert_eq!(doc.item_at_row(0), None);
        // Laid out again for another width, as if built for it.
        doc.rewrap(80);
        assert_eq!(doc.items, vec![1..2, 2..3]);
        doc.rewrap(12);
        assert_eq!(doc.items, vec![1..4, 4..5]);
        assert_eq!(doc.height(), 5);
    }

    #[test]
    fn marks_split_rows_into_pieces() {
        let mut b = DocBuilder::new();
        b.line("alpha beta gamma", Tone::Body)
            .mark(6..10, Tone::Quoted);
        let doc = b.wrap(80);
        let pieces = row_pieces(&doc, &doc.rows[0], &[]);
        assert_eq!(
            pieces,
            vec![
                ("alpha ", Tone::Body),
                ("beta", Tone::Quoted),
                (" gamma", Tone::Body)
            ]
        );
    }

    #[test]
    fn text_from_a_brief_is_sanitised() {
        let mut b = DocBuilder::new();
        b.text("x\u{1b}]52;c;payload\u{7}y", Tone::Body);
        let doc = b.wrap(80);
        assert!(!doc.paras[0].text.contains('\u{1b}'));
    }
}
