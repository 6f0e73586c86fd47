//! Remembered place: reopening a brief puts the person back where they were.

mod common;

use briefing::app::place;
use briefing::app::state::{Pane, Target};
use common::Reader;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_restart_lands_where_the_last_session_left_off() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Reader::bundled(160, 48);
    first.keys("3");
    first.key(KeyCode::Tab);
    first.keys("jjj");
    first.keys("c");
    first.keys("/");
    first.keys("Bagram");
    first.key(KeyCode::Enter);
    let scroll = first.state.detail.scroll;
    let selected = first.state.detail.selected;
    let target = first.state.target;
    place::save(data.path(), &first.state).unwrap();

    let mut second = Reader::bundled(160, 48);
    place::restore(data.path(), &mut second.state);
    second.draw();
    assert_eq!(second.state.target, target);
    assert_eq!(second.state.focus, Pane::Detail);
    assert_eq!(second.state.detail.scroll, scroll);
    assert_eq!(second.state.detail.selected, selected);
    assert!(second.state.chronology.all);
    assert_eq!(
        second.state.search.query.as_ref().map(|q| q.text.as_str()),
        Some("Bagram")
    );
    assert!(
        !second.state.search.hits.is_empty(),
        "the last search is back"
    );
    assert_eq!(second.state.search.history, ["Bagram"]);
}

#[test]
fn an_open_event_and_source_view_come_back() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Reader::bundled(120, 40);
    first.keys("1");
    first.key(KeyCode::BackTab);
    first.keys("jj");
    first.key(KeyCode::Enter);
    let Target::Event(event) = first.state.target else {
        panic!("an event is open")
    };
    place::save(data.path(), &first.state).unwrap();
    let mut second = Reader::bundled(120, 40);
    place::restore(data.path(), &mut second.state);
    assert_eq!(second.state.target, Target::Event(event));
    second.key(KeyCode::Esc);
    assert_eq!(
        second.state.target,
        Target::Factor(0),
        "Esc still goes back to the factor"
    );

    first.key(KeyCode::Esc);
    first.select_first_excerpt(1);
    first.keys("s]");
    let current = first.state.layers.view.as_ref().unwrap().current;
    place::save(data.path(), &first.state).unwrap();
    let mut third = Reader::bundled(120, 40);
    place::restore(data.path(), &mut third.state);
    third.draw();
    assert_eq!(
        third.state.layers.view.as_ref().map(|v| v.current),
        Some(current)
    );
}

#[test]
fn a_brief_that_changed_falls_back_gracefully() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Reader::bundled(80, 24);
    first.keys("9");
    first.key(KeyCode::Tab);
    first.keys("GGG");
    place::save(data.path(), &first.state).unwrap();

    // The same brief id, with the last factor and most text gone.
    let mut state = Reader::bundled(80, 24).state;
    state.brief.factors.truncate(3);
    for excerpt in &mut state.brief.excerpts {
        excerpt.factors.retain(|&f| f < 3);
    }
    state.brief.links = briefing::brief::model::Links::build(
        3,
        &state.brief.events,
        &state.brief.excerpts,
        state.brief.sources.len(),
    );
    let mut second = Reader::new(state, 80, 24);
    place::restore(data.path(), &mut second.state);
    second.draw();
    assert_eq!(second.state.target, Target::Overview);
    assert!(second.state.detail.scroll <= second.state.detail.doc.height());
    assert!(second.screen().contains("Overview"));
}

#[test]
fn a_damaged_state_file_is_ignored_with_a_notice() {
    let data = tempfile::tempdir().unwrap();
    let path = place::path(data.path(), "afpak-2025").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "version = 1\nfactor = [[[ not toml").unwrap();
    let mut reader = Reader::bundled(80, 24);
    place::restore(data.path(), &mut reader.state);
    reader.draw();
    assert_eq!(reader.state.target, Target::Overview);
    assert!(reader.screen().contains("damaged"), "{}", reader.screen());
    // Saving replaces it with a good one.
    place::save(data.path(), &reader.state).unwrap();
    assert!(place::load(data.path(), "afpak-2025").unwrap().is_some());
}
