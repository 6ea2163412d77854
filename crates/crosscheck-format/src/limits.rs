//! The limits of the dataset format: every string and count a dataset holds has a maximum, which the
//! compiler (`source.rs`) refuses to go past with a message that names the file, the entry and the
//! limit, and which the decoder (`binary.rs`) refuses in a `.ccd` with `ErrorKind::OverLimit`.
//!
//! They exist so that one answer stays small whatever a dataset holds: an account used to repeat
//! its source's strings, and nothing bounded their length nor the accounts of a claim, so a 287 KB
//! file could make one lookup allocate a gigabyte. Each is far above what real datasets use (the
//! seed, the CheckThat claims, a million-claim dataset's claims); docs/dataset.md lists them and
//! docs/security.md gives the worst answer size and times measured at them.
//!
//! This module is plain data (the build script compiles the seed with it, through this crate). It also holds the
//! character rules both sides apply to names: no bidi controls and no invisible format characters.

use crate::model::{Account, Claim, Dataset, Entity, Source};
use std::fmt;

/// One limit of the format. String limits count UTF-8 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// The whole compiled `.ccd` file.
    DatasetBytes,
    NameBytes,
    TitleBytes,
    DescriptionBytes,
    /// Every id: sources, entities, claims, events.
    IdBytes,
    Sources,
    FileBytes,
    OutletBytes,
    SourceTitleBytes,
    AuthorBytes,
    DateBytes,
    LanguageBytes,
    UrlBytes,
    Entities,
    EntityNameBytes,
    KindBytes,
    AliasesPerEntity,
    AliasBytes,
    SynonymGroups,
    WordsPerSynonymGroup,
    SynonymBytes,
    Claims,
    ClaimTextBytes,
    DatesPerClaim,
    EntitiesPerClaim,
    WordingsPerClaim,
    WordingBytes,
    AccountsPerClaim,
    SpeakerBytes,
    RoleBytes,
    ViaPerAccount,
    ViaBytes,
    OriginBytes,
    QuoteBytes,
    NoteBytes,
    /// Every string of one claim and its accounts together (what one match carries).
    ClaimBytes,
    /// Terms in one analysed passage (a statement, a wording or a quote) in the index.
    PassageTerms,
}

impl Limit {
    /// Every limit, in the order docs/dataset.md lists them.
    pub const ALL: [Limit; 37] = [
        Limit::DatasetBytes,
        Limit::NameBytes,
        Limit::TitleBytes,
        Limit::DescriptionBytes,
        Limit::IdBytes,
        Limit::Sources,
        Limit::FileBytes,
        Limit::OutletBytes,
        Limit::SourceTitleBytes,
        Limit::AuthorBytes,
        Limit::DateBytes,
        Limit::LanguageBytes,
        Limit::UrlBytes,
        Limit::Entities,
        Limit::EntityNameBytes,
        Limit::KindBytes,
        Limit::AliasesPerEntity,
        Limit::AliasBytes,
        Limit::SynonymGroups,
        Limit::WordsPerSynonymGroup,
        Limit::SynonymBytes,
        Limit::Claims,
        Limit::ClaimTextBytes,
        Limit::DatesPerClaim,
        Limit::EntitiesPerClaim,
        Limit::WordingsPerClaim,
        Limit::WordingBytes,
        Limit::AccountsPerClaim,
        Limit::SpeakerBytes,
        Limit::RoleBytes,
        Limit::ViaPerAccount,
        Limit::ViaBytes,
        Limit::OriginBytes,
        Limit::QuoteBytes,
        Limit::NoteBytes,
        Limit::ClaimBytes,
        Limit::PassageTerms,
    ];

    /// The largest value allowed.
    pub const fn max(self) -> usize {
        match self {
            Limit::DatasetBytes => 32 * 1024 * 1024,
            Limit::NameBytes => 80,
            Limit::TitleBytes => 300,
            Limit::DescriptionBytes => 2_000,
            Limit::IdBytes => 80,
            Limit::Sources => 100_000,
            Limit::FileBytes => 255,
            Limit::OutletBytes => 200,
            Limit::SourceTitleBytes => 500,
            Limit::AuthorBytes => 300,
            Limit::DateBytes => 10,
            Limit::LanguageBytes => 100,
            Limit::UrlBytes => 2_000,
            Limit::Entities => 100_000,
            Limit::EntityNameBytes => 200,
            Limit::KindBytes => 20,
            Limit::AliasesPerEntity => 64,
            Limit::AliasBytes => 200,
            Limit::SynonymGroups => 10_000,
            Limit::WordsPerSynonymGroup => 32,
            Limit::SynonymBytes => 100,
            Limit::Claims => 1_000_000,
            Limit::ClaimTextBytes => 2_000,
            Limit::DatesPerClaim => 16,
            Limit::EntitiesPerClaim => 32,
            Limit::WordingsPerClaim => 32,
            Limit::WordingBytes => 1_000,
            Limit::AccountsPerClaim => 32,
            Limit::SpeakerBytes => 200,
            Limit::RoleBytes => 300,
            Limit::ViaPerAccount => 8,
            Limit::ViaBytes => 200,
            Limit::OriginBytes => 200,
            Limit::QuoteBytes => 2_000,
            Limit::NoteBytes => 1_000,
            Limit::ClaimBytes => 32 * 1024,
            Limit::PassageTerms => 4_096,
        }
    }

    /// What is counted, as a message says it: "bytes in a source's title".
    pub const fn what(self) -> &'static str {
        match self {
            Limit::DatasetBytes => "bytes in the compiled dataset",
            Limit::NameBytes => "bytes in the dataset's name",
            Limit::TitleBytes => "bytes in the dataset's title",
            Limit::DescriptionBytes => "bytes in the dataset's description",
            Limit::IdBytes => "bytes in an id",
            Limit::Sources => "sources",
            Limit::FileBytes => "bytes in a source's file path",
            Limit::OutletBytes => "bytes in a source's outlet",
            Limit::SourceTitleBytes => "bytes in a source's title",
            Limit::AuthorBytes => "bytes in a source's author",
            Limit::DateBytes => "bytes in a date",
            Limit::LanguageBytes => "bytes in a source's language",
            Limit::UrlBytes => "bytes in a source's url",
            Limit::Entities => "entities",
            Limit::EntityNameBytes => "bytes in an entity's name",
            Limit::KindBytes => "bytes in an entity's kind",
            Limit::AliasesPerEntity => "aliases of one entity",
            Limit::AliasBytes => "bytes in an alias",
            Limit::SynonymGroups => "synonym groups",
            Limit::WordsPerSynonymGroup => "words in one synonym group",
            Limit::SynonymBytes => "bytes in a synonym",
            Limit::Claims => "claims",
            Limit::ClaimTextBytes => "bytes in a claim's text",
            Limit::DatesPerClaim => "dates of one claim",
            Limit::EntitiesPerClaim => "entities of one claim",
            Limit::WordingsPerClaim => "wordings of one claim",
            Limit::WordingBytes => "bytes in a wording",
            Limit::AccountsPerClaim => "accounts of one claim",
            Limit::SpeakerBytes => "bytes in an account's speaker",
            Limit::RoleBytes => "bytes in an account's role",
            Limit::ViaPerAccount => "entries in an account's via",
            Limit::ViaBytes => "bytes in a via entry",
            Limit::OriginBytes => "bytes in an account's origin",
            Limit::QuoteBytes => "bytes in a quote",
            Limit::NoteBytes => "bytes in a note",
            Limit::ClaimBytes => "bytes in one claim's strings and its accounts' together",
            Limit::PassageTerms => "terms in one indexed passage",
        }
    }

    /// How a dataset author gets under it.
    pub const fn fix(self) -> &'static str {
        match self {
            Limit::DatasetBytes | Limit::Claims | Limit::Sources | Limit::Entities | Limit::SynonymGroups => {
                "split the dataset into smaller ones"
            }
            Limit::AccountsPerClaim => "keep the most independent accounts, or split the claim into narrower claims",
            Limit::ClaimBytes => "shorten the quotes and notes, or split the claim into narrower claims",
            Limit::QuoteBytes => "quote the words that carry the account: one sentence or a clause",
            Limit::DescriptionBytes => "say the rest on the dataset's own web page",
            Limit::AliasesPerEntity
            | Limit::WordsPerSynonymGroup
            | Limit::DatesPerClaim
            | Limit::EntitiesPerClaim
            | Limit::WordingsPerClaim
            | Limit::ViaPerAccount => "keep the ones that matter most",
            _ => "shorten it",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at most {} {}", self.max(), self.what())
    }
}

/// A value over a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exceeded {
    pub limit: Limit,
    pub found: u64,
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} is over the limit of {}", self.found, self.limit.what(), self.limit.max())
    }
}

/// `Ok` when `found` is within `limit`.
pub fn within(limit: Limit, found: usize) -> Result<(), Exceeded> {
    if found > limit.max() {
        Err(Exceeded { limit, found: found as u64 })
    } else {
        Ok(())
    }
}

/// `within` for a count or length read from bytes (a varint, before it is trusted as a `usize`).
pub fn within_u64(limit: Limit, found: u64) -> Result<(), Exceeded> {
    if found > limit.max() as u64 {
        Err(Exceeded { limit, found })
    } else {
        Ok(())
    }
}

/// The dataset-wide strings and counts and every source and entity (the catalogue): what the
/// decoder reads whole at opening. Claims are checked one by one (`claim`).
pub fn catalog(ds: &Dataset) -> Result<(), Exceeded> {
    within(Limit::NameBytes, ds.name.len())?;
    within(Limit::TitleBytes, ds.title.len())?;
    within(Limit::DescriptionBytes, ds.description.len())?;
    within(Limit::Sources, ds.sources.len())?;
    ds.sources.iter().try_for_each(source)?;
    within(Limit::Entities, ds.entities.len())?;
    ds.entities.iter().try_for_each(entity)?;
    within(Limit::SynonymGroups, ds.synonyms.len())?;
    for group in &ds.synonyms {
        within(Limit::WordsPerSynonymGroup, group.len())?;
        group.iter().try_for_each(|w| within(Limit::SynonymBytes, w.len()))?;
    }
    Ok(())
}

pub fn source(s: &Source) -> Result<(), Exceeded> {
    within(Limit::IdBytes, s.id.len())?;
    within(Limit::FileBytes, s.file.len())?;
    within(Limit::OutletBytes, s.outlet.len())?;
    within(Limit::SourceTitleBytes, s.title.len())?;
    within(Limit::AuthorBytes, s.author.len())?;
    within(Limit::DateBytes, s.date.len())?;
    within(Limit::LanguageBytes, s.language.len())?;
    within(Limit::UrlBytes, s.url.len())
}

pub fn entity(e: &Entity) -> Result<(), Exceeded> {
    within(Limit::IdBytes, e.id.len())?;
    within(Limit::EntityNameBytes, e.name.len())?;
    within(Limit::KindBytes, e.kind.len())?;
    within(Limit::AliasesPerEntity, e.aliases.len())?;
    e.aliases.iter().try_for_each(|a| within(Limit::AliasBytes, a.len()))
}

/// One claim: each string and count, then all its strings together (wordings are matching-only
/// text, kept as terms, so they do not count towards `ClaimBytes`).
pub fn claim(c: &Claim) -> Result<(), Exceeded> {
    within(Limit::IdBytes, c.id.len())?;
    within(Limit::ClaimTextBytes, c.text.len())?;
    within(Limit::IdBytes, c.event.len())?;
    within(Limit::DatesPerClaim, c.dates.len())?;
    c.dates.iter().try_for_each(|d| within(Limit::DateBytes, d.len()))?;
    within(Limit::EntitiesPerClaim, c.entities.len())?;
    within(Limit::WordingsPerClaim, c.wordings.len())?;
    c.wordings.iter().try_for_each(|w| within(Limit::WordingBytes, w.len()))?;
    within(Limit::AccountsPerClaim, c.accounts.len())?;
    let mut total = c.id.len() + c.text.len() + c.event.len() + c.dates.iter().map(String::len).sum::<usize>();
    for a in &c.accounts {
        total += account(a)?;
    }
    within(Limit::ClaimBytes, total)
}

/// One account's strings and via entries; `Ok` holds the bytes of its strings together.
pub fn account(a: &Account) -> Result<usize, Exceeded> {
    within(Limit::SpeakerBytes, a.speaker.len())?;
    within(Limit::RoleBytes, a.role.len())?;
    within(Limit::ViaPerAccount, a.via.len())?;
    a.via.iter().try_for_each(|v| within(Limit::ViaBytes, v.len()))?;
    within(Limit::OriginBytes, a.origin.len())?;
    within(Limit::QuoteBytes, a.quote.len())?;
    within(Limit::NoteBytes, a.note.len())?;
    Ok(a.speaker.len()
        + a.role.len()
        + a.via.iter().map(String::len).sum::<usize>()
        + a.origin.len()
        + a.quote.len()
        + a.note.len())
}

/// Every limit but the compiled size, which only encoding tells.
pub fn dataset(ds: &Dataset) -> Result<(), Exceeded> {
    catalog(ds)?;
    within(Limit::Claims, ds.claims.len())?;
    ds.claims.iter().try_for_each(claim)
}

/// Characters a name must not hold: they reorder or hide what a reader sees, so that a speaker
/// written `\u{202e}sretueR` displays as "Reuters". Bidi embeddings, overrides, isolates and marks,
/// zero-width spaces and joiners, word joiners and invisible operators, the BOM, soft hyphens,
/// interlinear annotations, Mongolian vowel separator, the tag block, and every control character.
pub fn hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// The first hidden character of a name, if any (see `hidden_char`).
pub fn hidden_in(text: &str) -> Option<char> {
    text.chars().find(|&c| hidden_char(c))
}

/// Characters a terminal or a reader must never receive raw from a dataset or a user: controls
/// (C0, DEL, C1: an ANSI escape can erase a line, fake output or set a window title), the line and
/// paragraph separators, and the invisible and direction-changing characters of `hidden_char`.
pub fn unsafe_to_print(c: char) -> bool {
    hidden_char(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A character as Rust writes it in a string: `\u{1b}`.
pub fn escape_char(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `text` with every `unsafe_to_print` character written as `\u{..}` (and the backslash that
/// starts such an escape doubled, so that an escape is never ambiguous); line breaks are kept
/// when `keep_lines` is set.
pub fn escape(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| (unsafe_to_print(c) && !(keep_lines && c == '\n')) || c == '\\';
    if !text.chars().any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if needs(c) {
            out.push_str(&escape_char(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a link has the shape the compiler's URL parser writes (`source::url_problem`), checked
/// by hand so that the decoder needs no URL parser in the browser: `http://` or `https://` in lower
/// case, no user name or password, a host of lower-case ASCII letters, digits, dots, hyphens and
/// underscores (international names in their `xn--` form) or an IPv6 address in brackets, an
/// optional port of at most 65535 without leading zeros, and no white space, control, invisible
/// or direction-changing character, quote, angle bracket or backslash anywhere.
pub fn web_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else { return false };
    if url.chars().any(|c| unsafe_to_print(c) || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\')) {
        return false;
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((inside, after)) = v6.split_once(']') else { return false };
        if inside.is_empty() || !inside.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return false;
        }
        (None, after.strip_prefix(':').or(if after.is_empty() { None } else { Some("x") }))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    if let Some(host) = host {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        };
        let labels = host.strip_suffix('.').unwrap_or(host);
        if host.len() > 253 || !labels.split('.').all(label_ok) {
            return false;
        }
    }
    match port {
        None => true,
        Some(p) => {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p == "0" || !p.starts_with('0'))
                && p.parse::<u16>().is_ok()
        }
    }
}
