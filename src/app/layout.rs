//! The layout step, run before each frame: where panes go, documents
//! wrapped for their widths (only when the width or content changed), and
//! scroll offsets clamped so the selection is in view. Drawing then only
//! reads the state.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use super::content;
use super::state::{Pane, Screen, SourceView, State};

/// Below this the reader shows a "terminal too small" screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, the chronology gets its own column.
pub const WIDE: u16 = 120;
/// Columns left of the text in the detail and source panes (the gutter
/// where the selection mark goes).
pub const GUTTER: u16 = 2;

/// The inside of a bordered pane.
pub fn inner(outer: Rect) -> Rect {
    outer.inner(Margin::new(1, 1))
}

/// Where the text of a document pane goes (inside the border, after the
/// gutter).
pub fn text_area(outer: Rect) -> Rect {
    let inside = inner(outer);
    Rect {
        x: inside.x + GUTTER.min(inside.width),
        width: inside.width.saturating_sub(GUTTER),
        ..inside
    }
}

/// Computes where everything goes for a terminal of `area`.
pub fn screen(state: &State, area: Rect) -> Screen {
    let mut screen = Screen {
        area,
        ..Screen::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        screen.too_small = true;
        return screen;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    screen.header = header;
    screen.body = body;
    screen.status = status;
    if state.layers.view.is_some() {
        screen.source = body;
        return screen;
    }
    if state.zoom {
        match state.focus {
            Pane::Factors => screen.factors = body,
            Pane::Detail => screen.detail = body,
            Pane::Chronology => screen.chronology = body,
        }
        return screen;
    }
    if area.width >= WIDE {
        let [factors, detail, chronology] = Layout::horizontal([
            Constraint::Length(30),
            Constraint::Fill(1),
            Constraint::Percentage(32),
        ])
        .areas(body);
        screen.factors = factors;
        screen.detail = detail;
        screen.chronology = chronology;
    } else {
        let [factors, right] =
            Layout::horizontal([Constraint::Length(22), Constraint::Fill(1)]).areas(body);
        // Stacked: the focused one of the two gets the larger share.
        let detail_share = if state.focus == Pane::Chronology {
            40
        } else {
            65
        };
        let [detail, chronology] =
            Layout::vertical([Constraint::Percentage(detail_share), Constraint::Fill(1)])
                .areas(right);
        screen.factors = factors;
        screen.detail = detail;
        screen.chronology = chronology;
    }
    screen
}

/// Brings the layout cache up to date for a terminal of `area`.
pub fn prepare(state: &mut State, area: Rect) {
    // A burst of keys typed into the search line is searched once, here.
    super::search::settle(state);
    state.screen = screen(state, area);
    if state.screen.too_small {
        return;
    }
    prepare_lists(state);
    prepare_detail(state);
    prepare_source(state);
    reveal_search_hit(state);
    super::visual::reveal(state);
    if let Some(list) = state.layers.notes_list_mut() {
        let rows = palette_area(state.screen.area).height.saturating_sub(4) as usize;
        keep_in_view(list.selected, &mut list.scroll, rows.max(1));
    }
    if let Some(library) = state.layers.library_mut() {
        let rows = library_list_height(state.screen.area) as usize;
        keep_in_view(library.selected, &mut library.scroll, rows.max(1));
    }
    if let Some(palette) = state.layers.palette_mut() {
        palette.refresh();
        let rows = palette_area(state.screen.area).height.saturating_sub(4) as usize;
        keep_in_view(palette.selected, &mut palette.scroll, rows.max(1));
    }
    if state.layers.help.is_some() {
        let rows = super::help::rows(state).len();
        let height = help_height(state.screen.area) as usize;
        if let Some(help) = state.layers.help.as_mut() {
            help.scroll = help.scroll.min(rows.saturating_sub(height));
        }
    }
}

/// Where the palette pops up.
pub fn palette_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(100);
    let height = area.height.saturating_sub(4).min(24);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 2.min(area.height),
        width,
        height,
    }
}

/// Rows of briefs the library shows at once (the rest of its popup shows
/// the selected brief's path or diagnostics).
pub fn library_list_height(area: Rect) -> u16 {
    (palette_area(area).height.saturating_sub(4) / 2).max(1)
}

/// Rows of text the help overlay can show at once.
pub fn help_height(area: Rect) -> u16 {
    area.height.saturating_sub(4)
}

fn keep_in_view(selected: usize, scroll: &mut usize, height: usize) {
    if height == 0 {
        return;
    }
    if selected < *scroll {
        *scroll = selected;
    } else if selected >= *scroll + height {
        *scroll = selected + 1 - height;
    }
}

fn prepare_lists(state: &mut State) {
    let height = inner(state.screen.factors).height as usize;
    let count = state.brief.factors.len() + 1;
    state.factors.selected = state.factors.selected.min(count - 1);
    keep_in_view(state.factors.selected, &mut state.factors.scroll, height);

    let height = inner(state.screen.chronology).height as usize;
    let count = state.chronology.events.len();
    state.chronology.selected = state.chronology.selected.min(count.saturating_sub(1));
    keep_in_view(
        state.chronology.selected,
        &mut state.chronology.scroll,
        height,
    );
    state.chronology.scroll = state
        .chronology
        .scroll
        .min(count.saturating_sub(height.max(1)));
}

fn prepare_detail(state: &mut State) {
    let area = text_area(state.screen.detail);
    if area.width == 0 {
        // Hidden (another pane zoomed, or no room): keep the laid-out
        // document only while it still shows what the pane would show, so
        // nothing (a search hit, a click, visual mode) acts on a stale one.
        if state.detail.doc_key.is_some_and(|(target, _, generation)| {
            target != state.target || generation != state.notes.generation
        }) {
            state.detail.doc = Default::default();
            state.detail.items.clear();
            state.detail.doc_key = None;
            state.detail.selected = None;
        }
        return;
    }
    let key = (state.target, area.width, state.notes.generation);
    if state.detail.doc_key != Some(key) {
        let (builder, items) = content::detail(&state.brief, &state.notes, state.target);
        state.detail.doc = builder.wrap(area.width);
        state.detail.items = items;
        state.detail.doc_key = Some(key);
        if state
            .detail
            .selected
            .is_some_and(|s| s >= state.detail.items.len())
        {
            state.detail.selected = None;
        }
    }
    let height = area.height as usize;
    let detail = &mut state.detail;
    if let Some(wanted) = detail.pending_select.take()
        && let Some(index) = detail.items.iter().position(|&item| item == wanted)
    {
        detail.selected = Some(index);
        detail.reveal = true;
    }
    if detail.reveal {
        detail.reveal = false;
        if let Some(rows) = detail.selected.and_then(|s| detail.doc.items.get(s)) {
            reveal_rows(rows.clone(), &mut detail.scroll, height);
        }
    }
    detail.scroll = detail
        .scroll
        .min(detail.doc.height().saturating_sub(height));
}

/// Scrolls so `rows` are in view: all of them when they fit, else their top.
pub fn reveal_rows(rows: std::ops::Range<usize>, scroll: &mut usize, height: usize) {
    if height == 0 {
        return;
    }
    if rows.end.saturating_sub(rows.start) > height || rows.start < *scroll {
        *scroll = rows.start;
    } else if rows.end > *scroll + height {
        *scroll = rows.end - height;
    }
}

fn prepare_source(state: &mut State) {
    let area = text_area(state.screen.source);
    let Some(view) = state.layers.view.as_mut() else {
        return;
    };
    if area.width == 0 {
        return;
    }
    if view.built_for != Some((view.current, area.width)) {
        rebuild_source(view, &state.brief, area.width);
    }
    let height = area.height as usize;
    if let Some(byte) = view.reveal_byte.take()
        && let Some(row) = view
            .doc
            .row_of(crate::brief::TextRef::SourceText(view.source), byte)
    {
        view.scroll = row.saturating_sub(height / 3);
        view.reveal = false;
    }
    if view.reveal {
        view.reveal = false;
        if let Some(&row) = view.position().and_then(|p| view.excerpt_rows.get(p)) {
            // Put the passage a third of the way down, with context above.
            view.scroll = row.saturating_sub(height / 3);
        }
    }
    view.scroll = view.scroll.min(view.doc.height().saturating_sub(height));
}

/// Scrolls the current search hit into view (a third of the way down),
/// selecting the detail item that holds it.
fn reveal_search_hit(state: &mut State) {
    if !state.search.reveal {
        return;
    }
    state.search.reveal = false;
    let Some(hit) = state.search.current.and_then(|c| state.search.hits.get(c)) else {
        return;
    };
    if let Some(view) = state.layers.view.as_mut() {
        let height = text_area(state.screen.source).height as usize;
        if let Some(row) = view.doc.row_of(hit.text, hit.range.start) {
            view.scroll = row
                .saturating_sub(height / 3)
                .min(view.doc.height().saturating_sub(height));
        }
        return;
    }
    let height = text_area(state.screen.detail).height as usize;
    let detail = &mut state.detail;
    if let Some(row) = detail.doc.row_of(hit.text, hit.range.start) {
        if row < detail.scroll || row >= detail.scroll + height {
            detail.scroll = row
                .saturating_sub(height / 3)
                .min(detail.doc.height().saturating_sub(height));
        }
        if let Some(item) = detail.doc.item_at_row(row) {
            detail.selected = Some(item);
        }
    }
}

/// Lays out a source's text for `width`, marking the current excerpt.
pub fn rebuild_source(view: &mut SourceView, brief: &crate::brief::Brief, width: u16) {
    let (builder, firsts) = content::source_text(brief, view.source, view.current);
    view.doc = builder.wrap(width);
    let mut first_row_of_para = vec![usize::MAX; view.doc.paras.len()];
    for (i, row) in view.doc.rows.iter().enumerate() {
        if row.first {
            first_row_of_para[row.para as usize] = i;
        }
    }
    view.excerpts = firsts.iter().map(|&(e, _)| e).collect();
    view.excerpt_rows = firsts
        .iter()
        .map(|&(_, para)| first_row_of_para.get(para).copied().unwrap_or(0))
        .collect();
    view.built_for = Some((view.current, width));
}
