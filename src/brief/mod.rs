//! The brief: its format, loading and validation, and the model the reader
//! shows. Knows nothing of terminals.

pub mod date;
pub mod files;
pub mod load;
pub mod model;
pub mod verify;
mod walk;

pub use date::{Date, PartialDate};
pub use load::{LoadFailure, Loaded, load_bundled, load_file, load_path};
pub use model::{Brief, Confidence, Event, Excerpt, Factor, Source, TextRef, Verification};
pub use walk::is_valid_id;
