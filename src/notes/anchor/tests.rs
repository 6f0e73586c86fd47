use super::*;

fn passage_in(text: &str, words: &str) -> Passage {
    let at = text.find(words).expect("words in text");
    let start = text[..at].chars().count();
    Passage::capture(Field::Summary, text, start, start + words.chars().count())
}

fn locate_in(passage: &Passage, text: &str) -> Located {
    let index = CharIndex::new(text);
    locate(
        passage,
        &[FieldText {
            text,
            index: &index,
        }],
        Some(0),
    )
}

fn span(text: &str, located: Located) -> (String, usize) {
    match located {
        Located::Found {
            start, end, errors, ..
        } => (text.chars().skip(start).take(end - start).collect(), errors),
        Located::Orphaned => panic!("orphaned"),
    }
}

const TEXT: &str = "Pakistan holds the Taliban responsible for sheltering the TTP, whose attacks it says killed hundreds of soldiers, police and civilians in the past year; Kabul denies this and calls the TTP Pakistan's internal matter.";

#[test]
fn unchanged_text_is_found_in_place() {
    let passage = passage_in(TEXT, "killed hundreds of soldiers");
    assert_eq!(
        locate_in(&passage, TEXT),
        Located::Found {
            field: 0,
            start: passage.start,
            end: passage.end,
            errors: 0
        }
    );
}

#[test]
fn a_slight_edit_is_a_near_match() {
    let passage = passage_in(TEXT, "killed hundreds of soldiers");
    let edited = TEXT.replace(
        "killed hundreds of soldiers",
        "killed hundreds of its soldiers",
    );
    let (words, errors) = span(&edited, locate_in(&passage, &edited));
    assert_eq!(words, "killed hundreds of its soldiers");
    assert!(errors > 0);
}

#[test]
fn short_words_with_new_context_are_not_taken() {
    let passage = passage_in(TEXT, "the TTP");
    // Both occurrences gone from their old surroundings; one unrelated
    // "the TTP" left with a different context.
    let edited = "An unrelated sentence mentions the TTP once, and nothing else.";
    assert_eq!(locate_in(&passage, edited), Located::Orphaned);
}

#[test]
fn many_short_patterns_overlapping_everywhere_cost_a_bounded_pass() {
    let text = "a".repeat(300_000);
    let index = CharIndex::new(&text);
    let owned: Vec<String> = (1..=300).map(|k| "a".repeat(k)).collect();
    let mut patterns: Vec<&str> = owned.iter().map(String::as_str).collect();
    patterns.push("b");
    let (hits, reports) = find_all_counted(&text, &patterns, &index);
    // Every position reports every pattern ending there (300 at each):
    // unbounded, that is 90 million reports.
    assert!(
        reports <= REPORTS_PER_BYTE * text.len() + SCORED_PLACES * patterns.len(),
        "{reports}"
    );
    // Cut short, the pass is sure of nothing: each note then looks near
    // its own place, a bounded number of places.
    assert!(hits.values().all(Option::is_none));
    let near = find_near(&text, &owned[99], &index, 150_000);
    assert_eq!(near.len(), SCORED_PLACES);
    assert!(near.iter().all(|s| s.abs_diff(150_000) <= SCORED_PLACES));
    // A pass that finishes is sure, of rare words and of absent ones.
    let text = "ab ".repeat(1000);
    let (hits, _) = find_all_counted(&text, &["b a", "c"], &CharIndex::new(&text));
    assert_eq!(hits["b a"].as_ref().map(Vec::len), Some(999));
    assert_eq!(hits["c"], Some(Vec::new()));
}

#[test]
fn a_long_unique_quote_needs_no_context() {
    let words = "whose attacks it says killed hundreds of soldiers";
    let passage = passage_in(TEXT, words);
    let edited = format!("Entirely new opening text here. The group {words}. New ending.");
    assert_eq!(span(&edited, locate_in(&passage, &edited)).0, words);
}
