//! The one way this program opens, reads, writes, renames and removes its
//! files: briefs and their sources, notes, the notes lock and trash, the
//! reading state, and any file added later (config, drafts).
//!
//! A [`Root`] is a handle on a folder, opened once by path (so the folder
//! itself may be a link, followed that once). Every name is then resolved
//! *beneath that handle* by the kernel — `openat2` with `RESOLVE_BENEATH`
//! on Linux — so no link, `..` or absolute link leads out of the folder,
//! whatever is swapped in between a check and an open: there is no check
//! separate from the open. Why `rustix` and not `cap-std`: it is already
//! in the build (through `tempfile`), it gives the exact flags asked for
//! (`O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY`, `RENAME_NOREPLACE`,
//! syncing a folder handle) and `fstat` on the opened handle, where
//! `cap-std` would hide them behind its own policy and add a dozen crates.
//! Where `openat2` is missing (old kernels, other systems) names are walked
//! one component at a time with `O_NOFOLLOW`, refusing every link and `..`.
//!
//! Two policies ([`Links`]): in our data folder no link is followed at all;
//! in a brief's folder, links that stay inside are allowed.
//!
//! A file is opened non-blocking (a FIFO does not hang the open), its
//! handle is checked to be a regular file (a FIFO, device, socket or folder
//! is refused at once), and it is read with a size bound chosen per kind of
//! file ([`limits`]). Every refusal is an [`Error`] whose message names the
//! file.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

pub use error::{Error, Op, Problem, Result, io_reason};

mod error;

/// Size bounds, per kind of file.
pub mod limits {
    /// A brief's TOML file.
    pub const BRIEF: u64 = 256 * 1024 * 1024;
    /// A source text a brief quotes.
    pub const SOURCE: u64 = 64 * 1024 * 1024;
    /// One note file.
    pub const NOTE: u64 = 16 * 1024 * 1024;
    /// The reading-state file.
    pub const STATE: u64 = 4 * 1024 * 1024;
    /// A configuration file.
    pub const CONFIG: u64 = 1024 * 1024;
    /// A saved draft.
    pub const DRAFT: u64 = 16 * 1024 * 1024;
}

/// Which links may be followed beneath a root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// None: a link anywhere in a name is refused (our data folder).
    Refused,
    /// Links that resolve inside the root (a brief's folder).
    Inside,
}

/// What a name beneath a root is, without following it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    Link,
    /// A FIFO, device or socket.
    Other,
}

impl Kind {
    fn of(file_type: FileType) -> Kind {
        match file_type {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Folder,
            FileType::Symlink => Kind::Link,
            _ => Kind::Other,
        }
    }
}

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: OsString,
    pub kind: Kind,
}

/// What [`Root::info`] tells of a name (not following it).
#[derive(Debug, Clone, Copy)]
pub struct Info {
    pub kind: Kind,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

/// A folder handle beneath which names are resolved.
#[derive(Debug)]
pub struct Root {
    fd: OwnedFd,
    path: PathBuf,
    links: Links,
}

/// Set once `openat2` turned out to be unavailable.
static NO_OPENAT2: AtomicBool = AtomicBool::new(false);

const MAX_RETRIES: usize = 16;

fn to_io(errno: Errno) -> io::Error {
    io::Error::from_raw_os_error(errno.raw_os_error())
}

impl Root {
    /// Opens the folder at `path` (following it if it is a link).
    pub fn open(path: &Path, links: Links) -> Result<Root> {
        let fd = rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOCTTY,
            Mode::empty(),
        )
        .map_err(|e| Error::new(Op::Open, path.to_path_buf(), problem_of(e)))?;
        Ok(Root {
            fd,
            path: path.to_path_buf(),
            links,
        })
    }

    /// Like [`Root::open`], creating the folder (and its parents) first if
    /// it is missing.
    pub fn create(path: &Path, links: Links) -> Result<Root> {
        match Root::open(path, links) {
            Err(error) if error.is_missing() => {
                std::fs::create_dir_all(path).map_err(|e| {
                    Error::new(Op::CreateFolder, path.to_path_buf(), problem_of_io(e))
                })?;
                Root::open(path, links)
            }
            other => other,
        }
    }

    /// The folder's path, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path of `name` beneath this root, for messages.
    pub fn shown(&self, name: impl AsRef<Path>) -> PathBuf {
        let name = name.as_ref();
        if name.as_os_str().is_empty() || name == Path::new(".") {
            self.path.clone()
        } else {
            self.path.join(name)
        }
    }

    /// Another handle on the same folder.
    pub fn try_clone(&self) -> Result<Root> {
        let fd = self
            .fd
            .try_clone()
            .map_err(|e| Error::new(Op::Open, self.path.clone(), Problem::Io(e)))?;
        Ok(Root {
            fd,
            path: self.path.clone(),
            links: self.links,
        })
    }

    /// The folder `name` beneath this root, as a root of its own.
    pub fn sub(&self, name: impl AsRef<Path>) -> Result<Root> {
        let name = name.as_ref();
        let fd = self
            .resolve(name, OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())
            .map_err(|p| Error::new(Op::Open, self.shown(name), p))?;
        Ok(Root {
            fd,
            path: self.shown(name),
            links: self.links,
        })
    }

    /// Creates the folder `name` and any missing parents beneath this root
    /// (none of them may be a link) and returns it as a root.
    pub fn create_dir_all(&self, name: impl AsRef<Path>) -> Result<Root> {
        let name = name.as_ref();
        let shown = self.shown(name);
        let fail = |p| Error::new(Op::CreateFolder, shown.clone(), p);
        let mut current = self.fd.try_clone().map_err(|e| fail(Problem::Io(e)))?;
        for component in name.components() {
            let part = match component {
                Component::CurDir => continue,
                Component::Normal(part) => part,
                _ => return Err(fail(Problem::Outside)),
            };
            match rustix::fs::mkdirat(&current, part, Mode::from_raw_mode(0o755)) {
                Ok(()) | Err(Errno::EXIST) => {}
                Err(e) => return Err(fail(problem_of(e))),
            }
            current = rustix::fs::openat(
                &current,
                part,
                OFlags::RDONLY
                    | OFlags::DIRECTORY
                    | OFlags::NOFOLLOW
                    | OFlags::CLOEXEC
                    | OFlags::NOCTTY,
                Mode::empty(),
            )
            .map_err(|e| fail(problem_of(e)))?;
        }
        Ok(Root {
            fd: current,
            path: shown,
            links: self.links,
        })
    }

    /// Opens `name` for reading: a regular file, or an error.
    pub fn open_file(&self, name: impl AsRef<Path>) -> Result<File> {
        let name = name.as_ref();
        let fd = self
            .resolve(name, OFlags::RDONLY, Mode::empty())
            .map_err(|p| Error::new(Op::Open, self.shown(name), p))?;
        check_regular(&fd).map_err(|p| Error::new(Op::Open, self.shown(name), p))?;
        Ok(File::from(fd))
    }

    /// Reads `name`, refusing it if it is over `limit` bytes.
    pub fn read(&self, name: impl AsRef<Path>, limit: u64) -> Result<Vec<u8>> {
        let name = name.as_ref();
        let fail = |p| Error::new(Op::Read, self.shown(name), p);
        let fd = self
            .resolve(name, OFlags::RDONLY, Mode::empty())
            .map_err(fail)?;
        let size = check_regular(&fd).map_err(fail)?;
        if size > limit {
            return Err(fail(Problem::TooLarge { size, limit }));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // One byte past the limit, in case the file grew meanwhile.
        File::from(fd)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(problem_of_io(e)))?;
        if bytes.len() as u64 > limit {
            return Err(fail(Problem::TooLarge {
                size: bytes.len() as u64,
                limit,
            }));
        }
        Ok(bytes)
    }

    /// Reads `name` as UTF-8 text (see [`Root::read`]).
    pub fn read_to_string(&self, name: impl AsRef<Path>, limit: u64) -> Result<String> {
        let name = name.as_ref();
        let bytes = self.read(name, limit)?;
        String::from_utf8(bytes).map_err(|e| {
            Error::new(
                Op::Read,
                self.shown(name),
                Problem::NotUtf8(e.utf8_error().valid_up_to()),
            )
        })
    }

    /// Replaces `name` with `contents` so that a crash leaves the old file
    /// or the new one: a temporary `.tmp-…` file in the same folder,
    /// synced, renamed over `name` (a link there is replaced, never
    /// followed), then the folder synced. The folder must exist.
    pub fn write_atomic(&self, name: impl AsRef<Path>, contents: &[u8]) -> Result<()> {
        let name = name.as_ref();
        let fail = |p| Error::new(Op::Write, self.shown(name), p);
        let (folder, file_name) = self.parent_of(name).map_err(fail)?;
        let (temp_name, temp) = create_temp(&folder).map_err(fail)?;
        let written = (|| {
            let mut file = File::from(temp);
            file.write_all(contents)?;
            file.sync_all()?;
            rustix::fs::renameat(&folder, &temp_name, &folder, file_name).map_err(to_io)?;
            rustix::fs::fsync(&folder).map_err(to_io)
        })();
        if let Err(error) = written {
            let _ = rustix::fs::unlinkat(&folder, &temp_name, AtFlags::empty());
            return Err(fail(problem_of_io(error)));
        }
        Ok(())
    }

    /// Renames `from` to `to`, both beneath this root; with `replace`
    /// false an existing `to` is an error ([`Problem::Exists`]). Both
    /// folders are synced.
    pub fn rename(
        &self,
        from: impl AsRef<Path>,
        to: impl AsRef<Path>,
        replace: bool,
    ) -> Result<()> {
        let (from, to) = (from.as_ref(), to.as_ref());
        let fail = |p| Error::new(Op::Rename, self.shown(from), p);
        let (from_folder, from_name) = self.parent_of(from).map_err(fail)?;
        let (to_folder, to_name) = self
            .parent_of(to)
            .map_err(|p| Error::new(Op::Rename, self.shown(to), p))?;
        rename_at(&from_folder, from_name, &to_folder, to_name, replace).map_err(fail)?;
        rustix::fs::fsync(&to_folder).map_err(|e| fail(problem_of(e)))?;
        rustix::fs::fsync(&from_folder).map_err(|e| fail(problem_of(e)))
    }

    /// Removes the file (or link) `name`; it is never followed.
    pub fn remove_file(&self, name: impl AsRef<Path>) -> Result<()> {
        let name = name.as_ref();
        let fail = |p| Error::new(Op::Remove, self.shown(name), p);
        let (folder, file_name) = self.parent_of(name).map_err(fail)?;
        rustix::fs::unlinkat(&folder, file_name, AtFlags::empty()).map_err(|e| fail(problem_of(e)))
    }

    /// What `name` is, not following it; `None` when it does not exist.
    pub fn info(&self, name: impl AsRef<Path>) -> Result<Option<Info>> {
        let name = name.as_ref();
        let fail = |p| Error::new(Op::Open, self.shown(name), p);
        let (folder, file_name) = match self.parent_of(name) {
            Ok(found) => found,
            Err(Problem::Missing) => return Ok(None),
            Err(p) => return Err(fail(p)),
        };
        match rustix::fs::statat(&folder, file_name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => Ok(Some(info_of(&stat))),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(fail(problem_of(e))),
        }
    }

    /// True when something (anything, even a dangling link) is at `name`.
    pub fn exists(&self, name: impl AsRef<Path>) -> bool {
        !matches!(self.info(name), Ok(None))
    }

    /// The entries of the folder `name` (`""` for the root), without `.`
    /// and `..`, in no particular order.
    pub fn entries(&self, name: impl AsRef<Path>) -> Result<Vec<Entry>> {
        let name = name.as_ref();
        let fail = |p| Error::new(Op::List, self.shown(name), p);
        let folder = if is_here(name) {
            self.fd.try_clone().map_err(|e| fail(Problem::Io(e)))?
        } else {
            self.resolve(name, OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())
                .map_err(fail)?
        };
        let mut entries = Vec::new();
        let dir = rustix::fs::Dir::read_from(&folder).map_err(|e| fail(problem_of(e)))?;
        for entry in dir {
            let entry = entry.map_err(|e| fail(problem_of(e)))?;
            let bytes = entry.file_name().to_bytes();
            if bytes == b"." || bytes == b".." {
                continue;
            }
            let name = OsStr::from_bytes(bytes).to_os_string();
            let kind = match entry.file_type() {
                FileType::Unknown => {
                    match rustix::fs::statat(&folder, name.as_os_str(), AtFlags::SYMLINK_NOFOLLOW) {
                        Ok(stat) => Kind::of(FileType::from_raw_mode(stat.st_mode)),
                        Err(_) => Kind::Other,
                    }
                }
                file_type => Kind::of(file_type),
            };
            entries.push(Entry { name, kind });
        }
        Ok(entries)
    }

    /// Opens (creating if needed) the lock file `name` for
    /// [`File::try_lock`]: a regular file, never a link, FIFO or device.
    pub fn open_lock(&self, name: impl AsRef<Path>) -> Result<File> {
        let name = name.as_ref();
        let fail = |p| Error::new(Op::Lock, self.shown(name), p);
        let fd = self
            .resolve(
                name,
                OFlags::RDWR | OFlags::CREATE,
                Mode::from_raw_mode(0o600),
            )
            .map_err(fail)?;
        check_regular(&fd).map_err(fail)?;
        Ok(File::from(fd))
    }

    /// Syncs the folder itself, making renames and new files in it durable.
    pub fn sync(&self) -> Result<()> {
        rustix::fs::fsync(&self.fd)
            .map_err(|e| Error::new(Op::Write, self.path.clone(), problem_of(e)))
    }

    /// The folder holding `name`, opened beneath the root, and the last
    /// component of `name` (a plain file name).
    fn parent_of<'n>(&self, name: &'n Path) -> std::result::Result<(OwnedFd, &'n OsStr), Problem> {
        let Some(Component::Normal(file_name)) = name.components().next_back() else {
            return Err(Problem::Outside);
        };
        let parent = name.parent().unwrap_or(Path::new(""));
        let folder = if is_here(parent) {
            self.fd.try_clone().map_err(Problem::Io)?
        } else {
            self.resolve(parent, OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())?
        };
        Ok((folder, file_name))
    }

    /// Opens `name` beneath the root with `flags` plus `O_NOFOLLOW |
    /// O_NONBLOCK | O_CLOEXEC | O_NOCTTY` (under [`Links::Inside`] with
    /// `openat2`, a final link is followed, still beneath the root).
    fn resolve(
        &self,
        name: &Path,
        flags: OFlags,
        mode: Mode,
    ) -> std::result::Result<OwnedFd, Problem> {
        if name.is_absolute() || name.has_root() {
            return Err(Problem::Outside);
        }
        let name = if is_here(name) { Path::new(".") } else { name };
        let flags = flags | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if !NO_OPENAT2.load(Ordering::Relaxed) {
            use rustix::fs::ResolveFlags;
            let mut resolve = ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS;
            let mut flags = flags;
            match self.links {
                Links::Refused => resolve |= ResolveFlags::NO_SYMLINKS,
                // The kernel keeps a followed link beneath the root.
                Links::Inside => flags.remove(OFlags::NOFOLLOW),
            }
            for _ in 0..MAX_RETRIES {
                match rustix::fs::openat2(&self.fd, name, flags, mode, resolve) {
                    Ok(fd) => return Ok(fd),
                    // A rename elsewhere in the file system raced the
                    // lookup: the kernel asks to try again.
                    Err(Errno::AGAIN) => continue,
                    Err(Errno::NOSYS) | Err(Errno::PERM) if self.probe_openat2_missing() => {
                        NO_OPENAT2.store(true, Ordering::Relaxed);
                        return self.walk(name, flags, mode);
                    }
                    // An absolute link is refused by the kernel even when
                    // it points inside: find where it leads and, if that is
                    // inside, open that name — still beneath the handle.
                    Err(Errno::XDEV) if self.links == Links::Inside => {
                        return match self.inside_name(name) {
                            Some(inside) => {
                                rustix::fs::openat2(&self.fd, &inside, flags, mode, resolve)
                                    .map_err(|e| problem_of_open(e, flags))
                            }
                            None => Err(Problem::Outside),
                        };
                    }
                    Err(Errno::NOTDIR | Errno::LOOP) if self.link_on_the_way(name) => {
                        return Err(Problem::Link);
                    }
                    Err(e) => return Err(problem_of_open(e, flags)),
                }
            }
            return Err(Problem::Io(to_io(Errno::AGAIN)));
        }
        self.walk(name, flags, mode)
    }

    /// True when a part of `name` is a link (to say so in a refusal).
    fn link_on_the_way(&self, name: &Path) -> bool {
        let mut prefix = PathBuf::new();
        name.components().any(|component| {
            prefix.push(component);
            matches!(component, Component::Normal(_))
                && rustix::fs::statat(&self.fd, &prefix, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|stat| FileType::from_raw_mode(stat.st_mode) == FileType::Symlink)
        })
    }

    /// Where `name` leads, as a name beneath the root, if it stays inside.
    fn inside_name(&self, name: &Path) -> Option<PathBuf> {
        let root = std::fs::canonicalize(&self.path).ok()?;
        let target = std::fs::canonicalize(self.path.join(name)).ok()?;
        let inside = target.strip_prefix(&root).ok()?;
        Some(if inside.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            inside.to_path_buf()
        })
    }

    /// True when `openat2` itself is refused (rather than the file).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn probe_openat2_missing(&self) -> bool {
        matches!(
            rustix::fs::openat2(
                &self.fd,
                ".",
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
                rustix::fs::ResolveFlags::BENEATH,
            ),
            Err(Errno::NOSYS) | Err(Errno::PERM)
        )
    }

    /// Without `openat2`: one component at a time, no links, no `..`.
    fn walk(
        &self,
        name: &Path,
        flags: OFlags,
        mode: Mode,
    ) -> std::result::Result<OwnedFd, Problem> {
        let parts: Vec<&OsStr> = name
            .components()
            .filter_map(|c| match c {
                Component::CurDir => None,
                Component::Normal(part) => Some(Ok(part)),
                _ => Some(Err(Problem::Outside)),
            })
            .collect::<std::result::Result<_, _>>()?;
        let Some((last, folders)) = parts.split_last() else {
            return rustix::fs::openat(&self.fd, ".", flags, mode)
                .map_err(|e| problem_of_open(e, flags));
        };
        let mut current: Option<OwnedFd> = None;
        for part in folders {
            let at: BorrowedFd<'_> = current.as_ref().map_or(self.fd.as_fd(), |fd| fd.as_fd());
            let next = rustix::fs::openat(
                at,
                *part,
                OFlags::RDONLY
                    | OFlags::DIRECTORY
                    | OFlags::NOFOLLOW
                    | OFlags::CLOEXEC
                    | OFlags::NOCTTY,
                Mode::empty(),
            )
            .map_err(problem_of)?;
            current = Some(next);
        }
        let at: BorrowedFd<'_> = current.as_ref().map_or(self.fd.as_fd(), |fd| fd.as_fd());
        rustix::fs::openat(at, *last, flags, mode).map_err(|e| problem_of_open(e, flags))
    }
}

/// Reads the file at `path` given by the user (a brief): its folder is the
/// root, and a link that stays in that folder is followed.
pub fn read_path(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let (root, name) = root_of(path, Op::Read)?;
    root.read(name, limit)
}

/// Opens the folder holding `path` as a root (links inside allowed) and
/// returns it with the file's name.
pub fn root_of(path: &Path, op: Op) -> Result<(Root, &OsStr)> {
    let Some(name) = path.file_name() else {
        return Err(Error::new(
            op,
            path.to_path_buf(),
            Problem::NotRegular("a folder"),
        ));
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut root = Root::open(folder, Links::Inside)?;
    // Messages name the file as the user gave it: `brief.toml`, not
    // `./brief.toml`.
    root.path = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok((root, name))
}

fn is_here(name: &Path) -> bool {
    name.as_os_str().is_empty() || name.components().all(|c| c == Component::CurDir)
}

fn create_temp(folder: &OwnedFd) -> std::result::Result<(OsString, OwnedFd), Problem> {
    for _ in 0..MAX_RETRIES {
        let name = OsString::from(format!(".tmp-{:016x}", fastrand::u64(..)));
        match rustix::fs::openat(
            folder,
            name.as_os_str(),
            OFlags::WRONLY
                | OFlags::CREATE
                | OFlags::EXCL
                | OFlags::NOFOLLOW
                | OFlags::CLOEXEC
                | OFlags::NOCTTY,
            Mode::from_raw_mode(0o600),
        ) {
            Ok(fd) => return Ok((name, fd)),
            Err(Errno::EXIST) => continue,
            Err(e) => return Err(problem_of(e)),
        }
    }
    Err(Problem::Exists)
}

fn rename_at(
    from_folder: &OwnedFd,
    from: &OsStr,
    to_folder: &OwnedFd,
    to: &OsStr,
    replace: bool,
) -> std::result::Result<(), Problem> {
    if replace {
        return rustix::fs::renameat(from_folder, from, to_folder, to).map_err(problem_of);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    match rustix::fs::renameat_with(
        from_folder,
        from,
        to_folder,
        to,
        rustix::fs::RenameFlags::NOREPLACE,
    ) {
        Ok(()) => return Ok(()),
        Err(Errno::EXIST) => return Err(Problem::Exists),
        // The file system cannot do it atomically: check, then rename.
        Err(Errno::INVAL) | Err(Errno::NOSYS) => {}
        Err(e) => return Err(problem_of(e)),
    }
    match rustix::fs::statat(to_folder, to, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(_) => Err(Problem::Exists),
        Err(Errno::NOENT) => {
            rustix::fs::renameat(from_folder, from, to_folder, to).map_err(problem_of)
        }
        Err(e) => Err(problem_of(e)),
    }
}

/// Checks an opened handle is a regular file; returns its size.
fn check_regular(fd: &OwnedFd) -> std::result::Result<u64, Problem> {
    let stat = rustix::fs::fstat(fd).map_err(problem_of)?;
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile => Ok(stat.st_size.max(0) as u64),
        other => Err(Problem::NotRegular(describe(other))),
    }
}

fn describe(file_type: FileType) -> &'static str {
    match file_type {
        FileType::Directory => "a folder",
        FileType::Fifo => "a FIFO",
        FileType::CharacterDevice | FileType::BlockDevice => "a device",
        FileType::Socket => "a socket",
        FileType::Symlink => "a link",
        _ => "not a file",
    }
}

fn info_of(stat: &rustix::fs::Stat) -> Info {
    let modified = u64::try_from(stat.st_mtime).ok().map(|secs| {
        SystemTime::UNIX_EPOCH + std::time::Duration::new(secs, stat.st_mtime_nsec as u32)
    });
    Info {
        kind: Kind::of(FileType::from_raw_mode(stat.st_mode)),
        len: stat.st_size.max(0) as u64,
        modified,
    }
}

fn problem_of(errno: Errno) -> Problem {
    match errno {
        Errno::NOENT => Problem::Missing,
        Errno::XDEV => Problem::Outside,
        Errno::LOOP => Problem::Link,
        Errno::NOTDIR => Problem::NotAFolder,
        Errno::EXIST => Problem::Exists,
        e => Problem::Io(to_io(e)),
    }
}

fn problem_of_open(errno: Errno, flags: OFlags) -> Problem {
    match errno {
        // Opening a socket, or a FIFO for writing with no reader.
        Errno::NXIO => Problem::NotRegular("a socket or FIFO"),
        Errno::ISDIR if !flags.contains(OFlags::DIRECTORY) => Problem::NotRegular("a folder"),
        e => problem_of(e),
    }
}

fn problem_of_io(error: io::Error) -> Problem {
    match error.raw_os_error() {
        Some(code) => problem_of(Errno::from_raw_os_error(code)),
        None if error.kind() == io::ErrorKind::NotFound => Problem::Missing,
        None => Problem::Io(error),
    }
}

/// Makes a FIFO at `path`, for tests of what refuses one. Made without
/// spawning a process: a fork would carry other tests' open lock files
/// into the child until it execs.
#[cfg(test)]
pub(crate) fn make_fifo(path: &Path) -> rustix::io::Result<()> {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        FileType::Fifo,
        Mode::from_raw_mode(0o600),
        0,
    )
}

#[cfg(test)]
mod tests;
