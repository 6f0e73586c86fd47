//! Bounded approximate matching: where in a long text a pattern (a quote)
//! comes closest, and how the two line up there.
//!
//! Seeds first: short exact pieces of the pattern are looked up in the text
//! in one Aho–Corasick scan (at most 16 pieces, so it runs on SIMD), and each hit votes for the diagonal (text
//! offset minus pattern offset) it lies on. The densest run of diagonals is
//! the candidate passage. A banded local alignment (Smith–Waterman, in
//! characters) around that diagonal then says which part of the pattern
//! matches which part of the text, and where they differ. Every step is
//! bounded: the scan is linear in the text, hits per seed and the pattern's
//! length are capped, and the alignment is band × pattern cells.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

/// Patterns are aligned on at most this many characters (the rest of a
/// longer pattern is ignored).
pub const MAX_PATTERN_CHARS: usize = 8192;
/// A seed found more often than this in the text says nothing about where
/// the pattern is, and is ignored.
const MAX_HITS_PER_SEED: usize = 256;
/// Few enough seeds for the automaton's fastest SIMD prefilter (Teddy):
/// with 64 seeds, scanning 10 MB took several times longer.
const MAX_SEEDS: usize = 16;
const MATCH: i32 = 2;
const MISMATCH: i32 = -3;
const GAP: i32 = -3;

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// The same character in both.
    Match,
    /// Different characters.
    Substitute,
    /// A pattern character the text lacks.
    PatternOnly,
    /// A text character the pattern lacks.
    TextOnly,
}

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

/// The passage of `text` closest to `pattern`, or `None` when nothing in
/// the text shares enough with it to call it close.
pub fn closest(text: &str, pattern: &str) -> Option<Alignment> {
    let pattern = truncate_chars(pattern, MAX_PATTERN_CHARS);
    if pattern.len() < 3 || text.is_empty() {
        return None;
    }
    let diagonal = best_diagonal(text, pattern)?;
    let alignment = align(text, pattern, diagonal)?;
    let chars = pattern.chars().count();
    (alignment.matched >= 6.min(chars) && alignment.matched * 5 >= chars).then_some(alignment)
}

fn truncate_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The text offset where the pattern's start would be, by seed votes.
fn best_diagonal(text: &str, pattern: &str) -> Option<i64> {
    let k = if pattern.len() >= 64 {
        16
    } else if pattern.len() >= 48 {
        12
    } else {
        (pattern.len() / 3).max(3)
    };
    let step = k.max(pattern.len().div_ceil(MAX_SEEDS));
    let mut seeds: Vec<&str> = Vec::new();
    let mut offsets: Vec<usize> = Vec::new();
    let mut at = 0;
    while at + k <= pattern.len() {
        let start = floor_boundary(pattern, at);
        let end = floor_boundary(pattern, start + k);
        if end > start && !seeds.contains(&&pattern[start..end]) {
            seeds.push(&pattern[start..end]);
            offsets.push(start);
        }
        at += step;
    }
    // Seeds do not overlap in the pattern, so where the pattern is, a
    // non-overlapping scan finds them all.
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&seeds)
        .ok()?;
    let mut counts = vec![0usize; seeds.len()];
    let mut hits: Vec<(i64, u32)> = Vec::new();
    for hit in automaton.find_iter(text) {
        let seed = hit.pattern().as_usize();
        counts[seed] += 1;
        if counts[seed] <= MAX_HITS_PER_SEED {
            hits.push((hit.start() as i64 - offsets[seed] as i64, seed as u32));
        }
    }
    hits.retain(|&(_, seed)| counts[seed as usize] <= MAX_HITS_PER_SEED);
    if hits.is_empty() {
        return None;
    }
    hits.sort_unstable();
    // The window of diagonals holding the most hits (words dropped or added
    // shift the diagonal a little; a passage from elsewhere a lot).
    let width = 64 + pattern.len() as i64 / 10;
    let (mut best, mut best_count, mut lo) = (0, 0, 0);
    for hi in 0..hits.len() {
        while hits[hi].0 - hits[lo].0 > width {
            lo += 1;
        }
        if hi - lo + 1 > best_count {
            best_count = hi - lo + 1;
            best = lo;
        }
    }
    // The median of the window: robust against a stray hit at its edge.
    Some(hits[best + best_count / 2].0)
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Banded local alignment of `pattern` with the text around `diagonal`.
fn align(text: &str, pattern: &str, diagonal: i64) -> Option<Alignment> {
    let p: Vec<(usize, char)> = pattern.char_indices().collect();
    let m = p.len();
    // Words dropped or added shift the diagonal; this many characters of
    // shift are followed.
    let band = (40 + m / 40).min(200);
    // The text window: the pattern's length either side, in bytes, plus the
    // band in characters (at most four bytes each).
    let margin = 4 * band as i64;
    let from = floor_boundary(text, (diagonal - margin).max(0) as usize);
    let to = floor_boundary(
        text,
        (diagonal + pattern.len() as i64 + margin).clamp(0, text.len() as i64) as usize,
    );
    let window: Vec<(usize, char)> = text[from..to]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .collect();
    let n = window.len();
    if n == 0 {
        return None;
    }
    // The diagonal in characters of the window.
    let start = (diagonal.max(0) as usize).clamp(from, to);
    let dc = window.partition_point(|&(i, _)| i < start) as i64;
    let width = 2 * band + 1;
    // Row i, column k stands for text character j = i + dc - band + k
    // (1-based cells: j counts characters consumed).
    let cell_j = |i: usize, k: usize| i as i64 + dc - band as i64 + k as i64;
    let mut prev = vec![0i32; width];
    let mut row = vec![0i32; width];
    let mut trace = vec![0u8; (m + 1) * width];
    let (mut best, mut best_at) = (0, (0, 0));
    for i in 1..=m {
        let pc = p[i - 1].1;
        for k in 0..width {
            let j = cell_j(i, k);
            if j < 1 || j > n as i64 {
                row[k] = 0;
                continue;
            }
            let j = j as usize;
            let diag = prev[k]
                + if window[j - 1].1 == pc {
                    MATCH
                } else {
                    MISMATCH
                };
            let up = if k + 1 < width {
                prev[k + 1] + GAP
            } else {
                i32::MIN / 2
            };
            let left = if k > 0 {
                row[k - 1] + GAP
            } else {
                i32::MIN / 2
            };
            let (mut score, mut from) = (0, 0u8);
            if diag > score {
                (score, from) = (diag, 1);
            }
            if up > score {
                (score, from) = (up, 2);
            }
            if left > score {
                (score, from) = (left, 3);
            }
            row[k] = score;
            trace[i * width + k] = from;
            if score > best {
                best = score;
                best_at = (i, k);
            }
        }
        std::mem::swap(&mut prev, &mut row);
    }
    if best == 0 {
        return None;
    }
    // Trace back from the best cell to where the score started from zero.
    let (mut i, mut k) = best_at;
    let mut steps = Vec::new();
    let mut matched = 0;
    loop {
        let j = cell_j(i, k) as usize;
        match trace[i * width + k] {
            1 => {
                let same = window[j - 1].1 == p[i - 1].1;
                matched += usize::from(same);
                let op = if same { Op::Match } else { Op::Substitute };
                steps.push((op, p[i - 1].0, window[j - 1].0));
                i -= 1;
            }
            2 => {
                let at = window.get(j).map_or(to, |c| c.0);
                steps.push((Op::PatternOnly, p[i - 1].0, at));
                i -= 1;
                k += 1;
            }
            3 => {
                let at = p.get(i).map_or(pattern.len(), |c| c.0);
                steps.push((Op::TextOnly, at, window[j - 1].0));
                k -= 1;
            }
            _ => break,
        }
        if i == 0 {
            break;
        }
    }
    steps.reverse();
    let (pattern_end, text_end) = {
        let (i, k) = best_at;
        let j = cell_j(i, k) as usize;
        (
            p.get(i).map_or(pattern.len(), |c| c.0),
            window.get(j).map_or(to, |c| c.0),
        )
    };
    let (pattern_start, text_start) = steps.first().map(|s| (s.1, s.2))?;
    Some(Alignment {
        pattern: pattern_start..pattern_end,
        text: text_start..text_end,
        steps,
        matched,
    })
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
