//! The library picker popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{fit, input_popup};
use crate::app::layout::library_list_height;
use crate::app::state::State;
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(library) = state.layers.library() else {
        return;
    };
    let folder = sanitize_line(&library.folder.display().to_string()).into_owned();
    let keys = state.opening.keymap.title_hints(
        crate::app::keymap::Scope::List,
        &[
            (crate::app::Action::Choose, "open"),
            (crate::app::Action::Close, "close"),
        ],
    );
    let title = format!("Briefs in {folder} · type to filter · {keys}");
    let Some(inside) = input_popup(title, &library.input, theme, area, buf) else {
        return;
    };
    let list_height = library_list_height(area);
    let list = Rect {
        height: list_height.min(inside.height),
        ..inside
    };
    for (row, (position, &index)) in library
        .shown
        .iter()
        .enumerate()
        .skip(library.scroll)
        .take(list.height as usize)
        .enumerate()
    {
        let entry = &library.entries[index];
        let y = list.y + row as u16;
        let mark = if entry.errors > 0 { "✗ " } else { "  " };
        let right = format!(" {} · as of {}", entry.counts, entry.as_of);
        let right = if entry.as_of.is_empty() {
            format!(" {}", entry.counts)
        } else {
            right
        };
        let room = (list.width as usize).saturating_sub(right.chars().count() + 2);
        let line = Line::from(vec![
            Span::styled(mark, theme.tone(crate::app::doc::Tone::NotFound)),
            Span::raw(fit(&entry.title, room).into_owned()),
            Span::styled(right, theme.muted()),
        ]);
        buf.set_line(list.x, y, &line, list.width);
        if position == library.selected {
            buf.set_style(Rect::new(list.x, y, list.width, 1), theme.selected(true));
        }
    }
    if library.shown.is_empty() {
        buf.set_string(list.x + 1, list.y, "no brief matches", theme.muted());
    }
    // Under the list: the selected brief's file, or its diagnostics.
    let below = Rect {
        y: list.y + list.height + 1,
        height: inside.height.saturating_sub(list.height + 1),
        ..inside
    };
    if below.height == 0 {
        return;
    }
    // Made once per brief and width by the layout pass: only copied here.
    for (row, text) in library
        .preview
        .rows
        .iter()
        .take(below.height as usize)
        .enumerate()
    {
        buf.set_stringn(
            below.x,
            below.y + row as u16,
            text,
            below.width as usize,
            theme.muted(),
        );
    }
}
