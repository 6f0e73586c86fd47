//! The notes list (`m`) as a reader sees it: the whole screen width, each
//! row the body first, a preview with the passage in context, a filter over
//! bodies, passages and titles, and its four sections. Times pinned to a
//! zone with an offset.

mod common;

use std::path::Path;

use briefing::app::notes;
use briefing::brief::Brief;
use briefing::notes::{Field, ItemKind, Note, NoteTarget, Passage, Store, encode, field_text};
use common::Reader;
use ratatui::crossterm::event::KeyCode;

const BRIEF: &str = "afpak-2025";

const LONG_BODY: &str = "Check the casualty figures against the provincial police tallies before quoting them anywhere: the ministry counts differ by a third.\nSecond line of the note.";

fn at(time: &str) -> jiff::Timestamp {
    time.parse().unwrap()
}

fn note(id: &str, created: &str, updated: &str, target: NoteTarget, body: &str) -> Note {
    Note {
        id: id.to_string(),
        created: at(created),
        updated: at(updated),
        body: body.to_string(),
        target,
    }
}

fn passage(
    brief: &Brief,
    kind: ItemKind,
    id: Option<&str>,
    field: Field,
    words: &str,
) -> NoteTarget {
    let text = field_text(brief, kind, id, &field).expect("field");
    let start = text[..text.find(words).expect("words")].chars().count();
    NoteTarget::passage(
        kind,
        id,
        Passage::capture(field, text, start, start + words.chars().count()),
    )
}

/// A folder with a passage note, a note on an item, a changed passage, two
/// orphans, an unreadable file and a conflict copy.
fn fill(data: &Path, brief: &Brief) {
    let store = Store::new(data, BRIEF);
    std::fs::create_dir_all(store.dir()).unwrap();
    let terrorism = Some("terrorism");
    let mut changed = passage(
        brief,
        ItemKind::Factor,
        terrorism,
        Field::KeyPoint(0),
        "killing about 500 civilians",
    );
    if let Some(p) = changed.passage.as_mut() {
        p.exact = "killing some 500 civilians".into();
        p.field_sha256 = "0".repeat(64);
    }
    let mut orphaned = passage(
        brief,
        ItemKind::Factor,
        terrorism,
        Field::Summary,
        "three rounds of talks",
    );
    if let Some(p) = orphaned.passage.as_mut() {
        p.exact = "a sentence since deleted from the summary".into();
        p.prefix = "Before it, ".into();
        p.suffix = " and after.".into();
        p.field_sha256 = "0".repeat(64);
    }
    let notes = [
        note(
            "01JLIST000000000000000000A",
            "2025-12-01T09:05:00Z",
            "2025-12-01T09:05:00Z",
            passage(
                brief,
                ItemKind::Factor,
                terrorism,
                Field::KeyPoint(0),
                "over a hundred attacks",
            ),
            LONG_BODY,
        ),
        note(
            "01JLIST000000000000000000B",
            "2025-12-01T08:00:00Z",
            "2025-12-02T10:30:00Z",
            NoteTarget::item(ItemKind::Factor, "trade"),
            "Transit fees doubled in October.",
        ),
        note(
            "01JLIST000000000000000000C",
            "2025-11-30T08:00:00Z",
            "2025-11-30T08:00:00Z",
            changed,
            "Figure to confirm.",
        ),
        note(
            "01JLIST000000000000000000D",
            "2025-11-29T08:00:00Z",
            "2025-11-29T08:00:00Z",
            orphaned,
            "Where did this go?",
        ),
        note(
            "01JLIST000000000000000000E",
            "2025-11-28T08:00:00Z",
            "2025-11-28T08:00:00Z",
            NoteTarget::item(ItemKind::Event, "a-removed-event"),
            "The event was dropped from the brief.",
        ),
    ];
    for n in &notes {
        std::fs::write(store.note_path(&n.id), encode(n)).unwrap();
    }
    let mut other = notes[1].clone();
    other.body = "Transit fees tripled, says the ministry.".into();
    std::fs::write(
        store
            .dir()
            .join("01JLIST000000000000000000B.conflict-20251202T103500Z.toml"),
        encode(&other),
    )
    .unwrap();
    std::fs::write(
        store.dir().join("01JFUTUREFUTUREFUTUREFUTUR.toml"),
        "version = 2\nshape = \"new\"\n",
    )
    .unwrap();
}

fn reader(data: &Path, width: u16, height: u16) -> Reader {
    let mut r = Reader::bundled(width, height);
    // Kabul: UTC+04:30 all year, so the offset shows.
    briefing::local_time::pin(Some(jiff::tz::TimeZone::fixed(
        jiff::tz::Offset::from_seconds(4 * 3600 + 1800).unwrap(),
    )));
    fill(data, &r.state.brief.clone());
    r.state.opening.data_dir = Some(data.to_path_buf());
    notes::load(&mut r.state);
    r.draw();
    r
}

#[test]
fn the_list_uses_the_width_and_shows_each_section() {
    for (width, height) in [(200, 50), (120, 40), (80, 24)] {
        let data = tempfile::tempdir().unwrap();
        let mut r = reader(data.path(), width, height);
        r.keys("m");
        let screen = r.screen();
        insta::assert_snapshot!(format!("notes_list_{width}x{height}"), screen);
        let first = screen.lines().nth(1).unwrap();
        assert!(
            first.starts_with('┌') && first.ends_with('┐'),
            "full width: {first}"
        );
        for heading in [
            "Notes · 3",
            "Orphans · 2",
            "could not read · 1",
            "Conflicts · 1",
        ] {
            if height >= 40 {
                assert!(screen.contains(heading), "{heading} at {width}: {screen}");
            }
        }
    }
}

#[test]
fn a_passage_notes_first_line_is_shown_whole_at_120_and_200_columns() {
    let first_line = LONG_BODY.lines().next().unwrap();
    for (width, height) in [(200, 50), (120, 40)] {
        let data = tempfile::tempdir().unwrap();
        let mut r = reader(data.path(), width, height);
        r.keys("m");
        let screen = r.screen();
        // The list column, row by row, joined: the first line, wrapped.
        let words: Vec<&str> = first_line.split(' ').collect();
        let shown: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            shown.contains(&words.join(" ")) || contains_in_order(&screen, &words),
            "the whole first line at {width}: {screen}"
        );
        assert!(!screen.contains("anywhere: the ministry counts differ by a…"));
    }
}

/// Every word of `words` appears, in order, in the screen.
fn contains_in_order(screen: &str, words: &[&str]) -> bool {
    let mut rest = screen;
    for word in words {
        match rest.find(word) {
            Some(at) => rest = &rest[at + word.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn the_preview_shows_the_passage_in_context_and_a_changed_passage_both_ways() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader(data.path(), 200, 50);
    r.keys("m");
    // Newest first: the note on trade, then the passage note.
    r.key(KeyCode::Down);
    let screen = r.screen();
    assert!(
        screen.contains("TTP carried out over a hundred attacks across"),
        "context: {screen}"
    );
    // The changed passage: both the words it was written on and those there now.
    r.key(KeyCode::Down);
    let screen = r.screen();
    assert!(
        screen.contains("Written on: “killing some 500 civilians”"),
        "{screen}"
    );
    assert!(
        screen.contains("There now: “killing about 500 civilians”"),
        "{screen}"
    );
    insta::assert_snapshot!("notes_list_changed_preview_200x50", screen);
}

#[test]
fn orphan_rows_name_what_was_lost() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader(data.path(), 200, 50);
    r.keys("m");
    let screen = r.screen();
    assert!(
        screen.contains("was on event `a-removed-event`, no longer in the brief"),
        "{screen}"
    );
    assert!(
        contains_in_order(
            &screen,
            &[
                "was on “a sentence since deleted",
                "from the summary” in the summary of factor `terrorism`",
                "no longer there"
            ]
        ),
        "{screen}"
    );
}

#[test]
fn the_filter_matches_bodies_passage_words_and_titles() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader(data.path(), 200, 50);
    r.keys("m");
    let count = |r: &Reader| r.state.layers.notes_list().unwrap().rows.len();
    let all = count(&r);
    // Words of a passage, not of any body.
    r.keys("hundred attacks");
    assert_eq!(count(&r), 1, "{}", r.screen());
    for _ in 0.."hundred attacks".len() {
        r.key(KeyCode::Backspace);
    }
    assert_eq!(count(&r), all);
    // A title: the trade factor's.
    r.keys("transit and connectivity");
    let rows = &r.state.layers.notes_list().unwrap().rows;
    assert!(!rows.is_empty() && rows.len() < all, "{}", r.screen());
    assert!(r.screen().contains("Transit fees doubled"));
}

#[test]
fn a_changed_passage_shows_both_words_in_the_reader() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader(data.path(), 200, 50);
    // The notes are shown right under the key point holding their words:
    // the key point, its first note, then the changed one.
    r.keys("1").key(KeyCode::Tab).keys("jjj");
    let screen = r.screen();
    assert!(screen.contains("text changed"), "{screen}");
    assert!(
        contains_in_order(
            &screen,
            &[
                "written on “killing some 500 civilians”",
                // Indented under its key point, the line wraps here.
                "there now “killing about 500",
                "civilians”"
            ]
        ),
        "{screen}"
    );
}
