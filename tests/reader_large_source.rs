//! Resizing the source view of a large source (megabytes of text, laid
//! out lazily: exactly around the rows in view first, the rest over the
//! next frames): the same words stay on top, `G` and `]`/`[` land exactly
//! where they land on a reader opened at that size, and once the layout
//! is finished the position label counts the rows an exact layout has.

mod common;

use briefing::app::state::{DetailItem, State};
use briefing::brief::load_file;
use briefing::synthetic::large_source_of;
use common::Reader;
use ratatui::crossterm::event::KeyCode;

/// A source of this many bytes: above the size laid out lazily, small
/// enough for a test build.
const SOURCE_BYTES: usize = 1_500_000;

/// The large-source fixture's source view at `width`×`height`, at its
/// first excerpt. The folder must outlive the reader.
fn large_source_view(width: u16, height: u16) -> (tempfile::TempDir, Reader) {
    let folder = tempfile::tempdir().expect("temp dir");
    let fixture = large_source_of(SOURCE_BYTES, 60, 0, 7);
    let path = fixture.synthetic.write_to(folder.path()).expect("written");
    let brief = load_file(&path, "brief.toml")
        .expect("loads")
        .brief
        .expect("a brief");
    let state = State::open(brief, 0, Default::default());
    let mut r = Reader::new(state, width, height);
    r.keys("1").key(KeyCode::Tab);
    for _ in 0..200 {
        if matches!(r.state.selected_item(), Some(DetailItem::Excerpt(_))) {
            break;
        }
        r.keys("j");
    }
    r.keys("s");
    assert!(r.state.layers.view.is_some(), "{}", r.screen());
    (folder, r)
}

/// Resizes through more sizes than a document keeps layouts of, ending
/// at `width`×`height`: that size is laid out afresh, roughly.
fn resize_round_to(r: &mut Reader, width: u16, height: u16) {
    for (w, h) in [(200, 50), (90, 30), (84, 28), (96, 32), (78, 26)] {
        r.resize(w, h);
    }
    r.resize(width, height);
    assert!(
        r.source_layout().doc.is_rough(),
        "the first frame after the resize lays out only what is in view"
    );
}

/// Draws frames (as the loop does while a layout is unfinished) until
/// the layout is exact.
fn finish_layout(r: &mut Reader) {
    for _ in 0..500 {
        if !r.source_layout().doc.is_rough() {
            return;
        }
        r.draw();
    }
    panic!("the layout never finished");
}

#[test]
fn resizing_a_large_source_keeps_the_same_words_on_top_while_and_after_laying_out() {
    let (_folder, mut r) = large_source_view(120, 40);
    r.keys("jjjjjjjjjjjjjjjjjjjjjjj");
    let top = r.source_text_rows()[0].clone();
    assert!(!top.is_empty());
    resize_round_to(&mut r, 120, 40);
    assert_eq!(r.source_text_rows()[0], top, "{}", r.screen());
    finish_layout(&mut r);
    assert_eq!(r.source_text_rows()[0], top, "{}", r.screen());
}

#[test]
fn once_laid_out_the_rows_and_position_label_are_those_of_an_exact_layout() {
    let (_folder, mut resized) = large_source_view(120, 40);
    resize_round_to(&mut resized, 90, 30);
    // Opened at that size, and laid out to the end (opening a large
    // source lays it out lazily too).
    let (_other, mut fresh) = large_source_view(90, 30);
    finish_layout(&mut fresh);
    // An estimate meanwhile, within a tenth of the real count.
    let (rough, exact) = (
        resized.source_layout().doc.height(),
        fresh.source_layout().doc.height(),
    );
    assert!(rough.abs_diff(exact) < exact / 10, "{rough} vs {exact}");
    finish_layout(&mut resized);
    assert_eq!(resized.source_layout().doc.height(), exact);
    assert_eq!(
        resized.source_layout().doc.para_rows,
        fresh.source_layout().doc.para_rows
    );
    assert_eq!(
        resized.source_layout().excerpt_rows,
        fresh.source_layout().excerpt_rows
    );
    let label = format!(" of {exact} ");
    assert!(resized.screen().contains(&label), "{}", resized.screen());
}

#[test]
fn g_and_excerpt_jumps_after_a_resize_land_as_on_a_reader_opened_at_that_size() {
    let (_folder, mut resized) = large_source_view(120, 40);
    resize_round_to(&mut resized, 90, 30);
    let (_other, mut fresh) = large_source_view(90, 30);
    // The last excerpt (`[` from the first wraps round to it), then the
    // ones after it, while the layout is still being finished.
    for keys in ["[", "]", "]", "]"] {
        resized.keys(keys);
        fresh.keys(keys);
        assert_eq!(
            resized.source_text_rows(),
            fresh.source_text_rows(),
            "after {keys}"
        );
    }
    resized.keys("G");
    fresh.keys("G");
    assert_eq!(
        resized.source_text_rows(),
        fresh.source_text_rows(),
        "after G"
    );
    // Finishing the layout moves nothing.
    finish_layout(&mut resized);
    assert_eq!(
        resized.source_text_rows(),
        fresh.source_text_rows(),
        "once laid out"
    );
}

#[test]
fn random_resizes_and_scrolls_keep_the_top_byte_and_never_panic() {
    let (_folder, mut r) = large_source_view(120, 40);
    let mut rng = fastrand::Rng::with_seed(15);
    let keys = ["j", "k", "]", "[", "g", "G", "jjjjjjjjjj"];
    for _ in 0..60 {
        if rng.bool() {
            let before = r.source_view().top_byte;
            let (w, h) = (rng.u16(60..220), rng.u16(16..70));
            r.resize(w, h);
            // At the end of the text the view stays at the end instead.
            let v = r.source_view();
            let end = r
                .source_layout()
                .doc
                .height()
                .saturating_sub(r.state.laid_out.screen.source_text.height as usize);
            if v.scroll < end {
                assert_eq!(v.top_byte, before, "resized to {w}×{h}");
            }
        } else {
            r.keys(keys[rng.usize(..keys.len())]);
        }
        // The top row shows the byte the view keeps on top.
        let v = r.source_view();
        let text = briefing::brief::TextRef::SourceText(v.source);
        if let Some(byte) = v.top_byte {
            let scroll = v.scroll;
            let end = r
                .source_layout()
                .doc
                .height()
                .saturating_sub(r.state.laid_out.screen.source_text.height as usize);
            assert!(
                r.source_layout().doc.row_of(text, byte) == Some(scroll) || scroll == end,
                "top byte {byte} not on the top row {scroll}"
            );
        }
    }
    finish_layout(&mut r);
}

/// Opening a large source lays it out lazily too: the first frame shows
/// the excerpt's rows exactly as the finished layout does, and finishing
/// moves nothing.
#[test]
fn the_first_frame_of_a_large_source_is_what_the_finished_layout_shows() {
    let (_folder, mut r) = large_source_view(90, 30);
    assert!(r.source_layout().doc.is_rough(), "opened lazily");
    let first = r.source_text_rows();
    finish_layout(&mut r);
    assert!(!r.source_layout().doc.is_rough());
    assert_eq!(r.source_text_rows(), first, "{}", r.screen());
    // And as the exact layout lays those words out from the top.
    r.keys("g");
    let top = r.source_text_rows();
    let (_other, mut exact) = large_source_view(90, 30);
    finish_layout(&mut exact);
    exact.keys("g");
    assert_eq!(top, exact.source_text_rows());
}
