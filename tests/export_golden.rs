//! The export of the bundled brief with a fixed set of notes, compared
//! byte for byte with `tests/golden/`. To accept a deliberate change, run
//! `UPDATE_GOLDEN=1 cargo test --test export_golden` and review the diff.

use std::path::PathBuf;

use briefing::brief::Brief;
use briefing::export::{json, markdown};
use briefing::notes::{Field, ItemKind, Note, NoteTarget, Passage, field_text};
use briefing::text::sanitize::is_unsafe;

fn bundled() -> Brief {
    briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads")
}

fn at(time: &str) -> jiff::Timestamp {
    time.parse().unwrap()
}

fn note(n: u32, created: &str, updated: &str, target: NoteTarget, body: &str) -> Note {
    Note {
        id: format!("01JEXPORTNOTE{n:013}"),
        created: at(created),
        updated: at(updated),
        body: body.to_string(),
        target,
    }
}

fn passage(
    brief: &Brief,
    kind: ItemKind,
    id: Option<&str>,
    field: Field,
    words: &str,
) -> NoteTarget {
    let text = field_text(brief, kind, id, &field).expect("field");
    let start = text[..text.find(words).expect("words")].chars().count();
    NoteTarget::passage(
        kind,
        id,
        Passage::capture(field, text, start, start + words.chars().count()),
    )
}

/// The fixed notes: one per kind of target, a passage whose text changed,
/// and two orphans.
fn fixed_notes(brief: &Brief) -> Vec<Note> {
    let terrorism = Some("terrorism");
    let mut changed = passage(
        brief,
        ItemKind::Factor,
        terrorism,
        Field::KeyPoint(0),
        "killing about 500 civilians",
    );
    if let Some(p) = changed.passage.as_mut() {
        // As if written when the key point said "killing some 500 civilians".
        p.exact = "killing some 500 civilians".into();
        p.field_sha256 = "0".repeat(64);
    }
    let mut orphaned = passage(
        brief,
        ItemKind::Factor,
        terrorism,
        Field::Summary,
        "three rounds of talks",
    );
    if let Some(p) = orphaned.passage.as_mut() {
        p.exact = "a sentence since deleted from the summary".into();
        p.field_sha256 = "0".repeat(64);
    }
    vec![
        note(
            1,
            "2025-12-01T09:00:00Z",
            "2025-12-01T09:00:00Z",
            NoteTarget::brief(),
            "Overall: read alongside the December update.",
        ),
        note(
            2,
            "2025-12-01T09:05:00Z",
            "2025-12-02T10:30:00Z",
            passage(
                brief,
                ItemKind::Brief,
                None,
                Field::Summary,
                "under four headings",
            ),
            "Are there really four?\nThe refugee question looks like a fifth.",
        ),
        note(
            3,
            "2025-12-01T09:10:00Z",
            "2025-12-01T09:10:00Z",
            NoteTarget::item(ItemKind::Factor, "terrorism"),
            "# Not a heading\n- not a list\n| not | a table |\n\nSecond paragraph with *stars* and <tags>.",
        ),
        note(
            4,
            "2025-12-01T09:15:00Z",
            "2025-12-01T09:15:00Z",
            passage(
                brief,
                ItemKind::Factor,
                terrorism,
                Field::KeyPoint(2),
                "financial backing",
            ),
            "Which UN report?",
        ),
        note(
            5,
            "2025-12-01T09:20:00Z",
            "2025-12-01T09:20:00Z",
            changed,
            "The figure was revised.",
        ),
        note(
            6,
            "2025-12-01T09:25:00Z",
            "2025-12-01T09:25:00Z",
            NoteTarget::item(ItemKind::Event, "doha-ceasefire"),
            "Check who signed.",
        ),
        note(
            7,
            "2025-12-01T09:30:00Z",
            "2025-12-03T08:00:00Z",
            passage(
                brief,
                ItemKind::Excerpt,
                Some("ttp-toll"),
                Field::Quote,
                "311 soldiers",
            ),
            "Compare with ISPR figures.",
        ),
        note(
            8,
            "2025-12-01T09:35:00Z",
            "2025-12-01T09:35:00Z",
            passage(
                brief,
                ItemKind::Excerpt,
                Some("ttp-toll"),
                Field::Annotation,
                "attributed to Pakistani sources",
            ),
            "Agreed.",
        ),
        note(
            9,
            "2025-12-01T09:40:00Z",
            "2025-12-01T09:40:00Z",
            passage(
                brief,
                ItemKind::Source,
                Some("khan-2025"),
                Field::Text,
                "North Waziristan",
            ),
            "Where exactly?",
        ),
        note(
            10,
            "2025-12-01T09:45:00Z",
            "2025-12-01T09:45:00Z",
            NoteTarget::item(ItemKind::Source, "khan-2025"),
            "Arab News op-ed, not reporting.",
        ),
        note(
            11,
            "2025-12-01T09:50:00Z",
            "2025-12-01T09:50:00Z",
            NoteTarget::item(ItemKind::Factor, "vanished-factor"),
            "This factor was dropped.",
        ),
        note(
            12,
            "2025-12-01T09:55:00Z",
            "2025-12-01T09:55:00Z",
            orphaned,
            "Lost passage.",
        ),
    ]
}

fn golden(name: &str, actual: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", name]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the export, first at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 regenerates it)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn markdown_with_notes_matches_the_golden_file() {
    // Times are shown in the local zone: pinned to UTC for the golden file.
    briefing::local_time::pin(Some(jiff::tz::TimeZone::UTC));
    let brief = bundled();
    let notes = fixed_notes(&brief);
    let text = markdown(&brief, Some(&notes));
    golden("afpak-2025-notes.md", &text);
    // Spot checks that the golden file says what it should.
    assert!(text.contains("## Orphaned notes"));
    assert!(
        text.contains("  > killing about 500 civilians"),
        "the current words of a changed passage"
    );
    assert!(text.contains("(the text has changed since)"));
    assert!(
        text.contains("  Written on:\n\n  > killing some 500 civilians"),
        "a changed passage shows the words it was written on too"
    );
    assert!(text.contains("  > a sentence since deleted from the summary"));
    assert!(text.contains(r"\# Not a heading"));
    assert!(text.contains(r"\| not \| a table \|"));
}

#[test]
fn json_with_notes_matches_the_golden_file() {
    let brief = bundled();
    let notes = fixed_notes(&brief);
    let text = json(&brief, Some(&notes));
    golden("afpak-2025-notes.json", &text);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        value["factors"].as_array().unwrap().len(),
        brief.factors.len()
    );
    assert_eq!(value["orphans"].as_array().unwrap().len(), 2);
    let terrorism = &value["factors"][0];
    assert_eq!(terrorism["notes"].as_array().unwrap().len(), 3);
    assert_eq!(terrorism["notes"][2]["anchor"]["status"], "changed");
}

#[test]
fn without_notes_there_is_no_trace_of_them() {
    let brief = bundled();
    let md = markdown(&brief, None);
    assert!(!md.contains("**Notes**") && !md.contains("Orphaned"));
    let value: serde_json::Value = serde_json::from_str(&json(&brief, None)).unwrap();
    assert!(value.get("orphans").is_none());
    assert!(value["factors"][0].get("notes").is_none());
}

#[test]
fn escape_sequences_in_notes_never_come_out_raw() {
    let brief = bundled();
    let nasty = "title\u{1b}]0;pwned\u{7} clip\u{1b}]52;c;SGk=\u{7} csi\u{9b}31m osc\u{9d}0;x\u{7} rlo\u{202e}evil\u{202c} iso\u{2066}x\u{2069} del\u{7f} nul\u{0} cr\r end";
    let mut target = passage(
        &brief,
        ItemKind::Factor,
        Some("terrorism"),
        Field::Summary,
        "TTP",
    );
    if let Some(p) = target.passage.as_mut() {
        p.exact = format!("gone {nasty}");
        p.field_sha256 = String::new();
    }
    let notes = vec![
        note(
            1,
            "2025-12-01T09:00:00Z",
            "2025-12-01T09:00:00Z",
            NoteTarget::brief(),
            nasty,
        ),
        note(
            2,
            "2025-12-01T09:00:00Z",
            "2025-12-01T09:00:00Z",
            target,
            nasty,
        ),
        note(
            3,
            "2025-12-01T09:00:00Z",
            "2025-12-01T09:00:00Z",
            NoteTarget::item(ItemKind::Event, &format!("x{nasty}")),
            nasty,
        ),
    ];

    let md = markdown(&brief, Some(&notes));
    let bad: Vec<char> = md.chars().filter(|&c| is_unsafe(c) || c == '\r').collect();
    assert!(bad.is_empty(), "raw characters in Markdown: {bad:?}");
    assert!(md.contains("title␛]0;pwned␇"), "escapes are shown visibly");

    let out = json(&brief, Some(&notes));
    let bad: Vec<char> = out.chars().filter(|&c| is_unsafe(c) && c != '\n').collect();
    assert!(bad.is_empty(), "raw characters in JSON: {bad:?}");
    for escaped in [
        r"\u001b", r"\u009b", r"\u009d", r"\u202e", r"\u2066", r"\u007f", r"\u0000",
    ] {
        assert!(out.to_lowercase().contains(escaped), "{escaped} missing");
    }
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["brief"]["notes"][0]["body"], nasty,
        "JSON keeps the exact text"
    );
    assert_eq!(value["orphans"].as_array().unwrap().len(), 2);
}

#[test]
fn markdown_shows_times_in_the_local_zone_with_its_offset() {
    // Kabul: UTC+04:30 all year.
    briefing::local_time::pin(Some(jiff::tz::TimeZone::fixed(
        jiff::tz::Offset::from_seconds(4 * 3600 + 1800).unwrap(),
    )));
    let brief = bundled();
    let notes = fixed_notes(&brief);
    let text = markdown(&brief, Some(&notes));
    briefing::local_time::pin(None);
    assert!(!text.contains(" UTC"), "no time is left in UTC");
    assert!(text.contains(" +04:30"), "times carry their offset");
}
