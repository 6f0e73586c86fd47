//! A note save waiting for another reader's lock, in the background.
//!
//! A save first tries the lock without waiting ([`Store::try_save`]). When
//! another reader holds it, the save moves to a thread that waits and
//! retries, and the interface shows "save pending" and keeps drawing and
//! taking keys. The loop polls [`poll`] while a save is pending; the result
//! is then applied as if the save had just finished.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::state::State;
use crate::notes::drafts::{Draft, Drafts};
use crate::notes::{Note, Saved, Store, StoreError};

/// How long the background thread keeps retrying before giving up.
const RETRY_FOR: Duration = Duration::from_secs(60);

/// A save running in the background.
#[derive(Debug)]
pub struct PendingSave {
    /// The note as it will be saved (for a draft if the reader lets go).
    pub note: Note,
    /// The SHA-256 of the note's file the save started from.
    pub base: Option<String>,
    /// What to do once saved.
    pub then: After,
    pub started: Instant,
    receiver: mpsc::Receiver<(Note, Result<Saved, StoreError>)>,
    shared: Arc<Mutex<Shared>>,
}

/// What the reader and the saving thread agree on once the reader lets go
/// of a save (on quit, or on opening another brief).
#[derive(Debug, Default)]
struct Shared {
    /// The thread finished saving.
    saved: bool,
    /// The reader kept the note as a draft, to be removed once saved.
    draft: Option<Drafts>,
}

/// What a finished save does to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    /// Close the editor (a save from the editor).
    CloseEditor,
    /// Tell the person this (a re-attach).
    Notice(String),
}

/// The line shown while a save waits.
pub const WAITING: &str =
    "save pending: another reader holds the notes lock; saving as soon as it is free";

/// Starts saving `note` in the background, waiting for the lock.
pub fn start(store: &Store, note: Note, base: Option<String>, then: After) -> PendingSave {
    let (sender, receiver) = mpsc::channel();
    let store = store.clone();
    let mut saving = note.clone();
    let shared = Arc::new(Mutex::new(Shared::default()));
    let in_thread = Arc::clone(&shared);
    let from = base.clone();
    std::thread::spawn(move || {
        let deadline = Instant::now() + RETRY_FOR;
        let result = loop {
            // Each try waits up to the store's lock wait, then retries.
            match store.save(&mut saving, from.as_deref()) {
                Err(StoreError::Locked(_)) if Instant::now() < deadline => continue,
                other => break other,
            }
        };
        if let Ok(mut shared) = in_thread.lock() {
            shared.saved = result.is_ok();
            // The reader let go and kept a draft: the note is saved now,
            // so the draft would only offer back what is already there.
            if let (true, Some(drafts)) = (shared.saved, shared.draft.take()) {
                let _ = drafts.remove(&saving.id);
            }
        }
        let _ = sender.send((saving, result));
    });
    PendingSave {
        note,
        base,
        then,
        started: Instant::now(),
        receiver,
        shared,
    }
}
/// Applies a finished background save, if any. True when the screen must
/// be redrawn.
pub fn poll(state: &mut State) -> bool {
    let Some(pending) = state.notes.pending.as_ref() else {
        return false;
    };
    let (note, result) = match pending.receiver.try_recv() {
        Ok(finished) => finished,
        Err(mpsc::TryRecvError::Empty) => return false,
        Err(mpsc::TryRecvError::Disconnected) => (
            pending.note.clone(),
            Err(StoreError::Locked(
                state
                    .notes
                    .store
                    .as_ref()
                    .map_or_else(PathBuf::new, |s| s.dir().join(".lock")),
            )),
        ),
    };
    let Some(pending) = state.notes.pending.take() else {
        return false;
    };
    super::notes::finish_save(state, note, result, pending.then);
    true
}

/// On quit with a save still waiting: waits up to `patience` for it, then
/// lets go of it (see [`let_go`]). Returns what to tell the person, if
/// anything.
pub fn settle_on_quit(state: &mut State, patience: Duration) -> Option<String> {
    state.notes.pending.as_ref()?;
    let deadline = Instant::now() + patience;
    while Instant::now() < deadline {
        if poll(state) {
            return Some("the pending note save finished".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let_go(state)
}

/// The reader stops waiting for a pending save (it quits, or opens another
/// brief): unless the save already finished, the note is kept as a draft
/// of its brief, which the next opening offers back like any draft. The
/// save goes on in the background; if it succeeds, it removes that draft.
/// Returns what to tell the person, if anything.
pub fn let_go(state: &mut State) -> Option<String> {
    if poll(state) {
        return Some("the pending note save finished".into());
    }
    let pending = state.notes.pending.take()?;
    let Ok(mut shared) = pending.shared.lock() else {
        return Some("a pending note save was interrupted".into());
    };
    if shared.saved {
        return Some("the pending note save finished".into());
    }
    let Some(drafts) = state.notes.drafts.clone() else {
        return Some(
            "a note could not be saved (another reader holds the notes lock), nor kept: no data folder"
                .into(),
        );
    };
    let target = &pending.note.target;
    let draft = Draft {
        note: pending.note.clone(),
        base: pending.base.clone(),
        label: super::notes::item_label(&state.brief, target.kind, target.id.as_deref()),
        saved: crate::notes::now(),
    };
    match drafts.write(&draft) {
        Ok(path) => {
            shared.draft = Some(drafts);
            Some(format!(
                "a note could not be saved yet (another reader holds the notes lock); it is kept as a draft ({}) that the next opening of the brief offers back",
                crate::text::sanitize::sanitize_line(&path.display().to_string())
            ))
        }
        Err(error) => Some(format!(
            "a note could not be saved (another reader holds the notes lock), nor kept: {}",
            crate::text::sanitize::sanitize_line(&error.to_string())
        )),
    }
}
