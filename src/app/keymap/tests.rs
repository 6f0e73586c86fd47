//! The key table's own rules.

use super::*;

fn lookup(key: Key, scope: Scope) -> Option<Action> {
    Keymap::default().lookup(key, scope)
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> Key {
    Key::of(&KeyEvent::new(code, modifiers)).unwrap()
}

#[test]
fn digits_carry_their_number() {
    let five = press(KeyCode::Char('5'), KeyModifiers::NONE);
    assert_eq!(lookup(five, Panes), Some(Action::GoToFactor(5)));
    let zero = press(KeyCode::Char('0'), KeyModifiers::NONE);
    assert_eq!(lookup(zero, Panes), Some(Action::GoToFactor(0)));
    assert_eq!(
        lookup(zero, Caret),
        Some(Action::Caret(Motion::RowStart)),
        "in caret mode 0 goes to the start of the row"
    );
}

#[test]
fn brackets_mean_excerpts_in_the_source_view_and_factors_elsewhere() {
    let next = press(KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(lookup(next, Source), Some(Action::NextExcerpt));
    assert_eq!(lookup(next, Panes), Some(Action::NextFactor));
}

#[test]
fn shifted_letters_and_control_and_alt_keys() {
    let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(lookup(big_g, Reading), Some(Action::Bottom));
    let ctrl_d = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(lookup(ctrl_d, Reading), Some(Action::HalfPageDown));
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(lookup(ctrl_c, Anywhere), Some(Action::Interrupt));
    let plain_c = press(KeyCode::Char('c'), KeyModifiers::NONE);
    assert_eq!(lookup(plain_c, Panes), Some(Action::ToggleChronology));
    let alt_b = press(KeyCode::Char('b'), KeyModifiers::ALT);
    assert_eq!(lookup(alt_b, LineEdit), Some(Action::Edit(Edit::WordLeft)));
    assert_eq!(lookup(alt_b, Reading), None, "Alt-b is not b");
    let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(lookup(back_tab, Panes), Some(Action::PreviousPane));
}

#[test]
fn releases_are_no_keys() {
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(Key::of(&release), None);
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            if a.scope != b.scope {
                continue;
            }
            for key in a.keys.iter() {
                assert!(
                    !b.keys.contains(key),
                    "{key:?} bound twice in {:?}",
                    a.scope
                );
            }
        }
    }
}
