//! The matcher's "every match within k edits" entry point, for placing
//! notes again (which must see every near place to tell a tie): Myers'
//! bit-parallel algorithm over characters (in the block form of Hyyrö and
//! edlib, so patterns of any length work) finds each end, then the banded
//! alignment ([`super::band`]) finds where each match starts. Offsets and
//! edit distances are in characters (code points).

use std::collections::HashMap;

use super::band::{Band, Ends, Scoring, align};

/// An approximate occurrence: `text[start..end]` is within `errors` edits
/// (insertions, deletions, substitutions) of the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

/// Where each pattern character occurs, one bit per pattern position.
struct PatternBits {
    blocks: usize,
    ascii: Vec<u64>,
    other: HashMap<char, Vec<u64>>,
    /// The bits of a character not in the pattern.
    none: Vec<u64>,
    /// The last pattern row's bit in the last block.
    last_bit: u64,
}

impl PatternBits {
    fn new(pattern: &[char]) -> PatternBits {
        let blocks = pattern.len().div_ceil(64);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: HashMap<char, Vec<u64>> = HashMap::new();
        for (i, &c) in pattern.iter().enumerate() {
            let (block, bit) = (i / 64, 1u64 << (i % 64));
            if c.is_ascii() {
                ascii[c as usize * blocks + block] |= bit;
            } else {
                other.entry(c).or_insert_with(|| vec![0; blocks])[block] |= bit;
            }
        }
        PatternBits {
            blocks,
            ascii,
            other,
            none: vec![0; blocks],
            last_bit: 1u64 << ((pattern.len() - 1) % 64),
        }
    }

    /// The bits of `c`, one word per block.
    #[inline]
    fn row(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let at = c as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            self.other.get(&c).map_or(&self.none, Vec::as_slice)
        }
    }
}

/// One column step for one block (edlib's `calculateBlock`): updates the
/// vertical deltas and returns the horizontal delta out of the block's
/// `high` row, given the one coming in at its top.
#[inline]
fn step(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, high: u64) -> i32 {
    let hin_neg = u64::from(hin < 0);
    let xv = eq | *mv;
    let eq = eq | hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    mh |= hin_neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Every end position `e` (exclusive) at which some substring of `text`
/// ending at `e` is within `k` edits of `pattern`, with the least such
/// distance.
pub fn ends(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if pattern.is_empty() {
        return found;
    }
    let bits = PatternBits::new(pattern);
    let blocks = bits.blocks;
    let mut score = pattern.len() as i64;
    if blocks == 1 {
        // Most passages fit one word: no carries between blocks.
        let (mut pv, mut mv) = (!0u64, 0u64);
        for (j, &c) in text.iter().enumerate() {
            score += i64::from(step(&mut pv, &mut mv, bits.row(c)[0], 0, bits.last_bit));
            if score <= k as i64 {
                found.push((j + 1, score as usize));
            }
        }
        return found;
    }
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let last = blocks - 1;
    for (j, &c) in text.iter().enumerate() {
        let row = bits.row(c);
        let mut carry = 0;
        for b in 0..last {
            carry = step(&mut pv[b], &mut mv[b], row[b], carry, 1 << 63);
        }
        carry = step(
            &mut pv[last],
            &mut mv[last],
            row[last],
            carry,
            bits.last_bit,
        );
        score += i64::from(carry);
        if score <= k as i64 {
            found.push((j + 1, score as usize));
        }
    }
    found
}

/// The start of the best alignment of `pattern` ending exactly at `end`,
/// with its distance: among starts within `k` edits, the least distance,
/// then the length closest to the pattern's. The pattern and the text
/// before `end` are aligned backwards, in the band of `k` diagonals either
/// side (an alignment within `k` edits never leaves it): pattern × band
/// cells.
fn start_of(pattern: &[char], text: &[char], end: usize, k: usize) -> (usize, usize) {
    let m = pattern.len();
    let width = (m + k).min(end);
    let pattern: Vec<char> = pattern.iter().rev().copied().collect();
    let before: Vec<char> = text[end - width..end].iter().rev().copied().collect();
    let band = Band {
        diagonal: 0,
        half: k,
    };
    match align(&pattern, &before, band, Scoring::EDITS, Ends::Prefix, false) {
        Some(found) => (end - found.end.1, (-found.score as usize).min(m + k)),
        None => (end, m + k),
    }
}

/// Approximate occurrences of `pattern` in `text` within `k` edits: every
/// end position whose distance is the least within half a pattern's length
/// around it (so several alignments of one place may come back; the caller
/// picks among them by context). At most `limit` matches, fewest errors
/// first. Linear in the text (a sliding minimum) plus `limit` banded
/// alignments.
pub fn all_within(pattern: &[char], text: &[char], k: usize, limit: usize) -> Vec<Match> {
    let ends = ends(pattern, text, k);
    let spacing = (pattern.len() / 2).max(1);
    // `ends` is in text order: each end's neighbourhood is a window that
    // only moves right, whose least distance a monotonic queue keeps.
    let mut minima: Vec<(usize, usize)> = Vec::new();
    let mut window: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut next = 0;
    for &(end, errors) in &ends {
        while next < ends.len() && ends[next].0 <= end + spacing {
            while window.back().is_some_and(|&b| ends[b].1 >= ends[next].1) {
                window.pop_back();
            }
            window.push_back(next);
            next += 1;
        }
        while window.front().is_some_and(|&f| ends[f].0 + spacing < end) {
            window.pop_front();
        }
        let least = window.front().map_or(errors, |&f| ends[f].1);
        if errors == least {
            minima.push((end, errors));
        }
    }
    minima.sort_by_key(|&(end, errors)| (errors, end));
    minima.truncate(limit);
    minima
        .into_iter()
        .map(|(end, errors)| {
            let (start, found) = start_of(pattern, text, end, errors);
            Match {
                start,
                end,
                errors: found.min(errors),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Plain Sellers dynamic programming: the reference.
    fn naive_ends(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize)> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut found = Vec::new();
        for (j, &c) in text.iter().enumerate() {
            let mut next = vec![0; m + 1];
            for i in 1..=m {
                let cost = usize::from(pattern[i - 1] != c);
                next[i] = (col[i - 1] + cost).min(col[i] + 1).min(next[i - 1] + 1);
            }
            col = next;
            if col[m] <= k {
                found.push((j + 1, col[m]));
            }
        }
        found
    }

    #[test]
    fn finds_an_edited_phrase() {
        let text = chars("Pakistan closed the Torkham crossing to trade on 12 October.");
        let pattern = chars("closed the Torkam crosing");
        let found = all_within(&pattern, &text, 4, 8);
        let m = found[0];
        assert_eq!(m.errors, 2);
        let got: String = text[m.start..m.end].iter().collect();
        assert_eq!(got, "closed the Torkham crossing");
    }

    #[test]
    fn counts_code_points_not_bytes() {
        let text = chars("la frontière afghano‑pakistanaise est fermée");
        let pattern = chars("frontiere");
        let found = all_within(&pattern, &text, 2, 8);
        assert_eq!(found[0].errors, 1);
        assert_eq!((found[0].start, found[0].end), (3, 12));
    }

    #[test]
    fn long_patterns_span_several_blocks() {
        let sentence = "The Doha terms commit both sides not to support terrorist groups, but Pakistan wants a written security agreement and the Istanbul talks stalled on the issue. ";
        let text = chars(&format!("{sentence}{sentence}"));
        let mut edited = chars(sentence.trim_end());
        edited[40] = 'X';
        edited.remove(100);
        let found = all_within(&edited, &text, 20, 8);
        let mut places: Vec<Match> = Vec::new();
        for m in found {
            if places.iter().all(|p| m.end <= p.start || m.start >= p.end) {
                places.push(m);
            }
        }
        assert_eq!(places.len(), 2, "{places:?}");
        assert!(places.iter().all(|m| m.errors == 2), "{places:?}");
    }

    proptest! {
        #[test]
        fn agrees_with_plain_dynamic_programming(
            pattern in "[abc]{1,80}",
            text in "[abcd]{0,200}",
            k in 0usize..6,
        ) {
            let (pattern, text) = (chars(&pattern), chars(&text));
            prop_assert_eq!(ends(&pattern, &text, k), naive_ends(&pattern, &text, k));
        }

        /// Each end's start is the best one by brute force: least
        /// distance, then the length closest to the pattern's, then the
        /// shorter.
        #[test]
        fn starts_agree_with_brute_force(pattern in "[ab]{1,40}", text in "[abc]{0,90}") {
            let (pattern, text) = (chars(&pattern), chars(&text));
            let k = pattern.len() / 3;
            for (end, errors) in ends(&pattern, &text, k) {
                let m = pattern.len();
                let best = (0..=(m + errors).min(end))
                    .map(|j| {
                        let d = strsim::generic_levenshtein(&pattern, &text[end - j..end].to_vec());
                        (d, j.abs_diff(m), j)
                    })
                    .min()
                    .unwrap();
                prop_assert_eq!(start_of(&pattern, &text, end, errors), (end - best.2, best.0));
            }
        }

        #[test]
        fn starts_give_the_reported_distance(pattern in "[ab]{1,70}", text in "[abc]{0,150}") {
            let (pattern, text) = (chars(&pattern), chars(&text));
            let k = pattern.len() / 3;
            for m in all_within(&pattern, &text, k, 4) {
                let d = strsim::generic_levenshtein(&pattern, &text[m.start..m.end].to_vec());
                prop_assert_eq!(d, m.errors);
            }
        }
    }
}
