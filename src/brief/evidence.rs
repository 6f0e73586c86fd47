//! Format 2's evidence: resolving the citations of each text to excerpts,
//! and, under `evidence = "required"`, finding claims that cite nothing
//! and excerpts that nothing cites.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::cite::{self, paragraphs};
use super::model::{Brief, Citation, Event, Excerpt, Factor, TextCitations, TextRef};
use super::toml_string::value_offsets;
use super::walk::{Walker, closest};

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

/// A text that may carry citations, with where it was written. It borrows
/// the text from the model being built: a large brief's texts are not
/// copied once more to be checked.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub text: TextRef,
    /// The string's value, as the loader keeps it.
    pub value: &'a str,
    /// Where the string is written in the file, delimiters included.
    pub span: Range<usize>,
    pub kind: ClaimKind,
}

impl ClaimKind {
    /// Whether a text of this kind, written as `value`, has anything to
    /// check: a citation, or under `required` a claim that must cite.
    /// Texts without an `@` otherwise need not be kept for [`resolve`].
    pub fn to_check(self, value: &str, required: bool) -> bool {
        memchr::memchr(b'@', value.as_bytes()).is_some()
            || (required && matches!(self, ClaimKind::Paragraphs | ClaimKind::Whole))
    }
}

/// The excerpt ids the citations can name.
pub struct ExcerptIds<'a> {
    /// Valid ids and their excerpts.
    pub index: &'a HashMap<String, usize>,
    /// Every id written that is not in `index` (a citation of one whose
    /// definition had its own error is not reported again).
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
        let text = claim.value;
        if !claim.kind.to_check(text, required) {
            continue;
        }
        if claim.kind == ClaimKind::Title {
            not_allowed(walker, claim);
            continue;
        }
        let scan = cite::scan(text);
        let mut place = Place::new(claim);
        for problem in &scan.problems {
            let span = place.span(walker.text, problem.range.clone());
            walker.error(span, problem.message.clone()).help = problem.help.clone();
        }
        let mut citations = Vec::with_capacity(scan.groups.len());
        for group in &scan.groups {
            let mut excerpts = Vec::with_capacity(group.keys.len());
            for range in &group.keys {
                let key = &text[range.clone()];
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

/// The text of the claim `text` in the model being built.
pub fn claim_text<'a>(
    summary: Option<&'a str>,
    factors: &'a [Factor],
    events: &'a [Event],
    excerpts: &'a [Excerpt],
    text: TextRef,
) -> Option<&'a str> {
    match text {
        TextRef::BriefSummary => summary,
        TextRef::FactorSummary(f) => factors.get(f).map(|f| f.summary.as_str()),
        TextRef::KeyPoint(f, i) => factors.get(f)?.key_points.get(i).map(String::as_str),
        TextRef::EventDetail(e) => events.get(e)?.detail.as_deref(),
        TextRef::Annotation(x) => excerpts.get(x)?.annotation.as_deref(),
        _ => None,
    }
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
pub fn not_allowed(walker: &mut Walker, claim: &Claim) {
    let mut place = Place::new(claim);
    for range in cite::brackets(claim.value) {
        let written = &claim.value[range.clone()];
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
                let span = claim.span.clone();
                walker.error(span, "this key point cites no excerpt").help =
                    Some(REQUIRED_HELP.to_string());
            }
        }
        ClaimKind::Paragraphs => {
            for paragraph in paragraphs(claim.value) {
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
    value: &'l str,
    span: Range<usize>,
    /// Computed on the first problem only.
    map: Option<Option<Vec<usize>>>,
}

impl<'l> Place<'l> {
    fn new(claim: &Claim<'l>) -> Place<'l> {
        Place {
            value: claim.value,
            span: claim.span.clone(),
            map: None,
        }
    }

    fn span(&mut self, file: &str, range: Range<usize>) -> Range<usize> {
        let span = self.span.clone();
        let raw = file.get(span.clone()).unwrap_or("");
        let value = self.value;
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

/// For each excerpt, the texts citing it, in reading order (the bottom
/// line, then each factor's summary and key points, events' details,
/// excerpts' annotations), each once. Built once at load.
pub fn cited_by(
    citations: &BTreeMap<TextRef, TextCitations>,
    excerpts: usize,
) -> Vec<Vec<TextRef>> {
    let mut out = vec![Vec::new(); excerpts];
    // `TextRef`'s order puts the bottom line first, then factors' texts.
    for (&text, cited) in citations {
        for &x in cited.citations.iter().flat_map(|c| &c.excerpts) {
            if let Some(list) = out.get_mut(x)
                && list.last() != Some(&text)
                && !list.contains(&text)
            {
                list.push(text);
            }
        }
    }
    out
}

/// The claims of `brief` that should cite an excerpt and do not, in
/// reading order: a summary with a paragraph citing nothing (the bottom
/// line, a factor's), a key point citing nothing. Empty for format 1.
pub fn uncited_claims(brief: &Brief) -> Vec<TextRef> {
    if brief.format < 2 {
        return Vec::new();
    }
    let cites = |text: TextRef, range: &Range<usize>| {
        brief.citations_of(text).is_some_and(|c| {
            c.citations.iter().any(|c| {
                !c.excerpts.is_empty()
                    && c.range.start >= range.start
                    && c.range.start < range.end.max(range.start + 1)
            })
        })
    };
    let summary_uncited = |text: TextRef| {
        text.text(brief)
            .is_some_and(|t| paragraphs(t).iter().any(|p| !cites(text, p)))
    };
    let mut out = Vec::new();
    if summary_uncited(TextRef::BriefSummary) {
        out.push(TextRef::BriefSummary);
    }
    for (f, factor) in brief.factors.iter().enumerate() {
        if summary_uncited(TextRef::FactorSummary(f)) {
            out.push(TextRef::FactorSummary(f));
        }
        for (i, point) in factor.key_points.iter().enumerate() {
            let text = TextRef::KeyPoint(f, i);
            if !cites(text, &(0..point.len())) {
                out.push(text);
            }
        }
    }
    out
}

/// How a claim citing an excerpt is named in "cited by": `key point 2 of
/// Terrorism`, `the bottom line`.
pub fn claim_name(brief: &Brief, text: TextRef) -> String {
    let factor = |f: usize| brief.factors.get(f).map_or("?", |f| f.title.as_str());
    match text {
        TextRef::BriefSummary => "the bottom line".to_string(),
        TextRef::FactorSummary(f) => format!("the summary of {}", factor(f)),
        TextRef::KeyPoint(f, i) => format!("key point {} of {}", i + 1, factor(f)),
        TextRef::EventDetail(e) => match brief.events.get(e) {
            Some(e) => format!("the event {} {}", e.date, e.title),
            None => "an event".to_string(),
        },
        TextRef::Annotation(x) => match brief.excerpts.get(x) {
            Some(x) => format!("the note on excerpt {}", x.id),
            None => "an excerpt's note".to_string(),
        },
        TextRef::FactorTitle(f) => factor(f).to_string(),
        TextRef::EventTitle(e) => brief
            .events
            .get(e)
            .map_or(String::new(), |e| e.title.clone()),
        TextRef::Quote(x) | TextRef::SourceText(x) => format!("text {x}"),
    }
}

/// A text as the reader shows it, without its citations: each group (and
/// the space before it) and each escaping backslash left out. Search and
/// copy work on it; [`Shown::original`] maps ranges back to the text as
/// written, which notes and highlights count in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// `(shown offset, original offset)` at the start of each kept run.
    runs: Vec<(usize, usize)>,
}

impl Shown {
    /// `text` without the parts `cited` hides.
    pub fn new(text: &str, cited: &TextCitations) -> Shown {
        let mut hidden: Vec<Range<usize>> = cited.escapes.iter().map(|&at| at..at + 1).collect();
        for c in &cited.citations {
            let mut start = c.range.start;
            if start > 1 && text.get(..start).is_some_and(|t| t.ends_with(' ')) {
                start -= 1;
            }
            hidden.push(start..c.range.end);
        }
        hidden.sort_by_key(|r| r.start);
        let mut shown = Shown {
            text: String::with_capacity(text.len()),
            runs: Vec::new(),
        };
        let mut at = 0;
        for r in hidden {
            if r.start > at
                && let Some(part) = text.get(at..r.start)
            {
                shown.runs.push((shown.text.len(), at));
                shown.text.push_str(part);
            }
            at = at.max(r.end);
        }
        if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
            shown.runs.push((shown.text.len(), at));
            shown.text.push_str(rest);
        }
        shown
    }

    /// The original offset of shown offset `at`; an end offset (`end`)
    /// stays at the end of the run before a hidden part.
    fn original_at(&self, at: usize, end: bool) -> usize {
        let i = if end {
            self.runs.partition_point(|&(s, _)| s < at)
        } else {
            self.runs.partition_point(|&(s, _)| s <= at)
        };
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(&(s, o)) => o + (at - s),
            None => at,
        }
    }

    /// The range of the text as written that shown range `range` covers.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.original_at(range.start, false);
        let end = self.original_at(range.end, true).max(start);
        start..end
    }

    /// The shown words of original range `range`: what a reader copies.
    pub fn words_of(text: &str, cited: Option<&TextCitations>, range: Range<usize>) -> String {
        let Some(words) = text.get(range.clone()) else {
            return String::new();
        };
        let Some(cited) = cited else {
            return words.to_string();
        };
        let shown = Shown::new(text, cited);
        // Each kept byte of `range`, in order.
        let mut out = String::new();
        for (i, &(s, o)) in shown.runs.iter().enumerate() {
            let len = shown.runs.get(i + 1).map_or(shown.text.len(), |n| n.0) - s;
            let from = o.max(range.start);
            let to = (o + len).min(range.end);
            if from < to
                && let Some(part) = text.get(from..to)
            {
                out.push_str(part);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::model::Citation;

    fn cited(text: &str) -> TextCitations {
        let scan = cite::scan(text);
        TextCitations {
            citations: scan
                .groups
                .iter()
                .map(|g| Citation {
                    range: g.range.clone(),
                    excerpts: vec![0],
                })
                .collect(),
            escapes: scan.escapes,
        }
    }

    #[test]
    fn the_shown_text_leaves_citations_out_and_maps_back() {
        let text = r"311 soldiers [@ttp-toll] died; a \[@ stays [@a; @b].";
        let shown = Shown::new(text, &cited(text));
        assert_eq!(shown.text, "311 soldiers died; a [@ stays.");
        let at = shown.text.find("soldiers died").unwrap();
        let back = shown.original(at..at + "soldiers died".len());
        assert_eq!(&text[back], "soldiers [@ttp-toll] died");
        let at = shown.text.find("ttp-toll");
        assert_eq!(at, None, "hidden syntax is not searched");
        let at = shown.text.find("soldiers").unwrap();
        assert_eq!(&text[shown.original(at..at + 8)], "soldiers");
        let at = shown.text.find("stays.").unwrap();
        assert_eq!(&text[shown.original(at..at + 5)], "stays");
    }

    #[test]
    fn copied_words_leave_citations_out() {
        let text = r"311 soldiers [@ttp-toll] died [@a].";
        let words = Shown::words_of(text, Some(&cited(text)), 4..text.len());
        assert_eq!(words, "soldiers died.");
        assert_eq!(Shown::words_of(text, None, 0..3), "311");
    }
}
