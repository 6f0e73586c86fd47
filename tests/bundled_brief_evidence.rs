//! The bundled brief requires evidence: every key point and every summary
//! paragraph cites an excerpt, every quote verifies, and `check --strict`
//! passes — and stops passing when a claim loses its citation.

use std::fs;
use std::ops::Range;
use std::path::Path;

use assert_cmd::Command;
use briefing::brief::{Brief, TextRef};
use tempfile::TempDir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn bundled() -> Brief {
    briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads")
}

/// `briefing check --strict PATH` run in `dir`: (exit code, stdout, stderr).
fn check_strict(dir: &Path, path: &str) -> (i32, String, String) {
    let home = TempDir::new().unwrap();
    let output = Command::cargo_bin("briefing")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--strict", path])
        .env("BRIEFING_DATA_DIR", home.path().join("data"))
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("xdg"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Byte ranges of the paragraphs (text between blank lines) of `text`.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in text.split("\n\n") {
        if !part.trim().is_empty() {
            out.push(at..at + part.len());
        }
        at += part.len() + 2;
    }
    out
}

#[test]
fn the_bundled_brief_declares_evidence_required() {
    let brief = bundled();
    assert_eq!(brief.format, 2);
    assert!(brief.evidence_required);
}

#[test]
fn every_key_point_and_summary_paragraph_of_the_bundled_brief_cites_an_excerpt() {
    let brief = bundled();
    let cited = |text: TextRef| {
        brief
            .citations_of(text)
            .map(|c| {
                c.citations
                    .iter()
                    .map(|c| c.range.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let mut summaries = vec![(TextRef::BriefSummary, "the bottom line".to_string())];
    for (f, factor) in brief.factors.iter().enumerate() {
        summaries.push((TextRef::FactorSummary(f), format!("factor {}", factor.id)));
        for (k, point) in factor.key_points.iter().enumerate() {
            assert!(
                !cited(TextRef::KeyPoint(f, k)).is_empty(),
                "key point {} of {} cites nothing: {point}",
                k + 1,
                factor.id
            );
        }
    }
    for (text, name) in summaries {
        let written = text.text(&brief).unwrap();
        let citations = cited(text);
        for paragraph in paragraphs(written) {
            assert!(
                citations
                    .iter()
                    .any(|c| c.start >= paragraph.start && c.end <= paragraph.end),
                "a paragraph of {name} cites nothing: {}",
                &written[paragraph]
            );
        }
    }
    // Every excerpt verifies and is cited by some claim.
    let counts = brief.verification_counts();
    assert_eq!(counts.verified, brief.excerpts.len());
    let mut used = vec![false; brief.excerpts.len()];
    for text in brief.citations.values() {
        for citation in &text.citations {
            for &e in &citation.excerpts {
                used[e] = true;
            }
        }
    }
    for (excerpt, used) in brief.excerpts.iter().zip(used) {
        assert!(used, "excerpt {} is cited by nothing", excerpt.id);
    }
}

#[test]
fn the_bundled_brief_passes_check_strict_and_counts_its_citations() {
    let (code, stdout, stderr) = check_strict(Path::new(REPO), "briefs/afpak-2025.toml");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let brief = bundled();
    let line = stdout.trim_end();
    assert!(
        line.starts_with("briefs/afpak-2025.toml: ok \u{2014} "),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            "{n} excerpts ({n} verified)",
            n = brief.excerpts.len()
        )),
        "{line}"
    );
    assert!(
        line.ends_with(&format!("{} citations", brief.citation_count())),
        "{line}"
    );
    // The README shows this very line as the example of `check`'s output.
    let readme = fs::read_to_string(Path::new(REPO).join("README.md")).unwrap();
    assert!(
        readme.lines().any(|l| l == line),
        "README.md should show `check`'s line for the bundled brief: {line}"
    );
}

#[test]
fn a_key_point_of_the_bundled_brief_without_its_citation_fails_check_strict() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("briefs")).unwrap();
    fs::create_dir(dir.path().join("seeds")).unwrap();
    for entry in fs::read_dir(Path::new(REPO).join("seeds")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(
            entry.path(),
            dir.path().join("seeds").join(entry.file_name()),
        )
        .unwrap();
    }
    let text = fs::read_to_string(Path::new(REPO).join("briefs/afpak-2025.toml")).unwrap();
    let point = "the Trump administration [@trump-russia-china].\",";
    assert_eq!(
        text.matches(point).count(),
        1,
        "the U.S. key point is there"
    );
    let line = text[..text.find(point).unwrap()].lines().count();
    let stripped = text.replace(point, "the Trump administration.\",");
    fs::write(dir.path().join("briefs/afpak-2025.toml"), stripped).unwrap();
    let (code, _, stderr) = check_strict(dir.path(), "briefs/afpak-2025.toml");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("briefs/afpak-2025.toml:{line}:")),
        "the error names the key point's line {line}\n{stderr}"
    );
}
