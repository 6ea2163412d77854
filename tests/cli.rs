//! The command line's contract, as scripts rely on it: JSON shapes, standard input, exit codes.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn crosscheck(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("standard output is JSON")
}

#[test]
fn check_prints_matches_with_accounts_and_sources() {
    let v = json(&crosscheck(&["check", "Putin spoke with Erdogan by phone on the evening of December 3."], None));
    let m = &v["matches"][0];
    assert!(m["claim"]["id"].is_string() && m["claim"]["text"].is_string());
    assert!(m["score"].as_f64().unwrap() > 0.0);
    let a = &m["accounts"][0];
    assert!(["corroborates", "conflicts", "context"].contains(&a["stance"].as_str().unwrap()));
    for key in ["speaker", "quote"] {
        assert!(a[key].is_string(), "{key}");
    }
    assert!(a["via"].is_array());
    // Each source once per answer: the account names it by its index in the answer's sources.
    let source = &v["sources"][a["source"].as_u64().expect("a source index") as usize];
    for key in ["id", "file", "outlet", "title", "author", "date"] {
        assert!(source[key].is_string(), "source.{key}");
    }
    assert!(source["url"].is_string() || source["url"].is_null());
}

#[test]
fn check_reads_standard_input_and_answers_nothing_for_off_topic_text() {
    let v = json(&crosscheck(&["check", "-"], Some("The new album debuted at number one on the Billboard chart.")));
    assert_eq!(v["matches"].as_array().unwrap().len(), 0);
    let v =
        json(&crosscheck(&["check", "-"], Some("Russian jets were bombing the deserts instead of HTS headquarters.")));
    assert!(!v["matches"].as_array().unwrap().is_empty());
}

#[test]
fn dump_prints_the_whole_dataset() {
    let v = json(&crosscheck(&["dump"], None));
    assert_eq!(v["version"], 2);
    assert!(v["sources"].as_array().unwrap().len() >= 5);
    let claims = v["claims"].as_array().unwrap();
    assert!(claims.len() >= 150);
    assert!(claims.iter().all(|c| c["id"].is_string()
        && c["text"].is_string()
        && c["accounts"].as_array().is_some_and(|a| !a.is_empty()))); // An account's source is its index in the dump's sources.
    let sources = v["sources"].as_array().unwrap().len();
    assert!(claims
        .iter()
        .flat_map(|c| c["accounts"].as_array().unwrap())
        .all(|a| a["source"].as_u64().is_some_and(|i| (i as usize) < sources)));
}

#[test]
fn claimreview_export_is_json_ld() {
    let v = json(&crosscheck(&["claimreview"], None));
    assert_eq!(v["@context"], "https://schema.org");
    let first = &v["@graph"][0];
    assert_eq!(first["@type"], "ClaimReview");
    assert!(first["claimReviewed"].is_string());
    assert!(first["itemReviewed"]["appearance"][0]["text"].is_string());
}

#[test]
fn build_then_load_a_dataset_of_ones_own() {
    let out = std::env::temp_dir().join(format!("crosscheck-cli-{}.ccd", std::process::id()));
    let o = crosscheck(&["build", "tests/fixtures/small", "-o", out.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json(&crosscheck(
        &["check", "the ferry terminal cost 12 million euros", "--dataset", out.to_str().unwrap()],
        None,
    ));
    assert_eq!(v["matches"][0]["claim"]["id"], "terminal-cost");
    let _ = std::fs::remove_file(out);
}

#[test]
fn errors_go_to_standard_error_with_a_non_zero_exit() {
    for (args, words) in [
        (vec!["frobnicate"], "unknown command"),
        (vec!["check"], "usage"),
        (vec!["check", "x", "--dataset", "/nonexistent.ccd"], "cannot read"),
        (vec!["check", "x", "--dataset", "Cargo.toml"], "not a crosscheck dataset"),
        (vec!["build", "tests/fixtures", "-o", "/tmp/x.ccd"], "dataset.toml"),
    ] {
        let o = crosscheck(&args, None);
        assert!(!o.status.success(), "{args:?} succeeded");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(words), "{args:?}: {err}");
    }
}

#[test]
fn eval_and_search_produce_scores_and_trec_runs() {
    let o = crosscheck(&["eval", "tests/data/seed_dev_queries.tsv"], None);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("pos") && text.contains("passed"), "{text}");
    let dir = std::env::temp_dir();
    let claims = dir.join(format!("cc-claims-{}.tsv", std::process::id()));
    let queries = dir.join(format!("cc-queries-{}.tsv", std::process::id()));
    let qrels = dir.join(format!("cc-qrels-{}.txt", std::process::id()));
    std::fs::write(
        &claims,
        "vclaim_id\tvclaim\ttitle\n0\tThe moon is made of cheese.\tCheese moon\n1\tBirds are not real.\tBirds\n",
    )
    .unwrap();
    std::fs::write(&queries, "tweet_id\ttweet_content\n7\tIs the moon really cheese?\n").unwrap();
    std::fs::write(&qrels, "7 0 0 1\n").unwrap();
    let o = crosscheck(
        &[
            "search",
            "--claims",
            claims.to_str().unwrap(),
            "--queries",
            queries.to_str().unwrap(),
            "--qrels",
            qrels.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success());
    let run = String::from_utf8_lossy(&o.stdout);
    assert!(run.starts_with("7 Q0 0 1 "), "{run}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("MAP@5 1.0000"));
    for f in [claims, queries, qrels] {
        let _ = std::fs::remove_file(f);
    }
}
