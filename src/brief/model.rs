//! The brief as the reader uses it: validated, references resolved to
//! indices, events in chronological order, quotes verified.

use std::collections::BTreeMap;
use std::ops::Range;

use super::date::Date;

/// A whole brief, valid by construction (see [`super::load`]).
#[derive(Debug, Clone)]
pub struct Brief {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub as_of: Date,
    pub summary: String,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    /// In file order.
    pub factors: Vec<Factor>,
    /// In chronological order (see [`Date::chronological`]), file order
    /// breaking ties.
    pub events: Vec<Event>,
    /// In file order.
    pub excerpts: Vec<Excerpt>,
    /// Who refers to whom, computed once (see [`Links::build`]).
    pub links: Links,
    /// The format the file was written in: 1, or 2 with citations.
    pub format: i64,
    /// `[brief] evidence = "required"`: every claim cites an excerpt.
    pub evidence_required: bool,
    /// The citations of each text that has any (format 2 only), in the
    /// text as written.
    pub citations: BTreeMap<TextRef, TextCitations>,
    /// For each excerpt, the texts citing it (see
    /// [`super::evidence::cited_by`]).
    pub cited_by: Vec<Vec<TextRef>>,
}

/// One citation group of a text, `[@a; @b]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Byte range of the whole group in the text as written.
    pub range: Range<usize>,
    /// Indices into [`Brief::excerpts`], in the order written.
    pub excerpts: Vec<usize>,
}

/// The citations of one text, and the backslashes that only escape a
/// literal `[@` or `@` (not shown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextCitations {
    pub citations: Vec<Citation>,
    /// Byte offsets of the escaping backslashes, in the text as written.
    pub escapes: Vec<usize>,
}

/// The brief's cross references turned around, so views can list a
/// factor's excerpts or an event's excerpts without scanning them all.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// For each factor, its excerpts in file order.
    pub factor_excerpts: Vec<Vec<usize>>,
    /// For each factor, its events in chronological order.
    pub factor_events: Vec<Vec<usize>>,
    /// For each event, the excerpts citing it, in file order.
    pub event_excerpts: Vec<Vec<usize>>,
    /// For each source, its excerpts in file order.
    pub source_excerpts: Vec<Vec<usize>>,
}

impl Links {
    pub fn build(factors: usize, events: &[Event], excerpts: &[Excerpt], sources: usize) -> Links {
        let mut links = Links {
            factor_excerpts: vec![Vec::new(); factors],
            factor_events: vec![Vec::new(); factors],
            event_excerpts: vec![Vec::new(); events.len()],
            source_excerpts: vec![Vec::new(); sources],
        };
        for (i, event) in events.iter().enumerate() {
            for &f in &event.factors {
                if let Some(list) = links.factor_events.get_mut(f) {
                    list.push(i);
                }
            }
        }
        for (i, excerpt) in excerpts.iter().enumerate() {
            for &f in &excerpt.factors {
                if let Some(list) = links.factor_excerpts.get_mut(f) {
                    list.push(i);
                }
            }
            for &e in &excerpt.events {
                if let Some(list) = links.event_excerpts.get_mut(e) {
                    list.push(i);
                }
            }
            if let Some(list) = links.source_excerpts.get_mut(excerpt.source) {
                list.push(i);
            }
        }
        // A factor or event listed twice in one item counts once.
        for list in links
            .factor_excerpts
            .iter_mut()
            .chain(&mut links.factor_events)
            .chain(&mut links.event_excerpts)
        {
            list.dedup();
        }
        links
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    /// The `file` value as written in the brief.
    pub file: Option<String>,
    /// The full text, when `file` was given and could be read.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    pub const NAMES: [&'static str; 3] = ["low", "moderate", "high"];

    pub fn parse(name: &str) -> Option<Confidence> {
        match name {
            "low" => Some(Confidence::Low),
            "moderate" => Some(Confidence::Moderate),
            "high" => Some(Confidence::High),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Debug, Clone)]
pub struct Factor {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub key_points: Vec<String>,
    pub confidence: Option<Confidence>,
    /// Indices into [`Brief::factors`].
    pub related: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub title: String,
    pub detail: Option<String>,
    pub place: Option<String>,
    /// Indices into [`Brief::factors`].
    pub factors: Vec<usize>,
    /// Indices into [`Brief::sources`].
    pub sources: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Excerpt {
    pub id: String,
    /// Index into [`Brief::sources`].
    pub source: usize,
    pub quote: String,
    /// Indices into [`Brief::factors`].
    pub factors: Vec<usize>,
    /// Indices into [`Brief::events`].
    pub events: Vec<usize>,
    pub annotation: Option<String>,
    pub verification: Verification,
    /// For a quote not found: where it goes wrong.
    pub misquote: Option<Misquote>,
}

/// Where a quote not found in its source goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misquote {
    /// The closest passage: a byte range of the source's text.
    pub passage: Option<Range<usize>>,
    /// The first divergence, as a sentence ("the source has ‘brown’ where
    /// the quote has ‘red’"); empty when only `elsewhere` is known.
    pub hint: String,
    /// Another source of the brief holding the quote verbatim.
    pub elsewhere: Option<usize>,
}

/// Whether an excerpt's quote was found in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Found; the byte ranges of each part (one, or several for a quote
    /// with elisions) in the source's original text.
    Verified(Vec<Range<usize>>),
    /// The source's text was read but the quote is not in it.
    NotFound,
    /// The source has no `file`, or it could not be read.
    Unverifiable,
}

impl Verification {
    pub fn is_verified(&self) -> bool {
        matches!(self, Verification::Verified(_))
    }
}

/// How many excerpts ended in each verification state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerificationCounts {
    pub verified: usize,
    pub not_found: usize,
    pub unverifiable: usize,
}

impl Brief {
    pub fn verification_counts(&self) -> VerificationCounts {
        let mut counts = VerificationCounts::default();
        for excerpt in &self.excerpts {
            match excerpt.verification {
                Verification::Verified(_) => counts.verified += 1,
                Verification::NotFound => counts.not_found += 1,
                Verification::Unverifiable => counts.unverifiable += 1,
            }
        }
        counts
    }

    /// The citations written in `text`, if it has any.
    pub fn citations_of(&self, text: TextRef) -> Option<&TextCitations> {
        self.citations.get(&text)
    }

    /// How many of factor `factor`'s key points cite no excerpt. Citations
    /// exist from format 2 on; a format-1 brief has nothing to count, so
    /// this is 0 there.
    pub fn uncited_key_points(&self, factor: usize) -> usize {
        if self.format < 2 {
            return 0;
        }
        let Some(f) = self.factors.get(factor) else {
            return 0;
        };
        (0..f.key_points.len())
            .filter(|&i| {
                self.citations_of(TextRef::KeyPoint(factor, i))
                    .is_none_or(|t| t.citations.iter().all(|c| c.excerpts.is_empty()))
            })
            .count()
    }

    /// The texts citing excerpt `excerpt`, in reading order.
    pub fn citing(&self, excerpt: usize) -> &[TextRef] {
        self.cited_by.get(excerpt).map_or(&[], Vec::as_slice)
    }

    /// How many excerpts are cited, counting each time one is cited.
    pub fn citation_count(&self) -> usize {
        self.citations
            .values()
            .flat_map(|t| &t.citations)
            .map(|c| c.excerpts.len())
            .sum()
    }

    pub fn factor_index(&self, id: &str) -> Option<usize> {
        self.factors.iter().position(|f| f.id == id)
    }

    /// Excerpts that belong to factor `factor`, in file order.
    pub fn excerpts_of_factor(&self, factor: usize) -> impl Iterator<Item = usize> + '_ {
        linked(&self.links.factor_excerpts, factor)
    }

    /// Events that belong to factor `factor`, in chronological order.
    pub fn events_of_factor(&self, factor: usize) -> impl Iterator<Item = usize> + '_ {
        linked(&self.links.factor_events, factor)
    }

    /// Excerpts that cite event `event`, in file order.
    pub fn excerpts_of_event(&self, event: usize) -> impl Iterator<Item = usize> + '_ {
        linked(&self.links.event_excerpts, event)
    }

    /// Excerpts quoting source `source`, in file order.
    pub fn excerpts_of_source(&self, source: usize) -> impl Iterator<Item = usize> + '_ {
        linked(&self.links.source_excerpts, source)
    }
}

fn linked(lists: &[Vec<usize>], at: usize) -> impl Iterator<Item = usize> + '_ {
    lists.get(at).into_iter().flatten().copied()
}

/// One text of the brief, by where it lives: what search hits and notes'
/// passages point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextRef {
    BriefSummary,
    FactorTitle(usize),
    FactorSummary(usize),
    KeyPoint(usize, usize),
    EventTitle(usize),
    EventDetail(usize),
    Quote(usize),
    Annotation(usize),
    SourceText(usize),
}

impl TextRef {
    /// The text as written in the brief (or the source's file).
    pub fn text<'b>(&self, brief: &'b Brief) -> Option<&'b str> {
        match *self {
            TextRef::BriefSummary => Some(&brief.summary),
            TextRef::FactorTitle(f) => brief.factors.get(f).map(|f| f.title.as_str()),
            TextRef::FactorSummary(f) => brief.factors.get(f).map(|f| f.summary.as_str()),
            TextRef::KeyPoint(f, i) => brief
                .factors
                .get(f)
                .and_then(|f| f.key_points.get(i))
                .map(String::as_str),
            TextRef::EventTitle(e) => brief.events.get(e).map(|e| e.title.as_str()),
            TextRef::EventDetail(e) => brief.events.get(e).and_then(|e| e.detail.as_deref()),
            TextRef::Quote(x) => brief.excerpts.get(x).map(|x| x.quote.as_str()),
            TextRef::Annotation(x) => brief.excerpts.get(x).and_then(|x| x.annotation.as_deref()),
            TextRef::SourceText(s) => brief.sources.get(s).and_then(|s| s.text.as_deref()),
        }
    }
}
