//! End-to-end through a real pseudo-terminal: a citation mark is a link
//! item; `Enter` on it peeks at the cited excerpt, and `Enter` in the peek
//! opens the source view at the quoted passage (harness in `pty_harness`).
#![cfg(unix)]

mod pty_harness;

use pty_harness::*;

#[test]
fn enter_on_a_mark_peeks_at_the_excerpt_then_enter_opens_its_passage() {
    let mut s = start_bundled();
    s.wait_for("Factors");
    // Factor 1, the detail pane, its first item: the summary's first mark.
    s.send(b"1\t");
    s.wait_for_in_row(29, "DETAIL");
    s.send(b"j");
    s.send(b"\r");
    s.wait_for_in_row(29, "PEEK");
    s.wait_for("Cited \u{b9} \u{b7} excerpt");
    s.wait_for("\u{2713} verified");
    s.send(b"\r");
    s.wait_for_in_row(29, "SOURCE");
    s.wait_gone("Cited \u{b9}");
    // At the passage: the view's current excerpt, with what cites it.
    s.wait_until("the view on an excerpt", |screen| {
        let text = text_of(screen);
        text.contains("Cited by: ")
            && regex::Regex::new(r" excerpt \d+ of \d+ · \] next")
                .unwrap()
                .is_match(&text)
    });
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}
