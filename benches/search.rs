//! Search over the whole brief, as typed: the bundled brief and the large
//! synthetic one (20,000 events, 20,000 excerpts, 7 MB of sources). Target:
//! results within 50 ms.

use briefing::app::search::MAX_HITS;
use briefing::brief::{Brief, load_bundled};
use briefing::text::search::{Query, reading_order, search_brief};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn bench_brief(c: &mut Criterion, name: &str, brief: &Brief) {
    let mut group = c.benchmark_group(format!("search/{name}"));
    for with_sources in [false, true] {
        let order = reading_order(brief, with_sources);
        for query in [
            "doha",
            "Pakistan's",
            "ceasefire talks",
            "zzz-not-there",
            "a",
        ] {
            let compiled = Query::new(query).expect("query");
            let label = format!("{query}{}", if with_sources { " +src" } else { "" });
            group.bench_function(BenchmarkId::new("query", label), |b| {
                b.iter(|| search_brief(brief, &order, &compiled, MAX_HITS).0.len())
            });
        }
    }
    group.bench_function("reading-order", |b| {
        b.iter(|| reading_order(brief, true).len())
    });
    group.bench_function("compile", |b| b.iter(|| Query::new("Pakistan's ceasefire")));
    // The go-to palette: open it, then type two letters (each re-ranks).
    let state = briefing::app::State::open(brief.clone(), 0, Default::default());
    let entries = briefing::app::palette::entries(&state);
    group.bench_function("palette-open", |b| {
        b.iter(|| {
            briefing::app::palette::PaletteState::new(entries.clone())
                .matches
                .len()
        })
    });
    group.bench_function("palette-type-two-letters", |b| {
        b.iter(|| {
            let mut palette = briefing::app::palette::PaletteState::new(entries.clone());
            palette.type_text("do");
            palette.matches.len()
        })
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let bundled = load_bundled().brief.expect("bundled brief");
    bench_brief(c, "bundled", &bundled);
    let (_folder, large) = briefing::synthetic::load_large().expect("large synthetic brief");
    bench_brief(c, "large", &large);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_secs(2));
    targets = search
}
criterion_main!(benches);
