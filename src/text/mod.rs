//! Text handling shared by the loader, the reader and the exporters.

pub mod approx;
pub mod chars;
pub mod exact_many;
pub mod fold;
pub mod motion;
pub mod sanitize;
pub mod search;
pub mod wrap;
