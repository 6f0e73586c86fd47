//! Drafts: the text of an open note editor, kept on disk so that it
//! survives the terminal going away (SIGHUP, SIGTERM, a lost terminal, a
//! panic, or a plain quit with the editor open).
//!
//! One file per draft: `<data dir>/drafts/<brief id>/<note id>.toml` for an
//! edit of a saved note, `new-<note id>.toml` for a note not saved yet. A
//! draft is removed once its note is saved or the draft is discarded; until
//! then every opening of the brief offers it back.
//!
//! All file access goes through [`crate::safe_file`], beneath a handle on
//! the data folder where no link is followed (see [`Drafts::folder`]).

use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::file::{Decoded, decode, encode};
use super::store::is_valid_note_id;
use super::{Note, now};
use crate::brief::is_valid_id;
use crate::safe_file::{self, Kind, Links, Root, limits};

/// The draft file format this build writes and reads.
const DRAFT_VERSION: i64 = 1;
const NEW_PREFIX: &str = "new-";
/// Temporary files older than this are leftovers of a crash.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

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
    data_dir: PathBuf,
    brief_id: String,
    dir: PathBuf,
    valid: bool,
}

impl Drafts {
    /// The drafts of brief `brief_id` under `data_dir`. Touches no file.
    pub fn new(data_dir: &Path, brief_id: &str) -> Drafts {
        Drafts {
            data_dir: data_dir.to_path_buf(),
            brief_id: brief_id.to_string(),
            dir: data_dir.join("drafts").join(brief_id),
            valid: is_valid_id(brief_id),
        }
    }

    /// The brief's drafts folder, opened beneath the data folder (created
    /// first with `create`).
    fn folder(&self, create: bool) -> safe_file::Result<Root> {
        let sub = Path::new("drafts").join(&self.brief_id);
        if create {
            Root::create(&self.data_dir, Links::Refused)?.create_dir_all(&sub)
        } else {
            Root::open(&self.data_dir, Links::Refused)?.sub(&sub)
        }
    }

    fn name(id: &str, new: bool) -> String {
        let prefix = if new { NEW_PREFIX } else { "" };
        format!("{prefix}{id}.toml")
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the draft of note `id` (`new` for a note not saved yet).
    pub fn path(&self, id: &str, new: bool) -> PathBuf {
        self.dir.join(Drafts::name(id, new))
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
        let name = Drafts::name(&draft.note.id, draft.is_new());
        self.folder(true)?.write_atomic(&name, text.as_bytes())?;
        Ok(self.dir.join(name))
    }

    /// Removes the draft of note `id`, if there is one.
    pub fn remove(&self, id: &str) -> io::Result<()> {
        if !self.valid || !is_valid_note_id(id) {
            return Ok(());
        }
        let folder = match self.folder(false) {
            Ok(folder) => folder,
            Err(error) if error.is_missing() => return Ok(()),
            Err(error) => return Err(error.into()),
        };
        for new in [false, true] {
            match folder.remove_file(Drafts::name(id, new)) {
                Err(error) if !error.is_missing() => return Err(error.into()),
                _ => {}
            }
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
        let Ok(folder) = self.folder(false) else {
            return (drafts, bad);
        };
        let Ok(entries) = folder.entries("") else {
            return (drafts, bad);
        };
        for entry in entries {
            let Ok(name) = entry.name.into_string() else {
                continue;
            };
            if name.starts_with(".tmp-") && entry.kind == Kind::File {
                // A write cut short by a crash: only this program makes
                // these, and an old one is of no use to anyone.
                let old = folder.info(&name).ok().flatten().and_then(|i| i.modified);
                if old
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP)
                {
                    let _ = folder.remove_file(&name);
                }
                continue;
            }
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
            let path = self.dir.join(&name);
            if entry.kind != Kind::File {
                bad.push(BadDraft {
                    path,
                    reason: "not a regular file".to_string(),
                });
                continue;
            }
            let read = folder.read(&name, limits::DRAFT).map_err(io::Error::from);
            match read.and_then(|bytes| parse(&bytes)) {
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
    fn only_old_temporary_files_are_cleared() {
        let data = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(data.path(), "afpak-2025");
        std::fs::create_dir_all(drafts.dir()).unwrap();
        let old = drafts.dir().join(".tmp-old");
        let fresh = drafts.dir().join(".tmp-fresh");
        std::fs::write(&old, "half a draft").unwrap();
        std::fs::write(&fresh, "a write under way").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        assert_eq!(drafts.list(), (vec![], vec![]));
        assert!(!old.exists(), "a leftover of a crash");
        assert!(fresh.exists(), "maybe another reader's write");
    }

    #[test]
    fn a_broken_draft_is_reported_and_left_alone() {
        let data = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(data.path(), "afpak-2025");
        std::fs::create_dir_all(drafts.dir()).unwrap();
        let path = drafts.dir().join("01JBROKENBROKENBROKENBROKE.toml");
        std::fs::write(&path, "not = [toml").unwrap();
        let outside = data.path().join("outside.toml");
        std::fs::write(&outside, "secret").unwrap();
        let link = drafts.dir().join("01JLINKLINKLINKLINKLINKLIN.toml");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let (listed, bad) = drafts.list();
        assert!(listed.is_empty());
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(path.exists() && link.exists());
        // Removing a draft never follows a link out of the folder.
        drafts.remove("01JLINKLINKLINKLINKLINKLIN").unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "secret");
    }
}
