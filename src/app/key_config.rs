//! The person's key bindings: `keys.toml` in the config folder, one table
//! per scope mapping stable action names to keys, applied over the table
//! in [`super::keymap`]. `briefing keys` prints the default file,
//! generated from the table, so the file and the table cannot disagree.
//!
//! ```toml
//! [panes]
//! toggle-zoom = ["z", "Ctrl-z"]
//! ```
//!
//! A mistake (an unknown scope, action or key, a key bound twice in one
//! scope) is an error naming the file, line and column.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use toml::Spanned;

use super::Action;
use super::action::{Edit, Motion};
use super::keymap::{BINDINGS, Key, Keymap, Scope};

/// The file's name in the config folder.
pub const FILE: &str = "keys.toml";

/// The config folder: `BRIEFING_CONFIG_DIR` if set (tests use it), else
/// the platform's config folder for `briefing` (on Linux
/// `$XDG_CONFIG_HOME/briefing`).
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("BRIEFING_CONFIG_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "briefing")
            .map(|dirs| dirs.config_dir().to_path_buf()),
    }
}

/// The bindings to use: the table's with `keys.toml` applied, the
/// table's when there is no such file; an error (safe to print) when the
/// file cannot be read or has mistakes.
pub fn load() -> Result<Keymap, String> {
    let Some(dir) = config_dir() else {
        return Ok(Keymap::default());
    };
    load_from(&dir)
}

/// [`load`] from the folder `dir`.
pub fn load_from(dir: &Path) -> Result<Keymap, String> {
    let shown =
        crate::text::sanitize::sanitize_line(&dir.join(FILE).display().to_string()).into_owned();
    let root = match crate::safe_file::Root::open(dir, crate::safe_file::Links::Inside) {
        Ok(root) => root,
        Err(error) if error.is_missing() => return Ok(Keymap::default()),
        Err(error) => return Err(format!("{shown}: {}", error.reason())),
    };
    match root.read_to_string(FILE, crate::safe_file::limits::CONFIG) {
        Ok(text) => parse(&text, &shown),
        Err(error) if error.is_missing() => Ok(Keymap::default()),
        Err(error) => Err(format!("{shown}: {}", error.reason())),
    }
}

/// The scope's name in the file.
pub fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Anywhere => "anywhere",
        Scope::Global => "global",
        Scope::Reading => "reading",
        Scope::Panes => "panes",
        Scope::Source => "source",
        Scope::Caret => "caret",
        Scope::Help => "help",
        Scope::List => "list",
        Scope::NotesList => "notes-list",
        Scope::LineEdit => "line-edit",
        Scope::SearchLine => "search-line",
        Scope::Editor => "editor",
        Scope::Confirm => "confirm",
        Scope::Recovery => "recovery",
        Scope::FileView => "file-view",
        Scope::Peek => "peek",
    }
}

/// The action's stable name in the file.
pub fn action_name(action: &Action) -> &'static str {
    match action {
        Action::Quit => "quit",
        Action::Interrupt => "interrupt",
        Action::Close => "close",
        Action::ToggleHelp => "help",
        Action::NextPane => "next-pane",
        Action::PreviousPane => "previous-pane",
        Action::Down => "down",
        Action::Up => "up",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::HalfPageDown => "half-page-down",
        Action::HalfPageUp => "half-page-up",
        Action::PageDown => "page-down",
        Action::PageUp => "page-up",
        Action::GoToFactor(0) => "overview",
        Action::GoToFactor(_) => "factor-n",
        Action::PreviousFactor => "previous-factor",
        Action::NextFactor => "next-factor",
        Action::Open => "open",
        Action::OpenSource => "open-source",
        Action::ToggleChronology => "toggle-chronology",
        Action::EarlierBin => "earlier-bin",
        Action::LaterBin => "later-bin",
        Action::ToggleZoom => "toggle-zoom",
        Action::Back => "back",
        Action::NextExcerpt => "next-excerpt",
        Action::GoToExcerpt => "go-to-excerpt",
        Action::NextUncited => "next-uncited",
        Action::PreviousExcerpt => "previous-excerpt",
        Action::Search => "search",
        Action::Palette => "palette",
        Action::Library => "library",
        Action::Visual => "caret-mode",
        Action::AddNote => "add-note",
        Action::Copy => "copy",
        Action::EditNote => "edit-note",
        Action::DeleteNote => "delete-note",
        Action::Undo => "undo",
        Action::NotesList => "notes-list",
        Action::Reattach => "reattach",
        Action::NextMatch => "next-match",
        Action::PreviousMatch => "previous-match",
        Action::JumpBack => "jump-back",
        Action::JumpForward => "jump-forward",
        Action::Choose => "choose",
        Action::ToggleSources => "toggle-sources",
        Action::HistoryPrevious => "history-previous",
        Action::HistoryNext => "history-next",
        Action::Save => "save",
        Action::RecoverDraft => "recover-draft",
        Action::ViewDraft => "view-draft",
        Action::DiscardDraft => "discard-draft",
        Action::KeepOther => "keep-other",
        Action::DismissConflict => "dismiss-conflict",
        Action::Yes => "yes",
        Action::No => "no",
        Action::Caret(motion) => match motion {
            Motion::Left => "caret-left",
            Motion::Right => "caret-right",
            Motion::WordStart => "caret-word-start",
            Motion::WordEnd => "caret-word-end",
            Motion::WordBack => "caret-word-back",
            Motion::SentenceNext => "caret-sentence-next",
            Motion::SentenceBack => "caret-sentence-back",
            Motion::ParagraphNext => "caret-paragraph-next",
            Motion::ParagraphBack => "caret-paragraph-back",
            Motion::RowStart => "caret-row-start",
            Motion::RowEnd => "caret-row-end",
            Motion::Down => "caret-down",
            Motion::Up => "caret-up",
            Motion::HalfPageDown => "caret-half-page-down",
            Motion::HalfPageUp => "caret-half-page-up",
            Motion::Top => "caret-top",
            Motion::Bottom => "caret-bottom",
        },
        Action::Anchor => "anchor",
        Action::SwapEnds => "swap-ends",
        Action::LeaveCaret => "leave-caret",
        Action::Edit(edit) => match edit {
            Edit::Insert(_) => "insert",
            Edit::Newline => "newline",
            Edit::Tab => "tab",
            Edit::DeleteBack => "delete-back",
            Edit::DeleteForward => "delete-forward",
            Edit::DeleteWordBack => "delete-word-back",
            Edit::DeleteWordForward => "delete-word-forward",
            Edit::KillToStart => "kill-to-start",
            Edit::KillToEnd => "kill-to-end",
            Edit::Left => "cursor-left",
            Edit::Right => "cursor-right",
            Edit::WordLeft => "word-left",
            Edit::WordRight => "word-right",
            Edit::LineStart => "line-start",
            Edit::LineEnd => "line-end",
            Edit::Up => "cursor-up",
            Edit::Down => "cursor-down",
            Edit::Undo => "edit-undo",
            Edit::Redo => "edit-redo",
        },
        Action::Paste(_) => "paste",
        Action::ScrollAt { .. } => "scroll-at",
        Action::ClickAt { .. } => "click-at",
        Action::Resize => "resize",
    }
}

/// Names of keys without a character, as the file writes them.
const NAMED: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// Other spellings read as well (those the help shows).
const ALSO: &[(&str, KeyCode)] = &[
    ("↑", KeyCode::Up),
    ("↓", KeyCode::Down),
    ("←", KeyCode::Left),
    ("→", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Del", KeyCode::Delete),
    ("BackTab", KeyCode::BackTab),
];

/// How the file writes `key`: `q`, `Ctrl-d`, `Alt-Left`, `F1`, `Space`.
pub fn format_key(key: Key) -> String {
    let name = match key.code {
        KeyCode::F(n) => format!("F{n}"),
        code => match NAMED.iter().find(|(_, c)| *c == code) {
            Some((name, _)) => name.to_string(),
            None => match code {
                KeyCode::Char(c) => c.to_string(),
                other => format!("{other:?}"),
            },
        },
    };
    let ctrl = if key.ctrl { "Ctrl-" } else { "" };
    let alt = if key.alt { "Alt-" } else { "" };
    format!("{ctrl}{alt}{name}")
}

/// Reads a key as [`format_key`] writes it (and as the help shows it).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text;
    let (mut ctrl, mut alt) = (false, false);
    loop {
        if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
            ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
            alt = true;
            rest = r;
        } else {
            break;
        }
    }
    let code = NAMED
        .iter()
        .chain(ALSO)
        .find(|(name, _)| name.eq_ignore_ascii_case(rest))
        .map(|(_, code)| *code);
    let code = match code {
        Some(code) => code,
        None => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() && !c.is_whitespace() => KeyCode::Char(c),
                _ => match rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(format!("unknown key {:?}", rest)),
                },
            }
        }
    };
    Ok(Key { code, ctrl, alt })
}

/// The default `keys.toml`, generated from the table.
pub fn default_file() -> String {
    let keymap = Keymap::default();
    let mut out = String::from(
        "# briefing's keys. Save as keys.toml in briefing's config folder\n\
         # (BRIEFING_CONFIG_DIR, or e.g. ~/.config/briefing) and change what\n\
         # you like: each [scope] maps an action to its keys. Leave out what\n\
         # you keep; an empty list unbinds an action. Keys: a character\n\
         # (q, Q, ?), Space, Tab, Shift-Tab, Enter, Esc, Up, Down, Left, Right,\n\
         # Home, End, PageUp, PageDown, Backspace, Delete, Insert, F1..F24,\n\
         # with Ctrl- or Alt- in front (Ctrl-d, Alt-Left).\n",
    );
    for scope in Scope::ALL {
        out.push_str(&format!("\n# {}\n[{}]\n", scope.title(), scope_name(scope)));
        for binding in keymap.bindings_of(scope) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|&k| toml::Value::String(format_key(k)).to_string())
                .collect();
            out.push_str(&format!(
                "{} = [{}]  # {}\n",
                action_name(&binding.action),
                keys.join(", "),
                binding.what()
            ));
        }
    }
    out
}

type File = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>>;

/// `shown:line:col` of byte `at` of `text`.
fn place(text: &str, shown: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{shown}:{line}:{col}")
}

/// Applies the file's `text` (shown as `shown` in errors) over the table.
pub fn parse(text: &str, shown: &str) -> Result<Keymap, String> {
    let file: File = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        format!("{}: {}", place(text, shown, at), e.message().trim())
    })?;
    let mut bindings = BINDINGS.to_vec();
    // Which entry of the file set each binding's keys, for conflicts.
    let mut set_at: Vec<Option<usize>> = vec![None; bindings.len()];
    let mut errors = Vec::new();
    for (scope_key, actions) in &file {
        let Some(scope) = Scope::ALL
            .into_iter()
            .find(|&s| scope_name(s) == scope_key.get_ref())
        else {
            let names: Vec<&str> = Scope::ALL.into_iter().map(scope_name).collect();
            errors.push((
                scope_key.span().start,
                format!(
                    "unknown scope [{}] (scopes: {})",
                    scope_key.get_ref(),
                    names.join(", ")
                ),
            ));
            continue;
        };
        for (name, keys) in actions {
            let Some(index) = bindings
                .iter()
                .position(|b| b.scope == scope && action_name(&b.action) == name.get_ref())
            else {
                errors.push((
                    name.span().start,
                    format!(
                        "no action {:?} in [{}] (`briefing keys` lists them)",
                        name.get_ref(),
                        scope_name(scope)
                    ),
                ));
                continue;
            };
            let mut parsed = Vec::new();
            for key in keys.get_ref() {
                match parse_key(key.get_ref()) {
                    Ok(k) if parsed.contains(&k) => errors.push((
                        key.span().start,
                        format!("{} is listed twice", key.get_ref()),
                    )),
                    Ok(k) => parsed.push(k),
                    Err(why) => errors.push((key.span().start, why)),
                }
            }
            bindings[index].keys = Cow::Owned(parsed);
            set_at[index] = Some(keys.span().start);
        }
    }
    // A key bound to two actions of one scope.
    for (i, a) in bindings.iter().enumerate() {
        for (j, b) in bindings.iter().enumerate().skip(i + 1) {
            if a.scope != b.scope {
                continue;
            }
            if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                let at = set_at[j].or(set_at[i]).unwrap_or(0);
                errors.push((
                    at,
                    format!(
                        "{} is bound to both {} and {} in [{}]",
                        format_key(*key),
                        action_name(&a.action),
                        action_name(&b.action),
                        scope_name(a.scope)
                    ),
                ));
            }
        }
    }
    if errors.is_empty() {
        return Ok(Keymap::new(bindings));
    }
    errors.sort_by_key(|(at, _)| *at);
    let lines: Vec<String> = errors
        .iter()
        .map(|(at, why)| format!("{}: {why}", place(text, shown, *at)))
        .collect();
    Err(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key_strategy() -> impl Strategy<Value = Key> {
        let named = proptest::sample::select(
            NAMED
                .iter()
                .map(|(_, c)| *c)
                .chain((1..=24).map(KeyCode::F))
                .collect::<Vec<_>>(),
        );
        let printable = any::<char>()
            .prop_filter("printable", |c| !c.is_control() && !c.is_whitespace())
            .prop_map(KeyCode::Char);
        (prop_oneof![named, printable], any::<bool>(), any::<bool>())
            .prop_map(|(code, ctrl, alt)| Key { code, ctrl, alt })
    }

    proptest! {
        #[test]
        fn keys_round_trip(key in key_strategy()) {
            let written = format_key(key);
            prop_assert_eq!(parse_key(&written), Ok(key), "{}", written);
        }
    }

    #[test]
    fn the_help_spellings_are_read_too() {
        for binding in BINDINGS {
            for &key in binding.keys.iter() {
                let shown = super::super::keymap::key_name(&key);
                if key.ctrl && key.alt {
                    continue;
                }
                assert_eq!(parse_key(&shown), Ok(key), "{shown}");
            }
        }
    }

    #[test]
    fn the_default_file_gives_the_default_keys() {
        let keymap = parse(&default_file(), "keys.toml").unwrap();
        let defaults = Keymap::default();
        assert_eq!(keymap.bindings().len(), defaults.bindings().len());
        for (a, b) in keymap.bindings().iter().zip(defaults.bindings()) {
            assert_eq!(a.keys, b.keys, "{:?}", a.action);
        }
    }

    #[test]
    fn every_action_has_one_name_per_scope() {
        for scope in Scope::ALL {
            let names: Vec<&str> = Keymap::default()
                .bindings_of(scope)
                .map(|b| action_name(&b.action))
                .collect();
            let mut unique = names.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{scope:?}: {names:?}");
        }
    }

    #[test]
    fn a_rebinding_changes_lookup() {
        let keymap = parse("[panes]\ntoggle-zoom = [\"Z\", \"Ctrl-z\"]\n", "k").unwrap();
        let big_z = parse_key("Z").unwrap();
        assert_eq!(keymap.lookup(big_z, Scope::Panes), Some(Action::ToggleZoom));
        assert_eq!(keymap.lookup(parse_key("z").unwrap(), Scope::Panes), None);
    }

    #[test]
    fn mistakes_name_the_file_line_and_column() {
        let cases = [
            ("[pains]\nquit = [\"q\"]\n", "k:1:2: unknown scope [pains]"),
            (
                "[panes]\nquite = [\"q\"]\n",
                "k:2:1: no action \"quite\" in [panes]",
            ),
            ("[panes]\nquit = [\"Ctrl-Foo\"]\n", "k:2:9: unknown key"),
            (
                "[panes]\n\ntoggle-zoom = [\"q\"]\n",
                "k:3:15: q is bound to both toggle-zoom and quit in [panes]",
            ),
            ("[panes]\nquit = \"q\"\n", "k:2:8:"),
            ("[panes\n", "k:1:"),
        ];
        for (text, expected) in cases {
            let error = parse(text, "k").unwrap_err();
            assert!(error.starts_with(expected), "{text:?}: {error}");
        }
    }
}
