//! Parameter sweeps on CheckThat 2020: `cargo run --release --example checkthat -- DIR`, DIR being
//! the folder with verified_claims.docs.tsv, train/ and dev/. Tune on train; dev is the check.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::{claims_from_tsv, queries_from_tsv, score, trec_run};
use crosscheck_engine::matcher::Params;
use crosscheck_engine::Engine;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/checkthat2020".into());
    let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap();
    let mut engine = Engine::new(claims_from_tsv(&read("verified_claims.docs.tsv"), "checkthat").unwrap());
    // (split, its tweets as (id, text), its qrels)
    type Split<'a> = (&'a str, Vec<(String, String)>, String);
    let splits: Vec<Split> = ["train", "dev"]
        .iter()
        .map(|s| {
            (
                *s,
                queries_from_tsv(&read(&format!("{s}/tweets.queries.tsv"))),
                read(&format!("{s}/tweet-vclaim-pairs.qrels")),
            )
        })
        .collect();
    let base = Params::default();
    let mut configs: Vec<(String, Params)> = vec![("default".into(), base.clone())];
    for k1 in [0.9, 1.5, 2.0] {
        configs.push((format!("k1 {k1}"), Params { k1, ..base.clone() }));
    }
    for b in [0.4, 0.6, 0.9] {
        configs.push((format!("b {b}"), Params { b: [b; 3], ..base.clone() }));
    }
    for w in [0.4, 0.6, 1.0] {
        configs.push((format!("title weight {w}"), Params { weight: [1.0, w, 0.6], ..base.clone() }));
    }
    for bw in [0.0, 0.25, 1.0] {
        configs.push((format!("bigram {bw}"), Params { bigram_weight: bw, ..base.clone() }));
    }
    for (name, p) in configs {
        engine = engine.with_params(p);
        let mut line = format!("{name:<18}");
        for (split, queries, qrels) in &splits {
            let s = score(&trec_run(&engine, queries, 5), qrels);
            line.push_str(&format!("  {split} MAP@5 {:.4} MAP@1 {:.4}", s.map5, s.map1));
        }
        println!("{line}");
    }
}
