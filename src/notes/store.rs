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
//! - whether a note changed since this reader read it is decided by a hash
//!   of the file's bytes, never by its `updated` time;
//! - a deleted note moves to `.trash/`; a file this build cannot read (not
//!   TOML, another version, an unknown kind, a time without an offset, an id
//!   that is not its file's name) is left exactly where it is and listed as
//!   [`Unreadable`]. Reading the folder never moves, renames or rewrites a
//!   file.

use std::collections::HashMap;
use std::fmt;
use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::file::{Decoded, decode, encode};
use super::{Note, now, sha256_bytes};
use crate::brief::is_valid_id;
use crate::safe_file::{self, Kind, Links, Problem, Root, limits};
use crate::text::sanitize::sanitize_line;

mod conflicts;
mod read;

pub use conflicts::conflict_copy_of;
use read::{
    FileError, file_name, is_stale, read_all, read_note, shown_text, store_reason, unreadable,
};

/// How long a save waits for another reader's lock before giving up
/// (only ever in the background: see [`Store::try_save`]).
pub const LOCK_WAIT: Duration = Duration::from_secs(10);
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
    /// The SHA-256 of each note's file as read, by note id: what a later
    /// save compares the file with (see [`Store::save`]).
    pub sha256: HashMap<String, String>,
    /// Problems with the folder itself, one line each, safe to show.
    pub notices: Vec<String>,
    /// Files that look like notes but that this build cannot read, left in
    /// place; sorted by file name.
    pub unreadable: Vec<Unreadable>,
    /// Earlier texts kept when two readers saved one note (see
    /// [`Store::save`]); sorted by file name, so by note, then by time.
    pub conflicts: Vec<ConflictCopy>,
    /// [`Store::folder_stamp`] just before the folder was read.
    pub folder_stamp: Option<std::time::SystemTime>,
}

/// A file in the notes folder this build could not read as a note. It is
/// left where it is, untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    /// The file's name.
    pub file: String,
    /// Why it could not be read, one line (not yet escaped for display).
    pub reason: String,
    /// Its text (invalid UTF-8 replaced), at most [`SHOWN_TEXT`] bytes; raw,
    /// to be escaped where shown.
    pub text: String,
    /// The file is longer than `text`.
    pub cut: bool,
}

/// The earlier text of a note, kept beside it when a save found that the
/// file had changed since the saving reader read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    pub path: PathBuf,
    /// The copy's file name: `<note id>.conflict-<UTC time>.toml`.
    pub file: String,
    /// The note it belongs to.
    pub note_id: String,
    /// The copy read as a note, when it reads as one.
    pub note: Option<Note>,
    /// The copy's body when it reads as a note, else its raw text (at most
    /// [`SHOWN_TEXT`] bytes).
    pub text: String,
}

/// How much of an unreadable file is kept to be shown.
pub const SHOWN_TEXT: usize = 16 * 1024;

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The SHA-256 of the file as written, for the next save's base.
    pub sha256: String,
    /// The note had been changed on disk since the editor read it: the
    /// text that was there was kept in this file.
    pub conflict_copy: Option<PathBuf>,
    /// The file already held this note's text and target: nothing was
    /// written, and the note keeps its times.
    pub unchanged: bool,
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
    /// A file refused or failed by [`crate::safe_file`] (a link, a FIFO,
    /// too large…); its message names the file.
    File(safe_file::Error),
}

impl From<safe_file::Error> for StoreError {
    fn from(error: safe_file::Error) -> StoreError {
        StoreError::File(error)
    }
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

/// A short, plain reason for an I/O error.
fn reason(error: &io::Error) -> String {
    safe_file::io_reason(error)
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
            StoreError::File(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { error, .. } => Some(error),
            StoreError::File(error) => Some(error),
            _ => None,
        }
    }
}

/// The notes of one brief on disk. Every file is reached through
/// [`crate::safe_file`] beneath the data folder: no link below the data
/// folder is followed, so a linked `.lock`, `.trash`, notes folder or note
/// file never leads a read or a write elsewhere.
#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
    dir: PathBuf,
    brief_id: String,
}

/// How long to wait for another reader's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// Not at all: the lock is free or the operation is [`StoreError::Locked`].
    No,
    /// Up to [`LOCK_WAIT`].
    Up,
}

impl Store {
    /// The store of brief `brief_id` under `data_dir`. Touches no file.
    pub fn new(data_dir: &Path, brief_id: &str) -> Store {
        Store {
            data_dir: data_dir.to_path_buf(),
            dir: data_dir.join("notes").join(brief_id),
            brief_id: brief_id.to_string(),
        }
    }

    /// The brief's notes folder beneath the data folder, as a handle;
    /// `None` when it does not exist (and `create` is false).
    fn folder(&self, create: bool) -> Result<Option<Root>, StoreError> {
        let relative = Path::new("notes").join(&self.brief_id);
        let opened = if create {
            Root::create(&self.data_dir, Links::Refused)
                .and_then(|data| data.create_dir_all(&relative))
        } else {
            Root::open(&self.data_dir, Links::Refused).and_then(|data| data.sub(&relative))
        };
        match opened {
            Ok(root) => Ok(Some(root)),
            Err(error) if error.is_missing() && !create => Ok(None),
            Err(error) if matches!(error.problem, Problem::NotAFolder) => {
                // Only for the message: which file is in the way.
                let wanted = self.dir.clone();
                match wanted
                    .ancestors()
                    .find(|p| p.symlink_metadata().is_ok_and(|m| !m.is_dir()))
                {
                    Some(file) if !file.is_symlink() => Err(StoreError::NotAFolder {
                        file: file.to_path_buf(),
                        wanted,
                    }),
                    _ => Err(error.into()),
                }
            }
            Err(error) => Err(error.into()),
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

    /// Takes the brief's lock in `folder`. Released when the file is
    /// dropped. A `.lock` that is a link, FIFO or device is refused at once.
    fn lock(&self, folder: &Root, wait: Wait) -> Result<File, StoreError> {
        let file = folder.open_lock(LOCK)?;
        let path = self.dir.join(LOCK);
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if wait == Wait::Up && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => return Err(StoreError::Locked(path)),
                Err(TryLockError::Error(error)) => {
                    return Err(StoreError::Io {
                        doing: "lock",
                        path,
                        error,
                    });
                }
            }
        }
    }

    /// Reads every note. Files that cannot be read are listed in
    /// [`LoadedNotes::unreadable`] and left alone; only this program's own
    /// stale temporary files are removed. A missing folder means no notes.
    /// Never waits for the lock.
    pub fn load(&self) -> LoadedNotes {
        self.scan(true)
    }

    /// Like [`Store::load`] but removes nothing at all (for exports and
    /// other read-only uses).
    pub fn read(&self) -> LoadedNotes {
        self.scan(false)
    }

    fn scan(&self, tidy: bool) -> LoadedNotes {
        let mut loaded = LoadedNotes::default();
        if self.check_ids(None).is_err() {
            loaded.notices.push(format!(
                "no notes for brief `{}`: its id cannot be a folder name",
                sanitize_line(&self.brief_id)
            ));
            return loaded;
        }
        loaded.folder_stamp = self.folder_stamp();
        let folder = match self.folder(false) {
            Ok(Some(folder)) => folder,
            Ok(None) => return loaded,
            Err(StoreError::NotAFolder { file, .. }) => {
                loaded.notices.push(format!(
                    "cannot read the notes folder {}: {} is a file, not a folder",
                    shown(&self.dir),
                    shown(&file)
                ));
                return loaded;
            }
            Err(error) => {
                loaded.notices.push(format!(
                    "cannot read the notes folder {}: {}",
                    shown(&self.dir),
                    store_reason(&error)
                ));
                return loaded;
            }
        };
        let entries = match folder.entries("") {
            Ok(entries) => entries,
            Err(error) => {
                loaded.notices.push(error.to_string());
                return loaded;
            }
        };
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        let mut copies: Vec<(String, String, PathBuf)> = Vec::new();
        let mut set_aside: Vec<PathBuf> = Vec::new();
        for entry in entries {
            let Ok(name) = entry.name.into_string() else {
                continue;
            };
            let path = self.dir.join(&name);
            if name.starts_with(TEMP_PREFIX) {
                if tidy && entry.kind == Kind::File && is_stale(&folder, &name) {
                    let _ = folder.remove_file(&name);
                }
            } else if let Some(id) = conflict_copy_of(&name) {
                copies.push((id.to_string(), name, path));
            } else if let Some(id) = name.strip_suffix(".toml")
                && is_valid_note_id(id)
            {
                files.push((id.to_string(), path));
            } else if name
                .split_once(".toml.corrupt-")
                .is_some_and(|(id, _)| is_valid_note_id(id))
            {
                // Moved aside by an earlier version of briefing.
                set_aside.push(path);
            }
        }
        let results = read_all(&folder, &files);
        for ((id, path), result) in files.into_iter().zip(results) {
            let unreadable = |reason: String, raw: &[u8]| unreadable(&path, reason, raw);
            match result {
                Ok((Decoded::Note(note), bytes)) if note.id == id => {
                    loaded.sha256.insert(id, sha256_bytes(&bytes));
                    loaded.notes.push(note);
                }
                Ok((Decoded::Note(note), bytes)) => loaded.unreadable.push(unreadable(
                    format!(
                        "the note inside has id `{}`, not the file's name `{id}`",
                        note.id
                    ),
                    &bytes,
                )),
                Ok((Decoded::UnknownVersion(version), bytes)) => {
                    loaded.unreadable.push(unreadable(
                        format!(
                            "written in note format version {version}; this version of briefing reads version {}",
                            super::FORMAT_VERSION
                        ),
                        &bytes,
                    ))
                }
                Err(FileError::Io(error)) => loaded
                    .unreadable
                    .push(unreadable(format!("cannot be read: {}", error.reason()), b"")),
                Err(FileError::Corrupt(message, bytes)) => {
                    loaded.unreadable.push(unreadable(message, &bytes))
                }
            }
        }
        for path in set_aside {
            let bytes = folder
                .read(file_name(&path), limits::NOTE)
                .unwrap_or_default();
            loaded.unreadable.push(unreadable(
                &path,
                "set aside by an earlier version of briefing that could not read it".to_string(),
                &bytes,
            ));
        }
        loaded.unreadable.sort_by(|a, b| a.file.cmp(&b.file));
        copies.sort_by(|a, b| a.1.cmp(&b.1));
        for (note_id, file, path) in copies {
            let (note, text) = match read_note(&folder, Path::new(&file)) {
                Ok((Decoded::Note(note), _)) => {
                    let body = note.body.clone();
                    (Some(note), body)
                }
                Ok((_, bytes)) | Err(FileError::Corrupt(_, bytes)) => (None, shown_text(&bytes).0),
                Err(FileError::Io(error)) => {
                    (None, format!("(cannot be read: {})", error.reason()))
                }
            };
            loaded.conflicts.push(ConflictCopy {
                path,
                file,
                note_id,
                note,
                text,
            });
        }
        loaded
            .notes
            .sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
        loaded
    }

    /// Writes `note` to disk. `base` is the SHA-256 of the note's file as
    /// the editor read it (`None` for a new note). When the file's bytes no
    /// longer match `base` and its text differs from `note`'s, the text on
    /// disk is kept first as a conflict copy: no time stamp, however odd,
    /// can make a save overwrite text it has not seen. Sets `note.updated`
    /// on success (and `note.created` at a new note's first save: a note
    /// is created when it is first saved); when the file already holds the
    /// same body and target nothing is written and `note` takes the file's
    /// times. On failure `note` is unchanged and the save can be tried
    /// again.
    ///
    /// Waits up to [`LOCK_WAIT`] for another reader's lock: call it off the
    /// interface's thread, or use [`Store::try_save`].
    pub fn save(&self, note: &mut Note, base: Option<&str>) -> Result<Saved, StoreError> {
        self.save_waiting(note, base, Wait::Up)
    }

    /// Like [`Store::save`] but never waits for the lock: when another
    /// reader holds it, fails at once with [`StoreError::Locked`].
    pub fn try_save(&self, note: &mut Note, base: Option<&str>) -> Result<Saved, StoreError> {
        self.save_waiting(note, base, Wait::No)
    }

    fn save_waiting(
        &self,
        note: &mut Note,
        base: Option<&str>,
        wait: Wait,
    ) -> Result<Saved, StoreError> {
        self.check_ids(Some(&note.id))?;
        let folder = self.open_for_writing()?;
        let _lock = self.lock(&folder, wait)?;
        let name = format!("{}.toml", note.id);
        let on_disk = match folder.read(&name, limits::NOTE) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.is_missing() => None,
            Err(error) => return Err(error.into()),
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
            (Some(bytes), _) if base.is_some_and(|base| base == sha256_bytes(bytes)) => false,
            // Nothing would be lost: the same text.
            (Some(_), Some(disk)) => !(disk.body == note.body && disk.target == note.target),
            // Unreadable, or of another version: keep it.
            (Some(_), None) => true,
        };
        // Nothing to write: the file already says this. Its times stay,
        // so a save without a change never makes a note "edited".
        if let (Some(bytes), Some(disk)) = (&on_disk, &disk_note)
            && !conflict
            && disk.body == note.body
            && disk.target == note.target
        {
            note.created = disk.created;
            note.updated = disk.updated;
            return Ok(Saved {
                sha256: sha256_bytes(bytes),
                conflict_copy: None,
                unchanged: true,
            });
        }
        // Later than any version seen where the time library allows it;
        // the order of saves is never decided by these times.
        let mut updated = now();
        if let Some(seen) = disk_note.as_ref().map(|n| n.updated)
            && updated <= seen
        {
            updated = seen
                .checked_add(jiff::SignedDuration::from_millis(1))
                .unwrap_or(seen);
        }
        let mut saved = note.clone();
        // A note is created when it is first saved, not when its editor
        // opened: a new note's first save stamps both times alike.
        if base.is_none() && on_disk.is_none() {
            saved.created = updated;
        }
        updated = updated.max(saved.created);
        saved.updated = updated;

        let mut conflict_copy = None;
        if conflict && let Some(bytes) = &on_disk {
            conflict_copy = Some(self.keep_copy_locked(&folder, &note.id, bytes)?);
        }
        let text = encode(&saved);
        folder.write_atomic(&name, text.as_bytes())?;
        note.created = saved.created;
        note.updated = updated;
        Ok(Saved {
            sha256: sha256_bytes(text.as_bytes()),
            conflict_copy,
            unchanged: false,
        })
    }

    /// The notes folder, created if needed.
    fn open_for_writing(&self) -> Result<Root, StoreError> {
        self.folder(true)?.ok_or_else(|| StoreError::NotFound {
            id: String::new(),
            path: self.dir.clone(),
        })
    }

    /// Keeps `bytes` as a conflict copy of note `id` (the lock is held).
    fn keep_copy_locked(
        &self,
        folder: &Root,
        id: &str,
        bytes: &[u8],
    ) -> Result<PathBuf, StoreError> {
        let copy = free_name(
            folder,
            Path::new(id),
            &format!(".conflict-{}", file_time(Timestamp::now())),
            ".toml",
        );
        folder.write_atomic(&copy, bytes)?;
        Ok(self.dir.join(copy))
    }

    /// When the notes folder's list of files last changed (every save,
    /// copy and deletion renames a file into or out of it), to tell whether
    /// a new look is needed; `None` when it cannot be told.
    pub fn folder_stamp(&self) -> Option<std::time::SystemTime> {
        let data = Root::open(&self.data_dir, Links::Refused).ok()?;
        data.info(Path::new("notes").join(&self.brief_id))
            .ok()
            .flatten()
            .and_then(|info| info.modified)
    }

    /// The SHA-256 of note `id`'s file as it is now, if it can be read.
    pub fn sha256_of(&self, id: &str) -> Option<String> {
        self.check_ids(Some(id)).ok()?;
        let folder = self.folder(false).ok()??;
        let bytes = folder.read(format!("{id}.toml"), limits::NOTE).ok()?;
        Some(sha256_bytes(&bytes))
    }

    /// Moves note `id` to the trash folder.
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.check_ids(Some(id))?;
        let path = self.note_path(id);
        let not_found = || StoreError::NotFound {
            id: id.to_string(),
            path: path.clone(),
        };
        let folder = self.folder(false)?.ok_or_else(not_found)?;
        let _lock = self.lock(&folder, Wait::No)?;
        let name = format!("{id}.toml");
        if !folder
            .info(&name)?
            .is_some_and(|info| info.kind == Kind::File)
        {
            return Err(not_found());
        }
        folder.create_dir_all(TRASH)?;
        folder.rename(&name, Path::new(TRASH).join(&name), true)?;
        Ok(())
    }

    /// Brings note `id` back from the trash (undo of [`Store::delete`]).
    pub fn restore(&self, id: &str) -> Result<Note, StoreError> {
        self.check_ids(Some(id))?;
        let path = self.note_path(id);
        let from = self.trash_dir().join(format!("{id}.toml"));
        let folder = self.folder(false)?.ok_or_else(|| StoreError::NotFound {
            id: id.to_string(),
            path: from.clone(),
        })?;
        let _lock = self.lock(&folder, Wait::No)?;
        let name = format!("{id}.toml");
        if folder.exists(&name) {
            return Err(StoreError::AlreadyExists {
                id: id.to_string(),
                path,
            });
        }
        let trashed = Path::new(TRASH).join(&name);
        let note = match read_note(&folder, &trashed) {
            Ok((Decoded::Note(note), _)) => note,
            Ok((Decoded::UnknownVersion(version), _)) => {
                return Err(StoreError::Corrupt {
                    path: from,
                    message: format!("note format version {version} is not supported"),
                });
            }
            Err(FileError::Io(error)) if error.is_missing() => {
                return Err(StoreError::NotFound {
                    id: id.to_string(),
                    path: from,
                });
            }
            Err(FileError::Io(error)) => return Err(error.into()),
            Err(FileError::Corrupt(message, _)) => {
                return Err(StoreError::Corrupt {
                    path: from,
                    message,
                });
            }
        };
        match folder.rename(&trashed, &name, false) {
            Ok(()) => Ok(note),
            Err(error) if matches!(error.problem, Problem::Exists) => {
                Err(StoreError::AlreadyExists {
                    id: id.to_string(),
                    path,
                })
            }
            Err(error) => Err(error.into()),
        }
    }
}

/// A UTC time for file names: `20250601T100000Z`.
fn file_time(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `base` + `middle` + `ending`, with `-2`, `-3`… before `ending` if that
/// name is taken in `folder`.
fn free_name(folder: &Root, base: &Path, middle: &str, ending: &str) -> String {
    let name = base.to_string_lossy();
    let mut candidate = format!("{name}{middle}{ending}");
    let mut n = 2;
    while folder.exists(&candidate) {
        candidate = format!("{name}{middle}-{n}{ending}");
        n += 1;
    }
    candidate
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
