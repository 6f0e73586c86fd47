//! Making untrusted text safe to show: the one definition of what must
//! never reach a terminal (or a Markdown reader) as it is.
//!
//! Text from a brief (and from notes, file names or arguments) may hold
//! control characters, escape sequences, bidirectional overrides, or
//! characters terminals disagree about. None of them may reach a terminal
//! raw: an escape sequence could retitle the window, write the clipboard or
//! reset the screen; a bidi override could make a quote read differently
//! from what it says; a line separator or an unassigned code point is drawn
//! zero columns wide by some terminals and leaves stale cells behind. Each
//! such character is replaced by one visible symbol, so character counts
//! (and so columns) stay the same.
//!
//! The set ([`is_unsafe`]): control characters (Cc) but line feed and tab,
//! which callers lay out; line and paragraph separators (Zl, Zp); format
//! characters (Cf) other than ZERO WIDTH JOINER and NON-JOINER, which emoji
//! and Indic scripts need; noncharacters and unassigned code points (Cn);
//! tag characters; and anything `unicode-width` gives no width. Combining
//! marks, variation selectors and private-use characters are kept.

use std::borrow::Cow;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Replacement shown for unsafe characters that have no control picture
/// (C1 controls, bidi and other format characters, separators, unassigned
/// code points).
pub const REPLACEMENT: char = '\u{FFFD}';

const ZERO_WIDTH_NON_JOINER: char = '\u{200C}';
const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// True for the bidirectional embedding, override and isolate characters
/// (the "Trojan Source" set), which diagnostics name specially.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters common in briefs that are certainly safe, answered without a
/// table lookup: printable ASCII, Latin letters, typographic punctuation
/// (dashes, quotes, ellipsis) and CJK ideographs.
fn certainly_safe(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{24F}'
        | '\u{2010}'..='\u{2027}' | '\u{4E00}'..='\u{9FFF}')
}

/// True when `c` must never be written to a terminal as it is.
/// Line feed and tab are not included: callers lay those out themselves.
pub fn is_unsafe(c: char) -> bool {
    if certainly_safe(c) || c == '\n' || c == '\t' {
        return false;
    }
    let category = c.general_category();
    match category {
        GeneralCategory::Control
        | GeneralCategory::LineSeparator
        | GeneralCategory::ParagraphSeparator
        | GeneralCategory::Unassigned
        | GeneralCategory::Surrogate => return true,
        GeneralCategory::Format => {
            return c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER;
        }
        _ => {}
    }
    is_noncharacter(c)
        || matches!(c, '\u{E0000}'..='\u{E007F}')
        || unicode_width::UnicodeWidthChar::width(c).is_none()
}

/// The 66 code points Unicode reserves as never to be interchanged.
fn is_noncharacter(c: char) -> bool {
    let code = c as u32;
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// The visible stand-in for an unsafe character, or `None` when `c` is safe.
///
/// C0 controls become their Unicode control pictures (`␛` for ESC), DEL
/// becomes `␡`, C1 controls and bidi controls become `�`.
pub fn visible(c: char) -> Option<char> {
    if !is_unsafe(c) {
        return None;
    }
    let code = c as u32;
    Some(match code {
        0x00..=0x1F => char::from_u32(0x2400 + code).unwrap_or(REPLACEMENT),
        0x7F => '\u{2421}',
        _ => REPLACEMENT,
    })
}

/// `text` with every unsafe character replaced (see [`visible`]); line feeds
/// and tabs are kept. Borrows when there is nothing to replace.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| visible(c).unwrap_or(c)).collect())
}

/// Like [`sanitize`], for text that must stay on one line (paths, ids,
/// summary lines): line feeds and tabs are made visible too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe(c) || c == '\n' || c == '\t';
    if !text.chars().any(unsafe_here) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => '\u{2424}',
                '\t' => '\u{2409}',
                _ => visible(c).unwrap_or(c),
            })
            .collect(),
    )
}

/// `text` on one line (runs of whitespace become one space), cut to at
/// most `chars` characters with `…` when cut, and made safe to show.
pub fn one_line(text: &str, chars: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = joined.chars().take(chars).collect();
    if cut.len() < joined.len() {
        cut.push('…');
    }
    sanitize_line(&cut).into_owned()
}

/// A short name for an unsafe character, used in diagnostics:
/// `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1B}' => "escape",
        '\u{07}' => "bell",
        '\u{08}' => "backspace",
        '\u{0D}' => "carriage return",
        '\u{7F}' => "delete",
        '\u{9B}' => "control sequence introducer",
        '\u{9D}' => "operating system command",
        '\u{90}' => "device control string",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{200B}' => "zero width space",
        '\u{FEFF}' => "zero width no-break space",
        '\u{00AD}' => "soft hyphen",
        c if (c as u32) < 0x20 => "control character",
        _ if is_bidi_control(c) => "bidirectional control",
        c if is_noncharacter(c) => "noncharacter",
        '\u{E0000}'..='\u{E007F}' => "tag character",
        c if c.general_category() == GeneralCategory::Format => "invisible format character",
        c if c.general_category() == GeneralCategory::Unassigned => "unassigned code point",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_keep_their_length() {
        let raw = "A\u{1b}]0;pwned\u{7}B\u{9b}31mC\u{202E}D";
        let clean = sanitize(raw);
        assert!(!clean.chars().any(is_unsafe), "{clean:?}");
        assert_eq!(clean.chars().count(), raw.chars().count());
        assert_eq!(clean, "A␛]0;pwned␇B\u{FFFD}31mC\u{FFFD}D");
    }

    #[test]
    fn safe_text_is_borrowed_untouched() {
        let text = "Kabul – Islamabad\n\tحدود 国境 🇵🇰";
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
    }

    #[test]
    fn single_line_form_shows_breaks() {
        assert_eq!(sanitize_line("a\nb\tc"), "a␤b␉c");
    }

    #[test]
    fn one_line_folds_cuts_and_sanitises() {
        assert_eq!(one_line("a\n  b\tc", 10), "a b c");
        assert_eq!(one_line("abcdef", 3), "abc…");
        assert_eq!(one_line("x\u{1b}y", 10), "x␛y");
    }

    #[test]
    fn the_one_definition_covers_every_class_and_spares_real_text() {
        // Separators, format characters, noncharacters, unassigned code
        // points and tags are unsafe, each shown as one visible symbol.
        for c in [
            '\u{2028}',
            '\u{2029}',
            '\u{200B}',
            '\u{200E}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{061C}',
            '\u{FDD0}',
            '\u{FFFE}',
            '\u{1FFFF}',
            '\u{0378}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{85}',
            '\u{9B}',
            '\u{7F}',
            '\u{0}',
        ] {
            assert!(is_unsafe(c), "U+{:04X}", c as u32);
            let shown = sanitize(&c.to_string()).into_owned();
            assert_eq!(shown.chars().count(), 1);
            assert!(!shown.chars().any(is_unsafe));
        }
        // Combining marks, joiners in emoji and Indic scripts, variation
        // selectors, CJK, RTL letters and private use stay as they are.
        for text in [
            "e\u{301}",
            "👩\u{200D}💻",
            "क्\u{200D}ष",
            "ন্\u{200C}ত",
            "❤\u{FE0F}",
            "国境",
            "حدود",
            "\u{E000}",
            "Kabul – “Islamabad” …",
        ] {
            assert!(matches!(sanitize(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn the_quick_path_agrees_with_the_tables() {
        for code in (0..0x3000).chain(0x4E00..0xA000) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if certainly_safe(c) {
                let category = c.general_category();
                assert!(
                    !matches!(
                        category,
                        GeneralCategory::Format
                            | GeneralCategory::Control
                            | GeneralCategory::Unassigned
                    ),
                    "U+{code:04X}"
                );
            }
        }
    }

    #[test]
    fn describe_names_the_code_point() {
        assert_eq!(describe('\u{2028}'), "U+2028 (line separator)");
        assert_eq!(describe('\u{E0041}'), "U+E0041 (tag character)");
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{202E}'), "U+202E (right-to-left override)");
    }
}
