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

use super::huffman::{self, Decoder};
use super::limits::{self, Exceeded, Limit};
use super::model::{valid_url, Account, Claim, Dataset, Entity, Source, Stance};
use crosscheck_text::{analyze, Lexicon, PhraseTerms};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

pub const MAGIC: &[u8; 4] = b"CCDS";
pub const VERSION: u16 = 2;
const HEADER_LEN: usize = 4 + 2 + 4;
/// The magic of a store's image (`Store::image`): internal to one build, never a file a site loads.
const IMAGE_MAGIC: &[u8; 4] = b"CCDI";

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

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn invalid(what: &str) -> DecodeError {
    DecodeError::Invalid(what.to_string())
}

// ---------------------------------------------------------------------------------------------
// Analysis shared by the compiler and the engine

/// The aliases and synonyms of a dataset, analysed, in the order the lexicon takes them: every
/// entity's name and aliases fold to `@id`, every synonym group to `~first`. The compiler analyses
/// passages with the lexicon they make and stores them, so that the engine, which analyses
/// selections with the same lexicon, never analyses them again.
pub fn lexicon_entries(ds: &Dataset) -> Vec<(String, PhraseTerms)> {
    let mut out = Vec::new();
    for e in &ds.entities {
        let canonical = format!("@{}", e.id);
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(p) = PhraseTerms::of(name) {
                out.push((canonical.clone(), p));
            }
        }
    }
    // Other romanisations of the names, after every name the dataset spells itself, so that a
    // generated spelling never takes a phrase another entity defines (the first definition wins).
    // Only of one-word names and aliases (a surname, a place): a selection's "Sergei Shoygu" finds
    // the surname's variant, and the first name is a term of its own either way.
    for e in &ds.entities {
        let canonical = format!("@{}", e.id);
        let one_word = |n: &&String| !n.trim().contains(' ');
        for name in std::iter::once(&e.name).chain(&e.aliases).filter(one_word) {
            for v in super::variants::name_variants(name) {
                if let Some(p) = PhraseTerms::of(&v) {
                    out.push((canonical.clone(), p));
                }
            }
        }
    }
    for group in &ds.synonyms {
        let Some(first) = group.first() else { continue };
        let canonical = format!("~{}", analyze(first, &Lexicon::default()).join("_"));
        for w in group {
            if let Some(p) = PhraseTerms::of(w) {
                out.push((canonical.clone(), p));
            }
        }
    }
    out
}

/// The lexicon of a dataset in memory (see `lexicon_entries`).
pub fn lexicon(ds: &Dataset) -> Lexicon {
    let mut lexicon = Lexicon::default();
    for (canonical, p) in lexicon_entries(ds) {
        lexicon.insert(p, &canonical);
    }
    lexicon
}

// ---------------------------------------------------------------------------------------------
// Encoding

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }

    fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }

    /// A claim's string: plain, or its length then its Huffman-coded bytes.
    fn ctext(&mut self, s: &str, codes: Option<&[(u16, u8); 256]>) {
        match codes {
            None => self.str(s),
            Some(codes) => {
                let mut packed = Vec::new();
                huffman::encode(s.as_bytes(), codes, &mut packed);
                self.len(s.len());
                self.len(packed.len());
                self.buf.extend_from_slice(&packed);
            }
        }
    }

    fn ctexts(&mut self, v: &[String], codes: Option<&[(u16, u8); 256]>) {
        self.len(v.len());
        for s in v {
            self.ctext(s, codes);
        }
    }
}

/// Every string of the claim records that may be coded (all but the ids, which stay plain so that
/// finding a claim by id decodes nothing).
fn claim_strings(c: &Claim) -> impl Iterator<Item = &String> {
    std::iter::once(&c.text).chain(std::iter::once(&c.event)).chain(&c.dates).chain(
        c.accounts
            .iter()
            .flat_map(|a| [&a.speaker, &a.role].into_iter().chain(&a.via).chain([&a.origin, &a.quote, &a.note])),
    )
}

/// Encodes a dataset, analysing every passage into the index; the claims' text is Huffman-coded
/// when there is more than `PACK_TEXT_OVER` of it. Encoding cannot fail: every dataset in memory
/// has a binary form.
pub fn encode(ds: &Dataset) -> Vec<u8> {
    let text: usize = ds.claims.iter().flat_map(claim_strings).map(String::len).sum();
    encode_with(ds, text > PACK_TEXT_OVER)
}

/// `encode`, choosing whether the claims' text is Huffman-coded (tests exercise both on small data).
pub fn encode_with(ds: &Dataset, pack_text: bool) -> Vec<u8> {
    let entries = lexicon_entries(ds);
    let mut lexicon = Lexicon::default();
    for (canonical, p) in &entries {
        lexicon.insert(p.clone(), canonical);
    }
    // Every claim's passages as terms, in the order the engine relies on: the statement, the
    // wordings, then one passage per account (so that passage 1 + wordings + k is account k's).
    let analysed: Vec<Vec<(u8, Vec<String>)>> = ds
        .claims
        .iter()
        .map(|c| {
            let mut p = vec![(FIELD_STATEMENT, analyze(&c.text, &lexicon))];
            p.extend(c.wordings.iter().map(|w| (FIELD_WORDING, analyze(w, &lexicon))));
            p.extend(c.accounts.iter().map(|a| (FIELD_QUOTE, analyze(&a.quote, &lexicon))));
            p
        })
        .collect();
    // Term ids are numbered by frequency (ties alphabetically), so that the commonest terms, most
    // of the passages, take one byte each; the dictionary itself is stored in alphabetical order,
    // each term with its id, for lookups.
    let mut dictionary: BTreeMap<&str, u32> = BTreeMap::new();
    for t in analysed.iter().flatten().flat_map(|(_, terms)| terms) {
        *dictionary.entry(t).or_insert(0) += 1;
    }
    let mut by_frequency: Vec<(&str, u32)> = dictionary.iter().map(|(t, &n)| (*t, n)).collect();
    by_frequency.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (id, (t, _)) in by_frequency.iter().enumerate() {
        dictionary.insert(t, id as u32);
    }

    let mut w = Writer { buf: Vec::new() };
    w.str(&ds.name);
    w.str(&ds.title);
    w.str(&ds.description);
    w.len(ds.sources.len());
    for s in &ds.sources {
        for field in [&s.id, &s.file, &s.outlet, &s.title, &s.author, &s.date, &s.language, &s.url] {
            w.str(field);
        }
        // 0 means "not within another source"; otherwise the index plus one.
        w.varint(s.within.map_or(0, |i| u64::from(i) + 1));
    }
    w.len(ds.entities.len());
    for e in &ds.entities {
        w.str(&e.id);
        w.str(&e.name);
        w.str(&e.kind);
        w.strs(&e.aliases);
    }
    w.len(ds.synonyms.len());
    for group in &ds.synonyms {
        w.strs(group);
    }
    let codes = if pack_text {
        let mut freq = [0u64; 256];
        for b in ds.claims.iter().flat_map(claim_strings).flat_map(|s| s.bytes()) {
            freq[usize::from(b)] += 1;
        }
        let lens = huffman::code_lengths(&freq);
        w.buf.push(TEXT_HUFFMAN);
        w.buf.extend_from_slice(&lens);
        Some(huffman::codes(&lens))
    } else {
        w.buf.push(TEXT_PLAIN);
        None
    };
    let codes = codes.as_ref();
    w.len(ds.claims.len());
    for c in &ds.claims {
        w.str(&c.id);
        w.ctext(&c.text, codes);
        w.ctext(&c.event, codes);
        w.ctexts(&c.dates, codes);
        w.len(c.entities.len());
        for &e in &c.entities {
            w.varint(u64::from(e));
        }
        w.len(c.wordings.len());
        w.len(c.accounts.len());
        for a in &c.accounts {
            w.varint(u64::from(a.source));
            w.ctext(&a.speaker, codes);
            w.ctext(&a.role, codes);
            w.ctexts(&a.via, codes);
            w.ctext(&a.origin, codes);
            w.buf.push(a.stance.code());
            w.ctext(&a.quote, codes);
            w.ctext(&a.note, codes);
        }
    }
    w.len(dictionary.len());
    for (term, id) in &dictionary {
        w.str(term);
        w.varint(u64::from(*id));
    }
    for passages in &analysed {
        w.len(passages.len());
        for (field, terms) in passages {
            w.buf.push(*field);
            w.len(terms.len());
            for t in terms {
                w.varint(u64::from(dictionary[t.as_str()]));
            }
        }
    }
    w.len(entries.len());
    for (canonical, p) in &entries {
        w.str(canonical);
        w.buf.push(u8::from(p.caps_only));
        w.len(p.terms.len());
        for (term, stop) in &p.terms {
            w.str(term);
            w.buf.push(u8::from(*stop));
        }
    }
    frame(&w.buf)
}

/// Wraps an encoded body in the header (magic, version, length) and the checksum. `encode` uses it;
/// so do tests that forge bodies to reach the checks behind the checksum.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + body.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&fnv1a(body).to_le_bytes());
    out
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// A cursor over the body. Every read is bounds-checked.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn at(bytes: &'a [u8], pos: usize) -> Reader<'a> {
        Reader { bytes, pos }
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.bytes.get(self.pos).ok_or(DecodeError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    #[inline]
    pub(crate) fn varint(&mut self) -> Result<u64, DecodeError> {
        // Most numbers (term ids numbered by frequency, lengths, gaps) fit in one byte, and
        // nearly all the rest (the term ids past the 128 commonest, which re-ranking reads for
        // every passage of a candidate) in two.
        match self.bytes.get(self.pos..self.pos + 2) {
            Some(&[b, _]) if b < 0x80 => {
                self.pos += 1;
                Ok(u64::from(b))
            }
            Some(&[b, c]) if c < 0x80 => {
                self.pos += 2;
                Ok(u64::from(b & 0x7f) | u64::from(c) << 7)
            }
            _ => self.varint_long(),
        }
    }

    #[inline(never)]
    fn varint_long(&mut self) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(invalid("a number is longer than 64 bits"))
    }

    /// A count of items that each take at least one byte, so it can never exceed the bytes left;
    /// checking that up front stops a hostile count from asking for a huge allocation.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(DecodeError::Invalid(format!("a count of {n} items is larger than the data")));
        }
        Ok(n as usize)
    }

    fn index(&mut self, limit: usize, what: &str) -> Result<u32, DecodeError> {
        let v = self.varint()?;
        if v >= limit as u64 {
            return Err(DecodeError::Invalid(format!("{what} index {v} is out of range (there are {limit})")));
        }
        Ok(v as u32)
    }

    fn text(&mut self) -> Result<&'a str, DecodeError> {
        let n = self.count()?;
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        std::str::from_utf8(slice).map_err(|_| invalid("a text is not valid UTF-8"))
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        self.text().map(str::to_string)
    }

    /// A length-prefixed field's bytes, unchecked (for fields checked at opening).
    fn bytes_field(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.count()?;
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    /// Steps over a claim string without decoding it.
    fn skip_ctext(&mut self, coded: bool) -> Result<(), DecodeError> {
        if coded {
            self.varint()?;
        }
        self.bytes_field().map(|_| ())
    }

    /// A claim's string, as `Writer::ctext` stored it.
    fn ctext(&mut self, coding: Option<&Decoder>) -> Result<Cow<'a, str>, DecodeError> {
        let Some(decoder) = coding else { return self.text().map(Cow::Borrowed) };
        let n = self.varint()?;
        let packed = self.count()?;
        // Every byte takes at least one bit: a forged length cannot ask for more than that.
        if n > 8 * packed as u64 {
            return Err(invalid("a coded text is longer than its bits"));
        }
        let bits = &self.bytes[self.pos..self.pos + packed];
        self.pos += packed;
        let mut out = Vec::new();
        decoder.decode(bits, n as usize, &mut out).ok_or_else(|| invalid("a coded text does not decode"))?;
        String::from_utf8(out).map(Cow::Owned).map_err(|_| invalid("a text is not valid UTF-8"))
    }

    fn strs(&mut self) -> Result<Vec<String>, DecodeError> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Checks the header and checksum and returns where the body is.
/// The body's range and its stored checksum, once the magic, the version and the length are checked.
fn framed(bytes: &[u8]) -> Result<(std::ops::Range<usize>, u32), DecodeError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DecodeError::NotADataset);
    }
    if bytes.len() < HEADER_LEN {
        return Err(DecodeError::Truncated);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(DecodeError::UnsupportedVersion { found: version });
    }
    let len = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]) as usize;
    // Checked: on 32-bit wasm a forged length near u32::MAX would wrap `end + 4`.
    let end = HEADER_LEN.checked_add(len).ok_or(DecodeError::Truncated)?;
    let total = end.checked_add(4).ok_or(DecodeError::Truncated)?;
    if bytes.len() < total {
        return Err(DecodeError::Truncated);
    }
    if bytes.len() > total {
        return Err(DecodeError::Invalid(format!("{} unexpected bytes after the end", bytes.len() - total)));
    }
    // Before the checksum reads it all: a larger file is refused without a long task.
    limits::within(Limit::DatasetBytes, total)?;
    // Positions are kept as u32; a body beyond 4 GB is not a dataset a browser loads.
    if end > u32::MAX as usize {
        return Err(invalid("the dataset is larger than 4 GB"));
    }
    let sum = u32::from_le_bytes([bytes[end], bytes[end + 1], bytes[end + 2], bytes[end + 3]]);
    Ok((HEADER_LEN..end, sum))
}

/// The body's range, once the frame and the checksum are checked.
fn body(bytes: &[u8]) -> Result<std::ops::Range<usize>, DecodeError> {
    let (range, sum) = framed(bytes)?;
    if fnv1a(&bytes[range.clone()]) != sum {
        return Err(DecodeError::Corrupted);
    }
    Ok(range)
}

/// Counts over all claims, taken while the claims are checked at opening.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub accounts: usize,
    /// Distinct origins over the whole dataset.
    pub origins: usize,
    /// Claims with both corroborating and conflicting accounts.
    pub disputed: usize,
}

/// The dictionary as a hash table (`Store::term_table`), built for small datasets (see `Engine`):
/// per slot, where the term is in the store's bytes (plus one; 0 for an empty slot) and its id.
/// Open addressing with linear probing, at most two thirds full.
pub struct TermTable {
    slots: Vec<(u32, u32)>,
}

impl TermTable {
    /// The ids it holds, in slot order (for tests that compare it with the sorted dictionary).
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.slots.iter().filter(|s| s.0 != 0).map(|s| s.1)
    }
}

/// FNV-1a: terms are a few bytes long, and the table is the store's own (no hashes from outside).
fn term_hash(term: &[u8]) -> u32 {
    term.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// An opened dataset: the catalogue decoded, the claims and the index read in place.
pub struct Store {
    bytes: Cow<'static, [u8]>,
    /// Name, title, description, sources, entities and synonyms; its `claims` is always empty
    /// (claims are read from the bytes when asked for).
    catalog: Dataset,
    /// Where each claim's record starts in `bytes`.
    claim_at: Blocked,
    /// Where each term of the dictionary starts (its length prefix).
    term_at: Blocked,
    /// The first four bytes of each block's first term (`prefix_key`): a lookup binary-searches
    /// these integers and compares bytes only on a tie and within the block it lands in, which
    /// halved the cost of looking a query's terms up, for 4 bytes per 8 terms.
    term_keys: Vec<u32>,
    /// Where each claim's passages start.
    passages_at: Blocked,
    /// The analysed aliases and synonyms, decoded (and checked) once at opening, until the engine
    /// takes them (`take_lexicon`).
    lexicon: Lexicon,
    /// How claim strings are coded (`None`: plain).
    coding: Option<Decoder>,
    /// Which term ids are entities (`@id`), a bit each.
    entity: Vec<u64>,
    stats: Stats,
    /// Where the lexicon starts (for `image`).
    lexicon_at: usize,
    /// The postings' layout, until the engine takes it (`take_layout`).
    layout: Layout,
}

/// The shape of the inverted index the engine builds from the passages, counted while opening
/// checks them (so that building the postings reads the passages once, not twice): where each
/// term's postings start, and how many terms each field holds over all claims.
///
/// Term `t`'s postings take `at[t]..at[t + 1]`: per claim with the term, a varint of the gap from
/// the previous claim with it (the first claim's index plus one for the first) and one byte of
/// impact. That depends only on which claims hold which terms, not on the ranking constants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub at: Vec<u32>,
    pub field_terms: [u64; FIELD_QUOTE as usize + 1],
}

/// The bytes of a varint.
fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// A term's first four bytes as a big-endian integer, zero-padded. Cutting and padding with the
/// smallest byte keep the order: a smaller key is a smaller term, and equal keys say nothing.
fn prefix_key(term: &[u8]) -> u32 {
    let mut key = [0u8; 4];
    for (k, b) in key.iter_mut().zip(term) {
        *k = *b;
    }
    u32::from_be_bytes(key)
}

/// Positions of every `BLOCK`th claim record and dictionary term: any of them is reached by
/// skipping at most `BLOCK - 1` others, and a large dataset keeps an eighth of the wasm memory a
/// position per item would take. Passages, which re-ranking reads for every candidate, keep one
/// position per claim.
const BLOCK: usize = 8;

#[derive(Debug, PartialEq, Eq)]
struct Blocked {
    every: usize,
    at: Vec<u32>,
    len: usize,
}

impl Blocked {
    fn new(every: usize) -> Blocked {
        Blocked { every: every.max(1), at: Vec::new(), len: 0 }
    }

    fn reserve(&mut self, items: usize) {
        self.at.reserve_exact(items.div_ceil(self.every));
    }

    fn push(&mut self, pos: usize) {
        if self.len % self.every == 0 {
            self.at.push(pos as u32);
        }
        self.len += 1;
    }

    /// Where the block holding item `i` starts, and how many items to skip in it.
    fn locate(&self, i: usize) -> Option<(usize, usize)> {
        (i < self.len).then(|| (self.at.get(i / self.every).copied().unwrap_or(0) as usize, i % self.every))
    }
}

impl Store {
    /// Opens a compiled dataset, checking its magic, version, length, checksum and every
    /// cross-reference, string and term id.
    pub fn open(bytes: Cow<'static, [u8]>) -> Result<Store, DecodeError> {
        Store::open_checking(bytes, Checks::All)
    }

    /// Opens a compiled dataset with the checks given (see `Checks`).
    pub fn open_checking(bytes: Cow<'static, [u8]>, checks: Checks) -> Result<Store, DecodeError> {
        let range = body(&bytes)?;
        let mut store = Store::empty();
        {
            let all: &[u8] = &bytes[..range.end];
            let mut r = Reader::at(all, range.start);
            let n_claims = store.head(&mut r)?;
            store.claim_at.reserve(n_claims);
            // The origins' stored bytes, not their text: a string is stored one way only, so
            // distinct bytes are distinct origins, and counting them needs no decoding.
            let mut origins: Vec<&[u8]> = Vec::new();
            let mut shape: Vec<(u32, u32)> = Vec::with_capacity(n_claims);
            for _ in 0..n_claims {
                store.claim_at.push(r.pos);
                let mut stances = [false; 3];
                let (wordings, accounts) =
                    walk_claim(&mut r, &store.catalog, store.coding.as_ref(), checks, |origin, stance| {
                        origins.push(origin);
                        stances[usize::from(stance.code())] = true;
                    })?;
                store.stats.accounts += accounts;
                if stances[usize::from(Stance::Corroborates.code())] && stances[usize::from(Stance::Conflicts.code())] {
                    store.stats.disputed += 1;
                }
                shape.push((wordings as u32, accounts as u32));
            }
            origins.sort_unstable();
            origins.dedup();
            store.stats.origins = origins.len();

            let n_terms = r.count()?;
            store.term_at.reserve(n_terms);
            store.term_keys.reserve_exact(n_terms.div_ceil(BLOCK));
            store.entity = vec![0u64; n_terms.div_ceil(64)];
            let mut seen = vec![0u64; n_terms.div_ceil(64)];
            let mut previous: Option<&str> = None;
            for _ in 0..n_terms {
                store.term_at.push(r.pos);
                let t = r.text()?;
                if store.term_keys.len() < store.term_at.at.len() {
                    store.term_keys.push(prefix_key(t.as_bytes()));
                }
                // Lookups binary-search the dictionary, so it must be sorted and without repeats,
                // and its ids must number the terms once each.
                if t.is_empty() || previous.is_some_and(|p| p >= t) {
                    return Err(invalid("the term dictionary is not sorted"));
                }
                previous = Some(t);
                let id = r.index(n_terms, "term")? as usize;
                if seen[id / 64] & (1 << (id % 64)) != 0 {
                    return Err(invalid("two terms of the dictionary have the same id"));
                }
                seen[id / 64] |= 1 << (id % 64);
                if t.starts_with('@') {
                    store.entity[id / 64] |= 1 << (id % 64);
                }
            }
            // Every term id is checked here anyway; the postings' layout is counted on the way.
            let layout = &mut store.layout;
            layout.at = vec![0u32; n_terms + 1];
            let mut last = vec![u32::MAX; n_terms];
            store.passages_at.reserve(n_claims);
            for (c, &(wordings, accounts)) in shape.iter().enumerate() {
                let c = c as u32;
                store.passages_at.push(r.pos);
                let n = r.count()?;
                if n as u64 != 1 + u64::from(wordings) + u64::from(accounts) {
                    return Err(invalid("a claim's passages do not match its wordings and accounts"));
                }
                for _ in 0..n {
                    let field = r.byte()?;
                    if field > FIELD_QUOTE {
                        return Err(invalid("a passage has an unknown field"));
                    }
                    let len = r.count()?;
                    limits::within(Limit::PassageTerms, len)?;
                    layout.field_terms[usize::from(field)] += len as u64;
                    for _ in 0..len {
                        let t = r.index(n_terms, "term")? as usize;
                        if last[t] != c {
                            let gap = c.wrapping_sub(last[t]);
                            layout.at[t + 1] = layout.at[t + 1].saturating_add(varint_len(u64::from(gap)) as u32 + 1);
                            last[t] = c;
                        }
                    }
                }
            }
            for t in 0..n_terms {
                layout.at[t + 1] = layout.at[t + 1].saturating_add(layout.at[t]);
            }
            store.lexicon_at = r.pos;
            store.lexicon = read_lexicon(&mut r)?;
            if r.pos != range.end {
                return Err(DecodeError::Invalid(format!("{} unread bytes at the end of the body", range.end - r.pos)));
            }
        }
        store.bytes = bytes;
        Ok(store)
    }

    fn empty() -> Store {
        Store {
            bytes: Cow::Borrowed(&[]),
            catalog: Dataset::default(),
            claim_at: Blocked::new(BLOCK),
            term_at: Blocked::new(BLOCK),
            term_keys: Vec::new(),
            passages_at: Blocked::new(1),
            lexicon: Lexicon::default(),
            coding: None,
            entity: Vec::new(),
            stats: Stats::default(),
            lexicon_at: 0,
            layout: Layout::default(),
        }
    }

    /// Reads the catalogue and the text coding, and returns the number of claims.
    fn head(&mut self, r: &mut Reader) -> Result<usize, DecodeError> {
        self.catalog = catalog(r)?;
        self.coding = match r.byte()? {
            TEXT_PLAIN => None,
            TEXT_HUFFMAN => {
                let mut lens = [0u8; 256];
                for l in lens.iter_mut() {
                    *l = r.byte()?;
                }
                Some(Decoder::new(&lens).ok_or_else(|| invalid("the text code is not a prefix code"))?)
            }
            other => return Err(DecodeError::Invalid(format!("unknown text coding {other}"))),
        };
        r.count()
    }

    /// What opening found that the bytes do not say outright: where each block of claims, each
    /// block of terms and each claim's passages start, where the lexicon starts, which terms are
    /// entities, the counts, and the postings' layout; tied to the bytes by their checksum. The
    /// build writes it beside the dataset it embeds, so that the widget's start reads these
    /// tables instead of walking every claim, term and passage to find them (`open_image`).
    pub fn image(&self) -> Vec<u8> {
        let mut w = Writer { buf: IMAGE_MAGIC.to_vec() };
        let sum = framed(&self.bytes).map_or(0, |(_, sum)| sum);
        w.varint(u64::from(sum));
        w.len(self.bytes.len());
        w.len(self.claim_count());
        w.len(self.term_count());
        for blocks in [&self.claim_at, &self.term_at, &self.passages_at] {
            let mut previous = 0;
            for &at in &blocks.at {
                w.varint(u64::from(at - previous));
                previous = at;
            }
        }
        w.len(self.lexicon_at);
        for &word in &self.entity {
            w.varint(word);
        }
        for n in [self.stats.accounts, self.stats.origins, self.stats.disputed] {
            w.len(n);
        }
        for pair in self.layout.at.windows(2) {
            w.varint(u64::from(pair[1] - pair[0]));
        }
        for n in self.layout.field_terms {
            w.varint(n);
        }
        w.buf
    }

    /// Opens bytes with the image that the same build wrote of them (`image`), for the dataset
    /// embedded in the library: the catalogue and the lexicon are decoded as usual, the claims,
    /// the dictionary and the passages are not walked, and the checksum is compared with the one
    /// the image was made from instead of computed again (these bytes are part of the library's
    /// own code, like the tables). An image of other bytes is refused. Every later read still
    /// checks what it decodes, so even a wrong image could give wrong answers, never a panic.
    pub fn open_image(bytes: Cow<'static, [u8]>, image: &[u8]) -> Result<Store, DecodeError> {
        let (range, sum) = framed(&bytes)?;
        let mut m = Reader::at(image, 0);
        if image.get(..4) != Some(IMAGE_MAGIC.as_slice()) {
            return Err(invalid("not an image of a dataset"));
        }
        m.pos = 4;
        if m.varint()? != u64::from(sum) || m.varint()? != bytes.len() as u64 {
            return Err(invalid("the image is of other bytes"));
        }
        let mut store = Store::empty();
        let (n_claims, n_terms) = (m.varint()? as usize, m.varint()? as usize);
        let mut r = Reader::at(&bytes[..range.end], range.start);
        if store.head(&mut r)? != n_claims || n_terms > bytes.len() {
            return Err(invalid("the image is of other bytes"));
        }
        for (blocks, n) in
            [(&mut store.claim_at, n_claims), (&mut store.term_at, n_terms), (&mut store.passages_at, n_claims)]
        {
            blocks.reserve(n);
            let mut at = 0u32;
            for _ in 0..n.div_ceil(blocks.every) {
                at = at.saturating_add(m.varint()? as u32);
                blocks.at.push(at);
            }
            blocks.len = n;
        }
        store.lexicon_at = m.varint()?.min(range.end as u64) as usize;
        store.entity.reserve_exact(n_terms.div_ceil(64));
        for _ in 0..n_terms.div_ceil(64) {
            store.entity.push(m.varint()?);
        }
        store.stats =
            Stats { accounts: m.varint()? as usize, origins: m.varint()? as usize, disputed: m.varint()? as usize };
        let layout = &mut store.layout;
        layout.at.reserve_exact(n_terms + 1);
        let mut end = 0u32;
        layout.at.push(end);
        for _ in 0..n_terms {
            end = end.saturating_add(m.varint()? as u32);
            layout.at.push(end);
        }
        for n in layout.field_terms.iter_mut() {
            *n = m.varint()?;
        }
        // A posting takes at most six bytes and needs a term id of the passages (one byte at
        // least): a layout beyond that would only ask for a huge allocation.
        if end as usize / 6 > bytes.len() {
            return Err(invalid("the image's postings are larger than the data could hold"));
        }
        if m.pos != image.len() {
            return Err(invalid("the image has bytes past its end"));
        }
        // The block keys are the first bytes of each block's first term: a few hundred reads.
        let all: &[u8] = &bytes[..range.end];
        store.term_keys.reserve_exact(store.term_at.at.len());
        for &at in &store.term_at.at {
            store.term_keys.push(prefix_key(Reader::at(all, at as usize).bytes_field()?));
        }
        let mut r = Reader::at(all, store.lexicon_at);
        store.lexicon = read_lexicon(&mut r)?;
        if r.pos != range.end {
            return Err(invalid("the image is of other bytes"));
        }
        store.bytes = bytes;
        Ok(store)
    }

    /// The postings' layout; the store keeps none.
    pub fn take_layout(&mut self) -> Layout {
        std::mem::take(&mut self.layout)
    }

    pub fn catalog(&self) -> &Dataset {
        &self.catalog
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    pub fn claim_count(&self) -> usize {
        self.claim_at.len
    }

    pub fn term_count(&self) -> usize {
        self.term_at.len
    }

    /// A reader at claim `i`'s record.
    fn claim_reader(&self, i: usize) -> Option<Reader<'_>> {
        let (at, skip) = self.claim_at.locate(i)?;
        let mut r = Reader::at(&self.bytes, at);
        for _ in 0..skip {
            skip_claim(&mut r, self.coding.is_some()).ok()?;
        }
        Some(r)
    }

    /// Claim `i`, decoded from the bytes.
    pub fn claim(&self, i: usize) -> Option<Claim> {
        let r = self.claim_reader(i)?;
        read_claim(&self.bytes, r.pos, &self.catalog, self.coding.as_ref()).ok()
    }

    /// Claim `i`'s id, read in place.
    pub fn claim_id(&self, i: usize) -> &str {
        self.claim_reader(i).and_then(|mut r| r.text().ok()).unwrap_or("")
    }

    /// The index of the claim with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        let (at, _) = self.claim_at.locate(0)?;
        let mut r = Reader::at(&self.bytes, at);
        for i in 0..self.claim_count() {
            if r.clone().text().ok()? == id {
                return Some(i);
            }
            skip_claim(&mut r, self.coding.is_some()).ok()?;
        }
        None
    }

    /// Whether term `id` is one of the dataset's entities (aliases fold to `@id` terms).
    pub fn is_entity(&self, id: u32) -> bool {
        self.entity.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    /// The id of a term: a binary search over the first term of each block of the sorted
    /// dictionary, then a scan of that block.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        let term = term.as_bytes();
        let heads = &self.term_at.at;
        let head = |b: usize| Reader::at(&self.bytes, heads[b] as usize).bytes_field().unwrap_or(&[]);
        let key = prefix_key(term);
        // The last block whose first term is not after `term`.
        let (mut lo, mut hi) = (0usize, heads.len().min(self.term_keys.len()));
        while lo < hi {
            let mid = (lo + hi) / 2;
            let not_after = match self.term_keys[mid].cmp(&key) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Equal => head(mid) <= term,
            };
            if not_after {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let block = lo.checked_sub(1)?;
        let mut r = Reader::at(&self.bytes, heads[block] as usize);
        let first = block * BLOCK;
        for _ in first..(first + BLOCK).min(self.term_count()) {
            let found = r.bytes_field().ok()?.cmp(term);
            let id = r.varint().ok()? as u32;
            match found {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => return Some(id),
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }

    /// Every term of the dictionary by hash, for `term_id_in`; `None` if the dictionary cannot be
    /// walked (only damaged bytes that opening let through could do that).
    pub fn term_table(&self) -> Option<TermTable> {
        let n = self.term_count();
        // At most two thirds full (a third on average): short probes, for 8 bytes a slot.
        let size = (n + n / 2 + 1).next_power_of_two();
        let mut slots = vec![(0u32, 0u32); size];
        let mask = size - 1;
        for (b, &at) in self.term_at.at.iter().enumerate() {
            let mut r = Reader::at(&self.bytes, at as usize);
            for _ in b * BLOCK..((b + 1) * BLOCK).min(n) {
                let pos = r.pos;
                let term = r.bytes_field().ok()?;
                let id = u32::try_from(r.varint().ok()?).ok()?;
                let mut k = term_hash(term) as usize & mask;
                while slots[k].0 != 0 {
                    k = (k + 1) & mask;
                }
                slots[k] = (u32::try_from(pos).ok()?.checked_add(1)?, id);
            }
        }
        Some(TermTable { slots })
    }

    /// `term_id`, through the table `term_table` built: one hash and, mostly, one comparison.
    pub fn term_id_in(&self, table: &TermTable, term: &str) -> Option<u32> {
        let term = term.as_bytes();
        let mask = table.slots.len().checked_sub(1)?;
        let mut k = term_hash(term) as usize & mask;
        // The table always has empty slots, so one ends every probe.
        loop {
            let (pos, id) = *table.slots.get(k)?;
            if pos == 0 {
                return None;
            }
            if Reader::at(&self.bytes, pos as usize - 1).bytes_field().ok()? == term {
                return Some(id);
            }
            k = (k + 1) & mask;
        }
    }

    /// Claim `i`'s passages (statement, wordings, quotes), read in place in one pass: their terms
    /// appended to `terms`, and per passage (empty ones included, so that the statement stays
    /// first) its field and its range in `terms`.
    pub fn passages_into(&self, i: usize, terms: &mut Vec<u32>, spans: &mut Vec<(u8, usize, usize)>) {
        // One position per claim (`passages_at` has blocks of one, since re-ranking reads the
        // passages of every candidate), so nothing is ever skipped to reach a claim's.
        let Some((at, 0)) = self.passages_at.locate(i) else { return };
        let mut r = Reader::at(&self.bytes, at);
        let Ok(n) = r.varint() else { return };
        for _ in 0..n {
            let (Ok(field), Ok(len)) = (r.byte(), r.varint()) else { return };
            let start = terms.len();
            for _ in 0..len {
                match r.varint() {
                    Ok(t) => terms.push(t as u32),
                    Err(_) => break,
                }
            }
            spans.push((field, start, terms.len()));
        }
    }

    /// The dataset's aliases and synonyms, as the analyser matches them; the store keeps none.
    pub fn take_lexicon(&mut self) -> Lexicon {
        std::mem::take(&mut self.lexicon)
    }

    /// The whole dataset, every claim decoded (for exports; the engine never needs it).
    pub fn to_dataset(&self) -> Dataset {
        let mut ds = self.catalog.clone();
        ds.claims = (0..self.claim_count()).filter_map(|i| self.claim(i)).collect();
        ds
    }
}

/// The name, title, description, sources, entities and synonyms.
fn catalog(r: &mut Reader) -> Result<Dataset, DecodeError> {
    let mut ds = Dataset { name: r.str()?, title: r.str()?, description: r.str()?, ..Dataset::default() };
    let n = r.count()?;
    for _ in 0..n {
        let mut s = Source {
            id: r.str()?,
            file: r.str()?,
            outlet: r.str()?,
            title: r.str()?,
            author: r.str()?,
            date: r.str()?,
            language: r.str()?,
            url: r.str()?,
            within: None,
        };
        // A forged file must not smuggle a javascript: or data: link past the compiler's check.
        if !s.url.is_empty() && !valid_url(&s.url) {
            return Err(DecodeError::Invalid(format!("source {} has a link that is not http: or https:", s.id)));
        }
        let within = r.varint()?;
        if within > 0 {
            if within > n as u64 {
                return Err(DecodeError::Invalid(format!("source {} is within a source that does not exist", s.id)));
            }
            s.within = Some((within - 1) as u32);
        }
        ds.sources.push(s);
    }
    for _ in 0..r.count()? {
        ds.entities.push(Entity { id: r.str()?, name: r.str()?, kind: r.str()?, aliases: r.strs()? });
    }
    for _ in 0..r.count()? {
        ds.synonyms.push(r.strs()?);
    }
    limits::catalog(&ds)?;
    let names = [("name", &ds.name), ("title", &ds.title)].into_iter();
    let names = names.chain(ds.sources.iter().flat_map(|s| {
        [
            ("outlet", &s.outlet),
            ("title", &s.title),
            ("author", &s.author),
            ("language", &s.language),
            ("file", &s.file),
        ]
    }));
    let names = names.chain(
        ds.entities
            .iter()
            .flat_map(|e| std::iter::once(("name", &e.name)).chain(e.aliases.iter().map(|a| ("alias", a)))),
    );
    for (field, text) in names {
        plain(field, text)?;
    }
    Ok(ds)
}

/// Refuses a name with a character that hides or reorders what readers see (`limits::hidden_char`):
/// a forged file must not show a speaker `\u{202e}sretueR` as "Reuters".
fn plain(field: &str, text: &str) -> Result<(), DecodeError> {
    match limits::hidden_in(text) {
        Some(c) => Err(DecodeError::Invalid(format!(
            "a {field} holds {}, an invisible, control or direction-changing character; recompile it with `crosscheck build`, which refuses it",
            limits::escape_char(c)
        ))),
        None => Ok(()),
    }
}

/// Checks one claim record without copying it: returns its numbers of wordings and accounts and
/// passes each account's origin and stance to `account`.
fn walk_claim<'a>(
    r: &mut Reader<'a>,
    ds: &Dataset,
    coding: Option<&Decoder>,
    checks: Checks,
    mut account: impl FnMut(&'a [u8], Stance),
) -> Result<(usize, usize), DecodeError> {
    let id = r.text()?;
    limits::within(Limit::IdBytes, id.len())?;
    // The bytes of all the claim's strings together (`Limit::ClaimBytes`).
    let mut total = id.len();
    // A string's stored bytes, decoded and checked (its length against `limit`, and a name, given
    // as `field`, for hidden characters) or stepped over.
    let mut string = |r: &mut Reader<'a>, limit: Limit, field: Option<&str>| -> Result<&'a [u8], DecodeError> {
        let from = r.pos;
        let len = match checks {
            Checks::All => {
                let text = r.ctext(coding)?;
                if let Some(field) = field {
                    plain(field, &text)?;
                }
                text.len()
            }
            Checks::Structure => {
                let len = if coding.is_some() { r.varint()? as usize } else { 0 };
                len.max(r.bytes_field()?.len())
            }
        };
        limits::within(limit, len)?;
        total = total.saturating_add(len);
        Ok(r.bytes.get(from..r.pos).unwrap_or(&[]))
    };
    string(r, Limit::ClaimTextBytes, None)?;
    string(r, Limit::IdBytes, None)?;
    let dates = r.count()?;
    limits::within(Limit::DatesPerClaim, dates)?;
    for _ in 0..dates {
        string(r, Limit::DateBytes, None)?;
    }
    let entities = r.count()?;
    limits::within(Limit::EntitiesPerClaim, entities)?;
    for _ in 0..entities {
        r.index(ds.entities.len(), "entity")?;
    }
    let wordings = r.varint()?;
    limits::within_u64(Limit::WordingsPerClaim, wordings)?;
    let wordings = wordings as usize;
    let accounts = r.count()?;
    limits::within(Limit::AccountsPerClaim, accounts)?;
    for _ in 0..accounts {
        r.index(ds.sources.len(), "source")?;
        string(r, Limit::SpeakerBytes, Some("speaker"))?;
        string(r, Limit::RoleBytes, Some("role"))?;
        let via = r.count()?;
        limits::within(Limit::ViaPerAccount, via)?;
        for _ in 0..via {
            string(r, Limit::ViaBytes, Some("via entry"))?;
        }
        let origin = string(r, Limit::OriginBytes, Some("origin"))?;
        let code = r.byte()?;
        let Some(stance) = Stance::from_code(code) else {
            return Err(DecodeError::Invalid(format!("unknown stance code {code} in claim {id}")));
        };
        account(origin, stance);
        string(r, Limit::QuoteBytes, None)?;
        string(r, Limit::NoteBytes, None)?;
    }
    limits::within(Limit::ClaimBytes, total)?;
    // The passages hold one per wording; a forged count must not make them huge.
    if wordings > r.bytes.len() {
        return Err(invalid("a claim has more wordings than the data could hold"));
    }
    Ok((wordings, accounts))
}

/// Steps over a claim record (checked at opening) without decoding its strings.
fn skip_claim(r: &mut Reader, coded: bool) -> Result<(), DecodeError> {
    r.bytes_field()?;
    r.skip_ctext(coded)?;
    r.skip_ctext(coded)?;
    for _ in 0..r.count()? {
        r.skip_ctext(coded)?;
    }
    for _ in 0..r.count()? {
        r.varint()?;
    }
    r.varint()?;
    for _ in 0..r.count()? {
        r.varint()?;
        r.skip_ctext(coded)?;
        r.skip_ctext(coded)?;
        for _ in 0..r.count()? {
            r.skip_ctext(coded)?;
        }
        r.skip_ctext(coded)?;
        r.byte()?;
        r.skip_ctext(coded)?;
        r.skip_ctext(coded)?;
    }
    Ok(())
}

/// The analysed aliases and synonyms, decoded into the tables the analyser matches with.
fn read_lexicon(r: &mut Reader) -> Result<Lexicon, DecodeError> {
    let mut lexicon = Lexicon::default();
    for _ in 0..r.count()? {
        let (canonical, phrase) = lexicon_entry(r)?;
        lexicon.insert(phrase, canonical);
    }
    Ok(lexicon)
}

/// One analysed alias or synonym: its canonical term and its terms.
fn lexicon_entry<'a>(r: &mut Reader<'a>) -> Result<(&'a str, PhraseTerms), DecodeError> {
    let canonical = r.text()?;
    let caps_only = r.byte()? != 0;
    let n = r.count()?;
    let mut terms = Vec::with_capacity(n);
    for _ in 0..n {
        terms.push((r.str()?, r.byte()? != 0));
    }
    Ok((canonical, PhraseTerms { terms, caps_only }))
}

/// Decodes the claim record at `at`.
fn read_claim(bytes: &[u8], at: usize, ds: &Dataset, coding: Option<&Decoder>) -> Result<Claim, DecodeError> {
    let mut r = Reader::at(bytes, at);
    let s = |r: &mut Reader| r.ctext(coding).map(Cow::into_owned);
    let id = r.str()?;
    let text = s(&mut r)?;
    let event = s(&mut r)?;
    let dates = (0..r.count()?).map(|_| s(&mut r)).collect::<Result<_, _>>()?;
    let mut c = Claim { id, text, event, dates, ..Claim::default() };
    for _ in 0..r.count()? {
        c.entities.push(r.index(ds.entities.len(), "entity")?);
    }
    // Only the number of wordings is stored (their terms are in the passages).
    r.varint()?;
    for _ in 0..r.count()? {
        let source = r.index(ds.sources.len(), "source")?;
        let speaker = s(&mut r)?;
        let role = s(&mut r)?;
        let via = (0..r.count()?).map(|_| s(&mut r)).collect::<Result<_, _>>()?;
        let origin = s(&mut r)?;
        let code = r.byte()?;
        let stance = Stance::from_code(code).ok_or_else(|| invalid("unknown stance code"))?;
        let quote = s(&mut r)?;
        let note = s(&mut r)?;
        c.accounts.push(Account { source, speaker, role, via, origin, stance, quote, note });
    }
    Ok(c)
}

/// Decodes a whole dataset (every claim; wordings are not stored, so they come back empty).
pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
    Ok(Store::open(Cow::Owned(bytes.to_vec()))?.to_dataset())
}

// Test code: each `expect` below is the test failing, on the seed (compiled here as build.rs compiles it) or on a
// subset the test encodes itself; no reader's bytes.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The seed dataset's bytes and image, as crosscheck-engine's build.rs writes them.
    fn seed() -> (&'static [u8], &'static [u8]) {
        static COMPILED: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
        let (bytes, image) = COMPILED.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/seed");
            let bytes = encode(&crate::source::compile_dir(&dir).expect("the seed compiles"));
            let image = Store::open(Cow::Owned(bytes.clone())).expect("the seed opens").image();
            (bytes, image)
        });
        (bytes, image)
    }

    /// Everything opening works out, side by side (the lexicon through its Debug form: both
    /// sides build it by the same inserts, in the same order).
    fn tables(s: &Store) -> String {
        format!(
            "{:?}",
            (
                &s.catalog,
                &s.claim_at,
                &s.term_at,
                &s.term_keys,
                &s.passages_at,
                &s.entity,
                &s.stats,
                s.lexicon_at,
                &s.layout,
                &s.lexicon,
                s.coding.is_some(),
                s.bytes.len()
            )
        )
    }

    #[test]
    fn the_seed_seed_imageopens_to_the_tables_the_walk_finds() {
        let (seed_bytes, seed_image) = seed();
        let walked = Store::open(Cow::Borrowed(seed_bytes)).expect("the seed opens");
        let imaged = Store::open_image(Cow::Borrowed(seed_bytes), seed_image).expect("the seed's image opens");
        assert!(walked.layout.at.len() > 1000 && walked.claim_count() > 200, "a real dataset, not an empty one");
        assert_eq!(tables(&imaged), tables(&walked));
        assert_eq!(walked.image(), seed_image, "the image is the one the walk gives");
    }

    #[test]
    fn an_seed_imageis_tied_to_its_bytes() {
        let (seed_bytes, seed_image) = seed();
        // Another dataset (the seed's first 40 claims), its own image, and the two crossed.
        let mut ds = decode(seed_bytes).expect("the seed decodes");
        ds.claims.truncate(40);
        let bytes = encode(&ds);
        let walked = Store::open(Cow::Owned(bytes.clone())).expect("the subset opens");
        let image = walked.image();
        let imaged = Store::open_image(Cow::Owned(bytes.clone()), &image).expect("its image opens");
        assert_eq!(tables(&imaged), tables(&walked));
        assert!(Store::open_image(Cow::Owned(bytes), seed_image).is_err(), "the seed's image is not the subset's");
        assert!(Store::open_image(Cow::Borrowed(seed_bytes), &image).is_err(), "the subset's image is not the seed's");
    }

    #[test]
    fn a_damaged_seed_imageis_refused_or_opens_without_panicking() {
        let (seed_bytes, seed_image) = seed();
        for cut in 0..seed_image.len() {
            assert!(Store::open_image(Cow::Borrowed(seed_bytes), &seed_image[..cut]).is_err(), "cut at {cut}");
        }
        let mut image = seed_image.to_vec();
        for at in (0..image.len()).step_by(7) {
            for flip in [0x01u8, 0x80, 0xff] {
                image[at] ^= flip;
                if let Ok(store) = Store::open_image(Cow::Borrowed(seed_bytes), &image) {
                    // Wrong tables read wrong bytes, through the same checked reads as ever.
                    for i in (0..store.claim_count()).step_by(17) {
                        let _ = (store.claim(i), store.claim_id(i), store.term_id("moscow"));
                        let (mut terms, mut spans) = (Vec::new(), Vec::new());
                        store.passages_into(i, &mut terms, &mut spans);
                    }
                }
                image[at] ^= flip;
            }
        }
    }
}
