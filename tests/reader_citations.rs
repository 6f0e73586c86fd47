//! The reader shows format-2 citations as compact marks numbered per view
//! (`¹`, `¹˒²`), never as the `[@id]` written in the file; offsets of the
//! text as written still place search hits and notes.

mod common;

use briefing::app::State;
use briefing::brief::load::load_text;
use common::{MemoryFiles, Reader};
use insta::assert_snapshot;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{REPO}/tests/fixtures/{name}")).unwrap()
}

/// The cited fixture brief with `edit` applied to its TOML, loaded
/// against its source.
fn cited_brief(edit: impl FnOnce(String) -> String) -> briefing::brief::Brief {
    let files = MemoryFiles(vec![("source.txt".to_string(), fixture("source.txt"))]);
    load_text("cited.toml", edit(fixture("cited.toml")), &files)
        .brief
        .expect("the cited fixture loads")
}

/// The cited fixture with its Torkham quote changed, so it is not found.
fn misquoted(text: String) -> String {
    text.replace(
        "quote = \"The border crossing at Torkham stayed closed\"",
        "quote = \"The border crossing at Torkham stayed open\"",
    )
}

/// The cited fixture without required evidence and with one key point
/// citing nothing.
fn one_uncited(text: String) -> String {
    text.replace("evidence = \"required\"\n", "").replace(
        "'No written agreement [@istanbul].'",
        "'No written agreement.'",
    )
}

fn cited_reader(width: u16, height: u16) -> Reader {
    let brief = cited_brief(|text| text);
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
    let brief = cited_brief(misquoted);
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
    let brief = cited_brief(one_uncited);
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
    let legend = rows_with(&help, "¹²");
    assert!(
        legend
            .iter()
            .any(|l| l.contains("a citation: the excerpt behind the claim")),
        "{help}"
    );
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

/// The rows of the screen holding `text`.
fn rows_with(screen: &str, text: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.contains(text))
        .map(str::to_string)
        .collect()
}

#[test]
fn marks_are_items_after_their_text_and_enter_peeks_at_the_excerpt() {
    use briefing::app::state::DetailItem;
    let mut reader = cited_reader(100, 34);
    reader
        .keys("1")
        .key(ratatui::crossterm::event::KeyCode::Tab);
    // j: the summary's mark, the first key point, its mark, the second.
    let mut seen = Vec::new();
    for _ in 0..4 {
        reader.keys("j");
        seen.push(reader.state.selected_item());
    }
    let torkham = 0;
    let istanbul = 1;
    assert_eq!(
        seen,
        [
            Some(DetailItem::Mark(torkham)),
            Some(DetailItem::KeyPoint(0)),
            Some(DetailItem::Mark(torkham)),
            Some(DetailItem::KeyPoint(1)),
        ]
    );
    reader.keys("j");
    assert_eq!(
        reader.state.selected_item(),
        Some(DetailItem::Mark(istanbul))
    );
    // The selected mark is drawn reversed, its row marked in the gutter.
    let (x, y) = reader.find("agreement²").expect("the second key point");
    let mark = &reader.buffer()[(x + "agreement".chars().count() as u16, y)];
    assert_eq!(mark.symbol(), "²");
    assert!(
        mark.modifier.contains(ratatui::style::Modifier::REVERSED)
            || mark.bg != ratatui::style::Color::Reset,
        "{mark:?}"
    );
    reader.key(ratatui::crossterm::event::KeyCode::Enter);
    let screen = reader.screen();
    assert_snapshot!("peek_at_a_cited_excerpt", screen);
    assert!(screen.contains("Cited ² · excerpt istanbul"), "{screen}");
    assert!(screen.contains("“talks in Istanbul ended without a written agreement”"));
    assert!(
        screen.contains("Compare."),
        "the annotation, its citation hidden: {screen}"
    );
    assert!(screen.contains("✓ verified"));
    assert!(screen.contains("— A report"));
    assert!(screen.contains("PEEK"), "{screen}");
    // Esc closes it, the mark still selected.
    reader.key(ratatui::crossterm::event::KeyCode::Esc);
    assert!(!reader.screen().contains("Cited ²"));
    assert_eq!(
        reader.state.selected_item(),
        Some(DetailItem::Mark(istanbul))
    );
}

#[test]
fn enter_in_the_peek_opens_the_source_at_the_passage() {
    let mut reader = cited_reader(100, 34);
    // The overview: the bottom line's first mark.
    reader.key(ratatui::crossterm::event::KeyCode::Tab);
    reader.keys("j");
    reader.key(ratatui::crossterm::event::KeyCode::Enter);
    assert!(reader.screen().contains("Cited ¹ · excerpt torkham"));
    reader.key(ratatui::crossterm::event::KeyCode::Enter);
    let view = reader.state.layers.view.as_ref().expect("the source view");
    assert_eq!(view.current, Some(0));
    assert!(reader.state.layers.popup.is_none());
    // Ctrl-o comes back to the mark.
    reader.ctrl('o');
    assert!(reader.state.layers.view.is_none());
    assert_eq!(
        reader.state.selected_item(),
        Some(briefing::app::state::DetailItem::Mark(0))
    );
}

#[test]
fn g_in_the_peek_goes_to_the_excerpt_as_a_recorded_jump() {
    use briefing::app::state::{DetailItem, Target};
    let mut reader = cited_reader(100, 34);
    reader.key(ratatui::crossterm::event::KeyCode::Tab);
    reader.keys("j");
    reader.key(ratatui::crossterm::event::KeyCode::Enter);
    reader.keys("g");
    assert!(reader.state.layers.popup.is_none());
    assert_eq!(reader.state.reading.target, Target::Factor(0));
    assert_eq!(reader.state.selected_item(), Some(DetailItem::Excerpt(0)));
    reader.ctrl('o');
    assert_eq!(reader.state.reading.target, Target::Overview);
    assert_eq!(reader.state.selected_item(), Some(DetailItem::Mark(0)));
}

#[test]
fn listed_excerpts_carry_their_marks_numbers_and_say_what_cites_them() {
    let mut reader = cited_reader(100, 60);
    reader.keys("1");
    let screen = reader.screen();
    assert!(
        screen.contains("¹ “The border crossing at Torkham stayed closed”"),
        "{screen}"
    );
    assert!(
        screen.contains("² “talks in Istanbul ended without a written agreement”"),
        "{screen}"
    );
    assert_eq!(
        rows_with(&screen, "→ cited by: the bottom line").len(),
        2,
        "{screen}"
    );
    assert_eq!(
        rows_with(&screen, "→ cited by: key point 1 of Trade").len(),
        1,
        "{screen}"
    );
    assert_eq!(
        rows_with(&screen, "→ cited by: the summary of Trade").len(),
        1,
        "{screen}"
    );
    assert_snapshot!("excerpts_numbered_and_cited_by", screen);
}

#[test]
fn a_cited_by_link_goes_to_the_claim() {
    use briefing::app::state::{DetailItem, Target};
    let mut reader = cited_reader(100, 60);
    reader
        .keys("1")
        .key(ratatui::crossterm::event::KeyCode::Tab);
    // Down to the first "cited by" link of the first excerpt.
    for _ in 0..40 {
        if let Some(DetailItem::Link(l)) = reader.state.selected_item()
            && reader.state.laid_out.detail.links[l] == briefing::app::location::Location::Overview
        {
            break;
        }
        reader.keys("j");
    }
    reader.key(ratatui::crossterm::event::KeyCode::Enter);
    assert_eq!(reader.state.reading.target, Target::Overview);
}

#[test]
fn x_goes_to_the_next_claim_citing_nothing() {
    use briefing::app::state::{DetailItem, Target};
    let brief = cited_brief(one_uncited);
    let mut reader = Reader::new(State::open(brief, 0, Default::default()), 100, 34);
    reader.keys("x");
    assert_eq!(reader.state.reading.target, Target::Factor(0));
    assert_eq!(reader.state.selected_item(), Some(DetailItem::KeyPoint(1)));
    assert!(
        reader
            .screen()
            .contains("key point 2 of Trade cites no excerpt"),
        "{}",
        reader.screen()
    );
    // The only one: x again stays there, saying it came round.
    reader.keys("x");
    assert_eq!(reader.state.selected_item(), Some(DetailItem::KeyPoint(1)));
    reader.ctrl('o');
    assert_eq!(reader.state.reading.target, Target::Overview);
    reader.keys("?");
    let help = reader.screen();
    assert!(help.contains("next claim that cites no excerpt"), "{help}");
}

#[test]
fn the_source_views_footer_shows_marks_and_names_the_claims_citing_the_excerpt() {
    use briefing::app::state::DetailItem;
    let mut reader = cited_reader(160, 40);
    reader
        .keys("1")
        .key(ratatui::crossterm::event::KeyCode::Tab);
    for _ in 0..40 {
        if reader.state.selected_item() == Some(DetailItem::Excerpt(1)) {
            break;
        }
        reader.keys("j");
    }
    reader.keys("s");
    assert!(reader.state.layers.view.is_some());
    let screen = reader.screen();
    assert!(!screen.contains("[@holding]"), "{screen}");
    assert!(screen.contains("Compare¹."), "{screen}");
    let cited = rows_with(&screen, "Cited by: the bottom line · key point 2 of Trade");
    assert_eq!(cited.len(), 1, "{screen}");
    // Within the reading measure: nothing past column 100 of the footer.
    let (x, _) = reader.find("Cited by:").unwrap();
    let row: String = cited[0].chars().skip(x as usize + 100).collect();
    assert!(
        row.trim_matches(|c| c == ' ' || c == '│').is_empty(),
        "{row:?}"
    );
}

#[test]
fn a_quote_not_found_opens_its_source_at_the_closest_passage() {
    let brief = cited_brief(misquoted);
    let passage = brief.excerpts[0]
        .misquote
        .as_ref()
        .and_then(|m| m.passage.clone())
        .expect("a closest passage");
    let mut reader = Reader::new(State::open(brief, 1, Default::default()), 110, 40);
    reader.state.notice = None;
    briefing::app::location::go(
        &mut reader.state,
        briefing::app::location::Location::Source {
            source: 0,
            excerpt: Some(0),
            offset: None,
        },
        briefing::app::location::Record::Yes,
    );
    let view = reader.state.layers.view.as_ref().unwrap();
    assert_eq!(view.reveal_byte, Some(passage.start));
    reader.draw();
    let screen = reader.screen();
    assert!(screen.contains("showing its closest passage"), "{screen}");
}

#[test]
fn the_caret_never_rests_inside_hidden_citation_syntax() {
    use briefing::brief::TextRef;
    let mut reader = cited_reader(100, 30);
    reader.key(ratatui::crossterm::event::KeyCode::Tab);
    reader.keys("jv");
    let groups: Vec<std::ops::Range<usize>> = reader
        .state
        .brief
        .citations_of(TextRef::BriefSummary)
        .unwrap()
        .citations
        .iter()
        .map(|c| c.range.clone())
        .collect();
    for keys in ["w", "e", "l"] {
        reader.keys("g");
        for _ in 0..40 {
            reader.keys(keys);
            let caret = reader.state.layers.caret.as_ref().unwrap();
            if caret.text != TextRef::BriefSummary {
                break;
            }
            assert!(
                !groups
                    .iter()
                    .any(|g| g.start < caret.cursor && caret.cursor < g.end),
                "{keys}: the caret at {} is inside a citation",
                caret.cursor
            );
        }
    }
}
