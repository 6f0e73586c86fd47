//! `briefing export` through the binary: formats, notes from the data
//! folder, exit codes, and what must never reach the output raw.

use std::path::Path;

mod cli_harness;

use briefing::notes::{Field, ItemKind, Note, NoteTarget, Passage, Store};
use briefing::text::sanitize::is_unsafe;
use cli_harness::*;
use tempfile::TempDir;

/// Runs `briefing ARGS` with `data` as the data folder and home.
fn briefing(data: &Path, args: &[&str]) -> Run {
    Cli {
        data: Some(data),
        no_color: false,
        ..Cli::default()
    }
    .run(args)
}

#[test]
fn the_bundled_brief_exports_as_markdown_by_default() {
    let data = TempDir::new().unwrap();
    let run = briefing(data.path(), &["export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("# Afghanistan–Pakistan: the 2025 crisis\n")
    );
    for part in [
        "## Summary",
        "## Factors",
        "## Chronology",
        "| Date | Event | Place |",
        "## Sources",
        "\u{2713} verified",
    ] {
        assert!(run.stdout.contains(part), "missing {part:?}");
    }
    assert!(!run.stdout.contains("**Notes**"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let explicit = briefing(
        data.path(),
        &["export", "briefs/afpak-2025.toml", "--format", "markdown"],
    );
    assert_eq!(explicit.code, 0, "{}", explicit.stderr);
    assert_eq!(
        explicit.stdout.lines().count(),
        run.stdout.lines().count(),
        "the file on disk is the bundled brief"
    );
}

#[test]
fn json_parses_and_holds_the_whole_brief() {
    let data = TempDir::new().unwrap();
    let run = briefing(data.path(), &["export", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(value["format"], "briefing-export");
    assert_eq!(value["version"], 2);
    assert_eq!(value["brief"]["id"], "afpak-2025");
    assert_eq!(value["factors"].as_array().unwrap().len(), 9);
    assert_eq!(value["events"].as_array().unwrap().len(), 42);
    assert_eq!(value["excerpts"].as_array().unwrap().len(), 83);
    assert_eq!(value["sources"].as_array().unwrap().len(), 4);
    assert_eq!(value["excerpts"][0]["verification"], "verified");
    assert!(value.get("orphans").is_none());
}

#[test]
fn notes_come_from_the_data_folder() {
    let data = TempDir::new().unwrap();
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let store = Store::new(data.path(), &brief.id);
    let summary = &brief.factors[0].summary;
    let passage = Passage::capture(Field::Summary, summary, 0, 23);
    let mut on_passage = Note::new(
        NoteTarget::passage(ItemKind::Factor, Some("terrorism"), passage.clone()),
        "NOTE-ON-PASSAGE".into(),
    );
    let mut orphan = Note::new(
        NoteTarget::item(ItemKind::Event, "no-such-event"),
        "NOTE-ORPHAN".into(),
    );
    store.save(&mut on_passage, None).unwrap();
    store.save(&mut orphan, None).unwrap();
    std::fs::write(
        store.dir().join("01JBROKENBROKENBROKENBROKE.toml"),
        "garbage",
    )
    .unwrap();

    let run = briefing(data.path(), &["export", "--notes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("NOTE-ON-PASSAGE"));
    assert!(run.stdout.contains(&format!("  > {}", passage.exact)));
    let orphans = run
        .stdout
        .find("## Orphaned notes")
        .expect("orphans section");
    assert!(run.stdout[orphans..].contains("NOTE-ORPHAN"));
    assert!(
        run.stderr.contains("warning:") && run.stderr.contains("01JBROKENBROKENBROKENBROKE.toml"),
        "{}",
        run.stderr
    );
    assert!(
        store.dir().join("01JBROKENBROKENBROKENBROKE.toml").exists(),
        "an export changes nothing in the data folder"
    );

    let other = TempDir::new().unwrap();
    // (`--data-dir` goes after the subcommand: before it, the top-level
    // parser takes `export` for a brief path.)
    let run = briefing(
        other.path(),
        &[
            "export",
            "--notes",
            "--format",
            "json",
            "--data-dir",
            data.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["factors"][0]["notes"][0]["body"], "NOTE-ON-PASSAGE");
    assert_eq!(
        value["factors"][0]["notes"][0]["anchor"]["status"],
        "anchored"
    );
    assert_eq!(value["orphans"][0]["body"], "NOTE-ORPHAN");

    let empty = TempDir::new().unwrap();
    let run = briefing(empty.path(), &["export", "--notes"]);
    assert_eq!(run.code, 0, "no notes folder is no notes: {}", run.stderr);
    assert!(!run.stdout.contains("**Notes**"));
}

#[test]
fn a_brief_with_errors_is_refused_with_diagnostics() {
    let data = TempDir::new().unwrap();
    let run = briefing(data.path(), &["export", "tests/fixtures/duplicate-id.toml"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("tests/fixtures/duplicate-id.toml:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "no styles when stderr is not a terminal"
    );

    let missing = briefing(
        data.path(),
        &["export", "tests/fixtures/no-such-brief.toml"],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("error: cannot read"),
        "{}",
        missing.stderr
    );

    let usage = briefing(data.path(), &["export", "--format", "yaml"]);
    assert_eq!(usage.code, 2);
    assert!(usage.stdout.is_empty());
}

#[test]
fn escape_sequences_in_a_brief_never_reach_the_output_raw() {
    let data = TempDir::new().unwrap();
    let brief = "tests/fixtures/escapes/brief.toml";
    let markdown = briefing(data.path(), &["export", brief]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    let raw: Vec<char> = markdown
        .stdout
        .chars()
        .filter(|&c| is_unsafe(c) || c == '\r')
        .collect();
    assert!(raw.is_empty(), "raw characters: {raw:?}");
    assert!(
        markdown.stdout.contains("TITLEMARK ␛\\]0;PWNED-TITLE␇"),
        "{}",
        &markdown.stdout[..200]
    );

    let json = briefing(data.path(), &["export", brief, "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let raw: Vec<char> = json
        .stdout
        .chars()
        .filter(|&c| is_unsafe(c) && c != '\n')
        .collect();
    assert!(raw.is_empty(), "raw characters: {raw:?}");
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        value["brief"]["title"], "TITLEMARK \u{1b}]0;PWNED-TITLE\u{7} \u{202e}evil\u{202c}",
        "JSON keeps the text exactly, escaped"
    );
}

#[test]
fn export_notes_includes_conflict_texts_and_unreadable_files() {
    let data = TempDir::new().unwrap();
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let store = Store::new(data.path(), &brief.id);
    let mut note = Note::new(
        NoteTarget::item(ItemKind::Factor, "terrorism"),
        "FIRST-TEXT".into(),
    );
    let base = store.save(&mut note, None).unwrap().sha256;
    let mut theirs = note.clone();
    theirs.body = "THEIR-TEXT".into();
    store.save(&mut theirs, Some(&base)).unwrap();
    let mut mine = note.clone();
    mine.body = "MY-TEXT".into();
    assert!(
        store
            .save(&mut mine, Some(&base))
            .unwrap()
            .conflict_copy
            .is_some()
    );
    let future = store.dir().join("01JFUTUREFUTUREFUTUREFUTUR.toml");
    std::fs::write(
        &future,
        "version = 9\nbody = \"FUTURE-TEXT \u{1b}]0;x\u{7}\"\n",
    )
    .unwrap();
    let before: Vec<_> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let run = briefing(data.path(), &["export", "--notes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    let at_note = md.find("MY-TEXT").expect("the note");
    let conflict = md[at_note..].find("Conflict:").expect("its conflict copy");
    assert!(md[at_note + conflict..].contains("THEIR-TEXT"), "{md}");
    let section = md
        .find("## Notes this build could not read")
        .expect("unreadable section");
    let rest = &md[section..];
    assert!(rest.contains("01JFUTUREFUTUREFUTUREFUTUR.toml"), "{rest}");
    assert!(rest.contains("version 9"), "{rest}");
    assert!(rest.contains("FUTURE-TEXT"), "{rest}");
    assert!(!md.chars().any(|c| is_unsafe(c) && c != '\n'), "escaped");

    let run = briefing(data.path(), &["export", "--notes", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let note = &value["factors"][0]["notes"][0];
    assert_eq!(note["body"], "MY-TEXT");
    assert_eq!(note["conflicts"][0]["text"], "THEIR-TEXT");
    let unreadable = &value["unreadable"][0];
    assert_eq!(unreadable["file"], "01JFUTUREFUTUREFUTUREFUTUR.toml");
    assert!(unreadable["reason"].as_str().unwrap().contains("version 9"));
    assert_eq!(
        unreadable["text"],
        "version = 9\nbody = \"FUTURE-TEXT \u{1b}]0;x\u{7}\"\n"
    );
    assert!(!run.stdout.contains('\u{1b}'));

    let after: Vec<_> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after, "an export moves nothing");
    assert!(future.exists());
}
