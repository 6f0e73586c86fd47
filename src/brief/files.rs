//! Where a brief's source texts come from: the disk, next to the brief and
//! confined to its folder or that folder's parent, or the copies compiled
//! into the binary for the bundled brief.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// A source file larger than this is refused.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

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

/// Files on disk, relative to the brief at `brief`.
pub struct DiskFiles {
    /// The brief's folder and, unless it is the root, its parent: the only
    /// places a source file may be (after following links).
    roots: Vec<PathBuf>,
    base: PathBuf,
}

impl DiskFiles {
    pub fn new(brief: &Path) -> DiskFiles {
        let base = brief
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut roots = Vec::new();
        if let Ok(folder) = base.canonicalize() {
            if let Some(parent) = folder.parent().filter(|p| p.parent().is_some()) {
                roots.push(parent.to_path_buf());
            }
            roots.push(folder);
        }
        DiskFiles { roots, base }
    }

    fn inside_roots(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| path.starts_with(root))
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
        let joined = self.base.join(relative);
        let resolved = match joined.canonicalize() {
            Ok(resolved) => resolved,
            Err(error) => {
                // Missing: still refuse a path that climbs out lexically.
                if escapes(relative) {
                    return Err(refused_escape());
                }
                return Err(FileProblem::Unreadable(format!(
                    "cannot read source file `{file}`: {}",
                    io_reason(&error)
                )));
            }
        };
        if !self.inside_roots(&resolved) {
            return Err(refused_escape());
        }
        // Check the kind before opening: opening a FIFO blocks until
        // someone writes to it, and a brief must not hang its reader.
        if !std::fs::metadata(&resolved).is_ok_and(|m| m.is_file()) {
            return Err(FileProblem::Unreadable(format!(
                "source file `{file}` is not a regular file"
            )));
        }
        let mut handle = std::fs::File::open(&resolved).map_err(|e| {
            FileProblem::Unreadable(format!(
                "cannot read source file `{file}`: {}",
                io_reason(&e)
            ))
        })?;
        let metadata = handle.metadata().map_err(|e| {
            FileProblem::Unreadable(format!(
                "cannot read source file `{file}`: {}",
                io_reason(&e)
            ))
        })?;
        if !metadata.is_file() {
            return Err(FileProblem::Unreadable(format!(
                "source file `{file}` is not a regular file"
            )));
        }
        if metadata.len() > MAX_SOURCE_BYTES {
            return Err(FileProblem::Refused(format!(
                "source file `{file}` is {} MiB, over the 64 MiB limit",
                metadata.len() / (1024 * 1024)
            )));
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        // Read one byte past the limit in case the file grew after the check.
        handle
            .by_ref()
            .take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                FileProblem::Unreadable(format!(
                    "cannot read source file `{file}`: {}",
                    io_reason(&e)
                ))
            })?;
        if bytes.len() as u64 > MAX_SOURCE_BYTES {
            return Err(FileProblem::Refused(format!(
                "source file `{file}` is over the 64 MiB limit"
            )));
        }
        String::from_utf8(bytes).map_err(|e| {
            FileProblem::Unreadable(format!(
                "source file `{file}` is not valid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ))
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

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
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
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join("pipe.txt"))
            .status()
            .is_ok_and(|s| s.success());
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
