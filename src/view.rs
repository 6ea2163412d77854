//! What the outside world sees of a match or a dataset: the JSON of `crosscheck check` and
//! `crosscheck dump`, and the objects the JavaScript API returns. One set of types serves both, so
//! the CLI contract and the JS contract cannot drift apart. Field names are part of that contract.

use crate::dataset::model::{Account, Claim, Dataset, Source, Stance};
use crate::matcher::{Engine, Match};
use serde::Serialize;

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

pub fn summary(c: &Claim) -> Summary {
    let count = |st: Stance| c.accounts.iter().filter(|a| a.stance == st).count();
    let origins = |st: Stance| {
        let mut o: Vec<&str> = c.accounts.iter().filter(|a| a.stance == st).map(|a| a.origin.as_str()).collect();
        o.sort_unstable();
        o.dedup();
        o.len()
    };
    Summary {
        corroborates: count(Stance::Corroborates),
        conflicts: count(Stance::Conflicts),
        context: count(Stance::Context),
        corroborating_origins: origins(Stance::Corroborates),
        conflicting_origins: origins(Stance::Conflicts),
    }
}

/// Accounts in the order the popup shows them: corroborating, conflicting, then context.
fn accounts<'a>(ds: &'a Dataset, c: &'a Claim) -> Vec<AccountView<'a>> {
    let mut sorted: Vec<&Account> = c.accounts.iter().collect();
    sorted.sort_by_key(|a| a.stance.code());
    sorted.into_iter().filter_map(|a| account(ds, a)).collect()
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
            .map(|(m, c)| {
                MatchView {
                    claim: ClaimView { id: &c.id, text: &c.text, event: &c.event, dates: &c.dates, entities: entity_names(ds, c), wordings: None },
                    score: (m.confidence * 1000.0).round() / 1000.0,
                    offset: utf16(m.offset),
                    length: utf16(m.end).saturating_sub(utf16(m.offset)),
                    summary: summary(c),
                    accounts: accounts(ds, c),
                }
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
