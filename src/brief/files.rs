//! Where a brief's source texts come from: the disk, next to the brief and
//! confined to its folder or that folder's parent, or the copies compiled
//! into the binary for the bundled brief.

use std::path::{Component, Path, PathBuf};

use crate::safe_file::{self, Links, Problem, Root};

/// A source file larger than this is refused.
pub const MAX_SOURCE_BYTES: u64 = safe_file::limits::SOURCE;

/// Why a source's `file` could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// The path is not allowed (absolute, escaping its folders, too large):
    /// an error in the brief.
    Refused(String),
    /// The file is missing or unreadable: its excerpts cannot be verified.
    Unreadable(String),
}

/// Reads the files a brief's sources name.
pub trait SourceFiles {
    fn read(&self, file: &str) -> Result<String, FileProblem>;
}

/// Files on disk, relative to the brief at `brief`, read beneath a handle
/// on the brief's parent folder (or the brief's folder, when that is the
/// root of the file system): the kernel keeps every name, link or `..`
/// inside it, so nothing swapped in after a check can lead out.
pub struct DiskFiles {
    /// The folder handle and the brief folder's name beneath it.
    root: Result<(Root, PathBuf), String>,
}

impl DiskFiles {
    pub fn new(brief: &Path) -> DiskFiles {
        let base = brief
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let root = base
            .canonicalize()
            .map_err(|e| safe_file::io_reason(&e))
            .and_then(|folder| {
                let (top, inside) = match (folder.parent(), folder.file_name()) {
                    (Some(parent), Some(name)) if parent.parent().is_some() => {
                        (parent.to_path_buf(), PathBuf::from(name))
                    }
                    _ => (folder.clone(), PathBuf::new()),
                };
                let root = Root::open(&top, Links::Inside).map_err(|e| e.reason())?;
                Ok((root, inside))
            });
        DiskFiles { root }
    }
}

impl SourceFiles for DiskFiles {
    fn read(&self, file: &str) -> Result<String, FileProblem> {
        let relative = Path::new(file);
        if relative.is_absolute() || relative.has_root() || file.starts_with('~') {
            return Err(FileProblem::Refused(
                "`file` must be a path relative to the brief, not an absolute path".into(),
            ));
        }
        let (root, inside) = self.root.as_ref().map_err(|reason| {
            FileProblem::Unreadable(format!("cannot read source file `{file}`: {reason}"))
        })?;
        let error = match root.read_to_string(inside.join(relative), MAX_SOURCE_BYTES) {
            Ok(text) => return Ok(text),
            Err(error) => error,
        };
        Err(match error.problem {
            Problem::Missing if escapes(relative) => refused_escape(),
            Problem::Outside | Problem::Link => refused_escape(),
            Problem::TooLarge { size, .. } => FileProblem::Refused(format!(
                "source file `{file}` is {} MiB, over the 64 MiB limit",
                size / (1024 * 1024)
            )),
            Problem::NotRegular(_) => {
                FileProblem::Unreadable(format!("source file `{file}` is not a regular file"))
            }
            Problem::NotUtf8(at) => FileProblem::Unreadable(format!(
                "source file `{file}` is not valid UTF-8 (at byte {at})"
            )),
            Problem::Missing => {
                FileProblem::Unreadable(format!("cannot read source file `{file}`: no such file"))
            }
            _ => FileProblem::Unreadable(format!(
                "cannot read source file `{file}`: {}",
                error.reason()
            )),
        })
    }
}

fn refused_escape() -> FileProblem {
    FileProblem::Refused(
        "source files must lie inside the brief's folder or its parent folder".into(),
    )
}

/// True when `relative`, read lexically, climbs above the brief's parent.
fn escapes(relative: &Path) -> bool {
    let mut depth: i32 = 0;
    for component in relative.components() {
        match component {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < -1 {
            return true;
        }
    }
    false
}

/// The source texts compiled into the binary, for the bundled brief.
pub struct BundledFiles;

/// The bundled brief's own name, as shown in messages.
pub const BUNDLED_BRIEF_PATH: &str = "<bundled>/briefs/afpak-2025.toml";

/// The bundled brief's text.
pub const BUNDLED_BRIEF: &str = include_str!("../../briefs/afpak-2025.toml");

const BUNDLED_SEEDS: [(&str, &str); 4] = [
    (
        "seeds/000_c3884f9ae50d911d.txt",
        include_str!("../../seeds/000_c3884f9ae50d911d.txt"),
    ),
    (
        "seeds/001_291b380aaa3469cd.txt",
        include_str!("../../seeds/001_291b380aaa3469cd.txt"),
    ),
    (
        "seeds/002_56730c0ebc8f140f.txt",
        include_str!("../../seeds/002_56730c0ebc8f140f.txt"),
    ),
    (
        "seeds/003_e8695a1c047b220a.txt",
        include_str!("../../seeds/003_e8695a1c047b220a.txt"),
    ),
];

impl SourceFiles for BundledFiles {
    fn read(&self, file: &str) -> Result<String, FileProblem> {
        // The bundled brief lives in `briefs/`; resolve `file` lexically
        // against that, as it would be on disk.
        let mut parts: Vec<&str> = vec!["briefs"];
        for part in file.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err(refused_escape());
                    }
                }
                part => parts.push(part),
            }
        }
        let wanted = parts.join("/");
        BUNDLED_SEEDS
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| FileProblem::Unreadable(format!("no bundled source file `{file}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_escape() {
        assert!(!escapes(Path::new("../seeds/a.txt")));
        assert!(!escapes(Path::new("a/../../b.txt")));
        assert!(escapes(Path::new("../../etc/passwd")));
        assert!(escapes(Path::new("a/../../../b")));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = std::env::temp_dir().join(format!("briefing-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let made = crate::safe_file::make_fifo(&dir.join("pipe.txt")).is_ok();
        if !made {
            eprintln!("mkfifo unavailable: skipped");
            return;
        }
        let files = DiskFiles::new(&dir.join("brief.toml"));
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(files.read("pipe.txt"));
        });
        let result = receive.recv_timeout(std::time::Duration::from_secs(10));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            matches!(result, Ok(Err(FileProblem::Unreadable(_)))),
            "{result:?}"
        );
    }

    #[test]
    fn bundled_sources_resolve_like_the_disk() {
        assert!(
            BundledFiles
                .read("../seeds/000_c3884f9ae50d911d.txt")
                .is_ok()
        );
        assert!(matches!(
            BundledFiles.read("seeds/000_c3884f9ae50d911d.txt"),
            Err(FileProblem::Unreadable(_))
        ));
        assert!(matches!(
            BundledFiles.read("../../x"),
            Err(FileProblem::Refused(_))
        ));
    }
}
