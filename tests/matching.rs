//! Matching quality, checked through the public API on the embedded dataset: verbatim highlights,
//! the seed query file, long selections, and silence on off-topic text.
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::{eval_seed, parse_seed_queries, queries_from_tsv};
use crosscheck_engine::Engine;
use crosscheck_format::source::fold_space;
use std::collections::HashMap;

fn engine() -> Engine {
    Engine::embedded().expect("the embedded dataset opens")
}

/// The sentence around `quote` in `text`, as a reader would select it: looked for within the
/// paragraph (line) that holds the quote, with white space folded.
fn containing_sentence(text: &str, quote: &str) -> Option<String> {
    let paragraph = text.lines().map(fold_space).find(|p| p.contains(quote))?;
    let at = paragraph.find(quote)?;
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '؟');
    let start = paragraph[..at].rfind(|c: char| ends(c)).map_or(0, |i| i + 1);
    let tail = &paragraph[at + quote.len()..];
    let end = tail.find(|c: char| ends(c)).map_or(paragraph.len(), |i| at + quote.len() + i + 1);
    Some(paragraph[start..end].trim().to_string())
}

/// Every account's quote, and the whole sentence around it as a reader would select it, finds a
/// claim that carries that quote first.
#[test]
fn verbatim_highlights_find_their_claim_first() {
    let engine = engine();
    let ds = &engine.to_dataset();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut claims_by_quote: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in ds.claims.iter().enumerate() {
        for a in &c.accounts {
            claims_by_quote.entry(a.quote.clone()).or_default().push(i);
        }
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for c in &ds.claims {
        for a in &c.accounts {
            let source = &ds.sources[a.source as usize];
            let text = texts
                .entry(source.file.clone())
                .or_insert_with(|| std::fs::read_to_string(format!("data/seed/{}", source.file)).unwrap());
            let sentence = containing_sentence(text, &a.quote).unwrap_or_else(|| a.quote.clone());
            // Claims whose quotes lie in this sentence are all right answers for it.
            let allowed: Vec<usize> = claims_by_quote
                .iter()
                .filter(|(q, _)| sentence.contains(q.as_str()) || q.contains(&sentence))
                .flat_map(|(_, v)| v.clone())
                .collect();
            // A fragment of a few words ("So had Assad.") is not something a reader checks on its
            // own; its sentence is.
            let quote_is_a_sentence = a.quote.split_whitespace().count() >= 6;
            for selection in [&a.quote, &sentence].into_iter().filter(|s| quote_is_a_sentence || *s == &sentence) {
                checked += 1;
                let top = engine.lookup(selection).first().map(|m| m.claim);
                if !top.is_some_and(|t| allowed.contains(&t)) {
                    failures.push(format!(
                        "{}: {:?}\n    -> {}",
                        c.id,
                        selection.chars().take(100).collect::<String>(),
                        top.map_or("no match".into(), |t| ds.claims[t].id.clone())
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} verbatim highlights failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The targets of the seed query file: every `pos` query's top match right, no match for any
/// `neg_easy` query, at most one match among the `neg_hard` queries.
#[test]
fn seed_dev_queries_meet_their_targets() {
    let queries = parse_seed_queries(include_str!("data/seed_dev_queries.tsv")).unwrap();
    let report = eval_seed(&engine(), &queries);
    let failed_pos_or_easy: Vec<&String> = report.failures.iter().filter(|f| !f.contains("[neg_hard]")).collect();
    assert!(failed_pos_or_easy.is_empty() && report.neg_hard_matched <= 1, "{}", report.render());
}

/// Tweets about other topics (the CheckThat 2020 queries) must almost never open a popup.
#[test]
fn off_topic_text_stays_silent() {
    let engine = engine();
    let tweets = queries_from_tsv(include_str!("data/checkthat_tweets.tsv"));
    let noisy: Vec<String> = tweets
        .iter()
        .filter(|(_, t)| !engine.lookup(t).is_empty())
        .map(|(id, t)| {
            format!(
                "{id}: {} -> {}",
                t.chars().take(90).collect::<String>(),
                &engine.to_dataset().claims[engine.lookup(t)[0].claim].id
            )
        })
        .collect();
    assert!(
        noisy.len() * 100 <= tweets.len(),
        "{} of {} off-topic tweets matched:\n{}",
        noisy.len(),
        tweets.len(),
        noisy.join("\n")
    );
}

/// A selection of several sentences returns every claim it carries, in text order, each once.
#[test]
fn long_selections_return_each_claim_once_in_order() {
    let engine = engine();
    let ds = &engine.to_dataset();
    let text = std::fs::read_to_string("data/seed/corpus/004_424a3bd56c686995.txt").unwrap();
    // Three whole paragraphs of one article, as a reader would select them, plus the first again.
    let paragraphs: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("Shahin wrote") || l.contains("7:23 a.m.") || l.contains("Russian field commanders"))
        .collect();
    assert_eq!(paragraphs.len(), 3);
    let selection = format!("{}\n{}\n{}\n{}", paragraphs[0], paragraphs[1], paragraphs[2], paragraphs[0]);
    let found = engine.lookup(&selection);
    let ids: Vec<&str> = found.iter().map(|m| ds.claims[m.claim].id.as_str()).collect();
    // Each paragraph's own claim comes back, in the order of the paragraphs.
    let first_of = |p: &str| {
        let best = engine.lookup(p);
        ds.claims[best[0].claim].id.clone()
    };
    let wanted: Vec<String> = paragraphs.iter().map(|p| first_of(p)).collect();
    let positions: Vec<Option<usize>> = wanted.iter().map(|w| ids.iter().position(|f| f == w)).collect();
    assert!(positions.iter().all(Option::is_some), "wanted {wanted:?}, found {ids:?}");
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "not in text order: {ids:?}");
    let mut dedup = ids.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), ids.len(), "duplicates in {ids:?}");
    assert!(found.windows(2).all(|w| w[0].offset <= w[1].offset), "offsets out of order");
}

/// Marking a page marks a claim at every sentence that carries it (a paragraph repeated lower down,
/// a caption printed twice), where a selection's lookup names each claim once; the sentences it
/// marks are the ones lookup finds, and every mark is a whole sentence of the text.
#[test]
fn marking_marks_every_sentence_that_carries_a_claim() {
    let engine = engine();
    let text = std::fs::read_to_string("data/seed/corpus/004_424a3bd56c686995.txt").unwrap();
    let paragraph = text.lines().find(|l| l.contains("Shahin wrote")).unwrap();
    let once = engine.marks(paragraph);
    assert!(!once.is_empty(), "the paragraph carries a claim");
    let twice = format!("{paragraph}\n{paragraph}");
    let marks = engine.marks(&twice);
    assert_eq!(marks.len(), 2 * once.len(), "each sentence of each copy: {marks:?}");
    let second = paragraph.len() + 1;
    for (a, b) in once.iter().zip(&marks[once.len()..]) {
        assert_eq!((a.claim, a.offset + second, a.end + second), (b.claim, b.offset, b.end));
    }
    // lookup still names each claim once, at its first sentence.
    let looked_up = engine.lookup(&twice);
    assert!(looked_up.iter().all(|m| m.end <= paragraph.len()), "{looked_up:?}");
    let mut claims: Vec<usize> = marks.iter().map(|m| m.claim).collect();
    claims.sort();
    claims.dedup();
    assert_eq!(claims.len(), looked_up.len());
}

/// Selections are bounded: a huge one is cut, and still answers quickly and correctly.
#[test]
fn huge_selections_are_bounded() {
    let engine = engine();
    let quote = &&engine.to_dataset().claims[0].accounts[0].quote;
    let huge = format!("{quote} {}", "lorem ipsum dolor sit amet. ".repeat(40_000));
    let started = std::time::Instant::now();
    let found = engine.lookup(&huge);
    assert_eq!(found.first().map(|m| m.claim), Some(0));
    assert!(started.elapsed().as_secs() < 5, "a 1 MB selection took {:?}", started.elapsed());
}
