//! Format 2's evidence: resolving the citations of each text to excerpts,
//! and, under `evidence = "required"`, finding claims that cite nothing
//! and excerpts that nothing cites.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::cite::{self, paragraphs};
use super::model::{Citation, TextCitations, TextRef};
use super::toml_string::value_offsets;
use super::walk::{Located, Walker, closest};

/// What a text must cite under `evidence = "required"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    /// Each paragraph cites at least one excerpt (summaries).
    Paragraphs,
    /// The whole text cites at least one excerpt (a key point).
    Whole,
    /// Citations are allowed, not required (event detail, annotation).
    Free,
    /// No citation is allowed (a title): each one is an error.
    Title,
}

/// A text that may carry citations, with where it was written.
#[derive(Debug, Clone)]
pub struct Claim {
    pub text: TextRef,
    pub located: Located,
    pub kind: ClaimKind,
}

/// The excerpt ids the citations can name.
pub struct ExcerptIds<'a> {
    /// Valid ids and their excerpts.
    pub index: &'a HashMap<String, usize>,
    /// Every id written, valid or not (a citation of one whose definition
    /// had its own error is not reported again).
    pub written: &'a HashSet<String>,
    /// Where each excerpt's id is written, for the "cited nowhere" warning.
    pub spans: &'a [Range<usize>],
}

/// Resolves the citations of `claims`, reporting problems through
/// `walker`; returns the citations of each text that has any.
pub fn resolve(
    walker: &mut Walker,
    claims: &[Claim],
    ids: &ExcerptIds,
    required: bool,
) -> BTreeMap<TextRef, TextCitations> {
    let mut out = BTreeMap::new();
    let mut cited = vec![false; ids.spans.len()];
    let mut known: Option<Vec<&str>> = None;
    for claim in claims {
        let text = claim.located.text.as_str();
        if !text.as_bytes().contains(&b'@') && (!required || claim.kind == ClaimKind::Title) {
            continue;
        }
        if claim.kind == ClaimKind::Title {
            not_allowed(walker, claim);
            continue;
        }
        let scan = cite::scan(text);
        let mut place = Place::new(&claim.located);
        for problem in &scan.problems {
            let span = place.span(walker.text, problem.range.clone());
            walker.error(span, problem.message.clone()).help = problem.help.clone();
        }
        let mut citations = Vec::with_capacity(scan.groups.len());
        for group in &scan.groups {
            let mut excerpts = Vec::with_capacity(group.keys.len());
            for (key, range) in &group.keys {
                if let Some(&i) = ids.index.get(key) {
                    excerpts.push(i);
                    if let Some(flag) = cited.get_mut(i) {
                        *flag = true;
                    }
                } else if !ids.written.contains(key) {
                    let known =
                        known.get_or_insert_with(|| ids.index.keys().map(String::as_str).collect());
                    let help = closest(key, known).map(|c| format!("did you mean `{c}`?"));
                    let span = place.span(walker.text, range.clone());
                    walker
                        .error(span, format!("no excerpt has the id `{key}` (cited here)"))
                        .help = help;
                }
            }
            citations.push(Citation {
                range: group.range.clone(),
                excerpts,
            });
        }
        if required {
            // A malformed citation is reported already: its paragraph is not
            // "uncited" as well.
            let written: Vec<Range<usize>> = citations
                .iter()
                .map(|c| c.range.clone())
                .chain(scan.problems.iter().map(|p| p.range.clone()))
                .collect();
            uncited(walker, claim, &written, &mut place);
        }
        if !citations.is_empty() || !scan.escapes.is_empty() {
            out.insert(
                claim.text,
                TextCitations {
                    citations,
                    escapes: scan.escapes,
                },
            );
        }
    }
    if required {
        for (span, _) in ids.spans.iter().zip(&cited).filter(|(_, c)| !**c) {
            walker
                .warning(span.clone(), "no claim cites this excerpt")
                .help =
                Some("cite it as `[@id]` where it supports a judgement, or remove it".to_string());
        }
    }
    out
}

/// Moves the citations of events' details to the events' new indices
/// (`new_index[old]`), after the events were sorted by date.
pub fn renumber_events(citations: &mut BTreeMap<TextRef, TextCitations>, new_index: &[usize]) {
    let details: Vec<TextRef> = citations
        .keys()
        .filter(|t| matches!(t, TextRef::EventDetail(_)))
        .copied()
        .collect();
    let moved: Vec<(usize, TextCitations)> = details
        .into_iter()
        .filter_map(|t| match t {
            TextRef::EventDetail(old) => citations.remove(&t).map(|c| (old, c)),
            _ => None,
        })
        .collect();
    for (old, cited) in moved {
        if let Some(&new) = new_index.get(old) {
            citations.insert(TextRef::EventDetail(new), cited);
        }
    }
}

/// Reports each citation written in a title, where none is allowed.
fn not_allowed(walker: &mut Walker, claim: &Claim) {
    let mut place = Place::new(&claim.located);
    for range in cite::brackets(&claim.located.text) {
        let written = &claim.located.text[range.clone()];
        let span = place.span(walker.text, range.clone());
        walker
            .error(
                span,
                format!("citation not allowed here: a title cannot cite excerpts (`{written}`)"),
            )
            .help = Some(
            "cite the excerpt in the summary or a key point; quote the title without `[@`"
                .to_string(),
        );
    }
}

/// Reports the parts of `claim` that should cite an excerpt and do not.
fn uncited(walker: &mut Walker, claim: &Claim, citations: &[Range<usize>], place: &mut Place) {
    let cites = |range: &Range<usize>| {
        citations
            .iter()
            .any(|c| c.start >= range.start && c.start < range.end.max(range.start + 1))
    };
    match claim.kind {
        ClaimKind::Free | ClaimKind::Title => {}
        ClaimKind::Whole => {
            if citations.is_empty() {
                let span = claim.located.span.clone();
                walker.error(span, "this key point cites no excerpt").help =
                    Some(REQUIRED_HELP.to_string());
            }
        }
        ClaimKind::Paragraphs => {
            for paragraph in paragraphs(&claim.located.text) {
                if !cites(&paragraph) {
                    let start = paragraph.start;
                    let span = place.span(walker.text, start..start);
                    walker
                        .error(span, "this paragraph of the summary cites no excerpt")
                        .help = Some(REQUIRED_HELP.to_string());
                }
            }
        }
    }
}

const REQUIRED_HELP: &str =
    "the brief has `evidence = \"required\"`: cite the excerpt behind it as `[@id]`";

/// Turns ranges of a string's value into ranges of the file: exact when
/// the part is written literally in the file, else the string's start.
struct Place<'l> {
    located: &'l Located,
    /// Computed on the first problem only.
    map: Option<Option<Vec<usize>>>,
}

impl<'l> Place<'l> {
    fn new(located: &'l Located) -> Place<'l> {
        Place { located, map: None }
    }

    fn span(&mut self, file: &str, range: Range<usize>) -> Range<usize> {
        let span = self.located.span.clone();
        let raw = file.get(span.clone()).unwrap_or("");
        let value = &self.located.text;
        let map = self
            .map
            .get_or_insert_with(|| value_offsets(raw, value))
            .as_ref();
        let Some(map) = map else {
            return span.start..span.start;
        };
        let (Some(&from), Some(&to)) = (map.get(range.start), map.get(range.end)) else {
            return span.start..span.start;
        };
        let literal = raw.get(from..to) == value.get(range.clone());
        if literal && from <= to {
            span.start + from..span.start + to
        } else {
            span.start..span.start
        }
    }
}
