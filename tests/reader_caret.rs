//! Caret mode: a caret that visits the texts a note can anchor to, a
//! selection dropped anywhere in one text, notes on exactly those words,
//! and moving a note to other words.

mod common;

use briefing::brief::TextRef;
use common::Reader;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.key(KeyCode::Char(c));
    }
}

/// The status bar's badge: its first word.
fn badge(r: &Reader) -> String {
    let screen = r.screen();
    let last = screen.lines().last().unwrap_or_default().to_string();
    last.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The underlined runs of the detail pane, row by row, joined with a
/// space: what a person sees underlined as noted, as one string (links are
/// underlined too, in their own colour: they are left out).
fn underlined(r: &Reader) -> String {
    let buffer = r.buffer();
    let detail = r.state.laid_out.screen.detail;
    let mut rows = Vec::new();
    for y in detail.y..detail.y + detail.height {
        let row: String = (detail.x..detail.x + detail.width)
            .filter(|&x| {
                let cell = &buffer[(x, y)];
                cell.modifier.contains(Modifier::UNDERLINED) && cell.fg != Color::LightBlue
            })
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if !row.trim().is_empty() {
            rows.push(row.trim().to_string());
        }
    }
    rows.join(" ")
}

/// The words of `text` from word `from` (0-based) to word `to` included,
/// as written (words split at spaces: the texts used here have plain
/// words).
fn words(text: &str, from: usize, to: usize) -> String {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| c != ' ' && (i == 0 || text[..i].ends_with(' ')))
        .map(|(i, _)| i)
        .collect();
    let start = starts[from];
    let end = text[starts[to]..]
        .find([' ', ',', '.', ';'])
        .map_or(text.len(), |e| starts[to] + e);
    text[start..end].to_string()
}

/// The reversed cells of the detail pane, spaces left out.
fn reversed(r: &Reader) -> String {
    let buffer = r.buffer();
    let detail = r.state.laid_out.screen.detail;
    let mut out = String::new();
    for y in detail.y..detail.y + detail.height {
        for x in detail.x..detail.x + detail.width {
            if buffer[(x, y)].modifier.contains(Modifier::REVERSED) {
                out.push_str(buffer[(x, y)].symbol());
            }
        }
    }
    out.split_whitespace().collect()
}

fn note_and_save(r: &mut Reader, body: &str) {
    r.keys("a");
    assert!(r.state.layers.editor().is_some(), "{}", r.screen());
    type_text(r, body);
    r.ctrl('s');
    assert!(r.screen().contains("note saved"), "{}", r.screen());
}

#[test]
fn a_passage_in_the_middle_of_an_annotation_is_noted_and_exactly_its_words_underlined() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.select_first_excerpt(1);
    let Some(briefing::app::state::DetailItem::Excerpt(x)) = r.state.selected_item() else {
        panic!("an excerpt is selected");
    };
    let annotation = r.state.brief.excerpts[x]
        .annotation
        .clone()
        .expect("annotated");
    r.keys("v");
    assert_eq!(badge(&r), "CARET");
    // The caret starts on the quote; `}` leaves its one paragraph for the
    // next text, the annotation; two words on, the anchor; two word ends.
    r.keys("}");
    assert_eq!(
        r.state.layers.caret.as_ref().unwrap().text,
        TextRef::Annotation(x)
    );
    r.keys("ww").keys("v").keys("ee");
    assert_eq!(badge(&r), "SELECT");
    let expected = words(&annotation, 2, 3);
    note_and_save(&mut r, "why these words?");
    let note = &r.state.notes.notes[0];
    assert_eq!(note.target.passage.as_ref().unwrap().exact, expected);
    assert_eq!(underlined(&r), expected, "{}", r.screen());
    // Opened again: the same words, underlined.
    let mut again = Reader::with_data(data.path(), 160, 48);
    again.select_first_excerpt(1);
    assert_eq!(underlined(&again), expected, "{}", again.screen());
}

#[test]
fn a_passage_in_the_middle_of_a_factor_summary_is_noted_and_exactly_its_words_underlined() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.keys("1").key(KeyCode::Tab);
    let summary = r.state.brief.factors[0].summary.clone();
    // `g` goes to the first text shown (the title), `}` on to the summary.
    r.keys("vg}");
    assert_eq!(
        r.state.layers.caret.as_ref().unwrap().text,
        TextRef::FactorSummary(0)
    );
    r.keys("www ").keys("ee");
    let expected = words(&summary, 3, 4);
    note_and_save(&mut r, "sourced?");
    assert_eq!(
        r.state.notes.notes[0]
            .target
            .passage
            .as_ref()
            .unwrap()
            .exact,
        expected
    );
    assert_eq!(underlined(&r), expected, "{}", r.screen());
}

#[test]
fn a_selection_stops_at_the_end_of_its_text_and_says_so() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1").key(KeyCode::Tab);
    // The first key point (the summary's citation marks come first).
    while r.state.selected_item() != Some(briefing::app::state::DetailItem::KeyPoint(0)) {
        r.keys("j");
    }
    let point = r.state.brief.factors[0].key_points[0].clone();
    r.keys("vv}");
    let caret = r.state.layers.caret.clone().unwrap();
    assert_eq!(
        caret.text,
        TextRef::KeyPoint(0, 0),
        "still in the key point"
    );
    assert_eq!(
        caret.cursor,
        point.trim_end().len() - 1,
        "on its last character"
    );
    assert!(
        r.screen().contains("stays inside one text"),
        "{}",
        r.screen()
    );
    // Without a selection the caret goes on to the next key point.
    r.key(KeyCode::Esc).keys("}");
    assert_eq!(
        r.state.layers.caret.as_ref().unwrap().text,
        TextRef::KeyPoint(0, 1)
    );
}

#[test]
fn o_swaps_the_ends_and_esc_steps_back_one_level_at_a_time() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1").key(KeyCode::Tab).keys("j");
    r.keys("vwvww");
    let before = r.state.layers.caret.clone().unwrap();
    r.keys("o");
    let after = r.state.layers.caret.clone().unwrap();
    assert_eq!(after.cursor, before.anchor.unwrap());
    assert_eq!(after.anchor, Some(before.cursor));
    // Extending from the other end: back a word.
    r.keys("b");
    let grown = r.state.layers.caret.clone().unwrap();
    assert!(grown.cursor < after.cursor);
    r.key(KeyCode::Esc);
    assert_eq!(badge(&r), "CARET");
    r.key(KeyCode::Esc);
    assert_eq!(badge(&r), "DETAIL");
    assert!(r.state.layers.caret.is_none());
}

#[test]
fn the_caret_crosses_texts_down_by_display_rows_skipping_labels() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1").key(KeyCode::Tab);
    r.keys("vg");
    let mut seen = vec![r.state.layers.caret.as_ref().unwrap().text];
    for _ in 0..40 {
        r.keys("j");
        let text = r.state.layers.caret.as_ref().unwrap().text;
        if seen.last() != Some(&text) {
            seen.push(text);
        }
    }
    assert_eq!(seen[0], TextRef::FactorTitle(0));
    assert_eq!(seen[1], TextRef::FactorSummary(0));
    assert_eq!(
        seen[2],
        TextRef::KeyPoint(0, 0),
        "past the “Key points” label"
    );
    assert!(seen.contains(&TextRef::KeyPoint(0, 1)));
}

#[test]
fn a_with_only_a_caret_on_a_quote_notes_the_whole_quote() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.select_first_excerpt(1);
    let Some(briefing::app::state::DetailItem::Excerpt(x)) = r.state.selected_item() else {
        panic!("an excerpt is selected");
    };
    r.keys("v");
    assert_eq!(
        r.state.layers.caret.as_ref().unwrap().text,
        TextRef::Quote(x)
    );
    r.keys("a");
    let editor = r.state.layers.editor().expect("editor open");
    assert!(
        editor.label.contains("(quote, the whole text)"),
        "{}",
        editor.label
    );
    assert_eq!(
        editor.quote.as_deref(),
        Some(r.state.brief.excerpts[x].quote.as_str())
    );
}

#[test]
fn v_on_a_passage_note_reopens_its_words_and_a_moves_the_note_u_moves_it_back() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.select_key_point(1, 0);
    let point = r.state.brief.factors[0].key_points[0].clone();
    r.keys("vwve");
    note_and_save(&mut r, "first words");
    let first = words(&point, 1, 1);
    assert_eq!(underlined(&r), first, "{}", r.screen());
    // The note is listed under the factor's title: select it.
    r.keys("g");
    while !matches!(
        r.state.selected_item(),
        Some(briefing::app::state::DetailItem::Note(_))
    ) {
        r.keys("j");
    }
    r.keys("v");
    assert_eq!(badge(&r), "SELECT", "{}", r.screen());
    let caret = r.state.layers.caret.clone().unwrap();
    assert_eq!(caret.text, TextRef::KeyPoint(0, 0));
    // One word more.
    r.keys("e");
    r.keys("a");
    assert!(r.screen().contains("note moved"), "{}", r.screen());
    let moved = words(&point, 1, 2);
    assert_eq!(r.state.notes.notes.len(), 1, "moved, not copied");
    assert_eq!(
        r.state.notes.notes[0]
            .target
            .passage
            .as_ref()
            .unwrap()
            .exact,
        moved
    );
    assert_eq!(underlined(&r), moved);
    r.keys("u");
    assert_eq!(
        r.state.notes.notes[0]
            .target
            .passage
            .as_ref()
            .unwrap()
            .exact,
        first,
        "u moves it back"
    );
    assert_eq!(underlined(&r), first);
}

#[test]
fn in_the_source_view_the_caret_covers_the_whole_source_scrolling() {
    let mut r = Reader::bundled(100, 30);
    r.select_first_excerpt(1).keys("s");
    let view = r.state.layers.view.as_ref().expect("source view");
    let source = view.source;
    r.keys("vG");
    let caret = r.state.layers.caret.clone().unwrap();
    let text = r.state.brief.sources[source].text.clone().unwrap();
    assert_eq!(caret.text, TextRef::SourceText(source));
    assert!(caret.cursor >= text.trim_end().len() - 4, "at the end");
    let view = r.state.layers.view.as_ref().unwrap();
    assert!(view.scroll > 0, "scrolled to the caret");
    r.keys("g");
    let first = text.len() - text.trim_start().len();
    assert_eq!(
        r.state.layers.caret.as_ref().unwrap().cursor,
        first,
        "on the first character shown"
    );
    assert_eq!(r.state.layers.view.as_ref().unwrap().scroll, 0);
    // A search: the caret goes to the hit's start.
    let word = "Taliban";
    let at = text.find(word).expect("the source names the Taliban");
    r.keys("/");
    type_text(&mut r, word);
    r.key(KeyCode::Enter);
    let caret = r.state.layers.caret.clone().expect("still in caret mode");
    assert_eq!(caret.text, TextRef::SourceText(source));
    assert_eq!(caret.cursor, at);
    r.keys("n");
    let next = text[at + 1..].find(word).map(|i| at + 1 + i).unwrap();
    assert_eq!(r.state.layers.caret.as_ref().unwrap().cursor, next);
    // `a` without a selection in a source asks for one.
    r.keys("a");
    assert!(r.screen().contains("starts a selection"), "{}", r.screen());
}

#[test]
fn caret_and_selection_snapshots() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut r = Reader::bundled(width, height);
        r.select_key_point(1, 0);
        r.keys("vww");
        insta::assert_snapshot!(format!("caret_{width}x{height}"), r.screen());
        assert_eq!(reversed(&r), "s", "the caret is one reversed cell");
        r.keys("vjee");
        insta::assert_snapshot!(format!("selection_{width}x{height}"), r.screen());
        let point = &r.state.brief.factors[0].key_points[0];
        let caret = r.state.layers.caret.as_ref().unwrap();
        let selected = &point[caret.anchor.unwrap()..=caret.cursor];
        let shown: String = selected.split_whitespace().collect();
        assert_eq!(reversed(&r), shown, "the selection is drawn reversed");
    }
}

#[test]
fn a_passage_note_is_shown_right_under_the_key_point_or_summary_holding_its_words() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.keys("1").key(KeyCode::Tab);
    // The second key point (citation marks are items in between).
    while r.state.selected_item() != Some(briefing::app::state::DetailItem::KeyPoint(1)) {
        r.keys("j");
    }
    r.keys("vwve");
    note_and_save(&mut r, "on the second point");
    let points = r.state.brief.factors[0].key_points.clone();
    let row_of = |r: &Reader, text: &str| r.find(text).map(|(_, y)| y);
    let second = row_of(&r, &words(&points[1], 0, 2)).expect("key point 2 shown");
    let third = row_of(&r, &words(&points[2], 0, 2)).expect("key point 3 shown");
    let note = row_of(&r, "✎ note on").expect("the note is shown");
    assert!(
        second < note && note < third,
        "the note sits between key points 2 and 3: {second} {note} {third}\n{}",
        r.screen()
    );
    // A note on the factor's summary: right after the summary, before the
    // key points.
    r.keys("g").key(KeyCode::Esc);
    r.keys("vg}vee");
    note_and_save(&mut r, "on the summary");
    let heading = row_of(&r, "Key points").expect("the key points heading");
    let title = row_of(&r, "1. Terrorism").expect("the title");
    let summary_note = r
        .screen()
        .lines()
        .position(|l| l.contains("✎ note on") && l.contains("summary"))
        .expect("the summary's note") as u16;
    assert!(
        title + 2 < summary_note && summary_note < heading,
        "{title} {summary_note} {heading}\n{}",
        r.screen()
    );
}

#[test]
fn a_search_from_caret_mode_moves_the_caret_and_esc_brings_it_back() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1").key(KeyCode::Tab).keys("j").keys("vww");
    let before = r.state.layers.caret.clone().unwrap();
    r.keys("/");
    type_text(&mut r, "Kandahar");
    briefing::app::layers::check(&r.state).expect("the layers fit together while searching");
    r.key(KeyCode::Esc);
    let after = r.state.layers.caret.clone().expect("still in caret mode");
    assert_eq!((after.text, after.cursor), (before.text, before.cursor));
    briefing::app::layers::check(&r.state).expect("and after");
    // Accepted: the caret is on the hit's start.
    r.keys("/");
    type_text(&mut r, "Kandahar");
    r.key(KeyCode::Enter);
    let caret = r.state.layers.caret.clone().expect("still in caret mode");
    let text = caret.text.text(&r.state.brief).unwrap();
    assert!(text[caret.cursor..].starts_with("Kandahar"), "{:?}", caret);
    briefing::app::layers::check(&r.state).expect("and after accepting");
}

#[test]
fn margin_note_snapshots() {
    let dates = regex::Regex::new(r"\d{4}-\d\d-\d\d").unwrap();
    let times = regex::Regex::new(r"\d\d:\d\d UTC").unwrap();
    for (width, height) in [(80, 24), (160, 48)] {
        let data = tempfile::tempdir().unwrap();
        let mut r = Reader::with_data(data.path(), width, height);
        r.select_key_point(1, 1);
        r.keys("vwwvee");
        note_and_save(&mut r, "a margin note on the second key point");
        // The note, right under its key point (after its citation marks).
        while !matches!(
            r.state.selected_item(),
            Some(briefing::app::state::DetailItem::Note(_))
        ) {
            r.keys("j");
        }
        assert!(matches!(
            r.state.selected_item(),
            Some(briefing::app::state::DetailItem::Note(_))
        ));
        // The note's time is now: shown as a fixed placeholder.
        let screen: Vec<String> = r
            .screen()
            .lines()
            .map(|line| {
                let line = times.replace_all(line, "hh:mm UTC");
                if line.contains("✎ note on") {
                    dates.replace_all(&line, "YYYY-MM-DD").to_string()
                } else {
                    line.to_string()
                }
            })
            .collect();
        let screen = screen.join("\n");
        insta::assert_snapshot!(format!("margin_note_{width}x{height}"), screen);
    }
}

#[test]
fn a_in_the_source_view_notes_the_passage_the_current_excerpt_quotes() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.select_first_excerpt(1).keys("s");
    let view = r.state.layers.view.as_ref().expect("source view");
    let (source, x) = (view.source, view.current.expect("on the excerpt"));
    let briefing::brief::Verification::Verified(ranges) = &r.state.brief.excerpts[x].verification
    else {
        panic!("the first excerpt is verified");
    };
    let text = r.state.brief.sources[source].text.clone().unwrap();
    let words = text[ranges[0].start..ranges.last().unwrap().end].to_string();
    r.keys("a");
    let editor = r.state.layers.editor().expect("editor open");
    assert_eq!(editor.quote.as_deref(), Some(words.as_str()));
    type_text(&mut r, "on the quoted words");
    r.ctrl('s');
    let note = &r.state.notes.notes[0];
    assert_eq!(note.target.kind, briefing::notes::ItemKind::Source);
    assert_eq!(note.target.passage.as_ref().unwrap().exact, words);
}
