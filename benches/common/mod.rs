//! What the benches share.

use briefing::app::{self, State};
use briefing::brief::Brief;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// How many `j` presses take factor 1's detail pane at `area` to its
/// first excerpt. Counted by trying: key points, citation marks and links
/// are all items before it.
pub fn presses_to_first_excerpt(brief: &Brief, area: Rect) -> usize {
    let key = |c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let mut state = State::open(brief.clone(), 0, Default::default());
    for event in [key(KeyCode::Char('1')), key(KeyCode::Tab)] {
        app::handle_event(&mut state, area, &event);
        app::layout::prepare(&mut state, area);
    }
    for presses in 0..10_000 {
        if matches!(
            state.selected_item(),
            Some(app::state::DetailItem::Excerpt(_))
        ) {
            return presses;
        }
        app::handle_event(&mut state, area, &key(KeyCode::Char('j')));
        app::layout::prepare(&mut state, area);
    }
    panic!("factor 1 lists no excerpt");
}
