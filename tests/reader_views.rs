//! Snapshots of every view of the reader at 80×24 and 160×48, and style
//! checks where a highlight or a selection matters (text snapshots do not
//! show styles).

mod common;

use common::Reader;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snapshot_at_sizes(name: &str, setup: impl Fn(&mut Reader)) {
    for (width, height) in SIZES {
        let mut reader = Reader::bundled(width, height);
        setup(&mut reader);
        assert_snapshot!(format!("{name}_{width}x{height}"), reader.screen());
    }
}

#[test]
fn overview() {
    snapshot_at_sizes("overview", |_| {});
}

#[test]
fn a_factor() {
    snapshot_at_sizes("factor_terrorism", |r| {
        r.keys("1");
    });
}

#[test]
fn a_factor_scrolled_to_its_excerpts() {
    snapshot_at_sizes("factor_india_excerpt_selected", |r| {
        r.select_first_excerpt(2);
    });
}

#[test]
fn chronology_of_a_factor() {
    snapshot_at_sizes("chronology_factor", |r| {
        r.keys("2");
        r.key(KeyCode::Tab);
        r.key(KeyCode::Tab);
    });
}

#[test]
fn chronology_of_all_events() {
    snapshot_at_sizes("chronology_all", |r| {
        r.keys("2");
        r.key(KeyCode::Tab);
        r.key(KeyCode::Tab);
        r.keys("c");
    });
}

#[test]
fn an_events_detail() {
    snapshot_at_sizes("event_detail", |r| {
        r.keys("0");
        r.key(KeyCode::BackTab);
        r.keys("G");
        r.key(KeyCode::Enter);
    });
}

#[test]
fn source_view_with_highlights() {
    snapshot_at_sizes("source_view", |r| {
        r.select_first_excerpt(1);
        r.keys("s");
    });
}

#[test]
fn help_overlay() {
    snapshot_at_sizes("help", |r| {
        r.keys("?");
    });
}

#[test]
fn too_small_screen_and_recovery() {
    let mut reader = Reader::bundled(50, 12);
    assert_snapshot!("too_small_50x12", reader.screen());
    reader.resize(80, 24);
    assert!(reader.screen().contains("Factors"));
    assert!(!reader.screen().contains("too small"));
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let mut reader = Reader::bundled(80, 24);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (59, 16),
        (60, 15),
        (60, 16),
        (61, 17),
        (119, 30),
        (120, 30),
        (300, 5),
        (5, 300),
    ] {
        reader.resize(w, h);
        reader.keys("2?");
        reader.key(KeyCode::Esc);
        reader.key(KeyCode::Tab).keys("jjjs");
        reader.key(KeyCode::Esc);
    }
}

#[test]
fn focused_list_selection_is_reversed() {
    let mut reader = Reader::bundled(80, 24);
    reader.keys("3");
    let (x, y) = reader.find("3 The U.S. factor").expect("factor 3 listed");
    let cell = &reader.buffer()[(x, y)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    // Another factor is not.
    let (x, y) = reader.find("2 The India factor").expect("factor 2 listed");
    assert!(
        !reader.buffer()[(x, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn detail_selection_is_marked_in_the_gutter() {
    let mut reader = Reader::bundled(160, 48);
    reader.select_key_point(1, 0);
    let point = &reader.state.brief.factors[0].key_points[0];
    let start: String = point.chars().take(20).collect();
    let (x, y) = reader.find(&start).expect("first key point shown");
    // The gutter mark sits two columns left of the bullet.
    assert_eq!(reader.buffer()[(x - 4, y)].symbol(), "▌");
    let after: String = reader.state.brief.factors[0].key_points[1]
        .chars()
        .take(20)
        .collect();
    let (x, y) = reader.find(&after).expect("second key point shown");
    assert_eq!(reader.buffer()[(x - 4, y)].symbol(), " ");
}

/// The cells of `text` where it first appears.
fn cells_of<'a>(reader: &'a Reader, text: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let (x, y) = reader
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} on screen"));
    (0..text.chars().count() as u16)
        .map(|i| &reader.buffer()[(x + i, y)])
        .collect()
}

fn open_first_excerpt_of_terrorism(reader: &mut Reader) {
    reader.select_first_excerpt(1);
    reader.key(KeyCode::Enter);
    assert!(reader.state.layers.view.is_some(), "source view open");
}

#[test]
fn source_view_marks_the_current_excerpt_apart_from_the_others() {
    for no_color in [false, true] {
        let mut reader = Reader::bundled(160, 48);
        reader.state.opening.no_color = no_color;
        open_first_excerpt_of_terrorism(&mut reader);
        let view = reader.state.layers.view.as_ref().unwrap();
        let current = view.current.expect("an excerpt is current");
        let quote = &reader.state.brief.excerpts[current].quote;
        let start: String = quote
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let cells = cells_of(&reader, &start);
        for cell in &cells {
            if no_color {
                assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
            } else {
                assert_eq!(cell.bg, Color::LightYellow, "{cell:?}");
            }
        }
        // Step to the next excerpt: the previous one is now marked as an
        // ordinary quoted passage.
        reader.keys("]");
        let cells = cells_of(&reader, &start);
        for cell in cells {
            if no_color {
                assert!(!cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
                assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
            } else {
                assert_eq!(cell.bg, Color::Yellow, "{cell:?}");
            }
        }
    }
}

#[test]
fn no_color_means_no_colour_anywhere() {
    let mut reader = Reader::bundled(160, 48);
    reader.state.opening.no_color = true;
    let mut screens = Vec::new();
    reader.keys("1");
    screens.push(reader.buffer().clone());
    reader.key(KeyCode::Tab).keys("jjjjjjjj");
    screens.push(reader.buffer().clone());
    reader.keys("s");
    screens.push(reader.buffer().clone());
    reader.key(KeyCode::Esc).keys("?");
    screens.push(reader.buffer().clone());
    for buffer in screens {
        for cell in buffer.content() {
            assert_eq!(cell.fg, Color::Reset, "{cell:?}");
            assert_eq!(cell.bg, Color::Reset, "{cell:?}");
        }
    }
}

#[test]
fn verification_is_shown_in_words_not_colour_alone() {
    let mut reader = Reader::bundled(160, 48);
    reader.keys("1");
    reader.key(KeyCode::Tab).keys("G");
    assert!(
        reader.screen().contains("✓ verified"),
        "{}",
        reader.screen()
    );
}

#[test]
fn search_line_and_highlights() {
    snapshot_at_sizes("search_line", |r| {
        r.keys("1/");
        r.keys("TTP");
    });
    snapshot_at_sizes("search_accepted", |r| {
        r.keys("1/");
        r.keys("TTP");
        r.key(KeyCode::Enter);
        r.keys("nn");
    });
}

#[test]
fn palette() {
    snapshot_at_sizes("palette", |r| {
        r.keys(":");
        r.keys("istanbul");
    });
}

#[test]
fn palette_marks_the_matched_letters() {
    let mut reader = Reader::bundled(160, 48);
    reader.keys(":");
    reader.keys("ttp");
    let palette = reader.state.layers.palette().unwrap();
    assert!(!palette.matches.is_empty());
    let first = &palette.entries[palette.matches[0] as usize].label;
    let marked = &palette.marked[0];
    assert_eq!(marked.len(), 3, "three letters matched in {first:?}");
    let column_of_first_letter = marked[0] as u16;
    // The list starts two rows under the input; the label after the kind.
    let row = reader.state.laid_out.screen.area.y + 2 + 1 + 2;
    let popup = briefing::app::layout::palette_area(reader.state.laid_out.screen.area);
    let x = popup.x + 1 + 10 + column_of_first_letter;
    let cell = &reader.buffer()[(x, row)];
    assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
}
