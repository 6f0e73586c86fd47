//! Whether a binding would do something now. The status bar offers only
//! the keys that would: a hint that leads nowhere (`o keep other` over a
//! file that is no conflict, `? help` over the help) teaches the wrong
//! thing. The help still lists every key.

use super::Action;
use super::keymap::Scope;
use super::layers::Popup;
use super::notes_list::Viewed;
use super::state::{DetailItem, Pane, State};

/// Whether `action`, bound in `scope`, would act on `state` as it is.
/// Unknown combinations are available: a key is hidden only when it is
/// known to do nothing.
pub fn available(state: &State, scope: Scope, action: &Action) -> bool {
    let layers = &state.layers;
    match (scope, action) {
        // Over the help, `?` closes it (the help's own keys say so).
        (_, Action::ToggleHelp) => layers.help.is_none(),
        (Scope::FileView, Action::KeepOther | Action::DismissConflict) => layers
            .file_view()
            .is_some_and(|v| matches!(v.what, Viewed::Conflict(_))),
        (Scope::List, Action::Choose | Action::Down | Action::Up) => match &layers.popup {
            Some(Popup::Palette(p)) => !p.matches.is_empty(),
            Some(Popup::Library(l)) => !l.shown.is_empty(),
            Some(Popup::NotesList(n)) => !n.rows.is_empty(),
            Some(Popup::Peek(_)) | None => false,
        },
        (Scope::NotesList, Action::EditNote | Action::DeleteNote) => layers
            .notes_list()
            .is_some_and(|n| n.selected_note().is_some()),
        (Scope::NotesList, Action::Reattach) => layers
            .notes_list()
            .and_then(|n| n.selected_note())
            .and_then(|i| state.notes.placements.get(i))
            .is_some_and(|p| p.is_orphan()),
        (Scope::Source, Action::NextExcerpt | Action::PreviousExcerpt) => layers
            .view
            .as_ref()
            .and_then(|v| state.laid_out.source_of(v.source))
            .is_some_and(|laid| !laid.excerpts.is_empty()),
        (Scope::Caret, Action::AddNote | Action::Copy) => !super::visual::nothing_to_take(state),
        (Scope::Panes, Action::Open) => match state.reading.focus {
            Pane::Factors => true,
            Pane::Chronology => state.selected_event().is_some(),
            Pane::Detail => !matches!(state.selected_item(), None | Some(DetailItem::KeyPoint(_))),
        },
        (Scope::Recovery, Action::Up | Action::Down) => {
            layers.recovery().is_some_and(|r| r.viewing)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_the_help_its_own_key_is_no_hint() {
        let loaded = crate::brief::load_bundled();
        let mut state = State::open(loaded.brief.unwrap(), 0, Default::default());
        assert!(available(&state, Scope::Global, &Action::ToggleHelp));
        super::super::help::toggle(&mut state);
        assert!(!available(&state, Scope::Global, &Action::ToggleHelp));
    }

    #[test]
    fn no_entries_nothing_to_choose() {
        let loaded = crate::brief::load_bundled();
        let mut state = State::open(loaded.brief.unwrap(), 0, Default::default());
        super::super::palette::open(&mut state);
        assert!(available(&state, Scope::List, &Action::Choose));
        if let Some(p) = state.layers.palette_mut() {
            p.matches.clear();
        }
        assert!(!available(&state, Scope::List, &Action::Choose));
    }
}
