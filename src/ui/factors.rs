//! The factors pane: the overview and the factors, numbered for their keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::layout::inner;
use crate::app::state::{Pane, State, factor_marks};
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = state.reading.focus == Pane::Factors;
    pane_block("Factors".into(), focused, theme, area.width).render(area, buf);
    let inside = inner(area);
    let count = state.brief.factors.len() + 1;
    for (offset, n) in (state.reading.factors.scroll..count)
        .take(inside.height as usize)
        .enumerate()
    {
        let y = inside.y + offset as u16;
        let key = if n <= 9 { n.to_string() } else { " ".into() };
        let mut spans = vec![Span::styled(format!(" {key} "), theme.muted())];
        let room = (inside.width as usize).saturating_sub(3);
        match n {
            0 => {
                spans.push(Span::raw("Overview"));
                let noted = state.notes.count(crate::notes::ItemRef::Brief);
                if noted > 0 {
                    spans.push(Span::styled(
                        format!(" ✎{noted}"),
                        theme.tone(crate::app::doc::Tone::NoteHead),
                    ));
                }
            }
            n => {
                let factor = &state.brief.factors[n - 1];
                let missing = state.facts.unverified.get(n - 1).copied().unwrap_or(0);
                let uncited = state.facts.uncited.get(n - 1).copied().unwrap_or(0);
                let noted = state.notes.count(crate::notes::ItemRef::Factor(n - 1));
                let marks = factor_marks(missing, uncited);
                let mut room = room.saturating_sub(marks.chars().count());
                if noted > 0 {
                    room = room.saturating_sub(format!(" ✎{noted}").chars().count());
                }
                let title = sanitize_line(&factor.title);
                spans.push(Span::raw(fit(&title, room).into_owned()));
                if !marks.is_empty() {
                    spans.push(Span::styled(marks, theme.warning()));
                }
                if noted > 0 {
                    spans.push(Span::styled(
                        format!(" ✎{noted}"),
                        theme.tone(crate::app::doc::Tone::NoteHead),
                    ));
                }
            }
        }
        let row = Rect::new(inside.x, y, inside.width, 1);
        buf.set_line(row.x, row.y, &Line::from(spans), row.width);
        if n == state.reading.factors.selected {
            buf.set_style(row, theme.selected(focused));
        }
    }
}
