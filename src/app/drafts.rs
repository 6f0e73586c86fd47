//! Drafts in the reader: the open editor's text is written to disk about
//! two seconds after typing pauses and on every way out (quit, signals, a
//! lost terminal, a panic); the next opening of the brief offers each
//! draft back: recover, view or discard.

use std::time::{Duration, Instant};

use super::action::Action;
use super::layers::Prompt;
use super::notes::{editor_for, item_label};
use super::state::State;
use crate::notes::drafts::{Draft, Drafts};

/// How long typing must pause before the draft is written.
pub const DRAFT_PAUSE: Duration = Duration::from_secs(2);

/// Drafts of an earlier session waiting for an answer.
#[derive(Debug)]
pub struct Recovery {
    /// Oldest first; the first is the one asked about.
    pub drafts: Vec<Draft>,
    /// Showing the first draft's whole text.
    pub viewing: bool,
    /// Asking "discard for good?".
    pub confirm_discard: bool,
    /// Scroll of the text view.
    pub scroll: u16,
}

impl Recovery {
    pub fn current(&self) -> Option<&Draft> {
        self.drafts.first()
    }
}

/// Looks for drafts of the brief and, if there are any, asks about them.
pub fn offer(state: &mut State) {
    let Some(drafts) = state.notes.drafts.as_ref() else {
        return;
    };
    let (found, bad) = drafts.list();
    for file in &bad {
        let notice = format!(
            "the draft {} could not be read ({}); it is left where it is",
            crate::text::sanitize::sanitize_line(&file.path.display().to_string()),
            crate::text::sanitize::sanitize_line(&file.reason)
        );
        state.notes.notices.push(notice);
    }
    if let [only] = bad.as_slice()
        && state.notice.is_none()
    {
        state.notice = Some(format!(
            "a draft could not be read, m lists it: {}",
            crate::text::sanitize::sanitize_line(&only.reason)
        ));
    } else if bad.len() > 1 && state.notice.is_none() {
        state.notice = Some(format!(
            "{} drafts could not be read: m lists them",
            bad.len()
        ));
    }
    if !found.is_empty() {
        state.layers.prompt = Some(Prompt::Recovery(Recovery {
            drafts: found,
            viewing: false,
            confirm_discard: false,
            scroll: 0,
        }));
    }
}

/// When the open editor's draft is due, if a change is waiting for one.
pub fn due(state: &State) -> Option<Instant> {
    let editor = state.layers.editor()?;
    editor.changed_at.map(|at| at + DRAFT_PAUSE)
}

/// Writes the editor's draft if typing paused long enough by `now`, on
/// a background thread (a synced write can take longer than a frame).
/// Returns whether anything changed on screen.
pub fn write_if_due(state: &mut State, now: Instant) -> bool {
    let mut changed = collect(state, false);
    if let Some(at) = due(state)
        && at <= now
    {
        changed |= start_write(state, false);
    }
    changed
}

/// Writes the open editor's draft now and waits for it, if its text
/// differs from the note. Returns whether a draft was written.
pub fn write_now(state: &mut State) -> bool {
    collect(state, true);
    start_write(state, true)
}

/// The reader is ending (any way): keep the open editor's text.
pub fn on_exit(state: &mut State) {
    write_now(state);
}

/// Starts writing the editor's draft (and waits for it with `wait`).
fn start_write(state: &mut State, wait: bool) -> bool {
    let (Some(editor), Some(drafts)) = (state.layers.editor_mut(), state.notes.drafts.as_ref())
    else {
        return false;
    };
    editor.changed_at = None;
    if !editor.is_modified() && !editor.has_draft {
        return false;
    }
    let mut note = editor.note.clone();
    note.body = editor.text();
    let draft = Draft {
        note,
        base: editor.base.clone(),
        label: editor.label.clone(),
        saved: crate::notes::now(),
    };
    editor.has_draft = true;
    let drafts = drafts.clone();
    if wait {
        let result = drafts.write(&draft);
        report(state, result);
    } else {
        let job = std::thread::spawn(move || drafts.write(&draft));
        state.notes.draft_job = Some(job);
    }
    true
}

/// Takes the result of a background draft write once it is done (or waits
/// for it with `wait`). Returns whether anything changed on screen.
pub fn collect(state: &mut State, wait: bool) -> bool {
    let done = state
        .notes
        .draft_job
        .as_ref()
        .is_some_and(|job| wait || job.is_finished());
    if !done {
        return false;
    }
    let Some(job) = state.notes.draft_job.take() else {
        return false;
    };
    let result = job
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the draft writer stopped")));
    report(state, result)
}

fn report(state: &mut State, result: std::io::Result<std::path::PathBuf>) -> bool {
    let Err(error) = result else {
        return false;
    };
    let message = format!(
        "the draft could not be kept on disk: {}",
        crate::text::sanitize::sanitize_line(&error.to_string())
    );
    match state.layers.editor_mut() {
        Some(editor) => {
            editor.has_draft = false;
            editor.error = Some(message);
        }
        None => state.notice = Some(message),
    }
    true
}

/// The open editor's text as a draft, for [`on_panic`]: a panic hook
/// cannot reach the state, and the terminal's hook ends the process.
static FOR_PANIC: std::sync::Mutex<Option<(Drafts, Draft)>> = std::sync::Mutex::new(None);

/// Keeps the open editor's text where [`on_panic`] finds it (called after
/// every change to the editor; cheap: a note's text).
pub fn keep_for_panic(state: &State) {
    let copy = match (state.layers.editor(), state.notes.drafts.as_ref()) {
        (Some(editor), Some(drafts)) if editor.is_modified() || editor.has_draft => {
            let mut note = editor.note.clone();
            note.body = editor.text();
            let draft = Draft {
                note,
                base: editor.base.clone(),
                label: editor.label.clone(),
                saved: crate::notes::now(),
            };
            Some((drafts.clone(), draft))
        }
        _ => None,
    };
    if let Ok(mut slot) = FOR_PANIC.lock() {
        *slot = copy;
    }
}

/// A panic (on any thread) is ending the reader: writes the editor's last
/// text as a draft. Never blocks on a lock.
pub fn on_panic() {
    let Ok(mut slot) = FOR_PANIC.try_lock() else {
        return;
    };
    if let Some((drafts, draft)) = slot.take() {
        let _ = drafts.write(&draft);
    }
}

/// Removes note `id`'s draft (saved or discarded), after any write of
/// it still under way.
pub fn remove(state: &mut State, id: &str) {
    collect(state, true);
    if let Some(drafts) = state.notes.drafts.as_ref()
        && let Err(error) = drafts.remove(id)
    {
        state.notice = Some(format!(
            "the old draft could not be removed: {}",
            crate::text::sanitize::sanitize_line(&error.to_string())
        ));
    }
}

/// Applies an action while drafts are offered back: recover, view (and
/// scroll), discard (asks first: see [`answer_discard`]), or later (`Esc`:
/// the draft stays for the next opening).
pub fn recovery_action(state: &mut State, action: Action) {
    let Some(recovery) = state.layers.recovery_mut() else {
        return;
    };
    match action {
        Action::RecoverDraft => {
            let draft = recovery.drafts.remove(0);
            state.layers.prompt = None;
            recover(state, draft);
        }
        Action::ViewDraft => {
            recovery.viewing = !recovery.viewing;
            recovery.scroll = 0;
        }
        Action::Down if recovery.viewing => {
            recovery.scroll = recovery.scroll.saturating_add(1);
        }
        Action::Up if recovery.viewing => {
            recovery.scroll = recovery.scroll.saturating_sub(1);
        }
        Action::DiscardDraft => recovery.confirm_discard = true,
        Action::Close => {
            recovery.drafts.remove(0);
            state.notice = Some("draft kept on disk: it is offered again next time".into());
            next(state);
        }
        _ => {}
    }
}

/// The answer to "discard the draft for good?".
pub fn answer_discard(state: &mut State, yes: bool) {
    let Some(recovery) = state.layers.recovery_mut() else {
        return;
    };
    recovery.confirm_discard = false;
    if yes {
        let draft = recovery.drafts.remove(0);
        remove(state, &draft.note.id);
        state.notice = Some("draft discarded".into());
        next(state);
    }
}

fn next(state: &mut State) {
    if let Some(recovery) = state.layers.recovery_mut() {
        recovery.viewing = false;
        recovery.scroll = 0;
        if recovery.drafts.is_empty() {
            state.layers.prompt = None;
        }
    }
}

/// Opens the editor on `draft`'s text, as the edit it was.
fn recover(state: &mut State, draft: Draft) {
    let label = item_label(
        &state.brief,
        draft.note.target.kind,
        draft.note.target.id.as_deref(),
    );
    // Unchanged lines are those of the note as saved now, if it exists.
    let saved = state
        .notes
        .notes
        .iter()
        .find(|n| n.id == draft.note.id)
        .cloned();
    let mut start = saved.clone().unwrap_or_else(|| draft.note.clone());
    if saved.is_none() {
        start.body = String::new();
    }
    let mut editor = editor_for(start, draft.base.clone(), label);
    editor.note = draft.note.clone();
    editor.set_body(&draft.note.body);
    editor.has_draft = true;
    state.layers.prompt = Some(Prompt::Editor(Box::new(editor)));
    keep_for_panic(state);
    state.notice = Some("draft recovered: Ctrl-s saves it".into());
}
