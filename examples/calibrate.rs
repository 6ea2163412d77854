//! Prints the confidence distribution of right answers and of off-topic text, to choose the
//! no-match threshold: `cargo run --release --example calibrate`.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::{hold_out_wordings, parse_seed_queries, queries_from_tsv, seed_source};
use crosscheck_engine::Engine;

fn main() {
    let mut engine = Engine::new(seed_source().unwrap());
    if let Some(text) = std::env::args().nth(1) {
        if text == "--sweep" {
            sweep();
        } else {
            explain(&engine, &text);
        }
        return;
    }
    engine.params.threshold = 0.0;
    let ds = &engine.to_dataset();
    let mut neg: Vec<(f32, String)> = queries_from_tsv(include_str!("../tests/data/checkthat_tweets.tsv"))
        .iter()
        .filter_map(|(_, t)| {
            engine.search(t, 1).first().map(|r| {
                (r.confidence, format!("{} -> {}", t.chars().take(70).collect::<String>(), ds.claims[r.claim].id))
            })
        })
        .collect();
    neg.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("off-topic tweets, highest confidences:");
    for (c, t) in neg.iter().take(15) {
        println!("  {c:.3} {t}");
    }
    println!("off-topic sentences that pass the threshold:");
    for (_, t) in queries_from_tsv(include_str!("../tests/data/checkthat_tweets.tsv")) {
        for (a, b) in crosscheck_text::sentences(&t) {
            if let Some(r) = engine.search(&t[a..b], 1).first().filter(|r| r.confidence >= engine.params.threshold) {
                println!("  {:.3} {:?} -> {}", r.confidence, &t[a..b], ds.claims[r.claim].id);
            }
        }
    }
    let queries = parse_seed_queries(include_str!("../tests/data/seed_dev_queries.tsv")).unwrap();
    println!("seed dev queries:");
    for q in &queries {
        let r = engine.search(&q.query, 1);
        let (c, id) = r.first().map_or((0.0, "-".to_string()), |r| (r.confidence, ds.claims[r.claim].id.clone()));
        let ok = r.first().is_some_and(|r| crosscheck_cli::eval::claim_has_fragment(&ds.claims[r.claim], &q.expect));
        println!(
            "  {c:.3} {:<9} {} {} -> {id}",
            q.kind,
            if ok { "ok " } else { "   " },
            q.query.chars().take(60).collect::<String>()
        );
    }
    let mut wordings: Vec<f32> = Vec::new();
    for (i, c) in ds.claims.iter().enumerate() {
        for w in &c.wordings {
            if let Some(r) = engine.search(w, 1).first() {
                wordings.push(if r.claim == i { r.confidence } else { -r.confidence });
            }
        }
    }
    wordings.sort_by(f32::total_cmp);
    let wrong = wordings.iter().filter(|c| **c < 0.0).count();
    println!(
        "wordings: {} total, {wrong} rank another claim first; lowest right confidences: {:?}",
        wordings.len(),
        wordings.iter().filter(|c| **c >= 0.0).take(10).collect::<Vec<_>>()
    );
}

/// `cargo run --release --example calibrate -- "some text"` shows the top five with their confidences.
pub fn explain(engine: &Engine, text: &str) {
    let ds = &engine.to_dataset();
    println!("{:?}", crosscheck_text::analyze(text, engine.lexicon()));
    for r in engine.search(text, 5) {
        println!(
            "  score {:.3} conf {:.3} {}: {}",
            r.score, r.confidence, ds.claims[r.claim].id, ds.claims[r.claim].text
        );
    }
}

/// Held-out wordings as positives (an index without them), off-topic tweet sentences as negatives:
/// recall and false-positive rate at a range of thresholds.
pub fn sweep() {
    let (held, positives) = hold_out_wordings(seed_source().unwrap());
    let mut engine = Engine::new(held);
    engine.params.threshold = 0.0;
    let pos: Vec<(f32, bool)> = positives
        .iter()
        .map(|(w, i)| engine.lookup(w).first().map_or((0.0, false), |m| (m.confidence, m.claim == *i)))
        .collect();
    let neg: Vec<f32> = queries_from_tsv(include_str!("../tests/data/checkthat_tweets.tsv"))
        .iter()
        .map(|(_, t)| engine.lookup(t).iter().map(|m| m.confidence).fold(0f32, f32::max))
        .collect();
    if std::env::var("SHOW_WRONG").is_ok() {
        let ds = &engine.to_dataset();
        for (k, (w, i)) in positives.iter().enumerate().filter(|(k, _)| !pos[*k].1 && pos[*k].0 >= 0.35).take(25) {
            let m = engine.lookup(w);
            let _ = k;
            println!(
                "{:.2} {:?}\n     want {}: {}\n     got  {}: {}",
                m[0].confidence,
                w,
                ds.claims[*i].id,
                ds.claims[*i].text,
                ds.claims[m[0].claim].id,
                ds.claims[m[0].claim].text
            );
        }
    }
    for th in [0.25, 0.30, 0.35, 0.40, 0.45, 0.50] {
        let right = pos.iter().filter(|(c, ok)| *ok && *c >= th).count();
        let wrong = pos.iter().filter(|(c, ok)| !*ok && *c >= th).count();
        let fp = neg.iter().filter(|c| **c >= th).count();
        println!(
            "threshold {th:.2}: held-out wordings right {right}/{}, wrong popup {wrong}; off-topic tweets with a popup {fp}/{}",
            pos.len(),
            neg.len()
        );
    }
}
