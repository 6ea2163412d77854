//! Why a binary dataset could not be read.

use super::VERSION;
use crate::limits::Exceeded;
use std::fmt;

/// Why a binary dataset could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    NotADataset,
    UnsupportedVersion {
        found: u16,
    },
    Truncated,
    Corrupted,
    Invalid(String),
    /// A string or count over one of the format's limits (`limits.rs`).
    OverLimit(Exceeded),
}

impl From<Exceeded> for DecodeError {
    fn from(e: Exceeded) -> DecodeError {
        DecodeError::OverLimit(e)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotADataset => write!(
                f,
                "this is not a crosscheck dataset (it does not start with CCDS); compile one with `crosscheck build`"
            ),
            DecodeError::UnsupportedVersion { found } => write!(
                f,
                "this dataset has format version {found}, but this crosscheck reads version {VERSION}; \
                 recompile it with `crosscheck build` from the same release as the widget"
            ),
            DecodeError::Truncated => {
                write!(f, "the dataset is truncated (fewer bytes than its header announces); download or copy it again")
            }
            DecodeError::Corrupted => {
                write!(f, "the dataset is corrupted (its checksum does not match); download or copy it again")
            }
            DecodeError::Invalid(what) => write!(f, "the dataset is invalid: {what}"),
            DecodeError::OverLimit(e) => write!(
                f,
                "the dataset is over a limit of the format: {e}; `crosscheck build` refuses such a dataset and says where"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

pub(super) fn invalid(what: &str) -> DecodeError {
    DecodeError::Invalid(what.to_string())
}
