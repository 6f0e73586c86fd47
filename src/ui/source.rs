//! The source view: a source's full text with the brief's excerpts marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::pane_block;
use super::text_pane::{draw_doc, position_label};
use super::theme::Theme;
use crate::app::content::citation;
use crate::app::layout::text_area;
use crate::app::state::State;
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(view) = &state.layers.view else {
        return;
    };
    let source = &state.brief.sources[view.source];
    let title = format!("Source: {}", sanitize_line(&citation(source)));
    let text = text_area(area);
    let mut block = pane_block(title, true, theme);
    let excerpts = match (view.position(), view.excerpts.len()) {
        (_, 0) => " no verified excerpts here ".to_string(),
        (Some(p), n) => format!(" excerpt {} of {n} · ] next · [ previous ", p + 1),
        (None, n) => format!(" {n} excerpts marked · ] next · [ previous "),
    };
    block = block.title_bottom(Line::from(excerpts).left_aligned());
    if let Some(label) = position_label(view.scroll, text.height as usize, view.doc.height()) {
        block = block.title_bottom(Line::from(label).right_aligned());
    }
    block.render(area, buf);
    draw_doc(
        &view.doc,
        view.scroll,
        None,
        true,
        &super::text_pane::Overlays::new(state),
        theme,
        text,
        buf,
    );
}
