//! The peek: `Enter` on a citation mark shows the excerpt it cites over
//! the panes (its quote, annotation, verification and source); from there
//! `Enter`/`s` opens the source view at the passage and `g` goes to the
//! excerpt where it is listed. Both are recorded jumps through
//! [`location::go`].

use super::action::Action;
use super::content::{short_citation, verification_mark};
use super::doc::Tone;
use super::layers::Popup;
use super::location::{self, Location, Record};
use super::state::State;
use crate::brief::{Brief, TextRef};

/// What the peek shows, worked out when it opens (drawing only reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peek {
    pub excerpt: usize,
    /// The mark's number in the view it was opened from.
    pub number: Option<usize>,
    /// Paragraphs of display-safe text, each with its tone.
    pub lines: Vec<(String, Tone)>,
}

/// Opens the peek at excerpt `excerpt`, whose mark is numbered `number`.
pub fn open(state: &mut State, excerpt: usize, number: Option<usize>) {
    let Some(lines) = lines(&state.brief, excerpt) else {
        return;
    };
    state.layers.popup = Some(Popup::Peek(Peek {
        excerpt,
        number,
        lines,
    }));
}

/// The peek's paragraphs: the quote, its annotation (as shown, marks for
/// its own citations), ✓/✗/?, what a misquote gets wrong, the source.
fn lines(brief: &Brief, excerpt: usize) -> Option<Vec<(String, Tone)>> {
    let x = brief.excerpts.get(excerpt)?;
    let safe = crate::text::wrap::Display::new;
    let mut out = vec![(format!("“{}”", safe(x.quote.trim()).text), Tone::Quote)];
    if let Some(annotation) = &x.annotation {
        let text = TextRef::Annotation(excerpt);
        let shown = match brief.citations_of(text) {
            Some(cited) => crate::brief::Shown::new(annotation, cited).text,
            None => annotation.clone(),
        };
        out.push((safe(shown.trim()).text, Tone::Body));
    }
    let (mark, tone) = verification_mark(&x.verification);
    out.push((mark.to_string(), tone));
    if let Some(misquote) = &x.misquote {
        out.push((
            safe(&super::content::misquote_line(brief, misquote)).text,
            Tone::NotFound,
        ));
    }
    let source = brief.sources.get(x.source)?;
    let mut cite = short_citation(source);
    if !source.authors.is_empty() {
        cite = format!("{} · {cite}", source.authors.join(", "));
    }
    out.push((format!("— {}", safe(&cite).text), Tone::Citation));
    Some(out)
}

/// A key in the peek.
pub fn action(state: &mut State, action: Action) {
    let Some(Popup::Peek(peek)) = &state.layers.popup else {
        return;
    };
    let excerpt = peek.excerpt;
    match action {
        Action::OpenSource => {
            let source = state.brief.excerpts[excerpt].source;
            let to = Location::Source {
                source,
                excerpt: Some(excerpt),
                offset: None,
            };
            // A source without its text stays in the peek, saying so.
            let popup = state.layers.popup.take();
            if !location::go(state, to, Record::Yes) {
                state.layers.popup = popup;
            }
        }
        Action::GoToExcerpt => {
            location::go(state, Location::Excerpt(excerpt), Record::Yes);
        }
        Action::Close => state.layers.popup = None,
        _ => {}
    }
}

/// The number excerpt `excerpt`'s marks carry in the detail pane: marks
/// are numbered in order of first appearance, as their items come.
pub fn number_in_view(state: &State, excerpt: usize) -> Option<usize> {
    let mut seen: Vec<usize> = Vec::new();
    for item in &state.laid_out.detail.items {
        if let super::state::DetailItem::Mark(x) = *item
            && !seen.contains(&x)
        {
            seen.push(x);
        }
    }
    seen.iter().position(|&x| x == excerpt).map(|i| i + 1)
}

/// `x`: the next claim after where the reader is that cites no excerpt (a
/// summary with an uncited paragraph, a key point), wrapping around; a
/// recorded jump.
pub fn next_uncited(state: &mut State) {
    let claims = crate::brief::uncited_claims(&state.brief);
    if claims.is_empty() {
        state.notice = Some(if state.brief.format < 2 {
            "this brief has no citations (format 1)".into()
        } else {
            "every claim cites an excerpt".into()
        });
        return;
    }
    // Where the reader is, as a claim to start after.
    let here = match location::here(state) {
        Location::KeyPoint { factor, point } => Some(TextRef::KeyPoint(factor, point)),
        Location::Factor(f) => Some(TextRef::FactorSummary(f)),
        Location::Overview => Some(TextRef::BriefSummary),
        _ => None,
    };
    // Reading order: the bottom line, then each factor's summary and key
    // points.
    let rank = |t: TextRef| match t {
        TextRef::FactorSummary(f) => (f + 1, 0),
        TextRef::KeyPoint(f, i) => (f + 1, i + 1),
        _ => (0, 0),
    };
    let next = here
        .and_then(|h| claims.iter().find(|&&c| rank(c) > rank(h)))
        .or(claims.first())
        .copied();
    let Some(to) = next.and_then(super::content::claim_location) else {
        return;
    };
    let wrapped = here.is_some_and(|h| next.is_some_and(|n| rank(n) <= rank(h)));
    let left = claims.len();
    if location::go(state, to, Record::Yes) {
        state.notice = Some(format!(
            "{} cites no excerpt ({}){}",
            next.map(|n| crate::brief::claim_name(&state.brief, n))
                .unwrap_or_default(),
            crate::check::plural(left, "uncited claim", "uncited claims"),
            if wrapped { "; back at the first" } else { "" }
        ));
    }
}
