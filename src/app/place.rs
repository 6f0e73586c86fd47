//! Remembering where the person was in each brief: the selected factor,
//! focused pane, what the detail pane shows, selections and scroll
//! positions, the chronology filter, an open source, and the last search.
//!
//! One small TOML file per brief id under `<data dir>/state/`, written
//! atomically when the reader closes the brief. Items are stored by id, so a
//! brief that changed since falls back gracefully: whatever is gone is
//! simply not restored. A damaged file is ignored with a one-line notice.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::jumps::JumpList;
use super::location::{Location, Record, Spot, go};
use super::state::{Pane, State, Target};
use crate::brief::is_valid_id;
use crate::safe_file::{Links, Root};

const VERSION: u32 = 1;

/// The search history keeps this many of the latest entries.
pub const MAX_HISTORY: usize = 100;

/// The last [`MAX_HISTORY`] entries of `history`.
fn latest(history: &[String]) -> Vec<String> {
    history[history.len().saturating_sub(MAX_HISTORY)..].to_vec()
}

/// The saved place, as written to disk.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    pub version: u32,
    /// The selected factor's id; absent for the overview.
    pub factor: Option<String>,
    /// `factors`, `detail` or `chronology`.
    pub focus: Option<String>,
    /// The event shown in the detail pane, if an event was open.
    pub event: Option<String>,
    pub detail_scroll: usize,
    pub detail_selected: Option<usize>,
    pub chronology_all: bool,
    /// The event selected in the chronology.
    pub chronology_event: Option<String>,
    pub zoom: bool,
    pub source: Option<SourcePlace>,
    pub search: Option<String>,
    pub search_sources: bool,
    pub history: Vec<String>,
    /// The jump list (absent in files written before it was kept).
    pub jumps: Jumps,
}

/// The jump list as saved: places behind and ahead, by id.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Jumps {
    pub back: Vec<SavedLocation>,
    pub forward: Vec<SavedLocation>,
}

/// A [`Location`] by ids. `kind` is `overview`, `factor`, `key_point`,
/// `excerpt`, `event`, `source` or `note`; an entry of an unknown kind, or
/// whose item is gone from the brief, is dropped when read.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedLocation {
    pub kind: String,
    /// The factor's, excerpt's, event's, source's or note's id.
    pub id: Option<String>,
    /// A key point's number in its factor (from 0).
    pub point: Option<usize>,
    /// A source view's current excerpt.
    pub excerpt: Option<String>,
    /// A byte of a source's text.
    pub offset: Option<usize>,
    /// The detail pane's scroll and selected item there.
    pub scroll: usize,
    pub selected: Option<usize>,
}

/// A jump list entry by ids.
fn save_spot(brief: &crate::brief::Brief, spot: &Spot) -> SavedLocation {
    SavedLocation {
        scroll: spot.scroll,
        selected: spot.selected,
        ..save_location(brief, &spot.at)
    }
}

/// The jump list entry `saved` names, if its place is still in the brief.
fn read_spot(state: &State, saved: &SavedLocation) -> Option<Spot> {
    Some(Spot {
        at: read_location(state, saved)?,
        scroll: saved.scroll,
        selected: saved.selected,
    })
}

/// `location` by ids.
fn save_location(brief: &crate::brief::Brief, location: &Location) -> SavedLocation {
    let saved = |kind: &str, id: &str| SavedLocation {
        kind: kind.into(),
        id: Some(id.into()),
        ..SavedLocation::default()
    };
    match location {
        Location::Overview => SavedLocation {
            kind: "overview".into(),
            ..SavedLocation::default()
        },
        Location::Factor(f) => saved("factor", &brief.factors[*f].id),
        Location::KeyPoint { factor, point } => SavedLocation {
            point: Some(*point),
            ..saved("key_point", &brief.factors[*factor].id)
        },
        Location::Excerpt(x) => saved("excerpt", &brief.excerpts[*x].id),
        Location::Event(e) => saved("event", &brief.events[*e].id),
        Location::Source {
            source,
            excerpt,
            offset,
        } => SavedLocation {
            excerpt: excerpt.map(|x| brief.excerpts[x].id.clone()),
            offset: *offset,
            ..saved("source", &brief.sources[*source].id)
        },
        Location::Note(id) => saved("note", id),
    }
}

/// The location `saved` names in `state`'s brief, if it is still there.
fn read_location(state: &State, saved: &SavedLocation) -> Option<Location> {
    let brief = &state.brief;
    let id = saved.id.as_deref();
    let factor = || brief.factors.iter().position(|f| Some(f.id.as_str()) == id);
    Some(match saved.kind.as_str() {
        "overview" => Location::Overview,
        "factor" => Location::Factor(factor()?),
        "key_point" => {
            let factor = factor()?;
            let point = saved.point?;
            (point < brief.factors[factor].key_points.len())
                .then_some(Location::KeyPoint { factor, point })?
        }
        "excerpt" => Location::Excerpt(
            brief
                .excerpts
                .iter()
                .position(|x| Some(x.id.as_str()) == id)?,
        ),
        "event" => Location::Event(
            brief
                .events
                .iter()
                .position(|e| Some(e.id.as_str()) == id)?,
        ),
        "source" => {
            let source = brief
                .sources
                .iter()
                .position(|s| Some(s.id.as_str()) == id)?;
            brief.sources[source].text.as_ref()?;
            let excerpt = saved
                .excerpt
                .as_deref()
                .and_then(|x| brief.excerpts.iter().position(|e| e.id == x));
            Location::Source {
                source,
                excerpt,
                offset: saved.offset,
            }
        }
        "note" => {
            let id = id?;
            state
                .notes
                .notes
                .iter()
                .any(|n| n.id == id)
                .then(|| Location::Note(id.into()))?
        }
        _ => return None,
    })
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourcePlace {
    pub id: String,
    pub excerpt: Option<String>,
    /// The row on top (used when `top_byte` is missing: older files).
    pub scroll: usize,
    /// The byte of the source's text on top: the same words go back on
    /// top at another terminal size, as after a resize.
    pub top_byte: Option<usize>,
}

/// The state file for brief `brief_id` under `data_dir`.
pub fn path(data_dir: &Path, brief_id: &str) -> Option<PathBuf> {
    // The id rule keeps it a plain file name; refuse anything else.
    is_valid_id(brief_id).then(|| data_dir.join("state").join(format!("{brief_id}.toml")))
}

/// What `state` would save.
pub fn capture(state: &State) -> Place {
    let brief = &state.brief;
    Place {
        version: VERSION,
        factor: state.selected_factor().map(|f| brief.factors[f].id.clone()),
        focus: Some(
            match state.reading.focus {
                Pane::Factors => "factors",
                Pane::Detail => "detail",
                Pane::Chronology => "chronology",
            }
            .to_string(),
        ),
        event: match state.reading.target {
            Target::Event(e) => Some(brief.events[e].id.clone()),
            _ => None,
        },
        detail_scroll: state.reading.detail.scroll,
        detail_selected: state.reading.detail.selected,
        chronology_all: state.reading.chronology.all,
        chronology_event: state.selected_event().map(|e| brief.events[e].id.clone()),
        zoom: state.reading.zoom,
        source: state.layers.view.as_ref().map(|view| SourcePlace {
            id: brief.sources[view.source].id.clone(),
            excerpt: view.current.map(|x| brief.excerpts[x].id.clone()),
            scroll: view.scroll,
            top_byte: view.top_byte,
        }),
        search: state.search.query.as_ref().map(|q| q.text.clone()),
        search_sources: state.search.with_sources,
        history: latest(&state.search.history),
        jumps: {
            let (back, forward) = state.reading.jumps.parts();
            let save = |list: &[Spot]| list.iter().map(|l| save_spot(brief, l)).collect::<Vec<_>>();
            Jumps {
                back: save(back),
                forward: save(forward),
            }
        },
    }
}

/// Puts `state` where `place` says, skipping whatever no longer exists.
pub fn apply(state: &mut State, place: &Place) {
    let brief = &state.brief;
    let factor = place
        .factor
        .as_deref()
        .and_then(|id| brief.factors.iter().position(|f| f.id == id));
    let event = place
        .event
        .as_deref()
        .and_then(|id| brief.events.iter().position(|e| e.id == id));
    let chronology_event = place
        .chronology_event
        .as_deref()
        .and_then(|id| brief.events.iter().position(|e| e.id == id));
    let source = place.source.as_ref().and_then(|s| {
        let index = brief.sources.iter().position(|x| x.id == s.id)?;
        brief.sources[index].text.as_ref()?;
        let excerpt = s
            .excerpt
            .as_deref()
            .and_then(|id| brief.excerpts.iter().position(|x| x.id == id));
        Some((index, excerpt, s.scroll, s.top_byte))
    });

    // Where the person was, through the one way of going anywhere (the
    // factor first, so an event opened over it returns to it), then the
    // positions inside it.
    // Going there says nothing new: what the opening said stays.
    let notice = state.notice.take();
    let factor_location = factor.map_or(Location::Overview, Location::Factor);
    go(state, factor_location, Record::No);
    if let Some(e) = event {
        go(state, Location::Event(e), Record::No);
    }
    // Scroll and selection are clamped by the next layout if the text got
    // shorter.
    state.reading.detail.scroll = place.detail_scroll;
    state.reading.detail.selected = place.detail_selected;
    // At another terminal size the rows moved: the selected item is put
    // back in view if the saved scroll no longer shows it.
    state.reading.detail.reveal = true;
    state.reading.chronology.all = place.chronology_all;
    state.refresh_chronology();
    if let Some(at) =
        chronology_event.and_then(|e| state.reading.chronology.events.iter().position(|&x| x == e))
    {
        state.reading.chronology.selected = at;
    }
    state.reading.zoom = place.zoom;
    if let Some((index, excerpt, scroll, top_byte)) = source {
        let to = Location::Source {
            source: index,
            excerpt,
            offset: None,
        };
        if go(state, to, Record::No)
            && let Some(view) = state.layers.view.as_mut()
        {
            view.scroll = scroll;
            view.reveal = false;
            // Laid out afresh, the view puts this byte back on top.
            view.top_byte = top_byte;
        }
    }
    state.notice = notice;
    state.reading.focus = match place.focus.as_deref() {
        Some("detail") => Pane::Detail,
        Some("chronology") => Pane::Chronology,
        _ => Pane::Factors,
    };
    let read = |list: &[SavedLocation]| {
        list.iter()
            .filter_map(|l| read_spot(state, l))
            .collect::<Vec<_>>()
    };
    let (back, forward) = (read(&place.jumps.back), read(&place.jumps.forward));
    state.reading.jumps = JumpList::from_parts(back, forward);
    state.search.history = latest(&place.history);
    state.search.with_sources = place.search_sources;
    if let Some(text) = &place.search {
        state.search.query = crate::text::search::Query::new(text);
        super::search::compute(state);
    }
}

/// Reads the place saved for `brief_id`. `Ok(None)`: nothing saved yet;
/// `Err`: a one-line notice (the file is damaged or unreadable). Read
/// through [`crate::safe_file`]: a linked state folder or file, a FIFO or
/// an oversized file is refused at once.
pub fn load(data_dir: &Path, brief_id: &str) -> Result<Option<Place>, String> {
    if !is_valid_id(brief_id) {
        return Ok(None);
    }
    let read = Root::open(data_dir, Links::Refused).and_then(|data| {
        data.read_to_string(state_name(brief_id), crate::safe_file::limits::STATE)
    });
    let text = match read {
        Ok(text) => text,
        Err(e) if e.is_missing() => return Ok(None),
        Err(e) => {
            return Err(format!(
                "could not read the saved place ({e}); starting at the top"
            ));
        }
    };
    match toml::from_str::<Place>(&text) {
        Ok(place) if place.version == VERSION => Ok(Some(place)),
        Ok(_) => Err("the saved place is from another version; starting at the top".into()),
        Err(_) => Err("the saved place was damaged and is ignored; starting at the top".into()),
    }
}

/// Saves `state`'s place for its brief, atomically (beneath the data
/// folder: a linked `state` folder or file is replaced or refused, never
/// written through).
pub fn save(data_dir: &Path, state: &State) -> std::io::Result<()> {
    if !is_valid_id(&state.brief.id) {
        return Ok(());
    }
    let text = toml::to_string(&capture(state)).map_err(std::io::Error::other)?;
    let data = Root::create(data_dir, Links::Refused)?;
    data.create_dir_all("state")?;
    data.write_atomic(state_name(&state.brief.id), text.as_bytes())?;
    Ok(())
}

/// The state file's name beneath the data folder.
fn state_name(brief_id: &str) -> PathBuf {
    Path::new("state").join(format!("{brief_id}.toml"))
}

/// Restores the saved place for `state`'s brief, if any; a damaged file
/// leaves a notice and the default place.
pub fn restore(data_dir: &Path, state: &mut State) {
    match load(data_dir, &state.brief.id) {
        Ok(Some(place)) => apply(state, &place),
        Ok(None) => {}
        Err(notice) => state.notice = Some(notice),
    }
}
