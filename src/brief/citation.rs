//! The citation that goes with words copied from a brief:
//!
//! ```text
//! “{words}”
//! — {authors}, {title}, {publisher}, {date}. In “{brief title}”, {item}.
//! ```
//!
//! Words of a source (an excerpt's quote, a source's full text) cite the
//! source; the brief's own prose (summaries, key points, annotations,
//! events) cites the brief: its authors, title and as-of date. Missing
//! fields are left out, with their commas. The words are the brief's
//! original text; nothing here knows of terminals.

use super::model::{Brief, TextRef};

/// `A`, `A and B`, `A, B and C`.
fn join_names(names: &[String]) -> String {
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Non-empty parts joined by `, `.
fn list(parts: &[Option<String>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn some(text: &str) -> Option<String> {
    Some(text.to_string())
}

/// Where in the brief the words are: `factor “Terrorism”, key point 2`.
fn item(brief: &Brief, text: TextRef) -> Option<String> {
    let factor = |f: usize| {
        brief
            .factors
            .get(f)
            .map(|f| format!("factor “{}”", f.title))
    };
    let event = |e: usize| {
        brief
            .events
            .get(e)
            .map(|e| format!("event {} “{}”", e.date, e.title))
    };
    let excerpt = |x: usize| brief.excerpts.get(x).map(|x| format!("excerpt {}", x.id));
    Some(match text {
        TextRef::BriefSummary => "summary".to_string(),
        TextRef::FactorTitle(f) => factor(f)?,
        TextRef::FactorSummary(f) => format!("{}, summary", factor(f)?),
        TextRef::KeyPoint(f, i) => format!("{}, key point {}", factor(f)?, i + 1),
        TextRef::EventTitle(e) => event(e)?,
        TextRef::EventDetail(e) => format!("{}, detail", event(e)?),
        TextRef::Quote(x) => excerpt(x)?,
        TextRef::Annotation(x) => format!("annotation of {}", excerpt(x)?),
        TextRef::SourceText(s) => format!("source {}", brief.sources.get(s)?.id),
    })
}

/// `factor …` as the start of a sentence: `Factor …`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The source the words are from, when they are a source's words.
fn source_of(brief: &Brief, text: TextRef) -> Option<usize> {
    match text {
        TextRef::Quote(x) => brief.excerpts.get(x).map(|x| x.source),
        TextRef::SourceText(s) => Some(s),
        _ => None,
    }
}

/// The citation line, without the leading `— `.
pub fn citation(brief: &Brief, text: TextRef) -> String {
    let item = item(brief, text);
    let mut line = match source_of(brief, text).and_then(|s| brief.sources.get(s)) {
        Some(source) => {
            let head = list(&[
                Some(join_names(&source.authors)),
                some(&source.title),
                source.publisher.clone(),
                source.published.as_ref().map(ToString::to_string),
            ]);
            let place = list(&[
                (!brief.title.trim().is_empty()).then(|| format!("In “{}”", brief.title.trim())),
                item,
            ]);
            [head, place]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(". ")
        }
        None => {
            let head = list(&[
                Some(join_names(&brief.authors)),
                some(&brief.title),
                Some(brief.as_of.to_string()),
            ]);
            [head, capitalised(&item.unwrap_or_default())]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(". ")
        }
    };
    if !line.is_empty() && !line.ends_with('.') {
        line.push('.');
    }
    line
}

/// The words in quotation marks and their citation on the next line.
pub fn quote_with_citation(brief: &Brief, text: TextRef, words: &str) -> String {
    let line = citation(brief, text);
    if line.is_empty() {
        format!("“{words}”")
    } else {
        format!("“{words}”\n— {line}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load_bundled;

    fn bundled() -> Brief {
        load_bundled().brief.expect("the bundled brief loads")
    }

    #[test]
    fn names_are_joined_with_and() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_names(&names(&[])), "");
        assert_eq!(join_names(&names(&["A"])), "A");
        assert_eq!(join_names(&names(&["A", "B"])), "A and B");
        assert_eq!(join_names(&names(&["A", " ", "B", "C"])), "A, B and C");
    }

    #[test]
    fn a_quote_cites_its_source_with_every_field() {
        let mut brief = bundled();
        let x = 0;
        let s = brief.excerpts[x].source;
        let source = &mut brief.sources[s];
        source.authors = vec!["Ann Author".into(), "Bo Writer".into()];
        source.title = "The Report".into();
        source.publisher = Some("The Press".into());
        source.published = crate::brief::Date::parse("2025-03-04").ok();
        brief.title = "My Brief".into();
        let id = brief.excerpts[x].id.clone();
        assert_eq!(
            quote_with_citation(&brief, TextRef::Quote(x), "some words"),
            format!(
                "“some words”\n— Ann Author and Bo Writer, The Report, The Press, 2025-03-04. \
                 In “My Brief”, excerpt {id}."
            )
        );
    }

    #[test]
    fn missing_source_fields_leave_no_empty_commas() {
        let mut brief = bundled();
        let s = brief.excerpts[0].source;
        let source = &mut brief.sources[s];
        source.authors.clear();
        source.title = "Only a title".into();
        source.publisher = None;
        source.published = None;
        brief.title = "My Brief".into();
        let id = brief.excerpts[0].id.clone();
        let line = citation(&brief, TextRef::Quote(0));
        assert_eq!(line, format!("Only a title. In “My Brief”, excerpt {id}."));
        assert!(!line.contains(", ,") && !line.starts_with(','));
    }

    #[test]
    fn the_briefs_own_prose_cites_the_brief() {
        let mut brief = bundled();
        brief.title = "My Brief".into();
        brief.authors = vec!["Cy Analyst".into()];
        brief.factors[0].title = "Terrorism".into();
        let as_of = brief.as_of.to_string();
        assert_eq!(
            citation(&brief, TextRef::KeyPoint(0, 1)),
            format!("Cy Analyst, My Brief, {as_of}. Factor “Terrorism”, key point 2.")
        );
        brief.authors.clear();
        assert_eq!(
            citation(&brief, TextRef::BriefSummary),
            format!("My Brief, {as_of}. Summary.")
        );
    }
}
