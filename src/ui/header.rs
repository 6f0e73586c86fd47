//! The top line: the brief's title, subtitle and "as of" date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::app::state::State;
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let brief = &state.brief;
    let as_of = format!("as of {} ", brief.as_of);
    let room = area.width.saturating_sub(as_of.width() as u16 + 1);
    let title = sanitize_line(&brief.title);
    let title = fit(&title, (room as usize).saturating_sub(1));
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(title.to_string(), theme.header()),
    ];
    if let Some(subtitle) = &brief.subtitle {
        let left = (room as usize).saturating_sub(title.width() + 4);
        if left > 8 {
            let subtitle = sanitize_line(subtitle);
            spans.push(Span::styled(
                format!(" — {}", fit(&subtitle, left)),
                theme.muted(),
            ));
        }
    }
    buf.set_line(area.x, area.y, &Line::from(spans), room);
    let x = area.x + area.width.saturating_sub(as_of.width() as u16);
    buf.set_string(x, area.y, as_of, theme.muted());
}
