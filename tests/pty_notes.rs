//! End-to-end tests of notes and reading places through a real
//! pseudo-terminal: restarts, drafts after a signal, two readers saving one
//! note, a save waiting for the lock (harness in `pty_harness`).
#![cfg(unix)]

mod common;
mod pty_harness;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::drafts::draft_files;
use pty_harness::*;
use tempfile::TempDir;

#[test]
fn reopening_a_brief_lands_where_the_last_session_left_off() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"2");
    first.wait_for("2. The India factor");
    first.send(b"\t");
    first.wait_for(" DETAIL ");
    first.send(b"q");
    assert!(first.wait_exit().success());
    let saved = data.path().join("state").join("afpak-2025.toml");
    assert!(saved.is_file(), "the place is saved under the data folder");

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("2. The India factor");
    second.wait_for(" DETAIL ");
    second.send(b"q");
    assert!(second.wait_exit().success());
}

#[test]
fn a_note_survives_a_restart_and_is_exported() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.new_note_on_india();
    first.send(b"Ask about the embassy upgrade");
    first.wait_for("Ask about the embassy upgrade");
    first.send(&[0x13]); // Ctrl-s
    first.wait_for("note saved");
    first.send(b"q");
    assert!(first.wait_exit().success());

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("2. The India factor");
    second.wait_for("Ask about the embassy upgrade");
    second.send(b"q");
    assert!(second.wait_exit().success());

    let output = std::process::Command::new(BIN)
        .args(["export", "--notes"])
        .env("BRIEFING_DATA_DIR", data.path())
        .output()
        .expect("run export");
    assert_eq!(output.status.code(), Some(0));
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        markdown.contains("Ask about the embassy upgrade"),
        "{markdown}"
    );
}

#[test]
fn a_draft_open_at_sighup_is_offered_back_and_recovered_exactly() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.new_note_on_india();
    first.send(b"not saved yet\r\rsecond paragraph  ");
    first.wait_for("second paragraph");
    // The terminal goes away with the editor open.
    first.signal("HUP");
    let status = first.wait_exit();
    assert_eq!(status.exit_code(), 129);
    assert_eq!(draft_files(data.path()).len(), 1, "the draft is on disk");
    assert!(saved_bodies(data.path()).is_empty(), "nothing was saved");

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("Unsaved note");
    second.wait_for("r recover");
    second.send(b"v");
    second.wait_for("second paragraph");
    second.send(b"r");
    second.wait_for("draft recovered");
    second.wait_for("New note");
    second.send(&[0x13]); // Ctrl-s
    second.wait_for("note saved");
    second.send(b"q");
    assert!(second.wait_exit().success());
    assert_eq!(
        saved_bodies(data.path()),
        ["not saved yet\n\nsecond paragraph  "],
        "recovered byte for byte"
    );
    assert!(
        draft_files(data.path()).is_empty(),
        "saved: the draft is gone"
    );
}

/// Opens the note on the India factor in a reader's editor.
fn edit_the_india_note(s: &mut Session, body: &str) {
    s.wait_for("Overview");
    s.send(b"2");
    s.wait_for("2. The India factor");
    s.wait_for(body);
    s.send(b"\t");
    s.wait_for(" DETAIL ");
    s.send(b"j");
    s.send(b"e");
    s.wait_for("Edit note");
}

#[test]
fn two_readers_saving_one_note_both_texts_are_kept_shown_and_exported() {
    let data = TempDir::new().expect("temp dir");
    let store = briefing::notes::Store::new(data.path(), "afpak-2025");
    let mut note = briefing::notes::Note::new(
        briefing::notes::NoteTarget::item(briefing::notes::ItemKind::Factor, "india"),
        "shared start".into(),
    );
    store.save(&mut note, None).unwrap();

    let mut a = Session::start_with_data(&[], data.path());
    let mut b = Session::start_with_data(&[], data.path());
    edit_the_india_note(&mut a, "shared start");
    edit_the_india_note(&mut b, "shared start");
    a.send(b" by A");
    a.wait_for("shared start by A");
    a.send(&[0x13]);
    a.wait_for("note saved");
    b.send(b" by B");
    b.wait_for("shared start by B");
    b.send(&[0x13]);
    b.wait_for("other text was kept");

    // A, whose text was put aside, is told in its notes list.
    a.send(b"m");
    a.wait_for("1 in conflict");
    a.wait_for("Conflicts · 1");
    a.send(b"\x1b[B"); // Down, to the conflict row
    a.send(b"\r");
    a.wait_for("The other text");
    let screen = a.contents();
    assert!(screen.contains("shared start by B"), "{screen}");
    assert!(screen.contains("shared start by A"), "{screen}");
    a.esc();
    a.esc();
    a.send(b"q");
    assert!(a.wait_exit().success());
    b.send(b"q");
    assert!(b.wait_exit().success());

    for format in ["markdown", "json"] {
        let output = std::process::Command::new(BIN)
            .args(["export", "--notes", "--format", format])
            .env("BRIEFING_DATA_DIR", data.path())
            .output()
            .expect("run export");
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(text.contains("shared start by A"), "{format}: {text}");
        assert!(text.contains("shared start by B"), "{format}: {text}");
    }
}

#[test]
fn a_pause_in_typing_writes_the_draft_even_before_a_kill() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"a");
    first.wait_for("New note");
    first.send(b"typed, then a pause");
    first.wait_for("typed, then a pause");
    // About two seconds after typing stops the draft is on disk, with the
    // reader still running...
    let start = Instant::now();
    while draft_files(data.path()).is_empty() {
        assert!(start.elapsed() < TIMEOUT, "no draft after a pause");
        thread::sleep(POLL);
    }
    assert!(
        start.elapsed() >= Duration::from_millis(1500),
        "written after the pause, not at once"
    );
    // ...so even SIGKILL, which nothing can catch, loses nothing.
    first.signal("KILL");
    first.wait_exit();
    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("Unsaved note");
    second.wait_for("typed, then a pause");
    second.send(b"r");
    second.wait_for("draft recovered");
    second.send(&[0x13]);
    second.wait_for("note saved");
    second.send(b"q");
    assert!(second.wait_exit().success());
    assert_eq!(saved_bodies(data.path()), ["typed, then a pause"]);
}

/// Waits (polling every 2 ms) until `text` is on screen; returns how long
/// that took.
fn time_until_shown(s: &Session, text: &str) -> Duration {
    let start = Instant::now();
    loop {
        if text_of(s.output().parser.screen()).contains(text) {
            return start.elapsed();
        }
        assert!(start.elapsed() < TIMEOUT, "{text:?} never shown");
        thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn a_save_waiting_for_the_lock_never_freezes_the_interface_and_sigterm_still_ends_it() {
    let data = TempDir::new().expect("temp dir");
    let notes = data.path().join("notes/afpak-2025");
    std::fs::create_dir_all(&notes).unwrap();
    let lock = std::fs::File::create(notes.join(".lock")).unwrap();
    // Another reader holds the notes lock.
    lock.lock().unwrap();
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    s.new_note_on_india();
    s.send(b"first words");
    s.wait_for("first words");
    s.send(&[0x13]); // Ctrl-s
    s.wait_for("save pending");
    // Keys are still taken and drawn at once while the save waits.
    let mut slowest = Duration::ZERO;
    for word in ["alpha", "bravo", "delta"] {
        s.send(format!(" {word}").as_bytes());
        slowest = slowest.max(time_until_shown(&s, word));
    }
    assert!(
        slowest < Duration::from_millis(50),
        "a key took {slowest:?} to show while the save waited"
    );
    // The lock is freed: the save lands, and the later words stay in the
    // editor to be saved.
    lock.unlock().unwrap();
    s.wait_for("later changes not yet saved");
    let saved: Vec<String> = std::fs::read_dir(&notes)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .filter(|text| text.contains("first words"))
        .collect();
    assert_eq!(saved.len(), 1, "the note file was not written");
    // Held again: another save waits, and SIGTERM still ends the reader.
    lock.lock().unwrap();
    s.send(&[0x13]);
    s.wait_for("save pending");
    let sent = Instant::now();
    s.signal("TERM");
    let status = s.wait_exit();
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(status.exit_code(), 128 + 15);
    assert_terminal_restored(&s);
    // What could not be saved is kept, as a draft the next opening offers.
    let kept = std::fs::read_dir(data.path().join("drafts/afpak-2025")).map_or(0, |entries| {
        entries
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                !name.to_string_lossy().starts_with('.')
            })
            .count()
    });
    assert_eq!(kept, 1, "no draft of the unsaved note");
    assert!(!data.path().join("recovery").exists());
}

/// The words of `line`, in order, somewhere on the screen (a row may wrap
/// the line between any two words).
fn shows_in_order(screen: &str, line: &str) -> bool {
    let mut rest = screen;
    for word in line.split(' ') {
        match rest.find(word) {
            Some(at) => rest = &rest[at + word.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn the_notes_list_shows_a_passage_notes_whole_first_line_at_120_and_200_columns() {
    use briefing::notes::{Field, ItemKind, Note, NoteTarget, Passage, Store, encode, field_text};
    let data = TempDir::new().expect("temp dir");
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let text = field_text(
        &brief,
        ItemKind::Factor,
        Some("terrorism"),
        &Field::KeyPoint(0),
    )
    .unwrap();
    let first = "Cross-check the attack count with the provincial police tallies and the ACLED series before quoting it in the weekly.";
    let mut note = Note::new(
        NoteTarget::passage(
            ItemKind::Factor,
            Some("terrorism"),
            Passage::capture(Field::KeyPoint(0), text, 10, 40),
        ),
        format!("{first}\nA second line."),
    );
    note.updated = note.created;
    let store = Store::new(data.path(), "afpak-2025");
    std::fs::create_dir_all(store.dir()).unwrap();
    std::fs::write(store.note_path(&note.id), encode(&note)).unwrap();

    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    for (cols, rows) in [(120, 40), (200, 50)] {
        s.resize(cols, rows);
        s.send(b"m");
        s.wait_for("Notes · 1");
        s.wait_until(
            &format!("the whole first line at {cols} columns"),
            |screen| shows_in_order(&text_of(screen), first),
        );
        s.esc();
        s.wait_gone("Notes · 1");
    }
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn three_deleted_notes_come_back_with_three_undos() {
    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    for (key, body) in [
        (b"1", "first note"),
        (b"2", "second note"),
        (b"3", "third note"),
    ] {
        s.send(key);
        s.send(b"a");
        s.wait_for("New note");
        s.send(body.as_bytes());
        s.wait_for(body);
        s.send(&[0x13]); // Ctrl-s
        s.wait_for("note saved");
    }
    let dir = data.path().join("notes").join("afpak-2025");
    let files = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        names
    };
    let saved = files(&dir);
    assert_eq!(saved.len(), 3);
    for n in 0..3 {
        s.send(b"m");
        s.wait_for(&format!("Notes — {}", 3 - n));
        s.send(b"\x1bx"); // Alt-x
        s.wait_for("Delete the note");
        s.send(b"y");
        s.wait_for("is in the trash");
    }
    assert!(files(&dir).is_empty());
    assert_eq!(files(&dir.join(".trash")), saved);
    for n in 0..3 {
        s.send(b"u");
        s.wait_until(&format!("undo {}", n + 1), |_| files(&dir).len() == n + 1);
        s.wait_for("note restored");
    }
    assert_eq!(files(&dir), saved, "every file is back in place");
    s.send(b"u");
    s.wait_for("nothing to undo");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_new_note_is_created_when_saved_and_is_not_edited() {
    let data = TempDir::new().expect("temp dir");
    // A zone with an offset, written as POSIX TZ (needs no zone database).
    let mut s = Session::start_with_env(&[], data.path(), &[("TZ", "<+0430>-4:30")]);
    s.wait_for("Overview");
    s.send(b"2a");
    s.wait_for("New note");
    // Time in the editor is not the note's age.
    thread::sleep(Duration::from_millis(300));
    s.send(b"Ask about the consulates");
    s.wait_for("Ask about the consulates");
    s.send(&[0x13]);
    s.wait_for("note saved");
    s.wait_for("+04:30");
    assert!(!s.contents().contains(", edited "), "{}", s.contents());
    s.send(b"q");
    assert!(s.wait_exit().success());
    let notes = briefing::notes::Store::new(data.path(), "afpak-2025")
        .load()
        .notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].created, notes[0].updated);
    let output = Command::new(BIN)
        .args(["export", "--notes"])
        .env("BRIEFING_DATA_DIR", data.path())
        .env("TZ", "UTC")
        .output()
        .expect("run export");
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(markdown.contains("Ask about the consulates"), "{markdown}");
    let head = markdown
        .lines()
        .find(|l| l.starts_with("- *"))
        .unwrap_or_default();
    assert!(head.contains(" UTC"), "the note's time: {head}");
    assert!(!markdown.contains(", edited "), "{markdown}");
}

/// Writes `note` (an orphan) into `data`, starts the reader, finds the
/// orphan in the notes list (its row says `listed`) and picks the India
/// factor for it with `Ctrl-r`. Returns the session and a reader of the
/// note's stored target.
fn pick_india_for_an_orphan(
    data: &Path,
    note: &briefing::notes::Note,
    listed: &str,
) -> (Session, impl Fn() -> briefing::notes::NoteTarget) {
    let store = briefing::notes::Store::new(data, "afpak-2025");
    std::fs::create_dir_all(store.dir()).unwrap();
    std::fs::write(store.note_path(&note.id), briefing::notes::encode(note)).unwrap();
    let mut s = Session::start_with_data(&[], data);
    s.wait_for("Overview");
    s.send(b"m");
    s.wait_for(listed);
    s.send(&[0x12]); // Ctrl-r
    s.wait_for("Re-attach the note to");
    s.send(b"india factor");
    s.wait_for("The India factor");
    s.send(b"\r");
    (s, move || store.load().notes[0].target.clone())
}

#[test]
fn an_orphan_is_reattached_through_the_picker_confirmed_and_undone() {
    use briefing::notes::{ItemKind, Note, NoteTarget};
    let data = TempDir::new().expect("temp dir");
    let note = Note::new(
        NoteTarget::item(ItemKind::Event, "an-event-since-removed"),
        "Lost its event".into(),
    );
    let (mut s, target) = pick_india_for_an_orphan(
        data.path(),
        &note,
        "was on event `an-event-since-removed`, no longer in the brief",
    );
    s.wait_for("Re-attach the note to factor “The India factor”? y / n");
    s.send(b"y");
    s.wait_for("note re-attached to factor “The India factor”");
    assert_eq!(target(), NoteTarget::item(ItemKind::Factor, "india"));
    s.send(b"u");
    s.wait_for("re-attach undone");
    assert_eq!(target(), note.target, "the note is on what it was on");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn an_orphan_note_on_words_is_reattached_to_words_chosen_with_the_caret_confirmed_and_undone() {
    use briefing::notes::{Field, ItemKind, Note, NoteTarget, Passage};
    let data = TempDir::new().expect("temp dir");
    let passage = Passage::capture(Field::Detail, "Some words that are gone now", 5, 24);
    let note = Note::new(
        NoteTarget::passage(ItemKind::Event, Some("an-event-since-removed"), passage),
        "Lost its words".into(),
    );
    let (mut s, target) = pick_india_for_an_orphan(data.path(), &note, "words that are gone");
    // The caret at the start of the factor's title: choose "India".
    s.wait_for("choose the words");
    s.wait_for(" CARET ");
    s.send(b"wve");
    s.send(b"a");
    s.wait_for("y / n");
    assert_eq!(target(), note.target, "nothing is saved before the answer");
    s.send(b"y");
    s.wait_for("note re-attached to");
    let now = target();
    assert_eq!(
        (now.kind, now.id.as_deref()),
        (ItemKind::Factor, Some("india"))
    );
    let words = now.passage.expect("still a note on words");
    assert_eq!((words.field, words.exact.as_str()), (Field::Title, "India"));
    s.send(b"u");
    s.wait_for("re-attach undone");
    assert_eq!(target(), note.target, "the note is on what it was on");
    s.send(b"q");
    assert!(s.wait_exit().success());
}
