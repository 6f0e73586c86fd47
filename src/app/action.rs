//! Everything a person can ask the reader to do.

/// An edit of a text input (the search line, a filter, the note editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A character typed (any printable key the input does not bind).
    Insert(char),
    Newline,
    Tab,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    /// Deletes from the cursor to the start of the line.
    KillToStart,
    /// Deletes from the cursor to the end of the line.
    KillToEnd,
    Left,
    Right,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// A line up / down (the note editor only).
    Up,
    Down,
    Undo,
    Redo,
}

impl Edit {
    pub fn describe(self) -> &'static str {
        match self {
            Edit::Insert(_) => "type a character",
            Edit::Newline => "new line",
            Edit::Tab => "insert a tab",
            Edit::DeleteBack => "delete the character before the cursor",
            Edit::DeleteForward => "delete the character under the cursor",
            Edit::DeleteWordBack => "delete the word before the cursor",
            Edit::DeleteWordForward => "delete the word after the cursor",
            Edit::KillToStart => "delete to the start of the line",
            Edit::KillToEnd => "delete to the end of the line",
            Edit::Left => "cursor left",
            Edit::Right => "cursor right",
            Edit::WordLeft => "cursor a word left",
            Edit::WordRight => "cursor a word right",
            Edit::LineStart => "cursor to the start of the line",
            Edit::LineEnd => "cursor to the end of the line",
            Edit::Up => "cursor a line up",
            Edit::Down => "cursor a line down",
            Edit::Undo => "undo",
            Edit::Redo => "redo",
        }
    }
}

/// A motion of the caret in caret mode (it moves the caret, and with an
/// anchor dropped, the selection's moving end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    WordStart,
    WordEnd,
    WordBack,
    SentenceNext,
    SentenceBack,
    ParagraphNext,
    ParagraphBack,
    RowStart,
    RowEnd,
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
}

impl Motion {
    pub fn describe(self) -> &'static str {
        match self {
            Motion::Left => "a character left",
            Motion::Right => "a character right",
            Motion::WordStart => "to the next word's start",
            Motion::WordEnd => "to the word's end",
            Motion::WordBack => "back to a word's start",
            Motion::SentenceNext => "to the next sentence",
            Motion::SentenceBack => "back to a sentence's start",
            Motion::ParagraphNext => "to the next paragraph",
            Motion::ParagraphBack => "back to a paragraph's start",
            Motion::RowStart => "to the start of the row",
            Motion::RowEnd => "to the end of the row",
            Motion::Down => "a row down",
            Motion::Up => "a row up",
            Motion::HalfPageDown => "half a page down",
            Motion::HalfPageUp => "half a page up",
            Motion::Top => "to the first text (selecting: its start)",
            Motion::Bottom => "to the last text (selecting: its end)",
        }
    }
}

/// An action, produced by the keymap (or the mouse, or a paste) and
/// applied by [`super::update::update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the reader (`Q`; `q` in the panes).
    Quit,
    /// `Ctrl-c`: leave from anywhere, asking first about an unsaved draft.
    Interrupt,
    /// Close the top layer (`q`, `Esc` over the panes).
    Close,
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
    /// `<`/`>`: the chronology's cursor to the previous/next bin of the
    /// timeline strip that holds a listed event.
    EarlierBin,
    LaterBin,
    ToggleZoom,
    /// `Esc` in the panes: clear highlights, else leave zoom, else return
    /// from an event to its factor.
    Back,
    NextExcerpt,
    PreviousExcerpt,
    /// The peek: go to the excerpt where the detail pane lists it.
    GoToExcerpt,
    /// Go to the next claim that cites no excerpt.
    NextUncited,
    Search,
    Palette,
    Library,
    Visual,
    AddNote,
    /// `y`: copy the selection, or the selected excerpt, with its citation.
    Copy,
    EditNote,
    DeleteNote,
    Undo,
    NotesList,
    Reattach,
    NextMatch,
    PreviousMatch,
    /// `Ctrl-o` / `Alt-←`: back to where the last jump started.
    JumpBack,
    /// `Alt-→`: forward again after going back.
    JumpForward,
    /// `Enter` in a prompt or over a list: accept, go to the chosen entry.
    Choose,
    /// `Tab` in the search line: search the sources' full text too.
    ToggleSources,
    HistoryPrevious,
    HistoryNext,
    /// `Ctrl-s` in the note editor.
    Save,
    /// A draft offered back at opening: open it in the editor, show its
    /// whole text, or discard it (asks first).
    RecoverDraft,
    ViewDraft,
    DiscardDraft,
    /// A conflict copy: make the other text the note, or dismiss the copy.
    KeepOther,
    DismissConflict,
    /// The answers to a y/n question.
    Yes,
    No,
    Caret(Motion),
    /// Caret mode: drop the selection's anchor at the caret.
    Anchor,
    /// Caret mode: swap the selection's ends.
    SwapEnds,
    /// Caret mode: leave it at once (`Esc` steps back one level).
    LeaveCaret,
    Edit(Edit),
    /// Pasted text (bracketed paste), applied as one edit.
    Paste(String),
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
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Interrupt => "quit from anywhere (asks first about an unsaved note)",
            Action::Close => "close",
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
            Action::Open => "open: excerpt → source, event or link → it",
            Action::OpenSource => "source view of the selected excerpt",
            Action::ToggleChronology => "chronology: this factor / all events",
            Action::EarlierBin => "chronology: back a bin of the timeline",
            Action::LaterBin => "chronology: on a bin of the timeline",
            Action::ToggleZoom => "zoom the focused pane / back",
            Action::Back => "clear highlights, else unzoom, else back from an event",
            Action::NextExcerpt => "next excerpt in this source",
            Action::PreviousExcerpt => "previous excerpt in this source",
            Action::GoToExcerpt => "go to the excerpt where it is listed",
            Action::NextUncited => "next claim that cites no excerpt (∅)",
            Action::Search => "search (Tab in the search line: sources too)",
            Action::Palette => "go to… (fuzzy finder over everything, and commands)",
            Action::Library => "open another brief (the library of this folder)",
            Action::Visual => "caret mode (on a passage note: move its words)",
            Action::AddNote => "add a note to the selection (passage, else item)",
            Action::Copy => "copy the words with their citation (OSC 52)",
            Action::EditNote => "edit the selected note (Ctrl-s saves)",
            Action::DeleteNote => "delete the selected note (asks first)",
            Action::Undo => "undo: deleted notes come back, newest first",
            Action::NotesList => "all notes of this brief, orphans too",
            Action::Reattach => "re-attach an orphan: pick an item, confirm (u undoes)",
            Action::NextMatch => "next match, anywhere in the brief",
            Action::PreviousMatch => "previous match",
            Action::JumpBack => "jump back (to before the last jump)",
            Action::JumpForward => "jump forward (after jumping back)",
            Action::Choose => "choose",
            Action::ToggleSources => "search the sources' full text too / not",
            Action::HistoryPrevious => "previous search in the history",
            Action::HistoryNext => "next search in the history",
            Action::Save => "save the note",
            Action::RecoverDraft => "recover: edit the draft (Ctrl-s saves it)",
            Action::ViewDraft => "show the draft's whole text / hide it",
            Action::DiscardDraft => "discard the draft (asks first)",
            Action::KeepOther => "keep the other text as the note (this one becomes the copy)",
            Action::DismissConflict => "dismiss the conflict copy (moved to the trash)",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Caret(motion) => motion.describe(),
            Action::Anchor => "start selecting at the caret",
            Action::SwapEnds => "swap the selection's ends",
            Action::LeaveCaret => "leave caret mode",
            Action::Edit(edit) => edit.describe(),
            Action::Paste(_) => "paste (as one edit)",
            Action::ScrollAt { .. } => "scroll the pane under the pointer",
            Action::ClickAt { .. } => "select under the pointer",
            Action::Resize => "resize",
        }
    }
}
