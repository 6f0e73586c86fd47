//! The chronology pane: events in date order, shown at their own precision.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::layout::inner;
use crate::app::state::{Pane, State, Target};
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = state.focus == Pane::Chronology;
    let chronology = &state.chronology;
    let scope = match (chronology.all, state.selected_factor()) {
        (false, Some(f)) => sanitize_line(&state.brief.factors[f].title).into_owned(),
        _ => "all".to_string(),
    };
    let title = format!("Chronology — {scope} ({})", chronology.events.len());
    pane_block(title, focused, theme, area.width).render(area, buf);
    let inside = inner(area);
    if chronology.events.is_empty() {
        buf.set_string(
            inside.x + 1,
            inside.y,
            "no events for this factor (c: all)",
            theme.muted(),
        );
        return;
    }
    let open_event = match state.target {
        Target::Event(e) => Some(e),
        _ => None,
    };
    for (offset, (index, &event)) in chronology
        .events
        .iter()
        .enumerate()
        .skip(chronology.scroll)
        .take(inside.height as usize)
        .enumerate()
    {
        let y = inside.y + offset as u16;
        let e = &state.brief.events[event];
        let date = e.date.to_string();
        let pad = state.date_width.saturating_sub(date.chars().count());
        let marker = if open_event == Some(event) {
            "▸"
        } else if state.notes.count(crate::notes::ItemRef::Event(event)) > 0 {
            "✎"
        } else {
            " "
        };
        let room = (inside.width as usize).saturating_sub(state.date_width + 2);
        let spans = vec![
            Span::raw(marker),
            Span::styled(format!("{date}{} ", " ".repeat(pad)), theme.muted()),
            Span::raw(fit(&sanitize_line(&e.title), room).into_owned()),
        ];
        let row = Rect::new(inside.x, y, inside.width, 1);
        buf.set_line(row.x, row.y, &Line::from(spans), row.width);
        if index == chronology.selected && (focused || open_event.is_some()) {
            buf.set_style(row, theme.selected(focused));
        }
    }
}
