//! Re-anchoring notes after the brief changed: the bundled brief, with
//! notes taken on it, then edited the ways authors edit.

use briefing::brief::Brief;
use briefing::notes::{
    Anchor, Field, ItemKind, ItemRef, Note, NoteTarget, Passage, field_text, place_all,
};

fn bundled() -> Brief {
    briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads")
}

/// A note on the first occurrence of `words` in the field.
fn note_on(brief: &Brief, kind: ItemKind, id: Option<&str>, field: Field, words: &str) -> Note {
    let text = field_text(brief, kind, id, &field).expect("the field exists");
    nth_note_on(text, kind, id, field, words, 0)
}

/// A note on occurrence `n` (from 0) of `words` in `text`.
fn nth_note_on(
    text: &str,
    kind: ItemKind,
    id: Option<&str>,
    field: Field,
    words: &str,
    n: usize,
) -> Note {
    let at = text
        .match_indices(words)
        .nth(n)
        .expect("words in the field")
        .0;
    let start = text[..at].chars().count();
    let passage = Passage::capture(field, text, start, start + words.chars().count());
    Note::new(NoteTarget::passage(kind, id, passage), "a thought".into())
}

fn words_at(text: &str, anchor: Anchor) -> String {
    let range = anchor.range().expect("placed");
    text.chars().skip(range.start).take(range.len()).collect()
}

const TERRORISM: &str = "terrorism";

fn factor_mut<'b>(brief: &'b mut Brief, id: &str) -> &'b mut briefing::brief::Factor {
    brief.factors.iter_mut().find(|f| f.id == id).unwrap()
}

#[test]
fn unchanged_text_anchors_in_place() {
    let brief = bundled();
    let notes = vec![
        note_on(
            &brief,
            ItemKind::Brief,
            None,
            Field::Summary,
            "under four headings",
        ),
        note_on(
            &brief,
            ItemKind::Factor,
            Some(TERRORISM),
            Field::KeyPoint(2),
            "financial backing",
        ),
        note_on(
            &brief,
            ItemKind::Excerpt,
            Some("ttp-toll"),
            Field::Quote,
            "311 soldiers",
        ),
        note_on(
            &brief,
            ItemKind::Source,
            Some("khan-2025"),
            Field::Text,
            "North Waziristan",
        ),
        Note::new(
            NoteTarget::item(ItemKind::Event, &brief.events[3].id),
            "item".into(),
        ),
        Note::new(NoteTarget::brief(), "whole brief".into()),
    ];
    let placements = place_all(&brief, &notes);
    assert_eq!(placements.len(), notes.len());
    for (placement, note) in placements.iter().zip(&notes) {
        assert_eq!(notes[placement.note].id, note.id);
        match &note.target.passage {
            Some(passage) => {
                assert_eq!(
                    placement.anchor,
                    Some(Anchor::Anchored {
                        start: passage.start,
                        end: passage.end
                    })
                );
                assert_eq!(placement.field, Some(passage.field));
            }
            None => assert_eq!(placement.anchor, None),
        }
    }
    assert_eq!(placements[0].item, Some(ItemRef::Brief));
    assert_eq!(placements[1].item, Some(ItemRef::Factor(0)));
    assert_eq!(placements[2].item, Some(ItemRef::Excerpt(0)));
    assert_eq!(placements[3].item, Some(ItemRef::Source(1)));
    assert_eq!(placements[4].item, Some(ItemRef::Event(3)));
    assert_eq!(placements[5].item, Some(ItemRef::Brief));
}

#[test]
fn an_edit_elsewhere_in_the_field_keeps_the_anchor() {
    let mut brief = bundled();
    let note = note_on(
        &brief,
        ItemKind::Factor,
        Some(TERRORISM),
        Field::Summary,
        "UN experts cited in one source",
    );
    factor_mut(&mut brief, TERRORISM)
        .summary
        .push_str("A sentence added at the end.");
    let passage = note.target.passage.as_ref().unwrap();
    let placed = &place_all(&brief, std::slice::from_ref(&note))[0];
    assert_eq!(
        placed.anchor,
        Some(Anchor::Anchored {
            start: passage.start,
            end: passage.end
        })
    );
}

#[test]
fn the_same_words_moved_elsewhere_are_followed() {
    let mut brief = bundled();
    let sentence = "UN experts cited in one source report that the Taliban fund TTP leaders and that its fighters train in Afghanistan [@un-experts]. ";
    let words = "the Taliban fund TTP leaders";
    let note = note_on(
        &brief,
        ItemKind::Factor,
        Some(TERRORISM),
        Field::Summary,
        words,
    );
    let factor = factor_mut(&mut brief, TERRORISM);
    factor.summary = factor.summary.replace(sentence, "");
    factor.summary = format!("{}{}", sentence, factor.summary);
    let placed = &place_all(&brief, std::slice::from_ref(&note))[0];
    let Some(anchor @ Anchor::Moved { start, .. }) = placed.anchor else {
        panic!("expected Moved, got {placed:?}");
    };
    assert_eq!(words_at(&brief.factors[0].summary, anchor), words);
    assert!(start < note.target.passage.as_ref().unwrap().start);
    assert_eq!(placed.item, Some(ItemRef::Factor(0)));
}

#[test]
fn reordered_key_points_are_followed_to_their_new_index() {
    let mut brief = bundled();
    let words = "the Taliban do not view it as a terrorist organisation";
    let note = note_on(
        &brief,
        ItemKind::Factor,
        Some(TERRORISM),
        Field::KeyPoint(1),
        words,
    );
    let factor = factor_mut(&mut brief, TERRORISM);
    factor.key_points.insert(0, "A new first key point.".into());
    factor.key_points.swap(2, 4);
    let placed = &place_all(&brief, &[note])[0];
    assert!(
        matches!(placed.anchor, Some(Anchor::Moved { .. })),
        "{placed:?}"
    );
    assert_eq!(placed.field, Some(Field::KeyPoint(4)));
    assert_eq!(
        words_at(&brief.factors[0].key_points[4], placed.anchor.unwrap()),
        words
    );
}

#[test]
fn slightly_edited_words_are_found_and_marked_changed() {
    let mut brief = bundled();
    let words = "the TTP carried out over a hundred attacks in the past year";
    let note = note_on(
        &brief,
        ItemKind::Factor,
        Some(TERRORISM),
        Field::Summary,
        words,
    );
    let edited = "the TTP carried out over one hundred attacks in the last year";
    let factor = factor_mut(&mut brief, TERRORISM);
    factor.summary = factor.summary.replace(words, edited);
    let placed = &place_all(&brief, &[note])[0];
    let Some(anchor @ Anchor::Changed { .. }) = placed.anchor else {
        panic!("expected Changed, got {placed:?}");
    };
    assert_eq!(words_at(&brief.factors[0].summary, anchor), edited);
    assert_eq!(placed.item, Some(ItemRef::Factor(0)));
}

#[test]
fn a_deleted_passage_orphans_the_note() {
    let mut brief = bundled();
    let sentence = "Experts cited in that report suggest that a crackdown could push TTP fighters towards the Islamic State [@ttp-recruits]. ";
    let note = note_on(
        &brief,
        ItemKind::Factor,
        Some(TERRORISM),
        Field::Summary,
        "push TTP fighters towards the Islamic State",
    );
    let factor = factor_mut(&mut brief, TERRORISM);
    assert!(factor.summary.contains(sentence));
    factor.summary = factor.summary.replace(sentence, "");
    let placed = &place_all(&brief, &[note])[0];
    assert_eq!(placed.item, None);
    assert_eq!(placed.anchor, Some(Anchor::Orphaned));
    assert!(placed.is_orphan());
}

#[test]
fn a_duplicated_sentence_is_too_ambiguous_to_place() {
    let mut brief = bundled();
    let sentence = "According to Pakistani sources, the TTP carried out over a hundred attacks in the past year, killing about 500 civilians, 311 soldiers and 73 police officers [@ttp-toll]. ";
    let note = note_on(
        &brief,
        ItemKind::Factor,
        Some(TERRORISM),
        Field::Summary,
        "killing about 500 civilians",
    );
    let factor = factor_mut(&mut brief, TERRORISM);
    // The sentence now appears twice, with the same words around it, and
    // the original place is rewritten.
    factor.summary = format!(
        "{sentence}Meanwhile, other things happened. {sentence}{}",
        factor
            .summary
            .replace(sentence, "Pakistani sources count the attacks. ")
    );
    let placed = &place_all(&brief, &[note])[0];
    assert_eq!(placed.anchor, Some(Anchor::Orphaned), "{placed:?}");
}

#[test]
fn a_repeated_short_word_whose_context_changed_does_not_jump() {
    let text =
        "Islamabad blames the TTP for the attacks. Kabul says the TTP is an internal matter.";
    let note = nth_note_on(
        text,
        ItemKind::Excerpt,
        Some("x"),
        Field::Annotation,
        "TTP",
        1,
    );
    let mut brief = bundled();
    let excerpt = &mut brief.excerpts[0];
    excerpt.id = "x".into();
    excerpt.annotation = Some(text.into());
    let before = &place_all(&brief, std::slice::from_ref(&note))[0];
    assert!(matches!(before.anchor, Some(Anchor::Anchored { .. })));

    brief.excerpts[0].annotation =
        Some("Reports differ on the TTP. Some name the TTP, others a splinter group.".into());
    let placed = &place_all(&brief, &[note])[0];
    assert_eq!(placed.anchor, Some(Anchor::Orphaned), "{placed:?}");
}

#[test]
fn a_fixed_typo_does_not_send_the_note_to_another_occurrence() {
    // The note was on "Robn" (a typo); after the fix, "Robin" occurs twice.
    let text = "Robin wrote first. Later, Robn replied to the committee at length.";
    let note = nth_note_on(text, ItemKind::Excerpt, Some("x"), Field::Quote, "Robn", 0);
    let mut brief = bundled();
    brief.excerpts[0].id = "x".into();
    let fixed = text.replace("Robn", "Robin");
    brief.excerpts[0].quote = fixed.clone();
    let placed = &place_all(&brief, &[note])[0];
    let anchor = placed.anchor.expect("a passage anchor");
    let second = fixed[..fixed.find("Robin replied").unwrap()]
        .chars()
        .count();
    assert_eq!(
        anchor,
        Anchor::Changed {
            start: second,
            end: second + 5
        }
    );
}

#[test]
fn notes_whose_item_is_gone_are_orphans() {
    let mut brief = bundled();
    let item = Note::new(
        NoteTarget::item(ItemKind::Factor, "us"),
        "on the U.S. factor".into(),
    );
    let passage = note_on(
        &brief,
        ItemKind::Factor,
        Some("us"),
        Field::Summary,
        "Bagram Air Base",
    );
    let missing_field = note_on(
        &brief,
        ItemKind::Event,
        Some(&brief.events[0].id.clone()),
        Field::Detail,
        "Pakistan",
    );
    brief.factors.retain(|f| f.id != "us");
    brief.events[0].detail = None;
    let placements = place_all(&brief, &[item, passage, missing_field]);
    assert_eq!(placements[0].item, None);
    assert_eq!(placements[0].anchor, None);
    assert_eq!(placements[1].item, None);
    assert_eq!(placements[1].anchor, Some(Anchor::Orphaned));
    assert_eq!(
        placements[2].item, None,
        "the event is there but its detail is gone"
    );
    assert!(placements.iter().all(|p| p.is_orphan()));
}

mod random_edits {
    use super::*;
    use proptest::prelude::*;

    /// Fields of the bundled brief to take passages from.
    fn field(choice: usize) -> (ItemKind, Option<&'static str>, Field) {
        [
            (ItemKind::Brief, None, Field::Summary),
            (ItemKind::Factor, Some(TERRORISM), Field::Summary),
            (ItemKind::Factor, Some(TERRORISM), Field::KeyPoint(3)),
            (ItemKind::Excerpt, Some("ttp-toll"), Field::Annotation),
            (ItemKind::Source, Some("khan-2025"), Field::Text),
        ][choice]
    }

    fn set_field(brief: &mut Brief, choice: usize, text: String) {
        match choice {
            0 => brief.summary = text,
            1 => factor_mut(brief, TERRORISM).summary = text,
            2 => factor_mut(brief, TERRORISM).key_points[3] = text,
            3 => brief.excerpts[0].annotation = Some(text),
            _ => brief.sources[1].text = Some(text),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Whatever the edits, a placed passage points into the current
        /// text at words equal to (anchored, moved) or within the error
        /// bound of (changed) the recorded ones.
        #[test]
        fn placements_always_point_at_fitting_words(
            choice in 0usize..5,
            at in 0.0f64..1.0,
            len in 1usize..60,
            edits in proptest::collection::vec((0.0f64..1.0, 0usize..12, "[a-z ]{0,12}"), 0..4),
        ) {
            let mut brief = bundled();
            let (kind, id, field) = field(choice);
            let text = field_text(&brief, kind, id, &field).unwrap().to_string();
            let chars: Vec<char> = text.chars().collect();
            let len = len.min(chars.len());
            let start = ((chars.len() - len) as f64 * at) as usize;
            let passage = Passage::capture(field, &text, start, start + len);
            let note = Note::new(NoteTarget::passage(kind, id, passage.clone()), String::new());

            let mut edited = chars.clone();
            for (where_, delete, insert) in &edits {
                let from = ((edited.len() as f64) * where_) as usize;
                let to = (from + delete).min(edited.len());
                edited.splice(from..to, insert.chars());
            }
            let edited: String = edited.into_iter().collect();
            let unchanged = edited == text;
            set_field(&mut brief, choice, edited.clone());

            let placed = &place_all(&brief, std::slice::from_ref(&note))[0];
            let anchor = placed.anchor.expect("a passage note has an anchor");
            if unchanged {
                prop_assert_eq!(anchor, Anchor::Anchored { start: passage.start, end: passage.end });
            }
            if let Some(range) = anchor.range() {
                prop_assert!(placed.item.is_some());
                prop_assert!(range.start <= range.end && range.end <= edited.chars().count());
                let words: Vec<char> = edited.chars().skip(range.start).take(range.len()).collect();
                let exact: Vec<char> = passage.exact.chars().collect();
                match anchor {
                    Anchor::Changed { .. } => {
                        let distance = strsim::generic_levenshtein(&words, &exact);
                        prop_assert!(distance >= 1 && distance <= (exact.len() / 4).min(64));
                    }
                    _ => prop_assert_eq!(words, exact),
                }
            } else {
                prop_assert!(placed.item.is_none());
            }
        }
    }
}

/// The source text with every occurrence of `from` replaced.
fn edit_source(brief: &mut Brief, id: &str, from: &str, to: &str) {
    let source = brief.sources.iter_mut().find(|s| s.id == id).unwrap();
    let text = source.text.as_mut().unwrap();
    *text = text.replace(from, to);
}

#[test]
fn a_context_longer_than_the_format_allows_is_cut_not_trusted() {
    let mut brief = bundled();
    let short = note_on(
        &brief,
        ItemKind::Source,
        Some("khan-2025"),
        Field::Text,
        "North Waziristan",
    );
    // A hand-edited file with 60,000 characters of context that match
    // nothing: only the 32 next to the words count.
    let mut long = short.clone();
    let passage = long.target.passage.as_mut().unwrap();
    passage.prefix = format!("{}{}", "z".repeat(60_000), passage.prefix);
    passage.suffix = format!("{}{}", passage.suffix, "q".repeat(60_000));
    edit_source(
        &mut brief,
        "khan-2025",
        "North Waziristan",
        "North  Waziristan",
    );
    let placed = place_all(&brief, &[short, long]);
    assert_eq!(placed[0].anchor, placed[1].anchor);
    assert!(matches!(placed[0].anchor, Some(Anchor::Changed { .. })));
}

#[test]
fn placing_all_notes_at_once_agrees_with_placing_each_alone() {
    let mut brief = bundled();
    let text = field_text(&brief, ItemKind::Source, Some("khan-2025"), &Field::Text)
        .unwrap()
        .to_string();
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.len() > 6)
        .take(60)
        .collect();
    let notes: Vec<Note> = words
        .iter()
        .map(|w| {
            nth_note_on(
                &text,
                ItemKind::Source,
                Some("khan-2025"),
                Field::Text,
                w,
                0,
            )
        })
        .collect();
    // Change the text so the exact search runs: every third word edited.
    for w in words.iter().step_by(3) {
        let edited = format!("{}x{}", &w[..2], &w[2..]);
        edit_source(&mut brief, "khan-2025", w, &edited);
    }
    edit_source(&mut brief, "khan-2025", "The ", "The the ");
    let together = place_all(&brief, &notes);
    for (i, note) in notes.iter().enumerate() {
        // One note, without the shared pass: its own search.
        let alone = &briefing::notes::Placer::new(&brief).place(i, note);
        assert_eq!(together[i].anchor, alone.anchor, "note on {:?}", words[i]);
        assert_eq!(together[i].bytes, alone.bytes, "note on {:?}", words[i]);
    }
    // And the byte ranges hold the words placed.
    let now = field_text(&brief, ItemKind::Source, Some("khan-2025"), &Field::Text).unwrap();
    for placed in &together {
        if let (Some(anchor), Some(bytes)) = (placed.anchor, placed.bytes.clone()) {
            assert_eq!(now[bytes].to_string(), words_at(now, anchor));
        }
    }
}

mod hostile_files {
    use super::*;
    use briefing::notes::{Decoded, decode, encode};
    use proptest::prelude::*;

    fn offset() -> impl Strategy<Value = usize> {
        prop_oneof![
            0usize..64,
            Just(usize::MAX),
            Just(usize::MAX - 1),
            (usize::MAX - 70_000)..usize::MAX,
            any::<usize>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// A note file from anywhere — offsets near `usize::MAX`, end
        /// before start, context of any length, words or texts with
        /// multi-byte characters or empty — is placed without a panic,
        /// whether taken as it is or as read back from its file, and any
        /// place given is inside the current text.
        #[test]
        fn hostile_passages_never_panic(
            text in "[aé😀 b\u{0301}]{0,40}",
            key_point in "[aé😀 b]{0,12}",
            exact in "[aé😀 b]{0,8}",
            prefix in "[aé😀 bz]{0,80}",
            suffix in "[aé😀 bz]{0,80}",
            start in offset(),
            end in offset(),
            sha_of_text in any::<bool>(),
            on_key_point in any::<bool>(),
        ) {
            let mut brief = bundled();
            brief.summary = text.clone();
            factor_mut(&mut brief, TERRORISM).key_points[0] = key_point;
            let (kind, id, field) = if on_key_point {
                (ItemKind::Factor, Some(TERRORISM), Field::KeyPoint(1))
            } else {
                (ItemKind::Brief, None, Field::Summary)
            };
            let mut passage = Passage::capture(field, &text, 0, 0);
            if !sha_of_text {
                passage.field_sha256 = "0".repeat(64);
            }
            passage.exact = exact;
            passage.prefix = prefix;
            passage.suffix = suffix;
            passage.start = start;
            passage.end = end;
            let note = Note::new(NoteTarget::passage(kind, id, passage), String::new());
            let mut notes = vec![note.clone()];
            if end >= start && end <= i64::MAX as usize {
                match decode(&encode(&note)) {
                    Ok(Decoded::Note(read)) => notes.push(read),
                    other => prop_assert!(false, "not read back: {other:?}"),
                }
            }
            for placed in place_all(&brief, &notes) {
                if let (Some(range), Some(field)) =
                    (placed.anchor.and_then(|a| a.range()), placed.field)
                {
                    let now = field_text(&brief, kind, id, &field).unwrap();
                    prop_assert!(range.start <= range.end && range.end <= now.chars().count());
                    let bytes = placed.bytes.expect("bytes with a range");
                    prop_assert!(now.get(bytes).is_some());
                }
            }
        }
    }
}

#[test]
fn words_found_thousands_of_times_are_placed_by_the_context_near_their_place() {
    let mut brief = bundled();
    let filler = "the word and the word again. ".repeat(3000);
    let marked = format!("{filler}Here the word that matters is noted. {filler}");
    brief.sources[1].text = Some(marked.clone());
    let id = brief.sources[1].id.clone();
    let note = nth_note_on(
        &marked,
        ItemKind::Source,
        Some(&id),
        Field::Text,
        "the word",
        6000,
    );
    let recorded = note.target.passage.clone().unwrap();
    // The text changes before the note: everything moves a little.
    let edited = format!("A new opening line. {marked}");
    brief.sources[1].text = Some(edited.clone());
    let placed = &place_all(&brief, std::slice::from_ref(&note))[0];
    let anchor = placed.anchor.expect("a passage anchor");
    assert!(matches!(anchor, Anchor::Moved { .. }), "{anchor:?}");
    let range = anchor.range().unwrap();
    let after: String = edited.chars().skip(range.end).take(13).collect();
    assert_eq!(words_at(&edited, anchor), "the word");
    assert_eq!(after, " that matters");
    assert_eq!(
        anchor.range().unwrap().start,
        recorded.start + "A new opening line. ".len()
    );
    // A note on one of the others, all alike: too ambiguous to place.
    let mut vague = note.clone();
    let p = vague.target.passage.as_mut().unwrap();
    p.exact = "the word".into();
    p.prefix = "again. ".into();
    p.suffix = " and".into();
    p.field_sha256 = "0".repeat(64);
    let placed = &place_all(&brief, std::slice::from_ref(&vague))[0];
    assert_eq!(placed.anchor, Some(Anchor::Orphaned));
}
