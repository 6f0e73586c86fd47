//! What a refused or failed file operation says: the operation, the file
//! (made safe to show) and a plain reason.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::text::sanitize::sanitize_line;

/// What was being done when a file was refused or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Open,
    Read,
    Write,
    CreateFolder,
    Rename,
    Remove,
    List,
    Lock,
}

impl Op {
    fn verb(self) -> &'static str {
        match self {
            Op::Open => "open",
            Op::Read => "read",
            Op::Write => "write",
            Op::CreateFolder => "create the folder",
            Op::Rename => "rename",
            Op::Remove => "remove",
            Op::List => "list the folder",
            Op::Lock => "lock",
        }
    }
}

/// Why a file was refused.
#[derive(Debug)]
pub enum Problem {
    /// No such file or folder.
    Missing,
    /// The name leads out of the folder (`..`, an absolute path, or a link
    /// pointing outside).
    Outside,
    /// A link where none may be followed.
    Link,
    /// Not a regular file: `what` it is instead ("a FIFO", "a device"…).
    NotRegular(&'static str),
    /// A file is where a folder should be.
    NotAFolder,
    /// Larger than the bound for its kind.
    TooLarge { size: u64, limit: u64 },
    /// Not UTF-8 text (valid up to this byte).
    NotUtf8(usize),
    /// The target exists (a rename that must not replace).
    Exists,
    /// Any other failure of the system.
    Io(io::Error),
}

/// A refused or failed file operation. `Display` gives one line naming the
/// file, safe to show.
#[derive(Debug)]
pub struct Error {
    pub op: Op,
    pub path: PathBuf,
    pub problem: Problem,
}

impl Error {
    pub(super) fn new(op: Op, path: PathBuf, problem: Problem) -> Error {
        Error { op, path, problem }
    }

    /// True when the file (or a folder on its way) does not exist.
    pub fn is_missing(&self) -> bool {
        matches!(self.problem, Problem::Missing)
    }

    /// The closest [`io::ErrorKind`].
    pub fn kind(&self) -> io::ErrorKind {
        use io::ErrorKind as K;
        match &self.problem {
            Problem::Missing => K::NotFound,
            Problem::Outside | Problem::Link => K::PermissionDenied,
            Problem::NotRegular(_) => K::InvalidInput,
            Problem::NotAFolder => K::NotADirectory,
            Problem::TooLarge { .. } => K::FileTooLarge,
            Problem::NotUtf8(_) => K::InvalidData,
            Problem::Exists => K::AlreadyExists,
            Problem::Io(error) => error.kind(),
        }
    }

    /// The reason alone, without the file's name.
    pub fn reason(&self) -> String {
        match &self.problem {
            Problem::Missing => "no such file or folder".into(),
            Problem::Outside => "it leads out of its folder".into(),
            Problem::Link => "it is a link, which is not followed here".into(),
            Problem::NotRegular(what) => format!("it is {what}, not a regular file"),
            Problem::NotAFolder => "a file is in the way where a folder should be".into(),
            Problem::TooLarge { size, limit } => {
                format!("it is {}, over the {} limit", bytes(*size), bytes(*limit))
            }
            Problem::NotUtf8(at) => format!("it is not valid UTF-8 (at byte {at})"),
            Problem::Exists => "the target already exists".into(),
            Problem::Io(error) => io_reason(error),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.op.verb(),
            sanitize_line(&self.path.display().to_string()),
            self.reason()
        )
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            Problem::Io(error) => Some(error),
            _ => None,
        }
    }
}

impl From<Error> for io::Error {
    fn from(error: Error) -> io::Error {
        io::Error::new(error.kind(), error.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

fn bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// A short, plain reason for an I/O error.
pub fn io_reason(error: &io::Error) -> String {
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
