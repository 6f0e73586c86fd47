//! End-to-end tests of the terminal through a real pseudo-terminal:
//! restoring it on every exit path, what never reaches it from a brief,
//! odd sizes and characters (the harness is in `pty_harness`).
#![cfg(unix)]

mod common;
mod pty_harness;

use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use common::drafts::draft_files;
use pty_harness::*;
use tempfile::TempDir;
#[test]
fn keys_help_and_resizing_then_quit_restores_the_terminal() {
    let mut s = start_bundled();
    assert!(
        s.row(0).contains("Afghanistan–Pakistan"),
        "the header is the first row: {:?}",
        s.row(0)
    );
    let screen = s.contents();
    for text in ["Factors", "Overview", "Terrorism", "The India factor"] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    let flags = s.local_flags();
    assert!(
        !flags.iter().any(|f| f == "ICANON" || f == "ECHO"),
        "the reader should run in raw mode: {flags:?}"
    );

    // A digit opens that factor in the detail pane.
    s.send(b"2");
    s.wait_for("2. The India factor");
    s.wait_for("Factor 2 of 9");

    // The help overlay lists the bindings.
    s.send(b"?");
    s.wait_for("Help — keys");
    s.wait_for_in_row(29, "HELP");
    let screen = s.contents();
    for text in [
        "Factors, detail and chronology",
        "next pane",
        "1–9",
        "factor N",
        "chronology: this factor / all events",
    ] {
        assert!(screen.contains(text), "help lacks {text:?}:\n{screen}");
    }
    s.esc();
    s.wait_gone("Help — keys");
    s.wait_for("2. The India factor");

    // Smaller: the layout follows the new size.
    s.resize(70, 20);
    s.wait_for_in_row(19, "FACTORS");
    s.wait_for_in_row(0, "as of");
    let screen = s.contents();
    assert!(screen.contains("Factors"), "no factors pane:\n{screen}");
    assert!(
        screen.contains("2. The India factor"),
        "detail lost:\n{screen}"
    );
    assert!(
        s.row(0).contains("Afghanistan"),
        "header at 70 columns: {:?}",
        s.row(0)
    );

    // Too small to use: a message instead of the panes.
    s.resize(40, 10);
    s.wait_for("terminal too small");
    assert!(
        !s.contents().contains("Factors"),
        "panes drawn on a too-small terminal:\n{}",
        s.contents()
    );

    // Back to normal service, same place.
    s.resize(100, 30);
    s.wait_gone("terminal too small");
    s.wait_for_in_row(29, "FACTORS");
    s.wait_for("2. The India factor");
    s.wait_for_in_row(0, "Afghanistan–Pakistan");

    // Keys still work after all that.
    s.send(b"3");
    s.wait_for("3. The U.S. factor");

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_terminal_restored(&s);
}

/// A key typed the moment the terminal is resized (dragging a tmux split,
/// then typing) is acted on at once. crossterm's default input source waits
/// edge-triggered and could leave such a key unread, still in the terminal,
/// until the next key came: the key seemed lost.
#[test]
fn a_key_typed_right_after_a_resize_is_not_held_back() {
    let mut s = Session::start(&[]);
    s.wait_for("Overview");
    for (round, (cols, rows)) in [(120, 40), (100, 30)]
        .into_iter()
        .cycle()
        .take(16)
        .enumerate()
    {
        s.resize(cols, rows);
        s.send(b"?");
        // The status bar names the layer on top.
        let expected = if round % 2 == 0 {
            " HELP "
        } else {
            " FACTORS "
        };
        s.wait_for_in_row(rows - 1, expected);
    }
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// Sends `signal` to a running reader and checks it leaves cleanly.
fn signal_restores_the_terminal(signal: &str, number: u32) {
    let mut s = start_bundled();
    s.send(b"2");
    s.wait_for("2. The India factor");
    s.signal(signal);
    let status = s.wait_exit();
    assert!(
        status.signal().is_none(),
        "SIG{signal} killed the reader instead of ending it: {status:?}"
    );
    assert_eq!(
        status.exit_code(),
        128 + number,
        "SIG{signal}: the exit status says which signal ended it"
    );
    assert_terminal_restored(&s);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores_the_terminal("INT", 2);
}

/// Sequences that must never reach the terminal from a brief's text.
const FORBIDDEN: &[(&str, &[u8])] = &[
    ("OSC 0 title", b"\x1b]0;PWNED"),
    ("OSC 52 clipboard", b"\x1b]52;"),
    ("OSC 8 hyperlink", b"\x1b]8;;http://evil"),
    ("any OSC", b"\x1b]"),
    ("DCS", b"\x1bP"),
    ("RIS", b"\x1bc"),
    ("BEL", b"\x07"),
    ("U+009B CSI", "\u{9b}".as_bytes()),
    ("U+009D OSC", "\u{9d}".as_bytes()),
    ("U+0090 DCS", "\u{90}".as_bytes()),
    ("U+202E RLO", "\u{202e}".as_bytes()),
    ("U+202C PDF", "\u{202c}".as_bytes()),
    ("U+2066 LRI", "\u{2066}".as_bytes()),
    ("U+2069 PDI", "\u{2069}".as_bytes()),
];

#[test]
fn the_escapes_fixture_is_a_valid_brief_with_warnings() {
    let brief = fixture("escapes/brief.toml");
    let (code, stdout, stderr) = run_piped(&[OsStr::new("check"), brief.as_os_str()]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.contains("1 excerpt (1 verified)"),
        "stdout: {stdout}"
    );
    assert!(stderr.contains("U+001B (escape)"), "stderr: {stderr}");
    assert!(!contains(stderr.as_bytes(), b"\x1b]"), "stderr: {stderr:?}");
}

#[test]
fn escape_sequences_in_a_brief_never_reach_the_terminal() {
    let brief = fixture("escapes/brief.toml");
    let mut s = Session::start(&[&brief]);

    // Overview: title, subtitle, summary and the source list.
    s.wait_for("TITLEMARK");
    s.wait_for("SUMMARYMARK");
    s.wait_for("REPORTMARK");
    let screen = s.contents();
    assert!(
        s.row(0).contains("TITLEMARK ␛]0;PWNED-TITLE␇"),
        "the title's escape is shown as symbols: {:?}",
        s.row(0)
    );
    assert!(
        screen.contains("␛]52;c;UFdORUQ=␇"),
        "summary not shown safely:\n{screen}"
    );

    // The factor: its summary, key point and the excerpt's annotation.
    s.send(b"1");
    s.wait_for("Factor 1 of 1");
    s.wait_for("FSUMMARK");
    s.wait_for("KEYPOINTMARK");
    s.wait_for("ANNOTMARK");
    s.wait_for("EVENTMARK");
    let screen = s.contents();
    assert!(
        screen.contains("1. Border \u{FFFD}FACTORMARK\u{FFFD} \u{FFFD}1m"),
        "bidi isolates and CSI in the factor title not replaced:\n{screen}"
    );
    assert!(
        screen.contains("KEYPOINTMARK ␛]0;PWNED-TITLE␇ \u{FFFD}52;c;UFdORUQ=␇"),
        "key point not shown safely:\n{screen}"
    );

    // The excerpt's source: focus the detail pane, select the excerpt
    // (after the key point), open it.
    s.send(b"\t");
    s.wait_for_in_row(29, "DETAIL");
    s.send(b"j");
    s.send(b"j");
    s.send(b"\r");
    s.wait_for_in_row(29, "SOURCE");
    s.wait_for("SOURCEMARK");
    s.wait_for("ENDMARK");
    s.wait_for("excerpt 1 of 1");
    let screen = s.contents();
    for text in [
        "Officials said ␛]0;PWNED-TITLE␇ that the crossing",
        "␛c reset",
        "C1: \u{FFFD}31m red \u{FFFD}0;PWNED-C1␇ and bidi \u{FFFD}reversed\u{FFFD}",
    ] {
        assert!(screen.contains(text), "source lacks {text:?}:\n{screen}");
    }

    // The chronology: back, next pane, open the event.
    s.esc();
    s.wait_for_in_row(29, "DETAIL");
    s.send(b"\t");
    s.wait_for_in_row(29, "CHRONOLOGY");
    s.send(b"\r");
    s.wait_for("Place: Torkham");
    s.wait_for("Excerpts citing it");

    let screen = s.contents();
    assert!(
        screen.contains("EVENTMARK ␛]8;;http://evil.example␛\\click"),
        "event title not shown safely:\n{screen}"
    );
    assert!(
        screen.contains('\u{FFFD}'),
        "no replacement symbol on screen:\n{screen}"
    );

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_terminal_restored(&s);

    let raw = s.raw();
    for (what, bytes) in FORBIDDEN {
        if let Some(at) = rfind(&raw, bytes) {
            let from = at.saturating_sub(60);
            let to = (at + 60).min(raw.len());
            panic!(
                "{what} ({bytes:?}) written to the terminal at byte {at}: …{}…",
                String::from_utf8_lossy(&raw[from..to]).escape_debug()
            );
        }
    }
    {
        let out = s.output();
        let seen = out.parser.callbacks();
        assert!(seen.titles.is_empty(), "window title set: {seen:?}");
        assert!(seen.clipboard.is_empty(), "clipboard written: {seen:?}");
        assert!(seen.osc.is_empty(), "OSC sequences: {seen:?}");
        assert!(seen.unprintable.is_empty(), "C1 controls printed: {seen:?}");
        assert_eq!(seen.bells, 0, "the bell rang: {seen:?}");
    }
    // The same texts did arrive, made visible.
    for visible in ["PWNED-TITLE", "UFdORUQ=", "http://evil.example", "PWNED-C1"] {
        assert!(
            contains(&raw, visible.as_bytes()),
            "{visible:?} never shown"
        );
    }
}

/// `briefing ARGS…` with stdout and stderr piped (not a terminal).
fn run_piped(args: &[&OsStr]) -> (i32, String, String) {
    let data = TempDir::new().expect("temp dir");
    let output = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEFING_DATA_DIR", data.path())
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run briefing");
    (
        output.status.code().expect("briefing exited by a signal"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn stdout_not_a_terminal_points_to_briefing_check() {
    let (code, stdout, stderr) = run_piped(&[]);
    assert_eq!(code, 2, "stderr: {stderr}");
    assert!(stderr.contains("briefing check"), "stderr: {stderr}");
    assert!(stderr.contains("not a terminal"), "stderr: {stderr}");
    assert!(stdout.is_empty(), "stdout: {stdout:?}");
    assert!(
        !stderr.contains('\x1b'),
        "escape sequences on stderr: {stderr:?}"
    );
}

/// A brief with an unknown key and a bad date.
const BAD_BRIEF: &str = "format = 1

[brief]
id = \"bad\"
title = \"A bad brief\"
as_of = \"2025-13-45\"
summary = \"Nothing here works.\"
sumary = \"typo\"

[[sources]]
id = \"report\"
title = \"A report\"

[[factors]]
id = \"trade\"
title = \"Trade\"
summary = \"Crossings closed.\"
";

fn write_bad_brief(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, BAD_BRIEF).expect("write the bad brief");
    path
}

#[test]
fn a_brief_with_errors_is_refused_with_diagnostics() {
    let dir = TempDir::new().expect("temp dir");
    let path = write_bad_brief(&dir);
    let (code, stdout, stderr) = run_piped(&[path.as_os_str()]);
    assert_eq!(code, 1, "stderr: {stderr}");
    assert!(stdout.is_empty(), "stdout: {stdout:?}");
    assert!(stderr.contains("bad.toml:8:1"), "stderr: {stderr}");
    assert!(stderr.contains("unknown key `sumary`"), "stderr: {stderr}");
    assert!(stderr.contains("bad.toml:6:"), "stderr: {stderr}");
    assert!(
        !stderr.contains("not a terminal"),
        "errors come before the terminal check: {stderr}"
    );
}

#[test]
fn a_brief_with_errors_never_touches_the_terminal() {
    let dir = TempDir::new().expect("temp dir");
    let path = write_bad_brief(&dir);
    let mut s = Session::start(&[&path]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1, "exit status {status:?}");
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("unknown key `sumary`"),
        "no diagnostics: {text:?}"
    );
    for (what, bytes) in [
        ("the alternate screen", ENTER_ALT_SCREEN),
        ("mouse capture", ENABLE_MOUSE),
        ("a hidden cursor", b"\x1b[?25l".as_slice()),
    ] {
        assert!(!contains(&raw, bytes), "{what} was entered: {text:?}");
    }
    let flags = s.local_flags();
    assert!(
        flags.iter().any(|f| f == "ICANON"),
        "raw mode was entered: {flags:?}"
    );
}

// --- Hardening: panics, odd screens, characters terminals disagree on ---

/// A copy of the clean fixture brief in a temporary folder with its
/// title replaced by `title` (a TOML string, escapes allowed).
fn brief_titled(title: &str) -> (TempDir, PathBuf) {
    let folder = TempDir::new().expect("temp dir");
    let text = std::fs::read_to_string(fixture("clean.toml"))
        .expect("clean fixture")
        .replace("title = \"A clean brief\"", &format!("title = \"{title}\""));
    let brief = folder.path().join("brief.toml");
    std::fs::write(&brief, text).expect("write brief");
    std::fs::copy(fixture("source.txt"), folder.path().join("source.txt")).expect("copy source");
    (folder, brief)
}

#[test]
fn a_panic_restores_the_terminal_and_prints_no_raw_brief_text() {
    for place in ["main", "thread"] {
        let data = TempDir::new().expect("temp dir");
        let brief = fixture("escapes/brief.toml");
        let mut s =
            Session::start_with_env(&[&brief], data.path(), &[("BRIEFING_DEBUG_PANIC", place)]);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 101, "a panic ({place}) exits 101");
        assert_terminal_restored_after_panic(&s);
        let raw = s.raw();
        let out = s.output();
        assert!(
            out.parser.callbacks().titles.is_empty(),
            "{place}: title set"
        );
        assert!(
            out.parser.callbacks().clipboard.is_empty(),
            "{place}: clipboard written"
        );
        assert!(
            !contains(&raw, b"\x1b]0;PWNED"),
            "{place}: raw OSC in {}",
            tail(&raw, 300)
        );
        let screen = text_of(out.parser.screen());
        assert!(
            screen.contains("briefing: internal error at src/lib.rs"),
            "{place}:\n{screen}"
        );
        assert!(
            screen.contains("TITLEMARK ␛]0;PWNED-TITLE␇"),
            "{place}: message shown safely:\n{screen}"
        );
    }
}

/// After a panic the terminal is back even though the loop never ran:
/// main screen, cursor shown, raw mode off.
#[track_caller]
fn assert_terminal_restored_after_panic(session: &Session) {
    let raw = session.raw();
    let screen = session.output();
    assert!(
        !screen.parser.screen().alternate_screen(),
        "still on the alternate screen after {} bytes, ending {}",
        raw.len(),
        tail(&raw, 200)
    );
    assert!(
        !screen.parser.screen().hide_cursor(),
        "the cursor is still hidden"
    );
    drop(screen);
    let flags = session.local_flags();
    assert!(
        flags.iter().any(|f| f == "ICANON"),
        "raw mode was not left: {flags:?}"
    );
}

#[test]
fn a_huge_terminal_shows_a_message_and_comes_back() {
    let mut s = start_bundled();
    s.resize(2000, 600);
    s.wait_for("terminal too large: at most 1000×500, have 2000×600");
    // Keys do nothing there (a digit would open a factor).
    s.send(b"2");
    thread::sleep(Duration::from_millis(200));
    s.resize(100, 30);
    s.wait_for("Overview");
    s.wait_gone("terminal too large");
    assert!(
        !s.contents().contains("2. The India factor"),
        "a key acted unseen"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    assert_terminal_restored(&s);
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    s.resize(40, 10);
    s.wait_for("terminal too small");
    // Blind, this would open an editor, type a note and save it.
    s.send(b"ahello");
    s.send(b"\x13");
    thread::sleep(Duration::from_millis(300));
    s.resize(100, 30);
    s.wait_for("Overview");
    assert!(!s.contents().contains("hello"), "{}", s.contents());
    let notes = data.path().join("notes");
    let saved = std::fs::read_dir(&notes)
        .map(|dir| {
            dir.flatten()
                .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten())
                .count()
        })
        .unwrap_or(0);
    assert_eq!(saved, 0, "a note was saved blind");
    // Quitting still works when too small.
    s.resize(40, 10);
    s.wait_for("terminal too small");
    s.send(b"q");
    assert_eq!(s.wait_exit().exit_code(), 0);
}

#[test]
fn line_and_paragraph_separators_never_reach_the_terminal() {
    let (_folder, brief) = brief_titled("SEPMARK one\\u2028two\\u2029three\\u200bfour");
    let mut s = Session::start(&[&brief]);
    s.wait_for("SEPMARK");
    s.wait_for("Overview");
    let raw = s.raw();
    for (name, bytes) in [
        ("U+2028", "\u{2028}"),
        ("U+2029", "\u{2029}"),
        ("U+200B", "\u{200b}"),
    ] {
        assert!(
            !contains(&raw, bytes.as_bytes()),
            "{name} reached the terminal"
        );
    }
    assert!(
        s.row(0)
            .contains("SEPMARK one\u{FFFD}two\u{FFFD}three\u{FFFD}four"),
        "{:?}",
        s.row(0)
    );
    s.send(b"q");
    s.wait_exit();
}

#[test]
fn the_cursor_advances_as_unicode_width_says() {
    use unicode_width::UnicodeWidthStr;
    // Combining marks, a ZWJ emoji sequence, an Indic conjunct with a
    // joiner, CJK: each followed by a marker whose column is checked.
    let pieces = [
        "e\u{301}",
        "👩\u{200d}💻",
        "क्\u{200d}ष",
        "国境",
        "ন্\u{200c}ত",
    ];
    let title: String = pieces
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{p}M{i}"))
        .collect();
    let (_folder, brief) = brief_titled(&title);
    let mut s = Session::start(&[&brief]);
    s.wait_for("M4");
    {
        let out = s.output();
        let screen = out.parser.screen();
        // Where the title starts on the header row: the first piece.
        let start = (0..100u16)
            .find(|&c| {
                screen
                    .cell(0, c)
                    .is_some_and(|cell| cell.contents().starts_with('e'))
            })
            .expect("the title on row 0");
        let mut expected = start as usize;
        for (i, piece) in pieces.iter().enumerate() {
            expected += piece.width();
            let cell = screen
                .cell(0, expected as u16)
                .map(|c| c.contents())
                .unwrap_or_default();
            assert_eq!(
                cell,
                "M",
                "marker {i} after {piece:?} at column {expected}: row {:?}",
                text_of(screen).lines().next()
            );
            expected += 2;
        }
    }
    s.send(b"q");
    s.wait_exit();
}

#[test]
fn failing_to_remember_the_reading_place_exits_2_with_a_message() {
    let data = TempDir::new().expect("temp dir");
    // The state folder cannot be made: a file is in its way.
    std::fs::write(data.path().join("state"), "not a folder").expect("write");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    s.send(b"q");
    assert_eq!(s.wait_exit().exit_code(), 2);
    s.wait_for("could not remember the reading place");
}

#[test]
fn a_draft_open_at_a_panic_is_offered_back() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_env(&[], data.path(), &[("BRIEFING_DEBUG_PANIC", "later")]);
    first.wait_for("Overview");
    first.send(b"a");
    first.wait_for("New note");
    first.send(b"words before a crash");
    first.wait_for("words before a crash");
    // Typing on without a pause (so no draft is due), until another
    // thread panics three seconds after the start.
    while first.child.try_wait().expect("wait").is_none() {
        let _ = first.writer.write_all(b".");
        let _ = first.writer.flush();
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(first.wait_exit().exit_code(), 101);
    assert_eq!(draft_files(data.path()).len(), 1, "the draft is on disk");

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("Unsaved note");
    second.wait_for("words before a crash.");
    second.send(b"r");
    second.wait_for("draft recovered");
    second.send(&[0x13]);
    second.wait_for("note saved");
    second.send(b"q");
    assert!(second.wait_exit().success());
    let bodies = saved_bodies(data.path());
    assert_eq!(bodies.len(), 1);
    assert!(
        bodies[0].starts_with("words before a crash.")
            && bodies[0].trim_end_matches('.').len() == 20,
        "the last text, dots typed up to the panic: {bodies:?}"
    );
}
