//! Typographic folding: the normal form in which quotes are compared with
//! their sources (and, later, in which search matches).
//!
//! Both sides are put through the same steps: Unicode NFC; soft hyphens and
//! zero-width characters removed; every run of whitespace folded to one
//! space; leading and trailing space trimmed; curly quotes, guillemets and
//! dashes folded to their ASCII forms. Case is kept.
//!
//! [`fold_mapped`] also records, for every byte of the folded text, where the
//! character that produced it starts in the original, so a match found in
//! folded text can be shown at its place in the original.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Text in folded form, with an optional map back to the original.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    pub text: String,
    /// The map from folded bytes to the original, as runs in folded order:
    /// folded byte `i` of a run came from the character that starts at
    /// `original + (i - folded)` (a linear run) or at `original` (one
    /// character folded to several bytes). A last run, at the folded
    /// text's end, holds the original's length. Empty when no map was asked
    /// for. Most of a text is copied through unchanged, so there are few
    /// runs, not an entry per byte.
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    folded: u32,
    original: u32,
    linear: bool,
}

impl Folded {
    /// The byte range in the original text that folded bytes `range` came
    /// from. Requires a map (see [`fold_mapped`]).
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.origin(range.start);
        let end = self.origin(range.end);
        start..end.max(start)
    }

    /// Where in the original the character that produced folded byte `at`
    /// starts (the original's length for the folded text's end).
    fn origin(&self, at: usize) -> usize {
        let after = self.runs.partition_point(|run| run.folded as usize <= at);
        let run = self.runs[after.checked_sub(1).expect("a map starts at 0")];
        let offset = if run.linear {
            at - run.folded as usize
        } else {
            0
        };
        run.original as usize + offset
    }
}

/// Records in `runs` that folded bytes `folded..folded + len` came from the
/// original at `original` (each from the next byte when `linear`, else all
/// from there).
fn record(runs: &mut Vec<Run>, folded: usize, original: usize, len: usize, linear: bool) {
    let (folded, original) = (folded as u32, original as u32);
    if let Some(last) = runs.last() {
        let predicted = if last.linear {
            last.original.wrapping_add(folded.wrapping_sub(last.folded))
        } else {
            last.original
        };
        // The last run already gives these bytes' origin.
        if predicted == original && (linear == last.linear || len == 1) {
            return;
        }
    }
    runs.push(Run {
        folded,
        original,
        linear: linear || len == 1,
    });
}

fn removed(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2212}' | '\u{2010}' => '-',
        c => c,
    }
}

struct Folder<'m> {
    out: String,
    origin: Option<&'m mut Vec<Run>>,
    pending_space: Option<usize>,
}

impl Folder<'_> {
    fn push(&mut self, c: char, at: usize) {
        if removed(c) {
            return;
        }
        if c.is_whitespace() {
            if self.pending_space.is_none() {
                self.pending_space = Some(at);
            }
            return;
        }
        if let Some(space_at) = self.pending_space.take()
            && !self.out.is_empty()
        {
            self.emit(' ', space_at);
        }
        self.emit(fold_char(c), at);
    }

    /// Pushes `run`, which starts at `at` and holds only ASCII characters
    /// that pass through folding unchanged: no whitespace but single spaces
    /// between other characters.
    fn push_plain_ascii(&mut self, run: &str, at: usize) {
        if let Some(space_at) = self.pending_space.take()
            && !self.out.is_empty()
        {
            self.emit(' ', space_at);
        }
        if let Some(runs) = self.origin.as_deref_mut() {
            record(runs, self.out.len(), at, run.len(), true);
        }
        self.out.push_str(run);
    }

    fn emit(&mut self, c: char, at: usize) {
        if let Some(runs) = self.origin.as_deref_mut() {
            record(runs, self.out.len(), at, c.len_utf8(), false);
        }
        self.out.push(c);
    }
}

/// An ASCII character that folding keeps as it is: not whitespace (ASCII
/// has no removed or typographic characters).
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ')
}

/// How many bytes from `at` on folding copies through unchanged: plain
/// ASCII characters and single spaces between them.
fn unchanged_run(bytes: &[u8], at: usize) -> usize {
    if !bytes.get(at).is_some_and(|&b| is_plain_ascii(b)) {
        return 0;
    }
    let mut end = at + 1;
    // Eight bytes at a time while they certainly pass; the byte after a
    // space accepted is plain, so a block may start with a space.
    while let Some(block) = bytes.get(end..end + 9) {
        let word = u64::from_le_bytes(block[..8].try_into().expect("eight bytes"));
        if !block_unchanged(word, block[8]) {
            break;
        }
        end += 8;
    }
    while let Some(&b) = bytes.get(end) {
        if is_plain_ascii(b) {
            end += 1;
        } else if b == b' ' && bytes.get(end + 1).is_some_and(|&n| is_plain_ascii(n)) {
            end += 2;
        } else {
            break;
        }
    }
    end - at
}

/// Whether eight bytes (`word`, little-endian), followed by `next`, fold
/// to themselves: all ASCII at or above the space, and every space
/// followed by a plain character. May say no when they do (the bytes are
/// then looked at one by one), never yes when they do not.
fn block_unchanged(word: u64, next: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20, or with its high bit set: exact as a yes or no.
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    if (word & HIGHS) | below_space != 0 {
        return false;
    }
    // Spaces, as zero bytes of `word ^ spaces` (a byte just above a space
    // may be marked too, which only sends the block the slow way).
    let x = word ^ (ONES * 0x20);
    let spaces = x.wrapping_sub(ONES) & !x & HIGHS;
    let last_is_space = word >> 56 == 0x20;
    spaces & (spaces >> 8) == 0 && (!last_is_space || is_plain_ascii(next))
}

/// Whether `text` is certainly in NFC, as [`is_nfc_quick`] says, looking
/// only at its runs of non-ASCII characters (an ASCII character is in NFC
/// and starts afresh the order of combining marks).
fn is_nfc_fast(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        // Skip ASCII a block at a time.
        while bytes.len() - at >= 32 && bytes[at..at + 32].is_ascii() {
            at += 32;
        }
        let Some(start) = bytes[at..].iter().position(|b| !b.is_ascii()) else {
            return true;
        };
        let start = at + start;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        if is_nfc_quick(text[start..end].chars()) != IsNormalized::Yes {
            return false;
        }
        at = end;
    }
}

fn fold_into(text: &str, origin: Option<&mut Vec<Run>>) -> String {
    let mut folder = Folder {
        out: String::with_capacity(text.len()),
        origin,
        pending_space: None,
    };
    if is_nfc_fast(text) {
        // Most of a text is words and single spaces, copied through in bulk.
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let run = unchanged_run(bytes, at);
            if run > 0 {
                folder.push_plain_ascii(&text[at..at + run], at);
                at += run;
                continue;
            }
            let c = text[at..].chars().next().expect("not at the end");
            folder.push(c, at);
            at += c.len_utf8();
        }
    } else {
        // Composition never crosses a grapheme cluster boundary, so each
        // cluster can be normalised on its own and mapped to its start.
        for (at, cluster) in text.grapheme_indices(true) {
            if cluster.is_ascii() {
                for (i, c) in cluster.char_indices() {
                    folder.push(c, at + i);
                }
            } else {
                for c in cluster.nfc() {
                    folder.push(c, at);
                }
            }
        }
    }
    let end = folder.out.len();
    if let Some(runs) = folder.origin.as_deref_mut() {
        record(runs, end, text.len(), 1, true);
    }
    folder.out
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    fold_into(text, None)
}

/// The folded form of `text` with a map back to the original.
pub fn fold_mapped(text: &str) -> Folded {
    let mut runs = Vec::new();
    let text = fold_into(text, Some(&mut runs));
    Folded { text, runs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let cases = [
            ("  a \n\t b  ", "a b"),
            ("Pakistan\u{2019}s", "Pakistan's"),
            (
                "\u{201C}forced cooperation\u{201D}",
                "\"forced cooperation\"",
            ),
            ("\u{00AB}non\u{00BB}", "\"non\""),
            (
                "April\u{2013}May \u{2014} \u{2212}1 \u{2010}",
                "April-May - -1 -",
            ),
            (
                "soft\u{00AD}hyphen zero\u{200B}width",
                "softhyphen zerowidth",
            ),
            ("no\u{00A0}break\u{2003}space", "no break space"),
            ("e\u{0301}", "\u{00E9}"),
            ("Case Counts", "Case Counts"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "folding {input:?}");
        }
    }

    #[test]
    fn map_points_back_to_the_original() {
        let original = "The \u{201C}red\u{201D}\n\n line\u{2019}s end";
        let folded = fold_mapped(original);
        assert_eq!(folded.text, "The \"red\" line's end");
        let at = folded.text.find("red\" line").unwrap();
        let range = folded.original_range(at..at + "red\" line".len());
        assert_eq!(&original[range], "red\u{201D}\n\n line");
    }

    /// Folding one character at a time, with an entry per folded byte:
    /// the plain definition the fast path and the map of runs must match.
    fn fold_slowly(text: &str) -> (String, Vec<u32>) {
        let mut out = String::new();
        let mut origin = Vec::new();
        let mut pending_space = None;
        for (at, c) in text.char_indices() {
            if removed(c) {
                continue;
            }
            if c.is_whitespace() {
                pending_space.get_or_insert(at);
                continue;
            }
            if let Some(space_at) = pending_space.take()
                && !out.is_empty()
            {
                out.push(' ');
                origin.push(space_at as u32);
            }
            let folded = fold_char(c);
            out.push(folded);
            origin.extend(std::iter::repeat_n(at as u32, folded.len_utf8()));
        }
        origin.push(text.len() as u32);
        (out, origin)
    }

    #[test]
    fn the_ascii_fast_path_folds_like_the_slow_one() {
        let pieces = [
            "a",
            "Kabul",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{0b}",
            "\u{0c}",
            "\r\n",
            "\u{1b}",
            "\u{0}",
            ".",
            "\u{2019}",
            "\u{201C}",
            "\u{2014}",
            "\u{00AD}",
            "\u{200B}",
            "\u{00A0}",
            "\u{2003}",
            "\u{85}",
            "é",
            "国境",
            "🇵🇰",
            "...",
            "Kabul talks",
            " a b ",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..2000 {
            let text: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            let folded = fold_mapped(&text);
            let (out, origin) = fold_slowly(&text);
            assert_eq!(folded.text, out, "{text:?}");
            let dense: Vec<u32> = (0..=out.len()).map(|i| folded.origin(i) as u32).collect();
            assert_eq!(dense, origin, "{text:?}");
            assert_eq!(fold(&text), out, "{text:?}");
        }
    }

    #[test]
    fn the_nfc_check_skipping_ascii_agrees_with_the_full_one() {
        let pieces = [
            "a",
            " ",
            "e\u{301}",
            "\u{301}",
            "\u{323}\u{301}",
            "\u{301}\u{323}",
            "é",
            "国",
            "\u{2019}",
            "\u{1100}\u{1161}",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..2000 {
            let text: String = (0..rng.usize(0..8))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            let full = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(is_nfc_fast(&text), full, "{text:?}");
        }
    }

    #[test]
    fn map_survives_composition() {
        let original = "cafe\u{0301} noir";
        let folded = fold_mapped(original);
        assert_eq!(folded.text, "caf\u{00E9} noir");
        let range = folded.original_range(0..folded.text.find(' ').unwrap());
        assert_eq!(&original[range], "cafe\u{0301}");
    }
}
