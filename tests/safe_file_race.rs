//! A source swapped for a link to a file outside, over and over, while it
//! is being read: no read ever returns the outside file's text.

#![cfg(unix)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use briefing::brief::files::{DiskFiles, SourceFiles};

#[test]
fn swapping_a_source_for_a_link_never_reads_outside() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwd"), "SECRET").unwrap();
    let top = tempfile::tempdir().unwrap();
    let briefs = top.path().join("a/b");
    std::fs::create_dir_all(&briefs).unwrap();
    std::fs::write(briefs.join("real.txt"), "inside").unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwd"), briefs.join("evil.txt")).unwrap();
    std::fs::copy(briefs.join("real.txt"), briefs.join("src.txt")).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (stop, briefs) = (stop.clone(), briefs.clone());
        std::thread::spawn(move || {
            let mut swaps = 0u32;
            while !stop.load(Ordering::Relaxed) {
                // Alternately a regular file and a link out, each put in
                // place by an atomic rename.
                let (from, keep) = if swaps.is_multiple_of(2) {
                    ("evil.txt", "evil.tmp")
                } else {
                    ("real.txt", "real.tmp")
                };
                let _ = std::fs::remove_file(briefs.join(keep));
                if std::fs::hard_link(briefs.join(from), briefs.join(keep)).is_err() {
                    let _ = std::fs::copy(briefs.join(from), briefs.join(keep));
                }
                let _ = std::fs::rename(briefs.join(keep), briefs.join("src.txt"));
                swaps += 1;
            }
            swaps
        })
    };
    let files = DiskFiles::new(&briefs.join("brief.toml"));
    let deadline = Instant::now() + Duration::from_millis(1500);
    let (mut inside, mut refused) = (0u32, 0u32);
    while Instant::now() < deadline {
        match files.read("src.txt") {
            Ok(text) => {
                assert_eq!(text, "inside", "a read left the folder");
                inside += 1;
            }
            Err(_) => refused += 1,
        }
    }
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    // Both states were seen, so the race was really run.
    assert!(swaps > 100, "only {swaps} swaps");
    assert!(
        inside > 0 && refused > 0,
        "{inside} read, {refused} refused"
    );
}
