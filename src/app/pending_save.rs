//! A note save waiting for another reader's lock, in the background.
//!
//! A save first tries the lock without waiting ([`Store::try_save`]). When
//! another reader holds it, the save moves to a thread that waits and
//! retries, and the interface shows "save pending" and keeps drawing and
//! taking keys. The loop polls [`poll`] while a save is pending; the result
//! is then applied as if the save had just finished.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::state::State;
use crate::notes::{Note, Saved, Store, StoreError, encode};
use crate::safe_file::{Links, Root};

/// How long the background thread keeps retrying before giving up.
const RETRY_FOR: Duration = Duration::from_secs(60);

/// A save running in the background.
#[derive(Debug)]
pub struct PendingSave {
    /// The note as it will be saved (for a recovery copy on quit).
    pub note: Note,
    /// What to do once saved.
    pub then: After,
    pub started: Instant,
    receiver: mpsc::Receiver<(Note, Result<Saved, StoreError>)>,
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
    std::thread::spawn(move || {
        let deadline = Instant::now() + RETRY_FOR;
        let result = loop {
            // Each try waits up to the store's lock wait, then retries.
            match store.save(&mut saving, base.as_deref()) {
                Err(StoreError::Locked(_)) if Instant::now() < deadline => continue,
                other => break other,
            }
        };
        let _ = sender.send((saving, result));
    });
    PendingSave {
        note,
        then,
        started: Instant::now(),
        receiver,
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
/// keeps the note's text as a recovery copy under `<data>/recovery/`.
/// Returns what to tell the person, if anything.
pub fn settle_on_quit(state: &mut State, patience: Duration) -> Option<String> {
    state.notes.pending.as_ref()?;
    let deadline = Instant::now() + patience;
    while Instant::now() < deadline {
        if poll(state) {
            return Some("the pending note save finished".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let pending = state.notes.pending.take()?;
    let data = state.data_dir.clone()?;
    match keep_recovery_copy(&data, &pending.note) {
        Ok(path) => Some(format!(
            "a note could not be saved (another reader holds the notes lock); its text is kept in {}",
            crate::text::sanitize::sanitize_line(&path.display().to_string())
        )),
        Err(error) => Some(format!(
            "a note could not be saved (another reader holds the notes lock), nor kept: {error}"
        )),
    }
}

/// Writes `note` to `<data>/recovery/<id>.toml`.
fn keep_recovery_copy(data: &Path, note: &Note) -> Result<PathBuf, crate::safe_file::Error> {
    let root = Root::create(data, Links::Refused)?;
    root.create_dir_all("recovery")?;
    let name = Path::new("recovery").join(format!("{}.toml", note.id));
    root.write_atomic(&name, encode(note).as_bytes())?;
    Ok(data.join(name))
}
