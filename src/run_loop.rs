//! The loop that ties the reader to a real terminal: it waits for input,
//! a signal or a timer, hands events to [`crate::app::handle_events`],
//! refreshes the layout and draws with [`crate::ui::render`] only when
//! something changed, and writes what `update` queued for the terminal
//! (an OSC 52 copy) between frames.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use crate::app::{
    State, clipboard, drafts, handle_events, layout, pending_save, placing, source_layout,
};
use crate::terminal::Message;

/// How long the loop waits for more input before drawing: a paste typed
/// key by key (no bracketed paste) arrives as one burst and is drawn once.
const SETTLE: Duration = Duration::from_millis(8);
/// How soon the loop comes back to a layout left unfinished.
const LAYOUT_PASS: Duration = Duration::from_millis(4);
/// The longest input may hold a frame back.
const MAX_HOLD: Duration = Duration::from_millis(100);

/// Runs the reader on a real terminal until the person quits or a signal
/// arrives; returns the signal's number if one ended it. The terminal is
/// restored by the caller's guard.
pub fn run(
    terminal: &mut ratatui::DefaultTerminal,
    state: &mut State,
    messages: mpsc::Receiver<Message>,
) -> std::io::Result<Option<i32>> {
    let mut dirty = true;
    let mut showed_too_large = false;
    loop {
        let outbox = clipboard::drain(state);
        if !outbox.is_empty() {
            use std::io::Write as _;
            let out = terminal.backend_mut();
            for sequence in outbox {
                out.write_all(sequence.as_bytes())?;
            }
            out.flush()?;
        }
        if dirty {
            let size = terminal.size()?;
            let area = Rect::new(0, 0, size.width, size.height);
            layout::prepare(state, area);
            if state.laid_out.screen.too_large {
                // Drawing through ratatui would allocate a cell buffer of
                // the whole terminal: write the message directly instead.
                too_large_message(terminal.backend_mut(), area)?;
                showed_too_large = true;
            } else {
                if showed_too_large {
                    // What ratatui last drew is gone: lay out afresh (this
                    // clears the screen and resets its buffers).
                    terminal.resize(area)?;
                    showed_too_large = false;
                }
                terminal.draw(|frame| crate::ui::render(state, frame))?;
            }
            dirty = false;
        }
        // Block until something happens, then take everything that comes
        // without a pause; wake when an editor's draft is due, and every
        // 50 ms while a note save waits in the background.
        let pending = state
            .notes
            .pending
            .is_some()
            .then(|| Instant::now() + Duration::from_millis(50));
        // Notes placed in the background are taken as soon as they come.
        let pending = if state.notes.placing.is_some() {
            Some(Instant::now() + Duration::from_millis(10))
        } else {
            pending
        };
        // A large source laid out roughly after a resize is laid out
        // exactly a piece at a time, a layout pass each few milliseconds.
        let pending = if source_layout::unfinished(state) {
            Some(Instant::now() + LAYOUT_PASS)
        } else {
            pending
        };
        let wake = match (drafts::due(state), pending) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let first = match wake {
            Some(at) => match messages.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(message) => message,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    dirty |= drafts::write_if_due(state, Instant::now());
                    dirty |= pending_save::poll(state);
                    dirty |= placing::poll(state);
                    dirty |= source_layout::unfinished(state);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(None),
            },
            None => match messages.recv() {
                Ok(message) => message,
                Err(_) => return Ok(None),
            },
        };
        let started = Instant::now();
        let mut batch = vec![first];
        while started.elapsed() < MAX_HOLD {
            match messages.recv_timeout(SETTLE) {
                Ok(message) => batch.push(message),
                Err(_) => break,
            }
        }
        let mut events = Vec::with_capacity(batch.len());
        for message in batch {
            match message {
                Message::Input(event) => events.push(event),
                Message::Terminate(signal) => return Ok(Some(signal)),
                Message::InputClosed => {
                    let area = area_of(terminal)?;
                    handle_events(state, area, &events);
                    return Ok(None);
                }
            }
        }
        let area = area_of(terminal)?;
        dirty |= handle_events(state, area, &events);
        if state.quit {
            return Ok(None);
        }
        dirty |= pending_save::poll(state);
        dirty |= placing::poll(state);
    }
}

fn area_of(terminal: &ratatui::DefaultTerminal) -> std::io::Result<Rect> {
    let size = terminal.size()?;
    Ok(Rect::new(0, 0, size.width, size.height))
}

/// Writes the "terminal too large" message straight to the terminal.
fn too_large_message(out: &mut impl std::io::Write, area: Rect) -> std::io::Result<()> {
    use ratatui::crossterm::terminal::{Clear, ClearType};
    use ratatui::crossterm::{cursor::MoveTo, queue, style::Print};
    queue!(
        out,
        Clear(ClearType::All),
        MoveTo(0, area.height / 2),
        Print(crate::ui::too_large_text(area))
    )?;
    out.flush()
}
