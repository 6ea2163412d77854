//! Encoding a dataset into its binary form.

use super::frame::frame;
use super::lexicon::lexicon_entries;
use super::varint;
use super::{FIELD_QUOTE, FIELD_STATEMENT, FIELD_WORDING, PACK_TEXT_OVER, TEXT_HUFFMAN, TEXT_PLAIN};
use crate::huffman;
use crate::model::{Claim, Dataset};
use crosscheck_text::{analyze, Lexicon};
use std::collections::BTreeMap;

pub(super) struct Writer {
    pub(super) buf: Vec<u8>,
}

impl Writer {
    pub(super) fn varint(&mut self, v: u64) {
        varint::put(&mut self.buf, v);
    }

    pub(super) fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }

    pub(super) fn str(&mut self, s: &str) {
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
