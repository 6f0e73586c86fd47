//! The source view's part of the layout step: its document laid out for
//! the width (lazily for a large source: the rows in view first, the rest
//! a piece per pass), and its scroll kept on the same words through
//! resizes and finishing the layout.

use super::state::{SourceLayout, SourceView, State};
use super::{content, layout::SOURCE_MEASURE};

/// Returns whether the source view was laid out for a new width.
pub(super) fn prepare_source(state: &mut State) -> bool {
    let area = state.laid_out.screen.source_text;
    let Some(view) = state.layers.view.as_mut() else {
        return false;
    };
    let laid = &mut state.laid_out.source;
    if laid.source != Some(view.source) {
        laid.source = Some(view.source);
        laid.built_for = None;
    }
    if area.width == 0 {
        return false;
    }
    let height = area.height as usize;
    let width = area.width.min(SOURCE_MEASURE);
    // Something scrolled since the last layout: its top is the anchor.
    if laid.built_for.is_some() && view.scroll != view.top_row {
        take_top(view, laid);
    }
    let resized = laid.built_for != Some(width);
    if resized {
        // Built afresh (its notes changed): paragraphs are not where they
        // were, the source's bytes are.
        let built_afresh = laid.built_for.is_none();
        rebuild_source(view, laid, &state.brief, &state.notes, width);
        // The end laid out exactly at once: a view scrolled to it is at
        // the end of the exact layout too.
        if laid.doc.make_end_exact(2 * height) {
            laid.excerpt_rows = excerpt_rows(laid, &state.brief);
        }
        // The same words on top as before the resize.
        if built_afresh {
            if let Some(byte) = view.top_byte
                && let Some(row) = exact_row_of(view, laid, &state.brief, byte, height)
            {
                view.scroll = row;
                view.top_row = row;
            }
        } else if let Some(spot) = view.top_spot
            && let Some(row) = laid.doc.row_of_spot(spot)
        {
            if laid
                .doc
                .make_exact(row.saturating_sub(height)..row + 2 * height)
            {
                laid.excerpt_rows = excerpt_rows(laid, &state.brief);
            }
            let row = laid.doc.row_of_spot(spot).unwrap_or(row);
            view.scroll = row;
            view.top_row = row;
        }
    }
    if let Some(byte) = view.reveal_byte.take()
        && let Some(row) = exact_row_of(view, laid, &state.brief, byte, height)
    {
        view.scroll = row.saturating_sub(height / 3);
        view.reveal = false;
        view.at_current = false;
    }
    if view.reveal {
        view.reveal = false;
        if let Some(position) = laid.position_of(view.current)
            && let Some(&row) = laid.excerpt_rows.get(position)
        {
            // Laid out exactly there first, so the passage lands where it
            // is shown.
            if laid
                .doc
                .make_exact(row.saturating_sub(height)..row + 2 * height)
            {
                laid.excerpt_rows = excerpt_rows(laid, &state.brief);
            }
            let row = laid.excerpt_rows.get(position).copied().unwrap_or(row);
            // Put the passage a third of the way down, with context above.
            view.scroll = row.saturating_sub(height / 3);
        }
    }
    view.scroll = view.scroll.min(laid.doc.height().saturating_sub(height));
    note_in_view(view, laid, height);
    if view.top_spot.is_none() || view.scroll != view.top_row {
        take_top(view, laid);
    }
    resized
}

/// The words on top now are the anchor from now on.
fn take_top(view: &mut SourceView, laid: &SourceLayout) {
    view.top_byte = laid.doc.original_at_row(view.scroll);
    view.top_spot = laid.doc.spot_at_row(view.scroll);
    view.top_row = view.scroll;
}

/// The note `e` and `d` act on: the first one in view.
fn note_in_view(view: &SourceView, laid: &mut SourceLayout, height: usize) {
    let shown = view.scroll..view.scroll + height;
    laid.note_in_view = (0..laid.notes.len()).find(|&i| {
        laid.doc
            .items
            .get(i)
            .is_some_and(|rows| rows.start < shown.end && rows.end > shown.start)
    });
}

/// The row showing byte `byte` of the view's source text, laid out
/// exactly around it first.
pub(super) fn exact_row_of(
    view: &SourceView,
    laid: &mut SourceLayout,
    brief: &crate::brief::Brief,
    byte: usize,
    height: usize,
) -> Option<usize> {
    let text = crate::brief::TextRef::SourceText(view.source);
    let row = laid.doc.row_of(text, byte)?;
    if laid
        .doc
        .make_exact(row.saturating_sub(height)..row + 2 * height)
    {
        laid.excerpt_rows = excerpt_rows(laid, brief);
        return laid.doc.row_of(text, byte);
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
    let laid = &mut state.laid_out.source;
    if !laid.doc.is_rough() || height == 0 {
        return;
    }
    if view.top_spot.is_none() || view.scroll != view.top_row {
        take_top(view, laid);
    }
    let at_end = view.scroll > 0 && view.scroll + height >= laid.doc.height();
    let mut changed = !resized && laid.doc.refine(REFINE_BYTES);
    // The rows in view and a screen either side, until they stay exact
    // where they land (a few rounds at most).
    for _ in 0..4 {
        let scroll = if at_end {
            laid.doc.height().saturating_sub(height)
        } else {
            view.top_spot
                .and_then(|spot| laid.doc.row_of_spot(spot))
                .unwrap_or(view.scroll)
        };
        view.scroll = scroll.min(laid.doc.height().saturating_sub(height));
        if !laid
            .doc
            .make_exact(view.scroll.saturating_sub(height)..view.scroll + 2 * height)
        {
            break;
        }
        changed = true;
    }
    if changed {
        laid.excerpt_rows = excerpt_rows(laid, brief);
        if at_end {
            take_top(view, laid);
        }
        view.top_row = view.scroll;
        note_in_view(view, laid, height);
    }
}

/// Whether a layout is unfinished: the loop should come back for another
/// layout pass soon, even without input.
pub fn unfinished(state: &State) -> bool {
    // Only while the view is shown: a screen too small lays nothing out,
    // and would be woken for nothing.
    !state.laid_out.screen.unusable()
        && state.laid_out.screen.source_text.width > 0
        && state.layers.view.is_some()
        && state.laid_out.source.doc.is_rough()
}

/// A source's text longer than this (in bytes) is laid out lazily, when
/// the view opens and at each new width: roughly, and exactly around the
/// rows in view first (see [`super::doc_rows`]).
pub const LAZY_SOURCE_ABOVE: usize = 512 * 1024;

/// Lays out a source's text for `width`: built once, laid out again at
/// each new width.
pub fn rebuild_source(
    view: &SourceView,
    laid: &mut SourceLayout,
    brief: &crate::brief::Brief,
    notes: &super::notes::NotesState,
    width: u16,
) {
    if laid.built_for.is_some() {
        laid.doc.rewrap(width);
    } else {
        let content::SourceDoc {
            builder,
            firsts,
            notes: note_items,
        } = content::source_text(brief, notes, view.source);
        let text = brief.sources.get(view.source).and_then(|s| s.text.as_ref());
        laid.doc = if text.is_some_and(|t| t.len() > LAZY_SOURCE_ABOVE) {
            builder.wrap_roughly(width)
        } else {
            builder.wrap(width)
        };
        laid.notes = note_items;
        laid.excerpts = firsts.iter().map(|&(e, _)| e).collect();
        laid.excerpt_paras = firsts.iter().map(|&(_, para)| para).collect();
    }
    laid.excerpt_rows = excerpt_rows(laid, brief);
    laid.built_for = Some(width);
}

/// The row where each of the view's excerpts starts.
fn excerpt_rows(laid: &SourceLayout, brief: &crate::brief::Brief) -> Vec<usize> {
    let doc = &laid.doc;
    laid.excerpts
        .iter()
        .zip(&laid.excerpt_paras)
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
