//! The go-to palette popup.

use super::input_popup;
use super::theme::Theme;
use crate::app::Action;
use crate::app::keymap::Scope;
use crate::app::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(palette) = state.layers.palette() else {
        return;
    };
    let keys = &state.opening.keymap;
    let title = if palette.reattach.is_some() {
        format!(
            "Re-attach the note to — {} of {} items · {}",
            palette.matches.len(),
            palette.entries.len(),
            keys.title_hints(
                Scope::List,
                &[
                    (Action::Choose, "choose"),
                    (Action::Close, "keep it an orphan")
                ]
            )
        )
    } else {
        format!(
            "Go to — {} of {} · {}",
            palette.matches.len(),
            palette.entries.len(),
            keys.title_hints(
                Scope::List,
                &[(Action::Choose, "go"), (Action::Close, "close")]
            )
        )
    };
    let Some(list) = input_popup(title, &palette.input, theme, area, buf) else {
        return;
    };
    let letters = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    for (row, (position, &entry)) in palette
        .matches
        .iter()
        .enumerate()
        .skip(palette.scroll)
        .take(list.height as usize)
        .enumerate()
    {
        let entry = &palette.entries[entry as usize];
        let y = list.y + row as u16;
        let marked = palette.marked.get(position);
        let mut spans = vec![Span::styled(format!(" {:<8} ", entry.kind), theme.muted())];
        for (i, c) in entry.label.chars().enumerate() {
            let hit = marked.is_some_and(|m| m.binary_search(&(i as u32)).is_ok());
            spans.push(if hit {
                Span::styled(
                    c.to_string(),
                    letters.patch(theme.tone(crate::app::doc::Tone::Label)),
                )
            } else {
                Span::raw(c.to_string())
            });
        }
        let line_area = Rect::new(list.x, y, list.width, 1);
        buf.set_line(list.x, y, &Line::from(spans), list.width);
        if position == palette.selected {
            buf.set_style(line_area, theme.selected(true));
        }
    }
    if palette.matches.is_empty() {
        buf.set_string(list.x + 1, list.y, "no match", theme.muted());
    }
}
