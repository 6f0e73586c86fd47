//! Laying a [`Doc`]'s paragraphs out into rows for its width.
//!
//! A small document is wrapped whole at each new width. A large one (a
//! source's full text of megabytes) laid out lazily is wrapped roughly at
//! a new width — each line cut every so many bytes, without looking for
//! word breaks — and exactly only where asked: around the rows in view
//! ([`Doc::make_exact`]), then the rest a bounded piece at a time
//! ([`Doc::refine`]), so no resize costs more than a frame. Until then
//! the row count (the position label, the scrollbar) is an estimate.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::doc::{Doc, Plan, Row, Saved};
use crate::text::wrap::wrap_line_into;

/// How many other widths' layouts a document keeps.
const EARLIER_WIDTHS: usize = 3;

impl Doc {
    /// From now on a new width lays the paragraphs out roughly, and
    /// exactly only through [`Doc::make_exact`] and [`Doc::refine`].
    pub fn lay_out_lazily(&mut self) {
        self.lazy = true;
    }

    /// Whether some paragraphs are laid out only roughly (the rows are an
    /// estimate away from the ones made exact).
    pub fn is_rough(&self) -> bool {
        self.rough_left > 0
    }

    /// Lays the same paragraphs out again for `width` (a resize): the
    /// document is not built again, only its rows.
    pub fn rewrap(&mut self, width: u16) {
        if width == self.width {
            return;
        }
        let current = Saved {
            width: self.width,
            rows: std::mem::take(&mut self.rows),
            items: std::mem::take(&mut self.items),
            para_rows: std::mem::take(&mut self.para_rows),
            rough: std::mem::take(&mut self.rough),
            rough_left: self.rough_left,
            refine_from: self.refine_from,
        };
        let kept = self.earlier.iter().position(|saved| saved.width == width);
        let items = current.items.len();
        self.earlier.insert(0, current);
        self.width = width;
        match kept {
            Some(at) => {
                let saved = self.earlier.remove(at + 1);
                self.rows = saved.rows;
                self.items = saved.items;
                self.para_rows = saved.para_rows;
                self.rough = saved.rough;
                self.rough_left = saved.rough_left;
                self.refine_from = saved.refine_from;
            }
            None => {
                // Item spans are rebuilt in place: as many, all found again.
                self.items = vec![0..0; items];
                self.rough_left = 0;
                self.refine_from = 0;
                let plan = if self.lazy { Plan::Rough } else { Plan::Exact };
                self.lay_out(|_, _| plan);
            }
        }
        self.earlier.truncate(EARLIER_WIDTHS);
    }

    /// The paragraph showing row `row` (the last one past the end).
    pub fn para_at_row(&self, row: usize) -> usize {
        self.para_rows
            .partition_point(|&first| first as usize <= row)
            .saturating_sub(1)
            .min(self.paras.len().saturating_sub(1))
    }

    /// Wraps exactly the paragraphs showing rows `rows` that are laid out
    /// roughly. Returns whether any was (rows after them may have moved).
    pub fn make_exact(&mut self, rows: Range<usize>) -> bool {
        if !self.is_rough() || self.paras.is_empty() {
            return false;
        }
        let first = self.para_at_row(rows.start);
        let last = self.para_at_row(rows.end.saturating_sub(1).max(rows.start));
        let Some(first) = (first..=last).find(|&p| self.rough[p]) else {
            return false;
        };
        let last = (first..=last).rfind(|&p| self.rough[p]).unwrap_or(first);
        self.wrap_exactly(first..last + 1);
        true
    }

    /// Where row `row` starts: its paragraph, and the byte of that
    /// paragraph's text. It names the same words at any width.
    pub fn spot_at_row(&self, row: usize) -> Option<(usize, usize)> {
        let row = self.rows.get(row)?;
        Some((row.para as usize, row.range.start as usize))
    }

    /// The row showing spot `spot` (see [`Doc::spot_at_row`]).
    pub fn row_of_spot(&self, (para, byte): (usize, usize)) -> Option<usize> {
        let rows = self.rows_of_para(para);
        let shown = self.rows.get(rows.clone()).filter(|r| !r.is_empty())?;
        let after = shown.partition_point(|r| r.range.start as usize <= byte);
        Some(rows.start + after.saturating_sub(1))
    }

    /// Wraps exactly the paragraphs of the last `rows` rows (or more), so
    /// the end of the document is where it will stay once laid out.
    pub fn make_end_exact(&mut self, rows: usize) -> bool {
        let mut changed = false;
        for _ in 0..4 {
            let height = self.height();
            if !self.make_exact(height.saturating_sub(rows)..height) {
                break;
            }
            changed = true;
        }
        changed
    }

    /// Wraps exactly the next roughly laid-out paragraphs, about `budget`
    /// bytes of text of them (at least one). Returns whether any was.
    pub fn refine(&mut self, budget: usize) -> bool {
        if !self.is_rough() {
            return false;
        }
        // The first rough paragraph from where the last pass stopped
        // (rough ones before it were made exact out of order: go round).
        let Some(start) = (self.refine_from..self.paras.len())
            .chain(0..self.refine_from)
            .find(|&p| self.rough.get(p).copied().unwrap_or(false))
        else {
            return false;
        };
        let mut end = start;
        let mut taken = 0;
        while end < self.paras.len() && taken < budget {
            if self.rough[end] {
                taken += self.paras[end].text.len() + 1;
            }
            end += 1;
        }
        self.refine_from = end;
        self.wrap_exactly(start..end);
        true
    }

    /// Wraps paragraphs `paras` exactly, in place: the rows of the others
    /// stay, moved up or down.
    fn wrap_exactly(&mut self, paras: Range<usize>) {
        let (a, b) = (paras.start, paras.end.min(self.paras.len()));
        if a >= b || self.para_rows.len() != self.paras.len() + 1 {
            return;
        }
        let (from, to) = (self.para_rows[a] as usize, self.para_rows[b] as usize);
        let mut rows = Vec::new();
        let mut starts = Vec::with_capacity(b - a);
        let mut ranges = Vec::new();
        for index in a..b {
            starts.push((from + rows.len()) as u32);
            self.wrap_para(index, Plan::Exact, &mut rows, &mut ranges);
        }
        let (added, removed) = (rows.len(), to - from);
        self.rows.splice(from..to, rows);
        self.para_rows[a..b].copy_from_slice(&starts);
        for first in &mut self.para_rows[b..] {
            *first = (*first as usize + added - removed) as u32;
        }
        for rough in self.rough.get_mut(a..b).into_iter().flatten() {
            if *rough {
                *rough = false;
                self.rough_left -= 1;
            }
        }
        if self.rough_left == 0 {
            self.rough = Vec::new();
        }
        self.find_items();
    }

    /// Lays every paragraph out for `self.width` as `plan` says (given
    /// the paragraph and whether it is laid out roughly now), and finds
    /// each item's rows.
    pub(super) fn lay_out(&mut self, mut plan: impl FnMut(usize, bool) -> Plan) {
        let old_rows = std::mem::take(&mut self.rows);
        let old_starts = std::mem::take(&mut self.para_rows);
        let old_rough = std::mem::take(&mut self.rough);
        // About as many rows as at the last width.
        let hint = if old_rows.is_empty() {
            self.earlier
                .first()
                .map_or(self.paras.len(), |e| e.rows.len())
        } else {
            old_rows.len()
        };
        let mut rows = Vec::with_capacity(hint + hint / 8);
        let mut para_rows = Vec::with_capacity(self.paras.len() + 1);
        let mut rough: Vec<bool> = Vec::new();
        let mut rough_left = 0;
        let mut ranges = Vec::new();
        for index in 0..self.paras.len() {
            para_rows.push(rows.len() as u32);
            let was_rough = old_rough.get(index).copied().unwrap_or(false);
            let mut how = plan(index, was_rough);
            let kept = match (old_starts.get(index), old_starts.get(index + 1)) {
                (Some(&from), Some(&to)) => old_rows.get(from as usize..to as usize),
                _ => None,
            };
            match (how, kept) {
                (Plan::Keep, Some(kept)) => rows.extend_from_slice(kept),
                (Plan::Keep, None) => {
                    how = Plan::Exact;
                    self.wrap_para(index, how, &mut rows, &mut ranges);
                }
                _ => self.wrap_para(index, how, &mut rows, &mut ranges),
            }
            if how == Plan::Rough || (how == Plan::Keep && was_rough) {
                if rough.is_empty() {
                    rough = vec![false; self.paras.len()];
                }
                rough[index] = true;
                rough_left += 1;
            }
        }
        para_rows.push(rows.len() as u32);
        self.rows = rows;
        self.para_rows = para_rows;
        self.rough = rough;
        self.rough_left = rough_left;
        self.find_items();
    }

    /// Adds the rows of paragraph `index` to `rows`, wrapped exactly or
    /// roughly (`ranges` is a buffer).
    fn wrap_para(
        &self,
        index: usize,
        how: Plan,
        rows: &mut Vec<Row>,
        ranges: &mut Vec<Range<usize>>,
    ) {
        let para = &self.paras[index];
        let first_row = rows.len();
        let prefix_width = para.prefix.as_ref().map_or(0, |(p, _)| p.width());
        let room = (self.width as usize)
            .saturating_sub(para.indent as usize + prefix_width)
            .max(1);
        let mut offset = 0;
        for line in para.text.split('\n') {
            ranges.clear();
            if how == Plan::Rough {
                rough_cuts(line, room, ranges);
            } else {
                wrap_line_into(line, room, ranges);
            }
            for range in ranges.drain(..) {
                rows.push(Row {
                    para: index as u32,
                    range: (offset + range.start) as u32..(offset + range.end) as u32,
                    first: rows.len() == first_row,
                });
            }
            offset += line.len() + 1;
        }
    }

    /// Finds each item's rows: those of its paragraphs, or for an inline
    /// item (a citation mark) the row showing its text.
    fn find_items(&mut self) {
        let mut items: Vec<Option<Range<usize>>> = vec![None; self.items.len()];
        for (index, para) in self.paras.iter().enumerate() {
            if let Some(span) = para.item.and_then(|item| items.get_mut(item)) {
                let rows = self.rows_of_para(index);
                let span = span.get_or_insert(rows.start..rows.start);
                span.end = rows.end;
            }
        }
        for (item, para, range) in &self.inline {
            let rows = self.rows_of_para(*para);
            let showing = |r: &Row| {
                (r.range.start as usize) < range.end && (r.range.end as usize) >= range.end
            };
            let row = self
                .rows
                .get(rows.clone())
                .and_then(|shown| shown.iter().position(showing))
                .map_or(rows.start, |r| rows.start + r);
            if let Some(span) = items.get_mut(*item) {
                *span = Some(row..(row + 1).min(rows.end.max(1)));
            }
        }
        self.items = items.into_iter().map(Option::unwrap_or_default).collect();
    }
}

/// A rough layout of one line for `room` columns: pieces of about that
/// many bytes, cut at character boundaries, without looking for word
/// breaks. Word wrapping leaves a little room at the end of most rows, so
/// pieces are a little shorter than the room.
fn rough_cuts(line: &str, room: usize, rows: &mut Vec<Range<usize>>) {
    if line.len() <= room {
        rows.push(0..line.len());
        return;
    }
    let step = (room - room / 16).max(1);
    let mut start = 0;
    while start < line.len() {
        let mut end = (start + step).min(line.len());
        while !line.is_char_boundary(end) {
            end += 1;
        }
        rows.push(start..end);
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::doc::{DocBuilder, Tone};

    fn text_of(doc: &super::Doc) -> Vec<String> {
        doc.rows
            .iter()
            .map(|r| {
                let range = r.range.start as usize..r.range.end as usize;
                let text = doc.paras[r.para as usize].text.get(range);
                text.expect("rows cut at character boundaries").to_string()
            })
            .collect()
    }

    fn long_doc() -> super::Doc {
        let mut b = DocBuilder::new();
        for i in 0..200 {
            b.line(
                format!(
                    "paragraph {i}: the talks went on slowly through the night, é and 国境 too"
                ),
                Tone::Body,
            );
            b.blank();
        }
        b.wrap(80)
    }

    #[test]
    fn a_lazy_layout_made_exact_everywhere_is_the_exact_layout() {
        let mut exact = long_doc();
        exact.rewrap(23);
        let mut lazy = long_doc();
        lazy.lay_out_lazily();
        lazy.rewrap(23);
        assert!(lazy.is_rough());
        // Exact around row 100 first, then the rest in small pieces.
        assert!(lazy.make_exact(100..130));
        let mut passes = 0;
        while lazy.refine(500) {
            passes += 1;
            assert!(passes < 1000);
        }
        assert!(!lazy.is_rough());
        assert_eq!(text_of(&lazy), text_of(&exact));
        assert_eq!(lazy.para_rows, exact.para_rows);
        assert_eq!(lazy.items, exact.items);
    }

    #[test]
    fn rows_made_exact_show_what_an_exact_layout_shows() {
        let mut exact = long_doc();
        exact.rewrap(31);
        let mut lazy = long_doc();
        lazy.lay_out_lazily();
        lazy.rewrap(31);
        lazy.make_exact(200..240);
        let para = lazy.para_at_row(200);
        let rows = lazy.rows_of_para(para);
        let exact_rows = exact.rows_of_para(para);
        assert_eq!(
            text_of(&lazy)[rows],
            text_of(&exact)[exact_rows],
            "paragraph {para}"
        );
    }
}
