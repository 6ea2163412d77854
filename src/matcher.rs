//! Claim matching: an inverted index over each claim's statement, wordings and quotes, ranked with
//! BM25F plus adjacent-pair (bigram) evidence, then a confidence that decides whether to answer at all.
//!
//! The engine knows nothing about the seed dataset: aliases and synonyms come from whichever dataset
//! it is given, and the same code ranks the CheckThat claims in `crosscheck search`.

use crate::dataset::model::Dataset;
use crate::text::{analyze, sentences, Lexicon};
use std::collections::HashMap;

/// The fields a claim is indexed under. Each has its own weight and length normalisation (BM25F).
pub const FIELDS: usize = 3;
const STATEMENT: usize = 0;
const WORDINGS: usize = 1;
const QUOTES: usize = 2;

/// Selections longer than this are cut (at a character boundary) before matching. It is far more
/// than a reader selects on purpose (a long news article is ~40,000 characters) and keeps the worst
/// case bounded; see docs/quality.md.
pub const MAX_SELECTION_CHARS: usize = 20_000;
/// At most this many sentences of a long selection are matched, in text order.
pub const MAX_SENTENCES: usize = 60;
/// A sentence contributes at most this many terms to a query.
const MAX_QUERY_TERMS: usize = 96;
/// How many top candidates get the finer (passage-level) scoring.
const RERANK_DEPTH: usize = 30;

/// How many features the ranker combines.
pub const FEATURES: usize = 12;
/// Learned by `cargo run --release --example fit` (pairwise logistic regression).
const RANK_WEIGHTS: [f32; FEATURES] = [1.0737, 0.1950, 1.9780, 1.3853, 1.8175, 2.7177, 1.1510, 0.8793, 0.8932, 0.8176, 0.3250, 0.6000];

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
}

impl Default for Params {
    fn default() -> Self {
        Params { k1: 1.2, b: [0.75, 0.75, 0.75], weight: [1.0, 0.8, 0.6], bigram_weight: 0.5, rank_weights: RANK_WEIGHTS, threshold: 0.40 }
    }
}

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    tf: [u8; FIELDS],
}

/// The inverted index. Terms that contain a space are adjacent pairs.
#[derive(Default, Debug)]
struct Index {
    term_ids: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    field_len: Vec<[u16; FIELDS]>,
    avg_len: [f32; FIELDS],
    /// Whether a term is a dataset entity (`@id`), by term id.
    entity: Vec<bool>,
    /// Every passage (statement, wordings, quotes) as unigram term ids, so that the confidence of a
    /// candidate needs no re-analysis: `passage_spans[p]` indexes `passage_terms`, and
    /// `claim_passages[c]` indexes `passage_spans`.
    passage_terms: Vec<u32>,
    passage_spans: Vec<(u32, u32)>,
    claim_passages: Vec<(u32, u32)>,
}

impl Index {
    fn add(&mut self, doc: u32, field: usize, term: String) -> u32 {
        let next = self.postings.len() as u32;
        let is_entity = term.starts_with('@');
        let id = *self.term_ids.entry(term).or_insert(next);
        if id == next {
            self.postings.push(Vec::new());
            self.entity.push(is_entity);
        }
        let list = &mut self.postings[id as usize];
        match list.last_mut() {
            Some(p) if p.doc == doc => p.tf[field] = p.tf[field].saturating_add(1),
            _ => {
                let mut tf = [0u8; FIELDS];
                tf[field] = 1;
                list.push(Posting { doc, tf });
            }
        }
        id
    }

    fn df(&self, id: u32) -> usize {
        self.postings.get(id as usize).map_or(0, Vec::len)
    }
}

/// One claim found for a piece of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// Index into `Dataset::claims`.
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

pub struct Engine {
    dataset: Dataset,
    lexicon: Lexicon,
    index: Index,
    has_entities: bool,
    pub params: Params,
}

/// Where a tweet's signature starts ("… — Name (@handle) Date"), if the text ends with one.
fn signature_start(text: &str) -> Option<usize> {
    let dash = text.rfind(" — ").or_else(|| text.rfind(" - "))?;
    let tail = &text[dash..];
    (tail.contains("(@") && tail.len() < 120).then_some(dash)
}

fn bigrams(terms: &[String]) -> impl Iterator<Item = String> + '_ {
    terms.windows(2).map(|w| format!("{} {}", w[0], w[1]))
}

impl Engine {
    /// Builds the lexicon and the index for a dataset. Cost is linear in the dataset's text.
    pub fn new(dataset: Dataset) -> Engine {
        let mut lexicon = Lexicon::default();
        for e in &dataset.entities {
            let canonical = format!("@{}", e.id);
            lexicon.add(&e.name, &canonical);
            for a in &e.aliases {
                lexicon.add(a, &canonical);
            }
        }
        for group in &dataset.synonyms {
            let Some(first) = group.first() else { continue };
            let canonical = format!("~{}", analyze(first, &Lexicon::default()).join("_"));
            for w in group {
                lexicon.add(w, &canonical);
            }
        }
        let mut index = Index::default();
        for (doc, claim) in dataset.claims.iter().enumerate() {
            let doc = doc as u32;
            let mut lens = [0u32; FIELDS];
            let first_passage = index.passage_spans.len() as u32;
            let mut add_passage = |field: usize, text: &str, index: &mut Index| {
                let terms = analyze(text, &lexicon);
                lens[field] += terms.len() as u32;
                for bg in bigrams(&terms) {
                    index.add(doc, field, bg);
                }
                let start = index.passage_terms.len() as u32;
                for t in terms {
                    let id = index.add(doc, field, t);
                    index.passage_terms.push(id);
                }
                index.passage_spans.push((start, index.passage_terms.len() as u32));
            };
            add_passage(STATEMENT, &claim.text, &mut index);
            for w in &claim.wordings {
                add_passage(WORDINGS, w, &mut index);
            }
            for a in &claim.accounts {
                add_passage(QUOTES, &a.quote, &mut index);
            }
            index.field_len.push(lens.map(|l| l.min(u32::from(u16::MAX)) as u16));
            index.claim_passages.push((first_passage, index.passage_spans.len() as u32));
        }
        let n = dataset.claims.len().max(1) as f32;
        for f in 0..FIELDS {
            index.avg_len[f] = (index.field_len.iter().map(|l| f32::from(l[f])).sum::<f32>() / n).max(1.0);
        }
        let has_entities = !dataset.entities.is_empty();
        Engine { dataset, lexicon, index, has_entities, params: Params::default() }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.dataset.claims.len() as f32;
        (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
    }

    /// BM25F over unigrams and over adjacent pairs; returns both scores per claim.
    fn bm25f(&self, terms: &[String]) -> (Vec<f32>, Vec<f32>, Vec<[f32; FIELDS]>) {
        let p = &self.params;
        let mut scores = vec![0f32; self.dataset.claims.len()];
        let mut pair_scores = vec![0f32; self.dataset.claims.len()];
        let mut field_scores = vec![[0f32; FIELDS]; self.dataset.claims.len()];
        let mut weights: HashMap<String, f32> = HashMap::new();
        for t in terms {
            *weights.entry(t.clone()).or_default() += 1.0;
        }
        for bg in bigrams(terms) {
            *weights.entry(bg).or_default() += p.bigram_weight;
        }
        for (term, qweight) in weights {
            let Some(&id) = self.index.term_ids.get(&term) else { continue };
            let list = &self.index.postings[id as usize];
            let idf = self.idf(list.len());
            // Repeating a word in a selection should not multiply its weight.
            let pair = term.contains(' ');
            let qw = qweight.min(if pair { p.bigram_weight } else { 1.0 }) * idf;
            let target = if pair { &mut pair_scores } else { &mut scores };
            for posting in list {
                let lens = &self.index.field_len[posting.doc as usize];
                let mut tf = 0f32;
                for f in 0..FIELDS {
                    if posting.tf[f] > 0 {
                        let norm = 1.0 - p.b[f] + p.b[f] * f32::from(lens[f]) / self.index.avg_len[f];
                        let ftf = f32::from(posting.tf[f]) / norm;
                        tf += p.weight[f] * ftf;
                        if !pair {
                            field_scores[posting.doc as usize][f] += qw * ftf * (p.k1 + 1.0) / (p.k1 + ftf);
                        }
                    }
                }
                target[posting.doc as usize] += qw * tf * (p.k1 + 1.0) / (p.k1 + tf);
            }
        }
        (scores, pair_scores, field_scores)
    }

    /// How well a claim covers the query, from 0 to 1: the share of the query's information (IDF mass)
    /// found in the claim, combined with how much of the best single passage the query accounts for.
    /// A verbatim quote, or a query contained word for word in a passage, is taken as certain.
    /// `query` holds term ids; terms the index has never seen have ids past its vocabulary.
    fn evidence(&self, query: &[u32], claim: usize) -> Evidence {
        let mut uniq: Vec<u32> = query.to_vec();
        uniq.sort_unstable();
        uniq.dedup();
        let weight = |t: u32| self.idf(self.index.df(t));
        let q_mass: f32 = uniq.iter().map(|&t| weight(t)).sum();
        if q_mass <= 0.0 {
            return Evidence::default();
        }
        let (first, last) = self.index.claim_passages[claim];
        let mut union: Vec<u32> = Vec::new();
        let mut best_passage = 0f32;
        let mut contained = 0f32;
        let mut statement_precision = 0f32;
        let mut best_precision = 0f32;
        let mut p_uniq: Vec<u32> = Vec::new();
        for (k, &(start, end)) in self.index.passage_spans[first as usize..last as usize].iter().enumerate() {
            let p_terms = &self.index.passage_terms[start as usize..end as usize];
            if p_terms.is_empty() {
                continue;
            }
            // The highlight is inside a passage word for word (a quote or part of one): certain.
            if query.len() >= 4 && p_terms.windows(query.len()).any(|w| w == query) {
                return Evidence { confidence: 1.0, covered: 1.0, best_passage: 1.0, statement_precision: 1.0, best_precision: 1.0 };
            }
            // A whole quote inside a longer highlight (the reader selected the sentence around it).
            if p_terms.len() >= 6 && query.windows(p_terms.len()).any(|w| w == p_terms) {
                contained = contained.max(0.8 + 0.2 * (p_terms.len() as f32 / query.len() as f32).min(1.0));
            }
            p_uniq.clear();
            p_uniq.extend_from_slice(p_terms);
            p_uniq.sort_unstable();
            p_uniq.dedup();
            let p_mass: f32 = p_uniq.iter().map(|&t| weight(t)).sum();
            let mut shared = 0f32;
            for &t in &uniq {
                if p_uniq.binary_search(&t).is_ok() {
                    shared += weight(t);
                    if !union.contains(&t) {
                        union.push(t);
                    }
                }
            }
            let (recall, precision) = (shared / q_mass, shared / p_mass.max(1e-6));
            if k == 0 {
                statement_precision = precision;
            }
            best_precision = best_precision.max(precision);
            // F2: recall (the query explained) counts more than precision (the passage used up).
            let f2 = if shared > 0.0 { 5.0 * precision * recall / (4.0 * precision + recall) } else { 0.0 };
            best_passage = best_passage.max(f2);
        }
        let covered: f32 = union.iter().map(|&t| weight(t)).sum::<f32>() / q_mass;
        // A claim is who did what, when: one or two shared words ("Thank you!", "What a lie.") are
        // never enough evidence, however rare the words are.
        let mut evidence = match union.len() {
            0 | 1 => 0.0,
            2 => 0.4,
            _ => 1.0,
        };
        // In a dataset that names its people, places and organisations, a highlight that shares
        // none of them with a claim is rarely about it.
        if self.has_entities && !union.iter().any(|&t| self.index.entity.get(t as usize).copied().unwrap_or(false)) {
            evidence *= 0.6;
        }
        let confidence = (evidence * (0.5 * covered + 0.5 * best_passage)).max(contained);
        Evidence { confidence, covered, best_passage, statement_precision, best_precision }
    }

    /// The ranking features of one candidate: log BM25F of unigrams and of pairs, the confidence and
    /// two of its parts, and the unigram score relative to the query's best.
    pub fn features(&self, uni: f32, pair: f32, best_uni: f32, fields: &[f32; FIELDS], e: &Evidence) -> [f32; FEATURES] {
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
            // Filled by `candidates`: the score of the text without a tweet's signature.
            0.0,
        ]
    }

    fn query_terms(&self, text: &str) -> Vec<String> {
        let mut terms = analyze(text, &self.lexicon);
        terms.truncate(MAX_QUERY_TERMS);
        terms
    }

    /// Ranks every claim against one piece of text, best first, without the no-match threshold.
    pub fn search(&self, text: &str, top: usize) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = self
            .candidates(text, top)
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
        let terms = self.query_terms(text);
        if terms.is_empty() {
            return Vec::new();
        }
        let (uni, pair, fields) = self.bm25f(&terms);
        // A tweet ends with a signature ("— Name (@handle) Month D, YYYY") whose date and names
        // match claims by accident as often as on purpose; the text before it is scored apart too.
        let body_uni = match signature_start(text) {
            Some(cut) => {
                let body = self.query_terms(&text[..cut]);
                self.bm25f(&body).0
            }
            None => uni.clone(),
        };
        // Unknown terms get ids past the vocabulary, distinct from each other, with no postings.
        let vocabulary = self.index.postings.len() as u32;
        let mut unknown: Vec<&String> = Vec::new();
        let ids: Vec<u32> = terms
            .iter()
            .map(|t| match self.index.term_ids.get(t) {
                Some(&id) => id,
                None => {
                    let k = unknown.iter().position(|u| *u == t).unwrap_or_else(|| {
                        unknown.push(t);
                        unknown.len() - 1
                    });
                    vocabulary + k as u32
                }
            })
            .collect();
        let first = |i: usize| uni[i] + pair[i];
        let mut order: Vec<usize> = (0..uni.len()).filter(|&i| first(i) > 0.0).collect();
        let depth = RERANK_DEPTH.max(top).min(order.len());
        if depth == 0 {
            return Vec::new();
        }
        order.select_nth_unstable_by(depth - 1, |&a, &b| first(b).total_cmp(&first(a)));
        order.truncate(depth);
        let best_uni = order.iter().map(|&i| uni[i]).fold(0f32, f32::max);
        order
            .into_iter()
            .map(|claim| {
                let evidence = self.evidence(&ids, claim);
                let mut features = self.features(uni[claim], pair[claim], best_uni, &fields[claim], &evidence);
                features[FEATURES - 1] = (1.0 + body_uni[claim]).ln();
                Candidate { claim, evidence, features }
            })
            .collect()
    }

    /// The claims a reader's selection carries, in text order, each once; nothing when unsure.
    pub fn lookup(&self, selection: &str) -> Vec<Match> {
        let text = match selection.char_indices().nth(MAX_SELECTION_CHARS) {
            Some((cut, _)) => &selection[..cut],
            None => selection,
        };
        let spans = sentences(text);
        let mut out: Vec<Match> = Vec::new();
        for &(start, end) in spans.iter().take(MAX_SENTENCES) {
            // The popup shows what the text most surely says: among the best few by rank, the
            // most confident first (the ranker is tuned for retrieval, the confidence for this).
            let mut ranked = self.search(&text[start..end], 3);
            ranked.sort_by(|a, b| (b.score * b.confidence).total_cmp(&(a.score * a.confidence)).then(b.score.total_cmp(&a.score)));
            let Some(best) = ranked.first() else { continue };
            for r in &ranked {
                // A sentence may carry more than one claim, but a weak runner-up is noise.
                let close = r.confidence >= best.confidence * 0.9 && r.score >= best.score * 0.8;
                if r.confidence < self.params.threshold || !(std::ptr::eq(r, best) || close) {
                    continue;
                }
                match out.iter_mut().find(|m| m.claim == r.claim) {
                    Some(m) => m.confidence = m.confidence.max(r.confidence),
                    None => out.push(Match { claim: r.claim, confidence: r.confidence, offset: start, end }),
                }
            }
        }
        out
    }
}
