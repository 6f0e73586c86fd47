//! Reading comfort through a real pseudo-terminal (issue 15): titles
//! readable at the sizes analysts use, `]` from the top of the source
//! view, and the detail following the chronology's cursor (harness in
//! `pty_harness`).
#![cfg(unix)]

mod pty_harness;

use briefing::brief::{Brief, Verification};
use pty_harness::*;

fn bundled() -> Brief {
    briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads")
}

/// Words of `text` with all spacing squeezed out, to compare titles that
/// wrap.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The text inside the pane whose top border starts with `title`, its
/// rows joined (a title wrapped over rows reads as one).
fn pane_text(screen: &vt100::Screen, title: &str) -> String {
    let (rows, _) = screen.size();
    let rows: Vec<Vec<char>> = (0..rows.get())
        .map(|r| row_of(screen, r).chars().collect())
        .collect();
    let Some((top, left)) = rows.iter().enumerate().find_map(|(y, row)| {
        let text: String = row.iter().collect();
        let byte = text.find(&format!("┌ {title}"))?;
        Some((y, text[..byte].chars().count()))
    }) else {
        return String::new();
    };
    let mut out = Vec::new();
    for row in rows.iter().skip(top + 1) {
        if row.get(left) != Some(&'│') {
            break;
        }
        let inside: String = row
            .iter()
            .skip(left + 1)
            .take_while(|&&c| c != '│')
            .collect();
        out.push(inside);
    }
    out.join(" ")
}

#[test]
fn at_120x40_the_first_events_title_is_readable_in_the_chronology() {
    let brief = bundled();
    let first = brief.events[0].title.clone();
    let mut s = start_bundled_at(120, 40);
    s.wait_until(&format!("{first:?} whole in the chronology"), |screen| {
        squeeze(&pane_text(screen, "Chronology")).contains(&squeeze(&first))
    });
    s.send(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn at_200x50_every_factor_title_is_whole() {
    let brief = bundled();
    let mut s = start_bundled();
    s.resize(200, 50);
    s.wait_for_in_row(49, "FACTORS");
    for factor in &brief.factors {
        s.wait_until(&format!("{:?} whole", factor.title), |screen| {
            pane_text(screen, "Factors").contains(&factor.title)
        });
    }
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// The first words of each excerpt of the source titled `title`, in the
/// order of their passages in its text.
fn quotes_in_text_order(brief: &Brief, title: &str) -> Vec<String> {
    let source = brief
        .sources
        .iter()
        .position(|s| s.title.contains(title))
        .expect("the source");
    let mut passages: Vec<(usize, String)> = brief
        .excerpts
        .iter()
        .filter(|e| e.source == source)
        .filter_map(|e| match &e.verification {
            Verification::Verified(ranges) => {
                let start = ranges.iter().map(|r| r.start).min()?;
                let words: Vec<&str> = e.quote.split_whitespace().take(2).collect();
                Some((start, words.join(" ")))
            }
            _ => None,
        })
        .collect();
    passages.sort();
    passages.into_iter().map(|(_, words)| words).collect()
}

#[test]
fn next_excerpt_after_g_goes_to_the_first_excerpt_below_the_top() {
    let brief = bundled();
    let quotes = quotes_in_text_order(&brief, "Analysis of the October 2025");
    assert!(quotes.len() > 2, "the source has excerpts to step through");
    let mut s = start_bundled_at(120, 40);
    s.open_the_source_at_strategiya(39);
    let count = quotes.len();
    let at_top = |screen: &vt100::Screen| row_of(screen, 38).contains(" 1–");
    s.send(b"g");
    s.wait_until("the top", at_top);
    s.send(b"]");
    s.wait_for(&format!(" excerpt 1 of {count} "));
    // Two excerpts on, then back to the top: `]` goes to the first
    // excerpt below the top, not to the one after the current excerpt.
    s.send(b"]");
    s.wait_for(&format!(" excerpt 2 of {count} "));
    s.send(b"]");
    s.wait_for(&format!(" excerpt 3 of {count} "));
    s.send(b"g");
    s.wait_until("the top", at_top);
    s.send(b"]");
    s.wait_for(&format!(" excerpt 1 of {count} "));
    s.wait_for(&quotes[0]);
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn moving_in_the_chronology_changes_the_detail_and_esc_returns_to_the_factor() {
    let mut s = start_bundled_at(120, 40);
    // The India factor lists five events: January–June, April–May, then
    // three in October.
    s.send(b"2");
    s.wait_for("┌ Factor 2 of");
    s.wait_for(" 1 of 5 ");
    // Tab into the chronology: the detail shows the event under the
    // cursor at once, its full date first.
    s.send(b"\t\t");
    s.wait_for_in_row(39, "CHRONOLOGY");
    s.wait_for("┌ Event ");
    s.wait_for("2025-01 – 2025-06");
    s.send(b"j");
    s.wait_for(" 2 of 5 ");
    s.wait_for("2025-04 – 2025-05");
    s.send(b"j");
    s.wait_for(" 3 of 5 ");
    s.wait_gone("2025-04 – 2025-05");
    s.wait_for("Moscow Format");
    // Into the detail (Shift-Tab): it keeps the event; Esc returns to the
    // factor.
    s.send(b"\x1b[Z");
    s.wait_for_in_row(39, "DETAIL");
    assert!(s.contents().contains("┌ Event "), "{}", s.contents());
    s.esc();
    s.wait_for("┌ Factor 2 of");
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}
