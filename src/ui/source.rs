//! The source view: a source's full text with the brief's excerpts marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::text_pane::{draw_doc, position_label};
use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::content::citation;
use crate::app::doc::Tone;
use crate::app::state::State;
use crate::text::sanitize::sanitize_line;

pub fn draw(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(view) = &state.layers.view else {
        return;
    };
    let source = &state.brief.sources[view.source];
    let title = format!("Source: {}", sanitize_line(&citation(source)));
    let text = state.laid_out.screen.source_text;
    let mut block = pane_block(title, true, theme, area.width);
    // Laid out for this view by the layout step before drawing.
    let laid = &state.laid_out.source;
    let excerpts = match (laid.position_of(view.current), laid.excerpts.len()) {
        (_, 0) => " no verified excerpts here ".to_string(),
        (Some(p), n) => format!(" excerpt {} of {n} · ] next · [ previous ", p + 1),
        (None, n) => format!(
            " {} marked · ] next · [ previous ",
            crate::check::plural(n, "excerpt", "excerpts")
        ),
    };
    block = block.title_bottom(Line::from(excerpts).left_aligned());
    if let Some(label) = position_label(view.scroll, text.height as usize, laid.doc.height()) {
        block = block.title_bottom(Line::from(label).right_aligned());
    }
    block.render(area, buf);
    draw_doc(
        &laid.doc,
        view.scroll,
        laid.note_in_view,
        true,
        &super::text_pane::Overlays::new(state),
        theme,
        state.laid_out.screen.source_text,
        buf,
    );
    footer(state, theme, state.laid_out.screen.source_footer, buf);
}

/// Under the text: the current excerpt's annotation (its first lines, its
/// citations as marks), the claims citing it and its factors, so the
/// reason it was quoted is in view with the passage. Within the reading
/// measure of 100 columns.
fn footer(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    let Some((index, excerpt)) = state
        .layers
        .view
        .as_ref()
        .and_then(|v| v.current)
        .and_then(|e| Some((e, state.brief.excerpts.get(e)?)))
    else {
        return;
    };
    if area.height < 2 {
        return;
    }
    buf.set_string(
        area.x,
        area.y,
        "─".repeat(area.width as usize),
        theme.muted(),
    );
    let factors: Vec<String> = excerpt
        .factors
        .iter()
        .filter_map(|&f| state.brief.factors.get(f))
        .map(|f| sanitize_line(&f.title).into_owned())
        .collect();
    let factors = if factors.is_empty() {
        "not under any factor".to_string()
    } else {
        factors.join(" · ")
    };
    let width = (area.width as usize).min(FOOTER_MEASURE);
    let last = area.y + area.height - 1;
    buf.set_string(
        area.x,
        last,
        fit(&format!("Factors: {factors}"), width),
        theme.muted(),
    );
    let mut rows = area.height.saturating_sub(2);
    if let Some(cited_by) = cited_by_line(state, index)
        && rows >= 2
    {
        rows -= 1;
        buf.set_string(area.x, last - 1, fit(&cited_by, width), theme.muted());
    }
    let annotation = excerpt
        .annotation
        .as_ref()
        .map(|a| {
            let shown = crate::app::content::shown_with_marks(
                &state.brief,
                crate::brief::TextRef::Annotation(index),
                a,
            );
            crate::text::sanitize::one_line(&shown, 2000)
        })
        .unwrap_or_else(|| "(no annotation)".to_string());
    let wrapped = crate::text::wrap::wrap_line(&annotation, width);
    for (i, range) in wrapped.iter().take(rows as usize).enumerate() {
        let mut line = annotation
            .get(range.clone())
            .unwrap_or_default()
            .to_string();
        if i + 1 == rows as usize && wrapped.len() > rows as usize {
            line = fit(&format!("{line} …"), width).into_owned();
        }
        buf.set_string(area.x, area.y + 1 + i as u16, line, theme.tone(Tone::Body));
    }
}

/// The footer's reading measure, as the text's.
const FOOTER_MEASURE: usize = 100;

/// `Cited by: key point 2 of Terrorism · the bottom line`, when anything
/// cites excerpt `excerpt`.
fn cited_by_line(state: &State, excerpt: usize) -> Option<String> {
    let citing = state.brief.citing(excerpt);
    if citing.is_empty() {
        return None;
    }
    let names: Vec<String> = citing
        .iter()
        .map(|&t| sanitize_line(&crate::brief::claim_name(&state.brief, t)).into_owned())
        .collect();
    Some(format!("Cited by: {}", names.join(" · ")))
}
