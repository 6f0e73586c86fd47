//! The peek at a cited excerpt: a box over the panes with the quote, its
//! annotation, ✓/✗/? and the source (see [`crate::app::peek`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::pane_block;
use super::theme::Theme;
use crate::app::doc::superscript;
use crate::app::layers::Popup;
use crate::app::state::State;

/// The box: at most 72 columns wide (a reading measure), as tall as its
/// text, centred over `area`.
fn peek_area(area: Rect, height: u16) -> Rect {
    let width = area.width.saturating_sub(4).min(72);
    let height = height.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    }
}

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(Popup::Peek(peek)) = &state.layers.popup else {
        return;
    };
    let Some(excerpt) = state.brief.excerpts.get(peek.excerpt) else {
        return;
    };
    // Borders and a column of padding on each side.
    let probe = peek_area(area, area.height);
    let inner_width = probe.width.saturating_sub(4).max(1) as usize;
    // Rows of wrapped text, a blank row between paragraphs.
    let mut rows: Vec<(&str, crate::app::doc::Tone)> = Vec::new();
    for (i, (text, tone)) in peek.lines.iter().enumerate() {
        if i > 0 {
            rows.push(("", *tone));
        }
        for line in text.split('\n') {
            let ranges = crate::text::wrap::wrap_line(line, inner_width);
            if ranges.is_empty() {
                rows.push(("", *tone));
            }
            for range in ranges {
                rows.push((line.get(range).unwrap_or_default(), *tone));
            }
        }
    }
    let popup = peek_area(area, (rows.len() as u16).saturating_add(2));
    if popup.width < 10 || popup.height < 3 {
        return;
    }
    Clear.render(popup, buf);
    let number = peek.number.map(superscript).unwrap_or_default();
    let id = crate::text::sanitize::one_line(&excerpt.id, 40);
    let title = format!("Cited {number} · excerpt {id}");
    pane_block(title, true, theme, popup.width).render(popup, buf);
    let inside = Rect {
        x: popup.x + 2,
        y: popup.y + 1,
        width: popup.width.saturating_sub(4),
        height: popup.height.saturating_sub(2),
    };
    for (y, (text, tone)) in rows.iter().take(inside.height as usize).enumerate() {
        let line = Line::from(Span::styled(*text, theme.tone(*tone)));
        buf.set_line(inside.x, inside.y + y as u16, &line, inside.width);
    }
}
