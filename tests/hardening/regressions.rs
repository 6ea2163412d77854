//! Every input that ever failed, kept as a test named after its bug. The cases are data
//! (tests/data/regressions.txt, compiled in); `fixed` ones run on every `cargo test`, each `open` one
//! runs in its own ignored test below, named after the bug, until the bug is fixed.

use crosscheck_engine::matcher::MAX_SELECTION_CHARS;
use crosscheck_engine::Engine;
use crosscheck_format::binary;
use crosscheck_text::analyze;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const DATA: &str = include_str!("../data/regressions.txt");

/// The open bugs: each has an ignored test below. Keep in step with the file.
const OPEN: &[&str] = &[];

#[derive(Debug)]
struct Case {
    line: usize,
    name: String,
    open: bool,
    check: String,
    inputs: Vec<String>,
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded().unwrap())
}

/// `"text" * N + "more"`, with \n \t \\ \" and \u{HEX} escapes.
fn parse_input(spec: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = spec.trim();
    while !rest.is_empty() {
        let body = rest.strip_prefix('"').ok_or_else(|| format!("expected a quoted piece at {rest:?}"))?;
        let mut piece = String::new();
        let mut chars = body.char_indices();
        let end = loop {
            let (i, c) = chars.next().ok_or("an unterminated piece")?;
            match c {
                '"' => break i,
                '\\' => match chars.next().map(|(_, c)| c) {
                    Some('n') => piece.push('\n'),
                    Some('t') => piece.push('\t'),
                    Some('\\') => piece.push('\\'),
                    Some('"') => piece.push('"'),
                    Some('u') => {
                        let tail = &body[i + 2..];
                        let close = tail.find('}').ok_or("an unterminated \\u{")?;
                        let hex = tail.strip_prefix('{').ok_or("\\u needs braces")?;
                        let code = u32::from_str_radix(&hex[..close - 1], 16).map_err(|e| e.to_string())?;
                        piece.push(char::from_u32(code).ok_or("not a character")?);
                        for _ in 0..=close {
                            chars.next();
                        }
                    }
                    other => return Err(format!("unknown escape {other:?}")),
                },
                c => piece.push(c),
            }
        };
        rest = body[end + 1..].trim_start();
        let mut count = 1;
        if let Some(after) = rest.strip_prefix('*') {
            let after = after.trim_start();
            let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
            count = after[..digits].parse().map_err(|_| format!("a count is missing in {spec:?}"))?;
            rest = after[digits..].trim_start();
        }
        out.push_str(&piece.repeat(count));
        if let Some(after) = rest.strip_prefix('+') {
            rest = after.trim_start();
        } else if !rest.is_empty() {
            return Err(format!("expected + at {rest:?}"));
        }
    }
    Ok(out)
}

fn cases() -> Vec<Case> {
    DATA.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "line {}: NAME STATUS CHECK INPUT [INPUT2], tab-separated", i + 1);
            assert!(["open", "fixed"].contains(&f[1]), "line {}: status {:?}", i + 1, f[1]);
            let inputs = if f[2] == "decode" {
                f[3..].iter().map(|s| s.to_string()).collect()
            } else {
                f[3..].iter().map(|s| parse_input(s).unwrap_or_else(|e| panic!("line {}: {e}", i + 1))).collect()
            };
            Case { line: i + 1, name: f[0].to_string(), open: f[1] == "open", check: f[2].to_string(), inputs }
        })
        .collect()
}

fn run(case: &Case) -> Result<(), String> {
    let e = engine();
    let input = &case.inputs[0];
    let other = || case.inputs.get(1).ok_or_else(|| format!("{} needs a second input", case.check));
    match case.check.as_str() {
        "lookup-bounded" => {
            let started = Instant::now();
            let found = e.lookup(input);
            let took = started.elapsed();
            let cut = input.char_indices().nth(MAX_SELECTION_CHARS).map_or(input.len(), |(i, _)| i);
            if found.iter().any(|m| m.end > cut || !(0.0..=1.0).contains(&m.confidence)) {
                return Err(format!("a malformed answer: {found:?}"));
            }
            if took > Duration::from_secs(1) {
                return Err(format!("took {took:?}"));
            }
        }
        "same-terms" => {
            let (a, b) = (analyze(input, e.lexicon()), analyze(other()?, e.lexicon()));
            if a != b {
                return Err(format!("{a:?} != {b:?}"));
            }
        }
        "same-lookup" => {
            let ids = |t: &str| e.lookup(t).iter().map(|m| e.claim_id(m.claim).to_string()).collect::<Vec<_>>();
            let (a, b) = (ids(input), ids(other()?));
            if a != b {
                return Err(format!("{a:?} != {b:?}"));
            }
        }
        "decode" => {
            let hex = input.trim();
            let bytes: Vec<u8> =
                (0..hex.len() / 2).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect();
            let _ = binary::decode(&bytes);
        }
        other => return Err(format!("unknown check {other}")),
    }
    Ok(())
}

// Runs one open bug's cases from its #[ignore]d test; no bug is open today.
#[allow(dead_code)]
fn run_named(name: &str) {
    let cases: Vec<Case> = cases().into_iter().filter(|c| c.name == name).collect();
    assert!(!cases.is_empty(), "no case named {name}");
    let failures: Vec<String> =
        cases.iter().filter_map(|c| run(c).err().map(|e| format!("line {}: {e}", c.line))).collect();
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn the_file_parses_and_every_open_bug_has_its_test() {
    let cases = cases();
    assert!(!cases.is_empty());
    let mut open: Vec<&str> = cases.iter().filter(|c| c.open).map(|c| c.name.as_str()).collect();
    open.sort_unstable();
    open.dedup();
    let mut listed = OPEN.to_vec();
    listed.sort_unstable();
    assert_eq!(open, listed, "open bugs in the file and OPEN (each with an ignored test) differ");
    assert_eq!(parse_input(r#""a\u{ad}b" * 2 + "\"\n""#).unwrap(), "a\u{ad}ba\u{ad}b\"\n");
}

#[test]
fn fixed_regressions_stay_fixed() {
    let failures: Vec<String> = cases()
        .iter()
        .filter(|c| !c.open)
        .filter_map(|c| run(c).err().map(|e| format!("line {} ({}): {e}", c.line, c.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
