//! Re-attaching an orphaned note, safely: `Ctrl-r` in the notes list opens
//! the go-to palette restricted to the brief's items, the choice is
//! confirmed (y / n), and `u` takes it back.

use super::layers::{Popup, Prompt, Question};
use super::location::{self, Location, Record};
use super::notes::{Undo, finish_save, item_label};
use super::palette::{Jump, PaletteState, entries};
use super::pending_save::{After, WAITING, start};
use super::state::State;
use super::visual::Visual;
use crate::brief::TextRef;
use crate::notes::{ItemKind, NoteTarget, StoreError};

/// A re-attach waiting for its y / n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub note_id: String,
    pub target: NoteTarget,
    /// How the new target is named: `factor “Terrorism”`.
    pub label: String,
}

/// `Ctrl-r` on orphan note `index`: the picker of items.
pub fn pick(state: &mut State, index: usize) {
    let Some(note) = state.notes.notes.get(index) else {
        return;
    };
    let items: Vec<_> = entries(state)
        .into_iter()
        .filter(|e| !matches!(e.jump, Jump::Command(_)))
        .map(|mut e| {
            if e.jump == Jump::Go(Location::Overview) {
                e.label = "the brief as a whole".into();
                e.kind = "brief";
            }
            e
        })
        .collect();
    let mut palette = PaletteState::new(items);
    palette.reattach = Some(note.id.clone());
    state.layers.popup = Some(Popup::Palette(palette));
}

/// The target a palette entry names.
fn target_of(state: &State, jump: &Jump) -> Option<NoteTarget> {
    let brief = &state.brief;
    let Jump::Go(location) = jump else {
        return None;
    };
    Some(match *location {
        Location::Overview => NoteTarget::brief(),
        Location::Factor(f) => NoteTarget::item(ItemKind::Factor, &brief.factors.get(f)?.id),
        Location::Event(e) => NoteTarget::item(ItemKind::Event, &brief.events.get(e)?.id),
        Location::Excerpt(x) => NoteTarget::item(ItemKind::Excerpt, &brief.excerpts.get(x)?.id),
        Location::Source { source, .. } => {
            NoteTarget::item(ItemKind::Source, &brief.sources.get(source)?.id)
        }
        // The palette lists none of these.
        Location::KeyPoint { .. } | Location::Note(_) => return None,
    })
}

/// An item was chosen in the picker for note `note_id`: ask first. A note
/// on words goes to the item first, with the caret at its start, to choose
/// the words (`a` then asks, see [`words_chosen`]).
pub fn chosen(state: &mut State, note_id: String, jump: Jump) {
    let Some(target) = target_of(state, &jump) else {
        return;
    };
    let on_words = state
        .notes
        .notes
        .iter()
        .any(|n| n.id == note_id && n.target.passage.is_some());
    if let (true, Jump::Go(location)) = (on_words, &jump)
        && let Some(text) = first_text(location)
        && location::go(state, location.clone(), Record::Yes)
    {
        let mut caret = Visual::at(text, 0);
        caret.moving = Some(note_id);
        state.layers.caret = Some(caret);
        state.notice = Some(
            "choose the words: move, v or Space starts the selection, a re-attaches the note there"
                .into(),
        );
        return;
    }
    let label = item_label(&state.brief, target.kind, target.id.as_deref());
    state.notes.reattach_offer = Some(Offer {
        note_id,
        target,
        label,
    });
    state.layers.prompt = Some(Prompt::Confirm(Question::Reattach));
}

/// The first text of the item at `location` a note can anchor to: where
/// the caret starts when a note on words is re-attached there.
fn first_text(location: &Location) -> Option<TextRef> {
    Some(match *location {
        Location::Overview => TextRef::BriefSummary,
        Location::Factor(f) => TextRef::FactorTitle(f),
        Location::Event(e) => TextRef::EventTitle(e),
        Location::Excerpt(x) => TextRef::Quote(x),
        Location::Source { source, .. } => TextRef::SourceText(source),
        Location::KeyPoint { .. } | Location::Note(_) => return None,
    })
}

/// `a` in the caret opened by [`chosen`] for an orphan: the words are
/// chosen; ask before re-attaching the note to them.
pub fn words_chosen(state: &mut State, note_id: String, target: NoteTarget, label: String) {
    state.layers.caret = None;
    state.notes.reattach_offer = Some(Offer {
        note_id,
        target,
        label,
    });
    state.layers.prompt = Some(Prompt::Confirm(Question::Reattach));
}

/// The question over the status bar.
pub fn question(state: &State) -> Option<String> {
    let offer = state.notes.reattach_offer.as_ref()?;
    Some(format!(
        " Re-attach the note to {}? {} ({} undoes it) ",
        offer.label,
        state.opening.keymap.yes_no(),
        state
            .opening
            .keymap
            .key_of(super::keymap::Scope::Reading, &super::Action::Undo)
            .unwrap_or_default()
    ))
}

/// The answer to "re-attach?".
pub fn answer(state: &mut State, yes: bool) {
    state.layers.prompt = None;
    let Some(offer) = state.notes.reattach_offer.take() else {
        return;
    };
    if !yes {
        state.notice = Some("not re-attached: the note is still an orphan".into());
        return;
    }
    let Some(index) = state.notes.notes.iter().position(|n| n.id == offer.note_id) else {
        state.notice = Some("not re-attached: the note is gone".into());
        return;
    };
    let before = state.notes.notes[index].target.clone();
    let was = super::notes_rows::lost(state, &state.notes.notes[index]);
    if save_target(
        state,
        index,
        offer.target,
        format!("note re-attached to {} · u undoes it", offer.label),
    ) {
        state.notes.undo.push(Undo::Reattach {
            id: offer.note_id,
            before,
            was,
        });
    }
}

/// `u` on a re-attach: the note goes back to what it was on (an orphan
/// again). Returns whether the save was made or is under way.
pub fn undo(state: &mut State, id: &str, before: &NoteTarget, was: &str) -> bool {
    let Some(index) = state.notes.notes.iter().position(|n| n.id == id) else {
        state.notice = Some("re-attach not undone: the note is gone".into());
        return true;
    };
    let message = format!(
        "re-attach undone: the note {}",
        crate::text::sanitize::one_line(was, 120)
    );
    save_target(state, index, before.clone(), message)
}

/// Saves note `index` with `target`; says `notice` when done. Returns
/// false when nothing could be started (a save already waits, or the save
/// failed).
pub(super) fn save_target(
    state: &mut State,
    index: usize,
    target: NoteTarget,
    notice: String,
) -> bool {
    let Some(store) = state.notes.store.as_ref() else {
        return false;
    };
    if state.notes.pending.is_some() {
        state.notice = Some(WAITING.into());
        return false;
    }
    let Some(note) = state.notes.notes.get(index) else {
        return false;
    };
    let base = state.notes.sha256.get(&note.id).cloned();
    let mut changed = note.clone();
    changed.target = target;
    let then = After::Notice(notice);
    let result = store.try_save(&mut changed, base.as_deref());
    if matches!(result, Err(StoreError::Locked(_))) {
        state.notes.pending = Some(start(store, changed, base, then));
        state.notice = Some(WAITING.into());
        return true;
    }
    let ok = result.is_ok();
    finish_save(state, changed, result, then);
    ok
}
