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
    let scroll = first.state.reading.detail.scroll;
    let selected = first.state.reading.detail.selected;
    let target = first.state.reading.target;
    place::save(data.path(), &first.state).unwrap();

    let mut second = Reader::bundled(160, 48);
    place::restore(data.path(), &mut second.state);
    second.draw();
    assert_eq!(second.state.reading.target, target);
    assert_eq!(second.state.reading.focus, Pane::Detail);
    assert_eq!(second.state.reading.detail.scroll, scroll);
    assert_eq!(second.state.reading.detail.selected, selected);
    assert!(second.state.reading.chronology.all);
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
    let Target::Event(event) = first.state.reading.target else {
        panic!("an event is open")
    };
    place::save(data.path(), &first.state).unwrap();
    let mut second = Reader::bundled(120, 40);
    place::restore(data.path(), &mut second.state);
    assert_eq!(second.state.reading.target, Target::Event(event));
    second.key(KeyCode::Esc);
    assert_eq!(
        second.state.reading.target,
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
    let brief = std::sync::Arc::make_mut(&mut state.brief);
    brief.factors.truncate(3);
    for excerpt in &mut brief.excerpts {
        excerpt.factors.retain(|&f| f < 3);
    }
    brief.links = briefing::brief::model::Links::build(
        3,
        &brief.events,
        &brief.excerpts,
        brief.sources.len(),
    );
    let mut second = Reader::new(state, 80, 24);
    place::restore(data.path(), &mut second.state);
    second.draw();
    assert_eq!(second.state.reading.target, Target::Overview);
    assert!(second.state.reading.detail.scroll <= second.state.laid_out.detail.doc.height());
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
    assert_eq!(reader.state.reading.target, Target::Overview);
    assert!(reader.screen().contains("damaged"), "{}", reader.screen());
    // Saving replaces it with a good one.
    place::save(data.path(), &reader.state).unwrap();
    assert!(place::load(data.path(), "afpak-2025").unwrap().is_some());
}

#[cfg(unix)]
#[test]
fn a_fifo_state_file_does_not_hang_start_up() {
    let data = tempfile::tempdir().unwrap();
    let path = place::path(data.path(), "afpak-2025").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    common::mkfifo(&path);
    let dir = data.path().to_path_buf();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(place::load(&dir, "afpak-2025"));
    });
    let result = receive
        .recv_timeout(std::time::Duration::from_secs(2))
        .expect("reading a FIFO state file blocked");
    let notice = result.unwrap_err();
    assert!(notice.contains("FIFO"), "{notice}");
}

#[cfg(unix)]
#[test]
fn a_linked_state_folder_is_neither_read_nor_written_through() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let reader = Reader::bundled(80, 24);
    place::save(outside.path(), &reader.state).unwrap();
    std::os::unix::fs::symlink(outside.path().join("state"), data.path().join("state")).unwrap();
    let notice = place::load(data.path(), "afpak-2025").unwrap_err();
    assert!(notice.contains("link"), "{notice}");
    let before = std::fs::read(outside.path().join("state/afpak-2025.toml")).unwrap();
    assert!(place::save(data.path(), &reader.state).is_err());
    let after = std::fs::read(outside.path().join("state/afpak-2025.toml")).unwrap();
    assert_eq!(before, after);
    // A linked state file is replaced, never written through.
    std::fs::remove_file(data.path().join("state")).unwrap();
    std::fs::create_dir(data.path().join("state")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("state/afpak-2025.toml"),
        data.path().join("state/afpak-2025.toml"),
    )
    .unwrap();
    assert!(place::load(data.path(), "afpak-2025").is_err());
    place::save(data.path(), &reader.state).unwrap();
    assert!(!data.path().join("state/afpak-2025.toml").is_symlink());
    let after = std::fs::read(outside.path().join("state/afpak-2025.toml")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn the_search_history_keeps_the_last_hundred_entries() {
    let data = tempfile::tempdir().unwrap();
    let path = place::path(data.path(), "afpak-2025").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let history: Vec<String> = (0..5000).map(|i| format!("\"q{i}\"")).collect();
    std::fs::write(
        &path,
        format!("version = 1\nhistory = [{}]\n", history.join(", ")),
    )
    .unwrap();
    let mut reader = Reader::bundled(80, 24);
    place::restore(data.path(), &mut reader.state);
    let kept = &reader.state.search.history;
    assert_eq!(kept.len(), place::MAX_HISTORY);
    assert_eq!(kept.first().unwrap(), "q4900");
    assert_eq!(kept.last().unwrap(), "q4999");
    reader.state.search.history.push("one more".into());
    place::save(data.path(), &reader.state).unwrap();
    let saved = place::load(data.path(), "afpak-2025").unwrap().unwrap();
    assert_eq!(saved.history.len(), place::MAX_HISTORY);
    assert_eq!(saved.history.last().unwrap(), "one more");
}

#[test]
fn searches_in_one_session_keep_the_last_hundred_in_the_history() {
    let mut reader = Reader::bundled(80, 24);
    for i in 0..(place::MAX_HISTORY + 20) {
        reader.keys(&format!("/q{i}"));
        reader.key(KeyCode::Enter);
    }
    let kept = &reader.state.search.history;
    assert_eq!(kept.len(), place::MAX_HISTORY);
    assert_eq!(kept.first().unwrap(), "q20");
    assert_eq!(kept.last().unwrap(), "q119");
    // ↑ still recalls the latest one.
    reader.keys("/");
    reader.key(KeyCode::Up);
    assert_eq!(briefing::app::search::input_text(&reader.state), "q119");
}
