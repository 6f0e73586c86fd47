//! `y` copies words with their citation through OSC 52 (queued for the run
//! loop, never written by `update`), and `a` on a selected key point notes
//! that whole key point.

mod common;

use base64::Engine as _;
use briefing::app::state::DetailItem;
use briefing::brief::TextRef;
use briefing::brief::citation::citation;
use common::Reader;
use ratatui::crossterm::event::KeyCode;

/// The texts an OSC 52 sequence carries.
fn decoded(sequence: &str) -> String {
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .expect("an OSC 52 sequence");
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn y_on_a_selected_excerpt_queues_its_quote_and_citation() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1");
    r.key(KeyCode::Tab);
    while !matches!(r.state.selected_item(), Some(DetailItem::Excerpt(_))) {
        r.keys("j");
    }
    let Some(DetailItem::Excerpt(x)) = r.state.selected_item() else {
        unreachable!()
    };
    assert!(r.state.outbox.is_empty());
    r.keys("y");
    assert_eq!(r.state.outbox.len(), 1, "one sequence queued");
    let text = decoded(&r.state.outbox[0]);
    let quote = r.state.brief.excerpts[x].quote.clone();
    let cite = citation(&r.state.brief, TextRef::Quote(x));
    assert_eq!(text, format!("“{quote}”\n— {cite}"));
    let source = &r.state.brief.sources[r.state.brief.excerpts[x].source];
    assert!(cite.contains(&source.title), "{cite}");
    assert!(cite.contains("In “"), "{cite}");
    let screen = r.screen();
    assert!(
        screen.contains(&format!(
            "copied to the terminal clipboard (OSC 52): {} characters",
            text.chars().count()
        )),
        "{screen}"
    );
}

#[test]
fn y_in_caret_mode_copies_the_selected_words() {
    let mut r = Reader::bundled(160, 48);
    r.select_key_point(1, 0);
    r.keys("vvwe");
    let selection = r
        .state
        .layers
        .caret
        .as_ref()
        .unwrap()
        .selection(&r.state.brief)
        .unwrap();
    let point = r.state.brief.factors[0].key_points[0].clone();
    let words: String = point
        .chars()
        .skip(selection.start)
        .take(selection.len())
        .collect();
    r.keys("y");
    let text = decoded(&r.state.outbox[0]);
    assert!(text.starts_with(&format!("“{words}”\n— ")), "{text}");
    assert!(text.ends_with("key point 1."), "{text}");
}

#[test]
fn y_with_nothing_to_copy_says_so_and_queues_nothing() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1y");
    assert!(r.state.outbox.is_empty());
    assert!(r.screen().contains("to copy"), "{}", r.screen());
}

#[test]
fn a_payload_over_the_limit_is_refused() {
    let mut r = Reader::bundled(160, 48);
    briefing::app::clipboard::copy(&mut r.state, &"x".repeat(100_001));
    assert!(r.state.outbox.is_empty());
    let notice = r.state.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("not copied: 100001 bytes"), "{notice}");
}

#[test]
fn a_on_a_selected_key_point_notes_the_whole_key_point() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.select_key_point(1, 1);
    assert_eq!(r.state.selected_item(), Some(DetailItem::KeyPoint(1)));
    r.keys("a");
    let point = r.state.brief.factors[0].key_points[1].clone();
    let editor = r.state.layers.editor().expect("editor open");
    assert_eq!(editor.quote.as_deref(), Some(point.as_str()));
    assert!(
        r.screen().contains("(key point 2, the whole text)"),
        "the header says what is noted: {}",
        r.screen()
    );
    for c in "whole point".chars() {
        r.key(KeyCode::Char(c));
    }
    r.ctrl('s');
    let passage = r.state.notes.notes[0]
        .target
        .passage
        .as_ref()
        .expect("a passage note");
    assert_eq!(passage.exact, point);
}

#[test]
fn a_on_a_selected_excerpt_still_notes_the_excerpt() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.keys("1");
    r.key(KeyCode::Tab);
    while !matches!(r.state.selected_item(), Some(DetailItem::Excerpt(_))) {
        r.keys("j");
    }
    r.keys("a");
    let editor = r.state.layers.editor().expect("editor open");
    assert!(editor.quote.is_none(), "an item note, not a passage");
    assert!(r.screen().contains("excerpt “"), "{}", r.screen());
}

#[test]
fn y_in_the_source_view_copies_the_current_excerpt() {
    let mut r = Reader::bundled(160, 48);
    r.select_first_excerpt(1).key(KeyCode::Enter);
    let current = r
        .state
        .layers
        .view
        .as_ref()
        .and_then(|v| v.current)
        .expect("the source view opens on the excerpt");
    r.keys("y");
    assert_eq!(r.state.outbox.len(), 1, "{}", r.screen());
    let quote = r.state.brief.excerpts[current].quote.clone();
    let cite = citation(&r.state.brief, TextRef::Quote(current));
    assert_eq!(decoded(&r.state.outbox[0]), format!("“{quote}”\n— {cite}"));
    assert!(
        r.state.layers.view.is_some(),
        "y leaves the source view open"
    );
}
