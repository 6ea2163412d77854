//! crosscheck's engine: given the text a reader highlights, the claims it carries (`matcher`), and
//! what the outside world sees of them (`view`), over a dataset in the `.ccd` format.
//!
//! The engine knows nothing about a particular dataset: it ranks what the dataset gives it. The
//! default dataset (data/seed) is compiled by build.rs, with the same analysis and writer, and
//! embedded here, with the image of what opening it finds.

pub mod confidence;
pub mod matcher;
pub mod related;
pub mod side;
pub mod view;

pub use crosscheck_format::{Dataset, DecodeError};
pub use matcher::{Engine, Match, Ranked};

/// The default dataset, compiled from data/seed by build.rs and checked there.
pub static SEED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seed.ccd"));

/// What opening `SEED` finds, written by build.rs from the same bytes (`binary::Store::image`), so
/// that the widget's start reads it instead of walking the whole dataset.
pub static SEED_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seed.idx"));

/// Decodes the embedded default dataset.
pub fn seed() -> Result<Dataset, DecodeError> {
    crosscheck_format::binary::decode(SEED)
}
