//! Reading note files for a scan: each file's decoded note and bytes, or
//! why it is not a note, with a bounded part of its text to show.

use std::path::{Path, PathBuf};

use super::{SHOWN_TEXT, STALE_TEMP, StoreError, Unreadable, reason};
use crate::notes::file::{Decoded, decode};
use crate::safe_file::{self, Root, limits};

pub(super) enum FileError {
    Io(safe_file::Error),
    /// Why the file is not a note, and its bytes.
    Corrupt(String, Vec<u8>),
}

/// The last part of `path`, as a name in its folder.
pub(super) fn file_name(path: &Path) -> PathBuf {
    PathBuf::from(path.file_name().unwrap_or_default())
}

/// One line on why a store operation failed, without the operation.
pub(super) fn store_reason(error: &StoreError) -> String {
    match error {
        StoreError::File(error) => error.reason(),
        StoreError::Io { error, .. } => reason(error),
        other => other.to_string(),
    }
}

pub(super) fn read_note(folder: &Root, name: &Path) -> Result<(Decoded, Vec<u8>), FileError> {
    let bytes = folder.read(name, limits::NOTE).map_err(FileError::Io)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(FileError::Corrupt("not UTF-8 text".to_string(), bytes));
    };
    match decode(text) {
        Ok(decoded) => Ok((decoded, bytes)),
        Err(message) => Err(FileError::Corrupt(message, bytes)),
    }
}

/// The first [`SHOWN_TEXT`] bytes of `bytes` as text (cut at a character
/// boundary, invalid UTF-8 replaced), and whether anything was cut.
pub(super) fn shown_text(bytes: &[u8]) -> (String, bool) {
    let cut = bytes.len() > SHOWN_TEXT;
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(SHOWN_TEXT)]);
    let mut text = text.into_owned();
    if cut && text.ends_with('\u{FFFD}') {
        // Most likely a character cut in two by the limit.
        text.pop();
    }
    (text, cut)
}

pub(super) fn unreadable(path: &Path, reason: String, bytes: &[u8]) -> Unreadable {
    let (text, cut) = shown_text(bytes);
    Unreadable {
        path: path.to_path_buf(),
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        reason,
        text,
        cut,
    }
}

/// Reads `files`, on a few threads when there are many.
pub(super) fn read_all(
    folder: &Root,
    files: &[(String, PathBuf)],
) -> Vec<Result<(Decoded, Vec<u8>), FileError>> {
    let read = |path: &PathBuf| read_note(folder, &file_name(path));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(files.len() / 256)
        .max(1);
    if threads == 1 {
        return files.iter().map(|(_, path)| read(path)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|(_, p)| read(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

pub(super) fn is_stale(folder: &Root, name: &str) -> bool {
    folder
        .info(name)
        .ok()
        .flatten()
        .and_then(|info| info.modified)
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TEMP)
}
