//! Key handling through the keymap and `update`, without a terminal.

mod common;

use briefing::app::state::{DetailItem, Pane, Target};
use common::Reader;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

#[test]
fn digits_and_brackets_choose_factors() {
    let mut r = Reader::bundled(80, 24);
    assert_eq!(r.state.reading.target, Target::Overview);
    r.keys("3");
    assert_eq!(r.state.reading.target, Target::Factor(2));
    r.keys("]");
    assert_eq!(r.state.reading.target, Target::Factor(3));
    r.keys("[[");
    assert_eq!(r.state.reading.target, Target::Factor(1));
    r.keys("0");
    assert_eq!(r.state.reading.target, Target::Overview);
    r.keys("[");
    assert_eq!(
        r.state.reading.target,
        Target::Overview,
        "no factor before the overview"
    );
}

#[test]
fn a_missing_factor_number_says_so() {
    let mut state = Reader::bundled(80, 24).state;
    std::sync::Arc::make_mut(&mut state.brief)
        .factors
        .truncate(2);
    let mut r = Reader::new(state, 80, 24);
    r.keys("7");
    assert_eq!(r.state.reading.target, Target::Overview);
    assert!(r.screen().contains("there is no factor 7"));
}

#[test]
fn tab_cycles_the_panes_both_ways() {
    let mut r = Reader::bundled(160, 48);
    assert_eq!(r.state.reading.focus, Pane::Factors);
    r.key(KeyCode::Tab);
    assert_eq!(r.state.reading.focus, Pane::Detail);
    r.key(KeyCode::Tab);
    assert_eq!(r.state.reading.focus, Pane::Chronology);
    r.key(KeyCode::Tab);
    assert_eq!(r.state.reading.focus, Pane::Factors);
    r.key(KeyCode::BackTab);
    assert_eq!(r.state.reading.focus, Pane::Chronology);
}

#[test]
fn chronology_follows_the_factor_and_toggles_to_all() {
    let mut r = Reader::bundled(160, 48);
    let all = r.state.brief.events.len();
    assert_eq!(
        r.state.reading.chronology.events.len(),
        all,
        "overview lists every event"
    );
    r.keys("2");
    let india = r.state.brief.events_of_factor(1).count();
    assert!(india < all);
    assert_eq!(r.state.reading.chronology.events.len(), india);
    assert!(
        r.screen()
            .contains(&format!("Chronology — The India factor ({india})"))
    );
    r.keys("c");
    assert_eq!(r.state.reading.chronology.events.len(), all);
    assert!(r.screen().contains(&format!("Chronology — all ({all})")));
    // Listed in date order.
    let dates: Vec<_> = r
        .state
        .reading
        .chronology
        .events
        .iter()
        .map(|&e| r.state.brief.events[e].date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0].chronological(&w[1]).is_le()));
}

#[test]
fn enter_on_an_event_opens_its_detail_and_esc_goes_back() {
    let mut r = Reader::bundled(160, 48);
    r.keys("2");
    r.key(KeyCode::BackTab); // chronology
    r.keys("j");
    let event = r.state.selected_event().unwrap();
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Event(event));
    assert_eq!(r.state.reading.focus, Pane::Detail);
    let title = &r.state.brief.events[event].title;
    assert!(r.screen().contains(&title[..20.min(title.len())]));
    r.key(KeyCode::Esc);
    assert_eq!(r.state.reading.target, Target::Factor(1));
}

#[test]
fn j_selects_items_in_the_detail_pane_and_s_opens_the_source() {
    let mut r = Reader::bundled(80, 24);
    r.keys("1");
    r.key(KeyCode::Tab);
    r.keys("j");
    // The summary's citation marks come first, each an item.
    assert!(
        matches!(r.state.selected_item(), Some(DetailItem::Mark(_))),
        "{:?}",
        r.state.selected_item()
    );
    r.select_key_point(1, 0);
    assert_eq!(r.state.selected_item(), Some(DetailItem::KeyPoint(0)));
    // `s` on a key point only explains.
    r.keys("s");
    assert!(r.state.layers.view.is_none());
    assert!(r.state.notice.is_some());
    // Past the key points, their citation marks and the related-factor
    // links.
    for _ in 0..200 {
        if matches!(r.state.selected_item(), Some(DetailItem::Excerpt(_))) {
            break;
        }
        r.keys("j");
    }
    let Some(DetailItem::Excerpt(excerpt)) = r.state.selected_item() else {
        panic!("expected an excerpt, got {:?}", r.state.selected_item());
    };
    // The selection is in view.
    let rows = r.state.laid_out.detail.doc.items[r.state.reading.detail.selected.unwrap()].clone();
    let height = briefing::app::layout::text_area(r.state.laid_out.screen.detail).height as usize;
    assert!(
        rows.start >= r.state.reading.detail.scroll
            && rows.start < r.state.reading.detail.scroll + height
    );
    r.keys("s");
    let view = r.state.layers.view.as_ref().expect("source view open");
    assert_eq!(view.current, Some(excerpt));
    assert_eq!(view.source, r.state.brief.excerpts[excerpt].source);
}

#[test]
fn source_view_steps_through_excerpts_and_scrolls_to_them() {
    let mut r = Reader::bundled(80, 24);
    r.select_first_excerpt(1);
    r.key(KeyCode::Enter);
    let position = |r: &Reader| {
        let view = r.state.layers.view.as_ref().unwrap();
        r.state.laid_out.source.position_of(view.current)
    };
    let first = position(&r).unwrap();
    r.keys("]");
    let view = r.state.layers.view.as_ref().unwrap();
    let laid = &r.state.laid_out.source;
    let second = position(&r).unwrap();
    assert_eq!(second, (first + 1).min(laid.excerpts.len() - 1));
    let row = laid.excerpt_rows[second];
    assert!(
        row >= view.scroll && row < view.scroll + 20,
        "excerpt in view"
    );
    r.keys("[");
    assert_eq!(position(&r), Some(first));
    r.key(KeyCode::Esc);
    assert!(r.state.layers.view.is_none());
    assert_eq!(
        r.state.reading.target,
        Target::Factor(0),
        "back where we were"
    );
}

#[test]
fn paging_keys_move_through_long_text() {
    let mut r = Reader::bundled(80, 24);
    r.keys("1");
    r.key(KeyCode::Tab);
    r.ctrl('d');
    let half = r.state.reading.detail.scroll;
    assert!(half > 0);
    r.keys(" ");
    assert!(r.state.reading.detail.scroll > half);
    r.keys("G");
    let bottom = r.state.reading.detail.scroll;
    assert!(bottom >= half);
    r.keys("b");
    assert!(r.state.reading.detail.scroll < bottom);
    r.keys("g");
    assert_eq!(r.state.reading.detail.scroll, 0);
    r.key(KeyCode::PageDown);
    assert!(r.state.reading.detail.scroll > 0);
    r.key(KeyCode::PageUp);
    assert_eq!(r.state.reading.detail.scroll, 0);
}

#[test]
fn zoom_gives_the_focused_pane_the_whole_body() {
    let mut r = Reader::bundled(160, 48);
    r.key(KeyCode::Tab).keys("z");
    assert_eq!(r.state.laid_out.screen.detail, r.state.laid_out.screen.body);
    assert_eq!(r.state.laid_out.screen.factors.width, 0);
    r.key(KeyCode::Esc);
    assert!(!r.state.reading.zoom);
    assert!(r.state.laid_out.screen.factors.width > 0);
}

#[test]
fn help_opens_and_closes_and_lists_every_binding() {
    let mut r = Reader::bundled(160, 48);
    r.keys("?");
    // The help scrolls: read it all.
    let mut screen = r.screen();
    for _ in 0..briefing::app::help::rows(&r.state).len() {
        r.keys("j");
        screen.push_str(&r.screen());
    }
    for binding in briefing::app::keymap::BINDINGS {
        assert!(
            screen.contains(binding.what()),
            "help lacks {:?}",
            binding.action
        );
    }
    r.keys("?");
    assert!(r.state.layers.help.is_none());
    r.keys("?");
    r.key(KeyCode::Esc);
    assert!(r.state.layers.help.is_none());
}

#[test]
fn quit_with_q_or_ctrl_c() {
    let mut r = Reader::bundled(80, 24);
    r.keys("q");
    assert!(r.state.quit);
    let mut r = Reader::bundled(80, 24);
    r.ctrl('c');
    assert!(r.state.quit);
}

#[test]
fn mouse_click_focuses_and_selects_and_the_wheel_scrolls() {
    let mut r = Reader::bundled(160, 48);
    let (x, y) = r.find("The India factor").unwrap();
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(r.state.reading.target, Target::Factor(1));
    let detail = r.state.laid_out.screen.detail;
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: detail.x + 5,
        row: detail.y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(r.state.reading.detail.scroll, 3);
    assert_eq!(
        r.state.reading.focus,
        Pane::Factors,
        "the wheel does not move focus"
    );
}

#[test]
fn resize_relays_out_at_once() {
    let mut r = Reader::bundled(160, 48);
    let wide = r.state.laid_out.screen.chronology;
    r.resize(80, 24);
    let narrow = r.state.laid_out.screen.chronology;
    assert!(narrow.y > wide.y, "the chronology stacks under the detail");
    r.resize(160, 48);
    assert_eq!(r.state.laid_out.screen.chronology, wide);
}

fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.key(KeyCode::Char(c));
    }
}

#[test]
fn search_is_incremental_and_n_goes_anywhere_in_the_brief() {
    let mut r = Reader::bundled(160, 48);
    r.keys("/");
    assert!(r.state.layers.search_line().is_some());
    type_text(&mut r, "Bagra");
    let partial = r.state.search.hits.len();
    assert!(partial > 0, "results as the person types");
    type_text(&mut r, "m");
    let hits = r.state.search.hits.len();
    assert!(hits > 1);
    assert!(r.screen().contains(&format!("1/{hits}")), "{}", r.screen());
    r.key(KeyCode::Enter);
    assert!(r.state.layers.search_line().is_none());
    let first = r.state.search.hits[0].place;
    // n visits every hit in reading order, switching views as needed.
    let mut places = vec![first];
    for _ in 1..hits {
        r.keys("n");
        places.push(r.state.search.hits[r.state.search.current.unwrap()].place);
    }
    assert_eq!(places.len(), hits);
    r.keys("n");
    assert_eq!(r.state.search.current, Some(0), "wraps around");
    assert!(r.screen().contains("wrapped"));
    r.keys("N");
    assert_eq!(r.state.search.current, Some(hits - 1));
    // The current hit is on screen.
    let hit = r.state.search.hits[hits - 1].clone();
    let text = hit.text.text(&r.state.brief).unwrap()[hit.range.clone()].to_string();
    assert!(r.screen().contains(&text));
    // A first Esc clears the highlights, and stays where it is; the
    // pattern stays for n/N, which show them again.
    let target = r.state.reading.target;
    r.key(KeyCode::Esc);
    assert!(!r.state.search.highlighted());
    assert_eq!(r.state.reading.target, target);
    r.keys("n");
    assert!(r.state.search.highlighted());
    assert_eq!(r.state.search.current, Some(0));
}

#[test]
fn smart_case_and_typographic_folding_in_the_reader() {
    let mut r = Reader::bundled(160, 48);
    r.keys("/");
    type_text(&mut r, "pakistan's");
    let folded = r.state.search.hits.len();
    assert!(folded > 0, "a straight apostrophe finds the curly one");
    r.key(KeyCode::Esc);
    r.keys("/");
    type_text(&mut r, "PAKISTAN");
    assert!(
        r.state.search.hits.is_empty(),
        "a capital makes it case-sensitive"
    );
}

#[test]
fn esc_in_the_search_line_cancels_and_returns() {
    let mut r = Reader::bundled(160, 48);
    r.keys("3");
    r.keys("/");
    type_text(&mut r, "Istanbul");
    assert!(!r.state.search.hits.is_empty());
    r.key(KeyCode::Esc);
    assert_eq!(
        r.state.reading.target,
        briefing::app::state::Target::Factor(2)
    );
    assert!(!r.state.search.is_active());
    assert!(r.state.search.hits.is_empty());
}

#[test]
fn tab_searches_the_sources_and_lands_in_the_source_view() {
    let mut r = Reader::bundled(120, 40);
    r.keys("/");
    type_text(&mut r, "Strategiya");
    assert!(
        r.state.search.hits.is_empty(),
        "only the source text has it"
    );
    r.key(KeyCode::Tab);
    assert_eq!(r.state.search.hits.len(), 1);
    assert!(r.screen().contains("+src"));
    r.key(KeyCode::Enter);
    let view = r
        .state
        .layers
        .view
        .as_ref()
        .expect("source view open at the hit");
    assert_eq!(view.source, 0);
    let (x, y) = r.find("Strategiya").expect("the hit is on screen");
    let cell = &r.buffer()[(x, y)];
    assert_eq!(
        cell.bg,
        ratatui::style::Color::Magenta,
        "marked as the current match"
    );
}

#[test]
fn search_history_recalls_past_queries() {
    let mut r = Reader::bundled(80, 24);
    r.keys("/");
    type_text(&mut r, "Doha");
    r.key(KeyCode::Enter);
    r.keys("/");
    type_text(&mut r, "Kabul");
    r.key(KeyCode::Enter);
    r.keys("/");
    r.key(KeyCode::Up);
    assert_eq!(briefing::app::search::input_text(&r.state), "Kabul");
    r.key(KeyCode::Up);
    assert_eq!(briefing::app::search::input_text(&r.state), "Doha");
    r.key(KeyCode::Down);
    assert_eq!(briefing::app::search::input_text(&r.state), "Kabul");
}

#[test]
fn n_without_a_search_explains() {
    let mut r = Reader::bundled(80, 24);
    r.keys("n");
    assert!(r.screen().contains("press / to search"));
}

#[test]
fn palette_jumps_to_events_factors_and_excerpts() {
    let mut r = Reader::bundled(160, 48);
    r.keys(":");
    assert!(r.state.layers.palette().is_some());
    type_text(&mut r, "doha agreement cease");
    let chosen = r.state.layers.palette().unwrap().chosen();
    let Some(briefing::app::palette::Jump::Go(briefing::app::location::Location::Event(e))) =
        chosen
    else {
        panic!("expected an event first, got {chosen:?}");
    };
    assert!(r.state.brief.events[e].title.starts_with("Doha agreement"));
    r.key(KeyCode::Enter);
    assert!(r.state.layers.palette().is_none());
    assert_eq!(r.state.reading.target, Target::Event(e));

    r.ctrl('p');
    type_text(&mut r, "india factor");
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(1));

    // An excerpt: its factor opens with the excerpt selected and in view.
    let excerpt = &r.state.brief.excerpts[5];
    let words: String = excerpt
        .quote
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    r.keys(":");
    type_text(&mut r, &words);
    r.key(KeyCode::Enter);
    assert_eq!(r.state.selected_item(), Some(DetailItem::Excerpt(5)));
}

#[test]
fn palette_runs_commands_and_esc_closes() {
    let mut r = Reader::bundled(80, 24);
    r.keys(":");
    type_text(&mut r, "zoom");
    r.key(KeyCode::Enter);
    assert!(r.state.reading.zoom, "the zoom command ran");
    r.keys(":");
    r.key(KeyCode::Esc);
    assert!(r.state.layers.palette().is_none());
    assert!(!r.state.quit);
}

#[test]
fn rebound_keys_change_what_acts_and_the_hints_help_and_titles() {
    let keymap = briefing::app::key_config::parse(
        "[list]\nclose = [\"Ctrl-g\"]\n[global]\nhelp = [\"F2\"]\n",
        "keys.toml",
    )
    .unwrap();
    let mut state = Reader::bundled(100, 30).state;
    state.opening.keymap = std::sync::Arc::new(keymap);
    let mut r = Reader::new(state, 100, 30);
    let status = |r: &Reader| r.screen().lines().last().unwrap_or_default().to_string();
    assert!(status(&r).contains("F2 help"), "{}", status(&r));
    assert!(!status(&r).contains("? help"), "{}", status(&r));
    r.keys(":");
    assert!(
        r.screen().contains("Enter go · Ctrl-g close"),
        "{}",
        r.screen()
    );
    r.key(KeyCode::Esc);
    assert!(
        r.state.layers.palette().is_some(),
        "Esc no longer closes it"
    );
    r.ctrl('g');
    assert!(r.state.layers.palette().is_none(), "Ctrl-g does");
    r.keys("?");
    assert!(r.state.layers.help.is_none(), "? is unbound");
    r.key(KeyCode::F(2));
    assert!(r.screen().contains("or F2 to close"), "{}", r.screen());
}

const BIN: &str = env!("CARGO_BIN_EXE_briefing");

#[test]
fn briefing_keys_prints_the_default_keys_toml_from_the_table() {
    let output = std::process::Command::new(BIN)
        .arg("keys")
        .output()
        .expect("run briefing");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("[panes]\n"), "{text}");
    assert!(text.contains("quit = [\"q\"]"), "{text}");
    let keymap = briefing::app::key_config::parse(&text, "keys.toml").expect("it reads back");
    assert_eq!(
        keymap.bindings().len(),
        briefing::app::keymap::BINDINGS.len()
    );
}

#[test]
fn a_mistake_in_keys_toml_is_reported_with_its_line_and_column() {
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("keys.toml"),
        "[panes]\n\ntoggle-zoom = [\"q\"]\n",
    )
    .unwrap();
    let output = std::process::Command::new(BIN)
        .env("BRIEFING_CONFIG_DIR", config.path())
        .env("BRIEFING_DATA_DIR", data.path())
        .output()
        .expect("run briefing");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("keys.toml:3:15: q is bound to both toggle-zoom and quit in [panes]"),
        "{stderr}"
    );
}

/// The last row of the screen: the status bar (or the search line).
fn status_line(r: &Reader) -> String {
    r.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn esc_in_the_search_line_puts_back_the_search_accepted_before() {
    let mut r = Reader::bundled(100, 30);
    r.keys("/");
    type_text(&mut r, "Kabul");
    r.key(KeyCode::Enter);
    r.keys("n");
    let counter = r.state.search.counter();
    assert!(
        status_line(&r).contains(&format!("/Kabul {counter}")),
        "{}",
        status_line(&r)
    );
    let screen = r.screen();
    r.keys("/");
    type_text(&mut r, "Doha");
    assert!(status_line(&r).starts_with("/Doha"), "{}", status_line(&r));
    r.key(KeyCode::Esc);
    assert!(
        status_line(&r).contains(&format!("/Kabul {counter}")),
        "Esc cancels the edit, not the search before it: {}",
        status_line(&r)
    );
    assert_eq!(r.screen(), screen, "the highlights and the place are back");
    r.keys("n");
    assert!(status_line(&r).contains("/Kabul"), "{}", status_line(&r));
    assert_ne!(r.state.search.counter(), counter, "n steps on from there");
}
