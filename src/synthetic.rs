//! Large synthetic briefs for benchmarks and stress tests.
//!
//! The generator is deterministic for a given seed. Quotes are cut from the
//! generated source texts (some with an elision), so a generated brief
//! checks clean and every excerpt verifies. It is written in format 2:
//! each key point cites one to three excerpts, each event's detail one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How large a brief to generate.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub factors: usize,
    pub events: usize,
    pub excerpts: usize,
    pub sources: usize,
    /// Total bytes of source text, spread over the sources.
    pub source_bytes: usize,
}

impl Size {
    /// About 20 MB of TOML and 7 MB of sources (100 files).
    pub const LARGE: Size = Size {
        factors: 12,
        events: 20_000,
        excerpts: 20_000,
        sources: 100,
        source_bytes: 7_000_000,
    };

    pub const SMALL: Size = Size {
        factors: 4,
        events: 50,
        excerpts: 50,
        sources: 3,
        source_bytes: 30_000,
    };
}

/// A generated brief: its TOML text and its source files (names relative to
/// the brief's folder).
pub struct Synthetic {
    pub toml: String,
    pub sources: Vec<(String, String)>,
}

const WORDS: &[&str] = &[
    "border",
    "talks",
    "ceasefire",
    "Kabul",
    "Islamabad",
    "militants",
    "trade",
    "crossing",
    "refugees",
    "envoy",
    "mediation",
    "security",
    "province",
    "agreement",
    "minister",
    "delegation",
    "statement",
    "pressure",
    "regional",
    "tensions",
    "Doha",
    "Istanbul",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "on",
    "with",
    "Pakistan\u{2019}s",
    "\u{201C}forced",
    "cooperation\u{201D}",
    "\u{2013}",
    "policy",
    "analysts",
    "reported",
    "officials",
    "said",
    "fighting",
    "economy",
    "transit",
    "corridor",
    "airbase",
    "influence",
    "neighbours",
];

fn words(rng: &mut fastrand::Rng, count: usize) -> String {
    let mut out = String::new();
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[rng.usize(..WORDS.len())]);
    }
    out
}

fn date(rng: &mut fastrand::Rng) -> String {
    let year = rng.u16(2000..=2025);
    match rng.u8(0..10) {
        0 => format!("\"{year}\""),
        1 => format!("\"{year}-{:02}\"", rng.u8(1..=12)),
        2 => format!("\"{year}-{:02}/{year}-12\"", rng.u8(1..=12)),
        _ => format!("{year}-{:02}-{:02}", rng.u8(1..=12), rng.u8(1..=28)),
    }
}

/// Generates a brief of `size` from `seed`.
pub fn generate(size: Size, seed: u64) -> Synthetic {
    let mut rng = fastrand::Rng::with_seed(seed);
    let per_source = (size.source_bytes / size.sources.max(1)).max(200);
    let sources: Vec<(String, String)> = (0..size.sources)
        .map(|i| {
            let mut text = String::with_capacity(per_source + 200);
            while text.len() < per_source {
                let count = rng.usize(8..25);
                let sentence = words(&mut rng, count);
                text.push_str(&sentence);
                text.push_str(if rng.u8(0..6) == 0 { ".\n\n" } else { ". " });
            }
            (format!("sources/source-{i:04}.txt"), text)
        })
        .collect();

    let mut toml = String::with_capacity(size.events * 420 + size.excerpts * 520);
    toml.push_str("format = 2\n\n[brief]\nid = \"synthetic\"\ntitle = \"Synthetic brief\"\n");
    toml.push_str(
        "as_of = 2025-11-30\nsummary = \"\"\"\nA generated brief for benchmarks.\n\"\"\"\n\n",
    );
    for (i, (file, _)) in sources.iter().enumerate() {
        let _ = writeln!(
            toml,
            "[[sources]]\nid = \"s{i}\"\ntitle = \"Source {i}\"\npublisher = \"Generator\"\nfile = \"{file}\"\n"
        );
    }
    for i in 0..size.factors {
        let _ = writeln!(
            toml,
            "[[factors]]\nid = \"f{i}\"\ntitle = \"Factor {i}\"\nsummary = \"\"\"\n{}\n\"\"\"\nkey_points = [\"{} {}\", \"{} {}\"]\nconfidence = \"moderate\"\n",
            words(&mut rng, 60),
            words(&mut rng, 12),
            cite(&mut rng, size.excerpts, 1..=3),
            words(&mut rng, 12),
            cite(&mut rng, size.excerpts, 1..=3),
        );
    }
    for i in 0..size.events {
        let _ = writeln!(
            toml,
            "[[events]]\nid = \"e{i}\"\ndate = {}\ntitle = \"{}\"\ndetail = \"\"\"\n{} {}\n\"\"\"\nplace = \"Place {}\"\nfactors = [\"f{}\"]\nsources = [\"s{}\"]\n",
            date(&mut rng),
            words(&mut rng, 6),
            words(&mut rng, 40),
            cite(&mut rng, size.excerpts, 1..=1),
            rng.u16(..500),
            rng.usize(..size.factors.max(1)),
            rng.usize(..size.sources.max(1)),
        );
    }
    // Word starts of each source, found once: finding them per excerpt
    // made generating a large brief quadratic.
    let word_starts: Vec<Vec<usize>> = sources.iter().map(|(_, t)| word_starts(t)).collect();
    for i in 0..size.excerpts {
        let source = rng.usize(..sources.len().max(1));
        let text = &sources[source].1;
        let quote = cut_quote(&mut rng, text, &word_starts[source]);
        let _ = writeln!(
            toml,
            "[[excerpts]]\nid = \"x{i}\"\nsource = \"s{source}\"\nquote = \"\"\"\n{quote}\"\"\"\nfactors = [\"f{}\"]\nevents = [\"e{}\"]\nannotation = \"\"\"\n{}\n\"\"\"\n",
            rng.usize(..size.factors.max(1)),
            rng.usize(..size.events.max(1)),
            words(&mut rng, 35),
        );
    }
    Synthetic { toml, sources }
}

/// A citation of `count` (in `range`) random excerpts: `[@x3; @x17]`.
fn cite(
    rng: &mut fastrand::Rng,
    excerpts: usize,
    count: std::ops::RangeInclusive<usize>,
) -> String {
    if excerpts == 0 {
        return String::new();
    }
    let ids: Vec<String> = (0..rng.usize(count))
        .map(|_| format!("@x{}", rng.usize(..excerpts)))
        .collect();
    format!("[{}]", ids.join("; "))
}

/// Where the words after each space in `text` start.
fn word_starts(text: &str) -> Vec<usize> {
    memchr::memchr_iter(b' ', text.as_bytes())
        .map(|i| i + 1)
        .collect()
}

/// A run of whole words from `text`, sometimes with an elided middle;
/// `boundaries` are its [`word_starts`].
fn cut_quote(rng: &mut fastrand::Rng, text: &str, boundaries: &[usize]) -> String {
    let pick = |from: usize, words: usize| {
        let start = boundaries[from.min(boundaries.len() - 1)];
        let end = boundaries.get(from + words).map_or(text.len(), |&b| b - 1);
        text[start..end].trim().to_string()
    };
    let from = rng.usize(..boundaries.len().saturating_sub(60).max(1));
    if rng.u8(0..8) == 0 {
        let first = pick(from, 8);
        let second = pick(from + 8 + rng.usize(2..20), 8);
        format!("{first} \u{2026} {second}")
    } else {
        pick(from, rng.usize(10..30))
    }
}

impl Synthetic {
    /// Writes the brief as `brief.toml` in `folder`, with its sources.
    pub fn write_to(&self, folder: &Path) -> std::io::Result<PathBuf> {
        for (name, text) in &self.sources {
            let path = folder.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
        let brief = folder.join("brief.toml");
        std::fs::write(&brief, &self.toml)?;
        Ok(brief)
    }
}

/// Generates the [`Size::LARGE`] brief into a new temporary folder and
/// loads it, for benchmarks. The folder lives as long as the returned guard.
pub fn load_large() -> std::io::Result<(tempfile::TempDir, crate::brief::Brief)> {
    let folder = tempfile::tempdir()?;
    let path = generate(Size::LARGE, 1).write_to(folder.path())?;
    let loaded = crate::brief::load_file(&path, "brief.toml")
        .map_err(|_| std::io::Error::other("the generated brief cannot be read"))?;
    let brief = loaded
        .brief
        .ok_or_else(|| std::io::Error::other("the generated brief has errors"))?;
    Ok((folder, brief))
}

/// A brief with one large source, many excerpts from it, and passage
/// notes on its text, half of them on passages that changed since the
/// notes were taken (the large-text fixture for speed targets).
pub struct LargeSource {
    pub synthetic: Synthetic,
    /// Notes on the source's text as it was: half of the passages had a
    /// word fewer then.
    pub notes: Vec<crate::notes::Note>,
}

/// The source of [`large_source`]: its id in the brief.
pub const LARGE_SOURCE_ID: &str = "s0";

/// One 10 MB source, 1,000 excerpts from it, and 1,000 passage notes on
/// its text, half on passages that changed. Deterministic for a `seed`
/// (but for the notes' ids and times).
pub fn large_source(seed: u64) -> LargeSource {
    large_source_of(10_000_000, 1_000, 1_000, seed)
}

/// [`large_source`] with other sizes.
pub fn large_source_of(
    source_bytes: usize,
    excerpts: usize,
    notes: usize,
    seed: u64,
) -> LargeSource {
    use crate::notes::{Field, ItemKind, Note, NoteTarget, Passage};
    let synthetic = generate(
        Size {
            factors: 4,
            events: 50,
            excerpts,
            sources: 1,
            source_bytes,
        },
        seed,
    );
    let text = &synthetic.sources[0].1;
    let starts = word_starts(text);
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    // Passages of 5 to 12 words, not overlapping, in text order.
    let mut spans: Vec<(usize, usize, usize)> = (0..notes)
        .map(|_| {
            let from = rng.usize(..starts.len().saturating_sub(20).max(1));
            let words = rng.usize(5..=12);
            (from, words, starts[from])
        })
        .collect();
    spans.sort_by_key(|&(_, _, start)| start);
    spans.dedup_by(|b, a| b.0 < a.0 + a.1 + 1);
    // The text as it was: a word more inside every other passage.
    const INSERTED: &str = "indeed ";
    let mut old = String::with_capacity(text.len() + spans.len() * INSERTED.len());
    let mut copied = 0;
    let mut ranges = Vec::with_capacity(spans.len());
    for (n, &(from, words, start)) in spans.iter().enumerate() {
        let end = starts.get(from + words).map_or(text.len(), |&b| b - 1);
        old.push_str(&text[copied..start]);
        let old_start = old.len();
        if n % 2 == 1 {
            let middle = starts[from + words / 2];
            old.push_str(&text[start..middle]);
            old.push_str(INSERTED);
            old.push_str(&text[middle..end]);
        } else {
            old.push_str(&text[start..end]);
        }
        ranges.push((old_start, old.len()));
        copied = end;
    }
    old.push_str(&text[copied..]);
    // Character offsets, in one walk over the old text.
    let chars: Vec<char> = old.chars().collect();
    let mut offsets = Vec::with_capacity(ranges.len());
    let (mut byte, mut at) = (0, 0);
    let mut to_char = |target: usize| {
        while byte < target {
            byte += chars[at].len_utf8();
            at += 1;
        }
        at
    };
    for &(start, end) in &ranges {
        let start = to_char(start);
        offsets.push((start, to_char(end)));
    }
    let sha = crate::notes::sha256_hex(&old);
    let notes = offsets
        .into_iter()
        .enumerate()
        .map(|(i, (start, end))| {
            let before = start.saturating_sub(crate::notes::CONTEXT_CHARS);
            let after = (end + crate::notes::CONTEXT_CHARS).min(chars.len());
            let passage = Passage {
                field: Field::Text,
                exact: chars[start..end].iter().collect(),
                prefix: chars[before..start].iter().collect(),
                suffix: chars[end..after].iter().collect(),
                start,
                end,
                field_sha256: sha.clone(),
            };
            Note::new(
                NoteTarget::passage(ItemKind::Source, Some(LARGE_SOURCE_ID), passage),
                format!("note {i} on the large source"),
            )
        })
        .collect();
    LargeSource { synthetic, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::files::{FileProblem, SourceFiles};
    use crate::brief::load::load_text;

    struct InMemory<'s>(&'s [(String, String)]);

    impl SourceFiles for InMemory<'_> {
        fn read(&self, file: &str) -> Result<String, FileProblem> {
            self.0
                .iter()
                .find(|(name, _)| name == file)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| FileProblem::Unreadable(file.to_string()))
        }
    }

    #[test]
    fn generated_briefs_check_clean_and_are_deterministic() {
        for seed in [1, 2, 3] {
            let synthetic = generate(Size::SMALL, seed);
            assert_eq!(synthetic.toml, generate(Size::SMALL, seed).toml);
            let loaded = load_text(
                "synthetic.toml",
                synthetic.toml.clone(),
                &InMemory(&synthetic.sources),
            );
            assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
            let brief = loaded.brief.expect("a brief");
            assert_eq!(brief.excerpts.len(), Size::SMALL.excerpts);
            assert_eq!(brief.verification_counts().verified, Size::SMALL.excerpts);
            // One to three citations per key point, one per event.
            for factor in 0..Size::SMALL.factors {
                for point in 0..2 {
                    let text = crate::brief::TextRef::KeyPoint(factor, point);
                    let cited = brief.citations_of(text).expect("cites");
                    let n: usize = cited.citations.iter().map(|c| c.excerpts.len()).sum();
                    assert!((1..=3).contains(&n), "{n}");
                }
            }
            let events = Size::SMALL.events;
            assert!(brief.citation_count() >= 2 * Size::SMALL.factors + events);
        }
    }

    #[test]
    fn the_large_source_fixture_checks_clean_and_its_notes_place() {
        use crate::notes::{Anchor, place_all};
        let fixture = large_source_of(300_000, 100, 100, 7);
        let synthetic = &fixture.synthetic;
        let loaded = load_text(
            "s.toml",
            synthetic.toml.clone(),
            &InMemory(&synthetic.sources),
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let brief = loaded.brief.expect("a brief");
        assert_eq!(brief.sources.len(), 1);
        assert_eq!(brief.verification_counts().verified, 100);
        let placed = place_all(&brief, &fixture.notes);
        let changed = placed
            .iter()
            .filter(|p| matches!(p.anchor, Some(Anchor::Changed { .. })))
            .count();
        let same = placed
            .iter()
            .filter(|p| {
                matches!(
                    p.anchor,
                    Some(Anchor::Moved { .. } | Anchor::Anchored { .. })
                )
            })
            .count();
        let n = fixture.notes.len();
        assert!(n > 90, "{n} notes");
        // Every other passage changed; a changed one may be ambiguous.
        assert_eq!(same, n.div_ceil(2));
        assert!(
            changed >= n / 2 - 2,
            "{changed} of {} changed placed",
            n / 2
        );
    }

    #[test]
    fn word_starts_follow_each_space() {
        assert_eq!(word_starts("ab cd  e"), [3, 6, 7]);
        // Multi-byte characters: byte offsets, on character boundaries.
        let text = "Pakistan\u{2019}s \u{201C}forced x";
        for start in word_starts(text) {
            assert!(text.is_char_boundary(start));
        }
    }
}
