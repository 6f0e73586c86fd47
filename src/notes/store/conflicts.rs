//! Conflict copies: keeping the other text as the note, or dismissing the
//! copy to the trash.

use std::path::Path;

use super::{ConflictCopy, Saved, Store, StoreError, TRASH, Wait, free_name, is_valid_note_id};
use crate::notes::file::encode;
use crate::notes::{Note, now, sha256_bytes};
use crate::safe_file::{Root, limits};

impl Store {
    /// Replaces note `copy.note_id`'s text with the conflict copy's, keeping
    /// the text it replaces as a new conflict copy, and moves the old copy
    /// to the trash (its text is now the note's).
    pub fn keep_other(&self, copy: &ConflictCopy) -> Result<(Note, Saved), StoreError> {
        self.check_ids(Some(&copy.note_id))?;
        let Some(other) = copy.note.clone() else {
            return Err(StoreError::Corrupt {
                path: copy.path.clone(),
                message: "the copy is not a readable note".to_string(),
            });
        };
        let folder = self.open_for_writing()?;
        let _lock = self.lock(&folder, Wait::No)?;
        let name = format!("{}.toml", copy.note_id);
        let mut note = other;
        note.id = copy.note_id.clone();
        let replaced = match folder.read(&name, limits::NOTE) {
            Ok(bytes) => Some(self.keep_copy_locked(&folder, &note.id, &bytes)?),
            Err(error) if error.is_missing() => None,
            Err(error) => return Err(error.into()),
        };
        note.updated = now().max(note.created);
        let text = encode(&note);
        folder.write_atomic(&name, text.as_bytes())?;
        self.trash_locked(&folder, &copy.file)?;
        Ok((
            note,
            Saved {
                sha256: sha256_bytes(text.as_bytes()),
                conflict_copy: replaced,
                unchanged: false,
            },
        ))
    }

    /// Dismisses a conflict copy: it moves to the trash folder.
    pub fn dismiss(&self, copy: &ConflictCopy) -> Result<(), StoreError> {
        if conflict_copy_of(&copy.file).is_none() || copy.path.parent() != Some(self.dir.as_path())
        {
            return Err(StoreError::InvalidId(copy.file.clone()));
        }
        self.check_ids(None)?;
        let folder = self.open_for_writing()?;
        let _lock = self.lock(&folder, Wait::No)?;
        self.trash_locked(&folder, &copy.file)
    }

    /// Moves `name` into the trash folder (the lock is held), never over
    /// a file already there.
    fn trash_locked(&self, folder: &Root, name: &str) -> Result<(), StoreError> {
        folder.create_dir_all(TRASH)?;
        let to = free_name(folder, &Path::new(TRASH).join(name), "", "");
        folder.rename(name, &to, false)?;
        Ok(())
    }
}

/// The note id of a conflict copy's file name
/// (`<id>.conflict-<time>.toml`), or `None` for any other name.
pub fn conflict_copy_of(name: &str) -> Option<&str> {
    let (id, rest) = name.split_once(".conflict-")?;
    (is_valid_note_id(id) && rest.ends_with(".toml") && !rest.contains('/')).then_some(id)
}
