//! Frame cost of the reader: every view at 200×50 on the bundled brief and
//! on the large synthetic one. Steady-state frames must not grow with the
//! brief (target: under 1 ms); the first frame after a resize re-wraps and
//! is measured apart.

mod common;

use briefing::app::{self, State};
use briefing::brief::load_bundled;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const AREA: Rect = Rect::new(0, 0, 200, 50);

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// The views to measure, as key sequences from a fresh reader.
fn views(brief: &briefing::brief::Brief) -> Vec<(&'static str, Vec<Event>)> {
    let chars = |s: &str| s.chars().map(|c| key(KeyCode::Char(c))).collect::<Vec<_>>();
    // Down factor 1's items (key points, citation marks, links) onto its
    // first excerpt, counted by trying, then its source and the next
    // excerpt there.
    let to_excerpt = "j".repeat(common::presses_to_first_excerpt(brief, AREA));
    vec![
        ("overview", vec![]),
        ("factor", chars("1")),
        (
            "factor-bottom",
            [chars("1"), vec![key(KeyCode::Tab)], chars("G")].concat(),
        ),
        (
            "chronology-all",
            [chars("1c"), vec![key(KeyCode::BackTab)], chars("G")].concat(),
        ),
        (
            "event",
            [chars("1"), vec![key(KeyCode::BackTab), key(KeyCode::Enter)]].concat(),
        ),
        (
            "source",
            [
                chars("1"),
                vec![key(KeyCode::Tab)],
                chars(&to_excerpt),
                chars("s]"),
            ]
            .concat(),
        ),
        ("help", chars("?")),
    ]
}

fn reader(brief: &briefing::brief::Brief, events: &[Event]) -> State {
    let mut state = State::open(brief.clone(), 0, Default::default());
    for event in events {
        app::handle_event(&mut state, AREA, event);
    }
    app::layout::prepare(&mut state, AREA);
    state
}

fn bench_brief(c: &mut Criterion, name: &str, brief: &briefing::brief::Brief) {
    let mut group = c.benchmark_group(format!("render/{name}"));
    for (view, events) in views(brief) {
        let mut state = reader(brief, &events);
        let mut buffer = Buffer::empty(AREA);
        group.bench_function(BenchmarkId::new("frame", view), |b| {
            b.iter(|| {
                buffer.reset();
                app::layout::prepare(&mut state, AREA);
                briefing::ui::render_buffer(&state, &mut buffer);
            })
        });
        group.bench_function(BenchmarkId::new("first-frame-after-resize", view), |b| {
            // Five widths in turn: more than a document keeps layouts of
            // (the current one and three others), so every frame lays the
            // detail out again (the source view, at its 100-column
            // measure at all of them, has nothing to lay out again).
            let mut width = AREA.width;
            b.iter(|| {
                width = if width <= AREA.width - 4 {
                    AREA.width
                } else {
                    width - 1
                };
                let area = Rect::new(0, 0, width, AREA.height);
                let mut buffer = Buffer::empty(area);
                app::layout::prepare(&mut state, area);
                briefing::ui::render_buffer(&state, &mut buffer);
            })
        });
    }
    // What the timeline strip adds to a steady frame: the same views with
    // the strip and with it taken away.
    for (view, events) in views(brief) {
        if !matches!(view, "overview" | "factor" | "chronology-all") {
            continue;
        }
        for with_strip in [true, false] {
            let mut state = reader(brief, &events);
            assert!(
                state.laid_out.chronology.strip.is_some(),
                "{view} has a strip"
            );
            if !with_strip {
                state.laid_out.chronology.strip = None;
                app::layout::prepare(&mut state, AREA);
            }
            let name = if with_strip {
                "frame-with-strip"
            } else {
                "frame-without-strip"
            };
            let mut buffer = Buffer::empty(AREA);
            group.bench_function(BenchmarkId::new(name, view), |b| {
                b.iter(|| {
                    buffer.reset();
                    app::layout::prepare(&mut state, AREA);
                    briefing::ui::render_buffer(&state, &mut buffer);
                })
            });
        }
    }
    for (view, events) in views(brief) {
        if view == "source" {
            let state = reader(brief, &events);
            assert!(
                state.layers.view.is_some(),
                "the source view bench opens a source"
            );
        }
    }
    let mut state = reader(brief, &[key(KeyCode::Char('1')), key(KeyCode::Tab)]);
    let mut buffer = Buffer::empty(AREA);
    let (down, up) = (key(KeyCode::Char('j')), key(KeyCode::Char('k')));
    let mut step = 0usize;
    group.bench_function("move-selection-and-frame", |b| {
        b.iter(|| {
            step += 1;
            // Down for a while, then up, so the selection keeps moving.
            let event = if (step / 40).is_multiple_of(2) {
                &down
            } else {
                &up
            };
            app::handle_event(&mut state, AREA, event);
            buffer.reset();
            app::layout::prepare(&mut state, AREA);
            briefing::ui::render_buffer(&state, &mut buffer);
        })
    });
    // A jump back and forward between a factor and an event: each one
    // lays out the other's document afresh.
    let mut state = reader(brief, &[key(KeyCode::Char('1')), key(KeyCode::Tab)]);
    use briefing::app::location::{Location, Record, go};
    go(
        &mut state,
        Location::Event(brief.events.len() / 2),
        Record::Yes,
    );
    let back = Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    let forward = Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT));
    let mut step = 0usize;
    group.bench_function("jump-back-or-forward-and-frame", |b| {
        b.iter(|| {
            step += 1;
            let event = if step.is_multiple_of(2) {
                &forward
            } else {
                &back
            };
            app::handle_event(&mut state, AREA, event);
            buffer.reset();
            app::layout::prepare(&mut state, AREA);
            briefing::ui::render_buffer(&state, &mut buffer);
        })
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let bundled = load_bundled().brief.expect("bundled brief");
    bench_brief(c, "bundled", &bundled);

    c.bench_function("open-bundled-to-first-frame", |b| {
        b.iter(|| {
            let loaded = load_bundled();
            let mut state = State::open(loaded.brief.expect("valid"), 0, Default::default());
            let mut buffer = Buffer::empty(AREA);
            app::layout::prepare(&mut state, AREA);
            briefing::ui::render_buffer(&state, &mut buffer);
        })
    });

    let (_folder, large) = briefing::synthetic::load_large().expect("large synthetic brief");
    bench_brief(c, "large", &large);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = render
}
criterion_main!(benches);
