//! A chronology you can read: whole titles at every width, dates at their
//! own precision under year headings, a position indicator, a timeline
//! strip, and the detail following the cursor; panes that fit.

mod common;

use briefing::app::state::{Pane, Target};
use common::Reader;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Focus the chronology.
fn chronology(r: &mut Reader) -> &mut Reader {
    while r.state.reading.focus != briefing::app::state::Pane::Chronology {
        r.key(KeyCode::Tab);
    }
    r
}

/// The screen's text with the chronology pane's rows joined (titles wrap
/// under themselves there).
fn chronology_text(r: &Reader) -> String {
    let area = briefing::app::layout::inner(r.state.laid_out.screen.chronology);
    let title_x =
        briefing::app::layout::chronology_title_x(r.state.laid_out.chronology.date_col) as u16;
    (area.y..area.y + area.height)
        .map(|y| {
            (area.x + title_x..area.x + area.width)
                .map(|x| r.buffer()[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` shows `title` whole, wrapping aside.
fn shows_whole(text: &str, title: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    squeeze(text).contains(&squeeze(title))
}

#[test]
fn every_title_is_whole_at_the_widths_analysts_use() {
    for (w, h) in [(80, 24), (119, 40), (120, 40), (200, 50)] {
        let mut r = Reader::bundled(w, h);
        chronology(&mut r);
        let first = r.state.brief.events[r.state.reading.chronology.events[0]]
            .title
            .clone();
        let text = chronology_text(&r);
        assert!(
            shows_whole(&text, &first),
            "{w}x{h}: {first:?} not whole in:\n{}",
            r.screen()
        );
        // Walking down, every title shows whole when it is selected.
        for _ in 0..r.state.reading.chronology.events.len().min(12) {
            r.keys("j");
            let listed = r.state.reading.chronology.events[r.state.reading.chronology.selected];
            let title = r.state.brief.events[listed].title.clone();
            assert!(
                shows_whole(&chronology_text(&r), &title),
                "{w}x{h}: {title:?}\n{}",
                r.screen()
            );
        }
    }
}

#[test]
fn dates_are_compact_under_year_headings_with_marks_apart() {
    let mut r = Reader::bundled(200, 50);
    chronology(&mut r);
    let screen = r.screen();
    assert!(screen.contains("│  2025 "), "a year heading:\n{screen}");
    assert!(
        !screen.contains("2025-10"),
        "ISO dates left in the chronology:\n{screen}"
    );
    assert!(
        screen.contains(&format!(
            " 1 of {} ",
            r.state.reading.chronology.events.len()
        )),
        "{screen}"
    );
    r.keys("j");
    assert!(r.screen().contains(&format!(
        " 2 of {} ",
        r.state.reading.chronology.events.len()
    )));
}

#[test]
fn moving_in_the_chronology_changes_the_detail_and_esc_goes_back() {
    let mut r = Reader::bundled(120, 40);
    r.keys("1");
    chronology(&mut r);
    r.keys("j");
    let event = r.state.reading.chronology.events[r.state.reading.chronology.selected];
    let title = r.state.brief.events[event].title.clone();
    let detail = briefing::app::layout::inner(r.state.laid_out.screen.detail);
    let top: String = (detail.y..detail.y + 4)
        .flat_map(|y| (detail.x..detail.x + detail.width).map(move |x| (x, y)))
        .map(|p| r.buffer()[p].symbol().to_string())
        .collect();
    let words: String = title
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        top.contains(&words),
        "the detail shows {words:?}:\n{}",
        r.screen()
    );
    assert_eq!(
        r.state.reading.focus,
        briefing::app::state::Pane::Chronology,
        "focus stays"
    );
    // Into the detail (Shift-Tab) it keeps the event; Esc there returns
    // to the factor.
    r.key(KeyCode::BackTab);
    assert_eq!(r.state.reading.focus, briefing::app::state::Pane::Detail);
    assert_eq!(r.state.reading.target, Target::Event(event));
    assert!(detail_top(&r).contains(&words), "{}", r.screen());
    r.key(KeyCode::Esc);
    assert_eq!(r.state.reading.target, Target::Factor(0), "{}", r.screen());
    assert!(
        r.screen().contains("┌ Factor 1 of"),
        "back on the factor:\n{}",
        r.screen()
    );
}

/// The text of the detail pane's first four rows.
fn detail_top(r: &Reader) -> String {
    let detail = briefing::app::layout::inner(r.state.laid_out.screen.detail);
    (detail.y..detail.y + 4)
        .flat_map(|y| (detail.x..detail.x + detail.width).map(move |x| (x, y)))
        .map(|p| r.buffer()[p].symbol().to_string())
        .collect()
}

/// The first three words of the title of the event under the cursor.
fn cursor_words(r: &Reader) -> String {
    let event = r.state.reading.chronology.events[r.state.reading.chronology.selected];
    let title = &r.state.brief.events[event].title;
    title
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn tab_shift_tab_or_a_click_into_the_chronology_shows_the_event_under_the_cursor() {
    for how in ["tab", "shift-tab", "click"] {
        let mut r = Reader::bundled(120, 40);
        r.keys("2");
        assert_eq!(r.state.reading.target, Target::Factor(1));
        match how {
            "tab" => {
                r.key(KeyCode::Tab).key(KeyCode::Tab);
            }
            "shift-tab" => {
                r.key(KeyCode::BackTab);
            }
            _ => {
                let pane = r.state.laid_out.screen.chronology;
                r.event(click(pane.x + pane.width / 2, pane.y + pane.height - 2));
            }
        }
        assert_eq!(r.state.reading.focus, Pane::Chronology, "{how}");
        let event = r.state.reading.chronology.events[r.state.reading.chronology.selected];
        assert_eq!(r.state.reading.target, Target::Event(event), "{how}");
        assert!(
            detail_top(&r).contains(&cursor_words(&r)),
            "{how}: the detail shows the event under the cursor:\n{}",
            r.screen()
        );
        // Esc there goes back to the factor, the chronology keeping focus.
        r.key(KeyCode::Esc);
        assert_eq!(r.state.reading.target, Target::Factor(1), "{how}");
        assert_eq!(r.state.reading.focus, Pane::Chronology, "{how}");
    }
}

fn click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn the_mouse_wheel_moving_the_cursor_moves_the_detail_with_it() {
    let mut r = Reader::bundled(120, 40);
    r.keys("0");
    chronology(&mut r);
    let pane = r.state.laid_out.screen.chronology;
    let first = r.state.reading.chronology.selected;
    for _ in 0..6 {
        r.event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: pane.x + 5,
            row: pane.y + 5,
            modifiers: KeyModifiers::NONE,
        }));
    }
    let now = r.state.reading.chronology.selected;
    assert_ne!(now, first, "the wheel scrolled the cursor along");
    let event = r.state.reading.chronology.events[now];
    assert_eq!(r.state.reading.target, Target::Event(event));
    assert!(detail_top(&r).contains(&cursor_words(&r)), "{}", r.screen());
}

#[test]
fn c_moving_the_cursor_off_a_gone_event_moves_the_detail_too() {
    let mut r = Reader::bundled(200, 50);
    r.keys("2c");
    chronology(&mut r);
    // An event of all that is not the India factor's.
    let india: Vec<usize> = r.state.brief.events_of_factor(1).collect();
    let other = (0..r.state.reading.chronology.events.len())
        .find(|&l| !india.contains(&r.state.reading.chronology.events[l]))
        .expect("an event of another factor");
    r.keys("g");
    r.keys(&"j".repeat(other));
    assert_eq!(r.state.reading.chronology.selected, other);
    r.keys("c");
    let event = r.state.reading.chronology.events[r.state.reading.chronology.selected];
    assert!(india.contains(&event));
    assert_eq!(
        r.state.reading.target,
        Target::Event(event),
        "{}",
        r.screen()
    );
}

#[test]
fn at_200_columns_every_factor_title_is_whole() {
    let r = Reader::bundled(200, 50);
    let screen = r.screen();
    for factor in &r.state.brief.factors {
        assert!(
            screen.contains(&factor.title),
            "{:?} cut:\n{screen}",
            factor.title
        );
    }
}

#[test]
fn the_timeline_strip_marks_the_cursor_and_hides_when_short() {
    let mut r = Reader::bundled(200, 50);
    chronology(&mut r);
    assert!(r.screen().contains("▲"), "{}", r.screen());
    assert!(r.screen().contains("by "), "{}", r.screen());
    // At 80x24 stacked and unfocused the chronology is short: no strip.
    let mut r = Reader::bundled(80, 24);
    r.draw();
    assert!(!r.screen().contains("▲"), "{}", r.screen());
}

/// The status bar's row.
fn status(r: &Reader) -> String {
    r.screen().lines().last().unwrap_or_default().to_string()
}

/// The strip's bin of listed event `listed`.
fn bin_of(r: &Reader, listed: usize) -> usize {
    let event = r.state.reading.chronology.events[listed];
    let strip = r.state.laid_out.chronology.strip.as_ref().expect("a strip");
    strip.bin_of(&r.state.brief, event).expect("in the strip")
}

#[test]
fn greater_and_less_move_by_a_bin_of_the_timeline_and_say_so_at_the_ends() {
    let mut r = Reader::bundled(200, 50);
    r.keys("0");
    chronology(&mut r);
    let count = r.state.reading.chronology.events.len();
    // Every press goes to the first event of the next bin holding any.
    let mut visited = vec![0];
    loop {
        let before = r.state.reading.chronology.selected;
        r.keys(">");
        let now = r.state.reading.chronology.selected;
        if now == before {
            break;
        }
        assert!(bin_of(&r, now) > bin_of(&r, before), "{}", r.screen());
        assert!(
            now == 0 || bin_of(&r, now - 1) < bin_of(&r, now),
            "not the first of its bin"
        );
        assert!(
            (before + 1..now).all(|l| bin_of(&r, l) == bin_of(&r, before)),
            "skipped a bin"
        );
        assert!(r.screen().contains(&format!(" {} of {count} ", now + 1)));
        visited.push(now);
    }
    assert!(visited.len() > 2, "the bundled brief spans several bins");
    assert!(
        status(&r).contains("already in the timeline's last"),
        "{}",
        status(&r)
    );
    // And back: `<` visits the same events in reverse, then says so.
    for &expected in visited.iter().rev().skip(1) {
        r.keys("<");
        assert_eq!(r.state.reading.chronology.selected, expected);
    }
    r.keys("<");
    assert!(status(&r).contains("timeline's first"), "{}", status(&r));
}

#[test]
fn a_bin_key_from_the_factors_pane_takes_the_chronology_and_the_detail_follows() {
    let mut r = Reader::bundled(200, 50);
    r.keys("0>");
    assert_eq!(
        r.state.reading.focus,
        briefing::app::state::Pane::Chronology
    );
    let listed = r.state.reading.chronology.selected;
    assert!(listed > 0, "moved on from the first event");
    let event = r.state.reading.chronology.events[listed];
    let title = &r.state.brief.events[event].title;
    let words: String = title
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let detail = briefing::app::layout::inner(r.state.laid_out.screen.detail);
    let top: String = (detail.y..detail.y + 4)
        .flat_map(|y| (detail.x..detail.x + detail.width).map(move |x| (x, y)))
        .map(|p| r.buffer()[p].symbol().to_string())
        .collect();
    assert!(
        top.contains(&words),
        "{words:?} not in the detail:\n{}",
        r.screen()
    );
}

#[test]
fn a_click_on_a_bin_of_the_strip_jumps_there() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut r = Reader::bundled(200, 50);
    r.keys("0");
    let strip = r.state.laid_out.screen.strip;
    assert!(strip.height > 0, "the strip's place is recorded");
    let last = r.state.reading.chronology.events.len() - 1;
    let bin = bin_of(&r, last);
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: strip.x + 1 + bin as u16,
        row: strip.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(
        r.state.reading.focus,
        briefing::app::state::Pane::Chronology
    );
    let selected = r.state.reading.chronology.selected;
    assert_eq!(bin_of(&r, selected), bin, "{}", r.screen());
    assert!(
        selected == 0 || bin_of(&r, selected - 1) < bin,
        "the bin's first event"
    );
}

#[test]
fn c_has_a_word_for_what_it_does_and_says_why_when_it_does_nothing() {
    let mut r = Reader::bundled(200, 50);
    assert!(status(&r).contains("c all shown"), "{}", status(&r));
    let listed = r.state.reading.chronology.events.len();
    r.keys("c");
    assert!(
        status(&r).contains("overview lists every event"),
        "{}",
        status(&r)
    );
    assert_eq!(
        r.state.reading.chronology.events.len(),
        listed,
        "nothing changed"
    );
    r.keys("2");
    assert!(status(&r).contains("c all events"), "{}", status(&r));
    let of_factor = r.state.reading.chronology.events.len();
    r.keys("c");
    assert!(r.state.reading.chronology.events.len() > of_factor);
    assert!(status(&r).contains("c factor's events"), "{}", status(&r));
    r.keys("c");
    assert_eq!(r.state.reading.chronology.events.len(), of_factor);
}

#[test]
fn snapshots_of_the_chronology_with_its_strip_at_wide_sizes() {
    for (w, h) in [(120, 40), (200, 50)] {
        let mut r = Reader::bundled(w, h);
        r.keys("2");
        chronology(&mut r);
        r.keys(">");
        assert!(r.screen().contains("▲"), "{}", r.screen());
        insta::assert_snapshot!(format!("chronology_strip_{w}x{h}"), r.screen());
    }
}

#[test]
fn snapshots_of_a_factor_at_wide_sizes() {
    for (w, h) in [(120, 40), (200, 50)] {
        let mut r = Reader::bundled(w, h);
        r.keys("1");
        insta::assert_snapshot!(format!("factor_terrorism_{w}x{h}"), r.screen());
    }
}

#[test]
fn the_strip_tells_the_factors_bins_and_the_cursor_apart_without_colour() {
    use ratatui::style::Modifier;
    for no_color in [false, true] {
        let opening = briefing::app::state::Opening {
            no_color,
            ..Default::default()
        };
        let mut r = Reader::opened(opening, 200, 50);
        r.keys("2");
        chronology(&mut r);
        r.keys(">");
        let area = r.state.laid_out.screen.strip;
        let strip = r.state.laid_out.chronology.strip.clone().expect("a strip");
        assert_ne!(strip.listed, strip.all, "India lists some events only");
        let cursor = bin_of(&r, r.state.reading.chronology.selected);
        let (mut listed_bars, mut other_bars) = (0, 0);
        for bin in 0..strip.all.len() {
            let x = area.x + 1 + bin as u16;
            let listed = strip.listed[bin] > 0;
            let mark = r.buffer()[(x, area.y + 1)].symbol().to_string();
            let expected = if bin == cursor {
                "▲"
            } else if listed {
                "•"
            } else {
                " "
            };
            assert_eq!(mark, expected, "bin {bin} (no_color {no_color})");
            let bar = &r.buffer()[(x, area.y)];
            if strip.all[bin] > 0 {
                // The factor's bars stand out by weight, not colour only.
                assert_eq!(
                    bar.modifier.contains(Modifier::BOLD),
                    listed,
                    "bar of bin {bin} (no_color {no_color})"
                );
                if listed {
                    listed_bars += 1;
                } else {
                    other_bars += 1;
                }
            }
        }
        assert!(listed_bars > 0 && other_bars > 0, "both kinds drawn");
    }
}

#[test]
fn the_selected_chronology_row_and_only_it_is_highlighted() {
    use ratatui::style::Modifier;
    let mut r = Reader::bundled(120, 40);
    r.keys("0");
    chronology(&mut r);
    r.keys("jjj");
    let chronology = &r.state.reading.chronology;
    let selected = r.state.laid_out.chronology.rows_of(chronology.selected);
    let list = briefing::app::layout::chronology_list_area(briefing::app::layout::inner(
        r.state.laid_out.screen.chronology,
    ));
    let mut highlighted = 0;
    for y in list.y..list.y + list.height {
        let row = chronology.scroll + (y - list.y) as usize;
        let reversed = (list.x..list.x + list.width)
            .all(|x| r.buffer()[(x, y)].modifier.contains(Modifier::REVERSED));
        assert_eq!(
            reversed,
            selected.contains(&row),
            "row {row}\n{}",
            r.screen()
        );
        highlighted += usize::from(reversed);
    }
    assert!(highlighted >= 1);
}

#[test]
fn an_open_event_with_notes_keeps_its_note_mark() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 120, 40);
    r.keys("2");
    chronology(&mut r);
    r.keys("j");
    let event = r.state.reading.chronology.events[r.state.reading.chronology.selected];
    assert_eq!(r.state.reading.target, Target::Event(event));
    r.keys("a");
    assert!(r.screen().contains("New note"), "{}", r.screen());
    r.keys("check the dates");
    r.ctrl('s');
    assert_eq!(
        r.state.notes.count(briefing::notes::ItemRef::Event(event)),
        1,
        "{}",
        r.screen()
    );
    let list = briefing::app::layout::chronology_list_area(briefing::app::layout::inner(
        r.state.laid_out.screen.chronology,
    ));
    let first = r
        .state
        .laid_out
        .chronology
        .rows_of(r.state.reading.chronology.selected)
        .start;
    let y = list.y + (first - r.state.reading.chronology.scroll) as u16;
    assert_eq!(r.buffer()[(list.x, y)].symbol(), "✎", "{}", r.screen());
}

#[test]
fn a_year_only_date_does_not_repeat_its_heading() {
    let mut r = Reader::bundled(200, 50);
    r.keys("0");
    chronology(&mut r);
    let year_only = r
        .state
        .reading
        .chronology
        .events
        .iter()
        .position(|&e| {
            let date = &r.state.brief.events[e].date;
            date.end.is_none() && date.start.month.is_none()
        })
        .expect("the bundled brief has an event dated by its year alone");
    r.keys(&"j".repeat(year_only));
    let chronology = &r.state.reading.chronology;
    let list = briefing::app::layout::chronology_list_area(briefing::app::layout::inner(
        r.state.laid_out.screen.chronology,
    ));
    let laid = &r.state.laid_out.chronology;
    let first = laid.rows_of(year_only).start;
    let y = list.y + (first - chronology.scroll) as u16;
    let date: String = (list.x + 2..list.x + 2 + laid.date_col as u16)
        .map(|x| r.buffer()[(x, y)].symbol().to_string())
        .collect();
    let year = r.state.brief.events[chronology.events[year_only]]
        .date
        .start
        .year
        .to_string();
    assert!(!date.contains(&year), "{date:?}\n{}", r.screen());
    assert!(!date.trim().is_empty(), "something in the date column");
}
