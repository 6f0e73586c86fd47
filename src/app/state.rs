//! Everything the reader knows: the brief, where the person is, and the
//! layout cache that [`super::layout::prepare`] refreshes before each frame.

use ratatui::layout::Rect;

use super::doc::Doc;
use super::search::SearchState;
use crate::brief::Brief;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Factors,
    Detail,
    Chronology,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Factors, Pane::Detail, Pane::Chronology];

    pub fn name(self) -> &'static str {
        match self {
            Pane::Factors => "Factors",
            Pane::Detail => "Detail",
            Pane::Chronology => "Chronology",
        }
    }
}

/// What the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Overview,
    Factor(usize),
    Event(usize),
}

/// A selectable thing in the detail pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailItem {
    KeyPoint(usize),
    Excerpt(usize),
    Source(usize),
    Event(usize),
    /// Index into `notes.notes`.
    Note(usize),
    /// A link: index into [`DetailLayout::links`]; `Enter` goes there.
    Link(usize),
    /// A citation mark of excerpt `usize`: `Enter` peeks at it.
    Mark(usize),
}

/// A laid-out detail document kept for going back to it.
#[derive(Debug)]
pub struct KeptDoc {
    pub key: (Target, u16, u64),
    pub doc: Doc,
    pub items: Vec<DetailItem>,
    pub links: Vec<super::location::Location>,
}

/// Where the person is in the detail pane.
#[derive(Debug, Default)]
pub struct DetailPlace {
    /// The selected item: an index into [`DetailLayout::items`].
    pub selected: Option<usize>,
    /// The first row shown (of [`DetailLayout::doc`]).
    pub scroll: usize,
    /// Where `Esc` returns to from an event's detail.
    pub back: Option<Target>,
    /// Scroll the selection into view at the next layout.
    pub reveal: bool,
    /// Select this item once the document is laid out (a jump from the
    /// palette).
    pub pending_select: Option<DetailItem>,
}

/// The detail pane as the last layout left it.
#[derive(Debug, Default)]
pub struct DetailLayout {
    /// The laid-out content, for `doc_key`.
    pub doc: Doc,
    pub items: Vec<DetailItem>,
    /// Where each [`DetailItem::Link`] of the document goes.
    pub links: Vec<super::location::Location>,
    /// What the document was laid out for: target, width, notes generation.
    pub doc_key: Option<(Target, u16, u64)>,
    /// The document shown before this one, with its key, items and links:
    /// a jump straight back to it (`Ctrl-o`, `Esc` from an event) needs no
    /// new layout.
    pub kept: Option<KeptDoc>,
    /// Rows of text the pane had at the last layout: a resize to another
    /// height (even through a screen too small to lay out) keeps the
    /// selection in view.
    pub laid_height: u16,
}

/// Where the person is in the chronology.
#[derive(Debug, Default)]
pub struct ChronologyPlace {
    /// Show every event instead of the selected factor's.
    pub all: bool,
    /// Indices into `brief.events` of the events listed, in order.
    pub events: Vec<usize>,
    pub selected: usize,
    /// The first row shown (of [`ChronologyLayout::rows`]).
    pub scroll: usize,
}

/// The chronology as the last layout left it.
#[derive(Debug, Default)]
pub struct ChronologyLayout {
    /// The listed events laid out for `built_for` columns: year headings
    /// and each event's wrapped title (see [`super::layout`]).
    pub rows: Vec<ChronoRow>,
    /// The row each listed event starts on.
    pub first_row: Vec<usize>,
    /// Each listed event's title, made safe to show, and its compact
    /// date's width (measured once per list; empty when the list changed).
    pub titles: Vec<String>,
    pub date_widths: Vec<usize>,
    /// `strip` was computed for the current list (at some width).
    pub strip_for_list: bool,
    /// Columns of the compact date column.
    pub date_col: usize,
    pub built_for: Option<u16>,
    /// The timeline strip over the listed events, for `built_for`.
    pub strip: Option<super::timeline::Strip>,
}

impl ChronologyLayout {
    /// Forgets the rows, titles and strip: the list changed.
    pub fn invalidate(&mut self) {
        self.built_for = None;
        self.titles.clear();
        self.strip_for_list = false;
    }
}

/// What `c` does now: list every event, list the selected factor's
/// again, or nothing (and why), for its status-bar word and its notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChronologyToggle {
    ToAll,
    ToFactor,
    Nothing(&'static str),
}

impl ChronologyToggle {
    /// The status bar's word for `c`.
    pub fn word(self) -> &'static str {
        match self {
            ChronologyToggle::ToAll => "all events",
            ChronologyToggle::ToFactor => "factor's events",
            ChronologyToggle::Nothing(_) => "all shown",
        }
    }
}

/// One row of the chronology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChronoRow {
    /// A year's heading.
    Year(u16),
    /// Line `line` of listed event `listed` (an index into `events`): the
    /// byte range of its title shown there.
    Event {
        listed: usize,
        line: usize,
        range: std::ops::Range<usize>,
    },
}

impl ChronologyLayout {
    /// The listed event a row shows (a heading: the event after it).
    pub fn event_at_row(&self, row: usize) -> Option<usize> {
        self.rows.get(row..)?.iter().find_map(|r| match r {
            ChronoRow::Event { listed, .. } => Some(*listed),
            ChronoRow::Year(_) => None,
        })
    }

    /// The rows of listed event `listed`.
    pub fn rows_of(&self, listed: usize) -> std::ops::Range<usize> {
        let start = self.first_row.get(listed).copied().unwrap_or(0);
        let end = self
            .first_row
            .get(listed + 1)
            .copied()
            .unwrap_or(self.rows.len());
        // A year heading before the next event is not this one's.
        let end = (start..end)
            .rev()
            .find(|&r| matches!(self.rows.get(r), Some(ChronoRow::Event { .. })))
            .map_or(start, |r| r + 1);
        start..end.max(start + 1)
    }
}

#[derive(Debug, Default)]
pub struct ListState {
    pub selected: usize,
    pub scroll: usize,
}

/// Where the person is in the source view: which source, which excerpt,
/// how far down. Its laid-out document is [`LaidOut::source`].
#[derive(Debug)]
pub struct SourceView {
    pub source: usize,
    /// The excerpt (index into `brief.excerpts`) being looked at.
    pub current: Option<usize>,
    pub scroll: usize,
    /// The byte of the source's text at the top of the view at the last
    /// layout: a new width (a resize) puts the row holding it back on top,
    /// as `less` does.
    pub top_byte: Option<usize>,
    /// The scroll `top_byte` was taken at (or put back to): the anchor
    /// moves only when something else scrolls, so resizes there and back
    /// return to the same row.
    pub top_row: usize,
    /// Where the top row starts as a spot of the document (paragraph,
    /// byte of its text; see [`Doc::spot_at_row`]), taken with `top_byte`:
    /// it names blank rows between paragraphs too.
    pub top_spot: Option<(usize, usize)>,
    pub reveal: bool,
    /// Scroll this byte of the source's text into view at the next layout.
    pub reveal_byte: Option<usize>,
    /// The view is where going to the current excerpt put it (nothing has
    /// scrolled it since): `]`/`[` step from that excerpt; otherwise they
    /// go from the top of the view.
    pub at_current: bool,
}

impl SourceView {
    pub fn new(source: usize, current: Option<usize>) -> SourceView {
        SourceView {
            source,
            current,
            scroll: 0,
            top_byte: None,
            top_row: 0,
            top_spot: None,
            reveal: true,
            reveal_byte: None,
            at_current: current.is_some(),
        }
    }
}

/// A source's text as the last layout laid it out. Kept when the view
/// closes: opening the same source again lays nothing out.
#[derive(Debug, Default)]
pub struct SourceLayout {
    /// The source laid out (None: none yet).
    pub source: Option<usize>,
    /// Excerpts of this brief found in this source, in text order.
    pub excerpts: Vec<usize>,
    pub doc: Doc,
    /// Row where each of `excerpts` starts in `doc`.
    pub excerpt_rows: Vec<usize>,
    /// The paragraph of `doc` where each of `excerpts` starts.
    pub excerpt_paras: Vec<usize>,
    /// The width the document was laid out for (None: to be built afresh,
    /// e.g. because notes changed).
    pub built_for: Option<u16>,
    /// The note of each selectable item of `doc`: notes shown under the
    /// paragraphs their words are in.
    pub notes: Vec<usize>,
    /// The item of `doc` (an index into `notes`) that `e` and `d` act on:
    /// the first note in view at the last layout.
    pub note_in_view: Option<usize>,
}

impl LaidOut {
    /// The source view's laid-out document, when it is `source`'s (a view
    /// just opened on another source has none until the next layout).
    pub fn source_of(&self, source: usize) -> Option<&SourceLayout> {
        (self.source.source == Some(source)).then_some(&self.source)
    }
}

impl SourceLayout {
    /// Position of excerpt `current` among this source's excerpts.
    pub fn position_of(&self, current: Option<usize>) -> Option<usize> {
        let current = current?;
        self.excerpts.iter().position(|&e| e == current)
    }
}

/// Where each part of the screen went in the last layout.
#[derive(Debug, Default, Clone, Copy)]
pub struct Screen {
    pub area: Rect,
    pub too_small: bool,
    /// Over [`super::layout::MAX_WIDTH`]×[`super::layout::MAX_HEIGHT`]:
    /// nothing is laid out or drawn but a one-line message.
    pub too_large: bool,
    pub header: Rect,
    pub status: Rect,
    pub body: Rect,
    /// Outer rectangles (with borders) of the panes shown; empty if hidden.
    pub factors: Rect,
    pub detail: Rect,
    pub chronology: Rect,
    pub source: Rect,
    /// Inside the source view: where its text goes, and the footer about
    /// the current excerpt (empty when there is none).
    pub source_text: Rect,
    pub source_footer: Rect,
    /// The chronology's timeline strip (empty when hidden), for clicks.
    pub strip: Rect,
}

impl Screen {
    /// Too small or too large to show the reader: keys other than quit
    /// and resizes do nothing.
    pub fn unusable(&self) -> bool {
        self.too_small || self.too_large
    }

    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Factors => self.factors,
            Pane::Detail => self.detail,
            Pane::Chronology => self.chronology,
        }
    }
}

/// What the reader derives from the brief once, when it is opened.
#[derive(Debug, Default)]
pub struct BriefFacts {
    /// Warnings `check` found in the brief.
    pub warnings: usize,
    /// For each factor, how many of its excerpts are not verified.
    pub unverified: Vec<usize>,
    /// For each factor, how many of its key points cite no excerpt
    /// (format 2; all zero for format 1).
    pub uncited: Vec<usize>,
    /// Columns the factors pane's widest row takes: key, title and the
    /// unverified-quotes mark (room for a notes mark is added by the
    /// layout).
    pub factors_width: usize,
    /// Columns the widest event date takes in the chronology.
    pub date_width: usize,
}

impl BriefFacts {
    fn of(brief: &Brief, warnings: usize) -> BriefFacts {
        let mut unverified = vec![0; brief.factors.len()];
        for excerpt in &brief.excerpts {
            if !excerpt.verification.is_verified() {
                for &f in &excerpt.factors {
                    unverified[f] += 1;
                }
            }
        }
        let uncited: Vec<usize> = (0..brief.factors.len())
            .map(|f| brief.uncited_key_points(f))
            .collect();
        let factors_width = brief
            .factors
            .iter()
            .enumerate()
            .map(|(f, factor)| {
                let title = crate::text::sanitize::sanitize_line(&factor.title);
                let marks = factor_marks(unverified[f], uncited[f]);
                3 + unicode_width::UnicodeWidthStr::width(title.as_ref())
                    + unicode_width::UnicodeWidthStr::width(marks.as_str())
            })
            .max()
            .unwrap_or(0)
            .max("0 Overview".len() + 1);
        let date_width = brief
            .events
            .iter()
            .map(|e| e.date.to_string().chars().count())
            .max()
            .unwrap_or(0);
        BriefFacts {
            warnings,
            unverified,
            uncited,
            factors_width,
            date_width,
        }
    }
}

/// Where the person is: the pane they are in, what the detail shows, what
/// is selected and scrolled to in each pane, and where they came from.
/// This is what the reading place saves (see [`super::place`]).
#[derive(Debug)]
pub struct Reading {
    pub focus: Pane,
    /// 0 is the overview, N the factor with index N-1.
    pub factors: ListState,
    pub target: Target,
    pub detail: DetailPlace,
    pub chronology: ChronologyPlace,
    pub zoom: bool,
    /// Where jumps came from, for `Ctrl-o` / `Alt-→` (kept with the
    /// reading place).
    pub jumps: super::jumps::JumpList<super::location::Spot>,
}

impl Default for Reading {
    fn default() -> Reading {
        Reading {
            focus: Pane::Factors,
            factors: ListState::default(),
            target: Target::Overview,
            detail: DetailPlace::default(),
            chronology: ChronologyPlace::default(),
            zoom: false,
            jumps: Default::default(),
        }
    }
}

/// What the last layout measured and laid out: where each part of the
/// screen went, the detail document and the chronology's rows.
/// [`super::layout::prepare`] refreshes it before each frame, drawing reads
/// it, and it is the one value through which `update` reads the last
/// frame — how tall a page is, what a click hits, which item a row holds.
#[derive(Debug, Default)]
pub struct LaidOut {
    pub screen: Screen,
    pub detail: DetailLayout,
    pub chronology: ChronologyLayout,
    pub source: SourceLayout,
}

/// The whole state of the reader, in separate parts: what the brief is
/// (`brief`, `facts`), where the person is (`reading`), which layers are
/// open over the panes (`layers`), and what the last layout measured
/// (`laid_out`); then the notes, the search, how the brief was opened,
/// and what goes out to the person (`notice`, `outbox`, `quit`).
#[derive(Debug)]
pub struct State {
    /// Shared with the thread that places notes in the background (see
    /// [`super::placing`]): the brief is never changed while it is open.
    pub brief: std::sync::Arc<Brief>,
    pub facts: BriefFacts,
    pub reading: Reading,
    /// The layers open over the panes: source view, caret, popup, prompt,
    /// help.
    pub layers: super::layers::Layers,
    pub laid_out: LaidOut,
    pub search: SearchState,
    pub notes: super::notes::NotesState,
    /// Where the brief came from, where notes and reading places are kept,
    /// how to draw, and the key bindings in force (the table's, with
    /// keys.toml applied).
    pub opening: Opening,
    /// A one-line message for the status bar, cleared by the next action.
    pub notice: Option<String>,
    /// Escape sequences for the terminal (an OSC 52 copy), queued by
    /// `update` and written by the run loop before the next frame.
    pub outbox: Vec<String>,
    pub quit: bool,
}

/// How a brief is opened: where it came from, where the person's notes
/// and reading places are kept, how to draw.
#[derive(Debug, Default, Clone)]
pub struct Opening {
    /// Where the brief was read from (None: the bundled brief).
    pub path: Option<std::path::PathBuf>,
    /// Where notes and reading places are kept (None: nowhere).
    pub data_dir: Option<std::path::PathBuf>,
    /// `NO_COLOR`: styles by bold, reverse and underline only.
    pub no_color: bool,
    /// The key bindings (default: the table's).
    pub keymap: std::sync::Arc<super::keymap::Keymap>,
}

impl State {
    /// Opens `brief` into a reader: loads its notes and returns to the
    /// last reading place, when there is a data folder. The one
    /// constructor, used by the binary, the library and the tests.
    pub fn open(brief: Brief, warnings: usize, opening: Opening) -> State {
        let mut state = State {
            facts: BriefFacts::of(&brief, warnings),
            brief: std::sync::Arc::new(brief),
            reading: Reading::default(),
            layers: Default::default(),
            laid_out: LaidOut::default(),
            search: SearchState::default(),
            notes: Default::default(),
            opening,
            notice: None,
            outbox: Vec::new(),
            quit: false,
        };
        state.refresh_chronology();
        super::notes::load(&mut state);
        if let Some(dir) = state.opening.data_dir.clone() {
            super::place::restore(&dir, &mut state);
        }
        state
    }

    /// The factor the factors pane has selected (None: the overview).
    pub fn selected_factor(&self) -> Option<usize> {
        self.reading.factors.selected.checked_sub(1)
    }

    /// Recomputes which events the chronology lists, keeping the selected
    /// event when it is still listed.
    pub fn refresh_chronology(&mut self) {
        let keep = self
            .reading
            .chronology
            .events
            .get(self.reading.chronology.selected)
            .copied();
        self.reading.chronology.events = match (self.reading.chronology.all, self.selected_factor())
        {
            (false, Some(factor)) => self.brief.events_of_factor(factor).collect(),
            _ => (0..self.brief.events.len()).collect(),
        };
        self.laid_out.chronology.invalidate();
        self.reading.chronology.selected = keep
            .and_then(|e| self.reading.chronology.events.iter().position(|&x| x == e))
            .unwrap_or(0);
        if keep.is_none()
            || self
                .reading
                .chronology
                .events
                .get(self.reading.chronology.selected)
                .copied()
                != keep
        {
            self.reading.chronology.scroll = 0;
        }
    }

    /// What `c` would do: on the overview, or on a factor every event
    /// belongs to, the chronology lists every event either way.
    pub fn chronology_toggle(&self) -> ChronologyToggle {
        let Some(factor) = self.selected_factor() else {
            return ChronologyToggle::Nothing(
                "the overview lists every event already: choose a factor (1–9) to list its own",
            );
        };
        if self.brief.events_of_factor(factor).count() == self.brief.events.len() {
            return ChronologyToggle::Nothing(
                "every event is this factor's: all events is the same list",
            );
        }
        if self.reading.chronology.all {
            ChronologyToggle::ToFactor
        } else {
            ChronologyToggle::ToAll
        }
    }

    /// The detail item selected, if any.
    pub fn selected_item(&self) -> Option<DetailItem> {
        self.reading
            .detail
            .selected
            .and_then(|i| self.laid_out.detail.items.get(i).copied())
    }

    /// The note `e` and `d` act on: in the source view the first note in
    /// view, else the detail pane's selected item when it is a note.
    pub fn selected_note(&self) -> Option<usize> {
        if self.layers.view.is_some() {
            let laid = &self.laid_out.source;
            return laid.note_in_view.and_then(|i| laid.notes.get(i).copied());
        }
        match self.selected_item() {
            Some(DetailItem::Note(n)) if self.reading.focus == Pane::Detail => Some(n),
            _ => None,
        }
    }

    /// The event the chronology has selected.
    pub fn selected_event(&self) -> Option<usize> {
        self.reading
            .chronology
            .events
            .get(self.reading.chronology.selected)
            .copied()
    }

    /// Panes in the order Tab visits them.
    pub fn visible_panes(&self) -> Vec<Pane> {
        Pane::ALL
            .into_iter()
            .filter(|&p| {
                let r = self.laid_out.screen.pane(p);
                r.width > 0 && r.height > 0
            })
            .collect()
    }
}

/// The marks after a factor's title in the factors pane: `!N` for N
/// unverified excerpts, `∅N` for N key points that cite no excerpt (each
/// with a space before it; empty when there is nothing to say).
pub fn factor_marks(unverified: usize, uncited: usize) -> String {
    let mut marks = String::new();
    if unverified > 0 {
        marks.push_str(&format!(" !{unverified}"));
    }
    if uncited > 0 {
        marks.push_str(&format!(" \u{2205}{uncited}"));
    }
    marks
}
