//! The banded alignment: one dynamic programme over the cells of a pattern
//! × text grid that lie within a band of diagonals, with an optional
//! traceback. Both "how does the quote line up with its closest passage"
//! (local, Smith–Waterman scores) and "where does this k-error match
//! start" (the whole pattern against a prefix of the text, edit distance
//! as negative scores) are runs of it. The work is pattern × band cells.

/// What one step of an alignment scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoring {
    /// The same character in both.
    pub same: i32,
    /// Different characters.
    pub differ: i32,
    /// A character in one only.
    pub gap: i32,
}

impl Scoring {
    /// Edit distance, negated: every edit costs one.
    pub const EDITS: Scoring = Scoring {
        same: 0,
        differ: -1,
        gap: -1,
    };
}

/// Which alignments count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    /// Any part of the pattern against any part of the text, the best
    /// scoring anywhere (scores never drop below zero: Smith–Waterman).
    Local,
    /// The whole pattern against the text from its first character, the
    /// text's end free. Among ends that score the same, the one whose text
    /// length is closest to the pattern's wins, then the shorter.
    Prefix,
}

/// The cells computed: pattern character `i` (from 0) may line up with
/// text characters `i + diagonal - half ..= i + diagonal + half`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub diagonal: i64,
    pub half: usize,
}

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// The same character in both.
    Match,
    /// Different characters.
    Substitute,
    /// A pattern character the text lacks.
    PatternOnly,
    /// A text character the pattern lacks.
    TextOnly,
}

/// The best alignment in the band, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    pub score: i32,
    /// Pattern and text characters before the alignment's end.
    pub end: (usize, usize),
    /// Each step with the character indices (pattern, text) where it
    /// starts; empty unless a traceback was asked for.
    pub steps: Vec<(Op, usize, usize)>,
}

const NONE: i32 = i32::MIN / 2;
/// Trace codes: where a cell's score came from.
const START: u8 = 0;
const DIAG: u8 = 1;
const UP: u8 = 2;
const LEFT: u8 = 3;

/// The best alignment of `pattern` with `text` within `band`, or `None`
/// when there is none (for [`Ends::Local`]: nothing scores above zero).
/// With `trace`, its steps too (one byte per cell computed).
pub fn align(
    pattern: &[char],
    text: &[char],
    band: Band,
    scoring: Scoring,
    ends: Ends,
    trace: bool,
) -> Option<Aligned> {
    // One copy of the loop per case, so that its tests are compiled out.
    match (ends, trace) {
        (Ends::Local, true) => run::<true, true>(pattern, text, band, scoring),
        (Ends::Local, false) => run::<true, false>(pattern, text, band, scoring),
        (Ends::Prefix, true) => run::<false, true>(pattern, text, band, scoring),
        (Ends::Prefix, false) => run::<false, false>(pattern, text, band, scoring),
    }
}

fn run<const LOCAL: bool, const TRACE: bool>(
    pattern: &[char],
    text: &[char],
    band: Band,
    scoring: Scoring,
) -> Option<Aligned> {
    let (local, trace) = (LOCAL, TRACE);
    let (m, n) = (pattern.len(), text.len() as i64);
    let width = 2 * band.half + 1;
    // Row i, column k stands for j = i + diagonal - half + k text
    // characters consumed.
    let cell_j = |i: usize, k: usize| i as i64 + band.diagonal - band.half as i64 + k as i64;
    let mut prev = vec![NONE; width];
    let mut row = vec![NONE; width];
    let mut codes = if trace {
        vec![START; (m + 1) * width]
    } else {
        Vec::new()
    };
    // Row 0: no pattern character consumed.
    for (k, cell) in prev.iter_mut().enumerate() {
        let j = cell_j(0, k);
        *cell = if local {
            0
        } else if (0..=n).contains(&j) {
            j as i32 * scoring.gap
        } else {
            NONE
        };
    }
    let mut best = (if local { 0 } else { NONE }, (0, 0));
    for i in 1..=m {
        let pc = pattern[i - 1];
        for k in 0..width {
            let j = cell_j(i, k);
            if j < 1 || j > n {
                // Column 0, or outside the text.
                row[k] = if local {
                    0
                } else if j == 0 {
                    i as i32 * scoring.gap
                } else {
                    NONE
                };
                continue;
            }
            let diag = prev[k]
                + if text[j as usize - 1] == pc {
                    scoring.same
                } else {
                    scoring.differ
                };
            let up = if k + 1 < width {
                prev[k + 1] + scoring.gap
            } else {
                NONE
            };
            let left = if k > 0 {
                row[k - 1] + scoring.gap
            } else {
                NONE
            };
            let (mut score, mut from) = if local { (0, START) } else { (NONE, START) };
            if diag > score {
                (score, from) = (diag, DIAG);
            }
            if up > score {
                (score, from) = (up, UP);
            }
            if left > score {
                (score, from) = (left, LEFT);
            }
            row[k] = score.max(NONE);
            if trace {
                codes[i * width + k] = from;
            }
            if local && score > best.0 {
                best = (score, (i, k));
            }
        }
        std::mem::swap(&mut prev, &mut row);
    }
    if local {
        if best.0 == 0 {
            return None;
        }
    } else {
        // The last row (now in `prev`): best score, then the text length
        // closest to the pattern's, then the shorter.
        let k = (0..width)
            .filter(|&k| (0..=n).contains(&cell_j(m, k)) && prev[k] > NONE)
            .min_by_key(|&k| {
                let j = cell_j(m, k);
                (-prev[k], j.abs_diff(m as i64), j)
            })?;
        best = (prev[k], (m, k));
    }
    let (score, (i, k)) = best;
    let end = (i, cell_j(i, k) as usize);
    let steps = if trace {
        trace_back(pattern, text, &codes, (width, local), &cell_j, (i, k))
    } else {
        Vec::new()
    };
    Some(Aligned { score, end, steps })
}

/// The steps that led to cell `at`, first step first.
fn trace_back(
    pattern: &[char],
    text: &[char],
    codes: &[u8],
    (width, local): (usize, bool),
    cell_j: &dyn Fn(usize, usize) -> i64,
    at: (usize, usize),
) -> Vec<(Op, usize, usize)> {
    let (mut i, mut k) = at;
    let mut steps = Vec::new();
    loop {
        let j = cell_j(i, k) as usize;
        if local && i == 0 {
            break;
        }
        if !local && (i == 0 || j == 0) {
            // On the grid's edge: the rest is one side only.
            steps.extend((0..j).rev().map(|j| (Op::TextOnly, 0, j)));
            steps.extend((0..i).rev().map(|i| (Op::PatternOnly, i, 0)));
            break;
        }
        match codes[i * width + k] {
            DIAG => {
                let op = if text[j - 1] == pattern[i - 1] {
                    Op::Match
                } else {
                    Op::Substitute
                };
                steps.push((op, i - 1, j - 1));
                i -= 1;
            }
            UP => {
                steps.push((Op::PatternOnly, i - 1, j));
                i -= 1;
                k += 1;
            }
            LEFT => {
                steps.push((Op::TextOnly, i, j - 1));
                k -= 1;
            }
            _ => break,
        }
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Plain edit distance: the reference.
    fn distance(a: &[char], b: &[char]) -> usize {
        strsim::generic_levenshtein(&a.to_vec(), &b.to_vec())
    }

    /// The cost of a traced alignment, counted from its steps.
    fn cost(steps: &[(Op, usize, usize)]) -> usize {
        steps.iter().filter(|s| s.0 != Op::Match).count()
    }

    #[test]
    fn local_alignment_finds_the_shared_part() {
        let text = chars("xxxx the quick brown fox yyyy");
        let pattern = chars("the quick brown fox");
        let found = align(
            &pattern,
            &text,
            Band {
                diagonal: 5,
                half: 3,
            },
            super::super::QUOTE_SCORING,
            Ends::Local,
            true,
        )
        .expect("aligned");
        assert_eq!(found.end, (19, 24));
        assert_eq!(found.steps.first().map(|s| (s.1, s.2)), Some((0, 5)));
        assert!(found.steps.iter().all(|s| s.0 == Op::Match));
    }

    #[test]
    fn nothing_shared_is_no_local_alignment() {
        let found = align(
            &chars("abc"),
            &chars("xyz"),
            Band {
                diagonal: 0,
                half: 2,
            },
            super::super::QUOTE_SCORING,
            Ends::Local,
            true,
        );
        assert_eq!(found, None);
    }

    proptest! {
        /// A prefix alignment wide enough for the whole grid is plain edit
        /// distance against the best prefix, and its trace costs as much.
        #[test]
        fn prefix_alignment_is_edit_distance(pattern in "[ab]{0,30}", text in "[abc]{0,40}") {
            let (p, t) = (chars(&pattern), chars(&text));
            let half = p.len().max(t.len());
            let found = align(&p, &t, Band { diagonal: 0, half }, Scoring::EDITS, Ends::Prefix, true)
                .expect("aligned");
            let best = (0..=t.len()).map(|j| distance(&p, &t[..j])).min().unwrap();
            prop_assert_eq!(-found.score as usize, best);
            prop_assert_eq!(distance(&p, &t[..found.end.1]), best);
            prop_assert_eq!(cost(&found.steps), best);
            prop_assert_eq!(found.end.0, p.len());
        }
    }
}
