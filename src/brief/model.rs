//! The brief as the reader uses it: validated, references resolved to
//! indices, events in chronological order, quotes verified.

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

    pub fn factor_index(&self, id: &str) -> Option<usize> {
        self.factors.iter().position(|f| f.id == id)
    }

    /// Excerpts that belong to factor `factor`, in file order.
    pub fn excerpts_of_factor(&self, factor: usize) -> impl Iterator<Item = usize> + '_ {
        self.excerpts
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.factors.contains(&factor))
            .map(|(i, _)| i)
    }

    /// Events that belong to factor `factor`, in chronological order.
    pub fn events_of_factor(&self, factor: usize) -> impl Iterator<Item = usize> + '_ {
        self.events
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.factors.contains(&factor))
            .map(|(i, _)| i)
    }

    /// Excerpts that cite event `event`, in file order.
    pub fn excerpts_of_event(&self, event: usize) -> impl Iterator<Item = usize> + '_ {
        self.excerpts
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.events.contains(&event))
            .map(|(i, _)| i)
    }
}
