//! The brief: its format, loading and validation, and the model the reader
//! shows. Knows nothing of terminals.

pub mod citation;
mod cite;
pub mod date;
mod evidence;
pub mod files;
mod keys;
pub mod load;
pub mod misquote;
pub mod model;
mod toml_string;
pub mod verify;
mod walk;

pub use date::{Date, PartialDate};
pub use evidence::{Shown, claim_name, uncited_claims};
pub use load::{LoadFailure, Loaded, load_bundled, load_file, load_path};
pub use model::{
    Brief, Citation, Confidence, Event, Excerpt, Factor, Misquote, Source, TextCitations, TextRef,
    Verification,
};
pub use walk::is_valid_id;
