//! Typed reading of a spanned TOML document that records every problem
//! instead of stopping at the first, the way serde would.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::date::Date;
use crate::diagnostic::Diagnostic;
use crate::text::sanitize::{describe, is_unsafe};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// A table with the span to blame when one of its keys is missing: its
/// header (`[brief]`, `[[factors]]`), or the inline table.
pub struct Table<'a, 'i> {
    pub entries: &'a DeTable<'i>,
    pub header: Range<usize>,
    /// How the table is named in messages: `[brief]`, `[[factors]]`.
    pub name: &'static str,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.entries.get(key)
    }
}

/// A string with where it was written.
#[derive(Debug, Clone)]
pub struct Located {
    pub text: String,
    pub span: Range<usize>,
}

/// A string read where it is written in the document, borrowed when it
/// needs no change: a reference to an id, resolved and then dropped.
#[derive(Debug, Clone)]
pub struct Ref<'a> {
    pub text: Cow<'a, str>,
    pub span: Range<usize>,
}

/// Collects diagnostics while reading values out of the document.
pub struct Walker<'t> {
    pub text: &'t str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'t> Walker<'t> {
    pub fn new(text: &'t str) -> Walker<'t> {
        Walker {
            text,
            diagnostics: Vec::new(),
        }
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn warning(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::warning(span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// `value` as a table, or an error naming `what` it should have been.
    pub fn table<'a, 'i>(
        &mut self,
        value: &'a Value<'i>,
        name: &'static str,
    ) -> Option<Table<'a, 'i>> {
        match value.get_ref() {
            DeValue::Table(entries) => Some(Table {
                entries,
                header: value.span(),
                name,
            }),
            other => {
                self.error(
                    value.span(),
                    format!("{name} must be a table, found {}", describe_type(other)),
                );
                None
            }
        }
    }

    /// Reports keys of `table` outside `allowed`, suggesting the closest
    /// allowed key. Keys starting with `x-` are extensions and pass.
    pub fn unknown_keys(&mut self, table: &Table, allowed: &[&str]) {
        for (key, _) in table.entries.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) || name.starts_with("x-") {
                continue;
            }
            let message = format!("unknown key `{name}` in {}", table.name);
            let suggestion = closest(name, allowed);
            let diagnostic = self.error(key.span(), message);
            match suggestion {
                Some(best) => {
                    *diagnostic = diagnostic
                        .clone()
                        .with_help(format!("did you mean `{best}`?"))
                }
                None => {
                    *diagnostic = diagnostic.clone().with_help(format!(
                        "known keys here: {}; keys starting with `x-` are ignored",
                        allowed.join(", ")
                    ))
                }
            }
        }
    }

    /// The value of a required key, or an error at the table's header.
    pub fn required<'a, 'i>(&mut self, table: &Table<'a, 'i>, key: &str) -> Option<&'a Value<'i>> {
        let value = table.get(key);
        if value.is_none() {
            self.error(
                table.header.clone(),
                format!("missing required key `{key}` in {}", table.name),
            );
        }
        value
    }

    /// `value` as a string; warns about unsafe characters in it.
    pub fn string(&mut self, value: &Value, key: &str) -> Option<String> {
        self.borrowed_string(value, key).map(Cow::into_owned)
    }

    /// As [`Walker::string`], borrowed from the document unless `\r\n`
    /// had to be folded.
    pub fn borrowed_string<'a>(&mut self, value: &'a Value, key: &str) -> Option<Cow<'a, str>> {
        match value.get_ref() {
            DeValue::String(s) => {
                let text = if s.contains('\r') {
                    Cow::Owned(s.replace("\r\n", "\n"))
                } else {
                    Cow::Borrowed(s.as_ref())
                };
                self.unsafe_characters(&text, value.span());
                Some(text)
            }
            other => {
                self.error(
                    value.span(),
                    format!("`{key}` must be a string, found {}", describe_type(other)),
                );
                None
            }
        }
    }

    pub fn located_string(&mut self, value: &Value, key: &str) -> Option<Located> {
        self.string(value, key).map(|text| Located {
            text,
            span: value.span(),
        })
    }

    pub fn required_string(&mut self, table: &Table, key: &str) -> Option<Located> {
        let value = self.required(table, key)?;
        self.located_string(value, key)
    }

    pub fn optional_string(&mut self, table: &Table, key: &str) -> Option<Located> {
        let value = table.get(key)?;
        self.located_string(value, key)
    }

    /// An optional array of strings; absent means empty.
    pub fn string_list(&mut self, table: &Table, key: &str) -> Vec<Located> {
        self.ref_list(table, key)
            .into_iter()
            .map(|r| Located {
                text: r.text.into_owned(),
                span: r.span,
            })
            .collect()
    }

    /// As [`Walker::string_list`], borrowing the strings (references).
    pub fn ref_list<'a>(&mut self, table: &Table<'a, '_>, key: &str) -> Vec<Ref<'a>> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "`{key}` must be an array of strings, found {}",
                    describe_type(value.get_ref())
                ),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let text = self.borrowed_string(item, key)?;
                Some(Ref {
                    text,
                    span: item.span(),
                })
            })
            .collect()
    }

    /// A required string, borrowed (a reference).
    pub fn required_ref<'a>(&mut self, table: &Table<'a, '_>, key: &str) -> Option<Ref<'a>> {
        let value = self.required(table, key)?;
        let text = self.borrowed_string(value, key)?;
        Some(Ref {
            text,
            span: value.span(),
        })
    }

    /// A required id, checked against the id rule.
    pub fn required_id(&mut self, table: &Table, key: &str) -> Option<Located> {
        let id = self.required_string(table, key)?;
        self.check_id(&id).then_some(id)
    }

    /// Checks `^[a-z0-9][a-z0-9-]{0,63}$`, reporting a violation.
    pub fn check_id(&mut self, id: &Located) -> bool {
        if is_valid_id(&id.text) {
            return true;
        }
        self.error(id.span.clone(), format!("`{}` is not a valid id", id.text))
            .label = Some(
            "ids are 1 to 64 characters: lowercase letters, digits and `-`, not starting with `-`"
                .to_string(),
        );
        false
    }

    /// A date: a TOML local date or a string of the forms in [`Date::parse`].
    pub fn date(&mut self, value: &Value, key: &str) -> Option<Date> {
        let result = match value.get_ref() {
            DeValue::String(s) => Date::parse(s),
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Date::from_ymd(d.year, d.month, d.day),
                _ => Err(format!("expected a date without a time, found `{dt}`")),
            },
            other => Err(format!(
                "`{key}` must be a date (like 2025-10-19, \"2025-10\" or \"2025-04/2025-05\"), found {}",
                describe_type(other)
            )),
        };
        result
            .map_err(|message| self.error(value.span(), format!("bad date: {message}")))
            .ok()
    }

    pub fn required_date(&mut self, table: &Table, key: &str) -> Option<Date> {
        let value = self.required(table, key)?;
        self.date(value, key)
    }

    pub fn optional_date(&mut self, table: &Table, key: &str) -> Option<Date> {
        let value = table.get(key)?;
        self.date(value, key)
    }

    /// Warns, as for the brief's own texts, about the first character of a
    /// source's text that is shown as a visible symbol, naming where it is
    /// in the source file. A carriage return ending a line is not one.
    pub fn unsafe_source_text(&mut self, file: &str, text: &str, span: Range<usize>) {
        let mut from = 0;
        let found = loop {
            let Some(c) = first_unsafe(&text[from..]) else {
                break None;
            };
            let at = from + text[from..].find(c).unwrap_or(0);
            if c == '\r' && text.as_bytes().get(at + 1) == Some(&b'\n') {
                from = at + 1;
                continue;
            }
            break Some((c, at));
        };
        let Some((c, at)) = found else {
            return;
        };
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..at].chars().count() + 1;
        self.warning(
            span,
            format!(
                "source file `{}` contains {} at line {line}, column {column}",
                crate::text::sanitize::sanitize_line(file),
                crate::text::sanitize::describe(c)
            ),
        )
        .label = Some("shown as a visible symbol; remove it unless it is meant".to_string());
    }

    /// Warns about the first control character or bidi override in `text`,
    /// pointing at it when it was written literally in the file.
    fn unsafe_characters(&mut self, text: &str, span: Range<usize>) {
        let Some(c) = first_unsafe(text) else {
            return;
        };
        let raw = self.text.get(span.clone()).unwrap_or("");
        let at = raw
            .find(c)
            .map(|i| (span.start + i)..(span.start + i + c.len_utf8()))
            .or_else(|| {
                escape_forms(c)
                    .iter()
                    .find_map(|form| raw.find(form.as_str()).map(|i| (i, form.len())))
                    .map(|(i, len)| (span.start + i)..(span.start + i + len))
            })
            .unwrap_or(span);
        self.warning(at, format!("text contains {}", describe(c)))
            .label = Some("shown as a visible symbol; remove it unless it is meant".to_string());
    }
}

/// The first character of `text` that [`is_unsafe`] refuses to show.
///
/// Every string of a brief goes through this, so ASCII is judged by byte
/// and only other characters are decoded and looked up.
pub(crate) fn first_unsafe(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F {
                return Some(b as char);
            }
            at += 1;
            continue;
        }
        // A lead byte: a character of two to four bytes starts here.
        let c = text[at..].chars().next()?;
        if is_unsafe(c) {
            return Some(c);
        }
        at += c.len_utf8();
    }
    None
}

/// How `c` may have been written as a TOML escape.
fn escape_forms(c: char) -> Vec<String> {
    let code = c as u32;
    let mut forms = vec![
        format!("\\u{code:04x}"),
        format!("\\u{code:04X}"),
        format!("\\U{code:08x}"),
        format!("\\U{code:08X}"),
    ];
    if code < 0x100 {
        forms.push(format!("\\x{code:02x}"));
        forms.push(format!("\\x{code:02X}"));
    }
    if c == '\u{1b}' {
        forms.push("\\e".to_string());
    }
    forms
}

/// `^[a-z0-9][a-z0-9-]{0,63}$`
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The candidate closest to `name`, when it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|&c| (strsim::jaro_winkler(name, c), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub fn describe_type(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rule() {
        for good in ["a", "afpak-2025", "0", "a-", &"a".repeat(64)] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in ["", "-a", "A", "a_b", "a b", "é", &"a".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn the_byte_scan_finds_exactly_the_unsafe_characters() {
        for code in (0..0x3000).chain(0xFE00..0x10000).chain(0x1F000..0x1F700) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let alone = c.to_string();
            let want = is_unsafe(c).then_some(c);
            assert_eq!(first_unsafe(&alone), want, "U+{code:04X}");
            let inside = format!("a\u{201C}b{c}\u{2066}");
            let want = want.or(Some('\u{2066}'));
            assert_eq!(first_unsafe(&inside), want, "U+{code:04X} inside");
        }
        assert_eq!(first_unsafe("Kabul\u{2019}s \u{2014} \n\t"), None);
        assert_eq!(first_unsafe(""), None);
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = ["id", "title", "summary", "subtitle", "as_of"];
        assert_eq!(closest("sumary", &keys), Some("summary"));
        assert_eq!(closest("titel", &keys), Some("title"));
        assert_eq!(closest("asof", &keys), Some("as_of"));
        assert_eq!(closest("zzzz", &keys), None);
    }
}
