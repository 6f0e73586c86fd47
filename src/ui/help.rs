//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::pane_block;
use super::theme::Theme;
use crate::app::Action;
use crate::app::help::{HelpRow, rows as help_rows};
use crate::app::keymap::{Scope, key_name};
use crate::app::layout::{help_height, inner};
use crate::app::state::State;

/// `Help — keys (q, Esc or ? to close)`, from the keys that close it.
fn close_title(state: &State) -> String {
    let keys = &state.opening.keymap;
    let mut closing: Vec<String> = keys
        .bindings_of(Scope::Help)
        .filter(|b| b.action == Action::Close)
        .flat_map(|b| b.keys.iter().map(key_name))
        .collect();
    closing.extend(keys.key_of(Scope::Global, &Action::ToggleHelp));
    let last = closing.pop().unwrap_or_default();
    if closing.is_empty() {
        format!("Help — keys ({last} to close)")
    } else {
        format!("Help — keys ({} or {last} to close)", closing.join(", "))
    }
}

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    // Most of a wide screen, as the other overlays.
    let width = crate::app::layout::palette_area(area).width;
    let height = help_height(area) + 2;
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 1,
        width,
        height: height.min(area.height.saturating_sub(1)),
    }
    .intersection(area);
    Clear.render(popup, buf);
    let rows = help_rows(state);
    let scroll = state.layers.help.map_or(0, |h| h.scroll);
    let mut block = pane_block(close_title(state), true, theme, popup.width);
    if rows.len() > inner(popup).height as usize {
        let keys = &state.opening.keymap;
        let down = keys.key_of(Scope::Help, &Action::Down).unwrap_or_default();
        let up = keys.key_of(Scope::Help, &Action::Up).unwrap_or_default();
        block = block.title_bottom(
            Line::from(format!(
                " {down}/{up} scroll · {}/{} ",
                scroll + 1,
                rows.len()
            ))
            .right_aligned(),
        );
    }
    block.render(popup, buf);
    let inside = inner(popup);
    for (offset, row) in rows
        .iter()
        .skip(scroll)
        .take(inside.height as usize)
        .enumerate()
    {
        let y = inside.y + offset as u16;
        let line = match row {
            HelpRow::Heading(title) => Line::from(Span::styled(
                title.as_str(),
                theme.tone(crate::app::doc::Tone::Heading),
            )),
            HelpRow::Binding { keys, what } => Line::from(vec![
                Span::styled(format!("  {keys:<20} "), theme.header()),
                Span::raw(*what),
            ]),
            HelpRow::Blank => Line::default(),
        };
        buf.set_line(inside.x + 1, y, &line, inside.width.saturating_sub(1));
    }
}
