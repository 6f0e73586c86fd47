//! The chronology pane: a timeline strip of the listed events, then the
//! events in date order under year headings, each date at its own
//! precision in a compact column and each title whole, wrapped under
//! itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::pane_block;
use super::theme::Theme;
use crate::app::doc::Tone;
use crate::app::layout::{
    chronology_date, chronology_list_area, chronology_title_x, inner, strip_area,
};
use crate::app::state::{ChronoRow, Pane, State, Target};
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = state.reading.focus == Pane::Chronology;
    let chronology = &state.reading.chronology;
    let laid = &state.laid_out.chronology;
    let scope = match (chronology.all, state.selected_factor()) {
        (false, Some(f)) => sanitize_line(&state.brief.factors[f].title).into_owned(),
        _ => "all".to_string(),
    };
    // The year of the top row, whose heading may have scrolled away.
    let year = laid
        .event_at_row(chronology.scroll)
        .and_then(|l| chronology.events.get(l))
        .map(|&e| state.brief.events[e].date.heading_year())
        .filter(|_| chronology.scroll > 0)
        .map_or_else(String::new, |y| format!(" · {y}"));
    let title = format!("Chronology — {scope} ({}){year}", chronology.events.len());
    let mut block = pane_block(title, focused, theme, area.width);
    if !chronology.events.is_empty() {
        block = block.title_bottom(
            Line::from(format!(
                " {} of {} ",
                chronology.selected + 1,
                chronology.events.len()
            ))
            .right_aligned(),
        );
    }
    block.render(area, buf);
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
    let strip_rect = strip_area(inside);
    // The row under the strip is blank (the list starts after it).
    let below = chronology_list_area(inside).y > strip_rect.y + strip_rect.height;
    strip(state, theme, strip_rect, below, buf);
    let list = chronology_list_area(inside);
    let open_event = match state.reading.target {
        Target::Event(e) => Some(e),
        _ => None,
    };
    let title_x = chronology_title_x(laid.date_col) as u16;
    for (offset, row) in laid
        .rows
        .iter()
        .skip(chronology.scroll)
        .take(list.height as usize)
        .enumerate()
    {
        let y = list.y + offset as u16;
        let line = Rect::new(list.x, y, list.width, 1);
        let (listed, line_no, range) = match row {
            ChronoRow::Year(year) => {
                buf.set_string(list.x + 2, y, year.to_string(), theme.tone(Tone::Heading));
                continue;
            }
            ChronoRow::Event {
                listed,
                line,
                range,
            } => (*listed, *line, range.clone()),
        };
        let Some(&event) = chronology.events.get(listed) else {
            continue;
        };
        let title = laid
            .titles
            .get(listed)
            .and_then(|t| t.get(range))
            .unwrap_or_default();
        if line_no == 0 {
            // A note mark wins over the open event's: the open event's row
            // is highlighted as well, its notes would show nowhere else.
            let mark = if state.notes.count(crate::notes::ItemRef::Event(event)) > 0 {
                "✎"
            } else if open_event == Some(event) {
                "▸"
            } else {
                " "
            };
            let date = chronology_date(&state.brief.events[event].date);
            let spans = vec![
                Span::raw(mark),
                Span::raw(" "),
                Span::styled(
                    format!("{date:<width$}  ", width = laid.date_col),
                    theme.muted(),
                ),
            ];
            buf.set_line(line.x, y, &Line::from(spans), line.width);
        }
        if title_x < line.width {
            buf.set_string(line.x + title_x, y, title, ratatui::style::Style::new());
        }
        if listed == chronology.selected && (focused || open_event.is_some()) {
            buf.set_style(line, theme.selected(focused));
        }
    }
}

/// The timeline strip: one bar per bin (all of the brief's events there,
/// on a square-root scale), then a row marking the bins that hold listed
/// events (`•`, so the selected factor's events stand out without colour)
/// and the selected event's bin (`▲`), with the span and the grain.
fn strip(state: &State, theme: &Theme, area: Rect, below: bool, buf: &mut Buffer) {
    let Some(strip) = &state.laid_out.chronology.strip else {
        return;
    };
    if area.height < 2 {
        return;
    }
    let cursor = state
        .selected_event()
        .and_then(|e| strip.bin_of(&state.brief, e));
    let x = area.x + 1;
    let listed_only = strip.listed != strip.all;
    for (bin, _) in strip.all.iter().enumerate() {
        let at = x + bin as u16;
        if at >= area.x + area.width {
            break;
        }
        let listed = strip.listed.get(bin).copied().unwrap_or(0) > 0;
        let style = if listed {
            theme.tone(Tone::Heading)
        } else {
            theme.muted()
        };
        buf.set_string(at, area.y, strip.bar(bin).to_string(), style);
        let mark = if cursor == Some(bin) {
            "▲"
        } else if listed && listed_only {
            "•"
        } else {
            " "
        };
        buf.set_string(at, area.y + 1, mark, theme.tone(Tone::Heading));
    }
    // The span and grain beside the bins when it fits there, else under
    // the strip (the row between it and the list), else the longest
    // shorter label that fits beside.
    let end = x + strip.all.len() as u16 + 1;
    let room = (area.x + area.width).saturating_sub(end) as usize;
    let labels = strip.labels();
    let fits = |room: usize| {
        labels
            .iter()
            .find(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) < room)
    };
    let full = labels.first().filter(|_| fits(room) == labels.first());
    if let Some(label) = full {
        buf.set_string(end, area.y + 1, label, theme.muted());
    } else if below && let Some(label) = fits(area.width as usize) {
        buf.set_string(x, area.y + 2, label, theme.muted());
    } else if let Some(label) = fits(room) {
        buf.set_string(end, area.y + 1, label, theme.muted());
    }
}
