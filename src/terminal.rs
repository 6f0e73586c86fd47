//! The terminal guard: enter full-screen mode, and always give the terminal
//! back as it was — on quit, on a panic, and on SIGTERM, SIGHUP and SIGINT.

use std::io::{self, Write};
use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use ratatui::crossterm::event::Event;

/// Holds the terminal in full-screen mode; dropping it restores the
/// terminal (mouse capture, alternate screen, raw mode).
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enters raw mode, the alternate screen, mouse capture and bracketed
    /// paste (a paste arrives as one event, not as typed keys).
    ///
    /// From here on a panic in any thread gives the terminal back, prints
    /// the report of [`install_panic_report`], and ends the process: a
    /// reader whose input or signal thread died could not be used or left.
    pub fn enter() -> io::Result<(ratatui::DefaultTerminal, TerminalGuard)> {
        // Installed before ratatui's own hook, which restores the terminal
        // and then calls this one: mouse capture is ours to undo.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(
                io::stdout(),
                DisableBracketedPaste,
                DisableMouseCapture,
                Show
            );
            previous(info);
            // The terminal has the restoring sequences and the report
            // before the process is gone.
            let _ = rustix::termios::tcdrain(io::stdout());
            std::process::exit(PANIC_EXIT);
        }));
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard { _private: () };
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        Ok((terminal, guard))
    }
}

/// The exit status after a panic (as Rust's own runtime uses).
pub const PANIC_EXIT: i32 = 101;

/// Replaces Rust's panic message with one that is safe to print: where the
/// panic happened and what kind it was, with the message made visible-safe
/// and cut short. The default hook prints the message as it is, and a
/// message can quote text of a brief (a string being sliced), escape
/// sequences included. Installed first thing by `main`.
pub fn install_panic_report() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        let thread = std::thread::current().name().map(str::to_string);
        let _ = writeln!(
            io::stderr(),
            "{}",
            panic_report(&message, location.as_deref(), thread.as_deref())
        );
    }));
}

/// The text [`install_panic_report`] prints for a panic with `message` at
/// `location` in thread `thread`.
pub fn panic_report(message: &str, location: Option<&str>, thread: Option<&str>) -> String {
    use crate::text::sanitize::{one_line, sanitize_line};
    let at = location.map_or_else(String::new, |l| format!(" at {}", sanitize_line(l)));
    let thread = thread.map_or_else(String::new, |t| format!(" in thread {}", sanitize_line(t)));
    format!(
        "briefing: internal error{at}{thread}: {}\n\
         This is a bug in briefing; your notes on disk are not affected.",
        one_line(message, 160)
    )
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            Show
        );
        ratatui::restore();
        let _ = io::stdout().flush();
    }
}

/// How long the loop has to end the reader after a signal before the
/// signal thread ends it.
pub const SIGNAL_GRACE: std::time::Duration = std::time::Duration::from_millis(700);

/// Gives the terminal back without locks: bracketed paste and mouse
/// capture off, the main
/// screen back, the cursor shown, and the saved settings (cooked mode).
fn force_restore(saved: Option<&rustix::termios::Termios>) {
    const RESET: &[u8] =
        b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";
    let _ = rustix::io::write(io::stdout(), RESET);
    if let Some(termios) = saved {
        let _ =
            rustix::termios::tcsetattr(io::stdin(), rustix::termios::OptionalActions::Now, termios);
    }
}

/// Starts the threads that feed the loop: terminal input, and the signals
/// that must end the reader cleanly.
///
/// A signal is passed to the loop, which ends the reader normally. If the
/// main thread is stuck and the process still runs [`SIGNAL_GRACE`] later,
/// the signal thread restores the terminal itself (without touching any
/// lock the stuck thread may hold) and exits with 128 + the signal.
pub fn spawn_feeders() -> io::Result<mpsc::Receiver<Message>> {
    let (sender, receiver) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let to_loop = sender.clone();
    // The terminal's settings before raw mode, to put back if forced.
    let saved = rustix::termios::tcgetattr(io::stdin()).ok();
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = to_loop.send(Message::Terminate(signal));
            thread::sleep(SIGNAL_GRACE);
            force_restore(saved.as_ref());
            std::process::exit(128 + signal);
        }
    });
    thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Input(event),
                Err(_) => Message::InputClosed,
            };
            let closed = matches!(message, Message::InputClosed);
            if sender.send(message).is_err() || closed {
                return;
            }
        }
    });
    Ok(receiver)
}

/// A message for the loop: terminal input, or a signal.
pub enum Message {
    Input(Event),
    /// SIGTERM, SIGHUP or SIGINT (the number): leave now, restoring the
    /// terminal.
    Terminate(i32),
    /// Reading input failed: the terminal is gone.
    InputClosed,
}
