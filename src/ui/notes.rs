//! The note editor, the delete confirmation and the notes list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::Action;
use crate::app::doc::Tone;
use crate::app::keymap::Scope;
use crate::app::layout::{inner, notes_list_areas, palette_area};
use crate::app::notes_list::{FileView, Row, Viewed, describe, note_of_conflict};
use crate::app::notes_rows::{heading_lines, preview, row_lines};
use crate::app::state::State;
use crate::text::sanitize::{one_line, sanitize_line};

/// The editor popup: what the note is attached to, the passage quoted,
/// then the text.
pub fn draw_editor(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(editor) = state.layers.editor() else {
        return;
    };
    let popup = palette_area(area).intersection(area);
    if popup.height < 6 {
        return;
    }
    Clear.render(popup, buf);
    let title = if editor.base.is_some() {
        "Edit note"
    } else {
        "New note"
    };
    let keys = &state.opening.keymap;
    let hint = if editor.confirm_discard && editor.quit_after_discard {
        format!("discard draft and quit? {}", keys.yes_no())
    } else if editor.confirm_discard {
        format!("discard your changes? {}", keys.yes_no())
    } else {
        keys.title_hints(
            Scope::Editor,
            &[(Action::Save, "save"), (Action::Close, "close")],
        )
    };
    pane_block(format!("{title} · {hint}"), true, theme, popup.width).render(popup, buf);
    let inside = inner(popup);
    let mut header = vec![Line::from(vec![
        Span::styled("on ", theme.muted()),
        Span::styled(sanitize_line(&editor.label).into_owned(), theme.header()),
    ])];
    if let Some(quote) = &editor.quote {
        header.push(Line::from(Span::styled(
            format!("“{}”", crate::text::sanitize::one_line(quote, 300)),
            theme.tone(Tone::Quote),
        )));
    }
    if let Some(error) = &editor.error {
        header.push(Line::from(Span::styled(
            sanitize_line(error).into_owned(),
            theme.tone(Tone::NotFound),
        )));
    }
    let header_height = (header.len() as u16 + 1).min(inside.height.saturating_sub(1));
    Paragraph::new(header).wrap(Wrap { trim: true }).render(
        Rect {
            height: header_height,
            ..inside
        },
        buf,
    );
    let text = Rect {
        y: inside.y + header_height,
        height: inside.height.saturating_sub(header_height),
        ..inside
    };
    super::input::draw_text(&editor.input, text, Style::new(), theme.input_cursor(), buf);
}

/// "Delete this note? y/n" over the status bar.
pub fn draw_confirm(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let message = match state.layers.question() {
        Some(crate::app::layers::Question::DeleteNote(id)) => {
            let Some(index) = state.notes.notes.iter().position(|n| n.id == *id) else {
                return;
            };
            format!(
                " Delete the note on {}? {} ",
                describe(state, index).0,
                state.opening.keymap.yes_no()
            )
        }
        Some(crate::app::layers::Question::Reattach) => {
            match crate::app::reattach::question(state) {
                Some(message) => message,
                None => return,
            }
        }
        None => return,
    };
    buf.set_style(area, theme.badge());
    buf.set_string(
        area.x,
        area.y,
        fit(&sanitize_line(&message), area.width as usize),
        theme.badge(),
    );
}

/// Styled ratatui spans of escaped row or preview text.
fn styled(spans: Vec<(String, Tone)>, theme: &Theme) -> Line<'static> {
    Line::from(
        spans
            .into_iter()
            .map(|(text, tone)| Span::styled(text, theme.tone(tone)))
            .collect::<Vec<_>>(),
    )
}

/// The notes list overlay: the whole screen, the rows (body first) and a
/// preview of the selected one.
pub fn draw_list(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(list) = state.layers.notes_list() else {
        return;
    };
    let areas = notes_list_areas(area);
    if areas.rows.height < 2 || areas.rows.width < 10 {
        return;
    }
    let mut title = format!(
        "Notes — {} · {} orphaned",
        state.notes.notes.len(),
        state.notes.orphans.len()
    );
    if !state.notes.conflicts.is_empty() {
        title.push_str(&format!(" · {} in conflict", state.notes.conflicts.len()));
    }
    if !state.notes.unreadable.is_empty() {
        title.push_str(&format!(" · {} unreadable", state.notes.unreadable.len()));
    }
    let keys = &state.opening.keymap;
    title.push_str(" · type to filter · ");
    title.push_str(&keys.title_hints(Scope::List, &[(Action::Choose, "go")]));
    for hint in [
        keys.title_hints(
            Scope::NotesList,
            &[
                (Action::EditNote, "edit"),
                (Action::DeleteNote, "delete"),
                (Action::Reattach, "re-attach"),
            ],
        ),
        keys.title_hints(Scope::List, &[(Action::Close, "")]),
    ] {
        if !hint.is_empty() {
            title.push_str(" · ");
            title.push_str(&hint);
        }
    }
    Clear.render(areas.popup, buf);
    pane_block(title, true, theme, areas.popup.width).render(areas.popup, buf);
    buf.set_string(areas.input.x, areas.input.y, "> ", theme.header());
    let field = Rect {
        x: areas.input.x + 2,
        width: areas.input.width.saturating_sub(2),
        ..areas.input
    };
    super::input::draw_line(&list.input, field, Style::new(), theme.input_cursor(), buf);
    let rows = areas.rows;
    if list.rows.is_empty() {
        let message = if state.notes.notes.is_empty() {
            "No notes yet: select something and press a."
        } else {
            "No note matches: the filter looks in bodies, passages and titles."
        };
        buf.set_string(rows.x + 1, rows.y, message, theme.muted());
        return;
    }
    let width = rows.width as usize;
    let mut y = rows.y;
    let bottom = rows.y + rows.height;
    for position in list.scroll..list.rows.len() {
        if y >= bottom {
            break;
        }
        let lines = row_lines(state, list, position, width);
        let skip = heading_lines(list, position);
        for (n, spans) in lines.into_iter().enumerate() {
            if y >= bottom {
                break;
            }
            buf.set_line(rows.x, y, &styled(spans, theme), rows.width);
            if position == list.selected && n >= skip {
                buf.set_style(Rect::new(rows.x, y, rows.width, 1), theme.selected(true));
            }
            y += 1;
        }
    }
    draw_preview(state, list, theme, areas, buf);
}

/// The selected row in full: a note's body and passage in context, or a
/// conflict's texts, an unreadable file's text, a notice.
fn draw_preview(
    state: &State,
    list: &crate::app::notes_list::NotesList,
    theme: &Theme,
    areas: crate::app::layout::NotesListAreas,
    buf: &mut Buffer,
) {
    let area = areas.preview;
    if area.width < 10 || area.height < 2 {
        return;
    }
    // The line between the rows and the preview.
    let beside = area.y == areas.rows.y;
    if beside {
        for y in area.y..area.y + area.height {
            buf.set_string(area.x - 1, y, "│", theme.border(false));
        }
    } else {
        buf.set_string(
            area.x,
            area.y - 1,
            "─".repeat(area.width as usize),
            theme.border(false),
        );
    }
    let lines: Vec<Line<'static>> = match list.rows.get(list.selected) {
        Some(Row::Note(index)) => preview(state, *index, list.selected >= list.placed)
            .into_iter()
            .map(|spans| styled(spans, theme))
            .collect(),
        Some(Row::Conflict(i)) => file_view_lines(state, &view(Viewed::Conflict(*i)), theme).1,
        Some(Row::Unreadable(i)) => file_view_lines(state, &view(Viewed::Unreadable(*i)), theme).1,
        Some(Row::Notice(i)) => file_view_lines(state, &view(Viewed::Notice(*i)), theme).1,
        None => Vec::new(),
    };
    let inside = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inside, buf);
}

fn view(what: Viewed) -> FileView {
    FileView { what, scroll: 0 }
}

/// The lines of a file view: a conflict's two texts, or an unreadable
/// file's reason and text. Every text is escaped.
pub fn file_view_lines(
    state: &State,
    view: &FileView,
    theme: &Theme,
) -> (String, Vec<Line<'static>>) {
    let mut lines = Vec::new();
    let head = |text: String| Line::from(Span::styled(text, theme.header()));
    let body = |text: &str, lines: &mut Vec<Line<'static>>| {
        if text.is_empty() {
            lines.push(Line::from(Span::styled("(empty)", theme.muted())));
        }
        for line in text.split('\n') {
            lines.push(Line::from(sanitize_line(line).into_owned()));
        }
    };
    match view.what {
        Viewed::Conflict(i) => {
            let Some(copy) = state.notes.conflicts.get(i) else {
                return (String::new(), lines);
            };
            match note_of_conflict(state, i) {
                Some(n) => {
                    let note = &state.notes.notes[n];
                    lines.push(head(format!(
                        "The note now (saved {}), on {}:",
                        crate::local_time::minute(note.updated),
                        sanitize_line(&describe(state, n).0)
                    )));
                    body(&note.body, &mut lines);
                }
                None => lines.push(head(format!(
                    "The note {} is not in the notes folder any more.",
                    sanitize_line(&copy.note_id)
                ))),
            }
            lines.push(Line::default());
            let when = copy.note.as_ref().map_or(String::new(), |n| {
                format!(", saved {}", crate::local_time::minute(n.updated))
            });
            lines.push(head(format!(
                "The other text (kept in {}{when}):",
                sanitize_line(&copy.file)
            )));
            body(&copy.text, &mut lines);
            let keys = state.opening.keymap.title_hints(
                Scope::FileView,
                &[
                    (Action::KeepOther, "keep the other text"),
                    (Action::DismissConflict, "dismiss the copy"),
                ],
            );
            (
                format!("Conflict · {keys} · {}", file_view_keys(state)),
                lines,
            )
        }
        Viewed::Unreadable(i) => {
            let Some(file) = state.notes.unreadable.get(i) else {
                return (String::new(), lines);
            };
            lines.push(head(format!(
                "{} could not be read: {}",
                sanitize_line(&file.file),
                sanitize_line(&file.reason)
            )));
            lines.push(Line::from(Span::styled(
                "It is left as it is. Its text:",
                theme.muted(),
            )));
            lines.push(Line::default());
            body(&file.text, &mut lines);
            if file.cut {
                lines.push(Line::from(Span::styled(
                    format!(
                        "… (only the first {} KiB are shown)",
                        crate::notes::SHOWN_TEXT / 1024
                    ),
                    theme.muted(),
                )));
            }
            (
                format!("Unreadable note file · {}", file_view_keys(state)),
                lines,
            )
        }
        Viewed::Notice(i) => {
            if let Some(notice) = state.notes.notices.get(i) {
                body(notice, &mut lines);
            }
            let close = state
                .opening
                .keymap
                .title_hints(Scope::FileView, &[(Action::Close, "")]);
            (format!("Notice · {close}"), lines)
        }
    }
}

/// A conflict's texts or an unreadable file, over the notes list.
pub fn draw_file_view(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(view) = state.layers.file_view() else {
        return;
    };
    let popup = palette_area(area).intersection(area);
    if popup.height < 4 {
        return;
    }
    let (title, lines) = file_view_lines(state, view, theme);
    Clear.render(popup, buf);
    pane_block(title, true, theme, popup.width).render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0))
        .render(inner(popup), buf);
}

/// The offer of a draft left by an earlier session.
pub fn draw_recovery(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(recovery) = state.layers.recovery() else {
        return;
    };
    let Some(draft) = recovery.current() else {
        return;
    };
    let popup = palette_area(area).intersection(area);
    if popup.height < 4 {
        return;
    }
    let keys = &state.opening.keymap;
    let scroll = scroll_keys(state, Scope::Recovery);
    let hint = if recovery.confirm_discard {
        format!("discard this draft for good? {}", keys.yes_no())
    } else {
        let hints = [
            (Action::RecoverDraft, "recover"),
            (
                Action::ViewDraft,
                if recovery.viewing { "hide" } else { "view" },
            ),
            (Action::DiscardDraft, "discard"),
        ];
        let later = keys.title_hints(Scope::Recovery, &[(Action::Close, "later")]);
        if recovery.viewing {
            format!(
                "{} · {scroll} · {later}",
                keys.title_hints(Scope::Recovery, &hints)
            )
        } else {
            format!("{} · {later}", keys.title_hints(Scope::Recovery, &hints))
        }
    };
    let more = recovery.drafts.len() - 1;
    let title = if more > 0 {
        format!("Unsaved note (and {more} more) · {hint}")
    } else {
        format!("Unsaved note · {hint}")
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                if draft.is_new() {
                    "A new note on "
                } else {
                    "An edit of the note on "
                },
                theme.muted(),
            ),
            Span::styled(sanitize_line(&draft.label).into_owned(), theme.header()),
        ]),
        Line::from(Span::styled(
            format!(
                "was not saved when the reader closed ({}).",
                crate::local_time::minute(draft.saved)
            ),
            theme.muted(),
        )),
        Line::default(),
    ];
    if recovery.viewing {
        for line in draft.note.body.split('\n') {
            lines.push(Line::from(sanitize_line(line).into_owned()));
        }
    } else {
        lines.push(Line::from(one_line(&draft.note.body, 300)));
    }
    Clear.render(popup, buf);
    pane_block(title, true, theme, popup.width).render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((recovery.scroll, 0))
        .render(inner(popup), buf);
}

/// `j k scroll` in `scope`, from the keys of `Down` and `Up` there.
fn scroll_keys(state: &State, scope: Scope) -> String {
    let keys = &state.opening.keymap;
    let down = keys.key_of(scope, &Action::Down).unwrap_or_default();
    let up = keys.key_of(scope, &Action::Up).unwrap_or_default();
    format!("{down} {up} scroll")
}

/// `j k scroll · Esc`: the keys of every file view.
fn file_view_keys(state: &State) -> String {
    let close = state
        .opening
        .keymap
        .title_hints(Scope::FileView, &[(Action::Close, "")]);
    format!("{} · {close}", scroll_keys(state, Scope::FileView))
}
