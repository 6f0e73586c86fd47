//! The layers of the reader, through the key table: what `q`, `Q`, `Esc`
//! and `Ctrl-c` do in each; one-line inputs; the help in context; and a
//! proof that every key that does something is bound and in the help.

mod common;

use briefing::app::help::{HelpRow, rows_for};
use briefing::app::keymap::{self, Key};
use briefing::app::layers::Layer;
use briefing::app::state::{Pane, Target};
use common::Reader;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn press(r: &mut Reader, code: KeyCode, modifiers: KeyModifiers) {
    r.event(Event::Key(KeyEvent::new(code, modifiers)));
}

fn alt(r: &mut Reader, c: char) {
    press(r, KeyCode::Char(c), KeyModifiers::ALT);
}

fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.key(KeyCode::Char(c));
    }
}

/// The last row of the screen: the status bar (or the search line).
fn status(r: &Reader) -> String {
    r.screen().lines().last().unwrap_or_default().to_string()
}

/// The badge at the start of the status bar: `FACTORS`, `SOURCE`, ...
fn badge(r: &Reader) -> String {
    status(r)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A reader with a data folder, in a state where `layer` is on top.
fn reader_in(layer: Layer, data: &std::path::Path) -> Reader {
    let mut r = Reader::with_data(data, 100, 30);
    let with_note = |r: &mut Reader| {
        if r.state.notes.notes.is_empty() {
            r.keys("3a");
            type_text(r, "a note");
            r.ctrl('s');
            r.keys("0");
        }
    };
    match layer {
        Layer::Base => {
            r.select_first_excerpt(1);
        }
        Layer::View => {
            r.select_first_excerpt(1).keys("s");
        }
        Layer::Caret => {
            r.select_first_excerpt(1).keys("v");
        }
        Layer::Palette => {
            r.keys(":");
        }
        Layer::Library => {
            r.keys("o");
        }
        Layer::NotesList => {
            with_note(&mut r);
            r.keys("m");
        }
        Layer::Search => {
            r.keys("/");
            type_text(&mut r, "the");
        }
        Layer::Editor => {
            r.keys("1a");
            type_text(&mut r, "draft");
        }
        Layer::Confirm => {
            with_note(&mut r);
            r.keys("m");
            alt(&mut r, 'x');
        }
        Layer::Recovery => {
            // A draft left by an earlier session, in a data folder of its own.
            let data = fresh_folder(data);
            let mut earlier = Reader::with_data(&data, 100, 30);
            earlier.keys("1a");
            type_text(&mut earlier, "draft");
            briefing::app::drafts::on_exit(&mut earlier.state);
            drop(earlier);
            r = Reader::with_data(&data, 100, 30);
        }
        Layer::FileView => {
            // A note file this build cannot read, shown from the notes list.
            let data = fresh_folder(data);
            let store = briefing::notes::Store::new(&data, &r.state.brief.id);
            std::fs::create_dir_all(store.dir()).unwrap();
            std::fs::write(
                store.dir().join("01JNEWERNEWERNEWERNEWERNEW.toml"),
                "version = 3\nbody = \"from the future\"\n",
            )
            .unwrap();
            r = Reader::with_data(&data, 100, 30);
            r.keys("m");
            let list = r.state.layers.notes_list_mut().unwrap();
            list.selected = list
                .rows
                .iter()
                .position(|row| matches!(row, briefing::app::notes_list::Row::Unreadable(_)))
                .expect("the unreadable file is listed");
            r.key(KeyCode::Enter);
        }
        Layer::Help => {
            r.keys("1?");
        }
        Layer::Peek => {
            // Enter on the first citation mark of factor 1.
            r.keys("1").key(KeyCode::Tab);
            for _ in 0..20 {
                if matches!(
                    r.state.selected_item(),
                    Some(briefing::app::state::DetailItem::Mark(_))
                ) {
                    break;
                }
                r.keys("j");
            }
            r.key(KeyCode::Enter);
        }
    }
    assert_eq!(r.state.layers.top(), layer, "set up {layer:?}");
    r
}

/// A new, empty folder inside `data`.
fn fresh_folder(data: &std::path::Path) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let folder = data.join(format!("own-{n}"));
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

const ALL_LAYERS: [Layer; 13] = [
    Layer::Base,
    Layer::View,
    Layer::Caret,
    Layer::Palette,
    Layer::Library,
    Layer::NotesList,
    Layer::Search,
    Layer::Editor,
    Layer::Confirm,
    Layer::Recovery,
    Layer::FileView,
    Layer::Help,
    Layer::Peek,
];

#[test]
fn q_closes_the_top_layer_and_quits_only_from_the_panes() {
    let data = tempfile::tempdir().unwrap();
    for layer in [Layer::View, Layer::Caret, Layer::Help, Layer::Peek] {
        let mut r = reader_in(layer, data.path());
        let under = r.state.layers.stack()[1];
        r.keys("q");
        assert!(!r.state.quit, "q in {layer:?} does not quit");
        assert_eq!(r.state.layers.top(), under, "q closes {layer:?}");
    }
    let mut r = reader_in(Layer::View, data.path());
    r.keys("q");
    assert_eq!(badge(&r), "DETAIL", "back to the panes");
    r.keys("q");
    assert!(r.state.quit, "q in the panes quits");
}

#[test]
fn q_and_capital_q_are_characters_in_text_inputs() {
    let data = tempfile::tempdir().unwrap();
    for layer in [
        Layer::Palette,
        Layer::Library,
        Layer::NotesList,
        Layer::Search,
        Layer::Editor,
    ] {
        let mut r = reader_in(layer, data.path());
        r.keys("qQ?");
        assert!(!r.state.quit, "{layer:?}");
        assert_eq!(r.state.layers.top(), layer, "{layer:?} still open");
        let shown = r.screen();
        assert!(
            shown.contains("qQ?"),
            "{layer:?} shows what was typed:\n{shown}"
        );
    }
}

#[test]
fn capital_q_quits_from_every_layer_that_is_not_a_text_input() {
    let data = tempfile::tempdir().unwrap();
    for layer in ALL_LAYERS {
        let mut r = reader_in(layer, data.path());
        r.keys("Q");
        assert_eq!(
            r.state.quit,
            !layer.is_text_input(),
            "Q quits from {layer:?} unless it is a text input"
        );
    }
}

#[test]
fn small_q_closes_every_layer_but_the_base_which_it_quits() {
    let data = tempfile::tempdir().unwrap();
    for layer in ALL_LAYERS {
        if layer.is_text_input() {
            continue;
        }
        let mut r = reader_in(layer, data.path());
        let under = r.state.layers.stack().get(1).copied();
        r.keys("q");
        match under {
            Some(under) => {
                assert!(!r.state.quit, "q in {layer:?} does not quit");
                assert_eq!(r.state.layers.top(), under, "q closes {layer:?}");
            }
            None => assert!(r.state.quit, "q in the base quits"),
        }
    }
}

#[test]
fn question_mark_and_f1_open_the_help_over_every_layer_that_is_not_a_text_input() {
    let data = tempfile::tempdir().unwrap();
    for layer in ALL_LAYERS {
        if layer == Layer::Help {
            continue;
        }
        let mut r = reader_in(layer, data.path());
        press(&mut r, KeyCode::F(1), KeyModifiers::NONE);
        assert!(r.screen().contains("Help — keys"), "F1 over {layer:?}");
        r.key(KeyCode::Esc);
        assert_eq!(r.state.layers.top(), layer, "Esc closes the help");
        assert!(!r.screen().contains("Help — keys"));
        if !layer.is_text_input() {
            r.keys("?");
            assert!(r.screen().contains("Help — keys"), "? over {layer:?}");
        }
    }
}

#[test]
fn ctrl_c_quits_from_anywhere_but_asks_about_a_draft_first() {
    let data = tempfile::tempdir().unwrap();
    for layer in ALL_LAYERS {
        if layer == Layer::Editor {
            continue;
        }
        let mut r = reader_in(layer, data.path());
        r.ctrl('c');
        assert!(r.state.quit, "Ctrl-c quits from {layer:?}");
    }
    let mut r = reader_in(Layer::Editor, data.path());
    r.ctrl('c');
    assert!(!r.state.quit);
    assert!(r.screen().contains("discard draft and quit? y / n"));
    r.keys("n");
    assert!(!r.state.quit);
    assert_eq!(r.state.layers.top(), Layer::Editor, "back to the draft");
    assert!(r.screen().contains("draft"));
    r.ctrl('c');
    r.keys("y");
    assert!(r.state.quit);
    // An editor with nothing typed has nothing to lose.
    let mut r = reader_in(Layer::Base, data.path());
    r.keys("a");
    r.ctrl('c');
    assert!(r.state.quit);
}

#[test]
fn esc_in_the_panes_clears_highlights_then_unzooms_then_returns_from_an_event() {
    let mut r = Reader::bundled(100, 30);
    r.keys("2");
    r.key(KeyCode::BackTab);
    assert_eq!(r.state.reading.focus, Pane::Chronology);
    r.key(KeyCode::Enter);
    assert!(matches!(r.state.reading.target, Target::Event(_)));
    r.keys("z/the");
    r.key(KeyCode::Enter);
    let current = r.state.search.current;
    let target = r.state.reading.target;
    assert!(r.state.search.highlighted());
    r.key(KeyCode::Esc);
    assert!(!r.state.search.highlighted(), "first: highlights off");
    assert!(r.state.reading.zoom, "…and nothing else");
    assert_eq!(r.state.reading.target, target);
    r.key(KeyCode::Esc);
    assert!(!r.state.reading.zoom, "then: zoom");
    r.key(KeyCode::Esc);
    assert_eq!(
        r.state.reading.target,
        Target::Factor(1),
        "then: back to the factor"
    );
    let focus = r.state.reading.focus;
    r.key(KeyCode::Esc);
    assert_eq!(r.state.reading.focus, focus, "then nothing");
    assert!(!r.state.quit, "and never quits");
    r.keys("n");
    assert!(r.state.search.highlighted(), "n still knows the pattern");
    assert!(r.state.search.current.is_some() && current.is_some());
}

#[test]
fn the_status_bar_names_the_top_layer_and_its_keys() {
    let data = tempfile::tempdir().unwrap();
    let expect = [
        (Layer::View, "SOURCE", "q back"),
        (Layer::Caret, "CARET", "v select"),
        (Layer::Palette, "GO", "Enter choose"),
        (Layer::NotesList, "NOTES", "Alt-e edit"),
        (Layer::Editor, "NOTE", "Ctrl-s save"),
        (Layer::Help, "HELP", "q close"),
        (Layer::Peek, "PEEK", "Enter source"),
    ];
    for (layer, name, hint) in expect {
        let r = reader_in(layer, data.path());
        assert_eq!(badge(&r), name, "{layer:?}: {}", status(&r));
        assert!(status(&r).contains(hint), "{layer:?}: {}", status(&r));
    }
    let r = reader_in(Layer::Search, data.path());
    assert!(status(&r).starts_with("/the"), "{}", status(&r));
    assert!(status(&r).contains("Esc cancel"), "{}", status(&r));
}

#[test]
fn a_pane_key_in_the_source_view_goes_back_to_the_panes() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_in(Layer::View, data.path());
    r.keys("3");
    assert!(r.state.layers.view.is_none());
    assert_eq!(r.state.reading.target, Target::Factor(2));
    // The reading keys act on the view itself.
    let mut r = reader_in(Layer::View, data.path());
    let scroll = r.state.layers.view.as_ref().unwrap().scroll;
    r.keys("j");
    assert_eq!(r.state.layers.view.as_ref().unwrap().scroll, scroll + 1);
    r.keys("/");
    assert_eq!(r.state.layers.top(), Layer::Search);
}

#[test]
fn one_line_inputs_never_get_a_newline() {
    let data = tempfile::tempdir().unwrap();
    for layer in [
        Layer::Palette,
        Layer::Library,
        Layer::NotesList,
        Layer::Search,
    ] {
        let mut r = reader_in(layer, data.path());
        press(&mut r, KeyCode::Char('j'), KeyModifiers::CONTROL);
        press(&mut r, KeyCode::Char('m'), KeyModifiers::CONTROL);
        press(&mut r, KeyCode::Enter, KeyModifiers::ALT);
        press(&mut r, KeyCode::Enter, KeyModifiers::SHIFT);
        r.event(Event::Paste("one\ntwo\r\nthree\rfour".into()));
        if r.state.layers.top() != layer {
            // Enter chose; reopen and paste again.
            r = reader_in(layer, data.path());
            r.event(Event::Paste("one\ntwo\r\nthree\rfour".into()));
        }
        let lines = input_lines(&r, layer);
        assert_eq!(lines.len(), 1, "{layer:?}: {lines:?}");
        assert!(
            lines[0].ends_with("one two three four"),
            "{layer:?}: {lines:?}"
        );
    }
}

fn input_lines(r: &Reader, layer: Layer) -> Vec<String> {
    let layers = &r.state.layers;
    let input = match layer {
        Layer::Palette => &layers.palette().unwrap().input,
        Layer::Library => &layers.library().unwrap().input,
        Layer::NotesList => &layers.notes_list().unwrap().input,
        Layer::Search => layers.search_line().unwrap(),
        Layer::Editor => &layers.editor().unwrap().input,
        _ => panic!("{layer:?} has no input"),
    };
    input.lines().to_vec()
}

#[test]
fn readline_keys_in_the_search_line() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_in(Layer::Search, data.path());
    type_text(&mut r, " Kabul talks");
    let line = |r: &Reader| input_lines(r, Layer::Search)[0].clone();
    assert_eq!(line(&r), "the Kabul talks");
    r.ctrl('w');
    assert_eq!(line(&r), "the Kabul ");
    r.ctrl('a');
    type_text(&mut r, "[");
    r.ctrl('e');
    type_text(&mut r, "]");
    assert_eq!(line(&r), "[the Kabul ]");
    alt(&mut r, 'b');
    alt(&mut r, 'b');
    r.ctrl('k');
    assert_eq!(line(&r), "[the ");
    r.ctrl('b');
    r.ctrl('b');
    r.ctrl('f');
    r.ctrl('u');
    assert_eq!(line(&r), " ", "Ctrl-u deletes to the line start");
    r.ctrl('e');
    type_text(&mut r, "x");
    assert_eq!(line(&r), " x");
    assert_eq!(r.state.layers.top(), Layer::Search, "no key closed it");
    assert!(!r.state.quit);
}

#[test]
fn ctrl_n_and_ctrl_j_move_down_and_ctrl_p_and_ctrl_k_up_over_a_list() {
    let data = tempfile::tempdir().unwrap();
    let mut r = reader_in(Layer::Palette, data.path());
    let selected = |r: &Reader| r.state.layers.palette().unwrap().selected;
    r.ctrl('n');
    r.ctrl('j');
    press(&mut r, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(selected(&r), 3);
    r.ctrl('p');
    r.ctrl('k');
    assert_eq!(selected(&r), 1);
    assert_eq!(
        input_lines(&r, Layer::Palette),
        [""],
        "the filter is untouched"
    );
    // The reversed row on screen follows.
    let mut r = reader_in(Layer::Library, data.path());
    r.ctrl('n');
    assert_eq!(r.state.layers.library().unwrap().selected, 1);
}

#[test]
fn f1_opens_the_help_on_the_keys_of_the_layer_you_are_in() {
    let data = tempfile::tempdir().unwrap();
    for (layer, heading) in [
        (Layer::Search, "Search line — here"),
        (Layer::Editor, "Note editor — here"),
        (Layer::View, "Source view — here"),
        (Layer::Caret, "Caret mode (selecting a passage) — here"),
        (Layer::Palette, "Palette, library and notes list — here"),
    ] {
        let mut r = reader_in(layer, data.path());
        press(&mut r, KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(r.state.layers.top(), Layer::Help, "{layer:?}");
        assert!(r.screen().contains(heading), "{layer:?}:\n{}", r.screen());
        r.keys("q");
        assert_eq!(r.state.layers.top(), layer, "closing the help returns");
    }
}

#[test]
fn the_help_has_a_legend_of_the_marks() {
    let rows = rows_for(&Default::default(), Layer::Base, &[]);
    for mark in briefing::app::help::LEGEND {
        assert!(rows.contains(&HelpRow::Binding {
            keys: mark.mark.into(),
            what: mark.what
        }));
    }
    let mut r = Reader::bundled(160, 48);
    r.keys("?G");
    let screen = r.screen();
    assert!(screen.contains("Marks"), "{screen}");
    assert!(screen.contains("✎N"), "{screen}");
}

/// The keys every layer is tried with: printable ASCII, named keys, and
/// Ctrl and Alt with each letter.
fn key_set() -> Vec<(KeyCode, KeyModifiers)> {
    let mut keys: Vec<(KeyCode, KeyModifiers)> = (0x20u8..0x7f)
        .map(|b| (KeyCode::Char(b as char), KeyModifiers::NONE))
        .collect();
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
        KeyCode::F(2),
    ] {
        keys.push((code, KeyModifiers::NONE));
    }
    for c in 'a'..='z' {
        keys.push((KeyCode::Char(c), KeyModifiers::CONTROL));
        keys.push((KeyCode::Char(c), KeyModifiers::ALT));
    }
    keys
}

/// What a person sees: every cell of the screen (symbol and style) but
/// the status line (notices go there), whether the reader quit, and what
/// was sent to the clipboard.
fn seen(r: &Reader) -> String {
    let buffer = r.buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height.saturating_sub(1) {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            out.push_str(&format!(
                "{}{:?}{:?}{:?}",
                cell.symbol(),
                cell.fg,
                cell.bg,
                cell.modifier
            ));
        }
        out.push('\n');
    }
    format!("{out}quit={} outbox={}", r.state.quit, r.state.outbox.len())
}

/// The text of the text input on top, if any, and where its cursor is.
fn input_state(r: &Reader) -> Option<(String, (usize, usize))> {
    let layers = &r.state.layers;
    if layers.help.is_some() {
        return None;
    }
    let input = match layers.top() {
        Layer::Palette => &layers.palette()?.input,
        Layer::Library => &layers.library()?.input,
        Layer::NotesList => &layers.notes_list()?.input,
        Layer::Search => layers.search_line()?,
        Layer::Editor => &layers.editor()?.input,
        _ => return None,
    };
    let cursor = input.cursor();
    Some((input.lines().join("\n"), (cursor.0, cursor.1)))
}

/// Whether `key` was typed into the text input on top: its text is the
/// text before with the key's character inserted at the cursor.
fn typed(before: &Option<(String, (usize, usize))>, r: &Reader, key: Key) -> bool {
    let (Some((text, (row, col))), Some(c)) = (before, key.printable()) else {
        return false;
    };
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let Some(line) = lines.get_mut(*row) else {
        return false;
    };
    let at = line.char_indices().nth(*col).map_or(line.len(), |(i, _)| i);
    line.insert(at, c);
    input_state(r).is_some_and(|(after, _)| after == lines.join("\n"))
}

/// The help rows about the layer it opens over: those before the first
/// heading not marked "here".
fn here_rows(rows: &[HelpRow]) -> Vec<HelpRow> {
    let mut here = Vec::new();
    for row in rows {
        if let HelpRow::Heading(title) = row
            && !title.ends_with(" — here")
        {
            break;
        }
        here.push(row.clone());
    }
    here
}

fn listed(rows: &[HelpRow], key: Key) -> bool {
    let name = keymap::key_name(&key);
    let digit = matches!(key.code, KeyCode::Char('1'..='9')) && !key.ctrl && !key.alt;
    rows.iter().any(|row| match row {
        HelpRow::Binding { keys, .. } => {
            keys.split(' ').any(|k| k == name) || (digit && keys == "1–9")
        }
        _ => false,
    })
}

/// Drives every key of [`key_set`] into the state `setup` builds, one at a
/// time, from a fresh state after each key that did anything; every key
/// that changes what a person sees (beyond the status line, or a
/// character typed into a text input) must be bound in the scopes of the
/// top layer and listed in the "here" part of its help.
fn every_key_that_acts_is_bound_and_listed(setup: impl Fn(&std::path::Path) -> Reader) {
    let data = tempfile::tempdir().unwrap();
    let mut r = setup(&fresh_folder(data.path()));
    let stack = r.state.layers.stack();
    let (layer, under) = (stack[0], &stack[1..]);
    let keymap = r.state.opening.keymap.clone();
    let help = here_rows(&rows_for(&keymap, layer, under));
    let scopes = layer.all_scopes(under);
    let mut before = seen(&r);
    let mut acted = 0;
    for (code, modifiers) in key_set() {
        let event = KeyEvent::new(code, modifiers);
        let key = Key::of(&event).unwrap();
        let input = input_state(&r);
        r.event(Event::Key(event));
        let changed = seen(&r) != before;
        if changed && !(layer.is_text_input() && typed(&input, &r, key)) {
            acted += 1;
            let bound = scopes.iter().any(|&s| keymap.lookup(key, s).is_some());
            assert!(
                bound,
                "{key:?} acts in {layer:?} but is not bound in its scopes"
            );
            assert!(
                listed(&help, key),
                "{key:?} acts in {layer:?} but its help does not list it here"
            );
        }
        if changed || r.state.notice.is_some() {
            // (Seen afresh: a time on screen may have turned a minute.)
            r = setup(&fresh_folder(data.path()));
            before = seen(&r);
        }
    }
    assert!(acted > 0, "some key acts in {layer:?}");
}

/// Help over `layer`, opened with F1 (which works in text inputs too).
fn help_over(layer: Layer) -> impl Fn(&std::path::Path) -> Reader {
    move |data| {
        let mut r = reader_in(layer, data);
        press(&mut r, KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(r.state.layers.top(), Layer::Help);
        r
    }
}

/// Caret mode over the source view.
fn caret_over_view(data: &std::path::Path) -> Reader {
    let mut r = reader_in(Layer::View, data);
    r.keys("v");
    assert_eq!(r.state.layers.stack()[..2], [Layer::Caret, Layer::View]);
    r
}

macro_rules! complete_help {
    ($($name:ident: $setup:expr;)*) => {
        $(
            #[test]
            fn $name() {
                every_key_that_acts_is_bound_and_listed($setup);
            }
        )*
    };
}

complete_help! {
    every_key_acting_in_the_base_is_listed: |d: &std::path::Path| reader_in(Layer::Base, d);
    every_key_acting_in_the_source_view_is_listed: |d: &std::path::Path| reader_in(Layer::View, d);
    every_key_acting_in_caret_mode_is_listed: |d: &std::path::Path| reader_in(Layer::Caret, d);
    every_key_acting_in_caret_mode_over_the_source_is_listed: caret_over_view;
    every_key_acting_in_the_palette_is_listed: |d: &std::path::Path| reader_in(Layer::Palette, d);
    every_key_acting_in_the_library_is_listed: |d: &std::path::Path| reader_in(Layer::Library, d);
    every_key_acting_in_the_notes_list_is_listed: |d: &std::path::Path| reader_in(Layer::NotesList, d);
    every_key_acting_in_the_search_line_is_listed: |d: &std::path::Path| reader_in(Layer::Search, d);
    every_key_acting_in_the_editor_is_listed: |d: &std::path::Path| reader_in(Layer::Editor, d);
    every_key_acting_in_a_question_is_listed: |d: &std::path::Path| reader_in(Layer::Confirm, d);
    every_key_acting_in_a_recovered_draft_is_listed: |d: &std::path::Path| reader_in(Layer::Recovery, d);
    every_key_acting_in_a_file_view_is_listed: |d: &std::path::Path| reader_in(Layer::FileView, d);
    every_key_acting_in_the_help_over_the_base_is_listed: help_over(Layer::Base);
    every_key_acting_in_the_help_over_the_source_view_is_listed: help_over(Layer::View);
    every_key_acting_in_the_help_over_caret_mode_is_listed: help_over(Layer::Caret);
    every_key_acting_in_the_help_over_the_palette_is_listed: help_over(Layer::Palette);
    every_key_acting_in_the_help_over_the_library_is_listed: help_over(Layer::Library);
    every_key_acting_in_the_help_over_the_notes_list_is_listed: help_over(Layer::NotesList);
    every_key_acting_in_the_help_over_the_search_line_is_listed: help_over(Layer::Search);
    every_key_acting_in_the_help_over_the_editor_is_listed: help_over(Layer::Editor);
    every_key_acting_in_the_help_over_a_question_is_listed: help_over(Layer::Confirm);
    every_key_acting_in_the_help_over_a_recovered_draft_is_listed: help_over(Layer::Recovery);
    every_key_acting_in_the_help_over_a_file_view_is_listed: help_over(Layer::FileView);
}

#[test]
fn a_malformed_stack_is_caught() {
    let mut r = Reader::bundled(100, 30);
    assert!(briefing::app::layers::check(&r.state).is_ok());
    r.keys("?");
    r.state.layers.help.as_mut().unwrap().over = Layer::Editor;
    assert!(briefing::app::layers::check(&r.state).is_err());
}

/// One-line inputs share one set of readline keys: each one-line input is
/// driven through the same keys, and each edits the same way.
#[test]
fn every_one_line_input_edits_as_readline_does() {
    let data = tempfile::tempdir().unwrap();
    for layer in [
        Layer::Search,
        Layer::Palette,
        Layer::Library,
        Layer::NotesList,
    ] {
        let mut r = reader_in(layer, &fresh_folder(data.path()));
        r.ctrl('a');
        r.ctrl('k');
        if layer != Layer::Search {
            // Over a list Ctrl-k moves the selection: clear the line by hand.
            r.ctrl('e');
            r.ctrl('u');
        }
        r.event(Event::Paste("one two three".into()));
        let line = |r: &Reader| input_lines(r, layer)[0].clone();
        let steps: &[(&str, &str)] = &[
            ("C-a [", "[one two three"),
            ("C-e ]", "[one two three]"),
            ("C-b C-b C-f !", "[one two three!]"),
            ("C-h", "[one two three]"),
            ("Backspace", "[one two thre]"),
            ("M-b M-b C-w", "[two thre]"),
            ("C-a C-d", "two thre]"),
            ("Del", "wo thre]"),
            ("M-f M-d", "wo ]"),
            ("C-e x C-b C-u", "x"),
        ];
        for (keys, expected) in steps {
            for k in keys.split(' ') {
                match k {
                    "Backspace" => press(&mut r, KeyCode::Backspace, KeyModifiers::NONE),
                    "Del" => press(&mut r, KeyCode::Delete, KeyModifiers::NONE),
                    k if k.starts_with("C-") => {
                        r.ctrl(k.chars().nth(2).unwrap());
                    }
                    k if k.starts_with("M-") => alt(&mut r, k.chars().nth(2).unwrap()),
                    k => type_text(&mut r, k),
                }
            }
            assert_eq!(&line(&r), expected, "{layer:?} after {keys}");
            assert_eq!(r.state.layers.top(), layer, "{layer:?} still open");
        }
    }
}

#[test]
fn the_help_in_context_lists_only_the_key_that_acts_for_each_binding() {
    let keymap = briefing::app::keymap::Keymap::default();
    let here = here_rows(&rows_for(&keymap, Layer::View, &[Layer::Base]));
    let whats_of = |name: &str| -> Vec<&'static str> {
        here.iter()
            .filter_map(|row| match row {
                HelpRow::Binding { keys, what } if keys.split(' ').any(|k| k == name) => {
                    Some(*what)
                }
                _ => None,
            })
            .collect()
    };
    // In the source view q, Esc, [ and ] are the view's: listed once, as
    // the view's, not also as the panes' quit, back and factor keys.
    for key in ["q", "Esc", "[", "]"] {
        assert_eq!(whats_of(key).len(), 1, "{key}: {:?}", whats_of(key));
    }
    assert_eq!(whats_of("q"), ["back to the panes"]);
    assert!(whats_of("]")[0].contains("excerpt"));
    // A pane key the view does not take still leaves it for the panes.
    assert_eq!(whats_of("Tab"), ["next pane"]);
    // Over the panes themselves, q is their quit.
    let base = here_rows(&rows_for(&keymap, Layer::Base, &[]));
    assert!(base.iter().any(|row| matches!(row,
        HelpRow::Binding { keys, what } if keys == "q" && what.starts_with("quit"))));
}

#[test]
fn the_status_bar_offers_only_keys_that_would_act_now() {
    let data = tempfile::tempdir().unwrap();
    // An unreadable file is no conflict: nothing to keep or dismiss.
    let r = reader_in(Layer::FileView, &fresh_folder(data.path()));
    assert!(status(&r).contains("Esc close"), "{}", status(&r));
    assert!(!status(&r).contains("keep other"), "{}", status(&r));
    assert!(!status(&r).contains("dismiss"), "{}", status(&r));
    // Over the help, `?` closes it: its hint is the help's own close.
    let r = reader_in(Layer::Help, data.path());
    assert!(status(&r).contains("q close"), "{}", status(&r));
    assert!(!status(&r).contains("? help"), "{}", status(&r));
    // A palette filtered to nothing has nothing to choose.
    let mut r = reader_in(Layer::Palette, data.path());
    assert!(status(&r).contains("Enter choose"), "{}", status(&r));
    type_text(&mut r, "zzzzqqqq");
    assert!(!status(&r).contains("Enter choose"), "{}", status(&r));
    assert!(status(&r).contains("Esc close"), "{}", status(&r));
}

#[test]
fn a_delete_question_deletes_the_note_it_named_even_after_a_reload() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 100, 30);
    for (item, body) in [("2", "first note"), ("3", "second note")] {
        r.keys(item).keys("a");
        type_text(&mut r, body);
        r.ctrl('s');
    }
    r.keys("m");
    let list = r.state.layers.notes_list().unwrap();
    let index = list.selected_note().unwrap();
    let named = r.state.notes.notes[index].body.clone();
    alt(&mut r, 'x');
    assert!(status(&r).contains("Delete the note"), "{}", status(&r));
    // The notes are read again in another order while the question is open.
    r.state.notes.notes.reverse();
    r.keys("y");
    let left: Vec<&str> = r
        .state
        .notes
        .notes
        .iter()
        .map(|n| n.body.as_str())
        .collect();
    assert_eq!(left.len(), 1);
    assert_ne!(
        left[0], named,
        "the note named in the question is the one deleted"
    );
}
