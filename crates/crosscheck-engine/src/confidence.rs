//! Whether a sentence asserts a claim: the decision `lookup` makes after ranking.
//!
//! The ranker orders claims for retrieval; this module answers a different question, "does this
//! sentence carry that claim?", for the few best candidates of each sentence. A reader's sentence
//! from another outlet is often longer than the claim (an attribution clause, a second fact, the
//! background), so what counts is how much of the *claim* the sentence carries (claim-side coverage)
//! as well as how much of the sentence the claim explains (query-side coverage), with the words of
//! a reporting frame ("X said", "according to", "citing", "told reporters") and bare numbers and
//! dates weighing less: a figure or a date supports a match, it does not make one.
//!
//! The decision is a logistic model over `DECISION_FEATURES` features, learned by
//! `examples/decide.rs` (docs/quality.md has the cross-validated figures); its output, from 0 to 1,
//! is the confidence that `lookup` compares with the threshold.

use crate::matcher::{Engine, Evidence};

/// What a query term is, for the decision: content, part of a reporting frame, or a number or date.
pub(crate) const CONTENT: u8 = 0;
pub(crate) const FRAME: u8 = 1;
pub(crate) const NUMBER: u8 = 2;
/// A year (1900-2099): a number that often tells one event from another of the same kind.
pub(crate) const YEAR: u8 = 3;

/// A term the query does not hold, related to one it does (`related`): weighed by its reduced IDF,
/// and counted in the coverage only when the claim has it.
pub(crate) const RELATED: u8 = 4;

/// Whether an analysed term is a year (see `YEAR`).
pub(crate) fn is_year(term: &str) -> bool {
    term.len() == 4 && (term.starts_with("19") || term.starts_with("20")) && term.bytes().all(|b| b.is_ascii_digit())
}

/// How much a frame term and a number or date term weigh in the query's coverage, against 1 for
/// content.
pub(crate) const FRAME_WEIGHT: f32 = 0.15;
pub(crate) const NUMBER_WEIGHT: f32 = 0.35;

/// Words that frame a report rather than carry its content, in English and in the other languages
/// the analyser reads: verbs of saying and reporting, attributions, and the usual subjects of such
/// a frame. Analysed with the same analyser as text (stemmed, folded), so that every form counts.
const FRAME_WORDS: &str = "say says said saying tell tells told report reports reported reporting reportedly \
    according cite cites cited citing quote quoted quoting add added adds state stated announce announced \
    write wrote writes published interview interviewed \
    news agency agencies outlet outlets source sources spokesman spokeswoman spokesperson \
    newspaper broadcaster correspondent reporter reporters journalist \
    describe described note noted insisted \
    قال وقال قالت أفاد افادت وفقا حسب نقلا ذكرت وذكرت أكد وأكد وكالة مصدر مصادر \
    сообщил сообщила сообщили сообщает заявил заявила заявили сказал сказала передает агентство источник \
    dijo afirmó según informó declaró fuente agencia a-t-il selon déclaré indiqué agence laut sagte berichtete";

fn frame_terms() -> &'static Vec<String> {
    static TERMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| {
        let lexicon = crosscheck_text::Lexicon::default();
        let mut terms: Vec<String> =
            FRAME_WORDS.split_whitespace().flat_map(|w| crosscheck_text::analyze(w, &lexicon)).collect();
        terms.sort();
        terms.dedup();
        terms
    })
}

/// The class of an analysed term (see `CONTENT`, `FRAME`, `NUMBER`).
pub(crate) fn classify(term: &str) -> u8 {
    if is_year(term) {
        return YEAR;
    }
    let first = term.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) || term == "percent" {
        return NUMBER;
    }
    const CALENDAR: [&str; 19] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    if CALENDAR.contains(&term) {
        return NUMBER;
    }
    if frame_terms().binary_search_by(|t| t.as_str().cmp(term)).is_ok() {
        return FRAME;
    }
    CONTENT
}

/// The weight a term of this class carries in the query's coverage.
pub(crate) fn class_weight(class: u8) -> f32 {
    match class {
        FRAME => FRAME_WEIGHT,
        NUMBER | YEAR => NUMBER_WEIGHT,
        _ => 1.0,
    }
}

/// From this evidence on (`Evidence::confidence`: a whole quote inside the sentence is 0.8 and
/// more, the sentence inside a quote 1), a candidate is answered as surely as its evidence says.
pub const VERBATIM: f32 = 0.8;

/// How many features the decision combines (the first is the intercept).
pub const DECISION_FEATURES: usize = 16;

/// Learned by `cargo run --release --example decide` (logistic regression).
pub(crate) const DECISION_WEIGHTS: [f32; DECISION_FEATURES] = [
    -4.9289, 0.9808, 0.2452, 0.4169, 1.9801, 3.2885, 1.3563, 0.4868, -0.5429, 0.1286, -1.4780, 0.5144, 1.2836, -0.4353,
    -0.7068, -1.0137,
];

/// The decision's features for one candidate of a sentence: its evidence, its ranking score
/// against the sentence's best and next best, and the sentence's length.
pub fn decision_features(
    e: &Evidence,
    score: f32,
    best: f32,
    runner_up: f32,
    query_terms: usize,
) -> [f32; DECISION_FEATURES] {
    let margin = if score >= best { score - runner_up } else { score - best };
    [
        1.0,
        e.covered,
        e.covered_content,
        e.best_passage,
        e.statement_precision,
        e.best_precision,
        e.claim_entities,
        f32::from(u8::from(e.shares_entity)),
        (e.shared_content as f32).min(8.0) / 8.0,
        e.number_support,
        e.number_share,
        margin.clamp(-3.0, 3.0),
        e.confidence,
        ((query_terms as f32) + 1.0).ln() / 4.0,
        f32::from(u8::from(e.year_agrees)),
        f32::from(u8::from(e.year_conflicts)),
    ]
}

/// The logistic model's output for features `x`.
pub fn probability(x: &[f32; DECISION_FEATURES], w: &[f32; DECISION_FEATURES]) -> f32 {
    let z: f32 = x.iter().zip(w).map(|(a, b)| a * b).sum();
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

/// One candidate of a sentence with what the decision made of it.
#[derive(Clone, Debug)]
pub struct Decision {
    pub claim: usize,
    /// The ranker's score.
    pub score: f32,
    /// The decision's confidence, from 0 to 1 (a verbatim quote is 1).
    pub confidence: f32,
    pub features: [f32; DECISION_FEATURES],
}

impl Engine {
    /// The best candidates of one sentence with the decision's confidence, most confident first:
    /// what `lookup` answers from (and what `examples/decide.rs` learns from).
    pub fn decisions(&self, sentence: &str, depth: usize) -> Vec<Decision> {
        let candidates = self.candidates_for_lookup(sentence, depth);
        let mut scored: Vec<(usize, f32, Evidence)> = candidates
            .into_iter()
            .map(|c| {
                let score = c.features.iter().zip(&self.params.rank_weights).map(|(x, w)| x * w).sum();
                (c.claim, score, c.evidence)
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let best = scored.first().map_or(0.0, |s| s.1);
        let runner_up = scored.get(1).map_or(best - 3.0, |s| s.1);
        let mut out: Vec<Decision> = scored
            .iter()
            .map(|(claim, score, e)| {
                let features = decision_features(e, *score, best, runner_up, e.query_terms);
                let p = probability(&features, &self.params.decision_weights);
                // A verbatim quote (or a sentence inside one, or one around a whole quote) is as
                // sure as the evidence says, whatever the model says.
                let confidence = if e.confidence >= VERBATIM { p.max(e.confidence) } else { p };
                Decision { claim: *claim, score: *score, confidence, features }
            })
            .collect();
        out.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(b.score.total_cmp(&a.score)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_words_numbers_and_dates_are_told_from_content() {
        for w in ["said", "report", "accord", "cite", "agenc"] {
            assert_eq!(classify(w), FRAME, "{w}");
        }
        assert_eq!(classify("2024"), YEAR);
        for w in ["12-08", "2880min", "december", "saturday", "percent"] {
            assert_eq!(classify(w), NUMBER, "{w}");
        }
        for w in ["asylum", "moscow", "@assad", "flee"] {
            assert_eq!(classify(w), CONTENT, "{w}");
        }
    }

    #[test]
    fn the_probability_is_a_logistic_of_the_weighted_sum() {
        let mut x = [0f32; DECISION_FEATURES];
        x[0] = 1.0;
        let mut w = [0f32; DECISION_FEATURES];
        assert!((probability(&x, &w) - 0.5).abs() < 1e-6);
        w[0] = 100.0;
        assert!(probability(&x, &w) > 0.999);
    }
}
