//! Driving the reader without a terminal: keys go through the keymap and
//! `update`, frames are drawn into a `TestBackend`.

#![allow(dead_code)]

pub mod drafts;

use briefing::app::{self, State};
use briefing::brief::files::{FileProblem, SourceFiles};
use briefing::brief::load::load_text;
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
        // Times on screen are in the local zone: UTC for every test.
        briefing::local_time::pin(Some(jiff::tz::TimeZone::UTC));
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
    /// its key points and related-factor links onto its first excerpt, as
    /// a person would.
    pub fn select_first_excerpt(&mut self, n: usize) -> &mut Reader {
        self.keys(&n.to_string());
        while self.state.reading.focus != briefing::app::state::Pane::Detail {
            self.key(KeyCode::Tab);
        }
        for _ in 0..200 {
            self.keys("j");
            if matches!(
                self.state.selected_item(),
                Some(briefing::app::state::DetailItem::Excerpt(_))
            ) {
                break;
            }
        }
        self
    }

    /// Factor `n` (1-based) with its key point `point` (0-based) selected,
    /// going down with `j` past the citation marks before it.
    pub fn select_key_point(&mut self, n: usize, point: usize) -> &mut Reader {
        self.keys(&n.to_string());
        while self.state.reading.focus != briefing::app::state::Pane::Detail {
            self.key(KeyCode::Tab);
        }
        let wanted = Some(briefing::app::state::DetailItem::KeyPoint(point));
        for _ in 0..200 {
            if self.state.selected_item() == wanted {
                break;
            }
            self.keys("j");
        }
        self
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

    /// The open source view (panics when none is open).
    pub fn source_view(&self) -> &briefing::app::state::SourceView {
        self.state.layers.view.as_ref().expect("the source view")
    }

    /// The open source view's laid-out document.
    pub fn source_layout(&self) -> &briefing::app::state::SourceLayout {
        self.state
            .laid_out
            .source_of(self.source_view().source)
            .expect("the source view laid out")
    }

    /// The text rows of the source view (inside its border), trimmed.
    pub fn source_text_rows(&self) -> Vec<String> {
        let area = self.state.laid_out.screen.source_text;
        (area.y..area.y + area.height)
            .map(|y| {
                (area.x..area.x + area.width)
                    .map(|x| self.buffer()[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
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

/// Source files held in memory, by name.
pub struct MemoryFiles(pub Vec<(String, String)>);

impl SourceFiles for MemoryFiles {
    fn read(&self, file: &str) -> Result<String, FileProblem> {
        self.0
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| FileProblem::Unreadable(format!("no file {file}")))
    }
}

/// A brief whose factor title, summary, key point and source text are
/// `hostile`, with one excerpt quoting the source's last words.
pub fn hostile_brief(hostile: &str) -> State {
    let toml_string = |s: &str| toml::Value::String(s.to_string()).to_string();
    let source = format!("{hostile}\nThe crossing stayed closed for weeks.\n{hostile}\n");
    let text = format!(
        r#"format = 1

[brief]
id = "hostile"
title = {title}
as_of = 2025-11-30
summary = {text}

[[sources]]
id = "report"
title = {title}
file = "source.txt"

[[factors]]
id = "trade"
title = {title}
summary = {text}
key_points = [{text}, "Plain words here."]

[[events]]
id = "doha"
date = "2025-10"
title = {title}
detail = {text}
factors = ["trade"]
sources = ["report"]

[[excerpts]]
id = "torkham"
source = "report"
quote = "The crossing stayed closed for weeks."
annotation = {text}
factors = ["trade"]
events = ["doha"]
"#,
        title = toml_string(hostile),
        text = toml_string(hostile),
    );
    let files = MemoryFiles(vec![("source.txt".into(), source)]);
    let loaded = load_text("hostile.toml", text, &files);
    let warnings = loaded.warnings();
    let brief = loaded
        .brief
        .expect("the hostile brief loads (with warnings)");
    State::open(brief, warnings, Default::default())
}

/// Every hostile string the tests use: an unsafe character next to wide
/// text that wraps, and the other classes of unsafe characters.
pub fn hostile_texts() -> Vec<String> {
    let wide = "国".repeat(60);
    vec![
        format!("\u{1b}{wide}"),
        format!("\u{202E}{wide}"),
        format!("{wide}\u{2028}{wide}"),
        format!("a\u{1b}]52;c;aGk=\u{7}\u{1b}]0;PWNED\u{7}{wide}"),
        format!("x\u{E0041}\u{FFFE}\u{0378}\u{200B}y {wide}"),
    ]
}

/// Makes a FIFO at `path` without spawning a process: a fork while another
/// test of the same binary holds the notes lock would keep the lock's file
/// description alive in the child until it execs, and that test's next
/// lock would then find the folder "locked by another reader".
pub fn mkfifo(path: &std::path::Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
}
