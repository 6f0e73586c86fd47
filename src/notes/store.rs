//! The note store: one TOML file per note, one folder per brief,
//! `<data dir>/notes/<brief id>/<note id>.toml`.
//!
//! Nothing is ever lost:
//! - a save writes a temporary file in the same folder, syncs it, renames
//!   it over the note's file and syncs the folder, so a crash leaves the
//!   old file or the new one, never a partial one;
//! - the read-compare-write of a save runs under a lock (`.lock` in the
//!   brief's folder); when the file changed since the editor opened it, the
//!   earlier text is kept beside it as `<id>.conflict-<time>.toml`;
//! - a deleted note moves to `.trash/`; a file that cannot be read moves
//!   aside as `<name>.corrupt-<time>`; a file of an unknown version is left
//!   alone. Each is reported, never overwritten or erased.

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::file::{Decoded, decode, encode};
use super::{Note, now};
use crate::brief::is_valid_id;
use crate::text::sanitize::sanitize_line;

/// How long a save waits for another reader's lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// Temporary files older than this are leftovers of a crash.
const STALE_TEMP: Duration = Duration::from_secs(3600);
const TRASH: &str = ".trash";
const LOCK: &str = ".lock";
const TEMP_PREFIX: &str = ".tmp-";

/// Note ids are file names: 1 to 64 ASCII letters, digits, `-` or `_`,
/// starting with a letter or digit (a ULID qualifies).
pub fn is_valid_note_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The notes of one brief, as read from its folder.
#[derive(Debug, Default)]
pub struct LoadedNotes {
    /// Newest first (by `updated`, then by id).
    pub notes: Vec<Note>,
    /// What the user should be told: files moved aside, left alone, or
    /// unreadable; one line each, safe to show.
    pub notices: Vec<String>,
    /// Conflict copies kept beside notes (see [`Store::save`]).
    pub conflict_copies: Vec<PathBuf>,
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// Saved, but the note had been changed on disk since the editor
    /// opened it: the earlier text was kept in this file.
    SavedWithConflictCopy(PathBuf),
}

/// Why a store operation failed. `Display` gives one line, safe to show.
#[derive(Debug)]
pub enum StoreError {
    /// A brief or note id that cannot be a file name.
    InvalidId(String),
    /// A file is where the notes folder (or one of its parents) should be.
    NotAFolder { wanted: PathBuf, file: PathBuf },
    /// An I/O operation failed.
    Io {
        doing: &'static str,
        path: PathBuf,
        error: io::Error,
    },
    /// Another reader held the lock for too long.
    Locked(PathBuf),
    /// No such note (or, for a restore, no such note in the trash).
    NotFound { id: String, path: PathBuf },
    /// A restore would overwrite a note with the same id.
    AlreadyExists { id: String, path: PathBuf },
    /// The file cannot be read as a note.
    Corrupt { path: PathBuf, message: String },
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

/// A short, plain reason for an I/O error.
fn reason(error: &io::Error) -> String {
    use io::ErrorKind as K;
    match error.kind() {
        K::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        K::StorageFull => "the disk is full".to_string(),
        K::QuotaExceeded => "the disk quota is exceeded".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::NotADirectory => "a file is in the way where a folder should be".to_string(),
        K::IsADirectory => "a folder is in the way where a file should be".to_string(),
        K::NotFound => "no such file or folder".to_string(),
        _ => sanitize_line(&error.to_string()).into_owned(),
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::InvalidId(id) => write!(
                f,
                "`{}` cannot be used as a file name for notes",
                sanitize_line(id)
            ),
            StoreError::NotAFolder { wanted, file } => write!(
                f,
                "cannot create the notes folder {}: {} is a file, not a folder",
                shown(wanted),
                shown(file)
            ),
            StoreError::Io { doing, path, error } => {
                write!(f, "cannot {doing} {}: {}", shown(path), reason(error))
            }
            StoreError::Locked(path) => write!(
                f,
                "the notes folder is locked by another reader ({}); try again",
                shown(path)
            ),
            StoreError::NotFound { id, path } => {
                write!(
                    f,
                    "no note {} ({} does not exist)",
                    sanitize_line(id),
                    shown(path)
                )
            }
            StoreError::AlreadyExists { id, path } => write!(
                f,
                "a note {} already exists ({})",
                sanitize_line(id),
                shown(path)
            ),
            StoreError::Corrupt { path, message } => write!(
                f,
                "{} is not a readable note: {}",
                shown(path),
                sanitize_line(message)
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

fn io_error<'p>(doing: &'static str, path: &'p Path) -> impl FnOnce(io::Error) -> StoreError + 'p {
    move |error| StoreError::Io {
        doing,
        path: path.to_path_buf(),
        error,
    }
}

/// The notes of one brief on disk.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    brief_id: String,
}

impl Store {
    /// The store of brief `brief_id` under `data_dir`. Touches no file.
    pub fn new(data_dir: &Path, brief_id: &str) -> Store {
        Store {
            dir: data_dir.join("notes").join(brief_id),
            brief_id: brief_id.to_string(),
        }
    }

    /// The brief's notes folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of note `id`.
    pub fn note_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.toml"))
    }

    /// The trash folder, where deleted notes go.
    pub fn trash_dir(&self) -> PathBuf {
        self.dir.join(TRASH)
    }

    fn check_ids(&self, note_id: Option<&str>) -> Result<(), StoreError> {
        if !is_valid_id(&self.brief_id) {
            return Err(StoreError::InvalidId(self.brief_id.clone()));
        }
        match note_id {
            Some(id) if !is_valid_note_id(id) => Err(StoreError::InvalidId(id.to_string())),
            _ => Ok(()),
        }
    }

    fn ensure_dir(&self, dir: &Path) -> Result<(), StoreError> {
        if dir.is_dir() {
            return Ok(());
        }
        fs::create_dir_all(dir).map_err(|error| {
            match dir.ancestors().find(|p| p.exists() && !p.is_dir()) {
                Some(file) => StoreError::NotAFolder {
                    wanted: dir.to_path_buf(),
                    file: file.to_path_buf(),
                },
                None => StoreError::Io {
                    doing: "create the notes folder",
                    path: dir.to_path_buf(),
                    error,
                },
            }
        })
    }

    /// Takes the brief's lock, creating the folder if needed. Released
    /// when the file is dropped.
    fn lock(&self) -> Result<File, StoreError> {
        self.ensure_dir(&self.dir)?;
        let path = self.dir.join(LOCK);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error("open the lock file", &path))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => return Err(StoreError::Locked(path)),
                Err(TryLockError::Error(error)) => {
                    return Err(io_error("lock", &path)(error));
                }
            }
        }
    }

    /// Reads every note, moving files that cannot be read aside (see the
    /// module documentation). A missing folder means no notes.
    pub fn load(&self) -> LoadedNotes {
        self.scan(true)
    }

    /// Like [`Store::load`] but changes nothing on disk: unreadable files
    /// are only reported (for exports and other read-only uses).
    pub fn read(&self) -> LoadedNotes {
        self.scan(false)
    }

    fn scan(&self, repair: bool) -> LoadedNotes {
        let mut loaded = LoadedNotes::default();
        if self.check_ids(None).is_err() {
            loaded.notices.push(format!(
                "no notes for brief `{}`: its id cannot be a folder name",
                sanitize_line(&self.brief_id)
            ));
            return loaded;
        }
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return loaded,
            Err(error) => {
                loaded.notices.push(format!(
                    "cannot read the notes folder {}: {}",
                    shown(&self.dir),
                    reason(&error)
                ));
                return loaded;
            }
        };
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let path = entry.path();
            if name.starts_with(TEMP_PREFIX) {
                if repair && is_stale(&path) {
                    let _ = fs::remove_file(&path);
                }
            } else if name.contains(".conflict-") && name.ends_with(".toml") {
                loaded.conflict_copies.push(path);
            } else if let Some(id) = name.strip_suffix(".toml")
                && is_valid_note_id(id)
            {
                files.push((id.to_string(), path));
            }
        }
        loaded.conflict_copies.sort();
        let results = read_all(&files);
        let mut corrupt = Vec::new();
        for ((id, path), result) in files.into_iter().zip(results) {
            match result {
                Ok(Decoded::Note(note)) if note.id == id => loaded.notes.push(note),
                Ok(Decoded::Note(note)) => loaded.notices.push(format!(
                    "{}: the note inside has id `{}`, not the file's name; left alone",
                    shown(&path),
                    sanitize_line(&note.id)
                )),
                Ok(Decoded::UnknownVersion(version)) => loaded.notices.push(format!(
                    "{}: written in note format version {version}, which this version of briefing does not read; left alone",
                    shown(&path)
                )),
                Err(FileError::Io(error)) => loaded.notices.push(format!(
                    "cannot read the note file {}: {}",
                    shown(&path),
                    reason(&error)
                )),
                Err(FileError::Corrupt(message)) => corrupt.push((path, message)),
            }
        }
        if !corrupt.is_empty() {
            self.set_aside(corrupt, repair, &mut loaded);
        }
        loaded
            .notes
            .sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
        loaded
    }

    /// Moves unreadable files aside (under the lock, after checking again
    /// that they are still unreadable), or only reports them.
    fn set_aside(&self, corrupt: Vec<(PathBuf, String)>, repair: bool, loaded: &mut LoadedNotes) {
        let lock = if repair { self.lock().ok() } else { None };
        for (path, message) in corrupt {
            let message = sanitize_line(&message).into_owned();
            if lock.is_none() {
                loaded.notices.push(format!(
                    "{} is not a readable note ({message}); left in place",
                    shown(&path)
                ));
                continue;
            }
            match read_note(&path) {
                Err(FileError::Corrupt(_)) => {}
                // Fixed or replaced meanwhile: read it now.
                Ok(Decoded::Note(note)) if path.file_stem().is_some_and(|s| *s == *note.id) => {
                    loaded.notes.push(note);
                    continue;
                }
                _ => continue,
            }
            let aside = free_name(
                &path,
                &format!(".corrupt-{}", file_time(Timestamp::now())),
                "",
            );
            match fs::rename(&path, &aside) {
                Ok(()) => {
                    let _ = crate::atomic::sync_folder(&self.dir);
                    loaded.notices.push(format!(
                        "{} is not a readable note ({message}); moved aside to {}",
                        shown(&path),
                        shown(&aside)
                    ));
                }
                Err(error) => loaded.notices.push(format!(
                    "{} is not a readable note ({message}) and could not be moved aside: {}",
                    shown(&path),
                    reason(&error)
                )),
            }
        }
    }

    /// Writes `note` to disk. `base` is the `updated` time of the version
    /// the editor started from (`None` for a new note). Sets
    /// `note.updated` on success; on failure `note` is unchanged and the
    /// save can be tried again.
    pub fn save(
        &self,
        note: &mut Note,
        base: Option<Timestamp>,
    ) -> Result<SaveOutcome, StoreError> {
        self.check_ids(Some(&note.id))?;
        let _lock = self.lock()?;
        let path = self.note_path(&note.id);
        let on_disk = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(io_error("read the note file", &path)(error)),
        };
        let disk_note =
            on_disk
                .as_deref()
                .and_then(|bytes| match decode(std::str::from_utf8(bytes).ok()?) {
                    Ok(Decoded::Note(n)) => Some(n),
                    _ => None,
                });
        let conflict = match (&on_disk, &disk_note) {
            (None, _) => false,
            // Nothing would be lost: the same text.
            (Some(_), Some(disk)) if disk.body == note.body && disk.target == note.target => false,
            (Some(_), Some(disk)) => base != Some(disk.updated),
            // Unreadable, or of another version: keep it.
            (Some(_), None) => true,
        };
        // Strictly later than any version seen, so a stale base never
        // matches by accident.
        let mut updated = now().max(note.created);
        for seen in [base, disk_note.as_ref().map(|n| n.updated)]
            .into_iter()
            .flatten()
        {
            if updated <= seen {
                updated = seen
                    .checked_add(jiff::SignedDuration::from_millis(1))
                    .unwrap_or(seen);
            }
        }
        let mut saved = note.clone();
        saved.updated = updated;

        let mut outcome = SaveOutcome::Saved;
        if conflict && let Some(bytes) = &on_disk {
            let copy = free_name(
                &self.dir.join(&note.id),
                &format!(".conflict-{}", file_time(Timestamp::now())),
                ".toml",
            );
            write_atomic(&copy, bytes, "keep a conflict copy in")?;
            outcome = SaveOutcome::SavedWithConflictCopy(copy);
        }
        write_atomic(&path, encode(&saved).as_bytes(), "write the note file")?;
        note.updated = updated;
        Ok(outcome)
    }

    /// Moves note `id` to the trash folder.
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.check_ids(Some(id))?;
        let _lock = self.lock()?;
        let path = self.note_path(id);
        if !path.is_file() {
            return Err(StoreError::NotFound {
                id: id.to_string(),
                path,
            });
        }
        let trash = self.trash_dir();
        self.ensure_dir(&trash)?;
        let to = trash.join(format!("{id}.toml"));
        fs::rename(&path, &to).map_err(io_error("move the note to the trash", &path))?;
        crate::atomic::sync_folder(&trash).map_err(io_error("sync", &trash))?;
        crate::atomic::sync_folder(&self.dir).map_err(io_error("sync", &self.dir))?;
        Ok(())
    }

    /// Brings note `id` back from the trash (undo of [`Store::delete`]).
    pub fn restore(&self, id: &str) -> Result<Note, StoreError> {
        self.check_ids(Some(id))?;
        let _lock = self.lock()?;
        let path = self.note_path(id);
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                id: id.to_string(),
                path,
            });
        }
        let from = self.trash_dir().join(format!("{id}.toml"));
        let note = match read_note(&from) {
            Ok(Decoded::Note(note)) => note,
            Ok(Decoded::UnknownVersion(version)) => {
                return Err(StoreError::Corrupt {
                    path: from,
                    message: format!("note format version {version} is not supported"),
                });
            }
            Err(FileError::Io(error)) if error.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound {
                    id: id.to_string(),
                    path: from,
                });
            }
            Err(FileError::Io(error)) => return Err(io_error("read", &from)(error)),
            Err(FileError::Corrupt(message)) => {
                return Err(StoreError::Corrupt {
                    path: from,
                    message,
                });
            }
        };
        fs::rename(&from, &path).map_err(io_error("restore the note from", &from))?;
        crate::atomic::sync_folder(&self.dir).map_err(io_error("sync", &self.dir))?;
        let trash = self.trash_dir();
        crate::atomic::sync_folder(&trash).map_err(io_error("sync", &trash))?;
        Ok(note)
    }
}

enum FileError {
    Io(io::Error),
    Corrupt(String),
}

fn read_note(path: &Path) -> Result<Decoded, FileError> {
    let bytes = fs::read(path).map_err(FileError::Io)?;
    let text =
        String::from_utf8(bytes).map_err(|_| FileError::Corrupt("not UTF-8 text".to_string()))?;
    decode(&text).map_err(FileError::Corrupt)
}

/// Reads `files`, on a few threads when there are many.
fn read_all(files: &[(String, PathBuf)]) -> Vec<Result<Decoded, FileError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(files.len() / 256)
        .max(1);
    if threads == 1 {
        return files.iter().map(|(_, path)| read_note(path)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|(_, p)| read_note(p)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

fn is_stale(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TEMP)
}

/// A UTC time for file names: `20250601T100000Z`.
fn file_time(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `base` + `middle` + `ending`, with `-2`, `-3`… before `ending` if that
/// name is taken.
fn free_name(base: &Path, middle: &str, ending: &str) -> PathBuf {
    let name = base
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut candidate = base.with_file_name(format!("{name}{middle}{ending}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = base.with_file_name(format!("{name}{middle}-{n}{ending}"));
        n += 1;
    }
    candidate
}

/// Replaces `path` with `bytes` atomically (see [`crate::atomic`]; its
/// temporary files start with [`TEMP_PREFIX`], which the scan cleans up).
fn write_atomic(path: &Path, bytes: &[u8], doing: &'static str) -> Result<(), StoreError> {
    crate::atomic::write(path, bytes).map_err(io_error(doing, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_ids_are_safe_file_names() {
        assert!(is_valid_note_id("01JABCDEFGHJKMNPQRSTVWXYZ0"));
        assert!(is_valid_note_id("note-1_a"));
        for bad in ["", "../x", "a/b", ".hidden", "-x", "a.b", &"x".repeat(65)] {
            assert!(!is_valid_note_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn errors_read_plainly() {
        let error = StoreError::Io {
            doing: "write the note file",
            path: PathBuf::from("/d/notes/b/X.toml"),
            error: io::Error::from(io::ErrorKind::StorageFull),
        };
        assert_eq!(
            error.to_string(),
            "cannot write the note file /d/notes/b/X.toml: the disk is full"
        );
        let error = StoreError::Io {
            doing: "write the note file",
            path: PathBuf::from("/d/\u{1b}[31m"),
            error: io::Error::from(io::ErrorKind::ReadOnlyFilesystem),
        };
        assert_eq!(
            error.to_string(),
            "cannot write the note file /d/␛[31m: the file system is read-only"
        );
    }

    #[test]
    fn file_times_are_compact_utc() {
        let at: Timestamp = "2025-06-01T10:00:00.5+02:00".parse().unwrap();
        assert_eq!(file_time(at), "20250601T080000Z");
    }
}
