//! Promise 4, natively: a bad dataset gives a clear error, never a panic. At build time the error names
//! the file, the entry and the fix (these cases add to the table in tests/dataset.rs); at run time the
//! decoder refuses damaged, forged and foreign binaries with a message that says what to do.

use crosscheck_format::{binary, source, ErrorKind};
use std::path::{Path, PathBuf};

/// A fresh copy of tests/fixtures/small; `edit` changes it before the compiler sees it.
fn small_with(name: &str, edit: impl FnOnce(&Path)) -> PathBuf {
    let dir = crate::fixture::small_copy(&format!("bad-{name}"));
    edit(&dir);
    dir
}

fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn append(dir: &Path, file: &str, extra: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, format!("{text}\n{extra}")).unwrap();
}

/// Compiles the edited copy and checks that the error holds every expected phrase. The compiler runs
/// in this process, so a panic or a stack overflow fails the test run.
fn expect_error(name: &str, edit: impl FnOnce(&Path), expected: &[&str]) {
    let dir = small_with(name, edit);
    let err = source::compile_dir(&dir).expect_err(name).to_string();
    for words in expected {
        assert!(err.contains(words), "{name}: {err:?} lacks {words:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_toml_file_that_is_not_utf8_is_named() {
    expect_error(
        "toml-not-utf8",
        |d| {
            let path = d.join("claims/cost.toml");
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.extend_from_slice(b"\n# caf\xe9 in Latin-1\n");
            std::fs::write(path, bytes).unwrap();
        },
        &["claims/cost.toml", "UTF-8"],
    );
}

#[test]
fn a_toml_file_that_is_not_a_table_of_arrays_is_named_with_its_line() {
    expect_error(
        "claim-string",
        |d| std::fs::write(d.join("claims/cost.toml"), "claim = \"the mayor lied\"\n").unwrap(),
        &["claims/cost.toml", "line 1", "expected a sequence"],
    );
    expect_error(
        "claim-table",
        |d| std::fs::write(d.join("claims/cost.toml"), "[claim]\nid = \"x\"\n").unwrap(),
        &["claims/cost.toml", "line 1", "expected a sequence"],
    );
    expect_error(
        "claims-typo",
        |d| std::fs::write(d.join("claims/cost.toml"), "[[claims]]\nid = \"x\"\n").unwrap(),
        &["claims/cost.toml", "unknown field `claims`", "`claim`"],
    );
    expect_error(
        "array-of-strings",
        |d| std::fs::write(d.join("claims/cost.toml"), "claim = [\"a\", \"b\"]\n").unwrap(),
        &["claims/cost.toml", "line 1"],
    );
    expect_error(
        "not-toml",
        |d| std::fs::write(d.join("claims/cost.toml"), "<html><body>404 Not Found</body></html>\n").unwrap(),
        &["claims/cost.toml", "line 1"],
    );
}

/// The line is computed from the text before the error's span; when the span starts a line (a key, a
/// table header), `lines().count()` of that prefix is one short.
#[test]
fn toml_errors_name_the_line_they_are_on() {
    expect_error(
        "line-of-table",
        |d| std::fs::write(d.join("claims/cost.toml"), "# one\n# two\n[claim]\nid = \"x\"\n").unwrap(),
        &["claims/cost.toml", "line 3"],
    );
    expect_error(
        "line-of-key",
        |d| {
            std::fs::write(d.join("claims/cost.toml"), "[[claim]]\nid = \"x\"\ntext = \"t\"\n\nevnt = \"y\"\n").unwrap()
        },
        &["line 5", "unknown field `evnt`"],
    );
}

#[test]
fn a_deeply_nested_toml_file_is_an_error_not_a_stack_overflow() {
    expect_error(
        "deep",
        |d| {
            std::fs::write(d.join("claims/deep.toml"), format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)))
                .unwrap()
        },
        &["claims/deep.toml", "line 1"],
    );
}

#[test]
fn an_empty_or_missing_claims_folder_says_there_are_no_claims() {
    expect_error(
        "claims-empty",
        |d| std::fs::remove_file(d.join("claims/cost.toml")).unwrap(),
        &["claims/", "no claims"],
    );
    expect_error("claims-missing", |d| std::fs::remove_dir_all(d.join("claims")).unwrap(), &["claims/", "no claims"]);
    expect_error("claims-blank-file", |d| std::fs::write(d.join("claims/cost.toml"), "").unwrap(), &["no claims"]);
}

#[test]
fn a_missing_or_bad_header_is_named() {
    expect_error(
        "no-header",
        |d| std::fs::remove_file(d.join("dataset.toml")).unwrap(),
        &["dataset.toml", "cannot read it", "format = 1"],
    );
    expect_error(
        "header-no-name",
        |d| replace(d, "dataset.toml", "name = \"small\"", ""),
        &["dataset.toml", "missing field `name`"],
    );
    expect_error(
        "header-format-string",
        |d| replace(d, "dataset.toml", "format = 1", "format = \"1\""),
        &["dataset.toml", "not valid"],
    );
}

#[test]
fn a_huge_id_is_refused_with_the_rule() {
    let huge = "a".repeat(10_000);
    expect_error(
        "huge-claim-id",
        |d| replace(d, "claims/cost.toml", "id = \"terminal-cost\"", &format!("id = \"{huge}\"")),
        &["claims/cost.toml", "the id must be"],
    );
    expect_error(
        "huge-source-id",
        |d| replace(d, "sources.toml", "id = \"gazette\"", &format!("id = \"{huge}\"")),
        &["sources.toml", "the id must be"],
    );
}

/// An id of 81 lower-case letters breaks only the length rule, but the message lists the alphabet.
#[test]
fn an_over_long_id_says_how_long_an_id_may_be() {
    let long = "a".repeat(81);
    expect_error(
        "long-id",
        |d| replace(d, "claims/cost.toml", "id = \"terminal-cost\"", &format!("id = \"{long}\"")),
        &["80"],
    );
    let huge = "a".repeat(10_000);
    let dir = small_with("huge-id-len", |d| {
        replace(d, "claims/cost.toml", "id = \"terminal-cost\"", &format!("id = \"{huge}\""))
    });
    let err = source::compile_dir(&dir).unwrap_err().to_string();
    assert!(err.len() < 500, "the message repeats the whole {}-character id", huge.len());
}

#[test]
fn duplicates_are_named() {
    let entity = "[[entity]]\nid = \"terminal\"\nname = \"old terminal\"\n";
    expect_error(
        "dup-entity",
        |d| append(d, "entities.toml", entity),
        &["entities.toml", "entity terminal", "used twice"],
    );
    expect_error(
        "dup-entity-other-file",
        |d| std::fs::write(d.join("more.toml"), entity).unwrap(),
        &["more.toml", "entity terminal", "used twice"],
    );
    let source = "[[source]]\nid = \"gazette\"\noutlet = \"Other\"\n";
    expect_error(
        "dup-source",
        |d| append(d, "sources.toml", source),
        &["sources.toml", "source gazette", "used twice"],
    );
    expect_error(
        "dup-claim-other-file",
        |d| std::fs::copy(d.join("claims/cost.toml"), d.join("claims/cost2.toml")).map(drop).unwrap(),
        &[
            "claims/cost2.toml",
            "claim terminal-cost",
            "also used in",
            "/claims/cost.toml",
            "merge the two claims or rename one",
        ],
    );
}

#[test]
fn within_must_name_another_existing_source() {
    expect_error(
        "within-self",
        |d| append(d, "sources.toml", "within = \"gazette\""),
        &["sources.toml", "source gazette", "cannot be within itself"],
    );
    expect_error(
        "within-unknown",
        |d| append(d, "sources.toml", "within = \"nowhere\""),
        &["source gazette", "names no source"],
    );
}

/// Two sources each within the other: nothing follows the chain today, but such data is meaningless
/// (neither article carries the other) and a future "show the carrier's carrier" would loop.
#[test]
fn within_cycles_are_refused() {
    let other = "[[source]]\nid = \"relay\"\nfile = \"corpus/harbour.txt\"\noutlet = \"Relay\"\nwithin = \"gazette\"\n";
    expect_error(
        "within-cycle",
        |d| {
            replace(
                d,
                "sources.toml",
                "url = \"https://example.org/harbour\"",
                "url = \"https://example.org/harbour\"\nwithin = \"relay\"",
            );
            append(d, "sources.toml", other);
        },
        &["within"],
    );
}

#[test]
fn a_quote_of_only_white_space_is_refused() {
    let original = "quote = \"The port authority says the terminal cost 9.5 million euros\"";
    for (name, blank) in [
        ("quote-spaces", "quote = \"   \""),
        ("quote-newlines", "quote = \"\\n\\t\\r\\n \""),
        ("quote-empty", "quote = \"\""),
        ("quote-nbsp", "quote = \"\u{a0}\u{2003}\u{3000}\""),
    ] {
        expect_error(
            name,
            |d| replace(d, "claims/cost.toml", original, blank),
            &["claims/cost.toml", "claim terminal-cost", "empty quote"],
        );
    }
}

#[test]
fn corpus_paths_must_stay_inside_the_dataset_folder() {
    for (name, path) in [
        ("dotdot", "../small/corpus/harbour.txt"),
        ("absolute", "/etc/passwd"),
        ("inner-dotdot", "corpus/../../etc/passwd"),
    ] {
        expect_error(
            name,
            |d| replace(d, "sources.toml", "corpus/harbour.txt", path),
            &["source gazette", "must be a path inside the dataset folder"],
        );
    }
    expect_error(
        "directory",
        |d| replace(d, "sources.toml", "corpus/harbour.txt", "corpus"),
        &["source gazette", "cannot be read"],
    );
}

/// A corpus file in Latin-1 (a common export format) exists, but the message says it is missing.
#[test]
fn a_corpus_file_that_is_not_utf8_says_so() {
    expect_error(
        "corpus-not-utf8",
        |d| {
            let path = d.join("corpus/harbour.txt");
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.extend_from_slice(b"\nCaf\xe9 de la Gare\n");
            std::fs::write(path, bytes).unwrap();
        },
        &["corpus/harbour.txt", "UTF-8"],
    );
}

#[test]
fn other_field_problems_are_named() {
    expect_error(
        "empty-id",
        |d| replace(d, "claims/cost.toml", "id = \"terminal-cost\"", "id = \"\""),
        &["claims/cost.toml", "the id must be"],
    );
    expect_error(
        "stance-case",
        |d| replace(d, "claims/cost.toml", "stance = \"conflicts\"", "stance = \"Conflicts\""),
        &["stance `Conflicts` is unknown"],
    );
    expect_error(
        "empty-alias",
        |d| replace(d, "entities.toml", "\"FT\"", "\" \""),
        &["entities.toml", "entity terminal", "non-empty"],
    );
    expect_error(
        "no-outlet",
        |d| {
            replace(d, "sources.toml", "outlet = \"Harbour Gazette\"", "outlet = \" \"");
            replace(d, "sources.toml", "title = \"Ferry terminal opens\"", "title = \"\"");
        },
        &["source gazette", "`outlet` or a `title`"],
    );
    expect_error(
        "blank-speaker",
        |d| replace(d, "claims/cost.toml", "speaker = \"The mayor\"", "speaker = \"\\t\""),
        &["claim terminal-cost", "has no speaker"],
    );
    expect_error(
        "nul-in-quote",
        |d| replace(d, "claims/cost.toml", "twice the first estimate.", "twice the first\\u0000 estimate."),
        &["claim terminal-cost", "is not in source `gazette`"],
    );
    expect_error(
        "synonym-one-word",
        |d| append(d, "entities.toml", "[[synonym]]\nwords = [\"alone\"]"),
        &["entities.toml", "synonym group 2", "at least two"],
    );
    expect_error(
        "kind",
        |d| replace(d, "entities.toml", "kind = \"place\"", "kind = \"<script>\""),
        &["entity terminal", "kind `<script>` is not one of"],
    );
    expect_error(
        "date-13",
        |d| replace(d, "sources.toml", "2024-03-03", "2024-13-03"),
        &["source gazette", "date `2024-13-03`"],
    );
}

// ---------------------------------------------------------------------------------------------
// Run time: binaries that are not what they claim to be.

/// Wraps a body in the header and checksum of format 1, as the encoder does, so that a test reaches
/// the body checks past the checksum.
fn sealed(body: &[u8]) -> Vec<u8> {
    binary::frame(body)
}

/// A little body writer: varints and strings, as in crates/crosscheck-format/src/binary.rs.
#[derive(Default)]
struct Body(Vec<u8>);

impl Body {
    fn n(mut self, mut v: u64) -> Self {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return self;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn s(self, s: &str) -> Self {
        let mut b = self.n(s.len() as u64);
        b.0.extend_from_slice(s.as_bytes());
        b
    }
    fn raw(mut self, bytes: &[u8]) -> Self {
        self.0.extend_from_slice(bytes);
        self
    }
    /// Name, title, description, then one source "s" with `within`.
    fn header_and_source(self, within: u64) -> Self {
        let b = self.s("x").s("").s("").n(1);
        let b = ["s", "f", "o", "t", "a", "", "en", ""].iter().fold(b, |b, f| b.s(f));
        b.n(within)
    }
}

#[test]
fn foreign_damaged_and_forged_binaries_fail_with_a_message_that_says_what_to_do() {
    let good = std::fs::read("tests/fixtures/small-v2.ccd").unwrap();
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"\n");
    let mut huge_len = good.clone();
    huge_len[6..10].copy_from_slice(&u32::MAX.to_le_bytes());
    let mut v0 = good.clone();
    v0[4] = 0;
    let mut v_max = good.clone();
    v_max[4..6].copy_from_slice(&u16::MAX.to_le_bytes());
    let html = b"<!doctype html><html><head><title>404 Not Found</title></head><body>not found</body></html>".to_vec();
    let bom_html = [&b"\xef\xbb\xbf"[..], &html].concat();
    let gzip = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3].to_vec();
    let json = br#"{"version":1,"name":"seed"}"#.to_vec();
    let only_magic = b"CCDS".to_vec();
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("empty", vec![], &["not a crosscheck dataset", "crosscheck build"]),
        ("html error page", html, &["not a crosscheck dataset"]),
        ("html with BOM", bom_html, &["not a crosscheck dataset"]),
        ("gzip", gzip, &["not a crosscheck dataset"]),
        ("json", json, &["not a crosscheck dataset"]),
        ("magic only", only_magic, &["truncated", "download or copy it again"]),
        ("version 0", v0, &["format version 0", "reads version 2", "recompile"]),
        ("version 65535", v_max, &["format version 65535", "recompile"]),
        ("length past the end", huge_len, &["truncated"]),
        ("a byte after the end", trailing, &["1 unexpected bytes after the end"]),
        ("empty body", sealed(&[]), &["truncated"]),
        ("body that stops early", sealed(&Body::default().s("x").s("").0), &["truncated"]),
        (
            "count larger than the data",
            sealed(&Body::default().s("x").s("").s("").n(1 << 40).0),
            &["invalid", "larger than the data"],
        ),
        (
            "string length larger than the data",
            sealed(&Body::default().n(u64::MAX).0),
            &["invalid", "larger than the data"],
        ),
        ("varint of eleven bytes", sealed(&Body::default().raw(&[0xff; 11]).0), &["invalid", "longer than 64 bits"]),
        ("text not UTF-8", sealed(&Body::default().n(2).raw(b"\xc3\x28").0), &["invalid", "not valid UTF-8"]),
        (
            "within out of range",
            sealed(&Body::default().header_and_source(2).n(0).n(0).n(0).0),
            &["within a source that does not exist"],
        ),
        (
            "account source out of range",
            sealed(
                &Body::default()
                    .header_and_source(0)
                    .n(0)
                    .n(0)
                    .n(0)
                    .n(1)
                    .s("c")
                    .s("t")
                    .s("")
                    .n(0)
                    .n(0)
                    .n(0)
                    .n(1)
                    .n(5)
                    .0,
            ),
            &["source index 5 is out of range (there are 1)"],
        ),
        (
            "entity out of range",
            sealed(&Body::default().header_and_source(0).n(0).n(0).n(0).n(1).s("c").s("t").s("").n(0).n(1).n(0).0),
            &["entity index 0 is out of range (there are 0)"],
        ),
        (
            "unknown stance",
            sealed(
                &Body::default()
                    .header_and_source(0)
                    .n(0)
                    .n(0)
                    .n(0)
                    .n(1)
                    .s("c")
                    .s("t")
                    .s("")
                    .n(0)
                    .n(0)
                    .n(0)
                    .n(1)
                    .n(0)
                    .s("sp")
                    .s("")
                    .n(0)
                    .s("o")
                    .raw(&[7])
                    .s("q")
                    .s("")
                    .0,
            ),
            &["unknown stance code 7 in claim c"],
        ),
        (
            "unknown text coding",
            sealed(&Body::default().header_and_source(0).n(0).n(0).raw(&[7]).0),
            &["unknown text coding 7"],
        ),
        (
            "text code that is not a prefix code",
            sealed(&Body::default().header_and_source(0).n(0).n(0).raw(&[1]).raw(&[1; 256]).0),
            &["not a prefix code"],
        ),
        (
            "bytes left in the body",
            sealed(&Body::default().header_and_source(0).n(0).n(0).n(0).n(0).n(0).n(0).raw(b"junk").0),
            &["4 unread bytes"],
        ),
    ];
    for (name, bytes, expected) in cases {
        let err = binary::decode(&bytes).expect_err(name);
        let message = err.to_string();
        for words in expected {
            assert!(message.to_lowercase().contains(&words.to_lowercase()), "{name}: {message:?} lacks {words:?}");
        }
    }
    // The hand-made body writer matches the encoder: a minimal valid dataset decodes.
    // One claim, "harbour" with one account quoting "closed"; then the dictionary (close, harbor:
    // terms are stemmed and spelt the American way), each term with its id (by frequency, then
    // alphabetically), and the claim's passages: the statement (field 0, term 1) and the quote (field 2, term 0);
    // no aliases or synonyms; the claims' text plain (the byte before the claims).
    let minimal = sealed(
        &Body::default()
            .header_and_source(0)
            .n(0)
            .n(0)
            .raw(&[0])
            .n(1)
            .s("c")
            .s("harbour")
            .s("")
            .n(0)
            .n(0)
            .n(0)
            .n(1)
            .n(0)
            .s("sp")
            .s("")
            .n(0)
            .s("o")
            .raw(&[1])
            .s("closed")
            .s("")
            .n(2)
            .s("close")
            .n(0)
            .s("harbor")
            .n(1)
            .n(2)
            .raw(&[0])
            .n(1)
            .n(1)
            .raw(&[2])
            .n(1)
            .n(0)
            .n(0)
            .0,
    );
    let ds = binary::decode(&minimal).expect("the minimal body decodes");
    assert_eq!(binary::encode(&ds), minimal);
    assert!(matches!(
        binary::decode(&minimal[..minimal.len() - 1]).map_err(|e| e.kind().clone()),
        Err(ErrorKind::Truncated)
    ));
}
