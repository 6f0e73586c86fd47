//! The note store and re-anchoring, on the bundled brief's texts.
//!
//! Targets: saving one note into a store of 10,000 notes within 20 ms;
//! opening a brief with 10,000 notes on unchanged texts (load and place)
//! within 150 ms; with 1,000 notes whose passages changed, so each needs
//! the approximate search, within 200 ms; opening the notes list with
//! 10,000 notes loaded, to its first frame at 200×50, within 50 ms (and a
//! key typed into its filter within a frame, 16 ms).

use std::hint::black_box;
use std::path::Path;

use briefing::brief::Brief;
use briefing::notes::{
    Anchor, Field, ItemKind, Note, NoteTarget, Passage, Store, encode, field_text, place_all,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// Every text of the brief a passage can be taken from.
fn fields(brief: &Brief) -> Vec<(ItemKind, Option<String>, Field)> {
    let mut all = vec![(ItemKind::Brief, None, Field::Summary)];
    for f in &brief.factors {
        all.push((ItemKind::Factor, Some(f.id.clone()), Field::Summary));
        for k in 0..f.key_points.len() {
            all.push((ItemKind::Factor, Some(f.id.clone()), Field::KeyPoint(k)));
        }
    }
    for e in brief.events.iter().filter(|e| e.detail.is_some()) {
        all.push((ItemKind::Event, Some(e.id.clone()), Field::Detail));
    }
    for x in &brief.excerpts {
        all.push((ItemKind::Excerpt, Some(x.id.clone()), Field::Quote));
        if x.annotation.is_some() {
            all.push((ItemKind::Excerpt, Some(x.id.clone()), Field::Annotation));
        }
    }
    for s in brief.sources.iter().filter(|s| s.text.is_some()) {
        all.push((ItemKind::Source, Some(s.id.clone()), Field::Text));
    }
    all
}

/// `count` notes: one in ten on a whole item, the rest on passages of 8 to
/// 80 characters spread over every field. The same notes for the same
/// seed.
fn notes(brief: &Brief, count: usize, seed: u64) -> Vec<Note> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let fields = fields(brief);
    (0..count)
        .map(|i| {
            let (kind, id, field) = &fields[rng.usize(..fields.len())];
            let mut note = Note::new(
                NoteTarget::item(*kind, id.as_deref().unwrap_or("")),
                format!("Note {i}.\nSecond line."),
            );
            note.id = format!("01JBENCH{i:018}");
            if i % 10 != 0 {
                let text = field_text(brief, *kind, id.as_deref(), field).unwrap();
                let len = text.chars().count();
                let span = rng.usize(8..=80).min(len);
                let start = rng.usize(0..=len - span);
                note.target.passage = Some(Passage::capture(*field, text, start, start + span));
            }
            note
        })
        .collect()
}

/// The passages as if written on an earlier text: one character in the
/// middle of each was different, and the field's hash no longer matches.
fn changed(mut notes: Vec<Note>) -> Vec<Note> {
    for note in &mut notes {
        if let Some(p) = note.target.passage.as_mut() {
            let mut chars: Vec<char> = p.exact.chars().collect();
            let middle = chars.len() / 2;
            chars[middle] = if chars[middle] == 'x' { 'y' } else { 'x' };
            p.exact = chars.into_iter().collect();
            p.field_sha256 = "0".repeat(64);
        }
    }
    notes
}

/// Writes `notes` straight into the store's folder (the setup need not be
/// crash-safe).
fn fill(store: &Store, notes: &[Note]) {
    std::fs::create_dir_all(store.dir()).unwrap();
    for note in notes {
        std::fs::write(store.note_path(&note.id), encode(note)).unwrap();
    }
}

fn store_in(dir: &Path, brief: &Brief, notes: &[Note]) -> Store {
    let store = Store::new(dir, &brief.id);
    fill(&store, notes);
    let loaded = store.load();
    assert_eq!(loaded.notes.len(), notes.len());
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    store
}

fn tally(brief: &Brief, notes: &[Note]) -> String {
    let placements = place_all(brief, notes);
    let count =
        |f: &dyn Fn(&Option<Anchor>) -> bool| placements.iter().filter(|p| f(&p.anchor)).count();
    format!(
        "{} notes: {} item-level, {} anchored, {} moved, {} changed, {} orphaned",
        notes.len(),
        count(&|a| a.is_none()),
        count(&|a| matches!(a, Some(Anchor::Anchored { .. }))),
        count(&|a| matches!(a, Some(Anchor::Moved { .. }))),
        count(&|a| matches!(a, Some(Anchor::Changed { .. }))),
        count(&|a| matches!(a, Some(Anchor::Orphaned))),
    )
}

fn save(c: &mut Criterion) {
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let store = store_in(dir.path(), &brief, &notes(&brief, 10_000, 1));
    let loaded = store.load();
    let mut note = loaded.notes.into_iter().next().unwrap();
    let mut base = loaded.sha256[&note.id].clone();
    let mut group = c.benchmark_group("store");
    group.bench_function("save_edit_among_10k", |b| {
        b.iter(|| {
            note.body.push('.');
            base = black_box(store.save(&mut note, Some(&base)).unwrap()).sha256;
        })
    });
    group.bench_function("save_new_among_10k", |b| {
        b.iter(|| {
            let mut new = Note::new(NoteTarget::brief(), "A new note.".into());
            black_box(store.save(&mut new, None).unwrap());
        })
    });
    group.finish();
}

fn open(c: &mut Criterion) {
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let mut group = c.benchmark_group("open");
    group.sample_size(20);

    let unchanged = notes(&brief, 10_000, 2);
    eprintln!("unchanged: {}", tally(&brief, &unchanged));
    let dir = tempfile::TempDir::new().unwrap();
    let store = store_in(dir.path(), &brief, &unchanged);
    group.bench_function("load_and_place_10k_unchanged", |b| {
        b.iter(|| {
            let loaded = store.load();
            black_box(place_all(&brief, &loaded.notes))
        })
    });
    group.bench_function("place_10k_unchanged", |b| {
        b.iter(|| black_box(place_all(&brief, &unchanged)))
    });

    let edited = changed(notes(&brief, 1_000, 3));
    eprintln!("changed: {}", tally(&brief, &edited));
    let dir = tempfile::TempDir::new().unwrap();
    let store = store_in(dir.path(), &brief, &edited);
    group.bench_function("load_and_place_1k_changed", |b| {
        b.iter(|| {
            let loaded = store.load();
            black_box(place_all(&brief, &loaded.notes))
        })
    });
    group.bench_function("place_1k_changed", |b| {
        b.iter(|| black_box(place_all(&brief, &edited)))
    });
    group.finish();
}

fn notes_list(c: &mut Criterion) {
    use briefing::app::{self, State};
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;

    let area = Rect::new(0, 0, 200, 50);
    let key = |c: KeyCode| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let brief = briefing::brief::load_bundled().brief.unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    store_in(dir.path(), &brief, &notes(&brief, 10_000, 4));
    let mut state = State::open(
        brief,
        0,
        app::state::Opening {
            path: None,
            data_dir: Some(dir.path().to_path_buf()),
            no_color: false,
            ..Default::default()
        },
    );
    assert_eq!(state.notes.notes.len(), 10_000);
    app::layout::prepare(&mut state, area);
    let mut group = c.benchmark_group("notes_list");
    group.bench_function("open_10k_to_first_frame_200x50", |b| {
        b.iter(|| {
            state.layers.popup = None;
            app::handle_event(&mut state, area, &key(KeyCode::Char('m')));
            let mut buffer = Buffer::empty(area);
            app::layout::prepare(&mut state, area);
            briefing::ui::render_buffer(&state, &mut buffer);
            black_box(buffer);
        })
    });
    // A letter typed into the filter, then taken back: two frames.
    group.bench_function("filter_key_10k_and_frame_200x50", |b| {
        b.iter(|| {
            for event in [key(KeyCode::Char('x')), key(KeyCode::Backspace)] {
                app::handle_event(&mut state, area, &event);
                let mut buffer = Buffer::empty(area);
                app::layout::prepare(&mut state, area);
                briefing::ui::render_buffer(&state, &mut buffer);
                black_box(buffer);
            }
        })
    });
    group.finish();
}

/// Notes as a hostile or careless file may hold them.
fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);

    // A note whose file holds 60,000 characters of context each side costs
    // about what one with the format's 32 does (the rest is cut on read).
    let mut brief = briefing::brief::load_bundled().brief.unwrap();
    let text = field_text(&brief, ItemKind::Source, Some("khan-2025"), &Field::Text)
        .unwrap()
        .to_string();
    let at = text.find("North Waziristan").unwrap();
    let start = text[..at].chars().count();
    let passage = Passage::capture(Field::Text, &text, start, start + 16);
    let short = Note::new(
        NoteTarget::passage(ItemKind::Source, Some("khan-2025"), passage),
        "a thought".into(),
    );
    let mut long = short.clone();
    let p = long.target.passage.as_mut().unwrap();
    p.prefix = format!("{}{}", "z".repeat(60_000), p.prefix);
    p.suffix = format!("{}{}", p.suffix, "q".repeat(60_000));
    let source = brief
        .sources
        .iter_mut()
        .find(|s| s.id == "khan-2025")
        .unwrap();
    let edited = text.replace("North Waziristan", "North  Waziristan");
    source.text = Some(edited);
    for (name, note) in [("context_32", short), ("context_60000", long)] {
        // Read from its file, as the reader does.
        let file = encode(&note);
        let Ok(briefing::notes::Decoded::Note(read)) = briefing::notes::decode(&file) else {
            panic!("unread")
        };
        group.bench_function(format!("place_{name}"), |b| {
            b.iter(|| black_box(place_all(&brief, std::slice::from_ref(&read))))
        });
        group.bench_function(format!("read_and_place_{name}"), |b| {
            b.iter(|| {
                let Ok(briefing::notes::Decoded::Note(read)) = briefing::notes::decode(&file)
                else {
                    panic!("unread")
                };
                black_box(place_all(&brief, std::slice::from_ref(&read)))
            })
        });
    }

    // 1,000 notes on 'a' × k (k = 1..=1000) in a 3 MB source of 'a's: many
    // short patterns overlapping everywhere.
    let mut brief = briefing::brief::load_bundled().brief.unwrap();
    let size = 3 * 1024 * 1024;
    brief.sources[1].text = Some("a".repeat(size));
    let id = brief.sources[1].id.clone();
    let notes: Vec<Note> = (1..=1000)
        .map(|k| {
            let start = (k * 2999) % (size - k);
            let passage = Passage {
                field: Field::Text,
                exact: "a".repeat(k),
                prefix: "a".repeat(32),
                suffix: "a".repeat(32),
                start,
                end: start + k,
                field_sha256: "0".repeat(64),
            };
            Note::new(
                NoteTarget::passage(ItemKind::Source, Some(&id), passage),
                String::new(),
            )
        })
        .collect();
    eprintln!("overlapping: {}", tally(&brief, &notes));
    group.bench_function("place_1k_overlapping_on_3mb", |b| {
        b.iter(|| black_box(place_all(&brief, &notes)))
    });
    group.finish();
}

criterion_group!(benches, save, open, notes_list, hostile);
criterion_main!(benches);
