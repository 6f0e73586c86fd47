//! `briefing`: a terminal reader for structured policy briefs.
//!
//! The crate is split by concern: [`brief`] (the format, loading, the model),
//! [`text`] (sanitising and folding), [`diagnostic`] (problems and their
//! rendering), and [`check`] (the `briefing check` command).

pub mod app;
pub mod brief;
pub mod check;
pub mod data_dir;
pub mod diagnostic;
pub mod export;
pub mod local_time;
pub mod notes;
pub mod run_loop;
pub mod safe_file;
pub mod synthetic;
pub mod terminal;
pub mod text;
pub mod ui;

use brief::Loaded;

/// Opens the brief at `path` (or the bundled one) full-screen. A brief
/// with errors is refused before the terminal is touched. Returns the exit
/// code.
pub fn reader_main(path: Option<&std::path::Path>, data_dir: Option<std::path::PathBuf>) -> i32 {
    use std::io::IsTerminal;

    // The person's keys: a mistake in keys.toml is said before anything
    // opens, with where it is.
    let keymap = match app::key_config::load() {
        Ok(keymap) => std::sync::Arc::new(keymap),
        Err(message) => {
            anstream::eprintln!(
                "error: in your keys: {}",
                text::sanitize::sanitize(&message)
            );
            return check::EXIT_USAGE;
        }
    };
    // A folder opens the library on it, over the bundled brief.
    let folder = path
        .filter(|p| p.is_dir())
        .map(std::path::Path::to_path_buf);
    let target = match path {
        Some(path) if folder.is_none() => check::Target::File(path.to_path_buf()),
        _ => check::Target::Bundled,
    };
    let loaded = match check::load_target(&target) {
        Ok(loaded) => loaded,
        Err((message, code)) => {
            anstream::eprintln!("error: {}", text::sanitize::sanitize_line(&message));
            return code;
        }
    };
    let warnings = loaded.warnings();
    let Some(brief) = loaded.brief else {
        anstream::eprint!(
            "{}",
            crate::diagnostic::render(&loaded.diagnostics, &loaded.path, &loaded.text)
        );
        let summary = check::summary_line(&Loaded {
            brief: None,
            ..loaded
        });
        anstream::eprintln!("{summary}");
        return check::EXIT_INVALID;
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "briefing: standard output is not a terminal, so the reader cannot open.\n\
             To validate a brief use `briefing check [PATH]`; to read it as text, \
             `briefing export [PATH]`."
        );
        return check::EXIT_USAGE;
    }
    let mut state = app::State::open(
        brief,
        warnings,
        app::state::Opening {
            path: match target {
                check::Target::File(path) => Some(path),
                check::Target::Bundled => None,
            },
            data_dir,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            keymap,
        },
    );
    if let Some(folder) = folder {
        app::library::open(&mut state, folder);
    }
    let outcome = run_reader(&mut state);
    // The terminal is back to normal here: messages can be printed.
    if state.notes.pending.is_some() {
        eprintln!(
            "briefing: waiting for a pending note save (another reader holds the notes lock)…"
        );
        // After a signal the signal thread ends the process soon: be quick.
        let patience = match outcome {
            Ok(Some(_)) => std::time::Duration::from_millis(300),
            _ => std::time::Duration::from_secs(2),
        };
        if let Some(message) = app::pending_save::settle_on_quit(&mut state, patience) {
            eprintln!("briefing: {message}");
        }
    }
    let mut place_saved = true;
    if let Some(dir) = &state.opening.data_dir
        && let Err(error) = app::place::save(dir, &state)
    {
        eprintln!(
            "briefing: could not remember the reading place in {}: {}",
            text::sanitize::sanitize_line(&dir.display().to_string()),
            text::sanitize::sanitize_line(&error.to_string())
        );
        place_saved = false;
    }
    match outcome {
        // Ended by a signal: the shell convention, so scripts can tell.
        Ok(Some(signal)) => 128 + signal,
        Ok(None) if place_saved => check::EXIT_OK,
        // Something the person asked to keep was not kept: say so in the
        // status too (1 means the brief has problems).
        Ok(None) => check::EXIT_USAGE,
        Err(error) => {
            eprintln!("briefing: terminal error: {error}");
            check::EXIT_USAGE
        }
    }
}

fn run_reader(state: &mut app::State) -> std::io::Result<Option<i32>> {
    let messages = terminal::spawn_feeders()?;
    let (mut terminal, guard) = terminal::TerminalGuard::enter()?;
    // The terminal's panic hook ends the process: keep the open note's
    // text as a draft first.
    let restore_terminal = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        app::drafts::on_panic();
        restore_terminal(info);
    }));
    #[cfg(debug_assertions)]
    debug_panic(state);
    let result = run_loop::run(&mut terminal, state, messages);
    // However the loop ended (quit, a signal, a lost terminal), an open
    // note's text is kept as a draft before anything else.
    app::drafts::on_exit(state);
    drop(guard);
    result
}

/// Test builds only: `BRIEFING_DEBUG_PANIC=main`, `=thread` or `=later`
/// panics with the brief's title in the message, on the main thread or on
/// another one (after 300 ms, or 3 s),
/// so the end-to-end tests can see what a panic prints and that the
/// terminal is given back.
#[cfg(debug_assertions)]
fn debug_panic(state: &app::State) {
    let title = state.brief.title.clone();
    match std::env::var("BRIEFING_DEBUG_PANIC").as_deref() {
        Ok("main") => panic!("debug panic over {title}"),
        Ok("thread") => {
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(300));
                panic!("debug panic over {title}");
            });
        }
        // Later, with time to open the editor and type first.
        Ok("later") => {
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(3));
                panic!("debug panic over {title}");
            });
        }
        _ => {}
    }
}
