//! Text inputs driven by actions: the editing keys are bindings like any
//! other, applied here through ratatui-textarea's editing methods (never
//! its own key handling, whose emacs defaults are not ours).

use ratatui_textarea::{CursorMove, TextArea};

use super::action::Edit;

/// A one-line input: the search line, the palette's and the lists'
/// filters.
pub fn new_line(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![one_line(text)]);
    input.move_cursor(CursorMove::End);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input
}

/// The text of a one-line input.
pub fn line_text(input: &TextArea) -> String {
    input.lines().concat()
}

/// `text` with its line breaks turned into spaces.
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// Applies `edit`; `one_line` inputs never get a newline (nor a tab, nor
/// line moves). Returns whether the text changed.
pub fn apply(input: &mut TextArea, edit: Edit, one_line: bool) -> bool {
    let moved = |input: &mut TextArea, m: CursorMove| {
        input.move_cursor(m);
        false
    };
    match edit {
        Edit::Insert(c) => {
            let c = if one_line && matches!(c, '\n' | '\r') {
                ' '
            } else {
                c
            };
            if c == '\n' {
                input.insert_newline();
            } else {
                input.insert_char(c);
            }
            true
        }
        Edit::Newline if one_line => false,
        Edit::Newline => {
            input.insert_newline();
            true
        }
        Edit::Tab if one_line => false,
        Edit::Tab => input.insert_tab(),
        Edit::DeleteBack => input.delete_char(),
        Edit::DeleteForward => input.delete_next_char(),
        Edit::DeleteWordBack => input.delete_word(),
        Edit::DeleteWordForward => input.delete_next_word(),
        Edit::KillToStart => input.delete_line_by_head(),
        Edit::KillToEnd => input.delete_line_by_end(),
        Edit::Left => moved(input, CursorMove::Back),
        Edit::Right => moved(input, CursorMove::Forward),
        Edit::WordLeft => moved(input, CursorMove::WordBack),
        Edit::WordRight => moved(input, CursorMove::WordForward),
        Edit::LineStart => moved(input, CursorMove::Head),
        Edit::LineEnd => moved(input, CursorMove::End),
        Edit::Up | Edit::Down if one_line => false,
        Edit::Up => moved(input, CursorMove::Up),
        Edit::Down => moved(input, CursorMove::Down),
        Edit::Undo => input.undo(),
        Edit::Redo => input.redo(),
    }
}

/// Pastes `text` as one edit; in a one-line input its line breaks become
/// spaces.
pub fn paste(input: &mut TextArea, text: &str, one_line: bool) -> bool {
    if text.is_empty() {
        return false;
    }
    let text = if one_line {
        self::one_line(text)
    } else {
        text.replace("\r\n", "\n").replace('\r', "\n")
    };
    input.insert_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, cursor_at: usize) -> TextArea<'static> {
        let mut input = new_line(text);
        input.move_cursor(CursorMove::Head);
        for _ in 0..cursor_at {
            input.move_cursor(CursorMove::Forward);
        }
        input
    }

    #[test]
    fn readline_keys_edit_one_line() {
        let mut input = line("alpha beta gamma", 11);
        assert!(apply(&mut input, Edit::KillToEnd, true));
        assert_eq!(line_text(&input), "alpha beta ");
        assert!(apply(&mut input, Edit::DeleteWordBack, true));
        assert_eq!(line_text(&input), "alpha ");
        apply(&mut input, Edit::LineStart, true);
        apply(&mut input, Edit::Insert('>'), true);
        assert_eq!(line_text(&input), ">alpha ");
        apply(&mut input, Edit::LineEnd, true);
        apply(&mut input, Edit::WordLeft, true);
        assert!(apply(&mut input, Edit::KillToStart, true));
        assert_eq!(line_text(&input), "alpha ");
        let mut input = line("one two", 0);
        apply(&mut input, Edit::WordRight, true);
        apply(&mut input, Edit::Right, true);
        apply(&mut input, Edit::Left, true);
        assert!(apply(&mut input, Edit::DeleteForward, true));
        assert_eq!(line_text(&input), "one wo");
        assert!(apply(&mut input, Edit::DeleteBack, true));
        assert_eq!(line_text(&input), "onewo");
    }

    #[test]
    fn nothing_puts_a_second_line_in_a_one_line_input() {
        let mut input = line("abc", 3);
        for edit in [
            Edit::Newline,
            Edit::Insert('\n'),
            Edit::Insert('\r'),
            Edit::Tab,
            Edit::Up,
            Edit::Down,
        ] {
            apply(&mut input, edit, true);
        }
        paste(&mut input, "x\ny\r\nz\rw", true);
        assert_eq!(input.lines().len(), 1);
        assert_eq!(line_text(&input), "abc  x y z w");
    }

    #[test]
    fn the_editor_keeps_its_line_breaks() {
        let mut input = TextArea::default();
        paste(&mut input, "one\r\ntwo\rthree", false);
        assert_eq!(input.lines(), ["one", "two", "three"]);
        apply(&mut input, Edit::Newline, false);
        assert_eq!(input.lines().len(), 4);
        assert!(apply(&mut input, Edit::Undo, false));
        assert_eq!(input.lines().len(), 3);
    }
}
