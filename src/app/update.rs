//! Applying an action to the state. Plain Rust: no terminal here.

use super::action::Action;
use super::layers::{Layer, Question};
use super::layout::{inner, reveal_rows, text_area};
use super::location::{self, Location, Record};
use super::search;
use super::state::{ChronologyToggle, DetailItem, Pane, State, Target};

/// Applies `action` to `state`. The top layer decides what it means.
pub fn update(state: &mut State, action: Action) {
    state.notice = None;
    match action {
        Action::Resize => {}
        Action::Quit => state.quit = true,
        Action::Interrupt => interrupt(state),
        Action::ToggleHelp => super::help::toggle(state),
        Action::ScrollAt { column, row, lines } => scroll_at(state, column, row, lines),
        Action::ClickAt { column, row } => click_at(state, column, row),
        action => match state.layers.top() {
            Layer::Help => help(state, action),
            Layer::Confirm => confirm(state, action),
            Layer::Editor => super::notes::editor_action(state, action),
            Layer::Recovery => super::drafts::recovery_action(state, action),
            Layer::FileView => super::notes_list::file_view_action(state, action),
            Layer::Search => search::action(state, action),
            Layer::Palette => super::palette::action(state, action),
            Layer::Library => super::library::action(state, action),
            Layer::NotesList => super::notes_list::action(state, action),
            Layer::Peek => super::peek::action(state, action),
            Layer::Caret => caret(state, action),
            Layer::View | Layer::Base => reading(state, action),
        },
    }
}

/// `Ctrl-c`: quits, unless a note draft has unsaved changes: then asks
/// "discard draft? y/n" first.
fn interrupt(state: &mut State) {
    let layers = &mut state.layers;
    match layers.prompt.as_mut() {
        Some(super::layers::Prompt::Editor(editor)) if editor.is_modified() => {
            layers.help = None;
            editor.confirm_discard = true;
            editor.quit_after_discard = true;
        }
        _ => state.quit = true,
    }
}

/// The answer to a y/n question.
fn confirm(state: &mut State, action: Action) {
    let yes = match action {
        Action::Yes => true,
        Action::No => false,
        _ => return,
    };
    if state.layers.recovery().is_some() {
        super::drafts::answer_discard(state, yes);
        return;
    }
    if let Some(editor) = state.layers.editor_mut() {
        if yes {
            let quit = editor.quit_after_discard;
            super::notes::close_editor(state);
            state.quit |= quit;
        } else {
            editor.confirm_discard = false;
            editor.quit_after_discard = false;
        }
        // A discarded text must not come back as a draft after a panic.
        super::drafts::keep_for_panic(state);
        return;
    }
    if let Some(Question::Reattach) = state.layers.question() {
        super::reattach::answer(state, yes);
        return;
    }
    if let Some(Question::DeleteNote(id)) = state.layers.question().cloned() {
        state.layers.prompt = None;
        // By id: the notes may have been reloaded since the question.
        match state.notes.notes.iter().position(|n| n.id == id) {
            Some(index) if yes => super::notes::delete(state, index),
            Some(_) => state.notice = Some("kept".into()),
            None => state.notice = Some("that note is gone already".into()),
        }
    }
}

fn caret(state: &mut State, action: Action) {
    match action {
        Action::Caret(motion) => super::visual::motion(state, motion),
        Action::Anchor => super::visual::anchor(state),
        Action::SwapEnds => super::visual::swap_ends(state),
        Action::Search => super::visual::search(state),
        Action::NextMatch | Action::PreviousMatch => {
            super::visual::step_hit(state, action == Action::NextMatch)
        }
        Action::AddNote | Action::Copy if super::visual::nothing_to_take(state) => {
            state.notice = Some("v or Space starts a selection here first".into());
        }
        Action::AddNote => match state.layers.caret.as_ref().and_then(|c| c.moving.clone()) {
            Some(id) => super::notes::move_to_selection(state, &id),
            None => super::notes::add(state),
        },
        Action::Copy => super::copy::selection(state),
        Action::Close => super::visual::step_back(state),
        Action::LeaveCaret => state.layers.caret = None,
        _ => {}
    }
}

/// The panes, and the source view over them.
fn reading(state: &mut State, action: Action) {
    let in_view = state.layers.view.is_some();
    match action {
        Action::Search => search::open(state),
        Action::Visual => super::visual::start(state),
        Action::AddNote => super::notes::add(state),
        Action::Copy => super::copy::selected_excerpt(state),
        Action::NotesList => super::notes_list::open(state),
        Action::Undo => super::notes::undo(state),
        Action::EditNote | Action::DeleteNote => match state.selected_note() {
            Some(n) => {
                if action == Action::EditNote {
                    super::notes::edit(state, n);
                } else {
                    super::notes::ask_delete(state, n);
                }
            }
            None if in_view => {
                state.notice = Some("no note in view here (m lists them all)".into())
            }
            None => {
                state.notice =
                    Some("select a note in the detail pane first (m lists them all)".into())
            }
        },
        Action::Palette => super::palette::open(state),
        Action::Library => {
            let folder = super::library::default_folder(state);
            super::library::open(state, folder);
        }
        Action::JumpBack => location::jump_back(state),
        Action::JumpForward => location::jump_forward(state),
        Action::NextMatch => search::step(state, true),
        Action::PreviousMatch => search::step(state, false),
        Action::Close => state.layers.view = None,
        // Enter and s mean nothing more in the source view.
        Action::Open | Action::OpenSource if in_view => {}
        // A pane key leaves the source view for the panes.
        Action::NextPane
        | Action::PreviousPane
        | Action::GoToFactor(_)
        | Action::NextFactor
        | Action::PreviousFactor
        | Action::ToggleChronology
        | Action::EarlierBin
        | Action::LaterBin
        | Action::ToggleZoom
            if in_view =>
        {
            state.layers.view = None;
            reader(state, action);
        }
        _ if in_view => source(state, action),
        _ => reader(state, action),
    }
}

fn help(state: &mut State, action: Action) {
    let Some(help) = state.layers.help.as_mut() else {
        return;
    };
    let scroll = &mut help.scroll;
    match action {
        Action::Down => *scroll += 1,
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => *scroll += 10,
        Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(10),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = usize::MAX,
        Action::Close => state.layers.help = None,
        _ => {}
    }
}

/// The excerpt `]` (`forward`) or `[` goes to in the source view, and
/// whether that wrapped around an end: the one after (before) the current
/// excerpt while the view is still where going there put it; once the
/// view has been scrolled, the first excerpt at or below the top of the
/// view (the last one above it).
fn step_excerpt(
    view: &crate::app::state::SourceView,
    laid: &crate::app::state::SourceLayout,
    forward: bool,
) -> (usize, bool) {
    let rows = &laid.excerpt_rows;
    let count = rows.len();
    let current = laid.position_of(view.current).filter(|_| view.at_current);
    let found = match (current, forward) {
        (Some(p), true) => (p + 1 < count).then_some(p + 1),
        (Some(p), false) => p.checked_sub(1),
        (None, true) => rows.iter().position(|&r| r >= view.scroll),
        (None, false) => rows.iter().rposition(|&r| r < view.scroll),
    };
    match (found, forward) {
        (Some(index), _) => (index, false),
        (None, true) => (0, true),
        (None, false) => (count.saturating_sub(1), true),
    }
}

fn source(state: &mut State, action: Action) {
    let height = state.laid_out.screen.source_text.height.max(1) as usize;
    let Some(view) = state.layers.view.as_mut() else {
        return;
    };
    let laid = state.laid_out.source_of(view.source);
    let (doc_height, excerpts) = laid.map_or((0, &[][..]), |l| (l.doc.height(), &l.excerpts[..]));
    if matches!(
        action,
        Action::Down
            | Action::Up
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
    ) {
        view.at_current = false;
    }
    match action {
        Action::Down => view.scroll = view.scroll.saturating_add(1),
        Action::Up => view.scroll = view.scroll.saturating_sub(1),
        Action::HalfPageDown => view.scroll = view.scroll.saturating_add(height / 2),
        Action::HalfPageUp => view.scroll = view.scroll.saturating_sub(height / 2),
        Action::PageDown => {
            view.scroll = view.scroll.saturating_add(height.saturating_sub(1).max(1))
        }
        Action::PageUp => view.scroll = view.scroll.saturating_sub(height.saturating_sub(1).max(1)),
        Action::Top => view.scroll = 0,
        // The last page, as the layout would clamp it (it does not run
        // while the screen is too small, so nothing may rely on it here).
        Action::Bottom => view.scroll = doc_height.saturating_sub(height),
        Action::NextExcerpt | Action::PreviousExcerpt => {
            let Some(laid) = laid.filter(|_| !excerpts.is_empty()) else {
                state.notice = Some("no verified excerpt of this brief in this source".into());
                return;
            };
            let (next, wrapped) = step_excerpt(view, laid, action == Action::NextExcerpt);
            view.current = excerpts.get(next).copied();
            view.reveal = true;
            view.at_current = true;
            if wrapped {
                state.notice = Some(if action == Action::NextExcerpt {
                    "past the last excerpt: back to the first".into()
                } else {
                    "before the first excerpt: on to the last".into()
                });
            }
        }
        _ => {}
    }
}

fn reader(state: &mut State, action: Action) {
    match action {
        Action::NextPane | Action::PreviousPane => {
            let panes = state.visible_panes();
            let panes = if panes.is_empty() {
                Pane::ALL.to_vec()
            } else {
                panes
            };
            let at = panes
                .iter()
                .position(|&p| p == state.reading.focus)
                .unwrap_or(0);
            let next = if action == Action::NextPane {
                (at + 1) % panes.len()
            } else {
                (at + panes.len() - 1) % panes.len()
            };
            // With a pane zoomed, Tab moves the zoom along with the focus.
            state.reading.focus = if state.reading.zoom {
                let all = Pane::ALL;
                let at = all
                    .iter()
                    .position(|&p| p == state.reading.focus)
                    .unwrap_or(0);
                if action == Action::NextPane {
                    all[(at + 1) % 3]
                } else {
                    all[(at + 2) % 3]
                }
            } else {
                panes[next]
            };
            if state.reading.focus == Pane::Chronology {
                follow_chronology(state);
            }
        }
        Action::GoToFactor(n) => select_factor(state, n as usize),
        Action::NextFactor => {
            let count = state.brief.factors.len() + 1;
            select_factor(state, (state.reading.factors.selected + 1).min(count - 1));
        }
        Action::PreviousFactor => {
            select_factor(state, state.reading.factors.selected.saturating_sub(1))
        }
        Action::ToggleChronology => match state.chronology_toggle() {
            ChronologyToggle::Nothing(why) => state.notice = Some(why.into()),
            _ => {
                let before = state.selected_event();
                state.reading.chronology.all = !state.reading.chronology.all;
                state.refresh_chronology();
                if state.selected_event() != before {
                    follow_chronology(state);
                }
            }
        },
        // The timeline's keys act on the chronology from any pane: focus
        // goes there, unless the detail shows an event, which follows.
        Action::EarlierBin | Action::LaterBin => {
            if !(state.reading.focus == Pane::Detail
                && matches!(state.reading.target, Target::Event(_)))
            {
                state.reading.focus = Pane::Chronology;
            }
            move_chronology(state, action);
        }
        Action::ToggleZoom => state.reading.zoom = !state.reading.zoom,
        Action::Back => back(state),
        Action::NextUncited => super::peek::next_uncited(state),
        Action::Open => open(state),
        Action::OpenSource => match state.selected_item() {
            Some(DetailItem::Excerpt(e)) if state.reading.focus == Pane::Detail => {
                open_excerpt(state, e)
            }
            Some(DetailItem::Source(s)) if state.reading.focus == Pane::Detail => {
                open_source(state, s)
            }
            _ => state.notice = Some("select an excerpt in the detail pane first".into()),
        },
        _ => match state.reading.focus {
            Pane::Factors => move_factors(state, action),
            Pane::Chronology => move_chronology(state, action),
            Pane::Detail => move_detail(state, action),
        },
    }
}

/// Selects overview (0) or factor `n` (1-based) in the factors pane and
/// shows it, keeping the focus: plain movement, not a jump.
fn select_factor(state: &mut State, n: usize) {
    if n > state.brief.factors.len() {
        state.notice = Some(format!("there is no factor {n}"));
        return;
    }
    let focus = state.reading.focus;
    let to = match n {
        0 => Location::Overview,
        n => Location::Factor(n - 1),
    };
    location::go(state, to, Record::No);
    state.reading.focus = focus;
}

/// `Esc` in the panes: clears search highlights if any (the pattern stays
/// for `n`/`N`), else leaves zoom, else returns from an event to where it
/// was reached from, else does nothing. It never quits.
fn back(state: &mut State) {
    if state.search.highlighted() {
        search::hide_highlights(state);
    } else if state.reading.zoom {
        state.reading.zoom = false;
    } else if let Target::Event(_) = state.reading.target {
        location::leave_event(state);
    }
}

fn open(state: &mut State) {
    match state.reading.focus {
        Pane::Factors => state.reading.focus = Pane::Detail,
        Pane::Chronology => {
            if let Some(event) = state.selected_event() {
                location::go(state, Location::Event(event), Record::Yes);
            }
        }
        Pane::Detail => match state.selected_item() {
            Some(DetailItem::Excerpt(e)) => open_excerpt(state, e),
            Some(DetailItem::Source(s)) => open_source(state, s),
            Some(DetailItem::Event(e)) => {
                location::go(state, Location::Event(e), Record::Yes);
            }
            Some(DetailItem::Note(n)) => super::notes::edit(state, n),
            Some(DetailItem::Link(l)) => {
                if let Some(to) = state.laid_out.detail.links.get(l).cloned() {
                    location::go(state, to, Record::Yes);
                }
            }
            Some(DetailItem::Mark(x)) => {
                let number = super::peek::number_in_view(state, x);
                super::peek::open(state, x, number);
            }
            Some(DetailItem::KeyPoint(_)) | None => {}
        },
    }
}

/// The source view at excerpt `excerpt`'s passage (a recorded jump).
fn open_excerpt(state: &mut State, excerpt: usize) {
    let source = state.brief.excerpts[excerpt].source;
    let to = Location::Source {
        source,
        excerpt: Some(excerpt),
        offset: None,
    };
    location::go(state, to, Record::Yes);
}

/// The source view of `source` from its top (a recorded jump).
fn open_source(state: &mut State, source: usize) {
    let to = Location::Source {
        source,
        excerpt: None,
        offset: None,
    };
    location::go(state, to, Record::Yes);
}

fn page(state: &State, pane: Pane) -> usize {
    let rect = match pane {
        Pane::Detail => text_area(state.laid_out.screen.detail),
        other => inner(state.laid_out.screen.pane(other)),
    };
    rect.height.max(1) as usize
}

/// The list movement an action asks for, or None when it is not a move.
fn list_target(selected: usize, count: usize, action: Action, page: usize) -> Option<usize> {
    let last = count.saturating_sub(1);
    Some(match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::HalfPageDown => (selected + page / 2).min(last),
        Action::HalfPageUp => selected.saturating_sub(page / 2),
        Action::PageDown => (selected + page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        _ => return None,
    })
}

fn move_factors(state: &mut State, action: Action) {
    let count = state.brief.factors.len() + 1;
    if let Some(n) = list_target(
        state.reading.factors.selected,
        count,
        action,
        page(state, Pane::Factors),
    ) {
        select_factor(state, n);
    }
}

fn move_chronology(state: &mut State, action: Action) {
    let count = state.reading.chronology.events.len();
    // A page of rows holds fewer events when titles wrap: move by about
    // as many events as a page shows.
    let rows = page(state, Pane::Chronology);
    let per_event = state.laid_out.chronology.rows.len().max(1) as f64 / count.max(1) as f64;
    let page = ((rows as f64 / per_event) as usize).max(1);
    let target = match action {
        Action::EarlierBin | Action::LaterBin => {
            let step = super::timeline::step(state, action == Action::LaterBin);
            step.map_err(|end| state.notice = Some(end)).ok()
        }
        _ => list_target(state.reading.chronology.selected, count, action, page),
    };
    if let Some(n) = target {
        state.reading.chronology.selected = n;
        follow_chronology(state);
    }
}

/// The detail pane shows the event under the chronology's cursor while the
/// chronology has focus (and an open event follows it), without moving
/// focus; `Esc` in the detail then returns to what was there before.
/// Called whenever the cursor moves (keys, `<`/`>`, the wheel, a click,
/// `c`) and when the chronology gains focus (Tab, Shift-Tab, a click).
fn follow_chronology(state: &mut State) {
    let Some(event) = state.selected_event() else {
        return;
    };
    if state.reading.focus == Pane::Chronology || matches!(state.reading.target, Target::Event(_)) {
        let focus = state.reading.focus;
        location::go(state, Location::Event(event), Record::No);
        state.reading.focus = focus;
    }
}

fn move_detail(state: &mut State, action: Action) {
    let height = page(state, Pane::Detail);
    let detail = &mut state.reading.detail;
    let doc = &state.laid_out.detail.doc;
    let doc_height = doc.height();
    let max_scroll = doc_height.saturating_sub(height);
    // The layout may not have caught up (a screen too small to lay out):
    // a selection past the items is no selection.
    if detail.selected.is_some_and(|s| s >= doc.items.len()) {
        detail.selected = None;
    }
    let items = &doc.items;
    match action {
        Action::Down => match detail.selected {
            // Show the rest of a tall item before moving past it.
            Some(s) if items.get(s).is_some_and(|r| r.end > detail.scroll + height) => {
                let rows = &items[s];
                let needed = rows.end - (detail.scroll + height);
                detail.scroll += needed.min((height / 2).max(1));
            }
            Some(s) if s + 1 < items.len() => {
                detail.selected = Some(s + 1);
                reveal_rows(items[s + 1].clone(), &mut detail.scroll, height);
            }
            Some(_) => detail.scroll = (detail.scroll + 1).min(max_scroll),
            None if !items.is_empty() => {
                // The first item at or below the top of the view.
                let first = items
                    .iter()
                    .position(|r| r.end > detail.scroll)
                    .unwrap_or(0);
                detail.selected = Some(first);
                reveal_rows(items[first].clone(), &mut detail.scroll, height);
            }
            None => detail.scroll = (detail.scroll + 1).min(max_scroll),
        },
        Action::Up => match detail.selected {
            Some(s) if items.get(s).is_some_and(|r| r.start < detail.scroll) => {
                let needed = detail.scroll - items[s].start;
                detail.scroll -= needed.min((height / 2).max(1));
            }
            Some(s) if s > 0 => {
                detail.selected = Some(s - 1);
                reveal_rows(items[s - 1].clone(), &mut detail.scroll, height);
            }
            _ => detail.scroll = detail.scroll.saturating_sub(1),
        },
        Action::Top => {
            detail.scroll = 0;
            detail.selected = None;
        }
        Action::Bottom => {
            detail.scroll = max_scroll;
            detail.selected = items.len().checked_sub(1);
        }
        Action::HalfPageDown | Action::PageDown | Action::HalfPageUp | Action::PageUp => {
            let step = match action {
                Action::HalfPageDown | Action::HalfPageUp => (height / 2).max(1),
                _ => height.saturating_sub(1).max(1),
            };
            detail.scroll = if matches!(action, Action::HalfPageDown | Action::PageDown) {
                (detail.scroll + step).min(max_scroll)
            } else {
                detail.scroll.saturating_sub(step)
            };
            // Keep the selection on something in view.
            let view = detail.scroll..detail.scroll + height;
            let visible = |r: &std::ops::Range<usize>| r.start < view.end && r.end > view.start;
            if !detail
                .selected
                .and_then(|s| items.get(s))
                .is_some_and(visible)
            {
                detail.selected = items.iter().position(visible);
            }
        }
        _ => {}
    }
}

/// The pane whose rectangle holds the point.
fn pane_at(state: &State, column: u16, row: u16) -> Option<Pane> {
    let point = ratatui::layout::Position::new(column, row);
    Pane::ALL
        .into_iter()
        .find(|&p| state.laid_out.screen.pane(p).contains(point))
}

fn scroll_at(state: &mut State, column: u16, row: u16, lines: i16) {
    let point = ratatui::layout::Position::new(column, row);
    let apply = |scroll: &mut usize| {
        *scroll = if lines < 0 {
            scroll.saturating_sub(lines.unsigned_abs() as usize)
        } else {
            *scroll + lines as usize
        }
    };
    if let Some(help) = state.layers.help.as_mut() {
        apply(&mut help.scroll);
        return;
    }
    if let Some(view) = state.layers.view.as_mut() {
        if state.laid_out.screen.source.contains(point) {
            apply(&mut view.scroll);
            view.at_current = false;
        }
        return;
    }
    match pane_at(state, column, row) {
        Some(Pane::Detail) => apply(&mut state.reading.detail.scroll),
        Some(Pane::Chronology) => {
            let before = state.reading.chronology.selected;
            let chronology = &mut state.reading.chronology;
            let laid = &state.laid_out.chronology;
            let height =
                super::layout::chronology_list_area(inner(state.laid_out.screen.chronology)).height
                    as usize;
            apply(&mut chronology.scroll);
            chronology.scroll = chronology
                .scroll
                .min(laid.rows.len().saturating_sub(height.max(1)));
            // Keep the selection inside what is shown.
            let view = chronology.scroll..chronology.scroll + height.max(1);
            let rows = laid.rows_of(chronology.selected);
            if !view.contains(&rows.start) {
                let edge = if lines < 0 {
                    (view.start..view.end)
                        .rev()
                        .filter_map(|r| laid.event_at_row(r))
                        .find(|&e| view.contains(&laid.rows_of(e).start))
                } else {
                    laid.event_at_row(view.start)
                };
                if let Some(e) = edge {
                    chronology.selected = e;
                }
            }
            if state.reading.chronology.selected != before {
                follow_chronology(state);
            }
        }
        Some(Pane::Factors) => {
            let max = state.brief.factors.len();
            apply(&mut state.reading.factors.scroll);
            state.reading.factors.scroll = state.reading.factors.scroll.min(max);
        }
        None => {}
    }
}

fn click_at(state: &mut State, column: u16, row: u16) {
    if state.layers.top() != Layer::Base {
        return;
    }
    let Some(pane) = pane_at(state, column, row) else {
        return;
    };
    let gained = pane != state.reading.focus;
    state.reading.focus = pane;
    if gained && pane == Pane::Chronology {
        follow_chronology(state);
    }
    let area = match pane {
        Pane::Detail => text_area(state.laid_out.screen.detail),
        other => inner(state.laid_out.screen.pane(other)),
    };
    if row < area.y || row >= area.y + area.height {
        return;
    }
    let offset = (row - area.y) as usize;
    match pane {
        Pane::Factors => {
            let n = state.reading.factors.scroll + offset;
            if n <= state.brief.factors.len() {
                select_factor(state, n);
            }
        }
        Pane::Chronology => {
            let list = super::layout::chronology_list_area(area);
            let strip = state.laid_out.screen.strip;
            if strip.contains(ratatui::layout::Position::new(column, row)) {
                // The bins start a column in from the strip's left edge.
                if let Some(bin) = column.checked_sub(strip.x + 1)
                    && let Some((n, notice)) = super::timeline::listed_near(state, bin as usize)
                {
                    state.reading.chronology.selected = n;
                    state.notice = notice;
                    follow_chronology(state);
                }
            } else if row >= list.y
                && let Some(n) = state
                    .laid_out
                    .chronology
                    .event_at_row(state.reading.chronology.scroll + (row - list.y) as usize)
            {
                state.reading.chronology.selected = n;
                follow_chronology(state);
            }
        }
        Pane::Detail => {
            let at = state.reading.detail.scroll + offset;
            if let Some(item) = state.laid_out.detail.doc.item_at_row(at) {
                state.reading.detail.selected = Some(item);
            }
        }
    }
}
