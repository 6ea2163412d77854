//! The compiled dataset format (`.ccd`): what the wasm embeds and what a site loads at run time.
//!
//! Layout, little-endian: the magic `CCDS`, a `u16` format version, a `u32` body length, the body,
//! then an FNV-1a 32-bit checksum of the body. Integers in the body are LEB128 varints and strings
//! are a varint length followed by UTF-8 bytes. The checksum lets a truncated or corrupted download
//! fail with a clear error instead of decoding into nonsense.
//!
//! Version 2 carries the search index, so that opening a dataset analyses no text: the body is the
//! catalogue (name, title, description, sources, entities, synonyms), the claims with their
//! accounts, the sorted term dictionary, and every claim's passages (its statement, its wordings,
//! then one per account's quote) as term ids. Wordings are matching-only text, so only their terms
//! are kept; the dataset's source folder stays the place to read them.
//!
//! Opening (`Store::open`) checks everything once — every string, count, index and term id — and
//! then reads claims and passages in place, without copying their text. Hostile input gives an
//! error, never a panic or a huge allocation. The dataset the build embeds is opened from the image
//! build.rs wrote of it (`Store::image`: the tables that checking it found), so the widget's start
//! walks none of it; every later read still checks what it decodes, so no byte is ever trusted to
//! the point of a panic. `Checks::Structure`, which steps over the claims' strings instead of
//! checking them again, is for those bytes should their image ever be refused.

mod dictionary;
mod error;
mod frame;
mod image;
mod lexicon;
mod reader;
mod records;
mod store;
pub mod varint;
mod writer;

pub use dictionary::TermTable;
pub use error::{DecodeError, ErrorKind};
pub use frame::{checksum, frame};
pub use lexicon::{lexicon, lexicon_entries};
pub use store::{decode, Layout, Stats, Store};
pub use writer::{encode, encode_with};

pub const MAGIC: &[u8; 4] = b"CCDS";
pub const VERSION: u16 = 2;

/// Datasets with more claim text than this have it Huffman-coded, string by string (see
/// `huffman.rs`): a 10,000-claim dataset then costs the browser much less memory. Smaller ones,
/// like the embedded seed, keep it plain, which gzip compresses better on the wire.
pub const PACK_TEXT_OVER: usize = 256 * 1024;

/// Which part of a claim a passage comes from. Each field has its own weight in ranking (BM25F).
pub const FIELD_STATEMENT: u8 = 0;
pub const FIELD_WORDING: u8 = 1;
pub const FIELD_QUOTE: u8 = 2;

/// What opening checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checks {
    /// Everything: bytes from anywhere (a file, a download).
    All,
    /// All but the claims' strings (statements, events, dates, speakers, quotes, notes), which are
    /// stepped over: for the bytes this build compiled and checked itself. Counts, references, the
    /// dictionary, the passages and the lexicon are checked as for `All`, and a string that did
    /// not decode would surface later as an error where it is read.
    Structure,
}

/// How claim strings are stored (a byte before the claims; `TEXT_HUFFMAN` is followed by the
/// 256 code lengths).
const TEXT_PLAIN: u8 = 0;
const TEXT_HUFFMAN: u8 = 1;
