//! Note drafts on disk, for the tests of what is kept when a save waits
//! or the reader ends (used by the in-process and the PTY harnesses).

use std::path::{Path, PathBuf};

/// The bundled brief's drafts on disk (not a write still in progress).
pub fn draft_files(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("drafts").join("afpak-2025"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy();
                    name.ends_with(".toml") && !name.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default()
}
