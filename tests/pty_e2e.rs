//! End-to-end tests of the reader through a real pseudo-terminal: the
//! built binary runs in a PTY, its output is parsed by a `vt100` terminal
//! emulator, and the tests type keys, resize the terminal and send signals
//! the way a person and a window manager would.
//!
//! Every wait polls the parsed screen (up to [`TIMEOUT`]); the only fixed
//! pause is after a lone Esc, which must not be followed quickly by another
//! byte (ESC + byte is read as Alt+key).
#![cfg(unix)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_briefing");
/// How long any one wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// The pause after a lone Esc.
const ESC_PAUSE: Duration = Duration::from_millis(200);

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
const ENABLE_MOUSE: &[u8] = b"\x1b[?1000h";
const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";
const ENABLE_PASTE: &[u8] = b"\x1b[?2004h";
const DISABLE_PASTE: &[u8] = b"\x1b[?2004l";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// What the emulated terminal was asked to do besides drawing: set the
/// window title, write the clipboard, ring the bell, print a C1 control.
/// A brief's text must never cause any of it.
#[derive(Debug, Default)]
struct Recorder {
    titles: Vec<String>,
    clipboard: Vec<String>,
    bells: usize,
    /// Unknown OSC sequences (OSC 8 hyperlinks among them).
    osc: Vec<String>,
    /// Characters the emulator would not print: C1 controls.
    unprintable: Vec<char>,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard
            .push(String::from_utf8_lossy(data).into_owned());
    }

    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.unprintable.push(c);
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.osc.push(params.join(";"));
    }
}

/// What the drain thread has read from the PTY so far.
struct Output {
    /// Every byte the program wrote, unparsed.
    raw: Vec<u8>,
    /// The same bytes, as a terminal would show them.
    parser: vt100::Parser<Recorder>,
    /// How many bytes of `raw` the parser has had.
    parsed: usize,
    /// The PTY reported end of file (or an error): the program is gone.
    closed: bool,
    /// The read error that ended the draining, when it was not the end
    /// of file a PTY reports once the program is gone.
    read_error: Option<String>,
}

/// U+FFFD in UTF-8. Real terminals draw it; `vt100` drops it (it takes it
/// for a decoding error), which would shift the rest of the row, so it is
/// fed to the emulator as [`STAND_IN`] and turned back when reading.
const REPLACEMENT_UTF8: &[u8] = "\u{FFFD}".as_bytes();
/// A character of the same width (1) that briefs and the reader never use.
const STAND_IN: char = '\u{2370}';

impl Output {
    fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        let mut end = self.raw.len();
        // Hold back a U+FFFD cut in two by the read.
        for held in [2, 1] {
            if self.raw[self.parsed..end].ends_with(&REPLACEMENT_UTF8[..held]) {
                end -= held;
                break;
            }
        }
        let mut input = Vec::with_capacity(end - self.parsed);
        let mut rest = &self.raw[self.parsed..end];
        while let Some(at) = rest
            .windows(REPLACEMENT_UTF8.len())
            .position(|w| w == REPLACEMENT_UTF8)
        {
            input.extend_from_slice(&rest[..at]);
            input.extend_from_slice(STAND_IN.to_string().as_bytes());
            rest = &rest[at + REPLACEMENT_UTF8.len()..];
        }
        input.extend_from_slice(rest);
        self.parser.process(&input);
        self.parsed = end;
    }
}

/// The screen's text, row by row, as a terminal shows it.
fn text_of(screen: &vt100::Screen) -> String {
    screen.contents().replace(STAND_IN, "\u{FFFD}")
}

/// Row `row` of the screen, as a terminal shows it.
fn row_of(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(row as usize)
        .unwrap_or_default()
        .replace(STAND_IN, "\u{FFFD}")
}

/// The reader running in a PTY.
struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    drain: Option<JoinHandle<()>>,
    /// Where notes and reading state go (removed at the end), unless the
    /// test brought its own.
    _data: Option<TempDir>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is never zero")
}

impl Session {
    /// Starts `briefing ARGS…` in a 100×30 PTY.
    fn start(args: &[&Path]) -> Session {
        let data = TempDir::new().expect("temp dir");
        let mut session = Session::start_with_data(args, data.path());
        session._data = Some(data);
        session
    }

    /// Starts `briefing ARGS…` in a 100×30 PTY, keeping state in `data`.
    fn start_with_data(args: &[&Path], data: &Path) -> Session {
        Session::start_with_env(args, data, &[])
    }

    /// Starts `briefing ARGS…` in a 100×30 PTY, keeping state in `data`,
    /// with the environment variables `env` set.
    fn start_with_env(args: &[&Path], data: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(size(100, 30))
            .expect("open a PTY");
        let mut command = CommandBuilder::new(BIN);
        for arg in args {
            command.arg(arg);
        }
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("BRIEFING_DATA_DIR", data);
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("spawn briefing");
        // Only the child may hold the slave side, so that reading the master
        // ends when the child is gone.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("PTY reader");
        let writer = pty.master.take_writer().expect("PTY writer");
        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new_with_callbacks(
                nonzero(30),
                nonzero(100),
                0,
                Recorder::default(),
            ),
            parsed: 0,
            closed: false,
            read_error: None,
        }));
        // Drain the PTY all the time: a child whose output is not read
        // blocks once the PTY buffer is full.
        let sink = Arc::clone(&output);
        let drain = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let read = reader.read(&mut buf);
                let mut out = sink.lock().unwrap_or_else(|e| e.into_inner());
                match read {
                    Ok(0) => {
                        out.closed = true;
                        return;
                    }
                    Ok(n) => out.feed(&buf[..n]),
                    // A signal or a spurious wake-up: the program may
                    // still have more to say.
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
                        ) =>
                    {
                        drop(out);
                        thread::sleep(Duration::from_millis(1));
                    }
                    Err(e) => {
                        out.read_error = Some(e.to_string());
                        out.closed = true;
                        return;
                    }
                }
            }
        });
        Session {
            master: pty.master,
            writer,
            child,
            output,
            drain: Some(drain),
            _data: None,
        }
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen's text, row by row.
    fn contents(&self) -> String {
        text_of(self.output().parser.screen())
    }

    /// Row `row` of the screen.
    fn row(&self, row: u16) -> String {
        row_of(self.output().parser.screen(), row)
    }

    /// Every byte the program has written so far.
    fn raw(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    /// Waits until `ready` holds for the screen; fails with the screen
    /// shown when it does not within [`TIMEOUT`].
    #[track_caller]
    fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let out = self.output();
                if ready(out.parser.screen()) {
                    return;
                }
                if start.elapsed() > TIMEOUT || out.closed {
                    panic!(
                        "timed out waiting for {what} (program {})\n--- screen ---\n{}\n--- end ---",
                        if out.closed { "gone" } else { "running" },
                        text_of(out.parser.screen())
                    );
                }
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    #[track_caller]
    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            text_of(s).contains(text)
        });
    }

    /// Waits until the screen no longer shows `text`.
    #[track_caller]
    fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !text_of(s).contains(text)
        });
    }

    /// Waits until row `row` of the screen shows `text`.
    #[track_caller]
    fn wait_for_in_row(&self, row: u16, text: &str) {
        self.wait_until(&format!("{text:?} on row {row}"), |s| {
            row_of(s, row).contains(text)
        });
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the PTY");
        self.writer.flush().expect("flush the PTY");
    }

    /// Sends a lone Esc, then pauses so it is not read as Alt+next key.
    fn esc(&mut self) {
        self.send(b"\x1b");
        thread::sleep(ESC_PAUSE);
    }

    /// Resizes the terminal (and the emulator, first, so that the redraw
    /// is parsed at the new size).
    fn resize(&self, cols: u16, rows: u16) {
        let mut out = self.output();
        out.parser
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(size(cols, rows))
            .expect("resize the PTY");
    }

    /// The terminal's local mode flags (`ICANON`, `ECHO`, …) by name.
    fn local_flags(&self) -> Vec<String> {
        let termios = self.master.get_termios().expect("read the PTY's termios");
        let flags = format!("{:?}", termios.local_flags);
        flags
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty() && *word != "LocalFlags")
            .map(str::to_string)
            .collect()
    }

    /// Waits for the program to exit and for its last output to be read.
    #[track_caller]
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for briefing") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "briefing did not exit\n--- screen ---\n{}\n--- end ---",
                    self.contents()
                );
            }
            thread::sleep(POLL);
        };
        while !self.output().closed {
            assert!(
                start.elapsed() < TIMEOUT,
                "the PTY stayed open after briefing exited"
            );
            thread::sleep(POLL);
        }
        if let Some(drain) = self.drain.take() {
            drain.join().expect("drain thread");
        }
        if let Some(error) = &self.output().read_error {
            panic!("reading the PTY failed before its end: {error}");
        }
        status
    }

    /// Sends `signal` (a name for `kill`, like "TERM") to the program.
    fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("briefing's pid");
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid} failed");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the reader running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Where `needle` last occurs in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The last `n` bytes of `raw`, escaped, for failure messages.
fn tail(raw: &[u8], n: usize) -> String {
    let start = raw.len().saturating_sub(n);
    String::from_utf8_lossy(&raw[start..])
        .escape_debug()
        .to_string()
}

/// The program gave the terminal back: main screen, no mouse reporting,
/// cursor shown, raw mode off.
#[track_caller]
fn assert_terminal_restored(session: &Session) {
    let raw = session.raw();
    {
        let out = session.output();
        let screen = out.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "still on the alternate screen; output ends {}",
            tail(&raw, 200)
        );
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on; output ends {}",
            tail(&raw, 200)
        );
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
    }
    let entered = rfind(&raw, ENTER_ALT_SCREEN).expect("the alternate screen was never entered");
    assert!(
        rfind(&raw, LEAVE_ALT_SCREEN).is_some_and(|left| left > entered),
        "no {LEAVE_ALT_SCREEN:?} after the last {ENTER_ALT_SCREEN:?}; output ends {}",
        tail(&raw, 200)
    );
    let enabled = rfind(&raw, ENABLE_MOUSE).expect("mouse capture was never enabled");
    assert!(
        rfind(&raw, DISABLE_MOUSE).is_some_and(|off| off > enabled),
        "no {DISABLE_MOUSE:?} after the last {ENABLE_MOUSE:?}; output ends {}",
        tail(&raw, 200)
    );
    let enabled = rfind(&raw, ENABLE_PASTE).expect("bracketed paste was never enabled");
    assert!(
        rfind(&raw, DISABLE_PASTE).is_some_and(|off| off > enabled),
        "bracketed paste still on; output ends {}",
        tail(&raw, 200)
    );
    let flags = session.local_flags();
    assert!(
        flags.iter().any(|f| f == "ICANON") && flags.iter().any(|f| f == "ECHO"),
        "raw mode was not left: local flags {flags:?}"
    );
}

/// Starts the bundled brief and waits for its first screen.
fn start_bundled() -> Session {
    let session = Session::start(&[]);
    session.wait_for("Afghanistan–Pakistan");
    session.wait_for("Overview");
    session.wait_for_in_row(29, "FACTORS");
    session
}

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

#[test]
fn searching_a_word_only_in_a_source_lands_in_the_source_view_on_it() {
    let mut s = start_bundled();
    s.send(b"/");
    s.wait_for("history");
    s.send(b"Strategiya");
    s.wait_for("0/0");
    s.send(b"\t");
    s.wait_for("+src");
    s.send(b"\r");
    s.wait_for("Source: Analysis of the October 2025");
    s.wait_for("Strategiya");
    s.wait_for("1/1");
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

/// Opens the source view of the one source that has "Strategiya" (a word
/// found in no excerpt, so the search lands in the source).
fn open_a_source(s: &mut Session) {
    s.send(b"/Strategiya\t\r");
    s.wait_for("Source: Analysis of the October 2025");
    s.wait_for_in_row(29, "SOURCE");
}

#[test]
fn q_in_the_source_view_returns_to_the_panes_and_the_reader_lives() {
    let mut s = start_bundled();
    open_a_source(&mut s);
    s.send(b"q");
    s.wait_gone("Source: Analysis of the October 2025");
    s.wait_for_in_row(29, "FACTORS");
    s.wait_for("Factors");
    assert!(
        s.child.try_wait().expect("wait").is_none(),
        "q in the source view ended the reader"
    );
    // The help closes with q too.
    s.send(b"?");
    s.wait_for("Help — keys");
    s.send(b"q");
    s.wait_gone("Help — keys");
    assert!(s.child.try_wait().expect("wait").is_none());
    s.send(b"q");
    assert!(s.wait_exit().success(), "q in the panes quits");
    assert_terminal_restored(&s);
}

#[test]
fn capital_q_quits_from_a_view_and_restores_the_terminal() {
    let mut s = start_bundled();
    open_a_source(&mut s);
    s.send(b"?");
    s.wait_for("Help — keys");
    s.send(b"Q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_terminal_restored(&s);
}

#[test]
fn ctrl_c_with_an_unsaved_draft_asks_first() {
    let mut s = start_bundled();
    s.send(b"1a");
    s.wait_for("New note");
    s.send(b"half a thought");
    s.wait_for("half a thought");
    s.send(&[0x03]); // Ctrl-c
    s.wait_for("discard draft and quit? y / n");
    assert!(s.child.try_wait().expect("wait").is_none(), "asked first");
    s.send(b"n");
    s.wait_gone("discard draft and quit?");
    s.wait_for("half a thought");
    s.send(&[0x03]);
    s.wait_for("discard draft and quit? y / n");
    s.send(b"y");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

/// 10,000 characters ending in a marker, pasted into the input `open`
/// opens: bracketed, or typed as keys (in ten writes 20 ms apart: when the
/// reader is busy, more than about 7 KiB written at once stalls in the
/// PTY itself until the next write, whatever the program does).
fn paste_settles(open: &[u8], bracketed: bool) {
    let mut s = start_bundled();
    s.send(open);
    s.wait_for_in_row(29, if open == b"/" { "cancel" } else { "GO TO" });
    let mut text = "lorem ipsum ".repeat(833);
    text.truncate(9_996);
    text.push_str("ZQXW");
    assert_eq!(text.chars().count(), 10_000);
    let start = Instant::now();
    if bracketed {
        s.send(format!("\x1b[200~{text}\x1b[201~").as_bytes());
    } else {
        for piece in text.as_bytes().chunks(1000) {
            s.send(piece);
            thread::sleep(Duration::from_millis(20));
        }
    }
    s.wait_for("ZQXW");
    if open == b"/" {
        s.wait_for("0/0");
    }
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "a 10,000-character paste (bracketed: {bracketed}) took {took:?} to settle"
    );
    s.send(&[0x03]);
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn a_long_paste_into_the_search_line_settles_in_under_a_second() {
    paste_settles(b"/", true);
    paste_settles(b"/", false);
}

#[test]
fn a_long_paste_into_the_palette_settles_in_under_a_second() {
    paste_settles(b":", true);
    paste_settles(b":", false);
}

#[test]
fn reopening_a_brief_lands_where_the_last_session_left_off() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"2");
    first.wait_for("2. The India factor");
    first.send(b"\t");
    first.wait_for(" DETAIL ");
    first.send(b"q");
    assert!(first.wait_exit().success());
    let saved = data.path().join("state").join("afpak-2025.toml");
    assert!(saved.is_file(), "the place is saved under the data folder");

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("2. The India factor");
    second.wait_for(" DETAIL ");
    second.send(b"q");
    assert!(second.wait_exit().success());
}

#[test]
fn a_note_survives_a_restart_and_is_exported() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"2");
    first.wait_for("2. The India factor");
    first.send(b"a");
    first.wait_for("New note");
    first.send(b"Ask about the embassy upgrade");
    first.wait_for("Ask about the embassy upgrade");
    first.send(&[0x13]); // Ctrl-s
    first.wait_for("note saved");
    first.send(b"q");
    assert!(first.wait_exit().success());

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("2. The India factor");
    second.wait_for("Ask about the embassy upgrade");
    second.send(b"q");
    assert!(second.wait_exit().success());

    let output = std::process::Command::new(BIN)
        .args(["export", "--notes"])
        .env("BRIEFING_DATA_DIR", data.path())
        .output()
        .expect("run export");
    assert_eq!(output.status.code(), Some(0));
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        markdown.contains("Ask about the embassy upgrade"),
        "{markdown}"
    );
}

/// The drafts on disk (not a write still in progress).
fn draft_files(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("drafts").join("afpak-2025"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy();
                    name.ends_with(".toml") && !name.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default()
}

fn saved_bodies(data: &Path) -> Vec<String> {
    let store = briefing::notes::Store::new(data, "afpak-2025");
    store.load().notes.into_iter().map(|n| n.body).collect()
}

#[test]
fn a_draft_open_at_sighup_is_offered_back_and_recovered_exactly() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"2");
    first.wait_for("2. The India factor");
    first.send(b"a");
    first.wait_for("New note");
    first.send(b"not saved yet\r\rsecond paragraph  ");
    first.wait_for("second paragraph");
    // The terminal goes away with the editor open.
    first.signal("HUP");
    let status = first.wait_exit();
    assert_eq!(status.exit_code(), 129);
    assert_eq!(draft_files(data.path()).len(), 1, "the draft is on disk");
    assert!(saved_bodies(data.path()).is_empty(), "nothing was saved");

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("Unsaved note");
    second.wait_for("r recover");
    second.send(b"v");
    second.wait_for("second paragraph");
    second.send(b"r");
    second.wait_for("draft recovered");
    second.wait_for("New note");
    second.send(&[0x13]); // Ctrl-s
    second.wait_for("note saved");
    second.send(b"q");
    assert!(second.wait_exit().success());
    assert_eq!(
        saved_bodies(data.path()),
        ["not saved yet\n\nsecond paragraph  "],
        "recovered byte for byte"
    );
    assert!(
        draft_files(data.path()).is_empty(),
        "saved: the draft is gone"
    );
}

/// Opens the note on the India factor in a reader's editor.
fn edit_the_india_note(s: &mut Session, body: &str) {
    s.wait_for("Overview");
    s.send(b"2");
    s.wait_for("2. The India factor");
    s.wait_for(body);
    s.send(b"\t");
    s.wait_for(" DETAIL ");
    s.send(b"j");
    s.send(b"e");
    s.wait_for("Edit note");
}

#[test]
fn two_readers_saving_one_note_both_texts_are_kept_shown_and_exported() {
    let data = TempDir::new().expect("temp dir");
    let store = briefing::notes::Store::new(data.path(), "afpak-2025");
    let mut note = briefing::notes::Note::new(
        briefing::notes::NoteTarget::item(briefing::notes::ItemKind::Factor, "india"),
        "shared start".into(),
    );
    store.save(&mut note, None).unwrap();

    let mut a = Session::start_with_data(&[], data.path());
    let mut b = Session::start_with_data(&[], data.path());
    edit_the_india_note(&mut a, "shared start");
    edit_the_india_note(&mut b, "shared start");
    a.send(b" by A");
    a.wait_for("shared start by A");
    a.send(&[0x13]);
    a.wait_for("note saved");
    b.send(b" by B");
    b.wait_for("shared start by B");
    b.send(&[0x13]);
    b.wait_for("other text was kept");

    // A, whose text was put aside, is told in its notes list.
    a.send(b"m");
    a.wait_for("1 in conflict");
    a.wait_for("conflict copy");
    a.send(b"\x1b[B"); // Down, to the conflict row
    a.send(b"\r");
    a.wait_for("The other text");
    let screen = a.contents();
    assert!(screen.contains("shared start by B"), "{screen}");
    assert!(screen.contains("shared start by A"), "{screen}");
    a.esc();
    a.esc();
    a.send(b"q");
    assert!(a.wait_exit().success());
    b.send(b"q");
    assert!(b.wait_exit().success());

    for format in ["markdown", "json"] {
        let output = std::process::Command::new(BIN)
            .args(["export", "--notes", "--format", format])
            .env("BRIEFING_DATA_DIR", data.path())
            .output()
            .expect("run export");
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(text.contains("shared start by A"), "{format}: {text}");
        assert!(text.contains("shared start by B"), "{format}: {text}");
    }
}

#[test]
fn a_pause_in_typing_writes_the_draft_even_before_a_kill() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"a");
    first.wait_for("New note");
    first.send(b"typed, then a pause");
    first.wait_for("typed, then a pause");
    // About two seconds after typing stops the draft is on disk, with the
    // reader still running...
    let start = Instant::now();
    while draft_files(data.path()).is_empty() {
        assert!(start.elapsed() < TIMEOUT, "no draft after a pause");
        thread::sleep(POLL);
    }
    assert!(
        start.elapsed() >= Duration::from_millis(1500),
        "written after the pause, not at once"
    );
    // ...so even SIGKILL, which nothing can catch, loses nothing.
    first.signal("KILL");
    first.wait_exit();
    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("Unsaved note");
    second.wait_for("typed, then a pause");
    second.send(b"r");
    second.wait_for("draft recovered");
    second.send(&[0x13]);
    second.wait_for("note saved");
    second.send(b"q");
    assert!(second.wait_exit().success());
    assert_eq!(saved_bodies(data.path()), ["typed, then a pause"]);
}

/// Waits (polling every 2 ms) until `text` is on screen; returns how long
/// that took.
fn time_until_shown(s: &Session, text: &str) -> Duration {
    let start = Instant::now();
    loop {
        if text_of(s.output().parser.screen()).contains(text) {
            return start.elapsed();
        }
        assert!(start.elapsed() < TIMEOUT, "{text:?} never shown");
        thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn a_save_waiting_for_the_lock_never_freezes_the_interface_and_sigterm_still_ends_it() {
    let data = TempDir::new().expect("temp dir");
    let notes = data.path().join("notes/afpak-2025");
    std::fs::create_dir_all(&notes).unwrap();
    let lock = std::fs::File::create(notes.join(".lock")).unwrap();
    // Another reader holds the notes lock.
    lock.lock().unwrap();
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    s.send(b"2");
    s.wait_for("2. The India factor");
    s.send(b"a");
    s.wait_for("New note");
    s.send(b"first words");
    s.wait_for("first words");
    s.send(&[0x13]); // Ctrl-s
    s.wait_for("save pending");
    // Keys are still taken and drawn at once while the save waits.
    let mut slowest = Duration::ZERO;
    for word in ["alpha", "bravo", "delta"] {
        s.send(format!(" {word}").as_bytes());
        slowest = slowest.max(time_until_shown(&s, word));
    }
    assert!(
        slowest < Duration::from_millis(50),
        "a key took {slowest:?} to show while the save waited"
    );
    // The lock is freed: the save lands, and the later words stay in the
    // editor to be saved.
    lock.unlock().unwrap();
    s.wait_for("later changes not yet saved");
    let saved: Vec<String> = std::fs::read_dir(&notes)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .filter(|text| text.contains("first words"))
        .collect();
    assert_eq!(saved.len(), 1, "the note file was not written");
    // Held again: another save waits, and SIGTERM still ends the reader.
    lock.lock().unwrap();
    s.send(&[0x13]);
    s.wait_for("save pending");
    let sent = Instant::now();
    s.signal("TERM");
    let status = s.wait_exit();
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(status.exit_code(), 128 + 15);
    assert_terminal_restored(&s);
    // What could not be saved is kept.
    let recovered =
        std::fs::read_dir(data.path().join("recovery")).map_or(0, |entries| entries.count());
    assert_eq!(recovered, 1, "no recovery copy of the unsaved note");
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

#[test]
fn y_in_caret_mode_writes_the_words_and_their_citation_with_osc_52() {
    use base64::Engine as _;
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads");
    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    s.send(b"1");
    s.wait_for("Factor 1 of 9");
    s.send(b"\t");
    s.send(b"j");
    s.send(b"v");
    s.wait_for("CARET");
    s.send(b"wwe");
    s.send(b"y");
    s.wait_for("copied to the terminal clipboard (OSC 52)");
    let raw = s.raw();
    let start = rfind(&raw, b"\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start
        + raw[start..]
            .iter()
            .position(|&b| b == 0x07)
            .expect("the sequence ends with BEL");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .expect("the payload is base64");
    let text = String::from_utf8(decoded).expect("UTF-8");
    let (quoted, cite) = text.split_once("\n— ").expect("words, then the citation");
    let words = quoted
        .strip_prefix('“')
        .and_then(|q| q.strip_suffix('”'))
        .expect("the words in quotation marks");
    let point = &brief.factors[0].key_points[0];
    assert!(
        point.starts_with(words) && words.split_whitespace().count() == 3,
        "three words from the start of the key point: {words:?}"
    );
    assert_eq!(
        cite,
        briefing::brief::citation::citation(&brief, briefing::brief::TextRef::KeyPoint(0, 0))
    );
    s.esc();
    s.wait_gone("CARET");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

// Locations and the jump list (issue 12). Alt-← and Alt-→ arrive as the
// xterm sequences `ESC [1;3D` and `ESC [1;3C`, which crossterm reads as
// the arrows with the Alt modifier.
const CTRL_O: &[u8] = b"\x0f";
const ALT_LEFT: &[u8] = b"\x1b[1;3D";
const ALT_RIGHT: &[u8] = b"\x1b[1;3C";

/// Opens the palette, types `query`, waits for `row` among the matches
/// and chooses the first match.
fn palette_go(s: &mut Session, query: &str, row: &str) {
    s.send(b":");
    s.wait_for("Go to");
    s.send(query.as_bytes());
    s.wait_for(row);
    s.send(b"\r");
    s.wait_gone("Go to");
}

#[test]
fn a_palette_jump_to_an_event_ctrl_o_back_alt_right_forward() {
    let mut s = start_bundled();
    s.send(b"2");
    s.wait_for("┌ Factor 2 of");
    palette_go(&mut s, "doha agreement cease", "Doha agreement");
    s.wait_for("┌ Event");
    s.send(CTRL_O);
    s.wait_for("┌ Factor 2 of");
    s.send(ALT_RIGHT);
    s.wait_for("┌ Event");
    s.send(ALT_LEFT);
    s.wait_for("┌ Factor 2 of");
    s.send(b"Q");
    assert!(s.wait_exit().success());
    assert_terminal_restored(&s);
}

#[test]
fn enter_on_a_related_factor_opens_it() {
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("bundled brief");
    let india = &brief.factors[1];
    let related = india.related[0];
    let mut s = start_bundled();
    s.send(b"2\t");
    s.wait_for(" DETAIL ");
    // Down the key points onto the first related factor's link.
    s.send("j".repeat(india.key_points.len() + 1).as_bytes());
    let link = format!("→ {}. ", related + 1);
    s.wait_until("the link selected", |screen| {
        text_of(screen)
            .lines()
            .any(|l| l.contains('▌') && l.contains(&link))
    });
    s.send(b"\r");
    s.wait_for(&format!("┌ Factor {} of", related + 1));
    s.send(CTRL_O);
    s.wait_for("┌ Factor 2 of");
    s.send(b"Q");
    assert!(s.wait_exit().success());
}

#[test]
fn after_reopening_the_brief_ctrl_o_still_goes_back() {
    let data = TempDir::new().expect("temp dir");
    let mut first = Session::start_with_data(&[], data.path());
    first.wait_for("Overview");
    first.send(b"3");
    first.wait_for("┌ Factor 3 of");
    palette_go(&mut first, "doha agreement cease", "Doha agreement");
    first.wait_for("┌ Event");
    first.send(b"q");
    assert!(first.wait_exit().success());

    let mut second = Session::start_with_data(&[], data.path());
    second.wait_for("┌ Event");
    second.send(CTRL_O);
    second.wait_for("┌ Factor 3 of");
    second.send(ALT_RIGHT);
    second.wait_for("┌ Event");
    second.send(b"q");
    assert!(second.wait_exit().success());
}
