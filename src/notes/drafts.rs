//! Drafts: the text of an open note editor, kept on disk so that it
//! survives the terminal going away (SIGHUP, SIGTERM, a lost terminal, a
//! panic, or a plain quit with the editor open).
//!
//! One file per draft: `<data dir>/drafts/<brief id>/<note id>.toml` for an
//! edit of a saved note, `new-<note id>.toml` for a note not saved yet. A
//! draft is removed once its note is saved or the draft is discarded; until
//! then every opening of the brief offers it back.
//!
//! All file access goes through [`write_file`], [`read_file`] and
//! [`remove_file`].

use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::file::{Decoded, decode, encode};
use super::store::{MAX_NOTE_FILE, is_valid_note_id};
use super::{Note, now};
use crate::brief::is_valid_id;

/// The draft file format this build writes and reads.
const DRAFT_VERSION: i64 = 1;
const NEW_PREFIX: &str = "new-";

/// An editor's text, with what is needed to take the edit up again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The note as being edited; `body` is the editor's text, byte for
    /// byte.
    pub note: Note,
    /// The SHA-256 of the note's file when the edit began; `None` for a
    /// note not saved yet.
    pub base: Option<String>,
    /// What the note is on, as the editor named it.
    pub label: String,
    /// When the draft was written.
    pub saved: Timestamp,
}

impl Draft {
    pub fn is_new(&self) -> bool {
        self.base.is_none()
    }
}

#[derive(Serialize, Deserialize)]
struct DraftFile {
    version: i64,
    saved: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base_sha256: Option<String>,
    label: String,
    /// The note's own file text (see [`encode`]).
    note: String,
}

/// A draft file that could not be read; it is left in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDraft {
    pub path: PathBuf,
    pub reason: String,
}

/// The drafts of one brief.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
    valid: bool,
}

impl Drafts {
    /// The drafts of brief `brief_id` under `data_dir`. Touches no file.
    pub fn new(data_dir: &Path, brief_id: &str) -> Drafts {
        Drafts {
            dir: data_dir.join("drafts").join(brief_id),
            valid: is_valid_id(brief_id),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the draft of note `id` (`new` for a note not saved yet).
    pub fn path(&self, id: &str, new: bool) -> PathBuf {
        let prefix = if new { NEW_PREFIX } else { "" };
        self.dir.join(format!("{prefix}{id}.toml"))
    }

    /// Writes `draft` (replacing an earlier draft of the same note).
    pub fn write(&self, draft: &Draft) -> io::Result<PathBuf> {
        if !self.valid || !is_valid_note_id(&draft.note.id) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the brief or note id cannot be a file name",
            ));
        }
        let file = DraftFile {
            version: DRAFT_VERSION,
            saved: draft.saved.to_string(),
            base_sha256: draft.base.clone(),
            label: draft.label.clone(),
            note: encode(&draft.note),
        };
        let text = toml::to_string(&file).map_err(io::Error::other)?;
        let path = self.path(&draft.note.id, draft.is_new());
        write_file(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Removes the draft of note `id`, if there is one.
    pub fn remove(&self, id: &str) -> io::Result<()> {
        if !self.valid || !is_valid_note_id(id) {
            return Ok(());
        }
        for new in [false, true] {
            remove_file(&self.path(id, new))?;
        }
        Ok(())
    }

    /// Every draft, oldest first, and the draft files that could not be
    /// read. A missing folder means no drafts.
    pub fn list(&self) -> (Vec<Draft>, Vec<BadDraft>) {
        let (mut drafts, mut bad) = (Vec::new(), Vec::new());
        if !self.valid {
            return (drafts, bad);
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return (drafts, bad);
        };
        for entry in entries.filter_map(Result::ok) {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let Some(stem) = name.strip_suffix(".toml") else {
                continue;
            };
            let (id, new) = match stem.strip_prefix(NEW_PREFIX) {
                Some(id) => (id, true),
                None => (stem, false),
            };
            if !is_valid_note_id(id) {
                continue;
            }
            let path = entry.path();
            match read_file(&path).and_then(|bytes| parse(&bytes)) {
                Ok(draft) if draft.note.id == id && draft.is_new() == new => drafts.push(draft),
                Ok(_) => bad.push(BadDraft {
                    path,
                    reason: "the draft inside is of another note".to_string(),
                }),
                Err(error) => bad.push(BadDraft {
                    path,
                    reason: error.to_string(),
                }),
            }
        }
        drafts.sort_by(|a, b| {
            a.saved
                .cmp(&b.saved)
                .then_with(|| a.note.id.cmp(&b.note.id))
        });
        bad.sort_by(|a, b| a.path.cmp(&b.path));
        (drafts, bad)
    }
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

fn parse(bytes: &[u8]) -> io::Result<Draft> {
    let text = std::str::from_utf8(bytes).map_err(|_| invalid("not UTF-8 text"))?;
    let file: DraftFile = toml::from_str(text).map_err(|e| invalid(e.message().trim()))?;
    if file.version != DRAFT_VERSION {
        return Err(invalid(format!(
            "draft format version {} is not supported",
            file.version
        )));
    }
    let note = match decode(&file.note) {
        Ok(Decoded::Note(note)) => note,
        Ok(Decoded::UnknownVersion(v)) => {
            return Err(invalid(format!("note format version {v} is not supported")));
        }
        Err(message) => return Err(invalid(message)),
    };
    Ok(Draft {
        note,
        base: file.base_sha256,
        label: file.label,
        saved: file.saved.parse().unwrap_or_else(|_| now()),
    })
}

// ------------------------------------------------------------- file access

/// Replaces `path` with `bytes` atomically.
fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::atomic::write(path, bytes)
}

/// Reads `path`: a regular file of bounded size.
fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(invalid("not a regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_NOTE_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_NOTE_FILE {
        return Err(invalid("too large to be a draft"));
    }
    Ok(bytes)
}

/// Removes `path`; a missing file is not an error.
fn remove_file(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{ItemKind, NoteTarget};

    fn draft(body: &str, base: Option<&str>) -> Draft {
        Draft {
            note: Note::new(NoteTarget::item(ItemKind::Factor, "trade"), body.into()),
            base: base.map(str::to_string),
            label: "factor “Trade”".into(),
            saved: "2025-06-01T10:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_draft_comes_back_byte_for_byte() {
        let data = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(data.path(), "afpak-2025");
        assert_eq!(drafts.list(), (vec![], vec![]));
        let new = draft("line1\r\nline2\n\n\n\u{1b}[31m \"\"\" '''", None);
        let edit = draft("edited", Some(&"ab".repeat(32)));
        let new_path = drafts.write(&new).unwrap();
        assert!(new_path.ends_with(format!("new-{}.toml", new.note.id)));
        drafts.write(&edit).unwrap();
        let (listed, bad) = drafts.list();
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(listed.len(), 2);
        assert!(listed.contains(&new) && listed.contains(&edit));
        drafts.remove(&new.note.id).unwrap();
        assert_eq!(drafts.list().0, vec![edit]);
    }

    #[test]
    fn a_broken_draft_is_reported_and_left_alone() {
        let data = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(data.path(), "afpak-2025");
        std::fs::create_dir_all(drafts.dir()).unwrap();
        let path = drafts.dir().join("01JBROKENBROKENBROKENBROKE.toml");
        std::fs::write(&path, "not = [toml").unwrap();
        let (listed, bad) = drafts.list();
        assert!(listed.is_empty());
        assert_eq!(bad.len(), 1);
        assert!(path.exists());
    }
}
