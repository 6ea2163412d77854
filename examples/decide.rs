//! Learns the decision's weights (`DECISION_WEIGHTS` in crates/crosscheck-engine/src/confidence.rs) and the no-match threshold:
//! `cargo run --release --example decide -- [REALWORLD.tsv]`.
//!
//! Training data: the real-world dev file (`../shared/eval/realworld_dev.tsv`, read in place: each
//! sentence's candidates, labelled by whether they are one of its claims), half the seed dataset's
//! wordings held out of the index (each should find its claim) and the off-topic CheckThat tweets
//! (nothing should). Because the dev file is also what the figures are reported on, the figures
//! printed first are 5-fold cross-validated: each fifth of the dev rows is decided by weights and a
//! threshold learned without it. The weights printed last are learned on everything.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::{hold_out_wordings, parse_seed_queries, queries_from_tsv, seed_source};
use crosscheck_cli::realworld::parse;
use crosscheck_engine::confidence::{probability, DECISION_FEATURES, VERBATIM};
use crosscheck_engine::Engine;
use crosscheck_text::sentences;

type X = [f32; DECISION_FEATURES];

/// A candidate of a sentence: its claim, ranking score, features, and whether it is a verbatim quote.
#[derive(Clone)]
struct Cand {
    claim: usize,
    score: f32,
    x: X,
    certain: bool,
}

/// A text to decide on, sentence by sentence.
struct Item {
    /// 0: dev pos, 1: dev neg_hard, 2: dev neg_easy, 3: held-out wording, 4: off-topic tweet.
    group: u8,
    expected: Vec<usize>,
    near_miss: Vec<usize>,
    sentences: Vec<Vec<Cand>>,
    fold: usize,
}

const DEPTH: usize = 5;
const FOLDS: usize = 5;

fn item(engine: &Engine, text: &str, group: u8, expected: Vec<usize>, near_miss: Vec<usize>, fold: usize) -> Item {
    let sentences = sentences(text)
        .into_iter()
        .take(60)
        .map(|(a, b)| {
            engine
                .decisions(&text[a..b], DEPTH)
                .into_iter()
                .map(|d| Cand { claim: d.claim, score: d.score, x: d.features, certain: d.features[12] >= VERBATIM })
                .collect()
        })
        .collect();
    Item { group, expected, near_miss, sentences, fold }
}

/// The first claim `lookup` would answer with, at these weights and this threshold.
fn answer(item: &Item, w: &X, threshold: f32) -> Option<usize> {
    for cands in &item.sentences {
        let best = cands
            .iter()
            .map(|c| (if c.certain { probability(&c.x, w).max(c.x[12]) } else { probability(&c.x, w) }, c))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.score.total_cmp(&b.1.score)));
        if let Some((p, c)) = best {
            if p >= threshold {
                return Some(c.claim);
            }
        }
    }
    None
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    right: usize,
    silent: usize,
    wrong: usize,
    pos: usize,
    hard: usize,
    hard_false: usize,
    hard_strict: usize,
    easy: usize,
    easy_false: usize,
    wordings: usize,
    wordings_right: usize,
    wordings_wrong: usize,
    tweets: usize,
    tweets_false: usize,
}

fn tally<'a>(items: impl Iterator<Item = &'a Item>, w: &X, t: f32) -> Tally {
    let mut s = Tally::default();
    for it in items {
        let a = answer(it, w, t);
        match it.group {
            0 => {
                s.pos += 1;
                match a {
                    None => s.silent += 1,
                    Some(c) if it.expected.contains(&c) => s.right += 1,
                    Some(_) => s.wrong += 1,
                }
            }
            1 => {
                s.hard += 1;
                if let Some(c) = a {
                    s.hard_strict += 1;
                    s.hard_false += usize::from(!it.near_miss.contains(&c));
                }
            }
            2 => {
                s.easy += 1;
                s.easy_false += usize::from(a.is_some());
            }
            3 => {
                s.wordings += 1;
                match a {
                    Some(c) if it.expected.contains(&c) => s.wordings_right += 1,
                    Some(_) => s.wordings_wrong += 1,
                    None => {}
                }
            }
            _ => {
                s.tweets += 1;
                s.tweets_false += usize::from(a.is_some());
            }
        }
    }
    s
}

/// What the threshold is chosen for: right answers, less wrong ones, much less false popups (the
/// target allows one on-topic popup in 35 and none on unrelated text). Dev rows count more than the
/// held-out wordings, which are short paraphrases unlike the real sentences.
fn objective(s: &Tally) -> f32 {
    let per = |a: usize, b: usize| a as f32 / b.max(1) as f32;
    per(s.right, s.pos) - per(s.wrong, s.pos) - 6.0 * per(s.hard_false, s.hard) - 20.0 * per(s.easy_false, s.easy)
        + 0.3 * (per(s.wordings_right, s.wordings) - per(s.wordings_wrong, s.wordings))
        - 20.0 * per(s.tweets_false, s.tweets)
}

fn choose_threshold(items: &[&Item], w: &X) -> f32 {
    let mut best = (f32::MIN, 0.5);
    for k in 20..=90 {
        let t = k as f32 / 100.0;
        let o = objective(&tally(items.iter().copied(), w, t));
        if o > best.0 {
            best = (o, t);
        }
    }
    best.1
}

/// Weighted logistic regression on unit-scaled features with L2, by gradient descent; every
/// candidate of every sentence is a sample (label: it is one of the text's claims). Each group
/// weighs as a whole: dev texts 1 each, the wordings and the tweets together as much as the dev
/// positives and negatives.
fn fit(items: &[&Item]) -> X {
    let mut samples: Vec<(X, f32, f32)> = Vec::new();
    let count = |g: u8| items.iter().filter(|i| i.group == g).count().max(1) as f32;
    let dev_pos = count(0);
    let dev_neg = count(1) + count(2);
    for it in items {
        let weight = match it.group {
            0..=2 => 1.0,
            3 => 0.5 * dev_pos / count(3),
            _ => 0.5 * dev_neg / count(4),
        };
        for cands in &it.sentences {
            for c in cands.iter().filter(|c| !c.certain) {
                let y = if it.expected.contains(&c.claim) { 1.0 } else { 0.0 };
                samples.push((c.x, y, weight));
            }
        }
    }
    let n: f32 = samples.iter().map(|s| s.2).sum();
    let mut mean = [0f32; DECISION_FEATURES];
    let mut scale = [1f32; DECISION_FEATURES];
    for i in 1..DECISION_FEATURES {
        mean[i] = samples.iter().map(|s| s.2 * s.0[i]).sum::<f32>() / n;
        let var = samples.iter().map(|s| s.2 * (s.0[i] - mean[i]).powi(2)).sum::<f32>() / n;
        scale[i] = if var > 1e-9 { 1.0 / var.sqrt() } else { 0.0 };
    }
    let z = |x: &X, i: usize| if i == 0 { 1.0 } else { (x[i] - mean[i]) * scale[i] };
    let mut w = [0f32; DECISION_FEATURES];
    // LAMBDA=x tries another regularisation strength.
    let lambda = std::env::var("LAMBDA").ok().and_then(|l| l.parse().ok()).unwrap_or(3e-3);
    let rate = 0.5;
    for _ in 0..1500 {
        let mut grad = [0f32; DECISION_FEATURES];
        for (x, y, k) in &samples {
            let s: f32 = (0..DECISION_FEATURES).map(|i| z(x, i) * w[i]).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            for (i, g) in grad.iter_mut().enumerate() {
                *g += k * (p - y) * z(x, i);
            }
        }
        for i in 0..DECISION_FEATURES {
            let reg = if i == 0 { 0.0 } else { lambda * w[i] };
            w[i] -= rate * (grad[i] / n + reg);
        }
    }
    // Back to the unscaled features.
    let mut out = [0f32; DECISION_FEATURES];
    for i in 1..DECISION_FEATURES {
        out[i] = w[i] * scale[i];
        out[0] -= w[i] * scale[i] * mean[i];
    }
    out[0] += w[0];
    out
}

fn print(label: &str, s: &Tally) {
    println!(
        "{label}: right {}/{} silent {} wrong {} | neg_hard false {}/{} (strict {}) | neg_easy {}/{} | wordings right {}/{} wrong {} | tweets with a popup {}/{}",
        s.right, s.pos, s.silent, s.wrong, s.hard_false, s.hard, s.hard_strict, s.easy_false, s.easy,
        s.wordings_right, s.wordings, s.wordings_wrong, s.tweets_false, s.tweets
    );
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/realworld_dev.tsv".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut engine = Engine::embedded().unwrap();
    // RELATED_WEIGHT=x tries another weight for related words (src/related.rs).
    if let Some(w) = std::env::var("RELATED_WEIGHT").ok().and_then(|w| w.parse().ok()) {
        engine.params.related_weight = w;
    }
    let engine = engine;
    let id = |s: &String| engine.find(s);
    let mut items: Vec<Item> = Vec::new();
    for (n, q) in parse(&text).unwrap().iter().enumerate() {
        let group = match q.kind.as_str() {
            "pos" => 0,
            "neg_hard" => 1,
            _ => 2,
        };
        // Folds by position, every fifth row: the file is grouped by source page, so neighbouring
        // rows from one page land in different folds about as often as a random split would put
        // them together.
        let expected = q.expected.iter().filter_map(id).collect();
        let near = q.near_miss.iter().filter_map(id).collect();
        items.push(item(&engine, &q.query, group, expected, near, n % FOLDS));
    }
    let (held, positives) = hold_out_wordings(seed_source().unwrap());
    let held = Engine::new(held);
    for (w, i) in &positives {
        items.push(item(&held, w, 3, vec![*i], vec![], FOLDS));
    }
    for (_, t) in queries_from_tsv(include_str!("../tests/data/checkthat_tweets.tsv")) {
        items.push(item(&engine, &t, 4, vec![], vec![], FOLDS));
    }

    // Cross-validated: each fold of the dev rows decided by weights learned without it.
    let mut cv = Tally::default();
    for f in 0..FOLDS {
        let train: Vec<&Item> = items.iter().filter(|i| i.fold != f).collect();
        let w = fit(&train);
        let t = choose_threshold(&train, &w);
        let s = tally(items.iter().filter(|i| i.fold == f), &w, t);
        println!("fold {f}: threshold {t:.2}");
        cv.right += s.right;
        cv.silent += s.silent;
        cv.wrong += s.wrong;
        cv.pos += s.pos;
        cv.hard += s.hard;
        cv.hard_false += s.hard_false;
        cv.hard_strict += s.hard_strict;
        cv.easy += s.easy;
        cv.easy_false += s.easy_false;
    }
    print("dev, 5-fold cross-validated", &cv);

    let all: Vec<&Item> = items.iter().collect();
    let w = fit(&all);
    let t = choose_threshold(&all, &w);
    print(&format!("all data (fitted on it), threshold {t:.2}"), &tally(items.iter(), &w, t));
    for t in [0.3, 0.4, 0.5, 0.6, 0.7] {
        print(&format!("  threshold {t:.2}"), &tally(items.iter(), &w, t));
    }
    // DIAG=1 lists every dev text's best candidates at the final weights (for reading failures).
    if std::env::var("DIAG").is_ok() {
        for (q, it) in parse(&text).unwrap().iter().zip(&items) {
            let mut all: Vec<(f32, usize)> = it
                .sentences
                .iter()
                .flatten()
                .map(|c| (if c.certain { probability(&c.x, &w).max(c.x[12]) } else { probability(&c.x, &w) }, c.claim))
                .collect();
            all.sort_by(|a, b| b.0.total_cmp(&a.0));
            let rank = all.iter().position(|c| it.expected.contains(&c.1));
            let top: Vec<String> = all.iter().take(3).map(|(p, c)| format!("{}:{p:.2}", engine.claim_id(*c))).collect();
            println!("DIAG\t{}\t{}\t{:?}\t{}", q.qid, q.kind, rank, top.join(" "));
        }
    }
    let queries = parse_seed_queries(include_str!("../tests/data/seed_dev_queries.tsv")).unwrap();
    let mut check = Engine::embedded().unwrap();
    check.params.decision_weights = w;
    check.params.threshold = t;
    print!("seed dev queries: {}", crosscheck_cli::eval::eval_seed(&check, &queries).render());
    println!("threshold: {t:.2}");
    println!("pub(crate) const DECISION_WEIGHTS: [f32; DECISION_FEATURES] =");
    println!("    [{}];", w.iter().map(|v| format!("{v:.4}")).collect::<Vec<_>>().join(", "));
}
