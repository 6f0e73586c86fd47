//! Visual mode: selecting a passage by keyboard, for a note on exact words.
//!
//! The selection stays inside one text of the brief (a summary, a key
//! point, a quote, a source's full text...). Offsets are characters of the
//! text as written in the brief, as notes record them.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::action::Motion;
use super::doc::Doc;
use super::layout::text_area;
use super::state::State;
use crate::brief::TextRef;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visual {
    pub text: TextRef,
    /// Where the selection started (a character offset).
    pub anchor: usize,
    /// Where the cursor is (a character offset, included in the selection).
    pub cursor: usize,
    /// Scroll the cursor into view at the next layout.
    pub reveal: bool,
}

impl Visual {
    /// The selected characters, cursor included.
    pub fn selection(&self) -> Range<usize> {
        self.anchor.min(self.cursor)..self.anchor.max(self.cursor) + 1
    }
}

fn byte_of(text: &str, char_at: usize) -> usize {
    text.char_indices()
        .nth(char_at)
        .map_or(text.len(), |(i, _)| i)
}

/// The character at or before byte `byte_at` (a byte inside a character
/// counts as that character).
fn char_of(text: &str, byte_at: usize) -> usize {
    text.char_indices()
        .take_while(|&(i, _)| i < byte_at)
        .count()
        - usize::from(!text.is_char_boundary(byte_at.min(text.len())))
}

/// The document the selection is drawn in: the source view's or the
/// detail pane's.
fn doc_of(state: &State) -> (&Doc, usize, usize) {
    match &state.layers.view {
        Some(view) => (
            &view.doc,
            view.scroll,
            state.screen.source_text.height as usize,
        ),
        None => (
            &state.detail.doc,
            state.detail.scroll,
            text_area(state.screen.detail).height as usize,
        ),
    }
}

/// `v`: starts selecting at the start of the selected item's first text,
/// or of the first text in view.
pub fn start(state: &mut State) {
    let (doc, scroll, height) = doc_of(state);
    let selected_rows = if state.layers.view.is_none() {
        state
            .detail
            .selected
            .and_then(|s| doc.items.get(s))
            .cloned()
    } else {
        None
    };
    let rows = selected_rows.unwrap_or(scroll..scroll.saturating_add(height.max(1)));
    let found = doc
        .rows
        .get(rows.start..rows.end.min(doc.rows.len()))
        .unwrap_or_default()
        .iter()
        .find_map(|row| {
            let para = &doc.paras[row.para as usize];
            let origin = para.origin?;
            let field = &doc.fields[origin.field];
            let display = origin.display_start + row.range.start as usize;
            Some((field.text, field.skip + field.map.original_of(display)))
        });
    let Some((text_ref, byte)) = found else {
        state.notice = Some("no text of the brief here to select".into());
        return;
    };
    let Some(text) = text_ref.text(&state.brief) else {
        return;
    };
    let at = char_of(text, byte);
    state.layers.caret = Some(Visual {
        text: text_ref,
        anchor: at,
        cursor: at,
        reveal: true,
    });
}

/// Moves the caret (the selection's moving end) by `motion`.
pub fn motion(state: &mut State, motion: Motion) {
    let Some(visual) = state.layers.caret.clone() else {
        return;
    };
    let Some(text) = visual.text.text(&state.brief) else {
        state.layers.caret = None;
        return;
    };
    let last = text.chars().count().saturating_sub(1);
    let cursor = visual.cursor;
    let next = match motion {
        Motion::Left => cursor.saturating_sub(1),
        Motion::Right => (cursor + 1).min(last),
        Motion::WordStart => next_boundary(text, cursor, Boundary::WordStart).unwrap_or(last),
        Motion::WordEnd => next_boundary(text, cursor, Boundary::WordEnd).unwrap_or(last),
        Motion::WordBack => previous_word_start(text, cursor),
        Motion::SentenceNext => next_boundary(text, cursor, Boundary::Sentence).unwrap_or(last),
        Motion::SentenceBack => previous_sentence_start(text, cursor),
        Motion::TextStart => 0,
        Motion::TextEnd => last,
        Motion::Down => vertical(state, &visual, text, 1).unwrap_or(cursor),
        Motion::Up => vertical(state, &visual, text, -1).unwrap_or(cursor),
    };
    if let Some(v) = state.layers.caret.as_mut() {
        v.cursor = next;
        v.reveal = true;
    }
}

enum Boundary {
    WordStart,
    WordEnd,
    Sentence,
}

/// The first boundary of `kind` after character `cursor`.
fn next_boundary(text: &str, cursor: usize, kind: Boundary) -> Option<usize> {
    let at = byte_of(text, cursor);
    match kind {
        Boundary::WordStart => text
            .unicode_word_indices()
            .map(|(i, _)| i)
            .find(|&i| i > at)
            .map(|i| char_of(text, i)),
        Boundary::WordEnd => text
            .unicode_word_indices()
            .map(|(i, w)| i + w.len() - w.chars().last().map_or(1, char::len_utf8))
            .find(|&end| end > at)
            .map(|i| char_of(text, i)),
        Boundary::Sentence => text
            .split_sentence_bound_indices()
            .map(|(i, _)| i)
            .find(|&i| i > at)
            .map(|i| char_of(text, i)),
    }
}

fn previous_word_start(text: &str, cursor: usize) -> usize {
    let at = byte_of(text, cursor);
    text.unicode_word_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i < at)
        .last()
        .map_or(0, |i| char_of(text, i))
}

fn previous_sentence_start(text: &str, cursor: usize) -> usize {
    let at = byte_of(text, cursor);
    text.split_sentence_bound_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i < at)
        .last()
        .map_or(0, |i| char_of(text, i))
}

/// The character one display row down (`+1`) or up (`-1`) from the
/// cursor, at about the same column, within the same text.
fn vertical(state: &State, visual: &Visual, text: &str, step: isize) -> Option<usize> {
    let (doc, _, _) = doc_of(state);
    let byte = byte_of(text, visual.cursor);
    let row_index = doc.row_of(visual.text, byte)?;
    let field_index = doc.fields.iter().position(|f| f.text == visual.text)?;
    let field = &doc.fields[field_index];
    let row = &doc.rows[row_index];
    let para = &doc.paras[row.para as usize];
    let origin = para.origin?;
    let shown = field
        .map
        .range_of(byte.checked_sub(field.skip)?..byte.checked_sub(field.skip)?)
        .start;
    let local = shown
        .saturating_sub(origin.display_start)
        .max(row.range.start as usize);
    let column = para
        .text
        .get(row.range.start as usize..local.min(row.range.end as usize))
        .map_or(0, UnicodeWidthStr::width);
    let target_index = row_index.checked_add_signed(step)?;
    let target = doc.rows.get(target_index)?;
    let target_para = &doc.paras[target.para as usize];
    let target_origin = target_para.origin.filter(|o| o.field == field_index)?;
    // Walk the target row to the same column.
    let row_text = target_para
        .text
        .get(target.range.start as usize..target.range.end as usize)?;
    let mut width = 0;
    let mut offset = row_text.len();
    for (i, c) in row_text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > column {
            offset = i;
            break;
        }
        width += w;
    }
    if row_text.is_empty() {
        offset = 0;
    }
    let display = target_origin.display_start + target.range.start as usize + offset;
    let original = field.skip + field.map.original_of(display);
    Some(char_of(text, original).min(text.chars().count().saturating_sub(1)))
}

/// Scrolls the cursor into view (called by the layout step).
pub fn reveal(state: &mut State) {
    let Some(visual) = state.layers.caret.as_mut() else {
        return;
    };
    if !visual.reveal {
        return;
    }
    visual.reveal = false;
    let Some(text) = visual.text.text(&state.brief) else {
        return;
    };
    let byte = byte_of(text, visual.cursor);
    let (doc, scroll, height) = match state.layers.view.as_mut() {
        Some(view) => (
            &view.doc,
            &mut view.scroll,
            state.screen.source_text.height as usize,
        ),
        None => (
            &state.detail.doc,
            &mut state.detail.scroll,
            text_area(state.screen.detail).height as usize,
        ),
    };
    if let Some(row) = doc.row_of(visual.text, byte) {
        super::layout::reveal_rows(row..row + 1, scroll, height);
    }
}

/// Byte range in the original text of the selection and of the cursor.
pub fn byte_ranges(state: &State) -> Option<(TextRef, Range<usize>, Range<usize>)> {
    let visual = state.layers.caret.as_ref()?;
    let text = visual.text.text(&state.brief)?;
    let selection = visual.selection();
    let start = byte_of(text, selection.start);
    let end = byte_of(text, selection.end);
    let cursor_start = byte_of(text, visual.cursor);
    let cursor_end = byte_of(text, visual.cursor + 1);
    Some((visual.text, start..end, cursor_start..cursor_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_sentence_motions() {
        let text = "One two. Three four.";
        assert_eq!(next_boundary(text, 0, Boundary::WordStart), Some(4));
        assert_eq!(next_boundary(text, 0, Boundary::WordEnd), Some(2));
        assert_eq!(next_boundary(text, 4, Boundary::WordEnd), Some(6));
        assert_eq!(previous_word_start(text, 6), 4);
        assert_eq!(next_boundary(text, 0, Boundary::Sentence), Some(9));
        assert_eq!(previous_sentence_start(text, 12), 9);
    }

    #[test]
    fn selection_includes_the_cursor_either_way() {
        let v = Visual {
            text: TextRef::BriefSummary,
            anchor: 5,
            cursor: 2,
            reveal: false,
        };
        assert_eq!(v.selection(), 2..6);
    }
}
