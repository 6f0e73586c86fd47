//! Everything a person can ask the reader to do.

/// An action, produced by the keymap (or the mouse) and applied by
/// [`super::update::update`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PreviousPane,
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    /// 0 is the overview, N the N-th factor.
    GoToFactor(u8),
    PreviousFactor,
    NextFactor,
    Open,
    OpenSource,
    ToggleChronology,
    ToggleZoom,
    Back,
    NextExcerpt,
    PreviousExcerpt,
    Search,
    Palette,
    Library,
    Visual,
    AddNote,
    EditNote,
    DeleteNote,
    UndoDelete,
    NotesList,
    NextMatch,
    PreviousMatch,
    /// Mouse wheel over a pane: scroll it by rows (negative is up).
    ScrollAt {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Mouse click: focus the pane and select what is under the pointer.
    ClickAt {
        column: u16,
        row: u16,
    },
    /// The terminal was resized; nothing to change but the layout.
    Resize,
}

impl Action {
    /// What the action does, as the help overlay says it.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "show or hide this help",
            Action::NextPane => "next pane",
            Action::PreviousPane => "previous pane",
            Action::Down => "move down",
            Action::Up => "move up",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "a page down",
            Action::PageUp => "a page up",
            Action::GoToFactor(0) => "overview",
            Action::GoToFactor(_) => "factor N",
            Action::PreviousFactor => "previous factor",
            Action::NextFactor => "next factor",
            Action::Open => "open: excerpt → its source, event → its detail",
            Action::OpenSource => "source view of the selected excerpt",
            Action::ToggleChronology => "chronology: this factor / all events",
            Action::ToggleZoom => "zoom the focused pane / back",
            Action::Back => "back / close",
            Action::NextExcerpt => "next excerpt in this source",
            Action::PreviousExcerpt => "previous excerpt in this source",
            Action::Search => "search (Tab in the search line: sources too)",
            Action::Palette => "go to… (fuzzy finder over everything, and commands)",
            Action::Library => "open another brief (the library of this folder)",
            Action::Visual => "select a passage by keyboard (then a: note on it)",
            Action::AddNote => "add a note to the selection (passage, else item)",
            Action::EditNote => "edit the selected note (Ctrl-s saves)",
            Action::DeleteNote => "delete the selected note (asks first)",
            Action::UndoDelete => "restore the last deleted note",
            Action::NotesList => "all notes of this brief, orphans too",
            Action::NextMatch => "next match, anywhere in the brief",
            Action::PreviousMatch => "previous match",
            Action::ScrollAt { .. } => "scroll the pane under the pointer",
            Action::ClickAt { .. } => "select under the pointer",
            Action::Resize => "resize",
        }
    }
}
