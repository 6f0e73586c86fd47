//! Placing notes in the background when it would hold back the first
//! frame: on a brief with large texts, opening draws at once with a
//! "placing notes…" mark, and the places arrive through the loop (polled
//! like a pending save) a moment later.

use std::sync::mpsc;

use super::state::State;
use crate::notes::{FieldCache, Placement, Placer};

/// Notes are placed in the background when the brief's texts hold more
/// bytes than this (the bundled brief, and every small one, places at
/// once, before the first frame).
pub const BACKGROUND_ABOVE: usize = 1024 * 1024;

/// A placing of all notes running in the background.
#[derive(Debug)]
pub struct Placing {
    /// The ids of the notes being placed, in their order.
    ids: Vec<String>,
    receiver: mpsc::Receiver<(Vec<Placement>, FieldCache)>,
}

/// Whether placing `state`'s notes is worth a thread: passage notes on a
/// brief with large texts.
pub fn worth_background(state: &State) -> bool {
    let texts: usize = state
        .brief
        .sources
        .iter()
        .filter_map(|s| s.text.as_ref())
        .map(String::len)
        .sum();
    texts > BACKGROUND_ABOVE && state.notes.notes.iter().any(|n| n.target.passage.is_some())
}

/// Starts placing every note in the background (the notes must be in
/// their display order, see [`super::notes::place_changed`]). Until the
/// result arrives, notes show nowhere and the status bar says so.
pub fn start(state: &mut State) {
    // The brief is shared, not copied: its texts can be megabytes.
    let brief = std::sync::Arc::clone(&state.brief);
    let notes = state.notes.notes.clone();
    let ids = notes.iter().map(|n| n.id.clone()).collect();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut placer = Placer::new(&brief);
        let placements = placer.place_all(&notes);
        let _ = sender.send((placements, placer.into_cache()));
    });
    state.notes.placements.clear();
    state.notes.placed_ids.clear();
    state.notes.placing = Some(Placing { ids, receiver });
    super::notes::index(state);
}

/// Takes the background placing's result, if it arrived. True when the
/// screen must be redrawn. Notes changed meanwhile are placed again.
pub fn poll(state: &mut State) -> bool {
    let Some(placing) = state.notes.placing.as_ref() else {
        return false;
    };
    let (placements, cache) = match placing.receiver.try_recv() {
        Ok(result) => result,
        Err(mpsc::TryRecvError::Empty) => return false,
        Err(mpsc::TryRecvError::Disconnected) => {
            // The thread died (it cannot, short of a bug): place here.
            state.notes.placing = None;
            super::notes::place(state);
            return true;
        }
    };
    let same = placing
        .ids
        .iter()
        .eq(state.notes.notes.iter().map(|n| &n.id));
    state.notes.placing = None;
    if !same {
        start(state);
        return true;
    }
    state.notes.placed_ids = state.notes.notes.iter().map(|n| n.id.clone()).collect();
    state.notes.placements = placements;
    state.notes.field_cache = cache;
    super::notes::index(state);
    true
}

/// Waits for a background placing to finish (for tests and benchmarks
/// that need the places).
pub fn wait(state: &mut State) {
    while state.notes.placing.is_some() {
        if !poll(state) {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}
