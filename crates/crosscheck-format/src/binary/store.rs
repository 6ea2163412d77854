//! An opened dataset (`Store`): checked once at opening, then read in place.

use super::dictionary::prefix_key;
use super::error::{DecodeError, ErrorKind};
use super::frame::body;
use super::lexicon::read_lexicon;
use super::reader::Reader;
use super::records::{catalog, read_claim, skip_claim, walk_claim};
use super::{varint, Checks, FIELD_QUOTE, TEXT_HUFFMAN, TEXT_PLAIN};
use crate::huffman::Decoder;
use crate::limits::{self, Limit};
use crate::model::{Claim, Dataset, Stance};
use crosscheck_text::Lexicon;
use std::borrow::Cow;

/// Counts over all claims, taken while the claims are checked at opening.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub accounts: usize,
    /// Distinct origins over the whole dataset.
    pub origins: usize,
    /// Claims with both corroborating and conflicting accounts.
    pub disputed: usize,
}

/// An opened dataset: the catalogue decoded, the claims and the index read in place.
pub struct Store {
    pub(super) bytes: Cow<'static, [u8]>,
    /// Name, title, description, sources, entities and synonyms; its `claims` is always empty
    /// (claims are read from the bytes when asked for).
    pub(super) catalog: Dataset,
    /// Where each claim's record starts in `bytes`.
    pub(super) claim_at: Blocked,
    /// Where each term of the dictionary starts (its length prefix).
    pub(super) term_at: Blocked,
    /// The first four bytes of each block's first term (`prefix_key`): a lookup binary-searches
    /// these integers and compares bytes only on a tie and within the block it lands in, which
    /// halved the cost of looking a query's terms up, for 4 bytes per 8 terms.
    pub(super) term_keys: Vec<u32>,
    /// Where each claim's passages start.
    pub(super) passages_at: Blocked,
    /// The analysed aliases and synonyms, decoded (and checked) once at opening, until the engine
    /// takes them (`take_lexicon`).
    pub(super) lexicon: Lexicon,
    /// How claim strings are coded (`None`: plain).
    pub(super) coding: Option<Decoder>,
    /// Which term ids are entities (`@id`), a bit each.
    pub(super) entity: Vec<u64>,
    pub(super) stats: Stats,
    /// Where the lexicon starts (for `image`).
    pub(super) lexicon_at: usize,
    /// The postings' layout, until the engine takes it (`take_layout`).
    pub(super) layout: Layout,
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

/// Positions of every `BLOCK`th claim record and dictionary term: any of them is reached by
/// skipping at most `BLOCK - 1` others, and a large dataset keeps an eighth of the wasm memory a
/// position per item would take. Passages, which re-ranking reads for every candidate, keep one
/// position per claim.
pub(super) const BLOCK: usize = 8;

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Blocked {
    pub(super) every: usize,
    pub(super) at: Vec<u32>,
    pub(super) len: usize,
}

impl Blocked {
    pub(super) fn new(every: usize) -> Blocked {
        Blocked { every: every.max(1), at: Vec::new(), len: 0 }
    }

    pub(super) fn reserve(&mut self, items: usize) {
        self.at.reserve_exact(items.div_ceil(self.every));
    }

    pub(super) fn push(&mut self, pos: usize) {
        if self.len % self.every == 0 {
            self.at.push(pos as u32);
        }
        self.len += 1;
    }

    /// Where the block holding item `i` starts, and how many items to skip in it.
    pub(super) fn locate(&self, i: usize) -> Option<(usize, usize)> {
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
                    return Err(r.fail(ErrorKind::DictionaryNotSorted));
                }
                previous = Some(t);
                let id = r.index(n_terms, "term")? as usize;
                if seen[id / 64] & (1 << (id % 64)) != 0 {
                    return Err(r.fail(ErrorKind::DuplicateTermId));
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
                    return Err(r.fail(ErrorKind::PassageCount));
                }
                for _ in 0..n {
                    let field = r.byte()?;
                    if field > FIELD_QUOTE {
                        return Err(r.fail(ErrorKind::UnknownField { field }));
                    }
                    let len = r.count()?;
                    limits::within(Limit::PassageTerms, len).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
                    layout.field_terms[usize::from(field)] += len as u64;
                    for _ in 0..len {
                        let t = r.index(n_terms, "term")? as usize;
                        if last[t] != c {
                            let gap = c.wrapping_sub(last[t]);
                            layout.at[t + 1] = layout.at[t + 1].saturating_add(varint::len(u64::from(gap)) as u32 + 1);
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
                return Err(r.fail(ErrorKind::UnreadBytes { count: range.end - r.pos }));
            }
        }
        store.bytes = bytes;
        Ok(store)
    }

    pub(super) fn empty() -> Store {
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
    pub(super) fn head(&mut self, r: &mut Reader) -> Result<usize, DecodeError> {
        self.catalog = catalog(r)?;
        self.coding = match r.byte()? {
            TEXT_PLAIN => None,
            TEXT_HUFFMAN => {
                let mut lens = [0u8; 256];
                for l in lens.iter_mut() {
                    *l = r.byte()?;
                }
                Some(Decoder::new(&lens).ok_or_else(|| r.fail(ErrorKind::NotAPrefixCode))?)
            }
            other => return Err(r.fail(ErrorKind::UnknownTextCoding { code: other })),
        };
        r.count()
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

/// Decodes a whole dataset (every claim; wordings are not stored, so they come back empty).
pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
    Ok(Store::open(Cow::Owned(bytes.to_vec()))?.to_dataset())
}
