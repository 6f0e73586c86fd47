//! The layout step, run before each frame: where panes go, documents
//! wrapped for their widths (only when the width or content changed), and
//! scroll offsets clamped so the selection is in view. Drawing then only
//! reads the state.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use super::content;
use super::state::{ChronoRow, KeptDoc, Pane, Screen, State};

/// Below this the reader shows a "terminal too small" screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// Above this the reader shows a "terminal too large" message and
/// allocates nothing for the screen (a cell buffer of tens of thousands of
/// columns and rows cannot be allocated).
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 500;
/// From this width on, the chronology gets its own column.
pub const WIDE: u16 = 120;
/// Columns left of the text in the detail and source panes (the gutter
/// where the selection mark goes).
pub const GUTTER: u16 = 2;
/// The longest line the source view sets, in columns: a readable measure
/// however wide the terminal.
pub const SOURCE_MEASURE: u16 = 100;
/// Rows of the source view's footer about the current excerpt: a rule,
/// its annotation's first lines, its factors.
pub const SOURCE_FOOTER: u16 = 4;

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
    if area.width > MAX_WIDTH || area.height > MAX_HEIGHT {
        screen.too_large = true;
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
    if let Some(view) = &state.layers.view {
        screen.source = body;
        let text = text_area(body);
        // The footer only when the text keeps at least as many rows.
        let footer = if view.current.is_some() && text.height >= 2 * SOURCE_FOOTER {
            SOURCE_FOOTER
        } else {
            0
        };
        let [text, footer] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(footer)]).areas(text);
        screen.source_text = text;
        screen.source_footer = footer;
        return screen;
    }
    if state.reading.zoom {
        match state.reading.focus {
            Pane::Factors => screen.factors = body,
            Pane::Detail => screen.detail = body,
            Pane::Chronology => screen.chronology = body,
        }
    } else {
        panes(state, area, body, &mut screen);
    }
    if screen.chronology.width > 0 && state.laid_out.chronology.strip.is_some() {
        screen.strip = strip_area(inner(screen.chronology));
    }
    screen
}

/// The panes side by side (three columns from [`WIDE`]), or the detail
/// over the chronology beside the factors.
fn panes(state: &State, area: Rect, body: Rect, screen: &mut Screen) {
    let factors_width = factors_pane_width(state, area.width);
    if area.width >= WIDE {
        let chronology_width = chronology_pane_width(state, area.width, factors_width);
        let [factors, detail, chronology] = Layout::horizontal([
            Constraint::Length(factors_width),
            Constraint::Fill(1),
            Constraint::Length(chronology_width),
        ])
        .areas(body);
        screen.factors = factors;
        screen.detail = detail;
        screen.chronology = chronology;
    } else {
        let [factors, right] =
            Layout::horizontal([Constraint::Length(factors_width), Constraint::Fill(1)])
                .areas(body);
        // Stacked: the focused one of the two gets the larger share.
        let detail_share = if state.reading.focus == Pane::Chronology {
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
}

/// Columns the detail pane keeps at least, whatever the other panes want.
const DETAIL_MIN: u16 = 46;
/// Room left in the factors pane for a notes mark (` ✎12`).
const NOTES_MARK: usize = 4;
/// Columns of title the three-column chronology wants beside its dates.
const CHRONOLOGY_TITLE: usize = 40;

/// The factors pane: as wide as its rows need (borders, key, title,
/// marks), from 22 columns up to 28% of the screen, leaving the detail
/// readable.
fn factors_pane_width(state: &State, width: u16) -> u16 {
    let wanted = (state.facts.factors_width + NOTES_MARK + 2) as u16;
    let most = (width * 28 / 100)
        .min(width.saturating_sub(DETAIL_MIN))
        .max(22);
    wanted.clamp(22, most)
}

/// The chronology column of the three-column layout: room for its marks,
/// date column and a readable title, within what leaves the detail its
/// minimum.
fn chronology_pane_width(state: &State, width: u16, factors: u16) -> u16 {
    let date_col = state.facts.date_width.min(CHRONOLOGY_DATE_COL);
    let wanted = (2 + chronology_title_x(date_col) + CHRONOLOGY_TITLE) as u16;
    let most = width
        .saturating_sub(factors)
        .saturating_sub(DETAIL_MIN)
        .max(30);
    wanted.clamp(30, most)
}

/// Brings the layout cache up to date for a terminal of `area`.
pub fn prepare(state: &mut State, area: Rect) {
    // A burst of keys typed into the search line is searched once, here.
    super::search::settle(state);
    state.laid_out.screen = screen(state, area);
    if state.laid_out.screen.unusable() {
        return;
    }
    prepare_lists(state);
    prepare_detail(state);
    let resized = super::source_layout::prepare_source(state);
    reveal_search_hit(state);
    super::visual::reveal(state);
    super::source_layout::settle_source(state, resized);
    prepare_notes_list(state);
    if let Some(library) = state.layers.library_mut() {
        let rows = library_list_height(state.laid_out.screen.area) as usize;
        keep_in_view(library.selected, &mut library.scroll, rows.max(1));
        let width = inner(palette_area(state.laid_out.screen.area)).width;
        super::library::prepare_preview(state, width);
    }
    if let Some(palette) = state.layers.palette_mut() {
        palette.refresh();
        let rows = palette_area(state.laid_out.screen.area)
            .height
            .saturating_sub(4) as usize;
        keep_in_view(palette.selected, &mut palette.scroll, rows.max(1));
    }
    if state.layers.help.is_some() {
        let rows = super::help::rows(state).len();
        let height = help_height(state.laid_out.screen.area) as usize;
        if let Some(help) = state.layers.help.as_mut() {
            help.scroll = help.scroll.min(rows.saturating_sub(height));
        }
    }
}

/// Where the palette (and the library and notes list) pops up: most of
/// the screen, up to 160 columns and 40 rows.
pub fn palette_area(area: Rect) -> Rect {
    let width = (area.width.saturating_sub(4) * 9 / 10)
        .max(area.width.saturating_sub(4).min(100))
        .min(160);
    let height = (area.height.saturating_sub(4) * 9 / 10)
        .max(area.height.saturating_sub(4).min(24))
        .min(40);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 2.min(area.height),
        width,
        height,
    }
}

/// Where the notes list draws: its popup, the filter line, the rows and
/// the preview of the selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NotesListAreas {
    pub popup: Rect,
    pub input: Rect,
    pub rows: Rect,
    /// Beside the rows on a wide screen, under them on a narrow one;
    /// empty when there is no room.
    pub preview: Rect,
}

/// The notes list uses the whole screen: between the header and the
/// status bar, every column. From 106 columns on the preview stands beside
/// the rows, else under them when there are rows enough.
pub fn notes_list_areas(area: Rect) -> NotesListAreas {
    let popup = Rect {
        x: area.x,
        y: area.y + 1.min(area.height),
        width: area.width,
        height: area.height.saturating_sub(2),
    };
    // A column of room inside the border on each side.
    let inside = popup.inner(Margin::new(2, 1));
    let input = Rect {
        height: 1.min(inside.height),
        ..inside
    };
    let body = Rect {
        y: inside.y + 2,
        height: inside.height.saturating_sub(2),
        ..inside
    };
    let (rows, preview) = if body.width >= 106 {
        let list = body.width * 11 / 20;
        let [rows, _, preview] = Layout::horizontal([
            Constraint::Length(list),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(body);
        (rows, preview)
    } else if body.height >= 16 {
        let list = body.height * 3 / 5;
        let [rows, _, preview] = Layout::vertical([
            Constraint::Length(list),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(body);
        (rows, preview)
    } else {
        (
            body,
            Rect {
                width: 0,
                height: 0,
                ..body
            },
        )
    };
    NotesListAreas {
        popup,
        input,
        rows,
        preview,
    }
}

/// Keeps the notes list's selected row whole on screen: rows are several
/// lines high, so only the heights between the first row shown and the
/// selected one are measured (at most a screenful).
fn prepare_notes_list(state: &mut State) {
    let areas = notes_list_areas(state.laid_out.screen.area);
    let Some(list) = state.layers.notes_list() else {
        return;
    };
    let (height, width) = (areas.rows.height as usize, areas.rows.width as usize);
    let selected = list.selected.min(list.rows.len().saturating_sub(1));
    let mut scroll = list.scroll.min(selected);
    // Every row is at least one line high.
    scroll = scroll.max(selected.saturating_sub(height));
    let lines = |p: usize| super::notes_rows::row_lines(state, list, p, width).len();
    let mut total: usize = (scroll..=selected).map(lines).sum();
    while total > height && scroll < selected {
        total -= lines(scroll);
        scroll += 1;
    }
    if let Some(list) = state.layers.notes_list_mut() {
        list.selected = selected;
        list.scroll = scroll;
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
    let height = inner(state.laid_out.screen.factors).height as usize;
    let count = state.brief.factors.len() + 1;
    state.reading.factors.selected = state.reading.factors.selected.min(count - 1);
    keep_in_view(
        state.reading.factors.selected,
        &mut state.reading.factors.scroll,
        height,
    );

    let area = inner(state.laid_out.screen.chronology);
    if area.width == 0 {
        return;
    }
    if state.laid_out.chronology.built_for != Some(area.width) {
        build_chronology(state, area.width);
    }
    let height = chronology_list_area(area).height as usize;
    let chronology = &mut state.reading.chronology;
    let laid = &state.laid_out.chronology;
    let count = chronology.events.len();
    chronology.selected = chronology.selected.min(count.saturating_sub(1));
    let mut rows = laid.rows_of(chronology.selected);
    // Show the year heading right above an event that starts a year.
    if rows.start > 0
        && matches!(laid.rows.get(rows.start - 1), Some(ChronoRow::Year(_)))
        && rows.start - 1 < chronology.scroll
    {
        rows.start -= 1;
    }
    reveal_rows(rows, &mut chronology.scroll, height);
    chronology.scroll = chronology
        .scroll
        .min(laid.rows.len().saturating_sub(height.max(1)));
}

/// Rows the timeline strip takes at the top of the chronology: shown only
/// when at least [`CHRONOLOGY_MIN_ROWS`] rows of events remain under it.
pub const STRIP_ROWS: u16 = 3;
pub const CHRONOLOGY_MIN_ROWS: u16 = 8;

/// Where the timeline strip goes inside the chronology pane (empty when it
/// is hidden).
pub fn strip_area(inside: Rect) -> Rect {
    if inside.height < STRIP_ROWS + CHRONOLOGY_MIN_ROWS {
        return Rect {
            height: 0,
            ..inside
        };
    }
    Rect {
        height: STRIP_ROWS - 1,
        ..inside
    }
}

/// Where the list of events goes inside the chronology pane.
pub fn chronology_list_area(inside: Rect) -> Rect {
    let strip = strip_area(inside);
    let taken = if strip.height > 0 { STRIP_ROWS } else { 0 };
    Rect {
        y: inside.y + taken,
        height: inside.height.saturating_sub(taken),
        ..inside
    }
}

/// The widest the chronology's date column gets; a longer date (a range
/// across years) has its own row above its title.
pub const CHRONOLOGY_DATE_COL: usize = 11;

/// An event's date in the chronology's date column: compact, at its own
/// precision; a date known only to its year shows `—` (its year is the
/// heading right above, not said twice).
pub fn chronology_date(date: &crate::brief::Date) -> String {
    if date.end.is_none() && date.start.month.is_none() {
        "—".to_string()
    } else {
        date.compact()
    }
}

/// The columns of a chronology row: mark, space, date column, two
/// spaces, then the title.
pub fn chronology_title_x(date_col: usize) -> usize {
    2 + date_col + 2
}

/// Lays the listed events out for `width` columns: a heading row for each
/// year, and each event's whole title wrapped under itself.
fn build_chronology(state: &mut State, width: u16) {
    let brief = &state.brief;
    let events = &state.reading.chronology.events;
    let chronology = &mut state.laid_out.chronology;
    // What does not depend on the width is measured once per list.
    if chronology.titles.len() != events.len() {
        chronology.titles = events
            .iter()
            .map(|&e| crate::text::sanitize::sanitize_line(&brief.events[e].title).into_owned())
            .collect();
        chronology.date_widths = events
            .iter()
            .map(|&e| {
                unicode_width::UnicodeWidthStr::width(
                    chronology_date(&brief.events[e].date).as_str(),
                )
            })
            .collect();
    }
    let date_widths = &chronology.date_widths;
    chronology.date_col = date_widths
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .min(CHRONOLOGY_DATE_COL);
    let title_width = (width as usize)
        .saturating_sub(chronology_title_x(chronology.date_col))
        .max(8);
    chronology.rows.clear();
    chronology.first_row.clear();
    let mut year = None;
    for (listed, &e) in events.iter().enumerate() {
        let heading = brief.events[e].date.heading_year();
        if year != Some(heading) {
            year = Some(heading);
            chronology.rows.push(ChronoRow::Year(heading));
        }
        chronology.first_row.push(chronology.rows.len());
        let title = &chronology.titles[listed];
        // A date wider than its column takes the first row alone.
        let own_row = date_widths[listed] > chronology.date_col;
        if own_row {
            chronology.rows.push(ChronoRow::Event {
                listed,
                line: 0,
                range: 0..0,
            });
        }
        for (line, range) in crate::text::wrap::wrap_line(title, title_width)
            .into_iter()
            .enumerate()
        {
            let line = line + usize::from(own_row);
            chronology.rows.push(ChronoRow::Event {
                listed,
                line,
                range,
            });
        }
    }
    let strip_width = (width as usize).saturating_sub(2);
    // The strip changes only when its grain or bins would.
    let same_strip = chronology
        .strip
        .as_ref()
        .is_some_and(|strip| strip.fits(strip_width) && !strip.finer_fits(strip_width))
        && chronology.strip_for_list;
    if !same_strip {
        chronology.strip = super::timeline::Strip::new(brief, events, strip_width);
        chronology.strip_for_list = true;
    }
    chronology.built_for = Some(width);
}

fn prepare_detail(state: &mut State) {
    let area = text_area(state.laid_out.screen.detail);
    if area.width == 0 {
        // Hidden (another pane zoomed, or no room): keep the laid-out
        // document only while it still shows what the pane would show, so
        // nothing (a search hit, a click, visual mode) acts on a stale one.
        if state
            .laid_out
            .detail
            .doc_key
            .is_some_and(|(target, _, generation)| {
                target != state.reading.target || generation != state.notes.generation
            })
        {
            state.laid_out.detail.doc = Default::default();
            state.laid_out.detail.items.clear();
            state.laid_out.detail.links.clear();
            state.laid_out.detail.doc_key = None;
            state.reading.detail.selected = None;
        }
        return;
    }
    let key = (state.reading.target, area.width, state.notes.generation);
    if state.laid_out.detail.doc_key != Some(key) {
        // The same target at a new width (a resize): the selected item
        // stays in view.
        if state
            .laid_out
            .detail
            .doc_key
            .is_some_and(|(target, width, _)| target == key.0 && width != key.1)
        {
            state.reading.detail.reveal = true;
        }
        let same_content = state
            .laid_out
            .detail
            .doc_key
            .is_some_and(|(target, _, generation)| (target, generation) == (key.0, key.2));
        let laid = &mut state.laid_out.detail;
        if same_content {
            // A resize: the same paragraphs, laid out again.
            laid.doc.rewrap(area.width);
        } else {
            let kept = laid.kept.take();
            // The document shown until now is kept for a jump straight back.
            if let Some(old) = laid.doc_key {
                laid.kept = Some(KeptDoc {
                    key: old,
                    doc: std::mem::take(&mut laid.doc),
                    items: std::mem::take(&mut laid.items),
                    links: std::mem::take(&mut laid.links),
                });
            }
            match kept {
                // The same content (its width may differ: laid out again).
                Some(mut kept) if (kept.key.0, kept.key.2) == (key.0, key.2) => {
                    if kept.key.1 != key.1 {
                        kept.doc.rewrap(area.width);
                    }
                    laid.doc = kept.doc;
                    laid.items = kept.items;
                    laid.links = kept.links;
                }
                _ => {
                    let built = content::detail(&state.brief, &state.notes, state.reading.target);
                    laid.doc = built.builder.wrap(area.width);
                    laid.items = built.items;
                    laid.links = built.links;
                }
            }
        }
        laid.doc_key = Some(key);
        if state
            .reading
            .detail
            .selected
            .is_some_and(|s| s >= laid.items.len())
        {
            state.reading.detail.selected = None;
        }
    }
    let height = area.height as usize;
    let detail = &mut state.reading.detail;
    let laid = &mut state.laid_out.detail;
    // Another height (a resize, a pane's share changing): the selection
    // stays in view, as at another width.
    if laid.laid_height != area.height {
        laid.laid_height = area.height;
        detail.reveal = true;
    }
    if let Some(wanted) = detail.pending_select.take()
        && let Some(index) = laid.items.iter().position(|&item| item == wanted)
    {
        detail.selected = Some(index);
        detail.reveal = true;
    }
    if detail.reveal {
        detail.reveal = false;
        if let Some(rows) = detail.selected.and_then(|s| laid.doc.items.get(s)) {
            reveal_rows(rows.clone(), &mut detail.scroll, height);
        }
    }
    detail.scroll = detail.scroll.min(laid.doc.height().saturating_sub(height));
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
        let height = state.laid_out.screen.source_text.height as usize;
        let laid = &mut state.laid_out.source;
        view.at_current = false;
        let row = if hit.text == crate::brief::TextRef::SourceText(view.source) {
            super::source_layout::exact_row_of(view, laid, &state.brief, hit.range.start, height)
        } else {
            laid.doc.row_of(hit.text, hit.range.start)
        };
        if let Some(row) = row {
            view.scroll = row
                .saturating_sub(height / 3)
                .min(laid.doc.height().saturating_sub(height));
        }
        return;
    }
    let height = text_area(state.laid_out.screen.detail).height as usize;
    let detail = &mut state.reading.detail;
    let doc = &state.laid_out.detail.doc;
    if let Some(row) = doc.row_of(hit.text, hit.range.start) {
        if row < detail.scroll || row >= detail.scroll + height {
            detail.scroll = row
                .saturating_sub(height / 3)
                .min(doc.height().saturating_sub(height));
        }
        if let Some(item) = doc.item_at_row(row) {
            detail.selected = Some(item);
        }
    }
}
