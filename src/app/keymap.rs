//! The key table: which key does what, where. Input handling and the help
//! overlay both read [`BINDINGS`], so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere (unless a more specific scope binds the same key).
    Global,
    /// The three panes: factors, detail, chronology.
    Reader,
    /// The full text of a source.
    Source,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Reader => "Factors, detail and chronology",
            Scope::Source => "Source view",
        }
    }
}

/// A key with the modifiers that matter (Ctrl, Alt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
}

const fn bind(scope: Scope, keys: &'static [Key], action: Action) -> Binding {
    Binding {
        scope,
        keys,
        action,
    }
}

/// The default bindings, most specific scopes first.
pub const BINDINGS: &[Binding] = &[
    bind(Scope::Source, &[key(']')], Action::NextExcerpt),
    bind(Scope::Source, &[key('[')], Action::PreviousExcerpt),
    bind(Scope::Reader, &[code(KeyCode::Tab)], Action::NextPane),
    bind(
        Scope::Reader,
        &[code(KeyCode::BackTab)],
        Action::PreviousPane,
    ),
    bind(Scope::Reader, &[key('0')], Action::GoToFactor(0)),
    bind(
        Scope::Reader,
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
    ),
    bind(Scope::Reader, &[key('[')], Action::PreviousFactor),
    bind(Scope::Reader, &[key(']')], Action::NextFactor),
    bind(Scope::Reader, &[code(KeyCode::Enter)], Action::Open),
    bind(Scope::Reader, &[key('s')], Action::OpenSource),
    bind(Scope::Reader, &[key('c')], Action::ToggleChronology),
    bind(Scope::Reader, &[key('z')], Action::ToggleZoom),
    bind(Scope::Reader, &[key('o')], Action::Library),
    bind(Scope::Reader, &[key('e')], Action::EditNote),
    bind(Scope::Reader, &[key('d')], Action::DeleteNote),
    bind(Scope::Global, &[key('v')], Action::Visual),
    bind(Scope::Global, &[key('a')], Action::AddNote),
    bind(Scope::Global, &[key('u')], Action::UndoDelete),
    bind(Scope::Global, &[key('m')], Action::NotesList),
    bind(
        Scope::Global,
        &[key('j'), code(KeyCode::Down)],
        Action::Down,
    ),
    bind(Scope::Global, &[key('k'), code(KeyCode::Up)], Action::Up),
    bind(Scope::Global, &[key('g'), code(KeyCode::Home)], Action::Top),
    bind(
        Scope::Global,
        &[key('G'), code(KeyCode::End)],
        Action::Bottom,
    ),
    bind(Scope::Global, &[ctrl('d')], Action::HalfPageDown),
    bind(Scope::Global, &[ctrl('u')], Action::HalfPageUp),
    bind(
        Scope::Global,
        &[key(' '), code(KeyCode::PageDown)],
        Action::PageDown,
    ),
    bind(
        Scope::Global,
        &[key('b'), code(KeyCode::PageUp)],
        Action::PageUp,
    ),
    bind(Scope::Global, &[key('/')], Action::Search),
    bind(Scope::Global, &[key(':'), ctrl('p')], Action::Palette),
    bind(Scope::Global, &[key('n')], Action::NextMatch),
    bind(Scope::Global, &[key('N')], Action::PreviousMatch),
    bind(Scope::Global, &[code(KeyCode::Esc)], Action::Back),
    bind(Scope::Global, &[key('?')], Action::ToggleHelp),
    bind(Scope::Global, &[key('q'), ctrl('c')], Action::Quit),
];

/// The action for `event` in `scope`, if any. Only presses count.
pub fn action_for(event: &KeyEvent, scope: Scope) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let pressed = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    if event.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope || b.scope == Scope::Global)
        .find_map(|b| {
            let position = b.keys.iter().position(|k| *k == pressed)?;
            Some(match b.action {
                // The digit keys carry their number.
                Action::GoToFactor(n) if n > 0 => Action::GoToFactor(position as u8 + 1),
                action => action,
            })
        })
}

/// How a key is written in the help and the status bar.
pub fn key_name(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// The keys of a binding as one label: `j ↓`, `1–9`.
pub fn keys_label(binding: &Binding) -> String {
    if matches!(binding.action, Action::GoToFactor(n) if n > 0) {
        return "1–9".to_string();
    }
    binding
        .keys
        .iter()
        .map(key_name)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first key bound to `action` in `scope` (or globally), for hints.
pub fn first_key(action: Action, scope: Scope) -> Option<String> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope || b.scope == Scope::Global)
        .find(|b| b.action == action)
        .map(|b| key_name(&b.keys[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn digits_carry_their_number() {
        let five = press(KeyCode::Char('5'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&five, Scope::Reader),
            Some(Action::GoToFactor(5))
        );
        let zero = press(KeyCode::Char('0'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&zero, Scope::Reader),
            Some(Action::GoToFactor(0))
        );
    }

    #[test]
    fn brackets_mean_excerpts_in_the_source_view_and_factors_elsewhere() {
        let next = press(KeyCode::Char(']'), KeyModifiers::NONE);
        assert_eq!(action_for(&next, Scope::Source), Some(Action::NextExcerpt));
        assert_eq!(action_for(&next, Scope::Reader), Some(Action::NextFactor));
    }

    #[test]
    fn shifted_letters_and_control_keys() {
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&big_g, Scope::Reader), Some(Action::Bottom));
        let ctrl_d = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(&ctrl_d, Scope::Reader),
            Some(Action::HalfPageDown)
        );
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c, Scope::Reader), Some(Action::Quit));
        let plain_c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&plain_c, Scope::Reader),
            Some(Action::ToggleChronology)
        );
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&back_tab, Scope::Reader),
            Some(Action::PreviousPane)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut release = press(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&release, Scope::Reader), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope != b.scope {
                    continue;
                }
                for key in a.keys {
                    assert!(!b.keys.contains(key), "{key:?} bound twice");
                }
            }
        }
    }
}
