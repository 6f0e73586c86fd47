//! The note store on a real file system (in temporary folders): round
//! trips, conflicts, trash, corrupt and foreign files, and folders that
//! cannot be written.

use std::fs;
use std::path::{Path, PathBuf};

use briefing::notes::{
    Field, ItemKind, Note, NoteTarget, Passage, SaveOutcome, Store, StoreError, decode, encode,
};
use tempfile::TempDir;

const BRIEF: &str = "afpak-2025";

fn passage_note(body: &str) -> Note {
    let text = "Pakistan handles about 40 percent of Afghan exports, which gives it strong economic leverage.";
    let passage = Passage::capture(Field::KeyPoint(1), text, 17, 36);
    Note::new(
        NoteTarget::passage(ItemKind::Factor, Some("trade"), passage),
        body.to_string(),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_saved_note_loads_back_the_same() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    assert!(!store.dir().exists(), "new() must not touch the disk");
    assert!(
        store.load().notes.is_empty(),
        "a missing folder is no notes"
    );

    let mut item = Note::new(
        NoteTarget::item(ItemKind::Event, "doha-ceasefire"),
        "Check the date.".into(),
    );
    let mut passage = passage_note("Leverage: \"40 percent\"\nSecond line.\n");
    let mut brief = Note::new(NoteTarget::brief(), String::new());
    for note in [&mut item, &mut passage, &mut brief] {
        let created = note.created;
        assert_eq!(store.save(note, None).unwrap(), SaveOutcome::Saved);
        assert!(note.updated >= created);
    }
    let path = store.dir().join(format!("{}.toml", passage.id));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("version = 1\n"), "{text}");
    assert!(
        text.contains("kind = \"factor\"\nid = \"trade\"\nfield = \"key_point\"\nindex = 1\n"),
        "{text}"
    );

    let loaded = store.load();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.notes.len(), 3);
    // Newest first.
    assert!(
        loaded
            .notes
            .windows(2)
            .all(|w| w[0].updated >= w[1].updated)
    );
    for note in [&item, &passage, &brief] {
        assert!(
            loaded.notes.contains(note),
            "{note:?} not in {:?}",
            loaded.notes
        );
    }

    // Editing from the loaded version is a plain save, and `updated` moves on.
    let mut edited = loaded
        .notes
        .iter()
        .find(|n| n.id == item.id)
        .unwrap()
        .clone();
    let base = edited.updated;
    edited.body = "Check the date again.".into();
    assert_eq!(
        store.save(&mut edited, Some(base)).unwrap(),
        SaveOutcome::Saved
    );
    assert!(edited.updated > base);
    let again = store.load();
    assert!(again.notes.contains(&edited));
    assert_eq!(
        again.notes[0].id, edited.id,
        "the edited note is now the newest"
    );
    // No temporary file is left behind.
    assert!(
        files_in(store.dir())
            .iter()
            .all(|n| !n.starts_with(".tmp-"))
    );
}

#[test]
fn concurrent_edits_of_one_note_keep_a_conflict_copy() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut original = passage_note("first");
    store.save(&mut original, None).unwrap();
    let base = original.updated;

    let mut mine = original.clone();
    let mut theirs = original.clone();
    theirs.body = "their edit".into();
    assert_eq!(
        store.save(&mut theirs, Some(base)).unwrap(),
        SaveOutcome::Saved
    );
    mine.body = "my edit".into();
    let outcome = store.save(&mut mine, Some(base)).unwrap();
    let SaveOutcome::SavedWithConflictCopy(copy) = outcome else {
        panic!("expected a conflict copy, got {outcome:?}");
    };
    assert_eq!(copy.parent(), Some(store.dir()));
    let name = copy.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&format!("{}.conflict-", original.id)) && name.ends_with(".toml"),
        "{name}"
    );
    let kept = fs::read_to_string(&copy).unwrap();
    assert!(kept.contains("their edit"), "{kept}");

    let loaded = store.load();
    assert_eq!(
        loaded.notes.len(),
        1,
        "the copy is not loaded as a second note"
    );
    assert_eq!(loaded.notes[0].body, "my edit", "the later save wins");
    assert_eq!(loaded.conflict_copies, vec![copy]);

    // Saving the same text again with a stale base loses nothing, so no copy.
    let mut same = loaded.notes[0].clone();
    assert_eq!(
        store.save(&mut same, Some(base)).unwrap(),
        SaveOutcome::Saved
    );
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut note = passage_note("keep me");
    store.save(&mut note, None).unwrap();
    store.delete(&note.id).unwrap();
    assert!(store.load().notes.is_empty());
    let trashed = store.trash_dir().join(format!("{}.toml", note.id));
    assert!(trashed.is_file(), "deleted notes are moved, not erased");
    assert!(matches!(
        store.delete(&note.id),
        Err(StoreError::NotFound { .. })
    ));

    let restored = store.restore(&note.id).unwrap();
    assert_eq!(restored, note);
    assert_eq!(store.load().notes, vec![note.clone()]);
    assert!(!trashed.exists());
    assert!(matches!(
        store.restore(&note.id),
        Err(StoreError::AlreadyExists { .. })
    ));
    // Ids are file names: nothing outside the folder can be reached.
    assert!(matches!(
        store.delete("../../etc/passwd"),
        Err(StoreError::InvalidId(_))
    ));
}

#[test]
fn a_corrupt_file_is_moved_aside_and_reported() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut good = passage_note("fine");
    store.save(&mut good, None).unwrap();
    let bad = store.dir().join("01JBADBADBADBADBADBADBADBA.toml");
    fs::write(&bad, "version = 1\nbody = \"unterminated\n").unwrap();

    // A read-only look reports but changes nothing.
    let read = store.read();
    assert_eq!(read.notes, vec![good.clone()]);
    assert_eq!(read.notices.len(), 1, "{:?}", read.notices);
    assert!(bad.exists());

    let loaded = store.load();
    assert_eq!(loaded.notes, vec![good.clone()]);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(
        loaded.notices[0].contains("moved aside"),
        "{}",
        loaded.notices[0]
    );
    assert!(!bad.exists());
    let aside: Vec<String> = files_in(store.dir())
        .into_iter()
        .filter(|n| n.starts_with("01JBADBADBADBADBADBADBADBA.toml.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", files_in(store.dir()));
    let kept = fs::read_to_string(store.dir().join(&aside[0])).unwrap();
    assert_eq!(
        kept, "version = 1\nbody = \"unterminated\n",
        "kept byte for byte"
    );
    // Reported once: the next load is clean.
    assert!(store.load().notices.is_empty());
}

#[test]
fn unknown_versions_and_stray_files_are_left_alone() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut note = passage_note("v1");
    store.save(&mut note, None).unwrap();
    let future = store.dir().join("01JFUTUREFUTUREFUTUREFUTUR.toml");
    fs::write(&future, "version = 2\nshape = \"new\"\n").unwrap();
    let misnamed = store.dir().join("other-name.toml");
    fs::write(&misnamed, encode(&note)).unwrap();
    fs::write(store.dir().join("README.txt"), "not a note").unwrap();
    fs::write(store.dir().join(".tmp-crashed"), "half a no").unwrap();

    let loaded = store.load();
    assert_eq!(loaded.notes, vec![note]);
    assert_eq!(loaded.notices.len(), 2, "{:?}", loaded.notices);
    assert!(
        loaded
            .notices
            .iter()
            .any(|n| n.contains("version 2") && n.contains("left alone"))
    );
    assert!(loaded.notices.iter().any(|n| n.contains("other-name.toml")));
    assert_eq!(
        fs::read_to_string(&future).unwrap(),
        "version = 2\nshape = \"new\"\n"
    );
    assert!(misnamed.exists());
}

/// Tests run as root, where permissions do not stop writes: a regular file
/// where a folder should be does.
#[test]
fn a_file_in_the_way_fails_cleanly_and_loses_nothing() {
    let data = TempDir::new().unwrap();
    let blocked = data.path().join("data");
    fs::write(&blocked, "I am a file").unwrap();
    let store = Store::new(&blocked, BRIEF);
    let mut note = passage_note("precious words");
    let before = note.clone();
    let error = store.save(&mut note, None).unwrap_err();
    let message = error.to_string();
    assert!(!message.contains('\n'));
    assert!(
        message.contains(&blocked.display().to_string())
            && message.contains("is a file, not a folder"),
        "{message}"
    );
    assert_eq!(note, before, "a failed save leaves the note as it was");
    assert_eq!(fs::read_to_string(&blocked).unwrap(), "I am a file");
    let loaded = store.load();
    assert!(loaded.notes.is_empty());
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);

    // Once the way is clear, the same note saves.
    fs::remove_file(&blocked).unwrap();
    assert_eq!(store.save(&mut note, None).unwrap(), SaveOutcome::Saved);
    assert_eq!(store.load().notes, vec![note]);
}

#[test]
fn a_folder_in_the_way_of_the_note_file_fails_and_keeps_the_old_text() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut other = passage_note("another note");
    store.save(&mut other, None).unwrap();
    let mut note = passage_note("cannot land");
    let in_the_way = store.dir().join(format!("{}.toml", note.id));
    fs::create_dir(&in_the_way).unwrap();
    fs::write(in_the_way.join("inside"), "x").unwrap();
    let error = store.save(&mut note, None).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("cannot "), "{message}");
    assert!(
        message.contains(&in_the_way.display().to_string()),
        "{message}"
    );
    let names = files_in(store.dir());
    assert!(
        names.iter().all(|n| !n.starts_with(".tmp-")),
        "temp file left: {names:?}"
    );
    assert_eq!(store.load().notes, vec![other]);
}

#[test]
fn hand_edited_files_with_plain_times_are_read() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    fs::create_dir_all(store.dir()).unwrap();
    let text = r#"version = 1
id = "my-note"
created = "2025-06-01T12:00:00+02:00"
updated = 2025-06-01T10:00:00Z
body = """
Written by hand."""

[target]
kind = "source"
id = "khan-2025"
"#;
    fs::write(store.note_path("my-note"), text).unwrap();
    let loaded = store.load();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let note = &loaded.notes[0];
    assert_eq!(note.created, note.updated, "times are compared as instants");
    assert_eq!(note.body, "Written by hand.");
    assert_eq!(note.target, NoteTarget::item(ItemKind::Source, "khan-2025"));
    assert!(decode(&encode(note)).is_ok());
}

#[test]
fn an_invalid_brief_id_is_refused_not_used_as_a_path() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), "../escape");
    let mut note = passage_note("x");
    assert!(matches!(
        store.save(&mut note, None),
        Err(StoreError::InvalidId(_))
    ));
    assert_eq!(store.load().notices.len(), 1);
    let outside: PathBuf = data.path().join("escape");
    assert!(!outside.exists());
}
