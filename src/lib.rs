//! `briefing`: a terminal reader for structured policy briefs.
//!
//! The crate is split by concern: [`brief`] (the format, loading, the model),
//! [`text`] (sanitising and folding), [`diagnostic`] (problems and their
//! rendering), and [`check`] (the `briefing check` command).

pub mod brief;
pub mod check;
pub mod diagnostic;
pub mod synthetic;
pub mod text;

/// Opens the brief at `path` (or the bundled one): for now, checks it and
/// prints its summary. Returns the exit code.
pub fn reader_main(path: Option<&std::path::Path>) -> i32 {
    let target = match path {
        Some(path) => check::Target::File(path.to_path_buf()),
        None => check::Target::Bundled,
    };
    let loaded = match check::load_target(&target) {
        Ok(loaded) => loaded,
        Err((message, code)) => {
            anstream::eprintln!("error: {}", text::sanitize::sanitize_line(&message));
            return code;
        }
    };
    let Some(brief) = &loaded.brief else {
        anstream::eprint!("{}", loaded.render_diagnostics());
        anstream::eprintln!("{}", check::summary_line(&loaded));
        return check::EXIT_INVALID;
    };
    println!("{}\n", text::sanitize::sanitize(&brief.title));
    println!("{}", text::sanitize::sanitize(brief.summary.trim()));
    0
}
