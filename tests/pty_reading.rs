//! End-to-end tests of reading through a real pseudo-terminal: search,
//! the source view, closing and quitting, long pastes (harness in
//! `pty_harness`).
#![cfg(unix)]

mod pty_harness;

use std::thread;
use std::time::{Duration, Instant};

use pty_harness::*;

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
