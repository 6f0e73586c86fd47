//! Running the built binary as a command line, for the CLI tests: a
//! private home and data folder for every run, both streams kept, and
//! assertions that show both streams when they fail.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub stderr_bytes: Vec<u8>,
}

/// How to run it.
#[derive(Clone, Copy)]
pub struct Cli<'a> {
    /// The working folder (default: the repository, so fixture paths read
    /// `tests/fixtures/…`).
    pub dir: &'a Path,
    /// The data folder, which is also the home (default: a new temporary
    /// folder for this run).
    pub data: Option<&'a Path>,
    /// Set `NO_COLOR` (default); otherwise it is removed.
    pub no_color: bool,
}

impl Default for Cli<'_> {
    fn default() -> Self {
        Cli {
            dir: Path::new(REPO),
            data: None,
            no_color: true,
        }
    }
}

impl Cli<'_> {
    /// Runs `briefing ARGS`; fails if it was killed or panicked.
    pub fn run(self, args: &[&str]) -> Run {
        let temp = TempDir::new().unwrap();
        let (data, home, xdg) = match self.data {
            Some(data) => (data.to_path_buf(), data.to_path_buf(), data.to_path_buf()),
            None => (
                temp.path().join("data"),
                temp.path().to_path_buf(),
                temp.path().join("xdg"),
            ),
        };
        let mut command = Command::cargo_bin("briefing").unwrap();
        command
            .current_dir(self.dir)
            .args(args)
            .env("BRIEFING_DATA_DIR", data)
            .env("HOME", home)
            .env("XDG_DATA_HOME", xdg)
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .timeout(std::time::Duration::from_secs(120));
        if self.no_color {
            command.env("NO_COLOR", "1");
        } else {
            command.env_remove("NO_COLOR");
        }
        let output = command.output().unwrap();
        let run = Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            stderr_bytes: output.stderr,
        };
        assert!(
            !run.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            run.stderr
        );
        run
    }
}

/// Runs `briefing ARGS` at the repository root with a throwaway home.
pub fn run(args: &[&str]) -> Run {
    Cli::default().run(args)
}

/// Runs `briefing ARGS` in `dir` with a throwaway home.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Cli {
        dir,
        ..Cli::default()
    }
    .run(args)
}

/// `briefing check tests/fixtures/FIXTURE`.
pub fn check(fixture: &str) -> Run {
    run(&["check", &format!("tests/fixtures/{fixture}")])
}

impl Run {
    /// Fails with both streams shown unless `needle` is in stderr.
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}\n--- stdout\n{}",
            self.stderr,
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(
            self.code, want,
            "exit code\n--- stderr\n{}\n--- stdout\n{}",
            self.stderr, self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stdout_is(&self, want: &str) -> &Self {
        assert_eq!(self.stdout, want, "stdout\n--- stderr\n{}", self.stderr);
        self
    }

    /// Position of `needle` in stderr (it must be there).
    #[track_caller]
    pub fn position(&self, needle: &str) -> usize {
        self.stderr_has(needle);
        self.stderr.find(needle).unwrap_or(0)
    }

    /// The diagnostic `message` is reported at `at` (`LINE:COL`) of
    /// `tests/fixtures/FIXTURE`.
    #[track_caller]
    pub fn reported_at(&self, fixture: &str, at: &str, message: &str) -> &Self {
        let place = format!("--> tests/fixtures/{fixture}:{at}\n");
        let found = self.stderr.split("\n\n").any(|block| {
            block
                .lines()
                .next()
                .is_some_and(|first| first.contains(message))
                && block.contains(&place)
        });
        assert!(found, "no {message:?} at {at}\n--- stderr\n{}", self.stderr);
        self
    }

    /// How many diagnostics of each kind (errors, warnings) were printed.
    pub fn counts(&self) -> (usize, usize) {
        let lines = || self.stderr.lines();
        (
            lines().filter(|l| l.starts_with("error")).count(),
            lines().filter(|l| l.starts_with("warning")).count(),
        )
    }
}
