//! Promise 1, natively: nothing in a dataset becomes a link other than http(s), and hostile text goes
//! through the compiler, the binary format and the JSON views unchanged (the widget renders it as text;
//! tests/e2e/injection.test.mjs checks that side in a browser).

use crosscheck_engine::{view, Engine};
use crosscheck_format::model::Dataset;
use crosscheck_format::{binary, source};
use std::path::{Path, PathBuf};

/// URLs a dataset must never turn into a link: other schemes, disguised by case, white space, control
/// characters or look-alikes, and http(s) lookalikes that are not web links.
const REFUSED: &[&str] = &[
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(document.domain)",
    "jAvAsCrIpT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\u{0}javascript:alert(1)",
    "\u{a0}javascript:alert(1)",
    "\u{2028}javascript:alert(1)",
    "\u{feff}javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript://example.org/%0aalert(1)",
    "javascript:https://example.org",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,x",
    " data:text/html,x",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    " vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "blob:https://example.org/1234",
    "//evil.example/x",
    "/relative/path",
    "example.org",
    "https:javascript:alert(1)",
    "https:/example.org",
    "https://",
    "http://",
    "https:///path-without-host",
    "https://example.org/a b",
    " https://example.org/",
    "https://example.org/\t",
    "https://example.org/\u{0}",
    "https://example.org/\u{7f}",
    "https://example.org/\"onmouseover=\"alert(1)",
    "https://example.org/<script>alert(1)</script>",
    "https://example.org/>",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "ｈｔｔｐｓ://example.org",
    // Issue 25: links that do not go where they seem to, or that a reader cannot read.
    "https://evil.example@good.example/",
    "https://user:pass@example.org/",
    "https://user@example.org:8443/x",
    "https://\u{202e}gro.elpmaxe/",
    "https://example.org/\u{202e}fdp.exe",
    "https://exa\u{200b}mple.org/",
    "https://example.org:99999/",
    "https://example.org:0443/",
    "https://%20/",
    "https://ｅｘａｍｐｌｅ.org/",
    "https://EXAMPLE.ORG/Path",
    "HTTPS://example.org/",
    "https://example.org\\@evil.example/",
    "https://[::1/",
    "https://exa mple.org/",
];

const ACCEPTED: &[&str] = &[
    "https://example.org",
    "http://example.org/a?b=c#d",
    "https://example.org/?q='x'&javascript:alert(1)",
    "https://example.org:8443/x",
    "http://127.0.0.1:8080/a",
    "https://[2001:db8::1]/",
    "https://xn--mnchen-3ya.de/",
    "https://example.org/جامعة",
];

#[test]
fn only_http_and_https_urls_are_valid() {
    for url in REFUSED {
        assert!(!source::valid_url(url), "{url:?} was accepted");
    }
    for url in ACCEPTED {
        assert!(source::valid_url(url), "{url:?} was refused");
    }
}

/// A copy of tests/fixtures/small in a fresh folder, with the gazette's url replaced.
fn small_with_url(tag: usize, url: &str) -> PathBuf {
    let dir = crate::fixture::small_copy(&format!("injection-{tag}"));
    let path = dir.join("sources.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let quoted = toml_string(url);
    assert!(text.contains("\"https://example.org/harbour\""));
    std::fs::write(&path, text.replacen("\"https://example.org/harbour\"", &quoted, 1)).unwrap();
    dir
}

/// A TOML basic string holding `s` exactly, control characters escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn the_compiler_refuses_every_non_web_url_naming_the_file_the_source_and_the_rule() {
    for (i, url) in REFUSED.iter().enumerate() {
        let dir = small_with_url(i, url);
        let err = source::compile_dir(&dir).expect_err(&format!("{url:?} compiled")).to_string();
        for words in ["sources.toml", "source gazette", "url `"] {
            assert!(err.contains(words), "{url:?}: {err:?} lacks {words:?}");
        }
        // The rule it breaks: another scheme, a hidden character, credentials, a host or port
        // written otherwise than browsers write it, or characters links may not carry.
        let rules = [
            "is not an http: or https: link",
            "(white space, a control or an invisible or direction-changing character)",
            "user name or password",
            "write its start as",
            "characters links may not carry",
        ];
        assert!(rules.iter().any(|r| err.contains(r)), "{url:?}: {err:?} names no rule");
        let _ = std::fs::remove_dir_all(&dir);
    }
    for (i, url) in ACCEPTED.iter().enumerate() {
        let dir = small_with_url(1000 + i, url);
        let ds = source::compile_dir(&dir).unwrap_or_else(|e| panic!("{url:?}: {e}"));
        assert_eq!(ds.sources[0].url, *url);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn hostile() -> Dataset {
    source::compile_dir(Path::new("tests/fixtures/hostile"))
        .expect("the hostile fixture compiles: its urls are http(s)")
}

/// The compiler does not sanitise (that would corrupt quotes, which must stay verbatim): hostile text
/// arrives in the binary and in the JSON exactly as written, and only the shell decides how to show it.
#[test]
fn hostile_text_survives_compiling_encoding_and_the_json_views_unchanged() {
    let ds = hostile();
    let claim = ds.claim("bridge-closed").unwrap();
    assert_eq!(
        claim.text,
        "<img src=x onerror=\"(window.__pwned||=[]).push('claim-text')\"> The harbour bridge closed on 3 May 2024."
    );
    let a = &claim.accounts[0];
    assert_eq!(a.speaker, "<img src=x onerror=\"(window.__pwned||=[]).push('speaker')\">");
    assert_eq!(a.role, "<script>(window.__pwned||=[]).push('role')</script>");
    assert_eq!(a.via[0], "javascript:(window.__pwned||=[]).push('via')");
    assert!(a.quote.starts_with("<img src=x onerror="));
    assert!(a.note.starts_with("<a href=\"javascript:"));
    let literal = ds.claim("timetable-changed").unwrap();
    assert_eq!(
        literal.accounts[0].quote, "The ferry <b>timetable</b> &amp; fares &lt;changed&gt; on 1 June",
        "entities are not decoded"
    );
    for s in &ds.sources {
        assert!(source::valid_url(&s.url), "{}", s.url);
    }

    let bytes = binary::encode(&ds);
    // Everything but the wordings' text comes back (a compiled dataset keeps only their terms).
    let mut expected = ds.clone();
    expected.claims.iter_mut().for_each(|c| c.wordings.clear());
    assert_eq!(binary::decode(&bytes).unwrap(), expected);

    let engine = Engine::new(ds.clone());
    let text = std::fs::read_to_string("tests/fixtures/hostile/corpus/wire.txt").unwrap();
    let found = engine.lookup(&text);
    let resolved = view::matched(&engine, &text, &found);
    let json = serde_json::to_value(view::check(engine.catalog(), &text, &resolved)).unwrap();
    let ids: Vec<&str> =
        json["matches"].as_array().unwrap().iter().map(|m| m["claim"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bridge-closed", "timetable-changed"], "the hostile quotes match their claims");
    let first = &json["matches"][0];
    assert_eq!(first["claim"]["text"], claim.text.as_str());
    assert_eq!(first["accounts"][0]["speaker"], a.speaker.as_str());
    let cited = first["accounts"][0]["source"].as_u64().unwrap() as usize;
    assert_eq!(json["sources"][cited]["url"], ds.sources[0].url.as_str());
    let dump = serde_json::to_string(&view::dump(&ds)).unwrap();
    assert!(dump.contains("<script>(window.__pwned||=[]).push('role')</script>"), "JSON escapes quotes, not markup");
}

/// The FNV-1a checksum of the binary format, to re-seal a body that a test changed on purpose.
fn reseal(bytes: &mut [u8]) {
    let end = bytes.len() - 4;
    let mut h: u32 = 0x811c_9dc5;
    for &b in &bytes[10..end] {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    bytes[end..].copy_from_slice(&h.to_le_bytes());
}

/// A .ccd made by something other than the compiler (or edited by hand) can carry any url. The shell
/// drops non-http(s) links (tests/e2e/injection.test.mjs), but the core hands the url to every page
/// script through `lookup`, `claim` and `Crosscheck`, whose `SourceView::url` is documented as
/// "always an http(s) link or null".
#[test]
fn a_forged_binary_never_yields_a_non_web_url() {
    let ds = hostile();
    let bytes = binary::encode(&ds);
    let url = ds.sources[0].url.as_bytes();
    let at = bytes.windows(url.len()).position(|w| w == url).unwrap();
    for scheme in
        ["javascript:alert(1)//", "data:text/html,<b>x</b>//", " JavaScript:alert(1)//", "vbscript:msgbox(1)//"]
    {
        let mut forged = bytes.clone();
        let mut fake = scheme.as_bytes().to_vec();
        fake.resize(url.len(), b'x');
        forged[at..at + url.len()].copy_from_slice(&fake);
        reseal(&mut forged);
        match binary::decode(&forged) {
            Err(_) => {}
            Ok(d) => {
                let v = view::source(&d, &d.sources[0]);
                assert!(v.url.map_or(true, source::valid_url), "{scheme}: the view carries {:?}", v.url);
            }
        }
    }
}
