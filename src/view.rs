//! What the outside world sees of a match or a dataset: the JSON of `crosscheck check` and
//! `crosscheck dump`, and the objects the JavaScript API returns. One set of types serves both, so
//! the CLI contract and the JS contract cannot drift apart. Field names are part of that contract.

use crate::dataset::model::{Account, Claim, Dataset, Source, Stance};
use crate::matcher::{Engine, Match};
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize, Debug)]
pub struct SourceView<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub outlet: &'a str,
    pub title: &'a str,
    pub author: &'a str,
    pub date: &'a str,
    pub language: &'a str,
    /// Always an http(s) link or null: the compiler refuses anything else.
    pub url: Option<&'a str>,
    /// The id of the source whose text reproduces this one.
    pub within: Option<&'a str>,
}

#[derive(Serialize, Debug)]
pub struct AccountView<'a> {
    pub stance: &'static str,
    pub speaker: &'a str,
    pub role: &'a str,
    pub via: &'a [String],
    pub origin: &'a str,
    pub quote: &'a str,
    pub note: &'a str,
    pub source: SourceView<'a>,
}

/// The counts the popup's summary line is made of.
#[derive(Serialize, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub corroborates: usize,
    pub conflicts: usize,
    pub context: usize,
    /// Independent origins (distinct witnesses or records) behind each side.
    pub corroborating_origins: usize,
    pub conflicting_origins: usize,
}

#[derive(Serialize, Debug)]
pub struct ClaimView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub event: &'a str,
    pub dates: &'a [String],
    pub entities: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wordings: Option<&'a [String]>,
}

#[derive(Serialize, Debug)]
pub struct MatchView<'a> {
    pub claim: ClaimView<'a>,
    /// The confidence, from 0 to 1.
    pub score: f32,
    /// Where the sentence that matched starts in the selection, and its length, in UTF-16 code
    /// units (JavaScript string indexes).
    pub offset: usize,
    pub length: usize,
    pub summary: Summary,
    pub accounts: Vec<AccountView<'a>>,
}

#[derive(Serialize, Debug)]
pub struct CheckView<'a> {
    pub matches: Vec<MatchView<'a>>,
}

#[derive(Serialize, Debug)]
pub struct FullClaimView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub event: &'a str,
    pub dates: &'a [String],
    pub entities: Vec<&'a str>,
    pub wordings: &'a [String],
    pub summary: Summary,
    pub accounts: Vec<AccountView<'a>>,
}

#[derive(Serialize, Debug)]
pub struct InfoView<'a> {
    /// The binary format version the widget reads.
    pub version: u16,
    pub name: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub sources: usize,
    pub entities: usize,
    pub claims: usize,
    pub accounts: usize,
    pub origins: usize,
    pub disputed: usize,
}

#[derive(Serialize, Debug)]
pub struct DumpView<'a> {
    pub version: u16,
    pub name: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub sources: Vec<SourceView<'a>>,
    pub claims: Vec<FullClaimView<'a>>,
}

pub fn source<'a>(ds: &'a Dataset, s: &'a Source) -> SourceView<'a> {
    SourceView {
        id: &s.id,
        file: &s.file,
        outlet: &s.outlet,
        title: &s.title,
        author: &s.author,
        date: &s.date,
        language: &s.language,
        url: (!s.url.is_empty()).then_some(s.url.as_str()),
        within: s.within.and_then(|i| ds.source(i)).map(|w| w.id.as_str()),
    }
}

fn account<'a>(ds: &'a Dataset, a: &'a Account) -> Option<AccountView<'a>> {
    Some(AccountView {
        stance: a.stance.as_str(),
        speaker: &a.speaker,
        role: &a.role,
        via: &a.via,
        origin: &a.origin,
        quote: &a.quote,
        note: &a.note,
        source: source(ds, ds.source(a.source)?),
    })
}

/// How many distinct origins there are. A set of strings rather than a sort and dedup, whose code
/// would be one more instantiation of the sort in the wasm (some 4 KB): the text analysis has
/// sets of strings already.
fn distinct<'a>(origins: impl Iterator<Item = &'a str>) -> usize {
    origins.map(str::to_string).collect::<HashSet<String>>().len()
}

pub fn summary(c: &Claim) -> Summary {
    let count = |st: Stance| c.accounts.iter().filter(|a| a.stance == st).count();
    let origins = |st: Stance| distinct(c.accounts.iter().filter(|a| a.stance == st).map(|a| a.origin.as_str()));
    Summary {
        corroborates: count(Stance::Corroborates),
        conflicts: count(Stance::Conflicts),
        context: count(Stance::Context),
        corroborating_origins: origins(Stance::Corroborates),
        conflicting_origins: origins(Stance::Conflicts),
    }
}

/// Accounts in the order the popup shows them: corroborating, conflicting, then context, each in
/// dataset order. One pass per stance rather than a stable sort, whose code the wasm would carry.
fn accounts<'a>(ds: &'a Dataset, c: &'a Claim) -> Vec<AccountView<'a>> {
    Stance::ALL
        .iter()
        .flat_map(|&st| c.accounts.iter().filter(move |a| a.stance == st))
        .filter_map(|a| account(ds, a))
        .collect()
}

fn entity_names<'a>(ds: &'a Dataset, c: &'a Claim) -> Vec<&'a str> {
    c.entities.iter().filter_map(|&i| ds.entities.get(i as usize)).map(|e| e.name.as_str()).collect()
}

/// The claims of some matches, decoded, for `check`.
pub fn matched(engine: &Engine, matches: &[Match]) -> Vec<(Match, Claim)> {
    matches.iter().filter_map(|m| Some((m.clone(), engine.claim(m.claim)?))).collect()
}

/// The matches for `text` (the selection they were found in, for the offsets), with their claims
/// (from `matched`).
pub fn check<'a>(ds: &'a Dataset, text: &str, found: &'a [(Match, Claim)]) -> CheckView<'a> {
    let utf16 = |bytes: usize| text.get(..bytes).map_or(0, |t| t.encode_utf16().count());
    CheckView {
        matches: found
            .iter()
            .map(|(m, c)| MatchView {
                claim: ClaimView {
                    id: &c.id,
                    text: &c.text,
                    event: &c.event,
                    dates: &c.dates,
                    entities: entity_names(ds, c),
                    wordings: None,
                },
                score: (m.confidence * 1000.0).round() / 1000.0,
                offset: utf16(m.offset),
                length: utf16(m.end).saturating_sub(utf16(m.offset)),
                summary: summary(c),
                accounts: accounts(ds, c),
            })
            .collect(),
    }
}

/// A claim's id and statement, for listing.
#[derive(Serialize, Debug)]
pub struct ClaimHead<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub event: &'a str,
}

pub fn claims(claims: &[Claim]) -> Vec<ClaimHead<'_>> {
    claims.iter().map(|c| ClaimHead { id: &c.id, text: &c.text, event: &c.event }).collect()
}

pub fn full_claim<'a>(ds: &'a Dataset, c: &'a Claim) -> FullClaimView<'a> {
    FullClaimView {
        id: &c.id,
        text: &c.text,
        event: &c.event,
        dates: &c.dates,
        entities: entity_names(ds, c),
        wordings: &c.wordings,
        summary: summary(c),
        accounts: accounts(ds, c),
    }
}

pub fn info(engine: &Engine) -> InfoView<'_> {
    let ds = engine.catalog();
    let stats = engine.stats();
    InfoView {
        version: crate::dataset::binary::VERSION,
        name: &ds.name,
        title: &ds.title,
        description: &ds.description,
        sources: ds.sources.len(),
        entities: ds.entities.len(),
        claims: engine.claim_count(),
        accounts: stats.accounts,
        origins: stats.origins,
        disputed: stats.disputed,
    }
}

pub fn dump(ds: &Dataset) -> DumpView<'_> {
    DumpView {
        version: crate::dataset::binary::VERSION,
        name: &ds.name,
        title: &ds.title,
        description: &ds.description,
        sources: ds.sources.iter().map(|s| source(ds, s)).collect(),
        claims: ds.claims.iter().map(|c| full_claim(ds, c)).collect(),
    }
}

/// A view as JSON text, written by hand for the wasm API, which hands it to `JSON.parse`. Through
/// serde-wasm-bindgen the same objects cost a JS call per field and a serialiser per view type,
/// 7 KB more wasm than this. The text is serde's JSON (field names, order, null for None, skipped
/// fields) with numbers that parse to the same JS numbers: tests/views.rs checks both agree for
/// every view of the seed, the small and the hostile datasets.
pub fn to_json(view: &dyn ToJson) -> String {
    let mut out = Json(String::new());
    view.write(&mut out);
    out.0.pop(); // the comma after the last value
    out.0
}

pub trait ToJson {
    fn write(&self, out: &mut Json);
}

/// JSON text under construction. Every value is followed by a comma, and closing a list or an
/// object takes back the comma of its last value, so that writers need not track which is first.
pub struct Json(String);

impl Json {
    fn key(&mut self, key: &str) -> &mut Json {
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
        self
    }

    fn open(&mut self, bracket: char) -> &mut Json {
        self.0.push(bracket);
        self
    }

    fn close(&mut self, bracket: char) {
        if self.0.ends_with(',') {
            self.0.pop();
        }
        self.0.push(bracket);
        self.0.push(',');
    }

    fn str(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\0'..='\x1f' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.push_str("\\u00");
                    self.0.push(HEX[c as usize >> 4] as char);
                    self.0.push(HEX[c as usize & 15] as char);
                }
                _ => self.0.push(c),
            }
        }
        self.0.push_str("\",");
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.push_str("null,"),
        }
    }

    fn strs<S: AsRef<str>>(&mut self, list: &[S]) {
        self.open('[');
        for s in list {
            self.str(s.as_ref());
        }
        self.close(']');
    }

    fn list<T: ToJson>(&mut self, list: &[T]) {
        self.open('[');
        for item in list {
            item.write(self);
        }
        self.close(']');
    }

    fn uint(&mut self, n: usize) {
        let n = n as u64;
        self.digits(&mut [n as u32, (n >> 32) as u32, 0, 0]);
        self.0.push(',');
    }

    /// Writes the decimal digits of a 128-bit number (little-endian 32-bit limbs), consuming it.
    fn digits(&mut self, n: &mut [u32; 4]) {
        let mut digits = Vec::new();
        loop {
            let mut rem = 0u64;
            for limb in n.iter_mut().rev() {
                let cur = rem << 32 | u64::from(*limb);
                *limb = (cur / 10) as u32;
                rem = cur % 10;
            }
            digits.push(b'0' + rem as u8);
            if n.iter().all(|&l| l == 0) {
                break;
            }
        }
        self.0.extend(digits.iter().rev().map(|&d| d as char));
    }

    /// Writes a float as the exact decimal value of its binary form, which `JSON.parse` reads
    /// back as that very number (the f32 widened to f64, as serde-wasm-bindgen passed it), with
    /// integer arithmetic: core's float formatting would add some 15 KB to the wasm. NaN and the
    /// infinities, which JSON cannot write, become null.
    fn f32(&mut self, v: f32) {
        if !v.is_finite() {
            self.0.push_str("null,");
            return;
        }
        if v.is_sign_negative() {
            self.0.push('-');
        }
        // v = mantissa × 2^exp, with at most 24 significant bits.
        let bits = v.to_bits() & 0x7FFF_FFFF;
        let (mantissa, exp) = match bits >> 23 {
            0 => (bits, -149),
            e => (bits & 0x7F_FFFF | 1 << 23, e as i32 - 150),
        };
        // The whole part, up to 2^128, and the fraction as a 160-bit fixed-point number: each
        // multiplication by ten carries the next digit out of the top.
        let mut whole = [0u32; 4];
        let mut fraction = [0u32; 5];
        let place = |limbs: &mut [u32], value: u32, shift: u32| {
            let wide = u64::from(value) << (shift % 32);
            let at = (shift / 32) as usize;
            limbs[at] = wide as u32;
            if let Some(next) = limbs.get_mut(at + 1) {
                *next = (wide >> 32) as u32;
            }
        };
        if exp >= 0 {
            place(&mut whole, mantissa, exp as u32);
        } else {
            let shift = exp.unsigned_abs();
            place(&mut whole, mantissa.checked_shr(shift).unwrap_or(0), 0);
            let rest = mantissa & 1u32.checked_shl(shift).map_or(u32::MAX, |b| b - 1);
            place(&mut fraction, rest, 160 - shift);
        }
        self.digits(&mut whole);
        if fraction.iter().any(|&l| l != 0) {
            self.0.push('.');
            while fraction.iter().any(|&l| l != 0) {
                let mut carry = 0u64;
                for limb in fraction.iter_mut() {
                    let cur = u64::from(*limb) * 10 + carry;
                    *limb = cur as u32;
                    carry = cur >> 32;
                }
                self.0.push((b'0' + carry as u8) as char);
            }
        }
        self.0.push(',');
    }
}

impl ToJson for SourceView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("id").str(self.id);
        o.key("file").str(self.file);
        o.key("outlet").str(self.outlet);
        o.key("title").str(self.title);
        o.key("author").str(self.author);
        o.key("date").str(self.date);
        o.key("language").str(self.language);
        o.key("url").opt_str(self.url);
        o.key("within").opt_str(self.within);
        o.close('}');
    }
}

impl ToJson for AccountView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("stance").str(self.stance);
        o.key("speaker").str(self.speaker);
        o.key("role").str(self.role);
        o.key("via").strs(self.via);
        o.key("origin").str(self.origin);
        o.key("quote").str(self.quote);
        o.key("note").str(self.note);
        self.source.write(o.key("source"));
        o.close('}');
    }
}

impl ToJson for Summary {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("corroborates").uint(self.corroborates);
        o.key("conflicts").uint(self.conflicts);
        o.key("context").uint(self.context);
        o.key("corroborating_origins").uint(self.corroborating_origins);
        o.key("conflicting_origins").uint(self.conflicting_origins);
        o.close('}');
    }
}

impl ToJson for ClaimView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("id").str(self.id);
        o.key("text").str(self.text);
        o.key("event").str(self.event);
        o.key("dates").strs(self.dates);
        o.key("entities").strs(&self.entities);
        if let Some(wordings) = self.wordings {
            o.key("wordings").strs(wordings);
        }
        o.close('}');
    }
}

impl ToJson for MatchView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        self.claim.write(o.key("claim"));
        o.key("score").f32(self.score);
        o.key("offset").uint(self.offset);
        o.key("length").uint(self.length);
        self.summary.write(o.key("summary"));
        o.key("accounts").list(&self.accounts);
        o.close('}');
    }
}

impl ToJson for CheckView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("matches").list(&self.matches);
        o.close('}');
    }
}

impl ToJson for FullClaimView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("id").str(self.id);
        o.key("text").str(self.text);
        o.key("event").str(self.event);
        o.key("dates").strs(self.dates);
        o.key("entities").strs(&self.entities);
        o.key("wordings").strs(self.wordings);
        self.summary.write(o.key("summary"));
        o.key("accounts").list(&self.accounts);
        o.close('}');
    }
}

impl ToJson for InfoView<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("version").uint(self.version.into());
        o.key("name").str(self.name);
        o.key("title").str(self.title);
        o.key("description").str(self.description);
        o.key("sources").uint(self.sources);
        o.key("entities").uint(self.entities);
        o.key("claims").uint(self.claims);
        o.key("accounts").uint(self.accounts);
        o.key("origins").uint(self.origins);
        o.key("disputed").uint(self.disputed);
        o.close('}');
    }
}

impl ToJson for ClaimHead<'_> {
    fn write(&self, o: &mut Json) {
        o.open('{');
        o.key("id").str(self.id);
        o.key("text").str(self.text);
        o.key("event").str(self.event);
        o.close('}');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, o: &mut Json) {
        o.list(self);
    }
}

/// A ranked claim id and its score, as `search` returns them: `["id", 1.25]`.
impl ToJson for (&str, f32) {
    fn write(&self, o: &mut Json) {
        o.open('[');
        o.str(self.0);
        o.f32(self.1);
        o.close(']');
    }
}
