use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A full-screen terminal reader for structured policy briefs.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about)]
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
    /// Export a brief to standard output as Markdown or JSON, optionally
    /// with your notes.
    Export {
        /// The brief to export (default: the bundled brief).
        brief: Option<PathBuf>,
        /// Include your notes under the items they belong to, and orphaned
        /// notes at the end.
        #[arg(long)]
        notes: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = briefing::export::Format::Markdown)]
        format: briefing::export::Format,
    },
    /// Print the default key bindings as a keys.toml, generated from the
    /// key table: save it in the config folder (BRIEFING_CONFIG_DIR, or
    /// the platform's, e.g. ~/.config/briefing) and edit it.
    Keys,
}

fn main() -> ExitCode {
    briefing::terminal::install_panic_report();
    // Before any thread starts: the zone times are shown in.
    briefing::local_time::init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    if let (Some(path), Some(_)) = (&cli.path, &cli.command) {
        eprintln!(
            "error: a brief to open ({}) cannot be given before a command; \
             put paths after the command (`briefing check PATH`)",
            briefing::text::sanitize::sanitize_line(&path.display().to_string())
        );
        return ExitCode::from(2);
    }
    let code = match cli.command {
        Some(Command::Check { paths, strict }) => briefing::check::run(
            &paths,
            strict,
            &mut std::io::stdout().lock(),
            &mut anstream::stderr().lock(),
        ),
        Some(Command::Export {
            brief,
            notes,
            format,
        }) => briefing::export::run(
            brief.as_deref(),
            notes,
            format,
            cli.data_dir,
            &mut std::io::stdout().lock(),
            &mut anstream::stderr().lock(),
        ),
        Some(Command::Keys) => {
            use std::io::Write as _;
            let text = briefing::app::key_config::default_file();
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Ok(()) => 0,
                Err(_) => 2,
            }
        }
        None => briefing::reader_main(
            cli.path.as_deref(),
            briefing::data_dir::resolve(cli.data_dir),
        ),
    };
    ExitCode::from(code as u8)
}

/// Prints clap's message for `error` and returns its exit code. Help and
/// version go out as clap writes them; a usage error quotes the arguments
/// given, which may hold escape sequences, so it is printed with every
/// unsafe character made visible (and without styles, as clap renders it
/// for a non-terminal).
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    // clap quotes the arguments as given; rendered plainly it strips
    // escape sequences, losing what was typed. Parse the arguments again
    // with their unsafe characters made visible, and show that message.
    use briefing::text::sanitize::{sanitize, sanitize_line};
    let shown_args = std::env::args_os().map(|a| sanitize_line(&a.to_string_lossy()).into_owned());
    let shown = Cli::try_parse_from(shown_args).err();
    let message = shown.as_ref().unwrap_or(error).render().to_string();
    eprint!("{}", sanitize(&message));
    ExitCode::from(error.exit_code().clamp(0, 255) as u8)
}
