//! Where `briefing` keeps what it writes: reading state and notes.
//!
//! `--data-dir DIR` wins, then `BRIEFING_DATA_DIR` (both handled by the
//! command line parser), then the platform's data folder for `briefing`
//! (on Linux `$XDG_DATA_HOME/briefing`, usually `~/.local/share/briefing`).

use std::path::PathBuf;

/// The data folder to use, given the command line's choice (if any).
pub fn resolve(chosen: Option<PathBuf>) -> Option<PathBuf> {
    chosen.or_else(|| {
        directories::ProjectDirs::from("", "", "briefing").map(|dirs| dirs.data_dir().to_path_buf())
    })
}
