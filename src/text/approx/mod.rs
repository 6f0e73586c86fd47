//! The bounded approximate matcher: where in a long text a pattern comes
//! closest, how the two line up there, and every place within k edits.
//!
//! Its parts, each bounded:
//! - `seeds`: exact shared pieces of the pattern, found in one linear
//!   scan, vote for the diagonal where the pattern most likely is;
//! - `band`: one banded alignment (pattern × band cells, with an optional
//!   traceback) that lines the pattern up with the text around a diagonal;
//! - `kerrors`: every match within k edits (Myers' bit-parallel search
//!   for the ends, the banded alignment for each start).
//!
//! A misquote's hint uses [`closest`] and [`first_divergence`]; placing a
//! note again uses [`all_within`].

mod band;
mod divergence;
mod kerrors;
mod seeds;

use std::ops::Range;

pub use band::Op;
use band::{Band, Ends, Scoring, align};
pub use divergence::{Divergence, first_divergence};
pub use kerrors::{Match, all_within};
use seeds::{best_diagonal, floor_boundary};

/// Patterns are aligned on at most this many characters (the rest of a
/// longer pattern is ignored).
pub const MAX_PATTERN_CHARS: usize = 8192;
/// Local alignment scores for a quote and its passage.
const QUOTE_SCORING: Scoring = Scoring {
    same: 2,
    differ: -3,
    gap: -3,
};

/// How the pattern lines up with its closest passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// Byte range of the pattern that aligned.
    pub pattern: Range<usize>,
    /// Byte range of the text it aligned with.
    pub text: Range<usize>,
    /// Each step with the byte offsets (pattern, text) where it starts.
    pub steps: Vec<(Op, usize, usize)>,
    /// Characters that matched.
    pub matched: usize,
}

/// The passage of `text` closest to `pattern`, or `None` when nothing in
/// the text shares enough with it to call it close.
pub fn closest(text: &str, pattern: &str) -> Option<Alignment> {
    let pattern = truncate_chars(pattern, MAX_PATTERN_CHARS);
    if pattern.len() < 3 || text.is_empty() {
        return None;
    }
    let diagonal = best_diagonal(text, pattern)?;
    let alignment = align_near(text, pattern, diagonal)?;
    let chars = pattern.chars().count();
    (alignment.matched >= 6.min(chars) && alignment.matched * 5 >= chars).then_some(alignment)
}

fn truncate_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Characters of `s` from byte `from`, and the byte offset of each with
/// one more for the end (`to`).
fn chars_and_offsets(s: &str, from: usize, to: usize) -> (Vec<char>, Vec<usize>) {
    let (chars, mut offsets): (Vec<char>, Vec<usize>) =
        s.char_indices().map(|(i, c)| (c, from + i)).unzip();
    offsets.push(to);
    (chars, offsets)
}

/// Banded local alignment of `pattern` with the text around `diagonal` (a
/// byte offset of the text where the pattern's start would be).
fn align_near(text: &str, pattern: &str, diagonal: i64) -> Option<Alignment> {
    let (p, p_at) = chars_and_offsets(pattern, 0, pattern.len());
    let m = p.len();
    // Words dropped or added shift the diagonal; this many characters of
    // shift are followed.
    let half = (40 + m / 40).min(200);
    // The text window: the pattern's length either side, in bytes, plus the
    // band in characters (at most four bytes each).
    let margin = 4 * half as i64;
    let from = floor_boundary(text, (diagonal - margin).max(0) as usize);
    let to = floor_boundary(
        text,
        (diagonal + pattern.len() as i64 + margin).clamp(0, text.len() as i64) as usize,
    );
    let (window, w_at) = chars_and_offsets(&text[from..to], from, to);
    if window.is_empty() {
        return None;
    }
    // The diagonal in characters of the window.
    let start = (diagonal.max(0) as usize).clamp(from, to);
    let band = Band {
        diagonal: w_at[..window.len()].partition_point(|&i| i < start) as i64,
        half,
    };
    let found = align(&p, &window, band, QUOTE_SCORING, Ends::Local, true)?;
    let matched = found.steps.iter().filter(|s| s.0 == Op::Match).count();
    let steps: Vec<(Op, usize, usize)> = found
        .steps
        .iter()
        .map(|&(op, i, j)| (op, p_at[i], w_at[j]))
        .collect();
    let (pattern_start, text_start) = steps.first().map(|s| (s.1, s.2))?;
    let (i, j) = found.end;
    Some(Alignment {
        pattern: pattern_start..p_at[i],
        text: text_start..w_at[j],
        steps,
        matched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Preamble words that set the scene. The quick brown fox jumps over \
        the lazy dog near the river bank at dawn. Later that day a second \
        paragraph says something else entirely about the weather in Kabul.";

    fn diverge(pattern: &str) -> (String, String) {
        let alignment = closest(TEXT, pattern).expect("close");
        match first_divergence(TEXT, pattern, &alignment).expect("differs") {
            Divergence::Differs {
                pattern: p,
                text: t,
            } => (pattern[p].to_string(), TEXT[t].to_string()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_changed_word_is_named_on_both_sides() {
        let (quote, text) = diverge("The quick red fox jumps over the lazy dog near the river");
        assert_eq!((quote.as_str(), text.as_str()), ("red", "brown"));
    }

    #[test]
    fn a_dropped_word_is_shown_with_its_neighbour() {
        let (quote, text) = diverge("The quick fox jumps over the lazy dog near the river");
        assert!(text.contains("brown"), "{text}");
        assert!(!quote.contains("brown"), "{quote}");
        assert!(text.len() > quote.len());
    }

    #[test]
    fn a_changed_first_or_last_word() {
        let (quote, text) = diverge("A quick brown fox jumps over the lazy dog near the river");
        assert_eq!((quote.as_str(), text.as_str()), ("A", "The"));
        let (quote, text) = diverge("fox jumps over the lazy dog near the river bank at dusk");
        assert_eq!((quote.as_str(), text.as_str()), ("dusk", "dawn."));
    }

    #[test]
    fn a_spliced_quote_says_which_part_is_elsewhere() {
        let pattern = "The quick brown fox jumps over the lazy dog something else \
            entirely about the weather in Kabul";
        let alignment = closest(TEXT, pattern).expect("close");
        let divergence = first_divergence(TEXT, pattern, &alignment).expect("differs");
        match divergence {
            Divergence::EndElsewhere(r) => {
                assert!(pattern[r].starts_with("something else"))
            }
            Divergence::StartElsewhere(r) => {
                assert!(pattern[r].ends_with("lazy dog"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_close_gives_nothing() {
        assert_eq!(closest(TEXT, "zzzz qqqq xxxx wwww vvvv"), None);
        assert_eq!(closest("", "anything"), None);
        assert_eq!(closest(TEXT, "ab"), None);
    }

    #[test]
    fn multibyte_text_lands_on_character_boundaries() {
        let text = "Ein Grenzübergang bei Torkham blieb wochenlang geschlossen – sagte man.";
        let pattern = "Grenzübergang bei Torkham blieb tagelang geschlossen";
        let alignment = closest(text, pattern).expect("close");
        let Some(Divergence::Differs {
            pattern: p,
            text: t,
        }) = first_divergence(text, pattern, &alignment)
        else {
            panic!()
        };
        assert_eq!((&pattern[p], &text[t]), ("tagelang", "wochenlang"));
    }
}
