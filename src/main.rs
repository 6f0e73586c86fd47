use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A full-screen terminal reader for structured policy briefs.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Where notes and reading state are kept (default: the platform's data
    /// folder for `briefing`).
    #[arg(long, global = true, env = "BRIEFING_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,

    /// The brief to open (default: the bundled Afghanistan–Pakistan brief).
    path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check briefs: format, references, dates, paths, and every quote
    /// against its source.
    Check {
        /// Brief files or folders (every *.toml in them). Default: every
        /// brief in ./briefs/, or the bundled brief when there is none.
        paths: Vec<PathBuf>,
        /// Treat warnings as failures (exit 1).
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Check { paths, strict }) => briefing::check::run(
            &paths,
            strict,
            &mut std::io::stdout().lock(),
            &mut anstream::stderr().lock(),
        ),
        None => briefing::reader_main(cli.path.as_deref()),
    };
    ExitCode::from(code as u8)
}
