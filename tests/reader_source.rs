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

#[test]
fn lines_keep_a_readable_measure_and_paragraphs_stand_apart() {
    let mut r = source_view(200, 50);
    r.keys("g");
    let rows = r.source_text_rows();
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
    // At the top (scrolled there): the first excerpt below the top.
    let first = r.state.laid_out.source.excerpts[0];
    r.keys("]");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(first));
    // Then through every excerpt, and round to the first with a notice.
    let count = r.state.laid_out.source.excerpts.len();
    for _ in 1..count {
        r.keys("]");
    }
    let last = *r.state.laid_out.source.excerpts.last().unwrap();
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
    let top = r.state.layers.view.as_ref().unwrap().scroll;
    let laid = &r.state.laid_out.source;
    let expected = laid
        .excerpt_rows
        .iter()
        .position(|&row| row >= top)
        .map(|i| laid.excerpts[i]);
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
    let top = r.source_text_rows()[0].clone();
    for (w, h) in [(200, 50), (40, 10), (90, 30), (120, 40)] {
        r.resize(w, h);
    }
    let rows = r.source_text_rows();
    assert_eq!(rows[0], top, "{}", r.screen());
}

#[test]
fn resizing_keeps_the_selected_excerpt_in_view_in_the_detail_pane() {
    let mut r = Reader::bundled(120, 40);
    r.select_first_excerpt(1);
    let points = r.state.brief.factors[0].key_points.len();
    r.keys(&"j".repeat(4));
    let _ = points;
    let selected = r
        .state
        .reading
        .detail
        .selected
        .expect("an item is selected");
    for (w, h) in [(200, 50), (60, 16), (120, 40)] {
        r.resize(w, h);
        let rows = r.state.laid_out.detail.doc.items[selected].clone();
        let scroll = r.state.reading.detail.scroll;
        let height =
            briefing::app::layout::text_area(r.state.laid_out.screen.detail).height as usize;
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
        assert!(r.state.laid_out.screen.source_footer.height > 0, "a footer");
        insta::assert_snapshot!(format!("source_footer_{w}x{h}"), r.screen());
    }
}

/// A brief whose one source has a long first paragraph with an excerpt's
/// passage far into it, then a short paragraph with a second excerpt.
fn mid_paragraph_reader(width: u16, height: u16) -> Reader {
    use briefing::app::location::{Location, Record, go};
    let before = "Lorem ipsum dolor sit amet. ".repeat(220);
    let after = "Consectetur adipiscing elit. ".repeat(150);
    let source = format!(
        "{before}The crossing stayed closed for weeks. {after}\nTrade resumed in spring.\n"
    );
    let text = r#"format = 1

[brief]
id = "mid"
title = "Mid-paragraph"
as_of = 2025-11-30
summary = "A passage deep inside a paragraph."

[[sources]]
id = "report"
title = "The report"
file = "source.txt"

[[factors]]
id = "trade"
title = "Trade"
summary = "Trade."
key_points = ["Closed, then open."]

[[excerpts]]
id = "closed"
source = "report"
quote = "The crossing stayed closed for weeks."
factors = ["trade"]

[[excerpts]]
id = "resumed"
source = "report"
quote = "Trade resumed in spring."
factors = ["trade"]
"#;
    let files = common::MemoryFiles(vec![("source.txt".into(), source)]);
    let loaded = briefing::brief::load::load_text("mid.toml", text.to_string(), &files);
    let brief = loaded.brief.expect("the brief loads");
    let state = briefing::app::State::open(brief, 0, Default::default());
    let mut r = Reader::new(state, width, height);
    let to = Location::Source {
        source: 0,
        excerpt: None,
        offset: None,
    };
    assert!(go(&mut r.state, to, Record::Yes));
    r.draw();
    r
}

#[test]
fn next_excerpt_after_g_finds_a_passage_that_starts_mid_paragraph() {
    let mut r = mid_paragraph_reader(120, 40);
    let laid = &r.state.laid_out.source;
    let (closed, resumed) = (laid.excerpts[0], laid.excerpts[1]);
    // The passage's own row, not its paragraph's first.
    let row = laid.excerpt_rows[0];
    assert!(row > 20, "the passage is deep in its paragraph (row {row})");
    // From the top: the first excerpt.
    r.keys("g]");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(closed));
    assert!(
        r.source_text_rows()
            .iter()
            .any(|l| l.contains("The crossing")),
        "the passage is on screen:\n{}",
        r.screen()
    );
    // Scrolled into its paragraph, above the passage: still that excerpt,
    // not the next paragraph's.
    r.keys("gjjj]");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(closed));
    assert!(
        r.source_text_rows()
            .iter()
            .any(|l| l.contains("The crossing")),
        "{}",
        r.screen()
    );
    // Below the passage: the next one.
    let below = r.state.laid_out.source.excerpt_rows[0] + 1;
    r.keys("g");
    r.keys(&"j".repeat(below));
    r.keys("]");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(resumed));
    // And `[` from there goes back to the passage above the top.
    r.keys("g");
    r.keys(&"j".repeat(below));
    r.keys("[");
    assert_eq!(r.state.layers.view.as_ref().unwrap().current, Some(closed));
}

/// Whether the detail's selected item starts on screen.
fn selection_on_screen(r: &Reader) -> bool {
    let Some(selected) = r.state.reading.detail.selected else {
        return false;
    };
    let rows = r.state.laid_out.detail.doc.items[selected].clone();
    let scroll = r.state.reading.detail.scroll;
    let height = briefing::app::layout::text_area(r.state.laid_out.screen.detail).height as usize;
    rows.start >= scroll && rows.start < scroll + height
}

#[test]
fn a_height_only_resize_keeps_the_selected_excerpt_in_view() {
    // Each path ends at a height the selection would fall below unless
    // the detail scrolls to it; one goes through a too-small screen.
    for path in [
        &[(120, 40), (120, 20)][..],
        &[(200, 50), (200, 18)][..],
        &[(120, 40), (120, 10), (120, 20)][..],
        &[(120, 40), (200, 18), (120, 18)][..],
    ] {
        let mut r = Reader::bundled(path[0].0, path[0].1);
        r.select_first_excerpt(1);
        // Down to an item well below the top of the pane.
        let height =
            briefing::app::layout::text_area(r.state.laid_out.screen.detail).height as usize;
        while let Some(s) = r.state.reading.detail.selected {
            let start = r.state.laid_out.detail.doc.items[s].start;
            if start >= r.state.reading.detail.scroll + height * 2 / 3
                || s + 1 >= r.state.laid_out.detail.items.len()
            {
                break;
            }
            r.keys("j");
        }
        let selected = r.state.reading.detail.selected;
        for &(w, h) in &path[1..] {
            r.resize(w, h);
        }
        assert_eq!(r.state.reading.detail.selected, selected, "{path:?}");
        assert!(
            selection_on_screen(&r),
            "{path:?}: the selection is off screen\n{}",
            r.screen()
        );
    }
}

/// The source view's document is kept when the view closes: opening a
/// source again, after another source, a resize or a new note, shows
/// exactly what opening it first would.
#[test]
fn reopening_a_source_shows_what_a_first_opening_would() {
    let source_of = |r: &Reader| r.state.layers.view.as_ref().map(|v| v.source);
    let mut r = source_view(120, 40);
    let first = source_of(&r);
    r.keys("q");
    assert!(r.state.layers.view.is_none(), "{}", r.screen());
    // Another source in between: the first excerpt, going down, that
    // quotes another one.
    r.select_first_excerpt(1);
    for _ in 0..500 {
        if let Some(briefing::app::state::DetailItem::Excerpt(e)) = r.state.selected_item()
            && Some(r.state.brief.excerpts[e].source) != first
        {
            break;
        }
        r.keys("j");
    }
    r.key(KeyCode::Enter);
    let other = source_of(&r);
    assert!(other.is_some() && other != first, "{}", r.screen());
    // Its own text, not the first source's kept document.
    let current = r.state.layers.view.as_ref().and_then(|v| v.current);
    let quote = &r.state.brief.excerpts[current.expect("an excerpt")].quote;
    let words: Vec<&str> = quote.split_whitespace().take(3).collect();
    assert!(
        r.screen().contains(&words.join(" ")),
        "{words:?}\n{}",
        r.screen()
    );
    r.keys("q2");
    r.select_first_excerpt(1).key(KeyCode::Enter);
    assert_eq!(r.screen(), source_view(120, 40).screen());
    // A resize while the view is closed.
    r.keys("q2");
    r.resize(100, 30);
    r.select_first_excerpt(1).key(KeyCode::Enter);
    assert_eq!(r.screen(), source_view(100, 30).screen());
}

/// The reading place keeps the source view's top by its words: reopened
/// at another terminal size, the same words are on top, as after a
/// resize.
#[test]
fn a_saved_source_place_keeps_its_words_on_top_at_another_size() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 120, 40);
    r.select_first_excerpt(1).key(KeyCode::Enter);
    r.keys("gjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    let top = r
        .source_text_rows()
        .into_iter()
        .find(|row| !row.is_empty())
        .expect("text in view");
    let word = top.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    briefing::app::place::save(data.path(), &r.state).unwrap();

    let again = Reader::with_data(data.path(), 90, 30);
    assert!(again.state.layers.view.is_some(), "{}", again.screen());
    let first = again
        .source_text_rows()
        .into_iter()
        .find(|row| !row.is_empty())
        .expect("text in view");
    assert!(
        first.contains(&word),
        "{word:?} not on top:\n{}",
        again.screen()
    );
}
