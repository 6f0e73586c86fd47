//! The notes list (`m`): every note of the brief, newest first, orphans in
//! their own section, then the files this build could not read and the
//! conflict copies kept beside notes; filterable (bodies, passages,
//! titles); each row shows the body first, a preview the whole note
//! (see [`super::notes_rows`]); `Enter` goes to the note's
//! place, or shows a conflict's two texts or an unreadable file's text.

use ratatui_textarea::TextArea;

use super::action::Action;
use super::input;
use super::layers::{Popup, Prompt};
use super::notes::{self, item_label};
use super::state::State;
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
    /// What is shown: placed notes first, then orphans, unreadable files,
    /// conflict copies and notices.
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

/// A filter, ignoring case. An ASCII filter (the usual one) is searched
/// for without lowercasing every text, which keeps a keystroke within a
/// frame over thousands of notes.
enum Filter {
    Ascii(aho_corasick::AhoCorasick),
    Lower(String),
}

impl Filter {
    fn new(filter: &str) -> Filter {
        let ascii = filter.is_ascii().then(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([filter])
                .ok()
        });
        match ascii.flatten() {
            Some(searcher) => Filter::Ascii(searcher),
            None => Filter::Lower(filter.to_lowercase()),
        }
    }

    fn matches(&self, text: &str) -> bool {
        match self {
            Filter::Ascii(searcher) => searcher.is_match(text),
            Filter::Lower(filter) => text.to_lowercase().contains(filter.as_str()),
        }
    }
}

/// Whether note `index` matches `filter`: in its body, the words of its
/// passage, or the title of what it is on (for an orphan, the id it had).
/// `titles` keeps each item's answer, so that thousands of notes on a few
/// hundred items name each item once.
fn note_matches<'n>(
    state: &'n State,
    index: usize,
    filter: &Filter,
    titles: &mut std::collections::HashMap<(crate::notes::ItemKind, Option<&'n str>), bool>,
) -> bool {
    let Some(note) = state.notes.notes.get(index) else {
        return false;
    };
    let has = |text: &str| filter.matches(text);
    let (kind, id) = (note.target.kind, note.target.id.as_deref());
    has(&note.body)
        || note.target.passage.as_ref().is_some_and(|p| has(&p.exact))
        || *titles
            .entry((kind, id))
            .or_insert_with(|| has(&item_label(&state.brief, kind, id)) || id.is_some_and(has))
}

fn rows(state: &State, filter: &str) -> (Vec<Row>, usize) {
    let empty = filter.is_empty();
    let searcher = Filter::new(filter);
    let mut titles = std::collections::HashMap::new();
    let mut keep = |i: &usize| empty || note_matches(state, *i, &searcher, &mut titles);
    let placed: Vec<usize> = (0..state.notes.notes.len())
        .filter(|i| !state.notes.placements[*i].is_orphan())
        .filter(&mut keep)
        .collect();
    let orphans: Vec<usize> = state
        .notes
        .orphans
        .iter()
        .copied()
        .filter(&mut keep)
        .collect();
    let matches = |texts: &[&str]| empty || texts.iter().any(|t| searcher.matches(t));
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
        .chain(unreadable.map(|(i, _)| Row::Unreadable(i)))
        .chain(conflicts.map(|(i, _)| Row::Conflict(i)))
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
    let (rows, placed) = rows(state, "");
    state.layers.popup = Some(Popup::NotesList(NotesList {
        input: input::new_line(""),
        rows,
        placed,
        selected: 0,
        scroll: 0,
    }));
}

pub(super) fn refresh(state: &mut State) {
    let Some(list) = state.layers.notes_list() else {
        return;
    };
    let filter = list.input.lines().concat();
    let (rows, placed) = rows(state, &filter);
    if let Some(list) = state.layers.notes_list_mut() {
        list.selected = list.selected.min(rows.len().saturating_sub(1));
        list.rows = rows;
        list.placed = placed;
    }
}

/// Applies an action while the list is on top. Letters filter; Alt-e
/// edits, Alt-x deletes, Ctrl-r re-attaches an orphan to the selection
/// under the list.
pub fn action(state: &mut State, action: Action) {
    let Some(list) = state.layers.notes_list_mut() else {
        return;
    };
    let last = list.rows.len().saturating_sub(1);
    let chosen = list.selected_note();
    let row = list.rows.get(list.selected).copied();
    let view = |what| Some(Prompt::FileView(FileView { what, scroll: 0 }));
    match action {
        Action::Close => state.layers.popup = None,
        Action::Down => list.selected = (list.selected + 1).min(last),
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::PageDown => list.selected = (list.selected + 10).min(last),
        Action::PageUp => list.selected = list.selected.saturating_sub(10),
        // A note: go to its place; a conflict copy, an unreadable file or
        // a notice: show it over the list.
        Action::Choose => match row {
            Some(Row::Note(index)) => {
                state.layers.popup = None;
                go_to(state, index);
            }
            Some(Row::Conflict(i)) => state.layers.prompt = view(Viewed::Conflict(i)),
            Some(Row::Unreadable(i)) => state.layers.prompt = view(Viewed::Unreadable(i)),
            Some(Row::Notice(i)) => state.layers.prompt = view(Viewed::Notice(i)),
            None => state.layers.popup = None,
        },
        Action::EditNote => {
            if let Some(index) = chosen {
                state.layers.popup = None;
                notes::edit(state, index);
            }
        }
        Action::DeleteNote => {
            if let Some(index) = chosen {
                state.layers.popup = None;
                notes::ask_delete(state, index);
            }
        }
        Action::Reattach => {
            let Some(index) = chosen else {
                return;
            };
            if !state.notes.placements[index].is_orphan() {
                state.notice = Some("only orphaned notes need re-attaching".into());
                return;
            }
            super::reattach::pick(state, index);
        }
        Action::Edit(edit) if input::apply(&mut list.input, edit, true) => refresh(state),
        Action::Paste(text) if input::paste(&mut list.input, &text, true) => refresh(state),
        _ => {}
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

/// Applies an action while a file view is on top: for a conflict, `o`
/// keeps the other text (this note's text becomes the copy), `x` dismisses
/// the copy (to the trash); `j`/`k` scroll; Esc closes.
pub fn file_view_action(state: &mut State, action: Action) {
    let Some(view) = state.layers.file_view_mut() else {
        return;
    };
    match action {
        Action::Close => state.layers.prompt = None,
        Action::Down => view.scroll = view.scroll.saturating_add(1),
        Action::Up => view.scroll = view.scroll.saturating_sub(1),
        Action::PageDown => view.scroll = view.scroll.saturating_add(10),
        Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
        Action::KeepOther => {
            if let Viewed::Conflict(i) = view.what {
                keep_other(state, i);
            }
        }
        Action::DismissConflict => {
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
            state.layers.prompt = None;
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
            state.layers.prompt = None;
            notes::reload(state);
            state.notice = Some("conflict copy dismissed (moved to the trash)".into());
            reopen_list(state);
        }
        Err(error) => state.notice = Some(format!("not dismissed: {error}")),
    }
}

/// Rebuilds the open list's rows after the notes changed.
fn reopen_list(state: &mut State) {
    if state.layers.notes_list().is_some() {
        refresh(state);
    }
}

/// Shows where note `index` belongs, with the note selected (a recorded
/// jump).
pub fn go_to(state: &mut State, index: usize) {
    let Some(note) = state.notes.notes.get(index) else {
        return;
    };
    let to = super::location::Location::Note(note.id.clone());
    super::location::go(state, to, super::location::Record::Yes);
}
