//! The note store under several processes: a writer killed (`SIGKILL`) at
//! random points, two writers adding notes at once, two editors of the
//! same note.
//!
//! The test binary runs itself as the other processes: with
//! `BRIEFING_NOTES_CHILD` set, the test `child` becomes a writer (see
//! [`child`]); without it, `child` does nothing.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefing::notes::{Decoded, ItemKind, Note, NoteTarget, Store, decode};
use tempfile::TempDir;

const BRIEF: &str = "afpak-2025";
const CHILD: &str = "BRIEFING_NOTES_CHILD";

fn child_command(mode: &[&str]) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command
        .args([
            "--exact",
            "child",
            "--nocapture",
            "--test-threads=1",
            "--quiet",
        ])
        .env(CHILD, mode.join("\t"))
        .stdin(Stdio::null());
    command
}

fn version_of(body: &str) -> (usize, u64) {
    // "note K version N"
    let parts: Vec<&str> = body.split(' ').collect();
    match parts.as_slice() {
        ["note", k, "version", n] => (k.parse().unwrap(), n.parse().unwrap()),
        _ => panic!("unexpected body {body:?}"),
    }
}

/// The other process. Modes (tab-separated in `BRIEFING_NOTES_CHILD`):
/// - `crash DIR`: saves new versions of every note until killed;
/// - `add DIR TAG N`: adds N new notes;
/// - `edit DIR ID TAG N`: saves N versions of note ID, each from its own
///   previous save, then prints how many conflict copies it made.
#[test]
fn child() {
    let Ok(mode) = std::env::var(CHILD) else {
        return;
    };
    let args: Vec<&str> = mode.split('\t').collect();
    let store = Store::new(Path::new(args[1]), BRIEF);
    // Never outlive a parent that failed to kill us.
    let deadline = Instant::now() + Duration::from_secs(20);
    match args[0] {
        "crash" => {
            let loaded = store.load();
            let (mut notes, mut hashes) = (loaded.notes, loaded.sha256);
            while Instant::now() < deadline {
                for note in &mut notes {
                    let (k, n) = version_of(&note.body);
                    let base = hashes[&note.id].clone();
                    note.body = format!("note {k} version {}", n + 1);
                    let saved = store.save(note, Some(&base)).expect("save");
                    hashes.insert(note.id.clone(), saved.sha256);
                }
            }
        }
        "add" => {
            let count: usize = args[3].parse().unwrap();
            for i in 0..count {
                let mut note = Note::new(NoteTarget::brief(), format!("{} {i}", args[2]));
                assert_eq!(
                    store.save(&mut note, None).expect("save").conflict_copy,
                    None
                );
            }
        }
        "edit" => {
            let count: usize = args[4].parse().unwrap();
            let loaded = store.load();
            let mut note = loaded.notes.into_iter().find(|n| n.id == args[2]).unwrap();
            let mut base = loaded.sha256[&note.id].clone();
            let mut copies = 0;
            for i in 0..count {
                note.body = format!("{} {i}", args[3]);
                let saved = store.save(&mut note, Some(&base)).expect("save");
                if saved.conflict_copy.is_some() {
                    copies += 1;
                }
                base = saved.sha256;
            }
            println!("copies={copies}");
        }
        other => panic!("unknown child mode {other}"),
    }
}

fn note_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".toml") && !name.starts_with('.') && name.matches('.').count() == 1
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_writer_killed_at_random_points_never_leaves_a_broken_note() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut ids = HashMap::new();
    for k in 0..3 {
        let mut note = Note::new(
            NoteTarget::item(ItemKind::Factor, "terrorism"),
            format!("note {k} version 0"),
        );
        store.save(&mut note, None).unwrap();
        ids.insert(note.id.clone(), k);
    }
    let dir = data.path().to_str().unwrap().to_string();
    let mut last: HashMap<usize, u64> = HashMap::new();
    let started = Instant::now();
    let iterations = 60;
    // Temporary files seen after a kill: kills that hit a save midway.
    let mut leftovers = std::collections::HashSet::new();
    for iteration in 0..iterations {
        let mut child = child_command(&["crash", &dir])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        // Process start-up takes a few milliseconds; most kills land among
        // the saves.
        std::thread::sleep(Duration::from_micros(fastrand::u64(0..80_000)));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();

        let files = note_files(store.dir());
        assert_eq!(files.len(), 3, "iteration {iteration}: {files:?}");
        for path in files {
            let text = fs::read_to_string(&path).unwrap();
            let Ok(Decoded::Note(note)) = decode(&text) else {
                panic!(
                    "iteration {iteration}: {} does not parse:\n{text}",
                    path.display()
                );
            };
            let (k, n) = version_of(&note.body);
            assert_eq!(ids.get(&note.id), Some(&k), "the file holds its own note");
            let previous = last.insert(k, n).unwrap_or(0);
            assert!(
                n >= previous,
                "note {k} went back from version {previous} to {n}"
            );
        }
        for entry in fs::read_dir(store.dir()).unwrap().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".tmp-") {
                leftovers.insert(name);
            }
        }
        let loaded = store.load();
        assert_eq!(loaded.notes.len(), 3);
        assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
        assert!(loaded.conflicts.is_empty(), "{:?}", loaded.conflicts);
        assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    }
    let saves: u64 = last.values().sum();
    assert!(
        saves > 0,
        "the writer never got to save: the test proves nothing"
    );
    eprintln!(
        "{iterations} kills, {saves} versions written, {} temporary files left by kills mid-save, in {:.1?}",
        leftovers.len(),
        started.elapsed()
    );
}

#[test]
fn two_processes_adding_notes_at_once_lose_none() {
    let data = TempDir::new().unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let count = 40;
    let children: Vec<_> = ["left", "right"]
        .iter()
        .map(|tag| {
            child_command(&["add", &dir, tag, &count.to_string()])
                .stdout(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
    }
    let loaded = Store::new(data.path(), BRIEF).load();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let mut bodies: Vec<String> = loaded.notes.into_iter().map(|n| n.body).collect();
    bodies.sort();
    let mut expected: Vec<String> = (0..count)
        .flat_map(|i| [format!("left {i}"), format!("right {i}")])
        .collect();
    expected.sort();
    assert_eq!(bodies, expected);
}

#[test]
fn two_processes_editing_one_note_keep_every_last_word() {
    let data = TempDir::new().unwrap();
    let store = Store::new(data.path(), BRIEF);
    let mut note = Note::new(NoteTarget::brief(), "start".into());
    store.save(&mut note, None).unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let count = 30;
    let children: Vec<_> = ["left", "right"]
        .iter()
        .map(|tag| {
            child_command(&["edit", &dir, &note.id, tag, &count.to_string()])
                .stdout(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut copies_reported = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout
            .lines()
            .find(|l| l.starts_with("copies="))
            .expect("report");
        copies_reported += line["copies=".len()..].parse::<usize>().unwrap();
    }
    let loaded = store.load();
    assert_eq!(loaded.notes.len(), 1);
    assert_eq!(loaded.conflicts.len(), copies_reported);
    let mut kept: Vec<String> = vec![loaded.notes[0].body.clone()];
    for copy in &loaded.conflicts {
        assert_eq!(copy.note_id, note.id);
        kept.push(copy.text.clone());
    }
    for tag in ["left", "right"] {
        let last = format!("{tag} {}", count - 1);
        assert!(
            kept.iter()
                .any(|text| text.contains(&format!("\"{last}\"")) || *text == last),
            "{last:?} was lost; kept: {kept:?}"
        );
    }
}
