//! The claim dataset: its model, its binary form (`.ccd`), and (with the `compile` feature) its TOML
//! source format and compiler.

pub mod binary;
pub mod huffman;
pub mod limits;
pub mod model;
#[cfg(feature = "compile")]
pub mod source;
pub mod variants;

pub use binary::{DecodeError, ErrorKind};
pub use model::{Account, Claim, Dataset, Entity, Source, Stance};
