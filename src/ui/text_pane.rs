//! Drawing the visible rows of a laid-out document.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::doc::{Doc, Tone, row_pieces};
use crate::app::layout::GUTTER;
use crate::app::state::State;
use crate::brief::TextRef;
use std::ops::Range;

/// A range of text and the tone laid over it.
type Mark = (Range<usize>, Tone);

/// What is laid over the text at draw time: the source view's current
/// excerpt, noted passages, search hits, the visual selection.
pub struct Overlays<'s> {
    state: &'s State,
    visual: Option<(TextRef, Option<Range<usize>>, Range<usize>)>,
}

impl<'s> Overlays<'s> {
    pub fn new(state: &'s State) -> Overlays<'s> {
        Overlays {
            state,
            visual: crate::app::visual::byte_ranges(state),
        }
    }

    /// Marks over `text`, as original byte ranges with tones, in layering
    /// order (later ones win).
    fn marks(&self, text: TextRef) -> Vec<(Range<usize>, Tone)> {
        let mut marks: Vec<(Range<usize>, Tone)> = Vec::new();
        // The excerpt the source view is on, over the other passages.
        if let Some(view) = &self.state.layers.view
            && text == TextRef::SourceText(view.source)
            && let Some(current) = view.current
            && let Some(excerpt) = self.state.brief.excerpts.get(current)
            && let crate::brief::Verification::Verified(ranges) = &excerpt.verification
        {
            marks.extend(ranges.iter().map(|r| (r.clone(), Tone::QuotedCurrent)));
        }
        if let Some(noted) = self.state.notes.by_text.get(&text) {
            marks.extend(noted.iter().map(|(_, r)| (r.clone(), Tone::Noted)));
        }
        let search = &self.state.search;
        if search.highlighted() {
            marks.extend(search.hits_in(text).map(|(i, hit)| {
                let tone = if search.current == Some(i) {
                    Tone::MatchCurrent
                } else {
                    Tone::Match
                };
                (hit.range.clone(), tone)
            }));
        }
        if let Some((visual_text, selection, cursor)) = &self.visual
            && *visual_text == text
        {
            if let Some(selection) = selection {
                marks.push((selection.clone(), Tone::Selection));
            }
            let cursor = if cursor.is_empty() {
                cursor.start..cursor.start + 1
            } else {
                cursor.clone()
            };
            marks.push((cursor, Tone::Cursor));
        }
        marks
    }
}

/// Draws rows `scroll..` of `doc` into `area` (the text area, right of the
/// gutter). Rows of item `selected` get a mark in the gutter.
#[allow(clippy::too_many_arguments)]
pub fn draw_doc(
    doc: &Doc,
    scroll: usize,
    selected: Option<usize>,
    focused: bool,
    overlays: &Overlays,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = area.intersection(buf.area);
    let selected_rows = selected.and_then(|s| doc.items.get(s)).cloned();
    // The overlays of each field shown, in its display offsets: gathered
    // once per frame for a field, not once per row.
    let mut field_marks: Vec<Option<Vec<Mark>>> = vec![None; doc.fields.len()];
    // A selected citation mark is shown by its own characters.
    let selected_mark = selected.and_then(|s| doc.inline.iter().find(|(item, _, _)| *item == s));
    for (offset, row) in doc
        .rows
        .iter()
        .skip(scroll)
        .take(area.height as usize)
        .enumerate()
    {
        let y = area.y + offset as u16;
        let para = &doc.paras[row.para as usize];
        let index = scroll + offset;
        if selected_rows.as_ref().is_some_and(|r| r.contains(&index)) && area.x >= GUTTER {
            buf.set_string(area.x - GUTTER, y, "▌", theme.gutter(focused));
        }
        let mut spans: Vec<Span> = Vec::new();
        let prefix_width = para.prefix.as_ref().map_or(0, |(p, _)| {
            unicode_width::UnicodeWidthStr::width(p.as_str())
        });
        let lead = para.indent as usize + if row.first { 0 } else { prefix_width };
        if lead > 0 {
            spans.push(Span::raw(" ".repeat(lead)));
        }
        if row.first
            && let Some((prefix, tone)) = &para.prefix
        {
            spans.push(Span::styled(prefix.as_str(), theme.tone(*tone)));
        }
        let mut marks = match para.origin {
            Some(origin) => match field_marks.get_mut(origin.field) {
                Some(slot) => {
                    let shown = slot.get_or_insert_with(|| {
                        let field = &doc.fields[origin.field];
                        overlays
                            .marks(field.text)
                            .into_iter()
                            .filter_map(|(range, tone)| Some((field.display_range(range)?, tone)))
                            .collect()
                    });
                    in_para(shown, origin.display_start, para.text.len())
                }
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        if let Some((_, mark_para, range)) = selected_mark
            && *mark_para == row.para as usize
        {
            let tone = if focused { Tone::Selection } else { Tone::Link };
            marks.push((range.clone(), tone));
        }
        for (text, tone) in row_pieces(doc, row, &marks) {
            spans.push(Span::styled(text, theme.tone(tone)));
        }
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
}

/// The marks (display ranges of a field) over a paragraph starting at
/// `start` of that field's display text, `len` bytes long, as ranges of
/// the paragraph's text.
fn in_para(marks: &[Mark], start: usize, len: usize) -> Vec<Mark> {
    let end = start + len;
    marks
        .iter()
        .filter(|(range, _)| range.end > start && range.start < end)
        .map(|(range, tone)| {
            let from = range.start.max(start) - start;
            (from..range.end.min(end) - start, *tone)
        })
        .collect()
}

/// `12–34 of 120` for a pane's bottom border, or nothing when all fits.
pub fn position_label(scroll: usize, height: usize, total: usize) -> Option<String> {
    if total <= height {
        return None;
    }
    let last = (scroll + height).min(total);
    Some(format!(" {}–{} of {} ", scroll + 1, last, total))
}
