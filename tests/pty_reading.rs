//! End-to-end tests of reading through a real pseudo-terminal: search,
//! the source view, closing and quitting, long pastes, jumps and links
//! (harness in `pty_harness`).
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

/// Opens the source view of the one source that has "Strategiya" (a word
/// found in no excerpt, so the search lands in the source).
fn open_a_source(s: &mut Session) {
    s.send(b"/Strategiya\t\r");
    s.wait_for("Source: Analysis of the October 2025");
    s.wait_for_in_row(29, "SOURCE");
}

#[test]
fn q_in_the_source_view_returns_to_the_panes_and_the_reader_lives() {
    let mut s = start_bundled();
    open_a_source(&mut s);
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
    open_a_source(&mut s);
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
    // Down the key points onto the first related factor's link.
    s.send("j".repeat(india.key_points.len() + 1).as_bytes());
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
