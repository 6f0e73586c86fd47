//! End-to-end tests of caret mode through a real pseudo-terminal: copying
//! the selected words with OSC 52, noting words picked with caret motions,
//! adjusting a note's words; each checked on the emulated screen, after
//! reopening too (harness in `pty_harness`).
#![cfg(unix)]

mod pty_harness;

use std::thread;
use std::time::Duration;

use pty_harness::*;
use tempfile::TempDir;

#[test]
fn y_in_caret_mode_writes_the_words_and_their_citation_with_osc_52() {
    use base64::Engine as _;
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads");
    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    press_j_in_factor_1(&mut s, items_before_key_point(&brief, 0, 0));
    s.send(b"v");
    s.wait_for("CARET");
    s.send(b"vwwe");
    s.send(b"y");
    s.wait_for("copied to the terminal clipboard (OSC 52)");
    let raw = s.raw();
    let start = rfind(&raw, b"\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start
        + raw[start..]
            .iter()
            .position(|&b| b == 0x07)
            .expect("the sequence ends with BEL");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .expect("the payload is base64");
    let text = String::from_utf8(decoded).expect("UTF-8");
    let (quoted, cite) = text.split_once("\n— ").expect("words, then the citation");
    let words = quoted
        .strip_prefix('“')
        .and_then(|q| q.strip_suffix('”'))
        .expect("the words in quotation marks");
    let point = &brief.factors[0].key_points[0];
    assert!(
        point.starts_with(words) && words.split_whitespace().count() == 3,
        "three words from the start of the key point: {words:?}"
    );
    assert_eq!(
        cite,
        briefing::brief::citation::citation(&brief, briefing::brief::TextRef::KeyPoint(0, 0))
    );
    // Esc steps back: the selection, then caret mode.
    s.esc();
    s.wait_for(" CARET ");
    s.esc();
    s.wait_gone("CARET");
    s.send(b"q");
    assert!(s.wait_exit().success());
}

/// The underlined cells of the screen from column `from` on, row by row
/// (each row's run trimmed), joined with a space: noted words, which keep
/// the text's own colour (links are underlined too, but coloured).
fn underlined_text(screen: &vt100::Screen, from: u16) -> String {
    let (rows, cols) = screen.size();
    let mut out = Vec::new();
    for row in 0..rows.get() {
        let run: String = (from..cols.get())
            .filter_map(|col| screen.cell(row, col))
            .filter(|cell| cell.underline() && cell.fgcolor() == vt100::Color::Default)
            .map(|cell| cell.contents().to_string())
            .collect();
        if !run.trim().is_empty() {
            out.push(run.trim().to_string());
        }
    }
    out.join(" ")
}

/// The column where the detail pane's box starts (its title says
/// "Factor 1 of").
fn detail_column(screen: &vt100::Screen) -> u16 {
    let row = row_of(screen, 1);
    row.find("┌ Factor 1 of")
        .map_or(0, |i| row[..i].chars().count() as u16)
}

/// Opens factor 1, presses Tab until the status bar names the detail
/// pane, then `j` once more than `items`: with all the key points and the
/// related-factor links, onto the first excerpt; with 0, onto the first
/// key point.
/// How many citation marks `text` shows (each is an item after it).
fn marks(brief: &briefing::brief::Brief, text: briefing::brief::TextRef) -> usize {
    brief
        .citations_of(text)
        .map_or(0, |c| c.citations.iter().map(|c| c.excerpts.len()).sum())
}

/// The items of factor `f` before its key point `point`: the summary's
/// marks, then each key point and its marks.
fn items_before_key_point(brief: &briefing::brief::Brief, f: usize, point: usize) -> usize {
    use briefing::brief::TextRef;
    marks(brief, TextRef::FactorSummary(f))
        + (0..point)
            .map(|i| 1 + marks(brief, TextRef::KeyPoint(f, i)))
            .sum::<usize>()
}

fn press_j_in_factor_1(s: &mut Session, items: usize) {
    // From the overview, so a restored reading place does not count.
    s.send(b"0");
    s.wait_for("Bottom line");
    s.send(b"1");
    s.wait_for("Factor 1 of 9");
    for _ in 0..4 {
        if s.row(29).starts_with(" DETAIL") {
            break;
        }
        s.send(b"\t");
        thread::sleep(Duration::from_millis(100));
    }
    s.wait_for_in_row(29, " DETAIL");
    for _ in 0..=items {
        s.send(b"j");
    }
}

#[test]
fn caret_motions_note_words_mid_annotation_and_they_are_underlined_after_reopening() {
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads");
    // The key points, then the related factors' links, then the excerpts.
    let points = items_before_key_point(&brief, 0, brief.factors[0].key_points.len())
        + brief.factors[0].related.len();
    let excerpt = brief.excerpts_of_factor(0).next().expect("an excerpt");
    let annotation = brief.excerpts[excerpt]
        .annotation
        .clone()
        .expect("annotated");
    // Words 3 and 4 of the annotation (`ww`, anchor, `ee`).
    let starts: Vec<usize> = annotation
        .char_indices()
        .filter(|&(i, c)| c != ' ' && (i == 0 || annotation[..i].ends_with(' ')))
        .map(|(i, _)| i)
        .collect();
    let end = annotation[starts[3]..]
        .find([' ', ',', '.', ';'])
        .map_or(annotation.len(), |e| starts[3] + e);
    let expected = annotation[starts[2]..end].to_string();

    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    press_j_in_factor_1(&mut s, points);
    s.send(b"v");
    s.wait_for("CARET");
    // From the quote to the annotation, two words on, the anchor, two ends.
    s.send(b"}ww");
    s.send(b"v");
    s.wait_for("SELECT");
    s.send(b"ee");
    s.send(b"a");
    s.wait_for("New note");
    s.send(b"mid-annotation");
    s.send(&[0x13]); // Ctrl-s
    s.wait_for("note saved");
    s.send(b"q");
    assert!(s.wait_exit().success());

    let mut again = Session::start_with_data(&[], data.path());
    again.wait_for("Overview");
    press_j_in_factor_1(&mut again, points);
    again.wait_until(&format!("exactly {expected:?} underlined"), |screen| {
        underlined_text(screen, detail_column(screen)) == expected
    });
    again.send(b"q");
    assert!(again.wait_exit().success());
}

#[test]
fn a_notes_words_are_adjusted_with_the_caret_and_stay_adjusted_after_reopening() {
    let brief = briefing::brief::load_bundled()
        .brief
        .expect("the bundled brief loads");
    let point = brief.factors[0].key_points[0].clone();
    let words: Vec<&str> = point.split(' ').collect();
    let (first, adjusted) = (words[1].to_string(), words[1..3].join(" "));

    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    // The first key point: its second word, noted.
    press_j_in_factor_1(&mut s, items_before_key_point(&brief, 0, 0));
    s.send(b"v");
    s.wait_for("CARET");
    s.send(b"wve");
    s.send(b"a");
    s.wait_for("New note");
    s.send(b"one word");
    s.send(&[0x13]); // Ctrl-s
    s.wait_for("note saved");
    s.wait_until(&format!("{first:?} underlined"), |screen| {
        underlined_text(screen, detail_column(screen)) == first
    });
    // The note is right under the key point: select it, reopen its words,
    // one word more, move it (past the key point's citation marks).
    let past_marks = 1 + marks(&brief, briefing::brief::TextRef::KeyPoint(0, 0));
    s.send("j".repeat(past_marks).as_bytes());
    s.send(b"v");
    s.wait_for(" SELECT ");
    s.send(b"e");
    s.send(b"a");
    s.wait_for("note moved");
    s.wait_until(&format!("{adjusted:?} underlined"), |screen| {
        underlined_text(screen, detail_column(screen)) == adjusted
    });
    s.send(b"q");
    assert!(s.wait_exit().success());

    let mut again = Session::start_with_data(&[], data.path());
    again.wait_for("Overview");
    press_j_in_factor_1(&mut again, items_before_key_point(&brief, 0, 0));
    again.wait_until(
        &format!("{adjusted:?} underlined after reopening"),
        |screen| underlined_text(screen, detail_column(screen)) == adjusted,
    );
    again.send(b"q");
    assert!(again.wait_exit().success());
}

#[test]
fn a_note_in_the_source_view_is_shown_under_its_paragraph_edited_deleted_and_restored_there() {
    let data = TempDir::new().expect("temp dir");
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Overview");
    s.open_the_source_at_strategiya(29);
    // The caret to the word, the word selected, noted.
    s.send(b"v/Strategiya\r");
    s.send(b"ve");
    s.send(b"a");
    s.wait_for("New note");
    s.send(b"source margin note");
    s.send(b"\x13");
    s.wait_for("note saved");
    s.wait_for("source margin note");
    let shown = s.contents();
    let paragraph = shown
        .lines()
        .position(|l| l.contains("Grand Strategiya UZ platform"))
        .expect("the noted paragraph on screen");
    let note = shown
        .lines()
        .position(|l| l.contains("✎ note on “Strategiya”"))
        .expect("the note's heading on screen");
    assert_eq!(
        note,
        paragraph + 1,
        "the note right under its paragraph:\n{shown}"
    );
    // `e` edits the note in view.
    s.send(b"e");
    s.wait_for(" NOTE ");
    s.send(b"\x05 and more");
    s.send(b"\x13");
    s.wait_for("source margin note and more");
    assert_eq!(
        saved_bodies(data.path()),
        vec!["source margin note and more"]
    );
    // `d` deletes it (after asking), `u` brings it back.
    s.send(b"d");
    s.send(b"y");
    s.wait_gone("source margin note and more");
    assert!(saved_bodies(data.path()).is_empty());
    s.send(b"u");
    s.wait_for("source margin note and more");
    assert_eq!(
        saved_bodies(data.path()),
        vec!["source margin note and more"]
    );
    s.send(b"Q");
    assert!(s.wait_exit().success());
    // Reopened where it was left (the source view): the note is under its
    // paragraph again.
    let mut s = Session::start_with_data(&[], data.path());
    s.wait_for("Source: Analysis of the October 2025");
    s.wait_for("source margin note and more");
    s.send(b"Q");
    assert!(s.wait_exit().success());
}
