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
    assert_eq!(r.state.target, Target::Overview);
    r.keys("3");
    assert_eq!(r.state.target, Target::Factor(2));
    r.keys("]");
    assert_eq!(r.state.target, Target::Factor(3));
    r.keys("[[");
    assert_eq!(r.state.target, Target::Factor(1));
    r.keys("0");
    assert_eq!(r.state.target, Target::Overview);
    r.keys("[");
    assert_eq!(
        r.state.target,
        Target::Overview,
        "no factor before the overview"
    );
}

#[test]
fn a_missing_factor_number_says_so() {
    let mut state = Reader::bundled(80, 24).state;
    state.brief.factors.truncate(2);
    let mut r = Reader::new(state, 80, 24);
    r.keys("7");
    assert_eq!(r.state.target, Target::Overview);
    assert!(r.screen().contains("there is no factor 7"));
}

#[test]
fn tab_cycles_the_panes_both_ways() {
    let mut r = Reader::bundled(160, 48);
    assert_eq!(r.state.focus, Pane::Factors);
    r.key(KeyCode::Tab);
    assert_eq!(r.state.focus, Pane::Detail);
    r.key(KeyCode::Tab);
    assert_eq!(r.state.focus, Pane::Chronology);
    r.key(KeyCode::Tab);
    assert_eq!(r.state.focus, Pane::Factors);
    r.key(KeyCode::BackTab);
    assert_eq!(r.state.focus, Pane::Chronology);
}

#[test]
fn chronology_follows_the_factor_and_toggles_to_all() {
    let mut r = Reader::bundled(160, 48);
    let all = r.state.brief.events.len();
    assert_eq!(
        r.state.chronology.events.len(),
        all,
        "overview lists every event"
    );
    r.keys("2");
    let india = r.state.brief.events_of_factor(1).count();
    assert!(india < all);
    assert_eq!(r.state.chronology.events.len(), india);
    assert!(
        r.screen()
            .contains(&format!("Chronology — The India factor ({india})"))
    );
    r.keys("c");
    assert_eq!(r.state.chronology.events.len(), all);
    assert!(r.screen().contains(&format!("Chronology — all ({all})")));
    // Listed in date order.
    let dates: Vec<_> = r
        .state
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
    assert_eq!(r.state.target, Target::Event(event));
    assert_eq!(r.state.focus, Pane::Detail);
    let title = &r.state.brief.events[event].title;
    assert!(r.screen().contains(&title[..20.min(title.len())]));
    r.key(KeyCode::Esc);
    assert_eq!(r.state.target, Target::Factor(1));
}

#[test]
fn j_selects_items_in_the_detail_pane_and_s_opens_the_source() {
    let mut r = Reader::bundled(80, 24);
    r.keys("1");
    r.key(KeyCode::Tab);
    r.keys("j");
    assert_eq!(r.state.selected_item(), Some(DetailItem::KeyPoint(0)));
    // `s` on a key point only explains.
    r.keys("s");
    assert!(r.state.source.is_none());
    assert!(r.state.notice.is_some());
    let points = r.state.brief.factors[0].key_points.len();
    r.keys(&"j".repeat(points));
    let Some(DetailItem::Excerpt(excerpt)) = r.state.selected_item() else {
        panic!("expected an excerpt, got {:?}", r.state.selected_item());
    };
    // The selection is in view.
    let rows = r.state.detail.doc.items[r.state.detail.selected.unwrap()].clone();
    let height = briefing::app::layout::text_area(r.state.screen.detail).height as usize;
    assert!(rows.start >= r.state.detail.scroll && rows.start < r.state.detail.scroll + height);
    r.keys("s");
    let view = r.state.source.as_ref().expect("source view open");
    assert_eq!(view.current, Some(excerpt));
    assert_eq!(view.source, r.state.brief.excerpts[excerpt].source);
}

#[test]
fn source_view_steps_through_excerpts_and_scrolls_to_them() {
    let mut r = Reader::bundled(80, 24);
    r.keys("1");
    r.key(KeyCode::Tab);
    let points = r.state.brief.factors[0].key_points.len();
    r.keys(&"j".repeat(points + 1));
    r.key(KeyCode::Enter);
    let first = r.state.source.as_ref().unwrap().position().unwrap();
    r.keys("]");
    let view = r.state.source.as_ref().unwrap();
    let second = view.position().unwrap();
    assert_eq!(second, (first + 1).min(view.excerpts.len() - 1));
    let row = view.excerpt_rows[second];
    assert!(
        row >= view.scroll && row < view.scroll + 20,
        "excerpt in view"
    );
    r.keys("[");
    assert_eq!(r.state.source.as_ref().unwrap().position(), Some(first));
    r.key(KeyCode::Esc);
    assert!(r.state.source.is_none());
    assert_eq!(r.state.target, Target::Factor(0), "back where we were");
}

#[test]
fn paging_keys_move_through_long_text() {
    let mut r = Reader::bundled(80, 24);
    r.keys("1");
    r.key(KeyCode::Tab);
    r.ctrl('d');
    let half = r.state.detail.scroll;
    assert!(half > 0);
    r.keys(" ");
    assert!(r.state.detail.scroll > half);
    r.keys("G");
    let bottom = r.state.detail.scroll;
    assert!(bottom >= half);
    r.keys("b");
    assert!(r.state.detail.scroll < bottom);
    r.keys("g");
    assert_eq!(r.state.detail.scroll, 0);
    r.key(KeyCode::PageDown);
    assert!(r.state.detail.scroll > 0);
    r.key(KeyCode::PageUp);
    assert_eq!(r.state.detail.scroll, 0);
}

#[test]
fn zoom_gives_the_focused_pane_the_whole_body() {
    let mut r = Reader::bundled(160, 48);
    r.key(KeyCode::Tab).keys("z");
    assert_eq!(r.state.screen.detail, r.state.screen.body);
    assert_eq!(r.state.screen.factors.width, 0);
    r.key(KeyCode::Esc);
    assert!(!r.state.zoom);
    assert!(r.state.screen.factors.width > 0);
}

#[test]
fn help_opens_and_closes_and_lists_every_binding() {
    let mut r = Reader::bundled(160, 48);
    r.keys("?");
    let screen = r.screen();
    for binding in briefing::app::keymap::BINDINGS {
        assert!(
            screen.contains(binding.action.describe()),
            "help lacks {:?}",
            binding.action
        );
    }
    r.keys("?");
    assert!(r.state.help.is_none());
    r.keys("?");
    r.key(KeyCode::Esc);
    assert!(r.state.help.is_none());
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
    assert_eq!(r.state.target, Target::Factor(1));
    let detail = r.state.screen.detail;
    r.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: detail.x + 5,
        row: detail.y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(r.state.detail.scroll, 3);
    assert_eq!(
        r.state.focus,
        Pane::Factors,
        "the wheel does not move focus"
    );
}

#[test]
fn resize_relays_out_at_once() {
    let mut r = Reader::bundled(160, 48);
    let wide = r.state.screen.chronology;
    r.resize(80, 24);
    let narrow = r.state.screen.chronology;
    assert!(narrow.y > wide.y, "the chronology stacks under the detail");
    r.resize(160, 48);
    assert_eq!(r.state.screen.chronology, wide);
}
