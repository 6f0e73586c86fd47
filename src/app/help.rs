//! The help overlay's content, generated from the keymap table: the keys
//! of the layer it was opened over first, then every other scope, the
//! mouse, and a legend of every mark the reader draws.

use super::State;
use super::keymap::{self, Keymap, Scope};
use super::layers::{Help, Layer};

/// One row of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(String),
    Binding { keys: String, what: &'static str },
    Blank,
}

/// A mark drawn in the reader and what it means. Features that draw a new
/// mark add it here, and the help shows it.
pub struct Mark {
    pub mark: &'static str,
    pub what: &'static str,
}

pub const LEGEND: &[Mark] = &[
    Mark {
        mark: "!N",
        what: "beside a factor: N of its excerpts are not verified",
    },
    Mark {
        mark: "∅N",
        what: "beside a factor: N of its key points cite no excerpt (x goes to the next)",
    },
    Mark {
        mark: "¹²",
        what: "a citation: the excerpt behind the claim, listed with the same number; \
               j/k select it, Enter peeks at it",
    },
    Mark {
        mark: "✎N",
        what: "N notes on this factor, event or excerpt",
    },
    Mark {
        mark: "✎",
        what: "a note (in the detail pane, under its item)",
    },
    Mark {
        mark: "▌",
        what: "gutter: the selected item of the detail pane",
    },
    Mark {
        mark: "reversed row",
        what: "the selected row of the focused list",
    },
    Mark {
        mark: "✓ verified",
        what: "the quote was found in its source",
    },
    Mark {
        mark: "✗ not found",
        what: "the quote is not in its source (and, in the library, a brief with errors)",
    },
    Mark {
        mark: "? unverifiable",
        what: "the source has no text to check the quote against",
    },
    Mark {
        mark: "underlined",
        what: "words a note is attached to",
    },
    Mark {
        mark: "→ underlined",
        what: "a link: Enter goes there, Ctrl-o comes back",
    },
    Mark {
        mark: "bold highlight",
        what: "source view: the excerpt it was opened at",
    },
    Mark {
        mark: "plain highlight",
        what: "source view: the other excerpts of this brief",
    },
    Mark {
        mark: "reversed words",
        what: "caret mode: the selection (the caret cell apart)",
    },
    Mark {
        mark: "marked words",
        what: "search matches; the current one stronger",
    },
];

/// The rows of `scope`. In context (`here`: the scopes the layer reads
/// keys from, in lookup order) only the keys that reach each binding are
/// listed: a key an earlier scope takes is that scope's, not this one's.
fn scope_rows(rows: &mut Vec<HelpRow>, keymap: &Keymap, scope: Scope, here: Option<&[Scope]>) {
    let mut bindings = Vec::new();
    for binding in keymap.bindings_of(scope) {
        let keys = match here {
            Some(scopes) => keymap.effective_keys(binding, scopes),
            None => binding.keys.to_vec(),
        };
        if !keys.is_empty() {
            bindings.push(HelpRow::Binding {
                keys: keymap::label_of(&binding.action, &keys),
                what: binding.what(),
            });
        }
    }
    if bindings.is_empty() {
        return;
    }
    if !rows.is_empty() {
        rows.push(HelpRow::Blank);
    }
    rows.push(HelpRow::Heading(if here.is_some() {
        format!("{} — here", scope.title())
    } else {
        scope.title().to_string()
    }));
    rows.extend(bindings);
}

/// The rows of the help opened over `over` (with `under` beneath it, top
/// first), with the keys of `keymap`.
pub fn rows_for(keymap: &Keymap, over: Layer, under: &[Layer]) -> Vec<HelpRow> {
    let mut rows = Vec::new();
    let here = over.all_scopes(under);
    for &scope in &here {
        scope_rows(&mut rows, keymap, scope, Some(&here));
    }
    if over.is_text_input() {
        rows.push(HelpRow::Binding {
            keys: "other keys".into(),
            what: "are typed into the input",
        });
    }
    for scope in Scope::ALL {
        if !here.contains(&scope) {
            scope_rows(&mut rows, keymap, scope, None);
        }
    }
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Mouse".into()));
    rows.push(HelpRow::Binding {
        keys: "wheel".into(),
        what: "scroll the pane under the pointer; over a list, move",
    });
    rows.push(HelpRow::Binding {
        keys: "click".into(),
        what: "focus a pane and select what is under the pointer",
    });
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Marks".into()));
    for mark in LEGEND {
        rows.push(HelpRow::Binding {
            keys: mark.mark.into(),
            what: mark.what,
        });
    }
    rows
}

/// The rows of the help as it is open now (over the base when closed).
pub fn rows(state: &State) -> Vec<HelpRow> {
    let below = state.layers.below_help();
    let over = state.layers.help.map_or(below[0], |h: Help| h.over);
    let under: Vec<Layer> = below.iter().copied().skip(1).collect();
    rows_for(&state.opening.keymap, over, &under)
}

/// `?` / `F1`: opens the help over the top layer, or closes it.
pub fn toggle(state: &mut State) {
    state.layers.help = match state.layers.help {
        Some(_) => None,
        None => Some(Help {
            scroll: 0,
            over: state.layers.below_help()[0],
        }),
    };
}
