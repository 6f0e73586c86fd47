//! Deleting notes, undoing (deletes, re-attaches, moved words) and
//! moving a note to new words: the changes `u` can take back.

use super::layers::{Prompt, Question};
use super::notes::{Undo, attach_to, own_change, place_changed};
use super::state::State;

/// `d`: ask before deleting note `index`.
pub fn ask_delete(state: &mut State, index: usize) {
    if let Some(note) = state.notes.notes.get(index) {
        let question = Question::DeleteNote(note.id.clone());
        state.layers.prompt = Some(Prompt::Confirm(question));
    }
}

/// Deletes note `index` (the answer to "delete this note?" was yes).
pub fn delete(state: &mut State, index: usize) {
    let (Some(store), Some(note)) = (state.notes.store.as_ref(), state.notes.notes.get(index))
    else {
        return;
    };
    let id = note.id.clone();
    let on = super::notes_list::describe(state, index).0;
    match store.delete(&id) {
        Ok(()) => {
            state.notes.notes.remove(index);
            state.notice = Some(format!(
                "the note on {} is in the trash · u restores it",
                crate::text::sanitize::one_line(&on, 60)
            ));
            place_changed(state, Some(&id));
            own_change(state);
            state.notes.undo.push(Undo::Delete { id, on });
        }
        Err(error) => state.notice = Some(format!("not deleted: {error}")),
    }
}

/// `u`: takes back the latest change still to undo: brings back the last
/// deleted note (then, at the next `u`, the one deleted before it), saying
/// which. When that fails for a reason that may pass the change stays the
/// one `u` undoes, so a later `u` can try again.
pub fn undo(state: &mut State) {
    let Some(last) = state.notes.undo.last().cloned() else {
        state.notice = Some("nothing to undo".into());
        return;
    };
    match last {
        Undo::Delete { id, on } => undo_delete(state, &id, &on),
        Undo::Reattach { id, before, was } => {
            let undo = state.notes.undo.pop();
            if !super::reattach::undo(state, &id, &before, &was)
                && let Some(undo) = undo
            {
                // Not saved: `u` tries again.
                state.notes.undo.push(undo);
            }
        }
        Undo::Move { id, before } => {
            let undo = state.notes.undo.pop();
            let saved = match state.notes.notes.iter().position(|n| n.id == id) {
                Some(index) => super::reattach::save_target(
                    state,
                    index,
                    before,
                    "note moved back to its words".into(),
                ),
                None => true,
            };
            if !saved && let Some(undo) = undo {
                state.notes.undo.push(undo);
            }
        }
    }
}

/// How many more changes `u` can undo, as a tail for a notice.
fn more_to_undo(state: &State) -> String {
    match state.notes.undo.len() {
        0 => String::new(),
        1 => " · u undoes one more change".to_string(),
        n => format!(" · u undoes {n} more changes"),
    }
}

fn undo_delete(state: &mut State, id: &str, on: &str) {
    let Some(store) = state.notes.store.as_ref() else {
        return;
    };
    let on = crate::text::sanitize::one_line(on, 60);
    match store.restore(id) {
        Ok(note) => {
            state.notes.undo.pop();
            if let Some(sha256) = store.sha256_of(id) {
                state.notes.sha256.insert(id.to_string(), sha256);
            }
            state.notes.notes.push(note);
            place_changed(state, Some(id));
            own_change(state);
            state.notice = Some(format!(
                "note restored: the note on {on} is back{}",
                more_to_undo(state)
            ));
        }
        Err(error) => {
            if let crate::notes::StoreError::NotFound { .. } = error {
                // Gone from the trash: nothing left to try.
                state.notes.undo.pop();
            } else {
                state.notice = Some(format!(
                    "not restored: {error}; it is still in the trash, u tries again"
                ));
                return;
            }
            state.notice = Some(format!(
                "not restored (the note on {on}): {error}{}",
                more_to_undo(state)
            ));
        }
    }
}

/// `a` in caret mode opened on a passage note: moves note `id` to the
/// selected words. `u` moves it back.
pub fn move_to_selection(state: &mut State, id: &str) {
    let Some(index) = state.notes.notes.iter().position(|n| n.id == id) else {
        state.layers.caret = None;
        state.notice = Some("that note is gone".into());
        return;
    };
    let attach = attach_to(state);
    // An orphan being re-attached: its new words are confirmed first.
    if state
        .notes
        .placements
        .get(index)
        .is_some_and(|p| p.item.is_none())
    {
        super::reattach::words_chosen(state, id.to_string(), attach.target, attach.label);
        return;
    }
    let before = state.notes.notes[index].target.clone();
    let notice = format!("note moved to {} · u moves it back", attach.label);
    if super::reattach::save_target(state, index, attach.target, notice) {
        state.notes.undo.push(Undo::Move {
            id: id.to_string(),
            before,
        });
    }
}
