//! Finding words in a brief.
//!
//! A query becomes a regular expression that applies the same typographic
//! folding as quote verification *to the text as it is*: a straight
//! apostrophe also matches `’ ‘ ‛`, a straight double quote `“ ” „ « »`, a
//! hyphen `– — − ‐`, and a space any run of whitespace. Smart case: the
//! search ignores case unless the query has a capital letter. Searching the
//! original text means hit positions need no mapping back, and the `regex`
//! crate keeps every search linear in the text.
//!
//! [`search_brief`] walks the brief in reading order (overview, each factor
//! with its excerpts, the chronology, then the sources' full texts when
//! asked), so the hits come out in the order `n` visits them.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use unicode_normalization::UnicodeNormalization;

use crate::brief::{Brief, TextRef};

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    regex: Regex,
}

impl Query {
    /// Compiles `text`; `None` when it is empty or only spaces.
    pub fn new(text: &str) -> Option<Query> {
        if text.trim().is_empty() {
            return None;
        }
        let folded: String = text.nfc().collect();
        let case_sensitive = folded.chars().any(char::is_uppercase);
        let mut pattern = String::with_capacity(folded.len() * 2);
        let mut in_space = false;
        for c in folded.chars() {
            if c.is_whitespace() {
                if !in_space {
                    pattern.push_str(r"\s+");
                }
                in_space = true;
                continue;
            }
            in_space = false;
            match c {
                '\'' | '\u{2019}' | '\u{2018}' | '\u{201B}' => {
                    pattern.push_str("['\u{2019}\u{2018}\u{201B}]")
                }
                '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => {
                    pattern.push_str("[\"\u{201C}\u{201D}\u{201E}\u{00AB}\u{00BB}]")
                }
                '-' | '\u{2013}' | '\u{2014}' | '\u{2212}' | '\u{2010}' => {
                    pattern.push_str("[-\u{2013}\u{2014}\u{2212}\u{2010}]")
                }
                c => pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            }
        }
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!case_sensitive)
            .size_limit(1 << 22)
            .build()
            .ok()?;
        Some(Query {
            text: text.to_string(),
            regex,
        })
    }

    /// Like [`Query::new`], for haystacks of at most `longest` bytes: a
    /// query that needs more bytes than that to match (every character
    /// takes one at least, a run of spaces one) matches nothing, and is
    /// not compiled. A long paste costs nothing to search.
    pub fn new_within(text: &str, longest: usize) -> Option<Query> {
        let mut needed = 0;
        let mut in_space = false;
        for c in text.trim().chars() {
            if c.is_whitespace() {
                if !in_space {
                    needed += 1;
                }
                in_space = true;
            } else {
                needed += 1;
                in_space = false;
            }
        }
        if needed <= longest {
            return Query::new(text);
        }
        Some(Query {
            text: text.to_string(),
            // Matches nothing.
            regex: Regex::new(r"[^\s\S]").ok()?,
        })
    }

    /// Byte ranges of the matches in `haystack`, non-overlapping.
    pub fn find_in<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        self.regex
            .find_iter(haystack)
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
    }
}

/// Where a hit is read: which view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Overview,
    Factor(usize),
    Event(usize),
    Source(usize),
}

/// One match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub place: Place,
    pub text: TextRef,
    /// Byte range in the text as written (see [`TextRef::text`]).
    pub range: Range<usize>,
}

/// The texts of `brief` in reading order, each with the view that shows it.
pub fn reading_order(brief: &Brief, with_sources: bool) -> Vec<(Place, TextRef)> {
    let mut order = vec![(Place::Overview, TextRef::BriefSummary)];
    for (f, factor) in brief.factors.iter().enumerate() {
        let place = Place::Factor(f);
        order.push((place, TextRef::FactorTitle(f)));
        order.push((place, TextRef::FactorSummary(f)));
        for i in 0..factor.key_points.len() {
            order.push((place, TextRef::KeyPoint(f, i)));
        }
        for x in brief.excerpts_of_factor(f) {
            order.push((place, TextRef::Quote(x)));
            order.push((place, TextRef::Annotation(x)));
        }
    }
    for (e, _) in brief.events.iter().enumerate() {
        let place = Place::Event(e);
        order.push((place, TextRef::EventTitle(e)));
        order.push((place, TextRef::EventDetail(e)));
        // Excerpts that belong to no factor are read with their events.
        for x in brief.excerpts_of_event(e) {
            if brief.excerpts[x].factors.is_empty() {
                order.push((place, TextRef::Quote(x)));
                order.push((place, TextRef::Annotation(x)));
            }
        }
    }
    if with_sources {
        for s in 0..brief.sources.len() {
            order.push((Place::Source(s), TextRef::SourceText(s)));
        }
    }
    order
}

/// The hits of `query` in `brief`, in reading order, at most `limit` of
/// them; the flag says whether more were left out.
pub fn search_brief(
    brief: &Brief,
    order: &[(Place, TextRef)],
    query: &Query,
    limit: usize,
) -> (Vec<Hit>, bool) {
    let mut hits = Vec::new();
    for &(place, text_ref) in order {
        let Some(text) = text_ref.text(brief) else {
            continue;
        };
        // A text with citations is searched as shown: its `[@id]`s hidden,
        // hits mapped back to the text as written.
        let shown = brief
            .citations_of(text_ref)
            .map(|cited| crate::brief::Shown::new(text, cited));
        let haystack = shown.as_ref().map_or(text, |s| s.text.as_str());
        for range in query.find_in(haystack) {
            if hits.len() == limit {
                return (hits, true);
            }
            let range = shown.as_ref().map_or(range.clone(), |s| s.original(range));
            hits.push(Hit {
                place,
                text: text_ref,
                range,
            });
        }
    }
    (hits, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_longer_than_every_text_matches_nothing_and_keeps_its_text() {
        let text = "alpha  beta";
        let short = Query::new_within("alpha beta", text.len()).expect("a query");
        assert_eq!(short.find_in(text).count(), 1);
        let long = Query::new_within("alpha beta gamma", text.len()).expect("a query");
        assert_eq!(long.find_in(text).count(), 0);
        assert_eq!(long.text, "alpha beta gamma");
        assert!(Query::new_within("  ", 10).is_none());
    }

    fn found(query: &str, text: &str) -> Vec<String> {
        let query = Query::new(query).expect("a query");
        query.find_in(text).map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn smart_case() {
        assert_eq!(
            found("kabul", "Kabul and KABUL and kabul"),
            ["Kabul", "KABUL", "kabul"]
        );
        assert_eq!(found("Kabul", "Kabul and KABUL and kabul"), ["Kabul"]);
    }

    #[test]
    fn typographic_folding_matches_verification() {
        assert_eq!(
            found("Pakistan's", "Pakistan\u{2019}s soil"),
            ["Pakistan\u{2019}s"]
        );
        assert_eq!(
            found("\"forced", "the \u{201C}forced cooperation"),
            ["\u{201C}forced"]
        );
        assert_eq!(found("April-May", "April\u{2013}May"), ["April\u{2013}May"]);
        assert_eq!(
            found("three rounds", "three\n   rounds"),
            ["three\n   rounds"]
        );
        assert_eq!(found("Pakistan\u{2019}s", "Pakistan's"), ["Pakistan's"]);
    }

    #[test]
    fn unicode_text_and_queries() {
        assert_eq!(found("Доха", "в доха и Доха"), ["Доха"]);
        assert_eq!(found("доха", "в доха и Доха"), ["доха", "Доха"]);
        assert_eq!(found("国境", "両国の国境で"), ["国境"]);
        assert_eq!(found("cafe\u{301}", "un caf\u{e9}"), ["caf\u{e9}"]);
    }

    #[test]
    fn regex_characters_are_literal() {
        assert_eq!(found("a.b", "axb a.b"), ["a.b"]);
        assert_eq!(found("(TTP)", "the (TTP) group"), ["(TTP)"]);
        assert_eq!(found("[…]", "cut […] here"), ["[…]"]);
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(found("aa", "aaaa"), ["aa", "aa"]);
        assert_eq!(found("ana", "banana"), ["ana"]);
    }

    #[test]
    fn empty_queries_find_nothing() {
        assert!(Query::new("").is_none());
        assert!(Query::new("   ").is_none());
    }

    #[test]
    fn hits_come_in_reading_order() {
        let brief = crate::brief::load_bundled().brief.expect("bundled brief");
        let order = reading_order(&brief, false);
        let query = Query::new("Doha").unwrap();
        let (hits, capped) = search_brief(&brief, &order, &query, usize::MAX);
        assert!(!capped);
        assert!(hits.len() > 3);
        assert_eq!(hits[0].place, Place::Overview);
        let rank = |p: Place| match p {
            Place::Overview => 0,
            Place::Factor(f) => 1 + f,
            Place::Event(e) => 100 + e,
            Place::Source(s) => 10_000 + s,
        };
        assert!(
            hits.windows(2)
                .all(|w| rank(w[0].place) <= rank(w[1].place))
        );
        let (with_sources, _) =
            search_brief(&brief, &reading_order(&brief, true), &query, usize::MAX);
        let (first_two, capped) = search_brief(&brief, &order, &query, 2);
        assert_eq!(first_two, hits[..2]);
        assert!(capped);
        assert!(with_sources.len() > hits.len());
        assert!(matches!(
            with_sources.last().unwrap().place,
            Place::Source(_)
        ));
    }
}
