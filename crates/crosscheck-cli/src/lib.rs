//! crosscheck's command line (`command`, run by the `crosscheck` binary at the repository root),
//! and what it is made of besides the engine: matching-quality evaluation (`eval`) and the
//! schema.org ClaimReview export (`claimreview`).

pub mod claimreview;
mod command;
pub mod eval;
pub mod realworld;

pub use command::main;
