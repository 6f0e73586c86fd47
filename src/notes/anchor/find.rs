//! Finding a passage's exact words in a text: all passages' in one pass,
//! one passage's everywhere, or one's nearest a recorded place. Starts are
//! in characters, as notes count them.

use std::collections::HashMap;

use super::{EXACT_WINDOW, MAX_EXACT_PLACES, REPORTS_PER_BYTE, SCORED_PLACES};
use crate::text::chars::CharIndex;

/// By exact words, their starts in characters (`None`: not known, see
/// [`find_all`]).
pub(super) type ExactHits = HashMap<String, Option<Vec<usize>>>;

/// Every start (in characters) of each of `patterns` in `text`, found in
/// one pass; `None` for a pattern found more than [`MAX_EXACT_PLACES`]
/// times, or when the pass was cut short (its work is bounded by
/// [`REPORTS_PER_BYTE`]) before it could be sure.
pub(super) fn find_all(text: &str, patterns: &[&str], index: &CharIndex) -> ExactHits {
    find_all_counted(text, patterns, index).0
}

/// [`find_all`], with how many reports the pass took.
pub(super) fn find_all_counted(
    text: &str,
    patterns: &[&str],
    index: &CharIndex,
) -> (ExactHits, usize) {
    let budget = text
        .len()
        .saturating_mul(REPORTS_PER_BYTE)
        .saturating_add(patterns.len().saturating_mul(SCORED_PLACES));
    let found = crate::text::exact_many::find_every(text, patterns, MAX_EXACT_PLACES, budget);
    let hits = patterns
        .iter()
        .zip(found.starts)
        .map(|(pattern, starts)| {
            let chars =
                starts.map(|list| list.into_iter().map(|b| index.char_of(text, b)).collect());
            ((*pattern).to_string(), chars)
        })
        .collect();
    (hits, found.reports)
}

/// Every start (in characters) of `pattern` in `text` by a fast substring
/// search; `None` when found more than [`MAX_EXACT_PLACES`] times.
pub(super) fn find_one(text: &str, pattern: &str, index: &CharIndex) -> Option<Vec<usize>> {
    if pattern.is_empty() {
        return Some(Vec::new());
    }
    let finder = memchr::memmem::Finder::new(pattern.as_bytes());
    let mut starts = Vec::new();
    let mut from = 0;
    // Overlapping occurrences too: step one character past each start.
    while let Some(at) = finder.find(text.as_bytes().get(from..).unwrap_or_default()) {
        if starts.len() == MAX_EXACT_PLACES {
            return None;
        }
        let at = from + at;
        starts.push(index.char_of(text, at));
        from = at
            + text
                .get(at..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
    }
    Some(starts)
}

/// The starts (in characters) of `pattern` nearest character `hint`: at
/// most [`SCORED_PLACES`] / 2 each way, within [`EXACT_WINDOW`]. Bounded
/// work however often the words occur.
pub(super) fn find_near(text: &str, pattern: &str, index: &CharIndex, hint: usize) -> Vec<usize> {
    if pattern.is_empty() {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let at = index.byte_of(text, hint);
    let low = index.byte_of(text, hint.saturating_sub(EXACT_WINDOW));
    let high = index.byte_of(text, hint.saturating_add(EXACT_WINDOW));
    let mut starts = Vec::new();
    // Forward from the hint (overlapping: one character past each start).
    let finder = memchr::memmem::Finder::new(pattern.as_bytes());
    let mut from = at;
    while starts.len() < SCORED_PLACES / 2
        && let Some(found) = finder.find(bytes.get(from..high).unwrap_or_default())
    {
        let found = from + found;
        starts.push(index.char_of(text, found));
        from = found
            + text
                .get(found..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
    }
    // Backward: occurrences starting before the hint.
    let back = memchr::memmem::FinderRev::new(pattern.as_bytes());
    let mut to = (at + pattern.len()).saturating_sub(1).min(bytes.len());
    let mut taken = 0;
    while taken < SCORED_PLACES / 2
        && to > low
        && let Some(found) = back.rfind(bytes.get(low..to).unwrap_or_default())
    {
        let found = low + found;
        if found < at {
            starts.push(index.char_of(text, found));
            taken += 1;
        }
        to = (found + pattern.len()).saturating_sub(1);
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}
