//! Verifying each excerpt's quote against its source and, for a quote not
//! found, saying where it goes wrong: the closest passage of the source
//! and the first divergence, or another source of the brief that holds the
//! quote verbatim.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use memchr::memmem;

use super::model::{Excerpt, Misquote, Source, Verification};
use super::verify::{QuoteMatch, split_parts, verify_in_folded, verify_quotes};
use super::walk::Walker;
use crate::diagnostic::LineIndex;
use crate::text::approx::{Divergence, closest, first_divergence};
use crate::text::fold::{Folded, fold, fold_mapped};

/// What a misquote's note says, and where in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Byte offset in the source's text the note points at.
    pub at: Option<usize>,
    /// The closest passage, as a byte range of the source's text.
    pub passage: Option<Range<usize>>,
    pub message: String,
}

/// The hint for `quote`, not found in `source` (folded as `haystack`).
pub fn hint(haystack: &Folded, source: &str, quote: &str) -> Hint {
    let folded = fold(quote);
    let parts = match split_parts(&folded) {
        Ok(parts) => parts,
        Err(reason) => {
            return Hint {
                at: None,
                passage: None,
                message: reason,
            };
        }
    };
    let finder = |part: &str| memmem::find(haystack.text.as_bytes(), part.as_bytes());
    // A quote of one part is not in the source (verification said so);
    // of several, the first part that is not is the one to align.
    let missing = match parts[..] {
        [one] => Some(one),
        _ => parts.iter().copied().find(|part| finder(part).is_none()),
    };
    let Some(pattern) = missing else {
        return Hint {
            at: None,
            passage: None,
            message: format!(
                "each part of the quote is in the source, but not in this order with at most {} characters between them",
                super::verify::MAX_GAP_CHARS
            ),
        };
    };
    let Some(alignment) = closest(&haystack.text, pattern) else {
        return Hint {
            at: None,
            passage: None,
            message: "no passage of the source is close to it".to_string(),
        };
    };
    let original = |r: Range<usize>| haystack.original_range(r);
    let shown = |r: Range<usize>| shorten(source[original(r)].trim());
    let passage = Some(original(alignment.text.clone()));
    let (at, message) = match first_divergence(&haystack.text, pattern, &alignment) {
        Some(Divergence::Differs {
            pattern: p,
            text: t,
        }) => {
            let quote_words = shorten(&pattern[p.clone()]);
            let at = original(t.clone()).start;
            let message = match (p.is_empty(), t.is_empty()) {
                (false, false) => format!(
                    "the source has \u{2018}{}\u{2019} where the quote has \u{2018}{quote_words}\u{2019}",
                    shown(t)
                ),
                (true, _) => format!(
                    "the source has \u{2018}{}\u{2019}, which the quote leaves out",
                    shown(t)
                ),
                (false, true) => format!(
                    "the quote has \u{2018}{quote_words}\u{2019}, which the source does not"
                ),
            };
            (at, message)
        }
        Some(Divergence::StartElsewhere(p)) => {
            let rest = &pattern[p.end..];
            let elsewhere = finder(pattern[p.clone()].trim())
                .map(|_| " (those words are elsewhere in the source)")
                .unwrap_or("");
            (
                original(alignment.text.clone()).start,
                format!(
                    "the source matches from \u{2018}{}\u{2019}; the quote\u{2019}s start, \u{2018}{}\u{2019}, is not at this passage{elsewhere}",
                    shorten(rest.trim()),
                    shorten(&pattern[p])
                ),
            )
        }
        Some(Divergence::EndElsewhere(p)) => {
            let elsewhere = finder(pattern[p.clone()].trim())
                .map(|_| " (those words are elsewhere in the source)")
                .unwrap_or("");
            (
                original(alignment.text.end..alignment.text.end).start,
                format!(
                    "from \u{2018}{}\u{2019} on, the quote is not at this passage{elsewhere}",
                    shorten(&pattern[p])
                ),
            )
        }
        None => (
            original(alignment.text.clone()).start,
            "the quote matches this passage as far as it was compared".to_string(),
        ),
    };
    Hint {
        at: Some(at),
        passage,
        message,
    }
}

/// At most about eight words of `text`, `…` marking a cut.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    format!("{}\u{2026}", head.trim_end())
}

/// `file` (relative to the brief at `brief`) as a path to show.
pub fn shown_source_path(brief: &str, file: &str) -> String {
    let joined = Path::new(brief)
        .parent()
        .unwrap_or(Path::new(""))
        .join(file);
    let mut clean = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(clean.components().next_back(), Some(Component::Normal(_))) =>
            {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean.display().to_string()
}

/// Verifies every excerpt's quote, reporting those not found with a note
/// on the closest passage (or on another source that holds them).
pub fn verify(
    walker: &mut Walker,
    brief_path: &str,
    sources: &[Source],
    excerpts: &mut [Excerpt],
    quote_spans: &[Option<Range<usize>>],
) {
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (i, excerpt) in excerpts.iter().enumerate() {
        if let Some(list) = by_source.get_mut(excerpt.source) {
            list.push(i);
        }
    }
    // Diagnostics of quotes not found, to complete once every source was read.
    let mut missing: Vec<(usize, usize)> = Vec::new();
    for (source, members) in sources.iter().zip(by_source) {
        let Some(text) = &source.text else { continue };
        let haystack = fold_mapped(text);
        let quotes: Vec<&str> = members
            .iter()
            .map(|&i| excerpts[i].quote.as_str())
            .collect();
        let file = source.file.as_deref().unwrap_or("");
        let path = shown_source_path(brief_path, file);
        let mut lines: Option<LineIndex> = None;
        for (&i, outcome) in members
            .iter()
            .zip(verify_in_folded(&haystack, text, &quotes))
        {
            excerpts[i].verification = match outcome {
                QuoteMatch::Found(ranges) => Verification::Verified(ranges),
                QuoteMatch::NotFound(reason) => {
                    let Some(span) = quote_spans[i].clone() else {
                        continue;
                    };
                    let hint = reason
                        .is_none()
                        .then(|| hint(&haystack, text, &excerpts[i].quote));
                    let diagnostic = walker.warning(
                        span,
                        format!("quote not found in source `{}` ({file})", source.id),
                    );
                    diagnostic.label = Some(reason.unwrap_or_else(|| {
                        "compared after folding whitespace, quotes and dashes; case counts"
                            .to_string()
                    }));
                    if let Some(hint) = &hint {
                        let place = hint.at.map_or_else(
                            || format!("{path}: "),
                            |at| {
                                let (line, column) = lines
                                    .get_or_insert_with(|| LineIndex::new(text))
                                    .line_col(at);
                                format!("{path}:{line}:{column}: closest passage: ")
                            },
                        );
                        diagnostic.notes.push(format!("{place}{}", hint.message));
                    }
                    missing.push((i, walker.diagnostics.len() - 1));
                    excerpts[i].misquote = hint.map(|h| Misquote {
                        passage: h.passage,
                        hint: h.message,
                        elsewhere: None,
                    });
                    Verification::NotFound
                }
            };
        }
    }
    if !missing.is_empty() {
        elsewhere(walker, brief_path, sources, excerpts, &missing);
    }
}

/// Notes, for quotes not found in their own source, another source of the
/// brief that holds them verbatim.
fn elsewhere(
    walker: &mut Walker,
    brief_path: &str,
    sources: &[Source],
    excerpts: &mut [Excerpt],
    missing: &[(usize, usize)],
) {
    let mut done = vec![false; missing.len()];
    for (s, source) in sources.iter().enumerate() {
        let Some(text) = &source.text else { continue };
        let candidates: Vec<usize> = (0..missing.len())
            .filter(|&m| !done[m] && excerpts[missing[m].0].source != s)
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let quotes: Vec<&str> = candidates
            .iter()
            .map(|&m| excerpts[missing[m].0].quote.as_str())
            .collect();
        let outcomes = verify_quotes(text, &quotes);
        let mut lines: Option<LineIndex> = None;
        for (&m, outcome) in candidates.iter().zip(outcomes) {
            let QuoteMatch::Found(ranges) = outcome else {
                continue;
            };
            done[m] = true;
            let (excerpt, diagnostic) = missing[m];
            let at = ranges.first().map_or(0, |r| r.start);
            let (line, column) = lines
                .get_or_insert_with(|| LineIndex::new(text))
                .line_col(at);
            let file = source.file.as_deref().unwrap_or("");
            let path = shown_source_path(brief_path, file);
            let message = format!(
                "{path}:{line}:{column}: another source of the brief holds it verbatim: `{}` ({file})",
                source.id
            );
            let notes = &mut walker.diagnostics[diagnostic].notes;
            // The closest passage of the wrong source says little now.
            notes.clear();
            notes.push(message);
            if let Some(misquote) = &mut excerpts[excerpt].misquote {
                misquote.elsewhere = Some(s);
            } else {
                excerpts[excerpt].misquote = Some(Misquote {
                    passage: None,
                    hint: String::new(),
                    elsewhere: Some(s),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Officials said the talks in Istanbul ended without a written \
        agreement, and the border crossing at Torkham stayed closed for weeks.\n\n\
        A second paragraph notes that trade fell by half while the quick brown \
        fox of rumour ran through the bazaars of Peshawar.";

    fn message(quote: &str) -> Hint {
        hint(&fold_mapped(SOURCE), SOURCE, quote)
    }

    #[test]
    fn a_changed_word() {
        let hint = message("the border crossing at Torkham stayed open for weeks");
        assert_eq!(
            hint.message,
            "the source has \u{2018}closed\u{2019} where the quote has \u{2018}open\u{2019}"
        );
        assert_eq!(&SOURCE[hint.at.unwrap()..][..6], "closed");
    }

    #[test]
    fn a_dropped_word() {
        let hint = message("trade fell by half while the quick fox of rumour ran");
        assert!(
            hint.message
                .starts_with("the source has \u{2018}brown fox\u{2019}")
                || hint
                    .message
                    .starts_with("the source has \u{2018}quick brown\u{2019}"),
            "{}",
            hint.message
        );
        assert!(
            hint.message.contains("where the quote has"),
            "{}",
            hint.message
        );
    }

    #[test]
    fn a_spliced_quote() {
        let hint = message(
            "the talks in Istanbul ended without a written agreement, and trade fell by half while the quick brown fox",
        );
        assert!(
            hint.message.contains("is not at this passage")
                && hint
                    .message
                    .contains("(those words are elsewhere in the source)"),
            "{}",
            hint.message
        );
    }

    #[test]
    fn nothing_close() {
        let hint = message("zzzz qqqq xxxx wwww");
        assert_eq!(hint.message, "no passage of the source is close to it");
        assert_eq!(hint.at, None);
    }

    #[test]
    fn parts_out_of_order() {
        let hint = message("stayed closed for weeks \u{2026} talks in Istanbul");
        assert!(
            hint.message
                .starts_with("each part of the quote is in the source")
        );
    }

    struct Files;

    impl crate::brief::files::SourceFiles for Files {
        fn read(&self, file: &str) -> Result<String, crate::brief::files::FileProblem> {
            Ok(match file {
                "a.txt" => SOURCE.to_string(),
                _ => {
                    "Elsewhere the minister said that the border would open on Monday.".to_string()
                }
            })
        }
    }

    #[test]
    fn a_quote_from_another_source_of_the_brief() {
        let brief = r#"format = 2
[brief]
id = "b"
title = "B"
as_of = 2025-11-30
summary = "S."
[[sources]]
id = "a"
title = "A"
file = "a.txt"
[[sources]]
id = "other"
title = "Other"
file = "sub/other.txt"
[[factors]]
id = "f"
title = "F"
summary = "S."
[[excerpts]]
id = "x"
source = "a"
quote = "the border would open on Monday"
"#;
        let loaded = crate::brief::load::load_text("dir/b.toml", brief.to_string(), &Files);
        let notes: Vec<&str> = loaded
            .diagnostics
            .iter()
            .flat_map(|d| d.notes.iter().map(String::as_str))
            .collect();
        assert_eq!(
            notes,
            [
                "dir/sub/other.txt:1:34: another source of the brief holds it verbatim: `other` (sub/other.txt)"
            ]
        );
        let brief = loaded.brief.expect("warnings only");
        let misquote = brief.excerpts[0].misquote.as_ref().expect("a misquote");
        assert_eq!(misquote.elsewhere, Some(1));
    }

    #[test]
    fn source_paths_are_shown_relative_to_the_brief() {
        assert_eq!(
            shown_source_path("tests/fixtures/b.toml", "source.txt"),
            "tests/fixtures/source.txt"
        );
        assert_eq!(
            shown_source_path("briefs/a.toml", "../seeds/x.txt"),
            "seeds/x.txt"
        );
        assert_eq!(shown_source_path("b.toml", "./s.txt"), "s.txt");
        assert_eq!(shown_source_path("../b.toml", "../s.txt"), "../../s.txt");
    }
}
