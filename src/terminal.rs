//! The terminal guard: enter full-screen mode, and always give the terminal
//! back as it was — on quit, on a panic, and on SIGTERM, SIGHUP and SIGINT.

use std::io::{self, Write};
use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::Message;

/// Holds the terminal in full-screen mode; dropping it restores the
/// terminal (bracketed paste, mouse capture, alternate screen, raw mode).
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enters raw mode, the alternate screen, mouse capture and bracketed
    /// paste (a paste arrives as one event, not as typed keys).
    pub fn enter() -> io::Result<(ratatui::DefaultTerminal, TerminalGuard)> {
        // Installed before ratatui's own hook, which restores the terminal
        // and then calls this one: mouse capture is ours to undo.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard { _private: () };
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        Ok((terminal, guard))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui::restore();
        let _ = io::stdout().flush();
    }
}

/// Starts the threads that feed the loop: terminal input, and the signals
/// that must end the reader cleanly.
pub fn spawn_feeders() -> io::Result<mpsc::Receiver<Message>> {
    let (sender, receiver) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let to_loop = sender.clone();
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = to_loop.send(Message::Terminate(signal));
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
