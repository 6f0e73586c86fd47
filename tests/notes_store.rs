//! The note store on a real file system (in temporary folders): round
//! trips, conflicts, trash, corrupt and foreign files, and folders that
//! cannot be written.

use std::fs;
use std::path::{Path, PathBuf};

use briefing::notes::{
    Field, ItemKind, Note, NoteTarget, Passage, Store, StoreError, decode, encode, sha256_bytes,
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
        assert_eq!(store.save(note, None).unwrap().conflict_copy, None);
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
    // Times are kept to the millisecond: let one pass, so the edit is
    // strictly newer than the notes saved above (equal times sort by id).
    std::thread::sleep(std::time::Duration::from_millis(2));
    let mut edited = loaded
        .notes
        .iter()
        .find(|n| n.id == item.id)
        .unwrap()
        .clone();
    let base = edited.updated;
    let hash = loaded.sha256[&edited.id].clone();
    edited.body = "Check the date again.".into();
    let saved = store.save(&mut edited, Some(&hash)).unwrap();
    assert_eq!(saved.conflict_copy, None);
    assert!(edited.updated > base);
    assert_eq!(
        saved.sha256,
        sha256_bytes(&fs::read(store.note_path(&edited.id)).unwrap()),
        "the hash returned is that of the file written"
    );
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
    let base = store.save(&mut original, None).unwrap().sha256;

    let mut mine = original.clone();
    let mut theirs = original.clone();
    theirs.body = "their edit".into();
    assert_eq!(
        store.save(&mut theirs, Some(&base)).unwrap().conflict_copy,
        None
    );
    mine.body = "my edit".into();
    let saved = store.save(&mut mine, Some(&base)).unwrap();
    let Some(copy) = saved.conflict_copy else {
        panic!("expected a conflict copy, got {saved:?}");
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
    assert_eq!(loaded.conflicts.len(), 1);
    let conflict = &loaded.conflicts[0];
    assert_eq!(conflict.path, copy);
    assert_eq!(conflict.note_id, original.id, "attached to its note");
    assert_eq!(conflict.text, "their edit", "the other text can be read");

    // Saving the same text again with a stale base loses nothing, so no copy.
    let mut same = loaded.notes[0].clone();
    assert_eq!(
        store.save(&mut same, Some(&base)).unwrap().conflict_copy,
        None
    );
}

/// `updated` at the very end of the time library's range used to defeat
/// the check: a later save could not be "newer", and overwrote the file.
/// The check is by content now.
#[test]
fn a_conflict_is_found_by_content_even_with_updated_at_the_maximum() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    fs::create_dir_all(store.dir()).unwrap();
    let mut note = passage_note("written by a future clock");
    note.updated = jiff::Timestamp::MAX;
    let id = note.id.clone();
    // The file as another reader (or a hand edit) left it.
    let text = encode(&note);
    fs::write(store.note_path(&id), &text).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.unreadable);
    let base = loaded.sha256[&id].clone();
    assert_eq!(base, sha256_bytes(text.as_bytes()));

    // Reader A saves from the loaded version: no conflict, and `updated`
    // cannot move past the maximum.
    let mut a = loaded.notes[0].clone();
    a.body = "A's words".into();
    let saved_a = store.save(&mut a, Some(&base)).unwrap();
    assert_eq!(saved_a.conflict_copy, None);
    // Reader B saves from the same, now stale, version.
    let mut b = loaded.notes[0].clone();
    b.body = "B's words".into();
    let saved_b = store.save(&mut b, Some(&base)).unwrap();
    let copy = saved_b.conflict_copy.expect("A's words must be kept");
    assert!(fs::read_to_string(&copy).unwrap().contains("A's words"));
    let again = store.load();
    assert_eq!(again.notes[0].body, "B's words");
    assert_eq!(again.conflicts.len(), 1);
    assert_eq!(again.conflicts[0].text, "A's words");
    // A, saving again from its own last save, sees B's text was put over
    // it: B's words are kept too.
    a.body = "A again".into();
    let saved = store.save(&mut a, Some(&saved_a.sha256)).unwrap();
    assert!(saved.conflict_copy.is_some());
    let texts: Vec<String> = store.load().conflicts.into_iter().map(|c| c.text).collect();
    assert!(texts.contains(&"B's words".to_string()), "{texts:?}");
}

#[test]
fn keeping_the_other_text_swaps_it_with_the_note_and_dismissing_trashes_it() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut note = passage_note("first");
    let base = store.save(&mut note, None).unwrap().sha256;
    let mut theirs = note.clone();
    theirs.body = "theirs".into();
    store.save(&mut theirs, Some(&base)).unwrap();
    let mut mine = note.clone();
    mine.body = "mine".into();
    store.save(&mut mine, Some(&base)).unwrap();
    let loaded = store.load();
    let copy = loaded.conflicts[0].clone();
    assert_eq!(copy.text, "theirs");

    let (kept, _) = store.keep_other(&copy).unwrap();
    assert_eq!(kept.body, "theirs");
    let after = store.load();
    assert_eq!(after.notes.len(), 1);
    assert_eq!(after.notes[0].body, "theirs");
    assert_eq!(
        after.conflicts.len(),
        1,
        "the replaced text stays as a copy"
    );
    assert_eq!(after.conflicts[0].text, "mine");
    assert!(!copy.path.exists());

    store.dismiss(&after.conflicts[0]).unwrap();
    let end = store.load();
    assert!(end.conflicts.is_empty());
    assert_eq!(end.notes[0].body, "theirs");
    let trashed = files_in(&store.trash_dir());
    assert_eq!(
        trashed.len(),
        2,
        "dismissed copies go to the trash: {trashed:?}"
    );
}

#[test]
fn crlf_and_trailing_newlines_survive_a_save_and_a_load() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    for body in ["line1\r\nline2\n\n\n", "a\r\nb\r\n", "\n", "x\ry\n\r\n"] {
        let mut note = passage_note(body);
        store.save(&mut note, None).unwrap();
        let loaded = store.load();
        let back = loaded.notes.iter().find(|n| n.id == note.id).unwrap();
        assert_eq!(back.body, body, "byte for byte");
    }
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

fn note_file(id: &str, created: &str, kind: &str) -> String {
    format!(
        "version = 1\nid = \"{id}\"\ncreated = {created}\nupdated = 2025-12-01T09:05:00Z\nbody = \"hand written\"\n\n[target]\nkind = \"{kind}\"\nid = \"x\"\n"
    )
}

/// Every kind of file this build cannot read is left exactly as it was,
/// listed with its reason and its text, and exported.
#[test]
fn unreadable_notes_are_left_in_place_listed_and_exported() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut good = passage_note("fine");
    store.save(&mut good, None).unwrap();
    let cases = [
        (
            "01JBADBADBADBADBADBADBADBA",
            "version = 1\nbody = \"unterminated\n".to_string(),
            "line 2",
        ),
        (
            "01JFUTUREFUTUREFUTUREFUTUR",
            "version = 2\nshape = \"new\"\n".to_string(),
            "version 2",
        ),
        (
            "01JKINDKINDKINDKINDKINDKIN",
            note_file(
                "01JKINDKINDKINDKINDKINDKIN",
                "2025-12-01T09:05:00Z",
                "chart",
            ),
            "unknown `target.kind`",
        ),
        (
            "01JLOCALLOCALLOCALLOCALLOC",
            note_file(
                "01JLOCALLOCALLOCALLOCALLOC",
                "2025-12-01T09:05:00",
                "factor",
            ),
            "`created`",
        ),
        (
            "other-name",
            note_file(
                "01JNOTMYNAMENOTMYNAMENOTMY",
                "2025-12-01T09:05:00Z",
                "factor",
            ),
            "not the file's name",
        ),
    ];
    for (name, text, _) in &cases {
        fs::write(store.dir().join(format!("{name}.toml")), text).unwrap();
    }
    fs::write(
        store.dir().join("01JBINARYBINARYBINARYBINAR.toml"),
        b"\xff\xfe\x00",
    )
    .unwrap();
    let before = files_in(store.dir());

    for loaded in [store.load(), store.read(), store.load()] {
        assert_eq!(loaded.notes, vec![good.clone()]);
        assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
        assert_eq!(
            loaded.unreadable.len(),
            cases.len() + 1,
            "{:?}",
            loaded.unreadable
        );
        for (name, text, reason) in &cases {
            let file = format!("{name}.toml");
            let listed = loaded.unreadable.iter().find(|u| u.file == file).unwrap();
            assert!(listed.reason.contains(reason), "{file}: {}", listed.reason);
            assert_eq!(&listed.text, text, "its text is shown");
        }
        let binary = loaded
            .unreadable
            .iter()
            .find(|u| u.file.starts_with("01JBINARY"))
            .unwrap();
        assert!(binary.reason.contains("UTF-8"), "{}", binary.reason);
    }
    // Nothing was moved, renamed or rewritten.
    assert_eq!(files_in(store.dir()), before);
    for (name, text, _) in &cases {
        assert_eq!(
            &fs::read_to_string(store.dir().join(format!("{name}.toml"))).unwrap(),
            text
        );
    }
}

#[test]
fn files_set_aside_by_earlier_versions_are_listed() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    fs::create_dir_all(store.dir()).unwrap();
    let aside = store
        .dir()
        .join("01JOLDOLDOLDOLDOLDOLDOLDOL.toml.corrupt-20251201T090500Z");
    fs::write(&aside, "version = 1\nbody = \"half").unwrap();
    let loaded = store.load();
    assert_eq!(loaded.unreadable.len(), 1);
    assert!(loaded.unreadable[0].reason.contains("earlier version"));
    assert_eq!(loaded.unreadable[0].text, "version = 1\nbody = \"half");
    assert!(aside.exists());
}

#[test]
fn unknown_versions_and_stray_files_are_left_alone() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut note = passage_note("v1");
    store.save(&mut note, None).unwrap();
    let future = store.dir().join("01JFUTUREFUTUREFUTUREFUTUR.toml");
    fs::write(&future, "version = 2\nshape = \"new\"\n").unwrap();
    fs::write(store.dir().join("README.txt"), "not a note").unwrap();
    fs::write(store.dir().join(".tmp-crashed"), "half a no").unwrap();

    let loaded = store.load();
    assert_eq!(loaded.notes, vec![note]);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.unreadable.len(), 1, "README.txt is not a note file");
    assert_eq!(
        fs::read_to_string(&future).unwrap(),
        "version = 2\nshape = \"new\"\n"
    );
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
    assert_eq!(store.save(&mut note, None).unwrap().conflict_copy, None);
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

#[test]
fn a_note_is_created_at_its_first_save_and_edited_only_by_a_change() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut note = passage_note("Leverage.");
    // The editor opened long ago; the note was only saved now.
    note.created = "2020-01-01T00:00:00Z".parse().unwrap();
    note.updated = note.created;
    let before = briefing::notes::now();
    let saved = store.save(&mut note, None).unwrap();
    assert!(note.created >= before, "created is the first save's time");
    assert_eq!(note.created, note.updated, "a new note is not edited");
    let loaded = store.load();
    assert_eq!(loaded.notes[0].created, loaded.notes[0].updated);
    let file = fs::read(store.note_path(&note.id)).unwrap();

    // Saving the same text again writes nothing and keeps both times.
    std::thread::sleep(std::time::Duration::from_millis(2));
    let (created, updated) = (note.created, note.updated);
    let again = store.save(&mut note, Some(&saved.sha256)).unwrap();
    assert!(again.unchanged);
    assert_eq!((note.created, note.updated), (created, updated));
    assert_eq!(fs::read(store.note_path(&note.id)).unwrap(), file);

    // A change of body moves `updated` on, never `created`.
    note.body = "Leverage, and transit.".into();
    let third = store.save(&mut note, Some(&again.sha256)).unwrap();
    assert!(!third.unchanged);
    assert_eq!(note.created, created);
    assert!(note.updated > updated);

    // So does a change of target.
    std::thread::sleep(std::time::Duration::from_millis(2));
    let before_target = note.updated;
    note.target = NoteTarget::item(ItemKind::Factor, "trade");
    store.save(&mut note, Some(&third.sha256)).unwrap();
    assert_eq!(note.created, created);
    assert!(note.updated > before_target);
}
