//! The reader: input → action → update → state → render.
//!
//! [`route`] is the one place that decides which layer gets an event and
//! turns it into an [`Action`] through the keymap; [`update::update`]
//! applies it; [`layout::prepare`] refreshes the layout cache;
//! [`crate::ui::render`] draws from `&State`. [`run`] is the loop that ties
//! them to a real terminal, redrawing only after input, a resize or a
//! signal.

// Slicing a string by byte range panics off a character boundary; the
// reader and drawing use `str::get` (or iterate characters) instead.
#![deny(clippy::string_slice)]

pub mod action;
pub mod clipboard;
pub mod content;
pub mod copy;
pub mod doc;
pub mod drafts;
pub mod help;
pub mod input;
pub mod jumps;
pub mod keymap;
pub mod layers;
pub mod layout;
pub mod library;
pub mod location;
pub mod notes;
pub mod notes_list;
pub mod notes_rows;
pub mod palette;
pub mod pending_save;
pub mod place;
pub mod placing;
pub mod reattach;
pub mod search;
pub mod state;
pub mod timeline;
pub mod update;
pub mod visual;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

pub use action::Action;
use action::Edit;
use keymap::Key;
use layers::Layer;
pub use state::State;

/// The action an event asks for, if any: the one function that decides
/// which layer gets a key, a paste or a mouse event. Keys go down the
/// layers from the top (help, prompt, popup, caret, view, base): each layer
/// looks the key up in its scopes; a text input types an unbound printable
/// key; a layer that does not let keys fall through swallows the rest.
/// Below the minimum size only quitting (and resizing) does anything.
pub fn route(state: &State, event: &Event) -> Option<Action> {
    let action = match event {
        Event::Resize(..) => return Some(Action::Resize),
        Event::Key(event) => route_key(state, Key::of(event)?),
        Event::Paste(text) => state
            .layers
            .top()
            .is_text_input()
            .then(|| Action::Paste(text.clone())),
        Event::Mouse(mouse) => route_mouse(state, mouse),
        _ => None,
    }?;
    if state.screen.too_small || state.screen.too_large {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        return match event {
            // q and Q quit here whatever is open; Ctrl-c still asks about
            // a draft, and the answer is taken.
            Event::Key(key)
                if matches!(key.code, KeyCode::Char('q' | 'Q'))
                    && !key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Quit)
            }
            _ => matches!(
                action,
                Action::Quit | Action::Interrupt | Action::Yes | Action::No
            )
            .then_some(action),
        };
    }
    Some(action)
}

fn route_key(state: &State, key: Key) -> Option<Action> {
    for layer in state.layers.stack() {
        for &scope in layer.scopes() {
            if let Some(action) = keymap::lookup(key, scope) {
                return Some(action);
            }
        }
        if layer.is_text_input() {
            return key.printable().map(|c| Action::Edit(Edit::Insert(c)));
        }
        if !layer.falls_through() {
            return None;
        }
    }
    None
}

fn route_mouse(state: &State, mouse: &ratatui::crossterm::event::MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(3),
        MouseEventKind::ScrollUp => Some(-3),
        _ => None,
    };
    let click = mouse.kind == MouseEventKind::Down(MouseButton::Left);
    match state.layers.top() {
        // The wheel scrolls what is shown; clicks select in the panes only.
        Layer::Help | Layer::Caret | Layer::View => {
            wheel.map(|lines| Action::ScrollAt { column, row, lines })
        }
        Layer::Base => match wheel {
            Some(lines) => Some(Action::ScrollAt { column, row, lines }),
            None => click.then_some(Action::ClickAt { column, row }),
        },
        // Over a list the wheel moves the selection.
        Layer::Palette | Layer::Library | Layer::NotesList => {
            wheel.map(|lines| if lines > 0 { Action::Down } else { Action::Up })
        }
        Layer::Search | Layer::Editor | Layer::Confirm | Layer::Recovery | Layer::FileView => None,
    }
}

/// Maps `event` and applies it. Returns whether the screen needs
/// redrawing. The layout is refreshed first (so a key acts on what the
/// last one changed), except while typing into a text input: a burst of
/// typed keys is applied, then searched or ranked once, at the next layout.
pub fn handle_event(state: &mut State, area: Rect, event: &Event) -> bool {
    // A screen too small or too large to show the reader shows a message
    // instead: nothing may act unseen there (a note typed and saved blind),
    // so only quitting and resizing work (see `route`).
    let typing = matches!(event, Event::Key(_) | Event::Paste(_))
        && state.layers.top().is_text_input()
        && usable(area);
    if !typing {
        layout::prepare(state, area);
    }
    match route(state, event) {
        Some(action) => {
            update::update(state, action);
            true
        }
        None => false,
    }
}

/// Whether the reader can be shown in `area` at all.
fn usable(area: Rect) -> bool {
    (layout::MIN_WIDTH..=layout::MAX_WIDTH).contains(&area.width)
        && (layout::MIN_HEIGHT..=layout::MAX_HEIGHT).contains(&area.height)
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

/// Applies a batch of events in order. Keys typed into a text input, one
/// after the other, are applied as one edit (a burst of typing costs one
/// edit, and one search or ranking at the next layout). Stops early when
/// the person quits. Returns whether the screen needs redrawing.
pub fn handle_events(state: &mut State, area: Rect, events: &[Event]) -> bool {
    let mut dirty = false;
    let mut typed = String::new();
    for event in events {
        if let Some(Action::Edit(Edit::Insert(c))) = route(state, event)
            && state.layers.top().is_text_input()
        {
            typed.push(c);
            continue;
        }
        if !typed.is_empty() {
            update::update(state, Action::Paste(std::mem::take(&mut typed)));
            dirty = true;
        }
        dirty |= handle_event(state, area, event);
        if state.quit {
            return dirty;
        }
    }
    if !typed.is_empty() {
        update::update(state, Action::Paste(typed));
        dirty = true;
    }
    dirty
}

/// How long the loop waits for more input before drawing: a paste typed
/// key by key (no bracketed paste) arrives as one burst and is drawn once.
const SETTLE: Duration = Duration::from_millis(8);
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
            if state.screen.too_large {
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
