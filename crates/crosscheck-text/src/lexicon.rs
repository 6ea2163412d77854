//! The dataset's aliases and synonyms, matched as phrases and folded to one term each.

use crate::basic;
use crate::hash::Fx;
use crate::Stemmed;
use std::collections::HashMap;

/// One alias or synonym phrase after its first content term.
#[derive(Debug, Clone)]
struct Phrase {
    /// The remaining terms, each with its stop-word flag.
    rest: Vec<(String, bool)>,
    /// Whether the phrase only matches text in capitals.
    caps_only: bool,
    canonical: String,
}

/// The phrases that start with one term, split by their second term so that a word shared by
/// thousands of aliases ("President X") costs one hash lookup, not a scan of all of them.
#[derive(Default, Debug, Clone)]
struct Starts {
    by_second: HashMap<String, Vec<Phrase>, Fx>,
    /// Phrases of one term, and phrases whose second term is a stop word.
    other: Vec<Phrase>,
}

/// The dataset's aliases and synonyms, as term sequences that fold to one canonical term.
#[derive(Default, Debug, Clone)]
pub struct Lexicon {
    phrases: HashMap<String, Starts, Fx>,
}

/// An alias or synonym as the lexicon matches it: its terms from the first content word on, each
/// with whether it is a stop word, and whether it only matches text in capitals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseTerms {
    pub terms: Vec<(String, bool)>,
    pub caps_only: bool,
}

impl PhraseTerms {
    /// Analyses a phrase; `None` when it has no content word.
    pub fn of(phrase: &str) -> Option<PhraseTerms> {
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        let caps_only = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let all = basic(phrase);
        // A phrase is keyed by its first content word; its stop words must match only where the
        // phrase has them ("heads up"), and text stop words are skipped elsewhere.
        let start = all.iter().position(|s| !s.stop)?;
        let content = all.iter().filter(|s| !s.stop).count();
        // With two or more content words the stop words are optional ("chief of general staff");
        // a phrase of one content word keeps them, or "heads up" would be just "heads".
        let terms: Vec<(String, bool)> =
            all[start..].iter().filter(|s| content < 2 || !s.stop).map(|s| (s.term.clone(), s.stop)).collect();
        Some(PhraseTerms { terms, caps_only })
    }
}

/// Inserts keeping the longest phrases first, so that the longest match wins.
fn insert_longest_first(list: &mut Vec<Phrase>, p: Phrase) {
    let at = list.partition_point(|q| q.rest.len() >= p.rest.len());
    list.insert(at, p);
}

impl Lexicon {
    /// Adds a phrase that folds to `canonical`. An alias written in capitals (HTS, US) only matches
    /// text in capitals, so that the pronoun "us" never becomes the United States.
    pub fn add(&mut self, phrase: &str, canonical: &str) {
        if let Some(p) = PhraseTerms::of(phrase) {
            self.insert(p, canonical);
        }
    }

    /// Adds a phrase already analysed (a compiled dataset stores its lexicon analysed, so that
    /// opening it analyses no text).
    pub fn insert(&mut self, p: PhraseTerms, canonical: &str) {
        let PhraseTerms { mut terms, caps_only } = p;
        if terms.is_empty() {
            return;
        }
        // The terms are moved into the tables, and a key is copied only when it is new, rather than
        // every term cloned on every insert: opening a dataset inserts each of its phrases.
        let (first, _) = terms.remove(0);
        let second = terms.first().filter(|(_, stop)| !stop).map(|(t, _)| t.as_str());
        let starts = match self.phrases.get_mut(&first) {
            Some(starts) => starts,
            None => self.phrases.entry(first).or_default(),
        };
        // The first definition of a phrase (the same terms, stop words or not, and the same caps
        // rule) wins, so that datasets are read predictably. One with the same terms can only be in
        // the list of its second term or among the others (a term's stop flag depends on its
        // capitals, so it can be in either), and those lists are short.
        let same = |q: &Phrase| {
            q.caps_only == caps_only
                && q.rest.len() == terms.len()
                && q.rest.iter().zip(&terms).all(|(a, b)| a.0 == b.0)
        };
        let keyed = terms.first().and_then(|(t, _)| starts.by_second.get(t.as_str()));
        if keyed.is_some_and(|list| list.iter().any(same)) || starts.other.iter().any(same) {
            return;
        }
        let list = match second {
            Some(second) => match starts.by_second.get_mut(second) {
                Some(list) => list,
                None => starts.by_second.entry(second.to_string()).or_default(),
            },
            None => &mut starts.other,
        };
        insert_longest_first(list, Phrase { rest: terms, caps_only, canonical: canonical.to_string() });
    }

    /// The longest phrase starting at `terms[i]` that matches: where it ends and its canonical term.
    pub(crate) fn longest_match(&self, terms: &[Stemmed], i: usize) -> Option<(usize, &str)> {
        let starts = self.phrases.get(&terms[i].term)?;
        let next = terms[i + 1..].iter().find(|t| !t.stop).map(|t| t.term.as_str());
        let keyed = next.and_then(|n| starts.by_second.get(n)).map(Vec::as_slice).unwrap_or(&[]);
        let mut best: Option<(usize, &str)> = None;
        for list in [keyed, starts.other.as_slice()] {
            // Each list is longest first, so its first match is its longest.
            let found = list
                .iter()
                .filter(|p| !p.caps_only || terms[i].caps)
                .find_map(|p| match_rest(terms, i + 1, &p.rest).map(|end| (end, p.canonical.as_str())));
            if let Some((end, canonical)) = found {
                if best.map_or(true, |(b, _)| end > b) {
                    best = Some((end, canonical));
                }
            }
        }
        best
    }
}

/// Matches a phrase's remaining terms against text from position `i`; returns where the match ends.
/// Stop words in the text are skipped unless the phrase expects one there.
fn match_rest(terms: &[Stemmed], mut i: usize, rest: &[(String, bool)]) -> Option<usize> {
    for (want, want_stop) in rest {
        loop {
            let t = terms.get(i)?;
            if t.term == *want {
                i += 1;
                break;
            }
            if *want_stop {
                return None;
            }
            if t.stop {
                i += 1;
                continue;
            }
            return None;
        }
    }
    Some(i)
}
