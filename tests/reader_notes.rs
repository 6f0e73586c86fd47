//! Notes in the reader: adding, editing, deleting, restoring, passages,
//! the notes list, and failures that must lose nothing.

mod common;

use briefing::app::state::{DetailItem, Pane};
use common::Reader;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

fn reader_with_notes(data: &std::path::Path) -> Reader {
    Reader::with_data(data, 160, 48)
}

fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.key(KeyCode::Char(c));
    }
}

fn note_files(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    let dir = data.join("notes").join("afpak-2025");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect()
}

#[test]
fn a_note_on_a_factor_is_saved_at_once_and_shown_inline() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.keys("1");
    r.keys("a");
    assert!(r.screen().contains("New note"), "{}", r.screen());
    assert!(r.screen().contains("factor “Terrorism"));
    type_text(&mut r, "Check the TTP casualty figures");
    r.ctrl('s');
    assert!(r.state.layers.editor().is_none());
    // On disk now, not at exit.
    assert_eq!(note_files(data.path()).len(), 1);
    let screen = r.screen();
    assert!(
        screen.contains("Check the TTP casualty figures"),
        "{screen}"
    );
    assert!(screen.contains("✎1"), "the factor carries a mark and count");
    // A fresh reader sees it too.
    let again = reader_with_notes(data.path());
    assert_eq!(again.state.notes.notes.len(), 1);
}

#[test]
fn edit_delete_and_undo() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.keys("2a");
    type_text(&mut r, "first text");
    r.ctrl('s');
    r.key(KeyCode::Tab);
    assert_eq!(r.state.reading.focus, Pane::Detail);
    // Notes sit right under the summary: the first item.
    r.keys("j");
    assert!(matches!(r.state.selected_item(), Some(DetailItem::Note(_))));
    r.keys("e");
    type_text(&mut r, " and more");
    // Esc with changes asks first; anything but y keeps editing.
    r.key(KeyCode::Esc);
    assert!(r.screen().contains("discard your changes?"));
    r.keys("n");
    assert!(r.state.layers.editor().is_some());
    r.ctrl('s');
    assert_eq!(r.state.notes.notes[0].body, "first text and more");

    r.keys("d");
    assert!(r.screen().contains("Delete the note"));
    r.keys("n");
    assert_eq!(r.state.notes.notes.len(), 1, "n keeps it");
    r.keys("d");
    r.keys("y");
    assert!(r.state.notes.notes.is_empty());
    assert!(note_files(data.path()).is_empty());
    let trash = data.path().join("notes/afpak-2025/.trash");
    assert_eq!(
        std::fs::read_dir(&trash).unwrap().count(),
        1,
        "moved to the trash, not erased"
    );
    r.keys("u");
    assert_eq!(r.state.notes.notes.len(), 1);
    assert_eq!(note_files(data.path()).len(), 1);
}

#[test]
fn a_passage_note_from_visual_mode_is_underlined() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.select_key_point(1, 0);
    r.keys("v");
    assert!(r.state.layers.caret.is_some());
    r.keys("vwwe"); // the anchor, then three words

    let selection = r
        .state
        .layers
        .caret
        .as_ref()
        .unwrap()
        .selection(&r.state.brief)
        .unwrap();
    assert!(selection.len() > 5, "w and e extend the selection");
    let point = r.state.brief.factors[0].key_points[0].clone();
    let exact: String = point
        .chars()
        .skip(selection.start)
        .take(selection.len())
        .collect();
    r.keys("a");
    let editor = r.state.layers.editor().expect("editor open");
    assert_eq!(editor.quote.as_deref(), Some(exact.as_str()));
    assert!(
        r.screen().contains(&format!("“{exact}”")),
        "the passage is quoted"
    );
    type_text(&mut r, "Is this sourced?");
    r.ctrl('s');
    assert!(r.state.layers.caret.is_none());
    let note = &r.state.notes.notes[0];
    let passage = note.target.passage.as_ref().expect("a passage note");
    assert_eq!(passage.exact, exact);
    // The noted words are underlined where the key point shows them (the
    // note's own heading quotes them too, without underline).
    let buffer = r.buffer();
    let underlined_rows: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .filter(|&x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED))
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .filter(|row| !row.trim().is_empty())
        .collect();
    let first_word = exact.split_whitespace().next().unwrap();
    assert!(
        underlined_rows.iter().any(|row| row.contains(first_word)),
        "{underlined_rows:?}"
    );
}

#[test]
fn visual_mode_in_the_source_view_notes_the_source() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.select_first_excerpt(1);
    r.keys("s");
    r.keys("v");
    r.keys("jvll");
    r.keys("a");
    type_text(&mut r, "source remark");
    r.ctrl('s');
    let note = &r.state.notes.notes[0];
    assert_eq!(note.target.kind, briefing::notes::ItemKind::Source);
    assert!(note.target.passage.is_some());
}

#[test]
fn a_failed_save_keeps_the_note_in_the_editor() {
    let data = tempfile::tempdir().unwrap();
    // A file where the notes folder should be: the store cannot write.
    std::fs::write(data.path().join("notes"), "in the way").unwrap();
    let mut r = reader_with_notes(data.path());
    r.keys("a");
    type_text(&mut r, "precious thought");
    r.ctrl('s');
    let editor = r.state.layers.editor().expect("still open");
    assert!(editor.error.as_deref().unwrap_or("").contains("not saved"));
    assert_eq!(editor.text(), "precious thought");
    assert!(r.screen().contains("not saved"));
    // Once the way is clear, saving again works.
    std::fs::remove_file(data.path().join("notes")).unwrap();
    r.ctrl('s');
    assert!(r.state.layers.editor().is_none());
    assert_eq!(note_files(data.path()).len(), 1);
}

#[test]
fn notes_list_jumps_to_a_note() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.keys("3a");
    type_text(&mut r, "on the US factor");
    r.ctrl('s');
    r.keys("0");
    r.keys("m");
    assert!(r.screen().contains("on the US factor"));
    type_text(&mut r, "US");
    r.key(KeyCode::Enter);
    assert_eq!(
        r.state.reading.target,
        briefing::app::state::Target::Factor(2)
    );
    assert!(matches!(r.state.selected_item(), Some(DetailItem::Note(0))));
}

#[test]
fn an_orphaned_note_is_listed_and_can_be_reattached() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.select_key_point(1, 0);
    r.keys("vwe");
    r.keys("a");
    type_text(&mut r, "about these words");
    r.ctrl('s');
    // The brief changes: that key point is rewritten entirely.
    let mut state = Reader::bundled(160, 48).state;
    std::sync::Arc::make_mut(&mut state.brief).factors[0].key_points[0] =
        "Entirely different wording now.".into();
    let mut r = Reader::new(state, 160, 48);
    r.state.opening.data_dir = Some(data.path().to_path_buf());
    briefing::app::notes::load(&mut r.state);
    r.draw();
    assert_eq!(
        r.state.notes.orphans.len(),
        1,
        "orphaned, not placed wrongly"
    );
    assert!(r.screen().contains("1 orphaned note"), "{}", r.screen());
    // Re-attach to the India factor: pick it, then confirm.
    r.keys("m");
    assert!(r.screen().contains("Orphans · 1"), "{}", r.screen());
    r.ctrl('r');
    assert!(
        r.screen().contains("Re-attach the note to"),
        "{}",
        r.screen()
    );
    assert!(
        !r.screen().contains("command"),
        "only items are offered: {}",
        r.screen()
    );
    type_text(&mut r, "india factor");
    r.key(KeyCode::Enter);
    // A note on words: the caret opens at the factor's title to choose
    // the words ("India"), then a asks.
    assert!(r.screen().contains("choose the words"), "{}", r.screen());
    r.keys("wve");
    r.keys("a");
    assert!(
        r.screen().contains("Re-attach the note to") && r.screen().contains("y / n"),
        "{}",
        r.screen()
    );
    // n keeps it an orphan.
    r.keys("n");
    assert_eq!(r.state.notes.orphans.len(), 1);
    r.keys("m");
    r.ctrl('r');
    type_text(&mut r, "india factor");
    r.key(KeyCode::Enter);
    r.keys("wvea");
    r.keys("y");
    assert!(r.state.notes.orphans.is_empty());
    assert_eq!(r.state.notes.count(briefing::notes::ItemRef::Factor(1)), 1);
    let told = r.state.notice.clone().unwrap_or_default();
    assert!(
        told.starts_with("note re-attached to") && told.contains("The India factor"),
        "{told}"
    );
    // u takes it back: an orphan again, with its passage as it was.
    r.keys("u");
    assert_eq!(r.state.notes.orphans.len(), 1, "{:?}", r.state.notice);
    let told = r.state.notice.clone().unwrap_or_default();
    assert!(
        told.starts_with("re-attach undone: the note was on “"),
        "{told}"
    );
    let stored = briefing::notes::Store::new(data.path(), "afpak-2025").load();
    assert!(stored.notes[0].target.passage.is_some());
    assert_eq!(stored.notes[0].target.id.as_deref(), Some("terrorism"));
}

#[test]
fn without_a_data_folder_notes_explain_themselves() {
    let mut r = Reader::bundled(80, 24);
    r.keys("a");
    assert!(r.state.layers.editor().is_none());
    assert!(r.screen().contains("data folder"));
}

#[test]
fn editor_snapshot() {
    let data = tempfile::tempdir().unwrap();
    for (width, height) in [(80, 24), (160, 48)] {
        let mut r = reader_with_notes(data.path());
        r.resize(width, height);
        r.keys("1");
        r.key(KeyCode::Tab);
        r.keys("jvvwe");
        r.keys("a");
        type_text(&mut r, "Who counted these?");
        insta::assert_snapshot!(format!("editor_{width}x{height}"), r.screen());
    }
}

#[test]
fn an_excerpt_with_notes_shows_their_count() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.select_first_excerpt(1);
    assert!(matches!(
        r.state.selected_item(),
        Some(DetailItem::Excerpt(_))
    ));
    r.keys("a");
    type_text(&mut r, "first");
    r.ctrl('s');
    assert!(r.screen().contains("✓ verified · ✎1"), "{}", r.screen());
}

#[test]
fn a_new_note_is_not_edited_until_its_text_changes() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    r.keys("1a");
    // Time spent in the editor is not the note's age.
    std::thread::sleep(std::time::Duration::from_millis(5));
    type_text(&mut r, "Casualty figures");
    r.ctrl('s');
    let note = r.state.notes.notes[0].clone();
    assert_eq!(note.created, note.updated);
    let screen = r.screen();
    assert!(screen.contains("Casualty figures"), "{screen}");
    assert!(screen.contains(" UTC"), "the time is shown: {screen}");
    assert!(!screen.contains("edited"), "{screen}");
    // Saving it unchanged is no edit either.
    r.key(KeyCode::Tab);
    r.keys("je");
    r.ctrl('s');
    assert!(r.screen().contains("nothing changed"), "{}", r.screen());
    assert!(!r.screen().contains("edited"));
    assert_eq!(r.state.notes.notes[0].updated, note.updated);
    // A change is.
    std::thread::sleep(std::time::Duration::from_millis(2));
    r.keys("e");
    type_text(&mut r, " and sources");
    r.ctrl('s');
    assert!(r.screen().contains(", edited "), "{}", r.screen());
    assert_eq!(r.state.notes.notes[0].created, note.created);
}

#[test]
fn undo_restores_every_deleted_note_newest_first() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_with_notes(data.path());
    for (key, body) in [("1", "on terrorism"), ("2", "on trade"), ("3", "on water")] {
        r.keys(key);
        r.keys("a");
        type_text(&mut r, body);
        r.ctrl('s');
    }
    assert_eq!(note_files(data.path()).len(), 3);
    // Delete them from the list, one after another.
    for _ in 0..3 {
        r.keys("m");
        r.event(Event::Key(KeyEvent::new(
            KeyCode::Char('x'),
            KeyModifiers::ALT,
        )));
        r.keys("y");
    }
    assert!(r.state.notes.notes.is_empty());
    assert!(note_files(data.path()).is_empty());
    // The last deleted comes back first, and each undo says which.
    let mut told = Vec::new();
    for _ in 0..3 {
        r.keys("u");
        told.push(r.state.notice.clone().unwrap_or_default());
    }
    assert_eq!(note_files(data.path()).len(), 3, "every file is back");
    let mut bodies: Vec<_> = r.state.notes.notes.iter().map(|n| n.body.clone()).collect();
    bodies.sort();
    assert_eq!(bodies, ["on terrorism", "on trade", "on water"]);
    assert!(
        told[0].starts_with("note restored: the note on "),
        "{told:?}"
    );
    // The list is newest first, so "on terrorism" was deleted last.
    assert!(told[0].contains("Terrorism"), "{told:?}");
    assert!(!told[2].contains("Terrorism"), "{told:?}");
    assert!(told[0].contains("u undoes 2 more changes"), "{told:?}");
    assert!(told[1].contains("u undoes one more change"), "{told:?}");
    assert!(!told[2].contains("u undoes"), "{told:?}");
    r.keys("u");
    assert_eq!(r.state.notice.as_deref(), Some("nothing to undo"));
}
