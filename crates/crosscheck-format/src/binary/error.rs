//! Why a binary dataset could not be read: what was wrong (`ErrorKind`) and the byte offset where
//! reading stopped, so that a report names the place as well as the problem.

use super::VERSION;
use crate::limits::Exceeded;
use std::fmt;

/// Why a binary dataset could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: ErrorKind,
    offset: usize,
}

/// What was wrong with a binary dataset. New checks may add kinds, so a `match` needs a wildcard.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes do not start with the magic `CCDS`: an empty file, an HTML error page, a zip.
    NotADataset,
    /// The header names another format version: a dataset compiled by another release.
    UnsupportedVersion { found: u16 },
    /// The bytes end before the header, a length or a number says they do: a cut download.
    Truncated,
    /// The body's checksum does not match the one stored after it: bytes damaged on the way.
    Corrupted,
    /// Bytes follow the checksum.
    TrailingBytes { count: usize },
    /// The body goes on after its last section (the lexicon).
    UnreadBytes { count: usize },
    /// The header announces a body of 4 GB or more, which positions (kept as `u32`) cannot reach.
    TooLarge,
    /// A varint goes on past 64 bits (ten bytes with the high bit set).
    NumberTooLong,
    /// A count of items, each at least a byte, larger than the bytes left.
    CountTooLarge { count: u64 },
    /// A term, source or entity index past the number of them.
    IndexOutOfRange { what: &'static str, index: u64, count: usize },
    /// A string whose bytes are not UTF-8.
    NotUtf8,
    /// A Huffman-coded string that is longer than its bits or does not decode.
    BadCodedText,
    /// The Huffman code lengths stored before the claims do not make a prefix code.
    NotAPrefixCode,
    /// The byte that says how claims' strings are stored is neither plain (0) nor Huffman (1).
    UnknownTextCoding { code: u8 },
    /// A source's link is not `http:` or `https:` of the shape the compiler writes.
    BadLink { source: String },
    /// A source is `within` a source index that does not exist.
    UnknownWithin { source: String },
    /// A name holds an invisible, control or direction-changing character (`limits::hidden_char`),
    /// which the compiler refuses: a forged file must not show `\u{202e}sretueR` as "Reuters".
    HiddenCharacter { field: String, character: String },
    /// An account's stance byte is not corroborates, conflicts or context.
    UnknownStance { code: u8, claim: String },
    /// A claim's number of wordings is larger than the bytes left.
    TooManyWordings,
    /// The term dictionary is not sorted, holds an empty term, or repeats one.
    DictionaryNotSorted,
    /// Two terms of the dictionary share an id.
    DuplicateTermId,
    /// A claim's number of passages is not one (the statement) plus its wordings and accounts.
    PassageCount,
    /// A passage's field byte is not statement, wording or quote.
    UnknownField { field: u8 },
    /// A string or count over one of the format's limits (`limits.rs`).
    OverLimit(Exceeded),
    /// An image (`Store::image`) that does not start with its magic.
    NotAnImage,
    /// An image made of other bytes, or whose tables do not fit these ones.
    ImageMismatch,
}

impl DecodeError {
    pub fn new(kind: ErrorKind, offset: usize) -> DecodeError {
        DecodeError { kind, offset }
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where in the bytes (of the dataset, or of its image for the image's kinds) reading stopped.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NotADataset => {
                write!(f, "this is not a crosscheck dataset (it does not start with CCDS); compile one with `crosscheck build`")
            }
            ErrorKind::UnsupportedVersion { found } => write!(
                f,
                "this dataset has format version {found}, but this crosscheck reads version {VERSION}; \
                 recompile it with `crosscheck build` from the same release as the widget"
            ),
            ErrorKind::Truncated => {
                write!(f, "the dataset is truncated (fewer bytes than its header announces); download or copy it again")
            }
            ErrorKind::Corrupted => {
                write!(f, "the dataset is corrupted (its checksum does not match); download or copy it again")
            }
            ErrorKind::OverLimit(e) => write!(
                f,
                "the dataset is over a limit of the format: {e}; `crosscheck build` refuses such a dataset and says where"
            ),
            ErrorKind::NotAnImage => write!(f, "not an image of a dataset"),
            ErrorKind::ImageMismatch => write!(f, "the image is of other bytes; rebuild the library"),
            other => {
                write!(f, "the dataset is invalid: ")?;
                match other {
                    ErrorKind::TrailingBytes { count } => write!(f, "{count} unexpected bytes after the end")?,
                    ErrorKind::UnreadBytes { count } => write!(f, "{count} unread bytes at the end of the body")?,
                    ErrorKind::TooLarge => write!(f, "the dataset is larger than 4 GB")?,
                    ErrorKind::NumberTooLong => write!(f, "a number is longer than 64 bits")?,
                    ErrorKind::CountTooLarge { count } => write!(f, "a count of {count} items is larger than the data")?,
                    ErrorKind::IndexOutOfRange { what, index, count } => {
                        write!(f, "{what} index {index} is out of range (there are {count})")?
                    }
                    ErrorKind::NotUtf8 => write!(f, "a text is not valid UTF-8")?,
                    ErrorKind::BadCodedText => write!(f, "a coded text does not decode")?,
                    ErrorKind::NotAPrefixCode => write!(f, "the text code is not a prefix code")?,
                    ErrorKind::UnknownTextCoding { code } => write!(f, "unknown text coding {code}")?,
                    ErrorKind::BadLink { source } => write!(f, "source {source} has a link that is not http: or https:")?,
                    ErrorKind::UnknownWithin { source } => {
                        write!(f, "source {source} is within a source that does not exist")?
                    }
                    ErrorKind::HiddenCharacter { field, character } => write!(
                        f,
                        "a {field} holds {character}, an invisible, control or direction-changing character"
                    )?,
                    ErrorKind::UnknownStance { code, claim } => write!(f, "unknown stance code {code} in claim {claim}")?,
                    ErrorKind::TooManyWordings => write!(f, "a claim has more wordings than the data could hold")?,
                    ErrorKind::DictionaryNotSorted => write!(f, "the term dictionary is not sorted")?,
                    ErrorKind::DuplicateTermId => write!(f, "two terms of the dictionary have the same id")?,
                    ErrorKind::PassageCount => write!(f, "a claim's passages do not match its wordings and accounts")?,
                    ErrorKind::UnknownField { field } => write!(f, "a passage has an unknown field {field}")?,
                    _ => write!(f, "{other:?}")?,
                }
                write!(f, "; recompile it with `crosscheck build`, which writes only valid datasets")
            }
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.kind, self.offset)
    }
}

impl std::error::Error for DecodeError {}
