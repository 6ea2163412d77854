//! Which side of a claim the reader's selection is on: does the selected text assert the claim,
//! dispute it, or can the dataset not tell?
//!
//! The answer is only ever drawn from what the dataset holds, most certain first:
//! 1. the selection is, contains or is contained in an account's quote (verbatim, or all but a few
//!    words): it takes that account's stance;
//! 2. it carries terms that only the claim's conflicting accounts use (a rival date, place or figure,
//!    "Moscow" against "Belarus") and none that only the claim's own side uses, or the reverse;
//! 3. it restates a claim that nobody in the dataset disputes, with no negation the claim lacks.
//!
//! Anything else is `Unknown`: a wrong side is worse than none, because a reader takes the popup's
//! first line at its word.

use crosscheck_format::model::{Claim, Stance};
use crosscheck_text::{analyze, Lexicon};
use std::collections::HashSet;

/// How the selected text stands to a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The selection says what the claim says.
    Asserts,
    /// The selection says something the claim's conflicting accounts say instead.
    Disputes,
    /// The dataset cannot tell, or its evidence points both ways.
    Unknown,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Asserts => "asserts",
            Side::Disputes => "disputes",
            Side::Unknown => "unknown",
        }
    }
}

/// What a side was decided from, so that the popup (and a test) can say why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The selection and an account's quote are the same text, one inside the other or nearly.
    Quote {
        /// The account's index in the claim.
        account: usize,
    },
    /// Terms that only one side's accounts use.
    Terms,
    /// The claim is undisputed in the dataset and the selection restates it.
    Undisputed,
    /// No evidence either way.
    None,
}

/// The side with what it was decided from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub side: Side,
    pub basis: Basis,
}

impl Judgement {
    const UNKNOWN: Judgement = Judgement { side: Side::Unknown, basis: Basis::None };
}

/// The fewest words a quote needs before containing it, or being contained in it, says anything:
/// a three-word quote ("in Moscow today") turns up inside sentences on either side.
const MIN_QUOTE_WORDS: usize = 5;
/// The share of the shorter text's content terms that the longer must hold for a near-verbatim
/// match: a reader's selection often drops or changes a word or two at its ends.
const NEAR_VERBATIM: f32 = 0.85;
/// How many terms only one side uses the selection must carry before that side is believed.
const DISTINCT_TERMS: usize = 2;

/// Words that turn a sentence against what it states ("did not", "denied"), read from the raw text
/// because analysis drops most of them as stop words. A selection that has one the claim lacks is
/// never judged to assert the claim on restatement alone.
const NEGATIONS: [&str; 16] = [
    "not", "no", "never", "nor", "denied", "denies", "deny", "false", "untrue", "didn't", "wasn't", "isn't", "hasn't",
    "won't", "rejected", "refuted",
];

/// Counting words that, with no number before them, make a count of their own ("a few thousand").
/// When a number precedes them, analysis has already made one figure of both.
const VAGUE_COUNTS: [&str; 6] = ["dozens", "hundred", "hundreds", "thousand", "thousands", "millions"];

/// Judges `selection` against `claim`. `lexicon` is the dataset's (aliases fold the same way as at
/// indexing), so that names spelled another way still count as the same term.
pub fn judge(selection: &str, claim: &Claim, lexicon: &Lexicon) -> Judgement {
    let words = plain_words(selection);
    if words.is_empty() {
        return Judgement::UNKNOWN;
    }
    if let Some(j) = by_quote(&words, selection, claim, lexicon) {
        return j;
    }
    let terms: HashSet<String> = analyze(selection, lexicon).into_iter().collect();
    if terms.is_empty() {
        return Judgement::UNKNOWN;
    }
    // A negation the claim lacks, or a figure of a kind the claim states but another value ("a few
    // thousand" troops against 20,000), keeps the selection from asserting the claim: the rest of
    // the sentence may agree word for word while it says the opposite.
    let against = negates(&words, claim) || figures_differ(&words, &terms, claim, lexicon);
    match by_terms(&terms, claim, lexicon) {
        Some(j) if j.side == Side::Asserts && against => return Judgement::UNKNOWN,
        Some(j) => return j,
        None => {}
    }
    let disputed = claim.accounts.iter().any(|a| a.stance == Stance::Conflicts);
    if !disputed && !against {
        return Judgement { side: Side::Asserts, basis: Basis::Undisputed };
    }
    Judgement::UNKNOWN
}

/// The kind of figure an analysed term is, if it is one: analysis writes numbers as digits, dates
/// as `MM-DD`, durations in minutes (`2880min`), so a term's shape says what it measures.
fn figure_kind(term: &str) -> Option<u8> {
    if !term.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(if term.ends_with("min") {
        0
    } else if term.contains('-') {
        1
    } else if term.len() == 4 && (term.starts_with("19") || term.starts_with("20")) {
        2
    } else {
        3
    })
}

/// Whether the selection states a figure of some kind (a date, a duration, a year, a count) that the
/// claim's statement and wordings also state, but with none of the same values.
/// A count said without a number ("thousands of", "a few hundred") is a count all the same, and
/// never the claim's precise one.
fn figures_differ(words: &[String], terms: &HashSet<String>, claim: &Claim, lexicon: &Lexicon) -> bool {
    let mut claim_figures: HashSet<String> = HashSet::new();
    for text in std::iter::once(&claim.text).chain(&claim.wordings) {
        claim_figures.extend(analyze(text, lexicon).into_iter().filter(|t| figure_kind(t).is_some()));
    }
    let vague_count = words.iter().any(|w| VAGUE_COUNTS.contains(&w.as_str()));
    (0..4u8).any(|kind| {
        let of = |t: &&String| figure_kind(t) == Some(kind);
        let mine: Vec<&String> = terms.iter().filter(of).collect();
        if kind == 3 && mine.is_empty() && vague_count {
            return claim_figures.iter().any(|t| figure_kind(t) == Some(3));
        }
        let theirs: Vec<&String> = claim_figures.iter().filter(of).collect();
        !mine.is_empty() && !theirs.is_empty() && !mine.iter().any(|t| claim_figures.contains(*t))
    })
}

/// Step 1: verbatim or near-verbatim quotes. Every account whose quote matches votes with its
/// stance; context accounts and split votes give no answer (from this step).
fn by_quote(words: &[String], selection: &str, claim: &Claim, lexicon: &Lexicon) -> Option<Judgement> {
    let joined = format!(" {} ", words.join(" "));
    let sel_terms: HashSet<String> = analyze(selection, lexicon).into_iter().collect();
    let mut vote: Option<(Stance, usize)> = None;
    let mut split = false;
    for (i, account) in claim.accounts.iter().enumerate() {
        let quote = plain_words(&account.quote);
        let shorter = quote.len().min(words.len());
        if shorter < MIN_QUOTE_WORDS {
            continue;
        }
        let q = format!(" {} ", quote.join(" "));
        let same = joined.contains(&q) || q.contains(&joined) || near_verbatim(&sel_terms, &account.quote, lexicon);
        if !same {
            continue;
        }
        match vote {
            None => vote = Some((account.stance, i)),
            Some((stance, _)) if stance != account.stance => split = true,
            Some(_) => {}
        }
    }
    let (stance, account) = vote?;
    let side = match stance {
        _ if split => Side::Unknown,
        Stance::Corroborates => Side::Asserts,
        Stance::Conflicts => Side::Disputes,
        Stance::Context => Side::Unknown,
    };
    Some(Judgement { side, basis: Basis::Quote { account } })
}

/// Whether the selection and a quote share all but a few of the shorter one's content terms.
fn near_verbatim(sel_terms: &HashSet<String>, quote: &str, lexicon: &Lexicon) -> bool {
    let quote_terms: HashSet<String> = analyze(quote, lexicon).into_iter().collect();
    let shorter = sel_terms.len().min(quote_terms.len());
    if shorter < MIN_QUOTE_WORDS {
        return false;
    }
    let shared = sel_terms.intersection(&quote_terms).count();
    shared as f32 >= NEAR_VERBATIM * shorter as f32
}

/// Step 2: terms that only one side of the claim uses. The claim's own side is its statement, its
/// wordings and its corroborating quotes; the other side is its conflicting quotes.
fn by_terms(terms: &HashSet<String>, claim: &Claim, lexicon: &Lexicon) -> Option<Judgement> {
    let mut own: HashSet<String> = HashSet::new();
    let mut rival: HashSet<String> = HashSet::new();
    for text in std::iter::once(&claim.text).chain(&claim.wordings) {
        own.extend(analyze(text, lexicon));
    }
    for account in &claim.accounts {
        match account.stance {
            Stance::Corroborates => own.extend(analyze(&account.quote, lexicon)),
            Stance::Conflicts => rival.extend(analyze(&account.quote, lexicon)),
            Stance::Context => {}
        }
    }
    if rival.is_empty() {
        return None;
    }
    let only_own = terms.iter().filter(|t| own.contains(*t) && !rival.contains(*t)).count();
    let only_rival = terms.iter().filter(|t| rival.contains(*t) && !own.contains(*t)).count();
    let side = if only_rival >= DISTINCT_TERMS && only_own == 0 {
        Side::Disputes
    } else if only_own >= DISTINCT_TERMS && only_rival == 0 {
        Side::Asserts
    } else {
        return None;
    };
    Some(Judgement { side, basis: Basis::Terms })
}

/// Whether the selection has a negation that the claim's statement and wordings do not.
fn negates(words: &[String], claim: &Claim) -> bool {
    let claim_words: HashSet<String> =
        std::iter::once(&claim.text).chain(&claim.wordings).flat_map(|t| plain_words(t)).collect();
    words.iter().any(|w| NEGATIONS.contains(&w.as_str()) && !claim_words.contains(w))
        || words.iter().any(|w| w.ends_with("n't") && !claim_words.contains(w))
}

/// Lower-cased words of letters, digits and inner apostrophes, for verbatim comparison: quotes in
/// the dataset and on a page differ in their quotation marks, dashes and spacing, not their words.
fn plain_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’') && !word.is_empty() {
            word.push('\'');
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word).trim_end_matches('\'').to_string());
        }
    }
    if !word.is_empty() {
        out.push(word.trim_end_matches('\'').to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_format::model::Account;

    fn account(stance: Stance, quote: &str) -> Account {
        Account {
            source: 0,
            speaker: String::new(),
            role: String::new(),
            via: vec![],
            origin: String::new(),
            stance,
            quote: quote.into(),
            note: String::new(),
        }
    }

    fn claim(text: &str, accounts: Vec<Account>) -> Claim {
        Claim { id: "c".into(), text: text.into(), accounts, ..Claim::default() }
    }

    #[test]
    fn a_quoted_account_gives_its_stance() {
        let c = claim(
            "Putin was away in Belarus on those days",
            vec![
                account(Stance::Corroborates, "the French were told that Putin was in Belarus and could not talk"),
                account(Stance::Conflicts, "the Kremlin record shows Putin was in Moscow on all the three days"),
            ],
        );
        let lex = Lexicon::default();
        let j = judge("This was false. The Kremlin record shows Putin was in Moscow on all the three days.", &c, &lex);
        assert_eq!(j, Judgement { side: Side::Disputes, basis: Basis::Quote { account: 1 } });
        let j = judge("The French were told that Putin was in Belarus and could not talk.", &c, &lex);
        assert_eq!(j.side, Side::Asserts);
    }

    #[test]
    fn rival_terms_dispute_and_own_terms_assert() {
        let c = claim(
            "Putin was away in Belarus on those days",
            vec![account(Stance::Conflicts, "Putin stayed in Moscow, his office records show")],
        );
        let lex = Lexicon::default();
        assert_eq!(judge("Records show Putin stayed in Moscow throughout", &c, &lex).side, Side::Disputes);
        assert_eq!(judge("Putin was away, visiting Belarus", &c, &lex).side, Side::Asserts);
        // Both sides' terms: no answer.
        assert_eq!(judge("Putin stayed in Moscow, not in Belarus", &c, &lex).side, Side::Unknown);
    }

    #[test]
    fn an_undisputed_claim_is_asserted_unless_negated() {
        let c = claim("Turkey closed its airspace to Iranian flights", vec![account(Stance::Corroborates, "x")]);
        let lex = Lexicon::default();
        assert_eq!(judge("Ankara closed Turkish airspace to Iran's planes", &c, &lex).side, Side::Asserts);
        assert_eq!(judge("Turkey never closed its airspace to Iranian flights", &c, &lex).side, Side::Unknown);
        assert_eq!(judge("Turkey didn't close its airspace", &c, &lex).side, Side::Unknown);
    }

    #[test]
    fn another_figure_is_not_an_assertion() {
        let c = claim("Turkey has more than 20,000 troops in Syria", vec![account(Stance::Corroborates, "x")]);
        let lex = Lexicon::default();
        assert_eq!(judge("Turkey keeps over 20,000 soldiers in Syria", &c, &lex).side, Side::Asserts);
        assert_eq!(judge("Turkey keeps a few thousand soldiers in Syria", &c, &lex).side, Side::Unknown);
        // A figure of a kind the claim does not state (a year) says nothing against it.
        assert_eq!(judge("In 2024 Turkey kept over 20,000 troops in Syria", &c, &lex).side, Side::Asserts);
    }

    #[test]
    fn a_negation_overrides_own_side_terms() {
        let c = claim(
            "Putin was away in Belarus on those days",
            vec![account(Stance::Conflicts, "Putin stayed in Moscow, his office records show")],
        );
        let lex = Lexicon::default();
        assert_eq!(judge("Putin was not away visiting Belarus", &c, &lex).side, Side::Unknown);
    }

    #[test]
    fn empty_or_symbol_only_selections_are_unknown() {
        let c = claim("a claim", vec![]);
        let lex = Lexicon::default();
        assert_eq!(judge("", &c, &lex), Judgement::UNKNOWN);
        assert_eq!(judge("—…!!", &c, &lex), Judgement::UNKNOWN);
    }
}
