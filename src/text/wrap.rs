//! Preparing text for display and wrapping it to a width.
//!
//! [`Display::new`] makes text from a brief safe to draw (unsafe characters
//! become visible symbols, tabs become spaces) and keeps a map from the
//! original's byte offsets to the display text's, so ranges found in the
//! original (a verified quote, a search hit) can be highlighted.
//! [`wrap_line`] breaks one logical line into rows by display width, using
//! `textwrap` with Unicode line-break rules (CJK breaks between characters).

use std::ops::Range;

use textwrap::{Options, WordSeparator};

use super::sanitize::visible;

/// Columns a tab advances to (the next multiple of this).
pub const TAB_WIDTH: usize = 4;

/// Text ready to draw, with a map back from the original.
#[derive(Debug, Clone, Default)]
pub struct Display {
    pub text: String,
    map: DisplayMap,
}

/// Where each byte of an original text went in its display text.
#[derive(Debug, Clone, Default)]
pub struct DisplayMap {
    /// `map[i]` = display offset of original byte `i` (one extra entry for
    /// the end). `None` when the display text is the original unchanged.
    map: Option<Vec<u32>>,
    len: usize,
}

impl DisplayMap {
    /// The original byte offset shown at display offset `display` (the
    /// start of the character that produced it).
    pub fn original_of(&self, display: usize) -> usize {
        match &self.map {
            None => display.min(self.len),
            Some(map) => {
                // The character shown at or before `display`: the greatest
                // display offset <= display, then the first original byte
                // that maps there (every byte of a character maps to the
                // same offset, so this is a character boundary).
                let after = map.partition_point(|&d| (d as usize) <= display);
                let Some(&shown) = after.checked_sub(1).and_then(|i| map.get(i)) else {
                    return 0;
                };
                map.partition_point(|&d| d < shown)
            }
        }
    }

    /// The display range for a byte range of the original.
    pub fn range_of(&self, original: Range<usize>) -> Range<usize> {
        match &self.map {
            None => original.start.min(self.len)..original.end.min(self.len),
            Some(map) => {
                let last = map.len() - 1;
                map[original.start.min(last)] as usize..map[original.end.min(last)] as usize
            }
        }
    }
}

impl Display {
    pub fn new(original: &str) -> Display {
        Display::marked(original, &[])
    }

    /// Like [`Display::new`], with each range of `replaced` (byte ranges of
    /// the original, sorted, not overlapping) shown as its replacement: a
    /// citation `[@id]` as a mark `¹`. Every original byte of a replaced
    /// range maps to the replacement's start, and the replacement's
    /// display bytes map back to the range's start, so offsets still count
    /// the text as written.
    pub fn marked(original: &str, replaced: &[(Range<usize>, String)]) -> Display {
        if replaced.is_empty() && !needs_display_work(original) {
            return Display {
                text: original.to_string(),
                map: DisplayMap {
                    map: None,
                    len: original.len(),
                },
            };
        }
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len() + 16);
        let mut map: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let mut column = 0;
        let mut replaced = replaced
            .iter()
            .filter(|(r, _)| r.start < r.end && original.get(r.clone()).is_some())
            .peekable();
        let mut i = 0;
        while let Some(rest) = original.get(i..).filter(|rest| !rest.is_empty()) {
            let at = text.len() as u32;
            // Ranges starting before `i` (overlapping an earlier one) are
            // dropped; one starting here is shown as its replacement.
            while replaced.peek().is_some_and(|(r, _)| r.start < i) {
                replaced.next();
            }
            if let Some((range, replacement)) = replaced.next_if(|(r, _)| r.start == i) {
                text.push_str(replacement);
                column += replacement.chars().count();
                map.extend(std::iter::repeat_n(at, range.end - i));
                i = range.end;
                continue;
            }
            // A run of printable ASCII and line feeds is shown as it is:
            // copied whole, up to the next replaced range.
            let limit = replaced.peek().map_or(bytes.len(), |(r, _)| r.start) - i;
            let run = rest.as_bytes()[..limit]
                .iter()
                .position(|&b| !is_plain_byte(b))
                .unwrap_or(limit);
            if run > 0 {
                let shown = &rest.as_bytes()[..run];
                // Only ASCII bytes: a character boundary.
                text.push_str(rest.get(..run).unwrap_or_default());
                map.extend(at..at + run as u32);
                column = match shown.iter().rposition(|&b| b == b'\n') {
                    Some(newline) => run - newline - 1,
                    None => column + run,
                };
                i += run;
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            match c {
                '\t' => {
                    let spaces = TAB_WIDTH - column % TAB_WIDTH;
                    text.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
                '\r' if rest.as_bytes().get(1) == Some(&b'\n') => {}
                c => {
                    text.push(visible(c).unwrap_or(c));
                    column += 1;
                }
            }
            map.extend(std::iter::repeat_n(at, c.len_utf8()));
            i += c.len_utf8();
        }
        map.push(text.len() as u32);
        let len = text.len();
        Display {
            text,
            map: DisplayMap {
                map: Some(map),
                len,
            },
        }
    }

    /// The display range for a byte range of the original.
    pub fn range_of(&self, original: Range<usize>) -> Range<usize> {
        self.map.range_of(original)
    }

    pub fn into_parts(self) -> (String, DisplayMap) {
        (self.text, self.map)
    }
}

/// Printable ASCII or a line feed: shown as it is.
fn is_plain_byte(b: u8) -> bool {
    (0x20..=0x7E).contains(&b) || b == b'\n'
}

/// Whether showing `original` changes anything: a tab, a carriage
/// return, or a character shown as a visible symbol. Runs of printable
/// ASCII are passed over without decoding.
fn needs_display_work(original: &str) -> bool {
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i..].iter().position(|&b| !is_plain_byte(b)) {
            Some(run) => i += run,
            None => return false,
        }
        let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if c == '\t' || c == '\r' || visible(c).is_some() {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// Breaks one logical line (no `\n`) into rows of at most `width` columns.
/// Returns byte ranges into `line`; an empty line gives one empty row.
pub fn wrap_line(line: &str, width: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    wrap_line_into(line, width, &mut rows);
    rows
}

/// [`wrap_line`], adding the rows to `rows` (a document's layout reuses
/// one buffer for all its lines).
pub fn wrap_line_into(line: &str, width: usize, rows: &mut Vec<Range<usize>>) {
    if line.is_empty() {
        rows.push(0..0);
    } else if line.len() <= width.max(1) && line.is_ascii() && !line.ends_with(' ') {
        // Fits whole, found without a walk over its characters (see
        // `fits_whole`).
        rows.push(0..line.len());
    } else if is_plain(line) {
        wrap_plain(line, width.max(1), rows);
    } else if fits_whole(line, width) {
        // One row, without the line-break analysis (what textwrap returns
        // for it, tested below).
        rows.push(0..line.len());
    } else {
        rows.extend(wrap_line_breaking(line, width));
    }
}

/// A line of plain prose: letters and digits of ASCII, punctuation a
/// column wide that never allows a line break beside it (`.,:;'"()` and
/// the typographic quotes `’“”`), en dashes (`–`) between spaces, and spaces
/// between words (none leading or trailing). Its break opportunities under
/// the Unicode line-break rules are exactly after its runs of spaces (a
/// property test checks this against the general analysis), so it is
/// wrapped by [`wrap_plain`] without that analysis.
fn is_plain(line: &str) -> bool {
    if line.starts_with(' ') || line.ends_with(' ') {
        return false;
    }
    let mut before = ' ';
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let after = chars.peek().copied().unwrap_or(' ');
        let fine = match c {
            // Punctuation may forbid a break after the spaces beside it
            // (`a .`, `( a`): spaces only before a word, not after an
            // opening parenthesis or quote.
            ' ' => {
                (after == ' ' || after.is_ascii_alphanumeric() || matches!(after, '–' | '“'))
                    && !matches!(before, '(' | '“')
            }
            // A break is allowed between `.` or `)` and `(`.
            '(' => {
                before == ' '
                    || before.is_ascii_alphanumeric()
                    || matches!(before, '(' | '\'' | '"')
            }
            '.' | ',' | ':' | ';' | '\'' | '"' | ')' | '’' | '”' => true,
            '“' => before == ' ' || before == '“',
            '–' => before == ' ' && after == ' ',
            c => c.is_ascii_alphanumeric(),
        };
        if !fine {
            return false;
        }
        before = c;
    }
    true
}

/// First-fit wrapping of a plain line (see [`is_plain`]: every character
/// one column) into rows of at most `width` columns, as textwrap does it:
/// words after one another while they fit, the spaces after the last word
/// of a row dropped, a word longer than a row broken into pieces of a
/// row's width.
fn wrap_plain(line: &str, width: usize, rows: &mut Vec<Range<usize>>) {
    // The row being filled (bytes), and the columns its words and the
    // spaces after them take.
    let mut row: Option<Range<usize>> = None;
    let mut taken = 0;
    let mut piece_of = |piece: Range<usize>, columns: usize, spaces: usize| {
        match row.as_mut() {
            Some(current) if taken + columns > width => {
                rows.push(current.clone());
                row = Some(piece);
                taken = 0;
            }
            Some(current) => current.end = piece.end,
            None => row = Some(piece),
        }
        taken += columns + spaces;
    };
    let bytes = line.as_bytes();
    let mut at = 0;
    // Spaces are ASCII: words are found by bytes, and counted in
    // characters (each a column) only when not ASCII.
    while at < bytes.len() {
        let start = at;
        while at < bytes.len() && bytes[at] != b' ' {
            at += 1;
        }
        let end = at;
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        let spaces = at - end;
        let word = line.get(start..end).unwrap_or_default();
        let columns = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if columns <= width {
            piece_of(start..end, columns, spaces);
            continue;
        }
        // A word wider than a row is cut into pieces of a row's width;
        // the spaces go with the last.
        let mut cuts: Vec<usize> = word.char_indices().map(|(i, _)| start + i).collect();
        cuts.push(end);
        let mut k = 0;
        while k < columns {
            let to = (k + width).min(columns);
            let after = if to == columns { spaces } else { 0 };
            piece_of(cuts[k]..cuts[to], to - k, after);
            k = to;
        }
    }
    rows.extend(row);
}

/// Whether `line` is one row at `width` as it stands: it fits and has no
/// trailing space for wrapping to trim. Bytes bound columns from above
/// for ASCII, so the width is measured only when that cannot decide.
fn fits_whole(line: &str, width: usize) -> bool {
    if line.ends_with(' ') {
        return false;
    }
    if line.is_ascii() {
        return line.len() <= width.max(1);
    }
    // A character is at most two columns wide.
    line.chars().count() * 2 <= width.max(1) || textwrap::core::display_width(line) <= width.max(1)
}

/// [`wrap_line`] by textwrap, for a line that does not fit whole.
fn wrap_line_breaking(line: &str, width: usize) -> Vec<Range<usize>> {
    let options = Options::new(width.max(1))
        .word_separator(WordSeparator::UnicodeBreakProperties)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let base = line.as_ptr() as usize;
    let mut searched = 0;
    textwrap::wrap(line, options)
        .into_iter()
        .map(|row| {
            let start = match row {
                std::borrow::Cow::Borrowed(slice) => slice.as_ptr() as usize - base,
                std::borrow::Cow::Owned(ref owned) => line[searched..]
                    .find(owned.as_str())
                    .map_or(searched, |i| searched + i),
            };
            let end = start + row.len();
            searched = end;
            start..end
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn rows(line: &str, width: usize) -> Vec<&str> {
        wrap_line(line, width)
            .into_iter()
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    fn the_fast_path_for_lines_that_fit_wraps_as_textwrap_does() {
        let lines = [
            "short",
            "  indented",
            "trailing  ",
            " ",
            "a-b well-known/slash",
            "国境を越える",
            "x\u{301}y e\u{301}",
            "😂 emoji 😍",
            "tab\u{2409}shown",
            "\u{a0}nbsp\u{a0}",
            "exactly ten",
        ];
        for line in lines {
            for width in [1, 2, 3, 5, 8, 10, 11, 12, 40] {
                assert_eq!(
                    wrap_line(line, width),
                    wrap_line_breaking(line, width),
                    "{line:?} at {width}"
                );
            }
        }
    }

    /// The old per-character form of [`Display::marked`], kept as the
    /// oracle its faster runs of plain ASCII must agree with.
    fn reference_marked(
        original: &str,
        replaced: &[(Range<usize>, String)],
    ) -> (String, Option<Vec<u32>>) {
        let needs_work = !replaced.is_empty()
            || original
                .chars()
                .any(|c| c == '\t' || c == '\r' || visible(c).is_some());
        if !needs_work {
            return (original.to_string(), None);
        }
        let mut text = String::new();
        let mut map = Vec::new();
        let mut column = 0;
        let mut chars = original.char_indices().peekable();
        let mut replaced = replaced
            .iter()
            .filter(|(r, _)| r.start < r.end && original.get(r.clone()).is_some())
            .peekable();
        while let Some((i, c)) = chars.next() {
            let at = text.len() as u32;
            while replaced.peek().is_some_and(|(r, _)| r.start < i) {
                replaced.next();
            }
            if let Some((range, replacement)) = replaced.next_if(|(r, _)| r.start == i) {
                text.push_str(replacement);
                column += replacement.chars().count();
                map.extend(std::iter::repeat_n(at, range.end - i));
                while chars.next_if(|&(j, _)| j < range.end).is_some() {}
                continue;
            }
            match c {
                '\t' => {
                    let spaces = TAB_WIDTH - column % TAB_WIDTH;
                    text.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
                '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
                '\n' => {
                    text.push('\n');
                    column = 0;
                }
                c => {
                    text.push(visible(c).unwrap_or(c));
                    column += 1;
                }
            }
            map.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        map.push(text.len() as u32);
        (text, Some(map))
    }

    proptest::proptest! {
        #[test]
        fn display_agrees_with_the_character_by_character_form(
            original in "([a-z ]{0,6}|\t|\r|\n|\r\n|\u{1b}|é|国|\u{202e}|\u{2028}|\\[@x\\]){0,24}",
            cuts in proptest::collection::vec((0usize..80, 1usize..6), 0..4),
        ) {
            let mut replaced: Vec<(Range<usize>, String)> = cuts
                .into_iter()
                .map(|(start, len)| (start..start + len, "\u{b9}".to_string()))
                .collect();
            replaced.sort_by_key(|(r, _)| r.start);
            let shown = Display::marked(&original, &replaced);
            let (text, map) = reference_marked(&original, &replaced);
            proptest::prop_assert_eq!(&shown.text, &text);
            proptest::prop_assert_eq!(&shown.map.map, &map);
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_lines_wrap_as_textwrap_wraps_them(
            line in "[a-zA-Z0-9.,:;'\"()’“”]{0,12}( {1,3}([a-zA-Z0-9.,:;'\"()’“”]{1,14}|–| “[a-z]{1,5}”)){0,12}",
            width in 1usize..30,
        ) {
            let line = line.trim_matches(' ');
            if is_plain(line) && !line.is_empty() {
                let mut plain = Vec::new();
                wrap_plain(line, width, &mut plain);
                proptest::prop_assert_eq!(
                    plain,
                    wrap_line_breaking(line, width),
                    "{:?} at {}", line, width
                );
            }
        }
    }

    #[test]
    fn plain_lines_are_only_those_without_other_break_opportunities() {
        assert!(is_plain(
            "In 2025 the talks at Doha's hotel resumed: slowly, again; over in 2026."
        ));
        assert!(
            !is_plain("the talks (at Doha)"),
            "a space before a parenthesis"
        );
        assert!(is_plain("“forced cooperation” – Pakistan’s envoy"));
        for other in [
            "well-known",
            "a/b",
            "x!y",
            "$5",
            "50%",
            " lead",
            "trail ",
            "é",
            "a\tb",
            "a–b",
        ] {
            assert!(!is_plain(other), "{other:?}");
        }
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            rows("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn wide_characters_count_double_and_cjk_breaks_anywhere() {
        let line = "国境を越える交渉は続いている";
        for row in rows(line, 8) {
            assert!(row.width() <= 8, "{row}");
        }
        assert!(rows(line, 8).len() >= 4);
    }

    #[test]
    fn long_words_are_broken_not_overflowed() {
        for row in rows(&"x".repeat(25), 10) {
            assert!(row.width() <= 10);
        }
    }

    #[test]
    fn display_makes_controls_visible_and_keeps_the_map() {
        let original = "a\tb\u{1b}[31mc\r\nd";
        let shown = Display::new(original);
        assert_eq!(shown.text, "a   b␛[31mc\nd");
        let c = original.find('c').unwrap();
        assert_eq!(&shown.text[shown.range_of(c..c + 1)], "c");
        let d = original.find('d').unwrap();
        assert_eq!(&shown.text[shown.range_of(d..original.len())], "d");
    }

    #[test]
    fn the_map_back_lands_on_character_boundaries() {
        let original = "\u{1b}国国\t国é";
        let shown = Display::new(original);
        for display in 0..=shown.text.len() {
            let back = shown.map.original_of(display);
            assert!(original.is_char_boundary(back), "{display} -> {back}");
        }
        let second = original.find('国').unwrap() + '国'.len_utf8();
        let at = shown.range_of(second..second).start;
        assert_eq!(shown.map.original_of(at), second);
        assert_eq!(shown.map.original_of(at + 1), second);
    }

    #[test]
    fn replaced_ranges_show_their_replacement_and_map_both_ways() {
        let original = "Toll rose [@ttp-toll; @un]. Now\t\\[@x] more";
        let cite = original.find(" [@ttp").unwrap()..original.find('.').unwrap();
        let escape = original.find('\\').unwrap();
        let shown = Display::marked(
            original,
            &[
                (cite.clone(), "\u{b9}\u{2d2}\u{b2}".to_string()),
                (escape..escape + 1, String::new()),
            ],
        );
        assert_eq!(shown.text, "Toll rose\u{b9}\u{2d2}\u{b2}. Now   [@x] more");
        // Offsets of the text as written still land on the right words.
        let now = original.find("Now").unwrap();
        assert_eq!(&shown.text[shown.range_of(now..now + 3)], "Now");
        let x = original.find("[@x]").unwrap();
        assert_eq!(&shown.text[shown.range_of(x..x + 4)], "[@x]");
        // The whole citation is its mark; any offset in the mark maps back
        // to where the citation starts.
        assert_eq!(
            &shown.text[shown.range_of(cite.clone())],
            "\u{b9}\u{2d2}\u{b2}"
        );
        let mark = shown.text.find('\u{b9}').unwrap();
        for display in mark..mark + "\u{b9}\u{2d2}\u{b2}".len() {
            assert_eq!(shown.map.original_of(display), cite.start, "{display}");
        }
        assert_eq!(
            shown.map.original_of(shown.text.find(". Now").unwrap()),
            cite.end
        );
    }

    #[test]
    fn right_to_left_text_stays_in_logical_order() {
        let line = "الحدود مغلقة";
        assert_eq!(rows(line, 40), [line]);
    }
}
