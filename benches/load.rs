//! Loading briefs: the large synthetic brief (about 18 MB of TOML quoting
//! 7 MB of sources) against a bare TOML parse of the same text, and the
//! bundled brief.
//!
//! Target: the whole check (read, parse, validate, read sources, verify
//! every quote) within twice the time of `toml::from_str::<toml::Table>`.

use std::hint::black_box;

use briefing::brief::load::{load_bundled, load_file};
use briefing::synthetic::{Size, generate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn large(c: &mut Criterion) {
    // Generated and written once, outside the timed loops.
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let synthetic = generate(Size::LARGE, 1);
    let path = synthetic.write_to(dir.path()).expect("written");
    let text = std::fs::read_to_string(&path).expect("readable");
    let source_bytes: usize = synthetic.sources.iter().map(|(_, s)| s.len()).sum();

    // The generated brief must check clean, or the timing means nothing.
    let loaded = load_file(&path, "brief.toml").expect("loads");
    assert_eq!(loaded.errors(), 0, "{}", loaded.render_diagnostics());
    assert_eq!(loaded.warnings(), 0, "{}", loaded.render_diagnostics());
    let brief = loaded.brief.as_ref().expect("a brief");
    let counts = brief.verification_counts();
    assert_eq!(counts.verified, brief.excerpts.len());
    eprintln!(
        "large brief: {:.1} MB of TOML, {:.1} MB of sources in {} files; {}",
        text.len() as f64 / 1e6,
        source_bytes as f64 / 1e6,
        synthetic.sources.len(),
        briefing::check::summary_line(&loaded),
    );
    drop(loaded);

    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("toml_from_str_table", |b| {
        b.iter(|| toml::from_str::<toml::Table>(black_box(&text)).expect("parses"))
    });
    group.bench_function("load_file_check", |b| {
        b.iter(|| load_file(black_box(&path), "brief.toml").expect("loads"))
    });
    group.finish();
}

fn bundled(c: &mut Criterion) {
    let loaded = load_bundled();
    assert_eq!(loaded.errors() + loaded.warnings(), 0);
    c.bench_function("bundled/load_bundled", |b| b.iter(load_bundled));
}

criterion_group!(benches, large, bundled);
criterion_main!(benches);
