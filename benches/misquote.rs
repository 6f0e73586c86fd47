//! The divergence hint for a quote not found: a 2,000-character misquote
//! (one word changed in its middle) in a 10 MB source.
//!
//! Target: the hint within 50 ms. The source is folded once for
//! verification anyway; the hint reuses that folded text, so the folding
//! is timed on its own for comparison.

use std::hint::black_box;

use briefing::brief::misquote::hint;
use briefing::text::fold::fold_mapped;
use criterion::{Criterion, criterion_group, criterion_main};

/// About `bytes` of prose-like text from a fixed vocabulary.
fn source(bytes: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(16);
    let vocabulary: Vec<String> = (0..4000)
        .map(|_| {
            let len = rng.usize(2..10);
            (0..len).map(|_| rng.lowercase()).collect()
        })
        .collect();
    let mut text = String::with_capacity(bytes + 64);
    let mut sentence = 0;
    while text.len() < bytes {
        text.push_str(&vocabulary[rng.usize(..vocabulary.len())]);
        sentence += 1;
        if sentence % 14 == 0 {
            text.push_str(".\n");
        } else {
            text.push(' ');
        }
    }
    text
}

fn misquote(c: &mut Criterion) {
    let text = source(10_000_000);
    // 2,000 characters from the middle, one word in the middle replaced.
    let from = text[text.len() / 2..].find(' ').unwrap() + text.len() / 2 + 1;
    let passage = &text[from..from + 2000];
    let middle = passage[1000..].find(' ').unwrap() + 1000 + 1;
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
