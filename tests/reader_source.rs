//! The source view as a place to read evidence: a readable measure,
//! paragraphs apart, the current excerpt's annotation in a footer, `]`/`[`
//! from where you are, and the same words on top through any resize.

mod common;

use common::Reader;
use ratatui::crossterm::event::KeyCode;

/// The bundled brief's first factor, first excerpt, in its source view.
fn source_view(width: u16, height: u16) -> Reader {
    let mut r = Reader::bundled(width, height);
    r.select_first_excerpt(1).key(KeyCode::Enter);
    assert!(r.state.layers.view.is_some(), "{}", r.screen());
    r
}

/// The text rows of the source view (inside its border), trimmed.
fn text_rows(r: &Reader) -> Vec<String> {
    let area = r.state.screen.source_text;
    (area.y..area.y + area.height)
        .map(|y| {
            (area.x..area.x + area.width)
                .map(|x| r.buffer()[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn lines_keep_a_readable_measure_and_paragraphs_stand_apart() {
    let mut r = source_view(200, 50);
    r.keys("g");
    let rows = text_rows(&r);
    let longest = rows
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .max();
    assert!(longest.unwrap_or(0) <= 100, "{longest:?}\n{}", r.screen());
    // Every line break of the seed starts a paragraph, one blank row apart
    // (seed 000 has one paragraph per line and no blank lines).
    let heading = rows
        .iter()
        .position(|l| l == "The Terrorism Factor")
        .expect("heading shown");
    assert_eq!(rows[heading - 1], "", "{}", r.screen());
    assert_eq!(rows[heading + 1], "", "{}", r.screen());
    assert!(
        !rows.windows(2).any(|w| w[0].is_empty() && w[1].is_empty()),
        "{}",
        r.screen()
    );
}

#[test]
fn the_footer_shows_the_current_excerpts_annotation_and_factors() {
    let r = source_view(120, 40);
    let excerpt = &r.state.brief.excerpts[r.state.layers.view.as_ref().unwrap().current.unwrap()];
    let first_words: String = excerpt
        .annotation
        .as_deref()
        .unwrap()
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    let screen = r.screen();
    assert!(screen.contains(&first_words), "{first_words:?}\n{screen}");
    assert!(screen.contains("Factors: Terrorism"), "{screen}");
}

#[test]
fn next_excerpt_goes_to_the_first_below_the_top_and_wraps_with_a_notice() {
    let mut r = source_view(120, 40);
    r.keys("g");
    let view = r.state.layers.view.as_ref().unwrap();
    // At the top (scrolled there): the first excerpt below the top.
    let first = view.excerpts[0];
    r.keys("]");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(first));
    // Then through every excerpt, and round to the first with a notice.
    let count = r.state.layers.view.as_ref().unwrap().excerpts.len();
    for _ in 1..count {
        r.keys("]");
    }
    let last = *r
        .state
        .layers
        .view
        .as_ref()
        .unwrap()
        .excerpts
        .last()
        .unwrap();
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(last));
    r.keys("]");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(first));
    assert!(r.screen().contains("back to the first"), "{}", r.screen());
    // `[` from the first wraps to the last.
    r.keys("[");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(last));
    assert!(r.screen().contains("on to the last"), "{}", r.screen());
}

#[test]
fn next_excerpt_after_scrolling_goes_to_what_follows_the_screen() {
    let mut r = source_view(120, 40);
    r.keys("G");
    let view = r.state.layers.view.as_ref().unwrap();
    let top = view.scroll;
    let expected = view
        .excerpt_rows
        .iter()
        .position(|&row| row >= top)
        .map(|i| view.excerpts[i]);
    r.keys("]");
    if let Some(expected) = expected {
        assert_eq!(
            r.state.layers.view.as_ref().unwrap().current,
            Some(expected)
        );
    } else {
        assert!(r.screen().contains("back to the first"), "{}", r.screen());
    }
}

#[test]
fn resizing_keeps_the_same_words_on_top() {
    let mut r = source_view(120, 40);
    r.keys("jjjjjjjjjjjj");
    let top = text_rows(&r)[0].clone();
    for (w, h) in [(200, 50), (40, 10), (90, 30), (120, 40)] {
        r.resize(w, h);
    }
    let rows = text_rows(&r);
    assert_eq!(rows[0], top, "{}", r.screen());
}

#[test]
fn resizing_keeps_the_selected_excerpt_in_view_in_the_detail_pane() {
    let mut r = Reader::bundled(120, 40);
    r.select_first_excerpt(1);
    let points = r.state.brief.factors[0].key_points.len();
    r.keys(&"j".repeat(4));
    let _ = points;
    let selected = r.state.detail.selected.expect("an item is selected");
    for (w, h) in [(200, 50), (60, 16), (120, 40)] {
        r.resize(w, h);
        let rows = r.state.detail.doc.items[selected].clone();
        let scroll = r.state.detail.scroll;
        let height = briefing::app::layout::text_area(r.state.screen.detail).height as usize;
        assert!(
            rows.start >= scroll && rows.start < scroll + height,
            "at {w}x{h} the selection (rows {rows:?}) is off screen (scroll {scroll}, {height} rows)"
        );
    }
}

#[test]
fn snapshots_of_the_source_view_with_its_footer_at_wide_sizes() {
    for (w, h) in [(120, 40), (200, 50)] {
        let r = source_view(w, h);
        assert!(r.state.screen.source_footer.height > 0, "a footer");
        insta::assert_snapshot!(format!("source_footer_{w}x{h}"), r.screen());
    }
}
