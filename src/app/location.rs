//! Places in a brief the reader can go to, and the one function that takes
//! it there. The palette, `n`/`N`, the notes list, the reading place, links
//! and the jump list all go through [`go`], so they land the same way.
//!
//! In memory a location holds indices into the brief (they cannot change
//! while a brief is open) and a note's id (notes are re-read and re-sorted
//! while the reader runs). The reading place stores locations by id
//! ([`super::place`]).

use super::state::{DetailItem, Pane, SourceView, State, Target};
use crate::brief::Verification;
use crate::notes::ItemRef;

/// Somewhere in the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Overview,
    Factor(usize),
    /// Key point `point` of factor `factor`, selected in the factor.
    KeyPoint {
        factor: usize,
        point: usize,
    },
    /// An excerpt, selected in the detail pane where it belongs: its first
    /// factor, else its first event; an excerpt of neither is shown only
    /// in its source, so it opens there.
    Excerpt(usize),
    Event(usize),
    /// A source's full text in the source view: at an excerpt of it (the
    /// current one, for `]`/`[`), and at a byte of its text (scrolled a
    /// third of the way down, as going to an excerpt does).
    Source {
        source: usize,
        excerpt: Option<usize>,
        offset: Option<usize>,
    },
    /// A note (by id), selected under the item it belongs to.
    Note(String),
}

/// An entry of the jump list: a location and where the detail pane was
/// scrolled and which item it had selected there, so going back returns
/// to the very row (the link that was followed), as a browser does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub at: Location,
    /// The detail pane's scroll (0 in the source view: its location says
    /// where it was).
    pub scroll: usize,
    /// The detail pane's selected item, by position.
    pub selected: Option<usize>,
}

/// Where the reader is now, for the jump list.
pub fn spot(state: &State) -> Spot {
    let in_detail = state.layers.view.is_none();
    Spot {
        at: here(state),
        scroll: if in_detail {
            state.reading.detail.scroll
        } else {
            0
        },
        selected: state.reading.detail.selected.filter(|_| in_detail),
    }
}

/// Goes back to `spot` (not a new jump): its location, then its scroll
/// and, when the location names no item itself, its selection (the
/// layout clamps both if the text got shorter).
fn return_to(state: &mut State, spot: Spot) -> bool {
    let in_detail = !matches!(resolve(state, &spot.at), Ok(Shown::Source { .. }));
    if !go(state, spot.at, Record::No) {
        return false;
    }
    if in_detail {
        state.reading.detail.scroll = spot.scroll;
        if state.reading.detail.pending_select.is_none() {
            state.reading.detail.selected = spot.selected;
            state.reading.detail.reveal = false;
        }
    }
    true
}

/// Whether a move records where the reader was in the jump list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A jump: `Ctrl-o` comes back here.
    Yes,
    /// Plain movement (j/k, a factor key), or walking the jump list itself.
    No,
}

/// What shows a location: the detail pane's target with an item to select,
/// or the source view.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Detail {
        target: Target,
        /// The factors pane's row: 0 the overview, N factor N-1; None
        /// keeps it (an event is shown over the factor it was reached from).
        factor_row: Option<usize>,
        select: Option<DetailItem>,
    },
    Source {
        source: usize,
        excerpt: Option<usize>,
        offset: Option<usize>,
    },
}

/// The screen a location is on, for deciding whether a move leaves the
/// current item: the detail pane's target, or a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Detail(Target),
    Source(usize),
}

impl Shown {
    fn screen(&self) -> Screen {
        match self {
            Shown::Detail { target, .. } => Screen::Detail(*target),
            Shown::Source { source, .. } => Screen::Source(*source),
        }
    }
}

/// Where the detail pane shows excerpt `x`: its first factor, else its
/// first event; None when neither (then only its source shows it).
fn excerpt_home(state: &State, excerpt: usize) -> Option<(Target, Option<usize>)> {
    let e = state.brief.excerpts.get(excerpt)?;
    if let Some(&f) = e.factors.first() {
        return Some((Target::Factor(f), Some(f + 1)));
    }
    e.events.first().map(|&ev| (Target::Event(ev), None))
}

/// What shows `to`, or why it cannot be shown.
fn resolve(state: &State, to: &Location) -> Result<Shown, String> {
    let brief = &state.brief;
    let detail = |target, factor_row, select| Shown::Detail {
        target,
        factor_row,
        select,
    };
    let gone = || "that place is no longer in this brief".to_string();
    Ok(match *to {
        Location::Overview => detail(Target::Overview, Some(0), None),
        Location::Factor(f) if f < brief.factors.len() => {
            detail(Target::Factor(f), Some(f + 1), None)
        }
        Location::KeyPoint { factor, point }
            if brief
                .factors
                .get(factor)
                .is_some_and(|f| point < f.key_points.len()) =>
        {
            detail(
                Target::Factor(factor),
                Some(factor + 1),
                Some(DetailItem::KeyPoint(point)),
            )
        }
        Location::Excerpt(x) if x < brief.excerpts.len() => match excerpt_home(state, x) {
            Some((target, row)) => detail(target, row, Some(DetailItem::Excerpt(x))),
            None => {
                let source = brief.excerpts[x].source;
                return resolve(
                    state,
                    &Location::Source {
                        source,
                        excerpt: Some(x),
                        offset: None,
                    },
                );
            }
        },
        Location::Event(e) if e < brief.events.len() => detail(Target::Event(e), None, None),
        Location::Source {
            source,
            excerpt,
            offset,
        } if source < brief.sources.len() => {
            if brief.sources[source].text.is_none() {
                return Err("this source has no full text in the brief".into());
            }
            Shown::Source {
                source,
                excerpt: excerpt.filter(|&x| x < brief.excerpts.len()),
                offset,
            }
        }
        Location::Note(ref id) => {
            let index = state
                .notes
                .notes
                .iter()
                .position(|n| n.id == *id)
                .ok_or_else(|| "that note is no longer there".to_string())?;
            note_home(state, index)?
        }
        _ => return Err(gone()),
    })
}

/// What shows note `index`: the item it belongs to with the note selected,
/// or its passage in a source's text.
fn note_home(state: &State, index: usize) -> Result<Shown, String> {
    let Some(item) = state.notes.placements.get(index).and_then(|p| p.item) else {
        return Err("this note lost its place: Ctrl-r in the list re-attaches it".into());
    };
    let select = Some(DetailItem::Note(index));
    let detail = |target, factor_row| Shown::Detail {
        target,
        factor_row,
        select,
    };
    Ok(match item {
        ItemRef::Brief => detail(Target::Overview, Some(0)),
        ItemRef::Factor(f) => detail(Target::Factor(f), Some(f + 1)),
        ItemRef::Event(e) => detail(Target::Event(e), None),
        ItemRef::Excerpt(x) => match excerpt_home(state, x) {
            Some((target, row)) => detail(target, row),
            // Neither a factor nor an event shows this excerpt, nor its
            // notes: the overview says how many notes there are.
            None => detail(Target::Overview, Some(0)),
        },
        ItemRef::Source(s) => {
            let passage = state
                .notes
                .by_text
                .get(&crate::brief::TextRef::SourceText(s))
                .and_then(|list| list.iter().find(|(n, _)| *n == index))
                .map(|(_, range)| range.start);
            match passage {
                Some(byte) if state.brief.sources[s].text.is_some() => Shown::Source {
                    source: s,
                    excerpt: None,
                    offset: Some(byte),
                },
                // A note on the source as a whole: under it in the overview.
                _ => detail(Target::Overview, Some(0)),
            }
        }
    })
}

/// Where the reader is now, as precisely as [`go`] can return to it: the
/// source view's place, else the detail pane's selected key point,
/// excerpt or note when going there lands on this very target, else the
/// target itself.
pub fn here(state: &State) -> Location {
    if let Some(view) = &state.layers.view {
        let height = state.laid_out.screen.source_text.height as usize;
        let offset = state
            .laid_out
            .source_of(view.source)
            .and_then(|laid| laid.doc.original_at_row(view.scroll + height / 3));
        return Location::Source {
            source: view.source,
            excerpt: view.current,
            offset,
        };
    }
    let target = state.reading.target;
    let item = match state.selected_item() {
        Some(DetailItem::KeyPoint(point)) => match target {
            Target::Factor(factor) => Some(Location::KeyPoint { factor, point }),
            _ => None,
        },
        Some(DetailItem::Excerpt(x)) => Some(Location::Excerpt(x)),
        Some(DetailItem::Note(n)) => state
            .notes
            .notes
            .get(n)
            .map(|note| Location::Note(note.id.clone())),
        _ => None,
    };
    // Only an item that going to would show right here.
    if let Some(item) = item
        && let Ok(Shown::Detail { target: t, .. }) = resolve(state, &item)
        && t == target
    {
        return item;
    }
    match target {
        Target::Overview => Location::Overview,
        Target::Factor(f) => Location::Factor(f),
        Target::Event(e) => Location::Event(e),
    }
}

/// The screen the reader is on now.
fn screen_now(state: &State) -> Screen {
    match &state.layers.view {
        Some(view) => Screen::Source(view.source),
        None => Screen::Detail(state.reading.target),
    }
}

/// Takes the reader to `to`: closes caret mode, a popup and the help (a
/// prompt stays: it is the search line previewing its hits, or a text
/// being written that must not be thrown away); opens, keeps or closes the
/// source view as the location asks; sets the factors pane's row, the
/// detail pane's target and selection, the chronology's cursor and the
/// focus together. With [`Record::Yes`], a move to another factor, event,
/// overview or source records where the reader was. Returns false (with
/// a notice saying why) when `to` cannot be shown.
pub fn go(state: &mut State, to: Location, record: Record) -> bool {
    let shown = match resolve(state, &to) {
        Ok(shown) => shown,
        Err(why) => {
            state.notice = Some(why);
            return false;
        }
    };
    if record == Record::Yes && shown.screen() != screen_now(state) {
        let from = spot(state);
        state.reading.jumps.record(from);
    }
    state.layers.caret = None;
    state.layers.popup = None;
    state.layers.help = None;
    match shown {
        Shown::Source {
            source,
            excerpt,
            offset,
        } => {
            // A quote not found: at the closest passage `check` found.
            let mut offset = offset;
            if let Some(x) = excerpt
                && state.brief.excerpts[x].verification == Verification::NotFound
            {
                let closest = state.brief.excerpts[x]
                    .misquote
                    .as_ref()
                    .filter(|m| m.elsewhere.is_none())
                    .and_then(|m| m.passage.as_ref());
                state.notice = Some(match closest {
                    Some(passage) => {
                        offset = offset.or(Some(passage.start));
                        "this quote was not found in its source; showing its closest passage".into()
                    }
                    None => {
                        "this quote was not found in its source; showing the source from the top"
                            .into()
                    }
                });
            }
            let same = state
                .layers
                .view
                .as_ref()
                .is_some_and(|v| v.source == source);
            if !same {
                let mut view = SourceView::new(source, excerpt);
                view.reveal = excerpt.is_some();
                state.layers.view = Some(view);
            }
            if let Some(view) = state.layers.view.as_mut() {
                if same && excerpt.is_some() {
                    view.current = excerpt;
                    view.reveal = true;
                    view.at_current = true;
                }
                if offset.is_some() {
                    view.reveal_byte = offset;
                }
            }
        }
        Shown::Detail {
            target,
            factor_row,
            select,
        } => {
            state.layers.view = None;
            if let Some(row) = factor_row
                && row != state.reading.factors.selected
            {
                state.reading.factors.selected = row;
                state.refresh_chronology();
            }
            match target {
                Target::Event(e) => {
                    if !matches!(state.reading.target, Target::Event(_)) {
                        state.reading.detail.back = Some(state.reading.target);
                    }
                    if let Some(at) = state.reading.chronology.events.iter().position(|&x| x == e) {
                        state.reading.chronology.selected = at;
                    }
                }
                _ => state.reading.detail.back = None,
            }
            if state.reading.target != target {
                state.reading.target = target;
                state.reading.detail.selected = None;
                state.reading.detail.scroll = 0;
            }
            state.reading.detail.pending_select = select;
            if select.is_some() {
                state.reading.detail.reveal = true;
            }
            state.reading.focus = Pane::Detail;
        }
    }
    true
}

/// `Ctrl-o`, `Alt-←`: back to where the last jump started.
pub fn jump_back(state: &mut State) {
    walk(state, true);
}

/// `Alt-→`: forward again along the jumps gone back over.
pub fn jump_forward(state: &mut State) {
    walk(state, false);
}

fn walk(state: &mut State, back: bool) {
    // A place that can no longer be shown (a deleted note) is skipped.
    loop {
        let here = spot(state);
        let to = if back {
            state.reading.jumps.back(here)
        } else {
            state.reading.jumps.forward(here)
        };
        let Some(to) = to else {
            state.notice = Some(
                if back {
                    "no earlier place to go back to"
                } else {
                    "no later place to go forward to"
                }
                .into(),
            );
            return;
        };
        if return_to(state, to) {
            return;
        }
    }
}

/// `Esc` from an event: back along the path the reader came. When the
/// event was reached by a jump from the place the event returns to, this
/// is that jump gone back (so `Alt-→` comes here again); otherwise (the
/// chronology's cursor brought it) the detail pane shows what it showed
/// before, with the chronology focused.
pub fn leave_event(state: &mut State) {
    let back = state
        .reading
        .detail
        .back
        .unwrap_or(match state.selected_factor() {
            Some(f) => Target::Factor(f),
            None => Target::Overview,
        });
    let last = state.reading.jumps.parts().0.last().cloned();
    let came_by_jump = last.is_some_and(|last| {
        matches!(resolve(state, &last.at), Ok(Shown::Detail { target, .. }) if target == back)
    });
    if came_by_jump {
        jump_back(state);
        return;
    }
    let to = match back {
        Target::Overview => Location::Overview,
        Target::Factor(f) => Location::Factor(f),
        Target::Event(e) => Location::Event(e),
    };
    go(state, to, Record::No);
    state.reading.focus = Pane::Chronology;
}
