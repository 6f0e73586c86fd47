//! Styles. Colours come from the 16 ANSI colours, so the terminal's theme
//! applies; with `NO_COLOR` no colour is used at all, only bold, italic,
//! underline and reverse, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::doc::Tone;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn tone(&self, tone: Tone) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match tone {
            Tone::Title => bold,
            Tone::Heading => self.pick(
                bold.fg(Color::Cyan),
                bold.add_modifier(Modifier::UNDERLINED),
            ),
            Tone::Body => Style::new(),
            Tone::Muted | Tone::Citation => {
                self.pick(Style::new().fg(Color::DarkGray), Style::new())
            }
            Tone::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Tone::Label => self.pick(Style::new().fg(Color::Cyan), Style::new()),
            Tone::Verified => self.pick(Style::new().fg(Color::Green), Style::new()),
            Tone::NotFound => {
                self.pick(bold.fg(Color::Red), bold.add_modifier(Modifier::UNDERLINED))
            }
            Tone::Unverifiable => self.pick(
                Style::new().fg(Color::Yellow),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            Tone::Quoted => self.pick(
                Style::new().fg(Color::Black).bg(Color::Yellow),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            Tone::NoteHead => self.pick(
                Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Tone::Note => self.pick(
                Style::new().fg(Color::Magenta),
                Style::new().add_modifier(Modifier::ITALIC),
            ),
            Tone::Noted => Style::new().add_modifier(Modifier::UNDERLINED),
            Tone::Link => self.pick(
                Style::new()
                    .fg(Color::LightBlue)
                    .add_modifier(Modifier::UNDERLINED),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            Tone::Selection => Style::new().add_modifier(Modifier::REVERSED),
            Tone::Cursor => Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::BOLD),
            Tone::Match => self.pick(
                Style::new().fg(Color::Black).bg(Color::Cyan),
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED | Modifier::ITALIC),
            ),
            Tone::MatchCurrent => self.pick(
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Magenta)
                    .add_modifier(Modifier::BOLD),
                Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            ),
            Tone::QuotedCurrent => self.pick(
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new(),
        }
    }

    /// A selected row in a list.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// The mark beside the selected item of the detail pane.
    pub fn gutter(&self, focused: bool) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        match (focused, self.color) {
            (true, true) => style.fg(Color::Cyan),
            _ => style,
        }
    }

    /// The cursor of a text input (as the text-area widget draws it).
    pub fn input_cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        self.tone(Tone::Muted)
    }

    pub fn warning(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The focused pane's name in the status bar.
    pub fn badge(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}
