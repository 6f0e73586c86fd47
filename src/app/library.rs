//! The library: a picker over every brief in a folder, plus the bundled
//! one. Briefs with errors are marked and show their diagnostics instead of
//! opening. The folder is read each time the picker opens, so briefs
//! dropped into it appear.

use std::path::{Path, PathBuf};

use ratatui_textarea::TextArea;

use super::action::Action;
use super::input;
use super::layers::Popup;
use super::state::State;
use crate::brief::{Brief, load_bundled, load_file};
use crate::check::summary_line;
use crate::text::sanitize::sanitize_line;

#[derive(Debug, Clone)]
pub struct LibraryEntry {
    /// None for the bundled brief.
    pub path: Option<PathBuf>,
    /// The file name as shown.
    pub name: String,
    pub title: String,
    pub as_of: String,
    pub counts: String,
    pub errors: usize,
    /// Diagnostics as plain text (no styles), for briefs with errors.
    pub diagnostics: String,
}

pub struct LibraryState {
    pub folder: PathBuf,
    pub entries: Vec<LibraryEntry>,
    pub input: TextArea<'static>,
    /// Indices into `entries` that pass the filter.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub scroll: usize,
    /// The selected brief's preview, wrapped for the popup's width:
    /// refreshed by [`prepare_preview`] before drawing, only when the
    /// selection or the width changed.
    pub preview: Preview,
}

/// The preview under the list, ready to draw: at most [`PREVIEW_ROWS`]
/// rows of sanitised text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The entry (index into `entries`) and width it was made for.
    pub made_for: Option<(usize, u16)>,
    pub rows: Vec<String>,
    /// Whether these rows are the brief's diagnostics.
    pub errors: bool,
}

impl std::fmt::Debug for LibraryState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryState")
            .field("folder", &self.folder)
            .field("entries", &self.entries.len())
            .finish()
    }
}

/// The library shows at most this many problems of a brief…
const PREVIEW_PROBLEMS: usize = 10;
/// …in at most this many lines…
const PREVIEW_LINES: usize = 60;
/// …of at most this many characters (a brief on one long line would
/// otherwise quote all of it)…
const PREVIEW_LINE_CHARS: usize = 400;
/// …and the popup draws at most this many rows of them.
pub const PREVIEW_ROWS: usize = 200;

fn entry_for(path: Option<PathBuf>) -> LibraryEntry {
    let (loaded, name) = match &path {
        None => (Ok(load_bundled()), "bundled".to_string()),
        Some(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (load_file(path, &name), name)
        }
    };
    let name = sanitize_line(&name).into_owned();
    match loaded {
        Err(failure) => LibraryEntry {
            path,
            title: name.clone(),
            name,
            as_of: String::new(),
            counts: String::new(),
            errors: 1,
            diagnostics: match failure {
                crate::brief::LoadFailure::Unreadable(m)
                | crate::brief::LoadFailure::TooLarge(m) => sanitize_line(&m).into_owned(),
            },
        },
        Ok(loaded) => {
            let errors = loaded.errors();
            let diagnostics = if errors > 0 {
                // A bounded preview, made once (the popup draws it every
                // frame): the first problems, already sanitised.
                let styled = crate::diagnostic::render_at_most(
                    &loaded.diagnostics,
                    &loaded.path,
                    &loaded.text,
                    PREVIEW_PROBLEMS,
                );
                let plain = anstream::adapter::strip_str(&styled).to_string();
                let mut preview: Vec<String> = plain
                    .lines()
                    .take(PREVIEW_LINES)
                    .map(|line| match line.char_indices().nth(PREVIEW_LINE_CHARS) {
                        Some((at, _)) => format!("{}…", line.get(..at).unwrap_or(line)),
                        None => line.to_string(),
                    })
                    .collect();
                if plain.lines().nth(PREVIEW_LINES).is_some() {
                    preview.push("…".to_string());
                }
                let summary = summary_line(&loaded);
                let text = format!("{}\n{summary}", preview.join("\n"));
                crate::text::sanitize::sanitize(&text).into_owned()
            } else {
                String::new()
            };
            match &loaded.brief {
                Some(brief) => LibraryEntry {
                    title: sanitize_line(&brief.title).into_owned(),
                    as_of: brief.as_of.to_string(),
                    counts: counts(brief),
                    path,
                    name,
                    errors,
                    diagnostics,
                },
                None => LibraryEntry {
                    title: name.clone(),
                    as_of: String::new(),
                    counts: crate::check::plural(errors, "error", "errors"),
                    path,
                    name,
                    errors,
                    diagnostics,
                },
            }
        }
    }
}

fn counts(brief: &Brief) -> String {
    use crate::check::plural;
    format!(
        "{} · {} · {}",
        plural(brief.factors.len(), "factor", "factors"),
        plural(brief.events.len(), "event", "events"),
        plural(brief.excerpts.len(), "excerpt", "excerpts"),
    )
}

/// Every brief in `folder` (sorted by file name), after the bundled one.
pub fn scan(folder: &Path) -> Vec<LibraryEntry> {
    let mut entries = vec![entry_for(None)];
    let mut problems = Vec::new();
    for target in crate::check::targets(&[folder.to_path_buf()], &mut problems) {
        if let crate::check::Target::File(path) = target {
            entries.push(entry_for(Some(path)));
        }
    }
    entries
}

/// The folder `o` opens: the current brief's, `./briefs` for the bundled
/// one when it exists, else the current folder.
pub fn default_folder(state: &State) -> PathBuf {
    match &state.opening.path {
        Some(path) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None if Path::new("briefs").is_dir() => PathBuf::from("briefs"),
        None => PathBuf::from("."),
    }
}

impl LibraryState {
    pub fn new(folder: PathBuf) -> LibraryState {
        let entries = scan(&folder);
        let input = input::new_line("");
        let mut library = LibraryState {
            folder,
            shown: (0..entries.len()).collect(),
            entries,
            input,
            selected: 0,
            scroll: 0,
            preview: Preview::default(),
        };
        library.refilter();
        library
    }

    fn refilter(&mut self) {
        let filter = self.input.lines().concat().to_lowercase();
        self.shown = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                filter.is_empty()
                    || e.title.to_lowercase().contains(&filter)
                    || e.name.to_lowercase().contains(&filter)
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = 0;
        self.scroll = 0;
    }

    pub fn selected_entry(&self) -> Option<&LibraryEntry> {
        self.shown.get(self.selected).map(|&i| &self.entries[i])
    }
}

impl LibraryEntry {
    /// What the popup shows under the list for this brief, unwrapped.
    fn preview_text(&self) -> (String, bool) {
        if self.errors > 0 {
            let text = format!(
                "This brief has errors and cannot be opened:\n{}",
                self.diagnostics
            );
            (crate::text::sanitize::sanitize(&text).into_owned(), true)
        } else {
            let text = match &self.path {
                Some(path) => sanitize_line(&path.display().to_string()).into_owned(),
                None => "The brief bundled with briefing.".to_string(),
            };
            (text, false)
        }
    }
}

/// Refreshes the library's preview for the selected brief at `width`
/// columns (part of the layout pass, before drawing): sanitised and
/// wrapped once per brief and width, not on every frame.
pub fn prepare_preview(state: &mut State, width: u16) {
    let Some(library) = state.layers.library_mut() else {
        return;
    };
    let Some(&index) = library.shown.get(library.selected) else {
        library.preview = Preview::default();
        return;
    };
    if library.preview.made_for == Some((index, width)) {
        return;
    }
    let (text, errors) = library.entries[index].preview_text();
    let mut rows = Vec::new();
    'lines: for line in text.lines() {
        for range in crate::text::wrap::wrap_line(line, usize::from(width.max(1))) {
            if rows.len() == PREVIEW_ROWS {
                break 'lines;
            }
            rows.push(line.get(range).unwrap_or_default().trim_end().to_string());
        }
    }
    library.preview = Preview {
        made_for: Some((index, width)),
        rows,
        errors,
    };
}

/// Opens the picker on `folder`.
pub fn open(state: &mut State, folder: PathBuf) {
    state.layers.popup = Some(Popup::Library(LibraryState::new(folder)));
}

/// Applies an action while the picker is on top.
pub fn action(state: &mut State, action: Action) {
    let Some(library) = state.layers.library_mut() else {
        return;
    };
    let last = library.shown.len().saturating_sub(1);
    match action {
        Action::Close => state.layers.popup = None,
        Action::Down => library.selected = (library.selected + 1).min(last),
        Action::Up => library.selected = library.selected.saturating_sub(1),
        Action::PageDown => library.selected = (library.selected + 10).min(last),
        Action::PageUp => library.selected = library.selected.saturating_sub(10),
        Action::Choose => {
            let Some(entry) = library.selected_entry().cloned() else {
                return;
            };
            if entry.errors > 0 {
                state.notice = Some(format!("{} has errors: fix them to open it", entry.name));
                return;
            }
            state.layers.popup = None;
            open_brief(state, entry.path);
        }
        Action::Edit(edit) if input::apply(&mut library.input, edit, true) => library.refilter(),
        Action::Paste(text) if input::paste(&mut library.input, &text, true) => library.refilter(),
        _ => {}
    }
}

/// Replaces the brief being read, saving the old one's place and restoring
/// the new one's.
pub fn open_brief(state: &mut State, path: Option<PathBuf>) {
    let loaded = match &path {
        None => load_bundled(),
        Some(path) => match load_file(path, &path.display().to_string()) {
            Ok(loaded) => loaded,
            Err(_) => {
                state.notice = Some("that brief can no longer be read".into());
                return;
            }
        },
    };
    let warnings = loaded.warnings();
    let Some(brief) = loaded.brief else {
        state.notice = Some("that brief now has errors".into());
        return;
    };
    if let Some(dir) = &state.opening.data_dir {
        let _ = super::place::save(dir, state);
    }
    // A save waiting on the lock is the old brief's: finished, or kept as
    // its draft, never dropped with the old state.
    let kept = super::pending_save::let_go(state);
    let mut next = State::open(
        brief,
        warnings,
        super::state::Opening {
            path,
            data_dir: state.opening.data_dir.clone(),
            no_color: state.opening.no_color,
            keymap: state.opening.keymap.clone(),
        },
    );
    if let Some(kept) = kept {
        next.notice = Some(kept);
    }
    *state = next;
}
