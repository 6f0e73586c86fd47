//! `briefing check`: validate briefs and report, one summary line each.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::brief::{LoadFailure, Loaded, load_bundled, load_file};
use crate::text::sanitize::sanitize_line;

/// Exit code: every brief checked is fine.
pub const EXIT_OK: i32 = 0;
/// Exit code: a brief has errors (or warnings, with `--strict`).
pub const EXIT_INVALID: i32 = 1;
/// Exit code: bad usage or a path that cannot be read.
pub const EXIT_USAGE: i32 = 2;

/// What `check` was asked to look at, after expanding folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    Bundled,
}

/// Expands the command-line paths: a folder stands for every `*.toml` in it
/// (sorted by name); no path means `./briefs/`, or the bundled brief when
/// there is no such folder. Unreadable folders are reported in `problems`.
pub fn targets(paths: &[PathBuf], problems: &mut Vec<String>) -> Vec<Target> {
    if paths.is_empty() {
        let default = Path::new("briefs");
        return if default.is_dir() {
            folder_briefs(default, problems)
        } else {
            vec![Target::Bundled]
        };
    }
    let mut targets = Vec::new();
    for path in paths {
        if path.is_dir() {
            targets.extend(folder_briefs(path, problems));
        } else {
            targets.push(Target::File(path.clone()));
        }
    }
    targets
}

fn folder_briefs(folder: &Path, problems: &mut Vec<String>) -> Vec<Target> {
    let shown = sanitize_line(&folder.display().to_string()).into_owned();
    // Listed through the one safe way to touch files; each brief is then
    // read beneath this folder (a link out of it is refused by the loader).
    let entries = match crate::safe_file::Root::open(folder, crate::safe_file::Links::Inside)
        .and_then(|root| root.entries(""))
    {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(format!("cannot read folder {shown}: {}", error.reason()));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .into_iter()
        .filter(|entry| {
            use crate::safe_file::Kind;
            matches!(entry.kind, Kind::File | Kind::Link)
                && Path::new(&entry.name)
                    .extension()
                    .is_some_and(|ext| ext == "toml")
        })
        .map(|entry| folder.join(entry.name))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        problems.push(format!("{shown}: no *.toml briefs in this folder"));
    }
    files.into_iter().map(Target::File).collect()
}

/// Loads one target; `Err` holds a message and an exit code.
pub fn load_target(target: &Target) -> Result<Loaded, (String, i32)> {
    match target {
        Target::Bundled => Ok(load_bundled()),
        Target::File(path) => load_file(path, &path.display().to_string()).map_err(|f| match f {
            LoadFailure::Unreadable(message) => (message, EXIT_USAGE),
            LoadFailure::TooLarge(message) => (message, EXIT_INVALID),
        }),
    }
}

/// The one-line summary of a loaded brief, as `check` prints it.
pub fn summary_line(loaded: &Loaded) -> String {
    let path = sanitize_line(&loaded.path);
    let (errors, warnings) = (loaded.errors(), loaded.warnings());
    let Some(brief) = loaded.brief.as_ref().filter(|_| errors == 0) else {
        let mut line = format!("{path}: {}", plural(errors, "error", "errors"));
        if warnings > 0 {
            line.push_str(&format!(", {}", plural(warnings, "warning", "warnings")));
        }
        return line;
    };
    let counts = brief.verification_counts();
    let mut verified = format!("{} verified", counts.verified);
    if counts.not_found > 0 {
        verified.push_str(&format!(", {} not found", counts.not_found));
    }
    if counts.unverifiable > 0 {
        verified.push_str(&format!(", {} unverifiable", counts.unverifiable));
    }
    let status = if warnings == 0 {
        "ok".to_string()
    } else {
        format!("ok, {}", plural(warnings, "warning", "warnings"))
    };
    let mut line = format!(
        "{path}: {status} \u{2014} {}, {}, {} ({verified}), {}",
        plural(brief.factors.len(), "factor", "factors"),
        plural(brief.events.len(), "event", "events"),
        plural(brief.excerpts.len(), "excerpt", "excerpts"),
        plural(brief.sources.len(), "source", "sources"),
    );
    // Citations exist from format 2 on; format 1's line stays as it was.
    if brief.format >= 2 {
        let citations = brief.citation_count();
        line.push_str(&format!(", {}", plural(citations, "citation", "citations")));
    }
    line
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Runs `check` on `paths`. Summary lines go to `out`, diagnostics and
/// problems to `err` (styled: pass a stream that strips styles where they
/// do not belong). Returns the exit code: the highest of all briefs.
pub fn run(paths: &[PathBuf], strict: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut problems = Vec::new();
    let targets = targets(paths, &mut problems);
    let mut code = EXIT_OK;
    for problem in problems {
        let _ = writeln!(err, "error: {problem}");
        code = code.max(EXIT_USAGE);
    }
    for target in &targets {
        let loaded = match load_target(target) {
            Ok(loaded) => loaded,
            Err((message, exit)) => {
                let _ = writeln!(err, "error: {}", sanitize_line(&message));
                code = code.max(exit);
                continue;
            }
        };
        let _ = write!(err, "{}", loaded.render_diagnostics());
        let _ = err.flush();
        let written = writeln!(out, "{}", summary_line(&loaded)).and_then(|()| out.flush());
        if let Err(error) = written {
            return output_failed(&error, err);
        }
        if loaded.errors() > 0 || (strict && loaded.warnings() > 0) {
            code = code.max(EXIT_INVALID);
        }
    }
    match out.flush() {
        Ok(()) => code,
        Err(error) => output_failed(&error, err),
    }
}

/// The exit code when standard output cannot be written: quietly 0 when
/// its reader went away (`| head`), as other command-line tools do; else 2
/// with a message, so a lost result never looks like success (1 keeps
/// meaning "a brief has problems").
pub fn output_failed(error: &std::io::Error, err: &mut dyn Write) -> i32 {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        return EXIT_OK;
    }
    let _ = writeln!(err, "error: cannot write to standard output: {error}");
    EXIT_USAGE
}
