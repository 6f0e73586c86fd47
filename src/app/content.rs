//! What the detail pane and the source view say, as documents.

use super::doc::{DocBuilder, Tone};
use super::location::Location;
use super::notes::NotesState;
use super::state::{DetailItem, Target};
use crate::brief::{Brief, Misquote, Source, TextRef, Verification};
use crate::notes::{Anchor, ItemRef, Note};

/// The mark and word for a verification state: never colour alone.
pub fn verification_mark(verification: &Verification) -> (&'static str, Tone) {
    match verification {
        Verification::Verified(_) => ("✓ verified", Tone::Verified),
        Verification::NotFound => ("✗ not found in source", Tone::NotFound),
        Verification::Unverifiable => ("? unverifiable", Tone::Unverifiable),
    }
}

/// `Title, Authors, Publisher, 2025-11-08`: a source in full.
pub fn citation(source: &Source) -> String {
    let mut parts = vec![source.title.clone()];
    if !source.authors.is_empty() {
        parts.push(source.authors.join(", "));
    }
    if let Some(publisher) = &source.publisher {
        parts.push(publisher.clone());
    }
    if let Some(date) = &source.published {
        parts.push(date.to_string());
    }
    parts.join(", ")
}

/// `Title, Publisher, 2025-11-08`: what an excerpt cites.
/// What a quote not found says about where it goes wrong, as `check`
/// does: another source holding it verbatim, or its closest passage.
pub fn misquote_line(brief: &Brief, misquote: &Misquote) -> String {
    match misquote.elsewhere.and_then(|s| brief.sources.get(s)) {
        Some(other) => format!(
            "another source of the brief holds it verbatim: {}",
            short_citation(other)
        ),
        None if misquote.passage.is_some() => format!("closest passage: {}", misquote.hint),
        None => misquote.hint.clone(),
    }
}

pub fn short_citation(source: &Source) -> String {
    let mut parts = vec![source.title.clone()];
    parts.extend(source.publisher.clone());
    parts.extend(source.published.map(|d| d.to_string()));
    parts.join(", ")
}

/// The detail pane's document for a target: the paragraphs, the
/// selectable items in order, and where each link item goes.
pub struct DetailDoc {
    pub builder: DocBuilder,
    pub items: Vec<DetailItem>,
    /// Indexed by [`DetailItem::Link`].
    pub links: Vec<Location>,
}

/// Builds the detail pane's document for `target`, with the user's notes
/// inline under the items they belong to.
pub fn detail(brief: &Brief, notes: &NotesState, target: Target) -> DetailDoc {
    let mut b = DocBuilder::new();
    let mut items = Vec::new();
    let mut links = Vec::new();
    let mut c = Content {
        brief,
        notes,
        b: &mut b,
        items: &mut items,
        links: &mut links,
        listed: Vec::new(),
    };
    match target {
        Target::Overview => c.overview(),
        Target::Factor(i) => c.factor(i),
        Target::Event(i) => c.event(i),
    }
    c.number_listed();
    DetailDoc {
        builder: b,
        items,
        links,
    }
}

/// How a link starts: an arrow, so a link never relies on colour alone
/// (its words are underlined too).
pub const LINK_MARK: &str = "→ ";

struct Content<'a> {
    brief: &'a Brief,
    notes: &'a NotesState,
    b: &'a mut DocBuilder,
    items: &'a mut Vec<DetailItem>,
    links: &'a mut Vec<Location>,
    /// Excerpts listed so far with the paragraph of their quote, for the
    /// numbers of those cited only further down.
    listed: Vec<(usize, usize)>,
}

/// When a note was written, and when it was last changed if it was:
/// `2025-11-25 15:03 +01:00, edited 2025-11-26 09:10 +01:00`.
pub fn when(note: &Note) -> String {
    let mut when = crate::local_time::minute(note.created);
    if note.updated != note.created {
        when.push_str(", edited ");
        when.push_str(&crate::local_time::minute(note.updated));
    }
    when
}

/// `text` (the text `text_ref` of the brief) as shown on its own: its
/// citations as marks numbered from ¹, sanitised, on one paragraph.
pub fn shown_with_marks(brief: &Brief, text_ref: TextRef, text: &str) -> String {
    let mut b = DocBuilder::new();
    let para = b.cited_field(text_ref, text, brief.citations_of(text_ref), Tone::Body);
    std::mem::take(&mut para.text)
}

/// Where going to a text that cites excerpts takes the reader.
pub fn claim_location(text: TextRef) -> Option<Location> {
    Some(match text {
        TextRef::BriefSummary => Location::Overview,
        TextRef::FactorSummary(f) => Location::Factor(f),
        TextRef::KeyPoint(factor, point) => Location::KeyPoint { factor, point },
        TextRef::EventDetail(e) => Location::Event(e),
        TextRef::Annotation(x) => Location::Excerpt(x),
        _ => return None,
    })
}

impl Content<'_> {
    /// The citation marks of the cited field just added, each an item
    /// right after its text (`Enter` peeks at the excerpt).
    fn marks(&mut self) {
        let marks = self.b.last_marks().to_vec();
        for (excerpt, range) in marks {
            self.items.push(DetailItem::Mark(excerpt));
            self.b.inline_item(range);
        }
    }

    /// Gives listed excerpts cited only further down (by an annotation)
    /// their numbers too.
    fn number_listed(&mut self) {
        for (excerpt, para) in std::mem::take(&mut self.listed) {
            if let Some(number) = self.b.listed_number(excerpt) {
                let para = self.b.para_mut(para);
                if para.prefix.as_ref().is_some_and(|(p, _)| p == "“") {
                    para.prefix(format!("{number} “"), Tone::Quote);
                }
            }
        }
    }

    /// What cites excerpt `index`, as links: `cited by: key point 2 of
    /// Terrorism`.
    fn cited_by(&mut self, index: usize) {
        let brief = self.brief;
        for &text in brief.citing(index) {
            if let Some(to) = claim_location(text) {
                let label = format!("cited by: {}", crate::brief::claim_name(brief, text));
                self.link(to, &label, 2);
            }
        }
    }
    /// A link item: `→ label`, selectable; `Enter` goes to `to`. Any
    /// location can be linked to: a new kind of link is one call here.
    fn link(&mut self, to: Location, label: &str, indent: u16) {
        self.items.push(DetailItem::Link(self.links.len()));
        self.links.push(to);
        self.b.begin_item();
        self.b
            .line(label, Tone::Link)
            .prefix(LINK_MARK, Tone::Label)
            .indent(indent);
        self.b.end_item();
    }

    /// A source as an item: a link when its full text can be opened, a
    /// bullet otherwise. Returns the builder for the lines under it.
    fn source_item(&mut self, source: usize) {
        let s = &self.brief.sources[source];
        self.items.push(DetailItem::Source(source));
        self.b.begin_item();
        if s.text.is_some() {
            self.b
                .line(citation(s), Tone::Link)
                .prefix(LINK_MARK, Tone::Label);
        } else {
            self.b
                .line(citation(s), Tone::Body)
                .prefix("• ", Tone::Label);
        }
    }

    /// The notes on `item`, each a selectable item, but for passage notes
    /// shown beside their words ([`Content::notes_beside`]).
    fn notes_of(&mut self, item: ItemRef, indent: u16) {
        for &n in self.notes.on_item(item) {
            if self.beside_text(n).is_none() {
                self.note(n, indent);
            }
        }
    }

    /// The text a passage note is shown under, when it is one shown on its
    /// own (a summary, a key point, an event's detail); other notes stay
    /// under their item's title (an excerpt's are under the excerpt, which
    /// ends with its annotation).
    fn beside_text(&self, n: usize) -> Option<TextRef> {
        let placement = self.notes.placements.get(n)?;
        let item = placement.item?;
        let text = super::notes::text_ref(item, placement.field?)?;
        let placed = self.notes.by_text.get(&text)?.iter().any(|(i, _)| *i == n);
        (placed
            && matches!(
                text,
                TextRef::BriefSummary
                    | TextRef::FactorSummary(_)
                    | TextRef::KeyPoint(..)
                    | TextRef::EventDetail(_)
            ))
        .then_some(text)
    }

    /// The passage notes on `text`, right under it, in the order of their
    /// words.
    fn notes_beside(&mut self, text: TextRef, indent: u16) {
        let Some(noted) = self.notes.by_text.get(&text) else {
            return;
        };
        let mut noted: Vec<(usize, usize)> = noted
            .iter()
            .filter(|(n, _)| self.beside_text(*n) == Some(text))
            .map(|(n, range)| (range.start, *n))
            .collect();
        noted.sort_unstable();
        for (_, n) in noted {
            self.note(n, indent);
        }
    }

    /// Note `n` as a selectable item: its heading, then its body.
    fn note(&mut self, n: usize, indent: u16) {
        {
            let note = &self.notes.notes[n];
            let placement = &self.notes.placements[n];
            self.items.push(DetailItem::Note(n));
            self.b.begin_item();
            let mut head = String::from("note");
            if let Some(passage) = &note.target.passage {
                head = format!(
                    "note on “{}” ({})",
                    crate::text::sanitize::one_line(&passage.exact, 60),
                    passage.field.describe()
                );
                match placement.anchor {
                    Some(Anchor::Changed { .. }) => head.push_str(" · text changed"),
                    Some(Anchor::Moved { .. }) => head.push_str(" · moved"),
                    _ => {}
                }
            }
            head.push_str(&format!(" · {}", when(note)));
            if self.notes.conflicts_of(&note.id).next().is_some() {
                head.push_str(" · ⚠ conflict: another text was saved too, m shows both");
            }
            self.b
                .line(head, Tone::NoteHead)
                .prefix("✎ ", Tone::NoteHead)
                .indent(indent);
            // A changed passage: the words the note was written on, and
            // those there now.
            if let (Some(passage), Some(Anchor::Changed { .. })) =
                (&note.target.passage, placement.anchor)
            {
                let now = placement
                    .field
                    .zip(placement.bytes.clone())
                    .and_then(|(field, bytes)| {
                        crate::notes::item_text(self.brief, placement.item?, field)?.get(bytes)
                    })
                    .unwrap_or_default();
                self.b
                    .line(
                        format!(
                            "written on “{}” · there now “{}”",
                            crate::text::sanitize::one_line(&passage.exact, 200),
                            crate::text::sanitize::one_line(now, 200)
                        ),
                        Tone::Muted,
                    )
                    .indent(indent + 2);
            }
            let body = if note.body.trim().is_empty() {
                "(empty)"
            } else {
                note.body.trim()
            };
            self.b.text(body, Tone::Note).indent(indent + 2);
            self.b.end_item();
        }
    }

    fn overview(&mut self) {
        let (brief, b) = (self.brief, &mut *self.b);
        b.text(&brief.title, Tone::Title);
        if let Some(subtitle) = &brief.subtitle {
            b.text(subtitle, Tone::Muted);
        }
        b.line(format!("As of {}", brief.as_of), Tone::Muted);
        self.notes_of(ItemRef::Brief, 0);
        let b = &mut *self.b;
        b.blank();
        b.line("Bottom line", Tone::Heading);
        b.cited_field(
            TextRef::BriefSummary,
            &brief.summary,
            brief.citations_of(TextRef::BriefSummary),
            Tone::Body,
        );
        self.marks();
        self.notes_beside(TextRef::BriefSummary, 0);
        let b = &mut *self.b;
        if !brief.tags.is_empty() {
            b.blank();
            b.line(format!("Tags: {}", brief.tags.join(", ")), Tone::Muted);
        }
        if !brief.authors.is_empty() {
            b.line(
                format!("Authors: {}", brief.authors.join(", ")),
                Tone::Muted,
            );
        }
        b.blank();
        b.line(format!("Sources ({})", brief.sources.len()), Tone::Heading);
        for (i, source) in brief.sources.iter().enumerate() {
            self.source_item(i);
            let b = &mut *self.b;
            let quoted = brief.excerpts_of_source(i).count();
            let full_text = if source.text.is_some() {
                "full text available"
            } else {
                "no full text"
            };
            let quoted = crate::check::plural(quoted, "excerpt", "excerpts");
            b.line(format!("{quoted} · {full_text}"), Tone::Muted)
                .indent(2);
            if let Some(url) = &source.url {
                b.text(url, Tone::Muted).indent(2);
            }
            b.end_item();
            self.notes_of(ItemRef::Source(i), 2);
        }
        let counts = brief.verification_counts();
        let b = &mut *self.b;
        b.blank();
        b.line(
            format!(
                "Quotes: {} verified, {} not found, {} unverifiable",
                counts.verified, counts.not_found, counts.unverifiable
            ),
            Tone::Muted,
        );
        if !self.notes.orphans.is_empty() {
            b.line(
                format!(
                    "{} of your notes lost their place (m lists them)",
                    self.notes.orphans.len()
                ),
                Tone::NotFound,
            );
        }
    }

    fn factor(&mut self, index: usize) {
        let brief = self.brief;
        let Some(factor) = brief.factors.get(index) else {
            return;
        };
        let b = &mut *self.b;
        b.field(TextRef::FactorTitle(index), &factor.title, Tone::Title)
            .prefix(format!("{}. ", index + 1), Tone::Title);
        if let Some(confidence) = factor.confidence {
            b.line(format!("Confidence: {}", confidence.name()), Tone::Muted);
        }
        // The reader's own notes come first, so they are in view on opening.
        self.notes_of(ItemRef::Factor(index), 0);
        let b = &mut *self.b;
        b.blank();
        let summary = TextRef::FactorSummary(index);
        b.cited_field(
            summary,
            &factor.summary,
            brief.citations_of(summary),
            Tone::Body,
        );
        self.marks();
        self.notes_beside(summary, 0);
        if !factor.key_points.is_empty() {
            self.b.blank();
            self.b.line("Key points", Tone::Heading);
            for (i, point) in factor.key_points.iter().enumerate() {
                self.items.push(DetailItem::KeyPoint(i));
                let b = &mut *self.b;
                b.begin_item();
                let text = TextRef::KeyPoint(index, i);
                b.cited_field(text, point, brief.citations_of(text), Tone::Body)
                    .prefix("• ", Tone::Label);
                b.end_item();
                self.marks();
                self.notes_beside(text, 2);
            }
        }
        let b = &mut *self.b;
        if !factor.related.is_empty() {
            b.blank();
            b.line("Related", Tone::Heading);
            for &r in &factor.related {
                let label = format!("{}. {}", r + 1, brief.factors[r].title);
                self.link(Location::Factor(r), &label, 0);
            }
        }
        let excerpts: Vec<usize> = brief.excerpts_of_factor(index).collect();
        if !excerpts.is_empty() {
            let b = &mut *self.b;
            b.blank();
            b.line(format!("Excerpts ({})", excerpts.len()), Tone::Heading);
            for e in excerpts {
                self.excerpt(e, None);
            }
        }
    }

    /// Excerpt `index` as an item, then links to its events (but
    /// `showing`, the event whose detail this is), then the notes on it.
    fn excerpt(&mut self, index: usize, showing: Option<usize>) {
        let brief = self.brief;
        self.items.push(DetailItem::Excerpt(index));
        let b = &mut *self.b;
        let excerpt = &brief.excerpts[index];
        b.blank();
        b.begin_item();
        // Numbered as the marks citing it in this view are.
        let number = b.listed_number(index);
        let quote = b.field(TextRef::Quote(index), &excerpt.quote, Tone::Quote);
        match &number {
            Some(number) => quote.prefix(format!("{number} “"), Tone::Quote),
            None => quote.prefix("“", Tone::Quote),
        };
        quote.text.push('”');
        if number.is_none() {
            self.listed.push((index, b.last_para()));
        }
        let (mark, tone) = verification_mark(&excerpt.verification);
        let source = &brief.sources[excerpt.source];
        b.line(format!("— {}", short_citation(source)), Tone::Citation)
            .indent(2);
        let noted = self.notes.count(ItemRef::Excerpt(index));
        if noted > 0 {
            // The mark keeps its own tone; the count follows in the notes'.
            let text = format!("{mark} · ✎{noted}");
            let at = mark.len();
            b.line(text, tone).indent(2).mark(
                at..at + " · ✎".len() + noted.to_string().len(),
                Tone::NoteHead,
            );
        } else {
            b.line(mark, tone).indent(2);
        }
        if let Some(misquote) = &excerpt.misquote {
            b.line(misquote_line(brief, misquote), Tone::NotFound)
                .indent(4);
        }
        if let Some(annotation) = &excerpt.annotation {
            let text = TextRef::Annotation(index);
            b.cited_field(text, annotation, brief.citations_of(text), Tone::Body)
                .indent(2);
        }
        b.end_item();
        self.marks();
        for &e in excerpt.events.iter().filter(|&&e| Some(e) != showing) {
            let event = &brief.events[e];
            let label = format!("event: {} {}", event.date, event.title);
            self.link(Location::Event(e), &label, 2);
        }
        self.cited_by(index);
        self.notes_of(ItemRef::Excerpt(index), 2);
    }

    fn event(&mut self, index: usize) {
        let brief = self.brief;
        let Some(event) = brief.events.get(index) else {
            return;
        };
        let b = &mut *self.b;
        b.line(event.date.to_string(), Tone::Muted);
        b.field(TextRef::EventTitle(index), &event.title, Tone::Title);
        if let Some(place) = &event.place {
            b.line(format!("Place: {place}"), Tone::Muted);
        }
        self.notes_of(ItemRef::Event(index), 0);
        let b = &mut *self.b;
        if let Some(detail) = &event.detail {
            b.blank();
            let text = TextRef::EventDetail(index);
            b.cited_field(text, detail, brief.citations_of(text), Tone::Body);
            self.marks();
            self.notes_beside(text, 0);
        }
        if !event.factors.is_empty() {
            self.b.blank();
            self.b.line("Factors", Tone::Heading);
            for &f in &event.factors {
                let label = format!("{}. {}", f + 1, brief.factors[f].title);
                self.link(Location::Factor(f), &label, 0);
            }
        }
        if !event.sources.is_empty() {
            self.b.blank();
            self.b.line("Sources", Tone::Heading);
            for &s in &event.sources {
                self.source_item(s);
                self.b.end_item();
            }
        }
        let excerpts: Vec<usize> = brief.excerpts_of_event(index).collect();
        if !excerpts.is_empty() {
            let b = &mut *self.b;
            b.blank();
            b.line(
                format!("Excerpts citing it ({})", excerpts.len()),
                Tone::Heading,
            );
            for e in excerpts {
                self.excerpt(e, Some(index));
            }
        }
    }
}

/// The source view's document: the source's text, a paragraph per line
/// with a blank row between paragraphs, every verified passage of the
/// brief's excerpts marked (the current excerpt is laid over at draw time,
/// so moving between excerpts never re-wraps the text). Returns the
/// builder and the excerpts in text order with the paragraph each starts
/// in.
pub fn source_text(brief: &Brief, notes: &NotesState, source: usize) -> SourceDoc {
    let mut b = DocBuilder::new();
    let Some(text) = &brief.sources[source].text else {
        b.line("This source has no full text in the brief.", Tone::Muted);
        return SourceDoc {
            builder: b,
            firsts: Vec::new(),
            notes: Vec::new(),
        };
    };
    let paras = b.field_paragraphs(TextRef::SourceText(source), text, Tone::Body);
    let doc_map = b.last_field().expect("just added").clone();
    // Passages in display offsets, in text order.
    let mut passages: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for e in brief.excerpts_of_source(source) {
        if let Verification::Verified(ranges) = &brief.excerpts[e].verification {
            for range in ranges {
                if let Some(shown) = doc_map.display_range(range.clone()) {
                    passages.push((shown, e));
                }
            }
        }
    }
    passages.sort_by_key(|(r, _)| r.start);
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    let mut seen = vec![false; brief.excerpts.len()];
    // Both lists are in text order: walk them together.
    let mut from = 0;
    for &para_index in &paras {
        let para = b.para_mut(para_index);
        let start = para.origin.map_or(0, |o| o.display_start);
        let end = start + para.text.len();
        while passages.get(from).is_some_and(|(r, _)| r.end <= start) {
            from += 1;
        }
        for (range, excerpt) in passages.get(from..).unwrap_or_default() {
            if range.start > end {
                break;
            }
            if range.end > start {
                let mark_from = range.start.max(start) - start;
                let mark_to = range.end.min(end) - start;
                para.mark(mark_from..mark_to, Tone::Quoted);
                if !std::mem::replace(&mut seen[*excerpt], true) {
                    firsts.push((*excerpt, para_index));
                }
            }
        }
    }
    firsts.sort_by_key(|&(_, para)| para);
    // Each noted passage's note right under the paragraph its words start
    // in, in the order of their words, as in the detail pane.
    let mut noted: Vec<(usize, usize)> = notes
        .by_text
        .get(&TextRef::SourceText(source))
        .map(|noted| {
            noted
                .iter()
                .filter_map(|(n, range)| {
                    let shown = doc_map.display_range(range.clone())?;
                    let at = paras.partition_point(|&p| {
                        b.para_start(p).is_some_and(|start| start <= shown.start)
                    });
                    Some((paras[at.checked_sub(1)?], *n))
                })
                .collect()
        })
        .unwrap_or_default();
    noted.sort_unstable_by_key(|&(para, n)| {
        let start = notes.placements[n].bytes.as_ref().map_or(0, |r| r.start);
        (para, start)
    });
    let after: Vec<usize> = noted.iter().map(|&(para, _)| para).collect();
    let mut items = Vec::new();
    let mut links = Vec::new();
    let moved = b.interleave(&after, |b, k| {
        let mut c = Content {
            brief,
            notes,
            b,
            items: &mut items,
            links: &mut links,
            listed: Vec::new(),
        };
        c.note(noted[k].1, 2);
    });
    for (_, para) in &mut firsts {
        *para = moved[*para];
    }
    let notes = items
        .into_iter()
        .filter_map(|item| match item {
            DetailItem::Note(n) => Some(n),
            _ => None,
        })
        .collect();
    SourceDoc {
        builder: b,
        firsts,
        notes,
    }
}

/// A source's text laid out for the source view.
pub struct SourceDoc {
    pub builder: DocBuilder,
    /// The excerpts in text order, with the paragraph each starts in.
    pub firsts: Vec<(usize, usize)>,
    /// The note of each selectable item of the document (the notes shown
    /// under their paragraphs), in order.
    pub notes: Vec<usize>,
}
