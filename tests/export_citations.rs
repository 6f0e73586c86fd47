//! Exports keep the evidence: Markdown cites excerpts as footnotes that a
//! CommonMark reader with footnotes resolves; JSON keeps each text as
//! written and lists its citations in code points. Golden files:
//! `tests/golden/cited.{md,json}` (`UPDATE_GOLDEN=1` regenerates them).

mod common;

use std::path::PathBuf;

use briefing::brief::Brief;
use briefing::brief::load::load_text;
use briefing::export::{json, markdown};
use common::MemoryFiles;
use pulldown_cmark::{Event, Options, Parser, Tag};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn cited() -> Brief {
    let read =
        |name: &str| std::fs::read_to_string(format!("{REPO}/tests/fixtures/{name}")).unwrap();
    let files = MemoryFiles(vec![("source.txt".to_string(), read("source.txt"))]);
    load_text("cited.toml", read("cited.toml"), &files)
        .brief
        .expect("the cited fixture loads")
}

fn golden(name: &str, actual: &str) {
    let path: PathBuf = [REPO, "tests", "golden", name].iter().collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; UPDATE_GOLDEN=1 creates it", path.display()));
    assert_eq!(
        expected,
        actual,
        "{} differs (UPDATE_GOLDEN=1)",
        path.display()
    );
}

#[test]
fn markdown_cites_excerpts_as_footnotes() {
    let brief = cited();
    let text = markdown(&brief, None);
    golden("cited.md", &text);
    for id in ["@torkham", "@istanbul", "@holding"] {
        assert!(!text.contains(id), "{id} in\n{text}");
    }
    // The escaped literal stays visible as text.
    assert!(text.contains("A literal \\[@ is not a citation."), "{text}");
    let mut references = Vec::new();
    let mut definitions = Vec::new();
    for event in Parser::new_ext(&text, Options::ENABLE_FOOTNOTES) {
        match event {
            Event::FootnoteReference(label) => references.push(label.to_string()),
            Event::Start(Tag::FootnoteDefinition(label)) => definitions.push(label.to_string()),
            _ => {}
        }
    }
    assert_eq!(
        references,
        [
            "torkham", "istanbul", "torkham", "torkham", "torkham", "istanbul", "holding",
            "holding"
        ]
    );
    assert_eq!(definitions, ["torkham", "istanbul", "holding"]);
    // Each footnote holds the quote and its source.
    assert!(
        text.contains(
            "[^torkham]: \u{201c}The border crossing at Torkham stayed closed\u{201d} \u{2014} *A report*"
        ),
        "{text}"
    );
}

#[test]
fn a_citation_at_a_line_start_stays_a_reference() {
    let mut brief = cited();
    // A key point that starts with a citation followed by a colon must not
    // become a footnote definition.
    let point = "[@torkham]: closed".to_string();
    brief.factors[0].key_points[0] = point;
    let key = briefing::brief::TextRef::KeyPoint(0, 0);
    let cites = brief.citations.get_mut(&key).unwrap();
    cites.citations[0].range = 0..10;
    let text = markdown(&brief, None);
    assert!(text.contains("- [^torkham]\\: closed"), "{text}");
    let references = Parser::new_ext(&text, Options::ENABLE_FOOTNOTES)
        .filter(|e| matches!(e, Event::FootnoteReference(l) if l.as_ref() == "torkham"))
        .count();
    assert_eq!(references, 4, "{text}");
}

#[test]
fn json_keeps_texts_as_written_and_lists_citations_in_code_points() {
    let brief = cited();
    let text = json(&brief, None);
    golden("cited.json", &text);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 2);
    let summary = value["brief"]["summary"].as_str().unwrap();
    assert!(summary.contains("[@istanbul; @torkham]"));
    let slice = |text: &str, c: &serde_json::Value| -> String {
        let start = c["start"].as_u64().unwrap() as usize;
        let end = c["end"].as_u64().unwrap() as usize;
        text.chars().skip(start).take(end - start).collect()
    };
    let cites = value["brief"]["citations"].as_array().unwrap();
    let shown: Vec<(String, &str)> = cites
        .iter()
        .map(|c| (slice(summary, c), c["excerpt"].as_str().unwrap()))
        .collect();
    assert_eq!(
        shown,
        [
            ("[@torkham]".to_string(), "torkham"),
            ("[@istanbul; @torkham]".to_string(), "istanbul"),
            ("[@istanbul; @torkham]".to_string(), "torkham"),
        ]
    );
    let factor = &value["factors"][0];
    let point = factor["key_points"][1].as_str().unwrap();
    let second: Vec<&serde_json::Value> = factor["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["field"] == "key_point" && c["index"] == 1)
        .collect();
    assert_eq!(second.len(), 1);
    assert_eq!(slice(point, second[0]), "[@istanbul]");
    let detail = value["events"][0]["detail"].as_str().unwrap();
    assert_eq!(
        slice(detail, &value["events"][0]["citations"][0]),
        "[@holding]"
    );
}
