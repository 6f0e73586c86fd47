//! End-to-end tests of reading through a real pseudo-terminal: search,
//! the source view, closing and quitting, long pastes, the chronology's
//! timeline keys, places kept through resizes, jumps and links (harness in
//! `pty_harness`).
#![cfg(unix)]

mod pty_harness;

use std::thread;
use std::time::{Duration, Instant};

use pty_harness::*;
use tempfile::TempDir;

#[test]
fn searching_a_word_only_in_a_source_lands_in_the_source_view_on_it() {
    let mut s = start_bundled();
    s.send(b"/");
    s.wait_for("history");
    s.send(b"Strategiya");
    s.wait_for("0/0");
    s.send(b"\t");
    s.wait_for("+src");
    s.send(b"\r");
    s.wait_for("Source: Analysis of the October 2025");
    s.wait_for("Strategiya");
    s.wait_for("1/1");
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn q_in_the_source_view_returns_to_the_panes_and_the_reader_lives() {
    let mut s = start_bundled();
    s.open_the_source_at_strategiya(29);
    s.send(b"q");
    s.wait_gone("Source: Analysis of the October 2025");
    s.wait_for_in_row(29, "FACTORS");
    s.wait_for("Factors");
    assert!(
        s.child.try_wait().expect("wait").is_none(),
        "q in the source view ended the reader"
    );
    // The help closes with q too.
    s.send(b"?");
    s.wait_for("Help — keys");
    s.send(b"q");
    s.wait_gone("Help — keys");
    assert!(s.child.try_wait().expect("wait").is_none());
    s.send(b"q");
    assert!(s.wait_exit().success(), "q in the panes quits");
    assert_terminal_restored(&s);
}

#[test]
fn capital_q_quits_from_a_view_and_restores_the_terminal() {
    let mut s = start_bundled();
    s.open_the_source_at_strategiya(29);
    s.send(b"?");
    s.wait_for("Help — keys");
    s.send(b"Q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_terminal_restored(&s);
}

#[test]
fn ctrl_c_with_an_unsaved_draft_asks_first() {
    let mut s = start_bundled();
    s.send(b"1a");
    s.wait_for("New note");
    s.send(b"half a thought");
    s.wait_for("half a thought");
    s.send(&[0x03]); // Ctrl-c
    s.wait_for("discard draft and quit? y / n");
    assert!(s.child.try_wait().expect("wait").is_none(), "asked first");
    s.send(b"n");
    s.wait_gone("discard draft and quit?");
    s.wait_for("half a thought");
    s.send(&[0x03]);
    s.wait_for("discard draft and quit? y / n");
    s.send(b"y");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

/// 10,000 characters ending in a marker, pasted into the input `open`
/// opens: bracketed, or typed as keys (in ten writes 20 ms apart: when the
/// reader is busy, more than about 7 KiB written at once stalls in the
/// PTY itself until the next write, whatever the program does).
fn paste_settles(open: &[u8], bracketed: bool) {
    let mut s = start_bundled();
    s.send(open);
    s.wait_for_in_row(29, if open == b"/" { "cancel" } else { "GO TO" });
    let mut text = "lorem ipsum ".repeat(833);
    text.truncate(9_996);
    text.push_str("ZQXW");
    assert_eq!(text.chars().count(), 10_000);
    let start = Instant::now();
    if bracketed {
        s.send(format!("\x1b[200~{text}\x1b[201~").as_bytes());
    } else {
        for piece in text.as_bytes().chunks(1000) {
            s.send(piece);
            thread::sleep(Duration::from_millis(20));
        }
    }
    s.wait_for("ZQXW");
    if open == b"/" {
        s.wait_for("0/0");
    }
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "a 10,000-character paste (bracketed: {bracketed}) took {took:?} to settle"
    );
    s.send(&[0x03]);
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn a_long_paste_into_the_search_line_settles_in_under_a_second() {
    paste_settles(b"/", true);
    paste_settles(b"/", false);
}

#[test]
fn a_long_paste_into_the_palette_settles_in_under_a_second() {
    paste_settles(b":", true);
    paste_settles(b":", false);
}

/// The text of row `row` without the panes' borders, trimmed.
fn text_in_row(s: &Session, row: u16) -> String {
    s.row(row)
        .replace(['│', '▌'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn greater_moves_the_chronology_by_a_bin_of_its_timeline_and_the_detail_follows() {
    let mut s = start_bundled_at(120, 40);
    // The India factor lists five events: one from January to June, one in
    // April–May, three in October.
    s.send(b"2");
    s.wait_for("2. The India factor");
    s.wait_for(" 1 of 5 ");
    s.send(b">");
    s.wait_for_in_row(39, "CHRONOLOGY");
    s.wait_for(" 2 of 5 ");
    s.wait_for("┌ Event ");
    // The detail shows the event under the cursor: its full date first.
    s.wait_for("2025-04 – 2025-05");
    s.send(b">");
    s.wait_for(" 3 of 5 ");
    s.wait_gone("2025-04 – 2025-05");
    s.wait_for("Moscow Format");
    // No later month holds an event: the status bar says so.
    s.send(b">");
    s.wait_for_in_row(39, "already in the timeline's last month");
    assert!(s.contents().contains(" 3 of 5 "), "{}", s.contents());
    s.send(b"<");
    s.wait_for(" 2 of 5 ");
    s.send(b"q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn resizing_the_source_view_there_and_back_keeps_the_top_paragraph() {
    let mut s = start_bundled_at(120, 40);
    s.open_the_source_at_strategiya(39);
    // From the top, two pages down (far from the end, where a taller
    // screen would have to show more above), onto a row of text (not a
    // blank between paragraphs). Each key is waited for by the first row
    // number in the view's bottom border ("71–106 of 197").
    let first_row = |screen: &vt100::Screen| -> Option<usize> {
        let border = row_of(screen, 38);
        let (_, rest) = border.rsplit_once("─ ")?;
        rest.split('–').next()?.trim().parse().ok()
    };
    s.send(b"g");
    s.wait_until("the top", |screen| first_row(screen) == Some(1));
    for key in [b" ", b" "] {
        let before = first_row(&s.output().parser.screen().clone()).unwrap_or(0);
        s.send(key);
        s.wait_until("a page down", |screen| {
            first_row(screen).is_some_and(|r| r > before)
        });
    }
    while text_in_row(&s, 2).is_empty() {
        let before = first_row(&s.output().parser.screen().clone()).unwrap_or(0);
        s.send(b"j");
        s.wait_until("a row down", |screen| first_row(screen) == Some(before + 1));
    }
    let top = text_in_row(&s, 2);
    assert!(top.split_whitespace().count() > 3, "{top:?}");
    for (cols, rows) in [(200, 50), (120, 40)] {
        s.resize(cols, rows);
        s.wait_for_in_row(rows - 1, "SOURCE");
        s.wait_until(&format!("{top:?} on top at {cols}x{rows}"), |screen| {
            let row = row_of(screen, 2).replace(['│', '▌'], " ");
            row.split_whitespace().collect::<Vec<_>>().join(" ") == top
        });
    }
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

/// The first three words of the first row the detail marks as selected
/// (`▌` in its gutter), if any is on screen.
fn selected_start(screen: &vt100::Screen) -> Option<String> {
    let (rows, _) = screen.size();
    (0..rows.get()).find_map(|row| {
        let text = row_of(screen, row);
        let (_, after) = text.split_once('▌')?;
        let words: Vec<&str> = after
            .split('│')
            .next()?
            .split_whitespace()
            .take(3)
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    })
}

#[test]
fn resizing_keeps_the_selected_excerpt_of_the_detail_on_screen() {
    let mut s = start_bundled_at(120, 40);
    s.send(b"1\t");
    s.wait_for_in_row(39, "DETAIL");
    // Well down the factor, past its key points (and their citation
    // marks), among its excerpts.
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("bundled brief");
    let items = items_before_excerpts(&brief, 0);
    s.send("j".repeat(items + 4).as_bytes());
    s.wait_until("an item selected far down", |screen| {
        selected_start(screen).is_some() && !text_of(screen).contains("Confidence:")
    });
    let selected = selected_start(&s.output().parser.screen().clone()).expect("selected");
    for (cols, rows) in [(200, 50), (120, 40)] {
        s.resize(cols, rows);
        s.wait_for_in_row(rows - 1, "DETAIL");
        s.wait_until(
            &format!("{selected:?} still selected on screen at {cols}x{rows}"),
            |screen| selected_start(screen).as_deref() == Some(selected.as_str()),
        );
    }
    s.send(b"Q");
    assert!(s.wait_exit().success());
}

// Locations and the jump list (issue 12). Alt-← and Alt-→ arrive as the
// xterm sequences `ESC [1;3D` and `ESC [1;3C`, which crossterm reads as
// the arrows with the Alt modifier.
const CTRL_O: &[u8] = b"\x0f";
const ALT_LEFT: &[u8] = b"\x1b[1;3D";
const ALT_RIGHT: &[u8] = b"\x1b[1;3C";

/// Opens the palette, types `query`, waits for `row` among the matches
/// and chooses the first match.
fn palette_go(s: &mut Session, query: &str, row: &str) {
    s.send(b":");
    s.wait_for("Go to");
    s.send(query.as_bytes());
    s.wait_for(row);
    s.send(b"\r");
    s.wait_gone("Go to");
}

#[test]
fn a_palette_jump_to_an_event_ctrl_o_back_alt_right_forward() {
    let mut s = start_bundled();
    s.send(b"2");
    s.wait_for("┌ Factor 2 of");
    palette_go(&mut s, "doha agreement cease", "Doha agreement");
    s.wait_for("┌ Event");
    s.send(CTRL_O);
    s.wait_for("┌ Factor 2 of");
    s.send(ALT_RIGHT);
    s.wait_for("┌ Event");
    s.send(ALT_LEFT);
    s.wait_for("┌ Factor 2 of");
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn enter_on_a_related_factor_opens_it() {
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("bundled brief");
    let india = &brief.factors[1];
    let related = india.related[0];
    let mut s = start_bundled();
    s.send(b"2\t");
    s.wait_for(" DETAIL ");
    // Down the key points (and their citation marks) onto the first
    // related factor's link.
    s.send(
        "j".repeat(items_before_excerpts(&brief, 1) - india.related.len() + 1)
            .as_bytes(),
    );
    let link = format!("→ {}. ", related + 1);
    s.wait_until("the link selected", |screen| {
        text_of(screen)
            .lines()
            .any(|l| l.contains('▌') && l.contains(&link))
    });
    s.send(b"\r");
    s.wait_for(&format!("┌ Factor {} of", related + 1));
    s.send(CTRL_O);
    s.wait_for("┌ Factor 2 of");
    s.send(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn after_reopening_the_brief_ctrl_o_still_goes_back() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"3");
    first.wait_for("┌ Factor 3 of");
    palette_go(&mut first, "doha agreement cease", "Doha agreement");
    first.wait_for("┌ Event");
    first.send(b"q");
    assert!(first.wait_exit().success());

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("┌ Event");
    second.send(CTRL_O);
    second.wait_for("┌ Factor 3 of");
    second.send(ALT_RIGHT);
    second.wait_for("┌ Event");
    second.send(b"q");
    assert!(second.wait_exit().success());
}

/// The items of factor `f` before its excerpts: the summary's citation
/// marks, each key point and its marks, the related factors' links.
fn items_before_excerpts(brief: &briefing::brief::Brief, f: usize) -> usize {
    use briefing::brief::TextRef;
    let marks = |text: TextRef| {
        brief.citations_of(text).map_or(0, |c| {
            c.citations.iter().map(|c| c.excerpts.len()).sum::<usize>()
        })
    };
    let factor = &brief.factors[f];
    marks(TextRef::FactorSummary(f))
        + (0..factor.key_points.len())
            .map(|i| 1 + marks(TextRef::KeyPoint(f, i)))
            .sum::<usize>()
        + factor.related.len()
}
