//! Hostile content and odd screens: no key panics, nothing unsafe reaches
//! the screen, and a too-small or too-large screen ignores keys.

mod common;

use briefing::app::State;
use briefing::brief::files::{FileProblem, SourceFiles};
use briefing::brief::load::load_text;
use briefing::text::sanitize::is_unsafe;
use common::Reader;
use ratatui::crossterm::event::KeyCode;

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
    State::new(brief, warnings)
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

fn assert_screen_safe(r: &Reader) {
    let screen = r.screen();
    assert!(
        !screen.chars().any(|c| is_unsafe(c) && c != '\n'),
        "an unsafe character reached the screen:\n{screen}"
    );
}

#[test]
fn visual_mode_over_wide_text_after_a_replaced_character_does_not_panic() {
    for hostile in hostile_texts() {
        let mut r = Reader::new(hostile_brief(&hostile), 100, 30);
        r.keys("1").key(KeyCode::Tab).keys("v");
        for _ in 0..8 {
            r.keys("j");
            assert_screen_safe(&r);
        }
        r.keys("kkkkwwwbbbeee$0llhh").key(KeyCode::Esc);
        assert_screen_safe(&r);
    }
}

#[test]
fn visual_mode_in_a_source_with_a_replaced_character_does_not_panic() {
    for hostile in hostile_texts() {
        let mut r = Reader::new(hostile_brief(&hostile), 100, 30);
        // The excerpt, then its source view.
        r.select_first_excerpt(1).key(KeyCode::Enter);
        assert!(r.state.source.is_some());
        r.keys("Gv");
        for _ in 0..6 {
            r.keys("k");
            assert_screen_safe(&r);
        }
        r.keys("gvjjjj");
        assert_screen_safe(&r);
    }
}

#[test]
fn visual_mode_after_a_too_small_screen_in_the_source_view_does_not_panic() {
    for (width, height) in [(80, 24), (100, 30), (160, 48)] {
        let mut r = Reader::bundled(width, height);
        // As the review found it: Tab, Space, Enter opens a source's view
        // from the overview; otherwise an excerpt's source view.
        r.key(KeyCode::Tab).keys(" ").key(KeyCode::Enter);
        if r.state.source.is_none() {
            r.key(KeyCode::Esc)
                .select_first_excerpt(1)
                .key(KeyCode::Enter);
        }
        assert!(r.state.source.is_some(), "{}", r.screen());
        r.resize(40, 10);
        r.keys("Gv");
        r.resize(width, height);
        r.keys("Gvjjkk");
        assert_screen_safe(&r);
    }
}
