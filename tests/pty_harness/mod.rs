//! The pseudo-terminal harness of the end-to-end tests: runs the built
//! binary in a PTY, drains and parses its output with a `vt100` emulator,
//! and types, resizes and signals as a person and a window manager would.
//!
//! Every wait polls the parsed screen (up to [`TIMEOUT`]); the only fixed
//! pause is after a lone Esc, which must not be followed quickly by another
//! byte (ESC + byte is read as Alt+key).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_briefing");
/// How long any one wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(20);
/// The pause after a lone Esc.
pub const ESC_PAUSE: Duration = Duration::from_millis(200);

pub const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
pub const ENABLE_MOUSE: &[u8] = b"\x1b[?1000h";
pub const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";
pub const ENABLE_PASTE: &[u8] = b"\x1b[?2004h";
pub const DISABLE_PASTE: &[u8] = b"\x1b[?2004l";

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// What the emulated terminal was asked to do besides drawing: set the
/// window title, write the clipboard, ring the bell, print a C1 control.
/// A brief's text must never cause any of it.
#[derive(Debug, Default)]
pub struct Recorder {
    pub titles: Vec<String>,
    pub clipboard: Vec<String>,
    pub bells: usize,
    /// Unknown OSC sequences (OSC 8 hyperlinks among them).
    pub osc: Vec<String>,
    /// Characters the emulator would not print: C1 controls.
    pub unprintable: Vec<char>,
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
pub struct Output {
    /// Every byte the program wrote, unparsed.
    pub raw: Vec<u8>,
    /// The same bytes, as a terminal would show them.
    pub parser: vt100::Parser<Recorder>,
    /// How many bytes of `raw` the parser has had.
    pub parsed: usize,
    /// The PTY reported end of file (or an error): the program is gone.
    pub closed: bool,
    /// The read error that ended the draining, when it was not the end
    /// of file a PTY reports once the program is gone.
    pub read_error: Option<String>,
}

/// U+FFFD in UTF-8. Real terminals draw it; `vt100` drops it (it takes it
/// for a decoding error), which would shift the rest of the row, so it is
/// fed to the emulator as [`STAND_IN`] and turned back when reading.
pub const REPLACEMENT_UTF8: &[u8] = "\u{FFFD}".as_bytes();
/// A character of the same width (1) that briefs and the reader never use.
pub const STAND_IN: char = '\u{2370}';

impl Output {
    pub fn feed(&mut self, bytes: &[u8]) {
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
pub fn text_of(screen: &vt100::Screen) -> String {
    screen.contents().replace(STAND_IN, "\u{FFFD}")
}

/// Row `row` of the screen, as a terminal shows it.
pub fn row_of(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(row as usize)
        .unwrap_or_default()
        .replace(STAND_IN, "\u{FFFD}")
}

/// The reader running in a PTY.
pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub output: Arc<Mutex<Output>>,
    pub drain: Option<JoinHandle<()>>,
    /// Where notes and reading state go (removed at the end), unless the
    /// test brought its own.
    pub _data: Option<TempDir>,
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is never zero")
}

impl Session {
    /// Starts `briefing ARGS…` in a 100×30 PTY.
    pub fn start(args: &[&Path]) -> Session {
        let data = TempDir::new().expect("temp dir");
        let mut session = Session::start_with_data(args, data.path());
        session._data = Some(data);
        session
    }

    /// Starts `briefing ARGS…` in a 100×30 PTY, keeping state in `data`.
    pub fn start_with_data(args: &[&Path], data: &Path) -> Session {
        Session::start_with_env(args, data, &[])
    }

    /// Starts `briefing ARGS…` in a 100×30 PTY, keeping state in `data`,
    /// with the environment variables `env` set.
    pub fn start_with_env(args: &[&Path], data: &Path, env: &[(&str, &str)]) -> Session {
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
        // Never the person's keys.toml: a folder that holds none.
        command.env("BRIEFING_CONFIG_DIR", data.join("config"));
        // Times on screen are in the local zone: pinned.
        command.env("TZ", "UTC");
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

    pub fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen's text, row by row.
    pub fn contents(&self) -> String {
        text_of(self.output().parser.screen())
    }

    /// Row `row` of the screen.
    pub fn row(&self, row: u16) -> String {
        row_of(self.output().parser.screen(), row)
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    /// Waits until `ready` holds for the screen; fails with the screen
    /// shown when it does not within [`TIMEOUT`].
    #[track_caller]
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
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
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            text_of(s).contains(text)
        });
    }

    /// Waits until the screen no longer shows `text`.
    #[track_caller]
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !text_of(s).contains(text)
        });
    }

    /// Waits until row `row` of the screen shows `text`.
    #[track_caller]
    pub fn wait_for_in_row(&self, row: u16, text: &str) {
        self.wait_until(&format!("{text:?} on row {row}"), |s| {
            row_of(s, row).contains(text)
        });
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the PTY");
        self.writer.flush().expect("flush the PTY");
    }

    /// Sends a lone Esc, then pauses so it is not read as Alt+next key.
    pub fn esc(&mut self) {
        self.send(b"\x1b");
        thread::sleep(ESC_PAUSE);
    }

    /// Resizes the terminal (and the emulator, first, so that the redraw
    /// is parsed at the new size).
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut out = self.output();
        out.parser
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(size(cols, rows))
            .expect("resize the PTY");
    }

    /// The terminal's local mode flags (`ICANON`, `ECHO`, …) by name.
    pub fn local_flags(&self) -> Vec<String> {
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
    pub fn wait_exit(&mut self) -> ExitStatus {
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
    pub fn signal(&self, signal: &str) {
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
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The last `n` bytes of `raw`, escaped, for failure messages.
pub fn tail(raw: &[u8], n: usize) -> String {
    let start = raw.len().saturating_sub(n);
    String::from_utf8_lossy(&raw[start..])
        .escape_debug()
        .to_string()
}

/// The program gave the terminal back: main screen, no mouse reporting,
/// cursor shown, raw mode off.
#[track_caller]
pub fn assert_terminal_restored(session: &Session) {
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
pub fn start_bundled() -> Session {
    let session = Session::start(&[]);
    session.wait_for("Afghanistan–Pakistan");
    session.wait_for("Overview");
    session.wait_for_in_row(29, "FACTORS");
    session
}

/// Starts the bundled brief, resizes the terminal to `cols`×`rows` and
/// waits for the panes laid out at that size.
pub fn start_bundled_at(cols: u16, rows: u16) -> Session {
    let s = start_bundled();
    s.resize(cols, rows);
    s.wait_for_in_row(rows - 1, "FACTORS");
    s
}

pub fn saved_bodies(data: &Path) -> Vec<String> {
    let store = briefing::notes::Store::new(data, "afpak-2025");
    store.load().notes.into_iter().map(|n| n.body).collect()
}

impl Session {
    /// Opens the source view of the one source that has "Strategiya" (a
    /// word found in no excerpt, so the search lands in the source), the
    /// status bar being row `status_row`.
    pub fn open_the_source_at_strategiya(&mut self, status_row: u16) {
        self.send(b"/Strategiya\t\r");
        self.wait_for("Source: Analysis of the October 2025");
        self.wait_for_in_row(status_row, "SOURCE");
    }

    /// Opens factor 2 (India) and a new note's editor on it.
    pub fn new_note_on_india(&mut self) {
        self.send(b"2");
        self.wait_for("2. The India factor");
        self.send(b"a");
        self.wait_for("New note");
    }
}
