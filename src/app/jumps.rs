//! A bounded, browser-style jump list: going somewhere records where the
//! person was; back and forward walk that record. A new jump after going
//! back drops the forward history; consecutive duplicates are merged; at
//! most [`MAX_JUMPS`] places are kept (the oldest go first).
//!
//! Generic over the place type so it is tested on its own; the reader
//! keeps its locations in it.

/// The jump list keeps at most this many places.
pub const MAX_JUMPS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpList<T> {
    /// Places behind the current one, oldest first.
    back: Vec<T>,
    /// Places ahead of the current one, nearest last.
    forward: Vec<T>,
}

impl<T> Default for JumpList<T> {
    fn default() -> Self {
        JumpList {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<T: Clone + PartialEq> JumpList<T> {
    /// Records a jump away from `from`: it becomes the place `back`
    /// returns to, and the forward history is dropped.
    pub fn record(&mut self, from: T) {
        self.forward.clear();
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        let excess = self.back.len().saturating_sub(MAX_JUMPS);
        self.back.drain(..excess);
    }

    /// Goes back from `here`: the place to go to, with `here` kept for
    /// `forward`. None when there is nowhere to go back to.
    pub fn back(&mut self, here: T) -> Option<T> {
        let mut to = self.back.pop()?;
        // A place equal to here is not a move: skip it.
        while to == here {
            to = self.back.pop()?;
        }
        if self.forward.last() != Some(&here) {
            self.forward.push(here);
        }
        Some(to)
    }

    /// Goes forward from `here`, the reverse of [`JumpList::back`].
    pub fn forward(&mut self, here: T) -> Option<T> {
        let mut to = self.forward.pop()?;
        while to == here {
            to = self.forward.pop()?;
        }
        if self.back.last() != Some(&here) {
            self.back.push(here);
        }
        let excess = self.back.len().saturating_sub(MAX_JUMPS);
        self.back.drain(..excess);
        Some(to)
    }

    /// The places behind and ahead, for saving with the reading place.
    pub fn parts(&self) -> (&[T], &[T]) {
        (&self.back, &self.forward)
    }

    /// A jump list from saved parts, bounded.
    pub fn from_parts(mut back: Vec<T>, mut forward: Vec<T>) -> JumpList<T> {
        let excess = back.len().saturating_sub(MAX_JUMPS);
        back.drain(..excess);
        let excess = forward.len().saturating_sub(MAX_JUMPS);
        forward.drain(..excess);
        JumpList { back, forward }
    }

    pub fn is_empty(&self) -> bool {
        self.back.is_empty() && self.forward.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_returns_to_where_the_jump_started_and_forward_undoes_it() {
        let mut jumps = JumpList::default();
        jumps.record(1);
        // Now at 2.
        assert_eq!(jumps.back(2), Some(1));
        assert_eq!(jumps.forward(1), Some(2));
        assert_eq!(jumps.back(2), Some(1));
        assert_eq!(jumps.back(1), None);
    }

    #[test]
    fn walks_several_steps_both_ways() {
        let mut jumps = JumpList::default();
        jumps.record(1); // 1 -> 2
        jumps.record(2); // 2 -> 3
        jumps.record(3); // 3 -> 4
        assert_eq!(jumps.back(4), Some(3));
        assert_eq!(jumps.back(3), Some(2));
        assert_eq!(jumps.back(2), Some(1));
        assert_eq!(jumps.forward(1), Some(2));
        assert_eq!(jumps.forward(2), Some(3));
        assert_eq!(jumps.forward(3), Some(4));
        assert_eq!(jumps.forward(4), None);
    }

    #[test]
    fn a_new_jump_drops_the_forward_history() {
        let mut jumps = JumpList::default();
        jumps.record(1);
        jumps.record(2);
        assert_eq!(jumps.back(3), Some(2));
        jumps.record(2); // from 2 to 9
        assert_eq!(jumps.forward(9), None);
        assert_eq!(jumps.back(9), Some(2));
        assert_eq!(jumps.back(2), Some(1));
    }

    #[test]
    fn keeps_at_most_the_bound_dropping_the_oldest() {
        let mut jumps = JumpList::default();
        for i in 0..250 {
            jumps.record(i);
        }
        assert_eq!(jumps.parts().0.len(), MAX_JUMPS);
        assert_eq!(jumps.parts().0.first(), Some(&150));
        let mut here = 250;
        let mut steps = 0;
        while let Some(to) = jumps.back(here) {
            here = to;
            steps += 1;
        }
        assert_eq!((steps, here), (MAX_JUMPS, 150));
        let restored = JumpList::from_parts((0..300).collect(), (0..300).collect());
        assert_eq!(restored.parts().0.len(), MAX_JUMPS);
        assert_eq!(restored.parts().1.len(), MAX_JUMPS);
    }

    #[test]
    fn consecutive_duplicates_are_merged() {
        let mut jumps = JumpList::default();
        jumps.record(1);
        jumps.record(1);
        jumps.record(1);
        assert_eq!(jumps.parts().0, &[1]);
        // Going back from the place itself is not a move.
        jumps.record(2);
        assert_eq!(jumps.back(2), Some(1));
        assert_eq!(jumps.back(1), None);
    }
}
