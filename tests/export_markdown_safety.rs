//! The Markdown export read back by a CommonMark parser: text from a brief
//! never becomes markup (headings, rules, lists, HTML, links) it was not
//! meant to be, and URLs become links only for http, https and mailto.

mod common;

use briefing::brief::load::load_text;
use common::MemoryFiles;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

fn brief_with(key_points: &[&str], title: &str, urls: &[&str]) -> briefing::brief::Brief {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let points: Vec<String> = key_points.iter().map(|p| quoted(p)).collect();
    let sources: String = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            format!(
                "[[sources]]\nid = \"s{i}\"\ntitle = \"Source {i}\"\nurl = {}\n\n",
                quoted(url)
            )
        })
        .collect();
    let text = format!(
        "format = 1\n\n[brief]\nid = \"md\"\ntitle = \"Markdown\"\nas_of = 2025-11-30\n\
         summary = \"Plain.\"\n\n{sources}[[factors]]\nid = \"f\"\ntitle = {}\n\
         summary = \"Plain.\"\nkey_points = [{}]\n",
        quoted(title),
        points.join(", ")
    );
    let loaded = load_text("md.toml", text, &MemoryFiles(Vec::new()));
    let problems = loaded.render_diagnostics();
    loaded.brief.unwrap_or_else(|| panic!("{problems}"))
}

/// Every event of the rendered Markdown.
fn events(markdown: &str) -> Vec<Event<'_>> {
    Parser::new(markdown).collect()
}

/// The text of every heading, in order.
fn heading_texts(markdown: &str) -> Vec<String> {
    let mut in_heading = false;
    let mut headings = Vec::new();
    for event in events(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) if in_heading => headings.last_mut().unwrap().push_str(&t),
            _ => {}
        }
    }
    headings
}

#[test]
fn key_points_cannot_start_headings_rules_or_lists() {
    let points = [
        "# heading",
        "---",
        "- nested",
        "1. numbered",
        "> quote",
        "=== setext",
        "+ plus",
        "```fence",
    ];
    let brief = brief_with(&points, "Factor", &["https://example.org"]);
    let md = briefing::export::markdown(&brief, None);
    let events = events(&md);
    let headings = heading_texts(&md);
    assert!(
        headings
            .iter()
            .all(|h| !h.contains("heading") && !h.contains("setext")),
        "a key point became a heading: {headings:?}\n{md}"
    );
    assert!(!events.iter().any(|e| matches!(e, Event::Rule)), "{md}");
    assert!(
        !events.iter().any(|e| matches!(
            e,
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::BlockQuote(_))
        )),
        "{md}"
    );
    // The key points are one flat list (the sources list is the other):
    // no key point made a list of its own or nested one.
    let mut depth = 0usize;
    let mut deepest = 0;
    for e in &events {
        match e {
            Event::Start(Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(deepest, 1, "{md}");
    let lists = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::List(_))))
        .count();
    assert_eq!(lists, 2, "{md}");
    let items = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Item)))
        .count();
    assert_eq!(items, points.len() + 1, "{md}");
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    for point in points {
        assert!(text.contains(point), "{point:?} not shown as text:\n{md}");
    }
}

#[test]
fn urls_are_links_only_for_http_https_and_mailto() {
    let urls = [
        "script",
        "javascript:alert(1)",
        "https://example.org/a b<c>",
        "mailto:desk@example.org",
        "http://example.org/x",
    ];
    let brief = brief_with(&["x"], "Factor", &urls);
    let md = briefing::export::markdown(&brief, None);
    let events = events(&md);
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "{md}"
    );
    let links: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/a%20b%3Cc%3E",
            "mailto:desk@example.org",
            "http://example.org/x"
        ],
        "{md}"
    );
    assert!(md.contains("javascript:alert(1)"), "shown as text: {md}");
}

#[test]
fn a_title_ending_in_hashes_keeps_them() {
    let brief = brief_with(&["x"], "Factor ###", &["https://example.org"]);
    let md = briefing::export::markdown(&brief, None);
    let headings: Vec<String> = heading_texts(&md)
        .into_iter()
        .filter(|h| h.starts_with("1."))
        .collect();
    assert_eq!(headings, ["1. Factor ###"], "{md}");
}

#[test]
fn the_header_counts_one_excerpt_in_the_singular() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean.toml"
    ))
    .unwrap();
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/source.txt"
    ))
    .unwrap();
    let loaded = load_text(
        "clean.toml",
        text,
        &MemoryFiles(vec![("source.txt".into(), source)]),
    );
    let md = briefing::export::markdown(&loaded.brief.unwrap(), None);
    assert!(md.contains("1 excerpt: 1 verified"), "{md}");
    assert!(!md.contains("1 excerpts"), "{md}");
}
