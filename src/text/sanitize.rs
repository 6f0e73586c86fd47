//! Making untrusted text safe to show.
//!
//! Text from a brief (and from notes or file names) may hold control
//! characters, escape sequences or bidirectional overrides. None of them may
//! reach a terminal raw: an escape sequence could retitle the window, write
//! the clipboard or reset the screen, and a bidi override could make a quote
//! read differently from what it says. Each such character is replaced by one
//! visible symbol, so character counts (and so columns) stay the same.

use std::borrow::Cow;

/// Replacement shown for control characters that have no control picture
/// (C1 controls) and for bidirectional formatting characters.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for the bidirectional embedding, override and isolate characters
/// (the "Trojan Source" set). Plain marks (LRM, RLM) are left alone: they are
/// invisible but cannot reorder what surrounds them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True when `c` must never be written to a terminal as it is.
/// Line feed and tab are not included: callers lay those out themselves.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
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
        c if (c as u32) < 0x20 => "control character",
        _ if is_bidi_control(c) => "bidirectional control",
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
    fn describe_names_the_code_point() {
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{202E}'), "U+202E (right-to-left override)");
    }
}
