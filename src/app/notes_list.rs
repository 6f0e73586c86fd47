//! The notes list (`m`): every note of the brief, newest first, orphans in
//! their own section, then the conflict copies kept beside notes and the
//! files this build could not read; filterable; `Enter` goes to the note's
//! place, or shows a conflict's two texts or an unreadable file's text.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::notes::{self, item_label};
use super::state::{DetailItem, Pane, SourceView, State, Target};
use crate::notes::ItemRef;
use crate::text::sanitize::one_line;

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A note (index in `state.notes.notes`).
    Note(usize),
    /// A conflict copy (index in `state.notes.conflicts`).
    Conflict(usize),
    /// A file that could not be read (index in `state.notes.unreadable`).
    Unreadable(usize),
    /// What the opening said (index in `state.notes.notices`).
    Notice(usize),
}

pub struct NotesList {
    pub input: TextArea<'static>,
    /// What is shown: placed notes first, then orphans, conflict copies
    /// and unreadable files.
    pub rows: Vec<Row>,
    /// How many of `rows` are placed notes.
    pub placed: usize,
    pub selected: usize,
    pub scroll: usize,
}

impl std::fmt::Debug for NotesList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotesList")
            .field("rows", &self.rows.len())
            .finish()
    }
}

impl NotesList {
    /// The selected note (on a conflict row: the note it belongs to is
    /// not implied; see [`note_of_conflict`]).
    pub fn selected_note(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(Row::Note(i)) => Some(*i),
            _ => None,
        }
    }
}

/// One line describing note `index`: its target and its first words.
pub fn describe(state: &State, index: usize) -> (String, String) {
    let note = &state.notes.notes[index];
    let mut target = item_label(&state.brief, note.target.kind, note.target.id.as_deref());
    if let Some(passage) = &note.target.passage {
        target = format!("“{}” in {target}", one_line(&passage.exact, 40));
    }
    (target, one_line(&note.body, 200))
}

fn rows(state: &State, filter: &str) -> (Vec<Row>, usize) {
    let filter = filter.to_lowercase();
    let keep = |i: &usize| {
        if filter.is_empty() {
            return true;
        }
        let (target, body) = describe(state, *i);
        target.to_lowercase().contains(&filter) || body.to_lowercase().contains(&filter)
    };
    let placed: Vec<usize> = (0..state.notes.notes.len())
        .filter(|i| !state.notes.placements[*i].is_orphan())
        .filter(keep)
        .collect();
    let orphans: Vec<usize> = state.notes.orphans.iter().copied().filter(keep).collect();
    let matches = |texts: &[&str]| {
        filter.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&filter))
    };
    let conflicts = state.notes.conflicts.iter().enumerate().filter(|(_, c)| {
        let note = state.notes.notes.iter().find(|n| n.id == c.note_id);
        matches(&[&c.text, &c.file, note.map_or("", |n| n.body.as_str())])
    });
    let unreadable = state
        .notes
        .unreadable
        .iter()
        .enumerate()
        .filter(|(_, u)| matches(&[&u.file, &u.reason, &u.text]));
    let count = placed.len();
    let rows = placed
        .into_iter()
        .chain(orphans)
        .map(Row::Note)
        .chain(conflicts.map(|(i, _)| Row::Conflict(i)))
        .chain(unreadable.map(|(i, _)| Row::Unreadable(i)))
        .chain(
            state
                .notes
                .notices
                .iter()
                .enumerate()
                .filter(|(_, n)| matches(&[n]))
                .map(|(i, _)| Row::Notice(i)),
        )
        .collect();
    (rows, count)
}

pub fn open(state: &mut State) {
    // Another reader may have saved meanwhile: show the folder as it is.
    notes::reload(state);
    let mut input = TextArea::default();
    input.set_cursor_line_style(ratatui::style::Style::new());
    let (rows, placed) = rows(state, "");
    state.notes_list = Some(NotesList {
        input,
        rows,
        placed,
        selected: 0,
        scroll: 0,
    });
}

pub(super) fn refresh(state: &mut State) {
    let Some(list) = state.notes_list.as_ref() else {
        return;
    };
    let filter = list.input.lines().concat();
    let (rows, placed) = rows(state, &filter);
    if let Some(list) = state.notes_list.as_mut() {
        list.selected = list.selected.min(rows.len().saturating_sub(1));
        list.rows = rows;
        list.placed = placed;
    }
}

/// Handles a key while the list is open. Letters filter; Ctrl-e edits,
/// Ctrl-d deletes, Ctrl-r re-attaches an orphan to the current selection.
pub fn key(state: &mut State, key: KeyEvent) {
    let Some(list) = state.notes_list.as_mut() else {
        return;
    };
    let ctrl = key
        .modifiers
        .contains(ratatui::crossterm::event::KeyModifiers::CONTROL);
    let last = list.rows.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc => state.notes_list = None,
        KeyCode::Down | KeyCode::Tab => list.selected = (list.selected + 1).min(last),
        KeyCode::Up | KeyCode::BackTab => list.selected = list.selected.saturating_sub(1),
        KeyCode::Enter => match list.rows.get(list.selected).copied() {
            Some(Row::Note(index)) => {
                state.notes_list = None;
                go_to(state, index);
            }
            Some(Row::Conflict(i)) => {
                state.notes.conflict_view = Some(FileView {
                    what: Viewed::Conflict(i),
                    scroll: 0,
                });
            }
            Some(Row::Unreadable(i)) => {
                state.notes.conflict_view = Some(FileView {
                    what: Viewed::Unreadable(i),
                    scroll: 0,
                });
            }
            Some(Row::Notice(i)) => {
                state.notes.conflict_view = Some(FileView {
                    what: Viewed::Notice(i),
                    scroll: 0,
                });
            }
            None => {}
        },
        KeyCode::Char('e') if ctrl => {
            if let Some(index) = list.selected_note() {
                state.notes_list = None;
                notes::edit(state, index);
            }
        }
        KeyCode::Char('d') if ctrl => {
            if let Some(index) = list.selected_note() {
                state.notes_list = None;
                notes::ask_delete(state, index);
            }
        }
        KeyCode::Char('r') if ctrl => {
            let Some(index) = list.selected_note() else {
                return;
            };
            if !state.notes.placements[index].is_orphan() {
                state.notice = Some("only orphaned notes need re-attaching".into());
                return;
            }
            state.notes_list = None;
            notes::reattach(state, index);
        }
        _ => {
            if list.input.input(key) {
                refresh(state);
            }
        }
    }
}

/// What a file view popup over the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewed {
    Conflict(usize),
    Unreadable(usize),
    Notice(usize),
}

/// A popup showing a conflict's two texts or an unreadable file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileView {
    pub what: Viewed,
    pub scroll: u16,
}

/// The note a conflict copy belongs to, if it is loaded.
pub fn note_of_conflict(state: &State, conflict: usize) -> Option<usize> {
    let copy = state.notes.conflicts.get(conflict)?;
    state.notes.notes.iter().position(|n| n.id == copy.note_id)
}

/// Handles a key while a file view is open: for a conflict, `o` keeps the
/// other text (this note's text becomes the copy), `x` dismisses the copy
/// (to the trash); `j`/`k` scroll; Esc closes.
pub fn conflict_key(state: &mut State, key: KeyEvent) {
    let Some(view) = state.notes.conflict_view.as_mut() else {
        return;
    };
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => state.notes.conflict_view = None,
        KeyCode::Down | KeyCode::Char('j') => view.scroll = view.scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => view.scroll = view.scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => view.scroll = view.scroll.saturating_add(10),
        KeyCode::PageUp => view.scroll = view.scroll.saturating_sub(10),
        KeyCode::Char('o') => {
            if let Viewed::Conflict(i) = view.what {
                keep_other(state, i);
            }
        }
        KeyCode::Char('x') => {
            if let Viewed::Conflict(i) = view.what {
                dismiss(state, i);
            }
        }
        _ => {}
    }
}

fn keep_other(state: &mut State, conflict: usize) {
    let (Some(store), Some(copy)) = (
        state.notes.store.as_ref(),
        state.notes.conflicts.get(conflict).cloned(),
    ) else {
        return;
    };
    match store.keep_other(&copy) {
        Ok(_) => {
            state.notes.conflict_view = None;
            notes::reload(state);
            state.notice = Some(
                "the other text is the note now; the text it replaced is kept as a conflict copy"
                    .into(),
            );
            reopen_list(state);
        }
        Err(error) => state.notice = Some(format!("not changed: {error}")),
    }
}

fn dismiss(state: &mut State, conflict: usize) {
    let (Some(store), Some(copy)) = (
        state.notes.store.as_ref(),
        state.notes.conflicts.get(conflict).cloned(),
    ) else {
        return;
    };
    match store.dismiss(&copy) {
        Ok(()) => {
            state.notes.conflict_view = None;
            notes::reload(state);
            state.notice = Some("conflict copy dismissed (moved to the trash)".into());
            reopen_list(state);
        }
        Err(error) => state.notice = Some(format!("not dismissed: {error}")),
    }
}

/// Rebuilds the open list's rows after the notes changed.
fn reopen_list(state: &mut State) {
    if state.notes_list.is_some() {
        refresh(state);
    }
}

/// Shows where note `index` belongs, with the note selected.
pub fn go_to(state: &mut State, index: usize) {
    let Some(item) = state.notes.placements.get(index).and_then(|p| p.item) else {
        state.notice = Some("this note lost its place: Ctrl-r in the list re-attaches it".into());
        return;
    };
    state.source = None;
    state.visual = None;
    let select = |state: &mut State, target: Target, factor: usize| {
        state.factors.selected = factor;
        if state.target != target {
            state.target = target;
            state.detail.scroll = 0;
        }
        state.refresh_chronology();
        state.focus = Pane::Detail;
        state.detail.pending_select = Some(DetailItem::Note(index));
    };
    match item {
        ItemRef::Brief => select(state, Target::Overview, 0),
        ItemRef::Factor(f) => select(state, Target::Factor(f), f + 1),
        ItemRef::Excerpt(x) => match state.brief.excerpts[x].factors.first().copied() {
            Some(f) => select(state, Target::Factor(f), f + 1),
            None => match state.brief.excerpts[x].events.first().copied() {
                Some(e) => select(state, Target::Event(e), state.factors.selected),
                None => select(state, Target::Overview, 0),
            },
        },
        ItemRef::Event(e) => select(state, Target::Event(e), state.factors.selected),
        ItemRef::Source(s) => {
            let passage = state
                .notes
                .by_text
                .get(&crate::brief::TextRef::SourceText(s))
                .and_then(|list| list.iter().find(|(n, _)| *n == index))
                .map(|(_, range)| range.start);
            match passage {
                Some(byte) if state.brief.sources[s].text.is_some() => {
                    let mut view = SourceView::new(s, None);
                    view.reveal = false;
                    view.reveal_byte = Some(byte);
                    state.source = Some(view);
                }
                _ => select(state, Target::Overview, 0),
            }
        }
    }
}
