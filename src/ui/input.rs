//! Drawing text inputs (the search line, the filters, the note editor)
//! from a `TextArea`'s lines and cursor, with every unsafe character shown
//! as its visible symbol — the widget's own rendering drops control
//! characters silently, so `␛]0;…` would read as `]0;…`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthChar;

use crate::text::sanitize::visible;
use crate::text::wrap::TAB_WIDTH;

/// One character of an input as drawn: its cells' symbol and width.
fn shown(c: char, column: usize, one_line: bool) -> (char, usize) {
    match c {
        '\t' if one_line => ('\u{2409}', 1),
        '\t' => (' ', TAB_WIDTH - column % TAB_WIDTH),
        '\n' => ('\u{2424}', 1),
        c => {
            let c = visible(c).unwrap_or(c);
            (c, c.width().unwrap_or(0))
        }
    }
}

/// Draws a one-line input in `area` (its first row): the text scrolled
/// sideways so the cursor is in view, the cursor cell in `cursor_style`.
pub fn draw_line(
    input: &TextArea,
    area: Rect,
    style: Style,
    cursor_style: Style,
    buf: &mut Buffer,
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let line = input.lines().first().map_or("", String::as_str);
    let cursor = input.cursor().1;
    let cells: Vec<(char, usize)> = line.chars().map(|c| shown(c, 0, true)).collect();
    let width = area.width as usize;
    // The first character shown: as far left as keeps the cursor's cell
    // (one column past the text at its end) inside the area.
    let mut first = 0;
    let mut used: usize = cells.iter().take(cursor).map(|&(_, w)| w).sum::<usize>() + 1;
    while used > width && first < cursor {
        used -= cells[first].1;
        first += 1;
    }
    let mut x = area.x;
    let right = area.x + area.width;
    for (i, &(c, w)) in cells.iter().enumerate().skip(first) {
        if x + w as u16 > right {
            break;
        }
        let cell_style = if i == cursor { cursor_style } else { style };
        put(buf, x, area.y, c, w, cell_style);
        x += w as u16;
    }
    if cursor >= cells.len() && x < right {
        put(buf, x, area.y, ' ', 1, cursor_style);
    }
}

/// Draws a multi-line input in `area`: lines wrapped at the area's width,
/// scrolled so the cursor's row is in view.
pub fn draw_text(
    input: &TextArea,
    area: Rect,
    style: Style,
    cursor_style: Style,
    buf: &mut Buffer,
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let width = area.width as usize;
    let (cursor_row, cursor_col) = (input.cursor().0, input.cursor().1);
    // Rows on screen: (symbol, width, is the cursor) per character.
    let mut rows: Vec<Vec<(char, usize, bool)>> = Vec::new();
    let mut cursor_screen_row = 0;
    for (row, line) in input.lines().iter().enumerate() {
        let mut current: Vec<(char, usize, bool)> = Vec::new();
        let mut column = 0;
        let count = line.chars().count();
        let with_end = line.chars().map(Some).chain(std::iter::once(None));
        for (i, c) in with_end.enumerate() {
            let is_cursor = row == cursor_row && i == cursor_col;
            let (symbol, w) = match c {
                Some(c) => shown(c, column, false),
                // One cell past the end, for the cursor only.
                None if is_cursor => (' ', 1),
                None => break,
            };
            if column + w > width && !current.is_empty() {
                rows.push(std::mem::take(&mut current));
                column = 0;
            }
            if is_cursor {
                cursor_screen_row = rows.len();
            }
            current.push((symbol, w, is_cursor));
            column += w;
            if i >= count {
                break;
            }
        }
        rows.push(current);
    }
    let height = area.height as usize;
    let top = cursor_screen_row.saturating_sub(height.saturating_sub(1));
    for (dy, row) in rows.iter().skip(top).take(height).enumerate() {
        let y = area.y + dy as u16;
        let mut x = area.x;
        for &(symbol, w, is_cursor) in row {
            if x as usize + w > (area.x + area.width) as usize {
                break;
            }
            put(
                buf,
                x,
                y,
                symbol,
                w,
                if is_cursor { cursor_style } else { style },
            );
            x += w as u16;
        }
    }
}

/// Puts `symbol` (`width` columns; a tab's spaces when wider than the
/// symbol) at `x`, `y`.
fn put(buf: &mut Buffer, x: u16, y: u16, symbol: char, width: usize, style: Style) {
    if width == 0 {
        // A combining mark or joiner: join the previous cell.
        if let Some(cell) = x.checked_sub(1).and_then(|px| buf.cell_mut((px, y))) {
            let mut joined = cell.symbol().to_string();
            joined.push(symbol);
            cell.set_symbol(&joined);
        }
        return;
    }
    if symbol == ' ' {
        for dx in 0..width as u16 {
            if let Some(cell) = buf.cell_mut((x + dx, y)) {
                cell.set_symbol(" ").set_style(style);
            }
        }
        return;
    }
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(symbol).set_style(style);
    }
    // The cells a wide character covers are reset, as `Buffer::set_string`
    // does, so the diff leaves them to the terminal.
    for dx in 1..width as u16 {
        if let Some(cell) = buf.cell_mut((x + dx, y)) {
            cell.reset();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn a_one_line_input_shows_control_characters_as_symbols() {
        let input = TextArea::new(vec!["a\u{1b}]0;T\u{7}b\u{202e}c\td".to_string()]);
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        draw_line(&input, buf.area, Style::new(), Style::new(), &mut buf);
        assert_eq!(row(&buf, 0).trim_end(), "a␛]0;T␇b\u{FFFD}c␉d");
    }

    #[test]
    fn a_one_line_input_scrolls_to_keep_the_cursor_in_view() {
        let mut input = TextArea::new(vec!["0123456789abcdef".to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        let cursor = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        draw_line(&input, buf.area, Style::new(), cursor, &mut buf);
        assert_eq!(row(&buf, 0), "9abcdef ");
        assert_eq!(buf[(7, 0)].style().add_modifier, cursor.add_modifier);
    }

    #[test]
    fn the_editor_wraps_shows_symbols_and_follows_the_cursor() {
        let lines = vec![
            "国国国国国".to_string(),
            "x\u{1b}y\tz".to_string(),
            "e\u{301}nd".to_string(),
        ];
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 3));
        draw_text(&input, buf.area, Style::new(), Style::new(), &mut buf);
        // The wide line wraps (3 per row), the cursor's last line shows.
        assert_eq!(row(&buf, 0).replace(' ', ""), "国国");
        assert_eq!(row(&buf, 1), "x␛y z ");
        assert_eq!(row(&buf, 2), "e\u{301}nd   ");
    }
}
