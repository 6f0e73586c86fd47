//! The reader: input → action → update → state → render.
//!
//! [`handle_event`] turns a terminal event into an [`Action`] through the
//! keymap and applies it; [`layout::prepare`] refreshes the layout cache;
//! [`crate::ui::render`] draws from `&State`. [`run`] is the loop that ties
//! them to a real terminal, redrawing only after input, a resize or a
//! signal.

// Slicing a string by byte range panics off a character boundary; the
// reader and drawing use `str::get` (or iterate characters) instead.
#![deny(clippy::string_slice)]

pub mod action;
pub mod content;
pub mod doc;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod notes;
pub mod notes_list;
pub mod palette;
pub mod pending_save;
pub mod place;
pub mod search;
pub mod state;
pub mod timeline;
pub mod update;
pub mod visual;

use std::sync::mpsc;

use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

pub use action::Action;
use keymap::Scope;
pub use state::State;

/// The keymap scope that applies now.
pub fn scope(state: &State) -> Scope {
    if state.source.is_some() && state.help.is_none() {
        Scope::Source
    } else if state.help.is_some() {
        Scope::Global
    } else {
        Scope::Reader
    }
}

/// The action a terminal event asks for, if any.
pub fn action_for_event(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(key, scope(state)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                column: mouse.column,
                row: mouse.row,
                lines: 3,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                column: mouse.column,
                row: mouse.row,
                lines: -3,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

/// Lays out for `area`, maps `event` and applies it. Returns whether the
/// screen needs redrawing.
pub fn handle_event(state: &mut State, area: Rect, event: &Event) -> bool {
    // A screen too small or too large to show the reader shows a message
    // instead: nothing may act unseen there (a note typed and saved blind),
    // so only quitting and resizing work.
    if area.width < layout::MIN_WIDTH
        || area.height < layout::MIN_HEIGHT
        || area.width > layout::MAX_WIDTH
        || area.height > layout::MAX_HEIGHT
    {
        layout::prepare(state, area);
        if let Event::Key(key) = event
            && key.kind == ratatui::crossterm::event::KeyEventKind::Press
            && is_quit_key(key)
        {
            state.quit = true;
        }
        return matches!(event, Event::Resize(..));
    }
    // A text input takes raw keys while it is open. It needs no fresh
    // layout, and skipping it lets a burst of typing be ranked once (the
    // palette ranks in the layout step before drawing).
    if let Event::Key(key) = event
        && takes_raw_keys(state)
    {
        if key.kind != ratatui::crossterm::event::KeyEventKind::Release {
            raw_key(state, *key);
        }
        return true;
    }
    layout::prepare(state, area);
    match action_for_event(state, event) {
        Some(action) => {
            update::update(state, action);
            true
        }
        None => false,
    }
}

/// `q`, `Q` or Ctrl-c: what still works on a screen that cannot show the
/// reader.
fn is_quit_key(key: &ratatui::crossterm::event::KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    match key.code {
        KeyCode::Char('c') => key.modifiers.contains(KeyModifiers::CONTROL),
        KeyCode::Char('q' | 'Q') => !key.modifiers.contains(KeyModifiers::CONTROL),
        _ => false,
    }
}

/// True while a text input or a mode has the keyboard to itself.
fn takes_raw_keys(state: &State) -> bool {
    state.notes.editor.is_some()
        || state.notes.confirm_delete.is_some()
        || state.notes_list.is_some()
        || state.library.is_some()
        || state.palette.is_some()
        || state.search.input.is_some()
        || (state.visual.is_some() && state.help.is_none())
}

/// Gives a key to whichever input or mode has the keyboard.
fn raw_key(state: &mut State, key: ratatui::crossterm::event::KeyEvent) {
    use ratatui::crossterm::event::KeyCode;
    state.notice = None;
    if state.notes.editor.is_some() {
        notes::editor_key(state, key);
    } else if state.notes.confirm_delete.is_some() {
        notes::confirm_delete_key(state, key);
    } else if state.notes_list.is_some() {
        notes_list::key(state, key);
    } else if state.library.is_some() {
        library::key(state, key);
    } else if state.palette.is_some() {
        palette::key(state, key);
    } else if state.search.input.is_some() {
        search::key(state, key);
    } else if state.visual.is_some() {
        match key.code {
            KeyCode::Esc => state.visual = None,
            KeyCode::Char('a') => notes::add(state),
            KeyCode::Char('?') => state.help = Some(0),
            _ => visual::key(state, key),
        }
    }
}

/// One row of the help overlay: a heading or a binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    Binding { keys: String, what: &'static str },
    Blank,
}

/// The help overlay's rows, generated from the keymap table.
pub fn help_rows() -> Vec<HelpRow> {
    let mut rows = Vec::new();
    for scope in [Scope::Reader, Scope::Source, Scope::Global] {
        if !rows.is_empty() {
            rows.push(HelpRow::Blank);
        }
        rows.push(HelpRow::Heading(scope.title()));
        for binding in keymap::BINDINGS.iter().filter(|b| b.scope == scope) {
            rows.push(HelpRow::Binding {
                keys: keymap::keys_label(binding),
                what: binding.action.describe(),
            });
        }
    }
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Mouse"));
    rows.push(HelpRow::Binding {
        keys: "wheel".into(),
        what: "scroll the pane under the pointer",
    });
    rows.push(HelpRow::Binding {
        keys: "click".into(),
        what: "focus a pane and select what is under the pointer",
    });
    rows
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
        // Block until something happens, then take everything queued;
        // while a note save waits in the background, wake to check on it.
        let first = if state.notes.pending.is_some() {
            match messages.recv_timeout(std::time::Duration::from_millis(50)) {
                Ok(message) => message,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    dirty |= pending_save::poll(state);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(None),
            }
        } else {
            let Ok(first) = messages.recv() else {
                return Ok(None);
            };
            first
        };
        for message in std::iter::once(first).chain(messages.try_iter()) {
            match message {
                Message::Input(event) => {
                    let size = terminal.size()?;
                    let area = Rect::new(0, 0, size.width, size.height);
                    dirty |= handle_event(state, area, &event);
                }
                Message::Terminate(signal) => return Ok(Some(signal)),
                Message::InputClosed => return Ok(None),
            }
            if state.quit {
                return Ok(None);
            }
        }
        dirty |= pending_save::poll(state);
    }
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
