//! `y`: the words selected, or the selected excerpt's quote, with their
//! citation, to the terminal's clipboard (see [`super::clipboard`]).

use super::state::{DetailItem, Pane, State};
use crate::brief::citation::quote_with_citation;
use crate::brief::{Shown, TextRef};

/// `y` in caret mode: the selected words as written in the brief, or with
/// no selection the whole text the caret is in.
pub fn selection(state: &mut State) {
    let Some((text_ref, range, _)) = super::visual::byte_ranges(state) else {
        return;
    };
    let Some(text) = text_ref.text(&state.brief) else {
        return;
    };
    let trimmed = text.trim();
    let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
    let range = range.unwrap_or(start..start + trimmed.len());
    if text.get(range.clone()).is_none() {
        return;
    }
    // The words as shown: a `[@id]` in them is the reader's mark, not words.
    let words = Shown::words_of(text, state.brief.citations_of(text_ref), range);
    let payload = quote_with_citation(&state.brief, text_ref, &words);
    super::clipboard::copy(state, &payload);
}

/// `y` while reading: the selected excerpt's quote, or in the source view
/// the current excerpt's (the one its footer shows).
pub fn selected_excerpt(state: &mut State) {
    let in_view = state.layers.view.as_ref().map(|v| v.current);
    let excerpt = match (in_view, state.selected_item()) {
        (Some(Some(x)), _) => x,
        (None, Some(DetailItem::Excerpt(x))) if state.reading.focus == Pane::Detail => x,
        (Some(None), _) => {
            state.notice = Some("no excerpt here: ] goes to the next, or v selects words".into());
            return;
        }
        _ => {
            state.notice =
                Some("select an excerpt in the detail pane, or words with v, to copy".into());
            return;
        }
    };
    let text_ref = TextRef::Quote(excerpt);
    let Some(words) = text_ref.text(&state.brief) else {
        return;
    };
    let payload = quote_with_citation(&state.brief, text_ref, words);
    super::clipboard::copy(state, &payload);
}
