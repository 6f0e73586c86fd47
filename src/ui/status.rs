//! The status bar: the focused pane, the keys that matter there, and the
//! brief's warning count (or the last notice).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::Action;
use crate::app::available::available;
use crate::app::keymap::{Scope, key_name};
use crate::app::layers::Layer;
use crate::app::state::State;
use crate::check::plural;

/// The top layer's name and its hints, generated from the bindings of
/// the scopes it reads keys from.
fn hints(state: &State) -> (String, Vec<String>) {
    let stack = state.layers.stack();
    let top = stack[0];
    let name = match top {
        Layer::Base => state.reading.focus.name().to_uppercase(),
        // Caret mode with an anchor dropped: a selection.
        Layer::Caret
            if state
                .layers
                .caret
                .as_ref()
                .is_some_and(|c| c.anchor.is_some()) =>
        {
            "SELECT".to_string()
        }
        other => other.name().to_string(),
    };
    let scopes = top.all_scopes(&stack[1..]);
    let keymap = &state.opening.keymap;
    let mut hints: Vec<String> = Vec::new();
    for &scope in &scopes {
        // Over the source view, the panes' keys only leave it: no hints.
        if top == Layer::View && scope == Scope::Panes {
            continue;
        }
        for binding in keymap.bindings_of(scope) {
            let Some(word) = binding.hint else {
                continue;
            };
            // Only a key that reaches this binding (a more specific scope
            // takes the others), and only when it would do something now.
            let Some(key) = keymap.effective_keys(binding, &scopes).first().copied() else {
                continue;
            };
            if !available(state, scope, &binding.action) {
                continue;
            }
            // `c`'s word says what it does now.
            let word = match binding.action {
                Action::ToggleChronology => state.chronology_toggle().word(),
                _ => word,
            };
            hints.push(format!("{} {word}", key_name(&key)));
        }
    }
    (name, hints)
}

/// The search line, while it is open: `/query   3/17  +src`.
pub fn search_line(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(input) = state.layers.search_line() else {
        return;
    };
    let mut right = format!(" {} ", state.search.counter());
    if state.search.with_sources {
        right.push_str("+src ");
    }
    let (_, keys) = hints(state);
    right.push_str(&format!("· {} ", keys.join(" · ")));
    let right = super::fit(&right, (area.width as usize) / 2).into_owned();
    let right_width = right.width() as u16;
    buf.set_string(area.x, area.y, "/", theme.badge());
    let field = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(right_width + 2),
        ..area
    };
    super::input::draw_line(input, field, Style::new(), theme.input_cursor(), buf);
    buf.set_string(
        area.x + area.width - right_width,
        area.y,
        right,
        theme.muted(),
    );
}

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if state.layers.search_line().is_some() {
        // The search line takes the row (drawn as its layer).
        return;
    }
    let (name, keys) = hints(state);
    let orphans = state.notes.orphans.len();
    let orphaned = if state.notes.placing.is_some() {
        " ✎ placing notes… ·".to_string()
    } else if orphans > 0 {
        format!(
            " ✎ {} ·",
            plural(orphans, "orphaned note", "orphaned notes")
        )
    } else {
        String::new()
    };
    let right = match (&state.notice, &state.search.query) {
        (Some(notice), _) => format!(" {notice} "),
        (None, Some(query)) => format!(
            " /{} {}{} · n/N · {} ",
            super::fit(&crate::text::sanitize::sanitize_line(&query.text), 24),
            state.search.counter(),
            if state.search.with_sources {
                " +src"
            } else {
                ""
            },
            plural(state.facts.warnings, "warning", "warnings")
        ),
        (None, None) => format!(
            "{orphaned} {} ",
            plural(state.facts.warnings, "warning", "warnings")
        ),
    };
    let right_style = if state.notice.is_some() || state.facts.warnings > 0 || orphans > 0 {
        theme.warning()
    } else {
        theme.muted()
    };
    let right_width = (right.width() as u16).min(area.width);
    // As many hints as fit whole; the help's is kept last whatever else
    // is left out, as the way to every other key.
    let room = (area.width as usize).saturating_sub(right_width as usize + name.width() + 4);
    let help = keys.iter().position(|k| k.ends_with(" help"));
    let help_room = help.map_or(0, |h| keys[h].width() + 3);
    let mut shown = String::new();
    for (i, key) in keys.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        if Some(i) == help {
            continue;
        }
        let room = if help.is_some_and(|h| h > i) {
            room.saturating_sub(help_room)
        } else {
            room
        };
        let extra = if shown.is_empty() {
            key.width()
        } else {
            key.width() + 3
        };
        if shown.width() + extra > room {
            break;
        }
        if !shown.is_empty() {
            shown.push_str(" · ");
        }
        shown.push_str(key);
    }
    if let Some(h) = help
        && shown.width() + help_room <= room
    {
        if !shown.is_empty() {
            shown.push_str(" · ");
        }
        shown.push_str(&keys[h]);
    }
    let line = Line::from(vec![
        Span::styled(format!(" {name} "), theme.badge()),
        Span::raw(" "),
        Span::styled(shown, theme.muted()),
    ]);
    buf.set_line(
        area.x,
        area.y,
        &line,
        area.width.saturating_sub(right_width + 1),
    );
    buf.set_string(
        area.x + area.width - right_width,
        area.y,
        right,
        right_style,
    );
}
