//! Learns the ranking weights (`RANK_WEIGHTS` in crates/crosscheck-engine/src/matcher.rs) by pairwise logistic regression:
//! `cargo run --release --example fit -- [CHECKTHAT_DIR]`. Training data: the CheckThat 2020 train
//! split (tweet → its verified claim) and half of the seed dataset's wordings, held out of the index
//! (wording → its claim). The dev split and the seed dev queries are only used to report.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::{
    claims_from_tsv, eval_seed, hold_out_wordings, parse_seed_queries, queries_from_tsv, score, seed_source, trec_run,
};
use crosscheck_engine::matcher::FEATURES;
use crosscheck_engine::Engine;
use std::collections::HashMap;

/// Feature differences with the weight of their pair in the loss.
type Pairs = Vec<([f32; FEATURES], f32)>;

const DEPTH: usize = 30;

/// Feature differences (gold minus other) for every query whose gold claim is among the candidates.
fn pairs(engine: &Engine, queries: &[(String, usize)], out: &mut Pairs) -> usize {
    let mut used = 0;
    for (text, gold) in queries {
        let cands = engine.candidates(text, 30);
        let Some(g) = cands.iter().find(|c| c.claim == *gold) else { continue };
        used += 1;
        // The first-stage order: pairs against the top of the list matter for MAP@5, the tail less.
        let mut by_first: Vec<&crosscheck_engine::matcher::Candidate> = cands.iter().collect();
        by_first.sort_by(|a, b| (b.features[0]).total_cmp(&a.features[0]));
        for c in by_first.iter().take(DEPTH).filter(|c| c.claim != *gold) {
            let d: [f32; FEATURES] = std::array::from_fn(|i| g.features[i] - c.features[i]);
            out.push((d, 1.0));
        }
    }
    used
}

/// Gradient descent on the pairwise logistic loss with L2 regularisation, on features scaled to
/// unit spread (so that one learning rate suits them all); returns weights for the unscaled features.
fn fit(pairs: &Pairs) -> [f32; FEATURES] {
    let n: f32 = pairs.iter().map(|p| p.1).sum();
    let mut scale = [0f32; FEATURES];
    for i in 0..FEATURES {
        let rms = (pairs.iter().map(|(d, k)| k * d[i] * d[i]).sum::<f32>() / n).sqrt();
        scale[i] = if rms > 0.0 { 1.0 / rms } else { 0.0 };
    }
    let mut w = [0f32; FEATURES];
    let (lambda, mut rate) = (1e-3, 1.0);
    for epoch in 0..3000 {
        let mut grad = [0f32; FEATURES];
        let mut loss = 0f32;
        for (d, k) in pairs {
            let z: f32 = (0..FEATURES).map(|i| d[i] * scale[i] * w[i]).sum();
            loss += k * (1.0 + (-z).exp()).ln();
            let g = -k / (1.0 + z.exp());
            for i in 0..FEATURES {
                grad[i] += g * d[i] * scale[i];
            }
        }
        for i in 0..FEATURES {
            w[i] -= rate * (grad[i] / n + lambda * w[i]);
        }
        if epoch % 500 == 499 {
            println!("epoch {epoch}: loss {:.4}", loss / n);
            rate *= 0.8;
        }
    }
    let mut out = [0f32; FEATURES];
    for i in 0..FEATURES {
        out[i] = w[i] * scale[i];
    }
    out
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/checkthat2020".into());
    let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap();
    let mut checkthat = Engine::new(claims_from_tsv(&read("verified_claims.docs.tsv"), "checkthat").unwrap());
    let ids: HashMap<String, usize> =
        checkthat.to_dataset().claims.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
    let qrels: HashMap<String, String> = read("train/tweet-vclaim-pairs.qrels")
        .lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            (c.len() >= 3).then(|| (c[0].to_string(), c[2].to_string()))
        })
        .collect();
    let train: Vec<(String, usize)> = queries_from_tsv(&read("train/tweets.queries.tsv"))
        .into_iter()
        .filter_map(|(q, t)| Some((t, *ids.get(qrels.get(&q)?)?)))
        .collect();

    // The seed dataset with every other wording held out of the index, as queries.
    let (held, seed_queries) = hold_out_wordings(seed_source().unwrap());
    let seed_engine = Engine::new(held);
    // And each claim's statement held out (an index of wordings and quotes), as queries.
    let mut no_statement = seed_source().unwrap();
    let mut statements = Vec::new();
    for (i, c) in no_statement.claims.iter_mut().enumerate() {
        statements.push((std::mem::take(&mut c.text), i));
    }
    let statement_engine = Engine::new(no_statement);

    let mut all = Pairs::new();
    let a = pairs(&checkthat, &train, &mut all);
    let n_checkthat = all.len();
    let b = pairs(&seed_engine, &seed_queries, &mut all) + pairs(&statement_engine, &statements, &mut all);
    // Each dataset weighs the same in the loss, however many pairs it gives: the widget's own
    // kind of data (claims with wordings and quotes) must not be outvoted by the tweets.
    let n_seed = all.len() - n_checkthat;
    let balance = n_checkthat as f32 / n_seed.max(1) as f32;
    for p in &mut all[n_checkthat..] {
        p.1 = balance;
    }
    println!(
        "pairs: {n_checkthat} from {a} CheckThat train tweets, {} from {b} held-out seed wordings and statements",
        all.len() - n_checkthat
    );
    let weights = fit(&all);
    println!("weights: {weights:?}");

    for (name, w) in [("current", checkthat.params.rank_weights), ("fitted", weights)] {
        checkthat.params.rank_weights = w;
        let mut line = format!("{name:<8}");
        for split in ["train", "dev"] {
            let s = score(
                &trec_run(&checkthat, &queries_from_tsv(&read(&format!("{split}/tweets.queries.tsv"))), 5),
                &read(&format!("{split}/tweet-vclaim-pairs.qrels")),
            );
            line.push_str(&format!("  {split} MAP@5 {:.4} MAP@1 {:.4}", s.map5, s.map1));
        }
        let mut seed_full = Engine::new(seed_source().unwrap());
        seed_full.params.rank_weights = w;
        let report =
            eval_seed(&seed_full, &parse_seed_queries(include_str!("../tests/data/seed_dev_queries.tsv")).unwrap());
        line.push_str(&format!("  seed dev failures {}", report.failures.len()));
        println!("{line}");
    }
}
