//! A note save waiting for another reader's lock is never lost when the
//! reader lets go of it (quits, or opens another brief): it is kept as a
//! draft that the next opening offers back, and removed once the save
//! lands after all.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use briefing::app::{library, notes, pending_save};
use briefing::notes::{ItemKind, Note, NoteTarget, Store};
use common::Reader;
use common::drafts::draft_files;
use ratatui::crossterm::event::KeyCode;

const BRIEF: &str = "afpak-2025";

/// A saved note on factor `trade`, a reader on it, and another reader's
/// hold on the notes lock; the reader's edit of the note then waits.
fn save_waiting_on_the_lock(data: &Path) -> (Reader, std::fs::File, Note) {
    let mut note = Note::new(NoteTarget::item(ItemKind::Factor, "trade"), "saved".into());
    Store::new(data, BRIEF).save(&mut note, None).unwrap();
    let lock = std::fs::File::create(data.join("notes").join(BRIEF).join(".lock")).unwrap();
    lock.lock().unwrap();
    let mut r = Reader::with_data(data, 160, 48);
    notes::edit(&mut r.state, 0);
    for c in " and more".chars() {
        r.key(KeyCode::Char(c));
    }
    r.ctrl('s');
    assert!(
        r.state.notes.pending.is_some(),
        "the save waits on the lock"
    );
    (r, lock, note)
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn opening_another_brief_keeps_a_waiting_save_as_a_draft_until_it_lands() {
    let data = tempfile::tempdir().unwrap();
    let (mut r, lock, note) = save_waiting_on_the_lock(data.path());
    // The library opens a brief (the bundled one, afresh).
    library::open_brief(&mut r.state, None);
    assert!(r.state.notes.pending.is_none());
    let notice = r.state.notice.clone().unwrap_or_default();
    assert!(notice.contains("kept as a draft"), "{notice}");
    assert_eq!(draft_files(data.path()).len(), 1);
    // This brief is the one the note is on: the draft is offered back.
    r.draw();
    let screen = r.screen();
    assert!(screen.contains("r recover"), "{screen}");
    // The other reader lets go: the save lands, and takes its draft away.
    lock.unlock().unwrap();
    let file = data
        .path()
        .join("notes")
        .join(BRIEF)
        .join(format!("{}.toml", note.id));
    wait_until("the save never landed", || {
        std::fs::read_to_string(&file).is_ok_and(|t| t.contains("saved and more"))
    });
    wait_until("the draft of a saved note stayed", || {
        draft_files(data.path()).is_empty()
    });
}

#[test]
fn quitting_while_a_save_waits_keeps_it_as_a_draft_the_next_opening_offers() {
    let data = tempfile::tempdir().unwrap();
    let (mut r, lock, _) = save_waiting_on_the_lock(data.path());
    let message = pending_save::settle_on_quit(&mut r.state, Duration::from_millis(50));
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("kept as a draft")),
        "{message:?}"
    );
    drop(r);
    // No second place for unsaved notes: only the drafts folder.
    assert!(!data.path().join("recovery").exists());
    let mut again = Reader::with_data(data.path(), 160, 48);
    assert!(again.state.layers.recovery().is_some());
    again.keys("r");
    let editor = again
        .state
        .layers
        .editor()
        .expect("the draft in the editor");
    assert_eq!(editor.text(), "saved and more");
    drop(lock);
}
