//! `briefing export`: a brief, and optionally the user's notes, as a
//! Markdown document or as JSON for other tools (shape documented in the
//! README's "Export" section).
//!
//! Nothing from the brief or the notes reaches the output raw: Markdown
//! shows control characters, escape sequences and bidi overrides as visible
//! symbols (see [`crate::text::sanitize`]) and escapes what could break the
//! document's structure; JSON escapes them as `\u` sequences.

mod json;
mod markdown;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::brief::{Brief, Verification};
use crate::check::{self, EXIT_INVALID, EXIT_OK, EXIT_USAGE, Target};
use crate::notes::{
    ConflictCopy, ItemRef, LoadedNotes, Note, Placement, Placer, Store, Unreadable,
};
use crate::text::sanitize::sanitize_line;

pub use json::{escape_json_controls, json, json_export};
pub use markdown::{markdown, markdown_export, md_inline};

/// What `--notes` exports: the notes, the conflict copies kept beside
/// them, and the files this build could not read.
#[derive(Debug, Clone, Copy, Default)]
pub struct NotesExport<'a> {
    pub notes: &'a [Note],
    pub conflicts: &'a [ConflictCopy],
    pub unreadable: &'a [Unreadable],
}

impl<'a> NotesExport<'a> {
    /// Only notes: no conflict copies, no unreadable files.
    pub fn only(notes: &'a [Note]) -> NotesExport<'a> {
        NotesExport {
            notes,
            ..NotesExport::default()
        }
    }
}

impl<'a> From<&'a LoadedNotes> for NotesExport<'a> {
    fn from(loaded: &'a LoadedNotes) -> NotesExport<'a> {
        NotesExport {
            notes: &loaded.notes,
            conflicts: &loaded.conflicts,
            unreadable: &loaded.unreadable,
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Markdown,
    Json,
}

/// Runs `briefing export`: loads the brief at `path` (or the bundled one),
/// and with `with_notes` its notes from `data_dir` (resolved as usual),
/// and writes the export to `out`. Diagnostics and notices go to `err`.
/// Returns the exit code: 0, 1 for a brief with errors, 2 for bad usage or
/// an unreadable path.
pub fn run(
    path: Option<&Path>,
    with_notes: bool,
    format: Format,
    data_dir: Option<PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let target = match path {
        Some(path) => Target::File(path.to_path_buf()),
        None => Target::Bundled,
    };
    let loaded = match check::load_target(&target) {
        Ok(loaded) => loaded,
        Err((message, code)) => {
            let _ = writeln!(err, "error: {}", sanitize_line(&message));
            return code;
        }
    };
    let Some(brief) = loaded.brief.as_ref().filter(|_| loaded.errors() == 0) else {
        let _ = write!(err, "{}", loaded.render_diagnostics());
        let _ = writeln!(err, "{}", check::summary_line(&loaded));
        return EXIT_INVALID;
    };
    let notes = if with_notes {
        let Some(dir) = crate::data_dir::resolve(data_dir) else {
            let _ = writeln!(
                err,
                "error: no data folder for notes: pass --data-dir DIR or set BRIEFING_DATA_DIR"
            );
            return EXIT_USAGE;
        };
        let loaded = Store::new(&dir, &brief.id).read();
        for notice in &loaded.notices {
            let _ = writeln!(err, "warning: {notice}");
        }
        for file in &loaded.unreadable {
            let _ = writeln!(
                err,
                "warning: {} could not be read ({}); exported as it is, apart from the notes",
                sanitize_line(&file.path.display().to_string()),
                sanitize_line(&file.reason)
            );
        }
        Some(loaded)
    } else {
        None
    };
    let notes = notes.as_ref().map(NotesExport::from);
    let text = match format {
        Format::Markdown => markdown_export(brief, notes),
        Format::Json => json_export(brief, notes),
    };
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(error) => check::output_failed(&error, err),
    }
}

// ------------------------------------------------------------------ notes

/// A note with its place in the current brief.
struct Placed<'n> {
    note: &'n Note,
    placement: Placement,
    /// The words the note is on now (for placed passages).
    current: Option<String>,
    /// Other texts of this note kept when two readers saved it.
    conflicts: Vec<&'n ConflictCopy>,
}

/// The notes grouped by the item they belong to, oldest first; orphans
/// apart; conflict copies with their notes (or apart, when their note is
/// gone) and unreadable files at the end.
struct Notes<'n> {
    by_item: HashMap<ItemRef, Vec<Placed<'n>>>,
    orphans: Vec<Placed<'n>>,
    /// Conflict copies whose note is not in the folder.
    lone_conflicts: Vec<&'n ConflictCopy>,
    unreadable: &'n [Unreadable],
}

impl<'n> Notes<'n> {
    fn new(brief: &Brief, export: NotesExport<'n>) -> Notes<'n> {
        let notes = export.notes;
        let mut placer = Placer::new(brief);
        let mut order: Vec<&Note> = notes.iter().collect();
        order.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        let mut by_item: HashMap<ItemRef, Vec<Placed>> = HashMap::new();
        let mut orphans = Vec::new();
        for (i, note) in order.into_iter().enumerate() {
            let placement = placer.place(i, note);
            let current = match (placement.item, placement.field, placement.anchor) {
                (Some(item), Some(field), Some(anchor)) => anchor.range().and_then(|range| {
                    let text = placer.text(item, field)?;
                    Some(text.chars().skip(range.start).take(range.len()).collect())
                }),
                _ => None,
            };
            let placed = Placed {
                note,
                placement,
                current,
                conflicts: export
                    .conflicts
                    .iter()
                    .filter(|c| c.note_id == note.id)
                    .collect(),
            };
            match placed.placement.item {
                Some(item) => by_item.entry(item).or_default().push(placed),
                None => orphans.push(placed),
            }
        }
        let lone_conflicts = export
            .conflicts
            .iter()
            .filter(|c| !notes.iter().any(|n| n.id == c.note_id))
            .collect();
        Notes {
            by_item,
            orphans,
            lone_conflicts,
            unreadable: export.unreadable,
        }
    }

    fn of(&self, item: ItemRef) -> &[Placed<'n>] {
        self.by_item.get(&item).map_or(&[], Vec::as_slice)
    }
}

fn time(at: Timestamp) -> String {
    crate::local_time::minute(at)
}

fn verification_words(verification: &Verification) -> &'static str {
    match verification {
        Verification::Verified(_) => "\u{2713} verified",
        Verification::NotFound => "\u{2717} not found",
        Verification::Unverifiable => "? unverifiable",
    }
}
