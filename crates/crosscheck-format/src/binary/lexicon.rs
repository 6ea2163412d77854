//! The dataset's aliases and synonyms, analysed: written by the encoder, read back at opening.

use super::error::DecodeError;
use super::reader::Reader;
use crate::model::Dataset;
use crosscheck_text::{analyze, Lexicon, PhraseTerms};

/// The aliases and synonyms of a dataset, analysed, in the order the lexicon takes them: every
/// entity's name and aliases fold to `@id`, every synonym group to `~first`. The compiler analyses
/// passages with the lexicon they make and stores them, so that the engine, which analyses
/// selections with the same lexicon, never analyses them again.
pub fn lexicon_entries(ds: &Dataset) -> Vec<(String, PhraseTerms)> {
    let mut out = Vec::new();
    for e in &ds.entities {
        let canonical = format!("@{}", e.id);
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(p) = PhraseTerms::of(name) {
                out.push((canonical.clone(), p));
            }
        }
    }
    // Other romanisations of the names, after every name the dataset spells itself, so that a
    // generated spelling never takes a phrase another entity defines (the first definition wins).
    // Only of one-word names and aliases (a surname, a place): a selection's "Sergei Shoygu" finds
    // the surname's variant, and the first name is a term of its own either way.
    for e in &ds.entities {
        let canonical = format!("@{}", e.id);
        let one_word = |n: &&String| !n.trim().contains(' ');
        for name in std::iter::once(&e.name).chain(&e.aliases).filter(one_word) {
            for v in crate::variants::name_variants(name) {
                if let Some(p) = PhraseTerms::of(&v) {
                    out.push((canonical.clone(), p));
                }
            }
        }
    }
    for group in &ds.synonyms {
        let Some(first) = group.first() else { continue };
        let canonical = format!("~{}", analyze(first, &Lexicon::default()).join("_"));
        for w in group {
            if let Some(p) = PhraseTerms::of(w) {
                out.push((canonical.clone(), p));
            }
        }
    }
    out
}

/// The lexicon of a dataset in memory (see `lexicon_entries`).
pub fn lexicon(ds: &Dataset) -> Lexicon {
    let mut lexicon = Lexicon::default();
    for (canonical, p) in lexicon_entries(ds) {
        lexicon.insert(p, &canonical);
    }
    lexicon
}

/// The analysed aliases and synonyms, decoded into the tables the analyser matches with.
pub(super) fn read_lexicon(r: &mut Reader) -> Result<Lexicon, DecodeError> {
    let mut lexicon = Lexicon::default();
    for _ in 0..r.count()? {
        let (canonical, phrase) = lexicon_entry(r)?;
        lexicon.insert(phrase, canonical);
    }
    Ok(lexicon)
}

/// One analysed alias or synonym: its canonical term and its terms.
fn lexicon_entry<'a>(r: &mut Reader<'a>) -> Result<(&'a str, PhraseTerms), DecodeError> {
    let canonical = r.text()?;
    let caps_only = r.byte()? != 0;
    let n = r.count()?;
    let mut terms = Vec::with_capacity(n);
    for _ in 0..n {
        terms.push((r.str()?, r.byte()? != 0));
    }
    Ok((canonical, PhraseTerms { terms, caps_only }))
}
