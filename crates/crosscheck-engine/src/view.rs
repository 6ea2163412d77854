//! What the outside world sees of a match or a dataset: the JSON of `crosscheck check` and
//! `crosscheck dump`, and the objects the JavaScript API returns. One set of types, serialised by
//! serde for both (serde_json for the CLI, serde-wasm-bindgen for the JS API), so the CLI contract
//! and the JS contract cannot drift apart. Field names are part of that contract.
//!
//! Each answer names a source once: its accounts carry an index into the answer's `sources`
//! array, so a dataset with many accounts citing one long source cannot multiply that source's
//! strings in an answer.

use crate::matcher::{Engine, Match};
use crate::side::{self, Basis, Judgement};
use crosscheck_format::model::{Account, Claim, Dataset, Source, Stance};
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
    /// Where the account's source is in the answer's `sources`.
    pub source: usize,
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
    /// How the selected sentence stands to the claim: "asserts", "disputes" or "unknown".
    pub side: &'static str,
    /// What the side was told from: "quote" (the sentence is an account's quote), "terms" (it uses
    /// words only one side's accounts use), "undisputed" (it restates a claim nobody disputes), or null.
    pub side_basis: Option<&'static str>,
    /// With "quote": the index in `accounts` of the account whose quote the sentence is.
    pub side_account: Option<usize>,
}

#[derive(Serialize, Debug)]
pub struct CheckView<'a> {
    pub matches: Vec<MatchView<'a>>,
    /// The sources the matches' accounts cite, each once, in the order they are first cited.
    pub sources: Vec<SourceView<'a>>,
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

/// One claim with all its accounts, and the sources they cite (`claim(id)` of the JS API).
#[derive(Serialize, Debug)]
pub struct ClaimAnswer<'a> {
    #[serde(flatten)]
    pub claim: FullClaimView<'a>,
    pub sources: Vec<SourceView<'a>>,
}

/// Every claim with its accounts, and the sources they cite, each once (`claims()` of the JS API).
#[derive(Serialize, Debug)]
pub struct ClaimsView<'a> {
    pub claims: Vec<FullClaimView<'a>>,
    pub sources: Vec<SourceView<'a>>,
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
    /// Every source of the dataset, in dataset order: an account's `source` is its index here.
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

/// The sources an answer cites, each once: the answer's `sources` array under construction.
pub struct Cited<'a> {
    ds: &'a Dataset,
    /// For each dataset source, its index in `list` plus one; zero while it is not cited.
    at: Vec<usize>,
    list: Vec<SourceView<'a>>,
    /// Every source of the dataset in dataset order (the dump), where the index is the dataset's.
    all: bool,
}

impl<'a> Cited<'a> {
    /// An empty list, which grows as accounts cite sources.
    pub fn new(ds: &'a Dataset) -> Cited<'a> {
        Cited { ds, at: Vec::new(), list: Vec::new(), all: false }
    }

    /// Every source of the dataset, in dataset order.
    pub fn all(ds: &'a Dataset) -> Cited<'a> {
        Cited { ds, at: Vec::new(), list: ds.sources.iter().map(|s| source(ds, s)).collect(), all: true }
    }

    /// The index in the answer of dataset source `i`, citing it if it is new; None when the
    /// dataset has no such source.
    fn index(&mut self, i: u32) -> Option<usize> {
        let s = self.ds.source(i)?;
        if self.all {
            return Some(i as usize);
        }
        if self.at.is_empty() {
            self.at = vec![0; self.ds.sources.len()];
        }
        let slot = self.at.get_mut(i as usize)?;
        if *slot == 0 {
            self.list.push(source(self.ds, s));
            *slot = self.list.len();
        }
        Some(*slot - 1)
    }

    /// The answer's `sources` array.
    pub fn into_list(self) -> Vec<SourceView<'a>> {
        self.list
    }
}

fn account<'a>(a: &'a Account, cited: &mut Cited<'a>) -> Option<AccountView<'a>> {
    Some(AccountView {
        stance: a.stance.as_str(),
        speaker: &a.speaker,
        role: &a.role,
        via: &a.via,
        origin: &a.origin,
        quote: &a.quote,
        note: &a.note,
        source: cited.index(a.source)?,
    })
}

/// How many distinct origins there are. A set of strings rather than a sort and dedup, whose code
/// would be one more instantiation of the sort in the wasm: the text analysis has sets of strings
/// already.
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
fn accounts<'a>(c: &'a Claim, cited: &mut Cited<'a>) -> Vec<AccountView<'a>> {
    shown(c, cited).into_iter().map(|(_, view)| view).collect()
}

/// A claim's accounts as answers list them (corroborating, conflicting, then context), each with
/// its index in the claim.
fn shown<'a>(c: &'a Claim, cited: &mut Cited<'a>) -> Vec<(usize, AccountView<'a>)> {
    Stance::ALL
        .iter()
        .flat_map(|&st| c.accounts.iter().enumerate().filter(move |(_, a)| a.stance == st))
        .filter_map(|(i, a)| Some((i, account(a, cited)?)))
        .collect()
}

fn entity_names<'a>(ds: &'a Dataset, c: &'a Claim) -> Vec<&'a str> {
    c.entities.iter().filter_map(|&i| ds.entities.get(i as usize)).map(|e| e.name.as_str()).collect()
}

/// A match with its claim decoded and the side its sentence takes, for `check`.
#[derive(Clone, Debug)]
pub struct Found {
    pub at: Match,
    pub claim: Claim,
    pub side: Judgement,
}

/// The claims of the matches found in `text`, decoded, with the side each matched sentence takes.
pub fn matched(engine: &Engine, text: &str, matches: &[Match]) -> Vec<Found> {
    matches
        .iter()
        .filter_map(|m| {
            let claim = engine.claim(m.claim)?;
            let sentence = text.get(m.offset..m.end).unwrap_or(text);
            let side = side::judge(sentence, &claim, engine.lexicon());
            Some(Found { at: m.clone(), claim, side })
        })
        .collect()
}

/// The matches for `text` (the selection they were found in, for the offsets), with their claims
/// (from `matched`).
pub fn check<'a>(ds: &'a Dataset, text: &str, found: &'a [Found]) -> CheckView<'a> {
    let utf16 = |bytes: usize| text.get(..bytes).map_or(0, |t| t.encode_utf16().count());
    let mut cited = Cited::new(ds);
    let matches = found
        .iter()
        .map(|Found { at: m, claim: c, side }| {
            let shown = shown(c, &mut cited);
            let side_account = match side.basis {
                Basis::Quote { account } => shown.iter().position(|(i, _)| *i == account),
                _ => None,
            };
            MatchView {
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
                accounts: shown.into_iter().map(|(_, view)| view).collect(),
                side: side.side.as_str(),
                side_basis: match side.basis {
                    Basis::Quote { .. } => Some("quote"),
                    Basis::Terms => Some("terms"),
                    Basis::Undisputed => Some("undisputed"),
                    Basis::None => None,
                },
                side_account,
            }
        })
        .collect();
    CheckView { matches, sources: cited.into_list() }
}

/// Every claim of `claims` with its accounts, and the sources they cite.
pub fn claims<'a>(ds: &'a Dataset, claims: &'a [Claim]) -> ClaimsView<'a> {
    let mut cited = Cited::new(ds);
    let claims = claims.iter().map(|c| full_claim(ds, c, &mut cited)).collect();
    ClaimsView { claims, sources: cited.into_list() }
}

/// One claim with its accounts, and the sources they cite.
pub fn claim<'a>(ds: &'a Dataset, c: &'a Claim) -> ClaimAnswer<'a> {
    let mut cited = Cited::new(ds);
    let claim = full_claim(ds, c, &mut cited);
    ClaimAnswer { claim, sources: cited.into_list() }
}

/// A claim with its accounts, whose sources are indexes into `cited`.
pub fn full_claim<'a>(ds: &'a Dataset, c: &'a Claim, cited: &mut Cited<'a>) -> FullClaimView<'a> {
    FullClaimView {
        id: &c.id,
        text: &c.text,
        event: &c.event,
        dates: &c.dates,
        entities: entity_names(ds, c),
        wordings: &c.wordings,
        summary: summary(c),
        accounts: accounts(c, cited),
    }
}

pub fn info(engine: &Engine) -> InfoView<'_> {
    let ds = engine.catalog();
    let stats = engine.stats();
    InfoView {
        version: crosscheck_format::binary::VERSION,
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
    let mut cited = Cited::all(ds);
    let claims = ds.claims.iter().map(|c| full_claim(ds, c, &mut cited)).collect();
    DumpView {
        version: crosscheck_format::binary::VERSION,
        name: &ds.name,
        title: &ds.title,
        description: &ds.description,
        sources: cited.into_list(),
        claims,
    }
}
