//! Drawing. Everything here reads `&State` only; the layout cache was
//! refreshed by [`crate::app::layout::prepare`] before the frame.

// Slicing a string by byte range panics off a character boundary; the
// reader and drawing use `str::get` (or iterate characters) instead.
#![deny(clippy::string_slice)]

mod chronology;
mod detail;
mod factors;
mod header;
mod help;
pub mod input;
mod library;
mod notes;
mod palette;
mod peek;
mod source;
mod status;
mod text_pane;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::layers::Layer;
use crate::app::layout::{MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH};
use crate::app::state::{Pane, State};
use theme::Theme;

/// Draws the whole screen.
pub fn render(state: &State, frame: &mut Frame) {
    let buf = frame.buffer_mut();
    render_buffer(state, buf);
}

/// Draws into a buffer (the frame's, or a test's).
pub fn render_buffer(state: &State, buf: &mut Buffer) {
    let theme = Theme::new(state.opening.no_color);
    let screen = &state.laid_out.screen;
    if screen.too_small {
        too_small(buf.area, buf);
        return;
    }
    if screen.too_large {
        // The real loop never draws a buffer this large; a test might.
        buf.set_stringn(
            0,
            0,
            too_large_text(screen.area),
            buf.area.width as usize,
            Style::new(),
        );
        return;
    }
    header::draw(state, &theme, screen.header, buf);
    // The layers bottom-up; each draws over what is under it.
    for layer in state.layers.stack().into_iter().rev() {
        match layer {
            Layer::Base if state.layers.view.is_none() => {
                for pane in Pane::ALL {
                    let area = screen.pane(pane).intersection(buf.area);
                    if area.is_empty() {
                        continue;
                    }
                    match pane {
                        Pane::Factors => factors::draw(state, &theme, area, buf),
                        Pane::Detail => detail::draw(state, &theme, area, buf),
                        Pane::Chronology => chronology::draw(state, &theme, area, buf),
                    }
                }
            }
            // Covered by the source view.
            Layer::Base => {}
            Layer::View => source::draw(state, &theme, screen.source, buf),
            // Drawn by the text it is in.
            Layer::Caret => {}
            Layer::Palette => palette::draw(state, &theme, buf.area, buf),
            Layer::Library => library::draw(state, &theme, buf.area, buf),
            Layer::NotesList => notes::draw_list(state, &theme, buf.area, buf),
            Layer::Peek => peek::draw(state, &theme, screen.body, buf),
            Layer::Search => status::search_line(state, &theme, screen.status, buf),
            Layer::Editor => notes::draw_editor(state, &theme, buf.area, buf),
            Layer::Confirm if state.layers.recovery().is_some() => {
                notes::draw_recovery(state, &theme, buf.area, buf);
            }
            Layer::Confirm => {
                notes::draw_editor(state, &theme, buf.area, buf);
                notes::draw_confirm(state, &theme, screen.status, buf);
            }
            Layer::Recovery => notes::draw_recovery(state, &theme, buf.area, buf),
            Layer::FileView => notes::draw_file_view(state, &theme, buf.area, buf),
            Layer::Help => help::draw(state, &theme, buf.area, buf),
        }
        // The status bar goes over the reading layers, under the others.
        if matches!(layer, Layer::Base) && state.layers.view.is_none()
            || matches!(layer, Layer::View)
        {
            status::draw(state, &theme, screen.status, buf);
        }
    }
}

/// A bordered pane `width` columns wide with its title, styled by focus;
/// a title too long for the top border is cut with `…`.
fn pane_block<'a>(title: String, focused: bool, theme: &Theme, width: u16) -> Block<'a> {
    let room = (width as usize).saturating_sub(4);
    Block::bordered()
        .border_style(theme.border(focused))
        .title(Line::from(format!(" {} ", fit(&title, room))).style(theme.border(focused)))
}

/// Draws a popup with `title` and a one-line input at its top; returns the
/// area under the input (after a blank row), or None when there is no room.
fn input_popup(
    title: String,
    input: &ratatui_textarea::TextArea,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Rect> {
    let popup = crate::app::layout::palette_area(area).intersection(area);
    if popup.height < 5 {
        return None;
    }
    ratatui::widgets::Clear.render(popup, buf);
    pane_block(title, true, theme, popup.width).render(popup, buf);
    let inside = crate::app::layout::inner(popup);
    buf.set_string(inside.x, inside.y, "> ", theme.header());
    let field = Rect {
        x: inside.x + 2,
        width: inside.width.saturating_sub(2),
        height: 1,
        ..inside
    };
    input::draw_line(input, field, Style::new(), theme.input_cursor(), buf);
    Some(Rect {
        y: inside.y + 2,
        height: inside.height.saturating_sub(2),
        ..inside
    })
}

/// `text` cut to `width` columns, ending in `…` when it was cut.
pub fn fit(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    std::borrow::Cow::Owned(out)
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let message = format!(
        "terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{} (q quits)",
        area.width, area.height
    );
    let y = area.height / 2;
    let line_area = Rect {
        y: area.y + y,
        height: area.height.saturating_sub(y),
        ..area
    };
    Paragraph::new(message)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .style(Style::new())
        .render(line_area, buf);
}

/// What a terminal too large to draw shows.
pub fn too_large_text(area: Rect) -> String {
    format!(
        "terminal too large: at most {MAX_WIDTH}×{MAX_HEIGHT}, have {}×{} (q quits)",
        area.width, area.height
    )
}
