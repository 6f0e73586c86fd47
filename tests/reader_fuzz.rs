//! No sequence of keys, pastes, mouse events and resizes makes the reader
//! panic or leaves its layers out of shape,
//! on the bundled brief or on one full of hostile text (characters the
//! sanitiser replaces next to wide text that wraps, in every field and in
//! the source text), on screens too small, ordinary and too large; and no
//! unsafe character ever reaches the screen.

mod common;

use briefing::text::sanitize::is_unsafe;
use common::{Reader, hostile_brief, hostile_texts};
use proptest::prelude::*;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Click(u16, u16),
    Wheel(u16, u16, bool),
    Resize(u16, u16),
    Paste(String),
}

fn input() -> impl Strategy<Value = Input> {
    let chars = "jkgGbn N0123456789[]sczvaeudm?/:o qQwhl(){}$xyYTd";
    let keys = prop_oneof![
        proptest::sample::select(chars.chars().collect::<Vec<_>>()).prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::PageDown),
        Just(KeyCode::PageUp),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::F(1)),
    ];
    prop_oneof![
        8 => (keys, proptest::sample::select(vec![KeyModifiers::NONE, KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT]))
            .prop_map(|(k, m)| Input::Key(k, m)),
        1 => (0u16..200, 0u16..60).prop_map(|(x, y)| Input::Click(x, y)),
        1 => (0u16..200, 0u16..60, any::<bool>()).prop_map(|(x, y, d)| Input::Wheel(x, y, d)),
        1 => (0u16..200, 0u16..60).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => "[a-z \n\r\t\u{1b}é]{0,40}".prop_map(Input::Paste),
        // Too small for the reader in one direction, or too large.
        1 => prop_oneof![
            (0u16..60, 0u16..80),
            (60u16..200, 0u16..16),
            (1001u16..1100, 10u16..40),
            (60u16..80, 501u16..520),
        ].prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    // PROPTEST_CASES raises the count for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_input_sequence_is_handled(
        content in proptest::option::of(0..hostile_texts().len()),
        inputs in proptest::collection::vec(input(), 1..120),
    ) {
        let data = tempfile::tempdir().unwrap();
        let mut r = match content {
            None => Reader::bundled(100, 30),
            Some(i) => Reader::new(hostile_brief(&hostile_texts()[i]), 100, 30),
        };
        r.state.opening.data_dir = Some(data.path().to_path_buf());
        briefing::app::notes::load(&mut r.state);
        for input in inputs {
            let before = format!("{input:?}");
            match input {
                Input::Key(code, modifiers) => {
                    // `q` and Ctrl-c quit the real loop; keep going here.
                    r.event(Event::Key(KeyEvent::new(code, modifiers)));
                    r.state.quit = false;
                }
                Input::Click(column, row) => {
                    r.event(Event::Mouse(MouseEvent {
                        kind: MouseEventKind::Down(MouseButton::Left),
                        column,
                        row,
                        modifiers: KeyModifiers::NONE,
                    }));
                }
                Input::Wheel(column, row, down) => {
                    let kind = if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp };
                    r.event(Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }));
                }
                Input::Resize(width, height) => {
                    r.resize(width, height);
                }
                Input::Paste(text) => {
                    r.event(Event::Paste(text));
                }
            }
            if let Err(problem) = briefing::app::layers::check(&r.state) {
                panic!("after {before}: {problem}; layers {:?}", r.state.layers.stack());
            }
            let screen = r.screen();
            prop_assert!(
                !screen.chars().any(|c| is_unsafe(c) && c != '\n'),
                "an unsafe character reached the screen"
            );
        }
    }
}
