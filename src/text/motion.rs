//! Caret motions inside one text, by grapheme cluster, word, sentence and
//! paragraph (UAX 29 through `unicode-segmentation`).
//!
//! `t` is the text cut where its shown part ends; `c` a byte offset at a
//! grapheme start in it. Forward motions give `None` past the last
//! grapheme, backward ones before the first: the caller then crosses to
//! the next text or stops at the edge.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The end of the grapheme cluster starting at `at`.
pub fn grapheme_end(t: &str, at: usize) -> usize {
    t.get(at..)
        .and_then(|rest| rest.graphemes(true).next())
        .map_or(t.len(), |g| at + g.len())
}

/// The grapheme start at or before byte `at`.
pub fn snap(t: &str, at: usize) -> usize {
    let mut at = at.min(t.len());
    while !t.is_char_boundary(at) {
        at -= 1;
    }
    let mut cursor = GraphemeCursor::new(at, t.len(), true);
    match cursor.is_boundary(t, 0) {
        Ok(true) | Err(_) => at,
        Ok(false) => cursor.prev_boundary(t, 0).ok().flatten().unwrap_or(0),
    }
}

/// The start of the last grapheme of `t` (0 when empty).
pub fn last(t: &str) -> usize {
    t.grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
}

pub fn next_grapheme(t: &str, c: usize) -> Option<usize> {
    let next = grapheme_end(t, c);
    (next < t.len()).then_some(next)
}

pub fn prev_grapheme(t: &str, c: usize) -> Option<usize> {
    t.get(..c)?
        .grapheme_indices(true)
        .next_back()
        .map(|(i, _)| i)
}

pub fn next_word_start(t: &str, c: usize) -> Option<usize> {
    t.get(c..)?
        .unicode_word_indices()
        .map(|(i, _)| c + i)
        .find(|&i| i > c)
}

/// The last grapheme of the first word ending after `c` (at `c` too when
/// `inclusive`).
pub fn word_end(t: &str, c: usize, inclusive: bool) -> Option<usize> {
    t.get(c..)?
        .unicode_word_indices()
        .map(|(i, w)| c + i + last(w))
        .find(|&end| end > c || (inclusive && end == c))
}

/// Where to look back from `c`: a window ending there, `back` bytes long
/// at most, starting on a character boundary.
pub fn window_start(t: &str, c: usize, back: usize) -> usize {
    let mut from = c.saturating_sub(back);
    while !t.is_char_boundary(from) {
        from -= 1;
    }
    from
}

pub fn prev_word_start(t: &str, c: usize) -> Option<usize> {
    // Word boundaries are found backward as well: no need to read the
    // text from its start.
    t.get(..c)?
        .unicode_word_indices()
        .next_back()
        .map(|(i, _)| i)
}

/// The start of the line holding byte `at`.
pub fn line_start(t: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', t.as_bytes().get(..at).unwrap_or_default()).map_or(0, |i| i + 1)
}

pub fn next_sentence(t: &str, c: usize) -> Option<usize> {
    t.get(c..)?
        .split_sentence_bound_indices()
        .map(|(i, _)| c + i)
        .find(|&i| i > c)
}

pub fn prev_sentence(t: &str, c: usize) -> Option<usize> {
    if c == 0 {
        return None;
    }
    // Sentences never cross a line break; within a very long line, look
    // back a bounded stretch.
    let from = line_start(t, c - 1).max(window_start(t, c, 1 << 16));
    t.get(from..c)?
        .split_sentence_bound_indices()
        .map(|(i, _)| from + i)
        .filter(|&i| i < c)
        .last()
}

pub fn skip_blank(t: &str, at: usize) -> usize {
    at + t
        .get(at..)
        .map_or(0, |rest| rest.len() - rest.trim_start().len())
}

/// The first character of the next paragraph (a line with text on it).
pub fn next_paragraph(t: &str, c: usize) -> Option<usize> {
    let newline = c + memchr::memchr(b'\n', t.as_bytes().get(c..)?)?;
    let next = skip_blank(t, newline);
    (next < t.len()).then_some(next)
}

/// The first character of this paragraph, or when already there, of the
/// paragraph before.
pub fn prev_paragraph(t: &str, c: usize) -> Option<usize> {
    let here = line_start(t, c);
    let first = skip_blank(t, here).min(c);
    if first < c {
        return Some(first);
    }
    let mut end = here;
    while end > 0 {
        let start = line_start(t, end - 1);
        if t.get(start..end).is_some_and(|l| !l.trim().is_empty()) {
            return Some(skip_blank(t, start));
        }
        end = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_sentence_motions() {
        let t = "One two. Three four.";
        assert_eq!(next_word_start(t, 0), Some(4));
        assert_eq!(word_end(t, 0, false), Some(2));
        assert_eq!(word_end(t, 4, false), Some(6));
        assert_eq!(prev_word_start(t, 6), Some(4));
        assert_eq!(next_sentence(t, 0), Some(9));
        assert_eq!(next_sentence(t, 3), Some(9), "from inside a sentence");
        assert_eq!(prev_sentence(t, 12), Some(9));
        assert_eq!(prev_sentence(t, 9), Some(0));
    }

    #[test]
    fn an_empty_text_has_nowhere_to_go() {
        let t = "";
        assert_eq!(next_grapheme(t, 0), None);
        assert_eq!(prev_grapheme(t, 0), None);
        assert_eq!(next_word_start(t, 0), None);
        assert_eq!(word_end(t, 0, true), None);
        assert_eq!(prev_word_start(t, 0), None);
        assert_eq!(next_sentence(t, 0), None);
        assert_eq!(prev_sentence(t, 0), None);
        assert_eq!(next_paragraph(t, 0), None);
        assert_eq!(prev_paragraph(t, 0), None);
        assert_eq!(last(t), 0);
        assert_eq!(snap(t, 3), 0);
    }

    #[test]
    fn one_word_ends_at_its_edges() {
        let t = "word";
        assert_eq!(next_grapheme(t, 3), None, "l stops at the last letter");
        assert_eq!(prev_grapheme(t, 0), None);
        assert_eq!(next_word_start(t, 0), None);
        assert_eq!(word_end(t, 0, false), Some(3));
        assert_eq!(word_end(t, 3, false), None);
        assert_eq!(word_end(t, 3, true), Some(3));
        assert_eq!(prev_word_start(t, 2), Some(0));
        assert_eq!(prev_word_start(t, 0), None);
        assert_eq!(next_sentence(t, 0), None);
        assert_eq!(prev_paragraph(t, 2), Some(0));
        assert_eq!(prev_paragraph(t, 0), None);
    }

    #[test]
    fn cjk_moves_a_character_and_a_word_at_a_time() {
        let t = "中文字 ok";
        assert_eq!(next_grapheme(t, 0), Some(3));
        assert_eq!(prev_grapheme(t, 6), Some(3));
        assert_eq!(last(t), t.len() - 1);
        // Each ideograph is a word of its own (UAX 29).
        assert_eq!(next_word_start(t, 0), Some(3));
        assert_eq!(word_end(t, 0, true), Some(0));
        assert_eq!(prev_word_start(t, 10), Some(6));
        assert_eq!(snap(t, 1), 0, "inside a character snaps to its start");
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // "e" + combining acute, then "x".
        let t = "e\u{301}x e\u{301}";
        assert_eq!(next_grapheme(t, 0), Some(3), "over the mark");
        assert_eq!(prev_grapheme(t, 3), Some(0));
        assert_eq!(snap(t, 1), 0, "the mark is not a caret place");
        assert_eq!(last(t), 5);
        assert_eq!(
            word_end(t, 0, false),
            Some(3),
            "the end of a word is its last letter, mark and all"
        );
        assert_eq!(word_end(t, 5, true), Some(5));
        assert_eq!(grapheme_end(t, 5), t.len(), "the mark ends with its letter");
    }

    #[test]
    fn a_sanitised_control_character_next_to_wide_text() {
        let t = "\u{1b}中\u{7}b";
        assert_eq!(next_grapheme(t, 0), Some(1));
        assert_eq!(next_grapheme(t, 1), Some(4));
        assert_eq!(prev_grapheme(t, 4), Some(1));
        assert_eq!(prev_grapheme(t, 1), Some(0));
        assert_eq!(last(t), 5);
        assert_eq!(next_word_start(t, 0), Some(1));
        assert_eq!(prev_word_start(t, 5), Some(1));
        assert_eq!(next_word_start(t, 1), Some(5));
    }

    #[test]
    fn paragraph_motions_skip_blank_lines() {
        let t = "one two\n\n  three\nfour";
        assert_eq!(next_paragraph(t, 2), Some(11));
        assert_eq!(next_paragraph(t, 11), Some(17));
        assert_eq!(next_paragraph(t, 17), None);
        assert_eq!(prev_paragraph(t, 13), Some(11));
        assert_eq!(prev_paragraph(t, 11), Some(0));
        assert_eq!(prev_paragraph(t, 17), Some(11));
    }
}
