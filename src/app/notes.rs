//! The user's notes in the reader: loading and placing them, where they
//! show, and adding, editing, deleting and restoring them.

use std::collections::HashMap;
use std::ops::Range;

use ratatui_textarea::TextArea;

use super::action::Action;
use super::layers::Prompt;
use super::state::{DetailItem, Pane, State, Target};
use crate::brief::{Brief, TextRef};
use crate::notes::drafts::Drafts;
use crate::notes::{
    Anchor, ConflictCopy, Field, FieldCache, ItemKind, ItemRef, Note, NoteTarget, Passage,
    Placement, Placer, Saved, Store, Unreadable,
};

/// What `a` would attach a note to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachTo {
    pub target: NoteTarget,
    /// How it is named in the editor: `Factor “Terrorism”`.
    pub label: String,
}

/// The note editor popup.
pub struct Editor {
    pub input: TextArea<'static>,
    /// The note being edited (a new one has no file yet).
    pub note: Note,
    /// The SHA-256 of the note's file when the edit began; `None` for a
    /// new note.
    pub base: Option<String>,
    pub label: String,
    /// The passage quoted, for passage notes.
    pub quote: Option<String>,
    /// The body when the editor opened, byte for byte: saved as it was
    /// unless the lines were edited.
    pub original: String,
    /// `original` as the editor's lines.
    original_lines: Vec<String>,
    /// Lines end with CR LF (every line break of `original` did).
    crlf: bool,
    /// Asking "discard changes?" after Esc (or Ctrl-c).
    pub confirm_discard: bool,
    /// The question came from Ctrl-c: a yes also quits.
    pub quit_after_discard: bool,
    /// The last save's error, shown in the editor.
    pub error: Option<String>,
    /// When the text last changed, while no draft holds the change.
    pub changed_at: Option<std::time::Instant>,
    /// A draft of this edit is on disk.
    pub has_draft: bool,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("note", &self.note.id)
            .finish()
    }
}

/// A body as editor lines, and whether its line breaks are all CR LF.
/// Trailing line breaks become empty last lines, so they survive.
pub fn body_lines(body: &str) -> (Vec<String>, bool) {
    let breaks = body.matches('\n').count();
    let crlf = breaks > 0 && body.matches("\r\n").count() == breaks;
    let lines = if crlf {
        body.split("\r\n").map(str::to_string).collect()
    } else {
        body.split('\n').map(str::to_string).collect()
    };
    (lines, crlf)
}

impl Editor {
    /// The note's text: the body as it was opened, byte for byte, unless
    /// the lines were edited; then the lines joined with the body's line
    /// ending.
    pub fn text(&self) -> String {
        if !self.is_modified() {
            return self.original.clone();
        }
        self.input
            .lines()
            .join(if self.crlf { "\r\n" } else { "\n" })
    }

    pub fn is_modified(&self) -> bool {
        self.input.lines() != self.original_lines.as_slice()
    }

    /// After a save while the editor stayed open: `note` as saved (with
    /// its file's hash) is what later changes are told from.
    pub fn rebase(&mut self, note: Note, sha256: String) {
        let (lines, crlf) = body_lines(&note.body);
        self.original = note.body.clone();
        self.original_lines = lines;
        self.crlf = crlf;
        self.base = Some(sha256);
        self.note = note;
    }

    /// Puts `body` in the editor in place of its text (a recovered draft);
    /// the note's saved text stays the one changes are told from.
    pub fn set_body(&mut self, body: &str) {
        let (lines, crlf) = body_lines(body);
        self.input = TextArea::new(lines);
        self.input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.input.move_cursor(ratatui_textarea::CursorMove::End);
        self.crlf = crlf;
    }
}

/// A change to the notes that `u` can take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// A note moved to the trash: its id, and what it was on (as the
    /// list named it then).
    Delete { id: String, on: String },
    /// An orphan re-attached: its id, its target before, and what it
    /// was on, said the way the notes list says it.
    Reattach {
        id: String,
        before: NoteTarget,
        was: String,
    },
    /// A passage note moved to other words: its id and its target before.
    Move { id: String, before: NoteTarget },
}

#[derive(Debug, Default)]
pub struct NotesState {
    pub store: Option<Store>,
    pub drafts: Option<Drafts>,
    /// Newest first.
    pub notes: Vec<Note>,
    /// The SHA-256 of each note's file as last read or written, by id.
    pub sha256: HashMap<String, String>,
    /// Parallel to `notes`.
    pub placements: Vec<Placement>,
    /// Notes by the item they belong to.
    pub by_item: HashMap<ItemRef, Vec<usize>>,
    /// Noted passages by the text they are in: note index and byte range in
    /// the original text.
    pub by_text: HashMap<TextRef, Vec<(usize, Range<usize>)>>,
    /// Counts for the marks: notes on each factor, event, excerpt, source.
    pub orphans: Vec<usize>,
    /// What the last opening had to say about the notes, each whole (the
    /// status bar may cut them; the notes list shows them).
    pub notices: Vec<String>,
    /// Files in the notes folder this build cannot read (left in place).
    pub unreadable: Vec<Unreadable>,
    /// Conflict copies kept beside notes.
    pub conflicts: Vec<ConflictCopy>,
    /// The notes folder's change time when it was last read (see
    /// [`Store::folder_stamp`]).
    pub folder_stamp: Option<std::time::SystemTime>,
    /// Bumped whenever notes change, so views rebuild.
    pub generation: u64,
    /// What `u` can undo, the latest last: every note deleted since the
    /// reader opened (each kept until it is restored).
    pub undo: Vec<Undo>,
    /// A re-attach waiting for its y / n.
    pub reattach_offer: Option<super::reattach::Offer>,
    /// A draft being written in the background.
    pub draft_job: Option<std::thread::JoinHandle<std::io::Result<std::path::PathBuf>>>,
    /// A save waiting for another reader's lock, in the background.
    pub pending: Option<super::pending_save::PendingSave>,
    /// All notes being placed in the background (see [`super::placing`]).
    pub placing: Option<super::placing::Placing>,
    /// What placing learnt of the brief's texts, for placing one note
    /// again quickly.
    pub field_cache: FieldCache,
    /// The ids of the notes as `placements` were made, parallel to it.
    pub placed_ids: Vec<String>,
}

impl NotesState {
    pub fn on_item(&self, item: ItemRef) -> &[usize] {
        self.by_item.get(&item).map_or(&[], Vec::as_slice)
    }

    pub fn count(&self, item: ItemRef) -> usize {
        self.on_item(item).len()
    }

    /// The conflict copies of note `id`.
    pub fn conflicts_of<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s ConflictCopy> + 's {
        self.conflicts.iter().filter(move |c| c.note_id == id)
    }
}

/// The text of the brief a placed passage is in.
pub fn text_ref(item: ItemRef, field: Field) -> Option<TextRef> {
    Some(match (item, field) {
        (ItemRef::Brief, Field::Summary) => TextRef::BriefSummary,
        (ItemRef::Factor(f), Field::Title) => TextRef::FactorTitle(f),
        (ItemRef::Factor(f), Field::Summary) => TextRef::FactorSummary(f),
        (ItemRef::Factor(f), Field::KeyPoint(i)) => TextRef::KeyPoint(f, i),
        (ItemRef::Event(e), Field::Title) => TextRef::EventTitle(e),
        (ItemRef::Event(e), Field::Detail) => TextRef::EventDetail(e),
        (ItemRef::Excerpt(x), Field::Quote) => TextRef::Quote(x),
        (ItemRef::Excerpt(x), Field::Annotation) => TextRef::Annotation(x),
        (ItemRef::Source(s), Field::Text) => TextRef::SourceText(s),
        _ => return None,
    })
}

/// The item and field of a text of the brief, for recording a passage.
pub fn item_field(brief: &Brief, text: TextRef) -> (ItemKind, Option<String>, Field) {
    let id = |s: &str| Some(s.to_string());
    match text {
        TextRef::BriefSummary => (ItemKind::Brief, None, Field::Summary),
        TextRef::FactorTitle(f) => (ItemKind::Factor, id(&brief.factors[f].id), Field::Title),
        TextRef::FactorSummary(f) => (ItemKind::Factor, id(&brief.factors[f].id), Field::Summary),
        TextRef::KeyPoint(f, i) => (
            ItemKind::Factor,
            id(&brief.factors[f].id),
            Field::KeyPoint(i),
        ),
        TextRef::EventTitle(e) => (ItemKind::Event, id(&brief.events[e].id), Field::Title),
        TextRef::EventDetail(e) => (ItemKind::Event, id(&brief.events[e].id), Field::Detail),
        TextRef::Quote(x) => (ItemKind::Excerpt, id(&brief.excerpts[x].id), Field::Quote),
        TextRef::Annotation(x) => (
            ItemKind::Excerpt,
            id(&brief.excerpts[x].id),
            Field::Annotation,
        ),
        TextRef::SourceText(s) => (ItemKind::Source, id(&brief.sources[s].id), Field::Text),
    }
}

/// Byte range in `text` of characters `chars`.
pub fn char_range_to_bytes(text: &str, chars: Range<usize>) -> Range<usize> {
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start = indices.nth(chars.start).unwrap_or(text.len());
    let end = if chars.end > chars.start {
        indices
            .nth(chars.end - chars.start - 1)
            .unwrap_or(text.len())
    } else {
        start
    };
    start..end
}

/// Loads the notes of the state's brief from its data folder and places
/// them, and offers back drafts left by an earlier session. What could not
/// be read is listed in the notes list; the status bar says so.
pub fn load(state: &mut State) {
    let Some(dir) = state.opening.data_dir.clone() else {
        return;
    };
    let store = Store::new(&dir, &state.brief.id);
    let loaded = store.load();
    state.notes.store = Some(store);
    take_loaded(state, loaded, true);
    state.notes.drafts = Some(Drafts::new(&dir, &state.brief.id));
    super::drafts::offer(state);
}

/// Reads the notes folder again (for the notes list): notes, conflict
/// copies and unreadable files as they are now. An open editor keeps its
/// text.
pub fn reload(state: &mut State) {
    let Some(store) = state.notes.store.as_ref() else {
        return;
    };
    let stamp = store.folder_stamp();
    if stamp.is_some() && stamp == state.notes.folder_stamp {
        return;
    }
    let loaded = store.load();
    // Only what is new is worth a word: a conflict another reader caused.
    let new_conflict = loaded.conflicts.iter().any(|c| {
        !state
            .notes
            .conflicts
            .iter()
            .any(|known| known.path == c.path)
    });
    take_loaded(state, loaded, false);
    if new_conflict {
        state.notice =
            Some("a note was saved elsewhere over your text: both texts are in the list".into());
    }
}

fn take_loaded(state: &mut State, loaded: crate::notes::LoadedNotes, announce: bool) {
    if announce {
        let (unreadable, conflicts) = (loaded.unreadable.len(), loaded.conflicts.len());
        let mut lines: Vec<String> = loaded
            .notices
            .iter()
            .map(|n| format!("{n} (m lists it)"))
            .collect();
        if unreadable > 0 {
            lines.push(format!(
                "{unreadable} note file{} could not be read and {} left as {}: m lists {}",
                plural(unreadable),
                if unreadable == 1 { "is" } else { "are" },
                if unreadable == 1 { "it is" } else { "they are" },
                if unreadable == 1 { "it" } else { "them" },
            ));
        }
        if conflicts > 0 {
            lines.push(format!(
                "{conflicts} note{} saved elsewhere at the same time: m shows both texts",
                if conflicts == 1 { " was" } else { "s were" }
            ));
        }
        // The count and where to read them whole come first: the status
        // bar cuts what does not fit.
        state.notice = match lines.as_slice() {
            [] => state.notice.take(),
            [only] => Some(only.clone()),
            [first, ..] => Some(format!(
                "{} things to know about your notes, m lists them: {first}",
                lines.len()
            )),
        };
        state.notes.notices = loaded.notices;
    }
    state.notes.folder_stamp = loaded.folder_stamp;
    state.notes.notes = loaded.notes;
    state.notes.sha256 = loaded.sha256;
    state.notes.unreadable = loaded.unreadable;
    state.notes.conflicts = loaded.conflicts;
    if announce && super::placing::worth_background(state) {
        sort_notes(&mut state.notes.notes);
        super::placing::start(state);
    } else {
        place(state);
    }
}

/// Newest first, the order placements are made in.
fn sort_notes(notes: &mut [Note]) {
    notes.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
}

/// This reader changed the notes folder itself and knows the result: the
/// notes list need not read the folder again for it. (Another reader's
/// change after this one still changes the stamp.)
pub(super) fn own_change(state: &mut State) {
    if let Some(store) = state.notes.store.as_ref() {
        state.notes.folder_stamp = store.folder_stamp();
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Places every note in the current brief and rebuilds the lookups.
pub fn place(state: &mut State) {
    place_changed(state, None);
}

/// Like [`place`], but after a save, delete or restore of note `only`:
/// that note alone is placed again, the others keep their places.
pub fn place_changed(state: &mut State, only: Option<&str>) {
    if state.notes.placing.is_some() {
        // Still placing in the background: place everything again there.
        sort_notes(&mut state.notes.notes);
        super::placing::start(state);
        return;
    }
    let notes = &mut state.notes;
    sort_notes(&mut notes.notes);
    let cache = std::mem::take(&mut notes.field_cache);
    let mut placer = Placer::with_cache(&state.brief, cache);
    notes.placements = match only {
        // Only the note saved is placed again; the others keep theirs.
        Some(changed) if notes.placed_ids.len() == notes.placements.len() => {
            let mut old: HashMap<&str, &Placement> = notes
                .placed_ids
                .iter()
                .map(String::as_str)
                .zip(&notes.placements)
                .collect();
            old.remove(changed);
            notes
                .notes
                .iter()
                .enumerate()
                .map(|(i, note)| match old.get(note.id.as_str()) {
                    Some(&placed) => Placement {
                        note: i,
                        ..placed.clone()
                    },
                    None => placer.place(i, note),
                })
                .collect()
        }
        _ => placer.place_all(&notes.notes),
    };
    notes.field_cache = placer.into_cache();
    notes.placed_ids = notes.notes.iter().map(|n| n.id.clone()).collect();
    index(state);
}

/// Rebuilds the lookups from the placements (none while placing).
pub(super) fn index(state: &mut State) {
    let notes = &mut state.notes;
    notes.by_item.clear();
    notes.by_text.clear();
    notes.orphans.clear();
    for (i, placement) in notes.placements.iter().enumerate() {
        let Some(item) = placement.item else {
            notes.orphans.push(i);
            continue;
        };
        notes.by_item.entry(item).or_default().push(i);
        let range = placement.anchor.as_ref().and_then(Anchor::range);
        if let (Some(_), Some(field), Some(bytes)) = (range, placement.field, &placement.bytes)
            && let Some(text_ref) = text_ref(item, field)
        {
            notes
                .by_text
                .entry(text_ref)
                .or_default()
                .push((i, bytes.clone()));
        }
    }
    notes.generation += 1;
    // Views showing notes must be laid out again.
    state.laid_out.detail.doc_key = None;
    state.laid_out.source.built_for = None;
}

/// What a note added now would be attached to: the visual selection, else
/// the selected thing of the focused pane.
pub fn attach_to(state: &State) -> AttachTo {
    let brief = &state.brief;
    // In caret mode: the selected words, or with no selection the whole
    // text the caret is in.
    if let Some(visual) = &state.layers.caret
        && let Some(attach) = passage_on(brief, visual.text, visual.selection(brief))
    {
        return attach;
    }
    // A selected key point is noted as a passage over its whole text.
    if state.layers.view.is_none()
        && state.reading.focus == Pane::Detail
        && let (Some(DetailItem::KeyPoint(i)), Target::Factor(f)) =
            (state.selected_item(), state.reading.target)
        && let Some(attach) = passage_on(brief, TextRef::KeyPoint(f, i), None)
    {
        return attach;
    }
    // In the source view: the passage the current excerpt quotes.
    if let Some(attach) = current_excerpt_passage(state) {
        return attach;
    }
    let (kind, id) = match (&state.layers.view, state.reading.focus) {
        (Some(view), _) => (
            ItemKind::Source,
            Some(brief.sources[view.source].id.clone()),
        ),
        (None, Pane::Factors) => match state.selected_factor() {
            Some(f) => (ItemKind::Factor, Some(brief.factors[f].id.clone())),
            None => (ItemKind::Brief, None),
        },
        (None, Pane::Chronology) => match state.selected_event() {
            Some(e) => (ItemKind::Event, Some(brief.events[e].id.clone())),
            None => (ItemKind::Brief, None),
        },
        (None, Pane::Detail) => match state.selected_item() {
            Some(DetailItem::Excerpt(x)) => (ItemKind::Excerpt, Some(brief.excerpts[x].id.clone())),
            Some(DetailItem::Source(s)) => (ItemKind::Source, Some(brief.sources[s].id.clone())),
            Some(DetailItem::Event(e)) => (ItemKind::Event, Some(brief.events[e].id.clone())),
            _ => match state.reading.target {
                Target::Overview => (ItemKind::Brief, None),
                Target::Factor(f) => (ItemKind::Factor, Some(brief.factors[f].id.clone())),
                Target::Event(e) => (ItemKind::Event, Some(brief.events[e].id.clone())),
            },
        },
    };
    AttachTo {
        label: item_label(brief, kind, id.as_deref()),
        target: match &id {
            Some(id) => NoteTarget::item(kind, id),
            None => NoteTarget::brief(),
        },
    }
}

/// In the source view, outside caret mode: a passage note on the words of
/// the source the current excerpt quotes (from its first quoted part to
/// its last).
fn current_excerpt_passage(state: &State) -> Option<AttachTo> {
    let view = state.layers.view.as_ref()?;
    if state.layers.caret.is_some() {
        return None;
    }
    let brief = &state.brief;
    let excerpt = brief.excerpts.get(view.current?)?;
    let crate::brief::Verification::Verified(ranges) = &excerpt.verification else {
        return None;
    };
    let text_ref = TextRef::SourceText(view.source);
    let text = text_ref.text(brief)?;
    let (from, to) = (ranges.first()?.start, ranges.last()?.end);
    let start = text.get(..from)?.chars().count();
    let len = text.get(from..to)?.chars().count();
    passage_on(brief, text_ref, Some(start..start + len))
}

/// A passage note on the characters `range` of `text_ref`, or on its whole
/// text when `range` is `None`, named with its field:
/// `factor “Terrorism” (key point 2)`, `… (key point 2, the whole text)`.
fn passage_on(
    brief: &Brief,
    text_ref: TextRef,
    range: Option<std::ops::Range<usize>>,
) -> Option<AttachTo> {
    let text = text_ref.text(brief)?;
    let (kind, id, field) = item_field(brief, text_ref);
    let whole = if range.is_none() {
        ", the whole text"
    } else {
        ""
    };
    let range = range.unwrap_or(0..text.chars().count());
    let passage = Passage::capture(field, text, range.start, range.end);
    Some(AttachTo {
        label: format!(
            "{} ({}{whole})",
            item_label(brief, kind, id.as_deref()),
            field.describe()
        ),
        target: NoteTarget::passage(kind, id.as_deref(), passage),
    })
}

/// `factor “Terrorism”`, `event 2025-10-19 “Doha …”`.
pub fn item_label(brief: &Brief, kind: ItemKind, id: Option<&str>) -> String {
    let short = |text: &str| crate::text::sanitize::one_line(text, 60);
    match crate::notes::find_item(brief, kind, id) {
        Some(ItemRef::Brief) => "the brief as a whole".to_string(),
        Some(ItemRef::Factor(f)) => format!("factor “{}”", short(&brief.factors[f].title)),
        Some(ItemRef::Event(e)) => {
            let event = &brief.events[e];
            format!("event {} “{}”", event.date, short(&event.title))
        }
        Some(ItemRef::Excerpt(x)) => format!("excerpt “{}”", short(&brief.excerpts[x].quote)),
        Some(ItemRef::Source(s)) => format!("source “{}”", short(&brief.sources[s].title)),
        // The item is gone (an orphan's target): say what it was.
        None => format!("a {} that is no longer in the brief", kind.name()),
    }
}

pub(super) fn editor_for(note: Note, base: Option<String>, label: String) -> Editor {
    let quote = note.target.passage.as_ref().map(|p| p.exact.clone());
    let (lines, crlf) = body_lines(&note.body);
    let mut input = TextArea::new(lines.clone());
    input.move_cursor(ratatui_textarea::CursorMove::Bottom);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    Editor {
        original: note.body.clone(),
        original_lines: lines,
        crlf,
        input,
        note,
        base,
        label,
        quote,
        confirm_discard: false,
        quit_after_discard: false,
        error: None,
        changed_at: None,
        has_draft: false,
    }
}

/// `a`: a new note on the current selection.
pub fn add(state: &mut State) {
    if state.notes.store.is_none() {
        state.notice = Some("notes need a data folder (--data-dir or BRIEFING_DATA_DIR)".into());
        return;
    }
    let attach = attach_to(state);
    state.layers.caret = None;
    let note = Note::new(attach.target, String::new());
    state.layers.prompt = Some(Prompt::Editor(Box::new(editor_for(
        note,
        None,
        attach.label,
    ))));
}

/// `e`: edit note `index`.
pub fn edit(state: &mut State, index: usize) {
    let Some(note) = state.notes.notes.get(index).cloned() else {
        return;
    };
    let label = item_label(&state.brief, note.target.kind, note.target.id.as_deref());
    let base = state.notes.sha256.get(&note.id).cloned();
    state.layers.prompt = Some(Prompt::Editor(Box::new(editor_for(note, base, label))));
}

/// Saves the editor's note to disk now. On failure the editor stays open
/// with the error, and nothing is lost.
pub fn save_editor(state: &mut State) {
    let (Some(editor), Some(store)) = (state.layers.editor_mut(), state.notes.store.as_ref())
    else {
        return;
    };
    if state.notes.pending.is_some() {
        editor.error = Some(super::pending_save::WAITING.into());
        return;
    }
    let mut note = editor.note.clone();
    note.body = editor.text();
    // Never wait for the lock here: that would freeze the interface.
    let result = store.try_save(&mut note, editor.base.as_deref());
    if matches!(result, Err(crate::notes::StoreError::Locked(_))) {
        use super::pending_save::{After, WAITING, start};
        let base = editor.base.clone();
        state.notes.pending = Some(start(store, note, base, After::CloseEditor));
        editor.error = Some(WAITING.into());
        state.notice = Some(WAITING.into());
        return;
    }
    finish_save(state, note, result, super::pending_save::After::CloseEditor);
}

/// Applies a finished save of `note` (now or from the background).
pub fn finish_save(
    state: &mut State,
    note: Note,
    result: Result<Saved, crate::notes::StoreError>,
    then: super::pending_save::After,
) {
    use super::pending_save::After;
    match result {
        Ok(saved) => {
            let id = note.id.clone();
            state.notes.sha256.insert(id.clone(), saved.sha256.clone());
            let mut closed = false;
            if then == After::CloseEditor
                && let Some(editor) = state.layers.editor_mut()
                && editor.note.id == id
            {
                if editor.text() == note.body {
                    state.layers.prompt = None;
                    closed = true;
                } else {
                    // Typed on while the save waited: keep the editor open
                    // on the saved version, with the newer text unsaved.
                    editor.rebase(note.clone(), saved.sha256.clone());
                    editor.error = Some("saved; later changes not yet saved (Ctrl-s)".into());
                }
            }
            state.notes.notes.retain(|n| n.id != id);
            state.notes.notes.push(note);
            if matches!(then, After::Notice(_)) {
                state.layers.caret = None;
            }
            if closed {
                super::drafts::remove(state, &id);
            }
            if saved.conflict_copy.is_some() {
                reload(state);
            } else {
                place_changed(state, Some(&id));
                own_change(state);
            }
            super::drafts::keep_for_panic(state);
            state.notice = Some(match (&saved.conflict_copy, &then) {
                (None, After::Notice(notice)) => notice.clone(),
                (None, After::CloseEditor) if saved.unchanged => {
                    "nothing changed: the note is as it was".to_string()
                }
                (None, After::CloseEditor) => "note saved".to_string(),
                (Some(_), _) => {
                    "note saved; it had changed elsewhere, so the other text was kept: m shows both"
                        .to_string()
                }
            });
        }
        Err(error) => match (state.layers.editor_mut(), then) {
            (Some(editor), After::CloseEditor) if editor.note.id == note.id => {
                editor.error = Some(format!("not saved: {error}. Ctrl-s to try again"));
            }
            (_, After::CloseEditor) => {
                state.notice = Some(format!("note not saved: {error}"));
            }
            (_, After::Notice(_)) => {
                state.notice = Some(format!("not re-attached: {error}"));
            }
        },
    }
}

/// Closes the editor, dropping its text (and its draft).
pub(super) fn close_editor(state: &mut State) {
    let Some(id) = state.layers.editor().map(|e| e.note.id.clone()) else {
        return;
    };
    state.layers.prompt = None;
    super::drafts::remove(state, &id);
}

/// Applies an action while the editor is on top (its y/n question is
/// answered in [`super::update`]).
pub fn editor_action(state: &mut State, action: Action) {
    let Some(editor) = state.layers.editor_mut() else {
        return;
    };
    match action {
        Action::Save => save_editor(state),
        Action::Close if editor.is_modified() => editor.confirm_discard = true,
        Action::Close => close_editor(state),
        Action::Edit(edit) if super::input::apply(&mut editor.input, edit, false) => {
            editor.changed_at = Some(std::time::Instant::now());
        }
        Action::Paste(text) if super::input::paste(&mut editor.input, &text, false) => {
            editor.changed_at = Some(std::time::Instant::now());
        }
        _ => {}
    }
    super::drafts::keep_for_panic(state);
}

pub use super::note_changes::{ask_delete, delete, move_to_selection, undo};
