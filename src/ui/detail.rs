//! The detail pane: the overview, a factor, or an event.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::pane_block;
use super::text_pane::{draw_doc, position_label};
use super::theme::Theme;
use crate::app::layout::text_area;
use crate::app::state::{Pane, State, Target};

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = state.reading.focus == Pane::Detail;
    let title = match state.reading.target {
        Target::Overview => "Overview".to_string(),
        Target::Factor(i) => format!("Factor {} of {}", i + 1, state.brief.factors.len()),
        Target::Event(_) => "Event".to_string(),
    };
    let text = text_area(area);
    let doc = &state.laid_out.detail.doc;
    let mut block = pane_block(title, focused, theme, area.width);
    if let Some(label) = position_label(
        state.reading.detail.scroll,
        text.height as usize,
        doc.height(),
    ) {
        block = block.title_bottom(Line::from(label).right_aligned());
    }
    block.render(area, buf);
    draw_doc(
        doc,
        state.reading.detail.scroll,
        state.reading.detail.selected,
        focused,
        &super::text_pane::Overlays::new(state),
        theme,
        text,
        buf,
    );
}
