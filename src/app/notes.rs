//! The user's notes in the reader: loading and placing them, where they
//! show, and adding, editing, deleting and restoring them.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::state::{DetailItem, Pane, State, Target};
use crate::brief::{Brief, TextRef};
use crate::notes::{
    Anchor, Field, FieldCache, ItemKind, ItemRef, Note, NoteTarget, Passage, Placement, Placer,
    SaveOutcome, Store,
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
    /// The `updated` time the editor started from; None for a new note.
    pub base: Option<jiff::Timestamp>,
    pub label: String,
    /// The passage quoted, for passage notes.
    pub quote: Option<String>,
    /// The text when the editor opened, to tell unsaved changes.
    pub original: String,
    /// Asking "discard changes?" after Esc.
    pub confirm_discard: bool,
    /// The last save's error, shown in the editor.
    pub error: Option<String>,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("note", &self.note.id)
            .finish()
    }
}

impl Editor {
    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    pub fn is_modified(&self) -> bool {
        self.text() != self.original
    }
}

#[derive(Debug, Default)]
pub struct NotesState {
    pub store: Option<Store>,
    /// Newest first.
    pub notes: Vec<Note>,
    /// Parallel to `notes`.
    pub placements: Vec<Placement>,
    /// Notes by the item they belong to.
    pub by_item: HashMap<ItemRef, Vec<usize>>,
    /// Noted passages by the text they are in: note index and byte range in
    /// the original text.
    pub by_text: HashMap<TextRef, Vec<(usize, Range<usize>)>>,
    /// Counts for the marks: notes on each factor, event, excerpt, source.
    pub orphans: Vec<usize>,
    /// Bumped whenever notes change, so views rebuild.
    pub generation: u64,
    /// The last deleted note's id, for `u`.
    pub last_deleted: Option<String>,
    pub editor: Option<Editor>,
    /// A note waiting for `y`/`n` before deletion.
    pub confirm_delete: Option<usize>,
    /// A save waiting for another reader's lock, in the background.
    pub pending: Option<super::pending_save::PendingSave>,
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
/// them. Notices (files moved aside, ...) go to the status bar.
pub fn load(state: &mut State) {
    let Some(dir) = state.data_dir.clone() else {
        return;
    };
    let store = Store::new(&dir, &state.brief.id);
    let loaded = store.load();
    if let Some(first) = loaded.notices.first() {
        let more = loaded.notices.len() - 1;
        state.notice = Some(if more > 0 {
            format!("{first} (and {more} more)")
        } else {
            first.clone()
        });
    }
    state.notes.store = Some(store);
    state.notes.notes = loaded.notes;
    place(state);
}

/// Places every note in the current brief and rebuilds the lookups.
pub fn place(state: &mut State) {
    place_changed(state, None);
}

/// Like [`place`], but after a save, delete or restore of note `only`:
/// that note alone is placed again, the others keep their places.
pub fn place_changed(state: &mut State, only: Option<&str>) {
    let notes = &mut state.notes;
    notes
        .notes
        .sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
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
    state.detail.doc_key = None;
    if let Some(view) = state.source.as_mut() {
        view.built_for = None;
    }
}

/// What a note added now would be attached to: the visual selection, else
/// the selected thing of the focused pane.
pub fn attach_to(state: &State) -> AttachTo {
    let brief = &state.brief;
    if let Some(visual) = &state.visual
        && let Some(text) = visual.text.text(brief)
    {
        let (kind, id, field) = item_field(brief, visual.text);
        let range = visual.selection();
        let passage = Passage::capture(field, text, range.start, range.end);
        let label = format!(
            "{} ({})",
            item_label(brief, kind, id.as_deref()),
            field.describe()
        );
        return AttachTo {
            target: NoteTarget::passage(kind, id.as_deref(), passage),
            label,
        };
    }
    let (kind, id) = match (&state.source, state.focus) {
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
            _ => match state.target {
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

fn editor_for(note: Note, base: Option<jiff::Timestamp>, label: String) -> Editor {
    let quote = note.target.passage.as_ref().map(|p| p.exact.clone());
    let lines: Vec<String> = if note.body.is_empty() {
        vec![String::new()]
    } else {
        note.body.lines().map(str::to_string).collect()
    };
    let mut input = TextArea::new(lines);
    input.move_cursor(ratatui_textarea::CursorMove::Bottom);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    Editor {
        original: note.body.clone(),
        input,
        note,
        base,
        label,
        quote,
        confirm_discard: false,
        error: None,
    }
}

/// `a`: a new note on the current selection.
pub fn add(state: &mut State) {
    if state.notes.store.is_none() {
        state.notice = Some("notes need a data folder (--data-dir or BRIEFING_DATA_DIR)".into());
        return;
    }
    let attach = attach_to(state);
    state.visual = None;
    let note = Note::new(attach.target, String::new());
    state.notes.editor = Some(editor_for(note, None, attach.label));
}

/// `e`: edit note `index`.
pub fn edit(state: &mut State, index: usize) {
    let Some(note) = state.notes.notes.get(index).cloned() else {
        return;
    };
    let label = item_label(&state.brief, note.target.kind, note.target.id.as_deref());
    let base = Some(note.updated);
    state.notes.editor = Some(editor_for(note, base, label));
}

/// Saves the editor's note to disk now. On failure the editor stays open
/// with the error, and nothing is lost.
pub fn save_editor(state: &mut State) {
    let (Some(editor), Some(store)) = (state.notes.editor.as_mut(), state.notes.store.as_ref())
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
    let result = store.try_save(&mut note, editor.base);
    if matches!(result, Err(crate::notes::StoreError::Locked(_))) {
        use super::pending_save::{After, WAITING, start};
        state.notes.pending = Some(start(store, note, editor.base, After::CloseEditor));
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
    result: Result<SaveOutcome, crate::notes::StoreError>,
    then: super::pending_save::After,
) {
    use super::pending_save::After;
    match result {
        Ok(outcome) => {
            state.notice = Some(match (outcome, &then) {
                (SaveOutcome::Saved, After::Notice(notice)) => notice.clone(),
                (SaveOutcome::Saved, After::CloseEditor) => "note saved".to_string(),
                (SaveOutcome::SavedWithConflictCopy(_), _) => {
                    "note saved; it had changed elsewhere, so the other text was kept as a conflict copy".to_string()
                }
            });
            let id = note.id.clone();
            if then == After::CloseEditor
                && let Some(editor) = state.notes.editor.as_mut()
                && editor.note.id == id
            {
                if editor.text() == note.body {
                    state.notes.editor = None;
                } else {
                    // Typed on while the save waited: keep the editor open
                    // on the saved version, with the newer text unsaved.
                    editor.base = Some(note.updated);
                    editor.note = note.clone();
                    editor.original = note.body.clone();
                    editor.error = Some("saved; later changes not yet saved (Ctrl-s)".into());
                }
            }
            state.notes.notes.retain(|n| n.id != id);
            state.notes.notes.push(note);
            if matches!(then, After::Notice(_)) {
                state.visual = None;
            }
            place_changed(state, Some(&id));
        }
        Err(error) => match (state.notes.editor.as_mut(), then) {
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

/// Handles a key while the editor is open.
pub fn editor_key(state: &mut State, key: KeyEvent) {
    let Some(editor) = state.notes.editor.as_mut() else {
        return;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if editor.confirm_discard {
        match key.code {
            KeyCode::Char('y') => state.notes.editor = None,
            _ => editor.confirm_discard = false,
        }
        return;
    }
    match key.code {
        KeyCode::Char('s') if ctrl => save_editor(state),
        KeyCode::Esc if editor.is_modified() => editor.confirm_discard = true,
        KeyCode::Esc => state.notes.editor = None,
        _ => {
            editor.input.input(key);
        }
    }
}

/// `d`: ask before deleting note `index`.
pub fn ask_delete(state: &mut State, index: usize) {
    state.notes.confirm_delete = Some(index);
}

/// The answer to "delete this note? y/n".
pub fn confirm_delete_key(state: &mut State, key: KeyEvent) {
    let Some(index) = state.notes.confirm_delete.take() else {
        return;
    };
    if key.code != KeyCode::Char('y') {
        state.notice = Some("kept".into());
        return;
    }
    let (Some(store), Some(note)) = (state.notes.store.as_ref(), state.notes.notes.get(index))
    else {
        return;
    };
    let id = note.id.clone();
    match store.delete(&id) {
        Ok(()) => {
            state.notes.notes.remove(index);
            state.notice = Some("note moved to the trash · u restores it".into());
            place_changed(state, Some(&id));
            state.notes.last_deleted = Some(id);
        }
        Err(error) => state.notice = Some(format!("not deleted: {error}")),
    }
}

/// `u`: brings back the last deleted note.
pub fn undo_delete(state: &mut State) {
    let (Some(store), Some(id)) = (state.notes.store.as_ref(), state.notes.last_deleted.take())
    else {
        state.notice = Some("nothing to restore".into());
        return;
    };
    match store.restore(&id) {
        Ok(note) => {
            let id = note.id.clone();
            state.notes.notes.push(note);
            state.notice = Some("note restored".into());
            place_changed(state, Some(&id));
        }
        Err(error) => state.notice = Some(format!("not restored: {error}")),
    }
}

/// Re-attaches orphan note `index` to what `a` would attach to now.
pub fn reattach(state: &mut State, index: usize) {
    let attach = attach_to(state);
    let Some(store) = state.notes.store.as_ref() else {
        return;
    };
    let Some(note) = state.notes.notes.get_mut(index) else {
        return;
    };
    if state.notes.pending.is_some() {
        state.notice = Some(super::pending_save::WAITING.into());
        return;
    }
    let base = Some(note.updated);
    let mut changed = note.clone();
    changed.target = attach.target;
    let then = super::pending_save::After::Notice(format!("note re-attached to {}", attach.label));
    let result = store.try_save(&mut changed, base);
    if matches!(result, Err(crate::notes::StoreError::Locked(_))) {
        let pending = super::pending_save::start(store, changed, base, then);
        state.notes.pending = Some(pending);
        state.notice = Some(super::pending_save::WAITING.into());
        return;
    }
    finish_save(state, changed, result, then);
}
