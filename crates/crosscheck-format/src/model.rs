//! The dataset in memory: sources, entities, synonyms and claims with their accounts.
//!
//! This module is plain data with no behaviour beyond lookups, so that the build script, the
//! compiler, the binary codec and the matcher can all share it.

/// The position of an account towards its claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stance {
    Corroborates,
    Conflicts,
    Context,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Corroborates, Stance::Conflicts, Stance::Context];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Corroborates => "corroborates",
            Stance::Conflicts => "conflicts",
            Stance::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn code(self) -> u8 {
        match self {
            Stance::Corroborates => 0,
            Stance::Conflicts => 1,
            Stance::Context => 2,
        }
    }

    pub fn from_code(code: u8) -> Option<Stance> {
        Stance::ALL.get(usize::from(code)).copied()
    }
}

/// A publication that accounts are quoted from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    /// The corpus file the text is in, relative to the dataset folder ("" when unknown).
    pub file: String,
    pub outlet: String,
    pub title: String,
    pub author: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or "" when unknown.
    pub date: String,
    pub language: String,
    /// An `http:` or `https:` URL, or "".
    pub url: String,
    /// The index of the source whose text reproduces this one.
    pub within: Option<u32>,
}

/// A person, place or organisation with the other names it goes by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
}

/// One account of a claim: who says it, where, through whom, and with what stance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Index into `Dataset::sources`.
    pub source: u32,
    pub speaker: String,
    pub role: String,
    pub via: Vec<String>,
    pub origin: String,
    pub stance: Stance,
    pub quote: String,
    pub note: String,
}

/// One checkable assertion and its accounts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub event: String,
    pub dates: Vec<String>,
    /// Indexes into `Dataset::entities`.
    pub entities: Vec<u32>,
    pub wordings: Vec<String>,
    pub accounts: Vec<Account>,
}

/// A whole dataset, as compiled from its source folder or decoded from its binary form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    pub name: String,
    pub title: String,
    pub description: String,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    /// Groups of interchangeable words; the first word of each group is the canonical one.
    pub synonyms: Vec<Vec<String>>,
    pub claims: Vec<Claim>,
}

impl Dataset {
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn source(&self, index: u32) -> Option<&Source> {
        self.sources.get(index as usize)
    }

    pub fn account_count(&self) -> usize {
        self.claims.iter().map(|c| c.accounts.len()).sum()
    }
}

/// Links are rendered in readers' browsers, so only plain web links are allowed: a `javascript:` or
/// `data:` URL in a dataset must never become a clickable link, nor a link whose host is disguised
/// (see `limits::web_url`; the compiler also parses it, `source::url_problem`).
pub fn valid_url(url: &str) -> bool {
    super::limits::web_url(url)
}
