//! Driving the reader without a terminal: keys go through the keymap and
//! `update`, frames are drawn into a `TestBackend`.

#![allow(dead_code)]

use briefing::app::{self, State};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub struct Reader {
    pub state: State,
    pub terminal: Terminal<TestBackend>,
}

impl Reader {
    /// The bundled brief in a `width`×`height` terminal.
    pub fn bundled(width: u16, height: u16) -> Reader {
        Reader::opened(Default::default(), width, height)
    }

    /// The bundled brief opened as the binary opens it (notes loaded,
    /// the reading place restored from `opening.data_dir`).
    pub fn opened(opening: briefing::app::state::Opening, width: u16, height: u16) -> Reader {
        let loaded = briefing::brief::load_bundled();
        let warnings = loaded.warnings();
        let brief = loaded.brief.expect("the bundled brief loads");
        Reader::new(State::open(brief, warnings, opening), width, height)
    }

    /// The bundled brief with notes and places kept in `data`.
    pub fn with_data(data: &std::path::Path, width: u16, height: u16) -> Reader {
        let opening = briefing::app::state::Opening {
            data_dir: Some(data.to_path_buf()),
            ..Default::default()
        };
        Reader::opened(opening, width, height)
    }

    pub fn new(state: State, width: u16, height: u16) -> Reader {
        let mut reader = Reader {
            state,
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
        };
        reader.draw();
        reader
    }

    pub fn area(&self) -> Rect {
        self.terminal.backend().buffer().area
    }

    /// Lays out and draws a frame, as the real loop does.
    pub fn draw(&mut self) -> &Buffer {
        let area = self.area();
        app::layout::prepare(&mut self.state, area);
        let state = &self.state;
        self.terminal
            .draw(|frame| briefing::ui::render(state, frame))
            .expect("draw");
        self.terminal.backend().buffer()
    }

    pub fn event(&mut self, event: Event) -> &mut Reader {
        let area = self.area();
        app::handle_event(&mut self.state, area, &event);
        self.draw();
        self
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Reader {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    pub fn ctrl(&mut self, c: char) -> &mut Reader {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        self.event(Event::Key(key))
    }

    /// Types each character of `keys` as a key press.
    pub fn keys(&mut self, keys: &str) -> &mut Reader {
        for c in keys.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Opens factor `n` (1-based) in the detail pane and presses `j` past
    /// its key points onto its first excerpt, as a person would.
    pub fn select_first_excerpt(&mut self, n: usize) -> &mut Reader {
        self.keys(&n.to_string());
        while self.state.focus != briefing::app::state::Pane::Detail {
            self.key(KeyCode::Tab);
        }
        let points = self.state.brief.factors[n - 1].key_points.len();
        self.keys(&"j".repeat(points + 1))
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Reader {
        self.terminal.backend_mut().resize(width, height);
        self.terminal
            .resize(Rect::new(0, 0, width, height))
            .expect("resize");
        self.draw();
        self
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    pub fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// Position of the first cell where `text` starts on screen.
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        let buffer = self.buffer();
        for y in 0..buffer.area.height {
            let mut row = String::new();
            let mut columns = Vec::new();
            for x in 0..buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                for _ in symbol.chars() {
                    columns.push(x);
                }
                row.push_str(symbol);
            }
            if let Some(byte) = row.find(text) {
                let char_index = row[..byte].chars().count();
                return Some((columns[char_index], y));
            }
        }
        None
    }
}
