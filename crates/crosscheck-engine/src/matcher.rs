//! Claim matching: an inverted index over each claim's statement, wordings and quotes, ranked with
//! BM25F, then re-ranked by passage evidence (coverage, adjacent pairs, verbatim containment), and a
//! confidence that decides whether to answer at all.
//!
//! The engine knows nothing about the seed dataset: aliases and synonyms come from whichever dataset
//! it is given, and the same code ranks the CheckThat claims in `crosscheck search`.

use crosscheck_format::binary::{
    self, Checks, DecodeError, Layout, Stats, Store, TermTable, FIELD_QUOTE, FIELD_STATEMENT, FIELD_WORDING,
};
use crosscheck_format::model::{Claim, Dataset};
use crosscheck_text::{analyze, sentences, Lexicon};
use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

/// The fields a claim is indexed under. Each has its own weight and length normalisation (BM25F).
pub const FIELDS: usize = 3;
const STATEMENT: usize = FIELD_STATEMENT as usize;
const WORDINGS: usize = FIELD_WORDING as usize;
const QUOTES: usize = FIELD_QUOTE as usize;

/// Selections longer than this are cut (at a character boundary) before matching. It is far more
/// than a reader selects on purpose (a long news article is ~40,000 characters) and keeps the worst
/// case bounded; see docs/quality.md.
pub const MAX_SELECTION_CHARS: usize = 20_000;
/// At most this many sentences of a long selection are matched, in text order.
pub const MAX_SENTENCES: usize = 60;
/// A sentence contributes at most this many terms to a query.
const MAX_QUERY_TERMS: usize = 96;
/// How many top candidates get the finer (passage-level) scoring in `search`. Re-ranking is what a
/// search costs beyond the postings, and deeper lists gave no better ranking on CheckThat
/// (docs/quality.md). (examples/fit.rs still learns from 30 candidates a tweet: it asks
/// `candidates` for 30.)
const RERANK_DEPTH: usize = 10;
/// The same for `lookup`, which answers with at most a few claims per sentence and runs on every
/// sentence of a page when marking it: the claim a sentence carries is nearly always among the
/// first few by BM25F (docs/quality.md has the figures), and re-ranking is most of a lookup's cost.
const LOOKUP_DEPTH: usize = 5;

/// How many features the ranker combines.
pub const FEATURES: usize = 12;
/// Learned by `cargo run --release --example fit` (pairwise logistic regression).
const RANK_WEIGHTS: [f32; FEATURES] =
    [1.0737, 0.1950, 1.9780, 1.3853, 1.8175, 2.7177, 1.1510, 0.8793, 0.8932, 0.8176, 0.3250, 0.6000];

/// Tuning constants, in one place so that experiments change one thing at a time.
#[derive(Clone, Debug)]
pub struct Params {
    pub k1: f32,
    pub b: [f32; FIELDS],
    pub weight: [f32; FIELDS],
    pub bigram_weight: f32,
    /// The weights of the ranking features (see `Engine::features`), learned on the CheckThat 2020
    /// train split and the seed dataset's own wordings by `examples/fit.rs`.
    pub rank_weights: [f32; FEATURES],
    /// Under this confidence `lookup` answers nothing.
    pub threshold: f32,
    /// The weights of the decision (`confidence::decision_features`), learned by `examples/decide.rs`.
    pub decision_weights: [f32; crate::confidence::DECISION_FEATURES],
    /// What a related word (`related`) weighs against the word itself; 0 turns them off.
    pub related_weight: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            k1: 1.2,
            b: [0.75, 0.75, 0.75],
            weight: [1.0, 0.8, 0.6],
            bigram_weight: 0.5,
            rank_weights: RANK_WEIGHTS,
            threshold: 0.77,
            decision_weights: crate::confidence::DECISION_WEIGHTS,
            related_weight: crate::related::RELATED_WEIGHT,
        }
    }
}

/// One claim found for a piece of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// The claim's index in the dataset (`Engine::claim`).
    pub claim: usize,
    /// How sure the engine is, from 0 to 1; matches under the threshold are never returned.
    pub confidence: f32,
    /// Byte range, in the selection, of the sentence that matched.
    pub offset: usize,
    pub end: usize,
}

/// How well a claim covers a query (see `Engine::evidence`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence {
    /// From 0 to 1; the no-match threshold applies to it.
    pub confidence: f32,
    /// The share of the query's IDF mass found anywhere in the claim.
    pub covered: f32,
    /// The best F2 of the query against a single passage.
    pub best_passage: f32,
    /// The share of the claim statement's IDF mass that the query matches.
    pub statement_precision: f32,
    /// The best share of a single passage's IDF mass that the query matches.
    pub best_precision: f32,
    /// The share of the query's mass found in the claim with reporting-frame, number and date
    /// terms weighing less (`confidence::class_weight`).
    pub covered_content: f32,
    /// The share of the statement's entities that the query names (0.5 when it names none).
    pub claim_entities: f32,
    pub shares_entity: bool,
    /// Distinct content terms (neither frame nor number) shared with the claim.
    pub shared_content: usize,
    /// 1 when the query has a number or date the claim shares, 0 when it has one the claim
    /// lacks, 0.5 without numbers.
    pub number_support: f32,
    /// The share of the shared mass that numbers and dates make up.
    pub number_share: f32,
    /// The query's terms (all, in text order).
    pub query_terms: usize,
    /// The query names a year that the claim's passages name.
    pub year_agrees: bool,
    /// The query names years, the claim's passages name others and none of the query's.
    pub year_conflicts: bool,
}

/// A candidate before ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub claim: usize,
    pub evidence: Evidence,
    pub features: [f32; FEATURES],
}

/// A ranked candidate for `search`, without the no-match threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub claim: usize,
    pub score: f32,
    pub confidence: f32,
}

fn put_varint(buf: &mut [u8], mut at: usize, mut v: u64) -> usize {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if let Some(slot) = buf.get_mut(at) {
            *slot = if v == 0 { byte } else { byte | 0x80 };
        }
        at += 1;
        if v == 0 {
            return at;
        }
    }
}

fn get_varint(buf: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = buf.get(*at) {
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 || shift >= 63 {
            break;
        }
        shift += 7;
    }
    v
}

const NOT_IN_QUERY: u16 = u16::MAX;

/// Scratch space for re-ranking candidates, reused from one candidate to the next.
#[derive(Default)]
struct PassageBuf {
    terms: Vec<u32>,
    in_query: Vec<u16>,
    spans: Vec<(u8, usize, usize)>,
    /// Per passage, its IDF mass (see `Decoded`), where the dataset keeps its passages decoded;
    /// empty where `evidence` works them out.
    mass: Vec<f32>,
    found: Vec<bool>,
    seen_in: Vec<usize>,
    /// The statement's distinct entity terms (a handful), for `Evidence::claim_entities`.
    entity_seen: Vec<u32>,
    /// Per term of the dictionary, the last passage (by `stamp`) it was counted in: a passage's
    /// distinct terms without sorting it.
    mark: Vec<u16>,
    stamp: u16,
    tf: Vec<[f32; FIELDS]>,
    /// Per distinct pair of the query, its count in each field.
    pair_tf: Vec<[f32; FIELDS]>,
}

impl PassageBuf {
    fn new(terms: usize) -> PassageBuf {
        PassageBuf { mark: vec![0; terms], ..PassageBuf::default() }
    }
}

/// A stamp no entry of `mark` holds yet.
fn next_stamp(mark: &mut [u16], stamp: &mut u16) -> u16 {
    *stamp = stamp.wrapping_add(1);
    if *stamp == 0 {
        mark.fill(0);
        *stamp = 1;
    }
    *stamp
}

/// The IDF mass of the passage `terms`: the IDFs of its distinct terms of the dictionary (`mark` has
/// one entry per term), summed in the order they first occur. The kept passages (`Decoded::weigh`)
/// and `Engine::evidence` both sum it here, so the two ways give the same bits.
fn passage_mass(terms: &[u32], idf: &[f32], mark: &mut [u16], stamp: &mut u16) -> f32 {
    let stamp = next_stamp(mark, stamp);
    let mut mass = 0f32;
    for &t in terms {
        if let (Some(m), Some(&w)) = (mark.get_mut(t as usize), idf.get(t as usize)) {
            if *m != stamp {
                *m = stamp;
                mass += w;
            }
        }
    }
    mass
}

/// A selection, analysed: what scoring and the evidence need, computed once per sentence.
struct Query {
    /// Every term in text order as an id; terms the index has never seen get ids past its
    /// vocabulary, distinct from each other, with no postings.
    ids: Vec<u32>,
    /// The distinct ids, sorted, with their IDF.
    uniq: Vec<(u32, f32)>,
    /// The distinct known ids of the text before a tweet's signature (all of them without one).
    body: Vec<u32>,
    /// Adjacent pairs of known terms, distinct.
    pairs: Vec<(u32, u32)>,
    /// Per distinct term (as `uniq`), its class for the decision (`confidence::classify`).
    class: Vec<u8>,
    /// When the query names a year: the ids of every year the dictionary holds, sorted.
    years: Vec<u32>,
    /// Words of the text, stop words included.
    words: usize,
}

pub struct Engine {
    store: Store,
    lexicon: Lexicon,
    index: Postings,
    has_entities: bool,
    /// The per-claim score accumulator, reused by every query (a query that finds it in use, on
    /// another thread, allocates its own).
    scratch: Mutex<Scratch>,
    /// For a dataset that keeps its passages decoded (a small one: see `Decoded`), the dictionary
    /// as a hash table, built on the first query (the shell's `warm()`, not `ready()`): looking a
    /// sentence's terms up in the sorted dictionary was a seventh of marking a page.
    terms: OnceLock<Option<TermTable>>,
    /// The ids of the years (1900-2099) the dictionary holds, sorted: found on the first query that
    /// names a year (`confidence::YEAR`), for telling a claim's years from a selection's.
    years: OnceLock<Vec<u32>>,
    /// Tuning constants. `k1`, `b` and the field weights are baked into the postings when the
    /// dataset is opened: change them with `with_params`; the others apply at once.
    pub params: Params,
}

/// Per-claim accumulators for one query: the BM25F score, and how many of the query's distinct
/// terms the claim has (saturating).
struct Scratch {
    scores: Vec<f32>,
    hits: Vec<u8>,
    /// The claims the last query scored (their `hits` went from 0 to 1), in posting order: only
    /// these are reset before the next query, and only these compete for the top candidates, so a
    /// query costs what its postings cost, not what the dataset's size does.
    touched: Vec<u32>,
    /// For every term of the dictionary, its index among the query's distinct terms, or
    /// `NOT_IN_QUERY`: re-ranking looks every passage term up here. Reset after each query.
    slot: Vec<u16>,
    buf: PassageBuf,
}

impl Scratch {
    fn new(claims: usize, terms: usize) -> Scratch {
        Scratch {
            scores: vec![0.0; claims],
            hits: vec![0; claims],
            touched: Vec::new(),
            slot: vec![NOT_IN_QUERY; terms],
            buf: PassageBuf::new(terms),
        }
    }
}

/// One claim's distinct terms with their counts per field, gathered without sorting. `local[t]`
/// is term `t`'s place in `terms` when `terms` there holds `t` (a sparse set: stale entries are
/// told apart by that check, so nothing is cleared between claims and one array per term does).
struct ClaimTerms {
    terms: Vec<(u32, [u16; FIELDS])>,
    local: Vec<u32>,
    /// The claim's passages, as `Store::passages_into` decodes them.
    ids: Vec<u32>,
    spans: Vec<(u8, usize, usize)>,
}

impl ClaimTerms {
    fn new(terms: usize) -> ClaimTerms {
        ClaimTerms { terms: Vec::new(), local: vec![0; terms], ids: Vec::new(), spans: Vec::new() }
    }

    /// Reads claim `c`'s passages and returns its field lengths. Kept out of line so that, in a
    /// browser, the engine compiles it optimised after a few claims instead of running the whole
    /// build in the first, unoptimised tier (which a single long call never leaves).
    #[inline(never)]
    fn read(&mut self, store: &Store, c: usize) -> [u32; FIELDS] {
        self.terms.clear();
        self.ids.clear();
        self.spans.clear();
        store.passages_into(c, &mut self.ids, &mut self.spans);
        let mut lens = [0u32; FIELDS];
        for &(field, start, end) in &self.spans {
            let field = usize::from(field.min(FIELD_QUOTE));
            for &t in self.ids.get(start..end).unwrap_or(&[]) {
                let Some(local) = self.local.get_mut(t as usize) else { continue };
                lens[field] += 1;
                let k = match self.terms.get(*local as usize) {
                    Some(&(held, _)) if held == t => *local as usize,
                    _ => {
                        *local = self.terms.len() as u32;
                        self.terms.push((t, [0; FIELDS]));
                        self.terms.len() - 1
                    }
                };
                let tf = &mut self.terms[k].1[field];
                *tf = tf.saturating_add(1);
            }
        }
        lens
    }
}

/// The inverted index, built when a dataset is opened by counting its passages' terms.
///
/// Term `t`'s postings are `bytes[at[t]..at[t + 1]]`: per claim that has the term, a varint of the
/// gap from the previous such claim and one byte of impact, the term's BM25F weight in that claim
/// (its saturated, length-normalised count over the fields) quantised to 1/255 of its maximum.
/// Scoring a query is then one multiply-add per posting. About 2.5 bytes per (term, claim), which
/// keeps a 10,000-claim dataset's index well under the size of its text.
struct Postings {
    bytes: Vec<u8>,
    at: Vec<u32>,
    /// The IDF of every term of the dictionary.
    idf: Vec<f32>,
    /// Average length of each field over the claims, in terms.
    avg_len: [f32; FIELDS],
    /// What one step of impact is worth.
    step: f32,
    /// The layout's field lengths, kept for `with_params`.
    field_terms: [u64; FIELDS],
    /// Every claim's passages, decoded, when the dataset is small enough to keep them.
    decoded: Option<Decoded>,
}

/// Datasets of at most this many passage terms keep their passages decoded (4 bytes a term, and 16
/// a passage): the seed is well under it. Larger ones decode a candidate's passages each time it is
/// re-ranked, so that a large dataset (the CheckThat claims are over the limit) costs less memory
/// than its text.
const DECODED_MAX_TERMS: u64 = 1 << 17;

/// The claims' passages as `Store::passages_into` decodes them, kept from building the postings (which
/// decodes every claim's anyway), with each passage's IDF mass (the IDFs of its distinct terms, summed
/// in the order they first occur: what `Engine::evidence` would sum). Re-ranking reads every
/// candidate's passages, and marking a page re-ranks a few candidates for each of its sentences,
/// among which the same claims come back again and again; the varints were a tenth of that work.
struct Decoded {
    /// Claim `c`'s passages are `spans[claims[c]..claims[c + 1]]`.
    claims: Vec<u32>,
    /// Claim `c`'s terms are `terms[firsts[c]..firsts[c + 1]]`; its spans are ranges in those.
    firsts: Vec<u32>,
    /// Per passage: its field (quotes' roles folded into `FIELD_QUOTE`), its range, its IDF mass.
    spans: Vec<(u8, u32, u32, f32)>,
    terms: Vec<u32>,
}

impl Decoded {
    /// Room for `terms` terms (the layout's count) at once: wasm memory never shrinks, so the vectors
    /// doubling their way up would hold what they left behind.
    fn new(claims: usize, terms: usize) -> Decoded {
        let mut claims_at = Vec::with_capacity(claims + 1);
        claims_at.push(0);
        let mut firsts = Vec::with_capacity(claims + 1);
        firsts.push(0);
        Decoded { claims: claims_at, firsts, spans: Vec::with_capacity(claims * 12), terms: Vec::with_capacity(terms) }
    }

    /// Appends the next claim's passages, or gives up (returns false) past `DECODED_MAX_TERMS`.
    fn push(&mut self, ids: &[u32], spans: &[(u8, usize, usize)]) -> bool {
        if (self.terms.len() + ids.len()) as u64 > DECODED_MAX_TERMS {
            return false;
        }
        self.terms.extend_from_slice(ids);
        self.spans
            .extend(spans.iter().map(|&(field, start, end)| (field.min(FIELD_QUOTE), start as u32, end as u32, 0.0)));
        self.claims.push(self.spans.len() as u32);
        self.firsts.push(self.terms.len() as u32);
        true
    }

    /// Each passage's IDF mass, once the IDFs are known.
    fn weigh(&mut self, idf: &[f32]) {
        let (mut mark, mut stamp) = (vec![0u16; idf.len()], 0u16);
        for c in 0..self.claims.len() - 1 {
            let (from, to) = (self.claims[c] as usize, self.claims[c + 1] as usize);
            let terms = &self.terms[self.firsts[c] as usize..self.firsts[c + 1] as usize];
            for span in &mut self.spans[from..to] {
                span.3 = passage_mass(
                    terms.get(span.1 as usize..span.2 as usize).unwrap_or(&[]),
                    idf,
                    &mut mark,
                    &mut stamp,
                );
            }
        }
    }

    /// Claim `c`'s passages into `buf`, as `Engine::decode_passages` reads them; false if there is
    /// no such claim.
    fn read(&self, c: usize, buf: &mut PassageBuf) -> bool {
        let (Some(&from), Some(&to), Some(&first), Some(&last)) =
            (self.claims.get(c), self.claims.get(c + 1), self.firsts.get(c), self.firsts.get(c + 1))
        else {
            return false;
        };
        let (Some(spans), Some(terms)) =
            (self.spans.get(from as usize..to as usize), self.terms.get(first as usize..last as usize))
        else {
            return false;
        };
        buf.terms.extend_from_slice(terms);
        for &(field, start, end, mass) in spans {
            buf.spans.push((field, start as usize, end as usize));
            buf.mass.push(mass);
        }
        true
    }
}

impl Postings {
    /// Writes the postings into the layout that opening counted (`binary::Layout`), reading
    /// every claim's passages once.
    fn build(store: &Store, layout: Layout, p: &Params) -> Postings {
        let (n, terms) = (store.claim_count(), store.term_count());
        let Layout { mut at, field_terms } = layout;
        if at.len() != terms + 1 {
            // Not a layout of this store (only a forged image could give one): no postings, and
            // every query finds nothing, rather than postings written over each other.
            at = vec![0; terms + 1];
        }
        let mut df = vec![0u32; terms];
        let mut last = vec![u32::MAX; terms];
        let mut group = ClaimTerms::new(terms);
        let count = n.max(1) as f64;
        let avg_len: [f32; FIELDS] = std::array::from_fn(|f| ((field_terms[f] as f64 / count) as f32).max(1.0));
        let max_impact = p.k1 + 1.0;
        let step = max_impact / 255.0;
        let mut bytes = vec![0u8; at[terms] as usize];
        let total_terms = field_terms.iter().sum::<u64>();
        let mut decoded = (total_terms <= DECODED_MAX_TERMS).then(|| Decoded::new(n, total_terms as usize));
        // `at[t]` serves as term t's write position (no second array: wasm memory never shrinks,
        // so what opening holds at its peak stays held); once written, `at[t]` is where term t + 1
        // starts, and shifting the array by one puts it back.
        for c in 0..n {
            let lens = group.read(store, c);
            if decoded.as_mut().is_some_and(|d| !d.push(&group.ids, &group.spans)) {
                decoded = None;
            }
            for &(t, tf) in &group.terms {
                let mut combined = 0f32;
                for f in 0..FIELDS {
                    if tf[f] > 0 {
                        let norm = 1.0 - p.b[f] + p.b[f] * lens[f] as f32 / avg_len[f];
                        combined += p.weight[f] * f32::from(tf[f]) / norm;
                    }
                }
                let impact = combined * (p.k1 + 1.0) / (p.k1 + combined);
                let pos = at[t as usize];
                let gap = (c as u32).wrapping_sub(last[t as usize]);
                df[t as usize] += 1;
                let next = put_varint(&mut bytes, pos as usize, u64::from(gap));
                if let Some(slot) = bytes.get_mut(next) {
                    // At least one step, so that a claim with the term always scores above one without.
                    *slot = ((impact / step).round() as u32).clamp(1, 255) as u8;
                }
                at[t as usize] = next as u32 + 1;
                last[t as usize] = c as u32;
            }
        }
        at.copy_within(0..terms, 1);
        at[0] = 0;
        let idf: Vec<f32> =
            df.iter().map(|&d| (1.0 + (count as f32 - d as f32 + 0.5) / (d as f32 + 0.5)).ln()).collect();
        if let Some(d) = decoded.as_mut() {
            d.weigh(&idf);
        }
        Postings { bytes, at, idf, avg_len, step, field_terms, decoded }
    }
}

/// Where a tweet's signature starts ("… — Name (@handle) Date"), if the text ends with one.
fn signature_start(text: &str) -> Option<usize> {
    // A signature has a handle: text without an @ (most of a page) is not searched for dashes,
    // whose searcher costs more to set up than this scan.
    if !text.contains('@') {
        return None;
    }
    let dash = text.rfind(" — ").or_else(|| text.rfind(" - "))?;
    let tail = &text[dash..];
    (tail.contains("(@") && tail.len() < 120).then_some(dash)
}

impl Engine {
    /// Compiles a dataset in memory (analysing every passage) and opens it: what `crosscheck build`
    /// and then loading the file would do.
    pub fn new(dataset: Dataset) -> Engine {
        match Engine::open(Cow::Owned(binary::encode(&dataset))) {
            Ok(engine) => engine,
            // The encoder's output always opens (tests/dataset.rs checks the round trip).
            Err(e) => unreachable!("an encoded dataset failed to open: {e}"),
        }
    }

    /// The embedded default dataset, read in place with the tables the build worked out from the
    /// same bytes (`Store::open_image`): the build compiled and checked them, so nothing is walked
    /// again. Were the image not of these bytes, they would be opened as any others, their claims'
    /// strings excepted (see `Checks::Structure`).
    pub fn embedded() -> Result<Engine, DecodeError> {
        use crate::{SEED, SEED_IMAGE};
        let store = match Store::open_image(Cow::Borrowed(SEED), SEED_IMAGE) {
            Ok(store) => store,
            Err(_) => Store::open_checking(Cow::Borrowed(SEED), Checks::Structure)?,
        };
        Engine::from_store(store, Params::default())
    }

    /// Opens a compiled dataset. No text is analysed here: the passages are already terms, checking
    /// them counts the postings' layout, and the postings are written into it (`Postings::build`).
    pub fn open(bytes: Cow<'static, [u8]>) -> Result<Engine, DecodeError> {
        Engine::open_with(bytes, Params::default())
    }

    /// Opens a compiled dataset with other tuning constants (for parameter sweeps).
    pub fn open_with(bytes: Cow<'static, [u8]>, params: Params) -> Result<Engine, DecodeError> {
        Engine::from_store(Store::open(bytes)?, params)
    }

    fn from_store(mut store: Store, params: Params) -> Result<Engine, DecodeError> {
        let lexicon = store.take_lexicon();
        let layout = store.take_layout();
        let index = Postings::build(&store, layout, &params);
        let has_entities = !store.catalog().entities.is_empty();
        let scratch = Mutex::new(Scratch::new(store.claim_count(), store.term_count()));
        Ok(Engine {
            store,
            lexicon,
            index,
            has_entities,
            scratch,
            terms: OnceLock::new(),
            years: OnceLock::new(),
            params,
        })
    }

    /// The same dataset with other tuning constants; the postings are rebuilt, since their
    /// precomputed impacts depend on `k1`, `b` and the field weights.
    pub fn with_params(mut self, params: Params) -> Engine {
        let layout = Layout { at: std::mem::take(&mut self.index.at), field_terms: self.index.field_terms };
        self.index = Postings::build(&self.store, layout, &params);
        self.params = params;
        self
    }

    /// Name, title, description, sources, entities and synonyms (its `claims` is empty: see `claim`).
    pub fn catalog(&self) -> &Dataset {
        self.store.catalog()
    }

    pub fn stats(&self) -> &Stats {
        self.store.stats()
    }

    pub fn claim_count(&self) -> usize {
        self.store.claim_count()
    }

    /// Claim `i` with its accounts.
    pub fn claim(&self, i: usize) -> Option<Claim> {
        self.store.claim(i)
    }

    pub fn claim_id(&self, i: usize) -> &str {
        self.store.claim_id(i)
    }

    /// The index of the claim with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.store.find(id)
    }

    /// The whole dataset decoded (for exports).
    pub fn to_dataset(&self) -> Dataset {
        self.store.to_dataset()
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Distinct terms in the index.
    pub fn term_count(&self) -> usize {
        self.store.term_count()
    }

    /// Bytes of postings built when the dataset was opened.
    pub fn postings_bytes(&self) -> usize {
        self.index.bytes.len()
    }

    /// The IDF of a term id; ids past the vocabulary (unknown terms) have the highest.
    fn idf(&self, id: u32) -> f32 {
        match self.index.idf.get(id as usize) {
            Some(&w) => w,
            None => {
                let n = self.claim_count() as f32;
                (1.0 + (n + 0.5) / 0.5).ln()
            }
        }
    }

    fn query(&self, text: &str) -> Query {
        let analyse = |t: &str| {
            let mut terms = analyze(t, &self.lexicon);
            terms.truncate(MAX_QUERY_TERMS);
            terms
        };
        // A tweet ends with a signature ("— Name (@handle) Month D, YYYY") whose date and names
        // match claims by accident as often as on purpose; the text before it is also scored on
        // its own. The two parts are analysed apart (the dash ends any phrase anyway), so the
        // text is analysed once.
        let cut = signature_start(text);
        let (terms, body_len) = match cut {
            Some(cut) => {
                let mut terms = analyse(&text[..cut]);
                let body_len = terms.len();
                terms.extend(analyze(&text[cut..], &self.lexicon));
                terms.truncate(MAX_QUERY_TERMS);
                (terms, body_len)
            }
            None => {
                let terms = analyse(text);
                let n = terms.len();
                (terms, n)
            }
        };
        let vocabulary = self.store.term_count() as u32;
        let table = match self.index.decoded {
            Some(_) => self.terms.get_or_init(|| self.store.term_table()).as_ref(),
            None => None,
        };
        let term_id = |t: &str| match table {
            Some(table) => self.store.term_id_in(table, t),
            None => self.store.term_id(t),
        };
        let mut unknown: Vec<&str> = Vec::new();
        let ids: Vec<u32> = terms
            .iter()
            .map(|t| match term_id(t) {
                Some(id) => id,
                None => {
                    let k = unknown.iter().position(|u| *u == t.as_str()).unwrap_or_else(|| {
                        unknown.push(t);
                        unknown.len() - 1
                    });
                    vocabulary + k as u32
                }
            })
            .collect();
        let mut uniq: Vec<(u32, f32)> = ids.iter().map(|&t| (t, self.idf(t))).collect();
        uniq.sort_unstable_by_key(|u| u.0);
        uniq.dedup_by_key(|u| u.0);
        let mut class: Vec<u8> = uniq
            .iter()
            .map(|u| ids.iter().position(|&t| t == u.0).map_or(0, |at| crate::confidence::classify(&terms[at])))
            .collect();
        // Related words of the query's content words, at a lower weight, after the query's own terms
        // (`uniq` stays sorted within each part; nothing searches it by id).
        if self.params.related_weight > 0.0 {
            let mut extra: Vec<u32> = Vec::new();
            for (t, id) in terms.iter().zip(&ids) {
                let k = uniq.iter().position(|u| u.0 == *id);
                if !k.and_then(|k| class.get(k)).is_some_and(|&c| c == crate::confidence::CONTENT) {
                    continue;
                }
                extra.extend(crate::related::related(t).filter_map(&term_id));
            }
            for id in extra {
                if !uniq.iter().any(|u| u.0 == id) {
                    uniq.push((id, self.idf(id) * self.params.related_weight));
                    class.push(crate::confidence::RELATED);
                }
            }
        }
        let mut body: Vec<u32> = ids[..body_len.min(ids.len())].iter().copied().filter(|&t| t < vocabulary).collect();
        body.sort_unstable();
        body.dedup();
        let mut pairs: Vec<(u32, u32)> =
            ids.windows(2).filter(|w| w[0] < vocabulary && w[1] < vocabulary).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs.dedup();
        // Claims name years in their passages; which of them a candidate names is read from its
        // passages against the dictionary's years.
        let years = if class.contains(&crate::confidence::YEAR) {
            self.years
                .get_or_init(|| {
                    let mut years: Vec<u32> = (1900..2100).filter_map(|y: u32| term_id(&y.to_string())).collect();
                    years.sort_unstable();
                    years
                })
                .clone()
        } else {
            Vec::new()
        };
        let words = text.split_whitespace().count();
        Query { ids, uniq, body, pairs, class, years, words }
    }

    /// BM25F of every claim against the query's known terms, into `scores`: per posting, the
    /// term's IDF times its precomputed impact.
    fn score_all(&self, q: &Query, scratch: &mut Scratch) {
        let Scratch { scores, hits, touched, .. } = scratch;
        // Slices, not the vectors: pushing to `touched` in the loop below would otherwise make
        // the compiler reload both vectors' pointers for every posting.
        let n = scores.len().min(hits.len());
        let (scores, hits) = (&mut scores[..n], &mut hits[..n]);
        for &doc in touched.iter() {
            if let (Some(s), Some(h)) = (scores.get_mut(doc as usize), hits.get_mut(doc as usize)) {
                *s = 0.0;
                *h = 0;
            }
        }
        touched.clear();
        let index = &self.index;
        for &(t, idf) in &q.uniq {
            let (Some(&from), Some(&to)) = (index.at.get(t as usize), index.at.get(t as usize + 1)) else { continue };
            let list = index.bytes.get(from as usize..to as usize).unwrap_or(&[]);
            let weight = idf * index.step;
            let mut i = 0;
            let mut doc = u32::MAX;
            while let Some(&first) = list.get(i) {
                // Most gaps take one byte: the common terms, whose lists are the long ones.
                let gap = if first < 0x80 {
                    i += 1;
                    u32::from(first)
                } else {
                    get_varint(list, &mut i) as u32
                };
                doc = doc.wrapping_add(gap);
                let impact = list.get(i).copied().unwrap_or(0);
                i += 1;
                let d = doc as usize;
                if d < n {
                    scores[d] += weight * f32::from(impact);
                    let h = hits[d];
                    if h == 0 {
                        touched.push(doc);
                    }
                    hits[d] = h.saturating_add(1);
                }
            }
        }
    }

    /// A candidate's passages, read once into `buf`: the terms one after the other, each passage's
    /// field, range and IDF mass, and for every term its index in the query's distinct terms (or
    /// `NOT_IN_QUERY`). From the decoded passages where the dataset keeps them, else from its bytes.
    fn read_passages(&self, claim: usize, slot: &[u16], buf: &mut PassageBuf) {
        buf.terms.clear();
        buf.spans.clear();
        buf.in_query.clear();
        buf.mass.clear();
        if !self.index.decoded.as_ref().is_some_and(|d| d.read(claim, buf)) {
            self.decode_passages(claim, buf);
        }
        buf.in_query.extend(buf.terms.iter().map(|&t| slot.get(t as usize).copied().unwrap_or(NOT_IN_QUERY)));
    }

    /// How well a claim covers the query, from 0 to 1: the share of the query's information (IDF mass)
    /// found in the claim, combined with how much of the best single passage the query accounts for.
    /// A verbatim quote, or a query contained word for word in a passage, is taken as certain.
    fn evidence(&self, q: &Query, buf: &mut PassageBuf) -> Evidence {
        let query = q.ids.as_slice();
        // The query's own terms: a related word helps when the claim has it, and costs nothing when not.
        let q_mass: f32 =
            q.uniq.iter().zip(&q.class).filter(|(_, &c)| c != crate::confidence::RELATED).map(|(u, _)| u.1).sum();
        if q_mass <= 0.0 {
            return Evidence::default();
        }
        // Which distinct query terms the claim has (anywhere), and which the current passage has.
        buf.found.clear();
        buf.found.resize(q.uniq.len(), false);
        buf.seen_in.clear();
        buf.seen_in.resize(q.uniq.len(), usize::MAX);
        let mut best_passage = 0f32;
        let mut contained = 0f32;
        let mut statement_precision = 0f32;
        let mut best_precision = 0f32;
        let mut claim_entities = 0.5f32;
        for k in 0..buf.spans.len() {
            let (_, start, end) = buf.spans[k];
            let p_terms = &buf.terms[start..end];
            if p_terms.is_empty() {
                continue;
            }
            // The highlight is inside a passage word for word (a quote or part of one): certain. A
            // highlight of six words or more inside a quote counts even when only two of them are
            // content words.
            let (field, _, _) = buf.spans[k];
            let long_enough = query.len() >= 4 || (query.len() >= 2 && q.words >= 6 && usize::from(field) == QUOTES);
            if long_enough && p_terms.windows(query.len()).any(|w| w[0] == query[0] && w == query) {
                return Evidence {
                    confidence: 1.0,
                    covered: 1.0,
                    best_passage: 1.0,
                    statement_precision: 1.0,
                    best_precision: 1.0,
                    covered_content: 1.0,
                    claim_entities: 1.0,
                    shares_entity: true,
                    shared_content: query.len(),
                    number_support: 1.0,
                    number_share: 0.0,
                    query_terms: query.len(),
                    year_agrees: false,
                    year_conflicts: false,
                };
            }
            // A whole quote inside a longer highlight (the reader selected the sentence around it).
            if p_terms.len() >= 6 && query.windows(p_terms.len()).any(|w| w[0] == p_terms[0] && w == p_terms) {
                contained = contained.max(0.8 + 0.2 * (p_terms.len() as f32 / query.len() as f32).min(1.0));
            }
            let mut shared = 0f32;
            for &qk in &buf.in_query[start..end] {
                if qk != NOT_IN_QUERY && buf.seen_in[usize::from(qk)] != k {
                    buf.seen_in[usize::from(qk)] = k;
                    buf.found[usize::from(qk)] = true;
                    shared += q.uniq[usize::from(qk)].1;
                }
            }
            let p_mass = match buf.mass.get(k) {
                Some(&mass) => mass,
                None => passage_mass(&buf.terms[start..end], &self.index.idf, &mut buf.mark, &mut buf.stamp),
            };
            let (recall, precision) = (shared / q_mass, shared / p_mass.max(1e-6));
            if k == 0 {
                statement_precision = precision;
                // The statement's entities, and how many of them the query names.
                let (mut named, mut all) = (0u32, 0u32);
                let entities = &mut buf.entity_seen;
                entities.clear();
                for (i, &t) in p_terms.iter().enumerate() {
                    if self.store.is_entity(t) && !entities.contains(&t) {
                        entities.push(t);
                        all += 1;
                        named += u32::from(buf.in_query[start + i] != NOT_IN_QUERY);
                    }
                }
                claim_entities = if all == 0 { 0.5 } else { named as f32 / all as f32 };
            }
            best_precision = best_precision.max(precision);
            // F2: recall (the query explained) counts more than precision (the passage used up).
            let f2 = if shared > 0.0 { 5.0 * precision * recall / (4.0 * precision + recall) } else { 0.0 };
            best_passage = best_passage.max(f2);
        }
        let mut covered = 0f32;
        let mut shared_terms = 0;
        let mut shares_entity = false;
        let (mut content, mut shared_content, mut number_mass) = (0f32, 0usize, 0f32);
        let (mut numbers, mut numbers_found) = (0u32, 0u32);
        let mut weighted_mass = 0f32;
        for (k, &found) in buf.found.iter().enumerate() {
            let class = q.class.get(k).copied().unwrap_or(crate::confidence::CONTENT);
            let w = q.uniq[k].1 * crate::confidence::class_weight(class);
            if class != crate::confidence::RELATED {
                weighted_mass += w;
            }
            if class == crate::confidence::NUMBER {
                numbers += 1;
                numbers_found += u32::from(found);
            }
            if !found {
                continue;
            }
            let t = q.uniq[k].0;
            covered += q.uniq[k].1;
            content += w;
            shared_terms += 1;
            shared_content += usize::from(class == crate::confidence::CONTENT);
            if class == crate::confidence::NUMBER {
                number_mass += q.uniq[k].1;
            }
            shares_entity = shares_entity || self.store.is_entity(t);
        }
        let number_share = if covered > 0.0 { number_mass / covered } else { 0.0 };
        let number_support = match (numbers, numbers_found) {
            (0, _) => 0.5,
            (_, 0) => 0.0,
            _ => 1.0,
        };
        let covered_content = (content / weighted_mass.max(1e-6)).min(1.0);
        // Years: the query's against the claim's passages'.
        let (mut year_agrees, mut year_conflicts) = (false, false);
        if !q.years.is_empty() {
            let claim_has_year = buf.terms.iter().any(|t| q.years.binary_search(t).is_ok());
            year_agrees =
                q.uniq.iter().zip(&q.class).zip(&buf.found).any(|((_, &c), &f)| f && c == crate::confidence::YEAR);
            year_conflicts = claim_has_year && !year_agrees;
        }
        // Summed in another order than `q_mass`: rounding may take it a hair past 1.
        covered = (covered / q_mass).min(1.0);
        // A claim is who did what, when: one or two shared words ("Thank you!", "What a lie.") are
        // never enough evidence, however rare the words are.
        let mut evidence = match shared_terms {
            0 | 1 => 0.0,
            2 => 0.4,
            _ => 1.0,
        };
        // In a dataset that names its people, places and organisations, a highlight that shares
        // none of them with a claim is rarely about it.
        if self.has_entities && !shares_entity {
            evidence *= 0.6;
        }
        let confidence = (evidence * (0.5 * covered + 0.5 * best_passage)).max(contained).clamp(0.0, 1.0);
        Evidence {
            confidence,
            covered,
            best_passage,
            statement_precision,
            best_precision,
            covered_content,
            claim_entities,
            shares_entity,
            shared_content,
            number_support,
            number_share,
            query_terms: query.len(),
            year_agrees,
            year_conflicts,
        }
    }

    /// `read_passages` for a dataset that does not keep its passages decoded: from its bytes. The
    /// masses are left to `evidence`, which sums them as `Decoded::weigh` does, and only for the
    /// passages it gets to.
    fn decode_passages(&self, claim: usize, buf: &mut PassageBuf) {
        self.store.passages_into(claim, &mut buf.terms, &mut buf.spans);
        for span in &mut buf.spans {
            span.0 = span.0.min(FIELD_QUOTE);
        }
    }

    /// BM25F of a candidate, computed from its passages: per field, over all fields for the
    /// query's terms, over all fields for the text before a signature, and for adjacent pairs.
    fn passage_scores(&self, q: &Query, buf: &mut PassageBuf) -> ([f32; FIELDS], f32, f32) {
        let p = &self.params;
        let mut lens = [0f32; FIELDS];
        for &(field, start, end) in &buf.spans {
            lens[usize::from(field)] += (end - start) as f32;
        }
        let norm: [f32; FIELDS] = std::array::from_fn(|f| 1.0 - p.b[f] + p.b[f] * lens[f] / self.index.avg_len[f]);
        let saturate = |tf: f32| tf * (p.k1 + 1.0) / (p.k1 + tf);
        buf.tf.clear();
        buf.tf.resize(q.uniq.len(), [0f32; FIELDS]);
        buf.pair_tf.clear();
        buf.pair_tf.resize(q.pairs.len(), [0f32; FIELDS]);
        let mut has_pair = false;
        for &(field, start, end) in &buf.spans {
            let f = usize::from(field);
            let ks = &buf.in_query[start..end];
            for &k in ks {
                if k != NOT_IN_QUERY {
                    buf.tf[usize::from(k)][f] += 1.0;
                }
            }
            // Adjacent pairs of query terms only: the rest cannot be one of the query's pairs.
            for (i, w) in ks.windows(2).enumerate() {
                if w[0] != NOT_IN_QUERY && w[1] != NOT_IN_QUERY {
                    if let Ok(k) = q.pairs.binary_search(&(buf.terms[start + i], buf.terms[start + i + 1])) {
                        buf.pair_tf[k][f] += 1.0;
                        has_pair = true;
                    }
                }
            }
        }
        // Pair BM25F: per distinct pair of the query, its count per field. A pair is at least as
        // rare as its rarer term, so that term's IDF stands in for the pair's (pairs have no
        // postings of their own, to keep the index small).
        let mut pairs = 0f32;
        if has_pair {
            for (&(a, b), tf) in q.pairs.iter().zip(&buf.pair_tf) {
                let combined: f32 = (0..FIELDS).map(|f| p.weight[f] * tf[f] / norm[f]).sum();
                if combined > 0.0 {
                    pairs += p.bigram_weight * self.idf(a).max(self.idf(b)) * saturate(combined);
                }
            }
        }
        let mut fields = [0f32; FIELDS];
        let mut body = 0f32;
        for (k, tf) in buf.tf.iter().enumerate() {
            if tf.iter().all(|&n| n == 0.0) {
                continue;
            }
            let (t, idf) = q.uniq[k];
            let mut combined = 0f32;
            for f in 0..FIELDS {
                if tf[f] > 0.0 {
                    fields[f] += idf * saturate(tf[f] / norm[f]);
                    combined += p.weight[f] * tf[f] / norm[f];
                }
            }
            if q.body.binary_search(&t).is_ok() {
                body += idf * saturate(combined);
            }
        }
        (fields, body, pairs)
    }

    /// The ranking features of one candidate: log BM25F of unigrams and of pairs, the confidence and
    /// its parts, the unigram score relative to the query's best, per-field scores, and the score of
    /// the text before a tweet's signature.
    pub fn features(
        &self,
        uni: f32,
        pair: f32,
        best_uni: f32,
        fields: &[f32; FIELDS],
        body: f32,
        e: &Evidence,
    ) -> [f32; FEATURES] {
        [
            (1.0 + uni).ln(),
            (1.0 + pair).ln(),
            e.confidence,
            e.covered,
            e.best_passage,
            uni / best_uni.max(1e-6),
            e.statement_precision,
            e.best_precision,
            (1.0 + fields[STATEMENT]).ln(),
            (1.0 + fields[WORDINGS]).ln(),
            (1.0 + fields[QUOTES]).ln(),
            (1.0 + body).ln(),
        ]
    }

    /// Ranks every claim against one piece of text, best first, without the no-match threshold.
    pub fn search(&self, text: &str, top: usize) -> Vec<Ranked> {
        self.ranked(text, top, RERANK_DEPTH, 0)
    }

    fn ranked(&self, text: &str, top: usize, depth: usize, min_hits: u8) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = self
            .candidates_at(text, top, depth, min_hits)
            .into_iter()
            .map(|c| {
                let f = c.features;
                let score = f.iter().zip(&self.params.rank_weights).map(|(x, w)| x * w).sum();
                Ranked { claim: c.claim, score, confidence: c.evidence.confidence }
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.claim.cmp(&b.claim)));
        ranked.truncate(top);
        ranked
    }

    /// The best candidates by BM25F, with their evidence and ranking features (for `search`, and
    /// for learning the ranking weights).
    pub fn candidates(&self, text: &str, top: usize) -> Vec<Candidate> {
        self.candidates_at(text, top, RERANK_DEPTH, 0)
    }

    /// The candidates `lookup` decides among: the best `depth` by BM25F that share at least two of
    /// the sentence's distinct terms.
    pub(crate) fn candidates_for_lookup(&self, sentence: &str, depth: usize) -> Vec<Candidate> {
        self.candidates_at(sentence, depth, depth, 2)
    }

    /// `min_hits`: claims with fewer of the query's distinct terms are not candidates.
    fn candidates_at(&self, text: &str, top: usize, depth: usize, min_hits: u8) -> Vec<Candidate> {
        let q = self.query(text);
        if q.ids.is_empty() {
            return Vec::new();
        }
        let mut own = None;
        let mut shared = self.scratch.try_lock();
        let scratch: &mut Scratch = match shared.as_mut() {
            Ok(guard) => guard,
            Err(_) => own.insert(Scratch::new(self.claim_count(), self.store.term_count())),
        };
        self.score_all(&q, scratch);
        let Scratch { scores, hits, touched, slot, buf } = scratch;
        // A text of one distinct word (repeated) can still be a verbatim part of a passage.
        let min_hits = min_hits.min(q.uniq.len().min(255) as u8);
        // The best `depth` of the claims the query touched, in one pass: a claim enters only if it
        // beats the weakest kept, which after the first few hundred is rare. "Beats" is a total
        // order (score, then the earlier claim), so the set does not depend on the order postings
        // were read in; the candidates' own order does not matter (they are ranked afterwards).
        let depth = depth.max(top).max(1);
        let beats = |a: (f32, u32), b: (f32, u32)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
        let weakest_of =
            |best: &[(f32, u32)]| (0..best.len()).reduce(|w, k| if beats(best[w], best[k]) { k } else { w });
        let mut best: Vec<(f32, u32)> = Vec::with_capacity(depth);
        // Once `depth` are kept: where the weakest is, and what it holds. A newcomer that beats it
        // takes its place.
        let mut floor: Option<(usize, (f32, u32))> = None;
        for &c in touched.iter() {
            let (Some(&s), Some(&h)) = (scores.get(c as usize), hits.get(c as usize)) else { continue };
            if floor.is_some_and(|(_, f)| !beats((s, c), f)) || s <= 0.0 || h < min_hits {
                continue;
            }
            match floor {
                Some((w, _)) => best[w] = (s, c),
                None => best.push((s, c)),
            }
            if best.len() == depth {
                floor = weakest_of(&best).map(|w| (w, best[w]));
            }
        }
        if best.is_empty() {
            return Vec::new();
        }
        let best_uni = best.iter().map(|b| b.0).fold(0f32, f32::max);
        let order: Vec<u32> = best.iter().map(|b| b.1).collect();
        for (k, &(t, _)) in q.uniq.iter().enumerate() {
            if let Some(s) = slot.get_mut(t as usize) {
                *s = k as u16;
            }
        }
        let out = order
            .into_iter()
            .map(|claim| {
                let claim = claim as usize;
                self.read_passages(claim, slot, buf);
                let evidence = self.evidence(&q, buf);
                let (fields, body, pair) = self.passage_scores(&q, buf);
                let features = self.features(scores[claim], pair, best_uni, &fields, body, &evidence);
                Candidate { claim, evidence, features }
            })
            .collect();
        for &(t, _) in &q.uniq {
            if let Some(s) = slot.get_mut(t as usize) {
                *s = NOT_IN_QUERY;
            }
        }
        out
    }

    /// The claims a reader's selection carries, in text order, each once; nothing when unsure.
    pub fn lookup(&self, selection: &str) -> Vec<Match> {
        self.matches(selection, false)
    }

    /// Every sentence of a text that carries a claim, for marking a page: the same matching as
    /// `lookup`, but a claim that two sentences carry (a caption repeated under a photo, a quote
    /// in the lede and again in the body) is a match at each of them, not only at the first.
    pub fn marks(&self, text: &str) -> Vec<Match> {
        self.matches(text, true)
    }

    fn matches(&self, selection: &str, every_sentence: bool) -> Vec<Match> {
        let text = match selection.char_indices().nth(MAX_SELECTION_CHARS) {
            Some((cut, _)) => &selection[..cut],
            None => selection,
        };
        let spans = sentences(text);
        let mut out: Vec<Match> = Vec::new();
        for &(start, end) in spans.iter().take(MAX_SENTENCES) {
            // The popup shows what the text most surely says: among the best few by rank, the
            // most confident first (the ranker is tuned for retrieval, the confidence for this).
            // A claim that shares fewer than two of the sentence's distinct words has no evidence
            // (see `evidence`) and is never an answer: it is not re-ranked at all.
            // `confidence::decisions` orders them by how surely the sentence asserts each.
            let mut ranked = self.decisions(&text[start..end], LOOKUP_DEPTH);
            ranked.truncate(3);
            let Some(best) = ranked.first() else { continue };
            for r in &ranked {
                // A sentence may carry more than one claim, but a weak runner-up is noise.
                let close = r.confidence >= best.confidence * 0.9 && r.score >= best.score * 0.8;
                if r.confidence < self.params.threshold || !(std::ptr::eq(r, best) || close) {
                    continue;
                }
                match out.iter_mut().find(|m| m.claim == r.claim && (!every_sentence || m.offset == start)) {
                    Some(m) => m.confidence = m.confidence.max(r.confidence),
                    None => out.push(Match { claim: r.claim, confidence: r.confidence, offset: start, end }),
                }
            }
        }
        out
    }
}

// Test code: each `expect` below is the test failing, on the seed that build.rs compiled and opened with every
// check (it stops the build if they do not open); no reader's bytes.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::SEED;

    #[test]
    fn the_embedded_engine_is_the_one_the_walk_builds() {
        let imaged = Engine::embedded().expect("the seed opens");
        let walked = Engine::open(Cow::Borrowed(SEED)).expect("the seed opens with every check");
        let index = |e: &Engine| {
            (
                e.index.bytes.clone(),
                e.index.at.clone(),
                e.index.idf.clone(),
                e.index.avg_len,
                e.index.step,
                e.index.field_terms,
            )
        };
        assert!(walked.index.bytes.len() > 10_000, "a real index");
        assert_eq!(index(&imaged), index(&walked));
        assert_eq!(imaged.stats(), walked.stats());
        // And the same again after a rebuild with other constants, from the layout the index kept.
        let params = Params { k1: 0.9, ..Params::default() };
        let (imaged, walked) = (imaged.with_params(params.clone()), walked.with_params(params));
        assert_eq!(index(&imaged), index(&walked));
        let query = "Assad flew to Moscow on November 29";
        assert_eq!(format!("{:?}", imaged.search(query, 5)), format!("{:?}", walked.search(query, 5)));
    }

    #[test]
    fn the_seed_keeps_its_passages_decoded_as_its_bytes_hold_them() {
        let engine = Engine::embedded().expect("the seed opens");
        let decoded = engine.index.decoded.as_ref().expect("the seed is small enough to keep its passages");
        assert_eq!(decoded.claims.len(), engine.claim_count() + 1);
        let mut from_bytes = PassageBuf::new(engine.term_count());
        let mut kept = PassageBuf::new(engine.term_count());
        let (mut terms, mut passages) = (0, 0);
        for c in 0..engine.claim_count() {
            let (mut ids, mut spans) = (Vec::new(), Vec::new());
            engine.store.passages_into(c, &mut ids, &mut spans);
            terms += ids.len();
            passages += spans.len();
            let slot = vec![NOT_IN_QUERY; engine.term_count()];
            engine.read_passages(c, &slot, &mut kept);
            // The other way: as a dataset too large to keep them reads them.
            from_bytes.terms.clear();
            from_bytes.spans.clear();
            from_bytes.mass.clear();
            engine.decode_passages(c, &mut from_bytes);
            assert_eq!(kept.terms, ids, "claim {c}");
            assert_eq!(kept.terms, from_bytes.terms, "claim {c}");
            assert_eq!(kept.spans, from_bytes.spans, "claim {c}");
            assert!(from_bytes.mass.is_empty());
            // Bit for bit: the masses are summed in the same order either way.
            let summed: Vec<u32> = from_bytes
                .spans
                .iter()
                .map(|&(_, s, e)| {
                    passage_mass(
                        &from_bytes.terms[s..e],
                        &engine.index.idf,
                        &mut from_bytes.mark,
                        &mut from_bytes.stamp,
                    )
                    .to_bits()
                })
                .collect();
            assert_eq!(kept.mass.iter().map(|m| m.to_bits()).collect::<Vec<_>>(), summed, "claim {c}");
            assert!(
                kept.mass.iter().zip(&kept.spans).all(|(&m, &(_, s, e))| (m > 0.0) == (e > s)),
                "claim {c}: a passage with terms has mass"
            );
        }
        assert_eq!((decoded.terms.len(), decoded.spans.len()), (terms, passages));
        // Reserved at once from the layout's count, not grown by doubling.
        assert_eq!(decoded.terms.capacity(), terms);
        assert!(terms as u64 <= DECODED_MAX_TERMS && terms > 10_000, "{terms} terms");
    }

    #[test]
    fn the_dictionarys_hash_table_finds_what_the_sorted_dictionary_finds() {
        let engine = Engine::embedded().expect("the seed opens");
        let table = engine.store.term_table().expect("the seed's dictionary walks");
        let mut found = 0;
        let mut words: Vec<String> = Vec::new();
        for c in 0..engine.claim_count() {
            let claim = engine.claim(c).expect("a claim of the seed");
            words.extend(crosscheck_text::analyze(&claim.text, &engine.lexicon));
            // Cut and changed forms, which the dictionary mostly lacks.
            words.extend(claim.text.split_whitespace().map(|w| format!("{w}x")));
            words.extend(claim.text.split_whitespace().filter_map(|w| w.get(..w.len() / 2)).map(str::to_string));
        }
        words.extend(["", "a", "zzzz", "\u{0}", "الأسد", "assad"].map(str::to_string));
        for w in &words {
            let sorted = engine.store.term_id(w);
            assert_eq!(engine.store.term_id_in(&table, w), sorted, "{w:?}");
            found += usize::from(sorted.is_some());
        }
        assert!(found > 2_000 && found < words.len(), "{found} of {} found", words.len());
        // Every id once: the table holds the whole dictionary.
        let mut ids: Vec<u32> = table.ids().collect();
        ids.sort_unstable();
        assert_eq!(ids, (0..engine.term_count() as u32).collect::<Vec<_>>());
    }
}
