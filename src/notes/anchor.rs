//! Finding notes' places again in a brief that may have changed since they
//! were written.
//!
//! An item-level note belongs to the item with its id, or is an orphan when
//! the id is gone. A passage is placed by these rules, in order:
//!
//! 1. The field's text is unchanged (same SHA-256) and the recorded offsets
//!    still hold the exact words: **anchored**, with no search at all.
//! 2. The exact words occur in the field (for key points: in any key point
//!    of the same factor). Each occurrence is scored by how well the text
//!    around it matches the recorded prefix and suffix (normalised
//!    Levenshtein). A clear winner with good context is taken at once:
//!    **anchored** at the recorded offsets, **moved** elsewhere.
//! 3. Otherwise a bounded approximate search (the shared matcher of
//!    `crate::text::approx`: at most a quarter of the passage's characters
//!    in edits, 64 at most) adds the near matches,
//!    and every candidate gets Hypothesis's score,
//!    `(50·quote + 20·prefix + 20·suffix + 2·position) / 92`. The best is
//!    taken when it scores at least 0.8 (an exact match with fair context,
//!    or a long exact match found nowhere else, also qualifies) **and**
//!    leads the next place by at least 0.05; a near match is **changed**
//!    (shown with a "text changed" badge).
//! 4. Anything else, including two places that match about equally well,
//!    is **orphaned**: better no place than a wrong one.

use std::collections::HashMap;

use super::{CONTEXT_CHARS, Field, ItemKind, Note, Passage, sha256_hex};
use crate::brief::Brief;
use crate::text::approx;
use crate::text::chars::CharIndex;
#[cfg(test)]
use find::find_all_counted;
use find::{ExactHits, find_all, find_near, find_one};

mod find;

/// Where a passage is in its field's current text (character offsets,
/// `end` excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Where it was written.
    Anchored { start: usize, end: usize },
    /// The same words, found elsewhere.
    Moved { start: usize, end: usize },
    /// Words close to the recorded ones: the text changed.
    Changed { start: usize, end: usize },
    /// Not found, or found in several places equally well.
    Orphaned,
}

impl Anchor {
    /// The character range, unless orphaned.
    pub fn range(&self) -> Option<std::ops::Range<usize>> {
        match *self {
            Anchor::Anchored { start, end }
            | Anchor::Moved { start, end }
            | Anchor::Changed { start, end } => Some(start..end),
            Anchor::Orphaned => None,
        }
    }

    /// `"anchored"`, `"moved"`, `"changed"` or `"orphaned"`.
    pub fn name(&self) -> &'static str {
        match self {
            Anchor::Anchored { .. } => "anchored",
            Anchor::Moved { .. } => "moved",
            Anchor::Changed { .. } => "changed",
            Anchor::Orphaned => "orphaned",
        }
    }
}

/// An item of a brief, by index into its vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Brief,
    Factor(usize),
    Event(usize),
    Excerpt(usize),
    Source(usize),
}

impl ItemRef {
    pub fn kind(self) -> ItemKind {
        match self {
            ItemRef::Brief => ItemKind::Brief,
            ItemRef::Factor(_) => ItemKind::Factor,
            ItemRef::Event(_) => ItemKind::Event,
            ItemRef::Excerpt(_) => ItemKind::Excerpt,
            ItemRef::Source(_) => ItemKind::Source,
        }
    }
}

/// Where one note belongs in the current brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Index into the notes given to [`place_all`].
    pub note: usize,
    /// The item the note belongs to; `None` for an orphan (its item is gone,
    /// or its passage could not be placed).
    pub item: Option<ItemRef>,
    /// For passage notes: where the passage is now. `None` for notes on a
    /// whole item (and for orphans whose item is gone).
    pub anchor: Option<Anchor>,
    /// The field the anchor's offsets are in: the recorded one, or for a
    /// key point that moved, the key point it is in now. `None` when there
    /// is no anchor range.
    pub field: Option<Field>,
    /// The anchor's range in bytes of that field's text (for drawing).
    pub bytes: Option<std::ops::Range<usize>>,
}

impl Placement {
    pub fn is_orphan(&self) -> bool {
        self.item.is_none()
    }
}

/// Places every note (see the module documentation), in the notes' order.
pub fn place_all(brief: &Brief, notes: &[Note]) -> Vec<Placement> {
    Placer::new(brief).place_all(notes)
}

/// What a [`Placer`] learnt about a brief's texts, kept between placings
/// (so that placing one note again after a save costs no pass over a
/// large text). Only valid for the brief it was made from.
#[derive(Default)]
pub struct FieldCache {
    fields: HashMap<(ItemRef, Field), FieldInfo>,
}

impl std::fmt::Debug for FieldCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldCache")
            .field("fields", &self.fields.len())
            .finish()
    }
}

/// The current text of `field` of `item` in `brief`.
pub fn item_text(brief: &Brief, item: ItemRef, field: Field) -> Option<&str> {
    match (item, field) {
        (ItemRef::Brief, Field::Title) => Some(&brief.title),
        (ItemRef::Brief, Field::Summary) => Some(&brief.summary),
        (ItemRef::Factor(i), Field::Title) => Some(&brief.factors.get(i)?.title),
        (ItemRef::Factor(i), Field::Summary) => Some(&brief.factors.get(i)?.summary),
        (ItemRef::Factor(i), Field::KeyPoint(k)) => {
            brief.factors.get(i)?.key_points.get(k).map(String::as_str)
        }
        (ItemRef::Event(i), Field::Title) => Some(&brief.events.get(i)?.title),
        (ItemRef::Event(i), Field::Detail) => brief.events.get(i)?.detail.as_deref(),
        (ItemRef::Excerpt(i), Field::Quote) => Some(&brief.excerpts.get(i)?.quote),
        (ItemRef::Excerpt(i), Field::Annotation) => brief.excerpts.get(i)?.annotation.as_deref(),
        (ItemRef::Source(i), Field::Title) => Some(&brief.sources.get(i)?.title),
        (ItemRef::Source(i), Field::Text) => brief.sources.get(i)?.text.as_deref(),
        _ => None,
    }
}

struct FieldInfo {
    sha256: String,
    /// Character offsets to byte offsets and back.
    index: CharIndex,
}

impl FieldInfo {
    fn new(text: &str) -> FieldInfo {
        FieldInfo {
            sha256: sha256_hex(text),
            index: CharIndex::new(text),
        }
    }
}

/// A field's current text, read by character offsets.
#[derive(Clone, Copy)]
pub(crate) struct FieldText<'a> {
    pub text: &'a str,
    pub index: &'a CharIndex,
}

impl FieldText<'_> {
    /// Characters in the text.
    fn len(&self) -> usize {
        self.index.len()
    }

    /// Characters `range` (clamped to the text), as a string slice.
    fn slice(&self, range: std::ops::Range<usize>) -> &str {
        &self.text[self.index.bytes(self.text, range)]
    }
}

/// Places notes one by one, caching what it learns about the brief's texts
/// (for placing a note again after an edit without redoing the others).
pub struct Placer<'b> {
    brief: &'b Brief,
    ids: HashMap<(ItemKind, &'b str), usize>,
    fields: HashMap<(ItemRef, Field), FieldInfo>,
    /// Exact occurrences found by [`Placer::place_all`]'s one pass over
    /// each text: by (item, field, exact words), character starts.
    /// `None` for words found too often (or a pass cut short): those are
    /// then looked for near each note's recorded place instead.
    exact_hits: HashMap<(ItemRef, Field), ExactHits>,
}

impl<'b> Placer<'b> {
    pub fn new(brief: &'b Brief) -> Placer<'b> {
        let mut ids = HashMap::new();
        let kinds = [
            (
                ItemKind::Factor,
                brief
                    .factors
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                ItemKind::Event,
                brief.events.iter().map(|e| e.id.as_str()).collect(),
            ),
            (
                ItemKind::Excerpt,
                brief.excerpts.iter().map(|e| e.id.as_str()).collect(),
            ),
            (
                ItemKind::Source,
                brief.sources.iter().map(|s| s.id.as_str()).collect(),
            ),
        ];
        for (kind, list) in kinds {
            for (i, id) in list.into_iter().enumerate() {
                ids.entry((kind, id)).or_insert(i);
            }
        }
        Placer {
            brief,
            ids,
            fields: HashMap::new(),
            exact_hits: HashMap::new(),
        }
    }

    /// A placer that reuses what `cache` knows of `brief`'s texts.
    pub fn with_cache(brief: &'b Brief, cache: FieldCache) -> Placer<'b> {
        let mut placer = Placer::new(brief);
        placer.fields = cache.fields;
        placer
    }

    /// What this placer learnt, for [`Placer::with_cache`].
    pub fn into_cache(self) -> FieldCache {
        FieldCache {
            fields: self.fields,
        }
    }

    /// Places every note. The exact words of all passages not placed by
    /// their text's hash are looked for in one multi-pattern pass over each
    /// text, not one search per note.
    pub fn place_all(&mut self, notes: &[Note]) -> Vec<Placement> {
        let mut wanted: HashMap<(ItemRef, Field), Vec<&str>> = HashMap::new();
        for note in notes {
            let Some(passage) = &note.target.passage else {
                continue;
            };
            let Some(item) = self.item(note.target.kind, note.target.id.as_deref()) else {
                continue;
            };
            if passage.exact.is_empty() {
                continue;
            }
            let fields = self.fields_for(item, passage.field);
            let in_place = fields.contains(&passage.field)
                && self.text(item, passage.field).is_some_and(|text| {
                    let info = &self.fields[&(item, passage.field)];
                    info.sha256 == passage.field_sha256 && holds_exact(text, &info.index, passage)
                });
            if in_place {
                continue;
            }
            for field in fields {
                wanted
                    .entry((item, field))
                    .or_default()
                    .push(passage.exact.as_str());
            }
        }
        for ((item, field), mut patterns) in wanted {
            patterns.sort_unstable();
            patterns.dedup();
            let Some(text) = self.text(item, field) else {
                continue;
            };
            let hits = find_all(text, &patterns, &self.fields[&(item, field)].index);
            self.exact_hits.insert((item, field), hits);
        }
        let placements = notes
            .iter()
            .enumerate()
            .map(|(i, note)| self.place(i, note))
            .collect();
        self.exact_hits.clear();
        placements
    }

    /// The fields a passage recorded in `field` of `item` may be in now:
    /// that one, and for a key point every key point of the factor (they
    /// get reordered and inserted); only those that exist.
    fn fields_for(&mut self, item: ItemRef, field: Field) -> Vec<Field> {
        let fields: Vec<Field> = match (item, field) {
            (ItemRef::Factor(f), Field::KeyPoint(_)) => (0..self.brief.factors[f].key_points.len())
                .map(Field::KeyPoint)
                .collect(),
            (_, field) => vec![field],
        };
        fields.into_iter().filter(|&f| self.info(item, f)).collect()
    }

    /// The item `kind`/`id` in this brief.
    pub fn item(&self, kind: ItemKind, id: Option<&str>) -> Option<ItemRef> {
        if kind == ItemKind::Brief {
            return Some(ItemRef::Brief);
        }
        let index = *self.ids.get(&(kind, id?))?;
        Some(match kind {
            ItemKind::Factor => ItemRef::Factor(index),
            ItemKind::Event => ItemRef::Event(index),
            ItemKind::Excerpt => ItemRef::Excerpt(index),
            ItemKind::Source => ItemRef::Source(index),
            ItemKind::Brief => ItemRef::Brief,
        })
    }

    /// The current text of `field` of `item`.
    pub fn text(&self, item: ItemRef, field: Field) -> Option<&'b str> {
        item_text(self.brief, item, field)
    }

    fn info(&mut self, item: ItemRef, field: Field) -> bool {
        if self.fields.contains_key(&(item, field)) {
            return true;
        }
        let Some(text) = self.text(item, field) else {
            return false;
        };
        self.fields.insert((item, field), FieldInfo::new(text));
        true
    }

    /// Where note `note` (at index `index` in the caller's list) belongs.
    pub fn place(&mut self, index: usize, note: &Note) -> Placement {
        let target = &note.target;
        let orphan = |anchor| Placement {
            note: index,
            item: None,
            anchor,
            field: None,
            bytes: None,
        };
        let Some(item) = self.item(target.kind, target.id.as_deref()) else {
            return orphan(target.passage.as_ref().map(|_| Anchor::Orphaned));
        };
        let Some(passage) = &target.passage else {
            return Placement {
                note: index,
                item: Some(item),
                anchor: None,
                field: None,
                bytes: None,
            };
        };
        let fields = self.fields_for(item, passage.field);
        let primary = fields.iter().position(|&f| f == passage.field);
        let brief = self.brief;
        let bytes = |info: &FieldInfo, field: Field, start: usize, end: usize| {
            let text = item_text(brief, item, field)?;
            Some(info.index.byte_of(text, start)..info.index.byte_of(text, end))
        };

        if let Some(p) = primary {
            let info = &self.fields[&(item, fields[p])];
            let text = self.text(item, fields[p]).unwrap_or_default();
            if info.sha256 == passage.field_sha256 && holds_exact(text, &info.index, passage) {
                return Placement {
                    note: index,
                    item: Some(item),
                    anchor: Some(Anchor::Anchored {
                        start: passage.start,
                        end: passage.end,
                    }),
                    field: Some(passage.field),
                    bytes: bytes(info, passage.field, passage.start, passage.end),
                };
            }
        }
        let texts: Vec<FieldText> = fields
            .iter()
            .map(|&f| FieldText {
                text: self.text(item, f).unwrap_or_default(),
                index: &self.fields[&(item, f)].index,
            })
            .collect();
        // Exact places from the one pass of `place_all`, when it ran;
        // else one substring search of each text for this note alone.
        let passage_field = Some(passage.field);
        let hits: Option<Vec<Vec<usize>>> = fields
            .iter()
            .map(|&f| {
                let text = self.text(item, f)?;
                let info = &self.fields[&(item, f)];
                let hint = if Some(f) == passage_field {
                    passage.start
                } else {
                    0
                };
                let found = match self.exact_hits.get(&(item, f)) {
                    Some(found) => found
                        .get(&passage.exact)
                        .cloned()
                        .unwrap_or(Some(Vec::new())),
                    None => find_one(text, &passage.exact, &info.index),
                };
                Some(found.unwrap_or_else(|| find_near(text, &passage.exact, &info.index, hint)))
            })
            .collect();
        match locate_with(passage, &texts, primary, hits.unwrap_or_default()) {
            Located::Orphaned => orphan(Some(Anchor::Orphaned)),
            Located::Found {
                field,
                start,
                end,
                errors,
            } => {
                let anchor = if errors > 0 {
                    Anchor::Changed { start, end }
                } else if Some(field) == primary && start == passage.start {
                    Anchor::Anchored { start, end }
                } else {
                    Anchor::Moved { start, end }
                };
                Placement {
                    note: index,
                    item: Some(item),
                    anchor: Some(anchor),
                    field: Some(fields[field]),
                    bytes: bytes(
                        &self.fields[&(item, fields[field])],
                        fields[field],
                        start,
                        end,
                    ),
                }
            }
        }
    }
}

fn holds_exact(text: &str, index: &CharIndex, passage: &Passage) -> bool {
    passage.start <= passage.end
        && passage.end <= index.len()
        && text[index.bytes(text, passage.start..passage.end)] == passage.exact
}

/// The outcome of a search for a passage among some texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Located {
    Found {
        field: usize,
        start: usize,
        end: usize,
        errors: usize,
    },
    Orphaned,
}

/// Least lead of the best place over the next one.
const LEAD: f64 = 0.05;
/// Least total score for a place.
const ACCEPT: f64 = 0.80;
/// Context score (mean of prefix and suffix) at which an exact match is
/// taken without looking for near matches.
const CONFIDENT_CONTEXT: f64 = 0.8;
/// Context score with which an exact match is good enough.
const FAIR_CONTEXT: f64 = 0.5;
/// An exact match at least this long, found once, needs no context.
const LONG_EXACT: usize = 32;
/// The most edits the approximate search allows.
const MAX_ERRORS: usize = 64;
/// The most near matches considered per text.
const MAX_NEAR: usize = 32;
/// The most exact places of one passage kept from a search of a text; a
/// passage found more often is looked for near its recorded place.
const MAX_EXACT_PLACES: usize = 1000;
/// The most exact places of one passage scored per text: the nearest to
/// its recorded place.
const SCORED_PLACES: usize = 16;
/// Words found too often are looked for this many characters either side
/// of the recorded place.
const EXACT_WINDOW: usize = 256 * 1024;
/// The one pass over a text stops after this many reports per byte of text
/// (many short patterns that overlap everywhere report at every position);
/// the passages it did not finish are looked for near their places.
const REPORTS_PER_BYTE: usize = 2;
/// Near matches are looked for within this many characters either side of
/// the recorded place (a bound on the work per note in a large text).
const NEAR_WINDOW: usize = 16 * 1024;
/// Passages longer than this are only found by their exact words.
const MAX_NEAR_CHARS: usize = 2048;

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

/// The last `n` characters of `text`.
fn last_chars(text: &str, n: usize) -> String {
    let start = match n.checked_sub(1) {
        None => text.len(),
        Some(back) => text.char_indices().rev().nth(back).map_or(0, |(at, _)| at),
    };
    text[start..].to_string()
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    field: usize,
    start: usize,
    end: usize,
    errors: usize,
    context: f64,
    total: f64,
}

impl Candidate {
    fn overlaps(&self, other: &Candidate) -> bool {
        self.field == other.field && self.start < other.end && other.start < self.end
    }
}

struct Scorer<'a> {
    texts: &'a [FieldText<'a>],
    prefix: String,
    suffix: String,
    prefix_len: usize,
    suffix_len: usize,
    primary: Option<usize>,
    hint: usize,
    len: usize,
}

impl Scorer<'_> {
    fn score(&self, field: usize, start: usize, end: usize, errors: usize) -> Candidate {
        let text = self.texts[field];
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        let before = text.slice(start.saturating_sub(self.prefix_len)..start);
        let after = text.slice(end..end.saturating_add(self.suffix_len).min(text.len()));
        let prefix = strsim::normalized_levenshtein(&self.prefix, before);
        let suffix = strsim::normalized_levenshtein(&self.suffix, after);
        let quote = 1.0 - errors as f64 / self.len.max(1) as f64;
        let position = if Some(field) == self.primary {
            1.0 - start.abs_diff(self.hint) as f64 / text.len().max(1) as f64
        } else {
            0.0
        };
        Candidate {
            field,
            start,
            end,
            errors,
            context: (prefix + suffix) / 2.0,
            total: (50.0 * quote + 20.0 * prefix + 20.0 * suffix + 2.0 * position) / 92.0,
        }
    }
}

/// Sorts best first and drops candidates overlapping a better one.
fn best_first(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then(a.errors.cmp(&b.errors))
            .then(a.field.cmp(&b.field))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if kept.iter().all(|k| !k.overlaps(&candidate)) {
            kept.push(candidate);
        }
    }
    kept
}

/// Finds `passage` in `texts` (`primary` is the recorded field, whose
/// offsets hint at the place).
#[cfg(test)]
pub(crate) fn locate(passage: &Passage, texts: &[FieldText], primary: Option<usize>) -> Located {
    // Exact places as placing finds them when it has no one pass's.
    let hits = texts
        .iter()
        .enumerate()
        .map(|(field, t)| {
            let hint = if Some(field) == primary {
                passage.start
            } else {
                0
            };
            find_one(t.text, &passage.exact, t.index)
                .unwrap_or_else(|| find_near(t.text, &passage.exact, t.index, hint))
        })
        .collect();
    locate_with(passage, texts, primary, hits)
}

/// [`locate`], given the exact places in each text when already known.
///
/// The work is bounded per note: the recorded context is cut to the
/// format's [`CONTEXT_CHARS`] (a longer one in a file is not trusted),
/// at most [`MAX_EXACT_PLACES`] exact places are scored, and near matches
/// are looked for only within [`NEAR_WINDOW`] of the recorded place.
fn locate_with(
    passage: &Passage,
    texts: &[FieldText],
    primary: Option<usize>,
    hits: Vec<Vec<usize>>,
) -> Located {
    let exact: Vec<char> = passage.exact.chars().collect();
    if exact.is_empty() {
        return Located::Orphaned;
    }
    let scorer = Scorer {
        texts,
        prefix_len: CONTEXT_CHARS,
        suffix_len: CONTEXT_CHARS,
        prefix: last_chars(&passage.prefix, CONTEXT_CHARS),
        suffix: first_chars(&passage.suffix, CONTEXT_CHARS),
        primary,
        hint: passage.start,
        len: exact.len(),
    };
    let found = |c: &Candidate| Located::Found {
        field: c.field,
        start: c.start,
        end: c.end,
        errors: c.errors,
    };
    let lead = |ranked: &[Candidate]| match ranked {
        [best, next, ..] => best.total - next.total,
        _ => f64::INFINITY,
    };

    let mut exacts = Vec::new();
    for field in 0..texts.len() {
        let mut starts: Vec<usize> = hits.get(field).cloned().unwrap_or_default();
        // Only the places nearest the recorded one are scored.
        if starts.len() > SCORED_PLACES {
            let hint = if Some(field) == primary {
                passage.start
            } else {
                0
            };
            starts.sort_by_key(|&s| (s.abs_diff(hint), s));
            starts.truncate(SCORED_PLACES);
        }
        for start in starts {
            exacts.push(scorer.score(field, start, start + exact.len(), 0));
        }
    }
    let ranked = best_first(exacts.clone());
    let exact_places = ranked.len();
    if let Some(best) = ranked.first()
        && best.context >= CONFIDENT_CONTEXT
        && lead(&ranked) >= LEAD
    {
        return found(best);
    }

    // Two exact places that tie, each scoring more than any near match
    // could (its words differ): no near match can settle it.
    let near_best = (50.0 * (1.0 - 1.0 / exact.len() as f64) + 42.0) / 92.0;
    if let [_, next, ..] = ranked.as_slice()
        && lead(&ranked) < LEAD
        && next.total >= near_best
    {
        return Located::Orphaned;
    }
    let k = (exact.len() / 4).min(MAX_ERRORS);
    let mut candidates = exacts;
    if k > 0 && exact.len() <= MAX_NEAR_CHARS {
        for (field, text) in texts.iter().enumerate() {
            // Offsets come from a file: no arithmetic on them may overflow.
            let from = passage.start.saturating_sub(NEAR_WINDOW).min(text.len());
            let to = (passage.end.max(passage.start))
                .saturating_add(NEAR_WINDOW)
                .min(text.len())
                .max(from);
            // The text shrank past the recorded place: look at its end.
            let (from, to) = if to - from < exact.len().saturating_add(k) {
                (
                    text.len().saturating_sub(2 * NEAR_WINDOW + exact.len()),
                    text.len(),
                )
            } else {
                (from, to)
            };
            let window = text.index.chars(text.text, from..to);
            for m in approx::all_within(&exact, &window, k, MAX_NEAR) {
                candidates.push(scorer.score(field, from + m.start, from + m.end, m.errors));
            }
        }
    }
    let ranked = best_first(candidates);
    let Some(best) = ranked.first() else {
        return Located::Orphaned;
    };
    let good_exact = best.errors == 0
        && (best.context >= FAIR_CONTEXT || (exact.len() >= LONG_EXACT && exact_places == 1));
    if lead(&ranked) >= LEAD && (best.total >= ACCEPT || good_exact) {
        found(best)
    } else {
        Located::Orphaned
    }
}

#[cfg(test)]
mod tests;
