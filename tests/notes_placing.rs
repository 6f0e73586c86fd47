//! On a brief with large texts, notes are placed in the background: the
//! first frame comes at once with a "placing notes…" mark, the places a
//! moment later.

mod common;

use briefing::app::{self, State, placing};
use briefing::notes::{Field, ItemKind, Note, NoteTarget, Passage, Store};
use common::Reader;

#[test]
fn a_large_brief_draws_first_and_places_its_notes_in_the_background() {
    let data = tempfile::tempdir().unwrap();
    let mut brief = briefing::brief::load_bundled().brief.unwrap();
    let filler = "Nothing of note happens in this sentence. ".repeat(40_000);
    let text = format!("{filler}The one remarkable word is here.");
    assert!(text.len() > placing::BACKGROUND_ABOVE);
    brief.sources[1].text = Some(text.clone());
    let id = brief.sources[1].id.clone();
    let start = text.find("remarkable").unwrap();
    let mut note = Note::new(
        NoteTarget::passage(
            ItemKind::Source,
            Some(&id),
            Passage::capture(Field::Text, &text, start, start + "remarkable".len()),
        ),
        "worth a look".into(),
    );
    Store::new(data.path(), &brief.id)
        .save(&mut note, None)
        .unwrap();

    let opening = app::state::Opening {
        data_dir: Some(data.path().to_path_buf()),
        ..Default::default()
    };
    let mut r = Reader::new(State::open(brief, 0, opening), 160, 48);
    assert!(r.state.notes.placing.is_some(), "placed in the background");
    assert!(
        r.state.notes.by_text.is_empty(),
        "nothing shown half-placed"
    );
    assert!(r.screen().contains("placing notes…"), "{}", r.screen());

    placing::wait(&mut r.state);
    r.draw();
    assert_eq!(r.state.notes.placements.len(), 1);
    assert!(!r.state.notes.placements[0].is_orphan());
    assert_eq!(r.state.notes.by_text.len(), 1);
    assert!(!r.screen().contains("placing notes…"));
}

#[test]
fn the_bundled_brief_places_its_notes_before_the_first_frame() {
    let data = tempfile::tempdir().unwrap();
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let mut note = Note::new(
        NoteTarget::passage(
            ItemKind::Brief,
            None,
            Passage::capture(Field::Summary, &brief.summary, 0, 8),
        ),
        "first words".into(),
    );
    Store::new(data.path(), &brief.id)
        .save(&mut note, None)
        .unwrap();
    let r = Reader::with_data(data.path(), 160, 48);
    assert!(r.state.notes.placing.is_none());
    assert_eq!(r.state.notes.placements.len(), 1);
    assert!(!r.state.notes.placements[0].is_orphan());
}
