//! The user's notes in the reader: loading and placing them, where they
//! show, and adding, editing, deleting and restoring them.

use std::collections::HashMap;
use std::ops::Range;

use ratatui_textarea::TextArea;

use super::action::Action;
use super::layers::{Prompt, Question};
use super::state::{DetailItem, Pane, State, Target};
use crate::brief::{Brief, TextRef};
use crate::notes::{
    Anchor, Field, ItemKind, ItemRef, Note, NoteTarget, Passage, Placement, SaveOutcome, Store,
    place_all,
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
    /// Asking "discard changes?" after Esc (or Ctrl-c).
    pub confirm_discard: bool,
    /// The question came from Ctrl-c: a yes also quits.
    pub quit_after_discard: bool,
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
    let notes = &mut state.notes;
    notes
        .notes
        .sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
    notes.placements = place_all(&state.brief, &notes.notes);
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
        if let (Some(range), Some(field)) = (range, placement.field)
            && let Some(text_ref) = text_ref(item, field)
            && let Some(text) = text_ref.text(&state.brief)
        {
            let bytes = char_range_to_bytes(text, range);
            notes.by_text.entry(text_ref).or_default().push((i, bytes));
        }
    }
    notes.generation += 1;
    // Views showing notes must be laid out again.
    state.detail.doc_key = None;
    if let Some(view) = state.layers.view.as_mut() {
        view.built_for = None;
    }
}

/// What a note added now would be attached to: the visual selection, else
/// the selected thing of the focused pane.
pub fn attach_to(state: &State) -> AttachTo {
    let brief = &state.brief;
    if let Some(visual) = &state.layers.caret
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
    let (kind, id) = match (&state.layers.view, state.focus) {
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
        quit_after_discard: false,
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
    let base = Some(note.updated);
    state.layers.prompt = Some(Prompt::Editor(Box::new(editor_for(note, base, label))));
}

/// Saves the editor's note to disk now. On failure the editor stays open
/// with the error, and nothing is lost.
pub fn save_editor(state: &mut State) {
    let (Some(editor), Some(store)) = (state.layers.editor_mut(), state.notes.store.as_ref())
    else {
        return;
    };
    let mut note = editor.note.clone();
    note.body = editor.text();
    match store.save(&mut note, editor.base) {
        Ok(outcome) => {
            state.notice = Some(match outcome {
                SaveOutcome::Saved => "note saved".to_string(),
                SaveOutcome::SavedWithConflictCopy(_) => {
                    "note saved; it had changed elsewhere, so the other text was kept as a conflict copy".to_string()
                }
            });
            let id = note.id.clone();
            state.notes.notes.retain(|n| n.id != id);
            state.notes.notes.push(note);
            state.layers.prompt = None;
            place(state);
        }
        Err(error) => editor.error = Some(format!("not saved: {error}. Ctrl-s to try again")),
    }
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
        Action::Close => state.layers.prompt = None,
        Action::Edit(edit) => {
            super::input::apply(&mut editor.input, edit, false);
        }
        Action::Paste(text) => {
            super::input::paste(&mut editor.input, &text, false);
        }
        _ => {}
    }
}

/// `d`: ask before deleting note `index`.
pub fn ask_delete(state: &mut State, index: usize) {
    state.layers.prompt = Some(Prompt::Confirm(Question::DeleteNote(index)));
}

/// Deletes note `index` (the answer to "delete this note?" was yes).
pub fn delete(state: &mut State, index: usize) {
    let (Some(store), Some(note)) = (state.notes.store.as_ref(), state.notes.notes.get(index))
    else {
        return;
    };
    let id = note.id.clone();
    match store.delete(&id) {
        Ok(()) => {
            state.notes.notes.remove(index);
            state.notes.last_deleted = Some(id);
            state.notice = Some("note moved to the trash · u restores it".into());
            place(state);
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
            state.notes.notes.push(note);
            state.notice = Some("note restored".into());
            place(state);
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
    let base = Some(note.updated);
    let mut changed = note.clone();
    changed.target = attach.target;
    match store.save(&mut changed, base) {
        Ok(_) => {
            *note = changed;
            state.notice = Some(format!("note re-attached to {}", attach.label));
            state.layers.caret = None;
            place(state);
        }
        Err(error) => state.notice = Some(format!("not re-attached: {error}")),
    }
}
