//! Every place each of many patterns occurs in a text, overlapping
//! occurrences included, in one pass over the text.
//!
//! Patterns of at least 16 bytes are found by their first 16 bytes (their
//! key): at each text position two 8-byte loads are tested against a small
//! bitset of the keys (it fits the L1 cache, so a position costs about a
//! nanosecond); the positions that pass are tested likewise on the next 16
//! bytes (a passage's first words alone are common), and the few left are
//! looked up among the keys, each pattern with that key compared whole. An
//! Aho–Corasick automaton with a thousand long patterns walks the text
//! several times slower. Shorter patterns go through the automaton (few
//! are short: a passage is words), and so does everything when comparing
//! grows costly (many patterns sharing their first bytes in a text made of
//! them).

use aho_corasick::AhoCorasick;

/// Bytes of a pattern's start looked for first (two 8-byte loads: a
/// passage's first word or two alone are common).
const KEY: usize = 16;
/// The bitset's size: 2^17 bits (16 KB).
const FILTER_BITS: u32 = 17;

/// What [`find_every`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EveryStart {
    /// For each pattern, in the order given: its starts (byte offsets,
    /// ascending), or `None` when it occurs more than the most asked for
    /// (or the pass was cut short).
    pub starts: Vec<Option<Vec<usize>>>,
    /// Occurrences reported until the pass ended.
    pub reports: usize,
}

/// Every start of each of `patterns` in `text`: the starts of a pattern
/// found at most `most` times, `None` for one found more often. The pass
/// stops at `budget` occurrences in all (patterns that overlap everywhere
/// can report at every position); then every pattern is `None`.
pub fn find_every(text: &str, patterns: &[&str], most: usize, budget: usize) -> EveryStart {
    let mut found = Tally::new(patterns.len(), most, budget);
    let long: Vec<usize> = (0..patterns.len())
        .filter(|&p| patterns[p].len() >= KEY)
        .collect();
    let short: Vec<usize> = (0..patterns.len())
        .filter(|&p| patterns[p].len() < KEY)
        .collect();
    if by_keys(text.as_bytes(), patterns, &long, &mut found) {
        by_automaton(text, patterns, &short, &mut found);
    } else {
        // Comparing got costly: the automaton's one pass is bounded.
        found = Tally::new(patterns.len(), most, budget);
        let all: Vec<usize> = (0..patterns.len()).collect();
        by_automaton(text, patterns, &all, &mut found);
    }
    let finished = !found.cut;
    let starts = found
        .starts
        .into_iter()
        .map(|mut list| {
            (finished && list.len() <= most).then(|| {
                list.sort_unstable();
                list
            })
        })
        .collect();
    EveryStart {
        starts,
        reports: found.reports,
    }
}

/// Starts found so far, within the budget.
struct Tally {
    starts: Vec<Vec<usize>>,
    most: usize,
    budget: usize,
    reports: usize,
    /// The budget ran out (or no automaton could be built).
    cut: bool,
}

impl Tally {
    fn new(patterns: usize, most: usize, budget: usize) -> Tally {
        Tally {
            starts: vec![Vec::new(); patterns],
            most,
            budget,
            reports: 0,
            cut: false,
        }
    }

    /// Records a start of pattern `p`; false when the budget is spent.
    fn report(&mut self, p: usize, start: usize) -> bool {
        if self.reports + 1 >= self.budget {
            self.cut = true;
            return false;
        }
        self.reports += 1;
        let list = &mut self.starts[p];
        // One more than the most says "too often"; the rest is not kept.
        if list.len() <= self.most {
            list.push(start);
        }
        true
    }
}

type Key = (u64, u64);

fn key_at(bytes: &[u8]) -> Key {
    let mut low = [0u8; 8];
    let mut high = [0u8; 8];
    low.copy_from_slice(&bytes[..8]);
    high.copy_from_slice(&bytes[8..KEY]);
    (u64::from_le_bytes(low), u64::from_le_bytes(high))
}

fn bucket((low, high): Key) -> usize {
    let mixed = low.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ high.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (mixed >> (64 - FILTER_BITS)) as usize
}

/// The patterns `which` (each at least [`KEY`] bytes) by their keys. False
/// when comparing grew costly (nothing is then known).
fn by_keys(text: &[u8], patterns: &[&str], which: &[usize], found: &mut Tally) -> bool {
    if which.is_empty() || text.len() < KEY {
        return true;
    }
    let mut keys: Vec<(Key, usize)> = which
        .iter()
        .map(|&p| (key_at(patterns[p].as_bytes()), p))
        .collect();
    keys.sort_unstable();
    // Which keys there are, and for the patterns of two keys' length or
    // more, which second keys (the next [`KEY`] bytes): a position passes
    // the first unless its bucket holds a shorter pattern ("open").
    let (mut first, mut second, mut open) = (Bits::new(), Bits::new(), Bits::new());
    for &(key, p) in &keys {
        first.set(bucket(key));
        match patterns[p].as_bytes().get(KEY..2 * KEY) {
            Some(next) => second.set(bucket(key_at(next))),
            None => open.set(bucket(key)),
        }
    }
    // Bytes compared beyond the keys: a few per text byte is cheap; many
    // patterns sharing their start in a text made of it are not.
    let mut comparing = text.len().saturating_mul(4);
    for (at, window) in text.windows(KEY).enumerate() {
        let key = key_at(window);
        let b = bucket(key);
        if !first.has(b) {
            continue;
        }
        if !open.has(b) {
            match text.get(at + KEY..at + 2 * KEY) {
                Some(next) if second.has(bucket(key_at(next))) => {}
                _ => continue,
            }
        }
        let from = keys.partition_point(|&(k, _)| k < key);
        for &(k, p) in &keys[from..] {
            if k != key {
                break;
            }
            let pattern = patterns[p].as_bytes();
            comparing = match comparing.checked_sub(pattern.len()) {
                Some(left) => left,
                None => return false,
            };
            if text[at..].starts_with(pattern) && !found.report(p, at) {
                return true;
            }
        }
    }
    true
}

/// A set of buckets, 2^[`FILTER_BITS`] bits.
struct Bits(Vec<u64>);

impl Bits {
    fn new() -> Bits {
        Bits(vec![0; 1 << (FILTER_BITS - 6)])
    }

    fn set(&mut self, b: usize) {
        self.0[b / 64] |= 1 << (b % 64);
    }

    #[inline]
    fn has(&self, b: usize) -> bool {
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// The patterns `which` by one overlapping Aho–Corasick pass.
fn by_automaton(text: &str, patterns: &[&str], which: &[usize], found: &mut Tally) {
    if which.is_empty() || found.cut {
        return;
    }
    let Ok(searcher) = AhoCorasick::new(which.iter().map(|&p| patterns[p])) else {
        found.cut = true;
        return;
    };
    for hit in searcher.find_overlapping_iter(text) {
        if !found.report(which[hit.pattern().as_usize()], hit.start()) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every start of `pattern`, by trying each position.
    fn naive(text: &str, pattern: &str) -> Vec<usize> {
        (0..=text.len().saturating_sub(pattern.len()))
            .filter(|&i| text.as_bytes()[i..].starts_with(pattern.as_bytes()))
            .collect()
    }

    #[test]
    fn long_and_short_patterns_overlapping_and_multibyte() {
        let text = "Grenzübergang Grenzübergang übergangübergang bei Torkham";
        let patterns = ["übergang", "Grenzübergang Grenz", "bei", "nowhere at all"];
        let found = find_every(text, &patterns, 10, usize::MAX);
        assert_eq!(found.starts[0], Some(vec![5, 20, 30, 39]));
        assert_eq!(found.starts[1], Some(vec![0]));
        assert_eq!(found.starts[2], Some(vec![49]));
        assert_eq!(found.starts[3], Some(vec![]));
    }

    #[test]
    fn a_pattern_found_too_often_is_none() {
        let text = "one two one two one two one two";
        let found = find_every(text, &["one two ", "two"], 2, usize::MAX);
        assert_eq!(found.starts, vec![None, None]);
        let found = find_every(text, &["one two ", "two"], 3, usize::MAX);
        assert_eq!(found.starts, vec![Some(vec![0, 8, 16]), None]);
    }

    #[test]
    fn many_patterns_sharing_their_start_cost_a_bounded_pass() {
        // 'a' × k for k up to 300 in 300,000 'a's: every position starts
        // every pattern. The budget stops the pass, and nothing is known.
        let text = "a".repeat(300_000);
        let owned: Vec<String> = (1..=300).map(|k| "a".repeat(k)).collect();
        let patterns: Vec<&str> = owned.iter().map(String::as_str).collect();
        let found = find_every(&text, &patterns, 1000, 2 * text.len());
        assert!(found.reports <= 2 * text.len());
        assert!(found.starts.iter().all(Option::is_none));
    }

    proptest! {
        #[test]
        fn agrees_with_trying_each_position(
            text in "[ab é]{0,120}",
            patterns in proptest::collection::vec("[ab é]{1,12}", 1..12),
            most in 0usize..40,
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let found = find_every(&text, &patterns, most, usize::MAX);
            for (pattern, starts) in patterns.iter().zip(&found.starts) {
                let all = naive(&text, pattern);
                let expected = (all.len() <= most).then_some(all);
                prop_assert_eq!(starts, &expected);
            }
        }

        /// Patterns long enough for one key or two, taken from the text
        /// (so they occur, often overlapping) or made up.
        #[test]
        fn long_patterns_agree_with_trying_each_position(
            text in "[ab é]{0,400}",
            cuts in proptest::collection::vec((0usize..400, 1usize..60), 1..10),
            made_up in proptest::collection::vec("[ab é]{14,40}", 0..4),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let mut owned: Vec<String> = cuts
                .iter()
                .filter(|&&(at, _)| at < chars.len())
                .map(|&(at, len)| chars[at..(at + len).min(chars.len())].iter().collect())
                .collect();
            owned.extend(made_up);
            let patterns: Vec<&str> = owned.iter().map(String::as_str).collect();
            let found = find_every(&text, &patterns, usize::MAX, usize::MAX);
            for (pattern, starts) in patterns.iter().zip(&found.starts) {
                prop_assert_eq!(starts, &Some(naive(&text, pattern)), "{:?}", pattern);
            }
        }

        /// Cut short or not exactly when the automaton alone would be.
        #[test]
        fn the_budget_cuts_as_one_automaton_pass_would(
            text in "[ab]{0,200}",
            patterns in proptest::collection::vec("[ab]{1,3}|[ab]{16,40}", 1..8),
            budget in 1usize..200,
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let total: usize = patterns.iter().map(|p| naive(&text, p).len()).sum();
            let found = find_every(&text, &patterns, usize::MAX, budget);
            prop_assert_eq!(found.starts.iter().all(Option::is_some), total < budget);
        }
    }
}
