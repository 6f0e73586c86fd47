//! Caret mode: a caret that moves through the texts a note can anchor to,
//! then a selection from an anchor dropped at the caret, for a note on
//! exact words.
//!
//! The caret lives in byte offsets of one text of the brief as written
//! (a summary, a key point, a quote, an annotation, a source's full text),
//! always at the start of a grapheme cluster, and is drawn through the
//! display map of the document showing it. Without an anchor it crosses
//! from one text to the next; a selection stays inside one text.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::action::Motion;
use super::doc::Doc;
use super::layout::text_area;
use super::state::State;
use crate::brief::{Brief, TextRef};
use crate::text::motion::{
    grapheme_end, last, next_grapheme, next_paragraph, next_sentence, next_word_start,
    prev_grapheme, prev_paragraph, prev_sentence, prev_word_start, snap, word_end,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visual {
    pub text: TextRef,
    /// Where the caret is: a byte offset at a grapheme cluster's start.
    pub cursor: usize,
    /// Where the selection started (a byte offset), once dropped.
    pub anchor: Option<usize>,
    /// Scroll the caret into view at the next layout.
    pub reveal: bool,
    /// The note whose words are being adjusted: `a` moves it here.
    pub moving: Option<String>,
    /// Where the caret was when `/` opened the search line, to come back
    /// to if the search is cancelled.
    pub before_search: Option<(TextRef, usize, Option<usize>)>,
    /// Put the caret on the current search hit at the next layout.
    pub to_hit: bool,
}

impl Visual {
    pub fn at(text: TextRef, cursor: usize) -> Visual {
        Visual {
            text,
            cursor,
            anchor: None,
            reveal: true,
            moving: None,
            before_search: None,
            to_hit: false,
        }
    }

    /// The selected bytes of `text` (this caret's text), the grapheme
    /// under the caret included; `None` before an anchor is dropped.
    pub fn selected_bytes(&self, text: &str) -> Option<Range<usize>> {
        let anchor = self.anchor?;
        let (from, to) = (anchor.min(self.cursor), anchor.max(self.cursor));
        Some(from.min(text.len())..grapheme_end(text, to))
    }

    /// The selection in characters of the text as written (what notes
    /// record), `None` before an anchor is dropped.
    pub fn selection(&self, brief: &Brief) -> Option<Range<usize>> {
        let text = self.text.text(brief)?;
        let bytes = self.selected_bytes(text)?;
        let start = text.get(..bytes.start)?.chars().count();
        let len = text.get(bytes.clone())?.chars().count();
        Some(start..start + len)
    }
}

// ----- The caret in a document -----

/// One text the caret can visit: its field in the document and the part
/// of it shown (`lo..hi`, bytes of the text as written).
#[derive(Debug, Clone, Copy)]
struct Spot {
    field: usize,
    text: TextRef,
    lo: usize,
    hi: usize,
}

/// The document the caret is drawn in, its scroll and height.
fn doc_of(state: &State) -> (&Doc, usize, usize) {
    match &state.layers.view {
        Some(view) => (
            &state.laid_out.source.doc,
            view.scroll,
            state.laid_out.screen.source_text.height as usize,
        ),
        None => (
            &state.laid_out.detail.doc,
            state.reading.detail.scroll,
            text_area(state.laid_out.screen.detail).height as usize,
        ),
    }
}

fn spot(doc: &Doc, brief: &Brief, field: usize) -> Option<Spot> {
    let map = doc.fields.get(field)?;
    let text = map.text.text(brief)?;
    let hi = text.trim_end().len();
    let lo = map.skip.max(text.len() - text.trim_start().len()).min(hi);
    (lo < hi).then_some(Spot {
        field,
        text: map.text,
        lo,
        hi,
    })
}

fn spot_of(doc: &Doc, brief: &Brief, text: TextRef) -> Option<Spot> {
    let field = doc.fields.iter().position(|f| f.text == text)?;
    spot(doc, brief, field)
}

/// The next (or previous) text after `from` that the caret can visit.
fn neighbour(doc: &Doc, brief: &Brief, from: usize, forward: bool) -> Option<Spot> {
    if forward {
        (from + 1..doc.fields.len()).find_map(|f| spot(doc, brief, f))
    } else {
        (0..from).rev().find_map(|f| spot(doc, brief, f))
    }
}

/// The display offset (in the field's display text) of original byte `at`.
fn display_of(doc: &Doc, spot: Spot, at: usize) -> usize {
    let field = &doc.fields[spot.field];
    let local = at.saturating_sub(field.skip);
    field.map.range_of(local..local).start
}

/// The row showing original byte `at` of `spot`'s text.
fn row_of(doc: &Doc, spot: Spot, at: usize) -> Option<usize> {
    let display = display_of(doc, spot, at);
    let mut found = None;
    let mut first = None;
    for (i, row) in doc.rows.iter().enumerate() {
        let Some(origin) = doc.paras[row.para as usize].origin else {
            continue;
        };
        if origin.field != spot.field {
            if found.is_some() && origin.field > spot.field {
                break;
            }
            continue;
        }
        first = first.or(Some(i));
        if origin.display_start + row.range.start as usize <= display {
            found = Some(i);
        } else {
            break;
        }
    }
    found.or(first)
}

/// The text a row shows, if it shows one the caret can visit.
fn spot_at_row(doc: &Doc, brief: &Brief, row: usize) -> Option<Spot> {
    let origin = doc.paras[doc.rows.get(row)?.para as usize].origin?;
    spot(doc, brief, origin.field)
}

/// The original byte shown at `column` of row `row`, snapped to a
/// grapheme start inside the text's shown part.
fn at_column(doc: &Doc, brief: &Brief, row: usize, column: usize) -> Option<(Spot, usize)> {
    let spot = spot_at_row(doc, brief, row)?;
    let row = &doc.rows[row];
    let para = &doc.paras[row.para as usize];
    let origin = para.origin?;
    let shown = para
        .text
        .get(row.range.start as usize..row.range.end as usize)?;
    let mut width = 0;
    let mut offset = shown.len();
    for (i, g) in shown.grapheme_indices(true) {
        let w = g.width();
        if width + w > column {
            offset = i;
            break;
        }
        width += w;
    }
    if offset == shown.len() {
        offset = shown
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i);
    }
    let display = origin.display_start + row.range.start as usize + offset;
    Some((spot, place(brief, spot, original_of(doc, spot, display))))
}

fn original_of(doc: &Doc, spot: Spot, display: usize) -> usize {
    let field = &doc.fields[spot.field];
    field.skip + field.map.original_of(display)
}

/// `at`, kept inside the spot's shown part, at a grapheme start, off the
/// line breaks (they are not shown): forward to the next character, else
/// back.
fn place(brief: &Brief, spot: Spot, at: usize) -> usize {
    place_toward(brief, spot, at, true)
}

fn place_toward(brief: &Brief, spot: Spot, at: usize, forward: bool) -> usize {
    let Some(t) = spot.text.text(brief).and_then(|t| t.get(..spot.hi)) else {
        return spot.lo;
    };
    let at = snap(t, at.min(last(t))).max(spot.lo);
    let at = out_of_citations(brief, spot, t, at, forward);
    off_break(t, at, forward)
        .or_else(|| off_break(t, at, !forward))
        .unwrap_or(at)
        .max(spot.lo)
}

/// `at`, moved out of a citation written in the text (`[@id]`, shown as a
/// mark): past it going forward, else to its start (where the mark is).
fn out_of_citations(brief: &Brief, spot: Spot, t: &str, at: usize, forward: bool) -> usize {
    let Some(cited) = brief.citations_of(spot.text) else {
        return at;
    };
    for range in cited.citations.iter().map(|c| &c.range) {
        if range.start < at && at < range.end {
            return if forward && range.end < t.len() {
                range.end
            } else {
                range.start.max(spot.lo)
            };
        }
    }
    at
}

/// The first grapheme from `at` on (or back) that is not a line break.
fn off_break(t: &str, mut at: usize, forward: bool) -> Option<usize> {
    let is_break = |at: usize| matches!(t.as_bytes().get(at), Some(b'\n' | b'\r'));
    while is_break(at) {
        at = if forward {
            next_grapheme(t, at)?
        } else {
            prev_grapheme(t, at)?
        };
    }
    Some(at)
}

/// The display column of `at` on its row, and the row.
fn column_of(doc: &Doc, spot: Spot, at: usize) -> Option<(usize, usize)> {
    let row_index = row_of(doc, spot, at)?;
    let row = &doc.rows[row_index];
    let para = &doc.paras[row.para as usize];
    let origin = para.origin?;
    let local = display_of(doc, spot, at)
        .saturating_sub(origin.display_start)
        .clamp(row.range.start as usize, row.range.end as usize);
    let column = para
        .text
        .get(row.range.start as usize..local)
        .map_or(0, UnicodeWidthStr::width);
    Some((row_index, column))
}

/// `v`: a caret at the start of the selected item's first text (detail
/// pane), or of the first text in view.
pub fn start(state: &mut State) {
    if state.layers.view.is_none()
        && state.reading.focus == super::state::Pane::Detail
        && let Some(super::state::DetailItem::Note(n)) = state.selected_item()
    {
        adjust(state, n);
        return;
    }
    let (doc, scroll, height) = doc_of(state);
    let selected_rows = if state.layers.view.is_none() {
        state
            .reading
            .detail
            .selected
            .and_then(|s| doc.items.get(s))
            .cloned()
    } else {
        None
    };
    let rows = selected_rows.unwrap_or(scroll..scroll.saturating_add(height.max(1)));
    let brief = &state.brief;
    let found = (rows.start..rows.end.min(doc.rows.len())).find_map(|r| {
        let spot = spot_at_row(doc, brief, r)?;
        let row = &doc.rows[r];
        let origin = doc.paras[row.para as usize].origin?;
        let display = origin.display_start + row.range.start as usize;
        Some((spot, place(brief, spot, original_of(doc, spot, display))))
    });
    let Some((spot, at)) = found else {
        state.notice = Some("no text of the brief here to note".into());
        return;
    };
    state.layers.caret = Some(Visual::at(spot.text, at));
}

/// `v` on a passage note: the caret opens with the note's words selected;
/// `a` then moves the note to the selection.
fn adjust(state: &mut State, n: usize) {
    let placed = state.notes.by_text.iter().find_map(|(text, noted)| {
        let (_, range) = noted.iter().find(|(i, _)| *i == n)?;
        Some((*text, range.clone()))
    });
    let (Some((text, range)), Some(note)) = (placed, state.notes.notes.get(n)) else {
        state.notice = Some("this note is on a whole item: e edits it, d deletes it".into());
        return;
    };
    let id = note.id.clone();
    let (doc, _, _) = doc_of(state);
    if spot_of(doc, &state.brief, text).is_none() {
        state.notice = Some("the note's words are not shown here".into());
        return;
    }
    let Some(t) = text.text(&state.brief) else {
        return;
    };
    let end = prev_grapheme(t, range.end.min(t.len())).unwrap_or(0);
    let mut visual = Visual::at(text, snap(t, end.max(range.start)));
    visual.anchor = Some(snap(t, range.start));
    visual.moving = Some(id);
    state.layers.caret = Some(visual);
    state.notice = Some("move the selection's ends (o swaps them); a moves the note there".into());
}

const STAYS: &str = "the selection stays inside one text: it stops here (Esc, then move on)";

/// Moves the caret by `motion`; with an anchor, within its text.
pub fn motion(state: &mut State, motion: Motion) {
    let Some(visual) = state.layers.caret.clone() else {
        return;
    };
    let (doc, _, height) = doc_of(state);
    let brief = &state.brief;
    let Some(here) = spot_of(doc, brief, visual.text) else {
        state.layers.caret = None;
        return;
    };
    let Some(t) = visual.text.text(brief).and_then(|t| t.get(..here.hi)) else {
        return;
    };
    let c = visual.cursor.clamp(here.lo, last(t));
    let selecting = visual.anchor.is_some();
    let back = |r: Option<usize>| match r {
        Some(r) if r >= here.lo => Some(r),
        _ if c > here.lo => Some(here.lo),
        _ => None,
    };
    use Motion::*;
    let inside = match motion {
        Left => back(prev_grapheme(t, c)),
        Right => next_grapheme(t, c),
        WordStart => next_word_start(t, c),
        WordEnd => word_end(t, c, false),
        WordBack => back(prev_word_start(t, c)),
        SentenceNext => next_sentence(t, c),
        SentenceBack => back(prev_sentence(t, c)),
        ParagraphNext => next_paragraph(t, c),
        ParagraphBack => back(prev_paragraph(t, c)),
        RowStart | RowEnd => {
            let Some(row) = row_of(doc, here, c) else {
                return;
            };
            let r = &doc.rows[row];
            let origin = doc.paras[r.para as usize]
                .origin
                .map_or(0, |o| o.display_start);
            let start = place(
                brief,
                here,
                original_of(doc, here, origin + r.range.start as usize),
            );
            if motion == RowStart {
                Some(start)
            } else {
                let end = original_of(doc, here, origin + r.range.end as usize);
                let end = if end >= here.hi {
                    last(t)
                } else {
                    prev_grapheme(t, end).unwrap_or(start)
                };
                Some(end.max(start))
            }
        }
        Down | Up | HalfPageDown | HalfPageUp => {
            let rows = match motion {
                Down => 1,
                Up => -1,
                HalfPageDown => (height / 2).max(1) as isize,
                _ => -((height / 2).max(1) as isize),
            };
            match vertical(doc, brief, here, c, rows) {
                Some((spot, at)) if spot.field == here.field => Some(at),
                Some((spot, at)) if !selecting => {
                    set(state, spot.text, at);
                    return;
                }
                _ => None,
            }
        }
        Top | Bottom => {
            let forward = motion == Bottom;
            if selecting {
                Some(if forward { last(t) } else { here.lo })
            } else {
                let end = if forward {
                    (0..doc.fields.len())
                        .rev()
                        .find_map(|f| spot(doc, brief, f))
                } else {
                    (0..doc.fields.len()).find_map(|f| spot(doc, brief, f))
                };
                let Some(end) = end else {
                    return;
                };
                let Some(text) = end.text.text(brief).and_then(|t| t.get(..end.hi)) else {
                    return;
                };
                let at = if forward { last(text) } else { end.lo };
                set(state, end.text, at);
                return;
            }
        }
    };
    let forward = matches!(
        motion,
        Right | WordStart | WordEnd | SentenceNext | ParagraphNext | Down | HalfPageDown
    );
    if let Some(at) = inside {
        let at = place_toward(brief, here, at, forward);
        set(state, here.text, at);
        return;
    }
    if selecting {
        let edge = if forward { last(t) } else { here.lo };
        set(state, here.text, edge);
        state.notice = Some(STAYS.into());
        return;
    }
    // Off the edge of this text: on to the next one shown.
    let Some(next) = neighbour(doc, brief, here.field, forward) else {
        state.notice = Some(if forward {
            "the last text here".into()
        } else {
            "the first text here".into()
        });
        return;
    };
    let Some(nt) = next.text.text(brief).and_then(|t| t.get(..next.hi)) else {
        return;
    };
    let at = match motion {
        WordEnd => word_end(nt, next.lo, true),
        Left => Some(last(nt)),
        WordBack => prev_word_start(nt, next.hi),
        SentenceBack => prev_sentence(nt, next.hi),
        ParagraphBack => prev_paragraph(nt, next.hi),
        _ => Some(next.lo),
    };
    let at = place(brief, next, at.unwrap_or(next.lo));
    set(state, next.text, at);
}

/// The caret `rows` display rows down (up when negative) at about the
/// same column, on the nearest row showing a text the caret can visit.
fn vertical(doc: &Doc, brief: &Brief, here: Spot, c: usize, rows: isize) -> Option<(Spot, usize)> {
    let (row, column) = column_of(doc, here, c)?;
    let last_row = doc.rows.len().checked_sub(1)?;
    let target = row.saturating_add_signed(rows).min(last_row);
    if target == row {
        return None;
    }
    let forward = rows > 0;
    let ahead: Box<dyn Iterator<Item = usize>> = if forward {
        Box::new((target..=last_row).chain((row + 1..target).rev()))
    } else {
        Box::new((0..=target).rev().chain(target + 1..row))
    };
    // Bounded: a document has at most a few blank rows between texts.
    ahead
        .take(4096)
        .find(|&r| spot_at_row(doc, brief, r).is_some())
        .and_then(|r| at_column(doc, brief, r, column))
}

fn set(state: &mut State, text: TextRef, at: usize) {
    if let Some(v) = state.layers.caret.as_mut() {
        if v.text != text {
            v.anchor = None;
        }
        v.text = text;
        v.cursor = at;
        v.reveal = true;
    }
}

/// Whether `a` or `y` has nothing to take: no selection in a source's
/// full text (a whole source is too much for one note or copy).
pub fn nothing_to_take(state: &State) -> bool {
    state
        .layers
        .caret
        .as_ref()
        .is_some_and(|c| c.anchor.is_none() && matches!(c.text, TextRef::SourceText(_)))
}

/// `v` or Space: drops the anchor at the caret (again, when selecting:
/// the selection starts over there).
pub fn anchor(state: &mut State) {
    if let Some(v) = state.layers.caret.as_mut() {
        v.anchor = Some(v.cursor);
    }
}

/// `o`: the caret goes to the other end of the selection.
pub fn swap_ends(state: &mut State) {
    match state.layers.caret.as_mut() {
        Some(v) if v.anchor.is_some() => {
            let anchor = v.anchor.replace(v.cursor).unwrap_or(v.cursor);
            v.cursor = anchor;
            v.reveal = true;
        }
        _ => state.notice = Some("nothing selected: v or Space starts a selection".into()),
    }
}

/// `Esc`: a selection goes back to the caret, the caret to reading.
pub fn step_back(state: &mut State) {
    match state.layers.caret.as_mut() {
        Some(v) if v.anchor.is_some() && v.moving.is_none() => v.anchor = None,
        _ => state.layers.caret = None,
    }
}

/// `/` in caret mode: the search line, remembering the caret.
pub fn search(state: &mut State) {
    if let Some(v) = state.layers.caret.as_mut() {
        v.before_search = Some((v.text, v.cursor, v.anchor));
        // A caret in a source searches its text (Tab turns that off).
        if matches!(v.text, TextRef::SourceText(_)) {
            state.search.with_sources = true;
        }
    }
    super::search::open(state);
}

/// `n` / `N` in caret mode: the caret to the next or previous hit's start;
/// with a selection, only hits in its text.
pub fn step_hit(state: &mut State, forward: bool) {
    let Some(visual) = state.layers.caret.clone() else {
        return;
    };
    if visual.anchor.is_none() {
        if let Some(v) = state.layers.caret.as_mut() {
            v.to_hit = true;
        }
        super::search::step(state, forward);
        return;
    }
    let hits = state
        .search
        .hits_in(visual.text)
        .map(|(_, h)| h.range.start);
    let next = if forward {
        hits.filter(|&s| s > visual.cursor).min()
    } else {
        hits.filter(|&s| s < visual.cursor).max()
    };
    match next {
        Some(at) => {
            let (doc, _, _) = doc_of(state);
            if let Some(here) = spot_of(doc, &state.brief, visual.text) {
                let at = place(&state.brief, here, at);
                set(state, visual.text, at);
            }
        }
        None => {
            state.notice = Some("no more matches in this text (the selection stays in it)".into())
        }
    }
}

/// Keeps the caret on a text shown (the layout step calls this once the
/// documents are built): after a search, on its hit; when its text is no
/// longer shown, caret mode ends.
pub fn settle(state: &mut State) {
    let Some(visual) = state.layers.caret.clone() else {
        return;
    };
    let (doc, _, _) = doc_of(state);
    let brief = &state.brief;
    let hit = state
        .search
        .current
        .and_then(|i| state.search.hits.get(i))
        .and_then(|h| Some((spot_of(doc, brief, h.text)?, h.range.start)));
    if state.layers.search_line().is_some() {
        // The search previews a hit elsewhere: the caret follows it, so it
        // is always on a text shown (Esc brings it back).
        if spot_of(doc, brief, visual.text).is_none()
            && let Some((spot, at)) = hit
        {
            let at = place(brief, spot, at);
            set(state, spot.text, at);
        }
        return;
    }
    let mut placed = None;
    if visual.to_hit || visual.before_search.is_some() {
        placed = match (hit, visual.before_search) {
            (Some((spot, at)), _) if visual.anchor.is_none() || spot.text == visual.text => {
                Some((spot.text, place(brief, spot, at), visual.anchor))
            }
            (_, Some(before)) => Some(before),
            _ => None,
        };
    }
    let (text, cursor, anchor) = placed.unwrap_or((visual.text, visual.cursor, visual.anchor));
    let Some(spot) = spot_of(doc, brief, text) else {
        state.layers.caret = None;
        return;
    };
    let cursor = place(brief, spot, cursor);
    if let Some(v) = state.layers.caret.as_mut() {
        if placed.is_some() {
            v.reveal = true;
        }
        v.to_hit = false;
        v.before_search = None;
        v.anchor = if text == v.text || anchor.is_none() {
            anchor
        } else {
            None
        };
        v.text = text;
        v.cursor = cursor;
    }
}

/// Scrolls the caret into view (called by the layout step).
pub fn reveal(state: &mut State) {
    settle(state);
    let Some(visual) = state.layers.caret.as_mut() else {
        return;
    };
    if !visual.reveal {
        return;
    }
    visual.reveal = false;
    let (text, cursor) = (visual.text, visual.cursor);
    let (doc, scroll, height) = match state.layers.view.as_mut() {
        Some(view) => (
            &state.laid_out.source.doc,
            &mut view.scroll,
            state.laid_out.screen.source_text.height as usize,
        ),
        None => (
            &state.laid_out.detail.doc,
            &mut state.reading.detail.scroll,
            text_area(state.laid_out.screen.detail).height as usize,
        ),
    };
    if let Some(here) = spot_of(doc, &state.brief, text)
        && let Some(row) = row_of(doc, here, cursor)
    {
        super::layout::reveal_rows(row..row + 1, scroll, height);
    }
}

/// The caret's text, the selected bytes (if any) and the caret's bytes.
pub fn byte_ranges(state: &State) -> Option<(TextRef, Option<Range<usize>>, Range<usize>)> {
    let visual = state.layers.caret.as_ref()?;
    let text = visual.text.text(&state.brief)?;
    let cursor = visual.cursor.min(text.len())..grapheme_end(text, visual.cursor);
    Some((visual.text, visual.selected_bytes(text), cursor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_includes_the_caret_either_way() {
        let t = "abcdefgh";
        let v = Visual {
            anchor: Some(5),
            ..Visual::at(TextRef::BriefSummary, 2)
        };
        assert_eq!(v.selected_bytes(t), Some(2..6));
        assert_eq!(Visual::at(TextRef::BriefSummary, 2).selected_bytes(t), None);
    }

    #[test]
    fn a_combining_mark_is_selected_with_its_letter() {
        let t = "e\u{301}x e\u{301}";
        let v = Visual {
            anchor: Some(0),
            ..Visual::at(TextRef::BriefSummary, 5)
        };
        assert_eq!(v.selected_bytes(t), Some(0..t.len()));
    }
}
