//! `briefing check` through the binary: exit codes, `PATH:LINE:COL`
//! positions, messages, summary lines.
//!
//! Fixtures live in `tests/fixtures/`, one per error or warning class, and
//! quote `tests/fixtures/source.txt`. Cases that need odd files (huge sparse
//! files, symlinks, raw control bytes) build them in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

mod cli_harness;

use cli_harness::*;
use tempfile::TempDir;

const MIB: u64 = 1024 * 1024;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(REPO).join("tests/fixtures").join(name)
}

/// A temp folder holding `brief.toml` with `text`, plus the fixture source.
fn temp_brief(text: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    fs::copy(fixture_path("source.txt"), dir.path().join("source.txt")).unwrap();
    let brief = dir.path().join("brief.toml");
    fs::write(&brief, text).unwrap();
    (dir, brief)
}

/// The clean fixture with its `[[sources]]` `file` line replaced.
fn clean_with_file(file: &str) -> String {
    let clean = fs::read_to_string(fixture_path("clean.toml")).unwrap();
    let replaced = clean.replace("file = \"source.txt\"", &format!("file = {file:?}"));
    assert_ne!(clean, replaced);
    replaced
}

// ---------------------------------------------------------------- clean

#[test]
fn clean_brief_prints_the_exact_summary_line() {
    check("clean.toml")
        .code(0)
        .stdout_is(
            "tests/fixtures/clean.toml: ok \u{2014} 1 factor, 1 event, 1 excerpt (1 verified), 1 source\n",
        )
        .stderr_lacks("warning")
        .stderr_lacks("error");
    // Nothing at all on stderr for a clean brief.
    assert_eq!(check("clean.toml").stderr, "");
}

#[test]
fn strict_passes_a_clean_brief() {
    run(&["check", "--strict", "tests/fixtures/clean.toml"]).code(0);
}

#[test]
fn extension_keys_are_ignored_everywhere() {
    check("x-keys.toml").code(0).stdout_is(
        "tests/fixtures/x-keys.toml: ok \u{2014} 1 factor, 1 event, 1 excerpt (1 verified), 1 source\n",
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn toml_syntax_error_reports_only_syntax() {
    let run = check("syntax.toml");
    run.code(1)
        .stderr_has("tests/fixtures/syntax.toml:8:24")
        .stderr_has("TOML syntax")
        // The unknown key `bogus` on line 6 is not reported after a
        // syntax error.
        .stderr_lacks("bogus")
        .stderr_lacks("unknown key")
        .stdout_is("tests/fixtures/syntax.toml: 1 error\n");
}

#[test]
fn unknown_key_suggests_the_closest() {
    let run = check("unknown-key.toml");
    run.code(1)
        .stderr_has("tests/fixtures/unknown-key.toml:6:1")
        .stderr_has("unknown key `sumary` in [brief]")
        .stderr_has("did you mean `summary`?");
    // The real `summary` is then missing, reported at `[brief]`, which
    // comes first in the file.
    assert!(run.position("unknown-key.toml:3:1") < run.position("unknown-key.toml:6:1"));
    run.stderr_has("missing required key `summary`")
        .stdout_is("tests/fixtures/unknown-key.toml: 2 errors\n");
}

#[test]
fn missing_key_in_brief_points_at_the_table_header() {
    check("missing-key-brief.toml")
        .code(1)
        .stderr_has("tests/fixtures/missing-key-brief.toml:3:1")
        .stderr_has("missing required key `title` in [brief]")
        .stdout_is("tests/fixtures/missing-key-brief.toml: 1 error\n");
}

#[test]
fn missing_key_in_an_entry_points_at_its_double_bracket_line() {
    // The second `[[factors]]`, on line 18, lacks `summary`.
    check("missing-key-factor.toml")
        .code(1)
        .stderr_has("tests/fixtures/missing-key-factor.toml:18:1")
        .stderr_lacks("missing-key-factor.toml:13:")
        .stderr_has("missing required key `summary` in [[factors]]");
}

#[test]
fn wrong_type() {
    check("wrong-type.toml")
        .code(1)
        .stderr_has("tests/fixtures/wrong-type.toml:5:9")
        .stderr_has("`title` must be a string, found an integer");
}

#[test]
fn bad_id() {
    check("bad-id.toml")
        .code(1)
        .stderr_has("tests/fixtures/bad-id.toml:14:6")
        .stderr_has("`Trade_Routes` is not a valid id");
}

#[test]
fn duplicate_id_points_at_the_second_occurrence() {
    check("duplicate-id.toml")
        .code(1)
        .stderr_has("tests/fixtures/duplicate-id.toml:19:6")
        .stderr_lacks("duplicate-id.toml:14:")
        .stderr_has("duplicate factor id `trade`");
}

#[test]
fn dangling_reference() {
    check("dangling-ref.toml")
        .code(1)
        .stderr_has("tests/fixtures/dangling-ref.toml:22:12")
        .stderr_has("no factor has the id `trad`")
        .stderr_has("did you mean `trade`?");
}

#[test]
fn a_reference_to_an_erroneous_definition_is_not_dangling() {
    let run = check("erroneous-definition.toml");
    run.code(1)
        .stderr_has("tests/fixtures/erroneous-definition.toml:14:6")
        .stderr_has("`Trade` is not a valid id")
        .stderr_lacks("no factor has the id")
        .stdout_is("tests/fixtures/erroneous-definition.toml: 1 error\n");
    assert_eq!(run.counts(), (1, 0));
}

#[test]
fn bad_date_not_a_real_day() {
    check("bad-date.toml")
        .code(1)
        .stderr_has("tests/fixtures/bad-date.toml:6:9")
        .stderr_has("bad date")
        .stderr_has("2025-02-29 is not a real calendar date");
}

#[test]
fn bad_date_range_ending_before_it_starts() {
    check("bad-range.toml")
        .code(1)
        .stderr_has("tests/fixtures/bad-range.toml:20:8")
        .stderr_has("bad date")
        .stderr_has("ends (2025-04) before it starts (2025-05)");
}

#[test]
fn unsupported_format() {
    check("unsupported-format.toml")
        .code(1)
        .stderr_has("tests/fixtures/unsupported-format.toml:1:10")
        .stderr_has("unsupported brief format 3 (this build reads 1 and 2)");
}

#[test]
fn empty_sources_point_at_the_format_key() {
    check("empty-sources.toml")
        .code(1)
        .stderr_has("tests/fixtures/empty-sources.toml:1:1")
        .stderr_has("no [[sources]]");
}

#[test]
fn no_factors_point_at_the_format_key() {
    check("empty-factors.toml")
        .code(1)
        .stderr_has("tests/fixtures/empty-factors.toml:1:1")
        .stderr_has("no [[factors]]");
}

#[test]
fn absolute_source_path() {
    check("absolute-path.toml")
        .code(1)
        .stderr_has("tests/fixtures/absolute-path.toml:12:8")
        .stderr_has("not an absolute path");
}

#[test]
fn source_path_climbing_above_the_parent_folder() {
    // `../../Cargo.toml` from tests/fixtures/ exists, but lies above
    // tests/, the brief folder's parent.
    check("escaping-path.toml")
        .code(1)
        .stderr_has("tests/fixtures/escaping-path.toml:12:8")
        .stderr_has("must lie inside the brief's folder or its parent folder");
}

#[test]
fn missing_source_path_climbing_out_is_still_refused() {
    let (dir, _) = temp_brief(&clean_with_file("../../no-such-file.txt"));
    run_in(dir.path(), &["check", "brief.toml"])
        .code(1)
        .stderr_has("brief.toml:12:8")
        .stderr_has("must lie inside");
}

#[test]
fn source_in_the_parent_folder_is_allowed() {
    let root = TempDir::new().unwrap();
    fs::create_dir_all(root.path().join("briefs")).unwrap();
    fs::create_dir_all(root.path().join("seeds")).unwrap();
    fs::copy(
        fixture_path("source.txt"),
        root.path().join("seeds/source.txt"),
    )
    .unwrap();
    fs::write(
        root.path().join("briefs/brief.toml"),
        clean_with_file("../seeds/source.txt"),
    )
    .unwrap();
    run_in(root.path(), &["check", "briefs/brief.toml"])
        .code(0)
        .stdout_is(
            "briefs/brief.toml: ok \u{2014} 1 factor, 1 event, 1 excerpt (1 verified), 1 source\n",
        );
}

#[cfg(unix)]
#[test]
fn symlink_escaping_the_folders_is_refused() {
    let root = TempDir::new().unwrap();
    let outside = root.path().join("outside");
    let briefs = root.path().join("a/b");
    fs::create_dir_all(&outside).unwrap();
    fs::create_dir_all(&briefs).unwrap();
    fs::copy(fixture_path("source.txt"), outside.join("source.txt")).unwrap();
    std::os::unix::fs::symlink(outside.join("source.txt"), briefs.join("link.txt")).unwrap();
    // A link to a folder outside, then a plain name under it.
    std::os::unix::fs::symlink(&outside, briefs.join("dir-link")).unwrap();
    fs::write(briefs.join("file.toml"), clean_with_file("link.txt")).unwrap();
    fs::write(
        briefs.join("folder.toml"),
        clean_with_file("dir-link/source.txt"),
    )
    .unwrap();
    for name in ["file", "folder"] {
        run_in(&briefs, &["check", &format!("{name}.toml")])
            .code(1)
            .stderr_has(&format!("{name}.toml:12:8"))
            .stderr_has("must lie inside the brief's folder or its parent folder");
    }
}

#[cfg(unix)]
#[test]
fn symlink_staying_inside_is_followed() {
    let (dir, _) = temp_brief(&clean_with_file("link.txt"));
    std::os::unix::fs::symlink(dir.path().join("source.txt"), dir.path().join("link.txt")).unwrap();
    run_in(dir.path(), &["check", "brief.toml"])
        .code(0)
        .stdout_is("brief.toml: ok \u{2014} 1 factor, 1 event, 1 excerpt (1 verified), 1 source\n");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_source_file_does_not_hang() {
    let (dir, _) = temp_brief(&clean_with_file("pipe.txt"));
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    // `run_in` has a timeout: a blocking open would fail the test.
    run_in(dir.path(), &["check", "brief.toml"])
        .code(0)
        .stderr_has("brief.toml:12:8")
        .stderr_has("`pipe.txt` is not a regular file")
        .stdout_is(
            "brief.toml: ok, 1 warning \u{2014} 1 factor, 1 event, 1 excerpt (0 verified, 1 unverifiable), 1 source\n",
        );
}

#[test]
fn source_file_over_64_mib_is_refused() {
    let (dir, _) = temp_brief(&clean_with_file("huge.txt"));
    let huge = fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(64 * MIB + 1).unwrap(); // sparse: takes no disk space
    run_in(dir.path(), &["check", "brief.toml"])
        .code(1)
        .stderr_has("brief.toml:12:8")
        .stderr_has("over the 64 MiB limit")
        .stdout_is("brief.toml: 1 error\n");
}

#[test]
fn brief_over_256_mib_is_refused() {
    let dir = TempDir::new().unwrap();
    let huge = fs::File::create(dir.path().join("huge.toml")).unwrap();
    huge.set_len(256 * MIB + 1).unwrap();
    let run = run_in(dir.path(), &["check", "huge.toml"]);
    run.code(1)
        .stderr_has("huge.toml")
        .stderr_has("briefs over 256 MiB are refused");
    assert_eq!(run.stdout, "");
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() {
    let dir = TempDir::new().unwrap();
    // Deterministic pseudo-random bytes (xorshift).
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    fs::write(dir.path().join("garbage.toml"), &bytes).unwrap();
    // And garbage that is valid UTF-8: the same bytes, lossily decoded.
    fs::write(
        dir.path().join("garbage-utf8.toml"),
        String::from_utf8_lossy(&bytes).as_bytes(),
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "garbage.toml"]);
    run.code(1).stderr_has("not valid UTF-8");
    assert!(!run.stderr_bytes.contains(&0x1b));
    let run = run_in(dir.path(), &["check", "garbage-utf8.toml"]);
    run.code(1).stderr_has("error");
    assert_no_raw_controls(&run.stderr_bytes);
}

#[test]
fn empty_file_is_an_error() {
    let (dir, _) = temp_brief("");
    run_in(dir.path(), &["check", "brief.toml"])
        .code(1)
        .stderr_has("brief.toml:1:1")
        .stderr_has("missing required key `format`");
}

// ---------------------------------------------------------------- positions

#[test]
fn columns_count_characters_not_bytes() {
    // `key_points = ["Торхам – Чаман", 42]`: `42` is the 33rd character of
    // line 17 but its 47th byte.
    check("multibyte-column.toml")
        .code(1)
        .stderr_has("tests/fixtures/multibyte-column.toml:17:33")
        .stderr_has("must be a string, found an integer");
}

#[test]
fn columns_count_wide_and_combined_characters_and_tabs_as_one() {
    // The error is the `5` after each prefix: CJK (two cells wide), an
    // e with a combining accent (two characters), a flag (two regional
    // indicators), a tab.
    for (prefix, col) in [
        ("\"国境国境\", ", 17),
        ("\"e\u{301}e\u{301}\", ", 17),
        ("\"\u{1F1F5}\u{1F1F0}\", ", 15),
        ("\t\"a\",\t", 15),
    ] {
        let text = format!(
            "format = 1\n[brief]\ntags = [{prefix}5]\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n[[factors]]\nid = \"f\"\ntitle = \"F\"\nsummary = \"s\"\n"
        );
        let (dir, _) = temp_brief(&text);
        run_in(dir.path(), &["check", "brief.toml"])
            .code(1)
            .stderr_has(&format!("brief.toml:3:{col}"))
            .stderr_has("must be a string, found an integer");
    }
}

#[test]
fn format_is_read_as_a_number() {
    // `+1` and `0x1` are 1; `0x10` is 16.
    for (format, code) in [("+1", 0), ("0x1", 0), ("0x10", 1)] {
        let clean = fs::read_to_string(fixture_path("clean.toml")).unwrap();
        let (dir, _) = temp_brief(&clean.replacen("format = 1", &format!("format = {format}"), 1));
        let run = run_in(dir.path(), &["check", "brief.toml"]);
        run.code(code);
        if code == 1 {
            run.stderr_has("brief.toml:1:10")
                .stderr_has("unsupported brief format 16 (this build reads 1 and 2)");
        }
    }
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let run = check("multi-problem.toml");
    run.code(1)
        .stdout_is("tests/fixtures/multi-problem.toml: 5 errors, 1 warning\n");
    let expected = [
        (":6:9", "month 13 does not exist"),
        (":8:1", "unknown key `tittle`"),
        (":16:6", "`Trade` is not a valid id"),
        (":22:9", "`title` must be a string"),
        (":29:33", "no factor has the id `economy`"),
        (":34:9", "quote not found in source `report`"),
    ];
    let mut last = 0;
    for (position, message) in expected {
        let at = run.position(&format!("tests/fixtures/multi-problem.toml{position}"));
        let said = run.position(message);
        assert!(at > last, "{position} out of order:\n{}", run.stderr);
        assert!(said > last && said < at, "{message} not before {position}");
        last = at;
    }
    // `Trade` is referenced on line 29, but its definition was the error.
    run.stderr_lacks("no factor has the id `Trade`");
    assert_eq!(run.counts(), (5, 1));
}

#[test]
fn many_problems_on_one_long_line_are_counted_after_the_first_few_hundred() {
    // 8,000 bad escapes on one 24,000-character line: each diagnostic
    // echoes only a window of the line (it echoed the whole line, which
    // took minutes), and only the first 200 are shown.
    let n = 8_000;
    let (dir, _) = temp_brief(&format!("format = 1\nx = \"{}\"\n", "a\\q".repeat(n)));
    let started = std::time::Instant::now();
    let run = run_in(dir.path(), &["check", "brief.toml"]);
    run.code(1)
        .stdout_is(&format!("brief.toml: {n} errors\n"))
        .stderr_has("brief.toml:2:8\n")
        .stderr_has(&format!("brief.toml:2:{}\n", 6 + 3 * 199 + 2))
        .stderr_has("brief.toml: 7800 more problems not shown (7800 errors)\n");
    run.stderr_lacks(&format!("brief.toml:2:{}\n", 6 + 3 * 200 + 2));
    assert_eq!(run.counts(), (200, 0));
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    // Each echoed line is short.
    assert!(run.stderr.lines().all(|l| l.chars().count() < 400));
}

#[test]
fn crlf_line_endings_keep_positions() {
    let text = fs::read_to_string(fixture_path("wrong-type.toml"))
        .unwrap()
        .replace('\n', "\r\n");
    let (dir, _) = temp_brief(&text);
    let run = run_in(dir.path(), &["check", "brief.toml"]);
    run.code(1).stderr_has("brief.toml:5:9");
    assert_no_raw_controls(&run.stderr_bytes);
}

// ---------------------------------------------------------------- warnings

#[test]
fn quote_not_found_is_a_warning() {
    check("quote-not-found.toml")
        .code(0)
        .stderr_has("tests/fixtures/quote-not-found.toml:22:9")
        .stderr_has("warning: quote not found in source `report`")
        .stdout_is(
            "tests/fixtures/quote-not-found.toml: ok, 1 warning \u{2014} 1 factor, 0 events, 1 excerpt (0 verified, 1 not found), 1 source\n",
        );
    run(&["check", "--strict", "tests/fixtures/quote-not-found.toml"]).code(1);
}

#[test]
fn missing_source_file_is_a_warning() {
    check("missing-file.toml")
        .code(0)
        .stderr_has("tests/fixtures/missing-file.toml:12:8")
        .stderr_has("warning: cannot read source file `no-such-source.txt`")
        .stdout_is(
            "tests/fixtures/missing-file.toml: ok, 1 warning \u{2014} 1 factor, 0 events, 1 excerpt (0 verified, 1 unverifiable), 1 source\n",
        );
    run(&["check", "--strict", "tests/fixtures/missing-file.toml"]).code(1);
}

#[test]
fn summary_counts_every_verification_state() {
    check("mixed-verification.toml").code(0).stdout_is(
        "tests/fixtures/mixed-verification.toml: ok, 2 warnings \u{2014} 1 factor, 0 events, 3 excerpts (1 verified, 1 not found, 1 unverifiable), 2 sources\n",
    );
}

#[test]
fn escaped_control_character_is_a_warning_and_never_echoed() {
    let run = check("control-char.toml");
    run.code(0)
        .stderr_has("tests/fixtures/control-char.toml:5:29")
        .stderr_has("warning: text contains U+001B (escape)")
        .stdout_is(
            "tests/fixtures/control-char.toml: ok, 1 warning \u{2014} 1 factor, 0 events, 0 excerpts (0 verified), 1 source\n",
        );
    assert_no_raw_controls(&run.stderr_bytes);
    run_in(
        Path::new(REPO),
        &["check", "--strict", "tests/fixtures/control-char.toml"],
    )
    .code(1);
}

#[test]
fn bidi_override_is_a_warning_and_never_echoed() {
    let run = check("bidi.toml");
    // Line 7 holds a literal U+202E after `summary = "Reads `; line 16 the
    // `\u202E` escape.
    run.code(0)
        .stderr_has("tests/fixtures/bidi.toml:7:18")
        .stderr_has("tests/fixtures/bidi.toml:16:29")
        .stderr_has("U+202E (right-to-left override)")
        .stdout_is(
            "tests/fixtures/bidi.toml: ok, 2 warnings \u{2014} 1 factor, 0 events, 0 excerpts (0 verified), 1 source\n",
        );
    assert_no_raw_controls(&run.stderr_bytes);
    assert!(
        fs::read_to_string(fixture_path("bidi.toml"))
            .unwrap()
            .contains('\u{202E}')
    );
}

#[test]
fn raw_control_bytes_in_the_file_are_never_echoed() {
    // Raw controls are TOML syntax errors; the echoed lines must still be
    // clean, and so must the path.
    let dir = TempDir::new().unwrap();
    let text =
        "format = 1\ntitle = \"a\u{1b}]0;owned\u{7}b\u{9b}31m\"\n\u{1b}[2J = \"\u{202E}x\"\n";
    fs::write(dir.path().join("raw\u{1b}[31m.toml"), text).unwrap();
    let run = run_in(dir.path(), &["check", "raw\u{1b}[31m.toml"]);
    run.code(1)
        .stderr_has("TOML syntax")
        .stderr_has("raw␛[31m.toml:2:");
    assert_no_raw_controls(&run.stderr_bytes);
    assert_no_raw_controls(run.stdout.as_bytes());
}

/// No C0/C1 control (other than line feed and tab), DEL or bidi control in
/// `bytes`.
#[track_caller]
fn assert_no_raw_controls(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(
            !bad,
            "raw U+{:04X} at byte {i} of stderr:\n{text}",
            c as u32
        );
    }
    assert!(!bytes.contains(&0x1b));
}

// ---------------------------------------------------------------- targets

#[test]
fn no_path_checks_the_briefs_folder() {
    let run = run(&["check"]);
    run.code(0);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("briefs/afpak-2025.toml: ok \u{2014} ")),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn no_path_and_no_briefs_folder_checks_the_bundled_brief() {
    let empty = TempDir::new().unwrap();
    let run = run_in(empty.path(), &["check"]);
    run.code(0).stderr_lacks("warning");
    assert_eq!(run.stderr, "");
    let line = run.stdout.trim_end();
    assert!(
        line.starts_with("<bundled>/briefs/afpak-2025.toml: ok \u{2014} "),
        "{line}"
    );
    // Every excerpt of the bundled brief verifies.
    let counts = line.split(" \u{2014} ").nth(1).unwrap();
    let excerpts: usize = counts
        .split(", ")
        .find(|part| part.contains("excerpts"))
        .and_then(|part| part.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(counts.contains(&format!("({excerpts} verified)")), "{line}");
    run_in(empty.path(), &["check", "--strict"]).code(0);
}

#[test]
fn a_folder_stands_for_its_toml_files_in_name_order() {
    let dir = TempDir::new().unwrap();
    fs::copy(fixture_path("source.txt"), dir.path().join("source.txt")).unwrap();
    fs::copy(fixture_path("clean.toml"), dir.path().join("b-clean.toml")).unwrap();
    fs::copy(
        fixture_path("quote-not-found.toml"),
        dir.path().join("a-warn.toml"),
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), "not a brief").unwrap();
    let root = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let run = run_in(root, &["check", name]);
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with(&format!("{name}/a-warn.toml: ok, 1 warning")));
    assert!(lines[1].starts_with(&format!("{name}/b-clean.toml: ok \u{2014}")));
    run_in(root, &["check", "--strict", name]).code(1);
}

#[test]
fn the_highest_exit_code_wins() {
    let clean = "tests/fixtures/clean.toml";
    let broken = "tests/fixtures/wrong-type.toml";
    let missing = "tests/fixtures/no-such-brief.toml";
    let warn = "tests/fixtures/quote-not-found.toml";

    run(&["check", clean, broken]).code(1);
    run(&["check", broken, clean]).code(1);
    run(&["check", warn, clean]).code(0);
    run(&["check", "--strict", clean, warn]).code(1);
    let both = run(&["check", clean, missing, broken]);
    both.code(2).stderr_has("no-such-brief.toml");
    // The others are still checked and summarised.
    assert_eq!(both.stdout.lines().count(), 2, "{}", both.stdout);
    run(&["check", missing, clean]).code(2);
}

#[test]
fn unreadable_paths_and_bad_usage_exit_2() {
    run(&["check", "tests/fixtures/no-such-brief.toml"])
        .code(2)
        .stderr_has("no-such-brief.toml");
    run(&["check", "--no-such-flag"]).code(2);
    let empty = TempDir::new().unwrap();
    run_in(empty.path(), &["check", "."])
        .code(2)
        .stderr_has("no *.toml briefs");
}

#[test]
fn every_fixture_is_checked_without_a_panic() {
    // The whole folder at once: errors win over warnings, nothing panics.
    let run = run(&["check", "tests/fixtures"]);
    run.code(1);
    let fixtures = fs::read_dir(fixture_path(""))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(run.stdout.lines().count(), fixtures, "{}", run.stdout);
}

#[test]
fn the_global_data_dir_option_may_come_before_the_command() {
    let data = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("briefing")
        .unwrap()
        .arg("--data-dir")
        .arg(data.path())
        .arg("check")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("afpak-2025.toml: ok"));
}

#[test]
fn eight_hundred_thousand_problems_print_a_bounded_report() {
    // 1.6 MB of brief, one wrong-typed key point every two bytes.
    let clean = fs::read_to_string(fixture_path("clean.toml")).unwrap();
    let text = clean.replacen(
        "summary = \"Crossings closed.\"",
        &format!(
            "summary = \"Crossings closed.\"\nkey_points = [{}]",
            "1,".repeat(800_000)
        ),
        1,
    );
    let (dir, _) = temp_brief(&text);
    let run = run_in(dir.path(), &["check", "brief.toml"]);
    run.code(1)
        .stdout_is("brief.toml: 800000 errors\n")
        .stderr_has("brief.toml: 799800 more problems not shown (799800 errors)\n");
    assert_eq!(run.counts(), (200, 0));
    assert!(
        run.stderr.len() < 200_000,
        "{} bytes of diagnostics",
        run.stderr.len()
    );
}

#[test]
fn a_source_text_with_an_unsafe_character_warns_with_its_line_and_column() {
    let clean = fs::read_to_string(fixture_path("clean.toml")).unwrap();
    let (dir, _) = temp_brief(&clean);
    // Line 2 of the source: a CRLF line end (not a problem) on line 1,
    // then an escape sequence.
    fs::write(
        dir.path().join("source.txt"),
        "The border crossing at Torkham stayed closed\r\nfor weeks \u{1b}]0;T\u{7} after.\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "brief.toml"]);
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stderr);
    run.stderr_has("source file `source.txt` contains U+001B (escape) at line 2, column 11");
    assert_eq!(run.counts(), (0, 1), "{}", run.stderr);
    let run = run_in(dir.path(), &["check", "--strict", "brief.toml"]);
    assert_eq!(run.code, 1);
}
