//! Measures the selection's side (`side::judge`) against the `stance` column of a realworld-style
//! TSV: `cargo run --release --example side [FILE]` (default ../shared/eval/realworld_dev.tsv).
//! Only rows whose top candidate (threshold ignored) is their first labelled claim are judged, since
//! the label is the sentence's stance to that claim.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_engine::side::{judge, Side};
use crosscheck_engine::Engine;
use std::collections::BTreeMap;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/realworld_dev.tsv".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let engine = Engine::embedded().expect("the embedded dataset opens");
    let mut table: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let verbose = std::env::var_os("VERBOSE").is_some();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 || cols[1] != "pos" {
            continue;
        }
        let (query, first, stance) = (cols[2], cols[3].split_whitespace().next().unwrap_or(""), cols[6].trim());
        let Some(top) = engine.search(query, 1).into_iter().next() else { continue };
        if engine.claim_id(top.claim) != first {
            continue;
        }
        let claim = engine.claim(top.claim).expect("a ranked claim decodes");
        let j = judge(query, &claim, engine.lexicon());
        *table.entry((stance.to_string(), j.side.as_str())).or_default() += 1;
        let wrong = matches!((stance, j.side), ("agrees" | "partial", Side::Disputes) | ("conflicts", Side::Asserts));
        if verbose || wrong {
            println!(
                "{}{stance:>9} -> {:<8} {:?} [{first}] {}",
                if wrong { "WRONG " } else { "" },
                j.side.as_str(),
                j.basis,
                cols[0]
            );
        }
    }
    let total: usize = table.values().sum();
    let wrong: usize = table
        .iter()
        .filter(|((s, side), _)| {
            matches!((s.as_str(), *side), ("agrees" | "partial", "disputes") | ("conflicts", "asserts"))
        })
        .map(|(_, n)| n)
        .sum();
    let decided_ac: usize = table
        .iter()
        .filter(|((s, side), _)| (s == "agrees" || s == "conflicts") && *side != "unknown")
        .map(|(_, n)| n)
        .sum();
    let ac: usize = table.iter().filter(|((s, _), _)| s == "agrees" || s == "conflicts").map(|(_, n)| n).sum();
    println!("\nstance      side       rows");
    for ((s, side), n) in &table {
        println!("{s:<11} {side:<10} {n}");
    }
    println!(
        "\njudged {total}; wrong side {wrong} ({:.1}%); a side for {decided_ac} of {ac} agrees/conflicts ({:.1}%)",
        100.0 * wrong as f32 / total.max(1) as f32,
        100.0 * decided_ac as f32 / ac.max(1) as f32
    );
}
