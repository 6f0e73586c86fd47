//! Resizing the source view of a large source through a real
//! pseudo-terminal: the first frame lays out only what is in view, and the
//! reader's loop finishes the layout by itself, without a key pressed,
//! until the position label counts the rows of the exact layout.
#![cfg(unix)]

mod common;
mod pty_harness;

use briefing::app::state::{DetailItem, State};
use briefing::brief::load_file;
use briefing::synthetic::large_source_of;
use common::Reader;
use pty_harness::*;
use ratatui::crossterm::event::KeyCode;

#[test]
fn after_a_resize_the_loop_finishes_the_layout_and_the_label_becomes_exact() {
    let folder = tempfile::tempdir().expect("temp dir");
    let fixture = large_source_of(1_500_000, 60, 0, 7);
    let path = fixture.synthetic.write_to(folder.path()).expect("written");
    let brief = load_file(&path, "brief.toml")
        .expect("loads")
        .brief
        .expect("a brief");
    // In process first, at the PTY's 100×30: the keys to the source view,
    // and the row count at 90×30 estimated, then exact.
    let mut r = Reader::new(State::open(brief, 0, Default::default()), 100, 30);
    r.keys("1").key(KeyCode::Tab);
    let mut keys = String::from("1\t");
    for _ in 0..200 {
        if matches!(r.state.selected_item(), Some(DetailItem::Excerpt(_))) {
            break;
        }
        r.keys("j");
        keys.push('j');
    }
    r.keys("s");
    keys.push('s');
    r.resize(90, 30);
    let estimate = r.source_layout().doc.height();
    while r.source_layout().doc.is_rough() {
        r.draw();
    }
    let exact = r.source_layout().doc.height();
    assert_ne!(estimate, exact, "the first frame's count is an estimate");

    let mut s = Session::start(&[path.as_path()]);
    s.wait_for("┌ Factor");
    s.send(keys.as_bytes());
    s.wait_for("Source:");
    s.resize(90, 30);
    let label = format!(" of {exact} ");
    s.wait_until(&format!("{label:?} in the position label"), |screen| {
        text_of(screen).contains(&label)
    });
    // `q` closes the source view, then quits.
    s.send(b"q");
    s.wait_for("┌ Factors");
    s.send(b"q");
    assert!(s.wait_exit().success());
}
