//! A note is never lost, hidden or rewritten behind the user's back, seen
//! from the reader: bodies kept byte for byte, drafts offered back, undo
//! that keeps what it could not restore, conflicts and unreadable files in
//! the notes list.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use briefing::app::{drafts, notes};
use briefing::notes::{ItemKind, Note, NoteTarget, Store};
use common::Reader;
use common::drafts::draft_files;
use ratatui::crossterm::event::KeyCode;

const BRIEF: &str = "afpak-2025";

fn reader_with_notes(data: &Path) -> Reader {
    let mut r = Reader::bundled(160, 48);
    r.state.opening.data_dir = Some(data.to_path_buf());
    notes::load(&mut r.state);
    r.draw();
    r
}

fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.key(KeyCode::Char(c));
    }
}

/// Saves a note on factor `trade` directly in the store.
fn stored_note(data: &Path, body: &str) -> Note {
    let mut note = Note::new(NoteTarget::item(ItemKind::Factor, "trade"), body.into());
    Store::new(data, BRIEF).save(&mut note, None).unwrap();
    note
}

#[test]
fn an_unchanged_body_with_crlf_and_trailing_newlines_survives_esc_and_save() {
    let data = tempfile::tempdir().unwrap();
    let body = "line1\r\nline2\n\n\n";
    let note = stored_note(data.path(), body);
    let path = Store::new(data.path(), BRIEF).note_path(&note.id);
    let mut r = reader_with_notes(data.path());
    notes::edit(&mut r.state, 0);
    r.draw();
    // Esc on an untouched note closes without asking.
    r.key(KeyCode::Esc);
    assert!(r.state.layers.editor().is_none(), "{}", r.screen());
    assert!(!r.screen().contains("discard your changes?"));

    // Open and save: byte for byte.
    notes::edit(&mut r.state, 0);
    r.ctrl('s');
    assert!(r.state.layers.editor().is_none());
    assert_eq!(r.state.notes.notes[0].body, body);
    let reread = Store::new(data.path(), BRIEF).load();
    assert_eq!(reread.notes[0].body, body);
    assert!(path.exists());

    // A typed line keeps the body's line ending.
    let crlf = stored_note(data.path(), "a\r\nb");
    let mut r = reader_with_notes(data.path());
    let index = r
        .state
        .notes
        .notes
        .iter()
        .position(|n| n.id == crlf.id)
        .unwrap();
    notes::edit(&mut r.state, index);
    r.key(KeyCode::Enter);
    type_text(&mut r, "c");
    r.ctrl('s');
    let saved = Store::new(data.path(), BRIEF).load();
    let saved = saved.notes.iter().find(|n| n.id == crlf.id).unwrap();
    assert_eq!(saved.body, "a\r\nb\r\nc");
}

#[test]
fn a_failed_undo_keeps_the_note_and_the_next_undo_restores_it() {
    let data = tempfile::tempdir().unwrap();
    let note = stored_note(data.path(), "worth keeping");
    let mut r = reader_with_notes(data.path());
    notes::ask_delete(&mut r.state, 0);
    r.keys("y");
    assert!(r.state.notes.notes.is_empty());
    // Something sits where the note would come back: the undo fails...
    let store = Store::new(data.path(), BRIEF);
    let in_the_way = store.note_path(&note.id);
    std::fs::write(&in_the_way, "someone else's file").unwrap();
    notes::undo(&mut r.state);
    let told = r.state.notice.clone().unwrap_or_default();
    assert!(told.starts_with("not restored: "), "{told}");
    assert!(told.contains("already exists"), "says why: {told}");
    assert!(told.contains("still in the trash"), "{told}");
    assert!(
        store.trash_dir().join(format!("{}.toml", note.id)).exists(),
        "the note is still in the trash"
    );
    // ...and once the way is clear, the next `u` brings it back.
    std::fs::remove_file(&in_the_way).unwrap();
    notes::undo(&mut r.state);
    assert_eq!(
        r.state.notice.as_deref(),
        Some("note restored: the note on factor “Trade, transit and connectivity” is back")
    );
    assert_eq!(r.state.notes.notes.len(), 1);
    assert_eq!(r.state.notes.notes[0].body, "worth keeping");
}

#[test]
fn a_draft_is_written_after_a_pause_and_offered_back_exactly() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.keys("2a");
    type_text(&mut r, "unsaved thoughts");
    r.key(KeyCode::Enter);
    r.key(KeyCode::Enter);
    let due = drafts::due(&r.state).expect("a change waits for a draft");
    // Not before the pause is over...
    assert!(!drafts::write_if_due(
        &mut r.state,
        due - Duration::from_millis(500)
    ));
    assert!(draft_files(data.path()).is_empty());
    // ...then written, once, in the background.
    assert!(drafts::write_if_due(&mut r.state, due));
    drafts::collect(&mut r.state, true);
    assert_eq!(draft_files(data.path()).len(), 1);
    assert!(drafts::due(&r.state).is_none());
    assert!(
        draft_files(data.path())[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("new-")
    );
    // More typing, then the reader ends (any way): the exit hook keeps it.
    type_text(&mut r, "last words");
    drafts::on_exit(&mut r.state);
    drop(r);

    let mut again = reader_with_notes(data.path());
    let screen = again.screen();
    assert!(screen.contains("Unsaved note"), "{screen}");
    assert!(screen.contains("r recover"), "{screen}");
    again.keys("v");
    assert!(again.screen().contains("last words"));
    again.keys("r");
    let editor = again.state.layers.editor().expect("editor");
    assert_eq!(editor.text(), "unsaved thoughts\n\nlast words");
    again.ctrl('s');
    assert_eq!(again.state.notes.notes.len(), 1);
    assert_eq!(
        again.state.notes.notes[0].body,
        "unsaved thoughts\n\nlast words"
    );
    assert!(draft_files(data.path()).is_empty(), "saved: draft removed");
    // Nothing is offered the next time.
    let third = reader_with_notes(data.path());
    assert!(third.state.layers.recovery().is_none());
}

#[test]
fn a_draft_can_be_put_off_or_discarded() {
    let data = tempfile::tempdir().unwrap();
    let note = stored_note(data.path(), "saved text");
    let mut r = reader_with_notes(data.path());
    notes::edit(&mut r.state, 0);
    type_text(&mut r, " plus a draft");
    drafts::on_exit(&mut r.state);
    drop(r);

    // Esc: later. The draft stays on disk for the next opening.
    let mut r = reader_with_notes(data.path());
    assert!(r.state.layers.recovery().is_some());
    r.key(KeyCode::Esc);
    assert!(r.state.layers.recovery().is_none());
    assert_eq!(draft_files(data.path()).len(), 1);

    // d asks, n keeps, d y discards.
    let mut r = reader_with_notes(data.path());
    r.keys("d");
    assert!(r.screen().contains("discard this draft for good?"));
    r.keys("n");
    assert!(r.state.layers.recovery().is_some());
    r.keys("dy");
    assert!(r.state.layers.recovery().is_none());
    assert!(draft_files(data.path()).is_empty());
    let loaded = Store::new(data.path(), BRIEF).load();
    assert_eq!(loaded.notes[0].id, note.id);
    assert_eq!(loaded.notes[0].body, "saved text", "the note is untouched");
}

#[test]
fn an_unchanged_editor_leaves_no_draft() {
    let data = tempfile::tempdir().unwrap();
    stored_note(data.path(), "as it was");
    let mut r = reader_with_notes(data.path());
    notes::edit(&mut r.state, 0);
    drafts::on_exit(&mut r.state);
    assert!(draft_files(data.path()).is_empty());
    // Typing then undoing leaves the draft in sync with the text.
    type_text(&mut r, "x");
    assert!(drafts::write_if_due(
        &mut r.state,
        Instant::now() + Duration::from_secs(3)
    ));
    r.key(KeyCode::Backspace);
    r.key(KeyCode::Esc);
    assert!(
        r.state.layers.editor().is_none(),
        "unchanged again: no question"
    );
    assert!(
        draft_files(data.path()).is_empty(),
        "closing drops the draft"
    );
}

#[test]
fn the_notes_list_shows_conflicts_with_both_texts_and_unreadable_files() {
    let data = tempfile::tempdir().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let note = stored_note(data.path(), "first words");
    let mut r = reader_with_notes(data.path());
    // Another reader saves over it from an older version...
    let mut theirs = note.clone();
    theirs.body = "their words".into();
    let base = r.state.notes.sha256[&note.id].clone();
    store.save(&mut theirs, Some(&base)).unwrap();
    // ...then this reader saves its edit from the same version.
    notes::edit(&mut r.state, 0);
    type_text(&mut r, " and mine");
    r.ctrl('s');
    assert!(
        r.state
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("other text was kept")),
        "{:?}",
        r.state.notice
    );
    // And a file a later version wrote (not even TOML: a raw escape).
    std::fs::write(
        store.dir().join("01JNEWERNEWERNEWERNEWERNEW.toml"),
        "version = 3\nbody = \"from the future \u{1b}[31m\"\n",
    )
    .unwrap();
    r.keys("m");
    let screen = r.screen();
    assert!(screen.contains("1 in conflict"), "{screen}");
    assert!(screen.contains("1 unreadable"), "{screen}");
    assert!(screen.contains("Conflicts · 1"), "{screen}");
    assert!(screen.contains("their words"), "{screen}");
    assert!(screen.contains("could not read"), "{screen}");
    assert!(
        screen.contains("01JNEWERNEWERNEWERNEWERNEW.toml — written in note format version 3"),
        "{screen}"
    );
    // The note itself is marked.
    assert!(screen.contains("conflict "), "{screen}");

    // Both texts, on Enter.
    let row = r
        .state
        .layers
        .notes_list()
        .unwrap()
        .rows
        .iter()
        .position(|row| matches!(row, briefing::app::notes_list::Row::Conflict(_)));
    r.state.layers.notes_list_mut().unwrap().selected = row.unwrap();
    r.key(KeyCode::Enter);
    let screen = r.screen();
    assert!(screen.contains("first words and mine"), "{screen}");
    assert!(screen.contains("their words"), "{screen}");
    // Keep the other text: the notes swap, nothing is lost.
    r.keys("o");
    let loaded = store.load();
    assert_eq!(loaded.notes[0].body, "their words");
    assert_eq!(loaded.conflicts.len(), 1);
    assert_eq!(loaded.conflicts[0].text, "first words and mine");

    // The unreadable file's text, escaped.
    r.key(KeyCode::Esc);
    r.keys("m");
    let row = r
        .state
        .layers
        .notes_list()
        .unwrap()
        .rows
        .iter()
        .position(|row| matches!(row, briefing::app::notes_list::Row::Unreadable(_)));
    r.state.layers.notes_list_mut().unwrap().selected = row.unwrap();
    r.key(KeyCode::Enter);
    let screen = r.screen();
    assert!(screen.contains("from the future ␛[31m"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}

#[test]
fn notices_cut_by_the_status_bar_say_where_to_read_them_whole() {
    let data = tempfile::tempdir().unwrap();
    // Two files a later version wrote and a conflict: three things to say.
    let store = Store::new(data.path(), BRIEF);
    let note = stored_note(data.path(), "one");
    let base = Store::new(data.path(), BRIEF).load().sha256[&note.id].clone();
    let mut a = note.clone();
    a.body = "two".into();
    store.save(&mut a, Some(&base)).unwrap();
    let mut b = note.clone();
    b.body = "three".into();
    store.save(&mut b, Some(&base)).unwrap();
    for id in ["01JAAAAAAAAAAAAAAAAAAAAAAA", "01JBBBBBBBBBBBBBBBBBBBBBBB"] {
        std::fs::write(store.dir().join(format!("{id}.toml")), "version = 5\n").unwrap();
    }
    let r = reader_with_notes(data.path());
    let notice = r.state.notice.clone().unwrap();
    assert!(
        notice.starts_with("2 things to know about your notes, m lists them"),
        "{notice}"
    );

    // A folder problem, on a narrow terminal: cut in the status bar, whole
    // in the list.
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("notes")).unwrap();
    std::fs::write(
        data.path().join("notes").join(BRIEF),
        "a file, not a folder",
    )
    .unwrap();
    let mut r = Reader::bundled(60, 30);
    r.state.opening.data_dir = Some(data.path().to_path_buf());
    notes::load(&mut r.state);
    let notice = r.state.notice.clone().unwrap();
    assert!(
        notice.starts_with("cannot read the notes folder"),
        "{notice}"
    );
    assert!(notice.ends_with("(m lists it)"), "{notice}");
    assert!(!r.screen().contains("(m lists it)"), "cut at 60 columns");
    r.keys("m");
    assert!(
        r.screen().contains("About the notes folder"),
        "{}",
        r.screen()
    );
    let row = r
        .state
        .layers
        .notes_list()
        .unwrap()
        .rows
        .iter()
        .position(|row| matches!(row, briefing::app::notes_list::Row::Notice(_)));
    r.state.layers.notes_list_mut().unwrap().selected = row.unwrap();
    r.key(KeyCode::Enter);
    let screen = r.screen();
    assert!(screen.contains("Notice"), "{screen}");
    assert!(screen.contains("is a file, not a"), "whole: {screen}");
}

/// A note file with fixed times, so the screen does not depend on today.
fn fixed_note(id: &str, body: &str) -> Note {
    Note {
        id: id.to_string(),
        created: "2025-11-20T09:00:00Z".parse().unwrap(),
        updated: "2025-11-21T10:30:00Z".parse().unwrap(),
        body: body.to_string(),
        target: NoteTarget::item(ItemKind::Factor, "trade"),
    }
}

#[test]
fn notes_list_and_recovery_snapshots() {
    let data = tempfile::tempdir().unwrap();
    let store = Store::new(data.path(), BRIEF);
    std::fs::create_dir_all(store.dir()).unwrap();
    let id = "01JSNAPSNAPSNAPSNAPSNAPSNA";
    let note = fixed_note(id, "Transit fees doubled in October.");
    std::fs::write(store.note_path(id), briefing::notes::encode(&note)).unwrap();
    let other = fixed_note(id, "Transit fees tripled, says the ministry.");
    std::fs::write(
        store
            .dir()
            .join(format!("{id}.conflict-20251121T103500Z.toml")),
        briefing::notes::encode(&other),
    )
    .unwrap();
    std::fs::write(
        store.dir().join("01JFUTUREFUTUREFUTUREFUTUR.toml"),
        "version = 2\nshape = \"new\"\n",
    )
    .unwrap();
    let draft = briefing::notes::drafts::Draft {
        note: fixed_note(
            "01JDRAFTDRAFTDRAFTDRAFTDRA",
            "Ask who sets the\nfees \u{1b}[31m",
        ),
        base: None,
        label: "factor “Trade, transit and connectivity”".into(),
        saved: "2025-11-22T08:00:00Z".parse().unwrap(),
    };
    briefing::notes::drafts::Drafts::new(data.path(), BRIEF)
        .write(&draft)
        .unwrap();

    let mut r = Reader::bundled(80, 24);
    r.state.opening.data_dir = Some(data.path().to_path_buf());
    notes::load(&mut r.state);
    r.keys("v");
    insta::assert_snapshot!("recovery_80x24", r.screen());
    r.key(KeyCode::Esc);
    r.keys("m");
    insta::assert_snapshot!("notes_list_sections_80x24", r.screen());
}
