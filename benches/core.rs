//! Native micro-benchmarks of the core, without a browser: `cargo bench --bench core`.
//!
//! A plain `main` timed with `std::time::Instant` (no criterion: one dependency fewer, and the
//! figures we need are a handful of medians and percentiles, not statistical regressions). It
//! measures decoding the embedded seed dataset, building an engine (decode + index) for the seed and
//! for the 10,375 CheckThat claims, the heap an engine holds, and lookup/search latency over the seed
//! dev queries and the CheckThat dev tweets. `scripts/bench.sh` runs it before the browser bench;
//! with `CROSSCHECK_BENCH_JSON=FILE` the figures are also written as JSON for docs/benchmarks.md.
//!
//! Inputs: `../shared/eval/` (override with `CROSSCHECK_EVAL=DIR`) and, when present,
//! `bench/out/checkthat.ccd` (what the browser bench loads); otherwise the claims are read from
//! `verified_claims.docs.tsv` with `crosscheck_cli::eval::claims_from_tsv`.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::{claims_from_tsv, parse_seed_queries, queries_from_tsv, score, trec_run};
use crosscheck_engine::Engine;
use crosscheck_engine::SEED;
use crosscheck_format::{binary, source};
use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts live and peak heap bytes, so that the memory an engine holds can be reported. Native
/// pointers are 8 bytes against 4 in wasm32, so these figures are an upper bound for the browser.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Sorted samples in microseconds.
struct Samples(Vec<f64>);

impl Samples {
    fn new(mut v: Vec<f64>) -> Samples {
        v.sort_by(f64::total_cmp);
        Samples(v)
    }
    /// Nearest-rank percentile, the same definition the browser bench uses.
    fn pct(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.0.len() as f64).ceil().max(1.0) as usize;
        self.0[rank.min(self.0.len()) - 1]
    }
    fn mean(&self) -> f64 {
        self.0.iter().sum::<f64>() / self.0.len().max(1) as f64
    }
}

fn time_us<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed().as_secs_f64() * 1e6, out)
}

/// Runs `f` `n` times and returns the sorted durations in microseconds.
fn repeat<T>(n: usize, mut f: impl FnMut() -> T) -> Samples {
    Samples::new((0..n).map(|_| time_us(|| black_box(f())).0).collect())
}

/// Latency of `f` over every query, after one warm-up pass, each query `reps` times: every call, and per query (the
/// median of its calls, so that a call preempted by another process on shared cores does not pass for a slow query).
fn latency<T>(queries: &[String], reps: usize, mut f: impl FnMut(&str) -> T) -> (Samples, Samples) {
    for q in queries {
        black_box(f(q));
    }
    let mut per_query = vec![Vec::with_capacity(reps); queries.len()];
    for _ in 0..reps {
        for (i, q) in queries.iter().enumerate() {
            per_query[i].push(time_us(|| black_box(f(q))).0);
        }
    }
    let all = Samples::new(per_query.iter().flatten().copied().collect());
    let medians = Samples::new(per_query.into_iter().map(|v| Samples::new(v).pct(50.0)).collect());
    (all, medians)
}

struct Report {
    lines: Vec<String>,
    json: Vec<String>,
}

impl Report {
    fn timing(&mut self, key: &str, what: &str, s: &Samples) {
        self.lines.push(format!(
            "{what:<58} n={:<5} p50 {:>9.1} µs  p95 {:>9.1} µs  p99 {:>9.1} µs  max {:>9.1} µs",
            s.0.len(),
            s.pct(50.0),
            s.pct(95.0),
            s.pct(99.0),
            s.pct(100.0)
        ));
        self.json.push(format!(
            "\"{key}\": {{\"what\": \"{what}\", \"n\": {}, \"p50_us\": {:.2}, \"p95_us\": {:.2}, \"p99_us\": {:.2}, \"max_us\": {:.2}, \"mean_us\": {:.2}}}",
            s.0.len(),
            s.pct(50.0),
            s.pct(95.0),
            s.pct(99.0),
            s.pct(100.0),
            s.mean()
        ));
    }
    fn value(&mut self, key: &str, what: &str, v: f64, unit: &str) {
        let shown = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.4}") };
        self.lines.push(format!("{what:<58} {shown} {unit}"));
        self.json.push(format!("\"{key}\": {{\"what\": \"{what}\", \"value\": {v}, \"unit\": \"{unit}\"}}"));
    }
}

/// Heap bytes held by what `build` returns, and the peak above the starting point while building.
fn held<T>(build: impl FnOnce() -> T) -> (usize, usize, T) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let out = build();
    (LIVE.load(Relaxed).saturating_sub(before), PEAK.load(Relaxed).saturating_sub(before), out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let eval = std::env::var_os("CROSSCHECK_EVAL").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/eval"));
    let ct = eval.join("checkthat2020");
    let mut r = Report { lines: Vec::new(), json: Vec::new() };
    let t_all = Instant::now();

    // Seed dataset: the bytes embedded in the library (and in the wasm), index included.
    r.value("seed_bytes", "embedded seed dataset (.ccd bytes)", SEED.len() as f64, "bytes");
    let s = repeat(200, || binary::decode(SEED).unwrap());
    r.timing("seed_decode", "seed: decode every claim (exports; the engine reads claims in place)", &s);
    // As the widget opens it (`ready()`): from the tables build.rs found in these bytes, so nothing is walked.
    let s = repeat(200, || Engine::embedded().unwrap());
    r.timing("seed_engine", "seed: open as the widget does (from the image build.rs wrote: catalogue, lexicon, postings; nothing walked, no text analysis)", &s);
    let s = repeat(200, || Engine::open(Cow::Borrowed(SEED)).unwrap());
    r.timing("seed_engine_checked", "seed: open with every check (as bytes from elsewhere would be)", &s);
    let (seed_held, seed_peak, seed) = held(|| Engine::embedded().unwrap());
    let seed_source = source::compile_dir(&root.join("data/seed")).expect("data/seed compiles");
    let s = repeat(10, || binary::encode(&seed_source));
    r.timing(
        "seed_analysis",
        "seed: compiling the index (analysing every passage; done by the build, not in the browser)",
        &s,
    );
    r.value("seed_terms", "seed: distinct terms in the index", seed.term_count() as f64, "terms");
    r.value("seed_heap", "seed: heap held by the engine (native, 64-bit)", seed_held as f64, "bytes");
    r.value("seed_heap_peak", "seed: peak heap while opening (native, 64-bit)", seed_peak as f64, "bytes");

    // The seed dev queries (column 3), against the embedded dataset.
    let seed_queries: Vec<String> = parse_seed_queries(&read(&eval.join("seed_dev_queries.tsv")))
        .expect("seed_dev_queries.tsv")
        .into_iter()
        .map(|q| q.query)
        .collect();
    let (all, per) = latency(&seed_queries, 200, |q| seed.lookup(q));
    r.timing(
        "seed_lookup",
        &format!("seed: lookup, {} dev queries, per query (median of 200)", seed_queries.len()),
        &per,
    );
    r.timing("seed_lookup_calls", "seed: lookup, every call", &all);

    // The CheckThat claims: the compiled file the browser bench loads, or the TSV.
    let ccd = root.join("bench/out/checkthat.ccd");
    let (bytes, from) = if ccd.is_file() {
        (std::fs::read(&ccd).unwrap(), "bench/out/checkthat.ccd".to_string())
    } else {
        let ds = claims_from_tsv(&read(&ct.join("verified_claims.docs.tsv")), "checkthat")
            .expect("verified_claims.docs.tsv");
        (binary::encode(&ds), "verified_claims.docs.tsv via claims_from_tsv".to_string())
    };
    let ccd: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let claims = Engine::open(Cow::Borrowed(ccd)).unwrap().claim_count();
    r.lines.push(format!("CheckThat claims from {from}: {claims} claims, {} bytes compiled", ccd.len()));
    r.value("ct_claims", "CheckThat: claims", claims as f64, "claims");
    let ct_source =
        claims_from_tsv(&read(&ct.join("verified_claims.docs.tsv")), "checkthat").expect("verified_claims.docs.tsv");
    let s = repeat(3, || binary::encode(&ct_source));
    r.timing("ct_analysis", "CheckThat: compiling the index (analysing every passage; `crosscheck build`)", &s);
    let s = repeat(5, || binary::decode(ccd).unwrap());
    r.timing("ct_decode", "CheckThat: decode every claim (exports; the engine reads claims in place)", &s);
    let s = repeat(10, || Engine::open(Cow::Borrowed(ccd)).unwrap());
    r.timing("ct_engine", "CheckThat: open (checks, catalogue, postings; no text analysis)", &s);
    let (ct_held, ct_peak, engine) = held(|| Engine::open(Cow::Borrowed(ccd)).unwrap());
    r.value("ct_vocab_uni", "CheckThat: distinct terms in the index", engine.term_count() as f64, "terms");
    r.value("ct_postings_bytes", "CheckThat: bytes of postings built at load", engine.postings_bytes() as f64, "bytes");
    r.value(
        "ct_heap",
        "CheckThat: heap held by the engine besides the .ccd bytes (native, 64-bit)",
        ct_held as f64,
        "bytes",
    );
    r.value(
        "ct_heap_peak",
        "CheckThat: peak heap while opening, besides the .ccd bytes (native, 64-bit)",
        ct_peak as f64,
        "bytes",
    );

    let tweets: Vec<(String, String)> = queries_from_tsv(&read(&ct.join("dev/tweets.queries.tsv")));
    let texts: Vec<String> = tweets.iter().map(|(_, t)| t.clone()).collect();
    let (all, per) = latency(&texts, 20, |q| engine.search(q, 5));
    r.timing(
        "ct_search",
        &format!("CheckThat: search(top 5), {} dev tweets, per query (median of 20)", texts.len()),
        &per,
    );
    r.timing("ct_search_calls", "CheckThat: search(top 5), every call", &all);
    let (all, per) = latency(&texts, 20, |q| engine.lookup(q));
    r.timing("ct_lookup", &format!("CheckThat: lookup, {} dev tweets, per query (median of 20)", texts.len()), &per);
    r.timing("ct_lookup_calls", "CheckThat: lookup, every call", &all);

    // The same run the browser bench scores, as a check that native and wasm rank alike.
    let scores = score(&trec_run(&engine, &tweets, 5), &read(&ct.join("dev/tweet-vclaim-pairs.qrels")));
    r.value("ct_map5", "CheckThat dev: MAP@5 of search(top 5)", scores.map5, "");

    // The raw claims file read line by line, as `crosscheck build` and `crosscheck search` read it: claims that run
    // onto a second line, and the header, become claims of their own (bench/prepare.mjs joins them instead).
    let raw =
        claims_from_tsv(&read(&ct.join("verified_claims.docs.tsv")), "checkthat").expect("verified_claims.docs.tsv");
    r.value(
        "raw_claims",
        "raw verified_claims.docs.tsv via claims_from_tsv: claims",
        raw.claims.len() as f64,
        "claims",
    );
    let raw_engine = Engine::new(raw);
    let raw_scores = score(&trec_run(&raw_engine, &tweets, 5), &read(&ct.join("dev/tweet-vclaim-pairs.qrels")));
    r.value("raw_map5", "raw verified_claims.docs.tsv: MAP@5 of search(top 5)", raw_scores.map5, "");

    println!("crosscheck core, native (cargo bench profile: release settings, opt-level s)");
    for l in &r.lines {
        println!("  {l}");
    }
    println!("  (total {:.1} s)", t_all.elapsed().as_secs_f64());
    if let Some(path) = std::env::var_os("CROSSCHECK_BENCH_JSON") {
        let body = format!("{{\n  {}\n}}\n", r.json.join(",\n  "));
        std::fs::write(&path, body).unwrap_or_else(|e| panic!("cannot write {}: {e}", Path::new(&path).display()));
    }
}
