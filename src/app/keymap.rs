//! The key table: which key does what, in which scope. Input routing
//! ([`super::route`]), the status-bar hints and the help overlay all read
//! [`BINDINGS`], so they cannot disagree. Each layer of the reader
//! ([`super::layers::Layer`]) names the scopes it looks keys up in.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Edit, Motion};

/// A set of bindings that belong together; layers list the scopes they
/// accept, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every layer, text inputs too.
    Anywhere,
    /// Every layer that is not a text input or a question.
    Global,
    /// Reading: the panes and the source view.
    Reading,
    /// The three panes: factors, detail, chronology.
    Panes,
    /// The full text of a source.
    Source,
    /// Caret mode: selecting a passage.
    Caret,
    /// The help overlay.
    Help,
    /// A filter over a list: the palette, the library, the notes list.
    List,
    /// The notes list, besides its filter.
    NotesList,
    /// The peek at a cited excerpt.
    Peek,
    /// Editing a one-line input (the search line and the filters).
    LineEdit,
    /// The search line.
    SearchLine,
    /// The note editor.
    Editor,
    /// A y/n question.
    Confirm,
    /// Drafts of an earlier session offered back at opening.
    Recovery,
    /// A conflict copy's or an unreadable file's text, over the notes list.
    FileView,
}

impl Scope {
    /// Every scope, in the order the help lists the ones not in context.
    pub const ALL: [Scope; 16] = [
        Scope::Panes,
        Scope::Reading,
        Scope::Source,
        Scope::Caret,
        Scope::Help,
        Scope::List,
        Scope::NotesList,
        Scope::Peek,
        Scope::LineEdit,
        Scope::SearchLine,
        Scope::Editor,
        Scope::Confirm,
        Scope::Recovery,
        Scope::FileView,
        Scope::Global,
        Scope::Anywhere,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Scope::Anywhere => "Everywhere, text inputs too",
            Scope::Global => "Everywhere but text inputs",
            Scope::Reading => "Reading (the panes and the source view)",
            Scope::Panes => "Factors, detail and chronology",
            Scope::Source => "Source view",
            Scope::Caret => "Caret mode (selecting a passage)",
            Scope::Help => "Help",
            Scope::List => "Palette, library and notes list",
            Scope::NotesList => "Notes list",
            Scope::Peek => "Peek at a cited excerpt (Enter on a mark ¹)",
            Scope::LineEdit => "Editing a one-line input",
            Scope::SearchLine => "Search line",
            Scope::Editor => "Note editor",
            Scope::Confirm => "A y/n question",
            Scope::Recovery => "A draft offered back at opening",
            Scope::FileView => "A conflict copy or unreadable file (notes list)",
        }
    }
}

/// A key with the modifiers that matter (Ctrl, Alt). Shift is in the
/// character itself (`G`), or in the key (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key of a terminal event, if it is a press or a repeat.
    pub fn of(event: &KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        Some(Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// The character a text input inserts for this key, if any.
    pub fn printable(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

const fn ctrl_code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: true,
        alt: false,
    }
}

const fn alt_code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: true,
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    /// The keys, as the table has them or as the person's keys.toml set
    /// them.
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    /// What the help says, when it differs from the action's description.
    pub what: Option<&'static str>,
    /// The word in the status bar, for the bindings that get a hint.
    pub hint: Option<&'static str>,
}

impl Binding {
    pub fn what(&self) -> &'static str {
        self.what.unwrap_or_else(|| self.action.describe())
    }
}

const fn bind(scope: Scope, keys: &'static [Key], action: Action) -> Binding {
    Binding {
        scope,
        keys: Cow::Borrowed(keys),
        action,
        what: None,
        hint: None,
    }
}

const fn hinted(scope: Scope, keys: &'static [Key], action: Action, hint: &'static str) -> Binding {
    Binding {
        scope,
        keys: Cow::Borrowed(keys),
        action,
        what: None,
        hint: Some(hint),
    }
}

const fn said(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    what: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys: Cow::Borrowed(keys),
        action,
        what: Some(what),
        hint,
    }
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Scope::*;

/// The default bindings. Within a layer, its scopes are searched in the
/// order it lists them; within a scope, the first binding of a key wins
/// (a test checks no key is bound twice in one scope).
pub const BINDINGS: &[Binding] = &[
    // The source view (over the panes; other keys fall through to them).
    hinted(Source, &[key(']')], Action::NextExcerpt, "next excerpt"),
    hinted(Source, &[key('[')], Action::PreviousExcerpt, "previous"),
    said(
        Source,
        &[key('q'), code(Esc)],
        Action::Close,
        "back to the panes",
        Some("back"),
    ),
    said(
        Source,
        &[key('e')],
        Action::EditNote,
        "edit the note in view (marked ▌; Ctrl-s saves)",
        None,
    ),
    said(
        Source,
        &[key('d')],
        Action::DeleteNote,
        "delete the note in view (asks first)",
        None,
    ),
    // The panes.
    hinted(Panes, &[code(Tab)], Action::NextPane, "pane"),
    bind(Panes, &[code(BackTab)], Action::PreviousPane),
    bind(Panes, &[key('0')], Action::GoToFactor(0)),
    said(
        Panes,
        &[
            key('1'),
            key('2'),
            key('3'),
            key('4'),
            key('5'),
            key('6'),
            key('7'),
            key('8'),
            key('9'),
        ],
        Action::GoToFactor(1),
        "factor N",
        None,
    ),
    bind(Panes, &[key('[')], Action::PreviousFactor),
    bind(Panes, &[key(']')], Action::NextFactor),
    hinted(Panes, &[code(Enter)], Action::Open, "open"),
    bind(Panes, &[key('s')], Action::OpenSource),
    // The word says what c does now (see `State::chronology_toggle`).
    hinted(Panes, &[key('c')], Action::ToggleChronology, "all events"),
    bind(Panes, &[key('<')], Action::EarlierBin),
    bind(Panes, &[key('>')], Action::LaterBin),
    bind(Panes, &[key('z')], Action::ToggleZoom),
    bind(Panes, &[key('o')], Action::Library),
    bind(Panes, &[key('e')], Action::EditNote),
    bind(Panes, &[key('d')], Action::DeleteNote),
    bind(Panes, &[code(Esc)], Action::Back),
    bind(Panes, &[key('x')], Action::NextUncited),
    said(
        Panes,
        &[key('q')],
        Action::Quit,
        "quit (from the panes; elsewhere q closes)",
        Some("quit"),
    ),
    // Reading: the panes and the source view.
    bind(Reading, &[key('j'), code(Down)], Action::Down),
    bind(Reading, &[key('k'), code(Up)], Action::Up),
    bind(Reading, &[key('g'), code(Home)], Action::Top),
    bind(Reading, &[key('G'), code(End)], Action::Bottom),
    bind(Reading, &[ctrl('d')], Action::HalfPageDown),
    bind(Reading, &[ctrl('u')], Action::HalfPageUp),
    bind(Reading, &[key(' '), code(PageDown)], Action::PageDown),
    bind(Reading, &[key('b'), code(PageUp)], Action::PageUp),
    hinted(Reading, &[key('/')], Action::Search, "search"),
    bind(Reading, &[key('n')], Action::NextMatch),
    bind(Reading, &[key('N')], Action::PreviousMatch),
    bind(Reading, &[ctrl('o'), alt_code(Left)], Action::JumpBack),
    bind(Reading, &[alt_code(Right)], Action::JumpForward),
    bind(Reading, &[key(':'), ctrl('p')], Action::Palette),
    hinted(Reading, &[key('a')], Action::AddNote, "note"),
    hinted(Reading, &[key('v')], Action::Visual, "passage"),
    said(
        Reading,
        &[key('y')],
        Action::Copy,
        "copy the current excerpt's quote with its citation (OSC 52)",
        None,
    ),
    bind(Reading, &[key('u')], Action::Undo),
    bind(Reading, &[key('m')], Action::NotesList),
    // Caret mode.
    bind(Caret, &[key('h'), code(Left)], Action::Caret(Motion::Left)),
    bind(
        Caret,
        &[key('l'), code(Right)],
        Action::Caret(Motion::Right),
    ),
    bind(Caret, &[key('w')], Action::Caret(Motion::WordStart)),
    bind(Caret, &[key('e')], Action::Caret(Motion::WordEnd)),
    bind(Caret, &[key('b')], Action::Caret(Motion::WordBack)),
    bind(Caret, &[key(')')], Action::Caret(Motion::SentenceNext)),
    bind(Caret, &[key('(')], Action::Caret(Motion::SentenceBack)),
    bind(Caret, &[key('}')], Action::Caret(Motion::ParagraphNext)),
    bind(Caret, &[key('{')], Action::Caret(Motion::ParagraphBack)),
    bind(
        Caret,
        &[key('0'), code(Home)],
        Action::Caret(Motion::RowStart),
    ),
    bind(Caret, &[key('$'), code(End)], Action::Caret(Motion::RowEnd)),
    bind(Caret, &[key('j'), code(Down)], Action::Caret(Motion::Down)),
    bind(Caret, &[key('k'), code(Up)], Action::Caret(Motion::Up)),
    bind(Caret, &[ctrl('d')], Action::Caret(Motion::HalfPageDown)),
    bind(Caret, &[ctrl('u')], Action::Caret(Motion::HalfPageUp)),
    bind(Caret, &[key('g')], Action::Caret(Motion::Top)),
    bind(Caret, &[key('G')], Action::Caret(Motion::Bottom)),
    bind(Caret, &[key('/')], Action::Search),
    bind(Caret, &[key('n')], Action::NextMatch),
    bind(Caret, &[key('N')], Action::PreviousMatch),
    hinted(Caret, &[key('v'), key(' ')], Action::Anchor, "select"),
    bind(Caret, &[key('o')], Action::SwapEnds),
    said(
        Caret,
        &[key('a')],
        Action::AddNote,
        "note the selected words (no selection: the whole text)",
        Some("note"),
    ),
    said(
        Caret,
        &[key('y')],
        Action::Copy,
        "copy the selected words with their citation (OSC 52)",
        Some("copy"),
    ),
    said(
        Caret,
        &[code(Esc)],
        Action::Close,
        "step back: selection → caret → reading",
        Some("back"),
    ),
    bind(Caret, &[key('q')], Action::LeaveCaret),
    // Help.
    said(
        Help,
        &[key('j'), code(Down)],
        Action::Down,
        "scroll down",
        Some("scroll"),
    ),
    said(Help, &[key('k'), code(Up)], Action::Up, "scroll up", None),
    bind(
        Help,
        &[key(' '), code(PageDown), ctrl('d')],
        Action::PageDown,
    ),
    bind(Help, &[key('b'), code(PageUp), ctrl('u')], Action::PageUp),
    bind(Help, &[key('g'), code(Home)], Action::Top),
    bind(Help, &[key('G'), code(End)], Action::Bottom),
    said(
        Help,
        &[key('q'), code(Esc)],
        Action::Close,
        "close the help",
        Some("close"),
    ),
    // Over a list with a filter.
    said(
        List,
        &[code(Down), ctrl('n'), ctrl('j'), code(Tab)],
        Action::Down,
        "next entry",
        Some("move"),
    ),
    said(
        List,
        &[code(Up), ctrl('p'), ctrl('k'), code(BackTab)],
        Action::Up,
        "previous entry",
        None,
    ),
    said(
        List,
        &[code(PageDown)],
        Action::PageDown,
        "a page of entries down",
        None,
    ),
    said(
        List,
        &[code(PageUp)],
        Action::PageUp,
        "a page of entries up",
        None,
    ),
    said(
        List,
        &[code(Enter)],
        Action::Choose,
        "go to / open the entry",
        Some("choose"),
    ),
    said(List, &[code(Esc)], Action::Close, "close", Some("close")),
    // The notes list (its filter edits as every one-line input does).
    said(
        NotesList,
        &[alt('e')],
        Action::EditNote,
        "edit the note",
        Some("edit"),
    ),
    said(
        NotesList,
        &[alt('x')],
        Action::DeleteNote,
        "delete the note (asks first)",
        Some("delete"),
    ),
    said(
        NotesList,
        &[ctrl('r')],
        Action::Reattach,
        "re-attach an orphan to the selection under the list",
        Some("re-attach"),
    ),
    // The peek at a cited excerpt.
    said(
        Peek,
        &[code(Enter), key('s')],
        Action::OpenSource,
        "open the source at the quoted passage",
        Some("source"),
    ),
    said(
        Peek,
        &[key('g')],
        Action::GoToExcerpt,
        "go to the excerpt where it is listed (Ctrl-o comes back)",
        Some("go to excerpt"),
    ),
    hinted(Peek, &[code(Esc), key('q')], Action::Close, "close"),
    // The search line.
    hinted(SearchLine, &[code(Tab)], Action::ToggleSources, "+src"),
    hinted(SearchLine, &[code(Up)], Action::HistoryPrevious, "history"),
    bind(SearchLine, &[code(Down)], Action::HistoryNext),
    said(
        SearchLine,
        &[code(Esc)],
        Action::Close,
        "cancel: back to where the search started",
        Some("cancel"),
    ),
    said(
        SearchLine,
        &[code(Enter)],
        Action::Choose,
        "search: keep the highlights, n/N step",
        None,
    ),
    bind(SearchLine, &[ctrl('k')], Action::Edit(Edit::KillToEnd)),
    // One-line editing.
    bind(
        LineEdit,
        &[ctrl('a'), code(Home)],
        Action::Edit(Edit::LineStart),
    ),
    bind(
        LineEdit,
        &[ctrl('e'), code(End)],
        Action::Edit(Edit::LineEnd),
    ),
    bind(LineEdit, &[ctrl('b'), code(Left)], Action::Edit(Edit::Left)),
    bind(
        LineEdit,
        &[ctrl('f'), code(Right)],
        Action::Edit(Edit::Right),
    ),
    bind(
        LineEdit,
        &[alt('b'), ctrl_code(Left)],
        Action::Edit(Edit::WordLeft),
    ),
    bind(
        LineEdit,
        &[alt('f'), ctrl_code(Right)],
        Action::Edit(Edit::WordRight),
    ),
    bind(
        LineEdit,
        &[code(Backspace), ctrl('h')],
        Action::Edit(Edit::DeleteBack),
    ),
    bind(
        LineEdit,
        &[code(Delete), ctrl('d')],
        Action::Edit(Edit::DeleteForward),
    ),
    bind(
        LineEdit,
        &[ctrl('w'), alt_code(Backspace)],
        Action::Edit(Edit::DeleteWordBack),
    ),
    bind(LineEdit, &[alt('d')], Action::Edit(Edit::DeleteWordForward)),
    bind(LineEdit, &[ctrl('u')], Action::Edit(Edit::KillToStart)),
    // The note editor.
    hinted(Editor, &[ctrl('s')], Action::Save, "save"),
    said(
        Editor,
        &[code(Esc)],
        Action::Close,
        "close (asks first when changed)",
        Some("close"),
    ),
    bind(Editor, &[code(Enter)], Action::Edit(Edit::Newline)),
    bind(Editor, &[code(Tab)], Action::Edit(Edit::Tab)),
    bind(Editor, &[code(Left), ctrl('b')], Action::Edit(Edit::Left)),
    bind(Editor, &[code(Right), ctrl('f')], Action::Edit(Edit::Right)),
    bind(Editor, &[code(Up), ctrl('p')], Action::Edit(Edit::Up)),
    bind(Editor, &[code(Down), ctrl('n')], Action::Edit(Edit::Down)),
    bind(
        Editor,
        &[alt('b'), ctrl_code(Left)],
        Action::Edit(Edit::WordLeft),
    ),
    bind(
        Editor,
        &[alt('f'), ctrl_code(Right)],
        Action::Edit(Edit::WordRight),
    ),
    bind(
        Editor,
        &[code(Home), ctrl('a')],
        Action::Edit(Edit::LineStart),
    ),
    bind(Editor, &[code(End), ctrl('e')], Action::Edit(Edit::LineEnd)),
    bind(
        Editor,
        &[code(Backspace), ctrl('h')],
        Action::Edit(Edit::DeleteBack),
    ),
    bind(
        Editor,
        &[code(Delete), ctrl('d')],
        Action::Edit(Edit::DeleteForward),
    ),
    bind(
        Editor,
        &[ctrl('w'), alt_code(Backspace)],
        Action::Edit(Edit::DeleteWordBack),
    ),
    bind(Editor, &[alt('d')], Action::Edit(Edit::DeleteWordForward)),
    bind(Editor, &[ctrl('u')], Action::Edit(Edit::KillToStart)),
    bind(Editor, &[ctrl('k')], Action::Edit(Edit::KillToEnd)),
    bind(Editor, &[ctrl('z')], Action::Edit(Edit::Undo)),
    bind(Editor, &[ctrl('y')], Action::Edit(Edit::Redo)),
    // A y/n question.
    hinted(Confirm, &[key('y'), key('Y')], Action::Yes, "yes"),
    hinted(
        Confirm,
        &[key('n'), key('N'), code(Esc), key('q')],
        Action::No,
        "no",
    ),
    // Drafts offered back at opening.
    said(
        Recovery,
        &[key('r'), code(Enter)],
        Action::RecoverDraft,
        "recover: edit the draft (Ctrl-s saves it)",
        Some("recover"),
    ),
    hinted(Recovery, &[key('v')], Action::ViewDraft, "view"),
    bind(Recovery, &[key('j'), code(Down)], Action::Down),
    bind(Recovery, &[key('k'), code(Up)], Action::Up),
    hinted(Recovery, &[key('d')], Action::DiscardDraft, "discard"),
    said(
        Recovery,
        &[code(Esc), key('q')],
        Action::Close,
        "later: the draft is offered again next time",
        Some("later"),
    ),
    // A conflict copy's or an unreadable file's text.
    hinted(FileView, &[key('o')], Action::KeepOther, "keep other"),
    hinted(FileView, &[key('x')], Action::DismissConflict, "dismiss"),
    bind(FileView, &[key('j'), code(Down)], Action::Down),
    bind(FileView, &[key('k'), code(Up)], Action::Up),
    bind(FileView, &[code(PageDown), key(' ')], Action::PageDown),
    bind(FileView, &[code(PageUp)], Action::PageUp),
    hinted(FileView, &[code(Esc), key('q')], Action::Close, "close"),
    // Everywhere.
    hinted(Global, &[key('?')], Action::ToggleHelp, "help"),
    said(
        Global,
        &[key('Q')],
        Action::Quit,
        "quit from any view",
        None,
    ),
    said(
        Anywhere,
        &[code(KeyCode::F(1))],
        Action::ToggleHelp,
        "help (in text inputs too)",
        None,
    ),
    bind(Anywhere, &[ctrl('c')], Action::Interrupt),
];

/// The bindings in force: the table's, with the person's keys.toml
/// applied (see [`super::key_config`]). Routing, hints, the help and the
/// popups' titles all read the one the state holds.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    pub fn new(bindings: Vec<Binding>) -> Keymap {
        Keymap { bindings }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action `key` is bound to in `scope`.
    pub fn lookup(&self, key: Key, scope: Scope) -> Option<Action> {
        self.bindings_of(scope).find_map(|b| {
            let position = b.keys.iter().position(|k| *k == key)?;
            Some(match b.action {
                // The digit keys carry their number.
                Action::GoToFactor(n) if n > 0 => Action::GoToFactor(position as u8 + 1),
                ref action => action.clone(),
            })
        })
    }

    /// The bindings of `scope`, in table order.
    pub fn bindings_of(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The keys of `binding` (of one of `scopes`, which are searched in
    /// order) that reach it: those no earlier scope takes first.
    pub fn effective_keys(&self, binding: &Binding, scopes: &[Scope]) -> Vec<Key> {
        let earlier: Vec<Scope> = scopes
            .iter()
            .copied()
            .take_while(|&s| s != binding.scope)
            .collect();
        binding
            .keys
            .iter()
            .copied()
            .filter(|&key| earlier.iter().all(|&s| self.lookup(key, s).is_none()))
            .collect()
    }

    /// The name of the first key `action` has in `scope`, for a popup's
    /// title (`Enter go · Esc close`); None when it has no key there.
    pub fn key_of(&self, scope: Scope, action: &Action) -> Option<String> {
        self.bindings_of(scope)
            .find(|b| b.action == *action)
            .and_then(|b| b.keys.first())
            .map(key_name)
    }

    /// `key word · key word` for a popup's title, from the first key of
    /// each action in `scope` (an action without a key is left out).
    pub fn title_hints(&self, scope: Scope, hints: &[(Action, &str)]) -> String {
        hints
            .iter()
            .filter_map(|(action, word)| {
                let key = self.key_of(scope, action)?;
                Some(if word.is_empty() {
                    key
                } else {
                    format!("{key} {word}")
                })
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// `y / n`: the keys of a y/n question, for the question's text.
    pub fn yes_no(&self) -> String {
        let yes = self.key_of(Scope::Confirm, &Action::Yes);
        let no = self.key_of(Scope::Confirm, &Action::No);
        format!("{} / {}", yes.unwrap_or_default(), no.unwrap_or_default())
    }
}

/// How a key is written in the help and the status bar.
pub fn key_name(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        Tab => "Tab".to_string(),
        BackTab => "Shift-Tab".to_string(),
        Enter => "Enter".to_string(),
        Esc => "Esc".to_string(),
        Up => "↑".to_string(),
        Down => "↓".to_string(),
        Left => "←".to_string(),
        Right => "→".to_string(),
        Home => "Home".to_string(),
        End => "End".to_string(),
        PageUp => "PgUp".to_string(),
        PageDown => "PgDn".to_string(),
        Backspace => "Backspace".to_string(),
        Delete => "Del".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    match (key.ctrl, key.alt) {
        (true, _) => format!("Ctrl-{name}"),
        (_, true) => format!("Alt-{name}"),
        _ => name,
    }
}

/// The keys of a binding as one label: `j ↓`, `1–9`.
pub fn keys_label(binding: &Binding) -> String {
    label_of(&binding.action, &binding.keys)
}

/// `keys` of a binding to `action` as one label (the digits as `1–9`
/// while they are the table's).
pub fn label_of(action: &Action, keys: &[Key]) -> String {
    if matches!(action, Action::GoToFactor(n) if *n > 0)
        && keys.len() == 9
        && keys.iter().zip('1'..='9').all(|(k, c)| *k == key(c))
    {
        return "1–9".to_string();
    }
    keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
