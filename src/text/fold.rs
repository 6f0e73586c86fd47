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
    /// `origin[i]` is the byte offset in the original text of the character
    /// that produced folded byte `i`; one extra entry holds the original's
    /// length. Empty when no map was asked for.
    origin: Vec<u32>,
}

impl Folded {
    /// The byte range in the original text that folded bytes `range` came
    /// from. Requires a map (see [`fold_mapped`]).
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.origin[range.start] as usize;
        let end = self.origin[range.end] as usize;
        start..end.max(start)
    }
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
    origin: Option<&'m mut Vec<u32>>,
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
    /// other than whitespace: they pass through folding unchanged.
    fn push_plain_ascii(&mut self, run: &str, at: usize) {
        if let Some(space_at) = self.pending_space.take()
            && !self.out.is_empty()
        {
            self.emit(' ', space_at);
        }
        self.out.push_str(run);
        if let Some(origin) = self.origin.as_deref_mut() {
            origin.extend(at as u32..(at + run.len()) as u32);
        }
    }

    fn emit(&mut self, c: char, at: usize) {
        self.out.push(c);
        if let Some(origin) = self.origin.as_deref_mut() {
            origin.extend(std::iter::repeat_n(at as u32, c.len_utf8()));
        }
    }
}

/// An ASCII character that folding keeps as it is: not whitespace (ASCII
/// has no removed or typographic characters).
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii() && !(b as char).is_whitespace()
}

fn fold_into(text: &str, origin: Option<&mut Vec<u32>>) -> String {
    let mut folder = Folder {
        out: String::with_capacity(text.len()),
        origin,
        pending_space: None,
    };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        // Most of a text is runs of plain ASCII, copied through in bulk.
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let run = bytes[at..]
                .iter()
                .position(|&b| !is_plain_ascii(b))
                .unwrap_or(bytes.len() - at);
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
    if let Some(origin) = folder.origin.as_deref_mut() {
        origin.push(text.len() as u32);
    }
    folder.out
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    fold_into(text, None)
}

/// The folded form of `text` with a map back to the original.
pub fn fold_mapped(text: &str) -> Folded {
    let mut origin = Vec::with_capacity(text.len() + 1);
    let text = fold_into(text, Some(&mut origin));
    Folded { text, origin }
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

    /// Folding one character at a time, without the ASCII fast path.
    fn fold_slowly(text: &str) -> (String, Vec<u32>) {
        let mut origin = Vec::new();
        let mut folder = Folder {
            out: String::new(),
            origin: Some(&mut origin),
            pending_space: None,
        };
        for (at, c) in text.char_indices() {
            folder.push(c, at);
        }
        let out = folder.out;
        origin.push(text.len() as u32);
        (out, origin)
    }

    #[test]
    fn the_ascii_fast_path_folds_like_the_slow_one() {
        let pieces = [
            "a", "Kabul", " ", "  ", "\n", "\t", "\u{0b}", "\u{0c}", "\r\n", "\u{1b}", "\u{0}",
            ".", "\u{2019}", "\u{201C}", "\u{2014}", "\u{00AD}", "\u{200B}", "\u{00A0}",
            "\u{2003}", "\u{85}", "é", "国境", "🇵🇰", "...",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..2000 {
            let text: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            let folded = fold_mapped(&text);
            let (out, origin) = fold_slowly(&text);
            assert_eq!(folded.text, out, "{text:?}");
            assert_eq!(folded.origin, origin, "{text:?}");
            assert_eq!(fold(&text), out, "{text:?}");
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
