//! The reader shows format-2 citations as compact marks numbered per view
//! (`¹`, `¹˒²`), never as the `[@id]` written in the file; offsets of the
//! text as written still place search hits and notes.

mod common;

use briefing::app::State;
use briefing::brief::load::load_text;
use common::{MemoryFiles, Reader};
use insta::assert_snapshot;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn cited_reader(width: u16, height: u16) -> Reader {
    let read =
        |name: &str| std::fs::read_to_string(format!("{REPO}/tests/fixtures/{name}")).unwrap();
    let files = MemoryFiles(vec![("source.txt".to_string(), read("source.txt"))]);
    let loaded = load_text("cited.toml", read("cited.toml"), &files);
    let brief = loaded.brief.expect("the cited fixture loads");
    Reader::new(State::open(brief, 0, Default::default()), width, height)
}

#[test]
fn the_overview_shows_marks_not_citation_syntax() {
    let reader = cited_reader(100, 30);
    let screen = reader.screen();
    assert!(!screen.contains("[@torkham"), "{screen}");
    // Numbered in order of first appearance; a repeated excerpt keeps its
    // number; the space before a mark is dropped; `\[@` shows as `[@`.
    assert!(screen.contains("The border stayed shut\u{b9}."), "{screen}");
    assert!(
        screen.contains("Talks failed\u{b2}\u{2d2}\u{b9}. A literal [@ is not a citation."),
        "{screen}"
    );
}

#[test]
fn a_key_point_with_marks() {
    let mut reader = cited_reader(100, 30);
    reader.keys("1");
    let screen = reader.screen();
    assert!(!screen.contains("[@torkham"), "{screen}");
    assert!(!screen.contains("[@istanbul"), "{screen}");
    assert_snapshot!("factor_with_citation_marks", screen);
}

#[test]
fn a_misquoted_excerpt_says_where_it_goes_wrong() {
    let read =
        |name: &str| std::fs::read_to_string(format!("{REPO}/tests/fixtures/{name}")).unwrap();
    let files = MemoryFiles(vec![("source.txt".to_string(), read("source.txt"))]);
    let text = read("cited.toml").replace(
        "quote = \"The border crossing at Torkham stayed closed\"",
        "quote = \"The border crossing at Torkham stayed open\"",
    );
    let brief = load_text("cited.toml", text, &files)
        .brief
        .expect("warnings only");
    let mut reader = Reader::new(State::open(brief, 1, Default::default()), 110, 40);
    reader.keys("1");
    let screen = reader.screen();
    assert!(screen.contains("✗ not found"), "{screen}");
    assert!(
        screen.contains("closest passage: the source has ‘closed’ where the quote has ‘open’"),
        "{screen}"
    );
}

#[test]
fn a_factor_with_uncited_key_points_carries_a_mark_and_the_legend_says_so() {
    let read =
        |name: &str| std::fs::read_to_string(format!("{REPO}/tests/fixtures/{name}")).unwrap();
    let files = MemoryFiles(vec![("source.txt".to_string(), read("source.txt"))]);
    let text = read("cited.toml")
        .replace("evidence = \"required\"\n", "")
        .replace(
            "'No written agreement [@istanbul].'",
            "'No written agreement.'",
        );
    let brief = load_text("cited.toml", text, &files)
        .brief
        .expect("loads without required evidence");
    let mut reader = Reader::new(State::open(brief, 0, Default::default()), 110, 40);
    let screen = reader.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("1 Trade"))
        .expect("the factor's row");
    assert!(row.contains("\u{2205}1"), "{screen}");
    reader.keys("?G");
    let help = reader.screen();
    assert!(help.contains("cite no excerpt"), "{help}");
}

#[test]
fn a_fully_cited_brief_shows_no_uncited_mark() {
    let reader = cited_reader(110, 40);
    assert!(!reader.screen().contains('\u{2205}'), "{}", reader.screen());
}

/// The hits of `query` after typing it in the search line and `Enter`.
fn search(reader: &mut Reader, query: &str) -> Vec<(briefing::brief::TextRef, String)> {
    reader
        .keys("/")
        .keys(query)
        .key(ratatui::crossterm::event::KeyCode::Enter);
    let brief = &reader.state.brief;
    reader
        .state
        .search
        .hits
        .iter()
        .map(|h| {
            (
                h.text,
                h.text.text(brief).unwrap()[h.range.clone()].to_string(),
            )
        })
        .collect()
}

#[test]
fn search_finds_the_shown_words_not_the_hidden_citation_syntax() {
    use briefing::brief::TextRef;
    let mut reader = cited_reader(100, 30);
    assert_eq!(search(&mut reader, "@torkham"), []);
    reader.keys("\x1b");
    // The escaped `\[@` shows as `[@`, and is found as shown.
    let hits = search(&mut reader, "[@");
    assert_eq!(hits, [(TextRef::BriefSummary, "[@".to_string())]);
    reader.key(ratatui::crossterm::event::KeyCode::Esc);
    // Words on both sides of a hidden citation are found as read, and the
    // hit, in the text as written, spans the citation.
    let hits = search(&mut reader, "shut.");
    assert_eq!(
        hits,
        [(TextRef::BriefSummary, "shut [@torkham].".to_string())]
    );
    let screen = reader.screen();
    assert!(screen.contains("1/1"), "{screen}");
}

#[test]
fn copying_a_cited_text_copies_the_words_shown() {
    let mut reader = cited_reader(100, 30);
    reader.keys("vy");
    let copied: Vec<String> = briefing::app::clipboard::drain(&mut reader.state);
    assert_eq!(copied.len(), 1, "{}", reader.screen());
    let sent = &copied[0];
    let encoded = sent
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .unwrap();
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.starts_with(
            "“The border stayed shut.\n\nTalks failed. A literal [@ is not a citation.”"
        ),
        "{text}"
    );
    assert!(!text.contains("[@torkham"), "{text}");
}
