//! A chronology you can read: whole titles at every width, dates at their
//! own precision under year headings, a position indicator, a timeline
//! strip, and the detail following the cursor; panes that fit.

mod common;

use common::Reader;
use ratatui::crossterm::event::KeyCode;

/// Focus the chronology.
fn chronology(r: &mut Reader) -> &mut Reader {
    while r.state.focus != briefing::app::state::Pane::Chronology {
        r.key(KeyCode::Tab);
    }
    r
}

/// The screen's text with the chronology pane's rows joined (titles wrap
/// under themselves there).
fn chronology_text(r: &Reader) -> String {
    let area = briefing::app::layout::inner(r.state.screen.chronology);
    let title_x = briefing::app::layout::chronology_title_x(r.state.chronology.date_col) as u16;
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
        let first = r.state.brief.events[r.state.chronology.events[0]]
            .title
            .clone();
        let text = chronology_text(&r);
        assert!(
            shows_whole(&text, &first),
            "{w}x{h}: {first:?} not whole in:\n{}",
            r.screen()
        );
        // Walking down, every title shows whole when it is selected.
        for _ in 0..r.state.chronology.events.len().min(12) {
            r.keys("j");
            let listed = r.state.chronology.events[r.state.chronology.selected];
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
        screen.contains(&format!(" 1 of {} ", r.state.chronology.events.len())),
        "{screen}"
    );
    r.keys("j");
    assert!(
        r.screen()
            .contains(&format!(" 2 of {} ", r.state.chronology.events.len()))
    );
}

#[test]
fn moving_in_the_chronology_changes_the_detail_and_esc_goes_back() {
    let mut r = Reader::bundled(120, 40);
    r.keys("1");
    chronology(&mut r);
    r.keys("j");
    let event = r.state.chronology.events[r.state.chronology.selected];
    let title = r.state.brief.events[event].title.clone();
    let detail = briefing::app::layout::inner(r.state.screen.detail);
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
        r.state.focus,
        briefing::app::state::Pane::Chronology,
        "focus stays"
    );
    // Tab to the detail keeps the event; Esc returns to the factor.
    r.key(KeyCode::Tab);
    r.key(KeyCode::Tab);
    r.key(KeyCode::Tab);
    assert!(r.screen().contains(&words), "{}", r.screen());
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
    let event = r.state.chronology.events[listed];
    let strip = r.state.chronology.strip.as_ref().expect("a strip");
    strip.bin_of(&r.state.brief, event).expect("in the strip")
}

#[test]
fn greater_and_less_move_by_a_bin_of_the_timeline_and_say_so_at_the_ends() {
    let mut r = Reader::bundled(200, 50);
    r.keys("0");
    chronology(&mut r);
    let count = r.state.chronology.events.len();
    // Every press goes to the first event of the next bin holding any.
    let mut visited = vec![0];
    loop {
        let before = r.state.chronology.selected;
        r.keys(">");
        let now = r.state.chronology.selected;
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
        assert_eq!(r.state.chronology.selected, expected);
    }
    r.keys("<");
    assert!(status(&r).contains("timeline's first"), "{}", status(&r));
}

#[test]
fn a_bin_key_from_the_factors_pane_takes_the_chronology_and_the_detail_follows() {
    let mut r = Reader::bundled(200, 50);
    r.keys("0>");
    assert_eq!(r.state.focus, briefing::app::state::Pane::Chronology);
    let listed = r.state.chronology.selected;
    assert!(listed > 0, "moved on from the first event");
    let event = r.state.chronology.events[listed];
    let title = &r.state.brief.events[event].title;
    let words: String = title
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let detail = briefing::app::layout::inner(r.state.screen.detail);
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
    let strip = r.state.screen.strip;
    assert!(strip.height > 0, "the strip's place is recorded");
    let last = r.state.chronology.events.len() - 1;
    let bin = bin_of(&r, last);
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: strip.x + 1 + bin as u16,
        row: strip.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(r.state.focus, briefing::app::state::Pane::Chronology);
    let selected = r.state.chronology.selected;
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
    let listed = r.state.chronology.events.len();
    r.keys("c");
    assert!(
        status(&r).contains("overview lists every event"),
        "{}",
        status(&r)
    );
    assert_eq!(r.state.chronology.events.len(), listed, "nothing changed");
    r.keys("2");
    assert!(status(&r).contains("c all events"), "{}", status(&r));
    let of_factor = r.state.chronology.events.len();
    r.keys("c");
    assert!(r.state.chronology.events.len() > of_factor);
    assert!(status(&r).contains("c factor's events"), "{}", status(&r));
    r.keys("c");
    assert_eq!(r.state.chronology.events.len(), of_factor);
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
