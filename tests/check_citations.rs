//! `briefing check` on format-2 briefs: citations `[@id]`, what only looks
//! like one, and `evidence = "required"`, each at its exact `PATH:LINE:COL`.
//!
//! Fixtures are `tests/fixtures/cite*.toml`, variations of `cited.toml`
//! quoting `tests/fixtures/source.txt`.

use std::path::Path;

mod cli_harness;

use cli_harness::*;
use tempfile::TempDir;

#[test]
fn a_cited_brief_is_clean_and_its_summary_line_counts_citations() {
    let run = check("cited.toml");
    run.code(0).stdout_is(
        "tests/fixtures/cited.toml: ok \u{2014} 1 factor, 1 event, 3 excerpts (3 verified), 1 source, 8 citations\n",
    );
    // A literal `\\[@` and an e-mail address are no citations and no
    // errors.
    assert_eq!(run.stderr, "");
}

#[test]
fn a_format_1_brief_reads_as_before_with_no_citations() {
    check("cite-format1.toml").code(0).stdout_is(
        "tests/fixtures/cite-format1.toml: ok \u{2014} 1 factor, 1 event, 3 excerpts (3 verified), 1 source\n",
    );
    check("cite-format1-evidence.toml").code(1).reported_at(
        "cite-format1-evidence.toml",
        "7:1",
        "unknown key `evidence` in [brief]",
    );
}

#[test]
fn an_unknown_excerpt_is_an_error_at_its_id_with_a_suggestion() {
    check("cite-unknown-excerpt.toml")
        .code(1)
        .reported_at(
            "cite-unknown-excerpt.toml",
            "24:27",
            "no excerpt has the id `istanbull` (cited here)",
        )
        .stderr_has("did you mean `istanbul`?")
        .stdout_is("tests/fixtures/cite-unknown-excerpt.toml: 1 error\n");
}

#[test]
fn unsupported_citations_are_errors_where_written() {
    let f = "cite-unsupported.toml";
    check(f)
        .code(1)
        .reported_at(
            f,
            "23:41",
            "unsupported citation `@torkham`: a citation is written in brackets",
        )
        .reported_at(
            f,
            "23:57",
            "unsupported citation `@torkham, p. 3`: locators",
        )
        .reported_at(f, "23:77", "unsupported citation: `-@id`")
        // The key point has a good citation too: it is not "uncited".
        .stderr_lacks("cites no excerpt")
        .stdout_is(&format!("tests/fixtures/{f}: 3 errors\n"));
}

#[test]
fn malformed_citations_are_errors_where_written() {
    let f = "cite-malformed.toml";
    check(f)
        .code(1)
        .reported_at(
            f,
            "31:24",
            "malformed citation: `Holding` is not an excerpt id",
        )
        .reported_at(
            f,
            "31:47",
            "malformed citation: `[@` is never closed by `]`",
        )
        .stderr_has("write `\\\\[@` in the file for a literal `[@`")
        .stdout_is(&format!("tests/fixtures/{f}: 2 errors\n"));
}

#[test]
fn citations_in_titles_twice_in_a_group_or_never_closed_are_errors_where_written() {
    let f = "cite-not-here.toml";
    check(f)
        .code(1)
        .reported_at(
            f,
            "5:18",
            "citation not allowed here: a title cannot cite excerpts (`[@torkham]`)",
        )
        .reported_at(
            f,
            "20:16",
            "citation not allowed here: a title cannot cite excerpts (`[-@istanbul]`)",
        )
        .reported_at(
            f,
            "30:35",
            "citation not allowed here: a title cannot cite excerpts (`[@`)",
        )
        .reported_at(
            f,
            "23:47",
            "malformed citation: `@torkham` is cited twice in one group",
        )
        // At the `[@`, two columns wide, not to the end of the line.
        .reported_at(
            f,
            "31:30",
            "malformed citation: `[@` is never closed by `]`",
        )
        .stderr_has("31 | detail = \"Said to be holding [@holding; never closed, as the line runs on and on\"\n   |                              ^^\n")
        .stdout_is(&format!("tests/fixtures/{f}: 5 errors\n"));
}

#[test]
fn a_citation_written_with_escapes_is_reported_at_the_string_start() {
    let f = "cite-escaped-string.toml";
    check(f)
        .code(1)
        .reported_at(f, "21:11", "unsupported citation `@torkham, p. 3`")
        .stderr_lacks("cites no excerpt")
        .stdout_is(&format!("tests/fixtures/{f}: 1 error\n"));
}

#[test]
fn required_evidence_reports_uncited_claims_and_uncited_excerpts() {
    let f = "cite-uncited.toml";
    check(f)
        .code(1)
        // The summary's second paragraph, at its first character.
        .reported_at(f, "11:1", "this paragraph of the summary cites no excerpt")
        .reported_at(f, "25:3", "this key point cites no excerpt")
        .reported_at(f, "44:6", "no claim cites this excerpt")
        .stderr_lacks("cite-uncited.toml:9:")
        .stdout_is(&format!("tests/fixtures/{f}: 2 errors, 1 warning\n"));
}

#[test]
fn an_unknown_evidence_rule_is_an_error() {
    let dir = TempDir::new().unwrap();
    let cited = std::fs::read_to_string(Path::new(REPO).join("tests/fixtures/cited.toml")).unwrap();
    std::fs::copy(
        Path::new(REPO).join("tests/fixtures/source.txt"),
        dir.path().join("source.txt"),
    )
    .unwrap();
    let brief = dir.path().join("brief.toml");
    std::fs::write(&brief, cited.replace("\"required\"", "\"always\"")).unwrap();
    let loaded = briefing::brief::load_path(&brief).unwrap();
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["unknown evidence rule `always`"]);
}

#[test]
fn the_model_keeps_each_texts_citations_as_written() {
    use briefing::brief::TextRef;
    let loaded =
        briefing::brief::load_path(&Path::new(REPO).join("tests/fixtures/cited.toml")).unwrap();
    let brief = loaded.brief.expect("loads");
    assert_eq!(brief.format, 2);
    assert!(brief.evidence_required);
    let shown = |text: TextRef| -> Vec<(String, Vec<&str>)> {
        let written = text.text(&brief).unwrap();
        brief
            .citations_of(text)
            .map(|c| {
                c.citations
                    .iter()
                    .map(|c| {
                        let ids = c.excerpts.iter().map(|&x| brief.excerpts[x].id.as_str());
                        (written[c.range.clone()].to_string(), ids.collect())
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        shown(TextRef::BriefSummary),
        [
            ("[@torkham]".to_string(), vec!["torkham"]),
            (
                "[@istanbul; @torkham]".to_string(),
                vec!["istanbul", "torkham"]
            ),
        ]
    );
    // The texts are kept as written, escapes included.
    assert!(brief.summary.contains("A literal \\[@ is not"));
    let escapes = &brief.citations_of(TextRef::BriefSummary).unwrap().escapes;
    assert_eq!(escapes.len(), 1);
    assert_eq!(&brief.summary[escapes[0]..escapes[0] + 3], "\\[@");
    assert_eq!(
        shown(TextRef::KeyPoint(0, 1)),
        [("[@istanbul]".to_string(), vec!["istanbul"])]
    );
    assert_eq!(
        shown(TextRef::EventDetail(0)),
        [("[@holding]".to_string(), vec!["holding"])]
    );
    assert_eq!(
        shown(TextRef::Annotation(1)),
        [("[@holding]".to_string(), vec!["holding"])]
    );
    assert_eq!(shown(TextRef::FactorTitle(0)), []);
    assert_eq!(brief.citation_count(), 8);
}

// ---------------------------------------------------------------- misquotes

#[test]
fn a_misquote_notes_the_closest_passage_and_its_first_divergence() {
    check("quote-not-found.toml")
        .code(0)
        .reported_at(
            "quote-not-found.toml",
            "22:9",
            "quote not found in source `report` (source.txt)",
        )
        // Line 1, column 32 of the source is where `stayed` starts.
        .stderr_has(
            "= note: tests/fixtures/source.txt:1:32: closest passage: the source has \u{2018}stayed\u{2019} where the quote has \u{2018}reopened\u{2019}",
        );
}

#[test]
fn a_quote_held_verbatim_by_another_source_says_which() {
    check("misquote-other-source.toml")
        .code(0)
        .reported_at(
            "misquote-other-source.toml",
            "27:9",
            "quote not found in source `report` (source.txt)",
        )
        .stderr_has(
            "= note: tests/fixtures/source-b.txt:1:26: another source of the brief holds it verbatim: `traders` (source-b.txt)",
        )
        .stderr_lacks("closest passage");
}

#[test]
fn event_citations_follow_their_events_into_date_order() {
    let dir = TempDir::new().unwrap();
    let cited = std::fs::read_to_string(Path::new(REPO).join("tests/fixtures/cited.toml")).unwrap();
    std::fs::copy(
        Path::new(REPO).join("tests/fixtures/source.txt"),
        dir.path().join("source.txt"),
    )
    .unwrap();
    // A second event, written after the first but dated before it.
    let text = format!(
        "{cited}\n[[events]]\nid = \"early\"\ndate = \"2024\"\ntitle = \"Earlier\"\ndetail = \"Before it all [@istanbul].\"\n"
    );
    let brief_path = dir.path().join("brief.toml");
    std::fs::write(&brief_path, text).unwrap();
    let brief = briefing::brief::load_path(&brief_path)
        .unwrap()
        .brief
        .expect("loads");
    use briefing::brief::TextRef;
    assert_eq!(brief.events[0].id, "early");
    let first = brief.citations_of(TextRef::EventDetail(0)).unwrap();
    assert_eq!(
        brief.excerpts[first.citations[0].excerpts[0]].id,
        "istanbul"
    );
    let second = brief.citations_of(TextRef::EventDetail(1)).unwrap();
    assert_eq!(
        brief.excerpts[second.citations[0].excerpts[0]].id,
        "holding"
    );
}
