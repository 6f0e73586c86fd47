//! Hostile content and odd screens: no key panics, nothing unsafe reaches
//! the screen, and a too-small or too-large screen ignores keys.

mod common;

use briefing::text::sanitize::is_unsafe;
use common::{Reader, hostile_brief, hostile_texts};
use ratatui::crossterm::event::KeyCode;

fn assert_screen_safe(r: &Reader) {
    let screen = r.screen();
    assert!(
        !screen.chars().any(|c| is_unsafe(c) && c != '\n'),
        "an unsafe character reached the screen:\n{screen}"
    );
}

#[test]
fn visual_mode_over_wide_text_after_a_replaced_character_does_not_panic() {
    for hostile in hostile_texts() {
        let mut r = Reader::new(hostile_brief(&hostile), 100, 30);
        r.keys("1").key(KeyCode::Tab).keys("v");
        for _ in 0..8 {
            r.keys("j");
            assert_screen_safe(&r);
        }
        r.keys("kkkkwwwbbbeee$0llhh").key(KeyCode::Esc);
        assert_screen_safe(&r);
    }
}

#[test]
fn visual_mode_in_a_source_with_a_replaced_character_does_not_panic() {
    for hostile in hostile_texts() {
        let mut r = Reader::new(hostile_brief(&hostile), 100, 30);
        // The excerpt, then its source view.
        r.select_first_excerpt(1).key(KeyCode::Enter);
        assert!(r.state.layers.view.is_some());
        r.keys("Gv");
        for _ in 0..6 {
            r.keys("k");
            assert_screen_safe(&r);
        }
        r.keys("gvjjjj");
        assert_screen_safe(&r);
    }
}

#[test]
fn visual_mode_after_a_too_small_screen_in_the_source_view_does_not_panic() {
    for (width, height) in [(80, 24), (100, 30), (160, 48)] {
        let mut r = Reader::bundled(width, height);
        // As the review found it: Tab, Space, Enter opens a source's view
        // from the overview; otherwise an excerpt's source view.
        r.key(KeyCode::Tab).keys(" ").key(KeyCode::Enter);
        if r.state.layers.view.is_none() {
            r.key(KeyCode::Esc)
                .select_first_excerpt(1)
                .key(KeyCode::Enter);
        }
        assert!(r.state.layers.view.is_some(), "{}", r.screen());
        r.resize(40, 10);
        r.keys("Gv");
        r.resize(width, height);
        r.keys("Gvjjkk");
        assert_screen_safe(&r);
    }
}

#[test]
fn inputs_show_control_characters_as_symbols() {
    // A search history entry holding an escape sequence, recalled with ↑.
    let mut r = Reader::bundled(100, 30);
    r.state.search.history = vec!["a\u{1b}]0;T\u{7}b".to_string()];
    r.keys("/").key(KeyCode::Up);
    assert!(r.screen().contains("/a␛]0;T␇b"), "{}", r.screen());
    assert_screen_safe(&r);
    r.key(KeyCode::Esc);

    // A note body holding one, opened in the editor.
    let data = tempfile::tempdir().unwrap();
    r.state.opening.data_dir = Some(data.path().to_path_buf());
    briefing::app::notes::load(&mut r.state);
    r.keys("a");
    let editor = r.state.layers.editor_mut().expect("the editor opened");
    editor.input.insert_str("x\u{1b}]0;T\u{7}y");
    r.draw();
    assert!(r.screen().contains("x␛]0;T␇y"), "{}", r.screen());
    assert_screen_safe(&r);
}
