//! Caret mode: one motion plus the frame after it, on the bundled brief
//! (target ≤ 1 ms) and in the source view of the large-source fixture's
//! 10 MB text (h l w b e j k ≤ 16 ms; G and a search ≤ 50 ms).

mod common;

use briefing::app::{self, State};
use briefing::brief::{Brief, load_bundled, load_file};
use briefing::synthetic::large_source;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const AREA: Rect = Rect::new(0, 0, 160, 48);

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn chars(s: &str) -> Vec<Event> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn frame(state: &mut State, buffer: &mut Buffer) {
    buffer.reset();
    app::layout::prepare(state, AREA);
    briefing::ui::render_buffer(state, buffer);
}

fn reader(brief: &Brief, events: &[Event]) -> State {
    let mut state = State::open(brief.clone(), 0, Default::default());
    let mut buffer = Buffer::empty(AREA);
    for event in events {
        app::handle_event(&mut state, AREA, event);
        frame(&mut state, &mut buffer);
    }
    assert!(state.layers.caret.is_some(), "in caret mode");
    state
}

/// Each motion key and the key that undoes it, pressed in turn (a
/// forward run then a backward one, so the caret keeps moving).
fn bench_motions(c: &mut Criterion, group: &str, state: &mut State, pairs: &[(&str, char, char)]) {
    let mut group = c.benchmark_group(group);
    group.sample_size(20);
    let mut buffer = Buffer::empty(AREA);
    for &(name, forward, back) in pairs {
        let (forward, back) = (key(KeyCode::Char(forward)), key(KeyCode::Char(back)));
        let mut step = 0usize;
        group.bench_function(name, |b| {
            b.iter(|| {
                step += 1;
                let event = if (step / 30).is_multiple_of(2) {
                    &forward
                } else {
                    &back
                };
                app::handle_event(state, AREA, event);
                frame(state, &mut buffer);
            })
        });
    }
    group.finish();
}

fn caret(c: &mut Criterion) {
    let bundled = load_bundled().brief.expect("bundled brief");
    let mut state = reader(
        &bundled,
        &[chars("1"), vec![key(KeyCode::Tab)], chars("jv")].concat(),
    );
    bench_motions(
        c,
        "caret/bundled",
        &mut state,
        &[
            ("l-h", 'l', 'h'),
            ("w-b", 'w', 'b'),
            ("j-k", 'j', 'k'),
            ("G-g", 'G', 'g'),
        ],
    );

    let folder = tempfile::tempdir().expect("temp dir");
    let fixture = large_source(1);
    let path = fixture.synthetic.write_to(folder.path()).expect("written");
    let large: Brief = load_file(&path, "brief.toml")
        .expect("loads")
        .brief
        .expect("a brief");
    // Down factor 1's items (key points, citation marks) onto its first
    // excerpt, counted by trying, then its source.
    let to_source = [
        chars("1"),
        vec![key(KeyCode::Tab)],
        chars(&"j".repeat(common::presses_to_first_excerpt(&large, AREA))),
        chars("s"),
    ]
    .concat();
    let mut state = reader(&large, &[to_source.clone(), chars("v")].concat());
    assert!(
        state.layers.view.is_some(),
        "the caret is in the source view"
    );
    // Start in the middle of the text.
    for _ in 0..3 {
        app::handle_event(&mut state, AREA, &key(KeyCode::Char('G')));
    }
    app::handle_event(
        &mut state,
        AREA,
        &Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    bench_motions(
        c,
        "caret/large-source",
        &mut state,
        &[
            ("l-h", 'l', 'h'),
            ("w-b", 'w', 'b'),
            ("e-b", 'e', 'b'),
            ("j-k", 'j', 'k'),
            ("G-g", 'G', 'g'),
        ],
    );
    // `/` with a word of the text, Enter: the caret on the first hit. The
    // search itself (over the 10 MB source) is timed once, key by key;
    // then `n`/`N` with their frames are measured.
    let mut state = reader(&large, &[to_source, chars("v")].concat());
    let mut buffer = Buffer::empty(AREA);
    for event in [chars("/ceasefire"), vec![key(KeyCode::Enter)]].concat() {
        let started = std::time::Instant::now();
        app::handle_event(&mut state, AREA, &event);
        frame(&mut state, &mut buffer);
        eprintln!(
            "search in the large source, {event:?} and its frame: {:?}",
            started.elapsed()
        );
    }
    assert!(state.layers.caret.is_some(), "still in caret mode");
    bench_motions(c, "caret/large-source", &mut state, &[("n-N", 'n', 'N')]);
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = caret
}
criterion_main!(benches);
