//! The library picker: every brief of a folder plus the bundled one.

mod common;

use std::path::Path;

use briefing::app::library;
use common::Reader;
use ratatui::crossterm::event::KeyCode;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn folder_with_briefs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("source.txt"), fixture("source.txt")).unwrap();
    std::fs::write(dir.path().join("a-clean.toml"), fixture("clean.toml")).unwrap();
    std::fs::write(
        dir.path().join("b-broken.toml"),
        fixture("unknown-key.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a brief").unwrap();
    dir
}

#[test]
fn lists_the_bundled_brief_and_every_brief_in_the_folder() {
    let dir = folder_with_briefs();
    let mut r = Reader::bundled(120, 40);
    library::open(&mut r.state, dir.path().to_path_buf());
    r.draw();
    let lib = r.state.layers.library().unwrap();
    let names: Vec<&str> = lib.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["bundled", "a-clean.toml", "b-broken.toml"]);
    let clean = &lib.entries[1];
    assert_eq!(clean.title, "A clean brief");
    assert_eq!(clean.as_of, "2025-11-30");
    assert!(clean.counts.contains("1 factor"), "{}", clean.counts);
    assert!(lib.entries[2].errors > 0);
    let screen = r.screen();
    assert!(screen.contains("A clean brief"));
    assert!(screen.contains("✗"), "the broken brief is marked");
}

#[test]
fn a_broken_brief_shows_its_diagnostics_instead_of_opening() {
    let dir = folder_with_briefs();
    let mut r = Reader::bundled(120, 40);
    library::open(&mut r.state, dir.path().to_path_buf());
    r.key(KeyCode::Down);
    r.key(KeyCode::Down);
    assert!(r.screen().contains("unknown key"), "{}", r.screen());
    assert!(
        r.screen().contains("b-broken.toml:"),
        "the diagnostic names file and line"
    );
    r.key(KeyCode::Enter);
    assert_eq!(r.state.brief.id, "afpak-2025", "not opened");
    assert!(r.state.layers.library().is_some());
}

#[test]
fn filtering_and_opening_a_brief() {
    let dir = folder_with_briefs();
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::bundled(120, 40);
    r.state.opening.data_dir = Some(data.path().to_path_buf());
    r.keys("2");
    library::open(&mut r.state, dir.path().to_path_buf());
    r.keys("clean");
    assert_eq!(r.state.layers.library().unwrap().shown.len(), 1);
    r.key(KeyCode::Enter);
    assert!(r.state.layers.library().is_none());
    assert_eq!(r.state.brief.id, "clean");
    assert!(r.screen().contains("A clean brief"));
    // The place in the brief left behind was saved.
    let saved = briefing::app::place::load(data.path(), "afpak-2025")
        .unwrap()
        .unwrap();
    assert_eq!(saved.factor.as_deref(), Some("india"));
    // `o` opens the folder of the current brief; a new brief dropped in
    // appears.
    std::fs::write(
        dir.path().join("c-new.toml"),
        fixture("clean.toml").replace("id = \"clean\"", "id = \"fresh\""),
    )
    .unwrap();
    r.keys("o");
    let names: Vec<String> = r
        .state
        .layers
        .library()
        .unwrap()
        .entries
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert!(names.contains(&"c-new.toml".to_string()), "{names:?}");
    r.key(KeyCode::Esc);
    assert!(r.state.layers.library().is_none());
}

#[test]
fn library_snapshot() {
    let dir = folder_with_briefs();
    let mut r = Reader::bundled(80, 24);
    library::open(&mut r.state, dir.path().to_path_buf());
    // The folder is a temporary path: show a stable name in the snapshot.
    r.state.layers.library_mut().unwrap().folder = "briefs".into();
    r.draw();
    insta::assert_snapshot!("library_80x24", r.screen());
}

#[test]
fn file_names_with_unsafe_characters_are_shown_as_symbols() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("source.txt"), fixture("source.txt")).unwrap();
    let name = "x\u{2028}y\u{1b}]0;T\u{7}\u{202e}z.toml";
    std::fs::write(dir.path().join(name), fixture("clean.toml")).unwrap();
    std::fs::write(
        dir.path().join("w\u{2029}broken.toml"),
        fixture("unknown-key.toml"),
    )
    .unwrap();
    let mut r = Reader::bundled(120, 40);
    library::open(&mut r.state, dir.path().to_path_buf());
    r.draw();
    for _ in 0..3 {
        let screen = r.screen();
        assert!(
            !screen
                .chars()
                .any(|c| briefing::text::sanitize::is_unsafe(c) && c != '\n'),
            "{screen}"
        );
        r.key(KeyCode::Down);
    }
    let screen = r.screen();
    assert!(
        screen.contains("x\u{FFFD}y␛]0;T␇\u{FFFD}z.toml"),
        "{screen}"
    );
}

#[test]
fn a_huge_diagnostic_is_previewed_bounded_and_wrapped_once() {
    let dir = tempfile::tempdir().unwrap();
    // An unknown key on one 600,000-character line: its diagnostic quotes
    // the line.
    let brief = fixture("clean.toml").replacen(
        "\n",
        &format!("\nnonsense = \"{}\"\n", "word ".repeat(120_000)),
        1,
    );
    std::fs::write(dir.path().join("huge.toml"), brief).unwrap();
    let mut r = Reader::bundled(120, 40);
    library::open(&mut r.state, dir.path().to_path_buf());
    r.key(KeyCode::Down);
    let lib = r.state.layers.library().unwrap();
    assert!(lib.selected_entry().unwrap().errors > 0);
    let preview = lib.preview.clone();
    let (_, width) = preview.made_for.expect("made before drawing");
    assert!(preview.errors);
    assert!(preview.rows.len() <= library::PREVIEW_ROWS);
    assert!(preview.rows.iter().any(|row| row.contains("unknown key")));
    assert!(
        preview
            .rows
            .iter()
            .all(|row| unicode_width::UnicodeWidthStr::width(row.as_str()) <= width as usize)
    );
    let total: usize = preview.rows.iter().map(|row| row.len()).sum();
    assert!(total < 20_000, "{total} bytes previewed");
    assert!(r.screen().contains("unknown key"));
    // Another frame reuses the rows; a new width wraps them again.
    let rows = r.state.layers.library().unwrap().preview.rows.as_ptr();
    r.draw();
    assert_eq!(
        r.state.layers.library().unwrap().preview.rows.as_ptr(),
        rows
    );
    r.resize(100, 30);
    let again = &r.state.layers.library().unwrap().preview;
    assert_ne!(again.made_for, preview.made_for);
}
