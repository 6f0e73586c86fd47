//! The note store against odd files in a synced data folder: links out and
//! in, FIFOs, devices, sparse huge files, and a lock held elsewhere. No
//! read or write leaves the data folder, nothing hangs, and every refusal
//! names its file.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use briefing::notes::{Note, NoteTarget, Store, StoreError};
use common::mkfifo;
use tempfile::TempDir;

const BRIEF: &str = "afpak-2025";

fn note(body: &str) -> Note {
    Note::new(NoteTarget::brief(), body.to_string())
}

/// Runs `f` on a thread; fails the test if it takes over two seconds.
fn quickly<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(Duration::from_secs(2))
        .expect("blocked for more than two seconds")
}

fn empty(dir: &Path) -> bool {
    fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn a_linked_lock_file_is_refused_and_creates_nothing_outside() {
    let data = TempDir::new().unwrap();
    let outside = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    fs::create_dir_all(store.dir()).unwrap();
    symlink(outside.path().join("planted"), store.dir().join(".lock")).unwrap();
    let error = store.save(&mut note("words"), None).unwrap_err();
    assert!(error.to_string().contains(".lock"), "{error}");
    assert!(empty(outside.path()), "a file was created outside");
}

#[test]
fn a_linked_trash_keeps_deleted_notes_inside() {
    let data = TempDir::new().unwrap();
    let outside = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut kept = note("keep me");
    store.save(&mut kept, None).unwrap();
    symlink(outside.path(), store.dir().join(".trash")).unwrap();
    let error = store.delete(&kept.id).unwrap_err();
    assert!(error.to_string().contains(".trash"), "{error}");
    assert!(empty(outside.path()), "the note left the data folder");
    assert_eq!(store.load().notes, vec![kept]);
}

#[test]
fn a_linked_notes_folder_is_neither_read_nor_written() {
    let data = TempDir::new().unwrap();
    let elsewhere = TempDir::new().unwrap();
    // A real note, in a folder outside, reached by a link.
    let real = Store::new(elsewhere.path(), BRIEF);
    real.save(&mut note("outside"), None).unwrap();
    fs::create_dir_all(data.path().join("notes")).unwrap();
    symlink(real.dir(), data.path().join("notes").join(BRIEF)).unwrap();
    let store = Store::new(data.path(), BRIEF);
    let loaded = store.load();
    assert!(loaded.notes.is_empty());
    assert!(
        loaded
            .notices
            .iter()
            .any(|n| n.contains(BRIEF) && n.contains("link")),
        "{:?}",
        loaded.notices
    );
    assert!(store.save(&mut note("in"), None).is_err());
    assert_eq!(real.load().notes.len(), 1);
}

#[test]
fn the_data_folder_itself_may_be_a_link() {
    let real = TempDir::new().unwrap();
    let holder = TempDir::new().unwrap();
    symlink(real.path(), holder.path().join("data")).unwrap();
    let store = Store::new(&holder.path().join("data"), BRIEF);
    let mut saved = note("through a linked data folder");
    store.save(&mut saved, None).unwrap();
    assert_eq!(store.load().notes, vec![saved]);
    assert!(real.path().join("notes").join(BRIEF).is_dir());
}

#[test]
fn linked_note_files_are_reported_not_read_and_never_written_through() {
    let data = TempDir::new().unwrap();
    let outside = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut inside = note("inside");
    store.save(&mut inside, None).unwrap();
    // A link to a note outside, and one to a note in the same folder.
    let foreign = Store::new(outside.path(), BRIEF);
    let mut theirs = note("theirs");
    foreign.save(&mut theirs, None).unwrap();
    symlink(foreign.note_path(&theirs.id), store.note_path(&theirs.id)).unwrap();
    let twin = "01AAAAAAAAAAAAAAAAAAAAAAAA";
    symlink(store.note_path(&inside.id), store.note_path(twin)).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.notes, vec![inside.clone()]);
    // Listed as files that could not be read, and left in place.
    assert_eq!(loaded.unreadable.len(), 2, "{:?}", loaded.unreadable);
    assert!(loaded.unreadable.iter().all(|u| u.reason.contains("link")));
    // A save onto the link is refused, naming it; the file outside is
    // intact.
    let base = briefing::notes::sha256_bytes(&fs::read(foreign.note_path(&theirs.id)).unwrap());
    theirs.body = "mine now".into();
    let error = store.save(&mut theirs, Some(&base)).unwrap_err();
    assert!(error.to_string().contains(&theirs.id), "{error}");
    assert!(error.to_string().contains("link"), "{error}");
    assert_eq!(foreign.load().notes[0].body, "theirs");
}

#[test]
fn fifos_devices_and_sparse_huge_notes_do_not_hang_or_fill_memory() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut good = note("fine");
    store.save(&mut good, None).unwrap();
    mkfifo(&store.note_path("01FIFOFIFOFIFOFIFOFIFOFIFO"));
    symlink("/dev/zero", store.note_path("01ZEROZEROZEROZEROZEROZERO")).unwrap();
    fs::File::create(store.note_path("01HUGEHUGEHUGEHUGEHUGEHUGE"))
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let reader = store.clone();
    let loaded = quickly(move || reader.read());
    assert_eq!(loaded.notes, vec![good.clone()]);
    assert_eq!(loaded.unreadable.len(), 3, "{:?}", loaded.unreadable);
    assert!(loaded.unreadable.iter().any(|u| u.reason.contains("FIFO")));
    assert!(
        loaded
            .unreadable
            .iter()
            .any(|u| u.reason.contains("over the"))
    );
    let loader = store.clone();
    assert_eq!(quickly(move || loader.load()).notes, vec![good]);
    // And a FIFO lock refuses a save at once.
    fs::remove_file(store.dir().join(".lock")).unwrap();
    mkfifo(&store.dir().join(".lock"));
    let saver = store.clone();
    let error = quickly(move || saver.save(&mut note("x"), None).unwrap_err());
    assert!(error.to_string().contains("FIFO"), "{error}");
}

#[test]
fn try_save_fails_at_once_while_another_process_holds_the_lock() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    store.save(&mut note("first"), None).unwrap();
    let held = fs::File::options()
        .write(true)
        .open(store.dir().join(".lock"))
        .unwrap();
    held.lock().unwrap();
    let started = Instant::now();
    let error = store.try_save(&mut note("second"), None).unwrap_err();
    assert!(matches!(error, StoreError::Locked(_)), "{error}");
    assert!(started.elapsed() < Duration::from_millis(100));
    // Start-up does not wait for the lock either.
    fs::write(store.dir().join("01CORRUPTCORRUPTCORRUPTCOR.toml"), "{{").unwrap();
    let started = Instant::now();
    let loaded = store.load();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(loaded.unreadable.len(), 1, "listed, left in place");
    drop(held);
    store.try_save(&mut note("third"), None).unwrap();
}
