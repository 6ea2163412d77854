//! Measurement: seed query files (`crosscheck eval`), CheckThat-style claim files and TREC runs
//! (`crosscheck search`), and the scorer (MAP@k, MRR). Native only; the browser never needs it.

use crosscheck_engine::Engine;
use crosscheck_format::model::{Claim, Dataset};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One line of a seed query file: `qid<TAB>kind<TAB>query<TAB>expect`.
#[derive(Debug, Clone)]
pub struct SeedQuery {
    pub qid: String,
    pub kind: String,
    pub query: String,
    /// Fragments (any one suffices) that the top match's quotes must contain; empty for negatives.
    pub expect: Vec<String>,
}

pub fn parse_seed_queries(text: &str) -> Result<Vec<SeedQuery>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(format!(
                "line {}: expected 4 tab-separated columns (qid, kind, query, expect), found {}",
                n + 1,
                cols.len()
            ));
        }
        let expect = if cols[3].trim() == "none" {
            Vec::new()
        } else {
            cols[3].split(" || ").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        };
        out.push(SeedQuery { qid: cols[0].into(), kind: cols[1].into(), query: cols[2].into(), expect });
    }
    Ok(out)
}

/// The default dataset compiled from its source folder (data/seed), wordings and all: what the
/// tools that hold wordings out (`examples/fit.rs`, `examples/calibrate.rs`) need, since the
/// embedded binary keeps only their terms.
pub fn seed_source() -> Result<Dataset, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed");
    crosscheck_format::source::compile_dir(&dir).map_err(|e| e.to_string())
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether a claim carries an account whose quote contains one of the fragments.
pub fn claim_has_fragment(claim: &Claim, fragments: &[String]) -> bool {
    claim.accounts.iter().any(|a| {
        let q = fold(&a.quote);
        fragments.iter().any(|f| q.contains(&fold(f)))
    })
}

/// The outcome of a seed query file, per kind.
#[derive(Debug, Default)]
pub struct EvalReport {
    pub kinds: Vec<(String, usize, usize)>,
    pub failures: Vec<String>,
    /// neg_hard queries that produced a match (the target allows at most one).
    pub neg_hard_matched: usize,
}

impl EvalReport {
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (kind, passed, total) in &self.kinds {
            let _ = writeln!(s, "{kind:<9} {passed}/{total} passed");
        }
        for f in &self.failures {
            let _ = writeln!(s, "FAIL {f}");
        }
        s
    }

    pub fn all_passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs seed queries: `pos` passes when the top match carries an expected fragment; `neg_easy` and
/// `neg_hard` pass when nothing matches.
pub fn eval_seed(engine: &Engine, queries: &[SeedQuery]) -> EvalReport {
    let mut report = EvalReport::default();
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for q in queries {
        let matches = engine.lookup(&q.query);
        let top = matches.first().and_then(|m| engine.claim(m.claim));
        let passed = match q.kind.as_str() {
            "pos" => top.as_ref().is_some_and(|c| claim_has_fragment(c, &q.expect)),
            _ => matches.is_empty(),
        };
        if q.kind == "neg_hard" && !matches.is_empty() {
            report.neg_hard_matched += 1;
        }
        if !passed {
            let got =
                top.map_or("no match".to_string(), |c| format!("{} ({:.2}): {}", c.id, matches[0].confidence, c.text));
            report.failures.push(format!("{} [{}] {:?} -> {}", q.qid, q.kind, q.query, got));
        }
        match counts.iter_mut().find(|(k, _, _)| *k == q.kind) {
            Some(e) => {
                e.2 += 1;
                e.1 += usize::from(passed);
            }
            None => counts.push((q.kind.clone(), usize::from(passed), 1)),
        }
    }
    report.kinds = counts;
    report
}

/// Holds every other wording of every claim out of the dataset, returning the smaller dataset and the
/// held-out wordings with their claim's index: paraphrases the index has not seen, for learning the
/// ranking weights and choosing the threshold without touching the dev queries.
pub fn hold_out_wordings(mut ds: Dataset) -> (Dataset, Vec<(String, usize)>) {
    let mut held = Vec::new();
    for (i, c) in ds.claims.iter_mut().enumerate() {
        let all = std::mem::take(&mut c.wordings);
        for (k, w) in all.into_iter().enumerate() {
            if k % 2 == 1 {
                held.push((w, i));
            } else {
                c.wordings.push(w);
            }
        }
    }
    (ds, held)
}

/// Reads a CheckThat claims file (`id<TAB>claim<TAB>title`, with a header line) into a dataset
/// whose claims have the title as their one wording and no accounts.
pub fn claims_from_tsv(text: &str, name: &str) -> Result<Dataset, String> {
    let mut ds = Dataset { name: name.into(), title: name.into(), ..Dataset::default() };
    let is_id = |c: &str| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit());
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        if n == 0 && !is_id(cols[0]) {
            continue; // the header (its id column may be empty)
        }
        if line.trim().is_empty() {
            continue;
        }
        // A claim with a line break inside its quoted text goes on in a line that starts without an id.
        if !is_id(cols[0]) {
            let Some(last) = ds.claims.last_mut() else {
                return Err(format!("line {}: expected id<TAB>claim[<TAB>title]", n + 1));
            };
            last.text = format!("{} {}", last.text, cols[0].trim());
            if let Some(title) = cols.get(1).map(|t| t.trim()).filter(|t| !t.is_empty()) {
                last.wordings = vec![title.into()];
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(format!("line {}: expected id<TAB>claim[<TAB>title]", n + 1));
        }
        let title = cols.get(2).map(|t| t.trim()).unwrap_or("");
        ds.claims.push(Claim {
            id: cols[0].trim().into(),
            text: cols[1].trim().into(),
            wordings: if title.is_empty() { vec![] } else { vec![title.into()] },
            ..Claim::default()
        });
    }
    Ok(ds)
}

/// Reads a query file (`id<TAB>text`, with a header line).
pub fn queries_from_tsv(text: &str) -> Vec<(String, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let (id, q) = line.split_once('\t')?;
            if n == 0 && !id.trim().chars().all(|c| c.is_ascii_digit()) || id.trim().is_empty() {
                return None;
            }
            Some((id.trim().to_string(), q.to_string()))
        })
        .collect()
}

/// A TREC run: `qid Q0 doc rank score tag`, one line per retrieved claim.
pub fn trec_run(engine: &Engine, queries: &[(String, String)], top: usize) -> String {
    let mut s = String::new();
    for (qid, text) in queries {
        for (rank, r) in engine.search(text, top).iter().enumerate() {
            let _ = writeln!(s, "{qid} Q0 {} {} {:.4} crosscheck", engine.claim_id(r.claim), rank + 1, r.score);
        }
    }
    s
}

/// Mean average precision at 1 and 5, and mean reciprocal rank, averaged over every query in the
/// qrels (a query the run does not answer counts 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub map1: f64,
    pub map5: f64,
    pub mrr: f64,
    pub queries: usize,
}

pub fn score(run: &str, qrels: &str) -> Scores {
    let mut relevant: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in qrels.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() >= 4 && cols[3] != "0" {
            relevant.entry(cols[0]).or_default().push(cols[2]);
        }
    }
    let mut ranked: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for line in run.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() >= 4 {
            if let Ok(rank) = cols[3].parse::<usize>() {
                ranked.entry(cols[0]).or_default().push((rank, cols[2]));
            }
        }
    }
    let ap_at = |qid: &str, k: usize| -> f64 {
        let rel = &relevant[qid];
        let Some(list) = ranked.get(qid) else { return 0.0 };
        let mut list = list.clone();
        list.sort();
        let (mut hits, mut sum) = (0usize, 0f64);
        for (i, (_, doc)) in list.iter().take(k).enumerate() {
            if rel.contains(doc) {
                hits += 1;
                sum += hits as f64 / (i + 1) as f64;
            }
        }
        sum / rel.len().min(k) as f64
    };
    let rr = |qid: &str| -> f64 {
        let rel = &relevant[qid];
        let Some(list) = ranked.get(qid) else { return 0.0 };
        let mut list = list.clone();
        list.sort();
        list.iter().position(|(_, d)| rel.contains(d)).map_or(0.0, |p| 1.0 / (p + 1) as f64)
    };
    let n = relevant.len().max(1) as f64;
    Scores {
        map1: relevant.keys().map(|q| ap_at(q, 1)).sum::<f64>() / n,
        map5: relevant.keys().map(|q| ap_at(q, 5)).sum::<f64>() / n,
        mrr: relevant.keys().map(|q| rr(q)).sum::<f64>() / n,
        queries: relevant.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_files_with_an_empty_header_id_and_broken_lines_are_read_whole() {
        let tsv = "\tvclaim\ttitle\n1\tA claim.\tTitle one\n2\t\"A claim that breaks\nacross lines.\"\tTitle two\n3\tLast.\t\n";
        // Test code: a panic here is the test failing, on input the test wrote itself.
        let ds = claims_from_tsv(tsv, "t").unwrap();
        let ids: Vec<&str> = ds.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        assert_eq!(ds.claims[1].text, "\"A claim that breaks across lines.\"");
        assert_eq!(ds.claims[1].wordings, ["Title two"]);
    }

    #[test]
    fn map_counts_unanswered_queries_as_zero() {
        let qrels = "1 0 a 1\n2 0 b 1\n";
        let run = "1 Q0 x 1 2.0 t\n1 Q0 a 2 1.0 t\n";
        let s = score(run, qrels);
        assert_eq!(s.queries, 2);
        assert!((s.map5 - 0.25).abs() < 1e-9);
        assert!((s.map1 - 0.0).abs() < 1e-9);
        assert!((s.mrr - 0.25).abs() < 1e-9);
    }
}
