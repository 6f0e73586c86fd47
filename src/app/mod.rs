//! The reader: input → action → update → state → render.
//!
//! [`route`] is the one place that decides which layer gets an event and
//! turns it into an [`Action`] through the keymap; [`update::update`]
//! applies it; [`layout::prepare`] refreshes the layout cache;
//! [`crate::ui::render`] draws from `&State`. `crate::run_loop` ties
//! them to a real terminal, redrawing only after input, a resize or a
//! signal; nothing here knows the terminal.

// Slicing a string by byte range panics off a character boundary; the
// reader and drawing use `str::get` (or iterate characters) instead.
#![deny(clippy::string_slice)]

pub mod action;
pub mod available;
pub mod clipboard;
pub mod content;
pub mod copy;
pub mod doc;
pub mod doc_rows;
pub mod drafts;
pub mod help;
pub mod input;
pub mod jumps;
pub mod key_config;
pub mod keymap;
pub mod layers;
pub mod layout;
pub mod library;
pub mod location;
pub mod note_changes;
pub mod notes;
pub mod notes_list;
pub mod notes_rows;
pub mod palette;
pub mod peek;
pub mod pending_save;
pub mod place;
pub mod placing;
pub mod reattach;
pub mod search;
pub mod source_layout;
pub mod state;
pub mod timeline;
pub mod update;
pub mod visual;

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
        Event::Key(event) => {
            let key = Key::of(event)?;
            down_the_layers(state, |layer| key_step(state, layer, key))
        }
        Event::Paste(text) => down_the_layers(state, |layer| {
            if layer.is_text_input() {
                Step::Act(Action::Paste(text.clone()))
            } else {
                Step::Pass
            }
        }),
        Event::Mouse(mouse) => down_the_layers(state, |layer| mouse_step(layer, mouse)),
        _ => None,
    }?;
    if state.laid_out.screen.too_small || state.laid_out.screen.too_large {
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

/// What a layer does with an event.
enum Step {
    /// It acts.
    Act(Action),
    /// It takes the event and does nothing.
    Swallow,
    /// It does not handle it: the layer under it may, if this layer lets
    /// events fall through ([`Layer::falls_through`]); else it is gone.
    Pass,
}

/// Hands an event down the layers, top first, until one acts or
/// swallows it, or one that does not let events fall through passes.
fn down_the_layers(state: &State, mut step: impl FnMut(Layer) -> Step) -> Option<Action> {
    for layer in state.layers.stack() {
        match step(layer) {
            Step::Act(action) => return Some(action),
            Step::Swallow => return None,
            Step::Pass if layer.falls_through() => {}
            Step::Pass => return None,
        }
    }
    None
}

/// A key: the layer's scopes in order; a text input types an unbound
/// printable key.
fn key_step(state: &State, layer: Layer, key: Key) -> Step {
    for &scope in layer.scopes() {
        if let Some(action) = state.opening.keymap.lookup(key, scope) {
            return Step::Act(action);
        }
    }
    match key.printable() {
        Some(c) if layer.is_text_input() => Step::Act(Action::Edit(Edit::Insert(c))),
        _ => Step::Pass,
    }
}

/// The mouse: the wheel scrolls what is shown (over a list it moves the
/// selection); a click selects in the panes only.
fn mouse_step(layer: Layer, mouse: &ratatui::crossterm::event::MouseEvent) -> Step {
    let (column, row) = (mouse.column, mouse.row);
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(3),
        MouseEventKind::ScrollUp => Some(-3),
        _ => None,
    };
    let click = mouse.kind == MouseEventKind::Down(MouseButton::Left);
    let act = |action: Option<Action>| action.map_or(Step::Swallow, Step::Act);
    match layer {
        Layer::Help | Layer::Caret | Layer::View => {
            act(wheel.map(|lines| Action::ScrollAt { column, row, lines }))
        }
        Layer::Base => act(match wheel {
            Some(lines) => Some(Action::ScrollAt { column, row, lines }),
            None => click.then_some(Action::ClickAt { column, row }),
        }),
        // Over a list the wheel moves the selection.
        Layer::Palette | Layer::Library | Layer::NotesList | Layer::Peek => {
            act(wheel.map(|lines| if lines > 0 { Action::Down } else { Action::Up }))
        }
        Layer::Search | Layer::Editor | Layer::Confirm | Layer::Recovery | Layer::FileView => {
            Step::Swallow
        }
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
