//! Character offsets (code points, as the notes format counts) and byte
//! offsets of one text, turned into each other without walking the text
//! from its start and without a copy of its characters: the byte offset of
//! every [`STRIDE`]th character is kept (for a 10 MB text, 300 KB instead
//! of the 40 MB its characters would take), and the rest is a walk of at
//! most [`STRIDE`] characters from the nearest mark.

use std::ops::Range;

/// Characters between two marks.
pub const STRIDE: usize = 256;

/// Where every [`STRIDE`]th character of one text starts. Only valid for
/// the text it was made from, which each method is given again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharIndex {
    /// The byte offset of characters 0, STRIDE, 2·STRIDE, …
    marks: Vec<usize>,
    /// Characters in the text.
    chars: usize,
}

impl CharIndex {
    /// The index of `text`, in one pass that steps over ASCII eight bytes
    /// at a time.
    pub fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut marks = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let (mut at, mut chars) = (0, 0);
        while at < bytes.len() {
            if chars % STRIDE == 0 {
                marks.push(at);
            }
            // Eight ASCII bytes at once, when no mark falls among them.
            if STRIDE - chars % STRIDE >= 8
                && let Some(eight) = bytes.get(at..at + 8)
                && eight.iter().all(u8::is_ascii)
            {
                chars += 8;
                at += 8;
                continue;
            }
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            chars += 1;
            at += c.len_utf8();
        }
        CharIndex { marks, chars }
    }

    /// Characters in the text.
    pub fn len(&self) -> usize {
        self.chars
    }

    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// The byte offset of character `at` of `text` (past the last
    /// character: the text's length).
    pub fn byte_of(&self, text: &str, at: usize) -> usize {
        let at = at.min(self.chars);
        if self.chars == text.len() {
            // All ASCII: a character is a byte.
            return at;
        }
        let block = at / STRIDE;
        let Some(&base) = self.marks.get(block) else {
            return text.len();
        };
        let mut left = at - block * STRIDE;
        for (i, &b) in text.as_bytes().iter().enumerate().skip(base) {
            if starts_char(b) {
                if left == 0 {
                    return i;
                }
                left -= 1;
            }
        }
        text.len()
    }

    /// The character of `text` that starts at byte `byte` (inside a
    /// character: the next one).
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        if self.chars == text.len() {
            return byte;
        }
        let block = self.marks.partition_point(|&m| m <= byte).saturating_sub(1);
        let Some(&base) = self.marks.get(block) else {
            return 0;
        };
        let before = text.as_bytes()[base..byte]
            .iter()
            .filter(|&&b| starts_char(b))
            .count();
        (block * STRIDE + before).min(self.chars)
    }

    /// The byte range of characters `range` of `text` (clamped to it).
    pub fn bytes(&self, text: &str, range: Range<usize>) -> Range<usize> {
        let start = self.byte_of(text, range.start);
        start..self.byte_of(text, range.end.max(range.start))
    }

    /// Characters `range` of `text` (clamped to it).
    pub fn chars(&self, text: &str, range: Range<usize>) -> Vec<char> {
        text[self.bytes(text, range)].chars().collect()
    }
}

/// Whether `b` is the first byte of a character (not a continuation).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn offsets_in_multibyte_text_across_marks() {
        let text = format!("{}é€😀bc", "a".repeat(STRIDE - 2));
        let index = CharIndex::new(&text);
        assert_eq!(index.len(), STRIDE + 3);
        // "a"×(STRIDE-2), then é and € (characters STRIDE-2 and STRIDE-1),
        // 😀 (character STRIDE, the second mark, at byte STRIDE+3), b, c.
        assert_eq!(index.byte_of(&text, STRIDE - 1), STRIDE - 2 + 2);
        assert_eq!(index.byte_of(&text, STRIDE), STRIDE - 2 + 2 + 3);
        assert_eq!(index.byte_of(&text, STRIDE + 3), text.len());
        assert_eq!(index.byte_of(&text, usize::MAX), text.len());
        assert_eq!(index.char_of(&text, STRIDE + 3), STRIDE);
        assert_eq!(index.char_of(&text, STRIDE + 4), STRIDE + 1);
        assert_eq!(index.char_of(&text, usize::MAX), STRIDE + 3);
        assert_eq!(
            index.chars(&text, STRIDE - 2..STRIDE + 1),
            vec!['é', '€', '😀']
        );
        assert_eq!(CharIndex::new("").byte_of("", 3), 0);
    }

    proptest! {
        /// Against walking the text's characters from its start.
        #[test]
        fn agrees_with_walking_each_character(
            runs in proptest::collection::vec("[a-z ]{0,300}|[é€😀]{0,4}", 0..12),
            probes in proptest::collection::vec(0usize..4000, 1..20),
        ) {
            let text: String = runs.concat();
            let index = CharIndex::new(&text);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            prop_assert_eq!(index.len(), starts.len());
            for probe in probes {
                let at = probe % (starts.len() + 2);
                let byte = starts.get(at).copied().unwrap_or(text.len());
                prop_assert_eq!(index.byte_of(&text, at), byte);
                // Every byte: the character starting there, or the next.
                let b = probe % (text.len() + 1);
                let expected = starts.partition_point(|&s| s < b);
                prop_assert_eq!(index.char_of(&text, b), expected);
                let to = (at + probe % 7).min(starts.len());
                let from = at.min(to);
                let expected: Vec<char> = text.chars().skip(from).take(to - from).collect();
                prop_assert_eq!(index.chars(&text, from..to), expected);
            }
        }
    }
}
