//! The status bar: the focused pane, the keys that matter there, and the
//! brief's warning count (or the last notice).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::action::Action;
use crate::app::keymap::{Scope, first_key};
use crate::app::state::{Pane, State};
use crate::check::plural;

fn hint(action: Action, scope: Scope, what: &str) -> String {
    first_key(action, scope).map_or_else(String::new, |key| format!("{key} {what}"))
}

fn hints(state: &State) -> (String, Vec<String>) {
    let reader = Scope::Reader;
    if state.help.is_some() {
        return (
            "HELP".into(),
            vec![
                hint(Action::Down, Scope::Global, "scroll"),
                hint(Action::Back, Scope::Global, "close"),
            ],
        );
    }
    if state.visual.is_some() {
        return (
            "VISUAL".into(),
            vec![
                "h/l w/b/e ( ) j/k extend".to_string(),
                "a note on it".into(),
                "Esc leave".into(),
            ],
        );
    }
    if state.source.is_some() {
        return (
            "SOURCE".into(),
            vec![
                hint(Action::NextExcerpt, Scope::Source, "next excerpt"),
                hint(Action::PreviousExcerpt, Scope::Source, "previous"),
                hint(Action::PageDown, Scope::Source, "page"),
                hint(Action::Back, Scope::Source, "back"),
            ],
        );
    }
    let common = [
        hint(Action::NextPane, reader, "pane"),
        hint(Action::ToggleHelp, reader, "help"),
        hint(Action::Quit, reader, "quit"),
    ];
    let specific = match state.focus {
        Pane::Factors => vec![
            "j/k move".to_string(),
            "0-9 factor".into(),
            hint(Action::Open, reader, "read"),
        ],
        Pane::Detail => vec![
            "j/k select".to_string(),
            hint(Action::Open, reader, "open"),
            hint(Action::AddNote, reader, "note"),
            hint(Action::Visual, reader, "passage"),
            hint(Action::OpenSource, reader, "source"),
            hint(Action::ToggleZoom, reader, "zoom"),
        ],
        Pane::Chronology => vec![
            "j/k move".to_string(),
            hint(Action::Open, reader, "detail"),
            hint(Action::ToggleChronology, reader, "this factor/all"),
        ],
    };
    let name = state.focus.name().to_uppercase();
    (name, specific.into_iter().chain(common).collect())
}

/// The search line, while it is open: `/query   3/17  +src`.
fn search_line(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(input) = &state.search.input else {
        return;
    };
    let mut right = format!(" {} ", state.search.counter());
    if state.search.with_sources {
        right.push_str("+src ");
    }
    right.push_str("· Tab +src · ↑↓ history · Esc ");
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
    if state.search.input.is_some() {
        search_line(state, theme, area, buf);
        return;
    }
    let (name, keys) = hints(state);
    let orphans = state.notes.orphans.len();
    let orphaned = if orphans > 0 {
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
            plural(state.warnings, "warning", "warnings")
        ),
        (None, None) => format!(
            "{orphaned} {} ",
            plural(state.warnings, "warning", "warnings")
        ),
    };
    let right_style = if state.notice.is_some() || state.warnings > 0 || orphans > 0 {
        theme.warning()
    } else {
        theme.muted()
    };
    let right_width = (right.width() as u16).min(area.width);
    // As many hints as fit whole.
    let room = (area.width as usize).saturating_sub(right_width as usize + name.width() + 4);
    let mut shown = String::new();
    for key in keys.iter().filter(|k| !k.is_empty()) {
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
