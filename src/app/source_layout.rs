//! The source view's part of the layout step: its document laid out for
//! the width (lazily for a large source: the rows in view first, the rest
//! a piece per pass), and its scroll kept on the same words through
//! resizes and finishing the layout.

use super::state::{SourceView, State};
use super::{content, layout::SOURCE_MEASURE};

/// Returns whether the source view was laid out for a new width.
pub(super) fn prepare_source(state: &mut State) -> bool {
    let area = state.laid_out.screen.source_text;
    let Some(view) = state.layers.view.as_mut() else {
        return false;
    };
    if area.width == 0 {
        return false;
    }
    let height = area.height as usize;
    let width = area.width.min(SOURCE_MEASURE);
    // Something scrolled since the last layout: its top is the anchor.
    if view.built_for.is_some() && view.scroll != view.top_row {
        take_top(view);
    }
    let resized = view.built_for != Some(width);
    if resized {
        // Built afresh (its notes changed): paragraphs are not where they
        // were, the source's bytes are.
        let built_afresh = view.built_for.is_none();
        rebuild_source(view, &state.brief, &state.notes, width);
        // The end laid out exactly at once: a view scrolled to it is at
        // the end of the exact layout too.
        if view.doc.make_end_exact(2 * height) {
            view.excerpt_rows = excerpt_rows(view, &state.brief);
        }
        // The same words on top as before the resize.
        if built_afresh {
            if let Some(byte) = view.top_byte
                && let Some(row) = exact_row_of(view, &state.brief, byte, height)
            {
                view.scroll = row;
                view.top_row = row;
            }
        } else if let Some(spot) = view.top_spot
            && let Some(row) = view.doc.row_of_spot(spot)
        {
            if view
                .doc
                .make_exact(row.saturating_sub(height)..row + 2 * height)
            {
                view.excerpt_rows = excerpt_rows(view, &state.brief);
            }
            let row = view.doc.row_of_spot(spot).unwrap_or(row);
            view.scroll = row;
            view.top_row = row;
        }
    }
    if let Some(byte) = view.reveal_byte.take()
        && let Some(row) = exact_row_of(view, &state.brief, byte, height)
    {
        view.scroll = row.saturating_sub(height / 3);
        view.reveal = false;
        view.at_current = false;
    }
    if view.reveal {
        view.reveal = false;
        if let Some(position) = view.position()
            && let Some(&row) = view.excerpt_rows.get(position)
        {
            // Laid out exactly there first, so the passage lands where it
            // is shown.
            if view
                .doc
                .make_exact(row.saturating_sub(height)..row + 2 * height)
            {
                view.excerpt_rows = excerpt_rows(view, &state.brief);
            }
            let row = view.excerpt_rows.get(position).copied().unwrap_or(row);
            // Put the passage a third of the way down, with context above.
            view.scroll = row.saturating_sub(height / 3);
        }
    }
    view.scroll = view.scroll.min(view.doc.height().saturating_sub(height));
    note_in_view(view, height);
    if view.top_spot.is_none() || view.scroll != view.top_row {
        take_top(view);
    }
    resized
}

/// The words on top now are the anchor from now on.
fn take_top(view: &mut SourceView) {
    view.top_byte = view.doc.original_at_row(view.scroll);
    view.top_spot = view.doc.spot_at_row(view.scroll);
    view.top_row = view.scroll;
}

/// The note `e` and `d` act on: the first one in view.
fn note_in_view(view: &mut SourceView, height: usize) {
    let shown = view.scroll..view.scroll + height;
    view.note_in_view = (0..view.notes.len()).find(|&i| {
        view.doc
            .items
            .get(i)
            .is_some_and(|rows| rows.start < shown.end && rows.end > shown.start)
    });
}

/// The row showing byte `byte` of the view's source text, laid out
/// exactly around it first.
pub(super) fn exact_row_of(
    view: &mut SourceView,
    brief: &crate::brief::Brief,
    byte: usize,
    height: usize,
) -> Option<usize> {
    let text = crate::brief::TextRef::SourceText(view.source);
    let row = view.doc.row_of(text, byte)?;
    if view
        .doc
        .make_exact(row.saturating_sub(height)..row + 2 * height)
    {
        view.excerpt_rows = excerpt_rows(view, brief);
        return view.doc.row_of(text, byte);
    }
    Some(row)
}

/// Bytes of a source's text wrapped exactly in one layout pass, beyond
/// the rows in view, while a resize left it laid out roughly: about 3 ms
/// of wrapping.
pub const REFINE_BYTES: usize = 256 * 1024;

/// Once everything else has scrolled: the source view's rows in view are
/// laid out exactly, and a bounded piece more of a rough layout (after a
/// resize of a large source) is made exact, the words on top staying on
/// top (or the end at the bottom, when the view was there). The pass that
/// laid the view out for a new width (`resized`) does only the rows in
/// view: the first frame after a resize has the most to do already.
pub(super) fn settle_source(state: &mut State, resized: bool) {
    let height = state.laid_out.screen.source_text.height as usize;
    let brief = &state.brief;
    let Some(view) = state.layers.view.as_mut() else {
        return;
    };
    if !view.doc.is_rough() || height == 0 {
        return;
    }
    if view.top_spot.is_none() || view.scroll != view.top_row {
        take_top(view);
    }
    let at_end = view.scroll > 0 && view.scroll + height >= view.doc.height();
    let mut changed = !resized && view.doc.refine(REFINE_BYTES);
    // The rows in view and a screen either side, until they stay exact
    // where they land (a few rounds at most).
    for _ in 0..4 {
        let scroll = if at_end {
            view.doc.height().saturating_sub(height)
        } else {
            view.top_spot
                .and_then(|spot| view.doc.row_of_spot(spot))
                .unwrap_or(view.scroll)
        };
        view.scroll = scroll.min(view.doc.height().saturating_sub(height));
        if !view
            .doc
            .make_exact(view.scroll.saturating_sub(height)..view.scroll + 2 * height)
        {
            break;
        }
        changed = true;
    }
    if changed {
        view.excerpt_rows = excerpt_rows(view, brief);
        if at_end {
            take_top(view);
        }
        view.top_row = view.scroll;
        note_in_view(view, height);
    }
}

/// Whether a layout is unfinished: the loop should come back for another
/// layout pass soon, even without input.
pub fn unfinished(state: &State) -> bool {
    // Only while the view is shown: a screen too small lays nothing out,
    // and would be woken for nothing.
    !state.laid_out.screen.unusable()
        && state.laid_out.screen.source_text.width > 0
        && state.layers.view.as_ref().is_some_and(|v| v.doc.is_rough())
}

/// A source's text longer than this (in bytes) is laid out lazily at a
/// new width: roughly, and exactly around the rows in view first (see
/// [`super::doc_rows`]).
pub const LAZY_SOURCE_ABOVE: usize = 512 * 1024;

/// Lays out a source's text for `width`: built once, laid out again at
/// each new width.
pub fn rebuild_source(
    view: &mut SourceView,
    brief: &crate::brief::Brief,
    notes: &super::notes::NotesState,
    width: u16,
) {
    if view.built_for.is_some() {
        view.doc.rewrap(width);
    } else {
        let content::SourceDoc {
            builder,
            firsts,
            notes: note_items,
        } = content::source_text(brief, notes, view.source);
        view.doc = builder.wrap(width);
        let text = brief.sources.get(view.source).and_then(|s| s.text.as_ref());
        if text.is_some_and(|t| t.len() > LAZY_SOURCE_ABOVE) {
            view.doc.lay_out_lazily();
        }
        view.notes = note_items;
        view.excerpts = firsts.iter().map(|&(e, _)| e).collect();
        view.excerpt_paras = firsts.iter().map(|&(_, para)| para).collect();
    }
    view.excerpt_rows = excerpt_rows(view, brief);
    view.built_for = Some(width);
}

/// The row where each of the view's excerpts starts.
fn excerpt_rows(view: &SourceView, brief: &crate::brief::Brief) -> Vec<usize> {
    let doc = &view.doc;
    view.excerpts
        .iter()
        .zip(&view.excerpt_paras)
        .map(|(&excerpt, &para)| {
            let first = doc.rows_of_para(para).start;
            passage_row(brief, doc, excerpt, para, first).unwrap_or(first.min(doc.height()))
        })
        .collect()
}

/// The row where excerpt `excerpt`'s passage starts, in paragraph `para`
/// of a source's document (whose rows start at `first`): `]`/`[` and
/// going to the excerpt look at the passage itself, which may start far
/// into a long paragraph.
fn passage_row(
    brief: &crate::brief::Brief,
    doc: &super::doc::Doc,
    excerpt: usize,
    para: usize,
    first: usize,
) -> Option<usize> {
    let crate::brief::Verification::Verified(ranges) = &brief.excerpts.get(excerpt)?.verification
    else {
        return None;
    };
    let start = ranges.iter().map(|r| r.start).min()?;
    let shown = doc.paras.get(para)?;
    let origin = shown.origin?;
    let display = doc
        .fields
        .get(origin.field)?
        .display_range(start..start)?
        .start;
    // A passage starting before its paragraph (in the line break before
    // it) starts on the paragraph's first row.
    let offset = display.saturating_sub(origin.display_start);
    // Rows are in (paragraph, offset) order: the last row of the
    // paragraph starting at or before the passage, found by halving.
    let after = doc
        .rows
        .partition_point(|row| (row.para as usize, row.range.start as usize) <= (para, offset));
    Some(after.saturating_sub(1).max(first.min(doc.height())))
}
