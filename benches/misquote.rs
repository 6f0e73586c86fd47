//! The divergence hint for a quote not found: a 2,000-character misquote
//! (one word changed in its middle) in the 10 MB source of the
//! large-source fixture ([`briefing::synthetic::large_source`]).
//!
//! Target: the hint within 50 ms. The source is folded once for
//! verification anyway; the hint reuses that folded text, so the folding
//! is timed on its own for comparison.

use std::hint::black_box;

use briefing::brief::misquote::hint;
use briefing::text::fold::fold_mapped;
use criterion::{Criterion, criterion_group, criterion_main};

fn misquote(c: &mut Criterion) {
    // The fixture's source, without its notes (not needed here).
    let fixture = briefing::synthetic::large_source_of(10_000_000, 1_000, 0, 1);
    let text = fixture.synthetic.sources[0].1.clone();
    assert!(text.len() >= 10_000_000, "{} bytes", text.len());
    // 2,000 characters from the middle, one word in the middle replaced.
    let half = text.ceil_char_boundary(text.len() / 2);
    let from = text[half..].find(' ').unwrap() + half + 1;
    let to = text[from..]
        .char_indices()
        .nth(2000)
        .map_or(text.len(), |(i, _)| from + i);
    let passage = &text[from..to];
    assert_eq!(passage.chars().count(), 2000);
    let mid = passage.ceil_char_boundary(passage.len() / 2);
    let middle = passage[mid..].find(' ').unwrap() + mid + 1;
    let word_end = passage[middle..].find(' ').unwrap() + middle;
    let quote = format!("{}QUOTEDWRONG{}", &passage[..middle], &passage[word_end..]);
    let haystack = fold_mapped(&text);
    let found = hint(&haystack, &text, &quote);
    assert!(
        found
            .message
            .contains("where the quote has \u{2018}QUOTEDWRONG"),
        "{}",
        found.message
    );
    let mut group = c.benchmark_group("misquote");
    group.sample_size(10);
    group.bench_function("hint_2000_chars_in_10mb", |b| {
        b.iter(|| hint(black_box(&haystack), &text, black_box(&quote)))
    });
    group.bench_function("fold_10mb_for_comparison", |b| {
        b.iter(|| fold_mapped(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, misquote);
criterion_main!(benches);
