//! One way to go anywhere: the palette, the notes list, search, links and
//! the jump list land the same way for the same place; `Ctrl-o`, `Alt-←`
//! and `Alt-→` walk the jumps, and the jump list survives reopening.

mod common;

use briefing::app::location::{self, Location, Record};
use briefing::app::place;
use briefing::app::state::{DetailItem, Pane, Target};
use common::Reader;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.key(KeyCode::Char(c));
    }
}

fn alt(r: &mut Reader, code: KeyCode) {
    r.event(Event::Key(KeyEvent::new(code, KeyModifiers::ALT)));
}

/// The first words of excerpt `x`'s quote, enough to find it.
fn words_of(r: &Reader, x: usize) -> String {
    r.state.brief.excerpts[x]
        .quote
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
}

/// An excerpt whose first factor is not factor 1, so landing on it moves.
fn excerpt_elsewhere(r: &Reader) -> (usize, usize) {
    r.state
        .brief
        .excerpts
        .iter()
        .enumerate()
        .find_map(|(x, e)| e.factors.first().filter(|&&f| f > 0).map(|&f| (x, f)))
        .expect("an excerpt of another factor")
}

/// The detail pane's title row (the box's top border) says `what`.
fn detail_says(r: &Reader, what: &str) -> bool {
    r.screen().lines().any(|l| l.contains(what))
}

#[test]
fn an_excerpt_lands_the_same_from_the_palette_search_a_link_and_the_notes_list() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    let (x, f) = excerpt_elsewhere(&r);
    let words = words_of(&r, x);

    // The palette.
    r.keys("1:");
    type_text(&mut r, &words);
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(f));
    assert_eq!(r.state.reading.factors.selected, f + 1);
    assert_eq!(r.state.selected_item(), Some(DetailItem::Excerpt(x)));
    assert_eq!(r.state.reading.focus, Pane::Detail);
    assert!(r.state.layers.view.is_none(), "no source view: not asked");
    assert!(detail_says(&r, &format!("Factor {} of", f + 1)));

    // A link's location (what a link item holds) lands the same.
    r.keys("1");
    location::go(&mut r.state, Location::Excerpt(x), Record::Yes);
    r.draw();
    assert_eq!(r.state.reading.target, Target::Factor(f));
    assert_eq!(r.state.selected_item(), Some(DetailItem::Excerpt(x)));
    assert!(r.state.layers.view.is_none());

    // Search: the factor that shows the quote, not its source.
    r.keys("1/");
    type_text(&mut r, &words);
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(f));
    assert_eq!(r.state.reading.factors.selected, f + 1);
    assert!(r.state.layers.view.is_none());

    // A note on the excerpt, then the notes list from elsewhere.
    r.key(KeyCode::Esc);
    location::go(&mut r.state, Location::Excerpt(x), Record::No);
    r.draw();
    r.keys("a");
    type_text(&mut r, "check this one");
    r.ctrl('s');
    r.keys("1");
    assert_eq!(r.state.reading.target, Target::Factor(0));
    r.keys("m");
    r.key(KeyCode::Enter);
    assert!(r.state.layers.notes_list().is_none());
    assert_eq!(
        r.state.reading.target,
        Target::Factor(f),
        "the excerpt's first factor"
    );
    assert_eq!(r.state.reading.factors.selected, f + 1);
    let Some(DetailItem::Note(n)) = r.state.selected_item() else {
        panic!("the note is selected, got {:?}", r.state.selected_item());
    };
    assert_eq!(r.state.notes.notes[n].body, "check this one");
    assert!(r.state.layers.view.is_none());

    // Only Enter on the excerpt asks for its source.
    location::go(&mut r.state, Location::Excerpt(x), Record::No);
    r.draw();
    r.key(KeyCode::Enter);
    let view = r.state.layers.view.as_ref().expect("the source view");
    assert_eq!(view.current, Some(x));
}

#[test]
fn ctrl_o_and_alt_left_go_back_and_alt_right_forward() {
    let mut r = Reader::bundled(160, 48);
    r.keys("2");
    r.key(KeyCode::Tab);
    r.keys("j");
    let before = r.state.selected_item();
    assert!(before.is_some());
    r.keys(":");
    type_text(&mut r, "doha agreement cease");
    r.key(KeyCode::Enter);
    let Target::Event(event) = r.state.reading.target else {
        panic!("an event opened");
    };

    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Factor(1));
    assert_eq!(r.state.selected_item(), before, "the selection came back");
    assert!(detail_says(&r, "Factor 2 of"));

    alt(&mut r, KeyCode::Right);
    assert_eq!(r.state.reading.target, Target::Event(event));

    alt(&mut r, KeyCode::Left);
    assert_eq!(r.state.reading.target, Target::Factor(1));
    r.ctrl('o');
    assert_eq!(
        r.state.reading.target,
        Target::Factor(1),
        "nothing before that"
    );
    assert!(r.screen().contains("no earlier place"));
}

#[test]
fn a_new_jump_drops_the_forward_history() {
    let mut r = Reader::bundled(160, 48);
    r.keys(":");
    type_text(&mut r, "india factor");
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(1));
    r.keys(":");
    type_text(&mut r, "doha agreement cease");
    r.key(KeyCode::Enter);
    assert!(matches!(r.state.reading.target, Target::Event(_)));
    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Factor(1));
    // A new jump from here: the event is no longer ahead.
    location::go(&mut r.state, Location::Factor(3), Record::Yes);
    r.draw();
    alt(&mut r, KeyCode::Right);
    assert_eq!(r.state.reading.target, Target::Factor(3));
    assert!(r.screen().contains("no later place"));
    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Factor(1));
    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Overview);
}

#[test]
fn plain_movement_is_not_a_jump() {
    let mut r = Reader::bundled(160, 48);
    r.keys("jjj");
    r.key(KeyCode::Tab);
    r.keys("jj");
    assert!(
        r.state.reading.jumps.is_empty(),
        "j/k and factor keys record nothing"
    );
    r.ctrl('o');
    assert!(r.screen().contains("no earlier place"));
}

#[test]
fn enter_on_a_related_factor_opens_it_and_ctrl_o_comes_back() {
    let mut r = Reader::bundled(160, 48);
    let related = r.state.brief.factors[0].related.clone();
    assert!(!related.is_empty(), "factor 1 has related factors");
    r.keys("1");
    r.key(KeyCode::Tab);
    for _ in 0..50 {
        if matches!(r.state.selected_item(), Some(DetailItem::Link(_))) {
            break;
        }
        r.keys("j");
    }
    assert!(matches!(r.state.selected_item(), Some(DetailItem::Link(_))));
    // It looks like a link: an arrow before the factor's number and title.
    let link = format!("→ {}. ", related[0] + 1);
    let screen = r.screen();
    assert!(screen.contains("Related"), "{screen}");
    assert!(screen.contains(&link), "{screen}");
    let (x, y) = r.find(&link).expect("the link on screen");
    let words = r.buffer()[(x + 2, y)].modifier;
    assert!(
        words.contains(ratatui::style::Modifier::UNDERLINED),
        "a link's words are underlined, not only coloured"
    );
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(related[0]));
    assert_eq!(r.state.reading.factors.selected, related[0] + 1);
    assert!(detail_says(&r, &format!("Factor {} of", related[0] + 1)));
    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Factor(0));
    assert!(
        matches!(r.state.selected_item(), Some(DetailItem::Link(_))),
        "back on the link"
    );
}

#[test]
fn an_events_factors_and_an_excerpts_events_are_links() {
    let mut r = Reader::bundled(160, 48);
    let (e, event) = r
        .state
        .brief
        .events
        .iter()
        .enumerate()
        .find(|(_, ev)| !ev.factors.is_empty())
        .map(|(i, ev)| (i, ev.clone()))
        .unwrap();
    location::go(&mut r.state, Location::Event(e), Record::Yes);
    r.draw();
    let f = event.factors[0];
    assert_eq!(
        r.state.laid_out.detail.links.first(),
        Some(&Location::Factor(f)),
        "the event's first factor is its first link"
    );
    let at = r
        .state
        .laid_out
        .detail
        .items
        .iter()
        .position(|&i| i == DetailItem::Link(0))
        .unwrap();
    r.state.reading.detail.selected = Some(at);
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(f));

    // In a factor, an excerpt citing events links to each.
    let (x, ev) = r
        .state
        .brief
        .excerpts
        .iter()
        .enumerate()
        .find_map(|(x, ex)| {
            (!ex.factors.is_empty())
                .then(|| ex.events.first().map(|&ev| (x, ev)))
                .flatten()
        })
        .expect("an excerpt of a factor citing an event");
    location::go(&mut r.state, Location::Excerpt(x), Record::No);
    r.draw();
    assert!(r.state.laid_out.detail.links.contains(&Location::Event(ev)));
    r.keys("j");
    assert!(
        matches!(r.state.selected_item(), Some(DetailItem::Link(l)) if r.state.laid_out.detail.links[l] == Location::Event(ev)),
        "the link follows its excerpt: {:?}",
        r.state.selected_item()
    );
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Event(ev));
}

#[test]
fn esc_from_an_event_walks_back_the_jump_and_alt_right_returns() {
    let mut r = Reader::bundled(160, 48);
    r.keys("2");
    r.keys(":");
    type_text(&mut r, "doha agreement cease");
    r.key(KeyCode::Enter);
    let Target::Event(event) = r.state.reading.target else {
        panic!("an event opened");
    };
    r.key(KeyCode::Esc);
    assert_eq!(r.state.reading.target, Target::Factor(1));
    alt(&mut r, KeyCode::Right);
    assert_eq!(r.state.reading.target, Target::Event(event));

    // An event the chronology's cursor brought: Esc returns to the factor
    // and the chronology, as before.
    r.keys("3");
    while r.state.reading.focus != Pane::Chronology {
        r.key(KeyCode::Tab);
    }
    r.keys("j");
    assert!(matches!(r.state.reading.target, Target::Event(_)));
    r.key(KeyCode::Esc);
    assert_eq!(r.state.reading.target, Target::Factor(2));
    assert_eq!(r.state.reading.focus, Pane::Chronology);
}

#[test]
fn the_jump_list_survives_reopening_the_brief() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 160, 48);
    r.keys("3");
    r.keys(":");
    type_text(&mut r, "doha agreement cease");
    r.key(KeyCode::Enter);
    assert!(matches!(r.state.reading.target, Target::Event(_)));
    place::save(data.path(), &r.state).unwrap();

    let mut again = Reader::with_data(data.path(), 160, 48);
    assert!(matches!(again.state.reading.target, Target::Event(_)));
    again.ctrl('o');
    assert_eq!(again.state.reading.target, Target::Factor(2));
    alt(&mut again, KeyCode::Right);
    assert_eq!(again.state.reading.target, r.state.reading.target);
}

#[test]
fn a_saved_jump_list_drops_places_no_longer_in_the_brief_and_old_files_read() {
    let data = tempfile::tempdir().unwrap();
    let r = Reader::with_data(data.path(), 120, 40);
    let id = r.state.brief.id.clone();
    let state_dir = data.path().join("state");
    std::fs::create_dir_all(&state_dir).unwrap();
    let factor = r.state.brief.factors[1].id.clone();
    // A place file from before the jump list was kept reads as before.
    std::fs::write(
        state_dir.join(format!("{id}.toml")),
        format!("version = 1\nfactor = \"{factor}\"\n"),
    )
    .unwrap();
    let old = Reader::with_data(data.path(), 120, 40);
    assert_eq!(old.state.reading.target, Target::Factor(1));
    assert!(old.state.reading.jumps.is_empty());
    assert!(old.state.notice.is_none());

    std::fs::write(
        state_dir.join(format!("{id}.toml")),
        format!(
            "version = 1\nfactor = \"{factor}\"\n\
             [[jumps.back]]\nkind = \"overview\"\n\
             [[jumps.back]]\nkind = \"factor\"\nid = \"gone-factor\"\n\
             [[jumps.back]]\nkind = \"something-new\"\n\
             [[jumps.back]]\nkind = \"factor\"\nid = \"{factor}\"\n"
        ),
    )
    .unwrap();
    let mut new = Reader::with_data(data.path(), 120, 40);
    let kept: Vec<&Location> = new
        .state
        .reading
        .jumps
        .parts()
        .0
        .iter()
        .map(|s| &s.at)
        .collect();
    assert_eq!(kept, [&Location::Overview, &Location::Factor(1)]);
    new.keys("4");
    new.ctrl('o');
    assert_eq!(new.state.reading.target, Target::Factor(1));
    new.ctrl('o');
    assert_eq!(new.state.reading.target, Target::Overview);
}

#[test]
fn an_accepted_search_and_n_into_another_item_are_jumps_and_the_palette_has_both_commands() {
    let mut r = Reader::bundled(160, 48);
    r.keys("1");
    // A word found first in another factor: the search lands there.
    r.keys("/");
    type_text(&mut r, "Chabahar");
    r.key(KeyCode::Enter);
    let landed = r.state.reading.target;
    assert_ne!(landed, Target::Factor(0), "the search moved");
    r.ctrl('o');
    assert_eq!(
        r.state.reading.target,
        Target::Factor(0),
        "back to where it started"
    );
    r.ctrl('o');
    assert!(
        r.screen().contains("no earlier place"),
        "typing previewed, recorded nothing"
    );

    // n from here into another item is a jump too.
    r.keys("n");
    let after_n = r.state.reading.target;
    assert_ne!(after_n, Target::Factor(0));
    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Factor(0));

    // The palette's "jump forward" and "jump back".
    r.keys(":");
    type_text(&mut r, "jump forward");
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, after_n);
    r.keys(":");
    type_text(&mut r, "jump back");
    r.key(KeyCode::Enter);
    assert_eq!(r.state.reading.target, Target::Factor(0));
}

#[test]
fn ctrl_o_works_in_the_source_view_and_returns_to_the_same_passage() {
    let mut r = Reader::bundled(160, 48);
    r.select_first_excerpt(1);
    r.key(KeyCode::Enter);
    let view = r.state.layers.view.as_ref().expect("the source view");
    let (source, current) = (view.source, view.current);
    r.keys("]");
    let scroll = r.state.layers.view.as_ref().unwrap().scroll;
    // Away by the palette, then back with Ctrl-o.
    r.keys(":");
    type_text(&mut r, "india factor");
    r.key(KeyCode::Enter);
    assert!(r.state.layers.view.is_none());
    r.ctrl('o');
    let view = r.state.layers.view.as_ref().expect("the source view again");
    assert_eq!(view.source, source);
    assert_ne!(view.current, current, "the excerpt ] went to");
    assert_eq!(view.scroll, scroll, "the same rows on screen");
    // And back once more: the factor the excerpt was opened from.
    r.ctrl('o');
    assert!(r.state.layers.view.is_none());
    assert_eq!(r.state.reading.target, Target::Factor(0));
    assert!(matches!(
        r.state.selected_item(),
        Some(DetailItem::Excerpt(_))
    ));
}

#[test]
fn every_excerpt_factor_and_event_is_where_going_there_says() {
    let mut r = Reader::bundled(120, 40);
    let brief = r.state.brief.clone();
    let mut all: Vec<Location> = vec![Location::Overview];
    all.extend((0..brief.factors.len()).map(Location::Factor));
    all.extend((0..brief.events.len()).map(Location::Event));
    all.extend((0..brief.excerpts.len()).map(Location::Excerpt));
    for (f, factor) in brief.factors.iter().enumerate() {
        all.extend(
            (0..factor.key_points.len()).map(|point| Location::KeyPoint { factor: f, point }),
        );
    }
    for to in all {
        assert!(location::go(&mut r.state, to.clone(), Record::No), "{to:?}");
        r.draw();
        assert_eq!(location::here(&r.state), to, "here() after going to {to:?}");
        assert!(r.state.layers.view.is_none(), "{to:?} opened a source view");
        let (Some(selected), Some(rows)) = (
            r.state.reading.detail.selected,
            r.state
                .reading
                .detail
                .selected
                .and_then(|s| r.state.laid_out.detail.doc.items.get(s)),
        ) else {
            continue;
        };
        let height =
            briefing::app::layout::text_area(r.state.laid_out.screen.detail).height as usize;
        let scroll = r.state.reading.detail.scroll;
        assert!(
            rows.start >= scroll && rows.start < scroll + height,
            "{to:?}: item {selected} (rows {rows:?}) is in view"
        );
    }
}

#[test]
fn going_back_shows_the_same_screen_as_going_there_and_notes_added_meanwhile_show() {
    let data = tempfile::tempdir().unwrap();
    let mut r = Reader::with_data(data.path(), 120, 40);
    r.keys("1");
    r.key(KeyCode::Tab);
    // The factors and detail panes (the chronology's cursor stays on the
    // event visited).
    let panes = |r: &Reader| -> Vec<String> {
        r.screen()
            .lines()
            .map(|l| l.chars().take(78).collect())
            .collect()
    };
    let fresh = panes(&r);
    r.keys(":");
    type_text(&mut r, "doha agreement cease");
    r.key(KeyCode::Enter);
    r.ctrl('o');
    assert_eq!(panes(&r), fresh, "the kept layout is the one shown before");

    // A note added elsewhere before going back is there on return.
    alt(&mut r, KeyCode::Right);
    r.keys("1");
    r.keys("a");
    type_text(&mut r, "noted while away");
    r.ctrl('s');
    location::go(&mut r.state, Location::Event(0), Record::Yes);
    r.draw();
    r.ctrl('o');
    assert_eq!(r.state.reading.target, Target::Factor(0));
    assert!(r.screen().contains("noted while away"), "{}", r.screen());
}
