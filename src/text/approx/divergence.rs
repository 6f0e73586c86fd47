//! Where a quote first stops matching its closest passage: a changed,
//! added or dropped word, or a start or end that is from elsewhere.

use std::ops::Range;

use super::seeds::floor_boundary;
use super::{Alignment, MAX_PATTERN_CHARS, Op, truncate_chars};

/// Where the pattern first stops matching the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Divergence {
    /// `pattern` reads `text` here instead (either may be empty): a changed,
    /// added or dropped word. Both are whole words.
    Differs {
        pattern: Range<usize>,
        text: Range<usize>,
    },
    /// The pattern's start (this range of it) is not at this passage.
    StartElsewhere(Range<usize>),
    /// The pattern's end (this range of it) is not at this passage.
    EndElsewhere(Range<usize>),
}

/// How many matching characters in a row end a difference.
const RESYNC: usize = 4;
/// A start or end of the pattern left out of the alignment that has at most
/// this many words is read as changed words, not as text from elsewhere.
const FEW_WORDS: usize = 3;

/// The first place where `pattern` and `text` differ in `alignment`.
pub fn first_divergence(text: &str, pattern: &str, alignment: &Alignment) -> Option<Divergence> {
    let pattern = truncate_chars(pattern, MAX_PATTERN_CHARS);
    let head = pattern[..alignment.pattern.start].trim_end();
    if !head.trim().is_empty() {
        let words = head.split_whitespace().count();
        if words > FEW_WORDS {
            return Some(Divergence::StartElsewhere(0..head.len()));
        }
        let end = alignment.text.start;
        let start = words_before(text, end, words);
        return Some(widened(
            text,
            pattern,
            0..alignment.pattern.start,
            start..end,
        ));
    }
    let steps = &alignment.steps;
    if let Some(first) = steps.iter().position(|s| s.0 != Op::Match) {
        let mut run = 0;
        let mut end = steps.len();
        for (at, step) in steps.iter().enumerate().skip(first) {
            if step.0 == Op::Match {
                run += 1;
                if run == RESYNC {
                    end = at + 1 - RESYNC;
                    break;
                }
            } else {
                run = 0;
            }
        }
        let (p0, t0) = (steps[first].1, steps[first].2);
        let (p1, t1) = steps
            .get(end)
            .map_or((alignment.pattern.end, alignment.text.end), |s| (s.1, s.2));
        return Some(widened(text, pattern, p0..p1, t0..t1));
    }
    let tail = &pattern[alignment.pattern.end..];
    if !tail.trim().is_empty() {
        let words = tail.split_whitespace().count();
        if words > FEW_WORDS {
            let lead = tail.len() - tail.trim_start().len();
            return Some(Divergence::EndElsewhere(
                alignment.pattern.end + lead..pattern.len(),
            ));
        }
        let start = alignment.text.end;
        let end = words_after(text, start, words);
        return Some(widened(
            text,
            pattern,
            alignment.pattern.end..pattern.len(),
            start..end,
        ));
    }
    None
}

fn words_before(text: &str, end: usize, words: usize) -> usize {
    let mut at = end;
    for _ in 0..words {
        let before = text[..at].trim_end();
        at = before.rfind(char::is_whitespace).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    }
    at
}

fn words_after(text: &str, start: usize, words: usize) -> usize {
    let mut at = start;
    for _ in 0..words {
        let rest = &text[at..];
        let lead = rest.len() - rest.trim_start().len();
        at += lead;
        at += text[at..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - at);
    }
    at
}

/// Both ranges grown to whole words and trimmed of spaces.
fn widened(text: &str, pattern: &str, p: Range<usize>, t: Range<usize>) -> Divergence {
    Divergence::Differs {
        pattern: to_words(pattern, p),
        text: to_words(text, t),
    }
}

fn to_words(s: &str, range: Range<usize>) -> Range<usize> {
    let mut start = floor_boundary(s, range.start);
    let mut end = floor_boundary(s, range.end.max(start));
    while let Some(c) = s[..start]
        .chars()
        .next_back()
        .filter(|c| !c.is_whitespace())
    {
        start -= c.len_utf8();
    }
    while let Some(c) = s[end..].chars().next().filter(|c| !c.is_whitespace()) {
        end += c.len_utf8();
    }
    let inner = &s[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim().len();
    start + lead..start + lead + trimmed
}
