//! The notes list (`m`): every note of the brief, newest first, orphans in
//! their own section; filterable; `Enter` goes to the note's place.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::notes::{self, item_label};
use super::state::{DetailItem, Pane, SourceView, State, Target};
use crate::notes::ItemRef;
use crate::text::sanitize::one_line;

pub struct NotesList {
    pub input: TextArea<'static>,
    /// Note indices shown: placed notes first, then orphans.
    pub rows: Vec<usize>,
    /// How many of `rows` are placed (the rest are orphans).
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
    pub fn selected_note(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
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

fn rows(state: &State, filter: &str) -> (Vec<usize>, usize) {
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
    let count = placed.len();
    (placed.into_iter().chain(orphans).collect(), count)
}

pub fn open(state: &mut State) {
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

fn refresh(state: &mut State) {
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
        KeyCode::Enter => {
            let chosen = list.selected_note();
            state.notes_list = None;
            if let Some(index) = chosen {
                go_to(state, index);
            }
        }
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
