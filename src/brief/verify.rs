//! Checking that each quote occurs in its source.
//!
//! Quote and source are compared in folded form (see [`crate::text::fold`]).
//! An elision mark in a quote (`…`, a free-standing `...`, `[…]`, `[...]`)
//! splits it into parts that must occur in order, each gap at most
//! [`MAX_GAP_CHARS`] characters. Leading and trailing elision marks only say
//! that the quote starts or ends mid-sentence and are ignored.
//!
//! All quotes of one source are checked together: the source is folded once
//! and scanned once for the first parts of all of them (by their first
//! bytes, in a table that rejects nearly every position at once), so the
//! cost is linear in the source plus the matches, however many quotes cite
//! it.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use memchr::memmem;

use crate::text::fold::{Folded, fold, fold_mapped};

/// The largest gap an elision may stand for, in characters.
pub const MAX_GAP_CHARS: usize = 1000;

/// How many leading bytes of each quote's first part are looked up at each
/// position of the source.
const PREFIX_BYTES: usize = 16;

/// The outcome for one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Byte ranges of the parts in the source's original text.
    Found(Vec<Range<usize>>),
    /// Not in the source; the reason is given when it is more than absence.
    NotFound(Option<String>),
}

/// Splits a folded quote at its elision marks.
pub fn split_parts(folded: &str) -> Result<Vec<&str>, String> {
    let mut parts = vec![folded];
    for mark in ["[\u{2026}]", "[...]", "\u{2026}", " ... "] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(mark))
            .collect::<Vec<_>>();
    }
    // A free-standing `...` at either end of a part.
    let parts: Vec<&str> = parts
        .into_iter()
        .map(|p| {
            let p = p.trim();
            let p = if p == "..." { "" } else { p };
            let p = p.strip_prefix("... ").unwrap_or(p);
            p.strip_suffix(" ...").unwrap_or(p).trim()
        })
        .collect();
    let first = parts.iter().position(|p| !p.is_empty());
    let last = parts.iter().rposition(|p| !p.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Err("the quote is empty".to_string());
    };
    let parts = &parts[first..=last];
    if parts.iter().any(|p| p.is_empty()) {
        return Err("two elision marks with nothing between them".to_string());
    }
    Ok(parts.to_vec())
}

/// Checks every quote in `quotes` against `source`, in one pass over it.
pub fn verify_quotes(source: &str, quotes: &[&str]) -> Vec<QuoteMatch> {
    verify_in_folded(&fold_mapped(source), source, quotes)
}

/// [`verify_quotes`] with the source already folded (`haystack`, with its
/// map), so a caller can look into it again for quotes not found.
pub fn verify_in_folded(haystack: &Folded, source: &str, quotes: &[&str]) -> Vec<QuoteMatch> {
    let folded: Vec<String> = quotes.iter().map(|q| fold(q)).collect();
    let split: Vec<Result<Vec<&str>, String>> = folded.iter().map(|q| split_parts(q)).collect();

    let firsts: Vec<&str> = split
        .iter()
        .filter_map(|s| s.as_ref().ok().map(|parts| parts[0]))
        .collect();
    let occurrences = first_part_occurrences(&haystack.text, &firsts, &split);

    let mut next_first = 0;
    split
        .iter()
        .map(|parts| match parts {
            Err(reason) => QuoteMatch::NotFound(Some(reason.clone())),
            Ok(parts) => {
                let starts = &occurrences[next_first];
                next_first += 1;
                match place_parts(&haystack.text, parts, starts) {
                    Some(ranges) => QuoteMatch::Found(
                        ranges
                            .into_iter()
                            .map(|r| trimmed_original(haystack, source, r))
                            .collect(),
                    ),
                    None => QuoteMatch::NotFound(None),
                }
            }
        })
        .collect()
}

/// For each first part, where it starts in `text`: only the first place for
/// quotes without elisions, every place for quotes with them.
fn first_part_occurrences(
    text: &str,
    firsts: &[&str],
    split: &[Result<Vec<&str>, String>],
) -> Vec<Vec<usize>> {
    // Several quotes may begin with the same words: search each once.
    let mut unique: Vec<&str> = Vec::new();
    let mut wants_all: Vec<bool> = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let elided = split
        .iter()
        .filter_map(|s| s.as_ref().ok().map(|parts| parts.len() > 1));
    let pattern_of: Vec<usize> = firsts
        .iter()
        .zip(elided)
        .map(|(&first, elided)| {
            let i = *index_of.entry(first).or_insert_with(|| {
                unique.push(first);
                wants_all.push(false);
                unique.len() - 1
            });
            wants_all[i] |= elided;
            i
        })
        .collect();

    let found = by_prefixes(text, &unique, &wants_all)
        .unwrap_or_else(|| by_whole_parts(text, &unique, &wants_all));
    pattern_of.into_iter().map(|i| found[i].clone()).collect()
}

/// Where each of `parts` starts in `text` (every place when `wants_all`,
/// else the first).
///
/// A part of at least [`PREFIX_BYTES`] is looked for by its first
/// [`PREFIX_BYTES`], its anchor: one pass over the text reads the anchor-long
/// window at each position, a bit table of the anchors' hashes rejects
/// nearly every window at the cost of a multiplication, and a window whose
/// anchor is a part's is confirmed by comparing the whole part. Shorter
/// parts are searched for on their own (they are few). In a repetitive
/// text, confirming hits could take quadratic time; past a budget linear in
/// the text this gives up (`None`).
fn by_prefixes(text: &str, parts: &[&str], wants_all: &[bool]) -> Option<Vec<Vec<usize>>> {
    let (long, short): (Vec<usize>, Vec<usize>) =
        (0..parts.len()).partition(|&i| parts[i].len() >= PREFIX_BYTES);
    let mut found = by_anchors(text, parts, wants_all, &long)?;
    if short.len() <= SHORT_SCANS {
        for i in short {
            let hits = memmem::find_iter(text.as_bytes(), parts[i].as_bytes());
            found[i] = if wants_all[i] {
                hits.collect()
            } else {
                hits.take(1).collect()
            };
        }
    } else {
        let patterns: Vec<&str> = short.iter().map(|&i| parts[i]).collect();
        let all: Vec<bool> = short.iter().map(|&i| wants_all[i]).collect();
        for (i, hits) in short.into_iter().zip(by_whole_parts(text, &patterns, &all)) {
            found[i] = hits;
        }
    }
    Some(found)
}

/// Parts shorter than [`PREFIX_BYTES`] up to which each is searched for by
/// a scan of its own rather than all in one automaton.
const SHORT_SCANS: usize = 8;

/// Bits of an anchor's hash that index the table of [`by_anchors`]: 2^18
/// bits, 32 KiB, stay in a core's cache and leave few false hits for some
/// thousands of anchors.
const TABLE_BITS: u32 = 18;

fn anchor(bytes: &[u8]) -> u128 {
    u128::from_le_bytes(bytes[..PREFIX_BYTES].try_into().expect("an anchor"))
}

/// The table slot of an anchor: one multiplication a position.
fn anchor_slot(anchor: u128) -> usize {
    let folded = (anchor as u64) ^ ((anchor >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
}

fn has_slot(table: &[u64], slot: usize) -> bool {
    table[slot >> 6] & (1 << (slot & 63)) != 0
}

/// [`by_prefixes`] for the parts `members` (each at least
/// [`PREFIX_BYTES`] long); others are left without places.
fn by_anchors(
    text: &str,
    parts: &[&str],
    wants_all: &[bool],
    members: &[usize],
) -> Option<Vec<Vec<usize>>> {
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); parts.len()];
    if members.is_empty() || text.len() < PREFIX_BYTES {
        return Some(found);
    }
    let mut parts_of: HashMap<u128, Vec<usize>> = HashMap::new();
    let mut table = vec![0u64; 1 << (TABLE_BITS - 6)];
    for &i in members {
        let key = anchor(parts[i].as_bytes());
        parts_of.entry(key).or_default().push(i);
        let slot = anchor_slot(key);
        table[slot >> 6] |= 1 << (slot & 63);
    }
    // Parts still unplaced that need only their first place: when none
    // is left and no part wants every place, the rest of the text is moot.
    let any_all = members.iter().any(|&i| wants_all[i]);
    let mut unplaced = members.len();
    let bytes = text.as_bytes();
    // Bytes that confirming may compare before giving up.
    let mut budget = 8 * bytes.len() + members.iter().map(|&i| parts[i].len()).sum::<usize>();
    for (start, window) in bytes.windows(PREFIX_BYTES).enumerate() {
        let key = anchor(window);
        if !has_slot(&table, anchor_slot(key)) {
            continue;
        }
        let Some(candidates) = parts_of.get(&key) else {
            continue;
        };
        for &i in candidates {
            if wants_all[i] || found[i].is_empty() {
                budget = budget.checked_sub(parts[i].len())?;
                if bytes[start..].starts_with(parts[i].as_bytes()) {
                    if found[i].is_empty() {
                        unplaced -= 1;
                    }
                    found[i].push(start);
                }
            }
        }
        if unplaced == 0 && !any_all {
            break;
        }
    }
    Some(found)
}

/// Like [`by_prefixes`], with whole parts in the automaton: linear in the
/// text and the matches, whatever the text.
fn by_whole_parts(text: &str, parts: &[&str], wants_all: &[bool]) -> Vec<Vec<usize>> {
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); parts.len()];
    match automaton(parts) {
        Some(automaton) => {
            for hit in automaton.find_overlapping_iter(text) {
                let i = hit.pattern().as_usize();
                if wants_all[i] || found[i].is_empty() {
                    found[i].push(hit.start());
                }
            }
        }
        // Too many patterns for the automaton: one scan each instead.
        None => {
            for (i, pattern) in parts.iter().enumerate() {
                let hits = memmem::find_iter(text.as_bytes(), pattern.as_bytes());
                found[i] = if wants_all[i] {
                    hits.collect()
                } else {
                    hits.take(1).collect()
                };
            }
        }
    }
    found
}

/// An automaton for overlapping search, unless there are too many patterns.
fn automaton<P: AsRef<[u8]>>(patterns: &[P]) -> Option<AhoCorasick> {
    // A contiguous NFA builds fast and scans well for a few thousand
    // patterns; a DFA would take longer to build than the scan saves.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .ok()
}

/// Finds a placement of all parts, the first at one of `starts`, each next
/// part after the previous within the allowed gap. Returns folded ranges.
fn place_parts(text: &str, parts: &[&str], starts: &[usize]) -> Option<Vec<Range<usize>>> {
    let first_len = parts[0].len();
    if parts.len() == 1 {
        return starts
            .first()
            .map(|&s| std::iter::once(s..s + first_len).collect());
    }
    // Dynamic programming over the parts: `reach[k]` holds, for each feasible
    // placement of part k, its range and the placement of part k-1 it
    // continues, so a full chain can be read back from the last part.
    let mut reach: Vec<Vec<(Range<usize>, usize)>> = vec![
        starts
            .iter()
            .map(|&s| (s..s + first_len, usize::MAX))
            .collect(),
    ];
    for part in &parts[1..] {
        let previous = reach.last().expect("at least the first part");
        if previous.is_empty() {
            return None;
        }
        let mut next: Vec<(Range<usize>, usize)> = Vec::new();
        let finder = memmem::Finder::new(part.as_bytes());
        // Scan the union of windows once, in order.
        let mut scanned_to = 0;
        for (range, _) in previous {
            let from = range.end.max(scanned_to);
            let limit = (range.end + MAX_GAP_CHARS * 4 + part.len()).min(text.len());
            if from >= limit {
                continue;
            }
            for offset in finder.find_iter(&text.as_bytes()[from..limit]) {
                let start = from + offset;
                // The closest earlier end gives the smallest gap.
                let closest = previous.partition_point(|(r, _)| r.end <= start);
                let Some(best) = closest.checked_sub(1) else {
                    continue;
                };
                let gap = &text.as_bytes()[previous[best].0.end..start];
                if gap_chars(gap) <= MAX_GAP_CHARS {
                    next.push((start..start + part.len(), best));
                }
            }
            scanned_to = limit;
        }
        reach.push(next);
    }
    let last = reach.last()?.first()?.clone();
    let mut chain = vec![last.0.clone()];
    let mut back = last.1;
    for level in reach.iter().rev().skip(1) {
        let (range, previous) = level[back].clone();
        chain.push(range);
        back = previous;
    }
    chain.reverse();
    Some(chain)
}

fn gap_chars(gap: &[u8]) -> usize {
    if gap.len() <= MAX_GAP_CHARS {
        return gap.len();
    }
    // Count characters by their first bytes (the gap lies on char boundaries).
    gap.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn trimmed_original(folded: &Folded, source: &str, range: Range<usize>) -> Range<usize> {
    let original = folded.original_range(range);
    let text = &source[original.clone()];
    let trimmed_end = text.trim_end().len();
    original.start..original.start + trimmed_end
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Pakistan\u{2019}s defense minister said: \u{201C}Terrorism from \
        Afghanistan on Pakistan\u{2019}s soil will be stopped immediately.\u{201D}\n\n\
        Talks resumed in Istanbul \u{2014} without result \u{2014} in November.";

    fn check(quote: &str) -> QuoteMatch {
        verify_quotes(SOURCE, &[quote]).remove(0)
    }

    fn found(quote: &str) -> Vec<&'static str> {
        match check(quote) {
            QuoteMatch::Found(ranges) => ranges.into_iter().map(|r| &SOURCE[r]).collect(),
            other => panic!("{quote:?} should be found, got {other:?}"),
        }
    }

    #[test]
    fn quote_matching_table() {
        // (quote, found?)
        let cases: &[(&str, bool)] = &[
            ("Terrorism from Afghanistan", true),
            ("Pakistan's soil will be stopped", true),
            ("\"Terrorism from Afghanistan", true),
            ("immediately.\"   Talks\nresumed", true),
            ("Istanbul - without result - in November", true),
            ("  Talks resumed  ", true),
            ("terrorism from afghanistan", false),
            ("Talks resumed in Ankara", false),
            ("Terrorism … stopped immediately", true),
            ("Terrorism ... stopped immediately", true),
            ("Terrorism [...] stopped immediately", true),
            ("Terrorism […] stopped", true),
            ("… soil will be stopped …", true),
            ("stopped immediately … Terrorism", false),
            ("Terrorism … … stopped", false),
            ("…", false),
            ("", false),
            ("Terrorism...from", false),
        ];
        for &(quote, want) in cases {
            let got = matches!(check(quote), QuoteMatch::Found(_));
            assert_eq!(got, want, "quote {quote:?}");
        }
    }

    #[test]
    fn found_ranges_point_at_the_original_words() {
        assert_eq!(
            found("Pakistan's soil"),
            ["Pakistan\u{2019}s soil"],
            "typographic apostrophe in the source"
        );
        assert_eq!(
            found("immediately.\" Talks"),
            ["immediately.\u{201D}\n\nTalks"]
        );
        assert_eq!(
            found("Terrorism … Pakistan's soil"),
            ["Terrorism", "Pakistan\u{2019}s soil"]
        );
    }

    #[test]
    fn gaps_longer_than_the_limit_fail() {
        let filler = "x ".repeat(MAX_GAP_CHARS);
        let source = format!("alpha {filler}omega");
        let near = format!("alpha {} omega", "y ".repeat(10));
        assert_eq!(
            verify_quotes(&source, &["alpha … omega"]),
            [QuoteMatch::NotFound(None)]
        );
        assert!(matches!(
            verify_quotes(&near, &["alpha … omega"])[0],
            QuoteMatch::Found(_)
        ));
    }

    #[test]
    fn a_later_first_part_can_satisfy_the_gap() {
        // The first `alpha` is too far from `omega`; the second is close.
        let source = format!("alpha {} alpha beta omega", "z ".repeat(MAX_GAP_CHARS));
        assert!(matches!(
            verify_quotes(&source, &["alpha … omega"])[0],
            QuoteMatch::Found(_)
        ));
    }

    #[test]
    fn many_quotes_share_one_scan_and_each_gets_its_answer() {
        let quotes = ["defense minister", "defense minister", "Istanbul", "Kabul"];
        let got = verify_quotes(SOURCE, &quotes);
        assert!(matches!(got[0], QuoteMatch::Found(_)));
        assert_eq!(got[0], got[1]);
        assert!(matches!(got[2], QuoteMatch::Found(_)));
        assert_eq!(got[3], QuoteMatch::NotFound(None));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one quote part
    fn quotes_sharing_a_long_prefix_are_told_apart() {
        let common = "x".repeat(PREFIX_BYTES + 8);
        let source = format!("{common} one. {common} two. {common} three … tail");
        let quotes = [
            format!("{common} two"),
            format!("{common} one"),
            format!("{common} four"),
            format!("{common} two … {common} three"),
            common[..PREFIX_BYTES - 1].to_string(),
        ];
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let got = verify_quotes(&source, &quotes);
        let two = source.find(" two").unwrap();
        let one = source.find(" one").unwrap();
        assert_eq!(got[0], QuoteMatch::Found(vec![two - common.len()..two + 4]));
        assert_eq!(got[1], QuoteMatch::Found(vec![0..one + 4]));
        assert_eq!(got[2], QuoteMatch::NotFound(None));
        assert!(
            matches!(&got[3], QuoteMatch::Found(r) if r.len() == 2),
            "{:?}",
            got[3]
        );
        assert_eq!(got[4], QuoteMatch::Found(vec![0..PREFIX_BYTES - 1]));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one quote part
    fn repetitive_text_stays_linear() {
        // Every position of the source starts the quotes' prefix; comparing
        // each whole quote at each of them would be quadratic.
        let source = "a".repeat(200_000);
        let long = "a".repeat(20_000);
        let missing = format!("{long}b");
        let elided = format!("{long} … {long}");
        let started = std::time::Instant::now();
        let got = verify_quotes(&source, &[&missing, &long, &elided]);
        assert_eq!(got[0], QuoteMatch::NotFound(None));
        assert_eq!(got[1], QuoteMatch::Found(vec![0..20_000]));
        assert!(matches!(&got[2], QuoteMatch::Found(r) if r.len() == 2));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        // The prefix search gives up, the whole-part search answers the same.
        let parts = [missing.as_str(), long.as_str()];
        assert_eq!(by_prefixes(&source, &parts, &[false, true]), None);
        assert_eq!(
            by_whole_parts(&source, &parts, &[false, false]),
            [vec![], vec![0]]
        );
    }

    /// Each quote on its own, its first part's places found by trying
    /// every position: the plain definition the one-pass search must match.
    fn verify_simply(source: &str, quotes: &[&str]) -> Vec<QuoteMatch> {
        let haystack = fold_mapped(source);
        let text = haystack.text.as_bytes();
        quotes
            .iter()
            .map(|quote| {
                let folded = fold(quote);
                let parts = match split_parts(&folded) {
                    Ok(parts) => parts,
                    Err(reason) => return QuoteMatch::NotFound(Some(reason)),
                };
                let first = parts[0].as_bytes();
                let mut starts = (0..text.len()).filter(|&at| text[at..].starts_with(first));
                let starts: Vec<usize> = if parts.len() > 1 {
                    starts.collect()
                } else {
                    starts.next().into_iter().collect()
                };
                match place_parts(&haystack.text, &parts, &starts) {
                    Some(ranges) => QuoteMatch::Found(
                        ranges
                            .into_iter()
                            .map(|r| trimmed_original(&haystack, source, r))
                            .collect(),
                    ),
                    None => QuoteMatch::NotFound(None),
                }
            })
            .collect()
    }

    #[test]
    fn one_pass_search_agrees_with_trying_every_position() {
        // Few words, so that many quotes share their first bytes and the
        // text repeats; typographic characters and runs of whitespace, so
        // that folding moves offsets.
        let words = [
            "border",
            "talks",
            "of",
            "a",
            "Pakistan\u{2019}s",
            "\u{201C}forced",
            "\u{2014}",
            "cooperation\u{201D}",
            "caf\u{e9}",
            "x\u{AD}y",
            "\u{2026}",
            "...",
            "cafe\u{301}",
        ];
        let gaps = [" ", " ", " ", "  ", "\n\n", " \u{A0}"];
        let mut rng = fastrand::Rng::with_seed(9);
        let mut found = [0; 3];
        for round in 0..60 {
            let mut source = String::new();
            // A decomposed accent sends folding off its fast path.
            let words = if round % 3 == 0 {
                &words[..]
            } else {
                &words[..9]
            };
            for _ in 0..rng.usize(50..400) {
                source.push_str(words[rng.usize(..words.len())]);
                source.push_str(gaps[rng.usize(..gaps.len())]);
            }
            let cuts: Vec<usize> = source.char_indices().map(|(i, _)| i).collect();
            let mut quotes: Vec<String> = (0..rng.usize(1..40))
                .map(|_| {
                    let from = cuts[rng.usize(..cuts.len())];
                    let mut to = (from + rng.usize(1..60)).min(source.len());
                    while !source.is_char_boundary(to) {
                        to -= 1;
                    }
                    let mut quote = source[from..to].to_string();
                    match rng.u8(0..6) {
                        0 => quote.push_str(" \u{2026} talks"),
                        1 => quote.push_str(" \u{2026} Pakistan's"),
                        2 => quote.insert_str(0, "a "),
                        _ => {}
                    }
                    quote
                })
                .collect();
            quotes.push("border talks of a border".to_string());
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            let got = verify_quotes(&source, &quotes);
            assert_eq!(
                got,
                verify_simply(&source, &quotes),
                "round {round}: {source:?} {quotes:?}"
            );
            for outcome in got {
                match outcome {
                    QuoteMatch::Found(ranges) => found[usize::from(ranges.len() > 1)] += 1,
                    QuoteMatch::NotFound(_) => found[2] += 1,
                }
            }
        }
        // Quotes of one part and of several were found, and some were not.
        assert!(found.iter().all(|&n| n > 50), "{found:?}");
    }

    #[test]
    fn the_bundled_brief_verifies_as_by_trying_every_position() {
        let brief = crate::brief::load_bundled()
            .brief
            .expect("the bundled brief");
        let mut checked = 0;
        for (s, source) in brief.sources.iter().enumerate() {
            let Some(text) = &source.text else { continue };
            let quotes: Vec<&str> = brief
                .excerpts
                .iter()
                .filter(|e| e.source == s)
                .map(|e| e.quote.as_str())
                .collect();
            let got = verify_quotes(text, &quotes);
            assert_eq!(got, verify_simply(text, &quotes), "source {}", source.id);
            checked += got.len();
        }
        assert!(checked > 10, "only {checked} quotes checked");
    }

    #[test]
    fn explains_malformed_elisions() {
        assert_eq!(
            check("a … … b"),
            QuoteMatch::NotFound(Some("two elision marks with nothing between them".into()))
        );
        assert_eq!(
            check(" … "),
            QuoteMatch::NotFound(Some("the quote is empty".into()))
        );
    }
}
