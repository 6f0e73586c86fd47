//! Seeding: short exact pieces of the pattern are looked up in the text in
//! one Aho–Corasick scan (at most 16 pieces, so it runs on SIMD), and each
//! hit votes for the diagonal (text offset minus pattern offset) it lies
//! on. The densest run of diagonals is where the pattern most likely is.

use aho_corasick::{AhoCorasick, MatchKind};

/// A seed found more often than this in the text says nothing about where
/// the pattern is, and is ignored.
const MAX_HITS_PER_SEED: usize = 256;
/// Few enough seeds for the automaton's fastest SIMD prefilter (Teddy):
/// with 64 seeds, scanning 10 MB took several times longer.
const MAX_SEEDS: usize = 16;

/// The text offset where the pattern's start would be, by seed votes.
pub fn best_diagonal(text: &str, pattern: &str) -> Option<i64> {
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

pub fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
