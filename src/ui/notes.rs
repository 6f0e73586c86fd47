//! The note editor, the delete confirmation and the notes list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::doc::Tone;
use crate::app::layout::{inner, palette_area};
use crate::app::notes_list::describe;
use crate::app::state::State;
use crate::text::sanitize::{sanitize, sanitize_line};

/// The editor popup: what the note is attached to, the passage quoted,
/// then the text.
pub fn draw_editor(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(editor) = state.layers.editor() else {
        return;
    };
    let popup = palette_area(area).intersection(area);
    if popup.height < 6 {
        return;
    }
    Clear.render(popup, buf);
    let title = if editor.base.is_some() {
        "Edit note"
    } else {
        "New note"
    };
    let hint = if editor.confirm_discard && editor.quit_after_discard {
        "discard draft and quit? y / n"
    } else if editor.confirm_discard {
        "discard your changes? y / n"
    } else {
        "Ctrl-s save · Esc close"
    };
    pane_block(format!("{title} · {hint}"), true, theme, popup.width).render(popup, buf);
    let inside = inner(popup);
    let mut header = vec![Line::from(vec![
        Span::styled("on ", theme.muted()),
        Span::styled(sanitize_line(&editor.label).into_owned(), theme.header()),
    ])];
    if let Some(quote) = &editor.quote {
        header.push(Line::from(Span::styled(
            format!("“{}”", crate::text::sanitize::one_line(quote, 300)),
            theme.tone(Tone::Quote),
        )));
    }
    if let Some(error) = &editor.error {
        header.push(Line::from(Span::styled(
            sanitize_line(error).into_owned(),
            theme.tone(Tone::NotFound),
        )));
    }
    let header_height = (header.len() as u16 + 1).min(inside.height.saturating_sub(1));
    Paragraph::new(header).wrap(Wrap { trim: true }).render(
        Rect {
            height: header_height,
            ..inside
        },
        buf,
    );
    let text = Rect {
        y: inside.y + header_height,
        height: inside.height.saturating_sub(header_height),
        ..inside
    };
    super::input::draw_text(&editor.input, text, Style::new(), theme.input_cursor(), buf);
}

/// "Delete this note? y/n" over the status bar.
pub fn draw_confirm(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(crate::app::layers::Question::DeleteNote(index)) = state.layers.question() else {
        return;
    };
    let (target, _) = describe(state, index);
    let message = format!(" Delete the note on {target}? y / n ");
    buf.set_style(area, theme.badge());
    buf.set_string(
        area.x,
        area.y,
        fit(&sanitize_line(&message), area.width as usize),
        theme.badge(),
    );
}

/// The notes list overlay.
pub fn draw_list(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(list) = state.layers.notes_list() else {
        return;
    };
    let title = format!(
        "Notes — {} · {} orphaned · Enter go · Ctrl-e edit · Ctrl-d delete · Ctrl-r re-attach · Esc",
        state.notes.notes.len(),
        state.notes.orphans.len()
    );
    let Some(rows) = super::input_popup(title, &list.input, theme, area, buf) else {
        return;
    };
    if list.rows.is_empty() {
        let message = if state.notes.notes.is_empty() {
            "No notes yet: select something and press a."
        } else {
            "No note matches."
        };
        buf.set_string(rows.x + 1, rows.y, message, theme.muted());
        return;
    }
    let width = rows.width as usize;
    for (row, (position, &index)) in list
        .rows
        .iter()
        .enumerate()
        .skip(list.scroll)
        .take(rows.height as usize)
        .enumerate()
    {
        let y = rows.y + row as u16;
        let note = &state.notes.notes[index];
        let (target, body) = describe(state, index);
        let orphan = position >= list.placed;
        let date = note.updated.strftime("%Y-%m-%d").to_string();
        let mark = if orphan { "orphan " } else { "" };
        let left = format!(" {date} {mark}");
        let room = width.saturating_sub(left.chars().count());
        let text = format!("{} — {}", sanitize(&target), sanitize(&body));
        let line = Line::from(vec![
            Span::styled(
                left,
                if orphan {
                    theme.warning()
                } else {
                    theme.muted()
                },
            ),
            Span::raw(fit(&sanitize_line(&text), room).into_owned()),
        ]);
        buf.set_line(rows.x, y, &line, rows.width);
        if position == list.selected {
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), theme.selected(true));
        }
    }
}
