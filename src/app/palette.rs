//! The go-to palette: a fuzzy finder over everything addressable — factors,
//! events, excerpts, sources — and over the commands of the keymap, so it
//! doubles as a command menu.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::input;
use super::keymap::{BINDINGS, Scope};
use super::layers::Popup;
use super::location::{Location, Record};
use super::state::State;

/// What choosing an entry does: go somewhere (a recorded jump), or run a
/// command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    Go(Location),
    Command(Action),
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// `factor`, `event`, `excerpt`, `source`, `command`.
    pub kind: &'static str,
    /// What is matched and shown (single line, sanitised).
    pub label: String,
    pub jump: Jump,
}

/// Rows of matches the palette keeps letter positions for.
const MARKED: usize = 200;

pub struct PaletteState {
    pub input: TextArea<'static>,
    pub entries: Vec<Entry>,
    /// Indices into `entries`, best first.
    pub matches: Vec<u32>,
    /// Matched character positions of the first [`MARKED`] matches.
    pub marked: Vec<Vec<u32>>,
    pub selected: usize,
    pub scroll: usize,
    matcher: Matcher,
    last_query: String,
    /// The query changed since the last ranking. Ranking waits for the
    /// layout step, so a burst of typed keys costs one ranking, not one
    /// per key.
    dirty: bool,
    /// Picking an item to re-attach this note (by id) to, not going.
    pub reattach: Option<String>,
}

impl std::fmt::Debug for PaletteState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaletteState")
            .field("entries", &self.entries.len())
            .field("matches", &self.matches.len())
            .field("selected", &self.selected)
            .finish()
    }
}

/// Labels longer than this are cut before matching and display.
const LABEL_CHARS: usize = 120;

fn label(text: &str) -> String {
    crate::text::sanitize::one_line(text, LABEL_CHARS)
}

/// Everything the palette can reach, in reading order, then the commands.
pub fn entries(state: &State) -> Vec<Entry> {
    let brief = &state.brief;
    let mut entries = vec![Entry {
        kind: "view",
        label: "Overview".into(),
        jump: Jump::Go(Location::Overview),
    }];
    for (i, factor) in brief.factors.iter().enumerate() {
        entries.push(Entry {
            kind: "factor",
            label: label(&format!("{} {}", i + 1, factor.title)),
            jump: Jump::Go(Location::Factor(i)),
        });
    }
    for (i, event) in brief.events.iter().enumerate() {
        entries.push(Entry {
            kind: "event",
            label: label(&format!("{} {}", event.date, event.title)),
            jump: Jump::Go(Location::Event(i)),
        });
    }
    for (i, excerpt) in brief.excerpts.iter().enumerate() {
        entries.push(Entry {
            kind: "excerpt",
            label: label(&format!("“{}”", excerpt.quote.trim())),
            jump: Jump::Go(Location::Excerpt(i)),
        });
    }
    for (i, source) in brief.sources.iter().enumerate() {
        entries.push(Entry {
            kind: "source",
            label: label(&source.title),
            jump: Jump::Go(Location::Source {
                source: i,
                excerpt: None,
                offset: None,
            }),
        });
    }
    let mut listed: Vec<&Action> = Vec::new();
    // The commands of the reader: the panes', the source view's and the
    // global ones, each once.
    for binding in BINDINGS {
        let reader = matches!(
            binding.scope,
            Scope::Panes | Scope::Reading | Scope::Source | Scope::Global
        );
        if !reader
            || matches!(binding.action, Action::GoToFactor(_))
            || listed.contains(&&binding.action)
        {
            continue; // the factors are listed themselves
        }
        listed.push(&binding.action);
        entries.push(Entry {
            kind: "command",
            label: binding.what().to_string(),
            jump: Jump::Command(binding.action.clone()),
        });
    }
    entries
}

impl PaletteState {
    pub fn new(entries: Vec<Entry>) -> PaletteState {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::new());
        let mut palette = PaletteState {
            input,
            matches: (0..entries.len() as u32).collect(),
            marked: Vec::new(),
            entries,
            selected: 0,
            scroll: 0,
            matcher: Matcher::new(Config::DEFAULT),
            last_query: String::new(),
            dirty: false,
            reattach: None,
        };
        palette.refilter();
        palette
    }

    pub fn query(&self) -> String {
        self.input.lines().concat()
    }

    /// Re-ranks the entries for the query. When the query only grew, only
    /// the previous matches can still match, so only they are scored.
    /// Ranks again if the query changed since the last ranking.
    pub fn refresh(&mut self) {
        if self.dirty {
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        self.dirty = false;
        let query = self.query();
        let candidates: Vec<u32> =
            if !self.last_query.is_empty() && query.starts_with(&self.last_query) {
                std::mem::take(&mut self.matches)
            } else {
                (0..self.entries.len() as u32).collect()
            };
        self.last_query = query.clone();
        self.selected = 0;
        self.scroll = 0;
        self.marked.clear();
        if query.trim().is_empty() {
            self.matches = (0..self.entries.len() as u32).collect();
            return;
        }
        // Each word must match on its own, so a word said twice adds
        // nothing (a long paste is ranked as its distinct words); a word
        // longer than any label matches nothing.
        let mut words: Vec<&str> = Vec::new();
        for word in query.split_whitespace() {
            if !words.contains(&word) {
                words.push(word);
            }
        }
        if words.iter().any(|w| w.chars().count() > LABEL_CHARS) {
            self.matches.clear();
            return;
        }
        let pattern = Pattern::parse(&words.join(" "), CaseMatching::Smart, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, u32)> = candidates
            .into_iter()
            .filter_map(|i| {
                let label = &self.entries[i as usize].label;
                let score = pattern.score(Utf32Str::new(label, &mut buf), &mut self.matcher)?;
                Some((score, i))
            })
            .collect();
        // Best first; ties keep reading order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
        for &i in self.matches.iter().take(MARKED) {
            let mut indices = Vec::new();
            let label = &self.entries[i as usize].label;
            pattern.indices(
                Utf32Str::new(label, &mut buf),
                &mut self.matcher,
                &mut indices,
            );
            indices.sort_unstable();
            indices.dedup();
            self.marked.push(indices);
        }
    }

    /// Types `text` into the filter, one character at a time, as a person
    /// would (each keystroke re-ranks).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.input.insert_char(c);
            self.dirty = true;
            self.refresh();
        }
    }

    pub fn chosen(&self) -> Option<Jump> {
        self.matches
            .get(self.selected)
            .map(|&i| self.entries[i as usize].jump.clone())
    }
}

/// Opens the palette.
pub fn open(state: &mut State) {
    state.layers.popup = Some(Popup::Palette(PaletteState::new(entries(state))));
}

/// Applies an action while the palette is on top.
pub fn action(state: &mut State, action: Action) {
    let Some(palette) = state.layers.palette_mut() else {
        return;
    };
    match action {
        Action::Edit(edit) => palette.dirty |= input::apply(&mut palette.input, edit, true),
        Action::Paste(text) => palette.dirty |= input::paste(&mut palette.input, &text, true),
        Action::Close => {
            if palette.reattach.is_some() {
                state.notice = Some("not re-attached: the note is still an orphan".into());
            }
            state.layers.popup = None;
        }
        Action::Choose => {
            palette.refresh();
            let jump = palette.chosen();
            let reattach = palette.reattach.take();
            state.layers.popup = None;
            match (jump, reattach) {
                (Some(jump), Some(id)) => super::reattach::chosen(state, id, jump),
                (Some(jump), None) => run(state, jump),
                (None, _) => {}
            }
        }
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            palette.refresh();
            let last = palette.matches.len().saturating_sub(1);
            palette.selected = match action {
                Action::Down => (palette.selected + 1).min(last),
                Action::Up => palette.selected.saturating_sub(1),
                Action::PageDown => (palette.selected + 10).min(last),
                _ => palette.selected.saturating_sub(10),
            };
        }
        _ => {}
    }
}

/// Goes where an entry points, or runs its command.
pub fn run(state: &mut State, jump: Jump) {
    match jump {
        Jump::Command(action) => super::update::update(state, action),
        Jump::Go(to) => {
            super::location::go(state, to, Record::Yes);
        }
    }
}
