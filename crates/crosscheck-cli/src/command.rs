//! The `crosscheck` command line: check text against a dataset, dump or compile datasets, and
//! measure matching quality. Output that scripts read (check, dump) is JSON on standard output;
//! errors go to standard error with a non-zero exit code.
//!
//! Everything printed that can carry dataset or user text goes through `limits::escape` (JSON through
//! `json_safe`): a dataset's string must never reach the terminal as a control sequence (an ANSI
//! escape in a `url` could erase the error line and print a fake success) or as a bidi control.

use crate::eval;
use crosscheck_engine::{seed, view, Engine};
use crosscheck_format::{binary, limits, source, Dataset};
use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
crosscheck: find the claims a text makes and who corroborates or conflicts with them

USAGE:
  crosscheck check TEXT|-  [--dataset FILE.ccd]   JSON of the matched claims and their accounts
  crosscheck dump          [--dataset FILE.ccd]   the whole dataset as JSON
  crosscheck info          [--dataset FILE.ccd]   dataset counts as JSON
  crosscheck claimreview   [--dataset FILE.ccd]   the dataset as schema.org ClaimReview JSON-LD
  crosscheck build DIR|CLAIMS.tsv -o FILE.ccd     compile a dataset folder (docs/dataset.md) or a
                                                  CheckThat claims file into the binary format
  crosscheck eval QUERIES.tsv [--dataset FILE.ccd] [--failures]
                                                  run seed queries; per-kind pass counts and failures.
                                                  A real-world file (realworld_dev.tsv's columns):
                                                  right first / silent / wrong / false popups, by
                                                  length and language; --failures lists the misses
  crosscheck search --claims CLAIMS.tsv --queries QUERIES.tsv [--top 5] [--qrels QRELS]
                                                  a TREC run on standard output; with --qrels, the
                                                  scores on standard error
  crosscheck score RUN QRELS                      MAP@1, MAP@5 and MRR of a TREC run

TEXT of `-` reads standard input. Without --dataset the embedded default dataset is used; --dataset
takes a compiled FILE.ccd or a source DIR (compiled on the spot: the only way `dump` shows wordings,
which a compiled file keeps as terms).";

struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

impl Args {
    fn parse(raw: Vec<String>, with_value: &[&str]) -> Result<Args, String> {
        let mut args = Args { positional: Vec::new(), options: Vec::new() };
        let mut it = raw.into_iter();
        while let Some(a) = it.next() {
            if with_value.contains(&a.as_str()) {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                args.options.push((a, v));
            } else if a.starts_with("--") || (a.starts_with('-') && a.len() > 1) {
                return Err(format!("unknown option {a}"));
            } else {
                args.positional.push(a);
            }
        }
        Ok(args)
    }

    fn opt(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// The dataset of `--dataset`: a compiled file, or a source folder compiled on the spot (which
/// keeps the wordings; a compiled file holds only their terms). Without it, the embedded one.
fn load_dataset(args: &Args) -> Result<Dataset, String> {
    match args.opt("--dataset") {
        Some(path) if Path::new(path).is_dir() => source::compile_dir(Path::new(path)).map_err(|e| e.to_string()),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            binary::decode(&bytes).map_err(|e| format!("{path}: {e}"))
        }
        None => seed().map_err(|e| format!("the embedded dataset: {e}")),
    }
}

/// An engine over `--dataset` (see `load_dataset`); a compiled file is opened as the widget opens it.
fn load_engine(args: &Args) -> Result<Engine, String> {
    match args.opt("--dataset") {
        Some(path) if Path::new(path).is_dir() => Ok(Engine::new(load_dataset(args)?)),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            Engine::open(Cow::Owned(bytes)).map_err(|e| format!("{path}: {e}"))
        }
        None => Engine::embedded().map_err(|e| format!("the embedded dataset: {e}")),
    }
}

/// Removes a flag without a value from the arguments, telling whether it was there.
fn take_flag(mut raw: Vec<String>, flag: &str) -> (bool, Vec<String>) {
    let before = raw.len();
    raw.retain(|a| a != flag);
    (raw.len() != before, raw)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", json_safe(&text)).map_err(|e| e.to_string())
}

/// JSON with every character a terminal must not get raw written as a `\uXXXX` escape, which is the
/// same JSON value (serde_json escapes C0 controls itself, but not DEL, C1 controls or bidi
/// controls). Such characters only occur inside JSON strings; the line breaks of the layout stay.
fn json_safe(json: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_to_print = |c: char| c != '\n' && limits::unsafe_to_print(c);
    if !json.chars().any(unsafe_to_print) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_to_print(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn run(raw: Vec<String>) -> Result<(), String> {
    let Some((command, rest)) = raw.split_first() else { return Err(USAGE.into()) };
    let rest = rest.to_vec();
    match command.as_str() {
        "check" => {
            let args = Args::parse(rest, &["--dataset"])?;
            let [text] = args.positional.as_slice() else {
                return Err("usage: crosscheck check TEXT|- [--dataset FILE.ccd]".into());
            };
            let text = if text == "-" {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s).map_err(|e| format!("cannot read standard input: {e}"))?;
                s
            } else {
                text.clone()
            };
            let engine = load_engine(&args)?;
            let found = view::matched(&engine, &text, &engine.lookup(&text));
            print_json(&view::check(engine.catalog(), &text, &found))
        }
        "dump" => {
            let args = Args::parse(rest, &["--dataset"])?;
            print_json(&view::dump(&load_dataset(&args)?))
        }
        "claimreview" => {
            let args = Args::parse(rest, &["--dataset"])?;
            print_json(&crate::claimreview::export(&load_dataset(&args)?))
        }
        "info" => {
            let args = Args::parse(rest, &["--dataset"])?;
            print_json(&view::info(&load_engine(&args)?))
        }
        "build" => {
            let args = Args::parse(rest, &["-o", "--output"])?;
            let [input] = args.positional.as_slice() else {
                return Err("usage: crosscheck build DIR|CLAIMS.tsv -o FILE.ccd".into());
            };
            let output = args.opt("-o").or(args.opt("--output")).ok_or("crosscheck build needs -o FILE.ccd")?;
            let path = Path::new(input);
            let ds = if path.is_dir() {
                let ds = source::compile_dir(path).map_err(|e| e.to_string())?;
                for w in source::citation_warnings(&ds) {
                    eprintln!("warning: {}", limits::escape(&w, false));
                }
                ds
            } else {
                let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                eval::claims_from_tsv(&read(input)?, &name)?
            };
            // A folder was checked against every limit as it compiled; a claims file is checked here.
            limits::dataset(&ds).map_err(|e| format!("{input}: {e}; {}", e.limit.fix()))?;
            let bytes = binary::encode(&ds);
            limits::within(limits::Limit::DatasetBytes, bytes.len())
                .map_err(|e| format!("{input}: compiled, {e}; {}", e.limit.fix()))?;
            // What the widget would refuse is refused here: the compiled bytes open with every check.
            binary::Store::open(Cow::Owned(bytes.clone()))
                .map_err(|e| format!("{input}: the compiled dataset does not open: {e}"))?;
            std::fs::write(output, &bytes).map_err(|e| format!("cannot write {output}: {e}"))?;
            eprintln!(
                "{}: {} claims, {} accounts, {} sources, {} bytes",
                limits::escape(output, false),
                ds.claims.len(),
                ds.account_count(),
                ds.sources.len(),
                bytes.len()
            );
            Ok(())
        }
        "eval" => {
            let (failures, rest) = take_flag(rest, "--failures");
            let args = Args::parse(rest, &["--dataset"])?;
            let [file] = args.positional.as_slice() else { return Err("usage: crosscheck eval QUERIES.tsv".into()) };
            let text = read(file)?;
            if crate::realworld::is_realworld(&text) {
                let queries = crate::realworld::parse(&text).map_err(|e| format!("{file}: {e}"))?;
                print!("{}", crate::realworld::eval_realworld(&mut load_engine(&args)?, &queries).render(failures));
                return Ok(());
            }
            let queries = eval::parse_seed_queries(&text).map_err(|e| format!("{file}: {e}"))?;
            let engine = load_engine(&args)?;
            let report = eval::eval_seed(&engine, &queries);
            print!("{}", limits::escape(&report.render(), true));
            if report.all_passed() {
                Ok(())
            } else {
                Err(format!("{} of {} queries failed", report.failures.len(), queries.len()))
            }
        }
        "search" => {
            let args = Args::parse(rest, &["--claims", "--queries", "--top", "--qrels"])?;
            let claims = args.opt("--claims").ok_or("crosscheck search needs --claims CLAIMS.tsv")?;
            let queries = args.opt("--queries").ok_or("crosscheck search needs --queries QUERIES.tsv")?;
            let top: usize = args.opt("--top").unwrap_or("5").parse().map_err(|_| "--top needs a number")?;
            let engine = Engine::new(eval::claims_from_tsv(&read(claims)?, "claims")?);
            let run = eval::trec_run(&engine, &eval::queries_from_tsv(&read(queries)?), top);
            print!("{}", limits::escape(&run, true));
            if let Some(qrels) = args.opt("--qrels") {
                let s = eval::score(&run, &read(qrels)?);
                eprintln!("queries {}  MAP@1 {:.4}  MAP@5 {:.4}  MRR {:.4}", s.queries, s.map1, s.map5, s.mrr);
            }
            Ok(())
        }
        "score" => {
            let args = Args::parse(rest, &[])?;
            let [run, qrels] = args.positional.as_slice() else {
                return Err("usage: crosscheck score RUN QRELS".into());
            };
            let s = eval::score(&read(run)?, &read(qrels)?);
            println!("queries {}  MAP@1 {:.4}  MAP@5 {:.4}  MRR {:.4}", s.queries, s.map1, s.map5, s.mrr);
            Ok(())
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    // Arguments that are not UTF-8 are read lossily rather than panicking in `std::env::args`.
    let raw = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    match run(raw) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The usage text is the program's own; everything before it may carry dataset or user
            // text, line breaks included, and is escaped whole.
            match e.strip_suffix(USAGE) {
                Some(head) if !head.trim().is_empty() => {
                    eprintln!("crosscheck: {}\n\n{USAGE}", limits::escape(head.trim_end_matches('\n'), false))
                }
                Some(_) => eprintln!("{USAGE}"),
                None => eprintln!("crosscheck: {}", limits::escape(&e, false)),
            }
            ExitCode::from(2)
        }
    }
}
