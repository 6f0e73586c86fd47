//! Searching the brief from the reader: the search line, incremental
//! results, `n`/`N`, and going to a hit wherever it is.

use std::collections::HashMap;

use super::action::Action;
use super::input;
use super::layers::Prompt;
use super::location::{Location, Record};
use super::state::{Pane, SourceView, State, Target};
use crate::brief::TextRef;
use crate::text::search::{Hit, Place, Query, reading_order, search_brief};

/// Hits beyond this many are not collected (a one-letter query in a large
/// brief); the count shows `N+`.
pub const MAX_HITS: usize = 50_000;

/// Where the reader was when the search line opened, to return on `Esc`.
#[derive(Debug, Clone)]
pub struct Origin {
    target: Target,
    focus: Pane,
    factor: usize,
    scroll: usize,
    selected: Option<usize>,
    source: Option<(usize, Option<usize>, usize)>,
    /// The same place as a location, recorded in the jump list when the
    /// search is accepted somewhere else.
    location: super::location::Spot,
    /// The search accepted before, put back by `Esc` (as vim and less do).
    previous: Previous,
}

/// The accepted search the search line replaces until it is accepted.
#[derive(Debug, Clone)]
struct Previous {
    query: Option<Query>,
    hidden: bool,
    with_sources: bool,
    hits: Vec<Hit>,
    capped: bool,
    by_text: HashMap<TextRef, Vec<usize>>,
    current: Option<usize>,
}

#[derive(Debug, Default)]
pub struct SearchState {
    pub query: Option<Query>,
    /// `Esc` hid the highlights (vim's `:noh`); `n`/`N` show them again.
    pub hidden: bool,
    /// The search line changed since the query last ran: it runs once, at
    /// the next layout, however many keys came in between.
    pending: bool,
    /// Search the sources' full text too (`+src`).
    pub with_sources: bool,
    pub hits: Vec<Hit>,
    pub capped: bool,
    /// For each text with hits, the indices of its hits.
    pub by_text: HashMap<TextRef, Vec<usize>>,
    pub current: Option<usize>,
    /// Past queries, oldest first.
    pub history: Vec<String>,
    history_at: Option<usize>,
    origin: Option<Origin>,
    /// The texts in reading order, without and with the sources.
    order: [Option<Vec<(Place, TextRef)>>; 2],
    /// Scroll the current hit into view at the next layout.
    pub reveal: bool,
}

impl SearchState {
    pub fn is_active(&self) -> bool {
        self.query.is_some()
    }

    /// Whether matches are highlighted now.
    pub fn highlighted(&self) -> bool {
        self.query.is_some() && !self.hidden
    }

    /// Hit indices for `text`, if any.
    pub fn hits_in(&self, text: TextRef) -> impl Iterator<Item = (usize, &Hit)> {
        self.by_text
            .get(&text)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.hits[i]))
    }

    /// `3/17`, `0/0`, `12/50000+`.
    pub fn counter(&self) -> String {
        let at = self.current.map_or(0, |c| c + 1);
        let plus = if self.capped { "+" } else { "" };
        format!("{at}/{}{plus}", self.hits.len())
    }
}

/// The text of the search line (empty when it is closed).
pub fn input_text(state: &State) -> String {
    state
        .layers
        .search_line()
        .map(input::line_text)
        .unwrap_or_default()
}

fn set_line(state: &mut State, text: &str) {
    state.layers.prompt = Some(Prompt::Search(input::new_line(text)));
}

/// Opens the search line, remembering where the reader is.
pub fn open(state: &mut State) {
    state.search.origin = Some(Origin {
        target: state.reading.target,
        focus: state.reading.focus,
        factor: state.reading.factors.selected,
        scroll: state.reading.detail.scroll,
        selected: state.reading.detail.selected,
        source: state
            .layers
            .view
            .as_ref()
            .map(|v| (v.source, v.current, v.scroll)),
        location: super::location::spot(state),
        previous: Previous {
            query: state.search.query.clone(),
            hidden: state.search.hidden,
            with_sources: state.search.with_sources,
            hits: state.search.hits.clone(),
            capped: state.search.capped,
            by_text: state.search.by_text.clone(),
            current: state.search.current,
        },
    });
    set_line(state, "");
    state.search.history_at = None;
    state.search.pending = false;
}

/// Applies an action while the search line is on top.
pub fn action(state: &mut State, action: Action) {
    match action {
        Action::Choose => accept(state),
        Action::Close => cancel(state),
        Action::ToggleSources => {
            state.search.with_sources = !state.search.with_sources;
            state.search.pending = true;
        }
        Action::HistoryPrevious | Action::HistoryNext => {
            let history = &state.search.history;
            if history.is_empty() {
                return;
            }
            let up = action == Action::HistoryPrevious;
            let at = match (state.search.history_at, up) {
                (None, true) => history.len() - 1,
                (None, false) => return,
                (Some(at), true) => at.saturating_sub(1),
                (Some(at), false) if at + 1 < history.len() => at + 1,
                (Some(_), false) => {
                    state.search.history_at = None;
                    set_line(state, "");
                    state.search.pending = true;
                    return;
                }
            };
            state.search.history_at = Some(at);
            let text = history[at].clone();
            set_line(state, &text);
            state.search.pending = true;
        }
        Action::Edit(edit) => {
            if let Some(line) = state.layers.search_line_mut()
                && input::apply(line, edit, true)
            {
                state.search.pending = true;
            }
        }
        Action::Paste(text) => {
            if let Some(line) = state.layers.search_line_mut()
                && input::paste(line, &text, true)
            {
                state.search.pending = true;
            }
        }
        _ => {}
    }
}

/// Runs the search line's query if it changed (called by the layout step,
/// so a burst of keys is searched once).
pub fn settle(state: &mut State) {
    if state.search.pending {
        state.search.pending = false;
        if state.layers.search_line().is_some() {
            run(state);
        }
    }
}

/// Runs the query in the search line and previews the first hit at or
/// after where the search started.
fn run(state: &mut State) {
    let text = input_text(state);
    state.search.query = Query::new_within(&text, longest_text(state));
    state.search.hidden = false;
    compute(state);
    restore_origin(state);
    let first = first_at_or_after(state);
    state.search.current = first;
    if let Some(i) = first {
        go_to(state, i, Record::No);
    }
}

/// Recomputes the hits of the current query.
pub fn compute(state: &mut State) {
    let search = &mut state.search;
    search.hits.clear();
    search.by_text.clear();
    search.current = None;
    search.capped = false;
    let Some(query) = &search.query else {
        return;
    };
    let slot = usize::from(search.with_sources);
    let order = search.order[slot].get_or_insert_with(|| reading_order(&state.brief, slot == 1));
    let (hits, capped) = search_brief(&state.brief, order, query, MAX_HITS);
    search.capped = capped;
    for (i, hit) in hits.iter().enumerate() {
        search.by_text.entry(hit.text).or_default().push(i);
    }
    search.hits = hits;
}

/// Bytes of the longest text the search looks in.
fn longest_text(state: &mut State) -> usize {
    let slot = usize::from(state.search.with_sources);
    let brief = &state.brief;
    let order = state.search.order[slot].get_or_insert_with(|| reading_order(brief, slot == 1));
    order
        .iter()
        .filter_map(|(_, text)| text.text(brief))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

fn place_rank(state: &State, place: Place) -> usize {
    let factors = state.brief.factors.len();
    let events = state.brief.events.len();
    match place {
        Place::Overview => 0,
        Place::Factor(f) => 1 + f,
        Place::Event(e) => 1 + factors + e,
        Place::Source(s) => 1 + factors + events + s,
    }
}

/// Where the reader is, in reading order.
fn current_place(state: &State) -> Place {
    if let Some(view) = &state.layers.view {
        return Place::Source(view.source);
    }
    match state.reading.target {
        Target::Overview => Place::Overview,
        Target::Factor(f) => Place::Factor(f),
        Target::Event(e) => Place::Event(e),
    }
}

fn first_at_or_after(state: &State) -> Option<usize> {
    if state.search.hits.is_empty() {
        return None;
    }
    let here = place_rank(state, current_place(state));
    let found = state
        .search
        .hits
        .iter()
        .position(|h| place_rank(state, h.place) >= here);
    Some(found.unwrap_or(0))
}

fn accept(state: &mut State) {
    settle(state);
    let text = input_text(state);
    state.layers.prompt = None;
    if let Some(origin) = state.search.origin.take() {
        let moved = origin.target != state.reading.target
            || origin.source.map(|s| s.0) != state.layers.view.as_ref().map(|v| v.source);
        if moved {
            state.reading.jumps.record(origin.location);
        }
    }
    if !text.trim().is_empty() {
        state.search.history.retain(|h| *h != text);
        state.search.history.push(text);
        let over = state
            .search
            .history
            .len()
            .saturating_sub(super::place::MAX_HISTORY);
        state.search.history.drain(..over);
    }
    if state.search.hits.is_empty() && state.search.query.is_some() {
        state.notice = Some("no match".into());
    }
}

/// `Esc` in the search line: back to where the search started, with the
/// search accepted before (its pattern, highlights and current match) as
/// it was.
fn cancel(state: &mut State) {
    state.layers.prompt = None;
    state.search.pending = false;
    restore_origin(state);
    match state.search.origin.take() {
        Some(origin) => {
            let previous = origin.previous;
            let search = &mut state.search;
            search.query = previous.query;
            search.hidden = previous.hidden;
            search.with_sources = previous.with_sources;
            search.hits = previous.hits;
            search.capped = previous.capped;
            search.by_text = previous.by_text;
            search.current = previous.current;
        }
        None => clear(state),
    }
}

/// `Esc` in the panes: hides the highlights; `n`/`N` still step through
/// the matches (and show them again).
pub fn hide_highlights(state: &mut State) {
    state.search.hidden = true;
}

/// Clears the query and its highlights.
pub fn clear(state: &mut State) {
    state.search.query = None;
    state.search.hits.clear();
    state.search.by_text.clear();
    state.search.current = None;
}

fn restore_origin(state: &mut State) {
    let Some(origin) = state.search.origin.clone() else {
        return;
    };
    state.reading.factors.selected = origin.factor;
    state.reading.target = origin.target;
    state.reading.focus = origin.focus;
    state.reading.detail.scroll = origin.scroll;
    state.reading.detail.selected = origin.selected;
    state.layers.view = origin.source.map(|(source, current, scroll)| {
        let mut view = SourceView::new(source, current);
        view.scroll = scroll;
        view.reveal = false;
        view
    });
    state.refresh_chronology();
}

/// `n` / `N`: the next or previous hit anywhere in the brief.
pub fn step(state: &mut State, forward: bool) {
    let count = state.search.hits.len();
    if count == 0 {
        state.notice = Some(match &state.search.query {
            Some(_) => "no match".to_string(),
            None => "no search: press / to search".to_string(),
        });
        return;
    }
    state.search.hidden = false;
    let next = match (state.search.current, forward) {
        (None, _) => first_at_or_after(state).unwrap_or(0),
        (Some(c), true) => (c + 1) % count,
        (Some(c), false) => (c + count - 1) % count,
    };
    if forward && state.search.current.is_some_and(|c| next < c) {
        state.notice = Some("search wrapped to the top".into());
    } else if !forward && state.search.current.is_some_and(|c| next > c) {
        state.notice = Some("search wrapped to the bottom".into());
    }
    state.search.current = Some(next);
    go_to(state, next, Record::Yes);
}

/// Shows hit `index`: switches to the view that holds it; the layout step
/// then scrolls it into view. `n`/`N` record a jump when the hit is in
/// another factor, event or source; previews while typing do not (the
/// search line records its start when accepted).
pub fn go_to(state: &mut State, index: usize, record: Record) {
    let Some(hit) = state.search.hits.get(index) else {
        return;
    };
    let to = match hit.place {
        Place::Source(source) => Location::Source {
            source,
            excerpt: None,
            offset: None,
        },
        Place::Overview => Location::Overview,
        Place::Factor(f) => Location::Factor(f),
        Place::Event(e) => Location::Event(e),
    };
    // A search from caret mode keeps the caret: the layout step puts it
    // on the hit (or back where it was when the search is cancelled).
    let caret = state
        .layers
        .caret
        .take()
        .filter(|c| c.before_search.is_some() || c.to_hit);
    super::location::go(state, to, record);
    if caret.is_some() {
        state.layers.caret = caret;
    }
    state.search.reveal = true;
}
