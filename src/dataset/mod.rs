//! The claim dataset: its model, its binary form, and (natively) its source format and compiler.

pub mod binary;
pub mod huffman;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod source;

pub use binary::DecodeError;
pub use model::{Account, Claim, Dataset, Entity, Source, Stance};

/// The default dataset, compiled from data/seed by build.rs and checked there.
pub static SEED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seed.ccd"));

/// What opening `SEED` finds, written by build.rs from the same bytes (`binary::Store::image`), so
/// that the widget's start reads it instead of walking the whole dataset.
pub static SEED_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seed.idx"));

/// Decodes the embedded default dataset.
pub fn seed() -> Result<Dataset, DecodeError> {
    binary::decode(SEED)
}
