//! Replacing a file so that a crash leaves either the old or the new
//! contents, never a mix: write a temporary file in the same folder, sync
//! it, rename it over the target, then sync the folder so the rename itself
//! is durable.

use std::io;
use std::path::Path;

use crate::safe_file::{Links, Root};

/// Writes `contents` to `path` atomically, creating the folder if needed
/// (through [`crate::safe_file`]: a link at `path` is replaced, never
/// written through).
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    Root::create(folder, Links::Refused)?.write_atomic(name, contents)?;
    Ok(())
}

/// Makes a rename or a new file in `folder` durable.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    Root::open(folder, Links::Refused)?.sync()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_contents_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/state.toml");
        super::write(&path, b"one").unwrap();
        super::write(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.toml"]);
    }

    #[test]
    fn a_file_in_the_way_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("blocker"), b"x").unwrap();
        assert!(super::write(&dir.path().join("blocker/state.toml"), b"y").is_err());
    }
}
