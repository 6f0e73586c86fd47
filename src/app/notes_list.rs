//! The notes list (`m`): every note of the brief, newest first, orphans in
//! their own section; filterable; `Enter` goes to the note's place.

use ratatui_textarea::TextArea;

use super::action::Action;
use super::input;
use super::layers::Popup;
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
    let (rows, placed) = rows(state, "");
    state.layers.popup = Some(Popup::NotesList(NotesList {
        input: input::new_line(""),
        rows,
        placed,
        selected: 0,
        scroll: 0,
    }));
}

fn refresh(state: &mut State) {
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

/// Applies an action while the list is on top. Letters filter; Ctrl-e
/// edits, Ctrl-d deletes, Ctrl-r re-attaches an orphan to the selection
/// under the list.
pub fn action(state: &mut State, action: Action) {
    let Some(list) = state.layers.notes_list_mut() else {
        return;
    };
    let last = list.rows.len().saturating_sub(1);
    let chosen = list.selected_note();
    match action {
        Action::Close => state.layers.popup = None,
        Action::Down => list.selected = (list.selected + 1).min(last),
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::PageDown => list.selected = (list.selected + 10).min(last),
        Action::PageUp => list.selected = list.selected.saturating_sub(10),
        Action::Choose => {
            state.layers.popup = None;
            if let Some(index) = chosen {
                go_to(state, index);
            }
        }
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
            state.layers.popup = None;
            notes::reattach(state, index);
        }
        Action::Edit(edit) if input::apply(&mut list.input, edit, true) => refresh(state),
        Action::Paste(text) if input::paste(&mut list.input, &text, true) => refresh(state),
        _ => {}
    }
}

/// Shows where note `index` belongs, with the note selected.
pub fn go_to(state: &mut State, index: usize) {
    let Some(item) = state.notes.placements.get(index).and_then(|p| p.item) else {
        state.notice = Some("this note lost its place: Ctrl-r in the list re-attaches it".into());
        return;
    };
    state.layers.view = None;
    state.layers.caret = None;
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
                    state.layers.view = Some(view);
                }
                _ => select(state, Target::Overview, 0),
            }
        }
    }
}
