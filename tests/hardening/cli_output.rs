//! Issue 25, item 5: the CLI printed dataset strings raw. An ANSI sequence in a source's `url` erased
//! the error line, printed a fake "Built 1 claim OK" and set the terminal title; a NUL came out raw.
//! Everything the CLI prints that can carry dataset or user text is escaped now: messages as
//! `\u{1b}`, JSON as `\u001b` (the same JSON value).

use std::path::Path;
use std::process::{Command, Output};

fn crosscheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck")).args(args).output().expect("the CLI runs")
}

/// What a terminal must never receive from a dataset or a user: controls (C0 but the line break,
/// DEL, C1) and bidi controls.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The attack of the issue: the error line erased, a fake success, the window title set.
const ANSI: &str = r"\u001B[2K\r\u001B[1A\u001B[2KBuilt 1 claim OK\u001B]0;pwned\u0007";

#[test]
fn an_ansi_sequence_or_a_nul_in_a_url_comes_out_escaped() {
    for (tag, payload) in [("ansi", ANSI), ("nul", r"\u0000"), ("c1", r"\u009B2K"), ("bidi", r"\u202Egro.elpmaxe")] {
        let dir = crate::fixture::small_copy(&format!("cli-{tag}"));
        replace(
            &dir,
            "sources.toml",
            "url = \"https://example.org/harbour\"",
            &format!("url = \"https://example.org/{payload}\""),
        );
        let out_file = dir.join("out.ccd");
        let out = crosscheck(&["build", dir.to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!out.status.success(), "{tag}: built");
        assert!(raw_controls(&stderr).is_empty(), "{tag}: raw {:?} in {stderr:?}", raw_controls(&stderr));
        assert!(stderr.contains("sources.toml") && stderr.contains("url"), "{tag}: {stderr}");
        assert!(stderr.contains(r"\u{"), "{tag}: the character is not shown escaped: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{tag}: one line: {stderr}");
    }
}

#[test]
fn user_text_in_errors_comes_out_escaped() {
    let out = crosscheck(&["bogus\u{1b}]0;pwned\u{7}"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success());
    assert!(raw_controls(&stderr).is_empty(), "{stderr:?}");
    assert!(stderr.contains(r"bogus\u{1b}]0;pwned\u{7}"), "{stderr}");

    let out = crosscheck(&["check", "x", "--dataset", "/nonexistent/\u{202e}dataset.ccd"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(raw_controls(&stderr).is_empty(), "{stderr:?}");
}

#[test]
fn json_output_escapes_c1_and_bidi_controls_and_keeps_the_same_value() {
    // Quotes may hold direction marks and controls (they are verbatim from their source); the
    // JSON that carries them must still not reach a terminal raw.
    let dir = crate::fixture::small_copy("cli-json");
    let quote = "The port authority says the terminal cost 9.5 million euros";
    let hostile = "The port authority says\u{202e} the terminal\u{80} cost\u{9b} 9.5 million euros";
    replace(&dir, "corpus/harbour.txt", quote, hostile);
    replace(&dir, "claims/cost.toml", quote, &hostile.replace('\u{80}', "\\u0080").replace('\u{9b}', "\\u009B"));
    let out = crosscheck(&["dump", "--dataset", dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(raw_controls(&stdout).is_empty(), "{:?}", raw_controls(&stdout));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let quotes: Vec<&str> =
        json["claims"][0]["accounts"].as_array().unwrap().iter().filter_map(|a| a["quote"].as_str()).collect();
    assert!(quotes.contains(&hostile), "{quotes:?}");
}
